//! Reminders: the planner's snapshot (set-based, no N+1), exactly-once bookkeeping
//! (`reminders_sent`), mutes, the organization's stage, the yearly calendar and the digests.

use super::Pool;
use crate::domain::reminders::{
    self as rules, Audience, BankRow, CalendarEvent, OpenSosRow, OrgRow, PairRow, PendingRow,
    PlanItemRow, Reminder, ReminderState, Rules, Snapshot, SubmittedRow, Window,
};
use crate::domain::stages::{Todo, TodoKind};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use std::collections::HashMap;

fn date_of(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

fn tz_of(s: &str, default: Tz) -> Tz {
    s.parse().unwrap_or(default)
}

/// Everything the planner needs at `now`, in a handful of set-based queries.
pub async fn snapshot(
    pool: &Pool,
    default_tz: Tz,
    r: &Rules,
    now: DateTime<Utc>,
) -> sqlx::Result<Snapshot> {
    let mut s = Snapshot::empty(default_tz);
    let mut conn = pool.acquire().await?;

    let orgs: Vec<(i64, String, String, i64, DateTime<Utc>)> =
        sqlx::query_as("SELECT id, name, tz, stage, COALESCE(stage_since, created_at) FROM organizations ORDER BY id").fetch_all(&mut *conn).await?;
    let people: Vec<(String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT r.role, r.org_id, u.id FROM roles r JOIN users u ON u.id = r.user_id \
         LEFT JOIN mentor_profiles mp ON mp.user_id = u.id \
         WHERE u.telegram_id IS NOT NULL AND u.consent_at IS NOT NULL \
           AND (r.role IN ('curator', 'coordinator') OR (r.role = 'mentor' AND mp.status = 'active')) \
         ORDER BY u.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let todo = stage_todo(&mut conn, r, now).await?;
    for (id, name, tz, stage, since) in orgs {
        s.orgs.push(OrgRow {
            id,
            name,
            tz: tz_of(&tz, default_tz),
            stage,
            stage_since: since,
            curators: people
                .iter()
                .filter(|p| p.0 == "curator" && p.1 == Some(id))
                .map(|p| p.2)
                .collect(),
            stage_todo: todo
                .iter()
                .filter(|(o, t)| *o == id && t.kind.stage() == stage)
                .map(|(_, t)| t.clone())
                .collect(),
        });
    }
    s.coordinators = people
        .iter()
        .filter(|p| p.0 == "coordinator")
        .map(|p| p.2)
        .collect();
    s.coordinators.dedup();
    s.mentors = people
        .iter()
        .filter(|p| p.0 == "mentor")
        .filter_map(|p| p.1.map(|o| (p.2, o)))
        .collect();

    let pairs: Vec<(
        i64,
        i64,
        i64,
        Option<String>,
        NaiveDate,
        NaiveDate,
        Option<String>,
    )> = sqlx::query_as(
        "SELECT p.id, p.org_id, p.mentor_id, mu.full_name, p.start_date, p.planned_end, \
                (SELECT MAX(j.on_date) FROM journal_entries j \
                  WHERE j.pair_id = p.id AND j.kind = 'meeting' AND j.deleted_at IS NULL) \
           FROM pairs p JOIN users mu ON mu.id = p.mentor_id \
          WHERE p.status = 'active' AND p.org_id IS NOT NULL ORDER BY p.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mentees: Vec<(i64, i64, Option<String>)> = sqlx::query_as(
        "SELECT pm.pair_id, pm.mentee_id, u.full_name FROM pair_mentees pm \
           JOIN pairs p ON p.id = pm.pair_id JOIN users u ON u.id = pm.mentee_id \
          WHERE p.status = 'active' ORDER BY pm.pair_id, pm.joined_at, pm.mentee_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    // each pair's rhythm: the meeting days of the last half year. The rhythm only lengthens
    // the silence allowed (never below the regulation's days), so it is read only for pairs
    // quiet for longer than the shortest of those: the rest cannot be silent whatever it is.
    let quiet_since =
        (now - Duration::days(r.silent_mentor_days.min(r.silent_curator_days) - 2)).date_naive();
    let quiet: Vec<i64> = pairs
        .iter()
        .filter(|p| {
            p.6.as_deref()
                .and_then(date_of)
                .is_none_or(|last| last <= quiet_since)
        })
        .map(|p| p.0)
        .collect();
    let days: Vec<(i64, String)> = if quiet.is_empty() {
        Vec::new()
    } else {
        sqlx::query_as(
            "SELECT DISTINCT j.pair_id, j.on_date FROM journal_entries j \
              WHERE j.pair_id IN (SELECT value FROM json_each(?1)) AND j.kind = 'meeting' AND j.deleted_at IS NULL AND j.on_date >= ?2 \
              ORDER BY j.pair_id, j.on_date",
        )
        .bind(serde_json::to_string(&quiet).unwrap_or_default())
        .bind((now - Duration::days(180)).date_naive().to_string())
        .fetch_all(&mut *conn)
        .await?
    };
    let mut meeting_days: HashMap<i64, Vec<NaiveDate>> = HashMap::new();
    for (pair, day) in days {
        if let Some(d) = date_of(&day) {
            meeting_days.entry(pair).or_default().push(d);
        }
    }
    let mut by_pair: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    for (pair, mentee, name) in mentees {
        by_pair
            .entry(pair)
            .or_default()
            .push((mentee, name.unwrap_or_else(|| "—".into())));
    }
    for (id, org_id, mentor_id, mentor_name, start_date, planned_end, last) in pairs {
        let ms = by_pair.remove(&id).unwrap_or_default();
        s.pairs.push(PairRow {
            id,
            org_id,
            mentor_id,
            mentor_name: mentor_name.unwrap_or_else(|| "—".into()),
            mentees: ms.iter().map(|m| m.0).collect(),
            mentee_names: ms
                .iter()
                .map(|m| m.1.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            start_date,
            planned_end,
            last_meeting: last.as_deref().and_then(date_of),
            rhythm: meeting_days
                .get(&id)
                .and_then(|d| crate::domain::everyday::rhythm_days(d)),
        });
    }

    // plan items: due soon, or overdue but still within the reminder's relevance (+ a week to log drops)
    let upto = (now + Duration::days(r.plan_due_days + 1))
        .date_naive()
        .to_string();
    let from = (now - Duration::days(16)).date_naive().to_string();
    let items: Vec<(i64, i64, Option<i64>, String, String)> = sqlx::query_as(
        "SELECT i.id, i.pair_id, i.mentee_id, i.title, i.deadline FROM plan_items i \
          WHERE i.status IN ('planned', 'rework') AND i.deadline >= ? AND i.deadline <= ? ORDER BY i.id",
    )
    .bind(from)
    .bind(upto + "~")
    .fetch_all(&mut *conn)
    .await?;
    s.plan_items = items
        .into_iter()
        .filter_map(|(id, pair_id, mentee_id, title, deadline)| {
            Some(PlanItemRow {
                id,
                pair_id,
                mentee_id,
                title,
                deadline: date_of(&deadline)?,
            })
        })
        .collect();

    type Pending = (
        i64,
        i64,
        Option<i64>,
        i64,
        Option<String>,
        Option<String>,
        DateTime<Utc>,
    );
    let pending =
        |sql: &'static str, before: DateTime<Utc>| sqlx::query_as::<_, Pending>(sql).bind(before);
    let to_rows = |rows: Vec<Pending>| -> Vec<PendingRow> {
        rows.into_iter()
            .map(
                |(id, org_id, addressee, link, name, other, created_at)| PendingRow {
                    id,
                    org_id,
                    addressee,
                    link,
                    name: name.unwrap_or_else(|| "—".into()),
                    other_name: other.unwrap_or_else(|| "—".into()),
                    created_at,
                },
            )
            .collect()
    };
    s.proposals = to_rows(
        pending(
            "SELECT pr.id, COALESCE(q.org_id, 0), pr.mentor_id, q.id, me.full_name, mo.full_name, pr.created_at FROM proposals pr \
               JOIN requests q ON q.id = pr.request_id JOIN users me ON me.id = q.mentee_id JOIN users mo ON mo.id = pr.mentor_id \
              WHERE pr.status = 'pending' AND pr.created_at <= ? ORDER BY pr.id",
            now - r.proposal_remind.min(r.proposal_escalate),
        )
        .fetch_all(&mut *conn)
        .await?,
    );
    let pending_before = now - Duration::days(r.pending_days);
    s.petitions = to_rows(
        pending(
            "SELECT pt.id, COALESCE(p.org_id, 0), NULL, 0, u.full_name, NULL, pt.created_at FROM petitions pt \
               JOIN pairs p ON p.id = pt.pair_id JOIN users u ON u.id = pt.mentee_id \
              WHERE pt.status = 'pending' AND pt.created_at <= ? ORDER BY pt.id",
            pending_before,
        )
        .fetch_all(&mut *conn)
        .await?,
    );
    s.resignations = to_rows(
        pending(
            "SELECT rs.id, COALESCE(rs.org_id, 0), NULL, 0, u.full_name, NULL, rs.created_at FROM resignations rs \
               JOIN users u ON u.id = rs.mentor_id WHERE rs.status = 'pending' AND rs.created_at <= ? ORDER BY rs.id",
            pending_before,
        )
        .fetch_all(&mut *conn)
        .await?,
    );
    // unanswered /sos: the last fortnight is enough for every nudge and its relevance
    let open: Vec<(i64, i64, Option<String>, String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT s.id, s.pair_id, u.full_name, s.question, s.asked_at FROM sos_requests s JOIN users u ON u.id = s.mentee_id \
          WHERE s.answered_at IS NULL AND s.asked_at >= ? ORDER BY s.id",
    )
    .bind(now - Duration::days(14))
    .fetch_all(&mut *conn)
    .await?;
    s.open_sos = open
        .into_iter()
        .map(|(id, pair_id, name, question, asked_at)| OpenSosRow {
            id,
            pair_id,
            mentee_name: name.unwrap_or_else(|| "—".into()),
            question,
            asked_at,
        })
        .collect();
    let handed: Vec<(i64, i64, String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT id, pair_id, title, submitted_at FROM plan_items WHERE status = 'submitted' AND submitted_at IS NOT NULL AND submitted_at >= ? ORDER BY id",
    )
    .bind(now - r.unchecked_after - Duration::days(14))
    .fetch_all(&mut *conn)
    .await?;
    s.submitted = handed
        .into_iter()
        .map(|(id, pair_id, title, submitted_at)| SubmittedRow {
            id,
            pair_id,
            title,
            submitted_at,
        })
        .collect();
    s.unmatched = to_rows(
        pending(
            "SELECT q.id, COALESCE(q.org_id, 0), NULL, q.id, o.name, NULL, q.created_at FROM requests q \
               JOIN organizations o ON o.id = q.org_id WHERE q.status = 'open' AND q.created_at <= ? ORDER BY q.id",
            now - Duration::days(r.unmatched_days),
        )
        .fetch_all(&mut *conn)
        .await?,
    );
    drop(conn);
    s.calendar = calendar(pool).await?;

    // the banks: only around the annual update (a day of margin for the time zones)
    let today = rules::today(default_tz, now);
    let year = rules::bank_year(r, today);
    let start = rules::clamped(year, r.bank_month, 1);
    if today >= start - Duration::days(1)
        && today <= start + Duration::days(r.bank_report_days + 15)
    {
        let rows: Vec<(i64, i64, Option<String>, DateTime<Utc>)> = sqlx::query_as(
            "SELECT u.id, u.org_id, u.full_name, MIN(b.confirmed_at) FROM \
               (SELECT user_id, confirmed_at FROM mentor_profiles UNION ALL SELECT user_id, confirmed_at FROM mentee_profiles) b \
               JOIN users u ON u.id = b.user_id \
              WHERE u.telegram_id IS NOT NULL AND u.org_id IS NOT NULL \
              GROUP BY u.id HAVING MIN(b.confirmed_at) < ? ORDER BY u.id",
        )
        .bind(rules::midnight(default_tz, start) + Duration::days(1))
        .fetch_all(pool)
        .await?;
        s.bank = rows
            .into_iter()
            .map(|(user_id, org_id, name, confirmed_at)| BankRow {
                user_id,
                org_id,
                name: name.unwrap_or_else(|| "—".into()),
                confirmed_at,
            })
            .collect();
    }
    let mutes: Vec<(i64, String)> = sqlx::query_as("SELECT user_id, topic FROM reminder_mutes")
        .fetch_all(pool)
        .await?;
    s.mutes = mutes.into_iter().collect();
    // surveys: ended pairs' exit surveys not yet sent; surveys unanswered long enough for the
    // reminder (and no older than its relevance and a week to log drops)
    let exit_window = Duration::days(r.survey_exit_days);
    s.exit_surveys = super::surveys::exit_due(pool, now - exit_window - Duration::days(7)).await?;
    let remind = Duration::days(r.survey_remind_days);
    s.open_surveys = super::surveys::unanswered(
        pool,
        now - remind - rules::Kind::SurveyRemind.relevance() - Duration::days(7),
        now - remind,
    )
    .await?;
    // meetings planned ahead: those still to come (reminders, and no silence nudges meanwhile)
    // and those past but unsettled for as long as the mentor's question stays relevant
    let meetings: Vec<(i64, i64, Option<i64>, DateTime<Utc>, i64, String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT m.id, m.pair_id, m.mentee_id, m.starts_at, m.minutes, m.topic, m.updated_at FROM scheduled_meetings m \
         JOIN pairs p ON p.id = m.pair_id AND p.status = 'active' \
         WHERE m.status = 'planned' AND m.starts_at >= ? ORDER BY m.starts_at",
    )
    .bind(now - rules::Kind::MeetingAsk.relevance() - Duration::days(8))
    .fetch_all(pool)
    .await?;
    s.meetings = meetings
        .into_iter()
        .map(
            |(id, pair_id, mentee_id, starts_at, minutes, topic, planned_at)| rules::MeetingRow {
                id,
                pair_id,
                mentee_id,
                starts_at,
                minutes,
                topic,
                planned_at,
            },
        )
        .collect();
    Ok(s)
}

/// Every organization's checklist of its current stage (000 §IV): who or what has not done
/// what the stage needs, and since when. One statement per kind, each for all organizations
/// at that stage.
async fn stage_todo(
    conn: &mut sqlx::SqliteConnection,
    r: &Rules,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<(i64, Todo)>> {
    let today = now.date_naive().to_string();
    let since_org = "date(COALESCE(o.stage_since, o.created_at))";
    let nobody = |role: &str, kind: TodoKind| {
        format!(
            "SELECT o.id, '{}', '', {since_org} FROM organizations o WHERE o.stage = 1 AND NOT EXISTS \
               (SELECT 1 FROM roles r JOIN users u ON u.id = r.user_id WHERE r.org_id = o.id AND r.role = '{role}' AND u.telegram_id IS NOT NULL)",
            kind.code()
        )
    };
    let person = "COALESCE(u.full_name, '#' || u.id)";
    let pair = "'№' || p.id || ' (' || COALESCE((SELECT full_name FROM users WHERE id = p.mentor_id), '—') || ')'";
    let statements = [
        nobody("head", TodoKind::NoHead),
        nobody("mentor", TodoKind::NoMentors),
        nobody("mentee", TodoKind::NoMentees),
        format!(
            "SELECT o.id, '{}', {person}, date(COALESCE(u.registered_at, u.created_at)) FROM organizations o \
               JOIN roles r ON r.org_id = o.id AND r.role = 'mentee' JOIN users u ON u.id = r.user_id \
              WHERE o.stage = 2 AND u.telegram_id IS NOT NULL \
                AND NOT EXISTS (SELECT 1 FROM requests q WHERE q.mentee_id = u.id) \
                AND NOT EXISTS (SELECT 1 FROM pair_mentees pm WHERE pm.mentee_id = u.id)",
            TodoKind::MenteeWithoutRequest.code()
        ),
        format!(
            "SELECT o.id, '{}', {person}, date(COALESCE(u.registered_at, u.created_at)) FROM organizations o \
               JOIN roles r ON r.org_id = o.id AND r.role = 'mentor' JOIN users u ON u.id = r.user_id \
              WHERE o.stage = 3 AND u.telegram_id IS NOT NULL \
                AND NOT EXISTS (SELECT 1 FROM mentor_profiles mp WHERE mp.user_id = u.id)",
            TodoKind::MentorWithoutProfile.code()
        ),
        format!(
            "SELECT o.id, '{}', {person}, date(mp.consent_at) FROM organizations o \
               JOIN roles r ON r.org_id = o.id AND r.role = 'mentor' JOIN users u ON u.id = r.user_id \
               JOIN mentor_profiles mp ON mp.user_id = u.id \
              WHERE o.stage = 4 AND u.telegram_id IS NOT NULL AND mp.status = 'active' AND mp.approved_at IS NULL",
            TodoKind::MentorNotApproved.code()
        ),
        format!(
            "SELECT o.id, '{}', {person}, date(q.created_at) FROM requests q JOIN organizations o ON o.id = q.org_id \
               JOIN users u ON u.id = q.mentee_id \
              WHERE o.stage = 5 AND q.status IN ('open', 'proposed', 'accepted')",
            TodoKind::RequestWithoutPair.code()
        ),
        format!(
            "SELECT o.id, '{}', {pair}, p.start_date FROM pairs p JOIN organizations o ON o.id = p.org_id \
              WHERE o.stage = 5 AND p.status = 'active' AND p.order_id IS NULL",
            TodoKind::PairWithoutOrder.code()
        ),
        format!(
            "SELECT o.id, '{}', {pair}, p.start_date FROM pairs p JOIN organizations o ON o.id = p.org_id \
              WHERE o.stage = 6 AND p.status = 'active' AND NOT EXISTS (SELECT 1 FROM plan_items i WHERE i.pair_id = p.id)",
            TodoKind::PairWithoutPlan.code()
        ),
        // silent: no meeting for the curator's silence threshold; on the list from the day it became silent
        format!(
            "SELECT * FROM (SELECT o.id, '{}', {pair}, date(MAX(p.start_date, COALESCE((SELECT MAX(j.on_date) FROM journal_entries j \
                     WHERE j.pair_id = p.id AND j.kind = 'meeting' AND j.deleted_at IS NULL), p.start_date)), '+{} days') AS since \
               FROM pairs p JOIN organizations o ON o.id = p.org_id WHERE o.stage = 6 AND p.status = 'active') WHERE since <= ?1",
            TodoKind::PairSilent.code(),
            r.silent_curator_days
        ),
        format!(
            "SELECT o.id, '{}', {pair}, date(p.planned_end, '+1 day') FROM pairs p JOIN organizations o ON o.id = p.org_id \
              WHERE o.stage = 7 AND p.status = 'active' AND p.planned_end < ?1",
            TodoKind::ProgrammeOverdue.code()
        ),
        format!(
            "SELECT o.id, '{}', {person}, date(sr.started_at) FROM survey_responses sr JOIN surveys s ON s.code = sr.survey \
               JOIN pairs p ON p.id = sr.pair_id JOIN organizations o ON o.id = p.org_id JOIN users u ON u.id = sr.user_id \
              WHERE o.stage = 7 AND s.stage = 'exit' AND sr.completed_at IS NULL AND sr.closed_at IS NULL \
                AND u.telegram_id IS NOT NULL AND p.ended_at >= ?2",
            TodoKind::ExitSurveyUnanswered.code()
        ),
    ];
    let window = now - Duration::days(r.survey_exit_days);
    let mut out = Vec::new();
    for sql in statements {
        // every statement may use ?1 (today) and ?2 (the exit surveys' window); unused ones are harmless
        let sql = format!("SELECT * FROM ({sql}) WHERE ?1 IS NOT NULL AND ?2 IS NOT NULL");
        let rows: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(&sql)
            .bind(&today)
            .bind(window)
            .fetch_all(&mut *conn)
            .await?;
        for (org, code, name, since) in rows {
            let (Some(kind), Some(since)) = (
                TodoKind::from_code(&code),
                since.as_deref().and_then(date_of),
            ) else {
                continue;
            };
            out.push((org, Todo::new(kind, name, since)));
        }
    }
    out.sort_by(|a, b| (a.0, a.1.kind, &a.1.name).cmp(&(b.0, b.1.kind, &b.1.name)));
    Ok(out)
}

// ---- exactly once ------------------------------------------------------------------

/// Keys recorded per INSERT statement (7 parameters each, well under SQLite's limit).
const CLAIM_BATCH: usize = 1000;

/// Records the reminders with `state` in one transaction. Returns, for each, the new row's id,
/// or `None` when its key was already recorded (sent, being sent, dropped…) — or appears
/// earlier in `items`. Multi-row INSERTs: a pass records tens of thousands of keys.
pub async fn claim(
    pool: &Pool,
    items: &[&Reminder],
    state: ReminderState,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<Option<i64>>> {
    let mut out = vec![None; items.len()];
    if items.is_empty() {
        return Ok(out);
    }
    let mut tx = crate::db::write(pool).await?;
    for (chunk_no, chunk) in items.chunks(CLAIM_BATCH).enumerate() {
        let mut insert = sqlx::QueryBuilder::new("INSERT INTO reminders_sent (kind, subject, period, recipient_id, state, created_at, updated_at) ");
        insert.push_values(chunk, |mut row, r| {
            row.push_bind(r.kind.code())
                .push_bind(r.subject.to_string())
                .push_bind(r.period.as_str())
                .push_bind(r.recipient)
                .push_bind(state.code())
                .push_bind(now)
                .push_bind(now);
        });
        insert.push(" ON CONFLICT DO NOTHING RETURNING id, kind, subject, period, recipient_id");
        let rows: Vec<(i64, String, String, String, i64)> =
            insert.build_query_as().fetch_all(&mut *tx).await?;
        // RETURNING comes in no particular order: match the rows back by key (the first wins)
        let mut position: HashMap<(&str, String, &str, i64), usize> =
            HashMap::with_capacity(chunk.len());
        for (i, r) in chunk.iter().enumerate() {
            position
                .entry((
                    r.kind.code(),
                    r.subject.to_string(),
                    r.period.as_str(),
                    r.recipient,
                ))
                .or_insert(chunk_no * CLAIM_BATCH + i);
        }
        for (id, kind, subject, period, recipient) in rows {
            if let Some(&i) = position.get(&(kind.as_str(), subject, period.as_str(), recipient)) {
                out[i] = Some(id);
            }
        }
    }
    tx.commit().await?;
    Ok(out)
}

pub async fn set_state(
    pool: &Pool,
    id: i64,
    state: ReminderState,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE reminders_sent SET state = ?, updated_at = ? WHERE id = ?")
        .bind(state.code())
        .bind(now)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Forgets a claim (Telegram answered with an error: nothing was delivered; a later pass retries).
pub async fn release(pool: &Pool, id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM reminders_sent WHERE id = ? AND state IN ('queued', 'sending')")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// After a restart: 'queued' rows never reached Telegram, so they are released (the next pass
/// plans them again if still relevant, else drops them with a log line); 'sending' rows may
/// have been delivered, so they become 'unknown' and are never sent again.
/// Returns how many there were per kind code and state (`Queued`: released, `Sending`: now
/// unknown).
pub async fn recover(
    pool: &Pool,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<(String, ReminderState, i64)>> {
    let mut tx = crate::db::write(pool).await?;
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT kind, state, COUNT(*) FROM reminders_sent WHERE state IN ('queued', 'sending') GROUP BY kind, state ORDER BY kind, state")
            .fetch_all(&mut *tx)
            .await?;
    sqlx::query("DELETE FROM reminders_sent WHERE state = 'queued'")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE reminders_sent SET state = 'unknown', updated_at = ? WHERE state = 'sending'",
    )
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, state, n)| Some((kind, ReminderState::from_code(&state)?, n)))
        .collect())
}

/// How many reminders of a kind reached a person (tests, the console).
pub async fn count_sent(pool: &Pool, kind: &str, recipient: Option<i64>) -> sqlx::Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM reminders_sent WHERE kind = ? AND state = 'sent' AND (? IS NULL OR recipient_id = ?)")
        .bind(kind)
        .bind(recipient)
        .bind(recipient)
        .fetch_one(pool)
        .await?;
    Ok(n)
}

// ---- mutes, stage, banks -------------------------------------------------------------

pub async fn mutes_of(pool: &Pool, user_id: i64) -> sqlx::Result<Vec<String>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT topic FROM reminder_mutes WHERE user_id = ? ORDER BY topic")
            .bind(user_id)
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Switches a topic off (or back on). Returns whether it is now muted.
pub async fn toggle_mute(pool: &Pool, user_id: i64, topic: &str) -> sqlx::Result<bool> {
    let gone = sqlx::query("DELETE FROM reminder_mutes WHERE user_id = ? AND topic = ?")
        .bind(user_id)
        .bind(topic)
        .execute(pool)
        .await?;
    if gone.rows_affected() > 0 {
        return Ok(false);
    }
    sqlx::query("INSERT INTO reminder_mutes (user_id, topic) VALUES (?, ?)")
        .bind(user_id)
        .bind(topic)
        .execute(pool)
        .await?;
    Ok(true)
}

/// Moves an organization to a stage of the model (1–7). Returns false if it already is there.
pub async fn set_stage(
    pool: &Pool,
    org_id: i64,
    stage: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE organizations SET stage = ?, stage_since = ? WHERE id = ? AND stage <> ? AND ? BETWEEN 1 AND 7")
        .bind(stage)
        .bind(now)
        .bind(org_id)
        .bind(stage)
        .bind(stage)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The person confirmed their profile in the annual update (one tap).
pub async fn confirm_profiles(pool: &Pool, user_id: i64, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let a = sqlx::query("UPDATE mentor_profiles SET confirmed_at = ? WHERE user_id = ?")
        .bind(now)
        .bind(user_id)
        .execute(pool)
        .await?;
    let b = sqlx::query("UPDATE mentee_profiles SET confirmed_at = ? WHERE user_id = ?")
        .bind(now)
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(a.rows_affected() + b.rows_affected())
}

// ---- the yearly calendar ---------------------------------------------------------------

pub async fn calendar(pool: &Pool) -> sqlx::Result<Vec<CalendarEvent>> {
    let rows: Vec<(i64, Option<String>, String, String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT id, code, title, audience, start_month, start_day, end_month, end_day FROM calendar_events ORDER BY start_month, start_day, id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, code, title, audience, sm, sd, em, ed)| CalendarEvent {
                id,
                code,
                title,
                audience: Audience::parse(&audience).unwrap_or_default(),
                window: Window {
                    start: (sm as u32, sd as u32),
                    end: (em as u32, ed as u32),
                },
            },
        )
        .collect())
}

pub async fn add_event(
    pool: &Pool,
    title: &str,
    audience: Audience,
    window: Window,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let id = sqlx::query(
        "INSERT INTO calendar_events (title, audience, start_month, start_day, end_month, end_day, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(title)
    .bind(audience.codes())
    .bind(window.start.0)
    .bind(window.start.1)
    .bind(window.end.0)
    .bind(window.end.1)
    .bind(now)
    .execute(pool)
    .await?
    .last_insert_rowid();
    Ok(id)
}

pub async fn remove_event(pool: &Pool, id: i64) -> sqlx::Result<bool> {
    Ok(sqlx::query("DELETE FROM calendar_events WHERE id = ?")
        .bind(id)
        .execute(pool)
        .await?
        .rows_affected()
        == 1)
}

// ---- digests ---------------------------------------------------------------------------

/// One organization's numbers for a digest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrgDigest {
    pub org_id: i64,
    pub name: String,
    pub stage: i64,
    pub new_requests: i64,
    /// Requests still without a mentor proposed (whenever they came), and the oldest one's age.
    pub waiting_requests: i64,
    pub oldest_waiting_days: i64,
    pub proposals_waiting: i64,
    pub active_pairs: i64,
    pub without_order: i64,
    pub overdue_items: i64,
    pub silent_pairs: i64,
    pub ending: i64,
    pub meetings: i64,
    pub minutes: i64,
    pub meetings_before: i64,
    pub minutes_before: i64,
    pub unreachable: Vec<String>,
    /// Active pairs not yet fixed by the head's order (their numbers).
    pub awaiting_order: Vec<i64>,
    /// Petitions for replacement and resignations waiting for the curator's decision.
    pub pending_decisions: i64,
    /// `/sos` questions of active pairs still unanswered a day after they were asked.
    pub open_sos: i64,
    /// Surveys sent and not answered to the end (active pairs and pairs that ended within
    /// the exit-survey window).
    pub unanswered_surveys: i64,
}

/// The period a digest covers: meetings in [mid, to) against [from, mid); requests since `since`.
#[derive(Debug, Clone, Copy)]
pub struct DigestPeriod {
    pub from: NaiveDate,
    pub mid: NaiveDate,
    pub to: NaiveDate,
    pub since: DateTime<Utc>,
    /// Today, for overdue items, silence and programs ending.
    pub today: NaiveDate,
    /// The moment of the digest (unanswered /sos are counted from a day before it).
    pub now: DateTime<Utc>,
}

impl DigestPeriod {
    /// The last 7 days against the 7 before.
    pub fn week(today: NaiveDate, now: DateTime<Utc>) -> Self {
        DigestPeriod {
            from: today - Duration::days(14),
            mid: today - Duration::days(7),
            to: today,
            since: now - Duration::days(7),
            today,
            now,
        }
    }
    /// The previous calendar month against the one before.
    pub fn month(today: NaiveDate, now: DateTime<Utc>) -> Self {
        use chrono::Months;
        let first = rules::clamped(
            chrono::Datelike::year(&today),
            chrono::Datelike::month(&today),
            1,
        );
        let mid = first - Months::new(1);
        DigestPeriod {
            from: mid - Months::new(1),
            mid,
            to: first,
            since: now - (first - mid),
            today,
            now,
        }
    }
}

/// The digest numbers of one organization (`Some`) or of every organization (`None`), each
/// number computed for all organizations at once (GROUP BY org).
pub async fn digest(
    pool: &Pool,
    org: Option<i64>,
    p: DigestPeriod,
    r: &Rules,
) -> sqlx::Result<Vec<OrgDigest>> {
    // the filter keeps its parameter either way, so binds line up
    let scope = |col: &str| {
        if org.is_some() {
            format!(" AND {col} = ?")
        } else {
            " AND ? IS NULL".to_string()
        }
    };
    let mut conn = pool.acquire().await?;
    let orgs: Vec<(i64, String, i64)> = sqlx::query_as(&format!(
        "SELECT id, name, stage FROM organizations WHERE 1 = 1{} ORDER BY name, id",
        scope("id")
    ))
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    let mut out: Vec<OrgDigest> = orgs
        .into_iter()
        .map(|(org_id, name, stage)| OrgDigest {
            org_id,
            name,
            stage,
            ..Default::default()
        })
        .collect();
    let index: HashMap<i64, usize> = out.iter().enumerate().map(|(i, d)| (d.org_id, i)).collect();

    let requests: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT org_id, COUNT(*) FROM requests WHERE created_at >= ? AND org_id IS NOT NULL{} GROUP BY org_id",
        scope("org_id")
    ))
    .bind(p.since)
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    // requests nobody has been proposed for stay in every digest, with their age
    let waiting: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT org_id, COUNT(*), CAST(julianday(?) - julianday(date(MIN(created_at))) AS INTEGER) FROM requests \
          WHERE status = 'open' AND org_id IS NOT NULL{} GROUP BY org_id",
        scope("org_id")
    ))
    .bind(p.today.to_string())
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    let proposals: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT q.org_id, COUNT(*) FROM proposals pr JOIN requests q ON q.id = pr.request_id \
          WHERE pr.status = 'pending' AND q.org_id IS NOT NULL{} GROUP BY q.org_id",
        scope("q.org_id")
    ))
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    let pairs: Vec<(i64, i64, i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT p.org_id, COUNT(*), COALESCE(SUM(p.order_id IS NULL), 0), COALESCE(SUM(p.planned_end <= ?), 0), \
                COALESCE(SUM(COALESCE((SELECT MAX(j.on_date) FROM journal_entries j \
                    WHERE j.pair_id = p.id AND j.kind = 'meeting' AND j.deleted_at IS NULL), p.start_date) < ?), 0) \
           FROM pairs p WHERE p.status = 'active' AND p.org_id IS NOT NULL{} GROUP BY p.org_id",
        scope("p.org_id")
    ))
    .bind(p.today + Duration::days(r.end_notice_days))
    .bind((p.today - Duration::days(r.silent_mentor_days)).to_string())
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    // one organization: its pairs, then their items (the unary + keeps SQLite off the deadline
    // index, which would walk every overdue item of the district)
    let overdue: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT p.org_id, COUNT(*) FROM pairs p JOIN plan_items i ON i.pair_id = p.id \
          WHERE p.status = 'active' AND i.status IN ('planned', 'rework') AND {}i.deadline < ? AND p.org_id IS NOT NULL{} GROUP BY p.org_id",
        if org.is_some() { "+" } else { "" },
        scope("p.org_id")
    ))
    .bind(p.today.to_string())
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    let meetings: Vec<(i64, i64, i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT p.org_id, \
                COALESCE(SUM(j.on_date >= ?1), 0), COALESCE(SUM(CASE WHEN j.on_date >= ?1 THEN j.minutes END), 0), \
                COALESCE(SUM(j.on_date < ?1), 0), COALESCE(SUM(CASE WHEN j.on_date < ?1 THEN j.minutes END), 0) \
           FROM journal_entries j JOIN pairs p ON p.id = j.pair_id \
          WHERE j.kind = 'meeting' AND j.deleted_at IS NULL AND j.on_date >= ?2 AND j.on_date < ?3 AND p.org_id IS NOT NULL{} \
          GROUP BY p.org_id",
        if org.is_some() { " AND p.org_id = ?4" } else { " AND ?4 IS NULL" }
    ))
    .bind(p.mid.to_string())
    .bind(p.from.to_string())
    .bind(p.to.to_string())
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    let unreachable: Vec<(i64, String)> = sqlx::query_as(&format!(
        "SELECT org_id, COALESCE(full_name, '#' || id) FROM users \
          WHERE unreachable_at IS NOT NULL AND telegram_id IS NOT NULL AND org_id IS NOT NULL{} ORDER BY full_name",
        scope("org_id")
    ))
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    let open_sos: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT p.org_id, COUNT(*) FROM sos_requests s JOIN pairs p ON p.id = s.pair_id \
          WHERE s.answered_at IS NULL AND p.status = 'active' AND s.asked_at <= ? AND p.org_id IS NOT NULL{} GROUP BY p.org_id",
        scope("p.org_id")
    ))
    .bind(p.now - Duration::days(1))
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;

    let mut apply = |id: i64, f: &mut dyn FnMut(&mut OrgDigest)| {
        if let Some(&i) = index.get(&id) {
            f(&mut out[i]);
        }
    };
    for (id, n) in requests {
        apply(id, &mut |d| d.new_requests = n);
    }
    for (id, n, days) in waiting {
        apply(id, &mut |d| {
            (d.waiting_requests, d.oldest_waiting_days) = (n, days.max(0))
        });
    }
    for (id, n) in proposals {
        apply(id, &mut |d| d.proposals_waiting = n);
    }
    for (id, n, no_order, ending, silent) in pairs {
        apply(id, &mut |d| {
            (d.active_pairs, d.without_order, d.ending, d.silent_pairs) =
                (n, no_order, ending, silent)
        });
    }
    for (id, n) in overdue {
        apply(id, &mut |d| d.overdue_items = n);
    }
    for (id, m, mins, mb, minsb) in meetings {
        apply(id, &mut |d| {
            (d.meetings, d.minutes, d.meetings_before, d.minutes_before) = (m, mins, mb, minsb)
        });
    }
    for (id, name) in unreachable {
        apply(id, &mut |d| d.unreachable.push(name.clone()));
    }
    for (id, n) in open_sos {
        apply(id, &mut |d| d.open_sos = n);
    }
    let awaiting: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT p.org_id, p.id FROM pairs p WHERE p.status = 'active' AND p.order_id IS NULL AND p.org_id IS NOT NULL{} ORDER BY p.id",
        scope("p.org_id")
    ))
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    for (id, pair) in awaiting {
        apply(id, &mut |d| d.awaiting_order.push(pair));
    }
    let decisions: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT org_id, COUNT(*) FROM ( \
            SELECT p.org_id AS org_id FROM petitions t JOIN pairs p ON p.id = t.pair_id WHERE t.status = 'pending' \
            UNION ALL SELECT r.org_id FROM resignations r WHERE r.status = 'pending') \
          WHERE org_id IS NOT NULL{} GROUP BY org_id",
        scope("org_id")
    ))
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    for (id, n) in decisions {
        apply(id, &mut |d| d.pending_decisions = n);
    }
    let unanswered: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT p.org_id, COUNT(*) FROM survey_responses r JOIN pairs p ON p.id = r.pair_id JOIN users u ON u.id = r.user_id \
          WHERE r.completed_at IS NULL AND r.closed_at IS NULL AND u.telegram_id IS NOT NULL \
            AND (p.status = 'active' OR p.ended_at >= ?) AND p.org_id IS NOT NULL{} GROUP BY p.org_id",
        scope("p.org_id")
    ))
    .bind(p.now - Duration::days(r.survey_exit_days))
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    for (id, n) in unanswered {
        apply(id, &mut |d| d.unanswered_surveys = n);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reminders::{plan, Kind};
    use crate::domain::Role;
    use crate::repo::testutil::*;
    use crate::repo::users;

    /// A curator, a mentor and a mentee in one school; an active pair started on 1 September.
    async fn school(pool: &Pool) -> (i64, i64, i64, i64, i64) {
        let (org, curator) = registered(pool, 1, Role::Curator).await;
        let mut ids = vec![];
        for (tg, role) in [(2, Role::Mentor), (3, Role::Mentee)] {
            let u = users::ensure(pool, tg, t0()).await.unwrap();
            users::give_consent(pool, u.id, t0()).await.unwrap();
            users::update_basic(
                pool,
                u.id,
                users::BasicField::FullName,
                if tg == 2 {
                    "Петрова Анна"
                } else {
                    "Иванова Мария"
                },
                t0(),
            )
            .await
            .unwrap();
            users::set_org(pool, u.id, org, t0()).await.unwrap();
            users::grant_role(pool, u.id, role, Some(org), t0())
                .await
                .unwrap();
            sqlx::query("UPDATE users SET registered_at = ? WHERE id = ?")
                .bind(t0())
                .bind(u.id)
                .execute(pool)
                .await
                .unwrap();
            ids.push(u.id);
        }
        let (mentor, mentee) = (ids[0], ids[1]);
        let pair = sqlx::query(
            "INSERT INTO pairs (org_id, mentor_id, forms, start_date, planned_end, status, created_at) VALUES (?, ?, 'traditional', '2026-09-01', '2027-06-01', 'active', ?)",
        )
        .bind(org)
        .bind(mentor)
        .bind(t0())
        .execute(pool)
        .await
        .unwrap()
        .last_insert_rowid();
        sqlx::query("INSERT INTO pair_mentees (pair_id, mentee_id, joined_at) VALUES (?, ?, ?)")
            .bind(pair)
            .bind(mentee)
            .bind(t0())
            .execute(pool)
            .await
            .unwrap();
        (org, curator.id, mentor, mentee, pair)
    }

    async fn meeting(pool: &Pool, pair: i64, author: i64, on: &str, minutes: i64, deleted: bool) {
        sqlx::query(
            "INSERT INTO journal_entries (pair_id, kind, on_date, minutes, topic, author_id, deleted_at, created_at, updated_at) \
             VALUES (?, 'meeting', ?, ?, 'встреча', ?, ?, ?, ?)",
        )
        .bind(pair)
        .bind(on)
        .bind(minutes)
        .bind(author)
        .bind(deleted.then(t0))
        .bind(t0())
        .bind(t0())
        .execute(pool)
        .await
        .unwrap();
    }

    async fn task(pool: &Pool, pair: i64, author: i64, title: &str, deadline: &str, status: &str) {
        sqlx::query("INSERT INTO plan_items (pair_id, kind, title, deadline, status, created_by, created_at, updated_at) VALUES (?, 'task', ?, ?, ?, ?, ?, ?)")
            .bind(pair)
            .bind(title)
            .bind(deadline)
            .bind(status)
            .bind(author)
            .bind(t0())
            .bind(t0())
            .execute(pool)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn snapshot_reads_pairs_meetings_items_and_people() {
        let pool = pool().await;
        let (org, curator, mentor, mentee, pair) = school(&pool).await;
        meeting(&pool, pair, mentor, "2026-09-10", 45, false).await;
        meeting(&pool, pair, mentor, "2026-09-20", 45, true).await; // deleted: does not count
        task(&pool, pair, mentor, "План урока", "2026-09-30", "planned").await;
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 9, 28, 9, 0, 0).unwrap();
        let s = snapshot(&pool, chrono_tz::Europe::Moscow, &Rules::default(), now)
            .await
            .unwrap();
        assert_eq!(s.orgs.len(), 1);
        assert_eq!(s.orgs[0].curators, vec![curator]);
        assert_eq!(
            s.mentors,
            vec![] as Vec<(i64, i64)>,
            "no mentor profile yet: not in the calendar's audience"
        );
        assert_eq!(s.pairs.len(), 1);
        assert_eq!(s.pairs[0].mentees, vec![mentee]);
        assert_eq!(s.pairs[0].mentee_names, "Иванова Мария");
        assert_eq!(
            s.pairs[0].last_meeting,
            NaiveDate::from_ymd_opt(2026, 9, 10)
        );
        assert_eq!(s.plan_items.len(), 1);
        assert_eq!(s.calendar.len(), 13, "the regulations' calendar is seeded");
        let p = plan(&s, &Rules::default(), now);
        assert!(p
            .due
            .iter()
            .any(|r| r.kind == Kind::PlanDue && r.recipient == mentee));
        assert!(p
            .due
            .iter()
            .any(|r| r.kind == Kind::SilentMentor && r.recipient == mentor));
        assert!(
            p.due.iter().any(|r| r.kind == Kind::DigestWeekly
                && r.recipient == curator
                && r.subject == org),
            "Monday 28 September"
        );
        assert!(
            p.due.iter().all(|r| r.kind != Kind::StageEnter),
            "the organization entered its stage weeks ago"
        );
    }

    /// Issue 19 §3: a meeting logged on the pair's first day is a meeting. The whole path —
    /// the journal row, the snapshot, the planner, the text — says when it was, and only a pair
    /// with no meeting at all is «ни одной встречи».
    #[tokio::test]
    async fn a_meeting_on_the_first_day_is_named_in_the_silent_pair_alert() {
        let pool = pool().await;
        let (org, curator, mentor, _mentee, pair) = school(&pool).await;
        meeting(&pool, pair, mentor, "2026-09-01", 45, false).await;
        let quiet = sqlx::query("INSERT INTO pairs (org_id, mentor_id, forms, start_date, planned_end, status, created_at) VALUES (?, ?, 'traditional', '2026-09-01', '2027-06-01', 'active', ?)")
            .bind(org)
            .bind(mentor)
            .bind(t0())
            .execute(&pool)
            .await
            .unwrap()
            .last_insert_rowid();
        // 22 September in Moscow: at noon, and at 01:30 (still 21 September in UTC)
        for now in [
            chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 9, 22, 9, 0, 0).unwrap(),
            chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 9, 21, 22, 30, 0).unwrap(),
        ] {
            let s = snapshot(&pool, chrono_tz::Europe::Moscow, &Rules::default(), now)
                .await
                .unwrap();
            let p = s.pairs.iter().find(|p| p.id == pair).unwrap();
            assert_eq!(
                p.last_meeting,
                NaiveDate::from_ymd_opt(2026, 9, 1),
                "the first day's meeting is read"
            );
            // at night it waits for the morning (quiet hours), with the same text
            let planned = plan(&s, &Rules::default(), now);
            let due: Vec<_> = planned.due.into_iter().chain(planned.deferred).collect();
            let text = |id: i64| {
                let r = due
                    .iter()
                    .find(|r| {
                        r.kind == Kind::SilentCurator && r.subject == id && r.recipient == curator
                    })
                    .unwrap_or_else(|| panic!("pair {id}: {due:?}"));
                crate::bot::reminders::render(crate::i18n::Lang::Ru, r, &Default::default()).0
            };
            let logged = text(pair);
            assert!(
                logged.contains("молчит 21 день: последняя встреча в журнале — 01.09.2026")
                    && !logged.contains("ни одной"),
                "{logged}"
            );
            assert!(
                text(quiet).contains("молчит 21 день: ни одной встречи в журнале"),
                "{}",
                text(quiet)
            );
        }
    }

    #[tokio::test]
    async fn stage_checklists_and_the_exit_surveys_of_ended_pairs() {
        use crate::domain::stages::TodoKind;
        use crate::repo::{outbox, surveys};
        let pool = pool().await;
        let (org, _curator, mentor, mentee, pair) = school(&pool).await;
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 9, 28, 9, 0, 0).unwrap();
        let todo = |stage: i64| {
            let pool = pool.clone();
            async move {
                set_stage(&pool, org, stage, t0()).await.unwrap();
                let s = snapshot(&pool, chrono_tz::Europe::Moscow, &Rules::default(), now)
                    .await
                    .unwrap();
                s.orgs[0]
                    .stage_todo
                    .iter()
                    .map(|t| (t.kind, t.name.clone(), t.since.to_string()))
                    .collect::<Vec<_>>()
            }
        };
        // stage 1: the school has a curator, a mentor and a mentee, but no head yet
        assert_eq!(
            todo(1).await,
            vec![(TodoKind::NoHead, String::new(), "2026-09-01".to_string())]
        );
        // stage 6: the pair has no plan, and no meeting for 3 weeks (silent since 22.09)
        let six = todo(6).await;
        assert_eq!(
            six.iter().map(|t| t.0).collect::<Vec<_>>(),
            vec![TodoKind::PairWithoutPlan, TodoKind::PairSilent],
            "{six:?}"
        );
        assert_eq!(
            six[1],
            (
                TodoKind::PairSilent,
                "№1 (Петрова Анна)".to_string(),
                "2026-09-22".to_string()
            )
        );
        meeting(&pool, pair, mentor, "2026-09-20", 45, false).await;
        assert_eq!(todo(6).await.len(), 1, "a meeting on 20.09: not silent");

        // the pair ends: both participants are due their exit survey, until it is opened
        sqlx::query("UPDATE pairs SET status = 'completed', end_reason = 'completed', ended_at = ? WHERE id = ?").bind(now).bind(pair).execute(&pool).await.unwrap();
        let due = surveys::exit_due(&pool, now - Duration::days(60))
            .await
            .unwrap();
        assert_eq!(
            due.iter().map(|d| d.user_id).collect::<Vec<_>>(),
            vec![mentor, mentee]
        );
        let entry = surveys::get(&pool, "mentee_entry").await.unwrap().unwrap();
        let exit = surveys::get(&pool, "mentee_exit").await.unwrap().unwrap();
        let msg = |to: i64| {
            move |_: i64| outbox::NewMessage::text(outbox::To::User(to), "вопрос".into(), None)
        };
        assert!(
            surveys::open_and_queue(&pool, &entry, pair, mentee, t0(), msg(mentee))
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            surveys::open_and_queue(&pool, &exit, pair, mentee, now, msg(mentee))
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            surveys::open_and_queue(&pool, &exit, pair, mentee, now, msg(mentee))
                .await
                .unwrap()
                .is_none(),
            "exactly once"
        );
        assert_eq!(outbox::pending(&pool).await.unwrap(), 2);
        let open = surveys::unfinished(&pool, mentee).await.unwrap();
        assert_eq!(
            open.iter().map(|r| r.survey.as_str()).collect::<Vec<_>>(),
            vec!["mentee_exit"],
            "the entry survey is closed"
        );
        let due = surveys::exit_due(&pool, now - Duration::days(60))
            .await
            .unwrap();
        assert_eq!(
            due.iter().map(|d| d.user_id).collect::<Vec<_>>(),
            vec![mentor]
        );
        // stage 7: the exit survey waits for an answer; the digest counts it
        assert_eq!(
            todo(7).await,
            vec![(
                TodoKind::ExitSurveyUnanswered,
                "Иванова Мария".to_string(),
                "2026-09-28".to_string()
            )]
        );
        let d = digest(
            &pool,
            Some(org),
            DigestPeriod::week(now.date_naive(), now),
            &Rules::default(),
        )
        .await
        .unwrap()
        .remove(0);
        assert_eq!(d.unanswered_surveys, 1);
    }

    #[tokio::test]
    async fn claims_are_exactly_once_and_a_restart_releases_only_what_never_left() {
        let pool = pool().await;
        let (_org, _curator, mentor, _mentee, pair) = school(&pool).await;
        let r = |period: &str| Reminder {
            kind: Kind::SilentMentor,
            subject: pair,
            period: period.into(),
            recipient: mentor,
            tz: chrono_tz::Europe::Moscow,
            due: t0(),
            args: vec![],
        };
        let (a, b, c) = (r("a"), r("b"), r("c"));
        let first = claim(&pool, &[&a, &b, &c], ReminderState::Queued, t0())
            .await
            .unwrap();
        assert!(first.iter().all(Option::is_some));
        assert_eq!(
            claim(&pool, &[&a, &b], ReminderState::Queued, t0())
                .await
                .unwrap(),
            vec![None, None],
            "never twice"
        );
        set_state(&pool, first[0].unwrap(), ReminderState::Sent, t0())
            .await
            .unwrap();
        set_state(&pool, first[1].unwrap(), ReminderState::Sending, t0())
            .await
            .unwrap();
        // a crash now: b may have left, c never did
        let seen = recover(&pool, t0()).await.unwrap();
        assert_eq!(
            seen,
            vec![
                ("silent-mentor".to_string(), ReminderState::Queued, 1),
                ("silent-mentor".to_string(), ReminderState::Sending, 1)
            ]
        );
        assert_eq!(
            claim(&pool, &[&a, &b, &c], ReminderState::Queued, t0())
                .await
                .unwrap()
                .iter()
                .map(Option::is_some)
                .collect::<Vec<_>>(),
            vec![false, false, true]
        );
        assert_eq!(
            count_sent(&pool, "silent-mentor", Some(mentor))
                .await
                .unwrap(),
            1
        );
        // a refused send is released for a later pass
        let d = r("d");
        let id = claim(&pool, &[&d], ReminderState::Queued, t0())
            .await
            .unwrap()[0]
            .unwrap();
        release(&pool, id).await.unwrap();
        assert!(claim(&pool, &[&d], ReminderState::Queued, t0())
            .await
            .unwrap()[0]
            .is_some());
    }

    #[tokio::test]
    async fn mutes_stage_calendar_and_bank() {
        let pool = pool().await;
        let (org, _curator, mentor, _mentee, _pair) = school(&pool).await;
        assert!(toggle_mute(&pool, mentor, "digest").await.unwrap());
        assert_eq!(
            mutes_of(&pool, mentor).await.unwrap(),
            vec!["digest".to_string()]
        );
        assert!(!toggle_mute(&pool, mentor, "digest").await.unwrap());
        assert!(mutes_of(&pool, mentor).await.unwrap().is_empty());

        assert!(set_stage(&pool, org, 2, t0()).await.unwrap());
        assert!(
            !set_stage(&pool, org, 2, t0()).await.unwrap(),
            "already there"
        );
        assert!(!set_stage(&pool, org, 8, t0()).await.unwrap());
        let s = snapshot(&pool, chrono_tz::Europe::Moscow, &Rules::default(), t0())
            .await
            .unwrap();
        assert_eq!((s.orgs[0].stage, s.orgs[0].stage_since), (2, t0()));
        assert!(
            s.orgs[0].stage_todo.is_empty(),
            "the only mentee is in a pair already"
        );

        let w = Window::parse("01.12-15.01").unwrap();
        let id = add_event(
            &pool,
            "Новогодний слёт",
            Audience::parse("наставники").unwrap(),
            w,
            t0(),
        )
        .await
        .unwrap();
        assert!(calendar(&pool)
            .await
            .unwrap()
            .iter()
            .any(|e| e.id == id && e.window == w && e.audience.mentors));
        assert!(remove_event(&pool, id).await.unwrap());
        assert!(!remove_event(&pool, id).await.unwrap());

        assert_eq!(
            confirm_profiles(&pool, mentor, t0()).await.unwrap(),
            0,
            "no profile, nothing to confirm"
        );
    }

    #[tokio::test]
    async fn digest_counts_per_organization() {
        let pool = pool().await;
        let (org, _curator, mentor, mentee, pair) = school(&pool).await;
        let other = crate::repo::orgs::create(
            &pool,
            "Детский сад № 5",
            crate::domain::OrgKind::Kindergarten,
            "Asia/Irkutsk",
            t0(),
        )
        .await
        .unwrap();
        meeting(&pool, pair, mentor, "2026-09-25", 60, false).await; // this week
        meeting(&pool, pair, mentor, "2026-09-26", 30, false).await;
        meeting(&pool, pair, mentor, "2026-09-18", 45, false).await; // the week before
        meeting(&pool, pair, mentor, "2026-09-27", 45, true).await; // deleted
        task(&pool, pair, mentor, "Эссе", "2026-09-20", "rework").await;
        users::mark_unreachable(&pool, 3, t0()).await.unwrap();
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 9, 28, 9, 0, 0).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 9, 28).unwrap();
        let all = digest(
            &pool,
            None,
            DigestPeriod::week(today, now),
            &Rules::default(),
        )
        .await
        .unwrap();
        assert_eq!(all.len(), 2);
        let d = all.iter().find(|d| d.org_id == org).unwrap();
        assert_eq!(
            (
                d.active_pairs,
                d.without_order,
                d.overdue_items,
                d.silent_pairs
            ),
            (1, 1, 1, 0)
        );
        assert_eq!(
            (d.meetings, d.minutes, d.meetings_before, d.minutes_before),
            (2, 90, 1, 45)
        );
        assert_eq!(d.unreachable, vec!["Иванова Мария".to_string()]);
        assert_eq!(
            all.iter().find(|d| d.org_id == other).unwrap(),
            &OrgDigest {
                org_id: other,
                name: "Детский сад № 5".into(),
                stage: 1,
                ..Default::default()
            }
        );
        let one = digest(
            &pool,
            Some(org),
            DigestPeriod::week(today, now),
            &Rules::default(),
        )
        .await
        .unwrap();
        assert_eq!(one, vec![d.clone()]);
        assert_eq!((d.waiting_requests, d.oldest_waiting_days), (0, 0));

        // a request from 1 September nobody was proposed for: not new any more, but still waiting
        let r = crate::repo::requests::NewRequest {
            mentee_id: mentee,
            org_id: Some(org),
            kind: "new",
            areas: vec![crate::domain::Area::Methods],
            description: "Трудно с дисциплиной".into(),
            form: None,
            wished_mentor_id: None,
            excluded: vec![],
            previous_pair_id: None,
        };
        crate::repo::requests::create(&pool, &r, t0())
            .await
            .unwrap();
        let d = digest(
            &pool,
            Some(org),
            DigestPeriod::week(today, now),
            &Rules::default(),
        )
        .await
        .unwrap()
        .remove(0);
        assert_eq!(
            (d.new_requests, d.waiting_requests, d.oldest_waiting_days),
            (0, 1, 27)
        );
        // the monthly period: September against August
        let m = DigestPeriod::month(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(), now);
        assert_eq!(
            (m.from, m.mid, m.to),
            (
                NaiveDate::from_ymd_opt(2026, 8, 1).unwrap(),
                NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
                NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()
            )
        );
        let month = digest(&pool, None, m, &Rules::default()).await.unwrap();
        assert_eq!(month.iter().find(|d| d.org_id == org).unwrap().meetings, 3);

        // issue 22: an unanswered /sos is in the curator's digest a day after it was asked
        for at in [
            now - chrono::Duration::days(2),
            now - chrono::Duration::hours(1),
        ] {
            sqlx::query("INSERT INTO sos_requests (pair_id, mentee_id, mentor_id, question, asked_at) VALUES (?, ?, ?, 'Как быть?', ?)")
                .bind(pair)
                .bind(mentee)
                .bind(mentor)
                .bind(at)
                .execute(&pool)
                .await
                .unwrap();
        }
        let d = digest(
            &pool,
            Some(org),
            DigestPeriod::week(today, now),
            &Rules::default(),
        )
        .await
        .unwrap()
        .remove(0);
        assert_eq!(d.open_sos, 1);
        let text = crate::bot::reminders::org_text(crate::i18n::Lang::Ru, &d);
        assert!(
            text.contains(&crate::tr!(
                crate::i18n::Lang::Ru,
                "digest-sos-open",
                count = 1i64
            )),
            "{text}"
        );
    }
}
