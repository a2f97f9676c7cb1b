//! The managed list of workshop themes, shared by every agency: the département's admin
//! adds a theme or archives one (no new session can use it; sessions that have it keep
//! it) and brings it back.

use super::*;
use crate::domain::workshop::ThemeInput;
use crate::views::{ThemeLine, ThemesView};

fn may_manage(actor: &Actor) -> Result<(), AppError> {
    check(actor, Action::ManageThemes, Target::default())
}

/// The audit entry of a change to the list (the département's, no agency).
fn entry(actor: &Actor, subject: String) -> crate::server::store::NewAudit {
    crate::server::store::NewAudit {
        actor: crate::server::store::Principal::from(actor).to_string(),
        agency: None,
        action: "workshop.theme".into(),
        subject,
    }
}

pub async fn themes_page(st: &AppState, actor: &Actor) -> Result<ThemesView, AppError> {
    may_manage(actor)?;
    let themes = st
        .store
        .themes()
        .await?
        .into_iter()
        .map(|th| ThemeLine {
            label: theme_label(&th.key, th.label.as_deref()),
            key: th.key,
            archived: th.archived,
        })
        .collect();
    Ok(ThemesView { themes })
}

pub async fn add_theme(
    st: &AppState,
    actor: &Actor,
    input: ThemeInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    may_manage(actor)?;
    input.validate()?;
    let label = input.label.trim();
    // The usual themes' labels are in the catalogue, not in the table: compare them too.
    let taken =
        st.store.themes().await?.iter().any(|th| {
            theme_label(&th.key, th.label.as_deref()).to_lowercase() == label.to_lowercase()
        });
    let entry = entry(actor, label.to_string());
    let added = if taken {
        None
    } else {
        st.store
            .add_theme(label, Some(&entry), now.timestamp())
            .await?
    };
    match added {
        Some(_) => Ok(Done {
            notice: tr!("themes-added", label = label),
            redirect: pages::WORKSHOP_THEMES.into(),
        }),
        None => Err(AppError::field("label", &tr!("themes-exists"))),
    }
}

pub async fn archive_theme(
    st: &AppState,
    actor: &Actor,
    key: &str,
    archived: bool,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    may_manage(actor)?;
    let entry = entry(actor, format!("{key} archived:{archived}"));
    if !st
        .store
        .set_theme_archived(key, archived, Some(&entry), now.timestamp())
        .await?
    {
        return Err(AppError::NotFound);
    }
    Ok(Done {
        notice: if archived {
            t("themes-archived")
        } else {
            t("themes-restored")
        },
        redirect: pages::WORKSHOP_THEMES.into(),
    })
}
