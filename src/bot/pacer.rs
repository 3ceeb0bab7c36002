//! The shared limiter for messages the bot sends on its own (reminders, notifications,
//! announcements): sends are spaced evenly under Telegram's limits instead of being fired
//! in bursts and frozen on 429.
//!
//! * Overall: slots are handed out by reservation (GCRA "virtual scheduling"): each send takes
//!   the next free slot, `interval` after the previous one, and sleeps until it. Waiters are
//!   served in order and wake once, however many there are.
//! * Per chat: sends to one chat go one after another, each at least the chat interval after
//!   the previous one was answered (so that Telegram, which counts arrivals, sees the spacing).
//! * A 429 "retry after N" pushes every later slot back by N seconds (Telegram's flood wait
//!   applies to the bot) and the send is tried again.
//!
//! The intervals keep a small margin under the limits, so that jitter on the way to Telegram
//! does not make a burst out of an even stream. Time is tokio's, so tests can move it.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use teloxide::RequestError;
use tokio::time::{sleep_until, Instant};

/// Telegram's limits for a bot's own messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// to one private chat, per second (Telegram: 1)
    pub per_chat_per_sec: u32,
    /// to one group, per minute (Telegram: 20)
    pub per_group_per_min: u32,
    /// to everyone, per second (Telegram: 30)
    pub overall_per_sec: u32,
}

impl Limits {
    /// Telegram's documented limits.
    pub const TELEGRAM: Limits = Limits {
        per_chat_per_sec: 1,
        per_group_per_min: 20,
        overall_per_sec: 30,
    };
}

/// How far under a limit the pacer stays (3 %).
const MARGIN: f64 = 0.97;
/// A send refused with 429 is tried this many times in all.
const ATTEMPTS: usize = 5;
/// Idle chat lanes are dropped once there are this many.
const MAX_LANES: usize = 4096;

/// One chat's queue: when its last send was answered.
type Lane = Arc<tokio::sync::Mutex<Option<Instant>>>;

pub struct Pacer {
    overall: Duration,
    private_chat: Duration,
    group_chat: Duration,
    next_slot: Mutex<Instant>,
    lanes: Mutex<HashMap<i64, Lane>>,
}

fn per_second(n: u32) -> Duration {
    Duration::from_secs_f64(1.0 / (f64::from(n.max(1)) * MARGIN))
}

impl Pacer {
    pub fn new(limits: Limits) -> Self {
        let private_chat = per_second(limits.per_chat_per_sec);
        let group_chat =
            Duration::from_secs_f64(60.0 / (f64::from(limits.per_group_per_min.max(1)) * MARGIN))
                .max(private_chat);
        Pacer {
            overall: per_second(limits.overall_per_sec),
            private_chat,
            group_chat,
            next_slot: Mutex::new(Instant::now()),
            lanes: Mutex::new(HashMap::new()),
        }
    }

    /// The shortest time between two sends to `chat` (groups and channels have negative ids).
    pub fn chat_interval(&self, chat: i64) -> Duration {
        if chat < 0 {
            self.group_chat
        } else {
            self.private_chat
        }
    }

    /// Takes the next overall slot: when this send may go.
    fn reserve(&self) -> Instant {
        let mut next = self.next_slot.lock().unwrap_or_else(|e| e.into_inner());
        let at = (*next).max(Instant::now());
        *next = at + self.overall;
        at
    }

    /// Nothing goes out before `until` (a flood wait from Telegram).
    fn hold_until(&self, until: Instant) {
        let mut next = self.next_slot.lock().unwrap_or_else(|e| e.into_inner());
        *next = (*next).max(until);
    }

    fn lane(&self, chat: i64) -> Lane {
        let mut lanes = self.lanes.lock().unwrap_or_else(|e| e.into_inner());
        if lanes.len() >= MAX_LANES {
            // a lane nobody waits on whose last send is older than the interval has nothing to tell
            let now = Instant::now();
            lanes.retain(|&c, lane| {
                Arc::strong_count(lane) > 1
                    || lane.try_lock().map_or(true, |last| {
                        last.is_some_and(|t| now < t + self.chat_interval(c))
                    })
            });
        }
        lanes.entry(chat).or_default().clone()
    }

    /// Sends through the limiter: waits for the chat's turn and an overall slot, then calls
    /// `send`; a 429 is waited out and tried again (up to five attempts in all).
    pub async fn send<T, F, Fut>(&self, chat: i64, mut send: F) -> Result<T, RequestError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, RequestError>>,
    {
        let lane = self.lane(chat);
        let mut last = lane.lock().await;
        if let Some(previous) = *last {
            sleep_until(previous + self.chat_interval(chat)).await;
        }
        let mut attempt = 1;
        loop {
            sleep_until(self.reserve()).await;
            let result = send().await;
            *last = Some(Instant::now());
            match result {
                Err(RequestError::RetryAfter(wait)) if attempt < ATTEMPTS => {
                    attempt += 1;
                    let until = Instant::now() + wait.duration();
                    tracing::debug!(
                        chat,
                        seconds = wait.seconds(),
                        "429 from Telegram: holding the sends"
                    );
                    self.hold_until(until);
                    sleep_until(until.max(Instant::now() + self.chat_interval(chat))).await;
                }
                other => return other,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use teloxide::types::Seconds;

    fn limits(overall: u32) -> Limits {
        Limits {
            per_chat_per_sec: 1,
            per_group_per_min: 20,
            overall_per_sec: overall,
        }
    }

    /// Sends `chats` (one message each, in this order) at once; returns when each went out.
    async fn run(pacer: Arc<Pacer>, chats: Vec<i64>) -> Vec<(i64, Duration)> {
        let start = Instant::now();
        let tasks: Vec<_> = chats
            .into_iter()
            .map(|chat| {
                let p = pacer.clone();
                tokio::spawn(async move {
                    p.send(chat, || async { Ok::<_, RequestError>(start.elapsed()) })
                        .await
                        .map(|at| (chat, at))
                })
            })
            .collect();
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.unwrap().unwrap());
        }
        out
    }

    #[tokio::test(start_paused = true)]
    async fn an_even_stream_under_the_overall_limit() {
        let pacer = Arc::new(Pacer::new(limits(100)));
        let sent = run(pacer, (1..=1000).collect()).await;
        let mut times: Vec<Duration> = sent.iter().map(|s| s.1).collect();
        times.sort();
        // no one-second window holds more than the limit
        for (i, t) in times.iter().enumerate() {
            let in_window = times[i..]
                .iter()
                .take_while(|u| **u < *t + Duration::from_secs(1))
                .count();
            assert!(
                in_window <= 100,
                "{in_window} sends within a second from {t:?}"
            );
        }
        // and it is not much slower than the limit allows: 1000 at 100/s ≈ 10 s (+3 %)
        let total = times.last().unwrap().as_secs_f64();
        assert!((9.9..10.4).contains(&total), "took {total} s");
    }

    #[tokio::test(start_paused = true)]
    async fn one_chat_gets_one_message_a_second_and_groups_three_a_minute() {
        let pacer = Arc::new(Pacer::new(limits(30)));
        let sent = run(pacer.clone(), vec![7, 7, 7, 8, -100, -100]).await;
        let at = |chat: i64| {
            sent.iter()
                .filter(|s| s.0 == chat)
                .map(|s| s.1.as_secs_f64())
                .collect::<Vec<_>>()
        };
        let seven = at(7);
        assert!(seven.windows(2).all(|w| w[1] - w[0] >= 1.0), "{seven:?}");
        assert!(at(8)[0] < 0.5, "another chat does not wait for chat 7");
        let group = at(-100);
        assert!(group[1] - group[0] >= 3.0, "{group:?}");
        assert_eq!(pacer.chat_interval(-100), pacer.group_chat);
    }

    #[tokio::test(start_paused = true)]
    async fn a_429_is_waited_out_and_holds_everyone() {
        let pacer = Arc::new(Pacer::new(limits(1000)));
        let calls = Arc::new(AtomicUsize::new(0));
        let start = Instant::now();
        let c = calls.clone();
        let first = pacer
            .send(1, move || {
                let n = c.fetch_add(1, Ordering::SeqCst);
                async move {
                    if n == 0 {
                        Err(RequestError::RetryAfter(Seconds::from_seconds(2)))
                    } else {
                        Ok(start.elapsed())
                    }
                }
            })
            .await
            .unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 2, "tried again once");
        assert!(first >= Duration::from_secs(2));
        // a send to another chat right after still respects the hold
        let other = pacer
            .send(2, || async { Ok::<_, RequestError>(start.elapsed()) })
            .await
            .unwrap();
        assert!(other >= Duration::from_secs(2));
        // a 429 that never ends gives up after five attempts
        let c = Arc::new(AtomicUsize::new(0));
        let c2 = c.clone();
        let gave_up = pacer
            .send(3, move || {
                c2.fetch_add(1, Ordering::SeqCst);
                async { Err::<(), _>(RequestError::RetryAfter(Seconds::from_seconds(1))) }
            })
            .await;
        assert!(matches!(gave_up, Err(RequestError::RetryAfter(_))));
        assert_eq!(c.load(Ordering::SeqCst), ATTEMPTS);
    }

    #[tokio::test(start_paused = true)]
    async fn idle_lanes_are_dropped() {
        let pacer = Arc::new(Pacer::new(limits(100_000)));
        run(pacer.clone(), (1..=MAX_LANES as i64).collect()).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        run(pacer.clone(), vec![MAX_LANES as i64 + 1]).await;
        assert!(pacer.lanes.lock().unwrap().len() <= 2);
    }
}
