//! Sign-in: codes for allocataires (by SMS and by e-mail through real servers), invitation
//! links, staff passwords, sessions and their end.

use crate::common::{client, six_digits, spawn, spawn_with, Db};
use reqwest::StatusCode;

async fn a_code_sent_by_email_reaches_the_smtp_server_and_signs_in(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let c = client();
    let (status, body) = app
        .call(
            &c,
            "/api/connexion/code",
            &[("identifier", "personne0@exemple.test")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["notice"]
        .as_str()
        .unwrap_or("")
        .contains("Si un compte correspond"));
    let mail = app
        .wait_mail(|m| m.contains("personne0@exemple.test") && m.contains("code de connexion"))
        .await;
    let code =
        six_digits(&mail.replace("=\r\n", "").replace("=\n", "")).expect("code in the e-mail");
    // Not yet signed in.
    assert_eq!(
        app.call(&c, "/api/espace", &[]).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, body) = app
        .call(&c, "/api/connexion/verifier", &[("code", &code)])
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, space) = app.call(&c, "/api/espace", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(space["first_name"], "Personne0");
    assert!(
        space["first_meeting_due"].is_string(),
        "the 15-day deadline shows until the first meeting"
    );
    // The code is not readable in the outbox once delivered (not demo mode).
    let rows = app.state.store.messages(None, 10).await.expect("outbox");
    assert!(rows
        .iter()
        .filter(|m| m.sensitive && m.status == app::server::store::DeliveryStatus::Sent)
        .all(|m| !m.body.contains(&code)));
}
on_both!(a_code_sent_by_email_reaches_the_smtp_server_and_signs_in);

async fn the_answer_is_the_same_whether_or_not_an_account_exists(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let known = app
        .call(
            &client(),
            "/api/connexion/code",
            &[("identifier", "5000001")],
        )
        .await;
    let unknown = app
        .call(
            &client(),
            "/api/connexion/code",
            &[("identifier", "9999999")],
        )
        .await;
    assert_eq!(known, unknown);
    // And a code typed for a request that matched nobody is simply wrong.
    let c = client();
    app.call(&c, "/api/connexion/code", &[("identifier", "0699999999")])
        .await;
    let (status, body) = app
        .call(&c, "/api/connexion/verifier", &[("code", "123456")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("n'est pas le bon"));
}
on_both!(the_answer_is_the_same_whether_or_not_an_account_exists);

async fn a_code_allows_five_attempts_and_works_once(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let c = client();
    let before = app.sms_count();
    app.call(
        &c,
        "/api/connexion/code",
        &[("identifier", "07 00 00 00 02")],
    )
    .await;
    let code = six_digits(&app.sms_to("0700000002", before).await).expect("code");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        assert_eq!(
            app.call(&c, "/api/connexion/verifier", &[("code", wrong)])
                .await
                .0,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    assert_eq!(
        app.call(&c, "/api/connexion/verifier", &[("code", &code)])
            .await
            .0,
        StatusCode::UNPROCESSABLE_ENTITY,
        "blocked after 5 attempts"
    );
    // A new code works, once.
    let before = app.sms_count();
    app.call(&c, "/api/connexion/code", &[("identifier", "0700000002")])
        .await;
    let code = six_digits(&app.sms_to("0700000002", before).await).expect("code");
    assert_eq!(
        app.call(&c, "/api/connexion/verifier", &[("code", &code)])
            .await
            .0,
        StatusCode::OK
    );
    let other = client();
    assert_eq!(
        app.call(&other, "/api/connexion/verifier", &[("code", &code)])
            .await
            .0,
        StatusCode::CONFLICT,
        "another browser cannot use it"
    );
}
on_both!(a_code_allows_five_attempts_and_works_once);

async fn an_invitation_link_is_spent_only_by_a_post_from_the_browser_that_opened_it(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let token = app::server::services::auth::invite(
        &app.state,
        app::domain::AllocataireId(app.f.people1[3]),
        chrono::Utc::now(),
    )
    .await
    .expect("invite");
    // A mail scanner's GET changes nothing and the token leaves the URL at once.
    let scanner = client();
    let res = scanner
        .get(app.url(&format!("/i/{token}")))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/invitation");
    assert_eq!(res.headers()["referrer-policy"], "same-origin");
    let browser = client();
    browser
        .get(app.url(&format!("/i/{token}")))
        .send()
        .await
        .expect("get");
    // Another browser (no token in its session) cannot spend it.
    assert_eq!(
        app.call(&client(), "/api/invitation/continuer", &[])
            .await
            .0,
        StatusCode::CONFLICT
    );
    let before = app.sms_count();
    let (status, body) = app.call(&browser, "/api/invitation/continuer", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let code = six_digits(&app.sms_to("0700000003", before).await).expect("code");
    assert_eq!(
        app.call(&browser, "/api/connexion/verifier", &[("code", &code)])
            .await
            .0,
        StatusCode::OK
    );
    // The scanner's session kept the token, but the link was spent.
    assert_eq!(
        app.call(&scanner, "/api/invitation/continuer", &[]).await.0,
        StatusCode::CONFLICT
    );
    // Without JavaScript, a spent link is not a dead end: the page says so and offers
    // the sign-in, not another « Continuer ».
    let again = client();
    again
        .get(app.url(&format!("/i/{token}")))
        .send()
        .await
        .expect("get");
    let res = app
        .form(&again, "/api/invitation/continuer", &[], "/invitation")
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.page(&again, "/invitation").await;
    assert!(
        html.contains("n'est plus valable") || html.contains("n&#39;est plus valable"),
        "{html}"
    );
    assert!(html.contains(r#"href="/connexion""#), "a way on");
    assert!(
        !html.contains(">Continuer<"),
        "no button that repeats the error"
    );
}
on_both!(an_invitation_link_is_spent_only_by_a_post_from_the_browser_that_opened_it);

async fn staff_sign_in_with_a_password_and_sign_out_everywhere(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let (status, body) = app
        .call(
            &client(),
            "/api/pro/connexion",
            &[("email", "c1@test.fr"), ("password", "wrong")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("incorrect"));
    let phone = app.staff("c1@test.fr").await;
    let laptop = app.staff("C1@test.fr").await;
    assert_eq!(
        app.call(&laptop, "/api/pro/agenda", &[]).await.0,
        StatusCode::OK
    );
    assert_eq!(
        app.call(&phone, "/api/deconnexion", &[("partout", "1")])
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        app.call(&laptop, "/api/pro/agenda", &[]).await.0,
        StatusCode::UNAUTHORIZED,
        "every session ended"
    );
    assert_eq!(
        app.call(&phone, "/api/pro/agenda", &[]).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.call(&app.staff("c1@test.fr").await, "/api/pro/agenda", &[])
            .await
            .0,
        StatusCode::OK,
        "signing in again works"
    );
}
on_both!(staff_sign_in_with_a_password_and_sign_out_everywhere);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_attempts_get_429_with_retry_after() {
    let Some(app) = spawn_with(Db::Sqlite, |c| c.auth.rate_per_minute = 5).await else {
        return;
    };
    let c = client();
    let mut statuses = Vec::new();
    let mut retry_after = None;
    for _ in 0..8 {
        let res = c
            .post(app.url("/api/pro/connexion"))
            .header("origin", &app.base)
            .header("accept", "application/json")
            .form(&[("email", "c1@test.fr"), ("password", "wrong")])
            .send()
            .await
            .expect("post");
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            retry_after = res
                .headers()
                .get("retry-after")
                .map(|v| v.to_str().unwrap_or("").to_string());
        }
        statuses.push(res.status());
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
            .count(),
        5
    );
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS));
    assert!(retry_after.is_some_and(|s| s.parse::<u64>().is_ok_and(|n| n >= 1)));
}

async fn the_account_page_says_where_codes_go_and_signs_out_every_device(db: Db) {
    let Some(app) = spawn(db).await else { return };
    // Person 0 has a phone and an e-mail on file.
    let here = app.allocataire(app.f.people1[0]).await;
    let elsewhere = app.allocataire(app.f.people1[0]).await;
    let (status, html) = app.page(&here, "/espace/compte").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1>Mon compte</h1>"), "{html}");
    assert!(
        html.contains("p•••@exemple.test"),
        "the e-mail, masked: {html}"
    );
    assert!(!html.contains("personne0@exemple.test"), "never in full");
    // The header is one compact bar: one sign-out, the other one lives here.
    let (_, space) = app.page(&here, "/espace").await;
    assert_eq!(
        space
            .matches("Me déconnecter de tous mes appareils")
            .count(),
        0
    );
    assert_eq!(
        html.matches("Me déconnecter de tous mes appareils").count(),
        1
    );
    // Signed out, the page sends the visitor to sign in.
    let (status, _) = app.page(&client(), "/espace/compte").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let res = app
        .form(
            &here,
            "/api/deconnexion",
            &[("partout", "1")],
            "/espace/compte",
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.call(&elsewhere, "/api/espace", &[]).await.0,
        StatusCode::UNAUTHORIZED,
        "every device is signed out"
    );
}
on_both!(the_account_page_says_where_codes_go_and_signs_out_every_device);
