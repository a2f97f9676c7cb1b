//! What the monthly orientation file's pages show.

use serde::{Deserialize, Serialize};

/// The import page: the file's columns and the latest files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrientationView {
    /// « ALI Bobigny », or « toutes les agences » for the admin.
    pub scope: String,
    /// The documented header, in order.
    pub columns: Vec<String>,
    pub imports: Vec<ImportLine>,
    /// The admin keeps the commune → agency table.
    pub communes_link: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportLine {
    pub id: i64,
    pub file_name: String,
    /// « mardi 1 décembre 2026 »
    pub uploaded: String,
    /// « Aperçu, à confirmer » or « Appliqué : 12 créés, 3 mis à jour »
    pub status: String,
}

/// A person as the preview lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonLine {
    pub numero: String,
    pub name: String,
    pub agency: String,
    pub orientation_date: String,
    /// Link to their file, for people the portal knows.
    pub file: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeLine {
    pub person: PersonLine,
    /// « Téléphone : 06 11 22 33 44 → 07 00 00 00 00 »
    pub changes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectLine {
    pub line: usize,
    pub numero: String,
    pub reasons: Vec<String>,
}

/// One uploaded file: what confirming it would do, or what it did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewView {
    pub id: i64,
    pub file_name: String,
    /// « UTF-8 », « Windows-1252 »
    pub encoding: String,
    pub uploaded: String,
    pub rows: usize,
    /// Set once applied: « Appliqué le … : … ».
    pub applied: Option<String>,
    pub new_count: usize,
    pub changed_count: usize,
    pub unchanged_count: usize,
    pub gone_count: usize,
    pub rejected_count: usize,
    /// The first lines of each list (the counts say how many there are).
    pub new: Vec<PersonLine>,
    pub changed: Vec<ChangeLine>,
    pub gone: Vec<PersonLine>,
    pub rejected: Vec<RejectLine>,
    /// How many lines each list shows at most.
    pub shown: usize,
    /// Letters to print (applied files whose new people have neither phone nor e-mail).
    pub letters: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommuneLine {
    pub name: String,
    pub agency: String,
}

/// The commune → agency table (the admin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunesView {
    pub communes: Vec<CommuneLine>,
    /// (agency id, name), to choose from.
    pub agencies: Vec<(i64, String)>,
}
