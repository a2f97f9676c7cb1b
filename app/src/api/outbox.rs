//! « Messages envoyés ».

use crate::domain::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, services::outbox as svc};
use crate::views::MessageView;
use leptos::prelude::*;

#[server(endpoint = "pro/messages")]
pub async fn sent_messages() -> Result<Vec<MessageView>, AppError> {
    let (st, actor) = ctx::authed()?;
    svc::messages(&st, &actor, ctx::now()).await
}
