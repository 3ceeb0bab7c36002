//! `nastavnik console`: the real bot (the same `app::start`, handler tree, database code and
//! texts) against the in-process fake Bot API (`crate::emulator`), driven from a terminal.
//!
//! What a person types (or a `--script` file holds), one line at a time:
//! - any text is sent to the bot as a message from the current persona (`/commands` too);
//! - a number `N` presses button N of the newest message that shows buttons;
//!   a line starting with `'` is always sent as text (`'5` sends "5");
//! - `:as NAME` switches persona (a new name creates a new, unregistered person),
//!   `:who` lists them, `:time +7d` (or `+3h`, `+30m`) moves the clock, `:help`, `:quit`;
//! - `:list` shows the recent messages with buttons, `:press M N` presses button N of the
//!   M-th of them from the end;
//! - `:group TITLE` creates a group chat and adds the bot, `:in TITLE` speaks there,
//!   `:in` alone goes back to the private chat;
//! - `#` starts a comment; empty lines are ignored.
//!
//! Files the bot sends (reports, charts, documents) are saved into `--files DIR` (by default
//! `<db>-files` next to a `--db` database, else a temporary folder that is kept) and the
//! transcript prints their paths.
//!
//! With `--db` the console keeps its clock and its people between runs: the clock is stored in
//! the database (`app_state`, key `clock`) whenever it moves, and the console starts from it
//! again; `nastavnik tick` without `--now` uses the same stored clock, so the console and the
//! command line share one «now». Console names of people are stored there too.
//!
//! After every line the console waits until the bot has handled the update completely
//! (every update pushed has left the handler tree and the fake API is quiet), then prints
//! what the bot sent, grouped by recipient: the current persona first, then the others in
//! `:who` order. There are no timestamps or random ids in the output, so a script gives the
//! same transcript every time.

pub mod demo;

use crate::app::{self, RunningBot};
use crate::clock::{Clock, ManualClock};
use crate::config::Config;
use crate::domain::Role;
use crate::emulator::{ApiCall, FakeBotApi, FakeUser};
use crate::i18n::Lang;
use crate::repo::{ops, users};
use chrono::{DateTime, Duration as ChronoDuration, TimeZone, Utc};
use serde_json::Value;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::AsyncBufReadExt;

#[derive(Debug, clap::Args)]
pub struct ConsoleArgs {
    /// SQLite file to use and keep (default: a temporary database deleted at exit)
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Replay the lines of FILE instead of reading the terminal and print the transcript
    #[arg(long, value_name = "FILE")]
    pub script: Option<PathBuf>,
    /// Do not create the demo district in a new database
    #[arg(long)]
    pub empty: bool,
    /// Folder for the files the bot sends (default: `<db>-files` next to --db, else a
    /// temporary folder, created when the first file arrives and kept after exit)
    #[arg(long, value_name = "DIR")]
    pub files: Option<PathBuf>,
}

/// The scripted clock starts here (10:00 in Moscow on the first school day), so transcripts
/// do not depend on the day they are made.
pub fn script_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 9, 1, 7, 0, 0).unwrap()
}

/// Telegram ids of people created with `:as` start here.
const NEW_PERSON_IDS: i64 = 1001;
/// How many messages `:list` shows.
const LIST_AT_MOST: usize = 9;
/// How long the console waits for the bot to react to one line.
const STEP_TIMEOUT: Duration = Duration::from_secs(30);

/// `nastavnik console`.
pub async fn main(args: ConsoleArgs, env_config: Config) -> anyhow::Result<()> {
    let script = match &args.script {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?,
        ),
        None => None,
    };
    let db = Database::open(args.db.as_deref());
    let files = match (&args.files, &args.db) {
        (Some(dir), _) => dir.clone(),
        (None, Some(path)) => {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("console");
            path.with_file_name(format!("{stem}-files"))
        }
        (None, None) => {
            std::env::temp_dir().join(format!("nastavnik-console-files-{}", std::process::id()))
        }
    };
    let start = if script.is_some() {
        script_start()
    } else {
        Utc::now() - ChronoDuration::seconds(Utc::now().timestamp() % 60)
    };
    let result = async {
        let mut session = Session::start(
            &db.url,
            env_config,
            start,
            !args.empty,
            Box::new(std::io::stdout()),
        )
        .await?;
        session.files = files;
        match script {
            Some(text) => session.replay(&text).await?,
            None => session.interactive().await?,
        }
        session.stop().await;
        anyhow::Ok(())
    }
    .await;
    db.remove();
    result
}

/// The database file: the given one, or a temporary one removed at exit.
struct Database {
    url: String,
    temporary: Option<PathBuf>,
}

impl Database {
    fn open(path: Option<&Path>) -> Database {
        match path {
            Some(p) => Database {
                url: format!("sqlite://{}", p.display()),
                temporary: None,
            },
            None => {
                let nanos = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.subsec_nanos())
                    .unwrap_or(0);
                let p = std::env::temp_dir().join(format!(
                    "nastavnik-console-{}-{nanos}.db",
                    std::process::id()
                ));
                Database {
                    url: format!("sqlite://{}", p.display()),
                    temporary: Some(p),
                }
            }
        }
    }

    fn remove(&self) {
        if let Some(p) = &self.temporary {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
            }
        }
    }
}

/// Someone the console can act as.
struct Persona {
    /// What `:as` takes: lower-case first name.
    handle: String,
    user: FakeUser,
}

/// A group chat of the console (`:group`), with the bot in it.
struct Group {
    id: i64,
    title: String,
}

/// The stored console names of people: telegram id → `:as` name.
const PEOPLE_KEY: &str = "console_people";
/// Group chats created by the console get ids from here down (Telegram's supergroups are
/// «-100…»).
const FIRST_GROUP_ID: i64 = -1_001_000_000_001;

/// A running console: the fake Bot API, the bot and the people.
pub struct Session {
    api: FakeBotApi,
    bot: RunningBot,
    clock: ManualClock,
    tz: chrono_tz::Tz,
    personas: Vec<Persona>,
    current: usize,
    /// Updates this console pushed (the bot has finished when it has handled as many).
    pushed: u64,
    out: Box<dyn Write + Send>,
    /// Script mode: print each input line after the prompt.
    echo: bool,
    /// A reminder pass ran since the last output (see `print_since`).
    pass_ran: bool,
    /// Where the bot's files are saved (created with the first file).
    files: PathBuf,
    /// Files saved so far: file id → path.
    saved: std::collections::HashMap<String, PathBuf>,
    groups: Vec<Group>,
    /// The group chat the current persona speaks in (`None`: the private chat with the bot).
    place: Option<usize>,
}

impl Session {
    /// Starts the fake API and the bot on `db_url`; creates the demo district in an empty
    /// database when `demo` is set.
    pub async fn start(
        db_url: &str,
        env_config: Config,
        start: DateTime<Utc>,
        demo: bool,
        out: Box<dyn Write + Send>,
    ) -> anyhow::Result<Session> {
        let api = FakeBotApi::start().await;
        let clock = ManualClock::new(start);
        let config = Config {
            token: Some(crate::emulator::TOKEN.to_string()),
            api_url: Some(api.url()),
            database_url: db_url.to_string(),
            admins: Vec::new(),
            default_tz: env_config.default_tz,
            district: env_config.district.clone(),
            poll_timeout: Duration::from_secs(10),
            reminders: crate::config::ReminderConfig {
                scheduler: false,
                ..Default::default()
            },
            // a script types faster than a person
            incoming_per_minute: 0,
        };
        let tz = config.district.tz;
        let bot = app::start(config, Arc::new(clock.clone()), false).await?;
        let pool = bot.pool.clone();
        // a database the console used before: its clock goes on from where it stopped
        if let Some(stored) = ops::get_time(&pool, ops::CLOCK).await? {
            clock.set(stored);
        }
        ops::set_time(&pool, ops::CLOCK, clock.now(), clock.now()).await?;
        let fresh = crate::repo::orgs::list(&pool).await?.is_empty();
        if fresh && demo {
            demo::seed(&pool, tz.name(), clock.now()).await?;
        }
        let files =
            std::env::temp_dir().join(format!("nastavnik-console-files-{}", std::process::id()));
        let mut session = Session {
            api,
            bot,
            clock,
            tz,
            personas: Vec::new(),
            current: 0,
            pushed: 0,
            out,
            echo: false,
            pass_ran: false,
            files,
            saved: Default::default(),
            groups: Vec::new(),
            place: None,
        };
        session.load_personas().await?;
        session.load_groups().await?;
        session.greet(fresh && demo).await?;
        Ok(session)
    }

    /// Group chats the bot is in (from an earlier run with the same database).
    async fn load_groups(&mut self) -> anyhow::Result<()> {
        for (id, title) in crate::repo::chats::present(&self.bot.pool).await? {
            self.api.set_chat_title(id, &title);
            self.groups.push(Group { id, title });
        }
        Ok(())
    }

    /// The console names given with `:as` in earlier runs.
    async fn stored_handles(&self) -> anyhow::Result<std::collections::HashMap<i64, String>> {
        let raw = ops::get_state(&self.bot.pool, PEOPLE_KEY)
            .await?
            .unwrap_or_default();
        Ok(
            serde_json::from_str::<std::collections::HashMap<String, String>>(&raw)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(k, v)| k.parse().ok().map(|id| (id, v)))
                .collect(),
        )
    }

    async fn store_handles(&self) -> anyhow::Result<()> {
        let map: std::collections::BTreeMap<String, String> = self
            .personas
            .iter()
            .filter(|p| p.user.id >= NEW_PERSON_IDS)
            .map(|p| (p.user.id.to_string(), p.user.first_name.clone()))
            .collect();
        ops::set_state(
            &self.bot.pool,
            PEOPLE_KEY,
            &serde_json::to_string(&map)?,
            self.clock.now(),
        )
        .await?;
        Ok(())
    }

    /// The Telegram id of a new person: above everyone the console or the database knows, so
    /// that a new name never takes over an existing person's profile.
    fn next_person_id(&self) -> i64 {
        self.personas
            .iter()
            .map(|p| p.user.id)
            .filter(|id| *id >= NEW_PERSON_IDS)
            .max()
            .map_or(NEW_PERSON_IDS, |m| m + 1)
    }

    /// Everyone the database knows by a Telegram id becomes a persona; the demo mentee (or
    /// the first person) is who you are at the start.
    async fn load_personas(&mut self) -> anyhow::Result<()> {
        let stored = self.stored_handles().await?;
        for u in users::with_telegram_id(&self.bot.pool).await? {
            let Some(tg) = u.telegram_id else { continue };
            let demo_first = demo::PEOPLE
                .iter()
                .find(|p| p.telegram_id == tg)
                .map(|p| p.first_name.to_string());
            let from_name = u
                .full_name
                .as_deref()
                .and_then(|n| n.split_whitespace().nth(1))
                .map(str::to_string);
            let first = demo_first
                .or_else(|| stored.get(&tg).cloned())
                .or(from_name)
                .unwrap_or_else(|| format!("Гость{tg}"));
            self.add_persona(FakeUser::new(tg, first));
        }
        self.current = self
            .personas
            .iter()
            .position(|p| p.user.id == 301)
            .unwrap_or(0);
        Ok(())
    }

    fn add_persona(&mut self, user: FakeUser) -> usize {
        let mut handle = user.first_name.to_lowercase();
        if self.personas.iter().any(|p| p.handle == handle) {
            handle = format!("{handle}{}", user.id);
        }
        self.personas.push(Persona { handle, user });
        self.personas.len() - 1
    }

    async fn greet(&mut self, demo: bool) -> anyhow::Result<()> {
        let mut text = String::from("Наставник — консоль без Telegram: тот же бот, та же база, те же тексты; Telegram заменён эмулятором.\n");
        if demo {
            text.push_str(&format!(
                "Демо-район: «{}» — куратор елена, наставники анна и борис, наставляемая мария; координатор района ирина.\n",
                demo::SCHOOL
            ));
        }
        if self.personas.is_empty() {
            self.current = self.add_persona(FakeUser::new(NEW_PERSON_IDS, "Гость"));
        }
        text.push_str(&format!(
            "Сейчас: {}. Справка по командам консоли — :help.",
            self.now_text()
        ));
        writeln!(self.out, "{text}")?;
        let who = self.who_line(self.current).await?;
        writeln!(self.out, "Вы: {who}")?;
        self.out.flush()?;
        Ok(())
    }

    /// Replays a script, echoing every line after the prompt.
    pub async fn replay(&mut self, script: &str) -> anyhow::Result<()> {
        self.echo = true;
        for line in script.lines() {
            if !self.line(line).await? {
                break;
            }
        }
        Ok(())
    }

    /// Reads the terminal until `:quit`, end of input or Ctrl-C.
    async fn interactive(&mut self) -> anyhow::Result<()> {
        let mut lines = tokio::io::BufReader::new(tokio::io::stdin()).lines();
        loop {
            write!(self.out, "{}> ", self.prompt())?;
            self.out.flush()?;
            let line = tokio::select! {
                line = lines.next_line() => line?,
                _ = tokio::signal::ctrl_c() => None,
            };
            let Some(line) = line else {
                writeln!(self.out)?;
                return Ok(());
            };
            if !self.line(&line).await? {
                return Ok(());
            }
        }
    }

    /// Stops the bot and the fake API.
    pub async fn stop(self) {
        self.bot.stop().await;
        self.api.shutdown();
    }

    /// Handles one input line; `false` means quit.
    pub async fn line(&mut self, raw: &str) -> anyhow::Result<bool> {
        let line = raw.trim();
        if self.echo {
            if line.is_empty() || line.starts_with('#') {
                writeln!(self.out, "{line}")?;
            } else {
                writeln!(self.out, "{}> {line}", self.prompt())?;
            }
        }
        if line.is_empty() || line.starts_with('#') {
            return Ok(true);
        }
        let mark = self.api.mark();
        if let Some(cmd) = line.strip_prefix(':') {
            if !self.console_command(cmd.trim()).await? {
                return Ok(false);
            }
        } else if let Some(text) = line.strip_prefix('\'') {
            self.send(text.trim());
        } else if let Ok(n) = line.parse::<usize>() {
            self.press(n, line)?;
        } else {
            self.send(line);
        }
        self.settle().await?;
        self.print_since(mark)?;
        self.out.flush()?;
        Ok(true)
    }

    fn me(&self) -> &FakeUser {
        &self.personas[self.current].user
    }

    /// `мария`, or `мария в «Сообщество наставников»` while speaking in a group.
    fn prompt(&self) -> String {
        let handle = &self.personas[self.current].handle;
        match self.place {
            Some(g) => format!("{handle} в «{}»", self.groups[g].title),
            None => handle.clone(),
        }
    }

    /// The chat the current persona speaks in: the private one or a group.
    fn chat(&self) -> i64 {
        self.place.map_or(self.me().id, |g| self.groups[g].id)
    }

    fn send(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let user = self.me().clone();
        match self.place {
            Some(g) => self.api.send_group_text(self.groups[g].id, &user, text),
            None => self.api.send_text(&user, text),
        };
        self.pushed += 1;
    }

    /// The bot's messages with buttons in `chat`, newest first.
    fn keyboard_messages(&self, chat: i64) -> Vec<(i64, Vec<Button>)> {
        self.api
            .messages(chat)
            .into_iter()
            .rev()
            .filter_map(|m| {
                let buttons = buttons_of(&m);
                let from_bot = m
                    .get("from")
                    .and_then(|f| f.get("id"))
                    .and_then(Value::as_i64)
                    == Some(crate::emulator::BOT_ID);
                (from_bot && !buttons.is_empty())
                    .then(|| (m["message_id"].as_i64().unwrap_or(0), buttons))
            })
            .collect()
    }

    /// The newest bot message in the current chat that shows buttons.
    fn keyboard_message(&self) -> Option<(i64, Vec<Button>)> {
        self.keyboard_messages(self.chat()).into_iter().next()
    }

    /// Presses button `n`; without any buttons on screen the number is sent as text.
    fn press(&mut self, n: usize, line: &str) -> anyhow::Result<()> {
        let Some((mid, buttons)) = self.keyboard_message() else {
            self.send(line);
            return Ok(());
        };
        self.press_on(mid, &buttons, n)
    }

    /// `:press M N`: button N of the M-th message with buttons from the end (as `:list` numbers them).
    fn press_older(&mut self, arg: &str) -> anyhow::Result<()> {
        let nums: Vec<usize> = arg
            .split_whitespace()
            .filter_map(|a| a.parse().ok())
            .collect();
        let [m, n] = nums[..] else {
            writeln!(self.out, "  (как нажать кнопку старого сообщения: :press 2 3 — сообщение 2 с конца, кнопка 3; список — :list)")?;
            return Ok(());
        };
        let all = self.keyboard_messages(self.chat());
        let Some((mid, buttons)) = m.checked_sub(1).and_then(|i| all.get(i)).cloned() else {
            writeln!(
                self.out,
                "  (нет сообщения {m} с кнопками: их {}; список — :list)",
                all.len()
            )?;
            return Ok(());
        };
        self.press_on(mid, &buttons, n)
    }

    /// `:list`: the recent messages with buttons in the current chat, newest first, numbered
    /// for `:press`.
    fn list(&mut self) -> anyhow::Result<()> {
        let chat = self.chat();
        let all = self.keyboard_messages(chat);
        if all.is_empty() {
            writeln!(self.out, "  (здесь нет сообщений с кнопками)")?;
            return Ok(());
        }
        writeln!(
            self.out,
            "Сообщения с кнопками, новые сверху (нажать — :press M N):"
        )?;
        for (i, (mid, buttons)) in all.iter().take(LIST_AT_MOST).enumerate() {
            let text = self
                .api
                .message(chat, *mid)
                .and_then(|m| {
                    m.get("text")
                        .or_else(|| m.get("caption"))
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                })
                .unwrap_or_default();
            let first: String = text.lines().next().unwrap_or("").chars().take(60).collect();
            let labels: Vec<String> = buttons
                .iter()
                .enumerate()
                .map(|(j, b)| format!("[{}] {}", j + 1, b.0))
                .collect();
            writeln!(
                self.out,
                "{:2}. {first}\n      {}",
                i + 1,
                labels.join("  ")
            )?;
        }
        if all.len() > LIST_AT_MOST {
            writeln!(self.out, "  (и ещё {} постарше)", all.len() - LIST_AT_MOST)?;
        }
        Ok(())
    }

    /// `:group TITLE`: a new group chat with the bot added by the current persona (or the
    /// existing one with this title), where the persona now speaks.
    fn group(&mut self, title: &str) -> anyhow::Result<()> {
        if title.is_empty() || title.chars().count() > 128 {
            writeln!(
                self.out,
                "  (как создать группу: :group Сообщество наставников)"
            )?;
            return Ok(());
        }
        if let Some(g) = self
            .groups
            .iter()
            .position(|g| g.title.to_lowercase() == title.to_lowercase())
        {
            self.place = Some(g);
            writeln!(
                self.out,
                "Группа «{}» уже есть — вы пишете в неё.",
                self.groups[g].title
            )?;
            return Ok(());
        }
        let id = self
            .groups
            .iter()
            .map(|g| g.id - 1)
            .min()
            .unwrap_or(FIRST_GROUP_ID)
            .min(FIRST_GROUP_ID);
        self.api.set_chat_title(id, title);
        let user = self.me().clone();
        self.api.bot_added_to_group(id, &user);
        self.pushed += 1;
        self.groups.push(Group {
            id,
            title: title.to_string(),
        });
        self.place = Some(self.groups.len() - 1);
        writeln!(
            self.out,
            "Группа «{title}» создана, {} добавляет в неё бота. Вы пишете в группу; вернуться в личный чат — :in",
            self.personas[self.current].handle
        )?;
        Ok(())
    }

    /// `:in TITLE` speaks in a group (by the beginning of its title), `:in` alone in the
    /// private chat with the bot.
    fn go(&mut self, title: &str) -> anyhow::Result<()> {
        if title.is_empty() || matches!(title, "лс" | "личка" | "бот") {
            self.place = None;
            writeln!(self.out, "Вы пишете боту в личные сообщения.")?;
            return Ok(());
        }
        let wanted = title.to_lowercase();
        let found: Vec<usize> = (0..self.groups.len())
            .filter(|&g| self.groups[g].title.to_lowercase().starts_with(&wanted))
            .collect();
        match found[..] {
            [g] => {
                self.place = Some(g);
                writeln!(self.out, "Вы пишете в группу «{}».", self.groups[g].title)?;
            }
            _ => {
                let names: Vec<String> = self
                    .groups
                    .iter()
                    .map(|g| format!("«{}»", g.title))
                    .collect();
                let names = if names.is_empty() {
                    "нет (создать — :group Название)".to_string()
                } else {
                    names.join(", ")
                };
                writeln!(
                    self.out,
                    "  (нет одной такой группы: {title}; группы: {names})"
                )?;
            }
        }
        Ok(())
    }

    /// Presses button `n` of message `mid` in the current chat.
    fn press_on(&mut self, mid: i64, buttons: &[Button], n: usize) -> anyhow::Result<()> {
        let Some((text, data, url)) = n.checked_sub(1).and_then(|i| buttons.get(i)).cloned() else {
            writeln!(
                self.out,
                "  (нет кнопки {n}: кнопок {}; чтобы отправить число текстом, начните строку с ')",
                buttons.len()
            )?;
            return Ok(());
        };
        match (data, url) {
            (Some(data), _) => {
                writeln!(self.out, "  → «{text}»")?;
                let user = self.me().clone();
                self.api.press_button(&user, self.chat(), mid, &data);
                self.pushed += 1;
            }
            (None, Some(url)) => writeln!(self.out, "  → «{text}» — это ссылка: {url}")?,
            (None, None) => writeln!(self.out, "  → «{text}» — кнопка ничего не делает")?,
        }
        Ok(())
    }

    /// Waits until the bot has handled every update pushed so far and the fake API is quiet.
    async fn settle(&mut self) -> anyhow::Result<()> {
        let deadline = tokio::time::Instant::now() + STEP_TIMEOUT;
        // handled, and what the handlers queued for other people sent
        while self.bot.updates.finished() < self.pushed
            || self.bot.updates.in_flight() > 0
            || crate::repo::outbox::pending(&self.bot.pool).await? > 0
        {
            if tokio::time::Instant::now() > deadline {
                writeln!(
                    self.out,
                    "  (бот не ответил за {} с)",
                    STEP_TIMEOUT.as_secs()
                )?;
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        self.api
            .wait_idle_for(Duration::from_millis(20), Duration::from_secs(5))
            .await;
        Ok(())
    }

    // ---- console commands ----------------------------------------------

    async fn console_command(&mut self, cmd: &str) -> anyhow::Result<bool> {
        let (name, arg) = cmd
            .split_once(char::is_whitespace)
            .map(|(n, a)| (n, a.trim()))
            .unwrap_or((cmd, ""));
        match name {
            "q" | "quit" | "exit" => {
                writeln!(self.out, "До свидания!")?;
                return Ok(false);
            }
            "help" | "h" | "?" => writeln!(self.out, "{}", HELP)?,
            "who" => {
                writeln!(self.out, "Участники (* — вы):")?;
                for i in 0..self.personas.len() {
                    let mark = if i == self.current { '*' } else { ' ' };
                    let line = self.who_line(i).await?;
                    writeln!(self.out, "{mark} {line}")?;
                }
            }
            "as" => self.switch(arg).await?,
            "time" => self.move_clock(arg).await?,
            "list" => self.list()?,
            "press" => self.press_older(arg)?,
            "group" => self.group(arg)?,
            "in" => self.go(arg)?,
            _ => writeln!(
                self.out,
                "  (неизвестная команда консоли :{name}; список — :help)"
            )?,
        }
        Ok(true)
    }

    /// `handle — Full Name, roles` for `:who` and `:as`.
    async fn who_line(&self, i: usize) -> anyhow::Result<String> {
        let p = &self.personas[i];
        let user = users::by_telegram(&self.bot.pool, p.user.id).await?;
        let Some(user) = user.filter(|u| u.is_registered()) else {
            return Ok(format!(
                "{} — ещё не зарегистрирован(а) (начните с /start)",
                p.handle
            ));
        };
        let mut roles: Vec<Role> = users::roles(&self.bot.pool, user.id)
            .await?
            .into_iter()
            .map(|g| g.role)
            .collect();
        roles.dedup();
        let roles: Vec<String> = roles
            .iter()
            .map(|r| tr!(Lang::Ru, &r.key()).to_lowercase())
            .collect();
        Ok(format!(
            "{} — {}, {}",
            p.handle,
            user.display_name(),
            roles.join(", ")
        ))
    }

    async fn switch(&mut self, name: &str) -> anyhow::Result<()> {
        let wanted = name.to_lowercase();
        if wanted.is_empty() {
            writeln!(
                self.out,
                "  (кем стать? например, :as елена; список — :who)"
            )?;
            return Ok(());
        }
        let found = self
            .personas
            .iter()
            .position(|p| p.handle == wanted)
            .or_else(|| {
                let prefixed: Vec<usize> = (0..self.personas.len())
                    .filter(|&i| self.personas[i].handle.starts_with(&wanted))
                    .collect();
                (prefixed.len() == 1).then(|| prefixed[0])
            });
        self.current = match found {
            Some(i) => i,
            None if wanted.chars().all(|c| c.is_alphabetic() || c == '-') => {
                let id = self.next_person_id();
                let mut first: String = wanted
                    .chars()
                    .take(1)
                    .flat_map(char::to_uppercase)
                    .collect();
                first.extend(wanted.chars().skip(1));
                let i = self.add_persona(FakeUser::new(id, first));
                self.store_handles().await?;
                i
            }
            None => {
                writeln!(
                    self.out,
                    "  (нет такого участника: {name}; имя — одно слово из букв)"
                )?;
                return Ok(());
            }
        };
        let who = self.who_line(self.current).await?;
        writeln!(self.out, "Вы теперь: {who}")?;
        // show the buttons waiting for this person, numbered
        if let Some((mid, _)) = self.keyboard_messages(self.me().id).into_iter().next() {
            if let Some(m) = self.api.message(self.me().id, mid) {
                self.print_message(&m, "кнопки ждут ответа", self.place.is_none())?;
            }
        }
        Ok(())
    }

    async fn move_clock(&mut self, arg: &str) -> anyhow::Result<()> {
        let Some(step) = parse_shift(arg) else {
            writeln!(
                self.out,
                "  (как сдвинуть время: :time +7d, :time +3h, :time +30m)"
            )?;
            return Ok(());
        };
        self.clock.advance(step);
        // `nastavnik tick` without --now reads the same clock
        ops::set_time(
            &self.bot.pool,
            ops::CLOCK,
            self.clock.now(),
            self.clock.now(),
        )
        .await?;
        writeln!(self.out, "Сейчас: {}.", self.now_text())?;
        self.pass_ran = true;
        if !run_scheduler_pass(&self.bot).await {
            writeln!(
                self.out,
                "  (проход напоминаний не удался — подробности в журнале, CONSOLE_LOG=warn)"
            )?;
        }
        Ok(())
    }

    fn now_text(&self) -> String {
        format!(
            "{} ({})",
            self.clock
                .now()
                .with_timezone(&self.tz)
                .format("%d.%m.%Y %H:%M"),
            self.tz.name()
        )
    }

    // ---- output ----------------------------------------------------------

    /// Prints the bot's messages since `mark`, grouped by recipient.
    fn print_since(&mut self, mark: usize) -> anyhow::Result<()> {
        let me = self.me().id;
        let here = self.chat();
        let mut events: Vec<(i64, Event)> = Vec::new();
        for call in self.api.calls_since(mark) {
            if let Some(e) = Event::of(&call) {
                let chat = match &e {
                    Event::Toast(_) => me,
                    Event::Sent(m) | Event::Edited(m) => m
                        .get("chat")
                        .and_then(|c| c.get("id"))
                        .and_then(Value::as_i64)
                        .unwrap_or(0),
                };
                events.push((chat, e));
            }
        }
        let rank = |chat: i64| -> (usize, i64) {
            if chat == me {
                return (0, 0);
            }
            match self.personas.iter().position(|p| p.user.id == chat) {
                Some(i) => (1 + i, 0),
                None => match self.groups.iter().position(|g| g.id == chat) {
                    Some(g) => (1 + self.personas.len() + g, 0),
                    None => (usize::MAX, chat),
                },
            }
        };
        // stable: keeps the order of calls within one chat; a reminder pass sends to one person
        // concurrently, so its messages are ordered by text to keep the transcript stable
        if std::mem::take(&mut self.pass_ran) {
            let text = |e: &Event| match e {
                Event::Toast(t) => t.clone(),
                Event::Sent(m) | Event::Edited(m) => m
                    .get("text")
                    .or_else(|| m.get("caption"))
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
            };
            events.sort_by_cached_key(|(chat, e)| (rank(*chat), text(e)));
        } else {
            events.sort_by_key(|(chat, _)| rank(*chat));
        }
        for (chat, e) in events {
            let mine = chat == here;
            match e {
                Event::Toast(text) => writeln!(self.out, "  (всплывающее уведомление: {text})")?,
                Event::Sent(m) => self.print_message(&m, "", mine)?,
                Event::Edited(m) => self.print_message(&m, "изменено", mine)?,
            }
        }
        Ok(())
    }

    fn recipient(&self, chat: i64) -> String {
        match self.personas.iter().find(|p| p.user.id == chat) {
            Some(p) => p.handle.clone(),
            None => match self.groups.iter().find(|g| g.id == chat) {
                Some(g) => format!("группа «{}»", g.title),
                None => format!("чат {chat}"),
            },
        }
    }

    /// Saves a file the bot sent into the files folder (once per file) and returns its path.
    fn save_file(&mut self, file_id: &str, fallback: &str) -> anyhow::Result<Option<PathBuf>> {
        if let Some(p) = self.saved.get(file_id) {
            return Ok(Some(p.clone()));
        }
        let Some(file) = self.api.file(file_id) else {
            return Ok(None);
        };
        std::fs::create_dir_all(&self.files)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", self.files.display()))?;
        let name = Path::new(&file.name)
            .file_name()
            .and_then(|n| n.to_str())
            .filter(|n| !n.is_empty())
            .unwrap_or(fallback)
            .to_string();
        let mut path = self.files.join(&name);
        let (stem, ext) = match name.rsplit_once('.') {
            Some((s, e)) => (s.to_string(), format!(".{e}")),
            None => (name.clone(), String::new()),
        };
        for n in 2.. {
            if !path.exists() {
                break;
            }
            path = self.files.join(format!("{stem}-{n}{ext}"));
        }
        // reports name people: the saved copy is the owner's only, like a backup
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .and_then(|mut f| f.write_all(&file.bytes));
        written.map_err(|e| anyhow::anyhow!("cannot save {}: {e}", path.display()))?;
        self.saved.insert(file_id.to_string(), path.clone());
        Ok(Some(path))
    }

    /// One message: a header with the recipient, the text, the buttons (numbered when they
    /// are the current persona's).
    fn print_message(&mut self, m: &Value, note: &str, numbered: bool) -> anyhow::Result<()> {
        let chat = m
            .get("chat")
            .and_then(|c| c.get("id"))
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let note = if note.is_empty() {
            String::new()
        } else {
            format!(" ({note})")
        };
        writeln!(self.out, "── бот → {}{note} ──", self.recipient(chat))?;
        if let Some(doc) = m.get("document") {
            let name = doc
                .get("file_name")
                .and_then(Value::as_str)
                .unwrap_or("без имени")
                .to_string();
            match self.save_file(
                doc.get("file_id").and_then(Value::as_str).unwrap_or(""),
                &name,
            )? {
                Some(path) => writeln!(self.out, "[файл: {name} → {}]", path.display())?,
                None => writeln!(self.out, "[файл: {name}]")?,
            }
        }
        if let Some(photo) = m.get("photo").and_then(Value::as_array) {
            let id = photo
                .last()
                .and_then(|p| p.get("file_id"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            match self.save_file(&id, "photo.jpg")? {
                Some(path) => writeln!(self.out, "[фото → {}]", path.display())?,
                None => writeln!(self.out, "[фото]")?,
            }
        }
        let text = m
            .get("text")
            .or_else(|| m.get("caption"))
            .and_then(Value::as_str)
            .unwrap_or("");
        if !text.is_empty() {
            writeln!(self.out, "{text}")?;
        }
        let rows = keyboard_rows(m);
        let mut n = 0;
        for row in &rows {
            let cells: Vec<String> = row
                .iter()
                .map(|(label, _, url)| {
                    n += 1;
                    let link = url
                        .as_deref()
                        .map(|u| format!(" ↗ {u}"))
                        .unwrap_or_default();
                    if numbered {
                        format!("[{n}] {label}{link}")
                    } else {
                        format!("[{label}]{link}")
                    }
                })
                .collect();
            writeln!(self.out, "   {}", cells.join("  "))?;
        }
        if !rows.is_empty() && !numbered && chat > 0 {
            writeln!(self.out, "   (ответить: :as {})", self.recipient(chat))?;
        } else if !rows.is_empty() && !numbered {
            if let Some(g) = self.groups.iter().find(|g| g.id == chat) {
                writeln!(self.out, "   (ответить: :in {})", g.title)?;
            }
        }
        Ok(())
    }
}

/// One reminder pass (the same as `nastavnik tick`) at the bot's current (manual) time,
/// also the community checks (scheduled announcements, unlinked chats). `false` if it failed.
pub async fn run_scheduler_pass(bot: &RunningBot) -> bool {
    let now = bot.ctx.now();
    crate::bot::chats::tick(&bot.ctx, now).await;
    match crate::bot::reminders::run_pass(&bot.ctx, now).await {
        Ok(_) => true,
        Err(e) => {
            tracing::warn!(error = %e, "reminder pass failed");
            false
        }
    }
}

/// What the console shows of one Bot API call.
enum Event {
    Sent(Value),
    Edited(Value),
    Toast(String),
}

impl Event {
    fn of(call: &ApiCall) -> Option<Event> {
        if !call.ok() {
            return None;
        }
        let result = call.result().filter(|r| r.is_object()).cloned();
        let m = call.method.to_ascii_lowercase();
        match m.as_str() {
            "sendmessage" | "senddocument" | "sendphoto" => result.map(Event::Sent),
            "editmessagetext" | "editmessagecaption" | "editmessagereplymarkup" => {
                result.map(Event::Edited)
            }
            "answercallbackquery" => {
                let text = call
                    .params
                    .get("text")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                (!text.is_empty()).then(|| Event::Toast(text.to_string()))
            }
            _ => None,
        }
    }
}

type Button = (String, Option<String>, Option<String>);

fn keyboard_rows(m: &Value) -> Vec<Vec<Button>> {
    let s = |b: &Value, k: &str| b.get(k).and_then(Value::as_str).map(str::to_owned);
    let rows = m
        .get("reply_markup")
        .and_then(|r| r.get("inline_keyboard"))
        .and_then(Value::as_array);
    rows.into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .map(|row| {
            row.iter()
                .map(|b| {
                    (
                        s(b, "text").unwrap_or_default(),
                        s(b, "callback_data"),
                        s(b, "url"),
                    )
                })
                .collect::<Vec<_>>()
        })
        .filter(|row| !row.is_empty())
        .collect()
}

fn buttons_of(m: &Value) -> Vec<Button> {
    keyboard_rows(m).into_iter().flatten().collect()
}

/// `+7d`, `+3h`, `+30m` (the plus is optional).
fn parse_shift(arg: &str) -> Option<ChronoDuration> {
    let s = arg.trim().trim_start_matches('+');
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit())?);
    let n: i64 = num.parse().ok().filter(|n| *n > 0 && *n <= 3650)?;
    match unit.trim() {
        "d" | "д" => Some(ChronoDuration::days(n)),
        "h" | "ч" => Some(ChronoDuration::hours(n)),
        "m" | "м" => Some(ChronoDuration::minutes(n)),
        _ => None,
    }
}

const HELP: &str = "\
Команды консоли:
  текст            сообщение боту от вашего имени (команды — как в Telegram: /help, /request …)
  N                нажать кнопку N последнего сообщения с кнопками
  'текст           отправить как текст, даже если это число (например, '5)
  :as ИМЯ          стать другим участником (новое имя — новый, незарегистрированный человек)
  :who             кто есть в консоли и кто вы
  :time +7d        сдвинуть время (+3h — часы, +30m — минуты) и запустить напоминания
  :list            последние сообщения с кнопками (новые сверху)
  :press 2 3       нажать кнопку 3 сообщения 2 из :list (второго с конца)
  :group НАЗВАНИЕ  создать группу, добавить в неё бота и писать туда
  :in НАЗВАНИЕ     писать в группу; :in без названия — снова в личные сообщения
  :help            эта справка
  :quit            выйти (временная база удаляется)
  # …              комментарий (для сценариев --script)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_shifts() {
        assert_eq!(parse_shift("+7d"), Some(ChronoDuration::days(7)));
        assert_eq!(parse_shift("3h"), Some(ChronoDuration::hours(3)));
        assert_eq!(parse_shift("+30m"), Some(ChronoDuration::minutes(30)));
        assert_eq!(parse_shift("+2д"), Some(ChronoDuration::days(2)));
        for bad in ["", "+", "7", "+0d", "+7y", "-7d", "+99999d"] {
            assert_eq!(parse_shift(bad), None, "{bad}");
        }
    }

    #[test]
    fn keyboards_are_read_row_by_row() {
        let m = serde_json::json!({"reply_markup": {"inline_keyboard": [
            [{"text": "A", "callback_data": "a"}, {"text": "B", "callback_data": "b"}],
            [],
            [{"text": "Link", "url": "https://t.me/x"}],
        ]}});
        let rows = keyboard_rows(&m);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            buttons_of(&m)
                .iter()
                .map(|b| b.0.as_str())
                .collect::<Vec<_>>(),
            ["A", "B", "Link"]
        );
        assert_eq!(rows[1][0].2.as_deref(), Some("https://t.me/x"));
    }
}
