//! Reports a curator or the coordinator can hand in: the indicators against their targets
//! and the underlying tables (pairs, journal, requests, surveys) as XLSX or CSV, and a chart.
//! Built once as plain sheets of typed cells; the writers only lay them out. A district report
//! has hundreds of thousands of cells but few distinct labels and names: each is stored once
//! and shared by its cells.

pub mod chart;
pub mod cli;
pub mod csv;
pub mod print;
pub mod xlsx;

use crate::domain::monitoring::{self, Facts, Indicator, Unit};
use crate::domain::pair::PairStatus;
use crate::domain::OrgKind;
use crate::i18n::Lang;
use crate::repo::monitoring::{self as data, Scope};
use crate::repo::{surveys, Pool};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Weeks of the "meetings per week" chart for a quarter.
pub const CHART_WEEKS: u32 = 13;
/// The journal sheet covers the report's period, newest first, and at most this many rows.
pub const JOURNAL_LIMIT: i64 = 100_000;

/// The period a report's journal sheet and weekly chart cover, ending on its date; chosen
/// with a button in /report (`--period` on the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Period {
    #[default]
    Quarter,
    HalfYear,
    Year,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Quarter, Period::HalfYear, Period::Year];

    pub fn code(self) -> &'static str {
        match self {
            Period::Quarter => "q",
            Period::HalfYear => "h",
            Period::Year => "y",
        }
    }

    pub fn from_code(s: &str) -> Option<Period> {
        Self::ALL.into_iter().find(|p| p.code() == s)
    }

    fn months(self) -> u32 {
        match self {
            Period::Quarter => 3,
            Period::HalfYear => 6,
            Period::Year => 12,
        }
    }

    /// The period's first day: the day after the same date `months` earlier (a quarter to
    /// 30.11 starts on 31.08).
    pub fn start(self, as_of: NaiveDate) -> NaiveDate {
        as_of
            .checked_sub_months(chrono::Months::new(self.months()))
            .map_or(as_of, |d| d + Duration::days(1))
    }

    /// Weeks of the chart.
    pub fn weeks(self) -> u32 {
        CHART_WEEKS * self.months() / 3
    }

    /// «за квартал», «за полугодие», «за год» (`report-period-…`).
    pub fn key(self) -> &'static str {
        match self {
            Period::Quarter => "report-period-quarter",
            Period::HalfYear => "report-period-half-year",
            Period::Year => "report-period-year",
        }
    }
}

/// A cell's text, shared: the same label or name in many cells is one allocation, and the
/// pointer is thin, so that a cell takes 16 bytes (a district report has millions of cells).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Text(Arc<Box<str>>);

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(Arc::new(s.into_boxed_str()))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(Arc::new(Box::from(s)))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(Text),
    Int(i64),
    Num(f64),
    /// hours (shown with one decimal and «ч»)
    Hours(f64),
    /// a share in per cent (0–100)
    Percent(f64),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    /// the widest the column grows, in characters (it is fitted to its content); a longer
    /// text wraps inside the cell
    pub width: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// the sheet's name (≤ 31 characters, no `[]:*?/\`)
    pub name: String,
    /// a latin name for CSV file names
    pub slug: &'static str,
    pub columns: Vec<Column>,
    pub rows: Rows,
}

/// A sheet's rows of equal width, stored flat: one allocation for the table, not one per row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rows {
    width: usize,
    cells: Vec<Cell>,
}

impl Rows {
    pub fn new(width: usize) -> Self {
        Rows {
            width,
            cells: Vec::new(),
        }
    }

    /// Appends a row; it must have the table's width.
    pub fn push<const N: usize>(&mut self, row: [Cell; N]) {
        assert_eq!(N, self.width, "a row of the sheet's width");
        self.cells.extend(row);
    }

    /// Appends a row whose width is known at run time.
    pub fn push_row(&mut self, row: Vec<Cell>) {
        assert_eq!(row.len(), self.width, "a row of the sheet's width");
        self.cells.extend(row);
    }

    pub fn len(&self) -> usize {
        self.cells.len() / self.width.max(1)
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    pub fn iter(&self) -> std::slice::ChunksExact<'_, Cell> {
        self.cells.chunks_exact(self.width.max(1))
    }
}

impl std::ops::Index<usize> for Rows {
    type Output = [Cell];
    fn index(&self, row: usize) -> &[Cell] {
        &self.cells[row * self.width..(row + 1) * self.width]
    }
}

impl<'a> IntoIterator for &'a Rows {
    type Item = &'a [Cell];
    type IntoIter = std::slice::ChunksExact<'a, Cell>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Rows from a list of rows of equal width (small sheets, tests).
impl From<Vec<Vec<Cell>>> for Rows {
    fn from(rows: Vec<Vec<Cell>>) -> Self {
        let width = rows.first().map_or(0, Vec::len);
        assert!(rows.iter().all(|r| r.len() == width), "rows of equal width");
        Rows {
            width,
            cells: rows.into_iter().flatten().collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub lang: Lang,
    /// «МБОУ СОШ № 3» or «Муниципалитет»
    pub title: String,
    pub as_of: NaiveDate,
    /// what the journal sheet and the chart cover, ending on `as_of`
    pub period: Period,
    pub indicators: Vec<Indicator>,
    /// meetings per week (week start, count) over the period
    pub weekly: Vec<(NaiveDate, i64)>,
    pub sheets: Vec<Sheet>,
}

fn col(lang: Lang, key: &str, width: f64) -> Column {
    Column {
        header: tr!(lang, key),
        width,
    }
}

/// Columns from (locale key of the header, width) pairs.
fn cols(lang: Lang, spec: &[(&str, f64)]) -> Vec<Column> {
    spec.iter()
        .map(|(key, width)| col(lang, key, *width))
        .collect()
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(Text::from(s.into()))
}

fn opt_text(s: Option<String>) -> Cell {
    s.map(text).unwrap_or(Cell::Empty)
}

/// The texts of one report, each distinct one made once: labels from the locales (a Fluent
/// lookup per distinct key, not per cell) and names or titles repeated over many rows.
struct Texts {
    lang: Lang,
    labels: HashMap<String, Text>,
    strings: HashSet<Text>,
}

impl Texts {
    fn new(lang: Lang) -> Self {
        Texts {
            lang,
            labels: HashMap::new(),
            strings: HashSet::new(),
        }
    }

    /// The text for `key`, made by `make` the first time.
    fn cached(&mut self, key: &str, make: impl FnOnce(Lang) -> String) -> Cell {
        let lang = self.lang;
        let label = match self.labels.get(key) {
            Some(l) => l.clone(),
            None => {
                let made = Text::from(make(lang));
                self.labels.insert(key.to_string(), made.clone());
                made
            }
        };
        Cell::Text(label)
    }

    /// The locale's text for `key`.
    fn label(&mut self, key: &str) -> Cell {
        self.cached(key, |lang| tr!(lang, key))
    }

    /// The locale's text for `key`, or the stored `code` itself if no locale has one (a value
    /// written by a newer version, say): never the key.
    fn code(&mut self, key: &str, code: &str) -> Cell {
        self.cached(key, |lang| {
            if crate::i18n::I18n::get().has(lang, key) {
                tr!(lang, key)
            } else {
                code.to_string()
            }
        })
    }

    /// A data string (a name, an organization), shared with its earlier occurrences.
    fn shared(&mut self, s: &str) -> Cell {
        match self.strings.get(s) {
            Some(a) => Cell::Text(a.clone()),
            None => {
                let a = Text::from(s);
                self.strings.insert(a.clone());
                Cell::Text(a)
            }
        }
    }

    /// A person's name, or «anonymous» for a person who withdrew consent.
    fn person(&mut self, name: Option<&str>) -> Cell {
        match name {
            Some(n) => self.shared(n),
            None => self.label("xl-anonymous"),
        }
    }
}

/// The locale key of a journal entry's `format`: how a meeting was held (очно, онлайн,
/// посещение урока) or, for a check of a plan item, its outcome (принято, на доработку).
fn journal_format_key(kind: &str, format: &str) -> String {
    match kind {
        "check" => format!("entry-check-{format}"),
        _ => format!("meeting-format-{format}"),
    }
}

fn local(t: DateTime<Utc>, tz: chrono_tz::Tz) -> Cell {
    Cell::DateTime(t.with_timezone(&tz).naive_local())
}

/// Organizations' time zones by their stored names, each parsed once; the report's own zone
/// for an organization without a valid one.
struct Zones {
    fallback: chrono_tz::Tz,
    parsed: HashMap<String, chrono_tz::Tz>,
}

impl Zones {
    fn new(fallback: chrono_tz::Tz) -> Self {
        Zones {
            fallback,
            parsed: HashMap::new(),
        }
    }

    /// The time in the organization's local time.
    fn local(&mut self, t: DateTime<Utc>, tz: Option<&str>) -> Cell {
        let fallback = self.fallback;
        let zone = match tz {
            Some(name) => *self
                .parsed
                .entry(name.to_string())
                .or_insert_with(|| name.parse().unwrap_or(fallback)),
            None => fallback,
        };
        local(t, zone)
    }
}

/// The indicator's name, with its parameter (a question, an end reason) filled in.
pub fn indicator_label(lang: Lang, ind: &Indicator) -> String {
    match (ind.code, ind.param.as_deref()) {
        ("change", Some(q)) => tr!(lang, "ind-change", question = question_label(lang, q)),
        ("ended", Some(r)) => tr!(
            lang,
            "ind-ended",
            reason = tr!(lang, &format!("end-reason-{r}-report"))
        ),
        (code, _) => tr!(lang, &format!("ind-{}", code.replace('_', "-"))),
    }
}

/// A question's short name from the locales (its id if the coordinator added a new one).
pub fn question_label(lang: Lang, qid: &str) -> String {
    let key = format!("sv-short-{}", qid.replace('_', "-"));
    if crate::i18n::I18n::get().has(lang, &key) {
        tr!(lang, &key)
    } else {
        qid.to_string()
    }
}

/// The value as a typed cell in its unit.
fn value_cell(ind: &Indicator, v: Option<f64>) -> Cell {
    match (v, ind.unit) {
        (None, _) => Cell::Empty,
        (Some(v), Unit::People | Unit::Pairs | Unit::Events) => Cell::Int(v.round() as i64),
        (Some(v), Unit::Percent) => Cell::Percent(v),
        (Some(v), Unit::Hours) => Cell::Hours((v * 100.0).round() / 100.0),
        (Some(v), _) => Cell::Num((v * 100.0).round() / 100.0),
    }
}

fn verdict(lang: Lang, ind: &Indicator) -> Cell {
    match ind.met() {
        Some(true) => text(tr!(lang, "ind-met")),
        Some(false) => text(tr!(lang, "ind-not-met")),
        None if ind.target.is_some() => text(tr!(lang, "ind-no-data")),
        None => Cell::Empty,
    }
}

fn unit_label(lang: Lang, unit: Unit) -> String {
    let key = match unit {
        Unit::People => "unit-people",
        Unit::Pairs => "unit-pairs",
        Unit::Events => "unit-events",
        Unit::Percent => "unit-percent",
        Unit::Rate => "unit-rate",
        Unit::Hours => "unit-hours",
        Unit::Minutes => "unit-minutes",
        Unit::Score => "unit-score",
    };
    tr!(lang, key)
}

fn indicator_sheet(lang: Lang, indicators: &[Indicator]) -> Sheet {
    let rows: Vec<Vec<Cell>> = indicators
        .iter()
        .map(|ind| {
            let target = ind.target.map(|t| {
                let sign = match t.direction {
                    monitoring::Direction::AtLeast => "≥",
                    monitoring::Direction::AtMost => "≤",
                };
                (sign, t.value)
            });
            vec![
                text(indicator_label(lang, ind)),
                value_cell(ind, ind.value),
                text(unit_label(lang, ind.unit)),
                target.map(|(s, _)| text(s)).unwrap_or(Cell::Empty),
                value_cell(ind, target.map(|t| t.1)),
                verdict(lang, ind),
                ind.part
                    .filter(|_| ind.unit == Unit::Percent)
                    .map(|p| Cell::Int(p.0))
                    .unwrap_or(Cell::Empty),
                ind.part.map(|p| Cell::Int(p.1)).unwrap_or(Cell::Empty),
            ]
        })
        .collect();
    Sheet {
        name: tr!(lang, "xl-sheet-indicators"),
        slug: "indicators",
        columns: cols(
            lang,
            &[
                ("xl-col-indicator", 52.0),
                ("xl-col-value", 12.0),
                ("xl-col-unit", 16.0),
                ("xl-col-direction", 8.0),
                ("xl-col-target", 12.0),
                ("xl-col-verdict", 16.0),
                ("xl-col-numerator", 10.0),
                ("xl-col-base", 10.0),
            ],
        ),
        rows: Rows::from(rows),
    }
}

/// One row per organization with its main indicators, and every indicator by kind of
/// organization (school, kindergarten, additional education, college; 000 §6.1.2); takes the
/// facts apart (nothing else needs them afterwards).
fn orgs_and_kinds(
    lang: Lang,
    facts: Facts,
    indicators: &[Indicator],
    as_of: NaiveDate,
    targets: &monitoring::Targets,
) -> (Sheet, Sheet) {
    const CODES: [&str; 9] = [
        "pairs_active",
        "pairs_completed",
        "pairs_terminated",
        "mentors",
        "mentees",
        "young_in_programs",
        "completion",
        "silent_share",
        "without_order",
    ];
    let mut org_rows: Vec<((String, i64), Vec<Cell>)> = Vec::new();
    let mut kinds: Vec<(OrgKind, Vec<Indicator>)> = Vec::new();
    for (kind, f) in facts.by_kind() {
        kinds.push((kind, monitoring::compute(&f, as_of, targets)));
        for (org, f) in f.by_org() {
            let ind = monitoring::compute(&f, as_of, targets);
            let mut row = vec![
                Cell::Int(org.id),
                text(org.name.clone()),
                text(tr!(
                    lang,
                    if org.has_curator {
                        "word-yes"
                    } else {
                        "word-no"
                    }
                )),
                Cell::Int(org.mentor_base),
            ];
            for code in CODES {
                let i = ind
                    .iter()
                    .find(|i| i.code == code && i.param.is_none())
                    .expect("computed");
                row.push(value_cell(i, i.value));
            }
            org_rows.push(((org.name, org.id), row));
        }
    }
    // the organizations in the report's order: by name
    org_rows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut columns = vec![
        col(lang, "xl-col-org-id", 6.0),
        col(lang, "xl-col-org", 40.0),
        col(lang, "xl-col-has-curator", 10.0),
        col(lang, "xl-col-mentor-base", 12.0),
    ];
    columns.extend(
        CODES
            .iter()
            .map(|c| col(lang, &format!("ind-{}", c.replace('_', "-")), 14.0)),
    );
    let orgs = Sheet {
        name: tr!(lang, "xl-sheet-orgs"),
        slug: "organizations",
        columns,
        rows: Rows::from(org_rows.into_iter().map(|r| r.1).collect::<Vec<_>>()),
    };

    // the same list of indicators for every kind: row by row
    let mut rows = Rows::new(3 + kinds.len());
    for ind in indicators {
        let mut row = vec![
            text(indicator_label(lang, ind)),
            text(unit_label(lang, ind.unit)),
            value_cell(ind, ind.value),
        ];
        row.extend(kinds.iter().map(|(_, k)| {
            k.iter()
                .find(|i| i.code == ind.code && i.param == ind.param)
                .map_or(Cell::Empty, |i| value_cell(i, i.value))
        }));
        rows.push_row(row);
    }
    let mut columns = vec![
        col(lang, "xl-col-indicator", 52.0),
        col(lang, "xl-col-unit", 16.0),
        col(lang, "xl-col-all-kinds", 12.0),
    ];
    columns.extend(kinds.iter().map(|(k, _)| Column {
        header: tr!(lang, &k.key()),
        width: 14.0,
    }));
    let by_kind = Sheet {
        name: tr!(lang, "xl-sheet-kinds"),
        slug: "kinds",
        columns,
        rows,
    };
    (orgs, by_kind)
}

/// Builds the whole report for a scope as of a date; a district report is titled with the
/// district's name (`DISTRICT_NAME`), «Муниципалитет» without one.
pub async fn build(
    pool: &Pool,
    scope: Scope,
    as_of: NaiveDate,
    period: Period,
    lang: Lang,
    tz: chrono_tz::Tz,
    district: Option<&str>,
) -> anyhow::Result<Report> {
    let facts = data::facts(pool, scope, as_of).await?;
    let targets = data::targets(pool).await?;
    let indicators = monitoring::compute(&facts, as_of, &targets);
    let title = match scope {
        Scope::Org(_) => facts
            .orgs
            .first()
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        Scope::District => district
            .map(str::to_string)
            .unwrap_or_else(|| tr!(lang, "report-district")),
    };
    let chart_start = as_of - Duration::weeks(period.weeks() as i64);
    let per_day = data::meetings_per_day(pool, scope, chart_start, as_of).await?;
    let weekly = monitoring::weekly(&per_day, as_of, period.weeks());

    let mut texts = Texts::new(lang);
    let mut zones = Zones::new(tz);

    // pairs
    let names = data::names(pool, scope).await?;
    let details = data::pair_details(pool, scope).await?;
    let org_names: HashMap<i64, String> =
        facts.orgs.iter().map(|o| (o.id, o.name.clone())).collect();
    let mut pair_rows = Rows::new(14);
    for p in &facts.pairs {
        let (planned_end, order_no, order_date) =
            details
                .get(&p.id)
                .cloned()
                .unwrap_or((p.start_date, None, None));
        let status = p.status_on(as_of);
        let ended = status != PairStatus::Active;
        let org = match p.org_id.and_then(|o| org_names.get(&o)) {
            Some(name) => texts.shared(name),
            None => Cell::Empty,
        };
        let mentor = texts.person(names.get(&p.mentor_id).map(String::as_str));
        let mentees = match p.mentees.as_slice() {
            [one] => texts.person(names.get(one).map(String::as_str)),
            many => text(
                many.iter()
                    .map(|m| {
                        names
                            .get(m)
                            .cloned()
                            .unwrap_or_else(|| tr!(lang, "xl-anonymous"))
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        };
        pair_rows.push([
            Cell::Int(p.id),
            org,
            mentor,
            mentees,
            Cell::Date(p.start_date),
            Cell::Date(planned_end),
            texts.label(&format!("xl-status-{}", status.code())),
            match p.end_reason.filter(|_| ended) {
                Some(r) => texts.label(&format!("{}-report", r.key())),
                None => Cell::Empty,
            },
            if ended {
                p.ended_on.map(Cell::Date).unwrap_or(Cell::Empty)
            } else {
                Cell::Empty
            },
            opt_text(order_no),
            order_date.map(Cell::Date).unwrap_or(Cell::Empty),
            Cell::Int(p.meetings),
            Cell::Hours((p.minutes as f64 / 60.0 * 100.0).round() / 100.0),
            p.last_meeting.map(Cell::Date).unwrap_or(Cell::Empty),
        ]);
    }
    drop((names, details, org_names));
    let pairs = Sheet {
        name: tr!(lang, "xl-sheet-pairs"),
        slug: "pairs",
        columns: cols(
            lang,
            &[
                ("xl-col-pair", 8.0),
                ("xl-col-org", 30.0),
                ("xl-col-mentor", 30.0),
                ("xl-col-mentees", 40.0),
                ("xl-col-start", 12.0),
                ("xl-col-planned-end", 12.0),
                ("xl-col-status", 14.0),
                ("xl-col-end-reason", 30.0),
                ("xl-col-ended", 12.0),
                ("xl-col-order-no", 12.0),
                ("xl-col-order-date", 12.0),
                ("xl-col-meetings", 10.0),
                ("xl-col-hours", 10.0),
                ("xl-col-last-meeting", 14.0),
            ],
        ),
        rows: pair_rows,
    };
    let (orgs, by_kind) = orgs_and_kinds(lang, facts, &indicators, as_of, &targets);
    let mut sheets = vec![indicator_sheet(lang, &indicators), orgs, pairs];

    // journal (the whole period), converted row by row as it is read
    let mut rows = Rows::new(7);
    data::journal_rows(
        pool,
        scope,
        period.start(as_of),
        as_of,
        JOURNAL_LIMIT,
        |j| {
            rows.push([
                Cell::Date(j.on_date),
                Cell::Int(j.pair_id),
                texts.label(&format!("xl-entry-{}", j.kind)),
                j.minutes.map(Cell::Int).unwrap_or(Cell::Empty),
                match &j.format {
                    Some(f) => texts.code(&journal_format_key(&j.kind, f), f),
                    None => Cell::Empty,
                },
                text(j.topic),
                texts.person(j.author.as_deref()),
            ]);
        },
    )
    .await?;
    sheets.push(Sheet {
        name: tr!(lang, "xl-sheet-journal"),
        slug: "journal",
        columns: cols(
            lang,
            &[
                ("xl-col-date", 12.0),
                ("xl-col-pair", 8.0),
                ("xl-col-kind", 14.0),
                ("xl-col-minutes", 8.0),
                ("xl-col-format", 16.0),
                ("xl-col-topic", 60.0),
                ("xl-col-author", 30.0),
            ],
        ),
        rows,
    });

    // requests and their outcomes
    let mut rows = Rows::new(9);
    data::request_rows(pool, scope, as_of, |r| {
        rows.push([
            Cell::Int(r.id),
            match &r.org {
                Some(o) => texts.shared(o),
                None => Cell::Empty,
            },
            texts.person(r.mentee.as_deref()),
            texts.label(&format!("rq-kind-{}", r.kind)),
            texts.label(&format!("rq-status-{}", r.status)),
            opt_text(r.reject_reason),
            zones.local(r.created_at, r.tz.as_deref()),
            zones.local(r.updated_at, r.tz.as_deref()),
            r.pair_id.map(Cell::Int).unwrap_or(Cell::Empty),
        ]);
    })
    .await?;
    sheets.push(Sheet {
        name: tr!(lang, "xl-sheet-requests"),
        slug: "requests",
        columns: cols(
            lang,
            &[
                ("xl-col-request", 8.0),
                ("xl-col-org", 30.0),
                ("xl-col-mentee", 30.0),
                ("xl-col-kind", 16.0),
                ("xl-col-status", 18.0),
                ("xl-col-reject-reason", 30.0),
                ("xl-col-created", 17.0),
                ("xl-col-updated", 17.0),
                ("xl-col-pair", 8.0),
            ],
        ),
        rows,
    });

    // survey answers, converted row by row as they are read
    let defs = surveys::all(pool).await?;
    let mut rows = Rows::new(7);
    data::survey_rows(pool, scope, as_of, |a| {
        let title = texts.cached(&format!("title:{}", a.survey), |lang| {
            crate::texts::survey_title(lang, &a.survey)
        });
        let question = texts.cached(&format!("question:{}:{}", a.survey, a.qid), |lang| {
            let own = defs
                .iter()
                .find(|s| s.code == a.survey)
                .and_then(|s| s.question(&a.qid))
                .map(|q| crate::texts::question_text(lang, q));
            own.unwrap_or_else(|| question_label(lang, &a.qid))
        });
        rows.push([
            Cell::Int(a.pair_id),
            texts.person(a.person.as_deref()),
            title,
            question,
            a.score.map(Cell::Int).unwrap_or(Cell::Empty),
            opt_text(a.text),
            zones.local(a.answered_at, a.tz.as_deref()),
        ]);
    })
    .await?;
    sheets.push(Sheet {
        name: tr!(lang, "xl-sheet-surveys"),
        slug: "surveys",
        columns: cols(
            lang,
            &[
                ("xl-col-pair", 8.0),
                ("xl-col-person", 30.0),
                ("xl-col-survey", 28.0),
                ("xl-col-question", 40.0),
                ("xl-col-score", 8.0),
                ("xl-col-answer", 50.0),
                ("xl-col-answered", 17.0),
            ],
        ),
        rows,
    });
    sheets.push(by_kind);
    Ok(Report {
        lang,
        title,
        as_of,
        period,
        indicators,
        weekly,
        sheets,
    })
}

/// `report-2026-11-30.xlsx` and the like.
pub fn file_name(report: &Report, ext: &str) -> String {
    format!(
        "{}-{}.{ext}",
        tr!(report.lang, "report-file"),
        report.as_of.format("%Y-%m-%d")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::monitoring::sample;
    use calamine::{Data, DataType, Reader, Xlsx};
    use std::io::Cursor;

    async fn school_report() -> Report {
        let pool = crate::db::memory().await;
        sample::seed(&pool).await;
        build(
            &pool,
            Scope::Org(1),
            sample::as_of(),
            Period::Quarter,
            Lang::Ru,
            chrono_tz::Asia::Irkutsk,
            None,
        )
        .await
        .unwrap()
    }

    fn row_of<'a>(range: &'a calamine::Range<Data>, first: &str) -> Vec<&'a Data> {
        range
            .rows()
            .find(|r| r.first().and_then(|c| c.get_string()) == Some(first))
            .unwrap_or_else(|| panic!("no row «{first}»"))
            .iter()
            .collect()
    }

    #[tokio::test]
    async fn xlsx_opens_with_typed_cells_and_russian_headers() {
        let report = school_report().await;
        let bytes = xlsx::write(&report).unwrap();
        let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
        assert_eq!(
            wb.sheet_names(),
            vec![
                "Показатели",
                "По организациям",
                "Пары",
                "Журнал",
                "Запросы",
                "Опросы",
                "По видам ОО"
            ]
        );

        let ind = wb.worksheet_range("Показатели").unwrap();
        assert_eq!(
            ind.get_value((0, 0)).and_then(|c| c.get_string()),
            Some("Мониторинг программ наставничества: МБОУ СОШ № 1, на 30.11.2026")
        );
        let header: Vec<String> = ind
            .rows()
            .nth(2)
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(
            header[..6],
            [
                "Показатель",
                "Значение",
                "Единица",
                "Условие",
                "Целевое значение",
                "Результат"
            ]
        );
        // school 1: its mentees 3 and 4 entered programmes, 4 completed → 50 % < 70 %
        let completion = row_of(&ind, "Доля наставляемых, прошедших программу");
        assert_eq!(
            completion[1],
            &Data::Float(0.5),
            "a share is a number formatted as per cent"
        );
        assert_eq!(completion[4], &Data::Float(0.7));
        assert_eq!(completion[5].get_string(), Some("не выполнено"));
        // of the 4 young teachers the school stated, 2 are in programmes
        let young = row_of(&ind, "Доля молодых педагогов (первые 3 года) в программах");
        assert_eq!(young[1], &Data::Float(0.5));
        assert_eq!(young[5].get_string(), Some("не выполнено"));
        assert_eq!((young[6].as_i64(), young[7].as_i64()), (Some(2), Some(4)));
        // the calendar records no held events: «нет данных», no value
        let events = row_of(&ind, "Мероприятий района по наставничеству за год");
        assert_eq!(
            (events[1], events[5].get_string()),
            (&Data::Empty, Some("нет данных"))
        );
        let sos = row_of(&ind, "Медианное время ответа на /sos");
        assert_eq!(sos[1], &Data::Float(90.0));
        assert_eq!(sos[3].get_string(), Some("≤"));
        let change = row_of(&ind, "Изменение «мотивация» (итог − вход)");
        assert_eq!(change[1], &Data::Float(1.0));

        let pairs = wb.worksheet_range("Пары").unwrap();
        assert_eq!(
            pairs.get_value((0, 0)).and_then(|c| c.get_string()),
            Some("№ пары")
        );
        let p1 = row_of_num(&pairs, 1.0);
        assert_eq!(p1[2].get_string(), Some("Петрова Анна Сергеевна"));
        assert_eq!(p1[3].get_string(), Some("Иванова Мария Петровна"));
        assert!(p1[4].is_datetime(), "a real date: {:?}", p1[4]);
        assert_eq!(p1[4].as_date(), chrono::NaiveDate::from_ymd_opt(2026, 9, 1));
        assert_eq!(p1[6].get_string(), Some("идёт"));
        assert_eq!(p1[9].get_string(), Some("12"));
        assert_eq!(p1[11], Data::Float(2.0));
        assert_eq!(p1[12], Data::Float(1.75));
        let p2 = row_of_num(&pairs, 2.0);
        assert_eq!(p2[6].get_string(), Some("завершена"));
        assert_eq!(
            p2[8].as_date(),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 1)
        );
        assert_eq!(
            pairs.rows().count(),
            3,
            "school 2's pair is not in school 1's report"
        );

        let journal = wb.worksheet_range("Журнал").unwrap();
        let topics: Vec<String> = journal.rows().skip(1).map(|r| r[5].to_string()).collect();
        assert_eq!(
            topics,
            vec![
                "Консультация",
                "Посещение урока в 7Б",
                "Родительское собрание",
                "Знакомство и план"
            ],
            "newest first"
        );
        assert_eq!(
            journal.rows().nth(2).unwrap()[4].get_string(),
            Some("посещение урока")
        );

        let surveys = wb.worksheet_range("Опросы").unwrap();
        let texts: Vec<String> = surveys
            .rows()
            .skip(1)
            .map(|r| r[5].to_string())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(texts, vec!["Хочу научиться держать дисциплину"]);
        let first = surveys.rows().nth(1).unwrap();
        assert_eq!(first[2].get_string(), Some("Входной опрос наставляемого"));
        assert!(first[3]
            .get_string()
            .unwrap()
            .starts_with("Насколько сейчас высока ваша мотивация"));
        assert_eq!(first[4], Data::Float(2.0));
        assert!(first[6].is_datetime());
    }

    fn row_of_num(range: &calamine::Range<Data>, id: f64) -> Vec<Data> {
        range
            .rows()
            .find(|r| r[0] == Data::Float(id))
            .unwrap()
            .to_vec()
    }

    #[tokio::test]
    async fn chart_is_a_png_of_the_expected_size() {
        let report = school_report().await;
        assert_eq!(report.weekly.len(), CHART_WEEKS as usize);
        assert_eq!(
            report.weekly.iter().map(|w| w.1).sum::<i64>(),
            3,
            "10.09, 05.10 and 20.11 (13 weeks from 07.09)"
        );
        let png_bytes = chart::render(&report).unwrap();
        // CHART_OUT=/tmp/chart.png cargo test --lib chart_is — to look at it
        if let Ok(path) = std::env::var("CHART_OUT") {
            std::fs::write(path, &png_bytes).unwrap();
        }
        let decoder = png::Decoder::new(Cursor::new(png_bytes));
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        assert_eq!((info.width, info.height), (chart::WIDTH, chart::HEIGHT));
    }

    #[tokio::test]
    async fn district_report_has_every_school() {
        let pool = crate::db::memory().await;
        sample::seed(&pool).await;
        let report = build(
            &pool,
            Scope::District,
            sample::as_of(),
            Period::Quarter,
            Lang::En,
            chrono_tz::Asia::Irkutsk,
            None,
        )
        .await
        .unwrap();
        assert_eq!(report.title, "District");
        let named = build(
            &pool,
            Scope::District,
            sample::as_of(),
            Period::Quarter,
            Lang::Ru,
            chrono_tz::Asia::Irkutsk,
            Some("Сысертский округ"),
        )
        .await
        .unwrap();
        assert_eq!(
            named.title, "Сысертский округ",
            "a district report carries the district's name"
        );
        let orgs = &report.sheets[1];
        assert_eq!(orgs.rows.len(), 2);
        assert_eq!(
            orgs.rows[0][1],
            Cell::Text("МБОУ СОШ № 1".into()),
            "by name"
        );
        // every indicator by kind: both schools are schools; no kindergarten, so no data
        let kinds = report.sheets.iter().find(|s| s.slug == "kinds").unwrap();
        assert_eq!(
            kinds
                .columns
                .iter()
                .map(|c| c.header.as_str())
                .collect::<Vec<_>>(),
            [
                "Indicator",
                "Unit",
                "All organizations",
                "school",
                "kindergarten",
                "additional education centre",
                "college"
            ]
        );
        assert_eq!(kinds.rows.len(), report.indicators.len());
        let ready = kinds
            .rows
            .iter()
            .find(|r| {
                r[0] == Cell::Text(
                    indicator_label(Lang::En, &report.indicators[0])
                        .as_str()
                        .into(),
                )
            })
            .unwrap();
        assert_eq!(
            ready[2..],
            [
                Cell::Percent(50.0),
                Cell::Percent(50.0),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty
            ]
        );
        assert_eq!(
            orgs.rows[1][2],
            Cell::Text("no".into()),
            "school 2 has no curator"
        );
        assert_eq!(report.sheets[2].rows.len(), 3);
        let csv = String::from_utf8(csv::write(&report.sheets[2])).unwrap();
        assert!(
            csv.starts_with("\u{feff}Pair #;Organization;Mentor"),
            "{csv}"
        );
    }

    /// Ending reasons in a report are third person and say whose initiative it was: every
    /// «Прекращено досрочно: …» line is different, and none says «по моей инициативе».
    #[tokio::test]
    async fn ending_reasons_say_whose_initiative() {
        let report = school_report().await;
        for lang in Lang::ALL {
            let labels: Vec<String> = report
                .indicators
                .iter()
                .filter(|i| i.code == "ended")
                .map(|i| indicator_label(lang, i))
                .collect();
            assert_eq!(labels.len(), 6, "{labels:?}");
            let distinct: HashSet<&String> = labels.iter().collect();
            assert_eq!(distinct.len(), labels.len(), "{labels:?}");
            for l in &labels {
                assert!(
                    !l.to_lowercase().contains("моей") && !l.to_lowercase().contains(" my "),
                    "{l}"
                );
            }
        }
        let ru: Vec<String> = report
            .indicators
            .iter()
            .filter(|i| i.code == "ended")
            .map(|i| indicator_label(Lang::Ru, i))
            .collect();
        for whose in [
            "по инициативе наставника",
            "по инициативе наставляемого",
            "по инициативе обоих",
        ] {
            assert!(
                ru.iter()
                    .any(|l| l.starts_with(&format!("Прекращено досрочно: {whose}"))),
                "{whose}: {ru:?}"
            );
        }
        // the pairs sheet says it the same way
        let pool = crate::db::memory().await;
        sample::seed(&pool).await;
        let district = build(
            &pool,
            Scope::District,
            sample::as_of(),
            Period::Quarter,
            Lang::Ru,
            chrono_tz::Asia::Irkutsk,
            None,
        )
        .await
        .unwrap();
        let pairs = district.sheets.iter().find(|s| s.slug == "pairs").unwrap();
        assert_eq!(
            pairs.rows[2][7],
            Cell::Text("по инициативе наставляемого".into()),
            "pair 3 was ended by the mentee"
        );
    }

    /// Units are words («чел.», «пар»), and times are each organization's local time even in a
    /// district report made in another zone.
    #[tokio::test]
    async fn units_are_words_and_times_are_the_organizations() {
        let pool = crate::db::memory().await;
        sample::seed(&pool).await;
        let report = build(
            &pool,
            Scope::District,
            sample::as_of(),
            Period::Quarter,
            Lang::Ru,
            chrono_tz::Europe::Moscow,
            Some("Сысертский округ"),
        )
        .await
        .unwrap();
        let ind = &report.sheets[0];
        let unit = |code: &str| {
            let label = indicator_label(
                Lang::Ru,
                report
                    .indicators
                    .iter()
                    .find(|i| i.code == code && i.param.is_none())
                    .unwrap(),
            );
            ind.rows
                .iter()
                .find(|r| r[0] == Cell::Text(label.as_str().into()))
                .unwrap()[2]
                .clone()
        };
        assert_eq!(unit("mentors"), Cell::Text("чел.".into()));
        assert_eq!(unit("mentees"), Cell::Text("чел.".into()));
        assert_eq!(unit("pairs_active"), Cell::Text("пар".into()));
        assert_eq!(
            unit("meetings_per_month"),
            Cell::Text("встреч в месяц".into())
        );
        assert!(
            ind.rows
                .iter()
                .all(|r| !matches!(&r[2], Cell::Text(t) if t.contains('/'))),
            "no «чел./шт.»"
        );
        // the first answer was given at 10:01 UTC: 18:01 in Irkutsk, where the school is
        let surveys = report.sheets.iter().find(|s| s.slug == "surveys").unwrap();
        let first = chrono::NaiveDate::from_ymd_opt(2026, 9, 1)
            .unwrap()
            .and_hms_opt(18, 1, 0)
            .unwrap();
        assert_eq!(surveys.rows[0][6], Cell::DateTime(first));
    }

    /// The journal sheet and the chart cover the period chosen, not the last quarter only.
    #[tokio::test]
    async fn the_journal_covers_the_period_chosen() {
        let pool = crate::db::memory().await;
        sample::seed(&pool).await;
        let as_of = chrono::NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
        assert_eq!(
            Period::Quarter.start(as_of),
            chrono::NaiveDate::from_ymd_opt(2026, 10, 16).unwrap()
        );
        assert_eq!(
            Period::HalfYear.start(as_of),
            chrono::NaiveDate::from_ymd_opt(2026, 7, 16).unwrap()
        );
        assert_eq!(
            Period::Year.start(sample::as_of()),
            chrono::NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()
        );
        let mut seen = Vec::new();
        for period in Period::ALL {
            let report = build(
                &pool,
                Scope::Org(1),
                as_of,
                period,
                Lang::Ru,
                chrono_tz::Asia::Irkutsk,
                None,
            )
            .await
            .unwrap();
            let journal = report.sheets.iter().find(|s| s.slug == "journal").unwrap();
            let dates: Vec<Cell> = journal.rows.iter().map(|r| r[0].clone()).collect();
            assert_eq!(report.weekly.len(), period.weeks() as usize);
            seen.push((
                journal.rows.len(),
                report.weekly.iter().map(|w| w.1).sum::<i64>(),
            ));
            assert!(
                dates
                    .iter()
                    .all(|d| matches!(d, Cell::Date(d) if *d >= period.start(as_of))),
                "{period:?}: {dates:?}"
            );
        }
        // a quarter to 15.01: 20.11 and 22.11; a half-year and a year: also 10.09 and 05.10
        // (chart: meetings only — 1, then 3)
        assert_eq!(seen, vec![(2, 1), (4, 3), (4, 3)]);
    }

    /// Every literal key the report's code names (`"xl-col-…"` in column specs, `label("…")`,
    /// `"unit-…"`, `"chart-…"`, `"report-…"`, `"ind-…"`, `"end-reason-…"`) exists in both
    /// locales: a key missing in one would print as itself (`meeting-format-accepted`).
    #[test]
    fn every_key_the_report_names_exists() {
        const SOURCES: [&str; 6] = [
            include_str!("mod.rs"),
            include_str!("chart.rs"),
            include_str!("xlsx.rs"),
            include_str!("csv.rs"),
            include_str!("print.rs"),
            include_str!("../bot/monitoring.rs"),
        ];
        const PREFIXES: [&str; 7] = [
            "xl-",
            "unit-",
            "chart-",
            "report-",
            "ind-",
            "end-reason-",
            "sv-",
        ];
        let i18n = crate::i18n::I18n::get();
        let mut seen = 0;
        let mut missing = Vec::new();
        for src in SOURCES {
            for literal in src.split('"').skip(1).step_by(2) {
                let is_key = PREFIXES.iter().any(|p| literal.starts_with(p))
                    && !literal.ends_with('-')
                    && literal
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !is_key {
                    continue;
                }
                seen += 1;
                for lang in Lang::ALL {
                    if !i18n.has(lang, literal) {
                        missing.push(format!("{literal} ({})", lang.code()));
                    }
                }
            }
        }
        assert!(seen > 50, "the scan finds the keys: {seen}");
        assert!(missing.is_empty(), "{missing:?}");
    }

    /// Every label built at run time (indicators, questions, surveys) exists in both locales.
    #[tokio::test]
    async fn dynamic_labels_exist() {
        let pool = crate::db::memory().await;
        sample::seed(&pool).await;
        let facts = crate::repo::monitoring::facts(&pool, Scope::District, sample::as_of())
            .await
            .unwrap();
        let mut ind = monitoring::compute(&facts, sample::as_of(), &monitoring::Targets::default());
        for code in [
            "confidence",
            "adaptation",
            "innovation",
            "mentor_growth",
            "mentee_progress",
        ] {
            ind.push(Indicator {
                code: "change",
                param: Some(code.into()),
                unit: Unit::Score,
                value: None,
                part: None,
                target: None,
            });
        }
        for lang in Lang::ALL {
            for i in &ind {
                let label = indicator_label(lang, i);
                assert!(
                    !label.starts_with("ind-")
                        && !label.contains("end-reason")
                        && !label.contains('_'),
                    "{label}"
                );
            }
            for s in crate::repo::surveys::all(&pool).await.unwrap() {
                assert_ne!(crate::texts::survey_title(lang, &s.code), s.code);
                for q in &s.questions {
                    assert_ne!(crate::texts::question_text(lang, q), q.id);
                }
            }
            for status in ["active", "completed", "terminated"] {
                assert!(crate::i18n::I18n::get().has(lang, &format!("xl-status-{status}")));
            }
            for kind in ["meeting", "helped", "sos", "task", "check"] {
                assert!(crate::i18n::I18n::get().has(lang, &format!("xl-entry-{kind}")));
            }
        }
    }
}
