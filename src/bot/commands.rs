//! The bot's commands: who may use them, where, and how they are parsed.

use crate::domain::Role;

/// Who may call a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anybody, registered or not.
    Anyone,
    /// People who completed onboarding.
    Registered,
    /// Holders of any of these roles (admins from BOT_ADMINS count as `Role::Admin`).
    Roles(&'static [Role]),
}

/// One line of the command table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandSpec {
    pub command: Command,
    pub name: &'static str,
    pub access: Access,
    /// Shown in /help and the command menu.
    pub listed: bool,
}

impl CommandSpec {
    /// The Fluent key of the one-line description (`cmd-<name>`, in every locale).
    pub fn description_key(&self) -> String {
        format!("cmd-{}", self.name)
    }
}

/// The command table: each command's variant, name, access level and whether /help and the
/// menu list it. The routers (`general::on_command` in private chats, `chats::on_group_message`
/// in groups) match on [`Command`] exhaustively, so a line without a handler does not compile.
///
/// To add a command: a line here, a `cmd-<name>` text in each locale, an arm in each router.
macro_rules! commands {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $access:expr, $listed:expr;)*) => {
        /// Every command the bot knows.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $($(#[$doc])* $variant,)*
        }

        /// The table, in the order of /help and the menu.
        pub const COMMANDS: &[CommandSpec] = &[
            $(CommandSpec { command: Command::$variant, name: $name, access: $access, listed: $listed },)*
        ];
    };
}

use Access::{Anyone, Registered, Roles};
use Role::{Admin, Coordinator, Curator, Head, Mentee, Mentor};

commands! {
    /// Registration, or an invitation's or a community chat's deep link.
    Start = "start", Anyone, false;
    Help = "help", Anyone, true;
    Profile = "profile", Registered, true;
    /// What the bot stores about the person.
    MyData = "mydata", Anyone, true;
    /// Ask for a mentor (запрос на наставника).
    Request = "request", Roles(&[Mentee]), true;
    /// Ask for another mentor (ходатайство о замене).
    Replace = "replace", Roles(&[Mentee]), true;
    Pair = "pair", Roles(&[Mentee, Mentor]), true;
    /// A mentor asks to be released (заявление об освобождении).
    Resign = "resign", Roles(&[Mentor]), true;
    /// Log a meeting (встреча).
    Meeting = "meeting", Roles(&[Mentor]), true;
    Task = "task", Roles(&[Mentor]), true;
    /// Log situational help (ситуационная помощь).
    Helped = "helped", Roles(&[Mentor]), true;
    /// An urgent question to the mentor.
    Sos = "sos", Roles(&[Mentee]), true;
    Plan = "plan", Roles(&[Mentee, Mentor, Curator]), true;
    Journal = "journal", Roles(&[Mentee, Mentor, Curator]), true;
    /// The adaptation report (отчёт об адаптации).
    Adaptation = "adaptation", Roles(&[Mentor]), true;
    Requests = "requests", Roles(&[Curator]), true;
    Pairs = "pairs", Roles(&[Curator, Head]), true;
    History = "history", Roles(&[Curator, Head]), true;
    Survey = "survey", Roles(&[Mentee, Mentor, Curator]), true;
    Report = "report", Roles(&[Curator, Coordinator]), true;
    /// The school's facts for the year (Table 1's denominators).
    School = "school", Roles(&[Curator]), true;
    Documents = "documents", Registered, true;
    Invite = "invite", Roles(&[Admin, Coordinator, Curator]), true;
    Announce = "announce", Roles(&[Coordinator, Curator]), true;
    /// Submit a best practice (практика).
    Practice = "practice", Roles(&[Mentor, Curator]), true;
    Moderate = "moderate", Roles(&[Coordinator]), true;
    /// The bank of best practices.
    Practices = "practices", Registered, true;
    Mentors = "mentors", Registered, true;
    Events = "events", Registered, true;
    /// In a group: link it as a community chat.
    LinkChat = "link_chat", Roles(&[Admin, Coordinator]), false;
    UnlinkChat = "unlink_chat", Roles(&[Admin, Coordinator]), false;
    /// The organization's stage of introducing the model (этап внедрения).
    Stage = "stage", Roles(&[Curator]), true;
    /// The district calendar.
    Calendar = "calendar", Roles(&[Coordinator]), true;
    Orgs = "orgs", Roles(&[Admin, Coordinator]), true;
    Digest = "digest", Roles(&[Admin, Curator, Coordinator, Head]), true;
    Settings = "settings", Registered, true;
    Lang = "lang", Anyone, true;
    Cancel = "cancel", Anyone, false;
    Forget = "forget", Registered, true;
}

impl Command {
    /// The command's line in the table.
    pub fn spec(self) -> &'static CommandSpec {
        COMMANDS
            .iter()
            .find(|c| c.command == self)
            .expect("every command has a line")
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }
}

pub fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// A command as typed: `/name@bot args`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedCommand {
    /// The command, if the bot knows it.
    pub command: Option<Command>,
    /// The name as typed (lowercased), for «unknown command».
    pub name: String,
    pub args: String,
    /// The command named a bot explicitly (`/help@nastavnik_bot`).
    pub addressed: bool,
}

/// Parses a message text as a command. Returns `None` for plain text and for commands
/// addressed to another bot.
pub fn parse(text: &str, bot_username: &str) -> Option<ParsedCommand> {
    let text = text.trim_start();
    let rest = text.strip_prefix('/')?;
    let (head, args) = match rest.find(char::is_whitespace) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    let (name, addressed) = match head.split_once('@') {
        Some((name, bot)) => {
            if !bot.eq_ignore_ascii_case(bot_username) {
                return None;
            }
            (name, true)
        }
        None => (head, false),
    };
    if name.is_empty()
        || name.len() > 32
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return None;
    }
    let name = name.to_ascii_lowercase();
    Some(ParsedCommand {
        command: find(&name).map(|c| c.command),
        name,
        args: args.to_string(),
        addressed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_parses() {
        for c in COMMANDS {
            let p = parse(&format!("/{}", c.name), "nastavnik_bot").unwrap();
            assert_eq!(p.name, c.name);
            assert_eq!(find(&p.name), Some(c));
            let p = parse(
                &format!("/{}@Nastavnik_Bot  some args ", c.name),
                "nastavnik_bot",
            )
            .unwrap();
            assert_eq!(
                (p.name.as_str(), p.args.as_str(), p.addressed),
                (c.name, "some args", true)
            );
            // Telegram's menu requires names of 1-32 lowercase letters, digits and underscores
            assert!(
                c.name.len() <= 32
                    && c.name
                        .chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
            );
        }
    }

    /// One line per command, names unique, and the parsed command is the line's.
    #[test]
    fn the_table_is_consistent() {
        let names: std::collections::BTreeSet<&str> = COMMANDS.iter().map(|c| c.name).collect();
        assert_eq!(names.len(), COMMANDS.len(), "a name is used twice");
        for c in COMMANDS {
            assert_eq!(
                c.command.spec(),
                c,
                "{}: the variant has a line of its own",
                c.name
            );
            assert_eq!(
                parse(&format!("/{}", c.name), "b").unwrap().command,
                Some(c.command)
            );
        }
        assert_eq!(parse("/nonexistent", "b").unwrap().command, None);
    }

    #[test]
    fn not_commands() {
        assert_eq!(parse("hello", "b"), None);
        assert_eq!(parse("/help@other_bot", "b"), None);
        assert_eq!(parse("/", "b"), None);
        assert_eq!(parse("/при", "b"), None);
        assert_eq!(parse("/start abc123", "b").unwrap().args, "abc123");
        assert_eq!(parse("/START", "b").unwrap().name, "start");
        assert!(find("nonexistent").is_none());
    }

    use proptest::prelude::*;

    proptest! {
        /// Any text at all: no panic, and what parses as a command has a clean name and
        /// arguments that are a trimmed piece of the text.
        #[test]
        fn any_text_parses_safely(text in "\\PC{0,300}", bot in "[a-z_]{1,20}") {
            if let Some(p) = parse(&text, &bot) {
                prop_assert!(!p.name.is_empty() && p.name.len() <= 32);
                prop_assert!(p.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
                prop_assert!(text.contains(&p.args) && p.args.trim() == p.args);
                prop_assert!(text.trim_start().starts_with('/'));
            }
        }

        /// A known command with any arguments and any addressing comes back as it was meant.
        #[test]
        fn commands_with_any_arguments(i in 0..COMMANDS.len(), args in "\\PC{0,200}", addressed in any::<bool>(), upper in any::<bool>()) {
            let spec = &COMMANDS[i];
            let name = if upper { spec.name.to_uppercase() } else { spec.name.to_string() };
            let at = if addressed { "@Nastavnik_Bot" } else { "" };
            let p = parse(&format!("  /{name}{at} {args}"), "nastavnik_bot").unwrap();
            prop_assert_eq!(p.name.as_str(), spec.name);
            prop_assert_eq!(p.args.as_str(), args.trim());
            prop_assert_eq!(p.addressed, addressed);
            prop_assert_eq!(find(&p.name), Some(spec));
            // addressed to another bot: not ours
            let other = format!("/{name}@other_bot {args}");
            prop_assert!(parse(&other, "nastavnik_bot").is_none());
        }
    }
}
