//! Onboarding (`/start [code]`): consent first, then the common profile, then the role's
//! profile. Nothing but the Telegram id is stored before consent; every answer after it is
//! written as it comes, so a restart resumes at the same step.

use super::action::onboarding::{ConsentAction, OnboardingAction};
use super::action::profile::Choice;
use super::actor::Actor;
use super::reply;
use super::reply::{markup, Button};
use super::state::{Onboarding, State, Step};
use super::ui::{self, Answered, Callback};
use super::{general, Ctx, Dlg, HandlerResult};
use crate::domain::profile::{self as rules, DEFAULT_CAPACITY};
use crate::domain::{Area, Form, MenteeCategory, Role};
use crate::i18n::Lang;
use crate::repo::invites::{self, InviteProblem};
use crate::repo::orgs;
use crate::repo::profiles::{self, MentorProfile};
use crate::repo::users::{self, BasicField};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, MessageId};

const ORGS_PER_PAGE: usize = 8;

/// What is already known about the person, for choosing the next step.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub has_name: bool,
    pub has_org: bool,
    pub has_position: bool,
    pub has_subjects: bool,
    pub has_experience: bool,
    /// Roles the person holds or is about to receive (invite, choice).
    pub target_roles: Vec<Role>,
    pub has_mentee_profile: bool,
    pub has_mentor_profile: bool,
}

/// The next onboarding step, or `None` when everything is collected.
pub fn next_step(f: &Facts, ob: &Onboarding) -> Option<Step> {
    let needs_org = f.target_roles.is_empty() || f.target_roles.iter().any(|r| r.is_org_scoped());
    if !f.has_name {
        return Some(Step::FullName);
    }
    if needs_org && !f.has_org {
        return Some(Step::Org);
    }
    if !f.has_position {
        return Some(Step::Position);
    }
    if !f.has_subjects {
        return Some(Step::Subjects);
    }
    if !f.has_experience {
        return Some(Step::Experience);
    }
    if f.target_roles.is_empty() {
        return Some(Step::ChooseRole);
    }
    if f.target_roles.contains(&Role::Mentee) && !f.has_mentee_profile {
        if ob.category.is_none() {
            return Some(Step::MenteeCategory);
        }
        if ob.areas.is_empty() {
            return Some(Step::MenteeAreas);
        }
        if !ob.difficulty_asked {
            return Some(Step::MenteeDifficultyText);
        }
    }
    if f.target_roles.contains(&Role::Mentor) && !f.has_mentor_profile {
        if ob.competences.is_empty() {
            return Some(Step::MentorCompetences);
        }
        if ob.forms.is_empty() {
            return Some(Step::MentorForms);
        }
        if ob.capacity.is_none() {
            return Some(Step::MentorCapacity);
        }
        if ob.other_orgs.is_none() {
            return Some(Step::MentorOtherOrgs);
        }
        return Some(Step::MentorConsent);
    }
    None
}

/// `/start [code]`.
pub async fn start(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    args: &str,
) -> HandlerResult {
    let lang = actor.lang;
    let code = args.trim();
    let invite = if code.is_empty() {
        None
    } else {
        match invites::find_valid(&ctx.pool, code, ctx.now()).await? {
            Ok(inv) => Some(inv),
            Err(problem) => {
                let key = match problem {
                    InviteProblem::Unknown => "invite-unknown",
                    InviteProblem::Expired => "invite-expired",
                    InviteProblem::UsedUp => "invite-used-up",
                };
                bot.send_message(msg.chat.id, tr!(lang, key)).await?;
                return Ok(());
            }
        }
    };
    if actor.has_consent() {
        if let Some(inv) = &invite {
            if actor
                .roles
                .iter()
                .any(|g| g.role == inv.role && (inv.org_id.is_none() || g.org_id == inv.org_id))
            {
                bot.send_message(msg.chat.id, tr!(lang, "invite-already-have-role"))
                    .await?;
                return Ok(());
            }
        } else if actor.is_registered() {
            let name = actor
                .user
                .as_ref()
                .map(|u| u.display_name())
                .unwrap_or_default();
            bot.send_message(
                msg.chat.id,
                tr!(lang, "start-already-registered", name = name),
            )
            .await?;
            return Ok(());
        }
        let ob = Onboarding {
            invite: invite.map(|i| i.code),
            ..Default::default()
        };
        return advance(bot, ctx, dialogue, actor, ob, None).await;
    }
    let kb = markup(vec![vec![
        Button::new(tr!(lang, "btn-consent-yes"), ConsentAction::Yes),
        Button::new(tr!(lang, "btn-consent-no"), ConsentAction::No),
    ]]);
    let sent = ui::send(bot, msg.chat.id, tr!(lang, "consent-text"), Some(kb)).await?;
    dialogue
        .update(State::Consent {
            invite: invite.map(|i| i.code),
            kb: sent.id.0,
        })
        .await?;
    Ok(())
}

/// Text typed while the consent buttons are waiting.
/// The buttons come again under the reminder (a typed «да» is answered with them), and they
/// are the current ones from now on.
pub async fn remind_consent(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    actor: &Actor,
    state: &State,
) -> HandlerResult {
    let lang = actor.lang;
    let State::Consent { invite, .. } = state else {
        return Ok(());
    };
    let kb = markup(vec![vec![
        Button::new(tr!(lang, "btn-consent-yes"), ConsentAction::Yes),
        Button::new(tr!(lang, "btn-consent-no"), ConsentAction::No),
    ]]);
    let sent = ui::send(bot, msg.chat.id, tr!(lang, "consent-use-buttons"), Some(kb)).await?;
    dialogue
        .update(State::Consent {
            invite: invite.clone(),
            kb: sent.id.0,
        })
        .await?;
    Ok(())
}

/// «Согласен» / «Не согласен».
pub async fn on_consent_button(
    cb: &Callback<'_>,
    state: State,
    action: ConsentAction,
) -> Result<Answered, HandlerErrorBox> {
    let State::Consent { invite, kb } = state else {
        return Ok(Answered::Stale);
    };
    if kb != cb.message_id {
        return Ok(Answered::Stale);
    }
    let lang = cb.lang();
    match action {
        ConsentAction::Yes => {
            let now = cb.ctx.now();
            let user = users::ensure(&cb.ctx.pool, cb.actor.tg, now).await?;
            users::give_consent(&cb.ctx.pool, user.id, now).await?;
            // the language chosen before consent was kept in memory until now
            if let Some(chosen) = cb.ctx.lang_before_consent(cb.actor.tg) {
                users::set_lang(&cb.ctx.pool, cb.actor.tg, chosen.code(), now).await?;
                cb.ctx.set_lang_before_consent(cb.actor.tg, None);
            }
            cb.edit(tr!(lang, "consent-given"), None).await?;
            cb.answer(None).await?;
            // reload: the person now has a record
            let actor = Actor {
                user: users::by_id(&cb.ctx.pool, user.id).await?,
                ..cb.actor.clone()
            };
            let ob = Onboarding {
                invite,
                ..Default::default()
            };
            advance(cb.bot, cb.ctx, cb.dialogue, &actor, ob, None).await?;
            Ok(Answered::Done)
        }
        ConsentAction::No => {
            cb.dialogue.exit().await?;
            cb.edit(tr!(lang, "consent-declined"), None).await?;
            cb.answer(None).await?;
            Ok(Answered::Done)
        }
    }
}

pub type HandlerErrorBox = super::HandlerError;

async fn facts(ctx: &Ctx, user_id: i64, ob: &Onboarding) -> Result<Facts, HandlerErrorBox> {
    let user = users::by_id(&ctx.pool, user_id)
        .await?
        .ok_or("user vanished")?;
    let mut target_roles: Vec<Role> = users::roles(&ctx.pool, user_id)
        .await?
        .into_iter()
        .map(|g| g.role)
        .collect();
    if let Some(code) = &ob.invite {
        if let Some(inv) = invites::find(&ctx.pool, code).await? {
            target_roles.push(inv.role);
        }
    }
    if let Some(r) = ob.chosen_role {
        target_roles.push(r);
    }
    target_roles.sort();
    target_roles.dedup();
    Ok(Facts {
        has_name: user.full_name.is_some(),
        has_org: user.org_id.is_some(),
        has_position: user.position.is_some(),
        has_subjects: user.subjects.is_some(),
        has_experience: user.experience_years.is_some(),
        target_roles,
        has_mentee_profile: profiles::mentee(&ctx.pool, user_id).await?.is_some(),
        has_mentor_profile: profiles::mentor(&ctx.pool, user_id).await?.is_some(),
    })
}

/// Takes the organization from the invite or from a granted role when there is one.
async fn fill_known_org(ctx: &Ctx, actor: &Actor, ob: &Onboarding) -> Result<(), HandlerErrorBox> {
    let Some(user) = &actor.user else {
        return Ok(());
    };
    let current = users::by_id(&ctx.pool, user.id)
        .await?
        .and_then(|u| u.org_id);
    if current.is_some() {
        return Ok(());
    }
    let mut org = None;
    if let Some(code) = &ob.invite {
        org = invites::find(&ctx.pool, code).await?.and_then(|i| i.org_id);
    }
    if org.is_none() {
        org = users::roles(&ctx.pool, user.id)
            .await?
            .into_iter()
            .find_map(|g| g.org_id);
    }
    if let Some(org) = org {
        users::set_org(&ctx.pool, user.id, org, ctx.now()).await?;
    }
    Ok(())
}

/// Moves to the next step and shows it (editing `edit` in place, or as a new message);
/// finishes onboarding when nothing is left.
pub async fn advance(
    bot: &Bot,
    ctx: &Ctx,
    dialogue: &Dlg,
    actor: &Actor,
    mut ob: Onboarding,
    edit: Option<i32>,
) -> HandlerResult {
    let user_id = actor
        .user
        .as_ref()
        .ok_or("no user record after consent")?
        .id;
    fill_known_org(ctx, actor, &ob).await?;
    let f = facts(ctx, user_id, &ob).await?;
    let Some(step) = next_step(&f, &ob) else {
        return finish(bot, ctx, dialogue, actor, ob, edit).await;
    };
    if ob.step != Some(step) {
        ob.selected.clear();
    }
    ob.step = Some(step);
    let (text, kb) = render(ctx, actor.lang, &ob).await?;
    let kb_id = ui::prompt(bot, ChatId(actor.tg), text, kb, edit).await?;
    ob.kb = kb_id;
    dialogue.update(State::Onboarding(ob)).await?;
    Ok(())
}

fn category_keyboard(lang: Lang) -> InlineKeyboardMarkup {
    markup(
        MenteeCategory::ALL
            .iter()
            .map(|c| {
                vec![Button::new(
                    tr!(lang, &c.key()),
                    OnboardingAction::Category(*c),
                )]
            })
            .collect(),
    )
}

fn capacity_keyboard() -> InlineKeyboardMarkup {
    markup(vec![(1..=5)
        .map(|n| Button::new(n.to_string(), OnboardingAction::Capacity(n)))
        .collect()])
}

/// A multi-select of areas or forms for the form's current step.
fn choices(lang: Lang, options: Vec<Choice>, selected: &[String]) -> InlineKeyboardMarkup {
    let options = options
        .into_iter()
        .map(|c| {
            (
                OnboardingAction::Toggle(c),
                choice_label(lang, c),
                selected.iter().any(|s| s == c.code()),
            )
        })
        .collect();
    reply::markup(reply::multi_select(lang, options, OnboardingAction::Done))
}

fn choice_label(lang: Lang, c: Choice) -> String {
    match c {
        Choice::Area(a) => tr!(lang, &a.key()),
        Choice::Form(f) => tr!(lang, &f.key()),
    }
}

fn area_choices() -> Vec<Choice> {
    Area::ALL.iter().map(|a| Choice::Area(*a)).collect()
}

fn form_choices() -> Vec<Choice> {
    Form::ALL.iter().map(|f| Choice::Form(*f)).collect()
}

async fn org_keyboard(
    ctx: &Ctx,
    lang: Lang,
    page: u32,
) -> Result<Option<InlineKeyboardMarkup>, HandlerErrorBox> {
    let all = orgs::list(&ctx.pool).await?;
    if all.is_empty() {
        return Ok(None);
    }
    let pages = all.len().div_ceil(ORGS_PER_PAGE) as u32;
    let page = page.min(pages - 1);
    let mut rows: Vec<_> = all
        .iter()
        .skip(page as usize * ORGS_PER_PAGE)
        .take(ORGS_PER_PAGE)
        .map(|o| vec![Button::new(o.name.clone(), OnboardingAction::Org(o.id))])
        .collect();
    if pages > 1 {
        let mut nav = Vec::new();
        if page > 0 {
            nav.push(Button::new(
                tr!(lang, "btn-prev"),
                OnboardingAction::OrgPage(page - 1),
            ));
        }
        if page + 1 < pages {
            nav.push(Button::new(
                tr!(lang, "btn-next"),
                OnboardingAction::OrgPage(page + 1),
            ));
        }
        rows.push(nav);
    }
    Ok(Some(markup(rows)))
}

/// The prompt and keyboard of the current step.
async fn render(
    ctx: &Ctx,
    lang: Lang,
    ob: &Onboarding,
) -> Result<(String, Option<InlineKeyboardMarkup>), HandlerErrorBox> {
    let step = ob.step.ok_or("no step")?;
    Ok(match step {
        Step::FullName => (tr!(lang, "ob-ask-name"), None),
        Step::Org => match org_keyboard(ctx, lang, ob.org_page).await? {
            Some(kb) => (tr!(lang, "ob-ask-org"), Some(kb)),
            None => (tr!(lang, "ob-no-orgs"), None),
        },
        Step::Position => (tr!(lang, "ob-ask-position"), None),
        Step::Subjects => (tr!(lang, "ob-ask-subjects"), None),
        Step::Experience => (tr!(lang, "ob-ask-experience"), None),
        Step::ChooseRole => (
            tr!(lang, "ob-ask-role"),
            Some(markup(vec![
                vec![Button::new(
                    tr!(lang, "btn-role-mentee"),
                    OnboardingAction::Role(Role::Mentee),
                )],
                vec![Button::new(
                    tr!(lang, "btn-role-mentor"),
                    OnboardingAction::Role(Role::Mentor),
                )],
            ])),
        ),
        Step::MenteeCategory => (tr!(lang, "ob-ask-category"), Some(category_keyboard(lang))),
        Step::MenteeAreas => (
            tr!(lang, "ob-ask-areas"),
            Some(choices(lang, area_choices(), &ob.selected)),
        ),
        Step::MenteeDifficultyText => (
            tr!(lang, "ob-ask-difficulty-text"),
            Some(markup(vec![vec![Button::new(
                tr!(lang, "btn-skip"),
                OnboardingAction::Skip,
            )]])),
        ),
        Step::MentorCompetences => (
            tr!(lang, "ob-ask-competences"),
            Some(choices(lang, area_choices(), &ob.selected)),
        ),
        Step::MentorForms => (
            tr!(lang, "ob-ask-forms"),
            Some(choices(lang, form_choices(), &ob.selected)),
        ),
        Step::MentorCapacity => (
            tr!(lang, "ob-ask-capacity", default = DEFAULT_CAPACITY),
            Some(capacity_keyboard()),
        ),
        Step::MentorOtherOrgs => (
            tr!(lang, "ob-ask-other-orgs"),
            Some(markup(vec![vec![
                Button::new(tr!(lang, "btn-yes"), OnboardingAction::OtherOrgs(true)),
                Button::new(tr!(lang, "btn-no"), OnboardingAction::OtherOrgs(false)),
            ]])),
        ),
        Step::MentorConsent => (
            tr!(lang, "ob-ask-mentor-consent"),
            Some(markup(vec![
                vec![Button::new(
                    tr!(lang, "btn-mentor-consent"),
                    OnboardingAction::MentorConsent(true),
                )],
                vec![Button::new(
                    tr!(lang, "btn-not-now"),
                    OnboardingAction::MentorConsent(false),
                )],
            ])),
        ),
    })
}

/// A message typed during onboarding.
pub async fn on_text(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    mut ob: Onboarding,
) -> HandlerResult {
    let lang = actor.lang;
    let Some(user) = actor.user.as_ref() else {
        dialogue.exit().await?;
        return general::on_idle_text(bot, msg, actor).await;
    };
    let Some(step) = ob.step else {
        return advance(bot, ctx, dialogue, actor, ob, None).await;
    };
    let Some(text) = msg.text() else {
        bot.send_message(msg.chat.id, tr!(lang, "err-need-text"))
            .await?;
        return resend(bot, ctx, dialogue, actor, ob).await;
    };
    let now = ctx.now();
    let result: Result<(), rules::InputError> = match step {
        Step::FullName | Step::Position | Step::Subjects => {
            let (field, parsed) = match step {
                Step::FullName => (BasicField::FullName, rules::parse_full_name(text)),
                Step::Position => (BasicField::Position, rules::parse_short_text(text)),
                _ => (BasicField::Subjects, rules::parse_short_text(text)),
            };
            match parsed {
                Ok(value) => {
                    users::update_basic(&ctx.pool, user.id, field, &value, now).await?;
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
        Step::Experience => match rules::parse_experience(text) {
            Ok(years) => {
                users::set_experience(&ctx.pool, user.id, years, now).await?;
                Ok(())
            }
            Err(e) => Err(e),
        },
        Step::MentorCapacity => rules::parse_capacity(text).map(|n| ob.capacity = Some(n)),
        Step::MenteeDifficultyText => rules::parse_short_text(text).map(|t| {
            ob.difficulty_note = Some(t);
            ob.difficulty_asked = true;
        }),
        _ => {
            // a keyboard step: say so and show the buttons again below
            bot.send_message(msg.chat.id, tr!(lang, "ob-use-buttons"))
                .await?;
            return resend(bot, ctx, dialogue, actor, ob).await;
        }
    };
    match result {
        Err(e) => {
            bot.send_message(msg.chat.id, tr!(lang, e.key)).await?;
            Ok(())
        }
        Ok(()) => advance(bot, ctx, dialogue, actor, ob, None).await,
    }
}

/// Shows the current step again as a new message (its keyboard becomes the current one).
async fn resend(
    bot: &Bot,
    ctx: &Ctx,
    dialogue: &Dlg,
    actor: &Actor,
    ob: Onboarding,
) -> HandlerResult {
    advance(bot, ctx, dialogue, actor, ob, None).await
}

/// A tap on an onboarding keyboard.
pub async fn on_button(
    cb: &Callback<'_>,
    state: State,
    action: OnboardingAction,
) -> Result<Answered, HandlerErrorBox> {
    let State::Onboarding(mut ob) = state else {
        return Ok(Answered::Stale);
    };
    if ob.kb != Some(cb.message_id) || cb.actor.user.is_none() {
        return Ok(Answered::Stale);
    }
    let lang = cb.lang();
    let user_id = cb.actor.user.as_ref().map(|u| u.id).unwrap_or_default();
    let step = ob.step;
    match (step, action) {
        (Some(Step::Org), OnboardingAction::Org(org)) => {
            if orgs::get(&cb.ctx.pool, org).await?.is_none() {
                return Ok(Answered::Stale);
            }
            users::set_org(&cb.ctx.pool, user_id, org, cb.ctx.now()).await?;
        }
        (Some(Step::Org), OnboardingAction::OrgPage(page)) => {
            ob.org_page = page;
            if let Some(kb) = org_keyboard(cb.ctx, lang, page).await? {
                ui::edit_keyboard(cb.bot, cb.chat(), MessageId(cb.message_id), kb).await?;
            }
            cb.dialogue.update(State::Onboarding(ob)).await?;
            return Ok(Answered::NotYet);
        }
        (Some(Step::ChooseRole), OnboardingAction::Role(r)) => ob.chosen_role = Some(r),
        (Some(Step::MenteeCategory), OnboardingAction::Category(c)) => ob.category = Some(c),
        (
            Some(s @ (Step::MenteeAreas | Step::MentorCompetences | Step::MentorForms)),
            OnboardingAction::Toggle(choice),
        ) => {
            let valid = matches!(
                (s, choice),
                (Step::MentorForms, Choice::Form(_))
                    | (Step::MenteeAreas | Step::MentorCompetences, Choice::Area(_))
            );
            if !valid {
                return Ok(Answered::Stale);
            }
            ui::toggle(&mut ob.selected, choice.code());
            let options = if s == Step::MentorForms {
                form_choices()
            } else {
                area_choices()
            };
            let kb = choices(lang, options, &ob.selected);
            cb.dialogue.update(State::Onboarding(ob)).await?;
            ui::edit_keyboard(cb.bot, cb.chat(), MessageId(cb.message_id), kb).await?;
            return Ok(Answered::NotYet);
        }
        (
            Some(s @ (Step::MenteeAreas | Step::MentorCompetences | Step::MentorForms)),
            OnboardingAction::Done,
        ) => {
            if ob.selected.is_empty() {
                return cb
                    .answer(Some(tr!(lang, "err-choose-one")))
                    .await
                    .map_err(Into::into);
            }
            match s {
                Step::MenteeAreas => {
                    ob.areas = ob
                        .selected
                        .iter()
                        .filter_map(|c| Area::from_code(c))
                        .collect()
                }
                Step::MentorCompetences => {
                    ob.competences = ob
                        .selected
                        .iter()
                        .filter_map(|c| Area::from_code(c))
                        .collect()
                }
                _ => {
                    ob.forms = ob
                        .selected
                        .iter()
                        .filter_map(|c| Form::from_code(c))
                        .collect()
                }
            }
        }
        (Some(Step::MenteeDifficultyText), OnboardingAction::Skip) => ob.difficulty_asked = true,
        (Some(Step::MentorCapacity), OnboardingAction::Capacity(n)) => ob.capacity = Some(n),
        (Some(Step::MentorOtherOrgs), OnboardingAction::OtherOrgs(yes)) => {
            ob.other_orgs = Some(yes)
        }
        (Some(Step::MentorConsent), OnboardingAction::MentorConsent(consent)) => {
            cb.answer(None).await?;
            finish_with(
                cb.bot,
                cb.ctx,
                cb.dialogue,
                cb.actor,
                ob,
                Some(cb.message_id),
                consent,
            )
            .await?;
            return Ok(Answered::Done);
        }
        _ => return Ok(Answered::Stale),
    }
    cb.answer(None).await?;
    advance(
        cb.bot,
        cb.ctx,
        cb.dialogue,
        cb.actor,
        ob,
        Some(cb.message_id),
    )
    .await?;
    Ok(Answered::Done)
}

async fn finish(
    bot: &Bot,
    ctx: &Ctx,
    dialogue: &Dlg,
    actor: &Actor,
    ob: Onboarding,
    edit: Option<i32>,
) -> HandlerResult {
    finish_with(bot, ctx, dialogue, actor, ob, edit, false).await
}

/// Writes everything that was collected in one transaction: the invite is used, roles are
/// granted, the profiles enter the banks, and the person is registered.
async fn finish_with(
    bot: &Bot,
    ctx: &Ctx,
    dialogue: &Dlg,
    actor: &Actor,
    ob: Onboarding,
    edit: Option<i32>,
    mentor_consent: bool,
) -> HandlerResult {
    let lang = actor.lang;
    let user_id = actor.user.as_ref().ok_or("no user")?.id;
    let now = ctx.now();
    let user = users::by_id(&ctx.pool, user_id).await?.ok_or("no user")?;
    let invite = match &ob.invite {
        Some(code) => invites::find(&ctx.pool, code).await?,
        None => None,
    };
    let mut notes: Vec<String> = Vec::new();
    let mut tx = crate::db::write(&ctx.pool).await?;
    let mut new_roles: Vec<(Role, Option<i64>)> = Vec::new();
    if let Some(inv) = &invite {
        if invites::consume(&mut tx, &inv.code, user_id, now).await? {
            let org = if inv.role.is_org_scoped() {
                inv.org_id.or(user.org_id)
            } else {
                None
            };
            new_roles.push((inv.role, org));
        } else {
            notes.push(tr!(lang, "invite-expired-meanwhile"));
        }
    }
    if let Some(r) = ob.chosen_role {
        new_roles.push((r, user.org_id));
    }
    for (role, org) in &new_roles {
        users::grant_role(&mut *tx, user_id, *role, *org, now).await?;
    }
    let roles = users::roles_in(&mut *tx, user_id).await?;
    let holds = |r: Role| roles.iter().any(|(role, _)| *role == r);
    if holds(Role::Mentee) && profiles::mentee(&mut *tx, user_id).await?.is_none() {
        if let Some(category) = ob.category {
            profiles::save_mentee(&mut *tx, user_id, category, &ob.areas, now).await?;
            if let Some(note) = &ob.difficulty_note {
                profiles::set_difficulty_note(&mut *tx, user_id, Some(note)).await?;
            }
        }
    }
    // a mentor who chose the role without a mentor invitation waits for the school's
    // confirmation; an invitation (or a role granted by an administrator) is that confirmation
    let mut awaits_confirmation = false;
    if holds(Role::Mentor) && profiles::mentor(&mut *tx, user_id).await?.is_none() {
        if mentor_consent {
            awaits_confirmation = ob.chosen_role == Some(Role::Mentor);
            let p = MentorProfile {
                competences: ob.competences.clone(),
                forms: ob.forms.clone(),
                capacity: ob.capacity.unwrap_or(DEFAULT_CAPACITY),
                consent_at: now,
                status: "active".into(),
                other_orgs: ob.other_orgs.unwrap_or(false),
                listed_publicly: false,
                confirmed_at: now,
                approved_at: (!awaits_confirmation).then_some(now),
            };
            profiles::save_mentor(&mut *tx, user_id, &p, now).await?;
            if awaits_confirmation {
                notes.push(tr!(lang, "ob-mentor-pending"));
            }
        } else {
            notes.push(tr!(lang, "ob-mentor-later"));
        }
    }
    users::mark_registered(&mut *tx, user_id, lang.code(), now).await?;
    tx.commit().await?;
    dialogue.exit().await?;
    if awaits_confirmation {
        super::privacy::ask_to_confirm_mentor(ctx, user_id).await?;
    }
    if let Some((role, _)) = new_roles.first() {
        super::privacy::tell_about_namesakes(ctx, user_id, *role).await?;
    }

    let fresh = Actor::load_by_tg(ctx, actor.tg, lang).await?;
    let mut text = tr!(
        lang,
        "ob-done",
        name = user.full_name.clone().unwrap_or_default()
    );
    for note in notes {
        text.push_str("\n\n");
        text.push_str(&note);
    }
    text.push_str("\n\n");
    // the next step and the few commands this role needs, not the whole list
    let next = if fresh.has(Role::Curator) || fresh.has(Role::Coordinator) || fresh.is_admin {
        None
    } else if fresh.has(Role::Mentor) {
        Some("ob-next-mentor")
    } else if fresh.has(Role::Mentee) {
        Some("ob-next-mentee")
    } else {
        None
    };
    match next {
        Some(key) => text.push_str(&tr!(lang, key)),
        None => text.push_str(&general::help_text(&fresh)),
    }
    // the menu first, so that it is already there when the person reads the message
    general::sync_menu(bot, ctx, ChatId(actor.tg), lang).await;
    ui::prompt(bot, ChatId(actor.tg), text, None, edit).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> Facts {
        Facts {
            has_name: true,
            has_org: true,
            has_position: true,
            has_subjects: true,
            has_experience: true,
            target_roles: vec![Role::Mentee],
            has_mentee_profile: false,
            has_mentor_profile: false,
        }
    }

    #[test]
    fn common_steps_in_order() {
        let ob = Onboarding::default();
        let mut f = Facts::default();
        assert_eq!(next_step(&f, &ob), Some(Step::FullName));
        f.has_name = true;
        assert_eq!(next_step(&f, &ob), Some(Step::Org));
        f.has_org = true;
        assert_eq!(next_step(&f, &ob), Some(Step::Position));
        f.has_position = true;
        assert_eq!(next_step(&f, &ob), Some(Step::Subjects));
        f.has_subjects = true;
        assert_eq!(next_step(&f, &ob), Some(Step::Experience));
        f.has_experience = true;
        assert_eq!(
            next_step(&f, &ob),
            Some(Step::ChooseRole),
            "no invite, no role: ask"
        );
    }

    #[test]
    fn coordinator_needs_no_organization() {
        let f = Facts {
            has_name: true,
            target_roles: vec![Role::Coordinator],
            ..Default::default()
        };
        assert_eq!(next_step(&f, &Onboarding::default()), Some(Step::Position));
    }

    #[test]
    fn mentee_profile_steps() {
        let f = full();
        let mut ob = Onboarding::default();
        assert_eq!(next_step(&f, &ob), Some(Step::MenteeCategory));
        ob.category = Some(MenteeCategory::YoungTeacher);
        assert_eq!(next_step(&f, &ob), Some(Step::MenteeAreas));
        ob.areas = vec![Area::Methods];
        assert_eq!(
            next_step(&f, &ob),
            Some(Step::MenteeDifficultyText),
            "besides the checklist, their own words"
        );
        ob.difficulty_asked = true;
        assert_eq!(next_step(&f, &ob), None);
        assert_eq!(
            next_step(
                &Facts {
                    has_mentee_profile: true,
                    ..full()
                },
                &Onboarding::default()
            ),
            None
        );
    }

    #[test]
    fn mentor_profile_steps_end_with_consent() {
        let f = Facts {
            target_roles: vec![Role::Mentor],
            ..full()
        };
        let mut ob = Onboarding::default();
        assert_eq!(next_step(&f, &ob), Some(Step::MentorCompetences));
        ob.competences = vec![Area::Subject];
        assert_eq!(next_step(&f, &ob), Some(Step::MentorForms));
        ob.forms = vec![Form::Traditional];
        assert_eq!(next_step(&f, &ob), Some(Step::MentorCapacity));
        ob.capacity = Some(2);
        assert_eq!(next_step(&f, &ob), Some(Step::MentorOtherOrgs));
        ob.other_orgs = Some(true);
        assert_eq!(next_step(&f, &ob), Some(Step::MentorConsent));
        assert_eq!(
            next_step(
                &Facts {
                    has_mentor_profile: true,
                    ..f
                },
                &ob
            ),
            None
        );
    }

    #[test]
    fn curator_has_no_role_profile() {
        let f = Facts {
            target_roles: vec![Role::Curator],
            ..full()
        };
        assert_eq!(next_step(&f, &Onboarding::default()), None);
    }
}
