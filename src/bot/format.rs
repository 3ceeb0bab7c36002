//! How the bot writes common values in texts: dates and the `$gender` a text about a person
//! agrees with. Pure: no database, no Telegram.

use chrono::Datelike;

/// The `$gender` a text about this person agrees with (from the patronymic; neutral when unclear).
pub fn gender(name: &str) -> &'static str {
    crate::domain::gender::from_full_name(name).code()
}

/// A date as Russian documents write it: `05.09.2026`.
pub fn date(d: chrono::NaiveDate) -> String {
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}
