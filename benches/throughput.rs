//! Throughput: full headless bot games per second on one core, and microseconds per
//! round, on the default level. Run with `cargo bench --no-default-features`.
//!
//! This measures; it asserts nothing. Figures go in the README and the issue notes.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use amu_darya::{ai, content, rules::Game};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let level =
        std::env::var("AMU_BENCH_LEVEL").unwrap_or_else(|_| "levels/autumn-2021.ron".into());
    let loaded = content::load_level_file(&root.join(&level), Some(&root.join("assets")))
        .unwrap_or_else(|d| panic!("{level} loads: {:?}", d.list));
    let content = Arc::new(loaded.content);
    let games: u64 = std::env::var("AMU_BENCH_GAMES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5_000);

    // Warm up: build the schedules and touch every code path once.
    let mut game = Game::new(content.clone(), 0);
    game.set_logging(false);
    game.recording = false;
    for seed in 0..50 {
        game.reset(seed);
        ai::play_out(&mut game);
    }

    let start = Instant::now();
    let mut rounds = 0u64;
    for seed in 0..games {
        game.reset(1_000 + seed);
        ai::play_out(&mut game);
        rounds += u64::from(game.clock().round);
    }
    let secs = start.elapsed().as_secs_f64();

    // Fresh World per game, for comparison with reuse.
    let fresh_games = (games / 10).max(10);
    let fresh_start = Instant::now();
    for seed in 0..fresh_games {
        let mut g = Game::new(content.clone(), 1_000 + seed);
        g.set_logging(false);
        g.recording = false;
        ai::play_out(&mut g);
    }
    let fresh_secs = fresh_start.elapsed().as_secs_f64();

    println!("level                 {level}");
    println!("games                 {games} (one thread)");
    println!("games per second      {:.0}", games as f64 / secs);
    println!("microseconds per game {:.1}", secs * 1e6 / games as f64);
    println!(
        "microseconds per round {:.2}",
        secs * 1e6 / rounds.max(1) as f64
    );
    println!(
        "fresh World per game  {:.0} games per second",
        fresh_games as f64 / fresh_secs
    );
}
