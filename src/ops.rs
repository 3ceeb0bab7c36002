//! Operating the bot from the command line: `backup`, `restore`, `doctor`, `stats`.
//! Output is plain text for a terminal or a cron mail; failures exit non-zero.

use crate::cli::Failure;
use crate::config::Config;
use crate::db;
use crate::repo::{ops, Pool};
use chrono::{DateTime, TimeZone, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use std::fs;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::str::FromStr;

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// Folder for the copies (default: `backups` next to the database)
    #[arg(long, value_name = "DIR")]
    pub to: Option<PathBuf>,
    /// How many copies to keep; older ones are deleted
    #[arg(long, default_value_t = 14, value_name = "N")]
    pub keep: usize,
}

/// The database file of a `sqlite://` url (`None` for an in-memory database).
pub fn db_file(url: &str) -> Result<Option<PathBuf>, Failure> {
    if url.contains(":memory:") || url.contains("mode=memory") {
        return Ok(None);
    }
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| Failure(format!("DATABASE_URL '{url}': {e}"), 2))?;
    Ok(Some(options.get_filename().to_path_buf()))
}

fn file_database(config: &Config) -> Result<PathBuf, Failure> {
    db_file(&config.database_url)?.ok_or_else(|| {
        Failure(
            "DATABASE_URL is an in-memory database: there is no file to back up or restore".into(),
            2,
        )
    })
}

/// Creates an empty file readable and writable by its owner only (0600); fails if it exists.
fn create_private(path: &Path) -> std::io::Result<fs::File> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// `<stem>-YYYYMMDD-HHMMSS.db`: sorts by time, recognised by the rotation.
fn backup_name(stem: &str, at: DateTime<Utc>) -> String {
    format!("{stem}-{}.db", at.format("%Y%m%d-%H%M%S"))
}

/// The time stamp and sequence number of a backup of `stem` made by [`backup_name`] (a second
/// copy within the same second gets `-2`, …); `None` for any other file.
fn backup_key(name: &str, stem: &str) -> Option<(String, u32)> {
    let rest = name
        .strip_prefix(stem)?
        .strip_prefix('-')?
        .strip_suffix(".db")?;
    let stamp = rest.get(..15)?;
    let suffix = rest.get(15..)?;
    let stamp_ok =
        stamp
            .chars()
            .enumerate()
            .all(|(i, c)| if i == 8 { c == '-' } else { c.is_ascii_digit() });
    let seq = match suffix {
        "" => 1,
        s => s
            .strip_prefix('-')
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))?
            .parse()
            .ok()?,
    };
    stamp_ok.then(|| (stamp.to_string(), seq))
}

/// Backups of `stem` in `dir`, oldest first.
fn backups_in(dir: &Path, stem: &str) -> std::io::Result<Vec<PathBuf>> {
    let mut found: Vec<((String, u32), PathBuf)> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| backup_key(n, stem))
                .map(|k| (k, e.path()))
        })
        .collect();
    found.sort();
    Ok(found.into_iter().map(|(_, p)| p).collect())
}

/// `nastavnik backup`: a consistent copy of the live database (`VACUUM INTO`, one read
/// snapshot, safe while the bot writes), checked, mode 0600, then rotation. Prints the path
/// of the new copy, then the removed old ones.
pub async fn backup(
    config: &Config,
    pool: &Pool,
    args: BackupArgs,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    if args.keep == 0 {
        return Err(Failure("--keep must be at least 1".into(), 2));
    }
    let db = file_database(config)?;
    let dir = match args.to {
        Some(d) => d,
        None => db
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
            .join("backups"),
    };
    if !dir.exists() {
        fs::create_dir_all(&dir)
            .map_err(|e| Failure(format!("cannot create {}: {e}", dir.display()), 1))?;
        // personal data: the folder is the owner's only
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o700))
            .map_err(|e| Failure(format!("{}: {e}", dir.display()), 1))?;
    }
    let stem = db
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("nastavnik")
        .to_string();
    let mut target = dir.join(backup_name(&stem, now));
    for n in 2.. {
        if !target.exists() {
            break;
        }
        target = dir.join(format!(
            "{}-{n}.db",
            backup_name(&stem, now).trim_end_matches(".db")
        ));
    }
    let partial = dir.join(format!(
        ".{}.partial",
        target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("backup")
    ));
    let _ = fs::remove_file(&partial);
    create_private(&partial)
        .map_err(|e| Failure(format!("cannot create {}: {e}", partial.display()), 1))?;
    let copied = async {
        ops::vacuum_into(pool, &partial)
            .await
            .map_err(|e| Failure(format!("backup failed: {e}"), 1))?;
        let copy = open_file(&partial, false).await?;
        let check = ops::integrity(&copy).await;
        copy.close().await;
        match check? {
            Ok(()) => {}
            Err(found) => {
                return Err(Failure(
                    format!("the copy failed its integrity check: {found}"),
                    1,
                ))
            }
        }
        fs::File::open(&partial).and_then(|f| f.sync_all())?;
        fs::set_permissions(&partial, fs::Permissions::from_mode(0o600))?;
        fs::rename(&partial, &target)?;
        sync_dir(&dir);
        Ok::<(), Failure>(())
    }
    .await;
    if let Err(e) = copied {
        let _ = fs::remove_file(&partial);
        return Err(e);
    }
    println!("{}", target.display());
    let all = backups_in(&dir, &stem).map_err(|e| Failure(format!("{}: {e}", dir.display()), 1))?;
    let excess = all.len().saturating_sub(args.keep);
    for old in all.iter().take(excess) {
        match fs::remove_file(old) {
            Ok(()) => println!("removed {}", old.display()),
            Err(e) => eprintln!(
                "warning: could not remove the old backup {}: {e}",
                old.display()
            ),
        }
    }
    Ok(())
}

/// Opens a database file as it is: no migrations, not created when missing.
async fn open_file(path: &Path, read_only: bool) -> Result<Pool, Failure> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .read_only(read_only);
    SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .map_err(|e| Failure(format!("cannot open {}: {e}", path.display()), 1))
}

/// `nastavnik restore FILE`: the candidate is copied next to the database, checked
/// (integrity, a Nastavnik database, migrations of this version applied to it), and only then
/// put in place; the previous database is kept beside it as `<name>.before-restore-<time>`.
pub async fn restore(config: &Config, file: &Path, now: DateTime<Utc>) -> Result<(), Failure> {
    let db = file_database(config)?;
    if !file.is_file() {
        return Err(Failure(format!("{} is not a file", file.display()), 1));
    }
    let dir = db.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = db
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("nastavnik.db")
        .to_string();
    let stamp = now.format("%Y%m%d-%H%M%S").to_string();
    let candidate = dir.join(format!(".{name}.restore-{stamp}"));
    let _ = fs::remove_file(&candidate);
    let checked = async {
        let mut out = create_private(&candidate)
            .map_err(|e| Failure(format!("cannot create {}: {e}", candidate.display()), 1))?;
        let mut input = fs::File::open(file)
            .map_err(|e| Failure(format!("cannot read {}: {e}", file.display()), 1))?;
        std::io::copy(&mut input, &mut out)
            .map_err(|e| Failure(format!("cannot copy {}: {e}", file.display()), 1))?;
        out.flush()?;
        drop(out);
        let pool = open_file(&candidate, false)
            .await
            .map_err(|_| Failure(format!("{} is not an SQLite database", file.display()), 1))?;
        let result = check_candidate(&pool, file).await;
        // one self-contained file: no WAL left beside the candidate
        let _ = sqlx::query("PRAGMA journal_mode = DELETE")
            .execute(&pool)
            .await;
        pool.close().await;
        result?;
        fs::File::open(&candidate).and_then(|f| f.sync_all())?;
        Ok::<(), Failure>(())
    }
    .await;
    if let Err(e) = checked {
        let _ = fs::remove_file(&candidate);
        return Err(Failure(format!("{}; nothing was replaced", e.0), e.1));
    }
    // the current database, with what its WAL holds, is kept under another name
    let kept = dir.join(format!("{name}.before-restore-{stamp}"));
    if db.exists() {
        // the last connection to close removes the WAL files: if they are still there, another
        // process (the bot) has the database open and would go on writing to the old file. A
        // connection that is just closing gets up to 5 s (by the clock, not by a number of
        // tries: on a loaded machine closing takes longer), and our own probe connection is
        // opened again only once a second, since opening it makes the WAL files anew
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let mut probe_at = std::time::Instant::now();
        loop {
            if std::time::Instant::now() >= probe_at {
                if let Ok(current) = open_file(&db, false).await {
                    let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                        .execute(&current)
                        .await;
                    current.close().await;
                }
                probe_at = std::time::Instant::now() + std::time::Duration::from_secs(1);
            }
            if !in_use(&db) || std::time::Instant::now() >= deadline {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        if in_use(&db) {
            let _ = fs::remove_file(&candidate);
            return Err(Failure(
                format!("{} is in use (is the bot running?): stop the bot and run restore again; nothing was replaced", db.display()),
                1,
            ));
        }
        fs::rename(&db, &kept)
            .map_err(|e| Failure(format!("cannot move {} aside: {e}", db.display()), 1))?;
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", db.display()));
            if side.exists() {
                fs::rename(&side, format!("{}{suffix}", kept.display())).map_err(|e| {
                    Failure(format!("cannot move {} aside: {e}", side.display()), 1)
                })?;
            }
        }
    }
    fs::rename(&candidate, &db)
        .map_err(|e| Failure(format!("cannot put the restored database in place: {e}"), 1))?;
    sync_dir(&dir);
    println!("restored {} from {}", db.display(), file.display());
    if kept.exists() {
        println!("the previous database is kept as {}", kept.display());
    }
    Ok(())
}

/// Whether the WAL files of `db` exist, i.e. some connection has it open.
fn in_use(db: &Path) -> bool {
    ["-wal", "-shm"]
        .iter()
        .any(|s| Path::new(&format!("{}{s}", db.display())).exists())
}

async fn check_candidate(pool: &Pool, file: &Path) -> Result<(), Failure> {
    match ops::integrity(pool).await.map_err(|e| {
        Failure(
            format!("{} is not a readable SQLite database: {e}", file.display()),
            1,
        )
    })? {
        Ok(()) => {}
        Err(found) => {
            return Err(Failure(
                format!("{} failed the integrity check: {found}", file.display()),
                1,
            ))
        }
    }
    let applied = ops::applied_migrations(pool).await?;
    if applied.is_empty() {
        return Err(Failure(
            format!(
                "{} is not a Nastavnik database (no migrations recorded)",
                file.display()
            ),
            1,
        ));
    }
    db::MIGRATOR.run(pool).await.map_err(|e| {
        Failure(
            format!(
                "the migrations of this version cannot be applied to {}: {e}",
                file.display()
            ),
            1,
        )
    })?;
    Ok(())
}

// ---- doctor -------------------------------------------------------------------------------

/// What the doctor found: printed line by line; any problem makes the exit code 1.
#[derive(Default)]
struct Findings {
    problems: usize,
}

impl Findings {
    fn ok(&mut self, what: impl AsRef<str>) {
        println!("ok      {}", what.as_ref());
    }
    fn warn(&mut self, what: impl AsRef<str>) {
        println!("warning {}", what.as_ref());
    }
    fn problem(&mut self, what: impl AsRef<str>, fix: impl AsRef<str>) {
        self.problems += 1;
        println!("PROBLEM {}\n        → {}", what.as_ref(), fix.as_ref());
    }
}

/// How many people or organizations a finding lists before «…and N more».
const LIST_AT_MOST: usize = 20;

/// `nastavnik doctor`: the token, the webhook, the database file and its mode, migrations,
/// time zones, curators, people the bot cannot write to.
pub async fn doctor(config: &Config) -> Result<(), Failure> {
    let mut f = Findings::default();
    telegram(config, &mut f).await;
    if let Some(pool) = database(config, &mut f).await {
        contents(config, &pool, &mut f).await?;
        pool.close().await;
    }
    if f.problems > 0 {
        return Err(Failure(format!("{} problem(s) found", f.problems), 1));
    }
    println!("no problems found");
    Ok(())
}

async fn telegram(config: &Config, f: &mut Findings) {
    use teloxide::prelude::Requester;
    if config.token.is_none() {
        f.problem(
            "TELOXIDE_TOKEN is not set",
            "put the token from @BotFather into .env as TELOXIDE_TOKEN=...",
        );
        return;
    }
    let bot = match crate::app::telegram_client(config) {
        Ok(b) => b,
        Err(e) => {
            return f.problem(
                format!("cannot build the Telegram client: {e}"),
                "check TELOXIDE_TOKEN and TELOXIDE_API_URL",
            )
        }
    };
    let wait = std::time::Duration::from_secs(15);
    match tokio::time::timeout(wait, bot.get_me()).await {
        Ok(Ok(me)) => f.ok(format!("token: the bot is @{}", me.username())),
        Ok(Err(teloxide::RequestError::Api(e))) => {
            return f.problem(
                format!("Telegram refused the token: {e}"),
                "copy the token again from @BotFather (/mybots → API Token)",
            )
        }
        Ok(Err(e)) => {
            return f.problem(
                format!("cannot reach Telegram: {e}"),
                "check the network, a proxy or TELOXIDE_API_URL",
            )
        }
        Err(_) => {
            return f.problem(
                "Telegram did not answer getMe in 15 s",
                "check the network, a proxy or TELOXIDE_API_URL",
            )
        }
    }
    let configured = std::env::var("WEBHOOK_URL")
        .ok()
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty());
    match tokio::time::timeout(wait, bot.get_webhook_info()).await {
        Ok(Ok(info)) => {
            let url = info.url.as_ref().map(|u| u.to_string()).unwrap_or_default();
            match (url.is_empty(), &configured) {
                (true, None) => f.ok("updates: long polling (no webhook set)"),
                (true, Some(want)) => f.warn(format!("WEBHOOK_URL is {want} but no webhook is set yet: `nastavnik run` sets it at start")),
                (false, None) => f.warn(format!("a webhook is set ({url}) but WEBHOOK_URL is empty: `nastavnik run` will switch to long polling")),
                (false, Some(want)) if *want != url => f.warn(format!("the webhook is {url}, WEBHOOK_URL says {want}: `nastavnik run` sets it again at start")),
                (false, Some(_)) => f.ok(format!("updates: webhook {url}, {} waiting", info.pending_update_count)),
            }
            if let Some(err) = info.last_error_message.filter(|_| !url.is_empty()) {
                f.problem(
                    format!("Telegram cannot deliver updates to the webhook: {err}"),
                    "check nginx, the certificate and WEBHOOK_LISTEN (README, «Webhook»)",
                );
            }
        }
        Ok(Err(e)) => f.problem(format!("getWebhookInfo failed: {e}"), "check the network"),
        Err(_) => f.problem(
            "Telegram did not answer getWebhookInfo in 15 s",
            "check the network",
        ),
    }
}

/// The database file, its mode and its migrations; the pool when it can be read.
async fn database(config: &Config, f: &mut Findings) -> Option<Pool> {
    let path = match db_file(&config.database_url) {
        Ok(Some(p)) => p,
        Ok(None) => {
            f.problem(
                "DATABASE_URL is an in-memory database: everything is lost at exit",
                "set DATABASE_URL=sqlite://nastavnik.db",
            );
            return None;
        }
        Err(e) => {
            f.problem(e.0, "fix DATABASE_URL in .env");
            return None;
        }
    };
    let meta = match fs::metadata(&path) {
        Ok(m) => m,
        Err(_) => {
            f.problem(
                format!("no database at {}", path.display()),
                "run `nastavnik migrate` (or start the bot) to create it, or fix DATABASE_URL",
            );
            return None;
        }
    };
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        f.problem(
            format!(
                "the database {} holds personal data and is readable by others (mode {mode:o})",
                path.display()
            ),
            format!("chmod 600 {}", path.display()),
        );
    } else {
        f.ok(format!(
            "database {} ({}, mode {mode:o})",
            path.display(),
            human_bytes(meta.len() as i64)
        ));
    }
    let pool = match open_file(&path, true).await {
        Ok(p) => p,
        Err(e) => {
            f.problem(e.0, "check the file's owner and mode");
            return None;
        }
    };
    match ops::applied_migrations(&pool).await {
        Ok(applied) => {
            let known: Vec<i64> = db::MIGRATOR.iter().map(|m| m.version).collect();
            let missing = known.iter().filter(|v| !applied.contains(v)).count();
            let unknown: Vec<i64> = applied
                .iter()
                .filter(|v| !known.contains(v))
                .copied()
                .collect();
            if !unknown.is_empty() {
                f.problem(
                    format!("the database has migrations this program does not know ({unknown:?})"),
                    "run the newer version of nastavnik that made them",
                );
            } else if missing > 0 {
                f.problem(
                    format!("{missing} migration(s) not applied yet"),
                    "run `nastavnik migrate` (the bot also applies them when it starts)",
                );
                return None;
            } else {
                f.ok(format!("migrations: all {} applied", known.len()));
            }
        }
        Err(e) => {
            f.problem(
                format!("cannot read the migrations: {e}"),
                "is DATABASE_URL a Nastavnik database?",
            );
            return None;
        }
    }
    Some(pool)
}

fn more(n: usize) -> String {
    if n > LIST_AT_MOST {
        format!("\n        …and {} more", n - LIST_AT_MOST)
    } else {
        String::new()
    }
}

async fn contents(config: &Config, pool: &Pool, f: &mut Findings) -> Result<(), Failure> {
    let bad = ops::bad_zones(pool).await?;
    if bad.is_empty() {
        f.ok(format!(
            "time zones: district {}, new organizations {}, every organization's zone is known",
            config.district.tz.name(),
            config.default_tz.name()
        ));
    } else {
        for (id, name, tz) in &bad {
            f.problem(
                format!("organization {id} «{name}» has an unknown time zone '{tz}'"),
                format!("nastavnik org set {id} --tz Europe/Moscow (its real zone)"),
            );
        }
    }
    let orgs = crate::repo::orgs::list(pool).await?;
    let lonely = ops::orgs_without_curator(pool).await?;
    if orgs.is_empty() {
        f.warn("no organizations yet: nastavnik org add --name … --kind school");
    } else if lonely.is_empty() {
        f.ok(format!(
            "curators: each of {} organization(s) has one",
            orgs.len()
        ));
    } else {
        let lines: Vec<String> = lonely
            .iter()
            .take(LIST_AT_MOST)
            .map(|(id, name)| format!("{id} «{name}»"))
            .collect();
        f.problem(
            format!(
                "{} organization(s) without a curator: {}{}",
                lonely.len(),
                lines.join(", "),
                more(lonely.len())
            ),
            "nastavnik invite --role curator --org ID, and send the link to the curator",
        );
    }
    let people = ops::unwritable(pool).await?;
    if people.is_empty() {
        f.ok("people with a role: the bot can write to each of them");
    }
    for p in people.iter().take(LIST_AT_MOST) {
        let who = format!(
            "{} (telegram id {}, {})",
            p.name.as_deref().unwrap_or("no name yet"),
            p.telegram_id,
            p.roles
        );
        if p.unreachable {
            f.problem(
                format!(
                    "{who}: Telegram refused messages (blocked the bot or deleted the account)"
                ),
                "ask them to open the bot and press Start again",
            );
        } else {
            f.problem(
                format!("{who}: has never started the bot, so it cannot write first"),
                "send them the bot's link (or an invitation) and ask them to press Start",
            );
        }
    }
    if people.len() > LIST_AT_MOST {
        println!("        …and {} more", people.len() - LIST_AT_MOST);
    }
    Ok(())
}

// ---- stats --------------------------------------------------------------------------------

pub fn human_bytes(n: i64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut v = n as f64;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

/// The district's midnight today: «today» of `stats`.
pub fn district_midnight(config: &Config, now: DateTime<Utc>) -> DateTime<Utc> {
    let tz = config.district.tz;
    let day = now.with_timezone(&tz).date_naive();
    let start = day.and_hms_opt(0, 0, 0).expect("midnight");
    tz.from_local_datetime(&start)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now)
}

/// The database's size on disk: the file and its WAL (the pages in use when there is no file).
pub async fn database_size(config: &Config, stats: &ops::Stats) -> i64 {
    match db_file(&config.database_url) {
        Ok(Some(path)) => {
            let size = |p: &Path| fs::metadata(p).map(|m| m.len() as i64).unwrap_or(0);
            size(&path) + size(Path::new(&format!("{}-wal", path.display())))
        }
        _ => stats.db_bytes,
    }
}

/// `nastavnik stats`: `name<TAB>value` lines.
pub async fn stats(config: &Config, pool: &Pool, now: DateTime<Utc>) -> Result<(), Failure> {
    let s = ops::stats(pool, district_midnight(config, now)).await?;
    let size = database_size(config, &s).await;
    let rows: Vec<(&str, String)> = vec![
        ("people", s.people.to_string()),
        ("mentors", s.mentors.to_string()),
        ("mentees", s.mentees.to_string()),
        ("curators", s.curators.to_string()),
        ("organizations", s.organizations.to_string()),
        ("pairs_active", s.pairs_active.to_string()),
        ("pairs_total", s.pairs_total.to_string()),
        ("sent_today", s.sent_today.to_string()),
        (
            "backlog",
            format!(
                "{}\toutbox {}, reminders {}",
                s.backlog.outbox + s.backlog.reminders,
                s.backlog.outbox,
                s.backlog.reminders
            ),
        ),
        (
            "last_reminder_pass",
            s.last_pass
                .map(|t| t.with_timezone(&config.district.tz).to_rfc3339())
                .unwrap_or_else(|| "never".into()),
        ),
        ("database_bytes", format!("{size}\t{}", human_bytes(size))),
    ];
    for (k, v) in rows {
        println!("{k}\t{v}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_backup_of(name: &str, stem: &str) -> bool {
        backup_key(name, stem).is_some()
    }

    #[test]
    fn backup_names_sort_by_time_and_are_recognised() {
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 5, 7, 38).unwrap();
        let name = backup_name("nastavnik", at);
        assert_eq!(name, "nastavnik-20261201-050738.db");
        assert!(is_backup_of(&name, "nastavnik"));
        assert!(is_backup_of("nastavnik-20261201-050738-2.db", "nastavnik"));
        for other in [
            "nastavnik.db",
            "nastavnik-20261201.db",
            "other-20261201-050738.db",
            "nastavnik-2026120x-050738.db",
            "nastavnik-20261201-050738-.db",
            ".nastavnik-20261201-050738.db.partial",
        ] {
            assert!(!is_backup_of(other, "nastavnik"), "{other}");
        }
        assert!(backup_name("n", at) < backup_name("n", at + chrono::Duration::seconds(1)));
        // a second copy within the same second sorts after the first
        assert!(
            backup_key("n-20261201-050738.db", "n") < backup_key("n-20261201-050738-2.db", "n")
        );
        assert!(
            backup_key("n-20261201-050738-10.db", "n") > backup_key("n-20261201-050738-9.db", "n")
        );
    }

    #[test]
    fn sizes_and_midnight() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(5 * 1024 * 1024), "5.0 MiB");
        let mut config = Config::from_lookup(|_| None).unwrap();
        config.district.tz = chrono_tz::Asia::Yekaterinburg;
        // 01:30 UTC is 06:30 in Yekaterinburg: the day began at 19:00 UTC the day before
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 1, 30, 0).unwrap();
        assert_eq!(
            district_midnight(&config, now),
            Utc.with_ymd_and_hms(2026, 11, 30, 19, 0, 0).unwrap()
        );
    }

    #[test]
    fn in_memory_databases_have_no_file() {
        assert_eq!(db_file("sqlite::memory:").ok().flatten(), None);
        assert_eq!(
            db_file("sqlite:///var/lib/n/nastavnik.db").ok().flatten(),
            Some(PathBuf::from("/var/lib/n/nastavnik.db"))
        );
    }
}
