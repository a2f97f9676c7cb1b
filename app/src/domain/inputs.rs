//! Form inputs with their validation rules. The same structs and rules run in the browser
//! (for comfort, before a form is sent) and on the server (for truth). Field names are the
//! form field names. Values arrive as text and are parsed here, so that a wrong type is a
//! message next to its field, not a generic failure. Messages are catalogue keys
//! (`locales/fr/forms.ftl`).

use super::appointment::Modality;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use validator::{Validate, ValidationError};

/// A validation error on `code`'s field whose message is the catalogue key `key`
/// (`locales/<lang>/forms.ftl`); `AppError::from` turns it into text.
pub(crate) fn err(code: &'static str, key: &'static str) -> ValidationError {
    ValidationError::new(code).with_message(Cow::Borrowed(key))
}

/// What the allocataire types to sign in: numéro allocataire, phone or e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identifier<'a> {
    Numero(&'a str),
    Phone(String),
    Email(&'a str),
}

/// Normalises a French phone number to its 10-digit national form (0612345678).
pub fn normalize_phone(raw: &str) -> Option<String> {
    let digits: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    let national = if let Some(rest) = digits.strip_prefix("+33") {
        format!("0{rest}")
    } else if let Some(rest) = digits.strip_prefix("0033") {
        format!("0{rest}")
    } else {
        digits
    };
    (national.len() == 10
        && national.starts_with('0')
        && national.chars().all(|c| c.is_ascii_digit()))
    .then_some(national)
}

pub fn parse_identifier(raw: &str) -> Option<Identifier<'_>> {
    let s = raw.trim();
    if s.contains('@') {
        let (user, domain) = s.split_once('@')?;
        return (!user.is_empty() && domain.contains('.') && !s.contains(' '))
            .then_some(Identifier::Email(s));
    }
    if let Some(phone) = normalize_phone(s) {
        return Some(Identifier::Phone(phone));
    }
    (s.len() >= 5 && s.len() <= 12 && s.chars().all(|c| c.is_ascii_digit()))
        .then_some(Identifier::Numero(s))
}

/// A plausible e-mail address: one "@", a non-empty local part, a dotted domain, no
/// spaces. (validator's `email` rule would bring regex and IDNA tables into the WASM.)
pub fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// Text without control characters (a NUL byte, an escape…), line breaks and tabs aside:
/// nothing a person types, and PostgreSQL refuses NUL in text, so both databases would
/// otherwise behave differently. Every free-text field carries this rule.
pub fn plain_text(value: &str) -> Result<(), ValidationError> {
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        Err(err("plain_text", "form-control-character"))
    } else {
        Ok(())
    }
}

pub(crate) fn valid_email(value: &str) -> Result<(), ValidationError> {
    plain_text(value)?;
    if looks_like_email(value.trim()) {
        Ok(())
    } else {
        Err(err("email", "form-email-invalid"))
    }
}

/// An optional French phone number (empty, or one `normalize_phone` reads).
pub(crate) fn optional_phone(value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() || normalize_phone(value).is_some() {
        Ok(())
    } else {
        Err(err("phone", "form-phone-invalid"))
    }
}

fn valid_identifier(value: &str) -> Result<(), ValidationError> {
    plain_text(value)?;
    parse_identifier(value)
        .map(|_| ())
        .ok_or_else(|| err("identifier", "form-identifier-invalid"))
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct SignInInput {
    #[validate(
        length(min = 1, max = 120, message = "form-identifier-required"),
        custom(function = "valid_identifier")
    )]
    pub identifier: String,
}

fn six_digits(value: &str) -> Result<(), ValidationError> {
    let v = value.trim();
    if v.len() == 6 && v.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(err("code", "form-code-invalid"))
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct CodeInput {
    #[validate(
        length(max = 12, message = "form-code-too-long"),
        custom(function = "six_digits")
    )]
    pub code: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct StaffSignInInput {
    #[validate(
        length(max = 200, message = "form-email-too-long"),
        custom(function = "valid_email")
    )]
    pub email: String,
    #[validate(
        length(min = 1, max = 200, message = "form-password-required"),
        custom(function = "plain_text")
    )]
    pub password: String,
}

fn valid_modality(value: &str) -> Result<(), ValidationError> {
    Modality::parse(value)
        .map(|_| ())
        .ok_or_else(|| err("modality", "form-modality-required"))
}

/// A retry key a form carries (8 to 64 letters, digits or dashes).
pub fn is_idempotency_key(value: &str) -> bool {
    (8..=64).contains(&value.len()) && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn valid_key(value: &str) -> Result<(), ValidationError> {
    is_idempotency_key(value)
        .then_some(())
        .ok_or_else(|| err("idempotency_key", "form-expired"))
}

fn valid_id(value: &str) -> Result<(), ValidationError> {
    value
        .parse::<i64>()
        .ok()
        .filter(|v| *v > 0)
        .map(|_| ())
        .ok_or_else(|| err("slot_id", "form-slot-required"))
}

/// Booking a slot (allocataire), also used to move an appointment (with `reason`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct BookInput {
    #[validate(custom(function = "valid_id"))]
    pub slot_id: String,
    #[validate(custom(function = "valid_modality"))]
    pub modality: String,
    #[validate(custom(function = "valid_key"))]
    pub idempotency_key: String,
}

impl BookInput {
    pub fn slot(&self) -> i64 {
        self.slot_id.parse().unwrap_or_default()
    }
    pub fn modality(&self) -> Modality {
        Modality::parse(&self.modality).unwrap_or(Modality::SurPlace)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct ReasonInput {
    #[validate(
        length(min = 3, max = 300, message = "form-reason-length"),
        custom(function = "plain_text")
    )]
    pub reason: String,
}

fn valid_date(value: &str) -> Result<(), ValidationError> {
    parse_date(value)
        .map(|_| ())
        .ok_or_else(|| err("date", "form-date-invalid"))
}

fn valid_time(value: &str) -> Result<(), ValidationError> {
    parse_time(value)
        .map(|_| ())
        .ok_or_else(|| err("time", "form-time-invalid"))
}

/// The years a date typed into the portal may fall in: anything outside is a typing
/// error, and keeping dates in this range keeps every date computation far from chrono's
/// limits (a year such as +262142 used to overflow and crash the request).
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Accepts the HTML date input form (2026-12-01) and the French one (01/12/2026), for
/// years in [`YEARS`].
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d/%m/%Y"))
        .ok()
        .filter(|d| YEARS.contains(&chrono::Datelike::year(d)))
}

/// Accepts 14:30, 14h30 and 14h.
pub fn parse_time(value: &str) -> Option<NaiveTime> {
    let v = value.trim().replace('h', ":");
    let v = if v.ends_with(':') {
        format!("{v}00")
    } else {
        v
    };
    NaiveTime::parse_from_str(&v, "%H:%M").ok()
}

fn valid_duration(value: &str) -> Result<(), ValidationError> {
    value
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|m| (10..=240).contains(m))
        .map(|_| ())
        .ok_or_else(|| err("duration", "form-duration-range"))
}

fn some_modality(input: &SlotInput) -> Result<(), ValidationError> {
    if input.modalities().is_empty() {
        Err(err("modalities", "form-modalities-required"))
    } else {
        Ok(())
    }
}

/// A one-off slot a counsellor opens.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
#[validate(schema(function = "some_modality", skip_on_field_errors = false))]
pub struct SlotInput {
    #[serde(default)]
    pub counsellor_id: String,
    #[validate(custom(function = "valid_date"))]
    pub date: String,
    #[validate(custom(function = "valid_time"))]
    pub time: String,
    #[validate(custom(function = "valid_duration"))]
    pub duration: String,
    #[validate(
        length(max = 200, message = "form-location-too-long"),
        custom(function = "plain_text")
    )]
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub sur_place: Option<String>,
    #[serde(default)]
    pub telephone: Option<String>,
    #[serde(default)]
    pub visio: Option<String>,
    /// For recurring opening hours: number of weeks to repeat (1 = once).
    #[serde(default)]
    pub weeks: String,
    /// For recurring opening hours: end time of the range cut into slots.
    #[serde(default)]
    pub until: String,
}

impl SlotInput {
    pub fn modalities(&self) -> Vec<Modality> {
        let mut list = Vec::new();
        if self.sur_place.is_some() {
            list.push(Modality::SurPlace);
        }
        if self.telephone.is_some() {
            list.push(Modality::Telephone);
        }
        if self.visio.is_some() {
            list.push(Modality::Visio);
        }
        list
    }
    pub fn weeks(&self) -> Result<u32, crate::domain::error::AppError> {
        if self.weeks.trim().is_empty() {
            return Ok(1);
        }
        self.weeks
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|w| (1..=12).contains(w))
            .ok_or_else(|| {
                crate::domain::error::AppError::field("weeks", &crate::i18n::t("form-weeks-range"))
            })
    }
}

/// An absence: open slots in the range are closed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct AbsenceInput {
    #[serde(default)]
    pub counsellor_id: String,
    #[validate(custom(function = "valid_date"))]
    pub from: String,
    #[validate(custom(function = "valid_date"))]
    pub to: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct OutcomeInput {
    #[validate(custom(function = "valid_outcome"))]
    pub outcome: String,
    /// Optional: what staff want to remember (« prévenue par téléphone », « à relancer »).
    #[validate(
        length(max = 500, message = "form-note-too-long"),
        custom(function = "plain_text")
    )]
    pub note: String,
}

fn valid_outcome(value: &str) -> Result<(), ValidationError> {
    use super::appointment::AppointmentStatus as S;
    match S::parse(value) {
        Some(S::Booked) | None => Err(err("outcome", "form-outcome-required")),
        Some(_) => Ok(()),
    }
}

/// A whole number of hours, days or rendez-vous typed into a settings form, within `range`.
fn number_in(value: &str, range: std::ops::RangeInclusive<i64>) -> Option<i64> {
    value
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| range.contains(n))
}

fn valid_booking_cutoff(value: &str) -> Result<(), ValidationError> {
    number_in(value, super::agency::BOOKING_CUTOFF_HOURS)
        .map(|_| ())
        .ok_or_else(|| err("booking_cutoff_hours", "form-booking-cutoff-range"))
}

fn valid_change_cutoff(value: &str) -> Result<(), ValidationError> {
    number_in(value, super::agency::CHANGE_CUTOFF_HOURS)
        .map(|_| ())
        .ok_or_else(|| err("change_cutoff_hours", "form-change-cutoff-range"))
}

fn valid_max_upcoming(value: &str) -> Result<(), ValidationError> {
    number_in(value, super::agency::MAX_UPCOMING_ONLINE)
        .map(|_| ())
        .ok_or_else(|| err("max_upcoming_online", "form-max-upcoming-range"))
}

/// An agency's booking rules (the manager's settings page).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct BookingRulesInput {
    #[validate(custom(function = "valid_booking_cutoff"))]
    pub booking_cutoff_hours: String,
    #[validate(custom(function = "valid_change_cutoff"))]
    pub change_cutoff_hours: String,
    #[validate(custom(function = "valid_max_upcoming"))]
    pub max_upcoming_online: String,
}

impl BookingRulesInput {
    /// The rules typed, once validated.
    pub fn rules(&self) -> Option<super::agency::BookingRules> {
        let rules = super::agency::BookingRules {
            booking_cutoff_hours: number_in(&self.booking_cutoff_hours, i64::MIN..=i64::MAX)?,
            change_cutoff_hours: number_in(&self.change_cutoff_hours, i64::MIN..=i64::MAX)?,
            max_upcoming_online: number_in(&self.max_upcoming_online, i64::MIN..=i64::MAX)?,
        };
        rules.is_valid().then_some(rules)
    }
}

/// A day the agency is closed (« fermeture exceptionnelle », « pont »…).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct ClosureInput {
    #[validate(custom(function = "valid_date"))]
    pub date: String,
    #[validate(
        length(max = 100, message = "form-closure-label-too-long"),
        custom(function = "plain_text")
    )]
    pub label: String,
}

fn valid_every(value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() || number_in(value, 1..=8).is_some() {
        Ok(())
    } else {
        Err(err("every_weeks", "form-series-every-range"))
    }
}

fn valid_optional_date(value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        Ok(())
    } else {
        valid_date(value).map_err(|_| err("until", "form-date-invalid"))
    }
}

fn series_complete(input: &SeriesInput) -> Result<(), ValidationError> {
    if input.every_weeks.trim().is_empty() != input.until.trim().is_empty() {
        Err(err("until", "form-series-incomplete"))
    } else {
        Ok(())
    }
}

/// Staff plan a series of rendez-vous: the same time every `every_weeks` weeks until a
/// date (both empty: one rendez-vous).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
#[validate(schema(function = "series_complete", skip_on_field_errors = true))]
pub struct SeriesInput {
    #[validate(custom(function = "valid_every"))]
    pub every_weeks: String,
    #[validate(custom(function = "valid_optional_date"))]
    pub until: String,
}

impl SeriesInput {
    /// Every how many weeks, until which day (None: a single rendez-vous).
    pub fn repeat(&self) -> Option<(i64, NaiveDate)> {
        Some((
            number_in(&self.every_weeks, 1..=8)?,
            parse_date(&self.until)?,
        ))
    }
}

/// Parses a form field map (`name=value&…`) into an input and validates it: the browser
/// island and the server share this.
pub fn parse_and_validate<T: for<'de> Deserialize<'de> + Validate>(
    urlencoded: &str,
) -> Result<T, crate::domain::error::AppError> {
    let input: T = serde_urlencoded::from_str(urlencoded).map_err(|_| {
        crate::domain::error::AppError::BadRequest(crate::i18n::t("form-bad-request"))
    })?;
    input.validate()?;
    Ok(input)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::error::AppError;

    #[test]
    fn identifiers_are_recognised_in_the_forms_people_type() {
        assert_eq!(
            parse_identifier("06 12 34 56 78"),
            Some(Identifier::Phone("0612345678".into()))
        );
        assert_eq!(
            parse_identifier("+33 6 12 34 56 78"),
            Some(Identifier::Phone("0612345678".into()))
        );
        assert_eq!(
            parse_identifier("1234567"),
            Some(Identifier::Numero("1234567"))
        );
        assert_eq!(
            parse_identifier(" a@b.fr "),
            Some(Identifier::Email("a@b.fr"))
        );
        assert_eq!(parse_identifier("bonjour"), None);
        assert_eq!(parse_identifier("a@b"), None);
        assert_eq!(parse_identifier("a b@c.fr"), None);
    }

    #[test]
    fn an_empty_sign_in_gets_a_french_message_on_its_field() {
        let e = parse_and_validate::<SignInInput>("identifier=").unwrap_err();
        assert!(e
            .field_message("identifier")
            .is_some_and(|m| m.contains("numéro")));
    }

    #[test]
    fn a_code_must_have_six_digits() {
        assert!(parse_and_validate::<CodeInput>("code=123456").is_ok());
        assert!(parse_and_validate::<CodeInput>("code=12a456").is_err());
        assert!(parse_and_validate::<CodeInput>("code=1234567").is_err());
    }

    #[test]
    fn a_slot_needs_a_date_a_time_a_duration_and_a_modality() {
        let e = parse_and_validate::<SlotInput>("date=32/13/2026&time=25h&duration=5").unwrap_err();
        for f in ["date", "time", "duration", "modalities"] {
            assert!(
                e.field_message(f).is_some(),
                "{f} should have an error: {e:?}"
            );
        }
        let ok =
            parse_and_validate::<SlotInput>("date=2026-12-01&time=14h30&duration=45&telephone=on")
                .expect("valid slot");
        assert_eq!(ok.modalities(), vec![Modality::Telephone]);
        assert_eq!(parse_time(&ok.time), NaiveTime::from_hms_opt(14, 30, 0));
    }

    #[test]
    fn a_booking_refuses_unknown_modalities_and_missing_slots() {
        let e = parse_and_validate::<BookInput>("slot_id=&modality=fax&idempotency_key=abcdefgh12")
            .unwrap_err();
        assert!(e.field_message("slot_id").is_some());
        assert!(e.field_message("modality").is_some());
    }

    #[test]
    fn control_characters_are_refused_in_every_free_text_field() {
        let e = parse_and_validate::<SignInInput>("identifier=a%00b%40c.fr").unwrap_err();
        assert!(e.field_message("identifier").is_some());
        let e =
            parse_and_validate::<StaffSignInInput>("email=a%40b.fr%00&password=x%00y").unwrap_err();
        assert!(e.field_message("email").is_some());
        assert!(e.field_message("password").is_some());
        let e = parse_and_validate::<ReasonInput>("reason=empêché%1B").unwrap_err();
        assert!(e.field_message("reason").is_some());
        assert!(parse_and_validate::<ReasonInput>("reason=Je+suis%0D%0Amalade%09.").is_ok());
    }

    #[test]
    fn dates_outside_2000_to_2100_are_typing_errors() {
        assert!(parse_date("+262142-12-31").is_none());
        assert!(parse_date("31/12/2101").is_none());
        assert!(parse_date("1999-12-31").is_none());
        assert_eq!(
            parse_date("2100-12-31"),
            NaiveDate::from_ymd_opt(2100, 12, 31)
        );
        let e = parse_and_validate::<AbsenceInput>("from=0001-01-01&to=9999-12-31").unwrap_err();
        assert!(e.field_message("from").is_some() && e.field_message("to").is_some());
    }

    #[test]
    fn a_malformed_body_is_a_bad_request_not_a_crash() {
        let e = parse_and_validate::<OutcomeInput>("%%%").unwrap_err();
        assert!(matches!(
            e,
            AppError::BadRequest(_) | AppError::Invalid { .. }
        ));
    }
}
