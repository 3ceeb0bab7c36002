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
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/console").join(name)
}

/// A readable line diff: the first differing line with some context on both sides.
fn diff(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let first = e.iter().zip(&a).position(|(x, y)| x != y).unwrap_or(e.len().min(a.len()));
    let from = first.saturating_sub(4);
    let mut out = format!("transcript differs at line {} (expected {} lines, got {}):\n", first + 1, e.len(), a.len());
    for (i, line) in e.iter().enumerate().take(first) .skip(from) {
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

#[tokio::test]
async fn the_demo_script_gives_the_stored_transcript() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("console.db");
    let out = console(tmp.path()).arg("--db").arg(&db).arg("--script").arg(fixture("demo.txt")).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "exit {:?}\n{}\n{stdout}", out.status, String::from_utf8_lossy(&out.stderr));

    let expected_path = fixture("demo.expected");
    if std::env::var_os("UPDATE_TRANSCRIPTS").is_some() {
        std::fs::write(&expected_path, &stdout).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap();
    if let Some(d) = diff(&expected, &stdout) {
        panic!("{d}\n(if the change is intended: UPDATE_TRANSCRIPTS=1 cargo test --test console)");
    }

    // the session really happened in the database: a registered mentee, an active pair
    let pool = nastavnik::db::connect(&format!("sqlite://{}", db.display())).await.unwrap();
    let (name, registered): (String, bool) =
        sqlx::query_as("SELECT full_name, registered_at IS NOT NULL FROM users WHERE telegram_id = 1001").fetch_one(&pool).await.unwrap();
    assert_eq!((name.as_str(), registered), ("Смирнова Ольга Игоревна", true));
    let (status, mentor): (String, String) = sqlx::query_as(
        "SELECT p.status, u.full_name FROM pairs p JOIN users u ON u.id = p.mentor_id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((status.as_str(), mentor.as_str()), ("active", "Петрова Анна Сергеевна"));
}

#[test]
fn interactive_input_and_the_temporary_database_is_removed() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let mut child = console(tmp.path()).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(":as борис\n/mydata\n:help\n7\n:time +3h\n:bogus\n:quit\n".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("Вы теперь: борис — Борисов Борис Борисович, наставник"), "{stdout}");
    assert!(stdout.contains("── бот → борис ──") && stdout.contains("Борисов Борис Борисович"), "{stdout}");
    assert!(stdout.contains(":as ИМЯ") && stdout.contains(":time +7d"), "help: {stdout}");
    assert!(stdout.contains("неизвестная команда консоли :bogus"), "{stdout}");
    assert!(stdout.contains("До свидания!"), "{stdout}");
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "the temporary database is deleted at exit: {left:?}");
}
