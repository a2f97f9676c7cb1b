//! A session's files for staff: the list as CSV (a spreadsheet) and the attendance sheet
//! as PDF (printed, signed by hand). Both are reads of the session's list, audited.

use super::*;

/// The session's list as CSV (staff): one line per person, in the list's order, for a
/// spreadsheet. Returns (file name, contents). Cells that a spreadsheet would read as a
/// formula are quoted with a leading apostrophe.
pub async fn export_csv(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(String, String), AppError> {
    let w = staff_workshop(st, actor, id).await?;
    let people = st.store.registrations(w.id).await?;
    crate::server::services::audit(
        st,
        actor,
        Some(w.agency_id),
        "workshop.export",
        &format!("workshop:{}", w.id),
        now,
    )
    .await;
    use crate::server::spreadsheet::{csv, safe};
    let header: Vec<String> = [
        "workshop-csv-last-name",
        "workshop-csv-first-name",
        "workshop-csv-numero",
        "workshop-csv-status",
        "workshop-csv-since",
        "workshop-csv-attendance",
    ]
    .map(t)
    .to_vec();
    let text = csv(
        &header,
        people.iter().map(|r| {
            vec![
                safe(&r.last_name),
                safe(&r.first_name),
                safe(&r.numero),
                t(r.status.label_key()),
                format::short_date(format::day_of(r.created_at)),
                r.attendance.map(|a| t(a.label_key())).unwrap_or_default(),
            ]
        }),
    )?;
    let day = format::day_of(w.starts_at);
    Ok((format!("atelier-{}-{day}.csv", w.id.0), text))
}

/// The attendance sheet, to print and sign by hand: the registered people in
/// alphabetical order with a column for the signature. Returns (file name, PDF).
pub async fn attendance_sheet(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(String, Vec<u8>), AppError> {
    let w = staff_workshop(st, actor, id).await?;
    let mut people: Vec<RegistrationRow> = st
        .store
        .registrations(w.id)
        .await?
        .into_iter()
        .filter(|r| r.status == RegistrationStatus::Registered)
        .collect();
    people.sort_by_key(|r| (r.last_name.to_lowercase(), r.first_name.to_lowercase()));
    crate::server::services::audit(
        st,
        actor,
        Some(w.agency_id),
        "workshop.sheet",
        &format!("workshop:{}", w.id),
        now,
    )
    .await;
    let agency = st
        .store
        .agency(w.agency_id)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let place = if w.place.is_empty() {
        t("workshop-place-video")
    } else {
        w.place.clone()
    };
    let mut lines = vec![
        when(&w),
        tr!("workshop-card-place", place = &place),
        tr!("workshop-sheet-registered", n = people.len()),
    ];
    if !w.facilitators.is_empty() {
        lines.insert(
            2,
            tr!("workshop-card-facilitators", names = &w.facilitators),
        );
    }
    let columns = [
        (t("workshop-csv-last-name"), 3.0),
        (t("workshop-csv-first-name"), 3.0),
        (t("workshop-csv-numero"), 2.2),
        (t("workshop-sheet-signature"), 4.0),
    ];
    let rows: Vec<Vec<String>> = people
        .iter()
        .map(|r| {
            vec![
                r.last_name.to_uppercase(),
                r.first_name.clone(),
                r.numero.clone(),
                String::new(),
            ]
        })
        .collect();
    let title = tr!("workshop-sheet-title", title = &w.title);
    let footer = tr!("workshop-sheet-footer", agency = &agency);
    let bytes = crate::server::pdf::table(&crate::server::pdf::TableDocument {
        title: &title,
        lines: &lines,
        columns: &columns,
        rows: &rows,
        footer: &footer,
        row_height: 32.0,
    });
    let day = format::day_of(w.starts_at);
    Ok((format!("emargement-atelier-{}-{day}.pdf", w.id.0), bytes))
}
