//! Rich text typed by staff (a workshop's description): light Markdown (`**gras**`,
//! `*italique*`, lists with « - », links), rendered by pulldown-cmark, then cleaned by
//! ammonia's allow-list. Raw HTML is never taken as HTML: it shows as the text typed.

use pulldown_cmark::{Event, Parser};
use std::collections::{HashMap, HashSet};

/// The HTML to show for a text typed by staff.
pub fn to_html(text: &str) -> String {
    let events = Parser::new(text).map(|e| match e {
        // HTML typed in the text stays text (escaped by the renderer).
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        // A line break typed is a line break shown.
        Event::SoftBreak => Event::HardBreak,
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    ammonia::Builder::default()
        .tags(HashSet::from([
            "p",
            "br",
            "strong",
            "em",
            "ul",
            "ol",
            "li",
            "a",
            "blockquote",
        ]))
        .generic_attributes(HashSet::new())
        .tag_attributes(HashMap::from([("a", HashSet::from(["href"]))]))
        .url_schemes(HashSet::from(["https", "mailto", "tel"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn markdown_becomes_simple_html() {
        assert_eq!(
            to_html("Venez **avec votre CV**.\nDeux heures."),
            "<p>Venez <strong>avec votre CV</strong>.<br>\nDeux heures.</p>\n"
        );
        assert!(to_html("- un\n- deux").contains("<ul>\n<li>un</li>\n<li>deux</li>\n</ul>"));
    }

    #[test]
    fn scripts_styles_and_unsafe_links_never_pass() {
        let html = to_html("<script>alert(1)</script> <b onclick=x>gras</b>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        let link = to_html("[ici](javascript:alert(1)) [là](https://exemple.fr)");
        assert!(!link.contains("javascript"), "{link}");
        assert!(
            link.contains(
                r#"<a href="https://exemple.fr" rel="noopener noreferrer nofollow">là</a>"#
            ),
            "{link}"
        );
        // Headings are not part of the allow-list: their words stay.
        assert_eq!(to_html("# Titre"), "Titre\n");
    }
}
