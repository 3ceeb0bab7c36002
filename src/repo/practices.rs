//! The bank of best practices (банк лучших практик): submitted when a pair's program has
//! ended, moderated by the coordinator, published only for finished programs, found by
//! full-text search over word stems (FTS5).

use super::Pool;
use crate::domain::catalog::{join_codes, parse_list};
use crate::domain::practice::PracticeStatus;
use crate::domain::search;
use crate::domain::{Area, Form};
use chrono::{DateTime, Utc};

#[derive(Debug, thiserror::Error)]
pub enum PracticeError {
    #[error("not found")]
    NotFound,
    /// The pair's program has not ended with its plan completed.
    #[error("the program is not finished")]
    NotFinished,
    /// Already decided (a double tap, a stale card).
    #[error("already decided")]
    AlreadyDecided,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeFile {
    /// document / photo
    pub kind: String,
    pub file_id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewPractice {
    pub pair_id: i64,
    pub author_id: i64,
    pub title: String,
    pub areas: Vec<Area>,
    pub form: Form,
    pub description: String,
    pub files: Vec<PracticeFile>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Practice {
    pub id: i64,
    pub pair_id: i64,
    pub org_id: Option<i64>,
    pub author_id: i64,
    pub title: String,
    pub areas: Vec<Area>,
    pub form: Option<Form>,
    pub description: String,
    pub status: String,
    pub review_comment: Option<String>,
    pub files: Vec<PracticeFile>,
}

impl Practice {
    /// Unknown codes (the database's CHECK forbids them) count as rejected.
    pub fn status(&self) -> PracticeStatus {
        PracticeStatus::from_code(&self.status).unwrap_or(PracticeStatus::Rejected)
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    pair_id: i64,
    org_id: Option<i64>,
    author_id: i64,
    title: String,
    areas: String,
    form: String,
    description: String,
    status: String,
    review_comment: Option<String>,
}

const COLS: &str = "p.id, p.pair_id, p.org_id, p.author_id, p.title, p.areas, p.form, p.description, p.status, p.review_comment";

async fn hydrate(conn: &mut sqlx::SqliteConnection, rows: Vec<Row>) -> sqlx::Result<Vec<Practice>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let files: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT kind, file_id, name FROM practice_files WHERE practice_id = ? ORDER BY id",
        )
        .bind(r.id)
        .fetch_all(&mut *conn)
        .await?;
        out.push(Practice {
            id: r.id,
            pair_id: r.pair_id,
            org_id: r.org_id,
            author_id: r.author_id,
            title: r.title,
            areas: parse_list(&r.areas, Area::from_code),
            form: Form::from_code(&r.form),
            description: r.description,
            status: r.status,
            review_comment: r.review_comment,
            files: files
                .into_iter()
                .map(|(kind, file_id, name)| PracticeFile {
                    kind,
                    file_id,
                    name,
                })
                .collect(),
        });
    }
    Ok(out)
}

async fn get_in(conn: &mut sqlx::SqliteConnection, id: i64) -> sqlx::Result<Option<Practice>> {
    let rows: Vec<Row> = sqlx::query_as(&format!("SELECT {COLS} FROM practices p WHERE p.id = ?"))
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(hydrate(conn, rows).await?.pop())
}

pub async fn get(pool: &Pool, id: i64) -> sqlx::Result<Option<Practice>> {
    let mut conn = pool.acquire().await?;
    get_in(&mut conn, id).await
}

/// Is this pair's program finished (ended with the plan completed)?
async fn pair_finished(
    conn: &mut sqlx::SqliteConnection,
    pair_id: i64,
) -> sqlx::Result<Option<(bool, Option<i64>)>> {
    let row: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT status, org_id FROM pairs WHERE id = ?")
            .bind(pair_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.map(|(s, org)| (s == "completed", org)))
}

/// Submits a practice for moderation. A practice the coordinator sent back for this pair
/// by the same author is replaced (resubmitted) instead of creating a second one.
pub async fn submit(
    pool: &Pool,
    p: &NewPractice,
    now: DateTime<Utc>,
) -> Result<i64, PracticeError> {
    let mut tx = crate::db::write(&pool).await?;
    let (finished, org) = pair_finished(&mut tx, p.pair_id)
        .await?
        .ok_or(PracticeError::NotFound)?;
    if !finished {
        return Err(PracticeError::NotFinished);
    }
    let returned: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM practices WHERE pair_id = ? AND author_id = ? AND status = 'returned' ORDER BY id DESC LIMIT 1")
            .bind(p.pair_id)
            .bind(p.author_id)
            .fetch_optional(&mut *tx)
            .await?;
    let id = match returned {
        Some((id,)) => {
            sqlx::query("UPDATE practices SET title = ?, areas = ?, form = ?, description = ?, status = 'pending', updated_at = ? WHERE id = ?")
                .bind(&p.title)
                .bind(join_codes(&p.areas))
                .bind(p.form.code())
                .bind(&p.description)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM practice_files WHERE practice_id = ?").bind(id).execute(&mut *tx).await?;
            id
        }
        None => sqlx::query(
            "INSERT INTO practices (pair_id, org_id, author_id, title, areas, form, description, status, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
        )
        .bind(p.pair_id)
        .bind(org)
        .bind(p.author_id)
        .bind(&p.title)
        .bind(join_codes(&p.areas))
        .bind(p.form.code())
        .bind(&p.description)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .last_insert_rowid(),
    };
    for f in &p.files {
        sqlx::query(
            "INSERT INTO practice_files (practice_id, file_id, kind, name) VALUES (?, ?, ?, ?)",
        )
        .bind(id)
        .bind(&f.file_id)
        .bind(&f.kind)
        .bind(&f.name)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// The coordinator's decision on a pending practice.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Publish; the text is indexed together with `extra_index_text` (the areas' names).
    Approve {
        extra_index_text: String,
    },
    /// Send back to the author with a comment.
    Return(String),
    Reject(Option<String>),
}

pub async fn decide(
    pool: &Pool,
    id: i64,
    decision: &Decision,
    reviewer: i64,
    now: DateTime<Utc>,
) -> Result<Practice, PracticeError> {
    let mut tx = crate::db::write(&pool).await?;
    let p = get_in(&mut tx, id).await?.ok_or(PracticeError::NotFound)?;
    if p.status != "pending" {
        return Err(PracticeError::AlreadyDecided);
    }
    let (status, comment) = match decision {
        Decision::Approve { extra_index_text } => {
            // results are published only after the program ends (001 App.1 §8.2)
            if !pair_finished(&mut tx, p.pair_id)
                .await?
                .is_some_and(|(f, _)| f)
            {
                return Err(PracticeError::NotFinished);
            }
            let stems = search::index_text(&[&p.title, &p.description, extra_index_text]);
            sqlx::query("INSERT OR REPLACE INTO practices_fts (rowid, stems) VALUES (?, ?)")
                .bind(id)
                .bind(stems)
                .execute(&mut *tx)
                .await?;
            ("published", None)
        }
        Decision::Return(c) => ("returned", Some(c.clone())),
        Decision::Reject(c) => ("rejected", c.clone()),
    };
    sqlx::query(
        "UPDATE practices SET status = ?, review_comment = ?, reviewed_by = ?, updated_at = ?, \
         published_at = CASE WHEN ? = 'published' THEN ? ELSE published_at END WHERE id = ? AND status = 'pending'",
    )
    .bind(status)
    .bind(comment)
    .bind(reviewer)
    .bind(now)
    .bind(status)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let p = get_in(&mut tx, id).await?.ok_or(PracticeError::NotFound)?;
    tx.commit().await?;
    Ok(p)
}

/// A curator's answer about a practice withheld after its author withdrew consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withheld {
    /// Back in the bank, without the author's name (the author's row is anonymous).
    Keep,
    /// Out of the bank for good: its texts neutralized, files and index entry deleted.
    Remove,
}

/// Settles a withheld practice once; `None` when it is not (or no longer) withheld.
pub async fn settle_withheld(
    pool: &Pool,
    id: i64,
    answer: Withheld,
    by: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Practice>> {
    let mut tx = crate::db::write(pool).await?;
    let Some(p) = get_in(&mut tx, id).await? else {
        return Ok(None);
    };
    let done = match answer {
        Withheld::Keep => sqlx::query("UPDATE practices SET withheld_at = NULL, kept_by = ?, updated_at = ? WHERE id = ? AND withheld_at IS NOT NULL")
            .bind(by)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?,
        Withheld::Remove => {
            let mark = super::erasure::MARK;
            let done = sqlx::query(
                "UPDATE practices SET title = ?, description = ?, review_comment = NULL, status = 'rejected', withheld_at = NULL, \
                 reviewed_by = ?, updated_at = ? WHERE id = ? AND withheld_at IS NOT NULL",
            )
            .bind(mark)
            .bind(mark)
            .bind(by)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 1 {
                sqlx::query("DELETE FROM practice_files WHERE practice_id = ?").bind(id).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM practices_fts WHERE rowid = ?").bind(id).execute(&mut *tx).await?;
            }
            done
        }
    };
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    tx.commit().await?;
    if answer == Withheld::Remove {
        sqlx::query("INSERT INTO practices_fts(practices_fts) VALUES ('optimize')")
            .execute(pool)
            .await?;
    }
    Ok(Some(p))
}

/// Practices waiting for the coordinator, oldest first.
pub async fn pending(pool: &Pool) -> sqlx::Result<Vec<Practice>> {
    let mut conn = pool.acquire().await?;
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLS} FROM practices p WHERE p.status = 'pending' ORDER BY p.id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    hydrate(&mut conn, rows).await
}

/// Published practices of finished programs matching `query` (all of them, newest first,
/// for an empty query): one page and the total count.
pub async fn search(
    pool: &Pool,
    query: &str,
    offset: u32,
    limit: u32,
) -> sqlx::Result<(Vec<Practice>, u32)> {
    const VISIBLE: &str = "p.status = 'published' AND p.withheld_at IS NULL AND p.pair_id IN (SELECT id FROM pairs WHERE status = 'completed')";
    let mut conn = pool.acquire().await?;
    let (ids, total): (Vec<i64>, u32) = match search::fts_query(query) {
        Some(q) => {
            let ids: Vec<(i64,)> = sqlx::query_as(&format!(
                "SELECT p.id FROM practices_fts f JOIN practices p ON p.id = f.rowid WHERE practices_fts MATCH ? AND {VISIBLE} ORDER BY f.rank, p.id DESC"
            ))
            .bind(q)
            .fetch_all(&mut *conn)
            .await?;
            let total = ids.len() as u32;
            (
                ids.into_iter()
                    .skip(offset as usize)
                    .take(limit as usize)
                    .map(|r| r.0)
                    .collect(),
                total,
            )
        }
        None => {
            let ids: Vec<(i64,)> = sqlx::query_as(&format!("SELECT p.id FROM practices p WHERE {VISIBLE} ORDER BY p.published_at DESC, p.id DESC"))
                .fetch_all(&mut *conn)
                .await?;
            let total = ids.len() as u32;
            (
                ids.into_iter()
                    .skip(offset as usize)
                    .take(limit as usize)
                    .map(|r| r.0)
                    .collect(),
                total,
            )
        }
    };
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.extend(get_in(&mut conn, id).await?);
    }
    Ok((out, total))
}

/// Is the practice visible to everybody (published, program finished)?
pub async fn is_public(pool: &Pool, id: i64) -> sqlx::Result<bool> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM practices p WHERE p.id = ? AND p.status = 'published' AND p.withheld_at IS NULL \
         AND p.pair_id IN (SELECT id FROM pairs WHERE status = 'completed')",
    )
    .bind(id)
    .fetch_one(pool)
    .await?;
    Ok(n == 1)
}

/// Finished pairs a person may submit a practice for: where they were the mentor, or of the
/// organizations they curate. (pair id, organization, end date)
pub async fn finished_pairs(
    pool: &Pool,
    mentor_id: i64,
    curated_orgs: &[i64],
) -> sqlx::Result<Vec<(i64, Option<i64>, Option<DateTime<Utc>>)>> {
    let rows: Vec<(i64, Option<i64>, i64, Option<DateTime<Utc>>)> =
        sqlx::query_as("SELECT id, org_id, mentor_id, ended_at FROM pairs WHERE status = 'completed' ORDER BY ended_at DESC, id DESC").fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .filter(|(_, org, mentor, _)| {
            *mentor == mentor_id || org.is_some_and(|o| curated_orgs.contains(&o))
        })
        .map(|(id, org, _, ended)| (id, org, ended))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use crate::repo::testutil::*;

    /// A pair of `org` with `mentor`, in `status`.
    pub(crate) async fn pair(pool: &Pool, org: i64, mentor: i64, status: &str) -> i64 {
        sqlx::query(
            "INSERT INTO pairs (org_id, mentor_id, forms, start_date, planned_end, status, created_at) \
             VALUES (?, ?, 'traditional', '2026-01-10', '2026-06-01', ?, '2026-01-10T00:00:00Z')",
        )
        .bind(org)
        .bind(mentor)
        .bind(status)
        .execute(pool)
        .await
        .unwrap()
        .last_insert_rowid()
    }

    fn practice(pair_id: i64, author_id: i64, title: &str, description: &str) -> NewPractice {
        NewPractice {
            pair_id,
            author_id,
            title: title.into(),
            areas: vec![Area::Methods],
            form: Form::Traditional,
            description: description.into(),
            files: vec![PracticeFile {
                kind: "document".into(),
                file_id: "f1".into(),
                name: "план.docx".into(),
            }],
        }
    }

    fn approve() -> Decision {
        Decision::Approve {
            extra_index_text: "Методика обучения".into(),
        }
    }

    #[tokio::test]
    async fn fts5_is_available() {
        let pool = pool().await;
        let (v,): (String,) = sqlx::query_as("SELECT sqlite_version()")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert!(v.as_str() >= "3.34", "{v}");
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM practices_fts WHERE practices_fts MATCH '\"урок\"*'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(n, 0);
    }

    #[tokio::test]
    async fn submit_moderate_publish_and_find_other_word_forms() {
        let pool = pool().await;
        let (org, mentor) = registered(&pool, 1, Role::Mentor).await;
        let (_, coordinator) = registered(&pool, 2, Role::Coordinator).await;
        let done = pair(&pool, org, mentor.id, "completed").await;
        let running = pair(&pool, org, mentor.id, "active").await;
        assert_eq!(
            finished_pairs(&pool, mentor.id, &[])
                .await
                .unwrap()
                .iter()
                .map(|p| p.0)
                .collect::<Vec<_>>(),
            vec![done]
        );
        assert_eq!(
            finished_pairs(&pool, coordinator.id, &[org])
                .await
                .unwrap()
                .len(),
            1
        );
        assert!(finished_pairs(&pool, coordinator.id, &[])
            .await
            .unwrap()
            .is_empty());

        // a running program cannot be submitted
        let err = submit(
            &pool,
            &practice(running, mentor.id, "Урок", "Описание урока"),
            t0(),
        )
        .await
        .unwrap_err();
        assert!(matches!(err, PracticeError::NotFinished));

        let id = submit(
            &pool,
            &practice(
                done,
                mentor.id,
                "Открытые уроки для молодых педагогов",
                "Посещение уроков коллег и разбор",
            ),
            t0(),
        )
        .await
        .unwrap();
        assert_eq!(pending(&pool).await.unwrap().len(), 1);
        // not visible before approval
        assert_eq!(search(&pool, "урок", 0, 10).await.unwrap().1, 0);
        // sent back, resubmitted (the same row), approved
        decide(
            &pool,
            id,
            &Decision::Return("Добавьте план".into()),
            coordinator.id,
            t0(),
        )
        .await
        .unwrap();
        assert!(matches!(
            decide(&pool, id, &approve(), coordinator.id, t0()).await,
            Err(PracticeError::AlreadyDecided)
        ));
        let again = submit(
            &pool,
            &practice(
                done,
                mentor.id,
                "Открытые уроки для молодых педагогов",
                "Посещение уроков коллег, план разбора",
            ),
            t0(),
        )
        .await
        .unwrap();
        assert_eq!(again, id);
        let p = decide(&pool, id, &approve(), coordinator.id, t0())
            .await
            .unwrap();
        assert_eq!(p.status, "published");
        assert_eq!(p.files.len(), 1);
        assert!(is_public(&pool, id).await.unwrap());

        // other word forms, several words, the areas' names, an empty query
        for q in [
            "урок",
            "уроков",
            "УРОКИ",
            "урок молодого педагога",
            "методике",
            "",
        ] {
            let (found, total) = search(&pool, q, 0, 10).await.unwrap();
            assert_eq!(
                (total, found.first().map(|p| p.id)),
                (1, Some(id)),
                "query «{q}»"
            );
        }
        for q in ["дисциплина", "урок дисциплина", "\"*"] {
            assert_eq!(
                search(&pool, q, 0, 10).await.unwrap().1,
                u32::from(q == "\"*"),
                "query «{q}»"
            );
        }
    }

    #[tokio::test]
    async fn a_practice_of_a_running_program_is_never_published() {
        let pool = pool().await;
        let (org, mentor) = registered(&pool, 1, Role::Mentor).await;
        let p = pair(&pool, org, mentor.id, "completed").await;
        let id = submit(
            &pool,
            &practice(p, mentor.id, "Урок", "Описание урока"),
            t0(),
        )
        .await
        .unwrap();
        // the pair was reopened (e.g. by a data fix): approval is refused, nothing is published
        sqlx::query("UPDATE pairs SET status = 'active' WHERE id = ?")
            .bind(p)
            .execute(&pool)
            .await
            .unwrap();
        assert!(matches!(
            decide(&pool, id, &approve(), mentor.id, t0()).await,
            Err(PracticeError::NotFinished)
        ));
        assert_eq!(get(&pool, id).await.unwrap().unwrap().status, "pending");
        assert_eq!(search(&pool, "урок", 0, 10).await.unwrap().1, 0);
        // rejected practices stay unpublished
        decide(&pool, id, &Decision::Reject(None), mentor.id, t0())
            .await
            .unwrap();
        assert!(!is_public(&pool, id).await.unwrap());
    }

    /// The author withdraws consent: the published practice leaves the bank until a curator
    /// keeps it (back, no author's name) or removes it (texts, files and index gone).
    #[tokio::test]
    async fn a_forgotten_authors_practice_is_withheld_until_a_curator_decides() {
        let pool = pool().await;
        let (org, mentor) = registered(&pool, 1, Role::Mentor).await;
        let (_, coordinator) = registered(&pool, 2, Role::Coordinator).await;
        let (_, curator) = registered(&pool, 3, Role::Curator).await;
        let done = pair(&pool, org, mentor.id, "completed").await;
        let first = submit(
            &pool,
            &practice(done, mentor.id, "Открытые уроки", "Посещение уроков коллег"),
            t0(),
        )
        .await
        .unwrap();
        decide(&pool, first, &approve(), coordinator.id, t0())
            .await
            .unwrap();
        let forgotten = crate::repo::erasure::forget(&pool, mentor.id, t0())
            .await
            .unwrap();
        assert_eq!(forgotten.withheld_practices, vec![(first, Some(org))]);
        assert!(!is_public(&pool, first).await.unwrap(), "withheld at once");
        assert_eq!(search(&pool, "урок", 0, 10).await.unwrap().1, 0);
        // kept: back in the bank; a second answer changes nothing
        assert!(
            settle_withheld(&pool, first, Withheld::Keep, curator.id, t0())
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            settle_withheld(&pool, first, Withheld::Remove, curator.id, t0())
                .await
                .unwrap()
                .is_none()
        );
        assert!(is_public(&pool, first).await.unwrap());
        assert_eq!(
            get(&pool, first).await.unwrap().unwrap().title,
            "Открытые уроки"
        );
        assert_eq!(
            crate::repo::users::by_id(&pool, mentor.id)
                .await
                .unwrap()
                .unwrap()
                .full_name,
            None,
            "no author's name"
        );

        // removed: texts neutralized, files and the index entry deleted
        let (org2, author) = registered(&pool, 4, Role::Mentor).await;
        let done2 = pair(&pool, org2, author.id, "completed").await;
        let second = submit(
            &pool,
            &practice(
                done2,
                author.id,
                "Дневник наблюдений",
                "Наблюдение за уроками",
            ),
            t0(),
        )
        .await
        .unwrap();
        decide(&pool, second, &approve(), coordinator.id, t0())
            .await
            .unwrap();
        crate::repo::erasure::forget(&pool, author.id, t0())
            .await
            .unwrap();
        settle_withheld(&pool, second, Withheld::Remove, curator.id, t0())
            .await
            .unwrap()
            .unwrap();
        let p = get(&pool, second).await.unwrap().unwrap();
        assert_eq!(
            (p.title.as_str(), p.description.as_str(), p.files.len()),
            (crate::repo::erasure::MARK, crate::repo::erasure::MARK, 0)
        );
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM practices_fts WHERE rowid = ?")
            .bind(second)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(n, 0);
        assert!(!is_public(&pool, second).await.unwrap());
    }
}
