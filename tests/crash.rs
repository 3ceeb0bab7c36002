//! Crash: the real binary is killed with SIGKILL in the middle of a burst of `/meeting` logs
//! from 100 mentors and started again. Every entry the bot confirmed in chat is on disk, and
//! the updates Telegram delivers again (the offset was never acknowledged) create no duplicates.
//!
//! What is not promised: a message whose update was acknowledged (the next getUpdates moved the
//! offset) but not yet handled when the process died is gone — its author never saw «Записано»,
//! which is exactly the signal to send it again. README's «Надёжность» says so.

use nastavnik::emulator::{FakeBotApi, FakeUser, TOKEN};
use std::collections::HashSet;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const MENTORS: i64 = 100;

fn spawn(api: &FakeBotApi, db: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("run")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", api.url().to_string())
        .env("DATABASE_URL", db)
        .env("POLL_TIMEOUT_SECS", "1")
        .env(
            "RUST_LOG",
            std::env::var("CRASH_LOG").unwrap_or_else(|_| "error".into()),
        )
        .current_dir(std::env::temp_dir())
        .stdout(Stdio::null())
        .stderr(match std::env::var("CRASH_LOG_FILE") {
            Ok(f) => Stdio::from(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(f)
                    .unwrap(),
            ),
            Err(_) => Stdio::null(),
        })
        .spawn()
        .expect("the binary starts")
}

/// One school, 100 mentors, each with an active pair, written straight into the database.
async fn seed(db: &str) {
    let status = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("migrate")
        .env("DATABASE_URL", db)
        .env("RUST_LOG", "error")
        .status()
        .unwrap();
    assert!(status.success());
    let pool = sqlx::SqlitePool::connect(db).await.unwrap();
    let now = "2026-01-10T09:00:00Z";
    sqlx::query("INSERT INTO organizations (id, name, kind, tz, created_at) VALUES (1, 'Школа № 1', 'school', 'Europe/Moscow', ?)").bind(now).execute(&pool).await.unwrap();
    for i in 0..MENTORS {
        for (id, tg, role) in [
            (2 * i + 1, 10_000 + i, "mentor"),
            (2 * i + 2, 20_000 + i, "mentee"),
        ] {
            sqlx::query(
                "INSERT INTO users (id, telegram_id, consent_at, full_name, org_id, position, subjects, experience_years, registered_at, created_at, updated_at) \
                 VALUES (?, ?, ?, ?, 1, 'учитель', 'математика', 5, ?, ?, ?)",
            )
            .bind(id)
            .bind(tg)
            .bind(now)
            .bind(format!("Педагог {id}"))
            .bind(now)
            .bind(now)
            .bind(now)
            .execute(&pool)
            .await
            .unwrap();
            sqlx::query(
                "INSERT INTO roles (user_id, role, org_id, granted_at) VALUES (?, ?, 1, ?)",
            )
            .bind(id)
            .bind(role)
            .bind(now)
            .execute(&pool)
            .await
            .unwrap();
        }
        sqlx::query("INSERT INTO pairs (id, org_id, mentor_id, forms, start_date, planned_end, status, created_at) VALUES (?, 1, ?, 'traditional', '2026-01-10', '2027-05-31', 'active', ?)")
            .bind(i + 1)
            .bind(2 * i + 1)
            .bind(now)
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO pair_mentees (pair_id, mentee_id, joined_at) VALUES (?, ?, ?)")
            .bind(i + 1)
            .bind(2 * i + 2)
            .bind(now)
            .execute(&pool)
            .await
            .unwrap();
    }
    pool.close().await;
}

fn confirmed_chats(api: &FakeBotApi) -> HashSet<i64> {
    api.calls_of("sendMessage")
        .iter()
        .filter(|c| c.ok() && c.text().is_some_and(|t| t.starts_with("Записано")))
        .filter_map(|c| c.chat_id())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_mid_burst_loses_nothing_confirmed_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("crash.db").display()
    );
    seed(&db).await;
    let api = FakeBotApi::start().await;
    let mut bot = spawn(&api, &db);
    // let it start polling before the burst
    api.wait_for_call(|c| c.is("getUpdates"), Duration::from_secs(20))
        .await
        .expect("the bot polls");
    for i in 0..MENTORS {
        api.send_text(
            &FakeUser::new(10_000 + i, "Наставник"),
            &format!("/meeting 45 Встреча номер {i}"),
        );
    }
    // kill it as soon as a part of the burst is confirmed
    let start = Instant::now();
    while confirmed_chats(&api).len() < 10 && start.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    bot.kill().expect("SIGKILL");
    bot.wait().unwrap();
    let confirmed_before = confirmed_chats(&api);
    assert!(
        !confirmed_before.is_empty(),
        "the bot confirmed something before the kill"
    );

    // every confirmation is on disk
    let pool = sqlx::SqlitePool::connect(&db).await.unwrap();
    let stored: HashSet<i64> =
        sqlx::query_as::<_, (i64,)>("SELECT source_chat FROM journal_entries")
            .fetch_all(&pool)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.0)
            .collect();
    let lost: Vec<&i64> = confirmed_before
        .iter()
        .filter(|c| !stored.contains(c))
        .collect();
    assert!(lost.is_empty(), "confirmed but not stored: {lost:?}");
    pool.close().await;

    let unacknowledged = api.pending_updates();

    // the restarted bot gets the unacknowledged updates again and handles them once
    let mut bot = spawn(&api, &db);
    let start = Instant::now();
    while api.pending_updates() > 0 && start.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        api.pending_updates(),
        0,
        "the restarted bot took the {unacknowledged} unacknowledged updates"
    );
    api.wait_idle(Duration::from_millis(500)).await;
    // a new message after the restart works as usual
    let mark = api.mark();
    api.send_text(
        &FakeUser::new(10_000, "Наставник"),
        "/meeting 30 После перезапуска",
    );
    api.wait_for_text_after(mark, 10_000, "Записано", Duration::from_secs(20))
        .await
        .expect("the restarted bot answers");
    bot.kill().unwrap();
    bot.wait().unwrap();

    let pool = sqlx::SqlitePool::connect(&db).await.unwrap();
    let (total, distinct): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(DISTINCT source_chat || ':' || source_message) FROM journal_entries").fetch_one(&pool).await.unwrap();
    assert_eq!(total, distinct, "no message was logged twice");
    let confirmed_after = confirmed_chats(&api);
    let stored: HashSet<i64> =
        sqlx::query_as::<_, (i64,)>("SELECT source_chat FROM journal_entries")
            .fetch_all(&pool)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.0)
            .collect();
    assert!(
        confirmed_after.is_subset(&stored),
        "every confirmation, before and after the restart, is on disk"
    );
    eprintln!("{} of {MENTORS} burst messages stored; {unacknowledged} updates were redelivered after the kill", stored.len());
}

/// `systemctl stop` sends SIGTERM: the bot finishes what it handles, acknowledges the updates
/// it took (so that nothing is handled twice after the next start) and exits with success.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_cleanly_and_acknowledges_what_was_handled() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}?mode=rwc", dir.path().join("term.db").display());
    seed(&db).await;
    let api = FakeBotApi::start().await;
    let mut bot = spawn(&api, &db);
    api.wait_for_call(|c| c.is("getUpdates"), Duration::from_secs(20))
        .await
        .expect("the bot polls");
    let mark = api.mark();
    api.send_text(
        &FakeUser::new(10_000, "Наставник"),
        "/meeting 45 Перед остановкой",
    );
    api.wait_for_text_after(mark, 10_000, "Записано", Duration::from_secs(20))
        .await
        .expect("logged");
    let status = Command::new("kill")
        .arg("-TERM")
        .arg(bot.id().to_string())
        .status()
        .expect("kill runs");
    assert!(status.success());
    let start = Instant::now();
    let exit = loop {
        if let Some(exit) = bot.try_wait().unwrap() {
            break exit;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the bot did not stop within 30 s of SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(exit.success(), "a clean exit after SIGTERM, got {exit:?}");
    assert_eq!(
        api.pending_updates(),
        0,
        "the handled update was acknowledged before the exit"
    );
    let pool = sqlx::SqlitePool::connect(&db).await.unwrap();
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM journal_entries")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(n, 1);
    pool.close().await;
}
