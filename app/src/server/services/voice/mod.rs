//! The voice of the people supported: the satisfaction question after a rendez-vous or a
//! workshop (`satisfaction`), the moderation of every text they write (`moderation`), and
//! the results, small cells suppressed (`results`).

pub mod moderation;
pub mod panels;
pub mod results;
pub mod satisfaction;

use crate::domain::authz::{check_action, Action, Scope};
use crate::domain::error::AppError;
use crate::domain::satisfaction::{EventKind, Rating};
use crate::domain::{Actor, AgencyId};
use crate::i18n::t;
use crate::views::RatingOption;

/// The agency a staff page of `action` reads (`None`: every agency, the admin).
fn scope_of(actor: &Actor, action: Action) -> Result<Option<AgencyId>, AppError> {
    match (check_action(actor, action)?, actor) {
        (Scope::All, _) => Ok(None),
        (
            _,
            Actor::Staff {
                agency: Some(a), ..
            },
        ) => Ok(Some(*a)),
        _ => Err(AppError::Forbidden),
    }
}

fn rating_options() -> Vec<RatingOption> {
    Rating::ALL
        .iter()
        .map(|r| RatingOption {
            value: r.value().to_string(),
            label: t(r.label_key()),
            pictogram: r.pictogram().into(),
        })
        .collect()
}

fn question(kind: EventKind) -> String {
    t(kind.question_key())
}
