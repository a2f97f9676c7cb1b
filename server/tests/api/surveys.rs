//! Surveys (issue 9, second part): a manager builds and publishes, people answer one
//! section at a time (saved as they go), send once (50 taps: one response), anonymous
//! responses stay apart from the people, a change after the first answer makes a new
//! version, bad input writes nothing, results suppress small cells in the JSON, the page
//! and the CSV — on SQLite and PostgreSQL.

use crate::common::{Db, TestApp};
use reqwest::{Client, StatusCode};
use serde_json::Value;

const SUPPRESSED: &str = "moins de 11 réponses";
const SECTION: &str = "/api/espace/questionnaires/partie";

fn day(offset: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(offset)).to_string()
}

/// Creates a survey as `c` and returns its id.
async fn create(app: &TestApp, c: &Client, anonymity: &str, audience: &str, numeros: &str) -> i64 {
    let (opens, closes) = (day(-1), day(30));
    let (status, done) = app
        .call(
            c,
            "/api/pro/questionnaires/creer",
            &[
                ("title", "Vos ateliers"),
                ("intro", "Cinq minutes."),
                ("thanks", "Merci !"),
                ("anonymity", anonymity),
                ("audience", audience),
                ("numeros", numeros),
                ("opens_on", &opens),
                ("closes_on", &closes),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    done["redirect"]
        .as_str()
        .and_then(|r| r.rsplit('/').next())
        .and_then(|id| id.parse().ok())
        .expect("survey id")
}

async fn add(app: &TestApp, c: &Client, survey: i64, fields: &[(&str, &str)]) -> Value {
    let id = survey.to_string();
    let mut form = vec![("survey_id", id.as_str())];
    form.extend_from_slice(fields);
    let (status, done) = app.call(c, "/api/pro/questionnaires/question", &form).await;
    assert_eq!(status, StatusCode::OK, "{fields:?}: {done}");
    done
}

/// Three sections: a choice and a yes/no, then a long text shown only after « non » and
/// a multiple choice, then an optional short text.
async fn build(app: &TestApp, c: &Client, survey: i64) {
    let r = "on";
    add(
        app,
        c,
        survey,
        &[
            ("section", "1"),
            ("kind", "choix_unique"),
            ("label", "Quel atelier ?"),
            ("options", "CV\nEntretien\nNumérique"),
            ("required", r),
        ],
    )
    .await;
    add(
        app,
        c,
        survey,
        &[
            ("section", "1"),
            ("kind", "oui_non"),
            ("label", "Le matin vous convient ?"),
            ("required", r),
        ],
    )
    .await;
    add(
        app,
        c,
        survey,
        &[
            ("section", "2"),
            ("kind", "texte_long"),
            ("label", "Pourquoi pas le matin ?"),
            ("required", r),
            ("show_if", "2:non"),
        ],
    )
    .await;
    add(
        app,
        c,
        survey,
        &[
            ("section", "2"),
            ("kind", "choix_multiple"),
            ("label", "Quels jours ?"),
            ("options", "Lundi\nMardi\nJeudi"),
        ],
    )
    .await;
    add(
        app,
        c,
        survey,
        &[
            ("section", "3"),
            ("kind", "texte_court"),
            ("label", "Une idée ?"),
        ],
    )
    .await;
}

async fn section(
    app: &TestApp,
    c: &Client,
    survey: i64,
    part: i64,
    answers: &[(&str, &str)],
) -> (StatusCode, Value) {
    let (s, p) = (survey.to_string(), part.to_string());
    let mut form = vec![("survey", s.as_str()), ("partie", p.as_str())];
    form.extend_from_slice(answers);
    app.call(c, SECTION, &form).await
}

async fn send(app: &TestApp, c: &Client, survey: i64) -> (StatusCode, Value) {
    app.call(
        c,
        "/api/espace/questionnaires/envoyer",
        &[("survey_id", &survey.to_string())],
    )
    .await
}

async fn draft(app: &TestApp, survey: i64, person: i64) -> String {
    app.text(&format!(
        "SELECT draft FROM survey_participants WHERE survey_id = {survey} AND allocataire_id = {person}"
    ))
    .await
    .flatten()
    .unwrap_or_default()
}

async fn a_manager_builds_and_publishes_and_a_person_answers_section_by_section(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let m1 = app.staff("manager1@test.fr").await;
    // Only managers (and the admin) build surveys; another agency's is not found.
    let c1 = app.staff("c1@test.fr").await;
    let (status, _) = app.call(&c1, "/api/pro/questionnaires", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A manager cannot address every agency.
    let (status, body) = app
        .call(
            &m1,
            "/api/pro/questionnaires/creer",
            &[
                ("title", "Tous"),
                ("anonymity", "anonyme"),
                ("audience", "toutes"),
                ("opens_on", &day(0)),
                ("closes_on", &day(3)),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let survey = create(&app, &m1, "anonyme", "agence", "").await;
    build(&app, &m1, survey).await;
    let m2 = app.staff("manager2@test.fr").await;
    let (status, _) = app
        .call(
            &m2,
            "/api/pro/questionnaires/voir",
            &[("id", &survey.to_string())],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A condition must name an earlier section's choice.
    let id = survey.to_string();
    let (status, body) = app
        .call(
            &m1,
            "/api/pro/questionnaires/question",
            &[
                ("survey_id", &id),
                ("section", "1"),
                ("kind", "texte_court"),
                ("label", "Trop tôt"),
                ("show_if", "2:non"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // The builder page and the phone preview show the questions.
    let (status, html) = app
        .page(&m1, &format!("/pro/questionnaires/{survey}/apercu"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Pourquoi pas le matin ?") && html.contains("Numérique"),
        "{html}"
    );

    // Signed in before the invitations go out (the sign-in code comes by SMS too).
    let person_id = f.people1[0];
    let person = app.allocataire(person_id).await;
    let other = app.allocataire(f.people1[1]).await;
    let outsider = app.allocataire(f.person2).await;
    // Publishing invites the agency's people, through the outbox.
    let (status, done) = app
        .call(
            &m1,
            "/api/pro/questionnaires/publier",
            &[("survey_id", &id)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM survey_participants WHERE survey_id = {survey}"
        ))
        .await,
        i64::try_from(f.people1.len()).expect("a count")
    );
    // The agency's audit trail names the change in words.
    let (_, trail) = app.page(&m1, "/pro/journal").await;
    assert!(
        trail.contains("Questionnaire publié")
            && trail.contains("Question ajoutée à un questionnaire"),
        "{trail}"
    );
    let phone = app.phone_of(person_id).await;
    let sms = app.sms_with(&phone, "/espace/questionnaires/").await;
    assert!(
        sms.contains(&format!("/espace/questionnaires/{survey}")),
        "{sms}"
    );
    // Someone of agency 2 was not invited: the survey is not found for them.
    let (status, _) = app
        .call(&outsider, "/api/espace/questionnaires/voir", &[("id", &id)])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, html) = app.page(&person, "/espace/questionnaires").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Vos ateliers"), "{html}");
    let (_, html) = app
        .page(&person, &format!("/espace/questionnaires/{survey}"))
        .await;
    assert!(
        html.contains("anonyme"),
        "said before the first question: {html}"
    );

    // Section 1, then leave: the answers wait, « Reprendre » goes to section 2.
    let (status, done) = section(&app, &person, survey, 1, &[("q1", "2"), ("q2", "non")]).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(
        done["redirect"],
        format!("/espace/questionnaires/{survey}?partie=2")
    );
    let (_, v) = app
        .call(&person, "/api/espace/questionnaires/voir", &[("id", &id)])
        .await;
    assert_eq!(v["start_label"], "Reprendre", "{v}");
    assert_eq!(
        v["start_href"],
        format!("/espace/questionnaires/{survey}?partie=2")
    );

    // Bad input in section 2: a clear error on its field, nothing written.
    let before = draft(&app, survey, person_id).await;
    let long = "é".repeat(10_000);
    for (answers, field, status) in [
        (
            vec![("q4", "1")],
            Some("q3"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            vec![("q3", "Les horaires"), ("q4", "9")],
            Some("q4"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            vec![("q3", long.as_str())],
            Some("q3"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            vec![("q3", "x"), ("q1", "1")],
            None,
            StatusCode::BAD_REQUEST,
        ),
        (
            vec![("q3", "x"), ("q99", "1")],
            None,
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let (s, body) = section(&app, &person, survey, 2, &answers).await;
        assert_eq!(s, status, "{answers:?}: {body}");
        if let Some(field) = field {
            let first = &body["Invalid"]["fields"][0];
            assert_eq!(first["field"], field, "{body}");
            assert!(!first["message"].as_str().unwrap_or("").is_empty());
        }
        assert_eq!(
            draft(&app, survey, person_id).await,
            before,
            "nothing written"
        );
    }
    // Without JavaScript: back to the form, the error and what was typed kept.
    let res = app
        .form(
            &person,
            SECTION,
            &[("survey", &id), ("partie", "2"), ("q4", "2"), ("q4", "3")],
            &format!("/espace/questionnaires/{survey}?partie=2"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = app
        .page(
            &person,
            &format!("/espace/questionnaires/{survey}?partie=2"),
        )
        .await;
    assert!(
        html.contains("Cette question demande une réponse."),
        "{html}"
    );
    assert!(
        html.contains(r#"id="q4-2" name="q4" value="2" checked"#)
            || html.contains(r#"value="2" checked=""#),
        "the ticked days come back: {html}"
    );

    let (status, done) = section(
        &app,
        &person,
        survey,
        2,
        &[("q3", "Les horaires du bus"), ("q4", "1"), ("q4", "3")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let (status, done) = section(&app, &person, survey, 3, &[("q5", "")]).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(
        done["redirect"],
        format!("/espace/questionnaires/{survey}?partie=resume")
    );
    let (_, html) = app
        .page(
            &person,
            &format!("/espace/questionnaires/{survey}?partie=resume"),
        )
        .await;
    assert!(
        html.contains("Les horaires du bus") && html.contains("Lundi, Jeudi"),
        "{html}"
    );

    let (status, done) = send(&app, &person, survey).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let (status, _) = send(&app, &person, survey).await;
    assert_eq!(status, StatusCode::CONFLICT, "sent once");
    let (status, _) = section(&app, &person, survey, 1, &[("q1", "1"), ("q2", "oui")]).await;
    assert_eq!(status, StatusCode::CONFLICT, "no change after sending");

    // Anonymous: the response holds neither the person nor a time, its id is random,
    // the sending is not audited, the mark « sent » keeps no answer and no time.
    assert_eq!(
        app.scalar(&format!("SELECT COUNT(*) FROM survey_responses WHERE survey_id = {survey} AND allocataire_id IS NULL AND sent_at IS NULL")).await,
        1
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM survey_responses WHERE survey_id = {survey}"
        ))
        .await,
        1
    );
    let response = app
        .text(&format!(
            "SELECT id FROM survey_responses WHERE survey_id = {survey}"
        ))
        .await
        .flatten()
        .expect("response");
    assert_eq!(response.len(), 64);
    assert!(
        response.chars().all(|c| c.is_ascii_hexdigit()),
        "random, not derived: {response}"
    );
    assert_eq!(
        draft(&app, survey, person_id).await,
        "",
        "the draft is gone once sent"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'survey.send'")
            .await,
        0
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM survey_answers WHERE response_id = '{response}'"
        ))
        .await,
        4,
        "q1, q2 and two days"
    );
    // The free text waits for moderation, without its author.
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM moderation_items WHERE source = 'questionnaire' AND author_id IS NULL AND status = 'en_attente'").await,
        1
    );
    let (_, v) = app.call(&m1, "/api/pro/moderation", &[]).await;
    assert!(v.to_string().contains("Les horaires du bus"), "{v}");
    assert!(
        v.to_string().contains("Réponse libre à un questionnaire"),
        "{v}"
    );

    // Closed: no more answers.
    let (status, _) = app
        .call(&m1, "/api/pro/questionnaires/clore", &[("survey_id", &id)])
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = section(&app, &other, survey, 1, &[("q1", "1"), ("q2", "oui")]).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
}
on_both!(a_manager_builds_and_publishes_and_a_person_answers_section_by_section);

async fn fifty_sends_at_once_make_one_response(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let m1 = app.staff("manager1@test.fr").await;
    let numero = format!("{}", 5_000_000 + 3);
    let person_id = f.people1[3];
    let person = app.allocataire(person_id).await;
    let survey = create(&app, &m1, "nominatif", "liste", &numero).await;
    add(
        &app,
        &m1,
        survey,
        &[
            ("section", "1"),
            ("kind", "oui_non"),
            ("label", "Satisfait ?"),
            ("required", "on"),
        ],
    )
    .await;
    let (status, done) = app
        .call(
            &m1,
            "/api/pro/questionnaires/publier",
            &[("survey_id", &survey.to_string())],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let (status, _) = section(&app, &person, survey, 1, &[("q1", "oui")]).await;
    assert_eq!(status, StatusCode::OK);
    let sends = (0..50).map(|_| send(&app, &person, survey));
    let results = futures::future::join_all(sends).await;
    let ok = results.iter().filter(|(s, _)| *s == StatusCode::OK).count();
    let conflicts = results
        .iter()
        .filter(|(s, _)| *s == StatusCode::CONFLICT)
        .count();
    assert_eq!(
        (ok, conflicts),
        (1, 49),
        "{:?}",
        results.iter().map(|r| r.0).collect::<Vec<_>>()
    );
    // Named: the response says who, and the sending is audited.
    assert_eq!(
        app.scalar(&format!("SELECT COUNT(*) FROM survey_responses WHERE survey_id = {survey} AND allocataire_id = {person_id}")).await,
        1
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'survey.send'")
            .await,
        1
    );
}
on_both!(fifty_sends_at_once_make_one_response);

async fn a_change_after_the_first_answer_makes_a_new_version(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let m1 = app.staff("manager1@test.fr").await;
    let survey = create(&app, &m1, "anonyme", "agence", "").await;
    add(
        &app,
        &m1,
        survey,
        &[
            ("section", "1"),
            ("kind", "choix_unique"),
            ("label", "Quel atelier ?"),
            ("options", "CV\nEntretien"),
            ("required", "on"),
        ],
    )
    .await;
    // Before anyone answered, a change is made in place.
    let id = survey.to_string();
    let (status, done) = app
        .call(
            &m1,
            "/api/pro/questionnaires/question/modifier",
            &[
                ("survey_id", &id),
                ("key", "1"),
                ("section", "1"),
                ("kind", "choix_unique"),
                ("label", "Quel atelier voulez-vous ?"),
                ("options", "CV\nEntretien"),
                ("required", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(
        app.scalar(&format!("SELECT version FROM surveys WHERE id = {survey}"))
            .await,
        1
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM survey_questions WHERE survey_id = {survey}"
        ))
        .await,
        1
    );
    let first = app.allocataire(f.people1[0]).await;
    let second = app.allocataire(f.people1[1]).await;
    let third = app.allocataire(f.people1[2]).await;
    let (status, _) = app
        .call(
            &m1,
            "/api/pro/questionnaires/publier",
            &[("survey_id", &id)],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        section(&app, &first, survey, 1, &[("q1", "1")]).await.0,
        StatusCode::OK
    );
    assert_eq!(send(&app, &first, survey).await.0, StatusCode::OK);
    // Someone started on version 1 too.
    assert_eq!(
        section(&app, &second, survey, 1, &[("q1", "2")]).await.0,
        StatusCode::OK
    );

    // Now a change makes version 2; the answers keep version 1.
    let (status, done) = app
        .call(
            &m1,
            "/api/pro/questionnaires/question/modifier",
            &[
                ("survey_id", &id),
                ("key", "1"),
                ("section", "1"),
                ("kind", "choix_unique"),
                ("label", "Quel atelier voulez-vous ?"),
                ("options", "CV\nEntretien\nNumérique"),
                ("required", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert!(
        done["notice"].as_str().unwrap_or("").contains("version 2"),
        "{done}"
    );
    assert_eq!(
        app.scalar(&format!("SELECT version FROM surveys WHERE id = {survey}"))
            .await,
        2
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT version FROM survey_responses WHERE survey_id = {survey}"
        ))
        .await,
        1
    );
    // Version 1's question is kept as it was.
    let (_, v1) = app
        .call(
            &m1,
            "/api/pro/questionnaires/resultats",
            &[("id", &id), ("version", "1")],
        )
        .await;
    assert_eq!(
        v1["questions"][0]["lines"].as_array().map(Vec::len),
        Some(3),
        "two choices and « sans réponse »: {v1}"
    );
    let (_, v2) = app
        .call(&m1, "/api/pro/questionnaires/resultats", &[("id", &id)])
        .await;
    assert_eq!(v2["version"], 2);
    assert_eq!(
        v2["questions"][0]["lines"].as_array().map(Vec::len),
        Some(4),
        "{v2}"
    );
    // The one who started on version 1 finishes on it ("3" is not one of its choices).
    assert_eq!(
        section(&app, &second, survey, 1, &[("q1", "3")]).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(send(&app, &second, survey).await.0, StatusCode::OK);
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM survey_responses WHERE survey_id = {survey} AND version = 1"
        ))
        .await,
        2
    );
    // A newcomer answers version 2.
    assert_eq!(
        section(&app, &third, survey, 1, &[("q1", "3")]).await.0,
        StatusCode::OK
    );
    assert_eq!(send(&app, &third, survey).await.0, StatusCode::OK);
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM survey_responses WHERE survey_id = {survey} AND version = 2"
        ))
        .await,
        1
    );
}
on_both!(a_change_after_the_first_answer_makes_a_new_version);

async fn results_suppress_small_cells_and_show_only_moderated_texts(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let m1 = app.staff("manager1@test.fr").await;
    let survey = create(&app, &m1, "anonyme", "agence", "").await;
    add(
        &app,
        &m1,
        survey,
        &[
            ("section", "1"),
            ("kind", "choix_unique"),
            ("label", "Quel atelier ?"),
            ("options", "CV\nEntretien"),
            ("required", "on"),
        ],
    )
    .await;
    add(
        &app,
        &m1,
        survey,
        &[
            ("section", "1"),
            ("kind", "texte_long"),
            ("label", "Une idée ?"),
        ],
    )
    .await;
    let id = survey.to_string();
    let mut people = Vec::new();
    for n in 0..13 {
        people.push(app.allocataire(f.people1[n]).await);
    }
    assert_eq!(
        app.call(
            &m1,
            "/api/pro/questionnaires/publier",
            &[("survey_id", &id)]
        )
        .await
        .0,
        StatusCode::OK
    );
    let answer = |n: usize| {
        let (app, people) = (&app, &people);
        async move {
            let c = &people[n];
            let choice = if n < 11 { "1" } else { "2" };
            let text = format!("Idée numéro {n}");
            let (s, b) = section(app, c, survey, 1, &[("q1", choice), ("q2", &text)]).await;
            assert_eq!(s, StatusCode::OK, "{b}");
            assert_eq!(send(app, c, survey).await.0, StatusCode::OK);
        }
    };
    for n in 0..5 {
        answer(n).await;
    }
    // Five responses: no figure at all, anywhere.
    let (_, v) = app
        .call(&m1, "/api/pro/questionnaires/resultats", &[("id", &id)])
        .await;
    assert_eq!(v["respondents"], SUPPRESSED, "{v}");
    for line in v["questions"][0]["lines"].as_array().expect("lines") {
        assert_eq!(line["count"], SUPPRESSED, "{v}");
    }
    let csv = app
        .page(&m1, &format!("/pro/questionnaires/{survey}/resultats.csv"))
        .await
        .1;
    let counts: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(';').nth(2))
        .collect();
    assert!(
        counts.len() >= 4 && counts.iter().all(|c| *c == SUPPRESSED),
        "{csv}"
    );
    for n in 5..13 {
        answer(n).await;
    }
    // Thirteen respond, 11 chose the first workshop: shown with the total, the 11 would
    // give the other 2 back by difference, so it is suppressed with them.
    let (_, v) = app
        .call(&m1, "/api/pro/questionnaires/resultats", &[("id", &id)])
        .await;
    assert_eq!(v["respondents"], "13 réponses", "{v}");
    let lines = v["questions"][0]["lines"].as_array().expect("lines");
    assert_eq!(lines.len(), 3, "{v}");
    for line in lines {
        assert_eq!(line["count"], SUPPRESSED, "{v}");
        assert_eq!(line["percent"], SUPPRESSED, "{v}");
    }
    // Texts appear once approved, never before: in the JSON, the page and the CSV.
    let unapproved = "Idée numéro 4";
    let (_, html) = app
        .page(&m1, &format!("/pro/questionnaires/{survey}/resultats"))
        .await;
    let csv = app
        .page(&m1, &format!("/pro/questionnaires/{survey}/resultats.csv"))
        .await
        .1;
    for shown in [v.to_string(), html.clone(), csv.clone()] {
        assert!(
            !shown.contains("Idée numéro"),
            "nothing approved yet: {shown}"
        );
    }
    assert!(
        html.contains("13 réponses") && !html.contains(">11<"),
        "{html}"
    );
    let item = app
        .scalar("SELECT id FROM moderation_items WHERE source = 'questionnaire' AND original = 'Idée numéro 7'")
        .await;
    let (status, body) = app
        .call(
            &m1,
            "/api/pro/moderation/decider",
            &[
                ("item_id", &item.to_string()),
                ("revision", "1"),
                ("decision", "publier"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, v) = app
        .call(&m1, "/api/pro/questionnaires/resultats", &[("id", &id)])
        .await;
    let csv = app
        .page(&m1, &format!("/pro/questionnaires/{survey}/resultats.csv"))
        .await
        .1;
    let (_, html) = app
        .page(&m1, &format!("/pro/questionnaires/{survey}/resultats"))
        .await;
    for shown in [v.to_string(), html, csv] {
        assert!(shown.contains("Idée numéro 7"), "{shown}");
        assert!(!shown.contains(unapproved), "{shown}");
    }
    // Another agency's manager and a référent see nothing.
    let m2 = app.staff("manager2@test.fr").await;
    assert_eq!(
        app.call(&m2, "/api/pro/questionnaires/resultats", &[("id", &id)])
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.page(&m2, &format!("/pro/questionnaires/{survey}/resultats.csv"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let c1 = app.staff("c1@test.fr").await;
    assert_eq!(
        app.call(&c1, "/api/pro/questionnaires/resultats", &[("id", &id)])
            .await
            .0,
        StatusCode::FORBIDDEN
    );
}
on_both!(results_suppress_small_cells_and_show_only_moderated_texts);
