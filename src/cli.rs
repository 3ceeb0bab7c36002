//! The command line (`nastavnik --help`). Output is plain and scriptable: one value per line
//! or tab-separated columns; errors go to stderr with a non-zero exit code.

use crate::app;
use crate::clock::SystemClock;
use crate::config::{Config, ConfigError};
use crate::db;
use crate::domain::{OrgKind, Role};
use crate::repo::{invites, orgs, reminders, users, Pool};
use chrono::{NaiveDate, Utc};
use clap::{Parser, Subcommand};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Debug, Parser)]
#[command(
    name = "nastavnik",
    version,
    about = "Telegram bot for teacher mentoring programs in a school district"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot (long polling, or a webhook with --webhook). This is the default.
    Run(RunArgs),
    /// Chat with the bot in the terminal, without Telegram (an in-process fake Bot API).
    Console(crate::console::ConsoleArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Manage organizations (schools, kindergartens, ...).
    #[command(subcommand)]
    Org(OrgCommand),
    /// Create an invitation code and print it with its deep link.
    Invite {
        /// mentee, mentor, curator, head (руководитель ОО) or coordinator
        #[arg(long)]
        role: Role,
        /// Organization id (required for curators and heads; mentees and mentors choose one if omitted)
        #[arg(long)]
        org: Option<i64>,
        /// How many people may use the code
        #[arg(long, default_value_t = 1)]
        uses: u32,
        /// Days until the code expires
        #[arg(long, default_value_t = 30)]
        expires_days: u32,
    },
    /// Give a role to a Telegram user.
    Grant(GrantArgs),
    /// Take a role away from a Telegram user.
    Revoke(GrantArgs),
    /// Indicator report (XLSX or CSV) for an organization or the district.
    Report(crate::report::cli::ReportArgs),
    /// Survey definitions: export to TOML, import from TOML.
    #[command(subcommand)]
    Survey(crate::report::cli::SurveyCommand),
    /// Indicator targets: list or change.
    #[command(subcommand)]
    Target(crate::report::cli::TargetCommand),
    /// Run one reminder pass as if it were --now (RFC 3339), send what is due, and exit.
    Tick {
        /// e.g. 2026-09-14T09:00:00+05:00 (default: the console's clock stored in a console
        /// database, else the current time)
        #[arg(long, value_parser = parse_time)]
        now: Option<chrono::DateTime<Utc>>,
    },
    /// The district's yearly calendar of the regulations.
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// District events on mentoring that were held, with the organizations that took part
    /// (the indicators «не менее 3 мероприятий» and the share of organizations taking part).
    #[command(subcommand)]
    Event(EventCommand),
    /// A consistent copy of the database (safe while the bot runs), with rotation.
    Backup(crate::ops::BackupArgs),
    /// Replace the database with a backup after checking it (stop the bot first).
    Restore {
        /// The backup file (made by `nastavnik backup`)
        file: std::path::PathBuf,
    },
    /// Check the token, the webhook, the database, time zones, curators and reachability;
    /// prints what to fix and exits non-zero on a problem.
    Doctor,
    /// People, pairs, messages sent today, backlog, last reminder pass, database size.
    Stats,
    /// The documents a school files (DOCX, banks as XLSX); `doc samples` writes one of each.
    #[command(subcommand)]
    Doc(crate::documents::cli::DocCommand),
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// id, window, audience, title (tab-separated).
    List,
    /// Add an event; prints its id.
    Add {
        #[arg(long)]
        title: String,
        /// day.month-day.month, e.g. 01.02-31.03
        #[arg(long)]
        window: String,
        /// comma-separated: curators, coordinator, mentors
        #[arg(long)]
        audience: String,
    },
    /// Remove an event by id.
    Remove { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum EventCommand {
    /// Record a held event; prints its id.
    Add {
        #[arg(long)]
        title: String,
        /// The day it was held, YYYY-MM-DD
        #[arg(long)]
        date: NaiveDate,
        /// Comma-separated ids of the organizations that took part (see `org list`)
        #[arg(long, value_delimiter = ',')]
        orgs: Vec<i64>,
    },
    /// id, date, organizations, title (tab-separated) of a school year.
    List {
        /// The school year by its first year (2026 for 2026/27); default: the current one
        #[arg(long)]
        year: Option<i32>,
    },
    /// Remove a recorded event by id.
    Remove { id: i64 },
}

fn parse_time(s: &str) -> Result<chrono::DateTime<Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("expected an RFC 3339 time like 2026-09-14T09:00:00+05:00: {e}"))
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Receive updates by webhook at this public HTTPS url (e.g. https://bot.example.ru/tg/hook)
    /// instead of long polling. The secret is taken from WEBHOOK_SECRET (random if unset).
    #[arg(long, env = "WEBHOOK_URL", value_name = "URL")]
    pub webhook: Option<String>,
    /// Local address of the webhook server, behind nginx or another TLS proxy (default 127.0.0.1:8443)
    #[arg(long, env = "WEBHOOK_LISTEN", value_name = "ADDR")]
    pub listen: Option<String>,
}

impl RunArgs {
    /// The listener choice for [`app::start_with`]; the secret comes from WEBHOOK_SECRET.
    pub fn listen(&self, secret: Option<String>) -> Result<app::Listen, Failure> {
        // an empty WEBHOOK_URL (as in .env.example) means long polling
        let Some(raw) = self
            .webhook
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        else {
            return Ok(app::Listen::Polling);
        };
        let url = url::Url::parse(raw)
            .map_err(|e| Failure(format!("--webhook '{raw}' is not a valid url: {e}"), 2))?;
        if url.scheme() != "https"
            && !url
                .host_str()
                .is_some_and(|h| h == "127.0.0.1" || h == "localhost")
        {
            return Err(Failure(
                format!("--webhook must be an https:// url (Telegram only calls HTTPS), got {url}"),
                2,
            ));
        }
        let secret = secret
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        if let Some(s) = &secret {
            if !app::valid_webhook_secret(s) {
                return Err(Failure(
                    "WEBHOOK_SECRET must be 1-256 characters: A-Z, a-z, 0-9, _ and -".into(),
                    2,
                ));
            }
        }
        let listen = self
            .listen
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .unwrap_or("127.0.0.1:8443");
        let address = listen.parse().map_err(|_| {
            Failure(
                format!("--listen '{listen}' must be an address with a port, e.g. 127.0.0.1:8443"),
                2,
            )
        })?;
        Ok(app::Listen::Webhook(app::Webhook {
            url,
            address,
            secret,
        }))
    }
}

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Add an organization; prints its id.
    Add {
        #[arg(long)]
        name: String,
        /// school, kindergarten, additional or college
        #[arg(long)]
        kind: OrgKind,
        /// IANA time zone, e.g. Asia/Yekaterinburg (default: DEFAULT_TZ)
        #[arg(long)]
        tz: Option<String>,
        /// Add it even though an organization with a likely identical name exists
        #[arg(long)]
        force: bool,
    },
    /// List organizations: id, kind, time zone, name (tab-separated).
    List,
    /// Rename an organization.
    Rename {
        id: i64,
        #[arg(long)]
        name: String,
        /// Rename even though another organization has a likely identical name
        #[arg(long)]
        force: bool,
    },
    /// Change an organization's kind and/or time zone.
    Set {
        id: i64,
        #[arg(long)]
        kind: Option<OrgKind>,
        #[arg(long)]
        tz: Option<String>,
    },
    /// Move everything of organization FROM (people, roles, pairs, requests, invitations,
    /// chats, practices) into --into and remove FROM, in one transaction.
    Merge {
        from: i64,
        #[arg(long)]
        into: i64,
    },
    /// Remove an organization nothing refers to.
    Remove { id: i64 },
    /// State an organization's facts for a school year (004 Table 1: the denominators of the
    /// district's shares). Without values, prints the statement in force. Values not given
    /// keep what was stated for that year.
    Facts {
        #[arg(long)]
        org: i64,
        /// Number of teachers (педагогических работников)
        #[arg(long)]
        teachers: Option<i64>,
        /// Number of young teachers (the first 3 years of work)
        #[arg(long)]
        young: Option<i64>,
        /// Number of new heads (without experience in a head's position)
        #[arg(long)]
        new_heads: Option<i64>,
        /// The date the organization's regulation on mentoring was adopted, YYYY-MM-DD
        #[arg(long, conflicts_with = "no_regulation")]
        regulation_date: Option<NaiveDate>,
        /// The regulation on mentoring is not adopted yet
        #[arg(long)]
        no_regulation: bool,
        /// The school year by its first year (2026 for 2026/27); default: the current one
        #[arg(long)]
        year: Option<i32>,
    },
}

#[derive(Debug, clap::Args)]
pub struct GrantArgs {
    #[arg(long)]
    pub telegram_id: i64,
    /// mentee, mentor, curator, coordinator or admin
    #[arg(long)]
    pub role: Role,
    /// Organization id (required for mentee, mentor and curator)
    #[arg(long)]
    pub org: Option<i64>,
}

/// A failure to report: its message and exit code.
pub struct Failure(pub String, pub u8);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string(), 1)
    }
}

pub async fn main() -> ExitCode {
    let cli = Cli::parse();
    match execute(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg, code)) => {
            eprintln!("{msg}");
            ExitCode::from(code)
        }
    }
}

fn config() -> Result<Config, Failure> {
    Config::from_env().map_err(|e| Failure(format!("configuration error: {e}"), 2))
}

async fn open(config: &Config) -> Result<Pool, Failure> {
    db::connect(&config.database_url)
        .await
        .map_err(|e| Failure(format!("database {}: {e}", config.database_url), 1))
}

pub async fn execute(cli: Cli) -> Result<(), Failure> {
    let config = config()?;
    // no subcommand means `run` (with its options from the environment)
    let command = cli
        .command
        .unwrap_or_else(|| Cli::parse_from(["nastavnik", "run"]).command.expect("run"));
    match command {
        Command::Console(args) => crate::console::main(args, config)
            .await
            .map_err(|e| Failure(format!("console: {e:#}"), 1)),
        Command::Run(args) => {
            if let Err(e) = config.require_token() {
                return Err(Failure(e.to_string(), 2));
            }
            let listen = args.listen(std::env::var("WEBHOOK_SECRET").ok())?;
            let running = app::start_with(config, Arc::new(SystemClock), true, listen)
                .await
                .map_err(|e| match e.downcast_ref::<ConfigError>() {
                    Some(ConfigError::MissingToken) => Failure(e.to_string(), 2),
                    _ => Failure(format!("cannot start: {e}"), 1),
                })?;
            running.wait().await;
            Ok(())
        }
        Command::Migrate => {
            let pool = open(&config).await?;
            let applied = db::MIGRATOR.iter().count();
            pool.close().await;
            println!("migrations applied ({applied} in total)");
            Ok(())
        }
        Command::Org(cmd) => org(&config, cmd).await,
        Command::Invite {
            role,
            org,
            uses,
            expires_days,
        } => {
            if role == Role::Admin {
                return Err(Failure(
                    "admins are configured with BOT_ADMINS, not invited".into(),
                    1,
                ));
            }
            if matches!(role, Role::Curator | Role::Head) && org.is_none() {
                return Err(Failure(format!("a {role} invitation needs --org"), 1));
            }
            if uses == 0 || expires_days == 0 {
                return Err(Failure(
                    "--uses and --expires-days must be at least 1".into(),
                    1,
                ));
            }
            let pool = open(&config).await?;
            let org = if role.is_org_scoped() { org } else { None };
            if let Some(id) = org {
                check_org(&pool, id).await?;
            }
            let inv = invites::create(&pool, role, org, uses, Some(expires_days), None, Utc::now())
                .await?;
            let username = match std::env::var("BOT_USERNAME").ok().filter(|s| !s.is_empty()) {
                Some(u) => u,
                None => match app::telegram_client(&config) {
                    Ok(bot) => match tokio::time::timeout(
                        std::time::Duration::from_secs(10),
                        app::bot_username(&bot),
                    )
                    .await
                    {
                        Ok(Ok(u)) => u,
                        _ => {
                            eprintln!("warning: could not ask Telegram for the bot's username; set BOT_USERNAME");
                            "<bot_username>".into()
                        }
                    },
                    Err(_) => {
                        eprintln!("warning: TELOXIDE_TOKEN is not set, so the bot's username is unknown; set BOT_USERNAME");
                        "<bot_username>".into()
                    }
                },
            };
            println!("{}", inv.code);
            println!("https://t.me/{}?start={}", username, inv.code);
            Ok(())
        }
        Command::Grant(a) => {
            let pool = open(&config).await?;
            let org = check_scope(&pool, a.role, a.org).await?;
            let user = users::ensure(&pool, a.telegram_id, Utc::now()).await?;
            let added = users::grant_role(&pool, user.id, a.role, org, Utc::now()).await?;
            println!("{}", if added { "granted" } else { "already held" });
            if user.consent_at.is_none() {
                // Telegram answers 403 «bot can't initiate conversation with a user» until then
                println!("note: this person has not opened the bot yet; ask them to open it once and press Start, otherwise the bot cannot write to them (they show as unreachable in the curator's digest)");
            }
            Ok(())
        }
        Command::Revoke(a) => {
            let pool = open(&config).await?;
            let Some(user) = users::by_telegram(&pool, a.telegram_id).await? else {
                return Err(Failure(
                    format!("no user with telegram id {}", a.telegram_id),
                    1,
                ));
            };
            let n = users::revoke_role(&pool, user.id, a.role, a.org).await?;
            println!("revoked {n}");
            Ok(())
        }
        Command::Report(a) => crate::report::cli::report(&open(&config).await?, &config, a).await,
        Command::Survey(c) => crate::report::cli::survey(&open(&config).await?, c).await,
        Command::Target(c) => crate::report::cli::target(&open(&config).await?, c).await,
        Command::Tick { now } => tick(&config, now).await,
        Command::Calendar(cmd) => calendar(&config, cmd).await,
        Command::Event(cmd) => event(&config, cmd).await,
        Command::Doc(cmd) => {
            // the samples are made from the demo district in memory, not from the database
            let pool = match cmd {
                crate::documents::cli::DocCommand::Samples { .. } => None,
                _ => Some(open(&config).await?),
            };
            crate::documents::cli::run(pool.as_ref(), &config, cmd).await
        }
        Command::Backup(a) => {
            crate::ops::backup(&config, &open(&config).await?, a, Utc::now()).await
        }
        Command::Restore { file } => crate::ops::restore(&config, &file, Utc::now()).await,
        Command::Doctor => crate::ops::doctor(&config).await,
        Command::Stats => crate::ops::stats(&config, &open(&config).await?, Utc::now()).await,
    }
}

/// A name typed on the command line, cleaned like text from Telegram (no invisible characters).
fn facts_error(e: crate::domain::school::FactsError) -> String {
    use crate::domain::school::{FactsError, MAX_COUNT};
    match e {
        FactsError::Count => format!("counts must be 0 to {MAX_COUNT}"),
        FactsError::MoreYoungThanTeachers => "--young cannot exceed --teachers".into(),
        FactsError::FutureRegulation => "--regulation-date cannot be in the future".into(),
    }
}

/// `org, school year, teachers, young, new heads, regulation` (tab-separated; `-` not stated).
fn print_facts(org: i64, s: Option<&crate::domain::school::Stated>) {
    use crate::domain::school::Regulation;
    let Some(s) = s else {
        println!("{org}\tno facts stated");
        return;
    };
    let n = |v: Option<i64>| v.map_or_else(|| "-".to_string(), |v| v.to_string());
    let regulation = match s.regulation {
        Regulation::Adopted(d) => format!("regulation {d}"),
        Regulation::NotAdopted => "no regulation".into(),
        Regulation::Unknown => "regulation -".into(),
    };
    println!(
        "{org}\t{}/{}\tteachers {}\tyoung {}\tnew heads {}\t{regulation}",
        s.school_year,
        s.school_year + 1,
        n(s.teachers),
        n(s.young),
        n(s.new_heads)
    );
}

fn org_name(name: &str) -> Result<String, Failure> {
    let name = crate::domain::text::sanitize(name);
    crate::domain::orgs::clean_name(&name)
        .map(str::to_string)
        .ok_or_else(|| Failure("--name must be 1 to 200 characters".into(), 1))
}

fn org_tz(tz: &str) -> Result<(), Failure> {
    if crate::domain::orgs::valid_zone(tz) {
        Ok(())
    } else {
        Err(Failure(
            format!("unknown time zone '{tz}' (e.g. Europe/Moscow, Asia/Irkutsk)"),
            1,
        ))
    }
}

/// Refuses a name that looks like another organization's unless `force`.
async fn check_duplicate(
    pool: &Pool,
    name: &str,
    except: Option<i64>,
    force: bool,
) -> Result<(), Failure> {
    let existing = orgs::names(pool).await?;
    match crate::domain::orgs::likely_duplicate(&existing, name, except) {
        Some((id, other)) if !force => Err(Failure(
            format!(
                "organization {id} «{other}» has a likely identical name; a twin would split its people and indicators. \
                 Use that id, or `nastavnik org merge` later; add --force if «{name}» is really another organization"
            ),
            1,
        )),
        Some((id, other)) => {
            eprintln!("warning: organization {id} «{other}» has a likely identical name (--force given)");
            Ok(())
        }
        None => Ok(()),
    }
}

async fn org(config: &Config, cmd: OrgCommand) -> Result<(), Failure> {
    match cmd {
        OrgCommand::Add {
            name,
            kind,
            tz,
            force,
        } => {
            let name = org_name(&name)?;
            let tz = tz.unwrap_or_else(|| config.default_tz.name().to_string());
            org_tz(&tz)?;
            let pool = open(config).await?;
            check_duplicate(&pool, &name, None, force).await?;
            let id = orgs::create(&pool, &name, kind, &tz, Utc::now()).await?;
            println!("{id}");
        }
        OrgCommand::List => {
            let pool = open(config).await?;
            for o in orgs::list(&pool).await? {
                println!("{}\t{}\t{}\t{}", o.id, o.kind, o.tz, o.name);
            }
        }
        OrgCommand::Rename { id, name, force } => {
            let name = org_name(&name)?;
            let pool = open(config).await?;
            check_org(&pool, id).await?;
            check_duplicate(&pool, &name, Some(id), force).await?;
            orgs::rename(&pool, id, &name).await?;
            println!("renamed");
        }
        OrgCommand::Set { id, kind, tz } => {
            if kind.is_none() && tz.is_none() {
                return Err(Failure("give --kind and/or --tz".into(), 1));
            }
            if let Some(tz) = &tz {
                org_tz(tz)?;
            }
            let pool = open(config).await?;
            check_org(&pool, id).await?;
            if let Some(kind) = kind {
                orgs::set_kind(&pool, id, kind).await?;
            }
            if let Some(tz) = &tz {
                orgs::set_tz(&pool, id, tz).await?;
            }
            let o = orgs::get(&pool, id)
                .await?
                .ok_or_else(|| Failure(format!("no organization with id {id}"), 1))?;
            println!("{}\t{}\t{}\t{}", o.id, o.kind, o.tz, o.name);
        }
        OrgCommand::Merge { from, into } => {
            let pool = open(config).await?;
            let moved = orgs::merge(&pool, from, into).await.map_err(org_failure)?;
            println!(
                "merged {from} into {into}: {} people, {} roles, {} pairs, {} requests, {} invitations, {} chats, {} practices moved",
                moved.people, moved.roles, moved.pairs, moved.requests, moved.invites, moved.chats, moved.practices
            );
        }
        OrgCommand::Facts {
            org,
            teachers,
            young,
            new_heads,
            regulation_date,
            no_regulation,
            year,
        } => {
            use crate::domain::school::{school_year, Regulation};
            let pool = open(config).await?;
            let o = orgs::get(&pool, org)
                .await?
                .ok_or_else(|| Failure(format!("no organization with id {org}"), 1))?;
            let today = Utc::now()
                .with_timezone(&o.tz.parse().unwrap_or(config.default_tz))
                .date_naive();
            let year = year.unwrap_or_else(|| school_year(today));
            let given = teachers.is_some()
                || young.is_some()
                || new_heads.is_some()
                || regulation_date.is_some()
                || no_regulation;
            let current = crate::repo::school::latest(&pool, org, year).await?;
            if given {
                let mut s = current
                    .filter(|s| s.school_year == year)
                    .unwrap_or_default();
                s.school_year = year;
                s.teachers = teachers.or(s.teachers);
                s.young = young.or(s.young);
                s.new_heads = new_heads.or(s.new_heads);
                if let Some(d) = regulation_date {
                    s.regulation = Regulation::Adopted(d);
                } else if no_regulation {
                    s.regulation = Regulation::NotAdopted;
                }
                s.check(today).map_err(|e| Failure(facts_error(e), 1))?;
                crate::repo::school::set(&pool, org, &s, Utc::now()).await?;
                print_facts(org, Some(&s));
            } else {
                print_facts(org, current.as_ref());
            }
        }
        OrgCommand::Remove { id } => {
            let pool = open(config).await?;
            orgs::remove(&pool, id).await.map_err(org_failure)?;
            println!("removed");
        }
    }
    Ok(())
}

fn org_failure(e: orgs::OrgError) -> Failure {
    match e {
        orgs::OrgError::InUse(u) => Failure(
            format!(
                "the organization is not empty ({} people, {} pairs, {} requests, {} invitations, {} chats, {} practices); \
                 merge it into another one with `nastavnik org merge ID --into OTHER`",
                u.people, u.pairs, u.requests, u.invites, u.chats, u.practices
            ),
            1,
        ),
        other => Failure(other.to_string(), 1),
    }
}

async fn event(config: &Config, cmd: EventCommand) -> Result<(), Failure> {
    use crate::repo::events;
    let pool = open(config).await?;
    let today = Utc::now().with_timezone(&config.district.tz).date_naive();
    match cmd {
        EventCommand::Add { title, date, orgs } => {
            let title = crate::domain::journal::clean_text(&title);
            if title.is_empty() {
                return Err(Failure("--title must not be empty".into(), 1));
            }
            if date > today {
                return Err(Failure(
                    "--date cannot be in the future: record an event once it was held".into(),
                    1,
                ));
            }
            if orgs.is_empty() {
                return Err(Failure(
                    "--orgs must list at least one organization id".into(),
                    1,
                ));
            }
            for id in &orgs {
                if crate::repo::orgs::get(&pool, *id).await?.is_none() {
                    return Err(Failure(
                        format!("no organization with id {id} (see `nastavnik org list`)"),
                        1,
                    ));
                }
            }
            let id = events::record(&pool, &title, date, &orgs, None, Utc::now()).await?;
            println!("{id}");
        }
        EventCommand::List { year } => {
            let year = year.unwrap_or_else(|| crate::domain::school::school_year(today));
            let from = NaiveDate::from_ymd_opt(year, 9, 1)
                .ok_or_else(|| Failure(format!("no such year {year}"), 1))?;
            let to = NaiveDate::from_ymd_opt(year + 1, 8, 31)
                .ok_or_else(|| Failure(format!("no such year {year}"), 1))?;
            for e in events::between(&pool, from, to).await? {
                let orgs: Vec<String> = e.orgs.iter().map(|o| o.to_string()).collect();
                println!("{}\t{}\t{}\t{}", e.id, e.held_on, orgs.join(","), e.title);
            }
        }
        EventCommand::Remove { id } => {
            if !events::remove(&pool, id).await? {
                return Err(Failure(format!("no held event with id {id}"), 1));
            }
            println!("removed");
        }
    }
    Ok(())
}

async fn calendar(config: &Config, cmd: CalendarCommand) -> Result<(), Failure> {
    use crate::domain::reminders::{Audience, Window};
    let pool = open(config).await?;
    match cmd {
        CalendarCommand::List => {
            for e in reminders::calendar(&pool).await? {
                let (s, t) = (e.window.start, e.window.end);
                println!(
                    "{}\t{:02}.{:02}-{:02}.{:02}\t{}\t{}",
                    e.id,
                    s.1,
                    s.0,
                    t.1,
                    t.0,
                    e.audience.codes(),
                    e.title
                );
            }
        }
        CalendarCommand::Add {
            title,
            window,
            audience,
        } => {
            let w = Window::parse(&window).ok_or_else(|| {
                Failure(format!("--window '{window}' must look like 01.02-31.03"), 1)
            })?;
            let a = Audience::parse(&audience).ok_or_else(|| {
                Failure(
                    "--audience must list curators, coordinator, mentors".into(),
                    1,
                )
            })?;
            let title = crate::domain::text::sanitize(&title);
            let title = title.trim();
            if title.is_empty() || title.chars().count() > 200 {
                return Err(Failure("--title must be 1 to 200 characters".into(), 1));
            }
            println!(
                "{}",
                reminders::add_event(&pool, title, a, w, Utc::now()).await?
            );
        }
        CalendarCommand::Remove { id } => {
            if !reminders::remove_event(&pool, id).await? {
                return Err(Failure(format!("no calendar event with id {id}"), 1));
            }
            println!("removed");
        }
    }
    Ok(())
}

/// One reminder pass at `now`; without it, at the clock a console stored in this database
/// (`nastavnik console --db`), else at the current time.
async fn tick(config: &Config, now: Option<chrono::DateTime<Utc>>) -> Result<(), Failure> {
    if let Err(e) = config.require_token() {
        return Err(Failure(e.to_string(), 2));
    }
    let pool = open(config).await?;
    let now = match now {
        Some(t) => t,
        None => match crate::repo::ops::get_time(&pool, crate::repo::ops::CLOCK).await? {
            Some(t) => {
                eprintln!(
                    "using the console's clock stored in the database: {}",
                    t.to_rfc3339()
                );
                t
            }
            None => Utc::now(),
        },
    };
    let bot = app::telegram_client(config)?;
    let notifier = crate::bot::notify::Notifier::new(
        bot,
        pool.clone(),
        crate::bot::notify::telegram_limits(),
        Arc::new(SystemClock),
    );
    let report = crate::bot::reminders::run_pass_with(&pool, &notifier, config, now)
        .await
        .map_err(|e| Failure(format!("reminder pass failed: {e}"), 1))?;
    println!("{report}");
    pool.close().await;
    Ok(())
}

async fn check_org(pool: &Pool, id: i64) -> Result<(), Failure> {
    match orgs::get(pool, id).await? {
        Some(_) => Ok(()),
        None => Err(Failure(
            format!("no organization with id {id} (see `nastavnik org list`)"),
            1,
        )),
    }
}

async fn check_scope(pool: &Pool, role: Role, org: Option<i64>) -> Result<Option<i64>, Failure> {
    if role.is_org_scoped() {
        let Some(id) = org else {
            return Err(Failure(format!("role {role} needs --org"), 1));
        };
        check_org(pool, id).await?;
        Ok(Some(id))
    } else {
        Ok(None)
    }
}
