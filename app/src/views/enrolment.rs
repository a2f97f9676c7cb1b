//! What enrolling a person and their référents show.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolView {
    /// (staff id, name) of the agency's counsellors, to choose a référent.
    pub counsellors: Vec<(i64, String)>,
}

/// One référent in a file's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferentLine {
    /// Their name, or « sans référent ».
    pub counsellor: String,
    /// « lundi 30 novembre 2026 »
    pub since: String,
}
