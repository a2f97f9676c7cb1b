//! The WebRSA export (issue 7): an agency's rendez-vous and contract versions as CSV with
//! their documented columns and codes, for managers and the admin only, never another
//! agency's people — on SQLite and PostgreSQL.

use crate::common::Db;
use reqwest::StatusCode;

async fn the_webrsa_files_hold_the_agencys_rendez_vous_and_contracts(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let person = app.allocataire(f.people1[0]).await;
    app.book(&person, f.slots1[3], "telephone", "export-rdv-01")
        .await;
    let other = app.allocataire(f.person2).await;
    app.book(&other, f.slots3[3], "sur_place", "export-rdv-02")
        .await;
    // A contract of person 0, signed; a draft of person 1 (never exported).
    let (p0, p1) = (f.people1[0], f.people1[1]);
    let now = chrono::Utc::now().timestamp();
    app.sql(&format!(
        "INSERT INTO contracts (allocataire_id, version, kind, status, objectives, person_commitments, agency_commitments, planned_actions, duration_months, starts_on, ends_on, weekly_hours, created_at, updated_at, proposed_at, signed_at, signature) VALUES \
         ({p0}, 1, 'ce', 'signe', 'Objectif', 'Engagements', 'Engagements', '', 6, '2026-11-02', '2027-05-01', 15, {now}, {now}, {now}, {now}, 'papier'), \
         ({p1}, 1, 'cer', 'brouillon', 'Objectif', 'Engagements', 'Engagements', '', 12, '2026-11-02', '2027-11-01', NULL, {now}, {now}, NULL, NULL, NULL)"
    ))
    .await;
    let get = |c: reqwest::Client, path: String| {
        let app = &app;
        async move {
            let res = c.get(app.url(&path)).send().await.expect("export");
            let status = res.status();
            let kind = res
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap_or_default().to_string())
                .unwrap_or_default();
            (status, kind, res.text().await.expect("body"))
        }
    };
    let manager = app.staff("manager1@test.fr").await;
    // The booked rendez-vous are ahead: the period runs to next month.
    let until =
        (app::server::format::today(chrono::Utc::now()) + chrono::Duration::days(40)).to_string();
    let rdv_path = format!("/pro/export/webrsa-rdv.csv?fin={until}");
    let (status, kind, rdv) = get(manager.clone(), rdv_path.clone()).await;
    assert_eq!(status, StatusCode::OK, "{rdv}");
    assert!(kind.starts_with("text/csv"), "{kind}");
    let lines: Vec<&str> = rdv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "numero_allocataire;nom;prenom;date_rdv;heure_rdv;objet;statut;modalite;referent;structure"
    );
    assert_eq!(lines.len(), 2, "agency 1's one rendez-vous: {rdv}");
    let cells: Vec<&str> = lines[1].split(';').collect();
    assert_eq!(cells[6], "prevu");
    assert_eq!(cells[7], "telephone");
    assert_eq!(cells[9], "ALI Test 1");
    let (status, _, cer) = get(manager.clone(), "/pro/export/webrsa-cer.csv".into()).await;
    assert_eq!(status, StatusCode::OK);
    let lines: Vec<&str> = cer.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 2, "the signed contract, not the draft: {cer}");
    let cells: Vec<&str> = lines[1].split(';').collect();
    assert_eq!(
        &cells[3..10],
        ["ce", "1", "signe", "2026-11-02", "2027-05-01", "6", "15"]
    );
    assert_eq!(cells[11], "papier");
    // A référent does not export; another agency's manager gets only their agency's.
    let c1 = app.staff("c1@test.fr").await;
    assert_eq!(get(c1, rdv_path.clone()).await.0, StatusCode::FORBIDDEN);
    let manager2 = app.staff("manager2@test.fr").await;
    let (_, _, theirs) = get(manager2, "/pro/export/webrsa-cer.csv".into()).await;
    assert_eq!(
        theirs.trim_start_matches('\u{feff}').lines().count(),
        1,
        "{theirs}"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'export.webrsa%'")
            .await,
        3
    );
    // Signed out: to the staff sign-in.
    assert_eq!(
        get(crate::common::client(), rdv_path).await.0,
        StatusCode::SEE_OTHER
    );
}
on_both!(the_webrsa_files_hold_the_agencys_rendez_vous_and_contracts);
