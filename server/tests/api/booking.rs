//! Booking over HTTP: the no-JavaScript form flow, bad input, the 200-client race, and what
//! the allocataire receives.

use crate::common::{spawn, Db};
use futures::future::join_all;
use reqwest::StatusCode;

async fn a_plain_form_post_books_and_redirects_with_a_notice(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let c = app.allocataire(app.f.people1[0]).await;
    let slot = app.f.slots1[2].to_string();
    // An error sends the browser back to the form with the message and what was typed.
    let res = app
        .form(
            &c,
            "/api/rdv/reserver",
            &[
                ("slot_id", ""),
                ("modality", "telephone"),
                ("idempotency_key", "form-key-0001"),
            ],
            "/rdv/prendre",
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/rdv/prendre");
    let (_, html) = app.page(&c, "/rdv/prendre").await;
    assert!(
        html.contains(r#"id="err-slot_id" class="field-error">Choisissez un créneau.</p>"#),
        "field error shown next to its field"
    );
    assert!(
        html.contains(r#"value="telephone" checked"#),
        "the modality chosen is kept"
    );
    // The error is shown once.
    assert!(!app
        .page(&c, "/rdv/prendre")
        .await
        .1
        .contains(r#"class="field-error">Choisissez un créneau."#));
    // The real booking.
    let res = app
        .form(
            &c,
            "/api/rdv/reserver",
            &[
                ("slot_id", &slot),
                ("modality", "telephone"),
                ("idempotency_key", "form-key-0002"),
            ],
            "/rdv/prendre",
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert!(to.starts_with("/rdv/"), "{to}");
    let (status, html) = app.page(&c, &to).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Votre rendez-vous est confirmé"));
    assert!(html.contains("Par téléphone"));
    // Confirmation by e-mail with a calendar file (stable UID, Europe/Paris, generic title).
    let mail = app
        .wait_mail(|m| m.contains("Votre rendez-vous est confirm") || m.contains("=?utf-8?"))
        .await;
    let flat = mail.replace("=\r\n", "").replace("=\n", "");
    assert!(flat.contains("text/calendar"), "{flat}");
    let (_, ics) = app.page(&c, &format!("{to}/calendrier.ics")).await;
    assert!(
        ics.contains("SUMMARY:Rendez-vous ALI") && !ics.contains("TZID="),
        "UTC times, no TZID without its VTIMEZONE: {ics}"
    );
    assert!(
        !ics.contains("premier_accueil"),
        "the reason never shows in a calendar"
    );
    // And by SMS through the provider adapter.
    app.sms_with("0700000000", "RDV confirmé").await;
}
on_both!(a_plain_form_post_books_and_redirects_with_a_notice);

async fn bad_input_gets_a_clear_error_and_writes_nothing(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let c = app.allocataire(app.f.people1[1]).await;
    let before = (app.count("appointments").await, app.count("outbox").await);
    let long = "x".repeat(400);
    let foreign_slot = app.f.slots3[0].to_string();
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, StatusCode);
    let cases: Vec<Case> = vec![
        (
            "/api/rdv/reserver",
            vec![],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/rdv/reserver",
            vec![
                ("slot_id", "abc"),
                ("modality", "sur_place"),
                ("idempotency_key", "bad-key-0001"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/rdv/reserver",
            vec![
                ("slot_id", "999999"),
                ("modality", "sur_place"),
                ("idempotency_key", "bad-key-0002"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/rdv/reserver",
            vec![
                ("slot_id", &foreign_slot),
                ("modality", "sur_place"),
                ("idempotency_key", "bad-key-0003"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/rdv/reserver",
            vec![
                ("slot_id", "1"),
                ("modality", "fax"),
                ("idempotency_key", "k"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/rdv/annuler",
            vec![("appointment_id", "not-a-number"), ("reason", "x")],
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/rdv/annuler",
            vec![("appointment_id", "1"), ("reason", &long)],
            StatusCode::NOT_FOUND,
        ),
        (
            "/api/pro/creneaux/ouvrir",
            vec![
                ("date", "2020-01-01"),
                ("time", "10:00"),
                ("duration", "30"),
                ("sur_place", "on"),
            ],
            StatusCode::FORBIDDEN,
        ),
    ];
    for (path, form, expected) in cases {
        let (status, body) = app.call(&c, path, &form).await;
        assert_eq!(status, expected, "{path} {form:?}: {body}");
        let text = body.to_string();
        assert!(
            !text.to_lowercase().contains("sql") && !text.contains("panicked"),
            "no internals leak: {text}"
        );
    }
    // Staff: a slot in the past, an impossible duration.
    let staff = app.staff("c1@test.fr").await;
    let (status, body) = app
        .call(
            &staff,
            "/api/pro/creneaux/ouvrir",
            &[
                ("date", "2020-01-01"),
                ("time", "10:00"),
                ("duration", "30"),
                ("sur_place", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("passée"), "{body}");
    let (status, body) = app
        .call(
            &staff,
            "/api/pro/creneaux/ouvrir",
            &[
                ("date", "2030-01-07"),
                ("time", "10:00"),
                ("duration", "5000"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.to_string().contains("240 minutes") && body.to_string().contains("modalité"),
        "{body}"
    );
    assert_eq!(
        (app.count("appointments").await, app.count("outbox").await),
        before,
        "nothing written"
    );
}
on_both!(bad_input_gets_a_clear_error_and_writes_nothing);

async fn two_hundred_clients_racing_for_one_slot_get_exactly_one_booking(db: Db) {
    let Some(app) = spawn(db).await else { return };
    // A manager books for 20 people at once, 10 requests each: 200 concurrent clients.
    let staff = app.staff("manager1@test.fr").await;
    let slot = app.f.slots1[5].to_string();
    let mut requests = Vec::new();
    for i in 0..200 {
        let person = app.f.people1[i % app.f.people1.len()].to_string();
        let (app, staff, slot) = (&app, staff.clone(), slot.clone());
        requests.push(async move {
            let key = format!("race-{i:05}");
            app.call(
                &staff,
                "/api/pro/allocataire/reserver",
                &[
                    ("allocataire_id", &person),
                    ("slot_id", &slot),
                    ("modality", "sur_place"),
                    ("idempotency_key", &key),
                ],
            )
            .await
        });
    }
    let results = join_all(requests).await;
    let ok = results.iter().filter(|(s, _)| *s == StatusCode::OK).count();
    assert_eq!(ok, 1, "exactly one booking");
    for (status, body) in results.iter().filter(|(s, _)| *s != StatusCode::OK) {
        assert_eq!(*status, StatusCode::CONFLICT, "{body}");
        assert!(
            body.to_string().contains("Ce créneau vient d'être pris"),
            "{body}"
        );
    }
    assert_eq!(app.count("appointments").await, 1);
    // A retry with the winner's key creates nothing new.
    let before = app.count("outbox").await;
    let booked = app
        .state
        .store
        .agenda(&[app::domain::StaffId(app.f.counsellor1)], 0, i64::MAX / 2)
        .await
        .expect("agenda");
    let winner = booked[0].appointment.allocataire_id.0;
    let winner_index = (0..200)
        .find(|i| {
            app.f.people1[i % app.f.people1.len()] == winner && results[*i].0 == StatusCode::OK
        })
        .expect("winner");
    let (status, _) = app
        .call(
            &staff,
            "/api/pro/allocataire/reserver",
            &[
                ("allocataire_id", &winner.to_string()),
                ("slot_id", &slot),
                ("modality", "sur_place"),
                ("idempotency_key", &format!("race-{winner_index:05}")),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.count("appointments").await, 1);
    assert_eq!(
        app.count("outbox").await,
        before,
        "no second confirmation either"
    );
}
on_both!(two_hundred_clients_racing_for_one_slot_get_exactly_one_booking);

async fn moving_frees_the_old_slot_and_a_cancelled_appointment_stays_cancelled(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let c = app.allocataire(app.f.people1[2]).await;
    let (s0, s1) = (app.f.slots1[0].to_string(), app.f.slots1[4].to_string());
    let (status, done) = app
        .call(
            &c,
            "/api/rdv/reserver",
            &[
                ("slot_id", &s0),
                ("modality", "sur_place"),
                ("idempotency_key", "move-test-01"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let id = done["redirect"]
        .as_str()
        .unwrap_or("")
        .trim_start_matches("/rdv/")
        .to_string();
    let (status, body) = app
        .call(
            &c,
            "/api/rdv/deplacer",
            &[
                ("appointment_id", &id),
                ("slot_id", &s1),
                ("modality", "telephone"),
                ("idempotency_key", "move-test-02"),
                ("reason", "rendez-vous médical"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The old slot is free again: someone else books it.
    let other = app.allocataire(app.f.people1[3]).await;
    assert_eq!(
        app.call(
            &other,
            "/api/rdv/reserver",
            &[
                ("slot_id", &s0),
                ("modality", "sur_place"),
                ("idempotency_key", "move-test-03")
            ]
        )
        .await
        .0,
        StatusCode::OK
    );
    let (status, _) = app
        .call(
            &c,
            "/api/rdv/annuler",
            &[("appointment_id", &id), ("reason", "plus disponible")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .call(
            &c,
            "/api/rdv/annuler",
            &[("appointment_id", &id), ("reason", "encore")],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "a cancelled appointment cannot be cancelled again"
    );
    app.sms_with("0700000002", "est annulé").await;
}
on_both!(moving_frees_the_old_slot_and_a_cancelled_appointment_stays_cancelled);

async fn online_booking_stops_at_the_cutoff_but_staff_can_book_by_phone(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let soon = chrono::Utc::now().timestamp() + 3 * 3600;
    app.state
        .store
        .create_slots(
            &[app::server::store::NewSlot {
                agency_id: app::domain::AgencyId(app.f.agency1),
                counsellor_id: app::domain::StaffId(app.f.counsellor1),
                starts_at: soon,
                ends_at: soon + 1800,
                modalities: vec![app::domain::appointment::Modality::SurPlace],
                location: "Agence".into(),
            }],
            soon,
            None,
        )
        .await
        .expect("slot");
    let slot = app
        .state
        .store
        .slots(
            &[app::domain::StaffId(app.f.counsellor1)],
            soon - 1,
            soon + 1,
        )
        .await
        .expect("slots")[0]
        .id
        .to_string();
    let c = app.allocataire(app.f.people1[4]).await;
    let (_, choices) = app.call(&c, "/api/rdv/creneaux", &[]).await;
    assert!(
        !choices.to_string().contains(&format!("\"id\":{slot},")),
        "a slot inside the 24 h cut-off is not offered online"
    );
    let (status, body) = app
        .call(
            &c,
            "/api/rdv/reserver",
            &[
                ("slot_id", &slot),
                ("modality", "sur_place"),
                ("idempotency_key", "cutoff-key-01"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("trop proche"), "{body}");
    let staff = app.staff("c1@test.fr").await;
    let person = app.f.people1[4].to_string();
    let (status, body) = app
        .call(
            &staff,
            "/api/pro/allocataire/reserver",
            &[
                ("allocataire_id", &person),
                ("slot_id", &slot),
                ("modality", "sur_place"),
                ("idempotency_key", "cutoff-key-02"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}
on_both!(online_booking_stops_at_the_cutoff_but_staff_can_book_by_phone);

async fn a_missed_rendez_vous_offers_the_next_step_and_its_relance_goes_once(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let id = f.people1[6];
    let person = app.allocataire(id).await;
    let done = app
        .book(&person, f.slots1[3], "telephone", "relance-0001")
        .await;
    let appointment: i64 = done["redirect"]
        .as_str()
        .and_then(|r| r.trim_start_matches("/rdv/").parse().ok())
        .expect("appointment id");
    let staff = app.staff("c1@test.fr").await;
    let relance = |c: &reqwest::Client| {
        let (app, c) = (&app, c.clone());
        async move {
            app.call(
                &c,
                "/api/pro/rdv/relance",
                &[("appointment_id", appointment.to_string().as_str())],
            )
            .await
        }
    };
    // Still booked: no relance.
    let (status, body) = relance(&staff).await;
    assert_eq!(status, reqwest::StatusCode::CONFLICT, "{body}");
    // It took place yesterday and the person did not come.
    app.sql(&format!(
        "UPDATE appointments SET starts_at = starts_at - 10 * 86400, ends_at = ends_at - 10 * 86400 WHERE id = {appointment}"
    ))
    .await;
    let (status, body) = app
        .call(
            &staff,
            "/api/pro/rdv/resultat",
            &[
                ("appointment_id", appointment.to_string().as_str()),
                ("outcome", "missed"),
            ],
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::OK, "{body}");
    let file = format!("/pro/allocataires/{id}");
    let (_, html) = app.page(&staff, &file).await;
    assert!(html.contains("Prochaine étape"), "{html}");
    assert!(html.contains(&format!("href=\"{file}#reserver\"")));
    assert!(html.contains("Envoyer une relance"));
    // Neither the person nor another agency may send it.
    assert_eq!(relance(&person).await.0, reqwest::StatusCode::FORBIDDEN);
    let other = app.staff("c3@test.fr").await;
    assert_eq!(relance(&other).await.0, reqwest::StatusCode::NOT_FOUND);

    let phone = format!("07{:08}", 6);
    let sent = app.sms_count();
    let (status, body) = relance(&staff).await;
    assert_eq!(status, reqwest::StatusCode::OK, "{body}");
    let sms = app.sms_to(&phone, sent).await;
    assert!(sms.contains("pas pu venir"), "{sms}");
    assert!(
        sms.contains("/espace") && sms.contains("01 00 00 00 00"),
        "{sms}"
    );
    assert!(app::domain::sms::is_gsm7(&sms), "{sms}");
    // Once: a second post sends nothing more and says so.
    let (status, body) = relance(&staff).await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert!(body.to_string().contains("déjà partie"), "{body}");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let to_person = app
        .sms
        .lock()
        .expect("lock")
        .iter()
        .filter(|m| {
            m["to"] == phone.as_str()
                && m["text"]
                    .as_str()
                    .is_some_and(|t| t.contains("pas pu venir"))
        })
        .count();
    assert_eq!(to_person, 1);
    let (_, html) = app.page(&staff, &file).await;
    assert!(html.contains("Relance envoyée le"), "{html}");
    assert!(!html.contains("Envoyer une relance"));
}
on_both!(a_missed_rendez_vous_offers_the_next_step_and_its_relance_goes_once);
