//! The systems of each phase of a round, in the order they run. Each is an exclusive
//! system: effects may touch any part of the World.

use bevy::prelude::*;

use crate::content::{CardId, PostureId, RegionId, RegionKind, SeatId, TokenKind};
use crate::game::*;

use super::deck;
use super::effects::{self, Ctx, LastingIndex, log};
use super::facts::{Facts, eval};
use super::rng::{below, chance};

// ---- News -----------------------------------------------------------------------------

/// Start the round: log it, start the board's stream for the round, and put the cards of
/// an era that begins now into the event deck.
pub fn open_round(world: &mut World) {
    let content = world.resource::<ContentRes>().0.clone();
    let round = world.resource::<Clock>().round;
    log(world, LogEntry::Round { round });
    let seed = world.resource::<GameRng>().seed;
    world.resource_mut::<GameRng>().board = deck::board_stream(seed, round);
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
    let mut events = std::mem::take(&mut *world.resource_mut::<EventDeck>());
    let (joining, later): (Vec<CardId>, Vec<CardId>) = events.later.iter().partition(|c| {
        content.cards[c.index()]
            .era
            .is_some_and(|e| starting.contains(&e.index()))
    });
    events.later = later;
    deck::join_pile(&content, seed, &mut events, &joining);
    *world.resource_mut::<EventDeck>() = events;
}

// ---- Policy ---------------------------------------------------------------------------

/// Open the policy phase: every seat starts with no orders.
pub fn open_policy(mut seats: Query<(&mut Orders, &mut ActionsThisRound)>) {
    for (mut orders, mut taken) in &mut seats {
        orders.list.clear();
        orders.confirmed = false;
        taken.0.iter_mut().for_each(|n| *n = 0);
    }
}

// ---- Resolution -----------------------------------------------------------------------

/// Reveal every seat's posture.
pub fn reveal_postures(world: &mut World) {
    let seats = world.resource::<SeatEntities>().0.clone();
    for (i, e) in seats.iter().enumerate() {
        let chosen = world.get::<Orders>(*e).and_then(|o| {
            o.list.iter().rev().find_map(|order| match order {
                Order::Posture(p) => Some(*p),
                _ => None,
            })
        });
        if let Some(p) = chosen {
            let changed = world.get::<Posture>(*e).is_some_and(|old| old.0 != p);
            if let Some(mut posture) = world.get_mut::<Posture>(*e) {
                posture.0 = p;
            }
            if changed {
                log(
                    world,
                    LogEntry::PostureSet {
                        seat: SeatId(i as u8),
                        posture: p,
                    },
                );
            }
        }
    }
}

/// Resolve the seats' actions and cards: each seat's first order in turn, then each
/// seat's second, and so on; the first seat moves one place each round.
pub fn resolve_orders(world: &mut World) {
    let content = world.resource::<ContentRes>().0.clone();
    let seats = world.resource::<SeatEntities>().0.clone();
    let n = seats.len();
    let round = world.resource::<Clock>().round as usize;
    let lists: Vec<Vec<Order>> = seats
        .iter()
        .map(|e| {
            world
                .get::<Orders>(*e)
                .map(|o| {
                    o.list
                        .iter()
                        .copied()
                        .filter(|o| !matches!(o, Order::Posture(_)))
                        .collect()
                })
                .unwrap_or_default()
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
                    if eval(world, &def.when, ctx) {
                        log(world, LogEntry::Action { seat, action: a });
                        effects::run(world, &def.effects, ctx);
                    } else {
                        log(world, LogEntry::ActionFizzled { seat, action: a });
                    }
                }
                Order::Card(c) => {
                    let def = &content.cards[c.index()];
                    log(world, LogEntry::CardPlayed { seat, card: c });
                    effects::run(
                        world,
                        &def.effects,
                        Ctx {
                            card: Some(c),
                            ..ctx
                        },
                    );
                    world.resource_mut::<PolicyDeck>().discard.push(c);
                }
                Order::Posture(_) => {}
            }
        }
    }
    // Orders are spent (played cards are in the discard now); what each seat ordered is
    // public from here on.
    let mut revealed = Vec::with_capacity(n);
    for e in seats {
        let posture = world.get::<Posture>(e).map(|p| Order::Posture(p.0));
        if let Some(mut o) = world.get_mut::<Orders>(e) {
            o.list.clear();
        }
        revealed.push(posture.into_iter().collect::<Vec<_>>());
    }
    for (s, list) in lists.into_iter().enumerate() {
        revealed[s].extend(list);
    }
    world.resource_mut::<Revealed>().0 = revealed;
}

/// The great powers react, each by its rules.
pub fn react_powers(world: &mut World) {
    let content = world.resource::<ContentRes>().0.clone();
    for (i, p) in content.powers.iter().enumerate() {
        log(
            world,
            LogEntry::PowerReacts {
                power: crate::content::PowerId(i as u8),
            },
        );
        effects::run(world, &p.reaction, Ctx::default());
    }
}

// ---- Afghanistan ----------------------------------------------------------------------

/// The Taliban's strength and course move with what the neighbours did.
pub fn move_taliban(world: &mut World) {
    let content = world.resource::<ContentRes>().0.clone();
    effects::run(world, &content.taliban, Ctx::default());
}

/// Log a change of quadrant.
pub fn note_quadrant(world: &mut World) {
    let q = world.quadrant();
    if world.resource::<LastQuadrant>().0 != q {
        world.resource_mut::<LastQuadrant>().0 = q;
        log(world, LogEntry::QuadrantChanged { to: q });
    }
}

/// Threats appear in Afghan regions by the quadrant's spawn table.
pub fn spawn_threats(world: &mut World) {
    let content = world.resource::<ContentRes>().0.clone();
    let q = world.quadrant();
    for rule in content.spawns.iter().filter(|r| r.quadrant == q) {
        for _ in 0..rule.count {
            let i = below(
                &mut world.resource_mut::<GameRng>().board,
                rule.regions.len() as u32,
            );
            effects::spawn_tokens(world, rule.kind, rule.regions[i as usize], 1);
        }
    }
}

/// Threats cross borders: from Afghan regions into states with a chance of
/// `porosity × crossing_percent_per_porosity`, then onward between states at half that.
/// A token crosses at most once a round.
pub fn cross_borders(world: &mut World) {
    let content = world.resource::<ContentRes>().0.clone();
    let borders = world.resource::<BorderEntities>().0.clone();
    let porosity: Vec<i32> = borders
        .iter()
        .map(|e| world.get::<Border>(*e).map_or(0, |b| b.porosity))
        .collect();
    for mut t in world.query::<&mut Token>().iter_mut(world) {
        t.moved = false;
    }
    for (source, divisor) in [(RegionKind::Afghan, 1), (RegionKind::State, 2)] {
        for (r, region) in content.regions.iter().enumerate() {
            if region.kind != source {
                continue;
            }
            let from = RegionId(r as u16);
            let exits: Vec<(RegionId, u32)> = content
                .borders
                .iter()
                .enumerate()
                .filter_map(|(i, b)| {
                    let to = b.other(from)?;
                    (content.regions[to.index()].kind == RegionKind::State).then(|| {
                        let p = porosity[i].max(0) as u32;
                        (to, p * content.crossing_percent_per_porosity / divisor)
                    })
                })
                .collect();
            if exits.is_empty() {
                continue;
            }
            for k in 0..content.tokens.len() {
                let kind = TokenKind(k as u8);
                let tokens = world.resource::<TokenIndex>().at[r][k].clone();
                for e in tokens {
                    if world.get::<Token>(e).is_none_or(|t| t.moved) {
                        continue;
                    }
                    for &(to, pct) in &exits {
                        if chance(&mut world.resource_mut::<GameRng>().board, pct) {
                            effects::relocate(world, e, kind, from, to);
                            log(world, LogEntry::Cross { kind, from, to });
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
pub fn pay_upkeep(world: &mut World) {
    let content = world.resource::<ContentRes>().0.clone();
    for (s, state) in content.states.iter().enumerate() {
        for (k, kind) in content.tokens.iter().enumerate() {
            let n = world
                .resource::<TokenIndex>()
                .count(state.region, TokenKind(k as u8));
            for _ in 0..n {
                effects::run(world, &kind.upkeep, Ctx::seat(SeatId(s as u8)));
            }
        }
    }
}

/// Some threats in the states disperse and return to the supply.
pub fn fade_threats(world: &mut World) {
    let content = world.resource::<ContentRes>().0.clone();
    for (r, region) in content.regions.iter().enumerate() {
        if region.kind != RegionKind::State {
            continue;
        }
        for (k, kind) in content.tokens.iter().enumerate() {
            let n = world.resource::<TokenIndex>().at[r][k].len();
            let mut gone = 0;
            for _ in 0..n {
                if chance(
                    &mut world.resource_mut::<GameRng>().board,
                    kind.fade_percent,
                ) {
                    gone += 1;
                }
            }
            if gone > 0 {
                let region = RegionId(r as u16);
                let kind = TokenKind(k as u8);
                effects::remove_tokens(world, kind, region, gone);
                log(world, LogEntry::Faded { kind, region });
            }
        }
    }
}

/// The running costs of every state, then each posture's round effects.
pub fn apply_postures(world: &mut World) {
    let content = world.resource::<ContentRes>().0.clone();
    let seats = world.resource::<SeatEntities>().0.clone();
    for (s, e) in seats.iter().enumerate() {
        let ctx = Ctx::seat(SeatId(s as u8));
        effects::run(world, &content.each_state, ctx);
        let Some(p) = world.get::<Posture>(*e).map(|p| p.0) else {
            continue;
        };
        effects::run(world, &content.postures[p.index()].each_round, ctx);
    }
}

/// Lasting effects act, then count down; those at zero end.
pub fn tick_lasting(world: &mut World) {
    let content = world.resource::<ContentRes>().0.clone();
    let list = world.resource::<LastingIndex>().0.clone();
    for (id, e) in list {
        let Some(l) = world.get::<Lasting>(e).copied() else {
            continue;
        };
        effects::run(
            world,
            &content.lasting[id.index()].each_round,
            Ctx {
                current: l.owner,
                card: None,
                depth: 0,
            },
        );
        let left = l.rounds_left.saturating_sub(1);
        if let Some(mut l) = world.get_mut::<Lasting>(e) {
            l.rounds_left = left;
        }
        if left == 0 {
            effects::end_lasting(world, id);
        }
    }
}

/// Summits of this round meet.
pub fn hold_summits(world: &mut World) {
    let content = world.resource::<ContentRes>().0.clone();
    let round = world.resource::<Clock>().round;
    for (i, s) in content.summits.iter().enumerate() {
        if s.round == round {
            log(world, LogEntry::Summit { index: i as u16 });
            effects::run(world, &s.effects, Ctx::default());
        }
    }
}

/// Record this round's tracks, postures and quadrant for the debrief (while the game log
/// is on: batch simulation keeps no history).
pub fn record_history(world: &mut World) {
    if !world.resource::<GameLog>().enabled {
        return;
    }
    let shared = world.resource::<SharedTracks>().0.clone();
    let seats = world.resource::<SeatEntities>().0.clone();
    let per_seat = seats
        .iter()
        .map(|e| {
            world
                .get::<StateTracks>(*e)
                .map(|t| t.0.clone())
                .unwrap_or_default()
        })
        .collect();
    let postures = seats
        .iter()
        .map(|e| world.get::<Posture>(*e).map_or(PostureId(0), |p| p.0))
        .collect();
    let quadrant = world.quadrant();
    world.resource_mut::<History>().rounds.push(HistoryRow {
        shared,
        seats: per_seat,
        postures,
        quadrant,
    });
}

/// Round tracks go back to their start.
pub fn reset_round_tracks(world: &mut World) {
    let content = world.resource::<ContentRes>().0.clone();
    let mut shared = world.resource_mut::<SharedTracks>();
    for t in &content.core.round_tracks {
        shared.0[t.index()] = content.shared_start[t.index()];
    }
}

/// Collapse, the end of the last round, or hands filled for the next round (the clock
/// moves on when the next news phase begins).
pub fn end_round(world: &mut World) {
    let content = world.resource::<ContentRes>().0.clone();
    let stability = content.core.stability;
    let s_min = content.tracks[stability.index()].min;
    if world.resource::<SharedTracks>().0[stability.index()] <= s_min {
        log(world, LogEntry::Collapse);
        world.resource_mut::<GameOver>().0 = Some(Outcome {
            collapse: true,
            scores: vec![0; content.seats()],
            winner: None,
        });
        return;
    }
    let round = world.resource::<Clock>().round;
    if round >= content.rounds {
        let scores = super::scores(world);
        let best = scores.iter().copied().max().unwrap_or(0);
        let leaders: Vec<usize> = (0..scores.len()).filter(|&i| scores[i] == best).collect();
        let winner = (leaders.len() == 1).then(|| leaders[0] as u8);
        log(
            world,
            LogEntry::End {
                winner: winner.map(SeatId),
                score: best,
            },
        );
        world.resource_mut::<GameOver>().0 = Some(Outcome {
            collapse: false,
            scores,
            winner,
        });
        return;
    }
    // Hands fill back up for the next round.
    let seats = world.resource::<SeatEntities>().0.clone();
    for (s, e) in seats.iter().enumerate() {
        let have = world.get::<Hand>(*e).map_or(0, |h| h.0.len()) as u32;
        if have < content.hand_size {
            effects::draw_policy(world, SeatId(s as u8), content.hand_size - have);
        }
    }
}
