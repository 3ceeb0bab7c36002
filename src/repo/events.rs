//! The district's events on mentoring that were held (проведённые мероприятия), with the
//! organizations that took part: the coordinator records them; the indicators count them.

use super::Pool;
use crate::domain::monitoring::EventFacts;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, PartialEq)]
pub struct HeldEvent {
    pub id: i64,
    pub title: String,
    pub held_on: NaiveDate,
    /// Organization ids, ascending.
    pub orgs: Vec<i64>,
}

/// Records a held event and the organizations that took part (unknown ids are refused by
/// the foreign key); returns its id.
pub async fn record(
    pool: &Pool,
    title: &str,
    held_on: NaiveDate,
    orgs: &[i64],
    recorded_by: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let mut tx = crate::db::write(pool).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO held_events (title, held_on, recorded_by, created_at) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(title)
    .bind(held_on)
    .bind(recorded_by)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    for org in orgs {
        sqlx::query("INSERT OR IGNORE INTO held_event_orgs (event_id, org_id) VALUES (?, ?)")
            .bind(id)
            .bind(org)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Events held between two dates (inclusive), by date.
pub async fn between(pool: &Pool, from: NaiveDate, to: NaiveDate) -> sqlx::Result<Vec<HeldEvent>> {
    let rows: Vec<(i64, String, NaiveDate, Option<String>)> = sqlx::query_as(
        "SELECT e.id, e.title, e.held_on, (SELECT group_concat(org_id) FROM (SELECT org_id FROM held_event_orgs WHERE event_id = e.id ORDER BY org_id)) \
         FROM held_events e WHERE e.held_on BETWEEN ? AND ? ORDER BY e.held_on, e.id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, held_on, orgs)| HeldEvent {
            id,
            title,
            held_on,
            orgs: orgs
                .unwrap_or_default()
                .split(',')
                .filter_map(|o| o.parse().ok())
                .collect(),
        })
        .collect())
}

/// Removes a recorded event; `false` when there is none with this id.
pub async fn remove(pool: &Pool, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM held_events WHERE id = ?")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// The events the indicators need: those of the school year up to `as_of` (and the year
/// before, for a report over a longer period), for one organization or all.
pub async fn facts(
    pool: &Pool,
    org: Option<i64>,
    as_of: NaiveDate,
) -> sqlx::Result<Vec<EventFacts>> {
    let from = NaiveDate::from_ymd_opt(crate::domain::school::school_year(as_of) - 1, 9, 1)
        .unwrap_or(as_of);
    Ok(between(pool, from, as_of)
        .await?
        .into_iter()
        .map(|e| EventFacts {
            held_on: e.held_on,
            orgs: e
                .orgs
                .into_iter()
                .filter(|o| org.is_none_or(|x| x == *o))
                .collect(),
        })
        .filter(|e| org.is_none() || !e.orgs.is_empty())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[tokio::test]
    async fn record_list_and_count_for_an_organization() {
        let pool = crate::db::memory().await;
        let ids = crate::repo::testutil::authz_world(&pool).await;
        let now = Utc.with_ymd_and_hms(2026, 11, 1, 7, 0, 0).unwrap();
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let seminar = record(
            &pool,
            "Семинар наставников",
            d(10, 15),
            &[ids.org, 2],
            None,
            now,
        )
        .await
        .unwrap();
        record(&pool, "Круглый стол", d(11, 20), &[2], None, now)
            .await
            .unwrap();
        // an organization that does not exist is refused, and nothing is recorded
        assert!(record(&pool, "Ошибка", d(11, 21), &[999], None, now)
            .await
            .is_err());
        let all = between(&pool, d(9, 1), d(12, 31)).await.unwrap();
        assert_eq!(
            all.iter()
                .map(|e| (e.title.as_str(), e.orgs.clone()))
                .collect::<Vec<_>>(),
            vec![
                ("Семинар наставников", vec![1, 2]),
                ("Круглый стол", vec![2])
            ]
        );
        // school 1 took part in one of them
        let mine = facts(&pool, Some(ids.org), d(11, 30)).await.unwrap();
        assert_eq!(
            mine,
            vec![EventFacts {
                held_on: d(10, 15),
                orgs: vec![1]
            }]
        );
        assert_eq!(facts(&pool, None, d(11, 30)).await.unwrap().len(), 2);
        assert!(remove(&pool, seminar).await.unwrap());
        assert!(!remove(&pool, seminar).await.unwrap());
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM held_event_orgs")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(n, 1, "its organizations went with it");
    }
}
