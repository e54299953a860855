//! Checking files and folders of content as `amu-darya validate` does: every level,
//! rules, board, states, cards, strings and save file found, each checked the way it is
//! used, every problem reported at once.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::{Diag, Diags, Overrides, SourceFile};
use crate::content;
use crate::session::{self, Save};

/// What was checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub levels: usize,
    pub event_cards: usize,
    pub policy_cards: usize,
    pub regions: usize,
    pub borders: usize,
    pub saves: usize,
    pub files: usize,
}

/// The outcome of a check: what was checked, and every problem found (sorted, each once).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub ok: bool,
    pub summary: Summary,
    pub errors: Vec<Diag>,
    pub warnings: Vec<Diag>,
}

fn collect(paths: &[PathBuf], d: &mut Diags) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
        if depth > 16 {
            return;
        }
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut list: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        list.sort();
        for p in list {
            if p.is_dir() {
                walk(&p, out, depth + 1);
            } else if p.extension().is_some_and(|e| e == "ron" || e == "ftl") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, 0);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            d.file(&p.display().to_string(), "no such file or folder");
        }
    }
    out
}

/// The level to check a lone content file against: the nearest `levels/autumn-2021.ron`
/// above it, else the one under the current folder.
fn default_level_for(file: &Path) -> PathBuf {
    let mut dir = file.parent();
    while let Some(d) = dir {
        let candidate = d.join(crate::DEFAULT_LEVEL);
        if candidate.is_file() {
            return candidate;
        }
        dir = d.parent();
    }
    PathBuf::from(crate::DEFAULT_LEVEL)
}

#[derive(Default)]
struct Seen {
    events: BTreeSet<String>,
    policies: BTreeSet<String>,
    regions: BTreeSet<String>,
    borders: BTreeSet<(String, String)>,
}

impl Seen {
    fn add(&mut self, c: &content::Content, cards: bool, board: bool) {
        if cards {
            for card in &c.cards {
                match card.kind {
                    content::CardKind::Event => self.events.insert(card.id.clone()),
                    content::CardKind::Policy => self.policies.insert(card.id.clone()),
                };
            }
        }
        if board {
            for r in &c.regions {
                self.regions.insert(r.id.clone());
            }
            for b in &c.borders {
                let (a, bb) = (&c.regions[b.a.index()].id, &c.regions[b.b.index()].id);
                let key = if a < bb {
                    (a.clone(), bb.clone())
                } else {
                    (bb.clone(), a.clone())
                };
                self.borders.insert(key);
            }
        }
    }
}

/// Check files and folders (folders are searched for `.ron` files). With `lang`, text of
/// the content with no translation into it is listed as warnings.
pub fn check(paths: &[PathBuf], lang: Option<&str>, assets: Option<&Path>) -> Report {
    let mut d = Diags::default();
    let files = collect(paths, &mut d);
    let mut summary = Summary {
        files: files.len(),
        ..Default::default()
    };
    let mut seen = Seen::default();
    for path in &files {
        validate_file(path, assets, lang, &mut d, &mut summary, &mut seen);
    }
    summary.event_cards = seen.events.len();
    summary.policy_cards = seen.policies.len();
    summary.regions = seen.regions.len();
    summary.borders = seen.borders.len();
    d.list.sort();
    d.list.dedup();
    d.warnings.sort();
    d.warnings.dedup();
    Report {
        ok: d.list.is_empty(),
        summary,
        errors: d.list,
        warnings: d.warnings,
    }
}

fn validate_file(
    path: &Path,
    assets: Option<&Path>,
    lang: Option<&str>,
    d: &mut Diags,
    summary: &mut Summary,
    seen: &mut Seen,
) {
    let shown = path.display().to_string();
    let text = match content::read_text(path) {
        Ok(t) => t,
        Err(e) => {
            d.file(&shown, e);
            return;
        }
    };
    let file = SourceFile {
        path: shown.clone(),
        text,
    };
    if path.extension().is_some_and(|e| e == "ftl") {
        check_strings(path, &file, lang, d);
        return;
    }
    let kind = content::root_kind(&file.text).unwrap_or("").to_string();
    match kind.as_str() {
        "Level" => {
            let root = assets.map_or_else(|| content::assets_for(path), Path::to_path_buf);
            match content::load_level(file, &content::FsSource { root }, &Overrides::default()) {
                Ok(loaded) => {
                    summary.levels += 1;
                    seen.add(&loaded.content, true, true);
                    d.warnings.extend(loaded.warnings.iter().cloned());
                    if let Some(lang) = lang {
                        translations(&loaded, lang, d);
                    }
                }
                Err(e) => {
                    d.list.extend(e.list);
                    d.warnings.extend(e.warnings);
                }
            }
        }
        "Cards" | "Rules" | "Board" | "States" => {
            let level_path = default_level_for(path);
            let level_text = match content::read_text(&level_path) {
                Ok(t) => t,
                Err(e) => {
                    d.file(
                        &shown,
                        format!(
                            "cannot check against the default level {}: {e}",
                            level_path.display()
                        ),
                    );
                    return;
                }
            };
            let mut over = Overrides::default();
            match kind.as_str() {
                "Cards" => over.cards = Some(file),
                "Rules" => over.rules = Some(file),
                "Board" => over.board = Some(file),
                _ => over.states = Some(file),
            }
            let root = assets.map_or_else(|| content::assets_for(&level_path), Path::to_path_buf);
            if kind == "Cards"
                && let (Ok(f), Ok(r)) = (path.canonicalize(), root.canonicalize())
                && let Ok(rel) = f.strip_prefix(&r)
            {
                over.cards_name = Some(rel.to_string_lossy().replace('\\', "/"));
            }
            let level = SourceFile {
                path: level_path.display().to_string(),
                text: level_text,
            };
            match content::load_level(level, &content::FsSource { root }, &over) {
                Ok(loaded) => {
                    seen.add(&loaded.content, kind == "Cards", kind == "Board");
                    if let Some(lang) = lang {
                        translations(&loaded, lang, d);
                    }
                }
                Err(e) => {
                    // Problems of the default level's other files are reported when those
                    // files are checked; here, only this file's.
                    let mine: Vec<Diag> =
                        e.list.iter().filter(|x| x.path == shown).cloned().collect();
                    if mine.is_empty() && !e.list.is_empty() {
                        d.file(
                            &shown,
                            format!(
                                "this file breaks the default level {}: {}",
                                level_path.display(),
                                e.list[0]
                            ),
                        );
                    }
                    d.list.extend(mine);
                }
            }
        }
        "Save" => {
            summary.saves += 1;
            let result = Save::from_ron(&file.text).and_then(|save| {
                let loaded = session::load_save_level(&save, path, assets)?;
                session::verify(&save, Arc::new(loaded.content))
            });
            if let Err(e) = result {
                d.list.extend(e.diags(&shown));
            }
        }
        other => {
            let found = if other.is_empty() { "nothing" } else { other };
            let at = file
                .text
                .find(other)
                .filter(|_| !other.is_empty())
                .unwrap_or(0);
            d.at(
                &file,
                at,
                format!(
                    "expected a Level, Rules, Board, States, Cards or Save file; found `{found}`"
                ),
            );
        }
    }
}

/// Warnings for every text of a level's content with no translation into `lang`.
fn translations(loaded: &content::Loaded, lang: &str, d: &mut Diags) {
    let c = &loaded.content;
    let mut missing: Vec<(String, String)> = Vec::new();
    let mut check = |id: &str, what: &str, t: &content::Text| {
        if !t.is_empty() && !t.contains_key(lang) {
            missing.push((id.to_string(), what.to_string()));
        }
    };
    for card in &c.cards {
        check(&card.id, "title", &card.title);
        check(&card.id, "text", &card.text);
        check(&card.id, "note", &card.note);
        check(&card.id, "beyond-the-essay note", &card.beyond);
        check(&card.id, "detailed description", &card.detail);
    }
    for a in &c.actions {
        check(&a.id, "name", &a.name);
        check(&a.id, "text", &a.text);
    }
    for t in &c.tracks {
        check(&t.id, "name", &t.name);
    }
    for s in &c.states {
        check(&s.id, "name", &s.name);
        check(&s.id, "note", &s.note);
    }
    for r in &c.regions {
        check(&r.id, "name", &r.name);
    }
    for p in &c.postures {
        check(&p.id, "name", &p.name);
        check(&p.id, "short", &p.short);
        check(&p.id, "text", &p.text);
    }
    for r in &c.regions {
        if let Some(l) = &r.label {
            check(&r.id, "label", l);
        }
    }
    for t in &c.tokens {
        check(&t.id, "name", &t.name);
        check(&t.id, "counted", &t.counted);
    }
    for o in &c.orgs {
        check(&o.id, "name", &o.name);
    }
    for p in &c.powers {
        check(&p.id, "name", &p.name);
    }
    for e in &c.eras {
        check(&e.id, "name", &e.name);
    }
    for s in &c.summits {
        check(&s.id, "name", &s.name);
    }
    for l in &c.lasting {
        check(&l.id, "name", &l.name);
    }
    // A choice is named by the card that offers it.
    for card in &c.cards {
        for choice in content::choices_in(&card.effects) {
            if let Some(def) = c.choices.get(choice.index()) {
                check(&card.id, "choice prompt", &def.prompt);
                for o in &def.options {
                    check(&card.id, "choice option", &o.label);
                }
            }
        }
    }
    check(&c.level_id, "level name", &c.level_name);
    check(&c.level_id, "level description", &c.level_description);
    for (id, what) in missing {
        let file = loaded
            .files
            .iter()
            .find(|f| f.find_id(&id).is_some())
            .unwrap_or(&loaded.files[0]);
        let at = file.find_id(&id).unwrap_or(0);
        d.warn(
            file,
            at,
            format!("missing `{lang}` translation of `{id}` {what}"),
        );
    }
    if lang != "en" {
        let strings_path = PathBuf::from(format!("assets/i18n/{lang}.ftl"));
        match content::read_text(&strings_path) {
            Ok(text) => {
                let file = SourceFile {
                    path: strings_path.display().to_string(),
                    text,
                };
                check_strings(&strings_path, &file, Some(lang), d);
            }
            Err(_) => d.warnings.push(Diag {
                path: strings_path.display().to_string(),
                line: 1,
                col: 1,
                message: format!(
                    "no interface strings for `{lang}` yet; everything falls back to English"
                ),
            }),
        }
    }
}

/// An interface strings file (`assets/i18n/<lang>.ftl`): Fluent syntax, with its errors
/// located; no value the game does not give; and, when `lang` is its language, every
/// string English has (warnings).
fn check_strings(path: &Path, file: &SourceFile, lang: Option<&str>, d: &mut Diags) {
    let file_lang = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let strings = match crate::text::Strings::parse(&file_lang, &file.text) {
        Ok(s) => s,
        Err(errors) => {
            for e in errors {
                d.list.push(Diag {
                    path: file.path.clone(),
                    line: e.line,
                    col: e.col,
                    message: e.message,
                });
            }
            return;
        }
    };
    let english: std::collections::BTreeMap<String, BTreeSet<String>> =
        crate::text::messages(crate::text::BUILT_IN[0].1)
            .into_iter()
            .collect();
    for (key, vars) in crate::text::messages(&file.text) {
        let at = file.text.find(&format!("\n{key} =")).map_or(0, |i| i + 1);
        match english.get(&key) {
            None if file_lang != "en" => d.warn(
                file,
                at,
                format!("string `{key}` is not in English, so the game never asks for it"),
            ),
            Some(known) => {
                for v in vars.difference(known) {
                    d.at(
                        file,
                        at,
                        format!(
                            "string `{key}` uses `${v}`, which the game does not give it (it gives: {})",
                            known.iter().map(|k| format!("${k}")).collect::<Vec<_>>().join(", ")
                        ),
                    );
                }
            }
            None => {}
        }
    }
    if lang == Some(file_lang.as_str()) {
        for k in strings.missing() {
            d.warn(
                file,
                0,
                format!("missing `{file_lang}` translation of string `{k}`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_content_checks_clean_and_is_counted() {
        let r = check(
            &[PathBuf::from("levels"), PathBuf::from("assets")],
            None,
            None,
        );
        assert!(r.ok, "{:?}", r.errors);
        assert!(r.summary.levels >= 7);
        assert!(r.summary.event_cards >= 50 && r.summary.policy_cards >= 30);
        assert!(r.summary.regions >= 18 && r.summary.borders >= 40);
    }

    #[test]
    fn a_missing_path_and_a_broken_file_are_reported_with_their_places() {
        let r = check(
            &[
                PathBuf::from("no/such/folder"),
                PathBuf::from("tests/fixtures/cards/unknown-track.ron"),
            ],
            None,
            None,
        );
        assert!(!r.ok);
        assert!(r.errors.iter().any(|d| d.path == "no/such/folder"));
        let card = r
            .errors
            .iter()
            .find(|d| d.path.ends_with("unknown-track.ron"))
            .expect("the card file's problem");
        assert!(card.line > 1, "located: {card}");
    }

    #[test]
    fn missing_translations_are_warnings_not_errors() {
        let r = check(&[PathBuf::from("levels/autumn-2021.ron")], Some("xx"), None);
        assert!(r.ok);
        assert!(
            r.warnings
                .iter()
                .any(|w| w.message.contains("missing `xx` translation"))
        );
    }
}
