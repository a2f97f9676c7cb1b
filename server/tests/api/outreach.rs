//! « Aller vers » (issue 7): the worklist's three reasons, a person reached leaving it,
//! one message to several people (only those with the channel, each logged on the file,
//! another agency's numéros named back) — on SQLite and PostgreSQL.

use crate::common::Db;
use reqwest::StatusCode;
use serde_json::Value;

fn ids(v: &Value) -> Vec<i64> {
    v["lines"]
        .as_array()
        .map(|l| l.iter().filter_map(|l| l["id"].as_i64()).collect())
        .unwrap_or_default()
}

async fn the_worklist_finds_who_to_go_and_find_and_a_message_reaches_them(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let today = app::server::format::today(chrono::Utc::now());
    let day = |n: i64| (today - chrono::Duration::days(n)).to_string();
    // Everyone of agency 1 oriented today: nobody is due yet.
    app.sql(&format!(
        "UPDATE allocataires SET orientation_date = '{}' WHERE agency_id = {}",
        day(0),
        f.agency1
    ))
    .await;
    let c1 = app.staff("c1@test.fr").await;
    let (status, v) = app.call(&c1, "/api/pro/aller-vers", &[]).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert!(ids(&v).is_empty(), "{v}");
    // Never seen: oriented 30 days ago (person 3, who has no e-mail; person 0 has one).
    let (never, emailed) = (f.people1[3], f.people1[0]);
    for p in [never, emailed] {
        app.sql(&format!(
            "UPDATE allocataires SET orientation_date = '{}' WHERE id = {p}",
            day(30)
        ))
        .await;
    }
    let (_, v) = app.call(&c1, "/api/pro/aller-vers", &[]).await;
    let mut listed = ids(&v);
    listed.sort_unstable();
    let mut expected = vec![never, emailed];
    expected.sort_unstable();
    assert_eq!(listed, expected, "{v}");
    assert!(v["lines"]
        .as_array()
        .is_some_and(|l| l.iter().all(|l| l["reason"] == "jamais_vu")));
    // Reached by phone: off the list.
    let (status, body) = app
        .call(
            &c1,
            "/api/pro/aller-vers/contact",
            &[
                ("allocataire_id", never.to_string().as_str()),
                ("channel", "appel"),
                ("reached", "on"),
                ("note", "Rappellera lundi."),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, v) = app.call(&c1, "/api/pro/aller-vers", &[]).await;
    assert_eq!(ids(&v), [emailed]);
    let (status, _) = app
        .call(
            &c1,
            "/api/pro/aller-vers/contact",
            &[
                ("allocataire_id", never.to_string().as_str()),
                ("channel", "pigeon"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let c3 = app.staff("c3@test.fr").await;
    let (status, _) = app
        .call(
            &c3,
            "/api/pro/aller-vers/contact",
            &[
                ("allocataire_id", never.to_string().as_str()),
                ("channel", "appel"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another agency's file");

    // A message by e-mail to the list, plus person 3 (no e-mail) and agency 2's person.
    let numero = |id: i64| {
        let (app, sql) = (
            &app,
            format!("SELECT CAST(numero AS BIGINT) FROM allocataires WHERE id = {id}"),
        );
        async move { app.scalar(&sql).await }
    };
    let (n_emailed, n_never, n_other) = (
        numero(emailed).await,
        numero(never).await,
        numero(f.person2).await,
    );
    let list = format!("{n_emailed}\n{n_never}\n{n_other}");
    let before = app.count("outbox").await;
    let (status, done) = app
        .call(
            &c1,
            "/api/pro/aller-vers/message",
            &[
                ("template", "revoir"),
                ("message_channel", "email"),
                ("numeros", list.as_str()),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let notice = done["notice"].as_str().unwrap_or_default();
    assert!(notice.contains("Message envoyé à 1 personnes"), "{notice}");
    assert!(
        notice.contains(&format!("Sans e-mail, non prévenues : {n_never}")),
        "{notice}"
    );
    assert!(
        notice.contains(&format!("Pas de dossier dans l'agence pour : {n_other}")),
        "{notice}"
    );
    assert_eq!(app.count("outbox").await, before + 1);
    let mail = app
        .wait_mail(|m| m.contains("personne0@exemple.test") && m.contains("souhaite vous revoir"))
        .await;
    assert!(mail.contains("Bonjour Personne0"), "{mail}");
    // The send is logged on the file; the person is not reached by it, so stays listed.
    assert_eq!(
        app.scalar(&format!("SELECT COUNT(*) FROM contact_attempts WHERE allocataire_id = {emailed} AND channel = 'email' AND reached = 0")).await,
        1
    );
    let (_, v) = app.call(&c1, "/api/pro/aller-vers", &[]).await;
    assert_eq!(ids(&v), [emailed]);
    // The parcours page shows the attempts.
    let (status, html) = app
        .page(&c1, &format!("/pro/allocataires/{never}/parcours"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Rappellera lundi."), "{html}");
}
on_both!(the_worklist_finds_who_to_go_and_find_and_a_message_reaches_them);
