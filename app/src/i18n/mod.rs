//! The locale catalogue: every text a person reads (pages, form errors, `AppError`
//! messages, SMS, e-mails, calendar titles) is a Fluent message in `app/locales/<lang>/`,
//! one `.ftl` file per capability, looked up here by key.
//!
//! - `tr!("key")` / `tr!("key", name = value)` in the current request's language;
//!   `text(lang, key, args)` when the language is known (a message to a recipient).
//! - The language of a request is negotiated once, by the server's middleware, from
//!   `Accept-Language` ([`Lang::negotiate`]); pages and server functions read it with
//!   [`Lang::current`]. Outside a request (background jobs) it is French.
//! - The catalogue is compiled into the server only (`fluent-templates`' `static_loader!`
//!   includes the `.ftl` files; a malformed file or a key defined twice panics at the first
//!   lookup, which the unit tests make). Pages are rendered on the server;
//!   the one island (the browser-side form check) receives the words it shows as props,
//!   so the WASM carries no catalogue. In the browser build, `text` returns the key.
//! - `fr-XA` is a pseudo-locale derived from French at lookup time: every message is
//!   wrapped in brackets and its vowels doubled (about 30 % longer), arguments left as
//!   they are. A browser run in that locale shows any text that bypasses the catalogue
//!   and any layout that breaks with longer words. The unit tests in `i18n/tests.rs`
//!   check that every key used in the code exists and no French literal sits in a page.

use serde::{Deserialize, Serialize};

/// A language the portal speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Fr,
    /// The pseudo-locale (tests only; harmless if a browser asks for it).
    Pseudo,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::Pseudo];

    /// The BCP 47 tag, for `<html lang>` and `Content-Language`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::Pseudo => "fr-XA",
        }
    }

    /// The writing direction, for `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Fr | Lang::Pseudo => "ltr",
        }
    }

    /// The language for an `Accept-Language` header: the pseudo-locale only when asked
    /// for by its exact tag, French otherwise (the only real language today).
    pub fn negotiate(accept_language: Option<&str>) -> Lang {
        let asked = accept_language.unwrap_or_default();
        let first = asked
            .split(',')
            .map(|part| part.split(';').next().unwrap_or_default().trim())
            .find(|tag| !tag.is_empty());
        match first {
            Some(tag) if tag.eq_ignore_ascii_case(Lang::Pseudo.tag()) => Lang::Pseudo,
            _ => Lang::Fr,
        }
    }

    /// The language of the request being served (French outside a request).
    pub fn current() -> Lang {
        #[cfg(feature = "ssr")]
        {
            if let Some(lang) = leptos::prelude::use_context::<Lang>() {
                return lang;
            }
            if let Some(lang) = leptos::prelude::use_context::<http::request::Parts>()
                .and_then(|p| p.extensions.get::<Lang>().copied())
            {
                return lang;
            }
        }
        Lang::Fr
    }
}

/// A message argument: text or a number.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_arg!(i32, i64, u32, u64, usize);

/// The text of `key` in the current request's language.
///
/// ```ignore
/// tr!("espace-title")
/// tr!("espace-hello", name = s.first_name.clone())
/// ```
#[macro_export]
macro_rules! tr {
    ($key:literal) => {
        $crate::i18n::text($crate::i18n::Lang::current(), $key, &[])
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text(
            $crate::i18n::Lang::current(),
            $key,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}

/// The text of `key` in `lang`, with its arguments. A missing key is logged and shown as
/// the key (the catalogue test keeps that from shipping).
#[cfg(feature = "ssr")]
pub fn text(lang: Lang, key: &str, args: &[(&'static str, Arg)]) -> String {
    catalogue::lookup(lang, key, args)
}

/// The text of a key chosen at run time (an enum's label key), in the current language.
pub fn t(key: &str) -> String {
    text(Lang::current(), key, &[])
}

/// In the browser build pages are never rendered (islands get their words as props).
#[cfg(not(feature = "ssr"))]
pub fn text(_lang: Lang, key: &str, _args: &[(&'static str, Arg)]) -> String {
    key.to_string()
}

#[cfg(feature = "ssr")]
mod catalogue {
    use super::{Arg, Lang};
    use fluent_templates::fluent_bundle::FluentValue;
    use fluent_templates::{langid, LanguageIdentifier, Loader};
    use std::borrow::Cow;
    use std::collections::HashMap;
    use std::sync::{LazyLock, RwLock};

    fluent_templates::static_loader! {
        static LOCALES = {
            locales: "./locales",
            fallback_language: "fr",
            // No Unicode isolation marks around arguments: texts go into SMS and e-mails.
            customise: |bundle| bundle.set_use_isolating(false),
        };
    }

    const FR: LanguageIdentifier = langid!("fr");
    /// Marks around arguments while a pseudo-locale text is transformed.
    const OPEN: char = '\u{E000}';
    const CLOSE: char = '\u{E001}';

    /// Texts without arguments, resolved once per language (a page asks for the same
    /// labels many times; the loader negotiates and resolves at every call).
    static PLAIN: LazyLock<RwLock<HashMap<Lang, HashMap<String, String>>>> =
        LazyLock::new(Default::default);

    pub fn lookup(lang: Lang, key: &str, args: &[(&'static str, Arg)]) -> String {
        if !args.is_empty() {
            return resolve(lang, key, args);
        }
        if let Some(s) = PLAIN
            .read()
            .ok()
            .and_then(|m| m.get(&lang).and_then(|l| l.get(key)).cloned())
        {
            return s;
        }
        let s = resolve(lang, key, args);
        if s != key {
            if let Ok(mut m) = PLAIN.write() {
                m.entry(lang)
                    .or_default()
                    .insert(key.to_string(), s.clone());
            }
        }
        s
    }

    fn resolve(lang: Lang, key: &str, args: &[(&'static str, Arg)]) -> String {
        let pseudo = lang == Lang::Pseudo;
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| {
                let v = match value {
                    Arg::Text(s) if pseudo => FluentValue::from(format!("{OPEN}{s}{CLOSE}")),
                    Arg::Text(s) => FluentValue::from(s.clone()),
                    Arg::Number(n) => FluentValue::from(*n),
                };
                (Cow::Borrowed(*name), v)
            })
            .collect();
        let found = if map.is_empty() {
            LOCALES.try_lookup(&FR, key)
        } else {
            LOCALES.try_lookup_with_args(&FR, key, &map)
        };
        match found {
            Some(s) if pseudo => super::pseudo(&s, OPEN, CLOSE),
            Some(s) => s,
            None => {
                tracing::error!(key, "missing catalogue key");
                key.to_string()
            }
        }
    }
}

/// The pseudo-locale form of a French text: "[Boonjoouur Camille]" — vowels outside the
/// argument marks doubled, the whole in brackets.
pub fn pseudo(s: &str, open: char, close: char) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2 + 2);
    out.push('[');
    let mut in_arg = false;
    for c in s.chars() {
        if c == open {
            in_arg = true;
        } else if c == close {
            in_arg = false;
        } else {
            out.push(c);
            if !in_arg && "aeiouyàâéèêëîïôûùAEIOUYÉÈ".contains(c) {
                out.push(c);
            }
        }
    }
    out.push(']');
    out
}

#[cfg(all(test, feature = "ssr"))]
mod tests;
