//! Printable documents: an A4 table with a title and a few lines above it (the attendance
//! sheet of a workshop, signed by hand). The PDF objects come from `pdf-writer`; the text
//! is set in the standard Helvetica (every reader has it, nothing is embedded) with the
//! Windows-1252 encoding, which holds every letter of French (é, è, ç, œ, «, », …).

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// A table to print: `columns` are (heading, share of the width), rows are cells.
pub struct TableDocument<'a> {
    pub title: &'a str,
    /// Lines under the title (date, place, facilitators…).
    pub lines: &'a [String],
    pub columns: &'a [(String, f32)],
    pub rows: &'a [Vec<String>],
    /// Printed at the bottom of every page, with the page number.
    pub footer: &'a str,
    /// The height of a row (room for a signature).
    pub row_height: f32,
}

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 40.0;
const BODY: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

/// The text in Windows-1252 (a character it lacks prints as « ? »).
fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let (bytes, _, lost) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
        if lost || c.is_control() {
            out.push(b'?');
        } else {
            out.extend_from_slice(&bytes);
        }
    }
    out
}

/// Cuts a text to what fits in `width` points at `size` (Helvetica averages about half an
/// em per letter), with « … » when cut.
fn fit(text: &str, width: f32, size: f32) -> String {
    let room = ((width - 6.0) / (size * 0.52)).floor().max(1.0) as usize;
    if text.chars().count() <= room {
        text.to_string()
    } else {
        let cut: String = text.chars().take(room.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn text(content: &mut Content, font: Name, size: f32, x: f32, y: f32, value: &str) {
    content
        .begin_text()
        .set_font(font, size)
        .next_line(x, y)
        .show(Str(&encode(value)))
        .end_text();
}

/// The document's bytes.
pub fn table(doc: &TableDocument) -> Vec<u8> {
    let usable = WIDTH - 2.0 * MARGIN;
    let total: f32 = doc
        .columns
        .iter()
        .map(|(_, w)| *w)
        .sum::<f32>()
        .max(f32::EPSILON);
    let widths: Vec<f32> = doc
        .columns
        .iter()
        .map(|(_, w)| w / total * usable)
        .collect();
    let header_height = 22.0;
    let top_first = HEIGHT - MARGIN - 30.0 - 16.0 * doc.lines.len() as f32 - 12.0;
    let top_next = HEIGHT - MARGIN;
    let bottom = MARGIN + 24.0;
    // Rows per page: the first page also holds the title and its lines.
    let fits =
        |top: f32| (((top - header_height - bottom) / doc.row_height).floor() as usize).max(1);
    let mut pages: Vec<&[Vec<String>]> = Vec::new();
    let mut rest = doc.rows;
    let mut first = true;
    loop {
        let n = fits(if first { top_first } else { top_next }).min(rest.len());
        let (page, tail) = rest.split_at(n);
        pages.push(page);
        rest = tail;
        first = false;
        if rest.is_empty() {
            break;
        }
    }

    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let body_font = Ref::new(3);
    let bold_font = Ref::new(4);
    let info = Ref::new(5);
    let page_ids: Vec<(Ref, Ref)> = (0..pages.len() as i32)
        .map(|i| (Ref::new(10 + 2 * i), Ref::new(11 + 2 * i)))
        .collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree).lang(TextStr("fr"));
    pdf.document_info(info).title(TextStr(doc.title));
    pdf.pages(tree)
        .kids(page_ids.iter().map(|(p, _)| *p))
        .count(pages.len() as i32);
    for (font, name) in [(body_font, "Helvetica"), (bold_font, "Helvetica-Bold")] {
        pdf.type1_font(font)
            .base_font(Name(name.as_bytes()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    let count = pages.len();
    for (index, (rows, (page_id, content_id))) in pages.iter().zip(&page_ids).enumerate() {
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT))
            .parent(tree)
            .contents(*content_id);
        page.resources()
            .fonts()
            .pair(BODY, body_font)
            .pair(BOLD, bold_font);
        page.finish();

        let mut c = Content::new();
        let mut y = if index == 0 {
            text(
                &mut c,
                BOLD,
                16.0,
                MARGIN,
                HEIGHT - MARGIN - 16.0,
                doc.title,
            );
            let mut y = HEIGHT - MARGIN - 30.0;
            for line in doc.lines {
                y -= 16.0;
                text(&mut c, BODY, 11.0, MARGIN, y, &fit(line, usable, 11.0));
            }
            top_first
        } else {
            top_next
        };
        // The heading row, shaded.
        c.set_fill_gray(0.9)
            .rect(MARGIN, y - header_height, usable, header_height)
            .fill_nonzero()
            .set_fill_gray(0.0);
        let mut x = MARGIN;
        for ((heading, _), w) in doc.columns.iter().zip(&widths) {
            text(
                &mut c,
                BOLD,
                10.0,
                x + 4.0,
                y - 15.0,
                &fit(heading, *w, 10.0),
            );
            x += w;
        }
        let table_top = y;
        y -= header_height;
        for row in rows.iter() {
            let mut x = MARGIN;
            for (cell, w) in row.iter().zip(&widths) {
                text(&mut c, BODY, 10.0, x + 4.0, y - 15.0, &fit(cell, *w, 10.0));
                x += w;
            }
            y -= doc.row_height;
        }
        // The grid: the frame, a line under each row, one between columns.
        c.set_line_width(0.6)
            .rect(MARGIN, y, usable, table_top - y)
            .stroke();
        let mut line_y = table_top - header_height;
        while line_y > y + 0.5 {
            c.move_to(MARGIN, line_y)
                .line_to(MARGIN + usable, line_y)
                .stroke();
            line_y -= doc.row_height;
        }
        let mut x = MARGIN;
        for w in &widths[..widths.len().saturating_sub(1)] {
            x += w;
            c.move_to(x, table_top).line_to(x, y).stroke();
        }
        let footer = format!("{} · {}/{}", doc.footer, index + 1, count);
        text(
            &mut c,
            BODY,
            8.0,
            MARGIN,
            MARGIN,
            &fit(&footer, usable, 8.0),
        );
        pdf.stream(*content_id, &c.finish());
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_letters_are_encoded_and_the_rest_is_marked() {
        assert_eq!(encode("Émargement"), b"\xc9margement");
        assert_eq!(encode("« œ »"), b"\xab \x9c \xbb");
        assert_eq!(encode("日"), b"?");
    }

    #[test]
    fn a_long_list_runs_over_several_pages() {
        let columns = [("Nom".to_string(), 2.0), ("Signature".to_string(), 1.0)];
        let rows: Vec<Vec<String>> = (0..60).map(|i| vec![format!("Personne {i}")]).collect();
        let doc = TableDocument {
            title: "Feuille",
            lines: &["mardi".to_string()],
            columns: &columns,
            rows: &rows,
            footer: "Portail",
            row_height: 30.0,
        };
        let bytes = table(&doc);
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/Count 3"), "60 rows of 30 pt need 3 pages");
        assert!(text.contains("(Personne 59)"));
        assert_eq!(fit("Abcdefghij", 30.0, 10.0), "Abc…");
        assert_eq!(fit("Abc", 30.0, 10.0), "Abc");
    }
}
