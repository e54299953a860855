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
    /// What was played: orders by action then card, state-rounds by action, aligned
    /// postures and the quadrant by round, the shared tracks by round.
    #[serde(skip)]
    pub counts: crate::game::PlayCounts,
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
        counts: game.counts().clone(),
    }
}

/// Games a worker plays before handing its results over (results travel in chunks, so
/// memory holds a few chunks, never the whole batch).
const CHUNK: u64 = 16;

/// Play `games` bot games with seeds `seed`, `seed + 1`, … on `jobs` threads, handing
/// each result to `sink` in seed order as soon as the games before it are in, and calling
/// `progress(done)` from time to time. Memory stays flat however many games there are:
/// a worker waits rather than run more than a few chunks ahead of the oldest one missing.
pub fn run_each(
    content: Arc<Content>,
    games: u64,
    seed: u64,
    jobs: usize,
    opts: &ai::BotOptions,
    progress: &(dyn Fn(u64) + Sync),
    sink: &mut dyn FnMut(&GameResult),
) {
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    let chunks = games.div_ceil(CHUNK);
    let jobs = jobs.clamp(1, 64).min(chunks.max(1) as usize);
    let next = AtomicU64::new(0);
    let emitted = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    let ahead = 2 * jobs as u64 + 2;
    let (tx, rx) = std::sync::mpsc::sync_channel::<(u64, Vec<GameResult>)>(jobs * 2);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let content = content.clone();
            let tx = tx.clone();
            let (next, emitted, stop) = (&next, &emitted, &stop);
            scope.spawn(move || {
                let mut game = Game::new(content, seed);
                game.set_logging(false);
                game.recording = false;
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    if k >= chunks {
                        return;
                    }
                    while k >= emitted.load(Ordering::Acquire) + ahead {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        std::thread::sleep(std::time::Duration::from_millis(1));
                    }
                    let first = k * CHUNK;
                    let out: Vec<GameResult> = (first..(first + CHUNK).min(games))
                        .map(|i| play_one(&mut game, seed.wrapping_add(i), opts))
                        .collect();
                    if tx.send((k, out)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        // Chunks arrive in any order; they leave in seed order.
        let mut pending: BTreeMap<u64, Vec<GameResult>> = BTreeMap::new();
        let mut done = 0u64;
        for (k, part) in rx.iter() {
            pending.insert(k, part);
            while let Some(part) = pending.remove(&emitted.load(Ordering::Relaxed)) {
                for r in &part {
                    sink(r);
                }
                done += part.len() as u64;
                emitted.fetch_add(1, Ordering::Release);
                progress(done);
            }
        }
        stop.store(true, Ordering::Relaxed);
    });
}

/// [`run_each`], with the results gathered in seed order (for tests and small batches).
pub fn run(
    content: Arc<Content>,
    games: u64,
    seed: u64,
    jobs: usize,
    opts: &ai::BotOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Vec<GameResult> {
    let mut out = Vec::new();
    run_each(content, games, seed, jobs, opts, progress, &mut |r| {
        out.push(r.clone())
    });
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
    /// State-rounds played (each state in each round of each game).
    pub state_rounds: u64,
    /// Orders resolved, by action id and policy card id.
    pub orders: BTreeMap<String, u64>,
    /// Each action's share of all state-rounds in which it was ordered at least once.
    pub ordered_in: BTreeMap<String, f64>,
    /// By round (round 1 first): the share of the states holding the aligned
    /// (dual-vector) posture, among the games that reached that round.
    pub posture_share: Vec<f64>,
    /// The same by era, in the level's order: (era id, share).
    pub posture_share_by_era: Vec<(String, f64)>,
    /// By round: games by the quadrant at the round's end.
    pub quadrant_by_round: Vec<BTreeMap<String, u64>>,
    /// Games whose quadrant at some round's end differed from the one they started in.
    pub left_start_quadrant: u64,
    /// By shared track id: its mean at each round's end, among the games that reached it.
    pub shared_by_round: BTreeMap<String, Vec<f64>>,
}

fn mean(sum: i64, n: u64) -> f64 {
    if n == 0 {
        0.0
    } else {
        // Rounded to 3 decimals so the figure prints the same everywhere.
        ((sum as f64 / n as f64) * 1000.0).round() / 1000.0
    }
}

/// A batch's running totals: everything the summary needs, in memory that does not
/// grow with the number of games.
#[derive(Debug, Clone)]
pub struct Tally {
    n: u64,
    wins: Vec<u64>,
    ties: u64,
    quadrants: BTreeMap<String, u64>,
    sums: Vec<Vec<i64>>,
    score_sums: Vec<i64>,
    stab: i64,
    rounds: i64,
    collapses: u64,
    first_hash: Option<String>,
    orders: Vec<u64>,
    ordered_in: Vec<u64>,
    /// By round: games that reached it, aligned postures, quadrants, shared-track sums.
    reached: Vec<u64>,
    aligned: Vec<u64>,
    quadrant_by_round: Vec<[u64; 4]>,
    shared_sums: Vec<Vec<i64>>,
    left_start: u64,
    start_quadrant: Quadrant,
}

impl Tally {
    /// Empty totals for games of this content.
    pub fn new(content: &Content) -> Self {
        Tally {
            n: 0,
            wins: vec![0; content.seats()],
            ties: 0,
            quadrants: Quadrant::ALL
                .iter()
                .map(|q| (q.key().to_string(), 0))
                .collect(),
            sums: vec![vec![0i64; content.tracks.len()]; content.seats()],
            score_sums: vec![0i64; content.seats()],
            stab: 0,
            rounds: 0,
            collapses: 0,
            first_hash: None,
            orders: vec![0; content.actions.len() + content.cards.len()],
            ordered_in: vec![0; content.actions.len()],
            reached: Vec::new(),
            aligned: Vec::new(),
            quadrant_by_round: Vec::new(),
            shared_sums: Vec::new(),
            left_start: 0,
            start_quadrant: crate::rules::quadrant_of(content, &content.shared_start),
        }
    }

    /// Count one game (games come in seed order; the first one's hash is kept).
    pub fn add(&mut self, content: &Content, r: &GameResult) {
        self.n += 1;
        match &r.winner {
            Some(w) => {
                if let Some(s) = content.seat(w) {
                    self.wins[s.index()] += 1;
                }
            }
            None if !r.collapse => self.ties += 1,
            None => {}
        }
        *self.quadrants.entry(r.quadrant.to_string()).or_default() += 1;
        for (s, finals) in r.finals.iter().enumerate() {
            for (t, v) in finals.iter().enumerate() {
                self.sums[s][t] += i64::from(*v);
            }
        }
        for (s, v) in r.scores.iter().enumerate() {
            self.score_sums[s] += v;
        }
        self.stab += i64::from(r.stability);
        self.rounds += i64::from(r.rounds);
        self.collapses += u64::from(r.collapse);
        if self.first_hash.is_none() {
            self.first_hash = Some(r.hash.clone());
        }
        let c = &r.counts;
        for (sum, n) in self.orders.iter_mut().zip(&c.orders) {
            *sum += u64::from(*n);
        }
        for (sum, n) in self.ordered_in.iter_mut().zip(&c.ordered_in) {
            *sum += u64::from(*n);
        }
        let rounds = c.aligned.len();
        if self.reached.len() < rounds {
            self.reached.resize(rounds, 0);
            self.aligned.resize(rounds, 0);
            self.quadrant_by_round.resize(rounds, [0; 4]);
            self.shared_sums
                .resize(rounds, vec![0; content.tracks.len()]);
        }
        for i in 0..rounds {
            self.reached[i] += 1;
            self.aligned[i] += u64::from(c.aligned[i]);
            if let Some(q) = c.quadrants.get(i) {
                self.quadrant_by_round[i][*q as usize] += 1;
            }
            if let Some(shared) = c.shared.get(i) {
                for (sum, v) in self.shared_sums[i].iter_mut().zip(shared) {
                    *sum += i64::from(*v);
                }
            }
        }
        self.left_start += u64::from(c.quadrants.iter().any(|q| *q != self.start_quadrant));
    }

    /// The summary of the games counted.
    pub fn summary(&self, content: &Content, seed: u64, elapsed_ms: u64) -> Summary {
        let n = self.n;
        let wins = content
            .states
            .iter()
            .enumerate()
            .map(|(s, st)| (st.id.clone(), self.wins[s]))
            .collect();
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
                    .map(|(t, def)| (def.id.clone(), mean(self.sums[s][t], n)))
                    .collect();
                (st.id.clone(), tracks)
            })
            .collect();
        let mean_score = content
            .states
            .iter()
            .enumerate()
            .map(|(s, st)| (st.id.clone(), mean(self.score_sums[s], n)))
            .collect();
        let seats = content.seats() as u64;
        let state_rounds: u64 = self.reached.iter().sum::<u64>() * seats;
        // Shares rounded to 4 decimals, so the figure prints the same everywhere.
        let share = |x: u64, of: u64| {
            if of == 0 {
                0.0
            } else {
                ((x as f64 / of as f64) * 10_000.0).round() / 10_000.0
            }
        };
        let orders = content
            .actions
            .iter()
            .map(|a| a.id.clone())
            .chain(content.cards.iter().map(|c| c.id.clone()))
            .zip(self.orders.iter().copied())
            .collect();
        let ordered_in = content
            .actions
            .iter()
            .zip(&self.ordered_in)
            .map(|(a, n)| (a.id.clone(), share(*n, state_rounds)))
            .collect();
        let posture_share = self
            .aligned
            .iter()
            .zip(&self.reached)
            .map(|(a, r)| share(*a, r * seats))
            .collect();
        let posture_share_by_era = content
            .eras
            .iter()
            .enumerate()
            .map(|(e, era)| {
                let (mut a, mut r) = (0, 0);
                for i in 0..self.reached.len() {
                    if content.era_at(i as u32 + 1).index() == e {
                        a += self.aligned[i];
                        r += self.reached[i] * seats;
                    }
                }
                (era.id.clone(), share(a, r))
            })
            .collect();
        let quadrant_by_round = self
            .quadrant_by_round
            .iter()
            .map(|qs| {
                Quadrant::ALL
                    .iter()
                    .map(|q| (q.key().to_string(), qs[*q as usize]))
                    .collect()
            })
            .collect();
        let shared_by_round = content
            .tracks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.scope == Scope::Shared)
            .map(|(t, def)| {
                let means = self
                    .shared_sums
                    .iter()
                    .zip(&self.reached)
                    .map(|(sums, r)| mean(sums[t], *r))
                    .collect();
                (def.id.clone(), means)
            })
            .collect();
        let secs = elapsed_ms.max(1) as f64 / 1000.0;
        Summary {
            level: content.level_id.clone(),
            games: n,
            seed,
            elapsed_ms,
            games_per_sec: (n as f64 / secs).round(),
            wins,
            ties: self.ties,
            mean_final,
            mean_score,
            mean_stability: mean(self.stab, n),
            collapses: self.collapses,
            quadrants: self.quadrants.clone(),
            mean_rounds: mean(self.rounds, n),
            first_game_hash: self.first_hash.clone().unwrap_or_default(),
            postures: Vec::new(),
            state_rounds,
            orders,
            ordered_in,
            posture_share,
            posture_share_by_era,
            quadrant_by_round,
            left_start_quadrant: self.left_start,
            shared_by_round,
        }
    }
}

/// Summarize results.
pub fn summarize(content: &Content, results: &[GameResult], seed: u64, elapsed_ms: u64) -> Summary {
    let mut t = Tally::new(content);
    for r in results {
        t.add(content, r);
    }
    t.summary(content, seed, elapsed_ms)
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
    let _ = writeln!(
        out,
        "left the start quadrant {:>3} ({:.1}%)",
        s.left_start_quadrant,
        pct(s.left_start_quadrant)
    );
    let _ = write!(out, "dual-vector share by era:");
    for (era, v) in &s.posture_share_by_era {
        let _ = write!(out, "  {} {:.1}%", era, v * 100.0);
    }
    let total: u64 = s.orders.values().sum();
    let mut top: Vec<(&String, &u64)> = s.orders.iter().filter(|(_, n)| **n > 0).collect();
    top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let _ = writeln!(out, "\norders ({total}), the most given:");
    for (id, n) in top.iter().take(8) {
        let _ = writeln!(
            out,
            "  {:<22} {:>8} ({:.1}%)",
            id,
            n,
            **n as f64 * 100.0 / total.max(1) as f64
        );
    }
    let _ = writeln!(out, "first game hash    {}", s.first_game_hash);
    let _ = writeln!(
        out,
        "elapsed            {} ms ({} games/s)",
        s.elapsed_ms, s.games_per_sec
    );
    out
}

/// The CSV header line (with its newline).
pub fn csv_header(content: &Content) -> String {
    let mut out = String::from("seed,winner,collapse,rounds,quadrant,stability");
    for st in &content.states {
        out.push_str(&format!(",{}_score", st.id));
        for t in content.tracks.iter().filter(|t| t.scope == Scope::State) {
            out.push_str(&format!(",{}_{}", st.id, t.id));
        }
    }
    out.push_str(",hash\n");
    out
}

/// One game's CSV row (with its newline).
pub fn csv_row(content: &Content, r: &GameResult) -> String {
    let mut out = format!(
        "{},{},{},{},{},{}",
        r.seed,
        r.winner.as_deref().unwrap_or(""),
        r.collapse,
        r.rounds,
        r.quadrant,
        r.stability
    );
    for (s, finals) in r.finals.iter().enumerate() {
        out.push_str(&format!(",{}", r.scores.get(s).copied().unwrap_or(0)));
        for (t, def) in content.tracks.iter().enumerate() {
            if def.scope == Scope::State {
                out.push_str(&format!(",{}", finals[t]));
            }
        }
    }
    out.push_str(&format!(",{}\n", r.hash));
    out
}

/// One CSV row per game.
pub fn csv(content: &Content, results: &[GameResult]) -> String {
    let mut out = csv_header(content);
    for r in results {
        out.push_str(&csv_row(content, r));
    }
    out
}

/// When the batch started, for the timing fields.
pub fn now() -> Instant {
    Instant::now()
}
