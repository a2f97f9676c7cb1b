//! Collective workshops (issue 8): seats never overfilled under a race, the waiting list
//! in arrival order, a freed seat offered to the next person (and to the one after when
//! the offer expires), capacity changes, cancellation, attendance, and bad input refused
//! with nothing written — on SQLite and PostgreSQL.

use crate::common::{spawn, Db, TestApp};
use app::domain::workshop::{Audience, RegistrationStatus, Theme};
use app::domain::{AgencyId, AllocataireId, WorkshopId};
use app::server::store::{NewWorkshop, PlaceChange, RegisterOutcome, WorkshopRow};
use reqwest::StatusCode;
use serde_json::Value;

/// A session of agency `agency` in five days (on a whole minute, as the forms set it),
/// created through the store (the page's validation has its own tests).
pub async fn create(app: &TestApp, agency: AgencyId, capacity: i64, audience: Audience) -> i64 {
    let now = chrono::Utc::now().timestamp();
    let starts_at = (now + 5 * 86_400) / 60 * 60;
    app.state
        .store
        .create_workshops(
            &[NewWorkshop {
                agency_id: agency,
                title: "Préparer un entretien".into(),
                theme: Theme::JobSearch.as_str().into(),
                description: "Deux heures pour s'entraîner.".into(),
                starts_at,
                ends_at: starts_at + 7200,
                place: "Salle 2".into(),
                video_url: None,
                capacity,
                audience,
                registration_deadline: starts_at - 3600,
                facilitator_id: None,
                facilitators: String::new(),
                created_by: None,
            }],
            None,
            now,
        )
        .await
        .expect("create workshop")[0]
        .0
}

/// The status of a person's active place (None: no active place).
async fn place(app: &TestApp, workshop: i64, person: i64) -> Option<String> {
    app.state
        .store
        .registrations(WorkshopId(workshop))
        .await
        .expect("registrations")
        .into_iter()
        .find(|r| r.allocataire_id.0 == person && r.status.is_active())
        .map(|r| r.status.as_str().to_string())
}

fn done_notice(v: &Value) -> String {
    v["notice"].as_str().unwrap_or_default().to_string()
}

async fn two_hundred_people_race_for_ten_seats(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let w = create(&app, AgencyId(f.agency1), 10, Audience::Agency).await;
    // 200 people of agency 1 (the fixture's 20 and 180 more).
    let values: Vec<String> = (0..180)
        .map(|i| {
            format!(
                "({}, {}, '{}', 'Course{i}', 'Zed', '0688{i:06}', '2026-11-20', 0)",
                f.agency1,
                f.counsellor1,
                7_000_000 + i
            )
        })
        .collect();
    app.sql(&format!(
        "INSERT INTO allocataires (agency_id, counsellor_id, numero, first_name, last_name, phone, orientation_date, created_at) VALUES {}",
        values.join(", ")
    ))
    .await;
    let people: Vec<i64> = {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&app.db_url).await.expect("connect");
        let rows: Vec<(i64,)> = sqlx::query_as(&format!(
            "SELECT id FROM allocataires WHERE agency_id = {} ORDER BY id",
            f.agency1
        ))
        .fetch_all(&pool)
        .await
        .expect("people");
        pool.close().await;
        rows.into_iter().map(|(id,)| id).collect()
    };
    assert_eq!(people.len(), 200);
    let store = app.state.store.clone();
    let no_messages = |_: &WorkshopRow, _: &PlaceChange| Vec::new();
    let now = chrono::Utc::now().timestamp();
    let mut tasks = Vec::new();
    for &p in &people {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let key = format!("race-{p}");
            // Each person posts twice with the same key (a double tap, a retry).
            let first = store
                .register(
                    WorkshopId(w),
                    AllocataireId(p),
                    &key,
                    &no_messages,
                    None,
                    now,
                )
                .await
                .expect("register");
            let again = store
                .register(
                    WorkshopId(w),
                    AllocataireId(p),
                    &key,
                    &no_messages,
                    None,
                    now,
                )
                .await
                .expect("register again");
            (p, first, again)
        }));
    }
    let mut registered = 0;
    for t in tasks {
        let (p, first, again) = t.await.expect("task");
        let status = match first {
            RegisterOutcome::Created(s) => s,
            other => panic!("person {p}: {other:?}"),
        };
        assert_eq!(again, RegisterOutcome::Replayed(status), "person {p}");
        if status == RegistrationStatus::Registered {
            registered += 1;
        }
    }
    assert_eq!(registered, 10);
    let wk = format!("workshop_id = {w}");
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM workshop_registrations WHERE {wk} AND status = 'registered'"
        ))
        .await,
        10
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM workshop_registrations WHERE {wk} AND status = 'waiting'"
        ))
        .await,
        190
    );
    // One row per person: the retries created nothing.
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM workshop_registrations WHERE {wk}"
        ))
        .await,
        200
    );
    // The waiting list is in arrival order: every registered row came before every waiting one.
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM workshop_registrations r WHERE {wk} AND r.status = 'registered' \
             AND r.id > (SELECT MIN(id) FROM workshop_registrations WHERE {wk} AND status = 'waiting')"
        ))
        .await,
        0
    );
    // The database itself refuses a second active place for a person.
    let first = people[0];
    assert!(app
        .try_sql(&format!(
            "INSERT INTO workshop_registrations (workshop_id, allocataire_id, status, created_at, updated_at) VALUES ({w}, {first}, 'waiting', 0, 0)"
        ))
        .await
        .is_err());
}
on_both!(two_hundred_people_race_for_ten_seats);

async fn a_freed_seat_goes_to_the_first_person_waiting_then_to_the_next(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let w = create(&app, AgencyId(f.agency1), 1, Audience::Agency).await;
    let ws = w.to_string();
    let (a, b, c) = (f.people1[1], f.people1[2], f.people1[3]);
    let (ca, cb, cc) = (
        app.allocataire(a).await,
        app.allocataire(b).await,
        app.allocataire(c).await,
    );
    let join = |client: &reqwest::Client, key: &'static str| {
        let ws = ws.clone();
        let client = client.clone();
        let app = &app;
        async move {
            app.call(
                &client,
                "/api/espace/ateliers/inscrire",
                &[("workshop_id", ws.as_str()), ("idempotency_key", key)],
            )
            .await
        }
    };
    // The card says how many seats are left, then that it is full.
    let (_, offer) = app.call(&cb, "/api/espace/ateliers", &[]).await;
    assert_eq!(
        offer["sessions"][0]["card"]["seats"], "1 place restante",
        "{offer}"
    );
    let (status, done) = join(&ca, "join-a-000001").await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert!(done_notice(&done).contains("Vous êtes inscrit"), "{done}");
    let (_, offer) = app.call(&cb, "/api/espace/ateliers", &[]).await;
    assert_eq!(
        offer["sessions"][0]["card"]["seats"], "Complet — liste d'attente",
        "{offer}"
    );
    let (status, done) = join(&cb, "join-b-000001").await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert!(done_notice(&done).contains("liste d'attente"), "{done}");
    join(&cc, "join-c-000001").await;
    assert_eq!(place(&app, w, b).await.as_deref(), Some("waiting"));
    let (_, mine) = app.call(&cc, "/api/espace/ateliers", &[]).await;
    assert_eq!(mine["sessions"][0]["mine"]["position"], 2, "{mine}");

    // A leaves: B (first waiting) is offered the seat, by SMS with the link; C still waits.
    let before = app.sms_count();
    let (status, done) = app
        .call(
            &ca,
            "/api/espace/ateliers/quitter",
            &[("workshop_id", ws.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(place(&app, w, a).await, None);
    assert_eq!(place(&app, w, b).await.as_deref(), Some("offered"));
    assert_eq!(place(&app, w, c).await.as_deref(), Some("waiting"));
    let phone_b = app.phone_of(b).await;
    let sms = app.sms_to(&phone_b, before).await;
    assert!(
        sms.contains("une place s'est liberee") || sms.contains("une place s'est libérée"),
        "{sms}"
    );
    assert!(sms.contains("/espace/ateliers"), "{sms}");
    // C cannot take B's seat.
    let (status, _) = app
        .call(
            &cc,
            "/api/espace/ateliers/confirmer",
            &[("workshop_id", ws.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);

    // B lets the offer run out: the job expires it and offers the seat to C.
    app.sql(&format!(
        "UPDATE workshop_registrations SET offered_until = 1 WHERE workshop_id = {w} AND allocataire_id = {b}"
    ))
    .await;
    let expired = app::server::services::workshops::expire_offers(&app.state, chrono::Utc::now())
        .await
        .expect("expire");
    assert_eq!(expired, 1);
    // Run twice (a restart, a second process): nothing more happens.
    let again = app::server::services::workshops::expire_offers(&app.state, chrono::Utc::now())
        .await
        .expect("expire again");
    assert_eq!(again, 0);
    assert_eq!(place(&app, w, b).await, None);
    assert_eq!(place(&app, w, c).await.as_deref(), Some("offered"));
    let (status, done) = app
        .call(
            &cc,
            "/api/espace/ateliers/confirmer",
            &[("workshop_id", ws.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(place(&app, w, c).await.as_deref(), Some("registered"));
    // Exactly one offer per freed seat, ever: two offers were made (B, then C).
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM workshop_registrations WHERE workshop_id = {w} AND status IN ('registered', 'offered')"
        ))
        .await,
        1
    );
}
on_both!(a_freed_seat_goes_to_the_first_person_waiting_then_to_the_next);

async fn staff_change_capacity_cancel_and_sign_attendance(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let c1 = app.staff("c1@test.fr").await;
    // Created through the page's form: the errors first, nothing written.
    let day = (chrono::Utc::now() + chrono::Duration::days(10))
        .date_naive()
        .to_string();
    let past = (chrono::Utc::now() - chrono::Duration::days(1))
        .date_naive()
        .to_string();
    let form = |date: &str, capacity: &str| {
        vec![
            ("title", "Découvrir les métiers du soin".to_string()),
            ("theme", "metiers".to_string()),
            (
                "description",
                "Rencontre avec des professionnels.".to_string(),
            ),
            ("date", date.to_string()),
            ("time", "14:00".to_string()),
            ("duration_minutes", "120".to_string()),
            ("place", "Salle 1".to_string()),
            ("video_url", String::new()),
            ("capacity", capacity.to_string()),
            ("audience", "agence".to_string()),
            ("deadline_hours", "24".to_string()),
        ]
    };
    let post = |fields: Vec<(&'static str, String)>| {
        let c1 = c1.clone();
        let app = &app;
        async move {
            let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(&c1, "/api/pro/ateliers/creer", &form).await
        }
    };
    for (fields, field) in [
        (form(&day, "0"), "capacity"),
        (form(&day, "-4"), "capacity"),
        (form(&past, "8"), "date"),
        (form("+262142-12-31", "8"), "date"),
    ] {
        let (status, body) = post(fields).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.to_string().contains(field), "{field}: {body}");
    }
    assert_eq!(app.scalar("SELECT COUNT(*) FROM workshops").await, 0);
    let (status, done) = post(form(&day, "2")).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let w: i64 = done["redirect"]
        .as_str()
        .unwrap_or_default()
        .trim_start_matches("/pro/ateliers/")
        .parse()
        .expect("workshop id");
    let ws = w.to_string();
    // Another agency's staff do not see it.
    let c3 = app.staff("c3@test.fr").await;
    let (status, _) = app
        .call(&c3, "/api/pro/ateliers/voir", &[("id", ws.as_str())])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Nor do another agency's allocataires register to it.
    let other = app.allocataire(f.person2).await;
    let (status, _) = app
        .call(
            &other,
            "/api/espace/ateliers/inscrire",
            &[
                ("workshop_id", ws.as_str()),
                ("idempotency_key", "other-agency-1"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Two registered, one waiting.
    let people = [f.people1[1], f.people1[2], f.people1[3]];
    for (i, p) in people.iter().enumerate() {
        let c = app.allocataire(*p).await;
        let key = format!("staff-test-{i}-0001");
        let (status, body) = app
            .call(
                &c,
                "/api/espace/ateliers/inscrire",
                &[
                    ("workshop_id", ws.as_str()),
                    ("idempotency_key", key.as_str()),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    // Lowering below the seats held is refused, with the number; nothing changes.
    let (status, body) = app
        .call(
            &c1,
            "/api/pro/ateliers/capacite",
            &[("workshop_id", ws.as_str()), ("capacity", "1")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.to_string().contains("2 places sont déjà prises"),
        "{body}"
    );
    // Raising it offers the new seat to the person waiting.
    let (status, done) = app
        .call(
            &c1,
            "/api/pro/ateliers/capacite",
            &[("workshop_id", ws.as_str()), ("capacity", "3")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert!(done_notice(&done).contains("première personne"), "{done}");
    assert_eq!(place(&app, w, people[2]).await.as_deref(), Some("offered"));

    // Attendance is signed from an hour before the start, for registered people only.
    let (_, detail) = app
        .call(&c1, "/api/pro/ateliers/voir", &[("id", ws.as_str())])
        .await;
    let first = detail["people"][0]["id"]
        .as_i64()
        .expect("registration")
        .to_string();
    let (status, _) = app
        .call(
            &c1,
            "/api/pro/ateliers/presence",
            &[
                ("workshop_id", ws.as_str()),
                ("registration_id", first.as_str()),
                ("presence", "present"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let now = chrono::Utc::now().timestamp();
    app.sql(&format!(
        "UPDATE workshops SET starts_at = {}, ends_at = {} WHERE id = {w}",
        now - 60,
        now + 3600
    ))
    .await;
    let (status, done) = app
        .call(
            &c1,
            "/api/pro/ateliers/presence",
            &[
                ("workshop_id", ws.as_str()),
                ("registration_id", first.as_str()),
                ("presence", "present"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(
        app.scalar(&format!("SELECT COUNT(*) FROM workshop_registrations WHERE workshop_id = {w} AND attendance = 'present'")).await,
        1
    );
    let (status, _) = app
        .call(
            &c1,
            "/api/pro/ateliers/presence",
            &[
                ("workshop_id", ws.as_str()),
                ("registration_id", first.as_str()),
                ("presence", "ailleurs"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // Cancelling tells everyone with an active place, and closes registration.
    app.sql(&format!(
        "UPDATE workshops SET starts_at = {}, ends_at = {} WHERE id = {w}",
        now + 86_400,
        now + 90_000
    ))
    .await;
    let before = app.sms_count();
    let (status, done) = app
        .call(
            &c1,
            "/api/pro/ateliers/annuler",
            &[("workshop_id", ws.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    for p in people {
        let phone = app.phone_of(p).await;
        let sms = app.sms_to(&phone, before).await;
        assert!(sms.contains("annul"), "{sms}");
        assert_eq!(place(&app, w, p).await, None);
    }
    let c = app.allocataire(f.people1[4]).await;
    let (status, _) = app
        .call(
            &c,
            "/api/espace/ateliers/inscrire",
            &[
                ("workshop_id", ws.as_str()),
                ("idempotency_key", "after-cancel-1"),
            ],
        )
        .await;
    assert_ne!(status, StatusCode::OK);
    // Every change is in the agency's audit trail.
    assert!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'workshop.%'")
            .await
            >= 8
    );
}
on_both!(staff_change_capacity_cancel_and_sign_attendance);

#[test]
fn every_workshop_sms_is_gsm7_in_at_most_two_segments() {
    use app::domain::sms;
    let long = "Préparer un entretien d'embauche dans les métiers du soin";
    for key in [
        "notify-workshop-registered",
        "notify-workshop-reminder",
        "notify-workshop-waiting",
        "notify-workshop-offered",
        "notify-workshop-expired",
        "notify-workshop-cancelled",
    ] {
        let text = app::i18n::text(
            app::i18n::Lang::Fr,
            key,
            &[
                ("title", long.into()),
                (
                    "when",
                    "mercredi 30 septembre 2026, 14 h 30 – 16 h 30".into(),
                ),
                ("until", "mardi 29 septembre 2026 à 14 h 30".into()),
                ("link", "https://rdv.ali93.fr/espace/ateliers".into()),
            ],
        );
        let body = sms::to_gsm7(&text);
        assert!(
            sms::segments(&body) <= 2,
            "{key}: {} segments: {body}",
            sms::segments(&body)
        );
        assert!(!body.contains('·'), "{key}");
    }
}

async fn the_e_mails_carry_a_calendar_file_and_staff_download_the_list(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let w = create(&app, AgencyId(f.agency1), 5, Audience::Agency).await;
    let ws = w.to_string();
    // people1[0] has an e-mail on file.
    let person = app.allocataire(f.people1[0]).await;
    let (status, body) = app
        .call(
            &person,
            "/api/espace/ateliers/inscrire",
            &[
                ("workshop_id", ws.as_str()),
                ("idempotency_key", "ics-test-0001"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mails = |method: &'static str| {
        let app = &app;
        async move {
            app.scalar(&format!(
                "SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND recipient = 'personne0@exemple.test' \
                 AND ics LIKE '%METHOD:{method}%' AND ics LIKE '%UID:atelier-{w}@portail-ali%'"
            ))
            .await
        }
    };
    assert_eq!(mails("PUBLISH").await, 1);

    // The list as CSV: the agency's staff only.
    let c1 = app.staff("c1@test.fr").await;
    let path = format!("/pro/ateliers/{w}/liste.csv");
    let res = c1.get(app.url(&path)).send().await.expect("csv");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap_or("")
        .starts_with("text/csv"));
    let csv = res.text().await.expect("body");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "Nom;Prénom;Numéro allocataire;Statut;Inscription le;Présence"
    );
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(
        lines[1].starts_with("Test;Personne0;5000000;Inscrit ou inscrite;"),
        "{csv}"
    );
    let c3 = app.staff("c3@test.fr").await;
    assert_eq!(
        c3.get(app.url(&path)).send().await.expect("csv").status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        person
            .get(app.url(&path))
            .send()
            .await
            .expect("csv")
            .status(),
        StatusCode::SEE_OTHER
    );

    // Cancelling sends the same event, cancelled.
    let (status, _) = app
        .call(
            &c1,
            "/api/pro/ateliers/annuler",
            &[("workshop_id", ws.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(mails("CANCEL").await, 1);
}
on_both!(the_e_mails_carry_a_calendar_file_and_staff_download_the_list);

async fn a_reminder_goes_once_two_days_before_and_not_right_after_registering(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let w = create(&app, AgencyId(f.agency1), 5, Audience::Agency).await;
    let ws = w.to_string();
    let (early, late) = (f.people1[5], f.people1[6]);
    for (p, key) in [(early, "remind-early-01"), (late, "remind-late-001")] {
        let c = app.allocataire(p).await;
        let (status, body) = app
            .call(
                &c,
                "/api/espace/ateliers/inscrire",
                &[("workshop_id", ws.as_str()), ("idempotency_key", key)],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let now = chrono::Utc::now().timestamp();
    // The session is now 30 hours away; `early` registered three days ago.
    app.sql(&format!(
        "UPDATE workshops SET starts_at = {}, ends_at = {} WHERE id = {w}",
        now + 30 * 3600,
        now + 32 * 3600
    ))
    .await;
    app.sql(&format!(
        "UPDATE workshop_registrations SET created_at = {0}, updated_at = {0} WHERE workshop_id = {w} AND allocataire_id = {early}",
        now - 3 * 86_400
    ))
    .await;
    let before = app.sms_count();
    let remind = || app::server::services::workshops::remind(&app.state, chrono::Utc::now());
    assert_eq!(remind().await.expect("remind"), 1);
    let sms = app.sms_to(&app.phone_of(early).await, before).await;
    assert!(sms.contains("rappel"), "{sms}");
    // Once: the next runs write nothing more for this place.
    assert_eq!(remind().await.expect("remind again"), 0);
    // `late` registered seconds ago: the confirmation is enough for now.
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM workshop_registrations WHERE workshop_id = {w} AND reminder_sent_at IS NOT NULL"
        ))
        .await,
        1
    );
}
on_both!(a_reminder_goes_once_two_days_before_and_not_right_after_registering);

/// SMS written to the outbox (sent or not yet).
const SMS_WRITTEN: &str = "SELECT COUNT(*) FROM outbox WHERE channel = 'sms'";

/// The edit form of a session as the staff page fills it, with `changes` applied.
async fn edit_form(
    app: &TestApp,
    staff: &reqwest::Client,
    w: i64,
    changes: &[(&str, &str)],
) -> Vec<(String, String)> {
    let (status, detail) = app
        .call(staff, "/api/pro/ateliers/voir", &[("id", &w.to_string())])
        .await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    let mut form: Vec<(String, String)> = detail["edit"]
        .as_object()
        .expect("edit form")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect();
    for (k, v) in changes {
        match form.iter_mut().find(|(name, _)| name == k) {
            Some(field) => field.1 = v.to_string(),
            None => form.push((k.to_string(), v.to_string())),
        }
    }
    form.push(("workshop_id".into(), w.to_string()));
    form
}

async fn post(
    app: &TestApp,
    c: &reqwest::Client,
    path: &str,
    form: &[(String, String)],
) -> (StatusCode, Value) {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call(c, path, &pairs).await
}

async fn staff_edit_a_session_and_everyone_on_it_is_told(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let w = create(&app, AgencyId(f.agency1), 2, Audience::Agency).await;
    let ws = w.to_string();
    let people = [f.people1[0], f.people1[1], f.people1[2]];
    for (n, p) in people.iter().enumerate() {
        let c = app.allocataire(*p).await;
        let key = format!("edit-test-{n:04}");
        let (status, body) = app
            .call(
                &c,
                "/api/espace/ateliers/inscrire",
                &[
                    ("workshop_id", ws.as_str()),
                    ("idempotency_key", key.as_str()),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let c1 = app.staff("c1@test.fr").await;
    let starts_q = format!("SELECT starts_at FROM workshops WHERE id = {w}");
    let starts = || app.scalar(&starts_q);
    let before_start = starts().await;
    let next_day = app::server::format::day_of(before_start) + chrono::Duration::days(1);
    let moved =
        app::server::format::local(next_day, app::server::format::paris(before_start).time())
            .expect("a time");
    let day = next_day.to_string();

    // A capacity below the two seats held is refused, and nothing is written.
    let form = edit_form(&app, &c1, w, &[("date", &day), ("capacity", "1")]).await;
    let (status, body) = post(&app, &c1, "/api/pro/ateliers/modifier", &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.to_string().contains("2 places sont déjà prises"),
        "{body}"
    );
    assert_eq!(starts().await, before_start);
    // A day in the past is refused next to its field.
    let form = edit_form(&app, &c1, w, &[("date", "2020-01-07")]).await;
    let (status, body) = post(&app, &c1, "/api/pro/ateliers/modifier", &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("date"), "{body}");
    // Another agency's staff cannot touch it.
    let c3 = app.staff("c3@test.fr").await;
    let form = edit_form(&app, &c1, w, &[("date", &day)]).await;
    let (status, _) = post(&app, &c3, "/api/pro/ateliers/modifier", &form).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(starts().await, before_start);

    // A new day: the two registered and the one waiting are told, with a calendar update.
    let (status, done) = post(&app, &c1, "/api/pro/ateliers/modifier", &form).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert!(done_notice(&done).contains("3 personnes"), "{done}");
    assert_eq!(starts().await, moved);
    for p in people {
        let sms = app.sms_with(&app.phone_of(p).await, "change").await;
        assert!(sms.contains("Nouvelle date"), "{sms}");
    }
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND recipient = 'personne0@exemple.test' \
             AND ics LIKE '%UID:atelier-{w}@portail-ali%' AND ics LIKE '%SEQUENCE:1%' AND ics LIKE '%METHOD:PUBLISH%'"
        ))
        .await,
        1
    );
    // A new title only: saved, nobody is disturbed.
    let count = app.scalar(SMS_WRITTEN).await;
    let form = edit_form(&app, &c1, w, &[("title", "Réussir son entretien")]).await;
    let (status, done) = post(&app, &c1, "/api/pro/ateliers/modifier", &form).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done_notice(&done), "Atelier modifié.");
    assert_eq!(app.scalar(SMS_WRITTEN).await, count);
    // A third seat goes to the person waiting.
    let form = edit_form(&app, &c1, w, &[("capacity", "3")]).await;
    let (status, done) = post(&app, &c1, "/api/pro/ateliers/modifier", &form).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(place(&app, w, people[2]).await.as_deref(), Some("offered"));
}
on_both!(staff_edit_a_session_and_everyone_on_it_is_told);

async fn a_series_is_created_in_one_go_and_skips_closed_days(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let c1 = app.staff("c1@test.fr").await;
    // A Tuesday three weeks ahead with no public holiday on the next three Tuesdays.
    let mut first = app::server::format::today(chrono::Utc::now()) + chrono::Duration::days(21);
    while first.format("%u").to_string() != "2"
        || (0..4).any(|k| {
            app::domain::calendar::public_holiday(first + chrono::Duration::weeks(k)).is_some()
        })
    {
        first += chrono::Duration::days(1);
    }
    let closed = first + chrono::Duration::weeks(1);
    app.sql(&format!(
        "INSERT INTO agency_closures (agency_id, day, label, created_at) VALUES ({}, '{closed}', 'Pont', 0)",
        f.agency1
    ))
    .await;
    let until = (first + chrono::Duration::weeks(3)).to_string();
    let first_s = first.to_string();
    let form = |until: &str| -> Vec<(String, String)> {
        [
            ("title", "Atelier CV"),
            ("theme", "recherche-emploi"),
            (
                "description",
                "**Apportez votre CV**\n<script>alert(1)</script>",
            ),
            ("date", first_s.as_str()),
            ("time", "14:00"),
            ("duration_minutes", "90"),
            ("place", "Salle 1"),
            ("capacity", "8"),
            ("audience", "agence"),
            ("deadline_hours", "2"),
            ("facilitators", "Nadia Benali"),
            ("every_weeks", "1"),
            ("until", until),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    // A last day more than a year ahead is refused, and nothing is created.
    let far = (first + chrono::Duration::days(400)).to_string();
    let (status, body) = post(&app, &c1, "/api/pro/ateliers/creer", &form(&far)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM workshops").await, 0);
    // Every week for three weeks: four Tuesdays, the closed one skipped and named.
    let (status, done) = post(&app, &c1, "/api/pro/ateliers/creer", &form(&until)).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let notice = done_notice(&done);
    assert!(notice.starts_with("3 séances créées."), "{notice}");
    assert!(
        notice.contains(&app::server::format::date(closed)),
        "{notice}"
    );
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM workshops WHERE series_id = (SELECT MIN(id) FROM workshops)"
        )
        .await,
        3
    );
    assert_eq!(
        app.scalar("SELECT COUNT(DISTINCT starts_at) FROM workshops")
            .await,
        3
    );
    // Allocataires see them, with the description's bold and none of its script.
    let person = app.allocataire(f.people1[0]).await;
    let (status, offer) = app.call(&person, "/api/espace/ateliers", &[]).await;
    assert_eq!(status, StatusCode::OK, "{offer}");
    let card = &offer["sessions"][0]["card"];
    let html = card["description_html"].as_str().unwrap_or_default();
    assert!(
        html.contains("<strong>Apportez votre CV</strong>"),
        "{html}"
    );
    assert!(!html.contains("<script"), "{html}");
    assert_eq!(card["facilitators"], "Nadia Benali");
    assert_eq!(offer["sessions"].as_array().map(Vec::len), Some(3));
}
on_both!(a_series_is_created_in_one_go_and_skips_closed_days);

async fn invitations_open_a_private_session_to_the_people_named(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let w = create(&app, AgencyId(f.agency1), 5, Audience::Invitation).await;
    let ws = w.to_string();
    let guest = f.people1[3];
    let numero = |id: i64| {
        let app = &app;
        async move {
            app.scalar(&format!(
                "SELECT CAST(numero AS BIGINT) FROM allocataires WHERE id = {id}"
            ))
            .await
            .to_string()
        }
    };
    let (guest_no, other_agency_no) = (numero(guest).await, numero(f.person2).await);
    let c = app.allocataire(guest).await;
    let listed = |c: reqwest::Client| {
        let app = &app;
        async move {
            let (_, offer) = app.call(&c, "/api/espace/ateliers", &[]).await;
            offer["sessions"]
                .as_array()
                .map(|s| s.iter().any(|l| l["card"]["id"].as_i64() == Some(w)))
                .unwrap_or(false)
        }
    };
    // Before the invitation: not listed, and a hand-made registration finds nothing.
    assert!(!listed(c.clone()).await);
    let join = [
        ("workshop_id", ws.as_str()),
        ("idempotency_key", "invite-test-01"),
    ];
    let (status, _) = app.call(&c, "/api/espace/ateliers/inscrire", &join).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let c1 = app.staff("c1@test.fr").await;
    // Not numéros: refused next to the field.
    let (status, body) = app
        .call(
            &c1,
            "/api/pro/ateliers/inviter",
            &[("workshop_id", ws.as_str()), ("numeros", "Camille")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // Another agency's staff: not found.
    let c3 = app.staff("c3@test.fr").await;
    let typed = format!("{guest_no}, 99999999\n{other_agency_no}");
    let (status, _) = app
        .call(
            &c3,
            "/api/pro/ateliers/inviter",
            &[("workshop_id", ws.as_str()), ("numeros", typed.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The guest is invited and told; the unknown numéro and the other agency's person are
    // named back, not invited.
    let (status, done) = app
        .call(
            &c1,
            "/api/pro/ateliers/inviter",
            &[("workshop_id", ws.as_str()), ("numeros", typed.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let notice = done_notice(&done);
    assert!(notice.contains("Une personne est invitée"), "{notice}");
    assert!(
        notice.contains("99999999") && notice.contains(&other_agency_no),
        "{notice}"
    );
    let sms = app
        .sms_with(&app.phone_of(guest).await, "vous invite")
        .await;
    assert!(sms.contains("Pour vous inscrire"), "{sms}");
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM workshop_invitations WHERE workshop_id = {w}"
        ))
        .await,
        1
    );
    // Inviting again tells nobody twice.
    let count = app.scalar(SMS_WRITTEN).await;
    let (status, done) = app
        .call(
            &c1,
            "/api/pro/ateliers/inviter",
            &[("workshop_id", ws.as_str()), ("numeros", guest_no.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert!(done_notice(&done).contains("l'était déjà"), "{done}");
    assert_eq!(app.scalar(SMS_WRITTEN).await, count);
    // Now listed for the guest, who registers; still hidden from the others.
    assert!(listed(c.clone()).await);
    let (status, body) = app.call(&c, "/api/espace/ateliers/inscrire", &join).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(place(&app, w, guest).await.as_deref(), Some("registered"));
    assert!(!listed(app.allocataire(f.people1[4]).await).await);
    // The staff page lists the guest.
    let (_, detail) = app
        .call(&c1, "/api/pro/ateliers/voir", &[("id", ws.as_str())])
        .await;
    assert_eq!(detail["invited"][0]["numero"], guest_no.as_str());
}
on_both!(invitations_open_a_private_session_to_the_people_named);

async fn the_calendar_file_and_the_attendance_sheet_are_for_their_people_only(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let w = create(&app, AgencyId(f.agency1), 5, Audience::Agency).await;
    let ws = w.to_string();
    for (n, p) in [f.people1[0], f.people1[1]].iter().enumerate() {
        let c = app.allocataire(*p).await;
        let key = format!("sheet-test-{n:04}");
        let (status, body) = app
            .call(
                &c,
                "/api/espace/ateliers/inscrire",
                &[
                    ("workshop_id", ws.as_str()),
                    ("idempotency_key", key.as_str()),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    // The registered person downloads the session's calendar file; someone else cannot.
    let person = app.allocataire(f.people1[0]).await;
    let path = format!("/espace/ateliers/{w}/agenda.ics");
    let (status, ics) = app.page(&person, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        ics.contains(&format!("UID:atelier-{w}@portail-ali")),
        "{ics}"
    );
    assert!(ics.contains("METHOD:PUBLISH"), "{ics}");
    let (status, _) = app.page(&app.allocataire(f.people1[2]).await, &path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The attendance sheet: a PDF that an independent reader opens, with the registered
    // people in alphabetical order and nobody else.
    let c1 = app.staff("c1@test.fr").await;
    let sheet = format!("/pro/ateliers/{w}/emargement.pdf");
    let res = c1.get(app.url(&sheet)).send().await.expect("pdf");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let bytes = res.bytes().await.expect("body");
    let text = crate::common::pdf_text(&bytes);
    assert!(text.contains("pages: 1"), "{text}");
    assert!(
        text.contains("Feuille d'émargement — Préparer un entretien"),
        "{text}"
    );
    assert!(text.contains("2 personnes inscrites"), "{text}");
    let (p0, p1) = (text.find("Personne0"), text.find("Personne1"));
    assert!(p0.is_some() && p1 > p0, "{text}");
    assert!(!text.contains("Personne2"), "{text}");
    // Another agency's staff and the allocataires: no sheet.
    let c3 = app.staff("c3@test.fr").await;
    assert_eq!(
        c3.get(app.url(&sheet)).send().await.expect("pdf").status(),
        StatusCode::NOT_FOUND
    );
    assert_ne!(
        person
            .get(app.url(&sheet))
            .send()
            .await
            .expect("pdf")
            .status(),
        StatusCode::OK
    );
}
on_both!(the_calendar_file_and_the_attendance_sheet_are_for_their_people_only);

async fn the_admin_keeps_the_list_of_themes(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let admin = app.staff("admin@test.fr").await;
    let manager = app.staff("manager1@test.fr").await;
    let add = |c: reqwest::Client, label: &'static str| {
        let app = &app;
        async move {
            app.call(&c, "/api/pro/themes/ajouter", &[("label", label)])
                .await
        }
    };
    // Only the admin: the list is every agency's.
    let (status, _) = add(manager.clone(), "Mobilité et permis").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, done) = add(admin.clone(), "Mobilité et permis").await;
    assert_eq!(status, StatusCode::OK, "{done}");
    // The same label again, in any case, or a usual theme's label: refused at the field.
    for label in ["MOBILITÉ ET PERMIS", "Numérique"] {
        let (status, body) = add(admin.clone(), label).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{label}: {body}");
        assert!(body.to_string().contains("déjà dans la liste"), "{body}");
    }
    let (_, list) = app.call(&admin, "/api/pro/themes", &[]).await;
    let themes = list["themes"].as_array().expect("themes").clone();
    assert_eq!(themes.len(), 8);
    assert_eq!(themes[7]["label"], "Mobilité et permis");
    let key = themes[7]["key"].as_str().expect("key").to_string();

    // A counsellor now finds it in the form, and a session can have it.
    let c1 = app.staff("c1@test.fr").await;
    let (_, page) = app.call(&c1, "/api/pro/ateliers", &[]).await;
    assert!(
        page["themes"].to_string().contains("Mobilité et permis"),
        "{page}"
    );
    let day =
        (app::server::format::today(chrono::Utc::now()) + chrono::Duration::days(9)).to_string();
    let form = |theme: &str| -> Vec<(String, String)> {
        [
            ("title", "Le permis, par où commencer"),
            ("theme", theme),
            ("date", day.as_str()),
            ("time", "10:00"),
            ("duration_minutes", "60"),
            ("place", "Salle 1"),
            ("capacity", "6"),
            ("audience", "agence"),
            ("deadline_hours", "0"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    let (status, done) = post(&app, &c1, "/api/pro/ateliers/creer", &form(&key)).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let w: i64 = done["redirect"]
        .as_str()
        .and_then(|r| r.rsplit('/').next())
        .and_then(|id| id.parse().ok())
        .expect("the session's page");
    // A key that is not on the list is refused.
    let (status, _) = post(&app, &c1, "/api/pro/ateliers/creer", &form("cuisine")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // Archived: no new session can take it, the session that has it keeps it.
    let (status, done) = app
        .call(
            &admin,
            "/api/pro/themes/archiver",
            &[("key", key.as_str()), ("archive", "1")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let (status, body) = post(&app, &c1, "/api/pro/ateliers/creer", &form(&key)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let edit = edit_form(&app, &c1, w, &[("title", "Le permis de conduire")]).await;
    let (status, done) = post(&app, &c1, "/api/pro/ateliers/modifier", &edit).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let (_, detail) = app
        .call(&c1, "/api/pro/ateliers/voir", &[("id", &w.to_string())])
        .await;
    assert_eq!(detail["card"]["theme_label"], "Mobilité et permis");
    // Brought back, it is offered again.
    let (status, _) = app
        .call(
            &admin,
            "/api/pro/themes/archiver",
            &[("key", key.as_str()), ("archive", "0")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = post(&app, &c1, "/api/pro/ateliers/creer", &form(&key)).await;
    assert_eq!(status, StatusCode::OK);
}
on_both!(the_admin_keeps_the_list_of_themes);

async fn a_person_registers_only_themself(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let w = create(&app, AgencyId(f.agency1), 5, Audience::Agency).await;
    let ws = w.to_string();
    let (me, other) = (f.people1[0], f.people1[1]);
    let c = app.allocataire(me).await;
    // A hand-made post naming another person registers the one signed in, never them.
    let other_s = other.to_string();
    let (status, body) = app
        .call(
            &c,
            "/api/espace/ateliers/inscrire",
            &[
                ("workshop_id", ws.as_str()),
                ("idempotency_key", "someone-else-01"),
                ("allocataire_id", other_s.as_str()),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(place(&app, w, me).await.as_deref(), Some("registered"));
    assert_eq!(place(&app, w, other).await, None);
    // Nor can they leave for the other person: leaving removes their own place only.
    let c2 = app.allocataire(other).await;
    let (status, _) = app
        .call(
            &c2,
            "/api/espace/ateliers/inscrire",
            &[
                ("workshop_id", ws.as_str()),
                ("idempotency_key", "someone-else-02"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let me_s = me.to_string();
    let (status, _) = app
        .call(
            &c2,
            "/api/espace/ateliers/quitter",
            &[
                ("workshop_id", ws.as_str()),
                ("allocataire_id", me_s.as_str()),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(place(&app, w, me).await.as_deref(), Some("registered"));
    assert_eq!(place(&app, w, other).await, None);
}
on_both!(a_person_registers_only_themself);
