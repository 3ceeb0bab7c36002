//! `/announce`: a coordinator (the whole district) or a curator (own organizations) writes an
//! announcement, optionally with a file, chooses the recipients — linked chats by kind and
//! people by role — previews it and sends it now or at a set time. Everything goes through
//! the shared limiter; the author gets a delivery report with the reasons of failures.

use super::action::community::{AnnounceAction, AnnounceTarget, ChatTarget, UnschedulePlace};
use super::actor::Actor;
use super::reply::{self, Button, Reply};
use super::state::{AnnounceDraft, AnnounceStep, State};
use super::ui::{self, Answered, Callback};
use super::{Ctx, Dlg, HandlerError, HandlerResult};
use crate::domain::Role;
use crate::i18n::Lang;
use crate::repo::announcements::{self as repo, Announcement, NewAnnouncement, Recipient};
use crate::repo::outbox::{NewMessage, OnSent, To};
use crate::repo::{chats, users};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use teloxide::prelude::*;
use teloxide::types::MessageId;

const MAX_BODY: usize = 3500;
/// Telegram's limit for a caption.
const MAX_CAPTION: usize = 1024;
/// How many failures the report lists by name.
const REPORT_NAMES: usize = 30;

/// The people an announcement may go to, by role.
const ROLE_TARGETS: [Role; 3] = [Role::Mentor, Role::Mentee, Role::Curator];

/// Whose announcement this is: `None` = the whole district (coordinator), else the curated orgs.
fn scope_of(actor: &Actor) -> Option<Vec<i64>> {
    if actor.has(Role::Coordinator) {
        None
    } else {
        Some(actor.orgs_for(Role::Curator))
    }
}

/// The targets this person may choose, with their labels.
fn target_options(actor: &Actor) -> Vec<(AnnounceTarget, String)> {
    let lang = actor.lang;
    let district = scope_of(actor).is_none();
    let chats = ChatTarget::ALL
        .into_iter()
        .filter(|k| district || *k == ChatTarget::Org)
        .map(|k| {
            (
                AnnounceTarget::Chat(k),
                tr!(lang, &format!("an-target-chat-{}", k.code())),
            )
        });
    let roles = ROLE_TARGETS
        .into_iter()
        .filter(|r| district || *r != Role::Curator)
        .map(|r| {
            (
                AnnounceTarget::Role(r),
                tr!(lang, &format!("an-target-role-{}", r.code())),
            )
        });
    chats.chain(roles).collect()
}

/// The recipients' multi-select, the chosen ones marked.
fn targets_keyboard(actor: &Actor, chosen: &[String]) -> teloxide::types::InlineKeyboardMarkup {
    let options = target_options(actor)
        .into_iter()
        .map(|(t, label)| (AnnounceAction::Toggle(t), label, chosen.contains(&t.code())))
        .collect();
    reply::markup(reply::multi_select(
        actor.lang,
        options,
        AnnounceAction::Done,
    ))
}

/// Who receives an announcement, resolved at sending time.
async fn recipients(ctx: &Ctx, a: &Announcement) -> Result<Vec<Recipient>, HandlerError> {
    let scope = a.org_scope.as_deref();
    let kinds: Vec<&str> = a
        .targets
        .iter()
        .filter_map(|t| t.strip_prefix("chat:"))
        .collect();
    let roles: Vec<Role> = a
        .targets
        .iter()
        .filter_map(|t| t.strip_prefix("role:"))
        .filter_map(Role::from_code)
        .collect();
    let mut out: Vec<Recipient> = Vec::new();
    if !kinds.is_empty() {
        out.extend(
            chats::linked(&ctx.pool, &kinds, scope)
                .await?
                .into_iter()
                .map(|c| Recipient::Chat(c.chat_id)),
        );
    }
    if !roles.is_empty() {
        let people = repo::people_with_roles(&ctx.pool, &roles, scope).await?;
        out.extend(
            people
                .into_iter()
                .filter(|id| *id != a.author_id)
                .map(Recipient::User),
        );
    }
    Ok(out)
}

// ------------------------------------------------------------------ composing

pub async fn command(bot: &Bot, dialogue: &Dlg, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    ui::send_reply(bot, ChatId(actor.tg), prompt(ctx, actor).await?).await?;
    dialogue
        .update(State::Announce(AnnounceDraft::default()))
        .await?;
    Ok(())
}

/// "Write the text", and the author's announcements still waiting, each with «Отменить».
async fn prompt(ctx: &Ctx, actor: &Actor) -> Result<Reply, HandlerError> {
    let lang = actor.lang;
    let mut text = tr!(lang, "an-ask-text");
    let Some(me) = actor.registered_user() else {
        return Ok(Reply::new(text));
    };
    let waiting = repo::scheduled_by(&ctx.pool, me.id).await?;
    if waiting.is_empty() {
        return Ok(Reply::new(text));
    }
    text.push_str("\n\n");
    text.push_str(&tr!(lang, "an-waiting", count = waiting.len() as i64));
    let mut rows = Vec::new();
    for a in &waiting {
        let when = local_time(ctx, a.send_at);
        let start: String = a.body.chars().take(40).collect();
        let start = if start.chars().count() < a.body.chars().count() {
            format!("{start}…")
        } else {
            start
        };
        text.push_str(&format!("\n• №{} — {when} — «{start}»", a.id));
        rows.push(vec![unschedule_button(lang, a.id, UnschedulePlace::Prompt)]);
    }
    Ok(Reply::new(text).rows(rows))
}

/// A moment as the district's local time, the way scheduled times are typed.
fn local_time(ctx: &Ctx, at: DateTime<Utc>) -> String {
    at.with_timezone(&ctx.config.district.tz)
        .format("%d.%m.%Y %H:%M")
        .to_string()
}

fn unschedule_button(lang: Lang, id: i64, place: UnschedulePlace) -> Button {
    Button::new(
        tr!(lang, "btn-an-unschedule", id = id),
        AnnounceAction::Unschedule { id, place },
    )
}

/// Cancels the author's own scheduled announcement (authorized: its author, still a
/// coordinator or curator), pressed under the /announce prompt (which is redrawn with what
/// still waits) or under the confirmation (which then says it is cancelled). Works in any
/// dialogue state.
async fn on_unschedule(
    cb: &Callback<'_>,
    id: i64,
    place: UnschedulePlace,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let Some(me) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    // sent or being sent meanwhile
    if !repo::cancel(&cb.ctx.pool, id, me.id).await? {
        return Ok(cb.answer(Some(tr!(lang, "an-unschedule-late"))).await?);
    }
    match place {
        UnschedulePlace::Prompt => cb.show(prompt(cb.ctx, cb.actor).await?).await?,
        UnschedulePlace::Confirmation => {
            cb.edit(tr!(lang, "an-unscheduled", id = id), None).await?
        }
    }
    Ok(cb
        .answer(Some(tr!(lang, "an-unscheduled", id = id)))
        .await?)
}

/// A message while composing: the text (with a file) or the time of a scheduled one.
pub async fn on_message(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    mut draft: AnnounceDraft,
) -> HandlerResult {
    let lang = actor.lang;
    match draft.step {
        AnnounceStep::Text => {
            let file = match (msg.document(), msg.photo().and_then(|p| p.last())) {
                (Some(d), _) => Some(("document".to_string(), d.file.id.to_string())),
                (None, Some(p)) => Some(("photo".to_string(), p.file.id.to_string())),
                _ => None,
            };
            let body = msg
                .text()
                .or(msg.caption())
                .unwrap_or("")
                .trim()
                .to_string();
            if body.is_empty() {
                bot.send_message(msg.chat.id, tr!(lang, "an-need-text"))
                    .await?;
                return Ok(());
            }
            if body.chars().count() > MAX_BODY {
                bot.send_message(
                    msg.chat.id,
                    tr!(
                        lang,
                        "an-too-long",
                        max = MAX_BODY,
                        len = body.chars().count()
                    ),
                )
                .await?;
                return Ok(());
            }
            draft = AnnounceDraft {
                step: AnnounceStep::Targets,
                body,
                file,
                ..Default::default()
            };
            let sent = bot
                .send_message(msg.chat.id, tr!(lang, "an-ask-targets"))
                .reply_markup(targets_keyboard(actor, &draft.targets))
                .await?;
            draft.kb = Some(sent.id.0);
            dialogue.update(State::Announce(draft)).await?;
        }
        AnnounceStep::Time => {
            let tz = ctx.config.district.tz;
            let parsed = msg
                .text()
                .and_then(|t| NaiveDateTime::parse_from_str(t.trim(), "%d.%m.%Y %H:%M").ok())
                .and_then(|t| tz.from_local_datetime(&t).earliest())
                .map(|t| t.with_timezone(&Utc));
            match parsed {
                Some(at) if at > ctx.now() => {
                    dialogue.exit().await?;
                    let id = create(ctx, actor, &draft, at).await?;
                    let when = local_time(ctx, at);
                    let reply = Reply::new(tr!(lang, "an-scheduled", id = id, when = when))
                        .button(unschedule_button(lang, id, UnschedulePlace::Confirmation));
                    ui::send_reply(bot, msg.chat.id, reply).await?;
                }
                Some(_) => {
                    bot.send_message(msg.chat.id, tr!(lang, "an-time-past"))
                        .await?;
                }
                None => {
                    bot.send_message(msg.chat.id, tr!(lang, "an-time-format"))
                        .await?;
                }
            }
        }
        _ => {
            bot.send_message(msg.chat.id, tr!(lang, "use-buttons-or-cancel"))
                .await?;
        }
    }
    Ok(())
}

async fn create(
    ctx: &Ctx,
    actor: &Actor,
    draft: &AnnounceDraft,
    at: DateTime<Utc>,
) -> Result<i64, HandlerError> {
    let author = actor.registered_user().ok_or("not registered")?;
    let a = NewAnnouncement {
        author_id: author.id,
        org_scope: scope_of(actor),
        body: draft.body.clone(),
        file: draft.file.clone(),
        targets: draft.targets.clone(),
        send_at: at,
    };
    Ok(repo::create(&ctx.pool, &a, ctx.now()).await?)
}

fn preview_buttons(lang: Lang) -> Vec<Vec<Button>> {
    vec![
        vec![Button::new(tr!(lang, "btn-an-send"), AnnounceAction::Send)],
        vec![Button::new(
            tr!(lang, "btn-an-later"),
            AnnounceAction::Later,
        )],
        vec![
            Button::new(tr!(lang, "btn-an-targets"), AnnounceAction::Back),
            Button::new(tr!(lang, "btn-cancel"), AnnounceAction::Cancel),
        ],
    ]
}

/// A press on the draft's keyboard (authorized: a coordinator or curator), or «Отменить» of
/// a scheduled announcement.
pub async fn on_button(
    cb: &Callback<'_>,
    state: State,
    action: AnnounceAction,
) -> Result<Answered, HandlerError> {
    if let AnnounceAction::Unschedule { id, place } = action {
        return on_unschedule(cb, id, place).await;
    }
    let State::Announce(mut draft) = state else {
        return Ok(Answered::Stale);
    };
    if draft.kb != Some(cb.message_id) {
        return Ok(Answered::Stale);
    }
    let lang = cb.lang();
    match (draft.step, action) {
        (AnnounceStep::Targets, AnnounceAction::Toggle(target)) => {
            // a curator chooses among their school's targets only
            if !target_options(cb.actor).iter().any(|(t, _)| *t == target) {
                return Ok(Answered::Stale);
            }
            ui::toggle(&mut draft.targets, &target.code());
            let kb = targets_keyboard(cb.actor, &draft.targets);
            cb.dialogue.update(State::Announce(draft)).await?;
            ui::edit_keyboard(cb.bot, cb.chat(), MessageId(cb.message_id), kb).await?;
            Ok(Answered::NotYet)
        }
        (AnnounceStep::Targets, AnnounceAction::Done) => {
            if draft.targets.is_empty() {
                return Ok(cb.answer(Some(tr!(lang, "err-choose-one"))).await?);
            }
            draft.step = AnnounceStep::Preview;
            let text = preview_text(cb.ctx, cb.actor, &draft).await?;
            cb.dialogue.update(State::Announce(draft)).await?;
            cb.show(Reply::new(text).rows(preview_buttons(lang)))
                .await?;
            Ok(cb.answer(None).await?)
        }
        (AnnounceStep::Preview, AnnounceAction::Back) => {
            draft.step = AnnounceStep::Targets;
            let kb = targets_keyboard(cb.actor, &draft.targets);
            cb.dialogue.update(State::Announce(draft)).await?;
            cb.edit(tr!(lang, "an-ask-targets"), Some(kb)).await?;
            Ok(cb.answer(None).await?)
        }
        (AnnounceStep::Preview, AnnounceAction::Later) => {
            draft.step = AnnounceStep::Time;
            cb.dialogue.update(State::Announce(draft)).await?;
            cb.edit(tr!(lang, "an-ask-time"), None).await?;
            Ok(cb.answer(None).await?)
        }
        (AnnounceStep::Preview, AnnounceAction::Cancel) => {
            cb.dialogue.exit().await?;
            cb.edit(tr!(lang, "an-cancelled"), None).await?;
            Ok(cb.answer(None).await?)
        }
        (AnnounceStep::Preview, AnnounceAction::Send) => {
            cb.dialogue.exit().await?;
            let now = cb.ctx.now();
            let id = create(cb.ctx, cb.actor, &draft, now).await?;
            cb.edit(tr!(lang, "an-sending", id = id), None).await?;
            cb.answer(None).await?;
            if repo::claim(&cb.ctx.pool, id).await? {
                if let Some(a) = repo::get(&cb.ctx.pool, id).await? {
                    deliver(cb.ctx, &a, now).await?;
                }
            }
            Ok(Answered::Done)
        }
        _ => Ok(Answered::Stale),
    }
}

/// The preview: the text as it will look, the attachment, and how many will receive it.
async fn preview_text(
    ctx: &Ctx,
    actor: &Actor,
    draft: &AnnounceDraft,
) -> Result<String, HandlerError> {
    let lang = actor.lang;
    let probe = Announcement {
        id: 0,
        author_id: actor.user.as_ref().map(|u| u.id).unwrap_or_default(),
        org_scope: scope_of(actor),
        body: draft.body.clone(),
        file: draft.file.clone(),
        targets: draft.targets.clone(),
        status: "scheduled".into(),
        send_at: ctx.now(),
    };
    let to = recipients(ctx, &probe).await?;
    let chats = to
        .iter()
        .filter(|r| matches!(r, Recipient::Chat(_)))
        .count();
    let labels: Vec<String> = target_options(actor)
        .into_iter()
        .filter(|(t, _)| draft.targets.contains(&t.code()))
        .map(|(_, l)| l)
        .collect();
    let file = match draft.file.as_ref().map(|f| f.0.as_str()) {
        Some("photo") => tr!(lang, "an-file-photo"),
        Some(_) => tr!(lang, "an-file-document"),
        None => tr!(lang, "an-file-none"),
    };
    Ok(tr!(
        lang,
        "an-preview",
        text = message_text(lang, &probe),
        targets = labels.join(", "),
        file = file,
        chats = chats,
        people = to.len() - chats
    ))
}

// ------------------------------------------------------------------ sending

/// The text recipients see.
fn message_text(lang: Lang, a: &Announcement) -> String {
    let header = tr!(
        lang,
        if a.org_scope.is_none() {
            "an-header-district"
        } else {
            "an-header-org"
        }
    );
    format!("{header}\n\n{}", a.body)
}

/// Queues one recipient's messages: the text with the file as its caption, or the text and
/// then the file when the text is too long for a caption. The last one carries the delivery.
fn messages(
    to: To,
    text: String,
    file: Option<&(String, String)>,
    delivery: i64,
) -> Vec<NewMessage> {
    let on_sent = Some(OnSent::Announcement(delivery));
    let Some((kind, id)) = file else {
        return vec![NewMessage {
            on_sent,
            ..NewMessage::text(to, text, None)
        }];
    };
    let file = Some((kind.clone(), id.clone()));
    if ui::utf16_len(&text) <= MAX_CAPTION {
        vec![NewMessage {
            to,
            text,
            keyboard: None,
            file,
            on_sent,
        }]
    } else {
        vec![
            NewMessage::text(to, text, None),
            NewMessage {
                to,
                text: String::new(),
                keyboard: None,
                file,
                on_sent,
            },
        ]
    }
}

/// Puts a claimed announcement into the outbox for everyone; the sender records each delivery
/// and, after the last, sends the author the report ([`delivered`]).
pub async fn deliver(ctx: &Ctx, a: &Announcement, now: DateTime<Utc>) -> HandlerResult {
    let to = recipients(ctx, a).await?;
    let pending = repo::add_deliveries(&ctx.pool, a.id, &to).await?;
    for (delivery, r) in pending {
        let (to, lang) = match r {
            Recipient::Chat(c) => (To::Chat(c), Lang::default()),
            Recipient::User(u) => match users::by_id(&ctx.pool, u)
                .await?
                .filter(|u| u.telegram_id.is_some())
            {
                Some(user) => (
                    To::User(u),
                    user.lang
                        .as_deref()
                        .and_then(Lang::from_code)
                        .unwrap_or_default(),
                ),
                None => {
                    repo::set_delivery(&ctx.pool, delivery, "not_started", now).await?;
                    continue;
                }
            },
        };
        for m in messages(to, message_text(lang, a), a.file.as_ref(), delivery) {
            ctx.notifier.enqueue(m).await?;
        }
    }
    report_if_done(ctx, a.id, now).await
}

/// The sender settled one delivery (`status`: sent, migrated, or why not).
pub async fn delivered(
    ctx: &Ctx,
    delivery: i64,
    status: &str,
    now: DateTime<Utc>,
) -> HandlerResult {
    let Some(id) = repo::set_delivery(&ctx.pool, delivery, status, now).await? else {
        return Ok(());
    };
    report_if_done(ctx, id, now).await
}

/// Once no delivery is pending, the announcement is sent and the author gets the report
/// (exactly once: the status change decides who reports).
async fn report_if_done(ctx: &Ctx, id: i64, now: DateTime<Utc>) -> HandlerResult {
    if let Some(author) = repo::finish_if_done(&ctx.pool, id, now).await? {
        let lang = ctx.notifier.lang_of(author).await;
        let report = report_text(ctx, lang, id).await?;
        ctx.notifier.tell(author, report, None).await;
    }
    Ok(())
}

/// The delivery report: how many of how many, and who did not get it and why.
pub async fn report_text(ctx: &Ctx, lang: Lang, id: i64) -> Result<String, HandlerError> {
    let all = repo::deliveries(&ctx.pool, id).await?;
    let delivered = |s: &str| s == "sent" || s == "migrated";
    let sent = all.iter().filter(|(_, s)| delivered(s)).count();
    let chats = all
        .iter()
        .filter(|(r, _)| matches!(r, Recipient::Chat(_)))
        .count();
    let mut text = tr!(
        lang,
        "an-report",
        id = id,
        sent = sent,
        total = all.len(),
        chats = chats,
        people = all.len() - chats
    );
    for (r, _) in all.iter().filter(|(_, s)| s == "migrated") {
        if let Recipient::Chat(c) = r {
            let title = chats::get(&ctx.pool, *c)
                .await?
                .map(|c| c.title)
                .unwrap_or_default();
            text.push_str("\n\n");
            text.push_str(&tr!(lang, "an-report-migrated", title = title));
        }
    }
    let failed: Vec<&(Recipient, String)> = all.iter().filter(|(_, s)| !delivered(s)).collect();
    if failed.is_empty() {
        return Ok(text);
    }
    text.push_str("\n\n");
    text.push_str(&tr!(lang, "an-report-failed", count = failed.len()));
    for (r, why) in failed.iter().take(REPORT_NAMES) {
        let who = match r {
            Recipient::Chat(c) => {
                let title = chats::get(&ctx.pool, *c)
                    .await?
                    .map(|c| c.title)
                    .unwrap_or_default();
                tr!(lang, "an-report-chat", title = title)
            }
            Recipient::User(u) => super::audience::name_of(&ctx.pool, *u).await,
        };
        text.push_str(&format!(
            "\n— {who}: {}",
            tr!(lang, &format!("an-fail-{why}"))
        ));
    }
    if failed.len() > REPORT_NAMES {
        text.push_str(&format!(
            "\n…{}",
            tr!(lang, "an-report-more", count = failed.len() - REPORT_NAMES)
        ));
    }
    Ok(text)
}

/// Sends the scheduled announcements whose time has come. Called by the periodic tick and
/// by the scheduler (issue 5) if it has a hook. Returns how many were sent.
pub async fn send_due(ctx: &Ctx, now: DateTime<Utc>) -> Result<usize, HandlerError> {
    let mut n = 0;
    for a in repo::due(&ctx.pool, now).await? {
        if repo::claim(&ctx.pool, a.id).await? {
            deliver(ctx, &a, now).await?;
            n += 1;
        }
    }
    Ok(n)
}
