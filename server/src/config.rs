//! Configuration: defaults → optional file (`portail.toml` or `PORTAIL_CONFIG`) →
//! `PORTAIL__SECTION__KEY` environment variables; `DATABASE_URL` picks the database.
//! Secrets are `SecretString`: redacted in `Debug`, never logged.

use secrecy::SecretString;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    /// `sqlite://data/portail.db` (default) or `postgres://…`.
    pub database_url: String,
    pub database_max_connections: u32,
    /// Demo mode: codes stay readable on "Messages envoyés"; demo data on first start.
    pub demo: bool,
    pub http: Http,
    pub session: Session,
    pub booking: Booking,
    pub auth: Auth,
    pub smtp: Smtp,
    pub sms: Sms,
    pub jobs: Jobs,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Http {
    pub addr: String,
    pub public_url: String,
    /// `Secure` + `__Host-` cookie. Only plain-HTTP development turns it off.
    pub secure_cookies: bool,
    pub max_body_bytes: usize,
    /// Where the compiled site (`pkg/`, assets) is.
    pub site_root: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Session {
    pub inactivity_minutes: i64,
    pub absolute_hours: i64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Booking {
    pub reminder_hours: i64,
    pub horizon_days: i64,
    /// How long a person offered a freed workshop seat has to take it (shorter when the
    /// session is near).
    pub workshop_offer_hours: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Auth {
    pub code_ttl_minutes: i64,
    pub code_max_attempts: i64,
    /// Sign-in attempts per minute per client (codes sent: a fifth).
    pub rate_per_minute: u32,
    /// Password attempts per minute on one staff account, from any address.
    pub account_attempts_per_minute: u32,
    /// HMAC key for codes and tokens; a random one is made at start if empty (then codes
    /// do not survive a restart, and several processes must share one).
    pub secret: SecretString,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Smtp {
    /// Empty: e-mails stay in the outbox (demo).
    pub host: String,
    pub port: u16,
    /// "none", "starttls" or "tls".
    pub tls: String,
    pub username: String,
    pub password: SecretString,
    pub from: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Sms {
    /// "outbox" (kept in the outbox, shown on "Messages envoyés") or "http".
    pub provider: String,
    /// For "http": the provider's endpoint; it receives JSON {"to", "text"}.
    pub url: String,
    pub token: SecretString,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Jobs {
    pub outbox_interval_secs: u64,
    pub reminder_interval_secs: u64,
}

const DEFAULTS: &str = r#"
database_url = "sqlite://data/portail.db"
database_max_connections = 8
demo = false

[http]
addr = "127.0.0.1:3000"
public_url = "http://127.0.0.1:3000"
secure_cookies = true
max_body_bytes = 65536
site_root = "target/site"

[session]
inactivity_minutes = 30
absolute_hours = 12

[booking]
reminder_hours = 48
horizon_days = 42
workshop_offer_hours = 24

[auth]
code_ttl_minutes = 10
code_max_attempts = 5
rate_per_minute = 30
account_attempts_per_minute = 5
secret = ""

[smtp]
host = ""
port = 25
tls = "none"
username = ""
password = ""
from = "Portail ALI <ne-pas-repondre@portail-ali.fr>"

[sms]
provider = "outbox"
url = ""
token = ""

[jobs]
outbox_interval_secs = 5
reminder_interval_secs = 60
"#;

impl Config {
    pub fn load() -> Result<Self, config::ConfigError> {
        let file = std::env::var("PORTAIL_CONFIG").unwrap_or_else(|_| "portail.toml".into());
        let mut builder = config::Config::builder()
            .add_source(config::File::from_str(DEFAULTS, config::FileFormat::Toml))
            .add_source(config::File::with_name(&file).required(false))
            .add_source(
                config::Environment::with_prefix("PORTAIL")
                    .prefix_separator("__")
                    .separator("__")
                    .try_parsing(true),
            );
        if let Ok(url) = std::env::var("DATABASE_URL") {
            builder = builder.set_override("database_url", url)?;
        }
        builder.build()?.try_deserialize()
    }

    /// The defaults alone (tests start from these).
    pub fn defaults() -> Result<Self, config::ConfigError> {
        config::Config::builder()
            .add_source(config::File::from_str(DEFAULTS, config::FileFormat::Toml))
            .build()?
            .try_deserialize()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn defaults_are_safe_and_secrets_are_redacted() {
        let c = Config::defaults().expect("defaults parse");
        assert!(c.http.secure_cookies);
        assert!(c.database_url.starts_with("sqlite:"));
        assert_eq!(c.booking.reminder_hours, 48);
        assert_eq!(c.auth.secret.expose_secret(), "");
        assert!(!format!("{:?}", c.smtp).contains("password: \"\""));
    }
}
