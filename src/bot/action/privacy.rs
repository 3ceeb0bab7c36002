//! Personal data buttons: keeping the practices of authors who withdrew consent (`pk`) and
//! confirming mentors who joined without an invitation (`mv`).

use super::{Feature, Fields, Ids, Need, Party, Reader};

/// `pk:keep|drop:<practice>` — a withheld practice stays without its author's name, or goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum KeepPracticeAction {
    Keep(i64),
    Drop(i64),
}

impl KeepPracticeAction {
    pub fn practice(self) -> i64 {
        match self {
            KeepPracticeAction::Keep(id) | KeepPracticeAction::Drop(id) => id,
        }
    }
}

impl Feature for KeepPracticeAction {
    const PREFIX: &'static str = "pk";

    fn encode_fields(&self, out: &mut Fields) {
        let verb = match self {
            KeepPracticeAction::Keep(_) => "keep",
            KeepPracticeAction::Drop(_) => "drop",
        };
        out.push(verb).push(self.practice());
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        let verb = f.word()?;
        let id = f.int()?;
        match verb {
            "keep" => Some(KeepPracticeAction::Keep(id)),
            "drop" => Some(KeepPracticeAction::Drop(id)),
            _ => None,
        }
    }

    fn need(&self) -> Need {
        // the curators of the practice's school, or the coordinator (who moderates the bank;
        // asked when the school has no curator)
        Need::Practice(self.practice(), &[Party::Curator, Party::Coordinator])
    }

    fn name(&self) -> &'static str {
        match self {
            KeepPracticeAction::Keep(_) => "privacy.keep-practice",
            KeepPracticeAction::Drop(_) => "privacy.drop-practice",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        vec![
            KeepPracticeAction::Keep(ids.practice),
            KeepPracticeAction::Drop(ids.practice),
        ]
    }
}

/// `mv:ok:<user>` — a mentor who joined without a mentor invitation is confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum ConfirmMentorAction {
    Confirm(i64),
}

/// Who confirms a mentor of their organization: its curators and head (`privacy::MENTOR_CONFIRMERS`).
pub const MENTOR_CONFIRMING_PARTIES: &[Party] = &[Party::Curator, Party::Head];

impl Feature for ConfirmMentorAction {
    const PREFIX: &'static str = "mv";

    fn encode_fields(&self, out: &mut Fields) {
        let ConfirmMentorAction::Confirm(id) = self;
        out.push("ok").push(id);
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        match f.word()? {
            "ok" => f.int().map(ConfirmMentorAction::Confirm),
            _ => None,
        }
    }

    fn need(&self) -> Need {
        let ConfirmMentorAction::Confirm(id) = self;
        Need::Person(*id, MENTOR_CONFIRMING_PARTIES)
    }

    fn name(&self) -> &'static str {
        "privacy.confirm-mentor"
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        vec![ConfirmMentorAction::Confirm(ids.mentor)]
    }
}
