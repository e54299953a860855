//! Timing a bot's decisions (`amu-darya bench-bot`, and the browser build's own figure in
//! its end-to-end test): every seat at one strength, decisions timed one by one.

use std::sync::Arc;

use bevy::platform::time::Instant;
use serde::Serialize;

use crate::content::Content;
use crate::game::{Command, Reason};
use crate::rules::{Awaiting, Game};

use super::{Applied, BotOptions, Strength};

/// What a bench of decisions measured.
#[derive(Debug, Clone, Serialize)]
pub struct BotBench {
    pub level: String,
    pub strength: &'static str,
    /// Look-ahead games a strong decision may play.
    pub playouts_budget: u32,
    /// Decisions timed.
    pub decisions: usize,
    /// Strong decisions with one candidate (taken at once, not timed).
    pub untimed: usize,
    pub games: u64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
    pub mean_ms: f64,
    /// Mean look-ahead games per timed decision.
    pub playouts_per_decision: f64,
    pub playouts_per_sec: f64,
}

/// Play games of `content` from `seed` on with every seat at `strength`, timing
/// `decisions` decisions (a strong bot's decisions with nothing to weigh are not timed).
pub fn run(
    content: Arc<Content>,
    strength: Strength,
    decisions: u32,
    playouts: u32,
    seed: u64,
) -> Result<BotBench, String> {
    let opts = BotOptions {
        forced: Vec::new(),
        strength: vec![strength; content.seats()],
        playouts,
    };
    let mut game = Game::new(content.clone(), seed);
    game.set_logging(false);
    game.recording = false;
    let (mut games, mut untimed) = (1u64, 0usize);
    let mut ms: Vec<f64> = Vec::new();
    let mut looks: u64 = 0;
    while ms.len() < decisions as usize {
        let seat = match game.awaiting() {
            Awaiting::Over => {
                game.reset(seed.wrapping_add(games));
                games += 1;
                continue;
            }
            Awaiting::Choice(s) => s,
            Awaiting::Policy(seats) => match seats.first() {
                Some(s) => *s,
                None => return Err("the game waits for nobody".into()),
            },
        };
        let view = super::view_for(&mut game, seat, &opts);
        let start = Instant::now();
        let decided = super::decide(&content, &view, &opts);
        let took = start.elapsed().as_secs_f64() * 1000.0;
        match &decided {
            Some((_, Reason::Searched { playouts, .. })) => {
                looks += u64::from(*playouts);
                ms.push(took);
            }
            Some(_) if strength == Strength::Strong => untimed += 1,
            _ => ms.push(took),
        }
        let (cmd, reason) = decided.unwrap_or((Command::Confirm { seat }, Reason::Confirm));
        if super::apply(&mut game, seat, cmd, reason) == Applied::Stuck {
            return Err(format!("the game stalled at seat {}", seat.0));
        }
    }
    let total: f64 = ms.iter().sum();
    let mut sorted = ms.clone();
    sorted.sort_by(f64::total_cmp);
    let round2 = |x: f64| (x * 100.0).round() / 100.0;
    // Nearest rank.
    let rank = |p: f64| {
        let i = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len().max(1)) - 1;
        sorted.get(i).copied().map_or(0.0, round2)
    };
    let n = ms.len().max(1) as f64;
    Ok(BotBench {
        level: content.level_id.clone(),
        strength: strength.id(),
        playouts_budget: playouts,
        decisions: ms.len(),
        untimed,
        games,
        p50_ms: rank(0.5),
        p95_ms: rank(0.95),
        max_ms: rank(1.0),
        mean_ms: round2(total / n),
        playouts_per_decision: round2(looks as f64 / n),
        playouts_per_sec: (looks as f64 / (total / 1000.0).max(1e-9)).round(),
    })
}
