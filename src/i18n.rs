//! Texts in Fluent (`locales/<lang>/*.ftl`), embedded in the binary.
//! Russian is the default; Fluent picks the right Russian plural forms.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};
use unic_langid::LanguageIdentifier;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, Default,
)]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language for a user: their explicit choice, else English only if Telegram says `en`.
    pub fn resolve(chosen: Option<&str>, telegram_language_code: Option<&str>) -> Lang {
        if let Some(l) = chosen.and_then(Lang::from_code) {
            return l;
        }
        match telegram_language_code {
            Some(code) if code == "en" || code.starts_with("en-") => Lang::En,
            _ => Lang::Ru,
        }
    }
}

/// Every locale file, by name, as embedded text: (file name, ru, en).
macro_rules! locale_files {
    ($($name:literal),+ $(,)?) => {
        pub const LOCALE_FILES: &[(&str, &str, &str)] = &[
            $(($name,
               include_str!(concat!("../locales/ru/", $name)),
               include_str!(concat!("../locales/en/", $name)))),+
        ];
    };
}

locale_files!(
    "main.ftl",
    "onboarding.ftl",
    "catalog.ftl",
    "requests.ftl",
    "journal.ftl",
    "community.ftl",
    "monitoring.ftl",
    "reminders.ftl",
    "print.ftl",
    "operating.ftl",
    "privacy.ftl",
    "pressure.ftl",
    "documents.ftl",
    "everyday.ftl",
    "programme.ftl",
    "surveys-auto.ftl",
    "school-facts.ftl",
    "plan-edit.ftl",
    "meetings.ftl",
    "programme-length.ftl",
);

pub struct I18n {
    ru: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

/// Named arguments for a message.
pub type Args<'a> = Vec<(&'a str, FluentValue<'a>)>;

impl I18n {
    /// Builds the bundles; panics on a broken `.ftl` file (a test makes sure none is).
    pub fn load() -> anyhow::Result<I18n> {
        Ok(I18n {
            ru: Self::bundle(Lang::Ru)?,
            en: Self::bundle(Lang::En)?,
        })
    }

    /// The process-wide instance.
    pub fn get() -> Arc<I18n> {
        static INSTANCE: OnceLock<Arc<I18n>> = OnceLock::new();
        INSTANCE
            .get_or_init(|| Arc::new(I18n::load().expect("locales are valid")))
            .clone()
    }

    fn bundle(lang: Lang) -> anyhow::Result<FluentBundle<FluentResource>> {
        let id: LanguageIdentifier = lang.code().parse()?;
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        bundle.set_use_isolating(false);
        for (name, ru, en) in LOCALE_FILES {
            let source = if lang == Lang::Ru { ru } else { en };
            let res = FluentResource::try_new(source.to_string())
                .map_err(|(_, errs)| anyhow::anyhow!("{}/{}: {:?}", lang.code(), name, errs))?;
            bundle
                .add_resource(res)
                .map_err(|errs| anyhow::anyhow!("{}/{}: {:?}", lang.code(), name, errs))?;
        }
        Ok(bundle)
    }

    fn bundle_for(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }

    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.bundle_for(lang).has_message(key)
    }

    /// The text of `key` with `args`; a missing key is logged and shown as the key itself.
    pub fn text(&self, lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let bundle = self.bundle_for(lang);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::error!(key, lang = lang.code(), "missing Fluent message");
            return key.to_string();
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        let mut errors = Vec::new();
        let out: Cow<str> = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, ?errors, "Fluent formatting errors");
        }
        out.into_owned()
    }
}

/// Translation with named arguments: `tr!(lang, "key")` or `tr!(lang, "key", name = value, ...)`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $key:expr) => {
        $crate::i18n::I18n::get().text($lang, $key, &[])
    };
    ($lang:expr, $key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::I18n::get().text(
            $lang,
            $key,
            &[$((stringify!($name), ::fluent_bundle::FluentValue::from($value))),+],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast;

    fn keys(source: &str) -> Vec<String> {
        let res = fluent_syntax::parser::parse(source).expect("parses");
        res.body
            .iter()
            .filter_map(|e| match e {
                ast::Entry::Message(m) => Some(m.id.name.to_string()),
                ast::Entry::Term(t) => Some(format!("-{}", t.id.name)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_file_parses_and_both_locales_have_the_same_keys() {
        for (name, ru, en) in LOCALE_FILES {
            let mut k_ru = keys(ru);
            let mut k_en = keys(en);
            k_ru.sort();
            k_en.sort();
            let missing_en: Vec<_> = k_ru.iter().filter(|k| !k_en.contains(k)).collect();
            let missing_ru: Vec<_> = k_en.iter().filter(|k| !k_ru.contains(k)).collect();
            assert!(
                missing_en.is_empty(),
                "{name}: missing in en: {missing_en:?}"
            );
            assert!(
                missing_ru.is_empty(),
                "{name}: missing in ru: {missing_ru:?}"
            );
        }
        I18n::load().expect("bundles build without conflicts");
    }

    #[test]
    fn every_key_used_in_the_code_exists() {
        // Scan the sources for string literals that look like message keys used with tr!/keys.
        let i18n = I18n::load().unwrap();
        let mut missing = Vec::new();
        for entry in walk(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))) {
            if entry.ends_with("i18n.rs") {
                continue; // the macro's own documentation
            }
            let src = std::fs::read_to_string(&entry).unwrap();
            for (i, _) in src.match_indices("tr!(") {
                // only direct literal keys: tr!(lang_expr, "key" ...
                let rest = &src[i + 4..];
                let Some(q) = rest.find('"') else { continue };
                let lang_part = &rest[..q];
                let simple_lang = lang_part.ends_with(", ")
                    && lang_part
                        .trim_end_matches(", ")
                        .chars()
                        .all(|c| c.is_alphanumeric() || "_.()".contains(c));
                let key: String = rest[q + 1..].chars().take_while(|c| *c != '"').collect();
                if !simple_lang
                    || key.is_empty()
                    || !key
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    continue;
                }
                for lang in Lang::ALL {
                    if !i18n.has(lang, &key) {
                        missing.push(format!("{}: {} ({})", entry.display(), key, lang.code()));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys used in code but missing: {missing:#?}"
        );
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
        out
    }

    #[test]
    fn russian_plurals() {
        let i = I18n::load().unwrap();
        let t = |n: i64| i.text(Lang::Ru, "years", &[("count", FluentValue::from(n))]);
        assert_eq!(t(1), "1 год");
        assert_eq!(t(3), "3 года");
        assert_eq!(t(5), "5 лет");
        assert_eq!(t(21), "21 год");
        assert_eq!(t(11), "11 лет");
        let e = |n: i64| i.text(Lang::En, "years", &[("count", FluentValue::from(n))]);
        assert_eq!(e(1), "1 year");
        assert_eq!(e(5), "5 years");
    }

    /// Every Russian message that says what a person did (or about them) agrees in gender:
    /// rendered for a woman and for a man, each gets its own forms and never the other's;
    /// for a name without a patronymic the wording is neutral.
    #[test]
    fn texts_about_a_person_agree_in_gender() {
        use crate::domain::gender::{from_full_name, Gender};
        // (key, the gender argument's name, the woman's forms, the man's forms)
        let table: &[(&str, &str, &[&str], &[&str])] = &[
            (
                "rq-curator-mentor-accepted",
                "gender",
                &["согласилась"],
                &["согласился"],
            ),
            (
                "rq-curator-mentor-declined",
                "gender",
                &["отказалась"],
                &["отказался"],
            ),
            (
                "rq-mentee-confirm",
                "gender",
                &["готова работать"],
                &["готов работать"],
            ),
            (
                "rq-mentee-waiting-you",
                "gender",
                &["согласна работать"],
                &["согласен работать"],
            ),
            ("rq-card-accepted", "gender", &["согласна,"], &["согласен,"]),
            (
                "rs-curator",
                "gender",
                &["её наставляемым"],
                &["его наставляемым"],
            ),
            (
                "plan-submitted-mentor",
                "gender",
                &["выполнила"],
                &["выполнил "],
            ),
            (
                "rem-proposal-escalate",
                "other_gender",
                &["не ответила"],
                &["не ответил "],
            ),
            ("mv-confirmed", "gender", &["теперь её"], &["теперь его"]),
            (
                "meeting-planned-party",
                "gender",
                &["запланировала"],
                &["запланировал "],
            ),
            ("meeting-moved-by", "gender", &["перенесла"], &["перенёс"]),
            (
                "meeting-cancelled-party",
                "gender",
                &["отменила"],
                &["отменил "],
            ),
            // a programme both sides write (issue 21 §2)
            ("np-ask-mentor", "gender", &["предложила"], &["предложил "]),
            ("np-accepted", "gender", &["получила"], &["получил "]),
            ("np-rejected", "gender", &["получила"], &["получил "]),
            ("np-accepted-mentee", "gender", &["приняла"], &["принял "]),
            ("np-edited-mentee", "gender", &["приняла"], &["принял "]),
            (
                "np-rejected-mentee",
                "gender",
                &["отклонила"],
                &["отклонил "],
            ),
            (
                "np-history-proposed",
                "gender",
                &["предложила"],
                &["предложил "],
            ),
            ("ln-ask-other", "gender", &["предложила"], &["предложил "]),
        ];
        let i = I18n::load().unwrap();
        let woman = "Смирнова Галина Ивановна";
        let man = "Петров Иван Сергеевич";
        let unknown = "Maria Ivanova";
        assert_eq!(from_full_name(woman), Gender::Female);
        assert_eq!(from_full_name(man), Gender::Male);
        let render = |key: &str, arg: &str, who: &str| {
            let g = from_full_name(who).code();
            let args: Vec<(&str, FluentValue)> = [
                "name", "mentor", "other", "id", "reason", "title", "hours", "org", "who",
            ]
            .iter()
            .map(|k| {
                (
                    *k,
                    FluentValue::from(if *k == "hours" || *k == "id" {
                        "3"
                    } else {
                        who
                    }),
                )
            })
            .chain([(arg, FluentValue::from(g))])
            .collect();
            i.text(Lang::Ru, key, &args)
        };
        for (key, arg, f, m) in table {
            let (as_woman, as_man, neutral) = (
                render(key, arg, woman),
                render(key, arg, man),
                render(key, arg, unknown),
            );
            for form in *f {
                assert!(
                    as_woman.contains(form),
                    "{key} for a woman lacks «{form}»: {as_woman}"
                );
                assert!(
                    !as_man.contains(form),
                    "{key} for a man says «{form}»: {as_man}"
                );
                assert!(
                    !neutral.contains(form),
                    "{key} guesses «{form}» for an unknown gender: {neutral}"
                );
            }
            for form in *m {
                assert!(
                    as_man.contains(form),
                    "{key} for a man lacks «{form}»: {as_man}"
                );
                assert!(
                    !as_woman.contains(form),
                    "{key} for a woman says «{form}»: {as_woman}"
                );
                assert!(
                    !neutral.contains(form),
                    "{key} guesses «{form}» for an unknown gender: {neutral}"
                );
            }
            assert!(
                neutral.contains(unknown),
                "{key} names the person: {neutral}"
            );
            assert!(
                i.text(Lang::En, key, &[]).len() > 1,
                "{key} exists in English"
            );
        }
        // Every message that selects on a gender is in the table above (a new one gets checked too).
        for (name, ru, _) in LOCALE_FILES {
            for key in keys(ru) {
                let res = fluent_syntax::parser::parse(*ru).expect("parses");
                let src = res.body.iter().find_map(|e| match e {
                    ast::Entry::Message(m) if m.id.name == key => Some(format!("{m:?}")),
                    _ => None,
                });
                if src.is_some_and(|s| {
                    s.contains("name: \"gender\"") || s.contains("name: \"other_gender\"")
                }) {
                    assert!(
                        table.iter().any(|(k, ..)| *k == key),
                        "{name}: {key} selects on gender but is not checked"
                    );
                }
            }
        }
    }

    /// A name is never put where Russian grammar would decline it («от Козлова Дарья Сергеевна»),
    /// and no text hedges with «(а)».
    #[test]
    fn names_stand_where_they_need_no_declension() {
        const PERSON: [&str; 8] = [
            "name", "names", "mentor", "mentee", "mentees", "other", "who", "author",
        ];
        const OBLIQUE: [&str; 16] = [
            "от",
            "для",
            "у",
            "с",
            "к",
            "о",
            "об",
            "наставнику",
            "наставника",
            "наставником",
            "наставляемому",
            "наставляемого",
            "куратору",
            "куратора",
            "коллеге",
            "коллеги",
        ];
        for (name, ru, _) in LOCALE_FILES {
            for line in ru.lines() {
                assert!(
                    !line.contains("(а)") && !line.contains("(ла)"),
                    "{name}: hedged gender in «{line}»"
                );
                for var in PERSON {
                    let pattern = format!("{{ ${var} }}");
                    for (at, _) in line.match_indices(&pattern) {
                        let before = line[..at].trim_end();
                        let word = before
                            .rsplit(char::is_whitespace)
                            .next()
                            .unwrap_or("")
                            .to_lowercase();
                        assert!(
                            !OBLIQUE.contains(&word.as_str()),
                            "{name}: a name after «{word}» would need declension: «{line}»"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn language_resolution() {
        assert_eq!(Lang::resolve(None, None), Lang::Ru);
        assert_eq!(Lang::resolve(None, Some("en")), Lang::En);
        assert_eq!(Lang::resolve(None, Some("de")), Lang::Ru);
        assert_eq!(Lang::resolve(Some("ru"), Some("en")), Lang::Ru);
        assert_eq!(Lang::resolve(Some("en"), Some("ru")), Lang::En);
    }
}
