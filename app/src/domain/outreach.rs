//! « Aller vers »: finding the people who do not come or drop out (never seen since their
//! orientation, missed their last rendez-vous, no contact for some weeks), logging each
//! attempt to reach them, and one message to several of them.

use super::inputs::{err, plain_text};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

/// How staff tried to reach a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContactChannel {
    Call,
    Sms,
    Email,
    Letter,
    HomeVisit,
}

impl ContactChannel {
    pub const ALL: [ContactChannel; 5] = [
        Self::Call,
        Self::Sms,
        Self::Email,
        Self::Letter,
        Self::HomeVisit,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Call => "appel",
            Self::Sms => "sms",
            Self::Email => "email",
            Self::Letter => "courrier",
            Self::HomeVisit => "visite",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Call => "outreach-channel-appel",
            Self::Sms => "outreach-channel-sms",
            Self::Email => "outreach-channel-email",
            Self::Letter => "outreach-channel-courrier",
            Self::HomeVisit => "outreach-channel-visite",
        }
    }
}

/// Why a person is on the worklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// No rendez-vous held since the orientation, and its 15 days are over.
    NeverSeen,
    /// Their last rendez-vous was missed.
    MissedLast,
    /// Nothing held nor reached for the chosen number of weeks.
    NoContact,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NeverSeen => "jamais_vu",
            Self::MissedLast => "absent",
            Self::NoContact => "sans_contact",
        }
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::NeverSeen => "outreach-reason-never-seen",
            Self::MissedLast => "outreach-reason-missed",
            Self::NoContact => "outreach-reason-no-contact",
        }
    }
}

/// The worklist's default span without contact, and its bounds.
pub const DEFAULT_WEEKS: u32 = 8;
pub const MAX_WEEKS: u32 = 52;

/// What the worklist knows of one open file (dates in Europe/Paris).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contact {
    pub orientation: NaiveDate,
    /// The last rendez-vous held.
    pub last_held: Option<NaiveDate>,
    /// The last past rendez-vous, and whether it was missed.
    pub last_past: Option<(NaiveDate, bool)>,
    /// The last attempt that reached the person.
    pub last_reached: Option<NaiveDate>,
    /// A rendez-vous is booked ahead.
    pub booked_ahead: bool,
}

/// Why a file is on the worklist today, if it is. A person reached (or booked) after
/// the reason arose is off the list.
pub fn reason(c: &Contact, today: NaiveDate, weeks: u32) -> Option<Reason> {
    if c.booked_ahead {
        return None;
    }
    let reached_since = |since: NaiveDate| c.last_reached.is_some_and(|r| r >= since);
    if c.last_held.is_none() {
        let deadline = super::deadline::first_meeting_deadline(c.orientation);
        if today > deadline && !reached_since(c.orientation) {
            return Some(Reason::NeverSeen);
        }
        return None;
    }
    if let Some((day, true)) = c.last_past {
        if !reached_since(day) {
            return Some(Reason::MissedLast);
        }
    }
    let last = [c.last_held, c.last_reached].into_iter().flatten().max()?;
    (today - last > Duration::weeks(i64::from(weeks))).then_some(Reason::NoContact)
}

/// The span the worklist uses (`semaines`), within bounds.
pub fn weeks(asked: Option<u32>) -> u32 {
    asked.unwrap_or(DEFAULT_WEEKS).clamp(1, MAX_WEEKS)
}

fn valid_channel(v: &str) -> Result<(), ValidationError> {
    ContactChannel::parse(v)
        .map(|_| ())
        .ok_or_else(|| err("channel", "form-contact-channel-required"))
}

/// One attempt to reach a person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct ContactInput {
    #[validate(custom(function = "valid_channel"))]
    pub channel: String,
    /// A checkbox: the person was reached.
    pub reached: String,
    #[validate(
        length(max = 500, message = "form-contact-note-length"),
        custom(function = "plain_text")
    )]
    pub note: String,
}

/// The grouped message's templates (catalogue keys `outreach-template-<key>`).
pub const TEMPLATES: [&str; 2] = ["revoir", "atelier"];

fn valid_template(v: &str) -> Result<(), ValidationError> {
    if TEMPLATES.contains(&v) {
        Ok(())
    } else {
        Err(err("template", "form-outreach-template-required"))
    }
}

fn valid_message_channel(v: &str) -> Result<(), ValidationError> {
    match ContactChannel::parse(v) {
        Some(ContactChannel::Sms | ContactChannel::Email) => Ok(()),
        _ => Err(err("message_channel", "form-outreach-channel-required")),
    }
}

/// One message to several people, by their numéros allocataire.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct GroupMessageInput {
    #[validate(custom(function = "valid_template"))]
    pub template: String,
    #[validate(custom(function = "valid_message_channel"))]
    pub message_channel: String,
    #[validate(custom(function = "super::workshop::valid_numeros"))]
    pub numeros: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn file() -> Contact {
        Contact {
            orientation: d("2026-10-01"),
            last_held: None,
            last_past: None,
            last_reached: None,
            booked_ahead: false,
        }
    }

    #[test]
    fn never_seen_once_the_fifteen_days_are_over_until_reached_or_booked() {
        let today = d("2026-12-02");
        assert_eq!(reason(&file(), today, 8), Some(Reason::NeverSeen));
        let recent = Contact {
            orientation: d("2026-11-25"),
            ..file()
        };
        assert_eq!(reason(&recent, today, 8), None, "still inside the 15 days");
        let reached = Contact {
            last_reached: Some(d("2026-11-20")),
            ..file()
        };
        assert_eq!(reason(&reached, today, 8), None);
        let booked = Contact {
            booked_ahead: true,
            ..file()
        };
        assert_eq!(reason(&booked, today, 8), None);
    }

    #[test]
    fn a_missed_last_rendez_vous_and_a_long_silence_put_a_file_on_the_list() {
        let today = d("2026-12-02");
        let missed = Contact {
            last_held: Some(d("2026-10-10")),
            last_past: Some((d("2026-11-20"), true)),
            ..file()
        };
        assert_eq!(reason(&missed, today, 8), Some(Reason::MissedLast));
        // Reached after the missed one: off the list.
        let reached = Contact {
            last_reached: Some(d("2026-11-21")),
            ..missed
        };
        assert_eq!(reason(&reached, today, 8), None);
        let quiet = Contact {
            last_held: Some(d("2026-09-01")),
            last_past: Some((d("2026-09-01"), false)),
            ..file()
        };
        assert_eq!(reason(&quiet, today, 8), Some(Reason::NoContact));
        assert_eq!(
            reason(&quiet, today, 20),
            None,
            "the span is the reader's choice"
        );
        assert_eq!(weeks(None), 8);
        assert_eq!(weeks(Some(0)), 1);
        assert_eq!(weeks(Some(99)), 52);
    }

    #[test]
    fn inputs_name_a_known_channel_and_template() {
        assert!(ContactInput {
            channel: "appel".into(),
            ..Default::default()
        }
        .validate()
        .is_ok());
        assert!(ContactInput::default().validate().is_err());
        let group = GroupMessageInput {
            template: "revoir".into(),
            message_channel: "sms".into(),
            numeros: "1000004 1000007".into(),
        };
        assert!(group.validate().is_ok());
        assert!(GroupMessageInput {
            message_channel: "courrier".into(),
            ..group.clone()
        }
        .validate()
        .is_err());
        assert!(GroupMessageInput {
            numeros: "abc".into(),
            ..group
        }
        .validate()
        .is_err());
    }
}
