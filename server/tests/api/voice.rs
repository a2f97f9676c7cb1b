//! The voice of the people supported (issue 9, first part): the satisfaction question
//! after a rendez-vous honoré (its single-use link, « Mes avis », the week to change, the
//! one reminder), moderation, and results with small cells suppressed in the JSON, the
//! page and the CSV — on SQLite and PostgreSQL.

use crate::common::{client, Db, TestApp};
use app::server::services::voice::satisfaction;
use reqwest::StatusCode;
use serde_json::Value;

const DAY: i64 = 86_400;
const SUPPRESSED: &str = "moins de 11 réponses";

fn token_in(text: &str) -> String {
    let at = text.find("/a/").expect("a satisfaction link") + 3;
    text[at..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

/// Books person `id` on slot `slot` (in 4 or 5 days), moves it 6 days back and records it
/// honoré.
async fn honoured(app: &TestApp, id: i64, slot: i64, key: &str) -> i64 {
    let person = app.allocataire(id).await;
    let done = app.book(&person, slot, "telephone", key).await;
    let appointment: i64 = done["redirect"]
        .as_str()
        .and_then(|r| r.trim_start_matches("/rdv/").parse().ok())
        .expect("appointment id");
    app.sql(&format!(
        "UPDATE appointments SET starts_at = starts_at - 6 * 86400, ends_at = ends_at - 6 * 86400 WHERE id = {appointment}"
    ))
    .await;
    let staff = app.staff("c1@test.fr").await;
    let (status, body) = app
        .call(
            &staff,
            "/api/pro/rdv/resultat",
            &[
                ("appointment_id", appointment.to_string().as_str()),
                ("outcome", "attended"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    appointment
}

async fn the_question_comes_by_sms_answers_once_by_its_link_and_changes_for_a_week(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let id = f.people1[0];
    let appointment = honoured(&app, id, f.slots1[2], "voice-0001").await;
    let phone = app.phone_of(id).await;
    let sms = app.sms_with(&phone, "/a/").await;
    assert!(sms.contains("utile"), "{sms}");
    let token = token_in(&sms);
    assert_eq!(token.len(), 64, "{sms}");
    // Asked once: the scheduler's next run asks nothing more.
    assert_eq!(
        satisfaction::ask_due(&app.state, chrono::Utc::now())
            .await
            .expect("ask"),
        0
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM satisfaction_requests WHERE event_kind = 'rdv' AND event_id = {appointment}"
        ))
        .await,
        1
    );

    // Mon espace says a question waits.
    let person = app.allocataire(id).await;
    let (_, html) = app.page(&person, "/espace").await;
    assert!(html.contains("Une question vous attend"), "{html}");

    // The link, with no sign-in: the token leaves the address, the page asks the
    // question and reveals nothing else.
    let browser = client();
    let res = browser
        .get(app.url(&format!("/a/{token}")))
        .send()
        .await
        .expect("link");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/avis");
    let (status, html) = app.page(&browser, "/avis").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Ce rendez-vous vous a-t-il été utile ?"),
        "{html}"
    );
    let p = app
        .state
        .store
        .allocataire(app::domain::AllocataireId(id))
        .await
        .expect("read")
        .expect("person");
    for secret in [
        &p.first_name,
        &p.last_name,
        &p.numero,
        &"ALI Test 1".to_string(),
    ] {
        assert!(!html.contains(secret.as_str()), "the page shows {secret}");
    }

    // Bad input: a clear error, nothing written.
    for form in [
        vec![("rating", "9")],
        vec![("rating", "")],
        vec![("rating", "4"), ("comment", &"é".repeat(10_000))],
    ] {
        let (status, body) = app.call(&browser, "/api/avis/repondre", &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body.to_string().contains("réponse") || body.to_string().contains("1 000"),
            "{body}"
        );
    }
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM satisfaction_requests WHERE rating IS NOT NULL")
            .await,
        0
    );

    // 50 submissions at once through the link: one answer, one comment in the queue.
    let comment = "Très utile, merci.";
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (app_base, c) = (app.base.clone(), browser.clone());
        tasks.push(tokio::spawn(async move {
            c.post(format!("{app_base}/api/avis/repondre"))
                .header("origin", &app_base)
                .header("accept", "application/json")
                .form(&[("rating", "4"), ("comment", comment)])
                .send()
                .await
                .expect("post")
                .status()
        }));
    }
    let mut ok = 0;
    for t in tasks {
        match t.await.expect("task") {
            StatusCode::OK => ok += 1,
            StatusCode::CONFLICT => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(ok, 1, "the link works once");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM satisfaction_requests WHERE rating = 4")
            .await,
        1
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM moderation_items").await, 1);
    let (_, html) = app.page(&browser, "/avis").await;
    assert!(
        html.contains("Merci, votre réponse est enregistrée"),
        "{html}"
    );
    let (status, body) = app
        .call(&browser, "/api/avis/repondre", &[("rating", "1")])
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");

    // « Mes avis »: the answer, the comment waiting for moderation; changed within the week.
    // Mon espace no longer shows the card.
    let (_, html) = app.page(&person, "/espace").await;
    assert!(!html.contains("Une question vous attend"), "{html}");
    let (status, mine) = app.call(&person, "/api/espace/avis", &[]).await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    let answered = &mine["answered"][0];
    assert_eq!(answered["rating"], "4", "{mine}");
    assert_eq!(answered["comment_status"]["status"], "en_attente", "{mine}");
    let request = answered["id"].as_i64().expect("id").to_string();
    let comment = "Très utile, merci. Rappelez-moi au 06 12 34 56 78";
    let (status, body) = app
        .call(
            &person,
            "/api/espace/avis/repondre",
            &[
                ("request_id", &request),
                ("rating", "5"),
                ("comment", comment),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM satisfaction_requests WHERE rating = 5")
            .await,
        1
    );
    // Someone else's question answers 404; staff may never answer.
    let other = app.allocataire(f.people1[1]).await;
    let form = [("request_id", request.as_str()), ("rating", "1")];
    assert_eq!(
        app.call(&other, "/api/espace/avis/repondre", &form).await.0,
        StatusCode::NOT_FOUND
    );
    let c1 = app.staff("c1@test.fr").await;
    assert_eq!(
        app.call(&c1, "/api/espace/avis/repondre", &form).await.0,
        StatusCode::FORBIDDEN
    );

    // Moderation: the manager of agency 1 only; the phone and the name are suggested.
    assert_eq!(
        app.call(&c1, "/api/pro/moderation", &[]).await.0,
        StatusCode::FORBIDDEN
    );
    let m1 = app.staff("manager1@test.fr").await;
    let (status, queue) = app.call(&m1, "/api/pro/moderation", &[]).await;
    assert_eq!(status, StatusCode::OK, "{queue}");
    let item = &queue["pending"][0];
    assert_eq!(item["original"], comment);
    let suggestion = item["suggestion"].as_str().expect("suggestion").to_string();
    assert!(!suggestion.contains("06 12"), "{suggestion}");
    let (item_id, revision) = (item["id"].to_string(), item["revision"].to_string());
    let m2 = app.staff("manager2@test.fr").await;
    let decide = |rev: &str, decision: &str, published: &str| {
        vec![
            ("item_id".to_string(), item_id.clone()),
            ("revision".to_string(), rev.to_string()),
            ("decision".to_string(), decision.to_string()),
            ("published".to_string(), published.to_string()),
        ]
    };
    let call = |c: reqwest::Client, form: Vec<(String, String)>| {
        let app = &app;
        async move {
            let form: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.call(&c, "/api/pro/moderation/decider", &form).await
        }
    };
    let masked = decide(&revision, "masquer", &suggestion);
    assert_eq!(
        call(m2.clone(), masked.clone()).await.0,
        StatusCode::NOT_FOUND
    );
    let (status, body) = call(m1.clone(), decide(&revision, "masquer", comment)).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "nothing masked: {body}"
    );
    let (status, body) = call(m1.clone(), decide("1", "masquer", &suggestion)).await;
    assert_eq!(status, StatusCode::CONFLICT, "an older revision: {body}");
    let (status, body) = call(m1.clone(), masked.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        call(m1.clone(), masked).await.0,
        StatusCode::CONFLICT,
        "decided already"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'moderation.decide'")
            .await,
        1
    );
    let (_, mine) = app.call(&person, "/api/espace/avis", &[]).await;
    let status_view = &mine["answered"][0]["comment_status"];
    assert_eq!(status_view["status"], "masque", "{mine}");
    assert_eq!(status_view["published"], suggestion.as_str(), "{mine}");

    // A week after the answer, it is final.
    app.sql(&format!(
        "UPDATE satisfaction_requests SET answered_at = answered_at - 8 * {DAY} WHERE id = {request}"
    ))
    .await;
    let (status, body) = app
        .call(
            &person,
            "/api/espace/avis/repondre",
            &[("request_id", &request), ("rating", "1")],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.to_string().contains("fermée"), "{body}");
}
on_both!(the_question_comes_by_sms_answers_once_by_its_link_and_changes_for_a_week);

async fn one_reminder_with_a_new_link_and_workshops_are_asked_about_too(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let id = f.people1[1];
    honoured(&app, id, f.slots1[3], "voice-0002").await;
    let phone = app.phone_of(id).await;
    let first = token_in(&app.sms_with(&phone, "/a/").await);
    let now = chrono::Utc::now();
    let remind = |at| satisfaction::remind(&app.state, at);
    assert_eq!(remind(now).await.expect("run"), 0, "too early");
    // Three days later (the question made three days older), one reminder, once.
    app.sql(&format!(
        "UPDATE satisfaction_requests SET asked_at = asked_at - 3 * {DAY} - 60 WHERE allocataire_id = {id}"
    ))
    .await;
    assert_eq!(remind(now).await.expect("run"), 1);
    assert_eq!(
        remind(now + chrono::Duration::days(1)).await.expect("run"),
        0,
        "once"
    );
    let second = token_in(&app.sms_with(&phone, "Rappel").await);
    assert_ne!(first, second);
    // The first link no longer works; the reminder's does.
    let browser = client();
    browser
        .get(app.url(&format!("/a/{first}")))
        .send()
        .await
        .expect("link");
    let (_, html) = app.page(&browser, "/avis").await;
    assert!(html.contains("pas valable"), "{html}");
    browser
        .get(app.url(&format!("/a/{second}")))
        .send()
        .await
        .expect("link");
    let (status, body) = app
        .call(&browser, "/api/avis/repondre", &[("rating", "3")])
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // A workshop attended yesterday is asked about once.
    app.sql(&format!(
        "INSERT INTO workshops (agency_id, title, theme, description, starts_at, ends_at, place, capacity, audience, registration_deadline, status, created_at, updated_at) \
         VALUES ({a}, 'CV', 'emploi', '', {s}, {e}, 'Salle 1', 10, 'agence', {s}, 'scheduled', {s}, {s})",
        a = f.agency1,
        s = now.timestamp() - DAY,
        e = now.timestamp() - DAY + 3600
    ))
    .await;
    let workshop = app.scalar("SELECT MAX(id) FROM workshops").await;
    app.sql(&format!(
        "INSERT INTO workshop_registrations (workshop_id, allocataire_id, status, attendance, created_at, updated_at) VALUES ({workshop}, {id}, 'registered', 'present', {t}, {t})",
        t = now.timestamp()
    ))
    .await;
    assert_eq!(
        satisfaction::ask_due(&app.state, now).await.expect("ask"),
        1
    );
    assert_eq!(
        satisfaction::ask_due(&app.state, now).await.expect("ask"),
        0
    );
    let sms = app.sms_with(&phone, "atelier").await;
    assert!(sms.contains("/a/"), "{sms}");
}
on_both!(one_reminder_with_a_new_link_and_workshops_are_asked_about_too);

fn counts(v: &Value, kind: &str) -> Vec<String> {
    v["questions"]
        .as_array()
        .and_then(|q| q.iter().find(|q| q["kind"] == kind))
        .and_then(|q| q["lines"].as_array())
        .map(|l| {
            l.iter()
                .map(|l| l["count"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

async fn results_hide_small_cells_everywhere_and_show_only_moderated_text(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let now = chrono::Utc::now().timestamp();
    // Agency 1: 41 answers about rendez-vous (20 « très utile », 15 « utile », 6
    // « moyennement »); agency 2: 3 answers.
    let mut n = 0;
    let mut add = |agency: i64, person: i64, rating: i64, count: usize| {
        let mut sql = Vec::new();
        for _ in 0..count {
            n += 1;
            sql.push(format!(
                "INSERT INTO satisfaction_requests (allocataire_id, agency_id, event_kind, event_id, event_at, token_hash, asked_at, rating, answered_at, updated_at) \
                 VALUES ({person}, {agency}, 'rdv', {n}, {t}, 'h{n}', {t}, {rating}, {t}, {t})",
                t = now - 2 * DAY
            ));
        }
        sql
    };
    let mut statements = Vec::new();
    statements.extend(add(f.agency1, f.people1[2], 5, 20));
    statements.extend(add(f.agency1, f.people1[2], 4, 15));
    statements.extend(add(f.agency1, f.people1[2], 3, 6));
    statements.extend(add(f.agency2, f.person2, 2, 2));
    statements.extend(add(f.agency2, f.person2, 1, 1));
    for s in &statements {
        app.sql(s).await;
    }
    let first = app
        .scalar("SELECT MIN(id) FROM satisfaction_requests")
        .await;
    for (offset, status, text) in [
        (0, "publie", "Texte approuvé visible"),
        (1, "en_attente", "Texte en attente secret"),
        (2, "refuse", "Texte refusé secret"),
    ] {
        let published = if status == "publie" {
            format!("'{text}'")
        } else {
            "NULL".into()
        };
        app.sql(&format!(
            "INSERT INTO moderation_items (agency_id, source, source_id, author_id, original, published, status, created_at, updated_at) \
             VALUES ({}, 'satisfaction', {}, {}, '{text}', {published}, '{status}', {now}, {now})",
            f.agency1,
            first + offset,
            f.people1[2]
        ))
        .await;
    }

    let m1 = app.staff("manager1@test.fr").await;
    let (status, v) = app.call(&m1, "/api/pro/avis", &[]).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    // 6 < 11 is hidden, and so is 15: otherwise 41 − 20 − 15 would give the 6 back.
    assert_eq!(
        counts(&v, "rdv"),
        vec!["20", SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED],
        "{v}"
    );
    assert_eq!(v["questions"][0]["total"], "41", "{v}");
    assert!(counts(&v, "atelier").iter().all(|c| c == SUPPRESSED), "{v}");
    let json = v.to_string();
    assert!(json.contains("Texte approuvé visible"), "{json}");
    let (status, csv) = app.page(&m1, "/pro/avis/resultats.csv?periode=12m").await;
    assert_eq!(status, StatusCode::OK);
    assert!(csv.starts_with('\u{feff}'), "a BOM for French spreadsheets");
    assert!(csv.contains(";Très utile;20;49 %"), "{csv}");
    assert!(
        csv.contains(&format!(";Utile;{SUPPRESSED};{SUPPRESSED}")),
        "{csv}"
    );
    assert!(!csv.contains(";15;") && !csv.contains(";6;"), "{csv}");

    // The admin compares the agencies: agency 2 (3 answers) is hidden, and nothing in the
    // département's line recomputes it by difference.
    let admin = app.staff("admin@test.fr").await;
    let (status, v) = app.call(&admin, "/api/pro/avis", &[]).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let table = &v["comparison"][0];
    let rows = table["rows"].as_array().expect("rows");
    let row = |name: &str| rows.iter().find(|r| r[0] == name).expect("agency row");
    let (a1, a2) = (row("ALI Test 1"), row("ALI Test 2"));
    assert!(
        a2[1]
            .as_array()
            .expect("cells")
            .iter()
            .all(|c| c == SUPPRESSED),
        "{table}"
    );
    assert_eq!(a2[2], SUPPRESSED);
    for c in 0..5 {
        let shown = |x: &Value| x != SUPPRESSED;
        let (dept, one) = (&table["totals"][0][c], &a1[1][c]);
        assert!(
            !(shown(dept) && shown(one)),
            "column {c} gives agency 2 away: {table}"
        );
    }
    assert!(
        !(table["totals"][1] != SUPPRESSED && a1[2] != SUPPRESSED),
        "{table}"
    );

    // Unmoderated text reaches no one: not the results, not the page, not the CSV, for
    // any role; an allocataire may not read results at all.
    let c1 = app.staff("c1@test.fr").await;
    for (who, c) in [("referent", &c1), ("manager", &m1), ("admin", &admin)] {
        let (_, v) = app.call(c, "/api/pro/avis", &[]).await;
        let (_, html) = app.page(c, "/pro/avis").await;
        let (_, csv) = app.page(c, "/pro/avis/resultats.csv").await;
        for body in [v.to_string(), html, csv] {
            assert!(
                !body.contains("secret"),
                "{who} reads an unapproved text: {body}"
            );
        }
    }
    let person = app.allocataire(f.people1[2]).await;
    assert_eq!(
        app.call(&person, "/api/pro/avis", &[]).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, body) = app.page(&person, "/pro/avis/resultats.csv").await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "sent back to Mon espace: {body}"
    );
}
on_both!(results_hide_small_cells_everywhere_and_show_only_moderated_text);

async fn volunteering_records_the_text_read_and_withdrawing_takes_one_tap(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let id = f.people1[3];
    let person = app.allocataire(id).await;
    let (status, v) = app.call(&person, "/api/espace/panel", &[]).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["volunteer"], false);
    let version = v["version"].as_str().expect("version").to_string();
    // The box not ticked, or a page older than the text: nothing recorded.
    let (status, body) = app
        .call(
            &person,
            "/api/espace/panel/volontaire",
            &[("version", &version)],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = app
        .call(
            &person,
            "/api/espace/panel/volontaire",
            &[("accept", "on"), ("version", "2020-01")],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM panel_consents").await, 0);
    // Volunteering twice records one consent, with the version read and the date.
    let form = [("accept", "on"), ("version", version.as_str())];
    for _ in 0..2 {
        let (status, body) = app
            .call(&person, "/api/espace/panel/volontaire", &form)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM panel_consents WHERE allocataire_id = {id} AND version = '{version}' AND withdrawn_at IS NULL AND given_at > 0"
        ))
        .await,
        1
    );
    let (_, v) = app.call(&person, "/api/espace/panel", &[]).await;
    assert_eq!(v["volunteer"], true, "{v}");
    assert!(
        v["since"].as_str().is_some_and(|s| s.contains(&version)),
        "{v}"
    );

    // The agency's manager and the admin see the volunteer; the other agency's manager
    // and a counsellor do not.
    let numero = app
        .state
        .store
        .allocataire(app::domain::AllocataireId(id))
        .await
        .expect("read")
        .expect("person")
        .numero;
    let listed = |v: &Value| {
        v["lines"]
            .as_array()
            .is_some_and(|l| l.iter().any(|l| l["numero"] == numero.as_str()))
    };
    for (email, expected) in [
        ("manager1@test.fr", true),
        ("admin@test.fr", true),
        ("manager2@test.fr", false),
    ] {
        let c = app.staff(email).await;
        let (status, v) = app.call(&c, "/api/pro/volontaires", &[]).await;
        assert_eq!(status, StatusCode::OK, "{email}: {v}");
        assert_eq!(listed(&v), expected, "{email}: {v}");
    }
    let c1 = app.staff("c1@test.fr").await;
    assert_eq!(
        app.call(&c1, "/api/pro/volontaires", &[]).await.0,
        StatusCode::FORBIDDEN
    );

    // One tap to withdraw: off the list, the consent kept as history, audited.
    let (status, body) = app.call(&person, "/api/espace/panel/retrait", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let m1 = app.staff("manager1@test.fr").await;
    let (_, v) = app.call(&m1, "/api/pro/volontaires", &[]).await;
    assert!(!listed(&v), "{v}");
    assert_eq!(
        app.scalar(&format!("SELECT COUNT(*) FROM panel_consents WHERE allocataire_id = {id} AND withdrawn_at IS NOT NULL")).await,
        1
    );
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action IN ('panel.volunteer', 'panel.withdraw')"
        )
        .await,
        2
    );
    // Volunteering again opens a new consent.
    let (status, _) = app
        .call(&person, "/api/espace/panel/volontaire", &form)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM panel_consents").await, 2);
}
on_both!(volunteering_records_the_text_read_and_withdrawing_takes_one_tap);
