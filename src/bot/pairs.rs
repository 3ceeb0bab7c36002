//! The pair's card (`/pair`, the curator's `/pairs`), ending and extending a program, the
//! head's order, history, the mentee's petition for replacement (`/replace`) and the
//! mentor's resignation (`/resign`).

use super::action::pairs::{PairAction, PetitionAction, ResignationAction};
use super::actor::Actor;
use super::audience::{
    ask_other_side, curates, fixes_orders, name_of, org_name, tell_curators, tell_heads,
    tell_participants,
};
use super::authz::Scope;
use super::everyday;
use super::format::{date, gender};
use super::reply::{markup, Button};
use super::requests::notify_curators;
use super::state::{PairReason, State};
use super::ui::{self, Answered, Callback};
use super::{Ctx, Dlg, HandlerError, HandlerResult};
use crate::domain::order;
use crate::domain::pair::{self as rules, ChangeStatus, Decision, EndReason, PairStatus};
use crate::domain::Role;
use crate::i18n::Lang;
use crate::repo::pairs::{self, Pair};
use crate::repo::requests::{self, RequestError};
use crate::repo::{history, orders};
use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;

/// How the actor relates to a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Mentor,
    Mentee,
    Curator,
    /// The head of the pair's organization: sees the card, records the order.
    Head,
}

/// The side is taken from the roles held now, not from the pair alone: a person whose mentor
/// or mentee role was revoked no longer acts for the pair.
pub fn side(actor: &Actor, pair: &Pair) -> Option<Side> {
    if actor.is_mentor_of(pair.mentor_id) {
        Some(Side::Mentor)
    } else if actor.is_mentee_in(&pair.mentees) {
        Some(Side::Mentee)
    } else if curates(actor, pair.org_id) {
        Some(Side::Curator)
    } else if super::audience::heads(actor, pair.org_id) {
        Some(Side::Head)
    } else {
        None
    }
}

/// The organizations whose pairs the actor oversees: as curator or as head.
pub fn staff_orgs(actor: &Actor) -> Vec<i64> {
    let mut orgs: Vec<i64> = actor
        .orgs_for(Role::Curator)
        .into_iter()
        .chain(actor.orgs_for(Role::Head))
        .collect();
    orgs.sort();
    orgs.dedup();
    orgs
}

pub async fn card(
    ctx: &Ctx,
    lang: Lang,
    pair: &Pair,
    side: Side,
) -> Result<(String, InlineKeyboardMarkup), HandlerError> {
    let mentees = pair.mentee_names_joined();
    let order = match (&pair.order_no, pair.order_date) {
        (Some(no), Some(d)) => tr!(lang, "pair-order", number = no.clone(), date = date(d)),
        _ => tr!(lang, "pair-no-order"),
    };
    let status = match pair.end_reason {
        Some(r) => tr!(lang, &r.key()),
        None => tr!(lang, "pair-active"),
    };
    let forms: Vec<String> = pair.forms.iter().map(|f| tr!(lang, &f.key())).collect();
    let text = tr!(
        lang,
        if pair.is_group() {
            "pair-card-group"
        } else {
            "pair-card"
        },
        id = pair.id,
        mentor = pair.mentor_name.clone(),
        mentees = mentees,
        org = org_name(&ctx.pool, pair.org_id).await,
        forms = forms.join(", "),
        start = date(pair.start_date),
        end = date(pair.planned_end),
        order = order,
        status = status
    );
    let mut text = text;
    if pair.status == PairStatus::Active {
        if let Some(next) = super::meetings::next_line(ctx, lang, pair).await? {
            text = format!("{text}\n{next}");
        }
    }
    if side == Side::Mentor && pair.status == PairStatus::Active {
        if let Some(open) =
            super::everyday::open_questions(ctx, lang, pair.mentor_id, pair.id).await?
        {
            text = format!("{text}\n\n{open}");
        }
    }
    let mut rows: Vec<Vec<Button>> = Vec::new();
    if pair.status == PairStatus::Active {
        match side {
            Side::Mentor | Side::Mentee => {
                rows.push(vec![
                    Button::new(tr!(lang, "btn-pair-extend"), PairAction::Extend(pair.id)),
                    Button::new(tr!(lang, "btn-pair-end"), PairAction::End(pair.id)),
                ]);
                if !rules::is_flash(&pair.forms) {
                    rows.push(vec![super::programme::length_button(lang, pair.id)]);
                }
            }
            Side::Curator => {
                rows.push(vec![
                    Button::new(tr!(lang, "btn-pair-order"), PairAction::Order(pair.id)),
                    Button::new(tr!(lang, "btn-pair-end"), PairAction::CuratorEnd(pair.id)),
                ]);
                if !pair.is_group() {
                    rows.push(vec![super::requests::second_mentor_button(lang, pair.id)]);
                }
            }
            Side::Head => rows.push(vec![Button::new(
                tr!(lang, "btn-pair-order"),
                PairAction::Order(pair.id),
            )]),
        }
    }
    if matches!(side, Side::Curator | Side::Head) {
        rows.push(vec![Button::new(
            tr!(lang, "btn-pair-history"),
            PairAction::History(pair.id),
        )]);
    }
    Ok((text, markup(rows)))
}

/// `/pair` for mentors and mentees, `/pairs` for curators. A mentor also sees the proposals
/// still waiting for their answer.
pub async fn command(bot: &Bot, ctx: &Ctx, actor: &Actor, curator_view: bool) -> HandlerResult {
    show_pairs(bot, ctx, actor, curator_view).await?;
    if !curator_view {
        super::requests::show_pending_proposals(bot, ctx, actor).await?;
    }
    Ok(())
}

async fn show_pairs(bot: &Bot, ctx: &Ctx, actor: &Actor, curator_view: bool) -> HandlerResult {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let chat = ChatId(actor.tg);
    let list: Vec<Pair> = if curator_view {
        let mut all = Vec::new();
        for org in staff_orgs(actor) {
            all.extend(pairs::of_org(&ctx.pool, org, true).await?);
        }
        all
    } else {
        pairs::active_for(&ctx.pool, me.id).await?
    };
    if list.is_empty() {
        let key = match (curator_view, actor.as_mentor().is_some()) {
            (true, _) => "pairs-none-org",
            (false, true) => "pairs-none-mentor",
            (false, false) => "pairs-none",
        };
        bot.send_message(chat, tr!(lang, key)).await?;
        return Ok(());
    }
    if list.len() == 1 {
        let s = side(actor, &list[0]).ok_or("not a participant")?;
        let (text, kb) = card(ctx, lang, &list[0], s).await?;
        ui::send(bot, chat, text, Some(kb)).await?;
        return Ok(());
    }
    let mut rows = Vec::new();
    for p in &list {
        let mentees = p.mentee_names_joined();
        let label = format!("№{} · {} → {}", p.id, p.mentor_name, mentees);
        rows.push(vec![Button::new(label, PairAction::Open(p.id))]);
    }
    ui::send(
        bot,
        chat,
        tr!(lang, "pairs-choose", count = list.len() as i64),
        Some(markup(rows)),
    )
    .await?;
    Ok(())
}

const END_REASONS_PARTY: [EndReason; 3] = [
    EndReason::PlanCompleted,
    EndReason::MutualInitiative,
    EndReason::MenteeInitiative,
];
const END_REASONS_CURATOR: [EndReason; 4] = [
    EndReason::PlanCompleted,
    EndReason::MutualInitiative,
    EndReason::CuratorImproper,
    EndReason::MentorInitiative,
];

/// A pair's buttons, already authorized for the pair (or its change or order).
pub async fn on_action(cb: &Callback<'_>, action: PairAction) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let pool = &cb.ctx.pool;
    let now = cb.ctx.now();
    let Some(me) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    let pair_id = match action {
        PairAction::Decide { change, confirm } => return decide_change(cb, change, confirm).await,
        PairAction::Mutual { change, agree } => return decide_mutual(cb, change, agree).await,
        PairAction::OrderRest(order) => return apply_order_to_rest(cb, order).await,
        PairAction::Open(p)
        | PairAction::History(p)
        | PairAction::Order(p)
        | PairAction::End(p)
        | PairAction::EndWith(p, _)
        | PairAction::CuratorEnd(p)
        | PairAction::CuratorEndWith(p, _)
        | PairAction::Extend(p)
        | PairAction::ExtendBy(p, _)
        | PairAction::SecondMentor(p) => p,
    };
    let Some(pair) = pairs::get(pool, pair_id).await? else {
        return Ok(Answered::Stale);
    };
    let Some(side) = side(cb.actor, &pair) else {
        return Ok(Answered::Stale);
    };
    let active = pair.status == PairStatus::Active;
    match action {
        PairAction::Open(_) => {
            let (text, kb) = card(cb.ctx, lang, &pair, side).await?;
            cb.edit(text, Some(kb)).await?;
            Ok(cb.answer(None).await?)
        }
        PairAction::History(_) => {
            let mut text = tr!(lang, "pair-history-header", id = pair.id);
            for e in history::of(pool, "pair", pair.id).await? {
                let who = match e.actor_id {
                    Some(a) => name_of(pool, a).await,
                    None => tr!(lang, "history-system"),
                };
                text.push_str(&format!(
                    "\n{} · {} · {}",
                    e.at.format("%d.%m.%Y %H:%M"),
                    who,
                    everyday::history_step(
                        lang,
                        e.from_status.as_deref(),
                        &e.to_status,
                        e.reason.as_deref()
                    )
                ));
            }
            // the plan's changes: moved deadlines, new titles, cancelled items
            for line in super::plan_edit::history_lines(cb.ctx, lang, pair.id, true).await? {
                text.push_str(&format!("\n{line}"));
            }
            ui::send(cb.bot, cb.chat(), text, None).await?;
            Ok(cb.answer(None).await?)
        }
        PairAction::Order(_) if active => {
            cb.dialogue
                .update(State::reason(PairReason::Order, pair.id))
                .await?;
            ui::send(cb.bot, cb.chat(), tr!(lang, "pair-ask-order"), None).await?;
            Ok(cb.answer(None).await?)
        }
        PairAction::End(_) if active => {
            let rows = END_REASONS_PARTY
                .iter()
                .map(|r| {
                    let r = if *r == EndReason::MenteeInitiative && side == Side::Mentor {
                        EndReason::MentorInitiative
                    } else {
                        *r
                    };
                    vec![Button::new(
                        tr!(lang, &format!("{}-short", r.key())),
                        PairAction::EndWith(pair.id, r),
                    )]
                })
                .collect();
            cb.edit(tr!(lang, "pair-ask-end-reason"), Some(markup(rows)))
                .await?;
            Ok(cb.answer(None).await?)
        }
        PairAction::EndWith(_, reason) if active => {
            let allowed = match side {
                Side::Mentor => [
                    EndReason::PlanCompleted,
                    EndReason::MutualInitiative,
                    EndReason::MentorInitiative,
                ]
                .contains(&reason),
                _ => [
                    EndReason::PlanCompleted,
                    EndReason::MutualInitiative,
                    EndReason::MenteeInitiative,
                ]
                .contains(&reason),
            };
            if !allowed {
                return Ok(Answered::Stale);
            }
            pairs::expire_unagreed(
                pool,
                pair.id,
                now - chrono::Duration::days(crate::domain::everyday::MUTUAL_ANSWER_DAYS),
                now,
            )
            .await?;
            match pairs::request_change(pool, pair.id, "end", me.id, Some(reason.code()), None, now)
                .await
            {
                Ok(ch) if reason == EndReason::MutualInitiative => {
                    // mutual consent: the other side taps first, then the curator decides
                    let by = date(
                        cb.ctx.today(pair.org_id).await
                            + chrono::Duration::days(crate::domain::everyday::MUTUAL_ANSWER_DAYS),
                    );
                    cb.edit(tr!(lang, "pair-mutual-asked", by = by.clone()), None)
                        .await?;
                    let who = me.display_name();
                    let others: Vec<i64> = if side == Side::Mentor {
                        pair.mentees.clone()
                    } else {
                        vec![pair.mentor_id]
                    };
                    for o in others {
                        let l = cb.ctx.notifier.lang_of(o).await;
                        let kb = markup(vec![vec![
                            Button::new(
                                tr!(l, "btn-mutual-agree"),
                                PairAction::Mutual {
                                    change: ch,
                                    agree: true,
                                },
                            ),
                            Button::new(
                                tr!(l, "btn-mutual-refuse"),
                                PairAction::Mutual {
                                    change: ch,
                                    agree: false,
                                },
                            ),
                        ]]);
                        cb.ctx
                            .notifier
                            .tell(
                                o,
                                tr!(
                                    l,
                                    "pair-mutual-ask-other",
                                    name = who.clone(),
                                    by = by.clone()
                                ),
                                Some(kb),
                            )
                            .await;
                    }
                }
                Ok(ch) => {
                    cb.edit(tr!(lang, "pair-end-requested"), None).await?;
                    let who = me.display_name();
                    let pid = pair.id;
                    let kb = |l: Lang| {
                        Some(markup(vec![vec![
                            Button::new(
                                tr!(l, "btn-confirm"),
                                PairAction::Decide {
                                    change: ch,
                                    confirm: true,
                                },
                            ),
                            Button::new(
                                tr!(l, "btn-reject"),
                                PairAction::Decide {
                                    change: ch,
                                    confirm: false,
                                },
                            ),
                        ]]))
                    };
                    tell_curators(
                        cb.ctx,
                        pair.org_id,
                        |l| {
                            tr!(
                                l,
                                "pair-curator-end-request",
                                pair = pid,
                                name = who.clone(),
                                reason = tr!(l, &reason.key())
                            )
                        },
                        kb,
                    )
                    .await;
                }
                Err(RequestError::AlreadyOpen) => {
                    cb.edit(tr!(lang, "pair-change-pending"), None).await?;
                }
                Err(e) => return Err(e.into()),
            }
            Ok(cb.answer(None).await?)
        }
        PairAction::CuratorEnd(_) if active => {
            let rows = END_REASONS_CURATOR
                .iter()
                .map(|r| {
                    vec![Button::new(
                        tr!(lang, &r.key()),
                        PairAction::CuratorEndWith(pair.id, *r),
                    )]
                })
                .collect();
            cb.edit(tr!(lang, "pair-ask-end-reason"), Some(markup(rows)))
                .await?;
            Ok(cb.answer(None).await?)
        }
        PairAction::CuratorEndWith(_, reason) if active => {
            if !END_REASONS_CURATOR.contains(&reason) {
                return Ok(Answered::Stale);
            }
            let mut tx = crate::db::write(&pool).await?;
            match pairs::end_in(&mut tx, pair.id, reason, Some(me.id), None, now).await {
                Ok(_) => tx.commit().await?,
                Err(RequestError::NotFound) => return Ok(Answered::Stale),
                Err(e) => return Err(e.into()),
            }
            cb.edit(
                tr!(
                    lang,
                    "pair-ended",
                    id = pair.id,
                    reason = tr!(lang, &reason.key())
                ),
                None,
            )
            .await?;
            tell_participants(cb.ctx, &pair, |l| {
                tr!(l, "pair-ended-party", reason = tr!(l, &reason.key()))
            })
            .await;
            super::monitoring::on_pair_ended(cb.ctx, pair.id, None).await;
            Ok(cb.answer(None).await?)
        }
        PairAction::Extend(_) if active => {
            let rows = vec![[1u32, 2, 3]
                .iter()
                .map(|m| {
                    Button::new(
                        tr!(lang, "btn-extend-months", months = *m),
                        PairAction::ExtendBy(pair.id, *m),
                    )
                })
                .collect()];
            cb.edit(
                tr!(lang, "pair-ask-extension", end = date(pair.planned_end)),
                Some(markup(rows)),
            )
            .await?;
            Ok(cb.answer(None).await?)
        }
        PairAction::ExtendBy(_, months) if active => {
            let new_end = rules::planned_end(pair.planned_end, months as u32);
            if rules::check_extension(pair.planned_end, new_end).is_err() {
                return Ok(Answered::Stale);
            }
            match pairs::request_change(pool, pair.id, "extend", me.id, None, Some(new_end), now)
                .await
            {
                Ok(ch) => {
                    cb.edit(
                        tr!(lang, "pair-extension-requested", end = date(new_end)),
                        None,
                    )
                    .await?;
                    let who = me.display_name();
                    ask_other_side(cb.ctx, &pair, side == Side::Mentor, ch, |l| {
                        tr!(
                            l,
                            "pair-extension-ask-other",
                            name = who.clone(),
                            end = date(new_end)
                        )
                    })
                    .await;
                }
                Err(RequestError::AlreadyOpen) => {
                    cb.edit(tr!(lang, "pair-change-pending"), None).await?
                }
                Err(e) => return Err(e.into()),
            }
            Ok(cb.answer(None).await?)
        }
        PairAction::SecondMentor(_) if active && !pair.is_group() => {
            super::requests::second_mentor(cb, &pair).await
        }
        PairAction::Order(_)
        | PairAction::SecondMentor(_)
        | PairAction::End(_)
        | PairAction::EndWith(..)
        | PairAction::CuratorEnd(_)
        | PairAction::CuratorEndWith(..)
        | PairAction::Extend(_)
        | PairAction::ExtendBy(..)
        // a change's or an order's buttons: answered above, before any pair is loaded
        | PairAction::Decide { .. }
        | PairAction::Mutual { .. }
        | PairAction::OrderRest(_) => Ok(Answered::Stale),
    }
}

/// Confirming or rejecting a pending end (the curator) or extension (the other side).
async fn decide_change(
    cb: &Callback<'_>,
    change_id: i64,
    confirm: bool,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let pool = &cb.ctx.pool;
    let Some(me) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    let Some(ch) = pairs::change(pool, change_id)
        .await?
        .filter(|c| c.status() == ChangeStatus::Pending)
    else {
        return Ok(Answered::Stale);
    };
    let Some(pair) = pairs::get(pool, ch.pair_id).await? else {
        return Ok(Answered::Stale);
    };
    let allowed = match ch.kind.as_str() {
        "end" => curates(cb.actor, pair.org_id),
        _ => {
            let requester_is_mentor = ch.requested_by == pair.mentor_id;
            if requester_is_mentor {
                cb.actor.is_mentee_in(&pair.mentees)
            } else {
                cb.actor.is_mentor_of(pair.mentor_id)
            }
        }
    };
    if !allowed {
        return Ok(Answered::Stale);
    }
    let reason = ch.reason_code.as_deref().and_then(EndReason::from_code);
    if ch.kind == "end" && reason == Some(EndReason::MutualInitiative) && ch.agreed_at.is_none() {
        // the other side has not agreed yet: nothing for the curator to decide
        return Ok(Answered::Stale);
    }
    match pairs::decide_change(pool, ch.id, confirm, me.id, reason, cb.ctx.now()).await {
        Ok(_) => {}
        Err(RequestError::NotFound) => return Ok(Answered::Stale),
        Err(e) => return Err(e.into()),
    }
    let key = match (ch.kind.as_str(), confirm) {
        ("end", true) => "pair-end-confirmed",
        ("end", false) => "pair-end-rejected",
        ("length", true) => "ln-confirmed",
        ("length", false) => "ln-rejected",
        (_, true) => "pair-extension-confirmed",
        (_, false) => "pair-extension-rejected",
    };
    let end = ch.new_end.map(date).unwrap_or_default();
    cb.edit(tr!(lang, key, end = end.clone()), None).await?;
    tell_participants(cb.ctx, &pair, |l| tr!(l, key, end = end.clone())).await;
    if ch.kind == "end" && confirm {
        super::monitoring::on_pair_ended(cb.ctx, pair.id, None).await;
    }
    if ch.kind != "end" && confirm {
        let pid = pair.id;
        let e2 = end.clone();
        let told = if ch.kind == "length" {
            "ln-curator-changed"
        } else {
            "pair-curator-extended"
        };
        tell_curators(
            cb.ctx,
            pair.org_id,
            |l| tr!(l, told, pair = pid, end = e2.clone()),
            |_| None,
        )
        .await;
    }
    Ok(cb.answer(None).await?)
}

/// The other side's answer to ending the pair by mutual consent: agreed → the curators
/// decide as for any end; refused or too late → the request is withdrawn, the asker is told.
async fn decide_mutual(
    cb: &Callback<'_>,
    change_id: i64,
    agree: bool,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let pool = &cb.ctx.pool;
    let now = cb.ctx.now();
    let Some(me) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    let Some(ch) = pairs::change(pool, change_id).await?.filter(|c| {
        c.status() == ChangeStatus::Pending && c.kind == "end" && c.agreed_at.is_none()
    }) else {
        return Ok(Answered::Stale);
    };
    let Some(pair) = pairs::get(pool, ch.pair_id)
        .await?
        .filter(|p| p.status == PairStatus::Active)
    else {
        return Ok(Answered::Stale);
    };
    let other_side = if ch.requested_by == pair.mentor_id {
        cb.actor.is_mentee_in(&pair.mentees)
    } else {
        cb.actor.is_mentor_of(pair.mentor_id)
    };
    if !other_side || ch.reason_code.as_deref() != Some(EndReason::MutualInitiative.code()) {
        return Ok(Answered::Stale);
    }
    let late = now > crate::domain::everyday::mutual_deadline(ch.created_at);
    if late || !agree {
        match pairs::decide_change(pool, ch.id, false, me.id, None, now).await {
            Ok(_) => {}
            Err(RequestError::NotFound) => return Ok(Answered::Stale),
            Err(e) => return Err(e.into()),
        }
        cb.edit(
            tr!(
                lang,
                if late {
                    "pair-mutual-late"
                } else {
                    "pair-mutual-refused-you"
                }
            ),
            None,
        )
        .await?;
        if !late {
            let l = cb.ctx.notifier.lang_of(ch.requested_by).await;
            cb.ctx
                .notifier
                .tell(
                    ch.requested_by,
                    tr!(l, "pair-mutual-refused", pair = pair.id),
                    None,
                )
                .await;
        }
        return Ok(cb.answer(None).await?);
    }
    match pairs::agree_change(pool, ch.id, me.id, now).await {
        Ok(_) => {}
        Err(RequestError::NotFound) => return Ok(Answered::Stale),
        Err(e) => return Err(e.into()),
    }
    cb.edit(tr!(lang, "pair-mutual-agreed-you"), None).await?;
    let l = cb.ctx.notifier.lang_of(ch.requested_by).await;
    cb.ctx
        .notifier
        .tell(
            ch.requested_by,
            tr!(l, "pair-mutual-agreed", pair = pair.id),
            None,
        )
        .await;
    let asker = name_of(pool, ch.requested_by).await;
    let (pid, cid) = (pair.id, ch.id);
    let kb = |l: Lang| {
        Some(markup(vec![vec![
            Button::new(
                tr!(l, "btn-confirm"),
                PairAction::Decide {
                    change: cid,
                    confirm: true,
                },
            ),
            Button::new(
                tr!(l, "btn-reject"),
                PairAction::Decide {
                    change: cid,
                    confirm: false,
                },
            ),
        ]]))
    };
    tell_curators(
        cb.ctx,
        pair.org_id,
        |l| {
            tr!(
                l,
                "pair-curator-mutual-request",
                pair = pid,
                name = asker.clone(),
                other = me.display_name()
            )
        },
        kb,
    )
    .await;
    Ok(cb.answer(None).await?)
}

/// «Внести этот приказ и для остальных пар без приказа»: the order just recorded fixes every
/// other active pair of its organization still awaiting one (those that started by its date).
async fn apply_order_to_rest(cb: &Callback<'_>, order_id: i64) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let pool = &cb.ctx.pool;
    let Some(me) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    let Some(order) = orders::get(pool, order_id).await? else {
        return Ok(Answered::Stale);
    };
    let Some(org) = order.org_id.filter(|o| fixes_orders(cb.actor, Some(*o))) else {
        return Ok(Answered::Stale);
    };
    let rest: Vec<i64> = pairs::awaiting_order(pool, org)
        .await?
        .iter()
        .filter(|p| p.start_date <= order.order_date)
        .map(|p| p.id)
        .collect();
    let (_, fixed) = orders::record(
        pool,
        org,
        &rest,
        &order.number,
        order.order_date,
        me.id,
        cb.ctx.now(),
    )
    .await?;
    let list = rest
        .iter()
        .map(|id| format!("№{id}"))
        .collect::<Vec<_>>()
        .join(", ");
    cb.edit(
        tr!(
            lang,
            "order-applied",
            count = fixed as i64,
            number = order.number.clone(),
            date = date(order.order_date),
            pairs = list
        ),
        None,
    )
    .await?;
    Ok(cb.answer(None).await?)
}

/// Texts typed about a pair: a petition, a resignation, a rejection of either, the head's order.
pub async fn on_typed(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    purpose: PairReason,
    id: i64,
) -> HandlerResult {
    let lang = actor.lang;
    let Some(text) = ui::typed_reason(bot, msg, lang).await? else {
        return Ok(());
    };
    let me = actor.registered_user().ok_or("not registered")?;
    let now = ctx.now();
    match purpose {
        PairReason::Order => {
            let Some(pair) = pairs::get(&ctx.pool, id)
                .await?
                .filter(|p| p.status == PairStatus::Active)
            else {
                dialogue.exit().await?;
                bot.send_message(msg.chat.id, tr!(lang, "stale-button"))
                    .await?;
                return Ok(());
            };
            let Some(org) = pair.org_id.filter(|o| fixes_orders(actor, Some(*o))) else {
                dialogue.exit().await?;
                bot.send_message(msg.chat.id, tr!(lang, "not-allowed"))
                    .await?;
                return Ok(());
            };
            let today = ctx.today(Some(org)).await;
            let found = match order::read(text, today, pair.start_date) {
                Ok(o) => o,
                Err(e) => {
                    // the state stays: the next message is another try (or /cancel)
                    bot.send_message(
                        msg.chat.id,
                        tr!(
                            lang,
                            e.key(),
                            start = date(pair.start_date),
                            today = date(today)
                        ),
                    )
                    .await?;
                    return Ok(());
                }
            };
            dialogue.exit().await?;
            let (order_id, _) = orders::record(
                &ctx.pool,
                org,
                &[pair.id],
                &found.number,
                found.date,
                me.id,
                now,
            )
            .await?;
            let rest = pairs::awaiting_order(&ctx.pool, org)
                .await?
                .into_iter()
                .filter(|p| p.start_date <= found.date)
                .count();
            let kb = (rest > 0).then(|| {
                markup(vec![vec![Button::new(
                    tr!(lang, "btn-order-apply-rest", count = rest as i64),
                    PairAction::OrderRest(order_id),
                )]])
            });
            ui::send(
                bot,
                msg.chat.id,
                tr!(
                    lang,
                    "pair-order-saved",
                    number = found.number,
                    date = date(found.date)
                ),
                kb,
            )
            .await?;
        }
        PairReason::PetitionText { pair_id, ref code } => {
            dialogue.exit().await?;
            file_petition(bot, ctx, actor, pair_id, code, text).await?;
        }
        PairReason::RejectPetition => {
            dialogue.exit().await?;
            decide_petition(bot, ctx, actor, id, false, Some(text)).await?;
        }
        PairReason::Resign => {
            dialogue.exit().await?;
            file_resignation(bot, ctx, actor, text).await?;
        }
        PairReason::RejectResignation => {
            dialogue.exit().await?;
            decide_resignation(bot, ctx, actor, id, false, Some(text)).await?;
        }
    }
    Ok(())
}

// ------------------------------------------------------------------ petitions: /replace

pub use super::action::pairs::PETITION_REASONS;

pub async fn replace_command(bot: &Bot, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let mine: Vec<Pair> = pairs::active_for(&ctx.pool, me.id)
        .await?
        .into_iter()
        .filter(|p| p.mentees.contains(&me.id))
        .collect();
    if mine.is_empty() {
        bot.send_message(ChatId(actor.tg), tr!(lang, "pt-no-pair"))
            .await?;
        return Ok(());
    }
    // with several mentors (002 §5.2), one question per mentor: the petition names its pair
    for pair in &mine {
        let rows = PETITION_REASONS
            .iter()
            .map(|c| {
                vec![Button::new(
                    tr!(lang, &format!("pt-reason-{c}")),
                    PetitionAction::Reason(pair.id, c),
                )]
            })
            .collect();
        ui::send(
            bot,
            ChatId(actor.tg),
            tr!(lang, "pt-ask-reason", mentor = pair.mentor_name.clone()),
            Some(markup(rows)),
        )
        .await?;
    }
    Ok(())
}

async fn file_petition(
    bot: &Bot,
    ctx: &Ctx,
    actor: &Actor,
    pair_id: i64,
    code: &str,
    text: &str,
) -> HandlerResult {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    match pairs::file_petition(&ctx.pool, pair_id, me.id, code, text, ctx.now()).await {
        Ok(id) => {
            bot.send_message(ChatId(actor.tg), tr!(lang, "pt-filed"))
                .await?;
            let pair = pairs::get(&ctx.pool, pair_id)
                .await?
                .ok_or("pair vanished")?;
            let who = me.display_name();
            let mentor = pair.mentor_name.clone();
            let detail = text.to_string();
            let code = code.to_string();
            let kb = |l: Lang| {
                Some(markup(vec![vec![
                    Button::new(tr!(l, "btn-approve"), PetitionAction::Approve(id)),
                    Button::new(tr!(l, "btn-reject"), PetitionAction::Reject(id)),
                ]]))
            };
            // the mentor is deliberately not told; the head gets a copy (000 §5.2.1)
            let petition = |l: Lang| {
                tr!(
                    l,
                    "pt-curator",
                    name = who.clone(),
                    mentor = mentor.clone(),
                    reason = tr!(l, &format!("pt-reason-{code}")),
                    text = detail.clone()
                )
            };
            tell_curators(ctx, pair.org_id, &petition, kb).await;
            tell_heads(ctx, pair.org_id, |l| {
                tr!(l, "pt-head-copy", text = petition(l))
            })
            .await;
        }
        Err(RequestError::AlreadyOpen) => {
            bot.send_message(ChatId(actor.tg), tr!(lang, "pt-already"))
                .await?;
        }
        Err(RequestError::NotFound) => {
            bot.send_message(ChatId(actor.tg), tr!(lang, "pt-no-pair"))
                .await?;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

async fn decide_petition(
    bot: &Bot,
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    approve: bool,
    reason: Option<&str>,
) -> HandlerResult {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let Some(pet) = pairs::petition(&ctx.pool, id).await? else {
        return Ok(());
    };
    let Some(pair) = pairs::get(&ctx.pool, pet.pair_id).await? else {
        return Ok(());
    };
    if !curates(actor, pair.org_id) {
        bot.send_message(ChatId(actor.tg), tr!(lang, "not-allowed"))
            .await?;
        return Ok(());
    }
    match pairs::decide_petition(&ctx.pool, id, approve, me.id, reason, ctx.now()).await {
        Ok(new_request) => {
            bot.send_message(
                ChatId(actor.tg),
                tr!(
                    lang,
                    if approve {
                        "pt-approved-curator"
                    } else {
                        "pt-rejected-curator"
                    }
                ),
            )
            .await?;
            let el = ctx.notifier.lang_of(pet.mentee_id).await;
            let text = if approve {
                tr!(el, "pt-approved-mentee")
            } else {
                tr!(
                    el,
                    "pt-rejected-mentee",
                    reason = reason.unwrap_or("").to_string()
                )
            };
            ctx.notifier.tell(pet.mentee_id, text, None).await;
            if approve {
                let ml = ctx.notifier.lang_of(pair.mentor_id).await;
                let key = if pair.is_group() {
                    "pt-mentor-group-left"
                } else {
                    "pt-mentor-pair-closed"
                };
                ctx.notifier.tell(pair.mentor_id, tr!(ml, key), None).await;
                // the mentee leaves (a group goes on for the others; a pair ends): exit surveys
                let left = [pet.mentee_id];
                super::monitoring::on_pair_ended(
                    ctx,
                    pair.id,
                    pair.is_group().then_some(&left[..]),
                )
                .await;
            }
            if let Some(rid) = new_request {
                if let Some(r) = requests::get(&ctx.pool, rid).await? {
                    notify_curators(ctx, &r, "rq-curator-replacement").await;
                }
            }
            let (curator, mentee) = (me.display_name(), name_of(&ctx.pool, pet.mentee_id).await);
            let approved = if approve { "yes" } else { "no" };
            tell_heads(ctx, pair.org_id, |l| {
                tr!(
                    l,
                    "pt-head-decided",
                    curator = curator.clone(),
                    name = mentee.clone(),
                    approved = approved
                )
            })
            .await;
        }
        Err(RequestError::NotFound) => {
            bot.send_message(ChatId(actor.tg), tr!(lang, "rq-already-done"))
                .await?;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

/// The petition's buttons, already authorized (the mentee for their pair, the curator for
/// the petition's organization).
pub async fn on_petition_action(
    cb: &Callback<'_>,
    scope: &Scope,
    action: PetitionAction,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    match action {
        PetitionAction::Reason(pair_id, code) => {
            if scope
                .pair
                .as_ref()
                .is_none_or(|p| p.status != PairStatus::Active)
            {
                return Ok(Answered::Stale);
            }
            cb.dialogue
                .update(State::reason(
                    PairReason::PetitionText {
                        pair_id,
                        code: code.to_string(),
                    },
                    pair_id,
                ))
                .await?;
            cb.edit(tr!(lang, "pt-ask-text"), None).await?;
            Ok(cb.answer(None).await?)
        }
        PetitionAction::Open(id) => {
            let (Some(pet), Some(pair)) = (pending_petition(cb, id).await?, scope.pair.as_ref())
            else {
                return Ok(Answered::Stale);
            };
            let text = tr!(
                lang,
                "pt-curator",
                name = name_of(&cb.ctx.pool, pet.mentee_id).await,
                mentor = pair.mentor_name.clone(),
                reason = tr!(lang, &format!("pt-reason-{}", pet.reason_code)),
                text = pet.reason_text.clone()
            );
            let kb = markup(vec![
                vec![
                    Button::new(tr!(lang, "btn-approve"), PetitionAction::Approve(pet.id)),
                    Button::new(tr!(lang, "btn-reject"), PetitionAction::Reject(pet.id)),
                ],
                vec![Button::new(
                    tr!(lang, "btn-to-list"),
                    super::action::requests::RequestAction::List,
                )],
            ]);
            cb.edit(text, Some(kb)).await?;
            Ok(cb.answer(None).await?)
        }
        PetitionAction::Approve(id) => {
            // authorized before anything is shown: a forged press leaves the message as it was
            let Some(pet) = pending_petition(cb, id).await? else {
                return Ok(Answered::Stale);
            };
            cb.answer(None).await?;
            cb.edit(tr!(lang, "pt-deciding"), None).await?;
            decide_petition(cb.bot, cb.ctx, cb.actor, pet.id, true, None).await?;
            Ok(Answered::Done)
        }
        PetitionAction::Reject(id) => {
            let Some(pet) = pending_petition(cb, id).await? else {
                return Ok(Answered::Stale);
            };
            cb.dialogue
                .update(State::reason(PairReason::RejectPetition, pet.id))
                .await?;
            cb.clear_keyboard().await?;
            ui::send(cb.bot, cb.chat(), tr!(lang, "ask-reject-reason"), None).await?;
            Ok(cb.answer(None).await?)
        }
    }
}

async fn pending_petition(
    cb: &Callback<'_>,
    id: i64,
) -> Result<Option<pairs::Petition>, HandlerError> {
    Ok(pairs::petition(&cb.ctx.pool, id)
        .await?
        .filter(|p| p.status() == Decision::Pending))
}

// ------------------------------------------------------------------ resignations: /resign

pub async fn resign_command(bot: &Bot, dialogue: &Dlg, actor: &Actor) -> HandlerResult {
    dialogue
        .update(State::reason(PairReason::Resign, 0))
        .await?;
    bot.send_message(ChatId(actor.tg), tr!(actor.lang, "rs-ask-reason"))
        .await?;
    Ok(())
}

async fn file_resignation(bot: &Bot, ctx: &Ctx, actor: &Actor, reason: &str) -> HandlerResult {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let org = actor.orgs_for(Role::Mentor).first().copied().or(me.org_id);
    match pairs::file_resignation(&ctx.pool, me.id, org, reason, ctx.now()).await {
        Ok(id) => {
            bot.send_message(ChatId(actor.tg), tr!(lang, "rs-filed"))
                .await?;
            let who = me.display_name();
            let why = reason.to_string();
            let kb = |l: Lang| {
                Some(markup(vec![vec![
                    Button::new(tr!(l, "btn-approve"), ResignationAction::Approve(id)),
                    Button::new(tr!(l, "btn-reject"), ResignationAction::Reject(id)),
                ]]))
            };
            let statement = |l: Lang| {
                tr!(
                    l,
                    "rs-curator",
                    gender = gender(&who),
                    name = who.clone(),
                    reason = why.clone()
                )
            };
            tell_curators(ctx, org, &statement, kb).await;
            tell_heads(ctx, org, |l| tr!(l, "rs-head-copy", text = statement(l))).await;
        }
        Err(RequestError::AlreadyOpen) => {
            bot.send_message(ChatId(actor.tg), tr!(lang, "rs-already"))
                .await?;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

async fn decide_resignation(
    bot: &Bot,
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    approve: bool,
    reason: Option<&str>,
) -> HandlerResult {
    let lang = actor.lang;
    let me = actor.registered_user().ok_or("not registered")?;
    let Some(rs) = pairs::resignation(&ctx.pool, id).await? else {
        return Ok(());
    };
    if !curates(actor, rs.org_id) {
        bot.send_message(ChatId(actor.tg), tr!(lang, "not-allowed"))
            .await?;
        return Ok(());
    }
    match pairs::decide_resignation(&ctx.pool, id, approve, me.id, reason, ctx.now()).await {
        Ok(outcome) => {
            bot.send_message(
                ChatId(actor.tg),
                tr!(
                    lang,
                    if approve {
                        "rs-approved-curator"
                    } else {
                        "rs-rejected-curator"
                    }
                ),
            )
            .await?;
            let ml = ctx.notifier.lang_of(rs.mentor_id).await;
            let text = if approve {
                tr!(ml, "rs-approved-mentor")
            } else {
                tr!(
                    ml,
                    "rs-rejected-mentor",
                    reason = reason.unwrap_or("").to_string()
                )
            };
            ctx.notifier.tell(rs.mentor_id, text, None).await;
            let (curator, mentor) = (me.display_name(), name_of(&ctx.pool, rs.mentor_id).await);
            let approved = if approve { "yes" } else { "no" };
            tell_heads(ctx, rs.org_id, |l| {
                tr!(
                    l,
                    "rs-head-decided",
                    curator = curator.clone(),
                    name = mentor.clone(),
                    approved = approved
                )
            })
            .await;
            if let Some(outcome) = outcome {
                for pid in &outcome.ended_pairs {
                    super::monitoring::on_pair_ended(ctx, *pid, None).await;
                }
                for (mentee, rid) in outcome.rematched {
                    let el = ctx.notifier.lang_of(mentee).await;
                    ctx.notifier
                        .tell(mentee, tr!(el, "rs-mentee-informed"), None)
                        .await;
                    if let Some(r) = requests::get(&ctx.pool, rid).await? {
                        notify_curators(ctx, &r, "rq-curator-rematch").await;
                    }
                }
                for rid in outcome.withdrawn_requests {
                    if let Some(r) = requests::get(&ctx.pool, rid).await? {
                        notify_curators(ctx, &r, "rq-curator-rematch").await;
                    }
                }
            }
        }
        Err(RequestError::NotFound) => {
            bot.send_message(ChatId(actor.tg), tr!(lang, "rq-already-done"))
                .await?;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

/// The curator's buttons on a resignation, already authorized for its organization.
pub async fn on_resignation_action(
    cb: &Callback<'_>,
    action: ResignationAction,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let (ResignationAction::Open(id)
    | ResignationAction::Approve(id)
    | ResignationAction::Reject(id)) = action;
    let Some(rs) = pairs::resignation(&cb.ctx.pool, id)
        .await?
        .filter(|r| r.status() == Decision::Pending)
    else {
        return Ok(Answered::Stale);
    };
    match action {
        ResignationAction::Open(_) => {
            let who = name_of(&cb.ctx.pool, rs.mentor_id).await;
            let text = tr!(
                lang,
                "rs-curator",
                gender = gender(&who),
                name = who,
                reason = rs.reason.clone()
            );
            let kb = markup(vec![
                vec![
                    Button::new(tr!(lang, "btn-approve"), ResignationAction::Approve(rs.id)),
                    Button::new(tr!(lang, "btn-reject"), ResignationAction::Reject(rs.id)),
                ],
                vec![Button::new(
                    tr!(lang, "btn-to-list"),
                    super::action::requests::RequestAction::List,
                )],
            ]);
            cb.edit(text, Some(kb)).await?;
            Ok(cb.answer(None).await?)
        }
        ResignationAction::Approve(_) => {
            cb.answer(None).await?;
            cb.edit(tr!(lang, "pt-deciding"), None).await?;
            decide_resignation(cb.bot, cb.ctx, cb.actor, rs.id, true, None).await?;
            Ok(Answered::Done)
        }
        ResignationAction::Reject(_) => {
            cb.dialogue
                .update(State::reason(PairReason::RejectResignation, rs.id))
                .await?;
            cb.clear_keyboard().await?;
            ui::send(cb.bot, cb.chat(), tr!(lang, "ask-reject-reason"), None).await?;
            Ok(cb.answer(None).await?)
        }
    }
}

/// `/history`: the curator's view of recent state changes in their organizations.
pub async fn history_command(bot: &Bot, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let lang = actor.lang;
    let orgs = staff_orgs(actor);
    let mut text = tr!(lang, "history-header");
    let mut n = 0;
    for org in orgs {
        for p in pairs::of_org(&ctx.pool, org, false)
            .await?
            .into_iter()
            .take(20)
        {
            for e in history::of(&ctx.pool, "pair", p.id).await? {
                n += 1;
                text.push_str(&format!(
                    "\n{} · №{} · {}",
                    e.at.format("%d.%m.%Y"),
                    p.id,
                    everyday::history_step(
                        lang,
                        e.from_status.as_deref(),
                        &e.to_status,
                        e.reason.as_deref()
                    )
                ));
            }
            for line in super::plan_edit::history_lines(ctx, lang, p.id, false).await? {
                n += 1;
                text.push_str(&format!("\n№{} · {line}", p.id));
            }
        }
    }
    if n == 0 {
        text = tr!(lang, "history-empty");
    }
    ui::send(bot, ChatId(actor.tg), text, None).await?;
    Ok(())
}
