//! The effect interpreter: the one place where card, action, posture, power and Taliban
//! effects change the World.

use bevy::prelude::*;

use crate::content::{
    At, CardId, Content, Effect, RegionId, RegionKind, Scope, SeatId, TokenKind, TrackId,
};
use crate::game::*;

use super::facts::{eval, seat_of};
use super::rng::below;

/// Deepest nesting of triggered cards and effects at run time (validation caps it first).
const MAX_RUN_DEPTH: u8 = 24;

/// What an effect list runs with: the state in focus and the card it came from.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ctx {
    pub current: Option<SeatId>,
    pub card: Option<CardId>,
    pub depth: u8,
}

impl Ctx {
    /// A context with `seat` in focus.
    pub fn seat(seat: SeatId) -> Self {
        Ctx {
            current: Some(seat),
            ..Default::default()
        }
    }
}

/// Record a log entry when logging is on.
pub fn log(world: &mut World, entry: LogEntry) {
    if !world.resource::<GameLog>().enabled {
        return;
    }
    let clock = *world.resource::<Clock>();
    world.resource_mut::<GameLog>().entries.push(LogLine {
        round: clock.round,
        phase: clock.phase,
        entry,
    });
}

/// Move a track by `by`, clamped to its range; logs the change.
pub fn shift(world: &mut World, track: TrackId, seat: Option<SeatId>, by: i32) {
    let (scope, min, max) = {
        let def = &world.resource::<ContentRes>().0.tracks[track.index()];
        (def.scope, i64::from(def.min), i64::from(def.max))
    };
    let clamp = |v: i64| v.clamp(min, max) as i32;
    let (from, to, who) = match scope {
        Scope::Shared => {
            let mut shared = world.resource_mut::<SharedTracks>();
            let v = &mut shared.0[track.index()];
            let from = *v;
            *v = clamp(i64::from(from) + i64::from(by));
            (from, *v, LogWho::Shared)
        }
        Scope::State => {
            let Some(seat) = seat else { return };
            let e = world.resource::<SeatEntities>().0[seat.index()];
            let Some(mut tracks) = world.get_mut::<StateTracks>(e) else {
                return;
            };
            let v = &mut tracks.0[track.index()];
            let from = *v;
            *v = clamp(i64::from(from) + i64::from(by));
            (from, *v, LogWho::Seat(seat))
        }
    };
    if from != to {
        log(
            world,
            LogEntry::Track {
                who,
                track,
                from,
                to,
            },
        );
    }
}

fn home(content: &Content, seat: SeatId) -> RegionId {
    content.states[seat.index()].region
}

/// Regions a place stands for (empty when it names no one).
fn regions_of(world: &mut World, at: At, ctx: Ctx) -> Vec<RegionId> {
    let content = world.resource::<ContentRes>().0.clone();
    match at {
        At::Region(r) => vec![r],
        At::Home(w) => seat_of(w, ctx)
            .map(|s| vec![home(&content, s)])
            .unwrap_or_default(),
        At::RandomAfghan => {
            let afghan: Vec<RegionId> = afghan_regions(&content);
            if afghan.is_empty() {
                return Vec::new();
            }
            let i = below(
                &mut world.resource_mut::<GameRng>().board,
                afghan.len() as u32,
            );
            vec![afghan[i as usize]]
        }
        At::Everywhere => {
            // Afghan regions first, then the states, then the neighbours: removal clears
            // threats at their source before those already across.
            let mut v: Vec<RegionId> = afghan_regions(&content);
            for kind in [RegionKind::State, RegionKind::Neighbour] {
                v.extend(
                    content
                        .regions
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| r.kind == kind)
                        .map(|(i, _)| RegionId(i as u16)),
                );
            }
            v
        }
    }
}

/// Afghan regions, in board order.
pub fn afghan_regions(content: &Content) -> Vec<RegionId> {
    content
        .regions
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == RegionKind::Afghan)
        .map(|(i, _)| RegionId(i as u16))
        .collect()
}

/// Take up to `count` tokens from the supply into `region`; returns how many came.
pub fn spawn_tokens(world: &mut World, kind: TokenKind, region: RegionId, count: u32) -> u32 {
    let available = world.resource::<TokenIndex>().supply[kind.index()];
    let n = count.min(available);
    for _ in 0..n {
        let e = world
            .spawn(Token {
                kind,
                region,
                moved: false,
            })
            .id();
        let mut index = world.resource_mut::<TokenIndex>();
        index.at[region.index()][kind.index()].push(e);
        index.supply[kind.index()] -= 1;
    }
    if n > 0 {
        log(
            world,
            LogEntry::Spawn {
                kind,
                region,
                count: n,
            },
        );
    }
    n
}

/// Return up to `count` tokens from `region` to the supply; returns how many went.
pub fn remove_tokens(world: &mut World, kind: TokenKind, region: RegionId, count: u32) -> u32 {
    let mut removed = Vec::new();
    {
        let mut index = world.resource_mut::<TokenIndex>();
        let list = &mut index.at[region.index()][kind.index()];
        for _ in 0..count {
            match list.pop() {
                Some(e) => removed.push(e),
                None => break,
            }
        }
        index.supply[kind.index()] += removed.len() as u32;
    }
    let n = removed.len() as u32;
    for e in removed {
        world.despawn(e);
    }
    n
}

/// Move one token (the oldest) of `kind` from `from` to `to`. Returns whether one moved.
pub fn move_token(world: &mut World, kind: TokenKind, from: RegionId, to: RegionId) -> bool {
    let Some(&e) = world.resource::<TokenIndex>().at[from.index()][kind.index()].first() else {
        return false;
    };
    relocate(world, e, kind, from, to);
    true
}

/// Move one given token from `from` to `to`, keeping the index true; it counts as moved
/// this round.
pub fn relocate(world: &mut World, e: Entity, kind: TokenKind, from: RegionId, to: RegionId) {
    {
        let mut index = world.resource_mut::<TokenIndex>();
        index.at[from.index()][kind.index()].retain(|x| *x != e);
        index.at[to.index()][kind.index()].push(e);
    }
    if let Some(mut t) = world.get_mut::<Token>(e) {
        t.region = to;
        t.moved = true;
    }
}

/// Change a border's porosity, clamped to 0..max; logs the change.
pub fn change_porosity(world: &mut World, border: crate::content::BorderId, by: i32) {
    let max = world.resource::<ContentRes>().0.max_porosity;
    let e = world.resource::<BorderEntities>().0[border.index()];
    let Some(mut b) = world.get_mut::<Border>(e) else {
        return;
    };
    let before = b.porosity;
    b.porosity = (i64::from(b.porosity) + i64::from(by)).clamp(0, i64::from(max)) as i32;
    let value = b.porosity;
    if value != before {
        log(world, LogEntry::Porosity { border, value });
    }
}

/// Draw `count` policy cards into a seat's hand, shuffling the discard back when the pile
/// runs out; returns how many came.
pub fn draw_policy(world: &mut World, seat: SeatId, count: u32) -> u32 {
    let mut drawn = 0;
    for _ in 0..count {
        let Some(card) = super::deck::next_policy(world) else {
            break;
        };
        let e = world.resource::<SeatEntities>().0[seat.index()];
        if let Some(mut hand) = world.get_mut::<Hand>(e) {
            hand.insert(card);
            drawn += 1;
        }
    }
    drawn
}

/// Lasting effects in play, with their entities, in order of addition.
#[derive(Resource, Debug, Clone, Default)]
pub struct LastingIndex(pub Vec<(crate::content::LastingId, Entity)>);

/// Run a list of effects.
pub fn run(world: &mut World, effects: &[Effect], ctx: Ctx) {
    if ctx.depth > MAX_RUN_DEPTH {
        return;
    }
    for e in effects {
        run_one(world, e, ctx);
    }
}

fn run_one(world: &mut World, effect: &Effect, ctx: Ctx) {
    let inner = Ctx {
        depth: ctx.depth + 1,
        ..ctx
    };
    match effect {
        Effect::Shift { track, who, by } => shift(world, *track, seat_of(*who, ctx), *by),
        Effect::Spawn { kind, at, count } => {
            for _ in 0..*count {
                let regions = regions_of(world, *at, ctx);
                let Some(&r) = regions.first() else { return };
                if spawn_tokens(world, *kind, r, 1) == 0 {
                    return;
                }
            }
        }
        Effect::Remove { kind, at, count } => {
            let mut left = *count;
            for r in regions_of(world, *at, ctx) {
                if left == 0 {
                    break;
                }
                let n = remove_tokens(world, *kind, r, left);
                if n > 0 {
                    log(
                        world,
                        LogEntry::Removed {
                            kind: *kind,
                            region: r,
                            count: n,
                        },
                    );
                }
                left -= n;
            }
        }
        Effect::Move {
            kind,
            from,
            to,
            count,
        } => {
            let Some(&to) = regions_of(world, *to, ctx).first() else {
                return;
            };
            let mut left = *count;
            for r in regions_of(world, *from, ctx) {
                let mut n = 0;
                while left > 0 && r != to && move_token(world, *kind, r, to) {
                    left -= 1;
                    n += 1;
                }
                if n > 0 {
                    log(
                        world,
                        LogEntry::Moved {
                            kind: *kind,
                            from: r,
                            to,
                            count: n,
                        },
                    );
                }
            }
        }
        Effect::Porosity { who, by } => {
            let Some(seat) = seat_of(*who, ctx) else {
                return;
            };
            let content = world.resource::<ContentRes>().0.clone();
            let h = home(&content, seat);
            for (i, b) in content.borders.iter().enumerate() {
                if b.other(h)
                    .is_some_and(|o| content.regions[o.index()].kind == RegionKind::Afghan)
                {
                    change_porosity(world, crate::content::BorderId(i as u16), *by);
                }
            }
        }
        Effect::BorderPorosity { border, by } => change_porosity(world, *border, *by),
        Effect::AddLasting { lasting, rounds } => {
            let existing = world
                .resource::<LastingIndex>()
                .0
                .iter()
                .find(|(l, _)| l == lasting)
                .map(|(_, e)| *e);
            match existing {
                Some(e) => {
                    // Played again: it lasts the longer of the two.
                    if let Some(mut l) = world.get_mut::<Lasting>(e) {
                        l.rounds_left = l.rounds_left.max(*rounds);
                    }
                }
                None => {
                    let serial = {
                        let mut s = world.resource_mut::<Serials>();
                        s.lasting += 1;
                        s.lasting
                    };
                    let e = world
                        .spawn(Lasting {
                            id: *lasting,
                            rounds_left: *rounds,
                            owner: ctx.current,
                            serial,
                        })
                        .id();
                    world.resource_mut::<LastingIndex>().0.push((*lasting, e));
                }
            }
            log(
                world,
                LogEntry::LastingAdded {
                    id: *lasting,
                    rounds: *rounds,
                },
            );
        }
        Effect::RemoveLasting { lasting } => end_lasting(world, *lasting),
        Effect::Choice { who, choice } => {
            let Some(seat) = seat_of(*who, ctx) else {
                return;
            };
            world
                .resource_mut::<PendingChoices>()
                .0
                .push_back(PendingChoice {
                    seat,
                    card: ctx.card,
                    choice: *choice,
                });
            log(
                world,
                LogEntry::ChoiceOffered {
                    seat,
                    card: ctx.card,
                    choice: *choice,
                },
            );
        }
        Effect::If {
            cond,
            then,
            otherwise,
        } => {
            if eval(world, cond, ctx) {
                run(world, then, inner);
            } else {
                run(world, otherwise, inner);
            }
        }
        Effect::ForEachState { cond, effects } => {
            let n = world.resource::<ContentRes>().0.seats();
            for s in 0..n {
                let c = Ctx {
                    current: Some(SeatId(s as u8)),
                    ..inner
                };
                if eval(world, cond, c) {
                    run(world, effects, c);
                }
            }
        }
        Effect::Repeat { times, effects } => {
            for _ in 0..*times {
                run(world, effects, inner);
            }
        }
        Effect::Trigger { card } => {
            let content = world.resource::<ContentRes>().0.clone();
            let def = &content.cards[card.index()];
            let c = Ctx {
                current: def.focus.or(ctx.current),
                card: Some(*card),
                depth: inner.depth,
            };
            run(world, &def.effects, c);
        }
        Effect::Draw { who, count } => {
            let Some(seat) = seat_of(*who, ctx) else {
                return;
            };
            let n = draw_policy(world, seat, *count);
            if n > 0 {
                log(world, LogEntry::Drew { seat, count: n });
            }
        }
        Effect::Join { who, org } => {
            let Some(seat) = seat_of(*who, ctx) else {
                return;
            };
            let e = world.resource::<SeatEntities>().0[seat.index()];
            let joined = world.get_mut::<Memberships>(e).is_some_and(|mut m| {
                if m.0.contains(org) {
                    false
                } else {
                    m.0.push(*org);
                    true
                }
            });
            if joined {
                log(world, LogEntry::Joined { seat, org: *org });
            }
        }
        Effect::Leave { who, org } => {
            let Some(seat) = seat_of(*who, ctx) else {
                return;
            };
            let e = world.resource::<SeatEntities>().0[seat.index()];
            let left = world.get_mut::<Memberships>(e).is_some_and(|mut m| {
                let before = m.0.len();
                m.0.retain(|o| o != org);
                before != m.0.len()
            });
            if left {
                log(world, LogEntry::Left { seat, org: *org });
            }
        }
    }
}

/// End a lasting effect, if it is in play.
pub fn end_lasting(world: &mut World, id: crate::content::LastingId) {
    let found = {
        let mut index = world.resource_mut::<LastingIndex>();
        index
            .0
            .iter()
            .position(|(l, _)| *l == id)
            .map(|i| index.0.remove(i).1)
    };
    if let Some(e) = found {
        world.despawn(e);
        log(world, LogEntry::LastingEnded { id });
    }
}
