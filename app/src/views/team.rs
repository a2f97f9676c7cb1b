//! What the team pages show: the agency's staff accounts.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub id: i64,
    pub name: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub title: String,
    pub phone: String,
    /// "referent", "manager"
    pub role: String,
    pub role_label: String,
    pub disabled: bool,
    /// « mardi 1 décembre 2026 à 9 h 05 », None: never signed in.
    pub last_sign_in: Option<String>,
    /// The reader may edit, disable or send a link to this member.
    pub manageable: bool,
    /// (value, label) of the roles the reader may give.
    pub roles: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamView {
    pub agency: String,
    pub members: Vec<MemberView>,
    /// (value, label) of the roles the reader may give.
    pub roles: Vec<(String, String)>,
}
