//! The files the département's information system (WebRSA) takes in: an agency's
//! rendez-vous over a period and its contract versions, as CSV with stable technical
//! column names and codes (`docs/webrsa.md` maps each column). Managers and the admin
//! export; every export is audited.

use super::scope::selection;
use super::{audit, AppState};
use crate::domain::appointment::{AppointmentReason, AppointmentStatus, Modality};
use crate::domain::authz::Action;
use crate::domain::contract::{self, ContractKind, ContractStatus, Signature};
use crate::domain::error::AppError;
use crate::domain::inputs::parse_date;
use crate::domain::Actor;
use crate::server::format;
use crate::server::spreadsheet::{csv, safe};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

/// The columns of the rendez-vous file.
pub const APPOINTMENT_COLUMNS: [&str; 10] = [
    "numero_allocataire",
    "nom",
    "prenom",
    "date_rdv",
    "heure_rdv",
    "objet",
    "statut",
    "modalite",
    "referent",
    "structure",
];

/// The columns of the contract file.
pub const CONTRACT_COLUMNS: [&str; 14] = [
    "numero_allocataire",
    "nom",
    "prenom",
    "type_contrat",
    "version",
    "statut",
    "date_debut",
    "date_fin",
    "duree_mois",
    "heures_hebdo",
    "date_signature",
    "mode_signature",
    "date_validation",
    "referent",
];

fn appointment_status(s: AppointmentStatus) -> &'static str {
    match s {
        AppointmentStatus::Booked => "prevu",
        AppointmentStatus::Attended => "honore",
        AppointmentStatus::Missed => "absent",
        AppointmentStatus::Excused => "excuse",
        AppointmentStatus::CancelledByAgency => "annule_structure",
        AppointmentStatus::CancelledByAllocataire => "annule_allocataire",
    }
}

fn reason(r: AppointmentReason) -> &'static str {
    match r {
        AppointmentReason::FirstMeeting => "premier_accueil",
        AppointmentReason::FollowUp => "suivi",
    }
}

fn modality(m: Modality) -> &'static str {
    match m {
        Modality::SurPlace => "sur_place",
        Modality::Telephone => "telephone",
        Modality::Visio => "visio",
    }
}

/// The period asked for (`debut`, `fin`: inclusive days), by default the previous calendar
/// month and this one so far. At most a year.
pub fn period(from: &str, to: &str, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let month_start = today.with_day(1).unwrap_or(today);
    let previous = (month_start - Duration::days(1))
        .with_day(1)
        .unwrap_or(month_start);
    let to = parse_date(to).unwrap_or(today);
    let from = parse_date(from).unwrap_or(previous).min(to);
    (from.max(to - Duration::days(366)), to)
}

pub async fn appointments_file(
    st: &AppState,
    actor: &Actor,
    from: &str,
    to: &str,
    now: DateTime<Utc>,
) -> Result<(String, String), AppError> {
    let sel = selection(st, actor, Action::ExportWebrsa, None).await?;
    let (from, to) = period(from, to, format::today(now));
    let agency = st
        .store
        .agency(sel.agency)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let rows = st
        .store
        .appointments_for_export(
            sel.agency,
            format::day_start(from),
            format::day_start(to + Duration::days(1)),
        )
        .await?;
    let header: Vec<String> = APPOINTMENT_COLUMNS.iter().map(|c| c.to_string()).collect();
    let text = csv(
        &header,
        rows.iter().map(|r| {
            vec![
                safe(&r.numero),
                safe(&r.last_name),
                safe(&r.first_name),
                format::day_of(r.starts_at).to_string(),
                format::paris(r.starts_at).format("%H:%M").to_string(),
                reason(r.reason).to_string(),
                appointment_status(r.status).to_string(),
                modality(r.modality).to_string(),
                safe(&r.counsellor),
                safe(&agency),
            ]
        }),
    )?;
    audit(
        st,
        actor,
        Some(sel.agency),
        "export.webrsa_rdv",
        &format!("agency:{} {from}..{to}", sel.agency),
        now,
    )
    .await;
    Ok((format!("webrsa-rdv-{}-{from}-{to}.csv", sel.agency), text))
}

pub async fn contracts_file(
    st: &AppState,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(String, String), AppError> {
    let sel = selection(st, actor, Action::ExportWebrsa, None).await?;
    let today = format::today(now);
    let rows = st.store.contracts_for_export(sel.agency).await?;
    let day = |at: Option<i64>| {
        at.map(|t| format::day_of(t).to_string())
            .unwrap_or_default()
    };
    let header: Vec<String> = CONTRACT_COLUMNS.iter().map(|c| c.to_string()).collect();
    let text = csv(
        &header,
        rows.iter().map(|r| {
            let c = &r.contract;
            vec![
                safe(&r.numero),
                safe(&r.last_name),
                safe(&r.first_name),
                match c.kind {
                    ContractKind::Cer => "cer",
                    ContractKind::Engagement => "ce",
                }
                .to_string(),
                c.version.to_string(),
                match contract::shown(c.status, c.ends_on, today) {
                    ContractStatus::Draft => "brouillon",
                    ContractStatus::Proposed => "propose",
                    ContractStatus::Signed => "signe",
                    ContractStatus::Validated => "valide",
                    ContractStatus::Replaced => "remplace",
                    ContractStatus::Expired => "expire",
                }
                .to_string(),
                c.starts_on.to_string(),
                c.ends_on.to_string(),
                c.duration_months.to_string(),
                c.weekly_hours.map(|h| h.to_string()).unwrap_or_default(),
                day(c.signed_at),
                c.signature
                    .map(|s| match s {
                        Signature::Electronic => "electronique",
                        Signature::Paper => "papier",
                    })
                    .unwrap_or_default()
                    .to_string(),
                day(c.validated_at),
                safe(r.counsellor.as_deref().unwrap_or_default()),
            ]
        }),
    )?;
    audit(
        st,
        actor,
        Some(sel.agency),
        "export.webrsa_cer",
        &format!("agency:{}", sel.agency),
        now,
    )
    .await;
    Ok((format!("webrsa-cer-{}-{today}.csv", sel.agency), text))
}

#[cfg(test)]
mod tests {
    use super::period;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn the_period_defaults_to_last_month_and_this_one_and_stays_within_a_year() {
        let today = d("2026-12-02");
        assert_eq!(period("", "", today), (d("2026-11-01"), today));
        assert_eq!(
            period("", "", d("2027-01-15")),
            (d("2026-12-01"), d("2027-01-15"))
        );
        assert_eq!(
            period("2026-10-01", "2026-10-31", today),
            (d("2026-10-01"), d("2026-10-31"))
        );
        assert_eq!(period("2020-01-01", "2026-10-31", today).0, d("2025-10-30"));
        // A start after the end is the end.
        assert_eq!(
            period("2026-12-01", "2026-11-01", today),
            (d("2026-11-01"), d("2026-11-01"))
        );
    }
}
