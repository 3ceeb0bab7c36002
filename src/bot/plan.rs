//! The pair's program in Telegram: `/plan` (goals and items), `/task`, the mentee's
//! «Выполнено» with the product and self-assessment, and the mentor's check
//! («Принято» / «На доработку»). Callback prefix: `pl`.

use super::action::journal::PlanAction;
use super::actor::Actor;
use super::cards::refusal;
use super::format::{date, gender, short};
use super::reply::{markup, Button};
use super::state::{LogForm, PlanItemForm, PlanReason, State, Submission};
use super::ui::{self, Answered, Callback};
use super::{Ctx, Dlg, HandlerError, HandlerResult};
use crate::domain::journal::{self as rules, PlanStatus};
use crate::domain::pair::PairStatus;
use crate::domain::Area;
use crate::i18n::Lang;
use crate::repo::journal::{self, JournalError, NewItem, PlanItem, Product};
use crate::repo::pairs::{self, Pair};
use chrono::{Duration, NaiveDate};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, InputFile};

use super::action::plan_edit::DEADLINE_PRESETS;

fn status_label(lang: Lang, item: &PlanItem, today: chrono::NaiveDate) -> String {
    tr!(
        lang,
        &format!("plan-status-{}", item.status().shown(item.deadline, today))
    )
}

/// The program as text, with the buttons this person may use.
pub async fn plan_view(
    ctx: &Ctx,
    actor: &Actor,
    pair: &Pair,
) -> Result<(String, InlineKeyboardMarkup), HandlerError> {
    let lang = actor.lang;
    let mentor = actor.is_mentor_of(pair.mentor_id);
    let me_as_mentee = actor.as_mentee().filter(|me| pair.mentees.contains(me));
    let today = ctx.today(pair.org_id).await;
    // cancelled items stay in the plan, shown as cancelled; changes show under their item
    let items = crate::repo::plan_edits::items_with_cancelled(&ctx.pool, pair.id).await?;
    // changes belong to items: a plan without items needs no second read
    let changes = if items.is_empty() {
        Vec::new()
    } else {
        crate::repo::plan_edits::of_pair(&ctx.pool, pair.id).await?
    };
    let mentees = pair.mentee_names_joined();
    let mut text = tr!(
        lang,
        "plan-header",
        id = pair.id,
        mentees = mentees,
        end = date(pair.planned_end)
    );
    if items.is_empty() {
        text.push_str("\n\n");
        text.push_str(&tr!(
            lang,
            if mentor {
                "plan-empty-mentor"
            } else {
                "plan-empty"
            }
        ));
    }
    let mut rows: Vec<Vec<Button>> = Vec::new();
    for (n, it) in items.iter().enumerate() {
        let deadline = it
            .deadline
            .map(|d| tr!(lang, "plan-deadline", date = date(d)))
            .unwrap_or_default();
        let area = it
            .area
            .as_deref()
            .and_then(Area::from_code)
            .map(|a| format!(" · {}", tr!(lang, &a.key())))
            .unwrap_or_default();
        let kind = if it.kind == "goal" {
            tr!(lang, "plan-goal")
        } else {
            String::new()
        };
        text.push_str(&format!(
            "\n{}. {}{}{}{} — {}",
            n + 1,
            kind,
            it.title,
            deadline,
            area,
            status_label(lang, it, today)
        ));
        for (c, _) in changes.iter().filter(|(c, _)| c.item_id == it.id) {
            text.push_str(&format!(
                "\n    ↳ {}",
                super::plan_edit::change_text(lang, c)
            ));
        }
        if pair.status != PairStatus::Active {
            continue;
        }
        let for_me = me_as_mentee.is_some_and(|me| it.mentee_id.is_none_or(|m| m == me));
        let edit = || super::plan_edit::menu_button(tr!(lang, "btn-pe-menu"), it.id);
        if for_me && it.status().is_open() && it.kind != "goal" {
            rows.push(vec![
                Button::new(
                    tr!(lang, "btn-plan-submit", title = short(&it.title)),
                    PlanAction::Submit(it.id),
                ),
                edit(),
            ]);
        } else if (for_me || mentor) && super::plan_edit::changeable(it) {
            rows.push(vec![super::plan_edit::menu_button(
                tr!(lang, "btn-pe-menu-item", title = short(&it.title)),
                it.id,
            )]);
        }
        if mentor && it.status() == PlanStatus::Submitted {
            rows.push(vec![Button::new(
                tr!(lang, "btn-plan-check", title = short(&it.title)),
                PlanAction::Check(it.id),
            )]);
        }
    }
    // new items a mentee proposed, waiting for the mentor
    let (waiting, decide_rows) = super::programme::plan_lines(ctx, lang, pair, mentor).await?;
    text.push_str(&waiting);
    rows.extend(decide_rows);
    if me_as_mentee.is_some() && pair.status == PairStatus::Active {
        rows.push(vec![super::programme::propose_button(lang, pair.id)]);
    }
    if mentor && pair.status == PairStatus::Active {
        rows.push(vec![
            Button::new(
                tr!(lang, "btn-plan-add-goal"),
                PlanAction::Add {
                    pair: pair.id,
                    goal: true,
                },
            ),
            Button::new(
                tr!(lang, "btn-plan-add-item"),
                PlanAction::Add {
                    pair: pair.id,
                    goal: false,
                },
            ),
        ]);
    }
    Ok((text, markup(rows)))
}

/// `/plan`: the program of the person's pair; a curator chooses among the organization's pairs.
pub async fn command(bot: &Bot, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let chat = ChatId(actor.tg);
    let list = super::audience::readable_pairs(ctx, actor, me.id, false).await?;
    match list.len() {
        0 => {
            bot.send_message(chat, tr!(lang, "pairs-none")).await?;
        }
        1 => {
            let (text, kb) = plan_view(ctx, actor, &list[0]).await?;
            ui::send(bot, chat, text, Some(kb)).await?;
        }
        _ => {
            let mut rows = Vec::new();
            for p in list.iter().take(40) {
                let mentees = p.mentee_names_joined();
                rows.push(vec![Button::new(
                    format!("№{} · {}", p.id, mentees),
                    PlanAction::Open(p.id),
                )]);
            }
            ui::send(bot, chat, tr!(lang, "plan-choose"), Some(markup(rows))).await?;
        }
    }
    Ok(())
}

// ------------------------------------------------------------------ /task

/// Gives the task of a finished /task form: a plan item of the chosen pair.
pub async fn save_task(bot: &Bot, ctx: &Ctx, actor: &Actor, form: &LogForm) -> HandlerResult {
    let lang = actor.lang;
    let chat = ChatId(actor.tg);
    let me = actor.registered_user().ok_or("not registered")?;
    let (pair_id, mentee) = form.target.ok_or("no target")?;
    let Some(pair) = pairs::get(&ctx.pool, pair_id)
        .await?
        .filter(|p| actor.is_mentor_of(p.mentor_id))
    else {
        bot.send_message(chat, tr!(lang, "not-allowed")).await?;
        return Ok(());
    };
    let today = ctx.today(pair.org_id).await;
    let item = NewItem {
        pair_id,
        mentee_id: mentee,
        kind: "task",
        title: form.topic.clone().unwrap_or_default(),
        area: None,
        deadline: form.deadline,
        created_by: me.id,
        source: form.source,
    };
    match journal::add_item(&ctx.pool, &item, today, ctx.now()).await {
        Ok((id, is_new)) => {
            let deadline = form.deadline.map(date).unwrap_or_default();
            let saved = tr!(
                lang,
                "task-saved",
                title = item.title.clone(),
                deadline = deadline.clone()
            );
            // «Перенести срок» and «Изменить» right under the result
            let kb = markup(vec![vec![
                super::plan_edit::deadline_button(lang, id),
                super::plan_edit::menu_button(tr!(lang, "btn-pe-menu"), id),
            ]]);
            // the «Записываю…» left by the «Кому?» button becomes the result
            match form.placeholder {
                Some(pid) => {
                    ui::edit_text(bot, chat, teloxide::types::MessageId(pid), saved, Some(kb))
                        .await?
                }
                None => {
                    ui::send(bot, chat, saved, Some(kb)).await?;
                }
            }
            if is_new {
                let recipients: Vec<i64> = match mentee {
                    Some(m) => vec![m],
                    None => pair.mentees.clone(),
                };
                for m in recipients {
                    let l = ctx.notifier.lang_of(m).await;
                    let kb = markup(vec![vec![Button::new(
                        tr!(l, "btn-plan-submit", title = short(&item.title)),
                        PlanAction::Submit(id),
                    )]]);
                    let text = tr!(
                        l,
                        "task-to-mentee",
                        mentor = me.display_name(),
                        title = item.title.clone(),
                        deadline = deadline.clone()
                    );
                    ctx.notifier.tell(m, text, Some(kb)).await;
                }
            }
        }
        Err(e) => match refusal(lang, &e) {
            Some(t) => {
                bot.send_message(chat, t).await?;
            }
            None => return Err(e.into()),
        },
    }
    Ok(())
}

// ------------------------------------------------------------------ buttons

/// The plan's buttons, already authorized: the plan for its readers, form steps for the
/// person filling the form in, an item for its mentee (hand-in) or mentor (check).
pub async fn on_action(
    cb: &Callback<'_>,
    state: State,
    action: PlanAction,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    match action {
        PlanAction::Open(pair_id) => {
            let Some(pair) = pairs::get(&cb.ctx.pool, pair_id).await? else {
                return Ok(Answered::Stale);
            };
            let (text, kb) = plan_view(cb.ctx, cb.actor, &pair).await?;
            cb.edit(text, Some(kb)).await?;
            Ok(cb.answer(None).await?)
        }
        PlanAction::Add {
            pair: pair_id,
            goal,
        } => {
            let Some(pair) = pairs::get(&cb.ctx.pool, pair_id)
                .await?
                .filter(|p| p.status == PairStatus::Active)
            else {
                return Ok(Answered::Stale);
            };
            cb.dialogue
                .update(State::PlanItem(PlanItemForm {
                    pair_id: pair.id,
                    goal,
                    ..Default::default()
                }))
                .await?;
            ui::send(
                cb.bot,
                cb.chat(),
                tr!(
                    lang,
                    if goal {
                        "plan-ask-goal"
                    } else {
                        "plan-ask-title"
                    }
                ),
                None,
            )
            .await?;
            Ok(cb.answer(None).await?)
        }
        PlanAction::Area(_)
        | PlanAction::DeadlineIn(_)
        | PlanAction::DeadlineConfirmed(_)
        | PlanAction::DeadlineOther => {
            let State::PlanItem(mut form) = state else {
                return Ok(Answered::Stale);
            };
            if form.kb != Some(cb.message_id) || form.title.is_none() {
                return Ok(Answered::Stale);
            }
            if let PlanAction::Area(_) | PlanAction::DeadlineOther = action {
                if let PlanAction::Area(area) = action {
                    form.area = area.map(|a| a.code().to_string());
                } else if !form.deadline_step {
                    return Ok(Answered::Stale);
                }
                form.deadline_step = true;
                cb.edit(
                    tr!(lang, "plan-ask-deadline"),
                    Some(deadline_keyboard(lang)),
                )
                .await?;
                cb.dialogue.update(State::PlanItem(form)).await?;
                return Ok(cb.answer(None).await?);
            }
            let Some(pair) = pairs::get(&cb.ctx.pool, form.pair_id)
                .await?
                .filter(|p| cb.actor.is_mentor_of(p.mentor_id))
            else {
                return Ok(Answered::Stale);
            };
            let today = cb.ctx.today(pair.org_id).await;
            let deadline = match action {
                PlanAction::DeadlineIn(days) => (days > 0).then(|| today + Duration::days(days)),
                // a typed deadline the mentor confirmed: «Да, всё верно»
                PlanAction::DeadlineConfirmed(d) if d >= today && form.deadline_step => Some(d),
                _ => return Ok(Answered::Stale),
            };
            cb.answer(None).await?;
            cb.dialogue.exit().await?;
            let (text, kb) = store_item(
                cb.ctx,
                cb.actor,
                &form,
                &pair,
                deadline,
                today,
                (cb.chat().0, i64::from(cb.message_id)),
            )
            .await?;
            cb.edit(text, kb).await?;
            Ok(Answered::Done)
        }
        PlanAction::Submit(id) => {
            let Some(it) = submittable(cb.ctx, cb.actor, id).await? else {
                return Ok(Answered::Stale);
            };
            cb.dialogue
                .update(State::Submission(Submission {
                    item_id: it.id,
                    ..Default::default()
                }))
                .await?;
            ui::send(
                cb.bot,
                cb.chat(),
                tr!(lang, "plan-ask-product", title = it.title.clone()),
                None,
            )
            .await?;
            Ok(cb.answer(None).await?)
        }
        PlanAction::Score(_) | PlanAction::NoComment => {
            let State::Submission(mut sub) = state else {
                return Ok(Answered::Stale);
            };
            if sub.kb != Some(cb.message_id) || sub.product_kind.is_none() {
                return Ok(Answered::Stale);
            }
            if let PlanAction::Score(score) = action {
                sub.score = Some(score);
                let kb = markup(vec![vec![Button::new(
                    tr!(lang, "btn-no-comment"),
                    PlanAction::NoComment,
                )]]);
                cb.edit(tr!(lang, "plan-ask-self-comment", score = score), Some(kb))
                    .await?;
                cb.dialogue.update(State::Submission(sub)).await?;
                return Ok(cb.answer(None).await?);
            }
            if sub.score.is_none() {
                return Ok(Answered::Stale);
            }
            cb.answer(None).await?;
            cb.clear_keyboard().await?;
            cb.dialogue.exit().await?;
            submit(cb.bot, cb.ctx, cb.actor, &sub, None).await?;
            Ok(Answered::Done)
        }
        PlanAction::Check(id) => {
            let Some(it) = checkable(cb.ctx, cb.actor, id).await? else {
                return Ok(Answered::Stale);
            };
            cb.answer(None).await?;
            show_for_check(cb.bot, lang, cb.chat(), &it).await?;
            Ok(Answered::Done)
        }
        PlanAction::Accept(id) => {
            if checkable(cb.ctx, cb.actor, id).await?.is_none() {
                return Ok(Answered::Stale);
            }
            cb.answer(None).await?;
            cb.clear_keyboard().await?;
            check(cb.bot, cb.ctx, cb.actor, id, true, None).await?;
            Ok(Answered::Done)
        }
        PlanAction::Rework(id) => {
            let Some(it) = checkable(cb.ctx, cb.actor, id).await? else {
                return Ok(Answered::Stale);
            };
            cb.dialogue
                .update(State::reason(PlanReason::Rework, it.id))
                .await?;
            cb.clear_keyboard().await?;
            ui::send(cb.bot, cb.chat(), tr!(lang, "plan-ask-rework"), None).await?;
            Ok(cb.answer(None).await?)
        }
    }
}

/// An open item of an active pair that this mentee may mark done.
async fn submittable(ctx: &Ctx, actor: &Actor, id: i64) -> Result<Option<PlanItem>, HandlerError> {
    let Some(me) = actor.as_mentee() else {
        return Ok(None);
    };
    let Some(it) = journal::item(&ctx.pool, id).await? else {
        return Ok(None);
    };
    let Some(pair) = pairs::get(&ctx.pool, it.pair_id).await? else {
        return Ok(None);
    };
    let mine = pair.mentees.contains(&me) && it.mentee_id.is_none_or(|m| m == me);
    Ok(
        (mine && it.status().is_open() && it.kind != "goal" && pair.status == PairStatus::Active)
            .then_some(it),
    )
}

/// A submitted item of this mentor's active pair.
async fn checkable(ctx: &Ctx, actor: &Actor, id: i64) -> Result<Option<PlanItem>, HandlerError> {
    let Some(it) = journal::item(&ctx.pool, id).await? else {
        return Ok(None);
    };
    let Some(pair) = pairs::get(&ctx.pool, it.pair_id).await? else {
        return Ok(None);
    };
    Ok((actor.is_mentor_of(pair.mentor_id)
        && it.status() == PlanStatus::Submitted
        && pair.status == PairStatus::Active)
        .then_some(it))
}

fn deadline_keyboard(lang: Lang) -> InlineKeyboardMarkup {
    let mut row: Vec<Button> = DEADLINE_PRESETS
        .iter()
        .map(|d| {
            Button::new(
                tr!(lang, "plan-in-days", days = *d),
                PlanAction::DeadlineIn(*d),
            )
        })
        .collect();
    row.push(Button::new(
        tr!(lang, "plan-no-deadline"),
        PlanAction::DeadlineIn(0),
    ));
    markup(vec![row])
}

/// Stores a new plan item of `form` and answers with the plan (or why it was refused).
async fn store_item(
    ctx: &Ctx,
    actor: &Actor,
    form: &PlanItemForm,
    pair: &Pair,
    deadline: Option<NaiveDate>,
    today: NaiveDate,
    source: (i64, i64),
) -> Result<(String, Option<InlineKeyboardMarkup>), HandlerError> {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?.id;
    let item = NewItem {
        pair_id: pair.id,
        mentee_id: None,
        kind: if form.goal { "goal" } else { "item" },
        title: form.title.clone().unwrap_or_default(),
        area: form.area.clone(),
        deadline,
        created_by: me,
        source: Some(source),
    };
    match journal::add_item(&ctx.pool, &item, today, ctx.now()).await {
        Ok(_) => {
            let (text, kb) = plan_view(ctx, actor, pair).await?;
            Ok((
                format!("{}\n\n{}", tr!(lang, "plan-item-saved"), text),
                Some(kb),
            ))
        }
        Err(e) => match refusal(lang, &e) {
            Some(t) => Ok((t, None)),
            None => Err(e.into()),
        },
    }
}

/// A deadline typed at the plan form's deadline step: stored at once, or first confirmed when
/// it falls after the programme's end or was read as next year's day.
async fn on_typed_deadline(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    mut form: PlanItemForm,
) -> HandlerResult {
    let lang = actor.lang;
    let Some(pair) = pairs::get(&ctx.pool, form.pair_id)
        .await?
        .filter(|p| actor.is_mentor_of(p.mentor_id) && p.status == PairStatus::Active)
    else {
        dialogue.exit().await?;
        bot.send_message(msg.chat.id, tr!(lang, "stale-button"))
            .await?;
        return Ok(());
    };
    let today = ctx.today(pair.org_id).await;
    let (deadline, rolled) = match rules::typed_deadline(msg.text().unwrap_or(""), today) {
        Ok(d) => d,
        Err(e) => {
            let why = tr!(lang, e.key(), max = rules::MAX_TOPIC_CHARS);
            bot.send_message(
                msg.chat.id,
                format!("{why}\n\n{}", tr!(lang, "plan-deadline-typed-hint")),
            )
            .await?;
            return Ok(());
        }
    };
    if let Some(concern) = rules::deadline_concern(deadline, rolled, pair.planned_end) {
        let text = match concern {
            rules::DeadlineConcern::AfterEnd(end) => tr!(
                lang,
                "deadline-after-end",
                date = date(deadline),
                end = date(end)
            ),
            rules::DeadlineConcern::NextYear => {
                tr!(lang, "deadline-next-year", date = date(deadline))
            }
        };
        let kb = markup(vec![vec![
            Button::new(
                tr!(lang, "btn-deadline-right"),
                PlanAction::DeadlineConfirmed(deadline),
            ),
            Button::new(tr!(lang, "btn-deadline-other"), PlanAction::DeadlineOther),
        ]]);
        let sent = ui::send(bot, msg.chat.id, text, Some(kb)).await?;
        form.kb = Some(sent.id.0);
        dialogue.update(State::PlanItem(form)).await?;
        return Ok(());
    }
    dialogue.exit().await?;
    let (text, kb) = store_item(
        ctx,
        actor,
        &form,
        &pair,
        Some(deadline),
        today,
        (msg.chat.id.0, i64::from(msg.id.0)),
    )
    .await?;
    ui::send(bot, msg.chat.id, text, kb).await?;
    Ok(())
}

/// Title typed for a new plan item.
pub async fn on_item_text(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    mut form: PlanItemForm,
) -> HandlerResult {
    let lang = actor.lang;
    if form.deadline_step {
        return on_typed_deadline(bot, msg, dialogue, ctx, actor, form).await;
    }
    if form.title.is_some() {
        bot.send_message(msg.chat.id, tr!(lang, "use-buttons-or-cancel"))
            .await?;
        return Ok(());
    }
    let title = rules::clean_text(msg.text().unwrap_or(""));
    if title.is_empty() || title.chars().count() > rules::MAX_TOPIC_CHARS {
        bot.send_message(
            msg.chat.id,
            tr!(lang, "log-err-topic-long", max = rules::MAX_TOPIC_CHARS),
        )
        .await?;
        return Ok(());
    }
    form.title = Some(title);
    let mut rows: Vec<Vec<Button>> = Area::ALL
        .iter()
        .map(|a| vec![Button::new(tr!(lang, &a.key()), PlanAction::Area(Some(*a)))])
        .collect();
    rows.push(vec![Button::new(
        tr!(lang, "plan-no-area"),
        PlanAction::Area(None),
    )]);
    let sent = ui::send(
        bot,
        msg.chat.id,
        tr!(lang, "plan-ask-area"),
        Some(markup(rows)),
    )
    .await?;
    form.kb = Some(sent.id.0);
    dialogue.update(State::PlanItem(form)).await?;
    Ok(())
}

/// The product (text, link, photo or file) or the self-assessment comment.
pub async fn on_submission_message(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    mut sub: Submission,
) -> HandlerResult {
    let lang = actor.lang;
    if sub.product_kind.is_none() {
        if let Some(photo) = msg
            .photo()
            .and_then(|p| p.iter().max_by_key(|s| s.width * s.height))
        {
            sub.product_kind = Some("photo".into());
            sub.file_id = Some(photo.file.id.to_string());
            sub.text = msg.caption().map(rules::clean_text);
        } else if let Some(doc) = msg.document() {
            sub.product_kind = Some("document".into());
            sub.file_id = Some(doc.file.id.to_string());
            sub.text = msg.caption().map(rules::clean_text);
        } else if let Some(text) = msg.text() {
            let text = text.trim();
            if text.is_empty() || text.chars().count() > rules::MAX_SOS_CHARS {
                bot.send_message(
                    msg.chat.id,
                    tr!(lang, "text-too-long", max = rules::MAX_SOS_CHARS),
                )
                .await?;
                return Ok(());
            }
            let is_link =
                url::Url::parse(text).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
            sub.product_kind = Some(if is_link { "link" } else { "text" }.into());
            sub.text = Some(text.to_string());
        } else {
            bot.send_message(msg.chat.id, tr!(lang, "plan-product-kinds"))
                .await?;
            return Ok(());
        }
        let row = (1..=5)
            .map(|n| Button::new(n.to_string(), PlanAction::Score(n)))
            .collect();
        let sent = ui::send(
            bot,
            msg.chat.id,
            tr!(lang, "plan-ask-score"),
            Some(markup(vec![row])),
        )
        .await?;
        sub.kb = Some(sent.id.0);
        dialogue.update(State::Submission(sub)).await?;
        return Ok(());
    }
    if sub.score.is_none() {
        bot.send_message(msg.chat.id, tr!(lang, "use-buttons-or-cancel"))
            .await?;
        return Ok(());
    }
    let Some(text) = msg.text().map(rules::clean_text).filter(|t| !t.is_empty()) else {
        bot.send_message(msg.chat.id, tr!(lang, "err-need-text"))
            .await?;
        return Ok(());
    };
    if text.chars().count() > rules::MAX_TOPIC_CHARS {
        bot.send_message(
            msg.chat.id,
            tr!(lang, "log-err-topic-long", max = rules::MAX_TOPIC_CHARS),
        )
        .await?;
        return Ok(());
    }
    if let Some(kb) = sub.kb {
        let _ = ui::edit_keyboard(
            bot,
            msg.chat.id,
            teloxide::types::MessageId(kb),
            InlineKeyboardMarkup::default(),
        )
        .await;
    }
    dialogue.exit().await?;
    submit(bot, ctx, actor, &sub, Some(&text)).await
}

async fn submit(
    bot: &Bot,
    ctx: &Ctx,
    actor: &Actor,
    sub: &Submission,
    comment: Option<&str>,
) -> HandlerResult {
    let lang = actor.lang;
    let chat = ChatId(actor.tg);
    let me = actor.registered_user().ok_or("not registered")?;
    if submittable(ctx, actor, sub.item_id).await?.is_none() {
        bot.send_message(chat, tr!(lang, "stale-button")).await?;
        return Ok(());
    }
    let product = Product {
        kind: sub.product_kind.clone().unwrap_or_else(|| "text".into()),
        text: sub.text.clone(),
        file_id: sub.file_id.clone(),
        score: sub.score.unwrap_or(3),
        comment: comment.map(str::to_string),
    };
    match journal::submit_item(&ctx.pool, sub.item_id, &product, ctx.now()).await {
        Ok(it) => {
            bot.send_message(chat, tr!(lang, "plan-submitted", title = it.title.clone()))
                .await?;
            if let Some(pair) = pairs::get(&ctx.pool, it.pair_id).await? {
                let ml = ctx.notifier.lang_of(pair.mentor_id).await;
                let text = tr!(
                    ml,
                    "plan-submitted-mentor",
                    gender = gender(&me.display_name()),
                    name = me.display_name(),
                    title = it.title.clone()
                );
                let kb = markup(vec![vec![Button::new(
                    tr!(ml, "btn-plan-check", title = short(&it.title)),
                    PlanAction::Check(it.id),
                )]]);
                ctx.notifier.tell(pair.mentor_id, text, Some(kb)).await;
            }
        }
        Err(e) => match refusal(lang, &e) {
            Some(t) => {
                bot.send_message(chat, t).await?;
            }
            None => return Err(e.into()),
        },
    }
    Ok(())
}

/// Shows the mentor the product (the file itself too) with «Принято» / «На доработку».
async fn show_for_check(bot: &Bot, lang: Lang, chat: ChatId, it: &PlanItem) -> HandlerResult {
    let text = tr!(
        lang,
        "plan-check-card",
        title = it.title.clone(),
        product = it.product_text.clone().unwrap_or_else(|| "—".into()),
        score = it.self_score.unwrap_or(0),
        comment = it.self_comment.clone().unwrap_or_else(|| "—".into())
    );
    let kb = markup(vec![vec![
        Button::new(tr!(lang, "btn-accept-work"), PlanAction::Accept(it.id)),
        Button::new(tr!(lang, "btn-rework"), PlanAction::Rework(it.id)),
    ]]);
    // the mentor's own chat, in answer to their press: sent directly, not through the outbox
    if let Some(file) = &it.product_file_id {
        let input = InputFile::file_id(teloxide::types::FileId(file.clone()));
        let sent = match it.product_kind.as_deref() {
            Some("photo") => bot.send_photo(chat, input).await.map(|_| ()),
            _ => bot.send_document(chat, input).await.map(|_| ()),
        };
        if let Err(e) = sent {
            tracing::warn!(error = %e, "cannot show the product file");
        }
    }
    ui::send(bot, chat, text, Some(kb)).await?;
    Ok(())
}

/// The mentor's check; the mentee is told.
pub async fn check(
    bot: &Bot,
    ctx: &Ctx,
    actor: &Actor,
    item_id: i64,
    accepted: bool,
    comment: Option<&str>,
) -> HandlerResult {
    let lang = actor.lang;
    let chat = ChatId(actor.tg);
    let me = actor.registered_user().ok_or("not registered")?;
    let Some(it) = checkable(ctx, actor, item_id).await? else {
        bot.send_message(chat, tr!(lang, "stale-button")).await?;
        return Ok(());
    };
    let Some(pair) = pairs::get(&ctx.pool, it.pair_id).await? else {
        return Ok(());
    };
    let today = ctx.today(pair.org_id).await;
    match journal::check_item(
        &ctx.pool,
        item_id,
        accepted,
        comment,
        me.id,
        today,
        ctx.now(),
    )
    .await
    {
        Ok(it) => {
            bot.send_message(
                chat,
                tr!(
                    lang,
                    if accepted {
                        "plan-accepted-mentor"
                    } else {
                        "plan-rework-mentor"
                    },
                    title = it.title.clone()
                ),
            )
            .await?;
            let recipients: Vec<i64> = match it.mentee_id {
                Some(m) => vec![m],
                None => pair.mentees.clone(),
            };
            for m in recipients {
                let l = ctx.notifier.lang_of(m).await;
                let (text, kb) = if accepted {
                    (
                        tr!(l, "plan-accepted-mentee", title = it.title.clone()),
                        None,
                    )
                } else {
                    let kb = markup(vec![vec![Button::new(
                        tr!(l, "btn-plan-submit", title = short(&it.title)),
                        PlanAction::Submit(it.id),
                    )]]);
                    (
                        tr!(
                            l,
                            "plan-rework-mentee",
                            title = it.title.clone(),
                            comment = comment.unwrap_or("").to_string()
                        ),
                        Some(kb),
                    )
                };
                ctx.notifier.tell(m, text, kb).await;
            }
        }
        Err(JournalError::Stale) => {
            bot.send_message(chat, tr!(lang, "stale-button")).await?;
        }
        Err(e) => match refusal(lang, &e) {
            Some(t) => {
                bot.send_message(chat, t).await?;
            }
            None => return Err(e.into()),
        },
    }
    Ok(())
}
