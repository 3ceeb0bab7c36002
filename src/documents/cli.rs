//! `nastavnik doc <kind> …`: the school's documents from the command line.

use super::load::{self, Context};
use super::{Doc, DocError, Kind, Subject};
use crate::cli::Failure;
use crate::config::Config;
use crate::i18n::Lang;
use crate::repo::Pool;
use chrono::{NaiveDate, Utc};
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct Out {
    /// A directory (the file gets its usual name) or a file name; default: the current directory
    #[arg(long, default_value = ".")]
    pub out: PathBuf,
    /// ru or en
    #[arg(long, default_value = "ru")]
    pub lang: String,
}

#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// The personalised mentoring programme of a pair or group.
    Programme {
        #[arg(long)]
        pair: i64,
        #[command(flatten)]
        out: Out,
    },
    /// The draft order fixing mentors to mentees, for the pairs awaiting an order.
    Order {
        #[arg(long)]
        org: i64,
        #[command(flatten)]
        out: Out,
    },
    /// The mentor's last report on the mentee's adaptation.
    Adaptation {
        #[arg(long)]
        pair: i64,
        #[command(flatten)]
        out: Out,
    },
    /// The final report on a pair's whole programme.
    Final {
        #[arg(long)]
        pair: i64,
        #[command(flatten)]
        out: Out,
    },
    /// The analytic справка for a period: of an organization, or of the district without --org.
    Spravka {
        #[arg(long)]
        org: Option<i64>,
        /// First day, e.g. 01.09.2026 or 2026-09-01
        #[arg(long, value_parser = parse_date)]
        from: NaiveDate,
        /// Last day
        #[arg(long, value_parser = parse_date)]
        to: NaiveDate,
        #[command(flatten)]
        out: Out,
    },
    /// The bank of mentors (XLSX) of an organization, or of the district without --org.
    Mentors {
        #[arg(long)]
        org: Option<i64>,
        #[command(flatten)]
        out: Out,
    },
    /// The bank of mentees (XLSX) of an organization, or of the district without --org.
    Mentees {
        #[arg(long)]
        org: Option<i64>,
        #[command(flatten)]
        out: Out,
    },
    /// A person's consents (by Telegram id).
    Consent {
        #[arg(long)]
        telegram_id: i64,
        #[command(flatten)]
        out: Out,
    },
    /// A sample of every document from the console's demo district (docs/samples).
    Samples {
        #[arg(long, default_value = "docs/samples")]
        out: PathBuf,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .map_err(|_| format!("'{s}' is not a date like 01.09.2026"))
}

/// Writes a document into `out` (a directory or a file name); returns the path.
fn write(doc: &Doc, out: &Path) -> Result<PathBuf, Failure> {
    let path = if out.is_dir() || out.extension().is_none() {
        std::fs::create_dir_all(out).map_err(|e| Failure(format!("{}: {e}", out.display()), 1))?;
        out.join(&doc.file_name)
    } else {
        out.to_path_buf()
    };
    std::fs::write(&path, &doc.bytes)
        .map_err(|e| Failure(format!("{}: {e}", path.display()), 1))?;
    Ok(path)
}

fn failure(e: DocError) -> Failure {
    match e {
        DocError::NotFound => Failure("no such pair, organization or person".into(), 1),
        DocError::Empty => Failure("nothing to put in this document (no pairs awaiting an order, no report sent, or nobody worked in the period)".into(), 1),
        e => Failure(e.to_string(), 1),
    }
}

pub async fn run(pool: Option<&Pool>, config: &Config, cmd: DocCommand) -> Result<(), Failure> {
    let (kind, subject, out) = match cmd {
        DocCommand::Samples { out } => {
            let docs = super::samples::make_all()
                .await
                .map_err(|e| Failure(format!("samples: {e:#}"), 1))?;
            for d in &docs {
                println!("{}", write(d, &out)?.display());
            }
            return Ok(());
        }
        DocCommand::Programme { pair, out } => (Kind::Programme, Subject::Pair(pair), out),
        DocCommand::Order { org, out } => (Kind::OrderDraft, Subject::Org(org, None), out),
        DocCommand::Adaptation { pair, out } => (Kind::Adaptation, Subject::Pair(pair), out),
        DocCommand::Final { pair, out } => (Kind::Final, Subject::Pair(pair), out),
        DocCommand::Spravka { org, from, to, out } => {
            if from > to {
                return Err(Failure("--from must not be after --to".into(), 2));
            }
            let period = Some((from, to));
            (
                Kind::Spravka,
                org.map(|o| Subject::Org(o, period))
                    .unwrap_or(Subject::District(period)),
                out,
            )
        }
        DocCommand::Mentors { org, out } => (
            Kind::Mentors,
            org.map(|o| Subject::Org(o, None))
                .unwrap_or(Subject::District(None)),
            out,
        ),
        DocCommand::Mentees { org, out } => (
            Kind::Mentees,
            org.map(|o| Subject::Org(o, None))
                .unwrap_or(Subject::District(None)),
            out,
        ),
        DocCommand::Consent { telegram_id, out } => {
            let pool = pool.ok_or_else(|| Failure("no database".into(), 1))?;
            let user = crate::repo::users::by_telegram(pool, telegram_id)
                .await?
                .ok_or_else(|| Failure(format!("no user with telegram id {telegram_id}"), 1))?;
            (Kind::Consent, Subject::Person(user.id), out)
        }
    };
    let pool = pool.ok_or_else(|| Failure("no database".into(), 1))?;
    let lang =
        Lang::from_code(&out.lang).ok_or_else(|| Failure("--lang must be ru or en".into(), 2))?;
    let c = Context {
        lang,
        now: Utc::now(),
        default_tz: config.default_tz,
    };
    let doc = load::make(pool, kind, subject, c).await.map_err(failure)?;
    println!("{}", write(&doc, &out.out)?.display());
    Ok(())
}
