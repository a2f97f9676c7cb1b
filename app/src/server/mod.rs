//! Server-only code: request context, use-case services and the store.

pub mod crypto;
pub mod ctx;
pub mod format;
pub mod pdf;
pub mod richtext;
pub mod services;
pub mod spreadsheet;
pub mod store;
#[doc(hidden)]
pub mod testing;

/// Settings the use cases need (the server's configuration fills them).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Public base URL, used in messages ("https://rdv.ali93.fr").
    pub public_url: String,
    /// Reminder this many hours before (default 48).
    pub reminder_hours: i64,
    pub code_ttl_minutes: i64,
    pub code_max_attempts: i64,
    pub invitation_ttl_days: i64,
    /// Sessions end this many hours after sign-in, whatever the activity.
    pub session_absolute_hours: i64,
    /// How far ahead allocataires see slots.
    pub booking_horizon_days: i64,
    /// How long a freed workshop seat is kept for the person offered it (default 24).
    pub workshop_offer_hours: i64,
    /// Demo mode: sign-in codes stay readable on "Messages envoyés" after delivery.
    pub demo: bool,
    /// Key for hashing one-time codes and tokens (HMAC-SHA256). Never leaves the server.
    pub secret: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            public_url: "http://127.0.0.1:3000".into(),
            reminder_hours: 48,
            code_ttl_minutes: 10,
            code_max_attempts: 5,
            invitation_ttl_days: 30,
            session_absolute_hours: 12,
            booking_horizon_days: 42,
            workshop_offer_hours: 24,
            demo: false,
            secret: "change-me".into(),
        }
    }
}
