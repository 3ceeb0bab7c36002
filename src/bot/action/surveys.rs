//! Survey buttons (issue 19 §1): a participant continues an unanswered survey from its
//! reminder; a curator sends the exit survey of a recently ended pair again.

use super::{Feature, Fields, Ids, Need, Party, Reader};

/// `sa:…` — the surveys that run themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum SurveyAction {
    /// `sa:go:<pair>` — continue my unfinished survey of this pair (the reminder's button).
    Resume(i64),
    /// `sa:rs:<pair>` — the curator sends the exit survey of an ended pair again to whoever
    /// has not finished it.
    Resend(i64),
}

impl Feature for SurveyAction {
    const PREFIX: &'static str = "sa";

    fn encode_fields(&self, out: &mut Fields) {
        match self {
            SurveyAction::Resume(pair) => out.push("go").push(pair),
            SurveyAction::Resend(pair) => out.push("rs").push(pair),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        match f.word()? {
            "go" => Some(SurveyAction::Resume(f.int()?)),
            "rs" => Some(SurveyAction::Resend(f.int()?)),
            _ => None,
        }
    }

    fn need(&self) -> Need {
        match self {
            SurveyAction::Resume(pair) => Need::Pair(*pair, &[Party::Mentor, Party::Mentee]),
            SurveyAction::Resend(pair) => Need::Pair(*pair, &[Party::Curator]),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            SurveyAction::Resume(_) => "surveys.resume",
            SurveyAction::Resend(_) => "surveys.resend",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        vec![SurveyAction::Resume(ids.pair), SurveyAction::Resend(ids.pair)]
    }
}
