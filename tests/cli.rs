//! The command line: configuration errors, organizations, invitations, roles.

use std::process::Command;

fn nastavnik(db: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_nastavnik"));
    c.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", db)
        .env("RUST_LOG", "error")
        .current_dir(std::env::temp_dir());
    c
}

fn run(c: &mut Command) -> (i32, String, String) {
    let out = c.output().expect("binary runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn missing_token_is_one_clear_line_and_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("n.db").display());
    let (code, _, err) = run(nastavnik(&db).arg("run"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("@BotFather") && err.contains("TELOXIDE_TOKEN"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line, no panic trace: {err}");
    // the same without a subcommand
    let (code, _, _) = run(&mut nastavnik(&db));
    assert_eq!(code, 2);
}

#[test]
fn help_lists_the_commands() {
    let (code, out, _) = run(nastavnik("sqlite::memory:").arg("--help"));
    assert_eq!(code, 0);
    for cmd in ["run", "migrate", "org", "invite", "grant", "revoke", "tick", "calendar"] {
        assert!(out.contains(cmd), "{out}");
    }
}

#[test]
fn organizations_invites_and_roles() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("n.db").display());
    let (code, out, err) = run(nastavnik(&db).arg("migrate"));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("migrations applied"));
    assert!(dir.path().join("n.db").exists(), "the database is created by itself");

    let (code, out, _) = run(nastavnik(&db).args(["org", "add", "--name", "МБОУ СОШ № 1", "--kind", "school", "--tz", "Asia/Irkutsk"]));
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "1");
    let (code, _, err) = run(nastavnik(&db).args(["org", "add", "--name", "X", "--kind", "school", "--tz", "Mars/Base"]));
    assert_eq!(code, 1);
    assert!(err.contains("time zone"));
    let (code, _, err) = run(nastavnik(&db).args(["org", "add", "--name", "X", "--kind", "university"]));
    assert_ne!(code, 0);
    assert!(err.contains("school"), "{err}");
    let (_, out, _) = run(nastavnik(&db).args(["org", "list"]));
    assert_eq!(out.trim(), "1\tschool\tAsia/Irkutsk\tМБОУ СОШ № 1");

    let (code, out, _) = run(nastavnik(&db).env("BOT_USERNAME", "district_bot").args(["invite", "--role", "mentee", "--org", "1", "--uses", "30"]));
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1], format!("https://t.me/district_bot?start={}", lines[0]));
    let (code, _, err) = run(nastavnik(&db).args(["invite", "--role", "curator"]));
    assert_eq!(code, 1);
    assert!(err.contains("--org"));
    let (code, _, err) = run(nastavnik(&db).args(["invite", "--role", "mentor", "--org", "77"]));
    assert_eq!(code, 1);
    assert!(err.contains("no organization"));

    let (code, out, _) = run(nastavnik(&db).args(["grant", "--telegram-id", "12345", "--role", "curator", "--org", "1"]));
    assert_eq!((code, out.trim()), (0, "granted"));
    let (_, out, _) = run(nastavnik(&db).args(["grant", "--telegram-id", "12345", "--role", "curator", "--org", "1"]));
    assert_eq!(out.trim(), "already held");
    let (code, _, err) = run(nastavnik(&db).args(["grant", "--telegram-id", "12345", "--role", "mentor"]));
    assert_eq!(code, 1);
    assert!(err.contains("--org"));
    let (code, out, _) = run(nastavnik(&db).args(["revoke", "--telegram-id", "12345", "--role", "curator"]));
    assert_eq!((code, out.trim()), (0, "revoked 1"));
}
