//! Amu Darya: a strategy board game engine, and the game it ships, about Central Asian
//! security after the Taliban took Kabul in 2021.
//!
//! Data flows one way: validated [`content`] builds a World; players and bots send
//! serializable [`game::Command`]s; the [`rules`] systems advance the World phase by phase
//! and write the log; [`report`] and the `gui` only read the World and the log. Nothing
//! outside `gui` knows a screen exists: `cargo test --no-default-features` is the proof.

pub mod ai;
pub mod cli;
pub mod content;
pub mod game;
pub mod hash;
pub mod report;
pub mod rules;
pub mod session;
pub mod text;

#[cfg(feature = "gui")]
pub mod gui;

pub use rules::{Game, RulesPlugin};
