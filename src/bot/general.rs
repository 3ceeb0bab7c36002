//! Commands for everyone: /help, /lang, /mydata, /forget, /invite; groups; menus.
//! (Which handler answers a command is decided by the router, `bot::on_command`.)

use super::action::general::{ForgetAction, InviteAction, LangAction};
use super::actor::Actor;
use super::commands::{self, Command};
use super::reply::{markup, Button, Reply};
use super::state::State;
use super::ui::{self, Answered, Callback};
use super::{Ctx, Dlg, HandlerError, HandlerResult};
use crate::domain::Role;
use crate::i18n::Lang;
use crate::repo::{erasure, invites, orgs, profiles, users};
use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope, Recipient};

/// The commands this person may use, with one line each.
pub fn help_text(actor: &Actor) -> String {
    let lang = actor.lang;
    let mut text = if actor.is_registered() {
        tr!(lang, "help-header")
    } else {
        tr!(lang, "help-unregistered")
    };
    if actor.is_registered() && actor.has(Role::Head) {
        text.push_str("\n\n");
        text.push_str(&tr!(lang, "help-head"));
        text.push('\n');
    }
    for spec in commands::COMMANDS
        .iter()
        .filter(|c| c.listed && actor.may(c))
    {
        text.push_str(&format!(
            "\n/{} — {}",
            spec.name,
            tr!(lang, &spec.description_key())
        ));
    }
    text
}

/// Sets this person's command menu (a chat-scoped setMyCommands) after their roles or
/// language changed: reloads them first. Failures are logged, never shown.
pub async fn sync_menu(bot: &Bot, ctx: &Ctx, chat: ChatId, lang: Lang) {
    match Actor::load_by_tg(ctx, chat.0, lang).await {
        Ok(actor) => sync_menu_for(bot, ctx, &actor).await,
        Err(e) => tracing::warn!(error = %e, chat = chat.0, "could not update the command menu"),
    }
}

/// Sets the menu of a person already loaded, if it differs from the one they have
/// (`users.menu_roles`); no query at all when it is current, as on almost every update.
pub async fn sync_menu_for(bot: &Bot, ctx: &Ctx, actor: &Actor) {
    let Some(user) = actor.registered_user() else {
        return;
    };
    let signature = actor.menu_signature();
    if user.menu_roles.as_deref() == Some(signature.as_str()) {
        return;
    }
    let menu: Vec<BotCommand> = commands::COMMANDS
        .iter()
        .filter(|c| c.listed && actor.may(c))
        .map(|c| BotCommand::new(c.name, tr!(actor.lang, &c.description_key())))
        .collect();
    let chat = ChatId(actor.tg);
    let result: Result<(), HandlerError> = async {
        bot.set_my_commands(menu)
            .scope(BotCommandScope::Chat {
                chat_id: Recipient::Id(chat),
            })
            .await?;
        users::set_menu_roles(&ctx.pool, user.id, &signature).await?;
        Ok(())
    }
    .await;
    if let Err(e) = result {
        tracing::warn!(error = %e, chat = chat.0, "could not update the command menu");
    }
}

/// The default menu for private chats, set at start-up (ru default, en for English clients).
pub async fn set_default_menu(bot: &Bot) -> Result<(), teloxide::RequestError> {
    for (lang, code) in [(Lang::Ru, None), (Lang::En, Some("en"))] {
        let menu: Vec<BotCommand> = [Command::Start, Command::Help, Command::Lang]
            .iter()
            .map(|c| BotCommand::new(c.name(), tr!(lang, &c.spec().description_key())))
            .collect();
        let req = bot
            .set_my_commands(menu)
            .scope(BotCommandScope::AllPrivateChats);
        match code {
            Some(c) => req.language_code(c).await?,
            None => req.await?,
        };
    }
    Ok(())
}

pub async fn on_idle_text(bot: &Bot, msg: &Message, actor: &Actor) -> HandlerResult {
    let key = if actor.is_registered() {
        "idle-text"
    } else {
        "idle-unregistered"
    };
    bot.send_message(msg.chat.id, tr!(actor.lang, key)).await?;
    Ok(())
}

pub async fn remind_buttons(bot: &Bot, msg: &Message, actor: &Actor) -> HandlerResult {
    bot.send_message(msg.chat.id, tr!(actor.lang, "use-buttons-or-cancel"))
        .await?;
    Ok(())
}

pub async fn on_lang_button(
    cb: &Callback<'_>,
    action: LangAction,
) -> Result<Answered, HandlerError> {
    let LangAction::Set(lang) = action;
    if cb.actor.has_consent() {
        users::set_lang(&cb.ctx.pool, cb.actor.tg, lang.code(), cb.ctx.now()).await?;
    } else {
        // nothing is stored before consent: the choice waits in memory
        cb.ctx.set_lang_before_consent(cb.actor.tg, Some(lang));
    }
    cb.edit(tr!(lang, "lang-set"), None).await?;
    cb.answer(None).await?;
    sync_menu(cb.bot, cb.ctx, cb.chat(), lang).await;
    Ok(Answered::Done)
}

/// The answer to «delete everything?» (authorized: a registered person, as /forget).
pub async fn on_forget_button(
    cb: &Callback<'_>,
    state: State,
    action: ForgetAction,
) -> Result<Answered, HandlerError> {
    let State::ConfirmForget { kb } = state else {
        return Ok(Answered::Stale);
    };
    if kb != cb.message_id {
        return Ok(Answered::Stale);
    }
    let lang = cb.lang();
    cb.dialogue.exit().await?;
    match (action, cb.actor.user.as_ref()) {
        (ForgetAction::Yes, Some(user)) => {
            let forgotten = erasure::forget(&cb.ctx.pool, user.id, cb.ctx.now()).await?;
            cb.ctx.set_lang_before_consent(cb.actor.tg, None);
            let mut text = tr!(lang, "forget-done");
            if !forgotten.withheld_practices.is_empty() {
                text.push_str("\n\n");
                text.push_str(&tr!(
                    lang,
                    "forget-done-practices",
                    count = forgotten.withheld_practices.len() as i64
                ));
            }
            cb.edit(text, None).await?;
            super::privacy::ask_keepers(cb.ctx, &forgotten.withheld_practices).await?;
            if let Err(e) = cb
                .bot
                .delete_my_commands()
                .scope(BotCommandScope::Chat {
                    chat_id: Recipient::Id(cb.chat()),
                })
                .await
            {
                tracing::warn!(error = %e, "could not reset the command menu");
            }
        }
        (ForgetAction::Yes, None) => cb.edit(tr!(lang, "forget-nothing"), None).await?,
        (ForgetAction::No, _) => cb.edit(tr!(lang, "forget-cancelled"), None).await?,
    }
    cb.answer(None).await?;
    Ok(Answered::Done)
}

fn yes_no(lang: Lang, v: bool) -> String {
    tr!(lang, if v { "word-yes" } else { "word-no" })
}

fn date(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%d.%m.%Y %H:%M UTC").to_string()
}

/// Everything stored about the person (/mydata).
pub async fn mydata_text(ctx: &Ctx, actor: &Actor) -> Result<String, HandlerError> {
    let lang = actor.lang;
    let Some(user) = actor.user.as_ref() else {
        return Ok(tr!(lang, "mydata-nothing"));
    };
    let dash = || "—".to_string();
    let org = match user.org_id {
        Some(id) => orgs::get(&ctx.pool, id)
            .await?
            .map(|o| o.name)
            .unwrap_or_else(dash),
        None => dash(),
    };
    let mut text = tr!(
        lang,
        "mydata-basic",
        tgid = actor.tg.to_string(),
        consent = user.consent_at.map(date).unwrap_or_else(dash),
        name = user.full_name.clone().unwrap_or_else(dash),
        org = org,
        position = user.position.clone().unwrap_or_else(dash),
        subjects = user.subjects.clone().unwrap_or_else(dash),
        experience = user
            .experience_years
            .map(|y| y.to_string())
            .unwrap_or_else(dash),
        lang = user.lang.clone().unwrap_or_else(dash),
        registered = user.registered_at.map(date).unwrap_or_else(dash)
    );
    let roles: Vec<String> = actor
        .roles
        .iter()
        .map(|g| tr!(lang, &g.role.key()))
        .collect();
    text.push_str("\n");
    text.push_str(&tr!(
        lang,
        "mydata-roles",
        roles = if roles.is_empty() {
            dash()
        } else {
            roles.join(", ")
        }
    ));
    if let Some(m) = profiles::mentee(&ctx.pool, user.id).await? {
        let areas: Vec<String> = m.areas.iter().map(|a| tr!(lang, &a.key())).collect();
        text.push_str("\n\n");
        text.push_str(&tr!(
            lang,
            "mydata-mentee",
            category = tr!(lang, &m.category.key()),
            areas = areas.join(", ")
        ));
        if let Some(note) = &m.difficulty_note {
            text.push('\n');
            text.push_str(&tr!(lang, "rq-card-difficulty-note", note = note.clone()));
        }
    }
    if let Some(m) = profiles::mentor(&ctx.pool, user.id).await? {
        let areas: Vec<String> = m.competences.iter().map(|a| tr!(lang, &a.key())).collect();
        let forms: Vec<String> = m.forms.iter().map(|f| tr!(lang, &f.key())).collect();
        text.push_str("\n\n");
        text.push_str(&tr!(
            lang,
            "mydata-mentor",
            competences = areas.join(", "),
            forms = forms.join(", "),
            capacity = m.capacity,
            consent = date(m.consent_at),
            otherorgs = yes_no(lang, m.other_orgs),
            public = yes_no(lang, m.listed_publicly)
        ));
        let status = if m.approved_at.is_some() {
            "mentor-status-approved"
        } else {
            "mentor-status-pending"
        };
        text.push('\n');
        text.push_str(&tr!(
            lang,
            "mydata-mentor-status",
            status = tr!(lang, status)
        ));
    }
    // every other table, as the one classification of personal data sees it
    let held = erasure::holdings(&ctx.pool, user.id, Some(actor.tg)).await?;
    text.push_str("\n\n");
    if held.is_empty() {
        text.push_str(&tr!(lang, "mydata-no-records"));
    } else {
        text.push_str(&tr!(lang, "mydata-stored"));
        for h in held {
            text.push('\n');
            text.push_str(&tr!(
                lang,
                "mydata-line",
                what = tr!(lang, h.label),
                table = h.table,
                rows = h.rows
            ));
        }
    }
    text.push_str("\n\n");
    text.push_str(&tr!(lang, "mydata-footer"));
    Ok(text)
}

/// Which invitations this person may create.
pub fn invitable_roles(actor: &Actor) -> Vec<Role> {
    if actor.has(Role::Admin) {
        vec![
            Role::Mentee,
            Role::Mentor,
            Role::Curator,
            Role::Head,
            Role::Coordinator,
        ]
    } else if actor.has(Role::Coordinator) {
        vec![Role::Mentee, Role::Mentor, Role::Curator, Role::Head]
    } else if actor.has(Role::Curator) {
        vec![Role::Mentee, Role::Mentor, Role::Head]
    } else {
        Vec::new()
    }
}

/// Organizations this person may invite into: all for admins and coordinators, own for curators.
async fn invitable_orgs(ctx: &Ctx, actor: &Actor) -> Result<Vec<orgs::Org>, HandlerError> {
    let all = orgs::list(&ctx.pool).await?;
    if actor.has(Role::Admin) || actor.has(Role::Coordinator) {
        return Ok(all);
    }
    let own = actor.orgs_for(Role::Curator);
    Ok(all.into_iter().filter(|o| own.contains(&o.id)).collect())
}

pub async fn start_invite(bot: &Bot, dialogue: &Dlg, _ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let lang = actor.lang;
    let rows = invitable_roles(actor)
        .into_iter()
        .map(|r| vec![Button::new(tr!(lang, &r.key()), InviteAction::Role(r))])
        .collect();
    let sent = ui::send_reply(
        bot,
        ChatId(actor.tg),
        Reply::new(tr!(lang, "invite-choose-role")).rows(rows),
    )
    .await?;
    dialogue
        .update(State::Invite {
            kb: sent.id.0,
            role: None,
        })
        .await?;
    Ok(())
}

fn org_buttons(list: &[orgs::Org]) -> Vec<Vec<Button>> {
    list.iter()
        .take(90)
        .map(|o| vec![Button::new(o.name.clone(), InviteAction::Org(o.id))])
        .collect()
}

/// A press on /invite's current keyboard (authorized: someone who invites; for an
/// organization, a curator of it, the coordinator or an admin).
pub async fn on_invite_button(
    cb: &Callback<'_>,
    state: State,
    action: InviteAction,
) -> Result<Answered, HandlerError> {
    let State::Invite { kb, role } = state else {
        return Ok(Answered::Stale);
    };
    if kb != cb.message_id {
        return Ok(Answered::Stale);
    }
    let lang = cb.lang();
    match (action, role) {
        (InviteAction::Role(r), None) => {
            // a curator does not invite curators, nobody but an admin invites a coordinator
            if !invitable_roles(cb.actor).contains(&r) {
                return Ok(Answered::Stale);
            }
            if !r.is_org_scoped() {
                return create_invite(cb, r, None).await;
            }
            let list = invitable_orgs(cb.ctx, cb.actor).await?;
            match list.len() {
                0 => {
                    cb.dialogue.exit().await?;
                    cb.edit(tr!(lang, "invite-no-orgs"), None).await?;
                    Ok(cb.answer(None).await?)
                }
                1 => create_invite(cb, r, Some(list[0].id)).await,
                _ => {
                    cb.dialogue
                        .update(State::Invite { kb, role: Some(r) })
                        .await?;
                    cb.show(Reply::new(tr!(lang, "invite-choose-org")).rows(org_buttons(&list)))
                        .await?;
                    Ok(cb.answer(None).await?)
                }
            }
        }
        (InviteAction::Org(org), Some(r)) => create_invite(cb, r, Some(org)).await,
        _ => Ok(Answered::Stale),
    }
}

/// Default uses and lifetime of invitations made in the bot: a mentee/mentor link is shared
/// with a staff room, a curator/coordinator link with one person.
pub fn invite_defaults(role: Role) -> (u32, u32) {
    match role {
        Role::Mentee | Role::Mentor => (50, 30),
        _ => (1, 7),
    }
}

async fn create_invite(
    cb: &Callback<'_>,
    role: Role,
    org: Option<i64>,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let (uses, days) = invite_defaults(role);
    let creator = cb.actor.user.as_ref().map(|u| u.id);
    let inv = invites::create(
        &cb.ctx.pool,
        role,
        org,
        uses,
        Some(days),
        creator,
        cb.ctx.now(),
    )
    .await?;
    let org_name = match org {
        Some(id) => orgs::get(&cb.ctx.pool, id)
            .await?
            .map(|o| o.name)
            .unwrap_or_default(),
        None => tr!(lang, "invite-whole-district"),
    };
    cb.dialogue.exit().await?;
    let text = tr!(
        lang,
        "invite-created",
        role = tr!(lang, &role.key()),
        org = org_name,
        link = cb.ctx.deep_link(&inv.code),
        code = inv.code.clone(),
        uses = uses,
        days = days
    );
    cb.edit(text, None).await?;
    cb.answer(None).await?;
    Ok(Answered::Done)
}

/// Messages in groups: only our own commands get an answer; private matters go to private.
pub async fn on_group_message(bot: Bot, msg: Message, ctx: std::sync::Arc<Ctx>) -> HandlerResult {
    let Some(cmd) = msg
        .text()
        .and_then(|t| commands::parse(t, &ctx.bot_username))
    else {
        return Ok(());
    };
    let lang = Lang::resolve(
        None,
        msg.from.as_ref().and_then(|u| u.language_code.as_deref()),
    );
    let lang = match msg.from.as_ref() {
        Some(u) => users::by_telegram(&ctx.pool, u.id.0 as i64)
            .await?
            .and_then(|u| u.lang)
            .and_then(|l| Lang::from_code(&l))
            .unwrap_or(lang),
        None => lang,
    };
    if cmd.command.is_none() {
        if cmd.addressed {
            bot.send_message(msg.chat.id, tr!(lang, "group-unknown-command"))
                .await?;
        }
        return Ok(());
    }
    let kb = ui::url_button(tr!(lang, "btn-open-private"), &ctx.deep_link(""))
        .map(|b| markup(vec![vec![b]]));
    let req = bot.send_message(msg.chat.id, tr!(lang, "group-go-private"));
    match kb {
        Some(kb) => req.reply_markup(kb).await?,
        None => req.await?,
    };
    Ok(())
}
