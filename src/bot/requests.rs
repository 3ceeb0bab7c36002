//! Requests for a mentor: the mentee's `/request`, the curator's inbox `/requests` with ranked
//! suggestions, the mentor's answer to a proposal and the mentee's confirmation.

use super::action::pairs::{PairAction, PetitionAction, ResignationAction};
use super::action::requests::{FormStep, RequestAction, DECLINE_REASONS};
use super::actor::Actor;
use super::audience::{curates, name_of, org_name, tell_curators};
use super::format::{date, gender};
use super::reply;
use super::reply::{markup, Button};
use super::state::{RequestForm, RequestReason, RequestStep, State};
use super::ui::{self, Answered, Callback};
use super::{Ctx, Dlg, HandlerError, HandlerResult};
use crate::domain::matching::{self, MatchRequest, Suggestion};
use crate::domain::request::{ProposalStatus, RequestEvent, RequestStatus};
use crate::domain::{Area, Form, Role};
use crate::i18n::Lang;
use crate::repo::requests::{self, NewRequest, Request, RequestError};
use crate::repo::{pairs, profiles, users, Pool};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, MessageId};

/// Longest description of a difficulty we accept (it must fit in a card).
pub const MAX_DESCRIPTION: usize = 1000;
const SUGGESTIONS: usize = 5;

fn area_names(lang: Lang, areas: &[Area]) -> String {
    areas
        .iter()
        .map(|a| tr!(lang, &a.key()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn form_name(lang: Lang, form: Option<Form>) -> String {
    match form {
        Some(f) => tr!(lang, &f.key()),
        None => tr!(lang, "rq-form-unknown"),
    }
}

fn status_name(lang: Lang, s: RequestStatus) -> String {
    tr!(lang, &format!("rq-status-{}", s.code()))
}

/// The status as the mentee reads it: «ждём вашего подтверждения» is said to them only.
fn mentee_status_name(lang: Lang, s: RequestStatus) -> String {
    match s {
        RequestStatus::Accepted => tr!(lang, "rq-status-accepted-mentee"),
        _ => status_name(lang, s),
    }
}

// ------------------------------------------------------------------ the mentee: /request

pub async fn command(bot: &Bot, dialogue: &Dlg, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let lang = actor.lang;
    let user = actor.registered_user().ok_or("not registered")?;
    let chat = ChatId(actor.tg);
    if let Some(r) = requests::open_for_mentee(&ctx.pool, user.id).await? {
        let kb = markup(vec![vec![Button::new(
            tr!(lang, "btn-withdraw"),
            RequestAction::Withdraw(r.id),
        )]]);
        ui::send(bot, chat, mentee_view(ctx, lang, &r).await, Some(kb)).await?;
        return Ok(());
    }
    if pairs::active_for(&ctx.pool, user.id)
        .await?
        .iter()
        .any(|p| p.mentees.contains(&user.id))
    {
        bot.send_message(chat, tr!(lang, "rq-already-paired"))
            .await?;
        return Ok(());
    }
    let preset: Vec<String> = profiles::mentee(&ctx.pool, user.id)
        .await?
        .map(|m| m.areas.iter().map(|a| a.code().to_string()).collect())
        .unwrap_or_default();
    let kb = area_select(lang, &preset);
    let sent = ui::send(bot, chat, tr!(lang, "rq-ask-areas"), Some(kb)).await?;
    dialogue
        .update(State::RequestForm(RequestForm {
            areas: preset,
            kb: Some(sent.id.0),
            ..Default::default()
        }))
        .await?;
    Ok(())
}

async fn mentee_view(ctx: &Ctx, lang: Lang, r: &Request) -> String {
    let mut text = tr!(
        lang,
        "rq-mentee-status",
        id = r.id,
        status = mentee_status_name(lang, r.status),
        areas = area_names(lang, &r.areas),
        form = form_name(lang, r.form)
    );
    if let Ok(Some(p)) = requests::live_proposal(&ctx.pool, r.id).await {
        if p.status() == ProposalStatus::Accepted {
            text.push_str("\n\n");
            let mentor = name_of(&ctx.pool, p.mentor_id).await;
            text.push_str(&tr!(
                lang,
                "rq-mentee-waiting-you",
                gender = gender(&mentor),
                mentor = mentor
            ));
        }
    }
    text
}

/// The request form's areas: one per row, ✅ on the chosen ones, then «Готово».
fn area_select(lang: Lang, selected: &[String]) -> InlineKeyboardMarkup {
    let options = Area::ALL
        .iter()
        .map(|a| {
            (
                RequestAction::Form(FormStep::Toggle(*a)),
                tr!(lang, &a.key()),
                selected.iter().any(|s| s == a.code()),
            )
        })
        .collect();
    reply::markup(reply::multi_select(
        lang,
        options,
        RequestAction::Form(FormStep::Done),
    ))
}

/// Text typed while filling in the request form (only the description step takes text).
pub async fn on_text(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    mut form: RequestForm,
) -> HandlerResult {
    let lang = actor.lang;
    if form.step != RequestStep::Description {
        bot.send_message(msg.chat.id, tr!(lang, "use-buttons-or-cancel"))
            .await?;
        return Ok(());
    }
    let Some(text) = msg.text() else {
        bot.send_message(msg.chat.id, tr!(lang, "err-need-text"))
            .await?;
        return Ok(());
    };
    let text = text.trim();
    let len = text.chars().count();
    if len < 10 {
        bot.send_message(msg.chat.id, tr!(lang, "rq-description-short"))
            .await?;
        return Ok(());
    }
    if len > MAX_DESCRIPTION {
        bot.send_message(
            msg.chat.id,
            tr!(
                lang,
                "rq-description-long",
                max = MAX_DESCRIPTION,
                len = len
            ),
        )
        .await?;
        return Ok(());
    }
    form.description = Some(text.to_string());
    form.step = RequestStep::Form;
    let mut rows: Vec<Vec<Button>> = Form::ALL
        .iter()
        .map(|f| {
            vec![Button::new(
                tr!(lang, &f.key()),
                RequestAction::Form(FormStep::Form(Some(*f))),
            )]
        })
        .collect();
    rows.push(vec![Button::new(
        tr!(lang, "rq-form-unknown"),
        RequestAction::Form(FormStep::Form(None)),
    )]);
    let kb_id = ui::prompt(
        bot,
        msg.chat.id,
        tr!(lang, "rq-ask-form"),
        Some(markup(rows)),
        None,
    )
    .await?;
    form.kb = kb_id;
    dialogue.update(State::RequestForm(form)).await?;
    let _ = ctx;
    Ok(())
}

/// Mentors the mentee may wish for: eligible mentors of their organization and open district mentors.
async fn wishable(
    ctx: &Ctx,
    mentee_id: i64,
    org_id: Option<i64>,
) -> Result<Vec<Suggestion>, HandlerError> {
    let all = requests::mentor_candidates(&ctx.pool).await?;
    let req = MatchRequest {
        mentee_id,
        org_id,
        areas: vec![],
        form: None,
        wished: None,
        excluded: vec![],
    };
    Ok(matching::suggest(&req, &all, 20))
}

pub async fn on_form_button(
    cb: &Callback<'_>,
    state: State,
    step: FormStep,
) -> Result<Answered, HandlerError> {
    let State::RequestForm(mut form) = state else {
        return Ok(Answered::Stale);
    };
    if form.kb != Some(cb.message_id) {
        return Ok(Answered::Stale);
    }
    let Some(user) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    let lang = cb.lang();
    match (form.step, step) {
        (RequestStep::Areas, FormStep::Toggle(area)) => {
            ui::toggle(&mut form.areas, area.code());
            let kb = area_select(lang, &form.areas);
            cb.dialogue.update(State::RequestForm(form)).await?;
            ui::edit_keyboard(cb.bot, cb.chat(), MessageId(cb.message_id), kb).await?;
            Ok(Answered::NotYet)
        }
        (RequestStep::Areas, FormStep::Done) => {
            if form.areas.is_empty() {
                return Ok(cb.answer(Some(tr!(lang, "err-choose-one"))).await?);
            }
            form.step = RequestStep::Description;
            form.kb = None;
            cb.edit(tr!(lang, "rq-ask-description"), None).await?;
            cb.dialogue.update(State::RequestForm(form)).await?;
            Ok(cb.answer(None).await?)
        }
        (RequestStep::Form, FormStep::Form(chosen)) => {
            form.form = Some(chosen.map_or("unknown", |f| f.code()).to_string());
            form.step = RequestStep::WishedMentor;
            let kb = markup(vec![
                vec![Button::new(
                    tr!(lang, "rq-wish-pick"),
                    RequestAction::Form(FormStep::WishPick),
                )],
                vec![Button::new(
                    tr!(lang, "rq-wish-none"),
                    RequestAction::Form(FormStep::Wish(None)),
                )],
            ]);
            cb.edit(tr!(lang, "rq-ask-wish"), Some(kb)).await?;
            cb.dialogue.update(State::RequestForm(form)).await?;
            Ok(cb.answer(None).await?)
        }
        (RequestStep::WishedMentor, FormStep::WishPick) => {
            let list = wishable(cb.ctx, user.id, user.org_id).await?;
            if list.is_empty() {
                return Ok(cb.answer(Some(tr!(lang, "rq-wish-empty"))).await?);
            }
            let mut rows = Vec::new();
            for s in list {
                rows.push(vec![Button::new(
                    name_of(&cb.ctx.pool, s.user_id).await,
                    RequestAction::Form(FormStep::Wish(Some(s.user_id))),
                )]);
            }
            rows.push(vec![Button::new(
                tr!(lang, "rq-wish-none"),
                RequestAction::Form(FormStep::Wish(None)),
            )]);
            cb.edit(tr!(lang, "rq-ask-wish-pick"), Some(markup(rows)))
                .await?;
            Ok(cb.answer(None).await?)
        }
        (RequestStep::WishedMentor, FormStep::Wish(wished)) => {
            if let Some(id) = wished {
                // only a mentor from the list may be wished for
                if !wishable(cb.ctx, user.id, user.org_id)
                    .await?
                    .iter()
                    .any(|s| s.user_id == id)
                {
                    return Ok(Answered::Stale);
                }
            }
            let nr = NewRequest {
                mentee_id: user.id,
                org_id: user.org_id,
                kind: "new",
                areas: form
                    .areas
                    .iter()
                    .filter_map(|c| Area::from_code(c))
                    .collect(),
                description: form.description.clone().unwrap_or_default(),
                form: form.form.as_deref().and_then(Form::from_code),
                wished_mentor_id: wished,
                excluded: vec![],
                previous_pair_id: None,
            };
            cb.dialogue.exit().await?;
            match requests::create(&cb.ctx.pool, &nr, cb.ctx.now()).await {
                Ok(id) => {
                    cb.edit(tr!(lang, "rq-created", id = id), None).await?;
                    cb.answer(None).await?;
                    if let Some(r) = requests::get(&cb.ctx.pool, id).await? {
                        notify_curators(cb.ctx, &r, "rq-curator-new").await;
                    }
                }
                Err(RequestError::AlreadyOpen) => {
                    cb.edit(tr!(lang, "rq-already-open"), None).await?;
                    cb.answer(None).await?;
                }
                Err(e) => return Err(e.into()),
            }
            Ok(Answered::Done)
        }
        _ => Ok(Answered::Stale),
    }
}

// ------------------------------------------------------------------ the curator: /requests

/// Sends a request's card to every curator of its organization.
pub async fn notify_curators(ctx: &Ctx, r: &Request, header_key: &str) {
    let Some(org) = r.org_id else { return };
    let curators = match users::with_role_in_org(&ctx.pool, Role::Curator, org).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "cannot list curators");
            return;
        }
    };
    for c in curators {
        let lang = ctx.notifier.lang_of(c.id).await;
        match curator_card(ctx, lang, r).await {
            Ok((text, kb)) => {
                ctx.notifier
                    .tell(
                        c.id,
                        format!("{}\n\n{}", tr!(lang, header_key), text),
                        Some(kb),
                    )
                    .await
            }
            Err(e) => tracing::error!(error = %e, "cannot build a request card"),
        }
    }
}

/// Why a suggestion is on the list, in words.
pub fn reason_text(lang: Lang, s: &Suggestion) -> String {
    let mut parts = vec![tr!(
        lang,
        "rq-reason-overlap",
        overlap = s.overlap,
        total = s.requested
    )];
    parts.push(tr!(lang, "rq-reason-free", free = s.free));
    parts.push(tr!(
        lang,
        if s.same_org {
            "rq-reason-same-org"
        } else {
            "rq-reason-other-org"
        }
    ));
    if s.wished {
        parts.push(tr!(lang, "rq-reason-wished"));
    }
    parts.join(", ")
}

/// The card of a request for its curator: who, category, areas, description, suggestions.
pub async fn curator_card(
    ctx: &Ctx,
    lang: Lang,
    r: &Request,
) -> Result<(String, InlineKeyboardMarkup), HandlerError> {
    let pool = &ctx.pool;
    let mentee = users::by_id(pool, r.mentee_id).await?;
    let category = match profiles::mentee(pool, r.mentee_id).await? {
        Some(m) => tr!(lang, &m.category.key()),
        None => "—".into(),
    };
    let experience = mentee
        .as_ref()
        .and_then(|u| u.experience_years)
        .unwrap_or(0);
    let mut text = tr!(
        lang,
        "rq-card",
        id = r.id,
        kind = tr!(lang, &format!("rq-kind-{}", r.kind)),
        name = mentee
            .as_ref()
            .and_then(|u| u.full_name.clone())
            .unwrap_or_else(|| "—".into()),
        position = mentee
            .as_ref()
            .and_then(|u| u.position.clone())
            .unwrap_or_default(),
        experience = experience,
        category = category,
        areas = area_names(lang, &r.areas),
        description = if r.description.is_empty() {
            "—".to_string()
        } else {
            r.description.clone()
        },
        form = form_name(lang, r.form),
        status = status_name(lang, r.status)
    );
    if let Some(note) = profiles::mentee(pool, r.mentee_id)
        .await?
        .and_then(|m| m.difficulty_note)
    {
        // the difficulties in the mentee's own words, from the onboarding questionnaire
        text.push('\n');
        text.push_str(&tr!(lang, "rq-card-difficulty-note", note = note));
    }
    if let Some(w) = r.wished_mentor_id {
        text.push('\n');
        text.push_str(&tr!(lang, "rq-card-wish", mentor = name_of(pool, w).await));
    }
    let mut rows: Vec<Vec<Button>> = Vec::new();
    if let Some(p) = requests::live_proposal(pool, r.id).await? {
        text.push_str("\n\n");
        let key = if p.status() == ProposalStatus::Accepted {
            "rq-card-accepted"
        } else {
            "rq-card-proposed"
        };
        let mentor = name_of(pool, p.mentor_id).await;
        text.push_str(&tr!(lang, key, gender = gender(&mentor), mentor = mentor));
    }
    if !r.status.is_final() {
        let mentee_org = mentee.as_ref().and_then(|u| u.org_id).or(r.org_id);
        let req = MatchRequest {
            mentee_id: r.mentee_id,
            org_id: mentee_org,
            areas: r.areas.clone(),
            form: r.form,
            wished: r.wished_mentor_id,
            excluded: r.excluded.clone(),
        };
        let suggestions =
            matching::suggest(&req, &requests::mentor_candidates(pool).await?, SUGGESTIONS);
        text.push_str("\n\n");
        if suggestions.is_empty() {
            text.push_str(&tr!(lang, "rq-no-suggestions"));
        } else {
            text.push_str(&tr!(lang, "rq-suggestions"));
        }
        for (i, s) in suggestions.iter().enumerate() {
            let name = name_of(pool, s.user_id).await;
            text.push_str(&format!("\n{}. {} — {}", i + 1, name, reason_text(lang, s)));
            let mut row = vec![Button::new(
                tr!(lang, "btn-propose", n = (i + 1) as i64, name = name.clone()),
                RequestAction::Propose {
                    request: r.id,
                    mentor: s.user_id,
                    group: false,
                },
            )];
            // only a group of the mentee's own organization can be joined
            let groups = pairs::active_for(pool, s.user_id).await?;
            if groups
                .iter()
                .any(|p| p.mentor_id == s.user_id && p.org_id == r.org_id)
            {
                row.push(Button::new(
                    tr!(lang, "btn-propose-group", n = (i + 1) as i64),
                    RequestAction::Propose {
                        request: r.id,
                        mentor: s.user_id,
                        group: true,
                    },
                ));
            }
            rows.push(row);
        }
        rows.push(vec![Button::new(
            tr!(lang, "btn-all-mentors"),
            RequestAction::AllMentors {
                request: r.id,
                offset: 0,
            },
        )]);
        rows.push(vec![Button::new(
            tr!(lang, "btn-reject-request"),
            RequestAction::Reject(r.id),
        )]);
    }
    rows.push(vec![Button::new(
        tr!(lang, "btn-to-list"),
        RequestAction::List,
    )]);
    Ok((text, markup(rows)))
}

/// Mentors per page of «Все наставники».
const CHOICES_PAGE: usize = 8;

/// What matching sees of a request (the mentee's organization as it is now).
async fn match_request(
    pool: &Pool,
    r: &Request,
    wished: Option<i64>,
) -> Result<MatchRequest, HandlerError> {
    let mentee_org = users::by_id(pool, r.mentee_id)
        .await?
        .and_then(|u| u.org_id)
        .or(r.org_id);
    Ok(MatchRequest {
        mentee_id: r.mentee_id,
        org_id: mentee_org,
        areas: r.areas.clone(),
        form: r.form,
        wished,
        excluded: r.excluded.clone(),
    })
}

/// «Все наставники»: every mentor of the school (and of other schools who opted in), so a
/// request is never a dead end; who is not suggested says why, and who can take the mentee
/// can be proposed even when excluded earlier.
async fn every_mentor_page(
    ctx: &Ctx,
    lang: Lang,
    r: &Request,
    offset: usize,
) -> Result<(String, InlineKeyboardMarkup), HandlerError> {
    let pool = &ctx.pool;
    let choices = matching::every_choice(
        &match_request(pool, r, r.wished_mentor_id).await?,
        &requests::mentor_candidates(pool).await?,
    );
    let mut text = if choices.is_empty() {
        tr!(lang, "rq-all-none", id = r.id)
    } else {
        tr!(
            lang,
            "rq-all-header",
            id = r.id,
            count = choices.len() as i64
        )
    };
    let mut rows: Vec<Vec<Button>> = Vec::new();
    let offset = offset.min(choices.len().saturating_sub(1) / CHOICES_PAGE * CHOICES_PAGE);
    for (i, c) in choices.iter().enumerate().skip(offset).take(CHOICES_PAGE) {
        let name = name_of(pool, c.user_id).await;
        let mut why = match c.not_suggested {
            None => tr!(
                lang,
                "rq-reason-free",
                free = i64::from(c.capacity.saturating_sub(c.load))
            ),
            Some(u) => tr!(
                lang,
                &format!("rq-why-{}", u.code()),
                load = i64::from(c.load),
                capacity = i64::from(c.capacity)
            ),
        };
        if !c.same_org {
            why = format!("{why}, {}", tr!(lang, "rq-reason-other-org"));
        }
        text.push_str(&format!("\n{}. {} — {}", i + 1, name, why));
        if c.may_propose() {
            rows.push(vec![Button::new(
                tr!(lang, "btn-propose", n = (i + 1) as i64, name = name),
                RequestAction::Propose {
                    request: r.id,
                    mentor: c.user_id,
                    group: false,
                },
            )]);
        }
    }
    let mut nav = Vec::new();
    if offset > 0 {
        nav.push(Button::new(
            "◀".to_string(),
            RequestAction::AllMentors {
                request: r.id,
                offset: (offset - CHOICES_PAGE) as i64,
            },
        ));
    }
    if offset + CHOICES_PAGE < choices.len() {
        nav.push(Button::new(
            "▶".to_string(),
            RequestAction::AllMentors {
                request: r.id,
                offset: (offset + CHOICES_PAGE) as i64,
            },
        ));
    }
    if !nav.is_empty() {
        rows.push(nav);
    }
    rows.push(vec![Button::new(
        tr!(lang, "btn-back-to-request"),
        RequestAction::Open(r.id),
    )]);
    Ok((text, markup(rows)))
}

/// The curator's inbox: requests, petitions and statements waiting in their organizations.
pub async fn inbox(
    ctx: &Ctx,
    actor: &Actor,
) -> Result<(String, InlineKeyboardMarkup), HandlerError> {
    let lang = actor.lang;
    let mut rows = Vec::new();
    let mut count = 0usize;
    for org in actor.orgs_for(Role::Curator) {
        for r in requests::in_progress_for_org(&ctx.pool, org).await? {
            count += 1;
            let label = format!(
                "№{} · {} · {}",
                r.id,
                name_of(&ctx.pool, r.mentee_id).await,
                status_name(lang, r.status)
            );
            rows.push(vec![Button::new(label, RequestAction::Open(r.id))]);
        }
        for p in pairs::pending_petitions_for_org(&ctx.pool, org).await? {
            count += 1;
            let label = tr!(
                lang,
                "inbox-petition",
                name = name_of(&ctx.pool, p.mentee_id).await
            );
            rows.push(vec![Button::new(label, PetitionAction::Open(p.id))]);
        }
        for rs in crate::repo::pairs::pending_resignations(&ctx.pool, org).await? {
            count += 1;
            let label = tr!(
                lang,
                "inbox-resignation",
                name = name_of(&ctx.pool, rs.mentor_id).await
            );
            rows.push(vec![Button::new(label, ResignationAction::Open(rs.id))]);
        }
        // mentors «ожидает подтверждения»: confirmed with one tap
        if super::privacy::may_confirm_mentor(actor, org) {
            for (id, name) in profiles::mentors_awaiting_confirmation(&ctx.pool, org).await? {
                count += 1;
                let confirm = super::action::Action::from(
                    super::action::privacy::ConfirmMentorAction::Confirm(id),
                );
                rows.push(vec![Button::new(
                    tr!(lang, "inbox-mentor-pending", name = name),
                    confirm,
                )]);
            }
        }
    }
    let text = if count == 0 {
        tr!(lang, "inbox-empty")
    } else {
        tr!(lang, "inbox-header", count = count as i64)
    };
    Ok((text, markup(rows)))
}

pub async fn inbox_command(bot: &Bot, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let (text, kb) = inbox(ctx, actor).await?;
    ui::send(bot, ChatId(actor.tg), text, Some(kb)).await?;
    Ok(())
}

/// Buttons with the "rq" prefix outside the request form.
/// The requests' buttons, already authorized: form steps for a mentee, the card for the
/// request's curators, a proposal for its mentor and the request's mentee.
pub async fn on_action(
    cb: &Callback<'_>,
    state: State,
    action: RequestAction,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let pool = &cb.ctx.pool;
    let now = cb.ctx.now();
    let Some(me) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    match action {
        RequestAction::Form(step) => on_form_button(cb, state, step).await,
        RequestAction::List => {
            let (text, kb) = inbox(cb.ctx, cb.actor).await?;
            cb.edit(text, Some(kb)).await?;
            Ok(cb.answer(None).await?)
        }
        RequestAction::Open(rid) => {
            let Some(r) = requests::get(pool, rid).await? else {
                return Ok(Answered::Stale);
            };
            let (text, kb) = curator_card(cb.ctx, lang, &r).await?;
            cb.edit(text, Some(kb)).await?;
            Ok(cb.answer(None).await?)
        }
        RequestAction::AllMentors {
            request: rid,
            offset,
        } => {
            let Some(r) = requests::get(pool, rid)
                .await?
                .filter(|r| !r.status.is_final())
            else {
                return Ok(Answered::Stale);
            };
            let offset = offset.max(0) as usize;
            let (text, kb) = every_mentor_page(cb.ctx, lang, &r, offset).await?;
            cb.edit(text, Some(kb)).await?;
            Ok(cb.answer(None).await?)
        }
        RequestAction::Withdraw(rid) => {
            let Some(r) = requests::get(pool, rid)
                .await?
                .filter(|r| !r.status.is_final())
            else {
                return Ok(Answered::Stale);
            };
            let withdrawn =
                requests::close(pool, r.id, RequestEvent::MenteeWithdraws, me.id, None, now)
                    .await?;
            cb.edit(tr!(lang, "rq-withdrawn", id = r.id), None).await?;
            cb.answer(None).await?;
            if let Some(p) = withdrawn {
                let ml = cb.ctx.notifier.lang_of(p.mentor_id).await;
                cb.ctx
                    .notifier
                    .tell(p.mentor_id, tr!(ml, "rq-mentor-proposal-withdrawn"), None)
                    .await;
            }
            let rid = r.id;
            tell_curators(
                cb.ctx,
                r.org_id,
                |l| tr!(l, "rq-curator-withdrawn", id = rid),
                |_| None,
            )
            .await;
            Ok(Answered::Done)
        }
        RequestAction::Propose {
            request: rid,
            mentor,
            group,
        } => {
            let Some(r) = requests::get(pool, rid)
                .await?
                .filter(|r| !r.status.is_final())
            else {
                return Ok(Answered::Stale);
            };
            // the mentor must still be able to take the mentee (places, status, this school or
            // opted in); an earlier exclusion is the curator's to overrule
            let req = match_request(pool, &r, None).await?;
            if !matching::every_choice(&req, &requests::mentor_candidates(pool).await?)
                .iter()
                .any(|c| c.user_id == mentor && c.may_propose())
            {
                return Ok(cb.answer(Some(tr!(lang, "rq-mentor-unavailable"))).await?);
            }
            let join = if group {
                match pairs::active_for(pool, mentor)
                    .await?
                    .into_iter()
                    .find(|p| p.mentor_id == mentor && p.org_id == r.org_id)
                {
                    Some(p) => Some(p.id),
                    // a forged or outdated «В группу»: no group of this school to join
                    None => return Ok(Answered::Stale),
                }
            } else {
                None
            };
            let pid = match requests::propose(pool, rid, mentor, Some(me.id), join, now).await {
                Ok(pid) => pid,
                Err(RequestError::Illegal(_)) | Err(RequestError::NotFound) => {
                    return Ok(Answered::Stale)
                }
                Err(e) => return Err(e.into()),
            };
            let r = requests::get(pool, rid).await?.ok_or("request vanished")?;
            let (text, kb) = curator_card(cb.ctx, lang, &r).await?;
            cb.edit(text, Some(kb)).await?;
            cb.answer(Some(tr!(lang, "rq-proposed-sent"))).await?;
            send_proposal(cb.ctx, pid, &r, join.is_some()).await?;
            Ok(Answered::Done)
        }
        RequestAction::Reject(rid) => {
            let Some(r) = requests::get(pool, rid)
                .await?
                .filter(|r| !r.status.is_final())
            else {
                return Ok(Answered::Stale);
            };
            cb.dialogue
                .update(State::reason(RequestReason::RejectRequest, r.id))
                .await?;
            cb.clear_keyboard().await?;
            ui::send(
                cb.bot,
                cb.chat(),
                tr!(lang, "rq-ask-reject-reason", id = r.id),
                None,
            )
            .await?;
            Ok(cb.answer(None).await?)
        }
        RequestAction::Accept(pid) | RequestAction::Decline(pid, _) => {
            let Some(p) = requests::proposal(pool, pid)
                .await?
                .filter(|p| p.status() == ProposalStatus::Pending)
            else {
                return Ok(Answered::Stale);
            };
            let (accept, code) = match action {
                RequestAction::Decline(_, code) => (false, code),
                _ => (true, None),
            };
            let reason = code.map(|c| tr!(lang, &format!("rq-decline-{c}")));
            if !accept && code.is_none() {
                let kb = markup(
                    DECLINE_REASONS
                        .iter()
                        .map(|c| {
                            vec![Button::new(
                                tr!(lang, &format!("rq-decline-{c}")),
                                RequestAction::Decline(p.id, Some(c)),
                            )]
                        })
                        .collect(),
                );
                cb.edit(tr!(lang, "rq-ask-decline-reason"), Some(kb))
                    .await?;
                return Ok(cb.answer(None).await?);
            }
            match requests::mentor_answers(pool, p.id, me.id, accept, reason.as_deref(), now).await
            {
                Ok(_) => {}
                Err(RequestError::NotFound) | Err(RequestError::Illegal(_)) => {
                    return Ok(Answered::Stale)
                }
                Err(e) => return Err(e.into()),
            }
            let r = requests::get(pool, p.request_id)
                .await?
                .ok_or("request vanished")?;
            let mentee_name = name_of(pool, r.mentee_id).await;
            let mentor_name = me.display_name();
            let g = gender(&mentor_name);
            if accept {
                cb.edit(tr!(lang, "rq-mentor-accepted", name = mentee_name), None)
                    .await?;
                let el = cb.ctx.notifier.lang_of(r.mentee_id).await;
                let kb = markup(vec![vec![
                    Button::new(
                        tr!(el, "btn-confirm-pair"),
                        RequestAction::Confirm {
                            proposal: p.id,
                            yes: true,
                        },
                    ),
                    Button::new(
                        tr!(el, "btn-refuse-pair"),
                        RequestAction::Confirm {
                            proposal: p.id,
                            yes: false,
                        },
                    ),
                ]]);
                cb.ctx
                    .notifier
                    .tell(
                        r.mentee_id,
                        tr!(
                            el,
                            "rq-mentee-confirm",
                            gender = g,
                            mentor = mentor_name.clone()
                        ),
                        Some(kb),
                    )
                    .await;
                let rid = r.id;
                tell_curators(
                    cb.ctx,
                    r.org_id,
                    |l| {
                        tr!(
                            l,
                            "rq-curator-mentor-accepted",
                            gender = g,
                            id = rid,
                            mentor = mentor_name.clone()
                        )
                    },
                    |_| None,
                )
                .await;
            } else {
                cb.edit(tr!(lang, "rq-mentor-declined"), None).await?;
                let rid = r.id;
                let why = reason.clone().unwrap_or_default();
                let kb = |l: Lang| {
                    Some(markup(vec![vec![Button::new(
                        tr!(l, "btn-open-request"),
                        RequestAction::Open(rid),
                    )]]))
                };
                tell_curators(
                    cb.ctx,
                    r.org_id,
                    |l| {
                        tr!(
                            l,
                            "rq-curator-mentor-declined",
                            gender = g,
                            id = rid,
                            mentor = mentor_name.clone(),
                            reason = why.clone()
                        )
                    },
                    kb,
                )
                .await;
            }
            Ok(cb.answer(None).await?)
        }
        RequestAction::Confirm {
            proposal: pid,
            yes: confirm,
        } => {
            let Some(p) = requests::proposal(pool, pid).await? else {
                return Ok(Answered::Stale);
            };
            let tz_today = cb.ctx.today(None).await;
            match requests::mentee_answers(pool, p.id, me.id, confirm, tz_today, now).await {
                Ok(Some(formed)) => {
                    let pair = pairs::get(pool, formed.pair_id)
                        .await?
                        .ok_or("pair vanished")?;
                    cb.edit(
                        tr!(
                            lang,
                            "rq-pair-formed-mentee",
                            mentor = pair.mentor_name.clone(),
                            start = date(pair.start_date),
                            end = date(pair.planned_end)
                        ),
                        None,
                    )
                    .await?;
                    let mentee_name = me.display_name();
                    let ml = cb.ctx.notifier.lang_of(p.mentor_id).await;
                    let key = if formed.joined_group {
                        "rq-pair-joined-mentor"
                    } else {
                        "rq-pair-formed-mentor"
                    };
                    cb.ctx
                        .notifier
                        .tell(
                            p.mentor_id,
                            tr!(
                                ml,
                                key,
                                name = mentee_name.clone(),
                                start = date(pair.start_date),
                                end = date(pair.planned_end)
                            ),
                            None,
                        )
                        .await;
                    let pid = pair.id;
                    // a new pair: the curator chooses the programme's length (the form's
                    // default marked); joining a group keeps the group's programme
                    let new_pair =
                        !formed.joined_group && !crate::domain::pair::is_flash(&pair.forms);
                    let kb = |l: Lang| {
                        let mut rows = Vec::new();
                        if new_pair {
                            rows.push(super::programme::length_keyboard(l, &pair));
                        }
                        rows.push(vec![Button::new(
                            tr!(l, "btn-open-pair"),
                            PairAction::Open(pid),
                        )]);
                        Some(markup(rows))
                    };
                    tell_curators(
                        cb.ctx,
                        pair.org_id,
                        |l| {
                            let formed = tr!(
                                l,
                                "rq-curator-pair-formed",
                                pair = pid,
                                name = mentee_name.clone()
                            );
                            if new_pair {
                                format!("{formed}\n{}", super::programme::length_question(l, &pair))
                            } else {
                                formed
                            }
                        },
                        kb,
                    )
                    .await;
                    super::monitoring::on_pair_started(cb.ctx, pid, me.id).await;
                }
                Ok(None) => {
                    cb.edit(tr!(lang, "rq-mentee-refused"), None).await?;
                    let r = requests::get(pool, p.request_id)
                        .await?
                        .ok_or("request vanished")?;
                    let ml = cb.ctx.notifier.lang_of(p.mentor_id).await;
                    cb.ctx
                        .notifier
                        .tell(p.mentor_id, tr!(ml, "rq-mentor-proposal-withdrawn"), None)
                        .await;
                    notify_curators(cb.ctx, &r, "rq-curator-mentee-refused").await;
                }
                Err(RequestError::NotFound) | Err(RequestError::Illegal(_)) => {
                    if !confirm {
                        return Ok(Answered::Stale);
                    }
                    // a double tap: the pair is already there
                    return Ok(cb.answer(Some(tr!(lang, "rq-already-done"))).await?);
                }
                Err(RequestError::MentorFull) => {
                    cb.edit(tr!(lang, "rq-mentor-full"), None).await?;
                }
                Err(e) => return Err(e.into()),
            }
            Ok(cb.answer(None).await?)
        }
    }
}

/// Sends a proposal to the mentor with «Принять» / «Отказаться».
async fn send_proposal(ctx: &Ctx, proposal_id: i64, r: &Request, group: bool) -> HandlerResult {
    let Some(p) = requests::proposal(&ctx.pool, proposal_id).await? else {
        return Ok(());
    };
    let lang = ctx.notifier.lang_of(p.mentor_id).await;
    let (text, kb) = proposal_card(ctx, lang, &p, r, group).await?;
    ctx.notifier.tell(p.mentor_id, text, Some(kb)).await;
    Ok(())
}

/// The mentor's proposals still waiting for their answer, each with its «Принять» / «Отказаться»
/// (in `/pair`, so a proposal lost in the chat is never a dead end).
pub async fn show_pending_proposals(bot: &Bot, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let Some(mentor) = actor.as_mentor() else {
        return Ok(());
    };
    let pending = requests::pending_for_mentor(&ctx.pool, mentor).await?;
    if pending.is_empty() {
        return Ok(());
    }
    let lang = actor.lang;
    let chat = ChatId(actor.tg);
    bot.send_message(
        chat,
        tr!(lang, "pr-proposals-waiting", count = pending.len() as i64),
    )
    .await?;
    for p in pending {
        let Some(r) = requests::get(&ctx.pool, p.request_id).await? else {
            continue;
        };
        let (text, kb) = proposal_card(ctx, lang, &p, &r, p.join_pair_id.is_some()).await?;
        ui::send(bot, chat, text, Some(kb)).await?;
    }
    Ok(())
}

async fn proposal_card(
    ctx: &Ctx,
    lang: Lang,
    p: &requests::Proposal,
    r: &Request,
    group: bool,
) -> Result<(String, InlineKeyboardMarkup), HandlerError> {
    let mentee = users::by_id(&ctx.pool, r.mentee_id).await?;
    let category = match profiles::mentee(&ctx.pool, r.mentee_id).await? {
        Some(m) => tr!(lang, &m.category.key()),
        None => "—".into(),
    };
    let text = tr!(
        lang,
        if group {
            "rq-proposal-group"
        } else {
            "rq-proposal"
        },
        name = mentee
            .as_ref()
            .and_then(|u| u.full_name.clone())
            .unwrap_or_default(),
        org = org_name(&ctx.pool, r.org_id).await,
        category = category,
        areas = area_names(lang, &r.areas),
        description = r.description.clone(),
        form = form_name(lang, r.form)
    );
    let kb = markup(vec![vec![
        Button::new(tr!(lang, "btn-accept"), RequestAction::Accept(p.id)),
        Button::new(tr!(lang, "btn-decline"), RequestAction::Decline(p.id, None)),
    ]]);
    Ok((text, kb))
}

/// The curator typed a reason for rejecting a request.
pub async fn reject_with_reason(
    bot: &Bot,
    ctx: &Ctx,
    actor: &Actor,
    request_id: i64,
    reason: &str,
) -> HandlerResult {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let Some(r) = requests::get(&ctx.pool, request_id).await? else {
        return Ok(());
    };
    if !curates(actor, r.org_id) {
        bot.send_message(ChatId(actor.tg), tr!(lang, "not-allowed"))
            .await?;
        return Ok(());
    }
    match requests::close(
        &ctx.pool,
        r.id,
        RequestEvent::CuratorRejects,
        me.id,
        Some(reason),
        ctx.now(),
    )
    .await
    {
        Ok(withdrawn) => {
            bot.send_message(
                ChatId(actor.tg),
                tr!(lang, "rq-rejected-curator", id = r.id),
            )
            .await?;
            let el = ctx.notifier.lang_of(r.mentee_id).await;
            ctx.notifier
                .tell(
                    r.mentee_id,
                    tr!(el, "rq-rejected-mentee", reason = reason.to_string()),
                    None,
                )
                .await;
            if let Some(p) = withdrawn {
                let ml = ctx.notifier.lang_of(p.mentor_id).await;
                ctx.notifier
                    .tell(p.mentor_id, tr!(ml, "rq-mentor-proposal-withdrawn"), None)
                    .await;
            }
        }
        Err(RequestError::Illegal(_)) | Err(RequestError::NotFound) => {
            bot.send_message(ChatId(actor.tg), tr!(lang, "rq-already-done"))
                .await?;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

// ------------------------------------------------------------------ a second mentor

/// «Добавить второго наставника» on the curator's card of a pair with one mentee.
pub fn second_mentor_button(lang: Lang, pair_id: i64) -> Button {
    Button::new(tr!(lang, "btn-sm-add"), PairAction::SecondMentor(pair_id))
}

/// The curator looks for a second mentor for the pair's mentee (002 §5.2): a new request with
/// the mentee's areas and the pair's form, its mentor excluded, shown as the request's card
/// (the usual proposal, the mentor's consent and the mentee's confirmation follow; the first
/// pair goes on).
pub async fn second_mentor(
    cb: &Callback<'_>,
    pair: &pairs::Pair,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let pool = &cb.ctx.pool;
    let Some(me) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    let Some(&mentee) = pair.mentees.first() else {
        return Ok(Answered::Stale);
    };
    let areas = profiles::mentee(pool, mentee)
        .await?
        .map(|m| m.areas)
        .unwrap_or_default();
    let new = NewRequest {
        mentee_id: mentee,
        org_id: pair.org_id,
        kind: "new",
        areas,
        description: tr!(lang, "sm-description", pair = pair.id),
        form: pair.forms.first().copied(),
        wished_mentor_id: None,
        excluded: vec![pair.mentor_id],
        previous_pair_id: None,
    };
    let mut tx = crate::db::write(pool).await?;
    let id = match requests::create_in(&mut tx, &new, Some(me.id), cb.ctx.now()).await {
        Ok(id) => id,
        Err(RequestError::AlreadyOpen) => {
            return Ok(cb.answer(Some(tr!(lang, "sm-already-open"))).await?);
        }
        Err(e) => return Err(e.into()),
    };
    tx.commit().await?;
    let r = requests::get(pool, id).await?.ok_or("request vanished")?;
    let (text, kb) = curator_card(cb.ctx, lang, &r).await?;
    ui::send(cb.bot, cb.chat(), text, Some(kb)).await?;
    let l = cb.ctx.notifier.lang_of(mentee).await;
    cb.ctx
        .notifier
        .tell(
            mentee,
            tr!(l, "sm-told-mentee", mentor = pair.mentor_name.clone()),
            None,
        )
        .await;
    Ok(cb.answer(None).await?)
}
