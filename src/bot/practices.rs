//! The bank of best practices: `/practice` (the mentor or curator submits one after a program
//! ended), moderation by the coordinator (`/moderate` and the cards), and `/practices <words>`
//! — search with paging in private, a short list in groups.

use super::action::community::{
    BankFilesAction, BankPageAction, ModerationAction, PracticeFormAction,
};
use super::actor::Actor;
use super::audience::{name_of, org_name};
use super::reply::{self, markup, Button, Reply};
use super::state::{PracticeForm, PracticeStep, State};
use super::ui::{self, Answered, Callback};
use super::{Ctx, Dlg, HandlerError, HandlerResult};
use crate::domain::practice::PracticeStatus;
use crate::domain::{Area, Form, Role};
use crate::i18n::Lang;
use crate::repo::announcements::people_with_roles;
use crate::repo::pairs;
use crate::repo::practices::{
    self as repo, Decision, NewPractice, Practice, PracticeError, PracticeFile,
};
use teloxide::prelude::*;
use teloxide::types::{FileId, InlineKeyboardMarkup, InputFile, MessageId};

/// Deep-link payload that opens the bank of practices in private.
pub const BANK_LINK: &str = "bank";
const TITLE_LEN: (usize, usize) = (5, 150);
const DESCRIPTION_LEN: (usize, usize) = (30, 3000);
const MAX_FILES: usize = 5;
/// Practices listed in a group for one search.
const GROUP_RESULTS: u32 = 5;

fn names<T: Copy>(lang: Lang, items: &[T], key: fn(T) -> String) -> String {
    items
        .iter()
        .map(|i| tr!(lang, &key(*i)))
        .collect::<Vec<_>>()
        .join(", ")
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
    let Some(user) = actor.registered_user() else {
        return Ok(Vec::new());
    };
    let mentor = if actor.has(Role::Mentor) { user.id } else { 0 };
    let list = repo::finished_pairs(&ctx.pool, mentor, &actor.orgs_for(Role::Curator)).await?;
    Ok(list.into_iter().map(|(id, org, _)| (id, org)).collect())
}

pub async fn submit_command(bot: &Bot, dialogue: &Dlg, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let lang = actor.lang;
    let list = submittable(ctx, actor).await?;
    if list.is_empty() {
        bot.send_message(ChatId(actor.tg), tr!(lang, "ps-no-finished"))
            .await?;
        return Ok(());
    }
    let mut rows = Vec::new();
    for (id, _) in list.iter().take(30) {
        let Some(p) = pairs::get(&ctx.pool, *id).await? else {
            continue;
        };
        let mentees = p.mentee_names_joined();
        let label = tr!(
            lang,
            "ps-pair-button",
            id = p.id,
            mentor = p.mentor_name.clone(),
            mentees = mentees
        );
        rows.push(vec![Button::new(label, PracticeFormAction::Pair(p.id))]);
    }
    let sent = bot
        .send_message(ChatId(actor.tg), tr!(lang, "ps-choose-pair"))
        .reply_markup(reply::markup(rows))
        .await?;
    dialogue
        .update(State::PracticeForm(PracticeForm {
            kb: Some(sent.id.0),
            ..Default::default()
        }))
        .await?;
    Ok(())
}

fn length_ok(text: &str, (min, max): (usize, usize)) -> bool {
    (min..=max).contains(&text.chars().count())
}

fn submit_keyboard(lang: Lang) -> InlineKeyboardMarkup {
    reply::markup(vec![vec![Button::new(
        tr!(lang, "btn-ps-submit"),
        PracticeFormAction::Submit,
    )]])
}

/// The areas' multi-select, the chosen ones marked.
fn areas_keyboard(lang: Lang, chosen: &[String]) -> InlineKeyboardMarkup {
    let options = Area::ALL
        .iter()
        .map(|a| {
            (
                PracticeFormAction::Toggle(*a),
                tr!(lang, &a.key()),
                chosen.iter().any(|c| c == a.code()),
            )
        })
        .collect();
    reply::markup(reply::multi_select(lang, options, PracticeFormAction::Done))
}

/// A message while the practice form is open: the title, the description or a file.
pub async fn on_message(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    actor: &Actor,
    mut form: PracticeForm,
) -> HandlerResult {
    let lang = actor.lang;
    let chat = msg.chat.id;
    let text = msg.text().map(str::trim);
    match (form.step, text) {
        (PracticeStep::Title, Some(t)) if length_ok(t, TITLE_LEN) => {
            form.title = t.to_string();
            form.step = PracticeStep::Areas;
            let sent = bot
                .send_message(chat, tr!(lang, "ps-ask-areas"))
                .reply_markup(areas_keyboard(lang, &form.areas))
                .await?;
            form.kb = Some(sent.id.0);
        }
        (PracticeStep::Title, _) => {
            bot.send_message(
                chat,
                tr!(
                    lang,
                    "ps-title-length",
                    min = TITLE_LEN.0,
                    max = TITLE_LEN.1
                ),
            )
            .await?;
            return Ok(());
        }
        (PracticeStep::Description, Some(t)) if length_ok(t, DESCRIPTION_LEN) => {
            form.description = t.to_string();
            form.step = PracticeStep::Files;
            let sent = bot
                .send_message(chat, tr!(lang, "ps-ask-files", max = MAX_FILES))
                .reply_markup(submit_keyboard(lang))
                .await?;
            form.kb = Some(sent.id.0);
        }
        (PracticeStep::Description, _) => {
            let len = text.map(|t| t.chars().count()).unwrap_or(0);
            bot.send_message(
                chat,
                tr!(
                    lang,
                    "ps-description-length",
                    min = DESCRIPTION_LEN.0,
                    max = DESCRIPTION_LEN.1,
                    len = len
                ),
            )
            .await?;
            return Ok(());
        }
        (PracticeStep::Files, _) => {
            let file = match (msg.document(), msg.photo().and_then(|p| p.last())) {
                (Some(d), _) => Some((
                    "document".to_string(),
                    d.file.id.to_string(),
                    d.file_name.clone().unwrap_or_default(),
                )),
                (None, Some(p)) => {
                    Some(("photo".to_string(), p.file.id.to_string(), String::new()))
                }
                _ => None,
            };
            let Some(file) = file else {
                bot.send_message(chat, tr!(lang, "ps-files-hint"))
                    .reply_markup(submit_keyboard(lang))
                    .await?;
                return Ok(());
            };
            if form.files.len() >= MAX_FILES {
                bot.send_message(chat, tr!(lang, "ps-files-full", max = MAX_FILES))
                    .reply_markup(submit_keyboard(lang))
                    .await?;
                return Ok(());
            }
            form.files.push(file);
            let sent = bot
                .send_message(chat, tr!(lang, "ps-file-added", count = form.files.len()))
                .reply_markup(submit_keyboard(lang))
                .await?;
            form.kb = Some(sent.id.0);
        }
        _ => {
            bot.send_message(chat, tr!(lang, "use-buttons-or-cancel"))
                .await?;
            return Ok(());
        }
    }
    dialogue.update(State::PracticeForm(form)).await?;
    Ok(())
}

/// A press on the practice form's current keyboard (authorized: a mentor or curator; for the
/// pair, its mentor or a curator of its school).
pub async fn on_form_button(
    cb: &Callback<'_>,
    state: State,
    action: PracticeFormAction,
) -> Result<Answered, HandlerError> {
    let State::PracticeForm(mut form) = state else {
        return Ok(Answered::Stale);
    };
    if form.kb != Some(cb.message_id) {
        return Ok(Answered::Stale);
    }
    let lang = cb.lang();
    match (form.step, action) {
        (PracticeStep::Pair, PracticeFormAction::Pair(id)) => {
            // only a finished pair
            if !submittable(cb.ctx, cb.actor)
                .await?
                .iter()
                .any(|(p, _)| *p == id)
            {
                return Ok(Answered::Stale);
            }
            form.pair_id = Some(id);
            form.step = PracticeStep::Title;
            form.kb = None;
            cb.edit(tr!(lang, "ps-ask-title"), None).await?;
        }
        (PracticeStep::Areas, PracticeFormAction::Toggle(area)) => {
            ui::toggle(&mut form.areas, area.code());
            let kb = areas_keyboard(lang, &form.areas);
            cb.dialogue.update(State::PracticeForm(form)).await?;
            ui::edit_keyboard(cb.bot, cb.chat(), MessageId(cb.message_id), kb).await?;
            return Ok(Answered::NotYet);
        }
        (PracticeStep::Areas, PracticeFormAction::Done) => {
            if form.areas.is_empty() {
                return Ok(cb.answer(Some(tr!(lang, "err-choose-one"))).await?);
            }
            form.step = PracticeStep::Form;
            let rows = Form::ALL
                .iter()
                .map(|f| {
                    vec![Button::new(
                        tr!(lang, &f.key()),
                        PracticeFormAction::Form(*f),
                    )]
                })
                .collect();
            cb.show(Reply::new(tr!(lang, "ps-ask-form")).rows(rows))
                .await?;
        }
        (PracticeStep::Form, PracticeFormAction::Form(f)) => {
            form.form = Some(f.code().to_string());
            form.step = PracticeStep::Description;
            form.kb = None;
            cb.edit(
                tr!(lang, "ps-ask-description", min = DESCRIPTION_LEN.0),
                None,
            )
            .await?;
        }
        (PracticeStep::Files, PracticeFormAction::Submit) => return submit(cb, form).await,
        _ => return Ok(Answered::Stale),
    }
    cb.dialogue.update(State::PracticeForm(form)).await?;
    Ok(cb.answer(None).await?)
}

async fn submit(cb: &Callback<'_>, form: PracticeForm) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let (Some(user), Some(pair_id), Some(practice_form)) = (
        cb.actor.registered_user(),
        form.pair_id,
        form.form.as_deref().and_then(Form::from_code),
    ) else {
        return Ok(Answered::Stale);
    };
    let new = NewPractice {
        pair_id,
        author_id: user.id,
        title: form.title.clone(),
        areas: form
            .areas
            .iter()
            .filter_map(|c| Area::from_code(c))
            .collect(),
        form: practice_form,
        description: form.description.clone(),
        files: form
            .files
            .iter()
            .map(|(kind, file_id, name)| PracticeFile {
                kind: kind.clone(),
                file_id: file_id.clone(),
                name: name.clone(),
            })
            .collect(),
    };
    cb.dialogue.exit().await?;
    match repo::submit(&cb.ctx.pool, &new, cb.ctx.now()).await {
        Ok(id) => {
            // only a coordinator moderates: with none, the author is told so and the admins are
            // asked to appoint one (the practice waits in /moderate)
            let moderators = people_with_roles(&cb.ctx.pool, &[Role::Coordinator], None).await?;
            let key = if moderators.is_empty() {
                "ps-submitted-no-moderator"
            } else {
                "ps-submitted"
            };
            cb.edit(tr!(lang, key, title = new.title.clone()), None)
                .await?;
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
async fn moderation_card(ctx: &Ctx, lang: Lang, p: &Practice) -> Reply {
    let text = format!(
        "{}\n\n{}",
        tr!(
            lang,
            "pm-header",
            author = name_of(&ctx.pool, p.author_id).await,
            pair = p.pair_id
        ),
        card(ctx, lang, p).await
    );
    let mut rows = vec![
        vec![Button::new(
            tr!(lang, "btn-pm-approve"),
            ModerationAction::Approve(p.id),
        )],
        vec![
            Button::new(tr!(lang, "btn-pm-return"), ModerationAction::Return(p.id)),
            Button::new(tr!(lang, "btn-pm-reject"), ModerationAction::Reject(p.id)),
        ],
    ];
    if !p.files.is_empty() {
        rows.push(vec![files_button(lang, p)]);
    }
    Reply::new(text).rows(rows)
}

fn files_button(lang: Lang, p: &Practice) -> Button {
    Button::new(
        tr!(lang, "btn-bank-files", count = p.files.len()),
        BankFilesAction::Files(p.id),
    )
}

/// Nobody can moderate a new practice: the bot's admins (BOT_ADMINS) hear about it.
async fn tell_admins_no_moderator(ctx: &Ctx, title: &str) {
    for tg in ctx.config.admins.clone() {
        match crate::repo::users::by_telegram(&ctx.pool, tg).await {
            Ok(Some(u)) if u.consent_at.is_some() => {
                let l = ctx.notifier.lang_of(u.id).await;
                ctx.notifier
                    .tell(
                        u.id,
                        tr!(l, "ps-admin-no-moderator", title = title.to_string()),
                        None,
                    )
                    .await;
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
        let card = moderation_card(ctx, lang, p).await;
        ctx.notifier
            .tell_reply(
                c,
                Reply {
                    text: format!("{}\n\n{}", tr!(lang, "pm-new"), card.text),
                    ..card
                },
            )
            .await;
    }
}

/// `/moderate`: the practices waiting for a decision.
pub async fn moderate_command(bot: &Bot, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let lang = actor.lang;
    let list = repo::pending(&ctx.pool).await?;
    if list.is_empty() {
        bot.send_message(ChatId(actor.tg), tr!(lang, "pm-none"))
            .await?;
        return Ok(());
    }
    for p in list.iter().take(10) {
        ui::send_reply(bot, ChatId(actor.tg), moderation_card(ctx, lang, p).await).await?;
    }
    Ok(())
}

fn is_coordinator(actor: &Actor) -> bool {
    actor.has(Role::Coordinator) && actor.is_registered()
}

/// A decision on a moderation card (authorized: the coordinator).
pub async fn on_moderation_button(
    cb: &Callback<'_>,
    action: ModerationAction,
) -> Result<Answered, HandlerError> {
    let Some(me) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    let lang = cb.lang();
    let id = action.practice();
    let Some(p) = repo::get(&cb.ctx.pool, id).await? else {
        return Ok(Answered::Stale);
    };
    let decision = match action {
        ModerationAction::Approve(_) => {
            let mut extra: Vec<String> = p.areas.iter().map(|a| tr!(Lang::Ru, &a.key())).collect();
            extra.push(form_name(Lang::Ru, p.form));
            Decision::Approve {
                extra_index_text: extra.join(" "),
            }
        }
        ModerationAction::Reject(_) => Decision::Reject(None),
        ModerationAction::Return(_) => {
            if p.status() != PracticeStatus::Pending {
                return decided(cb, &p, Err(PracticeError::AlreadyDecided)).await;
            }
            cb.dialogue.update(State::PracticeComment { id }).await?;
            let text = moderation_card(cb.ctx, lang, &p).await.text;
            cb.edit(format!("{text}\n\n{}", tr!(lang, "pm-ask-comment")), None)
                .await?;
            return Ok(cb.answer(None).await?);
        }
    };
    let result = repo::decide(&cb.ctx.pool, id, &decision, me.id, cb.ctx.now()).await;
    decided(cb, &p, result).await
}

/// Shows the outcome on the card and tells the author.
async fn decided(
    cb: &Callback<'_>,
    before: &Practice,
    result: Result<Practice, PracticeError>,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let text = moderation_card(cb.ctx, lang, before).await.text;
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
    let text = tr!(
        lang,
        &format!("ps-author-{}", p.status),
        title = p.title.clone(),
        comment = comment
    );
    ctx.notifier.tell(p.author_id, text, None).await;
}

/// The coordinator's comment for a practice sent back.
pub async fn on_comment(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
) -> HandlerResult {
    let lang = actor.lang;
    let (Some(text), Some(me)) = (
        msg.text().map(str::trim).filter(|t| !t.is_empty()),
        actor.registered_user(),
    ) else {
        bot.send_message(msg.chat.id, tr!(lang, "err-need-text"))
            .await?;
        return Ok(());
    };
    dialogue.exit().await?;
    if !is_coordinator(actor) {
        bot.send_message(msg.chat.id, tr!(lang, "not-allowed"))
            .await?;
        return Ok(());
    }
    let key = match repo::decide(
        &ctx.pool,
        id,
        &Decision::Return(text.chars().take(1000).collect()),
        me.id,
        ctx.now(),
    )
    .await
    {
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

/// One practice of the results (one per page) with ◀ ▶ and its files.
async fn page(ctx: &Ctx, lang: Lang, query: &str, index: u32) -> Result<Reply, HandlerError> {
    let (found, total) = repo::search(&ctx.pool, query, index, 1).await?;
    let Some(p) = found.first() else {
        let key = if query.trim().is_empty() {
            "bank-empty"
        } else {
            "bank-nothing"
        };
        return Ok(Reply::new(tr!(lang, key, query = query.to_string())));
    };
    let text = format!(
        "{}\n\n{}",
        tr!(lang, "bank-position", index = index + 1, total = total),
        card(ctx, lang, p).await
    );
    let mut nav = Vec::new();
    if index > 0 {
        nav.push(Button::new(
            tr!(lang, "btn-prev"),
            BankPageAction::new(index - 1, query),
        ));
    }
    if index + 1 < total {
        nav.push(Button::new(
            tr!(lang, "btn-next"),
            BankPageAction::new(index + 1, query),
        ));
    }
    let mut rows = vec![nav];
    if !p.files.is_empty() {
        rows.push(vec![files_button(lang, p)]);
    }
    Ok(Reply::new(text).rows(rows))
}

/// `/practices [words]` in private.
pub async fn command(bot: &Bot, ctx: &Ctx, actor: &Actor, query: &str) -> HandlerResult {
    ui::send_reply(
        bot,
        ChatId(actor.tg),
        page(ctx, actor.lang, query, 0).await?,
    )
    .await?;
    Ok(())
}

/// Another page, edited in place (authorized: registered people, as /practices).
pub async fn on_page_button(
    cb: &Callback<'_>,
    action: BankPageAction,
) -> Result<Answered, HandlerError> {
    let BankPageAction::Page { index, query } = action;
    cb.show(page(cb.ctx, cb.lang(), &query, index).await?)
        .await?;
    Ok(cb.answer(None).await?)
}

/// Sends the files of a published practice (authorized: registered people), or of one under
/// moderation to a coordinator or its author.
pub async fn on_files_button(
    cb: &Callback<'_>,
    action: BankFilesAction,
) -> Result<Answered, HandlerError> {
    let BankFilesAction::Files(id) = action;
    let Some(p) = repo::get(&cb.ctx.pool, id).await? else {
        return Ok(Answered::Stale);
    };
    let own = cb
        .actor
        .registered_user()
        .is_some_and(|u| u.id == p.author_id);
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
pub async fn group_search(
    bot: &Bot,
    ctx: &Ctx,
    lang: Lang,
    chat: ChatId,
    query: &str,
) -> HandlerResult {
    let (found, total) = repo::search(&ctx.pool, query, 0, GROUP_RESULTS).await?;
    let text = if found.is_empty() {
        tr!(
            lang,
            if query.trim().is_empty() {
                "bank-empty"
            } else {
                "bank-nothing"
            },
            query = query.to_string()
        )
    } else {
        let mut text = tr!(lang, "bank-group-header", count = total);
        for p in &found {
            text.push_str(&format!(
                "\n\n• {} — {} ({})",
                p.title,
                names(lang, &p.areas, Area::key),
                org_name(&ctx.pool, p.org_id).await
            ));
        }
        text
    };
    let kb = ui::url_button(tr!(lang, "btn-bank-open"), &ctx.deep_link(BANK_LINK))
        .map(|b| markup(vec![vec![b]]));
    ui::send(bot, chat, text, kb).await?;
    Ok(())
}
