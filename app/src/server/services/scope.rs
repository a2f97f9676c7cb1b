//! Which agency and which counsellors a staff page works on.

use super::AppState;
use crate::domain::authz::{check, check_action, Action, Scope, Target};
use crate::domain::error::AppError;
use crate::domain::{Actor, AgencyId, StaffId, StaffRole};
use crate::server::store::StaffRow;
use crate::views::Counsellor;
use std::collections::HashMap;

/// The staff member asking (a staff page is never for allocataires).
pub fn staff_parts(actor: &Actor) -> Result<(StaffId, Option<AgencyId>), AppError> {
    match actor {
        Actor::Staff { id, agency, .. } => Ok((*id, *agency)),
        Actor::Allocataire { .. } => Err(AppError::Forbidden),
    }
}

/// The agency a staff page works on: the actor's own; the département admin works on the
/// agency of the counsellor asked for, else the agency they picked, else the first one.
pub async fn agency_of(
    st: &AppState,
    actor: &Actor,
    counsellor: Option<StaffId>,
) -> Result<AgencyId, AppError> {
    let (_, agency) = staff_parts(actor)?;
    let everywhere = check_action(actor, Action::ChooseAgency).is_ok();
    match (agency, counsellor) {
        (Some(a), None) => return Ok(a),
        (Some(a), Some(_)) if !everywhere => return Ok(a),
        _ => {}
    }
    if let Some(c) = counsellor {
        return st
            .store
            .staff(c)
            .await?
            .and_then(|s| s.agency_id)
            .ok_or(AppError::NotFound);
    }
    st.store
        .agencies()
        .await?
        .first()
        .map(|a| a.id)
        .ok_or(AppError::NotFound)
}

/// The agency a staff page of `action` works on (the actor's own, or the one the admin
/// chose), once the matrix allows the action there.
pub async fn working_agency(
    st: &AppState,
    actor: &Actor,
    action: Action,
) -> Result<AgencyId, AppError> {
    check_action(actor, action)?;
    let agency = agency_of(st, actor, None).await?;
    check(actor, action, Target::agency(agency))?;
    Ok(agency)
}

/// The département admin picks the agency the staff pages work on: checked by the matrix
/// and against the agencies that exist; the caller keeps the choice in the session.
pub async fn choose_agency(
    st: &AppState,
    actor: &Actor,
    asked: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<AgencyId, AppError> {
    check_action(actor, Action::ChooseAgency)?;
    let agency = st
        .store
        .agencies()
        .await?
        .into_iter()
        .find(|a| a.id.0 == asked)
        .ok_or(AppError::NotFound)?;
    super::audit(
        st,
        actor,
        Some(agency.id),
        "agency.choose",
        &format!("agency:{}", agency.id.0),
        now,
    )
    .await;
    Ok(agency.id)
}

/// The agency a département admin chose earlier (kept in the session), if it still is
/// one the matrix lets them choose.
pub fn chosen_agency(actor: Actor, chosen: Option<i64>) -> Actor {
    let may_choose = check_action(&actor, Action::ChooseAgency).is_ok();
    match (actor, chosen) {
        (Actor::Staff { id, role, .. }, Some(a)) if may_choose => Actor::Staff {
            id,
            role,
            agency: Some(AgencyId(a)),
        },
        (actor, _) => actor,
    }
}

/// The counsellors of an agency (everyone but the département admin).
pub async fn counsellors(st: &AppState, agency: AgencyId) -> Result<Vec<StaffRow>, AppError> {
    Ok(st
        .store
        .staff_of_agency(agency)
        .await?
        .into_iter()
        .filter(|s| s.role != StaffRole::Admin)
        .collect())
}

/// The counsellor picker: each counsellor with the size of their caseload.
pub async fn counsellor_list(
    st: &AppState,
    agency: AgencyId,
    staff: &[StaffRow],
) -> Result<Vec<Counsellor>, AppError> {
    let counts: HashMap<StaffId, i64> = st
        .store
        .caseload_counts(agency)
        .await?
        .into_iter()
        .collect();
    Ok(staff
        .iter()
        .map(|s| Counsellor {
            id: s.id.0,
            name: s.full_name(),
            caseload: counts.get(&s.id).copied().unwrap_or(0),
        })
        .collect())
}

/// What a staff page shows: its agency, that agency's counsellors, the counsellors
/// selected and the one picked (if any).
pub struct Selection {
    pub agency: AgencyId,
    pub staff: Vec<StaffRow>,
    pub ids: Vec<StaffId>,
    pub selected: Option<StaffId>,
}

/// Which counsellors a staff page shows: the one asked for (checked), else a referent's
/// own, else the whole agency (manager, admin).
pub async fn selection(
    st: &AppState,
    actor: &Actor,
    action: Action,
    asked: Option<i64>,
) -> Result<Selection, AppError> {
    let (me, _) = staff_parts(actor)?;
    let scope = check_action(actor, action)?;
    let asked = asked.map(StaffId);
    let agency = agency_of(st, actor, asked).await?;
    let staff = counsellors(st, agency).await?;
    let all: Vec<StaffId> = staff.iter().map(|s| s.id).collect();
    let is_referent = matches!(
        actor,
        Actor::Staff {
            role: StaffRole::Referent,
            ..
        }
    );
    let (ids, selected) = match asked {
        Some(c) => {
            check(actor, action, Target::counsellor(agency, c))?;
            if !all.contains(&c) {
                return Err(AppError::NotFound);
            }
            (vec![c], Some(c))
        }
        None if scope == Scope::Own || is_referent => (vec![me], Some(me)),
        None => {
            check(actor, action, Target::agency(agency))?;
            (all, None)
        }
    };
    Ok(Selection {
        agency,
        staff,
        ids,
        selected,
    })
}
