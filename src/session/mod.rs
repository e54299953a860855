//! Sessions: a game is a pure function of its level, content hash, seed and commands.
//! Saves hold exactly that (plus the final state hash to verify), written atomically;
//! loading replays the commands.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::content::{self, Content};
use crate::game::{NamedCommand, NamedReason};
use crate::hash;
use crate::rules::Game;

/// The save format's version; saves of any other version are refused with a message that
/// names both. Version 2 (this one): the event deck, the policy deck and the board draw
/// from separate streams, so a version-1 save's commands no longer replay to its hash.
pub const SAVE_VERSION: u32 = 2;

/// Who plays a seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Controller {
    Human,
    Bot,
}

/// One saved command, with the bot's reason when a bot gave it, written with names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Logged")]
pub struct SavedCommand {
    pub cmd: NamedCommand,
    #[serde(default)]
    pub reason: Option<NamedReason>,
}

/// One line of a decision journal in a save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Journal")]
pub struct SavedJournal {
    /// Written after this many commands.
    pub at: usize,
    pub state: String,
    pub text: String,
}

/// A saved game.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Save", deny_unknown_fields)]
pub struct Save {
    pub version: u32,
    /// The level file, as it was named when the game started.
    pub level: String,
    pub level_id: String,
    /// The content hash (16 hex digits) of the level and every file it loaded.
    pub content_hash: String,
    pub seed: u64,
    /// Who plays each seat, in seat order.
    pub seats: Vec<Controller>,
    /// How well each seat's bot plays, in seat order (missing: normal). Bots' decisions
    /// are in `commands`, so a replay never needs this; a resumed game goes on with it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bots: Vec<crate::ai::Strength>,
    pub commands: Vec<SavedCommand>,
    /// The groups' decision journal: each line with the state that wrote it and the
    /// number of commands before it (the rules never read it; the state hash is the same
    /// without it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub journal: Vec<SavedJournal>,
    /// The state hash after the last command (16 hex digits).
    pub state_hash: String,
    /// Round and phase when saved, for display.
    pub round: u32,
    /// Whether the game had ended.
    #[serde(default)]
    pub over: bool,
    /// When it was saved, in seconds since 1970 (UTC), for the list of saves (0: unknown;
    /// set by the window, never by the rules).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub saved_at: u64,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

/// A time in seconds since 1970 as `YYYY-MM-DD HH:MM UTC`, the same in every language.
pub fn utc_minutes(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rem / 3600,
        (rem % 3600) / 60
    )
}

impl Save {
    /// A save of a game in progress (or ended).
    pub fn of(game: &Game, level_path: &str, seats: Vec<Controller>) -> Save {
        let content = game.content();
        Save {
            version: SAVE_VERSION,
            level: level_path.to_string(),
            level_id: content.level_id.clone(),
            content_hash: hash::hex(content.hash),
            seed: game.seed(),
            seats,
            bots: Vec::new(),
            commands: game
                .commands()
                .iter()
                .map(|l| SavedCommand {
                    cmd: l.cmd.named(content),
                    reason: l.reason.as_ref().map(|r| r.named(content)),
                })
                .collect(),
            journal: game
                .journal()
                .iter()
                .map(|j| SavedJournal {
                    at: j.at,
                    state: content
                        .states
                        .get(j.seat.index())
                        .map_or_else(String::new, |s| s.id.clone()),
                    text: j.text.clone(),
                })
                .collect(),
            state_hash: hash::hex(replayed_hash(game)),
            round: game.clock().round,
            over: game.outcome().is_some(),
            saved_at: 0,
        }
    }

    /// The save as RON text.
    pub fn to_ron(&self) -> String {
        let pretty = ron::ser::PrettyConfig::new()
            .depth_limit(3)
            .struct_names(true);
        ron::ser::to_string_pretty(self, pretty).unwrap_or_default()
    }

    /// Parse a save, refusing other versions with a clear message.
    pub fn from_ron(text: &str) -> Result<Save, SaveError> {
        if let Some(v) = find_version(text)
            && v != SAVE_VERSION
        {
            return Err(SaveError::Version(v));
        }
        let options = ron::Options::default().with_recursion_limit(content::MAX_RON_DEPTH);
        options.from_str::<Save>(text).map_err(|e| {
            let (line, col, message) = content::ron_error(text, &e);
            let message = if message.starts_with("unexpected end of file") {
                format!("the save is truncated ({message})")
            } else {
                message
            };
            SaveError::Corrupt { line, col, message }
        })
    }
}

fn find_version(text: &str) -> Option<u32> {
    let at = text.find("version:")?;
    let rest = text[at + "version:".len()..].trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Why a save could not be loaded or replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    Io(String),
    Version(u32),
    Corrupt {
        line: usize,
        col: usize,
        message: String,
    },
    Level(Vec<content::Diag>),
    ContentChanged {
        saved: String,
        now: String,
    },
    BadHash(String),
    IllegalCommand {
        index: usize,
        message: String,
    },
    HashMismatch {
        saved: String,
        replayed: String,
    },
}

impl SaveError {
    /// The error as `path:line:col: message` lines.
    pub fn render(&self, path: &str) -> String {
        self.diags(path)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The error as diagnostics: the save's own problem first, then (for a level that
    /// does not load) the level's.
    pub fn diags(&self, path: &str) -> Vec<content::Diag> {
        let at = |line: usize, col: usize, message: String| content::Diag {
            path: path.to_string(),
            line,
            col,
            message,
        };
        match self {
            SaveError::Io(e) => vec![at(1, 1, e.clone())],
            SaveError::Version(v) => vec![at(
                1,
                1,
                if *v < SAVE_VERSION {
                    format!(
                        "save format version {v} comes from an earlier build; this build reads version {SAVE_VERSION} (since version 2 the decks and the board draw from separate random streams, so older games cannot be replayed)"
                    )
                } else {
                    format!(
                        "save format version {v} comes from a newer build; this build reads version {SAVE_VERSION}"
                    )
                },
            )],
            SaveError::Corrupt { line, col, message } => {
                vec![at(*line, *col, format!("the save is corrupt: {message}"))]
            }
            SaveError::Level(diags) => {
                let mut out = vec![at(1, 1, "the save's level does not load:".to_string())];
                out.extend(diags.iter().cloned());
                out
            }
            SaveError::ContentChanged { saved, now } => vec![at(
                1,
                1,
                format!(
                    "the save was made with different content (content hash {saved}, now {now}); it cannot be replayed exactly"
                ),
            )],
            SaveError::BadHash(h) => vec![at(
                1,
                1,
                format!("`{h}` is not a hash; expected 16 hex digits"),
            )],
            SaveError::IllegalCommand { index, message } => vec![at(
                1,
                1,
                format!(
                    "command {} of the save is refused by the rules: {message}",
                    index + 1
                ),
            )],
            SaveError::HashMismatch { saved, replayed } => vec![at(
                1,
                1,
                format!("replay ends in state {replayed}, but the save says {saved}"),
            )],
        }
    }
}

/// The state hash a replay of this game's commands reaches: the game's own hash when it
/// moves by itself and waits for a command, else that of a fresh replay (a window holding
/// the game between phases is a step or two behind where a replay stops).
pub fn replayed_hash(game: &Game) -> u64 {
    if game.auto_advance && game.waiting() {
        return game.state_hash();
    }
    let mut fresh = Game::new(game.content().clone(), game.seed());
    fresh.set_logging(false);
    for l in game.commands() {
        if fresh.apply(&l.cmd).is_err() {
            return game.state_hash();
        }
    }
    fresh.state_hash()
}

/// Write `text` to `path` atomically: a temporary file beside it, flushed, then renamed
/// over the target, so a crash leaves either the old file or the new one.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = write_temp(path, text)?;
    replace_with(&tmp, path)
}

/// Rename a finished temporary file over `path` and flush the folder, so the rename
/// survives a power cut.
pub fn replace_with(tmp: &Path, path: &Path) -> std::io::Result<()> {
    std::fs::rename(tmp, path)?;
    sync_dir(path);
    Ok(())
}

/// The hidden temporary file beside `path` that a write goes to before it is renamed
/// into place.
pub fn temp_path(path: &Path) -> std::path::PathBuf {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let name = path
        .file_name()
        .map_or_else(|| "save".into(), |n| n.to_string_lossy().into_owned());
    match dir {
        Some(d) => d.join(format!(".{name}.tmp")),
        None => std::path::PathBuf::from(format!(".{name}.tmp")),
    }
}

/// Write `text` to `path` atomically, keeping the file it replaces as `previous` (the
/// autosave keeps the one before it). At every moment a complete save is on disk: the
/// new text is written and flushed first, then the old file becomes `previous`, then the
/// new one takes its name; a crash between the two renames leaves `previous` to load.
pub fn write_keeping_previous(path: &Path, previous: &Path, text: &str) -> std::io::Result<()> {
    let tmp = write_temp(path, text)?;
    if path.is_file() {
        std::fs::rename(path, previous)?;
    }
    std::fs::rename(&tmp, path)?;
    sync_dir(path);
    Ok(())
}

/// The text written and flushed to a hidden temporary file beside `path`.
fn write_temp(path: &Path, text: &str) -> std::io::Result<std::path::PathBuf> {
    use std::io::Write;
    let tmp = temp_path(path);
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    Ok(tmp)
}

/// Flush the folder a file was renamed in, so the rename itself survives a power cut
/// (best effort: not every platform can open a folder).
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Read a save file from disk.
pub fn read_save(path: &Path) -> Result<Save, SaveError> {
    let text = content::read_text(path).map_err(SaveError::Io)?;
    Save::from_ron(&text)
}

/// Replay a save with its content: the game after its last command.
pub fn replay(save: &Save, content: Arc<Content>) -> Result<Game, SaveError> {
    let now = hash::hex(content.hash);
    if hash::parse_hex(&save.content_hash).is_none() {
        return Err(SaveError::BadHash(save.content_hash.clone()));
    }
    if save.content_hash != now {
        return Err(SaveError::ContentChanged {
            saved: save.content_hash.clone(),
            now,
        });
    }
    let mut game = Game::new(content.clone(), save.seed);
    // Journal lines go back in before the command they were written ahead of (a line
    // naming no state of the content, or past the end, is dropped: it never decided
    // anything).
    let mut journal = save.journal.iter().peekable();
    let mut write_due = |game: &mut Game, upto: usize| {
        while let Some(j) = journal.next_if(|j| j.at <= upto) {
            if let Some(seat) = content.states.iter().position(|s| s.id == j.state) {
                let _ = game.write_journal(crate::content::SeatId(seat as u8), &j.text);
            }
        }
    };
    for (i, l) in save.commands.iter().enumerate() {
        write_due(&mut game, i);
        let reason = l.reason.as_ref().and_then(|r| r.resolve(&content));
        game.apply_named(&l.cmd, reason)
            .map_err(|e| SaveError::IllegalCommand {
                index: i,
                message: e.to_string(),
            })?;
    }
    write_due(&mut game, save.commands.len());
    Ok(game)
}

/// Replay a save and check its stored state hash.
pub fn verify(save: &Save, content: Arc<Content>) -> Result<Game, SaveError> {
    if hash::parse_hex(&save.state_hash).is_none() {
        return Err(SaveError::BadHash(save.state_hash.clone()));
    }
    let game = replay(save, content)?;
    let replayed = hash::hex(game.state_hash());
    if replayed != save.state_hash {
        return Err(SaveError::HashMismatch {
            saved: save.state_hash.clone(),
            replayed,
        });
    }
    Ok(game)
}

/// Load the level a save names: the path as saved, else relative to the save's folder.
pub fn load_save_level(
    save: &Save,
    save_path: &Path,
    assets: Option<&Path>,
) -> Result<content::Loaded, SaveError> {
    let mut candidates = vec![std::path::PathBuf::from(&save.level)];
    if let Some(dir) = save_path.parent() {
        candidates.push(dir.join(&save.level));
    }
    let path = candidates
        .iter()
        .find(|p| p.is_file())
        .cloned()
        .unwrap_or_else(|| candidates[0].clone());
    content::load_level_file(&path, assets).map_err(|d| SaveError::Level(d.list))
}

/// Where the desktop game keeps its saves: `$XDG_DATA_HOME/amu-darya`, else
/// `~/.local/share/amu-darya` (`%APPDATA%\\amu-darya` on Windows), else `./saves`.
pub fn save_dir() -> std::path::PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".local/share"))
        })
        .or_else(|| std::env::var_os("APPDATA").map(std::path::PathBuf::from));
    match base {
        Some(b) => b.join("amu-darya"),
        None => std::path::PathBuf::from("saves"),
    }
}

/// The autosave's path.
pub fn autosave_path() -> std::path::PathBuf {
    save_dir().join("autosave.ron")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_civil_dates() {
        assert_eq!(utc_minutes(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_minutes(951_782_400), "2000-02-29 00:00 UTC");
        // 2026-12-04 23:41 UTC.
        assert_eq!(utc_minutes(1_796_427_660), "2026-12-04 23:41 UTC");
    }
}
