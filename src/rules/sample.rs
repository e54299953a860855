//! Determinization: a game built from one seat's [`View`] alone, with what that seat cannot
//! see drawn at random. The search bot plays its look-ahead games on such samples, so it
//! can only know what its seat knows.
//!
//! What is drawn: the other states' hands (from the policy cards the seat has not seen:
//! neither in its hand, its orders nor the discard), the policy pile's order, the event
//! deck's order (the pile's cards keyed again from the sample's own seed, so the coming news
//! is a fresh guess), and the board's chance rolls. The other states' orders this policy
//! phase are secret, so in a sample they have given none yet (their bots give them in the
//! look-ahead). Choices waiting for other states are rebuilt from the card that offered
//! them. The log and history start empty.

use crate::content::{CardId, CardKind, SeatId};
use crate::game::*;

use super::facts::Facts;
use super::view::{View, Viewer};
use super::{Game, deck, rng, setup_with};

/// The sampler's own stream label, mixed into the sample's seed.
const SAMPLE_STREAM: u64 = 7;

impl Game {
    /// Make this game a sample of the game `view` shows to its seat, drawing what the seat
    /// cannot see from `sample_seed`. Reads nothing but the view and the content. The
    /// sample keeps no log and records no commands. Returns false (and leaves a fresh
    /// game) when the view is not a seat's.
    pub fn load_sample(&mut self, view: &View, sample_seed: u64) -> bool {
        let content = self.content().clone();
        setup_with(
            &mut self.world,
            content.clone(),
            sample_seed,
            &mut self.table,
        );
        self.commands.clear();
        self.changes += 1;
        self.recording = false;
        self.auto_advance = true;
        let (Viewer::Seat(me), Some(own)) = (view.viewer, view.own.as_ref()) else {
            return false;
        };
        if view.seats.len() != content.seats() || view.shared.len() != content.tracks.len() {
            return false;
        }
        let mut r = rng::seeded(rng::derive(sample_seed, &[SAMPLE_STREAM]));
        let mut t = self
            .table
            .get_mut(&mut self.world)
            .expect("a game's World holds every part of its table");
        t.log.enabled = false;
        t.log.entries.clear();
        *t.clock = Clock {
            round: view.round,
            phase: view.phase,
            phase_done: view.phase_done,
        };
        t.shared.0.clone_from(&view.shared);

        // The policy cards the seat has not seen, shuffled: the others' hands and the pile.
        let mut seen = vec![false; content.cards.len()];
        let own_played = own.orders.iter().filter_map(|o| match o {
            Order::Card(c) => Some(*c),
            _ => None,
        });
        for c in own
            .hand
            .iter()
            .copied()
            .chain(own_played)
            .chain(view.deck.policy_discard.iter().copied())
        {
            if let Some(s) = seen.get_mut(c.index()) {
                *s = true;
            }
        }
        let mut unseen: Vec<CardId> = content
            .cards
            .iter()
            .enumerate()
            .filter(|(i, c)| c.kind == CardKind::Policy && !seen[*i])
            .map(|(i, _)| CardId(i as u16))
            .collect();
        rng::shuffle(&mut r, &mut unseen);

        let in_policy = view.phase == Phase::Policy;
        for (i, sv) in view.seats.iter().enumerate() {
            let s = SeatId(i as u8);
            let Some(mut d) = t.seat_mut(s) else {
                continue;
            };
            d.0.0.clone_from(&sv.tracks);
            d.1.0 = sv.posture;
            d.2.0.clone_from(&sv.memberships);
            d.5.0.iter_mut().for_each(|n| *n = 0);
            if s == me {
                d.3.0.clone_from(&own.hand);
                d.3.0.sort_unstable();
                d.4.list.clone_from(&own.orders);
                d.4.confirmed = sv.confirmed;
                for o in &own.orders {
                    if let Order::Action(a) = o
                        && let Some(n) = d.5.0.get_mut(a.index())
                    {
                        *n += 1;
                    }
                }
            } else {
                let n = (sv.hand as usize).min(unseen.len());
                let mut hand = unseen.split_off(unseen.len() - n);
                hand.sort_unstable();
                d.3.0 = hand;
                d.4.list.clear();
                // Their orders are secret: in the policy phase they give them afresh.
                d.4.confirmed = !in_policy && sv.confirmed;
            }
        }
        t.decks.policies.pile = unseen;
        t.decks
            .policies
            .discard
            .clone_from(&view.deck.policy_discard);

        for (i, p) in view.porosity.iter().enumerate() {
            if let Some(&e) = t.border_entities.0.get(i)
                && let Ok(mut b) = t.borders.get_mut(e)
            {
                b.porosity = *p;
            }
        }
        t.tokens.at.clone_from(&view.tokens);
        t.tokens.supply.clone_from(&view.supply);
        t.lasting.0 = view
            .lasting
            .iter()
            .enumerate()
            .map(|(i, l)| Lasting {
                id: l.id,
                rounds_left: l.rounds_left,
                owner: l.owner,
                serial: i as u32,
            })
            .collect();
        t.record.serials.lasting = view.lasting.len() as u32;

        let events = &mut *t.decks.events;
        events.pile.clear();
        events.discard.clone_from(&view.deck.discard);
        events.removed.clone_from(&view.deck.removed);
        events.later.clone_from(&view.deck.later);
        events.opening.clone_from(&view.deck.opening);
        events.cycles = vec![0; content.cards.len()];
        deck::join_pile(&content, sample_seed, events, &view.deck.pile);
        t.decks.rng.seed = sample_seed;
        t.decks.rng.board = deck::board_stream(sample_seed, view.round);
        t.decks.rng.policy_shuffles = 0;

        t.pending.0.clear();
        for (k, (seat, card)) in view.choices.iter().enumerate() {
            let choice = match view.choice {
                Some(c) if k == 0 => Some(c.choice),
                _ => card.and_then(|c| {
                    crate::content::choices_in(&content.cards[c.index()].effects)
                        .first()
                        .copied()
                }),
            };
            if let Some(choice) = choice {
                t.pending.0.push_back(PendingChoice {
                    seat: *seat,
                    card: *card,
                    choice,
                });
            }
        }
        t.record.revealed.0.clone_from(&view.revealed);
        t.record.history.rounds.clear();
        t.over.0.clone_from(&view.outcome);
        let q = t.quadrant();
        t.record.last_quadrant.0 = q;
        true
    }
}
