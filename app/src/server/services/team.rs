//! The agency's team: managers (and the département admin) create, edit and disable staff
//! accounts and send them a link to choose a password; every staff member changes their
//! own password. Disabling ends every session at once.

use super::auth::SessionAuth;
use super::scope::{staff_parts, working_agency};
use super::{change, internal, AppState};
use crate::domain::authz::{check, check_action, Action, Target};
use crate::domain::error::AppError;
use crate::domain::team::{
    may_give_role, ChangePasswordInput, PasswordInput, StaffInput, RESET_LINK_HOURS,
};
use crate::domain::{Actor, StaffId, StaffRole};
use crate::i18n::{Arg, Lang};
use crate::pages;
use crate::server::crypto;
use crate::server::format;
use crate::server::store::team::{NewReset, StaffEdit};
use crate::server::store::{Channel, Conflict, NewMessage, StaffRow, StoreError};
use crate::tr;
use crate::views::{Done, MemberView, TeamView};
use chrono::{DateTime, Utc};
use validator::Validate;

/// Passwords too common to keep anyone out (12 characters or more; see the file's head).
fn is_common(password: &str) -> bool {
    static LIST: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../common-passwords.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect()
    })
    .contains(password.to_lowercase().as_str())
}

/// The server's own password rule on top of the shared ones: not a common password.
fn check_not_common(password: &str) -> Result<(), AppError> {
    if is_common(password) {
        return Err(AppError::field("password", &tr!("team-password-common")));
    }
    Ok(())
}

async fn hash_off_thread(password: String) -> Result<String, AppError> {
    crypto::hash_password_off_thread(password)
        .await
        .ok_or_else(|| internal("password hashing task failed"))
}

/// (value, label) of the roles `giver` may give.
fn roles_for(giver: StaffRole) -> Vec<(String, String)> {
    [StaffRole::Referent, StaffRole::Manager]
        .into_iter()
        .filter(|r| may_give_role(giver, *r))
        .map(|r| (r.as_str().to_string(), crate::i18n::t(r.label_key())))
        .collect()
}

fn view(s: &StaffRow, me: StaffId, giver: StaffRole) -> MemberView {
    MemberView {
        roles: roles_for(giver),
        id: s.id.0,
        name: s.full_name(),
        first_name: s.first_name.clone(),
        last_name: s.last_name.clone(),
        email: s.email.clone(),
        title: s.title.clone(),
        phone: s.phone.clone(),
        role: s.role.as_str().into(),
        role_label: crate::i18n::t(s.role.label_key()),
        disabled: s.disabled,
        last_sign_in: s.last_sign_in_at.map(format::date_time),
        manageable: s.id != me && may_give_role(giver, s.role),
    }
}

fn giver(actor: &Actor) -> Result<StaffRole, AppError> {
    match actor {
        Actor::Staff { role, .. } => Ok(*role),
        Actor::Allocataire { .. } => Err(AppError::Forbidden),
    }
}

pub async fn team(st: &AppState, actor: &Actor) -> Result<TeamView, AppError> {
    let agency = working_agency(st, actor, Action::ManageStaff).await?;
    let (me, _) = staff_parts(actor)?;
    let role = giver(actor)?;
    let name = st
        .store
        .agency(agency)
        .await?
        .map(|a| a.name)
        .ok_or(AppError::NotFound)?;
    let roles = roles_for(role);
    Ok(TeamView {
        agency: name,
        members: st
            .store
            .team(agency)
            .await?
            .iter()
            .map(|s| view(s, me, role))
            .collect(),
        roles,
    })
}

/// A member the actor may manage: their agency's (the admin's chosen one), of a role they
/// may give, and not themself.
async fn managed(st: &AppState, actor: &Actor, id: i64) -> Result<StaffRow, AppError> {
    check_action(actor, Action::ManageStaff)?;
    let s = st
        .store
        .staff(StaffId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let agency = s.agency_id.ok_or(AppError::NotFound)?;
    check(actor, Action::ManageStaff, Target::counsellor(agency, s.id))?;
    let (me, _) = staff_parts(actor)?;
    if s.id == me || !may_give_role(giver(actor)?, s.role) {
        return Err(AppError::Forbidden);
    }
    Ok(s)
}

pub async fn member(st: &AppState, actor: &Actor, id: i64) -> Result<MemberView, AppError> {
    let s = managed(st, actor, id).await?;
    let (me, _) = staff_parts(actor)?;
    Ok(view(&s, me, giver(actor)?))
}

/// A fresh link (token, its stored form) and the e-mail carrying it.
fn link_for(st: &AppState, s: &StaffRow, welcome: bool, now: DateTime<Utc>) -> NewReset {
    let token = crypto::new_token();
    let link = format!("{}{}", st.settings.public_url, pages::reset_link(&token));
    // Staff accounts record no language yet: French.
    let lang = Lang::Fr;
    let args = [
        ("name", Arg::from(s.first_name.as_str())),
        ("link", Arg::from(link.as_str())),
        ("hours", Arg::from(RESET_LINK_HOURS)),
    ];
    let (subject, body) = if welcome {
        ("team-mail-welcome-subject", "team-mail-welcome-body")
    } else {
        ("team-mail-reset-subject", "team-mail-reset-body")
    };
    NewReset {
        token_hash: crypto::keyed_hash(&st.settings.secret, &token),
        expires_at: now.timestamp() + RESET_LINK_HOURS * 3600,
        message: NewMessage {
            agency_id: s.agency_id,
            allocataire_id: None,
            channel: Channel::Email,
            recipient: s.email.clone(),
            subject: crate::i18n::text(lang, subject, &[]),
            body: crate::i18n::text(lang, body, &args),
            ics: None,
            sensitive: true,
            dedupe_key: None,
        },
    }
}

pub async fn create(
    st: &AppState,
    actor: &Actor,
    input: StaffInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let agency = working_agency(st, actor, Action::ManageStaff).await?;
    input.validate()?;
    if !may_give_role(giver(actor)?, input.role()) {
        return Err(AppError::field("role", &tr!("team-role-not-yours")));
    }
    let member = StaffRow {
        id: StaffId(0),
        agency_id: Some(agency),
        role: input.role(),
        first_name: input.first_name.trim().into(),
        last_name: input.last_name.trim().into(),
        title: input.title.trim().into(),
        email: input.email.trim().to_lowercase(),
        phone: input.phone(),
        // No usable password until the person chooses one through the link (a hash of a
        // random secret: signing in takes as long as for any account).
        password_hash: hash_off_thread(crypto::new_token()).await?,
        disabled: false,
        session_epoch: 0,
        last_sign_in_at: None,
    };
    let reset = link_for(st, &member, true, now);
    let entry = change(
        actor,
        agency,
        "staff.create",
        format!("email:{}", member.email),
    );
    st.store
        .create_staff(&member, reset, now.timestamp(), Some(&entry))
        .await
        .map_err(|e| match e {
            StoreError::Conflict(Conflict::EmailTaken) => {
                AppError::field("email", &tr!("team-email-taken"))
            }
            other => other.into(),
        })?;
    st.outbox_signal.notify_one();
    Ok(Done {
        notice: tr!(
            "team-created",
            name = member.full_name(),
            email = &member.email
        ),
        redirect: pages::TEAM.into(),
    })
}

pub async fn update(
    st: &AppState,
    actor: &Actor,
    id: i64,
    mut input: StaffInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let s = managed(st, actor, id).await?;
    // The e-mail is how they sign in: it is not edited here.
    input.email = s.email.clone();
    input.validate()?;
    if !may_give_role(giver(actor)?, input.role()) {
        return Err(AppError::field("role", &tr!("team-role-not-yours")));
    }
    let edit = StaffEdit {
        first_name: input.first_name.trim().into(),
        last_name: input.last_name.trim().into(),
        title: input.title.trim().into(),
        phone: input.phone(),
        role: input.role(),
    };
    let agency = s.agency_id.ok_or(AppError::NotFound)?;
    let entry = change(actor, agency, "staff.update", format!("staff:{}", s.id));
    if !st
        .store
        .update_staff(s.id, &edit, now.timestamp(), Some(&entry))
        .await?
    {
        return Err(AppError::NotFound);
    }
    Ok(Done {
        notice: tr!(
            "team-updated",
            name = format!("{} {}", edit.first_name, edit.last_name)
        ),
        redirect: pages::TEAM.into(),
    })
}

pub async fn set_disabled(
    st: &AppState,
    actor: &Actor,
    id: i64,
    disabled: bool,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let s = managed(st, actor, id).await?;
    let agency = s.agency_id.ok_or(AppError::NotFound)?;
    let action = if disabled {
        "staff.disable"
    } else {
        "staff.enable"
    };
    let entry = change(actor, agency, action, format!("staff:{}", s.id));
    st.store
        .set_staff_disabled(s.id, disabled, now.timestamp(), Some(&entry))
        .await?;
    Ok(Done {
        notice: if disabled {
            tr!("team-disabled", name = s.full_name())
        } else {
            tr!("team-enabled", name = s.full_name())
        },
        redirect: pages::TEAM.into(),
    })
}

pub async fn send_reset(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let s = managed(st, actor, id).await?;
    if s.disabled {
        return Err(AppError::Conflict(tr!("team-reset-disabled")));
    }
    let agency = s.agency_id.ok_or(AppError::NotFound)?;
    let entry = change(actor, agency, "staff.reset_link", format!("staff:{}", s.id));
    st.store
        .create_reset(
            s.id,
            link_for(st, &s, false, now),
            now.timestamp(),
            Some(&entry),
        )
        .await?;
    st.outbox_signal.notify_one();
    Ok(Done {
        notice: tr!("team-reset-sent", name = s.full_name(), email = &s.email),
        redirect: pages::TEAM.into(),
    })
}

/// Chooses a password with a link (its token kept in this browser's session by the link's
/// GET): the link is spent, the password set and every session of the account ends.
pub async fn reset_with_link(
    st: &AppState,
    client: &str,
    token: Option<String>,
    input: PasswordInput,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    // Each try costs an argon2 hash: limited per client address like a sign-in.
    st.limits.sign_in(client)?;
    input.validate()?;
    check_not_common(&input.password)?;
    let expired = || AppError::Conflict(tr!("team-link-expired"));
    let token = token.ok_or_else(expired)?;
    let hash = hash_off_thread(input.password.clone()).await?;
    st.store
        .reset_password(
            &crypto::keyed_hash(&st.settings.secret, &token),
            &hash,
            now.timestamp(),
        )
        .await?
        .ok_or_else(expired)?;
    Ok(Done {
        notice: tr!("team-password-set"),
        redirect: pages::STAFF_SIGN_IN.into(),
    })
}

/// A staff member changes their own password; their other sessions end, this one goes on
/// (the returned session carries the account's new epoch).
pub async fn change_own_password(
    st: &AppState,
    actor: &Actor,
    input: ChangePasswordInput,
    login_at: i64,
    now: DateTime<Utc>,
) -> Result<(Done, SessionAuth), AppError> {
    check_action(actor, Action::ChangeOwnPassword)?;
    let (me, _) = staff_parts(actor)?;
    input.validate()?;
    let s = st.store.staff(me).await?.ok_or(AppError::NotSignedIn)?;
    // Guessing the current password from a stolen session is slowed like a sign-in.
    st.limits.staff_account(&s.email)?;
    let (hash, current) = (s.password_hash.clone(), input.current.clone());
    let ok = crypto::verify_password_off_thread(hash, current).await;
    if !ok {
        return Err(AppError::field("current", &tr!("auth-wrong-password")));
    }
    check_not_common(&input.password)?;
    let new_hash = hash_off_thread(input.password.clone()).await?;
    let entry = crate::server::store::NewAudit {
        agency: s.agency_id,
        ..change(
            actor,
            crate::domain::AgencyId(0),
            "staff.password_change",
            format!("staff:{me}"),
        )
    };
    st.store
        .change_password(me, &new_hash, now.timestamp(), Some(&entry))
        .await?;
    Ok((
        Done {
            notice: tr!("team-password-changed"),
            redirect: pages::PASSWORD.into(),
        },
        SessionAuth {
            staff: true,
            id: me.0,
            epoch: s.session_epoch + 1,
            login_at,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::is_common;

    #[test]
    fn common_passwords_are_known_whatever_their_case() {
        assert!(is_common("1qaz2wsx3edc"));
        assert!(is_common("MotDePasse123"));
        assert!(!is_common("une phrase que personne ne devine"));
    }
}
