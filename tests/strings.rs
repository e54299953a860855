//! Every interface string the code asks for exists in English; Russian has every string,
//! gives each only the values the game fills in, and picks Russian plural forms.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use amu_darya::text::{self, Strings};

fn keys_in_code() -> BTreeSet<String> {
    fn walk(dir: &Path, out: &mut BTreeSet<String>) {
        for e in std::fs::read_dir(dir).expect("src") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).expect("source");
                for prefix in [
                    "\"log.",
                    "\"bot.",
                    "\"ui.",
                    "\"cli.",
                    "\"phase.",
                    "\"table.",
                    "\"help.",
                    "\"report.",
                ] {
                    let mut rest = text.as_str();
                    while let Some(i) = rest.find(prefix) {
                        let tail = &rest[i + 1..];
                        let end = tail
                            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
                            .unwrap_or(tail.len());
                        let key = &tail[..end];
                        if tail[end..].starts_with('"') && !key.ends_with('.') {
                            out.insert(key.replace('.', "-"));
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

fn messages(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/i18n/{lang}.ftl"));
    let t = std::fs::read_to_string(p).expect("strings file");
    Strings::parse(lang, &t).expect("parses");
    text::messages(&t).into_iter().collect()
}

#[test]
fn every_key_the_code_uses_is_in_english() {
    let en = messages("en");
    let used = keys_in_code();
    assert!(used.len() > 20, "found {} keys", used.len());
    let missing: Vec<&String> = used.iter().filter(|k| !en.contains_key(*k)).collect();
    assert!(
        missing.is_empty(),
        "keys used in code but not in en.ftl: {missing:?}"
    );
}

#[test]
fn the_russian_interface_is_complete_and_uses_only_the_values_given() {
    let en = messages("en");
    let ru = messages("ru");
    let missing: Vec<&String> = en.keys().filter(|k| !ru.contains_key(*k)).collect();
    assert!(
        missing.is_empty(),
        "not translated into Russian: {missing:?}"
    );
    for (k, vars) in &ru {
        let given = en.get(k).unwrap_or_else(|| panic!("ru: unknown key {k}"));
        assert!(
            vars.is_subset(given),
            "ru `{k}` uses {vars:?}; English gives {given:?}"
        );
    }
    // What English says with numbers, Russian says with numbers too.
    for (k, vars) in &en {
        for counted in ["count", "rounds", "left", "cost", "n"] {
            if vars.contains(counted) {
                assert!(ru[k].contains(counted), "ru `{k}` drops ${counted}");
            }
        }
    }
}

#[test]
fn counts_read_right_in_both_languages() {
    let en = Strings::built_in("en");
    let ru = Strings::built_in("ru");
    let draw = |s: &Strings, n: &str| s.fmt("log.draw", &[("state", "X"), ("count", n)]);
    assert!(
        draw(&en, "1").contains("1 policy card."),
        "{}",
        draw(&en, "1")
    );
    assert!(
        draw(&en, "2").contains("2 policy cards"),
        "{}",
        draw(&en, "2")
    );
    assert!(draw(&ru, "1").contains("1 карту"), "{}", draw(&ru, "1"));
    assert!(draw(&ru, "2").contains("2 карты"), "{}", draw(&ru, "2"));
    assert!(draw(&ru, "5").contains("5 карт"), "{}", draw(&ru, "5"));
}
