//! Buttons of reminders and settings: `/settings` topics, the organization's stage (этап
//! внедрения), the district calendar, the yearly check of the mentor base.

use super::{Feature, Fields, Ids, Need, Party, Reader};
use crate::domain::reminders::TOPICS;
use crate::domain::Role;

/// `set:t:<topic>` — turn a kind of reminder off or on again (one of [`TOPICS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum SettingsAction {
    Toggle(&'static str),
}

impl Feature for SettingsAction {
    const PREFIX: &'static str = "set";

    fn encode_fields(&self, out: &mut Fields) {
        let SettingsAction::Toggle(topic) = *self;
        out.push("t").push(topic);
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        if f.word()? != "t" {
            return None;
        }
        let word = f.word()?;
        TOPICS
            .iter()
            .copied()
            .find(|t| *t == word)
            .map(SettingsAction::Toggle)
    }

    fn need(&self) -> Need {
        Need::Registered
    }

    fn name(&self) -> &'static str {
        "settings.toggle"
    }

    fn examples(_: &Ids) -> Vec<Self> {
        TOPICS.iter().map(|t| SettingsAction::Toggle(t)).collect()
    }
}

/// The stages of the model's introduction (000 §IV).
pub const STAGES: std::ops::RangeInclusive<i64> = 1..=7;

/// `st:…` — the curator's stage of their organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum StageAction {
    /// The stage menu of an organization (the reminder's button).
    Open(i64),
    /// Set the organization's stage.
    Set { org: i64, stage: i64 },
}

impl Feature for StageAction {
    const PREFIX: &'static str = "st";

    fn encode_fields(&self, out: &mut Fields) {
        match *self {
            StageAction::Open(org) => out.push("o").push(org),
            StageAction::Set { org, stage } => out.push("s").push(org).push(stage),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        Some(match f.word()? {
            "o" => StageAction::Open(f.int()?),
            "s" => StageAction::Set {
                org: f.int()?,
                stage: f.int().filter(|s| STAGES.contains(s))?,
            },
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        match *self {
            StageAction::Open(org) | StageAction::Set { org, .. } => {
                Need::Org(org, &[Party::Curator])
            }
        }
    }

    fn name(&self) -> &'static str {
        match self {
            StageAction::Open(_) => "stage.open",
            StageAction::Set { .. } => "stage.set",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        let mut all = vec![StageAction::Open(ids.org)];
        all.extend(STAGES.map(|stage| StageAction::Set {
            org: ids.org,
            stage,
        }));
        all
    }
}

/// `cal:rm:<event>` — the coordinator removes an event from the district calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum CalendarAction {
    Remove(i64),
}

impl Feature for CalendarAction {
    const PREFIX: &'static str = "cal";

    fn encode_fields(&self, out: &mut Fields) {
        let CalendarAction::Remove(id) = *self;
        out.push("rm").push(id);
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        (f.word()? == "rm").then_some(())?;
        Some(CalendarAction::Remove(f.int()?))
    }

    fn need(&self) -> Need {
        Need::Role(&[Role::Coordinator])
    }

    fn name(&self) -> &'static str {
        "calendar.remove"
    }

    fn examples(_: &Ids) -> Vec<Self> {
        vec![CalendarAction::Remove(1)]
    }
}

/// `bk:…` — a mentor's yearly «всё ли верно в базе наставников?».
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum BankAskAction {
    /// «Всё верно».
    Confirm,
    /// «Изменить»: the profile card.
    Edit,
}

impl Feature for BankAskAction {
    const PREFIX: &'static str = "bk";

    fn encode_fields(&self, out: &mut Fields) {
        out.push(match self {
            BankAskAction::Confirm => "ok",
            BankAskAction::Edit => "edit",
        });
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        match f.word()? {
            "ok" => Some(BankAskAction::Confirm),
            "edit" => Some(BankAskAction::Edit),
            _ => None,
        }
    }

    fn need(&self) -> Need {
        Need::Registered
    }

    fn name(&self) -> &'static str {
        match self {
            BankAskAction::Confirm => "bank-ask.confirm",
            BankAskAction::Edit => "bank-ask.edit",
        }
    }

    fn examples(_: &Ids) -> Vec<Self> {
        vec![BankAskAction::Confirm, BankAskAction::Edit]
    }
}
