//! `cargo run --release --bin bench -- <updates|district|fanout|all> [--quick]`: runs the
//! benchmark scenarios against the in-process fake Bot API, prints a table and writes BENCHMARKS.md.
//! The district scenario runs the real bot binary as a child process: build it first with
//! `cargo build --release --bins` (without it, this binary re-executes itself as the bot).

use clap::{Parser, ValueEnum};
use nastavnik::bench;
use nastavnik::bench::district;
use std::fmt::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Scenario {
    /// Update throughput and latency: the real bot vs a bare echo dispatcher.
    Updates,
    /// A generated district: digests, a scheduler pass, the XLSX report, database size, bot memory.
    District,
    /// 10 000 reminders through the shared limiter against an API enforcing the limits.
    Fanout,
    All,
}

#[derive(Parser)]
#[command(about = "Nastavnik benchmarks (against an in-process fake Bot API over loopback HTTP)")]
struct Args {
    #[arg(value_enum, default_value = "all")]
    scenario: Scenario,
    /// Smaller sizes for a quick look.
    #[arg(long)]
    quick: bool,
    /// Where to write the Markdown report.
    #[arg(long, default_value = "BENCHMARKS.md")]
    out: String,
    /// The bot binary for the district scenario's memory measurement
    /// (default: `nastavnik` next to this binary).
    #[arg(long)]
    bot: Option<PathBuf>,
    /// Keep the district's generated database in this directory (as district.db).
    #[arg(long)]
    keep_db: Option<PathBuf>,
}

/// The argument that makes this binary run as the bot (`bench __bot run`), when the real
/// `nastavnik` binary is missing or older than this one: the same `nastavnik::cli` entry point.
const AS_BOT: &str = "__bot";

/// The bot to measure: `--bot`, else `nastavnik` beside this binary if it is not older than this
/// binary (built from the same sources), else this binary as the bot.
fn bot_command(explicit: Option<PathBuf>) -> anyhow::Result<(PathBuf, Vec<String>)> {
    let run = vec!["run".to_string()];
    if let Some(path) = explicit {
        return Ok((path, run));
    }
    let me = std::env::current_exe()?;
    let sibling = me.with_file_name(format!("nastavnik{}", std::env::consts::EXE_SUFFIX));
    let modified = |p: &PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(&sibling), modified(&me)) {
        (Some(bot), Some(this)) if bot + std::time::Duration::from_secs(120) >= this => {
            Ok((sibling, run))
        }
        _ => {
            eprintln!("note: {} is missing or older than this binary; running this binary as the bot (`cargo build --release --bins` builds both)", sibling.display());
            Ok((me, vec![AS_BOT.to_string(), "run".to_string()]))
        }
    }
}

fn mark(met: bool) -> &'static str {
    if met {
        "✅ yes"
    } else {
        "❌ no"
    }
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Section 2 of the Markdown: the district's timings against the targets.
fn district_section(
    md: &mut String,
    size: district::Size,
    r: &district::DistrictReport,
) -> std::fmt::Result {
    let g = &r.generated;
    writeln!(md, "## 2. District scale\n")?;
    writeln!(
        md,
        "Generated as of Monday {}: {} organizations in {} time zones, {} people, {} pairs ({} active), {} journal entries, {} plan items, {} requests, {} /sos, {} survey answers (asked for {:?}). File database (WAL), measured on a fresh pool; the curator's digest and the scheduler pass at 09:00 Moscow time.\n",
        r.today, g.orgs, district::ZONES.len(), g.people, g.pairs, g.active_pairs, g.journal, g.plan_items, g.requests, g.sos, g.survey_answers, size
    )?;
    writeln!(md, "| measure | result | target | met? |")?;
    writeln!(md, "|---|---|---|---|")?;
    writeln!(
        md,
        "| generation (one transaction, set-based) | {:.1} s | — | |",
        r.generate_seconds
    )?;
    let t = &r.curator_digest;
    writeln!(md, "| curator's weekly digest (one organization) | {:.2} ms (median of {}; first {:.2} ms) | ≤ 20 ms | {} |", t.median_ms, t.runs, t.first_ms, mark(t.median_ms <= 20.0))?;
    let t = &r.monthly_digest;
    writeln!(md, "| coordinator's monthly digest ({} organizations) | {:.0} ms (median of {}; first {:.0} ms) | ≤ 1 s | {} |", r.monthly_digest_rows, t.median_ms, t.runs, t.first_ms, mark(t.median_ms <= 1000.0))?;
    let p = &r.pass;
    writeln!(
        md,
        "| scheduler pass over all pairs, first of the morning: snapshot {:.0} ms, plan {:.0} ms ({} due, {} deferred, {} stale), recording {} keys {:.0} ms, {} full digests {:.0} ms | {:.0} ms | ≤ 2 s | {} |",
        p.snapshot_ms,
        p.plan_ms,
        p.due,
        p.deferred,
        p.stale,
        p.due + p.stale,
        p.claim_ms,
        p.digests_loaded,
        p.digests_ms,
        p.first_ms,
        mark(p.first_ms <= 2000.0)
    )?;
    writeln!(md, "| scheduler pass, steady state (all keys already recorded) | {:.0} ms (median of {}) | ≤ 2 s | {} |", p.steady.median_ms, p.steady.runs, mark(p.steady.median_ms <= 2000.0))?;
    let x = &r.report;
    let sheets: Vec<String> = x
        .sheets
        .iter()
        .map(|(n, rows)| format!("{n} {rows}"))
        .collect();
    writeln!(
        md,
        "| district XLSX report (build {:.0} ms + write {:.0} ms; {:.1} MiB; rows: {}) | {:.1} s | ≤ 10 s | {} |",
        x.build_ms, x.write_ms, mib(x.bytes as u64), sheets.join(", "), x.total_ms() / 1000.0, mark(x.total_ms() <= 10_000.0)
    )?;
    let s = &r.serving;
    let moments: Vec<String> = s
        .memory
        .iter()
        .map(|(m, rss, hwm)| {
            format!(
                "{m}: RSS {:.0} / peak {:.0} MiB",
                *rss as f64 / 1024.0,
                *hwm as f64 / 1024.0
            )
        })
        .collect();
    writeln!(
        md,
        "| bot's peak RSS while serving (VmHWM; {} of {} updates answered, district /report {}, scheduler pass {}; {}) | {:.0} MiB | ≤ 150 MB | {} |",
        s.answered,
        s.sent,
        if s.report_delivered { "delivered" } else { "NOT delivered" },
        if s.pass_seen { "ran" } else { "not observed" },
        moments.join("; "),
        s.peak_kb as f64 / 1024.0,
        mark(s.peak_kb as f64 * 1024.0 <= 150e6)
    )?;
    writeln!(
        md,
        "| database size (file + WAL, after a checkpoint) | {:.0} MiB (+ {:.1} MiB WAL) | — | |\n",
        mib(r.db_bytes),
        mib(r.wal_bytes)
    )?;
    // the command relative to the working directory: the report does not name this machine's paths
    let cwd = std::env::current_dir()
        .map(|d| format!("{}/", d.display()))
        .unwrap_or_default();
    let command = s.command.strip_prefix(&cwd).unwrap_or(&s.command);
    writeln!(md, "The bot ran as a child process: `{command}` (DATABASE_URL on the generated file, TELOXIDE_API_URL on the fake API in the bench process).\n")?;
    Ok(())
}

fn machine() -> String {
    let cpus = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    format!(
        "{cpus} CPU ({model}), {} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

fn main() -> anyhow::Result<()> {
    let mut argv = std::env::args();
    if argv.nth(1).as_deref() == Some(AS_BOT) {
        // the bot itself, as `nastavnik <args>` would run it
        nastavnik::limit_malloc_arenas();
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_writer(std::io::stderr)
            .init();
        let cli = <nastavnik::cli::Cli as Parser>::parse_from(
            std::iter::once("nastavnik".to_string()).chain(argv),
        );
        let runtime = tokio::runtime::Runtime::new()?;
        return runtime
            .block_on(nastavnik::cli::execute(cli))
            .map_err(|f| anyhow::anyhow!("{} (exit code {})", f.0, f.1));
    }
    tokio::runtime::Runtime::new()?.block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let args = Args::parse();
    // quiet unless asked: RUST_LOG=sqlx::query=debug shows every statement the bot runs
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "warn,sqlx=error".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let mut md = String::new();
    writeln!(md, "# Benchmarks\n")?;
    writeln!(md, "Machine: {}  ", machine())?;
    writeln!(
        md,
        "Command: `cargo run --release --bin bench -- {}`\n",
        std::env::args().skip(1).collect::<Vec<_>>().join(" ")
    )?;
    if matches!(args.scenario, Scenario::Updates | Scenario::All) {
        let (people, paced, burst) = if args.quick {
            (200, 1_000, 1_000)
        } else {
            (1_000, 4_000, 5_000)
        };
        let r = bench::scenario_updates(people, paced, 200.0, burst).await?;
        writeln!(
            md,
            "## 1. Updates: the real bot vs a bare echo dispatcher\n"
        )?;
        writeln!(md, "{} people; a mix of one-message meeting logs, /journal, /plan, /help and button presses.\n", r.people)?;
        writeln!(
            md,
            "| run | offered | answered | updates/s | p50, ms | p99, ms | CPU per update, µs |"
        )?;
        writeln!(md, "|---|---|---|---|---|---|---|")?;
        for (name, x) in [
            (format!("real bot at {} updates/s", r.rate), &r.real_paced),
            (format!("echo at {} updates/s", r.rate), &r.echo_paced),
            ("real bot, burst".to_string(), &r.real_burst),
            ("echo, burst".to_string(), &r.echo_burst),
            ("echo that first reads the sender (1 statement), burst".to_string(), &r.echo_read_burst),
            ("necessary-work echo (reads the sender; a meeting log is one durable insert), burst".to_string(), &r.echo_necessary_burst),
        ] {
            writeln!(md, "| {name} | {} | {} | {:.0} | {:.2} | {:.2} | {:.0} |", x.sent, x.answered, x.per_second(), x.p50_ms, x.p99_ms, x.cpu_us_per_update)?;
        }
        let ratio = |x: &bench::LoadResult| x.per_second() / r.echo_burst.per_second().max(1e-9);
        let necessary = r.real_burst.per_second() / r.echo_necessary_burst.per_second().max(1e-9);
        writeln!(
            md,
            "\nNecessary-work ratio (real bot / necessary-work echo, same mix, same run, burst): **{necessary:.2}** (target ≥ 0.8) {}\n",
            mark(necessary >= 0.8)
        )?;
        writeln!(md, "Throughput ratio real/echo (burst): **{:.2}**; p99 at {} updates/s: **{:.2} ms** (target ≤ 10 ms).\n", ratio(&r.real_burst), r.rate, r.real_paced.p99_ms)?;
        writeln!(
            md,
            "The necessary-work echo reads the sender once per update and, for a meeting log, makes the one durable insert (fsync before the \
             answer) that any correct bot must make; it reaches **{:.2}** of the bare echo.\n",
            ratio(&r.echo_necessary_burst)
        )?;
        writeln!(
            md,
            "The echo that reads the sender once per update, and does nothing else, reaches **{:.2}** of the bare echo: \
             that is the ceiling for any bot that looks at the database once per update on this machine.\n",
            ratio(&r.echo_read_burst)
        )?;
        let extra = r.real_burst.cpu_us_per_update - r.echo_burst.cpu_us_per_update;
        writeln!(
            md,
            "CPU per update is the whole process (bot, fake API and load generator together). On this machine, with 8 concurrent callers, \
             one SQLite read through the pool (a person with their roles) costs {:.0} µs of wall time and {:.0} µs of CPU, and one durable \
             write transaction (BEGIN IMMEDIATE, INSERT, COMMIT with fsync) {:.0} µs of wall time and {:.0} µs of CPU. \
             The real bot spends {:.0} µs of CPU per update more than the echo, which runs no query at all: about {:.1} reads' worth.\n",
            r.query_wall_us, r.query_cpu_us, r.commit_wall_us, r.commit_cpu_us, extra, extra / r.query_cpu_us.max(1e-9)
        )?;
        writeln!(
            md,
            "One kind at a time (the real bot, a burst of {} updates of that kind):\n",
            r.kinds.first().map(|(_, x)| x.sent).unwrap_or(0)
        )?;
        writeln!(md, "| update | what the bot reads and writes | updates/s | p50, ms | p99, ms | CPU per update, µs | ratio to echo |")?;
        writeln!(md, "|---|---|---|---|---|---|---|")?;
        for ((kind, x), (_, what)) in r.kinds.iter().zip(bench::KINDS) {
            writeln!(
                md,
                "| {kind} | {what} | {:.0} | {:.2} | {:.2} | {:.0} | {:.2} |",
                x.per_second(),
                x.p50_ms,
                x.p99_ms,
                x.cpu_us_per_update,
                ratio(x)
            )?;
        }
        writeln!(md)?;
        if let Some((_, help)) = r.kinds.iter().find(|(kind, _)| *kind == "/help") {
            // /help and the reading echo run the same one statement: the rest is the bot's own work
            let own = help.cpu_us_per_update - r.echo_read_burst.cpu_us_per_update;
            writeln!(
                md,
                "/help and the reading echo run the same one statement: the echo reaches {:.2} of the bare echo, /help {:.2}. \
                 The difference, {own:.0} µs of CPU per update, is the bot's own work (handler tree, dialogue state, texts, \
                 the longer reply).\n",
                ratio(&r.echo_read_burst),
                ratio(help)
            )?;
        }
    }
    if matches!(args.scenario, Scenario::District | Scenario::All) {
        let (program, bot_args) = bot_command(args.bot.clone())?;
        let (size, updates) = if args.quick {
            (district::Size::quick(), 1_000)
        } else {
            (district::Size::district(), 3_000)
        };
        let serve = district::Serve {
            program,
            args: bot_args,
            updates,
            lanes: 8,
            wait_for_pass: true,
        };
        let r = district::scenario_district(size, &serve, args.keep_db.as_deref()).await?;
        district_section(&mut md, size, &r)?;
    }
    if matches!(args.scenario, Scenario::Fanout | Scenario::All) {
        let (total, global) = if args.quick {
            (1_000, 200)
        } else {
            (10_000, 500)
        };
        let r = bench::scenario_fanout(total, global).await?;
        writeln!(md, "## 3. Fan-out through the shared limiter\n")?;
        writeln!(md, "Limits scaled to {} messages/s overall and 1/s per chat, enforced by the fake API with 429 RetryAfter.\n", r.global_per_sec)?;
        writeln!(md, "| reminders | delivered | duplicates | 429 answers | seconds | theoretical minimum | overhead |")?;
        writeln!(md, "|---|---|---|---|---|---|---|")?;
        writeln!(
            md,
            "| {} | {} | {} | {} | {:.2} | {:.2} | {:+.1} % |\n",
            r.total,
            r.delivered,
            r.duplicates,
            r.too_many_requests,
            r.seconds,
            r.minimum_seconds,
            (r.seconds / r.minimum_seconds - 1.0) * 100.0
        )?;
    }
    print!("{md}");
    std::fs::write(&args.out, &md)?;
    Ok(())
}
