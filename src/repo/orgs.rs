//! Organizations (образовательные организации).

use super::Pool;
use crate::domain::OrgKind;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct Org {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub tz: String,
    pub stage: i64,
}

impl Org {
    pub fn kind(&self) -> Option<OrgKind> {
        OrgKind::from_code(&self.kind)
    }
}

pub async fn create(pool: &Pool, name: &str, kind: OrgKind, tz: &str, now: DateTime<Utc>) -> sqlx::Result<i64> {
    let id = sqlx::query("INSERT INTO organizations (name, kind, tz, created_at) VALUES (?, ?, ?, ?)")
        .bind(name)
        .bind(kind.code())
        .bind(tz)
        .bind(now)
        .execute(pool)
        .await?
        .last_insert_rowid();
    Ok(id)
}

pub async fn list(pool: &Pool) -> sqlx::Result<Vec<Org>> {
    sqlx::query_as("SELECT id, name, kind, tz, stage FROM organizations ORDER BY name, id").fetch_all(pool).await
}

pub async fn get(pool: &Pool, id: i64) -> sqlx::Result<Option<Org>> {
    sqlx::query_as("SELECT id, name, kind, tz, stage FROM organizations WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::testutil::*;

    #[tokio::test]
    async fn create_get_list() {
        let pool = pool().await;
        let b = create(&pool, "Школа № 2", OrgKind::School, "Asia/Irkutsk", t0()).await.unwrap();
        let a = create(&pool, "Детский сад «Солнышко»", OrgKind::Kindergarten, "Europe/Moscow", t0()).await.unwrap();
        let all = list(&pool).await.unwrap();
        assert_eq!(all.iter().map(|o| o.id).collect::<Vec<_>>(), vec![a, b]);
        let org = get(&pool, b).await.unwrap().unwrap();
        assert_eq!(org.kind(), Some(OrgKind::School));
        assert_eq!(org.tz, "Asia/Irkutsk");
        assert_eq!(org.stage, 1);
        assert!(get(&pool, 999).await.unwrap().is_none());
    }
}
