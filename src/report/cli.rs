//! Command-line parts of monitoring: `nastavnik report`, `nastavnik survey export/import`,
//! `nastavnik target list/set`.

use crate::cli::Failure;
use crate::config::Config;
use crate::domain::monitoring::{Targets, TARGETS};
use crate::domain::survey;
use crate::i18n::Lang;
use crate::repo::monitoring::{self as data, Scope};
use crate::repo::{orgs, surveys, Pool};
use chrono::{NaiveDate, Utc};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Xlsx,
    Csv,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("scope").required(true).args(["org", "district"])))]
pub struct ReportArgs {
    /// Organization id (see `nastavnik org list`)
    #[arg(long)]
    pub org: Option<i64>,
    /// The whole district
    #[arg(long)]
    pub district: bool,
    #[arg(long, value_enum, default_value = "xlsx")]
    pub format: Format,
    /// Output file; for CSV one file per sheet: PATH-stem-<sheet>.csv
    #[arg(long)]
    pub out: PathBuf,
    /// The date the indicators are computed for, YYYY-MM-DD (default: today)
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// ru or en
    #[arg(long, default_value = "ru")]
    pub lang: String,
    /// What the journal sheet and the weekly chart cover, ending on the report's date
    #[arg(long, value_enum, default_value = "quarter")]
    pub period: super::Period,
}

#[derive(Debug, clap::Subcommand)]
pub enum SurveyCommand {
    /// Write the survey definitions (questions, kinds, order) to a TOML file.
    Export {
        #[arg(long)]
        out: PathBuf,
    },
    /// Replace the definitions of the surveys in a TOML file (others stay as they are).
    Import { file: PathBuf },
}

#[derive(Debug, clap::Subcommand)]
pub enum TargetCommand {
    /// Indicator codes with their targets in force (tab-separated).
    List,
    /// Change an indicator's target.
    Set {
        #[arg(long)]
        code: String,
        #[arg(long)]
        value: f64,
    },
}

pub async fn report(pool: &Pool, config: &Config, a: ReportArgs) -> Result<(), Failure> {
    let lang =
        Lang::from_code(&a.lang).ok_or_else(|| Failure("--lang must be ru or en".into(), 1))?;
    let (scope, tz) = match a.org {
        Some(id) => {
            let org = orgs::get(pool, id).await?.ok_or_else(|| {
                Failure(
                    format!("no organization with id {id} (see `nastavnik org list`)"),
                    1,
                )
            })?;
            (Scope::Org(id), org.tz.parse().unwrap_or(config.default_tz))
        }
        None => (Scope::District, config.district.tz),
    };
    let as_of = a
        .as_of
        .unwrap_or_else(|| Utc::now().with_timezone(&tz).date_naive());
    let report = super::build(
        pool,
        scope,
        as_of,
        a.period,
        lang,
        tz,
        config.district.name.as_deref(),
    )
    .await?;
    match a.format {
        Format::Xlsx => {
            crate::files::write_private(&a.out, &super::xlsx::write(&report)?)?;
            println!("{}", a.out.display());
        }
        Format::Csv => {
            for sheet in &report.sheets {
                let path = csv_path(&a.out, sheet.slug);
                crate::files::write_private(&path, &super::csv::write(sheet))?;
                println!("{}", path.display());
            }
        }
    }
    Ok(())
}

fn csv_path(out: &Path, slug: &str) -> PathBuf {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    out.with_file_name(format!("{stem}-{slug}.csv"))
}

pub async fn survey(pool: &Pool, c: SurveyCommand) -> Result<(), Failure> {
    match c {
        SurveyCommand::Export { out } => {
            let text = survey::to_toml(&surveys::all(pool).await?).map_err(|e| Failure(e, 1))?;
            let header = "# Опросы участников. kind: scale1_5 | scale0_10 | text; ru/en — свой текст вопроса\n\
                          # (без них — текст по умолчанию из бота). Вопросы с одинаковым id во входном и\n\
                          # итоговом опросе сравниваются. Загрузить: nastavnik survey import FILE\n\n";
            crate::files::write_private(&out, format!("{header}{text}").as_bytes())?;
            println!("{}", out.display());
        }
        SurveyCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)?;
            let defs = survey::from_toml(&text)
                .map_err(|e| Failure(format!("{}: {e}", file.display()), 1))?;
            surveys::import(pool, &defs, Utc::now()).await?;
            println!("imported {} surveys", defs.len());
        }
    }
    Ok(())
}

pub async fn target(pool: &Pool, c: TargetCommand) -> Result<(), Failure> {
    match c {
        TargetCommand::List => {
            let targets = data::targets(pool).await?;
            for (code, _, _) in TARGETS {
                let t = targets.get(code).expect("known");
                let sign = match t.direction {
                    crate::domain::monitoring::Direction::AtLeast => ">=",
                    crate::domain::monitoring::Direction::AtMost => "<=",
                };
                println!("{code}\t{sign}\t{}", t.value);
            }
        }
        TargetCommand::Set { code, value } => {
            if !Targets::is_known(&code) {
                let codes: Vec<&str> = TARGETS.iter().map(|t| t.0).collect();
                return Err(Failure(
                    format!("unknown indicator '{code}'; known: {}", codes.join(", ")),
                    1,
                ));
            }
            if !value.is_finite() {
                return Err(Failure("--value must be a number".into(), 1));
            }
            data::set_target(pool, &code, value, Utc::now()).await?;
            println!("{code}\t{value}");
        }
    }
    Ok(())
}
