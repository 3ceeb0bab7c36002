//! The documents a school files (001 App.1 §4, §6.2; 000 §5; 002 §6.5): built from plain
//! data by pure functions (`build`, `banks`), loaded from the database by `load`. Word files
//! for texts, Excel workbooks for the banks. Russian by default, A4.

pub mod banks;
pub mod build;
pub mod cli;
pub mod ics;
pub mod load;
pub mod samples;
pub mod word;

use crate::domain::journal::{PlanStatus, Summary};
use crate::domain::monitoring::Indicator;
use crate::domain::pair::EndReason;
use crate::domain::{Area, Form, MenteeCategory, Role};
use chrono::{NaiveDate, NaiveDateTime};

/// What can be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Персонализированная программа наставничества of a pair or group.
    Programme,
    /// Проект приказа о закреплении наставников за наставляемыми (pairs awaiting an order).
    OrderDraft,
    /// Отчёт наставника о ходе адаптации (the last report sent with /adaptation).
    Adaptation,
    /// Итоговый отчёт по программе наставничества (the whole pair, when it ends).
    Final,
    /// Аналитическая справка куратора (a school) or координатора (the district) for a period.
    Spravka,
    /// Банк наставников (XLSX).
    Mentors,
    /// Банк наставляемых (XLSX).
    Mentees,
    /// Сведения о согласиях of one person.
    Consent,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Programme,
        Kind::OrderDraft,
        Kind::Adaptation,
        Kind::Final,
        Kind::Spravka,
        Kind::Mentors,
        Kind::Mentees,
        Kind::Consent,
    ];

    /// Its code: in the CLI (`nastavnik doc programme`) and in buttons.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Programme => "programme",
            Kind::OrderDraft => "order",
            Kind::Adaptation => "adaptation",
            Kind::Final => "final",
            Kind::Spravka => "spravka",
            Kind::Mentors => "mentors",
            Kind::Mentees => "mentees",
            Kind::Consent => "consent",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The Fluent key of its name.
    pub fn key(self) -> String {
        format!("doc-kind-{}", self.code())
    }

    /// The file's stem in transliterated Russian: `programma`, `prikaz`…
    fn stem(self) -> &'static str {
        match self {
            Kind::Programme => "programma",
            Kind::OrderDraft => "proekt-prikaza",
            Kind::Adaptation => "otchet-adaptaciya",
            Kind::Final => "itogovyj-otchet",
            Kind::Spravka => "spravka",
            Kind::Mentors => "bank-nastavnikov",
            Kind::Mentees => "bank-nastavlyaemyh",
            Kind::Consent => "soglasiya",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Kind::Mentors | Kind::Mentees => "xlsx",
            _ => "docx",
        }
    }

    /// For a pair (`programma-para-12.docx`), a person, an organization or the district.
    pub fn file_name(self, subject: &Subject) -> String {
        let tail = match subject {
            Subject::Pair(id) => format!("para-{id}"),
            Subject::Person(id) => format!("chelovek-{id}"),
            Subject::Org(id, None) => format!("oo-{id}"),
            Subject::Org(id, Some((from, to))) => {
                format!("oo-{id}-{}-{}", from.format("%Y%m%d"), to.format("%Y%m%d"))
            }
            Subject::District(None) => "rajon".to_string(),
            Subject::District(Some((from, to))) => {
                format!("rajon-{}-{}", from.format("%Y%m%d"), to.format("%Y%m%d"))
            }
        };
        format!("{}-{tail}.{}", self.stem(), self.extension())
    }
}

/// A period offered for the справка: this month so far, last month, the school year so far.
pub const PERIODS: [&str; 3] = ["m0", "m1", "y"];

/// The dates of a period offered by code, as of `today`.
pub fn period(code: &str, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    use chrono::Datelike;
    let first_of_month = today.with_day(1)?;
    match code {
        "m0" => Some((first_of_month, today)),
        "m1" => {
            let last = first_of_month.pred_opt()?;
            Some((last.with_day(1)?, last))
        }
        // the school year starts on 1 September
        "y" => {
            let year = if today.month() >= 9 {
                today.year()
            } else {
                today.year() - 1
            };
            Some((NaiveDate::from_ymd_opt(year, 9, 1)?, today))
        }
        _ => None,
    }
}

/// What a document is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Pair(i64),
    Person(i64),
    /// An organization, with a period for the справка.
    Org(i64, Option<(NaiveDate, NaiveDate)>),
    District(Option<(NaiveDate, NaiveDate)>),
}

/// A made document.
#[derive(Debug, Clone)]
pub struct Doc {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Why a document was not made.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    /// The pair, person or organization does not exist.
    #[error("not found")]
    NotFound,
    /// Nothing to put in it: no pairs awaiting an order, no report sent, an empty period.
    #[error("nothing to put in the document")]
    Empty,
    #[error("the document kind does not apply to this subject")]
    Mismatch,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error("docx: {0}")]
    Docx(#[from] docx_rs::DocxError),
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

impl DocError {
    /// The Fluent key of the reply for a person.
    pub fn key(&self) -> &'static str {
        match self {
            DocError::NotFound | DocError::Mismatch => "doc-err-not-found",
            DocError::Empty => "doc-err-empty",
            _ => "err-internal",
        }
    }
}

// ---------------------------------------------------------------- the data of each document

/// A mentee as the programme names them.
#[derive(Debug, Clone, PartialEq)]
pub struct MenteeLine {
    pub name: String,
    pub position: Option<String>,
    pub category: Option<MenteeCategory>,
    /// The areas of difficulty asked about (направления).
    pub areas: Vec<Area>,
}

/// One item of the plan with its product and the mentee's self-assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanLine {
    /// goal / item / task
    pub kind: String,
    pub title: String,
    pub area: Option<Area>,
    pub deadline: Option<NaiveDate>,
    pub status: PlanStatus,
    /// For one mentee of a group (their name); `None` for the whole pair or group.
    pub mentee: Option<String>,
    pub product: Option<String>,
    pub self_score: Option<i64>,
    pub self_comment: Option<String>,
}

/// The pair or group a document is about.
#[derive(Debug, Clone, PartialEq)]
pub struct PairHeader {
    pub id: i64,
    pub org: String,
    pub mentor: String,
    pub mentor_position: Option<String>,
    pub mentees: Vec<MenteeLine>,
    pub curator: Option<String>,
    pub forms: Vec<Form>,
    pub start: NaiveDate,
    pub planned_end: NaiveDate,
    pub order: Option<(String, NaiveDate)>,
    pub ended: Option<(NaiveDate, EndReason)>,
}

impl PairHeader {
    pub fn is_group(&self) -> bool {
        self.mentees.len() > 1
    }
}

/// 1. Персонализированная программа наставничества.
#[derive(Debug, Clone, PartialEq)]
pub struct Programme {
    pub pair: PairHeader,
    pub plan: Vec<PlanLine>,
    /// The date the document is made on (overdue items are shown as such).
    pub as_of: NaiveDate,
}

/// A pair in the draft order, with the participants' consents.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderPair {
    pub id: i64,
    pub mentor: String,
    /// The mentor's written consent to mentor (local time).
    pub mentor_consent: Option<NaiveDateTime>,
    /// Each mentee with their consent to take part (to the processing of personal data).
    pub mentees: Vec<(String, Option<NaiveDateTime>)>,
    pub forms: Vec<Form>,
    pub start: NaiveDate,
    pub planned_end: NaiveDate,
}

/// 2. Проект приказа о закреплении наставников за наставляемыми.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderDraft {
    pub org: String,
    pub date: NaiveDate,
    pub curator: Option<String>,
    pub head: Option<String>,
    pub pairs: Vec<OrderPair>,
}

/// A meeting in a report.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingLine {
    pub on: NaiveDate,
    pub minutes: Option<i64>,
    pub topic: String,
}

/// 3. The mentor's report on adaptation (a period) or the final report (the whole pair).
#[derive(Debug, Clone, PartialEq)]
pub struct PairReport {
    pub pair: PairHeader,
    pub is_final: bool,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub summary: Summary,
    pub meetings: Vec<MeetingLine>,
    pub plan: Vec<PlanLine>,
    /// (question, mean change exit − entry, participants) — the final report only.
    pub changes: Vec<(String, Option<f64>, i64)>,
    /// The mentor's comment sent with the report.
    pub comment: Option<String>,
}

/// A pair in the справка: its work in the period.
#[derive(Debug, Clone, PartialEq)]
pub struct SpravkaPair {
    pub id: i64,
    pub org: String,
    pub mentor: String,
    pub mentees: String,
    pub has_order: bool,
    pub meetings: i64,
    pub minutes: i64,
    pub last_meeting: Option<NaiveDate>,
    pub plan_done: i64,
    pub plan_total: i64,
    pub overdue: i64,
    pub sos_unanswered: i64,
}

/// 4. Аналитическая справка for a school or the district.
#[derive(Debug, Clone, PartialEq)]
pub struct Spravka {
    /// The school's name, or the district's («Муниципалитет»).
    pub scope: String,
    pub district: bool,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Who signs: the curator or the coordinator.
    pub author: Option<String>,
    pub indicators: Vec<Indicator>,
    pub pairs: Vec<SpravkaPair>,
    /// Days without a meeting that make a pair silent.
    pub silent_days: i64,
}

/// A mentor in the bank of mentors.
#[derive(Debug, Clone, PartialEq)]
pub struct MentorRow {
    pub name: String,
    pub org: String,
    pub position: Option<String>,
    pub experience: Option<i64>,
    pub competences: Vec<Area>,
    pub forms: Vec<Form>,
    pub capacity: i64,
    /// Mentees in active pairs now.
    pub load: i64,
    /// active / paused / resigned
    pub status: String,
    pub consent: NaiveDateTime,
    pub updated: NaiveDateTime,
}

/// A mentee in the bank of mentees.
#[derive(Debug, Clone, PartialEq)]
pub struct MenteeRow {
    pub name: String,
    pub org: String,
    pub position: Option<String>,
    pub experience: Option<i64>,
    pub category: MenteeCategory,
    pub areas: Vec<Area>,
    /// The mentor of an active pair, if any.
    pub mentor: Option<String>,
    pub consent: Option<NaiveDateTime>,
    pub updated: NaiveDateTime,
}

/// 5. A bank (of mentors or of mentees) of one organization or the district.
#[derive(Debug, Clone, PartialEq)]
pub struct Bank<R> {
    pub scope: String,
    pub as_of: NaiveDate,
    pub rows: Vec<R>,
}

/// 6. What a person agreed to, and when (local time).
#[derive(Debug, Clone, PartialEq)]
pub struct ConsentRecord {
    pub name: String,
    pub org: Option<String>,
    pub roles: Vec<Role>,
    /// Consent to the processing of personal data (152-ФЗ).
    pub personal_data: Option<NaiveDateTime>,
    pub registered: Option<NaiveDateTime>,
    /// The mentor's consent to mentor.
    pub mentor: Option<NaiveDateTime>,
    /// The mentee's profile (request for support) last confirmed.
    pub mentee_profile: Option<NaiveDateTime>,
    pub as_of: NaiveDateTime,
}

#[cfg(test)]
pub(crate) mod tests;
