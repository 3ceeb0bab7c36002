//! District community chats: the bot added to a group, `/link_chat` and `/unlink_chat`,
//! group commands (`/practices`, `/events`, `/mentors`), newcomers' welcome, and the periodic
//! check that leaves chats nobody linked. In groups the bot never posts personal data.

use super::action::chats::LinkAction;
use super::action::{Action, Feature};
use super::actor::Actor;
use super::authz;
use super::reply::{markup, Button};
use super::ui;
use super::{general, practices, requests, Ctx, Dlg, HandlerError, HandlerResult};
use crate::domain::search::stems;
use crate::domain::{Area, Role};
use crate::i18n::Lang;
use crate::repo::chats::{self as repo, ChatKind};
use crate::repo::{orgs, profiles};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::sync::Arc;
use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::types::{ChatMemberUpdated, InlineKeyboardMarkup, MessageId};

/// A chat is greeted at most this often; newcomers in between wait for the next welcome.
pub fn welcome_every() -> Duration {
    Duration::minutes(10)
}

/// Deep-link payload of a public mentor's card: `mentor-<user id>`.
pub const MENTOR_LINK: &str = "mentor-";
const ORGS_PER_PAGE: usize = 8;
const MAX_TOPIC: usize = 100;
const MENTORS_SHOWN: usize = 10;

/// May this person link and unlink chats? Coordinators (registered) and admins.
fn may_link(actor: &Actor) -> bool {
    actor.is_admin || (actor.has(Role::Coordinator) && actor.is_registered())
}

fn private_button(ctx: &Ctx, lang: Lang, payload: &str) -> Option<InlineKeyboardMarkup> {
    ui::url_button(tr!(lang, "btn-open-private"), &ctx.deep_link(payload))
        .map(|b| markup(vec![vec![b]]))
}

/// Queues a message to a group (the outbox sender marks a chat that removed the bot left).
async fn send_to_group(
    ctx: &Ctx,
    chat: i64,
    text: String,
    kb: Option<InlineKeyboardMarkup>,
) -> HandlerResult {
    Ok(ctx.notifier.to_chat(ChatId(chat), text, kb).await?)
}

/// Telegram's service message: the group became a supergroup (in the old chat, with the new
/// id) or the supergroup was a group (in the new chat, with the old id). The link and
/// everything referring to the chat move to the new id; whichever of the two comes second
/// finds nothing left to move.
async fn on_migration(ctx: &Ctx, old: i64, new: i64) -> HandlerResult {
    if repo::migrate(&ctx.pool, old, new).await? {
        tracing::info!(old, new, "the group became a supergroup; its link moved");
    }
    Ok(())
}

// ------------------------------------------------------------------ membership

/// The bot was added to (or removed from) a chat: it introduces itself once.
pub async fn on_my_chat_member(bot: Bot, upd: ChatMemberUpdated, ctx: Arc<Ctx>) -> HandlerResult {
    if upd.chat.is_private() {
        return Ok(());
    }
    let (was_in, is_in) = (
        upd.old_chat_member.is_present(),
        upd.new_chat_member.is_present(),
    );
    let chat = upd.chat.id.0;
    if !was_in && is_in {
        let title = upd.chat.title().unwrap_or_default();
        if repo::added(&ctx.pool, chat, title, ctx.now()).await? {
            let lang = Lang::resolve(None, upd.from.language_code.as_deref());
            let req = bot.send_message(upd.chat.id, tr!(lang, "chat-hello"));
            match private_button(&ctx, lang, "") {
                Some(kb) => req.reply_markup(kb).await?,
                None => req.await?,
            };
        }
    } else if was_in && !is_in {
        repo::left(&ctx.pool, chat, ctx.now()).await?;
    }
    Ok(())
}

// ------------------------------------------------------------------ group messages

/// Every message in a group or supergroup: our community commands, a council's topic being
/// typed, newcomers; everything else goes to the general group handler.
pub async fn on_group_message(bot: Bot, msg: Message, ctx: Arc<Ctx>) -> HandlerResult {
    if let Some(new) = msg.migrate_to_chat_id() {
        return on_migration(&ctx, msg.chat.id.0, new.0).await;
    }
    if let Some(old) = msg.migrate_from_chat_id() {
        return on_migration(&ctx, old.0, msg.chat.id.0).await;
    }
    if let Some(members) = msg.new_chat_members() {
        let names: Vec<String> = members
            .iter()
            .filter(|u| !u.is_bot)
            .map(|u| u.first_name.clone())
            .collect();
        if !names.is_empty() {
            greet(&ctx, msg.chat.id.0, &names).await?;
        }
        return Ok(());
    }
    let Some(from) = msg.from.clone() else {
        return Ok(());
    };
    let Some(text) = msg.text() else {
        return Ok(());
    };
    let actor = Actor::load(&ctx, &from).await?;
    let chat = msg.chat.id;
    let Some(cmd) = super::commands::parse(text, &ctx.bot_username) else {
        return on_group_text(&bot, &ctx, &actor, chat, text).await;
    };
    let lang = actor.lang;
    use super::commands::Command as C;
    match cmd.command {
        Some(C::LinkChat) => {
            if !may_link(&actor) {
                bot.send_message(chat, tr!(lang, "chat-link-not-allowed"))
                    .await?;
                return Ok(());
            }
            repo::added(
                &ctx.pool,
                chat.0,
                msg.chat.title().unwrap_or_default(),
                ctx.now(),
            )
            .await?;
            bot.send_message(chat, tr!(lang, "chat-link-choose"))
                .reply_markup(link_keyboard(lang))
                .await?;
        }
        Some(C::UnlinkChat) => {
            let key = if !may_link(&actor) {
                "chat-link-not-allowed"
            } else if repo::unlink(&ctx.pool, chat.0, ctx.now()).await? {
                "chat-unlinked"
            } else {
                "chat-not-linked"
            };
            bot.send_message(chat, tr!(lang, key)).await?;
        }
        Some(C::Practices) => practices::group_search(&bot, &ctx, lang, chat, &cmd.args).await?,
        Some(C::Events) => {
            bot.send_message(chat, events_text(&ctx, lang).await?)
                .await?;
        }
        Some(C::Mentors) => {
            let (text, kb) = mentors_list(&ctx, lang, &cmd.args).await?;
            ui::send(&bot, chat, text, kb).await?;
        }
        // everything personal is done in private: the group is told to go there
        Some(
            C::Start
            | C::Help
            | C::Profile
            | C::MyData
            | C::Request
            | C::Replace
            | C::Pair
            | C::Resign
            | C::Meeting
            | C::Task
            | C::Helped
            | C::Sos
            | C::Plan
            | C::Journal
            | C::Adaptation
            | C::Requests
            | C::Pairs
            | C::History
            | C::Survey
            | C::Report
            | C::School
            | C::Documents
            | C::Invite
            | C::Announce
            | C::Practice
            | C::Moderate
            | C::Stage
            | C::Calendar
            | C::Orgs
            | C::Digest
            | C::Settings
            | C::Lang
            | C::Cancel
            | C::Forget,
        )
        | None => return general::on_group_message(bot, msg, ctx).await,
    }
    Ok(())
}

/// Plain text in a group: only the topic of a subject council, typed by whoever chose «МО».
async fn on_group_text(
    bot: &Bot,
    ctx: &Ctx,
    actor: &Actor,
    chat: ChatId,
    text: &str,
) -> HandlerResult {
    let Some(c) = repo::get(&ctx.pool, chat.0).await? else {
        return Ok(());
    };
    if c.topic_asked_by != Some(actor.tg) || !may_link(actor) {
        return Ok(());
    }
    let topic = text.trim();
    if topic.chars().count() < 3 || topic.chars().count() > MAX_TOPIC {
        bot.send_message(chat, tr!(actor.lang, "chat-topic-length", max = MAX_TOPIC))
            .await?;
        return Ok(());
    }
    let kind = ChatKind::Council(topic.to_string());
    repo::link(
        &ctx.pool,
        chat.0,
        &kind,
        actor.user.as_ref().map(|u| u.id),
        ctx.now(),
    )
    .await?;
    bot.send_message(chat, linked_text(ctx, actor.lang, &kind).await)
        .await?;
    Ok(())
}

fn link_keyboard(lang: Lang) -> InlineKeyboardMarkup {
    markup(vec![
        vec![Button::new(
            tr!(lang, "btn-chat-district"),
            LinkAction::District,
        )],
        vec![Button::new(tr!(lang, "btn-chat-org"), LinkAction::Orgs(0))],
        vec![Button::new(
            tr!(lang, "btn-chat-council"),
            LinkAction::Council,
        )],
        vec![Button::new(tr!(lang, "btn-cancel"), LinkAction::Cancel)],
    ])
}

async fn linked_text(ctx: &Ctx, lang: Lang, kind: &ChatKind) -> String {
    match kind {
        ChatKind::District => tr!(lang, "chat-linked-district"),
        ChatKind::Org(id) => tr!(
            lang,
            "chat-linked-org",
            org = super::audience::org_name(&ctx.pool, Some(*id)).await
        ),
        ChatKind::Council(topic) => tr!(lang, "chat-linked-council", topic = topic.clone()),
    }
}

/// Callback queries from keyboards in groups (linking a chat, [`LinkAction`]).
pub fn group_callbacks() -> UpdateHandler<HandlerError> {
    Update::filter_callback_query()
        .filter(|q: CallbackQuery| {
            let in_group = q.regular_message().is_some_and(|m| !m.chat.is_private());
            in_group
                && matches!(
                    q.data.as_deref().and_then(Action::parse),
                    Some(Action::Link(_))
                )
        })
        .endpoint(on_group_button)
}

/// A press in a group: authorized by the one authorization point like any other, then the
/// linking step; anything else is an old or forged button.
async fn on_group_button(bot: Bot, q: CallbackQuery, ctx: Arc<Ctx>) -> HandlerResult {
    let actor = Actor::load(&ctx, &q.from).await?;
    let lang = actor.lang;
    let action = match q.data.as_deref().and_then(Action::parse) {
        Some(Action::Link(a)) => Some(a),
        _ => None,
    };
    let answer = match (q.regular_message(), action) {
        (Some(m), Some(a)) => match authz::authorize(&ctx.pool, &actor, a.need()).await? {
            Ok(_) => link_step(&bot, &ctx, &actor, m.chat.id, m.id, a).await?,
            Err(authz::Denied) => Some(tr!(lang, "chat-link-not-allowed")),
        },
        _ => Some(tr!(lang, "stale-button")),
    };
    let req = bot.answer_callback_query(q.id.clone());
    match answer {
        Some(t) => req.text(t).await?,
        None => req.await?,
    };
    Ok(())
}

/// One step of linking; returns a notice for the callback answer.
async fn link_step(
    bot: &Bot,
    ctx: &Ctx,
    actor: &Actor,
    chat: ChatId,
    mid: MessageId,
    action: LinkAction,
) -> Result<Option<String>, HandlerError> {
    let lang = actor.lang;
    let by = actor.user.as_ref().map(|u| u.id);
    let kind = match action {
        LinkAction::District => ChatKind::District,
        LinkAction::Org(org) => {
            if orgs::get(&ctx.pool, org).await?.is_none() {
                return Ok(Some(tr!(lang, "stale-button")));
            }
            ChatKind::Org(org)
        }
        LinkAction::Orgs(page) => {
            let page = usize::try_from(page).unwrap_or(0);
            let all = orgs::list(&ctx.pool).await?;
            if all.is_empty() {
                ui::edit_text(bot, chat, mid, tr!(lang, "invite-no-orgs"), None).await?;
                return Ok(None);
            }
            let mut rows: Vec<Vec<Button>> = all
                .iter()
                .skip(page * ORGS_PER_PAGE)
                .take(ORGS_PER_PAGE)
                .map(|o| vec![Button::new(o.name.clone(), LinkAction::Org(o.id))])
                .collect();
            let mut nav = Vec::new();
            if page > 0 {
                nav.push(Button::new(
                    tr!(lang, "btn-prev"),
                    LinkAction::Orgs(page as i64 - 1),
                ));
            }
            if (page + 1) * ORGS_PER_PAGE < all.len() {
                nav.push(Button::new(
                    tr!(lang, "btn-next"),
                    LinkAction::Orgs(page as i64 + 1),
                ));
            }
            rows.push(nav);
            rows.push(vec![Button::new(
                tr!(lang, "btn-cancel"),
                LinkAction::Cancel,
            )]);
            ui::edit_text(
                bot,
                chat,
                mid,
                tr!(lang, "chat-link-choose-org"),
                Some(markup(rows)),
            )
            .await?;
            return Ok(None);
        }
        LinkAction::Council => {
            repo::ask_topic(&ctx.pool, chat.0, Some(actor.tg)).await?;
            ui::edit_text(bot, chat, mid, tr!(lang, "chat-ask-topic"), None).await?;
            return Ok(None);
        }
        LinkAction::Cancel => {
            repo::ask_topic(&ctx.pool, chat.0, None).await?;
            ui::edit_text(bot, chat, mid, tr!(lang, "chat-link-cancelled"), None).await?;
            return Ok(None);
        }
    };
    if !repo::link(&ctx.pool, chat.0, &kind, by, ctx.now()).await? {
        return Ok(Some(tr!(lang, "stale-button")));
    }
    ui::edit_text(bot, chat, mid, linked_text(ctx, lang, &kind).await, None).await?;
    Ok(None)
}

// ------------------------------------------------------------------ newcomers

/// Greets newcomers of a linked chat, or queues them while the chat was greeted recently.
async fn greet(ctx: &Ctx, chat: i64, names: &[String]) -> HandlerResult {
    let now = ctx.now();
    let due = repo::welcome(&ctx.pool, chat, names, welcome_every(), now).await?;
    if due.is_empty() {
        return Ok(());
    }
    let lang = Lang::default();
    let text = tr!(
        lang,
        "chat-welcome",
        names = due.join(", "),
        count = due.len()
    );
    let kb = ui::url_button(tr!(lang, "btn-welcome-start"), &ctx.deep_link(""))
        .map(|b| markup(vec![vec![b]]));
    send_to_group(ctx, chat, text, kb).await
}

// ------------------------------------------------------------------ periodic checks

/// Leaves chats that nobody linked within a day of adding the bot (a goodbye first).
/// Called by the periodic tick (and by the scheduler, if it has a hook). Returns how many.
pub async fn leave_unlinked(ctx: &Ctx, now: DateTime<Utc>) -> Result<usize, HandlerError> {
    let stale = repo::unlinked_since(&ctx.pool, now).await?;
    for c in &stale {
        let chat = ChatId(c.chat_id);
        // sent now (not queued): the bot leaves right after
        if let (Err(e), _) = ctx
            .notifier
            .send_now(chat, &tr!(Lang::default(), "chat-goodbye"), None, None)
            .await
        {
            tracing::warn!(chat = c.chat_id, error = %e, "goodbye not delivered");
        }
        if let Err(e) = ctx.notifier.bot().leave_chat(chat).await {
            tracing::warn!(chat = c.chat_id, error = %e, "could not leave the chat");
        }
        repo::left(&ctx.pool, c.chat_id, now).await?;
    }
    Ok(stale.len())
}

/// Sends the welcomes that waited for the rate limit.
pub async fn flush_welcomes(ctx: &Ctx, now: DateTime<Utc>) -> HandlerResult {
    for chat in repo::welcomes_due(&ctx.pool, welcome_every(), now).await? {
        greet(ctx, chat, &[]).await?;
    }
    Ok(())
}

/// Everything the community needs done periodically, for the scheduler (issue 5) and the
/// simple interval started in `app::start`.
pub async fn tick(ctx: &Ctx, now: DateTime<Utc>) {
    if let Err(e) = leave_unlinked(ctx, now).await {
        tracing::error!(error = %e, "checking unlinked chats failed");
    }
    if let Err(e) = flush_welcomes(ctx, now).await {
        tracing::error!(error = %e, "sending welcomes failed");
    }
    if let Err(e) = super::announce::send_due(ctx, now).await {
        tracing::error!(error = %e, "sending scheduled announcements failed");
    }
}

// ------------------------------------------------------------------ events (seam)

/// An upcoming event of the district calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub title: String,
    pub opens_on: NaiveDate,
    pub closes_on: Option<NaiveDate>,
}

/// Events of the district calendar (`calendar_events`) that are open now or open within
/// 60 days, soonest first. No personal data: titles and dates only.
pub async fn upcoming_events(
    ctx: &Ctx,
    from: NaiveDate,
    lang: Lang,
) -> Result<Vec<Event>, HandlerError> {
    let mut out = Vec::new();
    for e in crate::repo::reminders::calendar(&ctx.pool).await? {
        // the occurrence that has not closed yet (a window across New Year may have opened last year)
        let year = chrono::Datelike::year(&from);
        let Some((open, close)) = [year - 1, year, year + 1]
            .into_iter()
            .map(|y| e.window.dates(y))
            .find(|(_, close)| *close >= from)
        else {
            continue;
        };
        if open <= from + chrono::Duration::days(60) {
            let title = super::reminders::event_title(lang, e.code.as_deref(), &e.title);
            out.push(Event {
                title,
                opens_on: open,
                closes_on: Some(close),
            });
        }
    }
    out.sort_by_key(|e| e.opens_on);
    Ok(out)
}

/// `/events`: the upcoming events of the calendar.
pub async fn events_text(ctx: &Ctx, lang: Lang) -> Result<String, HandlerError> {
    let events = upcoming_events(ctx, ctx.today(None).await, lang).await?;
    if events.is_empty() {
        return Ok(tr!(lang, "events-none"));
    }
    let mut text = tr!(lang, "events-header");
    for e in events {
        let until = e
            .closes_on
            .map(|d| format!(" – {}", super::format::date(d)))
            .unwrap_or_default();
        text.push_str(&format!(
            "\n• {}{} — {}",
            super::format::date(e.opens_on),
            until,
            e.title
        ));
    }
    Ok(text)
}

// ------------------------------------------------------------------ /mentors

/// Areas whose name (in either language) or code matches the words typed.
pub fn areas_matching(words: &str) -> Vec<Area> {
    let wanted = stems(words);
    if wanted.is_empty() {
        return Vec::new();
    }
    Area::ALL
        .iter()
        .copied()
        .filter(|a| {
            let names = format!(
                "{} {} {}",
                a.code(),
                tr!(Lang::Ru, &a.key()),
                tr!(Lang::En, &a.key())
            );
            let have = stems(&names);
            wanted.iter().all(|w| {
                have.iter()
                    .any(|h| h.starts_with(w.as_str()) || w.starts_with(h.as_str()))
            })
        })
        .collect()
}

/// `/mentors <area>`: mentors who chose to be listed in the open district base, each with a
/// button that continues in private.
pub async fn mentors_list(
    ctx: &Ctx,
    lang: Lang,
    args: &str,
) -> Result<(String, Option<InlineKeyboardMarkup>), HandlerError> {
    let areas = areas_matching(args);
    if areas.is_empty() {
        let all: Vec<String> = Area::ALL
            .iter()
            .map(|a| format!("• {}", tr!(lang, &a.key())))
            .collect();
        return Ok((tr!(lang, "mentors-ask-area", areas = all.join("\n")), None));
    }
    let found: Vec<profiles::PublicMentor> = profiles::public_mentors(&ctx.pool)
        .await?
        .into_iter()
        .filter(|m| m.competences.iter().any(|c| areas.contains(c)))
        .collect();
    let area_names: Vec<String> = areas.iter().map(|a| tr!(lang, &a.key())).collect();
    if found.is_empty() {
        return Ok((
            tr!(lang, "mentors-none", area = area_names.join(", ")),
            None,
        ));
    }
    let mut text = tr!(
        lang,
        "mentors-header",
        area = area_names.join(", "),
        count = found.len()
    );
    let mut rows = Vec::new();
    for m in found.iter().take(MENTORS_SHOWN) {
        let comps: Vec<String> = m.competences.iter().map(|c| tr!(lang, &c.key())).collect();
        text.push_str(&format!(
            "\n\n• {} — {}\n  {}",
            m.name,
            m.org,
            comps.join(", ")
        ));
        if let Some(b) = ui::url_button(
            tr!(lang, "btn-ask-mentor", name = m.name.clone()),
            &ctx.deep_link(&format!("{MENTOR_LINK}{}", m.user_id)),
        ) {
            rows.push(vec![b]);
        }
    }
    if found.len() > MENTORS_SHOWN {
        text.push_str("\n\n");
        text.push_str(&tr!(
            lang,
            "mentors-more",
            count = found.len() - MENTORS_SHOWN
        ));
    }
    Ok((text, (!rows.is_empty()).then(|| markup(rows))))
}

/// `/start <payload>` payloads of the community: a public mentor's card or the bank.
pub fn is_community_payload(args: &str) -> bool {
    args.starts_with(MENTOR_LINK) || args == practices::BANK_LINK
}

/// Continues in private what began in a group.
pub async fn on_start_payload(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    args: &str,
) -> HandlerResult {
    let lang = actor.lang;
    if !actor.is_registered() {
        return super::onboarding::start(bot, msg, dialogue, ctx, actor, "").await;
    }
    if args == practices::BANK_LINK {
        return practices::command(bot, ctx, actor, "").await;
    }
    let id = args
        .strip_prefix(MENTOR_LINK)
        .and_then(|s| s.parse::<i64>().ok());
    let mentors = profiles::public_mentors(&ctx.pool).await?;
    let Some(m) = mentors.iter().find(|m| Some(m.user_id) == id) else {
        bot.send_message(msg.chat.id, tr!(lang, "mentor-link-unknown"))
            .await?;
        return Ok(());
    };
    let comps: Vec<String> = m.competences.iter().map(|c| tr!(lang, &c.key())).collect();
    let card = tr!(
        lang,
        "mentor-link-card",
        name = m.name.clone(),
        org = m.org.clone(),
        competences = comps.join(", ")
    );
    if !actor.has(Role::Mentee) {
        bot.send_message(
            msg.chat.id,
            format!("{card}\n\n{}", tr!(lang, "mentor-link-not-mentee")),
        )
        .await?;
        return Ok(());
    }
    bot.send_message(
        msg.chat.id,
        format!(
            "{card}\n\n{}",
            tr!(lang, "mentor-link-how", name = m.name.clone())
        ),
    )
    .await?;
    requests::command(bot, dialogue, ctx, actor).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_are_found_by_any_word_form() {
        assert_eq!(areas_matching("родители"), vec![Area::Parents]);
        assert_eq!(areas_matching("работа с родителями"), vec![Area::Parents]);
        assert_eq!(areas_matching("ИКТ"), vec![Area::Ict]);
        assert_eq!(areas_matching("методика"), vec![Area::Methods]);
        assert!(areas_matching("").is_empty());
        assert!(areas_matching("космонавтика").is_empty());
    }
}
