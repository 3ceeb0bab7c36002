//! A mentoring pair or group (пара / группа) and its personalised program's dates.
//! A pair is never erased: ending it records the reason (DOMAIN "How a pair ends"), and a
//! replacement closes the old pair and opens a new one.

use super::Form;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PairStatus {
    Active,
    /// Ended because the plan was completed in full.
    Completed,
    /// Ended early (any other reason).
    Terminated,
}

impl PairStatus {
    pub fn code(self) -> &'static str {
        match self {
            PairStatus::Active => "active",
            PairStatus::Completed => "completed",
            PairStatus::Terminated => "terminated",
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        [
            PairStatus::Active,
            PairStatus::Completed,
            PairStatus::Terminated,
        ]
        .into_iter()
        .find(|p| p.code() == s)
    }
}

/// Why a pair ended (001 App.1 §7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EndReason {
    /// 1. the plan is completed in full
    PlanCompleted,
    /// 2. for good reason, on the initiative of the mentor / mentee / both
    MentorInitiative,
    MenteeInitiative,
    MutualInitiative,
    /// 3. on the curator's initiative: the program is not carried out properly
    CuratorImproper,
    /// the mentee's petition for replacement was approved
    Replacement,
    /// the mentor resigned (заявление о сложении обязанностей)
    MentorResigned,
}

impl EndReason {
    pub const ALL: [EndReason; 7] = [
        EndReason::PlanCompleted,
        EndReason::MentorInitiative,
        EndReason::MenteeInitiative,
        EndReason::MutualInitiative,
        EndReason::CuratorImproper,
        EndReason::Replacement,
        EndReason::MentorResigned,
    ];
    pub fn code(self) -> &'static str {
        match self {
            EndReason::PlanCompleted => "completed",
            EndReason::MentorInitiative => "mentor",
            EndReason::MenteeInitiative => "mentee",
            EndReason::MutualInitiative => "mutual",
            EndReason::CuratorImproper => "improper",
            EndReason::Replacement => "replacement",
            EndReason::MentorResigned => "resigned",
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == s)
    }
    pub fn key(self) -> String {
        format!("end-reason-{}", self.code())
    }
    /// The status a pair ends in for this reason.
    pub fn final_status(self) -> PairStatus {
        if self == EndReason::PlanCompleted {
            PairStatus::Completed
        } else {
            PairStatus::Terminated
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PairEvent {
    End(EndReason),
    Extend,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("event {event:?} is not allowed when the pair is {from:?}")]
pub struct IllegalPairTransition {
    pub from: PairStatus,
    pub event: PairEvent,
}

pub fn apply(from: PairStatus, event: PairEvent) -> Result<PairStatus, IllegalPairTransition> {
    match (from, event) {
        (PairStatus::Active, PairEvent::End(reason)) => Ok(reason.final_status()),
        (PairStatus::Active, PairEvent::Extend) => Ok(PairStatus::Active),
        _ => Err(IllegalPairTransition { from, event }),
    }
}

code_enum! {
    /// A petition for replacement (ходатайство о замене) or a mentor's resignation
    /// (заявление об освобождении): waiting for the curator, then approved or rejected.
    pub enum Decision {
        Pending => "pending",
        Approved => "approved",
        Rejected => "rejected",
    }
}

code_enum! {
    /// A change of a pair one side asked for (an end, an extension, a new length): waiting for
    /// the other side, then confirmed or rejected.
    pub enum ChangeStatus {
        Pending => "pending",
        Confirmed => "confirmed",
        Rejected => "rejected",
    }
}

/// A program lasts from 3 months to 1 year (000 §1.3, 001 §1.3).
pub const MIN_MONTHS: u32 = 3;
pub const MAX_MONTHS: u32 = 12;

/// Flash mentoring alone (скоростное, 000 §2.3): a programme of one meeting, with no length to
/// choose; it ends when that meeting is logged.
pub fn is_flash(forms: &[Form]) -> bool {
    forms == [Form::Flash]
}

/// The default program length for a form of mentoring. Flash mentoring (скоростное, 000 §2.3:
/// «однократная встреча») is one meeting: the pair ends when it is logged, and the month is
/// only the time to find a date for it.
pub fn default_months(form: Option<Form>) -> u32 {
    match form {
        Some(Form::Flash) => 1,
        Some(Form::ShortTerm) => 3,
        Some(Form::Situational) => 6,
        _ => 9, // a school year
    }
}

pub fn planned_end(start: NaiveDate, months: u32) -> NaiveDate {
    start
        .checked_add_months(Months::new(months))
        .unwrap_or(start)
}

/// The end of a pair formed on `start`: a replacement mentor continues the remaining programme
/// of the mentee's previous pair (its planned end) while at least a month of it is left;
/// otherwise (or with no previous pair) a fresh programme of the form's default length.
pub fn continued_end(
    start: NaiveDate,
    previous_end: Option<NaiveDate>,
    form: Option<Form>,
) -> NaiveDate {
    match previous_end {
        Some(end) if end >= planned_end(start, 1) && end <= planned_end(start, MAX_MONTHS) => end,
        _ => planned_end(start, default_months(form)),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    TooShort,
    TooLong,
    NotAfterCurrentEnd,
}

/// Checks a program's planned end against its start: 3 to 12 months.
pub fn check_program_end(start: NaiveDate, end: NaiveDate) -> Result<(), DateProblem> {
    if end < planned_end(start, MIN_MONTHS) {
        Err(DateProblem::TooShort)
    } else if end > planned_end(start, MAX_MONTHS) {
        Err(DateProblem::TooLong)
    } else {
        Ok(())
    }
}

/// An extension (by mutual consent) moves the end later, by at most a year from the current end.
pub fn check_extension(current_end: NaiveDate, new_end: NaiveDate) -> Result<(), DateProblem> {
    if new_end <= current_end {
        Err(DateProblem::NotAfterCurrentEnd)
    } else if new_end > planned_end(current_end, MAX_MONTHS) {
        Err(DateProblem::TooLong)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn ending_and_extending() {
        assert_eq!(
            apply(PairStatus::Active, PairEvent::End(EndReason::PlanCompleted)),
            Ok(PairStatus::Completed)
        );
        for r in EndReason::ALL
            .into_iter()
            .filter(|r| *r != EndReason::PlanCompleted)
        {
            assert_eq!(
                apply(PairStatus::Active, PairEvent::End(r)),
                Ok(PairStatus::Terminated)
            );
        }
        assert_eq!(
            apply(PairStatus::Active, PairEvent::Extend),
            Ok(PairStatus::Active)
        );
        for from in [PairStatus::Completed, PairStatus::Terminated] {
            assert!(apply(from, PairEvent::Extend).is_err());
            for r in EndReason::ALL {
                assert!(
                    apply(from, PairEvent::End(r)).is_err(),
                    "a closed pair stays closed"
                );
            }
        }
    }

    #[test]
    fn program_length() {
        let start = d(2026, 9, 1);
        assert_eq!(planned_end(start, default_months(None)), d(2027, 6, 1));
        assert_eq!(
            planned_end(start, default_months(Some(Form::Flash))),
            d(2026, 10, 1)
        );
        // a replacement continues the remaining programme, if a month or more of it is left
        assert_eq!(
            continued_end(d(2026, 11, 10), Some(d(2027, 6, 1)), None),
            d(2027, 6, 1)
        );
        assert_eq!(
            continued_end(d(2027, 5, 10), Some(d(2027, 6, 1)), None),
            d(2028, 2, 10),
            "less than a month left: a fresh programme"
        );
        assert_eq!(
            continued_end(d(2027, 7, 1), Some(d(2027, 6, 1)), Some(Form::ShortTerm)),
            d(2027, 10, 1),
            "the old end has passed"
        );
        assert_eq!(continued_end(start, None, None), d(2027, 6, 1));
        assert_eq!(check_program_end(start, d(2026, 12, 1)), Ok(()));
        assert_eq!(
            check_program_end(start, d(2026, 11, 30)),
            Err(DateProblem::TooShort)
        );
        assert_eq!(check_program_end(start, d(2027, 9, 1)), Ok(()));
        assert_eq!(
            check_program_end(start, d(2027, 9, 2)),
            Err(DateProblem::TooLong)
        );
        // month ends: 30 November + 3 months = 28 February (no panic, no overflow)
        assert_eq!(planned_end(d(2026, 11, 30), 3), d(2027, 2, 28));
    }

    #[test]
    fn extension() {
        let end = d(2027, 5, 31);
        assert_eq!(check_extension(end, d(2027, 8, 31)), Ok(()));
        assert_eq!(
            check_extension(end, end),
            Err(DateProblem::NotAfterCurrentEnd)
        );
        assert_eq!(
            check_extension(end, d(2028, 6, 1)),
            Err(DateProblem::TooLong)
        );
    }

    #[test]
    fn reason_codes() {
        for r in EndReason::ALL {
            assert_eq!(EndReason::from_code(r.code()), Some(r));
        }
    }
}
