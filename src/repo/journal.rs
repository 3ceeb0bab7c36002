//! The pair's journal, program (plan items, tasks), `/sos` exchanges and adaptation reports.
//! Every write checks in the same transaction that the pair is still active; every write that
//! comes from a Telegram message carries its (chat, message) id, so a message delivered twice
//! creates one row.

use super::Pool;
use crate::domain::journal::{
    plan_apply, summarize, EntryFact, EntryKind, ItemFact, PlanEvent, PlanStatus, SosFact, Summary,
};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// The pair has ended: nothing more is logged on it.
    #[error("the pair is not active")]
    PairClosed,
    #[error("not found")]
    NotFound,
    /// The action does not apply in the current state (a stale or double tap).
    #[error("not applicable now")]
    Stale,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Where a row came from in Telegram: (chat id, message id).
pub type Source = Option<(i64, i64)>;

pub(crate) async fn ensure_active(
    conn: &mut SqliteConnection,
    pair_id: i64,
) -> Result<(), JournalError> {
    let status: Option<(String,)> = sqlx::query_as("SELECT status FROM pairs WHERE id = ?")
        .bind(pair_id)
        .fetch_optional(&mut *conn)
        .await?;
    match status {
        Some((s,)) if s == "active" => Ok(()),
        Some(_) => Err(JournalError::PairClosed),
        None => Err(JournalError::NotFound),
    }
}

// ---------------------------------------------------------------- journal entries

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Entry {
    pub id: i64,
    pub pair_id: i64,
    pub mentee_id: Option<i64>,
    pub kind: String,
    pub on_date: NaiveDate,
    pub minutes: Option<i64>,
    pub format: Option<String>,
    pub topic: String,
    pub plan_item_id: Option<i64>,
    pub sos_id: Option<i64>,
    pub author_id: i64,
    pub version: i64,
    pub deleted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl Entry {
    pub fn kind(&self) -> Option<EntryKind> {
        EntryKind::from_code(&self.kind)
    }
}

const ENTRY_COLS: &str = "id, pair_id, mentee_id, kind, on_date, minutes, format, topic, plan_item_id, sos_id, author_id, version, deleted_at, created_at";

#[derive(Debug, Clone)]
pub struct NewEntry {
    pub pair_id: i64,
    pub mentee_id: Option<i64>,
    pub kind: EntryKind,
    pub on_date: NaiveDate,
    pub minutes: Option<u32>,
    pub format: Option<String>,
    pub topic: String,
    pub plan_item_id: Option<i64>,
    pub sos_id: Option<i64>,
    pub author_id: i64,
    pub source: Source,
}

/// One statement: inserts the entry only into an active pair and only once per Telegram
/// message, returning it (`None`: nothing inserted).
async fn insert_entry<'e, E: sqlx::Executor<'e, Database = sqlx::Sqlite>>(
    ex: E,
    e: &NewEntry,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Entry>> {
    // `fetch_all` steps the statement to its end: outside a transaction, the commit is done
    // when it returns
    let inserted: Vec<Entry> = sqlx::query_as(&format!(
        "INSERT INTO journal_entries (pair_id, mentee_id, kind, on_date, minutes, format, topic, plan_item_id, sos_id, author_id, \
         source_chat, source_message, created_at, updated_at) \
         SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM pairs WHERE id = ? AND status = 'active' \
         ON CONFLICT DO NOTHING RETURNING {ENTRY_COLS}"
    ))
    .bind(e.mentee_id)
    .bind(e.kind.code())
    .bind(e.on_date)
    .bind(e.minutes)
    .bind(&e.format)
    .bind(&e.topic)
    .bind(e.plan_item_id)
    .bind(e.sos_id)
    .bind(e.author_id)
    .bind(e.source.map(|s| s.0))
    .bind(e.source.map(|s| s.1))
    .bind(now)
    .bind(now)
    .bind(e.pair_id)
    .fetch_all(ex)
    .await?;
    Ok(inserted.into_iter().next())
}

/// Whether the same meeting (pair, mentee, date, minutes, topic) is already in the journal,
/// logged from another message (the same message again is a retry, answered as before).
pub async fn same_meeting_logged(pool: &Pool, e: &NewEntry) -> sqlx::Result<bool> {
    let (chat, msg) = e.source.map_or((None, None), |(c, m)| (Some(c), Some(m)));
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM journal_entries WHERE pair_id = ? AND kind = ? AND deleted_at IS NULL AND on_date = ? \
           AND minutes IS ? AND topic = ? AND mentee_id IS ? \
           AND NOT (source_chat IS NOT NULL AND source_chat IS ? AND source_message IS ?)",
    )
    .bind(e.pair_id)
    .bind(e.kind.code())
    .bind(e.on_date)
    .bind(e.minutes)
    .bind(&e.topic)
    .bind(e.mentee_id)
    .bind(chat)
    .bind(msg)
    .fetch_one(pool)
    .await?;
    Ok(n > 0)
}

/// Why nothing was inserted: the entry logged from the same message before, or else the pair
/// is closed or missing.
async fn explain_no_insert(
    conn: &mut SqliteConnection,
    e: &NewEntry,
) -> Result<Entry, JournalError> {
    if let Some((chat, msg)) = e.source {
        let existing: Option<Entry> = sqlx::query_as(&format!(
            "SELECT {ENTRY_COLS} FROM journal_entries WHERE source_chat = ? AND source_message = ?"
        ))
        .bind(chat)
        .bind(msg)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(existing) = existing {
            return Ok(existing);
        }
    }
    ensure_active(conn, e.pair_id).await?;
    Err(JournalError::NotFound)
}

/// Adds an entry inside a transaction. Returns the id and whether it is new (`false`: the same
/// Telegram message was already logged, and that entry's id is returned).
pub async fn add_entry_in(
    conn: &mut SqliteConnection,
    e: &NewEntry,
    now: DateTime<Utc>,
) -> Result<(i64, bool), JournalError> {
    match insert_entry(&mut *conn, e, now).await? {
        Some(entry) => Ok((entry.id, true)),
        None => explain_no_insert(conn, e)
            .await
            .map(|existing| (existing.id, false)),
    }
}

/// Adds an entry in one statement, which on its own is atomic and durable (committed with
/// fsync before it returns): only into an active pair, and only once per Telegram message.
/// Returns the entry and whether it is new (`false`: the same message was logged before, and
/// that entry is returned).
pub async fn add_entry(
    pool: &Pool,
    e: &NewEntry,
    now: DateTime<Utc>,
) -> Result<(Entry, bool), JournalError> {
    if let Some(entry) = insert_entry(pool, e, now).await? {
        return Ok((entry, true));
    }
    let mut conn = pool.acquire().await?;
    explain_no_insert(&mut conn, e)
        .await
        .map(|existing| (existing, false))
}

/// Group commit for journal entries: meeting logs that arrive while another is being written
/// share one write transaction and so one fsync; each caller gets its answer only after that
/// transaction is committed, so «Записано» still means on disk. A log that arrives alone is
/// the single durable statement of [`add_entry`], as before.
#[derive(Clone)]
pub struct JournalWriter {
    pool: Pool,
    jobs: tokio::sync::mpsc::Sender<Job>,
}

type Added = Result<(Entry, bool), JournalError>;

struct Job {
    entry: NewEntry,
    now: DateTime<Utc>,
    reply: tokio::sync::oneshot::Sender<Added>,
}

/// At most this many logs share one transaction.
const MAX_BATCH: usize = 64;

impl JournalWriter {
    /// Starts the writer; it ends when every clone is dropped.
    pub fn start(pool: Pool) -> JournalWriter {
        let (jobs, rx) = tokio::sync::mpsc::channel(1024);
        tokio::spawn(write_batches(pool.clone(), rx));
        JournalWriter { pool, jobs }
    }

    /// Adds an entry (as [`add_entry`]) and returns once it is committed.
    pub async fn add(&self, entry: &NewEntry, now: DateTime<Utc>) -> Added {
        let (reply, answer) = tokio::sync::oneshot::channel();
        if self
            .jobs
            .send(Job {
                entry: entry.clone(),
                now,
                reply,
            })
            .await
            .is_ok()
        {
            if let Ok(added) = answer.await {
                return added;
            }
        }
        // the writer is gone (the bot is stopping): write it alone
        add_entry(&self.pool, entry, now).await
    }
}

async fn write_batches(pool: Pool, mut rx: tokio::sync::mpsc::Receiver<Job>) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        if batch.len() == 1 {
            let job = batch.remove(0);
            let turn = crate::db::write_turn(&pool).await;
            let added = add_entry(&pool, &job.entry, job.now).await;
            drop(turn);
            let _ = job.reply.send(added);
            continue;
        }
        match commit_batch(&pool, &batch).await {
            Ok(results) => {
                for (job, added) in batch.into_iter().zip(results) {
                    let _ = job.reply.send(added);
                }
            }
            Err(e) => {
                // nothing of the batch is on disk: each is written alone
                tracing::warn!(error = %e, n = batch.len(), "a group commit of journal entries failed; writing them one by one");
                for job in batch {
                    let added = add_entry(&pool, &job.entry, job.now).await;
                    let _ = job.reply.send(added);
                }
            }
        }
    }
}

/// One transaction for the batch. A statement that fails is undone alone (SQLite keeps the
/// transaction); its caller gets the error. `Err`: the commit failed, nothing is on disk.
async fn commit_batch(pool: &Pool, batch: &[Job]) -> sqlx::Result<Vec<Added>> {
    let mut tx = crate::db::write(pool).await?;
    let mut out = Vec::with_capacity(batch.len());
    for job in batch {
        let added = match insert_entry(&mut *tx, &job.entry, job.now).await {
            Ok(Some(entry)) => Ok((entry, true)),
            // logged before (perhaps earlier in this very batch) or the pair is closed
            Ok(None) => explain_no_insert(&mut tx, &job.entry)
                .await
                .map(|existing| (existing, false)),
            Err(e) => Err(e.into()),
        };
        out.push(added);
    }
    tx.commit().await?;
    Ok(out)
}

pub async fn entry(pool: &Pool, id: i64) -> sqlx::Result<Option<Entry>> {
    sqlx::query_as(&format!(
        "SELECT {ENTRY_COLS} FROM journal_entries WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// Changes of an entry's content; `None` keeps the field.
#[derive(Debug, Clone, Default)]
pub struct EntryChange {
    pub on_date: Option<NaiveDate>,
    pub minutes: Option<u32>,
    pub format: Option<String>,
    pub topic: Option<String>,
}

async fn keep_version(
    conn: &mut SqliteConnection,
    e: &Entry,
    action: &str,
    by: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO journal_versions (entry_id, version, on_date, minutes, format, topic, action, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(e.id)
    .bind(e.version)
    .bind(e.on_date)
    .bind(e.minutes)
    .bind(&e.format)
    .bind(&e.topic)
    .bind(action)
    .bind(by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn live_entry(
    conn: &mut SqliteConnection,
    id: i64,
    expected_version: Option<i64>,
) -> Result<Entry, JournalError> {
    let e: Entry = sqlx::query_as(&format!(
        "SELECT {ENTRY_COLS} FROM journal_entries WHERE id = ? AND deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(JournalError::NotFound)?;
    if expected_version.is_some_and(|v| v != e.version) {
        return Err(JournalError::Stale);
    }
    Ok(e)
}

/// Edits an entry: the previous version is kept in `journal_versions` first.
pub async fn edit_entry(
    pool: &Pool,
    id: i64,
    change: &EntryChange,
    by: i64,
    now: DateTime<Utc>,
) -> Result<Entry, JournalError> {
    let mut tx = crate::db::write(&pool).await?;
    let e = live_entry(&mut tx, id, None).await?;
    ensure_active(&mut tx, e.pair_id).await?;
    keep_version(&mut tx, &e, "edit", by, now).await?;
    sqlx::query("UPDATE journal_entries SET on_date = ?, minutes = ?, format = ?, topic = ?, version = version + 1, updated_at = ? WHERE id = ?")
        .bind(change.on_date.unwrap_or(e.on_date))
        .bind(change.minutes.map(i64::from).or(e.minutes))
        .bind(change.format.clone().or(e.format.clone()))
        .bind(change.topic.clone().unwrap_or(e.topic.clone()))
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let updated = live_entry(&mut tx, id, None).await?;
    tx.commit().await?;
    Ok(updated)
}

/// Deletes an entry softly (it disappears from the journal; the version history keeps it).
/// `version` guards against a tap on an old confirmation after an edit.
pub async fn delete_entry(
    pool: &Pool,
    id: i64,
    version: Option<i64>,
    by: i64,
    now: DateTime<Utc>,
) -> Result<Entry, JournalError> {
    let mut tx = crate::db::write(&pool).await?;
    let e = live_entry(&mut tx, id, version).await?;
    keep_version(&mut tx, &e, "delete", by, now).await?;
    sqlx::query("UPDATE journal_entries SET deleted_at = ?, updated_at = ? WHERE id = ?")
        .bind(now)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(e)
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Version {
    pub version: i64,
    pub on_date: NaiveDate,
    pub minutes: Option<i64>,
    pub topic: String,
    pub action: String,
    pub changed_by: i64,
    pub changed_at: DateTime<Utc>,
}

pub async fn versions(pool: &Pool, entry_id: i64) -> sqlx::Result<Vec<Version>> {
    sqlx::query_as("SELECT version, on_date, minutes, topic, action, changed_by, changed_at FROM journal_versions WHERE entry_id = ? ORDER BY version")
        .bind(entry_id)
        .fetch_all(pool)
        .await
}

/// A page of a pair's journal, newest first, and the total count.
pub async fn page(
    pool: &Pool,
    pair_id: i64,
    offset: i64,
    limit: i64,
) -> sqlx::Result<(Vec<Entry>, i64)> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        entry: Entry,
        total: i64,
    }
    // the page and the total in one query; a page past the end asks for the total alone
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {ENTRY_COLS}, COUNT(*) OVER () AS total FROM journal_entries WHERE pair_id = ? AND deleted_at IS NULL \
         ORDER BY on_date DESC, id DESC LIMIT ? OFFSET ?"
    ))
    .bind(pair_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    let total = match rows.first() {
        Some(r) => r.total,
        None => {
            sqlx::query_as::<_, (i64,)>(
                "SELECT COUNT(*) FROM journal_entries WHERE pair_id = ? AND deleted_at IS NULL",
            )
            .bind(pair_id)
            .fetch_one(pool)
            .await?
            .0
        }
    };
    Ok((rows.into_iter().map(|r| r.entry).collect(), total))
}

/// Entries of a pair within [from, to], oldest first (for reports).
pub async fn entries_between(
    pool: &Pool,
    pair_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Vec<Entry>> {
    sqlx::query_as(&format!(
        "SELECT {ENTRY_COLS} FROM journal_entries WHERE pair_id = ? AND deleted_at IS NULL AND on_date BETWEEN ? AND ? ORDER BY on_date, id"
    ))
    .bind(pair_id)
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await
}

// ---------------------------------------------------------------- plan items

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PlanItem {
    pub id: i64,
    pub pair_id: i64,
    pub mentee_id: Option<i64>,
    pub kind: String,
    pub title: String,
    pub area: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub status: String,
    pub product_text: Option<String>,
    pub product_file_id: Option<String>,
    pub product_kind: Option<String>,
    pub self_score: Option<i64>,
    pub self_comment: Option<String>,
    pub check_comment: Option<String>,
    pub created_by: i64,
}

impl PlanItem {
    pub fn status(&self) -> PlanStatus {
        PlanStatus::from_code(&self.status).unwrap_or(PlanStatus::Planned)
    }
}

pub(crate) const ITEM_COLS: &str =
    "id, pair_id, mentee_id, kind, title, area, deadline, status, product_text, product_file_id, product_kind, self_score, self_comment, check_comment, created_by";

#[derive(Debug, Clone)]
pub struct NewItem {
    pub pair_id: i64,
    pub mentee_id: Option<i64>,
    /// goal / item / task
    pub kind: &'static str,
    pub title: String,
    pub area: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub created_by: i64,
    pub source: Source,
}

/// Adds a plan item; a task is also logged in the journal. Returns (id, is_new).
pub async fn add_item(
    pool: &Pool,
    item: &NewItem,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(i64, bool), JournalError> {
    let mut tx = crate::db::write(&pool).await?;
    if let Some((chat, msg)) = item.source {
        let existing: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM plan_items WHERE source_chat = ? AND source_message = ?",
        )
        .bind(chat)
        .bind(msg)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((id,)) = existing {
            return Ok((id, false));
        }
    }
    ensure_active(&mut tx, item.pair_id).await?;
    let id = sqlx::query(
        "INSERT INTO plan_items (pair_id, mentee_id, kind, title, area, deadline, status, created_by, source_chat, source_message, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, 'planned', ?, ?, ?, ?, ?)",
    )
    .bind(item.pair_id)
    .bind(item.mentee_id)
    .bind(item.kind)
    .bind(&item.title)
    .bind(&item.area)
    .bind(item.deadline)
    .bind(item.created_by)
    .bind(item.source.map(|s| s.0))
    .bind(item.source.map(|s| s.1))
    .bind(now)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    if item.kind == "task" {
        let e = NewEntry {
            pair_id: item.pair_id,
            mentee_id: item.mentee_id,
            kind: EntryKind::Task,
            on_date: today,
            minutes: None,
            format: None,
            topic: item.title.clone(),
            plan_item_id: Some(id),
            sos_id: None,
            author_id: item.created_by,
            source: None,
        };
        add_entry_in(&mut tx, &e, now).await?;
    }
    tx.commit().await?;
    Ok((id, true))
}

pub async fn item(pool: &Pool, id: i64) -> sqlx::Result<Option<PlanItem>> {
    sqlx::query_as(&format!("SELECT {ITEM_COLS} FROM plan_items WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// A pair's program: goals first, then items by deadline.
pub async fn items_of(pool: &Pool, pair_id: i64) -> sqlx::Result<Vec<PlanItem>> {
    sqlx::query_as(&format!(
        "SELECT {ITEM_COLS} FROM plan_items WHERE pair_id = ? AND status != 'cancelled' \
         ORDER BY kind != 'goal', deadline IS NULL, deadline, id"
    ))
    .bind(pair_id)
    .fetch_all(pool)
    .await
}

async fn move_item(
    conn: &mut SqliteConnection,
    id: i64,
    event: PlanEvent,
) -> Result<PlanItem, JournalError> {
    let it: PlanItem = sqlx::query_as(&format!("SELECT {ITEM_COLS} FROM plan_items WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(JournalError::NotFound)?;
    ensure_active(conn, it.pair_id).await?;
    let to = plan_apply(it.status(), event).ok_or(JournalError::Stale)?;
    // the status in the WHERE makes a concurrent double tap a no-op
    let done = sqlx::query("UPDATE plan_items SET status = ? WHERE id = ? AND status = ?")
        .bind(to.code())
        .bind(id)
        .bind(&it.status)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() != 1 {
        return Err(JournalError::Stale);
    }
    Ok(it)
}

/// The mentee's product for a plan item.
#[derive(Debug, Clone, Default)]
pub struct Product {
    pub kind: String,
    pub text: Option<String>,
    pub file_id: Option<String>,
    pub score: u8,
    pub comment: Option<String>,
}

/// The mentee marks an item done with its product and self-assessment.
pub async fn submit_item(
    pool: &Pool,
    id: i64,
    p: &Product,
    now: DateTime<Utc>,
) -> Result<PlanItem, JournalError> {
    let mut tx = crate::db::write(&pool).await?;
    move_item(&mut tx, id, PlanEvent::Submit).await?;
    sqlx::query(
        "UPDATE plan_items SET product_kind = ?, product_text = ?, product_file_id = ?, self_score = ?, self_comment = ?, submitted_at = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&p.kind)
    .bind(&p.text)
    .bind(&p.file_id)
    .bind(i64::from(p.score))
    .bind(&p.comment)
    .bind(now)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let it: PlanItem = sqlx::query_as(&format!("SELECT {ITEM_COLS} FROM plan_items WHERE id = ?"))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(it)
}

/// The mentor's check: accepted, or sent back with a comment. Logged in the journal.
pub async fn check_item(
    pool: &Pool,
    id: i64,
    accepted: bool,
    comment: Option<&str>,
    by: i64,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<PlanItem, JournalError> {
    let mut tx = crate::db::write(&pool).await?;
    let before = move_item(
        &mut tx,
        id,
        if accepted {
            PlanEvent::Accept
        } else {
            PlanEvent::Return
        },
    )
    .await?;
    sqlx::query(
        "UPDATE plan_items SET check_comment = ?, checked_at = ?, updated_at = ? WHERE id = ?",
    )
    .bind(comment)
    .bind(now)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let e = NewEntry {
        pair_id: before.pair_id,
        mentee_id: before.mentee_id,
        kind: EntryKind::Check,
        on_date: today,
        minutes: None,
        format: Some(if accepted { "accepted" } else { "rework" }.to_string()),
        topic: before.title.clone(),
        plan_item_id: Some(id),
        sos_id: None,
        author_id: by,
        source: None,
    };
    add_entry_in(&mut tx, &e, now).await?;
    let it: PlanItem = sqlx::query_as(&format!("SELECT {ITEM_COLS} FROM plan_items WHERE id = ?"))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(it)
}

pub async fn cancel_item(
    pool: &Pool,
    id: i64,
    now: DateTime<Utc>,
) -> Result<PlanItem, JournalError> {
    let mut tx = crate::db::write(&pool).await?;
    let it = move_item(&mut tx, id, PlanEvent::Cancel).await?;
    sqlx::query("UPDATE plan_items SET updated_at = ? WHERE id = ?")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(it)
}

// ---------------------------------------------------------------- /sos

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Sos {
    pub id: i64,
    pub pair_id: i64,
    pub mentee_id: i64,
    pub mentor_id: i64,
    pub question: String,
    pub answer: Option<String>,
    pub asked_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
}

const SOS_COLS: &str = "id, pair_id, mentee_id, mentor_id, question, answer, asked_at, answered_at";

/// Records a question; (id, is_new).
pub async fn ask_sos(
    pool: &Pool,
    pair_id: i64,
    mentee_id: i64,
    mentor_id: i64,
    question: &str,
    source: Source,
    now: DateTime<Utc>,
) -> Result<(i64, bool), JournalError> {
    let mut tx = crate::db::write(&pool).await?;
    if let Some((chat, msg)) = source {
        let existing: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM sos_requests WHERE source_chat = ? AND source_message = ?",
        )
        .bind(chat)
        .bind(msg)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((id,)) = existing {
            return Ok((id, false));
        }
    }
    ensure_active(&mut tx, pair_id).await?;
    let id = sqlx::query("INSERT INTO sos_requests (pair_id, mentee_id, mentor_id, question, asked_at, source_chat, source_message) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(pair_id)
        .bind(mentee_id)
        .bind(mentor_id)
        .bind(question)
        .bind(now)
        .bind(source.map(|s| s.0))
        .bind(source.map(|s| s.1))
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
    tx.commit().await?;
    Ok((id, true))
}

pub async fn sos(pool: &Pool, id: i64) -> sqlx::Result<Option<Sos>> {
    sqlx::query_as(&format!("SELECT {SOS_COLS} FROM sos_requests WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Stores the mentor's answer (once) and logs the exchange with its response time.
pub async fn answer_sos(
    pool: &Pool,
    id: i64,
    answer: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Sos, JournalError> {
    let mut tx = crate::db::write(&pool).await?;
    let s: Sos = sqlx::query_as(&format!("SELECT {SOS_COLS} FROM sos_requests WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(JournalError::NotFound)?;
    if s.answered_at.is_some() {
        return Err(JournalError::Stale);
    }
    ensure_active(&mut tx, s.pair_id).await?;
    sqlx::query(
        "UPDATE sos_requests SET answer = ?, answered_at = ? WHERE id = ? AND answered_at IS NULL",
    )
    .bind(answer)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let minutes = ((now - s.asked_at).num_minutes().max(1))
        .min(i64::from(crate::domain::journal::MAX_MINUTES)) as u32;
    let e = NewEntry {
        pair_id: s.pair_id,
        mentee_id: Some(s.mentee_id),
        kind: EntryKind::Sos,
        on_date: today,
        // for a /sos entry, `minutes` is the response time capped to the column's range; what is
        // shown is always computed from the question's own times (`sos_requests`)
        minutes: Some(minutes),
        format: None,
        topic: s.question.clone(),
        plan_item_id: None,
        sos_id: Some(id),
        author_id: s.mentor_id,
        source: None,
    };
    add_entry_in(&mut tx, &e, now).await?;
    let s: Sos = sqlx::query_as(&format!("SELECT {SOS_COLS} FROM sos_requests WHERE id = ?"))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(s)
}

/// The questions a mentor has not answered yet, in active pairs, oldest first, with the
/// mentee's name.
pub async fn open_sos_for_mentor(pool: &Pool, mentor_id: i64) -> sqlx::Result<Vec<(Sos, String)>> {
    let rows: Vec<Sos> = sqlx::query_as(&format!(
        "SELECT {} FROM sos_requests s JOIN pairs p ON p.id = s.pair_id \
          WHERE s.mentor_id = ? AND s.answered_at IS NULL AND p.status = 'active' ORDER BY s.asked_at, s.id",
        SOS_COLS.split(", ").map(|c| format!("s.{c}")).collect::<Vec<_>>().join(", ")
    ))
    .bind(mentor_id)
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for s in rows {
        let name: Option<(Option<String>,)> =
            sqlx::query_as("SELECT full_name FROM users WHERE id = ?")
                .bind(s.mentee_id)
                .fetch_optional(pool)
                .await?;
        out.push((
            s,
            name.and_then(|n| n.0)
                .unwrap_or_else(|| super::pairs::NO_NAME.to_string()),
        ));
    }
    Ok(out)
}

pub async fn sos_between(
    pool: &Pool,
    pair_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> sqlx::Result<Vec<Sos>> {
    sqlx::query_as(&format!("SELECT {SOS_COLS} FROM sos_requests WHERE pair_id = ? AND asked_at BETWEEN ? AND ? ORDER BY asked_at"))
        .bind(pair_id)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await
}

// ---------------------------------------------------------------- adaptation reports

/// The figures of a pair's work from `from` to `to` (journal entries by date, `/sos` asked
/// from `from` until `until`, the plan as it stands), as the adaptation report counts them.
pub async fn summary(
    pool: &Pool,
    pair_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    until: DateTime<Utc>,
) -> sqlx::Result<Summary> {
    let entries = entries_between(pool, pair_id, from, to).await?;
    let items = items_of(pool, pair_id).await?;
    let start = from
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc())
        .unwrap_or(until);
    let sos = sos_between(pool, pair_id, start, until).await?;
    let facts: Vec<EntryFact> = entries
        .iter()
        .filter_map(|e| {
            e.kind().map(|kind| EntryFact {
                kind,
                minutes: e.minutes.map(|m| m as u32),
            })
        })
        .collect();
    let item_facts: Vec<ItemFact> = items
        .iter()
        .map(|i| ItemFact {
            status: i.status(),
            deadline: i.deadline,
            is_task: i.kind == "task",
            submitted: i.status() != PlanStatus::Planned,
        })
        .collect();
    let sos_facts: Vec<SosFact> = sos
        .iter()
        .map(|s| SosFact {
            asked_at: s.asked_at,
            answered_at: s.answered_at,
        })
        .collect();
    Ok(summarize(&facts, &item_facts, &sos_facts, to))
}

pub async fn save_report(
    pool: &Pool,
    pair_id: i64,
    mentor_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    body: &str,
    comment: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    Ok(sqlx::query("INSERT INTO adaptation_reports (pair_id, mentor_id, period_from, period_to, body, comment, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(pair_id)
        .bind(mentor_id)
        .bind(from)
        .bind(to)
        .bind(body)
        .bind(comment)
        .bind(now)
        .execute(pool)
        .await?
        .last_insert_rowid())
}

/// The end of the last report's period, to start the next one from.
pub async fn last_report_end(pool: &Pool, pair_id: i64) -> sqlx::Result<Option<NaiveDate>> {
    let row: Option<(NaiveDate,)> = sqlx::query_as(
        "SELECT MAX(period_to) FROM adaptation_reports WHERE pair_id = ? HAVING COUNT(*) > 0",
    )
    .bind(pair_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| r.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use crate::repo::testutil::*;
    use crate::repo::users;
    use chrono::Duration;

    async fn pair(pool: &Pool) -> (i64, i64, i64) {
        let (org, mentor) = registered(pool, 1, Role::Mentor).await;
        let mentee = users::ensure(pool, 2, t0()).await.unwrap();
        sqlx::query("INSERT INTO pairs (org_id, mentor_id, forms, start_date, planned_end, status, created_at) VALUES (?, ?, 'traditional', '2026-09-01', '2027-05-31', 'active', ?)")
            .bind(org)
            .bind(mentor.id)
            .bind(t0())
            .execute(pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO pair_mentees (pair_id, mentee_id, joined_at) VALUES (1, ?, ?)")
            .bind(mentee.id)
            .bind(t0())
            .execute(pool)
            .await
            .unwrap();
        (1, mentor.id, mentee.id)
    }

    fn meeting(pair_id: i64, author: i64, source: Source) -> NewEntry {
        NewEntry {
            pair_id,
            mentee_id: None,
            kind: EntryKind::Meeting,
            on_date: t0().date_naive(),
            minutes: Some(45),
            format: None,
            topic: "Разбор урока".into(),
            plan_item_id: None,
            sos_id: None,
            author_id: author,
            source,
        }
    }

    #[tokio::test]
    async fn the_same_message_logs_once() {
        let pool = pool().await;
        let (p, mentor, _) = pair(&pool).await;
        let (a, new_a) = add_entry(&pool, &meeting(p, mentor, Some((10, 5))), t0())
            .await
            .unwrap();
        let (b, new_b) = add_entry(&pool, &meeting(p, mentor, Some((10, 5))), t0())
            .await
            .unwrap();
        assert_eq!((a.id, new_a, new_b), (b.id, true, false));
        // what the one statement returns is what was stored
        assert_eq!(Some(a.clone()), entry(&pool, a.id).await.unwrap());
        assert_eq!(
            (
                a.topic.as_str(),
                a.minutes,
                a.pair_id,
                a.author_id,
                a.version
            ),
            ("Разбор урока", Some(45), p, mentor, 1)
        );
        add_entry(&pool, &meeting(p, mentor, Some((10, 6))), t0())
            .await
            .unwrap();
        assert_eq!(page(&pool, p, 0, 10).await.unwrap().1, 2);
        // the total is the same on a short page and past the end
        let (one, total) = page(&pool, p, 1, 1).await.unwrap();
        assert_eq!((one.len(), total), (1, 2));
        let (none, total) = page(&pool, p, 5, 10).await.unwrap();
        assert_eq!((none.len(), total), (0, 2));
    }

    #[tokio::test]
    async fn concurrent_logs_share_a_commit_and_each_is_answered_after_it() {
        // a file database, so that commits are real (WAL, fsync) and other connections see them
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::connect(&format!("sqlite://{}", dir.path().join("j.db").display()))
            .await
            .unwrap();
        let (p, mentor, _) = pair(&pool).await;
        let writer = JournalWriter::start(pool.clone());
        // 40 logs at once, two of them the same Telegram message, one on a pair that does not exist
        let mut tasks = Vec::new();
        for i in 0..40i64 {
            let (w, pool) = (writer.clone(), pool.clone());
            let source = Some((10, if i == 39 { 0 } else { i }));
            let pair_id = if i == 20 { 99 } else { p };
            tasks.push(tokio::spawn(async move {
                let added = w.add(&meeting(pair_id, mentor, source), t0()).await;
                // answered only once it is committed: another connection already sees it
                if let Ok((e, _)) = &added {
                    let (n,): (i64,) =
                        sqlx::query_as("SELECT COUNT(*) FROM journal_entries WHERE id = ?")
                            .bind(e.id)
                            .fetch_one(&pool)
                            .await
                            .unwrap();
                    assert_eq!(n, 1);
                }
                added
            }));
        }
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.unwrap());
        }
        assert!(
            matches!(results[20], Err(JournalError::NotFound)),
            "{:?}",
            results[20]
        );
        let (first, new_first) = results[0].as_ref().map(|(e, n)| (e.id, *n)).unwrap();
        let (again, new_again) = results[39].as_ref().map(|(e, n)| (e.id, *n)).unwrap();
        assert_eq!(first, again, "the same message logs once");
        assert!(new_first != new_again, "one of the two is new");
        assert_eq!(
            results
                .iter()
                .filter(|r| matches!(r, Ok((_, true))))
                .count(),
            38
        );
        assert_eq!(page(&pool, p, 0, 100).await.unwrap().1, 38);
    }

    #[tokio::test]
    async fn edits_keep_the_previous_version() {
        let pool = pool().await;
        let (p, mentor, _) = pair(&pool).await;
        let (id, _) = add_entry(&pool, &meeting(p, mentor, None), t0())
            .await
            .map(|(e, new)| (e.id, new))
            .unwrap();
        let change = EntryChange {
            minutes: Some(60),
            topic: Some("Разбор открытого урока".into()),
            ..Default::default()
        };
        let e = edit_entry(&pool, id, &change, mentor, t0() + Duration::hours(1))
            .await
            .unwrap();
        assert_eq!(
            (e.minutes, e.topic.as_str(), e.version),
            (Some(60), "Разбор открытого урока", 2)
        );
        let v = versions(&pool, id).await.unwrap();
        assert_eq!(v.len(), 1);
        assert_eq!(
            (
                v[0].version,
                v[0].minutes,
                v[0].topic.as_str(),
                v[0].action.as_str()
            ),
            (1, Some(45), "Разбор урока", "edit")
        );
        // deleting with the old version number is refused; with the current one it works
        assert!(matches!(
            delete_entry(&pool, id, Some(1), mentor, t0()).await,
            Err(JournalError::Stale)
        ));
        delete_entry(&pool, id, Some(2), mentor, t0())
            .await
            .unwrap();
        assert_eq!(page(&pool, p, 0, 10).await.unwrap().1, 0);
        assert_eq!(versions(&pool, id).await.unwrap().len(), 2);
        assert!(matches!(
            delete_entry(&pool, id, None, mentor, t0()).await,
            Err(JournalError::NotFound)
        ));
    }

    #[tokio::test]
    async fn closed_pairs_take_no_entries() {
        let pool = pool().await;
        let (p, mentor, _) = pair(&pool).await;
        let (logged, _) = add_entry(&pool, &meeting(p, mentor, Some((10, 5))), t0())
            .await
            .unwrap();
        sqlx::query("UPDATE pairs SET status = 'completed'")
            .execute(&pool)
            .await
            .unwrap();
        assert!(matches!(
            add_entry(&pool, &meeting(p, mentor, None), t0()).await,
            Err(JournalError::PairClosed)
        ));
        // a message delivered again after the pair closed still gets its answer, and adds nothing
        let (again, new) = add_entry(&pool, &meeting(p, mentor, Some((10, 5))), t0())
            .await
            .unwrap();
        assert_eq!((again.id, new), (logged.id, false));
        assert_eq!(page(&pool, p, 0, 10).await.unwrap().1, 1);
        assert!(matches!(
            add_entry(&pool, &meeting(99, mentor, None), t0()).await,
            Err(JournalError::NotFound)
        ));
    }

    #[tokio::test]
    async fn task_submit_check() {
        let pool = pool().await;
        let (p, mentor, mentee) = pair(&pool).await;
        let today = t0().date_naive();
        let item = NewItem {
            pair_id: p,
            mentee_id: Some(mentee),
            kind: "task",
            title: "Карта урока".into(),
            area: None,
            deadline: Some(today + Duration::days(7)),
            created_by: mentor,
            source: Some((1, 77)),
        };
        let (id, new) = add_item(&pool, &item, today, t0()).await.unwrap();
        assert!(new);
        assert_eq!(
            add_item(&pool, &item, today, t0()).await.unwrap(),
            (id, false)
        );
        assert!(
            matches!(
                check_item(&pool, id, true, None, mentor, today, t0()).await,
                Err(JournalError::Stale)
            ),
            "nothing to check yet"
        );
        let product = Product {
            kind: "photo".into(),
            text: None,
            file_id: Some("F1".into()),
            score: 4,
            comment: Some("Старалась".into()),
        };
        let it = submit_item(&pool, id, &product, t0()).await.unwrap();
        assert_eq!(
            (
                it.status.as_str(),
                it.self_score,
                it.product_file_id.as_deref()
            ),
            ("submitted", Some(4), Some("F1"))
        );
        let it = check_item(
            &pool,
            id,
            false,
            Some("Добавьте рефлексию"),
            mentor,
            today,
            t0(),
        )
        .await
        .unwrap();
        assert_eq!(
            (it.status.as_str(), it.check_comment.as_deref()),
            ("rework", Some("Добавьте рефлексию"))
        );
        submit_item(&pool, id, &product, t0()).await.unwrap();
        let it = check_item(&pool, id, true, None, mentor, today, t0())
            .await
            .unwrap();
        assert_eq!(it.status, "done");
        assert!(
            matches!(
                check_item(&pool, id, true, None, mentor, today, t0()).await,
                Err(JournalError::Stale)
            ),
            "a double tap changes nothing"
        );
        let kinds: Vec<String> = page(&pool, p, 0, 10)
            .await
            .unwrap()
            .0
            .into_iter()
            .map(|e| e.kind)
            .collect();
        assert_eq!(kinds.iter().filter(|k| *k == "check").count(), 2);
        assert_eq!(kinds.iter().filter(|k| *k == "task").count(), 1);
    }

    #[tokio::test]
    async fn sos_answered_once_with_response_time() {
        let pool = pool().await;
        let (p, mentor, mentee) = pair(&pool).await;
        let (id, _) = ask_sos(
            &pool,
            p,
            mentee,
            mentor,
            "Как успокоить класс?",
            Some((2, 9)),
            t0(),
        )
        .await
        .unwrap();
        let open = open_sos_for_mentor(&pool, mentor).await.unwrap();
        assert_eq!(open.iter().map(|(s, _)| s.id).collect::<Vec<_>>(), vec![id]);
        assert!(
            open_sos_for_mentor(&pool, mentee).await.unwrap().is_empty(),
            "only the mentor's own questions"
        );
        assert_eq!(
            ask_sos(
                &pool,
                p,
                mentee,
                mentor,
                "Как успокоить класс?",
                Some((2, 9)),
                t0()
            )
            .await
            .unwrap(),
            (id, false)
        );
        let s = answer_sos(
            &pool,
            id,
            "Начните с паузы",
            t0().date_naive(),
            t0() + Duration::minutes(25),
        )
        .await
        .unwrap();
        assert!(
            open_sos_for_mentor(&pool, mentor).await.unwrap().is_empty(),
            "answered: no longer open"
        );
        assert_eq!(s.answer.as_deref(), Some("Начните с паузы"));
        assert!(matches!(
            answer_sos(&pool, id, "ещё", t0().date_naive(), t0()).await,
            Err(JournalError::Stale)
        ));
        let (entries, _) = page(&pool, p, 0, 10).await.unwrap();
        assert_eq!(
            (entries[0].kind.as_str(), entries[0].minutes),
            ("sos", Some(25))
        );
    }
}
