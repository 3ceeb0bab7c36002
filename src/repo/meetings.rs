//! Meetings planned ahead (встречи по графику): planned, moved, cancelled, and — after their
//! time — held (which writes the journal entry in the same transaction) or missed.

use super::journal::{self, Entry, JournalError, NewEntry, Source};
use super::Pool;
use crate::domain::journal::EntryKind;
pub use crate::domain::meetings::MeetingStatus;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Meeting {
    pub id: i64,
    pub pair_id: i64,
    pub mentee_id: Option<i64>,
    pub created_by: i64,
    pub starts_at: DateTime<Utc>,
    pub minutes: i64,
    pub topic: String,
    pub status: String,
    pub journal_entry_id: Option<i64>,
    pub moves: i64,
    pub created_at: DateTime<Utc>,
}

impl Meeting {
    pub fn status(&self) -> MeetingStatus {
        MeetingStatus::from_code(&self.status).unwrap_or(MeetingStatus::Cancelled)
    }
    pub fn is_planned(&self) -> bool {
        self.status() == MeetingStatus::Planned
    }
}

const COLS: &str = "id, pair_id, mentee_id, created_by, starts_at, minutes, topic, status, journal_entry_id, moves, created_at";

#[derive(Debug, Clone)]
pub struct NewMeeting {
    pub pair_id: i64,
    pub mentee_id: Option<i64>,
    pub created_by: i64,
    pub starts_at: DateTime<Utc>,
    pub minutes: u32,
    pub topic: String,
    pub source: Source,
}

/// Plans a meeting of an active pair, once per Telegram message. Returns the meeting and
/// whether it is new (`false`: the same message planned it before).
pub async fn plan(
    pool: &Pool,
    m: &NewMeeting,
    now: DateTime<Utc>,
) -> Result<(Meeting, bool), JournalError> {
    let inserted: Vec<Meeting> = sqlx::query_as(&format!(
        "INSERT INTO scheduled_meetings (pair_id, mentee_id, created_by, starts_at, minutes, topic, source_chat, source_message, created_at, updated_at) \
         SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM pairs WHERE id = ? AND status = 'active' \
         ON CONFLICT DO NOTHING RETURNING {COLS}"
    ))
    .bind(m.mentee_id)
    .bind(m.created_by)
    .bind(m.starts_at)
    .bind(m.minutes)
    .bind(&m.topic)
    .bind(m.source.map(|s| s.0))
    .bind(m.source.map(|s| s.1))
    .bind(now)
    .bind(now)
    .bind(m.pair_id)
    .fetch_all(pool)
    .await?;
    if let Some(meeting) = inserted.into_iter().next() {
        return Ok((meeting, true));
    }
    if let Some((chat, msg)) = m.source {
        let existing: Option<Meeting> = sqlx::query_as(&format!(
            "SELECT {COLS} FROM scheduled_meetings WHERE source_chat = ? AND source_message = ?"
        ))
        .bind(chat)
        .bind(msg)
        .fetch_optional(pool)
        .await?;
        if let Some(existing) = existing {
            return Ok((existing, false));
        }
    }
    Err(JournalError::PairClosed)
}

pub async fn get(pool: &Pool, id: i64) -> sqlx::Result<Option<Meeting>> {
    sqlx::query_as(&format!(
        "SELECT {COLS} FROM scheduled_meetings WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// The pair's next planned meeting that has not started yet.
pub async fn next_of_pair(
    pool: &Pool,
    pair_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Meeting>> {
    sqlx::query_as(&format!(
        "SELECT {COLS} FROM scheduled_meetings WHERE pair_id = ? AND status = 'planned' AND starts_at > ? ORDER BY starts_at LIMIT 1"
    ))
    .bind(pair_id)
    .bind(now)
    .fetch_optional(pool)
    .await
}

/// Moves a planned meeting to a new start (a new reminder period). `None`: it is no longer
/// planned (held, missed or cancelled meanwhile).
pub async fn move_to(
    pool: &Pool,
    id: i64,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Meeting>> {
    let moved: Option<Meeting> = sqlx::query_as(&format!(
        "UPDATE scheduled_meetings SET starts_at = ?, moves = moves + 1, updated_at = ? WHERE id = ? AND status = 'planned' RETURNING {COLS}"
    ))
    .bind(starts_at)
    .bind(now)
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(moved)
}

/// Settles a planned meeting as cancelled (before) or missed (after its time). `None`: it
/// was settled already.
pub async fn settle(
    pool: &Pool,
    id: i64,
    to: MeetingStatus,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Meeting>> {
    debug_assert!(matches!(
        to,
        MeetingStatus::Cancelled | MeetingStatus::Missed
    ));
    let done: Option<Meeting> = sqlx::query_as(&format!(
        "UPDATE scheduled_meetings SET status = ?, updated_at = ? WHERE id = ? AND status = 'planned' RETURNING {COLS}"
    ))
    .bind(to.code())
    .bind(now)
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(done)
}

/// The mentor confirms the meeting took place: the journal entry (a meeting on its local
/// date, its length and topic) and the meeting's new state are one transaction. A second
/// press finds it held and gets the same entry back (`false`).
pub async fn held(
    pool: &Pool,
    id: i64,
    on_date: NaiveDate,
    minutes: u32,
    author: i64,
    now: DateTime<Utc>,
) -> Result<(Meeting, Entry, bool), JournalError> {
    let mut tx = crate::db::write(pool).await?;
    let meeting: Meeting = sqlx::query_as(&format!(
        "SELECT {COLS} FROM scheduled_meetings WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(JournalError::NotFound)?;
    match meeting.status() {
        MeetingStatus::Planned => {}
        MeetingStatus::Held => {
            drop(tx);
            let entry_id = meeting.journal_entry_id.ok_or(JournalError::Stale)?;
            let entry = journal::entry(pool, entry_id)
                .await?
                .ok_or(JournalError::Stale)?;
            return Ok((meeting, entry, false));
        }
        _ => return Err(JournalError::Stale),
    }
    let entry = NewEntry {
        pair_id: meeting.pair_id,
        mentee_id: meeting.mentee_id,
        kind: EntryKind::Meeting,
        on_date,
        minutes: Some(minutes),
        format: None,
        topic: meeting.topic.clone(),
        plan_item_id: None,
        sos_id: None,
        author_id: author,
        source: None,
    };
    let (entry_id, _) = journal::add_entry_in(&mut tx, &entry, now).await?;
    let meeting: Meeting = sqlx::query_as(&format!(
        "UPDATE scheduled_meetings SET status = 'held', journal_entry_id = ?, minutes = ?, updated_at = ? WHERE id = ? RETURNING {COLS}"
    ))
    .bind(entry_id)
    .bind(minutes)
    .bind(now)
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    let entry = journal::entry(pool, entry_id)
        .await?
        .ok_or(JournalError::NotFound)?;
    Ok((meeting, entry, true))
}

/// Planned meetings of active pairs starting between `from` and `to` (the reminder pass).
pub async fn planned_between(
    conn: &mut sqlx::SqliteConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> sqlx::Result<Vec<Meeting>> {
    sqlx::query_as(&format!(
        "SELECT {COLS} FROM scheduled_meetings WHERE status = 'planned' AND starts_at >= ? AND starts_at < ? \
           AND pair_id IN (SELECT id FROM pairs WHERE status = 'active') ORDER BY starts_at"
    ))
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::testutil::authz_world;
    use chrono::TimeZone;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 3, h, 0, 0).unwrap()
    }

    #[tokio::test]
    async fn plan_move_hold_and_settle() {
        let pool = crate::db::memory().await;
        let ids = authz_world(&pool).await;
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 7, 0, 0).unwrap();
        let new = NewMeeting {
            pair_id: ids.pair,
            mentee_id: None,
            created_by: ids.mentor,
            starts_at: at(12),
            minutes: 45,
            topic: "Разбор урока".into(),
            source: Some((100, 7)),
        };
        let (m, fresh) = plan(&pool, &new, now).await.unwrap();
        assert!(fresh && m.is_planned());
        // the same message again plans nothing new
        let (again, fresh) = plan(&pool, &new, now).await.unwrap();
        assert!(!fresh);
        assert_eq!(again.id, m.id);
        assert_eq!(
            next_of_pair(&pool, ids.pair, now)
                .await
                .unwrap()
                .map(|m| m.id),
            Some(m.id)
        );
        let moved = move_to(&pool, m.id, at(13), now).await.unwrap().unwrap();
        assert_eq!((moved.starts_at, moved.moves), (at(13), 1));
        // held: the journal entry and the state in one go; a second press returns the same entry
        let (held_m, entry, fresh) = held(&pool, m.id, at(13).date_naive(), 50, ids.mentor, at(14))
            .await
            .unwrap();
        assert!(fresh);
        assert_eq!(held_m.status(), MeetingStatus::Held);
        assert_eq!(
            (entry.minutes, entry.topic.as_str(), entry.kind.as_str()),
            (Some(50), "Разбор урока", "meeting")
        );
        let (_, same, fresh) = held(&pool, m.id, at(13).date_naive(), 50, ids.mentor, at(15))
            .await
            .unwrap();
        assert!(!fresh);
        assert_eq!(same.id, entry.id);
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM journal_entries WHERE topic = 'Разбор урока'")
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(n, 1);
        // a held meeting is neither moved nor cancelled
        assert!(move_to(&pool, m.id, at(16), now).await.unwrap().is_none());
        assert!(settle(&pool, m.id, MeetingStatus::Cancelled, now)
            .await
            .unwrap()
            .is_none());
        assert_eq!(next_of_pair(&pool, ids.pair, now).await.unwrap(), None);
        // another one, cancelled: no entry, nothing held
        let (c, _) = plan(
            &pool,
            &NewMeeting {
                source: None,
                ..new.clone()
            },
            now,
        )
        .await
        .unwrap();
        assert!(settle(&pool, c.id, MeetingStatus::Cancelled, now)
            .await
            .unwrap()
            .is_some());
        assert!(matches!(
            held(&pool, c.id, at(13).date_naive(), 45, ids.mentor, at(14)).await,
            Err(JournalError::Stale)
        ));
    }
}
