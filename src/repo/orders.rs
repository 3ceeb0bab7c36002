//! The head's orders (приказ): one order fixes one or many pairs and groups of an organization.

use super::history;
use super::Pool;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Order {
    pub id: i64,
    pub org_id: Option<i64>,
    pub number: String,
    pub order_date: NaiveDate,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
}

const COLS: &str = "id, org_id, number, order_date, created_by, created_at";

pub async fn get(pool: &Pool, id: i64) -> sqlx::Result<Option<Order>> {
    sqlx::query_as(&format!("SELECT {COLS} FROM orders WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Records an order for pairs of one organization: the same number and date entered again is
/// the same order. Pairs of another organization, or ended ones, are left alone. Returns the
/// order's id and how many pairs it now fixes among those given.
pub async fn record(
    pool: &Pool,
    org_id: i64,
    pair_ids: &[i64],
    number: &str,
    date: NaiveDate,
    actor: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<(i64, u64)> {
    let mut tx = crate::db::write(pool).await?;
    sqlx::query("INSERT OR IGNORE INTO orders (org_id, number, order_date, created_by, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind(org_id)
        .bind(number)
        .bind(date)
        .bind(actor)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let (order_id,): (i64,) = sqlx::query_as(
        "SELECT id FROM orders WHERE COALESCE(org_id, 0) = ? AND number = ? AND order_date = ?",
    )
    .bind(org_id)
    .bind(number)
    .bind(date)
    .fetch_one(&mut *tx)
    .await?;
    let mut fixed = 0;
    for &pair_id in pair_ids {
        let done = sqlx::query("UPDATE pairs SET order_id = ? WHERE id = ? AND org_id = ? AND status = 'active' AND order_id IS NOT ?")
            .bind(order_id)
            .bind(pair_id)
            .bind(org_id)
            .bind(order_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 1 {
            fixed += 1;
            history::record(
                &mut tx,
                "pair",
                pair_id,
                Some(actor),
                Some("active"),
                "active",
                Some(&format!("order {number} {date}")),
                now,
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok((order_id, fixed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{OrgKind, Role};
    use crate::repo::testutil::*;
    use crate::repo::{orgs, pairs};

    /// A pair inserted directly (the way to a pair is tested in `repo::requests`).
    pub(crate) async fn bare_pair(pool: &Pool, org: i64, mentor: i64, start: &str) -> i64 {
        sqlx::query_as("INSERT INTO pairs (org_id, mentor_id, forms, start_date, planned_end, status, created_at) VALUES (?, ?, 'traditional', ?, '2027-05-31', 'active', ?) RETURNING id")
            .bind(org)
            .bind(mentor)
            .bind(start)
            .bind(t0())
            .fetch_one(pool)
            .await
            .map(|r: (i64,)| r.0)
            .unwrap()
    }

    #[tokio::test]
    async fn one_order_fixes_many_pairs_and_only_of_its_school() {
        let pool = pool().await;
        let (org, curator) = registered(&pool, 1, Role::Curator).await;
        let other = orgs::create(&pool, "Школа № 2", OrgKind::School, "Europe/Moscow", t0())
            .await
            .unwrap();
        let p1 = bare_pair(&pool, org, curator.id, "2026-09-01").await;
        let p2 = bare_pair(&pool, org, curator.id, "2026-09-01").await;
        let p3 = bare_pair(&pool, org, curator.id, "2026-09-01").await;
        let foreign = bare_pair(&pool, other, curator.id, "2026-09-01").await;
        assert_eq!(pairs::awaiting_order(&pool, org).await.unwrap().len(), 3);
        let date = NaiveDate::from_ymd_opt(2026, 9, 2).unwrap();
        let (id, n) = record(
            &pool,
            org,
            &[p1, foreign],
            "01-12/45",
            date,
            curator.id,
            t0(),
        )
        .await
        .unwrap();
        assert_eq!(n, 1, "the other school's pair is not touched");
        assert_eq!(
            pairs::get(&pool, foreign).await.unwrap().unwrap().order_id,
            None
        );
        // the same order again, for the rest: one order row
        let (again, n) = record(
            &pool,
            org,
            &[p1, p2, p3],
            "01-12/45",
            date,
            curator.id,
            t0(),
        )
        .await
        .unwrap();
        assert_eq!((again, n), (id, 2));
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM orders")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(count, 1);
        let p = pairs::get(&pool, p2).await.unwrap().unwrap();
        assert_eq!(
            (p.order_id, p.order_no.as_deref(), p.order_date),
            (Some(id), Some("01-12/45"), Some(date))
        );
        assert!(pairs::awaiting_order(&pool, org).await.unwrap().is_empty());
        let o = get(&pool, id).await.unwrap().unwrap();
        assert_eq!(
            (o.number.as_str(), o.order_date, o.created_by),
            ("01-12/45", date, Some(curator.id))
        );
        assert!(history::of(&pool, "pair", p3)
            .await
            .unwrap()
            .iter()
            .any(|h| h.reason.as_deref() == Some("order 01-12/45 2026-09-02")));
    }

    /// The migration moves the free-text orders pairs carried: «Приказ 01-12/45» loses the
    /// word, the year 0026 becomes 2026, two pairs with the same order share one row.
    #[tokio::test]
    async fn old_free_text_orders_are_moved_and_repaired() {
        use sqlx::migrate::Migrate;
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect("sqlite::memory:")
            .await
            .unwrap();
        let mut conn = pool.acquire().await.unwrap();
        conn.ensure_migrations_table().await.unwrap();
        for m in crate::db::MIGRATOR.iter().filter(|m| m.version < 11) {
            conn.apply(m).await.unwrap();
        }
        sqlx::query(
            "INSERT INTO organizations (id, name, kind, tz, created_at) VALUES (1, 'Школа', 'school', 'Europe/Moscow', '2026-08-01T00:00:00+00:00');
             INSERT INTO users (id, created_at, updated_at) VALUES (1, '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00');
             INSERT INTO roles (user_id, role, org_id, granted_at) VALUES (1, 'curator', 1, '2026-08-01T00:00:00+00:00');
             INSERT INTO invites (code, role, org_id, uses_left, created_at) VALUES ('abcdefgh', 'mentor', 1, 1, '2026-08-01T00:00:00+00:00');
             INSERT INTO invite_uses (code, user_id, used_at) VALUES ('abcdefgh', 1, '2026-08-01T00:00:00+00:00');
             INSERT INTO pairs (id, org_id, mentor_id, forms, start_date, planned_end, order_no, order_date, status, created_at) VALUES
               (1, 1, 1, 'traditional', '2026-09-01', '2027-05-31', 'Приказ 01-12/45', '2026-09-02', 'active', '2026-09-01T00:00:00+00:00'),
               (2, 1, 1, 'traditional', '2026-09-01', '2027-05-31', '46', '0026-09-02', 'active', '2026-09-01T00:00:00+00:00'),
               (3, 1, 1, 'traditional', '2026-09-01', '2027-05-31', '№ 01-12/45', '2026-09-02', 'active', '2026-09-01T00:00:00+00:00'),
               (4, 1, 1, 'traditional', '2026-09-01', '2027-05-31', NULL, NULL, 'active', '2026-09-01T00:00:00+00:00');",
        )
        .execute(&mut *conn)
        .await
        .unwrap();
        for m in crate::db::MIGRATOR.iter().filter(|m| m.version >= 11) {
            conn.apply(m).await.unwrap();
        }
        drop(conn);
        let rows: Vec<(i64, Option<String>, Option<NaiveDate>)> = sqlx::query_as(
            "SELECT p.id, o.number, o.order_date FROM pairs p LEFT JOIN orders o ON o.id = p.order_id ORDER BY p.id",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 9, 2).unwrap();
        assert_eq!(
            rows,
            vec![
                (1, Some("01-12/45".into()), Some(d)),
                (2, Some("46".into()), Some(d)),
                (3, Some("01-12/45".into()), Some(d)),
                (4, None, None)
            ]
        );
        let (orders,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM orders")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(orders, 2);
        // roles and invitations kept their rows and now admit the head
        let (uses,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM invite_uses")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(uses, 1);
        sqlx::query("INSERT INTO roles (user_id, role, org_id, granted_at) VALUES (1, 'head', 1, '2026-08-01')").execute(&pool).await.unwrap();
        sqlx::query("INSERT INTO invites (code, role, org_id, uses_left, created_at) VALUES ('head1234', 'head', 1, 1, '2026-08-01')").execute(&pool).await.unwrap();
        assert!(sqlx::query("INSERT INTO roles (user_id, role, org_id, granted_at) VALUES (1, 'boss', 1, '2026-08-01')").execute(&pool).await.is_err());
    }
}
