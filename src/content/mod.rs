//! Content: RON files parsed into raw shapes, then validated into typed [`Content`].
//!
//! Loading has two phases. [`parse`] turns text into `Raw*` shapes (syntax and shape
//! errors); [`validate::validate`] resolves names into typed ids and checks ranges,
//! reporting every problem at once. Sizes, depths and counts are capped so that no input
//! can make loading panic, hang or use unbounded memory.

pub mod check;
pub mod diag;
pub mod model;
pub mod raw;
pub mod validate;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

pub use diag::{Diag, Diags, SourceFile};
pub use model::*;

use crate::hash::Fnv64;

/// Largest content file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// Deepest RON nesting the parser accepts.
pub const MAX_RON_DEPTH: usize = 48;
/// Deepest nesting of effects and conditions.
pub const MAX_EFFECT_DEPTH: usize = 10;
/// Most effects in one level, all files together.
pub const MAX_EFFECT_NODES: usize = 50_000;
/// Most cards in one level.
pub const MAX_CARDS: usize = 2_000;
/// Most rounds a level can last.
pub const MAX_ROUNDS: u32 = 60;
/// Most seats.
pub const MAX_SEATS: usize = 8;
/// Largest token supply of one kind.
pub const MAX_SUPPLY: u32 = 100;
/// Most repetitions of a `Repeat`.
pub const MAX_REPEAT: u32 = 10;
/// Most options of a choice.
pub const MAX_CHOICE_OPTIONS: usize = 6;
/// Most files one level may load.
pub const MAX_FILES: usize = 64;

/// Where content files come from: the file system, or files bundled into the binary.
pub trait Source {
    /// Read a file by path (relative to this source's root), capped at [`MAX_FILE_BYTES`].
    fn read(&self, path: &str) -> Result<String, String>;

    /// How to show a path of this source in messages.
    fn display(&self, path: &str) -> String {
        path.to_string()
    }
}

/// Files under a folder on disk.
#[derive(Debug, Clone)]
pub struct FsSource {
    pub root: PathBuf,
}

impl Source for FsSource {
    fn read(&self, path: &str) -> Result<String, String> {
        if path.contains("..") || Path::new(path).is_absolute() {
            return Err(format!(
                "path `{path}` leaves the assets folder; expected a relative path inside it"
            ));
        }
        read_text(&self.root.join(path))
    }

    fn display(&self, path: &str) -> String {
        let root = self.root.display().to_string();
        let root = root.strip_prefix("./").unwrap_or(&root);
        format!("{}/{path}", root.trim_end_matches('/'))
    }
}

/// Files held in memory by path: the browser build's content, fetched from its folder
/// before the game starts (or files made by a test).
#[derive(Debug, Clone, Default)]
pub struct MapSource {
    /// Text by path, relative to the source's root.
    pub files: std::collections::BTreeMap<String, String>,
    /// How the root is shown in messages (`assets` for the browser build).
    pub root: String,
}

impl Source for MapSource {
    fn read(&self, path: &str) -> Result<String, String> {
        if path.contains("..") || path.starts_with('/') {
            return Err(format!(
                "path `{path}` leaves the assets folder; expected a relative path inside it"
            ));
        }
        let text = self
            .files
            .get(path)
            .ok_or_else(|| "no such file was loaded".to_string())?;
        if text.len() as u64 > MAX_FILE_BYTES {
            return Err(format!(
                "file is larger than {MAX_FILE_BYTES} bytes; content files must be smaller"
            ));
        }
        Ok(text.clone())
    }

    fn display(&self, path: &str) -> String {
        if self.root.is_empty() {
            path.to_string()
        } else {
            format!("{}/{path}", self.root)
        }
    }
}

/// Read a text file from disk with the size cap, as UTF-8.
pub fn read_text(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "file is larger than {} bytes; content files must be smaller",
            MAX_FILE_BYTES
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "file is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Parse a RON file into a raw shape, recording a located error on failure.
pub fn parse<T: DeserializeOwned>(file: &SourceFile, d: &mut Diags) -> Option<T> {
    let options = ron::Options::default().with_recursion_limit(MAX_RON_DEPTH);
    match options.from_str::<T>(&file.text) {
        Ok(v) => Some(v),
        Err(e) => {
            let (line, col, message) = ron_error(&file.text, &e);
            d.list.push(Diag {
                path: file.path.clone(),
                line,
                col,
                message,
            });
            None
        }
    }
}

/// Line, column and a readable message for a RON error; an error that runs into the end
/// of the text says the file is truncated.
pub fn ron_error(text: &str, e: &ron::error::SpannedError) -> (usize, usize, String) {
    let mut message = describe_ron_error(&e.code);
    let end_line = 1 + text.matches('\n').count();
    let end_col = 1 + text.rsplit('\n').next().map_or(0, |l| l.chars().count());
    let at_end = (e.span.end.line == end_line && e.span.end.col >= end_col)
        || matches!(e.code, ron::Error::ExpectedStringEnd);
    if at_end && !matches!(e.code, ron::Error::Eof) {
        message = format!(
            "unexpected end of file (the file is truncated or a bracket is not closed): {message}"
        );
    }
    (e.span.start.line.max(1), e.span.start.col.max(1), message)
}

fn describe_ron_error(e: &ron::Error) -> String {
    let text = e.to_string();
    if text.contains("recursion limit") {
        format!("nested more than {MAX_RON_DEPTH} levels deep")
    } else if matches!(e, ron::Error::Eof) {
        "unexpected end of file (the file is truncated or a bracket is not closed)".to_string()
    } else {
        text
    }
}

/// The first identifier of a RON file: `Level`, `Rules`, `Board`, `States`, `Cards` or
/// `Save`.
pub fn root_kind(text: &str) -> Option<&str> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, r)| r);
        } else if let Some(r) = rest.strip_prefix("#![") {
            rest = r.split_once(']').map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Where to look for assets, given a level file: `<level dir>/../assets` when it exists,
/// else `./assets`.
pub fn assets_for(level: &Path) -> PathBuf {
    if let Some(parent) = level.parent() {
        let candidate = parent.join("..").join("assets");
        if candidate.join("rules").is_dir() {
            return candidate;
        }
        let beside = parent.join("assets");
        if beside.join("rules").is_dir() {
            return beside;
        }
    }
    PathBuf::from("assets")
}

/// A loaded level: the validated content and the files it read.
pub struct Loaded {
    pub content: Content,
    pub files: Vec<SourceFile>,
    pub warnings: Vec<Diag>,
}

/// What to validate a level with: the level's own files, or with some replaced
/// (checking a single card, rules, board or states file against the default level).
#[derive(Default, Clone)]
pub struct Overrides {
    pub rules: Option<SourceFile>,
    pub board: Option<SourceFile>,
    pub states: Option<SourceFile>,
    /// A card file: replaces the level's card file of the same name (relative to the
    /// assets folder, given in `cards_name`), or joins the level's card files.
    pub cards: Option<SourceFile>,
    pub cards_name: Option<String>,
}

/// Load and validate a level whose text is given, reading the files it names from `assets`.
pub fn load_level(
    level: SourceFile,
    assets: &dyn Source,
    over: &Overrides,
) -> Result<Loaded, Diags> {
    let mut d = Diags::default();
    let Some(raw_level) = parse::<raw::RawLevel>(&level, &mut d) else {
        return Err(d);
    };
    let read = |name: &str, d: &mut Diags| -> Option<SourceFile> {
        match assets.read(name) {
            Ok(text) => Some(SourceFile {
                path: assets.display(name),
                text,
            }),
            Err(e) => {
                let at = level.find_quoted(name, 0).unwrap_or(0);
                d.at(&level, at, format!("cannot load `{name}`: {e}"));
                None
            }
        }
    };
    let n_files = 3 + raw_level.events.len() + raw_level.policies.len();
    if n_files > MAX_FILES {
        d.file(
            &level.path,
            format!("the level names {n_files} files; at most {MAX_FILES}"),
        );
        return Err(d);
    }
    let rules = over
        .rules
        .clone()
        .or_else(|| read(&raw_level.rules, &mut d));
    let board = over.board.clone().or_else(|| read(&raw_level.map, &mut d));
    let states = over
        .states
        .clone()
        .or_else(|| read(&raw_level.states, &mut d));
    let mut card_files: Vec<SourceFile> = Vec::new();
    let mut seen: Vec<&String> = Vec::new();
    let mut replaced = false;
    for name in raw_level.events.iter().chain(&raw_level.policies) {
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        match (&over.cards, &over.cards_name) {
            (Some(f), Some(n)) if n == name => {
                card_files.push(f.clone());
                replaced = true;
            }
            _ => card_files.extend(read(name, &mut d)),
        }
    }
    if let (Some(f), false) = (&over.cards, replaced) {
        card_files.push(f.clone());
    }
    let (Some(rules), Some(board), Some(states)) = (rules, board, states) else {
        return Err(d);
    };
    let raw_rules = parse::<raw::RawRules>(&rules, &mut d);
    let raw_board = parse::<raw::RawBoard>(&board, &mut d);
    let raw_states = parse::<raw::RawStates>(&states, &mut d);
    let raw_cards: Vec<Option<raw::RawCards>> =
        card_files.iter().map(|f| parse(f, &mut d)).collect();
    if !d.is_empty() {
        return Err(d);
    }
    let (Some(raw_rules), Some(raw_board), Some(raw_states)) = (raw_rules, raw_board, raw_states)
    else {
        return Err(d);
    };
    let raw_cards: Vec<raw::RawCards> = raw_cards.into_iter().flatten().collect();
    let bundle = validate::RawBundle {
        level: (&level, &raw_level),
        rules: (&rules, &raw_rules),
        board: (&board, &raw_board),
        states: (&states, &raw_states),
        cards: card_files.iter().zip(raw_cards.iter()).collect(),
    };
    let content = validate::validate(&bundle, &mut d);
    match content {
        Some(mut content) if d.is_empty() => {
            let mut files = vec![level, rules, board, states];
            files.extend(card_files);
            let mut h = Fnv64::new();
            for f in &files {
                h.str(&f.text);
            }
            content.hash = h.finish();
            content.files = files.iter().map(|f| f.path.clone()).collect();
            Ok(Loaded {
                content,
                files,
                warnings: d.warnings,
            })
        }
        _ => Err(d),
    }
}

/// Load a level from disk, with assets found beside it (or at `assets` when given).
pub fn load_level_file(path: &Path, assets: Option<&Path>) -> Result<Loaded, Diags> {
    let shown = path.display().to_string();
    let text = read_text(path).map_err(|e| {
        let mut d = Diags::default();
        d.file(&shown, e);
        d
    })?;
    let root = assets.map_or_else(|| assets_for(path), Path::to_path_buf);
    load_level(
        SourceFile { path: shown, text },
        &FsSource { root },
        &Overrides::default(),
    )
}
