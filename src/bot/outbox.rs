//! The background sender: drains the outbox (`repo::outbox`) through the shared pacer.
//!
//! * One lane per recipient: a recipient's messages go strictly one after another, in the
//!   order they were queued; different recipients are sent side by side (the pacer keeps the
//!   per-chat and overall limits).
//! * Exactly once: a row is taken (`queued` → `sending`) before its request, settled after.
//!   Telegram refused without delivering (5xx, a connection that never opened) → back in the
//!   queue in its place, tried again after a pause (up to [`ATTEMPTS`] in all). An answer that
//!   never came → `unknown`, never sent again. On stop a lane whose request is not yet handed
//!   to Telegram gives its row back; one whose request is under way waits for the answer. A
//!   crash leaves `sending` rows, which `recover` at the next start makes `unknown`.
//! * Telegram's real answers: a person who cannot be written to is marked unreachable, a
//!   chat that removed the bot is marked left, a group that became a supergroup is moved to
//!   its new id (`repo::chats::migrate`) and the message is sent there once more.
//! * What waits for the sent message: a survey question keeps its message id (its buttons
//!   are edited later); an announcement's delivery is recorded and the last one sends the
//!   author the delivery report.

use super::notify::{classify, Failure};
use super::Ctx;
use crate::repo::outbox::{self as store, OnSent, Outgoing, Settled, To};
use crate::repo::{chats, surveys, users};
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use teloxide::prelude::*;
use teloxide::types::{FileId, InlineKeyboardMarkup, InputFile};
use teloxide::RequestError;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

/// A row refused without delivery is tried this many times in all.
pub const ATTEMPTS: i64 = 5;
/// Recipients looked at per round (the others wait for the next round).
const LANES_PER_ROUND: i64 = 512;
/// The sender looks at the table at least this often (rows queued by another process, the CLI).
const POLL: Duration = Duration::from_secs(2);
/// How long a stop waits for requests already handed to Telegram.
const STOP_GRACE: Duration = Duration::from_secs(15);

/// The running sender; [`OutboxSender::stop`] ends it.
pub struct OutboxSender {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl OutboxSender {
    /// Starts draining the outbox (call `recover` first).
    pub fn start(ctx: Arc<Ctx>) -> OutboxSender {
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(run(ctx, stopped));
        OutboxSender { stop, task }
    }

    /// Stops taking rows, gives back the ones not yet handed to Telegram, waits for the rest.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

/// At start-up, before the sender: rows a crash left `sending` may have been delivered and
/// are never sent again.
pub async fn recover(ctx: &Ctx) -> sqlx::Result<()> {
    let n = store::recover(&ctx.pool, ctx.now()).await?;
    if n > 0 {
        tracing::warn!(
            n,
            "outbox messages interrupted while sending: may have been delivered, never sent again"
        );
    }
    Ok(())
}

/// Recipients whose lane is running. A lane leaves the set before it wakes the main loop, so
/// a row queued while it was finishing always gets a new lane.
type Active = Arc<Mutex<HashSet<To>>>;

async fn run(ctx: Arc<Ctx>, mut stopped: watch::Receiver<bool>) {
    let wake = ctx.notifier.wake().clone();
    let active: Active = Default::default();
    let mut lanes = JoinSet::new();
    loop {
        // registered before looking, so that a row queued meanwhile wakes the next round
        let woken = wake.notified();
        while lanes.try_join_next().is_some() {}
        match store::waiting(&ctx.pool, LANES_PER_ROUND).await {
            Ok(waiting) => {
                let mut running = active.lock().unwrap_or_else(|e| e.into_inner());
                for to in waiting {
                    if running.insert(to) {
                        lanes.spawn(lane(ctx.clone(), to, stopped.clone(), active.clone()));
                    }
                }
            }
            Err(e) => tracing::error!(error = %e, "cannot read the outbox"),
        }
        tokio::select! {
            _ = woken => {}
            _ = tokio::time::sleep(POLL) => {}
            _ = stopped.changed() => break,
        }
        if *stopped.borrow() {
            break;
        }
    }
    while lanes.join_next().await.is_some() {}
}

/// Sends one recipient's queued messages in order until none is left (or the sender stops).
async fn lane(ctx: Arc<Ctx>, to: To, stopped: watch::Receiver<bool>, active: Active) {
    send_queued(&ctx, to, stopped).await;
    active.lock().unwrap_or_else(|e| e.into_inner()).remove(&to);
    // a row queued for this recipient while the lane was finishing gets a new lane
    ctx.notifier.wake().notify_one();
}

async fn send_queued(ctx: &Ctx, to: To, mut stopped: watch::Receiver<bool>) {
    loop {
        if *stopped.borrow() {
            return;
        }
        let row = match store::take_next(&ctx.pool, to, ctx.now()).await {
            Ok(Some(row)) => row,
            Ok(None) => return,
            Err(e) => {
                tracing::error!(error = %e, "cannot take an outbox message");
                // not at once again: the database is in trouble
                tokio::time::sleep(POLL).await;
                return;
            }
        };
        let handed = Arc::new(AtomicBool::new(false));
        let send = deliver(ctx, &row, handed.clone());
        tokio::pin!(send);
        let outcome = tokio::select! {
            out = &mut send => out,
            _ = stopped.changed() => {
                if handed.load(Ordering::SeqCst) {
                    // the request is with Telegram: its answer decides
                    match tokio::time::timeout(STOP_GRACE, &mut send).await {
                        Ok(out) => out,
                        Err(_) => Outcome::Settled(Settled::Unknown, Some("stopped while sending".into()), ""),
                    }
                } else {
                    if let Err(e) = store::release(&ctx.pool, row.id).await {
                        tracing::error!(error = %e, "cannot give an outbox message back");
                    }
                    return;
                }
            }
        };
        match outcome {
            Outcome::Settled(how, error, why) => {
                settle(ctx, &row, how, error.as_deref(), why).await
            }
            Outcome::Again(error) => {
                if let Err(e) = store::requeue(&ctx.pool, row.id, &error, ctx.now()).await {
                    tracing::error!(error = %e, "cannot put an outbox message back");
                    return;
                }
                // a pause that grows with each attempt; the recipient's later messages wait
                let pause = Duration::from_millis(500 << row.attempts.clamp(0, 5));
                tokio::select! {
                    _ = tokio::time::sleep(pause) => {}
                    _ = stopped.changed() => return,
                }
            }
        }
    }
}

enum Outcome {
    /// Settled, with the error and (if unreachable) why, as the announcement report names it.
    Settled(Settled, Option<String>, &'static str),
    /// Not delivered; try again later.
    Again(String),
}

fn sent(m: &Message, migrated: bool) -> Outcome {
    Outcome::Settled(
        Settled::Sent {
            message_id: i64::from(m.id.0),
            migrated,
        },
        None,
        "",
    )
}

/// Sends a row (and once more to the new id of a group that became a supergroup).
async fn deliver(ctx: &Ctx, row: &Outgoing, handed: Arc<AtomicBool>) -> Outcome {
    let chat = match row.to {
        To::Chat(c) => c,
        To::User(u) => match users::by_id(&ctx.pool, u).await {
            Ok(user) => match user.and_then(|u| u.telegram_id) {
                Some(tg) => tg,
                // withdrew consent, or was never in Telegram
                None => {
                    return Outcome::Settled(
                        Settled::Unreachable,
                        Some("no Telegram id".into()),
                        "not_started",
                    )
                }
            },
            Err(e) => return Outcome::Again(e.to_string()),
        },
    };
    let kb: Option<InlineKeyboardMarkup> = row
        .keyboard
        .as_deref()
        .and_then(|k| serde_json::from_str(k).ok());
    let (result, partly) = send(ctx, ChatId(chat), row, kb.as_ref(), &handed).await;
    let e = match result {
        Ok(m) => return sent(&m, false),
        Err(e) => e,
    };
    match classify(&e) {
        Failure::Migrated(new) if !partly => {
            tracing::info!(
                old = chat,
                new,
                "the group became a supergroup; moved and sent again"
            );
            if let Err(err) = chats::migrate(&ctx.pool, chat, new).await {
                tracing::error!(error = %err, "cannot move a chat to its supergroup");
            }
            match send(ctx, ChatId(new), row, kb.as_ref(), &handed).await.0 {
                Ok(m) => sent(&m, true),
                Err(e) => failed(ctx, row, new, &e, true).await,
            }
        }
        _ => failed(ctx, row, chat, &e, partly).await,
    }
}

/// What a send error means for the row. `partly`: some part of a long text went out (or it
/// was the resend after a migration), so the row is never tried again.
async fn failed(ctx: &Ctx, row: &Outgoing, chat: i64, e: &RequestError, partly: bool) -> Outcome {
    let error = Some(e.to_string());
    match classify(e) {
        Failure::Unreachable(why) => {
            if matches!(row.to, To::Chat(_)) {
                tracing::info!(chat, error = %e, "the chat removed the bot; marked left");
                if let Err(e) = chats::left(&ctx.pool, chat, ctx.now()).await {
                    tracing::error!(error = %e, "cannot mark a chat left");
                }
            } else {
                ctx.notifier.mark_unreachable(chat, e).await;
            }
            Outcome::Settled(Settled::Unreachable, error, why)
        }
        Failure::Retry if !partly && row.attempts + 1 < ATTEMPTS => Outcome::Again(e.to_string()),
        Failure::Unknown => Outcome::Settled(Settled::Unknown, error, ""),
        _ => Outcome::Settled(Settled::Failed, error, ""),
    }
}

/// The requests of one row: a file with its caption, or a text split into parts. `handed` is
/// set when the first request leaves the limiter for Telegram.
async fn send(
    ctx: &Ctx,
    chat: ChatId,
    row: &Outgoing,
    kb: Option<&InlineKeyboardMarkup>,
    handed: &AtomicBool,
) -> (Result<Message, RequestError>, bool) {
    let n = &ctx.notifier;
    let Some((kind, id)) = &row.file else {
        return n.send_now(chat, &row.text, kb, Some(handed)).await;
    };
    let input = InputFile::file_id(FileId(id.clone()));
    let caption = row.text.clone();
    let res = n
        .paced(chat, |bot| {
            handed.store(true, Ordering::SeqCst);
            let markup = kb.cloned();
            let (input, caption) = (input.clone(), caption.clone());
            let bot = bot.clone();
            let photo = kind == "photo";
            async move {
                match (photo, markup) {
                    (true, Some(m)) => {
                        bot.send_photo(chat, input)
                            .caption(caption)
                            .reply_markup(m)
                            .await
                    }
                    (true, None) => bot.send_photo(chat, input).caption(caption).await,
                    (false, Some(m)) => {
                        bot.send_document(chat, input)
                            .caption(caption)
                            .reply_markup(m)
                            .await
                    }
                    (false, None) => bot.send_document(chat, input).caption(caption).await,
                }
            }
        })
        .await;
    (res, false)
}

/// Does what waits for the outcome, then records it.
async fn settle(ctx: &Ctx, row: &Outgoing, how: Settled, error: Option<&str>, why: &'static str) {
    let now = ctx.now();
    if let Some(error) = error {
        tracing::info!(
            id = row.id,
            state = how.code(),
            error,
            "outbox message not delivered"
        );
    }
    let result = match (row.on_sent, how) {
        (Some(OnSent::Survey(response)), Settled::Sent { message_id, .. }) => {
            surveys::set_message(&ctx.pool, response, message_id)
                .await
                .map_err(Into::into)
        }
        (Some(OnSent::Announcement(delivery)), _) => {
            let status = match how {
                Settled::Sent { migrated: true, .. } => "migrated",
                Settled::Sent { .. } => "sent",
                Settled::Unreachable => why,
                _ => "failed",
            };
            super::announce::delivered(ctx, delivery, status, now).await
        }
        _ => Ok(()),
    };
    if let Err(e) = result {
        tracing::error!(error = %e, "cannot record what followed an outbox message");
    }
    // settled last: what follows (an announcement's report) is queued while this row still
    // counts as pending, so «nothing left to send» is never seen in between
    if let Err(e) = store::settle(&ctx.pool, row.id, how, error, now).await {
        tracing::error!(error = %e, "cannot record an outbox message's outcome");
    }
}
