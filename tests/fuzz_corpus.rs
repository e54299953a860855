//! The fuzz targets' saved corpus, and every input that ever made one fail, replayed on
//! each `cargo test` (no fuzzing needed): see fuzz/README.md.

use std::path::{Path, PathBuf};

use amu_darya::content::MapSource;
use amu_darya::fuzz::{self, Shipped};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The default level and every file under assets/, as the fuzz targets hold them.
fn shipped() -> Shipped {
    fn walk(dir: &Path, base: &Path, out: &mut MapSource) {
        for e in std::fs::read_dir(dir).expect("assets folder") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, base, out);
            } else if p.extension().is_some_and(|x| x == "ron") {
                let rel = p.strip_prefix(base).expect("under assets");
                let key = rel.to_string_lossy().replace('\\', "/");
                out.files
                    .insert(key, std::fs::read_to_string(&p).expect("text"));
            }
        }
    }
    let mut assets = MapSource {
        root: "assets".into(),
        ..MapSource::default()
    };
    walk(&root().join("assets"), &root().join("assets"), &mut assets);
    let level = "levels/autumn-2021.ron";
    Shipped {
        level: (
            level.into(),
            std::fs::read_to_string(root().join(level)).expect("level"),
        ),
        assets,
    }
}

/// Every input saved for a target: its corpus and its regressions.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in ["corpus", "regressions"] {
        let d = root().join("fuzz").join(dir).join(target);
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            let hidden = f
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if f.is_file() && !hidden {
                let bytes = std::fs::read(&f).expect("input");
                out.push((f, bytes));
            }
        }
    }
    out
}

fn replay(target: &str, run: impl Fn(&[u8])) {
    let list = inputs(target);
    assert!(!list.is_empty(), "no saved inputs for `{target}`");
    for (path, bytes) in &list {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(bytes)));
        assert!(r.is_ok(), "fuzz input {} fails again", path.display());
    }
}

#[test]
fn the_level_corpus_replays() {
    let s = shipped();
    replay("level", |b| fuzz::level(&s, b));
}

#[test]
fn the_save_corpus_replays() {
    let c = shipped().content();
    replay("save", |b| fuzz::save(&c, b));
}

#[test]
fn the_command_corpus_replays() {
    let c = shipped().content();
    replay("commands", |b| fuzz::commands(&c, b));
}
