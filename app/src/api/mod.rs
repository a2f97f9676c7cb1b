//! Server functions: the portal's public HTTP endpoints (under `/api`). Each one reads the
//! context, lets a service check rights and do the work, and returns its result. They
//! accept plain form posts, so every form works before (or without) the WASM.

pub mod agency;
pub mod agenda;
pub mod appointments;
pub mod auth;
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

use crate::domain::error::AppError;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => {
                AppError::BadRequest(crate::tr!("server-request-invalid"))
            }
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => {
                AppError::BadRequest(crate::tr!("server-unreachable"))
            }
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failure");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                AppError::Internal
            }
        }
    }
}

/// Paths of the server functions that forms post to, read from the server functions
/// themselves (`/api/` + their endpoint): one source for the forms, the no-JS wrapper
/// and the tests.
pub mod paths {
    use leptos::server_fn::ServerFn;

    pub const REQUEST_CODE: &str = <super::auth::RequestCode as ServerFn>::PATH;
    pub const VERIFY_CODE: &str = <super::auth::VerifyCode as ServerFn>::PATH;
    pub const ACCEPT_INVITATION: &str = <super::auth::AcceptInvitation as ServerFn>::PATH;
    pub const STAFF_SIGN_IN: &str = <super::auth::StaffSignIn as ServerFn>::PATH;
    pub const SIGN_OUT: &str = <super::auth::SignOut as ServerFn>::PATH;
    pub const CHOOSE_AGENCY: &str = <super::auth::ChooseAgency as ServerFn>::PATH;
    pub const BOOK: &str = <super::appointments::Book as ServerFn>::PATH;
    pub const MOVE: &str = <super::appointments::MoveAppointment as ServerFn>::PATH;
    pub const CANCEL: &str = <super::appointments::Cancel as ServerFn>::PATH;
    pub const OPEN_SLOTS: &str = <super::agenda::OpenSlots as ServerFn>::PATH;
    pub const CLOSE_SLOT: &str = <super::agenda::CloseSlot as ServerFn>::PATH;
    pub const ABSENCE: &str = <super::agenda::AddAbsence as ServerFn>::PATH;
    pub const OUTCOME: &str = <super::appointments::RecordOutcome as ServerFn>::PATH;
    pub const STAFF_CANCEL: &str = <super::appointments::StaffCancel as ServerFn>::PATH;
    pub const BOOK_FOR: &str = <super::appointments::BookFor as ServerFn>::PATH;
    pub const RELANCE: &str = <super::appointments::SendRelance as ServerFn>::PATH;
    pub const SAVE_RULES: &str = <super::agency::SaveRules as ServerFn>::PATH;
    pub const ADD_CLOSURE: &str = <super::agency::AddClosure as ServerFn>::PATH;
    pub const REMOVE_CLOSURE: &str = <super::agency::RemoveClosure as ServerFn>::PATH;
    pub const ENROL: &str = <super::enrolment::Enrol as ServerFn>::PATH;
    pub const ASSIGN_REFERENT: &str = <super::enrolment::AssignReferent as ServerFn>::PATH;
    pub const ADD_MEMBER: &str = <super::team::AddMember as ServerFn>::PATH;
    pub const EDIT_MEMBER: &str = <super::team::EditMember as ServerFn>::PATH;
    pub const DISABLE_MEMBER: &str = <super::team::DisableMember as ServerFn>::PATH;
    pub const ENABLE_MEMBER: &str = <super::team::EnableMember as ServerFn>::PATH;
    pub const SEND_PASSWORD_LINK: &str = <super::team::SendPasswordLink as ServerFn>::PATH;
    pub const CHOOSE_PASSWORD: &str = <super::team::ChoosePassword as ServerFn>::PATH;
    pub const CHANGE_PASSWORD: &str = <super::team::ChangePassword as ServerFn>::PATH;
    pub const JOIN_WORKSHOP: &str = <super::workshops::JoinWorkshop as ServerFn>::PATH;
    pub const LEAVE_WORKSHOP: &str = <super::workshops::LeaveWorkshop as ServerFn>::PATH;
    pub const CONFIRM_WORKSHOP: &str = <super::workshops::ConfirmWorkshop as ServerFn>::PATH;
    pub const CREATE_WORKSHOP: &str = <super::workshops::CreateWorkshop as ServerFn>::PATH;
    pub const EDIT_WORKSHOP: &str = <super::workshops::EditWorkshop as ServerFn>::PATH;
    pub const INVITE_WORKSHOP: &str = <super::workshops::InviteToWorkshop as ServerFn>::PATH;
    pub const ADD_THEME: &str = <super::workshops::AddWorkshopTheme as ServerFn>::PATH;
    pub const ARCHIVE_THEME: &str = <super::workshops::ArchiveWorkshopTheme as ServerFn>::PATH;
    pub const WORKSHOP_CAPACITY: &str = <super::workshops::SetWorkshopCapacity as ServerFn>::PATH;
    pub const CANCEL_WORKSHOP: &str = <super::workshops::CancelWorkshop as ServerFn>::PATH;
    pub const ATTENDANCE: &str = <super::workshops::SignAttendance as ServerFn>::PATH;
    pub const SAVE_WISHES: &str = <super::pathways::SaveWishes as ServerFn>::PATH;
    pub const SIGN_CONTRACT: &str = <super::pathways::SignContract as ServerFn>::PATH;
    pub const CONTRACT_CHANGE: &str = <super::pathways::RequestContractChange as ServerFn>::PATH;
    pub const SAVE_STEP: &str = <super::pathways::SaveStep as ServerFn>::PATH;
    pub const CONTRACT_DRAFT: &str = <super::pathways::SaveContractDraft as ServerFn>::PATH;
    pub const PROPOSE_CONTRACT: &str = <super::pathways::ProposeContract as ServerFn>::PATH;
    pub const PAPER_SIGNATURE: &str = <super::pathways::RecordPaperSignature as ServerFn>::PATH;
    pub const VALIDATE_CONTRACT: &str = <super::pathways::ValidateContract as ServerFn>::PATH;
    pub const RENEW_PATHWAY: &str = <super::pathways::RenewPathway as ServerFn>::PATH;
    pub const CLOSE_PATHWAY: &str = <super::pathways::ClosePathway as ServerFn>::PATH;
    pub const LOG_CONTACT: &str = <super::outreach::LogContact as ServerFn>::PATH;
    pub const GROUP_MESSAGE: &str = <super::outreach::GroupMessage as ServerFn>::PATH;
    pub const ASK_CHANGE: &str = <super::pathways::AskChange as ServerFn>::PATH;
    pub const ANSWER_REQUEST: &str = <super::pathways::AnswerRequest as ServerFn>::PATH;
    pub const APPLY_ORIENTATION: &str = <super::orientation::ApplyOrientation as ServerFn>::PATH;
    pub const SET_COMMUNE: &str = <super::orientation::SetCommune as ServerFn>::PATH;
    pub const ANSWER_LINK: &str = <super::voice::AnswerLink as ServerFn>::PATH;
    pub const ANSWER_MINE: &str = <super::voice::AnswerMine as ServerFn>::PATH;
    pub const MODERATE: &str = <super::voice::Decide as ServerFn>::PATH;
    pub const VOLUNTEER: &str = <super::voice::Volunteer as ServerFn>::PATH;
    pub const WITHDRAW_PANELS: &str = <super::voice::WithdrawFromPanels as ServerFn>::PATH;
    pub const CREATE_SURVEY: &str = <super::surveys::CreateSurvey as ServerFn>::PATH;
    pub const EDIT_SURVEY: &str = <super::surveys::EditSurvey as ServerFn>::PATH;
    pub const ADD_QUESTION: &str = <super::surveys::AddSurveyQuestion as ServerFn>::PATH;
    pub const EDIT_QUESTION: &str = <super::surveys::EditSurveyQuestion as ServerFn>::PATH;
    pub const REMOVE_QUESTION: &str = <super::surveys::RemoveSurveyQuestion as ServerFn>::PATH;
    pub const PUBLISH_SURVEY: &str = <super::surveys::PublishSurvey as ServerFn>::PATH;
    pub const CLOSE_SURVEY: &str = <super::surveys::CloseSurvey as ServerFn>::PATH;
    pub const SEND_SURVEY: &str = <super::surveys::SendSurvey as ServerFn>::PATH;
    /// A survey section's answers (a server route: the fields are the survey's questions).
    pub const SURVEY_SECTION: &str = "/api/espace/questionnaires/partie";
}
