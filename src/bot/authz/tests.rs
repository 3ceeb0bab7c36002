//! The authorization matrix: every action variant × every persona, from one table.

use super::*;
use crate::bot::action::Action;
use crate::repo::{testutil, users};

/// The personas, in the order of the table's columns.
const PERSONAS: [&str; 10] = [
    "mentee",
    "mentor",
    "curator",
    "head",
    "coordinator",
    "admin",
    "other-curator",
    "revoked-mentor",
    "revoked-mentee",
    "stranger",
];

/// What each action allows, one line per action variant: a `y` in a persona's column means
/// the persona may press it on the world's objects (`repo::testutil::authz_world`), `.` that
/// the press is refused before any handler runs. Columns: mentee, mentor, curator, head,
/// coordinator, admin, other-curator, revoked-mentor, revoked-mentee, stranger.
const TABLE: &[(&str, &str)] = &[
    //            mentee, mentor, curator, head, coordinator, admin, other-curator, revoked-mentor, revoked-mentee, stranger
    // general
    ("lang.set", "yyyyyyyyyy"),
    // onboarding, profile, privacy (one's own open form: the handler checks it is its keyboard)
    ("consent.yes", "yyyyyyyyyy"),
    ("consent.no", "yyyyyyyyyy"),
    ("onboarding.org", "yyyyyyyyyy"),
    ("onboarding.org-page", "yyyyyyyyyy"),
    ("onboarding.role", "yyyyyyyyyy"),
    ("onboarding.category", "yyyyyyyyyy"),
    ("onboarding.toggle", "yyyyyyyyyy"),
    ("onboarding.done", "yyyyyyyyyy"),
    ("onboarding.skip", "yyyyyyyyyy"),
    ("onboarding.capacity", "yyyyyyyyyy"),
    ("onboarding.other-orgs", "yyyyyyyyyy"),
    ("onboarding.mentor-consent", "yyyyyyyyyy"),
    ("profile.edit", "yyyyy.yyyy"),
    ("profile.other-orgs", "yyyyy.yyyy"),
    ("profile.public", "yyyyy.yyyy"),
    ("profile.category", "yyyyy.yyyy"),
    ("profile.capacity", "yyyyy.yyyy"),
    ("profile.toggle", "yyyyy.yyyy"),
    ("profile.done", "yyyyy.yyyy"),
    ("forget.yes", "yyyyy.yyyy"),
    ("forget.no", "yyyyy.yyyy"),
    ("invite.role", "..y.yyy..."),
    // into the world's school: its curator, the coordinator, an admin
    ("invite.org", "..y.yy...."),
    // the world's practice is of school 1
    ("privacy.keep-practice", "..y.y....."),
    ("privacy.drop-practice", "..y.y....."),
    // the world's mentor, of school 1: its curator and head
    ("privacy.confirm-mentor", "..yy......"),
    // requests and pairs
    ("request.form", "y........."),
    ("request.list", "..y...y..."),
    ("request.open", "..y......."),
    ("request.all-mentors", "..y......."),
    ("request.withdraw", "y........."),
    ("request.propose", "..y......."),
    ("request.reject", "..y......."),
    ("request.accept", ".y........"),
    ("request.decline", ".y........"),
    ("request.confirm", "y........."),
    ("pair.open", "yyyy......"),
    ("pair.history", "..yy......"),
    ("pair.order", "..yy......"),
    ("pair.end", "yy........"),
    ("pair.end-with", "yy........"),
    ("pair.curator-end", "..y......."),
    ("pair.curator-end-with", "..y......."),
    ("pair.extend", "yy........"),
    ("pair.extend-by", "yy........"),
    // an end is the curator's to decide, an extension the other side's: the handler narrows it
    ("pair.decide", "yyy......."),
    ("pair.mutual", "yy........"),
    ("pair.order-rest", "..yy......"),
    ("pair.second-mentor", "..y......."),
    ("petition.reason", "y........."),
    ("petition.open", "..y......."),
    ("petition.approve", "..y......."),
    ("petition.reject", "..y......."),
    ("resignation.open", "..y......."),
    ("resignation.approve", "..y......."),
    ("resignation.reject", "..y......."),
    // journal, plan, /sos
    ("journal.target", ".y........"),
    ("journal.minutes", ".y........"),
    ("journal.format", ".y........"),
    ("journal.duplicate", ".y........"),
    ("journal.deadline-after-end", ".y........"),
    ("journal.edit", ".y........"),
    ("journal.delete", ".y........"),
    ("journal.open", "yyy......."),
    ("journal.page", "yyy......."),
    ("sos.answer", ".y........"),
    ("sos.offer-send", ".y........"),
    ("sos.offer-drop", ".y........"),
    ("sos.to", "y........."),
    ("adaptation.open", ".y........"),
    ("adaptation.comment", ".y........"),
    ("adaptation.send", ".y........"),
    ("plan.open", "yyy......."),
    ("plan.add", ".y........"),
    ("plan.area", ".y........"),
    ("plan.deadline-in", ".y........"),
    ("plan.deadline-confirmed", ".y........"),
    ("plan.deadline-other", ".y........"),
    ("plan.submit", "y........."),
    ("plan.score", "y........."),
    ("plan.no-comment", "y........."),
    ("plan.check", ".y........"),
    ("plan.accept", ".y........"),
    ("plan.rework", ".y........"),
    ("plan-edit.menu", "yy........"),
    ("plan-edit.deadline", "yy........"),
    ("plan-edit.deadline-in", "yy........"),
    ("plan-edit.deadline-on", "yy........"),
    ("plan-edit.title", "yy........"),
    ("plan-edit.cancel", ".y........"),
    ("plan-edit.cancel-yes", ".y........"),
    ("plan-edit.approve", ".y........"),
    ("plan-edit.reject", ".y........"),
    // meetings planned ahead: both sides move or cancel; the mentor says whether it took place
    ("meeting.with", ".y........"),
    ("meeting.plan", ".y........"),
    ("meeting.ics", "yy........"),
    ("meeting.move", "yy........"),
    ("meeting.cancel", "yy........"),
    ("meeting.cancel-yes", "yy........"),
    ("meeting.held", ".y........"),
    ("meeting.missed", ".y........"),
    // a programme both sides write: the mentee proposes, the mentor decides; the length
    ("plan-proposal.start", "y........."),
    ("plan-proposal.goal", "y........."),
    ("plan-proposal.no-deadline", "y........."),
    ("plan-proposal.accept", ".y........"),
    ("plan-proposal.edit", ".y........"),
    ("plan-proposal.reject", ".y........"),
    ("programme-length.set", "..y......."),
    ("programme-length.ask", "yy........"),
    ("programme-length.to", "yy........"),
    // meetings, reminders, settings
    ("settings.toggle", "yyyyy.yyyy"),
    ("stage.open", "..y......."),
    ("stage.set", "..y......."),
    ("calendar.remove", "....y....."),
    // the district's held events: the coordinator
    ("held-event.start", "....y....."),
    ("held-event.toggle", "....y....."),
    ("held-event.page", "....y....."),
    ("held-event.all", "....y....."),
    ("held-event.done", "....y....."),
    ("held-event.remove", "....y....."),
    ("bank-ask.confirm", "yyyyy.yyyy"),
    ("bank-ask.edit", "yyyyy.yyyy"),
    // monitoring and documents
    // the analytical note: a school's staff and the coordinator (the other kinds: action::documents)
    ("documents.kind", "..yyy.y..."),
    // the world's pair's programme
    ("documents.pair", "yyyy......"),
    ("documents.org", "..yy......"),
    ("documents.spravka", "..yy......"),
    ("surveys.resume", "yy........"),
    ("surveys.resend", "..y......."),
    // one's own questionnaire, even after the role or the programme ended
    ("survey.score", "y.......y."),
    ("survey.skip", "y.......y."),
    ("survey.pair", "..y......."),
    ("survey.send", "..y......."),
    ("report.scope-org", "..y.y....."),
    ("report.scope-district", "....y....."),
    // organizations and school facts
    ("orgs.list", "....yy...."),
    ("orgs.open", "....yy...."),
    ("orgs.rename", "....yy...."),
    ("orgs.rename-anyway", "....yy...."),
    ("orgs.kind", "....yy...."),
    ("orgs.set-kind", "....yy...."),
    ("orgs.zone", "....yy...."),
    ("orgs.set-zone", "....yy...."),
    ("orgs.merge", "....yy...."),
    ("orgs.merge-into", "....yy...."),
    ("orgs.merge-confirm", "....yy...."),
    ("orgs.remove", "....yy...."),
    ("orgs.remove-confirm", "....yy...."),
    ("school.report-org", "..y.y....."),
    ("school.report-district", "....y....."),
    ("school.csv-org", "..y.y....."),
    ("school.csv-district", "....y....."),
    ("school.facts", "..y......."),
    // community
    ("chat.link-district", "....yy...."),
    ("chat.link-orgs", "....yy...."),
    ("chat.link-org", "....yy...."),
    ("chat.link-council", "....yy...."),
    ("chat.link-cancel", "....yy...."),
    ("announce.toggle", "..y.y.y..."),
    ("announce.done", "..y.y.y..."),
    ("announce.send", "..y.y.y..."),
    ("announce.later", "..y.y.y..."),
    ("announce.back", "..y.y.y..."),
    ("announce.cancel", "..y.y.y..."),
    // the world's announcement is the coordinator's
    ("announce.unschedule", "....y....."),
    ("practice.pair", ".yy......."),
    ("practice.area", ".yy...y..."),
    ("practice.areas-done", ".yy...y..."),
    ("practice.form", ".yy...y..."),
    ("practice.submit", ".yy...y..."),
    ("moderation.approve", "....y....."),
    ("moderation.return", "....y....."),
    ("moderation.reject", "....y....."),
    ("bank.page", "yyyyy.yyyy"),
    ("bank.files", "yyyyy.yyyy"),
];

async fn persona(pool: &Pool, name: &str) -> Actor {
    let record = |tg: i64| async move {
        users::with_roles_by_telegram(pool, tg)
            .await
            .unwrap()
            .unwrap()
    };
    let (tg, without) = match name {
        "mentee" => (103, None),
        "mentor" => (102, None),
        "curator" => (101, None),
        "head" => (104, None),
        "coordinator" => (105, None),
        "admin" => {
            return Actor {
                tg: 900,
                lang: crate::i18n::Lang::Ru,
                user: None,
                roles: Vec::new(),
                is_admin: true,
            };
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
    Actor {
        tg,
        lang: crate::i18n::Lang::Ru,
        user: Some(user),
        roles,
        is_admin: false,
    }
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
        let need = action.need();
        for (persona_name, expected) in PERSONAS.iter().zip(row.chars()) {
            let actor = persona(&pool, persona_name).await;
            let allowed = authorize(&pool, &actor, need).await.unwrap().is_ok();
            if allowed != (expected == 'y') {
                failures.push(format!(
                    "{name} ({}) × {persona_name}: expected {}, got {}",
                    action.encode(),
                    expected == 'y',
                    allowed
                ));
            }
        }
    }
    for (name, _) in TABLE {
        if !seen.contains(name) {
            failures.push(format!("{name}: in the table but no such action"));
        }
    }
    assert!(
        failures.is_empty(),
        "authorization differs from the table:\n{}",
        failures.join("\n")
    );
}

/// Objects that do not exist are refused for everyone (a forged id).
#[tokio::test]
async fn missing_objects_are_refused() {
    use crate::bot::action::{Need, Party};
    let pool = testutil::pool().await;
    testutil::authz_world(&pool).await;
    let all: &[Party] = &[
        Party::Mentor,
        Party::Mentee,
        Party::Author,
        Party::Curator,
        Party::Head,
        Party::Coordinator,
        Party::Admin,
    ];
    for need in [
        Need::Pair(99, all),
        Need::SurveyResponse(99, all),
        Need::Proposal(99, all),
        Need::PairChange(99, all),
        Need::Petition(99, all),
        Need::Resignation(99, all),
        Need::Order(99, all),
        Need::Entry(99, all),
        Need::PlanItem(99, all),
        Need::Sos(99, all),
        Need::Request(99, all),
        Need::Org(99, all),
        Need::Practice(99, all),
        Need::Announcement(99, all),
        Need::Person(99, all),
    ] {
        for p in PERSONAS {
            let actor = persona(&pool, p).await;
            assert_eq!(
                authorize(&pool, &actor, need).await.unwrap().err(),
                Some(Denied),
                "{need:?} × {p}"
            );
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
        (Need::Person(2, &[Party::Curator, Party::Head]), "curator head"),
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

/// An announcement's author cancels it only while still a coordinator or curator; a mentor
/// is confirmed only by their own school's curators and head.
#[tokio::test]
async fn authors_and_people_by_roles_held_now() {
    use crate::bot::action::{Need, Party};
    let pool = testutil::pool().await;
    testutil::authz_world(&pool).await;
    let cancel = Need::Announcement(1, &[Party::Author]);
    let mut coordinator = persona(&pool, "coordinator").await;
    assert!(authorize(&pool, &coordinator, cancel)
        .await
        .unwrap()
        .is_ok());
    coordinator.roles.clear();
    assert_eq!(
        authorize(&pool, &coordinator, cancel).await.unwrap().err(),
        Some(Denied),
        "the coordinator role was revoked"
    );
    let confirm = Need::Person(2, &[Party::Curator, Party::Head]);
    let curator = persona(&pool, "curator").await;
    assert_eq!(
        authorize(&pool, &curator, confirm)
            .await
            .unwrap()
            .unwrap()
            .org_id,
        Some(1)
    );
    // the coordinator (5) has no organization: nobody confirms as their school's staff
    assert_eq!(
        authorize(
            &pool,
            &curator,
            Need::Person(5, &[Party::Curator, Party::Head])
        )
        .await
        .unwrap()
        .err(),
        Some(Denied)
    );
}
