//! Shared helpers for the integration tests.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use amu_darya::content::{self, Content};

/// The default level's content, loaded once.
#[allow(dead_code, reason = "not every test file uses every helper")]
pub fn content() -> Arc<Content> {
    static C: OnceLock<Arc<Content>> = OnceLock::new();
    C.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = content::load_level_file(
            &root.join("levels/autumn-2021.ron"),
            Some(&root.join("assets")),
        )
        .unwrap_or_else(|d| panic!("default level loads: {:?}", d.list));
        Arc::new(loaded.content)
    })
    .clone()
}

/// A bot's next decision for `seat`, from its view.
#[allow(dead_code, reason = "not every test file uses every helper")]
pub fn decide(
    game: &amu_darya::Game,
    seat: amu_darya::content::SeatId,
    opts: &amu_darya::ai::BotOptions,
) -> Option<(amu_darya::game::Command, amu_darya::game::Reason)> {
    let view = game.view(amu_darya::rules::Viewer::Seat(seat));
    amu_darya::ai::decide(game.content(), &view, opts)
}

/// The seat the game waits for next (the first of those deciding at once).
#[allow(dead_code, reason = "not every test file uses every helper")]
pub fn next_seat(game: &amu_darya::Game) -> Option<amu_darya::content::SeatId> {
    match game.awaiting() {
        amu_darya::rules::Awaiting::Over => None,
        amu_darya::rules::Awaiting::Choice(s) => Some(s),
        amu_darya::rules::Awaiting::Policy(seats) => seats.first().copied(),
    }
}

/// A bot's decision from a view, as a plan of one command (empty when it has none).
#[allow(dead_code, reason = "not every test file uses every helper")]
pub fn decide_from(
    content: &std::sync::Arc<Content>,
    view: &amu_darya::rules::View,
    opts: &amu_darya::ai::BotOptions,
) -> Vec<(amu_darya::game::Command, amu_darya::game::Reason)> {
    amu_darya::ai::decide(content, view, opts)
        .into_iter()
        .collect()
}

/// Run the game's binary from the repository root: its exit code, standard output and
/// standard error.
#[allow(dead_code, reason = "not every test file uses every helper")]
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_amu-darya"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A directory under the system's temporary directory, removed with everything in it when
/// the guard is dropped (also when the test fails), so test runs leave nothing behind.
#[allow(dead_code, reason = "not every test file uses every helper")]
pub struct TempDir(std::path::PathBuf);

#[allow(dead_code, reason = "not every test file uses every helper")]
impl TempDir {
    /// A fresh, empty directory named after this test process and `name`.
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("amu-darya-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("make {}: {e}", dir.display()));
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}
