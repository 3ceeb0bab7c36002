//! People and their roles. Before consent only the Telegram id may be stored.

use super::Pool;
use crate::domain::Role;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct User {
    pub id: i64,
    pub telegram_id: Option<i64>,
    pub lang: Option<String>,
    pub consent_at: Option<DateTime<Utc>>,
    pub full_name: Option<String>,
    pub org_id: Option<i64>,
    pub position: Option<String>,
    pub subjects: Option<String>,
    pub experience_years: Option<i64>,
    pub registered_at: Option<DateTime<Utc>>,
    pub unreachable_at: Option<DateTime<Utc>>,
    pub menu_roles: Option<String>,
}

impl User {
    pub fn has_consent(&self) -> bool {
        self.consent_at.is_some()
    }
    pub fn is_registered(&self) -> bool {
        self.registered_at.is_some()
    }
    pub fn display_name(&self) -> String {
        self.full_name
            .clone()
            .unwrap_or_else(|| format!("#{}", self.id))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleGrant {
    pub role: Role,
    pub org_id: Option<i64>,
}

/// Free-text fields of the common profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BasicField {
    FullName,
    Position,
    Subjects,
}

const COLUMNS: &str = "id, telegram_id, lang, consent_at, full_name, org_id, position, subjects, \
                       experience_years, registered_at, unreachable_at, menu_roles";

pub async fn by_telegram(pool: &Pool, tg: i64) -> sqlx::Result<Option<User>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users WHERE telegram_id = ?"
    ))
    .bind(tg)
    .fetch_optional(pool)
    .await
}

/// A person with their roles in one round trip (every update loads the acting person).
pub async fn with_roles_by_telegram(
    pool: &Pool,
    tg: i64,
) -> sqlx::Result<Option<(User, Vec<RoleGrant>)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: User,
        role_list: Option<String>,
    }
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS}, (SELECT group_concat(role || '@' || IFNULL(org_id, ''), ',' ORDER BY rowid) FROM roles WHERE user_id = users.id) AS role_list \
         FROM users WHERE telegram_id = ?"
    ))
    .bind(tg)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| {
        let roles = r
            .role_list
            .as_deref()
            .map(parse_role_list)
            .unwrap_or_default();
        (r.user, roles)
    }))
}

/// `mentor@3,coordinator@` → grants (unknown codes are skipped, as in [`roles`]).
fn parse_role_list(list: &str) -> Vec<RoleGrant> {
    list.split(',')
        .filter_map(|item| {
            let (code, org) = item.split_once('@')?;
            Some(RoleGrant {
                role: Role::from_code(code)?,
                org_id: org.parse().ok(),
            })
        })
        .collect()
}

pub async fn by_id(pool: &Pool, id: i64) -> sqlx::Result<Option<User>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// The user row for a Telegram id, created with nothing but the id if missing.
pub async fn ensure(pool: &Pool, tg: i64, now: DateTime<Utc>) -> sqlx::Result<User> {
    sqlx::query("INSERT INTO users (telegram_id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT(telegram_id) DO NOTHING")
        .bind(tg)
        .bind(now)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(by_telegram(pool, tg).await?.expect("row just ensured"))
}

pub async fn give_consent(pool: &Pool, id: i64, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET consent_at = ?, updated_at = ? WHERE id = ?")
        .bind(now)
        .bind(now)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn update_basic(
    pool: &Pool,
    id: i64,
    field: BasicField,
    value: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let column = match field {
        BasicField::FullName => "full_name",
        BasicField::Position => "position",
        BasicField::Subjects => "subjects",
    };
    sqlx::query(&format!(
        "UPDATE users SET {column} = ?, updated_at = ? WHERE id = ? AND consent_at IS NOT NULL"
    ))
    .bind(value)
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn set_experience(
    pool: &Pool,
    id: i64,
    years: u32,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET experience_years = ?, updated_at = ? WHERE id = ? AND consent_at IS NOT NULL")
        .bind(years)
        .bind(now)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn set_org(pool: &Pool, id: i64, org_id: i64, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE users SET org_id = ?, updated_at = ? WHERE id = ? AND consent_at IS NOT NULL",
    )
    .bind(org_id)
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// The language of a person who consented (before consent it is kept in memory only).
pub async fn set_lang(pool: &Pool, tg: i64, lang: &str, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET lang = ?, updated_at = ? WHERE telegram_id = ? AND consent_at IS NOT NULL")
        .bind(lang)
        .bind(now)
        .bind(tg)
        .execute(pool)
        .await?;
    Ok(())
}

/// Everyone the bot knows by a Telegram id (not forgotten), oldest first.
pub async fn with_telegram_id(pool: &Pool) -> sqlx::Result<Vec<User>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users WHERE telegram_id IS NOT NULL ORDER BY id"
    ))
    .fetch_all(pool)
    .await
}

pub async fn set_menu_roles(pool: &Pool, id: i64, signature: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET menu_roles = ? WHERE id = ?")
        .bind(signature)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn mark_unreachable(pool: &Pool, tg: i64, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET unreachable_at = ? WHERE telegram_id = ?")
        .bind(now)
        .bind(tg)
        .execute(pool)
        .await?;
    Ok(())
}

/// The person wrote to the bot again: messages reach them.
pub async fn mark_reachable(pool: &Pool, id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET unreachable_at = NULL WHERE id = ?")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn roles(pool: &Pool, user_id: i64) -> sqlx::Result<Vec<RoleGrant>> {
    let rows: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT role, org_id FROM roles WHERE user_id = ? ORDER BY rowid")
            .bind(user_id)
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(r, org_id)| Role::from_code(&r).map(|role| RoleGrant { role, org_id }))
        .collect())
}

/// The roles a person holds (role, organization), inside a transaction being written.
pub async fn roles_in<'e, E>(executor: E, user_id: i64) -> sqlx::Result<Vec<(Role, Option<i64>)>>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    let rows: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT role, org_id FROM roles WHERE user_id = ?")
            .bind(user_id)
            .fetch_all(executor)
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(code, org)| Role::from_code(&code).map(|r| (r, org)))
        .collect())
}

/// Onboarding is complete: the person is registered (the first time only), with the language
/// they used unless they had one.
pub async fn mark_registered<'e, E>(
    executor: E,
    user_id: i64,
    lang: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    sqlx::query("UPDATE users SET registered_at = COALESCE(registered_at, ?), lang = COALESCE(lang, ?), updated_at = ? WHERE id = ?")
        .bind(now)
        .bind(lang)
        .bind(now)
        .bind(user_id)
        .execute(executor)
        .await?;
    Ok(())
}

pub async fn grant_role<'e, E>(
    executor: E,
    user_id: i64,
    role: Role,
    org_id: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    let done = sqlx::query(
        "INSERT OR IGNORE INTO roles (user_id, role, org_id, granted_at) VALUES (?, ?, ?, ?)",
    )
    .bind(user_id)
    .bind(role.code())
    .bind(org_id)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Revokes a role (in one organization, or everywhere when `org_id` is None).
pub async fn revoke_role(
    pool: &Pool,
    user_id: i64,
    role: Role,
    org_id: Option<i64>,
) -> sqlx::Result<u64> {
    let done = match org_id {
        Some(org) => {
            sqlx::query("DELETE FROM roles WHERE user_id = ? AND role = ? AND org_id = ?")
                .bind(user_id)
                .bind(role.code())
                .bind(org)
                .execute(pool)
                .await?
        }
        None => {
            sqlx::query("DELETE FROM roles WHERE user_id = ? AND role = ?")
                .bind(user_id)
                .bind(role.code())
                .execute(pool)
                .await?
        }
    };
    Ok(done.rows_affected())
}

/// Withdrawal of consent (/forget): see [`super::erasure::forget`], the one erasure routine.
pub async fn forget(
    pool: &Pool,
    user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<super::erasure::Forgotten> {
    super::erasure::forget(pool, user_id, now).await
}

/// Other people of the same organization whose full name equals this person's (case, `ё`
/// and spaces aside): a namesake or a look-alike account the curator should check.
pub async fn namesakes(pool: &Pool, user_id: i64) -> sqlx::Result<Vec<User>> {
    let Some(me) = by_id(pool, user_id).await? else {
        return Ok(Vec::new());
    };
    let (Some(name), Some(org)) = (me.full_name.as_deref(), me.org_id) else {
        return Ok(Vec::new());
    };
    let key = crate::domain::text::name_key(name);
    let others: Vec<User> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE org_id = ? AND id <> ? AND telegram_id IS NOT NULL AND full_name IS NOT NULL"))
            .bind(org)
            .bind(user_id)
            .fetch_all(pool)
            .await?;
    Ok(others
        .into_iter()
        .filter(|u| {
            u.full_name
                .as_deref()
                .map(crate::domain::text::name_key)
                .as_deref()
                == Some(key.as_str())
        })
        .collect())
}

/// Users of an organization holding `role`.
pub async fn with_role_in_org(pool: &Pool, role: Role, org_id: i64) -> sqlx::Result<Vec<User>> {
    sqlx::query_as(&format!(
        "SELECT {} FROM users u JOIN roles r ON r.user_id = u.id \
         WHERE r.role = ? AND r.org_id = ? AND u.telegram_id IS NOT NULL ORDER BY u.full_name",
        COLUMNS
            .split(", ")
            .map(|c| format!("u.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ")
    ))
    .bind(role.code())
    .bind(org_id)
    .fetch_all(pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::OrgKind;
    use crate::repo::{orgs, testutil::*};

    #[tokio::test]
    async fn before_consent_only_the_id_is_stored() {
        let pool = pool().await;
        let u = ensure(&pool, 42, t0()).await.unwrap();
        // writes of personal data are refused without consent
        update_basic(&pool, u.id, BasicField::FullName, "Иванов Иван", t0())
            .await
            .unwrap();
        set_experience(&pool, u.id, 5, t0()).await.unwrap();
        let u = by_telegram(&pool, 42).await.unwrap().unwrap();
        assert_eq!(u.full_name, None);
        assert_eq!(u.experience_years, None);
        assert!(!u.has_consent());
        give_consent(&pool, u.id, t0()).await.unwrap();
        update_basic(&pool, u.id, BasicField::FullName, "Иванов Иван", t0())
            .await
            .unwrap();
        assert_eq!(
            by_id(&pool, u.id)
                .await
                .unwrap()
                .unwrap()
                .full_name
                .as_deref(),
            Some("Иванов Иван")
        );
        // ensure is idempotent
        assert_eq!(ensure(&pool, 42, t0()).await.unwrap().id, u.id);
    }

    #[tokio::test]
    async fn roles_grant_revoke_and_scope() {
        let pool = pool().await;
        let a = orgs::create(&pool, "A", OrgKind::School, "Europe/Moscow", t0())
            .await
            .unwrap();
        let b = orgs::create(&pool, "B", OrgKind::School, "Europe/Moscow", t0())
            .await
            .unwrap();
        let u = ensure(&pool, 7, t0()).await.unwrap();
        assert!(grant_role(&pool, u.id, Role::Curator, Some(a), t0())
            .await
            .unwrap());
        assert!(
            !grant_role(&pool, u.id, Role::Curator, Some(a), t0())
                .await
                .unwrap(),
            "no duplicates"
        );
        assert!(grant_role(&pool, u.id, Role::Curator, Some(b), t0())
            .await
            .unwrap());
        assert!(grant_role(&pool, u.id, Role::Coordinator, None, t0())
            .await
            .unwrap());
        assert!(
            !grant_role(&pool, u.id, Role::Coordinator, None, t0())
                .await
                .unwrap(),
            "NULL org is unique too"
        );
        assert_eq!(roles(&pool, u.id).await.unwrap().len(), 3);
        assert_eq!(
            with_role_in_org(&pool, Role::Curator, a)
                .await
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            revoke_role(&pool, u.id, Role::Curator, Some(a))
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            roles(&pool, u.id).await.unwrap(),
            vec![
                RoleGrant {
                    role: Role::Curator,
                    org_id: Some(b)
                },
                RoleGrant {
                    role: Role::Coordinator,
                    org_id: None
                }
            ]
        );
        // the one-query load sees the same grants in the same order
        let (user, grants) = with_roles_by_telegram(&pool, 7).await.unwrap().unwrap();
        assert_eq!(user.id, u.id);
        assert_eq!(grants, roles(&pool, u.id).await.unwrap());
        assert_eq!(
            revoke_role(&pool, u.id, Role::Curator, None).await.unwrap(),
            1
        );
        assert_eq!(
            with_roles_by_telegram(&pool, 7).await.unwrap().unwrap().1,
            vec![RoleGrant {
                role: Role::Coordinator,
                org_id: None
            }]
        );
        revoke_role(&pool, u.id, Role::Coordinator, None)
            .await
            .unwrap();
        assert_eq!(
            with_roles_by_telegram(&pool, 7).await.unwrap().unwrap().1,
            vec![]
        );
        assert!(with_roles_by_telegram(&pool, 8).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn namesakes_in_the_same_organization() {
        let pool = pool().await;
        let (org, first) = registered(&pool, 1, Role::Mentor).await;
        let second = ensure(&pool, 2, t0()).await.unwrap();
        give_consent(&pool, second.id, t0()).await.unwrap();
        set_org(&pool, second.id, org, t0()).await.unwrap();
        update_basic(
            &pool,
            second.id,
            BasicField::FullName,
            "иванова  мария петровна",
            t0(),
        )
        .await
        .unwrap();
        assert_eq!(
            namesakes(&pool, second.id)
                .await
                .unwrap()
                .iter()
                .map(|u| u.id)
                .collect::<Vec<_>>(),
            vec![first.id]
        );
        update_basic(
            &pool,
            second.id,
            BasicField::FullName,
            "Иванова Мария Павловна",
            t0(),
        )
        .await
        .unwrap();
        assert!(namesakes(&pool, second.id).await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn forget_anonymizes() {
        let pool = pool().await;
        let (_org, u) = registered(&pool, 99, Role::Mentee).await;
        forget(&pool, u.id, t0()).await.unwrap();
        assert!(by_telegram(&pool, 99).await.unwrap().is_none());
        let anon = by_id(&pool, u.id).await.unwrap().unwrap();
        assert_eq!(anon.full_name, None);
        assert_eq!(
            (anon.org_id, anon.experience_years, anon.lang.clone()),
            (None, None, None),
            "nothing identifying stays"
        );
        assert_eq!(anon.telegram_id, None);
        assert!(roles(&pool, u.id).await.unwrap().is_empty());
        // the same person may come back as a new record
        let again = ensure(&pool, 99, t0()).await.unwrap();
        assert_ne!(again.id, u.id);
    }
}
