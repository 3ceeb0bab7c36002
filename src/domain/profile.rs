//! Validation of what a person types during onboarding and profile editing.
//! Every error is a Fluent key with a kind explanation of what is expected.

/// Maximum length of the short free-text fields (position, subjects).
pub const MAX_SHORT_TEXT: usize = 200;
/// Maximum mentor capacity (how many mentees at once).
pub const MAX_CAPACITY: u32 = 10;
/// Default mentor capacity.
pub const DEFAULT_CAPACITY: u32 = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// Fluent key of the explanation.
    pub key: &'static str,
}

fn err<T>(key: &'static str) -> Result<T, InputError> {
    Err(InputError { key })
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// ФИО: two to five words of letters (hyphens and apostrophes allowed), up to 150 characters.
pub fn parse_full_name(input: &str) -> Result<String, InputError> {
    let name = collapse_spaces(input);
    if name.chars().count() > 150 {
        return err("err-name-too-long");
    }
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() < 2 || words.len() > 5 {
        return err("err-name-words");
    }
    let ok = words.iter().all(|w| {
        w.chars().any(|c| c.is_alphabetic())
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.' || c == '’')
    });
    if !ok {
        return err("err-name-letters");
    }
    if words.iter().any(|w| super::text::mixes_scripts(w)) {
        return err("err-name-mixed-scripts");
    }
    // stored in the usual capitalization, however it was typed
    Ok(super::everyday::capitalize_name(&name))
}

/// A short free-text answer (position, subjects taught).
pub fn parse_short_text(input: &str) -> Result<String, InputError> {
    let text = collapse_spaces(input);
    if text.chars().count() < 2 {
        return err("err-text-too-short");
    }
    if text.chars().count() > MAX_SHORT_TEXT {
        return err("err-text-too-long");
    }
    Ok(text)
}

/// Years of teaching experience: a whole number 0..=60; "5 лет" and "5" are both fine.
/// Less than a year said in words («полгода», «меньше года», «3 месяца»), or a fraction
/// («0,5», «1.5»), counts as the whole years done.
pub fn parse_experience(input: &str) -> Result<u32, InputError> {
    let lower = input.trim().to_lowercase();
    let under_a_year = [
        "полгода",
        "пол года",
        "меньше года",
        "менее года",
        "меньше одного года",
        "без опыта",
        "нет опыта",
        "нет",
        "первый год",
    ];
    if under_a_year
        .iter()
        .any(|p| lower == *p || lower.starts_with(&format!("{p} ")))
        || lower.contains("месяц")
        || lower.contains("мес.")
    {
        return Ok(0);
    }
    let first = lower.split_whitespace().next().unwrap_or("");
    let whole = match first.replace(',', ".").split_once('.') {
        Some((w, frac))
            if !w.is_empty() && !frac.is_empty() && frac.chars().all(|c| c.is_ascii_digit()) =>
        {
            w.to_string()
        }
        _ => first.to_string(),
    };
    match whole.parse::<u32>() {
        Ok(n) if n <= 60 => Ok(n),
        Ok(_) => err("err-experience-range"),
        Err(_) => err("err-experience-number"),
    }
}

/// Mentor capacity: how many mentees at the same time, 1..=MAX_CAPACITY.
pub fn parse_capacity(input: &str) -> Result<u32, InputError> {
    match input.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_CAPACITY).contains(&n) => Ok(n),
        _ => err("err-capacity"),
    }
}

/// A young teacher (молодой педагог) has at most three years of experience (004 plan 2.7).
pub fn is_young_teacher(experience_years: Option<u32>) -> bool {
    matches!(experience_years, Some(y) if y <= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_names() {
        assert_eq!(
            parse_full_name("  Иванова   Мария Петровна ").unwrap(),
            "Иванова Мария Петровна"
        );
        assert_eq!(
            parse_full_name("Салтыков-Щедрин Михаил").unwrap(),
            "Салтыков-Щедрин Михаил"
        );
        assert_eq!(parse_full_name("Мария").unwrap_err().key, "err-name-words");
        assert_eq!(
            parse_full_name("/start 123").unwrap_err().key,
            "err-name-letters"
        );
        assert_eq!(
            parse_full_name("Иван 007").unwrap_err().key,
            "err-name-letters"
        );
        assert_eq!(
            parse_full_name(&"Оченьдлинноеимя ".repeat(20))
                .unwrap_err()
                .key,
            "err-name-too-long"
        );
        assert_eq!(
            parse_full_name(&"а".repeat(10_000)).unwrap_err().key,
            "err-name-too-long"
        );
        // a look-alike: Latin «M» and «o» inside Cyrillic words
        assert_eq!(
            parse_full_name("Иванова Mария Петрoвна").unwrap_err().key,
            "err-name-mixed-scripts"
        );
        assert_eq!(parse_full_name("Maria Ivanova").unwrap(), "Maria Ivanova");
        assert_eq!(
            parse_full_name("смирнова ольга игоревна").unwrap(),
            "Смирнова Ольга Игоревна"
        );
        assert_eq!(
            parse_full_name("КУЗНЕЦОВА-ПЕТРОВА анна").unwrap(),
            "Кузнецова-Петрова Анна"
        );
    }

    #[test]
    fn short_texts() {
        assert_eq!(
            parse_short_text(" учитель   математики ").unwrap(),
            "учитель математики"
        );
        assert_eq!(parse_short_text("a").unwrap_err().key, "err-text-too-short");
        assert_eq!(
            parse_short_text(&"б".repeat(201)).unwrap_err().key,
            "err-text-too-long"
        );
    }

    #[test]
    fn experience() {
        assert_eq!(parse_experience("0"), Ok(0));
        assert_eq!(parse_experience("5 лет"), Ok(5));
        assert_eq!(
            parse_experience("61").unwrap_err().key,
            "err-experience-range"
        );
        assert_eq!(
            parse_experience("много").unwrap_err().key,
            "err-experience-number"
        );
        assert_eq!(
            parse_experience("-1").unwrap_err().key,
            "err-experience-number"
        );
        for young in [
            "полгода",
            "Полгода",
            "0,5",
            "0.5",
            "меньше года",
            "менее года",
            "3 месяца",
            "нет",
        ] {
            assert_eq!(parse_experience(young), Ok(0), "{young}");
        }
        assert_eq!(parse_experience("1,5 года"), Ok(1));
        assert_eq!(
            parse_experience("5,").unwrap_err().key,
            "err-experience-number"
        );
    }

    #[test]
    fn capacity() {
        assert_eq!(parse_capacity("3"), Ok(3));
        assert!(parse_capacity("0").is_err());
        assert!(parse_capacity("11").is_err());
        assert!(parse_capacity("два").is_err());
    }

    #[test]
    fn young_teacher() {
        assert!(is_young_teacher(Some(0)));
        assert!(is_young_teacher(Some(3)));
        assert!(!is_young_teacher(Some(4)));
        assert!(!is_young_teacher(None));
    }
}
