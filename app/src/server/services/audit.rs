//! The agency's audit trail as a manager reads it: who read or changed which file, when.

use super::scope::{counsellors, working_agency};
use super::{audit, AppState, Names};
use crate::domain::authz::Action;
use crate::domain::error::AppError;
use crate::domain::inputs::parse_date;
use crate::domain::Actor;
use crate::server::format;
use crate::server::store::{AuditFilter, AuditRow};
use crate::tr;
use crate::views::{AuditLine, AuditQuery, AuditView};
use chrono::{DateTime, Duration, Utc};

/// Entries per page.
pub const PER_PAGE: i64 = 50;

/// The kinds of entry a manager filters on: (action prefix, catalogue key of its label).
const KINDS: [(&str, &str); 9] = [
    ("allocataire.read", "audit-kind-file-read"),
    ("caseload.read", "audit-kind-caseload-read"),
    ("appointment.", "audit-kind-appointment"),
    ("slots.", "audit-kind-slots"),
    ("agency.", "audit-kind-agency"),
    ("staff.", "audit-kind-staff"),
    ("outbox.read", "audit-kind-outbox"),
    ("signin.", "audit-kind-signin"),
    ("workshop.", "audit-kind-workshop"),
];

/// The words of an action (the stored code when the catalogue has none for it).
fn action_label(action: &str) -> String {
    let key = match action {
        "allocataire.read" => "audit-action-file-read",
        "caseload.read" => "audit-action-caseload-read",
        "appointment.book" => "audit-action-book",
        "appointment.book_for" => "audit-action-book-for",
        "appointment.move" => "audit-action-move",
        "appointment.cancel" => "audit-action-cancel",
        "appointment.outcome" => "audit-action-outcome",
        "appointment.relance" => "audit-action-relance",
        "allocataire.enrol" => "audit-action-enrol",
        "allocataire.referent" => "audit-action-referent",
        "staff.create" => "audit-action-staff-create",
        "staff.update" => "audit-action-staff-update",
        "staff.disable" => "audit-action-staff-disable",
        "staff.enable" => "audit-action-staff-enable",
        "staff.reset_link" => "audit-action-staff-link",
        "staff.password_reset" => "audit-action-staff-password-reset",
        "staff.password_change" => "audit-action-staff-password-change",
        "slots.open" => "audit-action-slots-open",
        "slots.close" => "audit-action-slot-close",
        "slots.absence" => "audit-action-absence",
        "agency.rules" => "audit-action-rules",
        "agency.closure_add" => "audit-action-closure-add",
        "agency.closure_remove" => "audit-action-closure-remove",
        "agency.choose" => "audit-action-agency-choose",
        "outbox.read" => "audit-action-outbox-read",
        "audit.read" => "audit-action-audit-read",
        "signin.success" => "audit-action-signin",
        "signin.code_sent" => "audit-action-code-sent",
        "signin.failure" => "audit-action-signin-failure",
        "workshop.create" => "audit-action-workshop-create",
        "workshop.view" => "audit-action-workshop-view",
        "workshop.export" => "audit-action-workshop-export",
        "workshop.capacity" => "audit-action-workshop-capacity",
        "workshop.cancel" => "audit-action-workshop-cancel",
        "workshop.attendance" => "audit-action-workshop-attendance",
        "workshop.register" => "audit-action-workshop-register",
        "workshop.leave" => "audit-action-workshop-leave",
        "workshop.confirm" => "audit-action-workshop-confirm",
        "workshop.edit" => "audit-action-workshop-edit",
        "workshop.invite" => "audit-action-workshop-invite",
        "workshop.sheet" => "audit-action-workshop-sheet",
        "workshop.theme" => "audit-action-workshop-theme",
        "moderation.read" => "audit-action-moderation-read",
        "moderation.decide" => "audit-action-moderation-decide",
        "satisfaction.results" => "audit-action-satisfaction-results",
        "panel.volunteer" => "audit-action-panel-volunteer",
        "panel.withdraw" => "audit-action-panel-withdraw",
        "panel.volunteers.read" => "audit-action-panel-volunteers-read",
        "survey.create" => "audit-action-survey-create",
        "survey.settings" => "audit-action-survey-settings",
        "survey.read" => "audit-action-survey-read",
        "survey.question.add" => "audit-action-survey-question-add",
        "survey.question.edit" => "audit-action-survey-question-edit",
        "survey.question.remove" => "audit-action-survey-question-remove",
        "survey.publish" => "audit-action-survey-publish",
        "survey.close" => "audit-action-survey-close",
        "survey.results" => "audit-action-survey-results",
        "survey.send" => "audit-action-survey-send",
        other => return other.to_string(),
    };
    crate::i18n::t(key)
}

/// The file an entry's subject names (`allocataire:40 …`).
fn file_of(subject: &str) -> Option<i64> {
    subject
        .split_whitespace()
        .find_map(|w| w.strip_prefix("allocataire:"))
        .and_then(|id| id.parse().ok())
}

fn line(r: &AuditRow, names: &Names) -> AuditLine {
    let actor = match r.actor.split_once(':') {
        Some(("staff", id)) => id
            .parse()
            .ok()
            .and_then(|id| names.get(crate::domain::StaffId(id)))
            .map(str::to_string)
            .unwrap_or_else(|| tr!("audit-actor-staff", id = id)),
        Some(("allocataire", id)) => tr!("audit-actor-allocataire", id = id),
        _ => tr!("audit-actor-anonymous"),
    };
    AuditLine {
        when: format::date_time(r.at),
        actor,
        action: action_label(&r.action),
        subject: r.subject.clone(),
        file: file_of(&r.subject),
        refused: r.outcome != "ok",
    }
}

pub async fn trail(
    st: &AppState,
    actor: &Actor,
    query: AuditQuery,
    now: DateTime<Utc>,
) -> Result<AuditView, AppError> {
    let agency = working_agency(st, actor, Action::ReadAuditTrail).await?;
    let name = st
        .store
        .agency(agency)
        .await?
        .map(|a| a.name)
        .ok_or(AppError::NotFound)?;
    // The admin's own entries are in the trail too: their name comes from the staff table.
    let mut staff = counsellors(st, agency).await?;
    if let Actor::Staff { id, .. } = actor {
        if !staff.iter().any(|s| s.id == *id) {
            staff.extend(st.store.staff(*id).await?);
        }
    }
    let names: Names = staff.iter().collect();
    let kind = KINDS
        .iter()
        .find(|(prefix, _)| *prefix == query.kind)
        .map(|(prefix, _)| prefix.to_string());
    let filter = AuditFilter {
        actor: query.staff.map(|s| format!("staff:{s}")),
        subject: query.file.map(|f| format!("allocataire:{f}")),
        action: kind,
        from: parse_date(&query.from).map(format::day_start),
        to: parse_date(&query.to).map(|d| format::day_start(d + Duration::days(1))),
    };
    // The filter the page echoes is the one applied: unknown kinds and bad dates dropped.
    let query = AuditQuery {
        kind: filter.action.clone().unwrap_or_default(),
        from: parse_date(&query.from)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        to: parse_date(&query.to)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        ..query
    };
    let offset = i64::from(query.page) * PER_PAGE;
    let mut rows = st
        .store
        .audit_trail(agency, &filter, PER_PAGE + 1, offset)
        .await?;
    let has_more = i64::try_from(rows.len()).unwrap_or(i64::MAX) > PER_PAGE;
    rows.truncate(usize::try_from(PER_PAGE).unwrap_or(50));
    // Reading the trail is itself an entry of the trail.
    audit(
        st,
        actor,
        Some(agency),
        "audit.read",
        &format!("agency:{agency}"),
        now,
    )
    .await;
    Ok(AuditView {
        agency: name,
        lines: rows.iter().map(|r| line(r, &names)).collect(),
        staff: staff.iter().map(|s| (s.id.0, s.full_name())).collect(),
        kinds: KINDS
            .iter()
            .map(|(v, k)| (v.to_string(), crate::i18n::t(k)))
            .collect(),
        query,
        has_more,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_names_the_file_it_concerns() {
        assert_eq!(file_of("allocataire:40 appointment:7 slot:3"), Some(40));
        assert_eq!(file_of("appointment:7"), None);
        assert_eq!(file_of("agency:2"), None);
    }

    #[test]
    fn every_kind_and_known_action_has_its_words() {
        for (_, key) in KINDS {
            assert_ne!(crate::i18n::t(key), key, "{key}");
        }
        for action in [
            "allocataire.read",
            "appointment.move",
            "agency.closure_add",
            "signin.failure",
            "appointment.relance",
            "allocataire.enrol",
            "allocataire.referent",
            "staff.create",
            "staff.disable",
            "staff.password_change",
        ] {
            assert_ne!(action_label(action), action);
        }
        assert_eq!(action_label("something.new"), "something.new");
    }
}
