//! The banks of mentees and mentors (банк наставляемых / банк наставников).

use crate::domain::catalog::{join_codes, parse_list};
use crate::domain::{Area, Form, MenteeCategory};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq)]
pub struct MenteeProfile {
    pub category: MenteeCategory,
    pub areas: Vec<Area>,
    pub confirmed_at: DateTime<Utc>,
    /// The difficulties in the mentee's own words, besides the checklist (onboarding).
    pub difficulty_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MentorProfile {
    pub competences: Vec<Area>,
    pub forms: Vec<Form>,
    pub capacity: u32,
    pub consent_at: DateTime<Utc>,
    pub status: String,
    pub other_orgs: bool,
    pub listed_publicly: bool,
    pub confirmed_at: DateTime<Utc>,
    /// When the school confirmed the mentor (a curator's tap or their mentor invitation);
    /// `None`: «ожидает подтверждения», never suggested to mentees.
    pub approved_at: Option<DateTime<Utc>>,
}

pub async fn mentee<'e, E>(executor: E, user_id: i64) -> sqlx::Result<Option<MenteeProfile>>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    let row: Option<(String, String, DateTime<Utc>, Option<String>)> =
        sqlx::query_as("SELECT category, areas, confirmed_at, difficulty_note FROM mentee_profiles WHERE user_id = ?")
            .bind(user_id)
            .fetch_optional(executor)
            .await?;
    Ok(
        row.map(|(c, a, confirmed_at, difficulty_note)| MenteeProfile {
            category: MenteeCategory::from_code(&c).unwrap_or(MenteeCategory::Other),
            areas: parse_list(&a, Area::from_code),
            confirmed_at,
            difficulty_note,
        }),
    )
}

/// The difficulties in the mentee's own words (`None` clears them).
pub async fn set_difficulty_note<'e, E>(
    executor: E,
    user_id: i64,
    note: Option<&str>,
) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    sqlx::query("UPDATE mentee_profiles SET difficulty_note = ? WHERE user_id = ?")
        .bind(note)
        .bind(user_id)
        .execute(executor)
        .await?;
    Ok(())
}

pub async fn save_mentee<'e, E>(
    executor: E,
    user_id: i64,
    category: MenteeCategory,
    areas: &[Area],
    now: DateTime<Utc>,
) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    sqlx::query(
        "INSERT INTO mentee_profiles (user_id, category, areas, updated_at, confirmed_at) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT(user_id) DO UPDATE SET category = excluded.category, areas = excluded.areas, \
         updated_at = excluded.updated_at, confirmed_at = excluded.confirmed_at",
    )
    .bind(user_id)
    .bind(category.code())
    .bind(join_codes(areas))
    .bind(now)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(())
}

pub async fn mentor<'e, E>(executor: E, user_id: i64) -> sqlx::Result<Option<MentorProfile>>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    #[derive(sqlx::FromRow)]
    struct Row {
        competences: String,
        forms: String,
        capacity: i64,
        consent_at: DateTime<Utc>,
        status: String,
        other_orgs: bool,
        listed_publicly: bool,
        confirmed_at: DateTime<Utc>,
        approved_at: Option<DateTime<Utc>>,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT competences, forms, capacity, consent_at, status, other_orgs, listed_publicly, confirmed_at, approved_at \
         FROM mentor_profiles WHERE user_id = ?",
    )
    .bind(user_id)
    .fetch_optional(executor)
    .await?;
    Ok(row.map(|r| MentorProfile {
        competences: parse_list(&r.competences, Area::from_code),
        forms: parse_list(&r.forms, Form::from_code),
        capacity: r.capacity as u32,
        consent_at: r.consent_at,
        status: r.status,
        other_orgs: r.other_orgs,
        listed_publicly: r.listed_publicly,
        confirmed_at: r.confirmed_at,
        approved_at: r.approved_at,
    }))
}

/// Saves a mentor's profile; `consent_at` is kept from the first consent on updates.
pub async fn save_mentor<'e, E>(
    executor: E,
    user_id: i64,
    p: &MentorProfile,
    now: DateTime<Utc>,
) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    sqlx::query(
        "INSERT INTO mentor_profiles (user_id, competences, forms, capacity, consent_at, status, other_orgs, \
         listed_publicly, updated_at, confirmed_at, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT(user_id) DO UPDATE SET competences = excluded.competences, forms = excluded.forms, \
         capacity = excluded.capacity, status = excluded.status, other_orgs = excluded.other_orgs, \
         listed_publicly = excluded.listed_publicly, updated_at = excluded.updated_at, confirmed_at = excluded.confirmed_at, \
         approved_at = COALESCE(mentor_profiles.approved_at, excluded.approved_at)",
    )
    .bind(user_id)
    .bind(join_codes(&p.competences))
    .bind(join_codes(&p.forms))
    .bind(p.capacity)
    .bind(p.consent_at)
    .bind(&p.status)
    .bind(p.other_orgs)
    .bind(p.listed_publicly)
    .bind(now)
    .bind(now)
    .bind(p.approved_at)
    .execute(executor)
    .await?;
    Ok(())
}

/// A mentor in the open district base (they chose to be listed publicly).
#[derive(Debug, Clone, PartialEq)]
pub struct PublicMentor {
    pub user_id: i64,
    pub name: String,
    pub org: String,
    pub competences: Vec<Area>,
}

/// The school confirms a mentor who joined without an invitation. `false` when the mentor
/// was already confirmed (or has no mentor profile): a second tap changes nothing.
pub async fn approve_mentor(
    pool: &sqlx::SqlitePool,
    user_id: i64,
    by: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE mentor_profiles SET approved_at = ?, approved_by = ?, updated_at = ? WHERE user_id = ? AND approved_at IS NULL")
        .bind(now)
        .bind(by)
        .bind(now)
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Mentors of an organization waiting for confirmation: (user id, name).
pub async fn mentors_awaiting_confirmation(
    pool: &sqlx::SqlitePool,
    org_id: i64,
) -> sqlx::Result<Vec<(i64, String)>> {
    let rows: Vec<(i64, Option<String>)> = sqlx::query_as(
        "SELECT u.id, u.full_name FROM mentor_profiles m JOIN users u ON u.id = m.user_id \
         WHERE m.approved_at IS NULL AND u.org_id = ? AND u.telegram_id IS NOT NULL ORDER BY u.id",
    )
    .bind(org_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| (id, name.unwrap_or_default()))
        .collect())
}

/// Active mentors who opted in to the open district base, by name.
pub async fn public_mentors(pool: &sqlx::SqlitePool) -> sqlx::Result<Vec<PublicMentor>> {
    let rows: Vec<(i64, Option<String>, Option<String>, String)> = sqlx::query_as(
        "SELECT u.id, u.full_name, o.name, m.competences FROM mentor_profiles m JOIN users u ON u.id = m.user_id \
         LEFT JOIN organizations o ON o.id = u.org_id \
         WHERE m.listed_publicly = 1 AND m.status = 'active' AND m.approved_at IS NOT NULL AND u.telegram_id IS NOT NULL AND u.consent_at IS NOT NULL \
         ORDER BY u.full_name, u.id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(user_id, name, org, comps)| PublicMentor {
            user_id,
            name: name.unwrap_or_default(),
            org: org.unwrap_or_default(),
            competences: parse_list(&comps, Area::from_code),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use crate::repo::testutil::*;

    #[tokio::test]
    async fn mentee_and_mentor_profiles_round_trip() {
        let pool = pool().await;
        let (_, u) = registered(&pool, 1, Role::Mentee).await;
        assert!(mentee(&pool, u.id).await.unwrap().is_none());
        save_mentee(
            &pool,
            u.id,
            MenteeCategory::YoungTeacher,
            &[Area::Methods, Area::Parents],
            t0(),
        )
        .await
        .unwrap();
        let m = mentee(&pool, u.id).await.unwrap().unwrap();
        assert_eq!(m.category, MenteeCategory::YoungTeacher);
        assert_eq!(m.areas, vec![Area::Methods, Area::Parents]);
        save_mentee(&pool, u.id, MenteeCategory::Ict, &[Area::Ict], t0())
            .await
            .unwrap();
        assert_eq!(
            mentee(&pool, u.id).await.unwrap().unwrap().areas,
            vec![Area::Ict]
        );

        let p = MentorProfile {
            competences: vec![Area::Subject, Area::Methods],
            forms: vec![Form::Traditional, Form::Virtual],
            capacity: 2,
            consent_at: t0(),
            status: "active".into(),
            other_orgs: true,
            listed_publicly: false,
            confirmed_at: t0(),
            approved_at: Some(t0()),
        };
        save_mentor(&pool, u.id, &p, t0()).await.unwrap();
        assert_eq!(mentor(&pool, u.id).await.unwrap().unwrap(), p);
        // the consent time of the first consent is kept
        let later = t0() + chrono::Duration::days(3);
        save_mentor(
            &pool,
            u.id,
            &MentorProfile {
                consent_at: later,
                capacity: 4,
                confirmed_at: later,
                ..p.clone()
            },
            later,
        )
        .await
        .unwrap();
        let saved = mentor(&pool, u.id).await.unwrap().unwrap();
        assert_eq!(saved.consent_at, t0());
        assert_eq!(saved.capacity, 4);
        // only mentors who opted in are in the open district base
        assert!(public_mentors(&pool).await.unwrap().is_empty());
        save_mentor(
            &pool,
            u.id,
            &MentorProfile {
                listed_publicly: true,
                ..saved
            },
            later,
        )
        .await
        .unwrap();
        let public = public_mentors(&pool).await.unwrap();
        assert_eq!(
            (
                public.len(),
                public[0].name.as_str(),
                public[0].org.as_str()
            ),
            (1, "Иванова Мария Петровна", "Школа № 1")
        );
    }
}
