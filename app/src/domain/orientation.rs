//! The département's monthly orientation file: its columns, the checks on each row, and
//! what importing it would change (new people, changed fields, people no longer listed,
//! rejected rows with their reasons). Reading the bytes (encoding, separator) is the
//! server's (`server::spreadsheet`); everything here is pure.

use super::enrolment::valid_numero;
use super::inputs::{looks_like_email, normalize_phone, parse_date, plain_text};
use super::{AgencyId, AllocataireId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Accompaniment by the agency, or only the orientation interview (the « plateforme »).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrientationKind {
    Ali,
    Plateforme,
}

impl OrientationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ali => "ali",
            Self::Plateforme => "plateforme",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "ali" => Some(Self::Ali),
            "plateforme" => Some(Self::Plateforme),
            _ => None,
        }
    }
    /// What a file says: « accompagnement ALI », « entretien d'orientation (plateforme) »…
    pub fn from_file(cell: &str) -> Option<Self> {
        let k = key(cell);
        if k.contains("plateforme") || k.contains("orientation") {
            Some(Self::Plateforme)
        } else if k.split(' ').any(|w| w == "ali") || k.contains("accompagnement") {
            Some(Self::Ali)
        } else {
            None
        }
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Ali => "orientation-kind-ali",
            Self::Plateforme => "orientation-kind-plateforme",
        }
    }
}

/// A name as files are matched on it: lower case, without accents or punctuation, words
/// separated by one space (« L'Île-Saint-Denis » → « l ile saint denis »).
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ÿ' => 'y',
            'œ' => {
                out.push('o');
                'e'
            }
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        if c != ' ' || !out.is_empty() && !out.ends_with(' ') {
            out.push(c);
        }
    }
    out.trim_end().to_string()
}

/// The file's columns, in the documented order (the header names them; any order works).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Numero,
    LastName,
    FirstName,
    BirthDate,
    Address,
    Phone,
    Email,
    OrientationDate,
    Kind,
    Agency,
}

impl Column {
    pub const ALL: [Column; 10] = [
        Column::Numero,
        Column::LastName,
        Column::FirstName,
        Column::BirthDate,
        Column::Address,
        Column::Phone,
        Column::Email,
        Column::OrientationDate,
        Column::Kind,
        Column::Agency,
    ];

    /// The header the documentation gives (the template's).
    pub fn header(self) -> &'static str {
        match self {
            Self::Numero => "numero_allocataire",
            Self::LastName => "nom",
            Self::FirstName => "prenom",
            Self::BirthDate => "date_naissance",
            Self::Address => "adresse",
            Self::Phone => "telephone",
            Self::Email => "email",
            Self::OrientationDate => "date_orientation",
            Self::Kind => "type",
            Self::Agency => "agence",
        }
    }

    /// The column a header names, however it is written (« Numéro allocataire »,
    /// « N° allocataire », « E-mail », « Commune »…).
    pub fn of(header: &str) -> Option<Self> {
        let k = key(header);
        let has = |w: &str| k.contains(w);
        Some(if has("allocataire") || k == "numero" || k == "n" {
            Self::Numero
        } else if has("naissance") {
            Self::BirthDate
        } else if has("orientation") && has("date") {
            Self::OrientationDate
        } else if k == "nom" || has("nom de famille") {
            Self::LastName
        } else if has("prenom") {
            Self::FirstName
        } else if has("mail") || has("courriel") {
            // Before the address: « Adresse e-mail » is the e-mail.
            Self::Email
        } else if has("adresse") {
            Self::Address
        } else if has("telephone") || has("portable") || k == "tel" {
            Self::Phone
        } else if k == "type" || has("type d orientation") {
            Self::Kind
        } else if has("agence") || has("commune") || has("ali") {
            Self::Agency
        } else {
            return None;
        })
    }

    /// The columns a header row lacks (nothing can be read without them).
    pub fn missing(headers: &[String]) -> Vec<Column> {
        Self::ALL
            .into_iter()
            .filter(|c| !headers.iter().any(|h| Self::of(h) == Some(*c)))
            .collect()
    }
}

/// Why a row is refused. Several can apply to one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reject {
    /// Not as many cells as the header.
    Columns,
    /// Characters that no encoding we read makes sense of.
    Encoding,
    Numero,
    /// The same numéro on several rows (their line numbers).
    Duplicate(Vec<usize>),
    Name,
    BirthDate,
    Phone,
    Email,
    Address,
    OrientationDate,
    /// An orientation date after today.
    Future,
    Kind,
    /// Neither an agency nor a commune of the table.
    UnknownAgency(String),
    /// A row for another agency than the one importing (only the admin imports them all).
    OtherAgency,
    /// The numéro has a file in another agency.
    FollowedElsewhere,
}

impl Reject {
    /// The catalogue key of its reason.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Columns => "orientation-reject-columns",
            Self::Encoding => "orientation-reject-encoding",
            Self::Numero => "orientation-reject-numero",
            Self::Duplicate(_) => "orientation-reject-duplicate",
            Self::Name => "orientation-reject-name",
            Self::BirthDate => "orientation-reject-birth-date",
            Self::Phone => "orientation-reject-phone",
            Self::Email => "orientation-reject-email",
            Self::Address => "orientation-reject-address",
            Self::OrientationDate => "orientation-reject-date",
            Self::Future => "orientation-reject-future",
            Self::Kind => "orientation-reject-kind",
            Self::UnknownAgency(_) => "orientation-reject-agency",
            Self::OtherAgency => "orientation-reject-other-agency",
            Self::FollowedElsewhere => "orientation-reject-elsewhere",
        }
    }
}

/// What the file says of one person (or what the portal knows of them, to compare).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Orientation {
    pub numero: String,
    pub last_name: String,
    pub first_name: String,
    pub birth_date: Option<NaiveDate>,
    pub address: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub orientation_date: NaiveDate,
    pub kind: OrientationKind,
    pub agency: AgencyId,
}

/// One field that would change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    LastName,
    FirstName,
    BirthDate,
    Address,
    Phone,
    Email,
    OrientationDate,
    Kind,
    Agency,
}

impl Field {
    pub fn label_key(self) -> &'static str {
        match self {
            Self::LastName => "orientation-field-last-name",
            Self::FirstName => "orientation-field-first-name",
            Self::BirthDate => "orientation-field-birth-date",
            Self::Address => "orientation-field-address",
            Self::Phone => "orientation-field-phone",
            Self::Email => "orientation-field-email",
            Self::OrientationDate => "orientation-field-orientation-date",
            Self::Kind => "orientation-field-kind",
            Self::Agency => "orientation-field-agency",
        }
    }
}

/// Names of agencies and communes (their [`key`]s) → the agency.
pub type AgencyNames = HashMap<String, AgencyId>;

/// The names a file may give for an agency: « ALI Bobigny », « Bobigny », and every
/// commune of the table.
pub fn agency_names(
    agencies: &[(AgencyId, String)],
    communes: &[(String, AgencyId)],
) -> AgencyNames {
    let mut names = AgencyNames::new();
    for (commune, agency) in communes {
        names.insert(key(commune), *agency);
    }
    for (id, name) in agencies {
        let k = key(name);
        if let Some(short) = k.strip_prefix("ali ") {
            names.insert(short.to_string(), *id);
        }
        names.insert(k, *id);
    }
    names
}

/// A cell in any encoding we read badly: the replacement character or a C1 control
/// character (bytes 0x80–0x9F read as Latin-1, undefined in Windows-1252).
fn unreadable(cell: &str) -> bool {
    cell.chars()
        .any(|c| c == '\u{FFFD}' || ('\u{80}'..='\u{9F}').contains(&c))
}

/// Checks one row (`cells` by column). `only`: the agency importing (a manager), None
/// for the admin (every agency).
pub fn check_row(
    cells: &HashMap<Column, String>,
    today: NaiveDate,
    names: &AgencyNames,
    only: Option<AgencyId>,
) -> Result<Orientation, Vec<Reject>> {
    let cell = |c: Column| cells.get(&c).map_or("", |s| s.trim());
    let mut why = Vec::new();
    if cells.values().any(|c| unreadable(c)) {
        why.push(Reject::Encoding);
    }
    let numero = cell(Column::Numero);
    if valid_numero(numero).is_err() {
        why.push(Reject::Numero);
    }
    let name_ok = |s: &str| (1..=80).contains(&s.chars().count()) && plain_text(s).is_ok();
    if !name_ok(cell(Column::LastName)) || !name_ok(cell(Column::FirstName)) {
        why.push(Reject::Name);
    }
    let birth = match cell(Column::BirthDate) {
        "" => None,
        raw => match parse_birth(raw).filter(|d| *d < today) {
            Some(d) => Some(d),
            None => {
                why.push(Reject::BirthDate);
                None
            }
        },
    };
    let address = cell(Column::Address);
    if address.chars().count() > 200 || plain_text(address).is_err() {
        why.push(Reject::Address);
    }
    let phone = match cell(Column::Phone) {
        "" => None,
        raw => {
            let p = normalize_phone(raw);
            if p.is_none() {
                why.push(Reject::Phone);
            }
            p
        }
    };
    let email = match cell(Column::Email) {
        "" => None,
        raw if looks_like_email(raw) && raw.len() <= 200 => Some(raw.to_lowercase()),
        _ => {
            why.push(Reject::Email);
            None
        }
    };
    let orientation = parse_date(cell(Column::OrientationDate));
    match orientation {
        None => why.push(Reject::OrientationDate),
        Some(d) if d > today => why.push(Reject::Future),
        Some(_) => {}
    }
    let kind = OrientationKind::from_file(cell(Column::Kind));
    if kind.is_none() {
        why.push(Reject::Kind);
    }
    let agency = names.get(&key(cell(Column::Agency))).copied();
    match (agency, only) {
        (None, _) => why.push(Reject::UnknownAgency(cell(Column::Agency).to_string())),
        (Some(a), Some(o)) if a != o => why.push(Reject::OtherAgency),
        _ => {}
    }
    match (why.is_empty(), orientation, kind, agency) {
        (true, Some(orientation_date), Some(kind), Some(agency)) => Ok(Orientation {
            numero: numero.to_string(),
            last_name: cell(Column::LastName).to_string(),
            first_name: cell(Column::FirstName).to_string(),
            birth_date: birth,
            address: address.to_string(),
            phone,
            email,
            orientation_date,
            kind,
            agency,
        }),
        _ => Err(why),
    }
}

/// A birth date: the same forms as other dates, from 1900.
fn parse_birth(raw: &str) -> Option<NaiveDate> {
    let v = raw.trim();
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d/%m/%Y"))
        .ok()
        .filter(|d| chrono::Datelike::year(d) >= 1900)
}

/// What a person's file would become: the file's values, except that an empty cell never
/// erases what is known (a phone the person gave the agency, an address).
pub fn merged(known: &Orientation, file: &Orientation) -> Orientation {
    Orientation {
        birth_date: file.birth_date.or(known.birth_date),
        address: if file.address.is_empty() {
            known.address.clone()
        } else {
            file.address.clone()
        },
        phone: file.phone.clone().or_else(|| known.phone.clone()),
        email: file.email.clone().or_else(|| known.email.clone()),
        ..file.clone()
    }
}

/// The fields that differ between what is known and what it would become.
pub fn changes(known: &Orientation, next: &Orientation) -> Vec<Field> {
    let mut out = Vec::new();
    let mut diff = |same: bool, f: Field| {
        if !same {
            out.push(f);
        }
    };
    diff(known.last_name == next.last_name, Field::LastName);
    diff(known.first_name == next.first_name, Field::FirstName);
    diff(known.birth_date == next.birth_date, Field::BirthDate);
    diff(known.address == next.address, Field::Address);
    diff(known.phone == next.phone, Field::Phone);
    diff(known.email == next.email, Field::Email);
    diff(
        known.orientation_date == next.orientation_date,
        Field::OrientationDate,
    );
    diff(known.kind == next.kind, Field::Kind);
    diff(known.agency == next.agency, Field::Agency);
    out
}

/// A person the portal knows, as the import compares them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub id: AllocataireId,
    pub orientation: Orientation,
    /// Came from an orientation file (not enrolled by hand).
    pub from_file: bool,
    /// Their parcours ended (sorti, réorienté) or their file is disabled.
    pub closed: bool,
}

/// One row of the file, read: its line and its cells, or a refusal already (wrong number
/// of cells).
#[derive(Debug, Clone)]
pub struct FileRow {
    pub line: usize,
    pub cells: Result<HashMap<Column, String>, Reject>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub line: usize,
    pub numero: String,
    pub reasons: Vec<Reject>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub id: AllocataireId,
    pub before: Orientation,
    pub after: Orientation,
    pub fields: Vec<Field>,
}

/// What importing a file would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub new: Vec<Orientation>,
    pub changed: Vec<Changed>,
    pub unchanged: usize,
    /// People who came from an earlier file, in the agencies imported, still followed, and
    /// absent from this one (nothing is done to them: staff check).
    pub gone: Vec<(AllocataireId, Orientation)>,
    pub rejected: Vec<Rejected>,
}

/// Compares the file with what is known. `only`: the agency importing (None: all).
pub fn plan(
    rows: &[FileRow],
    known: &[Known],
    today: NaiveDate,
    names: &AgencyNames,
    only: Option<AgencyId>,
) -> Plan {
    let numero_of = |r: &FileRow| {
        r.cells
            .as_ref()
            .ok()
            .and_then(|c| c.get(&Column::Numero))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let mut lines: HashMap<String, Vec<usize>> = HashMap::new();
    for r in rows {
        let n = numero_of(r);
        if !n.is_empty() {
            lines.entry(n).or_default().push(r.line);
        }
    }
    let by_numero: HashMap<&str, &Known> = known
        .iter()
        .map(|k| (k.orientation.numero.as_str(), k))
        .collect();
    let mut out = Plan::default();
    let mut listed: std::collections::HashSet<String> = std::collections::HashSet::new();
    for r in rows {
        let numero = numero_of(r);
        listed.insert(numero.clone());
        let checked = match &r.cells {
            Err(e) => Err(vec![e.clone()]),
            Ok(cells) => check_row(cells, today, names, only),
        };
        let mut reasons = checked.as_ref().err().cloned().unwrap_or_default();
        if let Some(l) = lines.get(&numero).filter(|l| l.len() > 1) {
            reasons.push(Reject::Duplicate(l.clone()));
        }
        let existing = by_numero.get(numero.as_str());
        if let (Some(k), Some(o)) = (existing, only) {
            if k.orientation.agency != o {
                reasons.push(Reject::FollowedElsewhere);
            }
        }
        match checked {
            Ok(file) if reasons.is_empty() => match existing {
                None => out.new.push(file),
                Some(k) => {
                    let after = merged(&k.orientation, &file);
                    let fields = changes(&k.orientation, &after);
                    if fields.is_empty() {
                        out.unchanged += 1;
                    } else {
                        out.changed.push(Changed {
                            id: k.id,
                            before: k.orientation.clone(),
                            after,
                            fields,
                        });
                    }
                }
            },
            _ => out.rejected.push(Rejected {
                line: r.line,
                numero,
                reasons,
            }),
        }
    }
    let imported: std::collections::HashSet<AgencyId> = match only {
        Some(a) => [a].into(),
        None => rows
            .iter()
            .filter_map(|r| r.cells.as_ref().ok())
            .filter_map(|c| c.get(&Column::Agency))
            .filter_map(|a| names.get(&key(a)).copied())
            .collect(),
    };
    out.gone = known
        .iter()
        .filter(|k| k.from_file && !k.closed)
        .filter(|k| imported.contains(&k.orientation.agency))
        .filter(|k| !listed.contains(&k.orientation.numero))
        .map(|k| (k.id, k.orientation.clone()))
        .collect();
    out
}

/// A commune added to the table, or moved to another agency (the admin).
#[derive(Debug, Clone, Default, Serialize, Deserialize, validator::Validate)]
#[serde(default)]
pub struct CommuneInput {
    #[validate(
        length(min = 2, max = 80, message = "form-commune-length"),
        custom(function = "plain_text")
    )]
    pub commune: String,
    pub agency_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn names() -> AgencyNames {
        agency_names(
            &[
                (AgencyId(1), "ALI Bobigny".into()),
                (AgencyId(2), "ALI L'Île-Saint-Denis – Saint-Ouen".into()),
            ],
            &[
                ("Bobigny".into(), AgencyId(1)),
                ("Saint-Ouen-sur-Seine".into(), AgencyId(2)),
            ],
        )
    }

    fn cells(numero: &str, agency: &str) -> HashMap<Column, String> {
        [
            (Column::Numero, numero),
            (Column::LastName, "Camara"),
            (Column::FirstName, "Moussa"),
            (Column::BirthDate, "12/03/1985"),
            (Column::Address, "3 rue de la Paix, 93000 Bobigny"),
            (Column::Phone, "06 11 22 33 44"),
            (Column::Email, ""),
            (Column::OrientationDate, "25/11/2026"),
            (Column::Kind, "Accompagnement ALI"),
            (Column::Agency, agency),
        ]
        .into_iter()
        .map(|(c, v)| (c, v.to_string()))
        .collect()
    }

    fn row(line: usize, c: HashMap<Column, String>) -> FileRow {
        FileRow { line, cells: Ok(c) }
    }

    const TODAY: &str = "2026-12-01";

    #[test]
    fn names_match_without_accents_case_or_punctuation() {
        assert_eq!(key("  L'Île-Saint-Denis "), "l ile saint denis");
        assert_eq!(key("ÉPINAY–VILLETANEUSE"), "epinay villetaneuse");
        let n = names();
        assert_eq!(n.get(&key("bobigny")), Some(&AgencyId(1)));
        assert_eq!(n.get(&key("ALI BOBIGNY")), Some(&AgencyId(1)));
        assert_eq!(n.get(&key("saint ouen sur seine")), Some(&AgencyId(2)));
        assert_eq!(n.get(&key("Pantin")), None);
    }

    #[test]
    fn headers_are_recognised_however_they_are_written() {
        assert_eq!(Column::of("Numéro allocataire"), Some(Column::Numero));
        assert_eq!(Column::of("N° allocataire"), Some(Column::Numero));
        assert_eq!(Column::of("Date de naissance"), Some(Column::BirthDate));
        assert_eq!(
            Column::of("date_orientation"),
            Some(Column::OrientationDate)
        );
        assert_eq!(Column::of("Prénom"), Some(Column::FirstName));
        assert_eq!(Column::of("NOM"), Some(Column::LastName));
        assert_eq!(Column::of("E-mail"), Some(Column::Email));
        assert_eq!(Column::of("Adresse e-mail"), Some(Column::Email));
        assert_eq!(Column::of("Adresse postale"), Some(Column::Address));
        assert_eq!(Column::of("Type d'orientation"), Some(Column::Kind));
        assert_eq!(Column::of("Téléphone"), Some(Column::Phone));
        assert_eq!(Column::of("Commune"), Some(Column::Agency));
        assert_eq!(Column::of("Type"), Some(Column::Kind));
        assert_eq!(Column::of("Remarques"), None);
        let documented: Vec<String> = Column::ALL.iter().map(|c| c.header().into()).collect();
        assert!(Column::missing(&documented).is_empty());
        assert_eq!(
            Column::missing(&documented[1..]),
            vec![Column::Numero],
            "the numéro column is required"
        );
    }

    #[test]
    fn a_good_row_reads_into_a_person_and_a_bad_one_says_every_reason() {
        let p = check_row(&cells("7000001", "Bobigny"), d(TODAY), &names(), None).unwrap();
        assert_eq!(p.phone.as_deref(), Some("0611223344"));
        assert_eq!(p.birth_date, Some(d("1985-03-12")));
        assert_eq!(p.orientation_date, d("2026-11-25"));
        assert_eq!(p.kind, OrientationKind::Ali);
        assert_eq!(p.agency, AgencyId(1));
        let mut bad = cells("12a", "Paris");
        bad.insert(Column::Phone, "06 11".into());
        bad.insert(Column::OrientationDate, "2026-12-02".into());
        bad.insert(Column::Kind, "?".into());
        bad.insert(Column::LastName, "Caf\u{FFFD}".into());
        let why = check_row(&bad, d(TODAY), &names(), None).unwrap_err();
        assert_eq!(
            why,
            vec![
                Reject::Encoding,
                Reject::Numero,
                Reject::Phone,
                Reject::Future,
                Reject::Kind,
                Reject::UnknownAgency("Paris".into())
            ]
        );
        // A manager imports only their agency's rows.
        assert_eq!(
            check_row(
                &cells("7000001", "Saint-Ouen-sur-Seine"),
                d(TODAY),
                &names(),
                Some(AgencyId(1))
            ),
            Err(vec![Reject::OtherAgency])
        );
        let mut plateforme = cells("7000001", "Bobigny");
        plateforme.insert(Column::Kind, "Entretien d'orientation (plateforme)".into());
        assert_eq!(
            check_row(&plateforme, d(TODAY), &names(), None)
                .unwrap()
                .kind,
            OrientationKind::Plateforme
        );
    }

    #[test]
    fn the_plan_sorts_new_changed_unchanged_gone_and_rejected() {
        let today = d(TODAY);
        let known_person = check_row(&cells("7000002", "Bobigny"), today, &names(), None).unwrap();
        let known = vec![
            Known {
                id: AllocataireId(10),
                orientation: Orientation {
                    numero: "7000002".into(),
                    phone: Some("0700000000".into()),
                    ..known_person.clone()
                },
                from_file: true,
                closed: false,
            },
            Known {
                id: AllocataireId(11),
                orientation: Orientation {
                    numero: "7000003".into(),
                    ..known_person.clone()
                },
                from_file: true,
                closed: false,
            },
            // Gone from the file but closed, or enrolled by hand: not listed as gone.
            Known {
                id: AllocataireId(12),
                orientation: Orientation {
                    numero: "7000004".into(),
                    ..known_person.clone()
                },
                from_file: true,
                closed: true,
            },
            Known {
                id: AllocataireId(13),
                orientation: Orientation {
                    numero: "7000005".into(),
                    ..known_person.clone()
                },
                from_file: false,
                closed: false,
            },
        ];
        let mut no_phone = cells("7000003", "Bobigny");
        no_phone.insert(Column::Phone, String::new());
        let rows = vec![
            row(2, cells("7000001", "Bobigny")),
            row(3, cells("7000002", "Bobigny")),
            row(4, cells("7000009", "Bobigny")),
            row(5, cells("7000009", "Bobigny")),
            FileRow {
                line: 6,
                cells: Err(Reject::Columns),
            },
        ];
        let p = plan(&rows, &known, today, &names(), None);
        assert_eq!(p.new.len(), 1);
        assert_eq!(p.new[0].numero, "7000001");
        assert_eq!(p.changed.len(), 1);
        assert_eq!(p.changed[0].id, AllocataireId(10));
        assert_eq!(p.changed[0].fields, vec![Field::Phone]);
        assert_eq!(p.unchanged, 0);
        assert_eq!(
            p.gone.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
            vec![AllocataireId(11)]
        );
        assert_eq!(p.rejected.len(), 3);
        assert_eq!(p.rejected[0].reasons, vec![Reject::Duplicate(vec![4, 5])]);
        assert_eq!(p.rejected[2].reasons, vec![Reject::Columns]);

        // An empty cell keeps what is known: the same person, again, changes nothing.
        let again = plan(&[row(2, no_phone)], &known, today, &names(), None);
        assert_eq!(
            (again.new.len(), again.changed.len(), again.unchanged),
            (0, 0, 1)
        );

        // A manager's file cannot take over another agency's person.
        let elsewhere = vec![Known {
            orientation: Orientation {
                agency: AgencyId(2),
                ..known[0].orientation.clone()
            },
            ..known[0].clone()
        }];
        let p = plan(&rows[1..2], &elsewhere, today, &names(), Some(AgencyId(1)));
        assert_eq!(p.rejected[0].reasons, vec![Reject::FollowedElsewhere]);
        // The admin's file moves them.
        let p = plan(&rows[1..2], &elsewhere, today, &names(), None);
        assert!(p.changed[0].fields.contains(&Field::Agency));
    }
}
