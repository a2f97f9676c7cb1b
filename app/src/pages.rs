//! Page paths: the one source for links, redirects, the middleware's audience guards and
//! the route table (`ui::App`, whose `path!` literals a test compares with `ROUTES`).

pub const HOME: &str = "/";
pub const SIGN_IN: &str = "/connexion";
pub const CODE: &str = "/connexion/code";
pub const INVITATION: &str = "/invitation";
pub const ESPACE: &str = "/espace";
pub const BOOK: &str = "/rdv/prendre";
/// The allocataire's account: where codes go, signing out of every device.
pub const ACCOUNT: &str = "/espace/compte";
pub const STAFF_SIGN_IN: &str = "/pro/connexion";
pub const AGENDA: &str = "/pro/agenda";
pub const SLOTS: &str = "/pro/creneaux";
pub const CASELOAD: &str = "/pro/allocataires";
pub const MESSAGES: &str = "/pro/messages";
/// The agency's settings: booking rules and closure days (managers, the admin).
pub const AGENCY: &str = "/pro/reglages";
/// The agency's audit trail (managers, the admin).
pub const AUDIT: &str = "/pro/journal";
/// The agency's team (managers, the admin) and one member (`/pro/equipe/{id}`).
pub const TEAM: &str = "/pro/equipe";
/// Enrolling a person by hand.
pub const ENROL: &str = "/pro/inscrire";
/// A staff member changes their own password.
pub const PASSWORD: &str = "/pro/mot-de-passe";
/// Choosing a password with a link received by e-mail (signed out).
pub const NEW_PASSWORD: &str = "/mot-de-passe/nouveau";
/// The allocataire's workshops: the sessions open to them and their own places.
pub const MY_WORKSHOPS: &str = "/espace/ateliers";
/// The agency's workshops (staff) and one session (`/pro/ateliers/{id}`).
pub const STAFF_WORKSHOPS: &str = "/pro/ateliers";
/// The managed list of workshop themes (the département's admin).
pub const WORKSHOP_THEMES: &str = "/pro/themes";
/// The allocataire's parcours and contract.
pub const MY_PATHWAY: &str = "/espace/parcours";
/// Files whose next deadline is late or within a week (staff).
pub const DUE_FILES: &str = "/pro/echeances";
/// « Aller vers »: the people to go and find (staff).
pub const OUTREACH: &str = "/pro/aller-vers";
/// The monthly orientation file: upload, the latest files (managers, the admin).
pub const ORIENTATION: &str = "/pro/orientation";
/// Where the file is posted (a server route: a multipart form).
pub const ORIENTATION_UPLOAD: &str = "/pro/orientation/fichier";
/// The commune → agency table (the admin).
pub const COMMUNES: &str = "/pro/communes";
/// The page a satisfaction link opens (no sign-in: the question only).
pub const FEEDBACK: &str = "/avis";
/// The allocataire's satisfaction questions and answers (« Mes avis »).
pub const MY_FEEDBACK: &str = "/espace/avis";
/// Panels and juries: volunteering, withdrawing (the allocataire).
pub const MY_PANEL: &str = "/espace/panel";
/// The panel volunteers (managers, the admin).
pub const VOLUNTEERS: &str = "/pro/volontaires";
/// The moderation queue (managers, the admin).
pub const MODERATION: &str = "/pro/moderation";
/// The satisfaction results (staff).
pub const FEEDBACK_RESULTS: &str = "/pro/avis";
/// The results as CSV (a server route).
pub const FEEDBACK_CSV: &str = "/pro/avis/resultats.csv";
/// The surveys (managers, the admin): the list and a new one; one survey is
/// `/pro/questionnaires/{id}`, its phone preview `…/apercu`, its results `…/resultats`.
pub const SURVEYS: &str = "/pro/questionnaires";
/// « Mes questionnaires » (the allocataire); one survey is `/espace/questionnaires/{id}`,
/// a section `?partie=2`, the summary `?partie=resume`.
pub const MY_SURVEYS: &str = "/espace/questionnaires";
/// The agency's rendez-vous and contracts for WebRSA, as CSV (server routes).
pub const WEBRSA_APPOINTMENTS: &str = "/pro/export/webrsa-rdv.csv";
pub const WEBRSA_CONTRACTS: &str = "/pro/export/webrsa-cer.csv";

/// Where appointments live (`/rdv/{id}`, `/rdv/{id}/deplacer`, `/rdv/{id}/calendrier.ics`).
const APPOINTMENTS: &str = "/rdv/";
/// Where the staff pages live.
const STAFF: &str = "/pro/";

pub fn appointment(id: i64) -> String {
    format!("{APPOINTMENTS}{id}")
}
pub fn move_appointment(id: i64) -> String {
    format!("{APPOINTMENTS}{id}/deplacer")
}
pub fn calendar(id: i64) -> String {
    format!("{APPOINTMENTS}{id}/calendrier.ics")
}
pub fn member(id: i64) -> String {
    format!("{TEAM}/{id}")
}
/// The link e-mailed to choose a password (`/r/{token}`: the server keeps the token in
/// the session and sends the browser to [`NEW_PASSWORD`]).
pub fn reset_link(token: &str) -> String {
    format!("/r/{token}")
}
pub fn file(allocataire: i64) -> String {
    format!("{CASELOAD}/{allocataire}")
}
/// A person's parcours and contract, for staff.
pub fn pathway(allocataire: i64) -> String {
    format!("{CASELOAD}/{allocataire}/parcours")
}
/// A contract version as PDF, for the allocataire (a server route).
pub fn my_contract_pdf(id: i64) -> String {
    format!("/espace/contrats/{id}/contrat.pdf")
}
/// A contract version as PDF, for staff (a server route).
pub fn staff_contract_pdf(id: i64) -> String {
    format!("/pro/contrats/{id}/contrat.pdf")
}
/// One uploaded orientation file: its preview, or what it did.
pub fn orientation_import(id: i64) -> String {
    format!("{ORIENTATION}/{id}")
}
/// The invitation letters of a file's new people without phone or e-mail (a server route).
pub fn orientation_letters(id: i64) -> String {
    format!("{ORIENTATION}/{id}/courriers.pdf")
}
/// The link sent after a rendez-vous or a workshop (`/a/{token}`: the server keeps the
/// token in the session and sends the browser to [`FEEDBACK`]).
pub fn feedback_link(token: &str) -> String {
    format!("/a/{token}")
}
/// One of the allocataire's satisfaction questions, to answer or change.
pub fn my_feedback_question(id: i64) -> String {
    format!("{MY_FEEDBACK}/{id}")
}
pub fn staff_survey(id: i64) -> String {
    format!("{SURVEYS}/{id}")
}
pub fn survey_preview(id: i64) -> String {
    format!("{SURVEYS}/{id}/apercu")
}
pub fn survey_results(id: i64) -> String {
    format!("{SURVEYS}/{id}/resultats")
}
/// A survey's results as CSV (a server route).
pub fn survey_csv(id: i64) -> String {
    format!("{SURVEYS}/{id}/resultats.csv")
}
pub fn my_survey(id: i64) -> String {
    format!("{MY_SURVEYS}/{id}")
}
pub fn my_survey_part(id: i64, section: i64) -> String {
    format!("{MY_SURVEYS}/{id}?partie={section}")
}
pub fn my_survey_summary(id: i64) -> String {
    format!("{MY_SURVEYS}/{id}?partie=resume")
}
pub fn staff_workshop(id: i64) -> String {
    format!("{STAFF_WORKSHOPS}/{id}")
}
/// A session's list as CSV (a server route, not a page).
pub fn workshop_list(id: i64) -> String {
    format!("{STAFF_WORKSHOPS}/{id}/liste.csv")
}

/// A session's attendance sheet as PDF (a server route).
pub fn workshop_sheet(id: i64) -> String {
    format!("{STAFF_WORKSHOPS}/{id}/emargement.pdf")
}
/// The calendar file of one's place on a session (a server route).
pub fn workshop_calendar(id: i64) -> String {
    format!("{MY_WORKSHOPS}/{id}/agenda.ics")
}

/// Every page route, as the server lists them (`{id}` for a parameter).
pub const ROUTES: [&str; 46] = [
    HOME,
    SIGN_IN,
    CODE,
    INVITATION,
    ESPACE,
    BOOK,
    "/rdv/{id}",
    "/rdv/{id}/deplacer",
    STAFF_SIGN_IN,
    AGENDA,
    SLOTS,
    CASELOAD,
    "/pro/allocataires/{id}",
    MESSAGES,
    AGENCY,
    AUDIT,
    TEAM,
    "/pro/equipe/{id}",
    PASSWORD,
    NEW_PASSWORD,
    ENROL,
    ACCOUNT,
    MY_WORKSHOPS,
    STAFF_WORKSHOPS,
    "/pro/ateliers/{id}",
    WORKSHOP_THEMES,
    MY_PATHWAY,
    DUE_FILES,
    "/pro/allocataires/{id}/parcours",
    OUTREACH,
    ORIENTATION,
    "/pro/orientation/{id}",
    COMMUNES,
    FEEDBACK,
    MY_FEEDBACK,
    "/espace/avis/{id}",
    MODERATION,
    FEEDBACK_RESULTS,
    MY_PANEL,
    VOLUNTEERS,
    SURVEYS,
    "/pro/questionnaires/{id}",
    "/pro/questionnaires/{id}/apercu",
    "/pro/questionnaires/{id}/resultats",
    MY_SURVEYS,
    "/espace/questionnaires/{id}",
];

/// Whether a page may hold a form the browser checks (the `FormCheck` island): only those
/// load the WASM; Mon espace, the agenda or the file active load none. A server test
/// renders every page and fails if a page with an island is missing here.
pub fn has_islands(path: &str) -> bool {
    let appointment_page = path
        .strip_prefix(APPOINTMENTS)
        .is_some_and(|rest| rest != "prendre" && !rest.ends_with(".ics"));
    let file_page = path
        .strip_prefix(CASELOAD)
        .is_some_and(|rest| rest.starts_with('/'));
    matches!(
        path,
        SIGN_IN
            | CODE
            | BOOK
            | STAFF_SIGN_IN
            | SLOTS
            | AGENCY
            | TEAM
            | PASSWORD
            | NEW_PASSWORD
            | ENROL
            | STAFF_WORKSHOPS
            | WORKSHOP_THEMES
    ) || path.starts_with("/pro/equipe/")
        || path.starts_with("/pro/ateliers/")
        || appointment_page
        || file_page
}

/// Who a page is for: the middleware sends anyone else to the right sign-in page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Anyone,
    Allocataire,
    Staff,
}

pub fn audience(path: &str) -> Audience {
    if path == ESPACE || path.starts_with("/espace/") || path.starts_with(APPOINTMENTS) {
        Audience::Allocataire
    } else if path.starts_with(STAFF) && path != STAFF_SIGN_IN {
        Audience::Staff
    } else {
        Audience::Anyone
    }
}

/// Where to go after signing in: the page asked for before (kept by the server when it
/// sent the person to sign in), if it is a page of the portal for that audience; else
/// the audience's home.
pub fn after_sign_in(asked: Option<&str>, staff: bool) -> String {
    let expected = if staff {
        Audience::Staff
    } else {
        Audience::Allocataire
    };
    asked
        .filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\'))
        .filter(|p| audience(p.split('?').next().unwrap_or(p)) == expected)
        .map(str::to_string)
        .unwrap_or_else(|| if staff { AGENDA } else { ESPACE }.to_string())
}

/// The sign-in page of an audience.
pub fn sign_in_for(staff: bool) -> &'static str {
    if staff {
        STAFF_SIGN_IN
    } else {
        SIGN_IN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_has_its_audience() {
        let expected = |route: &str| match route {
            "/"
            | "/connexion"
            | "/connexion/code"
            | "/invitation"
            | "/pro/connexion"
            | "/mot-de-passe/nouveau"
            | "/avis" => Audience::Anyone,
            r if r.starts_with("/pro/") => Audience::Staff,
            _ => Audience::Allocataire,
        };
        for route in ROUTES {
            let concrete = route.replace("{id}", "12");
            assert_eq!(audience(&concrete), expected(route), "{route}");
        }
        assert_eq!(audience(&calendar(3)), Audience::Allocataire);
        assert_eq!(audience(&file(3)), Audience::Staff);
        assert_eq!(audience("/api/rdv/reserver"), Audience::Anyone);
    }
}
