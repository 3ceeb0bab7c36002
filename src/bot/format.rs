//! How the bot writes common values in texts: dates, waits and durations, titles cut for a
//! button, and the `$gender` a text about a person agrees with. Pure: no database, no Telegram.

use crate::domain::everyday::{span, Span};
use crate::i18n::Lang;
use chrono::Datelike;

/// The `$gender` a text about this person agrees with (from the patronymic; neutral when unclear).
pub fn gender(name: &str) -> &'static str {
    crate::domain::gender::from_full_name(name).code()
}

/// A date as Russian documents write it: `05.09.2026`.
pub fn date(d: chrono::NaiveDate) -> String {
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

/// A wait or a duration in human units: «25 мин», «3 ч 20 мин», «1 день 2 ч», «22 дня».
/// The one formatting function for response times (reply, journal, reminders, reports).
pub fn wait_text(lang: Lang, minutes: i64) -> String {
    match span(minutes) {
        Span {
            days: 0,
            hours: 0,
            minutes: m,
        } => tr!(lang, "dur-minutes", m = m),
        Span {
            days: 0,
            hours: h,
            minutes: 0,
        } => tr!(lang, "dur-hours", h = h),
        Span {
            days: 0,
            hours: h,
            minutes: m,
        } => tr!(lang, "dur-hours-minutes", h = h, m = m),
        Span {
            days: d, hours: 0, ..
        } => tr!(lang, "dur-days", d = d),
        Span {
            days: d, hours: h, ..
        } => tr!(lang, "dur-days-hours", d = d, h = h),
    }
}

/// A plan item's title cut to fit a button (40 characters and «…»).
pub fn short(title: &str) -> String {
    let t: String = title.chars().take(40).collect();
    if t.chars().count() < title.chars().count() {
        format!("{t}…")
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_read_in_human_units() {
        assert_eq!(wait_text(Lang::Ru, 25), "25 мин");
        assert_eq!(wait_text(Lang::Ru, 200), "3 ч 20 мин");
        assert_eq!(wait_text(Lang::Ru, 120), "2 ч");
        assert_eq!(wait_text(Lang::Ru, 31680), "22 дня");
        assert_eq!(wait_text(Lang::Ru, 24 * 60 * 5), "5 дней");
        assert_eq!(wait_text(Lang::Ru, 24 * 60 + 125), "1 день 2 ч");
        assert_eq!(wait_text(Lang::En, 31680), "22 days");
        assert_eq!(wait_text(Lang::En, 200), "3 h 20 min");
    }
}
