//! The state hash: the one number a replay, a save, the network and the tests compare.

use crate::content::SeatId;
use crate::game::*;
use crate::hash::Fnv64;

use super::board::Board;

/// The state hash of the game in a World: everything that decides the rest of the game
/// (clock, tracks, postures, hands, orders, memberships, tokens, borders, decks, lasting
/// effects, pending choices, outcome and the random streams' positions). Entity ids, the
/// log and the history are not part of it.
pub fn state_hash<B: Board + ?Sized>(b: &B) -> u64 {
    let mut h = Fnv64::new();
    let clock = b.clock();
    h.u64(u64::from(clock.round))
        .u64(clock.phase as u64)
        .u64(u64::from(clock.phase_done));
    for v in b.shared() {
        h.i64(i64::from(*v));
    }
    for s in 0..b.n_seats() {
        let seat = SeatId(s as u8);
        b.tracks_of(seat).iter().for_each(|v| {
            h.i64(i64::from(*v));
        });
        h.u64(b.posture_of(seat).0 as u64);
        let m = b.memberships(seat);
        h.u64(m.len() as u64);
        m.iter().for_each(|o| {
            h.u64(o.0 as u64);
        });
        let hand = b.hand(seat);
        h.u64(hand.len() as u64);
        hand.iter().for_each(|c| {
            h.u64(c.0 as u64);
        });
        if let Some(o) = b.orders(seat) {
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
    let index = b.token_index();
    for region in &index.at {
        for kind in region {
            h.u64(u64::from(*kind));
        }
    }
    for s in &index.supply {
        h.u64(u64::from(*s));
    }
    for i in 0..b.content().borders.len() {
        h.i64(i64::from(b.porosity(i)));
    }
    let deck = b.events();
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
    let policy = b.policies();
    for list in [&policy.pile, &policy.discard] {
        h.u64(list.len() as u64);
        list.iter().for_each(|c| {
            h.u64(c.0 as u64);
        });
    }
    for l in b.lasting_list() {
        h.u64(l.id.0 as u64)
            .u64(u64::from(l.rounds_left))
            .u64(l.owner.map_or(99, |s| s.0 as u64));
    }
    for c in b.pending() {
        h.u64(c.seat.0 as u64)
            .u64(c.choice.0 as u64)
            .u64(c.card.map_or(u64::MAX, |c| c.0 as u64));
    }
    if let Some(o) = b.outcome() {
        h.u64(u64::from(o.collapse));
        o.scores.iter().for_each(|s| {
            h.i64(*s);
        });
    }
    for c in &deck.cycles {
        h.u64(u64::from(*c));
    }
    let rng = b.rng();
    h.u64(rng.board.get_word_pos() as u64)
        .u64(u64::from(rng.policy_shuffles));
    h.finish()
}
