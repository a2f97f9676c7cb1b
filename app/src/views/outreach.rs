//! « Aller vers »: the worklist of people to go and find, and a file's contact attempts.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutreachLine {
    pub id: i64,
    pub name: String,
    pub numero: String,
    pub counsellor: String,
    /// `jamais_vu`, `absent` or `sans_contact`.
    pub reason: String,
    pub reason_label: String,
    /// The last rendez-vous held or the last attempt, in words.
    pub last: String,
    /// « SMS · e-mail », the channels on file.
    pub channels: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutreachView {
    pub lines: Vec<OutreachLine>,
    pub weeks: u32,
    pub counsellors: Vec<(i64, String)>,
    pub selected: Option<i64>,
    /// The numéros of the list, one per line (the grouped message's default).
    pub numeros: String,
    /// (key, label) of the message templates.
    pub templates: Vec<(String, String)>,
}

/// One contact attempt on a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    pub when: String,
    pub channel_label: String,
    pub reached: bool,
    pub note: String,
    pub by: String,
}
