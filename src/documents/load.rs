//! Loads a document's data from the database and builds it. Who may ask for which document is
//! decided by the caller (the bot checks the actor's roles and organization; the CLI is the
//! administrator's).

use super::{
    banks, build, Bank, ConsentRecord, Doc, DocError, Kind, MeetingLine, MenteeLine, MenteeRow,
    MentorRow, OrderDraft, OrderPair, PairHeader, PairReport, PlanLine, Programme, Spravka,
    SpravkaPair, Subject,
};
use crate::domain::catalog::parse_list;
use crate::domain::journal::EntryKind;
use crate::domain::monitoring::{self, SILENT_DAYS};
use crate::domain::pair::PairStatus;
use crate::domain::{Area, Form, MenteeCategory, Role};
use crate::i18n::Lang;
use crate::repo::monitoring::Scope;
use crate::repo::pairs::Pair;
use crate::repo::{documents as docrepo, journal, orgs, pairs, profiles, users, Pool};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

/// Where and when a document is made.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub lang: Lang,
    pub now: DateTime<Utc>,
    /// The district's time zone (an organization's own is used for its documents).
    pub default_tz: Tz,
}

async fn org_tz(pool: &Pool, org: Option<i64>, default: Tz) -> sqlx::Result<Tz> {
    Ok(match org {
        Some(id) => orgs::get(pool, id)
            .await?
            .and_then(|o| o.tz.parse().ok())
            .unwrap_or(default),
        None => default,
    })
}

fn local(t: DateTime<Utc>, tz: Tz) -> NaiveDateTime {
    t.with_timezone(&tz).naive_local()
}

/// The first person holding `role` in an organization (by name).
async fn first_with_role(
    pool: &Pool,
    role: Role,
    org: Option<i64>,
) -> sqlx::Result<Option<String>> {
    let Some(org) = org else { return Ok(None) };
    Ok(users::with_role_in_org(pool, role, org)
        .await?
        .into_iter()
        .find_map(|u| u.full_name))
}

async fn org_name(pool: &Pool, org: Option<i64>) -> sqlx::Result<String> {
    Ok(match org {
        Some(id) => orgs::get(pool, id)
            .await?
            .map(|o| o.name)
            .unwrap_or_default(),
        None => String::new(),
    })
}

async fn header(pool: &Pool, pair: &Pair, tz: Tz) -> sqlx::Result<PairHeader> {
    let mentor = users::by_id(pool, pair.mentor_id).await?;
    let mut mentees = Vec::new();
    for (id, name) in pair.mentees.iter().zip(&pair.mentee_names) {
        let user = users::by_id(pool, *id).await?;
        let profile = profiles::mentee(pool, *id).await?;
        mentees.push(MenteeLine {
            name: name.clone(),
            position: user.and_then(|u| u.position),
            category: profile.as_ref().map(|p| p.category),
            areas: profile.map(|p| p.areas).unwrap_or_default(),
        });
    }
    let ended = match (pair.status, pair.end_reason) {
        (PairStatus::Active, _) | (_, None) => None,
        (_, Some(reason)) => docrepo::pair_ended_at(pool, pair.id)
            .await?
            .map(|t| (local(t, tz).date(), reason)),
    };
    Ok(PairHeader {
        id: pair.id,
        org: org_name(pool, pair.org_id).await?,
        mentor: pair.mentor_name.clone(),
        mentor_position: mentor.and_then(|u| u.position),
        mentees,
        curator: first_with_role(pool, Role::Curator, pair.org_id).await?,
        forms: pair.forms.clone(),
        start: pair.start_date,
        planned_end: pair.planned_end,
        order: pair.order_no.clone().zip(pair.order_date),
        ended,
    })
}

async fn plan(pool: &Pool, pair: &Pair) -> sqlx::Result<Vec<PlanLine>> {
    Ok(journal::items_of(pool, pair.id)
        .await?
        .into_iter()
        .map(|i| PlanLine {
            status: i.status(),
            mentee: i
                .mentee_id
                .filter(|_| pair.is_group())
                .and_then(|m| pair.mentee_name(m))
                .map(str::to_string),
            kind: i.kind,
            title: i.title,
            area: i.area.as_deref().and_then(Area::from_code),
            deadline: i.deadline,
            product: i.product_text.or(i
                .product_kind
                .filter(|k| k != "text")
                .map(|k| format!("({k})"))),
            self_score: i.self_score,
            self_comment: i.self_comment,
        })
        .collect())
}

async fn meetings(
    pool: &Pool,
    pair_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Vec<MeetingLine>> {
    Ok(journal::entries_between(pool, pair_id, from, to)
        .await?
        .into_iter()
        .filter(|e| e.kind() == Some(EntryKind::Meeting))
        .map(|e| MeetingLine {
            on: e.on_date,
            minutes: e.minutes,
            topic: e.topic,
        })
        .collect())
}

/// The data of a pair document.
async fn pair_and_tz(pool: &Pool, id: i64, default_tz: Tz) -> Result<(Pair, Tz), DocError> {
    let pair = pairs::get(pool, id).await?.ok_or(DocError::NotFound)?;
    let tz = org_tz(pool, pair.org_id, default_tz).await?;
    Ok((pair, tz))
}

pub async fn programme(pool: &Pool, pair_id: i64, c: Context) -> Result<Programme, DocError> {
    let (pair, tz) = pair_and_tz(pool, pair_id, c.default_tz).await?;
    Ok(Programme {
        pair: header(pool, &pair, tz).await?,
        plan: plan(pool, &pair).await?,
        as_of: local(c.now, tz).date(),
    })
}

/// The draft order for the organization's active pairs awaiting one; `Empty` when none is.
pub async fn order_draft(pool: &Pool, org: i64, c: Context) -> Result<OrderDraft, DocError> {
    let o = orgs::get(pool, org).await?.ok_or(DocError::NotFound)?;
    let tz = o.tz.parse().unwrap_or(c.default_tz);
    let waiting = pairs::awaiting_order(pool, org).await?;
    if waiting.is_empty() {
        return Err(DocError::Empty);
    }
    let mut list = Vec::new();
    for p in waiting {
        let mentor_consent = profiles::mentor(pool, p.mentor_id)
            .await?
            .map(|m| local(m.consent_at, tz));
        let mut mentees = Vec::new();
        for (id, name) in p.mentees.iter().zip(&p.mentee_names) {
            let consent = users::by_id(pool, *id)
                .await?
                .and_then(|u| u.consent_at)
                .map(|t| local(t, tz));
            mentees.push((name.clone(), consent));
        }
        list.push(OrderPair {
            id: p.id,
            mentor: p.mentor_name.clone(),
            mentor_consent,
            mentees,
            forms: p.forms.clone(),
            start: p.start_date,
            planned_end: p.planned_end,
        });
    }
    Ok(OrderDraft {
        org: o.name,
        date: local(c.now, tz).date(),
        curator: first_with_role(pool, Role::Curator, Some(org)).await?,
        head: first_with_role(pool, Role::Head, Some(org)).await?,
        pairs: list,
    })
}

/// The adaptation report the mentor sent last (its period and comment); `Empty` when none.
pub async fn adaptation(pool: &Pool, pair_id: i64, c: Context) -> Result<PairReport, DocError> {
    let (pair, tz) = pair_and_tz(pool, pair_id, c.default_tz).await?;
    let (from, to, comment) = docrepo::last_adaptation_report(pool, pair_id)
        .await?
        .ok_or(DocError::Empty)?;
    let until = to
        .succ_opt()
        .unwrap_or(to)
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc())
        .unwrap_or(c.now);
    Ok(PairReport {
        pair: header(pool, &pair, tz).await?,
        is_final: false,
        from,
        to,
        summary: journal::summary(pool, pair.id, from, to, until.min(c.now)).await?,
        meetings: meetings(pool, pair.id, from, to).await?,
        plan: plan(pool, &pair).await?,
        changes: Vec::new(),
        comment: Some(comment).filter(|c| !c.is_empty()),
    })
}

/// The final report over the whole pair: from its start to its end (or today).
pub async fn final_report(pool: &Pool, pair_id: i64, c: Context) -> Result<PairReport, DocError> {
    let (pair, tz) = pair_and_tz(pool, pair_id, c.default_tz).await?;
    let head = header(pool, &pair, tz).await?;
    let today = local(c.now, tz).date();
    let to = head
        .ended
        .map(|e| e.0)
        .unwrap_or(today)
        .max(pair.start_date);
    let from = pair.start_date;
    let changes = match pair.org_id {
        Some(org) => {
            let mut facts = crate::repo::monitoring::facts(pool, Scope::Org(org), today).await?;
            facts.answers.retain(|a| a.pair_id == pair.id);
            monitoring::survey_changes(&facts.answers)
        }
        None => Vec::new(),
    };
    Ok(PairReport {
        is_final: true,
        from,
        to,
        summary: journal::summary(pool, pair.id, from, to, c.now).await?,
        meetings: meetings(pool, pair.id, from, to).await?,
        plan: plan(pool, &pair).await?,
        changes,
        comment: None,
        pair: head,
    })
}

/// The analytic справка of an organization (or the district) for a period; `Empty` when no
/// pair worked in it.
pub async fn spravka(
    pool: &Pool,
    org: Option<i64>,
    from: NaiveDate,
    to: NaiveDate,
    c: Context,
) -> Result<Spravka, DocError> {
    let scope_name = match org {
        Some(id) => orgs::get(pool, id).await?.ok_or(DocError::NotFound)?.name,
        None => tr!(c.lang, "report-district"),
    };
    let work = docrepo::pair_work(pool, org, from, to).await?;
    if work.is_empty() {
        return Err(DocError::Empty);
    }
    let scope = org.map(Scope::Org).unwrap_or(Scope::District);
    let facts = crate::repo::monitoring::facts(pool, scope, to).await?;
    let targets = crate::repo::monitoring::targets(pool).await?;
    let author = match org {
        Some(_) => first_with_role(pool, Role::Curator, org).await?,
        None => None,
    };
    let no_name = || crate::repo::pairs::NO_NAME.to_string();
    Ok(Spravka {
        scope: scope_name,
        district: org.is_none(),
        from,
        to,
        author,
        indicators: monitoring::compute(&facts, to, &targets),
        pairs: work
            .into_iter()
            .map(|w| SpravkaPair {
                id: w.id,
                org: w.org.unwrap_or_default(),
                mentor: w.mentor.unwrap_or_else(no_name),
                mentees: w.mentees.unwrap_or_else(no_name),
                has_order: w.has_order,
                meetings: w.meetings,
                minutes: w.minutes,
                last_meeting: w.last_meeting,
                plan_done: w.plan_done,
                plan_total: w.plan_total,
                overdue: w.overdue,
                sos_unanswered: w.sos_unanswered,
            })
            .collect(),
        silent_days: SILENT_DAYS,
    })
}

/// A bank's title (the school's name or the district's) and time zone.
async fn bank_scope(pool: &Pool, org: Option<i64>, c: Context) -> Result<(String, Tz), DocError> {
    let tz = org_tz(pool, org, c.default_tz).await?;
    let scope = match org {
        Some(id) => orgs::get(pool, id).await?.ok_or(DocError::NotFound)?.name,
        None => tr!(c.lang, "report-district"),
    };
    Ok((scope, tz))
}

/// A bank with its rows; `Empty` without any (no empty file is made).
fn bank<R>(scope: String, as_of: NaiveDate, rows: Vec<R>) -> Result<Bank<R>, DocError> {
    if rows.is_empty() {
        return Err(DocError::Empty);
    }
    Ok(Bank { scope, as_of, rows })
}

pub async fn mentor_bank(
    pool: &Pool,
    org: Option<i64>,
    c: Context,
) -> Result<Bank<MentorRow>, DocError> {
    let (scope, tz) = bank_scope(pool, org, c).await?;
    let rows = docrepo::mentor_bank(pool, org)
        .await?
        .into_iter()
        .map(|r| MentorRow {
            name: r
                .name
                .unwrap_or_else(|| crate::repo::pairs::NO_NAME.to_string()),
            org: r.org.unwrap_or_default(),
            position: r.position,
            experience: r.experience_years,
            competences: parse_list(&r.competences, Area::from_code),
            forms: parse_list(&r.forms, Form::from_code),
            capacity: r.capacity,
            load: r.load,
            status: r.status,
            consent: local(r.consent_at, tz),
            updated: local(r.updated_at, tz),
        })
        .collect();
    bank(scope, local(c.now, tz).date(), rows)
}

pub async fn mentee_bank(
    pool: &Pool,
    org: Option<i64>,
    c: Context,
) -> Result<Bank<MenteeRow>, DocError> {
    let (scope, tz) = bank_scope(pool, org, c).await?;
    let rows = docrepo::mentee_bank(pool, org)
        .await?
        .into_iter()
        .map(|r| MenteeRow {
            name: r
                .name
                .unwrap_or_else(|| crate::repo::pairs::NO_NAME.to_string()),
            org: r.org.unwrap_or_default(),
            position: r.position,
            experience: r.experience_years,
            category: MenteeCategory::from_code(&r.category).unwrap_or(MenteeCategory::Other),
            areas: parse_list(&r.areas, Area::from_code),
            mentor: r.mentor,
            consent: r.consent_at.map(|t| local(t, tz)),
            updated: local(r.updated_at, tz),
        })
        .collect();
    bank(scope, local(c.now, tz).date(), rows)
}

pub async fn consent(pool: &Pool, user_id: i64, c: Context) -> Result<ConsentRecord, DocError> {
    let user = users::by_id(pool, user_id)
        .await?
        .filter(|u| u.has_consent())
        .ok_or(DocError::NotFound)?;
    let tz = org_tz(pool, user.org_id, c.default_tz).await?;
    let mut roles: Vec<Role> = users::roles(pool, user_id)
        .await?
        .into_iter()
        .map(|g| g.role)
        .collect();
    roles.sort();
    roles.dedup();
    Ok(ConsentRecord {
        name: user.display_name(),
        org: match user.org_id {
            Some(_) => Some(org_name(pool, user.org_id).await?),
            None => None,
        },
        roles,
        personal_data: user.consent_at.map(|t| local(t, tz)),
        registered: user.registered_at.map(|t| local(t, tz)),
        mentor: profiles::mentor(pool, user_id)
            .await?
            .map(|m| local(m.consent_at, tz)),
        mentee_profile: profiles::mentee(pool, user_id)
            .await?
            .map(|m| local(m.confirmed_at, tz)),
        as_of: local(c.now, tz),
    })
}

/// Makes a document of `kind` about `subject`.
pub async fn make(pool: &Pool, kind: Kind, subject: Subject, c: Context) -> Result<Doc, DocError> {
    let lang = c.lang;
    let bytes = match (kind, subject) {
        (Kind::Programme, Subject::Pair(id)) => {
            build::programme(lang, &programme(pool, id, c).await?)?
        }
        (Kind::Adaptation, Subject::Pair(id)) => {
            build::pair_report(lang, &adaptation(pool, id, c).await?)?
        }
        (Kind::Final, Subject::Pair(id)) => {
            build::pair_report(lang, &final_report(pool, id, c).await?)?
        }
        (Kind::OrderDraft, Subject::Org(org, _)) => {
            build::order_draft(lang, &order_draft(pool, org, c).await?)?
        }
        (Kind::Spravka, Subject::Org(org, Some((from, to)))) => {
            build::spravka(lang, &spravka(pool, Some(org), from, to, c).await?)?
        }
        (Kind::Spravka, Subject::District(Some((from, to)))) => {
            build::spravka(lang, &spravka(pool, None, from, to, c).await?)?
        }
        (Kind::Mentors, Subject::Org(org, _)) => {
            banks::mentors(lang, &mentor_bank(pool, Some(org), c).await?)?
        }
        (Kind::Mentors, Subject::District(_)) => {
            banks::mentors(lang, &mentor_bank(pool, None, c).await?)?
        }
        (Kind::Mentees, Subject::Org(org, _)) => {
            banks::mentees(lang, &mentee_bank(pool, Some(org), c).await?)?
        }
        (Kind::Mentees, Subject::District(_)) => {
            banks::mentees(lang, &mentee_bank(pool, None, c).await?)?
        }
        (Kind::Consent, Subject::Person(id)) => build::consent(lang, &consent(pool, id, c).await?)?,
        _ => return Err(DocError::Mismatch),
    };
    Ok(Doc {
        file_name: kind.file_name(&subject),
        bytes,
    })
}
