//! The département's monthly orientation file. A manager (their agency's rows) or the
//! admin (every agency) uploads it; nothing is written to any file before they read the
//! preview (new people, changed fields, people no longer listed, rejected rows with their
//! reasons) and confirm. Confirming applies it in one transaction: new people get an
//! invitation (SMS and e-mail through the outbox, a letter to print for those with
//! neither) and their 15-day clock starts from their orientation date. The same file
//! twice changes nothing. The file may name a commune instead of an agency: the admin
//! keeps the commune → agency table.

use super::notify::{notice_messages, Recipient};
use super::AppState;
use crate::domain::authz::{check_action, Action, Scope};
use crate::domain::deadline::first_meeting_deadline;
use crate::domain::error::AppError;
use crate::domain::orientation::{
    agency_names, plan, Changed, Column, Field, FileRow, Orientation, Plan, Reject,
};
use crate::domain::{Actor, AgencyId, AllocataireId};
use crate::i18n::{t, Lang};
use crate::pages;
use crate::server::pdf::{flow, Block, FlowDocument};
use crate::server::spreadsheet::{decode, read_table, Unreadable};
use crate::server::store::{AgencyRow, ImportRow, NewAudit, NewPerson, Principal};
use crate::server::{crypto, format};
use crate::tr;
mod communes;
pub use communes::{communes, set_commune};

use crate::views::{
    ChangeLine, Done, ImportLine, OrientationView, PersonLine, PreviewView, RejectLine,
};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// How many lines of each list the preview shows (the counts give the rest).
pub const SHOWN: usize = 200;

/// A file's largest size (a 12,000-row file is about 2 MB).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Whose rows the actor imports: their agency's (Some) or every agency's (None, the admin).
fn scope_of(actor: &Actor) -> Result<Option<AgencyId>, AppError> {
    match (check_action(actor, Action::ImportOrientations)?, actor) {
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

/// An uploaded file the actor may see (another agency's answers 404).
async fn import_for(st: &AppState, actor: &Actor, id: i64) -> Result<ImportRow, AppError> {
    let only = scope_of(actor)?;
    st.store
        .import(id)
        .await?
        .filter(|f| only.is_none() || f.agency_id == only)
        .ok_or(AppError::NotFound)
}

pub(super) fn entry(
    actor: &Actor,
    agency: Option<AgencyId>,
    action: &str,
    subject: String,
) -> NewAudit {
    NewAudit {
        actor: Principal::from(actor).to_string(),
        agency,
        action: action.into(),
        subject,
    }
}

pub(super) async fn agencies(st: &AppState) -> Result<HashMap<AgencyId, AgencyRow>, AppError> {
    Ok(st
        .store
        .agencies()
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect())
}

/// The file's rows by column (the header says which is which).
fn rows_of(text: &str) -> Result<Vec<FileRow>, AppError> {
    let (header, rows) = read_table(text).map_err(|e| match e {
        Unreadable::Empty => AppError::field("file", &tr!("orientation-file-empty")),
        Unreadable::NotText => AppError::field("file", &tr!("orientation-file-not-text")),
    })?;
    let missing = Column::missing(&header);
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|c| c.header()).collect();
        return Err(AppError::field(
            "file",
            &tr!("orientation-file-columns", columns = names.join(", ")),
        ));
    }
    let position: Vec<(Column, usize)> = Column::ALL
        .iter()
        .filter_map(|c| {
            header
                .iter()
                .position(|h| Column::of(h) == Some(*c))
                .map(|i| (*c, i))
        })
        .collect();
    Ok(rows
        .into_iter()
        .map(|(line, cells)| FileRow {
            line,
            cells: if cells.len() == header.len() {
                Ok(position
                    .iter()
                    .map(|(c, i)| (*c, cells[*i].clone()))
                    .collect())
            } else {
                Err(Reject::Columns)
            },
        })
        .collect())
}

/// What applying the file would do now.
async fn plan_of(st: &AppState, file: &ImportRow, now: DateTime<Utc>) -> Result<Plan, AppError> {
    let rows = rows_of(&file.content)?;
    let agencies: Vec<(AgencyId, String)> = st
        .store
        .agencies()
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let communes: Vec<(String, AgencyId)> = st
        .store
        .communes()
        .await?
        .into_iter()
        .map(|c| (c.name, c.agency_id))
        .collect();
    let names = agency_names(&agencies, &communes);
    let known = st.store.known_people().await?;
    Ok(plan(
        &rows,
        &known,
        format::today(now),
        &names,
        file.agency_id,
    ))
}

pub async fn page(st: &AppState, actor: &Actor) -> Result<OrientationView, AppError> {
    let only = scope_of(actor)?;
    let scope = match only {
        Some(a) => st
            .store
            .agency(a)
            .await?
            .map(|a| a.name)
            .ok_or(AppError::NotFound)?,
        None => tr!("orientation-scope-all"),
    };
    let imports = st
        .store
        .imports(only, 12)
        .await?
        .into_iter()
        .map(|f| ImportLine {
            id: f.id,
            file_name: f.file_name,
            uploaded: format::date(format::day_of(f.created_at)),
            status: match f.applied_at {
                None => tr!("orientation-status-preview"),
                Some(_) => tr!(
                    "orientation-status-applied",
                    created = f.created_people,
                    changed = f.changed_people
                ),
            },
        })
        .collect();
    Ok(OrientationView {
        scope,
        columns: Column::ALL.iter().map(|c| c.header().to_string()).collect(),
        imports,
        communes_link: check_action(actor, Action::ManageCommunes).is_ok(),
    })
}

/// Keeps an uploaded file for its preview. A file that cannot be read (not text, no
/// rows, a missing column) is refused and nothing is kept.
pub async fn upload(
    st: &AppState,
    actor: &Actor,
    file_name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let only = scope_of(actor)?;
    if bytes.is_empty() {
        return Err(AppError::field("file", &tr!("orientation-file-missing")));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(AppError::field("file", &tr!("orientation-file-too-large")));
    }
    let (text, encoding) =
        decode(bytes).map_err(|_| AppError::field("file", &tr!("orientation-file-not-text")))?;
    rows_of(&text)?;
    let name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    let row = ImportRow {
        id: 0,
        agency_id: only,
        file_name: if name.trim().is_empty() {
            tr!("orientation-file-unnamed")
        } else {
            name
        },
        encoding: encoding.into(),
        content: text,
        by: Principal::from(actor).to_string(),
        created_at: now.timestamp(),
        applied_at: None,
        created_people: 0,
        changed_people: 0,
    };
    let audit = entry(actor, only, "orientation.upload", String::new());
    let id = st
        .store
        .create_import(&row, Some(&audit), now.timestamp())
        .await?;
    Ok(Done {
        notice: tr!("orientation-uploaded"),
        redirect: pages::orientation_import(id),
    })
}

fn person_line(
    o: &Orientation,
    id: Option<AllocataireId>,
    agencies: &HashMap<AgencyId, AgencyRow>,
) -> PersonLine {
    PersonLine {
        numero: o.numero.clone(),
        name: format!("{} {}", o.first_name, o.last_name),
        agency: agencies
            .get(&o.agency)
            .map(|a| a.name.clone())
            .unwrap_or_default(),
        orientation_date: format::date(o.orientation_date),
        file: id.map(|i| pages::file(i.0)),
    }
}

/// One field's change, in words.
fn change_text(f: Field, c: &Changed, agencies: &HashMap<AgencyId, AgencyRow>) -> String {
    let value = |o: &Orientation| -> String {
        match f {
            Field::LastName => o.last_name.clone(),
            Field::FirstName => o.first_name.clone(),
            Field::BirthDate => o.birth_date.map(format::date).unwrap_or_default(),
            Field::Address => o.address.clone(),
            Field::Phone => o.phone.clone().unwrap_or_default(),
            Field::Email => o.email.clone().unwrap_or_default(),
            Field::OrientationDate => format::date(o.orientation_date),
            Field::Kind => t(o.kind.label_key()),
            Field::Agency => agencies
                .get(&o.agency)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
        }
    };
    let or_none = |s: String| {
        if s.is_empty() {
            tr!("orientation-value-none")
        } else {
            s
        }
    };
    tr!(
        "orientation-change",
        field = t(f.label_key()),
        before = or_none(value(&c.before)),
        after = or_none(value(&c.after))
    )
}

fn reason_text(r: &Reject) -> String {
    match r {
        Reject::Duplicate(lines) => tr!(
            "orientation-reject-duplicate",
            lines = lines
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Reject::UnknownAgency(name) => tr!("orientation-reject-agency", name = name.as_str()),
        other => t(other.key()),
    }
}

pub async fn preview(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<PreviewView, AppError> {
    let file = import_for(st, actor, id).await?;
    let agencies = agencies(st).await?;
    let rows = rows_of(&file.content)?.len();
    let mut view = PreviewView {
        id,
        file_name: file.file_name.clone(),
        encoding: file.encoding.clone(),
        uploaded: format::date_time(file.created_at),
        rows,
        shown: SHOWN,
        ..PreviewView::default()
    };
    if let Some(at) = file.applied_at {
        view.applied = Some(tr!(
            "orientation-applied-summary",
            when = format::date_time(at),
            created = file.created_people,
            changed = file.changed_people
        ));
        view.letters = st.store.letters(id).await?.len();
        return Ok(view);
    }
    let p = plan_of(st, &file, now).await?;
    view.new_count = p.new.len();
    view.changed_count = p.changed.len();
    view.unchanged_count = p.unchanged;
    view.gone_count = p.gone.len();
    view.rejected_count = p.rejected.len();
    view.new = p
        .new
        .iter()
        .take(SHOWN)
        .map(|o| person_line(o, None, &agencies))
        .collect();
    view.changed = p
        .changed
        .iter()
        .take(SHOWN)
        .map(|c| ChangeLine {
            person: person_line(&c.after, Some(c.id), &agencies),
            changes: c
                .fields
                .iter()
                .map(|f| change_text(*f, c, &agencies))
                .collect(),
        })
        .collect();
    view.gone = p
        .gone
        .iter()
        .take(SHOWN)
        .map(|(id, o)| person_line(o, Some(*id), &agencies))
        .collect();
    view.rejected = p
        .rejected
        .iter()
        .take(SHOWN)
        .map(|r| RejectLine {
            line: r.line,
            numero: r.numero.clone(),
            reasons: r.reasons.iter().map(reason_text).collect(),
        })
        .collect();
    Ok(view)
}

/// A new person's invitation: the link (its hash kept) and the messages carrying it.
fn invitation(
    st: &AppState,
    o: &Orientation,
    agency: Option<&AgencyRow>,
    now: DateTime<Utc>,
) -> NewPerson {
    let reachable = o.phone.is_some() || o.email.is_some();
    let token = crypto::new_token();
    let recipient = Recipient {
        allocataire_id: AllocataireId(0),
        agency_id: o.agency,
        first_name: o.first_name.clone(),
        phone: o.phone.clone(),
        email: o.email.clone(),
        lang: Lang::default(),
    };
    let messages = if reachable {
        let link = format!("{}/i/{token}", st.settings.public_url.trim_end_matches('/'));
        notice_messages(
            &recipient,
            "orientation-invite",
            &[
                (
                    "agency",
                    agency.map(|a| a.name.clone()).unwrap_or_default().into(),
                ),
                (
                    "before",
                    format::date(first_meeting_deadline(o.orientation_date)).into(),
                ),
                ("link", link.into()),
                (
                    "phone",
                    agency.map(|a| a.phone.clone()).unwrap_or_default().into(),
                ),
            ],
        )
        .into_iter()
        // The link is a secret: the body is redacted once delivered.
        .map(|m| crate::server::store::NewMessage {
            sensitive: true,
            ..m
        })
        .collect()
    } else {
        Vec::new()
    };
    NewPerson {
        orientation: o.clone(),
        invitation: reachable.then(|| {
            (
                crypto::keyed_hash(&st.settings.secret, &token),
                now.timestamp() + st.settings.invitation_ttl_days * 86_400,
            )
        }),
        messages,
    }
}

pub async fn apply(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let file = import_for(st, actor, id).await?;
    if file.applied_at.is_some() {
        return Err(AppError::Conflict(tr!("orientation-already-applied")));
    }
    let p = plan_of(st, &file, now).await?;
    let agencies = agencies(st).await?;
    let new: Vec<NewPerson> = p
        .new
        .iter()
        .map(|o| invitation(st, o, agencies.get(&o.agency), now))
        .collect();
    let invited = new.iter().filter(|n| n.invitation.is_some()).count();
    let letters = new.len() - invited;
    let audit = entry(
        actor,
        file.agency_id,
        "orientation.apply",
        format!(
            "orientation_import:{id} created:{} changed:{}",
            new.len(),
            p.changed.len()
        ),
    );
    let who = Principal::from(actor).to_string();
    let applied = st
        .store
        .apply_import(id, &new, &p.changed, &who, Some(&audit), now.timestamp())
        .await
        .map_err(|e| match e {
            crate::server::store::StoreError::Conflict(_) => {
                AppError::Conflict(tr!("orientation-changed-meanwhile"))
            }
            other => other.into(),
        })?;
    if !applied {
        return Err(AppError::Conflict(tr!("orientation-already-applied")));
    }
    if invited > 0 {
        st.outbox_signal.notify_one();
    }
    Ok(Done {
        notice: tr!(
            "orientation-applied",
            created = new.len(),
            changed = p.changed.len(),
            invited = invited,
            letters = letters
        ),
        redirect: pages::orientation_import(id),
    })
}

/// The invitation letters of a file's new people who have neither phone nor e-mail: one
/// page each, a tagged PDF.
pub async fn letters_pdf(
    st: &AppState,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(String, Vec<u8>), AppError> {
    let file = import_for(st, actor, id).await?;
    let people = st.store.letters(id).await?;
    if people.is_empty() {
        return Err(AppError::NotFound);
    }
    let agencies = agencies(st).await?;
    let mut blocks = vec![Block::Title(tr!("orientation-letters-title"))];
    for (i, (p, address)) in people.iter().enumerate() {
        let agency = agencies.get(&p.agency_id);
        let name = p.full_name();
        let heading = format!("{name}\n{address}");
        blocks.push(if i == 0 {
            Block::Heading(heading)
        } else {
            Block::PageHeading(heading)
        });
        blocks.push(Block::Paragraph(tr!(
            "orientation-letter-body",
            name = name.as_str(),
            agency = agency.map(|a| a.name.clone()).unwrap_or_default(),
            before = format::date(first_meeting_deadline(p.orientation_date)),
            numero = p.numero.as_str()
        )));
        if let Some(a) = agency {
            blocks.push(Block::Paragraph(tr!(
                "orientation-letter-contact",
                address = a.address.as_str(),
                phone = a.phone.as_str(),
                hours = a.opening_hours.as_str()
            )));
        }
    }
    let title = tr!("orientation-letters-title");
    let footer = tr!("orientation-letters-footer", file = file.file_name.as_str());
    super::audit(
        st,
        actor,
        file.agency_id
            .or_else(|| people.first().map(|(p, _)| p.agency_id)),
        "orientation.letters",
        &format!("orientation_import:{id}"),
        now,
    )
    .await;
    Ok((
        "courriers.pdf".into(),
        flow(&FlowDocument {
            title: &title,
            blocks: &blocks,
            footer: &footer,
        }),
    ))
}
