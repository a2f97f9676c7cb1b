//! Printable documents: an A4 table with a title and a few lines above it (the attendance
//! sheet of a workshop, signed by hand), and a **tagged** flowing text (the contract):
//! headings and paragraphs in a structure tree (H1, H2, P in reading order, the page
//! footers marked as artifacts), `/Lang (fr)`, `/MarkInfo << /Marked true >>` and the
//! title shown by the reader, so that a screen reader reads it as the page does. The PDF
//! objects come from `pdf-writer`; the text is set in the standard Helvetica (every reader
//! has it, nothing is embedded) with the Windows-1252 encoding, which holds every letter
//! of French (é, è, ç, œ, «, », …).

use pdf_writer::types::StructRole;
use pdf_writer::writers::StructTreeRoot;
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

/// One block of a flowing document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The document's heading (H1).
    Title(String),
    /// A section heading (H2).
    Heading(String),
    /// A paragraph; line breaks in it start new lines.
    Paragraph(String),
    /// A section heading (H2) at the top of a new page (one letter of several).
    PageHeading(String),
}

/// A tagged, flowing A4 document: its blocks wrap and run over as many pages as needed.
pub struct FlowDocument<'a> {
    /// The document's title (shown by the reader, in the metadata).
    pub title: &'a str,
    pub blocks: &'a [Block],
    /// Printed at the bottom of every page, with the page number (an artifact).
    pub footer: &'a str,
}

/// About how wide a letter of Helvetica is, in ems (the font's widths, grouped).
fn em(c: char) -> f32 {
    match c {
        'i' | 'j' | 'l' | '.' | ',' | ';' | ':' | '\'' | '!' | '|' | ' ' => 0.28,
        'f' | 't' | 'r' | 'I' | '(' | ')' | '-' | '«' | '»' => 0.36,
        'm' | 'w' | 'M' | 'W' | 'œ' | 'Œ' | '%' | '@' => 0.86,
        c if c.is_uppercase() || c.is_ascii_digit() => 0.68,
        _ => 0.56,
    }
}

/// The text cut into lines of at most `width` points at `size`, at spaces (a word longer
/// than a line is cut).
fn wrap(text: &str, width: f32, size: f32) -> Vec<String> {
    let measure = |s: &str| s.chars().map(em).sum::<f32>() * size;
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if measure(&candidate) <= width || line.is_empty() && measure(word) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut rest = word.to_string();
            while measure(&rest) > width {
                let keep = rest
                    .char_indices()
                    .take_while(|(i, _)| measure(&rest[..*i]) < width - size)
                    .last()
                    .map_or(1, |(i, _)| i.max(1));
                lines.push(rest[..keep].to_string());
                rest = rest[keep..].to_string();
            }
            line = rest;
        }
        lines.push(line);
    }
    lines
}

/// A tagged, flowing document's bytes.
pub fn flow(doc: &FlowDocument) -> Vec<u8> {
    struct Piece {
        page: usize,
        mcid: i32,
        font: Name<'static>,
        size: f32,
        x: f32,
        y: f32,
        lines: Vec<String>,
        leading: f32,
    }
    let usable = WIDTH - 2.0 * MARGIN;
    let bottom = MARGIN + 28.0;
    // Lay the blocks out: each block is one structure element, with one marked-content
    // piece per page it runs on.
    let mut pieces: Vec<Vec<Piece>> = Vec::new();
    let (mut page, mut y, mut mcid) = (0usize, HEIGHT - MARGIN, 0i32);
    for block in doc.blocks {
        let (font, size, before, text) = match block {
            Block::Title(t) => (BOLD, 18.0, 0.0, t),
            Block::Heading(t) => (BOLD, 13.0, 14.0, t),
            Block::Paragraph(t) => (BODY, 11.0, 4.0, t),
            Block::PageHeading(t) => {
                if y < HEIGHT - MARGIN {
                    page += 1;
                    y = HEIGHT - MARGIN;
                    mcid = 0;
                }
                (BOLD, 13.0, 0.0, t)
            }
        };
        let leading = size * 1.35;
        let mut lines = wrap(text, usable, size).into_iter().peekable();
        let mut parts = Vec::new();
        y -= before;
        // A heading keeps two lines of what follows with it.
        let keep = if matches!(block, Block::Heading(_) | Block::PageHeading(_)) {
            3.0
        } else {
            1.0
        };
        while lines.peek().is_some() {
            if y - leading * keep < bottom {
                page += 1;
                y = HEIGHT - MARGIN;
                mcid = 0;
            }
            let room = (((y - bottom) / leading).floor() as usize).max(1);
            let chunk: Vec<String> = lines.by_ref().take(room).collect();
            let top = y - size;
            y -= leading * chunk.len() as f32;
            parts.push(Piece {
                page,
                mcid,
                font,
                size,
                x: MARGIN,
                y: top,
                lines: chunk,
                leading,
            });
            mcid += 1;
        }
        pieces.push(parts);
    }
    let count = page + 1;

    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let body_font = Ref::new(3);
    let bold_font = Ref::new(4);
    let info = Ref::new(5);
    let root = Ref::new(6);
    let document = Ref::new(7);
    let first_element = 8;
    let element = |i: usize| Ref::new(first_element + i as i32);
    let first_page = first_element + doc.blocks.len() as i32;
    let page_ids: Vec<(Ref, Ref, Ref)> = (0..count as i32)
        .map(|i| {
            (
                Ref::new(first_page + 3 * i),
                Ref::new(first_page + 3 * i + 1),
                Ref::new(first_page + 3 * i + 2),
            )
        })
        .collect();

    let mut pdf = Pdf::new();
    {
        let mut cat = pdf.catalog(catalog);
        cat.pages(tree).lang(TextStr("fr"));
        cat.pair(Name(b"StructTreeRoot"), root);
        cat.mark_info().marked(true);
        cat.viewer_preferences().display_doc_title(true);
    }
    pdf.document_info(info).title(TextStr(doc.title));
    pdf.pages(tree)
        .kids(page_ids.iter().map(|(p, _, _)| *p))
        .count(count as i32);
    for (font, name) in [(body_font, "Helvetica"), (bold_font, "Helvetica-Bold")] {
        pdf.type1_font(font)
            .base_font(Name(name.as_bytes()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    {
        let mut r = pdf.indirect(root).start::<StructTreeRoot>();
        r.child(document);
        r.parent_tree_next_key(count as i32);
        let mut tree = r.parent_tree();
        let mut nums = tree.nums();
        for (i, (_, _, parents)) in page_ids.iter().enumerate() {
            nums.insert(i as i32, *parents);
        }
    }
    pdf.struct_element(document)
        .kind(StructRole::Document)
        .parent(root)
        .title(TextStr(doc.title))
        .children()
        .items((0..doc.blocks.len()).map(element));
    for (i, (block, parts)) in doc.blocks.iter().zip(&pieces).enumerate() {
        let mut e = pdf.struct_element(element(i));
        e.kind(match block {
            Block::Title(_) => StructRole::H1,
            Block::Heading(_) | Block::PageHeading(_) => StructRole::H2,
            Block::Paragraph(_) => StructRole::P,
        })
        .parent(document);
        if let Some(first) = parts.first() {
            e.page(page_ids[first.page].0);
        }
        let mut kids = e.children();
        for p in parts {
            kids.marked_content_ref()
                .page(page_ids[p.page].0)
                .marked_content_id(p.mcid);
        }
    }
    for (index, (page_id, content_id, parents)) in page_ids.iter().enumerate() {
        // The page's parent-tree entry: for each marked-content id, its element.
        let mut owners: Vec<(i32, Ref)> = pieces
            .iter()
            .enumerate()
            .flat_map(|(i, parts)| {
                parts
                    .iter()
                    .filter(|p| p.page == index)
                    .map(move |p| (p.mcid, element(i)))
            })
            .collect();
        owners.sort_by_key(|(m, _)| *m);
        pdf.indirect(*parents)
            .array()
            .items(owners.iter().map(|(_, e)| *e));
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT))
            .parent(tree)
            .contents(*content_id)
            .struct_parents(index as i32);
        page.resources()
            .fonts()
            .pair(BODY, body_font)
            .pair(BOLD, bold_font);
        page.finish();

        let mut c = Content::new();
        for p in pieces.iter().flatten().filter(|p| p.page == index) {
            let tag = if p.font == BOLD && p.size >= 18.0 {
                Name(b"H1")
            } else if p.font == BOLD {
                Name(b"H2")
            } else {
                Name(b"P")
            };
            c.begin_marked_content_with_properties(tag)
                .properties()
                .identify(p.mcid);
            let t = c.begin_text();
            t.set_font(p.font, p.size)
                .set_leading(p.leading)
                .next_line(p.x, p.y);
            for (k, line) in p.lines.iter().enumerate() {
                if k > 0 {
                    t.next_line_using_leading();
                }
                t.show(Str(&encode(line)));
            }
            t.end_text();
            c.end_marked_content();
        }
        let footer = format!("{} · {}/{}", doc.footer, index + 1, count);
        c.begin_marked_content(Name(b"Artifact"));
        text(
            &mut c,
            BODY,
            8.0,
            MARGIN,
            MARGIN,
            &fit(&footer, usable, 8.0),
        );
        c.end_marked_content();
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

    #[test]
    fn text_wraps_at_spaces_within_the_width() {
        let lines = wrap(
            "Venir aux rendez-vous et chercher des offres d'emploi.",
            120.0,
            11.0,
        );
        assert!(lines.len() > 1, "{lines:?}");
        for l in &lines {
            assert!(l.chars().map(em).sum::<f32>() * 11.0 <= 120.0, "{l}");
        }
        assert_eq!(
            lines.join(" "),
            "Venir aux rendez-vous et chercher des offres d'emploi."
        );
        // A line break in a paragraph starts a new line; a word too long is cut.
        assert_eq!(wrap("a\nb", 100.0, 11.0), ["a", "b"]);
        assert!(wrap(&"x".repeat(200), 100.0, 11.0).len() > 1);
    }

    #[test]
    fn a_flowing_document_is_tagged_in_reading_order() {
        let mut blocks = vec![
            Block::Title("Contrat".into()),
            Block::Heading("Objectifs".into()),
        ];
        for i in 0..40 {
            blocks.push(Block::Paragraph(format!(
                "Paragraphe {i} : un emploi durable."
            )));
        }
        let bytes = flow(&FlowDocument {
            title: "Contrat d'engagement",
            blocks: &blocks,
            footer: "Portail ALI",
        });
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/Lang (fr)"));
        assert!(text.contains("/Marked true"));
        assert!(text.contains("/StructTreeRoot 6 0 R"));
        assert!(text.contains("/S /H1") && text.contains("/S /H2") && text.contains("/S /P"));
        assert!(text.contains("/DisplayDocTitle true"));
        assert!(
            text.contains("/Count 2"),
            "40 paragraphs need a second page"
        );
        assert!(text.contains("/StructParents 1"));
        assert!(text.contains("/Artifact BMC"));
        assert!(text.contains("(Paragraphe 39 : un emploi durable.)"));
    }
}
