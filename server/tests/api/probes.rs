//! What probing the portal from outside found (issue 6): mistakes of the caller get a
//! French 4xx instead of a 500, control characters and absurd dates are typing errors,
//! public holidays are never offered, and a forged post cannot book another counsellor.

use crate::common::{client, spawn, Db};
use reqwest::{header, StatusCode};

/// Every answer of this list is a mistake of the caller: a French text, never a 500.
async fn refused_in_french(res: reqwest::Response, expected: StatusCode, words: &str) {
    let status = res.status();
    let allow = res.headers().get(header::ALLOW).cloned();
    let text = res.text().await.unwrap_or_default();
    assert_eq!(status, expected, "{text}");
    assert!(text.contains(words), "{expected}: {text}");
    if expected == StatusCode::METHOD_NOT_ALLOWED {
        assert_eq!(allow.as_ref().and_then(|a| a.to_str().ok()), Some("POST"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_mistakes_get_404_405_and_415_in_french_without_signing_in() {
    let Some(app) = spawn(Db::Sqlite).await else {
        return;
    };
    let c = client();
    let get = c.get(app.url("/api/espace")).send().await.expect("get");
    refused_in_french(
        get,
        StatusCode::METHOD_NOT_ALLOWED,
        "formulaires du portail",
    )
    .await;
    let unknown = c
        .post(app.url("/api/nexiste-pas"))
        .header(header::ORIGIN, &app.base)
        .form(&[("a", "b")])
        .send()
        .await
        .expect("post");
    refused_in_french(unknown, StatusCode::NOT_FOUND, "n'existe pas").await;
    for accept in ["application/json", "text/html"] {
        let not_a_form = c
            .post(app.url("/api/connexion/code"))
            .header(header::ORIGIN, &app.base)
            .header(header::ACCEPT, accept)
            .header(header::CONTENT_TYPE, "text/plain")
            .body("identifier=5000001")
            .send()
            .await
            .expect("post");
        refused_in_french(not_a_form, StatusCode::UNSUPPORTED_MEDIA_TYPE, "formulaire").await;
    }
    assert_eq!(app.count("outbox").await, 0, "no code sent");
}

async fn control_characters_are_typing_errors_on_every_database(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let c = client();
    let (status, body) = app
        .call(
            &c,
            "/api/connexion/code",
            &[("identifier", "a\0b@exemple.fr")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("caractère invisible"), "{body}");
    let (status, body) = app
        .call(
            &c,
            "/api/pro/connexion",
            &[("email", "c1@test.fr\0"), ("password", "x\0")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // A booked appointment stays booked when the cancel reason carries a NUL byte.
    let person = app.allocataire(app.f.people1[1]).await;
    let done = app
        .book(&person, app.f.slots1[0], "telephone", "probe-nul-0001")
        .await;
    let id = done["redirect"]
        .as_str()
        .and_then(|r| r.trim_start_matches("/rdv/").parse::<i64>().ok())
        .expect("appointment id");
    let staff = app.staff("c1@test.fr").await;
    let (status, body) = app
        .call(
            &staff,
            "/api/pro/rdv/annuler",
            &[
                ("appointment_id", id.to_string().as_str()),
                ("reason", "Absente\0 ce jour"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (_, space) = app.call(&person, "/api/espace", &[]).await;
    assert!(space["next"].is_object(), "still booked: {space}");
}
on_both!(control_characters_are_typing_errors_on_every_database);

async fn absurd_dates_are_typing_errors_not_crashes(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let staff = app.staff("c1@test.fr").await;
    let cases: [&[(&str, &str)]; 3] = [
        &[("from", "2026-12-01"), ("to", "+262142-12-31")],
        &[("from", "1-01-01"), ("to", "2026-12-01")],
        &[("from", "31/12/2101"), ("to", "31/12/2101")],
    ];
    for form in cases {
        let (status, body) = app.call(&staff, "/api/pro/absence", form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{form:?}: {body}");
        assert!(body.to_string().contains("entre 2000 et 2100"), "{body}");
    }
    let (status, body) = app
        .call(
            &staff,
            "/api/pro/creneaux/ouvrir",
            &[
                ("date", "+262142-12-31"),
                ("time", "10:00"),
                ("duration", "30"),
                ("weeks", "12"),
                ("sur_place", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // The agenda falls back to today for a date it cannot read, and answers at once.
    let (status, body) = app
        .call(
            &staff,
            "/api/pro/agenda",
            &[("jour", "+262142-12-31"), ("semaine", "1")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = app
        .page(&staff, "/pro/agenda?jour=%2B262142-12-31&semaine=1")
        .await;
    assert_eq!(status, StatusCode::OK);
}
on_both!(absurd_dates_are_typing_errors_not_crashes);

/// Christmas of next year, a weekday in most years; the test picks the next 25 December
/// falling on a weekday so that only the holiday rule can refuse it.
fn next_weekday_christmas() -> chrono::NaiveDate {
    use chrono::Datelike;
    let today = chrono::Utc::now().date_naive();
    (today.year() + 1..)
        .filter_map(|y| chrono::NaiveDate::from_ymd_opt(y, 12, 25))
        .find(|d| d.weekday().num_days_from_monday() < 5)
        .expect("a weekday Christmas")
}

async fn public_holidays_are_never_opened_nor_offered(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let staff = app.staff("c1@test.fr").await;
    let christmas = next_weekday_christmas();
    // One slot on Christmas alone: refused, with the reason.
    let (status, body) = app
        .call(
            &staff,
            "/api/pro/creneaux/ouvrir",
            &[
                ("date", christmas.to_string().as_str()),
                ("time", "10:00"),
                ("duration", "30"),
                ("sur_place", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("férié"), "{body}");
    // Weekly hours from the week before Christmas: Christmas and New Year's Day (the same
    // weekday a week later) are skipped, and the notice says so.
    let before = christmas - chrono::Duration::weeks(1);
    let (status, done) = app
        .call(
            &staff,
            "/api/pro/creneaux/ouvrir",
            &[
                ("date", before.to_string().as_str()),
                ("time", "10:00"),
                ("duration", "30"),
                ("weeks", "4"),
                ("sur_place", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert!(done["notice"].to_string().contains("férié"), "{done}");
    let from = app::server::format::day_start(before);
    let to = app::server::format::day_start(christmas + chrono::Duration::weeks(3));
    let opened = app
        .state
        .store
        .slots(&[app::domain::StaffId(app.f.counsellor1)], from, to)
        .await
        .expect("slots");
    let days: Vec<_> = opened
        .iter()
        .map(|s| app::server::format::day_of(s.starts_at))
        .collect();
    assert_eq!(
        days,
        vec![before, christmas + chrono::Duration::weeks(2)],
        "the 18th-like and the 8th-like days only"
    );
    // The agenda names the holiday.
    let (_, agenda) = app
        .call(
            &staff,
            "/api/pro/agenda",
            &[("jour", christmas.to_string().as_str())],
        )
        .await;
    assert!(agenda.to_string().contains("Noël"), "{agenda}");
}
on_both!(public_holidays_are_never_opened_nor_offered);

async fn a_forged_post_cannot_book_another_counsellors_slot(db: Db) {
    let Some(app) = spawn(db).await else { return };
    // Counsellor 2 (same agency, not this person's référent) opens a slot.
    let c2 = app.staff("c2@test.fr").await;
    let day = (1..30)
        .map(|d| chrono::Utc::now().date_naive() + chrono::Duration::days(d + 2))
        .find(|d| app::domain::calendar::is_working_day(*d))
        .expect("a working day");
    let (status, done) = app
        .call(
            &c2,
            "/api/pro/creneaux/ouvrir",
            &[
                ("date", day.to_string().as_str()),
                ("time", "11:00"),
                ("duration", "30"),
                ("sur_place", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let slot = app
        .state
        .store
        .slots(
            &[app::domain::StaffId(app.f.counsellor2)],
            0,
            i64::from(i32::MAX) * 2,
        )
        .await
        .expect("slots")
        .first()
        .map(|s| s.id.0)
        .expect("counsellor 2's slot");
    let person = app.allocataire(app.f.people1[2]).await;
    let (_, choices) = app.call(&person, "/api/rdv/creneaux", &[]).await;
    assert!(
        !choices.to_string().contains(&format!("\"id\":{slot},")),
        "not offered"
    );
    let (status, body) = app
        .call(
            &person,
            "/api/rdv/reserver",
            &[
                ("slot_id", slot.to_string().as_str()),
                ("modality", "sur_place"),
                ("idempotency_key", "forged-post-0001"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(app.count("appointments").await, 0, "nothing booked");
    // Staff booking for the person may use any counsellor of the agency.
    let manager = app.staff("manager1@test.fr").await;
    let (status, body) = app
        .call(
            &manager,
            "/api/pro/allocataire/reserver",
            &[
                ("allocataire_id", app.f.people1[2].to_string().as_str()),
                ("slot_id", slot.to_string().as_str()),
                ("modality", "sur_place"),
                ("idempotency_key", "forged-post-0002"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}
on_both!(a_forged_post_cannot_book_another_counsellors_slot);

/// A client whose requests come from 127.0.0.(n + 2): another address on the loopback.
fn client_from(n: usize) -> reqwest::Client {
    let ip = std::net::Ipv4Addr::new(127, 0, 0, u8::try_from(n + 2).expect("small n"));
    reqwest::Client::builder()
        .local_address(std::net::IpAddr::V4(ip))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_spellings_of_one_number_send_a_handful_of_codes() {
    // Codes: 6 per minute per address and per person (a fifth of 30).
    let Some(app) = crate::common::spawn_with(Db::Sqlite, |c| c.auth.rate_per_minute = 30).await
    else {
        return;
    };
    let phone = "0700000003"; // people1[3]
    let digits: Vec<char> = phone.chars().collect();
    let spellings: Vec<String> = (0..20)
        .map(|i| match i % 5 {
            0 => digits
                .chunks(2)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join(" "),
            1 => format!("+33{}", &phone[1..]),
            2 => format!("0033{}", &phone[1..]),
            3 => digits
                .chunks(2)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("."),
            _ => format!("{}{}", " ".repeat(i / 5), phone),
        })
        .collect();
    let mut limited = 0;
    for (i, spelling) in spellings.iter().enumerate() {
        // Each request from another address (127.0.0.x) and without cookies.
        let res = client_from(i)
            .post(app.url("/api/connexion/code"))
            .header(header::ORIGIN, &app.base)
            .header(header::ACCEPT, "application/json")
            .form(&[("identifier", spelling.as_str())])
            .send()
            .await
            .expect("post");
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            limited += 1;
        } else {
            assert_eq!(res.status(), StatusCode::OK, "{i}: {spelling}");
        }
    }
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let sent = app
        .sms
        .lock()
        .expect("lock")
        .iter()
        .filter(|m| m["to"] == phone)
        .count();
    assert_eq!(sent, 6, "one person's limit, whatever the spelling");
    assert_eq!(limited, 14);
    // The person's numéro shares the same limit.
    let (status, _) = app
        .call(
            &client_from(30),
            "/api/connexion/code",
            &[("identifier", "5000003")],
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // Someone else is not held up.
    let (status, _) = app
        .call(
            &client_from(31),
            "/api/connexion/code",
            &[("identifier", "5000004")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_guesses_on_one_staff_account_are_slowed_whatever_the_address() {
    let Some(app) = crate::common::spawn_with(Db::Sqlite, |c| {
        c.auth.rate_per_minute = 1_000;
        c.auth.account_attempts_per_minute = 5;
    })
    .await
    else {
        return;
    };
    let mut statuses = Vec::new();
    let mut retry_after = 0;
    for i in 0..8 {
        let res = client_from(i % 5)
            .post(app.url("/api/pro/connexion"))
            .header(header::ORIGIN, &app.base)
            .header(header::ACCEPT, "application/json")
            .form(&[("email", "Admin@Test.fr"), ("password", "devine-moi-123")])
            .send()
            .await
            .expect("post");
        if let Some(s) = res.headers().get(header::RETRY_AFTER) {
            retry_after = s.to_str().unwrap_or("0").parse().unwrap_or(0);
        }
        statuses.push(res.status());
    }
    let wrong = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    let slowed = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((wrong, slowed), (5, 3), "{statuses:?}");
    assert!(
        (1..=12).contains(&retry_after),
        "a wait of seconds: {retry_after}"
    );
    // Another account is not held up by the attack on this one.
    app.staff("c1@test.fr").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn form_posts_must_come_from_the_configured_public_url() {
    let Some(app) = spawn(Db::Sqlite).await else {
        return;
    };
    let https = app.base.replacen("http://", "https://", 1);
    for (origin, host) in [
        // Another scheme on the same host and port.
        (https.as_str(), None),
        // A forged Host that matches a foreign Origin.
        ("http://evil.example", Some("evil.example")),
    ] {
        let mut req = client()
            .post(app.url("/api/connexion/code"))
            .header(header::ORIGIN, origin)
            .form(&[("identifier", "5000001")]);
        if let Some(h) = host {
            req = req.header(header::HOST, h);
        }
        let res = req.send().await.expect("post");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{origin}");
    }
    assert_eq!(app.count("outbox").await, 0, "nothing sent");
    let (status, _) = app
        .call(
            &client(),
            "/api/connexion/code",
            &[("identifier", "5000001")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "the portal's own origin");
}

async fn no_reminder_right_after_the_confirmation(db: Db) {
    // Reminders 9 days ahead, so that every slot of the fixture is « due ».
    let Some(app) = crate::common::spawn_with(db, |c| c.booking.reminder_hours = 9 * 24).await
    else {
        return;
    };
    let person = app.allocataire(app.f.people1[0]).await;
    app.book(&person, app.f.slots1[0], "telephone", "quiet-hours-0001")
        .await;
    let now = chrono::Utc::now();
    let reminders = |at| app::server::services::outbox::enqueue_reminders(&app.state, at);
    assert_eq!(reminders(now).await.expect("run"), 0, "just confirmed");
    assert_eq!(
        reminders(now + chrono::Duration::hours(11))
            .await
            .expect("run"),
        0,
        "still within the quiet hours"
    );
    assert_eq!(
        reminders(now + chrono::Duration::hours(13))
            .await
            .expect("run"),
        1,
        "the reminder, half a day after the confirmation"
    );
}
on_both!(no_reminder_right_after_the_confirmation);

async fn after_signing_in_the_person_returns_to_the_page_asked_for(db: Db) {
    let Some(app) = spawn(db).await else { return };
    // An allocataire follows a link to the booking page while signed out.
    let c = client();
    let res = c.get(app.url("/rdv/prendre")).send().await.expect("get");
    assert!(res.status().is_redirection());
    assert_eq!(res.headers()["location"], "/connexion");
    let (_, html) = app.page(&c, "/connexion").await;
    assert!(
        html.contains("Connectez-vous pour ouvrir cette page"),
        "said why"
    );
    let before = app.sms_count();
    let (status, _) = app
        .call(&c, "/api/connexion/code", &[("identifier", "5000005")])
        .await;
    assert_eq!(status, StatusCode::OK);
    let code = crate::common::six_digits(&app.sms_to("0700000005", before).await).expect("code");
    let (status, done) = app
        .call(&c, "/api/connexion/verifier", &[("code", &code)])
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(
        done["redirect"], "/rdv/prendre",
        "back to the page asked for"
    );
    // Staff: the query string is kept; a page of the other audience is not a destination.
    let staff = client();
    let asked = format!("/pro/allocataires?conseiller={}", app.f.counsellor1);
    assert!(staff
        .get(app.url(&asked))
        .send()
        .await
        .expect("get")
        .status()
        .is_redirection());
    let (_, done) = app
        .call(
            &staff,
            "/api/pro/connexion",
            &[
                ("email", "c1@test.fr"),
                ("password", app::server::testing::PASSWORD),
            ],
        )
        .await;
    assert_eq!(done["redirect"], asked.as_str());
    let other = client();
    other.get(app.url("/espace")).send().await.expect("get");
    let (_, done) = app
        .call(
            &other,
            "/api/pro/connexion",
            &[
                ("email", "c2@test.fr"),
                ("password", app::server::testing::PASSWORD),
            ],
        )
        .await;
    assert_eq!(done["redirect"], "/pro/agenda");
}
on_both!(after_signing_in_the_person_returns_to_the_page_asked_for);

async fn pages_that_do_not_exist_have_a_title_a_heading_and_a_way_on(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let (status, html) = app.page(&client(), "/cette-page/nexiste-pas").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("<title>Page introuvable"), "{html}");
    assert!(html.contains("<h1>Page introuvable</h1>"), "{html}");
    assert!(html.contains("repartez de l'accueil") || html.contains("repartez de l&#39;accueil"));
    // Another person's appointment: the same page, nothing leaks.
    let person = app.allocataire(app.f.people1[0]).await;
    let (status, html) = app.page(&person, "/rdv/999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("<h1>Page introuvable</h1>"));
}
on_both!(pages_that_do_not_exist_have_a_title_a_heading_and_a_way_on);

async fn calendar_files_open_in_two_common_parsers(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let person = app.allocataire(app.f.people1[6]).await;
    let slot_id = app.f.slots1[1];
    let done = app
        .book(&person, slot_id, "sur_place", "ics-parsers-0001")
        .await;
    let to = done["redirect"].as_str().expect("redirect").to_string();
    let (status, ics) = app.page(&person, &format!("{to}/calendrier.ics")).await;
    assert_eq!(status, StatusCode::OK);
    let file = std::env::temp_dir().join(format!("portail-{}.ics", crate::common::free_port()));
    std::fs::write(&file, &ics).expect("write");
    let python = std::env::var("PORTAIL_TEST_PYTHON").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../.tools/venv/bin/python").into()
    });
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/api/support/ics_check.py"
    );
    let out = std::process::Command::new(&python)
        .arg(script)
        .arg(&file)
        .output()
        .expect("python with icalendar and ics (./scripts/setup.sh installs them)");
    let _ = std::fs::remove_file(&file);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}\n{ics}",
        String::from_utf8_lossy(&out.stderr)
    );
    let slot = app
        .state
        .store
        .slot(app::domain::SlotId(slot_id))
        .await
        .expect("read")
        .expect("slot");
    let start = app::server::format::ts(slot.starts_at).to_rfc3339();
    let end = app::server::format::ts(slot.ends_at).to_rfc3339();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    for line in lines {
        let parts: Vec<&str> = line.splitn(5, ' ').collect();
        assert!(parts[1].ends_with("@portail-ali"), "{line}");
        assert_eq!(
            (parts[2], parts[3]),
            (start.as_str(), end.as_str()),
            "{line}"
        );
        assert_eq!(parts[4], "Rendez-vous ALI", "{line}");
    }
}
on_both!(calendar_files_open_in_two_common_parsers);

async fn a_late_first_meeting_is_not_shown_to_the_person_as_their_fault(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let id = app.f.people1[7];
    let three_weeks_ago = chrono::Utc::now().date_naive() - chrono::Duration::days(21);
    app.sql(&format!(
        "UPDATE allocataires SET orientation_date = '{three_weeks_ago}' WHERE id = {id}"
    ))
    .await;
    let person = app.allocataire(id).await;
    let (status, html) = app.page(&person, "/espace").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("votre agence va vous contacter"),
        "what to do next"
    );
    assert!(
        !html.contains("alert-error"),
        "no red alert for the agency's delay"
    );
    assert!(!html.contains("au plus tard le"), "no date in the past");
    // Staff still see the file flagged late.
    let staff = app.staff("c1@test.fr").await;
    let (_, html) = app.page(&staff, &format!("/pro/allocataires/{id}")).await;
    assert!(html.contains("badge-late"), "{html}");
    // Once booked, the person reads their rendez-vous, not the deadline.
    app.book(&person, app.f.slots1[3], "telephone", "late-first-0001")
        .await;
    let (_, html) = app.page(&person, "/espace").await;
    assert!(!html.contains("va vous contacter"));
}
on_both!(a_late_first_meeting_is_not_shown_to_the_person_as_their_fault);

async fn only_pages_with_a_checked_form_load_the_wasm(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let person = app.allocataire(app.f.people1[8]).await;
    let done = app
        .book(&person, app.f.slots1[4], "telephone", "islands-0001")
        .await;
    let appointment = done["redirect"].as_str().expect("redirect").to_string();
    let manager = app.staff("manager1@test.fr").await;
    let anyone = client();
    let file = format!("/pro/allocataires/{}", app.f.people1[8]);
    let visits: Vec<(&reqwest::Client, String)> = vec![
        (&anyone, "/".into()),
        (&anyone, "/connexion".into()),
        (&anyone, "/connexion/code".into()),
        (&anyone, "/invitation".into()),
        (&anyone, "/pro/connexion".into()),
        (&anyone, "/nexiste/pas".into()),
        (&person, "/espace".into()),
        (&person, "/espace/compte".into()),
        (&person, "/rdv/prendre".into()),
        (&person, appointment.clone()),
        (&person, format!("{appointment}/deplacer")),
        (&manager, "/pro/agenda".into()),
        (&manager, "/pro/creneaux".into()),
        (&manager, "/pro/allocataires".into()),
        (&manager, file),
        (&manager, "/pro/messages".into()),
        (&manager, "/pro/reglages".into()),
        (&manager, "/pro/journal".into()),
        (&manager, "/pro/equipe".into()),
        (&manager, format!("/pro/equipe/{}", app.f.counsellor2)),
        (&manager, "/pro/mot-de-passe".into()),
        (&manager, "/pro/inscrire".into()),
        (&anyone, "/mot-de-passe/nouveau".into()),
    ];
    let mut without = Vec::new();
    for (c, path) in visits {
        let (_, html) = app.page(c, &path).await;
        let island = html.contains("<leptos-island");
        let loads = html.contains("portail.js") || html.contains("portail.wasm");
        assert!(!island || loads, "{path}: an island without its WASM");
        assert_eq!(loads, app::pages::has_islands(&path), "{path}");
        if !loads {
            without.push(path);
        }
    }
    for path in [
        "/",
        "/espace",
        "/espace/compte",
        "/pro/agenda",
        "/pro/allocataires",
        "/pro/messages",
        "/pro/journal",
    ] {
        assert!(without.iter().any(|p| p == path), "{path} loads no WASM");
    }
}
on_both!(only_pages_with_a_checked_form_load_the_wasm);

async fn the_audit_trail_refuses_updates_and_deletes(db: Db) {
    let Some(app) = spawn(db).await else { return };
    app.staff("c1@test.fr").await;
    let before = app.count("audit_log").await;
    assert!(before > 0, "the sign-in is audited");
    assert!(app
        .try_sql("UPDATE audit_log SET actor = 'x'")
        .await
        .is_err());
    assert!(app.try_sql("DELETE FROM audit_log").await.is_err());
    assert_eq!(app.count("audit_log").await, before);
}
on_both!(the_audit_trail_refuses_updates_and_deletes);

async fn a_change_and_its_audit_entry_commit_together(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let entries = |action: &'static str| {
        let app = &app;
        async move {
            app.scalar(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"
            ))
            .await
        }
    };
    let person = app.allocataire(app.f.people1[9]).await;
    let booked = app.f.slots1[5].to_string();
    let form = [
        ("slot_id", booked.as_str()),
        ("modality", "telephone"),
        ("idempotency_key", "audit-tx-0001"),
    ];
    assert_eq!(
        app.call(&person, "/api/rdv/reserver", &form).await.0,
        StatusCode::OK
    );
    // A retry with the same key changes nothing, and is not a second entry.
    assert_eq!(
        app.call(&person, "/api/rdv/reserver", &form).await.0,
        StatusCode::OK
    );
    assert_eq!(entries("appointment.book").await, 1);
    // Closing the booked slot is refused: no entry either.
    let staff = app.staff("c1@test.fr").await;
    let (status, _) = app
        .call(
            &staff,
            "/api/pro/creneaux/fermer",
            &[("slot_id", booked.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(entries("slots.close").await, 0);
    let free = app.f.slots1[6].to_string();
    let (status, _) = app
        .call(
            &staff,
            "/api/pro/creneaux/fermer",
            &[("slot_id", free.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(entries("slots.close").await, 1);
}
on_both!(a_change_and_its_audit_entry_commit_together);

async fn staff_read_the_move_reason_and_their_outcome_note_the_person_does_not(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let id = app.f.people1[10];
    let person = app.allocataire(id).await;
    let done = app
        .book(&person, app.f.slots1[7], "telephone", "notes-0001")
        .await;
    let appointment = done["redirect"]
        .as_str()
        .and_then(|r| r.trim_start_matches("/rdv/").parse::<i64>().ok())
        .expect("appointment id");
    let moved_to = app.f.slots1[8].to_string();
    let (status, body) = app
        .call(
            &person,
            "/api/rdv/deplacer",
            &[
                ("appointment_id", appointment.to_string().as_str()),
                ("slot_id", moved_to.as_str()),
                ("modality", "telephone"),
                ("idempotency_key", "notes-0002"),
                ("reason", "Rendez-vous chez le médecin"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let staff = app.staff("c1@test.fr").await;
    let file = format!("/pro/allocataires/{id}");
    let (_, html) = app.page(&staff, &file).await;
    assert!(
        html.contains("Motif du déplacement : « Rendez-vous chez le médecin »"),
        "the reason is kept and shown to staff"
    );
    // An outcome with a note (a cancellation by the agency, possible before the time).
    let (status, body) = app
        .call(
            &staff,
            "/api/pro/rdv/resultat",
            &[
                ("appointment_id", appointment.to_string().as_str()),
                ("outcome", "excused"),
                ("note", "Prévenue par téléphone, à rappeler lundi"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, html) = app.page(&staff, &file).await;
    assert!(html.contains("Note : Prévenue par téléphone, à rappeler lundi"));
    // The person reads their own history, without the staff notes.
    let (_, space) = app.page(&person, "/espace").await;
    assert!(!space.contains("Prévenue par téléphone"));
    assert!(!space.contains("Motif du déplacement"));
    let (_, own) = app.call(&person, "/api/espace", &[]).await;
    assert!(!own.to_string().contains("Prévenue"), "{own}");
}
on_both!(staff_read_the_move_reason_and_their_outcome_note_the_person_does_not);

async fn slots_are_offered_three_days_at_a_time_then_later_ones(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let person = app.allocataire(app.f.people1[11]).await;
    // The fixture opens one slot a day on ten working days for the référent.
    let page = |n: &'static str| {
        let (app, person) = (&app, &person);
        async move {
            app.call(person, "/api/rdv/creneaux", &[("page", n)])
                .await
                .1
        }
    };
    let first = page("0").await;
    let days = |v: &serde_json::Value| v["days"].as_array().map_or(0, Vec::len);
    assert_eq!(days(&first), 3, "{first}");
    assert_eq!(first["has_more"], true);
    assert!(first["only_of"].is_string(), "the référent is named once");
    let last = page("3").await;
    assert_eq!(days(&last), 1, "ten days: 3 + 3 + 3 + 1");
    assert_eq!(last["has_more"], false);
    assert_ne!(first["days"][0]["day"], last["days"][0]["day"]);
    // Without JavaScript: the page links to the next days, and each choice says its day.
    let (_, html) = app.page(&person, "/rdv/prendre").await;
    assert!(
        html.contains(r#"href="?page=1""#),
        "« voir plus de créneaux »"
    );
    assert_eq!(html.matches(r#"<fieldset class="day">"#).count(), 3);
    assert_eq!(
        html.matches(r#"<span class="sr-only">"#).count(),
        3,
        "one slot a day"
    );
    let (_, later) = app.page(&person, "/rdv/prendre?page=1").await;
    assert!(
        later.contains(r#"href="?""#)
            || later.contains(r#"href="?page=0""#)
            || later.contains("Créneaux précédents")
    );
}
on_both!(slots_are_offered_three_days_at_a_time_then_later_ones);

async fn the_week_agenda_is_a_grid_of_half_hours_with_today_marked(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let person = app.allocataire(f.people1[12]).await;
    app.book(&person, f.slots1[0], "sur_place", "grid-0001")
        .await;
    let starts = app
        .scalar(&format!(
            "SELECT starts_at FROM slots WHERE id = {}",
            f.slots1[0]
        ))
        .await;
    let day = app::server::format::day_of(starts);
    let staff = app.staff("c1@test.fr").await;
    let week = |d: String| {
        let (app, staff) = (&app, &staff);
        async move {
            let (status, v) = app
                .call(
                    staff,
                    "/api/pro/agenda",
                    &[("semaine", "1"), ("jour", d.as_str())],
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{v}");
            v
        }
    };
    let v = week(day.to_string()).await;
    let grid = &v["grid"];
    assert_eq!(grid["days"].as_array().map_or(0, Vec::len), 7, "{grid}");
    let col = grid["days"]
        .as_array()
        .and_then(|d| d.iter().position(|d| d[1] == day.to_string()))
        .expect("the day is a column");
    // 10:00 UTC is 11:00 in Paris in winter (12:00 in summer): one row per half hour.
    let rows = grid["rows"].as_array().cloned().unwrap_or_default();
    assert!(rows.len() >= 21, "8 h to 18 h 30 at least: {}", rows.len());
    let cell = rows
        .iter()
        .find_map(|r| {
            r[1][col]
                .as_array()
                .filter(|items| items.iter().any(|i| i["kind"] == "appointment"))
                .cloned()
        })
        .expect("the rendez-vous is in its day's column");
    assert!(
        cell[0]["text"]
            .as_str()
            .is_some_and(|t| t.contains("Personne12")),
        "{cell:?}"
    );
    assert_eq!(cell[0]["file"], f.people1[12]);
    // Today's week marks today, once; a day view has no grid.
    let today = week(chrono::Utc::now().date_naive().to_string()).await;
    let marked = today["grid"]["days"]
        .as_array()
        .map_or(0, |d| d.iter().filter(|d| d[2] == true).count());
    assert_eq!(marked, 1);
    let (_, day_view) = app.call(&staff, "/api/pro/agenda", &[]).await;
    assert!(day_view["grid"].is_null());
    let (_, html) = app.page(&staff, "/pro/agenda?semaine=1").await;
    assert!(html.contains(r#"<table class="grid">"#), "{html}");
    assert!(html.contains(r#"aria-current="date""#));
    assert!(
        html.contains(r#"<body class="staff">"#),
        "staff pages use the width"
    );
    // The file active writes short dates on one line.
    let (_, list) = app.call(&staff, "/api/pro/allocataires", &[]).await;
    let orientation = list["lines"][0]["orientation"].as_str().unwrap_or("");
    assert!(
        orientation.len() == 10
            && orientation.as_bytes()[2] == b'/'
            && orientation.as_bytes()[5] == b'/',
        "{orientation}"
    );
}
on_both!(the_week_agenda_is_a_grid_of_half_hours_with_today_marked);
