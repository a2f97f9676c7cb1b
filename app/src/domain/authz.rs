//! The authorisation matrix: role × action → scope. The only place that says who may do
//! what; every server function and route asks it through `check`, and a test walks it.
//!
//! A refusal on a *record* answers `NotFound` (the record is not disclosed); a refusal on
//! an *action* the role may never take answers `Forbidden`.

use super::{error::AppError, Actor, AgencyId, AllocataireId, StaffId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Allocataire,
    Referent,
    Manager,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Allocataire,
        Role::Referent,
        Role::Manager,
        Role::Admin,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// "Mon espace", my appointments, my calendar files.
    ViewOwnFile,
    /// Book, move, cancel my own appointments.
    ManageOwnAppointments,
    /// Read an agenda (appointments and slots) of a counsellor.
    ViewAgenda,
    /// Open, close slots, recurring hours and absences of a counsellor.
    ManageSlots,
    /// Read an allocataire's file (caseload, next appointment, deadline).
    ViewAllocataire,
    /// Book or cancel on behalf of an allocataire (over the phone).
    BookForAllocataire,
    /// Record the outcome of an appointment.
    RecordOutcome,
    /// Read the messages sent ("Messages envoyés").
    ViewOutbox,
    /// Pick the agency the staff pages work on (the département's admin).
    ChooseAgency,
    /// Set the agency's booking rules and closure days.
    ManageAgency,
    /// Read the agency's audit trail (who read or changed which file, when).
    ReadAuditTrail,
    /// Create, edit, disable the agency's staff accounts and send them password links.
    ManageStaff,
    /// Change one's own password (staff).
    ChangeOwnPassword,
    /// Enrol a person by hand (before the monthly orientation file).
    EnrolAllocataire,
    /// Choose or change a person's référent.
    AssignReferent,
    /// See the workshops open to me, register, leave, take an offered seat.
    JoinWorkshops,
    /// Create and run the agency's workshops: capacity, attendance, cancellation.
    ManageWorkshops,
    /// Keep the département's list of workshop themes (add, archive).
    ManageThemes,
    /// My parcours and contract: say what I wish, sign or ask for a change.
    ManageOwnContract,
    /// Follow a parcours: steps, contract drafts and proposals, paper signatures, exit.
    ManagePathway,
    /// Validate a signed contract (the département).
    ValidateContract,
    /// Export the agency's rendez-vous and contracts for WebRSA.
    ExportWebrsa,
    /// Import the monthly orientation file (the agency's rows; the admin: every agency).
    ImportOrientations,
    /// Keep the commune → agency table (the département).
    ManageCommunes,
    /// Answer the satisfaction question about my own rendez-vous and workshops.
    GiveFeedback,
    /// Approve, mask or reject the texts the people supported write.
    ModerateTexts,
    /// Read the satisfaction results (small cells suppressed, moderated comments only).
    ViewFeedbackResults,
    /// Volunteer for the panels and juries, or withdraw.
    VolunteerForPanels,
    /// See who volunteered for the panels (to invite them).
    ViewPanelVolunteers,
    /// Build, publish and close surveys, read their results.
    ManageSurveys,
    /// Answer the surveys I am invited to.
    AnswerSurveys,
}

impl Action {
    pub const ALL: [Action; 31] = [
        Action::ViewOwnFile,
        Action::ManageOwnAppointments,
        Action::ViewAgenda,
        Action::ManageSlots,
        Action::ViewAllocataire,
        Action::BookForAllocataire,
        Action::RecordOutcome,
        Action::ViewOutbox,
        Action::ChooseAgency,
        Action::ManageAgency,
        Action::ReadAuditTrail,
        Action::ManageStaff,
        Action::ChangeOwnPassword,
        Action::EnrolAllocataire,
        Action::AssignReferent,
        Action::JoinWorkshops,
        Action::ManageWorkshops,
        Action::ManageThemes,
        Action::ManageOwnContract,
        Action::ManagePathway,
        Action::ValidateContract,
        Action::ExportWebrsa,
        Action::ImportOrientations,
        Action::ManageCommunes,
        Action::GiveFeedback,
        Action::ModerateTexts,
        Action::ViewFeedbackResults,
        Action::VolunteerForPanels,
        Action::ViewPanelVolunteers,
        Action::ManageSurveys,
        Action::AnswerSurveys,
    ];
}

/// How far a permission reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// Only records about the actor themself (their own file, their own agenda).
    Own,
    /// Records of the actor's agency.
    Agency,
    /// Every agency.
    All,
}

/// The matrix. `None`: never.
pub const fn scope(role: Role, action: Action) -> Option<Scope> {
    use Action::*;
    use Role::*;
    match (role, action) {
        (
            Allocataire,
            ViewOwnFile
            | ManageOwnAppointments
            | JoinWorkshops
            | ManageOwnContract
            | GiveFeedback
            | VolunteerForPanels
            | AnswerSurveys,
        ) => Some(Scope::Own),
        (Allocataire, _) => None,
        (
            Referent | Manager | Admin,
            ViewOwnFile
            | ManageOwnAppointments
            | JoinWorkshops
            | ManageOwnContract
            | GiveFeedback
            | VolunteerForPanels
            | AnswerSurveys,
        ) => None,
        (Referent | Manager | Admin, ChangeOwnPassword) => Some(Scope::Own),
        (Referent | Manager, ChooseAgency | ManageThemes | ValidateContract | ManageCommunes) => {
            None
        }
        (Referent, ManageSlots) => Some(Scope::Own),
        (Referent, ViewAgenda | ViewAllocataire | BookForAllocataire | RecordOutcome) => {
            Some(Scope::Agency)
        }
        (
            Referent,
            ViewOutbox | EnrolAllocataire | AssignReferent | ManageWorkshops | ManagePathway
            | ViewFeedbackResults,
        ) => Some(Scope::Agency),
        (
            Referent,
            ManageAgency | ReadAuditTrail | ManageStaff | ExportWebrsa | ImportOrientations
            | ModerateTexts | ViewPanelVolunteers | ManageSurveys,
        ) => None,
        (Manager, _) => Some(Scope::Agency),
        (Admin, _) => Some(Scope::All),
    }
}

/// The record an action touches, as far as authorisation cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Target {
    pub agency: Option<AgencyId>,
    pub allocataire: Option<AllocataireId>,
    pub counsellor: Option<StaffId>,
}

impl Target {
    pub fn agency(agency: AgencyId) -> Self {
        Self {
            agency: Some(agency),
            ..Self::default()
        }
    }
    pub fn allocataire(agency: AgencyId, allocataire: AllocataireId) -> Self {
        Self {
            agency: Some(agency),
            allocataire: Some(allocataire),
            counsellor: None,
        }
    }
    pub fn counsellor(agency: AgencyId, counsellor: StaffId) -> Self {
        Self {
            agency: Some(agency),
            allocataire: None,
            counsellor: Some(counsellor),
        }
    }
}

/// May this role take this action at all? (`Forbidden` otherwise.)
pub fn check_action(actor: &Actor, action: Action) -> Result<Scope, AppError> {
    scope(actor.role(), action).ok_or(AppError::Forbidden)
}

/// May this actor take this action on this record? Refusals on records are `NotFound`.
pub fn check(actor: &Actor, action: Action, target: Target) -> Result<(), AppError> {
    let scope = check_action(actor, action)?;
    let allowed = match (scope, actor) {
        (Scope::All, _) => true,
        (Scope::Own, Actor::Allocataire { id, agency }) => {
            target.allocataire == Some(*id) && target.agency.is_none_or(|a| a == *agency)
        }
        (Scope::Own, Actor::Staff { id, agency, .. }) => {
            target.counsellor == Some(*id) && target.agency.is_some() && target.agency == *agency
        }
        (
            Scope::Agency,
            Actor::Staff {
                agency: Some(agency),
                ..
            },
        ) => target.agency == Some(*agency),
        (Scope::Agency, _) => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::StaffRole;

    const A1: AgencyId = AgencyId(1);
    const A2: AgencyId = AgencyId(2);

    fn referent(id: i64, agency: AgencyId) -> Actor {
        Actor::Staff {
            id: StaffId(id),
            role: StaffRole::Referent,
            agency: Some(agency),
        }
    }

    #[test]
    fn an_allocataire_reaches_only_their_own_file() {
        let me = Actor::Allocataire {
            id: AllocataireId(7),
            agency: A1,
        };
        assert!(check(
            &me,
            Action::ViewOwnFile,
            Target::allocataire(A1, AllocataireId(7))
        )
        .is_ok());
        assert_eq!(
            check(
                &me,
                Action::ViewOwnFile,
                Target::allocataire(A1, AllocataireId(8))
            ),
            Err(AppError::NotFound)
        );
        assert_eq!(
            check(&me, Action::ViewAgenda, Target::agency(A1)),
            Err(AppError::Forbidden)
        );
    }

    #[test]
    fn staff_never_see_another_agencys_records() {
        for role in [StaffRole::Referent, StaffRole::Manager] {
            let staff = Actor::Staff {
                id: StaffId(1),
                role,
                agency: Some(A1),
            };
            assert!(check(
                &staff,
                Action::ViewAllocataire,
                Target::allocataire(A1, AllocataireId(1))
            )
            .is_ok());
            assert_eq!(
                check(
                    &staff,
                    Action::ViewAllocataire,
                    Target::allocataire(A2, AllocataireId(2))
                ),
                Err(AppError::NotFound)
            );
        }
    }

    #[test]
    fn a_referent_manages_only_their_own_slots_but_a_manager_the_agencys() {
        let me = referent(1, A1);
        assert!(check(&me, Action::ManageSlots, Target::counsellor(A1, StaffId(1))).is_ok());
        assert_eq!(
            check(&me, Action::ManageSlots, Target::counsellor(A1, StaffId(2))),
            Err(AppError::NotFound)
        );
        let manager = Actor::Staff {
            id: StaffId(9),
            role: StaffRole::Manager,
            agency: Some(A1),
        };
        assert!(check(
            &manager,
            Action::ManageSlots,
            Target::counsellor(A1, StaffId(2))
        )
        .is_ok());
        assert_eq!(
            check(
                &manager,
                Action::ManageSlots,
                Target::counsellor(A2, StaffId(3))
            ),
            Err(AppError::NotFound)
        );
    }

    #[test]
    fn the_admin_reaches_every_agency_but_not_an_allocataires_own_actions() {
        let admin = Actor::Staff {
            id: StaffId(1),
            role: StaffRole::Admin,
            agency: None,
        };
        assert!(check(&admin, Action::ViewAgenda, Target::agency(A2)).is_ok());
        assert_eq!(
            check_action(&admin, Action::ManageOwnAppointments),
            Err(AppError::Forbidden)
        );
        // Only the admin picks the agency the staff pages work on.
        assert_eq!(check_action(&admin, Action::ChooseAgency), Ok(Scope::All));
        for role in [StaffRole::Referent, StaffRole::Manager] {
            let staff = Actor::Staff {
                id: StaffId(2),
                role,
                agency: Some(A2),
            };
            assert_eq!(
                check_action(&staff, Action::ChooseAgency),
                Err(AppError::Forbidden)
            );
        }
    }

    #[test]
    fn every_role_and_action_has_a_decision() {
        // The matrix is total: a new action must be placed for every role.
        let granted = Role::ALL
            .iter()
            .flat_map(|r| Action::ALL.iter().map(move |a| scope(*r, *a)))
            .filter(Option::is_some)
            .count();
        assert_eq!(granted, 7 + 12 + 20 + 24);
    }

    #[test]
    fn managers_build_surveys_for_their_agency_the_admin_for_all_allocataires_answer() {
        use Role::*;
        assert_eq!(scope(Allocataire, Action::ManageSurveys), None);
        assert_eq!(scope(Referent, Action::ManageSurveys), None);
        assert_eq!(scope(Manager, Action::ManageSurveys), Some(Scope::Agency));
        assert_eq!(scope(Admin, Action::ManageSurveys), Some(Scope::All));
        assert_eq!(scope(Allocataire, Action::AnswerSurveys), Some(Scope::Own));
        assert_eq!(scope(Manager, Action::AnswerSurveys), None);
    }

    #[test]
    fn managers_moderate_their_agency_staff_read_results_only_allocataires_answer() {
        use Role::*;
        assert_eq!(scope(Allocataire, Action::GiveFeedback), Some(Scope::Own));
        assert_eq!(scope(Referent, Action::GiveFeedback), None);
        assert_eq!(scope(Allocataire, Action::ModerateTexts), None);
        assert_eq!(scope(Referent, Action::ModerateTexts), None);
        assert_eq!(scope(Manager, Action::ModerateTexts), Some(Scope::Agency));
        assert_eq!(scope(Admin, Action::ModerateTexts), Some(Scope::All));
        assert_eq!(scope(Allocataire, Action::ViewFeedbackResults), None);
        assert_eq!(
            scope(Referent, Action::ViewFeedbackResults),
            Some(Scope::Agency)
        );
    }

    #[test]
    fn managers_import_their_agencys_orientations_and_only_the_admin_keeps_the_communes() {
        assert_eq!(
            scope(Role::Manager, Action::ImportOrientations),
            Some(Scope::Agency)
        );
        assert_eq!(
            scope(Role::Admin, Action::ImportOrientations),
            Some(Scope::All)
        );
        assert_eq!(scope(Role::Referent, Action::ImportOrientations), None);
        assert_eq!(scope(Role::Admin, Action::ManageCommunes), Some(Scope::All));
        assert_eq!(scope(Role::Manager, Action::ManageCommunes), None);
        assert_eq!(scope(Role::Allocataire, Action::ImportOrientations), None);
    }

    #[test]
    fn only_a_manager_or_the_admin_sets_the_agency_and_reads_its_trail() {
        let manager = Actor::Staff {
            id: StaffId(9),
            role: StaffRole::Manager,
            agency: Some(A1),
        };
        for action in [Action::ManageAgency, Action::ReadAuditTrail] {
            assert_eq!(
                check_action(&referent(1, A1), action),
                Err(AppError::Forbidden)
            );
            assert!(check(&manager, action, Target::agency(A1)).is_ok());
            assert_eq!(
                check(&manager, action, Target::agency(A2)),
                Err(AppError::NotFound)
            );
        }
    }
}
