//! Appointments: what an allocataire sees and books (queries), and the changes both sides
//! make — book, move, cancel, record an outcome (commands).

mod commands;
mod queries;

pub use commands::*;
pub use queries::*;

use super::AppState;
use crate::domain::authz::{check, Action, Target};
use crate::domain::error::AppError;
use crate::domain::{Actor, AppointmentId};
use crate::server::store::AppointmentRow;

/// Loads an appointment and checks the actor may act on it (404 otherwise).
async fn appointment_for(
    st: &AppState,
    actor: &Actor,
    id: AppointmentId,
    action: Action,
) -> Result<AppointmentRow, AppError> {
    let a = st.store.appointment(id).await?.ok_or(AppError::NotFound)?;
    let target = match action {
        Action::ManageOwnAppointments | Action::ViewOwnFile => {
            Target::allocataire(a.agency_id, a.allocataire_id)
        }
        _ => Target {
            agency: Some(a.agency_id),
            allocataire: Some(a.allocataire_id),
            counsellor: Some(a.counsellor_id),
        },
    };
    check(actor, action, target)?;
    Ok(a)
}

fn first_meeting_done(history: &[AppointmentRow]) -> bool {
    history
        .iter()
        .any(|a| a.status == crate::domain::appointment::AppointmentStatus::Attended)
}
