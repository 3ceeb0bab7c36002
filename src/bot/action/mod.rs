//! Every button the bot shows is an [`Action`]: one enum, a sub-enum per feature, each with
//! its encoding into Telegram's callback data (at most 64 bytes), its parsing, and what it
//! touches and who may press it ([`Need`], checked by [`crate::bot::authz::authorize`] before
//! any handler runs).
//!
//! To add a button: a variant in the feature's sub-enum (encode, parse, `need`, an example),
//! a handler arm, a text in each locale, and a line in the authorization table
//! (`bot::authz::tests::TABLE`).

pub mod chats;
pub mod general;
// onboarding, profile, privacy
pub mod onboarding;
pub mod privacy;
pub mod profile;
// requests and pairs
pub mod pairs;
pub mod requests;
// journal, plan, /sos
pub mod journal;
pub mod plan_edit;
// meetings planned ahead
pub mod meetings;
pub mod programme;
// meetings, reminders, settings
pub mod reminders;
// the district's held events
pub mod events;
// monitoring and documents
pub mod documents;
pub mod surveys;
// organizations and school facts
pub mod orgs;
pub mod school;
// community
pub mod community;

use crate::domain::Role;
use std::fmt::Write as _;

/// Telegram's limit for callback data.
pub const MAX_CALLBACK_BYTES: usize = 64;

/// One feature's buttons: a sub-enum of [`Action`] under one callback-data prefix.
pub trait Feature: Sized + strum::EnumCount {
    /// The callback data's first field.
    const PREFIX: &'static str;
    /// The fields after the prefix (without it), `:`-separated.
    fn encode_fields(&self, out: &mut Fields);
    /// Parses the fields after the prefix; `None` for anything malformed.
    fn parse_fields(f: &mut Reader<'_>) -> Option<Self>;
    /// What the button touches and who may press it.
    fn need(&self) -> Need;
    /// A stable name for the authorization table, e.g. `"journal.delete"`.
    fn name(&self) -> &'static str;
    /// At least one example of every variant, pointing at the objects in `ids`.
    fn examples(ids: &Ids) -> Vec<Self>;
}

/// Who may act on what. The router checks it with [`crate::bot::authz::authorize`] before the
/// handler runs; the handler receives what was loaded on the way ([`crate::bot::authz::Scope`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Anybody, registered or not (the language, consent).
    Anyone,
    /// A completed registration (consent first).
    Registered,
    /// Any of these roles, in any organization (admins from BOT_ADMINS count as `Role::Admin`).
    Role(&'static [Role]),
    /// Acting on a pair (наставническая пара или группа) as one of these parties.
    Pair(i64, &'static [Party]),
    /// A journal entry (its pair's parties; `Party::Author` is who wrote it, still in the role).
    Entry(i64, &'static [Party]),
    /// A plan item or task of a pair.
    PlanItem(i64, &'static [Party]),
    /// A /sos question of a pair.
    Sos(i64, &'static [Party]),
    /// A person's questionnaire of a survey (`Party::Author` is the person it was sent to).
    SurveyResponse(i64, &'static [Party]),
    /// A proposal of a mentor for a request (`Party::Mentor` is the proposed mentor,
    /// `Party::Mentee` the request's mentee).
    Proposal(i64, &'static [Party]),
    /// A pending change of a pair: an end or an extension (`Party::Author` asked for it).
    PairChange(i64, &'static [Party]),
    /// A mentee's petition for another mentor (its pair's parties and staff).
    Petition(i64, &'static [Party]),
    /// A mentor's resignation (its organization's staff; `Party::Author` is the mentor).
    Resignation(i64, &'static [Party]),
    /// The head's order (its organization's staff).
    Order(i64, &'static [Party]),
    /// A request for a mentor (`Party::Mentee` is the mentee who made it).
    Request(i64, &'static [Party]),
    /// An organization (its curator, head; the coordinator and admin of the district).
    Org(i64, &'static [Party]),
    /// A best practice (`Party::Author` is who submitted it).
    Practice(i64, &'static [Party]),
    /// An announcement (`Party::Author` is who wrote it).
    Announcement(i64, &'static [Party]),
    /// A person, by record id (`Party::Curator`, `Party::Head`: of their organization).
    Person(i64, &'static [Party]),
    /// A meeting planned ahead (its pair's parties).
    Meeting(i64, &'static [Party]),
}

/// The capacity in which someone acts on an object; roles are the ones held now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// The pair's mentor, holding the mentor role.
    Mentor,
    /// One of the pair's mentees (or the request's mentee), holding the mentee role.
    Mentee,
    /// Who wrote the entry, practice or announcement (and still holds the role they wrote it in).
    Author,
    /// A curator of the object's organization.
    Curator,
    /// The head (руководитель) of the object's organization.
    Head,
    /// The district's coordinator.
    Coordinator,
    /// A technical admin (BOT_ADMINS) or an admin by role.
    Admin,
}

/// Ids of example objects: the authorization test's world, and any ids for round trips.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ids {
    pub org: i64,
    pub pair: i64,
    pub entry: i64,
    pub plan_item: i64,
    pub sos: i64,
    pub request: i64,
    pub practice: i64,
    pub announcement: i64,
    /// A pending extension of `pair`, asked for by its mentee.
    pub change: i64,
    /// A pending petition of `pair`'s mentee.
    pub petition: i64,
    /// A pending resignation of `pair`'s mentor.
    pub resignation: i64,
    /// An order of `org`.
    pub order: i64,
    /// A pending proposal of `mentor` for `request`.
    pub proposal: i64,
    /// The mentee's entry questionnaire in `pair`.
    pub survey_response: i64,
    /// A planned meeting of `pair`.
    pub meeting: i64,
    /// The mentee of `pair`.
    pub mentee: i64,
    /// The mentor of `pair`.
    pub mentor: i64,
}

/// The fields of callback data being written.
#[derive(Debug, Default)]
pub struct Fields(String);

impl Fields {
    /// Appends one field (it must not contain `:`).
    pub fn push(&mut self, field: impl std::fmt::Display) -> &mut Self {
        if !self.0.is_empty() {
            self.0.push(':');
        }
        let _ = write!(self.0, "{field}");
        self
    }
}

/// A number written the one way [`Fields::push`] writes it (no `+`, no leading zeros).
pub fn canonical_int(s: &str) -> Option<i64> {
    s.parse::<i64>().ok().filter(|n| n.to_string() == s)
}

/// The fields of callback data being read.
pub struct Reader<'a>(std::str::Split<'a, char>);

impl<'a> Reader<'a> {
    pub fn new(fields: &'a str) -> Self {
        Reader(fields.split(':'))
    }
    /// The next field as text.
    pub fn word(&mut self) -> Option<&'a str> {
        self.0.next()
    }
    /// The next field as a number, written the one way [`Fields::push`] writes it (no `+`,
    /// no leading zeros), so that each action has exactly one encoding.
    pub fn int(&mut self) -> Option<i64> {
        canonical_int(self.0.next()?)
    }
    /// The next field as `y` / `n`.
    pub fn yes_no(&mut self) -> Option<bool> {
        match self.0.next()? {
            "y" => Some(true),
            "n" => Some(false),
            _ => None,
        }
    }
    /// Whether every field was read.
    pub fn done(mut self) -> bool {
        self.0.next().is_none()
    }
}

fn encode_feature<F: Feature>(f: &F) -> String {
    let mut fields = Fields::default();
    f.encode_fields(&mut fields);
    if fields.0.is_empty() {
        F::PREFIX.to_string()
    } else {
        format!("{}:{}", F::PREFIX, fields.0)
    }
}

fn parse_feature<F: Feature>(rest: &str) -> Option<F> {
    let mut r = Reader::new(rest);
    let parsed = F::parse_fields(&mut r)?;
    r.done().then_some(parsed)
}

/// Applies `$m` to every typed feature: `(Variant, SubEnum)`. One line per feature: the
/// `Action` enum, its encoding, parsing, needs, names and examples all follow from this list.
macro_rules! features {
    ($m:ident) => {
        $m! {
            (Lang, general::LangAction),
            // onboarding, profile, privacy (cs, ob, pf, fg, iv, pk, mv)
            (Consent, onboarding::ConsentAction),
            (Onboarding, onboarding::OnboardingAction),
            (Profile, profile::ProfileAction),
            (Forget, general::ForgetAction),
            (Invite, general::InviteAction),
            (KeepPractice, privacy::KeepPracticeAction),
            (ConfirmMentor, privacy::ConfirmMentorAction),
            // requests and pairs (rq, pr, pt, rs)
            (Request, requests::RequestAction),
            (Pair, pairs::PairAction),
            (Petition, pairs::PetitionAction),
            (Resignation, pairs::ResignationAction),
            // journal, plan, /sos (jl, so, ar, pl)
            (Journal, journal::JournalAction),
            (Sos, journal::SosAction),
            (Adaptation, journal::ReportAction),
            (Plan, journal::PlanAction),
            (PlanEdit, plan_edit::PlanEditAction),
            // meetings planned ahead (mt)
            (Meeting, meetings::MeetingAction),
            (PlanProposal, programme::ProposalAction),
            (ProgrammeLength, programme::LengthAction),
            // meetings, reminders, settings (st, cal, set, bk, …)
            (Settings, reminders::SettingsAction),
            (Stage, reminders::StageAction),
            (Calendar, reminders::CalendarAction),
            (BankAsk, reminders::BankAskAction),
            // the district's held events (he)
            (HeldEvent, events::HeldEventAction),
            // monitoring and documents (sv, mr, dc)
            (Documents, documents::DocumentsAction),
            (Surveys, surveys::SurveyAction),
            (SurveyAnswer, surveys::SurveyAnswerAction),
            (ReportScope, school::ReportScopeAction),
            // organizations and school facts (og, …)
            (Orgs, orgs::OrgsAction),
            (School, school::SchoolAction),
            // community (an, ps, pm, bp, bf, lc)
            (Link, chats::LinkAction),
            (Announce, community::AnnounceAction),
            (PracticeForm, community::PracticeFormAction),
            (Moderation, community::ModerationAction),
            (BankPage, community::BankPageAction),
            (BankFiles, community::BankFilesAction),
        }
    };
}

macro_rules! declare {
    ($(($v:ident, $t:ty)),* $(,)?) => {
        /// Everything a button can do: one variant per feature (see `features!`).
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Action {
            $($v($t),)*
        }
    };
}
features!(declare);

macro_rules! conversions {
    ($(($v:ident, $t:ty)),* $(,)?) => {
        $(impl From<$t> for Action {
            fn from(a: $t) -> Action {
                Action::$v(a)
            }
        }

        /// The callback data, so that `ui::button(label, action)` takes a typed action.
        impl From<$t> for String {
            fn from(a: $t) -> String {
                Action::$v(a).encode()
            }
        })*
    };
}
features!(conversions);

impl Action {
    /// The callback data.
    pub fn encode(&self) -> String {
        macro_rules! arms {
            ($(($v:ident, $t:ty)),* $(,)?) => {
                match self {
                    $(Action::$v(a) => encode_feature(a),)*
                }
            };
        }
        features!(arms)
    }

    /// Parses callback data: `None` for an unknown prefix or malformed fields (a stale or
    /// forged button).
    pub fn parse(data: &str) -> Option<Action> {
        let (prefix, rest) = data.split_once(':').unwrap_or((data, ""));
        macro_rules! arms {
            ($(($v:ident, $t:ty)),* $(,)?) => {
                $(if prefix == <$t as Feature>::PREFIX {
                    return parse_feature::<$t>(rest).map(Action::$v);
                })*
            };
        }
        features!(arms);
        None
    }

    /// What the action touches and who may press it.
    pub fn need(&self) -> Need {
        macro_rules! arms {
            ($(($v:ident, $t:ty)),* $(,)?) => {
                match self {
                    $(Action::$v(a) => a.need(),)*
                }
            };
        }
        features!(arms)
    }

    /// The action's name in the authorization table.
    pub fn name(&self) -> &'static str {
        macro_rules! arms {
            ($(($v:ident, $t:ty)),* $(,)?) => {
                match self {
                    $(Action::$v(a) => a.name(),)*
                }
            };
        }
        features!(arms)
    }

    /// How many variants the typed features have (for the coverage of examples).
    pub fn variant_count() -> usize {
        let mut n = 0;
        macro_rules! arms {
            ($(($v:ident, $t:ty)),* $(,)?) => {
                $(n += <$t as strum::EnumCount>::COUNT;)*
            };
        }
        features!(arms);
        n
    }

    /// Examples of every typed action.
    pub fn examples(ids: &Ids) -> Vec<Action> {
        let mut all = Vec::new();
        macro_rules! arms {
            ($(($v:ident, $t:ty)),* $(,)?) => {
                $(all.extend(<$t as Feature>::examples(ids).into_iter().map(Action::$v));)*
            };
        }
        features!(arms);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(n: i64) -> Ids {
        Ids {
            org: n,
            pair: n + 1,
            entry: n + 2,
            plan_item: n + 3,
            sos: n + 4,
            request: n + 5,
            practice: n + 6,
            announcement: n + 7,
            mentee: n + 8,
            mentor: n + 9,
            change: n + 10,
            petition: n + 11,
            resignation: n + 12,
            order: n + 13,
            proposal: n + 14,
            survey_response: n + 15,
            meeting: n + 16,
        }
    }

    #[test]
    fn every_action_fits_telegram() {
        // the largest ids a SQLite rowid can hold
        for a in Action::examples(&ids(i64::MAX - 20)) {
            let data = a.encode();
            assert!(
                data.len() <= MAX_CALLBACK_BYTES,
                "{} is {} bytes: {data}",
                a.name(),
                data.len()
            );
        }
    }

    /// Examples cover every variant (names are distinct per variant).
    #[test]
    fn examples_cover_every_variant() {
        let all = Action::examples(&ids(1));
        let names: std::collections::BTreeSet<&str> = all.iter().map(|a| a.name()).collect();
        assert_eq!(
            names.len(),
            Action::variant_count(),
            "examples or names miss a variant: {names:?}"
        );
        for a in &all {
            assert!(!a.name().is_empty());
        }
    }

    #[test]
    fn malformed_data_is_refused() {
        for data in ["lang:", "lang:xx", "lang:ru:1", "lang"] {
            assert!(
                !matches!(Action::parse(data), Some(Action::Lang(_))),
                "{data}"
            );
        }
        assert_eq!(Action::parse("zz:1"), None);
        assert_eq!(Action::parse("nothing"), None);
    }

    proptest! {
        /// Every action comes back from its encoding as it was, whatever the ids.
        #[test]
        fn round_trip(n in 0i64..(i64::MAX - 20)) {
            for a in Action::examples(&ids(n)) {
                prop_assert_eq!(Action::parse(&a.encode()), Some(a.clone()), "{}", a.name());
            }
        }

        /// Any data at all parses without panicking, and a typed result encodes back to it.
        #[test]
        fn any_data_parses_safely(data in "\\PC{0,70}") {
            if let Some(a) = Action::parse(&data) {
                prop_assert_eq!(a.encode(), data);
            }
        }
    }
}
