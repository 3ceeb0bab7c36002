//! Buttons before and during registration: consent (согласие на обработку персональных
//! данных) and the onboarding form. Both act only on the person's own open form (the handler
//! checks the keyboard is the form's current one), so anyone may press them.

use super::profile::Choice;
use super::{Feature, Fields, Ids, Need, Reader};
use crate::domain::profile::MAX_CAPACITY;
use crate::domain::{Area, Form, MenteeCategory, Role};

/// `cs:yes` / `cs:no` — consent to the processing of personal data, before anything is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum ConsentAction {
    Yes,
    No,
}

impl Feature for ConsentAction {
    const PREFIX: &'static str = "cs";

    fn encode_fields(&self, out: &mut Fields) {
        out.push(match self {
            ConsentAction::Yes => "yes",
            ConsentAction::No => "no",
        });
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        match f.word()? {
            "yes" => Some(ConsentAction::Yes),
            "no" => Some(ConsentAction::No),
            _ => None,
        }
    }

    fn need(&self) -> Need {
        Need::Anyone
    }

    fn name(&self) -> &'static str {
        match self {
            ConsentAction::Yes => "consent.yes",
            ConsentAction::No => "consent.no",
        }
    }

    fn examples(_: &Ids) -> Vec<Self> {
        vec![ConsentAction::Yes, ConsentAction::No]
    }
}

/// `ob:…` — a step of the onboarding form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum OnboardingAction {
    /// The person's organization.
    Org(i64),
    /// A page of the organizations' list.
    OrgPage(u32),
    /// The role asked for: mentee or mentor.
    Role(Role),
    /// The mentee's category (молодой специалист, …).
    Category(MenteeCategory),
    /// Toggle an area (difficulties, competences) or a form of mentoring.
    Toggle(Choice),
    /// The multi-select is done.
    Done,
    /// Skip the difficulties in one's own words.
    Skip,
    /// The mentor's capacity.
    Capacity(u32),
    /// Ready to mentor in other organizations?
    OtherOrgs(bool),
    /// The mentor's consent to be in the mentor base.
    MentorConsent(bool),
}

impl Feature for OnboardingAction {
    const PREFIX: &'static str = "ob";

    fn encode_fields(&self, out: &mut Fields) {
        match *self {
            OnboardingAction::Org(o) => out.push("org").push(o),
            OnboardingAction::OrgPage(p) => out.push("orgp").push(p),
            OnboardingAction::Role(r) => out.push("role").push(r.code()),
            OnboardingAction::Category(c) => out.push("cat").push(c.code()),
            OnboardingAction::Toggle(c) => out.push("t").push(c.code()),
            OnboardingAction::Done => out.push("done"),
            OnboardingAction::Skip => out.push("skip"),
            OnboardingAction::Capacity(n) => out.push("cap").push(n),
            OnboardingAction::OtherOrgs(yes) => out.push("oo").push(if yes { "1" } else { "0" }),
            OnboardingAction::MentorConsent(yes) => {
                out.push("mc").push(if yes { "yes" } else { "no" })
            }
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        Some(match f.word()? {
            "org" => OnboardingAction::Org(f.int()?),
            "orgp" => OnboardingAction::OrgPage(u32::try_from(f.int()?).ok()?),
            "role" => OnboardingAction::Role(
                Role::from_code(f.word()?).filter(|r| matches!(r, Role::Mentee | Role::Mentor))?,
            ),
            "cat" => OnboardingAction::Category(MenteeCategory::from_code(f.word()?)?),
            "t" => {
                let code = f.word()?;
                OnboardingAction::Toggle(
                    Area::from_code(code)
                        .map(Choice::Area)
                        .or_else(|| Form::from_code(code).map(Choice::Form))?,
                )
            }
            "done" => OnboardingAction::Done,
            "skip" => OnboardingAction::Skip,
            "cap" => OnboardingAction::Capacity(
                u32::try_from(f.int()?)
                    .ok()
                    .filter(|n| (1..=MAX_CAPACITY).contains(n))?,
            ),
            "oo" => match f.word()? {
                "1" => OnboardingAction::OtherOrgs(true),
                "0" => OnboardingAction::OtherOrgs(false),
                _ => return None,
            },
            "mc" => match f.word()? {
                "yes" => OnboardingAction::MentorConsent(true),
                "no" => OnboardingAction::MentorConsent(false),
                _ => return None,
            },
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        // one's own form, before registration is complete
        Need::Anyone
    }

    fn name(&self) -> &'static str {
        match self {
            OnboardingAction::Org(_) => "onboarding.org",
            OnboardingAction::OrgPage(_) => "onboarding.org-page",
            OnboardingAction::Role(_) => "onboarding.role",
            OnboardingAction::Category(_) => "onboarding.category",
            OnboardingAction::Toggle(_) => "onboarding.toggle",
            OnboardingAction::Done => "onboarding.done",
            OnboardingAction::Skip => "onboarding.skip",
            OnboardingAction::Capacity(_) => "onboarding.capacity",
            OnboardingAction::OtherOrgs(_) => "onboarding.other-orgs",
            OnboardingAction::MentorConsent(_) => "onboarding.mentor-consent",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        let mut all = vec![
            OnboardingAction::Org(ids.org),
            OnboardingAction::OrgPage(2),
            OnboardingAction::Role(Role::Mentee),
            OnboardingAction::Role(Role::Mentor),
            OnboardingAction::Done,
            OnboardingAction::Skip,
            OnboardingAction::Capacity(MAX_CAPACITY),
            OnboardingAction::OtherOrgs(true),
            OnboardingAction::OtherOrgs(false),
            OnboardingAction::MentorConsent(true),
            OnboardingAction::MentorConsent(false),
        ];
        all.extend(
            MenteeCategory::ALL
                .iter()
                .map(|c| OnboardingAction::Category(*c)),
        );
        all.extend(
            Area::ALL
                .iter()
                .map(|a| OnboardingAction::Toggle(Choice::Area(*a))),
        );
        all.extend(
            Form::ALL
                .iter()
                .map(|f| OnboardingAction::Toggle(Choice::Form(*f))),
        );
        all
    }
}
