//! Meetings planned ahead: the calendar file, moving, cancelling, and — after the meeting —
//! the mentor's one-tap answer to «Встреча состоялась?».

use super::{Feature, Fields, Ids, Need, Party, Reader};

/// `mt:…` — the buttons of a planned meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum MeetingAction {
    /// `mt:w:<pair>:<mentee or 0>` — the mentor chose with whom the drafted meeting is.
    With(i64, Option<i64>),
    /// `mt:p:<pair>:<mentee or 0>` — «Запланировать встречу» in the guided /meeting form:
    /// asks when and about what.
    Plan(i64, Option<i64>),
    /// `mt:ics:<meeting>` — «Добавить в календарь»: the .ics file.
    Ics(i64),
    /// `mt:mv:<meeting>` — asks for the new time.
    Move(i64),
    /// `mt:x:<meeting>` — asks whether to cancel it.
    Cancel(i64),
    /// `mt:xy:<meeting>` — cancels it (the other side is told).
    CancelYes(i64),
    /// `mt:y:<meeting>` — «Да, 45 мин»: it took place; the journal entry is written.
    Held(i64),
    /// `mt:n:<meeting>` — «Не состоялась».
    Missed(i64),
}

const BOTH: &[Party] = &[Party::Mentor, Party::Mentee];
const MENTOR: &[Party] = &[Party::Mentor];

impl Feature for MeetingAction {
    const PREFIX: &'static str = "mt";

    fn encode_fields(&self, out: &mut Fields) {
        use MeetingAction::*;
        match *self {
            With(p, m) => out.push("w").push(p).push(m.unwrap_or(0)),
            Plan(p, m) => out.push("p").push(p).push(m.unwrap_or(0)),
            Ics(i) => out.push("ics").push(i),
            Move(i) => out.push("mv").push(i),
            Cancel(i) => out.push("x").push(i),
            CancelYes(i) => out.push("xy").push(i),
            Held(i) => out.push("y").push(i),
            Missed(i) => out.push("n").push(i),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        use MeetingAction::*;
        Some(match f.word()? {
            "w" => {
                let pair = f.int()?;
                let mentee = f.int().filter(|m| *m >= 0)?;
                With(pair, (mentee != 0).then_some(mentee))
            }
            "p" => {
                let pair = f.int()?;
                let mentee = f.int().filter(|m| *m >= 0)?;
                Plan(pair, (mentee != 0).then_some(mentee))
            }
            "ics" => Ics(f.int()?),
            "mv" => Move(f.int()?),
            "x" => Cancel(f.int()?),
            "xy" => CancelYes(f.int()?),
            "y" => Held(f.int()?),
            "n" => Missed(f.int()?),
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        use MeetingAction::*;
        match *self {
            With(p, _) | Plan(p, _) => Need::Pair(p, MENTOR),
            Ics(i) | Move(i) | Cancel(i) | CancelYes(i) => Need::Meeting(i, BOTH),
            Held(i) | Missed(i) => Need::Meeting(i, MENTOR),
        }
    }

    fn name(&self) -> &'static str {
        use MeetingAction::*;
        match self {
            With(..) => "meeting.with",
            Plan(..) => "meeting.plan",
            Ics(_) => "meeting.ics",
            Move(_) => "meeting.move",
            Cancel(_) => "meeting.cancel",
            CancelYes(_) => "meeting.cancel-yes",
            Held(_) => "meeting.held",
            Missed(_) => "meeting.missed",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        use MeetingAction::*;
        let m = ids.meeting;
        vec![
            With(ids.pair, Some(ids.mentee)),
            With(ids.pair, None),
            Plan(ids.pair, Some(ids.mentee)),
            Plan(ids.pair, None),
            Ics(m),
            Move(m),
            Cancel(m),
            CancelYes(m),
            Held(m),
            Missed(m),
        ]
    }
}
