//! Pages per audience, the shared components and the shell.

pub mod allocataire;
pub mod check;
pub mod components;
pub mod staff;

use crate::api::auth::whoami;
use crate::api::paths;
use components::Notice;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
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
        }
    }
    view! {
        <!DOCTYPE html>
        <html lang="fr">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="description" content="Portail des agences locales d'insertion de Seine-Saint-Denis : votre référent·e et vos rendez-vous." />
                <link rel="stylesheet" href="/pkg/portail.css" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
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
            <a class="skip" href="#contenu">"Aller au contenu"</a>
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
                    <Route path=path!("/pro/messages") view=staff::Messages ssr=a />
                </Routes>
            </main>
            <footer class="footer">
                <p>"Portail des agences locales d'insertion (ALI) — Département de la Seine-Saint-Denis"</p>
            </footer>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let me = Resource::new_blocking(|| (), |_| whoami());
    view! {
        <header class="header">
            <a class="brand" href="/">"Portail ALI"</a>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    me.await.ok().flatten().map(|me| {
                        let links: Vec<(&str, &str)> = if me.is_staff {
                            let mut l = vec![("/pro/agenda", "Agenda"), ("/pro/creneaux", "Créneaux"), ("/pro/allocataires", "Allocataires")];
                            if me.can_see_messages {
                                l.push(("/pro/messages", "Messages envoyés"));
                            }
                            l
                        } else {
                            vec![("/espace", "Mon espace"), ("/rdv/prendre", "Prendre rendez-vous")]
                        };
                        view! {
                            <nav aria-label="Menu principal">
                                <ul>
                                    {links.into_iter().map(|(href, label)| view! { <li><a href=href>{label}</a></li> }).collect_view()}
                                </ul>
                            </nav>
                            <div class="who">
                                <span>{me.name}</span>
                                <form method="post" action=paths::SIGN_OUT>
                                    <button type="submit" class="link">"Me déconnecter"</button>
                                </form>
                                <form method="post" action=paths::SIGN_OUT>
                                    <input type="hidden" name="partout" value="1" />
                                    <button type="submit" class="link">"Me déconnecter de tous mes appareils"</button>
                                </form>
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
        <Title text="Portail ALI — Seine-Saint-Denis" />
        <h1>"Portail des agences locales d'insertion"</h1>
        <p class="lead">
            "Vous touchez le RSA (revenu de solidarité active) et une agence locale d'insertion (ALI) vous accompagne ? "
            "Ici, vous voyez votre référent·e et vous prenez, déplacez ou annulez vos rendez-vous."
        </p>
        <p><a class="btn" href="/connexion">"Me connecter"</a></p>
        <p><a href="/pro/connexion">"Espace des professionnel·les de l'ALI"</a></p>
    }
}
