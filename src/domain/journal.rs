//! The work of a pair (работа пары): quick-log parsing, plan item lifecycle, edit windows
//! and the adaptation report summary. Pure functions; `today` / `now` are arguments.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

/// The longest meeting or help session one entry may record, in minutes.
pub const MAX_MINUTES: u32 = 600;
/// Topics and titles are kept short enough for a journal line.
pub const MAX_TOPIC_CHARS: usize = 500;
/// How long an entry can still be changed or deleted by its author.
pub const EDIT_WINDOW_DAYS: i64 = 7;
/// Longest /sos question or answer (and a plan item's rework comment).
pub const MAX_SOS_CHARS: usize = 2000;
/// `/task` without a date is due in a week.
pub const DEFAULT_TASK_DAYS: i64 = 7;

/// A kind of journal entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// Встреча наставника и наставляемого.
    Meeting,
    /// Help given outside the bot (`/helped`).
    Helped,
    /// Situational help through the bot (`/sos`), logged when answered.
    Sos,
    /// A task given (`/task`).
    Task,
    /// A task check (личная проверка выполнения заданий).
    Check,
}

impl EntryKind {
    pub const ALL: [EntryKind; 5] = [
        EntryKind::Meeting,
        EntryKind::Helped,
        EntryKind::Sos,
        EntryKind::Task,
        EntryKind::Check,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EntryKind::Meeting => "meeting",
            EntryKind::Helped => "helped",
            EntryKind::Sos => "sos",
            EntryKind::Task => "task",
            EntryKind::Check => "check",
        }
    }

    pub fn from_code(code: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Where a meeting took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingFormat {
    InPerson,
    Online,
    /// Посещение урока.
    LessonVisit,
}

impl MeetingFormat {
    pub const ALL: [MeetingFormat; 3] = [
        MeetingFormat::InPerson,
        MeetingFormat::Online,
        MeetingFormat::LessonVisit,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MeetingFormat::InPerson => "in_person",
            MeetingFormat::Online => "online",
            MeetingFormat::LessonVisit => "lesson_visit",
        }
    }

    pub fn from_code(code: &str) -> Option<MeetingFormat> {
        MeetingFormat::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn key(self) -> String {
        format!("meeting-format-{}", self.code())
    }
}

/// A meeting or help session typed in one message: `[date] <minutes> <topic…>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuickLog {
    pub date: NaiveDate,
    pub minutes: u32,
    pub topic: String,
}

/// Why a quick log was not understood; each has its own kind reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuickLogError {
    /// Nothing after the command.
    Empty,
    /// The first word (after an optional date) is not a number of minutes.
    NoMinutes,
    /// Minutes outside 1..=MAX_MINUTES.
    MinutesOutOfRange,
    /// No topic after the minutes.
    NoTopic,
    TopicTooLong,
    /// A date that does not exist (31.02) or is in the future.
    BadDate,
    FutureDate,
}

impl QuickLogError {
    /// The Fluent key of the reply.
    pub fn key(&self) -> &'static str {
        match self {
            QuickLogError::Empty => "log-err-empty",
            QuickLogError::NoMinutes => "log-err-no-minutes",
            QuickLogError::MinutesOutOfRange => "log-err-minutes-range",
            QuickLogError::NoTopic => "log-err-no-topic",
            QuickLogError::TopicTooLong => "log-err-topic-long",
            QuickLogError::BadDate => "log-err-bad-date",
            QuickLogError::FutureDate => "log-err-future-date",
        }
    }

    /// The limit the reply names (`$max`).
    pub fn limit(&self) -> usize {
        match self {
            QuickLogError::TopicTooLong => MAX_TOPIC_CHARS,
            _ => MAX_MINUTES as usize,
        }
    }
}

/// Reads a date word: `сегодня`, `вчера`, `позавчера`, `дд.мм` or `дд.мм.гггг`.
/// `Ok(None)`: the word is not a date at all. A `дд.мм` means the nearest such day.
pub fn parse_date_word(word: &str, today: NaiveDate) -> Result<Option<NaiveDate>, QuickLogError> {
    let w = word.trim().to_lowercase();
    match w.as_str() {
        "сегодня" | "today" => return Ok(Some(today)),
        "вчера" | "yesterday" => return Ok(Some(today - Duration::days(1))),
        "позавчера" => return Ok(Some(today - Duration::days(2))),
        _ => {}
    }
    let parts: Vec<&str> = w.split(['.', '/']).collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) || p.len() > 4)
    {
        return Ok(None);
    }
    let day: u32 = parts[0].parse().map_err(|_| QuickLogError::BadDate)?;
    let month: u32 = parts[1].parse().map_err(|_| QuickLogError::BadDate)?;
    match parts.get(2) {
        Some(y) => {
            let mut year: i32 = y.parse().map_err(|_| QuickLogError::BadDate)?;
            if year < 100 {
                year += 2000;
            }
            NaiveDate::from_ymd_opt(year, month, day)
                .map(Some)
                .ok_or(QuickLogError::BadDate)
        }
        // the nearest such day: 20.12 typed in March is last December's, 12.09 typed on
        // 01.09 is a date still ahead (not last year's), which a log of what happened refuses
        None => match super::dates::nearest_past(day, month, today) {
            Some(Ok(d)) => Ok(Some(d)),
            Some(Err(_)) => Err(QuickLogError::FutureDate),
            None => Err(QuickLogError::BadDate),
        },
    }
}

/// Parses `[date] <minutes> <topic…>` (the arguments of `/meeting` and `/helped`).
pub fn parse_quick_log(args: &str, today: NaiveDate) -> Result<QuickLog, QuickLogError> {
    let args = args.trim();
    if args.is_empty() {
        return Err(QuickLogError::Empty);
    }
    let mut all: Vec<&str> = args.split_whitespace().collect();
    // the minutes may come first: «20 вчера Разговор» is «вчера 20 Разговор»
    if all.len() >= 2
        && parse_date_word(all[0], today).ok().flatten().is_none()
        && parse_minutes(all[0]).is_ok()
        && parse_date_word(all[1], today)?.is_some()
    {
        all.swap(0, 1);
    }
    let mut words = all.into_iter().peekable();
    let first = words.peek().copied().unwrap_or("");
    let date = match parse_date_word(first, today)? {
        Some(d) => {
            words.next();
            d
        }
        None => today,
    };
    if date > today {
        return Err(QuickLogError::FutureDate);
    }
    let minutes_word = words.next().ok_or(QuickLogError::NoMinutes)?;
    let minutes = parse_minutes(minutes_word)?;
    let topic = words.collect::<Vec<_>>().join(" ");
    let topic = clean_text(&topic);
    if topic.is_empty() {
        return Err(QuickLogError::NoTopic);
    }
    if topic.chars().count() > MAX_TOPIC_CHARS {
        return Err(QuickLogError::TopicTooLong);
    }
    Ok(QuickLog {
        date,
        minutes,
        topic,
    })
}

/// `45`, `45м`, `45мин`, `45min`; also `1ч`/`1h` and `1,5ч`.
pub fn parse_minutes(word: &str) -> Result<u32, QuickLogError> {
    let w = word.to_lowercase();
    let digits_end = w
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(w.len());
    let (num, unit) = w.split_at(digits_end);
    if num.is_empty() {
        return Err(QuickLogError::NoMinutes);
    }
    let value: f64 = num
        .replace(',', ".")
        .parse()
        .map_err(|_| QuickLogError::NoMinutes)?;
    let minutes = match unit {
        "" | "м" | "мин" | "min" | "m" => value,
        "ч" | "час" | "h" => value * 60.0,
        _ => return Err(QuickLogError::NoMinutes),
    };
    if minutes.fract() != 0.0 && unit.is_empty() {
        return Err(QuickLogError::NoMinutes);
    }
    let minutes = minutes.round();
    if minutes < 1.0 || minutes > MAX_MINUTES as f64 {
        return Err(QuickLogError::MinutesOutOfRange);
    }
    Ok(minutes as u32)
}

/// Trims and collapses whitespace and drops control characters.
pub fn clean_text(text: &str) -> String {
    text.split_whitespace()
        .map(|w| w.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A task typed in one message: `/task [до дд.мм] <text>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskSpec {
    pub title: String,
    pub deadline: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskError {
    Empty,
    TooLong,
    BadDate,
    PastDate,
}

impl TaskError {
    pub fn key(&self) -> &'static str {
        match self {
            TaskError::Empty => "task-err-empty",
            TaskError::TooLong => "log-err-topic-long",
            TaskError::BadDate => "log-err-bad-date",
            TaskError::PastDate => "task-err-past-date",
        }
    }
}

/// Parses a task; a leading `до дд.мм` (or just `дд.мм`), or a phrase such as «до пятницы» or
/// «через 3 дня» (see [`super::dates`]), sets the deadline, else a week from today.
/// A `дд.мм` already past this year means next year.
pub fn parse_task(args: &str, today: NaiveDate) -> Result<TaskSpec, TaskError> {
    let text = clean_text(args);
    let mut words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let mut deadline = today + Duration::days(DEFAULT_TASK_DAYS);
    if let Some(phrase) = super::dates::relative_deadline(&words, today) {
        // «до завтра», «до пятницы», «до конца недели», «через 3 дня»
        deadline = phrase.date;
        words.drain(..phrase.words);
    } else {
        let skip = usize::from(
            words
                .first()
                .is_some_and(|w| matches!(w.to_lowercase().as_str(), "до" | "by")),
        );
        if let Some(word) = words.get(skip) {
            if let Some(d) = parse_future_date(word, today)? {
                deadline = d;
                words.drain(..=skip);
            }
        }
    }
    let title = words.join(" ");
    if title.is_empty() {
        return Err(TaskError::Empty);
    }
    if title.chars().count() > MAX_TOPIC_CHARS {
        return Err(TaskError::TooLong);
    }
    Ok(TaskSpec { title, deadline })
}

/// A deadline typed on its own (the plan form's deadline step): «до 25.12», «25.12.2026»,
/// «до пятницы», «через 3 дня»… `rolled` is true when a `дд.мм` without a year was taken as
/// next year's day (that date has passed this year), which the person is asked to confirm.
pub fn typed_deadline(text: &str, today: NaiveDate) -> Result<(NaiveDate, bool), TaskError> {
    let text = clean_text(text);
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Err(TaskError::Empty);
    }
    if let Some(phrase) = super::dates::relative_deadline(&words, today) {
        if phrase.words == words.len() {
            return Ok((phrase.date, false));
        }
    }
    let skip = usize::from(
        words
            .first()
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "до" | "by" | "к")),
    );
    if words.len() != skip + 1 {
        return Err(TaskError::BadDate);
    }
    let word = words[skip];
    let date = parse_future_date(word, today)?.ok_or(TaskError::BadDate)?;
    let with_year = word.split(['.', '/']).count() == 3;
    Ok((date, !with_year && date.year() > today.year()))
}

/// Why a deadline deserves a second look before it is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineConcern {
    /// After the programme's planned end.
    AfterEnd(NaiveDate),
    /// A `дд.мм` read as next year's day.
    NextYear,
}

/// `None`: the deadline is fine as it is.
pub fn deadline_concern(
    deadline: NaiveDate,
    rolled: bool,
    programme_end: NaiveDate,
) -> Option<DeadlineConcern> {
    if deadline > programme_end {
        Some(DeadlineConcern::AfterEnd(programme_end))
    } else if rolled {
        Some(DeadlineConcern::NextYear)
    } else {
        None
    }
}

/// A deadline word: `дд.мм` (the next such day from today on) or `дд.мм.гггг` (not in the past).
pub fn parse_future_date(word: &str, today: NaiveDate) -> Result<Option<NaiveDate>, TaskError> {
    let parts: Vec<&str> = word.split(['.', '/']).collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Ok(None);
    }
    let day: u32 = parts[0].parse().map_err(|_| TaskError::BadDate)?;
    let month: u32 = parts[1].parse().map_err(|_| TaskError::BadDate)?;
    let date = match parts.get(2) {
        Some(y) => {
            let mut year: i32 = y.parse().map_err(|_| TaskError::BadDate)?;
            if year < 100 {
                year += 2000;
            }
            let d = NaiveDate::from_ymd_opt(year, month, day).ok_or(TaskError::BadDate)?;
            if d < today {
                return Err(TaskError::PastDate);
            }
            d
        }
        None => match NaiveDate::from_ymd_opt(today.year(), month, day) {
            Some(d) if d >= today => d,
            _ => NaiveDate::from_ymd_opt(today.year() + 1, month, day).ok_or(TaskError::BadDate)?,
        },
    };
    Ok(Some(date))
}

code_enum! {
    /// A plan item the mentee proposed (000 §5.2.1): waiting for the mentor, then accepted
    /// (as proposed or edited) or rejected with a reason.
    pub enum ItemProposalState {
        Proposed => "proposed",
        Accepted => "accepted",
        Rejected => "rejected",
    }
}

/// The state of a plan item (пункт индивидуального плана).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanStatus {
    Planned,
    /// The mentee marked it done and attached the product; the mentor has not checked yet.
    Submitted,
    /// The mentor sent it back (на доработку).
    Rework,
    /// Checked and accepted.
    Done,
    Cancelled,
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 5] = [
        PlanStatus::Planned,
        PlanStatus::Submitted,
        PlanStatus::Rework,
        PlanStatus::Done,
        PlanStatus::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PlanStatus::Planned => "planned",
            PlanStatus::Submitted => "submitted",
            PlanStatus::Rework => "rework",
            PlanStatus::Done => "done",
            PlanStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<PlanStatus> {
        PlanStatus::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Still waiting for the mentee's work.
    pub fn is_open(self) -> bool {
        matches!(self, PlanStatus::Planned | PlanStatus::Rework)
    }

    /// What is shown: open items past their deadline are overdue.
    pub fn shown(self, deadline: Option<NaiveDate>, today: NaiveDate) -> &'static str {
        if self.is_open() && deadline.is_some_and(|d| d < today) {
            "overdue"
        } else {
            self.code()
        }
    }
}

/// What happens to a plan item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanEvent {
    /// The mentee marks it done with its product.
    Submit,
    /// The mentor accepts it («Принято»).
    Accept,
    /// The mentor sends it back («На доработку»).
    Return,
    Cancel,
}

/// The plan item lifecycle; `None` means the event does not apply (a stale or double tap).
pub fn plan_apply(status: PlanStatus, event: PlanEvent) -> Option<PlanStatus> {
    use PlanEvent::*;
    use PlanStatus::*;
    match (status, event) {
        (Planned | Rework, Submit) => Some(Submitted),
        (Submitted, Accept) => Some(Done),
        (Submitted, Return) => Some(Rework),
        (Planned | Rework | Submitted, Cancel) => Some(Cancelled),
        _ => None,
    }
}

/// Whether an entry made at `created_at` may still be changed at `now`.
pub fn editable(created_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - created_at <= Duration::days(EDIT_WINDOW_DAYS)
}

/// The figures of an adaptation report (отчёт о ходе адаптации) for a period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub meetings: u32,
    pub meeting_minutes: u32,
    pub helped: u32,
    pub helped_minutes: u32,
    pub tasks_given: u32,
    pub tasks_submitted: u32,
    pub tasks_checked: u32,
    pub plan_total: u32,
    pub plan_done: u32,
    pub plan_overdue: u32,
    pub sos_asked: u32,
    pub sos_answered: u32,
    /// Median time from question to answer, in minutes.
    pub sos_median_minutes: Option<i64>,
}

/// One entry as the summary sees it.
pub struct EntryFact {
    pub kind: EntryKind,
    pub minutes: Option<u32>,
}

/// One plan item as the summary sees it.
pub struct ItemFact {
    pub status: PlanStatus,
    pub deadline: Option<NaiveDate>,
    pub is_task: bool,
    pub submitted: bool,
}

/// One `/sos` exchange: when asked, when answered.
pub struct SosFact {
    pub asked_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
}

pub fn summarize(
    entries: &[EntryFact],
    items: &[ItemFact],
    sos: &[SosFact],
    today: NaiveDate,
) -> Summary {
    let mut s = Summary::default();
    for e in entries {
        match e.kind {
            EntryKind::Meeting => {
                s.meetings += 1;
                s.meeting_minutes += e.minutes.unwrap_or(0);
            }
            EntryKind::Helped => {
                s.helped += 1;
                s.helped_minutes += e.minutes.unwrap_or(0);
            }
            EntryKind::Task => s.tasks_given += 1,
            EntryKind::Check => s.tasks_checked += 1,
            EntryKind::Sos => {}
        }
    }
    for i in items.iter().filter(|i| i.status != PlanStatus::Cancelled) {
        s.plan_total += 1;
        if i.status == PlanStatus::Done {
            s.plan_done += 1;
        }
        if i.status.shown(i.deadline, today) == "overdue" {
            s.plan_overdue += 1;
        }
        if i.is_task && i.submitted {
            s.tasks_submitted += 1;
        }
    }
    s.sos_asked = sos.len() as u32;
    let mut waits: Vec<i64> = sos
        .iter()
        .filter_map(|x| {
            x.answered_at
                .map(|a| super::everyday::response_minutes(x.asked_at, a))
        })
        .collect();
    s.sos_answered = waits.len() as u32;
    s.sos_median_minutes = median(&mut waits);
    s
}

/// The median of whole numbers (the lower middle for an even count is averaged with the upper).
pub fn median(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TODAY: fn() -> NaiveDate = || d(2026, 3, 14);

    #[test]
    fn meeting_in_one_message() {
        let q = parse_quick_log("45 Разбор открытого урока в 7Б", TODAY()).unwrap();
        assert_eq!(
            q,
            QuickLog {
                date: TODAY(),
                minutes: 45,
                topic: "Разбор открытого урока в 7Б".into()
            }
        );
    }

    #[test]
    fn dates_first() {
        assert_eq!(
            parse_quick_log("12.03 30 Планирование", TODAY())
                .unwrap()
                .date,
            d(2026, 3, 12)
        );
        assert_eq!(
            parse_quick_log("вчера 30 x", TODAY()).unwrap().date,
            d(2026, 3, 13)
        );
        assert_eq!(
            parse_quick_log("Позавчера 30 x", TODAY()).unwrap().date,
            d(2026, 3, 12)
        );
        assert_eq!(
            parse_quick_log("сегодня 30 x", TODAY()).unwrap().date,
            TODAY()
        );
        // the nearest such day: last December's, and a day still ahead is refused as future
        assert_eq!(
            parse_quick_log("20.12 30 x", TODAY()).unwrap().date,
            d(2025, 12, 20)
        );
        assert_eq!(
            parse_quick_log("20.03 30 x", TODAY()),
            Err(QuickLogError::FutureDate)
        );
        // minutes first
        assert_eq!(
            parse_quick_log("20 вчера Разговор", TODAY()).unwrap(),
            QuickLog {
                date: d(2026, 3, 13),
                minutes: 20,
                topic: "Разговор".into()
            }
        );
        assert_eq!(
            parse_quick_log("45 12.03 Планирование", TODAY())
                .unwrap()
                .date,
            d(2026, 3, 12)
        );
        assert_eq!(
            parse_quick_log("01.09.2025 30 x", TODAY()).unwrap().date,
            d(2025, 9, 1)
        );
        assert_eq!(
            parse_quick_log("01.09.25 30 x", TODAY()).unwrap().date,
            d(2025, 9, 1)
        );
        // month ends and leap days
        assert_eq!(
            parse_quick_log("28.02 30 x", TODAY()).unwrap().date,
            d(2026, 2, 28)
        );
        assert_eq!(
            parse_quick_log("29.02 30 x", d(2028, 3, 1)).unwrap().date,
            d(2028, 2, 29)
        );
        assert_eq!(
            parse_quick_log("29.02 30 x", TODAY()),
            Err(QuickLogError::BadDate)
        );
    }

    #[test]
    fn bad_input_has_a_reason() {
        assert_eq!(parse_quick_log("", TODAY()), Err(QuickLogError::Empty));
        assert_eq!(parse_quick_log("   ", TODAY()), Err(QuickLogError::Empty));
        assert_eq!(
            parse_quick_log("abc", TODAY()),
            Err(QuickLogError::NoMinutes)
        );
        assert_eq!(
            parse_quick_log("Разбор урока 45", TODAY()),
            Err(QuickLogError::NoMinutes)
        );
        assert_eq!(
            parse_quick_log("9999 x", TODAY()),
            Err(QuickLogError::MinutesOutOfRange)
        );
        assert_eq!(
            parse_quick_log("0 x", TODAY()),
            Err(QuickLogError::MinutesOutOfRange)
        );
        assert_eq!(
            parse_quick_log("-5 x", TODAY()),
            Err(QuickLogError::NoMinutes)
        );
        assert_eq!(parse_quick_log("45", TODAY()), Err(QuickLogError::NoTopic));
        assert_eq!(
            parse_quick_log("12.03 45", TODAY()),
            Err(QuickLogError::NoTopic)
        );
        assert_eq!(
            parse_quick_log("12.03", TODAY()),
            Err(QuickLogError::NoMinutes)
        );
        assert_eq!(
            parse_quick_log("31.02 45 x", TODAY()),
            Err(QuickLogError::BadDate)
        );
        assert_eq!(
            parse_quick_log("45.13 30 x", TODAY()),
            Err(QuickLogError::BadDate)
        );
        assert_eq!(
            parse_quick_log("01.01.2027 30 x", TODAY()),
            Err(QuickLogError::FutureDate)
        );
        assert_eq!(
            parse_quick_log(&format!("45 {}", "я".repeat(10_000)), TODAY()),
            Err(QuickLogError::TopicTooLong)
        );
        for e in [
            QuickLogError::Empty,
            QuickLogError::NoMinutes,
            QuickLogError::BadDate,
        ] {
            assert!(e.key().starts_with("log-err-"));
        }
    }

    #[test]
    fn minutes_forms() {
        assert_eq!(parse_minutes("45м"), Ok(45));
        assert_eq!(parse_minutes("45мин"), Ok(45));
        assert_eq!(parse_minutes("1ч"), Ok(60));
        assert_eq!(parse_minutes("1,5ч"), Ok(90));
        assert_eq!(parse_minutes("11ч"), Err(QuickLogError::MinutesOutOfRange));
        assert_eq!(parse_minutes("4.5"), Err(QuickLogError::NoMinutes));
        assert_eq!(parse_minutes("45кг"), Err(QuickLogError::NoMinutes));
        assert_eq!(parse_minutes("600"), Ok(600));
        assert_eq!(parse_minutes("601"), Err(QuickLogError::MinutesOutOfRange));
    }

    #[test]
    fn topics_are_cleaned() {
        assert_eq!(
            parse_quick_log("30  Разбор\u{0007}   урока\n\nв 5А", TODAY())
                .unwrap()
                .topic,
            "Разбор урока в 5А"
        );
    }

    #[test]
    fn tasks() {
        assert_eq!(
            parse_task("Подготовить технологическую карту", TODAY()).unwrap(),
            TaskSpec {
                title: "Подготовить технологическую карту".into(),
                deadline: d(2026, 3, 21)
            }
        );
        assert_eq!(
            parse_task("до 20.03 Карта урока", TODAY())
                .unwrap()
                .deadline,
            d(2026, 3, 20)
        );
        assert_eq!(
            parse_task("20.03 Карта урока", TODAY()).unwrap().title,
            "Карта урока"
        );
        assert_eq!(
            parse_task("до 01.02 Карта", TODAY()).unwrap().deadline,
            d(2027, 2, 1),
            "a date already past is next year's"
        );
        assert_eq!(
            parse_task("до 01.02.2026 Карта", TODAY()),
            Err(TaskError::PastDate)
        );
        assert_eq!(
            parse_task("до 31.04 Карта", TODAY()),
            Err(TaskError::BadDate)
        );
        assert_eq!(parse_task("", TODAY()), Err(TaskError::Empty));
        // the plan form's deadline typed alone
        for (typed, want) in [
            ("до 25.03", Ok((d(2026, 3, 25), false))),
            ("25.03.2026", Ok((d(2026, 3, 25), false))),
            ("до 01.02", Ok((d(2027, 2, 1), true))),
            ("до 01.02.2027", Ok((d(2027, 2, 1), false))),
            ("до завтра", Ok((TODAY() + Duration::days(1), false))),
            ("через 3 дня", Ok((TODAY() + Duration::days(3), false))),
            ("до 31.04", Err(TaskError::BadDate)),
            ("когда-нибудь", Err(TaskError::BadDate)),
            ("до 25.03 и ещё", Err(TaskError::BadDate)),
            ("до завтра Карта", Err(TaskError::BadDate)),
            ("", Err(TaskError::Empty)),
        ] {
            assert_eq!(typed_deadline(typed, TODAY()), want, "{typed}");
        }
        let end = d(2026, 6, 1);
        assert_eq!(
            deadline_concern(d(2026, 8, 20), false, end),
            Some(DeadlineConcern::AfterEnd(end))
        );
        assert_eq!(
            deadline_concern(d(2026, 5, 20), true, end),
            Some(DeadlineConcern::NextYear)
        );
        assert_eq!(deadline_concern(d(2026, 5, 20), false, end), None);
        assert_eq!(parse_task("до 20.03", TODAY()), Err(TaskError::Empty));
        // phrases as teachers say them (TODAY is Saturday 14.03.2026)
        assert_eq!(
            parse_task("до конца недели прочитать", TODAY()).unwrap(),
            TaskSpec {
                title: "прочитать".into(),
                deadline: d(2026, 3, 15)
            }
        );
        assert_eq!(
            parse_task("до завтра Прочитать статью", TODAY()).unwrap(),
            TaskSpec {
                title: "Прочитать статью".into(),
                deadline: d(2026, 3, 15)
            }
        );
        assert_eq!(
            parse_task("до пятницы Карта", TODAY()).unwrap().deadline,
            d(2026, 3, 20)
        );
        assert_eq!(
            parse_task("через 3 дня Карта", TODAY()).unwrap().deadline,
            d(2026, 3, 17)
        );
        assert_eq!(parse_task("до завтра", TODAY()), Err(TaskError::Empty));
    }

    #[test]
    fn plan_lifecycle() {
        use PlanEvent::*;
        use PlanStatus::*;
        assert_eq!(plan_apply(Planned, Submit), Some(Submitted));
        assert_eq!(plan_apply(Submitted, Return), Some(Rework));
        assert_eq!(plan_apply(Rework, Submit), Some(Submitted));
        assert_eq!(plan_apply(Submitted, Accept), Some(Done));
        assert_eq!(
            plan_apply(Done, Accept),
            None,
            "a double tap changes nothing"
        );
        assert_eq!(plan_apply(Planned, Accept), None, "nothing to check yet");
        assert_eq!(plan_apply(Done, Cancel), None);
        assert_eq!(plan_apply(Cancelled, Submit), None);
        assert_eq!(Planned.shown(Some(d(2026, 3, 13)), TODAY()), "overdue");
        assert_eq!(Planned.shown(Some(TODAY()), TODAY()), "planned");
        assert_eq!(Submitted.shown(Some(d(2026, 3, 1)), TODAY()), "submitted");
        assert_eq!(Rework.shown(Some(d(2026, 3, 1)), TODAY()), "overdue");
        for s in PlanStatus::ALL {
            assert_eq!(PlanStatus::from_code(s.code()), Some(s));
        }
    }

    #[test]
    fn edit_window() {
        let t = Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap();
        assert!(editable(t, t + Duration::days(7)));
        assert!(!editable(t, t + Duration::days(7) + Duration::seconds(1)));
    }

    #[test]
    fn summary_counts() {
        let t = Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap();
        let entries = vec![
            EntryFact {
                kind: EntryKind::Meeting,
                minutes: Some(45),
            },
            EntryFact {
                kind: EntryKind::Meeting,
                minutes: Some(30),
            },
            EntryFact {
                kind: EntryKind::Helped,
                minutes: Some(15),
            },
            EntryFact {
                kind: EntryKind::Task,
                minutes: None,
            },
            EntryFact {
                kind: EntryKind::Check,
                minutes: None,
            },
        ];
        let items = vec![
            ItemFact {
                status: PlanStatus::Done,
                deadline: Some(d(2026, 3, 10)),
                is_task: true,
                submitted: true,
            },
            ItemFact {
                status: PlanStatus::Planned,
                deadline: Some(d(2026, 3, 1)),
                is_task: false,
                submitted: false,
            },
            ItemFact {
                status: PlanStatus::Cancelled,
                deadline: None,
                is_task: true,
                submitted: false,
            },
        ];
        let sos = vec![
            SosFact {
                asked_at: t,
                answered_at: Some(t + Duration::minutes(10)),
            },
            SosFact {
                asked_at: t,
                answered_at: Some(t + Duration::minutes(30)),
            },
            SosFact {
                asked_at: t,
                answered_at: Some(t + Duration::minutes(120)),
            },
            SosFact {
                asked_at: t,
                answered_at: None,
            },
        ];
        let s = summarize(&entries, &items, &sos, TODAY());
        assert_eq!(
            (s.meetings, s.meeting_minutes, s.helped, s.helped_minutes),
            (2, 75, 1, 15)
        );
        assert_eq!(
            (s.tasks_given, s.tasks_submitted, s.tasks_checked),
            (1, 1, 1)
        );
        assert_eq!((s.plan_total, s.plan_done, s.plan_overdue), (2, 1, 1));
        assert_eq!(
            (s.sos_asked, s.sos_answered, s.sos_median_minutes),
            (4, 3, Some(30))
        );
        assert_eq!(median(&mut [4, 1, 3, 2]), Some(2));
        assert_eq!(median(&mut []), None);
    }

    proptest! {
        /// The parser never panics, and what it accepts is within the rules.
        #[test]
        fn quick_log_never_panics(s in "\\PC{0,200}") {
            if let Ok(q) = parse_quick_log(&s, TODAY()) {
                prop_assert!(q.minutes >= 1 && q.minutes <= MAX_MINUTES);
                prop_assert!(!q.topic.is_empty() && q.topic.chars().count() <= MAX_TOPIC_CHARS);
                prop_assert!(q.date <= TODAY());
            }
            let _ = parse_task(&s, TODAY());
        }

        #[test]
        fn well_formed_logs_round_trip(min in 1u32..=600, day in 1u32..=28, month in 1u32..=12, topic in "[а-яА-Я0-9]{1,20}( [а-яА-Я0-9]{1,20}){0,5}") {
            match parse_quick_log(&format!("{day:02}.{month:02} {min} {topic}"), TODAY()) {
                Ok(q) => {
                    prop_assert_eq!(q.minutes, min);
                    prop_assert_eq!(q.topic, topic);
                    prop_assert_eq!((q.date.day(), q.date.month()), (day, month));
                    prop_assert!(q.date <= TODAY());
                }
                // only a day nearer ahead than behind is taken as a future date
                Err(e) => {
                    prop_assert_eq!(e, QuickLogError::FutureDate);
                    let ahead = NaiveDate::from_ymd_opt(2026, month, day).unwrap();
                    prop_assert!(ahead > TODAY() && (ahead - TODAY()).num_days() <= 183);
                }
            }
        }
    }
}
