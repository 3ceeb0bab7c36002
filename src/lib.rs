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
pub mod documents;
pub mod domain;
pub mod emulator;
pub mod files;
pub mod ops;
pub mod repo;
pub mod report;
pub mod texts;

/// Caps glibc's malloc arenas at two (unless `MALLOC_ARENA_MAX` says otherwise). By default
/// every thread that allocates under contention gets an arena of its own, up to eight per core,
/// and each keeps what was freed in it: the bot's threads (the tokio workers, one per SQLite
/// connection) then held tens of MB each after a district report. Call before the runtime starts.
pub fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only changes an allocator setting; called before other threads exist.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}
