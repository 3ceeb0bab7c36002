//! Start-up: the same code path for `nastavnik run`, the end-to-end tests and the console.

use crate::bot::{self, Ctx};
use crate::clock::Clock;
use crate::config::Config;
use crate::db;
use crate::repo::dialogues::DbStorage;
use crate::repo::Pool;
use std::sync::Arc;
use std::time::Duration;
use teloxide::dispatching::ShutdownToken;
use teloxide::error_handlers::LoggingErrorHandler;
use teloxide::prelude::*;
use teloxide::update_listeners::Polling;

/// A running bot: stop it with [`RunningBot::stop`].
pub struct RunningBot {
    pub pool: Pool,
    pub ctx: Arc<Ctx>,
    shutdown: ShutdownToken,
    task: tokio::task::JoinHandle<()>,
    /// Reminder passes (None when REMINDERS=off).
    scheduler: Option<tokio_cron_scheduler::JobScheduler>,
}

impl RunningBot {
    /// Stops polling, lets running handlers finish, and waits.
    pub async fn stop(mut self) {
        if let Some(mut s) = self.scheduler.take() {
            if let Err(e) = s.shutdown().await {
                tracing::warn!(error = %e, "reminder scheduler did not stop cleanly");
            }
        }
        if let Ok(f) = self.shutdown.shutdown() {
            f.await;
        }
        let _ = self.task.await;
    }

    /// Waits until the dispatcher stops (Ctrl-C in production).
    pub async fn wait(mut self) {
        let _ = (&mut self.task).await;
        if let Some(mut s) = self.scheduler.take() {
            let _ = s.shutdown().await;
        }
    }
}

/// The Bot API client for this configuration.
pub fn telegram_client(config: &Config) -> anyhow::Result<Bot> {
    let token = config.require_token()?;
    let client = teloxide::net::default_reqwest_settings()
        .timeout(config.poll_timeout + Duration::from_secs(15))
        .build()?;
    let mut bot = Bot::with_client(token, client);
    if let Some(url) = &config.api_url {
        bot = bot.set_api_url(url.clone());
    }
    Ok(bot)
}

/// Asks Telegram who we are, retrying while the network is down.
pub async fn bot_username(bot: &Bot) -> anyhow::Result<String> {
    let mut delay = Duration::from_millis(200);
    for attempt in 1.. {
        match bot.get_me().await {
            Ok(me) => return Ok(me.username().to_string()),
            Err(teloxide::RequestError::Api(e)) => anyhow::bail!("Telegram refused the token: {e}"),
            Err(e) if attempt < 8 => {
                tracing::warn!(error = %e, attempt, "getMe failed, retrying");
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(10));
            }
            Err(e) => return Err(e.into()),
        }
    }
    unreachable!()
}

/// Opens the database, connects to the Bot API and starts long polling in the background.
pub async fn start(config: Config, clock: Arc<dyn Clock>, ctrlc: bool) -> anyhow::Result<RunningBot> {
    let pool = db::connect(&config.database_url).await?;
    let bot = telegram_client(&config)?;
    let username = bot_username(&bot).await?;
    if let Err(e) = bot::general::set_default_menu(&bot).await {
        tracing::warn!(error = %e, "could not set the default command menu");
    }
    let poll_timeout = config.poll_timeout;
    let notifier = bot::notify::Notifier::new(bot.clone(), pool.clone(), bot::notify::telegram_limits());
    let ctx = Arc::new(Ctx { pool: pool.clone(), config, bot_username: username.clone(), clock, notifier });
    // reminders a crash left half-sent: decided before any new pass
    bot::reminders::recover(&pool, ctx.now()).await?;
    let storage = DbStorage::new(pool.clone());
    let mut builder = Dispatcher::builder(bot.clone(), bot::schema())
        .dependencies(dptree::deps![ctx.clone(), storage])
        .default_handler(|upd| async move { tracing::debug!(id = upd.id.0, "unhandled update") })
        .error_handler(LoggingErrorHandler::with_custom_text("handler error"));
    if ctrlc {
        builder = builder.enable_ctrlc_handler();
    }
    let mut dispatcher = builder.build();
    let shutdown = dispatcher.shutdown_token();
    let listener = Polling::builder(bot.clone()).timeout(poll_timeout).delete_webhook().await.build();
    tracing::info!(bot = %username, "polling for updates");
    let task = tokio::spawn(async move {
        dispatcher
            .dispatch_with_listener(listener, LoggingErrorHandler::with_custom_text("update listener error"))
            .await;
    });
    let scheduler = if ctx.config.reminders.scheduler { Some(bot::reminders::start_scheduler(ctx.clone()).await?) } else { None };
    Ok(RunningBot { pool, ctx, shutdown, task, scheduler })
}
