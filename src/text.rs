//! Localization: content text picked by language, and the code's strings looked up by key.
//!
//! English is built in; other languages are loaded from `assets/i18n/<lang>.ron`. A missing
//! translation falls back to English.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::content::raw::{RawStrings, Text};

/// The English strings, built into the binary so every build can speak.
const EN: &str = include_str!("../assets/i18n/en.ron");

/// Pick a text in `lang`, falling back to English, then to any language there is.
pub fn pick<'a>(text: &'a Text, lang: &str) -> &'a str {
    text.get(lang)
        .or_else(|| text.get("en"))
        .or_else(|| text.values().next())
        .map_or("", String::as_str)
}

/// The code's strings for one language, with English beneath.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    pub lang: String,
    local: BTreeMap<String, String>,
}

fn english() -> &'static BTreeMap<String, String> {
    static EN_MAP: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    EN_MAP.get_or_init(|| {
        ron::from_str::<RawStrings>(EN)
            .map(|s| s.strings)
            .unwrap_or_default()
    })
}

impl Strings {
    /// English only.
    pub fn english() -> Self {
        Strings {
            lang: "en".into(),
            local: BTreeMap::new(),
        }
    }

    /// A language from its strings file's text; keys it lacks fall back to English.
    pub fn from_ron(text: &str) -> Result<Self, String> {
        let raw: RawStrings = ron::from_str(text).map_err(|e| e.to_string())?;
        Ok(Strings {
            lang: raw.lang,
            local: raw.strings,
        })
    }

    /// The string for `key`, or the key itself when no language has it.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.local
            .get(key)
            .or_else(|| english().get(key))
            .map_or(key, String::as_str)
    }

    /// The string for `key` with `{name}` placeholders filled in.
    pub fn fmt(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut out = self.get(key).to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    /// English keys this language does not translate.
    pub fn missing(&self) -> Vec<&str> {
        english()
            .keys()
            .filter(|k| !self.local.contains_key(*k))
            .map(String::as_str)
            .collect()
    }
}

/// The English string for `key`.
pub fn en(key: &str) -> &str {
    english().get(key).map_or(key, String::as_str)
}
