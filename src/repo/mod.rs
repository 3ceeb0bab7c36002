//! Storage: every SQL statement lives here, one module per aggregate.

pub mod announcements;
pub mod chats;
pub mod dialogues;
pub mod documents;
pub mod erasure;
pub mod history;
pub mod invites;
pub mod journal;
pub mod monitoring;
pub mod ops;
pub mod orders;
pub mod orgs;
pub mod outbox;
pub mod pairs;
pub mod practices;
pub mod profiles;
pub mod reminders;
pub mod requests;
pub mod surveys;
pub mod users;

pub use sqlx::SqlitePool as Pool;

#[cfg(test)]
pub(crate) mod testutil {
    use super::*;
    use crate::domain::{OrgKind, Role};
    use chrono::{TimeZone, Utc};

    pub fn t0() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 9, 1, 9, 0, 0).unwrap()
    }

    pub async fn pool() -> Pool {
        crate::db::memory().await
    }

    /// An organization and a registered user holding `role` there.
    pub async fn registered(pool: &Pool, tg: i64, role: Role) -> (i64, users::User) {
        let org = orgs::create(pool, "Школа № 1", OrgKind::School, "Europe/Moscow", t0()).await.unwrap();
        let user = users::ensure(pool, tg, t0()).await.unwrap();
        users::give_consent(pool, user.id, t0()).await.unwrap();
        users::update_basic(pool, user.id, users::BasicField::FullName, "Иванова Мария Петровна", t0()).await.unwrap();
        users::set_org(pool, user.id, org, t0()).await.unwrap();
        users::grant_role(pool, user.id, role, Some(org), t0()).await.unwrap();
        (org, users::by_id(pool, user.id).await.unwrap().unwrap())
    }
}
