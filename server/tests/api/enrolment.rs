//! Staff enrol a person by hand and choose or change their référent; the person then
//! signs in with their numéro like anyone else — on SQLite and PostgreSQL.

use crate::common::{six_digits, spawn, Db};
use reqwest::StatusCode;

async fn staff_enrol_a_person_who_then_signs_in_and_whose_referents_are_kept(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let counsellor = app.staff("c1@test.fr").await;
    // The portal's today is Paris's (an hour or two ahead of UTC near midnight).
    let today = app::server::format::today(chrono::Utc::now());
    let form = |numero: &'static str, phone: &'static str, date: String, referent: String| {
        vec![
            ("numero", numero.to_string()),
            ("first_name", "Moussa".to_string()),
            ("last_name", "Camara".to_string()),
            ("phone", phone.to_string()),
            ("email", String::new()),
            ("orientation_date", date),
            ("counsellor_id", referent),
        ]
    };
    let post = |form: Vec<(&'static str, String)>| {
        let (app, c) = (&app, &counsellor);
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(c, "/api/pro/inscrire/valider", &form).await
        }
    };
    let yesterday = (today - chrono::Duration::days(1)).to_string();
    let tomorrow = (today + chrono::Duration::days(1)).to_string();
    let c1 = f.counsellor1.to_string();
    // Refused next to their field, nothing written: no way to reach them, a date to come,
    // a numéro already on file, a référent of another agency.
    let before = app.count("allocataires").await;
    for (case, field) in [
        (
            form("7000001", "", yesterday.clone(), c1.clone()),
            "un téléphone ou un e-mail",
        ),
        (
            form("7000001", "06 11 22 33 44", tomorrow, c1.clone()),
            "futur",
        ),
        (
            form("5000000", "06 11 22 33 44", yesterday.clone(), c1.clone()),
            "déjà un dossier",
        ),
        (
            form(
                "7000001",
                "06 11 22 33 44",
                yesterday.clone(),
                f.counsellor3.to_string(),
            ),
            "conseiller de l'agence",
        ),
    ] {
        let (status, body) = post(case).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.to_string().contains(field), "{field}: {body}");
    }
    assert_eq!(app.count("allocataires").await, before);

    let (status, done) = post(form("7000001", "06 11 22 33 44", yesterday, c1)).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let file = done["redirect"].as_str().expect("the new file").to_string();
    let id: i64 = file
        .rsplit('/')
        .next()
        .and_then(|i| i.parse().ok())
        .expect("id");
    // In the file active, with their référent and its first line of history.
    let (_, list) = app
        .call(
            &counsellor,
            "/api/pro/allocataires",
            &[("recherche", "7000001")],
        )
        .await;
    assert_eq!(list["total"], 1, "{list}");
    let (_, page) = app.page(&counsellor, &file).await;
    assert!(page.contains("Référents successifs"), "{page}");
    assert!(page.contains("Prénom c1, depuis le"), "{page}");

    // The person signs in with their numéro: the code goes to the phone staff typed.
    let c = crate::common::client();
    let sent = app.sms_count();
    let (status, _) = app
        .call(&c, "/api/connexion/code", &[("identifier", "7000001")])
        .await;
    assert_eq!(status, StatusCode::OK);
    let sms = app.sms_to("0611223344", sent).await;
    let code = six_digits(&sms).expect("a code");
    let (status, _) = app
        .call(&c, "/api/connexion/verifier", &[("code", code.as_str())])
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, space) = app.call(&c, "/api/espace", &[]).await;
    assert_eq!(space["first_name"], "Moussa", "{space}");

    // The référent changes: the file keeps both, newest first; the other agency cannot.
    let other = app.staff("c3@test.fr").await;
    let (status, _) = app
        .call(
            &other,
            "/api/pro/allocataire/referent",
            &[
                ("allocataire_id", id.to_string().as_str()),
                ("counsellor_id", ""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = app
        .call(
            &counsellor,
            "/api/pro/allocataire/referent",
            &[
                ("allocataire_id", id.to_string().as_str()),
                ("counsellor_id", f.counsellor2.to_string().as_str()),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let history = format!("SELECT COUNT(*) FROM referent_history WHERE allocataire_id = {id}");
    assert_eq!(app.scalar(&history).await, 2);
    let (_, page) = app.page(&counsellor, &file).await;
    let (c2, c1) = (
        page.find("Prénom c2, depuis le").expect("the new référent"),
        page.find("Prénom c1, depuis le").expect("the first one"),
    );
    assert!(c2 < c1, "newest first");
    // Both changes are in the trail, about this file.
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action IN ('allocataire.enrol', 'allocataire.referent') AND subject LIKE 'allocataire:{id}%'"
        ))
        .await,
        2
    );
}
on_both!(staff_enrol_a_person_who_then_signs_in_and_whose_referents_are_kept);

/// The file suggests the référent who follows the fewest people (issue 7), to whoever may
/// assign one; a référent's own file view says nothing when they may not.
async fn the_file_suggests_the_least_loaded_referent(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let manager = app.staff("manager1@test.fr").await;
    let (status, v) = app
        .call(
            &manager,
            "/api/pro/allocataire",
            &[("id", f.people1[0].to_string().as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    // Counsellor 1 follows the fixture's 20 people; counsellor 2 nobody.
    let suggestion = v["suggestion"].as_str().unwrap_or_default();
    assert!(suggestion.contains("Prénom c2"), "{suggestion}");
    assert!(
        suggestion.contains("personnes suivies : 0, objectif 90"),
        "{suggestion}"
    );
    assert!(!suggestion.contains("Prénom c1"), "{suggestion}");
    let (_, html) = app
        .page(&manager, &format!("/pro/allocataires/{}", f.people1[0]))
        .await;
    assert!(
        html.contains("Suggestion pour équilibrer les files actives"),
        "{html}"
    );
}
on_both!(the_file_suggests_the_least_loaded_referent);
