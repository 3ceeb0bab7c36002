//! The district's indicators (000 §VI, 002 §VII, 004 Table 1) computed from plain facts as
//! of a date. The facts are loaded set-based by `repo::monitoring`; nothing here touches the
//! database, so the same code serves one organization and the whole district.

use super::pair::{EndReason, PairStatus};
use super::school::Stated;
use super::survey::{nps, Respondent, Stage};
use super::OrgKind;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A pair counts as silent after this many days without a meeting.
pub const SILENT_DAYS: i64 = 14;
/// Teachers with at most this many years of experience are young (004 plan 2.7).
pub const YOUNG_YEARS: i64 = 3;

/// An organization with what the district indicators need.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgFacts {
    pub id: i64,
    pub name: String,
    pub kind: OrgKind,
    pub has_curator: bool,
    /// Mentors in the organization's bank (active, with consent).
    pub mentor_base: i64,
    /// What the organization stated for the school year (`/school`), if anything.
    pub stated: Option<Stated>,
    /// Young teachers (≤ 3 years of experience) registered and in a programme by the date.
    pub young_in_programs: i64,
    /// Mentees in its programmes by the date who hold its head role (new heads mentored).
    pub heads_in_programs: i64,
}

/// A pair or group with its journal totals up to the date.
#[derive(Debug, Clone, PartialEq)]
pub struct PairFacts {
    pub id: i64,
    pub org_id: Option<i64>,
    pub mentor_id: i64,
    pub mentees: Vec<i64>,
    pub start_date: NaiveDate,
    /// The status stored now and the day it ended (if it did).
    pub status: PairStatus,
    pub end_reason: Option<EndReason>,
    pub ended_on: Option<NaiveDate>,
    pub has_order: bool,
    pub meetings: i64,
    pub minutes: i64,
    pub last_meeting: Option<NaiveDate>,
}

impl PairFacts {
    /// The status on `as_of`: a pair that ended later was still active then.
    pub fn status_on(&self, as_of: NaiveDate) -> PairStatus {
        match self.ended_on {
            Some(d) if d <= as_of => self.status,
            _ => PairStatus::Active,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SosFacts {
    pub org_id: Option<i64>,
    pub asked_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// One scored survey answer.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerFacts {
    pub org_id: Option<i64>,
    pub pair_id: i64,
    pub user_id: i64,
    pub respondent: Respondent,
    pub stage: Stage,
    pub qid: String,
    pub score: i64,
}

/// Everything the indicators of one scope are computed from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub orgs: Vec<OrgFacts>,
    pub pairs: Vec<PairFacts>,
    pub sos: Vec<SosFacts>,
    pub answers: Vec<AnswerFacts>,
    /// The district's events held (проведённые мероприятия) and who took part.
    pub events: Vec<EventFacts>,
    /// The scale questions asked both on entry and on exit (from the survey definitions):
    /// each has its «вход → итог» line in every report, with or without answers.
    pub change_questions: Vec<String>,
}

/// A district event on mentoring that was held (004 Table 1: «не менее 3 мероприятий», and
/// the share of organizations taking part), with the organizations that took part.
#[derive(Debug, Clone, PartialEq)]
pub struct EventFacts {
    pub held_on: NaiveDate,
    pub orgs: Vec<i64>,
}

impl Facts {
    /// Splits the facts into groups of organizations by `key` (one pass over each list,
    /// moving the facts); every group in `keys` is there, empty if no organization has it.
    fn split<K: Ord + Copy>(self, keys: &[K], key: impl Fn(&OrgFacts) -> K) -> BTreeMap<K, Facts> {
        let mut parts: BTreeMap<K, Facts> = keys
            .iter()
            .map(|k| {
                (
                    *k,
                    Facts {
                        change_questions: self.change_questions.clone(),
                        ..Facts::default()
                    },
                )
            })
            .collect();
        let mut group: HashMap<i64, K> = HashMap::new();
        for o in self.orgs {
            let k = key(&o);
            group.insert(o.id, k);
            parts
                .entry(k)
                .or_insert_with(|| Facts {
                    change_questions: self.change_questions.clone(),
                    ..Facts::default()
                })
                .orgs
                .push(o);
        }
        for p in self.pairs {
            if let Some(f) = p
                .org_id
                .and_then(|id| group.get(&id))
                .and_then(|k| parts.get_mut(k))
            {
                f.pairs.push(p);
            }
        }
        for s in self.sos {
            if let Some(f) = s
                .org_id
                .and_then(|id| group.get(&id))
                .and_then(|k| parts.get_mut(k))
            {
                f.sos.push(s);
            }
        }
        for a in self.answers {
            if let Some(f) = a
                .org_id
                .and_then(|id| group.get(&id))
                .and_then(|k| parts.get_mut(k))
            {
                f.answers.push(a);
            }
        }
        // an event belongs to every group one of its organizations is in, with those only
        for e in self.events {
            let mut by_group: BTreeMap<K, Vec<i64>> = BTreeMap::new();
            for o in &e.orgs {
                if let Some(k) = group.get(o) {
                    by_group.entry(*k).or_default().push(*o);
                }
            }
            for (k, orgs) in by_group {
                if let Some(f) = parts.get_mut(&k) {
                    f.events.push(EventFacts {
                        held_on: e.held_on,
                        orgs,
                    });
                }
            }
        }
        parts
    }

    /// Splits the district's facts by organization, in the organizations' order.
    pub fn by_org(self) -> Vec<(OrgFacts, Facts)> {
        let order: Vec<i64> = self.orgs.iter().map(|o| o.id).collect();
        let mut parts = self.split(&[], |o| o.id);
        order
            .into_iter()
            .filter_map(|id| parts.remove(&id))
            .filter_map(|f| f.orgs.first().cloned().map(|o| (o, f)))
            .collect()
    }

    /// Splits the district's facts by kind of organization (school, kindergarten, additional
    /// education, college; 000 §6.1.2): every kind, empty if the district has none of it.
    pub fn by_kind(self) -> Vec<(OrgKind, Facts)> {
        self.split(OrgKind::ALL, |o| o.kind).into_iter().collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// people («чел.»)
    People,
    /// pairs and groups («пар»)
    Pairs,
    /// events of the district's calendar («мероприятий»)
    Events,
    Percent,
    /// per pair per month
    Rate,
    Hours,
    Minutes,
    /// a mean score or a change of scores
    Score,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// the value must reach the target
    AtLeast,
    /// the value must not exceed the target
    AtMost,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub value: f64,
    pub direction: Direction,
}

/// Indicator codes with a target: (code, default, direction). Shares from 004 Table 1 where
/// it has them; the others are the bot's defaults, changed with `nastavnik target set`.
pub const TARGETS: &[(&str, f64, Direction)] = &[
    ("orgs_ready", 85.0, Direction::AtLeast),
    ("teachers_in_programs", 80.0, Direction::AtLeast),
    ("young_in_programs", 80.0, Direction::AtLeast),
    ("new_heads_in_programs", 90.0, Direction::AtLeast),
    ("completion", 70.0, Direction::AtLeast),
    ("district_events", 3.0, Direction::AtLeast),
    ("event_participation", 50.0, Direction::AtLeast),
    ("meetings_per_month", 2.0, Direction::AtLeast),
    ("hours_per_month", 1.5, Direction::AtLeast),
    ("sos_median_minutes", 1440.0, Direction::AtMost),
    ("silent_share", 10.0, Direction::AtMost),
    ("without_order", 0.0, Direction::AtMost),
    ("change", 0.5, Direction::AtLeast),
    ("satisfaction_mentee", 8.0, Direction::AtLeast),
    ("nps_mentee", 30.0, Direction::AtLeast),
    ("satisfaction_mentor", 8.0, Direction::AtLeast),
    ("nps_mentor", 30.0, Direction::AtLeast),
];

/// The targets in force: the defaults with the district's overrides.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Targets {
    pub overrides: HashMap<String, f64>,
}

impl Targets {
    pub fn get(&self, code: &str) -> Option<Target> {
        let (_, default, direction) = TARGETS.iter().find(|(c, _, _)| *c == code)?;
        Some(Target {
            value: self.overrides.get(code).copied().unwrap_or(*default),
            direction: *direction,
        })
    }
    pub fn is_known(code: &str) -> bool {
        TARGETS.iter().any(|(c, _, _)| *c == code)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub code: &'static str,
    /// A question id (`change`) or an end reason (`ended`).
    pub param: Option<String>,
    pub unit: Unit,
    pub value: Option<f64>,
    /// For shares: the numerator and the denominator.
    pub part: Option<(i64, i64)>,
    pub target: Option<Target>,
}

impl Indicator {
    /// «выполнено / не выполнено»; `None` without a target or without data.
    pub fn met(&self) -> Option<bool> {
        let (v, t) = (self.value?, self.target?);
        Some(match t.direction {
            Direction::AtLeast => v >= t.value - 1e-9,
            Direction::AtMost => v <= t.value + 1e-9,
        })
    }
}

fn share(n: i64, d: i64) -> Option<f64> {
    (d > 0).then(|| n as f64 * 100.0 / d as f64)
}

pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

/// Months a pair has worked by `as_of` (at least one, so that a new pair is not inflated).
pub fn pair_months(p: &PairFacts, as_of: NaiveDate) -> f64 {
    let end = match p.ended_on {
        Some(d) if d <= as_of => d,
        _ => as_of,
    };
    ((end - p.start_date).num_days() as f64 / 30.4375).max(1.0)
}

/// All indicators of one scope (an organization's facts or the district's).
pub fn compute(f: &Facts, as_of: NaiveDate, targets: &Targets) -> Vec<Indicator> {
    let mut out = Vec::new();
    let mut push = |code: &'static str,
                    param: Option<String>,
                    unit: Unit,
                    value: Option<f64>,
                    part: Option<(i64, i64)>| {
        let target_code = match code {
            "satisfaction" | "nps" => None,
            c => Some(c),
        };
        out.push(Indicator {
            code,
            param,
            unit,
            value,
            part,
            target: target_code.and_then(|c| targets.get(c)),
        });
    };

    // 004 Table 1 counts against what the organizations stated (`/school`); an organization
    // that stated nothing is outside the share, and a share nobody stated a base for has no
    // data (never 0 % or 100 %)
    let total = f.orgs.len() as i64;
    let stated: Vec<(&OrgFacts, &Stated)> = f
        .orgs
        .iter()
        .filter_map(|o| o.stated.as_ref().map(|s| (o, s)))
        .collect();

    // regulation, curator and mentor base, all three (004 Table 1: 85 %)
    let with_regulation: Vec<(&OrgFacts, bool)> = stated
        .iter()
        .filter_map(|(o, s)| s.regulation.in_force(as_of).map(|r| (*o, r)))
        .collect();
    let ready = with_regulation
        .iter()
        .filter(|(o, regulation)| *regulation && o.has_curator && o.mentor_base > 0)
        .count() as i64;
    let base = with_regulation.len() as i64;
    push(
        "orgs_ready",
        None,
        Unit::Percent,
        share(ready, base),
        Some((ready, base)),
    );
    push(
        "facts_stated",
        None,
        Unit::Percent,
        share(stated.len() as i64, total),
        Some((stated.len() as i64, total)),
    );

    // teachers in programmes (mentors and mentees of the stating organizations) of the
    // teachers they stated (80 %)
    let of_stated = |count: fn(&Stated) -> Option<i64>| -> (HashSet<i64>, i64) {
        let orgs: HashSet<i64> = stated
            .iter()
            .filter(|(_, s)| count(s).is_some())
            .map(|(o, _)| o.id)
            .collect();
        let base = stated.iter().filter_map(|(_, s)| count(s)).sum();
        (orgs, base)
    };
    let (orgs, teachers) = of_stated(|s| s.teachers);
    let participants: HashSet<i64> = f
        .pairs
        .iter()
        .filter(|p| p.org_id.is_some_and(|o| orgs.contains(&o)))
        .flat_map(|p| p.mentees.iter().copied().chain([p.mentor_id]))
        .collect();
    let n = participants.len() as i64;
    push(
        "teachers_in_programs",
        None,
        Unit::Percent,
        share(n, teachers),
        Some((n, teachers)),
    );
    // young teachers (the first 3 years) in programmes of those stated (80 %)
    let (orgs, young) = of_stated(|s| s.young);
    let young_in: i64 = f
        .orgs
        .iter()
        .filter(|o| orgs.contains(&o.id))
        .map(|o| o.young_in_programs)
        .sum();
    push(
        "young_in_programs",
        None,
        Unit::Percent,
        share(young_in, young),
        Some((young_in, young)),
    );
    // new heads in programmes of those stated (90 %)
    let (orgs, heads) = of_stated(|s| s.new_heads);
    let heads_in: i64 = f
        .orgs
        .iter()
        .filter(|o| orgs.contains(&o.id))
        .map(|o| o.heads_in_programs)
        .sum();
    push(
        "new_heads_in_programs",
        None,
        Unit::Percent,
        share(heads_in, heads),
        Some((heads_in, heads)),
    );

    let active: Vec<&PairFacts> = f
        .pairs
        .iter()
        .filter(|p| p.status_on(as_of) == PairStatus::Active)
        .collect();
    let mentors: HashSet<i64> = active.iter().map(|p| p.mentor_id).collect();
    let mentees: HashSet<i64> = active
        .iter()
        .flat_map(|p| p.mentees.iter().copied())
        .collect();
    push(
        "mentors",
        None,
        Unit::People,
        Some(mentors.len() as f64),
        None,
    );
    push(
        "mentees",
        None,
        Unit::People,
        Some(mentees.len() as f64),
        None,
    );
    let completed = f
        .pairs
        .iter()
        .filter(|p| p.status_on(as_of) == PairStatus::Completed)
        .count() as i64;
    let terminated = f
        .pairs
        .iter()
        .filter(|p| p.status_on(as_of) == PairStatus::Terminated)
        .count() as i64;
    push(
        "pairs_active",
        None,
        Unit::Pairs,
        Some(active.len() as f64),
        None,
    );
    push(
        "pairs_completed",
        None,
        Unit::Pairs,
        Some(completed as f64),
        None,
    );
    push(
        "pairs_terminated",
        None,
        Unit::Pairs,
        Some(terminated as f64),
        None,
    );

    // teachers who completed a programme of those who entered one (70 %)
    let entered: HashSet<i64> = f
        .pairs
        .iter()
        .flat_map(|p| p.mentees.iter().copied())
        .collect();
    let passed: HashSet<i64> = f
        .pairs
        .iter()
        .filter(|p| p.status_on(as_of) == PairStatus::Completed)
        .flat_map(|p| p.mentees.iter().copied())
        .collect();
    let (passed, entered) = (passed.len() as i64, entered.len() as i64);
    push(
        "completion",
        None,
        Unit::Percent,
        share(passed, entered),
        Some((passed, entered)),
    );
    // the district's events held this school year and the share of organizations that took
    // part in one (3 a year, 50 %); with no event recorded this year, there is no data
    let year_start = NaiveDate::from_ymd_opt(super::school::school_year(as_of), 9, 1)
        .expect("1 September exists");
    let held: Vec<&EventFacts> = f
        .events
        .iter()
        .filter(|e| year_start <= e.held_on && e.held_on <= as_of)
        .collect();
    if held.is_empty() {
        push("district_events", None, Unit::Events, None, None);
        push("event_participation", None, Unit::Percent, None, None);
    } else {
        let ours: HashSet<i64> = f.orgs.iter().map(|o| o.id).collect();
        let took_part: HashSet<i64> = held
            .iter()
            .flat_map(|e| e.orgs.iter().copied())
            .filter(|o| ours.contains(o))
            .collect();
        push(
            "district_events",
            None,
            Unit::Events,
            Some(held.len() as f64),
            None,
        );
        let (n, of) = (took_part.len() as i64, ours.len() as i64);
        push(
            "event_participation",
            None,
            Unit::Percent,
            share(n, of),
            Some((n, of)),
        );
    }
    for reason in EndReason::ALL
        .iter()
        .filter(|r| **r != EndReason::PlanCompleted)
    {
        let n = f
            .pairs
            .iter()
            .filter(|p| {
                p.status_on(as_of) == PairStatus::Terminated && p.end_reason == Some(*reason)
            })
            .count() as i64;
        push(
            "ended",
            Some(reason.code().to_string()),
            Unit::Pairs,
            Some(n as f64),
            None,
        );
    }

    // meetings and hours per pair per month, over every pair that worked before the date
    let months: f64 = f.pairs.iter().map(|p| pair_months(p, as_of)).sum();
    let meetings: i64 = f.pairs.iter().map(|p| p.meetings).sum();
    let minutes: i64 = f.pairs.iter().map(|p| p.minutes).sum();
    let rate = |x: f64| (months > 0.0).then(|| x / months);
    push(
        "meetings_per_month",
        None,
        Unit::Rate,
        rate(meetings as f64),
        None,
    );
    push(
        "hours_per_month",
        None,
        Unit::Hours,
        rate(minutes as f64 / 60.0),
        None,
    );

    let end_of_day = as_of.and_hms_opt(23, 59, 59).expect("valid").and_utc();
    let mut waits: Vec<f64> = f
        .sos
        .iter()
        .filter_map(|s| {
            s.answered_at
                .filter(|a| *a <= end_of_day)
                .map(|a| (a - s.asked_at).num_seconds() as f64 / 60.0)
        })
        .collect();
    push(
        "sos_median_minutes",
        None,
        Unit::Minutes,
        median(&mut waits),
        None,
    );

    let silent = active
        .iter()
        .filter(|p| {
            let last = p.last_meeting.unwrap_or(p.start_date).max(p.start_date);
            (as_of - last).num_days() >= SILENT_DAYS
        })
        .count() as i64;
    push(
        "silent_share",
        None,
        Unit::Percent,
        share(silent, active.len() as i64),
        Some((silent, active.len() as i64)),
    );
    let no_order = active.iter().filter(|p| !p.has_order).count() as i64;
    push(
        "without_order",
        None,
        Unit::Percent,
        share(no_order, active.len() as i64),
        Some((no_order, active.len() as i64)),
    );

    // every question asked on entry and on exit has its line, with or without answers
    let mut changes: BTreeMap<String, (Option<f64>, i64)> = f
        .change_questions
        .iter()
        .map(|q| (q.clone(), (None, 0)))
        .collect();
    for (qid, value, n) in survey_changes(&f.answers) {
        changes.insert(qid, (value, n));
    }
    for (qid, (value, n)) in changes {
        push("change", Some(qid), Unit::Score, value, Some((n, n)));
    }
    for (respondent, sat, nps_code) in [
        (Respondent::Mentee, "satisfaction_mentee", "nps_mentee"),
        (Respondent::Mentor, "satisfaction_mentor", "nps_mentor"),
    ] {
        let scores: Vec<i64> = f
            .answers
            .iter()
            .filter(|a| {
                a.respondent == respondent && a.stage == Stage::Exit && a.qid == "satisfaction"
            })
            .map(|a| a.score)
            .collect();
        let floats: Vec<f64> = scores.iter().map(|s| *s as f64).collect();
        let n = scores.len() as i64;
        push(sat, None, Unit::Score, mean(&floats), Some((n, n)));
        push(nps_code, None, Unit::Score, nps(&scores), Some((n, n)));
    }
    out
}

/// The mean change exit − entry per scale question, over participants (pair, person) who
/// answered it in both surveys of their role. Sorted by question id.
pub fn survey_changes(answers: &[AnswerFacts]) -> Vec<(String, Option<f64>, i64)> {
    type Key = (i64, i64, Respondent, String);
    let mut entry: HashMap<Key, i64> = HashMap::new();
    let mut exit: HashMap<Key, i64> = HashMap::new();
    let mut qids: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for a in answers.iter().filter(|a| a.qid != "satisfaction") {
        let key = (a.pair_id, a.user_id, a.respondent, a.qid.clone());
        match a.stage {
            Stage::Entry => entry.insert(key, a.score),
            Stage::Exit => exit.insert(key, a.score),
        };
    }
    for (key, before) in &entry {
        if let Some(after) = exit.get(key) {
            qids.entry(key.3.clone())
                .or_default()
                .push((after - before) as f64);
        }
    }
    qids.into_iter()
        .map(|(q, d)| (q, mean(&d), d.len() as i64))
        .collect()
}

/// Meetings per week (weeks start on Monday) over the `weeks` weeks that end with `as_of`'s week.
pub fn weekly(per_day: &[(NaiveDate, i64)], as_of: NaiveDate, weeks: u32) -> Vec<(NaiveDate, i64)> {
    let this_monday = as_of - Duration::days(as_of.weekday().num_days_from_monday() as i64);
    let first = this_monday - Duration::weeks(weeks as i64 - 1);
    let mut out: Vec<(NaiveDate, i64)> = (0..weeks as i64)
        .map(|i| (first + Duration::weeks(i), 0))
        .collect();
    for (day, n) in per_day {
        if *day < first || *day > as_of {
            continue;
        }
        let i = ((*day - first).num_days() / 7) as usize;
        if let Some(slot) = out.get_mut(i) {
            slot.1 += n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn pair(id: i64, org: i64, mentor: i64, mentees: &[i64], start: NaiveDate) -> PairFacts {
        PairFacts {
            id,
            org_id: Some(org),
            mentor_id: mentor,
            mentees: mentees.to_vec(),
            start_date: start,
            status: PairStatus::Active,
            end_reason: None,
            ended_on: None,
            has_order: true,
            meetings: 0,
            minutes: 0,
            last_meeting: None,
        }
    }

    fn answer(pair_id: i64, user_id: i64, stage: Stage, qid: &str, score: i64) -> AnswerFacts {
        AnswerFacts {
            org_id: Some(1),
            pair_id,
            user_id,
            respondent: Respondent::Mentee,
            stage,
            qid: qid.into(),
            score,
        }
    }

    fn org(
        id: i64,
        name: &str,
        kind: OrgKind,
        has_curator: bool,
        mentor_base: i64,
        stated: Option<Stated>,
    ) -> OrgFacts {
        OrgFacts {
            id,
            name: name.into(),
            kind,
            has_curator,
            mentor_base,
            stated,
            young_in_programs: 0,
            heads_in_programs: 0,
        }
    }

    /// Four organizations. School 1: curator, 2 mentors in the bank, stated 10 teachers,
    /// 4 young, 1 new head, regulation adopted 30.08.2025; 3 young teachers and its new head
    /// in programmes. School 2: no curator, stated 5 teachers, young not stated, 2 new heads,
    /// regulation not adopted. Kindergarten 3: curator, 1 young teacher in a programme, stated
    /// nothing. College 4: curator, stated 20 teachers and 2 young, nothing about heads or
    /// the regulation. Pairs (school 1): 1 (active, 4 meetings, 180 min, last 20.11),
    /// 2 (completed 01.11), 3 (terminated by the mentee 15.10, no order), 4 (active group, no
    /// meeting since 01.10, no order); school 2: 5 (ended after the date → active then).
    fn facts() -> Facts {
        use super::super::school::Regulation;
        let stated = |teachers, young, new_heads, regulation| {
            Some(Stated {
                school_year: 2026,
                teachers,
                young,
                new_heads,
                regulation,
            })
        };
        let mut school1 = org(
            1,
            "Школа 1",
            OrgKind::School,
            true,
            2,
            stated(
                Some(10),
                Some(4),
                Some(1),
                Regulation::Adopted(NaiveDate::from_ymd_opt(2025, 8, 30).unwrap()),
            ),
        );
        school1.young_in_programs = 3;
        school1.heads_in_programs = 1;
        let school2 = org(
            2,
            "Школа 2",
            OrgKind::School,
            false,
            1,
            stated(Some(5), None, Some(2), Regulation::NotAdopted),
        );
        let mut kindergarten = org(3, "Детский сад 3", OrgKind::Kindergarten, true, 1, None);
        kindergarten.young_in_programs = 1;
        let college = org(
            4,
            "Колледж 4",
            OrgKind::College,
            true,
            1,
            stated(Some(20), Some(2), None, Regulation::Unknown),
        );
        let orgs = vec![school1, school2, kindergarten, college];
        let mut p1 = pair(1, 1, 10, &[20], d(9, 1));
        p1.meetings = 4;
        p1.minutes = 180;
        p1.last_meeting = Some(d(11, 20));
        let mut p2 = pair(2, 1, 11, &[21], d(9, 1));
        p2.status = PairStatus::Completed;
        p2.end_reason = Some(EndReason::PlanCompleted);
        p2.ended_on = Some(d(11, 1));
        p2.meetings = 2;
        p2.minutes = 60;
        let mut p3 = pair(3, 1, 10, &[22], d(9, 1));
        p3.status = PairStatus::Terminated;
        p3.end_reason = Some(EndReason::MenteeInitiative);
        p3.ended_on = Some(d(10, 15));
        p3.has_order = false;
        let mut p4 = pair(4, 1, 11, &[23, 24], d(9, 1));
        p4.last_meeting = Some(d(10, 1));
        p4.has_order = false;
        let mut p5 = pair(5, 2, 12, &[25], d(10, 1));
        p5.status = PairStatus::Terminated;
        p5.end_reason = Some(EndReason::MentorResigned);
        p5.ended_on = Some(d(12, 15));
        p5.last_meeting = Some(d(11, 25));
        let t = |day: u32, h: u32| Utc.with_ymd_and_hms(2026, 11, day, h, 0, 0).unwrap();
        let sos = vec![
            SosFacts {
                org_id: Some(1),
                asked_at: t(2, 10),
                answered_at: Some(t(2, 11)),
            },
            SosFacts {
                org_id: Some(1),
                asked_at: t(3, 10),
                answered_at: Some(t(3, 13)),
            },
            SosFacts {
                org_id: Some(1),
                asked_at: t(4, 10),
                answered_at: None,
            },
            SosFacts {
                org_id: Some(2),
                asked_at: t(5, 10),
                answered_at: Some(t(6, 10)),
            },
        ];
        let answers = vec![
            answer(2, 21, Stage::Entry, "motivation", 2),
            answer(2, 21, Stage::Exit, "motivation", 5),
            answer(1, 20, Stage::Entry, "motivation", 3),
            answer(1, 20, Stage::Exit, "motivation", 4),
            answer(1, 20, Stage::Entry, "confidence", 4),
            // no entry answer: not compared
            answer(3, 22, Stage::Exit, "confidence", 1),
            answer(2, 21, Stage::Exit, "satisfaction", 10),
            answer(1, 20, Stage::Exit, "satisfaction", 9),
            answer(3, 22, Stage::Exit, "satisfaction", 4),
        ];
        let change_questions = vec![
            "adaptation".into(),
            "confidence".into(),
            "motivation".into(),
        ];
        // events: a seminar for schools 1 and 2 (10.10), a round table with the college
        // (20.11), and last year's event (not counted this year); one after the date (05.12)
        let event = |m: u32, day: u32, orgs: &[i64]| EventFacts {
            held_on: d(m, day),
            orgs: orgs.to_vec(),
        };
        let events = vec![
            event(10, 10, &[1, 2]),
            event(11, 20, &[1, 4]),
            EventFacts {
                held_on: NaiveDate::from_ymd_opt(2026, 5, 15).unwrap(),
                orgs: vec![3],
            },
            event(12, 5, &[3]),
        ];
        Facts {
            orgs,
            pairs: vec![p1, p2, p3, p4, p5],
            sos,
            answers,
            events,
            change_questions,
        }
    }

    fn value(ind: &[Indicator], code: &str) -> Option<f64> {
        ind.iter()
            .find(|i| i.code == code && i.param.is_none())
            .unwrap_or_else(|| panic!("{code}"))
            .value
    }

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("a value");
        assert!((a - b).abs() < 1e-6, "{a} != {b}");
    }

    /// Every indicator of the district on 30.11, computed by hand; `None` is «нет данных».
    #[test]
    fn district_indicators_by_hand() {
        let as_of = d(11, 30);
        let ind = compute(&facts(), as_of, &Targets::default());
        // months: p1 90 d, p2 61 d, p3 44 d, p4 90 d, p5 60 d → 345 d / 30.4375
        let months = 345.0 / 30.4375;
        let expected: &[(&str, Option<f64>, Option<bool>)] = &[
            // regulation stated by schools 1 (adopted) and 2 (not): school 1 has all three
            ("orgs_ready", Some(50.0), Some(false)),
            // 3 of 4 organizations stated their facts
            ("facts_stated", Some(75.0), None),
            // schools 1, 2 and the college stated 10 + 5 + 20 teachers; in their pairs:
            // mentors 10, 11, 12 and mentees 20–25 = 9 people
            ("teachers_in_programs", Some(900.0 / 35.0), Some(false)),
            // young stated by school 1 (4) and the college (2): 3 + 0 in programmes; the
            // kindergarten's young teacher is outside (it stated nothing)
            ("young_in_programs", Some(50.0), Some(false)),
            // new heads stated by schools 1 (1) and 2 (2): school 1's is mentored
            ("new_heads_in_programs", Some(100.0 / 3.0), Some(false)),
            // active on 30.11: pairs 1, 4, 5 → mentors 10, 11, 12; mentees 20, 23, 24, 25
            ("mentors", Some(3.0), None),
            ("mentees", Some(4.0), None),
            ("pairs_active", Some(3.0), None),
            ("pairs_completed", Some(1.0), None),
            ("pairs_terminated", Some(1.0), None),
            // mentees 20–25 entered; 21 completed
            ("completion", Some(100.0 / 6.0), Some(false)),
            // this school year by 30.11: 10.10 and 20.11 (May's was last year, 05.12 is after
            // the date); schools 1, 2 and the college of 4 organizations took part
            ("district_events", Some(2.0), Some(false)),
            ("event_participation", Some(75.0), Some(true)),
            ("meetings_per_month", Some(6.0 / months), Some(false)),
            ("hours_per_month", Some(4.0 / months), Some(false)),
            // answered waits: 60, 180, 1440 minutes → median 180
            ("sos_median_minutes", Some(180.0), Some(true)),
            // silent: p4 (60 days) of 3 active; p1 10 days, p5 5 days
            ("silent_share", Some(100.0 / 3.0), Some(false)),
            // no order among active: p4
            ("without_order", Some(100.0 / 3.0), Some(false)),
            // satisfaction 10, 9, 4: mean 7.67, NPS (2 − 1) / 3 = 33.3
            ("satisfaction_mentee", Some(23.0 / 3.0), Some(false)),
            ("nps_mentee", Some(100.0 / 3.0), Some(true)),
            ("satisfaction_mentor", None, None),
            ("nps_mentor", None, None),
        ];
        let plain: Vec<&Indicator> = ind.iter().filter(|i| i.param.is_none()).collect();
        assert_eq!(
            plain.iter().map(|i| i.code).collect::<Vec<_>>(),
            expected.iter().map(|e| e.0).collect::<Vec<_>>(),
            "the list and its order"
        );
        for (i, (code, value, met)) in plain.iter().zip(expected) {
            match (i.value, value) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-6, "{code}: {a} != {b}"),
                (a, b) => assert_eq!(a, *b, "{code}"),
            }
            assert_eq!(i.met(), *met, "{code}");
        }
        assert_eq!(ind[0].code, "orgs_ready");
        let by_mentee = ind
            .iter()
            .find(|i| i.code == "ended" && i.param.as_deref() == Some("mentee"))
            .unwrap();
        assert_eq!(by_mentee.value, Some(1.0));
        // motivation: +3 and +1 → +2; adaptation and confidence have no pair of answers,
        // and still their line (no data)
        let changes: Vec<(&str, Option<f64>)> = ind
            .iter()
            .filter(|i| i.code == "change")
            .map(|i| (i.param.as_deref().unwrap(), i.value))
            .collect();
        assert_eq!(
            changes,
            vec![
                ("adaptation", None),
                ("confidence", None),
                ("motivation", Some(2.0))
            ]
        );
    }

    /// The set of indicators is the same whatever the data: a district with nothing in it has
    /// every line, and every share says «нет данных».
    #[test]
    fn the_set_of_indicators_is_stable() {
        let full: Vec<(&str, Option<String>)> = compute(&facts(), d(11, 30), &Targets::default())
            .into_iter()
            .map(|i| (i.code, i.param))
            .collect();
        let empty_facts = Facts {
            change_questions: facts().change_questions,
            ..Facts::default()
        };
        let empty = compute(&empty_facts, d(11, 30), &Targets::default());
        assert_eq!(
            empty
                .iter()
                .map(|i| (i.code, i.param.clone()))
                .collect::<Vec<_>>(),
            full
        );
        for i in empty.iter().filter(|i| i.unit == Unit::Percent) {
            assert_eq!(i.value, None, "{}", i.code);
        }
    }

    /// Every district indicator split by kind of organization: schools, kindergartens,
    /// additional education, colleges — each kind, even without organizations.
    #[test]
    fn indicators_by_kind_of_organization() {
        let parts = facts().by_kind();
        assert_eq!(
            parts.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            OrgKind::ALL.to_vec()
        );
        let by_kind: Vec<(OrgKind, Vec<Indicator>)> = parts
            .into_iter()
            .map(|(k, f)| (k, compute(&f, d(11, 30), &Targets::default())))
            .collect();
        let v = |kind: OrgKind, code: &str| {
            value(&by_kind.iter().find(|(k, _)| *k == kind).unwrap().1, code)
        };
        // (indicator, schools, kindergartens, additional education, colleges)
        let expected: &[(&str, [Option<f64>; 4])] = &[
            ("orgs_ready", [Some(50.0), None, None, None]),
            ("facts_stated", [Some(100.0), Some(0.0), None, Some(100.0)]),
            ("teachers_in_programs", [Some(60.0), None, None, Some(0.0)]),
            ("young_in_programs", [Some(75.0), None, None, Some(0.0)]),
            (
                "new_heads_in_programs",
                [Some(100.0 / 3.0), None, None, None],
            ),
            ("pairs_active", [Some(3.0), Some(0.0), Some(0.0), Some(0.0)]),
            ("completion", [Some(100.0 / 6.0), None, None, None]),
            // schools: both events (1, 2 took part); kindergarten: only after the date;
            // colleges: the round table
            ("district_events", [Some(2.0), None, None, Some(1.0)]),
            (
                "event_participation",
                [Some(100.0), None, None, Some(100.0)],
            ),
        ];
        for (code, values) in expected {
            for (kind, want) in OrgKind::ALL.iter().zip(values) {
                match (v(*kind, code), want) {
                    (Some(a), Some(b)) => {
                        assert!((a - b).abs() < 1e-6, "{code} {kind:?}: {a} != {b}")
                    }
                    (a, b) => assert_eq!(a, *b, "{code} {kind:?}"),
                }
            }
        }
    }

    #[test]
    fn as_of_an_earlier_date_and_per_org() {
        // on 20.10 pairs 2 and 5 were still active, pair 3 had ended; nobody had completed
        let ind = compute(&facts(), d(10, 20), &Targets::default());
        close(value(&ind, "pairs_active"), 4.0);
        close(value(&ind, "pairs_completed"), 0.0);
        close(value(&ind, "completion"), 0.0);

        let parts = facts().by_org();
        assert_eq!(parts.len(), 4);
        let (org2, f2) = &parts[1];
        assert_eq!(org2.id, 2);
        assert_eq!(f2.pairs.len(), 1);
        let ind2 = compute(f2, d(11, 30), &Targets::default());
        // school 2 stated its regulation is not adopted
        close(value(&ind2, "orgs_ready"), 0.0);
        close(value(&ind2, "sos_median_minutes"), 1440.0);
        assert_eq!(
            ind2.iter()
                .find(|i| i.code == "sos_median_minutes")
                .unwrap()
                .met(),
            Some(true)
        );
        // its one mentee entered, none completed yet
        close(value(&ind2, "completion"), 0.0);
        assert_eq!(
            value(&ind2, "young_in_programs"),
            None,
            "young teachers not stated"
        );
        assert_eq!(
            ind2.iter()
                .find(|i| i.code == "young_in_programs")
                .unwrap()
                .met(),
            None
        );
        // the kindergarten stated nothing: its shares have no data
        let (_, f3) = &parts[2];
        let ind3 = compute(f3, d(11, 30), &Targets::default());
        for code in [
            "orgs_ready",
            "teachers_in_programs",
            "young_in_programs",
            "new_heads_in_programs",
            "completion",
        ] {
            assert_eq!(value(&ind3, code), None, "{code}");
        }
    }

    #[test]
    fn targets_can_be_overridden() {
        let mut t = Targets::default();
        assert_eq!(t.get("completion").unwrap().value, 70.0);
        t.overrides.insert("orgs_ready".into(), 40.0);
        let ind = compute(&facts(), d(11, 30), &t);
        assert_eq!(ind[0].met(), Some(true));
        assert!(Targets::is_known("silent_share") && !Targets::is_known("nonsense"));
    }

    #[test]
    fn weekly_buckets_and_median() {
        // 30.11.2026 is a Monday
        let w = weekly(
            &[
                (d(11, 30), 2),
                (d(11, 29), 1),
                (d(11, 23), 1),
                (d(8, 1), 9),
                (d(12, 1), 5),
            ],
            d(11, 30),
            3,
        );
        assert_eq!(w, vec![(d(11, 16), 0), (d(11, 23), 2), (d(11, 30), 2)]);
        assert_eq!(median(&mut [3.0, 1.0, 2.0, 10.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }
}
