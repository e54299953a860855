//! Localization with [Fluent](https://projectfluent.org): the code's strings, by key, in
//! `assets/i18n/<lang>.ftl`, with plural forms chosen by the language's own rules
//! ("1 беженец", "2 беженца", "5 беженцев"); and content text picked by language.
//!
//! English and Russian are built into the binary, so every build speaks them; a string a
//! language lacks falls back to English. Keys are written in the code with dots
//! (`log.spawn`) and in the files with dashes (`log-spawn`), as Fluent spells identifiers.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

use crate::content::raw::Text;

/// The English strings.
const EN: &str = include_str!("../assets/i18n/en.ftl");
/// The Russian strings.
const RU: &str = include_str!("../assets/i18n/ru.ftl");

/// The languages built in, with their strings files' text.
pub const BUILT_IN: [(&str, &str); 2] = [("en", EN), ("ru", RU)];

/// Pick a text in `lang`, falling back to English, then to any language there is.
pub fn pick<'a>(text: &'a Text, lang: &str) -> &'a str {
    text.get(lang)
        .or_else(|| text.get("en"))
        .or_else(|| text.values().next())
        .map_or("", String::as_str)
}

/// A card's note in `lang`, with its fuller account of violence after it when the reader
/// chose detailed descriptions (the content-sensitivity setting).
pub fn card_note(card: &crate::content::CardDef, lang: &str, detailed: bool) -> String {
    let note = pick(&card.note, lang);
    if detailed && !card.detail.is_empty() {
        format!("{note} {}", pick(&card.detail, lang))
    } else {
        note.to_string()
    }
}

/// A card's source as the reader's language writes it: author–year references stay as
/// they are; the project's two forms for the essay itself are translated.
pub fn source_text(s: &Strings, source: &str) -> String {
    source
        .replace("the essay's own argument", s.get("ui.source-own"))
        .replace("the essay, no footnote", s.get("ui.source-unfootnoted"))
}

/// A key as Fluent spells it.
fn id(key: &str) -> String {
    key.replace('.', "-")
}

/// The code's strings for one language, with English beneath.
#[derive(Clone)]
pub struct Strings {
    pub lang: String,
    bundle: Arc<FluentBundle<FluentResource>>,
    /// The messages that take no values, formatted once (so `get` lends a `&str`).
    plain: BTreeMap<String, String>,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Strings({}, {} plain)", self.lang, self.plain.len())
    }
}

/// A problem in a strings file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringsError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

fn english() -> &'static Strings {
    static EN_STRINGS: OnceLock<Strings> = OnceLock::new();
    EN_STRINGS.get_or_init(|| Strings::parse("en", EN).unwrap_or_else(|_| Strings::empty("en")))
}

/// Line and column (from 1) of a byte offset.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

impl Strings {
    fn empty(lang: &str) -> Strings {
        let langid = lang.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        Strings {
            lang: lang.to_string(),
            bundle: Arc::new(bundle),
            plain: BTreeMap::new(),
        }
    }

    /// English only.
    pub fn english() -> Self {
        english().clone()
    }

    /// A built-in language (`en`, `ru`); any other is English.
    pub fn built_in(lang: &str) -> Self {
        BUILT_IN
            .iter()
            .find(|(l, _)| *l == lang && *l != "en")
            .and_then(|(l, text)| Strings::parse(l, text).ok())
            .unwrap_or_else(Strings::english)
    }

    /// A language from its strings file's text; every syntax error is reported with its
    /// line and column.
    pub fn parse(lang: &str, text: &str) -> Result<Self, Vec<StringsError>> {
        let resource = match FluentResource::try_new(text.to_string()) {
            Ok(r) => r,
            Err((_, errors)) => {
                return Err(errors
                    .into_iter()
                    .map(|e| {
                        let (line, col) = line_col(text, e.pos.start);
                        StringsError {
                            line,
                            col,
                            message: format!("not Fluent syntax: {}", e.kind),
                        }
                    })
                    .collect());
            }
        };
        let mut s = Strings::empty(lang);
        let bundle = Arc::get_mut(&mut s.bundle).expect("just made");
        if let Err(errors) = bundle.add_resource(resource) {
            return Err(errors
                .into_iter()
                .map(|e| StringsError {
                    line: 1,
                    col: 1,
                    message: e.to_string(),
                })
                .collect());
        }
        let mut plain = BTreeMap::new();
        for (key, _) in messages(text) {
            if let Some(pattern) = s.bundle.get_message(&key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let v = s.bundle.format_pattern(pattern, None, &mut errors);
                if errors.is_empty() {
                    plain.insert(key, v.into_owned());
                }
            }
        }
        s.plain = plain;
        Ok(s)
    }

    /// The string for `key` (one that takes no values), or the key itself when no
    /// language has it.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        let k = id(key);
        self.plain
            .get(&k)
            .or_else(|| english().plain.get(&k))
            .map_or(key, String::as_str)
    }

    /// The string for `key` with its values filled in; a value that is a whole number
    /// chooses plural forms.
    pub fn fmt(&self, key: &str, args: &[(&str, &str)]) -> String {
        let k = id(key);
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            match value.parse::<i64>() {
                Ok(n) => fluent.set(*name, FluentValue::from(n)),
                Err(_) => fluent.set(*name, FluentValue::from(*value)),
            }
        }
        for bundle in [&self.bundle, &english().bundle] {
            if let Some(pattern) = bundle.get_message(&k).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, Some(&fluent), &mut errors)
                    .into_owned();
            }
        }
        key.to_string()
    }

    /// The keys (as the files spell them) English has and this language lacks.
    pub fn missing(&self) -> Vec<String> {
        messages(EN)
            .into_iter()
            .map(|(k, _)| k)
            .filter(|k| !self.bundle.has_message(k))
            .collect()
    }
}

/// Every message of a strings file: its key and the names of the values it uses.
pub fn messages(text: &str) -> Vec<(String, BTreeSet<String>)> {
    let resource = match FluentResource::try_new(text.to_string()) {
        Ok(r) | Err((r, _)) => r,
    };
    resource
        .entries()
        .filter_map(|e| match e {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                Some((m.id.name.to_string(), vars))
            }
            _ => None,
        })
        .collect()
}

fn pattern_vars(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            match expression {
                ast::Expression::Inline(i) => inline_vars(i, out),
                ast::Expression::Select { selector, variants } => {
                    inline_vars(selector, out);
                    for v in variants {
                        pattern_vars(&v.value, out);
                    }
                }
            }
        }
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => match &**expression {
            ast::Expression::Inline(i) => inline_vars(i, out),
            ast::Expression::Select { selector, variants } => {
                inline_vars(selector, out);
                for v in variants {
                    pattern_vars(&v.value, out);
                }
            }
        },
        _ => {}
    }
}

/// The English string for `key`.
pub fn en(key: &str) -> &str {
    english().get(key)
}

/// A counted noun from content (a Fluent pattern using `$count`, such as
/// `{ $count -> [one] militant *[other] militants }`), for `count`, in `lang` (else
/// English); `None` when the text has no such pattern.
pub fn counted(text: &Text, lang: &str, count: i64) -> Option<String> {
    let (lang, pattern) = text
        .get_key_value(lang)
        .or_else(|| text.get_key_value("en"))?;
    let mut s = Strings::parse(lang, &format!("n = {}\n", multiline(pattern))).ok()?;
    s.lang = lang.clone();
    Some(s.fmt("n", &[("count", &count.to_string())]))
}

/// A pattern whose select expressions are written on one line, as content files may
/// (`{ $count -> [one] militant *[other] militants }`), in Fluent's own layout: each
/// variant, and the closing brace, on a line of its own.
fn multiline(p: &str) -> String {
    if p.contains('\n') || !p.contains("->") {
        return p.to_string();
    }
    let chars: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len() + 16);
    let mut in_select = false;
    let mut i = 0;
    while i < chars.len() {
        let next = |k: usize| chars.get(i + k).copied();
        if !in_select && chars[i] == '-' && next(1) == Some('>') {
            in_select = true;
            out.push_str("->");
            i += 2;
            continue;
        }
        if in_select && chars[i] == ' ' {
            if next(1) == Some('[') || (next(1) == Some('*') && next(2) == Some('[')) {
                out.push_str("\n    ");
                i += 1;
                continue;
            }
            if next(1) == Some('}') {
                out.push_str("\n    ");
                in_select = false;
                i += 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plurals_follow_russian_rules() {
        let ru = Strings::parse(
            "ru",
            "n = { $count } { $count ->\n    [one] беженец\n    [few] беженца\n   *[many] беженцев\n}\n",
        )
        .expect("parses");
        let got: Vec<String> = [1, 2, 5, 11, 21, 22, 25]
            .iter()
            .map(|n| ru.fmt("n", &[("count", &n.to_string())]))
            .collect();
        assert_eq!(
            got,
            [
                "1 беженец",
                "2 беженца",
                "5 беженцев",
                "11 беженцев",
                "21 беженец",
                "22 беженца",
                "25 беженцев"
            ]
        );
    }

    #[test]
    fn a_missing_string_falls_back_to_english_then_to_its_key() {
        let xx = Strings::parse("xx", "phase-news = Nachrichten\n").expect("parses");
        assert_eq!(xx.get("phase.news"), "Nachrichten");
        assert_eq!(xx.get("phase.policy"), "Policy");
        assert_eq!(xx.get("no.such-key"), "no.such-key");
        assert!(xx.missing().contains(&"phase-policy".to_string()));
    }

    #[test]
    fn syntax_errors_say_where() {
        let e = Strings::parse("xx", "good = fine\nbad = { $x\nlast = ok\n").unwrap_err();
        assert!(e[0].line >= 2, "{e:?}");
    }

    #[test]
    fn counted_nouns_come_from_content() {
        let mut t = Text::new();
        t.insert(
            "en".into(),
            "{ $count -> [one] militant *[other] militants }".into(),
        );
        t.insert(
            "ru".into(),
            "{ $count -> [one] боевик [few] боевика *[many] боевиков }".into(),
        );
        assert_eq!(counted(&t, "en", 1).as_deref(), Some("militant"));
        assert_eq!(counted(&t, "en", 3).as_deref(), Some("militants"));
        assert_eq!(counted(&t, "ru", 3).as_deref(), Some("боевика"));
        assert_eq!(counted(&t, "de", 3).as_deref(), Some("militants"));
    }
}
