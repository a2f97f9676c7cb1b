//! The commune → agency table the orientation file is read with (the admin keeps it).

use super::{agencies, entry};
use crate::domain::authz::{check_action, Action};
use crate::domain::error::AppError;
use crate::domain::orientation::{key, CommuneInput};
use crate::domain::{Actor, AgencyId};
use crate::pages;
use crate::server::services::AppState;
use crate::tr;
use crate::views::{CommuneLine, CommunesView, Done};
use chrono::{DateTime, Utc};
use validator::Validate;

fn may_keep_communes(actor: &Actor) -> Result<(), AppError> {
    check_action(actor, Action::ManageCommunes).map(|_| ())
}

pub async fn communes(st: &AppState, actor: &Actor) -> Result<CommunesView, AppError> {
    may_keep_communes(actor)?;
    let agencies = agencies(st).await?;
    let mut list: Vec<(i64, String)> = agencies
        .values()
        .map(|a| (a.id.0, a.name.clone()))
        .collect();
    list.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(CommunesView {
        communes: st
            .store
            .communes()
            .await?
            .into_iter()
            .map(|c| CommuneLine {
                agency: agencies
                    .get(&c.agency_id)
                    .map(|a| a.name.clone())
                    .unwrap_or_default(),
                name: c.name,
            })
            .collect(),
        agencies: list,
    })
}

pub async fn set_commune(
    st: &AppState,
    actor: &Actor,
    input: CommuneInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    may_keep_communes(actor)?;
    input.validate()?;
    let known = agencies(st).await?;
    let Some(target) = input
        .agency_id
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| known.get(&AgencyId(id)))
    else {
        return Err(AppError::field(
            "agency_id",
            &tr!("orientation-commune-agency"),
        ));
    };
    let (agency, name) = (target.id, input.commune.trim());
    let audit = entry(
        actor,
        Some(agency),
        "orientation.commune",
        format!("commune:{}", key(name)),
    );
    st.store
        .set_commune(name, &key(name), agency, Some(&audit), now.timestamp())
        .await?;
    Ok(Done {
        notice: tr!(
            "orientation-commune-set",
            commune = name,
            agency = target.name.as_str()
        ),
        redirect: pages::COMMUNES.into(),
    })
}
