//! [`Table`]: the whole game as one system parameter, fetched once per system run (Bevy
//! caches where each resource lives), so the effect interpreter and the phases' systems
//! touch the game without looking anything up by type again. Commands reach it through a
//! cached `SystemState` in [`super::Game`].

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use crate::content::{
    BorderId, Content, LastingId, OrgId, PostureId, RegionId, RegionKind, Scope, SeatId, TokenKind,
    TrackId,
};
use crate::game::*;

use super::facts::Facts;

/// The seats' components, each reached by a query of its own: most rules read or change
/// one part of a seat, and a query of one component finds it in one look-up (a query of
/// all six looked up six columns for every track read: ~10% of a batch's time).
#[derive(SystemParam)]
pub struct SeatQueries<'w, 's> {
    pub tracks: Query<'w, 's, &'static mut StateTracks>,
    pub postures: Query<'w, 's, &'static mut Posture>,
    pub memberships: Query<'w, 's, &'static mut Memberships>,
    pub hands: Query<'w, 's, &'static mut Hand>,
    pub orders: Query<'w, 's, &'static mut Orders>,
    pub taken: Query<'w, 's, &'static mut ActionsThisRound>,
}

/// The decks and the random streams.
#[derive(SystemParam)]
pub struct Decks<'w> {
    pub events: ResMut<'w, EventDeck>,
    pub policies: ResMut<'w, PolicyDeck>,
    pub rng: ResMut<'w, GameRng>,
}

/// What is kept of the game for the record: serials, the orders revealed, the history
/// and the last quadrant.
#[derive(SystemParam)]
pub struct Record<'w> {
    pub serials: ResMut<'w, Serials>,
    pub revealed: ResMut<'w, Revealed>,
    pub history: ResMut<'w, History>,
    pub last_quadrant: ResMut<'w, LastQuadrant>,
    pub counts: ResMut<'w, PlayCounts>,
}

/// The whole game, for the rules to change.
#[derive(SystemParam)]
pub struct Table<'w, 's> {
    pub content: Res<'w, ContentRes>,
    pub clock: ResMut<'w, Clock>,
    pub shared: ResMut<'w, SharedTracks>,
    pub seat_entities: Res<'w, SeatEntities>,
    pub seats: SeatQueries<'w, 's>,
    pub border_entities: Res<'w, BorderEntities>,
    pub borders: Query<'w, 's, &'static mut Border>,
    pub tokens: ResMut<'w, TokenIndex>,
    pub lasting: ResMut<'w, LastingIndex>,
    pub decks: Decks<'w>,
    pub pending: ResMut<'w, PendingChoices>,
    pub over: ResMut<'w, GameOver>,
    pub log: ResMut<'w, GameLog>,
    pub record: Record<'w>,
}

impl Facts for Table<'_, '_> {
    fn content(&self) -> &Content {
        &self.content.0
    }

    fn shared(&self) -> &[i32] {
        &self.shared.0
    }

    fn tracks_of(&self, seat: SeatId) -> &[i32] {
        self.entity(seat)
            .and_then(|e| self.seats.tracks.get(e).ok())
            .map_or(&[], |t| t.0.as_slice())
    }

    fn posture_of(&self, seat: SeatId) -> PostureId {
        self.entity(seat)
            .and_then(|e| self.seats.postures.get(e).ok())
            .map_or(PostureId(0), |p| p.0)
    }

    fn member(&self, seat: SeatId, org: OrgId) -> bool {
        self.entity(seat)
            .and_then(|e| self.seats.memberships.get(e).ok())
            .is_some_and(|m| m.0.contains(&org))
    }

    fn lasting(&self, id: LastingId) -> bool {
        self.lasting.0.iter().any(|l| l.id == id)
    }

    fn round(&self) -> u32 {
        self.clock.round
    }

    fn tokens(&self, region: RegionId, kind: TokenKind) -> u32 {
        self.tokens.count(region, kind)
    }
}

type SeatMut<'a> = (
    Mut<'a, StateTracks>,
    Mut<'a, Posture>,
    Mut<'a, Memberships>,
    Mut<'a, Hand>,
    Mut<'a, Orders>,
    Mut<'a, ActionsThisRound>,
);

impl Table<'_, '_> {
    /// A seat's entity.
    pub fn entity(&self, seat: SeatId) -> Option<Entity> {
        self.seat_entities.0.get(seat.index()).copied()
    }

    /// A seat's state, to change.
    pub fn seat_mut(&mut self, seat: SeatId) -> Option<SeatMut<'_>> {
        let e = self.entity(seat)?;
        let q = &mut self.seats;
        Some((
            q.tracks.get_mut(e).ok()?,
            q.postures.get_mut(e).ok()?,
            q.memberships.get_mut(e).ok()?,
            q.hands.get_mut(e).ok()?,
            q.orders.get_mut(e).ok()?,
            q.taken.get_mut(e).ok()?,
        ))
    }

    /// A seat's tracks, to change.
    pub fn tracks_mut(&mut self, seat: SeatId) -> Option<Mut<'_, StateTracks>> {
        let e = self.entity(seat)?;
        self.seats.tracks.get_mut(e).ok()
    }

    /// A seat's hand, to change.
    pub fn hand_mut(&mut self, seat: SeatId) -> Option<Mut<'_, Hand>> {
        let e = self.entity(seat)?;
        self.seats.hands.get_mut(e).ok()
    }

    /// How many seats.
    pub fn n_seats(&self) -> usize {
        self.seat_entities.0.len()
    }

    /// Record a log entry when logging is on.
    pub fn log(&mut self, entry: LogEntry) {
        if !self.log.enabled {
            return;
        }
        let (round, phase) = (self.clock.round, self.clock.phase);
        self.log.entries.push(LogLine {
            round,
            phase,
            entry,
        });
    }

    /// Move a track by `by`, clamped to its range; logs the change.
    pub fn shift(&mut self, track: TrackId, seat: Option<SeatId>, by: i32) {
        let def = &self.content.0.tracks[track.index()];
        let (scope, min, max) = (def.scope, i64::from(def.min), i64::from(def.max));
        let clamp = |v: i64| v.clamp(min, max) as i32;
        let (from, to, who) = match scope {
            Scope::Shared => {
                let v = &mut self.shared.0[track.index()];
                let from = *v;
                *v = clamp(i64::from(from) + i64::from(by));
                (from, *v, LogWho::Shared)
            }
            Scope::State => {
                let Some(seat) = seat else { return };
                let Some(mut d) = self.tracks_mut(seat) else {
                    return;
                };
                let v = &mut d.0[track.index()];
                let from = *v;
                *v = clamp(i64::from(from) + i64::from(by));
                (from, *v, LogWho::Seat(seat))
            }
        };
        if from != to {
            self.log(LogEntry::Track {
                who,
                track,
                from,
                to,
            });
        }
    }

    /// Take up to `count` tokens from the supply into `region`; returns how many came.
    pub fn spawn_tokens(&mut self, kind: TokenKind, region: RegionId, count: u32) -> u32 {
        let available = self.tokens.supply[kind.index()];
        let n = count.min(available);
        if n > 0 {
            self.tokens.supply[kind.index()] -= n;
            self.tokens.at[region.index()][kind.index()] += n;
            self.log(LogEntry::Spawn {
                kind,
                region,
                count: n,
            });
        }
        n
    }

    /// Return up to `count` tokens from `region` to the supply; returns how many went.
    pub fn remove_tokens(&mut self, kind: TokenKind, region: RegionId, count: u32) -> u32 {
        let here = &mut self.tokens.at[region.index()][kind.index()];
        let n = count.min(*here);
        *here -= n;
        self.tokens.supply[kind.index()] += n;
        n
    }

    /// Move up to `count` tokens of `kind` from `from` to `to`; returns how many moved.
    pub fn move_tokens(
        &mut self,
        kind: TokenKind,
        from: RegionId,
        to: RegionId,
        count: u32,
    ) -> u32 {
        let here = self.tokens.at[from.index()][kind.index()];
        let n = count.min(here);
        self.tokens.at[from.index()][kind.index()] -= n;
        self.tokens.at[to.index()][kind.index()] += n;
        n
    }

    /// Change a border's porosity, clamped to 0..max; logs the change.
    pub fn change_porosity(&mut self, border: BorderId, by: i32) {
        let max = self.content.0.max_porosity;
        let Some(&e) = self.border_entities.0.get(border.index()) else {
            return;
        };
        let Ok(mut b) = self.borders.get_mut(e) else {
            return;
        };
        let before = b.porosity;
        b.porosity = (i64::from(b.porosity) + i64::from(by)).clamp(0, i64::from(max)) as i32;
        let value = b.porosity;
        if value != before {
            self.log(LogEntry::Porosity { border, value });
        }
    }

    /// A border's porosity.
    pub fn porosity(&self, border: usize) -> i32 {
        self.border_entities
            .0
            .get(border)
            .and_then(|e| self.borders.get(*e).ok())
            .map_or(0, |b| b.porosity)
    }

    /// Draw `count` policy cards into a seat's hand, shuffling the discard back when the
    /// pile runs out; returns how many came.
    pub fn draw_policy(&mut self, seat: SeatId, count: u32) -> u32 {
        let mut drawn = 0;
        for _ in 0..count {
            let Some(card) = super::deck::next_policy(&mut self.decks) else {
                break;
            };
            if let Some(mut h) = self.hand_mut(seat) {
                h.insert(card);
                drawn += 1;
            }
        }
        drawn
    }

    /// End a lasting effect, if it is in play.
    pub fn end_lasting(&mut self, id: LastingId) {
        if let Some(i) = self.lasting.0.iter().position(|l| l.id == id) {
            self.lasting.0.remove(i);
            self.log(LogEntry::LastingEnded { id });
        }
    }

    /// The region of a seat's state.
    pub fn home(&self, seat: SeatId) -> RegionId {
        self.content.0.states[seat.index()].region
    }

    /// Whether region `r` is Afghan.
    pub fn is_afghan(&self, r: RegionId) -> bool {
        self.content.0.regions[r.index()].kind == RegionKind::Afghan
    }
}
