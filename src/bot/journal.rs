//! The journal of a pair in Telegram: `/meeting` and `/helped` in one message (or the guided
//! form), "с кем?" for mentors with several mentees, confirmations with «Изменить» / «Удалить»,
//! `/journal` with pages, `/sos` and its answer, and the adaptation report `/adaptation`.
//! Callback prefixes: `jl` (journal), `so` (/sos), `ar` (adaptation report).

use super::action::journal::{JournalAction, ReportAction, SosAction, MINUTE_PRESETS};
use super::actor::Actor;
use super::audience::{curates, readable_pairs, targets, tell_curators, Target};
use super::cards::{confirmation_keyboard, entry_line, refusal};
use super::format::date;
use super::reply::{markup, Button};
use super::state::{JournalReason, LogForm, LogKind, State};
use super::ui::{self, Answered, Callback};
use super::{Ctx, Dlg, HandlerError, HandlerResult};
use crate::domain::everyday;
use crate::domain::journal::{self as rules, EntryKind, MeetingFormat};
use crate::i18n::Lang;
use crate::repo::journal::{self, Entry, EntryChange, JournalError, NewEntry};
use crate::repo::pairs::{self, Pair};
use chrono::{Duration, NaiveDate};
use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;

/// Journal entries per page.
pub const PAGE: i64 = 8;

fn who_keyboard(targets: &[Target]) -> InlineKeyboardMarkup {
    markup(
        targets
            .iter()
            .map(|t| {
                vec![Button::new(
                    t.label.clone(),
                    JournalAction::Target {
                        pair: t.pair.id,
                        mentee: t.mentee,
                    },
                )]
            })
            .collect(),
    )
}

// ------------------------------------------------------------------ /meeting, /helped

/// `/meeting [date] <minutes> <topic>` and `/helped <minutes> <topic>`; bare `/meeting` starts the form.
pub async fn log_command(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    kind: LogKind,
    args: &str,
) -> HandlerResult {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let chat = msg.chat.id;
    let targets = targets(ctx, lang, me.id).await?;
    if targets.is_empty() {
        bot.send_message(chat, tr!(lang, "log-no-pairs")).await?;
        return Ok(());
    }
    let mut form = LogForm::new(kind);
    form.source = Some((chat.0, i64::from(msg.id.0)));
    if args.trim().is_empty() {
        if kind == LogKind::Helped {
            bot.send_message(chat, tr!(lang, "log-helped-usage"))
                .await?;
            return Ok(());
        }
        // the guided form
        if targets.len() == 1 {
            form.target = Some((targets[0].pair.id, targets[0].mentee));
        }
        return advance(bot, dialogue, ctx, actor, form).await;
    }
    // a time of day makes it a meeting planned ahead: «/meeting завтра 15:30 Разбор урока»
    if kind == LogKind::Meeting
        && super::meetings::try_plan(bot, msg, dialogue, ctx, actor, &targets, args).await?
    {
        return Ok(());
    }
    let today = ctx.today(targets[0].pair.org_id).await;
    match rules::parse_quick_log(args, today) {
        Ok(q) => {
            form.date = Some(q.date);
            form.minutes = Some(q.minutes);
            form.topic = Some(q.topic);
            if kind == LogKind::Meeting {
                form.format = Some(String::new());
            }
            if targets.len() == 1 {
                form.target = Some((targets[0].pair.id, targets[0].mentee));
                // the pair was just read: saving needs no second look
                return advance_with(
                    bot,
                    dialogue,
                    ctx,
                    actor,
                    form,
                    Some(targets[0].pair.clone()),
                )
                .await;
            }
            advance(bot, dialogue, ctx, actor, form).await
        }
        Err(e) => {
            let usage = tr!(
                lang,
                if kind == LogKind::Meeting {
                    "log-meeting-usage"
                } else {
                    "log-helped-usage"
                }
            );
            bot.send_message(
                chat,
                format!("{}\n\n{}", tr!(lang, e.key(), max = e.limit()), usage),
            )
            .await?;
            Ok(())
        }
    }
}

/// `/task [до дд.мм] <text>`: a task for the mentee (a plan item due in a week by default).
pub async fn task_command(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    args: &str,
) -> HandlerResult {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let targets = targets(ctx, lang, me.id).await?;
    if targets.is_empty() {
        bot.send_message(msg.chat.id, tr!(lang, "log-no-pairs"))
            .await?;
        return Ok(());
    }
    let today = ctx.today(targets[0].pair.org_id).await;
    let spec = match rules::parse_task(args, today) {
        Ok(s) => s,
        Err(e) => {
            bot.send_message(
                msg.chat.id,
                format!(
                    "{}\n\n{}",
                    tr!(lang, e.key(), max = rules::MAX_TOPIC_CHARS),
                    tr!(lang, "task-usage")
                ),
            )
            .await?;
            return Ok(());
        }
    };
    let mut form = LogForm::new(LogKind::Task);
    form.topic = Some(spec.title);
    form.deadline = Some(spec.deadline);
    form.source = Some((msg.chat.id.0, i64::from(msg.id.0)));
    if targets.len() == 1 {
        form.target = Some((targets[0].pair.id, targets[0].mentee));
    }
    advance(bot, dialogue, ctx, actor, form).await
}

/// Asks for what is missing, or stores the entry when everything is known.
pub async fn advance(
    bot: &Bot,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    form: LogForm,
) -> HandlerResult {
    advance_with(bot, dialogue, ctx, actor, form, None).await
}

/// `advance` with the target pair when it was already read in this update.
async fn advance_with(
    bot: &Bot,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    mut form: LogForm,
    known: Option<Pair>,
) -> HandlerResult {
    let lang = actor.lang;
    let chat = ChatId(actor.tg);
    let me = actor.registered_user().ok_or("not registered")?;
    if form.target.is_none() {
        let targets = targets(ctx, lang, me.id).await?;
        // a task is given to someone («Кому?»), a meeting is held with someone («С кем?»)
        let ask = if form.kind == LogKind::Task {
            "log-ask-whom"
        } else {
            "log-ask-who"
        };
        let kb_id = ui::prompt(
            bot,
            chat,
            tr!(lang, ask),
            Some(who_keyboard(&targets)),
            form.kb,
        )
        .await?;
        form.kb = kb_id;
        dialogue.update(State::Log(form)).await?;
        return Ok(());
    }
    if form.kind == LogKind::Task {
        // a deadline after the programme's end is confirmed before the task is given
        if let (Some(deadline), false) = (form.deadline, form.duplicate_ok) {
            let pair = match known.filter(|p| Some(p.id) == form.target.map(|t| t.0)) {
                Some(p) => Some(p),
                None => pairs::get(&ctx.pool, form.target.map_or(0, |t| t.0)).await?,
            };
            if let Some(end) = pair.map(|p| p.planned_end).filter(|end| deadline > *end) {
                let kb = markup(vec![vec![
                    Button::new(
                        tr!(lang, "btn-deadline-right"),
                        JournalAction::DeadlineAfterEnd(true),
                    ),
                    Button::new(
                        tr!(lang, "btn-deadline-other"),
                        JournalAction::DeadlineAfterEnd(false),
                    ),
                ]]);
                let text = tr!(
                    lang,
                    "deadline-after-end",
                    date = date(deadline),
                    end = date(end)
                );
                return ask_about_form(bot, dialogue, chat, form, text, kb).await;
            }
        }
        dialogue.exit().await?;
        return super::plan::save_task(bot, ctx, actor, &form).await;
    }
    if form.minutes.is_none() {
        let row = MINUTE_PRESETS
            .iter()
            .map(|m| {
                Button::new(
                    tr!(lang, "log-minutes-button", minutes = *m),
                    JournalAction::Minutes(*m),
                )
            })
            .collect();
        let mut rows = vec![row];
        // a meeting still to come is planned instead («Запланировать встречу»)
        if let (LogKind::Meeting, Some((pair, mentee))) = (form.kind, form.target) {
            rows.push(vec![Button::new(
                tr!(lang, "btn-meeting-plan"),
                super::action::meetings::MeetingAction::Plan(pair, mentee),
            )]);
        }
        form.kb = ui::prompt(
            bot,
            chat,
            tr!(lang, "log-ask-minutes"),
            Some(markup(rows)),
            form.kb,
        )
        .await?;
        dialogue.update(State::Log(form)).await?;
        return Ok(());
    }
    if form.format.is_none() {
        let row = MeetingFormat::ALL
            .iter()
            .map(|f| Button::new(tr!(lang, &f.key()), JournalAction::Format(*f)))
            .collect();
        form.kb = ui::prompt(
            bot,
            chat,
            tr!(lang, "log-ask-format"),
            Some(markup(vec![row])),
            form.kb,
        )
        .await?;
        dialogue.update(State::Log(form)).await?;
        return Ok(());
    }
    if form.topic.is_none() {
        form.kb = ui::prompt(bot, chat, tr!(lang, "log-ask-topic"), None, form.kb).await?;
        dialogue.update(State::Log(form)).await?;
        return Ok(());
    }
    dialogue.exit().await?;
    save(bot, dialogue, ctx, actor, &form, known).await
}

/// A yes/no question about a filled form (a duplicate meeting, a late deadline): shown in
/// place of the «Записываю…» placeholder when there is one; its buttons become the form's.
async fn ask_about_form(
    bot: &Bot,
    dialogue: &Dlg,
    chat: ChatId,
    mut form: LogForm,
    text: String,
    kb: InlineKeyboardMarkup,
) -> HandlerResult {
    form.kb = ui::prompt(bot, chat, text, Some(kb), form.placeholder.take()).await?;
    dialogue.update(State::Log(form)).await?;
    Ok(())
}

/// An entry not stored yet, as a line of the journal would show it.
fn preview(e: &NewEntry, now: chrono::DateTime<chrono::Utc>) -> Entry {
    Entry {
        id: 0,
        pair_id: e.pair_id,
        mentee_id: e.mentee_id,
        kind: e.kind.code().to_string(),
        on_date: e.on_date,
        minutes: e.minutes.map(i64::from),
        format: e.format.clone(),
        topic: e.topic.clone(),
        plan_item_id: None,
        sos_id: None,
        author_id: e.author_id,
        version: 1,
        deleted_at: None,
        created_at: now,
    }
}

/// Stores the entry. The pair is checked here again (the form may have waited for a while);
/// `known` is the pair as read earlier in the same update.
async fn save(
    bot: &Bot,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    form: &LogForm,
    known: Option<Pair>,
) -> HandlerResult {
    let lang = actor.lang;
    let chat = ChatId(actor.tg);
    let me = actor.registered_user().ok_or("not registered")?;
    let (pair_id, mentee) = form.target.ok_or("no target")?;
    let pair = match known.filter(|p| p.id == pair_id) {
        Some(p) => Some(p),
        None => pairs::get(&ctx.pool, pair_id).await?,
    };
    let Some(pair) = pair.filter(|p| actor.is_mentor_of(p.mentor_id)) else {
        bot.send_message(chat, tr!(lang, "not-allowed")).await?;
        return Ok(());
    };
    if mentee.is_some_and(|m| !pair.mentees.contains(&m)) {
        bot.send_message(chat, tr!(lang, "not-allowed")).await?;
        return Ok(());
    }
    let today = ctx.today(pair.org_id).await;
    let on_date = form.date.unwrap_or(today);
    if on_date < pair.start_date {
        bot.send_message(
            chat,
            tr!(lang, "log-before-start", start = date(pair.start_date)),
        )
        .await?;
        return Ok(());
    }
    let entry = NewEntry {
        pair_id,
        mentee_id: mentee,
        kind: if form.kind == LogKind::Helped {
            EntryKind::Helped
        } else {
            EntryKind::Meeting
        },
        on_date,
        minutes: form.minutes,
        format: form.format.clone().filter(|f| !f.is_empty()),
        topic: form.topic.clone().unwrap_or_default(),
        plan_item_id: None,
        sos_id: None,
        author_id: me.id,
        source: form.source,
    };
    if entry.kind == EntryKind::Meeting
        && !form.duplicate_ok
        && journal::same_meeting_logged(&ctx.pool, &entry).await?
    {
        // the same meeting twice is more often a slip than two meetings: ask
        let form = form.clone();
        let kb = markup(vec![vec![
            Button::new(
                tr!(lang, "btn-duplicate-yes"),
                JournalAction::Duplicate(true),
            ),
            Button::new(
                tr!(lang, "btn-duplicate-no"),
                JournalAction::Duplicate(false),
            ),
        ]]);
        let text = tr!(
            lang,
            "log-duplicate",
            entry = entry_line(ctx, lang, &preview(&entry, ctx.now()), true, Some(&pair)).await
        );
        return ask_about_form(bot, dialogue, chat, form, text, kb).await;
    }
    // through the group commit: concurrent logs share one fsync, each answered after it
    match ctx.journal.add(&entry, ctx.now()).await {
        Ok((e, fresh)) => {
            // committed: only now is "Записано" said (a repeated message gets the same answer)
            let text = tr!(
                lang,
                "log-saved",
                entry = entry_line(ctx, lang, &e, true, Some(&pair)).await
            );
            match form.placeholder {
                Some(id) => {
                    ui::edit_text(
                        bot,
                        chat,
                        teloxide::types::MessageId(id),
                        text,
                        Some(confirmation_keyboard(lang, &e)),
                    )
                    .await?
                }
                None => {
                    ui::send(bot, chat, text, Some(confirmation_keyboard(lang, &e))).await?;
                }
            }
            if fresh && entry.kind == EntryKind::Meeting {
                super::meetings::after_meeting_logged(ctx, &pair).await?;
            }
        }
        Err(e) => match refusal(lang, &e) {
            Some(text) => match form.placeholder {
                Some(id) => {
                    ui::edit_text(bot, chat, teloxide::types::MessageId(id), text, None).await?
                }
                None => {
                    bot.send_message(chat, text).await?;
                }
            },
            None => return Err(e.into()),
        },
    }
    Ok(())
}

/// Text typed while a log form waits.
pub async fn on_text(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    mut form: LogForm,
) -> HandlerResult {
    let lang = actor.lang;
    let waiting_for_topic = form.target.is_some()
        && form.minutes.is_some()
        && form.format.is_some()
        && form.topic.is_none();
    if !waiting_for_topic {
        bot.send_message(msg.chat.id, tr!(lang, "use-buttons-or-cancel"))
            .await?;
        return Ok(());
    }
    let Some(text) = msg.text() else {
        bot.send_message(msg.chat.id, tr!(lang, "err-need-text"))
            .await?;
        return Ok(());
    };
    let topic = rules::clean_text(text);
    if topic.is_empty() || topic.chars().count() > rules::MAX_TOPIC_CHARS {
        bot.send_message(
            msg.chat.id,
            tr!(lang, "log-err-topic-long", max = rules::MAX_TOPIC_CHARS),
        )
        .await?;
        return Ok(());
    }
    form.topic = Some(topic);
    form.source = Some((msg.chat.id.0, i64::from(msg.id.0)));
    advance(bot, dialogue, ctx, actor, form).await
}

// ------------------------------------------------------------------ buttons

/// The journal's buttons, already authorized: form steps for a mentor, entries for their
/// author, a pair's journal for its people and curators.
pub async fn on_action(
    cb: &Callback<'_>,
    state: State,
    action: JournalAction,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let Some(me) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    match action {
        JournalAction::Target { .. } | JournalAction::Minutes(_) | JournalAction::Format(_) => {
            let State::Log(mut form) = state else {
                return Ok(Answered::Stale);
            };
            if form.kb != Some(cb.message_id) {
                return Ok(Answered::Stale);
            }
            match action {
                JournalAction::Target {
                    pair: pair_id,
                    mentee,
                } => {
                    let Some(pair) = pairs::get(&cb.ctx.pool, pair_id).await? else {
                        return Ok(Answered::Stale);
                    };
                    let fits = match mentee {
                        Some(m) => pair.mentees.contains(&m),
                        None => pair.is_group(),
                    };
                    if !fits {
                        return Ok(Answered::Stale);
                    }
                    form.target = Some((pair_id, mentee));
                }
                JournalAction::Minutes(m) => form.minutes = Some(m),
                JournalAction::Format(f) => form.format = Some(f.code().to_string()),
                _ => return Ok(Answered::Stale),
            }
            cb.answer(None).await?;
            // the keyboard of this step is done: the next question replaces it in place
            let done = form.target.is_some()
                && form.minutes.is_some()
                && form.format.is_some()
                && form.topic.is_some();
            if done || form.kind == LogKind::Task {
                cb.edit(tr!(lang, "log-saving"), None).await?;
                form.kb = None;
                // the placeholder becomes the result
                form.placeholder = Some(cb.message_id);
            }
            advance(cb.bot, cb.dialogue, cb.ctx, cb.actor, form).await?;
            Ok(Answered::Done)
        }
        JournalAction::Duplicate(yes) | JournalAction::DeadlineAfterEnd(yes) => {
            let State::Log(mut form) = state else {
                return Ok(Answered::Stale);
            };
            // «dup»: the same meeting again; «dok»: a task's deadline after the programme's end
            let about_deadline = matches!(action, JournalAction::DeadlineAfterEnd(_));
            if form.kb != Some(cb.message_id) || (form.kind == LogKind::Task) != about_deadline {
                return Ok(Answered::Stale);
            }
            cb.answer(None).await?;
            if yes {
                cb.edit(tr!(lang, "log-saving"), None).await?;
                form.kb = None;
                form.placeholder = Some(cb.message_id);
                form.duplicate_ok = true;
                advance(cb.bot, cb.dialogue, cb.ctx, cb.actor, form).await?;
            } else {
                cb.dialogue.exit().await?;
                cb.edit(
                    tr!(
                        lang,
                        if about_deadline {
                            "task-deadline-refused"
                        } else {
                            "log-duplicate-skipped"
                        }
                    ),
                    None,
                )
                .await?;
            }
            Ok(Answered::Done)
        }
        JournalAction::Edit { entry: id, version } => {
            let Some(e) = own_entry(cb, id, version).await? else {
                return Ok(Answered::Stale);
            };
            if !rules::editable(e.created_at, cb.ctx.now()) {
                cb.answer(Some(tr!(
                    lang,
                    "entry-too-old",
                    days = rules::EDIT_WINDOW_DAYS
                )))
                .await?;
                return Ok(Answered::Done);
            }
            cb.dialogue
                .update(State::reason(JournalReason::EditEntry { version }, id))
                .await?;
            cb.clear_keyboard().await?;
            let example = format!(
                "{} {} {}",
                date(e.on_date),
                e.minutes.unwrap_or(30),
                e.topic
            );
            ui::send(
                cb.bot,
                cb.chat(),
                tr!(lang, "entry-ask-edit", example = example),
                None,
            )
            .await?;
            Ok(cb.answer(None).await?)
        }
        JournalAction::Delete { entry: id, version } => {
            let Some(e) = own_entry(cb, id, version).await? else {
                return Ok(Answered::Stale);
            };
            if !rules::editable(e.created_at, cb.ctx.now()) {
                cb.answer(Some(tr!(
                    lang,
                    "entry-too-old",
                    days = rules::EDIT_WINDOW_DAYS
                )))
                .await?;
                return Ok(Answered::Done);
            }
            match journal::delete_entry(&cb.ctx.pool, id, Some(version), me.id, cb.ctx.now()).await
            {
                Ok(e) => {
                    cb.edit(
                        tr!(
                            lang,
                            "entry-deleted",
                            entry = entry_line(cb.ctx, lang, &e, true, None).await
                        ),
                        None,
                    )
                    .await?;
                    Ok(cb.answer(None).await?)
                }
                Err(JournalError::NotFound | JournalError::Stale) => Ok(Answered::Stale),
                Err(e) => Err(e.into()),
            }
        }
        JournalAction::Open(pair_id) | JournalAction::Page { pair: pair_id, .. } => {
            let offset = match action {
                JournalAction::Page { offset, .. } => offset,
                _ => 0,
            };
            let Some(pair) = pairs::get(&cb.ctx.pool, pair_id).await? else {
                return Ok(Answered::Stale);
            };
            let (text, kb) = journal_page(cb.ctx, lang, &pair, offset).await?;
            cb.edit(text, Some(kb)).await?;
            Ok(cb.answer(None).await?)
        }
    }
}

/// The entry, if it is the actor's own meeting or help log and the tapped version is current.
async fn own_entry(
    cb: &Callback<'_>,
    id: i64,
    version: i64,
) -> Result<Option<Entry>, HandlerError> {
    let e = journal::entry(&cb.ctx.pool, id).await?;
    Ok(e.filter(|e| {
        cb.actor.is_mentor_of(e.author_id)
            && e.deleted_at.is_none()
            && e.version == version
            && matches!(e.kind(), Some(EntryKind::Meeting | EntryKind::Helped))
    }))
}

/// The corrected entry typed after «Изменить».
pub async fn on_edit_text(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    version: i64,
) -> HandlerResult {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let Some(text) = msg.text() else {
        bot.send_message(msg.chat.id, tr!(lang, "err-need-text"))
            .await?;
        return Ok(());
    };
    let Some(e) = journal::entry(&ctx.pool, id).await?.filter(|e| {
        actor.is_mentor_of(e.author_id) && e.version == version && e.deleted_at.is_none()
    }) else {
        dialogue.exit().await?;
        bot.send_message(msg.chat.id, tr!(lang, "stale-button"))
            .await?;
        return Ok(());
    };
    let Some(pair) = pairs::get(&ctx.pool, e.pair_id).await? else {
        return Ok(());
    };
    let today = ctx.today(pair.org_id).await;
    let q = match rules::parse_quick_log(text, today) {
        Ok(q) => q,
        Err(err) => {
            bot.send_message(msg.chat.id, tr!(lang, err.key(), max = err.limit()))
                .await?;
            return Ok(());
        }
    };
    if q.date < pair.start_date {
        bot.send_message(
            msg.chat.id,
            tr!(lang, "log-before-start", start = date(pair.start_date)),
        )
        .await?;
        return Ok(());
    }
    dialogue.exit().await?;
    let change = EntryChange {
        on_date: Some(q.date),
        minutes: Some(q.minutes),
        topic: Some(q.topic),
        format: None,
    };
    match journal::edit_entry(&ctx.pool, id, &change, me.id, ctx.now()).await {
        Ok(updated) => {
            let text = tr!(
                lang,
                "entry-edited",
                entry = entry_line(ctx, lang, &updated, true, None).await
            );
            ui::send(
                bot,
                msg.chat.id,
                text,
                Some(confirmation_keyboard(lang, &updated)),
            )
            .await?;
        }
        Err(err) => match refusal(lang, &err) {
            Some(t) => {
                bot.send_message(msg.chat.id, t).await?;
            }
            None => return Err(err.into()),
        },
    }
    Ok(())
}

// ------------------------------------------------------------------ /journal

/// The mentor, a mentee of the pair, or a curator of its organization.
pub fn may_read(actor: &Actor, pair: &Pair) -> bool {
    if actor.registered_user().is_none() {
        return false;
    }
    actor.is_mentor_of(pair.mentor_id)
        || actor.is_mentee_in(&pair.mentees)
        || curates(actor, pair.org_id)
}

pub async fn journal_page(
    ctx: &Ctx,
    lang: Lang,
    pair: &Pair,
    offset: i64,
) -> Result<(String, InlineKeyboardMarkup), HandlerError> {
    let (entries, total) = journal::page(&ctx.pool, pair.id, offset, PAGE).await?;
    let mentees = pair.mentee_names_joined();
    let mut text = tr!(
        lang,
        "journal-header",
        id = pair.id,
        mentor = pair.mentor_name.clone(),
        mentees = mentees,
        total = total
    );
    if pair.status == crate::domain::pair::PairStatus::Active {
        if let Some(next) = super::meetings::next_line(ctx, lang, pair).await? {
            text = format!("{text}\n{next}");
        }
    }
    if entries.is_empty() {
        text.push_str("\n\n");
        text.push_str(&tr!(lang, "journal-empty"));
    }
    for e in &entries {
        text.push_str("\n• ");
        text.push_str(&entry_line(ctx, lang, e, pair.is_group(), Some(pair)).await);
    }
    let mut row: Vec<Button> = Vec::new();
    if offset > 0 {
        row.push(Button::new(
            tr!(lang, "btn-newer"),
            JournalAction::Page {
                pair: pair.id,
                offset: (offset - PAGE).max(0),
            },
        ));
    }
    if offset + PAGE < total {
        row.push(Button::new(
            tr!(lang, "btn-older"),
            JournalAction::Page {
                pair: pair.id,
                offset: offset + PAGE,
            },
        ));
    }
    Ok((
        text,
        markup(if row.is_empty() { vec![] } else { vec![row] }),
    ))
}

/// `/journal`: the pair's recent entries; a curator chooses among the organization's pairs.
pub async fn journal_command(bot: &Bot, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let chat = ChatId(actor.tg);
    let list = readable_pairs(ctx, actor, me.id, true).await?;
    match list.len() {
        0 => {
            bot.send_message(chat, tr!(lang, "pairs-none")).await?;
        }
        1 => {
            let (text, kb) = journal_page(ctx, lang, &list[0], 0).await?;
            ui::send(bot, chat, text, Some(kb)).await?;
        }
        _ => {
            let mut rows = Vec::new();
            for p in list.iter().take(40) {
                let mentees = p.mentee_names_joined();
                rows.push(vec![Button::new(
                    format!("№{} · {} → {}", p.id, p.mentor_name, mentees),
                    JournalAction::Open(p.id),
                )]);
            }
            ui::send(bot, chat, tr!(lang, "journal-choose"), Some(markup(rows))).await?;
        }
    }
    Ok(())
}

// ------------------------------------------------------------------ /sos

/// The mentee's active pair (the first one if, unusually, there are several).
/// «Кому вопрос?» answered by a mentee with several mentors: the question goes to that pair's
/// mentor, or is asked for now.
pub async fn on_sos_to(
    cb: &Callback<'_>,
    state: State,
    pair_id: i64,
) -> Result<Answered, HandlerError> {
    let State::SosTo { question, source } = state else {
        return Ok(Answered::Stale);
    };
    let Some(pair) = pairs::get(&cb.ctx.pool, pair_id).await? else {
        return Ok(Answered::Stale);
    };
    cb.answer(None).await?;
    cb.clear_keyboard().await?;
    match question {
        Some(q) => {
            cb.dialogue.exit().await?;
            ask(
                cb.bot,
                cb.ctx,
                cb.actor,
                &pair,
                &q,
                source.unwrap_or((cb.chat().0, i64::from(cb.message_id))),
            )
            .await?;
        }
        None => {
            cb.dialogue
                .update(State::reason(JournalReason::SosQuestion, pair.id))
                .await?;
            ui::send(cb.bot, cb.chat(), tr!(cb.lang(), "sos-ask"), None).await?;
        }
    }
    Ok(Answered::Done)
}

pub async fn sos_command(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    args: &str,
) -> HandlerResult {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let mine: Vec<Pair> = pairs::active_for(&ctx.pool, me.id)
        .await?
        .into_iter()
        .filter(|p| p.mentees.contains(&me.id))
        .collect();
    let question = rules::clean_text(args);
    if mine.len() > 1 {
        // several mentors (002 §5.2): the mentee says whom the question is for
        dialogue
            .update(State::SosTo {
                question: (!question.is_empty()).then_some(question),
                source: Some((msg.chat.id.0, i64::from(msg.id.0))),
            })
            .await?;
        let kb = markup(
            mine.iter()
                .map(|p| vec![Button::new(p.mentor_name.clone(), SosAction::To(p.id))])
                .collect(),
        );
        ui::send(bot, msg.chat.id, tr!(lang, "sos-ask-whom"), Some(kb)).await?;
        return Ok(());
    }
    let Some(pair) = mine.into_iter().next() else {
        bot.send_message(msg.chat.id, tr!(lang, "sos-no-pair"))
            .await?;
        return Ok(());
    };
    if question.is_empty() {
        dialogue
            .update(State::reason(JournalReason::SosQuestion, pair.id))
            .await?;
        bot.send_message(msg.chat.id, tr!(lang, "sos-ask")).await?;
        return Ok(());
    }
    ask(
        bot,
        ctx,
        actor,
        &pair,
        &question,
        (msg.chat.id.0, i64::from(msg.id.0)),
    )
    .await
}

pub async fn ask(
    bot: &Bot,
    ctx: &Ctx,
    actor: &Actor,
    pair: &Pair,
    question: &str,
    source: (i64, i64),
) -> HandlerResult {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let chat = ChatId(actor.tg);
    if question.chars().count() > rules::MAX_SOS_CHARS {
        bot.send_message(chat, tr!(lang, "text-too-long", max = rules::MAX_SOS_CHARS))
            .await?;
        return Ok(());
    }
    match journal::ask_sos(
        &ctx.pool,
        pair.id,
        me.id,
        pair.mentor_id,
        question,
        Some(source),
        ctx.now(),
    )
    .await
    {
        Ok((id, is_new)) => {
            bot.send_message(
                chat,
                tr!(lang, "sos-sent", mentor = pair.mentor_name.clone()),
            )
            .await?;
            if is_new {
                let ml = ctx.notifier.lang_of(pair.mentor_id).await;
                let kb = markup(vec![vec![Button::new(
                    tr!(ml, "btn-sos-answer"),
                    SosAction::Answer(id),
                )]]);
                let text = tr!(
                    ml,
                    "sos-to-mentor",
                    name = me.display_name(),
                    question = question.to_string()
                );
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

/// «Ответить» on a /sos question, already authorized for its mentor.
pub async fn on_sos_answer(cb: &Callback<'_>, id: i64) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let Some(s) = journal::sos(&cb.ctx.pool, id).await? else {
        return Ok(Answered::Stale);
    };
    if s.answered_at.is_some() {
        cb.answer(Some(tr!(lang, "sos-already-answered"))).await?;
        return Ok(Answered::Done);
    }
    cb.dialogue
        .update(State::reason(JournalReason::SosAnswer, s.id))
        .await?;
    cb.clear_keyboard().await?;
    ui::send(cb.bot, cb.chat(), tr!(lang, "sos-ask-answer"), None).await?;
    Ok(cb.answer(None).await?)
}

pub async fn answer(bot: &Bot, ctx: &Ctx, actor: &Actor, sos_id: i64, text: &str) -> HandlerResult {
    let lang = actor.lang;
    let chat = ChatId(actor.tg);
    let me = actor.registered_user().ok_or("not registered")?;
    let Some(s) = journal::sos(&ctx.pool, sos_id)
        .await?
        .filter(|s| actor.is_mentor_of(s.mentor_id))
    else {
        bot.send_message(chat, tr!(lang, "stale-button")).await?;
        return Ok(());
    };
    let Some(pair) = pairs::get(&ctx.pool, s.pair_id).await? else {
        return Ok(());
    };
    let today = ctx.today(pair.org_id).await;
    match journal::answer_sos(&ctx.pool, sos_id, text, today, ctx.now()).await {
        Ok(s) => {
            let minutes = s
                .answered_at
                .map(|a| everyday::response_minutes(s.asked_at, a))
                .unwrap_or(0);
            bot.send_message(
                chat,
                tr!(
                    lang,
                    "sos-answered",
                    wait = super::format::wait_text(lang, minutes)
                ),
            )
            .await?;
            let el = ctx.notifier.lang_of(s.mentee_id).await;
            let text = tr!(
                el,
                "sos-answer-to-mentee",
                mentor = me.display_name(),
                question = s.question.clone(),
                answer = text.to_string()
            );
            ctx.notifier.tell(s.mentee_id, text, None).await;
        }
        Err(JournalError::Stale) => {
            bot.send_message(chat, tr!(lang, "sos-already-answered"))
                .await?;
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

// ------------------------------------------------------------------ typed answers

/// Texts typed for the journal: a corrected entry, a /sos question or answer, a comment to
/// the adaptation report.
pub async fn on_typed(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    purpose: JournalReason,
    id: i64,
) -> HandlerResult {
    let lang = actor.lang;
    if let JournalReason::EditEntry { version } = purpose {
        return on_edit_text(bot, msg, dialogue, ctx, actor, id, version).await;
    }
    let Some(text) = ui::text_up_to(bot, msg, lang, rules::MAX_SOS_CHARS).await? else {
        return Ok(());
    };
    match purpose {
        JournalReason::SosQuestion => {
            dialogue.exit().await?;
            match pairs::get(&ctx.pool, id)
                .await?
                .filter(|p| actor.is_mentee_in(&p.mentees))
            {
                Some(pair) => {
                    ask(
                        bot,
                        ctx,
                        actor,
                        &pair,
                        &rules::clean_text(text),
                        (msg.chat.id.0, i64::from(msg.id.0)),
                    )
                    .await?
                }
                None => {
                    bot.send_message(msg.chat.id, tr!(lang, "sos-no-pair"))
                        .await?;
                }
            }
        }
        JournalReason::SosAnswer => {
            dialogue.exit().await?;
            answer(bot, ctx, actor, id, text).await?;
        }
        JournalReason::ReportComment => {
            dialogue.exit().await?;
            send_report(bot, ctx, actor, id, text).await?;
        }
        // a corrected entry has its own checks (`on_edit_text`, above)
        JournalReason::EditEntry { .. } => {}
    }
    Ok(())
}

// ------------------------------------------------------------------ adaptation report

/// The report period: from the day after the last report (or the pair's start) to today.
async fn report_period(ctx: &Ctx, pair: &Pair) -> Result<(NaiveDate, NaiveDate), HandlerError> {
    let today = ctx.today(pair.org_id).await;
    let from = journal::last_report_end(&ctx.pool, pair.id)
        .await?
        .map(|d| d + Duration::days(1))
        .unwrap_or(pair.start_date);
    Ok((from.min(today), today))
}

/// Drafts the adaptation report (отчёт о ходе адаптации) from the journal.
pub async fn draft_report(ctx: &Ctx, lang: Lang, pair: &Pair) -> Result<String, HandlerError> {
    let (from, to) = report_period(ctx, pair).await?;
    let s = journal::summary(&ctx.pool, pair.id, from, to, ctx.now()).await?;
    let mentees = pair.mentee_names_joined();
    let median = match s.sos_median_minutes {
        Some(m) => tr!(
            lang,
            "report-median",
            wait = super::format::wait_text(lang, m)
        ),
        None => tr!(lang, "report-median-none"),
    };
    Ok(tr!(
        lang,
        "report-draft",
        mentor = pair.mentor_name.clone(),
        mentees = mentees,
        from = date(from),
        to = date(to),
        meetings = s.meetings,
        hours = everyday::one_decimal(
            f64::from(s.meeting_minutes + s.helped_minutes) / 60.0,
            lang == Lang::Ru
        ),
        helped = s.helped,
        tasks = s.tasks_given,
        submitted = s.tasks_submitted,
        checked = s.tasks_checked,
        sos = s.sos_asked,
        answered = s.sos_answered,
        median = median,
        done = s.plan_done,
        total = s.plan_total,
        overdue = s.plan_overdue
    ))
}

/// `/adaptation`: the mentor sees the draft and sends it with or without a comment.
pub async fn report_command(bot: &Bot, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let chat = ChatId(actor.tg);
    let mine: Vec<Pair> = pairs::active_for(&ctx.pool, me.id)
        .await?
        .into_iter()
        .filter(|p| p.mentor_id == me.id)
        .collect();
    match mine.len() {
        0 => {
            bot.send_message(chat, tr!(lang, "log-no-pairs")).await?;
        }
        1 => {
            let text = draft_report(ctx, lang, &mine[0]).await?;
            ui::send(bot, chat, text, Some(report_keyboard(lang, mine[0].id))).await?;
        }
        _ => {
            let mut rows = Vec::new();
            for p in &mine {
                let mentees = p.mentee_names_joined();
                rows.push(vec![Button::new(
                    format!("№{} · {}", p.id, mentees),
                    ReportAction::Open(p.id),
                )]);
            }
            ui::send(bot, chat, tr!(lang, "report-choose"), Some(markup(rows))).await?;
        }
    }
    Ok(())
}

fn report_keyboard(lang: Lang, pair_id: i64) -> InlineKeyboardMarkup {
    markup(vec![
        vec![Button::new(
            tr!(lang, "btn-report-comment"),
            ReportAction::Comment(pair_id),
        )],
        vec![Button::new(
            tr!(lang, "btn-report-send"),
            ReportAction::Send(pair_id),
        )],
    ])
}

/// The adaptation report's buttons, already authorized for the pair's mentor.
pub async fn on_report_action(
    cb: &Callback<'_>,
    action: ReportAction,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let (ReportAction::Open(id) | ReportAction::Comment(id) | ReportAction::Send(id)) = action;
    let Some(pair) = pairs::get(&cb.ctx.pool, id).await? else {
        return Ok(Answered::Stale);
    };
    match action {
        ReportAction::Open(_) => {
            let text = draft_report(cb.ctx, lang, &pair).await?;
            cb.edit(text, Some(report_keyboard(lang, pair.id))).await?;
            Ok(cb.answer(None).await?)
        }
        ReportAction::Comment(_) => {
            cb.dialogue
                .update(State::reason(JournalReason::ReportComment, pair.id))
                .await?;
            cb.clear_keyboard().await?;
            ui::send(cb.bot, cb.chat(), tr!(lang, "report-ask-comment"), None).await?;
            Ok(cb.answer(None).await?)
        }
        ReportAction::Send(_) => {
            cb.answer(None).await?;
            cb.clear_keyboard().await?;
            send_report(cb.bot, cb.ctx, cb.actor, pair.id, "").await?;
            Ok(Answered::Done)
        }
    }
}

async fn send_report(
    bot: &Bot,
    ctx: &Ctx,
    actor: &Actor,
    pair_id: i64,
    comment: &str,
) -> HandlerResult {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let chat = ChatId(actor.tg);
    let Some(pair) = pairs::get(&ctx.pool, pair_id)
        .await?
        .filter(|p| actor.is_mentor_of(p.mentor_id))
    else {
        bot.send_message(chat, tr!(lang, "not-allowed")).await?;
        return Ok(());
    };
    let (from, to) = report_period(ctx, &pair).await?;
    // drafted before saving (saving moves the next period on); stored in Russian, the
    // district's language, and shown to each curator in theirs
    let mut drafts = Vec::new();
    for l in Lang::ALL {
        drafts.push((l, draft_report(ctx, l, &pair).await?));
    }
    let body = drafts
        .iter()
        .find(|(l, _)| *l == Lang::Ru)
        .map(|(_, t)| t.clone())
        .unwrap_or_default();
    journal::save_report(
        &ctx.pool,
        pair.id,
        me.id,
        from,
        to,
        &body,
        comment,
        ctx.now(),
    )
    .await?;
    bot.send_message(chat, tr!(lang, "report-sent")).await?;
    let comment = comment.to_string();
    tell_curators(
        ctx,
        pair.org_id,
        move |l| {
            let text = drafts
                .iter()
                .find(|(x, _)| *x == l)
                .map(|(_, t)| t.clone())
                .unwrap_or_default();
            if comment.is_empty() {
                tr!(l, "report-to-curator", report = text)
            } else {
                tr!(
                    l,
                    "report-to-curator-comment",
                    report = text,
                    comment = comment.clone()
                )
            }
        },
        |_| None,
    )
    .await;
    Ok(())
}
