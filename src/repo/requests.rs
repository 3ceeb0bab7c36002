//! Requests for a mentor and the proposals that answer them. Every transition goes through
//! `domain::request::apply` and is written with a conditional UPDATE, so a double tap or a
//! re-delivered update can never apply the same step twice.

use super::history;
use super::Pool;
use crate::domain::catalog::{join_codes, parse_list};
use crate::domain::matching::MentorCandidate;
use crate::domain::pair;
use crate::domain::request::{self, ProposalStatus, RequestEvent, RequestStatus};
use crate::domain::{Area, Form};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub id: i64,
    pub mentee_id: i64,
    pub org_id: Option<i64>,
    pub kind: String,
    pub areas: Vec<Area>,
    pub description: String,
    pub form: Option<Form>,
    pub wished_mentor_id: Option<i64>,
    pub excluded: Vec<i64>,
    pub previous_pair_id: Option<i64>,
    pub status: RequestStatus,
    pub reject_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    mentee_id: i64,
    org_id: Option<i64>,
    kind: String,
    areas: String,
    description: String,
    form: Option<String>,
    wished_mentor_id: Option<i64>,
    excluded: String,
    previous_pair_id: Option<i64>,
    status: String,
    reject_reason: Option<String>,
    created_at: DateTime<Utc>,
}

impl From<RequestRow> for Request {
    fn from(r: RequestRow) -> Self {
        Request {
            id: r.id,
            mentee_id: r.mentee_id,
            org_id: r.org_id,
            kind: r.kind,
            areas: parse_list(&r.areas, Area::from_code),
            description: r.description,
            form: r.form.as_deref().and_then(Form::from_code),
            wished_mentor_id: r.wished_mentor_id,
            excluded: r
                .excluded
                .split(',')
                .filter_map(|s| s.parse().ok())
                .collect(),
            previous_pair_id: r.previous_pair_id,
            status: RequestStatus::from_code(&r.status).unwrap_or(RequestStatus::Rejected),
            reject_reason: r.reject_reason,
            created_at: r.created_at,
        }
    }
}

const COLS: &str =
    "id, mentee_id, org_id, kind, areas, description, form, wished_mentor_id, excluded, \
                    previous_pair_id, status, reject_reason, created_at";

#[derive(Debug, Clone, PartialEq)]
pub struct NewRequest {
    pub mentee_id: i64,
    pub org_id: Option<i64>,
    pub kind: &'static str,
    pub areas: Vec<Area>,
    pub description: String,
    pub form: Option<Form>,
    pub wished_mentor_id: Option<i64>,
    pub excluded: Vec<i64>,
    pub previous_pair_id: Option<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    #[error("the mentee already has an open request")]
    AlreadyOpen,
    #[error(transparent)]
    Illegal(#[from] request::IllegalTransition),
    #[error("not found or not yours")]
    NotFound,
    #[error("the mentor has no free place")]
    MentorFull,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

fn ids(list: &[i64]) -> String {
    list.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

pub async fn create_in(
    conn: &mut sqlx::SqliteConnection,
    r: &NewRequest,
    actor: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, RequestError> {
    let res = sqlx::query(
        "INSERT INTO requests (mentee_id, org_id, kind, areas, description, form, wished_mentor_id, excluded, \
         previous_pair_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)",
    )
    .bind(r.mentee_id)
    .bind(r.org_id)
    .bind(r.kind)
    .bind(join_codes(&r.areas))
    .bind(&r.description)
    .bind(r.form.map(|f| f.code()))
    .bind(r.wished_mentor_id)
    .bind(ids(&r.excluded))
    .bind(r.previous_pair_id)
    .bind(now)
    .bind(now)
    .execute(&mut *conn)
    .await;
    let id = match res {
        Ok(done) => done.last_insert_rowid(),
        Err(e) if is_unique_violation(&e) => return Err(RequestError::AlreadyOpen),
        Err(e) => return Err(e.into()),
    };
    history::record(
        conn,
        "request",
        id,
        actor,
        None,
        RequestStatus::Open.code(),
        Some(r.kind),
        now,
    )
    .await?;
    Ok(id)
}

pub async fn create(pool: &Pool, r: &NewRequest, now: DateTime<Utc>) -> Result<i64, RequestError> {
    let mut tx = crate::db::write(&pool).await?;
    let id = create_in(&mut tx, r, Some(r.mentee_id), now).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn get<'e, E: sqlx::Executor<'e, Database = sqlx::Sqlite>>(
    executor: E,
    id: i64,
) -> sqlx::Result<Option<Request>> {
    let row: Option<RequestRow> =
        sqlx::query_as(&format!("SELECT {COLS} FROM requests WHERE id = ?"))
            .bind(id)
            .fetch_optional(executor)
            .await?;
    Ok(row.map(Into::into))
}

/// The mentee's request that is still in progress, if any.
pub async fn open_for_mentee(pool: &Pool, mentee_id: i64) -> sqlx::Result<Option<Request>> {
    let row: Option<RequestRow> = sqlx::query_as(&format!(
        "SELECT {COLS} FROM requests WHERE mentee_id = ? AND status IN ('open', 'proposed', 'accepted')"
    ))
    .bind(mentee_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(Into::into))
}

/// Requests of an organization still in progress, oldest first.
pub async fn in_progress_for_org(pool: &Pool, org_id: i64) -> sqlx::Result<Vec<Request>> {
    let rows: Vec<RequestRow> = sqlx::query_as(&format!(
        "SELECT {COLS} FROM requests WHERE org_id = ? AND status IN ('open', 'proposed', 'accepted') ORDER BY id"
    ))
    .bind(org_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Applies an event to a request inside a transaction (conditional on the status read).
pub async fn transition(
    conn: &mut sqlx::SqliteConnection,
    id: i64,
    event: RequestEvent,
    actor: Option<i64>,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<RequestStatus, RequestError> {
    let req = get(&mut *conn, id).await?.ok_or(RequestError::NotFound)?;
    let to = request::apply(req.status, event)?;
    let done = sqlx::query("UPDATE requests SET status = ?, updated_at = ?, reject_reason = COALESCE(?, reject_reason) WHERE id = ? AND status = ?")
        .bind(to.code())
        .bind(now)
        .bind(if event == RequestEvent::CuratorRejects { reason } else { None })
        .bind(id)
        .bind(req.status.code())
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(RequestError::Illegal(request::IllegalTransition {
            from: req.status,
            event,
        }));
    }
    history::record(
        conn,
        "request",
        id,
        actor,
        Some(req.status.code()),
        to.code(),
        reason,
        now,
    )
    .await?;
    Ok(to)
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Proposal {
    pub id: i64,
    pub request_id: i64,
    pub mentor_id: i64,
    pub proposed_by: Option<i64>,
    pub join_pair_id: Option<i64>,
    pub status: String,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl Proposal {
    /// Unknown codes (the database's CHECK forbids them) count as withdrawn: nothing acts on them.
    pub fn status(&self) -> ProposalStatus {
        ProposalStatus::from_code(&self.status).unwrap_or(ProposalStatus::Withdrawn)
    }
}

const PCOLS: &str =
    "id, request_id, mentor_id, proposed_by, join_pair_id, status, reason, created_at";

pub async fn proposal<'e, E: sqlx::Executor<'e, Database = sqlx::Sqlite>>(
    executor: E,
    id: i64,
) -> sqlx::Result<Option<Proposal>> {
    sqlx::query_as(&format!("SELECT {PCOLS} FROM proposals WHERE id = ?"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// The live (pending or accepted) proposal of a request.
pub async fn live_proposal<'e, E: sqlx::Executor<'e, Database = sqlx::Sqlite>>(
    executor: E,
    request_id: i64,
) -> sqlx::Result<Option<Proposal>> {
    sqlx::query_as(&format!(
        "SELECT {PCOLS} FROM proposals WHERE request_id = ? AND status IN ('pending', 'accepted')"
    ))
    .bind(request_id)
    .fetch_optional(executor)
    .await
}

/// Proposals a mentor has not answered yet, oldest first (shown again in their `/pair`).
pub async fn pending_for_mentor(pool: &Pool, mentor_id: i64) -> sqlx::Result<Vec<Proposal>> {
    sqlx::query_as(&format!("SELECT {PCOLS} FROM proposals WHERE mentor_id = ? AND status = 'pending' ORDER BY created_at, id"))
        .bind(mentor_id)
        .fetch_all(pool)
        .await
}

async fn set_proposal_status(
    conn: &mut sqlx::SqliteConnection,
    p: &Proposal,
    from: &str,
    to: &str,
    actor: Option<i64>,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), RequestError> {
    let done = sqlx::query("UPDATE proposals SET status = ?, reason = COALESCE(?, reason), answered_at = ? WHERE id = ? AND status = ?")
        .bind(to)
        .bind(reason)
        .bind(now)
        .bind(p.id)
        .bind(from)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(RequestError::NotFound);
    }
    history::record(conn, "proposal", p.id, actor, Some(from), to, reason, now).await?;
    Ok(())
}

/// Mentees in active pairs of a mentor.
pub async fn mentor_load<'e, E: sqlx::Executor<'e, Database = sqlx::Sqlite>>(
    executor: E,
    mentor_id: i64,
) -> sqlx::Result<u32> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM pair_mentees pm JOIN pairs p ON p.id = pm.pair_id WHERE p.mentor_id = ? AND p.status = 'active'",
    )
    .bind(mentor_id)
    .fetch_one(executor)
    .await?;
    Ok(n as u32)
}

/// The curator proposes a mentor (withdrawing an unanswered earlier proposal).
pub async fn propose(
    pool: &Pool,
    request_id: i64,
    mentor_id: i64,
    by: Option<i64>,
    join_pair_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, RequestError> {
    let mut tx = crate::db::write(&pool).await?;
    if let Some(old) = live_proposal(&mut *tx, request_id).await? {
        if old.status == "accepted" {
            // the mentor already agreed; waiting for the mentee — withdraw that first
            transition(
                &mut tx,
                request_id,
                RequestEvent::ProposalWithdrawn,
                by,
                None,
                now,
            )
            .await?;
        }
        set_proposal_status(&mut tx, &old, &old.status, "withdrawn", by, None, now).await?;
    }
    transition(&mut tx, request_id, RequestEvent::Propose, by, None, now).await?;
    let id = sqlx::query("INSERT INTO proposals (request_id, mentor_id, proposed_by, join_pair_id, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)")
        .bind(request_id)
        .bind(mentor_id)
        .bind(by)
        .bind(join_pair_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
    history::record(&mut tx, "proposal", id, by, None, "pending", None, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// The mentor answers a proposal. A declining mentor is never suggested for this request again.
pub async fn mentor_answers(
    pool: &Pool,
    proposal_id: i64,
    mentor_id: i64,
    accept: bool,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Proposal, RequestError> {
    let mut tx = crate::db::write(&pool).await?;
    let p = proposal(&mut *tx, proposal_id)
        .await?
        .filter(|p| p.mentor_id == mentor_id && p.status == "pending")
        .ok_or(RequestError::NotFound)?;
    if accept {
        set_proposal_status(
            &mut tx,
            &p,
            "pending",
            "accepted",
            Some(mentor_id),
            reason,
            now,
        )
        .await?;
        transition(
            &mut tx,
            p.request_id,
            RequestEvent::MentorAccepts,
            Some(mentor_id),
            reason,
            now,
        )
        .await?;
    } else {
        set_proposal_status(
            &mut tx,
            &p,
            "pending",
            "declined",
            Some(mentor_id),
            reason,
            now,
        )
        .await?;
        transition(
            &mut tx,
            p.request_id,
            RequestEvent::MentorDeclines,
            Some(mentor_id),
            reason,
            now,
        )
        .await?;
        let req = get(&mut *tx, p.request_id)
            .await?
            .ok_or(RequestError::NotFound)?;
        let mut excluded = req.excluded.clone();
        excluded.push(mentor_id);
        sqlx::query("UPDATE requests SET excluded = ? WHERE id = ?")
            .bind(ids(&excluded))
            .bind(req.id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(proposal(pool, proposal_id)
        .await?
        .ok_or(RequestError::NotFound)?)
}

/// The result of the mentee's confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct Formed {
    pub pair_id: i64,
    pub joined_group: bool,
}

/// The mentee confirms (the pair becomes active) or declines (the request reopens).
/// Exactly once: a second confirmation finds the proposal no longer `accepted`.
pub async fn mentee_answers(
    pool: &Pool,
    proposal_id: i64,
    mentee_id: i64,
    confirm: bool,
    start: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Option<Formed>, RequestError> {
    let mut tx = crate::db::write(&pool).await?;
    let p = proposal(&mut *tx, proposal_id)
        .await?
        .filter(|p| p.status == "accepted")
        .ok_or(RequestError::NotFound)?;
    let req = get(&mut *tx, p.request_id)
        .await?
        .filter(|r| r.mentee_id == mentee_id)
        .ok_or(RequestError::NotFound)?;
    if !confirm {
        set_proposal_status(
            &mut tx,
            &p,
            "accepted",
            "refused",
            Some(mentee_id),
            None,
            now,
        )
        .await?;
        transition(
            &mut tx,
            req.id,
            RequestEvent::MenteeDeclines,
            Some(mentee_id),
            None,
            now,
        )
        .await?;
        tx.commit().await?;
        return Ok(None);
    }
    // the mentor may have filled up meanwhile
    let capacity: Option<(i64,)> = sqlx::query_as(
        "SELECT capacity FROM mentor_profiles WHERE user_id = ? AND status = 'active'",
    )
    .bind(p.mentor_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((capacity,)) = capacity else {
        return Err(RequestError::MentorFull);
    };
    if mentor_load(&mut *tx, p.mentor_id).await? >= capacity as u32 {
        return Err(RequestError::MentorFull);
    }
    set_proposal_status(
        &mut tx,
        &p,
        "accepted",
        "confirmed",
        Some(mentee_id),
        None,
        now,
    )
    .await?;
    transition(
        &mut tx,
        req.id,
        RequestEvent::MenteeConfirms,
        Some(mentee_id),
        None,
        now,
    )
    .await?;
    let joinable = match p.join_pair_id {
        // a group belongs to its mentees' organization: a mentee of another school never
        // joins it (the programme is the mentee's own), a pair in the mentee's school is formed
        Some(pid) => sqlx::query_as::<_, (i64,)>("SELECT id FROM pairs WHERE id = ? AND mentor_id = ? AND status = 'active' AND org_id IS ?")
            .bind(pid)
            .bind(p.mentor_id)
            .bind(req.org_id)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| r.0),
        None => None,
    };
    let (pair_id, joined_group) = match joinable {
        Some(pid) => (pid, true),
        None => {
            let form = req.form.unwrap_or(Form::Traditional);
            // a replacement continues the mentee's remaining programme (issue 21), not a fresh one
            let previous_end: Option<NaiveDate> = match req.previous_pair_id {
                Some(prev) => {
                    sqlx::query_as::<_, (NaiveDate,)>("SELECT planned_end FROM pairs WHERE id = ?")
                        .bind(prev)
                        .fetch_optional(&mut *tx)
                        .await?
                        .map(|r| r.0)
                }
                None => None,
            };
            let end = pair::continued_end(start, previous_end, req.form);
            let pid = sqlx::query(
                "INSERT INTO pairs (org_id, mentor_id, forms, start_date, planned_end, status, created_at) VALUES (?, ?, ?, ?, ?, 'active', ?)",
            )
            .bind(req.org_id)
            .bind(p.mentor_id)
            .bind(form.code())
            .bind(start)
            .bind(end)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .last_insert_rowid();
            history::record(
                &mut tx,
                "pair",
                pid,
                Some(mentee_id),
                None,
                "active",
                Some(&format!("request {}", req.id)),
                now,
            )
            .await?;
            (pid, false)
        }
    };
    sqlx::query(
        "INSERT INTO pair_mentees (pair_id, mentee_id, request_id, joined_at) VALUES (?, ?, ?, ?)",
    )
    .bind(pair_id)
    .bind(mentee_id)
    .bind(req.id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if joined_group {
        history::record(
            &mut tx,
            "pair",
            pair_id,
            Some(mentee_id),
            Some("active"),
            "active",
            Some(&format!("joined by request {}", req.id)),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Some(Formed {
        pair_id,
        joined_group,
    }))
}

/// The curator rejects a request, or the mentee withdraws it; a live proposal is withdrawn.
pub async fn close(
    pool: &Pool,
    request_id: i64,
    event: RequestEvent,
    actor: i64,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<Proposal>, RequestError> {
    let mut tx = crate::db::write(&pool).await?;
    let live = live_proposal(&mut *tx, request_id).await?;
    if let Some(p) = &live {
        set_proposal_status(&mut tx, p, &p.status, "withdrawn", Some(actor), None, now).await?;
    }
    transition(&mut tx, request_id, event, Some(actor), reason, now).await?;
    tx.commit().await?;
    Ok(live)
}

/// Every mentor of the bank with their load, for matching.
pub async fn mentor_candidates(pool: &Pool) -> sqlx::Result<Vec<MentorCandidate>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        user_id: i64,
        org_id: Option<i64>,
        competences: String,
        forms: String,
        capacity: i64,
        status: String,
        other_orgs: bool,
        load: i64,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT m.user_id, u.org_id, m.competences, m.forms, m.capacity, m.status, m.other_orgs, \
           (SELECT COUNT(*) FROM pair_mentees pm JOIN pairs p ON p.id = pm.pair_id \
             WHERE p.mentor_id = m.user_id AND p.status = 'active') AS load \
         FROM mentor_profiles m JOIN users u ON u.id = m.user_id \
         JOIN roles r ON r.user_id = m.user_id AND r.role = 'mentor' \
         WHERE u.telegram_id IS NOT NULL AND m.approved_at IS NOT NULL GROUP BY m.user_id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| MentorCandidate {
            user_id: r.user_id,
            org_id: r.org_id,
            competences: parse_list(&r.competences, Area::from_code),
            forms: parse_list(&r.forms, Form::from_code),
            capacity: r.capacity as u32,
            load: r.load as u32,
            active: r.status == "active",
            other_orgs: r.other_orgs,
        })
        .collect())
}

/// Pending proposals older than `before` that were not yet reminded / escalated.
pub async fn stale_proposals(
    pool: &Pool,
    before: DateTime<Utc>,
    column: &str,
) -> sqlx::Result<Vec<Proposal>> {
    let column = if column == "escalated_at" {
        "escalated_at"
    } else {
        "reminded_at"
    };
    sqlx::query_as(&format!("SELECT {PCOLS} FROM proposals WHERE status = 'pending' AND created_at <= ? AND {column} IS NULL ORDER BY id"))
        .bind(before)
        .fetch_all(pool)
        .await
}

pub async fn mark_proposal(
    pool: &Pool,
    id: i64,
    column: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let column = if column == "escalated_at" {
        "escalated_at"
    } else {
        "reminded_at"
    };
    let done = sqlx::query(&format!(
        "UPDATE proposals SET {column} = ? WHERE id = ? AND {column} IS NULL"
    ))
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{MenteeCategory, Role};
    use crate::repo::profiles::{self, MentorProfile};
    use crate::repo::testutil::*;
    use crate::repo::users;

    pub(crate) async fn mentor(pool: &Pool, tg: i64, org: i64, capacity: u32) -> i64 {
        let u = users::ensure(pool, tg, t0()).await.unwrap();
        users::give_consent(pool, u.id, t0()).await.unwrap();
        users::set_org(pool, u.id, org, t0()).await.unwrap();
        users::grant_role(pool, u.id, Role::Mentor, Some(org), t0())
            .await
            .unwrap();
        let p = MentorProfile {
            competences: vec![Area::Methods],
            forms: vec![Form::Traditional],
            capacity,
            consent_at: t0(),
            status: "active".into(),
            other_orgs: false,
            listed_publicly: false,
            confirmed_at: t0(),
            approved_at: Some(t0()),
        };
        profiles::save_mentor(pool, u.id, &p, t0()).await.unwrap();
        u.id
    }

    fn new_request(mentee: i64, org: i64) -> NewRequest {
        NewRequest {
            mentee_id: mentee,
            org_id: Some(org),
            kind: "new",
            areas: vec![Area::Methods],
            description: "Трудно с дисциплиной в 7Б".into(),
            form: None,
            wished_mentor_id: None,
            excluded: vec![],
            previous_pair_id: None,
        }
    }

    #[tokio::test]
    async fn full_lifecycle_and_exactly_once() {
        let pool = pool().await;
        let (org, mentee) = registered(&pool, 1, Role::Mentee).await;
        profiles::save_mentee(
            &pool,
            mentee.id,
            MenteeCategory::YoungTeacher,
            &[Area::Methods],
            t0(),
        )
        .await
        .unwrap();
        let m = mentor(&pool, 2, org, 1).await;
        let rid = create(&pool, &new_request(mentee.id, org), t0())
            .await
            .unwrap();
        assert!(matches!(
            create(&pool, &new_request(mentee.id, org), t0()).await,
            Err(RequestError::AlreadyOpen)
        ));
        let pid = propose(&pool, rid, m, None, None, t0()).await.unwrap();
        assert!(
            mentor_answers(&pool, pid, 999, true, None, t0())
                .await
                .is_err(),
            "only the proposed mentor answers"
        );
        mentor_answers(&pool, pid, m, true, None, t0())
            .await
            .unwrap();
        assert!(
            mentor_answers(&pool, pid, m, true, None, t0())
                .await
                .is_err(),
            "answered once"
        );
        let start = t0().date_naive();
        let formed = mentee_answers(&pool, pid, mentee.id, true, start, t0())
            .await
            .unwrap()
            .unwrap();
        // a double tap finds nothing to confirm
        assert!(matches!(
            mentee_answers(&pool, pid, mentee.id, true, start, t0()).await,
            Err(RequestError::NotFound)
        ));
        let (pairs,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM pairs")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(pairs, 1);
        assert_eq!(
            get(&pool, rid).await.unwrap().unwrap().status,
            RequestStatus::Matched
        );
        assert_eq!(mentor_load(&pool, m).await.unwrap(), 1);
        let h = history::of(&pool, "request", rid).await.unwrap();
        let steps: Vec<&str> = h.iter().map(|e| e.to_status.as_str()).collect();
        assert_eq!(steps, vec!["open", "proposed", "accepted", "matched"]);
        assert!(formed.pair_id > 0);
        // the mentor is now full and is not a candidate with free places
        let c = mentor_candidates(&pool).await.unwrap();
        assert_eq!((c[0].load, c[0].capacity), (1, 1));
    }

    #[tokio::test]
    async fn decline_excludes_and_reopens() {
        let pool = pool().await;
        let (org, mentee) = registered(&pool, 1, Role::Mentee).await;
        let m1 = mentor(&pool, 2, org, 3).await;
        let m2 = mentor(&pool, 3, org, 3).await;
        let rid = create(&pool, &new_request(mentee.id, org), t0())
            .await
            .unwrap();
        let p1 = propose(&pool, rid, m1, None, None, t0()).await.unwrap();
        mentor_answers(&pool, p1, m1, false, Some("нет времени"), t0())
            .await
            .unwrap();
        let r = get(&pool, rid).await.unwrap().unwrap();
        assert_eq!(r.status, RequestStatus::Open);
        assert_eq!(r.excluded, vec![m1]);
        let p2 = propose(&pool, rid, m2, None, None, t0()).await.unwrap();
        // re-proposing withdraws the pending one
        let p3 = propose(&pool, rid, m1, None, None, t0()).await.unwrap();
        assert_eq!(
            proposal(&pool, p2).await.unwrap().unwrap().status,
            "withdrawn"
        );
        assert_eq!(live_proposal(&pool, rid).await.unwrap().unwrap().id, p3);
        close(
            &pool,
            rid,
            RequestEvent::MenteeWithdraws,
            mentee.id,
            None,
            t0(),
        )
        .await
        .unwrap();
        assert_eq!(
            proposal(&pool, p3).await.unwrap().unwrap().status,
            "withdrawn"
        );
        assert!(open_for_mentee(&pool, mentee.id).await.unwrap().is_none());
        // a new request is possible after the old one ended
        create(&pool, &new_request(mentee.id, org), t0())
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_mentor_sees_only_their_unanswered_proposals() {
        let pool = pool().await;
        let (org, mentee) = registered(&pool, 1, Role::Mentee).await;
        let (_, other_mentee) = registered(&pool, 4, Role::Mentee).await;
        let m1 = mentor(&pool, 2, org, 3).await;
        let m2 = mentor(&pool, 3, org, 3).await;
        let r1 = create(&pool, &new_request(mentee.id, org), t0())
            .await
            .unwrap();
        let r2 = create(&pool, &new_request(other_mentee.id, org), t0())
            .await
            .unwrap();
        let p1 = propose(&pool, r1, m1, None, None, t0()).await.unwrap();
        let p2 = propose(&pool, r2, m1, None, None, t0() + chrono::Duration::hours(1))
            .await
            .unwrap();
        assert_eq!(
            pending_for_mentor(&pool, m1)
                .await
                .unwrap()
                .iter()
                .map(|p| p.id)
                .collect::<Vec<_>>(),
            vec![p1, p2]
        );
        assert!(
            pending_for_mentor(&pool, m2).await.unwrap().is_empty(),
            "another mentor's proposals are not theirs"
        );
        mentor_answers(&pool, p1, m1, true, None, t0())
            .await
            .unwrap();
        assert_eq!(
            pending_for_mentor(&pool, m1)
                .await
                .unwrap()
                .iter()
                .map(|p| p.id)
                .collect::<Vec<_>>(),
            vec![p2],
            "answered ones drop out"
        );
    }
}
