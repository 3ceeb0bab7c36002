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

pub async fn create(
    pool: &Pool,
    name: &str,
    kind: OrgKind,
    tz: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let id =
        sqlx::query("INSERT INTO organizations (name, kind, tz, created_at) VALUES (?, ?, ?, ?)")
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
    sqlx::query_as("SELECT id, name, kind, tz, stage FROM organizations ORDER BY name, id")
        .fetch_all(pool)
        .await
}

pub async fn get(pool: &Pool, id: i64) -> sqlx::Result<Option<Org>> {
    sqlx::query_as("SELECT id, name, kind, tz, stage FROM organizations WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// (id, name) of every organization, for the duplicate check.
pub async fn names(pool: &Pool) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as("SELECT id, name FROM organizations ORDER BY id")
        .fetch_all(pool)
        .await
}

/// Renames an organization; false when there is none with this id.
pub async fn rename(pool: &Pool, id: i64, name: &str) -> sqlx::Result<bool> {
    let n = sqlx::query("UPDATE organizations SET name = ? WHERE id = ?")
        .bind(name)
        .bind(id)
        .execute(pool)
        .await?
        .rows_affected();
    Ok(n > 0)
}

pub async fn set_kind(pool: &Pool, id: i64, kind: OrgKind) -> sqlx::Result<bool> {
    let n = sqlx::query("UPDATE organizations SET kind = ? WHERE id = ?")
        .bind(kind.code())
        .bind(id)
        .execute(pool)
        .await?
        .rows_affected();
    Ok(n > 0)
}

/// Changes the time zone (the caller checks that `tz` is a known zone).
pub async fn set_tz(pool: &Pool, id: i64, tz: &str) -> sqlx::Result<bool> {
    let n = sqlx::query("UPDATE organizations SET tz = ? WHERE id = ?")
        .bind(tz)
        .bind(id)
        .execute(pool)
        .await?
        .rows_affected();
    Ok(n > 0)
}

/// What refers to an organization: people, roles, invitations, requests, pairs, resignations,
/// chats, practices, announcements.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub people: i64,
    pub roles: i64,
    pub invites: i64,
    pub requests: i64,
    pub pairs: i64,
    pub resignations: i64,
    pub chats: i64,
    pub practices: i64,
    pub announcements: i64,
}

impl Usage {
    pub fn is_empty(&self) -> bool {
        *self == Usage::default()
    }
}

/// Every table with an organization id (the announcements' scope is a comma-separated list).
const ORG_COLUMNS: &[&str] = &[
    "users",
    "roles",
    "invites",
    "requests",
    "pairs",
    "resignations",
    "community_chats",
    "practices",
];

/// How much refers to organization `id`.
pub async fn usage(pool: &Pool, id: i64) -> sqlx::Result<Usage> {
    usage_in(&mut *pool.acquire().await?, id).await
}

fn scope_ids(scope: &str) -> Vec<i64> {
    scope
        .split(',')
        .filter_map(|p| p.trim().parse().ok())
        .collect()
}

/// Why an organization could not be removed or merged.
#[derive(Debug, thiserror::Error)]
pub enum OrgError {
    #[error("no organization with id {0}")]
    NotFound(i64),
    #[error("an organization cannot be merged into itself")]
    SameOrg,
    #[error("the organization is in use")]
    InUse(Usage),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Removes an organization nothing refers to.
pub async fn remove(pool: &Pool, id: i64) -> Result<(), OrgError> {
    let mut tx = crate::db::write(pool).await?;
    if get_in(&mut tx, id).await?.is_none() {
        return Err(OrgError::NotFound(id));
    }
    // checked inside the write transaction: nothing can start referring to it meanwhile
    let usage = usage_in(&mut tx, id).await?;
    if !usage.is_empty() {
        return Err(OrgError::InUse(usage));
    }
    sqlx::query("DELETE FROM organizations WHERE id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Moves everything of organization `from` into `into` and removes `from`, in one
/// transaction: people, roles (a role held in both is kept once), invitations, requests,
/// pairs, resignations, chats, practices and the announcements' scopes. `into` keeps its
/// name, kind, time zone and stage. Returns what was moved.
pub async fn merge(pool: &Pool, from: i64, into: i64) -> Result<Usage, OrgError> {
    if from == into {
        return Err(OrgError::SameOrg);
    }
    let mut tx = crate::db::write(pool).await?;
    for id in [from, into] {
        if get_in(&mut tx, id).await?.is_none() {
            return Err(OrgError::NotFound(id));
        }
    }
    let moved = usage_in(&mut tx, from).await?;
    // a role held in both organizations would break roles_unique: keep the one in `into`
    sqlx::query(
        "DELETE FROM roles WHERE org_id = ?1 AND EXISTS \
         (SELECT 1 FROM roles r WHERE r.user_id = roles.user_id AND r.role = roles.role AND r.org_id = ?2)",
    )
    .bind(from)
    .bind(into)
    .execute(&mut *tx)
    .await?;
    for table in ORG_COLUMNS {
        sqlx::query(&format!("UPDATE {table} SET org_id = ?2 WHERE org_id = ?1"))
            .bind(from)
            .bind(into)
            .execute(&mut *tx)
            .await?;
    }
    let scopes: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, org_scope FROM announcements WHERE org_scope IS NOT NULL")
            .fetch_all(&mut *tx)
            .await?;
    for (id, scope) in scopes {
        let ids = scope_ids(&scope);
        if !ids.contains(&from) {
            continue;
        }
        let mut new: Vec<i64> = ids
            .into_iter()
            .map(|o| if o == from { into } else { o })
            .collect();
        new.sort_unstable();
        new.dedup();
        let text = new.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        sqlx::query("UPDATE announcements SET org_scope = ? WHERE id = ?")
            .bind(text)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM organizations WHERE id = ?")
        .bind(from)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(moved)
}

async fn get_in(tx: &mut sqlx::SqliteConnection, id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM organizations WHERE id = ?")
        .bind(id)
        .fetch_optional(tx)
        .await
}

async fn usage_in(tx: &mut sqlx::SqliteConnection, id: i64) -> sqlx::Result<Usage> {
    let mut counts = Vec::with_capacity(ORG_COLUMNS.len());
    for table in ORG_COLUMNS {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table} WHERE org_id = ?"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        counts.push(n);
    }
    let scopes: Vec<String> =
        sqlx::query_scalar("SELECT org_scope FROM announcements WHERE org_scope IS NOT NULL")
            .fetch_all(&mut *tx)
            .await?;
    let announcements = scopes.iter().filter(|s| scope_ids(s).contains(&id)).count() as i64;
    Ok(Usage {
        people: counts[0],
        roles: counts[1],
        invites: counts[2],
        requests: counts[3],
        pairs: counts[4],
        resignations: counts[5],
        chats: counts[6],
        practices: counts[7],
        announcements,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::testutil::*;

    #[tokio::test]
    async fn create_get_list() {
        let pool = pool().await;
        let b = create(&pool, "Школа № 2", OrgKind::School, "Asia/Irkutsk", t0())
            .await
            .unwrap();
        let a = create(
            &pool,
            "Детский сад «Солнышко»",
            OrgKind::Kindergarten,
            "Europe/Moscow",
            t0(),
        )
        .await
        .unwrap();
        let all = list(&pool).await.unwrap();
        assert_eq!(all.iter().map(|o| o.id).collect::<Vec<_>>(), vec![a, b]);
        let org = get(&pool, b).await.unwrap().unwrap();
        assert_eq!(org.kind(), Some(OrgKind::School));
        assert_eq!(org.tz, "Asia/Irkutsk");
        assert_eq!(org.stage, 1);
        assert!(get(&pool, 999).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn rename_kind_and_time_zone() {
        let pool = pool().await;
        let id = create(&pool, "Школа № 2", OrgKind::School, "Europe/Moscow", t0())
            .await
            .unwrap();
        assert!(rename(&pool, id, "МБОУ СОШ № 2").await.unwrap());
        assert!(set_kind(&pool, id, OrgKind::College).await.unwrap());
        assert!(set_tz(&pool, id, "Asia/Yekaterinburg").await.unwrap());
        let o = get(&pool, id).await.unwrap().unwrap();
        assert_eq!(
            (o.name.as_str(), o.kind(), o.tz.as_str()),
            ("МБОУ СОШ № 2", Some(OrgKind::College), "Asia/Yekaterinburg")
        );
        assert!(!rename(&pool, 999, "x").await.unwrap());
        assert_eq!(
            names(&pool).await.unwrap(),
            vec![(id, "МБОУ СОШ № 2".to_string())]
        );
    }

    #[tokio::test]
    async fn merge_moves_everything_in_one_go_and_keeps_a_shared_role_once() {
        use crate::domain::Role;
        use crate::repo::{invites, users};
        let pool = pool().await;
        let (into, curator) = registered(&pool, 1, Role::Curator).await;
        let (from, mentor) = registered(&pool, 2, Role::Mentor).await;
        // the curator of `into` also curates `from`: one role after the merge
        users::grant_role(&pool, curator.id, Role::Curator, Some(from), t0())
            .await
            .unwrap();
        invites::create(&pool, Role::Mentee, Some(from), 5, Some(30), None, t0())
            .await
            .unwrap();
        sqlx::query("INSERT INTO community_chats (chat_id, title, kind, org_id, added_at) VALUES (-100, 'Чат', 'org', ?, ?)")
            .bind(from)
            .bind(t0())
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO announcements (author_id, org_scope, body, targets, status, send_at, created_at) VALUES (?, ?, 'x', 'chat:org', 'sent', ?, ?)")
            .bind(curator.id)
            .bind(format!("{into},{from}"))
            .bind(t0())
            .bind(t0())
            .execute(&pool)
            .await
            .unwrap();
        let before = usage(&pool, from).await.unwrap();
        assert_eq!(
            (
                before.people,
                before.roles,
                before.invites,
                before.chats,
                before.announcements
            ),
            (1, 2, 1, 1, 1)
        );

        let moved = merge(&pool, from, into).await.unwrap();
        assert_eq!(moved, before);
        assert!(
            get(&pool, from).await.unwrap().is_none(),
            "the twin is gone"
        );
        assert!(
            usage(&pool, from).await.unwrap().is_empty(),
            "nothing refers to it any more"
        );
        let after = usage(&pool, into).await.unwrap();
        assert_eq!(
            (
                after.people,
                after.roles,
                after.invites,
                after.chats,
                after.announcements
            ),
            (2, 2, 1, 1, 1)
        );
        let m = users::by_id(&pool, mentor.id).await.unwrap().unwrap();
        assert_eq!(m.org_id, Some(into));
        let scope: String = sqlx::query_scalar("SELECT org_scope FROM announcements")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(scope, into.to_string());

        assert!(matches!(
            merge(&pool, into, into).await,
            Err(OrgError::SameOrg)
        ));
        assert!(matches!(
            merge(&pool, 999, into).await,
            Err(OrgError::NotFound(999))
        ));
    }

    #[tokio::test]
    async fn only_an_empty_organization_is_removed() {
        use crate::domain::Role;
        let pool = pool().await;
        let (busy, _) = registered(&pool, 1, Role::Mentee).await;
        let empty = create(
            &pool,
            "Пустая",
            OrgKind::Kindergarten,
            "Europe/Moscow",
            t0(),
        )
        .await
        .unwrap();
        match remove(&pool, busy).await {
            Err(OrgError::InUse(u)) => assert_eq!((u.people, u.roles), (1, 1)),
            other => panic!("{other:?}"),
        }
        assert!(get(&pool, busy).await.unwrap().is_some());
        remove(&pool, empty).await.unwrap();
        assert!(get(&pool, empty).await.unwrap().is_none());
        assert!(matches!(
            remove(&pool, empty).await,
            Err(OrgError::NotFound(_))
        ));
    }
}
