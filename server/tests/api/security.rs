//! Security: the authorisation matrix walked over every server function and route for
//! every role (expectations computed from `app::domain::authz`), CSRF, body limits and
//! headers.

use crate::common::{client, spawn, Db};
use app::domain::authz::{check, check_action, Action, Target};
use app::domain::error::AppError;
use app::domain::{Actor, AgencyId, AllocataireId, StaffId, StaffRole};
use reqwest::{Client, StatusCode};
use std::collections::BTreeSet;

/// Whose record an endpoint touches.
#[derive(Clone, Copy)]
enum On {
    /// No record: public.
    Public,
    /// The caller's own file.
    Myself,
    Target(Target),
}

struct Endpoint {
    path: &'static str,
    form: Vec<(&'static str, String)>,
    action: Action,
    on: On,
}

#[derive(Debug, PartialEq)]
enum Expect {
    Status(StatusCode),
    Allowed,
}

fn expect(actor: Option<&Actor>, e: &Endpoint) -> Expect {
    let Some(actor) = actor else {
        return if matches!(e.on, On::Public) {
            Expect::Allowed
        } else {
            Expect::Status(StatusCode::UNAUTHORIZED)
        };
    };
    let result = match e.on {
        On::Public => Ok(()),
        On::Myself => check_action(actor, e.action).map(|_| ()),
        On::Target(t) => check(actor, e.action, t),
    };
    match result {
        Ok(()) => Expect::Allowed,
        Err(AppError::Forbidden) => Expect::Status(StatusCode::FORBIDDEN),
        Err(_) => Expect::Status(StatusCode::NOT_FOUND),
    }
}

async fn every_role_meets_the_matrix_on_every_server_function(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let (a1, a2) = (AgencyId(f.agency1), AgencyId(f.agency2));
    let person_a = f.people1[0];
    // Person A has a booked appointment with counsellor 1.
    let alloc_a = app.allocataire(person_a).await;
    let (status, done) = app
        .call(
            &alloc_a,
            "/api/rdv/reserver",
            &[
                ("slot_id", &f.slots1[6].to_string()),
                ("modality", "sur_place"),
                ("idempotency_key", "matrix-key-01"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let appointment = done["redirect"]
        .as_str()
        .unwrap_or("")
        .trim_start_matches("/rdv/")
        .to_string();

    let workshop =
        crate::workshops::create(&app, a1, 10, app::domain::workshop::Audience::AllAgencies).await;
    // An orientation file of agency 1, applied already: confirming it again changes nothing.
    app.sql(&format!(
        "INSERT INTO orientation_imports (agency_id, file_name, encoding, content, by_actor, created_at, applied_at) VALUES ({}, 'walk.csv', 'UTF-8', 'numero_allocataire;nom;prenom;date_naissance;adresse;telephone;email;date_orientation;type;agence
7000001;A;B;;;;;2026-11-01;ALI;ALI Test 1
', 'test', 0, 0)",
        a1.0
    ))
    .await;
    let import = app
        .scalar("SELECT MAX(id) FROM orientation_imports")
        .await
        .to_string();
    // A satisfaction question of person A, and a comment of agency 1 waiting for moderation.
    app.sql(&format!(
        "INSERT INTO satisfaction_requests (allocataire_id, agency_id, event_kind, event_id, event_at, token_hash, asked_at, updated_at) VALUES ({person_a}, {}, 'rdv', 999, 0, 'walk', 0, 0)",
        a1.0
    ))
    .await;
    let question = app
        .scalar("SELECT MAX(id) FROM satisfaction_requests")
        .await
        .to_string();
    app.sql(&format!(
        "INSERT INTO moderation_items (agency_id, source, source_id, author_id, original, status, created_at, updated_at) VALUES ({}, 'satisfaction', {question}, {person_a}, 'walk', 'en_attente', 0, 0)",
        a1.0
    ))
    .await;
    let item = app
        .scalar("SELECT MAX(id) FROM moderation_items")
        .await
        .to_string();
    // A draft survey of agency 1 person A is invited to, and a closed one (every change
    // to it is refused after authorisation, so the walk changes nothing).
    let survey_row = |status: &str| {
        format!(
            "INSERT INTO surveys (agency_id, title, intro, thanks, anonymous, audience, numeros, opens_on, closes_on, status, version, created_at, updated_at) \
             VALUES ({}, 'walk', '', '', 1, 'agence', '', '2026-01-01', '2026-01-02', '{status}', 1, 0, 0)",
            a1.0
        )
    };
    app.sql(&survey_row("brouillon")).await;
    let survey = app.scalar("SELECT MAX(id) FROM surveys").await.to_string();
    app.sql(&format!(
        "INSERT INTO survey_participants (survey_id, allocataire_id, agency_id, invited_at) VALUES ({survey}, {person_a}, {}, 0)",
        a1.0
    ))
    .await;
    app.sql(&survey_row("clos")).await;
    let closed = app.scalar("SELECT MAX(id) FROM surveys").await.to_string();
    app.sql(&format!(
        "INSERT INTO survey_questions (survey_id, question_key, since_version, section, position, kind, label, required, options) VALUES ({closed}, 1, 1, 1, 1, 'oui_non', 'walk', 1, '')"
    ))
    .await;
    let staff = |id: i64, role: StaffRole, agency: Option<AgencyId>| Actor::Staff {
        id: StaffId(id),
        role,
        agency,
    };
    let roles: Vec<(&str, Option<Actor>, Client)> = vec![
        ("anonymous", None, client()),
        (
            "allocataire A",
            Some(Actor::Allocataire {
                id: AllocataireId(person_a),
                agency: a1,
            }),
            alloc_a,
        ),
        (
            "allocataire B (same agency)",
            Some(Actor::Allocataire {
                id: AllocataireId(f.people1[1]),
                agency: a1,
            }),
            app.allocataire(f.people1[1]).await,
        ),
        (
            "allocataire C (other agency)",
            Some(Actor::Allocataire {
                id: AllocataireId(f.person2),
                agency: a2,
            }),
            app.allocataire(f.person2).await,
        ),
        (
            "referent 2 (same agency)",
            Some(staff(f.counsellor2, StaffRole::Referent, Some(a1))),
            app.staff("c2@test.fr").await,
        ),
        (
            "referent 3 (other agency)",
            Some(staff(f.counsellor3, StaffRole::Referent, Some(a2))),
            app.staff("c3@test.fr").await,
        ),
        (
            "manager 2 (other agency)",
            Some(staff(f.manager2, StaffRole::Manager, Some(a2))),
            app.staff("manager2@test.fr").await,
        ),
        (
            "referent 1 (the référent)",
            Some(staff(f.counsellor1, StaffRole::Referent, Some(a1))),
            app.staff("c1@test.fr").await,
        ),
        (
            "manager 1",
            Some(staff(f.manager1, StaffRole::Manager, Some(a1))),
            app.staff("manager1@test.fr").await,
        ),
        (
            "admin",
            Some(staff(f.admin, StaffRole::Admin, None)),
            app.staff("admin@test.fr").await,
        ),
    ];
    let c1 = Target::counsellor(a1, StaffId(f.counsellor1));
    let c2 = Target::counsellor(a1, StaffId(f.counsellor2));
    let file_a = Target::allocataire(a1, AllocataireId(person_a));
    let appt = Target {
        agency: Some(a1),
        allocataire: Some(AllocataireId(person_a)),
        counsellor: Some(StaffId(f.counsellor1)),
    };
    let s = |v: i64| v.to_string();
    let endpoints = vec![
        Endpoint {
            path: "/api/moi",
            form: vec![],
            action: Action::ViewOwnFile,
            on: On::Public,
        },
        Endpoint {
            path: "/api/espace",
            form: vec![],
            action: Action::ViewOwnFile,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/rdv/creneaux",
            form: vec![],
            action: Action::ManageOwnAppointments,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/rdv/voir",
            form: vec![("id", appointment.clone())],
            action: Action::ViewOwnFile,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/rdv/creneaux",
            form: vec![("moving", appointment.clone())],
            action: Action::ManageOwnAppointments,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/rdv/reserver",
            form: vec![],
            action: Action::ManageOwnAppointments,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/rdv/deplacer",
            form: vec![("appointment_id", appointment.clone())],
            action: Action::ManageOwnAppointments,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/rdv/annuler",
            form: vec![("appointment_id", appointment.clone())],
            action: Action::ManageOwnAppointments,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/pro/agenda",
            form: vec![("conseiller", s(f.counsellor1))],
            action: Action::ViewAgenda,
            on: On::Target(c1),
        },
        Endpoint {
            path: "/api/pro/creneaux",
            form: vec![("conseiller", s(f.counsellor1))],
            action: Action::ManageSlots,
            on: On::Target(c1),
        },
        Endpoint {
            path: "/api/pro/creneaux/ouvrir",
            form: vec![
                ("counsellor_id", s(f.counsellor1)),
                ("date", "2031-03-03".into()),
                ("time", "08:00".into()),
                ("duration", "30".into()),
                ("sur_place", "on".into()),
            ],
            action: Action::ManageSlots,
            on: On::Target(c1),
        },
        Endpoint {
            path: "/api/pro/creneaux/fermer",
            form: vec![("slot_id", s(f.slots1[9]))],
            action: Action::ManageSlots,
            on: On::Target(c1),
        },
        Endpoint {
            path: "/api/pro/absence",
            form: vec![
                ("counsellor_id", s(f.counsellor1)),
                ("from", "2031-05-05".into()),
                ("to", "2031-05-06".into()),
            ],
            action: Action::ManageSlots,
            on: On::Target(c1),
        },
        Endpoint {
            path: "/api/pro/rdv/resultat",
            form: vec![
                ("appointment_id", appointment.clone()),
                ("outcome", String::new()),
            ],
            action: Action::RecordOutcome,
            on: On::Target(appt),
        },
        Endpoint {
            path: "/api/pro/rdv/annuler",
            form: vec![
                ("appointment_id", appointment.clone()),
                ("reason", String::new()),
            ],
            action: Action::BookForAllocataire,
            on: On::Target(appt),
        },
        Endpoint {
            path: "/api/pro/rdv/relance",
            form: vec![("appointment_id", appointment.clone())],
            action: Action::BookForAllocataire,
            on: On::Target(appt),
        },
        Endpoint {
            path: "/api/pro/allocataires",
            form: vec![("conseiller", s(f.counsellor1))],
            action: Action::ViewAllocataire,
            on: On::Target(c1),
        },
        Endpoint {
            path: "/api/pro/allocataire",
            form: vec![("id", s(person_a))],
            action: Action::ViewAllocataire,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/pro/allocataire/reserver",
            form: vec![("allocataire_id", s(person_a))],
            action: Action::BookForAllocataire,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/pro/messages",
            form: vec![],
            action: Action::ViewOutbox,
            on: On::Myself,
        },
        // The agency's settings and trail: each manager (and the admin) on their own agency.
        Endpoint {
            path: "/api/pro/reglages",
            form: vec![],
            action: Action::ManageAgency,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/reglages/regles",
            form: vec![
                ("booking_cutoff_hours", "24".into()),
                ("change_cutoff_hours", "24".into()),
                ("max_upcoming_online", "1".into()),
            ],
            action: Action::ManageAgency,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/reglages/fermeture",
            form: vec![("date", "2031-01-06".into()), ("label", "Pont".into())],
            action: Action::ManageAgency,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/reglages/fermeture/retirer",
            form: vec![("date", "2031-01-06".into())],
            action: Action::ManageAgency,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/journal",
            form: vec![],
            action: Action::ReadAuditTrail,
            on: On::Myself,
        },
        // Enrolling by hand and the référent of person A.
        Endpoint {
            path: "/api/pro/inscrire",
            form: vec![],
            action: Action::EnrolAllocataire,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/inscrire/valider",
            form: vec![("numero", "abc".into())],
            action: Action::EnrolAllocataire,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/allocataire/referent",
            form: vec![
                ("allocataire_id", s(person_a)),
                ("counsellor_id", s(f.counsellor1)),
            ],
            action: Action::AssignReferent,
            on: On::Target(file_a),
        },
        // The team: counsellor 2's account (agency 1).
        Endpoint {
            path: "/api/pro/equipe",
            form: vec![],
            action: Action::ManageStaff,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/equipe/membre",
            form: vec![("id", s(f.counsellor2))],
            action: Action::ManageStaff,
            on: On::Target(c2),
        },
        Endpoint {
            path: "/api/pro/equipe/ajouter",
            form: vec![
                ("first_name", "Nouveau".into()),
                ("last_name", "Membre".into()),
                ("email", "nouveau@test.fr".into()),
                ("title", "Conseiller".into()),
                ("role", "referent".into()),
            ],
            action: Action::ManageStaff,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/equipe/modifier",
            form: vec![
                ("member_id", s(f.counsellor2)),
                ("first_name", "Prénom".into()),
                ("last_name", "c2".into()),
                ("title", "Conseiller".into()),
                ("role", "referent".into()),
            ],
            action: Action::ManageStaff,
            on: On::Target(c2),
        },
        Endpoint {
            path: "/api/pro/equipe/lien",
            form: vec![("member_id", s(f.counsellor2))],
            action: Action::ManageStaff,
            on: On::Target(c2),
        },
        Endpoint {
            path: "/api/pro/equipe/reactiver",
            form: vec![("member_id", s(f.counsellor2))],
            action: Action::ManageStaff,
            on: On::Target(c2),
        },
        // Workshops: one open to every agency (so every allocataire may join it).
        Endpoint {
            path: "/api/espace/ateliers",
            form: vec![],
            action: Action::JoinWorkshops,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/espace/ateliers/inscrire",
            form: vec![
                ("workshop_id", s(workshop)),
                ("idempotency_key", "matrix-workshop-1".into()),
            ],
            action: Action::JoinWorkshops,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/espace/ateliers/confirmer",
            form: vec![("workshop_id", s(workshop))],
            action: Action::JoinWorkshops,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/espace/ateliers/quitter",
            form: vec![("workshop_id", s(workshop))],
            action: Action::JoinWorkshops,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/ateliers",
            form: vec![],
            action: Action::ManageWorkshops,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/ateliers/creer",
            form: vec![("title", "x".into())],
            action: Action::ManageWorkshops,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/ateliers/voir",
            form: vec![("id", s(workshop))],
            action: Action::ManageWorkshops,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/ateliers/capacite",
            form: vec![("workshop_id", s(workshop)), ("capacity", "0".into())],
            action: Action::ManageWorkshops,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/ateliers/presence",
            form: vec![
                ("workshop_id", s(workshop)),
                ("registration_id", "999999".into()),
                ("presence", "present".into()),
            ],
            action: Action::ManageWorkshops,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/ateliers/annuler",
            form: vec![("workshop_id", s(workshop))],
            action: Action::ManageWorkshops,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/ateliers/modifier",
            form: vec![("workshop_id", s(workshop)), ("title", "x".into())],
            action: Action::ManageWorkshops,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/ateliers/inviter",
            form: vec![("workshop_id", s(workshop)), ("numeros", "abc".into())],
            action: Action::ManageWorkshops,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/themes",
            form: vec![],
            action: Action::ManageThemes,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/themes/ajouter",
            form: vec![("label", "x".into())],
            action: Action::ManageThemes,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/themes/archiver",
            form: vec![("key", "pairs".into()), ("archive", "0".into())],
            action: Action::ManageThemes,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/orientation",
            form: vec![],
            action: Action::ImportOrientations,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/orientation/apercu",
            form: vec![("id", import.clone())],
            action: Action::ImportOrientations,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/orientation/appliquer",
            form: vec![("import_id", import.clone())],
            action: Action::ImportOrientations,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/communes",
            form: vec![],
            action: Action::ManageCommunes,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/communes/rattacher",
            form: vec![("commune", String::new()), ("agency_id", s(a1.0))],
            action: Action::ManageCommunes,
            on: On::Myself,
        },
        // Parcours and contract: writes are walked with forms the rules refuse (or on a
        // contract that does not exist), so the walk changes nothing.
        Endpoint {
            path: "/api/espace/parcours",
            form: vec![],
            action: Action::ViewOwnFile,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/espace/parcours/souhaits",
            form: vec![("goals", "x".repeat(1001))],
            action: Action::ManageOwnContract,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/espace/contrat/signer",
            form: vec![("contract_id", "999999".into()), ("version", "1".into())],
            action: Action::ManageOwnContract,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/espace/contrat/modification",
            form: vec![("contract_id", "999999".into()), ("comment", String::new())],
            action: Action::ManageOwnContract,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/parcours",
            form: vec![("id", s(person_a))],
            action: Action::ViewAllocataire,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/pro/parcours/etape",
            form: vec![("allocataire_id", s(person_a)), ("kind", "x".into())],
            action: Action::ManagePathway,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/pro/contrat/brouillon",
            form: vec![
                ("allocataire_id", s(person_a)),
                ("contract_kind", "x".into()),
            ],
            action: Action::ManagePathway,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/pro/contrat/proposer",
            form: vec![
                ("allocataire_id", s(person_a)),
                ("contract_id", "999999".into()),
            ],
            action: Action::ManagePathway,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/pro/contrat/signature-papier",
            form: vec![
                ("allocataire_id", s(person_a)),
                ("contract_id", "999999".into()),
                ("version", "1".into()),
            ],
            action: Action::ManagePathway,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/pro/contrat/valider",
            form: vec![
                ("allocataire_id", s(person_a)),
                ("contract_id", "999999".into()),
            ],
            action: Action::ValidateContract,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/pro/parcours/renouveler",
            form: vec![("allocataire_id", s(person_a))],
            action: Action::ManagePathway,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/pro/parcours/sortie",
            form: vec![("allocataire_id", s(person_a)), ("reason", "x".into())],
            action: Action::ManagePathway,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/espace/parcours/demande",
            form: vec![
                ("request_kind", "referent".into()),
                ("reason", String::new()),
            ],
            action: Action::ManageOwnContract,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/parcours/reponse",
            form: vec![
                ("allocataire_id", s(person_a)),
                ("request_id", "999999".into()),
                ("decision", "x".into()),
            ],
            action: Action::ManagePathway,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/pro/aller-vers",
            form: vec![("conseiller", s(f.counsellor1))],
            action: Action::ViewAllocataire,
            on: On::Target(c1),
        },
        Endpoint {
            path: "/api/pro/aller-vers/contact",
            form: vec![("allocataire_id", s(person_a)), ("channel", "x".into())],
            action: Action::ManagePathway,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/pro/aller-vers/message",
            form: vec![("template", "x".into())],
            action: Action::ManagePathway,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/echeances",
            form: vec![("conseiller", s(f.counsellor1))],
            action: Action::ViewAllocataire,
            on: On::Target(c1),
        },
        // The voice: reads, and writes the rules refuse (no answer chosen, an item that
        // does not exist), so the walk changes nothing.
        Endpoint {
            path: "/api/espace/avis",
            form: vec![],
            action: Action::GiveFeedback,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/espace/avis/question",
            form: vec![("id", question.clone())],
            action: Action::GiveFeedback,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/espace/avis/repondre",
            form: vec![("request_id", question.clone()), ("rating", String::new())],
            action: Action::GiveFeedback,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/pro/moderation",
            form: vec![],
            action: Action::ModerateTexts,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/moderation/decider",
            form: vec![
                ("item_id", item.clone()),
                ("revision", "1".into()),
                ("decision", "x".into()),
            ],
            action: Action::ModerateTexts,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/avis",
            form: vec![],
            action: Action::ViewFeedbackResults,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/espace/panel",
            form: vec![],
            action: Action::VolunteerForPanels,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/espace/panel/volontaire",
            form: vec![("version", "x".into())],
            action: Action::VolunteerForPanels,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/espace/panel/retrait",
            form: vec![],
            action: Action::VolunteerForPanels,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/volontaires",
            form: vec![],
            action: Action::ViewPanelVolunteers,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/questionnaires",
            form: vec![],
            action: Action::ManageSurveys,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/questionnaires/creer",
            form: vec![("title", String::new())],
            action: Action::ManageSurveys,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/pro/questionnaires/reglages",
            form: vec![("survey_id", survey.clone()), ("title", String::new())],
            action: Action::ManageSurveys,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/questionnaires/voir",
            form: vec![("id", survey.clone())],
            action: Action::ManageSurveys,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/questionnaires/apercu",
            form: vec![("id", survey.clone())],
            action: Action::ManageSurveys,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/questionnaires/resultats",
            form: vec![("id", survey.clone())],
            action: Action::ManageSurveys,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/questionnaires/question",
            form: vec![("survey_id", closed.clone()), ("kind", "oui_non".into())],
            action: Action::ManageSurveys,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/questionnaires/question/modifier",
            form: vec![
                ("survey_id", closed.clone()),
                ("key", "1".into()),
                ("kind", "oui_non".into()),
            ],
            action: Action::ManageSurveys,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/questionnaires/question/retirer",
            form: vec![("survey_id", closed.clone()), ("key", "1".into())],
            action: Action::ManageSurveys,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/questionnaires/publier",
            form: vec![("survey_id", closed.clone())],
            action: Action::ManageSurveys,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/pro/questionnaires/clore",
            form: vec![("survey_id", closed.clone())],
            action: Action::ManageSurveys,
            on: On::Target(Target::agency(a1)),
        },
        Endpoint {
            path: "/api/espace/questionnaires",
            form: vec![],
            action: Action::AnswerSurveys,
            on: On::Myself,
        },
        Endpoint {
            path: "/api/espace/questionnaires/voir",
            form: vec![("id", survey.clone())],
            action: Action::AnswerSurveys,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/espace/questionnaires/envoyer",
            form: vec![("survey_id", survey.clone())],
            action: Action::AnswerSurveys,
            on: On::Target(file_a),
        },
        // Not a server function: a section's answers, whose fields are the questions.
        Endpoint {
            path: "/api/espace/questionnaires/partie",
            form: vec![
                ("survey", survey.clone()),
                ("partie", "1".into()),
                ("q1", "oui".into()),
            ],
            action: Action::AnswerSurveys,
            on: On::Target(file_a),
        },
        Endpoint {
            path: "/api/pro/mot-de-passe",
            form: vec![("current", "faux".into())],
            action: Action::ChangeOwnPassword,
            on: On::Myself,
        },
        // Last: the admin's choice (agency 1) must not change what the walk above expects.
        Endpoint {
            path: "/api/pro/agence",
            form: vec![("agency_id", s(f.agency1))],
            action: Action::ChooseAgency,
            on: On::Myself,
        },
        // After everything: disabling counsellor 2 ends their session (referent 2 has
        // already been walked when manager 1 and the admin come to it).
        Endpoint {
            path: "/api/pro/equipe/desactiver",
            form: vec![("member_id", s(f.counsellor2))],
            action: Action::ManageStaff,
            on: On::Target(c2),
        },
    ];
    // Sign-in endpoints are public by nature; they are covered by tests/auth.rs.
    let public = [
        "/api/connexion/code",
        "/api/connexion/verifier",
        "/api/invitation/continuer",
        "/api/pro/connexion",
        "/api/deconnexion",
        "/api/mot-de-passe/nouveau",
        // The satisfaction link needs no sign-in: it is its own proof (tests/voice.rs).
        "/api/avis",
        "/api/avis/repondre",
    ];
    let walked: BTreeSet<&str> = endpoints.iter().map(|e| e.path).chain(public).collect();
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(p, _)| p.to_string())
        .collect();
    let missing: Vec<&String> = registered
        .iter()
        .filter(|p| !walked.contains(p.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "server functions missing from the matrix walk: {missing:?}"
    );

    let mut checked = 0;
    for e in &endpoints {
        for (name, actor, c) in &roles {
            let form: Vec<(&str, &str)> = e.form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let (status, body) = app.call(c, e.path, &form).await;
            assert_ne!(
                status,
                StatusCode::INTERNAL_SERVER_ERROR,
                "{name} on {}: {body}",
                e.path
            );
            match expect(actor.as_ref(), e) {
                Expect::Status(s) => {
                    assert_eq!(status, s, "{name} on {} {:?}: {body}", e.path, e.form)
                }
                Expect::Allowed => assert!(
                    ![
                        StatusCode::UNAUTHORIZED,
                        StatusCode::FORBIDDEN,
                        StatusCode::NOT_FOUND
                    ]
                    .contains(&status),
                    "{name} should pass authorisation on {}: {status} {body}",
                    e.path
                ),
            }
            checked += 1;
        }
    }
    assert_eq!(checked, endpoints.len() * roles.len());
    // The appointment is still booked: every refused attempt wrote nothing.
    let a = app
        .state
        .store
        .appointment(app::domain::AppointmentId(
            appointment.parse().unwrap_or_default(),
        ))
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(
        a.status,
        app::domain::appointment::AppointmentStatus::Booked
    );

    // Routes outside server functions.
    let ics = format!("/rdv/{appointment}/calendrier.ics");
    assert_eq!(app.page(&roles[1].2, &ics).await.0, StatusCode::OK);
    assert_eq!(
        app.page(&roles[2].2, &ics).await.0,
        StatusCode::NOT_FOUND,
        "another person's calendar file is not found"
    );
    assert_eq!(app.page(&roles[0].2, &ics).await.0, StatusCode::SEE_OTHER);
    for path in [
        "/pro/agenda",
        "/pro/creneaux",
        "/pro/allocataires",
        &format!("/pro/allocataires/{person_a}"),
        &format!("/pro/allocataires/{person_a}/parcours"),
        "/pro/echeances",
        "/pro/aller-vers",
        "/pro/messages",
    ] {
        assert_eq!(
            app.page(&roles[1].2, path).await.0,
            StatusCode::SEE_OTHER,
            "allocataires are sent away from {path}"
        );
    }
    let (status, _) = app
        .page(&roles[6].2, &format!("/pro/allocataires/{person_a}"))
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "another agency's file page answers 404"
    );
    let (status, _) = app
        .page(
            &roles[6].2,
            &format!("/pro/allocataires/{person_a}/parcours"),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "another agency's parcours page answers 404"
    );
    let (status, html) = app
        .page(&roles[8].2, &format!("/pro/allocataires/{person_a}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Personne0"));
}
on_both!(every_role_meets_the_matrix_on_every_server_function);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn state_changes_from_another_origin_are_refused_and_write_nothing() {
    let Some(app) = spawn(Db::Sqlite).await else {
        return;
    };
    let before = app.count("outbox").await;
    let refused = [
        (Some("https://evil.example"), Some("cross-site")),
        (Some("null"), None),
        (Some("null"), Some("cross-site")),
        (None, None),
    ];
    for (origin, site) in refused {
        let mut req = client()
            .post(app.url("/api/connexion/code"))
            .form(&[("identifier", "5000001")]);
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        if let Some(s) = site {
            req = req.header("sec-fetch-site", s);
        }
        let res = req.send().await.expect("post");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{origin:?} {site:?}");
        assert!(res.text().await.unwrap_or_default().contains("refusée"));
    }
    assert_eq!(app.count("outbox").await, before, "nothing written");
    // Chromium's same-origin form post under a strict referrer policy may say Origin
    // null, but Sec-Fetch-Site (which pages cannot forge) says same-origin.
    let res = client()
        .post(app.url("/api/connexion/code"))
        .header("origin", "null")
        .header("sec-fetch-site", "same-origin")
        .form(&[("identifier", "5000001")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.count("outbox").await, before + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_get_a_french_413() {
    let Some(app) = spawn(Db::Sqlite).await else {
        return;
    };
    let big = "x".repeat(200_000);
    let res = client()
        .post(app.url("/api/connexion/code"))
        .header("origin", &app.base)
        .form(&[("identifier", big.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(res
        .text()
        .await
        .unwrap_or_default()
        .contains("trop volumineux"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_security_headers_and_are_not_cached() {
    let Some(app) = spawn(Db::Sqlite).await else {
        return;
    };
    let res = client()
        .get(app.url("/connexion"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers().clone();
    let csp = h["content-security-policy"].to_str().unwrap_or("");
    assert!(
        csp.contains("object-src 'none'")
            && csp.contains("base-uri 'none'")
            && csp.contains("frame-ancestors 'none'")
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .unwrap_or("");
    assert!(nonce.len() >= 16);
    let html = res.text().await.unwrap_or_default();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the page's script carries the header's nonce"
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["cache-control"], "no-store");
    assert_eq!(h["referrer-policy"], "same-origin");
    assert!(html.contains(r#"<html lang="fr" dir="ltr">"#));
    assert_eq!(h["content-language"], "fr");
    // The pseudo-locale, asked for by its tag: every word through the catalogue.
    let pseudo = client()
        .get(app.url("/connexion"))
        .header("accept-language", "fr-XA")
        .send()
        .await
        .expect("page");
    assert_eq!(pseudo.headers()["content-language"], "fr-XA");
    let pseudo = pseudo.text().await.expect("html");
    assert!(pseudo.contains(r#"<html lang="fr-XA" dir="ltr">"#));
    assert!(pseudo.contains("<h1>[Mee coonneecteer]</h1>"), "{pseudo}");
    // The health check says the database answers.
    assert_eq!(
        client()
            .get(app.url("/healthz"))
            .send()
            .await
            .expect("get")
            .status(),
        StatusCode::OK
    );
    // Unknown pages answer 404 in French.
    let res = client()
        .get(app.url("/nulle-part"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(res
        .text()
        .await
        .unwrap_or_default()
        .contains("Cette page n'existe pas"));
}

/// The département admin picks an agency in the header: every staff page then works on
/// it (kept in the session), a counsellor asked for by id still wins, and nobody else may
/// pick one.
async fn the_admin_picks_the_agency_the_staff_pages_work_on(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let f = app.f.clone();
    let admin = app.staff("admin@test.fr").await;
    let (_, me) = app.call(&admin, "/api/moi", &[]).await;
    let agencies = me["agencies"].as_array().map(Vec::len).unwrap_or(0);
    assert_eq!(agencies, 2, "the admin is offered every agency: {me}");
    let (_, before) = app.call(&admin, "/api/pro/allocataires", &[]).await;
    let ids = |v: &serde_json::Value| -> Vec<i64> {
        v["lines"]
            .as_array()
            .map(|l| l.iter().filter_map(|x| x["id"].as_i64()).collect())
            .unwrap_or_default()
    };
    assert!(
        ids(&before).contains(&f.people1[0]),
        "agency 1 first: {before}"
    );

    let (status, done) = app
        .call(
            &admin,
            "/api/pro/agence",
            &[("agency_id", &f.agency2.to_string())],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let (_, me) = app.call(&admin, "/api/moi", &[]).await;
    assert_eq!(me["agency_id"].as_i64(), Some(f.agency2));
    let (_, after) = app.call(&admin, "/api/pro/allocataires", &[]).await;
    assert!(ids(&after).contains(&f.person2), "agency 2 now: {after}");
    assert!(
        !ids(&after).contains(&f.people1[0]),
        "agency 2 only: {after}"
    );
    let (status, page) = app.page(&admin, "/pro/allocataires").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(&format!("/pro/allocataires/{}", f.person2)),
        "the page follows the choice"
    );
    // A counsellor asked for by id is still reachable in their own agency.
    let (status, agenda) = app
        .call(
            &admin,
            "/api/pro/agenda",
            &[("conseiller", &f.counsellor1.to_string())],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{agenda}");

    let (status, _) = app
        .call(&admin, "/api/pro/agence", &[("agency_id", "999999")])
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "an agency that does not exist"
    );
    let manager = app.staff("manager1@test.fr").await;
    let (status, _) = app
        .call(
            &manager,
            "/api/pro/agence",
            &[("agency_id", &f.agency2.to_string())],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, still) = app.call(&manager, "/api/pro/allocataires", &[]).await;
    assert!(
        !ids(&still).contains(&f.person2),
        "a manager stays in their agency: {still}"
    );
}
on_both!(the_admin_picks_the_agency_the_staff_pages_work_on);

/// The route table (`ui::App`'s `path!` literals) serves exactly the page paths of
/// `app::pages`, the source the links, redirects and audience guards use.
#[tokio::test]
async fn the_route_table_serves_exactly_the_page_paths() {
    let routes: BTreeSet<String> = leptos_axum::generate_route_list(app::ui::App)
        .iter()
        .map(|r| r.path().to_string())
        .collect();
    let pages: BTreeSet<String> = app::pages::ROUTES.iter().map(|p| p.to_string()).collect();
    assert_eq!(routes, pages);
}
