//! Personal data and identity (issue 15): curators keep or remove the practices of authors
//! who withdrew consent (`pk:`), confirm mentors who joined without an invitation (`mv:`),
//! and hear of namesakes in their school.

use super::action::privacy::{ConfirmMentorAction, KeepPracticeAction};
use super::actor::Actor;
use super::reply::{Button, Reply};
use super::ui::{Answered, Callback};
use super::{Ctx, HandlerError};
use crate::domain::Role;
use crate::repo::announcements::people_with_roles;
use crate::repo::practices::{self, Withheld};
use crate::repo::{orgs, profiles, users};
use teloxide::types::{MediaKind, Message, MessageKind};

/// Every text a person sends enters here, once, before any handler sees it: the message text,
/// a caption and a document's file name lose bidi controls, zero-width and control characters
/// ([`crate::domain::text::sanitize`]). Entities are dropped with the text they indexed
/// (no handler reads them).
pub fn sanitized(mut msg: Message) -> Message {
    use crate::domain::text::sanitize;
    let clean = |s: &mut Option<String>| {
        if let Some(t) = s.as_mut() {
            *t = sanitize(t);
        }
    };
    if let MessageKind::Common(common) = &mut msg.kind {
        match &mut common.media_kind {
            MediaKind::Text(t) => {
                let clean_text = sanitize(&t.text);
                if clean_text != t.text {
                    t.text = clean_text;
                    t.entities.clear();
                }
            }
            MediaKind::Photo(m) => clean(&mut m.caption),
            MediaKind::Video(m) => clean(&mut m.caption),
            MediaKind::Audio(m) => clean(&mut m.caption),
            MediaKind::Voice(m) => clean(&mut m.caption),
            MediaKind::Animation(m) => clean(&mut m.caption),
            MediaKind::Document(m) => {
                clean(&mut m.caption);
                clean(&mut m.document.file_name);
            }
            _ => {}
        }
    }
    msg
}

/// The roles that confirm a mentor who joined without a mentor invitation, in their own
/// organization (a mentor invitation made by them counts as the confirmation). The head of
/// the organization is allowed by adding the role here.
pub const MENTOR_CONFIRMERS: &[Role] = &[Role::Curator, Role::Head];

/// May this person confirm a mentor of `org_id`? The one rule for the button and the list.
pub fn may_confirm_mentor(actor: &Actor, org_id: i64) -> bool {
    actor.is_registered()
        && MENTOR_CONFIRMERS
            .iter()
            .any(|r| actor.orgs_for(*r).contains(&org_id))
}

/// Curators of `org` (coordinators when it has none or is unknown).
async fn keepers(ctx: &Ctx, org: Option<i64>) -> Result<Vec<i64>, HandlerError> {
    let curators = match org {
        Some(o) => people_with_roles(&ctx.pool, &[Role::Curator], Some(&[o][..])).await?,
        None => Vec::new(),
    };
    if !curators.is_empty() {
        return Ok(curators);
    }
    Ok(people_with_roles(&ctx.pool, &[Role::Coordinator], None).await?)
}

/// After a /forget: asks, for every withheld practice, whether to keep it without the
/// author's name (one tap).
pub async fn ask_keepers(ctx: &Ctx, withheld: &[(i64, Option<i64>)]) -> Result<(), HandlerError> {
    for &(id, org) in withheld {
        let Some(p) = practices::get(&ctx.pool, id).await? else {
            continue;
        };
        for keeper in keepers(ctx, org).await? {
            let lang = ctx.notifier.lang_of(keeper).await;
            let reply = Reply::new(tr!(lang, "pk-ask", title = p.title.clone()))
                .button(Button::new(
                    tr!(lang, "btn-pk-keep"),
                    KeepPracticeAction::Keep(id),
                ))
                .button(Button::new(
                    tr!(lang, "btn-pk-drop"),
                    KeepPracticeAction::Drop(id),
                ));
            ctx.notifier.tell_reply(keeper, reply).await;
        }
    }
    Ok(())
}

/// Keeps or removes a withheld practice (authorized: the curators of its school or the
/// coordinator); a second answer finds it settled.
pub async fn on_keep_button(
    cb: &Callback<'_>,
    action: KeepPracticeAction,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let Some(me) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    let answer = match action {
        KeepPracticeAction::Keep(_) => Withheld::Keep,
        KeepPracticeAction::Drop(_) => Withheld::Remove,
    };
    let id = action.practice();
    let text =
        match practices::settle_withheld(&cb.ctx.pool, id, answer, me.id, cb.ctx.now()).await? {
            None => tr!(lang, "pk-already"),
            Some(p) if answer == Withheld::Keep => tr!(lang, "pk-kept", title = p.title),
            Some(_) => tr!(lang, "pk-dropped"),
        };
    cb.edit(text, None).await?;
    Ok(cb.answer(None).await?)
}

/// Who may confirm mentors of `org`.
async fn confirmers(ctx: &Ctx, org: i64) -> Result<Vec<i64>, HandlerError> {
    Ok(people_with_roles(&ctx.pool, MENTOR_CONFIRMERS, Some(&[org][..])).await?)
}

/// A mentor registered without an invitation: the school's confirmers get the one-tap button.
pub async fn ask_to_confirm_mentor(ctx: &Ctx, user_id: i64) -> Result<(), HandlerError> {
    let Some(user) = users::by_id(&ctx.pool, user_id).await? else {
        return Ok(());
    };
    let Some(org) = user.org_id else {
        return Ok(());
    };
    let org_name = orgs::get(&ctx.pool, org)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    for c in confirmers(ctx, org).await? {
        let lang = ctx.notifier.lang_of(c).await;
        let reply = Reply::new(tr!(
            lang,
            "mv-ask",
            name = user.display_name(),
            org = org_name.clone()
        ))
        .button(Button::new(
            tr!(lang, "btn-mv-confirm"),
            ConfirmMentorAction::Confirm(user_id),
        ));
        ctx.notifier.tell_reply(c, reply).await;
    }
    Ok(())
}

/// A confirmer of the mentor's organization confirms (authorized: its curators and head).
pub async fn on_confirm_button(
    cb: &Callback<'_>,
    action: ConfirmMentorAction,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let ConfirmMentorAction::Confirm(id) = action;
    let Some(me) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    let Some(mentor) = users::by_id(&cb.ctx.pool, id).await? else {
        return Ok(Answered::Stale);
    };
    if !profiles::approve_mentor(&cb.ctx.pool, id, me.id, cb.ctx.now()).await? {
        cb.edit(tr!(lang, "mv-already"), None).await?;
        return Ok(cb.answer(None).await?);
    }
    cb.edit(
        tr!(
            lang,
            "mv-confirmed",
            gender = super::format::gender(&mentor.display_name()),
            name = mentor.display_name()
        ),
        None,
    )
    .await?;
    cb.answer(None).await?;
    let their = cb.ctx.notifier.lang_of(id).await;
    cb.ctx
        .notifier
        .tell(id, tr!(their, "mv-mentor-confirmed"), None)
        .await;
    Ok(Answered::Done)
}

/// A new person or a changed name equals someone else's in the school: its curators are told.
pub async fn tell_about_namesakes(ctx: &Ctx, user_id: i64, role: Role) -> Result<(), HandlerError> {
    if users::namesakes(&ctx.pool, user_id).await?.is_empty() {
        return Ok(());
    }
    let Some(user) = users::by_id(&ctx.pool, user_id).await? else {
        return Ok(());
    };
    let Some(org) = user.org_id else {
        return Ok(());
    };
    let org_name = orgs::get(&ctx.pool, org)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    for c in people_with_roles(&ctx.pool, &[Role::Curator], Some(&[org][..]))
        .await?
        .into_iter()
        .filter(|c| *c != user_id)
    {
        let lang = ctx.notifier.lang_of(c).await;
        let text = tr!(
            lang,
            "dup-name-curator",
            org = org_name.clone(),
            name = user.display_name(),
            role = tr!(lang, &role.key())
        );
        ctx.notifier.tell(c, text, None).await;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::repo::users::{RoleGrant, User};

    fn actor(role: Role, org: i64) -> Actor {
        let now = chrono::Utc::now();
        let user = User {
            id: 1,
            telegram_id: Some(10),
            lang: None,
            consent_at: Some(now),
            full_name: None,
            org_id: Some(org),
            position: None,
            subjects: None,
            experience_years: None,
            registered_at: Some(now),
            unreachable_at: None,
            menu_roles: None,
        };
        Actor {
            tg: 10,
            lang: Lang::Ru,
            user: Some(user),
            roles: vec![RoleGrant {
                role,
                org_id: Some(org),
            }],
            is_admin: false,
        }
    }

    /// The list's rule and the button's authorization name the same people.
    #[test]
    fn confirmers_are_the_confirming_parties() {
        use crate::bot::action::privacy::MENTOR_CONFIRMING_PARTIES;
        use crate::bot::action::Party;
        let parties: Vec<Party> = MENTOR_CONFIRMERS
            .iter()
            .map(|r| match r {
                Role::Curator => Party::Curator,
                Role::Head => Party::Head,
                other => panic!("{other:?} confirms mentors but is no party of an organization"),
            })
            .collect();
        assert_eq!(parties, MENTOR_CONFIRMING_PARTIES);
    }

    #[test]
    fn only_the_schools_confirmers_confirm_its_mentors() {
        assert!(may_confirm_mentor(&actor(Role::Curator, 1), 1));
        assert!(
            !may_confirm_mentor(&actor(Role::Curator, 2), 1),
            "another school's curator"
        );
        assert!(!may_confirm_mentor(&actor(Role::Mentor, 1), 1));
        assert!(!may_confirm_mentor(&actor(Role::Coordinator, 1), 1));
    }
}
