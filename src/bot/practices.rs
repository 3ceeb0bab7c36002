//! The bank of best practices: `/practice` (the mentor or curator submits one after a program
//! ended), moderation by the coordinator (`/moderate` and the cards), and `/practices <words>`
//! — search with paging in private, a short list in groups.

use super::actor::Actor;
use super::onboarding::{area_options, form_options};
use super::requests::{name_of, org_name};
use super::state::{PracticeForm, State};
use super::ui::{self, button, keyboard, Answered, Callback};
use super::{Ctx, Dlg, HandlerError, HandlerResult};
use crate::domain::{search, Area, Form, Role};
use crate::i18n::Lang;
use crate::repo::announcements::people_with_roles;
use crate::repo::practices::{self as repo, Decision, NewPractice, Practice, PracticeError, PracticeFile};
use crate::repo::pairs;
use teloxide::prelude::*;
use teloxide::types::{FileId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId};

const TITLE_LEN: (usize, usize) = (5, 150);
const DESCRIPTION_LEN: (usize, usize) = (30, 3000);
const MAX_FILES: usize = 5;
/// Practices listed in a group for one search.
const GROUP_RESULTS: u32 = 5;
/// Callback data is limited to 64 bytes.
const MAX_CALLBACK: usize = 64;

fn names<T: Copy>(lang: Lang, items: &[T], key: fn(T) -> String) -> String {
    items.iter().map(|i| tr!(lang, &key(*i))).collect::<Vec<_>>().join(", ")
}

fn form_name(lang: Lang, form: Option<Form>) -> String {
    form.map(|f| tr!(lang, &f.key())).unwrap_or_default()
}

/// The practice as everybody sees it (no names of people, the organization only).
async fn card(ctx: &Ctx, lang: Lang, p: &Practice) -> String {
    tr!(
        lang,
        "bank-card",
        title = p.title.clone(),
        areas = names(lang, &p.areas, Area::key),
        form = form_name(lang, p.form),
        org = org_name(&ctx.pool, p.org_id).await,
        description = p.description.clone(),
        files = p.files.len()
    )
}

// ------------------------------------------------------------------ submitting: /practice

/// Pairs this person may submit a practice for (finished programs only).
async fn submittable(ctx: &Ctx, actor: &Actor) -> Result<Vec<(i64, Option<i64>)>, HandlerError> {
    let Some(user) = actor.registered_user() else { return Ok(Vec::new()) };
    let mentor = if actor.has(Role::Mentor) { user.id } else { 0 };
    let list = repo::finished_pairs(&ctx.pool, mentor, &actor.orgs_for(Role::Curator)).await?;
    Ok(list.into_iter().map(|(id, org, _)| (id, org)).collect())
}

pub async fn submit_command(bot: &Bot, dialogue: &Dlg, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let lang = actor.lang;
    let list = submittable(ctx, actor).await?;
    if list.is_empty() {
        bot.send_message(ChatId(actor.tg), tr!(lang, "ps-no-finished")).await?;
        return Ok(());
    }
    let mut rows = Vec::new();
    for (id, _) in list.iter().take(30) {
        let Some(p) = pairs::get(&ctx.pool, *id).await? else { continue };
        let mentees = p.mentee_names_joined();
        let label = tr!(lang, "ps-pair-button", id = p.id, mentor = p.mentor_name.clone(), mentees = mentees);
        rows.push(vec![button(label, format!("ps:pair:{}", p.id))]);
    }
    let sent = bot.send_message(ChatId(actor.tg), tr!(lang, "ps-choose-pair")).reply_markup(keyboard(rows)).await?;
    dialogue.update(State::PracticeForm(PracticeForm { kb: Some(sent.id.0), ..Default::default() })).await?;
    Ok(())
}

fn length_ok(text: &str, (min, max): (usize, usize)) -> bool {
    (min..=max).contains(&text.chars().count())
}

fn submit_keyboard(lang: Lang) -> InlineKeyboardMarkup {
    keyboard(vec![vec![button(tr!(lang, "btn-ps-submit"), "ps:submit")]])
}

/// A message while the practice form is open: the title, the description or a file.
pub async fn on_message(bot: &Bot, msg: &Message, dialogue: &Dlg, actor: &Actor, mut form: PracticeForm) -> HandlerResult {
    let lang = actor.lang;
    let chat = msg.chat.id;
    let text = msg.text().map(str::trim);
    match (form.step, text) {
        (1, Some(t)) if length_ok(t, TITLE_LEN) => {
            form.title = t.to_string();
            form.step = 2;
            let sent = bot.send_message(chat, tr!(lang, "ps-ask-areas")).reply_markup(ui::multi_select(lang, "ps", &area_options(lang), &form.areas)).await?;
            form.kb = Some(sent.id.0);
        }
        (1, _) => {
            bot.send_message(chat, tr!(lang, "ps-title-length", min = TITLE_LEN.0, max = TITLE_LEN.1)).await?;
            return Ok(());
        }
        (4, Some(t)) if length_ok(t, DESCRIPTION_LEN) => {
            form.description = t.to_string();
            form.step = 5;
            let sent = bot.send_message(chat, tr!(lang, "ps-ask-files", max = MAX_FILES)).reply_markup(submit_keyboard(lang)).await?;
            form.kb = Some(sent.id.0);
        }
        (4, _) => {
            let len = text.map(|t| t.chars().count()).unwrap_or(0);
            bot.send_message(chat, tr!(lang, "ps-description-length", min = DESCRIPTION_LEN.0, max = DESCRIPTION_LEN.1, len = len)).await?;
            return Ok(());
        }
        (5, _) => {
            let file = match (msg.document(), msg.photo().and_then(|p| p.last())) {
                (Some(d), _) => Some(("document".to_string(), d.file.id.to_string(), d.file_name.clone().unwrap_or_default())),
                (None, Some(p)) => Some(("photo".to_string(), p.file.id.to_string(), String::new())),
                _ => None,
            };
            let Some(file) = file else {
                bot.send_message(chat, tr!(lang, "ps-files-hint")).reply_markup(submit_keyboard(lang)).await?;
                return Ok(());
            };
            if form.files.len() >= MAX_FILES {
                bot.send_message(chat, tr!(lang, "ps-files-full", max = MAX_FILES)).reply_markup(submit_keyboard(lang)).await?;
                return Ok(());
            }
            form.files.push(file);
            let sent = bot.send_message(chat, tr!(lang, "ps-file-added", count = form.files.len())).reply_markup(submit_keyboard(lang)).await?;
            form.kb = Some(sent.id.0);
        }
        _ => {
            bot.send_message(chat, tr!(lang, "use-buttons-or-cancel")).await?;
            return Ok(());
        }
    }
    dialogue.update(State::PracticeForm(form)).await?;
    Ok(())
}

pub async fn on_form_button(cb: &Callback<'_>, state: State, rest: &str) -> Result<Answered, HandlerError> {
    let State::PracticeForm(mut form) = state else { return Ok(Answered::Stale) };
    if form.kb != Some(cb.message_id) {
        return Ok(Answered::Stale);
    }
    let lang = cb.lang();
    let (action, arg) = rest.split_once(':').unwrap_or((rest, ""));
    match (form.step, action) {
        (0, "pair") => {
            let Ok(id) = arg.parse::<i64>() else { return Ok(Answered::Stale) };
            // only a finished pair of this mentor or curator
            if !submittable(cb.ctx, cb.actor).await?.iter().any(|(p, _)| *p == id) {
                return Ok(Answered::Stale);
            }
            form.pair_id = Some(id);
            form.step = 1;
            form.kb = None;
            cb.edit(tr!(lang, "ps-ask-title"), None).await?;
        }
        (2, "t") => {
            if Area::from_code(arg).is_none() {
                return Ok(Answered::Stale);
            }
            ui::toggle(&mut form.areas, arg);
            let kb = ui::multi_select(lang, "ps", &area_options(lang), &form.areas);
            cb.dialogue.update(State::PracticeForm(form)).await?;
            ui::edit_keyboard(cb.bot, cb.chat(), MessageId(cb.message_id), kb).await?;
            return Ok(Answered::NotYet);
        }
        (2, "done") => {
            if form.areas.is_empty() {
                return Ok(cb.answer(Some(tr!(lang, "err-choose-one"))).await?);
            }
            form.step = 3;
            let rows = form_options(lang).into_iter().map(|(code, label)| vec![button(label, format!("ps:form:{code}"))]).collect();
            cb.edit(tr!(lang, "ps-ask-form"), Some(keyboard(rows))).await?;
        }
        (3, "form") => {
            if Form::from_code(arg).is_none() {
                return Ok(Answered::Stale);
            }
            form.form = Some(arg.to_string());
            form.step = 4;
            form.kb = None;
            cb.edit(tr!(lang, "ps-ask-description", min = DESCRIPTION_LEN.0), None).await?;
        }
        (5, "submit") => return submit(cb, form).await,
        _ => return Ok(Answered::Stale),
    }
    cb.dialogue.update(State::PracticeForm(form)).await?;
    Ok(cb.answer(None).await?)
}

async fn submit(cb: &Callback<'_>, form: PracticeForm) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let (Some(user), Some(pair_id), Some(practice_form)) = (cb.actor.registered_user(), form.pair_id, form.form.as_deref().and_then(Form::from_code)) else {
        return Ok(Answered::Stale);
    };
    let new = NewPractice {
        pair_id,
        author_id: user.id,
        title: form.title.clone(),
        areas: form.areas.iter().filter_map(|c| Area::from_code(c)).collect(),
        form: practice_form,
        description: form.description.clone(),
        files: form.files.iter().map(|(kind, file_id, name)| PracticeFile { kind: kind.clone(), file_id: file_id.clone(), name: name.clone() }).collect(),
    };
    cb.dialogue.exit().await?;
    match repo::submit(&cb.ctx.pool, &new, cb.ctx.now()).await {
        Ok(id) => {
            // only a coordinator moderates: with none, the author is told so and the admins are
            // asked to appoint one (the practice waits in /moderate)
            let moderators = people_with_roles(&cb.ctx.pool, &[Role::Coordinator], None).await?;
            let key = if moderators.is_empty() { "ps-submitted-no-moderator" } else { "ps-submitted" };
            cb.edit(tr!(lang, key, title = new.title.clone()), None).await?;
            cb.answer(None).await?;
            if moderators.is_empty() {
                tell_admins_no_moderator(cb.ctx, &new.title).await;
            } else if let Some(p) = repo::get(&cb.ctx.pool, id).await? {
                notify_coordinators(cb.ctx, &p).await;
            }
        }
        Err(PracticeError::NotFinished) => {
            cb.edit(tr!(lang, "ps-not-finished"), None).await?;
            cb.answer(None).await?;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Answered::Done)
}

// ------------------------------------------------------------------ moderation

/// The moderation card with its decision buttons.
async fn moderation_card(ctx: &Ctx, lang: Lang, p: &Practice) -> (String, InlineKeyboardMarkup) {
    let text = format!("{}\n\n{}", tr!(lang, "pm-header", author = name_of(&ctx.pool, p.author_id).await, pair = p.pair_id), card(ctx, lang, p).await);
    let mut rows = vec![
        vec![button(tr!(lang, "btn-pm-approve"), format!("pm:ok:{}", p.id))],
        vec![button(tr!(lang, "btn-pm-return"), format!("pm:back:{}", p.id)), button(tr!(lang, "btn-pm-reject"), format!("pm:no:{}", p.id))],
    ];
    if !p.files.is_empty() {
        rows.push(vec![files_button(lang, p)]);
    }
    (text, keyboard(rows))
}

fn files_button(lang: Lang, p: &Practice) -> InlineKeyboardButton {
    button(tr!(lang, "btn-bank-files", count = p.files.len()), format!("bf:{}", p.id))
}

/// Nobody can moderate a new practice: the bot's admins (BOT_ADMINS) hear about it.
async fn tell_admins_no_moderator(ctx: &Ctx, title: &str) {
    for tg in ctx.config.admins.clone() {
        match crate::repo::users::by_telegram(&ctx.pool, tg).await {
            Ok(Some(u)) if u.consent_at.is_some() => {
                let l = ctx.notifier.lang_of(u.id).await;
                ctx.notifier.tell(u.id, tr!(l, "ps-admin-no-moderator", title = title.to_string()), None).await;
            }
            Ok(_) => {
                // an admin who never registered still has a private chat with the bot
                let text = tr!(Lang::Ru, "ps-admin-no-moderator", title = title.to_string());
                if let Err(e) = ctx.notifier.to_chat(ChatId(tg), text, None).await {
                    tracing::warn!(error = %e, admin = tg, "cannot tell an admin that nobody moderates practices");
                }
            }
            Err(e) => tracing::error!(error = %e, "cannot look up an admin"),
        }
    }
}

async fn notify_coordinators(ctx: &Ctx, p: &Practice) {
    let coordinators = match people_with_roles(&ctx.pool, &[Role::Coordinator], None).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "cannot list coordinators");
            return;
        }
    };
    for c in coordinators {
        let lang = ctx.notifier.lang_of(c).await;
        let (text, kb) = moderation_card(ctx, lang, p).await;
        ctx.notifier.tell(c, format!("{}\n\n{}", tr!(lang, "pm-new"), text), Some(kb)).await;
    }
}

/// `/moderate`: the practices waiting for a decision.
pub async fn moderate_command(bot: &Bot, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let lang = actor.lang;
    let list = repo::pending(&ctx.pool).await?;
    if list.is_empty() {
        bot.send_message(ChatId(actor.tg), tr!(lang, "pm-none")).await?;
        return Ok(());
    }
    for p in list.iter().take(10) {
        let (text, kb) = moderation_card(ctx, lang, p).await;
        ui::send(bot, ChatId(actor.tg), text, Some(kb)).await?;
    }
    Ok(())
}

fn is_coordinator(actor: &Actor) -> bool {
    actor.has(Role::Coordinator) && actor.is_registered()
}

/// `pm:ok|back|no:<id>` on a moderation card.
pub async fn on_moderation_button(cb: &Callback<'_>, rest: &str) -> Result<Answered, HandlerError> {
    let (Some((action, id)), Some(me)) = (rest.split_once(':'), cb.actor.registered_user()) else { return Ok(Answered::Stale) };
    let Ok(id) = id.parse::<i64>() else { return Ok(Answered::Stale) };
    if !is_coordinator(cb.actor) {
        return Ok(Answered::Stale);
    }
    let lang = cb.lang();
    let Some(p) = repo::get(&cb.ctx.pool, id).await? else { return Ok(Answered::Stale) };
    let decision = match action {
        "ok" => {
            let mut extra: Vec<String> = p.areas.iter().map(|a| tr!(Lang::Ru, &a.key())).collect();
            extra.push(form_name(Lang::Ru, p.form));
            Decision::Approve { extra_index_text: extra.join(" ") }
        }
        "no" => Decision::Reject(None),
        "back" => {
            if p.status != "pending" {
                return decided(cb, &p, Err(PracticeError::AlreadyDecided)).await;
            }
            cb.dialogue.update(State::PracticeComment { id }).await?;
            let (text, _) = moderation_card(cb.ctx, lang, &p).await;
            cb.edit(format!("{text}\n\n{}", tr!(lang, "pm-ask-comment")), None).await?;
            return Ok(cb.answer(None).await?);
        }
        _ => return Ok(Answered::Stale),
    };
    let result = repo::decide(&cb.ctx.pool, id, &decision, me.id, cb.ctx.now()).await;
    decided(cb, &p, result).await
}

/// Shows the outcome on the card and tells the author.
async fn decided(cb: &Callback<'_>, before: &Practice, result: Result<Practice, PracticeError>) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let (text, _) = moderation_card(cb.ctx, lang, before).await;
    let (outcome, done) = match result {
        Ok(p) => (tr!(lang, &format!("pm-done-{}", p.status)), Some(p)),
        Err(PracticeError::NotFinished) => (tr!(lang, "pm-not-finished"), None),
        Err(PracticeError::AlreadyDecided) => (tr!(lang, "pm-already"), None),
        Err(e) => return Err(e.into()),
    };
    cb.edit(format!("{text}\n\n{outcome}"), None).await?;
    cb.answer(None).await?;
    if let Some(p) = done {
        tell_author(cb.ctx, &p).await;
    }
    Ok(Answered::Done)
}

async fn tell_author(ctx: &Ctx, p: &Practice) {
    let lang = ctx.notifier.lang_of(p.author_id).await;
    let comment = p.review_comment.clone().unwrap_or_else(|| "—".into());
    let text = tr!(lang, &format!("ps-author-{}", p.status), title = p.title.clone(), comment = comment);
    ctx.notifier.tell(p.author_id, text, None).await;
}

/// The coordinator's comment for a practice sent back.
pub async fn on_comment(bot: &Bot, msg: &Message, dialogue: &Dlg, ctx: &Ctx, actor: &Actor, id: i64) -> HandlerResult {
    let lang = actor.lang;
    let (Some(text), Some(me)) = (msg.text().map(str::trim).filter(|t| !t.is_empty()), actor.registered_user()) else {
        bot.send_message(msg.chat.id, tr!(lang, "err-need-text")).await?;
        return Ok(());
    };
    dialogue.exit().await?;
    if !is_coordinator(actor) {
        bot.send_message(msg.chat.id, tr!(lang, "not-allowed")).await?;
        return Ok(());
    }
    let key = match repo::decide(&ctx.pool, id, &Decision::Return(text.chars().take(1000).collect()), me.id, ctx.now()).await {
        Ok(p) => {
            tell_author(ctx, &p).await;
            "pm-done-returned"
        }
        Err(PracticeError::AlreadyDecided | PracticeError::NotFound) => "pm-already",
        Err(e) => return Err(e.into()),
    };
    bot.send_message(msg.chat.id, tr!(lang, key)).await?;
    Ok(())
}

// ------------------------------------------------------------------ the bank: /practices

/// Callback data for a page: `bp:<index>:<stems>`, the stems cut to fit in 64 bytes.
fn page_data(index: u32, query: &str) -> String {
    let mut data = format!("bp:{index}:");
    for (i, stem) in search::stems(query).iter().enumerate() {
        let sep = if i == 0 { "" } else { " " };
        if data.len() + sep.len() + stem.len() > MAX_CALLBACK {
            break;
        }
        data.push_str(sep);
        data.push_str(stem);
    }
    data
}

/// One practice of the results (one per page) with ◀ ▶ and its files.
async fn page(ctx: &Ctx, lang: Lang, query: &str, index: u32) -> Result<(String, Option<InlineKeyboardMarkup>), HandlerError> {
    let (found, total) = repo::search(&ctx.pool, query, index, 1).await?;
    let Some(p) = found.first() else {
        let key = if query.trim().is_empty() { "bank-empty" } else { "bank-nothing" };
        return Ok((tr!(lang, key, query = query.to_string()), None));
    };
    let text = format!("{}\n\n{}", tr!(lang, "bank-position", index = index + 1, total = total), card(ctx, lang, p).await);
    let mut nav = Vec::new();
    if index > 0 {
        nav.push(button(tr!(lang, "btn-prev"), page_data(index - 1, query)));
    }
    if index + 1 < total {
        nav.push(button(tr!(lang, "btn-next"), page_data(index + 1, query)));
    }
    let mut rows = vec![nav];
    if !p.files.is_empty() {
        rows.push(vec![files_button(lang, p)]);
    }
    Ok((text, Some(keyboard(rows))))
}

/// `/practices [words]` in private.
pub async fn command(bot: &Bot, ctx: &Ctx, actor: &Actor, query: &str) -> HandlerResult {
    let (text, kb) = page(ctx, actor.lang, query, 0).await?;
    ui::send(bot, ChatId(actor.tg), text, kb).await?;
    Ok(())
}

/// `bp:<index>:<stems>`: another page, edited in place.
pub async fn on_page_button(cb: &Callback<'_>, rest: &str) -> Result<Answered, HandlerError> {
    let (index, query) = rest.split_once(':').unwrap_or((rest, ""));
    let Ok(index) = index.parse::<u32>() else { return Ok(Answered::Stale) };
    // the same rule as /practices: the bank opens for registered people only
    if !cb.actor.is_registered() {
        return Ok(cb.answer(Some(tr!(cb.lang(), "need-registration"))).await?);
    }
    let (text, kb) = page(cb.ctx, cb.lang(), query, index).await?;
    cb.edit(text, kb).await?;
    Ok(cb.answer(None).await?)
}

/// `bf:<id>`: sends the files of a published practice (or one under moderation to a coordinator,
/// or to its author).
pub async fn on_files_button(cb: &Callback<'_>, rest: &str) -> Result<Answered, HandlerError> {
    let Ok(id) = rest.parse::<i64>() else { return Ok(Answered::Stale) };
    if !cb.actor.is_registered() {
        return Ok(cb.answer(Some(tr!(cb.lang(), "need-registration"))).await?);
    }
    let Some(p) = repo::get(&cb.ctx.pool, id).await? else { return Ok(Answered::Stale) };
    let own = cb.actor.registered_user().is_some_and(|u| u.id == p.author_id);
    if !(repo::is_public(&cb.ctx.pool, id).await? || is_coordinator(cb.actor) || own) {
        return Ok(Answered::Stale);
    }
    cb.answer(None).await?;
    for f in &p.files {
        let input = InputFile::file_id(FileId(f.file_id.clone()));
        if f.kind == "photo" {
            cb.bot.send_photo(cb.chat(), input).await?;
        } else {
            cb.bot.send_document(cb.chat(), input).await?;
        }
    }
    Ok(Answered::Done)
}

/// `/practices <words>` in a group: a short list (titles, areas, organizations) and a button
/// to open the bank in private.
pub async fn group_search(bot: &Bot, ctx: &Ctx, lang: Lang, chat: ChatId, query: &str) -> HandlerResult {
    let (found, total) = repo::search(&ctx.pool, query, 0, GROUP_RESULTS).await?;
    let text = if found.is_empty() {
        tr!(lang, if query.trim().is_empty() { "bank-empty" } else { "bank-nothing" }, query = query.to_string())
    } else {
        let mut text = tr!(lang, "bank-group-header", count = total);
        for p in &found {
            text.push_str(&format!("\n\n• {} — {} ({})", p.title, names(lang, &p.areas, Area::key), org_name(&ctx.pool, p.org_id).await));
        }
        text
    };
    let kb = ui::url_button(tr!(lang, "btn-bank-open"), &ctx.deep_link(super::chats::BANK_LINK)).map(|b| keyboard(vec![vec![b]]));
    ui::send(bot, chat, text, kb).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_data_fits_in_a_callback() {
        assert_eq!(page_data(3, "Уроков"), format!("bp:3:{}", search::stems("урок")[0]));
        let long = "дисциплина ".repeat(20);
        let d = page_data(12, &long);
        assert!(d.len() <= MAX_CALLBACK && d.starts_with("bp:12:дисциплин"), "{d}");
    }
}
