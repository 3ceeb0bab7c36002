//! Calendar files (.ics) for meetings planned ahead: the phone opens the file from the chat
//! and offers to add the event. Times are written in UTC (exact in every calendar app), and
//! the organization's zone is named in `X-WR-TIMEZONE`; the crate has no VTIMEZONE builder,
//! and a `TZID` without its VTIMEZONE is not valid RFC 5545. The UID stays the same when the
//! meeting is moved and `SEQUENCE` grows, so importing the new file updates the old event.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, Component, Event, EventLike};

/// What goes into one event.
#[derive(Debug, Clone)]
pub struct CalendarMeeting<'a> {
    /// The meeting's record id (the UID is made from it).
    pub id: i64,
    /// How many times it was moved.
    pub sequence: u32,
    pub starts: DateTime<Utc>,
    pub minutes: i64,
    pub summary: &'a str,
    pub description: &'a str,
    pub tz: Tz,
    /// When the file is made (`DTSTAMP`).
    pub stamp: DateTime<Utc>,
}

/// The file's name as the chat shows it.
pub const FILE_NAME: &str = "meeting.ics";

/// The text of the .ics file.
pub fn meeting_ics(m: &CalendarMeeting<'_>) -> String {
    let event = Event::new()
        .uid(&format!("meeting-{}@nastavnik", m.id))
        .sequence(m.sequence)
        .timestamp(m.stamp)
        .summary(m.summary)
        .description(m.description)
        .starts(m.starts)
        .ends(m.starts + Duration::minutes(m.minutes))
        .done();
    let mut cal = Calendar::new();
    cal.timezone(m.tz.name()).push(event);
    cal.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use icalendar::{CalendarComponent, CalendarDateTime, DatePerhapsTime};

    #[test]
    fn a_meeting_reads_back_with_its_time_topic_and_identity() {
        let starts = Utc.with_ymd_and_hms(2026, 12, 3, 12, 30, 0).unwrap();
        let text = meeting_ics(&CalendarMeeting {
            id: 42,
            sequence: 2,
            starts,
            minutes: 45,
            summary: "Встреча: разбор урока, 7Б; итоги",
            description: "Наставник: Петрова Анна Сергеевна\nНаставляемый: Смирнов Олег Иванович",
            tz: chrono_tz::Europe::Moscow,
            stamp: Utc.with_ymd_and_hms(2026, 12, 1, 7, 0, 0).unwrap(),
        });
        // RFC 5545: CRLF line ends, lines folded at 75 octets
        assert!(text.contains("\r\n"));
        assert!(text.split("\r\n").all(|l| l.len() <= 75), "{text}");
        let cal: Calendar = text.parse().expect("a valid calendar");
        assert_eq!(cal.get_timezone(), Some("Europe/Moscow"));
        let events: Vec<&Event> = cal
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(events.len(), 1);
        let e = events[0];
        assert_eq!(e.get_uid(), Some("meeting-42@nastavnik"));
        assert_eq!(e.get_sequence(), Some(2));
        assert_eq!(e.get_summary(), Some("Встреча: разбор урока, 7Б; итоги"));
        assert_eq!(
            e.get_description(),
            Some("Наставник: Петрова Анна Сергеевна\nНаставляемый: Смирнов Олег Иванович")
        );
        // 15:30 in Moscow is 12:30 UTC
        assert_eq!(
            e.get_start(),
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(starts)))
        );
        assert_eq!(
            e.get_end(),
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(
                starts + Duration::minutes(45)
            )))
        );
    }
}
