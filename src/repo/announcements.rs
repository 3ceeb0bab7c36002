//! Announcements (объявления) and their deliveries: one row per chat or person, with the
//! outcome, so that the author gets an honest delivery report.

use super::Pool;
use crate::domain::Role;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq)]
pub struct NewAnnouncement {
    pub author_id: i64,
    /// The curator's organizations; `None` = the whole district (a coordinator).
    pub org_scope: Option<Vec<i64>>,
    pub body: String,
    /// (kind: document/photo, Telegram file id)
    pub file: Option<(String, String)>,
    pub targets: Vec<String>,
    pub send_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Announcement {
    pub id: i64,
    pub author_id: i64,
    pub org_scope: Option<Vec<i64>>,
    pub body: String,
    pub file: Option<(String, String)>,
    pub targets: Vec<String>,
    pub status: String,
    pub send_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    author_id: i64,
    org_scope: Option<String>,
    body: String,
    file_id: Option<String>,
    file_kind: Option<String>,
    targets: String,
    status: String,
    send_at: DateTime<Utc>,
}

fn ids(s: &str) -> Vec<i64> {
    s.split(',').filter_map(|x| x.trim().parse().ok()).collect()
}

impl From<Row> for Announcement {
    fn from(r: Row) -> Self {
        Announcement {
            id: r.id,
            author_id: r.author_id,
            org_scope: r.org_scope.as_deref().map(ids),
            body: r.body,
            file: r.file_kind.zip(r.file_id),
            targets: r
                .targets
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            status: r.status,
            send_at: r.send_at,
        }
    }
}

const COLS: &str = "id, author_id, org_scope, body, file_id, file_kind, targets, status, send_at";

/// Stores an announcement to be sent at `send_at` (now or later).
pub async fn create(pool: &Pool, a: &NewAnnouncement, now: DateTime<Utc>) -> sqlx::Result<i64> {
    let scope = a.org_scope.as_ref().map(|v| {
        v.iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    });
    let (kind, file) = a.file.clone().unzip();
    let id = sqlx::query(
        "INSERT INTO announcements (author_id, org_scope, body, file_id, file_kind, targets, status, send_at, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, 'scheduled', ?, ?)",
    )
    .bind(a.author_id)
    .bind(scope)
    .bind(&a.body)
    .bind(file)
    .bind(kind)
    .bind(a.targets.join(","))
    .bind(a.send_at)
    .bind(now)
    .execute(pool)
    .await?
    .last_insert_rowid();
    Ok(id)
}

pub async fn get(pool: &Pool, id: i64) -> sqlx::Result<Option<Announcement>> {
    let row: Option<Row> =
        sqlx::query_as(&format!("SELECT {COLS} FROM announcements WHERE id = ?"))
            .bind(id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(Into::into))
}

/// Scheduled announcements whose time has come.
pub async fn due(pool: &Pool, now: DateTime<Utc>) -> sqlx::Result<Vec<Announcement>> {
    let rows: Vec<Row> = sqlx::query_as(&format!("SELECT {COLS} FROM announcements WHERE status = 'scheduled' AND send_at <= ? ORDER BY send_at, id"))
        .bind(now)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The author's announcements still waiting for their time, soonest first.
pub async fn scheduled_by(pool: &Pool, author_id: i64) -> sqlx::Result<Vec<Announcement>> {
    let rows: Vec<Row> = sqlx::query_as(&format!("SELECT {COLS} FROM announcements WHERE author_id = ? AND status = 'scheduled' ORDER BY send_at, id"))
        .bind(author_id)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Cancels the author's own scheduled announcement: `false` if it is not theirs, or is already
/// being sent, sent or cancelled (the status in the condition settles a race with the tick).
pub async fn cancel(pool: &Pool, id: i64, author_id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE announcements SET status = 'cancelled' WHERE id = ? AND author_id = ? AND status = 'scheduled'")
        .bind(id)
        .bind(author_id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes an announcement for sending: `true` for exactly one caller (a tick and a tap may race).
pub async fn claim(pool: &Pool, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE announcements SET status = 'sending' WHERE id = ? AND status = 'scheduled'",
    )
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A recipient: a chat or a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Recipient {
    Chat(i64),
    User(i64),
}

/// Adds deliveries (duplicates are ignored) and returns the pending ones.
pub async fn add_deliveries(
    pool: &Pool,
    announcement: i64,
    to: &[Recipient],
) -> sqlx::Result<Vec<(i64, Recipient)>> {
    let mut tx = crate::db::write(&pool).await?;
    for r in to {
        let (chat, user) = match r {
            Recipient::Chat(c) => (Some(*c), None),
            Recipient::User(u) => (None, Some(*u)),
        };
        sqlx::query("INSERT OR IGNORE INTO announcement_deliveries (announcement_id, chat_id, user_id) VALUES (?, ?, ?)")
            .bind(announcement)
            .bind(chat)
            .bind(user)
            .execute(&mut *tx)
            .await?;
    }
    let rows: Vec<(i64, Option<i64>, Option<i64>)> =
        sqlx::query_as("SELECT id, chat_id, user_id FROM announcement_deliveries WHERE announcement_id = ? AND status = 'pending' ORDER BY id")
            .bind(announcement)
            .fetch_all(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, c, u)| match (c, u) {
            (Some(c), _) => Some((id, Recipient::Chat(c))),
            (None, Some(u)) => Some((id, Recipient::User(u))),
            _ => None,
        })
        .collect())
}

pub async fn set_delivery(
    pool: &Pool,
    delivery: i64,
    status: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<i64>> {
    let row: Option<(i64,)> = sqlx::query_as("UPDATE announcement_deliveries SET status = ?, at = ? WHERE id = ? RETURNING announcement_id")
        .bind(status)
        .bind(now)
        .bind(delivery)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|r| r.0))
}

/// Marks a claimed announcement sent once none of its deliveries is pending; returns its
/// author for exactly one caller (the status in the condition settles a race between the
/// sender's lanes).
pub async fn finish_if_done(pool: &Pool, id: i64, now: DateTime<Utc>) -> sqlx::Result<Option<i64>> {
    let row: Option<(i64,)> = sqlx::query_as(
        "UPDATE announcements SET status = 'sent', sent_at = ? WHERE id = ? AND status = 'sending' \
           AND NOT EXISTS (SELECT 1 FROM announcement_deliveries d WHERE d.announcement_id = announcements.id AND d.status = 'pending') \
         RETURNING author_id",
    )
    .bind(now)
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| r.0))
}

/// Every delivery with its outcome: (recipient, status).
pub async fn deliveries(pool: &Pool, announcement: i64) -> sqlx::Result<Vec<(Recipient, String)>> {
    let rows: Vec<(Option<i64>, Option<i64>, String)> =
        sqlx::query_as("SELECT chat_id, user_id, status FROM announcement_deliveries WHERE announcement_id = ? ORDER BY id")
            .bind(announcement)
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(c, u, s)| match (c, u) {
            (Some(c), _) => Some((Recipient::Chat(c), s)),
            (None, Some(u)) => Some((Recipient::User(u), s)),
            _ => None,
        })
        .collect())
}

/// People (user ids) holding one of `roles` who can be written to: consent given, Telegram
/// known; within `orgs` when given.
pub async fn people_with_roles(
    pool: &Pool,
    roles: &[Role],
    orgs: Option<&[i64]>,
) -> sqlx::Result<Vec<i64>> {
    let rows: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT DISTINCT u.id, r.role, r.org_id FROM users u JOIN roles r ON r.user_id = u.id \
         WHERE u.telegram_id IS NOT NULL AND u.consent_at IS NOT NULL ORDER BY u.id",
    )
    .fetch_all(pool)
    .await?;
    let mut out: Vec<i64> = rows
        .into_iter()
        .filter(|(_, role, org)| {
            roles.iter().any(|r| r.code() == role)
                && orgs.is_none_or(|allowed| org.is_some_and(|o| allowed.contains(&o)))
        })
        .map(|(id, _, _)| id)
        .collect();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::testutil::*;
    use crate::repo::users;

    #[tokio::test]
    async fn only_the_author_cancels_and_only_before_sending() {
        let pool = pool().await;
        let (org, author) = registered(&pool, 1, Role::Curator).await;
        let (_, other) = registered(&pool, 2, Role::Curator).await;
        let new = |hours: i64| NewAnnouncement {
            author_id: author.id,
            org_scope: Some(vec![org]),
            body: format!("Через {hours} ч"),
            file: None,
            targets: vec!["role:mentor".into()],
            send_at: t0() + chrono::Duration::hours(hours),
        };
        let (late, soon, sending) = (
            create(&pool, &new(5), t0()).await.unwrap(),
            create(&pool, &new(2), t0()).await.unwrap(),
            create(&pool, &new(3), t0()).await.unwrap(),
        );
        assert!(claim(&pool, sending).await.unwrap());
        let ids = |v: Vec<Announcement>| v.into_iter().map(|a| a.id).collect::<Vec<_>>();
        assert_eq!(
            ids(scheduled_by(&pool, author.id).await.unwrap()),
            vec![soon, late],
            "soonest first, the one being sent is not listed"
        );
        assert!(scheduled_by(&pool, other.id).await.unwrap().is_empty());
        assert!(!cancel(&pool, soon, other.id).await.unwrap(), "not theirs");
        assert!(
            !cancel(&pool, sending, author.id).await.unwrap(),
            "already being sent"
        );
        assert!(cancel(&pool, soon, author.id).await.unwrap());
        assert!(
            !cancel(&pool, soon, author.id).await.unwrap(),
            "cancelled once"
        );
        assert!(
            !claim(&pool, soon).await.unwrap(),
            "a cancelled one is never sent"
        );
        assert_eq!(
            ids(due(&pool, t0() + chrono::Duration::days(1)).await.unwrap()),
            vec![late]
        );
    }

    #[tokio::test]
    async fn schedule_claim_deliver_report() {
        let pool = pool().await;
        let (org, author) = registered(&pool, 1, Role::Curator).await;
        let (_, mentor) = registered(&pool, 2, Role::Mentor).await;
        users::grant_role(&pool, mentor.id, Role::Mentor, Some(org), t0())
            .await
            .unwrap();
        let later = t0() + chrono::Duration::hours(2);
        let a = NewAnnouncement {
            author_id: author.id,
            org_scope: Some(vec![org]),
            body: "Семинар в пятницу".into(),
            file: Some(("document".into(), "file-1".into())),
            targets: vec!["chat:org".into(), "role:mentor".into()],
            send_at: later,
        };
        let id = create(&pool, &a, t0()).await.unwrap();
        let got = get(&pool, id).await.unwrap().unwrap();
        assert_eq!(
            (got.org_scope.clone(), got.file.clone(), got.targets.clone()),
            (a.org_scope.clone(), a.file.clone(), a.targets.clone())
        );
        assert!(due(&pool, t0()).await.unwrap().is_empty());
        assert_eq!(due(&pool, later).await.unwrap().len(), 1);
        assert!(claim(&pool, id).await.unwrap());
        assert!(!claim(&pool, id).await.unwrap(), "claimed once");
        assert!(due(&pool, later).await.unwrap().is_empty());

        // mentors of the curator's organization only, each person once
        let people = people_with_roles(&pool, &[Role::Mentor], Some(&[org]))
            .await
            .unwrap();
        assert_eq!(people, vec![mentor.id]);
        assert_eq!(
            people_with_roles(&pool, &[Role::Mentor, Role::Curator], None)
                .await
                .unwrap()
                .len(),
            2
        );

        let to = [
            Recipient::Chat(-10),
            Recipient::User(mentor.id),
            Recipient::User(mentor.id),
        ];
        let pending = add_deliveries(&pool, id, &to).await.unwrap();
        assert_eq!(pending.len(), 2);
        assert_eq!(
            set_delivery(&pool, pending[0].0, "sent", later)
                .await
                .unwrap(),
            Some(id)
        );
        assert_eq!(
            finish_if_done(&pool, id, later).await.unwrap(),
            None,
            "one delivery is still pending"
        );
        set_delivery(&pool, pending[1].0, "blocked", later)
            .await
            .unwrap();
        assert!(
            add_deliveries(&pool, id, &to).await.unwrap().is_empty(),
            "nothing is sent twice"
        );
        assert_eq!(
            finish_if_done(&pool, id, later).await.unwrap(),
            Some(author.id)
        );
        assert_eq!(
            finish_if_done(&pool, id, later).await.unwrap(),
            None,
            "reported once"
        );
        let report = deliveries(&pool, id).await.unwrap();
        assert_eq!(
            report,
            vec![
                (Recipient::Chat(-10), "sent".to_string()),
                (Recipient::User(mentor.id), "blocked".to_string())
            ]
        );
        assert_eq!(get(&pool, id).await.unwrap().unwrap().status, "sent");
    }
}
