//! Meetings planned ahead (встречи по графику). `/meeting завтра 15:30 Разбор урока` plans a
//! meeting; both sides get it with «Добавить в календарь» (an .ics file), «Перенести» and
//! «Отменить» (the other side is told). The reminder pass reminds both the evening before and
//! an hour before, and after the meeting asks the mentor «Встреча состоялась?»: «Да» writes
//! the journal entry in one tap. A flash-mentoring pair (скоростное наставничество, one
//! meeting) ends when its meeting is logged.

use super::action::meetings::MeetingAction as M;
use super::actor::Actor;
use super::audience::Target;
use super::authz::Scope;
use super::cards::{confirmation_keyboard, entry_line, refusal};
use super::format::{date, gender};
use super::reply::{Button, Reply};
use super::state::{MeetingDraft, State};
use super::ui::{self, Answered, Callback};
use super::{Ctx, Dlg, HandlerError, HandlerResult};
use crate::documents::ics::{self, CalendarMeeting};
use crate::domain::meetings::{self as rules, ScheduleError};
use crate::domain::pair::{EndReason, PairStatus};
use crate::domain::reminders::at_local;
use crate::i18n::Lang;
use crate::repo::meetings::{self, Meeting, MeetingStatus, NewMeeting};
use crate::repo::pairs::{self, Pair};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use teloxide::prelude::*;
use teloxide::types::InputFile;

/// «завтра, 03.12.2026, в 15:30» in the reader's language.
pub fn when_text(lang: Lang, starts: NaiveDateTime, today: NaiveDate) -> String {
    let rel = match (starts.date() - today).num_days() {
        0 => "today",
        1 => "tomorrow",
        _ => "other",
    };
    tr!(
        lang,
        "meeting-when",
        rel = rel,
        weekday = tr!(
            lang,
            &format!("meeting-weekday-{}", starts.weekday().number_from_monday())
        ),
        date = date(starts.date()),
        time = starts.format("%H:%M").to_string()
    )
}

/// The meeting's start in its organization's time zone.
fn local(m: &Meeting, tz: Tz) -> NaiveDateTime {
    m.starts_at.with_timezone(&tz).naive_local()
}

/// Who the meeting is with, for the mentor: a mentee or the whole group.
fn with_whom(pair: &Pair, m: &Meeting) -> String {
    match m.mentee_id.and_then(|id| pair.mentee_name(id)) {
        Some(name) => name.to_string(),
        None => pair.mentee_names_joined(),
    }
}

/// The people of the meeting: the mentor and its mentee (or the whole group).
fn people(pair: &Pair, m: &Meeting) -> Vec<i64> {
    std::iter::once(pair.mentor_id)
        .chain(match m.mentee_id {
            Some(id) => vec![id],
            None => pair.mentees.clone(),
        })
        .collect()
}

/// The meeting's buttons while it is planned.
fn planned_buttons(lang: Lang, id: i64) -> Vec<Vec<Button>> {
    vec![
        vec![Button::new(tr!(lang, "btn-meeting-ics"), M::Ics(id))],
        vec![
            Button::new(tr!(lang, "btn-meeting-move"), M::Move(id)),
            Button::new(tr!(lang, "btn-meeting-cancel"), M::Cancel(id)),
        ],
    ]
}

/// The meeting as its card: when, how long, what, with whom — and its buttons.
fn card(lang: Lang, key: &str, m: &Meeting, pair: &Pair, tz: Tz, today: NaiveDate) -> Reply {
    Reply::new(tr!(
        lang,
        key,
        when = when_text(lang, local(m, tz), today),
        duration = super::format::wait_text(lang, m.minutes),
        topic = m.topic.clone(),
        with = with_whom(pair, m),
        mentor = pair.mentor_name.clone(),
        gender = gender(&pair.mentor_name)
    ))
    .rows(planned_buttons(lang, m.id))
}

/// «Ближайшая встреча: …» for the pair card and /journal; `None` when nothing is planned.
pub async fn next_line(ctx: &Ctx, lang: Lang, pair: &Pair) -> Result<Option<String>, HandlerError> {
    let now = ctx.now();
    let Some(m) = meetings::next_of_pair(&ctx.pool, pair.id, now).await? else {
        return Ok(None);
    };
    let tz = ctx.tz(pair.org_id).await;
    let today = now.with_timezone(&tz).date_naive();
    Ok(Some(tr!(
        lang,
        "meeting-next",
        when = when_text(lang, local(&m, tz), today),
        topic = m.topic.clone()
    )))
}

/// `/meeting <when> <time> [minutes] <topic>`: plans a meeting. `Ok(false)`: the arguments
/// have no time of day, so they are a log of a meeting that happened (the caller reads them).
pub async fn try_plan(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    targets: &[Target],
    args: &str,
) -> Result<bool, HandlerError> {
    let lang = actor.lang;
    let Some(first) = targets.first() else {
        return Ok(false);
    };
    let tz = ctx.tz(first.pair.org_id).await;
    let now_local = ctx.now().with_timezone(&tz).naive_local();
    let planned = match rules::parse_schedule(args, now_local) {
        None => return Ok(false),
        Some(Ok(p)) => p,
        Some(Err(e)) => {
            bot.send_message(msg.chat.id, error_text(lang, e)).await?;
            return Ok(true);
        }
    };
    let draft = MeetingDraft {
        starts: planned.starts(),
        minutes: planned.minutes_or_default(),
        topic: planned.topic.clone(),
        source: Some((msg.chat.id.0, i64::from(msg.id.0))),
    };
    if targets.len() == 1 {
        let reply = create(ctx, actor, &first.pair, first.mentee, &draft).await?;
        ui::send(bot, msg.chat.id, reply.text.clone(), reply.keyboard()).await?;
        return Ok(true);
    }
    dialogue.update(State::MeetingDraft(draft)).await?;
    let reply = Reply::new(tr!(lang, "log-ask-who")).rows(
        targets
            .iter()
            .map(|t| vec![Button::new(t.label.clone(), M::With(t.pair.id, t.mentee))])
            .collect(),
    );
    ui::send(bot, msg.chat.id, reply.text.clone(), reply.keyboard()).await?;
    Ok(true)
}

/// The reply to a time that was not understood, with an example.
fn error_text(lang: Lang, e: ScheduleError) -> String {
    format!(
        "{}\n\n{}",
        tr!(
            lang,
            e.key(),
            max = crate::domain::journal::MAX_TOPIC_CHARS as i64
        ),
        tr!(lang, "meeting-plan-usage")
    )
}

/// Plans the drafted meeting with this pair (and mentee): stored, the other side told.
async fn create(
    ctx: &Ctx,
    actor: &Actor,
    pair: &Pair,
    mentee: Option<i64>,
    draft: &MeetingDraft,
) -> Result<Reply, HandlerError> {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let tz = ctx.tz(pair.org_id).await;
    let now = ctx.now();
    let now_local = now.with_timezone(&tz).naive_local();
    // the choice of a pair may have taken a while
    if let Err(e) = rules::check_time(draft.starts, now_local) {
        return Ok(Reply::new(error_text(lang, e)));
    }
    let new = NewMeeting {
        pair_id: pair.id,
        mentee_id: mentee,
        created_by: me.id,
        starts_at: at_local(tz, draft.starts.date(), draft.starts.time()),
        minutes: draft.minutes,
        topic: draft.topic.clone(),
        source: draft.source,
    };
    let (m, fresh) = match meetings::plan(&ctx.pool, &new, now).await {
        Ok(done) => done,
        Err(e) => {
            return match refusal(lang, &e) {
                Some(text) => Ok(Reply::new(text)),
                None => Err(e.into()),
            }
        }
    };
    let today = now_local.date();
    if fresh {
        for u in people(pair, &m).into_iter().filter(|u| *u != me.id) {
            let l = ctx.notifier.lang_of(u).await;
            ctx.notifier
                .tell_reply(u, card(l, "meeting-planned-party", &m, pair, tz, today))
                .await;
        }
    }
    Ok(card(lang, "meeting-planned", &m, pair, tz, today))
}

/// When and about what, typed after «Запланировать встречу»: «завтра 15:30 Разбор урока».
pub async fn on_plan_text(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    pair_id: i64,
    mentee: Option<i64>,
) -> HandlerResult {
    let lang = actor.lang;
    let chat = msg.chat.id;
    let Some(pair) = pairs::get(&ctx.pool, pair_id)
        .await?
        .filter(|p| p.status == PairStatus::Active && actor.is_mentor_of(p.mentor_id))
    else {
        dialogue.exit().await?;
        bot.send_message(chat, tr!(lang, "stale-button")).await?;
        return Ok(());
    };
    let tz = ctx.tz(pair.org_id).await;
    let now_local = ctx.now().with_timezone(&tz).naive_local();
    let planned = match rules::parse_schedule(msg.text().unwrap_or(""), now_local) {
        Some(Ok(p)) => p,
        Some(Err(e)) => {
            bot.send_message(chat, error_text(lang, e)).await?;
            return Ok(());
        }
        None => {
            bot.send_message(chat, tr!(lang, "meeting-ask-plan"))
                .await?;
            return Ok(());
        }
    };
    dialogue.exit().await?;
    let draft = MeetingDraft {
        starts: planned.starts(),
        minutes: planned.minutes_or_default(),
        topic: planned.topic.clone(),
        source: Some((chat.0, i64::from(msg.id.0))),
    };
    let reply = create(ctx, actor, &pair, mentee, &draft).await?;
    ui::send(bot, chat, reply.text.clone(), reply.keyboard()).await?;
    Ok(())
}

/// Text typed while the «С кем?» buttons wait.
pub async fn remind_who(bot: &Bot, msg: &Message, actor: &Actor) -> HandlerResult {
    bot.send_message(msg.chat.id, tr!(actor.lang, "meeting-choose-who"))
        .await?;
    Ok(())
}

pub async fn on_button(
    cb: &Callback<'_>,
    state: State,
    scope: &Scope,
    action: M,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let ctx = cb.ctx;
    let Some(pair) = scope.pair.clone() else {
        return Ok(Answered::Stale);
    };
    if pair.status != PairStatus::Active {
        return Ok(Answered::Stale);
    }
    let Some(me) = cb.actor.registered_user().map(|u| u.id) else {
        return Ok(Answered::Stale);
    };
    let tz = ctx.tz(pair.org_id).await;
    let now = ctx.now();
    let today = now.with_timezone(&tz).date_naive();
    if let M::Plan(_, mentee) = action {
        // the guided form's keyboard (the form itself gives way to the typed plan)
        if !matches!(state, State::Log(_)) || mentee.is_some_and(|m| !pair.mentees.contains(&m)) {
            return Ok(Answered::Stale);
        }
        cb.answer(None).await?;
        cb.dialogue
            .update(State::MeetingPlan {
                pair: pair.id,
                mentee,
            })
            .await?;
        cb.edit(tr!(lang, "meeting-ask-plan"), None).await?;
        return Ok(Answered::Done);
    }
    if let M::With(_, mentee) = action {
        let State::MeetingDraft(draft) = state else {
            return Ok(Answered::Stale);
        };
        if mentee.is_some_and(|m| !pair.mentees.contains(&m)) {
            return Ok(Answered::Stale);
        }
        cb.dialogue.exit().await?;
        cb.answer(None).await?;
        let reply = create(ctx, cb.actor, &pair, mentee, &draft).await?;
        cb.show(reply).await?;
        return Ok(Answered::Done);
    }
    let id = match action {
        M::Ics(i) | M::Move(i) | M::Cancel(i) | M::CancelYes(i) | M::Held(i) | M::Missed(i) => i,
        M::With(..) | M::Plan(..) => unreachable!("handled above"),
    };
    let Some(m) = meetings::get(&ctx.pool, id)
        .await?
        .filter(|m| m.pair_id == pair.id)
    else {
        return Ok(Answered::Stale);
    };
    // a typed new time this press replaces
    if matches!(state, State::MeetingMove { .. }) {
        cb.dialogue.exit().await?;
    }
    match action {
        M::Ics(_) => {
            cb.answer(None).await?;
            let summary = tr!(lang, "meeting-ics-summary", topic = m.topic.clone());
            let description = tr!(
                lang,
                "meeting-ics-description",
                mentor = pair.mentor_name.clone(),
                with = with_whom(&pair, &m)
            );
            let text = ics::meeting_ics(&CalendarMeeting {
                id: m.id,
                sequence: u32::try_from(m.moves).unwrap_or(0),
                starts: m.starts_at,
                minutes: m.minutes,
                summary: &summary,
                description: &description,
                tz,
                stamp: now,
            });
            cb.bot
                .send_document(
                    cb.chat(),
                    InputFile::memory(text.into_bytes()).file_name(ics::FILE_NAME),
                )
                .caption(tr!(lang, "meeting-ics-caption"))
                .await?;
            Ok(Answered::Done)
        }
        M::Move(_) if m.is_planned() => {
            cb.answer(None).await?;
            cb.dialogue.update(State::MeetingMove { id }).await?;
            ui::send(
                cb.bot,
                cb.chat(),
                tr!(
                    lang,
                    "meeting-ask-time",
                    when = when_text(lang, local(&m, tz), today)
                ),
                None,
            )
            .await?;
            Ok(Answered::Done)
        }
        M::Cancel(_) if m.is_planned() => {
            cb.answer(None).await?;
            let reply = Reply::new(tr!(
                lang,
                "meeting-ask-cancel",
                when = when_text(lang, local(&m, tz), today),
                topic = m.topic.clone()
            ))
            .button(Button::new(
                tr!(lang, "btn-meeting-cancel-yes"),
                M::CancelYes(id),
            ));
            ui::send(cb.bot, cb.chat(), reply.text.clone(), reply.keyboard()).await?;
            Ok(Answered::Done)
        }
        M::CancelYes(_) => {
            let Some(m) = meetings::settle(&ctx.pool, id, MeetingStatus::Cancelled, now).await?
            else {
                return Ok(Answered::Stale);
            };
            cb.answer(None).await?;
            let when = |l: Lang| when_text(l, local(&m, tz), today);
            cb.edit(
                tr!(
                    lang,
                    "meeting-cancelled",
                    when = when(lang),
                    topic = m.topic.clone()
                ),
                None,
            )
            .await?;
            let who = cb
                .actor
                .registered_user()
                .map(|u| u.display_name())
                .unwrap_or_default();
            for u in people(&pair, &m).into_iter().filter(|u| *u != me) {
                let l = ctx.notifier.lang_of(u).await;
                let text = tr!(
                    l,
                    "meeting-cancelled-party",
                    who = who.clone(),
                    gender = gender(&who),
                    when = when(l),
                    topic = m.topic.clone()
                );
                ctx.notifier.tell(u, text, None).await;
            }
            Ok(Answered::Done)
        }
        M::Held(_) if m.status() != MeetingStatus::Planned && m.status() != MeetingStatus::Held => {
            Ok(Answered::Stale)
        }
        M::Held(_) => {
            let on_date = local(&m, tz).date();
            let minutes = u32::try_from(m.minutes).unwrap_or(rules::DEFAULT_MINUTES);
            match meetings::held(&ctx.pool, id, on_date, minutes, me, now).await {
                Ok((_, entry, fresh)) => {
                    cb.answer(None).await?;
                    let text = tr!(
                        lang,
                        "log-saved",
                        entry = entry_line(ctx, lang, &entry, true, Some(&pair)).await
                    );
                    cb.edit(text, Some(confirmation_keyboard(lang, &entry)))
                        .await?;
                    if fresh {
                        after_meeting_logged(ctx, &pair).await?;
                    }
                    Ok(Answered::Done)
                }
                Err(e) => match refusal(lang, &e) {
                    Some(_) => Ok(Answered::Stale),
                    None => Err(e.into()),
                },
            }
        }
        M::Missed(_) => {
            let Some(m) = meetings::settle(&ctx.pool, id, MeetingStatus::Missed, now).await? else {
                return Ok(Answered::Stale);
            };
            cb.answer(None).await?;
            cb.edit(
                tr!(
                    lang,
                    "meeting-missed",
                    when = when_text(lang, local(&m, tz), today),
                    topic = m.topic.clone()
                ),
                None,
            )
            .await?;
            Ok(Answered::Done)
        }
        // moving or cancelling a meeting that is no longer planned
        M::Move(_) | M::Cancel(_) | M::With(..) | M::Plan(..) => Ok(Answered::Stale),
    }
}

/// The new time typed after «Перенести».
pub async fn on_move_text(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
) -> HandlerResult {
    let lang = actor.lang;
    let chat = msg.chat.id;
    let me = actor.registered_user().map(|u| u.id);
    let found = match meetings::get(&ctx.pool, id)
        .await?
        .filter(|m| m.is_planned())
    {
        Some(m) => pairs::get(&ctx.pool, m.pair_id)
            .await?
            .filter(|p| p.status == PairStatus::Active)
            .filter(|p| actor.is_mentor_of(p.mentor_id) || actor.is_mentee_in(&p.mentees))
            .map(|p| (m, p)),
        None => None,
    };
    let (Some((m, pair)), Some(me)) = (found, me) else {
        dialogue.exit().await?;
        bot.send_message(chat, tr!(lang, "stale-button")).await?;
        return Ok(());
    };
    let tz = ctx.tz(pair.org_id).await;
    let now = ctx.now();
    let now_local = now.with_timezone(&tz).naive_local();
    let starts = match rules::parse_new_time(msg.text().unwrap_or(""), now_local) {
        Ok(s) => s,
        Err(e) => {
            let key = match e {
                ScheduleError::BadDate => "meeting-err-new-time",
                other => other.key(),
            };
            bot.send_message(chat, tr!(lang, key, max = 0)).await?;
            return Ok(());
        }
    };
    dialogue.exit().await?;
    let Some(moved) = meetings::move_to(
        &ctx.pool,
        id,
        at_local(tz, starts.date(), starts.time()),
        now,
    )
    .await?
    else {
        bot.send_message(chat, tr!(lang, "stale-button")).await?;
        return Ok(());
    };
    let today = now_local.date();
    let reply = card(lang, "meeting-moved", &moved, &pair, tz, today);
    ui::send(bot, chat, reply.text.clone(), reply.keyboard()).await?;
    let who = actor
        .registered_user()
        .map(|u| u.display_name())
        .unwrap_or_default();
    let old = local(&m, tz);
    for u in people(&pair, &moved).into_iter().filter(|u| *u != me) {
        let l = ctx.notifier.lang_of(u).await;
        let mut r = card(l, "meeting-moved-party", &moved, &pair, tz, today);
        r.text = tr!(
            l,
            "meeting-moved-by",
            who = who.clone(),
            gender = gender(&who),
            old = when_text(l, old, today)
        ) + "\n"
            + &r.text;
        ctx.notifier.tell_reply(u, r).await;
    }
    Ok(())
}

/// After a meeting is logged (typed or confirmed): a flash-mentoring pair — one meeting is
/// its whole programme — ends with its plan completed, and the exit surveys go out.
pub async fn after_meeting_logged(ctx: &Ctx, pair: &Pair) -> HandlerResult {
    if !crate::domain::pair::is_flash(&pair.forms) || pair.status != PairStatus::Active {
        return Ok(());
    }
    let mut tx = crate::db::write(&ctx.pool).await?;
    match pairs::end_in(
        &mut tx,
        pair.id,
        EndReason::PlanCompleted,
        None,
        Some("flash"),
        ctx.now(),
    )
    .await
    {
        Ok(_) => tx.commit().await?,
        // ended meanwhile
        Err(crate::repo::requests::RequestError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    }
    for u in std::iter::once(pair.mentor_id).chain(pair.mentees.iter().copied()) {
        let l = ctx.notifier.lang_of(u).await;
        ctx.notifier
            .tell(u, tr!(l, "meeting-flash-done"), None)
            .await;
    }
    super::monitoring::on_pair_ended(ctx, pair.id, None).await;
    Ok(())
}
