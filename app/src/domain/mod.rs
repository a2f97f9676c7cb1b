//! Pure domain rules: no leptos, no sqlx, no feature flags. Shared by the server and the
//! browser (the validated inputs run in both).

pub mod agency;
pub mod appointment;
pub mod authz;
pub mod calendar;
pub mod contract;
pub mod deadline;
pub mod disclosure;
pub mod enrolment;
pub mod error;
pub mod inputs;
pub mod moderation;
pub mod orientation;
pub mod outreach;
pub mod panel;
pub mod pathway;
pub mod period;
pub mod satisfaction;
pub mod sms;
pub mod survey;
pub mod team;
pub mod workshop;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { self.0.fmt(f) }
        }
        impl From<i64> for $name {
            fn from(id: i64) -> Self { Self(id) }
        }
        impl From<$name> for i64 {
            fn from(id: $name) -> i64 { id.0 }
        }
    )*};
}
id_type!(
    AgencyId,
    StaffId,
    AllocataireId,
    SlotId,
    AppointmentId,
    WorkshopId,
    RegistrationId,
    ContractId,
    StepId,
    RequestId
);

/// Staff roles. Every staff member belongs to one agency, except the département admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Conseiller·ère / référent·e.
    Referent,
    /// Responsable d'agence.
    Manager,
    /// Administrateur·rice du département (all agencies).
    Admin,
}

impl StaffRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Referent => "referent",
            Self::Manager => "manager",
            Self::Admin => "admin",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "referent" => Some(Self::Referent),
            "manager" => Some(Self::Manager),
            "admin" => Some(Self::Admin),
            _ => None,
        }
    }
    /// The catalogue key of the role's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Referent => "auth-role-referent",
            Self::Manager => "auth-role-manager",
            Self::Admin => "auth-role-admin",
        }
    }
}

/// Who is asking. Resolved once per request from the server-side session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    Allocataire {
        id: AllocataireId,
        agency: AgencyId,
    },
    Staff {
        id: StaffId,
        role: StaffRole,
        agency: Option<AgencyId>,
    },
}

impl Actor {
    pub fn role(&self) -> authz::Role {
        match self {
            Self::Allocataire { .. } => authz::Role::Allocataire,
            Self::Staff {
                role: StaffRole::Referent,
                ..
            } => authz::Role::Referent,
            Self::Staff {
                role: StaffRole::Manager,
                ..
            } => authz::Role::Manager,
            Self::Staff {
                role: StaffRole::Admin,
                ..
            } => authz::Role::Admin,
        }
    }
    pub fn is_staff(&self) -> bool {
        matches!(self, Self::Staff { .. })
    }
    /// The staff member acting (None for an allocataire): who a change is recorded by.
    pub fn staff_id(&self) -> Option<StaffId> {
        match self {
            Self::Staff { id, .. } => Some(*id),
            Self::Allocataire { .. } => None,
        }
    }
}
