//! Benchmark scenarios (the `bench` binary) and their small smoke versions (`cargo test`).
//! Everything runs against the in-process fake Bot API over real HTTP on loopback.

pub mod district;

use crate::app;
use crate::bot::notify::Notifier;
use crate::bot::pacer::Limits;
use crate::clock::SystemClock;
use crate::config::Config;
use crate::emulator::{FakeBotApi, FakeUser, TOKEN};
use crate::repo::Pool;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};
use teloxide::prelude::*;

/// Telegram ids of seeded people: mentors from `MENTOR_TG`, mentees from `MENTEE_TG`.
pub const MENTOR_TG: i64 = 1_000_000;
pub const MENTEE_TG: i64 = 2_000_000;

/// Seeds `orgs` organizations with `pairs` active pairs in all (a mentor and a mentee each),
/// registered with consent, in one transaction. Returns the number of people.
pub async fn seed_pairs(pool: &Pool, orgs: i64, pairs: i64) -> sqlx::Result<i64> {
    let mut tx = crate::db::write(pool).await?;
    let now = "2026-01-10T09:00:00Z";
    for o in 1..=orgs {
        sqlx::query("INSERT INTO organizations (id, name, kind, tz, created_at) VALUES (?, ?, 'school', 'Europe/Moscow', ?)")
            .bind(o)
            .bind(format!("Школа № {o}"))
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    for i in 0..pairs {
        let org = i % orgs + 1;
        for (id, tg, role) in [
            (2 * i + 1, MENTOR_TG + i, "mentor"),
            (2 * i + 2, MENTEE_TG + i, "mentee"),
        ] {
            sqlx::query(
                "INSERT INTO users (id, telegram_id, consent_at, full_name, org_id, position, subjects, experience_years, registered_at, menu_roles, created_at, updated_at) \
                 VALUES (?, ?, ?, ?, ?, 'учитель', 'математика', 5, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(tg)
            .bind(now)
            .bind(format!("Педагог {id}"))
            .bind(org)
            .bind(now)
            .bind(format!("ru:{role}"))
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO roles (user_id, role, org_id, granted_at) VALUES (?, ?, ?, ?)",
            )
            .bind(id)
            .bind(role)
            .bind(org)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("INSERT INTO pairs (id, org_id, mentor_id, forms, start_date, planned_end, status, created_at) VALUES (?, ?, ?, 'traditional', '2026-01-10', '2027-05-31', 'active', ?)")
            .bind(i + 1)
            .bind(org)
            .bind(2 * i + 1)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO pair_mentees (pair_id, mentee_id, joined_at) VALUES (?, ?, ?)")
            .bind(i + 1)
            .bind(2 * i + 2)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(2 * pairs)
}

/// Latency and throughput of one run.
#[derive(Debug, Clone, Default)]
pub struct LoadResult {
    pub sent: usize,
    pub answered: usize,
    pub seconds: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// CPU time of the whole process (bot, fake API and load generator) per answered update
    pub cpu_us_per_update: f64,
}

/// CPU time used by this process so far, in seconds (Linux: /proc/self/stat, 100 ticks/s).
pub fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // the fields after the command name (which may hold spaces) start after the last ')'
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name and state
    (ticks(11) + ticks(12)) / 100.0
}

impl LoadResult {
    pub fn per_second(&self) -> f64 {
        self.answered as f64 / self.seconds.max(1e-9)
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// What the load generator sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mix {
    /// Mentors log meetings and read the journal, mentees open the plan and help; one in ten
    /// is a button press on the last message.
    Realistic,
    /// Everyone sends this one command (a meeting log gets a fresh topic each time).
    Only(&'static str),
}

/// The kinds measured one at a time, with what each costs the bot.
pub const KINDS: [(&str, &str); 4] = [
    ("/help", "reads the person (1 statement)"),
    ("/plan", "the person, their pairs, the plan (3 statements)"),
    ("/journal", "the person, their pairs, a journal page (3 statements)"),
    ("/meeting", "mentors: the person, their pairs, one durable INSERT with fsync (3 statements); mentees are told they have no pair to log (2)"),
];

/// A one-message meeting log with a topic no earlier log of this process had. The bot asks
/// «такая встреча уже записана — записать ещё раз?» about a log with the same date, length and
/// topic (and writes that question's form), while the necessary-work echo inserts every log: a
/// topic that repeated between runs (the warm-up, the paced run and the burst each counted from
/// 0) made the two do different work on the same input, and the bot's burst was mostly questions.
fn meeting_log() -> String {
    static LOGS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = LOGS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("/meeting 30 Встреча {n}")
}

/// The update for person `i` at step `n`.
fn next_update(api: &FakeBotApi, mix: Mix, i: i64, n: usize) {
    let mentor = i % 2 == 0;
    let tg = if mentor {
        MENTOR_TG + i / 2
    } else {
        MENTEE_TG + i / 2
    };
    let user = FakeUser::new(tg, "Педагог");
    if let Mix::Only(command) = mix {
        let text = if command == "/meeting" {
            meeting_log()
        } else {
            command.to_string()
        };
        api.send_text(&user, &text);
        return;
    }
    if n % 10 == 9 {
        if let Some(m) = api
            .last_bot_message(tg)
            .and_then(|m| m["message_id"].as_i64())
        {
            api.press_button(&user, tg, m, &format!("jl:pg:{}:0", i / 2 + 1));
            return;
        }
    }
    let text = match (mentor, n % 4) {
        (true, 0 | 1) => meeting_log(),
        (true, 2) => "/journal".to_string(),
        (true, _) => "/plan".to_string(),
        (false, 0) => "/journal".to_string(),
        (false, 1) => "/help".to_string(),
        (false, _) => "/plan".to_string(),
    };
    api.send_text(&user, &text);
}

/// Offers `total` updates from `people` people at `rate` per second (0 = all at once) and
/// measures each one's time from being offered to the first reply in that chat.
pub async fn offer_load(
    api: &FakeBotApi,
    mix: Mix,
    people: i64,
    total: usize,
    rate: f64,
) -> LoadResult {
    let mut feed = api.subscribe();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(i64, Instant)>();
    let collector = tokio::spawn(async move {
        let mut waiting: HashMap<i64, Vec<Instant>> = HashMap::new();
        let mut latencies = Vec::new();
        let mut offered = 0usize;
        let mut offering = true;
        let mut last = Instant::now();
        // quiet for this long after the last reply (polling calls do not count): done
        let quiet = Duration::from_millis(1500);
        loop {
            if !offering && latencies.len() >= offered {
                break;
            }
            tokio::select! {
                got = rx.recv(), if offering => match got {
                    Some((chat, at)) => {
                        waiting.entry(chat).or_default().push(at);
                        offered += 1;
                        last = Instant::now();
                    }
                    None => offering = false,
                },
                call = feed.recv() => match call {
                    Ok(c) if c.ok() && (c.is("sendMessage") || c.is("editMessageText")) => {
                        // take in what was offered before this reply arrived
                        while let Ok((chat, at)) = rx.try_recv() {
                            waiting.entry(chat).or_default().push(at);
                            offered += 1;
                        }
                        if let Some(list) = c.chat_id().and_then(|chat| waiting.get_mut(&chat)) {
                            if !list.is_empty() {
                                let at = list.remove(0);
                                latencies.push(at.elapsed().as_secs_f64() * 1000.0);
                                last = Instant::now();
                            }
                        }
                    }
                    Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                    Err(_) => break,
                },
                _ = tokio::time::sleep_until((last + quiet).into()) => break,
            }
        }
        (latencies, last)
    });
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    for n in 0..total {
        if rate > 0.0 {
            let due = start + Duration::from_secs_f64(n as f64 / rate);
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                tokio::time::sleep(wait).await;
            }
        }
        let i = (n as i64) % people;
        let mentor = i % 2 == 0;
        let chat = if mentor {
            MENTOR_TG + i / 2
        } else {
            MENTEE_TG + i / 2
        };
        let _ = tx.send((chat, Instant::now()));
        next_update(api, mix, i, n / people as usize);
    }
    drop(tx);
    let (mut latencies, last) = collector
        .await
        .unwrap_or_else(|_| (Vec::new(), Instant::now()));
    let cpu = cpu_seconds() - cpu_start;
    latencies.sort_by(|a, b| a.total_cmp(b));
    LoadResult {
        cpu_us_per_update: cpu * 1e6 / latencies.len().max(1) as f64,
        sent: total,
        answered: latencies.len(),
        seconds: last.duration_since(start).as_secs_f64(),
        p50_ms: percentile(&latencies, 0.5),
        p99_ms: percentile(&latencies, 0.99),
    }
}

fn config_for(api: &FakeBotApi, db_url: &str) -> Config {
    Config {
        token: Some(TOKEN.to_string()),
        api_url: Some(api.url()),
        database_url: db_url.to_string(),
        admins: vec![],
        default_tz: chrono_tz::Europe::Moscow,
        district: Default::default(),
        poll_timeout: Duration::from_secs(1),
        reminders: crate::config::ReminderConfig {
            scheduler: false,
            ..Default::default()
        },
        // the bench measures the bot, not the flood guard
        incoming_per_minute: 0,
    }
}

/// What an echo dispatcher does before it answers.
#[derive(Clone)]
pub enum EchoWork {
    /// Nothing: the bare echo.
    Bare,
    /// Reads the sender (a person with their roles) once per update.
    Read(Pool),
    /// The necessary work of any correct bot: reads the sender once per update and, for a
    /// meeting log, makes one durable insert (committed with fsync before the answer) into
    /// the sender's pair's journal.
    Necessary(Pool),
}

impl EchoWork {
    async fn read(&self, tg: i64) -> Option<i64> {
        match self {
            EchoWork::Bare => None,
            EchoWork::Read(pool) | EchoWork::Necessary(pool) => {
                crate::repo::users::with_roles_by_telegram(pool, tg)
                    .await
                    .ok()
                    .flatten()
                    .map(|(u, _)| u.id)
            }
        }
    }

    /// The one durable insert of a meeting log (the real bot's statement, minus its checks).
    async fn log(&self, user: Option<i64>, m: &Message) {
        let (EchoWork::Necessary(pool), Some(user), Some(text)) = (self, user, m.text()) else {
            return;
        };
        if !text.starts_with("/meeting") {
            return;
        }
        let now = chrono::Utc::now();
        let _ = sqlx::query(
            "INSERT INTO journal_entries (pair_id, kind, on_date, minutes, topic, author_id, source_chat, source_message, created_at, updated_at) \
             SELECT id, 'meeting', '2026-01-20', 30, ?, mentor_id, ?, ?, ?, ? FROM pairs WHERE mentor_id = ? AND status = 'active' LIMIT 1 \
             ON CONFLICT DO NOTHING",
        )
        .bind(text)
        .bind(m.chat.id.0)
        .bind(i64::from(m.id.0))
        .bind(now)
        .bind(now)
        .bind(user)
        .execute(pool)
        .await;
    }
}

/// A bare teloxide dispatcher that only echoes: the baseline for the real bot. With a pool,
/// it first reads the sender (a person with their roles, as the bot does on every update)
/// and, as the necessary-work echo, makes the one durable insert a meeting log needs.
/// The echo dispatcher, polling like the real bot. It is stopped with the listener's stop
/// token and by awaiting its task, never with teloxide's `ShutdownToken`, whose notifications
/// can be missed (see `app::RunningBot::stop`): a bench that waited on one hung for ever.
pub async fn start_echo(
    api: &FakeBotApi,
    work: EchoWork,
) -> (tokio::task::JoinHandle<()>, teloxide::stop::StopToken) {
    let bot = Bot::new(TOKEN).set_api_url(api.url());
    let handler = dptree::entry()
        .branch(Update::filter_message().endpoint(
            |bot: Bot, m: Message, work: EchoWork| async move {
                let user = work.read(m.chat.id.0).await;
                work.log(user, &m).await;
                bot.send_message(m.chat.id, m.text().unwrap_or("").to_string())
                    .await?;
                Ok::<(), teloxide::RequestError>(())
            },
        ))
        .branch(Update::filter_callback_query().endpoint(
            |bot: Bot, q: CallbackQuery, work: EchoWork| async move {
                work.read(q.from.id.0 as i64).await;
                bot.answer_callback_query(q.id.clone()).await?;
                if let Some(m) = q.regular_message() {
                    bot.edit_message_text(m.chat.id, m.id, "echo").await?;
                }
                Ok::<(), teloxide::RequestError>(())
            },
        ));
    let mut d = Dispatcher::builder(bot, handler)
        .dependencies(dptree::deps![work])
        .build();
    let mut listener =
        teloxide::update_listeners::Polling::builder(Bot::new(TOKEN).set_api_url(api.url()))
            .timeout(Duration::from_secs(1))
            .build();
    let stop = teloxide::update_listeners::UpdateListener::stop_token(&mut listener);
    let errors =
        teloxide::error_handlers::LoggingErrorHandler::with_custom_text("echo listener error");
    let task = tokio::spawn(async move { d.dispatch_with_listener(listener, errors).await });
    (task, stop)
}

/// Scenario 1: the real bot and a bare echo dispatcher under the same load.
pub struct UpdatesReport {
    pub people: i64,
    pub real_paced: LoadResult,
    pub echo_paced: LoadResult,
    pub real_burst: LoadResult,
    pub echo_burst: LoadResult,
    /// The echo that first reads the sender from the database, burst.
    pub echo_read_burst: LoadResult,
    /// The necessary-work echo (reads the sender; a meeting log is one durable insert), burst.
    pub echo_necessary_burst: LoadResult,
    /// The real bot, a burst of one kind of update at a time (`KINDS`).
    pub kinds: Vec<(&'static str, LoadResult)>,
    pub rate: f64,
    /// One SQLite query through the pool (the bot's commonest: a person by Telegram id), in µs of
    /// wall time and of CPU time, measured with 8 concurrent callers on the bench database.
    pub query_wall_us: f64,
    pub query_cpu_us: f64,
    /// One durable write transaction (BEGIN IMMEDIATE, one INSERT, COMMIT with fsync), likewise.
    pub commit_wall_us: f64,
    pub commit_cpu_us: f64,
}

/// Runs `n` calls of `one(pool, i)` from 8 concurrent callers: (wall µs, CPU µs) per call.
async fn cost_of<F, Fut>(pool: &Pool, n: usize, one: F) -> (f64, f64)
where
    F: Fn(Pool, usize) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let start = Instant::now();
    let cpu = cpu_seconds();
    let tasks: Vec<_> = (0..8)
        .map(|t| {
            let (pool, one) = (pool.clone(), one.clone());
            tokio::spawn(async move {
                for i in 0..n / 8 {
                    one(pool.clone(), t * n + i).await;
                }
            })
        })
        .collect();
    for t in tasks {
        let _ = t.await;
    }
    let done = (n / 8 * 8).max(1) as f64;
    (
        start.elapsed().as_secs_f64() * 1e6 / done,
        (cpu_seconds() - cpu) * 1e6 / done,
    )
}

/// The cost of one read (a person with their roles) and of one durable write transaction.
pub async fn query_and_commit_cost(
    pool: &Pool,
    reads: usize,
    writes: usize,
) -> anyhow::Result<((f64, f64), (f64, f64))> {
    let read = cost_of(pool, reads, |pool, i| async move {
        let _ =
            crate::repo::users::with_roles_by_telegram(&pool, MENTOR_TG + (i % 100) as i64).await;
    })
    .await;
    let write = cost_of(pool, writes, |pool, i| async move {
        if let Ok(mut tx) = crate::db::write(&pool).await {
            let _ = sqlx::query(
                "INSERT INTO dialogues (chat_id, state, updated_at) VALUES (?, '\"Idle\"', '')",
            )
            .bind(-(i as i64) - 1)
            .execute(&mut *tx)
            .await;
            let _ = tx.commit().await;
        }
    })
    .await;
    sqlx::query("DELETE FROM dialogues WHERE chat_id < 0")
        .execute(pool)
        .await?;
    Ok((read, write))
}

pub async fn scenario_updates(
    people: i64,
    paced_total: usize,
    rate: f64,
    burst_total: usize,
) -> anyhow::Result<UpdatesReport> {
    let dir = std::env::temp_dir().join(format!(
        "nastavnik-bench-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    std::fs::create_dir_all(&dir)?;
    let db_url = format!("sqlite://{}", dir.join("bench.db").display());
    let pool = crate::db::connect(&db_url).await?;
    seed_pairs(&pool, 10, people / 2).await?;
    let ((query_wall_us, query_cpu_us), (commit_wall_us, commit_cpu_us)) =
        query_and_commit_cost(&pool, 20_000, 2_000).await?;
    pool.close().await;

    let api = FakeBotApi::start().await;
    let bot = app::start(config_for(&api, &db_url), Arc::new(SystemClock), false).await?;
    // warm up: everyone's first message (menus, caches)
    let _ = offer_load(&api, Mix::Realistic, people, people as usize, 0.0).await;
    let real_paced = offer_load(&api, Mix::Realistic, people, paced_total, rate).await;
    let real_burst = offer_load(&api, Mix::Realistic, people, burst_total, 0.0).await;
    let mut kinds = Vec::new();
    for (kind, _) in KINDS {
        kinds.push((
            kind,
            offer_load(
                &api,
                Mix::Only(kind),
                people,
                burst_total.min(people as usize),
                0.0,
            )
            .await,
        ));
    }
    bot.stop().await;
    api.shutdown();

    let (echo_paced, echo_burst) =
        echo_runs(people, paced_total, rate, burst_total, EchoWork::Bare).await;
    let reads = crate::db::connect(&db_url).await?;
    let (_, echo_read_burst) =
        echo_runs(people, 0, rate, burst_total, EchoWork::Read(reads.clone())).await;
    let (_, echo_necessary_burst) = echo_runs(
        people,
        0,
        rate,
        burst_total,
        EchoWork::Necessary(reads.clone()),
    )
    .await;
    reads.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(UpdatesReport {
        people,
        real_paced,
        echo_paced,
        real_burst,
        echo_burst,
        echo_read_burst,
        echo_necessary_burst,
        kinds,
        rate,
        query_wall_us,
        query_cpu_us,
        commit_wall_us,
        commit_cpu_us,
    })
}

/// The echo dispatcher on a fresh fake API: warm-up, a paced run (if `paced_total` > 0) and a burst.
async fn echo_runs(
    people: i64,
    paced_total: usize,
    rate: f64,
    burst_total: usize,
    work: EchoWork,
) -> (LoadResult, LoadResult) {
    let api = FakeBotApi::start().await;
    let (task, token) = start_echo(&api, work).await;
    let _ = offer_load(&api, Mix::Realistic, people, people as usize, 0.0).await;
    let paced = if paced_total > 0 {
        offer_load(&api, Mix::Realistic, people, paced_total, rate).await
    } else {
        LoadResult::default()
    };
    let burst = offer_load(&api, Mix::Realistic, people, burst_total, 0.0).await;
    token.stop();
    let _ = task.await;
    api.shutdown();
    (paced, burst)
}

/// Scenario 3: `total` reminders to distinct people through the shared limiter against a
/// fake API enforcing the same limits with 429 RetryAfter.
pub struct FanoutReport {
    pub total: usize,
    pub delivered: usize,
    pub duplicates: usize,
    pub too_many_requests: usize,
    pub seconds: f64,
    pub minimum_seconds: f64,
    pub global_per_sec: u32,
}

pub async fn scenario_fanout(total: usize, global_per_sec: u32) -> anyhow::Result<FanoutReport> {
    let api = FakeBotApi::start().await;
    api.rate_limit(1, global_per_sec);
    let pool = crate::db::memory().await;
    let bot = Bot::new(TOKEN).set_api_url(api.url());
    let limits = Limits {
        per_chat_per_sec: 1,
        per_group_per_min: 20,
        overall_per_sec: global_per_sec,
    };
    let notifier = Arc::new(Notifier::new(
        bot,
        pool,
        limits,
        Arc::new(crate::clock::SystemClock),
    ));
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(total);
    for i in 0..total {
        let n = notifier.clone();
        tasks.push(tokio::spawn(async move {
            n.send_now(
                ChatId(MENTOR_TG + i as i64),
                &format!("Напоминание {i}"),
                None,
                None,
            )
            .await
            .0
            .is_ok()
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let seconds = start.elapsed().as_secs_f64();
    let sends = api.calls_of("sendMessage");
    let ok: Vec<i64> = sends
        .iter()
        .filter(|c| c.ok())
        .filter_map(|c| c.chat_id())
        .collect();
    let distinct: HashSet<i64> = ok.iter().copied().collect();
    api.shutdown();
    Ok(FanoutReport {
        total,
        delivered: distinct.len(),
        duplicates: ok.len() - distinct.len(),
        too_many_requests: sends.iter().filter(|c| c.status == 429).count(),
        seconds,
        minimum_seconds: total as f64 / f64::from(global_per_sec),
        global_per_sec,
    })
}
