//! Surveys of the participants (002 §7.2: the effect is measured before entering a program
//! and after finishing it). The regulations give no questions: the defaults live in the
//! migration and the locales, and the coordinator adapts them as a TOML file.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Respondent {
    Mentee,
    Mentor,
}

impl Respondent {
    pub fn code(self) -> &'static str {
        match self {
            Respondent::Mentee => "mentee",
            Respondent::Mentor => "mentor",
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        [Respondent::Mentee, Respondent::Mentor]
            .into_iter()
            .find(|r| r.code() == s)
    }
}

/// When a survey is taken: at the start of a pair or at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Entry,
    Exit,
}

impl Stage {
    pub fn code(self) -> &'static str {
        match self {
            Stage::Entry => "entry",
            Stage::Exit => "exit",
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        [Stage::Entry, Stage::Exit]
            .into_iter()
            .find(|r| r.code() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QuestionKind {
    #[serde(rename = "scale1_5")]
    Scale1To5,
    #[serde(rename = "scale0_10")]
    Scale0To10,
    #[serde(rename = "text")]
    Text,
}

impl QuestionKind {
    pub fn code(self) -> &'static str {
        match self {
            QuestionKind::Scale1To5 => "scale1_5",
            QuestionKind::Scale0To10 => "scale0_10",
            QuestionKind::Text => "text",
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        [
            QuestionKind::Scale1To5,
            QuestionKind::Scale0To10,
            QuestionKind::Text,
        ]
        .into_iter()
        .find(|k| k.code() == s)
    }
    /// The scores a scale accepts (empty for text).
    pub fn range(self) -> std::ops::RangeInclusive<i64> {
        match self {
            QuestionKind::Scale1To5 => 1..=5,
            QuestionKind::Scale0To10 => 0..=10,
            #[allow(clippy::reversed_empty_ranges)]
            QuestionKind::Text => 1..=0,
        }
    }
    pub fn accepts(self, score: i64) -> bool {
        self.range().contains(&score)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    /// Own texts; without them the locale default `sv-q-<id>` is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ru: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Survey {
    pub code: String,
    pub respondent: Respondent,
    pub stage: Stage,
    #[serde(rename = "question")]
    pub questions: Vec<Question>,
}

impl Survey {
    /// The first question not yet answered, with its index.
    pub fn next_question(&self, answered: &[String]) -> Option<(usize, &Question)> {
        self.questions
            .iter()
            .enumerate()
            .find(|(_, q)| !answered.contains(&q.id))
    }
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

/// The TOML file: `[[survey]]` tables with `[[survey.question]]` arrays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SurveyFile {
    survey: Vec<Survey>,
}

pub fn to_toml(surveys: &[Survey]) -> Result<String, String> {
    toml::to_string_pretty(&SurveyFile {
        survey: surveys.to_vec(),
    })
    .map_err(|e| e.to_string())
}

/// Parses and checks a survey file: known kinds, ids of latin letters, digits and `_`,
/// unique codes and question ids, at least one question per survey.
pub fn from_toml(text: &str) -> Result<Vec<Survey>, String> {
    let file: SurveyFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut codes: Vec<&str> = Vec::new();
    for s in &file.survey {
        if !is_id(&s.code) {
            return Err(format!(
                "survey code '{}': use latin letters, digits and _",
                s.code
            ));
        }
        if codes.contains(&s.code.as_str()) {
            return Err(format!("survey '{}' is defined twice", s.code));
        }
        codes.push(&s.code);
        if s.questions.is_empty() {
            return Err(format!("survey '{}' has no questions", s.code));
        }
        let mut ids: Vec<&str> = Vec::new();
        for q in &s.questions {
            if !is_id(&q.id) {
                return Err(format!(
                    "survey '{}': question id '{}': use latin letters, digits and _",
                    s.code, q.id
                ));
            }
            if ids.contains(&q.id.as_str()) {
                return Err(format!(
                    "survey '{}': question '{}' appears twice",
                    s.code, q.id
                ));
            }
            ids.push(&q.id);
            for t in [&q.ru, &q.en].into_iter().flatten() {
                if t.trim().is_empty() || t.chars().count() > 500 {
                    return Err(format!(
                        "survey '{}': question '{}': a text must have 1 to 500 characters",
                        s.code, q.id
                    ));
                }
            }
        }
    }
    Ok(file.survey)
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 40 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Net Promoter Score of 0–10 answers: % of 9–10 minus % of 0–6; `None` without answers.
pub fn nps(scores: &[i64]) -> Option<f64> {
    if scores.is_empty() {
        return None;
    }
    let promoters = scores.iter().filter(|s| **s >= 9).count() as f64;
    let detractors = scores.iter().filter(|s| **s <= 6).count() as f64;
    Some((promoters - detractors) * 100.0 / scores.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Survey> {
        vec![Survey {
            code: "mentee_entry".into(),
            respondent: Respondent::Mentee,
            stage: Stage::Entry,
            questions: vec![
                Question {
                    id: "motivation".into(),
                    kind: QuestionKind::Scale1To5,
                    ru: None,
                    en: None,
                },
                Question {
                    id: "expectations".into(),
                    kind: QuestionKind::Text,
                    ru: Some("Чего вы ждёте?".into()),
                    en: None,
                },
            ],
        }]
    }

    #[test]
    fn toml_round_trip() {
        let text = to_toml(&sample()).unwrap();
        assert!(text.contains("[[survey.question]]"), "{text}");
        assert!(text.contains("kind = \"scale1_5\""), "{text}");
        assert_eq!(from_toml(&text).unwrap(), sample());
    }

    #[test]
    fn bad_files_are_refused() {
        let ok = to_toml(&sample()).unwrap();
        assert!(from_toml(&ok.replace("scale1_5", "scale1_7")).is_err());
        assert!(from_toml(&ok.replace("expectations", "motivation"))
            .unwrap_err()
            .contains("twice"));
        assert!(from_toml(&ok.replace("\"mentee\"", "\"head\"")).is_err());
        assert!(from_toml("survey = []\n").is_ok());
        assert!(from_toml(
            "[[survey]]\ncode = \"x\"\nrespondent = \"mentee\"\nstage = \"entry\"\nquestion = []\n"
        )
        .unwrap_err()
        .contains("no questions"));
    }

    #[test]
    fn next_question_and_scales() {
        let s = &sample()[0];
        assert_eq!(s.next_question(&[]).unwrap().1.id, "motivation");
        assert_eq!(s.next_question(&["motivation".into()]).unwrap().0, 1);
        assert!(s
            .next_question(&["motivation".into(), "expectations".into()])
            .is_none());
        assert!(QuestionKind::Scale1To5.accepts(5) && !QuestionKind::Scale1To5.accepts(0));
        assert!(QuestionKind::Scale0To10.accepts(0) && !QuestionKind::Scale0To10.accepts(11));
        assert!(!QuestionKind::Text.accepts(1));
    }

    #[test]
    fn net_promoter_score() {
        assert_eq!(nps(&[]), None);
        // 2 promoters, 1 passive, 1 detractor of 4 → 25
        assert_eq!(nps(&[10, 9, 8, 3]), Some(25.0));
        assert_eq!(nps(&[0, 6]), Some(-100.0));
    }
}
