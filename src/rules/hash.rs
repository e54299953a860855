//! The state hash: the one number a replay, a save, the network and the tests compare.

use bevy::prelude::*;

use crate::game::*;
use crate::hash::Fnv64;

use super::effects::LastingIndex;

/// The state hash of the game in a World: everything that decides the rest of the game
/// (clock, tracks, postures, hands, orders, memberships, tokens, borders, decks, lasting
/// effects, pending choices, outcome and the random streams' positions). Entity ids, the
/// log and the history are not part of it.
pub fn state_hash(world: &World) -> u64 {
    let mut h = Fnv64::new();
    let clock = world.resource::<Clock>();
    h.u64(u64::from(clock.round))
        .u64(clock.phase as u64)
        .u64(u64::from(clock.phase_done));
    for v in &world.resource::<SharedTracks>().0 {
        h.i64(i64::from(*v));
    }
    for e in &world.resource::<SeatEntities>().0 {
        if let Some(t) = world.get::<StateTracks>(*e) {
            t.0.iter().for_each(|v| {
                h.i64(i64::from(*v));
            });
        }
        if let Some(p) = world.get::<Posture>(*e) {
            h.u64(p.0.0 as u64);
        }
        if let Some(m) = world.get::<Memberships>(*e) {
            h.u64(m.0.len() as u64);
            m.0.iter().for_each(|o| {
                h.u64(o.0 as u64);
            });
        }
        if let Some(hand) = world.get::<Hand>(*e) {
            h.u64(hand.0.len() as u64);
            hand.0.iter().for_each(|c| {
                h.u64(c.0 as u64);
            });
        }
        if let Some(o) = world.get::<Orders>(*e) {
            h.u64(o.list.len() as u64).u64(u64::from(o.confirmed));
            for order in &o.list {
                let (k, v) = match order {
                    Order::Posture(p) => (0, p.0 as u64),
                    Order::Action(a) => (1, a.0 as u64),
                    Order::Card(c) => (2, c.0 as u64),
                };
                h.u64(k).u64(v);
            }
        }
    }
    let index = world.resource::<TokenIndex>();
    for region in &index.at {
        for kind in region {
            h.u64(kind.len() as u64);
        }
    }
    for s in &index.supply {
        h.u64(u64::from(*s));
    }
    for e in &world.resource::<BorderEntities>().0 {
        h.i64(
            world
                .get::<Border>(*e)
                .map_or(-1, |b| i64::from(b.porosity)),
        );
    }
    let deck = world.resource::<EventDeck>();
    for list in [
        &deck.pile,
        &deck.discard,
        &deck.removed,
        &deck.later,
        &deck.opening,
    ] {
        h.u64(list.len() as u64);
        list.iter().for_each(|c| {
            h.u64(c.0 as u64);
        });
    }
    let policy = world.resource::<PolicyDeck>();
    for list in [&policy.pile, &policy.discard] {
        h.u64(list.len() as u64);
        list.iter().for_each(|c| {
            h.u64(c.0 as u64);
        });
    }
    for (id, e) in &world.resource::<LastingIndex>().0 {
        let l = world.get::<Lasting>(*e);
        h.u64(id.0 as u64)
            .u64(l.map_or(0, |l| u64::from(l.rounds_left)))
            .u64(l.and_then(|l| l.owner).map_or(99, |s| s.0 as u64));
    }
    for c in &world.resource::<PendingChoices>().0 {
        h.u64(c.seat.0 as u64)
            .u64(c.choice.0 as u64)
            .u64(c.card.map_or(u64::MAX, |c| c.0 as u64));
    }
    if let Some(o) = &world.resource::<GameOver>().0 {
        h.u64(u64::from(o.collapse));
        o.scores.iter().for_each(|s| {
            h.i64(*s);
        });
    }
    for c in &deck.cycles {
        h.u64(u64::from(*c));
    }
    let rng = world.resource::<GameRng>();
    h.u64(rng.board.get_word_pos() as u64)
        .u64(u64::from(rng.policy_shuffles));
    h.finish()
}
