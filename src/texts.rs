//! Localized names of the domain's things, shared by the bot and the documents (so that
//! `report/` does not reach into `bot/`): a survey's title and a question's text.

use crate::domain::survey::Question;
use crate::i18n::{I18n, Lang};

/// A question's text: the coordinator's own wording, else the locale default.
pub fn question_text(lang: Lang, q: &Question) -> String {
    let own = match lang {
        Lang::Ru => q.ru.clone().or_else(|| q.en.clone()),
        Lang::En => q.en.clone().or_else(|| q.ru.clone()),
    };
    own.unwrap_or_else(|| {
        let key = format!("sv-q-{}", q.id.replace('_', "-"));
        if I18n::get().has(lang, &key) {
            tr!(lang, &key)
        } else {
            q.id.clone()
        }
    })
}

pub fn survey_title(lang: Lang, code: &str) -> String {
    let key = format!("sv-title-{}", code.replace('_', "-"));
    if I18n::get().has(lang, &key) {
        tr!(lang, &key)
    } else {
        code.to_string()
    }
}
