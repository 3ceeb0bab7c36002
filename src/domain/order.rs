//! The head's order (приказ) that fixes pairs and groups (001 §4.4.3, App.1 §6.2): reading
//! its number and date as people type them, and the rules for a date to be accepted.
//!
//! Accepted: «№ 01-12/45 от 02.09.2026», «45 от 2.9.26», «45-о 02.09.2026», «Приказ № 45 от
//! 02.09.2026 г.», «№45 02.09.2026». The number is kept as written, without «Приказ» and «№»;
//! a two-digit year is 20xx.

use chrono::NaiveDate;

/// An order's number and date, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRef {
    pub number: String,
    pub date: NaiveDate,
}

/// Why a typed order was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderError {
    /// Nothing but «приказ», «№», «от».
    Empty,
    /// No date at the end.
    NoDate,
    /// A date that does not exist (31.02) or a year outside 2000–2099.
    BadDate,
    /// A date but no number with a digit in it.
    NoNumber,
    NumberTooLong,
    /// The order is dated after today.
    Future,
    /// The order is dated before the pair (the earliest of the pairs) started.
    BeforeStart,
}

impl OrderError {
    /// The Fluent key of the reply.
    pub fn key(self) -> &'static str {
        match self {
            OrderError::Empty => "order-err-empty",
            OrderError::NoDate => "order-err-no-date",
            OrderError::BadDate => "order-err-bad-date",
            OrderError::NoNumber => "order-err-no-number",
            OrderError::NumberTooLong => "order-err-number-long",
            OrderError::Future => "order-err-future",
            OrderError::BeforeStart => "order-err-before-start",
        }
    }

    pub const ALL: [OrderError; 7] = [
        OrderError::Empty,
        OrderError::NoDate,
        OrderError::BadDate,
        OrderError::NoNumber,
        OrderError::NumberTooLong,
        OrderError::Future,
        OrderError::BeforeStart,
    ];
}

/// The longest number kept (numbers like «01-12/45-о» are far shorter).
pub const MAX_NUMBER_CHARS: usize = 40;

/// Words that are not part of the number: «приказ», «№», «от», «г.».
fn is_filler(word: &str) -> bool {
    let w = word.to_lowercase();
    let w = w.trim_end_matches([',', ':', '.']);
    matches!(
        w,
        "приказ"
            | "приказа"
            | "приказом"
            | "от"
            | "г"
            | "года"
            | "order"
            | "no"
            | "of"
            | "from"
            | "dated"
            | "n"
            | "№"
            | "#"
    )
}

/// Parses a date of the form d.m.yy or d.m.yyyy (dots or slashes, not mixed); `None` when
/// the word is not shaped like a date, `Some(Err)` when it is but names no real day.
fn parse_date(word: &str) -> Option<Result<NaiveDate, OrderError>> {
    let word = word.trim_end_matches(['.', ',', 'г', 'Г']);
    let sep = if word.contains('.') { '.' } else { '/' };
    let parts: Vec<&str> = word.split(sep).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    if parts[0].len() > 2 || parts[1].len() > 2 || !(parts[2].len() == 2 || parts[2].len() == 4) {
        return None;
    }
    let (d, m, y): (u32, u32, i32) = (
        parts[0].parse().ok()?,
        parts[1].parse().ok()?,
        parts[2].parse().ok()?,
    );
    let y = if parts[2].len() == 2 { 2000 + y } else { y };
    if !(2000..=2099).contains(&y) {
        return Some(Err(OrderError::BadDate));
    }
    Some(NaiveDate::from_ymd_opt(y, m, d).ok_or(OrderError::BadDate))
}

/// Reads an order's number and date.
pub fn parse(input: &str) -> Result<OrderRef, OrderError> {
    // «№45» and «№ 45» alike; «г.» glued to the date is dropped by `parse_date`
    let spaced = input.replace('№', " № ");
    let mut words: Vec<&str> = spaced
        .split_whitespace()
        .filter(|w| !is_filler(w))
        .collect();
    // a trailing «г.» / «года» after the date is filler already; the date is the last word
    let Some(last) = words.pop() else {
        return Err(OrderError::Empty);
    };
    let date = match parse_date(last) {
        Some(d) => d?,
        None => {
            return Err(
                if words.is_empty() && !last.chars().any(|c| c.is_ascii_digit()) {
                    OrderError::Empty
                } else {
                    OrderError::NoDate
                },
            )
        }
    };
    let number = words.join(" ");
    let number = number
        .trim_matches(|c: char| c == ',' || c == ':' || c.is_whitespace())
        .to_string();
    if !number.chars().any(|c| c.is_ascii_digit()) {
        return Err(OrderError::NoNumber);
    }
    if number.chars().count() > MAX_NUMBER_CHARS {
        return Err(OrderError::NumberTooLong);
    }
    Ok(OrderRef { number, date })
}

/// An order may not be dated in the future nor before the pair it fixes started
/// (`earliest_start`: the earliest start of the pairs it covers).
pub fn check_date(
    date: NaiveDate,
    today: NaiveDate,
    earliest_start: NaiveDate,
) -> Result<(), OrderError> {
    if date > today {
        Err(OrderError::Future)
    } else if date < earliest_start {
        Err(OrderError::BeforeStart)
    } else {
        Ok(())
    }
}

/// [`parse`] and [`check_date`] in one.
pub fn read(
    input: &str,
    today: NaiveDate,
    earliest_start: NaiveDate,
) -> Result<OrderRef, OrderError> {
    let order = parse(input)?;
    check_date(order.date, today, earliest_start)?;
    Ok(order)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_usual_forms() {
        let cases: &[(&str, &str, NaiveDate)] = &[
            ("№ 01-12/45 от 02.09.2026", "01-12/45", d(2026, 9, 2)),
            ("Приказ № 01-12/45 от 02.09.2026", "01-12/45", d(2026, 9, 2)),
            (
                "приказ №01-12/45 от 02.09.2026 г.",
                "01-12/45",
                d(2026, 9, 2),
            ),
            ("45 от 2.9.26", "45", d(2026, 9, 2)),
            ("46 от 2.9.26", "46", d(2026, 9, 2)),
            ("45-о 02.09.2026", "45-о", d(2026, 9, 2)),
            ("№45-к 1.9.2026", "45-к", d(2026, 9, 1)),
            ("123 от 01.09.2026г.", "123", d(2026, 9, 1)),
            ("123 от 01/09/2026", "123", d(2026, 9, 1)),
            ("  123   от   1.09.2026 года ", "123", d(2026, 9, 1)),
            ("Приказ 45 ОД от 02.09.2026", "45 ОД", d(2026, 9, 2)),
            ("No. 7 from 02.09.2026", "7", d(2026, 9, 2)),
            ("45, 02.09.26", "45", d(2026, 9, 2)),
        ];
        for (input, number, date) in cases {
            assert_eq!(
                parse(input),
                Ok(OrderRef {
                    number: number.to_string(),
                    date: *date
                }),
                "{input}"
            );
        }
    }

    #[test]
    fn refusals() {
        let too_long = format!("{} от 02.09.2026", "1".repeat(MAX_NUMBER_CHARS + 1));
        let cases: &[(&str, OrderError)] = &[
            ("", OrderError::Empty),
            ("приказ", OrderError::Empty),
            ("Приказ № от", OrderError::Empty),
            ("45", OrderError::NoDate),
            ("№ 01-12/45", OrderError::NoDate),
            ("12 от 01.09/2026", OrderError::NoDate),
            ("45 от сентября", OrderError::NoDate),
            ("12 от 31.02.2026", OrderError::BadDate),
            ("12 от 01.13.2026", OrderError::BadDate),
            ("12 от 01.09.0026", OrderError::BadDate),
            ("12 от 01.09.2126", OrderError::BadDate),
            ("от 02.09.2026", OrderError::NoNumber),
            ("Приказ № б/н от 02.09.2026", OrderError::NoNumber),
            (&too_long, OrderError::NumberTooLong),
        ];
        for (input, err) in cases {
            assert_eq!(parse(input), Err(*err), "{input}");
        }
    }

    #[test]
    fn dates_against_today_and_the_start() {
        let today = d(2026, 9, 10);
        let start = d(2026, 9, 1);
        assert_eq!(check_date(d(2026, 9, 2), today, start), Ok(()));
        assert_eq!(check_date(today, today, start), Ok(()));
        assert_eq!(check_date(start, today, start), Ok(()));
        assert_eq!(
            check_date(d(2026, 9, 11), today, start),
            Err(OrderError::Future)
        );
        assert_eq!(
            check_date(d(2026, 8, 31), today, start),
            Err(OrderError::BeforeStart)
        );
        assert_eq!(
            read("45 от 2.9.26", today, start).map(|o| o.date),
            Ok(d(2026, 9, 2))
        );
        assert_eq!(read("45 от 2.9.27", today, start), Err(OrderError::Future));
    }

    #[test]
    fn every_error_has_its_own_key() {
        let mut keys: Vec<&str> = OrderError::ALL.iter().map(|e| e.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), OrderError::ALL.len());
    }
}
