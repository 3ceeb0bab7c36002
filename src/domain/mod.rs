//! The pure rules of the mentoring model: no database, no Telegram.
//! Everything that depends on time takes `now` as an argument.

/// An enum stored as a text code in the database: `code()`, `from_code()` and `ALL`, from one
/// list of variants and codes (the database's CHECK constraint lists the same codes).
macro_rules! code_enum {
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $v:ident => $code:literal,)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vm])* $v,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v,)+];
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$v => $code,)+
                }
            }
            pub fn from_code(s: &str) -> Option<$name> {
                match s {
                    $($code => Some($name::$v),)+
                    _ => None,
                }
            }
        }
    };
}

pub mod catalog;
pub mod dates;
pub mod everyday;
pub mod gender;
pub mod journal;
pub mod matching;
pub mod meetings;
pub mod monitoring;
pub mod order;
pub mod orgs;
pub mod pair;
pub mod practice;
pub mod profile;
pub mod reminders;
pub mod request;
pub mod school;
pub mod search;
pub mod stages;
pub mod survey;
pub mod text;

pub use catalog::{Area, Form, MenteeCategory, OrgKind, Role};
