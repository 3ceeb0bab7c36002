//! Full-text search in Russian: words are reduced to their Snowball stems before they are
//! indexed and before they are searched, so «урок», «уроки» and «уроков» meet.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

fn russian() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::Russian))
}

fn english() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The stems of a text's words, in order: lowercase, «ё» as «е», words of one letter dropped.
pub fn stems(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
        .map(|w| {
            let w = w.to_lowercase().replace('ё', "е");
            let cyrillic = w.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
            let stemmer = if cyrillic { russian() } else { english() };
            stemmer.stem(&w).into_owned()
        })
        .collect()
}

/// The text to store in the index.
pub fn index_text(parts: &[&str]) -> String {
    stems(&parts.join(" ")).join(" ")
}

/// An FTS5 query that needs every word of `query` (as a prefix of a stem): `"урок"* "дисциплин"*`.
/// Quoting keeps the user's words from being read as FTS5 syntax. `None` for an empty query.
pub fn fts_query(query: &str) -> Option<String> {
    let mut words = stems(query);
    words.dedup();
    let parts: Vec<String> = words
        .iter()
        .take(8)
        .map(|s| format!("\"{}\"*", s.replace('"', "")))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_share_a_stem() {
        let s = |w: &str| stems(w).pop().unwrap();
        assert_eq!(s("урок"), s("уроки"));
        assert_eq!(s("урок"), s("уроков"));
        assert_eq!(s("дисциплина"), s("дисциплины"));
        assert_eq!(s("Ёлка"), s("елки"));
        assert_eq!(s("lessons"), s("lesson"));
    }

    #[test]
    fn queries_are_quoted_and_empty_ones_are_none() {
        assert_eq!(fts_query("  "), None);
        assert_eq!(fts_query("- \" *"), None);
        let q = fts_query("Уроков NEAR(дисциплины)").unwrap();
        assert_eq!(
            q,
            format!(
                "\"{}\"* \"near\"* \"{}\"*",
                stems("урок")[0],
                stems("дисциплина")[0]
            )
        );
    }
}
