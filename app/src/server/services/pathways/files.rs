//! The contract as an accessible PDF (tagged, `lang=fr`), for the person (any version
//! shown to them: not a draft) and for the staff of their agency.

use super::contract_view;
use crate::domain::authz::Action;
use crate::domain::contract::ContractStatus;
use crate::domain::error::AppError;
use crate::domain::{Actor, ContractId};
use crate::i18n::t;
use crate::pages;
use crate::server::format;
use crate::server::pdf::{flow, Block, FlowDocument};
use crate::server::services::{allocataire_for, audit, staff_names, AppState};
use crate::tr;
use chrono::{DateTime, Utc};

pub async fn contract_pdf(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(String, Vec<u8>), AppError> {
    let c = st
        .store
        .contract(ContractId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let allocataire = matches!(actor, Actor::Allocataire { .. });
    // The person reads the versions proposed to them, never a draft.
    if allocataire && c.status == ContractStatus::Draft {
        return Err(AppError::NotFound);
    }
    let action = if allocataire {
        Action::ViewOwnFile
    } else {
        Action::ViewAllocataire
    };
    let p = allocataire_for(st, actor, c.allocataire_id, action).await?;
    let names = staff_names(st, p.agency_id).await?;
    let agency = st
        .store
        .agency(p.agency_id)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let v = contract_view(
        &c,
        &p.full_name(),
        &names,
        format::today(now),
        pages::my_contract_pdf,
    );
    let mut blocks = vec![
        Block::Title(v.kind_label.clone()),
        Block::Paragraph(tr!(
            "contract-pdf-parties",
            agency = &agency,
            name = p.full_name(),
            numero = &p.numero
        )),
        Block::Paragraph(tr!(
            "contract-version-summary",
            version = v.version,
            status = &v.status_label
        )),
        Block::Heading(t("contract-objectives-heading")),
        Block::Paragraph(v.objectives.clone()),
        Block::Heading(t("contract-person-heading")),
        Block::Paragraph(v.person_commitments.clone()),
        Block::Heading(t("contract-agency-heading")),
        Block::Paragraph(v.agency_commitments.clone()),
    ];
    if !v.planned_actions.is_empty() {
        blocks.push(Block::Heading(t("contract-actions-heading")));
        blocks.push(Block::Paragraph(v.planned_actions.clone()));
    }
    blocks.push(Block::Heading(t("contract-duration-heading")));
    blocks.push(Block::Paragraph(tr!(
        "contract-duration-line",
        months = v.duration_months,
        period = &v.period
    )));
    if let Some(hours) = v.weekly_hours {
        blocks.push(Block::Paragraph(tr!("contract-hours-line", hours = hours)));
    }
    blocks.push(Block::Heading(t("contract-pdf-signatures")));
    blocks.push(Block::Paragraph(
        v.signed
            .clone()
            .unwrap_or_else(|| t("contract-pdf-unsigned")),
    ));
    if let Some(validated) = v.validated.clone() {
        blocks.push(Block::Paragraph(validated));
    }
    if !allocataire {
        audit(
            st,
            actor,
            Some(p.agency_id),
            "contract.pdf",
            &format!("contract:{id}"),
            now,
        )
        .await;
    }
    let title = tr!(
        "contract-pdf-title",
        kind = &v.kind_label,
        name = p.full_name()
    );
    let footer = tr!("contract-pdf-footer", agency = &agency);
    let bytes = flow(&FlowDocument {
        title: &title,
        blocks: &blocks,
        footer: &footer,
    });
    Ok((format!("contrat-{}-v{}.pdf", p.numero, c.version), bytes))
}
