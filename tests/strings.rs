//! Every interface string the code asks for exists in English, and every translation
//! keeps its placeholders.

use std::collections::BTreeSet;
use std::path::Path;

fn keys_in_code() -> BTreeSet<String> {
    fn walk(dir: &Path, out: &mut BTreeSet<String>) {
        for e in std::fs::read_dir(dir).expect("src") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).expect("source");
                for prefix in ["\"log.", "\"bot.", "\"ui.", "\"cli.", "\"phase.", "\"help."] {
                    let mut rest = text.as_str();
                    while let Some(i) = rest.find(prefix) {
                        let tail = &rest[i + 1..];
                        let end = tail
                            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
                            .unwrap_or(tail.len());
                        let key = &tail[..end];
                        if tail[end..].starts_with('"') && !key.ends_with('.') {
                            out.insert(key.to_string());
                        }
                        rest = &rest[i + 1..];
                    }
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

fn strings(lang: &str) -> Option<amu_darya::content::raw::RawStrings> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/i18n/{lang}.ron"));
    let text = std::fs::read_to_string(p).ok()?;
    Some(ron::from_str(&text).expect("strings parse"))
}

/// The keys that `lang` has no string for.
fn absent<'a>(
    keys: impl IntoIterator<Item = &'a String>,
    lang: &amu_darya::content::raw::RawStrings,
) -> Vec<&'a String> {
    keys.into_iter()
        .filter(|k| !lang.strings.contains_key(*k))
        .collect()
}

fn placeholders(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}') else { break };
        out.insert(rest[i + 1..i + j].to_string());
        rest = &rest[i + j..];
    }
    out
}

#[test]
fn every_key_the_code_uses_is_in_english() {
    let en = strings("en").expect("en.ron");
    let used = keys_in_code();
    assert!(used.len() > 20, "found {} keys", used.len());
    let missing = absent(&used, &en);
    assert!(
        missing.is_empty(),
        "keys used in code but not in en.ron: {missing:?}"
    );
}

#[test]
fn translations_keep_their_placeholders() {
    let en = strings("en").expect("en.ron");
    for lang in ["ru"] {
        let Some(other) = strings(lang) else { continue };
        assert_eq!(other.lang, lang);
        for (k, v) in &other.strings {
            let base = en
                .strings
                .get(k)
                .unwrap_or_else(|| panic!("{lang}: unknown key {k}"));
            assert_eq!(placeholders(v), placeholders(base), "{lang}: {k}");
        }
    }
}

#[test]
fn a_missing_translation_falls_back_to_english() {
    let s = amu_darya::text::Strings::from_ron(
        r#"Strings(lang: "xx", strings: {"phase.news": "Nachrichten"})"#,
    )
    .expect("parses");
    assert_eq!(s.get("phase.news"), "Nachrichten");
    assert_eq!(s.get("phase.policy"), "Policy");
    assert!(s.missing().contains(&"phase.policy"));
}

#[test]
fn the_russian_interface_is_complete() {
    // The window offers Russian, so every English key has a Russian string.
    let en = strings("en").expect("en.ron");
    let ru = strings("ru").expect("ru.ron");
    let missing = absent(en.strings.keys(), &ru);
    assert!(
        missing.is_empty(),
        "not translated into Russian: {missing:?}"
    );
}
