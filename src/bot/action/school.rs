//! Organizations' reports and school facts: the period of a /report and its CSV copy, the
//! organization whose facts a curator states with /school.

use super::{Feature, Fields, Ids, Need, Party, Reader};
use crate::domain::Role;
use crate::report::Period;
use chrono::NaiveDate;

/// `sf:…` — a report for an organization or the district over a period, as XLSX with the
/// chart (`r`) or as CSV files (`c`); the date is the report's (`-`: today).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum SchoolAction {
    /// `sf:r:o:<org>:<period>:<date|->`
    OrgReport {
        org: i64,
        period: Period,
        as_of: Option<NaiveDate>,
    },
    /// `sf:r:d:<period>:<date|->`
    DistrictReport {
        period: Period,
        as_of: Option<NaiveDate>,
    },
    /// `sf:c:o:<org>:<period>:<date>`
    OrgCsv {
        org: i64,
        period: Period,
        as_of: NaiveDate,
    },
    /// `sf:c:d:<period>:<date>`
    DistrictCsv { period: Period, as_of: NaiveDate },
    /// `sf:f:<org>` — state this organization's facts (/school, a curator of several).
    Facts { org: i64 },
}

const DATE: &str = "%Y-%m-%d";

fn date(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "-".to_string(), |d| d.format(DATE).to_string())
}

/// A date written the one way [`date`] writes it (so that each action has one encoding).
fn parse_date(s: &str) -> Option<Option<NaiveDate>> {
    if s == "-" {
        return Some(None);
    }
    let d = NaiveDate::parse_from_str(s, DATE).ok()?;
    (d.format(DATE).to_string() == s).then_some(Some(d))
}

impl Feature for SchoolAction {
    const PREFIX: &'static str = "sf";

    fn encode_fields(&self, out: &mut Fields) {
        match *self {
            SchoolAction::OrgReport { org, period, as_of } => out
                .push("r")
                .push("o")
                .push(org)
                .push(period.code())
                .push(date(as_of)),
            SchoolAction::DistrictReport { period, as_of } => out
                .push("r")
                .push("d")
                .push(period.code())
                .push(date(as_of)),
            SchoolAction::OrgCsv { org, period, as_of } => out
                .push("c")
                .push("o")
                .push(org)
                .push(period.code())
                .push(date(Some(as_of))),
            SchoolAction::DistrictCsv { period, as_of } => out
                .push("c")
                .push("d")
                .push(period.code())
                .push(date(Some(as_of))),
            SchoolAction::Facts { org } => out.push("f").push(org),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        let what = f.word()?;
        if what == "f" {
            return Some(SchoolAction::Facts { org: f.int()? });
        }
        let org = match f.word()? {
            "o" => Some(f.int()?),
            "d" => None,
            _ => return None,
        };
        let period = Period::from_code(f.word()?)?;
        let as_of = parse_date(f.word()?)?;
        match (what, org) {
            ("r", Some(org)) => Some(SchoolAction::OrgReport { org, period, as_of }),
            ("r", None) => Some(SchoolAction::DistrictReport { period, as_of }),
            ("c", Some(org)) => Some(SchoolAction::OrgCsv {
                org,
                period,
                as_of: as_of?,
            }),
            ("c", None) => Some(SchoolAction::DistrictCsv {
                period,
                as_of: as_of?,
            }),
            _ => None,
        }
    }

    fn need(&self) -> Need {
        match *self {
            // an organization's curator, or the district's coordinator
            SchoolAction::OrgReport { org, .. } | SchoolAction::OrgCsv { org, .. } => {
                Need::Org(org, &[Party::Curator, Party::Coordinator])
            }
            SchoolAction::DistrictReport { .. } | SchoolAction::DistrictCsv { .. } => {
                Need::Role(&[Role::Coordinator])
            }
            // what a school states is its curator's to state
            SchoolAction::Facts { org } => Need::Org(org, &[Party::Curator]),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            SchoolAction::OrgReport { .. } => "school.report-org",
            SchoolAction::DistrictReport { .. } => "school.report-district",
            SchoolAction::OrgCsv { .. } => "school.csv-org",
            SchoolAction::DistrictCsv { .. } => "school.csv-district",
            SchoolAction::Facts { .. } => "school.facts",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        let day = NaiveDate::from_ymd_opt(2026, 11, 30).expect("a date");
        let mut all = Vec::new();
        for period in Period::ALL {
            all.push(SchoolAction::OrgReport {
                org: ids.org,
                period,
                as_of: None,
            });
            all.push(SchoolAction::DistrictReport {
                period,
                as_of: Some(day),
            });
        }
        all.push(SchoolAction::OrgReport {
            org: ids.org,
            period: Period::Year,
            as_of: Some(day),
        });
        all.push(SchoolAction::DistrictReport {
            period: Period::Quarter,
            as_of: None,
        });
        all.push(SchoolAction::OrgCsv {
            org: ids.org,
            period: Period::HalfYear,
            as_of: day,
        });
        all.push(SchoolAction::DistrictCsv {
            period: Period::Year,
            as_of: day,
        });
        all.push(SchoolAction::Facts { org: ids.org });
        all
    }
}

/// `mr:…` — a curator of several organizations (or the coordinator) chooses what `/report`
/// covers; the period comes next ([`SchoolAction`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum ReportScopeAction {
    /// `mr:org:o<org>:<date|->` — an organization.
    Org { org: i64, as_of: Option<NaiveDate> },
    /// `mr:org:d:<date|->` — the district.
    District { as_of: Option<NaiveDate> },
}

impl Feature for ReportScopeAction {
    const PREFIX: &'static str = "mr";

    fn encode_fields(&self, out: &mut Fields) {
        match *self {
            ReportScopeAction::Org { org, as_of } => {
                out.push("org").push(format!("o{org}")).push(date(as_of))
            }
            ReportScopeAction::District { as_of } => out.push("org").push("d").push(date(as_of)),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        if f.word()? != "org" {
            return None;
        }
        let org = match f.word()? {
            "d" => None,
            s => Some(super::canonical_int(s.strip_prefix('o')?)?),
        };
        let as_of = parse_date(f.word()?)?;
        Some(match org {
            Some(org) => ReportScopeAction::Org { org, as_of },
            None => ReportScopeAction::District { as_of },
        })
    }

    fn need(&self) -> Need {
        match *self {
            ReportScopeAction::Org { org, .. } => {
                Need::Org(org, &[Party::Curator, Party::Coordinator])
            }
            ReportScopeAction::District { .. } => Need::Role(&[Role::Coordinator]),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            ReportScopeAction::Org { .. } => "report.scope-org",
            ReportScopeAction::District { .. } => "report.scope-district",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        vec![
            ReportScopeAction::Org {
                org: ids.org,
                as_of: None,
            },
            ReportScopeAction::District {
                as_of: NaiveDate::from_ymd_opt(2026, 11, 30),
            },
        ]
    }
}
