//! Community buttons: announcements (`an`), the best-practice form (`ps`), its moderation
//! (`pm`) and the bank (`bp`, `bf`).

use super::{Feature, Fields, Ids, Need, Party, Reader, MAX_CALLBACK_BYTES};
use crate::domain::{search, Area, Form, Role};

/// Who writes announcements: the coordinator (the district) and curators (their schools).
const ANNOUNCERS: &[Role] = &[Role::Coordinator, Role::Curator];

/// A linked chat kind an announcement goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatTarget {
    District,
    Org,
    Council,
}

impl ChatTarget {
    pub const ALL: [ChatTarget; 3] = [ChatTarget::District, ChatTarget::Org, ChatTarget::Council];

    pub fn code(self) -> &'static str {
        match self {
            ChatTarget::District => "district",
            ChatTarget::Org => "org",
            ChatTarget::Council => "council",
        }
    }

    fn from_code(code: &str) -> Option<ChatTarget> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// Whom an announcement goes to: linked chats by kind, or people by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnounceTarget {
    Chat(ChatTarget),
    Role(Role),
}

impl AnnounceTarget {
    /// The code kept in the draft and the announcement: `chat:<kind>` or `role:<role>`.
    pub fn code(self) -> String {
        let mut f = Fields::default();
        self.push(&mut f);
        f.0
    }

    fn push(self, out: &mut Fields) -> &mut Fields {
        match self {
            AnnounceTarget::Chat(c) => out.push("chat").push(c.code()),
            AnnounceTarget::Role(r) => out.push("role").push(r),
        }
    }

    fn read(f: &mut Reader<'_>) -> Option<AnnounceTarget> {
        match f.word()? {
            "chat" => ChatTarget::from_code(f.word()?).map(AnnounceTarget::Chat),
            "role" => Role::from_code(f.word()?).map(AnnounceTarget::Role),
            _ => None,
        }
    }
}

/// Where «Отменить» of a scheduled announcement was pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnschedulePlace {
    /// Under the /announce prompt (redrawn with what still waits).
    Prompt,
    /// Under the confirmation of scheduling (which then says it is cancelled).
    Confirmation,
}

/// `an:…` — composing an announcement (the draft's own keyboard) and cancelling a scheduled one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum AnnounceAction {
    /// `an:t:<target>` — toggles a recipient.
    Toggle(AnnounceTarget),
    /// `an:done` — the recipients are chosen: show the preview.
    Done,
    /// `an:send` — send now.
    Send,
    /// `an:later` — ask for the time.
    Later,
    /// `an:back` — back to the recipients.
    Back,
    /// `an:cancel` — drop the draft.
    Cancel,
    /// `an:x:<id>:<p|c>` — cancel the author's scheduled announcement.
    Unschedule { id: i64, place: UnschedulePlace },
}

impl Feature for AnnounceAction {
    const PREFIX: &'static str = "an";

    fn encode_fields(&self, out: &mut Fields) {
        match self {
            AnnounceAction::Toggle(t) => t.push(out.push("t")),
            AnnounceAction::Done => out.push("done"),
            AnnounceAction::Send => out.push("send"),
            AnnounceAction::Later => out.push("later"),
            AnnounceAction::Back => out.push("back"),
            AnnounceAction::Cancel => out.push("cancel"),
            AnnounceAction::Unschedule {
                id,
                place: UnschedulePlace::Prompt,
            } => out.push("x").push(id).push("p"),
            AnnounceAction::Unschedule {
                id,
                place: UnschedulePlace::Confirmation,
            } => out.push("x").push(id).push("c"),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        Some(match f.word()? {
            "t" => AnnounceAction::Toggle(AnnounceTarget::read(f)?),
            "done" => AnnounceAction::Done,
            "send" => AnnounceAction::Send,
            "later" => AnnounceAction::Later,
            "back" => AnnounceAction::Back,
            "cancel" => AnnounceAction::Cancel,
            "x" => {
                let id = f.int()?;
                let place = match f.word()? {
                    "p" => UnschedulePlace::Prompt,
                    "c" => UnschedulePlace::Confirmation,
                    _ => return None,
                };
                AnnounceAction::Unschedule { id, place }
            }
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        match self {
            // its author, while still a coordinator or curator (see `authz`)
            AnnounceAction::Unschedule { id, .. } => Need::Announcement(*id, &[Party::Author]),
            _ => Need::Role(ANNOUNCERS),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            AnnounceAction::Toggle(_) => "announce.toggle",
            AnnounceAction::Done => "announce.done",
            AnnounceAction::Send => "announce.send",
            AnnounceAction::Later => "announce.later",
            AnnounceAction::Back => "announce.back",
            AnnounceAction::Cancel => "announce.cancel",
            AnnounceAction::Unschedule { .. } => "announce.unschedule",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        let mut all: Vec<Self> = ChatTarget::ALL
            .into_iter()
            .map(|c| AnnounceAction::Toggle(AnnounceTarget::Chat(c)))
            .collect();
        all.extend(
            [Role::Mentor, Role::Mentee, Role::Curator]
                .map(|r| AnnounceAction::Toggle(AnnounceTarget::Role(r))),
        );
        all.extend([
            AnnounceAction::Done,
            AnnounceAction::Send,
            AnnounceAction::Later,
            AnnounceAction::Back,
            AnnounceAction::Cancel,
        ]);
        all.extend(
            [UnschedulePlace::Prompt, UnschedulePlace::Confirmation].map(|place| {
                AnnounceAction::Unschedule {
                    id: ids.announcement,
                    place,
                }
            }),
        );
        all
    }
}

/// Who submits best practices (/practice).
const SUBMITTERS: &[Role] = &[Role::Mentor, Role::Curator];

/// `ps:…` — the form of a new best practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum PracticeFormAction {
    /// `ps:pair:<id>` — the finished pair the practice comes from.
    Pair(i64),
    /// `ps:t:<area>` — toggles an area.
    Toggle(Area),
    /// `ps:done` — the areas are chosen.
    Done,
    /// `ps:form:<form>` — the form of mentoring.
    Form(Form),
    /// `ps:submit` — send it to moderation.
    Submit,
}

impl Feature for PracticeFormAction {
    const PREFIX: &'static str = "ps";

    fn encode_fields(&self, out: &mut Fields) {
        match self {
            PracticeFormAction::Pair(id) => out.push("pair").push(id),
            PracticeFormAction::Toggle(a) => out.push("t").push(a),
            PracticeFormAction::Done => out.push("done"),
            PracticeFormAction::Form(f) => out.push("form").push(f),
            PracticeFormAction::Submit => out.push("submit"),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        Some(match f.word()? {
            "pair" => PracticeFormAction::Pair(f.int()?),
            "t" => PracticeFormAction::Toggle(Area::from_code(f.word()?)?),
            "done" => PracticeFormAction::Done,
            "form" => PracticeFormAction::Form(Form::from_code(f.word()?)?),
            "submit" => PracticeFormAction::Submit,
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        match self {
            // the pair's mentor or a curator of its school (the handler checks it is finished)
            PracticeFormAction::Pair(id) => Need::Pair(*id, &[Party::Mentor, Party::Curator]),
            _ => Need::Role(SUBMITTERS),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            PracticeFormAction::Pair(_) => "practice.pair",
            PracticeFormAction::Toggle(_) => "practice.area",
            PracticeFormAction::Done => "practice.areas-done",
            PracticeFormAction::Form(_) => "practice.form",
            PracticeFormAction::Submit => "practice.submit",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        let mut all = vec![
            PracticeFormAction::Pair(ids.pair),
            PracticeFormAction::Done,
            PracticeFormAction::Submit,
        ];
        all.extend(Area::ALL.iter().map(|a| PracticeFormAction::Toggle(*a)));
        all.extend(Form::ALL.iter().map(|f| PracticeFormAction::Form(*f)));
        all
    }
}

/// `pm:…` — the coordinator's decision on a practice under moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum ModerationAction {
    /// `pm:ok:<id>` — publish.
    Approve(i64),
    /// `pm:back:<id>` — send back for changes (a comment follows).
    Return(i64),
    /// `pm:no:<id>` — reject.
    Reject(i64),
}

impl ModerationAction {
    pub fn practice(self) -> i64 {
        match self {
            ModerationAction::Approve(id)
            | ModerationAction::Return(id)
            | ModerationAction::Reject(id) => id,
        }
    }
}

impl Feature for ModerationAction {
    const PREFIX: &'static str = "pm";

    fn encode_fields(&self, out: &mut Fields) {
        let verb = match self {
            ModerationAction::Approve(_) => "ok",
            ModerationAction::Return(_) => "back",
            ModerationAction::Reject(_) => "no",
        };
        out.push(verb).push(self.practice());
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        let verb = f.word()?;
        let id = f.int()?;
        Some(match verb {
            "ok" => ModerationAction::Approve(id),
            "back" => ModerationAction::Return(id),
            "no" => ModerationAction::Reject(id),
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        // only the district's coordinator moderates the bank (/moderate)
        Need::Practice(self.practice(), &[Party::Coordinator])
    }

    fn name(&self) -> &'static str {
        match self {
            ModerationAction::Approve(_) => "moderation.approve",
            ModerationAction::Return(_) => "moderation.return",
            ModerationAction::Reject(_) => "moderation.reject",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        vec![
            ModerationAction::Approve(ids.practice),
            ModerationAction::Return(ids.practice),
            ModerationAction::Reject(ids.practice),
        ]
    }
}

/// `bp:<index>:<stems>` — a page of the bank's search results (one practice per page).
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumCount)]
pub enum BankPageAction {
    Page { index: u32, query: String },
}

impl BankPageAction {
    /// The page `index` of a search: the query is kept as its stems, as many as fit in
    /// Telegram's 64 bytes.
    pub fn new(index: u32, query: &str) -> BankPageAction {
        let room = MAX_CALLBACK_BYTES - format!("{}:{index}:", Self::PREFIX).len();
        let mut kept = String::new();
        for stem in search::stems(query) {
            let sep = if kept.is_empty() { "" } else { " " };
            if stem.contains(':') || kept.len() + sep.len() + stem.len() > room {
                break;
            }
            kept.push_str(sep);
            kept.push_str(&stem);
        }
        BankPageAction::Page { index, query: kept }
    }
}

impl Feature for BankPageAction {
    const PREFIX: &'static str = "bp";

    fn encode_fields(&self, out: &mut Fields) {
        let BankPageAction::Page { index, query } = self;
        out.push(index).push(query);
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        let index = u32::try_from(f.int()?).ok()?;
        let query = f.word()?.to_string();
        Some(BankPageAction::Page { index, query })
    }

    fn need(&self) -> Need {
        // the same rule as /practices: the bank opens for registered people
        Need::Registered
    }

    fn name(&self) -> &'static str {
        "bank.page"
    }

    fn examples(_: &Ids) -> Vec<Self> {
        vec![
            BankPageAction::new(0, ""),
            BankPageAction::new(3, "дисциплина на уроках"),
            BankPageAction::new(u32::MAX, &"наставничество ".repeat(10)),
        ]
    }
}

/// `bf:<id>` — the files of a practice, sent as messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum BankFilesAction {
    Files(i64),
}

impl Feature for BankFilesAction {
    const PREFIX: &'static str = "bf";

    fn encode_fields(&self, out: &mut Fields) {
        let BankFilesAction::Files(id) = self;
        out.push(id);
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        f.int().map(BankFilesAction::Files)
    }

    fn need(&self) -> Need {
        // any registered person; the handler gives a practice under moderation only to the
        // coordinator and its author (a state of the practice, not a role)
        Need::Registered
    }

    fn name(&self) -> &'static str {
        "bank.files"
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        vec![BankFilesAction::Files(ids.practice)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bot::action::Action;

    #[test]
    fn bank_pages_keep_the_stems_that_fit() {
        let a = Action::from(BankPageAction::new(3, "Уроков"));
        assert_eq!(a.encode(), format!("bp:3:{}", search::stems("урок")[0]));
        let long = Action::from(BankPageAction::new(12, &"дисциплина ".repeat(20)));
        let d = long.encode();
        assert!(
            d.len() <= MAX_CALLBACK_BYTES && d.starts_with("bp:12:дисциплин"),
            "{d}"
        );
        assert_eq!(Action::from(BankPageAction::new(0, "")).encode(), "bp:0:");
    }

    #[test]
    fn announcement_targets_keep_their_codes() {
        assert_eq!(
            AnnounceTarget::Chat(ChatTarget::District).code(),
            "chat:district"
        );
        assert_eq!(AnnounceTarget::Role(Role::Mentee).code(), "role:mentee");
        assert_eq!(
            Action::from(AnnounceAction::Toggle(AnnounceTarget::Chat(
                ChatTarget::Org
            )))
            .encode(),
            "an:t:chat:org"
        );
        assert_eq!(
            Action::from(AnnounceAction::Unschedule {
                id: 7,
                place: UnschedulePlace::Confirmation
            })
            .encode(),
            "an:x:7:c"
        );
    }
}
