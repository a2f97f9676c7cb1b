//! The agency's own rules (booking and change cut-offs, the online limit of upcoming
//! rendez-vous), its closure days, staff planning a series of rendez-vous, and the
//! manager's audit trail — on SQLite and PostgreSQL.

use crate::common::{spawn, Db, TestApp};
use app::domain::calendar;
use app::server::format;
use reqwest::StatusCode;
use serde_json::Value;

/// The manager's rules for agency 1: (booking cut-off, change cut-off, upcoming limit).
async fn set_rules(app: &TestApp, booking: &str, change: &str, upcoming: &str) -> StatusCode {
    let manager = app.staff("manager1@test.fr").await;
    let (status, body) = app
        .call(
            &manager,
            "/api/pro/reglages/regles",
            &[
                ("booking_cutoff_hours", booking),
                ("change_cutoff_hours", change),
                ("max_upcoming_online", upcoming),
            ],
        )
        .await;
    assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
    status
}

/// Books as a JSON client; returns the status and the answer.
async fn try_book(app: &TestApp, c: &reqwest::Client, slot: i64, key: &str) -> (StatusCode, Value) {
    let slot = slot.to_string();
    app.call(
        c,
        "/api/rdv/reserver",
        &[
            ("slot_id", slot.as_str()),
            ("modality", "sur_place"),
            ("idempotency_key", key),
        ],
    )
    .await
}

/// The ids of the slots a choices answer offers.
fn offered(choices: &Value) -> Vec<i64> {
    choices["days"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["slots"].as_array().cloned().unwrap_or_default())
        .filter_map(|s| s["id"].as_i64())
        .collect()
}

fn appointment_id(done: &Value) -> String {
    done["redirect"]
        .as_str()
        .unwrap_or("")
        .trim_start_matches("/rdv/")
        .to_string()
}

async fn each_agency_sets_its_booking_and_change_cutoffs_and_online_limit(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let person = app.allocataire(f.people1[0]).await;

    // Only managers (and the admin) set the rules; bad values are refused, nothing changes.
    let referent = app.staff("c1@test.fr").await;
    let (status, _) = app
        .call(
            &referent,
            "/api/pro/reglages/regles",
            &[
                ("booking_cutoff_hours", "12"),
                ("change_cutoff_hours", "24"),
                ("max_upcoming_online", "2"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        set_rules(&app, "0", "500", "zéro").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let stored = format!(
        "SELECT booking_cutoff_hours * 10000 + change_cutoff_hours * 10 + max_upcoming_online FROM agencies WHERE id = {}",
        f.agency1
    );
    assert_eq!(
        app.scalar(&stored).await,
        24 * 10000 + 24 * 10 + 1,
        "defaults kept"
    );

    // Default: one upcoming rendez-vous booked online.
    let first = app
        .book(&person, f.slots1[2], "sur_place", "rules-0001")
        .await;
    let (status, body) = try_book(&app, &person, f.slots1[3], "rules-0002").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(
        body.to_string().contains("déjà un rendez-vous prévu"),
        "{body}"
    );

    // The agency allows two: the second goes through, the third says « 2 ».
    assert_eq!(set_rules(&app, "24", "24", "2").await, StatusCode::OK);
    assert_eq!(app.scalar(&stored).await, 24 * 10000 + 24 * 10 + 2);
    let (status, body) = try_book(&app, &person, f.slots1[3], "rules-0003").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = try_book(&app, &person, f.slots1[4], "rules-0004").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(
        body.to_string().contains("déjà 2 rendez-vous prévus"),
        "{body}"
    );

    // Staff plan as many future meetings as agreed with the person, whatever the limit.
    let counsellor = app.staff("c1@test.fr").await;
    for (i, slot) in [f.slots1[5], f.slots1[6], f.slots1[7]].iter().enumerate() {
        let (status, body) = app
            .call(
                &counsellor,
                "/api/pro/allocataire/reserver",
                &[
                    ("allocataire_id", f.people1[0].to_string().as_str()),
                    ("slot_id", slot.to_string().as_str()),
                    ("modality", "telephone"),
                    ("idempotency_key", format!("staff-plan-000{i}").as_str()),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let upcoming = format!(
        "SELECT COUNT(*) FROM appointments WHERE allocataire_id = {} AND status = 'booked'",
        f.people1[0]
    );
    assert_eq!(app.scalar(&upcoming).await, 5);

    // The change cut-off is its own setting: a week before, the person can no longer move
    // a rendez-vous four days away online; at 24 hours, they can.
    let id = appointment_id(&first);
    let move_to = |slot: i64, key: &'static str| {
        let (app, person, id) = (&app, &person, id.clone());
        async move {
            app.call(
                person,
                "/api/rdv/deplacer",
                &[
                    ("appointment_id", id.as_str()),
                    ("slot_id", slot.to_string().as_str()),
                    ("modality", "sur_place"),
                    ("idempotency_key", key),
                    ("reason", "Un empêchement"),
                ],
            )
            .await
        }
    };
    assert_eq!(set_rules(&app, "24", "168", "9").await, StatusCode::OK);
    let (status, body) = move_to(f.slots1[8], "rules-0005").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.to_string().contains("168"), "{body}");
    let (_, page) = app.page(&person, &format!("/rdv/{id}")).await;
    assert!(
        !page.contains("Déplacer ce rendez-vous"),
        "no move link past the cut-off"
    );
    assert_eq!(set_rules(&app, "24", "24", "9").await, StatusCode::OK);
    let (status, body) = move_to(f.slots1[8], "rules-0006").await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Another agency keeps its own rules.
    let other = format!(
        "SELECT max_upcoming_online FROM agencies WHERE id = {}",
        f.agency2
    );
    assert_eq!(app.scalar(&other).await, 1);
}
on_both!(each_agency_sets_its_booking_and_change_cutoffs_and_online_limit);

async fn a_first_meeting_can_be_booked_for_the_next_day_when_the_agency_allows_it(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    // A slot of the référent 18 hours from now (the day after, for most of the day).
    let now = chrono::Utc::now().timestamp();
    let starts = now + 18 * 3600;
    if calendar::public_holiday(format::day_of(starts)).is_some() {
        eprintln!("skipped: 18 hours from now is a public holiday");
        return;
    }
    app.sql(&format!(
        "INSERT INTO slots (agency_id, counsellor_id, starts_at, ends_at, modalities, location, status, created_at) \
         VALUES ({}, {}, {starts}, {}, 'sur_place', 'Agence', 'open', {now})",
        f.agency1,
        f.counsellor1,
        starts + 1800
    ))
    .await;
    let slot = app
        .scalar(&format!(
            "SELECT id FROM slots WHERE counsellor_id = {} AND starts_at = {starts}",
            f.counsellor1
        ))
        .await;
    let person = app.allocataire(f.people1[1]).await;
    // With the 24-hour rule it is neither offered nor bookable by a hand-made post.
    let (_, choices) = app.call(&person, "/api/rdv/creneaux", &[]).await;
    assert!(!offered(&choices).contains(&slot), "{choices}");
    let (status, body) = try_book(&app, &person, slot, "nextday-0001").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // At 12 hours it is offered first and booked.
    assert_eq!(set_rules(&app, "12", "24", "1").await, StatusCode::OK);
    let (_, choices) = app.call(&person, "/api/rdv/creneaux", &[]).await;
    assert_eq!(choices["days"][0]["slots"][0]["id"], slot, "{choices}");
    let (status, body) = try_book(&app, &person, slot, "nextday-0002").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // It is inside the change cut-off: the person reads that they should call.
    let (_, page) = app
        .page(&person, body["redirect"].as_str().unwrap_or(""))
        .await;
    assert!(page.contains("appelez la personne qui vous suit"), "{page}");
}
on_both!(a_first_meeting_can_be_booked_for_the_next_day_when_the_agency_allows_it);

async fn a_closure_day_is_never_offered_nor_booked_nor_opened(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let manager = app.staff("manager1@test.fr").await;
    let starts = app
        .scalar(&format!(
            "SELECT starts_at FROM slots WHERE id = {}",
            f.slots1[1]
        ))
        .await;
    let day = format::day_of(starts);
    let date = day.to_string();
    let close = |c: &reqwest::Client, date: String| {
        let (app, c) = (&app, c.clone());
        async move {
            app.call(
                &c,
                "/api/pro/reglages/fermeture",
                &[("date", date.as_str()), ("label", "Pont")],
            )
            .await
        }
    };
    let referent = app.staff("c1@test.fr").await;
    assert_eq!(
        close(&referent, date.clone()).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, body) = close(&manager, date.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.to_string().contains("Un créneau libre a été fermé"),
        "{body}"
    );
    let (status, body) = close(&manager, date.clone()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("déjà fermée"), "{body}");
    let (status, _) = close(&manager, "2001-01-01".into()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a past day");

    // Even reopened by hand (an import, a slot opened before the closure), the day is
    // never offered, and a hand-made post cannot book it.
    app.sql(&format!(
        "UPDATE slots SET status = 'open' WHERE id = {}",
        f.slots1[1]
    ))
    .await;
    let person = app.allocataire(f.people1[2]).await;
    let (_, choices) = app.call(&person, "/api/rdv/creneaux", &[]).await;
    let ids = offered(&choices);
    assert!(!ids.is_empty(), "{choices}");
    assert!(
        !ids.contains(&f.slots1[1]),
        "the closed day is not offered: {choices}"
    );
    let (status, body) = try_book(&app, &person, f.slots1[1], "closed-0001").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    // Opening hours over two weeks skip the day, and say so.
    let (status, body) = app
        .call(
            &manager,
            "/api/pro/creneaux/ouvrir",
            &[
                ("counsellor_id", f.counsellor2.to_string().as_str()),
                ("date", date.as_str()),
                ("time", "14:00"),
                ("duration", "30"),
                ("weeks", "2"),
                ("sur_place", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.to_string().contains("fermeture sautés"), "{body}");
    let on_that_day = format!(
        "SELECT COUNT(*) FROM slots WHERE counsellor_id = {} AND starts_at >= {} AND starts_at < {}",
        f.counsellor2,
        format::day_start(day),
        format::day_start(day) + 86_400
    );
    assert_eq!(app.scalar(&on_that_day).await, 0);

    // The agenda and the settings page name it; another agency's manager cannot touch it.
    let (_, agenda) = app
        .page(&manager, &format!("/pro/agenda?jour={date}"))
        .await;
    assert!(agenda.contains("Agence fermée (Pont)"), "{agenda}");
    let (_, settings) = app.page(&manager, "/pro/reglages").await;
    assert!(settings.contains(&format::date(day)), "{settings}");
    let other = app.staff("manager2@test.fr").await;
    let (status, _) = app
        .call(
            &other,
            "/api/pro/reglages/fermeture/retirer",
            &[("date", date.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "nothing to remove in agency 2");
    let closures = format!(
        "SELECT COUNT(*) FROM agency_closures WHERE agency_id = {}",
        f.agency1
    );
    assert_eq!(app.scalar(&closures).await, 1);
    let (status, _) = app
        .call(
            &manager,
            "/api/pro/reglages/fermeture/retirer",
            &[("date", date.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.scalar(&closures).await, 0);
    let (_, choices) = app.call(&person, "/api/rdv/creneaux", &[]).await;
    assert!(
        offered(&choices).contains(&f.slots1[1]),
        "offered again: {choices}"
    );
}
on_both!(a_closure_day_is_never_offered_nor_booked_nor_opened);

async fn staff_plan_a_series_of_rendez_vous_every_two_weeks(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let counsellor = app.staff("c1@test.fr").await;
    // Weekly opening at 15:00 UTC… for six weeks, from a working day a week ahead.
    let mut first = format::today(chrono::Utc::now()) + chrono::Duration::days(7);
    while !calendar::is_working_day(first) {
        first += chrono::Duration::days(1);
    }
    let (status, body) = app
        .call(
            &counsellor,
            "/api/pro/creneaux/ouvrir",
            &[
                ("date", first.to_string().as_str()),
                ("time", "16:00"),
                ("duration", "45"),
                ("weeks", "6"),
                ("sur_place", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let at_four = |day: chrono::NaiveDate| {
        format::local(
            day,
            chrono::NaiveTime::from_hms_opt(16, 0, 0).expect("time"),
        )
        .expect("local")
    };
    let slot_on = |day: chrono::NaiveDate| {
        let app = &app;
        async move {
            app.scalar(&format!(
                "SELECT COALESCE(MAX(id), 0) FROM slots WHERE counsellor_id = {} AND starts_at = {}",
                f.counsellor1,
                at_four(day)
            ))
            .await
        }
    };
    let weeks: Vec<chrono::NaiveDate> =
        (0..6).map(|w| first + chrono::Duration::weeks(w)).collect();
    let first_slot = slot_on(weeks[0]).await;
    assert!(first_slot > 0);
    // The week-2 slot is taken away (closed): that date is skipped and named.
    let week_two = slot_on(weeks[2]).await;
    if week_two > 0 {
        let (status, _) = app
            .call(
                &counsellor,
                "/api/pro/creneaux/fermer",
                &[("slot_id", week_two.to_string().as_str())],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    let person = f.people1[3].to_string();
    let post = |every: &'static str, until: String, key: &'static str| {
        let (app, c, person) = (&app, &counsellor, person.clone());
        async move {
            app.call(
                c,
                "/api/pro/allocataire/reserver",
                &[
                    ("allocataire_id", person.as_str()),
                    ("slot_id", first_slot.to_string().as_str()),
                    ("modality", "sur_place"),
                    ("idempotency_key", key),
                    ("every_weeks", every),
                    ("until", until.as_str()),
                ],
            )
            .await
        }
    };
    // Half a series, or an end before the start: refused next to the field, nothing booked.
    let (status, body) = post("2", String::new(), "series-0001").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("date de fin"), "{body}");
    let (status, body) = post("2", weeks[0].to_string(), "series-0002").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let booked = format!(
        "SELECT COUNT(*) FROM appointments WHERE allocataire_id = {person} AND status = 'booked'"
    );
    assert_eq!(app.scalar(&booked).await, 0);

    // Every two weeks until week 5: weeks 0, 2 and 4; week 2 has no free slot.
    let (status, body) = post("2", weeks[5].to_string(), "series-0003").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let expected: Vec<i64> = {
        let mut v = Vec::new();
        for w in [0, 4] {
            let s = slot_on(weeks[w]).await;
            if s > 0 {
                v.push(s);
            }
        }
        v
    };
    assert_eq!(
        app.scalar(&booked).await,
        i64::try_from(expected.len()).unwrap_or(0)
    );
    for s in &expected {
        assert_eq!(
            app.scalar(&format!(
                "SELECT COUNT(*) FROM appointments WHERE slot_id = {s} AND allocataire_id = {person} AND booked_by = 'staff'"
            ))
            .await,
            1
        );
    }
    let text = body.to_string();
    assert!(
        text.contains(&format!("{} rendez-vous réservés", expected.len())),
        "{text}"
    );
    assert!(
        text.contains(&format::date(weeks[2])),
        "the skipped week is named: {text}"
    );
    // Posted again (a retry), the series books nothing more.
    let (status, _) = post("2", weeks[5].to_string(), "series-0003").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        app.scalar(&booked).await,
        i64::try_from(expected.len()).unwrap_or(0)
    );
}
on_both!(staff_plan_a_series_of_rendez_vous_every_two_weeks);

async fn a_manager_reads_who_read_or_changed_a_file_in_their_agency_only(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let id = f.people1[4];
    let c1 = app.staff("c1@test.fr").await;
    let (status, _) = app.page(&c1, &format!("/pro/allocataires/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let person = app.allocataire(id).await;
    app.book(&person, f.slots1[0], "telephone", "trail-0001")
        .await;
    // The other agency's counsellor reads their own person: not in agency 1's trail.
    let c3 = app.staff("c3@test.fr").await;
    app.page(&c3, &format!("/pro/allocataires/{}", f.person2))
        .await;

    let manager = app.staff("manager1@test.fr").await;
    let trail = |filter: Vec<(&'static str, String)>| {
        let (app, manager) = (&app, &manager);
        async move {
            let form: Vec<(&str, &str)> = filter.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let (status, v) = app.call(manager, "/api/pro/journal", &form).await;
            assert_eq!(status, StatusCode::OK, "{v}");
            v
        }
    };
    let file = trail(vec![("dossier", id.to_string())]).await;
    let lines = file["lines"].as_array().cloned().unwrap_or_default();
    let has = |action: &str, actor: &str| {
        lines.iter().any(|l| {
            l["action"] == action && l["actor"].as_str().is_some_and(|a| a.contains(actor))
        })
    };
    assert!(has("Dossier consulté", "c1"), "{file}");
    assert!(has("Rendez-vous pris en ligne", "Allocataire"), "{file}");
    assert!(
        lines.iter().all(|l| l["file"] == id),
        "only this file: {file}"
    );
    // By who: the other counsellor has not read it.
    let c2_only = trail(vec![
        ("dossier", id.to_string()),
        ("qui", f.counsellor2.to_string()),
    ])
    .await;
    assert_eq!(
        c2_only["lines"].as_array().map_or(0, Vec::len),
        0,
        "{c2_only}"
    );
    // By kind, and agency 2's reads never show.
    let reads = trail(vec![("quoi", "allocataire.read".into())]).await;
    assert!(
        !reads
            .to_string()
            .contains(&format!("\"file\":{}", f.person2)),
        "{reads}"
    );
    assert!(reads["lines"].as_array().is_some_and(|l| !l.is_empty()));
    // Dates outside: nothing.
    let past = trail(vec![("fin", "2001-01-01".into())]).await;
    assert_eq!(past["lines"].as_array().map_or(0, Vec::len), 0);

    // A counsellor may not read the trail; the page is titled for the manager.
    let (status, _) = app.call(&c1, "/api/pro/journal", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, html) = app
        .page(&manager, &format!("/pro/journal?dossier={id}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<title>Journal des accès"), "{html}");
    assert!(html.contains(&format!("href=\"/pro/allocataires/{id}\"")));
    // Reading the trail is in the trail.
    assert!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'audit.read'")
            .await
            >= 1
    );
}
on_both!(a_manager_reads_who_read_or_changed_a_file_in_their_agency_only);
