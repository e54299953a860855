//! How a bot values effects: what a list of effects would do to its agenda, judged on
//! what its seat's view shows.

use crate::content::{At, Content, Effect, RegionKind, Scope, SeatId, TrackId, Who};
use crate::rules::{Ctx, Facts, Seen, View, eval};

use super::{LOW_TRACK, STABILITY_ALARM};

/// What a bot looks at when it weighs effects: gathered once per decision.
pub struct Judge<'a> {
    seen: Seen<'a>,
    seat: SeatId,
    /// Weight of one step of each shared track (0 for per-state tracks).
    shared_weight: Vec<i64>,
    /// Tokens by kind at home, and anywhere on the board.
    home_tokens: Vec<u32>,
    all_tokens: Vec<u32>,
    /// What closing one step of porosity is worth: 1 plus the threats waiting across
    /// the state's Afghan borders (0 without an Afghan border).
    porosity_worth: i64,
}

impl<'a> Judge<'a> {
    /// The bot's judgement for `seat` of the game its view shows.
    pub fn new(content: &'a Content, view: &'a View, seat: SeatId) -> Self {
        let kinds = content.tokens.len();
        let home = content.states[seat.index()].region;
        let count = |r: usize, k: usize| view.tokens.get(r).and_then(|t| t.get(k)).copied();
        let home_tokens = (0..kinds)
            .map(|k| count(home.index(), k).unwrap_or(0))
            .collect();
        let all_tokens = (0..kinds)
            .map(|k| {
                (0..view.tokens.len())
                    .map(|r| count(r, k).unwrap_or(0))
                    .sum()
            })
            .collect();
        let porosity_worth = if content.borders_afghanistan(home) {
            let waiting: u32 = content
                .borders
                .iter()
                .filter_map(|b| b.other(home))
                .filter(|r| content.regions[r.index()].kind == RegionKind::Afghan)
                .map(|r| {
                    view.tokens
                        .get(r.index())
                        .map_or(0, |t| t.iter().sum::<u32>())
                })
                .sum();
            1 + i64::from(waiting)
        } else {
            0
        };
        let shared_weight = content
            .tracks
            .iter()
            .enumerate()
            .map(|(t, def)| match def.scope {
                Scope::State => 0,
                Scope::Shared if t == content.core.stability.index() => {
                    // The region's survival weighs heavily once it runs low.
                    if view.shared[t] <= STABILITY_ALARM {
                        6
                    } else {
                        1
                    }
                }
                Scope::Shared => i64::from(content.roles.region_interest[t]),
            })
            .collect();
        Judge {
            seen: Seen { content, view },
            seat,
            shared_weight,
            home_tokens,
            all_tokens,
            porosity_worth,
        }
    }

    /// What a list of effects is worth to the seat, judged on the game now.
    pub fn value(&self, list: &[Effect], depth: u8) -> i64 {
        if depth > 6 {
            return 0;
        }
        let content = self.seen.content;
        let ctx = Ctx::seat(self.seat);
        let mut v = 0i64;
        for e in list {
            v += match e {
                Effect::Shift { track, who, by } => self.shift_value(*track, *who, *by),
                Effect::Remove { kind, at, count } => {
                    let n = match at {
                        At::Home(_) => self.home_tokens[kind.index()],
                        At::Everywhere | At::RandomAfghan => self.all_tokens[kind.index()],
                        At::Region(r) => self.seen.tokens(*r, *kind),
                    };
                    i64::from(n.min(*count)) * 3
                }
                Effect::Spawn { at, count, .. } => match at {
                    At::Home(_) => -3 * i64::from(*count),
                    _ => -i64::from(*count),
                },
                Effect::Porosity { by, .. } => -i64::from(*by) * self.porosity_worth,
                Effect::If {
                    cond,
                    then,
                    otherwise,
                } => {
                    if eval(&self.seen, cond, ctx) {
                        self.value(then, depth + 1)
                    } else {
                        self.value(otherwise, depth + 1)
                    }
                }
                Effect::ForEachState {
                    cond,
                    effects: inner,
                } if eval(&self.seen, cond, ctx) => self.value(inner, depth + 1),
                Effect::Repeat {
                    times,
                    effects: inner,
                } => i64::from(*times) * self.value(inner, depth + 1),
                Effect::Choice { choice, .. } => {
                    content.choices.get(choice.index()).map_or(0, |c| {
                        c.options
                            .iter()
                            .map(|o| self.value(&o.effects, depth + 1))
                            .max()
                            .unwrap_or(0)
                    })
                }
                Effect::Trigger { card } => {
                    self.value(&content.cards[card.index()].effects, depth + 1)
                }
                Effect::Draw { count, .. } => i64::from(*count),
                _ => 0,
            };
        }
        v
    }

    fn shift_value(&self, track: TrackId, who: Who, by: i32) -> i64 {
        let content = self.seen.content;
        let def = &content.tracks[track.index()];
        match def.scope {
            Scope::State => {
                if matches!(who, Who::Seat(s) if s != self.seat) {
                    return 0;
                }
                let now = self.seen.tracks_of(self.seat)[track.index()];
                // Only the part of the shift that the track's range lets through counts.
                let applied = def.clamp(i64::from(now) + i64::from(by)) - now;
                let weight = i64::from(content.states[self.seat.index()].agenda[track.index()]);
                // A track the agenda wants high is urgent when it runs low.
                let urgency = if weight > 0 && now <= def.min + LOW_TRACK {
                    2
                } else {
                    1
                };
                weight * urgency * i64::from(applied)
            }
            Scope::Shared => {
                let w = self.shared_weight[track.index()];
                if track == content.core.stability {
                    w * i64::from(by)
                } else {
                    w * i64::from(by.signum())
                }
            }
        }
    }
}
