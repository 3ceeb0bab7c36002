//! What organizations state about themselves once a school year (`school_facts`, 004 Table 1).

use super::Pool;
use crate::domain::school::{Regulation, Stated};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

type Row = (
    i64,
    i32,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<NaiveDate>,
    bool,
);

fn stated((_, school_year, teachers, young, new_heads, date, not_adopted): Row) -> Stated {
    let regulation = match (date, not_adopted) {
        (Some(d), _) => Regulation::Adopted(d),
        (None, true) => Regulation::NotAdopted,
        (None, false) => Regulation::Unknown,
    };
    Stated {
        school_year,
        teachers,
        young,
        new_heads,
        regulation,
    }
}

const COLS: &str =
    "org_id, school_year, teachers, young_teachers, new_heads, regulation_date, no_regulation";

/// The statement in force for a school year: the latest one up to it.
pub async fn latest(pool: &Pool, org_id: i64, up_to_year: i32) -> sqlx::Result<Option<Stated>> {
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLS} FROM school_facts WHERE org_id = ? AND school_year <= ? ORDER BY school_year DESC LIMIT 1"))
        .bind(org_id)
        .bind(up_to_year)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(stated))
}

/// The statements in force for a school year of every organization (or one), by organization.
pub async fn latest_all(
    pool: &Pool,
    org: Option<i64>,
    up_to_year: i32,
) -> sqlx::Result<HashMap<i64, Stated>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLS} FROM school_facts f
          WHERE (?1 IS NULL OR f.org_id = ?1) AND f.school_year = (SELECT MAX(g.school_year) FROM school_facts g WHERE g.org_id = f.org_id AND g.school_year <= ?2)"
    ))
    .bind(org)
    .bind(up_to_year)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.0, stated(r))).collect())
}

/// Stores an organization's statement for its school year (a second one that year replaces it).
pub async fn set(pool: &Pool, org_id: i64, s: &Stated, now: DateTime<Utc>) -> sqlx::Result<()> {
    let (date, not_adopted) = match s.regulation {
        Regulation::Adopted(d) => (Some(d), false),
        Regulation::NotAdopted => (None, true),
        Regulation::Unknown => (None, false),
    };
    sqlx::query(
        "INSERT INTO school_facts (org_id, school_year, teachers, young_teachers, new_heads, regulation_date, no_regulation, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(org_id, school_year) DO UPDATE SET teachers = excluded.teachers, young_teachers = excluded.young_teachers,
           new_heads = excluded.new_heads, regulation_date = excluded.regulation_date, no_regulation = excluded.no_regulation,
           updated_at = excluded.updated_at",
    )
    .bind(org_id)
    .bind(s.school_year)
    .bind(s.teachers)
    .bind(s.young)
    .bind(s.new_heads)
    .bind(date)
    .bind(not_adopted)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::OrgKind;
    use crate::repo::orgs;
    use crate::repo::testutil::{pool, t0};

    #[tokio::test]
    async fn a_statement_holds_until_the_next_one_and_a_restatement_replaces_it() {
        let pool = pool().await;
        let a = orgs::create(&pool, "Школа № 1", OrgKind::School, "Europe/Moscow", t0())
            .await
            .unwrap();
        let b = orgs::create(
            &pool,
            "Детский сад № 2",
            OrgKind::Kindergarten,
            "Europe/Moscow",
            t0(),
        )
        .await
        .unwrap();
        assert_eq!(latest(&pool, a, 2026).await.unwrap(), None);
        let adopted = NaiveDate::from_ymd_opt(2025, 8, 30).unwrap();
        let s25 = Stated {
            school_year: 2025,
            teachers: Some(40),
            young: Some(5),
            new_heads: Some(1),
            regulation: Regulation::Adopted(adopted),
        };
        set(&pool, a, &s25, t0()).await.unwrap();
        // 2026/27 has no statement yet: 2025/26's holds; 2024/25 had none
        assert_eq!(latest(&pool, a, 2026).await.unwrap(), Some(s25));
        assert_eq!(latest(&pool, a, 2024).await.unwrap(), None);
        let s26 = Stated {
            school_year: 2026,
            teachers: Some(42),
            young: None,
            new_heads: Some(0),
            regulation: Regulation::NotAdopted,
        };
        set(&pool, a, &s26, t0()).await.unwrap();
        set(
            &pool,
            a,
            &Stated {
                teachers: Some(43),
                ..s26
            },
            t0(),
        )
        .await
        .unwrap();
        assert_eq!(
            latest(&pool, a, 2026).await.unwrap(),
            Some(Stated {
                teachers: Some(43),
                ..s26
            }),
            "restated the same year"
        );
        set(
            &pool,
            b,
            &Stated {
                school_year: 2026,
                ..Stated::default()
            },
            t0(),
        )
        .await
        .unwrap();
        let all = latest_all(&pool, None, 2026).await.unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[&a].teachers, Some(43));
        assert_eq!(
            all[&b].regulation,
            Regulation::Unknown,
            "nothing stated about the regulation"
        );
        assert_eq!(latest_all(&pool, Some(b), 2025).await.unwrap().len(), 0);
        assert_eq!(latest_all(&pool, None, 2025).await.unwrap()[&a], s25);
        // an organization removed takes its statements with it
        sqlx::query("DELETE FROM organizations WHERE id = ?")
            .bind(b)
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(latest_all(&pool, None, 2026).await.unwrap().len(), 1);
    }
}
