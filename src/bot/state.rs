//! Dialogue state, stored as JSON in the `dialogues` table (one row per private chat).
//! `kb` fields hold the id of the message whose keyboard is current: taps on any other
//! message are stale and change nothing.

use crate::domain::{Area, Form, MenteeCategory, Role};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A form's steps, stored as their number (so dialogues saved before the steps were an enum
/// still load, and load the same step).
macro_rules! form_steps {
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $v:ident = $n:literal,)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "u8", into = "u8")]
        pub enum $name {
            $($(#[$vm])* $v,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v,)+];

            /// The step after this one (`None` after the last).
            pub fn next(self) -> Option<$name> {
                let at = $name::ALL.iter().position(|s| *s == self)?;
                $name::ALL.get(at + 1).copied()
            }
        }

        impl Default for $name {
            fn default() -> Self {
                $name::ALL[0]
            }
        }

        impl From<$name> for u8 {
            fn from(s: $name) -> u8 {
                match s {
                    $($name::$v => $n,)+
                }
            }
        }

        impl TryFrom<u8> for $name {
            type Error = String;
            fn try_from(n: u8) -> Result<Self, String> {
                match n {
                    $($n => Ok($name::$v),)+
                    _ => Err(format!("no step {n} in {}", stringify!($name))),
                }
            }
        }
    };
}

form_steps! {
    /// The request form (запрос на наставника).
    pub enum RequestStep {
        Areas = 0,
        Description = 1,
        Form = 2,
        WishedMentor = 3,
    }
}

form_steps! {
    /// `/announce`.
    pub enum AnnounceStep {
        /// The text (and a file).
        Text = 0,
        Targets = 1,
        Preview = 2,
        /// The time of a scheduled one.
        Time = 3,
    }
}

form_steps! {
    /// `/school`: one question per message.
    pub enum FactsStep {
        Teachers = 0,
        Young = 1,
        NewHeads = 2,
        /// The date the regulation on mentoring was adopted, or «нет».
        Regulation = 3,
    }
}

form_steps! {
    /// `/practice`.
    pub enum PracticeStep {
        Pair = 0,
        Title = 1,
        Areas = 2,
        Form = 3,
        Description = 4,
        Files = 5,
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub enum State {
    #[default]
    Idle,
    /// The consent text was shown; waiting for «Согласен» / «Не согласен».
    Consent {
        invite: Option<String>,
        kb: i32,
    },
    Onboarding(Onboarding),
    Edit(Edit),
    ConfirmForget {
        kb: i32,
    },
    Invite {
        kb: i32,
        role: Option<Role>,
    },
    /// The mentee fills in a request for a mentor.
    RequestForm(RequestForm),
    /// Waiting for a typed reason or value (`id` is what it is about).
    Reason {
        purpose: ReasonFor,
        id: i64,
    },
    /// A journal entry or task being logged: waiting for "с кем?" or a step of the guided form.
    Log(LogForm),
    /// The mentee attaches the product of a plan item and assesses it.
    Submission(Submission),
    /// A plan item being added with /plan: title typed, then area and deadline buttons.
    PlanItem(PlanItemForm),
    /// A new deadline (`title` false) or title being typed for plan item `item`.
    PlanEdit {
        item: i64,
        title: bool,
    },
    /// An announcement being composed (`/announce`).
    Announce(AnnounceDraft),
    /// A best practice being submitted (`/practice`).
    PracticeForm(PracticeForm),
    /// The coordinator types a comment for practice `id` sent back to its author.
    PracticeComment {
        id: i64,
    },
    /// The coordinator types a new name for organization `org`; `name` is one that looks like
    /// another organization's, kept until «Всё равно переименовать».
    OrgRename {
        org: i64,
        name: Option<String>,
    },
    /// A mentor's plain text offered as the answer to their one open `/sos` question `id`
    /// (message `kb` carries «Да, это ответ»).
    SosDraft {
        id: i64,
        text: String,
        kb: i32,
    },
    /// A curator states the organization's facts with /school (one question per message).
    SchoolFacts(FactsDraft),
    /// A meeting planned with /meeting by a mentor of several pairs: waiting for «С кем?».
    MeetingDraft(MeetingDraft),
    /// The new time of planned meeting `id` being typed («Перенести»).
    MeetingMove {
        id: i64,
    },
    /// A mentee with several mentors chooses whom the /sos question goes to (`question`
    /// `None`: it is typed after the choice).
    SosTo {
        question: Option<String>,
        source: Option<(i64, i64)>,
    },
    /// The coordinator records a held event: date and title typed, then organizations.
    HeldEvent(HeldEventForm),
    /// «Запланировать встречу» from the guided /meeting form: when and about what, typed.
    MeetingPlan {
        pair: i64,
        mentee: Option<i64>,
    },
}

/// A held event being recorded (`held_on`/`title` `None`: still to be typed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeldEventForm {
    pub held_on: Option<NaiveDate>,
    pub title: Option<String>,
    /// The organizations that took part, chosen so far.
    pub orgs: Vec<i64>,
    pub page: usize,
    /// The message whose keyboard is current.
    pub kb: Option<i32>,
}

/// A planned meeting before its pair is chosen (local time of the mentor's school).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingDraft {
    pub starts: chrono::NaiveDateTime,
    pub minutes: u32,
    pub topic: String,
    /// The Telegram message it came from (chat, message): planned once.
    pub source: Option<(i64, i64)>,
}

/// The answers so far to /school's questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactsDraft {
    pub org: i64,
    pub step: FactsStep,
    pub teachers: Option<i64>,
    pub young: Option<i64>,
    pub new_heads: Option<i64>,
}

impl FactsDraft {
    /// Where the answer to the current question goes when it is a count (`None` at the
    /// regulation, which is a date).
    pub fn count_mut(&mut self) -> Option<&mut Option<i64>> {
        match self.step {
            FactsStep::Teachers => Some(&mut self.teachers),
            FactsStep::Young => Some(&mut self.young),
            FactsStep::NewHeads => Some(&mut self.new_heads),
            FactsStep::Regulation => None,
        }
    }
}

/// What is being logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LogKind {
    Meeting,
    Helped,
    Task,
}

/// A quick log or the guided /meeting form. Filled fields are kept; `None` is still to ask.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogForm {
    pub kind: LogKind,
    /// The chosen pair and mentee (`mentee_id` None = the whole group).
    pub target: Option<(i64, Option<i64>)>,
    pub date: Option<NaiveDate>,
    pub minutes: Option<u32>,
    pub format: Option<String>,
    pub topic: Option<String>,
    pub deadline: Option<NaiveDate>,
    /// The Telegram message the log came from (chat, message): logged once.
    pub source: Option<(i64, i64)>,
    pub kb: Option<i32>,
    /// The «Записываю…» message left by the last button: edited into the result.
    #[serde(default)]
    pub placeholder: Option<i32>,
    /// «Такая встреча уже записана — записать ещё одну?» (or, for a task, «… после окончания
    /// программы. Всё верно?») answered «Да».
    #[serde(default)]
    pub duplicate_ok: bool,
}

impl LogForm {
    pub fn new(kind: LogKind) -> LogForm {
        LogForm {
            kind,
            target: None,
            date: None,
            minutes: None,
            format: None,
            topic: None,
            deadline: None,
            source: None,
            kb: None,
            placeholder: None,
            duplicate_ok: false,
        }
    }
}

/// Marking a plan item done: product, then self-assessment 1–5, then an optional comment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub item_id: i64,
    pub product_kind: Option<String>,
    pub text: Option<String>,
    pub file_id: Option<String>,
    pub score: Option<u8>,
    pub kb: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanItemForm {
    pub pair_id: i64,
    pub goal: bool,
    pub title: Option<String>,
    pub area: Option<String>,
    pub kb: Option<i32>,
    /// The area is chosen: the deadline is asked (buttons, or typed «до 25.12»).
    #[serde(default)]
    pub deadline_step: bool,
}

/// `/announce`: the text (and a file), targets, preview, the time for a scheduled one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnnounceDraft {
    pub step: AnnounceStep,
    pub body: String,
    /// (document/photo, Telegram file id)
    pub file: Option<(String, String)>,
    pub targets: Vec<String>,
    pub kb: Option<i32>,
}

/// `/practice`: pair, title, areas, form, description, files.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PracticeForm {
    pub step: PracticeStep,
    pub pair_id: Option<i64>,
    pub title: String,
    pub areas: Vec<String>,
    pub form: Option<String>,
    pub description: String,
    /// (document/photo, Telegram file id, file name)
    pub files: Vec<(String, String, String)>,
    pub kb: Option<i32>,
}

/// The request form: areas, description, form, wished mentor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RequestForm {
    pub step: RequestStep,
    pub areas: Vec<String>,
    pub description: Option<String>,
    pub form: Option<String>,
    pub kb: Option<i32>,
}

/// What a typed text answers: each feature's own reasons, so a feature's text handler sees
/// only its own. Stored untagged: the feature enums' variant names are all different, so the
/// JSON is the one the single mixed enum wrote (`"Resign"`, `{"EditEntry":{"version":3}}`)
/// and a dialogue saved before the split loads into the same meaning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ReasonFor {
    Request(RequestReason),
    Pair(PairReason),
    Journal(JournalReason),
    Plan(PlanReason),
    Programme(ProgrammeReason),
}

/// A text typed for a request (`bot::requests`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RequestReason {
    /// Why the curator rejects request `id`.
    RejectRequest,
}

/// A text typed about a pair (`bot::pairs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PairReason {
    RejectPetition,
    RejectResignation,
    /// The head's order for a pair: «№ 12 от 01.09.2026».
    Order,
    /// The mentee explains a petition for replacement.
    PetitionText {
        pair_id: i64,
        code: String,
    },
    /// The mentor's statement of resignation.
    Resign,
}

/// A text typed for the journal, /sos and the adaptation report (`bot::journal`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum JournalReason {
    /// A corrected journal entry (`id` is the entry, `version` the one being corrected).
    EditEntry { version: i64 },
    /// The mentee's question for /sos (`id` is the pair).
    SosQuestion,
    /// The mentor's answer to a /sos question (`id`).
    SosAnswer,
    /// The mentor's comment to an adaptation report (`id` is the pair).
    ReportComment,
}

/// A text typed for the plan (`bot::plan`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PlanReason {
    /// What to rework in a plan item (`id`).
    Rework,
}

/// A text typed for the mentee's proposals to the programme (`bot::programme`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ProgrammeReason {
    /// The text of a new plan item the mentee proposes (`id` is the pair); `goal`: a goal of
    /// the programme rather than an item of its plan.
    ProposeItem {
        #[serde(default)]
        goal: bool,
    },
    /// The proposed item's deadline (`id` is the pair), or «Без срока».
    ProposeDeadline {
        title: String,
        #[serde(default)]
        goal: bool,
    },
    /// The mentor's own text for a proposed item they accept (`id` is the proposal).
    ProposalEdit,
    /// Why the mentor refuses a proposed item (`id` is the proposal).
    ProposalRefuse,
}

macro_rules! reason_from {
    ($($feature:ident($reason:ident),)+) => {
        $(impl From<$reason> for ReasonFor {
            fn from(r: $reason) -> ReasonFor {
                ReasonFor::$feature(r)
            }
        })+
    };
}

reason_from! {
    Request(RequestReason),
    Pair(PairReason),
    Journal(JournalReason),
    Plan(PlanReason),
    Programme(ProgrammeReason),
}

impl State {
    /// Waiting for a text typed for `purpose` about `id`.
    pub fn reason(purpose: impl Into<ReasonFor>, id: i64) -> State {
        State::Reason {
            purpose: purpose.into(),
            id,
        }
    }
}

/// A step of onboarding; which one comes next is decided by `onboarding::next_step`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    FullName,
    Org,
    Position,
    Subjects,
    Experience,
    ChooseRole,
    MenteeCategory,
    MenteeAreas,
    /// Besides the checklist: the difficulties in the mentee's own words (optional).
    MenteeDifficultyText,
    MentorCompetences,
    MentorForms,
    MentorCapacity,
    MentorOtherOrgs,
    MentorConsent,
}

/// Answers collected during onboarding that are written together at the end.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Onboarding {
    pub invite: Option<String>,
    pub step: Option<Step>,
    pub kb: Option<i32>,
    pub org_page: u32,
    pub chosen_role: Option<Role>,
    pub category: Option<MenteeCategory>,
    pub areas: Vec<Area>,
    pub competences: Vec<Area>,
    pub forms: Vec<Form>,
    pub capacity: Option<u32>,
    pub other_orgs: Option<bool>,
    /// The multi-select in progress (codes).
    pub selected: Vec<String>,
    /// The difficulties in the mentee's own words, and whether they were asked for.
    #[serde(default)]
    pub difficulty_note: Option<String>,
    #[serde(default)]
    pub difficulty_asked: bool,
}

/// Which profile field is being edited in /profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditField {
    FullName,
    Position,
    Subjects,
    Experience,
    Category,
    Areas,
    Competences,
    Forms,
    Capacity,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    pub field: EditField,
    pub kb: Option<i32>,
    pub selected: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A form's step is stored as its number: a dialogue saved while steps were numbers loads
    /// at the same step, a new one saves the same JSON, and a number that is no step is refused.
    #[test]
    fn steps_are_stored_as_their_numbers() {
        let saved = r#"{"RequestForm":{"step":2,"areas":["methods"],"description":"Нужна помощь","form":null,"kb":7}}"#;
        let state: State = serde_json::from_str(saved).unwrap();
        let State::RequestForm(form) = &state else {
            panic!("{state:?}")
        };
        assert_eq!(form.step, RequestStep::Form);
        assert_eq!(serde_json::to_string(&state).unwrap(), saved);
        for (n, step) in PracticeStep::ALL.iter().enumerate() {
            assert_eq!(u8::from(*step), n as u8);
            assert_eq!(PracticeStep::try_from(n as u8), Ok(*step));
        }
        assert!(serde_json::from_str::<AnnounceDraft>(
            r#"{"step":9,"body":"","file":null,"targets":[],"kb":null}"#
        )
        .is_err());
        assert_eq!(AnnounceDraft::default().step, AnnounceStep::Text);
    }

    /// Issue 17 §5: `ReasonFor` is split per feature; a dialogue saved with the mixed enum (its
    /// JSON for every old variant) loads into the same meaning and is saved back unchanged.
    #[test]
    fn reasons_saved_before_the_split_load_the_same() {
        use JournalReason as J;
        use PairReason as P;
        use ProgrammeReason as G;
        let old: Vec<(&str, ReasonFor)> = vec![
            (r#""RejectRequest""#, RequestReason::RejectRequest.into()),
            (r#""RejectPetition""#, P::RejectPetition.into()),
            (r#""RejectResignation""#, P::RejectResignation.into()),
            (r#""Order""#, P::Order.into()),
            (
                r#"{"PetitionText":{"pair_id":4,"code":"other"}}"#,
                P::PetitionText {
                    pair_id: 4,
                    code: "other".into(),
                }
                .into(),
            ),
            (r#""Resign""#, P::Resign.into()),
            (
                r#"{"EditEntry":{"version":3}}"#,
                J::EditEntry { version: 3 }.into(),
            ),
            (r#""SosQuestion""#, J::SosQuestion.into()),
            (r#""SosAnswer""#, J::SosAnswer.into()),
            (r#""Rework""#, PlanReason::Rework.into()),
            (r#""ReportComment""#, J::ReportComment.into()),
            (
                r#"{"ProposeItem":{"goal":true}}"#,
                G::ProposeItem { goal: true }.into(),
            ),
            (
                r#"{"ProposeDeadline":{"title":"Открытый урок","goal":false}}"#,
                G::ProposeDeadline {
                    title: "Открытый урок".into(),
                    goal: false,
                }
                .into(),
            ),
            (r#""ProposalEdit""#, G::ProposalEdit.into()),
            (r#""ProposalRefuse""#, G::ProposalRefuse.into()),
        ];
        for (json, purpose) in old {
            let saved = format!(r#"{{"Reason":{{"purpose":{json},"id":7}}}}"#);
            let state: State = serde_json::from_str(&saved).unwrap();
            assert_eq!(state, State::reason(purpose, 7), "{saved}");
            assert_eq!(serde_json::to_string(&state).unwrap(), saved);
        }
        // written before `goal` existed
        let state: State =
            serde_json::from_str(r#"{"Reason":{"purpose":{"ProposeItem":{}},"id":2}}"#).unwrap();
        assert_eq!(state, State::reason(G::ProposeItem { goal: false }, 2));
        assert!(serde_json::from_str::<ReasonFor>(r#""NoSuchReason""#).is_err());
    }

    /// /school's step is stored as the number it was (0 teachers … 3 the regulation): a form
    /// saved mid-way before the step was an enum loads at the same question.
    #[test]
    fn school_facts_steps_keep_their_numbers() {
        let saved =
            r#"{"SchoolFacts":{"org":3,"step":2,"teachers":40,"young":5,"new_heads":null}}"#;
        let state: State = serde_json::from_str(saved).unwrap();
        let State::SchoolFacts(mut draft) = state.clone() else {
            panic!("{state:?}")
        };
        assert_eq!(draft.step, FactsStep::NewHeads);
        assert_eq!(serde_json::to_string(&state).unwrap(), saved);
        *draft.count_mut().unwrap() = Some(1);
        assert_eq!(draft.new_heads, Some(1));
        let order: Vec<FactsStep> =
            std::iter::successors(Some(FactsStep::Teachers), |s| s.next()).collect();
        assert_eq!(order, FactsStep::ALL);
        assert_eq!(
            order.iter().map(|s| u8::from(*s)).collect::<Vec<_>>(),
            [0, 1, 2, 3]
        );
        draft.step = FactsStep::Regulation;
        assert!(draft.count_mut().is_none());
        assert!(serde_json::from_str::<FactsDraft>(
            r#"{"org":3,"step":4,"teachers":null,"young":null,"new_heads":null}"#
        )
        .is_err());
    }
}
