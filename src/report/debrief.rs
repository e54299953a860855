//! The printable debrief of one game, as text: the outcome, each state's national
//! interest, the log round by round, and the shared tracks round by round, all named in
//! the reader's language.

use std::fmt::Write;

use crate::content::Scope;
use crate::rules::Game;
use crate::text::Strings;

use super::render_log;

/// The outcome in one line: who won, a tie, the region's collapse (none while the game
/// goes on).
pub fn outcome_line(game: &Game, strings: &Strings) -> Option<String> {
    let content = game.content();
    let o = game.outcome()?;
    Some(if o.collapse {
        strings.get("ui.collapse").to_string()
    } else {
        match o.winner {
            Some(w) => strings.fmt(
                "ui.debrief-winner",
                &[(
                    "state",
                    crate::text::pick(&content.states[usize::from(w)].name, &strings.lang),
                )],
            ),
            None => strings.get("ui.debrief-tie").to_string(),
        }
    })
}

/// A printable debrief of a game (every track change in the log too when `verbose`).
pub fn debrief(game: &Game, strings: &Strings, verbose: bool) -> String {
    let content = game.content();
    let lang = strings.lang.as_str();
    let name = |t: &crate::content::Text| crate::text::pick(t, lang).to_string();
    let mut out = strings.fmt(
        "report.title",
        &[
            ("level", &name(&content.level_name)),
            ("seed", &game.seed().to_string()),
        ],
    );
    out.push_str("\n\n");
    if let (Some(o), Some(line)) = (game.outcome(), outcome_line(game, strings)) {
        let scores: Vec<String> = content
            .states
            .iter()
            .zip(&o.scores)
            .map(|(s, v)| format!("{} {v}", name(&s.name)))
            .collect();
        let _ = writeln!(out, "{line}");
        let _ = writeln!(
            out,
            "{}\n",
            strings.fmt("report.scores", &[("scores", &scores.join(" · "))])
        );
    }
    let _ = writeln!(out, "{}", strings.get("report.log"));
    if verbose {
        for line in game.log() {
            let _ = writeln!(
                out,
                "{} {}: {}",
                strings.fmt("report.round", &[("round", &line.round.to_string())]),
                strings.get(line.phase.key()),
                render_log(content, strings, &line.entry)
            );
        }
    } else {
        for line in super::log::readable(content, strings, game.log()) {
            let _ = writeln!(
                out,
                "{} {}: {}",
                strings.fmt("report.round", &[("round", &line.round.to_string())]),
                strings.get(line.phase.key()),
                line.text
            );
        }
    }
    // The shared tracks: a row each, a column per round (names in full, never cut).
    let history = game.history();
    let shared: Vec<usize> = content
        .tracks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.scope == Scope::Shared)
        .map(|(i, _)| i)
        .collect();
    let width = shared
        .iter()
        .map(|&t| name(&content.tracks[t].name).chars().count())
        .max()
        .unwrap_or(0);
    let _ = writeln!(out, "\n{}", strings.get("report.tracks"));
    let _ = write!(out, "{:width$}", "");
    for r in 1..=history.len() {
        let _ = write!(out, " {r:>4}");
    }
    out.push('\n');
    for &t in &shared {
        let label = name(&content.tracks[t].name);
        let pad = width.saturating_sub(label.chars().count());
        let _ = write!(out, "{label}{}", " ".repeat(pad));
        for row in history {
            let _ = write!(out, " {:>4}", row.shared[t]);
        }
        out.push('\n');
    }
    out
}
