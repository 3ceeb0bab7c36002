//! The per-person limit on incoming updates: one person who sends hundreds of messages must
//! not hold up everyone else. Each person has a bucket of `per_minute` updates that refills
//! evenly over a minute; past it the bot says once, kindly, to slow down and ignores the
//! rest until the bucket refills — in memory, before any database work. A button press that
//! is ignored is still answered (silently), so the person's app does not spin.

use crate::i18n::Lang;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
use teloxide::prelude::*;
use teloxide::types::UpdateKind;
use tokio::time::Instant;

/// Buckets are pruned once there are this many (a full bucket has nothing to remember).
const MAX_BUCKETS: usize = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Handle it.
    Pass,
    /// The first update over the limit: say so once, then ignore it.
    Warn,
    /// Ignore it.
    Drop,
}

struct Bucket {
    tokens: f64,
    at: Instant,
    /// When the person was last told to slow down (once a minute at most).
    warned: Option<Instant>,
}

/// The warning is repeated at most this often.
const WARN_EVERY: Duration = Duration::from_secs(60);

pub struct FloodGuard {
    per_minute: u32,
    buckets: Mutex<HashMap<i64, Bucket>>,
}

impl FloodGuard {
    /// `per_minute == 0`: no limit.
    pub fn new(per_minute: u32) -> Self {
        FloodGuard {
            per_minute,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn capacity(&self) -> f64 {
        f64::from(self.per_minute)
    }

    fn refill(&self, b: &mut Bucket, now: Instant) {
        let per_sec = self.capacity() / 60.0;
        b.tokens =
            (b.tokens + now.duration_since(b.at).as_secs_f64() * per_sec).min(self.capacity());
        b.at = now;
    }

    /// Counts one update from `user`.
    pub fn check(&self, user: i64) -> Verdict {
        if self.per_minute == 0 {
            return Verdict::Pass;
        }
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= MAX_BUCKETS {
            let cap = self.capacity();
            let per_sec = cap / 60.0;
            buckets
                .retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * per_sec < cap);
        }
        let b = buckets.entry(user).or_insert(Bucket {
            tokens: self.capacity(),
            at: now,
            warned: None,
        });
        self.refill(b, now);
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Verdict::Pass
        } else if b
            .warned
            .is_none_or(|at| now.duration_since(at) >= WARN_EVERY)
        {
            b.warned = Some(now);
            Verdict::Warn
        } else {
            Verdict::Drop
        }
    }

    /// How long until one more update would pass (for tests and logs).
    pub fn wait_hint(&self) -> Duration {
        Duration::from_secs_f64(60.0 / f64::from(self.per_minute.max(1)))
    }
}

/// The gate in front of the handler tree: `true` lets the update through. Over the limit a
/// private message gets one kind answer, a button press a silent answer; groups get nothing.
pub async fn gate(guard: &FloodGuard, bot: &Bot, upd: &Update) -> bool {
    let Some(user) = upd.from() else { return true };
    let verdict = guard.check(user.id.0 as i64);
    if verdict == Verdict::Pass {
        return true;
    }
    let lang = Lang::resolve(None, user.language_code.as_deref());
    let result = match &upd.kind {
        UpdateKind::CallbackQuery(q) => {
            let req = bot.answer_callback_query(q.id.clone());
            if verdict == Verdict::Warn {
                req.text(tr!(lang, "flood-slow-down")).await.map(|_| ())
            } else {
                req.await.map(|_| ())
            }
        }
        UpdateKind::Message(m) if verdict == Verdict::Warn && m.chat.is_private() => bot
            .send_message(m.chat.id, tr!(lang, "flood-slow-down"))
            .await
            .map(|_| ()),
        _ => Ok(()),
    };
    if verdict == Verdict::Warn {
        tracing::info!(
            user = user.id.0,
            "too many updates from one person; ignoring them for a while"
        );
    }
    if let Err(e) = result {
        tracing::debug!(error = %e, "cannot answer a throttled update");
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn twenty_a_minute_then_one_warning_then_silence_until_it_refills() {
        let g = FloodGuard::new(20);
        let verdicts: Vec<Verdict> = (0..30).map(|_| g.check(1)).collect();
        assert!(verdicts[..20].iter().all(|v| *v == Verdict::Pass));
        assert_eq!(verdicts[20], Verdict::Warn);
        assert!(verdicts[21..].iter().all(|v| *v == Verdict::Drop));
        // another person is not affected
        assert_eq!(g.check(2), Verdict::Pass);
        // one update's worth refills in 3 s; the warning is not repeated within the minute
        tokio::time::advance(g.wait_hint()).await;
        assert_eq!(g.check(1), Verdict::Pass);
        assert_eq!(g.check(1), Verdict::Drop);
        // a quiet minute refills the whole bucket; a new flood is warned about again
        tokio::time::advance(Duration::from_secs(60)).await;
        assert!((0..20).all(|_| g.check(1) == Verdict::Pass));
        assert_eq!(g.check(1), Verdict::Warn);
    }

    #[test]
    fn zero_means_no_limit() {
        let g = FloodGuard::new(0);
        assert!((0..1000).all(|_| g.check(1) == Verdict::Pass));
    }
}
