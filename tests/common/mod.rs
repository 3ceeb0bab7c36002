//! End-to-end harness: the real bot (the same `app::start` as `nastavnik run`) against the
//! in-process fake Bot API over HTTP, with a temporary SQLite file and a movable clock.

#![allow(dead_code)]

pub mod district;

use chrono::{TimeZone, Utc};
use nastavnik::app::{self, RunningBot};
use nastavnik::clock::ManualClock;
use nastavnik::config::Config;
use nastavnik::domain::{OrgKind, Role};
use nastavnik::emulator::{ApiCall, FakeBotApi, FakeUser};
use nastavnik::repo::{invites, orgs, Pool};
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

pub const WAIT: Duration = Duration::from_secs(10);

/// Local time in Yekaterinburg (UTC+5), where the district harness's schools are:
/// `ekb("2026-09-04T12:00:00")`.
pub fn ekb(s: &str) -> chrono::DateTime<Utc> {
    chrono::DateTime::parse_from_rfc3339(&format!("{s}+05:00"))
        .unwrap()
        .with_timezone(&Utc)
}

pub struct Harness {
    pub api: FakeBotApi,
    pub bot: Option<RunningBot>,
    pub clock: ManualClock,
    pub db_url: String,
    pub admins: Vec<i64>,
    /// The per-person incoming limit the bot starts with (high, so that scripted users who
    /// type faster than people are not throttled; the flood test sets the real 20 and restarts).
    pub incoming_per_minute: u32,
    _dir: tempfile::TempDir,
}

impl Harness {
    pub async fn start() -> Harness {
        Self::start_with_admins(vec![]).await
    }

    pub async fn start_with_admins(admins: Vec<i64>) -> Harness {
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter(std::env::var("RUST_LOG").unwrap_or_else(|_| "warn,sqlx=error".into()))
            .try_init();
        let dir = tempfile::tempdir().unwrap();
        let db_url = format!("sqlite://{}", dir.path().join("test.db").display());
        let api = FakeBotApi::start().await;
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 9, 1, 7, 0, 0).unwrap());
        let mut h = Harness {
            api,
            bot: None,
            clock,
            db_url,
            admins,
            incoming_per_minute: 1000,
            _dir: dir,
        };
        h.boot().await;
        h
    }

    pub fn config(&self) -> Config {
        Config {
            token: Some(nastavnik::emulator::TOKEN.to_string()),
            api_url: Some(self.api.url()),
            database_url: self.db_url.clone(),
            admins: self.admins.clone(),
            default_tz: chrono_tz::Europe::Moscow,
            district: Default::default(),
            poll_timeout: Duration::from_secs(1),
            // the reminder tests run passes themselves, with a moved clock
            reminders: nastavnik::config::ReminderConfig {
                scheduler: false,
                ..Default::default()
            },
            incoming_per_minute: self.incoming_per_minute,
        }
    }

    async fn boot(&mut self) {
        let bot = app::start(self.config(), Arc::new(self.clock.clone()), false)
            .await
            .expect("bot starts");
        self.bot = Some(bot);
    }

    /// Stops the bot (as a restart would) and starts it again on the same database.
    pub async fn restart(&mut self) {
        if let Some(bot) = self.bot.take() {
            bot.stop().await;
        }
        self.boot().await;
    }

    /// One reminder pass at `now` (the clock moves there first).
    pub async fn pass_at(
        &self,
        now: chrono::DateTime<Utc>,
    ) -> nastavnik::bot::reminders::PassReport {
        self.clock.set(now);
        let ctx = self.bot.as_ref().expect("running").ctx.clone();
        nastavnik::bot::reminders::run_pass(&ctx, now)
            .await
            .expect("pass runs")
    }

    /// One reminder pass at a local time in Yekaterinburg (see [`ekb`]).
    pub async fn pass_local(&self, at: &str) -> nastavnik::bot::reminders::PassReport {
        self.pass_at(ekb(at)).await
    }

    pub fn pool(&self) -> Pool {
        self.bot.as_ref().expect("running").pool.clone()
    }

    pub async fn stop(mut self) {
        if let Some(bot) = self.bot.take() {
            bot.stop().await;
        }
        self.api.shutdown();
    }

    /// Sends a private message and waits for a reply containing `needle`.
    pub async fn say(&self, user: &FakeUser, text: &str, needle: &str) -> ApiCall {
        let mark = self.api.mark();
        self.api.send_text(user, text);
        self.expect_after(mark, user.id, needle).await
    }

    /// Presses a button (by a part of its text) on the newest message that has it, and waits
    /// for a text containing `needle` (sent or edited in place).
    pub async fn tap(&self, user: &FakeUser, button: &str, needle: &str) -> ApiCall {
        let mark = self.api.mark();
        self.api
            .press(user, user.id, button)
            .unwrap_or_else(|| panic!("no button «{button}»; chat:\n{}", self.transcript(user.id)));
        self.expect_after(mark, user.id, needle).await
    }

    /// Presses a button and waits until the callback is answered (for toggles).
    pub async fn toggle(&self, user: &FakeUser, button: &str) {
        let query = self
            .api
            .press(user, user.id, button)
            .unwrap_or_else(|| panic!("no button «{button}»; chat:\n{}", self.transcript(user.id)));
        self.api
            .wait_for_answer(&query, WAIT)
            .await
            .expect("callback answered");
    }

    pub async fn expect_after(&self, mark: usize, chat: i64, needle: &str) -> ApiCall {
        match self.api.wait_for_text_after(mark, chat, needle, WAIT).await {
            Some(c) => c,
            None => panic!(
                "no message containing «{needle}» to {chat}; chat so far:\n{}",
                self.transcript(chat)
            ),
        }
    }

    /// Waits for a message to `chat` containing `needle` since the last mark.
    pub async fn expect(&self, chat: i64, needle: &str) -> ApiCall {
        match self.api.wait_for_text(chat, needle, WAIT).await {
            Some(c) => c,
            None => panic!(
                "no message containing «{needle}» to {chat}; chat so far:\n{}",
                self.transcript(chat)
            ),
        }
    }

    /// Waits until `n` messages to `chat` contain `needle` (fan-out is paced by the
    /// per-chat limit, so several messages to one chat arrive a second apart).
    pub async fn expect_n(&self, chat: i64, needle: &str, n: usize) -> Vec<String> {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let found: Vec<String> = self
                .api
                .sent_texts(chat)
                .into_iter()
                .filter(|t| t.contains(needle))
                .collect();
            if found.len() >= n {
                return found;
            }
            if tokio::time::Instant::now() > deadline {
                panic!(
                    "{} of {n} messages containing «{needle}» to {chat}; chat so far:\n{}",
                    found.len(),
                    self.transcript(chat)
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn transcript(&self, chat: i64) -> String {
        self.api.sent_texts(chat).join("\n---\n")
    }

    /// Waits until the bot has handled everything and is quiet.
    /// Waits until the bot has handled everything, sent what it queued for other people (the
    /// outbox, paced a second apart per chat) and is quiet.
    pub async fn settle(&self) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        loop {
            assert!(
                self.api.wait_idle(Duration::from_millis(150)).await,
                "bot did not settle"
            );
            let pending = match &self.bot {
                Some(bot) => nastavnik::repo::outbox::pending(&bot.pool).await.unwrap(),
                None => 0,
            };
            if pending == 0 {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{pending} outbox messages never sent"
            );
            // the next send (the pacer holds each chat to one message a second)
            let mark = self.api.call_count();
            self.api
                .wait_for_call_after(mark, |_| true, Duration::from_secs(5))
                .await;
        }
    }

    pub async fn org(&self, name: &str) -> i64 {
        orgs::create(
            &self.pool(),
            name,
            OrgKind::School,
            "Asia/Yekaterinburg",
            Utc::now(),
        )
        .await
        .unwrap()
    }

    pub async fn invite(&self, role: Role, org: Option<i64>) -> String {
        invites::create(
            &self.pool(),
            role,
            org,
            10,
            Some(30),
            None,
            self.clock_now(),
        )
        .await
        .unwrap()
        .code
    }

    pub fn clock_now(&self) -> chrono::DateTime<Utc> {
        use nastavnik::clock::Clock;
        self.clock.now()
    }

    pub async fn count(&self, sql: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&self.pool()).await.unwrap();
        n
    }

    /// Full onboarding of a mentee through an invitation.
    pub async fn onboard_mentee(&self, user: &FakeUser, code: &str, name: &str) {
        self.say(user, &format!("/start {code}"), "согласие").await;
        self.tap(user, "Согласен", "Как вас зовут").await;
        self.say(user, name, "должность").await;
        self.say(user, "учитель математики", "предметы").await;
        self.say(user, "математика", "стаж").await;
        self.say(user, "1", "описывает вашу ситуацию").await;
        self.tap(user, "Молодой педагог", "поддержка").await;
        self.toggle(user, "Методика").await;
        self.toggle(user, "Работа с родителями").await;
        self.tap(user, "Готово", "своими словами").await;
        self.tap(user, "Пропустить", "Анкета сохранена").await;
    }

    /// Full onboarding of a mentor through an invitation.
    pub async fn onboard_mentor(&self, user: &FakeUser, code: &str, name: &str, capacity: &str) {
        self.say(user, &format!("/start {code}"), "согласие").await;
        self.tap(user, "Согласен", "Как вас зовут").await;
        self.say(user, name, "должность").await;
        self.say(user, "учитель высшей категории", "предметы").await;
        self.say(user, "математика, физика", "стаж").await;
        self.say(user, "25", "помочь коллегам").await;
        self.toggle(user, "Методика").await;
        self.toggle(user, "Работа с родителями").await;
        self.tap(user, "Готово", "формах").await;
        self.toggle(user, "Традиционная").await;
        self.tap(user, "Готово", "одновременно").await;
        self.tap(user, capacity, "других организаций").await;
        self.tap(user, "Нет", "согласие выполнять").await;
        self.tap(user, "Даю согласие", "Анкета сохранена").await;
    }

    /// Registers a curator through an invitation.
    pub async fn onboard_curator(&self, user: &FakeUser, code: &str, name: &str) {
        self.say(user, &format!("/start {code}"), "согласие").await;
        self.tap(user, "Согласен", "Как вас зовут").await;
        self.say(user, name, "должность").await;
        self.say(user, "заместитель директора", "предметы").await;
        self.say(user, "методическая работа", "стаж").await;
        self.say(user, "12", "Анкета сохранена").await;
    }
}

/// People of one organization, onboarded through fresh invitations.
impl Harness {
    pub async fn new_mentor(
        &self,
        org: i64,
        id: i64,
        first: &str,
        name: &str,
        capacity: &str,
    ) -> FakeUser {
        let u = FakeUser::new(id, first);
        self.onboard_mentor(
            &u,
            &self.invite(Role::Mentor, Some(org)).await,
            name,
            capacity,
        )
        .await;
        u
    }

    pub async fn new_mentee(&self, org: i64, id: i64, first: &str, name: &str) -> FakeUser {
        let u = FakeUser::new(id, first);
        self.onboard_mentee(&u, &self.invite(Role::Mentee, Some(org)).await, name)
            .await;
        u
    }

    /// A curator of `org`, or the district coordinator with `org = None`.
    pub async fn new_curator(
        &self,
        org: Option<i64>,
        id: i64,
        first: &str,
        name: &str,
    ) -> FakeUser {
        let role = if org.is_some() {
            Role::Curator
        } else {
            Role::Coordinator
        };
        let u = FakeUser::new(id, first);
        self.onboard_curator(&u, &self.invite(role, org).await, name)
            .await;
        u
    }

    /// Presses a button with `data` on message `message_id` (forged or stale) and returns the
    /// notice of the callback answer.
    pub async fn press_data(
        &self,
        user: &FakeUser,
        chat: i64,
        message_id: i64,
        data: &str,
    ) -> String {
        let query = self.api.press_button(user, chat, message_id, data);
        let answer = self
            .api
            .wait_for_answer(&query, WAIT)
            .await
            .expect("callback answered");
        answer.params["text"].as_str().unwrap_or("").to_string()
    }
}

/// Buttons of a message returned in a call's result.
pub fn buttons_of(call: &ApiCall) -> Vec<(String, Option<String>, Option<String>)> {
    let markup = call
        .params
        .get("reply_markup")
        .cloned()
        .unwrap_or(Value::Null);
    markup
        .get("inline_keyboard")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .map(|b| {
            let s = |k: &str| b.get(k).and_then(Value::as_str).map(str::to_owned);
            (s("text").unwrap_or_default(), s("callback_data"), s("url"))
        })
        .collect()
}
