//! The parcours and the contract (issue 7): a contract from draft to validation with the
//! parcours following it, a change asked for and a paper signature, renewal once, exit and
//! réorientation, steps on the timeline, the deadline lists, and two signatures of one
//! version racing — on SQLite and PostgreSQL, through the real HTTP endpoints.

use crate::common::{Db, TestApp};
use reqwest::{Client, StatusCode};
use serde_json::Value;

/// The person's first meeting, held: booked by them, moved ten days back, marked
/// attended by their référent.
async fn first_meeting(app: &TestApp, person: &Client, slot: i64, key: &str) {
    let done = app.book(person, slot, "sur_place", key).await;
    let id = done["redirect"]
        .as_str()
        .and_then(|r| r.trim_start_matches("/rdv/").parse::<i64>().ok())
        .expect("appointment id");
    app.sql(&format!(
        "UPDATE appointments SET starts_at = starts_at - 10 * 86400, ends_at = ends_at - 10 * 86400 WHERE id = {id}"
    ))
    .await;
    let c1 = app.staff("c1@test.fr").await;
    let (status, body) = app
        .call(
            &c1,
            "/api/pro/rdv/resultat",
            &[
                ("appointment_id", id.to_string().as_str()),
                ("outcome", "attended"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn staff_view(app: &TestApp, c: &Client, person: i64) -> Value {
    let (status, v) = app
        .call(
            c,
            "/api/pro/parcours",
            &[("id", person.to_string().as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    v
}

async fn my_view(app: &TestApp, c: &Client) -> Value {
    let (status, v) = app.call(c, "/api/espace/parcours", &[]).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    v
}

fn draft_form<'a>(person: &'a str, contract: &'a str, start: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("allocataire_id", person),
        ("contract_id", contract),
        ("contract_kind", "cer"),
        ("objectives", "Retrouver un emploi dans la logistique."),
        (
            "person_commitments",
            "Venir aux rendez-vous et suivre la formation CACES.",
        ),
        (
            "agency_commitments",
            "Un rendez-vous par mois et la recherche d'une formation.",
        ),
        ("planned_actions", "Formation CACES 1, atelier CV."),
        ("duration_months", "6"),
        ("contract_start", start),
    ]
}

fn field_codes(v: &Value) -> Vec<String> {
    v["Invalid"]["fields"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|e| e["code"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

async fn a_contract_goes_from_draft_to_validation_and_the_parcours_follows(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let id = f.people1[0];
    let person_id = id.to_string();
    let person = app.allocataire(id).await;
    let c1 = app.staff("c1@test.fr").await;
    let today = app::server::format::today(chrono::Utc::now());
    let start = today.to_string();

    // Before the first meeting: orienté, the 15-day clock, and no contract yet.
    let v = staff_view(&app, &c1, id).await;
    assert_eq!(v["state"], "oriente");
    assert_eq!(v["clock"]["milestone"], "premier_rdv");
    let (status, body) = app
        .call(
            &c1,
            "/api/pro/contrat/brouillon",
            &draft_form(&person_id, "0", &start),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.to_string().contains("premier rendez-vous"), "{body}");

    first_meeting(&app, &person, f.slots1[3], "pathway-first-01").await;
    let v = staff_view(&app, &c1, id).await;
    assert_eq!(v["state"], "accueilli");
    assert_eq!(v["clock"]["milestone"], "contrat");
    assert_eq!(v["may_draft"], true);

    // The person says what they wish before the meeting (kept, ticked boxes included).
    let (status, body) = app
        .call(
            &person,
            "/api/espace/parcours/souhaits",
            &[
                ("goals", "Travailler dans un entrepôt."),
                ("needs", ""),
                ("childcare", "on"),
                ("other", ""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v = staff_view(&app, &c1, id).await;
    assert_eq!(v["wishes"]["goals"], "Travailler dans un entrepôt.");
    assert_eq!(v["wishes"]["constraints"], serde_json::json!(["childcare"]));

    // A bad draft is refused field by field; a good one is written once.
    let mut bad = draft_form(&person_id, "0", &start);
    bad.retain(|(k, _)| *k != "duration_months");
    bad.push(("duration_months", "24"));
    let (status, body) = app.call(&c1, "/api/pro/contrat/brouillon", &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(field_codes(&body), ["form-contract-duration-range"]);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM contracts").await, 0);
    let (status, body) = app
        .call(
            &c1,
            "/api/pro/contrat/brouillon",
            &draft_form(&person_id, "0", &start),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = app
        .call(
            &c1,
            "/api/pro/contrat/brouillon",
            &draft_form(&person_id, "0", &start),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "one draft at a time: {body}");
    // The person does not see a draft.
    assert!(my_view(&app, &person).await["current"].is_null());

    let v = staff_view(&app, &c1, id).await;
    let contract = v["contracts"][0]["id"].as_i64().expect("contract id");
    let cid = contract.to_string();
    assert_eq!(v["contracts"][0]["status"], "brouillon");
    let (status, body) = app
        .call(
            &c1,
            "/api/pro/contrat/proposer",
            &[
                ("allocataire_id", person_id.as_str()),
                ("contract_id", cid.as_str()),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let phone = app.phone_of(id).await;
    let sms = app.sms_with(&phone, "contrat").await;
    assert!(sms.contains("/espace/parcours"), "{sms}");
    app.wait_mail(|m| m.contains("personne0@exemple.test") && m.contains("/espace/parcours"))
        .await;

    // The person reads it in plain words, with the deadline, and signs that version.
    let mine = my_view(&app, &person).await;
    assert_eq!(mine["current"]["status"], "propose");
    assert_eq!(mine["current"]["version"], 1);
    let (_, html) = app.page(&person, "/espace/parcours").await;
    assert!(
        html.contains("Votre contrat doit être signé avant le"),
        "{html}"
    );
    assert!(
        html.contains("Ce que je m&#x27;engage à faire")
            || html.contains("Ce que je m'engage à faire"),
        "{html}"
    );
    let sign = |version: &'static str, accept: &'static str| {
        let (app, person, cid) = (&app, person.clone(), cid.clone());
        async move {
            app.call(
                &person,
                "/api/espace/contrat/signer",
                &[
                    ("contract_id", cid.as_str()),
                    ("version", version),
                    ("accept", accept),
                ],
            )
            .await
        }
    };
    let (status, body) = sign("1", "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(field_codes(&body), ["form-contract-accept-required"]);
    let (status, _) = sign("2", "on").await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "only the version shown is signed"
    );
    let (status, body) = sign("1", "on").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = sign("1", "on").await;
    assert_eq!(status, StatusCode::CONFLICT, "signed once");

    let v = staff_view(&app, &c1, id).await;
    assert_eq!(v["state"], "contractualise");
    assert_eq!(v["clock"]["milestone"], "bilan");
    let review = app::domain::pathway::add_months(today, 12);
    assert!(
        v["clock"]["sentence"]
            .as_str()
            .unwrap_or_default()
            .contains(&app::server::format::date(review)),
        "{v}"
    );
    assert!(v["contracts"][0]["signed"]
        .as_str()
        .unwrap_or_default()
        .contains("en ligne"));

    // The contract as an accessible PDF: tagged, in French, its sections in reading order.
    let pdf = format!("/espace/contrats/{cid}/contrat.pdf");
    let res = person.get(app.url(&pdf)).send().await.expect("pdf");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let text = crate::common::pdf_text(&res.bytes().await.expect("body"));
    assert!(
        text.contains("lang: fr") && text.contains("marked: True"),
        "{text}"
    );
    assert!(
        text.contains("structure: Document H1 P P H2 P H2 P H2 P H2 P H2 P H2 P\n"),
        "{text}"
    );
    assert!(text.contains("Ce que je m'engage à faire"), "{text}");
    assert!(text.contains("Signé en ligne par"), "{text}");
    // Nobody else's: not another person's, not another agency's staff.
    let other = app.allocataire(f.people1[1]).await;
    assert_eq!(app.page(&other, &pdf).await.0, StatusCode::NOT_FOUND);
    let staff_pdf = format!("/pro/contrats/{cid}/contrat.pdf");
    let c3 = app.staff("c3@test.fr").await;
    assert_eq!(app.page(&c3, &staff_pdf).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.page(&c1, &staff_pdf).await.0, StatusCode::OK);

    // Only the département validates.
    let validate = |c: Client| {
        let (app, person_id, cid) = (&app, person_id.clone(), cid.clone());
        async move {
            app.call(
                &c,
                "/api/pro/contrat/valider",
                &[
                    ("allocataire_id", person_id.as_str()),
                    ("contract_id", cid.as_str()),
                ],
            )
            .await
            .0
        }
    };
    assert_eq!(validate(c1.clone()).await, StatusCode::FORBIDDEN);
    assert_eq!(
        validate(app.staff("manager1@test.fr").await).await,
        StatusCode::FORBIDDEN
    );
    let admin = app.staff("admin@test.fr").await;
    assert_eq!(validate(admin.clone()).await, StatusCode::OK);
    assert_eq!(validate(admin.clone()).await, StatusCode::CONFLICT);
    assert_eq!(staff_view(&app, &c1, id).await["state"], "en_cours");

    // A second version: the person asks for a change, the counsellor edits it, the
    // person signs on paper; version 1 is replaced, the support keeps running.
    let (status, body) = app
        .call(
            &c1,
            "/api/pro/contrat/brouillon",
            &draft_form(&person_id, "0", &start),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v = staff_view(&app, &c1, id).await;
    let second = v["contracts"][0]["id"].as_i64().expect("id").to_string();
    assert_eq!(v["contracts"][0]["version"], 2);
    let propose = || {
        let (app, c1, person_id, second) = (&app, c1.clone(), person_id.clone(), second.clone());
        async move {
            app.call(
                &c1,
                "/api/pro/contrat/proposer",
                &[
                    ("allocataire_id", person_id.as_str()),
                    ("contract_id", second.as_str()),
                ],
            )
            .await
            .0
        }
    };
    assert_eq!(propose().await, StatusCode::OK);
    let (status, body) = app
        .call(
            &person,
            "/api/espace/contrat/modification",
            &[
                ("contract_id", second.as_str()),
                ("comment", "Je préfère un atelier CV en janvier."),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v = staff_view(&app, &c1, id).await;
    assert_eq!(v["contracts"][0]["status"], "brouillon");
    assert_eq!(
        v["contracts"][0]["change_request"],
        "Je préfère un atelier CV en janvier."
    );
    // A draft is the counsellor's: the person cannot download it.
    let draft_pdf = format!("/espace/contrats/{second}/contrat.pdf");
    assert_eq!(app.page(&person, &draft_pdf).await.0, StatusCode::NOT_FOUND);
    let mut edited = draft_form(&person_id, &second, &start);
    edited.retain(|(k, _)| *k != "planned_actions");
    edited.push((
        "planned_actions",
        "Formation CACES 1, atelier CV en janvier.",
    ));
    let (status, body) = app.call(&c1, "/api/pro/contrat/brouillon", &edited).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(propose().await, StatusCode::OK);
    let (status, body) = app
        .call(
            &c1,
            "/api/pro/contrat/signature-papier",
            &[
                ("allocataire_id", person_id.as_str()),
                ("contract_id", second.as_str()),
                ("version", "2"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v = staff_view(&app, &c1, id).await;
    assert_eq!(v["contracts"][0]["status"], "signe");
    assert_eq!(
        v["contracts"][0]["planned_actions"],
        "Formation CACES 1, atelier CV en janvier."
    );
    assert!(v["contracts"][0]["signed"]
        .as_str()
        .unwrap_or_default()
        .contains("papier"));
    assert_eq!(v["contracts"][1]["status"], "remplace");
    assert_eq!(v["state"], "en_cours");
    let mine = my_view(&app, &person).await;
    assert_eq!(mine["current"]["version"], 2);
    assert_eq!(mine["history"][0]["version"], 1);

    // Renewal once; then a réorientation closes the parcours.
    let renew = || {
        let (app, c1, person_id) = (&app, c1.clone(), person_id.clone());
        async move {
            app.call(
                &c1,
                "/api/pro/parcours/renouveler",
                &[("allocataire_id", person_id.as_str())],
            )
            .await
            .0
        }
    };
    assert_eq!(renew().await, StatusCode::OK);
    assert_eq!(renew().await, StatusCode::CONFLICT);
    let v = staff_view(&app, &c1, id).await;
    assert_eq!(v["state"], "renouvele");
    assert_eq!(v["clock"]["milestone"], "fin");
    let (status, body) = app
        .call(
            &c1,
            "/api/pro/parcours/sortie",
            &[
                ("allocataire_id", person_id.as_str()),
                ("reason", "reorientation"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(field_codes(&body), ["form-exit-referral-required"]);
    let (status, body) = app
        .call(
            &c1,
            "/api/pro/parcours/sortie",
            &[
                ("allocataire_id", person_id.as_str()),
                ("reason", "reorientation"),
                ("referral", "france_travail"),
                (
                    "recommendation",
                    "Projet d'emploi clair, autonome dans ses démarches.",
                ),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mine = my_view(&app, &person).await;
    assert_eq!(mine["state"], "reoriente");
    assert!(mine["clock"].is_null());
    assert!(
        mine["ended"]
            .as_str()
            .unwrap_or_default()
            .contains("France Travail"),
        "{mine}"
    );
    let (status, _) = app
        .call(
            &c1,
            "/api/pro/contrat/brouillon",
            &draft_form(&person_id, "0", &start),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "a closed parcours takes no new contract"
    );
    // Every step is in the audit trail.
    let audited = app
        .scalar("SELECT COUNT(*) FROM audit_log WHERE (action LIKE 'contract.%' AND action <> 'contract.pdf') OR action LIKE 'pathway.renew' OR action LIKE 'pathway.exit'")
        .await;
    // Wishes, 3 drafts (1, 2, 2 edited), 3 proposals, the signature, the validation, the
    // change request, the paper signature, the renewal, the exit; refusals write none.
    assert_eq!(audited, 13);
    // The staff's download of the PDF is a read in the trail; the person's own is not.
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'contract.pdf'")
            .await,
        1
    );
}
on_both!(a_contract_goes_from_draft_to_validation_and_the_parcours_follows);

async fn steps_join_the_timeline_and_stay_in_their_agency(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let id = f.people1[1];
    let person_id = id.to_string();
    let person = app.allocataire(id).await;
    let c1 = app.staff("c1@test.fr").await;
    first_meeting(&app, &person, f.slots1[4], "pathway-steps-01").await;
    let step = |extra: &[(&'static str, &'static str)]| {
        let mut form = vec![
            ("allocataire_id", person_id.clone()),
            ("kind", "positionnement".to_string()),
            ("object", "immersion".to_string()),
            ("status", "prevu".to_string()),
            ("starts_on", "2026-12-07".to_string()),
            ("ends_on", "2026-12-18".to_string()),
            ("title", "PMSMP boulangerie Martin".to_string()),
        ];
        for (k, v) in extra {
            form.retain(|(name, _)| name != k);
            form.push((k, v.to_string()));
        }
        form
    };
    let post = |c: Client, form: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(&c, "/api/pro/parcours/etape", &form).await
        }
    };
    let (status, body) = post(c1.clone(), step(&[])).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A diagnostic is about language, digital skills or childcare.
    let (status, body) = post(
        c1.clone(),
        step(&[("kind", "diagnostic"), ("object", "emploi")]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(field_codes(&body), ["form-step-object-diagnostic"]);
    let (status, body) = post(
        c1.clone(),
        step(&[
            ("kind", "diagnostic"),
            ("object", "langue"),
            ("title", "Test de positionnement FLE"),
            ("ends_on", ""),
        ]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Another agency's référent cannot add a step, nor read the parcours.
    let c3 = app.staff("c3@test.fr").await;
    assert_eq!(post(c3.clone(), step(&[])).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        app.call(&c3, "/api/pro/parcours", &[("id", person_id.as_str())])
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM pathway_steps").await, 2);

    let v = staff_view(&app, &c1, id).await;
    let immersion = v["steps"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["object"] == "immersion"))
        .and_then(|s| s["id"].as_i64())
        .expect("the immersion step");
    let sid = immersion.to_string();
    let (status, body) = post(
        c1.clone(),
        [
            step(&[
                ("status", "realise"),
                ("outcome", "Promesse d'embauche"),
                ("feedback", "Très motivée, bon accueil de l'équipe."),
            ]),
            vec![("step_id", sid.clone())],
        ]
        .concat(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A step id of another person's file is not this file's: nothing changes.
    let other = f.people1[2].to_string();
    let mut foreign = step(&[("status", "annule")]);
    foreign.retain(|(k, _)| *k != "allocataire_id");
    foreign.push(("allocataire_id", other));
    foreign.push(("step_id", sid.clone()));
    assert_eq!(post(c1.clone(), foreign).await.0, StatusCode::NOT_FOUND);

    // A workshop the person registered on joins the timeline too.
    let w = crate::workshops::create(
        &app,
        app::domain::AgencyId(f.agency1),
        10,
        app::domain::workshop::Audience::Agency,
    )
    .await
    .to_string();
    let (status, body) = app
        .call(
            &person,
            "/api/espace/ateliers/inscrire",
            &[
                ("workshop_id", w.as_str()),
                ("idempotency_key", "timeline-workshop-1"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // The person's timeline: the first meeting, the immersion (done, with its outcome
    // and feedback), the diagnostic and the workshop.
    let mine = my_view(&app, &person).await;
    let timeline = mine["timeline"].as_array().cloned().unwrap_or_default();
    let titles: Vec<&str> = timeline
        .iter()
        .filter_map(|e| e["title"].as_str())
        .collect();
    assert!(titles.contains(&"Premier accueil"), "{titles:?}");
    assert!(titles.contains(&"PMSMP boulangerie Martin"), "{titles:?}");
    assert!(titles.contains(&"Test de positionnement FLE"), "{titles:?}");
    let workshop = timeline
        .iter()
        .find(|e| e["title"] == "Préparer un entretien")
        .expect("the workshop on the timeline");
    assert_eq!(workshop["status_label"], "Inscrit·e");
    let done = timeline
        .iter()
        .find(|e| e["title"] == "PMSMP boulangerie Martin")
        .expect("immersion");
    assert_eq!(done["status_label"], "Réalisé");
    assert!(done["details"].to_string().contains("Promesse d'embauche"));
    // The staff page renders it, with the step's own form when asked.
    let (status, html) = app
        .page(
            &c1,
            &format!("/pro/allocataires/{id}/parcours?etape={immersion}"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Modifier l&#x27;étape") || html.contains("Modifier l'étape"),
        "{html}"
    );
    assert!(html.contains("Promesse d&#x27;embauche") || html.contains("Promesse d'embauche"));
}
on_both!(steps_join_the_timeline_and_stay_in_their_agency);

async fn the_deadline_list_shows_late_and_near_files_only(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let today = app::server::format::today(chrono::Utc::now());
    let day = |n: i64| (today - chrono::Duration::days(n)).to_string();
    // Everyone of agency 1 oriented today (on track), then: one 20 days ago (late), one 10
    // days ago (first meeting due in 5 days), one closed 20 days ago (not listed).
    app.sql(&format!(
        "UPDATE allocataires SET orientation_date = '{}' WHERE agency_id = {}",
        day(0),
        f.agency1
    ))
    .await;
    let (late, soon, closed) = (f.people1[3], f.people1[4], f.people1[5]);
    app.sql(&format!(
        "UPDATE allocataires SET orientation_date = '{}' WHERE id = {late}",
        day(20)
    ))
    .await;
    app.sql(&format!(
        "UPDATE allocataires SET orientation_date = '{}' WHERE id = {soon}",
        day(10)
    ))
    .await;
    app.sql(&format!(
        "UPDATE allocataires SET orientation_date = '{}' WHERE id = {closed}",
        day(20)
    ))
    .await;
    let c1 = app.staff("c1@test.fr").await;
    let (status, body) = app
        .call(
            &c1,
            "/api/pro/parcours/sortie",
            &[
                ("allocataire_id", closed.to_string().as_str()),
                ("reason", "demenagement"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, v) = app.call(&c1, "/api/pro/echeances", &[]).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let ids: Vec<i64> = v["lines"]
        .as_array()
        .map(|l| l.iter().filter_map(|l| l["id"].as_i64()).collect())
        .unwrap_or_default();
    assert_eq!(
        ids,
        [late, soon],
        "late first, then due soon; nothing else: {v}"
    );
    assert_eq!(v["late"], 1);
    assert_eq!(v["soon"], 1);
    assert_eq!(v["lines"][0]["urgency"], "late");
    assert_eq!(v["lines"][1]["urgency"], "due_soon");
    // Agency 2's référent sees none of them.
    let c3 = app.staff("c3@test.fr").await;
    let (_, v) = app.call(&c3, "/api/pro/echeances", &[]).await;
    let theirs: Vec<i64> = v["lines"]
        .as_array()
        .map(|l| l.iter().filter_map(|l| l["id"].as_i64()).collect())
        .unwrap_or_default();
    assert!(!theirs.contains(&late) && !theirs.contains(&soon));
    let (status, html) = app.page(&c1, "/pro/echeances").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Date dépassée"), "{html}");
}
on_both!(the_deadline_list_shows_late_and_near_files_only);

/// The person signs online while their référent records a paper signature of the same
/// version: exactly one signature is kept.
async fn two_signatures_of_one_version_keep_one(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let id = f.people1[6];
    let person = app.allocataire(id).await;
    let c1 = app.staff("c1@test.fr").await;
    first_meeting(&app, &person, f.slots1[5], "pathway-race-01").await;
    let person_id = id.to_string();
    let start = app::server::format::today(chrono::Utc::now()).to_string();
    let (status, body) = app
        .call(
            &c1,
            "/api/pro/contrat/brouillon",
            &draft_form(&person_id, "0", &start),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let cid = staff_view(&app, &c1, id).await["contracts"][0]["id"]
        .as_i64()
        .expect("id")
        .to_string();
    let (status, _) = app
        .call(
            &c1,
            "/api/pro/contrat/proposer",
            &[
                ("allocataire_id", person_id.as_str()),
                ("contract_id", cid.as_str()),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let sign_form = [
        ("contract_id", cid.as_str()),
        ("version", "1"),
        ("accept", "on"),
    ];
    let paper_form = [
        ("allocataire_id", person_id.as_str()),
        ("contract_id", cid.as_str()),
        ("version", "1"),
    ];
    for _ in 0..3 {
        // Re-open the same version each round (back to proposé) and race again.
        let online = app.call(&person, "/api/espace/contrat/signer", &sign_form);
        let paper = app.call(&c1, "/api/pro/contrat/signature-papier", &paper_form);
        let ((a, _), (b, _)) = tokio::join!(online, paper);
        let ok = [a, b].iter().filter(|s| **s == StatusCode::OK).count();
        assert_eq!(ok, 1, "online {a}, paper {b}");
        assert_eq!(
            app.scalar(&format!(
                "SELECT COUNT(*) FROM contracts WHERE id = {cid} AND status = 'signe'"
            ))
            .await,
            1
        );
        app.sql(&format!(
            "UPDATE contracts SET status = 'propose', signed_at = NULL, signature = NULL, signature_recorded_by = NULL WHERE id = {cid}"
        ))
        .await;
    }
}
on_both!(two_signatures_of_one_version_keep_one);

/// A person asks for another référent, with a reason; the agency answers (the person is
/// told, and reads the answer); one open request at a time; another agency cannot answer.
async fn a_request_to_change_referent_gets_its_answer(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let id = f.people1[2];
    let person_id = id.to_string();
    let person = app.allocataire(id).await;
    let ask = |reason: &'static str| {
        let (app, person) = (&app, person.clone());
        async move {
            app.call(
                &person,
                "/api/espace/parcours/demande",
                &[("request_kind", "referent"), ("reason", reason)],
            )
            .await
        }
    };
    let (status, body) = ask("Non.").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(field_codes(&body), ["form-request-reason-length"]);
    let (status, body) = ask("Nous ne nous comprenons pas bien, je voudrais changer.").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = ask("Une deuxième demande en attendant la réponse.").await;
    assert_eq!(status, StatusCode::CONFLICT, "one open request at a time");
    let mine = my_view(&app, &person).await;
    assert_eq!(mine["may_request"], false);
    assert_eq!(mine["requests"][0]["status"], "ouverte");
    let today = app::server::format::today(chrono::Utc::now());
    let due = app::server::format::date(app::domain::pathway::answer_due(today));
    assert!(
        mine["requests"][0]["asked"]
            .as_str()
            .unwrap_or_default()
            .contains(&due),
        "{mine}"
    );

    let c1 = app.staff("c1@test.fr").await;
    let v = staff_view(&app, &c1, id).await;
    let request = v["requests"][0]["id"]
        .as_i64()
        .expect("request id")
        .to_string();
    let answer = |c: Client, decision: &'static str| {
        let (app, person_id, request) = (&app, person_id.clone(), request.clone());
        async move {
            app.call(
                &c,
                "/api/pro/parcours/reponse",
                &[
                    ("allocataire_id", person_id.as_str()),
                    ("request_id", request.as_str()),
                    ("decision", decision),
                    ("answer", "Un autre référent vous appellera cette semaine."),
                ],
            )
            .await
            .0
        }
    };
    assert_eq!(
        answer(app.staff("c3@test.fr").await, "refusee").await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        answer(c1.clone(), "ouverte").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(answer(c1.clone(), "acceptee").await, StatusCode::OK);
    assert_eq!(
        answer(c1.clone(), "refusee").await,
        StatusCode::CONFLICT,
        "answered once"
    );
    let phone = app.phone_of(id).await;
    let sms = app.sms_with(&phone, "répondu").await;
    assert!(sms.contains("/espace/parcours"), "{sms}");
    let mine = my_view(&app, &person).await;
    assert_eq!(mine["requests"][0]["status"], "acceptee");
    assert!(
        mine["requests"][0]["answer"]
            .as_str()
            .unwrap_or_default()
            .contains("Un autre référent vous appellera cette semaine."),
        "{mine}"
    );
    assert_eq!(mine["may_request"], true);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action IN ('pathway.request', 'pathway.request_answer')")
            .await,
        2
    );
}
on_both!(a_request_to_change_referent_gets_its_answer);
