//! The coordinator's record of the district's held events (проведённые мероприятия): from
//! /calendar, the date and title typed, then the organizations that took part.

use super::{Feature, Fields, Ids, Need, Reader};
use crate::domain::Role;

/// `he:…` — recording a held event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum HeldEventAction {
    /// `he:new` — «Отметить проведённое мероприятие»: asks for the date and title.
    Start,
    /// `he:t:<org>` — an organization took part (or not, pressed again).
    Toggle(i64),
    /// `he:p:<page>` — another page of organizations.
    Page(i64),
    /// `he:all` — every organization took part (or none, pressed again).
    All,
    /// `he:ok` — records the event.
    Done,
    /// `he:rm:<event>` — removes a recorded event.
    Remove(i64),
}

impl Feature for HeldEventAction {
    const PREFIX: &'static str = "he";

    fn encode_fields(&self, out: &mut Fields) {
        use HeldEventAction::*;
        match *self {
            Start => out.push("new"),
            Toggle(o) => out.push("t").push(o),
            Page(p) => out.push("p").push(p),
            All => out.push("all"),
            Done => out.push("ok"),
            Remove(e) => out.push("rm").push(e),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        use HeldEventAction::*;
        Some(match f.word()? {
            "new" => Start,
            "t" => Toggle(f.int()?),
            "p" => Page(f.int().filter(|p| *p >= 0)?),
            "all" => All,
            "ok" => Done,
            "rm" => Remove(f.int()?),
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        Need::Role(&[Role::Coordinator])
    }

    fn name(&self) -> &'static str {
        use HeldEventAction::*;
        match self {
            Start => "held-event.start",
            Toggle(_) => "held-event.toggle",
            Page(_) => "held-event.page",
            All => "held-event.all",
            Done => "held-event.done",
            Remove(_) => "held-event.remove",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        use HeldEventAction::*;
        vec![Start, Toggle(ids.org), Page(1), All, Done, Remove(1)]
    }
}
