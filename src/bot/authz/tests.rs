//! The authorization matrix: every action variant × every persona, from one table.

use super::*;
use crate::bot::action::Action;
use crate::repo::{testutil, users};

/// The personas, in the order of the table's columns.
const PERSONAS: [&str; 10] =
    ["mentee", "mentor", "curator", "head", "coordinator", "admin", "other-curator", "revoked-mentor", "revoked-mentee", "stranger"];

/// What each action allows, one line per action variant: a `y` in a persona's column means
/// the persona may press it on the world's objects (`repo::testutil::authz_world`), `.` that
/// the press is refused before any handler runs. Columns: mentee, mentor, curator, head,
/// coordinator, admin, other-curator, revoked-mentor, revoked-mentee, stranger.
const TABLE: &[(&str, &str)] = &[
    //            mentee, mentor, curator, head, coordinator, admin, other-curator, revoked-mentor, revoked-mentee, stranger
    // general
    ("lang.set", "yyyyyyyyyy"),
    // onboarding, profile, privacy

    // requests and pairs

    // journal, plan, /sos

    // meetings, reminders, settings

    // monitoring and documents
    ("surveys.resume", "yy........"),
    ("surveys.resend", "..y......."),

    // organizations and school facts

    // community

];

async fn persona(pool: &Pool, name: &str) -> Actor {
    let record = |tg: i64| async move { users::with_roles_by_telegram(pool, tg).await.unwrap().unwrap() };
    let (tg, without) = match name {
        "mentee" => (103, None),
        "mentor" => (102, None),
        "curator" => (101, None),
        "head" => (104, None),
        "coordinator" => (105, None),
        "admin" => {
            return Actor { tg: 900, lang: crate::i18n::Lang::Ru, user: None, roles: Vec::new(), is_admin: true };
        }
        "other-curator" => (106, None),
        // `nastavnik revoke`: the same person, the role gone
        "revoked-mentor" => (102, Some(Role::Mentor)),
        "revoked-mentee" => (103, Some(Role::Mentee)),
        "stranger" => (107, None),
        _ => unreachable!("{name}"),
    };
    let (user, mut roles) = record(tg).await;
    roles.retain(|g| Some(g.role) != without);
    Actor { tg, lang: crate::i18n::Lang::Ru, user: Some(user), roles, is_admin: false }
}

#[tokio::test]
async fn every_action_for_every_persona() {
    let pool = testutil::pool().await;
    let ids = testutil::authz_world(&pool).await;
    let examples = Action::examples(&ids);
    let mut failures = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for action in &examples {
        let name = action.name();
        seen.insert(name);
        let Some((_, row)) = TABLE.iter().find(|(n, _)| *n == name) else {
            failures.push(format!("{name}: no line in the table"));
            continue;
        };
        assert_eq!(row.len(), PERSONAS.len(), "{name}: one column per persona");
        let need = action.need().expect("typed");
        for (persona_name, expected) in PERSONAS.iter().zip(row.chars()) {
            let actor = persona(&pool, persona_name).await;
            let allowed = authorize(&pool, &actor, need).await.unwrap().is_ok();
            if allowed != (expected == 'y') {
                failures.push(format!("{name} ({}) × {persona_name}: expected {}, got {}", action.encode(), expected == 'y', allowed));
            }
        }
    }
    for (name, _) in TABLE {
        if !seen.contains(name) {
            failures.push(format!("{name}: in the table but no such action"));
        }
    }
    assert!(failures.is_empty(), "authorization differs from the table:\n{}", failures.join("\n"));
}

/// Objects that do not exist are refused for everyone (a forged id).
#[tokio::test]
async fn missing_objects_are_refused() {
    use crate::bot::action::{Need, Party};
    let pool = testutil::pool().await;
    testutil::authz_world(&pool).await;
    let all: &[Party] = &[Party::Mentor, Party::Mentee, Party::Author, Party::Curator, Party::Head, Party::Coordinator, Party::Admin];
    for need in [Need::Pair(99, all), Need::Entry(99, all), Need::PlanItem(99, all), Need::Sos(99, all), Need::Request(99, all), Need::Org(99, all), Need::Practice(99, all), Need::Announcement(99, all)] {
        for p in PERSONAS {
            let actor = persona(&pool, p).await;
            assert_eq!(authorize(&pool, &actor, need).await.unwrap().err(), Some(Denied), "{need:?} × {p}");
        }
    }
}

/// The checks themselves, on the world's objects, for the parties a line of the table names.
#[tokio::test]
async fn parties_by_roles_held_now() {
    use crate::bot::action::{Need, Party};
    let pool = testutil::pool().await;
    testutil::authz_world(&pool).await;
    let cases: &[(Need, &str)] = &[
        (Need::Pair(1, &[Party::Mentor]), "mentor"),
        (Need::Pair(1, &[Party::Mentee]), "mentee"),
        (Need::Pair(1, &[Party::Curator]), "curator"),
        (Need::Pair(1, &[Party::Head]), "head"),
        (Need::Entry(1, &[Party::Author]), "mentor"),
        (Need::Sos(1, &[Party::Author]), "mentee"),
        (Need::Request(1, &[Party::Mentee]), "mentee"),
        (Need::Practice(1, &[Party::Author]), "mentor"),
        (Need::Announcement(1, &[Party::Author]), "coordinator"),
        (Need::Org(1, &[Party::Coordinator, Party::Admin]), "coordinator admin"),
        (Need::Role(&[Role::Curator]), "curator other-curator"),
        (Need::Registered, "mentee mentor curator head coordinator other-curator revoked-mentor revoked-mentee stranger"),
    ];
    for (need, allowed) in cases {
        for p in PERSONAS {
            let actor = persona(&pool, p).await;
            let ok = authorize(&pool, &actor, *need).await.unwrap().is_ok();
            assert_eq!(ok, allowed.split(' ').any(|a| a == p), "{need:?} × {p}");
        }
    }
}
