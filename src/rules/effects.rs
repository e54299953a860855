//! The effect interpreter: the one place where card, action, posture, power and Taliban
//! effects change the game.

use crate::content::{At, CardId, Content, Effect, RegionId, RegionKind, SeatId};
use crate::game::*;

use super::facts::{eval, seat_of};
use super::rng::below;
use super::table::Table;

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

/// Afghan regions, in board order.
pub fn afghan_regions(content: &Content) -> impl Iterator<Item = RegionId> + '_ {
    content
        .regions
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == RegionKind::Afghan)
        .map(|(i, _)| RegionId(i as u16))
}

/// The regions a place stands for, in order (empty when it names no one): for
/// `Everywhere`, the Afghan regions first, then the states, then the neighbours, so a
/// removal clears threats at their source before those already across.
fn regions_of(t: &mut Table, content: &Content, at: At, ctx: Ctx, out: &mut Vec<RegionId>) {
    out.clear();
    match at {
        At::Region(r) => out.push(r),
        At::Home(w) => out.extend(seat_of(w, ctx).map(|s| content.states[s.index()].region)),
        At::RandomAfghan => {
            let n = afghan_regions(content).count() as u32;
            if n > 0 {
                let i = below(&mut t.decks.rng.board, n) as usize;
                out.extend(afghan_regions(content).nth(i));
            }
        }
        At::Everywhere => {
            out.extend(afghan_regions(content));
            for kind in [RegionKind::State, RegionKind::Neighbour] {
                out.extend(
                    content
                        .regions
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| r.kind == kind)
                        .map(|(i, _)| RegionId(i as u16)),
                );
            }
        }
    }
}

/// Run a list of effects.
pub fn run(t: &mut Table, effects: &[Effect], ctx: Ctx) {
    if ctx.depth > MAX_RUN_DEPTH || effects.is_empty() {
        return;
    }
    let content = t.content.0.clone();
    for e in effects {
        run_one(t, &content, e, ctx);
    }
}

fn run_one(t: &mut Table, content: &Content, effect: &Effect, ctx: Ctx) {
    let inner = Ctx {
        depth: ctx.depth + 1,
        ..ctx
    };
    let mut regions = Vec::new();
    match effect {
        Effect::Shift { track, who, by } => t.shift(*track, seat_of(*who, ctx), *by),
        Effect::Spawn { kind, at, count } => {
            for _ in 0..*count {
                regions_of(t, content, *at, ctx, &mut regions);
                let Some(&r) = regions.first() else { return };
                if t.spawn_tokens(*kind, r, 1) == 0 {
                    return;
                }
            }
        }
        Effect::Remove { kind, at, count } => {
            regions_of(t, content, *at, ctx, &mut regions);
            let mut left = *count;
            for &r in &regions {
                if left == 0 {
                    break;
                }
                let n = t.remove_tokens(*kind, r, left);
                if n > 0 {
                    t.log(LogEntry::Removed {
                        kind: *kind,
                        region: r,
                        count: n,
                    });
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
            regions_of(t, content, *to, ctx, &mut regions);
            let Some(&to) = regions.first() else {
                return;
            };
            regions_of(t, content, *from, ctx, &mut regions);
            let mut left = *count;
            for &r in &regions {
                if left == 0 || r == to {
                    continue;
                }
                let n = t.move_tokens(*kind, r, to, left);
                left -= n;
                if n > 0 {
                    t.log(LogEntry::Moved {
                        kind: *kind,
                        from: r,
                        to,
                        count: n,
                    });
                }
            }
        }
        Effect::Porosity { who, by } => {
            let Some(seat) = seat_of(*who, ctx) else {
                return;
            };
            let h = content.states[seat.index()].region;
            for (i, b) in content.borders.iter().enumerate() {
                if b.other(h)
                    .is_some_and(|o| content.regions[o.index()].kind == RegionKind::Afghan)
                {
                    t.change_porosity(crate::content::BorderId(i as u16), *by);
                }
            }
        }
        Effect::BorderPorosity { border, by } => t.change_porosity(*border, *by),
        Effect::AddLasting { lasting, rounds } => {
            match t.lasting.0.iter_mut().find(|l| l.id == *lasting) {
                // Played again: it lasts the longer of the two.
                Some(l) => l.rounds_left = l.rounds_left.max(*rounds),
                None => {
                    t.record.serials.lasting += 1;
                    let serial = t.record.serials.lasting;
                    t.lasting.0.push(Lasting {
                        id: *lasting,
                        rounds_left: *rounds,
                        owner: ctx.current,
                        serial,
                    });
                }
            }
            t.log(LogEntry::LastingAdded {
                id: *lasting,
                rounds: *rounds,
            });
        }
        Effect::RemoveLasting { lasting } => t.end_lasting(*lasting),
        Effect::Choice { who, choice } => {
            let Some(seat) = seat_of(*who, ctx) else {
                return;
            };
            t.pending.0.push_back(PendingChoice {
                seat,
                card: ctx.card,
                choice: *choice,
            });
            t.log(LogEntry::ChoiceOffered {
                seat,
                card: ctx.card,
                choice: *choice,
            });
        }
        Effect::If {
            cond,
            then,
            otherwise,
        } => {
            if eval(&*t, cond, ctx) {
                run_list(t, content, then, inner);
            } else {
                run_list(t, content, otherwise, inner);
            }
        }
        Effect::ForEachState { cond, effects } => {
            for s in 0..content.seats() {
                let c = Ctx {
                    current: Some(SeatId(s as u8)),
                    ..inner
                };
                if eval(&*t, cond, c) {
                    run_list(t, content, effects, c);
                }
            }
        }
        Effect::Repeat { times, effects } => {
            for _ in 0..*times {
                run_list(t, content, effects, inner);
            }
        }
        Effect::Trigger { card } => {
            let def = &content.cards[card.index()];
            let c = Ctx {
                current: def.focus.or(ctx.current),
                card: Some(*card),
                depth: inner.depth,
            };
            run_list(t, content, &def.effects, c);
        }
        Effect::Draw { who, count } => {
            let Some(seat) = seat_of(*who, ctx) else {
                return;
            };
            let n = t.draw_policy(seat, *count);
            if n > 0 {
                t.log(LogEntry::Drew { seat, count: n });
            }
        }
        Effect::Join { who, org } => {
            let Some(seat) = seat_of(*who, ctx) else {
                return;
            };
            let joined = t.seat_mut(seat).is_some_and(|mut d| {
                if d.2.0.contains(org) {
                    false
                } else {
                    d.2.0.push(*org);
                    true
                }
            });
            if joined {
                t.log(LogEntry::Joined { seat, org: *org });
            }
        }
        Effect::Leave { who, org } => {
            let Some(seat) = seat_of(*who, ctx) else {
                return;
            };
            let left = t.seat_mut(seat).is_some_and(|mut d| {
                let before = d.2.0.len();
                d.2.0.retain(|o| o != org);
                before != d.2.0.len()
            });
            if left {
                t.log(LogEntry::Left { seat, org: *org });
            }
        }
    }
}

/// [`run`] with the content already at hand (no reference count taken per list).
fn run_list(t: &mut Table, content: &Content, effects: &[Effect], ctx: Ctx) {
    if ctx.depth > MAX_RUN_DEPTH {
        return;
    }
    for e in effects {
        run_one(t, content, e, ctx);
    }
}
