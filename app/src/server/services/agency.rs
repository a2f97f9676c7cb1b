//! The agency's settings: booking rules and closure days (managers and the admin), and
//! the helpers every booking rule reads them through.

use super::scope::working_agency;
use super::{change, internal, AppState};
use crate::domain::agency::Closed;
use crate::domain::authz::Action;
use crate::domain::error::AppError;
use crate::domain::inputs::{parse_date, BookingRulesInput, ClosureInput};
use crate::domain::{agency, Actor, AgencyId};
use crate::pages;
use crate::server::format;
use crate::server::store::{AgencyRow, ClosureRow, Conflict, StoreError};
use crate::tr;
use crate::views::{AgencySettingsView, ClosureView, Done};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use validator::Validate;

/// An agency that must exist (a person's, a slot's, an appointment's).
pub async fn agency_row(st: &AppState, id: AgencyId) -> Result<AgencyRow, AppError> {
    st.store
        .agency(id)
        .await?
        .ok_or_else(|| internal("agency missing"))
}

/// The agency's closure days between two instants (seconds), both days included.
pub async fn closure_days(
    st: &AppState,
    agency: AgencyId,
    from: i64,
    to: i64,
) -> Result<Vec<NaiveDate>, AppError> {
    Ok(st
        .store
        .closures(agency, format::day_of(from), format::day_of(to))
        .await?
        .into_iter()
        .map(|c| c.day)
        .collect())
}

/// Why a day is closed, in the reader's words (None: open).
pub fn closed_label(day: NaiveDate, closures: &[ClosureRow]) -> Option<String> {
    let days: Vec<NaiveDate> = closures.iter().map(|c| c.day).collect();
    match agency::closed_on(day, &days)? {
        Closed::Holiday(h) => Some(tr!(
            "calendar-holiday",
            name = crate::i18n::t(h.label_key())
        )),
        Closed::Agency => {
            let label = closures
                .iter()
                .find(|c| c.day == day)
                .map(|c| c.label.as_str())
                .filter(|l| !l.is_empty());
            Some(match label {
                Some(l) => tr!("agency-closed-because", label = l),
                None => tr!("agency-closed"),
            })
        }
    }
}

/// The agency a settings page works on, checked for `action`.
async fn managed_agency(
    st: &AppState,
    actor: &Actor,
    action: Action,
) -> Result<AgencyRow, AppError> {
    let id = working_agency(st, actor, action).await?;
    st.store.agency(id).await?.ok_or(AppError::NotFound)
}

pub async fn settings(
    st: &AppState,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<AgencySettingsView, AppError> {
    let a = managed_agency(st, actor, Action::ManageAgency).await?;
    let today = format::today(now);
    let closures = st
        .store
        .closures(a.id, today, today + Duration::days(3 * 366))
        .await?;
    Ok(AgencySettingsView {
        agency: a.name,
        booking_cutoff_hours: a.rules.booking_cutoff_hours,
        change_cutoff_hours: a.rules.change_cutoff_hours,
        max_upcoming_online: a.rules.max_upcoming_online,
        closures: closures
            .into_iter()
            .map(|c| ClosureView {
                date: c.day.to_string(),
                day: format::date(c.day),
                label: c.label,
            })
            .collect(),
    })
}

pub async fn save_rules(
    st: &AppState,
    actor: &Actor,
    input: BookingRulesInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let a = managed_agency(st, actor, Action::ManageAgency).await?;
    input.validate()?;
    let rules = input
        .rules()
        .ok_or_else(|| AppError::BadRequest(tr!("server-request-invalid")))?;
    let entry = change(
        actor,
        a.id,
        "agency.rules",
        format!(
            "agency:{} booking:{}h change:{}h upcoming:{}",
            a.id, rules.booking_cutoff_hours, rules.change_cutoff_hours, rules.max_upcoming_online
        ),
    );
    if !st
        .store
        .save_booking_rules(a.id, rules, now.timestamp(), Some(&entry))
        .await?
    {
        return Err(AppError::NotFound);
    }
    Ok(Done {
        notice: tr!("agency-rules-saved"),
        redirect: pages::AGENCY.into(),
    })
}

pub async fn add_closure(
    st: &AppState,
    actor: &Actor,
    input: ClosureInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let a = managed_agency(st, actor, Action::ManageAgency).await?;
    input.validate()?;
    let day = parse_date(&input.date)
        .ok_or_else(|| AppError::field("date", &tr!("agenda-invalid-date")))?;
    if day < format::today(now) {
        return Err(AppError::field("date", &tr!("agency-closure-past")));
    }
    let range = (
        format::day_start(day),
        format::day_start(day + Duration::days(1)),
    );
    let entry = change(actor, a.id, "agency.closure_add", format!("day:{day}"));
    let closure = ClosureRow {
        day,
        label: input.label.trim().to_string(),
    };
    let closed = st
        .store
        .add_closure(a.id, &closure, range, now.timestamp(), Some(&entry))
        .await
        .map_err(|e| match e {
            StoreError::Conflict(Conflict::ClosureExists) => {
                AppError::field("date", &tr!("agency-closure-exists"))
            }
            other => other.into(),
        })?;
    // Rendez-vous already booked that day stay: staff call the people concerned.
    let booked = st
        .store
        .agency_appointments_between(a.id, range.0, range.1)
        .await?;
    let mut notice = tr!("agency-closure-added", day = format::date(day), n = closed);
    if booked > 0 {
        let warning = tr!("agency-closure-booked-remain", n = booked);
        notice = format!("{notice} {warning}");
    }
    Ok(Done {
        notice,
        redirect: pages::AGENCY.into(),
    })
}

pub async fn remove_closure(
    st: &AppState,
    actor: &Actor,
    date: &str,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let a = managed_agency(st, actor, Action::ManageAgency).await?;
    let day = parse_date(date).ok_or(AppError::NotFound)?;
    let entry = change(actor, a.id, "agency.closure_remove", format!("day:{day}"));
    // A day that was not (or no longer) closed: nothing changes and the answer is the same
    // (a retried post, two managers at once); only a real removal is audited.
    st.store
        .remove_closure(a.id, day, now.timestamp(), Some(&entry))
        .await?;
    Ok(Done {
        notice: tr!("agency-closure-removed", day = format::date(day)),
        redirect: pages::AGENCY.into(),
    })
}
