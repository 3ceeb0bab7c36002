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
        vec![
            SurveyAction::Resume(ids.pair),
            SurveyAction::Resend(ids.pair),
        ]
    }
}

/// `sv:…` — answering a survey one question at a time, and the curator sending one.
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumCount)]
pub enum SurveyAnswerAction {
    /// A score for question `qid` of one's own questionnaire (`response`).
    Score {
        response: i64,
        qid: String,
        score: i64,
    },
    /// Skip a free-text question.
    Skip { response: i64, qid: String },
    /// The curator chose a pair: which survey to send?
    Pair(i64),
    /// The curator sends the entry or exit survey to the pair's participants.
    Send {
        pair: i64,
        stage: crate::domain::survey::Stage,
    },
}

/// A question id as stored: lowercase letters, digits and `_` (no `:`).
fn qid(word: &str) -> Option<String> {
    (!word.is_empty()
        && word.len() <= 32
        && word
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
    .then(|| word.to_string())
}

impl Feature for SurveyAnswerAction {
    const PREFIX: &'static str = "sv";

    fn encode_fields(&self, out: &mut Fields) {
        match self {
            SurveyAnswerAction::Score {
                response,
                qid,
                score,
            } => out.push("a").push(response).push(qid).push(score),
            SurveyAnswerAction::Skip { response, qid } => out.push("s").push(response).push(qid),
            SurveyAnswerAction::Pair(p) => out.push("p").push(p),
            SurveyAnswerAction::Send { pair, stage } => out.push("g").push(pair).push(stage.code()),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        Some(match f.word()? {
            "a" => SurveyAnswerAction::Score {
                response: f.int()?,
                qid: qid(f.word()?)?,
                score: f.int().filter(|s| (0..=10).contains(s))?,
            },
            "s" => SurveyAnswerAction::Skip {
                response: f.int()?,
                qid: qid(f.word()?)?,
            },
            "p" => SurveyAnswerAction::Pair(f.int()?),
            "g" => SurveyAnswerAction::Send {
                pair: f.int()?,
                stage: crate::domain::survey::Stage::from_code(f.word()?)?,
            },
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        match *self {
            // one's own questionnaire only (after the programme too: the exit survey)
            SurveyAnswerAction::Score { response, .. }
            | SurveyAnswerAction::Skip { response, .. } => {
                Need::SurveyResponse(response, &[Party::Author])
            }
            SurveyAnswerAction::Pair(p) | SurveyAnswerAction::Send { pair: p, .. } => {
                Need::Pair(p, &[Party::Curator])
            }
        }
    }

    fn name(&self) -> &'static str {
        match self {
            SurveyAnswerAction::Score { .. } => "survey.score",
            SurveyAnswerAction::Skip { .. } => "survey.skip",
            SurveyAnswerAction::Pair(_) => "survey.pair",
            SurveyAnswerAction::Send { .. } => "survey.send",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        use crate::domain::survey::Stage;
        vec![
            SurveyAnswerAction::Score {
                response: ids.survey_response,
                qid: "motivation".into(),
                score: 4,
            },
            SurveyAnswerAction::Score {
                response: ids.survey_response,
                qid: "nps".into(),
                score: 10,
            },
            SurveyAnswerAction::Skip {
                response: ids.survey_response,
                qid: "expectations".into(),
            },
            SurveyAnswerAction::Pair(ids.pair),
            SurveyAnswerAction::Send {
                pair: ids.pair,
                stage: Stage::Entry,
            },
            SurveyAnswerAction::Send {
                pair: ids.pair,
                stage: Stage::Exit,
            },
        ]
    }
}
