//! The district's held events (проведённые мероприятия), recorded by the coordinator from
//! /calendar: «15.10 Семинар наставников» typed, then the organizations that took part
//! chosen page by page. The indicators «не менее 3 мероприятий» and the share of
//! organizations taking part count them (`domain::monitoring`).

use super::action::events::HeldEventAction as H;
use super::actor::Actor;
use super::format::date;
use super::reply::{multi_select, Button, Reply};
use super::state::{HeldEventForm, State};
use super::ui::{self, Answered, Callback};
use super::{Ctx, Dlg, HandlerError, HandlerResult};
use crate::domain::journal::{clean_text, parse_date_word, MAX_TOPIC_CHARS};
use crate::i18n::Lang;
use crate::repo::{events, orgs};
use chrono::NaiveDate;
use teloxide::prelude::*;

/// Organizations per page of the choice.
const PAGE: usize = 8;

/// The school year's first day for `today`.
fn year_start(today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(crate::domain::school::school_year(today), 9, 1).unwrap_or(today)
}

/// The part of /calendar about held events: this school year's, and the button to add one.
pub async fn section(ctx: &Ctx, lang: Lang) -> Result<(String, Vec<Button>), HandlerError> {
    let today = ctx.today(None).await;
    let held = events::between(&ctx.pool, year_start(today), today).await?;
    let mut text = tr!(lang, "held-header", count = held.len() as i64);
    let mut buttons = vec![Button::new(tr!(lang, "btn-held-add"), H::Start)];
    for (i, e) in held.iter().enumerate() {
        text.push_str(&format!(
            "\n{}",
            tr!(
                lang,
                "held-line",
                n = (i + 1) as i64,
                date = date(e.held_on),
                title = e.title.clone(),
                orgs = e.orgs.len() as i64
            )
        ));
        buttons.push(Button::new(
            tr!(lang, "btn-held-remove", n = (i + 1) as i64),
            H::Remove(e.id),
        ));
    }
    Ok((text, buttons))
}

/// The organizations' choice, one page of it.
async fn choice(ctx: &Ctx, lang: Lang, form: &HeldEventForm) -> Result<Reply, HandlerError> {
    let all = orgs::list(&ctx.pool).await?;
    let pages = all.len().div_ceil(PAGE).max(1);
    let page = form.page.min(pages - 1);
    let options = all
        .iter()
        .skip(page * PAGE)
        .take(PAGE)
        .map(|o| (H::Toggle(o.id), o.name.clone(), form.orgs.contains(&o.id)))
        .collect();
    let mut rows = multi_select(lang, options, H::Done);
    let done = rows.pop().unwrap_or_default();
    let mut nav = Vec::new();
    if page > 0 {
        nav.push(Button::new("◀", H::Page(page as i64 - 1)));
    }
    if page + 1 < pages {
        nav.push(Button::new("▶", H::Page(page as i64 + 1)));
    }
    rows.push(nav);
    rows.push(vec![Button::new(tr!(lang, "btn-held-all"), H::All)]);
    rows.push(done);
    Ok(Reply::new(tr!(
        lang,
        "held-ask-orgs",
        title = form.title.clone().unwrap_or_default(),
        date = form.held_on.map(date).unwrap_or_default(),
        chosen = form.orgs.len() as i64,
        page = (page + 1) as i64,
        pages = pages as i64
    ))
    .rows(rows))
}

pub async fn on_button(
    cb: &Callback<'_>,
    state: State,
    action: H,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let ctx = cb.ctx;
    match action {
        H::Start => {
            cb.answer(None).await?;
            ui::send(cb.bot, cb.chat(), tr!(lang, "held-ask-what"), None).await?;
            cb.dialogue
                .update(State::HeldEvent(HeldEventForm {
                    held_on: None,
                    title: None,
                    orgs: Vec::new(),
                    page: 0,
                    kb: None,
                }))
                .await?;
            Ok(Answered::Done)
        }
        H::Remove(id) => {
            let today = ctx.today(None).await;
            let held = events::between(&ctx.pool, year_start(today), today).await?;
            let Some(e) = held.into_iter().find(|e| e.id == id) else {
                return Ok(Answered::Stale);
            };
            events::remove(&ctx.pool, id).await?;
            cb.answer(None).await?;
            cb.edit(
                tr!(
                    lang,
                    "held-removed",
                    date = date(e.held_on),
                    title = e.title
                ),
                None,
            )
            .await?;
            Ok(Answered::Done)
        }
        H::Toggle(_) | H::Page(_) | H::All | H::Done => {
            let State::HeldEvent(mut form) = state else {
                return Ok(Answered::Stale);
            };
            if form.kb != Some(cb.message_id) || form.held_on.is_none() {
                return Ok(Answered::Stale);
            }
            let all: Vec<i64> = orgs::list(&ctx.pool).await?.iter().map(|o| o.id).collect();
            match action {
                H::Toggle(org) => {
                    if !all.contains(&org) {
                        return Ok(Answered::Stale);
                    }
                    match form.orgs.iter().position(|o| *o == org) {
                        Some(i) => {
                            form.orgs.remove(i);
                        }
                        None => form.orgs.push(org),
                    }
                }
                H::Page(p) => form.page = usize::try_from(p).unwrap_or(0),
                H::All => {
                    form.orgs = if form.orgs.len() == all.len() {
                        Vec::new()
                    } else {
                        all
                    };
                }
                _ => {
                    // «Готово»
                    if form.orgs.is_empty() {
                        return Ok(cb.answer(Some(tr!(lang, "held-need-orgs"))).await?);
                    }
                    let (Some(held_on), Some(title)) = (form.held_on, form.title.clone()) else {
                        return Ok(Answered::Stale);
                    };
                    let me = cb.actor.registered_user().map(|u| u.id);
                    events::record(&ctx.pool, &title, held_on, &form.orgs, me, ctx.now()).await?;
                    cb.dialogue.exit().await?;
                    cb.answer(None).await?;
                    cb.edit(
                        tr!(
                            lang,
                            "held-recorded",
                            date = date(held_on),
                            title = title,
                            orgs = form.orgs.len() as i64
                        ),
                        None,
                    )
                    .await?;
                    return Ok(Answered::Done);
                }
            }
            cb.answer(None).await?;
            let reply = choice(ctx, lang, &form).await?;
            cb.show(reply).await?;
            cb.dialogue.update(State::HeldEvent(form)).await?;
            Ok(Answered::Done)
        }
    }
}

/// «15.10 Семинар наставников»: the date it was held (not in the future) and its title.
pub async fn on_text(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    mut form: HeldEventForm,
) -> HandlerResult {
    let lang = actor.lang;
    let chat = msg.chat.id;
    if form.held_on.is_some() {
        bot.send_message(chat, tr!(lang, "held-use-buttons"))
            .await?;
        return Ok(());
    }
    let text = msg.text().unwrap_or("").trim();
    let today = ctx.today(None).await;
    let (first, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let held_on = match parse_date_word(first, today) {
        Ok(Some(d)) => d,
        Err(crate::domain::journal::QuickLogError::FutureDate) => {
            bot.send_message(chat, tr!(lang, "held-future")).await?;
            return Ok(());
        }
        Ok(None) | Err(_) => {
            bot.send_message(chat, tr!(lang, "held-bad-date")).await?;
            return Ok(());
        }
    };
    let title = clean_text(rest);
    if title.is_empty() || title.chars().count() > MAX_TOPIC_CHARS {
        bot.send_message(chat, tr!(lang, "held-bad-title")).await?;
        return Ok(());
    }
    form.held_on = Some(held_on);
    form.title = Some(title);
    let reply = choice(ctx, lang, &form).await?;
    let sent = ui::send(bot, chat, reply.text.clone(), reply.keyboard()).await?;
    form.kb = Some(sent.id.0);
    dialogue.update(State::HeldEvent(form)).await?;
    Ok(())
}
