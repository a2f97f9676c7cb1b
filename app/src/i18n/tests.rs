//! The catalogue's guarantees: every key the code names exists, no key is defined twice,
//! no French sentence sits in a page or a message outside the catalogue, and the
//! pseudo-locale transforms texts but not the values put into them.

use super::{text, Arg, Lang};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// key -> (file, value) of the French catalogue.
fn french() -> BTreeMap<String, (String, String)> {
    let mut keys: BTreeMap<String, (String, String)> = BTreeMap::new();
    let dir = root().join("locales/fr");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("locales/fr")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in files {
        let name = f
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let body = std::fs::read_to_string(&f).expect("ftl file");
        let mut last: Option<String> = None;
        for line in body.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            // An indented line (a selector's variant) or its closing brace continues the
            // message above it.
            if line.starts_with(' ') || line.starts_with('}') {
                let k = last
                    .as_ref()
                    .unwrap_or_else(|| panic!("{name}: a continuation without its key: {line}"));
                if let Some((_, v)) = keys.get_mut(k) {
                    v.push('\n');
                    v.push_str(line);
                }
                continue;
            }
            let (k, v) = line
                .split_once(" = ")
                .unwrap_or_else(|| panic!("{name}: one message per line, `key = text`: {line}"));
            let previous = keys.insert(k.to_string(), (name.clone(), v.to_string()));
            assert!(
                previous.is_none(),
                "{k} is defined twice ({name}, {previous:?})"
            );
            last = Some(k.to_string());
        }
    }
    keys
}

/// The string literals of a Rust source outside comments and the test module, with their
/// line. Enough of a lexer for this code base: plain and raw strings, chars, comments.
fn literals(src: &str) -> Vec<(usize, String)> {
    let src = src.split("#[cfg(test)]\nmod tests").next().unwrap_or(src);
    let b: Vec<char> = src.chars().collect();
    let (mut i, mut line, mut out) = (0, 1, Vec::new());
    while i < b.len() {
        let c = b[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && b.get(i + 1) == Some(&'/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && b.get(i + 1) == Some(&'*') {
            while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                line += usize::from(b[i] == '\n');
                i += 1;
            }
            i += 2;
        } else if c == '\'' {
            // A char literal ('a', '\n', '\u{2068}') or a lifetime ('a).
            if b.get(i + 1) == Some(&'\\') {
                i += 2;
                while i < b.len() && b[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c == 'r'
            && (b.get(i + 1) == Some(&'#') || b.get(i + 1) == Some(&'"'))
            && (i == 0 || !b[i - 1].is_alphanumeric() && b[i - 1] != '_')
        {
            let mut hashes = 0;
            let mut j = i + 1;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                i += 1;
                continue;
            }
            let start_line = line;
            j += 1;
            let mut s = String::new();
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|h| b.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                line += usize::from(b[j] == '\n');
                s.push(b[j]);
                j += 1;
            }
            out.push((start_line, s));
            i = j;
        } else if c == '"' {
            let start_line = line;
            let mut s = String::new();
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    s.push(b[i]);
                    i += 1;
                }
                if i < b.len() {
                    line += usize::from(b[i] == '\n');
                    s.push(b[i]);
                }
                i += 1;
            }
            i += 1;
            out.push((start_line, s));
        } else {
            i += 1;
        }
    }
    out
}

const PREFIXES: [&str; 28] = [
    "survey-",
    "panel-",
    "satisfaction-",
    "moderation-",
    "orientation-",
    "communes-",
    "outreach-",
    "pathway-",
    "contract-",
    "calendar-",
    "workshop-",
    "workshops-",
    "themes-",
    "alloc-",
    "staff-",
    "rdv-",
    "agenda-",
    "caseload-",
    "outbox-",
    "notify-",
    "auth-",
    "server-",
    "common-",
    "home-",
    "error-",
    "form-",
    "format-",
    "scope-",
];

fn looks_like_key(s: &str) -> bool {
    PREFIXES.iter().any(|p| s.starts_with(p))
        && s.len() > 6
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

#[test]
fn every_key_the_code_names_is_in_the_french_catalogue() {
    let catalogue = french();
    let css = std::fs::read_to_string(root().join("../style/main.css")).unwrap_or_default();
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&root().join("../server/src"), &mut files);
    let mut missing = Vec::new();
    let mut used = BTreeSet::new();
    for f in files.iter().filter(|f| !f.ends_with("i18n/tests.rs")) {
        let src = std::fs::read_to_string(f).expect("source");
        let lines: Vec<&str> = src.lines().collect();
        for (line, lit) in literals(&src) {
            // CSS classes share the kebab-case look ("form-check").
            let code = lines.get(line - 1).copied().unwrap_or_default();
            let class =
                css.contains(&format!(".{lit}")) || code.contains(&format!("class=\"{lit}"));
            if looks_like_key(&lit) && !class {
                used.insert(lit.clone());
                if !catalogue.contains_key(&lit) {
                    missing.push(format!("{}:{line}: {lit}", f.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys missing from locales/fr:\n{}",
        missing.join("\n")
    );
    // And the catalogue answers them (the files parse and are loaded; messages with
    // arguments are exercised by the tests of their callers).
    for key in used.iter().filter(|k| !catalogue[*k].1.contains('{')) {
        assert_ne!(&text(Lang::Fr, key, &[]), key, "{key} does not resolve");
    }
    assert!(
        used.len() > 200,
        "only {} keys found: is the scan broken?",
        used.len()
    );
}

/// Words that only French sentences have (padded with spaces to match whole words).
const FRENCH_WORDS: [&str; 22] = [
    " le ", " la ", " les ", " de ", " des ", " du ", " un ", " une ", " et ", " vous ", " votre ",
    " vos ", " pour ", " avec ", " à ", " au ", " aux ", " en ", " sur ", " est ", " ne ", " pas ",
];

/// A literal a person would read: accented letters, French words, or a capitalised phrase.
fn is_french_text(s: &str) -> bool {
    if s.contains("://") || s.contains("{}") && !s.contains(' ') {
        return false;
    }
    let padded = format!(" {} ", s.to_lowercase());
    let accented = s.chars().any(|c| "àâçéèêëîïôûùœÀÉÈÇ«»".contains(c));
    let words = FRENCH_WORDS.iter().any(|w| padded.contains(w));
    let mut chars = s.chars();
    let capitalised = chars.next().is_some_and(|c| c.is_uppercase())
        && chars.next().is_some_and(|c| c.is_lowercase())
        && s.contains(' ');
    accented || words || capitalised
}

/// Files that render pages or write what people read (log lines and SQL are exempt).
fn reader_facing_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["src/ui", "src/api", "src/views", "src/server/services"] {
        rust_files(&root().join(dir), &mut files);
    }
    for f in [
        "src/domain/error.rs",
        "src/domain/inputs.rs",
        "src/domain/appointment.rs",
        "src/domain/deadline.rs",
        "src/domain/workshop.rs",
        "src/domain/pathway.rs",
        "src/domain/contract.rs",
        "src/domain/outreach.rs",
        "src/server/format.rs",
        "src/flash.rs",
        "../server/src/routes.rs",
        "../server/src/middleware.rs",
    ] {
        files.push(root().join(f));
    }
    files
}

#[test]
fn no_french_text_sits_in_a_page_or_a_message_outside_the_catalogue() {
    let mut found = Vec::new();
    for f in reader_facing_files() {
        let src = std::fs::read_to_string(&f).expect("source");
        let lines: Vec<&str> = src.lines().collect();
        for (line, lit) in literals(&src) {
            let code = lines.get(line - 1).copied().unwrap_or_default();
            let exempt = [
                "tracing::",
                "expect(",
                "panic!(",
                "sqlx::query",
                "debug_assert",
            ]
            .iter()
            .any(|m| code.contains(m));
            if !exempt && is_french_text(&lit) {
                found.push(format!("{}:{line}: {lit:?}", f.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "French text outside the catalogue (move it to locales/fr/*.ftl):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_recognises_french_text_and_leaves_code_alone() {
    let src = "let a = \"Bonjour\"; // « commentaire »\nlet b = view! { <p class=\"alert alert-ok\">\"Votre rendez-vous\"</p> };\nlet c = r#\"sans accent et pour vous\"#;\n";
    let lits: Vec<String> = literals(src).into_iter().map(|(_, l)| l).collect();
    assert_eq!(
        lits,
        vec![
            "Bonjour",
            "alert alert-ok",
            "Votre rendez-vous",
            "sans accent et pour vous"
        ]
    );
    let french: Vec<&String> = lits.iter().filter(|l| is_french_text(l)).collect();
    assert_eq!(
        french,
        vec!["Votre rendez-vous", "sans accent et pour vous"]
    );
}

#[test]
fn the_pseudo_locale_lengthens_texts_and_keeps_values() {
    let fr = text(Lang::Fr, "common-skip", &[]);
    let pseudo = text(Lang::Pseudo, "common-skip", &[]);
    assert_eq!(fr, "Aller au contenu");
    assert_eq!(pseudo, "[AAlleer aauu coonteenuu]");
    assert!(
        pseudo.chars().count() * 10 >= fr.chars().count() * 13,
        "at least 30 % longer"
    );
    let args = [("seconds", Arg::from(30u64))];
    assert_eq!(
        text(Lang::Fr, "error-rate-limited", &args),
        "Trop de tentatives. Merci de réessayer dans 30 secondes."
    );
    let with_name = text(
        Lang::Pseudo,
        "format-date-time",
        &[("date", Arg::from("lundi")), ("time", Arg::from("9 h"))],
    );
    assert_eq!(with_name, "[lundi àà 9 h]", "values are not transformed");
}

#[test]
fn the_language_comes_from_accept_language() {
    assert_eq!(Lang::negotiate(None), Lang::Fr);
    assert_eq!(Lang::negotiate(Some("fr-FR,fr;q=0.9,en;q=0.8")), Lang::Fr);
    assert_eq!(Lang::negotiate(Some("en-US")), Lang::Fr);
    assert_eq!(Lang::negotiate(Some("fr-XA")), Lang::Pseudo);
    assert_eq!(Lang::negotiate(Some("fr-xa;q=1")), Lang::Pseudo);
    assert_eq!(Lang::Pseudo.tag(), "fr-XA");
    assert!(Lang::ALL.iter().all(|l| l.dir() == "ltr"));
}
