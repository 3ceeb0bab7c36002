//! Small Telegram helpers: keyboards, sending long texts, editing in place, callbacks.

use super::actor::Actor;
use super::reply::{Button, Reply};
use super::{Ctx, Dlg, HandlerResult};
use crate::i18n::Lang;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, MessageId};
use teloxide::{ApiError, RequestError};

/// Telegram's limit for one message.
pub const MAX_MESSAGE_CHARS: usize = 4096;

/// A callback query being handled, with everything a handler needs.
pub struct Callback<'a> {
    pub bot: &'a Bot,
    pub q: &'a CallbackQuery,
    pub ctx: &'a Ctx,
    pub actor: &'a Actor,
    pub dialogue: &'a Dlg,
    /// The message the tapped keyboard belongs to.
    pub message_id: i32,
}

impl Callback<'_> {
    pub fn chat(&self) -> ChatId {
        ChatId(self.actor.tg)
    }
    pub fn lang(&self) -> Lang {
        self.actor.lang
    }
    /// Answers the callback query (removes the spinner), optionally with a short notice.
    pub async fn answer(&self, text: Option<String>) -> Result<Answered, RequestError> {
        let req = self.bot.answer_callback_query(self.q.id.clone());
        match text {
            Some(t) => req.text(t).await?,
            None => req.await?,
        };
        Ok(Answered::Done)
    }
    /// Replaces the text and keyboard of the tapped message.
    pub async fn edit(
        &self,
        text: String,
        kb: Option<InlineKeyboardMarkup>,
    ) -> Result<(), RequestError> {
        edit_text(self.bot, self.chat(), MessageId(self.message_id), text, kb).await
    }
    /// Replaces the tapped message with a reply (its text and buttons).
    pub async fn show(&self, reply: Reply) -> Result<(), RequestError> {
        let kb = reply.keyboard();
        self.edit(reply.text, kb).await
    }
    /// Removes the keyboard of the tapped message, keeping its text (a decision is under way).
    pub async fn clear_keyboard(&self) -> Result<(), RequestError> {
        edit_keyboard(
            self.bot,
            self.chat(),
            MessageId(self.message_id),
            InlineKeyboardMarkup::default(),
        )
        .await
    }
}

/// How a callback was handled; the dispatcher answers the query accordingly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    /// The handler answered the query itself.
    Done,
    /// The button does not belong to the current step: nothing was changed.
    Stale,
    /// Handled; answer without a notice.
    NotYet,
}

/// A link button (`None` when `url` is not a valid link).
pub fn url_button(text: impl Into<String>, url: &str) -> Option<Button> {
    url::Url::parse(url).ok().map(|_| Button::url(text, url))
}

/// Toggles `code` in a multi-select list.
pub fn toggle(selected: &mut Vec<String>, code: &str) {
    if let Some(i) = selected.iter().position(|c| c == code) {
        selected.remove(i);
    } else {
        selected.push(code.to_string());
    }
}

/// Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts two).
pub fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The longest prefix of `s` within `limit` UTF-16 code units (never cutting a character).
pub fn truncate_utf16(s: &str, limit: usize) -> &str {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > limit {
            return &s[..i];
        }
    }
    s
}

/// Splits a text into parts that fit in one Telegram message (`limit` UTF-16 code units): at a
/// paragraph break, else a line break, else between words, so that no word and no `/command`
/// is cut; only a single "word" longer than a message is cut inside. Nothing is lost: the
/// parts put together are the text.
pub fn split_text(text: &str, limit: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = text;
    while utf16_len(rest) > limit {
        let window = truncate_utf16(rest, limit);
        // a cut this late at least, so that a break near the start does not make a tiny part
        let late = window.len() / 2;
        let after = |sep: &str, min: usize| {
            window
                .rfind(sep)
                .map(|i| i + sep.len())
                .filter(|&i| i > min && i < rest.len())
        };
        let space = || {
            window
                .rfind(char::is_whitespace)
                .map(|i| i + window[i..].chars().next().map_or(1, char::len_utf8))
                .filter(|&i| i > 0)
        };
        let cut = after("\n\n", late)
            .or_else(|| after("\n", late))
            .or_else(space)
            .or_else(|| after("\n", 0))
            .unwrap_or(
                window
                    .len()
                    .max(rest.chars().next().map_or(1, char::len_utf8)),
            );
        parts.push(rest[..cut].to_string());
        rest = &rest[cut..];
    }
    if !rest.is_empty() || parts.is_empty() {
        parts.push(rest.to_string());
    }
    parts
}

/// Sends a reply (split if too long; the buttons go with the last part).
pub async fn send_reply(bot: &Bot, chat: ChatId, reply: Reply) -> Result<Message, RequestError> {
    let kb = reply.keyboard();
    send(bot, chat, reply.text, kb).await
}

/// Sends a text (split if too long); the keyboard goes with the last part. Returns the last message.
pub async fn send(
    bot: &Bot,
    chat: ChatId,
    text: String,
    kb: Option<InlineKeyboardMarkup>,
) -> Result<Message, RequestError> {
    let mut parts = split_text(&text, MAX_MESSAGE_CHARS);
    let last = parts.pop().unwrap_or_default();
    for part in parts {
        bot.send_message(chat, part).await?;
    }
    let req = bot.send_message(chat, last);
    match kb {
        Some(kb) => req.reply_markup(kb).await,
        None => req.await,
    }
}

/// Edits a message in place; "message is not modified" is not an error.
pub async fn edit_text(
    bot: &Bot,
    chat: ChatId,
    id: MessageId,
    text: String,
    kb: Option<InlineKeyboardMarkup>,
) -> Result<(), RequestError> {
    let text = truncate_utf16(&text, MAX_MESSAGE_CHARS).to_string();
    let req = bot.edit_message_text(chat, id, text);
    let res = match kb {
        Some(kb) => req.reply_markup(kb).await,
        None => req.await,
    };
    match res {
        Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Updates only the keyboard of a message (multi-select toggles).
pub async fn edit_keyboard(
    bot: &Bot,
    chat: ChatId,
    id: MessageId,
    kb: InlineKeyboardMarkup,
) -> Result<(), RequestError> {
    match bot
        .edit_message_reply_markup(chat, id)
        .reply_markup(kb)
        .await
    {
        Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => Ok(()),
        Err(e) => Err(e),
    }
}

/// A callback that reached no dialogue (e.g. from a group message we did not send a keyboard for).
pub async fn answer_stale(bot: Bot, q: CallbackQuery) -> HandlerResult {
    let lang = Lang::resolve(None, q.from.language_code.as_deref());
    bot.answer_callback_query(q.id.clone())
        .text(tr!(lang, "stale-button"))
        .await?;
    Ok(())
}

/// A typed reason (why a petition or request is rejected, a resignation, an order): the
/// message's text, trimmed, of 2 to 500 characters. Otherwise the person is told what is wrong
/// and `None` comes back (the wait goes on).
pub async fn typed_reason<'m>(
    bot: &Bot,
    msg: &'m Message,
    lang: Lang,
) -> Result<Option<&'m str>, RequestError> {
    let Some(text) = msg.text().map(str::trim) else {
        bot.send_message(msg.chat.id, tr!(lang, "err-need-text"))
            .await?;
        return Ok(None);
    };
    if text.chars().count() < 2 || text.chars().count() > 500 {
        bot.send_message(msg.chat.id, tr!(lang, "reason-length"))
            .await?;
        return Ok(None);
    }
    Ok(Some(text))
}

/// A typed text (a /sos question or answer, a comment): the message's text, trimmed, not
/// empty and at most `max` characters. Otherwise the person is told and `None` comes back.
pub async fn text_up_to<'m>(
    bot: &Bot,
    msg: &'m Message,
    lang: Lang,
    max: usize,
) -> Result<Option<&'m str>, RequestError> {
    let text = msg.text().map(str::trim).unwrap_or_default();
    if text.is_empty() {
        bot.send_message(msg.chat.id, tr!(lang, "err-need-text"))
            .await?;
        return Ok(None);
    }
    if text.chars().count() > max {
        bot.send_message(msg.chat.id, tr!(lang, "text-too-long", max = max))
            .await?;
        return Ok(None);
    }
    Ok(Some(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_respects_limit_and_keeps_everything() {
        let text = "строка\n".repeat(2000);
        let parts = split_text(&text, MAX_MESSAGE_CHARS);
        assert!(parts.len() >= 4);
        assert!(parts
            .iter()
            .all(|p| utf16_len(p) <= MAX_MESSAGE_CHARS && p.ends_with('\n')));
        assert_eq!(parts.concat(), text);
        // one "word" longer than a message is the only thing ever cut inside
        let one_line = "я".repeat(10_000);
        let parts = split_text(&one_line, MAX_MESSAGE_CHARS);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts.concat(), one_line);
        assert_eq!(split_text("коротко", 4096), vec!["коротко".to_string()]);
        assert_eq!(split_text("", 4096), vec![String::new()]);
    }

    #[test]
    fn split_prefers_paragraphs_then_lines_then_spaces_and_never_cuts_a_command() {
        let para = format!("{}\n\n{}", "а".repeat(30), "б".repeat(30));
        assert_eq!(
            split_text(&para, 40),
            vec![format!("{}\n\n", "а".repeat(30)), "б".repeat(30)]
        );
        let lines = format!("{}\n{}\n{}", "а".repeat(15), "б".repeat(15), "в".repeat(15));
        assert_eq!(
            split_text(&lines, 40),
            vec![
                format!("{}\n{}\n", "а".repeat(15), "б".repeat(15)),
                "в".repeat(15)
            ]
        );
        // one long line of words and commands: cut between words only
        let words = "нажмите /journal_page_2 или /sos_answer_17 чтобы продолжить ".repeat(200);
        let parts = split_text(&words, MAX_MESSAGE_CHARS);
        assert!(parts.len() > 1);
        for p in &parts {
            assert!(utf16_len(p) <= MAX_MESSAGE_CHARS);
            assert!(
                p.ends_with(' '),
                "a part ends between words: …{:?}",
                &p[p.len().saturating_sub(20)..]
            );
        }
        assert_eq!(parts.concat(), words);
    }

    #[test]
    fn split_counts_utf16_so_emoji_fit() {
        // 😀 is two UTF-16 code units: 3000 of them are 6000 units, more than one message
        let emoji = "😀 ".repeat(3000);
        let parts = split_text(&emoji, MAX_MESSAGE_CHARS);
        assert!(parts.len() >= 3, "{} parts", parts.len());
        assert!(parts.iter().all(|p| utf16_len(p) <= MAX_MESSAGE_CHARS));
        assert_eq!(parts.concat(), emoji);
        assert_eq!(truncate_utf16("a😀b", 2), "a");
        assert_eq!(truncate_utf16("a😀b", 3), "a😀");
    }

    #[test]
    fn toggling() {
        let mut s = vec![];
        toggle(&mut s, "ict");
        toggle(&mut s, "legal");
        toggle(&mut s, "ict");
        assert_eq!(s, vec!["legal".to_string()]);
    }
}

/// Shows a prompt: edits `edit` in place or sends a new message. Returns the id of the
/// message that carries the keyboard, if any.
pub async fn prompt(
    bot: &Bot,
    chat: ChatId,
    text: String,
    kb: Option<InlineKeyboardMarkup>,
    edit: Option<i32>,
) -> Result<Option<i32>, RequestError> {
    let has_kb = kb.is_some();
    let id = match edit {
        Some(id) => {
            edit_text(bot, chat, MessageId(id), text, kb).await?;
            id
        }
        None => send(bot, chat, text, kb).await?.id.0,
    };
    Ok(has_kb.then_some(id))
}
