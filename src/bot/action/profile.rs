//! `/profile` buttons (`pf`): the card's edit buttons and the edit keyboards.

use super::{Feature, Fields, Ids, Need, Reader};
use crate::bot::state::EditField;
use crate::domain::profile::MAX_CAPACITY;
use crate::domain::{Area, Form, MenteeCategory};

/// The code of a field in callback data.
fn field_code(field: EditField) -> &'static str {
    match field {
        EditField::FullName => "name",
        EditField::Position => "position",
        EditField::Subjects => "subjects",
        EditField::Experience => "experience",
        EditField::Category => "category",
        EditField::Areas => "areas",
        EditField::Competences => "competences",
        EditField::Forms => "forms",
        EditField::Capacity => "capacity",
    }
}

const FIELDS: [EditField; 9] = [
    EditField::FullName,
    EditField::Position,
    EditField::Subjects,
    EditField::Experience,
    EditField::Category,
    EditField::Areas,
    EditField::Competences,
    EditField::Forms,
    EditField::Capacity,
];

/// One option of a multi-select: an area (difficulties, competences) or a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Area(Area),
    Form(Form),
}

impl Choice {
    pub fn code(self) -> &'static str {
        match self {
            Choice::Area(a) => a.code(),
            Choice::Form(f) => f.code(),
        }
    }
}

/// `pf:…`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum ProfileAction {
    /// `pf:e:<field>` — edit a field of the card.
    Edit(EditField),
    /// `pf:oo` — toggles «ready to mentor in other schools».
    OtherOrgs,
    /// `pf:pub` — toggles «listed in /mentors».
    Public,
    /// `pf:cat:<category>` — the mentee's category.
    Category(MenteeCategory),
    /// `pf:cap:<n>` — the mentor's capacity.
    Capacity(u32),
    /// `pf:t:<area|form>` — toggles an option of the multi-select being edited.
    Toggle(Choice),
    /// `pf:done` — the multi-select is done.
    Done,
}

impl Feature for ProfileAction {
    const PREFIX: &'static str = "pf";

    fn encode_fields(&self, out: &mut Fields) {
        match self {
            ProfileAction::Edit(f) => out.push("e").push(field_code(*f)),
            ProfileAction::OtherOrgs => out.push("oo"),
            ProfileAction::Public => out.push("pub"),
            ProfileAction::Category(c) => out.push("cat").push(c),
            ProfileAction::Capacity(n) => out.push("cap").push(n),
            ProfileAction::Toggle(c) => out.push("t").push(c.code()),
            ProfileAction::Done => out.push("done"),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        Some(match f.word()? {
            "e" => {
                let code = f.word()?;
                ProfileAction::Edit(FIELDS.into_iter().find(|x| field_code(*x) == code)?)
            }
            "oo" => ProfileAction::OtherOrgs,
            "pub" => ProfileAction::Public,
            "cat" => ProfileAction::Category(MenteeCategory::from_code(f.word()?)?),
            "cap" => ProfileAction::Capacity(
                u32::try_from(f.int()?)
                    .ok()
                    .filter(|n| (1..=MAX_CAPACITY).contains(n))?,
            ),
            "t" => {
                let code = f.word()?;
                ProfileAction::Toggle(
                    Area::from_code(code)
                        .map(Choice::Area)
                        .or_else(|| Form::from_code(code).map(Choice::Form))?,
                )
            }
            "done" => ProfileAction::Done,
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        // one's own profile, whatever the roles held now (the right to correct one's data)
        Need::Registered
    }

    fn name(&self) -> &'static str {
        match self {
            ProfileAction::Edit(_) => "profile.edit",
            ProfileAction::OtherOrgs => "profile.other-orgs",
            ProfileAction::Public => "profile.public",
            ProfileAction::Category(_) => "profile.category",
            ProfileAction::Capacity(_) => "profile.capacity",
            ProfileAction::Toggle(_) => "profile.toggle",
            ProfileAction::Done => "profile.done",
        }
    }

    fn examples(_: &Ids) -> Vec<Self> {
        let mut all: Vec<Self> = FIELDS.into_iter().map(ProfileAction::Edit).collect();
        all.extend([
            ProfileAction::OtherOrgs,
            ProfileAction::Public,
            ProfileAction::Done,
        ]);
        all.extend(
            MenteeCategory::ALL
                .iter()
                .map(|c| ProfileAction::Category(*c)),
        );
        all.extend((1..=MAX_CAPACITY).map(ProfileAction::Capacity));
        all.extend(
            Area::ALL
                .iter()
                .map(|a| ProfileAction::Toggle(Choice::Area(*a))),
        );
        all.extend(
            Form::ALL
                .iter()
                .map(|f| ProfileAction::Toggle(Choice::Form(*f))),
        );
        all
    }
}
