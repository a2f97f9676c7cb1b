//! What server functions return to pages (and what the REST API will serve): plain data,
//! already formatted (dates in Europe/Paris), with no secret and nothing the reader may not
//! see. Shared by ui, api, services and the server crate; built by the services'
//! presenters. One file per capability.

pub mod agency;
pub mod agenda;
pub mod appointments;
pub mod caseload;
pub mod enrolment;
pub mod orientation;
pub mod outbox;
pub mod outreach;
pub mod pathways;
pub mod surveys;
pub mod team;
pub mod voice;
pub mod workshops;

pub use agency::*;
pub use agenda::*;
pub use appointments::*;
pub use caseload::*;
pub use enrolment::*;
pub use orientation::*;
pub use outbox::*;
pub use outreach::*;
pub use pathways::*;
pub use surveys::*;
pub use team::*;
pub use voice::*;
pub use workshops::*;

use serde::{Deserialize, Serialize};

/// The result of every state-changing server function: a message for the person and the
/// page to show next (plain form posts are redirected there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    pub notice: String,
    pub redirect: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub name: String,
    pub is_staff: bool,
    pub role_label: String,
    pub can_see_messages: bool,
    /// A manager (or the admin) may open the agency's settings and its audit trail.
    pub can_manage_agency: bool,
    /// The agencies the département admin may pick from (empty for everyone else).
    pub agencies: Vec<(i64, String)>,
    /// The agency the staff pages work on.
    pub agency_id: Option<i64>,
    /// An allocataire's phone and e-mail on file, masked (where their codes go).
    pub contacts: Vec<String>,
}
