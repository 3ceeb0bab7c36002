//! Configuration from the environment (and `.env`, loaded by `main`).

use chrono_tz::Tz;
use std::time::Duration;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://nastavnik.db";

#[derive(Debug, Clone)]
pub struct Config {
    /// Bot token from @BotFather; only needed to talk to Telegram.
    pub token: Option<String>,
    /// A self-hosted Bot API server (or the fake one in tests).
    pub api_url: Option<url::Url>,
    pub database_url: String,
    /// Telegram user ids of technical administrators.
    pub admins: Vec<i64>,
    /// The time zone of new organizations (`DEFAULT_TZ`).
    pub default_tz: Tz,
    /// The district as a whole: its name and its own time zone (`DISTRICT_NAME`, `DISTRICT_TZ`).
    pub district: District,
    /// Long-polling timeout for getUpdates.
    pub poll_timeout: Duration,
    /// Reminders and digests (issue 5).
    pub reminders: ReminderConfig,
    /// Updates one person may send per minute (`INCOMING_PER_MINUTE`, default 20; 0 = no
    /// limit). Beyond it the bot answers once, kindly, and ignores the rest for a while.
    pub incoming_per_minute: u32,
}

/// The district: its name (on reports and digests) and the time zone of everything
/// district-wide — the coordinator's monthly digest and calendar, announcements scheduled «по
/// времени района», district reports. `DISTRICT_TZ` defaults to `DEFAULT_TZ`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct District {
    /// `None`: reports say «Муниципалитет» and digests «по району».
    pub name: Option<String>,
    pub tz: Tz,
}

impl Default for District {
    fn default() -> Self {
        District {
            name: None,
            tz: chrono_tz::Europe::Moscow,
        }
    }
}

/// The default of `INCOMING_PER_MINUTE`.
pub const DEFAULT_INCOMING_PER_MINUTE: u32 = 20;

/// The reminder scheduler and the regulations' timings.
#[derive(Debug, Clone)]
pub struct ReminderConfig {
    /// Run passes in the background while the bot runs (`REMINDERS=off` to disable).
    pub scheduler: bool,
    /// Time between passes (`REMINDER_INTERVAL_MINUTES`, default 5).
    pub interval: Duration,
    /// The first pass after start-up (sends what fell due while the bot was down).
    pub first_pass_after: Duration,
    pub rules: crate::domain::reminders::Rules,
}

impl Default for ReminderConfig {
    fn default() -> Self {
        ReminderConfig {
            scheduler: true,
            interval: Duration::from_secs(300),
            first_pass_after: Duration::from_secs(30),
            rules: Default::default(),
        }
    }
}

impl ReminderConfig {
    /// Reads `REMINDERS`, `REMINDER_INTERVAL_MINUTES`, `QUIET_HOURS`, `SILENT_DAYS_MENTOR`,
    /// `SILENT_DAYS_CURATOR`, `PROPOSAL_REMIND_HOURS`, `PROPOSAL_ESCALATE_HOURS`,
    /// `PENDING_REMIND_DAYS`, `PROGRAM_END_NOTICE_DAYS`, `BANK_UPDATE_MONTH`, `DIGEST_HOUR`.
    fn from_lookup(get: &dyn Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mut c = ReminderConfig::default();
        let num = |k: &str, lo: i64, hi: i64| -> Result<Option<i64>, ConfigError> {
            match get(k) {
                None => Ok(None),
                Some(v) => match v.parse::<i64>() {
                    Ok(n) if (lo..=hi).contains(&n) => Ok(Some(n)),
                    _ => Err(ConfigError::BadNumber(k.to_string(), v, lo, hi)),
                },
            }
        };
        if let Some(v) = get("REMINDERS") {
            c.scheduler = !matches!(v.to_lowercase().as_str(), "off" | "0" | "false" | "no");
        }
        if let Some(n) = num("REMINDER_INTERVAL_MINUTES", 1, 1440)? {
            c.interval = Duration::from_secs(60 * n as u64);
        }
        if let Some(v) = get("QUIET_HOURS") {
            let (a, b) = crate::domain::reminders::parse_quiet_hours(&v)
                .ok_or(ConfigError::BadQuietHours(v))?;
            c.rules.quiet_start = a;
            c.rules.quiet_end = b;
        }
        let r = &mut c.rules;
        if let Some(n) = num("SILENT_DAYS_MENTOR", 1, 365)? {
            r.silent_mentor_days = n;
        }
        if let Some(n) = num("SILENT_DAYS_CURATOR", 1, 365)? {
            r.silent_curator_days = n;
        }
        if let Some(n) = num("PROPOSAL_REMIND_HOURS", 1, 2000)? {
            r.proposal_remind = chrono::Duration::hours(n);
        }
        if let Some(n) = num("PROPOSAL_ESCALATE_HOURS", 1, 2000)? {
            r.proposal_escalate = chrono::Duration::hours(n);
        }
        if let Some(n) = num("PENDING_REMIND_DAYS", 1, 60)? {
            r.pending_days = n;
        }
        if let Some(n) = num("UNMATCHED_REQUEST_DAYS", 1, 365)? {
            r.unmatched_days = n;
        }
        if let Some(n) = num("PROGRAM_END_NOTICE_DAYS", 1, 90)? {
            r.end_notice_days = n;
        }
        if let Some(n) = num("BANK_UPDATE_MONTH", 1, 12)? {
            r.bank_month = n as u32;
        }
        if let Some(n) = num("DIGEST_HOUR", 0, 23)? {
            r.digest_hour = n as u32;
        }
        Ok(c)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("TELOXIDE_TOKEN is not set. Create a bot with @BotFather in Telegram (/newbot), copy the token it gives you into .env as TELOXIDE_TOKEN=... and start again.")]
    MissingToken,
    #[error("TELOXIDE_API_URL is not a valid URL: {0}")]
    BadApiUrl(String),
    #[error("BOT_ADMINS must be comma-separated Telegram user ids, got '{0}'")]
    BadAdmins(String),
    #[error("DEFAULT_TZ '{0}' is not a known time zone (e.g. Europe/Moscow, Asia/Yekaterinburg)")]
    BadTz(String),
    #[error("DISTRICT_TZ '{0}' is not a known time zone (e.g. Europe/Moscow, Asia/Yekaterinburg)")]
    BadDistrictTz(String),
    #[error("DISTRICT_NAME must be at most 200 characters")]
    BadDistrictName,
    #[error("{0} must be a whole number from {2} to {3}, got '{1}'")]
    BadNumber(String, String, i64, i64),
    #[error("QUIET_HOURS must look like 21:00-08:00, got '{0}'")]
    BadQuietHours(String),
}

impl Config {
    /// Reads the configuration from environment variables.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads the configuration through `get` (testable without touching the process env).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let non_empty = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let api_url = match non_empty("TELOXIDE_API_URL") {
            Some(u) => Some(url::Url::parse(&u).map_err(|_| ConfigError::BadApiUrl(u))?),
            None => None,
        };
        let admins = match non_empty("BOT_ADMINS") {
            Some(s) => s
                .split(',')
                .map(|p| p.trim())
                .filter(|p| !p.is_empty())
                .map(|p| {
                    p.parse::<i64>()
                        .map_err(|_| ConfigError::BadAdmins(s.clone()))
                })
                .collect::<Result<Vec<_>, _>>()?,
            None => Vec::new(),
        };
        let default_tz = match non_empty("DEFAULT_TZ") {
            Some(tz) => tz.parse::<Tz>().map_err(|_| ConfigError::BadTz(tz))?,
            None => chrono_tz::Europe::Moscow,
        };
        let district_tz = match non_empty("DISTRICT_TZ") {
            Some(tz) => tz
                .parse::<Tz>()
                .map_err(|_| ConfigError::BadDistrictTz(tz))?,
            None => default_tz,
        };
        let district_name = non_empty("DISTRICT_NAME");
        if district_name
            .as_ref()
            .is_some_and(|n| n.chars().count() > 200)
        {
            return Err(ConfigError::BadDistrictName);
        }
        let poll_timeout = non_empty("POLL_TIMEOUT_SECS")
            .and_then(|s| s.parse::<u64>().ok())
            .map(Duration::from_secs)
            .unwrap_or(Duration::from_secs(25));
        let reminders = ReminderConfig::from_lookup(&non_empty)?;
        let incoming_per_minute = match non_empty("INCOMING_PER_MINUTE") {
            None => DEFAULT_INCOMING_PER_MINUTE,
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= 10_000)
                .ok_or_else(|| {
                    ConfigError::BadNumber("INCOMING_PER_MINUTE".into(), v, 0, 10_000)
                })?,
        };
        Ok(Config {
            token: non_empty("TELOXIDE_TOKEN"),
            api_url,
            database_url: non_empty("DATABASE_URL")
                .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()),
            admins,
            default_tz,
            district: District {
                name: district_name,
                tz: district_tz,
            },
            poll_timeout,
            reminders,
            incoming_per_minute,
        })
    }

    pub fn require_token(&self) -> Result<&str, ConfigError> {
        self.token.as_deref().ok_or(ConfigError::MissingToken)
    }

    pub fn is_admin(&self, telegram_id: i64) -> bool {
        self.admins.contains(&telegram_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn cfg(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults() {
        let c = cfg(&[]).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.default_tz, chrono_tz::Europe::Moscow);
        assert!(c.admins.is_empty());
        assert!(matches!(c.require_token(), Err(ConfigError::MissingToken)));
        assert_eq!(c.incoming_per_minute, 20);
        assert_eq!(
            cfg(&[("INCOMING_PER_MINUTE", "0")])
                .unwrap()
                .incoming_per_minute,
            0
        );
        assert!(matches!(
            cfg(&[("INCOMING_PER_MINUTE", "много")]),
            Err(ConfigError::BadNumber(..))
        ));
        assert_eq!(
            c.district,
            District {
                name: None,
                tz: chrono_tz::Europe::Moscow
            }
        );
    }

    #[test]
    fn the_district_has_its_own_name_and_time_zone() {
        // without DISTRICT_TZ the district follows DEFAULT_TZ
        let c = cfg(&[("DEFAULT_TZ", "Asia/Irkutsk")]).unwrap();
        assert_eq!(c.district.tz, chrono_tz::Asia::Irkutsk);
        let c = cfg(&[
            ("DEFAULT_TZ", "Europe/Moscow"),
            ("DISTRICT_TZ", "Asia/Yekaterinburg"),
            ("DISTRICT_NAME", " Верхнепышминский округ "),
        ])
        .unwrap();
        assert_eq!(c.default_tz, chrono_tz::Europe::Moscow);
        assert_eq!(
            c.district,
            District {
                name: Some("Верхнепышминский округ".into()),
                tz: chrono_tz::Asia::Yekaterinburg
            }
        );
        assert!(matches!(
            cfg(&[("DISTRICT_TZ", "Урал")]),
            Err(ConfigError::BadDistrictTz(_))
        ));
        assert!(matches!(
            cfg(&[("DISTRICT_NAME", &"я".repeat(201))]),
            Err(ConfigError::BadDistrictName)
        ));
    }

    #[test]
    fn parses_everything() {
        let c = cfg(&[
            ("TELOXIDE_TOKEN", "123:abc"),
            ("TELOXIDE_API_URL", "http://127.0.0.1:8081"),
            ("BOT_ADMINS", " 1, 22 ,333"),
            ("DEFAULT_TZ", "Asia/Irkutsk"),
        ])
        .unwrap();
        assert_eq!(c.require_token().unwrap(), "123:abc");
        assert_eq!(c.admins, vec![1, 22, 333]);
        assert!(c.is_admin(22) && !c.is_admin(2));
        assert_eq!(c.default_tz, chrono_tz::Asia::Irkutsk);
        assert_eq!(c.api_url.unwrap().as_str(), "http://127.0.0.1:8081/");
        assert!(c.reminders.scheduler);
        assert_eq!(
            c.reminders.rules,
            crate::domain::reminders::Rules::default()
        );
    }

    #[test]
    fn reminder_settings() {
        let c = cfg(&[
            ("REMINDERS", "off"),
            ("REMINDER_INTERVAL_MINUTES", "2"),
            ("QUIET_HOURS", "22:00-07:30"),
            ("SILENT_DAYS_MENTOR", "10"),
            ("PROPOSAL_ESCALATE_HOURS", "72"),
            ("BANK_UPDATE_MONTH", "9"),
        ])
        .unwrap()
        .reminders;
        assert!(!c.scheduler);
        assert_eq!(c.interval, Duration::from_secs(120));
        assert_eq!(
            c.rules.quiet_end,
            chrono::NaiveTime::from_hms_opt(7, 30, 0).unwrap()
        );
        assert_eq!(c.rules.silent_mentor_days, 10);
        assert_eq!(c.rules.proposal_escalate, chrono::Duration::hours(72));
        assert_eq!(c.rules.bank_month, 9);
    }

    #[test]
    fn rejects_garbage() {
        assert!(matches!(
            cfg(&[("BOT_ADMINS", "1,x")]),
            Err(ConfigError::BadAdmins(_))
        ));
        assert!(matches!(
            cfg(&[("DEFAULT_TZ", "Mars/Olympus")]),
            Err(ConfigError::BadTz(_))
        ));
        assert!(matches!(
            cfg(&[("TELOXIDE_API_URL", "not a url")]),
            Err(ConfigError::BadApiUrl(_))
        ));
        assert!(matches!(
            cfg(&[("QUIET_HOURS", "ночью")]),
            Err(ConfigError::BadQuietHours(_))
        ));
        assert!(matches!(
            cfg(&[("BANK_UPDATE_MONTH", "13")]),
            Err(ConfigError::BadNumber(..))
        ));
        let msg = ConfigError::MissingToken.to_string();
        assert!(msg.contains("@BotFather"));
    }
}
