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
    pub default_tz: Tz,
    /// Long-polling timeout for getUpdates.
    pub poll_timeout: Duration,
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
}

impl Config {
    /// Reads the configuration from environment variables.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads the configuration through `get` (testable without touching the process env).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let non_empty = |k: &str| get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let api_url = match non_empty("TELOXIDE_API_URL") {
            Some(u) => Some(url::Url::parse(&u).map_err(|_| ConfigError::BadApiUrl(u))?),
            None => None,
        };
        let admins = match non_empty("BOT_ADMINS") {
            Some(s) => s
                .split(',')
                .map(|p| p.trim())
                .filter(|p| !p.is_empty())
                .map(|p| p.parse::<i64>().map_err(|_| ConfigError::BadAdmins(s.clone())))
                .collect::<Result<Vec<_>, _>>()?,
            None => Vec::new(),
        };
        let default_tz = match non_empty("DEFAULT_TZ") {
            Some(tz) => tz.parse::<Tz>().map_err(|_| ConfigError::BadTz(tz))?,
            None => chrono_tz::Europe::Moscow,
        };
        let poll_timeout = non_empty("POLL_TIMEOUT_SECS")
            .and_then(|s| s.parse::<u64>().ok())
            .map(Duration::from_secs)
            .unwrap_or(Duration::from_secs(25));
        Ok(Config {
            token: non_empty("TELOXIDE_TOKEN"),
            api_url,
            database_url: non_empty("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()),
            admins,
            default_tz,
            poll_timeout,
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
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults() {
        let c = cfg(&[]).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.default_tz, chrono_tz::Europe::Moscow);
        assert!(c.admins.is_empty());
        assert!(matches!(c.require_token(), Err(ConfigError::MissingToken)));
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
    }

    #[test]
    fn rejects_garbage() {
        assert!(matches!(cfg(&[("BOT_ADMINS", "1,x")]), Err(ConfigError::BadAdmins(_))));
        assert!(matches!(cfg(&[("DEFAULT_TZ", "Mars/Olympus")]), Err(ConfigError::BadTz(_))));
        assert!(matches!(cfg(&[("TELOXIDE_API_URL", "not a url")]), Err(ConfigError::BadApiUrl(_))));
        let msg = ConfigError::MissingToken.to_string();
        assert!(msg.contains("@BotFather"));
    }
}
