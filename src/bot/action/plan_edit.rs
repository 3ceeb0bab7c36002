//! Changing a plan item or task: «Перенести срок», «Изменить» (the title), «Отменить», and
//! the mentor's answer to a mentee's proposal. The mentor changes at once; the mentee
//! proposes and the mentor confirms with one tap.

use super::{Feature, Fields, Ids, Need, Party, Reader};
use chrono::NaiveDate;

/// The deadlines offered as buttons, in days from today.
pub const DEADLINE_PRESETS: [i64; 3] = [7, 14, 30];

/// `pe:…` — the buttons of a plan item's changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum PlanEditAction {
    /// `pe:m:<item>` — what can be changed.
    Menu(i64),
    /// `pe:d:<item>` — asks for the new deadline (typed, or a preset).
    Deadline(i64),
    /// `pe:di:<item>:<days>` — the new deadline in [`DEADLINE_PRESETS`] days from today.
    DeadlineIn(i64, i64),
    /// `pe:do:<item>:<yyyymmdd>` — a deadline confirmed after «после окончания программы».
    DeadlineOn(i64, NaiveDate),
    /// `pe:t:<item>` — asks for the new title.
    Title(i64),
    /// `pe:x:<item>` — asks whether to cancel the item (the mentor).
    Cancel(i64),
    /// `pe:xy:<item>` — cancels it.
    CancelYes(i64),
    /// `pe:ok:<item>:<change>` — the mentor agrees to a mentee's proposal.
    Approve(i64, i64),
    /// `pe:no:<item>:<change>` — the mentor keeps things as they are.
    Reject(i64, i64),
}

const BOTH: &[Party] = &[Party::Mentor, Party::Mentee];
const MENTOR: &[Party] = &[Party::Mentor];

fn date_field(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

impl Feature for PlanEditAction {
    const PREFIX: &'static str = "pe";

    fn encode_fields(&self, out: &mut Fields) {
        use PlanEditAction::*;
        match *self {
            Menu(i) => out.push("m").push(i),
            Deadline(i) => out.push("d").push(i),
            DeadlineIn(i, days) => out.push("di").push(i).push(days),
            DeadlineOn(i, d) => out.push("do").push(i).push(date_field(d)),
            Title(i) => out.push("t").push(i),
            Cancel(i) => out.push("x").push(i),
            CancelYes(i) => out.push("xy").push(i),
            Approve(i, c) => out.push("ok").push(i).push(c),
            Reject(i, c) => out.push("no").push(i).push(c),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        use PlanEditAction::*;
        Some(match f.word()? {
            "m" => Menu(f.int()?),
            "d" => Deadline(f.int()?),
            "di" => DeadlineIn(f.int()?, f.int().filter(|d| DEADLINE_PRESETS.contains(d))?),
            "do" => {
                let item = f.int()?;
                let word = f.word()?;
                let d = NaiveDate::parse_from_str(word, "%Y%m%d")
                    .ok()
                    .filter(|d| date_field(*d) == word)?;
                DeadlineOn(item, d)
            }
            "t" => Title(f.int()?),
            "x" => Cancel(f.int()?),
            "xy" => CancelYes(f.int()?),
            "ok" => Approve(f.int()?, f.int()?),
            "no" => Reject(f.int()?, f.int()?),
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        use PlanEditAction::*;
        match *self {
            // the mentee's changes are proposals the mentor confirms
            Menu(i) | Deadline(i) | DeadlineIn(i, _) | DeadlineOn(i, _) | Title(i) => {
                Need::PlanItem(i, BOTH)
            }
            Cancel(i) | CancelYes(i) | Approve(i, _) | Reject(i, _) => Need::PlanItem(i, MENTOR),
        }
    }

    fn name(&self) -> &'static str {
        use PlanEditAction::*;
        match self {
            Menu(_) => "plan-edit.menu",
            Deadline(_) => "plan-edit.deadline",
            DeadlineIn(..) => "plan-edit.deadline-in",
            DeadlineOn(..) => "plan-edit.deadline-on",
            Title(_) => "plan-edit.title",
            Cancel(_) => "plan-edit.cancel",
            CancelYes(_) => "plan-edit.cancel-yes",
            Approve(..) => "plan-edit.approve",
            Reject(..) => "plan-edit.reject",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        use PlanEditAction::*;
        let i = ids.plan_item;
        let d = NaiveDate::from_ymd_opt(2026, 12, 25).expect("a date");
        vec![
            Menu(i),
            Deadline(i),
            DeadlineIn(i, 7),
            DeadlineOn(i, d),
            Title(i),
            Cancel(i),
            CancelYes(i),
            Approve(i, 1),
            Reject(i, 1),
        ]
    }
}
