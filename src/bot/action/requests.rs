//! Buttons of requests for a mentor (запрос на наставника): the mentee's form, the curator's
//! inbox and card, the mentor's answer to a proposal and the mentee's confirmation.

use super::{Feature, Fields, Ids, Need, Party, Reader};
use crate::domain::{Area, Form, Role};

/// Why a mentor declines a proposal (their texts are `rq-decline-<code>`).
pub const DECLINE_REASONS: [&str; 3] = ["busy", "profile", "other"];

/// The mentee's request form (`/request`), one step at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormStep {
    /// Toggle an area of difficulty.
    Toggle(Area),
    /// The areas are chosen.
    Done,
    /// The form of mentoring wished for (`None`: «не знаю»).
    Form(Option<Form>),
    /// Show the mentors one may wish for.
    WishPick,
    /// Wish for this mentor (`None`: no wish).
    Wish(Option<i64>),
}

/// `rq:…`
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum RequestAction {
    /// A step of the mentee's own open form (the handler checks it is this form's keyboard).
    Form(FormStep),
    /// The curator's inbox.
    List,
    /// The curator's card of a request.
    Open(i64),
    /// Every mentor who could take the request, a page from `offset`.
    AllMentors { request: i64, offset: i64 },
    /// The mentee withdraws their request.
    Withdraw(i64),
    /// The curator proposes a mentor (a new pair, or joining the mentor's group).
    Propose {
        request: i64,
        mentor: i64,
        group: bool,
    },
    /// The curator rejects the request (the reason comes next).
    Reject(i64),
    /// The mentor accepts a proposal.
    Accept(i64),
    /// The mentor declines a proposal (`None`: choose the reason first).
    Decline(i64, Option<&'static str>),
    /// The mentee confirms (or refuses) the pair the mentor accepted.
    Confirm { proposal: i64, yes: bool },
}

impl Feature for RequestAction {
    const PREFIX: &'static str = "rq";

    fn encode_fields(&self, out: &mut Fields) {
        match *self {
            RequestAction::Form(step) => {
                out.push("new");
                match step {
                    FormStep::Toggle(a) => out.push("t").push(a.code()),
                    FormStep::Done => out.push("done"),
                    FormStep::Form(f) => out.push("form").push(f.map_or("unknown", |f| f.code())),
                    FormStep::WishPick => out.push("wish").push("pick"),
                    FormStep::Wish(None) => out.push("wish").push("none"),
                    FormStep::Wish(Some(m)) => out.push("wish").push(m),
                }
            }
            RequestAction::List => out.push("list"),
            RequestAction::Open(r) => out.push("open").push(r),
            RequestAction::AllMentors { request, offset } => {
                out.push("all").push(request).push(offset)
            }
            RequestAction::Withdraw(r) => out.push("wd").push(r),
            RequestAction::Propose {
                request,
                mentor,
                group,
            } => out
                .push(if group { "grp" } else { "pr" })
                .push(request)
                .push(mentor),
            RequestAction::Reject(r) => out.push("rj").push(r),
            RequestAction::Accept(p) => out.push("ma").push(p),
            RequestAction::Decline(p, None) => out.push("md").push(p),
            RequestAction::Decline(p, Some(code)) => out.push("md").push(p).push(code),
            RequestAction::Confirm { proposal, yes } => {
                out.push(if yes { "ec" } else { "ed" }).push(proposal)
            }
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        Some(match f.word()? {
            "new" => RequestAction::Form(match f.word()? {
                "t" => FormStep::Toggle(Area::from_code(f.word()?)?),
                "done" => FormStep::Done,
                "form" => match f.word()? {
                    "unknown" => FormStep::Form(None),
                    code => FormStep::Form(Some(Form::from_code(code)?)),
                },
                "wish" => match f.word()? {
                    "pick" => FormStep::WishPick,
                    "none" => FormStep::Wish(None),
                    n => FormStep::Wish(Some(super::canonical_int(n)?)),
                },
                _ => return None,
            }),
            "list" => RequestAction::List,
            "open" => RequestAction::Open(f.int()?),
            "all" => RequestAction::AllMentors {
                request: f.int()?,
                offset: f.int().filter(|o| *o >= 0)?,
            },
            "wd" => RequestAction::Withdraw(f.int()?),
            "pr" => RequestAction::Propose {
                request: f.int()?,
                mentor: f.int()?,
                group: false,
            },
            "grp" => RequestAction::Propose {
                request: f.int()?,
                mentor: f.int()?,
                group: true,
            },
            "rj" => RequestAction::Reject(f.int()?),
            "ma" => RequestAction::Accept(f.int()?),
            "md" => {
                let p = f.int()?;
                match f.word() {
                    None => RequestAction::Decline(p, None),
                    Some(code) => RequestAction::Decline(
                        p,
                        Some(DECLINE_REASONS.iter().copied().find(|c| *c == code)?),
                    ),
                }
            }
            "ec" => RequestAction::Confirm {
                proposal: f.int()?,
                yes: true,
            },
            "ed" => RequestAction::Confirm {
                proposal: f.int()?,
                yes: false,
            },
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        match *self {
            RequestAction::Form(_) => Need::Role(&[Role::Mentee]),
            RequestAction::List => Need::Role(&[Role::Curator]),
            RequestAction::Open(r)
            | RequestAction::AllMentors { request: r, .. }
            | RequestAction::Propose { request: r, .. }
            | RequestAction::Reject(r) => Need::Request(r, &[Party::Curator]),
            RequestAction::Withdraw(r) => Need::Request(r, &[Party::Mentee]),
            RequestAction::Accept(p) | RequestAction::Decline(p, _) => {
                Need::Proposal(p, &[Party::Mentor])
            }
            RequestAction::Confirm { proposal, .. } => Need::Proposal(proposal, &[Party::Mentee]),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            RequestAction::Form(_) => "request.form",
            RequestAction::List => "request.list",
            RequestAction::Open(_) => "request.open",
            RequestAction::AllMentors { .. } => "request.all-mentors",
            RequestAction::Withdraw(_) => "request.withdraw",
            RequestAction::Propose { .. } => "request.propose",
            RequestAction::Reject(_) => "request.reject",
            RequestAction::Accept(_) => "request.accept",
            RequestAction::Decline(..) => "request.decline",
            RequestAction::Confirm { .. } => "request.confirm",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        let (r, p) = (ids.request, ids.proposal);
        let mut all: Vec<Self> = Area::ALL
            .iter()
            .map(|a| RequestAction::Form(FormStep::Toggle(*a)))
            .collect();
        all.extend(
            Form::ALL
                .iter()
                .map(|f| RequestAction::Form(FormStep::Form(Some(*f)))),
        );
        all.extend(
            DECLINE_REASONS
                .iter()
                .map(|c| RequestAction::Decline(p, Some(c))),
        );
        all.extend([
            RequestAction::Form(FormStep::Done),
            RequestAction::Form(FormStep::Form(None)),
            RequestAction::Form(FormStep::WishPick),
            RequestAction::Form(FormStep::Wish(None)),
            RequestAction::Form(FormStep::Wish(Some(ids.mentor))),
            RequestAction::List,
            RequestAction::Open(r),
            RequestAction::AllMentors {
                request: r,
                offset: 8,
            },
            RequestAction::Withdraw(r),
            RequestAction::Propose {
                request: r,
                mentor: ids.mentor,
                group: false,
            },
            RequestAction::Propose {
                request: r,
                mentor: ids.mentor,
                group: true,
            },
            RequestAction::Reject(r),
            RequestAction::Accept(p),
            RequestAction::Decline(p, None),
            RequestAction::Confirm {
                proposal: p,
                yes: true,
            },
            RequestAction::Confirm {
                proposal: p,
                yes: false,
            },
        ]);
        all
    }
}
