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
    let stability =
        game.world.resource::<crate::game::SharedTracks>().0[content.core.stability.index()];
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

/// A printable debrief of a game: its log (every track change too when `verbose`), the
/// shared tracks round by round, the outcome and the final state hash.
pub fn debrief(game: &crate::rules::Game, strings: &crate::text::Strings, verbose: bool) -> String {
    use std::fmt::Write;
    let content = game.content();
    let lang = strings.lang.as_str();
    let name = |t: &crate::content::Text| crate::text::pick(t, lang).to_string();
    let mut out = format!("{} (seed {})\n", name(&content.level_name), game.seed());
    for (round, phase, entry) in game.log() {
        if !verbose && matches!(entry, crate::game::LogEntry::Track { .. }) {
            continue;
        }
        let _ = writeln!(
            out,
            "R{round:<2} {:<12} {}",
            strings.get(phase.key()),
            render_log(content, strings, entry)
        );
    }
    let history = &game.world.resource::<crate::game::History>().rounds;
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
    for (r, (tracks, _)) in history.iter().enumerate() {
        let _ = write!(out, "{:>5}", r + 1);
        for &t in &shared {
            let _ = write!(out, " {:>9}", tracks[t]);
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

/// The label of option `option` of the first choice card `card` offers.
fn choice_label(
    content: &Content,
    card: crate::content::CardId,
    option: u8,
) -> Option<&crate::content::Text> {
    use crate::content::{ChoiceOption, Effect};
    fn first(effects: &[Effect]) -> Option<&[ChoiceOption]> {
        effects.iter().find_map(|e| match e {
            Effect::Choice { options, .. } => Some(options.as_slice()),
            Effect::If {
                then, otherwise, ..
            } => first(then).or_else(|| first(otherwise)),
            Effect::ForEachState { effects, .. } | Effect::Repeat { effects, .. } => first(effects),
            _ => None,
        })
    }
    first(&content.cards.get(card.index())?.effects)?
        .get(usize::from(option))
        .map(|o| &o.label)
}

/// One log entry as a line of text in the strings' language.
pub fn render_log(
    content: &Content,
    s: &crate::text::Strings,
    e: &crate::game::LogEntry,
) -> String {
    use crate::game::{LogEntry as L, LogWho};
    let lang = s.lang.as_str();
    let t = |text: &crate::content::Text| crate::text::pick(text, lang).to_string();
    let state = |seat: crate::content::SeatId| t(&content.states[seat.index()].name);
    let region = |r: crate::content::RegionId| t(&content.regions[r.index()].name);
    let kind = |k: crate::content::TokenKind| t(&content.tokens[k.index()].name);
    let card = |c: crate::content::CardId| t(&content.cards[c.index()].title);
    match e {
        L::Round { round } => s.fmt(
            "log.round",
            &[
                ("round", &round.to_string()),
                (
                    "era",
                    &t(&content.eras[content.era_at(*round).index()].name),
                ),
            ],
        ),
        L::Event { card: c } => s.fmt("log.event", &[("card", &card(*c))]),
        L::EventSkipped { card: c } => s.fmt("log.event-skipped", &[("card", &card(*c))]),
        L::ChoiceOffered { seat, card: c } => s.fmt(
            "log.choice-offered",
            &[
                ("state", &state(*seat)),
                ("prompt", &c.map(card).unwrap_or_default()),
            ],
        ),
        L::ChoiceMade { seat, card, option } => s.fmt(
            "log.choice-made",
            &[
                ("state", &state(*seat)),
                (
                    "option",
                    &card
                        .and_then(|c| choice_label(content, c, *option))
                        .map_or_else(|| (option + 1).to_string(), t),
                ),
            ],
        ),
        L::PostureSet { seat, posture } => s.fmt(
            "log.posture",
            &[
                ("state", &state(*seat)),
                ("posture", &t(&content.postures[posture.index()].name)),
            ],
        ),
        L::Action { seat, action } => s.fmt(
            "log.action",
            &[
                ("state", &state(*seat)),
                ("action", &t(&content.actions[action.index()].name)),
            ],
        ),
        L::ActionFizzled { seat, action } => s.fmt(
            "log.action-fizzled",
            &[
                ("state", &state(*seat)),
                ("action", &t(&content.actions[action.index()].name)),
            ],
        ),
        L::CardPlayed { seat, card: c } => {
            s.fmt("log.card", &[("state", &state(*seat)), ("card", &card(*c))])
        }
        L::PowerReacts { power } => s.fmt(
            "log.power",
            &[("power", &t(&content.powers[power.index()].name))],
        ),
        L::Track {
            who,
            track,
            from,
            to,
        } => {
            let who = match who {
                LogWho::Shared => String::new(),
                LogWho::Seat(seat) => format!("{} ", state(*seat)),
            };
            s.fmt(
                "log.track",
                &[
                    ("who", &who),
                    ("track", &t(&content.tracks[track.index()].name)),
                    ("from", &from.to_string()),
                    ("to", &to.to_string()),
                ],
            )
        }
        L::Spawn {
            kind: k,
            region: r,
            count,
        } => s.fmt(
            "log.spawn",
            &[
                ("count", &count.to_string()),
                ("kind", &kind(*k)),
                ("region", &region(*r)),
            ],
        ),
        L::Cross { kind: k, from, to } => s.fmt(
            "log.cross",
            &[
                ("kind", &kind(*k)),
                ("from", &region(*from)),
                ("to", &region(*to)),
            ],
        ),
        L::Removed {
            kind: k,
            region: r,
            count,
        } => s.fmt(
            "log.remove",
            &[
                ("count", &count.to_string()),
                ("kind", &kind(*k)),
                ("region", &region(*r)),
            ],
        ),
        L::Faded { kind: k, region: r } => {
            s.fmt("log.fade", &[("kind", &kind(*k)), ("region", &region(*r))])
        }
        L::Moved {
            kind: k,
            from,
            to,
            count,
        } => s.fmt(
            "log.move",
            &[
                ("count", &count.to_string()),
                ("kind", &kind(*k)),
                ("from", &region(*from)),
                ("to", &region(*to)),
            ],
        ),
        L::Porosity { border, value } => {
            let b = &content.borders[border.index()];
            s.fmt(
                "log.porosity",
                &[
                    ("a", &region(b.a)),
                    ("b", &region(b.b)),
                    ("value", &value.to_string()),
                ],
            )
        }
        L::LastingAdded { id, rounds } => s.fmt(
            "log.lasting-added",
            &[
                ("name", &t(&content.lasting[id.index()].name)),
                ("rounds", &rounds.to_string()),
            ],
        ),
        L::LastingEnded { id } => s.fmt(
            "log.lasting-ended",
            &[("name", &t(&content.lasting[id.index()].name))],
        ),
        L::Joined { seat, org } => s.fmt(
            "log.join",
            &[
                ("state", &state(*seat)),
                ("org", &t(&content.orgs[org.index()].name)),
            ],
        ),
        L::Left { seat, org } => s.fmt(
            "log.leave",
            &[
                ("state", &state(*seat)),
                ("org", &t(&content.orgs[org.index()].name)),
            ],
        ),
        L::Drew { seat, count } => s.fmt(
            "log.draw",
            &[("state", &state(*seat)), ("count", &count.to_string())],
        ),
        L::QuadrantChanged { to } => s.fmt(
            "log.quadrant",
            &[("quadrant", s.get(&format!("quadrant.{}", to.key())))],
        ),
        L::Summit { index } => s.fmt(
            "log.summit",
            &[("summit", &t(&content.summits[*index as usize].name))],
        ),
        L::Collapse => s.get("log.collapse").to_string(),
        L::End {
            winner: Some(w),
            score,
        } => s.fmt(
            "log.winner",
            &[("state", &state(*w)), ("score", &score.to_string())],
        ),
        L::End {
            winner: None,
            score,
        } => s.fmt("log.tie", &[("score", &score.to_string())]),
        L::Bot { seat, reason } => {
            let args: Vec<(String, String)> = reason
                .args
                .iter()
                .map(|(k, v)| (k.clone(), render_arg(content, s, v)))
                .collect();
            let args: Vec<(&str, &str)> =
                args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            s.fmt(
                "log.bot",
                &[
                    ("state", &state(*seat)),
                    ("reason", &s.fmt(&reason.key, &args)),
                ],
            )
        }
    }
}

/// A bot reason's argument: content references become names in the reader's language.
fn render_arg(content: &Content, s: &crate::text::Strings, v: &str) -> String {
    let lang = s.lang.as_str();
    let name = |text: &crate::content::Text| crate::text::pick(text, lang).to_string();
    match v.split_once(':') {
        Some(("action", id)) => content
            .action(id)
            .map_or(id.to_string(), |a| name(&content.actions[a.index()].name)),
        Some(("card", id)) => content
            .card(id)
            .map_or(id.to_string(), |c| name(&content.cards[c.index()].title)),
        Some(("posture", id)) => content
            .posture(id)
            .map_or(id.to_string(), |p| name(&content.postures[p.index()].name)),
        Some(("quadrant", key)) => s.get(&format!("quadrant.{key}")).to_string(),
        _ => v.to_string(),
    }
}
