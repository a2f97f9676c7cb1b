//! Panels and juries, recruitment: an allocataire volunteers from Mon espace after reading
//! what it means (the text has a version, recorded with the date of the consent), and
//! withdraws in one tap, which stops every future invitation.

use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

/// The version of the text the person reads before volunteering (`panel-consent-*` in
/// the catalogue). Change it with the text: earlier consents keep the version they read.
pub const CONSENT_VERSION: &str = "2026-12";

fn ticked(v: &str) -> Result<(), ValidationError> {
    if super::contract::is_ticked(v) {
        Ok(())
    } else {
        Err(super::inputs::err("accept", "form-panel-accept-required"))
    }
}

/// Volunteering: the box « J'ai lu et j'accepte » ticked, for the version shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct VolunteerInput {
    #[validate(custom(function = "ticked"))]
    pub accept: String,
    pub version: String,
}

impl VolunteerInput {
    /// The form was read on the current text (an older page would record a version the
    /// person did not read).
    pub fn read_current(&self) -> bool {
        self.version == CONSENT_VERSION
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volunteering_needs_the_box_ticked_on_the_current_text() {
        let yes = VolunteerInput {
            accept: "on".into(),
            version: CONSENT_VERSION.into(),
        };
        assert!(yes.validate().is_ok() && yes.read_current());
        let unticked = VolunteerInput {
            accept: String::new(),
            ..yes.clone()
        };
        assert!(unticked.validate().is_err());
        let old = VolunteerInput {
            version: "2020-01".into(),
            ..yes
        };
        assert!(!old.read_current());
    }
}
