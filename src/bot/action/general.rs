//! General buttons: the interface language, /forget's confirmation, /invite.

use super::{Feature, Fields, Ids, Need, Party, Reader};
use crate::domain::Role;
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

/// `fg:yes|no` — the answer to /forget's «delete everything?».
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum ForgetAction {
    Yes,
    No,
}

impl Feature for ForgetAction {
    const PREFIX: &'static str = "fg";

    fn encode_fields(&self, out: &mut Fields) {
        out.push(if *self == ForgetAction::Yes {
            "yes"
        } else {
            "no"
        });
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        match f.word()? {
            "yes" => Some(ForgetAction::Yes),
            "no" => Some(ForgetAction::No),
            _ => None,
        }
    }

    fn need(&self) -> Need {
        // as /forget (the handler also wants the question it answers to be the open one)
        Need::Registered
    }

    fn name(&self) -> &'static str {
        match self {
            ForgetAction::Yes => "forget.yes",
            ForgetAction::No => "forget.no",
        }
    }

    fn examples(_: &Ids) -> Vec<Self> {
        vec![ForgetAction::Yes, ForgetAction::No]
    }
}

/// Who makes invitations (/invite); which roles each may invite is the handler's
/// `invitable_roles`.
pub const INVITERS: &[Role] = &[Role::Admin, Role::Coordinator, Role::Curator];

/// `iv:role:<role>`, `iv:org:<org>` — /invite: for which role, then into which organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum InviteAction {
    Role(Role),
    Org(i64),
}

impl Feature for InviteAction {
    const PREFIX: &'static str = "iv";

    fn encode_fields(&self, out: &mut Fields) {
        match self {
            InviteAction::Role(r) => out.push("role").push(r),
            InviteAction::Org(id) => out.push("org").push(id),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        match f.word()? {
            "role" => Role::from_code(f.word()?).map(InviteAction::Role),
            "org" => f.int().map(InviteAction::Org),
            _ => None,
        }
    }

    fn need(&self) -> Need {
        match self {
            InviteAction::Role(_) => Need::Role(INVITERS),
            // a curator into their own school; the coordinator and admins into any
            InviteAction::Org(id) => {
                Need::Org(*id, &[Party::Curator, Party::Coordinator, Party::Admin])
            }
        }
    }

    fn name(&self) -> &'static str {
        match self {
            InviteAction::Role(_) => "invite.role",
            InviteAction::Org(_) => "invite.org",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        vec![InviteAction::Role(Role::Mentee), InviteAction::Org(ids.org)]
    }
}
