//! Replies as data: a text and rows of buttons, each a typed [`Action`] (or a link). Handlers
//! build a [`Reply`]; this module alone turns it into Telegram's inline keyboard, so tests and
//! the authorization check see actions, not label texts.

use super::action::Action;
use crate::i18n::Lang;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

/// One button of a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Button {
    /// Presses come back as the action.
    Action { label: String, action: Action },
    /// Opens a link.
    Url { label: String, url: String },
}

impl Button {
    pub fn new(label: impl Into<String>, action: impl Into<Action>) -> Button {
        Button::Action {
            label: label.into(),
            action: action.into(),
        }
    }

    pub fn url(label: impl Into<String>, url: impl Into<String>) -> Button {
        Button::Url {
            label: label.into(),
            url: url.into(),
        }
    }

    fn render(&self) -> Option<InlineKeyboardButton> {
        match self {
            Button::Action { label, action } => Some(InlineKeyboardButton::callback(
                label.clone(),
                action.encode(),
            )),
            Button::Url { label, url } => url::Url::parse(url)
                .ok()
                .map(|u| InlineKeyboardButton::url(label.clone(), u)),
        }
    }
}

/// A message to show: its text and its buttons.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply {
    pub text: String,
    pub rows: Vec<Vec<Button>>,
}

impl Reply {
    pub fn new(text: impl Into<String>) -> Reply {
        Reply {
            text: text.into(),
            rows: Vec::new(),
        }
    }

    /// Adds a row of buttons (an empty row is left out).
    pub fn row(mut self, row: Vec<Button>) -> Reply {
        if !row.is_empty() {
            self.rows.push(row);
        }
        self
    }

    /// Adds rows of buttons (empty ones are left out).
    pub fn rows(self, rows: Vec<Vec<Button>>) -> Reply {
        rows.into_iter().fold(self, Reply::row)
    }

    /// Adds one button on a row of its own.
    pub fn button(self, button: Button) -> Reply {
        self.row(vec![button])
    }

    /// The actions of the reply's buttons, in order.
    pub fn actions(&self) -> Vec<&Action> {
        self.rows
            .iter()
            .flatten()
            .filter_map(|b| match b {
                Button::Action { action, .. } => Some(action),
                Button::Url { .. } => None,
            })
            .collect()
    }

    /// Telegram's inline keyboard (`None` without buttons).
    pub fn keyboard(&self) -> Option<InlineKeyboardMarkup> {
        let rows: Vec<Vec<InlineKeyboardButton>> = self
            .rows
            .iter()
            .map(|r| r.iter().filter_map(Button::render).collect::<Vec<_>>())
            .filter(|r| !r.is_empty())
            .collect();
        (!rows.is_empty()).then(|| InlineKeyboardMarkup::new(rows))
    }
}

/// Telegram's inline keyboard of rows of buttons (empty without any).
pub fn markup(rows: Vec<Vec<Button>>) -> InlineKeyboardMarkup {
    Reply::default().rows(rows).keyboard().unwrap_or_default()
}

/// A multi-select: one option per row, ✅ on the chosen ones, then «Готово» (`done`). Each
/// option is its toggling action, its label and whether it is chosen.
pub fn multi_select<A: Into<Action>>(
    lang: Lang,
    options: Vec<(A, String, bool)>,
    done: A,
) -> Vec<Vec<Button>> {
    let mut rows: Vec<Vec<Button>> = options
        .into_iter()
        .map(|(action, label, chosen)| {
            vec![Button::new(
                if chosen {
                    format!("✅ {label}")
                } else {
                    label
                },
                action,
            )]
        })
        .collect();
    rows.push(vec![Button::new(tr!(lang, "btn-done"), done)]);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bot::action::general::LangAction;
    use crate::i18n::Lang;

    #[test]
    fn renders_actions_as_callback_data() {
        let reply = Reply::new("Язык?")
            .row(vec![
                Button::new("Русский", LangAction::Set(Lang::Ru)),
                Button::new("English", LangAction::Set(Lang::En)),
            ])
            .row(vec![])
            .button(Button::url("Сайт", "https://example.org/"));
        assert_eq!(reply.actions().len(), 2);
        let kb = serde_json::to_value(reply.keyboard().unwrap()).unwrap();
        assert_eq!(kb["inline_keyboard"][0][1]["callback_data"], "lang:en");
        assert_eq!(kb["inline_keyboard"][1][0]["url"], "https://example.org/");
        assert_eq!(kb["inline_keyboard"].as_array().unwrap().len(), 2);
        assert_eq!(Reply::new("Готово").keyboard(), None);
    }

    #[test]
    fn multi_select_marks_chosen() {
        let options = vec![
            (LangAction::Set(Lang::Ru), "Альфа".to_string(), false),
            (LangAction::Set(Lang::En), "Бета".to_string(), true),
        ];
        let rows = multi_select(Lang::Ru, options, LangAction::Set(Lang::Ru));
        let labels: Vec<String> = rows
            .iter()
            .flatten()
            .map(|b| match b {
                Button::Action { label, .. } | Button::Url { label, .. } => label.clone(),
            })
            .collect();
        assert_eq!(labels, vec!["Альфа", "✅ Бета", "Готово"]);
        assert_eq!(rows.len(), 3);
    }
}
