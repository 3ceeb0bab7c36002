//! Buttons in group chats: linking a chat as a community chat (сообщество района, школы или
//! методического объединения).

use super::{Feature, Fields, Ids, Need, Reader};
use crate::domain::Role;

/// `lc:…` — the coordinator (or an admin) links the group the keyboard is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum LinkAction {
    /// The district's community chat.
    District,
    /// Choose the organization: a page of the list.
    Orgs(i64),
    /// An organization's chat.
    Org(i64),
    /// A subject council (МО): its topic is typed next.
    Council,
    Cancel,
}

impl Feature for LinkAction {
    const PREFIX: &'static str = "lc";

    fn encode_fields(&self, out: &mut Fields) {
        match *self {
            LinkAction::District => out.push("d"),
            LinkAction::Orgs(page) => out.push("orgs").push(page),
            LinkAction::Org(id) => out.push("org").push(id),
            LinkAction::Council => out.push("mo"),
            LinkAction::Cancel => out.push("x"),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        Some(match f.word()? {
            "d" => LinkAction::District,
            "orgs" => LinkAction::Orgs(f.int().filter(|p| *p >= 0)?),
            "org" => LinkAction::Org(f.int()?),
            "mo" => LinkAction::Council,
            "x" => LinkAction::Cancel,
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        Need::Role(&[Role::Admin, Role::Coordinator])
    }

    fn name(&self) -> &'static str {
        match self {
            LinkAction::District => "chat.link-district",
            LinkAction::Orgs(_) => "chat.link-orgs",
            LinkAction::Org(_) => "chat.link-org",
            LinkAction::Council => "chat.link-council",
            LinkAction::Cancel => "chat.link-cancel",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        vec![
            LinkAction::District,
            LinkAction::Orgs(1),
            LinkAction::Org(ids.org),
            LinkAction::Council,
            LinkAction::Cancel,
        ]
    }
}
