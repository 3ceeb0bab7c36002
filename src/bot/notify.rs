//! Messages to other people (fan-out) go through one shared limiter ([`Pacer`]), so that
//! bursts stay within Telegram's limits. A person who blocked the bot is marked unreachable
//! instead of being retried.

use super::pacer::{Limits, Pacer};
use crate::i18n::Lang;
use crate::repo::{users, Pool};
use std::future::Future;
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;
use teloxide::{ApiError, RequestError};

#[derive(Clone)]
pub struct Notifier {
    bot: Bot,
    pool: Pool,
    pacer: Arc<Pacer>,
}

/// Errors that mean "this person cannot be reached", not "try again".
pub fn is_unreachable(e: &RequestError) -> bool {
    matches!(
        e,
        RequestError::Api(
            ApiError::BotBlocked | ApiError::UserDeactivated | ApiError::ChatNotFound | ApiError::BotKicked | ApiError::CantInitiateConversation
        )
    )
}

impl Notifier {
    pub fn new(bot: Bot, pool: Pool, limits: Limits) -> Self {
        Notifier { bot, pool, pacer: Arc::new(Pacer::new(limits)) }
    }

    /// The bot, for calls that are not messages (leaving a chat).
    pub fn bot(&self) -> &Bot {
        &self.bot
    }

    /// Sends one message through the shared limiter: `send` makes the request (it is called
    /// again if Telegram answers 429).
    pub async fn paced<T, F, Fut>(&self, chat: ChatId, mut send: F) -> Result<T, RequestError>
    where
        F: FnMut(&Bot) -> Fut,
        Fut: Future<Output = Result<T, RequestError>>,
    {
        self.pacer.send(chat.0, || send(&self.bot)).await
    }

    /// A person's language for messages they did not ask for.
    pub async fn lang_of(&self, user_id: i64) -> Lang {
        users::by_id(&self.pool, user_id).await.ok().flatten().and_then(|u| u.lang).and_then(|l| Lang::from_code(&l)).unwrap_or_default()
    }

    /// Sends to a person by their record id. `Ok(None)` if they cannot be reached (withdrew
    /// consent, blocked the bot).
    pub async fn to_user(&self, user_id: i64, text: String, kb: Option<InlineKeyboardMarkup>) -> Result<Option<Message>, RequestError> {
        let user = match users::by_id(&self.pool, user_id).await {
            Ok(Some(u)) => u,
            Ok(None) => return Ok(None),
            Err(e) => {
                tracing::error!(user_id, error = %e, "cannot look up the recipient");
                return Ok(None);
            }
        };
        let Some(tg) = user.telegram_id else { return Ok(None) };
        self.to_chat(ChatId(tg), text, kb).await
    }

    pub async fn to_chat(&self, chat: ChatId, text: String, kb: Option<InlineKeyboardMarkup>) -> Result<Option<Message>, RequestError> {
        let text: String = text.chars().take(super::ui::MAX_MESSAGE_CHARS).collect();
        let res = self
            .paced(chat, |bot| {
                let req = bot.send_message(chat, text.clone());
                match kb.clone() {
                    Some(kb) => req.reply_markup(kb).send(),
                    None => req.send(),
                }
            })
            .await;
        match res {
            Ok(m) => Ok(Some(m)),
            Err(e) if is_unreachable(&e) => {
                tracing::info!(chat = chat.0, error = %e, "person unreachable; marked");
                let _ = users::mark_unreachable(&self.pool, chat.0, chrono::Utc::now()).await;
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// Sends and logs failures instead of failing the caller's action (which is already committed).
    pub async fn tell(&self, user_id: i64, text: String, kb: Option<InlineKeyboardMarkup>) {
        if let Err(e) = self.to_user(user_id, text, kb).await {
            tracing::warn!(user_id, error = %e, "notification not delivered");
        }
    }
}

/// Telegram's documented limits (≈1 msg/s per chat, 20/min per group, 30/s overall).
pub fn telegram_limits() -> Limits {
    Limits::TELEGRAM
}
