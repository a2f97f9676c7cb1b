//! Server functions: the portal's public HTTP endpoints (under `/api`). Each one reads the
//! context, lets a service check rights and do the work, and returns its result. They
//! accept plain form posts, so every form works before (or without) the WASM.

pub mod allocataire;
pub mod auth;
pub mod staff;
pub mod views;

use crate::domain::error::AppError;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => AppError::BadRequest(
                "La demande est invalide. Rechargez la page et réessayez.".into(),
            ),
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::BadRequest(
                "Le serveur n'a pas pu être joint. Vérifiez votre connexion.".into(),
            ),
            _ => AppError::Internal,
        }
    }
}

/// Paths of the server functions that forms post to (`/api/` + endpoint).
pub mod paths {
    pub const REQUEST_CODE: &str = "/api/connexion/code";
    pub const VERIFY_CODE: &str = "/api/connexion/verifier";
    pub const ACCEPT_INVITATION: &str = "/api/invitation/continuer";
    pub const STAFF_SIGN_IN: &str = "/api/pro/connexion";
    pub const SIGN_OUT: &str = "/api/deconnexion";
    pub const BOOK: &str = "/api/rdv/reserver";
    pub const MOVE: &str = "/api/rdv/deplacer";
    pub const CANCEL: &str = "/api/rdv/annuler";
    pub const OPEN_SLOTS: &str = "/api/pro/creneaux/ouvrir";
    pub const CLOSE_SLOT: &str = "/api/pro/creneaux/fermer";
    pub const ABSENCE: &str = "/api/pro/absence";
    pub const OUTCOME: &str = "/api/pro/rdv/resultat";
    pub const STAFF_CANCEL: &str = "/api/pro/rdv/annuler";
    pub const BOOK_FOR: &str = "/api/pro/allocataire/reserver";
}
