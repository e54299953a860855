//! The systems of each phase of a round, in the order they run. Each takes the whole game
//! as a [`Table`]: effects may touch any part of it.

use bevy::prelude::*;

use crate::content::{CardId, PostureId, RegionId, RegionKind, SeatId, TokenKind};
use crate::game::*;

use super::board::Board;
use super::deck;
use super::effects::{self, Ctx};
use super::facts::{Facts, eval};
use super::rng::{below, chance};
use super::table::Table;

// ---- News -----------------------------------------------------------------------------

/// Start the round: log it, start the board's stream for the round, and put the cards of
/// an era that begins now into the event deck.
pub fn open_round(t: &mut Table) {
    let content = t.content.0.clone();
    let round = t.clock.round;
    t.log(LogEntry::Round { round });
    let seed = t.decks.rng.seed;
    t.decks.rng.board = deck::board_stream(seed, round);
    let starting: Vec<usize> = content
        .eras
        .iter()
        .enumerate()
        .filter(|(_, e)| e.from_round == round && round > 1)
        .map(|(i, _)| i)
        .collect();
    if starting.is_empty() {
        return;
    }
    let events = &mut *t.decks.events;
    let (joining, later): (Vec<CardId>, Vec<CardId>) = events.later.iter().partition(|c| {
        content.cards[c.index()]
            .era
            .is_some_and(|e| starting.contains(&e.index()))
    });
    events.later = later;
    deck::join_pile(&content, seed, events, &joining);
}

/// Reveal the round's event cards and run them.
pub fn draw_events(t: &mut Table) {
    deck::draw_events(t);
}

// ---- Policy ---------------------------------------------------------------------------

/// Open the policy phase: every seat starts with no orders.
pub fn open_policy(t: &mut Table) {
    for mut orders in t.seats.orders.iter_mut() {
        orders.list.clear();
        orders.confirmed = false;
    }
    for mut taken in t.seats.taken.iter_mut() {
        taken.0.iter_mut().for_each(|n| *n = 0);
    }
}

// ---- Resolution -----------------------------------------------------------------------

/// Reveal every seat's posture.
pub fn reveal_postures(t: &mut Table) {
    for s in 0..t.n_seats() {
        let seat = SeatId(s as u8);
        let changed = {
            let Some(mut d) = t.seat_mut(seat) else {
                continue;
            };
            let chosen = d.4.list.iter().rev().find_map(|order| match order {
                Order::Posture(p) => Some(*p),
                _ => None,
            });
            match chosen {
                Some(p) if d.1.0 != p => {
                    d.1.0 = p;
                    Some(p)
                }
                _ => None,
            }
        };
        if let Some(posture) = changed {
            t.log(LogEntry::PostureSet { seat, posture });
        }
    }
}

/// Resolve the seats' actions and cards: each seat's first order in turn, then each
/// seat's second, and so on; the first seat moves one place each round.
pub fn resolve_orders(t: &mut Table) {
    let content = t.content.0.clone();
    let n = t.n_seats();
    let round = t.clock.round as usize;
    let lists: Vec<Vec<Order>> = (0..n)
        .map(|s| {
            t.orders(SeatId(s as u8)).map_or_else(Vec::new, |o| {
                o.list
                    .iter()
                    .copied()
                    .filter(|o| !matches!(o, Order::Posture(_)))
                    .collect()
            })
        })
        .collect();
    let longest = lists.iter().map(Vec::len).max().unwrap_or(0);
    for step in 0..longest {
        for k in 0..n {
            let s = (round.saturating_sub(1) + k) % n;
            let Some(order) = lists[s].get(step) else {
                continue;
            };
            let seat = SeatId(s as u8);
            let ctx = Ctx::seat(seat);
            match *order {
                Order::Action(a) => {
                    let def = &content.actions[a.index()];
                    if eval(&*t, &def.when, ctx) {
                        t.log(LogEntry::Action { seat, action: a });
                        effects::run(t, &def.effects, ctx);
                    } else {
                        t.log(LogEntry::ActionFizzled { seat, action: a });
                    }
                }
                Order::Card(c) => {
                    let def = &content.cards[c.index()];
                    t.log(LogEntry::CardPlayed { seat, card: c });
                    effects::run(
                        t,
                        &def.effects,
                        Ctx {
                            card: Some(c),
                            ..ctx
                        },
                    );
                    t.decks.policies.discard.push(c);
                }
                Order::Posture(_) => {}
            }
        }
    }
    // Count them for batch statistics.
    let n_actions = content.actions.len();
    let counts = &mut t.record.counts;
    for list in &lists {
        for (j, order) in list.iter().enumerate() {
            let i = match *order {
                Order::Action(a) => {
                    // The first order of this action this round counts a state-round.
                    if !list[..j].contains(order)
                        && let Some(n) = counts.ordered_in.get_mut(a.index())
                    {
                        *n += 1;
                    }
                    a.index()
                }
                Order::Card(c) => n_actions + c.index(),
                Order::Posture(_) => continue,
            };
            if let Some(n) = counts.orders.get_mut(i) {
                *n += 1;
            }
        }
    }
    // Orders are spent (played cards are in the discard now); what each seat ordered is
    // public from here on.
    let mut revealed = Vec::with_capacity(n);
    for (s, list) in lists.into_iter().enumerate() {
        let Some(mut d) = t.seat_mut(SeatId(s as u8)) else {
            revealed.push(list);
            continue;
        };
        d.4.list.clear();
        let mut all = vec![Order::Posture(d.1.0)];
        all.extend(list);
        revealed.push(all);
    }
    t.record.revealed.0 = revealed;
}

/// The great powers react, each by its rules.
pub fn react_powers(t: &mut Table) {
    let content = t.content.0.clone();
    for (i, p) in content.powers.iter().enumerate() {
        t.log(LogEntry::PowerReacts {
            power: crate::content::PowerId(i as u8),
        });
        effects::run(t, &p.reaction, Ctx::default());
    }
}

// ---- Afghanistan ----------------------------------------------------------------------

/// The Taliban's strength and course move with what the neighbours did.
pub fn move_taliban(t: &mut Table) {
    let content = t.content.0.clone();
    effects::run(t, &content.taliban, Ctx::default());
}

/// Log a change of quadrant.
pub fn note_quadrant(t: &mut Table) {
    let q = t.quadrant();
    if t.record.last_quadrant.0 != q {
        t.record.last_quadrant.0 = q;
        t.log(LogEntry::QuadrantChanged { to: q });
    }
}

/// Threats appear in Afghan regions by the quadrant's spawn table.
pub fn spawn_threats(t: &mut Table) {
    let content = t.content.0.clone();
    let q = t.quadrant();
    for rule in content.spawns.iter().filter(|r| r.quadrant == q) {
        for _ in 0..rule.count {
            let i = below(&mut t.decks.rng.board, rule.regions.len() as u32);
            t.spawn_tokens(rule.kind, rule.regions[i as usize], 1);
        }
    }
}

/// Threats cross borders: from Afghan regions into states with a chance of
/// `porosity × crossing_percent_per_porosity`, then onward between states at half that.
/// A token crosses at most once a round.
pub fn cross_borders(t: &mut Table) {
    let content = t.content.0.clone();
    let mut porosity = Vec::new();
    t.porosities(&mut porosity);
    let kinds = content.tokens.len();
    // Tokens that arrived in a region this round, by region and kind: they stay put.
    let mut arrived = vec![0u32; kinds * content.regions.len()];
    let mut exits: Vec<(RegionId, u32)> = Vec::new();
    for (source, divisor) in [(RegionKind::Afghan, 1), (RegionKind::State, 2)] {
        for (r, region) in content.regions.iter().enumerate() {
            if region.kind != source {
                continue;
            }
            let from = RegionId(r as u16);
            exits.clear();
            exits.extend(content.borders.iter().enumerate().filter_map(|(i, b)| {
                let to = b.other(from)?;
                (content.regions[to.index()].kind == RegionKind::State).then(|| {
                    let p = porosity[i].max(0) as u32;
                    (to, p * content.crossing_percent_per_porosity / divisor)
                })
            }));
            if exits.is_empty() {
                continue;
            }
            for k in 0..kinds {
                let kind = TokenKind(k as u8);
                let movable = t.tokens.at[r][k].saturating_sub(arrived[r * kinds + k]);
                for _ in 0..movable {
                    for &(to, pct) in &exits {
                        if chance(&mut t.decks.rng.board, pct) {
                            t.move_tokens(kind, from, to, 1);
                            arrived[to.index() * kinds + k] += 1;
                            t.log(LogEntry::Cross { kind, from, to });
                            break;
                        }
                    }
                }
            }
        }
    }
}

// ---- Review ---------------------------------------------------------------------------

/// Threats in a state's territory cost it, by each token kind's upkeep.
pub fn pay_upkeep(t: &mut Table) {
    let content = t.content.0.clone();
    for (s, state) in content.states.iter().enumerate() {
        for (k, kind) in content.tokens.iter().enumerate() {
            let n = t.tokens.count(state.region, TokenKind(k as u8));
            for _ in 0..n {
                effects::run(t, &kind.upkeep, Ctx::seat(SeatId(s as u8)));
            }
        }
    }
}

/// Some threats in the states disperse and return to the supply.
pub fn fade_threats(t: &mut Table) {
    let content = t.content.0.clone();
    for (r, region) in content.regions.iter().enumerate() {
        if region.kind != RegionKind::State {
            continue;
        }
        for (k, kind) in content.tokens.iter().enumerate() {
            let n = t.tokens.at[r][k];
            let mut gone = 0;
            for _ in 0..n {
                if chance(&mut t.decks.rng.board, kind.fade_percent) {
                    gone += 1;
                }
            }
            if gone > 0 {
                let region = RegionId(r as u16);
                let kind = TokenKind(k as u8);
                t.remove_tokens(kind, region, gone);
                t.log(LogEntry::Faded { kind, region });
            }
        }
    }
}

/// The running costs of every state, then each posture's round effects.
pub fn apply_postures(t: &mut Table) {
    let content = t.content.0.clone();
    for s in 0..t.n_seats() {
        let seat = SeatId(s as u8);
        let ctx = Ctx::seat(seat);
        effects::run(t, &content.each_state, ctx);
        let p = t.posture_of(seat);
        effects::run(t, &content.postures[p.index()].each_round, ctx);
    }
}

/// Lasting effects act, then count down; those at zero end.
pub fn tick_lasting(t: &mut Table) {
    let content = t.content.0.clone();
    let list = t.lasting.0.clone();
    for l in list {
        effects::run(
            t,
            &content.lasting[l.id.index()].each_round,
            Ctx {
                current: l.owner,
                card: None,
                depth: 0,
            },
        );
        let mut ended = false;
        if let Some(live) = t.lasting.0.iter_mut().find(|x| x.id == l.id) {
            live.rounds_left = live.rounds_left.saturating_sub(1);
            ended = live.rounds_left == 0;
        }
        if ended {
            t.end_lasting(l.id);
        }
    }
}

/// Summits of this round meet.
pub fn hold_summits(t: &mut Table) {
    let content = t.content.0.clone();
    let round = t.clock.round;
    for (i, s) in content.summits.iter().enumerate() {
        if s.round == round {
            t.log(LogEntry::Summit { index: i as u16 });
            effects::run(t, &s.effects, Ctx::default());
        }
    }
}

/// Record this round's tracks, postures and quadrant for the debrief (while the game log
/// is on: batch simulation keeps no history).
pub fn record_history(t: &mut Table) {
    if !t.log.enabled {
        return;
    }
    let shared = t.shared.0.clone();
    let n = t.n_seats();
    let seats = (0..n)
        .map(|s| t.tracks_of(SeatId(s as u8)).to_vec())
        .collect();
    let postures: Vec<PostureId> = (0..n).map(|s| t.posture_of(SeatId(s as u8))).collect();
    let quadrant = t.quadrant();
    t.record.history.rounds.push(HistoryRow {
        shared,
        seats,
        postures,
        quadrant,
    });
}

/// Count the round for batch statistics: postures in force, the quadrant, the shared
/// tracks.
pub fn count_round(t: &mut Table) {
    let aligned_posture = t.content.0.roles.aligned_posture;
    let aligned = (0..t.n_seats())
        .filter(|&s| t.posture_of(SeatId(s as u8)) == aligned_posture)
        .count() as u8;
    let q = t.quadrant();
    let shared = t.shared.0.clone();
    let counts = &mut t.record.counts;
    counts.aligned.push(aligned);
    counts.quadrants.push(q);
    counts.shared.push(shared);
}

/// Round tracks go back to their start.
pub fn reset_round_tracks(t: &mut Table) {
    let content = t.content.0.clone();
    for r in &content.core.round_tracks {
        t.shared.0[r.index()] = content.shared_start[r.index()];
    }
}

/// Collapse, the end of the last round, or hands filled for the next round (the clock
/// moves on when the next news phase begins).
pub fn end_round(t: &mut Table) {
    let content = t.content.0.clone();
    let stability = content.core.stability;
    let s_min = content.tracks[stability.index()].min;
    if t.shared.0[stability.index()] <= s_min {
        t.log(LogEntry::Collapse);
        t.over.0 = Some(Outcome {
            collapse: true,
            scores: vec![0; content.seats()],
            winner: None,
        });
        return;
    }
    if t.clock.round >= content.rounds {
        let scores: Vec<i64> = (0..content.seats())
            .map(|s| {
                let seat = SeatId(s as u8);
                super::agenda_score(&content, seat, t.tracks_of(seat))
            })
            .collect();
        let best = scores.iter().copied().max().unwrap_or(0);
        let leaders: Vec<usize> = (0..scores.len()).filter(|&i| scores[i] == best).collect();
        let winner = (leaders.len() == 1).then(|| leaders[0] as u8);
        t.log(LogEntry::End {
            winner: winner.map(SeatId),
            score: best,
        });
        t.over.0 = Some(Outcome {
            collapse: false,
            scores,
            winner,
        });
        return;
    }
    // Hands fill back up for the next round.
    for s in 0..t.n_seats() {
        let seat = SeatId(s as u8);
        let have = t.hand(seat).len() as u32;
        if have < content.hand_size {
            t.draw_policy(seat, content.hand_size - have);
        }
    }
}
