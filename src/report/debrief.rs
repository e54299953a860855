//! The printable debrief of one game, as text.

use std::fmt::Write;

use crate::rules::Game;
use crate::text::Strings;

use super::render_log;

/// A printable debrief of a game: its log (every track change too when `verbose`), the
/// shared tracks round by round, the outcome and the final state hash.
pub fn debrief(game: &Game, strings: &Strings, verbose: bool) -> String {
    let content = game.content();
    let lang = strings.lang.as_str();
    let name = |t: &crate::content::Text| crate::text::pick(t, lang).to_string();
    let mut out = format!("{} (seed {})\n", name(&content.level_name), game.seed());
    for line in game.log() {
        if !verbose && matches!(line.entry, crate::game::LogEntry::Track { .. }) {
            continue;
        }
        let _ = writeln!(
            out,
            "R{:<2} {:<12} {}",
            line.round,
            strings.get(line.phase.key()),
            render_log(content, strings, &line.entry)
        );
    }
    let history = game.history();
    let shared: Vec<usize> = content
        .tracks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.scope == crate::content::Scope::Shared)
        .map(|(i, _)| i)
        .collect();
    out.push_str("\nround");
    for &t in &shared {
        let _ = write!(
            out,
            " {:>9}",
            content.tracks[t].id.chars().take(9).collect::<String>()
        );
    }
    out.push('\n');
    for (r, row) in history.iter().enumerate() {
        let _ = write!(out, "{:>5}", r + 1);
        for &t in &shared {
            let _ = write!(out, " {:>9}", row.shared[t]);
        }
        out.push('\n');
    }
    if let Some(o) = game.outcome() {
        let _ = writeln!(
            out,
            "\nscores {:?}; collapse {}; winner {:?}",
            o.scores,
            o.collapse,
            o.winner.map(|w| &content.states[w as usize].id)
        );
    }
    let _ = writeln!(out, "state hash {}", crate::hash::hex(game.state_hash()));
    out
}
