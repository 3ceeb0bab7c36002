//! Invitation codes for deep links (`https://t.me/<bot>?start=<code>`).

use super::Pool;
use crate::domain::Role;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;

#[derive(Debug, Clone, PartialEq)]
pub struct Invite {
    pub code: String,
    pub role: Role,
    pub org_id: Option<i64>,
    pub uses_left: i64,
    pub expires_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteProblem {
    Unknown,
    Expired,
    UsedUp,
}

impl Invite {
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), InviteProblem> {
        if self.expires_at.is_some_and(|e| e <= now) {
            Err(InviteProblem::Expired)
        } else if self.uses_left <= 0 {
            Err(InviteProblem::UsedUp)
        } else {
            Ok(())
        }
    }
}

/// Codes: 12 characters of an alphabet without look-alikes, valid in a `start` parameter.
pub fn new_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..12)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Is `s` shaped like an invitation code (so that garbage is not even looked up)?
pub fn looks_like_code(s: &str) -> bool {
    (6..=32).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

pub async fn create(
    pool: &Pool,
    role: Role,
    org_id: Option<i64>,
    uses: u32,
    expires_days: Option<u32>,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<Invite> {
    let code = new_code();
    let expires_at = expires_days.map(|d| now + Duration::days(d as i64));
    sqlx::query("INSERT INTO invites (code, role, org_id, uses_left, expires_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(&code)
        .bind(role.code())
        .bind(org_id)
        .bind(uses as i64)
        .bind(expires_at)
        .bind(created_by)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(Invite {
        code,
        role,
        org_id,
        uses_left: uses as i64,
        expires_at,
    })
}

pub async fn find(pool: &Pool, code: &str) -> sqlx::Result<Option<Invite>> {
    let row: Option<(String, String, Option<i64>, i64, Option<DateTime<Utc>>)> = sqlx::query_as(
        "SELECT code, role, org_id, uses_left, expires_at FROM invites WHERE code = ?",
    )
    .bind(code)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|(code, role, org_id, uses_left, expires_at)| {
        Role::from_code(&role).map(|role| Invite {
            code,
            role,
            org_id,
            uses_left,
            expires_at,
        })
    }))
}

/// A usable invite, or why not.
pub async fn find_valid(
    pool: &Pool,
    code: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Result<Invite, InviteProblem>> {
    if !looks_like_code(code) {
        return Ok(Err(InviteProblem::Unknown));
    }
    Ok(match find(pool, code).await? {
        None => Err(InviteProblem::Unknown),
        Some(inv) => inv.check(now).map(|_| inv),
    })
}

/// Uses one invitation inside the caller's transaction. Returns false if it can no longer be
/// used (expired or used up in the meantime). Using the same invite twice by one person costs one use.
pub async fn consume(
    tx: &mut sqlx::SqliteConnection,
    code: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let already: Option<(i64,)> =
        sqlx::query_as("SELECT 1 FROM invite_uses WHERE code = ? AND user_id = ?")
            .bind(code)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    if already.is_some() {
        return Ok(true);
    }
    let done = sqlx::query(
        "UPDATE invites SET uses_left = uses_left - 1 WHERE code = ? AND uses_left > 0 AND (expires_at IS NULL OR expires_at > ?)",
    )
    .bind(code)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("INSERT INTO invite_uses (code, user_id, used_at) VALUES (?, ?, ?)")
        .bind(code)
        .bind(user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::{testutil::*, users};

    #[test]
    fn codes_are_deep_link_safe() {
        for _ in 0..100 {
            let c = new_code();
            assert_eq!(c.len(), 12);
            assert!(looks_like_code(&c));
        }
        assert!(!looks_like_code("a b"));
        assert!(!looks_like_code("x"));
        assert!(!looks_like_code(&"a".repeat(100)));
    }

    #[tokio::test]
    async fn uses_and_expiry() {
        let pool = pool().await;
        let inv = create(&pool, Role::Mentee, None, 1, Some(7), None, t0())
            .await
            .unwrap();
        assert_eq!(
            find_valid(&pool, &inv.code, t0()).await.unwrap(),
            Ok(inv.clone())
        );
        assert_eq!(
            find_valid(&pool, &inv.code, t0() + Duration::days(8))
                .await
                .unwrap(),
            Err(InviteProblem::Expired)
        );
        assert_eq!(
            find_valid(&pool, "nosuchcode1", t0()).await.unwrap(),
            Err(InviteProblem::Unknown)
        );
        assert_eq!(
            find_valid(&pool, "'; DROP TABLE", t0()).await.unwrap(),
            Err(InviteProblem::Unknown)
        );

        let a = users::ensure(&pool, 1, t0()).await.unwrap();
        let b = users::ensure(&pool, 2, t0()).await.unwrap();
        let mut conn = pool.acquire().await.unwrap();
        assert!(consume(&mut conn, &inv.code, a.id, t0()).await.unwrap());
        assert!(
            consume(&mut conn, &inv.code, a.id, t0()).await.unwrap(),
            "same person again is free"
        );
        assert!(
            !consume(&mut conn, &inv.code, b.id, t0()).await.unwrap(),
            "used up"
        );
        drop(conn);
        assert_eq!(
            find_valid(&pool, &inv.code, t0()).await.unwrap(),
            Err(InviteProblem::UsedUp)
        );
    }
}
