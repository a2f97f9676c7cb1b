//! Pages per audience, the shared components and the shell.

pub mod allocataire;
pub mod check;
pub mod components;
pub mod staff;

use crate::api::auth::whoami;
use crate::api::paths;
use crate::i18n::Lang;
use crate::pages;
use crate::tr;
use components::Notice;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Pages without a checked form load no WASM at all.
    #[allow(unused_mut)]
    let mut islands = true;
    // Staff pages use a desk screen's width.
    #[allow(unused_mut)]
    let mut staff_page = false;
    #[cfg(feature = "ssr")]
    {
        // Per-request values the server's middleware left in the request extensions.
        if let Some(parts) = use_context::<http::request::Parts>() {
            if let Some(nonce) = parts.extensions.get::<crate::server::ctx::CspNonce>() {
                provide_context(leptos::nonce::Nonce::from_value(nonce.0.clone()));
            }
            if let Some(flash) = parts.extensions.get::<crate::flash::Flash>() {
                provide_context(flash.clone());
            }
            islands = crate::pages::has_islands(parts.uri.path());
            staff_page = crate::pages::audience(parts.uri.path()) == crate::pages::Audience::Staff;
        }
    }
    // The language negotiated by the middleware, for every component of the page.
    let lang = Lang::current();
    provide_context(lang);
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag() dir=lang.dir()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="description" content=tr!("common-meta-description") />
                <link rel="stylesheet" href="/pkg/portail.css" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                {islands.then(|| view! { <HydrationScripts options islands=true /> })}
                <MetaTags />
            </head>
            <body class=staff_page.then_some("staff")>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let a = SsrMode::Async;
    view! {
        <Router>
            <a class="skip" href="#contenu">{tr!("common-skip")}</a>
            <Header />
            <main id="contenu" tabindex="-1">
                <Notice />
                <Routes fallback=|| components::error_view(crate::domain::error::AppError::NotFound)>
                    <Route path=path!("/") view=Home ssr=a.clone() />
                    <Route path=path!("/connexion") view=allocataire::SignIn ssr=a.clone() />
                    <Route path=path!("/connexion/code") view=allocataire::CodePage ssr=a.clone() />
                    <Route path=path!("/invitation") view=allocataire::Invitation ssr=a.clone() />
                    <Route path=path!("/espace") view=allocataire::Espace ssr=a.clone() />
                    <Route path=path!("/rdv/prendre") view=allocataire::BookPage ssr=a.clone() />
                    <Route path=path!("/rdv/:id") view=allocataire::AppointmentPage ssr=a.clone() />
                    <Route path=path!("/rdv/:id/deplacer") view=allocataire::MovePage ssr=a.clone() />
                    <Route path=path!("/pro/connexion") view=staff::StaffSignIn ssr=a.clone() />
                    <Route path=path!("/pro/agenda") view=staff::Agenda ssr=a.clone() />
                    <Route path=path!("/pro/creneaux") view=staff::Slots ssr=a.clone() />
                    <Route path=path!("/pro/allocataires") view=staff::Caseload ssr=a.clone() />
                    <Route path=path!("/pro/allocataires/:id") view=staff::FilePage ssr=a.clone() />
                    <Route path=path!("/pro/messages") view=staff::Messages ssr=a.clone() />
                    <Route path=path!("/pro/reglages") view=staff::agency::AgencySettings ssr=a.clone() />
                    <Route path=path!("/pro/journal") view=staff::agency::AuditTrail ssr=a.clone() />
                    <Route path=path!("/pro/equipe") view=staff::team::Team ssr=a.clone() />
                    <Route path=path!("/pro/equipe/:id") view=staff::team::MemberPage ssr=a.clone() />
                    <Route path=path!("/pro/mot-de-passe") view=staff::team::ChangePassword ssr=a.clone() />
                    <Route path=path!("/mot-de-passe/nouveau") view=staff::team::ChoosePassword ssr=a.clone() />
                    <Route path=path!("/pro/inscrire") view=staff::enrolment::EnrolPage ssr=a.clone() />
                    <Route path=path!("/espace/compte") view=allocataire::AccountPage ssr=a.clone() />
                    <Route path=path!("/espace/ateliers") view=allocataire::workshops::MyWorkshops ssr=a.clone() />
                    <Route path=path!("/pro/ateliers") view=staff::workshops::StaffWorkshops ssr=a.clone() />
                    <Route path=path!("/pro/ateliers/:id") view=staff::workshops::StaffWorkshopPage ssr=a.clone() />
                    <Route path=path!("/pro/themes") view=staff::workshops::WorkshopThemes ssr=a.clone() />
                    <Route path=path!("/espace/parcours") view=allocataire::pathway::MyPathway ssr=a.clone() />
                    <Route path=path!("/pro/echeances") view=staff::pathway::DueFiles ssr=a.clone() />
                    <Route path=path!("/pro/allocataires/:id/parcours") view=staff::pathway::StaffPathwayPage ssr=a.clone() />
                    <Route path=path!("/pro/aller-vers") view=staff::outreach::Outreach ssr=a.clone() />
                    <Route path=path!("/pro/orientation") view=staff::orientation::OrientationPage ssr=a.clone() />
                    <Route path=path!("/pro/orientation/:id") view=staff::orientation::OrientationImportPage ssr=a.clone() />
                    <Route path=path!("/pro/communes") view=staff::orientation::Communes ssr=a.clone() />
                    <Route path=path!("/avis") view=allocataire::voice::FeedbackLink ssr=a.clone() />
                    <Route path=path!("/espace/avis") view=allocataire::voice::MyFeedback ssr=a.clone() />
                    <Route path=path!("/espace/avis/:id") view=allocataire::voice::MyFeedbackQuestion ssr=a.clone() />
                    <Route path=path!("/pro/moderation") view=staff::voice::Moderation ssr=a.clone() />
                    <Route path=path!("/pro/avis") view=staff::voice::FeedbackResults ssr=a.clone() />
                    <Route path=path!("/espace/panel") view=allocataire::voice::MyPanel ssr=a.clone() />
                    <Route path=path!("/pro/volontaires") view=staff::voice::Volunteers ssr=a.clone() />
                    <Route path=path!("/pro/questionnaires") view=staff::surveys::Surveys ssr=a.clone() />
                    <Route path=path!("/pro/questionnaires/:id") view=staff::surveys::StaffSurveyPage ssr=a.clone() />
                    <Route path=path!("/pro/questionnaires/:id/apercu") view=staff::surveys::SurveyPreview ssr=a.clone() />
                    <Route path=path!("/pro/questionnaires/:id/resultats") view=staff::surveys::SurveyResults ssr=a.clone() />
                    <Route path=path!("/espace/questionnaires") view=allocataire::surveys::MySurveys ssr=a.clone() />
                    <Route path=path!("/espace/questionnaires/:id") view=allocataire::surveys::MySurveyPage ssr=a />
                </Routes>
            </main>
            <footer class="footer">
                <p>{tr!("common-footer")}</p>
            </footer>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let me = Resource::new_blocking(|| (), |_| whoami());
    view! {
        <header class="header">
            <a class="brand" href=pages::HOME>{tr!("common-brand")}</a>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    me.await.ok().flatten().map(|me| {
                        let links: Vec<(&str, String)> = if me.is_staff {
                            let mut l = vec![
                                (pages::AGENDA, tr!("common-nav-agenda")),
                                (pages::SLOTS, tr!("common-nav-slots")),
                                (pages::CASELOAD, tr!("common-nav-caseload")),
                                (pages::DUE_FILES, tr!("common-nav-due")),
                                (pages::OUTREACH, tr!("common-nav-outreach")),
                                (pages::STAFF_WORKSHOPS, tr!("common-nav-workshops")),
                                (pages::FEEDBACK_RESULTS, tr!("common-nav-feedback")),
                            ];
                            if me.can_see_messages {
                                l.push((pages::MESSAGES, tr!("common-nav-messages")));
                            }
                            if me.can_manage_agency {
                                l.push((pages::AGENCY, tr!("common-nav-agency")));
                                l.push((pages::ORIENTATION, tr!("common-nav-orientation")));
                                l.push((pages::SURVEYS, tr!("common-nav-surveys")));
                                l.push((pages::MODERATION, tr!("common-nav-moderation")));
                                l.push((pages::VOLUNTEERS, tr!("common-nav-volunteers")));
                                l.push((pages::AUDIT, tr!("common-nav-audit")));
                                l.push((pages::TEAM, tr!("common-nav-team")));
                            }
                            l.push((pages::PASSWORD, tr!("common-nav-password")));
                            l
                        } else {
                            vec![
                                (pages::ESPACE, tr!("common-nav-espace")),
                                (pages::BOOK, tr!("common-nav-book")),
                                (pages::MY_PATHWAY, tr!("common-nav-pathway")),
                                (pages::MY_WORKSHOPS, tr!("common-nav-workshops")),
                                (pages::ACCOUNT, tr!("common-nav-account")),
                            ]
                        };
                        let current = me.agency_id;
                        let picker = (!me.agencies.is_empty()).then(|| view! {
                            <form method="post" action=paths::CHOOSE_AGENCY class="agency-picker">
                                <label for="agency-picker">{tr!("common-agency-label")}</label>
                                <select id="agency-picker" name="agency_id">
                                    {me.agencies.into_iter().map(|(id, name)| view! {
                                        <option value=id.to_string() selected=current == Some(id)>{name}</option>
                                    }).collect_view()}
                                </select>
                                <button type="submit" class="btn btn-secondary">{tr!("common-agency-choose")}</button>
                            </form>
                        });
                        view! {
                            <nav aria-label=tr!("common-nav-label")>
                                <ul>
                                    {links.into_iter().map(|(href, label)| view! { <li><a href=href>{label}</a></li> }).collect_view()}
                                </ul>
                            </nav>
                            {picker}
                            // On a phone the allocataire's header is one compact bar: no name
                            // (Mon espace greets them), one sign-out; « every device » is on
                            // « Mon compte ». Staff, on a desk, keep both.
                            <div class=if me.is_staff { "who" } else { "who who-compact" }>
                                {me.is_staff.then(|| view! { <span>{me.name.clone()}</span> })}
                                <form method="post" action=paths::SIGN_OUT>
                                    <button type="submit" class="link">{tr!("common-sign-out")}</button>
                                </form>
                                {me.is_staff.then(|| view! {
                                    <form method="post" action=paths::SIGN_OUT>
                                        <input type="hidden" name="partout" value="1" />
                                        <button type="submit" class="link">{tr!("common-sign-out-everywhere")}</button>
                                    </form>
                                })}
                            </div>
                        }
                    })
                })}
            </Suspense>
        </header>
    }
}

#[component]
fn Home() -> impl IntoView {
    view! {
        <Title text=tr!("home-title") />
        <h1>{tr!("home-heading")}</h1>
        <p class="lead">{tr!("home-lead")}</p>
        <p><a class="btn" href=pages::SIGN_IN>{tr!("home-sign-in")}</a></p>
        <p><a href=pages::STAFF_SIGN_IN>{tr!("home-staff")}</a></p>
    }
}
