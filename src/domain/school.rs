//! What an organization states about itself once a school year (004 §8 Table 1): how many
//! teachers, young teachers (the first 3 years of work) and new heads it has, and whether its
//! regulation on mentoring is adopted. They are the denominators of the district's shares.

use chrono::{Datelike, NaiveDate};

/// The most a count may be (a district's largest college is far below).
pub const MAX_COUNT: i64 = 100_000;

/// The school's regulation on mentoring (положение о наставничестве).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Regulation {
    /// Not stated.
    #[default]
    Unknown,
    /// Stated: not adopted yet.
    NotAdopted,
    /// Adopted on this date.
    Adopted(NaiveDate),
}

impl Regulation {
    /// Whether it is in force on `as_of`; `None` if nobody said.
    pub fn in_force(self, as_of: NaiveDate) -> Option<bool> {
        match self {
            Regulation::Unknown => None,
            Regulation::NotAdopted => Some(false),
            Regulation::Adopted(d) => Some(d <= as_of),
        }
    }
}

/// An organization's statement for one school year; `None` counts were not stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stated {
    /// The year the school year starts in (2026 for 2026/27).
    pub school_year: i32,
    pub teachers: Option<i64>,
    pub young: Option<i64>,
    pub new_heads: Option<i64>,
    pub regulation: Regulation,
}

/// The school year a date falls in: from 1 September to 31 August.
pub fn school_year(d: NaiveDate) -> i32 {
    if d.month() >= 9 {
        d.year()
    } else {
        d.year() - 1
    }
}

/// Why a statement is refused (the locale key of the explanation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactsError {
    /// A count below 0 or above [`MAX_COUNT`].
    Count,
    /// More young teachers than teachers.
    MoreYoungThanTeachers,
    /// A regulation adopted after today.
    FutureRegulation,
}

impl FactsError {
    pub fn key(self) -> &'static str {
        match self {
            FactsError::Count => "sf-err-count",
            FactsError::MoreYoungThanTeachers => "sf-err-young",
            FactsError::FutureRegulation => "sf-err-future",
        }
    }
}

impl Stated {
    /// Checks a statement made on `today`.
    pub fn check(&self, today: NaiveDate) -> Result<(), FactsError> {
        if [self.teachers, self.young, self.new_heads]
            .into_iter()
            .flatten()
            .any(|n| !(0..=MAX_COUNT).contains(&n))
        {
            return Err(FactsError::Count);
        }
        if let (Some(t), Some(y)) = (self.teachers, self.young) {
            if y > t {
                return Err(FactsError::MoreYoungThanTeachers);
            }
        }
        if matches!(self.regulation, Regulation::Adopted(d) if d > today) {
            return Err(FactsError::FutureRegulation);
        }
        Ok(())
    }
}

/// A count as typed: digits only, within [`MAX_COUNT`].
pub fn parse_count(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() || s.len() > 6 || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|n| *n <= MAX_COUNT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn school_years_start_in_september() {
        assert_eq!(school_year(d(2026, 9, 1)), 2026);
        assert_eq!(school_year(d(2026, 8, 31)), 2025);
        assert_eq!(school_year(d(2027, 5, 31)), 2026);
    }

    #[test]
    fn statements_are_checked() {
        let today = d(2026, 10, 1);
        let ok = Stated {
            school_year: 2026,
            teachers: Some(40),
            young: Some(6),
            new_heads: Some(1),
            regulation: Regulation::Adopted(d(2025, 8, 30)),
        };
        assert_eq!(ok.check(today), Ok(()));
        assert_eq!(
            Stated {
                young: Some(41),
                ..ok
            }
            .check(today),
            Err(FactsError::MoreYoungThanTeachers)
        );
        assert_eq!(
            Stated {
                new_heads: Some(-1),
                ..ok
            }
            .check(today),
            Err(FactsError::Count)
        );
        assert_eq!(
            Stated {
                regulation: Regulation::Adopted(d(2026, 10, 2)),
                ..ok
            }
            .check(today),
            Err(FactsError::FutureRegulation)
        );
        assert_eq!(
            Stated {
                teachers: None,
                ..ok
            }
            .check(today),
            Ok(()),
            "a count may be left unstated"
        );
        assert_eq!(
            Regulation::Adopted(d(2026, 9, 1)).in_force(d(2026, 8, 31)),
            Some(false)
        );
        assert_eq!(Regulation::Unknown.in_force(today), None);
        assert_eq!(parse_count(" 42 "), Some(42));
        assert_eq!(parse_count("-1"), None);
        assert_eq!(parse_count("4.5"), None);
        assert_eq!(parse_count("1000000"), None);
    }
}
