//! The one error type of the portal. It crosses the wire (server functions serialise it) and
//! carries only user-facing text, from the catalogue (`locales/<lang>/errors.ftl`, and each
//! capability's file for conflicts); internal causes are logged where they happen.

use crate::i18n::t;
use serde::{Deserialize, Serialize};

/// One field error: the form field name, the message's catalogue key (`code`, which the
/// browser-side check resolves from the words it was given) and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    #[serde(default)]
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 401: no session, or it expired.
    #[error("{}", t("error-not-signed-in"))]
    NotSignedIn,
    /// 404: also answered for records that exist but belong to someone else.
    #[error("{}", t("error-not-found"))]
    NotFound,
    /// 403: the role may never do this (the record itself is not disclosed).
    #[error("{}", t("error-forbidden"))]
    Forbidden,
    /// 422: input refused, with one message per field.
    #[error("{message}")]
    Invalid {
        message: String,
        fields: Vec<FieldError>,
    },
    /// 409: the state changed under the user ("ce créneau vient d'être pris").
    #[error("{0}")]
    Conflict(String),
    /// 429: too many attempts.
    #[error("{}", rate_limited(*retry_after))]
    RateLimited { retry_after: u64 },
    /// 400: a malformed request (wrong types, forged fields).
    #[error("{0}")]
    BadRequest(String),
    /// 500: opaque; the cause was logged on the server.
    #[error("{}", t("error-internal"))]
    Internal,
}

fn rate_limited(seconds: u64) -> String {
    crate::tr!("error-rate-limited", seconds = seconds)
}

fn form_summary(count: usize) -> String {
    if count > 1 {
        t("error-form-many")
    } else {
        t("error-form-one")
    }
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            Self::NotSignedIn => 401,
            Self::NotFound => 404,
            Self::Forbidden => 403,
            Self::Invalid { .. } => 422,
            Self::Conflict(_) => 409,
            Self::RateLimited { .. } => 429,
            Self::BadRequest(_) => 400,
            Self::Internal => 500,
        }
    }

    /// A single-field validation error (the message already in the reader's language).
    pub fn field(field: &str, message: &str) -> Self {
        Self::Invalid {
            message: form_summary(1),
            fields: vec![FieldError {
                field: field.into(),
                code: String::new(),
                message: message.into(),
            }],
        }
    }

    /// A validation error on several fields, in the form's order (messages already in the
    /// reader's language).
    pub fn fields(list: Vec<(String, String)>) -> Self {
        Self::Invalid {
            message: form_summary(list.len()),
            fields: list
                .into_iter()
                .map(|(field, message)| FieldError {
                    field,
                    code: String::new(),
                    message,
                })
                .collect(),
        }
    }

    pub fn field_message(&self, field: &str) -> Option<&str> {
        match self {
            Self::Invalid { fields, .. } => fields
                .iter()
                .find(|f| f.field == field)
                .map(|f| f.message.as_str()),
            _ => None,
        }
    }
}

impl From<validator::ValidationErrors> for AppError {
    fn from(errors: validator::ValidationErrors) -> Self {
        let mut fields: Vec<FieldError> = errors
            .field_errors()
            .into_iter()
            .map(|(field, errs)| {
                // Rules carry a catalogue key as their message.
                let code = errs
                    .first()
                    .and_then(|e| e.message.as_ref())
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| "form-invalid-value".into());
                FieldError {
                    // Struct-level rules name their field by their error code.
                    field: if field == "__all__" {
                        errs.first().map(|e| e.code.to_string()).unwrap_or_default()
                    } else {
                        field.to_string()
                    },
                    message: t(&code),
                    code,
                }
            })
            .collect();
        fields.sort_by(|a, b| a.field.cmp(&b.field));
        let message = form_summary(fields.len());
        Self::Invalid { message, fields }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use validator::Validate;

    #[derive(Validate)]
    struct Probe {
        #[validate(length(min = 1, message = "form-password-required"))]
        name: String,
    }

    #[test]
    fn validation_errors_become_field_errors_in_the_readers_words() {
        let err: AppError = Probe {
            name: String::new(),
        }
        .validate()
        .map_err(AppError::from)
        .unwrap_err();
        assert_eq!(err.status(), 422);
        let text = err.field_message("name").map(str::to_string);
        #[cfg(feature = "ssr")]
        assert_eq!(text.as_deref(), Some("Saisissez votre mot de passe."));
        #[cfg(not(feature = "ssr"))]
        assert_eq!(text.as_deref(), Some("form-password-required"));
    }

    #[test]
    fn internal_errors_say_nothing_about_the_cause() {
        assert!(!AppError::Internal
            .to_string()
            .to_lowercase()
            .contains("sql"));
        assert_eq!(AppError::Internal.status(), 500);
    }
}
