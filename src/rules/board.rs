//! [`Board`]: everything the rules read of a game, whether from the World (for anyone
//! holding a `&Game`) or from a [`Table`] already fetched (the fast path of commands,
//! bots and systems). Legality, views and the state hash are written once, over it.

use std::collections::VecDeque;

use bevy::prelude::*;

use crate::content::{CardId, OrgId, SeatId};
use crate::game::*;

use super::facts::Facts;
use super::table::Table;

/// A seat's state, found in one look-up.
pub struct SeatParts<'a> {
    pub tracks: &'a [i32],
    pub posture: crate::content::PostureId,
    pub memberships: &'a [OrgId],
    pub hand: &'a [CardId],
    pub orders: &'a Orders,
    pub taken: &'a [u8],
}

/// What the rules read of a game.
pub trait Board: Facts {
    /// A seat's whole state at once.
    fn seat_parts(&self, seat: SeatId) -> Option<SeatParts<'_>>;
    fn clock(&self) -> Clock;
    fn outcome(&self) -> Option<&Outcome>;
    fn pending(&self) -> &VecDeque<PendingChoice>;
    fn n_seats(&self) -> usize;
    fn orders(&self, seat: SeatId) -> Option<&Orders>;
    fn hand(&self, seat: SeatId) -> &[CardId];
    /// How many times the seat took each action this round.
    fn taken(&self, seat: SeatId) -> &[u8];
    fn memberships(&self, seat: SeatId) -> &[OrgId];
    fn token_index(&self) -> &TokenIndex;
    fn lasting_list(&self) -> &[Lasting];
    fn porosity(&self, border: usize) -> i32;
    /// Every border's porosity, by border index, into `out`.
    fn porosities(&self, out: &mut Vec<i32>) {
        out.clear();
        out.extend((0..self.content().borders.len()).map(|i| self.porosity(i)));
    }
    fn events(&self) -> &EventDeck;
    fn policies(&self) -> &PolicyDeck;
    fn rng(&self) -> &GameRng;
    fn game_log(&self) -> &GameLog;
    fn history(&self) -> &[HistoryRow];
    fn revealed(&self) -> &[Vec<Order>];
}

fn seat_entity(world: &World, seat: SeatId) -> Option<Entity> {
    world
        .resource::<SeatEntities>()
        .0
        .get(seat.index())
        .copied()
}

fn seat_get<C: Component>(world: &World, seat: SeatId) -> Option<&C> {
    seat_entity(world, seat).and_then(|e| world.get::<C>(e))
}

impl Board for World {
    fn seat_parts(&self, seat: SeatId) -> Option<SeatParts<'_>> {
        let e = self.get_entity(seat_entity(self, seat)?).ok()?;
        Some(SeatParts {
            tracks: &e.get::<StateTracks>()?.0,
            posture: e.get::<Posture>()?.0,
            memberships: &e.get::<Memberships>()?.0,
            hand: &e.get::<Hand>()?.0,
            orders: e.get::<Orders>()?,
            taken: &e.get::<ActionsThisRound>()?.0,
        })
    }
    fn clock(&self) -> Clock {
        *self.resource::<Clock>()
    }
    fn outcome(&self) -> Option<&Outcome> {
        self.resource::<GameOver>().0.as_ref()
    }
    fn pending(&self) -> &VecDeque<PendingChoice> {
        &self.resource::<PendingChoices>().0
    }
    fn n_seats(&self) -> usize {
        self.resource::<SeatEntities>().0.len()
    }
    fn orders(&self, seat: SeatId) -> Option<&Orders> {
        seat_get(self, seat)
    }
    fn hand(&self, seat: SeatId) -> &[CardId] {
        seat_get::<Hand>(self, seat).map_or(&[], |h| h.0.as_slice())
    }
    fn taken(&self, seat: SeatId) -> &[u8] {
        seat_get::<ActionsThisRound>(self, seat).map_or(&[], |t| t.0.as_slice())
    }
    fn memberships(&self, seat: SeatId) -> &[OrgId] {
        seat_get::<Memberships>(self, seat).map_or(&[], |m| m.0.as_slice())
    }
    fn token_index(&self) -> &TokenIndex {
        self.resource::<TokenIndex>()
    }
    fn lasting_list(&self) -> &[Lasting] {
        &self.resource::<LastingIndex>().0
    }
    fn porosity(&self, border: usize) -> i32 {
        self.resource::<BorderEntities>()
            .0
            .get(border)
            .and_then(|e| self.get::<Border>(*e))
            .map_or(0, |b| b.porosity)
    }
    fn events(&self) -> &EventDeck {
        self.resource::<EventDeck>()
    }
    fn policies(&self) -> &PolicyDeck {
        self.resource::<PolicyDeck>()
    }
    fn rng(&self) -> &GameRng {
        self.resource::<GameRng>()
    }
    fn game_log(&self) -> &GameLog {
        self.resource::<GameLog>()
    }
    fn history(&self) -> &[HistoryRow] {
        &self.resource::<History>().rounds
    }
    fn revealed(&self) -> &[Vec<Order>] {
        &self.resource::<Revealed>().0
    }
}

impl Board for Table<'_, '_> {
    fn seat_parts(&self, seat: SeatId) -> Option<SeatParts<'_>> {
        let e = self.entity(seat)?;
        let q = &self.seats;
        Some(SeatParts {
            tracks: &q.tracks.get(e).ok()?.0,
            posture: q.postures.get(e).ok()?.0,
            memberships: &q.memberships.get(e).ok()?.0,
            hand: &q.hands.get(e).ok()?.0,
            orders: q.orders.get(e).ok()?,
            taken: &q.taken.get(e).ok()?.0,
        })
    }
    fn clock(&self) -> Clock {
        *self.clock
    }
    fn outcome(&self) -> Option<&Outcome> {
        self.over.0.as_ref()
    }
    fn pending(&self) -> &VecDeque<PendingChoice> {
        &self.pending.0
    }
    fn n_seats(&self) -> usize {
        self.seat_entities.0.len()
    }
    fn orders(&self, seat: SeatId) -> Option<&Orders> {
        let e = self.entity(seat)?;
        self.seats.orders.get(e).ok()
    }
    fn hand(&self, seat: SeatId) -> &[CardId] {
        self.entity(seat)
            .and_then(|e| self.seats.hands.get(e).ok())
            .map_or(&[], |h| h.0.as_slice())
    }
    fn taken(&self, seat: SeatId) -> &[u8] {
        self.entity(seat)
            .and_then(|e| self.seats.taken.get(e).ok())
            .map_or(&[], |t| t.0.as_slice())
    }
    fn memberships(&self, seat: SeatId) -> &[OrgId] {
        self.entity(seat)
            .and_then(|e| self.seats.memberships.get(e).ok())
            .map_or(&[], |m| m.0.as_slice())
    }
    fn token_index(&self) -> &TokenIndex {
        &self.tokens
    }
    fn lasting_list(&self) -> &[Lasting] {
        &self.lasting.0
    }
    fn porosity(&self, border: usize) -> i32 {
        Table::porosity(self, border)
    }
    fn porosities(&self, out: &mut Vec<i32>) {
        // One pass over the borders (no look-up by entity).
        out.clear();
        out.resize(self.content.0.borders.len(), 0);
        for b in self.borders.iter() {
            if let Some(p) = out.get_mut(b.id.index()) {
                *p = b.porosity;
            }
        }
    }
    fn events(&self) -> &EventDeck {
        &self.decks.events
    }
    fn policies(&self) -> &PolicyDeck {
        &self.decks.policies
    }
    fn rng(&self) -> &GameRng {
        &self.decks.rng
    }
    fn game_log(&self) -> &GameLog {
        &self.log
    }
    fn history(&self) -> &[HistoryRow] {
        &self.record.history.rounds
    }
    fn revealed(&self) -> &[Vec<Order>] {
        &self.record.revealed.0
    }
}
