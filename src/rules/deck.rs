//! The decks and the random streams behind them, kept apart so that the class code keeps
//! its promise: two games of one level and seed meet the same news in the same order
//! whenever the same cards are eligible, whatever the groups ordered.
//!
//! - **The event deck** has no shuffle at all: each card's place in the order is drawn from
//!   the seed, the card and how many times it has gone back into the pile
//!   ([`event_key`]); the news phase reveals the first card in that order whose quadrant
//!   and conditions allow it. Nothing a player does moves a card's place.
//! - **The policy deck** is shuffled from the seed and the number of the shuffle.
//! - **The board's chance rolls** (spawns, crossings, fading, a random Afghan region) have a
//!   stream of their own, started afresh from the seed each round.

use bevy::prelude::*;

use crate::content::{CardId, Content};
use crate::game::*;

use super::effects::{self, Ctx};
use super::facts::{Facts, eval};
use super::rng;
use super::table::{Decks, Table};

/// The streams' labels, mixed into the seed.
const EVENT_STREAM: u64 = 1;
const POLICY_STREAM: u64 = 2;
const BOARD_STREAM: u64 = 3;

/// A card's place in the event deck's order (larger comes first): the largest of
/// `weight` uniform draws derived from the seed, the card and its cycle. Taking the first
/// card of this order among any set of cards picks each with a chance proportional to its
/// weight (the maximum of `w` uniform draws is distributed as `u^(1/w)`: weighted
/// sampling by keys, in integers so every platform agrees).
pub fn event_key(seed: u64, card: CardId, cycle: u16, weight: u32) -> u64 {
    (0..u64::from(weight))
        .map(|j| {
            rng::derive(
                seed,
                &[EVENT_STREAM, u64::from(card.0), u64::from(cycle), j],
            )
        })
        .max()
        .unwrap_or(0)
}

/// Put cards into the event pile, each at its place in the order.
pub fn join_pile(content: &Content, seed: u64, deck: &mut EventDeck, cards: &[CardId]) {
    deck.pile.extend_from_slice(cards);
    let key = |c: &CardId| {
        let cycle = deck.cycles.get(c.index()).copied().unwrap_or(0);
        event_key(seed, *c, cycle, content.cards[c.index()].weight)
    };
    let mut keyed: Vec<(u64, CardId)> = deck.pile.iter().map(|c| (key(c), *c)).collect();
    keyed.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    deck.pile = keyed.into_iter().map(|(_, c)| c).collect();
}

/// The board's stream for a round.
pub fn board_stream(seed: u64, round: u32) -> rand_chacha::ChaCha8Rng {
    rng::seeded(rng::derive(seed, &[BOARD_STREAM, u64::from(round)]))
}

/// The policy deck's `n`-th shuffle (the first, 0, at set-up).
pub fn shuffle_policies(seed: u64, n: u32, cards: &mut [CardId]) {
    let mut r = rng::seeded(rng::derive(seed, &[POLICY_STREAM, u64::from(n)]));
    rng::shuffle(&mut r, cards);
}

/// Whether an event card may come up now: its quadrants, its weight and its condition.
pub fn eligible<F: Facts + ?Sized>(f: &F, card: CardId) -> bool {
    let content = f.content();
    let def = &content.cards[card.index()];
    def.weight > 0
        && (def.quadrants.is_empty() || def.quadrants.contains(&f.quadrant()))
        && eval(
            f,
            &def.when,
            Ctx {
                current: def.focus,
                card: Some(card),
                depth: 0,
            },
        )
}

/// The event cards in the pile that may come up now, in the deck's order.
pub fn eligible_now(world: &World) -> Vec<CardId> {
    world
        .resource::<EventDeck>()
        .pile
        .iter()
        .copied()
        .filter(|c| eligible(world, *c))
        .collect()
}

/// Take the next event card: the level's opening first, then the first eligible card in
/// the deck's order. When none is, the discard goes back into the pile (each card at a
/// new place) and the pile is tried once more.
pub fn next_event(t: &mut Table) -> Option<CardId> {
    if !t.decks.events.opening.is_empty() {
        let c = t.decks.events.opening.remove(0);
        t.decks.events.pile.retain(|p| *p != c);
        return Some(c);
    }
    for attempt in 0..2 {
        let found = t.decks.events.pile.iter().position(|c| eligible(&*t, *c));
        if let Some(i) = found {
            return Some(t.decks.events.pile.remove(i));
        }
        if attempt == 0 {
            let content = t.content.0.clone();
            let seed = t.decks.rng.seed;
            let events = &mut *t.decks.events;
            let back = std::mem::take(&mut events.discard);
            for c in &back {
                if let Some(n) = events.cycles.get_mut(c.index()) {
                    *n = n.saturating_add(1);
                }
            }
            join_pile(&content, seed, events, &back);
        }
    }
    None
}

/// Reveal the round's event cards and run them.
pub fn draw_events(t: &mut Table) {
    let content = t.content.0.clone();
    for _ in 0..content.events_per_round {
        let Some(card) = next_event(t) else { break };
        let def = &content.cards[card.index()];
        t.log(LogEntry::Event { card });
        if def.once {
            t.decks.events.removed.push(card);
        } else {
            t.decks.events.discard.push(card);
        }
        let ctx = Ctx {
            current: def.focus,
            card: Some(card),
            depth: 0,
        };
        effects::run(t, &def.effects, ctx);
    }
}

/// The top policy card, shuffling the discard back in when the pile is empty.
pub fn next_policy(decks: &mut Decks) -> Option<CardId> {
    if decks.policies.pile.is_empty() {
        decks.rng.policy_shuffles += 1;
        let (seed, n) = (decks.rng.seed, decks.rng.policy_shuffles);
        let mut back = std::mem::take(&mut decks.policies.discard);
        shuffle_policies(seed, n, &mut back);
        decks.policies.pile = back;
    }
    decks.policies.pile.pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_keys_are_pinned() {
        // Pinned output, computed independently (SplitMix64 mixing, as in rng::derive, by
        // a few lines of Python): if this changes, every class code deals another deck.
        assert_eq!(event_key(1, CardId(0), 0, 1), rng::derive(1, &[1, 0, 0, 0]));
        assert_eq!(
            [
                event_key(2021, CardId(3), 0, 1),
                event_key(2021, CardId(3), 1, 1),
                event_key(2021, CardId(3), 0, 3),
            ],
            [
                0x4378_424c_c5ba_4e3a,
                0x3abd_b693_b162_e7fc,
                0xff5e_5ecb_74f7_9b0b,
            ]
        );
        assert_eq!(event_key(7, CardId(1), 0, 0), 0);
    }

    #[test]
    fn a_heavier_card_comes_first_more_often_in_proportion() {
        // Over many seeds, a card of weight 3 leads one of weight 1 about 3 times in 4.
        let mut first = 0;
        let n = 4000;
        for seed in 0..n {
            if event_key(seed, CardId(0), 0, 3) > event_key(seed, CardId(1), 0, 1) {
                first += 1;
            }
        }
        let share = f64::from(first) / n as f64;
        assert!((share - 0.75).abs() < 0.03, "{share}");
    }
}
