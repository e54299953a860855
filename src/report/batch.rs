//! Batch experiments: many bot games, summarized as a table, JSON or CSV. Apart from the
//! timing fields, the result depends only on the arguments, never on `--jobs`.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;

use crate::ai;
use crate::content::{Content, Quadrant, Scope};
use crate::hash;
use crate::rules::Game;

/// One game's result.
#[derive(Debug, Clone, Serialize)]
pub struct GameResult {
    pub seed: u64,
    pub winner: Option<String>,
    pub collapse: bool,
    pub rounds: u32,
    pub quadrant: &'static str,
    pub stability: i32,
    /// Per seat: final per-state track values, in the content's track order.
    pub finals: Vec<Vec<i32>>,
    pub scores: Vec<i64>,
    pub hash: String,
}

/// Play one bot game to its end.
pub fn play_one(game: &mut Game, seed: u64, opts: &ai::BotOptions) -> GameResult {
    game.reset(seed);
    ai::play_out_with(game, opts);
    result_of(game)
}

/// The result of a finished game.
pub fn result_of(game: &Game) -> GameResult {
    let content = game.content().clone();
    let outcome = game.outcome().cloned();
    let stability = game.shared_tracks()[content.core.stability.index()];
    GameResult {
        seed: game.seed(),
        winner: outcome
            .as_ref()
            .and_then(|o| o.winner)
            .map(|w| content.states[w as usize].id.clone()),
        collapse: outcome.as_ref().is_some_and(|o| o.collapse),
        rounds: game.clock().round,
        quadrant: game.quadrant().key(),
        stability,
        finals: (0..content.seats())
            .map(|s| game.seat_tracks(crate::content::SeatId(s as u8)).to_vec())
            .collect(),
        scores: outcome.map(|o| o.scores).unwrap_or_default(),
        hash: hash::hex(game.state_hash()),
    }
}

/// Play `games` bot games with seeds `seed`, `seed + 1`, … on `jobs` threads, calling
/// `progress(done)` from time to time. Results come back in seed order.
pub fn run(
    content: Arc<Content>,
    games: u64,
    seed: u64,
    jobs: usize,
    opts: &ai::BotOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Vec<GameResult> {
    let jobs = jobs.clamp(1, 64).min(games.max(1) as usize);
    let done = std::sync::atomic::AtomicU64::new(0);
    let mut parts: Vec<Vec<GameResult>> = Vec::new();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..jobs)
            .map(|j| {
                let content = content.clone();
                let done = &done;
                scope.spawn(move || {
                    let mut game = Game::new(content, seed);
                    game.set_logging(false);
                    game.recording = false;
                    let mut out = Vec::new();
                    // Game i goes to job i % jobs; merged back in order below.
                    let mut i = j as u64;
                    while i < games {
                        out.push(play_one(&mut game, seed.wrapping_add(i), opts));
                        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                        if n.is_multiple_of(256) {
                            progress(n);
                        }
                        i += jobs as u64;
                    }
                    out
                })
            })
            .collect();
        for h in handles {
            parts.push(h.join().unwrap_or_default());
        }
    });
    progress(games);
    let mut out = Vec::with_capacity(games as usize);
    let mut iters: Vec<_> = parts.into_iter().map(Vec::into_iter).collect();
    for i in 0..games {
        if let Some(r) = iters[(i % jobs as u64) as usize].next() {
            out.push(r);
        }
    }
    out
}

/// The summary of a batch.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub level: String,
    pub games: u64,
    pub seed: u64,
    pub elapsed_ms: u64,
    pub games_per_sec: f64,
    /// Wins by state id (games with no single winner count for nobody).
    pub wins: BTreeMap<String, u64>,
    pub ties: u64,
    /// Mean final value: state id → track id → mean.
    pub mean_final: BTreeMap<String, BTreeMap<String, f64>>,
    pub mean_score: BTreeMap<String, f64>,
    pub mean_stability: f64,
    pub collapses: u64,
    /// Games by the quadrant they ended in.
    pub quadrants: BTreeMap<String, u64>,
    pub mean_rounds: f64,
    pub first_game_hash: String,
    /// Postures forced for the experiment (`--posture`), as given.
    pub postures: Vec<String>,
}

fn mean(sum: i64, n: u64) -> f64 {
    if n == 0 {
        0.0
    } else {
        // Rounded to 3 decimals so the figure prints the same everywhere.
        ((sum as f64 / n as f64) * 1000.0).round() / 1000.0
    }
}

/// Summarize results.
pub fn summarize(content: &Content, results: &[GameResult], seed: u64, elapsed_ms: u64) -> Summary {
    let n = results.len() as u64;
    let mut wins: BTreeMap<String, u64> =
        content.states.iter().map(|s| (s.id.clone(), 0)).collect();
    let mut ties = 0;
    let mut quadrants: BTreeMap<String, u64> = Quadrant::ALL
        .iter()
        .map(|q| (q.key().to_string(), 0))
        .collect();
    let mut sums = vec![vec![0i64; content.tracks.len()]; content.seats()];
    let mut score_sums = vec![0i64; content.seats()];
    let (mut stab, mut rounds, mut collapses) = (0i64, 0i64, 0u64);
    for r in results {
        match &r.winner {
            Some(w) => *wins.entry(w.clone()).or_default() += 1,
            None if !r.collapse => ties += 1,
            None => {}
        }
        *quadrants.entry(r.quadrant.to_string()).or_default() += 1;
        for (s, finals) in r.finals.iter().enumerate() {
            for (t, v) in finals.iter().enumerate() {
                sums[s][t] += i64::from(*v);
            }
        }
        for (s, v) in r.scores.iter().enumerate() {
            score_sums[s] += v;
        }
        stab += i64::from(r.stability);
        rounds += i64::from(r.rounds);
        collapses += u64::from(r.collapse);
    }
    let mean_final = content
        .states
        .iter()
        .enumerate()
        .map(|(s, st)| {
            let tracks = content
                .tracks
                .iter()
                .enumerate()
                .filter(|(_, t)| t.scope == Scope::State)
                .map(|(t, def)| (def.id.clone(), mean(sums[s][t], n)))
                .collect();
            (st.id.clone(), tracks)
        })
        .collect();
    let mean_score = content
        .states
        .iter()
        .enumerate()
        .map(|(s, st)| (st.id.clone(), mean(score_sums[s], n)))
        .collect();
    let secs = elapsed_ms.max(1) as f64 / 1000.0;
    Summary {
        level: content.level_id.clone(),
        games: n,
        seed,
        elapsed_ms,
        games_per_sec: (n as f64 / secs).round(),
        wins,
        ties,
        mean_final,
        mean_score,
        mean_stability: mean(stab, n),
        collapses,
        quadrants,
        mean_rounds: mean(rounds, n),
        first_game_hash: results.first().map(|r| r.hash.clone()).unwrap_or_default(),
        postures: Vec::new(),
    }
}

/// The summary as a plain-text table.
pub fn table(content: &Content, s: &Summary) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let pct = |x: u64| {
        if s.games == 0 {
            0.0
        } else {
            x as f64 * 100.0 / s.games as f64
        }
    };
    let _ = writeln!(
        out,
        "level {}  games {}  seeds {}..{}",
        s.level,
        s.games,
        s.seed,
        s.seed.wrapping_add(s.games.saturating_sub(1))
    );
    let tracks: Vec<&str> = content
        .tracks
        .iter()
        .filter(|t| t.scope == Scope::State)
        .map(|t| t.id.as_str())
        .collect();
    let _ = write!(
        out,
        "\n{:<6} {:>6} {:>7} {:>7}",
        "state", "wins", "win%", "score"
    );
    for t in &tracks {
        let _ = write!(out, " {:>11}", t);
    }
    out.push('\n');
    for st in &content.states {
        let w = s.wins.get(&st.id).copied().unwrap_or(0);
        let _ = write!(
            out,
            "{:<6} {:>6} {:>6.1}% {:>7.2}",
            st.id,
            w,
            pct(w),
            s.mean_score[&st.id]
        );
        for t in &tracks {
            let _ = write!(out, " {:>11.2}", s.mean_final[&st.id][*t]);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\nties               {:>8}", s.ties);
    let _ = writeln!(
        out,
        "collapses          {:>8} ({:.1}%)",
        s.collapses,
        pct(s.collapses)
    );
    let _ = writeln!(out, "mean stability     {:>8.2}", s.mean_stability);
    let _ = writeln!(out, "mean rounds        {:>8.2}", s.mean_rounds);
    let _ = writeln!(out, "final quadrants:");
    for (q, n) in &s.quadrants {
        let _ = writeln!(out, "  {:<18} {:>8} ({:.1}%)", q, n, pct(*n));
    }
    let _ = writeln!(out, "first game hash    {}", s.first_game_hash);
    let _ = writeln!(
        out,
        "elapsed            {} ms ({} games/s)",
        s.elapsed_ms, s.games_per_sec
    );
    out
}

/// One CSV row per game.
pub fn csv(content: &Content, results: &[GameResult]) -> String {
    let mut out = String::from("seed,winner,collapse,rounds,quadrant,stability");
    for st in &content.states {
        out.push_str(&format!(",{}_score", st.id));
        for t in content.tracks.iter().filter(|t| t.scope == Scope::State) {
            out.push_str(&format!(",{}_{}", st.id, t.id));
        }
    }
    out.push_str(",hash\n");
    for r in results {
        out.push_str(&format!(
            "{},{},{},{},{},{}",
            r.seed,
            r.winner.as_deref().unwrap_or(""),
            r.collapse,
            r.rounds,
            r.quadrant,
            r.stability
        ));
        for (s, finals) in r.finals.iter().enumerate() {
            out.push_str(&format!(",{}", r.scores.get(s).copied().unwrap_or(0)));
            for (t, def) in content.tracks.iter().enumerate() {
                if def.scope == Scope::State {
                    out.push_str(&format!(",{}", finals[t]));
                }
            }
        }
        out.push_str(&format!(",{}\n", r.hash));
    }
    out
}

/// When the batch started, for the timing fields.
pub fn now() -> Instant {
    Instant::now()
}
