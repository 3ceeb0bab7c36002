//! The command line: configuration errors, organizations, invitations, roles, monitoring.

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
    assert_eq!((code, out.lines().next()), (0, Some("granted")));
    // Telegram refuses a bot's first message (403): the person must open the bot once
    assert!(out.contains("has not opened the bot yet") && out.contains("press Start"), "{out}");
    let (_, out, _) = run(nastavnik(&db).args(["grant", "--telegram-id", "12345", "--role", "curator", "--org", "1"]));
    assert_eq!(out.lines().next(), Some("already held"));
    let (code, _, err) = run(nastavnik(&db).args(["grant", "--telegram-id", "12345", "--role", "mentor"]));
    assert_eq!(code, 1);
    assert!(err.contains("--org"));
    let (code, out, _) = run(nastavnik(&db).args(["revoke", "--telegram-id", "12345", "--role", "curator"]));
    assert_eq!((code, out.trim()), (0, "revoked 1"));
}

#[test]
fn reports_surveys_and_targets() {
    use calamine::{Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("n.db").display());
    let (code, out, err) = run(nastavnik(&db).args(["org", "add", "--name", "МБОУ СОШ № 7", "--kind", "school"]));
    assert_eq!(code, 0, "{err}");
    let org = out.trim().to_string();

    // XLSX for one school, CSV for the district
    let xlsx = dir.path().join("school.xlsx");
    let (code, _, err) = run(nastavnik(&db).args(["report", "--org", &org, "--format", "xlsx", "--as-of", "2026-11-30", "--out"]).arg(&xlsx));
    assert_eq!(code, 0, "{err}");
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(std::fs::read(&xlsx).unwrap())).unwrap();
    assert_eq!(wb.sheet_names()[0], "Показатели");
    let title = wb.worksheet_range("Показатели").unwrap().get_value((0, 0)).unwrap().to_string();
    assert_eq!(title, "Мониторинг программ наставничества: МБОУ СОШ № 7, на 30.11.2026");
    let (code, out, err) = run(nastavnik(&db).args(["report", "--district", "--format", "csv", "--out"]).arg(dir.path().join("d.csv")));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 6, "{out}");
    let pairs = std::fs::read_to_string(dir.path().join("d-pairs.csv")).unwrap();
    assert!(pairs.starts_with("\u{feff}№ пары;Организация"), "{pairs}");
    let (code, _, err) = run(nastavnik(&db).args(["report", "--org", "999", "--out", "x.xlsx"]));
    assert_eq!(code, 1);
    assert!(err.contains("no organization"), "{err}");
    let (code, _, _) = run(nastavnik(&db).args(["report", "--out", "x.xlsx"]));
    assert_eq!(code, 2, "--org or --district is required");

    // surveys: export, reword, import
    let toml_path = dir.path().join("surveys.toml");
    let (code, _, err) = run(nastavnik(&db).args(["survey", "export", "--out"]).arg(&toml_path));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&toml_path).unwrap();
    assert!(text.contains("code = \"mentee_entry\"") && text.contains("kind = \"scale0_10\""), "{text}");
    let changed = text.replacen("id = \"motivation\"\nkind = \"scale1_5\"", "id = \"motivation\"\nkind = \"scale1_5\"\nru = \"Хочется ли вам развиваться?\"", 1);
    assert_ne!(changed, text);
    std::fs::write(&toml_path, changed).unwrap();
    let (code, out, err) = run(nastavnik(&db).args(["survey", "import"]).arg(&toml_path));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("imported 3"), "{out}");
    let (_, _, _) = run(nastavnik(&db).args(["survey", "export", "--out"]).arg(&toml_path));
    assert!(std::fs::read_to_string(&toml_path).unwrap().contains("Хочется ли вам развиваться?"));
    std::fs::write(&toml_path, "[[survey]]\ncode = \"x\"\nrespondent = \"mentee\"\nstage = \"entry\"\n[[survey.question]]\nid = \"q\"\nkind = \"stars\"\n").unwrap();
    let (code, _, err) = run(nastavnik(&db).args(["survey", "import"]).arg(&toml_path));
    assert_eq!(code, 1, "a bad file changes nothing: {err}");

    // targets
    let (code, out, _) = run(nastavnik(&db).args(["target", "set", "--code", "completion", "--value", "75"]));
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "completion\t75");
    let (_, out, _) = run(nastavnik(&db).args(["target", "list"]));
    assert!(out.lines().any(|l| l == "completion\t>=\t75"), "{out}");
    assert!(out.lines().any(|l| l == "orgs_ready\t>=\t85"), "{out}");
    let (code, _, err) = run(nastavnik(&db).args(["target", "set", "--code", "nonsense", "--value", "1"]));
    assert_eq!(code, 1);
    assert!(err.contains("unknown indicator"), "{err}");
}
