//! The file active (caseload) and an allocataire's file, for staff.

use super::appointments::choices_for;
use super::present::{appointment_view, staff_notes};
use super::scope::{counsellor_list, selection};
use super::{allocataire_for, audit, AppState, Names};
use crate::domain::agency;
use crate::domain::authz::Action;
use crate::domain::deadline::{self, DeadlineFlag};
use crate::domain::error::AppError;
use crate::domain::{Actor, AllocataireId};
use crate::server::format;
use crate::server::store::{CaseloadFilter, CaseloadQuery, CaseloadRow, CaseloadSort};
use crate::tr;
use crate::views::{
    AppointmentView, CaseloadLine, CaseloadParams, CaseloadView, FileView, SlotPaging,
};
use chrono::{DateTime, NaiveDate, Utc};

/// One line of the file active. `closures`: the agency's closure days in the next weeks
/// (the 15-day clock counts working days: weekends, public holidays and closures skipped).
fn caseload_line(
    row: &CaseloadRow,
    names: &Names,
    today: NaiveDate,
    closures: &[NaiveDate],
) -> CaseloadLine {
    let r = &row.person;
    let orientation = r.orientation_date;
    let flag = deadline::first_meeting_flag(orientation, row.attended_count > 0, today);
    CaseloadLine {
        id: r.id.0,
        name: format!("{} {}", r.last_name.to_uppercase(), r.first_name),
        numero: r.numero.clone(),
        counsellor: r
            .counsellor_id
            .and_then(|c| names.get(c))
            .map_or_else(|| tr!("caseload-unassigned"), str::to_string),
        // Staff tables: short dates (27/09/2026), on one line.
        orientation: format::short_date(orientation),
        deadline: format::short_date(deadline::first_meeting_deadline(orientation)),
        flag: match flag {
            DeadlineFlag::Late => "late",
            DeadlineFlag::DueSoon => "due_soon",
            DeadlineFlag::OnTrack => "on_track",
            DeadlineFlag::Met => "met",
        }
        .into(),
        flag_label: match flag {
            // The clock in working days: weekends and public holidays do not count.
            DeadlineFlag::DueSoon | DeadlineFlag::OnTrack => tr!(
                "caseload-flag-working-days",
                flag = crate::i18n::t(flag.label_key()),
                n = agency::working_days_left(
                    today,
                    deadline::first_meeting_deadline(orientation),
                    closures
                )
            ),
            _ => crate::i18n::t(flag.label_key()),
        },
        next: row.next_appointment_at.map(|at| {
            format!(
                "{} {}",
                format::short_date(format::day_of(at)),
                format::time(at)
            )
        }),
    }
}

/// The closure days the 15-day clock may meet from today.
async fn clock_closures(
    st: &AppState,
    agency: crate::domain::AgencyId,
    today: NaiveDate,
) -> Result<Vec<NaiveDate>, AppError> {
    let horizon = today + chrono::Duration::days(deadline::FIRST_MEETING_DAYS + 1);
    Ok(st
        .store
        .closures(agency, today, horizon)
        .await?
        .into_iter()
        .map(|c| c.day)
        .collect())
}

/// People per page of the file active.
pub const PER_PAGE: i64 = 50;

/// The file active: a page of it, searched by name, numéro or phone, filtered (late, due
/// soon, no référent) and sorted (deadline or name) by the database.
pub async fn caseload(
    st: &AppState,
    actor: &Actor,
    counsellor: Option<i64>,
    query: CaseloadParams,
    now: DateTime<Utc>,
) -> Result<CaseloadView, AppError> {
    // A referent sees their own file active by default; a manager the agency's.
    let sel = selection(st, actor, Action::ViewAllocataire, counsellor).await?;
    let names: Names = sel.staff.iter().collect();
    let today = format::today(now);
    let deadline_of_today = today - chrono::Duration::days(deadline::FIRST_MEETING_DAYS);
    // Control characters (a NUL byte…) are no part of a name or a number.
    let search: String = query.search.chars().filter(|c| !c.is_control()).collect();
    let search = Some(search.trim().to_string()).filter(|s| !s.is_empty());
    let filter = match query.filter.as_str() {
        "retard" => CaseloadFilter::Late,
        "bientot" => CaseloadFilter::DueSoon,
        "sans-referent" => CaseloadFilter::Unassigned,
        _ => CaseloadFilter::All,
    };
    let sort = match query.sort.as_str() {
        "nom" => CaseloadSort::Name,
        _ => CaseloadSort::Deadline,
    };
    let page = st
        .store
        .caseload_page(&CaseloadQuery {
            agency: sel.agency,
            counsellor: sel.selected,
            search: search.clone(),
            filter,
            sort,
            late_before: deadline_of_today,
            due_until: deadline_of_today + chrono::Duration::days(deadline::DUE_SOON_DAYS),
            now: now.timestamp(),
            limit: PER_PAGE,
            offset: i64::from(query.page) * PER_PAGE,
        })
        .await?;
    let closures = clock_closures(st, sel.agency, today).await?;
    let lines: Vec<CaseloadLine> = page
        .rows
        .iter()
        .map(|r| caseload_line(r, &names, today, &closures))
        .collect();
    audit(
        st,
        actor,
        Some(sel.agency),
        "caseload.read",
        &format!("agency:{}", sel.agency),
        now,
    )
    .await;
    let pages = u32::try_from((page.total + PER_PAGE - 1) / PER_PAGE).unwrap_or(u32::MAX);
    Ok(CaseloadView {
        late: page.late,
        due_soon: page.due_soon,
        unassigned: page.unassigned,
        total: page.total,
        counsellors: counsellor_list(st, sel.agency, &sel.staff).await?,
        selected: sel.selected.map(|s| s.0),
        lines,
        query: CaseloadParams {
            search: search.unwrap_or_default(),
            filter: match filter {
                CaseloadFilter::All => "",
                CaseloadFilter::Late => "retard",
                CaseloadFilter::DueSoon => "bientot",
                CaseloadFilter::Unassigned => "sans-referent",
            }
            .into(),
            sort: if sort == CaseloadSort::Name {
                "nom"
            } else {
                ""
            }
            .into(),
            page: query.page.min(pages.saturating_sub(1)),
        },
        pages,
    })
}

pub async fn allocataire_file(
    st: &AppState,
    actor: &Actor,
    id: i64,
    paging: SlotPaging,
    now: DateTime<Utc>,
) -> Result<FileView, AppError> {
    let p = allocataire_for(st, actor, AllocataireId(id), Action::ViewAllocataire).await?;
    let staff = super::scope::counsellors(st, p.agency_id).await?;
    let names: Names = staff.iter().collect();
    let row = st
        .store
        .caseload_row(p.id, now.timestamp())
        .await?
        .ok_or(AppError::NotFound)?;
    let who = p.full_name();
    let appointments = st
        .store
        .appointments_of(p.id)
        .await?
        .iter()
        .map(|a| AppointmentView {
            notes: staff_notes(a),
            ..appointment_view(a, names.of(a.counsellor_id), &who, None, now)
        })
        .collect();
    let contact = [p.phone.clone(), p.email.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    audit(
        st,
        actor,
        Some(p.agency_id),
        "allocataire.read",
        &format!("allocataire:{id}"),
        now,
    )
    .await;
    let may_assign = crate::domain::authz::check(
        actor,
        Action::AssignReferent,
        crate::domain::authz::Target::allocataire(p.agency_id, p.id),
    )
    .is_ok();
    let suggestion = if may_assign {
        let ids: Vec<_> = staff.iter().map(|s| s.id).collect();
        let counts = st.store.caseload_counts(p.agency_id).await?;
        crate::domain::enrolment::suggest_referent(&ids, &counts, p.counsellor_id).map(|(c, n)| {
            tr!(
                "enrol-referent-suggestion",
                name = names.of(c),
                n = n,
                target = crate::domain::enrolment::CASELOAD_TARGET
            )
        })
    } else {
        None
    };
    Ok(FileView {
        line: caseload_line(
            &row,
            &names,
            format::today(now),
            &clock_closures(st, p.agency_id, format::today(now)).await?,
        ),
        contact,
        referents: super::enrolment::referent_lines(st, &p, &names).await?,
        counsellors: if may_assign {
            staff.iter().map(|s| (s.id.0, s.full_name())).collect()
        } else {
            Vec::new()
        },
        counsellor_id: p.counsellor_id.map(|c| c.0),
        suggestion,
        appointments,
        choices: choices_for(st, &p, None, true, paging, now).await?,
    })
}
