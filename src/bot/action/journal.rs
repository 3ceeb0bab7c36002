//! Buttons of the journal (журнал наставника): the log form, editing and deleting an entry,
//! reading a pair's journal; /sos answers (ситуационная помощь); the adaptation report.

use super::{Feature, Fields, Ids, Need, Party, Reader};
use crate::domain::journal::MeetingFormat;

/// The minutes offered as buttons in the log form.
pub const MINUTE_PRESETS: [u32; 4] = [15, 30, 45, 60];

const READERS: &[Party] = &[Party::Mentor, Party::Mentee, Party::Curator];

fn yes_no(b: bool) -> &'static str {
    if b {
        "y"
    } else {
        "n"
    }
}

/// `jl:…`
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum JournalAction {
    /// The log form: whom the log is about (a pair, and one mentee of a group or the whole group).
    Target { pair: i64, mentee: Option<i64> },
    /// The log form: how long (one of [`MINUTE_PRESETS`]).
    Minutes(u32),
    /// The log form: in what format.
    Format(MeetingFormat),
    /// The same meeting is already in the journal: log another one anyway?
    Duplicate(bool),
    /// A task's deadline falls after the programme's end: keep it?
    DeadlineAfterEnd(bool),
    /// Correct one's own entry (the version tapped must still be current).
    Edit { entry: i64, version: i64 },
    /// Delete one's own entry.
    Delete { entry: i64, version: i64 },
    /// A pair's journal from its newest entry.
    Open(i64),
    /// A page of a pair's journal.
    Page { pair: i64, offset: i64 },
}

impl Feature for JournalAction {
    const PREFIX: &'static str = "jl";

    fn encode_fields(&self, out: &mut Fields) {
        match *self {
            JournalAction::Target { pair, mentee } => {
                out.push("to").push(pair).push(mentee.unwrap_or(0))
            }
            JournalAction::Minutes(m) => out.push("min").push(m),
            JournalAction::Format(f) => out.push("fmt").push(f.code()),
            JournalAction::Duplicate(yes) => out.push("dup").push(yes_no(yes)),
            JournalAction::DeadlineAfterEnd(yes) => out.push("dok").push(yes_no(yes)),
            JournalAction::Edit { entry, version } => out.push("ed").push(entry).push(version),
            JournalAction::Delete { entry, version } => out.push("del").push(entry).push(version),
            JournalAction::Open(pair) => out.push("open").push(pair).push(0),
            JournalAction::Page { pair, offset } => out.push("pg").push(pair).push(offset),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        Some(match f.word()? {
            "to" => {
                let pair = f.int()?;
                let mentee = f.int()?;
                JournalAction::Target {
                    pair,
                    mentee: (mentee != 0).then_some(mentee),
                }
            }
            "min" => JournalAction::Minutes(
                u32::try_from(f.int()?)
                    .ok()
                    .filter(|m| MINUTE_PRESETS.contains(m))?,
            ),
            "fmt" => JournalAction::Format(MeetingFormat::from_code(f.word()?)?),
            "dup" => JournalAction::Duplicate(f.yes_no()?),
            "dok" => JournalAction::DeadlineAfterEnd(f.yes_no()?),
            "ed" => JournalAction::Edit {
                entry: f.int()?,
                version: f.int()?,
            },
            "del" => JournalAction::Delete {
                entry: f.int()?,
                version: f.int()?,
            },
            "open" => {
                let pair = f.int()?;
                (f.int()? == 0).then_some(JournalAction::Open(pair))?
            }
            "pg" => {
                let pair = f.int()?;
                JournalAction::Page {
                    pair,
                    offset: f.int().filter(|o| *o >= 0)?,
                }
            }
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        match *self {
            JournalAction::Target { pair, .. } => Need::Pair(pair, &[Party::Mentor]),
            // steps of the mentor's own open form (the handler checks it is this form's keyboard)
            JournalAction::Minutes(_)
            | JournalAction::Format(_)
            | JournalAction::Duplicate(_)
            | JournalAction::DeadlineAfterEnd(_) => Need::Role(&[crate::domain::Role::Mentor]),
            JournalAction::Edit { entry, .. } | JournalAction::Delete { entry, .. } => {
                Need::Entry(entry, &[Party::Author])
            }
            JournalAction::Open(pair) | JournalAction::Page { pair, .. } => {
                Need::Pair(pair, READERS)
            }
        }
    }

    fn name(&self) -> &'static str {
        match self {
            JournalAction::Target { .. } => "journal.target",
            JournalAction::Minutes(_) => "journal.minutes",
            JournalAction::Format(_) => "journal.format",
            JournalAction::Duplicate(_) => "journal.duplicate",
            JournalAction::DeadlineAfterEnd(_) => "journal.deadline-after-end",
            JournalAction::Edit { .. } => "journal.edit",
            JournalAction::Delete { .. } => "journal.delete",
            JournalAction::Open(_) => "journal.open",
            JournalAction::Page { .. } => "journal.page",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        let mut all = vec![
            JournalAction::Target {
                pair: ids.pair,
                mentee: None,
            },
            JournalAction::Target {
                pair: ids.pair,
                mentee: Some(ids.mentee),
            },
            JournalAction::Duplicate(true),
            JournalAction::Duplicate(false),
            JournalAction::DeadlineAfterEnd(true),
            JournalAction::Edit {
                entry: ids.entry,
                version: 1,
            },
            JournalAction::Delete {
                entry: ids.entry,
                version: 1,
            },
            JournalAction::Open(ids.pair),
            JournalAction::Page {
                pair: ids.pair,
                offset: 10,
            },
        ];
        all.extend(MINUTE_PRESETS.iter().map(|m| JournalAction::Minutes(*m)));
        all.extend(MeetingFormat::ALL.iter().map(|f| JournalAction::Format(*f)));
        all
    }
}

/// `so:…` — a mentee's urgent question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum SosAction {
    /// The mentor answers (the text comes next).
    Answer(i64),
    /// The mentor's plain message is sent as the answer to their one open question.
    OfferSend(i64),
    /// …or it was not meant as one.
    OfferDrop(i64),
    /// `so:to:<pair>` — a mentee with several mentors chose whom the question goes to.
    To(i64),
}

impl Feature for SosAction {
    const PREFIX: &'static str = "so";

    fn encode_fields(&self, out: &mut Fields) {
        match *self {
            SosAction::Answer(id) => out.push("ans").push(id),
            SosAction::OfferSend(id) => out.push("pt").push(id),
            SosAction::OfferDrop(id) => out.push("px").push(id),
            SosAction::To(pair) => out.push("to").push(pair),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        Some(match f.word()? {
            "ans" => SosAction::Answer(f.int()?),
            "pt" => SosAction::OfferSend(f.int()?),
            "px" => SosAction::OfferDrop(f.int()?),
            "to" => SosAction::To(f.int()?),
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        match *self {
            SosAction::Answer(id) | SosAction::OfferSend(id) | SosAction::OfferDrop(id) => {
                Need::Sos(id, &[Party::Mentor])
            }
            SosAction::To(pair) => Need::Pair(pair, &[Party::Mentee]),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            SosAction::Answer(_) => "sos.answer",
            SosAction::OfferSend(_) => "sos.offer-send",
            SosAction::OfferDrop(_) => "sos.offer-drop",
            SosAction::To(_) => "sos.to",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        vec![
            SosAction::Answer(ids.sos),
            SosAction::OfferSend(ids.sos),
            SosAction::OfferDrop(ids.sos),
            SosAction::To(ids.pair),
        ]
    }
}

/// `ar:…` — the mentor's adaptation report (отчёт об адаптации) on a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum ReportAction {
    Open(i64),
    /// Add a comment (typed next), then send.
    Comment(i64),
    Send(i64),
}

impl Feature for ReportAction {
    const PREFIX: &'static str = "ar";

    fn encode_fields(&self, out: &mut Fields) {
        match *self {
            ReportAction::Open(p) => out.push("open").push(p),
            ReportAction::Comment(p) => out.push("cm").push(p),
            ReportAction::Send(p) => out.push("send").push(p),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        Some(match f.word()? {
            "open" => ReportAction::Open(f.int()?),
            "cm" => ReportAction::Comment(f.int()?),
            "send" => ReportAction::Send(f.int()?),
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        match *self {
            ReportAction::Open(p) | ReportAction::Comment(p) | ReportAction::Send(p) => {
                Need::Pair(p, &[Party::Mentor])
            }
        }
    }

    fn name(&self) -> &'static str {
        match self {
            ReportAction::Open(_) => "adaptation.open",
            ReportAction::Comment(_) => "adaptation.comment",
            ReportAction::Send(_) => "adaptation.send",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        vec![
            ReportAction::Open(ids.pair),
            ReportAction::Comment(ids.pair),
            ReportAction::Send(ids.pair),
        ]
    }
}

/// `pl:…` — the pair's plan (индивидуальный план / программа): items, the mentee's hand-in and
/// the mentor's check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum PlanAction {
    /// A pair's plan.
    Open(i64),
    /// The mentor adds a goal or an item (its title is typed next).
    Add { pair: i64, goal: bool },
    /// The item form: its area (`None`: without one).
    Area(Option<crate::domain::Area>),
    /// The item form: a deadline in so many days (one of `plan_edit::DEADLINE_PRESETS`; 0: none).
    DeadlineIn(i64),
    /// The item form: the typed deadline is right.
    DeadlineConfirmed(chrono::NaiveDate),
    /// The item form: type another deadline.
    DeadlineOther,
    /// The mentee hands in an item («Выполнено»).
    Submit(i64),
    /// The hand-in form: the mentee's own score, 1 to 5.
    Score(u8),
    /// The hand-in form: no comment.
    NoComment,
    /// The mentor looks at a handed-in item.
    Check(i64),
    /// The mentor accepts it.
    Accept(i64),
    /// The mentor returns it for rework (the comment comes next).
    Rework(i64),
}

impl Feature for PlanAction {
    const PREFIX: &'static str = "pl";

    fn encode_fields(&self, out: &mut Fields) {
        match *self {
            PlanAction::Open(p) => out.push("open").push(p),
            PlanAction::Add { pair, goal } => {
                out.push("add")
                    .push(pair)
                    .push(if goal { "goal" } else { "item" })
            }
            PlanAction::Area(a) => out.push("ar").push(a.map_or("none", |a| a.code())),
            PlanAction::DeadlineIn(d) => out.push("dl").push(d),
            PlanAction::DeadlineConfirmed(d) => out.push("dy").push(d.format("%Y%m%d")),
            PlanAction::DeadlineOther => out.push("dn"),
            PlanAction::Submit(i) => out.push("sub").push(i),
            PlanAction::Score(s) => out.push("sc").push(s),
            PlanAction::NoComment => out.push("nc"),
            PlanAction::Check(i) => out.push("chk").push(i),
            PlanAction::Accept(i) => out.push("ok").push(i),
            PlanAction::Rework(i) => out.push("rw").push(i),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        Some(match f.word()? {
            "open" => PlanAction::Open(f.int()?),
            "add" => {
                let pair = f.int()?;
                let goal = match f.word()? {
                    "goal" => true,
                    "item" => false,
                    _ => return None,
                };
                PlanAction::Add { pair, goal }
            }
            "ar" => match f.word()? {
                "none" => PlanAction::Area(None),
                code => PlanAction::Area(Some(crate::domain::Area::from_code(code)?)),
            },
            "dl" => PlanAction::DeadlineIn(
                f.int()
                    .filter(|d| *d == 0 || super::plan_edit::DEADLINE_PRESETS.contains(d))?,
            ),
            "dy" => {
                let word = f.word()?;
                let date = chrono::NaiveDate::parse_from_str(word, "%Y%m%d").ok()?;
                // one encoding per date
                (date.format("%Y%m%d").to_string() == word)
                    .then_some(PlanAction::DeadlineConfirmed(date))?
            }
            "dn" => PlanAction::DeadlineOther,
            "sub" => PlanAction::Submit(f.int()?),
            "sc" => PlanAction::Score(
                u8::try_from(f.int()?)
                    .ok()
                    .filter(|s| (1..=5).contains(s))?,
            ),
            "nc" => PlanAction::NoComment,
            "chk" => PlanAction::Check(f.int()?),
            "ok" => PlanAction::Accept(f.int()?),
            "rw" => PlanAction::Rework(f.int()?),
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        use crate::domain::Role;
        match *self {
            PlanAction::Open(p) => Need::Pair(p, READERS),
            PlanAction::Add { pair, .. } => Need::Pair(pair, &[Party::Mentor]),
            // steps of the person's own open form (the handler checks it is this form's keyboard)
            PlanAction::Area(_)
            | PlanAction::DeadlineIn(_)
            | PlanAction::DeadlineConfirmed(_)
            | PlanAction::DeadlineOther => Need::Role(&[Role::Mentor]),
            PlanAction::Score(_) | PlanAction::NoComment => Need::Role(&[Role::Mentee]),
            PlanAction::Submit(i) => Need::PlanItem(i, &[Party::Mentee]),
            PlanAction::Check(i) | PlanAction::Accept(i) | PlanAction::Rework(i) => {
                Need::PlanItem(i, &[Party::Mentor])
            }
        }
    }

    fn name(&self) -> &'static str {
        match self {
            PlanAction::Open(_) => "plan.open",
            PlanAction::Add { .. } => "plan.add",
            PlanAction::Area(_) => "plan.area",
            PlanAction::DeadlineIn(_) => "plan.deadline-in",
            PlanAction::DeadlineConfirmed(_) => "plan.deadline-confirmed",
            PlanAction::DeadlineOther => "plan.deadline-other",
            PlanAction::Submit(_) => "plan.submit",
            PlanAction::Score(_) => "plan.score",
            PlanAction::NoComment => "plan.no-comment",
            PlanAction::Check(_) => "plan.check",
            PlanAction::Accept(_) => "plan.accept",
            PlanAction::Rework(_) => "plan.rework",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        let mut all = vec![
            PlanAction::Open(ids.pair),
            PlanAction::Add {
                pair: ids.pair,
                goal: true,
            },
            PlanAction::Add {
                pair: ids.pair,
                goal: false,
            },
            PlanAction::Area(None),
            PlanAction::DeadlineIn(0),
            PlanAction::DeadlineConfirmed(
                chrono::NaiveDate::from_ymd_opt(2026, 12, 25).expect("a date"),
            ),
            PlanAction::DeadlineOther,
            PlanAction::Submit(ids.plan_item),
            PlanAction::NoComment,
            PlanAction::Check(ids.plan_item),
            PlanAction::Accept(ids.plan_item),
            PlanAction::Rework(ids.plan_item),
        ];
        all.extend(
            crate::domain::Area::ALL
                .iter()
                .map(|a| PlanAction::Area(Some(*a))),
        );
        all.extend(
            super::plan_edit::DEADLINE_PRESETS
                .iter()
                .map(|d| PlanAction::DeadlineIn(*d)),
        );
        all.extend((1..=5).map(PlanAction::Score));
        all
    }
}
