//! General buttons: the interface language.

use super::{Feature, Fields, Ids, Need, Reader};
use crate::i18n::Lang;

/// `lang:<code>` — choose the interface language (/lang, and before consent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum LangAction {
    Set(Lang),
}

impl Feature for LangAction {
    const PREFIX: &'static str = "lang";

    fn encode_fields(&self, out: &mut Fields) {
        match self {
            LangAction::Set(lang) => out.push(lang.code()),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        Lang::from_code(f.word()?).map(LangAction::Set)
    }

    fn need(&self) -> Need {
        match self {
            // before consent too: the language is chosen first
            LangAction::Set(_) => Need::Anyone,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            LangAction::Set(_) => "lang.set",
        }
    }

    fn examples(_: &Ids) -> Vec<Self> {
        Lang::ALL.iter().map(|l| LangAction::Set(*l)).collect()
    }
}
