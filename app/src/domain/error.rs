//! The one error type of the portal. It crosses the wire (server functions serialise it) and
//! carries only user-facing French text; internal causes are logged where they happen.

use serde::{Deserialize, Serialize};

/// One field error: the form field name and a French message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 401: no session, or it expired.
    #[error("Votre session a expiré ou vous n'êtes pas connecté·e. Merci de vous connecter.")]
    NotSignedIn,
    /// 404: also answered for records that exist but belong to someone else.
    #[error("Cette page n'existe pas ou vous n'y avez pas accès.")]
    NotFound,
    /// 403: the role may never do this (the record itself is not disclosed).
    #[error("Vous n'avez pas le droit de faire cette action.")]
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
    #[error("Trop de tentatives. Merci de réessayer dans {retry_after} secondes.")]
    RateLimited { retry_after: u64 },
    /// 400: a malformed request (wrong types, forged fields).
    #[error("{0}")]
    BadRequest(String),
    /// 500: opaque; the cause was logged on the server.
    #[error("Une erreur est survenue de notre côté. Merci de réessayer dans quelques minutes.")]
    Internal,
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

    /// A single-field validation error.
    pub fn field(field: &str, message: &str) -> Self {
        Self::Invalid {
            message: "Le formulaire contient une erreur.".into(),
            fields: vec![FieldError {
                field: field.into(),
                message: message.into(),
            }],
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
            .map(|(field, errs)| FieldError {
                // Struct-level rules name their field by their error code.
                field: if field == "__all__" {
                    errs.first().map(|e| e.code.to_string()).unwrap_or_default()
                } else {
                    field.to_string()
                },
                message: errs
                    .first()
                    .and_then(|e| e.message.as_ref())
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| "Cette valeur n'est pas valide.".into()),
            })
            .collect();
        fields.sort_by(|a, b| a.field.cmp(&b.field));
        let message = if fields.len() > 1 {
            "Le formulaire contient des erreurs.".to_string()
        } else {
            "Le formulaire contient une erreur.".to_string()
        };
        Self::Invalid { message, fields }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use validator::Validate;

    #[derive(Validate)]
    struct Probe {
        #[validate(length(min = 1, message = "Indiquez votre nom."))]
        name: String,
    }

    #[test]
    fn validation_errors_become_french_field_errors() {
        let err: AppError = Probe {
            name: String::new(),
        }
        .validate()
        .map_err(AppError::from)
        .unwrap_err();
        assert_eq!(err.status(), 422);
        assert_eq!(err.field_message("name"), Some("Indiquez votre nom."));
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
