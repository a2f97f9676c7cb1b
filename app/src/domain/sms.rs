//! SMS text in the GSM 03.38 alphabet (3GPP TS 23.038). One character outside it (a
//! « · », a « ê », a curly apostrophe) switches the whole message to UCS-2: 70 characters
//! a segment instead of 160, so a text costs two or three times more and may arrive cut.
//! French letters outside the alphabet are written without their accent in SMS.

/// The basic character set (one septet each).
const BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// The extension table (an escape septet plus one: two septets each).
const EXTENSION: &str = "^{}\\[~]|€\u{c}";

/// Septets a character takes in GSM-7, or None when it is outside the alphabet.
fn septets(c: char) -> Option<usize> {
    if BASIC.contains(c) {
        Some(1)
    } else if EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// Whether the whole text can be sent in GSM-7.
pub fn is_gsm7(text: &str) -> bool {
    text.chars().all(|c| septets(c).is_some())
}

/// The nearest GSM-7 spelling of a character outside the alphabet, when there is one.
fn nearest(c: char) -> Option<&'static str> {
    Some(match c {
        'â' | 'á' | 'ã' => "a",
        'À' | 'Â' | 'Á' | 'Ã' => "A",
        'ê' | 'ë' => "e",
        'È' | 'Ê' | 'Ë' => "E",
        'î' | 'ï' | 'í' => "i",
        'Î' | 'Ï' | 'Í' | 'Ì' => "I",
        'ô' | 'ó' | 'õ' => "o",
        'Ô' | 'Ó' | 'Ò' | 'Õ' => "O",
        'û' | 'ú' => "u",
        'Û' | 'Ú' | 'Ù' => "U",
        'ÿ' => "y",
        'Ÿ' => "Y",
        'ç' => "c",
        'œ' => "oe",
        'Œ' => "OE",
        '«' | '»' | '“' | '”' | '„' => "\"",
        '’' | '‘' | '‚' | '′' => "'",
        '–' | '—' | '‐' | '‑' | '−' => "-",
        '…' => "...",
        '·' | '•' => ".",
        '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' | '\t' => " ",
        _ => return None,
    })
}

/// The text in GSM-7 where it can be: letters with an accent the alphabet lacks lose it,
/// typographic quotes, dashes and spaces become plain ones. Characters with no near
/// spelling (a name in another script) are kept: the message then goes in UCS-2 rather
/// than losing the name.
pub fn to_gsm7(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match (septets(c), nearest(c)) {
            (Some(_), _) => out.push(c),
            (None, Some(s)) => out.push_str(s),
            (None, None) => out.push(c),
        }
    }
    out
}

/// How many SMS segments the text takes: GSM-7 160 septets alone or 153 per part,
/// UCS-2 70 characters alone or 67 per part (UTF-16 units).
pub fn segments(text: &str) -> usize {
    let (length, single, part) = if is_gsm7(text) {
        (text.chars().filter_map(septets).sum::<usize>(), 160, 153)
    } else {
        (text.encode_utf16().count(), 70, 67)
    };
    match length {
        0 => 0,
        n if n <= single => 1,
        n => n.div_ceil(part),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_accents_of_the_alphabet_stay_and_the_others_lose_their_accent() {
        assert!(is_gsm7("Réservé à 9 h, après-midi : où ? Ça va."));
        assert_eq!(
            to_gsm7("Empêché·e ? Votre référent·e « Noël »"),
            "Empeché.e ? Votre référent.e \" Noel \""
        );
        assert_eq!(
            to_gsm7("lundi 23\u{a0}novembre à 14\u{202f}h\u{202f}30"),
            "lundi 23 novembre à 14 h 30"
        );
        assert_eq!(to_gsm7("Œuvre – l’été…"), "OEuvre - l'été...");
        assert!(is_gsm7(&to_gsm7("Empêché·e ? « Noël » – l’été…")));
        // A name in another script is kept, whatever it costs.
        assert_eq!(to_gsm7("Mme 李"), "Mme 李");
    }

    #[test]
    fn segments_are_counted_as_phones_count_them() {
        assert_eq!(segments(""), 0);
        assert_eq!(segments(&"a".repeat(160)), 1);
        assert_eq!(segments(&"a".repeat(161)), 2);
        assert_eq!(segments(&"a".repeat(306)), 2);
        assert_eq!(segments(&"a".repeat(307)), 3);
        // « € » takes two septets.
        assert_eq!(segments(&"€".repeat(80)), 1);
        assert_eq!(segments(&"€".repeat(81)), 2);
        // One « · » and the whole message is UCS-2.
        assert_eq!(segments(&format!("{}·", "a".repeat(69))), 1);
        assert_eq!(segments(&format!("{}·", "a".repeat(70))), 2);
        assert_eq!(segments(&format!("{}·", "a".repeat(134))), 3);
    }
}
