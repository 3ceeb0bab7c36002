//! A programme both sides write (issue 21 §2, 000 §5.2.1). The mentee proposes a new plan
//! item from /plan («Предложить пункт»: its text, then a deadline or «Без срока»); the pair's
//! mentor accepts it, accepts it with their own text, or refuses it with a reason the mentee
//! reads. The programme's length is chosen by the curator when the pair is formed and later
//! changed by agreement: one side proposes 3, 6, 9 or 12 months from the start, the other
//! agrees with one tap. The curator sees both in the pair's history.

use super::action::pairs::PairAction;
use super::action::programme::{LengthAction as L, ProposalAction as P, LENGTHS};
use super::actor::Actor;
use super::audience::{ask_other_side, name_of, tell_participants};
use super::cards::refusal;
use super::format::{date, gender, short};
use super::reply::{markup, Button};
use super::state::{ProgrammeReason, ReasonFor, State};
use super::ui::{self, Answered, Callback};
use super::{Ctx, Dlg, HandlerError, HandlerResult};
use crate::domain::journal as rules;
use crate::domain::journal::ItemProposalState;
use crate::domain::pair::{self as pair_rules, PairStatus};
use crate::i18n::Lang;
use crate::repo::journal::JournalError;
use crate::repo::pairs::{self, Pair};
use crate::repo::plan_proposals::{self, Decision, Proposal};
use crate::repo::requests::RequestError;
use chrono::NaiveDate;
use teloxide::prelude::*;

// ------------------------------------------------------------------ a proposed plan item

/// «Предложить пункт» under the mentee's plan.
pub fn propose_button(lang: Lang, pair_id: i64) -> Button {
    Button::new(tr!(lang, "btn-np-propose"), P::Start(pair_id))
}

fn shown_deadline(lang: Lang, d: Option<NaiveDate>) -> String {
    d.map(|d| tr!(lang, "np-deadline", date = date(d)))
        .unwrap_or_default()
}

/// The pair, when it is active and this person is one of its mentees.
async fn mentee_pair(ctx: &Ctx, actor: &Actor, pair_id: i64) -> Result<Option<Pair>, HandlerError> {
    Ok(pairs::get(&ctx.pool, pair_id).await?.filter(|p| {
        p.status == PairStatus::Active && actor.as_mentee().is_some_and(|m| p.mentees.contains(&m))
    }))
}

/// The open proposals of a pair, as lines for the plan (and the mentor's buttons).
pub async fn plan_lines(
    ctx: &Ctx,
    lang: Lang,
    pair: &Pair,
    mentor: bool,
) -> Result<(String, Vec<Vec<Button>>), HandlerError> {
    let mut text = String::new();
    let mut rows = Vec::new();
    for p in plan_proposals::of_pair(&ctx.pool, pair.id)
        .await?
        .into_iter()
        .filter(|p| p.state() == ItemProposalState::Proposed)
    {
        text.push_str(&format!(
            "\n{}",
            tr!(
                lang,
                "np-plan-line",
                title = p.title.clone(),
                deadline = shown_deadline(lang, p.deadline)
            )
        ));
        if mentor && pair.status == PairStatus::Active {
            rows.push(decision_row(lang, &p));
        }
    }
    Ok((text, rows))
}

fn decision_row(lang: Lang, p: &Proposal) -> Vec<Button> {
    vec![
        Button::new(
            tr!(lang, "btn-np-accept", title = short(&p.title)),
            P::Accept(p.pair_id, p.id),
        ),
        Button::new(tr!(lang, "btn-np-edit"), P::Edit(p.pair_id, p.id)),
        Button::new(tr!(lang, "btn-np-reject"), P::Reject(p.pair_id, p.id)),
    ]
}

/// What an already decided proposal says when its buttons are pressed again.
fn already(lang: Lang, p: &Proposal) -> String {
    tr!(
        lang,
        "np-already",
        title = p.shown_title().to_string(),
        state = p.state.clone()
    )
}

/// A proposal of this pair still waiting for the mentor; otherwise what to answer the press.
async fn open_proposal(
    cb: &Callback<'_>,
    pair_id: i64,
    id: i64,
) -> Result<Result<Proposal, Answered>, HandlerError> {
    let Some(p) = plan_proposals::get(&cb.ctx.pool, id)
        .await?
        .filter(|p| p.pair_id == pair_id)
    else {
        return Ok(Err(Answered::Stale));
    };
    if p.state() != ItemProposalState::Proposed {
        return Ok(Err(cb.answer(Some(already(cb.lang(), &p))).await?));
    }
    Ok(Ok(p))
}

pub async fn on_proposal(
    cb: &Callback<'_>,
    state: State,
    action: P,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    match action {
        P::Start(pair_id) => {
            if mentee_pair(cb.ctx, cb.actor, pair_id).await?.is_none() {
                return Ok(Answered::Stale);
            }
            cb.dialogue
                .update(State::reason(
                    ProgrammeReason::ProposeItem { goal: false },
                    pair_id,
                ))
                .await?;
            // an item of the plan by default; «Предложить цель» makes it a goal
            let kb = markup(vec![vec![Button::new(
                tr!(lang, "btn-np-goal"),
                P::Goal(pair_id),
            )]]);
            ui::send(cb.bot, cb.chat(), tr!(lang, "np-ask-text"), Some(kb)).await?;
            Ok(cb.answer(None).await?)
        }
        P::Goal(pair_id) => {
            let Some(ProgrammeReason::ProposeItem { .. }) = waiting_for(state, pair_id) else {
                return Ok(Answered::Stale);
            };
            cb.dialogue
                .update(State::reason(
                    ProgrammeReason::ProposeItem { goal: true },
                    pair_id,
                ))
                .await?;
            cb.answer(None).await?;
            cb.edit(tr!(lang, "np-ask-goal"), None).await?;
            Ok(Answered::Done)
        }
        P::NoDeadline(pair_id) => {
            let Some(ProgrammeReason::ProposeDeadline { title, goal }) =
                waiting_for(state, pair_id)
            else {
                return Ok(Answered::Stale);
            };
            let Some(pair) = mentee_pair(cb.ctx, cb.actor, pair_id).await? else {
                return Ok(Answered::Stale);
            };
            cb.dialogue.exit().await?;
            cb.answer(None).await?;
            let text = submit(cb.ctx, cb.actor, &pair, &title, None, goal).await?;
            cb.edit(text, None).await?;
            Ok(Answered::Done)
        }
        P::Accept(pair_id, id) => {
            let p = match open_proposal(cb, pair_id, id).await? {
                Ok(p) => p,
                Err(a) => return Ok(a),
            };
            cb.answer(None).await?;
            let text = decide(cb.ctx, cb.actor, &p, Decision::Accept(None)).await?;
            cb.edit(text, None).await?;
            Ok(Answered::Done)
        }
        P::Edit(pair_id, id) | P::Reject(pair_id, id) => {
            let p = match open_proposal(cb, pair_id, id).await? {
                Ok(p) => p,
                Err(a) => return Ok(a),
            };
            let edit = matches!(action, P::Edit(..));
            cb.dialogue
                .update(State::reason(
                    if edit {
                        ProgrammeReason::ProposalEdit
                    } else {
                        ProgrammeReason::ProposalRefuse
                    },
                    p.id,
                ))
                .await?;
            let key = if edit { "np-ask-edit" } else { "np-ask-reason" };
            ui::send(
                cb.bot,
                cb.chat(),
                tr!(lang, key, title = p.title.clone()),
                None,
            )
            .await?;
            Ok(cb.answer(None).await?)
        }
    }
}

/// What the dialogue waits to be typed for the mentee's proposal to pair `pair_id` (`None`:
/// nothing, or something else — a button pressed then is stale).
fn waiting_for(state: State, pair_id: i64) -> Option<ProgrammeReason> {
    match state {
        State::Reason {
            purpose: ReasonFor::Programme(purpose),
            id,
        } if id == pair_id => Some(purpose),
        _ => None,
    }
}

/// Records the mentee's proposal and asks the mentor (through the outbox). Returns what the
/// mentee sees.
async fn submit(
    ctx: &Ctx,
    actor: &Actor,
    pair: &Pair,
    title: &str,
    deadline: Option<NaiveDate>,
    goal: bool,
) -> Result<String, HandlerError> {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let id =
        match plan_proposals::propose(&ctx.pool, pair.id, me.id, title, deadline, goal, ctx.now())
            .await
        {
            Ok(id) => id,
            Err(e) => return Ok(refusal(lang, &e).ok_or(e)?),
        };
    let Some(p) = plan_proposals::get(&ctx.pool, id).await? else {
        return Ok(tr!(lang, "stale-button"));
    };
    let name = me.display_name();
    let l = ctx.notifier.lang_of(pair.mentor_id).await;
    let text = tr!(
        l,
        "np-ask-mentor",
        name = name.clone(),
        gender = gender(&name),
        kind = p.kind.clone(),
        title = title.to_string(),
        deadline = shown_deadline(l, deadline)
    );
    ctx.notifier
        .tell(
            pair.mentor_id,
            text,
            Some(markup(vec![decision_row(l, &p)])),
        )
        .await;
    Ok(tr!(
        lang,
        "np-sent",
        title = title.to_string(),
        deadline = shown_deadline(lang, deadline)
    ))
}

/// The mentor's decision: stored, the mentee told. Returns what the mentor sees.
async fn decide(
    ctx: &Ctx,
    actor: &Actor,
    p: &Proposal,
    decision: Decision,
) -> Result<String, HandlerError> {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let d = match plan_proposals::decide(&ctx.pool, p.pair_id, p.id, &decision, me.id, ctx.now())
        .await
    {
        Ok(d) => d,
        Err(JournalError::Stale) => {
            let now = plan_proposals::get(&ctx.pool, p.id).await?;
            return Ok(now
                .map(|n| already(lang, &n))
                .unwrap_or_else(|| tr!(lang, "stale-button")));
        }
        Err(e) => return Ok(refusal(lang, &e).ok_or(e)?),
    };
    let mentee = name_of(&ctx.pool, d.proposed_by).await;
    let mentor = me.display_name();
    let l = ctx.notifier.lang_of(d.proposed_by).await;
    let deadline = shown_deadline(l, d.deadline);
    let told = match (d.state(), &d.final_title) {
        (ItemProposalState::Accepted, None) => tr!(
            l,
            "np-accepted-mentee",
            mentor = mentor.clone(),
            gender = gender(&mentor),
            title = d.title.clone(),
            deadline = deadline
        ),
        (ItemProposalState::Accepted, Some(t)) => tr!(
            l,
            "np-edited-mentee",
            mentor = mentor.clone(),
            gender = gender(&mentor),
            title = d.title.clone(),
            new = t.clone(),
            deadline = deadline
        ),
        _ => tr!(
            l,
            "np-rejected-mentee",
            mentor = mentor.clone(),
            gender = gender(&mentor),
            title = d.title.clone(),
            reason = d.reason.clone().unwrap_or_default()
        ),
    };
    ctx.notifier.tell(d.proposed_by, told, None).await;
    Ok(tr!(
        lang,
        if d.state() == ItemProposalState::Accepted {
            "np-accepted"
        } else {
            "np-rejected"
        },
        title = d.shown_title().to_string(),
        deadline = shown_deadline(lang, d.deadline),
        name = mentee.clone(),
        gender = gender(&mentee)
    ))
}

/// Texts typed for a proposal: its text and deadline (the mentee), the mentor's own text or
/// the reason of a refusal.
pub async fn on_typed(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    purpose: ProgrammeReason,
    id: i64,
) -> HandlerResult {
    let lang = actor.lang;
    let chat = msg.chat.id;
    let Some(raw) = msg.text() else {
        bot.send_message(chat, tr!(lang, "err-need-text")).await?;
        return Ok(());
    };
    let text = rules::clean_text(raw);
    let stale = || async {
        dialogue.exit().await?;
        bot.send_message(chat, tr!(lang, "stale-button")).await?;
        HandlerResult::Ok(())
    };
    let too_long = || async {
        bot.send_message(
            chat,
            tr!(lang, "log-err-topic-long", max = rules::MAX_TOPIC_CHARS),
        )
        .await?;
        HandlerResult::Ok(())
    };
    match purpose {
        ProgrammeReason::ProposeItem { goal } => {
            let Some(pair) = mentee_pair(ctx, actor, id).await? else {
                return stale().await;
            };
            if text.is_empty() || text.chars().count() > rules::MAX_TOPIC_CHARS {
                return too_long().await;
            }
            dialogue
                .update(State::reason(
                    ProgrammeReason::ProposeDeadline {
                        title: text.clone(),
                        goal,
                    },
                    pair.id,
                ))
                .await?;
            let kb = markup(vec![vec![Button::new(
                tr!(lang, "btn-np-no-deadline"),
                P::NoDeadline(pair.id),
            )]]);
            ui::send(
                bot,
                chat,
                tr!(lang, "np-ask-deadline", title = text),
                Some(kb),
            )
            .await?;
        }
        ProgrammeReason::ProposeDeadline { title, goal } => {
            let Some(pair) = mentee_pair(ctx, actor, id).await? else {
                return stale().await;
            };
            let today = ctx.today(pair.org_id).await;
            match rules::typed_deadline(&text, today) {
                Ok((d, _)) => {
                    dialogue.exit().await?;
                    let reply = submit(ctx, actor, &pair, &title, Some(d), goal).await?;
                    bot.send_message(chat, reply).await?;
                }
                Err(e) => {
                    let why = tr!(lang, e.key(), max = rules::MAX_TOPIC_CHARS);
                    bot.send_message(chat, format!("{why}\n\n{}", tr!(lang, "np-deadline-hint")))
                        .await?;
                }
            }
        }
        ProgrammeReason::ProposalEdit | ProgrammeReason::ProposalRefuse => {
            let Some(p) = plan_proposals::get(&ctx.pool, id).await? else {
                return stale().await;
            };
            let mentor = pairs::get(&ctx.pool, p.pair_id)
                .await?
                .is_some_and(|pair| actor.is_mentor_of(pair.mentor_id));
            if !mentor {
                return stale().await;
            }
            let edit = matches!(purpose, ProgrammeReason::ProposalEdit);
            let max = if edit { rules::MAX_TOPIC_CHARS } else { 500 };
            if text.chars().count() < 2 || text.chars().count() > max {
                if edit {
                    return too_long().await;
                }
                bot.send_message(chat, tr!(lang, "reason-length")).await?;
                return Ok(());
            }
            dialogue.exit().await?;
            let decision = if edit {
                Decision::Accept(Some(text))
            } else {
                Decision::Reject(text)
            };
            let reply = decide(ctx, actor, &p, decision).await?;
            bot.send_message(chat, reply).await?;
        }
    }
    Ok(())
}

/// Lines for a pair's history: each proposal (when, who, what) and the mentor's decision.
pub async fn history_lines(
    ctx: &Ctx,
    lang: Lang,
    pair_id: i64,
    with_time: bool,
) -> Result<Vec<String>, HandlerError> {
    let fmt = |at: chrono::DateTime<chrono::Utc>| {
        if with_time {
            at.format("%d.%m.%Y %H:%M").to_string()
        } else {
            at.format("%d.%m.%Y").to_string()
        }
    };
    let mut out = Vec::new();
    for p in plan_proposals::of_pair(&ctx.pool, pair_id).await? {
        let who = name_of(&ctx.pool, p.proposed_by).await;
        out.push(tr!(
            lang,
            "np-history-proposed",
            when = fmt(p.created_at),
            name = who.clone(),
            gender = gender(&who),
            title = p.title.clone(),
            deadline = shown_deadline(lang, p.deadline)
        ));
        if let (Some(at), Some(by)) = (p.decided_at, p.decided_by) {
            let who = name_of(&ctx.pool, by).await;
            out.push(tr!(
                lang,
                "np-history-decided",
                when = fmt(at),
                who = who.clone(),
                gender = gender(&who),
                state = if p.final_title.is_some() {
                    "edited".to_string()
                } else {
                    p.state.clone()
                },
                title = p.title.clone(),
                new = p.final_title.clone().unwrap_or_default(),
                reason = p.reason.clone().unwrap_or_default()
            ));
        }
    }
    Ok(out)
}

// ------------------------------------------------------------------ the programme's length

/// How many months of [`LENGTHS`] from the start the pair's planned end is, if one of them.
fn months_of(pair: &Pair) -> Option<u32> {
    LENGTHS
        .into_iter()
        .find(|m| pair_rules::planned_end(pair.start_date, *m) == pair.planned_end)
}

/// The curator's length buttons under «пара сформирована»: the current one marked.
pub fn length_keyboard(lang: Lang, pair: &Pair) -> Vec<Button> {
    let now = months_of(pair);
    LENGTHS
        .into_iter()
        .map(|m| {
            let label = tr!(lang, "btn-ln-months", months = m);
            let label = if now == Some(m) {
                format!("✓ {label}")
            } else {
                label
            };
            Button::new(label, L::Set(pair.id, m))
        })
        .collect()
}

/// The text under «пара сформирована» asking the curator for the length.
pub fn length_question(lang: Lang, pair: &Pair) -> String {
    // a replacement's pair continues the previous programme: none of the lengths is marked
    let key = match months_of(pair) {
        Some(_) => "ln-curator-choose",
        None => "ln-curator-choose-other",
    };
    tr!(lang, key, end = date(pair.planned_end))
}

/// «Срок программы» on the pair's card of its mentor and mentees.
pub fn length_button(lang: Lang, pair_id: i64) -> Button {
    Button::new(tr!(lang, "btn-ln-change"), L::Ask(pair_id))
}

/// The lengths a side may propose now: 3 to 12 months from the start (the domain's check),
/// not the current one, and not ending before today.
fn proposable(pair: &Pair, today: NaiveDate) -> Vec<(u32, NaiveDate)> {
    LENGTHS
        .into_iter()
        .map(|m| (m, pair_rules::planned_end(pair.start_date, m)))
        .filter(|(_, end)| {
            *end != pair.planned_end
                && *end > today
                && pair_rules::check_program_end(pair.start_date, *end).is_ok()
        })
        .collect()
}

pub async fn on_length(cb: &Callback<'_>, action: L) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let pool = &cb.ctx.pool;
    let Some(me) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    let pair_id = match action {
        L::Set(p, _) | L::Ask(p) | L::To(p, _) => p,
    };
    // a flash pair is one meeting: it has no length to choose
    let Some(pair) = pairs::get(pool, pair_id)
        .await?
        .filter(|p| p.status == PairStatus::Active && !pair_rules::is_flash(&p.forms))
    else {
        return Ok(Answered::Stale);
    };
    match action {
        L::Set(_, months) => {
            if pairs::end_agreed(pool, pair.id).await? {
                return Ok(cb.answer(Some(tr!(lang, "ln-already-agreed"))).await?);
            }
            let end = pair_rules::planned_end(pair.start_date, months);
            if pair_rules::check_program_end(pair.start_date, end).is_err() {
                return Ok(Answered::Stale);
            }
            if pairs::set_length(pool, pair.id, end, me.id, cb.ctx.now())
                .await?
                .is_some()
            {
                tell_participants(cb.ctx, &pair, |l| {
                    tr!(l, "ln-set-told", months = months, end = date(end))
                })
                .await;
            }
            let pair = pairs::get(pool, pair.id).await?.ok_or("pair vanished")?;
            let kb = markup(vec![
                length_keyboard(lang, &pair),
                vec![Button::new(
                    tr!(lang, "btn-open-pair"),
                    PairAction::Open(pair.id),
                )],
            ]);
            cb.edit(
                tr!(
                    lang,
                    "ln-set-done",
                    pair = pair.id,
                    months = months,
                    end = date(end)
                ),
                Some(kb),
            )
            .await?;
            Ok(cb.answer(None).await?)
        }
        L::Ask(_) => {
            let today = cb.ctx.today(pair.org_id).await;
            if pairs::pending_change(pool, pair.id).await?.is_some() {
                cb.edit(tr!(lang, "pair-change-pending"), None).await?;
                return Ok(cb.answer(None).await?);
            }
            let rows: Vec<Vec<Button>> = proposable(&pair, today)
                .into_iter()
                .map(|(m, end)| {
                    vec![Button::new(
                        tr!(lang, "btn-ln-to", months = m, end = date(end)),
                        L::To(pair.id, m),
                    )]
                })
                .collect();
            cb.edit(
                tr!(
                    lang,
                    "ln-ask",
                    start = date(pair.start_date),
                    end = date(pair.planned_end)
                ),
                Some(markup(rows)),
            )
            .await?;
            Ok(cb.answer(None).await?)
        }
        L::To(_, months) => {
            let today = cb.ctx.today(pair.org_id).await;
            let Some((_, end)) = proposable(&pair, today)
                .into_iter()
                .find(|(m, _)| *m == months)
            else {
                return Ok(Answered::Stale);
            };
            let ch = match pairs::request_change(
                pool,
                pair.id,
                "length",
                me.id,
                None,
                Some(end),
                cb.ctx.now(),
            )
            .await
            {
                Ok(ch) => ch,
                Err(RequestError::AlreadyOpen) => {
                    cb.edit(tr!(lang, "pair-change-pending"), None).await?;
                    return Ok(cb.answer(None).await?);
                }
                Err(e) => return Err(e.into()),
            };
            cb.edit(
                tr!(lang, "ln-requested", months = months, end = date(end)),
                None,
            )
            .await?;
            let who = me.display_name();
            let mentor_asked = cb.actor.is_mentor_of(pair.mentor_id);
            ask_other_side(cb.ctx, &pair, mentor_asked, ch, |l| {
                tr!(
                    l,
                    "ln-ask-other",
                    name = who.clone(),
                    gender = gender(&who),
                    months = months,
                    end = date(end)
                )
            })
            .await;
            Ok(cb.answer(None).await?)
        }
    }
}
