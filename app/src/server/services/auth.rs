//! Sign-in: one-time codes and invitation links for allocataires, passwords for staff;
//! turning a session back into an actor; rate limits.

use super::{audit, audit_as};
use super::{notify, AppState};
use crate::domain::error::AppError;
use crate::domain::inputs::{
    parse_identifier, CodeInput, Identifier, SignInInput, StaffSignInInput,
};
use crate::domain::{Actor, AllocataireId};
use crate::server::crypto;
use crate::server::store::{AllocataireRow, CodeCheck, Principal, StaffRow};
use crate::tr;
use chrono::{DateTime, Utc};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::{Deserialize, Serialize};
use std::num::NonZeroU32;
use validator::Validate;

/// What the server-side session holds once signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionAuth {
    pub staff: bool,
    pub id: i64,
    /// Must equal the account's epoch: "logout everywhere" and disabling bump it.
    pub epoch: i64,
    pub login_at: i64,
}

impl SessionAuth {
    pub fn principal(&self) -> Principal {
        if self.staff {
            Principal::Staff(crate::domain::StaffId(self.id))
        } else {
            Principal::Allocataire(AllocataireId(self.id))
        }
    }
}

/// Rate limits, per client address and per account (429 + Retry-After).
pub struct Limits {
    sign_in: DefaultKeyedRateLimiter<String>,
    codes: DefaultKeyedRateLimiter<String>,
    accounts: DefaultKeyedRateLimiter<String>,
}

impl Limits {
    /// `per_minute`: sign-in attempts per client address; codes sent: a fifth of it (at
    /// least 1), per address and per account. `per_account`: password attempts per minute
    /// on one staff account, whatever the address: past the burst, the next attempt waits
    /// `60 / per_account` seconds, so guessing is slow while the real person is kept out
    /// for seconds, not hours.
    pub fn new(per_minute: u32, per_account: u32) -> Self {
        let q = |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN));
        Self {
            sign_in: RateLimiter::keyed(q(per_minute)),
            codes: RateLimiter::keyed(q(per_minute / 5)),
            accounts: RateLimiter::keyed(q(per_account)),
        }
    }

    /// One password attempt on this staff account (the e-mail as typed, lower-cased).
    pub fn staff_account(&self, email: &str) -> Result<(), AppError> {
        Self::hit(
            &self.accounts,
            format!("staff:{}", email.trim().to_lowercase()),
        )
    }

    /// One more code for this allocataire, however their identifier was spelled.
    pub fn code_for(&self, account: AllocataireId) -> Result<(), AppError> {
        Self::hit(&self.codes, format!("account:{account}"))
    }

    fn hit(limiter: &DefaultKeyedRateLimiter<String>, key: String) -> Result<(), AppError> {
        limiter
            .check_key(&key)
            .map_err(|not_until| AppError::RateLimited {
                retry_after: not_until
                    .wait_time_from(DefaultClock::default().now())
                    .as_secs()
                    .max(1),
            })
    }

    pub fn sign_in(&self, client: &str) -> Result<(), AppError> {
        Self::hit(&self.sign_in, format!("ip:{client}"))
    }

    pub fn send_code(&self, client: &str, account: &str) -> Result<(), AppError> {
        Self::hit(&self.codes, format!("ip:{client}"))?;
        Self::hit(&self.codes, format!("id:{account}"))
    }
}

/// Turns a session into an actor, or None if the account is gone, disabled, signed out
/// everywhere, or the session is past its absolute lifetime.
pub async fn resolve(
    st: &AppState,
    auth: &SessionAuth,
    now: DateTime<Utc>,
) -> Result<Option<(Actor, Account)>, AppError> {
    if now.timestamp() - auth.login_at > st.settings.session_absolute_hours * 3600 {
        return Ok(None);
    }
    Ok(match auth.principal() {
        Principal::Staff(id) => st
            .store
            .staff(id)
            .await?
            .filter(|s| !s.disabled && s.session_epoch == auth.epoch)
            .map(|s| {
                let actor = Actor::Staff {
                    id: s.id,
                    role: s.role,
                    agency: s.agency_id,
                };
                (actor, Account::Staff(s))
            }),
        Principal::Allocataire(id) => st
            .store
            .allocataire(id)
            .await?
            .filter(|p| !p.disabled && p.session_epoch == auth.epoch)
            .map(|p| {
                let actor = Actor::Allocataire {
                    id: p.id,
                    agency: p.agency_id,
                };
                (actor, Account::Allocataire(p))
            }),
    })
}

/// The row read to resolve the session, kept for the rest of the request (the header's
/// name, the allocataire's own file) instead of being read again.
#[derive(Debug, Clone)]
pub enum Account {
    Staff(StaffRow),
    Allocataire(AllocataireRow),
}

impl Account {
    pub fn allocataire(&self) -> Option<&AllocataireRow> {
        match self {
            Account::Allocataire(p) => Some(p),
            Account::Staff(_) => None,
        }
    }
}

/// The answer to a code request is the same whether or not an account matched.
pub fn code_sent() -> String {
    tr!("auth-code-sent")
}

/// Sends a code to the contact **on file** of the matching account. Returns the code id
/// to keep in the asking browser's session (None when nothing matched: the caller answers
/// exactly as if it had).
pub async fn request_code(
    st: &AppState,
    client: &str,
    input: SignInInput,
    now: DateTime<Utc>,
) -> Result<Option<i64>, AppError> {
    input.validate()?;
    let identifier = parse_identifier(&input.identifier)
        .ok_or_else(|| AppError::field("identifier", &tr!("auth-identifier-unknown")))?;
    // Keyed on the identifier in its normal form: « 06 12 34 56 78 », « +33612345678 »
    // and « 0033 6.12.34.56.78 » are one number, and one limit.
    let normal = match &identifier {
        Identifier::Numero(n) => format!("numero:{n}"),
        Identifier::Phone(p) => format!("phone:{p}"),
        Identifier::Email(e) => format!("email:{}", e.to_lowercase()),
    };
    st.limits
        .send_code(client, &crypto::keyed_hash(&st.settings.secret, &normal))?;
    let found = st.store.find_allocataire(&identifier).await?;
    if let Some(p) = &found {
        // A numéro, a phone and an e-mail of one person share the person's limit.
        st.limits.code_for(p.id)?;
    }
    let Some(p) = found else {
        audit_as(
            st,
            "anonymous",
            None,
            "signin.code_request",
            "unknown",
            "no_account",
            now,
        )
        .await;
        return Ok(None);
    };
    send_code(st, &p, matches!(identifier, Identifier::Email(_)), now)
        .await
        .map(Some)
}

async fn send_code(
    st: &AppState,
    p: &crate::server::store::AllocataireRow,
    via_email: bool,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let code = crypto::new_code();
    let Some(message) = notify::code_message(
        &notify::Recipient::from(p),
        via_email,
        &code,
        st.settings.code_ttl_minutes,
    ) else {
        // No phone and no e-mail on file: nothing can be sent; the answer stays the same.
        return Ok(0);
    };
    let hash = crypto::keyed_hash(&st.settings.secret, &code);
    let id = st
        .store
        .create_login_code(
            p.id,
            &hash,
            now.timestamp() + st.settings.code_ttl_minutes * 60,
            now.timestamp(),
            message,
        )
        .await?;
    st.outbox_signal.notify_one();
    audit_as(
        st,
        &Principal::Allocataire(p.id).to_string(),
        Some(p.agency_id),
        "signin.code_sent",
        "",
        "ok",
        now,
    )
    .await;
    Ok(id)
}

/// Checks a code against the one this browser asked for. Returns the signed-in actor's
/// session record.
pub async fn verify_code(
    st: &AppState,
    client: &str,
    pending: Option<i64>,
    input: CodeInput,
    now: DateTime<Utc>,
) -> Result<SessionAuth, AppError> {
    input.validate()?;
    st.limits.sign_in(client)?;
    let Some(pending) = pending else {
        return Err(AppError::Conflict(tr!("auth-code-not-requested")));
    };
    let hash = crypto::keyed_hash(&st.settings.secret, input.code.trim());
    match st
        .store
        .check_login_code(
            pending,
            &hash,
            now.timestamp(),
            st.settings.code_max_attempts,
        )
        .await?
    {
        CodeCheck::Accepted { allocataire_id } => {
            let p = st
                .store
                .allocataire(allocataire_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let actor = Actor::Allocataire {
                id: p.id,
                agency: p.agency_id,
            };
            audit(st, &actor, Some(p.agency_id), "signin.success", "code", now).await;
            Ok(SessionAuth {
                staff: false,
                id: p.id.0,
                epoch: p.session_epoch,
                login_at: now.timestamp(),
            })
        }
        CodeCheck::Wrong { .. } | CodeCheck::ExpiredOrUsed => {
            audit_as(
                st,
                "anonymous",
                None,
                "signin.failure",
                &format!("code:{pending}"),
                "wrong_code",
                now,
            )
            .await;
            Err(AppError::field("code", &tr!("auth-wrong-code")))
        }
    }
}

/// Creates an invitation link token (for an SMS or a letter). Returns the clear token.
pub async fn invite(
    st: &AppState,
    allocataire_id: AllocataireId,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let token = crypto::new_token();
    let hash = crypto::keyed_hash(&st.settings.secret, &token);
    st.store
        .create_invitation(
            allocataire_id,
            &hash,
            now.timestamp() + st.settings.invitation_ttl_days * 86_400,
            now.timestamp(),
        )
        .await?;
    Ok(token)
}

/// Spends an invitation (by POST, from the browser that opened the link) and sends a code
/// to the contact on file: the link alone never signs anyone in.
pub async fn accept_invitation(
    st: &AppState,
    client: &str,
    token: Option<String>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    st.limits.sign_in(client)?;
    let expired = || AppError::Conflict(tr!("auth-invitation-expired"));
    let token = token.ok_or_else(expired)?;
    let hash = crypto::keyed_hash(&st.settings.secret, &token);
    let allocataire_id = st
        .store
        .take_invitation(&hash, now.timestamp())
        .await?
        .ok_or_else(expired)?;
    let p = st
        .store
        .allocataire(allocataire_id)
        .await?
        .ok_or_else(expired)?;
    send_code(st, &p, false, now).await
}

pub async fn staff_sign_in(
    st: &AppState,
    client: &str,
    input: StaffSignInInput,
    now: DateTime<Utc>,
) -> Result<SessionAuth, AppError> {
    input.validate()?;
    st.limits.sign_in(client)?;
    st.limits.staff_account(&input.email)?;
    let staff = st.store.staff_by_email(&input.email).await?;
    let hash = staff
        .as_ref()
        .map(|s| s.password_hash.as_str())
        .unwrap_or(crypto::dummy_password_hash())
        .to_string();
    let password = input.password.clone();
    let ok = crypto::verify_password_off_thread(hash, password).await;
    match staff {
        Some(s) if ok && !s.disabled => {
            audit_as(
                st,
                &Principal::Staff(s.id).to_string(),
                s.agency_id,
                "signin.success",
                "password",
                "ok",
                now,
            )
            .await;
            if let Err(e) = st.store.record_sign_in(s.id, now.timestamp()).await {
                tracing::error!(error = %e, "last sign-in not recorded");
            }
            Ok(SessionAuth {
                staff: true,
                id: s.id.0,
                epoch: s.session_epoch,
                login_at: now.timestamp(),
            })
        }
        _ => {
            audit_as(
                st,
                "anonymous",
                staff.as_ref().and_then(|s| s.agency_id),
                "signin.failure",
                "password",
                "refused",
                now,
            )
            .await;
            Err(AppError::field("password", &tr!("auth-wrong-password")))
        }
    }
}

/// The header's "who am I".
pub async fn me(
    st: &AppState,
    actor: &Actor,
    known: Option<&Account>,
) -> Result<crate::views::Me, AppError> {
    use crate::domain::authz::{scope, Action};
    Ok(match actor {
        Actor::Allocataire { id, .. } => {
            let p = match known {
                Some(Account::Allocataire(p)) if p.id == *id => p.clone(),
                _ => st
                    .store
                    .allocataire(*id)
                    .await?
                    .ok_or(AppError::NotSignedIn)?,
            };
            let contacts = [
                p.phone.as_deref().map(crate::server::format::mask_phone),
                p.email.as_deref().map(crate::server::format::mask_email),
            ]
            .into_iter()
            .flatten()
            .collect();
            crate::views::Me {
                contacts,
                name: p.first_name,
                is_staff: false,
                role_label: tr!("auth-role-allocataire"),
                can_see_messages: false,
                can_manage_agency: false,
                agencies: Vec::new(),
                agency_id: None,
            }
        }
        Actor::Staff { id, role, agency } => {
            let s = match known {
                Some(Account::Staff(s)) if s.id == *id => s.clone(),
                _ => st.store.staff(*id).await?.ok_or(AppError::NotSignedIn)?,
            };
            let agencies = if scope(actor.role(), Action::ChooseAgency).is_some() {
                st.store
                    .agencies()
                    .await?
                    .into_iter()
                    .map(|a| (a.id.0, a.name))
                    .collect()
            } else {
                Vec::new()
            };
            crate::views::Me {
                name: s.full_name(),
                is_staff: true,
                role_label: crate::i18n::t(role.label_key()),
                can_see_messages: scope(actor.role(), Action::ViewOutbox).is_some(),
                can_manage_agency: scope(actor.role(), Action::ManageAgency).is_some(),
                agencies,
                agency_id: agency.map(|a| a.0),
                contacts: Vec::new(),
            }
        }
    })
}
