//! Reminders and digests: one pass = snapshot → pure planner → record each key → send through
//! the shared Notifier (its pacer). The scheduler runs a pass every few minutes; `nastavnik
//! tick --now …` and the console run one pass as if it were another time.
//!
//! Exactly once. Each reminder's key (kind, subject, period, recipient) is recorded in
//! `reminders_sent` before anything is sent:
//!   queued → sending (handed to Telegram) → sent | unreachable (403).
//! * Telegram answered with an error (nothing delivered) → the row is removed, a later pass
//!   sends it again while it is still relevant.
//! * A network failure with an unknown outcome → 'unknown', never sent again.
//! * After a restart (`recover`, called by `app::start`), for every kind alike:
//!   'queued' rows never reached Telegram → released; the next pass sends them if still
//!   relevant (each kind's relevance: `Kind::relevance`, e.g. digests 2–3 days, deadline nudges
//!   2–7 days) or records them as 'dropped' with a log line;
//!   'sending' rows may have been delivered → 'unknown', never sent again (a digest or a nudge
//!   is never sent twice; at worst one is lost, and the next period's reminder covers it).

use super::action::journal::{PlanAction, SosAction};
use super::action::meetings::MeetingAction;
use super::action::pairs::{PairAction, PetitionAction, ResignationAction};
use super::action::reminders::{BankAskAction, CalendarAction, SettingsAction, StageAction};
use super::action::requests::RequestAction;
use super::actor::Actor;
use super::commands::{Command, ParsedCommand};
use super::format::date;
use super::notify::{classify, Failure, Notifier};
use super::reply::{markup, Button};
use super::ui::{self, Answered, Callback};
use super::{Ctx, HandlerError, HandlerResult};
use crate::config::Config;
use crate::domain::reminders::{
    self as planner, Arg, Audience, Kind, Reminder, ReminderState, Window, TOPICS,
};
use crate::domain::Role;
use crate::i18n::{I18n, Lang};
use crate::repo::reminders::{self as store, DigestPeriod, OrgDigest};
use crate::repo::{orgs, Pool};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fluent_bundle::FluentValue;
use futures::StreamExt;
use std::collections::HashMap;
use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;
use teloxide::RequestError;

/// What one pass did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PassReport {
    pub sent: usize,
    pub deferred: usize,
    pub dropped: usize,
    pub unreachable: usize,
    /// Telegram refused; a later pass retries.
    pub retry: usize,
    /// Outcome unknown (network failure mid-request); never retried.
    pub unknown: usize,
}

impl std::fmt::Display for PassReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "sent {}, deferred (quiet hours) {}, dropped {}, unreachable {}, to retry {}, unknown {}",
            self.sent, self.deferred, self.dropped, self.unreachable, self.retry, self.unknown
        )
    }
}

/// Passes never overlap within a process (the scheduler, /stage and the console share it).
static PASS_LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// One pass at `now` for a running bot (the console's `:time +7d` calls this).
pub async fn run_pass(ctx: &Ctx, now: DateTime<Utc>) -> anyhow::Result<PassReport> {
    run_pass_with(&ctx.pool, &ctx.notifier, &ctx.config, now).await
}

/// One pass at `now`: plans, records and sends everything due; returns when all is sent.
pub async fn run_pass_with(
    pool: &Pool,
    notifier: &Notifier,
    config: &Config,
    now: DateTime<Utc>,
) -> anyhow::Result<PassReport> {
    let _guard = PASS_LOCK.lock().await;
    let rules = &config.reminders.rules;
    let snapshot = store::snapshot(pool, config.district.tz, rules, now).await?;
    let plan = planner::plan(&snapshot, rules, now);
    let mut report = PassReport {
        deferred: plan.deferred.len(),
        ..Default::default()
    };

    let stale: Vec<&Reminder> = plan.stale.iter().collect();
    for (r, id) in stale
        .iter()
        .zip(store::claim(pool, &stale, ReminderState::Dropped, now).await?)
    {
        if id.is_some() {
            report.dropped += 1;
            tracing::info!(kind = r.kind.code(), subject = r.subject, period = %r.period, recipient = r.recipient, due = %r.due, "reminder no longer relevant; dropped");
        }
    }
    let due: Vec<&Reminder> = plan.due.iter().collect();
    let claimed: Vec<(&Reminder, i64)> = due
        .iter()
        .zip(store::claim(pool, &due, ReminderState::Queued, now).await?)
        .filter_map(|(r, id)| id.map(|id| (*r, id)))
        .collect();
    // for `nastavnik stats` and the doctor: the scheduler is alive
    crate::repo::ops::set_time(pool, crate::repo::ops::LAST_PASS, now, now).await?;
    if claimed.is_empty() {
        return Ok(report);
    }
    let reminders: Vec<&Reminder> = claimed.iter().map(|(r, _)| *r).collect();
    let mut digests = Digests::load(pool, rules, config.district.tz, &reminders, now).await?;
    digests.district = config.district.name.clone();
    // the pacer spaces the actual sends; this only bounds the number of waiting futures
    let mut sends = Vec::with_capacity(claimed.len());
    for (r, id) in &claimed {
        sends.push(deliver(pool, notifier, r, *id, &digests, now));
    }
    let outcomes: Vec<Outcome> = futures::stream::iter(sends)
        .buffer_unordered(64)
        .collect()
        .await;
    for o in outcomes {
        match o {
            Outcome::Sent => report.sent += 1,
            Outcome::Unreachable => report.unreachable += 1,
            Outcome::Retry => report.retry += 1,
            Outcome::Unknown => report.unknown += 1,
        }
    }
    tracing::info!(%report, "reminder pass");
    Ok(report)
}

/// Called once at start-up: decides the fate of rows a crash left behind (see the module docs).
pub async fn recover(pool: &Pool, now: DateTime<Utc>) -> sqlx::Result<()> {
    for (kind, state, n) in store::recover(pool, now).await? {
        if state == ReminderState::Queued {
            tracing::info!(
                kind,
                n,
                "reminders claimed but never handed to Telegram: planned again if still relevant"
            );
        } else {
            tracing::warn!(
                kind,
                n,
                "reminders interrupted while sending: may have been delivered, never sent again"
            );
        }
    }
    Ok(())
}

enum Outcome {
    Sent,
    Unreachable,
    Retry,
    Unknown,
}

async fn deliver(
    pool: &Pool,
    notifier: &Notifier,
    r: &Reminder,
    id: i64,
    digests: &Digests,
    now: DateTime<Utc>,
) -> Outcome {
    if r.kind == Kind::SurveyExit {
        return deliver_exit_survey(pool, notifier, r, id, now).await;
    }
    let lang = notifier.lang_of(r.recipient).await;
    let (text, kb) = render(lang, r, digests);
    if let Err(e) = store::set_state(pool, id, ReminderState::Sending, now).await {
        tracing::error!(error = %e, "cannot record a reminder as sending; not sent");
        let _ = store::release(pool, id).await;
        return Outcome::Retry;
    }
    let (outcome, state) = match send_long(notifier, r.recipient, text, kb).await {
        Ok(true) => (Outcome::Sent, ReminderState::Sent),
        Ok(false) => (Outcome::Unreachable, ReminderState::Unreachable),
        Err(e) if nothing_delivered(&e) => {
            tracing::warn!(error = %e, kind = r.kind.code(), recipient = r.recipient, "reminder refused by Telegram; will retry");
            let _ = store::release(pool, id).await;
            return Outcome::Retry;
        }
        Err(e) => {
            tracing::warn!(error = %e, kind = r.kind.code(), recipient = r.recipient, "reminder outcome unknown; not retried");
            (Outcome::Unknown, ReminderState::Unknown)
        }
    };
    if let Err(e) = store::set_state(pool, id, state, now).await {
        tracing::error!(error = %e, "cannot record a reminder's outcome");
    }
    outcome
}

/// An ended pair's exit survey: opened and queued in the outbox at once (the outbox sends it,
/// exactly once); the key is settled as sent — or released if the database failed.
async fn deliver_exit_survey(
    pool: &Pool,
    notifier: &Notifier,
    r: &Reminder,
    id: i64,
    now: DateTime<Utc>,
) -> Outcome {
    match super::monitoring::offer_exit(pool, notifier, r.subject, r.recipient, now).await {
        Ok(_) => {
            if let Err(e) = store::set_state(pool, id, ReminderState::Sent, now).await {
                tracing::error!(error = %e, "cannot record a reminder's outcome");
            }
            Outcome::Sent
        }
        Err(e) => {
            tracing::warn!(error = %e, pair = r.subject, recipient = r.recipient, "exit survey not queued; will retry");
            let _ = store::release(pool, id).await;
            Outcome::Retry
        }
    }
}

/// Errors after which Telegram surely did not deliver the message (a later pass may retry).
fn nothing_delivered(e: &RequestError) -> bool {
    matches!(
        classify(e),
        Failure::Retry | Failure::Refused | Failure::Migrated(_)
    )
}

/// Sends a text that may be longer than one message (split at paragraph and line breaks).
/// `Ok(false)`: the person is unreachable (never retried: the row stays 'unreachable').
async fn send_long(
    notifier: &Notifier,
    user: i64,
    text: String,
    kb: Option<InlineKeyboardMarkup>,
) -> Result<bool, RequestError> {
    Ok(notifier
        .send_now_to_user(user, &text, kb.as_ref())
        .await?
        .is_some())
}

fn fluent(v: &Arg) -> FluentValue<'static> {
    match v {
        Arg::Text(s) => FluentValue::from(s.clone()),
        Arg::Num(n) => FluentValue::from(*n),
        Arg::Date(d) => FluentValue::from(date(*d)),
    }
}

fn num(r: &Reminder, name: &str) -> i64 {
    match r.arg(name) {
        Some(Arg::Num(n)) => *n,
        _ => 0,
    }
}

fn text(r: &Reminder, name: &str) -> String {
    match r.arg(name) {
        Some(Arg::Text(s)) => s.clone(),
        _ => String::new(),
    }
}

/// The title of a calendar event in the reader's language (seeded events are translated).
pub fn event_title(lang: Lang, code: Option<&str>, title: &str) -> String {
    match code.map(|c| format!("cal-{c}")) {
        Some(key) if I18n::get().has(lang, &key) => tr!(lang, &key),
        _ => title.to_string(),
    }
}

fn stage_name(lang: Lang, stage: i64) -> String {
    tr!(lang, &format!("stage-{}", stage.clamp(1, 7)))
}

/// A stage's checklist (see `domain::stages::encode`): a line per kind, in the checklist's
/// order — «• пары без плана: №3 (…), №5 (…)», at most 10 names, then how many more.
pub fn todo_lines(lang: Lang, encoded: &str) -> String {
    const SHOWN: usize = 10;
    let items = crate::domain::stages::decode(encoded);
    let mut kinds: Vec<crate::domain::stages::TodoKind> = items.iter().map(|(k, _)| *k).collect();
    kinds.sort();
    kinds.dedup();
    kinds
        .into_iter()
        .map(|kind| {
            let label = tr!(lang, &format!("stage-todo-{}", kind.code()));
            let names: Vec<&str> = items
                .iter()
                .filter(|(k, n)| *k == kind && !n.is_empty())
                .map(|(_, n)| n.as_str())
                .collect();
            if names.is_empty() {
                return format!("• {label}");
            }
            let mut shown: Vec<String> = names.iter().take(SHOWN).map(|n| n.to_string()).collect();
            if names.len() > SHOWN {
                shown.push(tr!(
                    lang,
                    "stage-todo-more",
                    count = (names.len() - SHOWN) as i64
                ));
            }
            format!("• {label}: {}", shown.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text and buttons of a reminder, in the recipient's language.
pub fn render(
    lang: Lang,
    r: &Reminder,
    digests: &Digests,
) -> (String, Option<InlineKeyboardMarkup>) {
    let mut args: Vec<(&str, FluentValue)> = r.args.iter().map(|(k, v)| (*k, fluent(v))).collect();
    let key = format!("rem-{}", r.kind.code());
    let one = |label: String, action: super::action::Action| {
        Some(markup(vec![vec![Button::new(label, action)]]))
    };
    match r.kind {
        Kind::DigestWeekly => {
            return (
                format!("{}\n\n{}", tr!(lang, &key), digests.text(lang, r)),
                None,
            )
        }
        Kind::DigestMonthly => {
            return (
                format!(
                    "{}\n\n{}",
                    monthly_title(lang, digests.district.as_deref()),
                    digests.text(lang, r)
                ),
                None,
            )
        }
        Kind::CalendarOpen | Kind::CalendarClosing => {
            let code = text(r, "code");
            args.push((
                "title",
                FluentValue::from(event_title(
                    lang,
                    Some(&code).filter(|c| !c.is_empty()).map(|c| c.as_str()),
                    &text(r, "title"),
                )),
            ));
        }
        Kind::SosRemind | Kind::SosMorning | Kind::SosEscalate => {
            args.push((
                "wait",
                FluentValue::from(super::format::wait_text(lang, num(r, "waited"))),
            ));
        }
        Kind::SurveyRemind => {
            args.push((
                "title",
                FluentValue::from(crate::texts::survey_title(lang, &text(r, "survey"))),
            ));
        }
        Kind::MeetingEve | Kind::MeetingSoon | Kind::MeetingAsk => {
            let starts =
                chrono::NaiveDateTime::parse_from_str(&text(r, "starts"), "%Y-%m-%dT%H:%M")
                    .unwrap_or_default();
            let today = r.due.with_timezone(&r.tz).date_naive();
            args.push((
                "when",
                FluentValue::from(super::meetings::when_text(lang, starts, today)),
            ));
            args.push((
                "duration",
                FluentValue::from(super::format::wait_text(lang, num(r, "minutes"))),
            ));
        }
        Kind::StageEnter | Kind::StageWeekly => {
            let stage = num(r, "stage");
            args.push(("name", FluentValue::from(stage_name(lang, stage))));
            args.push((
                "need",
                FluentValue::from(tr!(lang, &format!("stage-need-{}", stage.clamp(1, 7)))),
            ));
        }
        _ => {}
    }
    let mut out = I18n::get().text(lang, &key, &args);
    if matches!(r.kind, Kind::StageEnter | Kind::StageWeekly) && num(r, "count") > 0 {
        out.push_str(&format!(
            "\n\n{}\n{}",
            tr!(lang, "rem-stage-todo", count = num(r, "count")),
            todo_lines(lang, &text(r, "todo"))
        ));
    }
    let pair = num(r, "pair");
    let kb = match r.kind {
        Kind::ProposalRemind => Some(markup(vec![vec![
            Button::new(tr!(lang, "btn-accept"), RequestAction::Accept(r.subject)),
            Button::new(
                tr!(lang, "btn-decline"),
                RequestAction::Decline(r.subject, None),
            ),
        ]])),
        Kind::ProposalEscalate => one(
            tr!(lang, "btn-open-request"),
            RequestAction::Open(num(r, "request")).into(),
        ),
        Kind::PetitionPending => one(
            tr!(lang, "rem-btn-open"),
            PetitionAction::Open(r.subject).into(),
        ),
        Kind::ResignationPending => one(
            tr!(lang, "rem-btn-open"),
            ResignationAction::Open(r.subject).into(),
        ),
        Kind::EndSoon => Some(markup(vec![vec![
            Button::new(tr!(lang, "btn-pair-extend"), PairAction::Extend(pair)),
            Button::new(tr!(lang, "btn-pair-end"), PairAction::End(pair)),
        ]])),
        // a deadline nudge to the mentee carries «Выполнено» and «Перенести срок» (a proposal
        // the mentor confirms); the mentor's overdue note, «Перенести срок» (at once)
        Kind::PlanDue => Some(markup(vec![vec![
            Button::new(
                tr!(
                    lang,
                    "btn-plan-submit",
                    title = super::format::short(&text(r, "title"))
                ),
                PlanAction::Submit(r.subject),
            ),
            super::plan_edit::deadline_button(lang, r.subject),
        ]])),
        Kind::PlanOverdue if text(r, "role") == "mentee" => Some(markup(vec![vec![
            Button::new(
                tr!(
                    lang,
                    "btn-plan-submit",
                    title = super::format::short(&text(r, "title"))
                ),
                PlanAction::Submit(r.subject),
            ),
            super::plan_edit::deadline_button(lang, r.subject),
        ]])),
        Kind::PlanOverdue => Some(markup(vec![vec![super::plan_edit::deadline_button(
            lang, r.subject,
        )]])),
        Kind::PlanUnchecked => one(
            tr!(
                lang,
                "btn-plan-check",
                title = super::format::short(&text(r, "title"))
            ),
            PlanAction::Check(r.subject).into(),
        ),
        Kind::SosRemind | Kind::SosMorning => one(
            tr!(lang, "btn-sos-answer"),
            SosAction::Answer(r.subject).into(),
        ),
        Kind::EndSoonCurator | Kind::EndOverdue | Kind::SilentCurator | Kind::SosEscalate => one(
            tr!(lang, "rem-btn-open-pair"),
            PairAction::Open(pair).into(),
        ),
        Kind::StageEnter | Kind::StageWeekly => one(
            tr!(lang, "rem-btn-stage"),
            StageAction::Open(r.subject).into(),
        ),
        Kind::BankAsk => Some(markup(vec![vec![
            Button::new(tr!(lang, "bk-btn-ok"), BankAskAction::Confirm),
            Button::new(tr!(lang, "bk-btn-edit"), BankAskAction::Edit),
        ]])),
        Kind::MeetingEve | Kind::MeetingSoon => Some(markup(vec![vec![
            Button::new(
                tr!(lang, "btn-meeting-move"),
                MeetingAction::Move(r.subject),
            ),
            Button::new(
                tr!(lang, "btn-meeting-cancel"),
                MeetingAction::Cancel(r.subject),
            ),
        ]])),
        Kind::MeetingAsk => Some(markup(vec![
            vec![Button::new(
                tr!(
                    lang,
                    "btn-meeting-held",
                    duration = super::format::wait_text(lang, num(r, "minutes"))
                ),
                MeetingAction::Held(r.subject),
            )],
            vec![
                Button::new(
                    tr!(lang, "btn-meeting-move"),
                    MeetingAction::Move(r.subject),
                ),
                Button::new(
                    tr!(lang, "btn-meeting-missed"),
                    MeetingAction::Missed(r.subject),
                ),
            ],
        ])),
        Kind::SurveyRemind => {
            let action =
                super::action::Action::from(super::action::surveys::SurveyAction::Resume(pair));
            one(tr!(lang, "sa-btn-continue"), action)
        }
        _ => None,
    };
    (out, kb)
}

// ---- digests -----------------------------------------------------------------------------

/// Digest numbers computed once per pass for every organization (one set of queries per
/// time zone, not per curator).
#[derive(Default)]
pub struct Digests {
    weekly: HashMap<i64, OrgDigest>,
    monthly: Vec<OrgDigest>,
    loaded: usize,
    /// The district's name (`DISTRICT_NAME`) for the monthly digest's title.
    pub district: Option<String>,
}

impl Digests {
    /// The digests the claimed reminders need: the weekly numbers once per time zone among
    /// them, the district's monthly numbers once if a monthly digest is among them.
    pub async fn load(
        pool: &Pool,
        rules: &planner::Rules,
        default_tz: Tz,
        claimed: &[&Reminder],
        now: DateTime<Utc>,
    ) -> sqlx::Result<Digests> {
        let mut d = Digests::default();
        let mut zones: Vec<Tz> = claimed
            .iter()
            .filter(|r| r.kind == Kind::DigestWeekly)
            .map(|r| r.tz)
            .collect();
        zones.sort_by_key(|z| z.name());
        zones.dedup();
        for tz in zones {
            let period = DigestPeriod::week(planner::today(tz, now), now);
            for o in store::digest(pool, None, period, rules).await? {
                d.weekly.insert(o.org_id, o);
            }
            d.loaded += 1;
        }
        if claimed.iter().any(|r| r.kind == Kind::DigestMonthly) {
            d.monthly = store::digest(
                pool,
                None,
                DigestPeriod::month(planner::today(default_tz, now), now),
                rules,
            )
            .await?;
            d.loaded += 1;
        }
        Ok(d)
    }

    /// How many full-district digests were computed.
    pub fn loaded(&self) -> usize {
        self.loaded
    }

    fn text(&self, lang: Lang, r: &Reminder) -> String {
        match r.kind {
            Kind::DigestMonthly => district_text(lang, &self.monthly),
            _ => self
                .weekly
                .get(&r.subject)
                .map(|o| org_text(lang, o))
                .unwrap_or_default(),
        }
    }
}

fn hours(minutes: i64) -> i64 {
    (minutes + 30) / 60
}

/// The numbers of one organization as Fluent arguments (both digest texts use them).
fn digest_args(lang: Lang, o: &OrgDigest) -> Vec<(&'static str, FluentValue<'static>)> {
    vec![
        ("org", FluentValue::from(o.name.clone())),
        ("stage", FluentValue::from(o.stage)),
        ("stage_name", FluentValue::from(stage_name(lang, o.stage))),
        ("requests", FluentValue::from(o.new_requests)),
        ("proposals", FluentValue::from(o.proposals_waiting)),
        ("pairs", FluentValue::from(o.active_pairs)),
        ("no_order", FluentValue::from(o.without_order)),
        ("overdue", FluentValue::from(o.overdue_items)),
        ("silent", FluentValue::from(o.silent_pairs)),
        ("ending", FluentValue::from(o.ending)),
        ("meetings", FluentValue::from(o.meetings)),
        ("hours", FluentValue::from(hours(o.minutes))),
        ("meetings_before", FluentValue::from(o.meetings_before)),
        ("hours_before", FluentValue::from(hours(o.minutes_before))),
        ("unreachable", FluentValue::from(o.unreachable.len() as i64)),
    ]
}

/// One organization's digest (the curator's weekly one).
pub fn org_text(lang: Lang, o: &OrgDigest) -> String {
    let mut t = I18n::get().text(lang, "digest-org", &digest_args(lang, o));
    if o.waiting_requests > 0 {
        t.push('\n');
        t.push_str(&tr!(
            lang,
            "digest-waiting",
            count = o.waiting_requests,
            days = o.oldest_waiting_days
        ));
    }
    if !o.unreachable.is_empty() {
        t.push('\n');
        t.push_str(&tr!(
            lang,
            "digest-unreachable",
            names = o.unreachable.join(", ")
        ));
    }
    if o.open_sos > 0 {
        t.push('\n');
        t.push_str(&tr!(lang, "digest-sos-open", count = o.open_sos));
    }
    if o.unanswered_surveys > 0 {
        t.push('\n');
        t.push_str(&tr!(
            lang,
            "digest-surveys-unanswered",
            count = o.unanswered_surveys
        ));
    }
    if !o.awaiting_order.is_empty() {
        t.push('\n');
        t.push_str(&awaiting_order_text(lang, o));
    }
    t
}

/// «Ждут приказа: №3, №5» (at most 20 numbers, then how many more).
pub fn awaiting_order_text(lang: Lang, o: &OrgDigest) -> String {
    const SHOWN: usize = 20;
    let mut list: Vec<String> = o
        .awaiting_order
        .iter()
        .take(SHOWN)
        .map(|id| format!("№{id}"))
        .collect();
    if o.awaiting_order.len() > SHOWN {
        list.push(tr!(
            lang,
            "digest-and-more",
            count = (o.awaiting_order.len() - SHOWN) as i64
        ));
    }
    tr!(
        lang,
        "digest-awaiting-order",
        count = o.awaiting_order.len() as i64,
        pairs = list.join(", ")
    )
}

/// The head's picture of the school in one message: pairs, silent ones, overdue items,
/// decisions pending, the stage, the pairs awaiting an order.
pub fn head_text(lang: Lang, o: &OrgDigest) -> String {
    let mut args = digest_args(lang, o);
    args.push(("decisions", FluentValue::from(o.pending_decisions)));
    let mut t = I18n::get().text(lang, "digest-head", &args);
    if !o.awaiting_order.is_empty() {
        t.push('\n');
        t.push_str(&awaiting_order_text(lang, o));
    }
    t
}

/// The monthly digest's first line, with the district's name when it has one.
pub fn monthly_title(lang: Lang, district: Option<&str>) -> String {
    match district {
        Some(name) => tr!(
            lang,
            "rem-digest-monthly-named",
            district = name.to_string()
        ),
        None => tr!(lang, "rem-digest-monthly"),
    }
}

/// Every organization side by side (the coordinator's monthly digest).
pub fn district_text(lang: Lang, all: &[OrgDigest]) -> String {
    if all.is_empty() {
        return tr!(lang, "digest-none");
    }
    all.iter()
        .map(|o| I18n::get().text(lang, "digest-org-line", &digest_args(lang, o)))
        .collect::<Vec<_>>()
        .join("\n")
}

// ---- commands and buttons ------------------------------------------------------------------

/// `/stage`, `/calendar`, `/digest`, `/settings`.
pub async fn command(bot: &Bot, ctx: &Ctx, actor: &Actor, cmd: &ParsedCommand) -> HandlerResult {
    let chat = ChatId(actor.tg);
    let lang = actor.lang;
    match cmd.command {
        Some(Command::Stage) => {
            let orgs = actor.orgs_for(Role::Curator);
            if orgs.is_empty() {
                bot.send_message(chat, tr!(lang, "stage-no-orgs")).await?;
            }
            for org in orgs {
                let (text, kb) = stage_menu(ctx, lang, org).await?;
                ui::send(bot, chat, text, Some(kb)).await?;
            }
            Ok(())
        }
        Some(Command::Calendar) => calendar_command(bot, ctx, actor, &cmd.args).await,
        Some(Command::Digest) => {
            let now = ctx.now();
            let rules = &ctx.config.reminders.rules;
            let mut parts = Vec::new();
            for org in actor.orgs_for(Role::Curator) {
                let tz = orgs::get(&ctx.pool, org)
                    .await?
                    .and_then(|o| o.tz.parse::<Tz>().ok())
                    .unwrap_or(ctx.config.default_tz);
                for o in store::digest(
                    &ctx.pool,
                    Some(org),
                    DigestPeriod::week(planner::today(tz, now), now),
                    rules,
                )
                .await?
                {
                    parts.push(format!(
                        "{}\n\n{}",
                        tr!(lang, "rem-digest-weekly"),
                        org_text(lang, &o)
                    ));
                }
            }
            // the head's picture of each school they lead
            for org in actor.orgs_for(Role::Head) {
                let tz = orgs::get(&ctx.pool, org)
                    .await?
                    .and_then(|o| o.tz.parse::<Tz>().ok())
                    .unwrap_or(ctx.config.default_tz);
                for o in store::digest(
                    &ctx.pool,
                    Some(org),
                    DigestPeriod::week(planner::today(tz, now), now),
                    rules,
                )
                .await?
                {
                    parts.push(head_text(lang, &o));
                }
            }
            if actor.has(Role::Coordinator) {
                let all = store::digest(
                    &ctx.pool,
                    None,
                    DigestPeriod::month(planner::today(ctx.config.district.tz, now), now),
                    rules,
                )
                .await?;
                parts.push(format!(
                    "{}\n\n{}",
                    monthly_title(lang, ctx.config.district.name.as_deref()),
                    district_text(lang, &all)
                ));
            }
            if actor.has(Role::Admin) {
                parts.push(super::orgs::stats_text(ctx, lang).await?);
            }
            for p in parts {
                ui::send(bot, chat, p, None).await?;
            }
            Ok(())
        }
        Some(Command::Settings) => {
            let me = actor.registered_user().ok_or("not registered")?;
            let kb = settings_keyboard(lang, &store::mutes_of(&ctx.pool, me.id).await?);
            bot.send_message(chat, tr!(lang, "settings-header"))
                .reply_markup(kb)
                .await?;
            Ok(())
        }
        _ => Ok(()),
    }
}

fn settings_keyboard(lang: Lang, muted: &[String]) -> InlineKeyboardMarkup {
    let rows = TOPICS
        .iter()
        .map(|t| {
            let topic = tr!(lang, &format!("topic-{t}"));
            let label = if muted.iter().any(|m| m == t) {
                tr!(lang, "settings-off", topic = topic)
            } else {
                tr!(lang, "settings-on", topic = topic)
            };
            vec![Button::new(label, SettingsAction::Toggle(t))]
        })
        .collect();
    markup(rows)
}

async fn stage_menu(
    ctx: &Ctx,
    lang: Lang,
    org: i64,
) -> Result<(String, InlineKeyboardMarkup), HandlerError> {
    let o = orgs::get(&ctx.pool, org)
        .await?
        .ok_or("no such organization")?;
    let rows = (1..=7)
        .map(|n| {
            let mark = if n == o.stage { "▶️ " } else { "" };
            vec![Button::new(
                format!("{mark}{n}. {}", stage_name(lang, n)),
                StageAction::Set { org, stage: n },
            )]
        })
        .collect();
    Ok((
        tr!(
            lang,
            "stage-choose",
            org = o.name.clone(),
            stage = o.stage,
            name = stage_name(lang, o.stage)
        ),
        markup(rows),
    ))
}

async fn calendar_text(
    ctx: &Ctx,
    lang: Lang,
) -> Result<(String, InlineKeyboardMarkup), HandlerError> {
    let events = store::calendar(&ctx.pool).await?;
    if events.is_empty() {
        return Ok((
            format!(
                "{}\n\n{}",
                tr!(lang, "calendar-empty"),
                tr!(lang, "calendar-help")
            ),
            markup(vec![]),
        ));
    }
    let mut text = tr!(lang, "calendar-header");
    let mut buttons = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let n = (i + 1) as i64;
        text.push('\n');
        text.push_str(&calendar_line(lang, n, e));
        buttons.push(Button::new(
            tr!(lang, "calendar-btn-remove", n = n),
            CalendarAction::Remove(e.id),
        ));
    }
    text.push_str(&format!("\n\n{}", tr!(lang, "calendar-help")));
    Ok((
        text,
        markup(buttons.chunks(5).map(|c| c.to_vec()).collect()),
    ))
}

/// One event as a line of text (the bot and the command line).
pub fn calendar_line(lang: Lang, n: i64, e: &planner::CalendarEvent) -> String {
    let md = |(m, d): (u32, u32)| format!("{d:02}.{m:02}");
    let mut who = Vec::new();
    for (on, key) in [
        (e.audience.curators, "audience-curators"),
        (e.audience.coordinator, "audience-coordinator"),
        (e.audience.mentors, "audience-mentors"),
    ] {
        if on {
            who.push(tr!(lang, key));
        }
    }
    tr!(
        lang,
        "calendar-line",
        n = n,
        title = event_title(lang, e.code.as_deref(), &e.title),
        from = md(e.window.start),
        to = md(e.window.end),
        audience = who.join(", ")
    )
}

/// Parses `/calendar add 01.02-31.03 кураторы,наставники Название`.
pub fn parse_add(args: &str) -> Option<(Window, Audience, String)> {
    let mut it = args.trim().splitn(3, char::is_whitespace);
    let window = Window::parse(it.next()?)?;
    let audience = Audience::parse(it.next()?)?;
    let title = it.next()?.trim().to_string();
    (!title.is_empty() && title.chars().count() <= 200).then_some((window, audience, title))
}

async fn calendar_command(bot: &Bot, ctx: &Ctx, actor: &Actor, args: &str) -> HandlerResult {
    let chat = ChatId(actor.tg);
    let lang = actor.lang;
    let (verb, rest) = args
        .trim()
        .split_once(char::is_whitespace)
        .unwrap_or((args.trim(), ""));
    match verb {
        "add" | "добавить" => match parse_add(rest) {
            Some((window, audience, title)) => {
                store::add_event(&ctx.pool, &title, audience, window, ctx.now()).await?;
                let md = |(m, d): (u32, u32)| format!("{d:02}.{m:02}");
                bot.send_message(
                    chat,
                    tr!(
                        lang,
                        "calendar-added",
                        title = title,
                        from = md(window.start),
                        to = md(window.end)
                    ),
                )
                .await?;
            }
            None => {
                bot.send_message(chat, tr!(lang, "calendar-bad-add"))
                    .await?;
            }
        },
        "remove" | "удалить" => {
            let events = store::calendar(&ctx.pool).await?;
            let n = rest
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n >= 1 && *n <= events.len());
            match n {
                Some(n) => {
                    store::remove_event(&ctx.pool, events[n - 1].id).await?;
                    bot.send_message(chat, tr!(lang, "calendar-removed"))
                        .await?;
                }
                None => {
                    bot.send_message(chat, tr!(lang, "calendar-bad-add"))
                        .await?;
                }
            }
        }
        _ => {
            let (text, mut kb) = calendar_text(ctx, lang).await?;
            // the events held this school year, and «Отметить проведённое мероприятие»
            let (held, buttons) = super::events::section(ctx, lang).await?;
            let rows: Vec<Vec<super::reply::Button>> =
                buttons.chunks(4).map(|c| c.to_vec()).collect();
            kb.inline_keyboard
                .extend(super::reply::markup(rows).inline_keyboard);
            ui::send(bot, chat, format!("{text}\n\n{held}"), Some(kb)).await?;
        }
    }
    Ok(())
}

/// Buttons: `st:` stage, `cal:` calendar, `set:` settings, `bk:` the annual update.
/// `/settings`, `/stage`, `/calendar` and the mentor base's yearly check, already authorized.
pub async fn on_settings_action(
    cb: &Callback<'_>,
    SettingsAction::Toggle(topic): SettingsAction,
) -> Result<Answered, HandlerError> {
    let Some(me) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    let pool = &cb.ctx.pool;
    store::toggle_mute(pool, me.id, topic).await?;
    let kb = settings_keyboard(cb.lang(), &store::mutes_of(pool, me.id).await?);
    ui::edit_keyboard(
        cb.bot,
        cb.chat(),
        teloxide::types::MessageId(cb.message_id),
        kb,
    )
    .await?;
    Ok(Answered::NotYet)
}

pub async fn on_stage_action(
    cb: &Callback<'_>,
    action: StageAction,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let pool = &cb.ctx.pool;
    match action {
        StageAction::Open(org) => {
            let (text, kb) = stage_menu(cb.ctx, lang, org).await?;
            ui::send(cb.bot, cb.chat(), text, Some(kb)).await?;
            Ok(Answered::NotYet)
        }
        StageAction::Set { org, stage } => {
            let now = cb.ctx.now();
            store::set_stage(pool, org, stage, now).await?;
            let o = orgs::get(pool, org).await?.ok_or("no such organization")?;
            cb.edit(
                tr!(
                    lang,
                    "stage-set",
                    org = o.name.clone(),
                    stage = o.stage,
                    name = stage_name(lang, o.stage)
                ),
                None,
            )
            .await?;
            cb.answer(None).await?;
            // the note on what the stage needs goes out now (recorded, so the pass will not repeat it)
            if let Err(e) = run_pass(cb.ctx, now).await {
                tracing::warn!(error = %e, "reminder pass after a stage change failed");
            }
            Ok(Answered::Done)
        }
    }
}

pub async fn on_calendar_action(
    cb: &Callback<'_>,
    CalendarAction::Remove(id): CalendarAction,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    store::remove_event(&cb.ctx.pool, id).await?;
    let (text, kb) = calendar_text(cb.ctx, lang).await?;
    cb.edit(text, Some(kb)).await?;
    Ok(cb.answer(Some(tr!(lang, "calendar-removed"))).await?)
}

pub async fn on_bank_ask_action(
    cb: &Callback<'_>,
    action: BankAskAction,
) -> Result<Answered, HandlerError> {
    let Some(me) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    match action {
        BankAskAction::Confirm => {
            let key = if store::confirm_profiles(&cb.ctx.pool, me.id, cb.ctx.now()).await? > 0 {
                "bk-confirmed"
            } else {
                "bk-nothing"
            };
            cb.edit(tr!(cb.lang(), key), None).await?;
            Ok(cb.answer(None).await?)
        }
        BankAskAction::Edit => {
            cb.clear_keyboard().await?;
            super::profile::show_card(cb.bot, cb.ctx, cb.actor, None).await?;
            Ok(Answered::NotYet)
        }
    }
}

// ---- the scheduler ---------------------------------------------------------------------------

/// Starts the background passes: one shortly after start-up (what fell due while the bot was
/// down), then every `interval`. Stop it with `shutdown` (app::RunningBot::stop does).
pub async fn start_scheduler(
    ctx: std::sync::Arc<Ctx>,
) -> anyhow::Result<tokio_cron_scheduler::JobScheduler> {
    use tokio_cron_scheduler::{Job, JobScheduler};
    let sched = JobScheduler::new().await?;
    let first = ctx.config.reminders.first_pass_after;
    let every = ctx.config.reminders.interval;
    let pass = move |ctx: std::sync::Arc<Ctx>| async move {
        match run_pass(&ctx, ctx.now()).await {
            Ok(r) if r != PassReport::default() => tracing::debug!(%r, "scheduled reminder pass"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "reminder pass failed"),
        }
    };
    let c = ctx.clone();
    sched
        .add(Job::new_one_shot_async(first, move |_, _| {
            Box::pin(pass(c.clone()))
        })?)
        .await?;
    let c = ctx.clone();
    sched
        .add(Job::new_repeated_async(every, move |_, _| {
            Box::pin(pass(c.clone()))
        })?)
        .await?;
    sched.start().await?;
    Ok(sched)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn reminder(kind: Kind, args: Vec<(&'static str, Arg)>) -> Reminder {
        Reminder {
            kind,
            subject: 7,
            period: "-".into(),
            recipient: 1,
            tz: chrono_tz::Europe::Moscow,
            due: Utc::now(),
            args,
        }
    }

    fn data(kb: Option<teloxide::types::InlineKeyboardMarkup>) -> Vec<String> {
        kb.map(|k| {
            k.inline_keyboard
                .into_iter()
                .flatten()
                .filter_map(|b| match b.kind {
                    teloxide::types::InlineKeyboardButtonKind::CallbackData(d) => Some(d),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
    }

    #[test]
    fn sos_and_deadline_reminders_read_well_and_carry_their_buttons() {
        let d = Digests::default();
        let args = vec![
            ("mentee", Arg::Text("Иванова М. П.".into())),
            ("mentor", Arg::Text("Петрова А. С.".into())),
            ("question", Arg::Text("Как быть?".into())),
            ("waited", Arg::Num(31680)),
            ("pair", Arg::Num(3)),
        ];
        let (text, kb) = render(Lang::Ru, &reminder(Kind::SosEscalate, args.clone()), &d);
        assert!(text.contains("остаётся без ответа 22 дня"), "{text}");
        assert_eq!(data(kb), vec!["pr:open:3"]);
        let (text, kb) = render(Lang::Ru, &reminder(Kind::SosRemind, args), &d);
        assert!(text.contains("ждёт ответа уже 22 дня"), "{text}");
        assert_eq!(data(kb), vec!["so:ans:7"]);
        let due = vec![
            ("title", Arg::Text("План урока".into())),
            (
                "deadline",
                Arg::Date(chrono::NaiveDate::from_ymd_opt(2026, 9, 10).unwrap()),
            ),
            ("days", Arg::Num(2)),
        ];
        assert_eq!(
            data(render(Lang::Ru, &reminder(Kind::PlanDue, due.clone()), &d).1),
            vec!["pl:sub:7", "pe:d:7"]
        );
        let mut late = due.clone();
        late.push(("mentee", Arg::Text("Иванова".into())));
        late.push(("role", Arg::Text("mentor".into())));
        assert_eq!(
            data(render(Lang::Ru, &reminder(Kind::PlanOverdue, late.clone()), &d).1),
            vec!["pe:d:7"],
            "the mentor does not hand it in, but moves the deadline"
        );
        late.pop();
        late.push(("role", Arg::Text("mentee".into())));
        assert_eq!(
            data(render(Lang::Ru, &reminder(Kind::PlanOverdue, late), &d).1),
            vec!["pl:sub:7", "pe:d:7"]
        );
    }

    #[test]
    fn every_kind_has_a_text_in_both_languages() {
        for k in Kind::ALL {
            for l in Lang::ALL {
                assert!(
                    I18n::get().has(l, &format!("rem-{}", k.code())),
                    "{} {}",
                    k.code(),
                    l.code()
                );
            }
        }
        for t in TOPICS {
            assert!(I18n::get().has(Lang::Ru, &format!("topic-{t}")));
        }
        for n in 1..=7 {
            assert!(I18n::get().has(Lang::En, &format!("stage-need-{n}")));
        }
        for k in crate::domain::stages::TodoKind::ALL {
            for l in Lang::ALL {
                assert!(
                    I18n::get().has(l, &format!("stage-todo-{}", k.code())),
                    "{} {}",
                    k.code(),
                    l.code()
                );
            }
        }
    }

    #[test]
    fn russian_plurals_in_reminders() {
        let due = |days: i64, lang: Lang| {
            let r = reminder(
                Kind::PlanDue,
                vec![
                    ("title", Arg::Text("Эссе".into())),
                    (
                        "deadline",
                        Arg::Date(NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()),
                    ),
                    ("days", Arg::Num(days)),
                ],
            );
            render(lang, &r, &Digests::default()).0
        };
        assert!(
            due(1, Lang::Ru).contains("срок 01.03.2027, осталось 1 день."),
            "{}",
            due(1, Lang::Ru)
        );
        assert!(due(2, Lang::Ru).contains("осталось 2 дня."));
        assert!(due(5, Lang::Ru).contains("осталось 5 дней."));
        assert!(due(21, Lang::Ru).contains("осталось 21 день."));
        assert!(due(11, Lang::Ru).contains("осталось 11 дней."));
        let overdue = |days: i64| {
            let args = vec![
                ("role", Arg::Text("mentor".into())),
                ("mentee", Arg::Text("Иванова Мария Петровна".into())),
                ("title", Arg::Text("Эссе".into())),
                (
                    "deadline",
                    Arg::Date(NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()),
                ),
                ("days", Arg::Num(days)),
            ];
            render(
                Lang::Ru,
                &reminder(Kind::PlanOverdue, args),
                &Digests::default(),
            )
            .0
        };
        assert!(overdue(1).contains("прошёл 1 день)"), "{}", overdue(1));
        assert!(overdue(21).contains("прошёл 21 день)"));
        assert!(overdue(3).contains("прошло 3 дня)"));
        assert!(overdue(5).contains("прошло 5 дней)"));
        assert!(due(1, Lang::En).contains("1 day left"));
        assert!(due(2, Lang::En).contains("2 days left"));
        let d = OrgDigest {
            name: "Школа".into(),
            stage: 2,
            meetings: 3,
            minutes: 125,
            meetings_before: 1,
            minutes_before: 60,
            ..Default::default()
        };
        let t = org_text(Lang::Ru, &d);
        assert!(
            t.contains("встречи: 3 встречи, 2 часа (до этого: 1 встреча, 1 час)"),
            "{t}"
        );
        assert!(
            t.contains("этап 2 — «формирование базы наставляемых»"),
            "{t}"
        );
        assert!(
            !t.contains("ждут подбора"),
            "no line while nothing waits: {t}"
        );
        let w = OrgDigest {
            waiting_requests: 2,
            oldest_waiting_days: 21,
            ..d.clone()
        };
        assert!(
            org_text(Lang::Ru, &w)
                .contains("ждут подбора наставника: 2 запроса, самый давний — 21 день"),
            "{}",
            org_text(Lang::Ru, &w)
        );
        let w = OrgDigest {
            waiting_requests: 5,
            oldest_waiting_days: 3,
            ..d
        };
        assert!(org_text(Lang::Ru, &w).contains("5 запросов, самый давний — 3 дня"));
    }

    #[test]
    fn silent_pair_texts_say_when_the_last_meeting_was() {
        let silent = |kind: Kind, logged: &str, lang: Lang| {
            let args = vec![
                ("pair", Arg::Num(4)),
                ("mentor", Arg::Text("Петрова Анна Сергеевна".into())),
                ("mentees", Arg::Text("Иванова Мария Петровна".into())),
                ("days", Arg::Num(21)),
                ("logged", Arg::Text(logged.into())),
                (
                    "last",
                    Arg::Date(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()),
                ),
            ];
            render(lang, &reminder(kind, args), &Digests::default()).0
        };
        let t = silent(Kind::SilentCurator, "yes", Lang::Ru);
        assert!(
            t.contains("молчит 21 день: последняя встреча в журнале — 01.09.2026.")
                && !t.contains("ни одной"),
            "{t}"
        );
        assert!(silent(Kind::SilentCurator, "no", Lang::Ru)
            .contains("молчит 21 день: ни одной встречи в журнале."));
        let t = silent(Kind::SilentMentor, "yes", Lang::Ru);
        assert!(
            t.contains("уже 21 день (последняя — 01.09.2026). Если встречались"),
            "{t}"
        );
        assert!(
            silent(Kind::SilentMentor, "no", Lang::Ru).contains("уже 21 день. Если встречались")
        );
        assert!(silent(Kind::SilentCurator, "yes", Lang::En)
            .contains("the last meeting in the journal was on"));
    }

    #[test]
    fn buttons_lead_to_the_existing_flows() {
        let r = reminder(Kind::ProposalEscalate, vec![("request", Arg::Num(42))]);
        let kb = render(Lang::Ru, &r, &Digests::default()).1.unwrap();
        assert_eq!(
            kb.inline_keyboard[0][0].text,
            tr!(Lang::Ru, "btn-open-request")
        );
        assert!(format!("{:?}", kb.inline_keyboard[0][0].kind).contains("rq:open:42"));
        let bank = render(
            Lang::Ru,
            &reminder(Kind::BankAsk, vec![("year", Arg::Num(2026))]),
            &Digests::default(),
        );
        assert!(bank.0.contains("Раз в год"));
        assert_eq!(bank.1.unwrap().inline_keyboard[0].len(), 2);
    }

    #[test]
    fn a_stage_checklist_says_what_is_missing_and_who() {
        use crate::domain::stages::{encode, Todo, TodoKind};
        let day = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        let mut todo = vec![
            Todo::new(TodoKind::PairSilent, "№4 (Петрова Анна Сергеевна)", day),
            Todo::new(
                TodoKind::PairWithoutPlan,
                "№3 (Борисов Борис Борисович)",
                day,
            ),
        ];
        todo.extend(
            (0..12).map(|i| Todo::new(TodoKind::PairWithoutPlan, format!("№{}", 10 + i), day)),
        );
        let r = reminder(
            Kind::StageWeekly,
            vec![
                ("stage", Arg::Num(6)),
                ("org", Arg::Text("Школа".into())),
                ("todo", Arg::Text(encode(&todo))),
                ("count", Arg::Num(todo.len() as i64)),
            ],
        );
        let (text, _) = render(Lang::Ru, &r, &Digests::default());
        assert!(
            text.contains("«организация работы наставнических пар или групп»"),
            "{text}"
        );
        assert!(text.contains("Кто и что ещё не сделано (14):\n• пары без плана (/plan): №3 (Борисов Борис Борисович), №10,"), "{text}");
        assert!(
            text.contains(
                "№18, и ещё 3\n• пары без встреч 3 недели и больше: №4 (Петрова Анна Сергеевна)"
            ),
            "{text}"
        );
        let org_level = reminder(
            Kind::StageEnter,
            vec![
                ("stage", Arg::Num(1)),
                ("org", Arg::Text("Школа".into())),
                (
                    "todo",
                    Arg::Text(encode(&[Todo::new(TodoKind::NoHead, "", day)])),
                ),
                ("count", Arg::Num(1)),
            ],
        );
        assert!(render(Lang::Ru, &org_level, &Digests::default())
            .0
            .ends_with("• руководитель ОО ещё не подключён к боту (/invite)"));
        assert!(render(Lang::En, &org_level, &Digests::default())
            .0
            .contains("• the head of the organization has not joined"));
    }

    #[test]
    fn calendar_add_is_parsed() {
        let (w, a, t) =
            parse_add("01.02-31.03 кураторы,наставники Конкурс лучших практик").unwrap();
        assert_eq!((w.start, w.end), ((2, 1), (3, 31)));
        assert!(a.curators && a.mentors && !a.coordinator);
        assert_eq!(t, "Конкурс лучших практик");
        assert!(parse_add("когда-нибудь").is_none());
        assert!(parse_add("01.02-31.03 директора Слёт").is_none());
        assert!(parse_add("01.02-31.03 кураторы").is_none());
    }
}
