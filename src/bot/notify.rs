//! Messages to other people. A handler never waits for Telegram's limits: [`Notifier::tell`]
//! and the other `enqueue` calls only write a row into the durable outbox (`repo::outbox`) and
//! wake the background sender (`bot::outbox`), which sends through the shared limiter
//! ([`Pacer`]). Background work that keeps its own exactly-once bookkeeping (the reminder
//! pass, the periodic community checks) sends directly with [`Notifier::send_now`].
//!
//! Telegram's errors are classified by [`classify`]: by teloxide's variant where it has one,
//! and otherwise by the description, whose prefix is Telegram's rendering of the HTTP code
//! («Forbidden: …» = 403, «Bad Request: …» = 400). teloxide 0.17 expects «Unauthorized: bot
//! can't initiate conversation…» and knows nothing of «Forbidden: bot is not a member of the
//! supergroup chat», so both arrive as `ApiError::Unknown` and are recognised here.

use super::pacer::{Limits, Pacer};
use super::ui;
use crate::clock::Clock;
use crate::i18n::Lang;
use crate::repo::outbox::{self, NewMessage, To};
use crate::repo::{users, Pool};
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;
use teloxide::{ApiError, RequestError};
use tokio::sync::Notify;

#[derive(Clone)]
pub struct Notifier {
    bot: Bot,
    pool: Pool,
    pacer: Arc<Pacer>,
    clock: Arc<dyn Clock>,
    /// Wakes the outbox sender when a row is added.
    wake: Arc<Notify>,
}

/// What a failed send means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The recipient cannot be written to (403, or the chat does not exist): why, as the
    /// announcement report names it — blocked, deactivated, not_started, kicked.
    Unreachable(&'static str),
    /// The group became a supergroup with this id.
    Migrated(i64),
    /// Surely not delivered, and a later attempt may succeed (Telegram's 5xx, 429 after the
    /// pacer's own attempts, a connection that never opened).
    Retry,
    /// Refused for good (a bad request).
    Refused,
    /// Perhaps delivered (a timeout or a broken answer): never sent again.
    Unknown,
}

/// Classifies a send error (see the module docs).
pub fn classify(e: &RequestError) -> Failure {
    match e {
        RequestError::MigrateToChatId(to) => Failure::Migrated(to.0),
        RequestError::RetryAfter(_) => Failure::Retry,
        RequestError::Api(api) => classify_api(api),
        RequestError::Network(n)
            if n.is_connect() || n.is_builder() || (n.is_request() && !n.is_timeout()) =>
        {
            Failure::Retry
        }
        _ => Failure::Unknown,
    }
}

fn classify_api(api: &ApiError) -> Failure {
    match api {
        ApiError::BotBlocked => return Failure::Unreachable("blocked"),
        ApiError::UserDeactivated => return Failure::Unreachable("deactivated"),
        ApiError::ChatNotFound
        | ApiError::CantInitiateConversation
        | ApiError::CantTalkWithBots => return Failure::Unreachable("not_started"),
        ApiError::BotKicked
        | ApiError::BotKickedFromSupergroup
        | ApiError::BotKickedFromChannel => return Failure::Unreachable("kicked"),
        _ => {}
    }
    // an unknown answer carries Telegram's description as it came; the known ones print theirs
    let description = match api {
        ApiError::Unknown(text) => text.clone(),
        other => other.to_string(),
    };
    if let Some(why) = description.strip_prefix("Forbidden:") {
        let why = why.to_lowercase();
        return Failure::Unreachable(if why.contains("blocked") {
            "blocked"
        } else if why.contains("deactivated") {
            "deactivated"
        } else if why.contains("initiate conversation") || why.contains("to bots") {
            "not_started"
        } else {
            // "bot is not a member of the supergroup chat", "bot was kicked from the group chat", …
            "kicked"
        });
    }
    let server = [
        "Internal Server Error",
        "Bad Gateway",
        "Service Unavailable",
        "Gateway Timeout",
        "Too Many Requests",
    ];
    if server.iter().any(|s| description.starts_with(s)) {
        Failure::Retry
    } else {
        Failure::Refused
    }
}

/// Errors that mean "this person cannot be reached", not "try again".
pub fn is_unreachable(e: &RequestError) -> bool {
    matches!(classify(e), Failure::Unreachable(_))
}

impl Notifier {
    pub fn new(bot: Bot, pool: Pool, limits: Limits, clock: Arc<dyn Clock>) -> Self {
        Notifier {
            bot,
            pool,
            pacer: Arc::new(Pacer::new(limits)),
            clock,
            wake: Arc::new(Notify::new()),
        }
    }

    /// The bot, for calls that are not messages (leaving a chat).
    pub fn bot(&self) -> &Bot {
        &self.bot
    }

    pub(crate) fn wake(&self) -> &Arc<Notify> {
        &self.wake
    }

    /// Sends one request through the shared limiter: `send` makes it (it is called again if
    /// Telegram answers 429). Only for background work; handlers use the outbox.
    pub async fn paced<T, F, Fut>(&self, chat: ChatId, mut send: F) -> Result<T, RequestError>
    where
        F: FnMut(&Bot) -> Fut,
        Fut: Future<Output = Result<T, RequestError>>,
    {
        self.pacer.send(chat.0, || send(&self.bot)).await
    }

    /// A person's language for messages they did not ask for.
    pub async fn lang_of(&self, user_id: i64) -> Lang {
        users::by_id(&self.pool, user_id)
            .await
            .ok()
            .flatten()
            .and_then(|u| u.lang)
            .and_then(|l| Lang::from_code(&l))
            .unwrap_or_default()
    }

    /// Puts a message into the outbox and wakes the sender; returns at once.
    pub async fn enqueue(&self, m: NewMessage) -> sqlx::Result<i64> {
        let id = outbox::enqueue(&self.pool, &m, self.clock.now()).await?;
        self.wake.notify_one();
        Ok(id)
    }

    /// Queues a message to a person by their record id. Failures are logged instead of
    /// failing the caller's action (which is already committed).
    pub async fn tell(&self, user_id: i64, text: String, kb: Option<InlineKeyboardMarkup>) {
        if let Err(e) = self
            .enqueue(NewMessage::text(
                To::User(user_id),
                text,
                keyboard_json(kb.as_ref()),
            ))
            .await
        {
            tracing::error!(user_id, error = %e, "notification not queued");
        }
    }

    /// Queues a reply (text and typed buttons) to a person by their record id.
    pub async fn tell_reply(&self, user_id: i64, reply: super::reply::Reply) {
        let kb = reply.keyboard();
        self.tell(user_id, reply.text, kb).await
    }

    /// Queues a message to a chat.
    pub async fn to_chat(
        &self,
        chat: ChatId,
        text: String,
        kb: Option<InlineKeyboardMarkup>,
    ) -> sqlx::Result<()> {
        self.enqueue(NewMessage::text(
            To::Chat(chat.0),
            text,
            keyboard_json(kb.as_ref()),
        ))
        .await
        .map(|_| ())
    }

    /// Sends a text now through the limiter, split at paragraph and line boundaries if it is
    /// longer than one message (the keyboard goes under the last part). Returns the last
    /// message and whether any part was delivered before an error. `handed` is set just before
    /// the first request leaves (after the wait for the limiter).
    pub async fn send_now(
        &self,
        chat: ChatId,
        text: &str,
        kb: Option<&InlineKeyboardMarkup>,
        handed: Option<&AtomicBool>,
    ) -> (Result<Message, RequestError>, bool) {
        let mut parts = ui::split_text(text, ui::MAX_MESSAGE_CHARS);
        let last = parts.pop().unwrap_or_default();
        let hand = || {
            if let Some(h) = handed {
                h.store(true, Ordering::SeqCst);
            }
        };
        let mut delivered = false;
        for part in parts {
            let sent = self
                .paced(chat, |bot| {
                    hand();
                    bot.send_message(chat, part.clone()).send()
                })
                .await;
            if let Err(e) = sent {
                return (Err(e), delivered);
            }
            delivered = true;
        }
        let res = self
            .paced(chat, |bot| {
                hand();
                let req = bot.send_message(chat, last.clone());
                match kb {
                    Some(kb) => req.reply_markup(kb.clone()).send(),
                    None => req.send(),
                }
            })
            .await;
        (res, delivered)
    }

    /// Sends a text to a person now (background work only). `Ok(None)`: the person cannot be
    /// reached (no Telegram id, or 403) and is marked so.
    pub async fn send_now_to_user(
        &self,
        user_id: i64,
        text: &str,
        kb: Option<&InlineKeyboardMarkup>,
    ) -> Result<Option<Message>, RequestError> {
        let tg = match users::by_id(&self.pool, user_id).await {
            Ok(u) => u.and_then(|u| u.telegram_id),
            Err(e) => {
                tracing::error!(user_id, error = %e, "cannot look up the recipient");
                None
            }
        };
        let Some(tg) = tg else { return Ok(None) };
        match self.send_now(ChatId(tg), text, kb, None).await.0 {
            Ok(m) => Ok(Some(m)),
            Err(e) if is_unreachable(&e) => {
                self.mark_unreachable(tg, &e).await;
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// Records that a person cannot be written to (the curator's digest lists them).
    pub async fn mark_unreachable(&self, tg: i64, e: &RequestError) {
        tracing::info!(chat = tg, error = %e, "person unreachable; marked");
        if let Err(e) = users::mark_unreachable(&self.pool, tg, self.clock.now()).await {
            tracing::error!(error = %e, "cannot mark a person unreachable");
        }
    }
}

/// An inline keyboard as the outbox keeps it.
pub fn keyboard_json(kb: Option<&InlineKeyboardMarkup>) -> Option<String> {
    kb.and_then(|k| serde_json::to_string(k).ok())
}

/// Telegram's documented limits (≈1 msg/s per chat, 20/min per group, 30/s overall).
pub fn telegram_limits() -> Limits {
    Limits::TELEGRAM
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(s: &str) -> RequestError {
        RequestError::Api(ApiError::Unknown(s.to_string()))
    }

    #[test]
    fn telegrams_real_answers_are_classified() {
        // the texts Telegram really sends, which teloxide 0.17 leaves as Unknown
        assert_eq!(
            classify(&unknown(
                "Forbidden: bot can't initiate conversation with a user"
            )),
            Failure::Unreachable("not_started")
        );
        assert_eq!(
            classify(&unknown(
                "Forbidden: bot is not a member of the supergroup chat"
            )),
            Failure::Unreachable("kicked")
        );
        assert_eq!(
            classify(&unknown("Forbidden: bot was kicked from the group chat")),
            Failure::Unreachable("kicked")
        );
        assert_eq!(
            classify(&RequestError::Api(ApiError::BotBlocked)),
            Failure::Unreachable("blocked")
        );
        assert_eq!(
            classify(&RequestError::Api(ApiError::UserDeactivated)),
            Failure::Unreachable("deactivated")
        );
        assert_eq!(
            classify(&RequestError::Api(ApiError::ChatNotFound)),
            Failure::Unreachable("not_started")
        );
        assert_eq!(
            classify(&RequestError::MigrateToChatId(ChatId(-1001))),
            Failure::Migrated(-1001)
        );
        assert_eq!(classify(&unknown("Internal Server Error")), Failure::Retry);
        assert_eq!(
            classify(&unknown("Bad Request: message is too long")),
            Failure::Refused
        );
        assert_eq!(
            classify(&RequestError::Api(ApiError::MessageNotModified)),
            Failure::Refused
        );
        assert!(is_unreachable(&unknown(
            "Forbidden: bot can't initiate conversation with a user"
        )));
        assert!(!is_unreachable(&unknown("Internal Server Error")));
    }
}
