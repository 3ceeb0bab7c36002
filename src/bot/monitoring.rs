//! Monitoring in the bot: surveys of the participants (one question per message, resumable)
//! and `/report` (XLSX, chart, CSV on request) for curators and the coordinator.

use super::action::school::{ReportScopeAction, SchoolAction};
use super::action::surveys::{SurveyAction, SurveyAnswerAction};
use super::actor::Actor;
use super::authz::Scope as AuthzScope;
use super::notify::{keyboard_json, Notifier};
use super::reply::{markup, Button, Reply};
use super::ui::{self, Answered, Callback};
use super::{Ctx, HandlerError, HandlerResult};
use crate::domain::survey::{Question, QuestionKind, Respondent, Stage, Survey};
use crate::domain::Role;
use crate::i18n::Lang;
use crate::repo::monitoring::Scope;
use crate::repo::outbox::{NewMessage, OnSent, To};
use crate::repo::surveys::{self, Response};
use crate::repo::{monitoring as data, orgs, pairs, users, Pool};
use crate::report;
use crate::texts::{question_text, survey_title};
use chrono::NaiveDate;
use chrono::{DateTime, Utc};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, InputFile, MessageId};

// ---------------------------------------------------------------- texts

fn question_message(
    lang: Lang,
    survey: &Survey,
    index: usize,
    q: &Question,
    intro: bool,
) -> String {
    let mut text = String::new();
    if intro {
        text.push_str(&tr!(
            lang,
            "sv-intro",
            count = survey.questions.len() as i64
        ));
        text.push_str("\n\n");
    }
    text.push_str(&tr!(
        lang,
        "sv-progress",
        title = survey_title(lang, &survey.code),
        n = index as i64 + 1,
        total = survey.questions.len() as i64
    ));
    text.push_str("\n\n");
    text.push_str(&question_text(lang, q));
    let legend = match q.kind {
        QuestionKind::Scale1To5 => "sv-legend-1-5",
        QuestionKind::Scale0To10 => "sv-legend-0-10",
        QuestionKind::Text => "sv-legend-text",
    };
    text.push_str("\n\n");
    text.push_str(&tr!(lang, legend));
    text
}

fn question_keyboard(lang: Lang, response: i64, q: &Question) -> InlineKeyboardMarkup {
    let b = |n: i64| {
        Button::new(
            n.to_string(),
            SurveyAnswerAction::Score {
                response,
                qid: q.id.clone(),
                score: n,
            },
        )
    };
    let rows: Vec<Vec<Button>> = match q.kind {
        QuestionKind::Scale1To5 => vec![(1..=5).map(b).collect()],
        QuestionKind::Scale0To10 => vec![(0..=5).map(b).collect(), (6..=10).map(b).collect()],
        QuestionKind::Text => vec![vec![Button::new(
            tr!(lang, "sv-btn-skip"),
            SurveyAnswerAction::Skip {
                response,
                qid: q.id.clone(),
            },
        )]],
    };
    markup(rows)
}

// ---------------------------------------------------------------- starting and resuming

/// What `start_survey` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyStart {
    /// The first (or the next unanswered) question was sent.
    Sent,
    /// This person already completed this survey for this pair.
    AlreadyDone,
    /// The person cannot be reached, or no such survey is defined.
    NotSent,
}

/// Sends a survey to one participant of a pair (the scheduler calls this at the start of a
/// pair and two weeks before its end; the curator with /survey). A half-finished survey is
/// resumed at its first unanswered question; a finished one is not asked again.
pub async fn start_survey(
    ctx: &Ctx,
    pair_id: i64,
    user_id: i64,
    survey_code: &str,
) -> Result<SurveyStart, HandlerError> {
    let Some(survey) = surveys::get(&ctx.pool, survey_code).await? else {
        return Ok(SurveyStart::NotSent);
    };
    let sent = match surveys::find(&ctx.pool, survey_code, pair_id, user_id).await? {
        Some(r) if r.completed_at.is_some() || r.closed_at.is_some() => {
            return Ok(SurveyStart::AlreadyDone)
        }
        Some(r) => send_next(ctx, &r, &survey, false).await?,
        None => {
            offer(
                &ctx.pool,
                &ctx.notifier,
                &survey,
                pair_id,
                user_id,
                None,
                ctx.now(),
            )
            .await?
        }
    };
    Ok(if sent {
        SurveyStart::Sent
    } else {
        SurveyStart::NotSent
    })
}

/// Sends the survey of `stage` to every participant of a pair who has one to take
/// (entry: the mentees and the mentor; exit: the same). Returns how many were sent.
pub async fn start_for_pair(ctx: &Ctx, pair_id: i64, stage: Stage) -> Result<usize, HandlerError> {
    let Some(pair) = pairs::get(&ctx.pool, pair_id).await? else {
        return Ok(0);
    };
    let mut sent = 0;
    for (respondent, user_id) in participants(&pair) {
        if let Some(survey) = surveys::for_stage(&ctx.pool, respondent, stage).await? {
            if start_survey(ctx, pair_id, user_id, &survey.code).await? == SurveyStart::Sent {
                sent += 1;
            }
        }
    }
    Ok(sent)
}

/// The mentees and the mentor of a pair, with the survey each of them takes.
fn participants(pair: &pairs::Pair) -> Vec<(Respondent, i64)> {
    let mut people: Vec<(Respondent, i64)> = pair
        .mentees
        .iter()
        .map(|m| (Respondent::Mentee, *m))
        .collect();
    people.push((Respondent::Mentor, pair.mentor_id));
    people
}

/// Sends a survey to one participant exactly once per survey, pair and person: the
/// questionnaire is opened and its first question queued in the outbox together (an exit
/// survey starts with `preface`). `false` if it was sent before, the person cannot be reached
/// or no such survey is defined.
async fn offer(
    pool: &Pool,
    notifier: &Notifier,
    survey: &Survey,
    pair_id: i64,
    user_id: i64,
    preface: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, HandlerError> {
    let Some(user) = users::by_id(pool, user_id)
        .await?
        .filter(|u| u.telegram_id.is_some())
    else {
        return Ok(false);
    };
    let Some((_, first)) = survey.next_question(&[]) else {
        return Ok(false);
    };
    let lang = user
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_default();
    let mut text = match preface {
        Some(key) => format!("{}\n\n", tr!(lang, key, pair = pair_id)),
        None => String::new(),
    };
    text.push_str(&question_message(lang, survey, 0, first, true));
    let message = |response: i64| {
        let kb = keyboard_json(Some(&question_keyboard(lang, response, first)));
        NewMessage {
            on_sent: Some(OnSent::Survey(response)),
            ..NewMessage::text(To::User(user_id), text, kb)
        }
    };
    let sent = surveys::open_and_queue(pool, survey, pair_id, user_id, now, message)
        .await?
        .is_some();
    if sent {
        notifier.wake().notify_one();
    }
    Ok(sent)
}

/// The exit survey of a pair to one participant (the mentor, a mentee, or a mentee who left
/// the group), exactly once. The reminder pass calls it for every ended pair; the curator's
/// end calls it at once.
pub async fn offer_exit(
    pool: &Pool,
    notifier: &Notifier,
    pair_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, HandlerError> {
    let Some(pair) = pairs::get(pool, pair_id).await? else {
        return Ok(false);
    };
    let respondent = if pair.mentor_id == user_id {
        Respondent::Mentor
    } else {
        Respondent::Mentee
    };
    let Some(survey) = surveys::for_stage(pool, respondent, Stage::Exit).await? else {
        return Ok(false);
    };
    offer(
        pool,
        notifier,
        &survey,
        pair_id,
        user_id,
        Some("rem-survey-exit"),
        now,
    )
    .await
}

/// A pair has ended (or `only` these mentees left a group): the exit survey goes to its
/// participants now. Failures are logged, never shown (the end is already saved; the
/// reminder pass sends what is missing).
pub async fn on_pair_ended(ctx: &Ctx, pair_id: i64, only: Option<&[i64]>) {
    let result = async {
        let Some(pair) = pairs::get(&ctx.pool, pair_id).await? else {
            return Ok::<_, HandlerError>(());
        };
        let people: Vec<i64> = match only {
            Some(ids) => ids.to_vec(),
            None => participants(&pair).into_iter().map(|(_, u)| u).collect(),
        };
        for user in people {
            offer_exit(&ctx.pool, &ctx.notifier, pair_id, user, ctx.now()).await?;
        }
        Ok(())
    }
    .await;
    if let Err(e) = result {
        tracing::warn!(pair_id, error = %e, "exit survey not sent; the reminder pass will");
    }
}

/// A pair has just been formed with this mentee: the mentee's entry survey goes out, and the
/// mentor's if this is their first pair. Failures are logged, never shown: the pair itself is
/// already saved.
pub async fn on_pair_started(ctx: &Ctx, pair_id: i64, mentee_id: i64) {
    let result = async {
        let Some(pair) = pairs::get(&ctx.pool, pair_id).await? else {
            return Ok::<_, HandlerError>(());
        };
        // a second mentor (002 §5.2) does not ask the mentee's entry questionnaire again
        let first_programme = !pairs::active_for(&ctx.pool, mentee_id)
            .await?
            .iter()
            .any(|p| p.id != pair_id && p.mentees.contains(&mentee_id));
        let entry = match first_programme {
            true => surveys::for_stage(&ctx.pool, Respondent::Mentee, Stage::Entry).await?,
            false => None,
        };
        if let Some(s) = entry {
            offer(
                &ctx.pool,
                &ctx.notifier,
                &s,
                pair_id,
                mentee_id,
                None,
                ctx.now(),
            )
            .await?;
        }
        if !surveys::mentor_had_pair_before(&ctx.pool, pair.mentor_id, pair_id).await? {
            if let Some(s) = surveys::for_stage(&ctx.pool, Respondent::Mentor, Stage::Entry).await?
            {
                offer(
                    &ctx.pool,
                    &ctx.notifier,
                    &s,
                    pair_id,
                    pair.mentor_id,
                    None,
                    ctx.now(),
                )
                .await?;
            }
        }
        Ok(())
    }
    .await;
    if let Err(e) = result {
        tracing::warn!(pair_id, error = %e, "entry survey not sent");
    }
}

/// Queues the first unanswered question as a new message (the outbox keeps its message id
/// on the response once it is sent); completes the response if none is left. `false` if the
/// person cannot be reached.
async fn send_next(
    ctx: &Ctx,
    response: &Response,
    survey: &Survey,
    intro: bool,
) -> Result<bool, HandlerError> {
    let answered = surveys::answered(&ctx.pool, response.id).await?;
    let Some(user) = users::by_id(&ctx.pool, response.user_id)
        .await?
        .filter(|u| u.telegram_id.is_some())
    else {
        return Ok(false);
    };
    let lang = user
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_default();
    let to = To::User(response.user_id);
    match survey.next_question(&answered) {
        Some((index, q)) => {
            let text = question_message(lang, survey, index, q, intro && answered.is_empty());
            let kb = keyboard_json(Some(&question_keyboard(lang, response.id, q)));
            ctx.notifier
                .enqueue(NewMessage {
                    on_sent: Some(OnSent::Survey(response.id)),
                    ..NewMessage::text(to, text, kb)
                })
                .await?;
            Ok(true)
        }
        None => {
            surveys::complete(&ctx.pool, response.id, ctx.now()).await?;
            ctx.notifier
                .enqueue(NewMessage::text(to, tr!(lang, "sv-done"), None))
                .await?;
            Ok(true)
        }
    }
}

/// Stores an answer to the current question, marks its message answered and asks the next.
/// `None` if the question is not the current one (a stale button).
async fn record(
    ctx: &Ctx,
    actor: &Actor,
    response_id: i64,
    qid: &str,
    score: Option<i64>,
    text: Option<&str>,
) -> Result<Option<(Response, Survey, String)>, HandlerError> {
    let Some(me) = actor.registered_user() else {
        return Ok(None);
    };
    let Some(response) = surveys::response(&ctx.pool, response_id).await? else {
        return Ok(None);
    };
    // only the person it was sent to answers, and only the current question
    if response.user_id != me.id || response.completed_at.is_some() || response.closed_at.is_some()
    {
        return Ok(None);
    }
    let Some(survey) = surveys::get(&ctx.pool, &response.survey).await? else {
        return Ok(None);
    };
    let answered = surveys::answered(&ctx.pool, response.id).await?;
    let Some((index, q)) = survey.next_question(&answered) else {
        return Ok(None);
    };
    if q.id != qid {
        return Ok(None);
    }
    let valid = match (q.kind, score) {
        (QuestionKind::Text, None) => true,
        (kind, Some(s)) => kind.accepts(s),
        _ => false,
    };
    if !valid || !surveys::answer(&ctx.pool, response.id, qid, score, text, ctx.now()).await? {
        return Ok(None);
    }
    let lang = actor.lang;
    let shown = match (score, text) {
        (Some(s), _) => s.to_string(),
        (None, Some(t)) => t.chars().take(200).collect(),
        (None, None) => tr!(lang, "sv-skipped"),
    };
    let done = format!(
        "{}\n\n{}\n\n{}",
        tr!(
            lang,
            "sv-progress",
            title = survey_title(lang, &survey.code),
            n = index as i64 + 1,
            total = survey.questions.len() as i64
        ),
        question_text(lang, q),
        tr!(lang, "sv-your-answer", answer = shown)
    );
    Ok(Some((response, survey, done)))
}

/// A typed text while idle: the answer to a survey's text question, if one is waiting.
pub async fn on_idle_text(bot: &Bot, msg: &Message, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    if let (Some(me), Some(text)) = (actor.registered_user(), msg.text()) {
        for response in surveys::unfinished(&ctx.pool, me.id).await? {
            let Some(survey) = surveys::get(&ctx.pool, &response.survey).await? else {
                continue;
            };
            let answered = surveys::answered(&ctx.pool, response.id).await?;
            let Some((_, q)) = survey.next_question(&answered) else {
                continue;
            };
            let text = text.trim();
            let score = match q.kind {
                QuestionKind::Text => None,
                // a scale answered by typing its digit («4») instead of tapping it
                kind => match text.parse::<i64>() {
                    Ok(n) if kind.accepts(n) => Some(n),
                    _ => continue,
                },
            };
            if score.is_none() && (text.is_empty() || text.chars().count() > 2000) {
                bot.send_message(msg.chat.id, tr!(actor.lang, "text-too-long", max = 2000))
                    .await?;
                return Ok(());
            }
            if let Some((response, survey, done)) = record(
                ctx,
                actor,
                response.id,
                &q.id.clone(),
                score,
                score.is_none().then_some(text),
            )
            .await?
            {
                if let Some(mid) = response.message_id {
                    ui::edit_text(bot, msg.chat.id, MessageId(mid as i32), done, None).await?;
                }
                send_next(ctx, &response, &survey, false).await?;
            }
            return Ok(());
        }
    }
    super::general::on_idle_text(bot, msg, actor).await
}

// ---------------------------------------------------------------- /survey

/// `/survey`: a participant resumes an unfinished survey; a curator sends one to a pair.
pub async fn survey_command(bot: &Bot, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let lang = actor.lang;
    let chat = ChatId(actor.tg);
    let Some(me) = actor.registered_user() else {
        return Ok(());
    };
    if let Some(response) = surveys::unfinished(&ctx.pool, me.id)
        .await?
        .into_iter()
        .next()
    {
        if let Some(survey) = surveys::get(&ctx.pool, &response.survey).await? {
            bot.send_message(chat, tr!(lang, "sv-resume")).await?;
            send_next(ctx, &response, &survey, false).await?;
            return Ok(());
        }
    }
    if !actor.has(Role::Curator) {
        bot.send_message(chat, tr!(lang, "sv-nothing")).await?;
        return Ok(());
    }
    let mut rows = Vec::new();
    let mut ended_rows = Vec::new();
    let since = ctx.now() - chrono::Duration::days(ctx.config.reminders.rules.survey_exit_days);
    for org in actor.orgs_for(Role::Curator) {
        let names = data::names(&ctx.pool, Scope::Org(org)).await?;
        let who = |p: &pairs::Pair| {
            p.mentees
                .iter()
                .map(|m| names.get(m).cloned().unwrap_or_else(|| "—".into()))
                .collect::<Vec<String>>()
                .join(", ")
        };
        for p in pairs::of_org(&ctx.pool, org, true)
            .await?
            .into_iter()
            .take(40)
        {
            rows.push(vec![Button::new(
                tr!(lang, "sv-pair-button", id = p.id, names = who(&p)),
                SurveyAnswerAction::Pair(p.id),
            )]);
        }
        // pairs ended in the exit survey's window: their survey can be sent again
        for (id, _) in surveys::ended_since(&ctx.pool, org, since)
            .await?
            .into_iter()
            .take(20)
        {
            let Some(p) = pairs::get(&ctx.pool, id).await? else {
                continue;
            };
            let action = crate::bot::action::Action::from(SurveyAction::Resend(p.id));
            ended_rows.push(vec![Button::new(
                tr!(lang, "sa-resend-button", id = p.id, names = who(&p)),
                action,
            )]);
        }
    }
    if rows.is_empty() && ended_rows.is_empty() {
        bot.send_message(chat, tr!(lang, "sv-no-pairs")).await?;
        return Ok(());
    }
    let mut text = tr!(
        lang,
        if rows.is_empty() {
            "sa-choose-ended-only"
        } else {
            "sv-choose-pair"
        }
    );
    if !ended_rows.is_empty() && !rows.is_empty() {
        text.push_str("\n\n");
        text.push_str(&tr!(
            lang,
            "sa-ended-below",
            days = ctx.config.reminders.rules.survey_exit_days
        ));
    }
    rows.extend(ended_rows);
    bot.send_message(chat, text)
        .reply_markup(markup(rows))
        .await?;
    Ok(())
}

/// The typed survey buttons, authorized before they get here: a participant of the pair
/// continues their survey; the pair's curator sends the exit survey again.
pub async fn on_survey_action(
    cb: &Callback<'_>,
    action: SurveyAction,
    scope: &AuthzScope,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let ctx = cb.ctx;
    let Some(me) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    match action {
        SurveyAction::Resume(pair_id) => {
            let open = surveys::unfinished(&ctx.pool, me.id)
                .await?
                .into_iter()
                .find(|r| r.pair_id == pair_id);
            let Some(response) = open else {
                return Ok(cb.answer(Some(tr!(lang, "sv-nothing"))).await?);
            };
            let Some(survey) = surveys::get(&ctx.pool, &response.survey).await? else {
                return Ok(Answered::Stale);
            };
            cb.answer(None).await?;
            send_next(ctx, &response, &survey, false).await?;
            Ok(Answered::Done)
        }
        SurveyAction::Resend(pair_id) => {
            let Some(pair) = scope.pair.clone().filter(|p| p.id == pair_id) else {
                return Ok(Answered::Stale);
            };
            let since =
                ctx.now() - chrono::Duration::days(ctx.config.reminders.rules.survey_exit_days);
            let recent = match pair.org_id {
                Some(org) => surveys::ended_since(&ctx.pool, org, since)
                    .await?
                    .iter()
                    .any(|(id, _)| *id == pair.id),
                None => false,
            };
            if !recent {
                return Ok(cb
                    .answer(Some(tr!(
                        lang,
                        "sa-resend-not-ended",
                        days = ctx.config.reminders.rules.survey_exit_days
                    )))
                    .await?);
            }
            let sent = resend_exit(ctx, &pair).await?;
            cb.edit(
                tr!(lang, "sa-resent", id = pair.id, count = sent as i64),
                None,
            )
            .await?;
            Ok(cb.answer(None).await?)
        }
    }
}

/// The exit survey of an ended pair again, to every participant who has not finished it: a
/// new one to whoever never got it, the current question to whoever stopped half-way.
async fn resend_exit(ctx: &Ctx, pair: &pairs::Pair) -> Result<usize, HandlerError> {
    let mut sent = 0;
    for (respondent, user_id) in participants(pair) {
        let Some(survey) = surveys::for_stage(&ctx.pool, respondent, Stage::Exit).await? else {
            continue;
        };
        let done = match surveys::find(&ctx.pool, &survey.code, pair.id, user_id).await? {
            None => {
                offer(
                    &ctx.pool,
                    &ctx.notifier,
                    &survey,
                    pair.id,
                    user_id,
                    Some("rem-survey-exit"),
                    ctx.now(),
                )
                .await?
            }
            Some(r) if r.completed_at.is_none() => send_next(ctx, &r, &survey, false).await?,
            Some(_) => false,
        };
        if done {
            sent += 1;
        }
    }
    Ok(sent)
}

/// The curator's pair, if the pair belongs to one of their organizations.
async fn curated_pair(
    cb: &Callback<'_>,
    pair_id: i64,
) -> Result<Option<pairs::Pair>, HandlerError> {
    let Some(pair) = pairs::get(&cb.ctx.pool, pair_id).await? else {
        return Ok(None);
    };
    let mine = pair
        .org_id
        .is_some_and(|o| cb.actor.orgs_for(Role::Curator).contains(&o))
        && cb.actor.is_registered();
    Ok(mine.then_some(pair))
}

/// Survey buttons, already authorized: one's own questionnaire, a curator's pair.
pub async fn on_answer_action(
    cb: &Callback<'_>,
    action: SurveyAnswerAction,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    match action {
        SurveyAnswerAction::Score {
            response, ref qid, ..
        }
        | SurveyAnswerAction::Skip { response, ref qid } => {
            let score = match action {
                SurveyAnswerAction::Score { score, .. } => Some(score),
                _ => None,
            };
            let Some((response, survey, done)) =
                record(cb.ctx, cb.actor, response, qid, score, None).await?
            else {
                return Ok(Answered::Stale);
            };
            cb.edit(done, None).await?;
            cb.answer(None).await?;
            send_next(cb.ctx, &response, &survey, false).await?;
            Ok(Answered::Done)
        }
        SurveyAnswerAction::Pair(pair_id) => {
            let Some(pair) = curated_pair(cb, pair_id).await? else {
                return Ok(cb.answer(Some(tr!(lang, "not-allowed"))).await?);
            };
            let kb = markup(vec![
                vec![Button::new(
                    tr!(lang, "sv-btn-entry"),
                    SurveyAnswerAction::Send {
                        pair: pair.id,
                        stage: Stage::Entry,
                    },
                )],
                vec![Button::new(
                    tr!(lang, "sv-btn-exit"),
                    SurveyAnswerAction::Send {
                        pair: pair.id,
                        stage: Stage::Exit,
                    },
                )],
            ]);
            cb.edit(tr!(lang, "sv-choose-survey", id = pair.id), Some(kb))
                .await?;
            Ok(cb.answer(None).await?)
        }
        SurveyAnswerAction::Send {
            pair: pair_id,
            stage,
        } => {
            let Some(pair) = curated_pair(cb, pair_id).await? else {
                return Ok(cb.answer(Some(tr!(lang, "not-allowed"))).await?);
            };
            let sent = start_for_pair(cb.ctx, pair.id, stage).await?;
            cb.edit(
                tr!(lang, "sv-sent", id = pair.id, count = sent as i64),
                None,
            )
            .await?;
            Ok(cb.answer(None).await?)
        }
    }
}

// ---------------------------------------------------------------- /report

/// What a person may report on: the organizations they curate, the district for the coordinator.
fn allowed(actor: &Actor, scope: Scope) -> bool {
    actor.is_registered()
        && match scope {
            Scope::District => actor.has(Role::Coordinator),
            Scope::Org(id) => {
                actor.has(Role::Coordinator) || actor.orgs_for(Role::Curator).contains(&id)
            }
        }
}

/// `/report [дд.мм.гггг]`: the coordinator gets the district, a curator their organization;
/// first the period the journal and the weekly chart cover (buttons).
pub async fn report_command(bot: &Bot, ctx: &Ctx, actor: &Actor, args: &str) -> HandlerResult {
    let lang = actor.lang;
    let chat = ChatId(actor.tg);
    let as_of = match args.trim() {
        "" => None,
        a => match NaiveDate::parse_from_str(a, "%d.%m.%Y") {
            Ok(d) => Some(d),
            Err(_) => {
                bot.send_message(chat, tr!(lang, "report-bad-date")).await?;
                return Ok(());
            }
        },
    };
    let scopes: Vec<Scope> = if actor.has(Role::Coordinator) {
        vec![Scope::District]
    } else {
        actor
            .orgs_for(Role::Curator)
            .into_iter()
            .map(Scope::Org)
            .collect()
    };
    match scopes.as_slice() {
        [] => {
            bot.send_message(chat, tr!(lang, "not-allowed")).await?;
            Ok(())
        }
        [scope] => {
            ui::send_reply(bot, chat, period_choice(ctx, lang, *scope, as_of).await).await?;
            Ok(())
        }
        several => {
            // a curator of several organizations: one button each
            let mut rows = Vec::new();
            for scope in several {
                let Scope::Org(id) = scope else { continue };
                let name = super::audience::org_name(&ctx.pool, Some(*id)).await;
                rows.push(vec![Button::new(
                    name,
                    ReportScopeAction::Org { org: *id, as_of },
                )]);
            }
            ui::send(bot, chat, tr!(lang, "report-which-org"), Some(markup(rows))).await?;
            Ok(())
        }
    }
}

/// The scope's name as the report titles it.
async fn scope_name(ctx: &Ctx, lang: Lang, scope: Scope) -> String {
    match scope {
        Scope::Org(id) => super::audience::org_name(&ctx.pool, Some(id)).await,
        Scope::District => ctx
            .config
            .district
            .name
            .clone()
            .unwrap_or_else(|| tr!(lang, "report-district")),
    }
}

/// The report's action for a scope and period.
fn report_action(scope: Scope, period: report::Period, as_of: Option<NaiveDate>) -> SchoolAction {
    match scope {
        Scope::Org(org) => SchoolAction::OrgReport { org, period, as_of },
        Scope::District => SchoolAction::DistrictReport { period, as_of },
    }
}

/// «За какой период?» with a button per period.
async fn period_choice(ctx: &Ctx, lang: Lang, scope: Scope, as_of: Option<NaiveDate>) -> Reply {
    let (today, _) = scope_today(ctx, scope).await;
    let date = as_of
        .unwrap_or(today)
        .min(today)
        .format("%d.%m.%Y")
        .to_string();
    let buttons = report::Period::ALL
        .iter()
        .map(|p| {
            let key = match p {
                report::Period::Quarter => "report-btn-quarter",
                report::Period::HalfYear => "report-btn-half-year",
                report::Period::Year => "report-btn-year",
            };
            Button::new(tr!(lang, key), report_action(scope, *p, as_of))
        })
        .collect();
    Reply::new(tr!(
        lang,
        "report-which-period",
        scope = scope_name(ctx, lang, scope).await,
        date = date
    ))
    .row(buttons)
}

async fn scope_today(ctx: &Ctx, scope: Scope) -> (NaiveDate, chrono_tz::Tz) {
    let org = match scope {
        Scope::Org(id) => Some(id),
        Scope::District => None,
    };
    let tz = match org {
        Some(id) => orgs::get(&ctx.pool, id)
            .await
            .ok()
            .flatten()
            .and_then(|o| o.tz.parse().ok())
            .unwrap_or(ctx.config.default_tz),
        None => ctx.config.district.tz,
    };
    (ctx.today(org).await, tz)
}

async fn send_report(
    bot: &Bot,
    ctx: &Ctx,
    actor: &Actor,
    scope: Scope,
    period: report::Period,
    as_of: Option<NaiveDate>,
) -> HandlerResult {
    let lang = actor.lang;
    let chat = ChatId(actor.tg);
    if !allowed(actor, scope) {
        bot.send_message(chat, tr!(lang, "not-allowed")).await?;
        return Ok(());
    }
    let (today, tz) = scope_today(ctx, scope).await;
    let as_of = as_of.unwrap_or(today).min(today);
    let report = report::build(
        &ctx.pool,
        scope,
        as_of,
        period,
        lang,
        tz,
        ctx.config.district.name.as_deref(),
    )
    .await?;
    let xlsx = report::xlsx::write(&report)?;
    // every indicator with a target counts, those without data too: the same total each time
    let with_target: Vec<Option<bool>> = report
        .indicators
        .iter()
        .filter(|i| i.target.is_some())
        .map(|i| i.met())
        .collect();
    let met = with_target.iter().filter(|m| **m == Some(true)).count() as i64;
    let nodata = with_target.iter().filter(|m| m.is_none()).count() as i64;
    let caption = tr!(
        lang,
        "report-caption",
        scope = report.title.clone(),
        date = as_of.format("%d.%m.%Y").to_string(),
        period = tr!(lang, period.key()),
        met = met,
        total = with_target.len() as i64,
        nodata = nodata
    );
    let csv = match scope {
        Scope::Org(org) => SchoolAction::OrgCsv { org, period, as_of },
        Scope::District => SchoolAction::DistrictCsv { period, as_of },
    };
    let kb = Reply::new("")
        .button(Button::new(tr!(lang, "report-btn-csv"), csv))
        .keyboard()
        .expect("a button");
    bot.send_document(
        chat,
        InputFile::memory(xlsx).file_name(report::file_name(&report, "xlsx")),
    )
    .caption(caption)
    .reply_markup(kb)
    .await?;
    match report::chart::render(&report) {
        Ok(png) => {
            bot.send_photo(
                chat,
                InputFile::memory(png).file_name(report::file_name(&report, "png")),
            )
            .caption(tr!(
                lang,
                "report-chart-caption",
                period = tr!(lang, period.key())
            ))
            .await?;
        }
        Err(e) => tracing::warn!(error = %e, "chart not drawn"),
    }
    Ok(())
}

/// `mr:org:<scope>:<date or ->` — the organization chosen: then its period. The scope is
/// checked again on every press.
/// What `/report` covers, chosen with a button (already authorized for that scope).
pub async fn on_scope_action(
    cb: &Callback<'_>,
    action: ReportScopeAction,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let (scope, as_of) = match action {
        ReportScopeAction::Org { org, as_of } => (Scope::Org(org), as_of),
        ReportScopeAction::District { as_of } => (Scope::District, as_of),
    };
    if !allowed(cb.actor, scope) {
        return Ok(cb.answer(Some(tr!(lang, "not-allowed"))).await?);
    }
    cb.answer(None).await?;
    cb.show(period_choice(cb.ctx, lang, scope, as_of).await)
        .await?;
    Ok(Answered::Done)
}

/// A period chosen (the XLSX and the chart) or the CSV copy asked for; authorized before.
pub async fn on_school_action(
    cb: &Callback<'_>,
    action: SchoolAction,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let (scope, period, as_of, csv) = match action {
        SchoolAction::OrgReport { org, period, as_of } => (Scope::Org(org), period, as_of, false),
        SchoolAction::DistrictReport { period, as_of } => (Scope::District, period, as_of, false),
        SchoolAction::OrgCsv { org, period, as_of } => (Scope::Org(org), period, Some(as_of), true),
        SchoolAction::DistrictCsv { period, as_of } => (Scope::District, period, Some(as_of), true),
        SchoolAction::Facts { .. } => return Ok(Answered::Stale),
    };
    if !allowed(cb.actor, scope) {
        return Ok(cb.answer(Some(tr!(lang, "not-allowed"))).await?);
    }
    if !csv {
        cb.answer(None).await?;
        cb.edit(
            tr!(
                lang,
                "report-preparing",
                scope = scope_name(cb.ctx, lang, scope).await
            ),
            None,
        )
        .await?;
        send_report(cb.bot, cb.ctx, cb.actor, scope, period, as_of).await?;
        return Ok(Answered::Done);
    }
    let date = as_of.expect("a CSV has its date");
    cb.answer(Some(tr!(lang, "report-csv-preparing"))).await?;
    let (_, tz) = scope_today(cb.ctx, scope).await;
    let report = report::build(
        &cb.ctx.pool,
        scope,
        date,
        period,
        lang,
        tz,
        cb.ctx.config.district.name.as_deref(),
    )
    .await?;
    for sheet in &report.sheets {
        let name = format!(
            "{}-{}-{}.csv",
            tr!(lang, "report-file"),
            sheet.slug,
            date.format("%Y-%m-%d")
        );
        cb.bot
            .send_document(
                cb.chat(),
                InputFile::memory(report::csv::write(sheet)).file_name(name),
            )
            .await?;
    }
    Ok(Answered::Done)
}
