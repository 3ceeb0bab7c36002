//! The seven stages of a school's mentoring programme as 000 §IV names them (001 App. 2 and
//! 004 §7.1 number and name them differently): for each stage, what it needs (the duties of
//! 000 §IV and the roadmap of 001 App. 2) and who or what has not done it yet — the checklist
//! the curator gets on entering a stage and, while something is overdue, every week.

use chrono::NaiveDate;

/// The number of stages (000 §IV).
pub const STAGES: i64 = 7;

macro_rules! todo_kinds {
    ($($variant:ident => $code:literal, $stage:literal, $grace:literal;)+) => {
        /// One kind of thing a stage waits for. The text is `stage-todo-<code>`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum TodoKind { $($variant),+ }

        impl TodoKind {
            pub const ALL: &'static [TodoKind] = &[$(TodoKind::$variant),+];
            pub fn code(self) -> &'static str {
                match self { $(TodoKind::$variant => $code),+ }
            }
            pub fn from_code(s: &str) -> Option<TodoKind> {
                match s { $($code => Some(TodoKind::$variant),)+ _ => None }
            }
            /// The stage (000 §IV) whose checklist it is on.
            pub fn stage(self) -> i64 {
                match self { $(TodoKind::$variant => $stage),+ }
            }
            /// Days after `Todo::since` from which it is overdue.
            pub fn grace_days(self) -> i64 {
                match self { $(TodoKind::$variant => $grace),+ }
            }
        }
    };
}

todo_kinds! {
    // 1. Подготовка условий для запуска программы наставничества: the head's acts (the
    //    regulation, the roadmap, the curator) and the people invited
    NoHead => "no-head", 1, 14;
    NoMentors => "no-mentors", 1, 14;
    NoMentees => "no-mentees", 1, 14;
    // 2. Формирование базы наставляемых: every mentee's request (and consent)
    MenteeWithoutRequest => "mentee-no-request", 2, 14;
    // 3. Формирование базы наставников: every mentor's questionnaire and consent
    MentorWithoutProfile => "mentor-no-profile", 3, 14;
    // 4. Отбор и обучение наставников: the curator selects (approves) each mentor
    MentorNotApproved => "mentor-not-approved", 4, 14;
    // 5. Формирование наставнических пар или групп: requests matched, pairs fixed by an order
    RequestWithoutPair => "request-no-pair", 5, 14;
    PairWithoutOrder => "pair-no-order", 5, 14;
    // 6. Организация работы наставнических пар или групп: a plan, regular meetings
    PairWithoutPlan => "pair-no-plan", 6, 14;
    PairSilent => "pair-silent", 6, 0;
    // 7. Завершение наставничества: programmes ended on time, exit surveys answered
    ProgrammeOverdue => "programme-overdue", 7, 0;
    ExitSurveyUnanswered => "exit-survey-unanswered", 7, 3;
}

/// What stage `stage` checks (every stage of 000 §IV has a checklist).
pub fn checklist(stage: i64) -> Vec<TodoKind> {
    TodoKind::ALL
        .iter()
        .copied()
        .filter(|k| k.stage() == stage)
        .collect()
}

/// One thing not yet done: who or what (empty for the organization itself) and since when.
#[derive(Debug, Clone, PartialEq)]
pub struct Todo {
    pub kind: TodoKind,
    pub name: String,
    pub since: NaiveDate,
}

impl Todo {
    pub fn new(kind: TodoKind, name: impl Into<String>, since: NaiveDate) -> Todo {
        Todo {
            kind,
            name: name.into(),
            since,
        }
    }
    pub fn overdue(&self, today: NaiveDate) -> bool {
        (today - self.since).num_days() >= self.kind.grace_days()
    }
}

/// The weekly «всё ещё на этапе N»: the first week always; after that only while something on
/// the stage's checklist is overdue (no nagging a school that is simply working at stage 6).
pub fn weekly_nag(weeks: i64, todo: &[Todo], today: NaiveDate) -> bool {
    weeks == 1 || (weeks > 1 && todo.iter().any(|t| t.overdue(today)))
}

/// The checklist as one text argument of a reminder: a line per item, `code` TAB `name`
/// (read back with [`decode`] where the reminder is rendered in the reader's language).
pub fn encode(todo: &[Todo]) -> String {
    todo.iter()
        .map(|t| format!("{}\t{}", t.kind.code(), t.name.replace(['\t', '\n'], " ")))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn decode(text: &str) -> Vec<(TodoKind, String)> {
    text.lines()
        .filter_map(|l| {
            let (code, name) = l.split_once('\t').unwrap_or((l, ""));
            Some((TodoKind::from_code(code)?, name.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn every_stage_has_a_checklist() {
        for stage in 1..=STAGES {
            assert!(!checklist(stage).is_empty(), "stage {stage}");
        }
        assert!(checklist(0).is_empty() && checklist(8).is_empty());
        assert_eq!(checklist(2), vec![TodoKind::MenteeWithoutRequest]);
        assert_eq!(
            checklist(7),
            vec![TodoKind::ProgrammeOverdue, TodoKind::ExitSurveyUnanswered]
        );
        for k in TodoKind::ALL {
            assert_eq!(TodoKind::from_code(k.code()), Some(*k));
        }
    }

    #[test]
    fn overdue_after_each_kinds_grace() {
        let t = Todo::new(TodoKind::MenteeWithoutRequest, "Иванова", d(9, 1));
        assert!(!t.overdue(d(9, 14)));
        assert!(t.overdue(d(9, 15)));
        let silent = Todo::new(TodoKind::PairSilent, "№4", d(9, 20));
        assert!(
            silent.overdue(d(9, 20)),
            "a silent pair is on the list because it is already late"
        );
        let survey = Todo::new(TodoKind::ExitSurveyUnanswered, "Петрова", d(9, 20));
        assert!(!survey.overdue(d(9, 22)) && survey.overdue(d(9, 23)));
    }

    #[test]
    fn the_weekly_nag_stops_after_the_first_unless_something_is_overdue() {
        let today = d(10, 1);
        let fresh = vec![Todo::new(TodoKind::PairWithoutPlan, "№3", d(9, 28))];
        let late = vec![Todo::new(TodoKind::PairWithoutPlan, "№3", d(9, 1))];
        assert!(
            !weekly_nag(0, &fresh, today),
            "the entry note is not a weekly one"
        );
        assert!(weekly_nag(1, &[], today), "the first week: always");
        assert!(!weekly_nag(2, &[], today), "nothing to do: no more nagging");
        assert!(!weekly_nag(5, &fresh, today), "on the list but not overdue");
        assert!(weekly_nag(5, &late, today));
    }

    #[test]
    fn the_checklist_travels_as_text() {
        let todo = vec![
            Todo::new(TodoKind::NoHead, "", d(9, 1)),
            Todo::new(TodoKind::PairSilent, "№4\tПетрова", d(9, 1)),
        ];
        assert_eq!(
            decode(&encode(&todo)),
            vec![
                (TodoKind::NoHead, String::new()),
                (TodoKind::PairSilent, "№4 Петрова".to_string())
            ]
        );
        assert!(decode("nonsense\tx").is_empty());
    }
}
