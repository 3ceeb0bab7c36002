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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandSpec {
    pub name: &'static str,
    pub access: Access,
    /// Shown in /help and the command menu.
    pub listed: bool,
}

impl CommandSpec {
    /// The Fluent key of the one-line description.
    pub fn description_key(&self) -> String {
        format!("cmd-{}", self.name)
    }
}

const fn spec(name: &'static str, access: Access, listed: bool) -> CommandSpec {
    CommandSpec { name, access, listed }
}

pub const COMMANDS: &[CommandSpec] = &[
    spec("start", Access::Anyone, false),
    spec("help", Access::Anyone, true),
    spec("profile", Access::Registered, true),
    spec("mydata", Access::Anyone, true),
    spec("request", Access::Roles(&[Role::Mentee]), true),
    spec("replace", Access::Roles(&[Role::Mentee]), true),
    spec("pair", Access::Roles(&[Role::Mentee, Role::Mentor]), true),
    spec("resign", Access::Roles(&[Role::Mentor]), true),
    spec("meeting", Access::Roles(&[Role::Mentor]), true),
    spec("task", Access::Roles(&[Role::Mentor]), true),
    spec("helped", Access::Roles(&[Role::Mentor]), true),
    spec("sos", Access::Roles(&[Role::Mentee]), true),
    spec("plan", Access::Roles(&[Role::Mentee, Role::Mentor, Role::Curator]), true),
    spec("journal", Access::Roles(&[Role::Mentee, Role::Mentor, Role::Curator]), true),
    spec("adaptation", Access::Roles(&[Role::Mentor]), true),
    spec("requests", Access::Roles(&[Role::Curator]), true),
    spec("pairs", Access::Roles(&[Role::Curator, Role::Head]), true),
    spec("history", Access::Roles(&[Role::Curator, Role::Head]), true),
    spec("survey", Access::Roles(&[Role::Mentee, Role::Mentor, Role::Curator]), true),
    spec("report", Access::Roles(&[Role::Curator, Role::Coordinator]), true),
    spec("school", Access::Roles(&[Role::Curator]), true),
    spec("documents", Access::Registered, true),
    spec("invite", Access::Roles(&[Role::Admin, Role::Coordinator, Role::Curator]), true),
    spec("announce", Access::Roles(&[Role::Coordinator, Role::Curator]), true),
    spec("practice", Access::Roles(&[Role::Mentor, Role::Curator]), true),
    spec("moderate", Access::Roles(&[Role::Coordinator]), true),
    spec("practices", Access::Registered, true),
    spec("mentors", Access::Registered, true),
    spec("events", Access::Registered, true),
    spec("link_chat", Access::Roles(&[Role::Admin, Role::Coordinator]), false),
    spec("unlink_chat", Access::Roles(&[Role::Admin, Role::Coordinator]), false),
    spec("stage", Access::Roles(&[Role::Curator]), true),
    spec("calendar", Access::Roles(&[Role::Coordinator]), true),
    spec("orgs", Access::Roles(&[Role::Admin, Role::Coordinator]), true),
    spec("digest", Access::Roles(&[Role::Admin, Role::Curator, Role::Coordinator, Role::Head]), true),
    spec("settings", Access::Registered, true),
    spec("lang", Access::Anyone, true),
    spec("cancel", Access::Anyone, false),
    spec("forget", Access::Registered, true),
];

pub fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// A command as typed: `/name@bot args`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedCommand {
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
    if name.is_empty() || name.len() > 32 || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    Some(ParsedCommand { name: name.to_ascii_lowercase(), args: args.to_string(), addressed })
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
            let p = parse(&format!("/{}@Nastavnik_Bot  some args ", c.name), "nastavnik_bot").unwrap();
            assert_eq!((p.name.as_str(), p.args.as_str(), p.addressed), (c.name, "some args", true));
            // Telegram's menu requires names of 1-32 lowercase letters, digits and underscores
            assert!(c.name.len() <= 32 && c.name.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_'));
        }
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
