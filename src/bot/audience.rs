//! Who is who for a message: people's and organizations' names, whether the actor curates or
//! heads an organization, and telling every curator or head of one (through the outbox).

use super::actor::Actor;
use super::Ctx;
use crate::domain::Role;
use crate::i18n::Lang;
use crate::repo::{orgs, pairs, users, Pool};
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
