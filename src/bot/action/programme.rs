//! A programme both sides write (issue 21 §2, 000 §5.2.1): the mentee proposes a new plan
//! item and the mentor accepts (as is or edited) or refuses it; the programme's length is
//! chosen when the pair is formed and changed later by agreement of both sides.

use super::{Feature, Fields, Ids, Need, Party, Reader};

const MENTEE: &[Party] = &[Party::Mentee];
const MENTOR: &[Party] = &[Party::Mentor];
const PARTIES: &[Party] = &[Party::Mentor, Party::Mentee];
const CURATOR: &[Party] = &[Party::Curator];

/// The programme lengths offered, in months from the pair's start (3 to 12 months).
pub const LENGTHS: [u32; 4] = [3, 6, 9, 12];

/// `np:…` — a mentee's proposal of a new plan item and the mentor's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum ProposalAction {
    /// `np:new:<pair>` — «Предложить пункт»: the mentee types the text next.
    Start(i64),
    /// `np:g:<pair>` — «Предложить цель»: what the mentee types next is a goal.
    Goal(i64),
    /// `np:nd:<pair>` — the proposal has no deadline (the mentee's open form).
    NoDeadline(i64),
    /// `np:ok:<pair>:<proposal>` — the mentor accepts it as proposed.
    Accept(i64, i64),
    /// `np:ed:<pair>:<proposal>` — the mentor accepts it with a text they type.
    Edit(i64, i64),
    /// `np:no:<pair>:<proposal>` — the mentor refuses it (the reason comes next).
    Reject(i64, i64),
}

impl Feature for ProposalAction {
    const PREFIX: &'static str = "np";

    fn encode_fields(&self, out: &mut Fields) {
        use ProposalAction::*;
        match *self {
            Start(p) => out.push("new").push(p),
            Goal(p) => out.push("g").push(p),
            NoDeadline(p) => out.push("nd").push(p),
            Accept(p, x) => out.push("ok").push(p).push(x),
            Edit(p, x) => out.push("ed").push(p).push(x),
            Reject(p, x) => out.push("no").push(p).push(x),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        use ProposalAction::*;
        Some(match f.word()? {
            "new" => Start(f.int()?),
            "g" => Goal(f.int()?),
            "nd" => NoDeadline(f.int()?),
            "ok" => Accept(f.int()?, f.int()?),
            "ed" => Edit(f.int()?, f.int()?),
            "no" => Reject(f.int()?, f.int()?),
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        use ProposalAction::*;
        match *self {
            // only the pair's mentee proposes; only its mentor decides (the handler checks the
            // proposal belongs to the pair)
            Start(p) | Goal(p) | NoDeadline(p) => Need::Pair(p, MENTEE),
            Accept(p, _) | Edit(p, _) | Reject(p, _) => Need::Pair(p, MENTOR),
        }
    }

    fn name(&self) -> &'static str {
        use ProposalAction::*;
        match self {
            Start(_) => "plan-proposal.start",
            Goal(_) => "plan-proposal.goal",
            NoDeadline(_) => "plan-proposal.no-deadline",
            Accept(..) => "plan-proposal.accept",
            Edit(..) => "plan-proposal.edit",
            Reject(..) => "plan-proposal.reject",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        use ProposalAction::*;
        let p = ids.pair;
        vec![
            Start(p),
            Goal(p),
            NoDeadline(p),
            Accept(p, 1),
            Edit(p, 1),
            Reject(p, 1),
        ]
    }
}

/// `ln:…` — the programme's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum LengthAction {
    /// `ln:set:<pair>:<months>` — the curator chooses the length of a pair just formed.
    Set(i64, u32),
    /// `ln:ask:<pair>` — a side asks to change the length: choose it.
    Ask(i64),
    /// `ln:to:<pair>:<months>` — a side proposes this length; the other side agrees.
    To(i64, u32),
}

fn months(f: &mut Reader<'_>) -> Option<u32> {
    u32::try_from(f.int()?).ok().filter(|m| LENGTHS.contains(m))
}

impl Feature for LengthAction {
    const PREFIX: &'static str = "ln";

    fn encode_fields(&self, out: &mut Fields) {
        use LengthAction::*;
        match *self {
            Set(p, m) => out.push("set").push(p).push(m),
            Ask(p) => out.push("ask").push(p),
            To(p, m) => out.push("to").push(p).push(m),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        use LengthAction::*;
        Some(match f.word()? {
            "set" => Set(f.int()?, months(f)?),
            "ask" => Ask(f.int()?),
            "to" => To(f.int()?, months(f)?),
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        use LengthAction::*;
        match *self {
            Set(p, _) => Need::Pair(p, CURATOR),
            Ask(p) | To(p, _) => Need::Pair(p, PARTIES),
        }
    }

    fn name(&self) -> &'static str {
        use LengthAction::*;
        match self {
            Set(..) => "programme-length.set",
            Ask(_) => "programme-length.ask",
            To(..) => "programme-length.to",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        use LengthAction::*;
        let p = ids.pair;
        vec![Set(p, 6), Ask(p), To(p, 12)]
    }
}
