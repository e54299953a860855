//! What anyone at the table can see, and the conditions of the effect language evaluated
//! on it. The rules evaluate conditions on the World; a bot evaluates the same conditions
//! on its seat's [`View`](super::View), which holds only public facts and its own hand.

use bevy::prelude::*;

use crate::content::{
    At, Cond, Content, LastingId, OrgId, PostureId, Quadrant, RegionId, RegionKind, Scope, SeatId,
    TokenKind, TrackId, Who,
};
use crate::game::*;

use super::effects::Ctx;

/// Public facts of a game: everything a condition can ask about.
pub trait Facts {
    fn content(&self) -> &Content;
    /// The shared tracks, by track index.
    fn shared(&self) -> &[i32];
    /// A seat's tracks, by track index.
    fn tracks_of(&self, seat: SeatId) -> &[i32];
    /// A seat's posture in force (the one revealed last).
    fn posture_of(&self, seat: SeatId) -> PostureId;
    fn member(&self, seat: SeatId, org: OrgId) -> bool;
    /// Whether a lasting effect is in play.
    fn lasting(&self, id: LastingId) -> bool;
    fn round(&self) -> u32;
    fn tokens(&self, region: RegionId, kind: TokenKind) -> u32;

    /// The Kazantsev quadrant.
    fn quadrant(&self) -> Quadrant {
        quadrant_of(self.content(), self.shared())
    }

    /// A track's value: shared, or the seat's.
    fn track(&self, track: TrackId, seat: Option<SeatId>) -> i32 {
        match self.content().tracks[track.index()].scope {
            Scope::Shared => self.shared()[track.index()],
            Scope::State => seat
                .and_then(|s| self.tracks_of(s).get(track.index()).copied())
                .unwrap_or(0),
        }
    }
}

/// The quadrant for given shared track values.
pub fn quadrant_of(content: &Content, shared: &[i32]) -> Quadrant {
    let q = &content.quadrants;
    let strong = shared[q.strength.index()] >= q.strong_at;
    if strong {
        if shared[q.course.index()] >= q.radical_at {
            Quadrant::StrongRadical
        } else {
            Quadrant::StrongModerate
        }
    } else if shared[q.involvement.index()] >= q.proxy_at {
        Quadrant::WeakProxy
    } else {
        Quadrant::WeakContained
    }
}

impl Facts for World {
    fn content(&self) -> &Content {
        &self.resource::<ContentRes>().0
    }

    fn shared(&self) -> &[i32] {
        &self.resource::<SharedTracks>().0
    }

    fn tracks_of(&self, seat: SeatId) -> &[i32] {
        self.resource::<SeatEntities>()
            .0
            .get(seat.index())
            .and_then(|e| self.get::<StateTracks>(*e))
            .map_or(&[], |t| t.0.as_slice())
    }

    fn posture_of(&self, seat: SeatId) -> PostureId {
        self.resource::<SeatEntities>()
            .0
            .get(seat.index())
            .and_then(|e| self.get::<Posture>(*e))
            .map_or(PostureId(0), |p| p.0)
    }

    fn member(&self, seat: SeatId, org: OrgId) -> bool {
        self.resource::<SeatEntities>()
            .0
            .get(seat.index())
            .and_then(|e| self.get::<Memberships>(*e))
            .is_some_and(|m| m.0.contains(&org))
    }

    fn lasting(&self, id: LastingId) -> bool {
        // Lasting effects are few; a scan is cheaper than an index.
        self.resource::<LastingIndex>().0.iter().any(|l| l.id == id)
    }

    fn round(&self) -> u32 {
        self.resource::<Clock>().round
    }

    fn tokens(&self, region: RegionId, kind: TokenKind) -> u32 {
        self.resource::<TokenIndex>().count(region, kind)
    }
}

/// The seat a `Who` names in a context.
pub fn seat_of(who: Who, ctx: Ctx) -> Option<SeatId> {
    match who {
        Who::Current => ctx.current,
        Who::Seat(s) => Some(s),
    }
}

/// Whether a condition holds.
pub fn eval<F: Facts + ?Sized>(f: &F, cond: &Cond, ctx: Ctx) -> bool {
    match cond {
        Cond::Always => true,
        Cond::Quadrant(q) => f.quadrant() == *q,
        Cond::AtLeast { track, who, value } => f.track(*track, seat_of(*who, ctx)) >= *value,
        Cond::AtMost { track, who, value } => f.track(*track, seat_of(*who, ctx)) <= *value,
        Cond::Posture { who, posture } => {
            seat_of(*who, ctx).is_some_and(|s| f.posture_of(s) == *posture)
        }
        Cond::Member { who, org } => seat_of(*who, ctx).is_some_and(|s| f.member(s, *org)),
        Cond::IsState(s) => ctx.current == Some(*s),
        Cond::BordersAfghanistan(w) => seat_of(*w, ctx).is_some_and(|s| {
            let content = f.content();
            content.borders_afghanistan(content.states[s.index()].region)
        }),
        Cond::Lasting(id) => f.lasting(*id),
        Cond::Era(e) => f.content().era_at(f.round()) == *e,
        Cond::Tokens { kind, at, count } => {
            let content = f.content();
            let total: u32 = match at {
                At::Region(r) => f.tokens(*r, *kind),
                At::Home(w) => seat_of(*w, ctx)
                    .map_or(0, |s| f.tokens(content.states[s.index()].region, *kind)),
                At::RandomAfghan | At::Everywhere => {
                    let afghan = matches!(at, At::RandomAfghan);
                    content
                        .regions
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| !afghan || r.kind == RegionKind::Afghan)
                        .map(|(i, _)| f.tokens(RegionId(i as u16), *kind))
                        .sum()
                }
            };
            total >= *count
        }
        Cond::RoundAtLeast(n) => f.round() >= *n,
        Cond::All(list) => list.iter().all(|c| eval(f, c, ctx)),
        Cond::Any(list) => list.iter().any(|c| eval(f, c, ctx)),
        Cond::Not(c) => !eval(f, c, ctx),
    }
}
