//! Pairs and groups, and the things that change them: petitions for replacement,
//! resignations, end and extension requests, the head's order.

use super::history;
use super::requests::{self, NewRequest, RequestError};
use super::Pool;
use crate::domain::catalog::parse_list;
use crate::domain::pair::{self, ChangeStatus, Decision, EndReason, PairEvent, PairStatus};
use crate::domain::Form;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub id: i64,
    pub org_id: Option<i64>,
    pub mentor_id: i64,
    pub mentees: Vec<i64>,
    /// The mentor's full name, read with the pair (no lookup per name); "—" when unknown.
    pub mentor_name: String,
    /// The mentees' full names, in the order of `mentees`.
    pub mentee_names: Vec<String>,
    pub forms: Vec<Form>,
    pub start_date: NaiveDate,
    pub planned_end: NaiveDate,
    /// The head's order that fixed the pair («без приказа» while `None`).
    pub order_id: Option<i64>,
    pub order_no: Option<String>,
    pub order_date: Option<NaiveDate>,
    pub status: PairStatus,
    pub end_reason: Option<EndReason>,
}

impl Pair {
    pub fn is_group(&self) -> bool {
        self.mentees.len() > 1
    }

    /// The name of one of this pair's mentees.
    pub fn mentee_name(&self, mentee_id: i64) -> Option<&str> {
        self.mentees
            .iter()
            .position(|m| *m == mentee_id)
            .and_then(|i| self.mentee_names.get(i))
            .map(String::as_str)
    }

    /// The mentees' names, comma-separated.
    pub fn mentee_names_joined(&self) -> String {
        self.mentee_names.join(", ")
    }
}

/// Shown where a person has no name yet.
pub const NO_NAME: &str = "—";

#[derive(sqlx::FromRow)]
struct PairRow {
    id: i64,
    org_id: Option<i64>,
    mentor_id: i64,
    forms: String,
    start_date: NaiveDate,
    planned_end: NaiveDate,
    order_id: Option<i64>,
    order_no: Option<String>,
    order_date: Option<NaiveDate>,
    status: String,
    end_reason: Option<String>,
    mentor_name: Option<String>,
    /// mentee ids in joining order, comma-separated (one query for pairs and mentees)
    mentee_list: Option<String>,
    /// their names in the same order, separated by the record separator
    mentee_name_list: Option<String>,
}

const COLS: &str = "id, org_id, mentor_id, forms, start_date, planned_end, order_id, \
     (SELECT number FROM orders WHERE orders.id = pairs.order_id) AS order_no, \
     (SELECT order_date FROM orders WHERE orders.id = pairs.order_id) AS order_date, status, end_reason, \
     (SELECT full_name FROM users WHERE users.id = pairs.mentor_id) AS mentor_name, \
     (SELECT group_concat(mentee_id, ',' ORDER BY joined_at, mentee_id) FROM pair_mentees WHERE pair_id = pairs.id) AS mentee_list, \
     (SELECT group_concat(replace(IFNULL(u.full_name, ''), char(30), ' '), char(30) ORDER BY pm.joined_at, pm.mentee_id) \
      FROM pair_mentees pm JOIN users u ON u.id = pm.mentee_id WHERE pm.pair_id = pairs.id) AS mentee_name_list";

/// The mentee ids (authoritative) and their names in the same order ("—" for none).
fn parse_mentees(ids: Option<&str>, names: Option<&str>) -> (Vec<i64>, Vec<String>) {
    let ids: Vec<i64> = ids
        .map(|l| l.split(',').filter_map(|m| m.parse().ok()).collect())
        .unwrap_or_default();
    let mut names = names.map(|l| l.split('\u{1e}')).into_iter().flatten();
    let names = ids
        .iter()
        .map(|_| {
            names
                .next()
                .filter(|n| !n.is_empty())
                .unwrap_or(NO_NAME)
                .to_string()
        })
        .collect();
    (ids, names)
}

fn hydrate(rows: Vec<PairRow>) -> Vec<Pair> {
    rows.into_iter()
        .map(|r| {
            let (mentees, mentee_names) =
                parse_mentees(r.mentee_list.as_deref(), r.mentee_name_list.as_deref());
            Pair {
                id: r.id,
                org_id: r.org_id,
                mentor_id: r.mentor_id,
                mentees,
                mentor_name: r
                    .mentor_name
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| NO_NAME.to_string()),
                mentee_names,
                forms: parse_list(&r.forms, Form::from_code),
                start_date: r.start_date,
                planned_end: r.planned_end,
                order_id: r.order_id,
                order_no: r.order_no,
                order_date: r.order_date,
                status: PairStatus::from_code(&r.status).unwrap_or(PairStatus::Terminated),
                end_reason: r.end_reason.as_deref().and_then(EndReason::from_code),
            }
        })
        .collect()
}

pub async fn get_in(conn: &mut sqlx::SqliteConnection, id: i64) -> sqlx::Result<Option<Pair>> {
    let rows: Vec<PairRow> = sqlx::query_as(&format!("SELECT {COLS} FROM pairs WHERE id = ?"))
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(hydrate(rows).pop())
}

pub async fn get(pool: &Pool, id: i64) -> sqlx::Result<Option<Pair>> {
    let mut conn = pool.acquire().await?;
    get_in(&mut conn, id).await
}

/// Active pairs where the person is the mentor or a mentee.
pub async fn active_for(pool: &Pool, user_id: i64) -> sqlx::Result<Vec<Pair>> {
    let rows: Vec<PairRow> = sqlx::query_as(&format!(
        "SELECT {COLS} FROM pairs WHERE status = 'active' AND (mentor_id = ? OR id IN (SELECT pair_id FROM pair_mentees WHERE mentee_id = ?)) ORDER BY id"
    ))
    .bind(user_id)
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    Ok(hydrate(rows))
}

/// Every pair where the person is the mentor or a mentee, ended ones too (newest first).
pub async fn all_for(pool: &Pool, user_id: i64) -> sqlx::Result<Vec<Pair>> {
    let rows: Vec<PairRow> = sqlx::query_as(&format!(
        "SELECT {COLS} FROM pairs WHERE mentor_id = ? OR id IN (SELECT pair_id FROM pair_mentees WHERE mentee_id = ?) ORDER BY id DESC"
    ))
    .bind(user_id)
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    Ok(hydrate(rows))
}

/// Pairs of an organization (all statuses, newest first).
pub async fn of_org(pool: &Pool, org_id: i64, only_active: bool) -> sqlx::Result<Vec<Pair>> {
    let filter = if only_active {
        "AND status = 'active'"
    } else {
        ""
    };
    let rows: Vec<PairRow> = sqlx::query_as(&format!(
        "SELECT {COLS} FROM pairs WHERE org_id = ? {filter} ORDER BY id DESC"
    ))
    .bind(org_id)
    .fetch_all(pool)
    .await?;
    Ok(hydrate(rows))
}

/// Active pairs of an organization not yet fixed by an order, oldest first.
pub async fn awaiting_order(pool: &Pool, org_id: i64) -> sqlx::Result<Vec<Pair>> {
    let rows: Vec<PairRow> = sqlx::query_as(&format!("SELECT {COLS} FROM pairs WHERE org_id = ? AND status = 'active' AND order_id IS NULL ORDER BY id"))
        .bind(org_id)
        .fetch_all(pool)
        .await?;
    Ok(hydrate(rows))
}

/// Ends a pair with a reason (history recorded). Fails if the pair is not active.
pub async fn end_in(
    conn: &mut sqlx::SqliteConnection,
    pair_id: i64,
    reason: EndReason,
    actor: Option<i64>,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Pair, RequestError> {
    let p = get_in(conn, pair_id).await?.ok_or(RequestError::NotFound)?;
    let to = pair::apply(p.status, PairEvent::End(reason)).map_err(|_| RequestError::NotFound)?;
    let done = sqlx::query("UPDATE pairs SET status = ?, end_reason = ?, ended_at = ? WHERE id = ? AND status = 'active'")
        .bind(to.code())
        .bind(reason.code())
        .bind(now)
        .bind(pair_id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(RequestError::NotFound);
    }
    let why = match note.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("{}: {}", reason.code(), n),
        None => reason.code().to_string(),
    };
    history::record(
        conn,
        "pair",
        pair_id,
        actor,
        Some("active"),
        to.code(),
        Some(&why),
        now,
    )
    .await?;
    Ok(p)
}

/// Removes one mentee from a group (the group goes on for the others).
pub async fn leave_group_in(
    conn: &mut sqlx::SqliteConnection,
    pair_id: i64,
    mentee_id: i64,
    reason: EndReason,
    actor: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), RequestError> {
    sqlx::query("DELETE FROM pair_mentees WHERE pair_id = ? AND mentee_id = ?")
        .bind(pair_id)
        .bind(mentee_id)
        .execute(&mut *conn)
        .await?;
    history::record(
        conn,
        "pair",
        pair_id,
        actor,
        Some("active"),
        "active",
        Some(&format!("mentee {} left: {}", mentee_id, reason.code())),
        now,
    )
    .await?;
    Ok(())
}

// ---------------------------------------------------------------- petitions

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Petition {
    pub id: i64,
    pub pair_id: i64,
    pub mentee_id: i64,
    pub reason_code: String,
    pub reason_text: String,
    pub status: String,
    pub decision_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl Petition {
    /// Unknown codes (the database's CHECK forbids them) count as decided: nothing acts on them.
    pub fn status(&self) -> Decision {
        Decision::from_code(&self.status).unwrap_or(Decision::Rejected)
    }
}

const PET_COLS: &str =
    "id, pair_id, mentee_id, reason_code, reason_text, status, decision_reason, created_at";

pub async fn petition(pool: &Pool, id: i64) -> sqlx::Result<Option<Petition>> {
    sqlx::query_as(&format!("SELECT {PET_COLS} FROM petitions WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

pub async fn pending_petitions_for_org(pool: &Pool, org_id: i64) -> sqlx::Result<Vec<Petition>> {
    sqlx::query_as(&format!(
        "SELECT {PET_COLS} FROM petitions WHERE status = 'pending' AND pair_id IN (SELECT id FROM pairs WHERE org_id = ?) ORDER BY id"
    ))
    .bind(org_id)
    .fetch_all(pool)
    .await
}

pub async fn file_petition(
    pool: &Pool,
    pair_id: i64,
    mentee_id: i64,
    reason_code: &str,
    reason_text: &str,
    now: DateTime<Utc>,
) -> Result<i64, RequestError> {
    let mut tx = crate::db::write(&pool).await?;
    let p = get_in(&mut tx, pair_id)
        .await?
        .filter(|p| p.status == PairStatus::Active && p.mentees.contains(&mentee_id))
        .ok_or(RequestError::NotFound)?;
    let res = sqlx::query("INSERT INTO petitions (pair_id, mentee_id, reason_code, reason_text, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)")
        .bind(p.id)
        .bind(mentee_id)
        .bind(reason_code)
        .bind(reason_text)
        .bind(now)
        .execute(&mut *tx)
        .await;
    let id = match res {
        Ok(d) => d.last_insert_rowid(),
        Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
            return Err(RequestError::AlreadyOpen)
        }
        Err(e) => return Err(e.into()),
    };
    history::record(
        &mut tx,
        "petition",
        id,
        Some(mentee_id),
        None,
        "pending",
        Some(reason_code),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The curator decides a petition. On approval the mentee leaves the pair (a one-mentee
/// pair ends with «замена наставника») and a new request opens with the old mentor excluded.
/// Returns the new request's id on approval.
pub async fn decide_petition(
    pool: &Pool,
    id: i64,
    approve: bool,
    curator: i64,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, RequestError> {
    let mut tx = crate::db::write(&pool).await?;
    let pet: Petition = sqlx::query_as(&format!(
        "SELECT {PET_COLS} FROM petitions WHERE id = ? AND status = 'pending'"
    ))
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(RequestError::NotFound)?;
    let to = if approve { "approved" } else { "rejected" };
    sqlx::query("UPDATE petitions SET status = ?, decided_by = ?, decision_reason = ?, decided_at = ? WHERE id = ? AND status = 'pending'")
        .bind(to)
        .bind(curator)
        .bind(reason)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    history::record(
        &mut tx,
        "petition",
        id,
        Some(curator),
        Some("pending"),
        to,
        reason,
        now,
    )
    .await?;
    let mut new_request = None;
    if approve {
        let pair = get_in(&mut tx, pet.pair_id)
            .await?
            .ok_or(RequestError::NotFound)?;
        if pair.mentees.len() > 1 {
            leave_group_in(
                &mut tx,
                pair.id,
                pet.mentee_id,
                EndReason::Replacement,
                Some(curator),
                now,
            )
            .await?;
        } else if pair.status == PairStatus::Active {
            end_in(
                &mut tx,
                pair.id,
                EndReason::Replacement,
                Some(curator),
                reason,
                now,
            )
            .await?;
        }
        new_request = Some(
            reopen_request(
                &mut tx,
                pet.mentee_id,
                &pair,
                "replacement",
                Some(curator),
                now,
            )
            .await?,
        );
    }
    tx.commit().await?;
    Ok(new_request)
}

/// Opens a new request for a mentee who lost their mentor, based on their previous request
/// and profile, with the old mentor excluded.
async fn reopen_request(
    conn: &mut sqlx::SqliteConnection,
    mentee_id: i64,
    pair: &Pair,
    kind: &'static str,
    actor: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, RequestError> {
    let previous: Option<(i64,)> =
        sqlx::query_as("SELECT request_id FROM pair_mentees WHERE pair_id = ? AND mentee_id = ?")
            .bind(pair.id)
            .bind(mentee_id)
            .fetch_optional(&mut *conn)
            .await?
            .and_then(|r: (Option<i64>,)| r.0.map(|x| (x,)));
    let prev = match previous {
        Some((rid,)) => requests::get(&mut *conn, rid).await?,
        None => None,
    };
    let (areas, description, form, mut excluded) = match prev {
        Some(r) => (r.areas, r.description, r.form, r.excluded),
        None => {
            let areas = super::profiles::mentee(&mut *conn, mentee_id)
                .await?
                .map(|m| m.areas)
                .unwrap_or_default();
            (areas, String::new(), None, vec![])
        }
    };
    excluded.push(pair.mentor_id);
    let org_id: Option<(Option<i64>,)> = sqlx::query_as("SELECT org_id FROM users WHERE id = ?")
        .bind(mentee_id)
        .fetch_optional(&mut *conn)
        .await?;
    let nr = NewRequest {
        mentee_id,
        org_id: org_id.and_then(|o| o.0).or(pair.org_id),
        kind,
        areas,
        description,
        form,
        wished_mentor_id: None,
        excluded,
        previous_pair_id: Some(pair.id),
    };
    // a mentee with another request in progress keeps that one
    match requests::create_in(conn, &nr, actor, now).await {
        Ok(id) => Ok(id),
        Err(RequestError::AlreadyOpen) => {
            let (id,): (i64,) = sqlx::query_as("SELECT id FROM requests WHERE mentee_id = ? AND status IN ('open','proposed','accepted')")
                .bind(mentee_id)
                .fetch_one(&mut *conn)
                .await?;
            Ok(id)
        }
        Err(e) => Err(e),
    }
}

// ---------------------------------------------------------------- resignations

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Resignation {
    pub id: i64,
    pub mentor_id: i64,
    pub org_id: Option<i64>,
    pub reason: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
}

impl Resignation {
    pub fn status(&self) -> Decision {
        Decision::from_code(&self.status).unwrap_or(Decision::Rejected)
    }
}

pub async fn resignation(pool: &Pool, id: i64) -> sqlx::Result<Option<Resignation>> {
    sqlx::query_as(
        "SELECT id, mentor_id, org_id, reason, status, created_at FROM resignations WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
}

pub async fn file_resignation(
    pool: &Pool,
    mentor_id: i64,
    org_id: Option<i64>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<i64, RequestError> {
    let mut tx = crate::db::write(&pool).await?;
    let res = sqlx::query("INSERT INTO resignations (mentor_id, org_id, reason, status, created_at) VALUES (?, ?, ?, 'pending', ?)")
        .bind(mentor_id)
        .bind(org_id)
        .bind(reason)
        .bind(now)
        .execute(&mut *tx)
        .await;
    let id = match res {
        Ok(d) => d.last_insert_rowid(),
        Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
            return Err(RequestError::AlreadyOpen)
        }
        Err(e) => return Err(e.into()),
    };
    history::record(
        &mut tx,
        "resignation",
        id,
        Some(mentor_id),
        None,
        "pending",
        Some(reason),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Resignations of an organization's mentors waiting for the curator, oldest first.
pub async fn pending_resignations(pool: &Pool, org: i64) -> sqlx::Result<Vec<Resignation>> {
    sqlx::query_as("SELECT id, mentor_id, org_id, reason, status, created_at FROM resignations WHERE status = 'pending' AND org_id = ? ORDER BY id")
        .bind(org)
        .fetch_all(pool)
        .await
}

/// What an approved resignation did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResignationOutcome {
    /// (mentee, new request) for every mentee of the resigned mentor.
    pub rematched: Vec<(i64, i64)>,
    /// Requests whose pending proposal to this mentor was withdrawn.
    pub withdrawn_requests: Vec<i64>,
    /// The mentor's pairs that ended.
    pub ended_pairs: Vec<i64>,
}

/// The curator decides a resignation. On approval: the mentor is marked resigned (no more
/// proposals), their live proposals are withdrawn, their pairs end, and each mentee gets a
/// new request with this mentor excluded.
pub async fn decide_resignation(
    pool: &Pool,
    id: i64,
    approve: bool,
    curator: i64,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<ResignationOutcome>, RequestError> {
    let mut tx = crate::db::write(&pool).await?;
    let r: Resignation = sqlx::query_as("SELECT id, mentor_id, org_id, reason, status, created_at FROM resignations WHERE id = ? AND status = 'pending'")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(RequestError::NotFound)?;
    let to = if approve { "approved" } else { "rejected" };
    sqlx::query("UPDATE resignations SET status = ?, decided_by = ?, decision_reason = ?, decided_at = ? WHERE id = ?")
        .bind(to)
        .bind(curator)
        .bind(reason)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    history::record(
        &mut tx,
        "resignation",
        id,
        Some(curator),
        Some("pending"),
        to,
        reason,
        now,
    )
    .await?;
    if !approve {
        tx.commit().await?;
        return Ok(None);
    }
    let mut outcome = ResignationOutcome::default();
    sqlx::query("UPDATE mentor_profiles SET status = 'resigned', updated_at = ? WHERE user_id = ?")
        .bind(now)
        .bind(r.mentor_id)
        .execute(&mut *tx)
        .await?;
    let live: Vec<requests::Proposal> = sqlx::query_as(
        "SELECT id, request_id, mentor_id, proposed_by, join_pair_id, status, reason, created_at FROM proposals WHERE mentor_id = ? AND status IN ('pending', 'accepted')",
    )
    .bind(r.mentor_id)
    .fetch_all(&mut *tx)
    .await?;
    for p in live {
        sqlx::query("UPDATE proposals SET status = 'withdrawn', answered_at = ? WHERE id = ?")
            .bind(now)
            .bind(p.id)
            .execute(&mut *tx)
            .await?;
        history::record(
            &mut tx,
            "proposal",
            p.id,
            Some(curator),
            Some(&p.status),
            "withdrawn",
            Some("mentor resigned"),
            now,
        )
        .await?;
        requests::transition(
            &mut tx,
            p.request_id,
            crate::domain::request::RequestEvent::ProposalWithdrawn,
            Some(curator),
            Some("mentor resigned"),
            now,
        )
        .await?;
        outcome.withdrawn_requests.push(p.request_id);
    }
    let pair_ids: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM pairs WHERE mentor_id = ? AND status = 'active'")
            .bind(r.mentor_id)
            .fetch_all(&mut *tx)
            .await?;
    for (pid,) in pair_ids {
        let pair = end_in(
            &mut tx,
            pid,
            EndReason::MentorResigned,
            Some(curator),
            None,
            now,
        )
        .await?;
        outcome.ended_pairs.push(pid);
        for mentee in &pair.mentees {
            let rid =
                reopen_request(&mut tx, *mentee, &pair, "rematch", Some(curator), now).await?;
            outcome.rematched.push((*mentee, rid));
        }
    }
    tx.commit().await?;
    Ok(Some(outcome))
}

// ---------------------------------------------------------------- end / extension requests

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PairChange {
    pub id: i64,
    pub pair_id: i64,
    pub kind: String,
    pub requested_by: i64,
    pub reason_code: Option<String>,
    pub reason_text: String,
    pub new_end: Option<NaiveDate>,
    pub status: String,
    pub created_at: DateTime<Utc>,
    /// An end by mutual consent: when the other side agreed (`None`: still asked).
    pub agreed_at: Option<DateTime<Utc>>,
}

impl PairChange {
    pub fn status(&self) -> ChangeStatus {
        ChangeStatus::from_code(&self.status).unwrap_or(ChangeStatus::Rejected)
    }
}

const CH_COLS: &str = "id, pair_id, kind, requested_by, reason_code, reason_text, new_end, status, created_at, agreed_at";

/// The other side agrees to end the pair by mutual consent; the curator decides next.
pub async fn agree_change(
    pool: &Pool,
    id: i64,
    by: i64,
    now: DateTime<Utc>,
) -> Result<PairChange, RequestError> {
    let mut tx = crate::db::write(&pool).await?;
    let done = sqlx::query("UPDATE pair_changes SET agreed_at = ? WHERE id = ? AND status = 'pending' AND agreed_at IS NULL")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if done == 0 {
        return Err(RequestError::NotFound);
    }
    history::record(
        &mut tx,
        "change",
        id,
        Some(by),
        Some("pending"),
        "pending",
        Some("agreed"),
        now,
    )
    .await?;
    let ch: PairChange =
        sqlx::query_as(&format!("SELECT {CH_COLS} FROM pair_changes WHERE id = ?"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(ch)
}

/// Withdraws a mutual-consent end of `pair_id` that the other side left unanswered past
/// `deadline_of(created_at)` (so a new request can be made). Returns how many were withdrawn.
pub async fn expire_unagreed(
    pool: &Pool,
    pair_id: i64,
    asked_before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let mut tx = crate::db::write(&pool).await?;
    let ids: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM pair_changes WHERE pair_id = ? AND status = 'pending' AND kind = 'end' AND reason_code = 'mutual' AND agreed_at IS NULL AND created_at < ?",
    )
    .bind(pair_id)
    .bind(asked_before)
    .fetch_all(&mut *tx)
    .await?;
    for (id,) in &ids {
        sqlx::query("UPDATE pair_changes SET status = 'rejected', decided_at = ? WHERE id = ?")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        history::record(
            &mut tx,
            "change",
            *id,
            None,
            Some("pending"),
            "rejected",
            Some("expired"),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(ids.len() as u64)
}

pub async fn change(pool: &Pool, id: i64) -> sqlx::Result<Option<PairChange>> {
    sqlx::query_as(&format!("SELECT {CH_COLS} FROM pair_changes WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

pub async fn request_change(
    pool: &Pool,
    pair_id: i64,
    kind: &str,
    by: i64,
    reason_code: Option<&str>,
    new_end: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<i64, RequestError> {
    let mut tx = crate::db::write(&pool).await?;
    let res = sqlx::query("INSERT INTO pair_changes (pair_id, kind, requested_by, reason_code, new_end, status, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)")
        .bind(pair_id)
        .bind(kind)
        .bind(by)
        .bind(reason_code)
        .bind(new_end)
        .bind(now)
        .execute(&mut *tx)
        .await;
    let id = match res {
        Ok(d) => d.last_insert_rowid(),
        Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
            return Err(RequestError::AlreadyOpen)
        }
        Err(e) => return Err(e.into()),
    };
    history::record(
        &mut tx,
        "change",
        id,
        Some(by),
        None,
        "pending",
        Some(kind),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Confirms or rejects a pending change. Confirming an end ends the pair with `reason`;
/// confirming an extension moves the planned end.
pub async fn decide_change(
    pool: &Pool,
    id: i64,
    confirm: bool,
    by: i64,
    end_reason: Option<EndReason>,
    now: DateTime<Utc>,
) -> Result<PairChange, RequestError> {
    let mut tx = crate::db::write(&pool).await?;
    let ch: PairChange = sqlx::query_as(&format!(
        "SELECT {CH_COLS} FROM pair_changes WHERE id = ? AND status = 'pending'"
    ))
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(RequestError::NotFound)?;
    let to = if confirm { "confirmed" } else { "rejected" };
    sqlx::query("UPDATE pair_changes SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'")
        .bind(to)
        .bind(by)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    history::record(
        &mut tx,
        "change",
        id,
        Some(by),
        Some("pending"),
        to,
        None,
        now,
    )
    .await?;
    if confirm {
        if ch.kind == "end" {
            let reason = end_reason.ok_or(RequestError::NotFound)?;
            end_in(
                &mut tx,
                ch.pair_id,
                reason,
                Some(by),
                Some(&ch.reason_text),
                now,
            )
            .await?;
        } else if let Some(new_end) = ch.new_end {
            let p = get_in(&mut tx, ch.pair_id)
                .await?
                .filter(|p| p.status == PairStatus::Active)
                .ok_or(RequestError::NotFound)?;
            let note = if ch.kind == "length" {
                "length"
            } else {
                "extended"
            };
            move_end_in(&mut tx, &p, new_end, note, by, now).await?;
        }
    }
    tx.commit().await?;
    Ok(ch)
}

/// Moves the planned end of pair `p`, with a line in its history (`<note> <old> → <new>`).
async fn move_end_in(
    conn: &mut sqlx::SqliteConnection,
    p: &Pair,
    new_end: NaiveDate,
    note: &str,
    by: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE pairs SET planned_end = ? WHERE id = ?")
        .bind(new_end)
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    history::record(
        &mut *conn,
        "pair",
        p.id,
        Some(by),
        Some("active"),
        "active",
        Some(&format!("{note} {} → {new_end}", p.planned_end)),
        now,
    )
    .await
}

/// Whether both sides have already agreed on a new end of the pair (an extension or a new
/// length): the curator's choice of the length no longer applies then.
pub async fn end_agreed(pool: &Pool, pair_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM pair_changes WHERE pair_id = ? AND kind IN ('extend', 'length') AND status = 'confirmed'",
    )
    .bind(pair_id)
    .fetch_one(pool)
    .await?;
    Ok(n > 0)
}

/// The curator sets the programme's planned end of an active pair (its length, chosen when the
/// pair is formed), recorded in the pair's history. Returns the end it had, or `None` when the
/// pair is not active or the end is already this one.
pub async fn set_length(
    pool: &Pool,
    pair_id: i64,
    new_end: NaiveDate,
    by: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<NaiveDate>> {
    let mut tx = crate::db::write(pool).await?;
    let Some(p) = get_in(&mut tx, pair_id)
        .await?
        .filter(|p| p.status == PairStatus::Active && p.planned_end != new_end)
    else {
        return Ok(None);
    };
    move_end_in(&mut tx, &p, new_end, "length", by, now).await?;
    tx.commit().await?;
    Ok(Some(p.planned_end))
}

pub async fn pending_change(pool: &Pool, pair_id: i64) -> sqlx::Result<Option<PairChange>> {
    sqlx::query_as(&format!(
        "SELECT {CH_COLS} FROM pair_changes WHERE pair_id = ? AND status = 'pending'"
    ))
    .bind(pair_id)
    .fetch_optional(pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Area, Role};
    use crate::repo::requests::{self, NewRequest};
    use crate::repo::testutil::*;
    use crate::repo::users;

    async fn mentor(pool: &Pool, tg: i64, org: i64) -> i64 {
        let u = users::ensure(pool, tg, t0()).await.unwrap();
        users::give_consent(pool, u.id, t0()).await.unwrap();
        users::set_org(pool, u.id, org, t0()).await.unwrap();
        users::grant_role(pool, u.id, Role::Mentor, Some(org), t0())
            .await
            .unwrap();
        let p = crate::repo::profiles::MentorProfile {
            competences: vec![Area::Methods],
            forms: vec![Form::Traditional],
            capacity: 3,
            consent_at: t0(),
            status: "active".into(),
            other_orgs: false,
            listed_publicly: false,
            confirmed_at: t0(),
            approved_at: Some(t0()),
        };
        crate::repo::profiles::save_mentor(pool, u.id, &p, t0())
            .await
            .unwrap();
        u.id
    }

    async fn mentee(pool: &Pool, tg: i64, org: i64) -> i64 {
        let u = users::ensure(pool, tg, t0()).await.unwrap();
        users::give_consent(pool, u.id, t0()).await.unwrap();
        users::set_org(pool, u.id, org, t0()).await.unwrap();
        users::grant_role(pool, u.id, Role::Mentee, Some(org), t0())
            .await
            .unwrap();
        u.id
    }

    async fn pair_of(pool: &Pool, org: i64, mentor: i64, mentee: i64) -> i64 {
        let nr = NewRequest {
            mentee_id: mentee,
            org_id: Some(org),
            kind: "new",
            areas: vec![Area::Methods],
            description: "помогите".into(),
            form: None,
            wished_mentor_id: None,
            excluded: vec![],
            previous_pair_id: None,
        };
        let rid = requests::create(pool, &nr, t0()).await.unwrap();
        let pid = requests::propose(pool, rid, mentor, None, None, t0())
            .await
            .unwrap();
        requests::mentor_answers(pool, pid, mentor, true, None, t0())
            .await
            .unwrap();
        requests::mentee_answers(pool, pid, mentee, true, t0().date_naive(), t0())
            .await
            .unwrap()
            .unwrap()
            .pair_id
    }

    #[tokio::test]
    async fn names_come_with_the_pair_in_mentee_order() {
        let pool = pool().await;
        let (org, _) = registered(&pool, 50, Role::Curator).await;
        let m = mentor(&pool, 2, org).await;
        let e = mentee(&pool, 3, org).await;
        let pair_id = pair_of(&pool, org, m, e).await;
        let second = mentee(&pool, 4, org).await;
        sqlx::query("INSERT INTO pair_mentees (pair_id, mentee_id, joined_at) VALUES (?, ?, ?)")
            .bind(pair_id)
            .bind(second)
            .bind(t0() + chrono::Duration::days(1))
            .execute(&pool)
            .await
            .unwrap();
        // a name with a comma and a stray record separator does not shift the others
        for (id, name) in [
            (m, "Иванова Анна Петровна"),
            (e, "Петров, Пётр\u{1e}"),
            (second, ""),
        ] {
            sqlx::query("UPDATE users SET full_name = ? WHERE id = ?")
                .bind(name)
                .bind(id)
                .execute(&pool)
                .await
                .unwrap();
        }
        let pair = get(&pool, pair_id).await.unwrap().unwrap();
        assert_eq!(pair.mentees, vec![e, second]);
        assert_eq!(pair.mentor_name, "Иванова Анна Петровна");
        assert_eq!(
            pair.mentee_names,
            vec!["Петров, Пётр ".to_string(), NO_NAME.to_string()]
        );
        assert_eq!(
            (pair.mentee_name(second), pair.mentee_name(m)),
            (Some(NO_NAME), None)
        );
        assert_eq!(
            active_for(&pool, second).await.unwrap()[0].mentee_names_joined(),
            "Петров, Пётр , —"
        );
    }

    #[tokio::test]
    async fn petition_approved_closes_pair_and_reopens_request_without_old_mentor() {
        let pool = pool().await;
        let (org, _) = registered(&pool, 50, Role::Curator).await;
        let m = mentor(&pool, 2, org).await;
        let e = mentee(&pool, 3, org).await;
        let pair_id = pair_of(&pool, org, m, e).await;
        let pet = file_petition(&pool, pair_id, e, "incompatible", "не сложилось", t0())
            .await
            .unwrap();
        assert!(matches!(
            file_petition(&pool, pair_id, e, "other", "", t0()).await,
            Err(RequestError::AlreadyOpen)
        ));
        let rid = decide_petition(&pool, pet, true, 1, None, t0())
            .await
            .unwrap()
            .unwrap();
        let pair = get(&pool, pair_id).await.unwrap().unwrap();
        assert_eq!(
            (pair.status, pair.end_reason),
            (PairStatus::Terminated, Some(EndReason::Replacement))
        );
        let r = requests::get(&pool, rid).await.unwrap().unwrap();
        assert_eq!(
            (r.kind.as_str(), r.excluded.clone(), r.previous_pair_id),
            ("replacement", vec![m], Some(pair_id))
        );
        assert!(
            decide_petition(&pool, pet, true, 1, None, t0())
                .await
                .is_err(),
            "decided once"
        );
        // history keeps the old pair
        let h = history::of(&pool, "pair", pair_id).await.unwrap();
        assert_eq!(h.last().unwrap().to_status, "terminated");
    }

    #[tokio::test]
    async fn petition_rejected_changes_nothing() {
        let pool = pool().await;
        let (org, _) = registered(&pool, 50, Role::Curator).await;
        let m = mentor(&pool, 2, org).await;
        let e = mentee(&pool, 3, org).await;
        let pair_id = pair_of(&pool, org, m, e).await;
        let pet = file_petition(&pool, pair_id, e, "other", "", t0())
            .await
            .unwrap();
        assert_eq!(
            decide_petition(&pool, pet, false, 1, Some("попробуйте ещё месяц"), t0())
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            get(&pool, pair_id).await.unwrap().unwrap().status,
            PairStatus::Active
        );
        assert_eq!(
            petition(&pool, pet).await.unwrap().unwrap().status,
            "rejected"
        );
    }

    #[tokio::test]
    async fn resignation_with_two_mentees() {
        let pool = pool().await;
        let (org, _) = registered(&pool, 50, Role::Curator).await;
        let m = mentor(&pool, 2, org).await;
        let e1 = mentee(&pool, 3, org).await;
        let e2 = mentee(&pool, 4, org).await;
        let e3 = mentee(&pool, 5, org).await;
        let p1 = pair_of(&pool, org, m, e1).await;
        let p2 = pair_of(&pool, org, m, e2).await;
        // a pending proposal to the same mentor for a third mentee
        let nr = NewRequest {
            mentee_id: e3,
            org_id: Some(org),
            kind: "new",
            areas: vec![],
            description: String::new(),
            form: None,
            wished_mentor_id: None,
            excluded: vec![],
            previous_pair_id: None,
        };
        let r3 = requests::create(&pool, &nr, t0()).await.unwrap();
        requests::propose(&pool, r3, m, None, None, t0())
            .await
            .unwrap();
        let res = file_resignation(&pool, m, Some(org), "переезд", t0())
            .await
            .unwrap();
        let out = decide_resignation(&pool, res, true, 1, None, t0())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            out.rematched.iter().map(|r| r.0).collect::<Vec<_>>(),
            vec![e1, e2]
        );
        assert_eq!(out.withdrawn_requests, vec![r3]);
        for p in [p1, p2] {
            assert_eq!(
                get(&pool, p).await.unwrap().unwrap().end_reason,
                Some(EndReason::MentorResigned)
            );
        }
        assert_eq!(
            requests::get(&pool, r3).await.unwrap().unwrap().status,
            crate::domain::request::RequestStatus::Open
        );
        let c = requests::mentor_candidates(&pool).await.unwrap();
        assert!(
            !c.iter().find(|c| c.user_id == m).unwrap().active,
            "no more proposals"
        );
    }

    #[tokio::test]
    async fn end_and_extension_requests() {
        let pool = pool().await;
        let (org, _) = registered(&pool, 50, Role::Curator).await;
        let m = mentor(&pool, 2, org).await;
        let e = mentee(&pool, 3, org).await;
        let pid = pair_of(&pool, org, m, e).await;
        let old_end = get(&pool, pid).await.unwrap().unwrap().planned_end;
        let new_end = old_end + chrono::Days::new(60);
        let ch = request_change(&pool, pid, "extend", m, None, Some(new_end), t0())
            .await
            .unwrap();
        assert!(matches!(
            request_change(&pool, pid, "end", e, None, None, t0()).await,
            Err(RequestError::AlreadyOpen)
        ));
        decide_change(&pool, ch, true, e, None, t0()).await.unwrap();
        assert_eq!(get(&pool, pid).await.unwrap().unwrap().planned_end, new_end);
        let ch = request_change(&pool, pid, "end", e, Some("mentee"), None, t0())
            .await
            .unwrap();
        decide_change(&pool, ch, true, 1, Some(EndReason::MenteeInitiative), t0())
            .await
            .unwrap();
        let p = get(&pool, pid).await.unwrap().unwrap();
        assert_eq!(
            (p.status, p.end_reason),
            (PairStatus::Terminated, Some(EndReason::MenteeInitiative))
        );
        assert!(end_in(
            &mut pool.acquire().await.unwrap(),
            pid,
            EndReason::PlanCompleted,
            None,
            None,
            t0()
        )
        .await
        .is_err());
    }

    #[tokio::test]
    async fn the_length_is_chosen_then_changed_by_agreement() {
        let pool = pool().await;
        let (org, _) = registered(&pool, 50, Role::Curator).await;
        let m = mentor(&pool, 2, org).await;
        let e = mentee(&pool, 3, org).await;
        let pid = pair_of(&pool, org, m, e).await;
        let p = get(&pool, pid).await.unwrap().unwrap();
        let six = crate::domain::pair::planned_end(p.start_date, 6);
        // the curator's choice, kept in the history; the same end again changes nothing
        assert_eq!(
            set_length(&pool, pid, six, 1, t0()).await.unwrap(),
            Some(p.planned_end)
        );
        assert_eq!(set_length(&pool, pid, six, 1, t0()).await.unwrap(), None);
        assert!(!end_agreed(&pool, pid).await.unwrap());
        // a side asks for 12 months, the other agrees
        let twelve = crate::domain::pair::planned_end(p.start_date, 12);
        let ch = request_change(&pool, pid, "length", e, None, Some(twelve), t0())
            .await
            .unwrap();
        decide_change(&pool, ch, true, m, None, t0()).await.unwrap();
        assert_eq!(get(&pool, pid).await.unwrap().unwrap().planned_end, twelve);
        assert!(end_agreed(&pool, pid).await.unwrap());
        let notes: Vec<String> = history::of(&pool, "pair", pid)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|h| h.reason)
            .filter(|r| r.starts_with("length"))
            .collect();
        assert_eq!(
            notes,
            vec![
                format!("length {} → {six}", p.planned_end),
                format!("length {six} → {twelve}")
            ]
        );
    }
}
