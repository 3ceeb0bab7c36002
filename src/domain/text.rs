//! Free text as it enters the bot. Every message text and caption passes [`sanitize`] once,
//! where the update arrives (`bot::on_private_message`, the group handlers), so no stored
//! text can carry invisible characters that reorder or hide what a reader sees.

/// Removes the characters that let a text look different from what it is:
/// - bidirectional controls (U+202A–U+202E «right-to-left override», U+2066–U+2069 isolates,
///   U+200E/U+200F marks, U+061C);
/// - zero-width characters (U+200B, U+200C, U+2060, U+FEFF; U+200D except between two
///   pictographs, where it joins an emoji sequence such as 👩‍🏫);
/// - control characters (ESC, NUL, …) except the line break and the tab; `\r\n` becomes `\n`.
pub fn sanitize(input: &str) -> String {
    let chars: Vec<char> = input.chars().collect();
    let mut out = String::with_capacity(input.len());
    for (i, &c) in chars.iter().enumerate() {
        let keep = match c {
            '\n' | '\t' => true,
            '\u{200D}' => {
                let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
                let after = chars.get(i + 1).copied();
                before.is_some_and(is_pictograph) && after.is_some_and(is_pictograph)
            }
            c if is_invisible(c) => false,
            c => !c.is_control(),
        };
        if keep {
            out.push(c);
        }
    }
    out
}

/// Bidi controls and zero-width characters (not the joiner, which [`sanitize`] judges by its
/// neighbours).
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        | '\u{200B}' | '\u{200C}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{180E}')
}

fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{FE0F}')
}

/// The writing system of a letter, as far as names are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Other,
}

fn script(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    Some(match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => Script::Latin,
        '\u{0400}'..='\u{052F}'
        | '\u{1C80}'..='\u{1C8F}'
        | '\u{2DE0}'..='\u{2DFF}'
        | '\u{A640}'..='\u{A69F}' => Script::Cyrillic,
        _ => Script::Other,
    })
}

/// Does a word mix letters of different scripts («Mария» with a Latin M)? Such a word is a
/// look-alike of another name, never a real one. The parts of a hyphenated word are judged
/// separately (a double surname may join two spellings).
pub fn mixes_scripts(word: &str) -> bool {
    word.split('-').any(|part| {
        let mut seen: Option<Script> = None;
        for s in part.chars().filter_map(script) {
            match seen {
                None => seen = Some(s),
                Some(prev) if prev != s => return true,
                _ => {}
            }
        }
        false
    })
}

/// A name compared for equality: case, `ё`/`е` and spaces do not matter.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('ё', "е")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_and_control_characters_are_removed() {
        assert_eq!(sanitize("Иванов\u{202E}авониИ"), "ИвановавониИ");
        assert_eq!(sanitize("у\u{200B}рок\u{FEFF} \u{2066}x\u{2069}"), "урок x");
        assert_eq!(sanitize("тема\u{1b}[31m красная"), "тема[31m красная");
        assert_eq!(sanitize("a\u{0}b\u{7f}c\u{200E}\u{200F}d"), "abcd");
        assert_eq!(
            sanitize("строка 1\r\nстрока 2\tтаб"),
            "строка 1\nстрока 2\tтаб"
        );
    }

    #[test]
    fn ordinary_text_and_emoji_sequences_are_kept() {
        for s in [
            "Учитель математики, 5–9 классы",
            "Hello, мир! 👍",
            "👩\u{200D}🏫 наставник",
            "ё Ё й",
        ] {
            assert_eq!(sanitize(s), s);
        }
        // a joiner between letters hides nothing useful
        assert_eq!(sanitize("a\u{200D}b"), "ab");
    }

    #[test]
    fn mixed_scripts_are_detected_per_word() {
        assert!(mixes_scripts("Mария"), "Latin M in a Cyrillic word");
        assert!(mixes_scripts("Пeтрова"), "Latin e");
        assert!(mixes_scripts("Ивaнoва-Смирнова"));
        assert!(!mixes_scripts("Мария"));
        assert!(!mixes_scripts("Maria"));
        assert!(
            !mixes_scripts("Smith-Иванова"),
            "a double surname may join two spellings"
        );
        assert!(!mixes_scripts("О'Нил"));
    }

    #[test]
    fn names_compare_without_case_and_yo() {
        assert_eq!(
            name_key("  Семёнова   Анна  Петровна"),
            name_key("семенова анна петровна")
        );
        assert_ne!(name_key("Семёнова Анна"), name_key("Семенова Ания"));
    }
}
