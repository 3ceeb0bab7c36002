//! Who is who for a message: people's and organizations' names, whether the actor curates or
//! heads an organization, and telling every curator or head of one (through the outbox); the
//! pairs a person reads and the people a mentor works with ("с кем?").

use super::action::pairs::PairAction;
use super::actor::Actor;
use super::reply::{markup, Button};
use super::{Ctx, HandlerError};
use crate::domain::Role;
use crate::i18n::Lang;
use crate::repo::pairs::{self, Pair};
use crate::repo::{orgs, users, Pool};
use teloxide::types::InlineKeyboardMarkup;

/// A person's full name («—» when unknown).
pub async fn name_of(pool: &Pool, user_id: i64) -> String {
    users::by_id(pool, user_id)
        .await
        .ok()
        .flatten()
        .and_then(|u| u.full_name)
        .unwrap_or_else(|| pairs::NO_NAME.into())
}

pub async fn org_name(pool: &Pool, org_id: Option<i64>) -> String {
    match org_id {
        Some(id) => orgs::get(pool, id)
            .await
            .ok()
            .flatten()
            .map(|o| o.name)
            .unwrap_or_default(),
        None => String::new(),
    }
}

/// Is the actor a curator of this organization?
pub fn curates(actor: &Actor, org_id: Option<i64>) -> bool {
    actor.is_registered() && org_id.is_some_and(|o| actor.orgs_for(Role::Curator).contains(&o))
}

/// Is the actor the head (руководитель) of this organization?
pub fn heads(actor: &Actor, org_id: Option<i64>) -> bool {
    actor.is_registered() && org_id.is_some_and(|o| actor.orgs_for(Role::Head).contains(&o))
}

/// May the actor record the head's order for the organization's pairs: its curator or head.
pub fn fixes_orders(actor: &Actor, org_id: Option<i64>) -> bool {
    curates(actor, org_id) || heads(actor, org_id)
}

/// Says something to every curator of an organization, text and buttons in their language.
pub async fn tell_curators(
    ctx: &Ctx,
    org: Option<i64>,
    text: impl Fn(Lang) -> String,
    kb: impl Fn(Lang) -> Option<InlineKeyboardMarkup>,
) {
    tell_role(ctx, Role::Curator, org, text, kb).await;
}

/// Tells the heads of an organization (copies of what the regulations address to them).
pub async fn tell_heads(ctx: &Ctx, org: Option<i64>, text: impl Fn(Lang) -> String) {
    tell_role(ctx, Role::Head, org, text, |_| None).await;
}

async fn tell_role(
    ctx: &Ctx,
    role: Role,
    org: Option<i64>,
    text: impl Fn(Lang) -> String,
    kb: impl Fn(Lang) -> Option<InlineKeyboardMarkup>,
) {
    let Some(org) = org else { return };
    if let Ok(people) = users::with_role_in_org(&ctx.pool, role, org).await {
        for c in people {
            let lang = ctx.notifier.lang_of(c.id).await;
            ctx.notifier.tell(c.id, text(lang), kb(lang)).await;
        }
    }
}

/// Someone the mentor works with: a pair and a mentee (`None`: the whole group).
pub struct Target {
    pub pair: Pair,
    pub mentee: Option<i64>,
    pub label: String,
}

/// The mentor's active pairs as "с кем?" choices: one per mentee, plus the whole group.
pub async fn targets(ctx: &Ctx, lang: Lang, mentor_id: i64) -> Result<Vec<Target>, HandlerError> {
    let mut out = Vec::new();
    for pair in pairs::active_for(&ctx.pool, mentor_id)
        .await?
        .into_iter()
        .filter(|p| p.mentor_id == mentor_id)
    {
        if pair.is_group() {
            out.push(Target {
                pair: pair.clone(),
                mentee: None,
                label: tr!(
                    lang,
                    "log-whole-group",
                    count = pair.mentees.len() as i64,
                    id = pair.id
                ),
            });
        }
        for m in pair.mentees.clone() {
            out.push(Target {
                pair: pair.clone(),
                mentee: Some(m),
                label: pair
                    .mentee_name(m)
                    .unwrap_or(crate::repo::pairs::NO_NAME)
                    .to_string(),
            });
        }
    }
    Ok(out)
}

/// The person's own active pairs, then the pairs of the organizations they curate
/// (ended ones too when `with_ended`).
pub async fn readable_pairs(
    ctx: &Ctx,
    actor: &Actor,
    me: i64,
    with_ended: bool,
) -> Result<Vec<Pair>, HandlerError> {
    let mut list: Vec<Pair> = pairs::active_for(&ctx.pool, me).await?;
    for org in actor.orgs_for(Role::Curator) {
        for p in pairs::of_org(&ctx.pool, org, !with_ended).await? {
            if !list.iter().any(|x| x.id == p.id) {
                list.push(p);
            }
        }
    }
    Ok(list)
}

/// Tells the mentor and every mentee of a pair (through the outbox).
pub async fn tell_participants(ctx: &Ctx, pair: &Pair, text: impl Fn(Lang) -> String) {
    for u in std::iter::once(pair.mentor_id).chain(pair.mentees.iter().copied()) {
        let l = ctx.notifier.lang_of(u).await;
        ctx.notifier.tell(u, text(l), None).await;
    }
}

/// Asks the other side of a pair to confirm change `change` (an extension, a new length) with
/// one tap: the mentee(s) when the mentor asked, else the mentor.
pub async fn ask_other_side(
    ctx: &Ctx,
    pair: &Pair,
    mentor_asked: bool,
    change: i64,
    text: impl Fn(Lang) -> String,
) {
    let others: Vec<i64> = if mentor_asked {
        pair.mentees.clone()
    } else {
        vec![pair.mentor_id]
    };
    for o in others {
        let l = ctx.notifier.lang_of(o).await;
        let kb = markup(vec![vec![
            Button::new(
                tr!(l, "btn-confirm"),
                PairAction::Decide {
                    change,
                    confirm: true,
                },
            ),
            Button::new(
                tr!(l, "btn-reject"),
                PairAction::Decide {
                    change,
                    confirm: false,
                },
            ),
        ]]);
        ctx.notifier.tell(o, text(l), Some(kb)).await;
    }
}
