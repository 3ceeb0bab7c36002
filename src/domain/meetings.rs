//! Meetings planned ahead (встречи по графику): `/meeting завтра 15:30 Разбор урока`.
//! Pure: today and the local time now are given.

use super::journal::{clean_text, parse_minutes, MAX_TOPIC_CHARS};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

code_enum! {
    /// What happened to a meeting planned ahead.
    pub enum MeetingStatus {
        Planned => "planned",
        Held => "held",
        Missed => "missed",
        Cancelled => "cancelled",
    }
}

/// How long a planned meeting lasts when nobody says (the usual lesson-long talk).
pub const DEFAULT_MINUTES: u32 = 45;

/// How far ahead a meeting may be planned.
pub const MAX_DAYS_AHEAD: i64 = 366;

/// A meeting read from `/meeting <when> <time> [minutes] <topic>`, in local time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedMeeting {
    pub date: NaiveDate,
    pub time: NaiveTime,
    /// `None`: not said (the default is [`DEFAULT_MINUTES`]).
    pub minutes: Option<u32>,
    pub topic: String,
}

impl PlannedMeeting {
    pub fn starts(&self) -> NaiveDateTime {
        self.date.and_time(self.time)
    }
    pub fn minutes_or_default(&self) -> u32 {
        self.minutes.unwrap_or(DEFAULT_MINUTES)
    }
}

/// Why a planned meeting was not understood; each has its own kind reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleError {
    /// No topic after the time.
    NoTopic,
    TopicTooLong,
    /// A date that does not exist (31.02) or words that are not a date.
    BadDate,
    /// The time has passed already.
    Past,
    /// More than a year ahead.
    TooFar,
    MinutesOutOfRange,
}

impl ScheduleError {
    /// The Fluent key of the reply.
    pub fn key(self) -> &'static str {
        match self {
            ScheduleError::NoTopic => "meeting-err-no-topic",
            ScheduleError::TopicTooLong => "log-err-topic-long",
            ScheduleError::BadDate => "meeting-err-bad-date",
            ScheduleError::Past => "meeting-err-past",
            ScheduleError::TooFar => "meeting-err-too-far",
            ScheduleError::MinutesOutOfRange => "log-err-minutes-range",
        }
    }
}

/// `15:30`, `9:05`, `09:05` — a time of day with a colon (a dot would read as a date).
pub fn parse_time(word: &str) -> Option<NaiveTime> {
    let (h, m) = word.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    if !h.chars().chain(m.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// Weekdays as said for a day ahead: «в пятницу», «во вторник», «пятница», «пт».
const WEEKDAYS: &[(Weekday, &[&str])] = &[
    (Weekday::Mon, &["понедельник", "пн", "monday", "mon"]),
    (Weekday::Tue, &["вторник", "вт", "tuesday", "tue"]),
    (Weekday::Wed, &["среду", "среда", "ср", "wednesday", "wed"]),
    (Weekday::Thu, &["четверг", "чт", "thursday", "thu"]),
    (Weekday::Fri, &["пятницу", "пятница", "пт", "friday", "fri"]),
    (
        Weekday::Sat,
        &["субботу", "суббота", "сб", "saturday", "sat"],
    ),
    (Weekday::Sun, &["воскресенье", "вс", "sunday", "sun"]),
];

/// The next `day` from `today` on (today itself counts: «в пятницу 18:00» said on a Friday
/// morning is this evening; a time already past is refused by the caller).
fn this_or_next(today: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (day.num_days_from_monday() as i64 - today.weekday().num_days_from_monday() as i64)
        .rem_euclid(7);
    today + Duration::days(ahead)
}

/// A date ahead at the start of `words`: the date and how many words it took. `Ok(None)`:
/// the words do not start with a date.
fn date_ahead(
    words: &[&str],
    today: NaiveDate,
) -> Result<Option<(NaiveDate, usize)>, ScheduleError> {
    let w = |i: usize| words.get(i).map(|w| w.to_lowercase()).unwrap_or_default();
    let lead = usize::from(matches!(w(0).as_str(), "в" | "во" | "on"));
    let first = w(lead);
    match first.as_str() {
        "сегодня" | "today" => return Ok(Some((today, lead + 1))),
        "завтра" | "tomorrow" => return Ok(Some((today + Duration::days(1), lead + 1))),
        "послезавтра" => return Ok(Some((today + Duration::days(2), lead + 1))),
        _ => {}
    }
    if let Some((day, _)) = WEEKDAYS
        .iter()
        .find(|(_, forms)| forms.contains(&first.as_str()))
    {
        return Ok(Some((this_or_next(today, *day), lead + 1)));
    }
    if lead == 0 {
        match super::journal::parse_future_date(&first, today) {
            Ok(Some(d)) => return Ok(Some((d, 1))),
            Ok(None) => {}
            Err(super::journal::TaskError::PastDate) => return Err(ScheduleError::Past),
            Err(_) => return Err(ScheduleError::BadDate),
        }
    }
    Ok(None)
}

/// Reads a planned meeting: `[when] [в] HH:MM [minutes] topic` or `HH:MM [when] …`.
/// `None`: there is no time of day among the first words, so this is not a plan (the caller
/// reads it as a log of a meeting that happened). Without a date the meeting is today.
pub fn parse_schedule(
    args: &str,
    now_local: NaiveDateTime,
) -> Option<Result<PlannedMeeting, ScheduleError>> {
    let today = now_local.date();
    let words: Vec<&str> = args.split_whitespace().collect();
    let at = words.iter().take(4).position(|w| parse_time(w).is_some())?;
    let time = parse_time(words[at])?;
    Some(read_schedule(&words, at, time, today, now_local))
}

fn read_schedule(
    words: &[&str],
    at: usize,
    time: NaiveTime,
    today: NaiveDate,
    now_local: NaiveDateTime,
) -> Result<PlannedMeeting, ScheduleError> {
    // the words before the time (without a preposition «в»/«at» right before it)
    let mut head: Vec<&str> = words[..at].to_vec();
    if head
        .last()
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "в" | "во" | "at"))
    {
        head.pop();
    }
    let mut rest: Vec<&str> = words[at + 1..].to_vec();
    let date = if head.is_empty() {
        // «15:30 завтра …» or just «15:30 …» (today)
        match date_ahead(&rest, today)? {
            Some((d, n)) => {
                rest.drain(..n);
                d
            }
            None => today,
        }
    } else {
        match date_ahead(&head, today)? {
            Some((d, n)) if n == head.len() => d,
            _ => return Err(ScheduleError::BadDate),
        }
    };
    let minutes = match rest.first().map(|w| parse_minutes(w)) {
        Some(Ok(m)) if rest.len() > 1 => {
            rest.remove(0);
            Some(m)
        }
        Some(Err(super::journal::QuickLogError::MinutesOutOfRange)) => {
            return Err(ScheduleError::MinutesOutOfRange)
        }
        _ => None,
    };
    let topic = clean_text(&rest.join(" "));
    if topic.is_empty() {
        return Err(ScheduleError::NoTopic);
    }
    if topic.chars().count() > MAX_TOPIC_CHARS {
        return Err(ScheduleError::TopicTooLong);
    }
    let planned = PlannedMeeting {
        date,
        time,
        minutes,
        topic,
    };
    check_time(planned.starts(), now_local)?;
    Ok(planned)
}

/// A planned start must be ahead and within a year.
pub fn check_time(starts: NaiveDateTime, now_local: NaiveDateTime) -> Result<(), ScheduleError> {
    if starts <= now_local {
        Err(ScheduleError::Past)
    } else if starts.date() > now_local.date() + Duration::days(MAX_DAYS_AHEAD) {
        Err(ScheduleError::TooFar)
    } else {
        Ok(())
    }
}

/// A new time for a planned meeting, typed alone: `завтра 16:00`, `16:00`, `25.12 10:00`.
/// The topic and length stay; any words after the time are refused.
pub fn parse_new_time(
    text: &str,
    now_local: NaiveDateTime,
) -> Result<NaiveDateTime, ScheduleError> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = words
        .iter()
        .position(|w| parse_time(w).is_some())
        .ok_or(ScheduleError::BadDate)?;
    let time = parse_time(words[at]).ok_or(ScheduleError::BadDate)?;
    let today = now_local.date();
    let mut head: Vec<&str> = words[..at].to_vec();
    if head
        .last()
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "в" | "во" | "at"))
    {
        head.pop();
    }
    let tail: Vec<&str> = words[at + 1..].to_vec();
    let date = match (head.is_empty(), tail.is_empty()) {
        (true, true) => today,
        (false, true) => match date_ahead(&head, today)? {
            Some((d, n)) if n == head.len() => d,
            _ => return Err(ScheduleError::BadDate),
        },
        (true, false) => match date_ahead(&tail, today)? {
            Some((d, n)) if n == tail.len() => d,
            _ => return Err(ScheduleError::BadDate),
        },
        (false, false) => return Err(ScheduleError::BadDate),
    };
    let starts = date.and_time(time);
    check_time(starts, now_local)?;
    Ok(starts)
}

/// The moment the evening-before reminder falls due: 18:00 local the day before, or at once
/// when the meeting was planned later than that (and is still more than 3 hours away).
pub fn eve_reminder_at(starts: NaiveDateTime, planned_at: NaiveDateTime) -> Option<NaiveDateTime> {
    let eve = (starts.date() - Duration::days(1)).and_time(NaiveTime::from_hms_opt(18, 0, 0)?);
    if planned_at < eve {
        Some(eve)
    } else {
        None
    }
}

/// The moment the hour-before reminder falls due (none for a meeting planned less than an
/// hour and a half ahead: both sides know).
pub fn soon_reminder_at(starts: NaiveDateTime, planned_at: NaiveDateTime) -> Option<NaiveDateTime> {
    let soon = starts - Duration::hours(1);
    (planned_at + Duration::minutes(30) < soon).then_some(soon)
}

/// When the mentor is asked «Встреча состоялась?»: when the planned time is over.
pub fn ask_at(starts: NaiveDateTime, minutes: u32) -> NaiveDateTime {
    starts + Duration::minutes(i64::from(minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        // Tuesday, 1 December 2026, 10:00
        NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }
    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }
    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }
    fn ok(args: &str) -> PlannedMeeting {
        parse_schedule(args, now())
            .expect("a plan")
            .expect("understood")
    }
    fn err(args: &str) -> ScheduleError {
        parse_schedule(args, now())
            .expect("a plan")
            .expect_err("refused")
    }

    #[test]
    fn reads_the_ways_teachers_say_it() {
        let cases: &[(&str, NaiveDate, NaiveTime, Option<u32>, &str)] = &[
            (
                "завтра 15:30 Разбор урока",
                d(12, 2),
                t(15, 30),
                None,
                "Разбор урока",
            ),
            (
                "завтра в 15:30 Разбор урока",
                d(12, 2),
                t(15, 30),
                None,
                "Разбор урока",
            ),
            (
                "15:30 завтра Разбор урока",
                d(12, 2),
                t(15, 30),
                None,
                "Разбор урока",
            ),
            (
                "послезавтра 9:00 60 Открытый урок",
                d(12, 3),
                t(9, 0),
                Some(60),
                "Открытый урок",
            ),
            (
                "в пятницу 14:00 Планирование",
                d(12, 4),
                t(14, 0),
                None,
                "Планирование",
            ),
            (
                "во вторник 14:00 Планирование",
                d(12, 1),
                t(14, 0),
                None,
                "Планирование",
            ),
            (
                "пт 14:00 1ч Планирование",
                d(12, 4),
                t(14, 0),
                Some(60),
                "Планирование",
            ),
            ("20.12 10:00 Итоги", d(12, 20), t(10, 0), None, "Итоги"),
            (
                "15.01 10:00 Итоги",
                NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(),
                t(10, 0),
                None,
                "Итоги",
            ),
            (
                "16:00 Сегодняшний урок",
                d(12, 1),
                t(16, 0),
                None,
                "Сегодняшний урок",
            ),
            (
                "сегодня 16:00 30 Разбор",
                d(12, 1),
                t(16, 0),
                Some(30),
                "Разбор",
            ),
            // a number that is the whole topic is a topic, not minutes
            ("завтра 15:30 45", d(12, 2), t(15, 30), None, "45"),
        ];
        for (args, date, time, minutes, topic) in cases {
            let m = ok(args);
            assert_eq!(
                (m.date, m.time, m.minutes, m.topic.as_str()),
                (*date, *time, *minutes, *topic),
                "{args}"
            );
        }
    }

    #[test]
    fn no_time_means_not_a_plan() {
        for args in [
            "45 Разбор урока",
            "вчера 30 Планирование",
            "12.03 60 Посещение",
            "завтра Разбор",
        ] {
            assert_eq!(parse_schedule(args, now()), None, "{args}");
        }
    }

    #[test]
    fn refuses_kindly() {
        assert_eq!(err("завтра 15:30"), ScheduleError::NoTopic);
        assert_eq!(err("09:00 Утренний разговор"), ScheduleError::Past);
        assert_eq!(err("сегодня 9:59 Поздно"), ScheduleError::Past);
        assert_eq!(err("31.02 10:00 Нет такого дня"), ScheduleError::BadDate);
        assert_eq!(err("когда-нибудь 10:00 Тема"), ScheduleError::BadDate);
        assert_eq!(err("01.12.2026 09:00 Прошло"), ScheduleError::Past);
        assert_eq!(err("01.01.2028 10:00 Далеко"), ScheduleError::TooFar);
        assert_eq!(
            err("завтра 10:00 900 Долго"),
            ScheduleError::MinutesOutOfRange
        );
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("10:5"), None);
        assert_eq!(parse_time("10.05"), None);
    }

    #[test]
    fn a_new_time_alone() {
        assert_eq!(
            parse_new_time("завтра 16:00", now()),
            Ok(d(12, 2).and_time(t(16, 0)))
        );
        assert_eq!(
            parse_new_time("16:00", now()),
            Ok(d(12, 1).and_time(t(16, 0)))
        );
        assert_eq!(
            parse_new_time("в 16:00 в пятницу", now()),
            Ok(d(12, 4).and_time(t(16, 0)))
        );
        assert_eq!(
            parse_new_time("завтра 16:00 и ещё слова", now()),
            Err(ScheduleError::BadDate)
        );
        assert_eq!(
            parse_new_time("16:00 в пятницу", now()),
            Ok(d(12, 4).and_time(t(16, 0)))
        );
        assert_eq!(
            parse_new_time("в пятницу в 16:00", now()),
            Ok(d(12, 4).and_time(t(16, 0)))
        );
        assert_eq!(parse_new_time("завтра", now()), Err(ScheduleError::BadDate));
        assert_eq!(parse_new_time("8:00", now()), Err(ScheduleError::Past));
    }

    #[test]
    fn reminder_moments() {
        let starts = d(12, 3).and_time(t(15, 0));
        assert_eq!(
            eve_reminder_at(starts, now()),
            Some(d(12, 2).and_time(t(18, 0)))
        );
        // planned on the evening before: no evening reminder
        assert_eq!(eve_reminder_at(starts, d(12, 2).and_time(t(19, 0))), None);
        assert_eq!(
            soon_reminder_at(starts, now()),
            Some(d(12, 3).and_time(t(14, 0)))
        );
        assert_eq!(soon_reminder_at(starts, d(12, 3).and_time(t(13, 45))), None);
        assert_eq!(ask_at(starts, 45), d(12, 3).and_time(t(15, 45)));
    }
}
