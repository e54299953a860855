//! The levels the window offers and the content they load: read from the `levels/` and
//! `assets/` folders on the desktop, or from the files the browser fetched before the game
//! started. Content is validated once per level and kept.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use bevy::prelude::*;

use crate::content::raw::{RawLevel, Text};
use crate::content::{self, Content, MapSource, SourceFile};

/// A level the window can start.
#[derive(Debug, Clone)]
pub(super) struct LevelEntry {
    /// As saves name it: `levels/autumn-2021.ron`.
    pub path: String,
    pub name: Text,
    pub description: Text,
    pub rounds: u32,
    /// Its place in the list (the level's `order`).
    pub order: u32,
}

/// Where the files are.
#[derive(Debug, Clone)]
enum Files {
    /// On disk, paths relative to the current folder (or absolute).
    #[cfg(not(target_arch = "wasm32"))]
    Disk,
    /// Fetched by the browser: paths relative to the page (`levels/…`, `assets/…`).
    Fetched(Arc<BTreeMap<String, String>>),
}

/// Every level on offer, and the content of those loaded so far.
#[derive(Resource)]
pub(super) struct Library {
    pub levels: Vec<LevelEntry>,
    files: Files,
    loaded: Mutex<BTreeMap<String, Result<Arc<Content>, String>>>,
}

/// A level file's header (name, description, length) without validating its content.
fn header(path: &str, text: &str) -> Option<LevelEntry> {
    let options = ron::Options::default().with_recursion_limit(content::MAX_RON_DEPTH);
    let raw: RawLevel = options.from_str(text).ok()?;
    Some(LevelEntry {
        path: path.to_string(),
        name: raw.name,
        description: raw.description,
        rounds: raw.rounds,
        order: raw.order,
    })
}

/// The levels in the order the level files ask for, then by path.
fn sorted(mut levels: Vec<LevelEntry>) -> Vec<LevelEntry> {
    levels.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.path.cmp(&b.path)));
    levels
}

/// The first problems of a level that does not load, as lines for the screen.
fn describe(d: &content::Diags) -> String {
    const SHOWN: usize = 4;
    let mut lines: Vec<String> = d.list.iter().take(SHOWN).map(ToString::to_string).collect();
    if d.list.len() > SHOWN {
        lines.push(format!("… and {} more problems", d.list.len() - SHOWN));
    }
    if lines.is_empty() {
        lines.push("the level does not load".to_string());
    }
    lines.join("\n")
}

impl Library {
    /// The levels in `levels/` (sorted by file name), plus `extra` when it lies elsewhere.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_disk(extra: Option<&Path>) -> Library {
        let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir("levels")
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                    .collect()
            })
            .unwrap_or_default();
        paths.sort();
        if let Some(x) = extra
            && !paths.iter().any(|p| same_file(p, x))
        {
            paths.push(x.to_path_buf());
        }
        let levels = paths
            .iter()
            .filter_map(|p| {
                let text = content::read_text(p).ok()?;
                header(&p.display().to_string(), &text)
            })
            .collect();
        Library {
            levels: sorted(levels),
            files: Files::Disk,
            loaded: Mutex::new(BTreeMap::new()),
        }
    }

    /// The levels among fetched files (`levels/*.ron`), by path.
    #[cfg_attr(
        all(not(target_arch = "wasm32"), not(test)),
        expect(dead_code, reason = "the browser build fetches its files")
    )]
    pub fn from_files(files: BTreeMap<String, String>) -> Library {
        let levels = files
            .iter()
            .filter(|(p, _)| p.starts_with("levels/") && p.ends_with(".ron"))
            .filter_map(|(p, text)| header(p, text))
            .collect();
        Library {
            levels: sorted(levels),
            files: Files::Fetched(Arc::new(files)),
            loaded: Mutex::new(BTreeMap::new()),
        }
    }

    /// The position of a level by its path, if offered.
    pub fn find(&self, path: &str) -> Option<usize> {
        self.levels
            .iter()
            .position(|l| same_file(Path::new(&l.path), Path::new(path)))
    }

    /// The validated content of a level (loaded once, then kept), or why it does not load.
    pub fn content(&self, path: &str) -> Result<Arc<Content>, String> {
        let mut cache = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(done) = cache.get(path) {
            return done.clone();
        }
        let result = match &self.files {
            #[cfg(not(target_arch = "wasm32"))]
            Files::Disk => content::load_level_file(Path::new(path), None),
            Files::Fetched(files) => match files.get(path) {
                Some(text) => content::load_level(
                    SourceFile {
                        path: path.to_string(),
                        text: text.clone(),
                    },
                    &MapSource {
                        files: files
                            .iter()
                            .filter_map(|(p, t)| {
                                p.strip_prefix("assets/")
                                    .map(|p| (p.to_string(), t.clone()))
                            })
                            .collect(),
                        root: "assets".into(),
                    },
                    &content::Overrides::default(),
                ),
                None => {
                    let mut d = content::Diags::default();
                    d.file(path, "no such level was loaded".to_string());
                    Err(d)
                }
            },
        }
        .map(|l| Arc::new(l.content))
        .map_err(|d| describe(&d));
        cache.insert(path.to_string(), result.clone());
        result
    }
}

/// Whether two paths name the same file (by their text, after `./`).
fn same_file(a: &Path, b: &Path) -> bool {
    let clean = |p: &Path| {
        let s = p.display().to_string();
        s.strip_prefix("./").unwrap_or(&s).to_string()
    };
    clean(a) == clean(b)
}

/// A fresh seed for a new game, shown on screen so a class can share it (five digits are
/// easy to read out).
pub(super) fn fresh_seed() -> u64 {
    let mut bytes = [0u8; 8];
    if getrandom::fill(&mut bytes).is_err() {
        return 2021;
    }
    u64::from_le_bytes(bytes) % 100_000
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped_files() -> BTreeMap<String, String> {
        let mut files = BTreeMap::new();
        for dir in [
            "levels",
            "assets/rules",
            "assets/map",
            "assets/states",
            "assets/cards",
        ] {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                let text = std::fs::read_to_string(&p).unwrap();
                files.insert(p.display().to_string(), text);
            }
        }
        files
    }

    #[test]
    fn fetched_files_give_the_same_content_as_the_disk() {
        let disk = Library::from_disk(None);
        let web = Library::from_files(shipped_files());
        assert_eq!(disk.levels.len(), web.levels.len());
        assert!(disk.levels.len() >= 7, "every shipped level is offered");
        for level in &disk.levels {
            let a = disk.content(&level.path).unwrap();
            let b = web.content(&level.path).unwrap();
            assert_eq!(a.hash, b.hash, "{}", level.path);
        }
    }

    #[test]
    fn a_missing_file_is_reported_with_its_place() {
        let mut files = shipped_files();
        files.remove("assets/map/board.ron");
        let web = Library::from_files(files);
        let err = web.content("levels/autumn-2021.ron").unwrap_err();
        assert!(err.contains("map/board.ron"), "{err}");
        assert!(err.contains("levels/autumn-2021.ron:"), "{err}");
        assert!(web.content("levels/none.ron").is_err());
    }
}
