//! Changing plan items and tasks: «Перенести срок», «Изменить» (the title), «Отменить».
//! The pair's mentor changes at once and the mentees are told; a mentee proposes and the
//! mentor confirms with one tap («Согласовать» / «Оставить как было»). Every change is kept
//! (`repo::plan_edits`) and shows in the plan and in the pair's history.

use super::action::journal::PlanAction;
use super::action::plan_edit::{PlanEditAction as P, DEADLINE_PRESETS};
use super::actor::Actor;
use super::audience::name_of;
use super::cards::refusal;
use super::format::{date, short};
use super::reply::{markup, Button, Reply};
use super::state::State;
use super::ui::{self, Answered, Callback};
use super::{Ctx, Dlg, HandlerError, HandlerResult};
use crate::domain::journal::{self as rules, DeadlineConcern, PlanStatus};
use crate::domain::pair::PairStatus;
use crate::i18n::Lang;
use crate::repo::journal::{self, JournalError, PlanItem};
use crate::repo::pairs::{self, Pair};
use crate::repo::plan_edits::{self, Change, Edit};
use chrono::{Duration, NaiveDate};
use teloxide::prelude::*;

/// An item that this person may change now, with its pair and in which capacity.
struct Editor {
    item: PlanItem,
    pair: Pair,
    /// The pair's mentor (changes at once); otherwise a mentee of the item (proposes).
    mentor: bool,
    me: i64,
    today: NaiveDate,
}

/// Whether an item can still be changed: neither done nor cancelled.
pub fn changeable(it: &PlanItem) -> bool {
    !matches!(it.status(), PlanStatus::Done | PlanStatus::Cancelled)
}

async fn editor(ctx: &Ctx, actor: &Actor, item_id: i64) -> Result<Option<Editor>, HandlerError> {
    let Some(me) = actor.registered_user().map(|u| u.id) else {
        return Ok(None);
    };
    let Some(item) = journal::item(&ctx.pool, item_id).await?.filter(changeable) else {
        return Ok(None);
    };
    let Some(pair) = pairs::get(&ctx.pool, item.pair_id)
        .await?
        .filter(|p| p.status == PairStatus::Active)
    else {
        return Ok(None);
    };
    let mentor = actor.is_mentor_of(pair.mentor_id);
    let mentee = actor
        .as_mentee()
        .is_some_and(|m| pair.mentees.contains(&m) && item.mentee_id.is_none_or(|x| x == m));
    if !mentor && !mentee {
        return Ok(None);
    }
    let today = ctx.today(pair.org_id).await;
    Ok(Some(Editor {
        item,
        pair,
        mentor,
        me,
        today,
    }))
}

/// The «✏️» button of an item in the plan, a task's card or a deadline reminder.
pub fn menu_button(label: String, item_id: i64) -> Button {
    Button::new(label, P::Menu(item_id))
}

/// The «Перенести срок» button (the deadline question straight away).
pub fn deadline_button(lang: Lang, item_id: i64) -> Button {
    Button::new(tr!(lang, "btn-pe-deadline"), P::Deadline(item_id))
}

fn shown_deadline(lang: Lang, d: Option<NaiveDate>) -> String {
    d.map(date).unwrap_or_else(|| tr!(lang, "pe-no-deadline"))
}

fn shown_value(lang: Lang, c: &Change, v: Option<&str>) -> String {
    match c.field.as_str() {
        "deadline" => shown_deadline(lang, v.and_then(|v| v.parse().ok())),
        _ => v.unwrap_or("").to_string(),
    }
}

/// One change in words: «срок 01.10.2026 → 15.10.2026», with a proposal's or refusal's mark.
pub fn change_text(lang: Lang, c: &Change) -> String {
    tr!(
        lang,
        "pe-change",
        field = c.field.clone(),
        state = c.state.clone(),
        old = shown_value(lang, c, c.old_value.as_deref()),
        new = shown_value(lang, c, c.new_value.as_deref())
    )
}

/// Lines for a pair's history: when, who, which item, what changed.
pub async fn history_lines(
    ctx: &Ctx,
    lang: Lang,
    pair_id: i64,
    with_time: bool,
) -> Result<Vec<String>, HandlerError> {
    let mut out = Vec::new();
    for (c, title) in plan_edits::of_pair(&ctx.pool, pair_id).await? {
        let at = c.decided_at.unwrap_or(c.created_at);
        let when = if with_time {
            at.format("%d.%m.%Y %H:%M")
        } else {
            at.format("%d.%m.%Y")
        };
        let who = name_of(&ctx.pool, c.proposed_by).await;
        out.push(tr!(
            lang,
            "pe-history-line",
            when = when.to_string(),
            who = who,
            title = short(&title),
            change = change_text(lang, &c)
        ));
    }
    // new items the mentee proposed, and the mentor's decisions
    out.extend(super::programme::history_lines(ctx, lang, pair_id, with_time).await?);
    Ok(out)
}

pub async fn on_button(
    cb: &Callback<'_>,
    state: State,
    action: P,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let item_id = match action {
        P::Menu(i)
        | P::Deadline(i)
        | P::DeadlineIn(i, _)
        | P::DeadlineOn(i, _)
        | P::Title(i)
        | P::Cancel(i)
        | P::CancelYes(i)
        | P::Approve(i, _)
        | P::Reject(i, _) => i,
    };
    let Some(ed) = editor(cb.ctx, cb.actor, item_id).await? else {
        return Ok(Answered::Stale);
    };
    // a typed answer this press replaces
    if matches!(state, State::PlanEdit { item, .. } if item == item_id) {
        cb.dialogue.exit().await?;
    }
    match action {
        P::Menu(_) => {
            cb.answer(None).await?;
            let reply = menu(lang, &ed);
            ui::send(cb.bot, cb.chat(), reply.text.clone(), reply.keyboard()).await?;
        }
        P::Deadline(_) => {
            cb.answer(None).await?;
            cb.dialogue
                .update(State::PlanEdit {
                    item: item_id,
                    title: false,
                })
                .await?;
            let row: Vec<Button> = DEADLINE_PRESETS
                .iter()
                .map(|d| {
                    Button::new(
                        tr!(lang, "plan-in-days", days = *d),
                        P::DeadlineIn(item_id, *d),
                    )
                })
                .collect();
            let key = if ed.mentor {
                "pe-ask-deadline"
            } else {
                "pe-ask-deadline-mentee"
            };
            let reply = Reply::new(tr!(
                lang,
                key,
                title = ed.item.title.clone(),
                deadline = shown_deadline(lang, ed.item.deadline)
            ))
            .row(row);
            ui::send(cb.bot, cb.chat(), reply.text.clone(), reply.keyboard()).await?;
        }
        P::DeadlineIn(_, days) => {
            cb.answer(None).await?;
            let new = ed.today + Duration::days(days);
            let reply = new_deadline(cb.ctx, lang, &ed, new, false).await?;
            cb.show(reply).await?;
        }
        P::DeadlineOn(_, d) => {
            if d < ed.today {
                return Ok(Answered::Stale);
            }
            cb.answer(None).await?;
            let reply = commit(cb.ctx, lang, &ed, Edit::Deadline(d)).await?;
            cb.show(reply).await?;
        }
        P::Title(_) => {
            cb.answer(None).await?;
            cb.dialogue
                .update(State::PlanEdit {
                    item: item_id,
                    title: true,
                })
                .await?;
            ui::send(
                cb.bot,
                cb.chat(),
                tr!(lang, "pe-ask-title", title = ed.item.title.clone()),
                None,
            )
            .await?;
        }
        P::Cancel(_) if ed.mentor => {
            cb.answer(None).await?;
            let reply =
                Reply::new(tr!(lang, "pe-ask-cancel", title = ed.item.title.clone())).button(
                    Button::new(tr!(lang, "btn-pe-cancel-yes"), P::CancelYes(item_id)),
                );
            ui::send(cb.bot, cb.chat(), reply.text.clone(), reply.keyboard()).await?;
        }
        P::CancelYes(_) if ed.mentor => {
            cb.answer(None).await?;
            let reply = commit(cb.ctx, lang, &ed, Edit::Cancel).await?;
            cb.show(reply).await?;
        }
        P::Approve(_, change) | P::Reject(_, change) if ed.mentor => {
            let accept = matches!(action, P::Approve(..));
            match plan_edits::decide(&cb.ctx.pool, item_id, change, accept, ed.me, cb.ctx.now())
                .await
            {
                Ok((c, it)) => {
                    cb.answer(None).await?;
                    // what was proposed, without the decision's mark (the text says it)
                    let c = Change {
                        state: "applied".into(),
                        ..c
                    };
                    let text = change_text(lang, &c);
                    cb.edit(
                        tr!(
                            lang,
                            if accept { "pe-approved" } else { "pe-rejected" },
                            title = short(&it.title),
                            change = text
                        ),
                        None,
                    )
                    .await?;
                    let l = cb.ctx.notifier.lang_of(c.proposed_by).await;
                    let told = tr!(
                        l,
                        if accept {
                            "pe-approved-mentee"
                        } else {
                            "pe-rejected-mentee"
                        },
                        title = it.title.clone(),
                        change = change_text(l, &c)
                    );
                    cb.ctx.notifier.tell(c.proposed_by, told, None).await;
                }
                Err(JournalError::Db(e)) => return Err(e.into()),
                Err(_) => return Ok(Answered::Stale),
            }
        }
        _ => return Ok(Answered::Stale),
    }
    Ok(Answered::Done)
}

/// What can be changed in an item, by whom.
fn menu(lang: Lang, ed: &Editor) -> Reply {
    let id = ed.item.id;
    let status = tr!(
        lang,
        &format!(
            "plan-status-{}",
            ed.item.status().shown(ed.item.deadline, ed.today)
        )
    );
    let text = tr!(
        lang,
        if ed.mentor {
            "pe-menu"
        } else {
            "pe-menu-mentee"
        },
        title = ed.item.title.clone(),
        deadline = shown_deadline(lang, ed.item.deadline),
        status = status
    );
    let mut reply = Reply::new(text).row(vec![
        Button::new(tr!(lang, "btn-pe-deadline"), P::Deadline(id)),
        Button::new(tr!(lang, "btn-pe-title"), P::Title(id)),
    ]);
    if ed.mentor {
        reply = reply.button(Button::new(tr!(lang, "btn-pe-cancel"), P::Cancel(id)));
    }
    reply
}

/// A new deadline: confirmed first when it falls after the programme's end (or was read as
/// next year's day), otherwise changed (the mentor) or proposed (a mentee).
async fn new_deadline(
    ctx: &Ctx,
    lang: Lang,
    ed: &Editor,
    new: NaiveDate,
    rolled: bool,
) -> Result<Reply, HandlerError> {
    if let Some(concern) = rules::deadline_concern(new, rolled, ed.pair.planned_end) {
        let text = match concern {
            DeadlineConcern::AfterEnd(end) => tr!(
                lang,
                "deadline-after-end",
                date = date(new),
                end = date(end)
            ),
            DeadlineConcern::NextYear => tr!(lang, "deadline-next-year", date = date(new)),
        };
        return Ok(Reply::new(text).row(vec![
            Button::new(
                tr!(lang, "btn-deadline-right"),
                P::DeadlineOn(ed.item.id, new),
            ),
            Button::new(tr!(lang, "btn-deadline-other"), P::Deadline(ed.item.id)),
        ]));
    }
    commit(ctx, lang, ed, Edit::Deadline(new)).await
}

/// Applies the mentor's change and tells the mentees, or records a mentee's proposal and asks
/// the mentor. Returns what the person sees.
async fn commit(ctx: &Ctx, lang: Lang, ed: &Editor, edit: Edit) -> Result<Reply, HandlerError> {
    let now = ctx.now();
    let result = if ed.mentor {
        plan_edits::apply(&ctx.pool, ed.item.id, &edit, ed.me, now).await
    } else {
        plan_edits::propose(&ctx.pool, ed.item.id, &edit, ed.me, now).await
    };
    let (before, change_id) = match result {
        Ok(r) => r,
        Err(JournalError::Stale) => return Ok(Reply::new(tr!(lang, "pe-unchanged"))),
        Err(e) => return Ok(Reply::new(refusal(lang, &e).ok_or(e)?)),
    };
    let Some(change) = plan_edits::change(&ctx.pool, change_id).await? else {
        return Ok(Reply::new(tr!(lang, "stale-button")));
    };
    let title = before.title.clone();
    let name = name_of(&ctx.pool, ed.me).await;
    if ed.mentor {
        let recipients = match before.mentee_id {
            Some(m) => vec![m],
            None => ed.pair.mentees.clone(),
        };
        for m in recipients {
            let l = ctx.notifier.lang_of(m).await;
            let text = tr!(
                l,
                "pe-told-mentee",
                title = title.clone(),
                change = change_text(l, &change)
            );
            let kb = (edit != Edit::Cancel).then(|| {
                markup(vec![vec![Button::new(
                    tr!(l, "btn-plan-submit", title = short(&title)),
                    PlanAction::Submit(before.id),
                )]])
            });
            ctx.notifier
                .tell(m, text, kb.filter(|_| before.status().is_open()))
                .await;
        }
        Ok(Reply::new(tr!(
            lang,
            "pe-done",
            title = title,
            change = change_text(lang, &change)
        )))
    } else {
        let mentor = ed.pair.mentor_id;
        let l = ctx.notifier.lang_of(mentor).await;
        let text = tr!(
            l,
            "pe-ask-mentor",
            name = name,
            title = title.clone(),
            change = change_text(
                l,
                &Change {
                    state: "applied".into(),
                    ..change.clone()
                }
            )
        );
        let kb = Reply::new("")
            .row(vec![
                Button::new(tr!(l, "btn-pe-approve"), P::Approve(before.id, change_id)),
                Button::new(tr!(l, "btn-pe-reject"), P::Reject(before.id, change_id)),
            ])
            .keyboard();
        ctx.notifier.tell(mentor, text, kb).await;
        Ok(Reply::new(tr!(
            lang,
            "pe-proposed",
            title = title,
            change = change_text(
                lang,
                &Change {
                    state: "applied".into(),
                    ..change
                }
            )
        )))
    }
}

/// A new deadline or title typed after «Перенести срок» / «Изменить».
pub async fn on_text(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    item: i64,
    title: bool,
) -> HandlerResult {
    let lang = actor.lang;
    let Some(ed) = editor(ctx, actor, item).await? else {
        dialogue.exit().await?;
        bot.send_message(msg.chat.id, tr!(lang, "stale-button"))
            .await?;
        return Ok(());
    };
    let text = msg.text().unwrap_or("");
    let reply = if title {
        let t = rules::clean_text(text);
        if t.is_empty() || t.chars().count() > rules::MAX_TOPIC_CHARS {
            bot.send_message(
                msg.chat.id,
                tr!(lang, "log-err-topic-long", max = rules::MAX_TOPIC_CHARS),
            )
            .await?;
            return Ok(());
        }
        dialogue.exit().await?;
        commit(ctx, lang, &ed, Edit::Title(t)).await?
    } else {
        match rules::typed_deadline(text, ed.today) {
            Ok((d, rolled)) => {
                dialogue.exit().await?;
                new_deadline(ctx, lang, &ed, d, rolled).await?
            }
            Err(e) => {
                let why = tr!(lang, e.key(), max = rules::MAX_TOPIC_CHARS);
                bot.send_message(
                    msg.chat.id,
                    format!("{why}\n\n{}", tr!(lang, "plan-deadline-typed-hint")),
                )
                .await?;
                return Ok(());
            }
        }
    };
    ui::send(bot, msg.chat.id, reply.text.clone(), reply.keyboard()).await?;
    Ok(())
}
