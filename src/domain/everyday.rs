//! Small pure rules of a pair's everyday: how long a wait was (in human units), when an
//! unanswered `/sos` is due for a nudge (working hours, quiet hours), and how names are written.

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

/// A duration split for display: whole days (when at least a day), hours and minutes.
/// Under 90 minutes it stays in minutes; from 90 minutes to a day it is hours and minutes;
/// from a day on it is days, with the hours only while under three days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub days: i64,
    pub hours: i64,
    pub minutes: i64,
}

pub fn span(minutes: i64) -> Span {
    let m = minutes.max(0);
    if m < 90 {
        return Span {
            days: 0,
            hours: 0,
            minutes: m,
        };
    }
    if m < 24 * 60 {
        return Span {
            days: 0,
            hours: m / 60,
            minutes: m % 60,
        };
    }
    let days = m / (24 * 60);
    let hours = if days < 3 { (m % (24 * 60)) / 60 } else { 0 };
    Span {
        days,
        hours,
        minutes: 0,
    }
}

/// The response time of a `/sos` in whole minutes (never negative, at least one once answered).
pub fn response_minutes(asked: DateTime<Utc>, answered: DateTime<Utc>) -> i64 {
    (answered - asked).num_minutes().max(1)
}

/// Working time: outside quiet hours, Monday to Friday, in the organization's zone.
pub fn is_working(tz: Tz, quiet_start: NaiveTime, quiet_end: NaiveTime, t: DateTime<Utc>) -> bool {
    let local = t.with_timezone(&tz);
    if matches!(local.weekday(), Weekday::Sat | Weekday::Sun) {
        return false;
    }
    let time = local.time();
    let quiet = if quiet_start > quiet_end {
        time >= quiet_start || time < quiet_end
    } else {
        quiet_start <= time && time < quiet_end
    };
    !quiet
}

/// The moment when `hours` of working time have passed since `from` (counted in 5-minute steps).
pub fn after_working_hours(
    tz: Tz,
    quiet_start: NaiveTime,
    quiet_end: NaiveTime,
    from: DateTime<Utc>,
    hours: i64,
) -> DateTime<Utc> {
    let step = Duration::minutes(5);
    let mut left = hours * 12;
    let mut t = from;
    // a bound of a few weeks keeps a wrong configuration (no working time at all) from looping
    let limit = from + Duration::days(21);
    while left > 0 && t < limit {
        if is_working(tz, quiet_start, quiet_end, t) {
            left -= 1;
        }
        t += step;
    }
    t
}

/// The next morning after `t`: the end of the quiet hours on the following local day.
pub fn next_morning(tz: Tz, quiet_end: NaiveTime, t: DateTime<Utc>) -> DateTime<Utc> {
    let day = t.with_timezone(&tz).date_naive() + Duration::days(1);
    super::reminders::at_local(tz, day, quiet_end)
}

/// A pair's own rhythm: the median gap in days between its meeting days (at least three
/// meetings are needed to speak of a rhythm).
pub fn rhythm_days(meeting_days: &[chrono::NaiveDate]) -> Option<i64> {
    let mut days: Vec<chrono::NaiveDate> = meeting_days.to_vec();
    days.sort();
    days.dedup();
    if days.len() < 3 {
        return None;
    }
    let mut gaps: Vec<i64> = days.windows(2).map(|w| (w[1] - w[0]).num_days()).collect();
    gaps.sort();
    Some(gaps[gaps.len() / 2])
}

/// How many days without a meeting are still the pair's normal: the regulation's number, or
/// the pair's rhythm with a few days of slack (at most five weeks).
pub fn silence_allowed(regulation_days: i64, rhythm: Option<i64>) -> i64 {
    match rhythm {
        Some(r) => regulation_days.max((r + 3).min(35)),
        None => regulation_days,
    }
}

/// A calendar event that stands for school holidays (каникулы): its code, or its title.
pub fn is_holiday_event(code: Option<&str>, title: &str) -> bool {
    code == Some("holidays")
        || title.to_lowercase().contains("каникул")
        || title.to_lowercase().contains("holiday")
}

/// Days after `after` up to `upto` (inclusive) that fall on a holiday.
pub fn holiday_days(
    after: chrono::NaiveDate,
    upto: chrono::NaiveDate,
    holidays: &[(chrono::NaiveDate, chrono::NaiveDate)],
) -> i64 {
    let mut n = 0;
    let mut d = after + Duration::days(1);
    while d <= upto {
        if holidays.iter().any(|(a, b)| *a <= d && d <= *b) {
            n += 1;
        }
        d += Duration::days(1);
    }
    n
}

/// How long the other side has to answer a request to end the pair by mutual consent.
pub const MUTUAL_ANSWER_DAYS: i64 = 7;

/// The moment a mutual-consent request lapses when the other side has not answered.
pub fn mutual_deadline(asked: DateTime<Utc>) -> DateTime<Utc> {
    asked + Duration::days(MUTUAL_ANSWER_DAYS)
}

/// A name in the usual capitalization: every word and every hyphenated part starts with a
/// capital letter, the rest is lower case («смирнова-петрова ольга» → «Смирнова-Петрова Ольга»).
/// A name typed with capitals inside a part («МакКуин», «д'Артаньян») is left as typed.
pub fn capitalize_name(name: &str) -> String {
    let mixed = |part: &str| {
        let mut chars = part.chars();
        chars.next();
        chars.any(|c| c.is_uppercase()) && part.chars().any(|c| c.is_lowercase())
    };
    let part = |p: &str| -> String {
        if p.is_empty() || mixed(p) {
            return p.to_string();
        }
        let mut cs = p.chars();
        match cs.next() {
            Some(first) => first
                .to_uppercase()
                .chain(cs.flat_map(|c| c.to_lowercase()))
                .collect(),
            None => String::new(),
        }
    };
    name.split(' ')
        .map(|w| w.split('-').map(part).collect::<Vec<_>>().join("-"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a pair's history line says, read back from the note stored with it.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryNote {
    /// The pair ended (or a mentee left a group) for a reason, with the typed explanation.
    End {
        reason: super::pair::EndReason,
        text: Option<String>,
    },
    Left {
        reason: super::pair::EndReason,
    },
    Order {
        number: String,
        date: String,
    },
    Extended {
        from: String,
        to: String,
    },
    /// The programme's length changed (chosen by the curator, or agreed by both sides).
    Length {
        from: String,
        to: String,
    },
    Request(i64),
    Joined(i64),
    Other(String),
}

/// Reads a note of the pair history (`mutual: Не сложилось`, `order 12 2026-09-01`, …).
pub fn history_note(note: &str) -> HistoryNote {
    use super::pair::EndReason;
    let note = note.trim();
    let (head, tail) = match note.split_once(':') {
        Some((h, t)) => (h.trim(), Some(t.trim())),
        None => (note, None),
    };
    if let Some(reason) = EndReason::from_code(head) {
        return HistoryNote::End {
            reason,
            text: tail.filter(|t| !t.is_empty()).map(str::to_string),
        };
    }
    if let (Some(rest), Some(code)) = (head.strip_prefix("mentee "), tail) {
        if rest.ends_with(" left") {
            if let Some(reason) = EndReason::from_code(code) {
                return HistoryNote::Left { reason };
            }
        }
    }
    if let Some(rest) = note.strip_prefix("order ") {
        if let Some((number, date)) = rest.rsplit_once(' ') {
            return HistoryNote::Order {
                number: number.to_string(),
                date: date.to_string(),
            };
        }
    }
    if let Some((a, b)) = note
        .strip_prefix("extended ")
        .and_then(|r| r.split_once(" → "))
    {
        return HistoryNote::Extended {
            from: a.to_string(),
            to: b.to_string(),
        };
    }
    if let Some((a, b)) = note
        .strip_prefix("length ")
        .and_then(|r| r.split_once(" → "))
    {
        return HistoryNote::Length {
            from: a.to_string(),
            to: b.to_string(),
        };
    }
    if let Some(id) = note
        .strip_prefix("joined by request ")
        .and_then(|r| r.parse().ok())
    {
        return HistoryNote::Joined(id);
    }
    if let Some(id) = note.strip_prefix("request ").and_then(|r| r.parse().ok()) {
        return HistoryNote::Request(id);
    }
    HistoryNote::Other(note.to_string())
}

/// A number with one decimal as Russian writes it (a comma) or English (a point): 6,8 / 6.8.
pub fn one_decimal(x: f64, comma: bool) -> String {
    let s = format!("{x:.1}");
    if comma {
        s.replace('.', ",")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};
    use chrono_tz::Europe::Moscow;

    fn t(h: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, 0, 0).unwrap()
    }
    fn msk(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Moscow
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn spans_read_as_people_count() {
        let cases = [
            (0, (0, 0, 0)),
            (25, (0, 0, 25)),
            (89, (0, 0, 89)),
            (90, (0, 1, 30)),
            (200, (0, 3, 20)),
            (24 * 60 - 1, (0, 23, 59)),
            (24 * 60 + 125, (1, 2, 0)),
            (31680, (22, 0, 0)),
            (-5, (0, 0, 0)),
        ];
        for (minutes, (d, h, m)) in cases {
            assert_eq!(
                span(minutes),
                Span {
                    days: d,
                    hours: h,
                    minutes: m
                },
                "{minutes}"
            );
        }
    }

    #[test]
    fn working_hours_skip_nights_and_weekends() {
        // Friday 19:00 in Moscow, quiet 21–08: two hours on Friday, then Monday 08:00 + 2 h
        let from = msk(2026, 9, 4, 19, 0);
        assert_eq!(
            after_working_hours(Moscow, t(21), t(8), from, 4),
            msk(2026, 9, 7, 10, 0)
        );
        // Tuesday 10:00 → 14:00 the same day
        assert_eq!(
            after_working_hours(Moscow, t(21), t(8), msk(2026, 9, 8, 10, 0), 4),
            msk(2026, 9, 8, 14, 0)
        );
        // asked at 23:00 → counted from 08:00
        assert_eq!(
            after_working_hours(Moscow, t(21), t(8), msk(2026, 9, 8, 23, 0), 4),
            msk(2026, 9, 9, 12, 0)
        );
        assert!(!is_working(Moscow, t(21), t(8), msk(2026, 9, 5, 12, 0)));
    }

    #[test]
    fn next_morning_is_the_end_of_quiet_hours_the_following_day() {
        assert_eq!(
            next_morning(Moscow, t(8), msk(2026, 9, 8, 14, 0)),
            msk(2026, 9, 9, 8, 0)
        );
        let d = NaiveDate::from_ymd_opt(2026, 9, 9).unwrap();
        assert_eq!(
            next_morning(Moscow, t(8), msk(2026, 9, 8, 23, 30))
                .with_timezone(&Moscow)
                .date_naive(),
            d
        );
    }

    #[test]
    fn names_get_their_capitals() {
        assert_eq!(
            capitalize_name("смирнова ольга игоревна"),
            "Смирнова Ольга Игоревна"
        );
        assert_eq!(
            capitalize_name("СМИРНОВА-ПЕТРОВА ОЛЬГА"),
            "Смирнова-Петрова Ольга"
        );
        assert_eq!(capitalize_name("анна-мария иванова"), "Анна-Мария Иванова");
        assert_eq!(capitalize_name("МакКуин Анна"), "МакКуин Анна");
        assert_eq!(capitalize_name("Петров Иван"), "Петров Иван");
    }

    #[test]
    fn a_mutual_request_lapses_after_a_week() {
        let asked = msk(2026, 9, 8, 10, 0);
        assert_eq!(mutual_deadline(asked), msk(2026, 9, 15, 10, 0));
    }

    #[test]
    fn history_notes_are_read_back() {
        use super::super::pair::EndReason;
        let cases = [
            (
                "mutual: ",
                HistoryNote::End {
                    reason: EndReason::MutualInitiative,
                    text: None,
                },
            ),
            (
                "completed: ",
                HistoryNote::End {
                    reason: EndReason::PlanCompleted,
                    text: None,
                },
            ),
            (
                "mentee: Не сложилось",
                HistoryNote::End {
                    reason: EndReason::MenteeInitiative,
                    text: Some("Не сложилось".into()),
                },
            ),
            (
                "replacement",
                HistoryNote::End {
                    reason: EndReason::Replacement,
                    text: None,
                },
            ),
            (
                "mentee 7 left: replacement",
                HistoryNote::Left {
                    reason: EndReason::Replacement,
                },
            ),
            (
                "order 12-к 2026-09-01",
                HistoryNote::Order {
                    number: "12-к".into(),
                    date: "2026-09-01".into(),
                },
            ),
            (
                "extended 2027-05-31 → 2027-08-31",
                HistoryNote::Extended {
                    from: "2027-05-31".into(),
                    to: "2027-08-31".into(),
                },
            ),
            ("request 4", HistoryNote::Request(4)),
            ("joined by request 5", HistoryNote::Joined(5)),
            ("что-то ещё", HistoryNote::Other("что-то ещё".into())),
        ];
        for (note, want) in cases {
            assert_eq!(history_note(note), want, "{note}");
        }
    }

    #[test]
    fn a_pair_keeps_its_own_rhythm_and_holidays_pause_the_count() {
        let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        // every two weeks
        let fortnightly = [d(9, 1), d(9, 15), d(9, 29), d(10, 13)];
        assert_eq!(rhythm_days(&fortnightly), Some(14));
        assert_eq!(
            rhythm_days(&[d(9, 1), d(9, 15)]),
            None,
            "two meetings are not a rhythm yet"
        );
        assert_eq!(silence_allowed(14, Some(14)), 17);
        assert_eq!(
            silence_allowed(14, Some(7)),
            14,
            "a weekly pair keeps the regulation's two weeks"
        );
        assert_eq!(
            silence_allowed(14, Some(60)),
            35,
            "a rare rhythm is not an excuse for months"
        );
        assert_eq!(silence_allowed(14, None), 14);
        let autumn = [(d(10, 26), d(11, 3))];
        assert_eq!(holiday_days(d(10, 20), d(11, 10), &autumn), 9);
        assert_eq!(holiday_days(d(11, 3), d(11, 10), &autumn), 0);
        assert!(is_holiday_event(None, "Осенние каникулы"));
        assert!(!is_holiday_event(None, "Актуализация базы наставников"));
    }

    #[test]
    fn decimals_use_the_language_separator() {
        assert_eq!(one_decimal(6.8, true), "6,8");
        assert_eq!(one_decimal(6.8, false), "6.8");
        assert_eq!(one_decimal(2.0, true), "2,0");
    }
}
