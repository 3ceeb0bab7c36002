//! Nastavnik — a Telegram bot for teacher-mentoring programs
//! (целевая модель наставничества педагогических работников).
//!
//! Layout: `domain` holds the pure rules, `repo` the SQLite storage, `bot` the Telegram
//! handlers; `app` starts everything, `cli` is the command line.

#[macro_use]
pub mod i18n;

pub mod app;
pub mod bench;
pub mod bot;
pub mod cli;
pub mod clock;
pub mod config;
pub mod console;
pub mod db;
pub mod domain;
pub mod emulator;
pub mod repo;
pub mod report;
