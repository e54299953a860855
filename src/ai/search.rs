//! The strong bot: a search over its seat's next decision, from its seat's view alone.
//!
//! It is information-set Monte Carlo search with the tree cut at the root (the decision
//! in hand): each look-ahead game is played on a fresh *sample* of the game its view
//! shows ([`Game::load_sample`]: the other hands, the other states' secret orders, the
//! coming news and the board's rolls drawn at random), with one of the candidate commands
//! applied and every seat then played to the end by the normal bot. A look-ahead scores,
//! for the searching state, 0 after a collapse, else three quarters for a win plus a
//! quarter of its final agenda score (percent of its agenda's best).
//!
//! The candidates are compared in pairs on the same samples (common random numbers: one
//! sample, every candidate played on it), which takes the luck of the draw out of the
//! comparison. The first candidate is the normal bot's own pick; the search departs from
//! it only for a candidate whose paired advantage is larger than its standard error, so
//! a search too short to tell candidates apart plays like the normal bot rather than by
//! chance.
//!
//! The candidates: in the policy phase, each open posture (first), then either the
//! normal bot's next order or stopping there (confirming); for a choice, each option.
//! A decision with one candidate is taken without searching.
//!
//! The search is resumable ([`Search::step`]) and draws only from streams derived from its
//! view (seed, seat, round, orders given) and the look-ahead's number, so a fixed budget
//! of look-aheads gives the same decision however it is sliced, on every platform (its
//! arithmetic is integers and IEEE square roots, which every platform rounds alike).

use std::sync::Arc;

use crate::content::{Content, SeatId};
use crate::game::{Command, Order, Pick, Reason};
use crate::rules::{Awaiting, Game, View, Viewer, agenda_score, rng};

use super::BotOptions;

/// Look-aheads per decision in batch runs (`sim` and `report`) unless `--playouts` says.
pub const DEFAULT_PLAYOUTS: u32 = 128;
/// Look-aheads per decision in the window and the browser (the figure `bench-bot`
/// measures by default).
pub const WINDOW_PLAYOUTS: u32 = 256;
/// The search's stream label.
const SEARCH_STREAM: u64 = 11;
/// How many standard errors a candidate's paired advantage over the normal bot's pick
/// must reach for the search to take it instead.
const CONFIDENCE: f64 = 1.0;

struct Arm {
    cmd: Command,
    pick: Pick,
    /// Look-aheads, their summed utility (per mille), wins and summed agenda scores.
    n: u32,
    sum: i64,
    wins: u32,
    score: i64,
    /// Its utility minus the first candidate's on the same samples: sum and sum of
    /// squares.
    diff: i64,
    diff_sq: i64,
}

impl Arm {
    fn mean(&self) -> i64 {
        if self.n == 0 {
            0
        } else {
            self.sum / i64::from(self.n)
        }
    }
}

/// A search in progress for one decision of one seat.
pub struct Search {
    view: View,
    seat: SeatId,
    arms: Vec<Arm>,
    done: u32,
    salt: u64,
    /// The first candidate's utility on the current sample.
    first: i64,
    scratch: Option<Game>,
    content: Arc<Content>,
}

impl Search {
    /// A search for the decision `view` waits for from its seat; None when the view waits
    /// for nothing from it.
    pub fn new(content: Arc<Content>, view: &View) -> Option<Self> {
        let Viewer::Seat(seat) = view.viewer else {
            return None;
        };
        let arms = candidates(&content, view, seat);
        if arms.is_empty() {
            return None;
        }
        let given = view.own.as_ref().map_or(0, |o| o.orders.len());
        let salt = rng::derive(
            view.seed,
            &[
                SEARCH_STREAM,
                u64::from(seat.0),
                u64::from(view.round),
                view.phase as u64,
                given as u64,
                view.choices.len() as u64,
            ],
        );
        Some(Search {
            view: view.clone(),
            seat,
            arms,
            done: 0,
            salt,
            first: 0,
            scratch: None,
            content,
        })
    }

    /// Whether there is anything to weigh (more than one candidate).
    pub fn needs_thought(&self) -> bool {
        self.arms.len() > 1
    }

    /// Look-aheads played so far.
    pub fn playouts(&self) -> u32 {
        self.done
    }

    /// Play `n` more look-ahead games (none when there is one candidate). The candidates
    /// take turns; each round of turns plays every candidate on one sample.
    pub fn step(&mut self, n: u32) {
        if !self.needs_thought() {
            return;
        }
        let content = self.content.clone();
        let scratch = self
            .scratch
            .get_or_insert_with(|| Game::new(content, self.view.seed));
        let k = self.arms.len() as u32;
        for _ in 0..n {
            let (round, a) = (self.done / k, (self.done % k) as usize);
            let seed = rng::derive(self.salt, &[u64::from(round)]);
            let (won, score) = look_ahead(scratch, &self.view, self.seat, self.arms[a].cmd, seed);
            let u = utility(won, score);
            if a == 0 {
                self.first = u;
            }
            let first = self.first;
            let arm = &mut self.arms[a];
            arm.n += 1;
            arm.wins += u32::from(won);
            arm.score += score;
            arm.sum += u;
            arm.diff += u - first;
            arm.diff_sq += (u - first) * (u - first);
            self.done += 1;
        }
    }

    /// The decision now, with the reason that explains it: among the candidates played on
    /// every sample so far, the one with the largest paired advantage over the first
    /// (the normal bot's pick) that is larger than its standard error; else the first.
    pub fn best(&self) -> (Command, Reason) {
        let best = best_arm(&self.arms);
        let arm = &self.arms[best];
        if !self.needs_thought() {
            return (arm.cmd, Reason::Only { pick: arm.pick });
        }
        let alt = (0..self.arms.len())
            .filter(|i| *i != best && self.arms[*i].n > 0)
            .max_by_key(|i| (self.arms[*i].mean(), std::cmp::Reverse(*i)))
            .map(|i| (self.arms[i].pick, permille(self.arms[i].mean())));
        let n = i64::from(arm.n.max(1));
        (
            arm.cmd,
            Reason::Searched {
                pick: arm.pick,
                value: permille(arm.mean()),
                win: permille(i64::from(arm.wins) * 1000 / n),
                score: (arm.score / n).clamp(0, 100) as u8,
                alt,
                playouts: self.done,
            },
        )
    }
}

fn permille(v: i64) -> u16 {
    v.clamp(0, 1000) as u16
}

/// A look-ahead's worth to the searching state, per mille.
fn utility(won: bool, score: i64) -> i64 {
    i64::from(won) * 750 + score.clamp(0, 100) * 10 / 4
}

fn best_arm(arms: &[Arm]) -> usize {
    // Only samples every candidate was played on count (a search stopped mid-turn leaves
    // the last sample's later candidates short).
    let n = arms.iter().map(|a| a.n).min().unwrap_or(0);
    if n < 2 {
        return 0;
    }
    let mut best = (0.0f64, 0usize);
    for (i, a) in arms.iter().enumerate().skip(1) {
        // Paired differences over this arm's samples (the last, unmatched ones included
        // in its own figures only when every arm had them).
        let m = f64::from(a.n);
        let mean = a.diff as f64 / m;
        let var = (a.diff_sq as f64 / m - mean * mean).max(0.0) * m / (m - 1.0);
        let se = (var / m).sqrt();
        if mean > CONFIDENCE * se && mean > best.0 {
            best = (mean, i);
        }
    }
    best.1
}

/// One look-ahead: a sample of the game the view shows, the candidate applied, then the
/// normal bot in every seat to the end. Returns whether the seat won and its final agenda
/// score.
fn look_ahead(game: &mut Game, view: &View, seat: SeatId, cmd: Command, seed: u64) -> (bool, i64) {
    if !game.load_sample(view, seed) || game.apply(&cmd).is_err() {
        return (false, 0);
    }
    super::play_out_with(game, &BotOptions::default());
    let collapse = game.outcome().is_none_or(|o| o.collapse);
    if collapse {
        return (false, 0);
    }
    let won = game.outcome().and_then(|o| o.winner) == Some(seat.0);
    let score = agenda_score(game.content(), seat, game.seat_tracks(seat));
    (won, score)
}

/// The commands worth weighing now.
fn candidates(content: &Content, view: &View, seat: SeatId) -> Vec<Arm> {
    let arm = |cmd: Command, pick: Pick| Arm {
        cmd,
        pick,
        n: 0,
        sum: 0,
        wins: 0,
        score: 0,
        diff: 0,
        diff_sq: 0,
    };
    match &view.awaiting {
        Awaiting::Choice(s) if *s == seat => {
            let Some(c) = view.choice else {
                return Vec::new();
            };
            let n = content
                .choices
                .get(c.choice.index())
                .map_or(0, |d| d.options.len()) as u8;
            // The normal bot's answer first.
            let first = match super::choose(content, view, seat) {
                Some((Command::Choose { option, .. }, _)) if option < n => option,
                _ => 0,
            };
            std::iter::once(first)
                .chain((0..n).filter(|o| *o != first))
                .map(|option| {
                    arm(
                        Command::Choose { seat, option },
                        Pick::Option {
                            choice: c.choice,
                            option,
                        },
                    )
                })
                .collect()
        }
        Awaiting::Policy(seats) if seats.contains(&seat) => {
            let Some(own) = &view.own else {
                return Vec::new();
            };
            if own.orders.is_empty() {
                let open: Vec<_> = own
                    .options
                    .iter()
                    .filter(|o| o.closed.is_none())
                    .filter_map(|o| match o.order {
                        Order::Posture(p) => Some(p),
                        _ => None,
                    })
                    .collect();
                // The normal bot's posture first.
                let (first, _, _) =
                    super::pick_posture(content, view, seat, super::Strength::Normal);
                let first = if open.contains(&first) {
                    first
                } else {
                    match open.first() {
                        Some(p) => *p,
                        None => return Vec::new(),
                    }
                };
                return std::iter::once(first)
                    .chain(open.into_iter().filter(|p| *p != first))
                    .map(|posture| {
                        arm(
                            Command::SetPosture { seat, posture },
                            Pick::Posture(posture),
                        )
                    })
                    .collect();
            }
            let plan = super::plan_policy(content, view, seat, &BotOptions::default());
            let mut out = Vec::new();
            if let Some((cmd, _)) = plan.first() {
                match *cmd {
                    Command::Act { action, .. } => out.push(arm(*cmd, Pick::Action(action))),
                    Command::Play { card, .. } => out.push(arm(*cmd, Pick::Card(card))),
                    _ => {}
                }
            }
            if own.can_confirm {
                out.push(arm(Command::Confirm { seat }, Pick::Confirm));
            }
            out
        }
        _ => Vec::new(),
    }
}
