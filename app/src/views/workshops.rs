//! What the workshop pages show: the allocataire's offer and their own places, the staff
//! list and a session's registrations.

use serde::{Deserialize, Serialize};

/// A session as a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopCard {
    pub id: i64,
    pub title: String,
    /// The theme's value (filters) and label.
    pub theme: String,
    pub theme_label: String,
    /// The description as staff typed it (light Markdown)…
    pub description: String,
    /// …and as HTML, cleaned on the server (an allow-list of simple tags).
    pub description_html: String,
    /// Who runs it (may be empty).
    pub facilitators: String,
    /// « Séance 2 sur 6 » for a session of a series.
    pub series: Option<String>,
    /// « mardi 12 janvier 2027, 14 h – 16 h »
    pub when: String,
    /// The session's day (2027-01-12), for the date filter.
    pub day: String,
    pub place: String,
    pub video: bool,
    /// « 3 places restantes » or « Complet — liste d'attente ».
    pub seats: String,
    pub full: bool,
    pub cancelled: bool,
    /// Registration still possible (before the deadline).
    pub open: bool,
    /// « Inscriptions jusqu'au … »
    pub deadline: String,
}

/// A person's own place on a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPlace {
    /// The registration status value (registered, waiting, offered…).
    pub status: String,
    pub status_label: String,
    /// For an offered seat: « jusqu'au … à … ».
    pub offered_until: Option<String>,
    /// Position on the waiting list (1: next).
    pub position: Option<i64>,
    pub attendance: Option<String>,
    /// The calendar file of a place held (a link).
    pub calendar: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopOfferLine {
    pub card: WorkshopCard,
    pub mine: Option<MyPlace>,
}

/// The allocataire's workshops page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopOfferView {
    /// Upcoming sessions open to me (filtered), with my place if I have one.
    pub sessions: Vec<WorkshopOfferLine>,
    /// My past and cancelled places.
    pub history: Vec<WorkshopOfferLine>,
    /// (value, label) of the theme filter.
    pub themes: Vec<(String, String)>,
    /// The filter as typed.
    pub theme: String,
    pub from: String,
    pub place: String,
    /// A fresh idempotency key for the registration forms of this page.
    pub key: String,
}

/// One person on a session's list (staff).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationLine {
    pub id: i64,
    pub allocataire_id: i64,
    pub name: String,
    pub status: String,
    pub status_label: String,
    pub since: String,
    pub attendance: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffWorkshopLine {
    pub card: WorkshopCard,
    /// « 7 / 10 »
    pub filled: String,
    pub waiting: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffWorkshopsView {
    pub agency: String,
    pub sessions: Vec<StaffWorkshopLine>,
    pub themes: Vec<(String, String)>,
    pub audiences: Vec<(String, String)>,
    /// The admin keeps the list of themes (a link to its page).
    pub can_manage_themes: bool,
}

/// The managed list of themes (the admin's page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemesView {
    pub themes: Vec<ThemeLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeLine {
    pub key: String,
    pub label: String,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopDetailView {
    pub card: WorkshopCard,
    pub capacity: i64,
    pub filled: String,
    pub audience_label: String,
    /// Registered and offered, then the waiting list in order, then the others.
    pub people: Vec<RegistrationLine>,
    /// Attendance can be signed (the session has started).
    pub attendance_open: bool,
    /// (value, label) of the attendance choices.
    pub attendance_choices: Vec<(String, String)>,
    /// The edit form, filled with the session as it is.
    pub edit: crate::domain::workshop::WorkshopInput,
    pub themes: Vec<(String, String)>,
    pub audiences: Vec<(String, String)>,
    /// The people invited, in order.
    pub invited: Vec<InvitedLine>,
    /// The session can still be changed (scheduled, not started).
    pub editable: bool,
}

/// A person invited to a session (staff).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitedLine {
    pub name: String,
    pub numero: String,
    pub since: String,
}
