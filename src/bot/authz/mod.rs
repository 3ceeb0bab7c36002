//! The one place that decides whether someone may press a button: the actor (roles held
//! now, per organization), the action and what it touches. The router calls [`authorize`]
//! before any handler runs or any message is edited; the handler gets the [`Scope`] that was
//! loaded on the way.

use super::action::{Need, Party};
use super::actor::Actor;
use crate::domain::Role;
use crate::repo::{
    announcements, journal, meetings, orders, orgs, pairs, practices, requests, surveys, users,
    Pool,
};

/// What an authorized action acts on, as loaded for the check.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// The capacity in which the actor acts (the first party of the need that matched).
    pub party: Option<Party>,
    /// The pair the object belongs to.
    pub pair: Option<pairs::Pair>,
    /// The organization the object belongs to.
    pub org_id: Option<i64>,
}

/// The action is not the actor's to take (or what it touches is gone): the button is answered
/// as stale, and nothing changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Denied;

/// What the check found about one object: its pair, organization and author.
struct Object {
    pair: Option<pairs::Pair>,
    org_id: Option<i64>,
    author: Option<i64>,
    /// The mentee a request belongs to (for `Party::Mentee` without a pair).
    mentee: Option<i64>,
    /// The mentor a proposal is for (for `Party::Mentor` without a pair).
    mentor: Option<i64>,
    /// Without a pair: the roles its author must still hold (any of them) to act as the author.
    author_roles: &'static [Role],
}

impl Object {
    fn of_pair(pair: pairs::Pair) -> Object {
        Object {
            org_id: pair.org_id,
            pair: Some(pair),
            author: None,
            mentee: None,
            mentor: None,
            author_roles: &[],
        }
    }
}

/// Whether the actor may take an action with this need.
pub async fn authorize(
    pool: &Pool,
    actor: &Actor,
    need: Need,
) -> Result<Result<Scope, Denied>, sqlx::Error> {
    let (object, parties) = match need {
        Need::Anyone => return Ok(Ok(Scope::default())),
        Need::Registered => {
            return Ok(if actor.is_registered() {
                Ok(Scope::default())
            } else {
                Err(Denied)
            })
        }
        Need::Role(roles) => {
            let ok =
                roles.iter().any(|r| actor.has(*r)) && (actor.is_registered() || actor.is_admin);
            return Ok(if ok {
                Ok(Scope::default())
            } else {
                Err(Denied)
            });
        }
        Need::Pair(id, parties) => (pairs::get(pool, id).await?.map(Object::of_pair), parties),
        Need::Entry(id, parties) => {
            let entry = journal::entry(pool, id)
                .await?
                .filter(|e| e.deleted_at.is_none());
            let object = match entry {
                Some(e) => pairs::get(pool, e.pair_id).await?.map(|p| Object {
                    author: Some(e.author_id),
                    ..Object::of_pair(p)
                }),
                None => None,
            };
            (object, parties)
        }
        Need::PlanItem(id, parties) => {
            let object = match journal::item(pool, id).await? {
                Some(item) => pairs::get(pool, item.pair_id).await?.map(|p| Object {
                    author: Some(item.created_by),
                    ..Object::of_pair(p)
                }),
                None => None,
            };
            (object, parties)
        }
        Need::Sos(id, parties) => {
            let object = match journal::sos(pool, id).await? {
                Some(sos) => pairs::get(pool, sos.pair_id).await?.map(|p| Object {
                    author: Some(sos.mentee_id),
                    ..Object::of_pair(p)
                }),
                None => None,
            };
            (object, parties)
        }
        Need::SurveyResponse(id, parties) => {
            // answered after the programme too (the exit survey): the pair's roles do not count
            let object = surveys::response(pool, id).await?.map(|r| Object {
                pair: None,
                org_id: None,
                author: Some(r.user_id),
                mentee: None,
                mentor: None,
                author_roles: &[],
            });
            (object, parties)
        }
        Need::Proposal(id, parties) => {
            let object = match requests::proposal(pool, id).await? {
                Some(p) => requests::get(pool, p.request_id).await?.map(|r| Object {
                    pair: None,
                    org_id: r.org_id,
                    author: None,
                    mentee: Some(r.mentee_id),
                    mentor: Some(p.mentor_id),
                    author_roles: &[],
                }),
                None => None,
            };
            (object, parties)
        }
        Need::PairChange(id, parties) => {
            let object = match pairs::change(pool, id).await? {
                Some(ch) => pairs::get(pool, ch.pair_id).await?.map(|p| Object {
                    author: Some(ch.requested_by),
                    ..Object::of_pair(p)
                }),
                None => None,
            };
            (object, parties)
        }
        Need::Petition(id, parties) => {
            let object = match pairs::petition(pool, id).await? {
                Some(pet) => pairs::get(pool, pet.pair_id).await?.map(|p| Object {
                    author: Some(pet.mentee_id),
                    ..Object::of_pair(p)
                }),
                None => None,
            };
            (object, parties)
        }
        Need::Resignation(id, parties) => {
            let object = pairs::resignation(pool, id).await?.map(|r| Object {
                pair: None,
                org_id: r.org_id,
                author: Some(r.mentor_id),
                mentee: None,
                mentor: None,
                author_roles: &[],
            });
            (object, parties)
        }
        Need::Order(id, parties) => (
            orders::get(pool, id).await?.map(|o| Object {
                pair: None,
                org_id: o.org_id,
                author: None,
                mentee: None,
                mentor: None,
                author_roles: &[],
            }),
            parties,
        ),
        Need::Request(id, parties) => {
            let object = requests::get(pool, id).await?.map(|r| Object {
                pair: None,
                org_id: r.org_id,
                author: Some(r.mentee_id),
                mentee: Some(r.mentee_id),
                mentor: None,
                author_roles: &[],
            });
            (object, parties)
        }
        Need::Org(id, parties) => (
            orgs::get(pool, id).await?.map(|o| Object {
                pair: None,
                org_id: Some(o.id),
                author: None,
                mentee: None,
                mentor: None,
                author_roles: &[],
            }),
            parties,
        ),
        Need::Practice(id, parties) => {
            let object = match practices::get(pool, id).await? {
                // the practice comes from a pair's work: its author acts while still in it
                Some(p) => Some(Object {
                    pair: pairs::get(pool, p.pair_id).await?,
                    org_id: p.org_id,
                    author: Some(p.author_id),
                    mentee: None,
                    mentor: None,
                    author_roles: &[],
                }),
                None => None,
            };
            (object, parties)
        }
        Need::Announcement(id, parties) => {
            let object = announcements::get(pool, id).await?.map(|a| Object {
                pair: None,
                org_id: None,
                author: Some(a.author_id),
                mentee: None,
                mentor: None,
                // written as a coordinator or curator: the author acts while still one
                author_roles: &[Role::Coordinator, Role::Curator],
            });
            (object, parties)
        }
        Need::Person(id, parties) => {
            let object = users::by_id(pool, id).await?.map(|u| Object {
                pair: None,
                org_id: u.org_id,
                author: None,
                mentee: None,
                mentor: None,
                author_roles: &[],
            });
            (object, parties)
        }
        Need::Meeting(id, parties) => {
            let object = match meetings::get(pool, id).await? {
                Some(m) => pairs::get(pool, m.pair_id).await?.map(Object::of_pair),
                None => None,
            };
            (object, parties)
        }
    };
    let Some(object) = object else {
        return Ok(Err(Denied));
    };
    let party = parties
        .iter()
        .copied()
        .find(|p| acts_as(actor, *p, &object));
    Ok(match party {
        Some(party) => Ok(Scope {
            party: Some(party),
            pair: object.pair,
            org_id: object.org_id,
        }),
        None => Err(Denied),
    })
}

/// Whether the actor is this party of the object, by the roles held now.
fn acts_as(actor: &Actor, party: Party, object: &Object) -> bool {
    let Some(me) = actor.registered_user().map(|u| u.id) else {
        // only a technical admin acts without a registration
        return party == Party::Admin && actor.is_admin;
    };
    let in_org = |role: Role| {
        object
            .org_id
            .is_some_and(|o| actor.orgs_for(role).contains(&o))
    };
    match party {
        Party::Mentor => object
            .pair
            .as_ref()
            .map(|p| p.mentor_id)
            .or(object.mentor)
            .is_some_and(|m| actor.is_mentor_of(m)),
        Party::Mentee => match (&object.pair, object.mentee) {
            (Some(p), _) => actor.is_mentee_in(&p.mentees),
            (None, Some(m)) => actor.as_mentee() == Some(m),
            (None, None) => false,
        },
        Party::Author => {
            object.author == Some(me)
                // a pair's author still holds the side they wrote as
                && object.pair.as_ref().is_none_or(|p| actor.is_mentor_of(p.mentor_id) || actor.is_mentee_in(&p.mentees))
                && (object.author_roles.is_empty() || object.author_roles.iter().any(|r| actor.has(*r)))
        }
        Party::Curator => in_org(Role::Curator),
        Party::Head => in_org(Role::Head),
        Party::Coordinator => actor.has(Role::Coordinator),
        Party::Admin => actor.has(Role::Admin),
    }
}

#[cfg(test)]
mod tests;
