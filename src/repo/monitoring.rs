//! Loads the facts for the indicators and the rows of the reports — each with a few
//! set-based queries for the whole scope (an organization or the district), never per pair.

use super::Pool;
use crate::domain::monitoring::{
    AnswerFacts, Facts, OrgFacts, PairFacts, SosFacts, Targets, YOUNG_YEARS,
};
use crate::domain::pair::{EndReason, PairStatus};
use crate::domain::school::school_year;
use crate::domain::survey::{QuestionKind, Respondent, Stage};
use crate::domain::OrgKind;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// Whose data: one organization or the whole district.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Org(i64),
    District,
}

impl Scope {
    fn org(self) -> Option<i64> {
        match self {
            Scope::Org(id) => Some(id),
            Scope::District => None,
        }
    }
}

type PairRow = (
    i64,
    Option<i64>,
    i64,
    NaiveDate,
    String,
    Option<String>,
    Option<DateTime<Utc>>,
    i64,
    i64,
    i64,
    Option<NaiveDate>,
    Option<String>,
);

/// Everything the indicators need, as of the end of `as_of`.
pub async fn facts(pool: &Pool, scope: Scope, as_of: NaiveDate) -> sqlx::Result<Facts> {
    let org = scope.org();
    let orgs: Vec<(i64, String, String, bool, i64, i64, i64)> = sqlx::query_as(
        "SELECT o.id, o.name, o.kind,
                EXISTS (SELECT 1 FROM roles r WHERE r.org_id = o.id AND r.role = 'curator'),
                (SELECT COUNT(*) FROM mentor_profiles mp JOIN users u ON u.id = mp.user_id
                  WHERE u.org_id = o.id AND mp.status = 'active' AND u.consent_at IS NOT NULL),
                (SELECT COUNT(*) FROM users u WHERE u.org_id = o.id AND u.registered_at IS NOT NULL AND u.consent_at IS NOT NULL
                  AND substr(u.registered_at, 1, 10) <= ?2 AND u.experience_years <= ?3
                  AND EXISTS (SELECT 1 FROM pair_mentees pm JOIN pairs p ON p.id = pm.pair_id
                               WHERE pm.mentee_id = u.id AND p.start_date <= ?2)),
                (SELECT COUNT(DISTINCT pm.mentee_id) FROM pair_mentees pm JOIN pairs p ON p.id = pm.pair_id
                   JOIN roles r ON r.user_id = pm.mentee_id AND r.role = 'head' AND r.org_id = o.id
                  WHERE p.org_id = o.id AND p.start_date <= ?2)
           FROM organizations o WHERE (?1 IS NULL OR o.id = ?1) ORDER BY o.name, o.id",
    )
    .bind(org)
    .bind(as_of)
    .bind(YOUNG_YEARS)
    .fetch_all(pool)
    .await?;
    let mut stated = super::school::latest_all(pool, org, school_year(as_of)).await?;
    let orgs = orgs
        .into_iter()
        .map(
            |(id, name, kind, has_curator, mentor_base, young_in_programs, heads_in_programs)| {
                OrgFacts {
                    id,
                    name,
                    kind: OrgKind::from_code(&kind).unwrap_or(OrgKind::School),
                    has_curator,
                    mentor_base,
                    stated: stated.remove(&id),
                    young_in_programs,
                    heads_in_programs,
                }
            },
        )
        .collect();

    let rows: Vec<PairRow> = sqlx::query_as(
        "SELECT p.id, p.org_id, p.mentor_id, p.start_date, p.status, p.end_reason, p.ended_at,
                p.order_id IS NOT NULL, COALESCE(j.n, 0), COALESCE(j.m, 0), j.last,
                (SELECT group_concat(pm.mentee_id) FROM pair_mentees pm WHERE pm.pair_id = p.id)
           FROM pairs p
           LEFT JOIN (SELECT pair_id, COUNT(*) AS n, COALESCE(SUM(minutes), 0) AS m, MAX(on_date) AS last
                        FROM journal_entries
                       WHERE kind = 'meeting' AND deleted_at IS NULL AND on_date <= ?2
                         AND (?1 IS NULL OR pair_id IN (SELECT id FROM pairs WHERE org_id = ?1))
                       GROUP BY pair_id) j ON j.pair_id = p.id
          WHERE p.start_date <= ?2 AND (?1 IS NULL OR p.org_id = ?1)
          ORDER BY p.id",
    )
    .bind(org)
    .bind(as_of)
    .fetch_all(pool)
    .await?;
    let pairs = rows
        .into_iter()
        .map(
            |(
                id,
                org_id,
                mentor_id,
                start_date,
                status,
                reason,
                ended_at,
                has_order,
                meetings,
                minutes,
                last_meeting,
                mentees,
            )| PairFacts {
                id,
                org_id,
                mentor_id,
                mentees: mentees
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|s| s.parse().ok())
                    .collect(),
                start_date,
                status: PairStatus::from_code(&status).unwrap_or(PairStatus::Terminated),
                end_reason: reason.as_deref().and_then(EndReason::from_code),
                ended_on: ended_at.map(|t| t.date_naive()),
                has_order: has_order != 0,
                meetings,
                minutes,
                last_meeting,
            },
        )
        .collect();

    let sos: Vec<(Option<i64>, DateTime<Utc>, Option<DateTime<Utc>>)> = sqlx::query_as(
        "SELECT p.org_id, s.asked_at, s.answered_at FROM sos_requests s JOIN pairs p ON p.id = s.pair_id
          WHERE substr(s.asked_at, 1, 10) <= ?2 AND (?1 IS NULL OR p.org_id = ?1)",
    )
    .bind(org)
    .bind(as_of)
    .fetch_all(pool)
    .await?;
    let sos = sos
        .into_iter()
        .map(|(org_id, asked_at, answered_at)| SosFacts {
            org_id,
            asked_at,
            answered_at,
        })
        .collect();

    // read row by row: a district has a hundred thousand answers
    let mut answers = Vec::new();
    let query = sqlx::query_as::<_, (Option<i64>, i64, i64, String, String, String, i64)>(
        "SELECT p.org_id, r.pair_id, r.user_id, s.respondent, s.stage, a.qid, a.score
           FROM survey_answers a
           JOIN survey_responses r ON r.id = a.response_id
           JOIN surveys s ON s.code = r.survey
           JOIN pairs p ON p.id = r.pair_id
          WHERE a.score IS NOT NULL AND substr(a.answered_at, 1, 10) <= ?2 AND (?1 IS NULL OR p.org_id = ?1)",
    )
    .bind(org)
    .bind(as_of);
    for_each(
        query,
        pool,
        |(org_id, pair_id, user_id, respondent, stage, qid, score)| {
            if let (Some(respondent), Some(stage)) =
                (Respondent::from_code(&respondent), Stage::from_code(&stage))
            {
                answers.push(AnswerFacts {
                    org_id,
                    pair_id,
                    user_id,
                    respondent,
                    stage,
                    qid,
                    score,
                });
            }
        },
    )
    .await?;
    Ok(Facts {
        orgs,
        pairs,
        sos,
        answers,
        events: super::events::facts(pool, org, as_of).await?,
        change_questions: change_questions(pool).await?,
    })
}

/// The scale questions asked of the same respondents on entry and on exit (satisfaction is
/// asked on exit only and counted apart), sorted.
async fn change_questions(pool: &Pool) -> sqlx::Result<Vec<String>> {
    let surveys = super::surveys::all(pool).await?;
    let scales = |respondent: Respondent, stage: Stage| -> Vec<String> {
        surveys
            .iter()
            .filter(|s| s.respondent == respondent && s.stage == stage)
            .flat_map(|s| {
                s.questions
                    .iter()
                    .filter(|q| q.kind != QuestionKind::Text && q.id != "satisfaction")
                    .map(|q| q.id.clone())
            })
            .collect()
    };
    let mut out: Vec<String> = [Respondent::Mentee, Respondent::Mentor]
        .into_iter()
        .flat_map(|r| {
            let exit = scales(r, Stage::Exit);
            scales(r, Stage::Entry)
                .into_iter()
                .filter(move |q| exit.contains(q))
        })
        .collect();
    out.sort();
    out.dedup();
    Ok(out)
}

/// Meetings per day between two dates (for the weekly chart).
pub async fn meetings_per_day(
    pool: &Pool,
    scope: Scope,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Vec<(NaiveDate, i64)>> {
    sqlx::query_as(
        "SELECT on_date, COUNT(*) FROM journal_entries
          WHERE kind = 'meeting' AND deleted_at IS NULL AND on_date BETWEEN ?2 AND ?3
            AND (?1 IS NULL OR pair_id IN (SELECT id FROM pairs WHERE org_id = ?1))
          GROUP BY on_date ORDER BY on_date",
    )
    .bind(scope.org())
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await
}

pub async fn targets(pool: &Pool) -> sqlx::Result<Targets> {
    let rows: Vec<(String, f64)> = sqlx::query_as("SELECT code, target FROM indicator_targets")
        .fetch_all(pool)
        .await?;
    Ok(Targets {
        overrides: rows.into_iter().collect(),
    })
}

pub async fn set_target(
    pool: &Pool,
    code: &str,
    value: f64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO indicator_targets (code, target, updated_at) VALUES (?, ?, ?) ON CONFLICT(code) DO UPDATE SET target = excluded.target, updated_at = excluded.updated_at")
        .bind(code)
        .bind(value)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}

/// Names of the people in the scope's pairs (a forgotten person has none).
pub async fn names(pool: &Pool, scope: Scope) -> sqlx::Result<HashMap<i64, String>> {
    let rows: Vec<(i64, Option<String>)> = sqlx::query_as(
        "SELECT u.id, u.full_name FROM users u
          WHERE u.id IN (SELECT mentor_id FROM pairs WHERE (?1 IS NULL OR org_id = ?1)
                         UNION SELECT pm.mentee_id FROM pair_mentees pm JOIN pairs p ON p.id = pm.pair_id WHERE (?1 IS NULL OR p.org_id = ?1))",
    )
    .bind(scope.org())
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, n)| n.map(|n| (id, n)))
        .collect())
}

/// Order numbers and dates, planned ends of the scope's pairs.
pub async fn pair_details(
    pool: &Pool,
    scope: Scope,
) -> sqlx::Result<HashMap<i64, (NaiveDate, Option<String>, Option<NaiveDate>)>> {
    let rows: Vec<(i64, NaiveDate, Option<String>, Option<NaiveDate>)> =
        sqlx::query_as(
            "SELECT p.id, p.planned_end, o.number, o.order_date FROM pairs p LEFT JOIN orders o ON o.id = p.order_id WHERE (?1 IS NULL OR p.org_id = ?1)",
        ).bind(scope.org()).fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|(id, end, no, date)| (id, (end, no, date)))
        .collect())
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct JournalRow {
    pub on_date: NaiveDate,
    pub pair_id: i64,
    pub kind: String,
    pub minutes: Option<i64>,
    pub format: Option<String>,
    pub topic: String,
    pub author: Option<String>,
}

/// Hands each row of a query to `each` as it is read (a district's sheet is never held twice).
async fn for_each<'q, T>(
    query: sqlx::query::QueryAs<'q, sqlx::Sqlite, T, sqlx::sqlite::SqliteArguments<'q>>,
    pool: &Pool,
    mut each: impl FnMut(T),
) -> sqlx::Result<()>
where
    T: Send + Unpin + for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>,
{
    use futures::TryStreamExt;
    let mut rows = query.fetch(pool);
    while let Some(row) = rows.try_next().await? {
        each(row);
    }
    Ok(())
}

/// Journal entries between two dates, newest first (so that a cut at `limit` keeps the most
/// recent), each handed to `each`.
pub async fn journal_rows(
    pool: &Pool,
    scope: Scope,
    from: NaiveDate,
    to: NaiveDate,
    limit: i64,
    each: impl FnMut(JournalRow),
) -> sqlx::Result<()> {
    let query = sqlx::query_as(
        "SELECT j.on_date, j.pair_id, j.kind, j.minutes, j.format, j.topic, u.full_name AS author
           FROM journal_entries j JOIN pairs p ON p.id = j.pair_id LEFT JOIN users u ON u.id = j.author_id
          WHERE j.deleted_at IS NULL AND j.on_date BETWEEN ?2 AND ?3 AND (?1 IS NULL OR p.org_id = ?1)
          ORDER BY j.on_date DESC, j.id DESC LIMIT ?4",
    )
    .bind(scope.org())
    .bind(from)
    .bind(to)
    .bind(limit);
    for_each(query, pool, each).await
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub org: Option<String>,
    pub mentee: Option<String>,
    pub kind: String,
    pub status: String,
    pub reject_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub pair_id: Option<i64>,
    /// the organization's time zone (times are shown in it)
    pub tz: Option<String>,
}

/// Requests created up to a date, with the pair each formed, each handed to `each`.
pub async fn request_rows(
    pool: &Pool,
    scope: Scope,
    as_of: NaiveDate,
    each: impl FnMut(RequestRow),
) -> sqlx::Result<()> {
    let query = sqlx::query_as(
        "SELECT r.id, o.name AS org, u.full_name AS mentee, r.kind, r.status, r.reject_reason, r.created_at, r.updated_at, pm.pair_id, o.tz
           FROM requests r LEFT JOIN organizations o ON o.id = r.org_id LEFT JOIN users u ON u.id = r.mentee_id
           LEFT JOIN pair_mentees pm ON pm.request_id = r.id
          WHERE substr(r.created_at, 1, 10) <= ?2 AND (?1 IS NULL OR r.org_id = ?1)
          ORDER BY r.id",
    )
    .bind(scope.org())
    .bind(as_of);
    for_each(query, pool, each).await
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SurveyRow {
    pub pair_id: i64,
    pub person: Option<String>,
    pub survey: String,
    pub qid: String,
    pub score: Option<i64>,
    pub text: Option<String>,
    pub answered_at: DateTime<Utc>,
    /// the pair's organization's time zone
    pub tz: Option<String>,
}

/// Survey answers as of a date, by pair and questionnaire in question order, each handed to `each`.
pub async fn survey_rows(
    pool: &Pool,
    scope: Scope,
    as_of: NaiveDate,
    each: impl FnMut(SurveyRow),
) -> sqlx::Result<()> {
    let query = sqlx::query_as(
        "SELECT r.pair_id, u.full_name AS person, r.survey, a.qid, a.score, a.text, a.answered_at, o.tz
           FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id JOIN pairs p ON p.id = r.pair_id
           LEFT JOIN organizations o ON o.id = p.org_id
           LEFT JOIN users u ON u.id = r.user_id
           LEFT JOIN survey_questions q ON q.survey = r.survey AND q.qid = a.qid
          WHERE substr(a.answered_at, 1, 10) <= ?2 AND (?1 IS NULL OR p.org_id = ?1)
          ORDER BY r.pair_id, r.id, COALESCE(q.position, 999), a.qid",
    )
    .bind(scope.org())
    .bind(as_of);
    for_each(query, pool, each).await
}

/// A small hand-checked district (as of 30.11.2026) for the repository and report tests.
#[cfg(test)]
pub(crate) mod sample {
    use super::Pool;

    pub const AS_OF: (i32, u32, u32) = (2026, 11, 30);

    pub fn as_of() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(AS_OF.0, AS_OF.1, AS_OF.2).unwrap()
    }

    /// School 1: curator 1, mentor 2, mentees 3 (1 year), 4 (2 years), 5 (10 years, no pair),
    /// 8 (3 years, no pair). School 2 (no curator): mentor 6, mentee 7 (0 years).
    /// Pair 1 (2→3) active with an order, meetings 10.09 60 min and 20.11 45 min (a deleted one
    /// and a «helped» entry do not count); pair 2 (2→4) completed 01.11, meeting 05.10 30 min;
    /// pair 3 (6→7) ended by the mentee 15.11, no order. /sos: 90 and 240 minutes, one unanswered.
    /// Surveys: motivation 2→4 (mentee 3) and 3→3 (mentee 4); satisfaction 10 and 6 (mentees),
    /// 9 (mentor 2). Stated for 2026/27 (`/school`): school 1 — 21 teachers, 4 young, 1 new
    /// head, regulation adopted 30.08.2025; school 2 — 10 teachers, regulation not adopted.
    pub async fn seed(pool: &Pool) {
        let sql = r#"
INSERT INTO organizations (id, name, kind, tz, created_at) VALUES
  (1, 'МБОУ СОШ № 1', 'school', 'Asia/Irkutsk', '2026-08-01T00:00:00+00:00'),
  (2, 'МБОУ СОШ № 2', 'school', 'Asia/Irkutsk', '2026-08-01T00:00:00+00:00');
INSERT INTO users (id, telegram_id, full_name, org_id, experience_years, consent_at, registered_at, created_at, updated_at) VALUES
  (1, 101, 'Соколова Елена Викторовна', 1, 12, '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00'),
  (2, 102, 'Петрова Анна Сергеевна', 1, 25, '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00'),
  (3, 103, 'Иванова Мария Петровна', 1, 1, '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00'),
  (4, 104, 'Кузнецов Дмитрий Андреевич', 1, 2, '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00'),
  (5, 105, 'Смирнова Ольга', 1, 10, '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00'),
  (6, 106, 'Орлов Игорь', 2, 30, '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00'),
  (7, 107, 'Белова Нина', 2, 0, '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00'),
  (8, 108, 'Зайцев Павел', 1, 3, '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00');
INSERT INTO roles (user_id, role, org_id, granted_at) VALUES
  (1, 'curator', 1, '2026-08-01T00:00:00+00:00'), (2, 'mentor', 1, '2026-08-01T00:00:00+00:00'),
  (3, 'mentee', 1, '2026-08-01T00:00:00+00:00'), (4, 'mentee', 1, '2026-08-01T00:00:00+00:00'),
  (6, 'mentor', 2, '2026-08-01T00:00:00+00:00'), (7, 'mentee', 2, '2026-08-01T00:00:00+00:00');
INSERT INTO mentor_profiles (user_id, competences, forms, consent_at, updated_at, confirmed_at) VALUES
  (2, 'methods', 'traditional', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00'),
  (6, 'methods', 'traditional', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00');
INSERT INTO orders (id, org_id, number, order_date, created_at) VALUES
  (1, 1, '12', '2026-09-02', '2026-09-02T00:00:00+00:00'), (2, 1, '13', '2026-09-02', '2026-09-02T00:00:00+00:00');
INSERT INTO pairs (id, org_id, mentor_id, forms, start_date, planned_end, order_id, status, end_reason, ended_at, created_at) VALUES
  (1, 1, 2, 'traditional', '2026-09-01', '2027-05-31', 1, 'active', NULL, NULL, '2026-09-01T00:00:00+00:00'),
  (2, 1, 2, 'traditional', '2026-09-01', '2026-12-01', 2, 'completed', 'completed', '2026-11-01T10:00:00+00:00', '2026-09-01T00:00:00+00:00'),
  (3, 2, 6, 'traditional', '2026-10-01', '2027-05-31', NULL, 'terminated', 'mentee', '2026-11-15T10:00:00+00:00', '2026-10-01T00:00:00+00:00');
INSERT INTO pair_mentees (pair_id, mentee_id, joined_at) VALUES
  (1, 3, '2026-09-01T00:00:00+00:00'), (2, 4, '2026-09-01T00:00:00+00:00'), (3, 7, '2026-10-01T00:00:00+00:00');
INSERT INTO journal_entries (pair_id, kind, on_date, minutes, format, topic, author_id, deleted_at, created_at, updated_at) VALUES
  (1, 'meeting', '2026-09-10', 60, 'in_person', 'Знакомство и план', 2, NULL, '2026-09-10T10:00:00+00:00', '2026-09-10T10:00:00+00:00'),
  (1, 'meeting', '2026-11-20', 45, 'lesson_visit', 'Посещение урока в 7Б', 2, NULL, '2026-11-20T10:00:00+00:00', '2026-11-20T10:00:00+00:00'),
  (1, 'meeting', '2026-11-21', 30, 'online', 'Удалённая запись', 2, '2026-11-21T11:00:00+00:00', '2026-11-21T10:00:00+00:00', '2026-11-21T10:00:00+00:00'),
  (1, 'helped', '2026-11-22', 15, NULL, 'Консультация', 2, NULL, '2026-11-22T10:00:00+00:00', '2026-11-22T10:00:00+00:00'),
  (2, 'meeting', '2026-10-05', 30, 'online', 'Родительское собрание', 2, NULL, '2026-10-05T10:00:00+00:00', '2026-10-05T10:00:00+00:00');
INSERT INTO sos_requests (pair_id, mentee_id, mentor_id, question, asked_at, answered_at) VALUES
  (1, 3, 2, 'Как быть с опозданиями?', '2026-11-02T10:00:00+00:00', '2026-11-02T11:30:00+00:00'),
  (1, 3, 2, 'Без ответа', '2026-11-25T10:00:00+00:00', NULL),
  (3, 7, 6, 'Как вести журнал?', '2026-11-03T10:00:00+00:00', '2026-11-03T14:00:00+00:00');
INSERT INTO survey_responses (id, survey, pair_id, user_id, started_at, completed_at) VALUES
  (1, 'mentee_entry', 1, 3, '2026-09-01T10:00:00+00:00', '2026-09-01T10:05:00+00:00'),
  (2, 'mentee_exit', 1, 3, '2026-11-10T10:00:00+00:00', NULL),
  (3, 'mentee_entry', 2, 4, '2026-09-01T10:00:00+00:00', '2026-09-01T10:05:00+00:00'),
  (4, 'mentee_exit', 2, 4, '2026-10-20T10:00:00+00:00', '2026-10-20T10:05:00+00:00'),
  (5, 'mentor_exit', 2, 2, '2026-10-20T10:00:00+00:00', NULL);
INSERT INTO survey_answers (response_id, qid, score, text, answered_at) VALUES
  (1, 'motivation', 2, NULL, '2026-09-01T10:01:00+00:00'),
  (1, 'expectations', NULL, 'Хочу научиться держать дисциплину', '2026-09-01T10:02:00+00:00'),
  (2, 'motivation', 4, NULL, '2026-11-10T10:01:00+00:00'),
  (2, 'satisfaction', 10, NULL, '2026-11-10T10:02:00+00:00'),
  (3, 'motivation', 3, NULL, '2026-09-01T10:01:00+00:00'),
  (4, 'motivation', 3, NULL, '2026-10-20T10:01:00+00:00'),
  (4, 'satisfaction', 6, NULL, '2026-10-20T10:02:00+00:00'),
  (5, 'satisfaction', 9, NULL, '2026-10-20T10:02:00+00:00');
INSERT INTO school_facts (org_id, school_year, teachers, young_teachers, new_heads, regulation_date, no_regulation, updated_at) VALUES
  (1, 2026, 21, 4, 1, '2025-08-30', 0, '2026-09-05T00:00:00+00:00'),
  (2, 2026, 10, NULL, NULL, NULL, 1, '2026-09-05T00:00:00+00:00');
"#;
        sqlx::raw_sql(sql).execute(pool).await.unwrap();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::monitoring::{compute, Indicator};

    fn get<'a>(ind: &'a [Indicator], code: &str) -> &'a Indicator {
        ind.iter()
            .find(|i| i.code == code && i.param.is_none())
            .unwrap_or_else(|| panic!("{code}"))
    }

    fn close(v: Option<f64>, want: f64) {
        let v = v.expect("a value");
        assert!((v - want).abs() < 1e-6, "{v} != {want}");
    }

    #[tokio::test]
    async fn journal_rows_are_newest_first_and_a_cut_keeps_the_newest() {
        let pool = crate::db::memory().await;
        sample::seed(&pool).await;
        let (to, from) = (
            sample::as_of(),
            sample::as_of() - chrono::Duration::days(91),
        );
        let mut all = Vec::new();
        journal_rows(&pool, Scope::Org(1), from, to, 1000, |j| {
            all.push(j.on_date)
        })
        .await
        .unwrap();
        assert!(
            all.len() > 2 && all.windows(2).all(|w| w[0] >= w[1]),
            "newest first: {all:?}"
        );
        let mut cut = Vec::new();
        journal_rows(&pool, Scope::Org(1), from, to, 2, |j| cut.push(j.on_date))
            .await
            .unwrap();
        assert_eq!(cut, all[..2]);
    }

    #[tokio::test]
    async fn district_facts_and_indicators_from_the_database() {
        let pool = crate::db::memory().await;
        sample::seed(&pool).await;
        let as_of = sample::as_of();
        let f = facts(&pool, Scope::District, as_of).await.unwrap();
        assert_eq!(f.orgs.len(), 2);
        assert_eq!(
            (
                f.orgs[0].has_curator,
                f.orgs[0].mentor_base,
                f.orgs[0].young_in_programs,
                f.orgs[0].kind
            ),
            (true, 1, 2, crate::domain::OrgKind::School)
        );
        assert_eq!(
            (f.orgs[1].has_curator, f.orgs[1].young_in_programs),
            (false, 1)
        );
        let stated = f.orgs[0].stated.expect("school 1 stated its facts");
        assert_eq!(
            (stated.teachers, stated.young, stated.new_heads),
            (Some(21), Some(4), Some(1))
        );
        assert_eq!(
            f.orgs[1].stated.map(|s| s.regulation),
            Some(crate::domain::school::Regulation::NotAdopted)
        );
        assert_eq!(
            f.change_questions,
            ["adaptation", "confidence", "innovation", "motivation"]
                .map(String::from)
                .to_vec(),
            "the default surveys"
        );
        let p1 = &f.pairs[0];
        assert_eq!(
            (p1.meetings, p1.minutes, p1.has_order, p1.mentees.clone()),
            (2, 105, true, vec![3])
        );
        assert_eq!(
            p1.last_meeting,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
        );
        assert_eq!(f.sos.len(), 3);
        assert_eq!(
            f.answers.len(),
            7,
            "scores only, text answers are not facts"
        );

        let ind = compute(&f, as_of, &targets(&pool).await.unwrap());
        // school 1 has a regulation, a curator and a mentor base; school 2 none of them
        close(get(&ind, "orgs_ready").value, 50.0);
        // stated 21 + 10 teachers; mentors 2, 6 and mentees 3, 4, 7 took part
        close(get(&ind, "teachers_in_programs").value, 500.0 / 31.0);
        // school 1 stated 4 young teachers: 3 and 4 are in programmes (school 2 stated none)
        close(get(&ind, "young_in_programs").value, 50.0);
        // school 1's new head is not a mentee
        close(get(&ind, "new_heads_in_programs").value, 0.0);
        close(get(&ind, "pairs_active").value, 1.0);
        close(get(&ind, "pairs_completed").value, 1.0);
        close(get(&ind, "pairs_terminated").value, 1.0);
        close(get(&ind, "mentors").value, 1.0);
        assert_eq!(get(&ind, "young_in_programs").met(), Some(false));
        // mentees 3, 4 and 7 entered; 4 completed
        close(get(&ind, "completion").value, 100.0 / 3.0);
        // 3 meetings, 135 min over 90 + 61 + 45 days
        let months = 196.0 / 30.4375;
        close(get(&ind, "meetings_per_month").value, 3.0 / months);
        close(get(&ind, "hours_per_month").value, 2.25 / months);
        close(get(&ind, "sos_median_minutes").value, 165.0);
        close(get(&ind, "silent_share").value, 0.0);
        close(get(&ind, "without_order").value, 0.0);
        // every question asked on entry and on exit has its line; only motivation has answers
        let changes: Vec<(&str, Option<f64>)> = ind
            .iter()
            .filter(|i| i.code == "change")
            .map(|i| (i.param.as_deref().unwrap(), i.value))
            .collect();
        assert_eq!(
            changes,
            [
                ("adaptation", None),
                ("confidence", None),
                ("innovation", None),
                ("motivation", Some(1.0))
            ]
        );
        close(get(&ind, "satisfaction_mentee").value, 8.0);
        close(get(&ind, "nps_mentee").value, 0.0);
        close(get(&ind, "satisfaction_mentor").value, 9.0);
        close(get(&ind, "nps_mentor").value, 100.0);

        // one school: only its pairs, its /sos and its answers
        let f1 = facts(&pool, Scope::Org(1), as_of).await.unwrap();
        assert_eq!(
            f1.pairs.iter().map(|p| p.id).collect::<Vec<_>>(),
            vec![1, 2]
        );
        let ind1 = compute(&f1, as_of, &Targets::default());
        close(get(&ind1, "orgs_ready").value, 100.0);
        close(get(&ind1, "completion").value, 50.0);
        close(get(&ind1, "sos_median_minutes").value, 90.0);

        // a changed target changes the verdict
        set_target(&pool, "young_in_programs", 50.0, chrono::Utc::now())
            .await
            .unwrap();
        let ind = compute(&f, as_of, &targets(&pool).await.unwrap());
        assert_eq!(get(&ind, "young_in_programs").met(), Some(true));

        // as of 01.10 only pairs 1 and 2 existed, both active
        let early = facts(
            &pool,
            Scope::District,
            chrono::NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
        )
        .await
        .unwrap();
        assert_eq!(early.pairs.len(), 2);
        let per_day = meetings_per_day(
            &pool,
            Scope::Org(1),
            chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            as_of,
        )
        .await
        .unwrap();
        assert_eq!(
            per_day.iter().map(|d| d.1).sum::<i64>(),
            2,
            "10.09 is outside, the deleted one does not count"
        );
    }
}
