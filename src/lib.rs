//! Amu Darya: a strategy board game engine, and the game it ships, about Central Asian
//! security after the Taliban took Kabul in 2021.
//!
//! Data flows one way: validated [`content`] builds a World; players and bots send
//! [`game::Command`]s; the [`rules`] systems advance the World phase by phase and write
//! the log; everyone else (the window, the bots, [`report`]) sees a game through a
//! [`rules::View`] and changes it only by commands. Nothing outside `gui` knows a screen
//! exists: `cargo test --no-default-features` is the proof.

pub mod ai;
pub mod cli;
pub mod content;
pub mod fuzz;
pub mod game;
pub mod hash;
#[cfg(not(target_arch = "wasm32"))]
pub mod host;
pub mod net;
pub mod report;
pub mod rules;
pub mod session;
pub mod text;

#[cfg(feature = "gui")]
pub mod gui;

pub use rules::{Game, RulesPlugin};

/// The level a game opens on when none is named.
pub const DEFAULT_LEVEL: &str = "levels/autumn-2021.ron";

/// Exit codes of the command line (and of the window when it refuses what it was given).
pub mod exit {
    /// Invalid input: content, a save or arguments.
    pub const INVALID: i32 = 2;
    /// A replay that does not reach the state hash its save stored.
    pub const MISMATCH: i32 = 1;
}
