//! Dates as teachers type them: «до завтра», «до пятницы», «к среде», «до конца недели»,
//! «через 3 дня», «через неделю», «до 25.12». Pure: `today` is given.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A deadline read from the start of a text, and how many words it took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    pub date: NaiveDate,
    pub words: usize,
}

/// Weekdays in the forms «до …» (genitive) and «к …» (dative), full and short.
const WEEKDAYS: &[(Weekday, &[&str])] = &[
    (
        Weekday::Mon,
        &["понедельника", "понедельнику", "пн", "monday", "mon"],
    ),
    (
        Weekday::Tue,
        &["вторника", "вторнику", "вт", "tuesday", "tue"],
    ),
    (Weekday::Wed, &["среды", "среде", "ср", "wednesday", "wed"]),
    (
        Weekday::Thu,
        &["четверга", "четвергу", "чт", "thursday", "thu"],
    ),
    (Weekday::Fri, &["пятницы", "пятнице", "пт", "friday", "fri"]),
    (
        Weekday::Sat,
        &["субботы", "субботе", "сб", "saturday", "sat"],
    ),
    (
        Weekday::Sun,
        &["воскресенья", "воскресенью", "вс", "sunday", "sun"],
    ),
];

/// The next `day` strictly after `today` («до пятницы» said on a Friday means next Friday).
pub fn next_weekday(today: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (day.num_days_from_monday() as i64 - today.weekday().num_days_from_monday() as i64)
        .rem_euclid(7);
    today + Duration::days(if ahead == 0 { 7 } else { ahead })
}

fn word(w: &str) -> String {
    w.trim_matches(|c: char| matches!(c, ',' | ':' | ';' | '—' | '-'))
        .to_lowercase()
}

/// A count word: a number, or «день/неделю/месяц» alone meaning one, or a few number words.
fn count(w: &str) -> Option<i64> {
    if let Ok(n) = w.parse::<i64>() {
        return (1..=366).contains(&n).then_some(n);
    }
    match w {
        "один" | "одну" | "a" | "one" => Some(1),
        "два" | "две" | "two" => Some(2),
        "три" | "three" => Some(3),
        "четыре" | "four" => Some(4),
        "пять" | "five" => Some(5),
        _ => None,
    }
}

/// `n` units of `unit` from `today`: «дня/дней», «неделю/недели», «месяц/месяца».
fn span(today: NaiveDate, n: i64, unit: &str) -> Option<NaiveDate> {
    match unit {
        "день" | "дня" | "дней" | "day" | "days" => Some(today + Duration::days(n)),
        "неделю" | "недели" | "недель" | "week" | "weeks" => {
            Some(today + Duration::weeks(n))
        }
        "месяц" | "месяца" | "месяцев" | "month" | "months" => {
            today.checked_add_months(chrono::Months::new(n as u32))
        }
        _ => None,
    }
}

fn last_of_month(today: NaiveDate) -> NaiveDate {
    let first_next = if today.month() == 12 {
        NaiveDate::from_ymd_opt(today.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(today.year(), today.month() + 1, 1)
    };
    first_next.map_or(today, |d| d - Duration::days(1))
}

/// The end of this school week: Friday, or Sunday when said at the weekend.
fn end_of_week(today: NaiveDate) -> NaiveDate {
    let from_monday = today.weekday().num_days_from_monday() as i64;
    if from_monday >= 4 {
        today + Duration::days(6 - from_monday)
    } else {
        next_weekday(today, Weekday::Fri)
    }
}

/// Reads a relative deadline at the start of `words` (dates like `25.12` are read by the
/// caller). `None`: the words do not start with one.
pub fn relative_deadline(words: &[&str], today: NaiveDate) -> Option<Phrase> {
    // English articles are skipped («by the end of the week»); each token keeps its position
    let toks: Vec<(usize, String)> = words
        .iter()
        .take(8)
        .enumerate()
        .map(|(i, w)| (i, word(w)))
        .filter(|(_, w)| !matches!(w.as_str(), "the" | "of"))
        .collect();
    let at = |i: usize| toks.get(i).map(|(_, w)| w.as_str()).unwrap_or("");
    let phrase = |date: NaiveDate, last: usize| {
        Some(Phrase {
            date,
            words: toks[last].0 + 1,
        })
    };
    // an optional preposition: до / к / ко / by
    let lead = usize::from(matches!(at(0), "до" | "к" | "ко" | "by" | "until"));
    match at(lead) {
        "завтра" | "tomorrow" => return phrase(today + Duration::days(1), lead),
        "послезавтра" => return phrase(today + Duration::days(2), lead),
        "конца" | "end" => {
            return match at(lead + 1) {
                "недели" | "week" => phrase(end_of_week(today), lead + 1),
                "месяца" | "month" => phrase(last_of_month(today), lead + 1),
                _ => None,
            };
        }
        _ => {}
    }
    if let Some((day, _)) = WEEKDAYS.iter().find(|(_, forms)| forms.contains(&at(lead))) {
        // «пн» alone is too short to be sure it is a day: it needs «до»/«к»
        return (lead == 1 || at(lead).chars().count() > 2)
            .then(|| phrase(next_weekday(today, *day), lead))
            .flatten();
    }
    // «через 3 дня», «через неделю», «через 2 недели», «через месяц», «in 3 days»
    if lead == 0 && matches!(at(0), "через" | "in") {
        if let Some(date) = span(today, 1, at(1)) {
            return phrase(date, 1);
        }
        if let Some(date) = count(at(1)).and_then(|n| span(today, n, at(2))) {
            return phrase(date, 2);
        }
    }
    None
}

/// Which year a typed `дд.мм` means for an event that has happened: the nearest such day to
/// `today`. `Err(date)` when that nearest day is still ahead (the person typed a future date,
/// say 12.09 on 01.09), `Ok(date)` otherwise. `None` for a day that does not exist.
pub fn nearest_past(
    day: u32,
    month: u32,
    today: NaiveDate,
) -> Option<Result<NaiveDate, NaiveDate>> {
    let candidates: Vec<NaiveDate> = [today.year() - 1, today.year(), today.year() + 1]
        .iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(*y, month, day))
        .collect();
    let nearest = candidates
        .into_iter()
        .min_by_key(|d| ((*d - today).num_days().abs(), *d > today))?;
    Some(if nearest > today {
        Err(nearest)
    } else {
        Ok(nearest)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Tuesday, 1 September 2026.
    fn today() -> NaiveDate {
        d(2026, 9, 1)
    }

    #[test]
    fn deadline_phrases_as_teachers_type_them() {
        let table: &[(&str, Option<(NaiveDate, usize)>)] = &[
            ("до завтра Прочитать статью", Some((d(2026, 9, 2), 2))),
            ("завтра Прочитать", Some((d(2026, 9, 2), 1))),
            ("до послезавтра эссе", Some((d(2026, 9, 3), 2))),
            ("до пятницы Карта урока", Some((d(2026, 9, 4), 2))),
            ("к пятнице Карта урока", Some((d(2026, 9, 4), 2))),
            ("ко вторнику анализ", Some((d(2026, 9, 8), 2))),
            ("до вторника анализ", Some((d(2026, 9, 8), 2))),
            ("к среде, анализ", Some((d(2026, 9, 2), 2))),
            ("до пн анализ", Some((d(2026, 9, 7), 2))),
            ("до конца недели прочитать", Some((d(2026, 9, 4), 3))),
            ("до конца месяца отчёт", Some((d(2026, 9, 30), 3))),
            ("через 3 дня отчёт", Some((d(2026, 9, 4), 3))),
            ("через три дня отчёт", Some((d(2026, 9, 4), 3))),
            ("через неделю отчёт", Some((d(2026, 9, 8), 2))),
            ("через 2 недели отчёт", Some((d(2026, 9, 15), 3))),
            ("через месяц отчёт", Some((d(2026, 10, 1), 2))),
            ("через день отчёт", Some((d(2026, 9, 2), 2))),
            ("by Friday essay", Some((d(2026, 9, 4), 2))),
            ("in 3 days essay", Some((d(2026, 9, 4), 3))),
            ("by the end of the week essay", Some((d(2026, 9, 4), 6))),
            ("tomorrow essay", Some((d(2026, 9, 2), 1))),
            // not deadlines: the words stay the title
            ("Прочитать статью до пятницы", None),
            ("пн и вт — открытые уроки", None),
            ("до урока подготовить карту", None),
            ("через силу", None),
            ("конца нет", None),
            ("", None),
        ];
        for (text, want) in table {
            let words: Vec<&str> = text.split_whitespace().collect();
            let got = relative_deadline(&words, today()).map(|p| (p.date, p.words));
            assert_eq!(got, *want, "«{text}»");
        }
    }

    #[test]
    fn end_of_week_at_the_weekend_is_this_sunday() {
        // Saturday 5 September 2026
        let got = relative_deadline(&["до", "конца", "недели"], d(2026, 9, 5)).unwrap();
        assert_eq!(got.date, d(2026, 9, 6));
        // «до пятницы» on a Friday: the next one
        assert_eq!(next_weekday(d(2026, 9, 4), Weekday::Fri), d(2026, 9, 11));
    }

    #[test]
    fn a_typed_day_means_the_nearest_one() {
        // 12.09 typed on 01.09: this year's, still ahead
        assert_eq!(nearest_past(12, 9, today()), Some(Err(d(2026, 9, 12))));
        // 28.08 on 01.09: a few days ago
        assert_eq!(nearest_past(28, 8, today()), Some(Ok(d(2026, 8, 28))));
        // 28.12 typed on 10.01: last December
        assert_eq!(
            nearest_past(28, 12, d(2027, 1, 10)),
            Some(Ok(d(2026, 12, 28)))
        );
        // 03.01 typed on 28.12: next January, ahead
        assert_eq!(
            nearest_past(3, 1, d(2026, 12, 28)),
            Some(Err(d(2027, 1, 3)))
        );
        assert_eq!(nearest_past(31, 4, today()), None);
        assert_eq!(nearest_past(1, 9, today()), Some(Ok(today())));
    }
}
