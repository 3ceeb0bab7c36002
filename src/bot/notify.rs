//! Messages to other people (fan-out) go through one shared limiter (teloxide's Throttle),
//! so that bursts stay within Telegram's limits. A person who blocked the bot is marked
//! unreachable instead of being retried.

use crate::i18n::Lang;
use crate::repo::{users, Pool};
use teloxide::adaptors::throttle::{Limits, Throttle};
use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;
use teloxide::{ApiError, RequestError};

#[derive(Clone)]
pub struct Notifier {
    bot: Throttle<Bot>,
    pool: Pool,
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
        Notifier { bot: Throttle::new_spawn(bot, limits), pool }
    }

    pub fn bot(&self) -> &Throttle<Bot> {
        &self.bot
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
        let req = self.bot.send_message(chat, text);
        let res = match kb {
            Some(kb) => req.reply_markup(kb).await,
            None => req.await,
        };
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
    Limits { messages_per_sec_chat: 1, messages_per_min_chat: 20, messages_per_min_channel_or_supergroup: 20, messages_per_sec_overall: 30 }
}
