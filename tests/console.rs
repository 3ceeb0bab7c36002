//! `nastavnik console`: a scripted session of the real binary against its in-process fake
//! Bot API gives exactly the stored transcript, and leaves the expected data behind.
//!
//! After a deliberate change of texts or flows, regenerate the transcript with
//! `UPDATE_TRANSCRIPTS=1 cargo test --test console` and review the diff in git.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn console(tmp: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_nastavnik"));
    c.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("TMPDIR", tmp)
        .current_dir(tmp)
        .arg("console");
    c
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/console")
        .join(name)
}

/// A readable line diff: the first differing line with some context on both sides.
fn diff(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let first = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let from = first.saturating_sub(4);
    let mut out = format!(
        "transcript differs at line {} (expected {} lines, got {}):\n",
        first + 1,
        e.len(),
        a.len()
    );
    for (i, line) in e.iter().enumerate().take(first).skip(from) {
        out.push_str(&format!("  {:4} {line}\n", i + 1));
    }
    for line in e.iter().skip(first).take(8) {
        out.push_str(&format!("- {line}\n"));
    }
    for line in a.iter().skip(first).take(8) {
        out.push_str(&format!("+ {line}\n"));
    }
    Some(out)
}

/// Compares a transcript with the stored one (or stores it with UPDATE_TRANSCRIPTS).
fn check_transcript(name: &str, stdout: &str) {
    let expected_path = fixture(name);
    if std::env::var_os("UPDATE_TRANSCRIPTS").is_some() {
        std::fs::write(&expected_path, stdout).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap();
    if let Some(d) = diff(&expected, stdout) {
        panic!("{d}\n(if the change is intended: UPDATE_TRANSCRIPTS=1 cargo test --test console)");
    }
}

/// Runs a script on `db`, saving files into `files`; the transcript with the temporary folder
/// written as `$TMP`.
fn script(tmp: &Path, db: &Path, files: &Path, name: &str) -> String {
    let out = console(tmp)
        .arg("--db")
        .arg(db)
        .arg("--files")
        .arg(files)
        .arg("--script")
        .arg(fixture(name))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "exit {:?}\n{}\n{stdout}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout.replace(&tmp.display().to_string(), "$TMP")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn training_groups_files_older_buttons_and_a_database_kept_between_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("training.db");
    let files = tmp.path().join("files");

    // day 1: a group of the district, an announcement arriving there, a report saved as files,
    // an older message's button, a new person; the clock moved a week on
    let day1 = script(tmp.path(), &db, &files, "training.txt");
    check_transcript("training.expected", &day1);
    let saved: Vec<String> = std::fs::read_dir(&files)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        saved.iter().any(|n| n.ends_with(".xlsx")) && saved.iter().any(|n| n.ends_with(".png")),
        "{saved:?}"
    );
    for name in &saved {
        assert!(
            day1.contains(&format!("$TMP/files/{name}")),
            "the transcript names {name}:\n{day1}"
        );
        let meta = std::fs::metadata(files.join(name)).unwrap();
        assert!(meta.len() > 0);
        assert_eq!(
            std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o777,
            0o600,
            "{name} is the owner's only"
        );
    }
    let xlsx = saved.iter().find(|n| n.ends_with(".xlsx")).unwrap();
    assert_eq!(
        &std::fs::read(files.join(xlsx)).unwrap()[..2],
        b"PK",
        "a real XLSX (zip) file"
    );

    // day 2: the same database — the clock goes on from day 1, the people are still there, and
    // a new name gets a new Telegram id instead of taking over ольга's profile
    let day2 = script(tmp.path(), &db, &files, "training-day2.txt");
    check_transcript("training-day2.expected", &day2);
    let pool = nastavnik::db::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let people: Vec<(i64, Option<String>)> = sqlx::query_as(
        "SELECT telegram_id, full_name FROM users WHERE telegram_id >= 1001 ORDER BY telegram_id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        people,
        vec![
            (1001, Some("Смирнова Ольга Игоревна".to_string())),
            (1002, None)
        ]
    );
    let clock: String = sqlx::query_scalar("SELECT value FROM app_state WHERE key = 'clock'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(clock, "2026-09-08T07:00:00+00:00");
    pool.close().await;

    // `nastavnik tick` without --now takes the console's clock from the database
    let api = nastavnik::emulator::FakeBotApi::start().await;
    let mut tick = Command::new(env!("CARGO_BIN_EXE_nastavnik"));
    tick.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", format!("sqlite://{}", db.display()))
        .env("TELOXIDE_TOKEN", nastavnik::emulator::TOKEN)
        .env("TELOXIDE_API_URL", api.url().as_str())
        .current_dir(tmp.path())
        .arg("tick");
    let out = tokio::task::spawn_blocking(move || tick.output().unwrap())
        .await
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("using the console's clock stored in the database: 2026-09-08T07:00:00+00:00"),
        "{err}"
    );
    api.shutdown();
}

#[tokio::test]
async fn the_demo_script_gives_the_stored_transcript() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("console.db");
    let out = console(tmp.path())
        .arg("--db")
        .arg(&db)
        .arg("--script")
        .arg(fixture("demo.txt"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "exit {:?}\n{}\n{stdout}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );

    check_transcript("demo.expected", &stdout);

    // the session really happened in the database: a registered mentee, an active pair
    let pool = nastavnik::db::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let (name, registered): (String, bool) = sqlx::query_as(
        "SELECT full_name, registered_at IS NOT NULL FROM users WHERE telegram_id = 1001",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (name.as_str(), registered),
        ("Смирнова Ольга Игоревна", true)
    );
    let (status, mentor): (String, String) = sqlx::query_as(
        "SELECT p.status, u.full_name FROM pairs p JOIN users u ON u.id = p.mentor_id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (status.as_str(), mentor.as_str()),
        ("active", "Петрова Анна Сергеевна")
    );
}

#[test]
fn interactive_input_and_the_temporary_database_is_removed() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let mut child = console(tmp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(":as борис\n/mydata\n:help\n7\n:time +3h\n:bogus\n:quit\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("Вы теперь: борис — Борисов Борис Борисович, наставник"),
        "{stdout}"
    );
    assert!(
        stdout.contains("── бот → борис ──") && stdout.contains("Борисов Борис Борисович"),
        "{stdout}"
    );
    assert!(
        stdout.contains(":as ИМЯ") && stdout.contains(":time +7d"),
        "help: {stdout}"
    );
    assert!(
        stdout.contains("неизвестная команда консоли :bogus"),
        "{stdout}"
    );
    assert!(stdout.contains("До свидания!"), "{stdout}");
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        left.is_empty(),
        "the temporary database is deleted at exit: {left:?}"
    );
}
