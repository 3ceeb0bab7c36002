//! What the school's documents read that no other module does: the banks of mentors and
//! mentees as rows, each pair's work in a period, the last adaptation report of a pair.

use super::Pool;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MentorBankRow {
    pub user_id: i64,
    pub name: Option<String>,
    pub org: Option<String>,
    pub position: Option<String>,
    pub experience_years: Option<i64>,
    pub competences: String,
    pub forms: String,
    pub capacity: i64,
    /// Mentees in the mentor's active pairs.
    pub load: i64,
    pub status: String,
    pub consent_at: DateTime<Utc>,
    /// The later of the profile's and the person's last change.
    pub updated_at: DateTime<Utc>,
}

/// The bank of mentors of an organization (or the district with `None`): people who have not
/// withdrawn their consent, by name.
pub async fn mentor_bank(pool: &Pool, org: Option<i64>) -> sqlx::Result<Vec<MentorBankRow>> {
    sqlx::query_as(
        "SELECT u.id AS user_id, u.full_name AS name, o.name AS org, u.position, u.experience_years, m.competences, m.forms, m.capacity,
                (SELECT COUNT(*) FROM pair_mentees pm JOIN pairs p ON p.id = pm.pair_id WHERE p.mentor_id = u.id AND p.status = 'active') AS load,
                m.status, m.consent_at, MAX(m.updated_at, u.updated_at) AS updated_at
           FROM mentor_profiles m JOIN users u ON u.id = m.user_id LEFT JOIN organizations o ON o.id = u.org_id
          WHERE u.telegram_id IS NOT NULL AND (?1 IS NULL OR u.org_id = ?1)
          ORDER BY o.name, u.full_name, u.id",
    )
    .bind(org)
    .fetch_all(pool)
    .await
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MenteeBankRow {
    pub user_id: i64,
    pub name: Option<String>,
    pub org: Option<String>,
    pub position: Option<String>,
    pub experience_years: Option<i64>,
    pub category: String,
    pub areas: String,
    /// The mentor of the mentee's active pair.
    pub mentor: Option<String>,
    pub consent_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// The bank of mentees of an organization (or the district with `None`).
pub async fn mentee_bank(pool: &Pool, org: Option<i64>) -> sqlx::Result<Vec<MenteeBankRow>> {
    sqlx::query_as(
        "SELECT u.id AS user_id, u.full_name AS name, o.name AS org, u.position, u.experience_years, e.category, e.areas,
                (SELECT mu.full_name FROM pair_mentees pm JOIN pairs p ON p.id = pm.pair_id JOIN users mu ON mu.id = p.mentor_id
                  WHERE pm.mentee_id = u.id AND p.status = 'active' ORDER BY p.id LIMIT 1) AS mentor,
                u.consent_at, MAX(e.updated_at, u.updated_at) AS updated_at
           FROM mentee_profiles e JOIN users u ON u.id = e.user_id LEFT JOIN organizations o ON o.id = u.org_id
          WHERE u.telegram_id IS NOT NULL AND (?1 IS NULL OR u.org_id = ?1)
          ORDER BY o.name, u.full_name, u.id",
    )
    .bind(org)
    .fetch_all(pool)
    .await
}

/// A pair's work in a period, for the analytic справка.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PairWork {
    pub id: i64,
    pub org: Option<String>,
    pub mentor: Option<String>,
    /// The mentees' names, comma-separated.
    pub mentees: Option<String>,
    pub has_order: bool,
    pub meetings: i64,
    pub minutes: i64,
    /// The last meeting up to the period's end (any time before it).
    pub last_meeting: Option<NaiveDate>,
    pub plan_done: i64,
    pub plan_total: i64,
    /// Open items past their deadline at the period's end.
    pub overdue: i64,
    /// `/sos` questions asked by the period's end and not answered.
    pub sos_unanswered: i64,
}

/// The pairs that were active at some time in [from, to] (of an organization, or all).
pub async fn pair_work(
    pool: &Pool,
    org: Option<i64>,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Vec<PairWork>> {
    let end_of_to = to
        .succ_opt()
        .unwrap_or(to)
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc());
    sqlx::query_as(
        "SELECT p.id, o.name AS org, (SELECT full_name FROM users WHERE id = p.mentor_id) AS mentor,
                (SELECT group_concat(IFNULL(u.full_name, '—'), ', ') FROM pair_mentees pm JOIN users u ON u.id = pm.mentee_id WHERE pm.pair_id = p.id) AS mentees,
                p.order_id IS NOT NULL AS has_order,
                (SELECT COUNT(*) FROM journal_entries j WHERE j.pair_id = p.id AND j.kind = 'meeting' AND j.deleted_at IS NULL AND j.on_date BETWEEN ?2 AND ?3) AS meetings,
                (SELECT IFNULL(SUM(j.minutes), 0) FROM journal_entries j WHERE j.pair_id = p.id AND j.kind IN ('meeting', 'helped') AND j.deleted_at IS NULL AND j.on_date BETWEEN ?2 AND ?3) AS minutes,
                (SELECT MAX(j.on_date) FROM journal_entries j WHERE j.pair_id = p.id AND j.kind = 'meeting' AND j.deleted_at IS NULL AND j.on_date <= ?3) AS last_meeting,
                (SELECT COUNT(*) FROM plan_items i WHERE i.pair_id = p.id AND i.status = 'done') AS plan_done,
                (SELECT COUNT(*) FROM plan_items i WHERE i.pair_id = p.id AND i.status <> 'cancelled') AS plan_total,
                (SELECT COUNT(*) FROM plan_items i WHERE i.pair_id = p.id AND i.status IN ('planned', 'rework') AND i.deadline < ?3) AS overdue,
                (SELECT COUNT(*) FROM sos_requests s WHERE s.pair_id = p.id AND s.answered_at IS NULL AND s.asked_at < ?4) AS sos_unanswered
           FROM pairs p LEFT JOIN organizations o ON o.id = p.org_id
          WHERE (?1 IS NULL OR p.org_id = ?1) AND p.start_date <= ?3 AND (p.ended_at IS NULL OR substr(p.ended_at, 1, 10) >= ?2)
          ORDER BY o.name, p.id",
    )
    .bind(org)
    .bind(from)
    .bind(to)
    .bind(end_of_to)
    .fetch_all(pool)
    .await
}

/// The last adaptation report a mentor sent for a pair: (from, to, comment).
pub async fn last_adaptation_report(
    pool: &Pool,
    pair_id: i64,
) -> sqlx::Result<Option<(NaiveDate, NaiveDate, String)>> {
    sqlx::query_as("SELECT period_from, period_to, comment FROM adaptation_reports WHERE pair_id = ? ORDER BY id DESC LIMIT 1")
        .bind(pair_id)
        .fetch_optional(pool)
        .await
}

/// When an ended pair ended.
pub async fn pair_ended_at(pool: &Pool, pair_id: i64) -> sqlx::Result<Option<DateTime<Utc>>> {
    let row: Option<(Option<DateTime<Utc>>,)> =
        sqlx::query_as("SELECT ended_at FROM pairs WHERE id = ?")
            .bind(pair_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.and_then(|r| r.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::testutil::*;

    /// The monitoring fixture: two schools, three pairs, meetings, `/sos`, surveys.
    async fn fixture() -> Pool {
        let pool = pool().await;
        crate::repo::monitoring::sample::seed(&pool).await;
        pool
    }

    #[tokio::test]
    async fn the_banks_list_people_with_load_and_consent() {
        let pool = fixture().await;
        let mentors = mentor_bank(&pool, Some(1)).await.unwrap();
        assert_eq!(mentors.len(), 1);
        let m = &mentors[0];
        // one active pair with one mentee; the completed pair does not count
        assert_eq!(
            (m.user_id, m.load, m.capacity, m.competences.as_str()),
            (2, 1, 3, "methods")
        );
        assert_eq!(m.org.as_deref(), Some("МБОУ СОШ № 1"));
        let mentees = mentee_bank(&pool, None).await.unwrap();
        assert!(mentees.is_empty(), "the fixture has no mentee profiles");
        assert_eq!(mentor_bank(&pool, None).await.unwrap().len(), 2);
    }

    #[tokio::test]
    async fn pair_work_in_a_period() {
        let pool = fixture().await;
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let work = pair_work(&pool, Some(1), d(11, 1), d(11, 30))
            .await
            .unwrap();
        // pair 2 ended on 01.11 (still in the period), pair 1 active
        assert_eq!(work.iter().map(|w| w.id).collect::<Vec<_>>(), vec![1, 2]);
        let p1 = &work[0];
        // 20.11 (45 min) counts; the deleted one does not; help adds its minutes
        assert_eq!(
            (p1.meetings, p1.minutes, p1.last_meeting),
            (1, 60, Some(d(11, 20)))
        );
        assert_eq!((p1.has_order, p1.sos_unanswered), (true, 1));
        assert_eq!(p1.mentees.as_deref(), Some("Иванова Мария Петровна"));
        // a period before any pair started: nothing
        assert!(pair_work(&pool, Some(1), d(1, 1), d(1, 31))
            .await
            .unwrap()
            .is_empty());
        // the district: the other school's pair ended on 15.11
        assert_eq!(
            pair_work(&pool, None, d(11, 1), d(11, 30))
                .await
                .unwrap()
                .len(),
            3
        );
    }
}
