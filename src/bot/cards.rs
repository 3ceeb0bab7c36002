//! Cards and lines several features show: a journal entry in one line (the journal, a held
//! meeting), the buttons under a just-logged entry, and the reply to a refused journal write
//! (the journal, meetings, the plan, its changes, the mentee's proposals).

use super::action::journal::JournalAction;
use super::audience::name_of;
use super::format::{date, wait_text};
use super::reply::{markup, Button};
use super::Ctx;
use crate::domain::everyday;
use crate::domain::journal::{EntryKind, MeetingFormat};
use crate::i18n::Lang;
use crate::repo::journal::{self, Entry, JournalError};
use crate::repo::pairs::Pair;
use teloxide::types::InlineKeyboardMarkup;

/// A journal entry in one line, in the reader's language; `with_who` adds the mentee's name,
/// taken from `pair` when it is at hand (no lookup).
pub async fn entry_line(
    ctx: &Ctx,
    lang: Lang,
    e: &Entry,
    with_who: bool,
    pair: Option<&Pair>,
) -> String {
    let topic = e.topic.clone();
    let d = date(e.on_date);
    let minutes = e.minutes.unwrap_or(0);
    let mut line = match e.kind() {
        Some(EntryKind::Meeting) => {
            let format = e
                .format
                .as_deref()
                .and_then(MeetingFormat::from_code)
                .map(|f| tr!(lang, &f.key()))
                .unwrap_or_else(|| "none".into());
            tr!(
                lang,
                "entry-meeting",
                duration = wait_text(lang, minutes),
                date = d,
                topic = topic,
                format = format
            )
        }
        Some(EntryKind::Helped) => tr!(
            lang,
            "entry-helped",
            duration = wait_text(lang, minutes),
            date = d,
            topic = topic
        ),
        Some(EntryKind::Sos) => {
            // the response time from the question itself (the entry's minutes are capped)
            let waited = match e.sos_id {
                Some(id) => journal::sos(&ctx.pool, id)
                    .await
                    .ok()
                    .flatten()
                    .and_then(|s| {
                        s.answered_at
                            .map(|a| everyday::response_minutes(s.asked_at, a))
                    }),
                None => None,
            };
            tr!(
                lang,
                "entry-sos",
                wait = wait_text(lang, waited.unwrap_or(minutes)),
                date = d,
                topic = topic
            )
        }
        Some(EntryKind::Task) => tr!(lang, "entry-task", date = d, topic = topic),
        Some(EntryKind::Check) => {
            let result = tr!(
                lang,
                if e.format.as_deref() == Some("accepted") {
                    "entry-check-accepted"
                } else {
                    "entry-check-rework"
                }
            );
            tr!(
                lang,
                "entry-check",
                date = d,
                topic = topic,
                result = result
            )
        }
        None => topic,
    };
    if with_who {
        if let Some(m) = e.mentee_id {
            let name = match pair.and_then(|p| p.mentee_name(m)) {
                Some(n) => n.to_string(),
                None => name_of(&ctx.pool, m).await,
            };
            line.push_str(&format!(" — {name}"));
        }
    }
    line
}

/// «Изменить» / «Удалить» under an entry just logged.
pub fn confirmation_keyboard(lang: Lang, e: &Entry) -> InlineKeyboardMarkup {
    markup(vec![vec![
        Button::new(
            tr!(lang, "btn-entry-edit"),
            JournalAction::Edit {
                entry: e.id,
                version: e.version,
            },
        ),
        Button::new(
            tr!(lang, "btn-entry-delete"),
            JournalAction::Delete {
                entry: e.id,
                version: e.version,
            },
        ),
    ]])
}

/// The reply for a refused write.
pub fn refusal(lang: Lang, e: &JournalError) -> Option<String> {
    match e {
        JournalError::PairClosed => Some(tr!(lang, "log-pair-closed")),
        JournalError::NotFound | JournalError::Stale => Some(tr!(lang, "stale-button")),
        JournalError::Db(_) => None,
    }
}
