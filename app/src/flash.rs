//! What a plain form post (no JavaScript) leaves for the next page: the values typed, the
//! error, or a notice. The server keeps it in the session for one page view.

use crate::domain::error::AppError;
use serde::{Deserialize, Serialize};

/// Fields never kept (they would be written into the session and the next page).
pub const SECRET_FIELDS: [&str; 2] = ["password", "code"];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    /// The server function path the form posted to ("/api/rdv/reserver").
    pub action: String,
    pub values: Vec<(String, String)>,
    pub error: Option<AppError>,
    pub notice: Option<String>,
}

impl Flash {
    pub fn for_action(&self, action: &str) -> bool {
        self.action == action
    }
    pub fn value(&self, action: &str, field: &str) -> Option<String> {
        self.for_action(action)
            .then(|| {
                self.values
                    .iter()
                    .find(|(k, _)| k == field)
                    .map(|(_, v)| v.clone())
            })
            .flatten()
    }
    pub fn field_error(&self, action: &str, field: &str) -> Option<String> {
        self.for_action(action)
            .then(|| {
                self.error
                    .as_ref()
                    .and_then(|e| e.field_message(field))
                    .map(str::to_string)
            })
            .flatten()
    }
    /// Every field error of this action's form, in the order of the form.
    pub fn field_errors(&self, action: &str) -> Vec<crate::domain::error::FieldError> {
        match &self.error {
            Some(AppError::Invalid { fields, .. }) if self.for_action(action) => fields.clone(),
            _ => Vec::new(),
        }
    }
    /// The form-level message (the error's summary) for this action.
    pub fn form_error(&self, action: &str) -> Option<String> {
        self.for_action(action)
            .then(|| self.error.as_ref().map(|e| e.to_string()))
            .flatten()
    }
}
