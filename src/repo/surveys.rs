//! Survey definitions, the questionnaires sent to participants and their answers.

use super::outbox::{self, NewMessage};
use super::Pool;
use crate::domain::reminders::{ExitSurveyRow, OpenSurveyRow};
use crate::domain::survey::{Question, QuestionKind, Respondent, Stage, Survey};
use chrono::{DateTime, Utc};

/// All survey definitions with their questions in order.
pub async fn all(pool: &Pool) -> sqlx::Result<Vec<Survey>> {
    let heads: Vec<(String, String, String)> =
        sqlx::query_as("SELECT code, respondent, stage FROM surveys ORDER BY code")
            .fetch_all(pool)
            .await?;
    let questions: Vec<(String, String, String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT survey, qid, kind, text_ru, text_en FROM survey_questions ORDER BY survey, position, qid").fetch_all(pool).await?;
    Ok(heads
        .into_iter()
        .filter_map(|(code, respondent, stage)| {
            let questions = questions
                .iter()
                .filter(|q| q.0 == code)
                .filter_map(|q| {
                    Some(Question {
                        id: q.1.clone(),
                        kind: QuestionKind::from_code(&q.2)?,
                        ru: q.3.clone(),
                        en: q.4.clone(),
                    })
                })
                .collect();
            Some(Survey {
                code,
                respondent: Respondent::from_code(&respondent)?,
                stage: Stage::from_code(&stage)?,
                questions,
            })
        })
        .collect())
}

pub async fn get(pool: &Pool, code: &str) -> sqlx::Result<Option<Survey>> {
    Ok(all(pool).await?.into_iter().find(|s| s.code == code))
}

/// The survey a participant of `respondent` takes at `stage`.
pub async fn for_stage(
    pool: &Pool,
    respondent: Respondent,
    stage: Stage,
) -> sqlx::Result<Option<Survey>> {
    Ok(all(pool)
        .await?
        .into_iter()
        .find(|s| s.respondent == respondent && s.stage == stage))
}

/// Replaces the definitions of the given surveys (others stay). Answers are kept: they refer
/// to question ids, so a renamed question simply starts a new series.
pub async fn import(pool: &Pool, surveys: &[Survey], now: DateTime<Utc>) -> sqlx::Result<()> {
    let mut tx = crate::db::write(&pool).await?;
    for s in surveys {
        sqlx::query(
            "INSERT INTO surveys (code, respondent, stage, updated_at) VALUES (?, ?, ?, ?) \
             ON CONFLICT(code) DO UPDATE SET respondent = excluded.respondent, stage = excluded.stage, updated_at = excluded.updated_at",
        )
        .bind(&s.code)
        .bind(s.respondent.code())
        .bind(s.stage.code())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM survey_questions WHERE survey = ?")
            .bind(&s.code)
            .execute(&mut *tx)
            .await?;
        for (i, q) in s.questions.iter().enumerate() {
            sqlx::query("INSERT INTO survey_questions (survey, qid, position, kind, text_ru, text_en) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(&s.code)
                .bind(&q.id)
                .bind(i as i64 + 1)
                .bind(q.kind.code())
                .bind(&q.ru)
                .bind(&q.en)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Response {
    pub id: i64,
    pub survey: String,
    pub pair_id: i64,
    pub user_id: i64,
    pub started_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub message_id: Option<i64>,
    /// Closed unfinished: the exit survey of the pair came first.
    pub closed_at: Option<DateTime<Utc>>,
}

const RESPONSE_COLS: &str =
    "id, survey, pair_id, user_id, started_at, completed_at, message_id, closed_at";

/// The questionnaire of this survey for this person in this pair, created if new
/// (`true`). A survey is taken once per pair.
pub async fn open(
    pool: &Pool,
    survey: &str,
    pair_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<(Response, bool)> {
    let created = sqlx::query("INSERT OR IGNORE INTO survey_responses (survey, pair_id, user_id, started_at) VALUES (?, ?, ?, ?)")
        .bind(survey)
        .bind(pair_id)
        .bind(user_id)
        .bind(now)
        .execute(pool)
        .await?
        .rows_affected()
        == 1;
    let r = sqlx::query_as(&format!("SELECT {RESPONSE_COLS} FROM survey_responses WHERE survey = ? AND pair_id = ? AND user_id = ?"))
        .bind(survey)
        .bind(pair_id)
        .bind(user_id)
        .fetch_one(pool)
        .await?;
    Ok((r, created))
}

pub async fn response(pool: &Pool, id: i64) -> sqlx::Result<Option<Response>> {
    sqlx::query_as(&format!(
        "SELECT {RESPONSE_COLS} FROM survey_responses WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// This person's unfinished questionnaires (not closed), oldest first.
pub async fn unfinished(pool: &Pool, user_id: i64) -> sqlx::Result<Vec<Response>> {
    sqlx::query_as(&format!("SELECT {RESPONSE_COLS} FROM survey_responses WHERE user_id = ? AND completed_at IS NULL AND closed_at IS NULL ORDER BY id"))
        .bind(user_id)
        .fetch_all(pool)
        .await
}

pub async fn answered(pool: &Pool, response_id: i64) -> sqlx::Result<Vec<String>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT qid FROM survey_answers WHERE response_id = ?")
            .bind(response_id)
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Stores an answer once; `false` if this question was already answered (a double tap).
pub async fn answer(
    pool: &Pool,
    response_id: i64,
    qid: &str,
    score: Option<i64>,
    text: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let res = sqlx::query("INSERT OR IGNORE INTO survey_answers (response_id, qid, score, text, answered_at) VALUES (?, ?, ?, ?, ?)")
        .bind(response_id)
        .bind(qid)
        .bind(score)
        .bind(text)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(res.rows_affected() == 1)
}

pub async fn complete(pool: &Pool, response_id: i64, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE survey_responses SET completed_at = ? WHERE id = ? AND completed_at IS NULL",
    )
    .bind(now)
    .bind(response_id)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn set_message(pool: &Pool, response_id: i64, message_id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE survey_responses SET message_id = ? WHERE id = ?")
        .bind(message_id)
        .bind(response_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Opens `survey` for this person in this pair and queues its first message in the same
/// transaction: exactly once per survey, pair and person — `None` if it was opened before
/// (sent already: the curator's resend and `/survey` resume it instead). Opening an exit
/// survey closes the person's unfinished entry survey of the same pair.
pub async fn open_and_queue(
    pool: &Pool,
    survey: &Survey,
    pair_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
    message: impl FnOnce(i64) -> NewMessage,
) -> sqlx::Result<Option<i64>> {
    let mut tx = crate::db::write(pool).await?;
    let id: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO survey_responses (survey, pair_id, user_id, started_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(&survey.code)
    .bind(pair_id)
    .bind(user_id)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id,)) = id else { return Ok(None) };
    if survey.stage == Stage::Exit {
        sqlx::query(
            "UPDATE survey_responses SET closed_at = ? WHERE pair_id = ? AND user_id = ? AND completed_at IS NULL AND closed_at IS NULL \
               AND survey IN (SELECT code FROM surveys WHERE stage = 'entry')",
        )
        .bind(now)
        .bind(pair_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    }
    outbox::enqueue(&mut *tx, &message(id), now).await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Participants (reachable, with consent) of pairs ended since `since` without an exit
/// survey of the pair.
pub async fn exit_due(pool: &Pool, since: DateTime<Utc>) -> sqlx::Result<Vec<ExitSurveyRow>> {
    let rows: Vec<(i64, i64, i64, DateTime<Utc>)> = sqlx::query_as(
        "WITH ended AS (SELECT id, org_id, mentor_id, ended_at FROM pairs \
                         WHERE status <> 'active' AND ended_at >= ? AND org_id IS NOT NULL), \
              people AS (SELECT e.id AS pair_id, pm.mentee_id AS user_id, 'mentee' AS respondent FROM ended e JOIN pair_mentees pm ON pm.pair_id = e.id \
                         UNION ALL SELECT e.id, e.mentor_id, 'mentor' FROM ended e) \
         SELECT e.id, e.org_id, x.user_id, e.ended_at FROM ended e JOIN people x ON x.pair_id = e.id JOIN users u ON u.id = x.user_id \
          WHERE u.telegram_id IS NOT NULL AND u.consent_at IS NOT NULL \
            AND EXISTS (SELECT 1 FROM surveys s WHERE s.stage = 'exit' AND s.respondent = x.respondent) \
            AND NOT EXISTS (SELECT 1 FROM survey_responses r JOIN surveys s ON s.code = r.survey \
                             WHERE s.stage = 'exit' AND r.pair_id = e.id AND r.user_id = x.user_id) \
          ORDER BY e.id, x.user_id",
    )
    .bind(since)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(pair_id, org_id, user_id, ended_at)| ExitSurveyRow {
            pair_id,
            org_id,
            user_id,
            ended_at,
        })
        .collect())
}

/// Unfinished questionnaires of reachable people started in `[from, to]` (the reminder pass).
pub async fn unanswered(
    pool: &Pool,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> sqlx::Result<Vec<OpenSurveyRow>> {
    let rows: Vec<(i64, String, i64, i64, i64, DateTime<Utc>)> = sqlx::query_as(
        "SELECT r.id, r.survey, r.pair_id, p.org_id, r.user_id, r.started_at FROM survey_responses r \
           JOIN pairs p ON p.id = r.pair_id JOIN users u ON u.id = r.user_id \
          WHERE r.completed_at IS NULL AND r.closed_at IS NULL AND r.started_at >= ? AND r.started_at <= ? \
            AND p.org_id IS NOT NULL AND u.telegram_id IS NOT NULL AND u.consent_at IS NOT NULL ORDER BY r.id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(response_id, survey, pair_id, org_id, user_id, started_at)| OpenSurveyRow {
                response_id,
                survey,
                pair_id,
                org_id,
                user_id,
                started_at,
            },
        )
        .collect())
}

/// Pairs of an organization that ended since `since`, newest first: (pair, ended at).
pub async fn ended_since(
    pool: &Pool,
    org_id: i64,
    since: DateTime<Utc>,
) -> sqlx::Result<Vec<(i64, DateTime<Utc>)>> {
    sqlx::query_as("SELECT id, ended_at FROM pairs WHERE org_id = ? AND status <> 'active' AND ended_at >= ? ORDER BY ended_at DESC, id DESC")
        .bind(org_id)
        .bind(since)
        .fetch_all(pool)
        .await
}

/// This person's questionnaire of `survey` in this pair, if one was sent.
pub async fn find(
    pool: &Pool,
    survey: &str,
    pair_id: i64,
    user_id: i64,
) -> sqlx::Result<Option<Response>> {
    sqlx::query_as(&format!("SELECT {RESPONSE_COLS} FROM survey_responses WHERE survey = ? AND pair_id = ? AND user_id = ?"))
        .bind(survey)
        .bind(pair_id)
        .bind(user_id)
        .fetch_optional(pool)
        .await
}

/// Whether the mentor has had a pair before this one.
pub async fn mentor_had_pair_before(
    pool: &Pool,
    mentor_id: i64,
    pair_id: i64,
) -> sqlx::Result<bool> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM pairs WHERE mentor_id = ? AND id < ?")
        .bind(mentor_id)
        .bind(pair_id)
        .fetch_one(pool)
        .await?;
    Ok(n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::testutil::{pool, t0};

    #[tokio::test]
    async fn defaults_import_and_answers() {
        let pool = pool().await;
        let surveys = all(&pool).await.unwrap();
        let codes: Vec<&str> = surveys.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(
            codes,
            vec!["mentee_entry", "mentee_exit", "mentor_entry", "mentor_exit"]
        );
        let entry = for_stage(&pool, Respondent::Mentee, Stage::Entry)
            .await
            .unwrap()
            .unwrap();
        let ids: Vec<&str> = entry.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "motivation",
                "confidence",
                "adaptation",
                "innovation",
                "expectations"
            ]
        );

        // the coordinator reorders and rewords the entry survey
        let mut changed = entry.clone();
        changed.questions.swap(0, 1);
        changed.questions[0].ru = Some("Насколько вы уверены в себе?".into());
        changed.questions.pop();
        import(&pool, &[changed.clone()], t0()).await.unwrap();
        assert_eq!(get(&pool, "mentee_entry").await.unwrap().unwrap(), changed);
        assert_eq!(all(&pool).await.unwrap().len(), 4);

        // a questionnaire needs a pair and a person: use the schema directly
        sqlx::query("INSERT INTO users (id, created_at, updated_at) VALUES (1, ?, ?)")
            .bind(t0())
            .bind(t0())
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO pairs (id, mentor_id, forms, start_date, planned_end, status, created_at) VALUES (7, 1, '', '2026-09-01', '2027-06-01', 'active', ?)")
            .bind(t0())
            .execute(&pool)
            .await
            .unwrap();
        let (r, created) = open(&pool, "mentee_entry", 7, 1, t0()).await.unwrap();
        assert!(created);
        let (again, created) = open(&pool, "mentee_entry", 7, 1, t0()).await.unwrap();
        assert_eq!((again.id, created), (r.id, false));
        assert!(answer(&pool, r.id, "confidence", Some(4), None, t0())
            .await
            .unwrap());
        assert!(
            !answer(&pool, r.id, "confidence", Some(1), None, t0())
                .await
                .unwrap(),
            "answered once"
        );
        assert_eq!(
            answered(&pool, r.id).await.unwrap(),
            vec!["confidence".to_string()]
        );
        assert_eq!(unfinished(&pool, 1).await.unwrap().len(), 1);
        complete(&pool, r.id, t0()).await.unwrap();
        assert!(unfinished(&pool, 1).await.unwrap().is_empty());
    }
}
