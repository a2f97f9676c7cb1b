//! The agency's team: staff accounts created and kept by managers (and the admin), and the
//! password rules. Length is checked here (browser and server); the list of common
//! passwords is checked on the server only (it would weigh on the WASM).

use super::inputs::{err, normalize_phone, optional_phone, plain_text, valid_email};
use super::StaffRole;
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

/// Passwords: long rather than composed (NIST SP 800-63B, ANSSI): 12 characters or more.
pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 128;
/// A link to choose a password works this long.
pub const RESET_LINK_HOURS: i64 = 24;

/// Who may give which role: the département admin creates managers and counsellors; a
/// manager, counsellors. Nobody creates an admin here.
pub fn may_give_role(giver: StaffRole, role: StaffRole) -> bool {
    match giver {
        StaffRole::Admin => role != StaffRole::Admin,
        StaffRole::Manager => role == StaffRole::Referent,
        StaffRole::Referent => false,
    }
}

fn valid_role(value: &str) -> Result<(), ValidationError> {
    match StaffRole::parse(value) {
        Some(StaffRole::Referent | StaffRole::Manager) => Ok(()),
        _ => Err(err("role", "form-role-required")),
    }
}

/// A staff member as a manager types them (creation or edit; the e-mail is kept on edit).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct StaffInput {
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
    #[validate(
        length(max = 200, message = "form-email-too-long"),
        custom(function = "valid_email")
    )]
    pub email: String,
    #[validate(
        length(min = 1, max = 80, message = "form-title-length"),
        custom(function = "plain_text")
    )]
    pub title: String,
    #[validate(custom(function = "optional_phone"))]
    pub phone: String,
    #[validate(custom(function = "valid_role"))]
    pub role: String,
}

impl StaffInput {
    pub fn role(&self) -> StaffRole {
        StaffRole::parse(&self.role).unwrap_or(StaffRole::Referent)
    }
    /// The phone in its national form, or as typed when empty.
    pub fn phone(&self) -> String {
        normalize_phone(&self.phone).unwrap_or_default()
    }
}

fn password_length(value: &str) -> Result<(), ValidationError> {
    let n = value.chars().count();
    if (PASSWORD_MIN..=PASSWORD_MAX).contains(&n) {
        Ok(())
    } else {
        Err(err("password", "form-password-length"))
    }
}

/// The new password and its confirmation match.
fn matching(password: &str, confirm: &str) -> Result<(), ValidationError> {
    if password == confirm {
        Ok(())
    } else {
        Err(err("confirm", "form-password-mismatch"))
    }
}

fn same_password(input: &PasswordInput) -> Result<(), ValidationError> {
    matching(&input.password, &input.confirm)
}

/// A new password, typed twice.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
#[validate(schema(function = "same_password", skip_on_field_errors = true))]
pub struct PasswordInput {
    #[validate(custom(function = "password_length"), custom(function = "plain_text"))]
    pub password: String,
    pub confirm: String,
}

fn same_new_password(input: &ChangePasswordInput) -> Result<(), ValidationError> {
    matching(&input.password, &input.confirm)
}

/// Changing one's own password: the current one, then the new one twice.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[serde(default)]
#[validate(schema(function = "same_new_password", skip_on_field_errors = true))]
pub struct ChangePasswordInput {
    #[validate(length(min = 1, max = 200, message = "form-password-required"))]
    pub current: String,
    #[validate(custom(function = "password_length"), custom(function = "plain_text"))]
    pub password: String,
    pub confirm: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managers_give_only_the_counsellor_role_and_nobody_creates_an_admin() {
        assert!(may_give_role(StaffRole::Manager, StaffRole::Referent));
        assert!(!may_give_role(StaffRole::Manager, StaffRole::Manager));
        assert!(may_give_role(StaffRole::Admin, StaffRole::Manager));
        assert!(!may_give_role(StaffRole::Admin, StaffRole::Admin));
        assert!(!may_give_role(StaffRole::Referent, StaffRole::Referent));
    }

    #[test]
    fn a_password_is_long_and_typed_twice_the_same() {
        let ok = PasswordInput {
            password: "une phrase assez longue".into(),
            confirm: "une phrase assez longue".into(),
        };
        assert!(ok.validate().is_ok());
        let short = PasswordInput {
            password: "Court1!".into(),
            confirm: "Court1!".into(),
        };
        assert!(short.validate().is_err());
        let mismatch = PasswordInput {
            confirm: "une autre phrase longue".into(),
            ..ok.clone()
        };
        let e = crate::domain::error::AppError::from(mismatch.validate().unwrap_err());
        assert!(e.field_message("confirm").is_some(), "{e:?}");
        // No composition rule: twelve lower-case letters are enough (the list does the rest).
        let plain = PasswordInput {
            password: "abcdefghijkl".into(),
            confirm: "abcdefghijkl".into(),
        };
        assert!(plain.validate().is_ok());
    }

    #[test]
    fn a_staff_member_needs_a_name_an_email_a_title_and_a_role() {
        let mut s = StaffInput {
            first_name: "Nadia".into(),
            last_name: "Benali".into(),
            email: "nadia.benali@ali-bobigny.fr".into(),
            title: "Conseillère en insertion".into(),
            phone: "01 48 00 00 00".into(),
            role: "referent".into(),
        };
        assert!(s.validate().is_ok());
        assert_eq!(s.phone(), "0148000000");
        s.role = "admin".into();
        assert!(s.validate().is_err(), "no admin from a form");
        s.role = "referent".into();
        s.email = "pas-une-adresse".into();
        assert!(s.validate().is_err());
    }
}
