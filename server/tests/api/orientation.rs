//! The monthly orientation file (issue 7): upload, preview, one-transaction apply with
//! invitations and letters, idempotent re-import, the commune → agency table, and files
//! that cannot be read leaving nothing — on SQLite and PostgreSQL.

use crate::common::{Db, TestApp};
use reqwest::multipart::{Form, Part};
use reqwest::{header, Client, StatusCode};
use serde_json::Value;

const HEADER: &str = "Numéro allocataire;Nom;Prénom;Date de naissance;Adresse;Téléphone;E-mail;Date d'orientation;Type;Agence";

/// Uploads a file as a JSON client; returns the status and the answer.
async fn upload(app: &TestApp, c: &Client, bytes: Vec<u8>) -> (StatusCode, Value) {
    let form = Form::new().part(
        "file",
        Part::bytes(bytes)
            .file_name("orientations-novembre.csv")
            .mime_str("text/csv")
            .expect("mime"),
    );
    let res = c
        .post(app.url(app::pages::ORIENTATION_UPLOAD))
        .header(header::ORIGIN, &app.base)
        .header(header::ACCEPT, "application/json")
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let status = res.status();
    let text = res.text().await.expect("body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// The import id in an upload's answer (`/pro/orientation/{id}`).
fn import_id(done: &Value) -> i64 {
    done["redirect"]
        .as_str()
        .and_then(|r| r.rsplit('/').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no import in {done}"))
}

fn fr(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// November's file of agency 1, as a spreadsheet on Windows saves it (Windows-1252, `;`).
fn november(today: chrono::NaiveDate) -> Vec<u8> {
    let ten_days_ago = fr(today - chrono::Duration::days(10));
    let two_days_ago = fr(today - chrono::Duration::days(2));
    let tomorrow = fr(today + chrono::Duration::days(1));
    let rows = [
        format!("6000001;Lefèvre;Hélène;12/03/1985;3 rue de l'Église, 93000 Bobigny;06 11 22 33 44;;{ten_days_ago};Accompagnement ALI;ALI Test 1"),
        format!("6000002;Diallo;Aïssatou;;8 allée des Cèdres, 93000 Bobigny;;;{ten_days_ago};Entretien d'orientation (plateforme);bobigny"),
        // The fixture's first person: a new name; the empty phone keeps theirs.
        format!("5000000;Test-Martin;Personne0;;;;;{two_days_ago};Accompagnement ALI;ALI Test 1"),
        format!("6000005;Martin;Paul;;;06 12;;{ten_days_ago};Accompagnement ALI;ALI Test 1"),
        format!("6000006;Martin;Lina;;;;;{tomorrow};Accompagnement ALI;ALI Test 1"),
        format!("6000007;Kone;Ali;;;;;{ten_days_ago};Accompagnement ALI;Saint-Ouen-sur-Seine"),
        format!("6000009;Sy;Awa;;;;;{ten_days_ago};Accompagnement ALI;ALI Test 1"),
        format!("6000009;Sy;Awa;;;;;{ten_days_ago};Accompagnement ALI;ALI Test 1"),
        format!("6000010;Roux;Jean;;;;;{ten_days_ago};Accompagnement ALI;Paris"),
    ];
    let text = format!("{HEADER}\r\n{}\r\n", rows.join("\r\n"));
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

async fn a_monthly_file_is_previewed_applied_once_and_the_same_file_again_changes_nothing(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let f = app.f.clone();
    let today = app::server::format::today(chrono::Utc::now());
    // The admin keeps the commune table: Bobigny for agency 1, Saint-Ouen for agency 2.
    let admin = app.staff("admin@test.fr").await;
    for (commune, agency) in [("Bobigny", f.agency1), ("Saint-Ouen-sur-Seine", f.agency2)] {
        let agency = agency.to_string();
        let (status, body) = app
            .call(
                &admin,
                "/api/pro/communes/rattacher",
                &[("commune", commune), ("agency_id", agency.as_str())],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, html) = app.page(&admin, app::pages::COMMUNES).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Saint-Ouen-sur-Seine") && html.contains("ALI Test 2"),
        "{html}"
    );
    let manager = app.staff("manager1@test.fr").await;
    let (status, _) = app
        .call(
            &manager,
            "/api/pro/communes/rattacher",
            &[("commune", "Pantin"), ("agency_id", "1")],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "only the admin keeps the table"
    );

    let people = app.count("allocataires").await;
    let outbox = app.count("outbox").await;
    let (status, done) = upload(&app, &manager, november(today)).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let first = import_id(&done);
    assert_eq!(
        app.count("allocataires").await,
        people,
        "nothing before the confirmation"
    );

    let preview = app::pages::orientation_import(first);
    let (status, html) = app.page(&manager, &preview).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("encodage Windows-1252"), "{html}");
    assert!(
        html.contains("2 nouvelles personnes, 1 dossier modifié, 0 inchangé, 0 personne qui ne figure plus dans le fichier, 6 lignes refusées."),
        "{html}"
    );
    // The accents read right from Windows-1252, and the changed field says before → after.
    assert!(
        html.contains("Hélène Lefèvre") && html.contains("Aïssatou Diallo"),
        "{html}"
    );
    assert!(html.contains("Nom : Test → Test-Martin"), "{html}");
    assert!(
        !html.contains("Téléphone : 07"),
        "an empty cell keeps the phone: {html}"
    );
    for reason in [
        "Téléphone mal formé",
        "Date d'orientation dans le futur",
        "Ligne d'une autre agence",
        "Numéro en double (lignes 8, 9)",
        "Agence ou commune inconnue : « Paris »",
    ] {
        assert!(html.contains(reason), "{reason}: {html}");
    }
    // Another agency's manager does not see the file; a référent does not import.
    let manager2 = app.staff("manager2@test.fr").await;
    assert_eq!(app.page(&manager2, &preview).await.0, StatusCode::NOT_FOUND);
    let c1 = app.staff("c1@test.fr").await;
    assert_eq!(
        upload(&app, &c1, november(today)).await.0,
        StatusCode::FORBIDDEN
    );

    let id = first.to_string();
    let (status, done) = app
        .call(
            &manager,
            "/api/pro/orientation/appliquer",
            &[("import_id", id.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert!(
        done["notice"].as_str().unwrap_or_default().contains(
            "2 dossiers créés, 1 mis à jour, 1 invitation envoyée, 1 courrier à imprimer"
        ),
        "{done}"
    );
    assert_eq!(app.count("allocataires").await, people + 2);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM allocataires WHERE numero = '5000000' AND last_name = 'Test-Martin' AND phone = '0700000000'")
            .await,
        1,
        "the new name, the phone kept"
    );
    // Hélène is invited by SMS with a link; the one with neither channel gets a letter.
    let sms = app.sms_with("0611223344", "premier rendez-vous").await;
    assert!(sms.contains("/i/") && sms.contains("ALI Test 1"), "{sms}");
    assert_eq!(app.count("outbox").await, outbox + 1);
    let res = manager
        .get(app.url(&app::pages::orientation_letters(first)))
        .send()
        .await
        .expect("letters");
    assert_eq!(res.status(), StatusCode::OK);
    let text = crate::common::pdf_text(&res.bytes().await.expect("pdf"));
    assert!(
        text.contains("Aïssatou Diallo") && text.contains("6000002"),
        "{text}"
    );
    assert!(text.contains("8 allée des Cèdres"), "{text}");
    assert!(!text.contains("Hélène"), "she has a phone: {text}");
    assert_eq!(
        manager2
            .get(app.url(&app::pages::orientation_letters(first)))
            .send()
            .await
            .expect("letters")
            .status(),
        StatusCode::NOT_FOUND
    );
    // Their 15-day clock runs from the orientation ten days ago: due within the week.
    let (_, due) = app.call(&manager, "/api/pro/echeances", &[]).await;
    let names: Vec<String> = due["lines"]
        .as_array()
        .map(|l| {
            l.iter()
                .filter_map(|l| l["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        names.iter().any(|n| n.contains("Hélène")) && names.iter().any(|n| n.contains("Aïssatou")),
        "{due}"
    );
    // Confirming twice does nothing more.
    let (status, again) = app
        .call(
            &manager,
            "/api/pro/orientation/appliquer",
            &[("import_id", id.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");

    // The same file next month: nothing new, nothing changed, nothing sent.
    let (status, done) = upload(&app, &manager, november(today)).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let second = import_id(&done);
    let (_, html) = app
        .page(&manager, &app::pages::orientation_import(second))
        .await;
    assert!(
        html.contains("0 nouvelle personne, 0 dossier modifié, 3 inchangés"),
        "{html}"
    );
    let id = second.to_string();
    let (status, done) = app
        .call(
            &manager,
            "/api/pro/orientation/appliquer",
            &[("import_id", id.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(app.count("allocataires").await, people + 2);
    assert_eq!(app.count("outbox").await, outbox + 1);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'orientation.apply'")
            .await,
        2
    );
    let (_, list) = app.page(&manager, app::pages::ORIENTATION).await;
    assert!(list.contains("Appliqué : 2 créés, 1 mis à jour"), "{list}");
}
on_both!(a_monthly_file_is_previewed_applied_once_and_the_same_file_again_changes_nothing);

async fn a_file_that_cannot_be_read_or_fails_midway_leaves_nothing(db: Db) {
    let Some(app) = crate::common::spawn(db).await else {
        return;
    };
    let today = app::server::format::today(chrono::Utc::now());
    let manager = app.staff("manager1@test.fr").await;
    let people = app.count("allocataires").await;
    for (bytes, says) in [
        (b"PK\x03\x04\0\0\x14\0".to_vec(), "pas un fichier CSV lisible"),
        (
            "numero_allocataire,nom,prenom\n6000001,A,B\n".as_bytes().to_vec(),
            "Colonnes manquantes : date_naissance, adresse, telephone, email, date_orientation, type, agence",
        ),
        (format!("{HEADER}\n").into_bytes(), "Ce fichier est vide"),
        (Vec::new(), "Choisissez le fichier"),
    ] {
        let (status, body) = upload(&app, &manager, bytes).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.to_string().contains(says), "{says}: {body}");
    }
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM orientation_imports").await,
        0,
        "nothing kept of a file that cannot be read"
    );
    // Without JavaScript: back to the form, with the reason next to the field.
    let form = Form::new().part("file", Part::bytes(b"\0".to_vec()).file_name("photo.jpg"));
    let res = manager
        .post(app.url(app::pages::ORIENTATION_UPLOAD))
        .header(header::ORIGIN, &app.base)
        .header(header::ACCEPT, "text/html")
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()[header::LOCATION].to_str().unwrap_or_default(),
        app::pages::ORIENTATION
    );
    let (_, html) = app.page(&manager, app::pages::ORIENTATION).await;
    assert!(html.contains("pas un fichier CSV lisible"), "{html}");
    assert!(html.contains("aria-invalid=\"true\""), "{html}");

    // A good file whose third new person cannot be written: the whole import is undone.
    let d = fr(today - chrono::Duration::days(3));
    let rows: Vec<String> = (1..=3)
        .map(|n| format!("600000{n};Nom{n};Prénom{n};;;06 11 22 33 4{n};;{d};ALI;ALI Test 1"))
        .collect();
    let file = format!("{HEADER}\n{}\n", rows.join("\n")).into_bytes();
    let (status, done) = upload(&app, &manager, file).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let id = import_id(&done).to_string();
    if app.db_url.starts_with("sqlite") {
        app.sql("CREATE TRIGGER refuse_third BEFORE INSERT ON allocataires WHEN NEW.numero = '6000003' BEGIN SELECT RAISE(ABORT, 'refused'); END")
            .await;
    } else {
        app.sql("CREATE FUNCTION refuse_third() RETURNS trigger AS $$ BEGIN IF NEW.numero = '6000003' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql")
            .await;
        app.sql("CREATE TRIGGER refuse_third BEFORE INSERT ON allocataires FOR EACH ROW EXECUTE FUNCTION refuse_third()")
            .await;
    }
    let outbox = app.count("outbox").await;
    let (status, _) = app
        .call(
            &manager,
            "/api/pro/orientation/appliquer",
            &[("import_id", id.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        app.count("allocataires").await,
        people,
        "no one of the three"
    );
    assert_eq!(app.count("outbox").await, outbox, "no invitation");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM orientation_imports WHERE applied_at IS NOT NULL")
            .await,
        0,
        "the file can be confirmed again"
    );
}
on_both!(a_file_that_cannot_be_read_or_fails_midway_leaves_nothing);
