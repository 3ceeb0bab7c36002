//! Telegram: the handler tree, the per-update context and the dialogues.
//! Handlers read and write through `repo` and ask `domain` for the rules.

pub mod action;
pub mod actor;
pub mod announce;
pub mod audience;
pub mod authz;
pub mod cards;
pub mod chats;
pub mod commands;
pub mod documents;
pub mod events;
pub mod everyday;
pub mod flood;
pub mod format;
pub mod general;
pub mod journal;
pub mod meetings;
pub mod monitoring;
pub mod notify;
pub mod onboarding;
pub mod orgs;
pub mod outbox;
pub mod pacer;
pub mod pairs;
pub mod plan;
pub mod plan_edit;
pub mod practices;
pub mod privacy;
pub mod profile;
pub mod programme;
pub mod reminders;
pub mod reply;
pub mod requests;
pub mod school;
pub mod state;
pub mod ui;

use crate::clock::Clock;
use crate::config::Config;
use crate::repo::dialogues::DbStorage;
use crate::repo::Pool;
use actor::Actor;
use state::State;
use std::sync::Arc;
use teloxide::dispatching::dialogue::{Dialogue, GetChatId};
use teloxide::dispatching::{HandlerExt, UpdateFilterExt, UpdateHandler};
use teloxide::prelude::*;

pub type HandlerError = Box<dyn std::error::Error + Send + Sync>;
pub type HandlerResult = Result<(), HandlerError>;
pub type Dlg = Dialogue<State, DbStorage>;

/// What every handler needs: storage, configuration, the clock, who the bot is.
pub struct Ctx {
    pub pool: Pool,
    pub config: Config,
    pub bot_username: String,
    pub clock: Arc<dyn Clock>,
    /// All messages to other people go through the outbox and this shared limiter.
    pub notifier: notify::Notifier,
    /// Meeting logs: concurrent ones share one commit (group commit).
    pub journal: crate::repo::journal::JournalWriter,
    /// Organizations' time zones as last read, with when: "today" is asked on most updates.
    pub zones:
        std::sync::Mutex<std::collections::HashMap<i64, (chrono_tz::Tz, std::time::Instant)>>,
    /// Languages chosen with /lang by people who have not consented yet: kept in memory
    /// only (nothing is stored before consent) and written with the consent.
    pub langs_before_consent: std::sync::Mutex<std::collections::HashMap<i64, crate::i18n::Lang>>,
}

/// How long a cached time zone is trusted (an admin may change it from the CLI).
const ZONE_TTL: std::time::Duration = std::time::Duration::from_secs(60);

impl Ctx {
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Today's date in an organization's time zone (the district's default without one).
    pub async fn today(&self, org_id: Option<i64>) -> chrono::NaiveDate {
        let tz = match org_id {
            Some(id) => self.zone(id).await,
            None => self.config.district.tz,
        };
        self.now().with_timezone(&tz).date_naive()
    }

    /// An organization's time zone (the district's default without one).
    pub async fn tz(&self, org_id: Option<i64>) -> chrono_tz::Tz {
        match org_id {
            Some(id) => self.zone(id).await,
            None => self.config.district.tz,
        }
    }

    async fn zone(&self, org_id: i64) -> chrono_tz::Tz {
        let fresh = |at: &std::time::Instant| at.elapsed() < ZONE_TTL;
        if let Some((tz, _)) = self
            .zones
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&org_id)
            .filter(|(_, at)| fresh(at))
        {
            return *tz;
        }
        match crate::repo::orgs::get(&self.pool, org_id).await {
            Ok(Some(org)) => {
                let tz = org
                    .tz
                    .parse::<chrono_tz::Tz>()
                    .unwrap_or(self.config.default_tz);
                self.zones
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(org_id, (tz, std::time::Instant::now()));
                tz
            }
            _ => self.config.default_tz,
        }
    }

    /// The language a person without consent chose with /lang.
    pub fn lang_before_consent(&self, tg: i64) -> Option<crate::i18n::Lang> {
        self.langs_before_consent
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&tg)
            .copied()
    }

    pub fn set_lang_before_consent(&self, tg: i64, lang: Option<crate::i18n::Lang>) {
        let mut langs = self
            .langs_before_consent
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        match lang {
            Some(l) => langs.insert(tg, l),
            None => langs.remove(&tg),
        };
    }

    /// `https://t.me/<bot>?start=<payload>`
    pub fn deep_link(&self, payload: &str) -> String {
        if payload.is_empty() {
            format!("https://t.me/{}", self.bot_username)
        } else {
            format!("https://t.me/{}?start={}", self.bot_username, payload)
        }
    }
}

/// The whole handler tree.
pub fn schema() -> UpdateHandler<HandlerError> {
    // every typed text is cleaned once, here, before any handler reads it
    let private_messages = Update::filter_message()
        .filter(|m: Message| m.chat.is_private() && m.from.is_some())
        .map(privacy::sanitized)
        .enter_dialogue::<Message, DbStorage, State>()
        .endpoint(on_private_message);
    let group_messages = Update::filter_message()
        .filter(|m: Message| !m.chat.is_private())
        .map(privacy::sanitized)
        .endpoint(chats::on_group_message);
    let callbacks = Update::filter_callback_query()
        .filter(|q: CallbackQuery| q.chat_id().is_some())
        .enter_dialogue::<CallbackQuery, DbStorage, State>()
        .endpoint(on_callback);
    let stale_callbacks = Update::filter_callback_query().endpoint(ui::answer_stale);
    let membership = Update::filter_my_chat_member().endpoint(chats::on_my_chat_member);

    dptree::entry()
        .branch(private_messages)
        .branch(group_messages)
        .branch(chats::group_callbacks())
        .branch(callbacks)
        .branch(stale_callbacks)
        .branch(membership)
}

async fn on_private_message(
    bot: Bot,
    msg: Message,
    dialogue: Dlg,
    state: State,
    ctx: Arc<Ctx>,
) -> HandlerResult {
    let from = msg.from.clone().expect("filtered");
    let actor = Actor::load(&ctx, &from).await?;
    // roles granted or revoked since the last update (say, from the CLI) show in the menu;
    // a handler that changes the person's own roles or language syncs it again itself
    general::sync_menu_for(&bot, &ctx, &actor).await;
    let result = route_private_message(&bot, &msg, &dialogue, state, &ctx, &actor).await;
    if let Err(e) = &result {
        tracing::error!(error = %e, user = from.id.0, "private message handler failed");
        let _ = bot
            .send_message(msg.chat.id, tr!(actor.lang, "err-internal"))
            .await;
    }
    Ok(())
}

async fn route_private_message(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    state: State,
    ctx: &Ctx,
    actor: &Actor,
) -> HandlerResult {
    if let Some(cmd) = msg
        .text()
        .and_then(|t| commands::parse(t, &ctx.bot_username))
    {
        return on_command(bot, msg, dialogue, state, ctx, actor, cmd).await;
    }
    match state {
        State::Idle | State::SosDraft { .. } => {
            // a mentor's plain text may be the answer to their one open /sos question
            if everyday::offer_as_answer(bot, msg, dialogue, ctx, actor).await? {
                return Ok(());
            }
            if matches!(state, State::SosDraft { .. }) {
                dialogue.exit().await?;
            }
            monitoring::on_idle_text(bot, msg, ctx, actor).await
        }
        State::Consent { .. } => {
            onboarding::remind_consent(bot, msg, dialogue, actor, &state).await
        }
        State::Onboarding(ob) => onboarding::on_text(bot, msg, dialogue, ctx, actor, ob).await,
        State::Edit(edit) => profile::on_text(bot, msg, dialogue, ctx, actor, edit).await,
        State::ConfirmForget { .. } | State::Invite { .. } => {
            general::remind_buttons(bot, msg, actor).await
        }
        State::RequestForm(form) => requests::on_text(bot, msg, dialogue, ctx, actor, form).await,
        State::Reason { purpose, id } => {
            use state::ReasonFor as R;
            match purpose {
                // why the curator rejects request `id`
                R::Request(state::RequestReason::RejectRequest) => {
                    if let Some(text) = ui::typed_reason(bot, msg, actor.lang).await? {
                        dialogue.exit().await?;
                        requests::reject_with_reason(bot, ctx, actor, id, text).await?;
                    }
                    Ok(())
                }
                R::Pair(p) => pairs::on_typed(bot, msg, dialogue, ctx, actor, p, id).await,
                R::Journal(p) => journal::on_typed(bot, msg, dialogue, ctx, actor, p, id).await,
                // what to rework in plan item `id`
                R::Plan(state::PlanReason::Rework) => {
                    let max = crate::domain::journal::MAX_SOS_CHARS;
                    if let Some(text) = ui::text_up_to(bot, msg, actor.lang, max).await? {
                        dialogue.exit().await?;
                        plan::check(bot, ctx, actor, id, false, Some(text)).await?;
                    }
                    Ok(())
                }
                R::Programme(p) => programme::on_typed(bot, msg, dialogue, ctx, actor, p, id).await,
            }
        }
        State::Log(form) => journal::on_text(bot, msg, dialogue, ctx, actor, form).await,
        State::Submission(sub) => {
            plan::on_submission_message(bot, msg, dialogue, ctx, actor, sub).await
        }
        State::PlanItem(form) => plan::on_item_text(bot, msg, dialogue, ctx, actor, form).await,
        State::PlanEdit { item, title } => {
            plan_edit::on_text(bot, msg, dialogue, ctx, actor, item, title).await
        }
        State::MeetingMove { id } => {
            meetings::on_move_text(bot, msg, dialogue, ctx, actor, id).await
        }
        State::MeetingDraft(_) => meetings::remind_who(bot, msg, actor).await,
        State::SosTo { .. } => general::remind_buttons(bot, msg, actor).await,
        State::HeldEvent(form) => events::on_text(bot, msg, dialogue, ctx, actor, form).await,
        State::MeetingPlan { pair, mentee } => {
            meetings::on_plan_text(bot, msg, dialogue, ctx, actor, pair, mentee).await
        }
        State::Announce(draft) => announce::on_message(bot, msg, dialogue, ctx, actor, draft).await,
        State::PracticeForm(form) => practices::on_message(bot, msg, dialogue, actor, form).await,
        State::PracticeComment { id } => {
            practices::on_comment(bot, msg, dialogue, ctx, actor, id).await
        }
        State::OrgRename { org, .. } => {
            orgs::on_rename_text(bot, msg, dialogue, ctx, actor, org).await
        }
        State::SchoolFacts(draft) => school::on_text(bot, msg, dialogue, ctx, actor, draft).await,
    }
}

/// A command typed in a private chat: refused when the person may not use it, else its handler.
async fn on_command(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    state: State,
    ctx: &Ctx,
    actor: &Actor,
    cmd: commands::ParsedCommand,
) -> HandlerResult {
    use action::general::{ForgetAction, LangAction};
    use commands::Command;
    use reply::{Button, Reply};
    use state::LogKind;
    let lang = actor.lang;
    let chat = msg.chat.id;
    let Some(command) = cmd.command else {
        bot.send_message(
            chat,
            tr!(
                lang,
                "unknown-command",
                command = cmd.name.chars().take(32).collect::<String>()
            ),
        )
        .await?;
        return Ok(());
    };
    let spec = command.spec();
    if !actor.may(spec) {
        let key = match spec.access {
            commands::Access::Registered if !actor.is_registered() => "need-registration",
            _ if !actor.is_registered() && !actor.is_admin => "need-registration",
            _ => "not-allowed",
        };
        bot.send_message(chat, tr!(lang, key)).await?;
        return Ok(());
    }
    match command {
        Command::Start => match state {
            _ if chats::is_community_payload(&cmd.args) => {
                chats::on_start_payload(bot, msg, dialogue, ctx, actor, &cmd.args).await
            }
            State::Onboarding(ob) if cmd.args.is_empty() && actor.has_consent() => {
                onboarding::advance(bot, ctx, dialogue, actor, ob, None).await
            }
            State::Consent { invite, .. } if cmd.args.is_empty() => {
                onboarding::start(
                    bot,
                    msg,
                    dialogue,
                    ctx,
                    actor,
                    invite.as_deref().unwrap_or(""),
                )
                .await
            }
            _ => onboarding::start(bot, msg, dialogue, ctx, actor, &cmd.args).await,
        },
        Command::Help => {
            ui::send(bot, chat, general::help_text(actor), None).await?;
            Ok(())
        }
        Command::Cancel => {
            let key = if state == State::Idle {
                "nothing-to-cancel"
            } else {
                "cancelled"
            };
            dialogue.exit().await?;
            bot.send_message(chat, tr!(lang, key)).await?;
            Ok(())
        }
        Command::Lang => {
            let choices = crate::i18n::Lang::ALL
                .iter()
                .map(|l| Button::new(tr!(*l, "lang-name"), LangAction::Set(*l)))
                .collect();
            let reply = Reply::new(tr!(lang, "lang-choose")).row(choices);
            ui::send_reply(bot, chat, reply).await?;
            Ok(())
        }
        Command::MyData => {
            ui::send(bot, chat, general::mydata_text(ctx, actor).await?, None).await?;
            Ok(())
        }
        Command::Forget => {
            let reply = Reply::new(tr!(lang, "forget-confirm")).row(vec![
                Button::new(tr!(lang, "btn-forget-yes"), ForgetAction::Yes),
                Button::new(tr!(lang, "btn-cancel"), ForgetAction::No),
            ]);
            let sent = ui::send_reply(bot, chat, reply).await?;
            dialogue
                .update(State::ConfirmForget { kb: sent.id.0 })
                .await?;
            Ok(())
        }
        Command::Profile => profile::show_card(bot, ctx, actor, None).await,
        Command::Orgs => orgs::command(bot, ctx, actor).await,
        Command::Invite => general::start_invite(bot, dialogue, ctx, actor).await,
        Command::Request => requests::command(bot, dialogue, ctx, actor).await,
        Command::Requests => requests::inbox_command(bot, ctx, actor).await,
        Command::Pair => pairs::command(bot, ctx, actor, false).await,
        Command::Pairs => pairs::command(bot, ctx, actor, true).await,
        Command::Replace => pairs::replace_command(bot, ctx, actor).await,
        Command::Resign => pairs::resign_command(bot, dialogue, actor).await,
        Command::History => pairs::history_command(bot, ctx, actor).await,
        Command::Meeting => {
            journal::log_command(bot, msg, dialogue, ctx, actor, LogKind::Meeting, &cmd.args).await
        }
        Command::Helped => {
            journal::log_command(bot, msg, dialogue, ctx, actor, LogKind::Helped, &cmd.args).await
        }
        Command::Task => journal::task_command(bot, msg, dialogue, ctx, actor, &cmd.args).await,
        Command::Sos => journal::sos_command(bot, msg, dialogue, ctx, actor, &cmd.args).await,
        Command::Plan => plan::command(bot, ctx, actor).await,
        Command::Journal => journal::journal_command(bot, ctx, actor).await,
        Command::Adaptation => journal::report_command(bot, ctx, actor).await,
        Command::Announce => announce::command(bot, dialogue, ctx, actor).await,
        Command::Practice => practices::submit_command(bot, dialogue, ctx, actor).await,
        Command::Practices => practices::command(bot, ctx, actor, &cmd.args).await,
        Command::Moderate => practices::moderate_command(bot, ctx, actor).await,
        Command::Events => {
            bot.send_message(chat, chats::events_text(ctx, lang).await?)
                .await?;
            Ok(())
        }
        Command::Mentors => {
            let (text, kb) = chats::mentors_list(ctx, lang, &cmd.args).await?;
            ui::send(bot, chat, text, kb).await?;
            Ok(())
        }
        Command::LinkChat | Command::UnlinkChat => {
            bot.send_message(chat, tr!(lang, "chat-link-in-group"))
                .await?;
            Ok(())
        }
        Command::Survey => monitoring::survey_command(bot, ctx, actor).await,
        Command::Report => monitoring::report_command(bot, ctx, actor, &cmd.args).await,
        Command::School => school::command(bot, dialogue, ctx, actor).await,
        Command::Documents => documents::command(bot, actor).await,
        Command::Stage | Command::Calendar | Command::Digest | Command::Settings => {
            reminders::command(bot, ctx, actor, &cmd).await
        }
    }
}

async fn on_callback(
    bot: Bot,
    q: CallbackQuery,
    dialogue: Dlg,
    state: State,
    ctx: Arc<Ctx>,
) -> HandlerResult {
    let actor = Actor::load(&ctx, &q.from).await?;
    general::sync_menu_for(&bot, &ctx, &actor).await;
    let data = q.data.clone().unwrap_or_default();
    let message_id = q.regular_message().map(|m| m.id.0);
    let outcome = match (message_id, action::Action::parse(&data)) {
        (Some(mid), Some(action)) => {
            let cb = ui::Callback {
                bot: &bot,
                q: &q,
                ctx: &ctx,
                actor: &actor,
                dialogue: &dialogue,
                message_id: mid,
            };
            route_action(&cb, state, action).await
        }
        _ => Ok(ui::Answered::Stale),
    };
    match outcome {
        Ok(ui::Answered::Done) => {}
        Ok(ui::Answered::Stale) => {
            bot.answer_callback_query(q.id.clone())
                .text(tr!(actor.lang, "stale-button"))
                .await?;
        }
        Ok(ui::Answered::NotYet) => {
            bot.answer_callback_query(q.id.clone()).await?;
        }
        Err(e) => {
            tracing::error!(error = %e, data, "callback handler failed");
            bot.answer_callback_query(q.id.clone())
                .text(tr!(actor.lang, "err-internal"))
                .await?;
        }
    }
    Ok(())
}

/// Authorizes a pressed button and runs its handler. A press the actor may not make (roles
/// held now, organization, what it touches) is answered as stale before anything is edited.
async fn route_action(
    cb: &ui::Callback<'_>,
    state: State,
    action: action::Action,
) -> Result<ui::Answered, HandlerError> {
    use action::Action as A;
    let scope = match authz::authorize(&cb.ctx.pool, cb.actor, action.need()).await? {
        Ok(scope) => scope,
        // someone not registered yet is told how to begin (as a command would tell them)
        Err(authz::Denied) if !cb.actor.is_registered() && !cb.actor.is_admin => {
            return Ok(cb.answer(Some(tr!(cb.lang(), "need-registration"))).await?);
        }
        Err(authz::Denied) => return Ok(ui::Answered::Stale),
    };
    match action {
        A::Lang(a) => general::on_lang_button(cb, a).await,
        // onboarding, profile, privacy
        A::Consent(a) => onboarding::on_consent_button(cb, state, a).await,
        A::Onboarding(a) => onboarding::on_button(cb, state, a).await,
        A::Profile(a) => profile::on_button(cb, state, a).await,
        A::Forget(a) => general::on_forget_button(cb, state, a).await,
        A::Invite(a) => general::on_invite_button(cb, state, a).await,
        A::KeepPractice(a) => privacy::on_keep_button(cb, a).await,
        A::ConfirmMentor(a) => privacy::on_confirm_button(cb, a).await,
        // requests and pairs
        A::Request(a) => requests::on_action(cb, state, a).await,
        A::Pair(a) => pairs::on_action(cb, a).await,
        A::Petition(a) => pairs::on_petition_action(cb, &scope, a).await,
        A::Resignation(a) => pairs::on_resignation_action(cb, a).await,
        // journal, plan, /sos
        A::Journal(a) => journal::on_action(cb, state, a).await,
        A::Sos(action::journal::SosAction::Answer(id)) => journal::on_sos_answer(cb, id).await,
        A::Sos(action::journal::SosAction::OfferSend(id)) => {
            everyday::on_offer_action(cb, state, id, true).await
        }
        A::Sos(action::journal::SosAction::OfferDrop(id)) => {
            everyday::on_offer_action(cb, state, id, false).await
        }
        A::Sos(action::journal::SosAction::To(pair)) => journal::on_sos_to(cb, state, pair).await,
        A::Adaptation(a) => journal::on_report_action(cb, a).await,
        A::Plan(a) => plan::on_action(cb, state, a).await,
        A::PlanEdit(a) => plan_edit::on_button(cb, state, a).await,
        A::Meeting(a) => meetings::on_button(cb, state, &scope, a).await,
        A::PlanProposal(a) => programme::on_proposal(cb, state, a).await,
        A::ProgrammeLength(a) => programme::on_length(cb, a).await,
        // meetings, reminders, settings
        A::Settings(a) => reminders::on_settings_action(cb, a).await,
        A::Stage(a) => reminders::on_stage_action(cb, a).await,
        A::Calendar(a) => reminders::on_calendar_action(cb, a).await,
        A::BankAsk(a) => reminders::on_bank_ask_action(cb, a).await,
        A::HeldEvent(a) => events::on_button(cb, state, a).await,
        // monitoring and documents
        A::Documents(a) => documents::on_button(cb, a).await,
        A::Surveys(a) => monitoring::on_survey_action(cb, a, &scope).await,
        A::SurveyAnswer(a) => monitoring::on_answer_action(cb, a).await,
        A::ReportScope(a) => monitoring::on_scope_action(cb, a).await,
        // organizations and school facts
        A::Orgs(a) => orgs::on_button(cb, state, a).await,
        // community (a group's own buttons are answered in groups: `chats::group_callbacks`)
        A::Link(_) => Ok(ui::Answered::Stale),
        A::Announce(a) => announce::on_button(cb, state, a).await,
        A::PracticeForm(a) => practices::on_form_button(cb, state, a).await,
        A::Moderation(a) => practices::on_moderation_button(cb, a).await,
        A::BankPage(a) => practices::on_page_button(cb, a).await,
        A::BankFiles(a) => practices::on_files_button(cb, a).await,
        A::School(action::school::SchoolAction::Facts { org }) => {
            school::on_facts_button(cb, org).await
        }
        A::School(a) => monitoring::on_school_action(cb, a).await,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    /// Modules every handler file may use; they are not handler files themselves.
    const SHARED: &[&str] = &[
        "format", "audience", "cards", "ui", "reply", "action", "authz", "state", "actor",
        "notify", "outbox", "pacer", "flood", "commands", "mod",
    ];

    /// Rust source without comments, string literals and the character literal `'"'`:
    /// what is left is code, so a path named in a text or a comment is not an import.
    fn code_only(src: &str) -> String {
        let b = src.as_bytes();
        let mut out = String::with_capacity(src.len());
        let mut i = 0;
        while i < b.len() {
            let rest = &src[i..];
            if rest.starts_with("//") {
                i += rest.find('\n').unwrap_or(rest.len());
            } else if rest.starts_with("/*") {
                i += rest.find("*/").map_or(rest.len(), |e| e + 2);
            } else if let Some(raw) = rest.strip_prefix("r#\"") {
                i += raw.find("\"#").map_or(rest.len(), |e| e + 5);
                out.push_str("\"\"");
            } else if rest.starts_with("'\"'") {
                i += 3;
            } else if rest.starts_with("'\\\"'") {
                i += 4;
            } else if b[i] == b'"' {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                i = j + 1;
                out.push_str("\"\"");
            } else {
                let c = rest.chars().next().expect("not at the end");
                out.push(c);
                i += c.len_utf8();
            }
        }
        out
    }

    /// The sibling modules a file of `bot/` names: `super::x`, `super::super::x`,
    /// `crate::bot::x` and every first name of a group `super::{x, y::z, w}`.
    fn named_siblings(src: &str) -> BTreeSet<String> {
        let code = code_only(src);
        let ident = |s: &str| -> String {
            s.trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        };
        let mut out = BTreeSet::new();
        for prefix in ["super::", "crate::bot::"] {
            for (at, _) in code.match_indices(prefix) {
                let before = code[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let mut rest = &code[at + prefix.len()..];
                while let Some(r) = rest.strip_prefix("super::") {
                    rest = r;
                }
                let Some(group) = rest.strip_prefix('{') else {
                    out.insert(ident(rest));
                    continue;
                };
                // the group's top-level entries, up to its closing brace
                let (mut depth, mut entry) = (0usize, String::new());
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            out.insert(ident(&entry));
                            entry.clear();
                        }
                        _ if depth == 0 => entry.push(c),
                        _ => {}
                    }
                }
                out.insert(ident(&entry));
            }
        }
        out
    }

    #[test]
    fn sibling_names_are_found_in_every_form() {
        let src = r#"
            use super::{a, b::{c, d}, e::f, Ctx};
            use super::g::h;
            // use super::commented;
            let s = "super::quoted";
            let x = super::super::i::j();
            use crate::bot::k::{l, m};
            fn f() { crate::bot::{n}; }
            my_super::not_this();
        "#;
        let found: Vec<String> = named_siblings(src).into_iter().collect();
        assert_eq!(
            found,
            ["Ctx", "a", "b", "e", "g", "i", "k", "n"].map(String::from)
        );
    }

    /// Issue 17 §6: every keyboard is built from `reply::Button`s (typed actions or links);
    /// only `bot::reply` makes Telegram's buttons.
    #[test]
    fn only_reply_makes_telegram_buttons() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).expect("a folder") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        walk(&root.join("src"), &mut files);
        let makers: Vec<String> = files
            .iter()
            .filter(|p| !p.ends_with("src/bot/reply.rs"))
            .filter(|p| {
                let code = code_only(&std::fs::read_to_string(p).expect("readable"));
                code.contains("InlineKeyboardButton::")
                    || code.contains("InlineKeyboardMarkup::new")
            })
            .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
            .collect();
        assert!(files.len() > 50, "sources not found");
        assert!(
            makers.is_empty(),
            "Telegram buttons made outside bot::reply: {makers:?}"
        );
    }

    /// Issue 17 §4: what several features share lives in a shared module (or the router
    /// calls both), so no two handler files import each other.
    #[test]
    fn no_two_handler_files_import_each_other() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/bot");
        let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).expect("src/bot") {
            let path = entry.expect("a file").path();
            let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if path.extension().is_some_and(|e| e == "rs") && !SHARED.contains(&name) {
                let src = std::fs::read_to_string(&path).expect("readable");
                imports.insert(name.to_string(), named_siblings(&src));
            }
        }
        assert!(imports.len() > 15, "handler files not found in {dir:?}");
        let mut both_ways = Vec::new();
        for (a, uses) in &imports {
            for b in uses.iter().filter(|b| *b > a) {
                if imports.get(b).is_some_and(|back| back.contains(a)) {
                    both_ways.push(format!("{a} <-> {b}"));
                }
            }
        }
        assert!(
            both_ways.is_empty(),
            "handler files importing each other: {both_ways:?}"
        );
    }

    use crate::domain::journal::{MeetingFormat, PlanStatus};
    use crate::domain::pair::EndReason;
    use crate::domain::request::RequestStatus;
    use crate::domain::{Area, Form, MenteeCategory, OrgKind, Role};
    use crate::i18n::{I18n, Lang};

    /// Keys built at run time (from codes) exist in both locales.
    #[test]
    fn dynamic_keys_exist() {
        let i18n = I18n::load().unwrap();
        let mut keys: Vec<String> = Vec::new();
        keys.extend(
            super::commands::COMMANDS
                .iter()
                .map(|c| c.description_key()),
        );
        keys.extend(Role::ALL.iter().map(|r| r.key()));
        keys.extend(OrgKind::ALL.iter().map(|r| r.key()));
        keys.extend(MenteeCategory::ALL.iter().map(|r| r.key()));
        keys.extend(Area::ALL.iter().map(|r| r.key()));
        keys.extend(Form::ALL.iter().map(|r| r.key()));
        keys.extend(
            RequestStatus::ALL
                .iter()
                .map(|s| format!("rq-status-{}", s.code())),
        );
        keys.extend(
            ["new", "replacement", "rematch"]
                .iter()
                .map(|k| format!("rq-kind-{k}")),
        );
        keys.extend(EndReason::ALL.iter().flat_map(|r| {
            [
                r.key(),
                format!("{}-short", r.key()),
                format!("{}-report", r.key()),
            ]
        }));
        keys.extend(
            ["busy", "profile", "other"]
                .iter()
                .map(|k| format!("rq-decline-{k}")),
        );
        keys.extend(
            super::pairs::PETITION_REASONS
                .iter()
                .map(|k| format!("pt-reason-{k}")),
        );
        keys.extend(
            PlanStatus::ALL
                .iter()
                .map(|s| format!("plan-status-{}", s.code())),
        );
        keys.push("plan-status-overdue".into());
        keys.extend(MeetingFormat::ALL.iter().map(|f| f.key()));
        use crate::domain::journal::{QuickLogError as Q, TaskError as T};
        keys.extend(
            [
                Q::Empty,
                Q::NoMinutes,
                Q::MinutesOutOfRange,
                Q::NoTopic,
                Q::TopicTooLong,
                Q::BadDate,
                Q::FutureDate,
            ]
            .iter()
            .map(|e| e.key().to_string()),
        );
        keys.extend(
            [T::Empty, T::TooLong, T::BadDate, T::PastDate]
                .iter()
                .map(|e| e.key().to_string()),
        );
        keys.extend(
            ["district", "org", "council"]
                .iter()
                .map(|k| format!("an-target-chat-{k}")),
        );
        keys.extend(
            ["mentor", "mentee", "curator"]
                .iter()
                .map(|k| format!("an-target-role-{k}")),
        );
        keys.extend(
            ["blocked", "deactivated", "not_started", "kicked", "failed"]
                .iter()
                .map(|k| format!("an-fail-{k}")),
        );
        keys.extend(
            ["published", "returned", "rejected"]
                .iter()
                .flat_map(|k| [format!("pm-done-{k}"), format!("ps-author-{k}")]),
        );
        for k in [
            "rq-card",
            "rq-card-accepted",
            "rq-card-proposed",
            "rq-reason-same-org",
            "rq-reason-other-org",
            "rq-proposal",
            "rq-proposal-group",
            "rq-pair-joined-mentor",
            "rq-pair-formed-mentor",
            "rq-curator-new",
            "rq-curator-replacement",
            "rq-curator-rematch",
            "rq-curator-mentee-refused",
            "pair-card",
            "pair-card-group",
            "pairs-none",
            "pairs-none-org",
            "pair-end-confirmed",
            "pair-end-rejected",
            "pair-extension-confirmed",
            "pair-extension-rejected",
            "pt-approved-curator",
            "pt-rejected-curator",
            "pt-mentor-group-left",
            "pt-mentor-pair-closed",
            "rs-approved-curator",
            "rs-rejected-curator",
            "rq-mentee-status",
            "help-header",
            "help-unregistered",
            "idle-text",
            "idle-unregistered",
            "need-registration",
            "not-allowed",
            "nothing-to-cancel",
            "cancelled",
            "word-yes",
            "word-no",
            "invite-unknown",
            "invite-expired",
            "invite-used-up",
        ] {
            keys.push(k.to_string());
        }
        let missing: Vec<String> = keys
            .iter()
            .flat_map(|k| {
                Lang::ALL
                    .iter()
                    .filter(|l| !i18n.has(**l, k))
                    .map(move |l| format!("{k} ({})", l.code()))
            })
            .collect();
        assert!(missing.is_empty(), "missing keys: {missing:?}");
    }
}
