//! A person enrolled by hand (before the monthly orientation file exists) and their
//! référent: who follows them, and since when.

use super::inputs::{
    err, looks_like_email, normalize_phone, optional_phone, parse_date, plain_text,
};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

pub(crate) fn valid_numero(value: &str) -> Result<(), ValidationError> {
    let v = value.trim();
    // A numéro that reads as a phone number (0612345678) could never sign anyone in: the
    // sign-in form takes it for the phone.
    if (5..=12).contains(&v.len())
        && v.chars().all(|c| c.is_ascii_digit())
        && normalize_phone(v).is_none()
    {
        Ok(())
    } else {
        Err(err("numero", "form-numero-invalid"))
    }
}

fn valid_optional_email(value: &str) -> Result<(), ValidationError> {
    plain_text(value)?;
    if value.trim().is_empty() || looks_like_email(value.trim()) {
        Ok(())
    } else {
        Err(err("email", "form-email-invalid"))
    }
}

fn valid_orientation(value: &str) -> Result<(), ValidationError> {
    parse_date(value)
        .map(|_| ())
        .ok_or_else(|| err("orientation_date", "form-date-invalid"))
}

fn some_contact(input: &AllocataireInput) -> Result<(), ValidationError> {
    if input.phone.trim().is_empty() && input.email.trim().is_empty() {
        Err(err("phone", "form-contact-required"))
    } else {
        Ok(())
    }
}

/// A person staff enrol by hand. A phone or an e-mail is needed: sign-in codes go there.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
#[validate(schema(function = "some_contact", skip_on_field_errors = true))]
pub struct AllocataireInput {
    #[validate(custom(function = "valid_numero"))]
    pub numero: String,
    #[validate(
        length(min = 1, max = 80, message = "form-first-name-length"),
        custom(function = "plain_text")
    )]
    pub first_name: String,
    #[validate(
        length(min = 1, max = 80, message = "form-last-name-length"),
        custom(function = "plain_text")
    )]
    pub last_name: String,
    #[validate(custom(function = "optional_phone"))]
    pub phone: String,
    #[validate(
        length(max = 200, message = "form-email-too-long"),
        custom(function = "valid_optional_email")
    )]
    pub email: String,
    #[validate(custom(function = "valid_orientation"))]
    pub orientation_date: String,
    /// The référent's staff id, or empty: chosen later.
    pub counsellor_id: String,
}

impl AllocataireInput {
    pub fn phone(&self) -> Option<String> {
        normalize_phone(&self.phone)
    }
    pub fn email(&self) -> Option<String> {
        Some(self.email.trim().to_lowercase()).filter(|e| !e.is_empty())
    }
    /// The chosen référent (None: none yet, or not a number).
    pub fn counsellor(&self) -> Option<i64> {
        self.counsellor_id.trim().parse().ok()
    }
}

/// The number of people the AMI aims at per counsellor.
pub const CASELOAD_TARGET: i64 = 90;

/// The référent to suggest for a file: among `counsellors` (the agency's, in their
/// order), the one who follows the fewest people (`counts`; a counsellor missing from it
/// follows nobody), the current référent aside; ties go to the first listed. Returns the
/// counsellor and how many people they follow.
pub fn suggest_referent(
    counsellors: &[super::StaffId],
    counts: &[(super::StaffId, i64)],
    current: Option<super::StaffId>,
) -> Option<(super::StaffId, i64)> {
    let count = |c: super::StaffId| {
        counts
            .iter()
            .find(|(id, _)| *id == c)
            .map_or(0, |(_, n)| *n)
    };
    counsellors
        .iter()
        .filter(|c| Some(**c) != current)
        .map(|c| (*c, count(*c)))
        .min_by_key(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suggested_referent_follows_the_fewest_people_and_is_not_the_current_one() {
        use crate::domain::StaffId;
        let team = [StaffId(1), StaffId(2), StaffId(3)];
        let counts = [(StaffId(1), 88), (StaffId(2), 91), (StaffId(3), 88)];
        // A tie goes to the first listed.
        assert_eq!(
            suggest_referent(&team, &counts, None),
            Some((StaffId(1), 88))
        );
        assert_eq!(
            suggest_referent(&team, &counts, Some(StaffId(1))),
            Some((StaffId(3), 88))
        );
        // Somebody who follows nobody yet is missing from the counts.
        assert_eq!(
            suggest_referent(&[StaffId(1), StaffId(4)], &counts, None),
            Some((StaffId(4), 0))
        );
        assert_eq!(
            suggest_referent(&[StaffId(1)], &counts, Some(StaffId(1))),
            None
        );
    }

    fn person() -> AllocataireInput {
        AllocataireInput {
            numero: "7000001".into(),
            first_name: "Moussa".into(),
            last_name: "Camara".into(),
            phone: "06 11 22 33 44".into(),
            email: String::new(),
            orientation_date: "2026-11-27".into(),
            counsellor_id: String::new(),
        }
    }

    #[test]
    fn a_person_needs_a_numero_a_name_a_date_and_a_way_to_reach_them() {
        assert!(person().validate().is_ok());
        assert_eq!(person().phone().as_deref(), Some("0611223344"));
        let no_contact = AllocataireInput {
            phone: String::new(),
            ..person()
        };
        let e = crate::domain::error::AppError::from(no_contact.validate().unwrap_err());
        assert!(e.field_message("phone").is_some(), "{e:?}");
        for bad in [
            AllocataireInput {
                numero: "12a45".into(),
                ..person()
            },
            AllocataireInput {
                numero: "0612345678".into(),
                ..person()
            },
            AllocataireInput {
                orientation_date: "31/02/2026".into(),
                ..person()
            },
            AllocataireInput {
                email: "pas-une-adresse".into(),
                ..person()
            },
        ] {
            assert!(bad.validate().is_err(), "{bad:?}");
        }
    }
}
