//! The pure rules of the mentoring model: no database, no Telegram.
//! Everything that depends on time takes `now` as an argument.

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
pub mod profile;
pub mod reminders;
pub mod request;
pub mod school;
pub mod search;
pub mod stages;
pub mod survey;
pub mod text;

pub use catalog::{Area, Form, MenteeCategory, OrgKind, Role};
