//! Files for spreadsheets: `;`-separated CSV in UTF-8 with a byte-order mark (so that
//! spreadsheets read the accents), cells that a spreadsheet would run as a formula
//! neutralised with a leading apostrophe.

use crate::domain::error::AppError;
use crate::server::services::internal;

/// A cell as typed by a person: `=1+1` and the like are not formulas once exported.
pub fn safe(v: &str) -> String {
    if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_string()
    }
}

/// The CSV text of a header and rows.
pub fn csv<R, C>(header: &[String], rows: R) -> Result<String, AppError>
where
    R: IntoIterator<Item = Vec<C>>,
    C: AsRef<[u8]>,
{
    let fail = |e: csv::Error| internal(&format!("csv: {e}"));
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    out.write_record(header).map_err(fail)?;
    for row in rows {
        out.write_record(row).map_err(fail)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| internal(&format!("csv: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| internal("csv: not UTF-8"))?;
    Ok(format!("\u{feff}{text}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_separated_by_semicolons_and_formulas_neutralised() {
        let text = csv(
            &["nom".to_string(), "note".to_string()],
            [vec![safe("Durand"), safe("=HYPERLINK(\"x\")")]],
        )
        .expect("csv");
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("nom;note\n"));
        assert!(text.contains("Durand;\"'=HYPERLINK(\"\"x\"\")\""), "{text}");
    }
}

/// Why an uploaded file cannot be read at all (nothing is kept of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// No bytes, or no line after the header.
    Empty,
    /// Not text: a NUL byte (a spreadsheet's own format, a picture…).
    NotText,
}

/// An uploaded text file as UTF-8: UTF-8 (with or without its byte-order mark) when it is
/// valid, otherwise Windows-1252 (what spreadsheets save as « CSV » on Windows). Returns
/// the text and the encoding's name.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), Unreadable> {
    if bytes.contains(&0) {
        return Err(Unreadable::NotText);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), "UTF-8")),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((text.into_owned(), "Windows-1252"))
        }
    }
}

/// A table's header and its rows, each with its line number in the file.
pub type Table = (Vec<String>, Vec<(usize, Vec<String>)>);

/// A table read from CSV text: its header and its rows with their line numbers. The
/// separator is the header's: `;` (French spreadsheets) or `,`.
pub fn read_table(text: &str) -> Result<Table, Unreadable> {
    let first = text.lines().next().unwrap_or("");
    let separator = if first.matches(';').count() >= first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|_| Unreadable::NotText)?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    // Line numbers as a text editor or a spreadsheet counts them (blank lines too): the
    // newlines before each record's first byte, counted as the records go.
    let bytes = text.as_bytes();
    let (mut seen, mut line) = (0usize, 1usize);
    let mut line_at = |byte: u64| {
        // A record's position may be the blank lines before it: its first byte is after.
        let mut byte = (byte as usize).min(bytes.len());
        while byte < bytes.len() && matches!(bytes[byte], b'\n' | b'\r') {
            byte += 1;
        }
        line += bytes[seen..byte].iter().filter(|b| **b == b'\n').count();
        seen = byte.max(seen);
        line
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        // The text is UTF-8 and the reader flexible: a record never fails to read (an
        // unclosed quote runs to the end, and the row has too few cells).
        let record = record.map_err(|_| Unreadable::NotText)?;
        let line = line_at(record.position().map_or(0, ::csv::Position::byte));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push((line, record.iter().map(str::to_string).collect()));
    }
    if header.iter().all(String::is_empty) || rows.is_empty() {
        return Err(Unreadable::Empty);
    }
    Ok((header, rows))
}

#[cfg(test)]
mod reading {
    use super::*;

    #[test]
    fn utf8_and_windows_1252_files_read_the_same() {
        let utf8 = "nom;prénom\nÉlodie;Chloé\n";
        let (a, enc_a) = decode(utf8.as_bytes()).unwrap();
        let (w, _, _) = encoding_rs::WINDOWS_1252.encode(utf8);
        let (b, enc_b) = decode(&w).unwrap();
        assert_eq!(a, b);
        assert_eq!((enc_a, enc_b), ("UTF-8", "Windows-1252"));
        let bom = [b"\xEF\xBB\xBF".as_slice(), utf8.as_bytes()].concat();
        assert_eq!(decode(&bom).unwrap().0, utf8);
        assert_eq!(decode(b"PK\x03\x04\0\0"), Err(Unreadable::NotText));
    }

    #[test]
    fn the_separator_is_the_headers_and_quotes_are_kept() {
        let (h, rows) = read_table("a,b\n1,\"2, 3\"\n\n4,5\n").unwrap();
        assert_eq!(h, vec!["a", "b"]);
        assert_eq!(
            rows,
            vec![
                (2, vec!["1".into(), "2, 3".into()]),
                (4, vec!["4".into(), "5".into()])
            ]
        );
        let (h, rows) = read_table("a;b\n1,5;2\n").unwrap();
        assert_eq!(h, vec!["a", "b"]);
        assert_eq!(rows[0].1, vec!["1,5", "2"]);
        assert_eq!(read_table("a;b\n"), Err(Unreadable::Empty));
        // An unclosed quote runs to the end: one cell, which the import refuses.
        let (_, rows) = read_table("a;b\n\"1;2\n3;4\n").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].1.len(), 1);
    }
}
