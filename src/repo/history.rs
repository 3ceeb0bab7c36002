//! The append-only history of state changes (who, when, from → to, why).

use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct HistoryEntry {
    pub subject: String,
    pub subject_id: i64,
    pub actor_id: Option<i64>,
    pub from_status: Option<String>,
    pub to_status: String,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

#[allow(clippy::too_many_arguments)]
pub async fn record(
    conn: &mut sqlx::SqliteConnection,
    subject: &str,
    subject_id: i64,
    actor_id: Option<i64>,
    from: Option<&str>,
    to: &str,
    reason: Option<&str>,
    at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO history (subject, subject_id, actor_id, from_status, to_status, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(subject)
        .bind(subject_id)
        .bind(actor_id)
        .bind(from)
        .bind(to)
        .bind(reason)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn of(
    pool: &super::Pool,
    subject: &str,
    subject_id: i64,
) -> sqlx::Result<Vec<HistoryEntry>> {
    sqlx::query_as(
        "SELECT subject, subject_id, actor_id, from_status, to_status, reason, at FROM history \
         WHERE subject = ? AND subject_id = ? ORDER BY id",
    )
    .bind(subject)
    .bind(subject_id)
    .fetch_all(pool)
    .await
}
