//! The outbox: messages to other people, written by handlers and drained by the background
//! sender (`bot::outbox`). Exactly once, as reminders: a row is taken (`queued` → `sending`)
//! before it is handed to Telegram and settled after (`sent`, `unreachable`, `failed`,
//! `unknown`); after a restart `sending` rows become `unknown` and are never sent again.

use super::Pool;
use chrono::{DateTime, Utc};

/// Who a message goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum To {
    /// A person by their record id (the Telegram id is looked up when the row is sent, so a
    /// person who withdrew consent in between gets nothing).
    User(i64),
    /// A chat by its Telegram id (community chats).
    Chat(i64),
}

impl To {
    fn columns(self) -> (Option<i64>, Option<i64>) {
        match self {
            To::User(u) => (Some(u), None),
            To::Chat(c) => (None, Some(c)),
        }
    }

    fn from_columns(user: Option<i64>, chat: Option<i64>) -> Option<To> {
        match (user, chat) {
            (Some(u), _) => Some(To::User(u)),
            (None, Some(c)) => Some(To::Chat(c)),
            _ => None,
        }
    }
}

/// What the sender does once a row is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnSent {
    /// A survey question: the response keeps the message id (its buttons are edited later).
    Survey(i64),
    /// An announcement's delivery: its status is recorded and, after the last one, the author
    /// gets the report.
    Announcement(i64),
}

impl OnSent {
    fn columns(self) -> (&'static str, i64) {
        match self {
            OnSent::Survey(r) => ("survey", r),
            OnSent::Announcement(d) => ("announcement", d),
        }
    }

    fn from_columns(code: Option<&str>, id: Option<i64>) -> Option<OnSent> {
        match (code, id) {
            (Some("survey"), Some(id)) => Some(OnSent::Survey(id)),
            (Some("announcement"), Some(id)) => Some(OnSent::Announcement(id)),
            _ => None,
        }
    }
}

/// A message to put into the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMessage {
    pub to: To,
    pub text: String,
    /// The inline keyboard as JSON.
    pub keyboard: Option<String>,
    /// (kind: "photo" | "document", Telegram file_id); `text` is then the caption.
    pub file: Option<(String, String)>,
    pub on_sent: Option<OnSent>,
}

impl NewMessage {
    pub fn text(to: To, text: String, keyboard: Option<String>) -> Self {
        NewMessage {
            to,
            text,
            keyboard,
            file: None,
            on_sent: None,
        }
    }
}

/// A row taken for sending.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    pub id: i64,
    pub to: To,
    pub text: String,
    pub keyboard: Option<String>,
    pub file: Option<(String, String)>,
    pub on_sent: Option<OnSent>,
    /// Earlier attempts that Telegram refused without delivering.
    pub attempts: i64,
}

type OutRow = (
    i64,
    Option<i64>,
    Option<i64>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    i64,
);

fn outgoing(r: OutRow) -> Option<Outgoing> {
    let (id, user, chat, text, keyboard, file_kind, file_id, on_sent, ref_id, attempts) = r;
    Some(Outgoing {
        id,
        to: To::from_columns(user, chat)?,
        text,
        keyboard,
        file: file_kind.zip(file_id),
        on_sent: OnSent::from_columns(on_sent.as_deref(), ref_id),
        attempts,
    })
}

/// Puts a message into the outbox (in the caller's transaction, if it passes one).
pub async fn enqueue<'e, E>(executor: E, m: &NewMessage, now: DateTime<Utc>) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    let (user, chat) = m.to.columns();
    let (kind, file) = m.file.clone().unzip();
    let (on_sent, ref_id) = m.on_sent.map(OnSent::columns).unzip();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO outbox (user_id, chat_id, text, keyboard, file_kind, file_id, on_sent, ref_id, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(user)
    .bind(chat)
    .bind(&m.text)
    .bind(&m.keyboard)
    .bind(kind)
    .bind(file)
    .bind(on_sent)
    .bind(ref_id)
    .bind(now)
    .bind(now)
    .fetch_one(executor)
    .await?;
    Ok(id)
}

/// Recipients with queued messages, the longest waiting first (at most `limit`).
pub async fn waiting(pool: &Pool, limit: i64) -> sqlx::Result<Vec<To>> {
    let rows: Vec<(Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT user_id, chat_id FROM outbox WHERE state = 'queued' GROUP BY user_id, chat_id ORDER BY MIN(id) LIMIT ?",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(u, c)| To::from_columns(u, c))
        .collect())
}

/// Takes the recipient's oldest queued message for sending (`queued` → `sending`, in one
/// statement, so two senders can never take the same row). `None`: nothing is queued.
pub async fn take_next(pool: &Pool, to: To, now: DateTime<Utc>) -> sqlx::Result<Option<Outgoing>> {
    let (user, chat) = to.columns();
    let row: Option<OutRow> = sqlx::query_as(
        "UPDATE outbox SET state = 'sending', updated_at = ? \
         WHERE id = (SELECT id FROM outbox WHERE state = 'queued' AND user_id IS ? AND chat_id IS ? ORDER BY id LIMIT 1) \
           AND state = 'queued' \
         RETURNING id, user_id, chat_id, text, keyboard, file_kind, file_id, on_sent, ref_id, attempts",
    )
    .bind(now)
    .bind(user)
    .bind(chat)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(outgoing))
}

/// How a taken row ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// Delivered; the (last) message Telegram created, and whether the chat had moved to a
    /// supergroup first.
    Sent { message_id: i64, migrated: bool },
    /// The person blocked the bot or never opened it; the chat removed the bot.
    Unreachable,
    /// Telegram refused it for good (e.g. a bad request).
    Failed,
    /// The request may or may not have reached Telegram (a network failure mid-way): never
    /// sent again.
    Unknown,
}

impl Settled {
    pub fn code(self) -> &'static str {
        match self {
            Settled::Sent { .. } => "sent",
            Settled::Unreachable => "unreachable",
            Settled::Failed => "failed",
            Settled::Unknown => "unknown",
        }
    }
}

/// Records how a row taken for sending ended. The text, keyboard and file are dropped once
/// a row is settled: what was delivered is in the chat, and the table keeps only the record.
pub async fn settle(
    pool: &Pool,
    id: i64,
    how: Settled,
    error: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let (message_id, migrated) = match how {
        Settled::Sent {
            message_id,
            migrated,
        } => (Some(message_id), migrated),
        _ => (None, false),
    };
    sqlx::query(
        "UPDATE outbox SET state = ?, message_id = ?, migrated = ?, error = ?, updated_at = ?, text = '', keyboard = NULL, file_id = NULL \
          WHERE id = ? AND state = 'sending'",
    )
        .bind(how.code())
        .bind(message_id)
        .bind(migrated)
        .bind(error)
        .bind(now)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Telegram surely did not deliver it and a later attempt may succeed: back in the queue, in
/// its place (the recipient's later messages still wait behind it).
pub async fn requeue(pool: &Pool, id: i64, error: &str, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE outbox SET state = 'queued', attempts = attempts + 1, error = ?, updated_at = ? WHERE id = ? AND state = 'sending'")
        .bind(error)
        .bind(now)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// The sender stopped before handing the row to Telegram: back in the queue as it was.
pub async fn release(pool: &Pool, id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE outbox SET state = 'queued' WHERE id = ? AND state = 'sending'")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// At start-up, before the sender runs: rows a stop left `sending` may have been delivered, so
/// they become `unknown` (never sent twice). Returns how many.
pub async fn recover(pool: &Pool, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let done = sqlx::query("UPDATE outbox SET state = 'unknown', error = 'interrupted while sending', updated_at = ?, text = '', keyboard = NULL, file_id = NULL \
          WHERE state = 'sending'")
        .bind(now)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// Messages not yet settled (queued or being sent): the console and the tests wait for none.
pub async fn pending(pool: &Pool) -> sqlx::Result<i64> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'sending')")
            .fetch_one(pool)
            .await?;
    Ok(n)
}

/// Messages in a state (tests, the console, the bench).
pub async fn count(pool: &Pool, state: &str) -> sqlx::Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE state = ?")
        .bind(state)
        .fetch_one(pool)
        .await?;
    Ok(n)
}

/// A group became a supergroup: the queued messages go to the new id.
pub async fn move_chat<'e, E>(executor: E, old: i64, new: i64) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    sqlx::query("UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND state = 'queued'")
        .bind(new)
        .bind(old)
        .execute(executor)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::testutil::{pool, t0};
    use crate::repo::users;

    async fn person(pool: &Pool, tg: i64) -> i64 {
        users::ensure(pool, tg, t0()).await.unwrap().id
    }

    #[tokio::test]
    async fn one_recipient_in_order_and_each_row_taken_once() {
        let pool = pool().await;
        let a = person(&pool, 100).await;
        let b = person(&pool, 200).await;
        for i in 1..=3 {
            enqueue(
                &pool,
                &NewMessage::text(To::User(a), format!("a{i}"), None),
                t0(),
            )
            .await
            .unwrap();
        }
        enqueue(
            &pool,
            &NewMessage::text(To::User(b), "b1".into(), Some("{}".into())),
            t0(),
        )
        .await
        .unwrap();
        enqueue(
            &pool,
            &NewMessage::text(To::Chat(-5), "c1".into(), None),
            t0(),
        )
        .await
        .unwrap();
        assert_eq!(
            waiting(&pool, 10).await.unwrap(),
            vec![To::User(a), To::User(b), To::Chat(-5)]
        );

        let first = take_next(&pool, To::User(a), t0()).await.unwrap().unwrap();
        assert_eq!(first.text, "a1");
        // a row being sent is not taken again; the next one is
        let second = take_next(&pool, To::User(a), t0()).await.unwrap().unwrap();
        assert_eq!(second.text, "a2");
        settle(
            &pool,
            first.id,
            Settled::Sent {
                message_id: 7,
                migrated: false,
            },
            None,
            t0(),
        )
        .await
        .unwrap();
        // a settled row keeps the record, not the message
        let kept: (String, Option<String>, Option<i64>) =
            sqlx::query_as("SELECT text, keyboard, message_id FROM outbox WHERE id = ?")
                .bind(first.id)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(kept, (String::new(), None, Some(7)));
        // refused without delivery: back in the queue, still before a3
        requeue(&pool, second.id, "Internal Server Error", t0())
            .await
            .unwrap();
        let again = take_next(&pool, To::User(a), t0()).await.unwrap().unwrap();
        assert_eq!((again.text.as_str(), again.attempts), ("a2", 1));
        settle(
            &pool,
            again.id,
            Settled::Sent {
                message_id: 8,
                migrated: false,
            },
            None,
            t0(),
        )
        .await
        .unwrap();
        // a settled row cannot be settled again (or requeued)
        settle(&pool, again.id, Settled::Failed, None, t0())
            .await
            .unwrap();
        requeue(&pool, again.id, "x", t0()).await.unwrap();
        let (state, mid): (String, Option<i64>) =
            sqlx::query_as("SELECT state, message_id FROM outbox WHERE id = ?")
                .bind(again.id)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!((state.as_str(), mid), ("sent", Some(8)));

        let b1 = take_next(&pool, To::User(b), t0()).await.unwrap().unwrap();
        assert_eq!(b1.keyboard.as_deref(), Some("{}"));
        assert!(take_next(&pool, To::User(b), t0()).await.unwrap().is_none());
        assert_eq!(
            waiting(&pool, 10).await.unwrap(),
            vec![To::User(a), To::Chat(-5)]
        );
    }

    #[tokio::test]
    async fn a_restart_resumes_queued_rows_and_never_resends_one_in_flight() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("o.db").display());
        let pool = crate::db::connect(&url).await.unwrap();
        let a = person(&pool, 100).await;
        let on_sent = Some(OnSent::Survey(42));
        let msg = |t: &str| NewMessage {
            to: To::User(a),
            text: t.into(),
            keyboard: None,
            file: Some(("photo".into(), "F1".into())),
            on_sent,
        };
        enqueue(&pool, &msg("first"), t0()).await.unwrap();
        enqueue(&pool, &msg("second"), t0()).await.unwrap();
        let in_flight = take_next(&pool, To::User(a), t0()).await.unwrap().unwrap();
        assert_eq!(in_flight.file, Some(("photo".into(), "F1".into())));
        assert_eq!(in_flight.on_sent, Some(OnSent::Survey(42)));
        pool.close().await;

        // the process died while `first` was with Telegram
        let pool = crate::db::connect(&url).await.unwrap();
        assert_eq!(recover(&pool, t0()).await.unwrap(), 1);
        assert_eq!(count(&pool, "unknown").await.unwrap(), 1);
        let next = take_next(&pool, To::User(a), t0()).await.unwrap().unwrap();
        assert_eq!(
            next.text, "second",
            "the queued row is sent after the restart, the interrupted one never again"
        );
        assert!(take_next(&pool, To::User(a), t0()).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn queued_rows_follow_a_chat_to_its_supergroup() {
        let pool = pool().await;
        enqueue(
            &pool,
            &NewMessage::text(To::Chat(-5), "x".into(), None),
            t0(),
        )
        .await
        .unwrap();
        move_chat(&pool, -5, -1005).await.unwrap();
        assert!(take_next(&pool, To::Chat(-5), t0())
            .await
            .unwrap()
            .is_none());
        assert_eq!(
            take_next(&pool, To::Chat(-1005), t0())
                .await
                .unwrap()
                .unwrap()
                .text,
            "x"
        );
    }
}
