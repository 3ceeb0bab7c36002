//! Group chats of the district community: the district chat, organizations' chats and the
//! subject councils (МО). A chat is known from the moment the bot is added; it is linked by a
//! coordinator and left after a day if nobody links it.

use super::Pool;
use chrono::{DateTime, Duration, Utc};

/// What a linked chat is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChatKind {
    District,
    Org(i64),
    Council(String),
}

impl ChatKind {
    pub fn code(&self) -> &'static str {
        match self {
            ChatKind::District => "district",
            ChatKind::Org(_) => "org",
            ChatKind::Council(_) => "council",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CommunityChat {
    pub chat_id: i64,
    pub title: String,
    /// `None` while the chat is not linked.
    pub kind: Option<ChatKind>,
    pub added_at: DateTime<Utc>,
    pub left_at: Option<DateTime<Utc>>,
    pub topic_asked_by: Option<i64>,
    pub welcomed_at: Option<DateTime<Utc>>,
    pub welcome_pending: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    chat_id: i64,
    title: String,
    kind: Option<String>,
    org_id: Option<i64>,
    topic: Option<String>,
    added_at: DateTime<Utc>,
    left_at: Option<DateTime<Utc>>,
    topic_asked_by: Option<i64>,
    welcomed_at: Option<DateTime<Utc>>,
    welcome_pending: String,
}

impl From<Row> for CommunityChat {
    fn from(r: Row) -> Self {
        let kind = match (r.kind.as_deref(), r.org_id, r.topic) {
            (Some("district"), _, _) => Some(ChatKind::District),
            (Some("org"), Some(org), _) => Some(ChatKind::Org(org)),
            (Some("council"), _, Some(topic)) => Some(ChatKind::Council(topic)),
            _ => None,
        };
        CommunityChat {
            chat_id: r.chat_id,
            title: r.title,
            kind,
            added_at: r.added_at,
            left_at: r.left_at,
            topic_asked_by: r.topic_asked_by,
            welcomed_at: r.welcomed_at,
            welcome_pending: r
                .welcome_pending
                .split('\n')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }
}

const COLS: &str = "chat_id, title, kind, org_id, topic, added_at, left_at, topic_asked_by, welcomed_at, welcome_pending";

pub async fn get(pool: &Pool, chat_id: i64) -> sqlx::Result<Option<CommunityChat>> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLS} FROM community_chats WHERE chat_id = ?"
    ))
    .bind(chat_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(Into::into))
}

/// The bot was added to a chat. Returns `true` if it is new or comes back after leaving
/// (then it introduces itself); a re-added chat starts unlinked again.
pub async fn added(
    pool: &Pool,
    chat_id: i64,
    title: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO community_chats (chat_id, title, added_at) VALUES (?, ?, ?) \
         ON CONFLICT(chat_id) DO UPDATE SET title = excluded.title, added_at = excluded.added_at, left_at = NULL, \
         kind = NULL, org_id = NULL, topic = NULL, linked_at = NULL, linked_by = NULL, topic_asked_by = NULL \
         WHERE community_chats.left_at IS NOT NULL",
    )
    .bind(chat_id)
    .bind(title)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The bot left or was removed.
pub async fn left(pool: &Pool, chat_id: i64, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE community_chats SET left_at = ? WHERE chat_id = ? AND left_at IS NULL")
        .bind(now)
        .bind(chat_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// A group became a supergroup (Telegram gives it a new id): the link, the deliveries and the
/// queued messages move to the new id. If the new id is already known (the bot saw the
/// supergroup first), the old row's link is kept on it. Returns `false` if the old id was unknown.
pub async fn migrate(pool: &Pool, old: i64, new: i64) -> sqlx::Result<bool> {
    let mut tx = crate::db::write(pool).await?;
    let known: Option<(i64,)> =
        sqlx::query_as("SELECT chat_id FROM community_chats WHERE chat_id = ?")
            .bind(old)
            .fetch_optional(&mut *tx)
            .await?;
    if known.is_none() {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO community_chats (chat_id, title, kind, org_id, topic, added_at, linked_at, linked_by, left_at, topic_asked_by, welcomed_at, welcome_pending) \
         SELECT ?, title, kind, org_id, topic, added_at, linked_at, linked_by, left_at, topic_asked_by, welcomed_at, welcome_pending \
           FROM community_chats WHERE chat_id = ? \
         ON CONFLICT(chat_id) DO UPDATE SET kind = excluded.kind, org_id = excluded.org_id, topic = excluded.topic, \
           linked_at = excluded.linked_at, linked_by = excluded.linked_by, left_at = excluded.left_at, \
           welcome_pending = excluded.welcome_pending",
    )
    .bind(new)
    .bind(old)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM community_chats WHERE chat_id = ?")
        .bind(old)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE OR IGNORE announcement_deliveries SET chat_id = ? WHERE chat_id = ?")
        .bind(new)
        .bind(old)
        .execute(&mut *tx)
        .await?;
    super::outbox::move_chat(&mut *tx, old, new).await?;
    tx.commit().await?;
    Ok(true)
}

/// Links a chat (the bot must be in it). Returns `false` if the chat is unknown or left.
pub async fn link(
    pool: &Pool,
    chat_id: i64,
    kind: &ChatKind,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let (org, topic) = match kind {
        ChatKind::District => (None, None),
        ChatKind::Org(id) => (Some(*id), None),
        ChatKind::Council(t) => (None, Some(t.as_str())),
    };
    let done = sqlx::query(
        "UPDATE community_chats SET kind = ?, org_id = ?, topic = ?, linked_at = ?, linked_by = ?, topic_asked_by = NULL \
         WHERE chat_id = ? AND left_at IS NULL",
    )
    .bind(kind.code())
    .bind(org)
    .bind(topic)
    .bind(now)
    .bind(by)
    .bind(chat_id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Unlinks a chat; it gets another day before the bot leaves it. `false` if it was not linked.
pub async fn unlink(pool: &Pool, chat_id: i64, now: DateTime<Utc>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE community_chats SET kind = NULL, org_id = NULL, topic = NULL, linked_at = NULL, linked_by = NULL, added_at = ? \
         WHERE chat_id = ? AND kind IS NOT NULL AND left_at IS NULL",
    )
    .bind(now)
    .bind(chat_id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Remembers (or forgets, with `None`) who is to type a council's topic.
pub async fn ask_topic(pool: &Pool, chat_id: i64, tg: Option<i64>) -> sqlx::Result<()> {
    sqlx::query("UPDATE community_chats SET topic_asked_by = ? WHERE chat_id = ?")
        .bind(tg)
        .bind(chat_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Chats the bot is in that nobody linked within a day of being added.
pub async fn unlinked_since(pool: &Pool, now: DateTime<Utc>) -> sqlx::Result<Vec<CommunityChat>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLS} FROM community_chats WHERE kind IS NULL AND left_at IS NULL AND added_at <= ? ORDER BY chat_id"
    ))
    .bind(now - Duration::days(1))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// (chat id, title) of every group the bot is in, linked or not, oldest first (the console's
/// groups of an earlier run).
pub async fn present(pool: &Pool) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as("SELECT chat_id, title FROM community_chats WHERE left_at IS NULL ORDER BY added_at, chat_id").fetch_all(pool).await
}

/// Linked chats of the given kinds; `orgs` limits organizations' chats (and excludes the
/// others) when given.
pub async fn linked(
    pool: &Pool,
    kinds: &[&str],
    orgs: Option<&[i64]>,
) -> sqlx::Result<Vec<CommunityChat>> {
    let rows: Vec<Row> = sqlx::query_as(&format!("SELECT {COLS} FROM community_chats WHERE kind IS NOT NULL AND left_at IS NULL ORDER BY chat_id"))
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(CommunityChat::from)
        .filter(|c| match (&c.kind, orgs) {
            (Some(k), _) if !kinds.contains(&k.code()) => false,
            (Some(ChatKind::Org(o)), Some(allowed)) => allowed.contains(o),
            (Some(_), Some(_)) => false,
            (Some(_), None) => true,
            (None, _) => false,
        })
        .collect())
}

/// Newcomers' welcome in a linked chat, at most once per `every`: returns the names to
/// greet now (the pending ones and `names`), or an empty list after queueing `names`.
pub async fn welcome(
    pool: &Pool,
    chat_id: i64,
    names: &[String],
    every: Duration,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<String>> {
    let mut tx = crate::db::write(&pool).await?;
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLS} FROM community_chats WHERE chat_id = ? AND kind IS NOT NULL AND left_at IS NULL"))
        .bind(chat_id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(chat) = row.map(CommunityChat::from) else {
        return Ok(Vec::new());
    };
    let mut all = chat.welcome_pending;
    all.extend(names.iter().map(|n| n.replace('\n', " ")));
    let due = chat.welcomed_at.is_none_or(|t| now - t >= every);
    let (pending, welcomed_at, greet) = if due && !all.is_empty() {
        (Vec::new(), Some(now), all)
    } else {
        (all, chat.welcomed_at, Vec::new())
    };
    sqlx::query(
        "UPDATE community_chats SET welcome_pending = ?, welcomed_at = ? WHERE chat_id = ?",
    )
    .bind(pending.join("\n"))
    .bind(welcomed_at)
    .bind(chat_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(greet)
}

/// Chats whose queued newcomers may be greeted now.
pub async fn welcomes_due(
    pool: &Pool,
    every: Duration,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<i64>> {
    let ids: Vec<(i64,)> = sqlx::query_as(
        "SELECT chat_id FROM community_chats WHERE welcome_pending <> '' AND kind IS NOT NULL AND left_at IS NULL \
         AND (welcomed_at IS NULL OR welcomed_at <= ?)",
    )
    .bind(now - every)
    .fetch_all(pool)
    .await?;
    Ok(ids.into_iter().map(|r| r.0).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::OrgKind;
    use crate::repo::orgs;
    use crate::repo::testutil::*;

    #[tokio::test]
    async fn add_link_unlink_and_leave() {
        let pool = pool().await;
        assert!(added(&pool, -1, "Наставники района", t0()).await.unwrap());
        assert!(
            !added(&pool, -1, "Наставники района", t0()).await.unwrap(),
            "a second add of a present chat is not new"
        );
        assert!(added(&pool, -2, "Школа 1", t0()).await.unwrap());
        let org = orgs::create(&pool, "Школа № 1", OrgKind::School, "Europe/Moscow", t0())
            .await
            .unwrap();
        assert!(link(&pool, -1, &ChatKind::District, None, t0())
            .await
            .unwrap());
        assert_eq!(
            get(&pool, -1).await.unwrap().unwrap().kind,
            Some(ChatKind::District)
        );
        // within a day nothing is to be left; after a day only the unlinked chat
        assert!(unlinked_since(&pool, t0() + Duration::hours(23))
            .await
            .unwrap()
            .is_empty());
        let stale = unlinked_since(&pool, t0() + Duration::hours(25))
            .await
            .unwrap();
        assert_eq!(
            stale.iter().map(|c| c.chat_id).collect::<Vec<_>>(),
            vec![-2]
        );
        assert!(link(&pool, -2, &ChatKind::Org(org), None, t0())
            .await
            .unwrap());
        assert!(unlinked_since(&pool, t0() + Duration::hours(25))
            .await
            .unwrap()
            .is_empty());
        // kinds and organization scope
        assert_eq!(
            linked(&pool, &["district", "org"], None)
                .await
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            linked(&pool, &["district", "org"], Some(&[org]))
                .await
                .unwrap()
                .iter()
                .map(|c| c.chat_id)
                .collect::<Vec<_>>(),
            vec![-2]
        );
        assert!(linked(&pool, &["org"], Some(&[org + 1]))
            .await
            .unwrap()
            .is_empty());
        // unlinking gives another day
        let later = t0() + Duration::days(3);
        assert!(unlink(&pool, -2, later).await.unwrap());
        assert!(!unlink(&pool, -2, later).await.unwrap());
        assert!(unlinked_since(&pool, later + Duration::hours(2))
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            unlinked_since(&pool, later + Duration::days(2))
                .await
                .unwrap()
                .len(),
            1
        );
        // a left chat is not linkable; coming back starts afresh
        left(&pool, -2, later).await.unwrap();
        assert!(!link(&pool, -2, &ChatKind::District, None, later)
            .await
            .unwrap());
        assert!(added(&pool, -2, "Школа 1", later).await.unwrap());
        assert!(link(
            &pool,
            -2,
            &ChatKind::Council("МО математиков".into()),
            None,
            later
        )
        .await
        .unwrap());
        assert_eq!(
            get(&pool, -2).await.unwrap().unwrap().kind,
            Some(ChatKind::Council("МО математиков".into()))
        );
    }

    #[tokio::test]
    async fn welcomes_are_batched() {
        let pool = pool().await;
        added(&pool, -5, "Чат", t0()).await.unwrap();
        let ten = Duration::minutes(10);
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // not linked: nobody is greeted
        assert!(welcome(&pool, -5, &names(&["Анна"]), ten, t0())
            .await
            .unwrap()
            .is_empty());
        link(&pool, -5, &ChatKind::District, None, t0())
            .await
            .unwrap();
        assert_eq!(
            welcome(&pool, -5, &names(&["Анна"]), ten, t0())
                .await
                .unwrap(),
            names(&["Анна"])
        );
        let t1 = t0() + Duration::minutes(3);
        assert!(welcome(&pool, -5, &names(&["Борис"]), ten, t1)
            .await
            .unwrap()
            .is_empty());
        assert!(welcome(&pool, -5, &names(&["Вера"]), ten, t1)
            .await
            .unwrap()
            .is_empty());
        assert!(welcomes_due(&pool, ten, t1).await.unwrap().is_empty());
        let t2 = t0() + Duration::minutes(11);
        assert_eq!(welcomes_due(&pool, ten, t2).await.unwrap(), vec![-5]);
        assert_eq!(
            welcome(&pool, -5, &[], ten, t2).await.unwrap(),
            names(&["Борис", "Вера"])
        );
        assert!(welcomes_due(&pool, ten, t2 + ten).await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_group_that_became_a_supergroup_keeps_its_link_deliveries_and_queue() {
        use crate::repo::outbox::{self, NewMessage, To};
        let pool = pool().await;
        let org = orgs::create(&pool, "Школа № 1", OrgKind::School, "Europe/Moscow", t0())
            .await
            .unwrap();
        assert!(added(&pool, -5, "Школа 1", t0()).await.unwrap());
        assert!(link(&pool, -5, &ChatKind::Org(org), None, t0())
            .await
            .unwrap());
        outbox::enqueue(
            &pool,
            &NewMessage::text(To::Chat(-5), "x".into(), None),
            t0(),
        )
        .await
        .unwrap();
        let author = crate::repo::users::ensure(&pool, 1, t0()).await.unwrap().id;
        sqlx::query("INSERT INTO announcements (id, author_id, body, targets, status, send_at, created_at) VALUES (1, ?, 'b', 'chat:org', 'sending', ?, ?)")
            .bind(author).bind(t0()).bind(t0()).execute(&pool).await.unwrap();
        sqlx::query(
            "INSERT INTO announcement_deliveries (announcement_id, chat_id) VALUES (1, -5)",
        )
        .execute(&pool)
        .await
        .unwrap();

        assert!(migrate(&pool, -5, -1005).await.unwrap());
        assert!(get(&pool, -5).await.unwrap().is_none());
        assert_eq!(
            get(&pool, -1005).await.unwrap().unwrap().kind,
            Some(ChatKind::Org(org))
        );
        let (chat,): (i64,) = sqlx::query_as("SELECT chat_id FROM announcement_deliveries")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(chat, -1005);
        assert_eq!(
            outbox::waiting(&pool, 5).await.unwrap(),
            vec![To::Chat(-1005)]
        );
        // the second signal (the error after the service message) finds nothing to move
        assert!(!migrate(&pool, -5, -1005).await.unwrap());

        // the bot saw the supergroup first: the link moves onto that row
        assert!(added(&pool, -6, "Совет", t0()).await.unwrap());
        assert!(link(&pool, -6, &ChatKind::District, None, t0())
            .await
            .unwrap());
        assert!(added(&pool, -1006, "Совет", t0()).await.unwrap());
        assert!(migrate(&pool, -6, -1006).await.unwrap());
        assert_eq!(
            get(&pool, -1006).await.unwrap().unwrap().kind,
            Some(ChatKind::District)
        );
    }
}
