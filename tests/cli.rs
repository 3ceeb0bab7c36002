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
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn missing_token_is_one_clear_line_and_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("n.db").display());
    let (code, _, err) = run(nastavnik(&db).arg("run"));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("@BotFather") && err.contains("TELOXIDE_TOKEN"),
        "{err}"
    );
    assert_eq!(
        err.trim().lines().count(),
        1,
        "one line, no panic trace: {err}"
    );
    // the same without a subcommand
    let (code, _, _) = run(&mut nastavnik(&db));
    assert_eq!(code, 2);
}

#[test]
fn help_lists_the_commands() {
    let (code, out, _) = run(nastavnik("sqlite::memory:").arg("--help"));
    assert_eq!(code, 0);
    for cmd in [
        "run", "migrate", "backup", "org", "invite", "grant", "revoke", "tick", "calendar",
    ] {
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
    assert!(
        dir.path().join("n.db").exists(),
        "the database is created by itself"
    );

    let (code, out, _) = run(nastavnik(&db).args([
        "org",
        "add",
        "--name",
        "МБОУ СОШ № 1",
        "--kind",
        "school",
        "--tz",
        "Asia/Irkutsk",
    ]));
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "1");
    let (code, _, err) = run(nastavnik(&db).args([
        "org",
        "add",
        "--name",
        "X",
        "--kind",
        "school",
        "--tz",
        "Mars/Base",
    ]));
    assert_eq!(code, 1);
    assert!(err.contains("time zone"));
    let (code, _, err) =
        run(nastavnik(&db).args(["org", "add", "--name", "X", "--kind", "university"]));
    assert_ne!(code, 0);
    assert!(err.contains("school"), "{err}");
    let (_, out, _) = run(nastavnik(&db).args(["org", "list"]));
    assert_eq!(out.trim(), "1\tschool\tAsia/Irkutsk\tМБОУ СОШ № 1");

    let (code, out, _) = run(nastavnik(&db)
        .env("BOT_USERNAME", "district_bot")
        .args(["invite", "--role", "mentee", "--org", "1", "--uses", "30"]));
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[1],
        format!("https://t.me/district_bot?start={}", lines[0])
    );
    let (code, _, err) = run(nastavnik(&db).args(["invite", "--role", "curator"]));
    assert_eq!(code, 1);
    assert!(err.contains("--org"));
    let (code, _, err) = run(nastavnik(&db).args(["invite", "--role", "mentor", "--org", "77"]));
    assert_eq!(code, 1);
    assert!(err.contains("no organization"));

    let (code, out, _) = run(nastavnik(&db).args([
        "grant",
        "--telegram-id",
        "12345",
        "--role",
        "curator",
        "--org",
        "1",
    ]));
    assert_eq!((code, out.lines().next()), (0, Some("granted")));
    // Telegram refuses a bot's first message (403): the person must open the bot once
    assert!(
        out.contains("has not opened the bot yet") && out.contains("press Start"),
        "{out}"
    );
    let (_, out, _) = run(nastavnik(&db).args([
        "grant",
        "--telegram-id",
        "12345",
        "--role",
        "curator",
        "--org",
        "1",
    ]));
    assert_eq!(out.lines().next(), Some("already held"));
    let (code, _, err) =
        run(nastavnik(&db).args(["grant", "--telegram-id", "12345", "--role", "mentor"]));
    assert_eq!(code, 1);
    assert!(err.contains("--org"));
    let (code, out, _) =
        run(nastavnik(&db).args(["revoke", "--telegram-id", "12345", "--role", "curator"]));
    assert_eq!((code, out.trim()), (0, "revoked 1"));
}

#[test]
fn reports_surveys_and_targets() {
    use calamine::{Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("n.db").display());
    let (code, out, err) =
        run(nastavnik(&db).args(["org", "add", "--name", "МБОУ СОШ № 7", "--kind", "school"]));
    assert_eq!(code, 0, "{err}");
    let org = out.trim().to_string();

    // XLSX for one school, CSV for the district
    let xlsx = dir.path().join("school.xlsx");
    let (code, _, err) = run(nastavnik(&db)
        .args([
            "report",
            "--org",
            &org,
            "--format",
            "xlsx",
            "--as-of",
            "2026-11-30",
            "--out",
        ])
        .arg(&xlsx));
    assert_eq!(code, 0, "{err}");
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(std::fs::read(&xlsx).unwrap())).unwrap();
    assert_eq!(wb.sheet_names()[0], "Показатели");
    let title = wb
        .worksheet_range("Показатели")
        .unwrap()
        .get_value((0, 0))
        .unwrap()
        .to_string();
    assert_eq!(
        title,
        "Мониторинг программ наставничества: МБОУ СОШ № 7, на 30.11.2026"
    );
    let (code, out, err) = run(nastavnik(&db)
        .args(["report", "--district", "--format", "csv", "--out"])
        .arg(dir.path().join("d.csv")));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 7, "{out}");
    assert!(
        out.contains("d-kinds.csv"),
        "every indicator by kind of organization: {out}"
    );
    let pairs = std::fs::read_to_string(dir.path().join("d-pairs.csv")).unwrap();
    assert!(pairs.starts_with("\u{feff}№ пары;Организация"), "{pairs}");
    let (code, _, err) = run(nastavnik(&db).args(["report", "--org", "999", "--out", "x.xlsx"]));
    assert_eq!(code, 1);
    assert!(err.contains("no organization"), "{err}");
    let (code, _, _) = run(nastavnik(&db).args(["report", "--out", "x.xlsx"]));
    assert_eq!(code, 2, "--org or --district is required");

    // surveys: export, reword, import
    let toml_path = dir.path().join("surveys.toml");
    let (code, _, err) = run(nastavnik(&db)
        .args(["survey", "export", "--out"])
        .arg(&toml_path));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&toml_path).unwrap();
    assert!(
        text.contains("code = \"mentee_entry\"") && text.contains("kind = \"scale0_10\""),
        "{text}"
    );
    let changed = text.replacen(
        "id = \"motivation\"\nkind = \"scale1_5\"",
        "id = \"motivation\"\nkind = \"scale1_5\"\nru = \"Хочется ли вам развиваться?\"",
        1,
    );
    assert_ne!(changed, text);
    std::fs::write(&toml_path, changed).unwrap();
    let (code, out, err) = run(nastavnik(&db).args(["survey", "import"]).arg(&toml_path));
    assert_eq!(code, 0, "{err}");
    // entry and exit for mentees, entry and exit for mentors
    assert!(out.contains("imported 4"), "{out}");
    let (_, _, _) = run(nastavnik(&db)
        .args(["survey", "export", "--out"])
        .arg(&toml_path));
    assert!(std::fs::read_to_string(&toml_path)
        .unwrap()
        .contains("Хочется ли вам развиваться?"));
    std::fs::write(&toml_path, "[[survey]]\ncode = \"x\"\nrespondent = \"mentee\"\nstage = \"entry\"\n[[survey.question]]\nid = \"q\"\nkind = \"stars\"\n").unwrap();
    let (code, _, err) = run(nastavnik(&db).args(["survey", "import"]).arg(&toml_path));
    assert_eq!(code, 1, "a bad file changes nothing: {err}");

    // targets
    let (code, out, _) =
        run(nastavnik(&db).args(["target", "set", "--code", "completion", "--value", "75"]));
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "completion\t75");
    let (_, out, _) = run(nastavnik(&db).args(["target", "list"]));
    assert!(out.lines().any(|l| l == "completion\t>=\t75"), "{out}");
    assert!(out.lines().any(|l| l == "orgs_ready\t>=\t85"), "{out}");
    let (code, _, err) =
        run(nastavnik(&db).args(["target", "set", "--code", "nonsense", "--value", "1"]));
    assert_eq!(code, 1);
    assert!(err.contains("unknown indicator"), "{err}");
}

#[test]
fn a_likely_twin_needs_force_and_organizations_are_renamed_merged_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("n.db").display());
    let add = |name: &str, extra: &[&str]| {
        run(nastavnik(&db)
            .args(["org", "add", "--name", name, "--kind", "school"])
            .args(extra))
    };
    let (code, out, err) = add("МБОУ СОШ № 5", &[]);
    assert_eq!((code, out.trim()), (0, "1"), "{err}");
    // the same school typed differently is refused, and nothing is created
    let (code, out, err) = add("мбоу «СОШ N5»", &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("organization 1 «МБОУ СОШ № 5»") && err.contains("--force"),
        "{err}"
    );
    let (_, list, _) = run(nastavnik(&db).args(["org", "list"]));
    assert_eq!(list.lines().count(), 1, "{list}");
    // --force creates the twin anyway (with a warning)
    let (code, out, err) = add("мбоу «СОШ N5»", &["--force"]);
    assert_eq!((code, out.trim()), (0, "2"), "{err}");
    assert!(err.contains("warning"), "{err}");
    let (code, out, _) = add("МБОУ СОШ № 15", &[]);
    assert_eq!(
        (code, out.trim()),
        (0, "3"),
        "a different number is a different school"
    );

    // people in the twin: a curator and a mentor
    for (tg, role) in [("501", "curator"), ("502", "mentor")] {
        let (code, _, err) =
            run(nastavnik(&db).args(["grant", "--telegram-id", tg, "--role", role, "--org", "2"]));
        assert_eq!(code, 0, "{err}");
    }
    // the twin cannot be removed while someone is in it
    let (code, _, err) = run(nastavnik(&db).args(["org", "remove", "2"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("not empty") && err.contains("org merge"),
        "{err}"
    );

    // rename: to another school's name needs --force; a bad time zone changes nothing
    let (code, _, err) = run(nastavnik(&db).args(["org", "rename", "3", "--name", "МБОУ СОШ №5"]));
    assert_eq!(code, 1, "{err}");
    let (code, out, err) =
        run(nastavnik(&db).args(["org", "rename", "3", "--name", "МАОУ Лицей № 15"]));
    assert_eq!((code, out.trim()), (0, "renamed"), "{err}");
    let (code, out, err) = run(nastavnik(&db).args([
        "org",
        "set",
        "3",
        "--kind",
        "college",
        "--tz",
        "Asia/Yekaterinburg",
    ]));
    assert_eq!(
        (code, out.trim()),
        (0, "3\tcollege\tAsia/Yekaterinburg\tМАОУ Лицей № 15"),
        "{err}"
    );
    let (code, _, err) = run(nastavnik(&db).args(["org", "set", "3", "--tz", "Ural/Somewhere"]));
    assert_eq!(code, 1);
    assert!(err.contains("time zone"), "{err}");
    let (code, _, _) = run(nastavnik(&db).args(["org", "rename", "99", "--name", "X"]));
    assert_eq!(code, 1);

    // merge the twin into the real school: its people move, the twin is gone
    let (code, out, err) = run(nastavnik(&db).args(["org", "merge", "2", "--into", "1"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("merged 2 into 1: 0 people, 2 roles"),
        "{out}"
    );
    let (_, list, _) = run(nastavnik(&db).args(["org", "list"]));
    let ids: Vec<&str> = list
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(ids, vec!["3", "1"], "{list}");
    // the curator now holds the role in school 1
    let (code, out, _) = run(nastavnik(&db).args([
        "revoke",
        "--telegram-id",
        "501",
        "--role",
        "curator",
        "--org",
        "1",
    ]));
    assert_eq!((code, out.trim()), (0, "revoked 1"));
    let (code, _, err) = run(nastavnik(&db).args(["org", "merge", "1", "--into", "1"]));
    assert_eq!(code, 1);
    assert!(err.contains("itself"), "{err}");

    // an empty organization is removed
    let (code, out, err) = run(nastavnik(&db).args(["org", "remove", "3"]));
    assert_eq!((code, out.trim()), (0, "removed"), "{err}");
    let (code, _, _) = run(nastavnik(&db).args(["org", "remove", "3"]));
    assert_eq!(code, 1);
}

#[test]
fn a_district_report_carries_the_district_name() {
    use calamine::{Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("n.db").display());
    let (code, _, err) =
        run(nastavnik(&db).args(["org", "add", "--name", "МБОУ СОШ № 1", "--kind", "school"]));
    assert_eq!(code, 0, "{err}");
    let xlsx = dir.path().join("district.xlsx");
    let (code, _, err) = run(nastavnik(&db)
        .env("DISTRICT_NAME", "Сысертский городской округ")
        .env("DISTRICT_TZ", "Asia/Yekaterinburg")
        .args(["report", "--district", "--as-of", "2026-11-30", "--out"])
        .arg(&xlsx));
    assert_eq!(code, 0, "{err}");
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(std::fs::read(&xlsx).unwrap())).unwrap();
    let title = wb
        .worksheet_range("Показатели")
        .unwrap()
        .get_value((0, 0))
        .unwrap()
        .to_string();
    assert_eq!(
        title,
        "Мониторинг программ наставничества: Сысертский городской округ, на 30.11.2026"
    );
    let (code, _, err) = run(nastavnik(&db)
        .env("DISTRICT_TZ", "Урал")
        .args(["org", "list"]));
    assert_eq!(code, 2);
    assert!(err.contains("DISTRICT_TZ"), "{err}");
}

fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Runs the binary off the async runtime (a test may serve the fake Bot API meanwhile).
async fn run_async(mut c: Command) -> (i32, String, String) {
    tokio::task::spawn_blocking(move || run(&mut c))
        .await
        .unwrap()
}

/// Waits until this process has no file of the database `db` (nor its -wal or -shm) open.
async fn closed_in_this_process(db: &std::path::Path) {
    let open = || {
        std::fs::read_dir("/proc/self/fd").is_ok_and(|fds| {
            fds.flatten().any(|fd| {
                std::fs::read_link(fd.path())
                    .is_ok_and(|t| t.to_string_lossy().starts_with(&*db.to_string_lossy()))
            })
        })
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while open() {
        assert!(
            std::time::Instant::now() < deadline,
            "{} is still open in this process a minute after its pool was closed",
            db.display()
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backups_are_consistent_private_rotated_and_restored_after_a_check() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("n.db");
    let db = format!("sqlite://{}", db_path.display());
    let (code, _, err) =
        run(nastavnik(&db).args(["org", "add", "--name", "МБОУ СОШ № 1", "--kind", "school"]));
    assert_eq!(code, 0, "{err}");

    // a copy while another process keeps writing (as the running bot would). A process, not a
    // pool of this test: with the other tests of this file running beside it on a loaded
    // machine, sqlx now and then left a connection of such a pool open after `close` (seen in
    // /proc/self/fd a minute later), and the restore below then rightly found the database in use
    let writer = {
        let db = db.clone();
        std::thread::spawn(move || {
            for i in 0..30 {
                let name = format!("Школа {i}");
                let (code, _, err) =
                    run(nastavnik(&db).args(["org", "add", "--name", &name, "--kind", "school"]));
                assert_eq!(code, 0, "{err}");
            }
        })
    };
    let backups = dir.path().join("copies");
    let mut made = Vec::new();
    for _ in 0..3 {
        let mut c = nastavnik(&db);
        c.args(["backup", "--keep", "2", "--to"]).arg(&backups);
        let (code, out, err) = run_async(c).await;
        assert_eq!(code, 0, "{err}");
        made.push(out.lines().next().unwrap().to_string());
    }
    writer.join().unwrap();
    let files: Vec<_> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 2, "--keep 2 leaves the two newest: {files:?}");
    assert!(
        !std::path::Path::new(&made[0]).exists(),
        "the oldest copy was removed"
    );
    for f in &files {
        assert_eq!(mode(f), 0o600, "a copy holds personal data: {f:?}");
        let copy = nastavnik::db::connect(&format!("sqlite://{}", f.display()))
            .await
            .unwrap();
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&copy)
            .await
            .unwrap();
        assert_eq!(check, "ok");
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organizations")
            .fetch_one(&copy)
            .await
            .unwrap();
        assert!((1..=31).contains(&n), "{n}");
        copy.close().await;
    }
    // the default folder is `backups` next to the database
    let (code, out, err) = run(nastavnik(&db).arg("backup"));
    assert_eq!(code, 0, "{err}");
    let latest = std::path::PathBuf::from(out.lines().next().unwrap());
    assert_eq!(latest.parent().unwrap(), dir.path().join("backups"));
    assert_eq!(mode(dir.path().join("backups").as_path()), 0o700);
    let (code, _, _) = run(nastavnik(&db).args(["backup", "--keep", "0"]));
    assert_eq!(code, 2);

    // after the copy: one more school, then a restore brings back the copy's state
    let (_, before, _) = run(nastavnik(&db).args(["org", "list"]));
    let (code, _, _) =
        run(nastavnik(&db).args(["org", "add", "--name", "Лицей № 9", "--kind", "school"]));
    assert_eq!(code, 0);
    // a file that is not a database, or not ours, is refused and nothing changes
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all, just text").unwrap();
    let (code, _, err) = run(nastavnik(&db).arg("restore").arg(&junk));
    assert_eq!(code, 1);
    assert!(err.contains("nothing was replaced"), "{err}");
    let foreign = dir.path().join("foreign.db");
    let other = nastavnik::db::connect(&format!("sqlite://{}", foreign.display()))
        .await
        .unwrap();
    sqlx::query("DROP TABLE _sqlx_migrations")
        .execute(&other)
        .await
        .unwrap();
    other.close().await;
    let (code, _, err) = run(nastavnik(&db).arg("restore").arg(&foreign));
    assert_eq!(code, 1);
    assert!(
        err.contains("not a Nastavnik database") && err.contains("nothing was replaced"),
        "{err}"
    );
    let (_, list, _) = run(nastavnik(&db).args(["org", "list"]));
    assert!(list.contains("Лицей № 9"), "{list}");

    // not while the bot (here: an open pool) has the database open
    let running = nastavnik::db::connect(&db).await.unwrap();
    let mut c = nastavnik(&db);
    c.arg("restore").arg(&latest);
    let (code, _, err) = run_async(c).await;
    assert_eq!(code, 1);
    assert!(
        err.contains("is in use") && err.contains("nothing was replaced"),
        "{err}"
    );
    let (_, list, _) = run(nastavnik(&db).args(["org", "list"]));
    assert!(list.contains("Лицей № 9"), "{list}");
    running.close().await;
    // the bot has stopped only once its files are closed: sqlx closes a pool's connections on
    // their own threads, which a loaded machine may run seconds later (restore saw them open)
    closed_in_this_process(&db_path).await;

    let (code, out, err) = run(nastavnik(&db).arg("restore").arg(&latest));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("the previous database is kept as"), "{out}");
    let (_, after, _) = run(nastavnik(&db).args(["org", "list"]));
    assert_eq!(after, before, "the database is the copy again");
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("n.db.before-restore-"))
        .collect();
    assert!(!kept.is_empty(), "the replaced database is kept");
}

#[test]
fn stats_prints_the_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("n.db").display());
    let (code, _, _) =
        run(nastavnik(&db).args(["org", "add", "--name", "МБОУ СОШ № 1", "--kind", "school"]));
    assert_eq!(code, 0);
    let (code, out, err) = run(nastavnik(&db).arg("stats"));
    assert_eq!(code, 0, "{err}");
    let value = |k: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix(&format!("{k}\t")))
            .unwrap_or_else(|| panic!("no {k}: {out}"))
            .to_string()
    };
    assert_eq!(value("people"), "0");
    assert_eq!(value("organizations"), "1");
    assert_eq!(value("pairs_active"), "0");
    assert_eq!(value("sent_today"), "0");
    assert_eq!(value("backlog"), "0\toutbox 0, reminders 0");
    assert_eq!(value("last_reminder_pass"), "never");
    let size: i64 = value("database_bytes")
        .split('\t')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(size > 0, "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_names_each_problem_and_passes_when_all_is_fixed() {
    use nastavnik::domain::Role;
    use nastavnik::repo::users;
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("n.db");
    let db = format!("sqlite://{}", db_path.display());
    let api = nastavnik::emulator::FakeBotApi::start().await;
    let doctor = |extra: &[(&str, &str)]| {
        let mut c = nastavnik(&db);
        c.env("TELOXIDE_TOKEN", nastavnik::emulator::TOKEN)
            .env("TELOXIDE_API_URL", api.url().as_str())
            .arg("doctor");
        for (k, v) in extra {
            c.env(k, v);
        }
        run_async(c)
    };

    // no database yet
    let (code, out, _) = doctor(&[]).await;
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("ok      token: the bot is @")
            && out.contains("no database at")
            && out.contains("nastavnik migrate"),
        "{out}"
    );

    let (code, _, _) =
        run(nastavnik(&db).args(["org", "add", "--name", "МБОУ СОШ № 1", "--kind", "school"]));
    assert_eq!(code, 0);
    let (code, _, _) =
        run(nastavnik(&db).args(["grant", "--telegram-id", "77", "--role", "coordinator"]));
    assert_eq!(code, 0);
    std::fs::set_permissions(
        &db_path,
        std::os::unix::fs::PermissionsExt::from_mode(0o644),
    )
    .unwrap();
    let (code, out, err) = doctor(&[]).await;
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("3 problem(s)"), "{out}\n{err}");
    assert!(
        out.contains("readable by others (mode 644)")
            && out.contains(&format!("chmod 600 {}", db_path.display())),
        "{out}"
    );
    assert!(out.contains("ok      migrations: all"), "{out}");
    assert!(
        out.contains("without a curator: 1 «МБОУ СОШ № 1»")
            && out.contains("invite --role curator --org ID"),
        "{out}"
    );
    assert!(
        out.contains("telegram id 77, coordinator): has never started the bot"),
        "{out}"
    );
    assert!(out.contains("ok      updates: long polling"), "{out}");

    // fixed: the mode, a curator who started the bot, the coordinator granted by mistake revoked
    std::fs::set_permissions(
        &db_path,
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )
    .unwrap();
    let pool = nastavnik::db::connect(&db).await.unwrap();
    let now = chrono::Utc::now();
    let curator = users::ensure(&pool, 55, now).await.unwrap();
    users::give_consent(&pool, curator.id, now).await.unwrap();
    users::grant_role(&pool, curator.id, Role::Curator, Some(1), now)
        .await
        .unwrap();
    pool.close().await;
    let (code, _, _) =
        run(nastavnik(&db).args(["revoke", "--telegram-id", "77", "--role", "coordinator"]));
    assert_eq!(code, 0);
    let (code, out, err) = doctor(&[]).await;
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.trim_end().ends_with("no problems found"), "{out}");

    // a blocked curator is a problem again; a webhook left set is a warning only
    let pool = nastavnik::db::connect(&db).await.unwrap();
    users::mark_unreachable(&pool, 55, now).await.unwrap();
    pool.close().await;
    let (code, out, _) = doctor(&[]).await;
    assert_eq!(code, 1);
    assert!(out.contains("Telegram refused messages"), "{out}");
    let pool = nastavnik::db::connect(&db).await.unwrap();
    sqlx::query("UPDATE users SET unreachable_at = NULL")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let http = teloxide::net::default_reqwest_settings().build().unwrap();
    let set = format!("{}bot{}/setWebhook", api.url(), nastavnik::emulator::TOKEN);
    let body = serde_json::json!({"url": "https://bot.example.ru/tg/hook"}).to_string();
    http.post(set)
        .header("Content-Type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let (code, out, _) = doctor(&[]).await;
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "warning a webhook is set (https://bot.example.ru/tg/hook) but WEBHOOK_URL is empty"
        ),
        "{out}"
    );
    let (code, out, _) = doctor(&[("WEBHOOK_URL", "https://bot.example.ru/tg/hook")]).await;
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("ok      updates: webhook https://bot.example.ru/tg/hook"),
        "{out}"
    );

    // no token; Telegram out of reach
    let mut c = nastavnik(&db);
    c.arg("doctor");
    let (code, out, _) = run_async(c).await;
    assert_eq!(code, 1);
    assert!(out.contains("TELOXIDE_TOKEN is not set"), "{out}");
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let (code, out, _) = doctor(&[("TELOXIDE_API_URL", &format!("http://{closed}/"))]).await;
    assert_eq!(code, 1);
    assert!(out.contains("cannot reach Telegram"), "{out}");
    api.shutdown();
}

/// `migrate` under the usual umask 022 creates the database 0600 (SQLite alone would make it
/// 0644), its -wal and -shm too; `backup` writes a private, complete copy.
#[cfg(unix)]
#[test]
fn database_and_backup_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.db");
    let db = format!("sqlite://{}", path.display());
    let under_umask = |args: &str| {
        let exe = env!("CARGO_BIN_EXE_nastavnik");
        let mut sh = Command::new("sh");
        sh.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATABASE_URL", &db)
            .env("RUST_LOG", "error")
            .arg("-c")
            .arg(format!("umask 022 && exec '{exe}' {args}"));
        run(&mut sh)
    };
    let (code, _, err) = under_umask("migrate");
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&path), 0o600, "the database after migrate");
    let (code, _, err) = under_umask("org add --name 'МБОУ СОШ № 5' --kind school");
    assert_eq!(code, 0, "{err}");
    for suffix in ["-wal", "-shm"] {
        let side = dir.path().join(format!("n.db{suffix}"));
        if side.exists() {
            assert_eq!(mode(&side), 0o600, "n.db{suffix}");
        }
    }
    let copies = dir.path().join("copies");
    let (code, out, err) = under_umask(&format!("backup --to '{}' --keep 2", copies.display()));
    assert_eq!(code, 0, "{err}");
    let copy = std::fs::read_dir(&copies)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "db"))
        .expect("a copy");
    assert!(
        out.contains(&copy.file_name().unwrap().to_string_lossy().to_string()),
        "{out}"
    );
    assert_eq!(mode(&copy), 0o600, "the backup");
    // the copy is a complete database
    let (code, out, _) =
        run(nastavnik(&format!("sqlite://{}", copy.display())).args(["org", "list"]));
    assert_eq!(code, 0);
    assert!(out.contains("МБОУ СОШ № 5"), "{out}");
}

/// `org facts`: an organization states its facts for the school year; values not given keep
/// what was stated; wrong values are refused with a clear line.
#[test]
fn organization_facts() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("n.db").display());
    let (code, _, err) =
        run(nastavnik(&db).args(["org", "add", "--name", "МБОУ СОШ № 1", "--kind", "school"]));
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = run(nastavnik(&db).args(["org", "facts", "--org", "1"]));
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "1\tno facts stated");
    let (code, out, err) = run(nastavnik(&db).args([
        "org",
        "facts",
        "--org",
        "1",
        "--year",
        "2026",
        "--teachers",
        "40",
        "--young",
        "6",
        "--new-heads",
        "1",
        "--regulation-date",
        "2025-08-30",
    ]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        "1\t2026/2027\tteachers 40\tyoung 6\tnew heads 1\tregulation 2025-08-30"
    );
    // a restatement of one value keeps the others
    let (code, out, _) = run(nastavnik(&db).args([
        "org",
        "facts",
        "--org",
        "1",
        "--year",
        "2026",
        "--teachers",
        "42",
    ]));
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        "1\t2026/2027\tteachers 42\tyoung 6\tnew heads 1\tregulation 2025-08-30"
    );
    let (code, out, _) = run(nastavnik(&db).args([
        "org",
        "facts",
        "--org",
        "1",
        "--year",
        "2027",
        "--no-regulation",
    ]));
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        "1\t2027/2028\tteachers -\tyoung -\tnew heads -\tno regulation",
        "a new school year starts afresh"
    );
    // refused: more young teachers than teachers, a regulation from the future, an unknown school
    let (code, _, err) = run(nastavnik(&db).args([
        "org", "facts", "--org", "1", "--year", "2026", "--young", "50",
    ]));
    assert_eq!((code, err.trim()), (1, "--young cannot exceed --teachers"));
    let (code, _, err) = run(nastavnik(&db).args([
        "org",
        "facts",
        "--org",
        "1",
        "--regulation-date",
        "2999-01-01",
    ]));
    assert_eq!(
        (code, err.trim()),
        (1, "--regulation-date cannot be in the future")
    );
    let (code, _, err) =
        run(nastavnik(&db).args(["org", "facts", "--org", "9", "--teachers", "1"]));
    assert_eq!(code, 1);
    assert!(err.contains("no organization with id 9"), "{err}");
    let (code, _, err) = run(nastavnik(&db).args([
        "org",
        "facts",
        "--org",
        "1",
        "--regulation-date",
        "2025-08-30",
        "--no-regulation",
    ]));
    assert_ne!(code, 0, "{err}");
}

/// `event`: the coordinator records the district's held events with the organizations that
/// took part; wrong input is refused with a clear line and records nothing.
#[test]
fn held_events() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("n.db").display());
    for name in ["МБОУ СОШ № 1", "МБОУ СОШ № 2"] {
        let (code, _, err) =
            run(nastavnik(&db).args(["org", "add", "--name", name, "--kind", "school"]));
        assert_eq!(code, 0, "{err}");
    }
    let (code, out, err) = run(nastavnik(&db).args([
        "event",
        "add",
        "--title",
        "Семинар наставников",
        "--date",
        "2026-10-15",
        "--orgs",
        "1,2",
    ]));
    assert_eq!(code, 0, "{err}");
    let id = out.trim().to_string();
    let (code, out, _) = run(nastavnik(&db).args(["event", "list", "--year", "2026"]));
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        format!("{id}\t2026-10-15\t1,2\tСеминар наставников")
    );
    // refused: an unknown organization, a future date, an empty title
    for (date, orgs, title, says) in [
        ("2026-10-16", "9", "Х", "no organization with id 9"),
        ("2999-01-01", "1", "Х", "cannot be in the future"),
        ("2026-10-16", "1", " ", "--title must not be empty"),
    ] {
        let (code, _, err) = run(nastavnik(&db).args([
            "event", "add", "--title", title, "--date", date, "--orgs", orgs,
        ]));
        assert_eq!(code, 1);
        assert!(err.contains(says), "{err}");
    }
    let (_, out, _) = run(nastavnik(&db).args(["event", "list", "--year", "2026"]));
    assert_eq!(
        out.trim().lines().count(),
        1,
        "nothing else recorded: {out}"
    );
    let (code, out, _) = run(nastavnik(&db).args(["event", "remove", &id]));
    assert_eq!((code, out.trim()), (0, "removed"));
    let (code, _, err) = run(nastavnik(&db).args(["event", "remove", &id]));
    assert_eq!(code, 1);
    assert!(err.contains("no held event"), "{err}");
}
