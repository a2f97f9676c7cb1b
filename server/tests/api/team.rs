//! Staff accounts kept in the portal: a manager creates a counsellor, who chooses a
//! password with the link e-mailed to them; a manager disables an account (every session
//! ends at once), sends a new link; a staff member changes their own password — on SQLite
//! and PostgreSQL, with the real SMTP server.

use crate::common::{client, spawn, Db, TestApp};
use reqwest::{Client, StatusCode};

/// The one-time link in the last e-mail to `to` (its token, from `/r/<token>`).
async fn link_token(app: &TestApp, to: &str, subject_part: &str) -> String {
    let mail = app
        .wait_mail(|m| m.contains(to) && m.replace("=\r\n", "").contains(subject_part))
        .await;
    let flat = mail.replace("=\r\n", "").replace("=\n", "");
    let at = flat.find("/r/").expect("a link in the e-mail");
    flat[at + 3..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

/// Opens the link in a fresh browser and chooses `password` (typed twice).
async fn choose(app: &TestApp, token: &str, password: &str) -> (Client, StatusCode, String) {
    let c = client();
    let res = c
        .get(app.url(&format!("/r/{token}")))
        .send()
        .await
        .expect("open the link");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert_eq!(
        to, "/mot-de-passe/nouveau",
        "the token leaves the address at once"
    );
    let (status, body) = app
        .call(
            &c,
            "/api/mot-de-passe/nouveau",
            &[("password", password), ("confirm", password)],
        )
        .await;
    (c, status, body.to_string())
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> (Client, StatusCode) {
    let c = client();
    let (status, _) = app
        .call(
            &c,
            "/api/pro/connexion",
            &[("email", email), ("password", password)],
        )
        .await;
    (c, status)
}

const NEW: &str = "le chat dort sur le radiateur";

async fn a_manager_creates_a_counsellor_who_chooses_a_password_by_link(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let manager = app.staff("manager1@test.fr").await;
    let form = |email: &'static str, role: &'static str| {
        vec![
            ("first_name", "Aïcha"),
            ("last_name", "Haddad"),
            ("email", email),
            ("title", "Conseillère en insertion"),
            ("phone", "01 48 00 00 09"),
            ("role", role),
        ]
    };
    // A counsellor may not create accounts; a manager may not create a manager.
    let referent = app.staff("c1@test.fr").await;
    let (status, _) = app
        .call(
            &referent,
            "/api/pro/equipe/ajouter",
            &form("aicha@ali.test", "referent"),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = app
        .call(
            &manager,
            "/api/pro/equipe/ajouter",
            &form("aicha@ali.test", "manager"),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // An e-mail already used signs someone else in.
    let (status, body) = app
        .call(
            &manager,
            "/api/pro/equipe/ajouter",
            &form("C1@test.fr", "referent"),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("déjà un compte"), "{body}");

    let (status, body) = app
        .call(
            &manager,
            "/api/pro/equipe/ajouter",
            &form("aicha@ali.test", "referent"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // No password works before the link is used.
    assert_eq!(
        sign_in(&app, "aicha@ali.test", app::server::testing::PASSWORD)
            .await
            .1,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let token = link_token(&app, "aicha@ali.test", "Votre compte").await;
    // Too short, too common: refused, the link still works.
    let (_, status, body) = choose(&app, &token, "court").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (_, status, body) = choose(&app, &token, "MotDePasse123").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("trop courant"), "{body}");
    let (_, status, body) = choose(&app, &token, NEW).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Once only.
    let (_, status, body) = choose(&app, &token, "une autre phrase bien longue").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (aicha, status) = sign_in(&app, "aicha@ali.test", NEW).await;
    assert_eq!(status, StatusCode::OK);
    // She works in agency 1 as a counsellor.
    let (status, _) = app.call(&aicha, "/api/pro/agenda", &[]).await;
    assert_eq!(status, StatusCode::OK);

    // The team lists her with her last sign-in; another agency's manager cannot open her.
    let (_, team) = app.call(&manager, "/api/pro/equipe", &[]).await;
    let her = team["members"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["email"] == "aicha@ali.test").cloned())
        .expect("in the team");
    assert!(her["last_sign_in"].is_string(), "{her}");
    assert_eq!(her["manageable"], true);
    let id = her["id"].as_i64().expect("id").to_string();
    let other = app.staff("manager2@test.fr").await;
    let (status, _) = app
        .call(&other, "/api/pro/equipe/membre", &[("id", id.as_str())])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .call(
            &other,
            "/api/pro/equipe/desactiver",
            &[("member_id", id.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Edited: title and phone; the e-mail stays what she signs in with.
    let mut edit = form("changed@ali.test", "referent");
    edit[3] = ("title", "Conseillère référente RSA");
    edit.push(("member_id", id.as_str()));
    let (status, body) = app.call(&manager, "/api/pro/equipe/modifier", &edit).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, page) = app.page(&manager, "/pro/equipe").await;
    assert!(page.contains("Conseillère référente RSA") && page.contains("aicha@ali.test"));
}
on_both!(a_manager_creates_a_counsellor_who_chooses_a_password_by_link);

async fn disabling_an_account_ends_its_sessions_at_once_and_its_links(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let manager = app.staff("manager1@test.fr").await;
    let c2 = app.staff("c2@test.fr").await;
    let id = app.f.counsellor2.to_string();
    let (status, _) = app
        .call(
            &manager,
            "/api/pro/equipe/lien",
            &[("member_id", id.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let token = link_token(&app, "c2@test.fr", "nouveau mot de passe").await;
    // A manager cannot disable themself.
    let me = app.f.manager1.to_string();
    let (status, _) = app
        .call(
            &manager,
            "/api/pro/equipe/desactiver",
            &[("member_id", me.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Counsellor 2 has a free slot in ten days.
    let mut day = chrono::Utc::now().date_naive() + chrono::Duration::days(10);
    while !app::domain::calendar::is_working_day(day) {
        day += chrono::Duration::days(1);
    }
    let (status, body) = app
        .call(
            &manager,
            "/api/pro/creneaux/ouvrir",
            &[
                ("counsellor_id", id.as_str()),
                ("date", day.to_string().as_str()),
                ("time", "15:00"),
                ("duration", "30"),
                ("sur_place", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let open = format!("SELECT COUNT(*) FROM slots WHERE counsellor_id = {id} AND status = 'open'");
    assert_eq!(app.scalar(&open).await, 1);
    let (status, _) = app
        .call(
            &manager,
            "/api/pro/equipe/desactiver",
            &[("member_id", id.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        app.scalar(&open).await,
        0,
        "nobody can book a disabled counsellor"
    );
    let (status, _) = app.call(&c2, "/api/pro/agenda", &[]).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the open session ends at once"
    );
    assert_eq!(
        sign_in(&app, "c2@test.fr", app::server::testing::PASSWORD)
            .await
            .1,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let (_, status, _) = choose(&app, &token, NEW).await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "the link died with the account"
    );
    // Re-enabled: the old password works again.
    let (status, _) = app
        .call(
            &manager,
            "/api/pro/equipe/reactiver",
            &[("member_id", id.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        sign_in(&app, "c2@test.fr", app::server::testing::PASSWORD)
            .await
            .1,
        StatusCode::OK
    );
    // An expired link is refused.
    let (status, _) = app
        .call(
            &manager,
            "/api/pro/equipe/lien",
            &[("member_id", id.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    app.sql("UPDATE password_resets SET expires_at = 0").await;
    let token = {
        // The newest e-mail to c2 carries the new link.
        let mails = app.mails();
        let flat: Vec<String> = mails
            .iter()
            .filter(|m| m.contains("c2@test.fr"))
            .map(|m| m.replace("=\r\n", "").replace("=\n", ""))
            .collect();
        let last = flat.last().expect("a mail").clone();
        let at = last.rfind("/r/").expect("a link");
        last[at + 3..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
    };
    let (_, status, _) = choose(&app, &token, NEW).await;
    assert_eq!(status, StatusCode::CONFLICT);
}
on_both!(disabling_an_account_ends_its_sessions_at_once_and_its_links);

async fn staff_change_their_own_password_and_their_other_sessions_end(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let here = app.staff("c1@test.fr").await;
    let elsewhere = app.staff("c1@test.fr").await;
    let change = |current: &'static str, new: &'static str, confirm: &'static str| {
        let (app, here) = (&app, &here);
        async move {
            app.call(
                here,
                "/api/pro/mot-de-passe",
                &[
                    ("current", current),
                    ("password", new),
                    ("confirm", confirm),
                ],
            )
            .await
        }
    };
    let (status, body) = change("pas le bon mot de passe", NEW, NEW).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = change(app::server::testing::PASSWORD, NEW, "autre chose encore").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("pas les mêmes"), "{body}");
    let (status, body) = change(app::server::testing::PASSWORD, NEW, NEW).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // This browser stays in; the other one is out; the old password no longer works.
    assert_eq!(
        app.call(&here, "/api/pro/agenda", &[]).await.0,
        StatusCode::OK
    );
    assert_eq!(
        app.call(&elsewhere, "/api/pro/agenda", &[]).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sign_in(&app, "c1@test.fr", app::server::testing::PASSWORD)
            .await
            .1,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(sign_in(&app, "c1@test.fr", NEW).await.1, StatusCode::OK);
    // An allocataire has no password to change.
    let person = app.allocataire(app.f.people1[0]).await;
    let (status, _) = app
        .call(
            &person,
            "/api/pro/mot-de-passe",
            &[("current", "x"), ("password", NEW), ("confirm", NEW)],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
on_both!(staff_change_their_own_password_and_their_other_sessions_end);

async fn the_admin_creates_a_manager_and_a_new_link_voids_the_previous_one(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let admin = app.staff("admin@test.fr").await;
    // The admin works on the agency they picked: agency 2.
    let (status, _) = app
        .call(
            &admin,
            "/api/pro/agence",
            &[("agency_id", app.f.agency2.to_string().as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, team) = app.call(&admin, "/api/pro/equipe", &[]).await;
    let roles = team["roles"].to_string();
    assert!(
        roles.contains("manager") && roles.contains("referent"),
        "{roles}"
    );
    let (status, body) = app
        .call(
            &admin,
            "/api/pro/equipe/ajouter",
            &[
                ("first_name", "Samira"),
                ("last_name", "Durand"),
                ("email", "samira.durand@ali.test"),
                ("title", "Responsable adjointe"),
                ("role", "manager"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let first = link_token(&app, "samira.durand@ali.test", "Votre compte").await;
    let id = app
        .scalar("SELECT id FROM staff WHERE email = 'samira.durand@ali.test'")
        .await;
    assert_eq!(
        app.scalar(&format!("SELECT agency_id FROM staff WHERE id = {id}"))
            .await,
        app.f.agency2
    );
    // A second link: the first one no longer works, the second does.
    let (status, _) = app
        .call(
            &admin,
            "/api/pro/equipe/lien",
            &[("member_id", id.to_string().as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let second = link_token(&app, "samira.durand@ali.test", "nouveau mot de passe").await;
    assert_ne!(first, second);
    let (_, status, _) = choose(&app, &first, NEW).await;
    assert_eq!(status, StatusCode::CONFLICT, "the first link is void");
    let (_, status, body) = choose(&app, &second, NEW).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // She manages agency 2's team, not agency 1's.
    let (samira, status) = sign_in(&app, "samira.durand@ali.test", NEW).await;
    assert_eq!(status, StatusCode::OK);
    let (_, hers) = app.call(&samira, "/api/pro/equipe", &[]).await;
    assert!(hers["members"].to_string().contains("c3@test.fr"), "{hers}");
    assert!(!hers["members"].to_string().contains("c1@test.fr"));
}
on_both!(the_admin_creates_a_manager_and_a_new_link_voids_the_previous_one);
