//! Panels and juries, recruitment: an allocataire volunteers from Mon espace after reading
//! what it means (the consent records the text's version and the date) and withdraws in
//! one tap; managers (the admin: every agency) see their volunteers, to invite them.

use super::scope_of;
use crate::domain::authz::Action;
use crate::domain::error::AppError;
use crate::domain::panel::{VolunteerInput, CONSENT_VERSION};
use crate::domain::Actor;
use crate::i18n::t;
use crate::pages;
use crate::server::format;
use crate::server::services::{audit, change, own_file, AppState};
use crate::tr;
use crate::views::{Done, MyPanelView, VolunteerLine, VolunteersView};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use validator::Validate;

pub async fn mine(st: &AppState, actor: &Actor) -> Result<MyPanelView, AppError> {
    let p = own_file(st, actor, None, Action::VolunteerForPanels).await?;
    let consent = st.store.consent_of(p.id).await?;
    Ok(MyPanelView {
        volunteer: consent.is_some(),
        since: consent.map(|c| {
            tr!(
                "panel-since",
                day = format::date(format::day_of(c.given_at)),
                version = c.version
            )
        }),
        version: CONSENT_VERSION.into(),
    })
}

pub async fn volunteer(
    st: &AppState,
    actor: &Actor,
    input: VolunteerInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let p = own_file(st, actor, None, Action::VolunteerForPanels).await?;
    input.validate()?;
    if !input.read_current() {
        return Err(AppError::Conflict(t("panel-text-changed")));
    }
    let entry = change(
        actor,
        p.agency_id,
        "panel.volunteer",
        format!("allocataire:{} version:{CONSENT_VERSION}", p.id),
    );
    let notice = if st
        .store
        .volunteer(p.id, p.agency_id, CONSENT_VERSION, &entry, now.timestamp())
        .await?
    {
        t("panel-volunteered")
    } else {
        t("panel-already")
    };
    Ok(Done {
        notice,
        redirect: pages::MY_PANEL.into(),
    })
}

pub async fn withdraw(st: &AppState, actor: &Actor, now: DateTime<Utc>) -> Result<Done, AppError> {
    let p = own_file(st, actor, None, Action::VolunteerForPanels).await?;
    let entry = change(
        actor,
        p.agency_id,
        "panel.withdraw",
        format!("allocataire:{}", p.id),
    );
    let notice = if st.store.withdraw(p.id, &entry, now.timestamp()).await? {
        t("panel-withdrawn")
    } else {
        t("panel-not-volunteer")
    };
    Ok(Done {
        notice,
        redirect: pages::MY_PANEL.into(),
    })
}

pub async fn volunteers(
    st: &AppState,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<VolunteersView, AppError> {
    let only = scope_of(actor, Action::ViewPanelVolunteers)?;
    let agencies: HashMap<_, _> = st
        .store
        .agencies()
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let lines = st
        .store
        .volunteers(only)
        .await?
        .into_iter()
        .map(|v| VolunteerLine {
            name: format!("{} {}", v.last_name.to_uppercase(), v.first_name),
            numero: v.numero,
            agency: agencies.get(&v.agency_id).cloned().unwrap_or_default(),
            since: format::date(format::day_of(v.given_at)),
            version: v.version,
        })
        .collect();
    audit(
        st,
        actor,
        only,
        "panel.volunteers.read",
        &only.map_or_else(|| "all".into(), |a| format!("agency:{a}")),
        now,
    )
    .await;
    Ok(VolunteersView { lines })
}
