//! Organizations of the district: telling a likely duplicate name («МБОУ СОШ № 5» and
//! «мбоу  сош N5») before it becomes a twin that halves every indicator, and the time zones an
//! organization may be given.

/// A name reduced to what tells organizations apart: lower case, `ё` as `е`, no quotes or
/// punctuation, `№` / `N` / `No` before a number dropped, digits split from letters, single
/// spaces. «МБОУ "СОШ №5"», «мбоу сош N 5» and «МБОУ СОШ № 5» all become «мбоу сош 5».
pub fn normalize_name(name: &str) -> String {
    let mut spaced = String::with_capacity(name.len() + 8);
    let mut prev: Option<char> = None;
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = if c == 'ё' { 'е' } else { c };
        let c = if c.is_alphanumeric() { c } else { ' ' };
        // «сош5» and «n5» are «сош 5» and «n 5»
        if let Some(p) = prev {
            if p.is_alphabetic() != c.is_alphabetic() && p.is_alphanumeric() && c.is_alphanumeric()
            {
                spaced.push(' ');
            }
        }
        spaced.push(c);
        prev = Some(c);
    }
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let number_follows = words
            .get(i + 1)
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
        // «№» became a space already; N, No, Nr (Latin) or Н (Cyrillic) before a number is the same sign
        if number_follows && matches!(*w, "n" | "no" | "nr" | "н") {
            continue;
        }
        out.push(w);
    }
    out.join(" ")
}

/// The first of `existing` (id, name) whose name is the same as `name` once normalized
/// (leaving out `except`, the organization being renamed).
pub fn likely_duplicate<'a>(
    existing: &'a [(i64, String)],
    name: &str,
    except: Option<i64>,
) -> Option<&'a (i64, String)> {
    let wanted = normalize_name(name);
    if wanted.is_empty() {
        return None;
    }
    existing
        .iter()
        .find(|(id, n)| Some(*id) != except && normalize_name(n) == wanted)
}

/// Time zones offered by buttons in the bot (Russia, west to east); any IANA zone can be set
/// from the command line.
pub const ZONES: &[&str] = &[
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Yakutsk",
    "Asia/Vladivostok",
    "Asia/Magadan",
    "Asia/Kamchatka",
];

/// Whether `tz` is a known IANA time zone.
pub fn valid_zone(tz: &str) -> bool {
    tz.parse::<chrono_tz::Tz>().is_ok()
}

/// A name an organization may have: 1 to 200 characters once trimmed.
pub fn clean_name(name: &str) -> Option<&str> {
    let name = name.trim();
    (!name.is_empty() && name.chars().count() <= 200).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_school_are_one_name() {
        let same = [
            "МБОУ СОШ № 5",
            "мбоу  сош №5",
            "МБОУ СОШ N5",
            "МБОУ «СОШ № 5»",
            "МБОУ \"СОШ No 5\"",
            "мбоу сош н 5",
            " МБОУ СОШ 5 ",
        ];
        for s in same {
            assert_eq!(normalize_name(s), "мбоу сош 5", "{s}");
        }
        assert_eq!(
            normalize_name("Детский сад «Солнышко»"),
            normalize_name("детский сад солнышко")
        );
        assert_eq!(
            normalize_name("Лицей «Ёлочка»"),
            normalize_name("лицей елочка")
        );
    }

    #[test]
    fn different_schools_stay_different() {
        assert_ne!(
            normalize_name("МБОУ СОШ № 5"),
            normalize_name("МБОУ СОШ № 15")
        );
        assert_ne!(
            normalize_name("МБОУ СОШ № 5"),
            normalize_name("МАОУ СОШ № 5")
        );
        // a word that merely starts with n is kept
        assert_eq!(normalize_name("Школа New 5"), "школа new 5");
        // N not before a number is kept
        assert_eq!(normalize_name("Центр N"), "центр n");
    }

    #[test]
    fn a_duplicate_is_found_except_the_organization_itself() {
        let existing = vec![
            (1, "МБОУ СОШ № 1".to_string()),
            (5, "МБОУ СОШ № 5".to_string()),
        ];
        assert_eq!(
            likely_duplicate(&existing, "мбоу сош N5", None).map(|o| o.0),
            Some(5)
        );
        assert_eq!(
            likely_duplicate(&existing, "МБОУ СОШ № 5", Some(5)),
            None,
            "renaming a school to its own name"
        );
        assert_eq!(likely_duplicate(&existing, "МБОУ СОШ № 7", None), None);
        assert_eq!(likely_duplicate(&existing, "«»", None), None);
    }

    #[test]
    fn zones_and_names() {
        assert!(ZONES.iter().all(|z| valid_zone(z)));
        assert!(!valid_zone("Mars/Base"));
        assert_eq!(clean_name("  Школа  "), Some("Школа"));
        assert_eq!(clean_name("   "), None);
        assert_eq!(clean_name(&"я".repeat(201)), None);
    }
}
