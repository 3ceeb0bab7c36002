//! Operating the bot: shared named values (`app_state`), the numbers of `nastavnik stats`,
//! the checks of `nastavnik doctor`, and the SQL of backups (`VACUUM INTO`, integrity check).

use super::Pool;
use chrono::{DateTime, Utc};
use std::path::Path;

/// The console's simulated «now», read by `nastavnik tick` without `--now`.
pub const CLOCK: &str = "clock";
/// When the last reminder pass finished.
pub const LAST_PASS: &str = "last_reminder_pass";

pub async fn get_state(pool: &Pool, key: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT value FROM app_state WHERE key = ?")
        .bind(key)
        .fetch_optional(pool)
        .await
}

pub async fn set_state(
    pool: &Pool,
    key: &str,
    value: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO app_state (key, value, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT (key) DO UPDATE SET value = ?2, updated_at = ?3")
        .bind(key)
        .bind(value)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}

/// A stored moment (RFC 3339), `None` when absent or unreadable.
pub async fn get_time(pool: &Pool, key: &str) -> sqlx::Result<Option<DateTime<Utc>>> {
    Ok(get_state(pool, key)
        .await?
        .and_then(|v| DateTime::parse_from_rfc3339(&v).ok())
        .map(|t| t.with_timezone(&Utc)))
}

pub async fn set_time(
    pool: &Pool,
    key: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    set_state(pool, key, &at.to_rfc3339(), now).await
}

/// Whether a table exists (a file being checked may not be a Nastavnik database at all).
async fn has_table(pool: &Pool, name: &str) -> sqlx::Result<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?")
            .bind(name)
            .fetch_one(pool)
            .await?;
    Ok(n > 0)
}

/// Messages waiting to go out: the outbox (everything handlers send to other people) and the
/// reminders a pass has claimed but not yet sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backlog {
    pub outbox: i64,
    pub reminders: i64,
}

/// The numbers of `nastavnik stats`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    /// People who gave consent and did not withdraw it.
    pub people: i64,
    pub mentors: i64,
    pub mentees: i64,
    pub curators: i64,
    pub organizations: i64,
    pub pairs_active: i64,
    pub pairs_total: i64,
    /// Reminders and outbox messages sent since `since` (the district's midnight).
    pub sent_today: i64,
    pub backlog: Backlog,
    pub last_pass: Option<DateTime<Utc>>,
    /// The database file (pages in use plus free pages), without the WAL.
    pub db_bytes: i64,
}

pub async fn stats(pool: &Pool, since: DateTime<Utc>) -> sqlx::Result<Stats> {
    let one =
        |sql: &'static str| async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await };
    let role = |r: &'static str| async move {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(DISTINCT r.user_id) FROM roles r JOIN users u ON u.id = r.user_id WHERE r.role = ? AND u.forgotten_at IS NULL")
            .bind(r)
            .fetch_one(pool)
            .await
    };
    let reminders: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM reminders_sent WHERE state = 'sent' AND updated_at >= ?",
    )
    .bind(since)
    .fetch_one(pool)
    .await?;
    // announcements, notices and answers all leave through the outbox
    let outbox: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state = 'sent' AND updated_at >= ?")
            .bind(since)
            .fetch_one(pool)
            .await?;
    Ok(Stats {
        people: one(
            "SELECT COUNT(*) FROM users WHERE consent_at IS NOT NULL AND forgotten_at IS NULL",
        )
        .await?,
        mentors: role("mentor").await?,
        mentees: role("mentee").await?,
        curators: role("curator").await?,
        organizations: one("SELECT COUNT(*) FROM organizations").await?,
        pairs_active: one("SELECT COUNT(*) FROM pairs WHERE status = 'active'").await?,
        pairs_total: one("SELECT COUNT(*) FROM pairs").await?,
        sent_today: reminders + outbox,
        backlog: backlog(pool).await?,
        last_pass: get_time(pool, LAST_PASS).await?,
        db_bytes: one("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
            .await?,
    })
}

/// Outbox rows not settled yet, and reminders queued or being sent.
async fn backlog(pool: &Pool) -> sqlx::Result<Backlog> {
    let outbox =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'sending')")
            .fetch_one(pool)
            .await?;
    let reminders = sqlx::query_scalar(
        "SELECT COUNT(*) FROM reminders_sent WHERE state IN ('queued', 'sending')",
    )
    .fetch_one(pool)
    .await?;
    Ok(Backlog { outbox, reminders })
}

/// An organization without a curator: (id, name).
pub async fn orgs_without_curator(pool: &Pool) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT o.id, o.name FROM organizations o WHERE NOT EXISTS \
         (SELECT 1 FROM roles r JOIN users u ON u.id = r.user_id \
          WHERE r.role = 'curator' AND r.org_id = o.id AND u.forgotten_at IS NULL AND u.telegram_id IS NOT NULL) ORDER BY o.id",
    )
    .fetch_all(pool)
    .await
}

/// A person with a role whom the bot cannot write to.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Unwritable {
    pub telegram_id: i64,
    pub name: Option<String>,
    /// Comma-separated roles.
    pub roles: String,
    /// Telegram refused a message (blocked the bot, deactivated)...
    pub unreachable: bool,
    /// ...or the person never started the bot (a role granted from the command line).
    pub never_started: bool,
}

pub async fn unwritable(pool: &Pool) -> sqlx::Result<Vec<Unwritable>> {
    sqlx::query_as(
        "SELECT u.telegram_id, u.full_name AS name, GROUP_CONCAT(DISTINCT r.role) AS roles, \
                u.unreachable_at IS NOT NULL AS unreachable, u.consent_at IS NULL AS never_started \
         FROM users u JOIN roles r ON r.user_id = u.id \
         WHERE u.telegram_id IS NOT NULL AND u.forgotten_at IS NULL AND (u.unreachable_at IS NOT NULL OR u.consent_at IS NULL) \
         GROUP BY u.id ORDER BY u.id",
    )
    .fetch_all(pool)
    .await
}

/// Time zones stored for organizations that are not known zones: (id, name, tz).
pub async fn bad_zones(pool: &Pool) -> sqlx::Result<Vec<(i64, String, String)>> {
    let all: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, name, tz FROM organizations ORDER BY id")
            .fetch_all(pool)
            .await?;
    Ok(all
        .into_iter()
        .filter(|(_, _, tz)| !crate::domain::orgs::valid_zone(tz))
        .collect())
}

/// Versions of the migrations applied to the database (successful ones).
pub async fn applied_migrations(pool: &Pool) -> sqlx::Result<Vec<i64>> {
    if !has_table(pool, "_sqlx_migrations").await? {
        return Ok(Vec::new());
    }
    sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = 1 ORDER BY version")
        .fetch_all(pool)
        .await
}

/// `PRAGMA integrity_check`: `Ok` when the database says «ok», else what it found.
pub async fn integrity(pool: &Pool) -> sqlx::Result<Result<(), String>> {
    let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(pool)
        .await?;
    Ok(if rows.len() == 1 && rows[0] == "ok" {
        Ok(())
    } else {
        Err(rows.join("; "))
    })
}

/// A consistent copy of the live database into `target` (which must not exist or be empty),
/// safe while the bot writes: `VACUUM INTO` reads one snapshot of the database.
pub async fn vacuum_into(pool: &Pool, target: &Path) -> sqlx::Result<()> {
    let path = target.to_str().ok_or_else(|| {
        sqlx::Error::Protocol(format!("the path {} is not UTF-8", target.display()))
    })?;
    sqlx::query("VACUUM INTO ?")
        .bind(path)
        .execute(pool)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use crate::repo::testutil::*;
    use crate::repo::users;

    #[tokio::test]
    async fn state_is_stored_and_replaced() {
        let pool = pool().await;
        assert_eq!(get_time(&pool, CLOCK).await.unwrap(), None);
        set_time(&pool, CLOCK, t0(), t0()).await.unwrap();
        set_time(&pool, CLOCK, t0() + chrono::Duration::days(7), t0())
            .await
            .unwrap();
        assert_eq!(
            get_time(&pool, CLOCK).await.unwrap(),
            Some(t0() + chrono::Duration::days(7))
        );
        set_state(&pool, CLOCK, "garbage", t0()).await.unwrap();
        assert_eq!(
            get_time(&pool, CLOCK).await.unwrap(),
            None,
            "an unreadable value is no time"
        );
    }

    #[tokio::test]
    async fn stats_count_people_and_what_was_sent_today() {
        let pool = pool().await;
        let (_, mentor) = registered(&pool, 1, Role::Mentor).await;
        registered(&pool, 2, Role::Mentee).await;
        users::ensure(&pool, 3, t0()).await.unwrap(); // wrote to the bot, no consent yet
        sqlx::query("INSERT INTO reminders_sent (kind, subject, period, recipient_id, state, created_at, updated_at) VALUES ('k', 's', 'p', ?, ?, ?, ?)")
            .bind(mentor.id)
            .bind("sent")
            .bind(t0())
            .bind(t0())
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO reminders_sent (kind, subject, period, recipient_id, state, created_at, updated_at) VALUES ('k', 's', 'q', ?, 'queued', ?, ?)")
            .bind(mentor.id)
            .bind(t0())
            .bind(t0())
            .execute(&pool)
            .await
            .unwrap();
        set_time(&pool, LAST_PASS, t0(), t0()).await.unwrap();
        let s = stats(&pool, t0() - chrono::Duration::hours(1))
            .await
            .unwrap();
        assert_eq!(
            (s.people, s.mentors, s.mentees, s.curators, s.organizations),
            (2, 1, 1, 0, 2)
        );
        assert_eq!((s.pairs_active, s.pairs_total), (0, 0));
        assert_eq!(s.sent_today, 1);
        assert_eq!(
            s.backlog,
            Backlog {
                outbox: 0,
                reminders: 1
            }
        );
        // the outbox: unsent rows are the backlog, sent ones count as sent today
        for state in ["queued", "sending", "sent", "unreachable"] {
            sqlx::query("INSERT INTO outbox (user_id, text, state, created_at, updated_at) VALUES (?, 'x', ?, ?, ?)")
                .bind(mentor.id)
                .bind(state)
                .bind(t0())
                .bind(t0())
                .execute(&pool)
                .await
                .unwrap();
        }
        let s = stats(&pool, t0() - chrono::Duration::hours(1))
            .await
            .unwrap();
        assert_eq!(
            s.backlog,
            Backlog {
                outbox: 2,
                reminders: 1
            }
        );
        assert_eq!(s.sent_today, 2);
    }

    #[tokio::test]
    async fn doctor_finds_orgs_without_curator_and_people_it_cannot_write_to() {
        let pool = pool().await;
        let (with_curator, _) = registered(&pool, 1, Role::Curator).await;
        let (without, mentor) = registered(&pool, 2, Role::Mentor).await;
        let no_curator: Vec<i64> = orgs_without_curator(&pool)
            .await
            .unwrap()
            .into_iter()
            .map(|o| o.0)
            .collect();
        assert_eq!(no_curator, vec![without]);
        assert_ne!(with_curator, without);
        assert!(unwritable(&pool).await.unwrap().is_empty());
        users::mark_unreachable(&pool, 2, t0()).await.unwrap();
        let granted = users::ensure(&pool, 77, t0()).await.unwrap();
        users::grant_role(&pool, granted.id, Role::Coordinator, None, t0())
            .await
            .unwrap();
        let bad = unwritable(&pool).await.unwrap();
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert_eq!(
            (bad[0].telegram_id, bad[0].unreachable, bad[0].never_started),
            (2, true, false)
        );
        assert_eq!(bad[0].name.as_deref(), mentor.full_name.as_deref());
        assert_eq!(
            (
                bad[1].telegram_id,
                bad[1].unreachable,
                bad[1].never_started,
                bad[1].roles.as_str()
            ),
            (77, false, true, "coordinator")
        );
        assert!(bad_zones(&pool).await.unwrap().is_empty());
        sqlx::query("UPDATE organizations SET tz = 'Mars/Base' WHERE id = ?")
            .bind(without)
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(bad_zones(&pool).await.unwrap().len(), 1);
        assert_eq!(
            applied_migrations(&pool).await.unwrap().len(),
            crate::db::MIGRATOR.iter().count()
        );
        assert_eq!(integrity(&pool).await.unwrap(), Ok(()));
    }
}
