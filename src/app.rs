//! Start-up: the same code path for `nastavnik run`, the end-to-end tests and the console.

use crate::bot::{self, Ctx};
use crate::clock::Clock;
use crate::config::Config;
use crate::db;
use crate::repo::dialogues::DbStorage;
use crate::repo::Pool;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use teloxide::error_handlers::LoggingErrorHandler;
use teloxide::prelude::*;
use teloxide::stop::StopToken;
use teloxide::update_listeners::{webhooks, Polling, UpdateListener};

/// How updates reach the bot.
#[derive(Debug, Clone, Default)]
pub enum Listen {
    /// Long polling with `getUpdates` (the default; works behind any NAT).
    #[default]
    Polling,
    /// Telegram POSTs updates to `url`; the bot serves them on `address` (usually behind nginx).
    Webhook(Webhook),
}

/// Webhook settings: the public HTTPS `url`, the local `address` to listen on and the secret
/// Telegram sends in `X-Telegram-Bot-Api-Secret-Token` (requests without it get 401).
#[derive(Debug, Clone)]
pub struct Webhook {
    pub url: url::Url,
    pub address: SocketAddr,
    /// `None`: a random secret is generated at start (and given to Telegram by `setWebhook`).
    pub secret: Option<String>,
}

/// Whether `s` may be a webhook secret: 1–256 characters `A-Z a-z 0-9 _ -` (Telegram's rule).
pub fn valid_webhook_secret(s: &str) -> bool {
    (1..=256).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Counts updates that entered the handler tree and those whose handling has finished, so
/// that a driver (the console) knows when the bot has fully reacted to what it sent.
#[derive(Debug, Default)]
pub struct UpdateCounter {
    started: AtomicU64,
    finished: AtomicU64,
}

/// Lives in the handler's dependencies for the duration of one update.
struct InFlight(Arc<UpdateCounter>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.finished.fetch_add(1, Ordering::SeqCst);
    }
}

impl UpdateCounter {
    fn begin(self: &Arc<Self>) -> InFlight {
        self.started.fetch_add(1, Ordering::SeqCst);
        InFlight(self.clone())
    }
    /// Updates whose handling has completed (including unhandled ones).
    pub fn finished(&self) -> u64 {
        self.finished.load(Ordering::SeqCst)
    }
    /// Updates being handled right now.
    pub fn in_flight(&self) -> u64 {
        self.started
            .load(Ordering::SeqCst)
            .saturating_sub(self.finished())
    }
}

/// A running bot: stop it with [`RunningBot::stop`].
pub struct RunningBot {
    pub pool: Pool,
    pub ctx: Arc<Ctx>,
    /// How many updates were handled (see [`UpdateCounter`]).
    pub updates: Arc<UpdateCounter>,
    /// Ends the update listener's stream, which ends dispatching.
    stop: StopToken,
    task: tokio::task::JoinHandle<()>,
    /// Periodic community checks (unlinked chats, welcomes, scheduled announcements).
    ticker: tokio::task::JoinHandle<()>,
    /// Reminder passes (None when REMINDERS=off).
    scheduler: Option<tokio_cron_scheduler::JobScheduler>,
    /// Drains the outbox (messages to other people) through the pacer.
    outbox: Option<bot::outbox::OutboxSender>,
}

/// Updates one chat may have waiting in teloxide's per-chat queue. teloxide handles a chat's
/// updates one after another and, when that chat's queue is full, stops taking updates for
/// everyone until there is room (64 by default). The flood guard answers a throttled update
/// in microseconds, so a deep queue drains fast; it only has to be deep enough that one
/// person's burst (Telegram hands out 100 updates per getUpdates) never fills it.
const WORKER_QUEUE: usize = 4096;

impl RunningBot {
    /// Stops polling, lets running handlers finish, and waits.
    pub async fn stop(mut self) {
        if let Some(mut s) = self.scheduler.take() {
            if let Err(e) = s.shutdown().await {
                tracing::warn!(error = %e, "reminder scheduler did not stop cleanly");
            }
        }
        self.ticker.abort();
        // The listener's stop token ends the update stream (at once, or as soon as the
        // listener starts); the dispatcher then lets running handlers finish and its task
        // ends. teloxide's `ShutdownToken` is not used: both its request and its answer are
        // `Notify::notify_waiters` calls that reach only waiters registered at that moment,
        // so a request made while the dispatcher is between two updates, or an answer sent
        // before the caller's first poll, is lost and the stop waits for ever (teloxide 0.17;
        // about 1 suite run in 10 hung there, see `stopping_an_idle_bot_always_ends`).
        self.stop.stop();
        let _ = (&mut self.task).await;
        // after the handlers: what they queued is either sent or waits for the next start
        if let Some(outbox) = self.outbox.take() {
            outbox.stop().await;
        }
    }

    /// Waits until the dispatcher stops (Ctrl-C in production).
    pub async fn wait(mut self) {
        let _ = (&mut self.task).await;
        if let Some(mut s) = self.scheduler.take() {
            let _ = s.shutdown().await;
        }
        if let Some(outbox) = self.outbox.take() {
            outbox.stop().await;
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
pub async fn start(
    config: Config,
    clock: Arc<dyn Clock>,
    ctrlc: bool,
) -> anyhow::Result<RunningBot> {
    start_with(config, clock, ctrlc, Listen::Polling).await
}

/// [`start`] with a choice of how updates arrive: long polling or a webhook.
pub async fn start_with(
    config: Config,
    clock: Arc<dyn Clock>,
    ctrlc: bool,
    listen: Listen,
) -> anyhow::Result<RunningBot> {
    let pool = db::connect(&config.database_url).await?;
    let bot = telegram_client(&config)?;
    let username = bot_username(&bot).await?;
    if let Err(e) = bot::general::set_default_menu(&bot).await {
        tracing::warn!(error = %e, "could not set the default command menu");
    }
    let poll_timeout = config.poll_timeout;
    let notifier = bot::notify::Notifier::new(
        bot.clone(),
        pool.clone(),
        bot::notify::telegram_limits(),
        clock.clone(),
    );
    let flood = Arc::new(bot::flood::FloodGuard::new(config.incoming_per_minute));
    let journal = crate::repo::journal::JournalWriter::start(pool.clone());
    let ctx = Arc::new(Ctx {
        pool: pool.clone(),
        config,
        bot_username: username.clone(),
        clock,
        notifier,
        journal,
        zones: Default::default(),
        langs_before_consent: Default::default(),
    });
    // reminders and outbox messages a crash left half-sent: decided before anything is sent
    bot::reminders::recover(&pool, ctx.now()).await?;
    bot::outbox::recover(&ctx).await?;
    let storage = DbStorage::new(pool.clone());
    let updates = Arc::new(UpdateCounter::default());
    let counted = updates.clone();
    let schema = dptree::entry()
        .map(move || counted.begin())
        // before any database work: one person's flood is answered once and dropped
        .filter_async(
            |bot: Bot, upd: Update, flood: Arc<bot::flood::FloodGuard>| async move {
                bot::flood::gate(&flood, &bot, &upd).await
            },
        )
        .chain(bot::schema());
    let builder = Dispatcher::builder(bot.clone(), schema)
        .dependencies(dptree::deps![ctx.clone(), storage, flood])
        .worker_queue_size(WORKER_QUEUE)
        .default_handler(|upd| async move { tracing::debug!(id = upd.id.0, "unhandled update") })
        .error_handler(LoggingErrorHandler::with_custom_text("handler error"));
    let mut dispatcher = builder.build();
    let errors = LoggingErrorHandler::with_custom_text("update listener error");
    let stop: StopToken;
    let task = match listen {
        Listen::Polling => {
            let mut listener = Polling::builder(bot.clone())
                .timeout(poll_timeout)
                .delete_webhook()
                .await
                .build();
            stop = listener.stop_token();
            tracing::info!(bot = %username, "polling for updates");
            tokio::spawn(async move { dispatcher.dispatch_with_listener(listener, errors).await })
        }
        Listen::Webhook(hook) => {
            // teloxide panics on a malformed secret; refuse it politely instead
            if let Some(secret) = hook.secret.as_deref().filter(|s| !valid_webhook_secret(s)) {
                anyhow::bail!("WEBHOOK_SECRET must be 1-256 characters A-Z, a-z, 0-9, _ or - (got {} characters)", secret.len());
            }
            // make sure the port is free before telling Telegram to send updates there
            drop(
                tokio::net::TcpListener::bind(hook.address)
                    .await
                    .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", hook.address))?,
            );
            let mut options = webhooks::Options::new(hook.address, hook.url.clone());
            if let Some(secret) = hook.secret {
                options = options.secret_token(secret);
            }
            let mut listener = webhooks::axum(bot.clone(), options).await?;
            stop = listener.stop_token();
            tracing::info!(bot = %username, url = %hook.url, address = %hook.address, "receiving updates by webhook");
            tokio::spawn(async move { dispatcher.dispatch_with_listener(listener, errors).await })
        }
    };
    let scheduler = if ctx.config.reminders.scheduler {
        Some(bot::reminders::start_scheduler(ctx.clone()).await?)
    } else {
        None
    };
    let ticker = spawn_ticker(ctx.clone());
    let outbox = Some(bot::outbox::OutboxSender::start(ctx.clone()));
    if ctrlc {
        spawn_signal_handler(stop.clone());
    }
    Ok(RunningBot {
        pool,
        ctx,
        updates,
        stop,
        task,
        ticker,
        scheduler,
        outbox,
    })
}

/// Ctrl-C (SIGINT) or `systemctl stop` (SIGTERM) ends the update stream; [`RunningBot::wait`]
/// then lets running handlers finish, stops the scheduler and the outbox, and returns.
fn spawn_signal_handler(stop: StopToken) {
    tokio::spawn(async move {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            match signal(SignalKind::terminate()) {
                Ok(mut term) => {
                    tokio::select! {
                        _ = tokio::signal::ctrl_c() => {}
                        _ = term.recv() => {}
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "cannot listen for SIGTERM; only Ctrl-C stops the bot");
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("stop signal received: finishing the updates being handled");
        stop.stop();
    });
}

/// Runs the community's periodic checks every minute with the injected clock. (The scheduler
/// of issue 5 may call `bot::chats::tick` instead; the checks are idempotent.)
fn spawn_ticker(ctx: Arc<Ctx>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(60));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            bot::chats::tick(&ctx, ctx.now()).await;
        }
    })
}
