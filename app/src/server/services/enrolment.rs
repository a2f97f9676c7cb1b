//! Staff enrol a person by hand (before the monthly orientation file) and choose or
//! change their référent; the file shows who followed them, and since when.

use super::scope::{counsellors, working_agency};
use super::{allocataire_for, change, AppState, Names};
use crate::domain::authz::Action;
use crate::domain::enrolment::AllocataireInput;
use crate::domain::error::AppError;
use crate::domain::inputs::parse_date;
use crate::domain::{Actor, AgencyId, AllocataireId, StaffId};
use crate::pages;
use crate::server::format;
use crate::server::store::{AllocataireRow, Conflict, Principal, StoreError};
use crate::tr;
use crate::views::{Done, EnrolView, ReferentLine};
use chrono::{DateTime, Utc};
use validator::Validate;

/// A référent for a person of `agency`: one of its counsellors (None: nobody yet).
async fn referent_in(
    st: &AppState,
    agency: AgencyId,
    asked: Option<i64>,
) -> Result<Option<StaffId>, AppError> {
    let Some(id) = asked else { return Ok(None) };
    counsellors(st, agency)
        .await?
        .iter()
        .find(|s| s.id.0 == id)
        .map(|s| Some(s.id))
        .ok_or_else(|| AppError::field("counsellor_id", &tr!("enrol-referent-unknown")))
}

/// The form to enrol someone: the agency's counsellors to choose a référent from.
pub async fn form(st: &AppState, actor: &Actor) -> Result<EnrolView, AppError> {
    let agency = working_agency(st, actor, Action::EnrolAllocataire).await?;
    Ok(EnrolView {
        counsellors: counsellors(st, agency)
            .await?
            .iter()
            .map(|s| (s.id.0, s.full_name()))
            .collect(),
    })
}

pub async fn enrol(
    st: &AppState,
    actor: &Actor,
    input: AllocataireInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let agency = working_agency(st, actor, Action::EnrolAllocataire).await?;
    input.validate()?;
    let orientation = parse_date(&input.orientation_date)
        .ok_or_else(|| AppError::field("orientation_date", &tr!("agenda-invalid-date")))?;
    if orientation > format::today(now) {
        return Err(AppError::field(
            "orientation_date",
            &tr!("enrol-orientation-future"),
        ));
    }
    let counsellor = referent_in(st, agency, input.counsellor()).await?;
    let person = AllocataireRow {
        id: AllocataireId(0),
        agency_id: agency,
        counsellor_id: counsellor,
        numero: input.numero.trim().into(),
        first_name: input.first_name.trim().into(),
        last_name: input.last_name.trim().into(),
        phone: input.phone(),
        email: input.email(),
        orientation_date: orientation,
        disabled: false,
        session_epoch: 0,
    };
    let who = Principal::from(actor).to_string();
    let entry = change(actor, agency, "allocataire.enrol", String::new());
    let id = st
        .store
        .enrol(&person, &who, now.timestamp(), Some(&entry))
        .await
        .map_err(|e| match e {
            StoreError::Conflict(Conflict::NumeroTaken) => {
                AppError::field("numero", &tr!("enrol-numero-taken"))
            }
            other => other.into(),
        })?;
    Ok(Done {
        notice: tr!("enrol-done", name = person.full_name()),
        redirect: pages::file(id.0),
    })
}

pub async fn assign(
    st: &AppState,
    actor: &Actor,
    allocataire: i64,
    counsellor: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let p = allocataire_for(
        st,
        actor,
        AllocataireId(allocataire),
        Action::AssignReferent,
    )
    .await?;
    let counsellor = referent_in(st, p.agency_id, counsellor).await?;
    if counsellor == p.counsellor_id {
        return Ok(Done {
            notice: tr!("enrol-referent-same"),
            redirect: pages::file(allocataire),
        });
    }
    let who = Principal::from(actor).to_string();
    let entry = change(
        actor,
        p.agency_id,
        "allocataire.referent",
        format!(
            "allocataire:{} staff:{}",
            p.id,
            counsellor.map_or_else(|| "-".to_string(), |c| c.to_string())
        ),
    );
    if !st
        .store
        .assign_referent(p.id, counsellor, &who, now.timestamp(), Some(&entry))
        .await?
    {
        return Err(AppError::NotFound);
    }
    Ok(Done {
        notice: tr!("enrol-referent-changed", name = p.full_name()),
        redirect: pages::file(allocataire),
    })
}

/// The référents of a file, newest first, in words.
pub async fn referent_lines(
    st: &AppState,
    p: &AllocataireRow,
    names: &Names,
) -> Result<Vec<ReferentLine>, AppError> {
    Ok(st
        .store
        .referent_history(p.id)
        .await?
        .into_iter()
        .map(|r| ReferentLine {
            counsellor: r
                .counsellor_id
                .and_then(|c| names.get(c))
                .map_or_else(|| tr!("caseload-unassigned"), str::to_string),
            since: format::date(format::day_of(r.at)),
        })
        .collect())
}
