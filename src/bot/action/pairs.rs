//! Buttons of pairs (наставнические пары и группы): the card, ending and extending the
//! programme, the head's order; the mentee's petition for another mentor (ходатайство о
//! замене) and the mentor's resignation (заявление об освобождении).

use super::{Feature, Fields, Ids, Need, Party, Reader};
use crate::domain::pair::EndReason;

const PARTIES: &[Party] = &[Party::Mentor, Party::Mentee];
const STAFF: &[Party] = &[Party::Curator, Party::Head];
const EVERYONE_OF_PAIR: &[Party] = &[Party::Mentor, Party::Mentee, Party::Curator, Party::Head];

/// How many months a programme may be extended by with one request.
pub const EXTENSION_MONTHS: std::ops::RangeInclusive<u32> = 1..=3;

/// `pr:…` — a pair's card and what its people may do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum PairAction {
    /// Show the pair's card (its mentor, mentees, curator, head).
    Open(i64),
    /// The pair's history of state changes (curator, head).
    History(i64),
    /// Record the head's order on the pair (curator, head).
    Order(i64),
    /// A side asks to end the programme: choose the reason.
    End(i64),
    /// A side asks to end the programme for this reason.
    EndWith(i64, EndReason),
    /// The curator ends the pair: choose the reason.
    CuratorEnd(i64),
    /// The curator ends the pair for this reason.
    CuratorEndWith(i64, EndReason),
    /// A side asks to extend the programme: choose by how much.
    Extend(i64),
    /// A side asks to extend the programme by this many months.
    ExtendBy(i64, u32),
    /// Confirm or reject a pending change (an end: the curator; an extension: the other side).
    Decide { change: i64, confirm: bool },
    /// The other side agrees or refuses to end by mutual consent.
    Mutual { change: i64, agree: bool },
    /// Apply an order just recorded to the organization's other pairs waiting for one.
    OrderRest(i64),
    /// The curator finds a second mentor for the pair's mentee (002 §5.2: several mentors for
    /// one mentee, e.g. a subject mentor and a class-teacher mentor): a new request, the
    /// pair's mentor excluded.
    SecondMentor(i64),
}

impl Feature for PairAction {
    const PREFIX: &'static str = "pr";

    fn encode_fields(&self, out: &mut Fields) {
        match *self {
            PairAction::Open(p) => out.push("open").push(p),
            PairAction::History(p) => out.push("hist").push(p),
            PairAction::Order(p) => out.push("ord").push(p),
            PairAction::End(p) => out.push("end").push(p),
            PairAction::EndWith(p, r) => out.push("endr").push(p).push(r.code()),
            PairAction::CuratorEnd(p) => out.push("cend").push(p),
            PairAction::CuratorEndWith(p, r) => out.push("cendr").push(p).push(r.code()),
            PairAction::Extend(p) => out.push("ext").push(p),
            PairAction::ExtendBy(p, m) => out.push("extm").push(p).push(m),
            PairAction::Decide { change, confirm } => out
                .push("chc")
                .push(change)
                .push(if confirm { "y" } else { "n" }),
            PairAction::Mutual { change, agree } => {
                out.push("mut")
                    .push(change)
                    .push(if agree { "y" } else { "n" })
            }
            PairAction::OrderRest(o) => out.push("orda").push(o),
            PairAction::SecondMentor(p) => out.push("sec").push(p),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        let reason = |f: &mut Reader<'_>| f.word().and_then(EndReason::from_code);
        Some(match f.word()? {
            "open" => PairAction::Open(f.int()?),
            "hist" => PairAction::History(f.int()?),
            "ord" => PairAction::Order(f.int()?),
            "end" => PairAction::End(f.int()?),
            "endr" => PairAction::EndWith(f.int()?, reason(f)?),
            "cend" => PairAction::CuratorEnd(f.int()?),
            "cendr" => PairAction::CuratorEndWith(f.int()?, reason(f)?),
            "ext" => PairAction::Extend(f.int()?),
            "extm" => {
                let pair = f.int()?;
                let months = u32::try_from(f.int()?)
                    .ok()
                    .filter(|m| EXTENSION_MONTHS.contains(m))?;
                PairAction::ExtendBy(pair, months)
            }
            "chc" => PairAction::Decide {
                change: f.int()?,
                confirm: f.yes_no()?,
            },
            "mut" => PairAction::Mutual {
                change: f.int()?,
                agree: f.yes_no()?,
            },
            "orda" => PairAction::OrderRest(f.int()?),
            "sec" => PairAction::SecondMentor(f.int()?),
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        match *self {
            PairAction::Open(p) => Need::Pair(p, EVERYONE_OF_PAIR),
            PairAction::History(p) | PairAction::Order(p) => Need::Pair(p, STAFF),
            PairAction::End(p)
            | PairAction::EndWith(p, _)
            | PairAction::Extend(p)
            | PairAction::ExtendBy(p, _) => Need::Pair(p, PARTIES),
            PairAction::CuratorEnd(p)
            | PairAction::CuratorEndWith(p, _)
            | PairAction::SecondMentor(p) => Need::Pair(p, &[Party::Curator]),
            // which of them decides depends on the change (the handler narrows it): an end is
            // the curator's, an extension the side's that did not ask
            PairAction::Decide { change, .. } => {
                Need::PairChange(change, &[Party::Mentor, Party::Mentee, Party::Curator])
            }
            PairAction::Mutual { change, .. } => Need::PairChange(change, PARTIES),
            PairAction::OrderRest(o) => Need::Order(o, STAFF),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            PairAction::Open(_) => "pair.open",
            PairAction::History(_) => "pair.history",
            PairAction::Order(_) => "pair.order",
            PairAction::End(_) => "pair.end",
            PairAction::EndWith(..) => "pair.end-with",
            PairAction::CuratorEnd(_) => "pair.curator-end",
            PairAction::CuratorEndWith(..) => "pair.curator-end-with",
            PairAction::Extend(_) => "pair.extend",
            PairAction::ExtendBy(..) => "pair.extend-by",
            PairAction::Decide { .. } => "pair.decide",
            PairAction::Mutual { .. } => "pair.mutual",
            PairAction::OrderRest(_) => "pair.order-rest",
            PairAction::SecondMentor(_) => "pair.second-mentor",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        let p = ids.pair;
        vec![
            PairAction::Open(p),
            PairAction::History(p),
            PairAction::Order(p),
            PairAction::End(p),
            PairAction::EndWith(p, EndReason::MutualInitiative),
            PairAction::EndWith(p, EndReason::MentorInitiative),
            PairAction::CuratorEnd(p),
            PairAction::CuratorEndWith(p, EndReason::CuratorImproper),
            PairAction::Extend(p),
            PairAction::ExtendBy(p, 3),
            PairAction::Decide {
                change: ids.change,
                confirm: true,
            },
            PairAction::Decide {
                change: ids.change,
                confirm: false,
            },
            PairAction::Mutual {
                change: ids.change,
                agree: true,
            },
            PairAction::OrderRest(ids.order),
            PairAction::SecondMentor(p),
        ]
    }
}

/// `pt:…` — the mentee's petition for another mentor.
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumCount)]
pub enum PetitionAction {
    /// The mentee chose the reason (one of `PETITION_REASONS`); the text comes next.
    Reason(i64, &'static str),
    /// The curator opens the petition.
    Open(i64),
    /// The curator approves it.
    Approve(i64),
    /// The curator rejects it (the reason comes next).
    Reject(i64),
}

/// Why a mentee asks for another mentor (their texts are `pt-reason-<code>`).
pub const PETITION_REASONS: [&str; 4] = ["incompatible", "unavailable", "competence", "other"];

impl Feature for PetitionAction {
    const PREFIX: &'static str = "pt";

    fn encode_fields(&self, out: &mut Fields) {
        match *self {
            PetitionAction::Reason(pair, code) => out.push("r").push(pair).push(code),
            PetitionAction::Open(id) => out.push("open").push(id),
            PetitionAction::Approve(id) => out.push("ok").push(id),
            PetitionAction::Reject(id) => out.push("no").push(id),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        Some(match f.word()? {
            "r" => {
                let pair = f.int()?;
                let code = f.word()?;
                PetitionAction::Reason(pair, PETITION_REASONS.iter().copied().find(|c| *c == code)?)
            }
            "open" => PetitionAction::Open(f.int()?),
            "ok" => PetitionAction::Approve(f.int()?),
            "no" => PetitionAction::Reject(f.int()?),
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        match *self {
            PetitionAction::Reason(pair, _) => Need::Pair(pair, &[Party::Mentee]),
            // the head gets a copy, the curator decides (000 §5.2.1)
            PetitionAction::Open(id) | PetitionAction::Approve(id) | PetitionAction::Reject(id) => {
                Need::Petition(id, &[Party::Curator])
            }
        }
    }

    fn name(&self) -> &'static str {
        match self {
            PetitionAction::Reason(..) => "petition.reason",
            PetitionAction::Open(_) => "petition.open",
            PetitionAction::Approve(_) => "petition.approve",
            PetitionAction::Reject(_) => "petition.reject",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        let mut all: Vec<Self> = PETITION_REASONS
            .iter()
            .map(|c| PetitionAction::Reason(ids.pair, c))
            .collect();
        all.extend([
            PetitionAction::Open(ids.petition),
            PetitionAction::Approve(ids.petition),
            PetitionAction::Reject(ids.petition),
        ]);
        all
    }
}

/// `rs:…` — the curator decides a mentor's resignation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum ResignationAction {
    Open(i64),
    Approve(i64),
    /// Reject (the reason comes next).
    Reject(i64),
}

impl Feature for ResignationAction {
    const PREFIX: &'static str = "rs";

    fn encode_fields(&self, out: &mut Fields) {
        match *self {
            ResignationAction::Open(id) => out.push("open").push(id),
            ResignationAction::Approve(id) => out.push("ok").push(id),
            ResignationAction::Reject(id) => out.push("no").push(id),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        Some(match f.word()? {
            "open" => ResignationAction::Open(f.int()?),
            "ok" => ResignationAction::Approve(f.int()?),
            "no" => ResignationAction::Reject(f.int()?),
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        match *self {
            ResignationAction::Open(id)
            | ResignationAction::Approve(id)
            | ResignationAction::Reject(id) => Need::Resignation(id, &[Party::Curator]),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            ResignationAction::Open(_) => "resignation.open",
            ResignationAction::Approve(_) => "resignation.approve",
            ResignationAction::Reject(_) => "resignation.reject",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        vec![
            ResignationAction::Open(ids.resignation),
            ResignationAction::Approve(ids.resignation),
            ResignationAction::Reject(ids.resignation),
        ]
    }
}
