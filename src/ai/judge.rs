//! How a bot values effects: what a list of effects would do to its agenda, judged on
//! what its seat's view shows.

use crate::content::{
    At, Content, Effect, LastingId, OrgId, PostureId, RegionId, RegionKind, Scope, SeatId,
    TokenKind, TrackId, Who,
};
use std::cell::OnceCell;

use crate::rules::{Ctx, Facts, Seen, View, eval};

use super::{LOW_TRACK, STABILITY_ALARM};

/// What a bot looks at when it weighs effects, for one decision.
pub struct Judge<'a> {
    seen: Seen<'a>,
    seat: SeatId,
    home: RegionId,
    /// Tokens by kind anywhere on the board, and what closing a step of porosity is worth:
    /// counted when first asked (most judgements need neither).
    all_tokens: OnceCell<Vec<u32>>,
    porosity_worth: OnceCell<i64>,
    /// The posture the seat is supposed to hold, when weighing one it does not hold yet.
    supposed: Option<PostureId>,
}

/// What the view shows, but with the seat holding a supposed posture.
struct Supposing<'a> {
    seen: Seen<'a>,
    seat: SeatId,
    posture: PostureId,
}

impl Facts for Supposing<'_> {
    fn content(&self) -> &Content {
        self.seen.content
    }
    fn shared(&self) -> &[i32] {
        self.seen.shared()
    }
    fn tracks_of(&self, seat: SeatId) -> &[i32] {
        self.seen.tracks_of(seat)
    }
    fn posture_of(&self, seat: SeatId) -> PostureId {
        if seat == self.seat {
            self.posture
        } else {
            self.seen.posture_of(seat)
        }
    }
    fn member(&self, seat: SeatId, org: OrgId) -> bool {
        self.seen.member(seat, org)
    }
    fn lasting(&self, id: LastingId) -> bool {
        self.seen.lasting(id)
    }
    fn round(&self) -> u32 {
        self.seen.round()
    }
    fn tokens(&self, region: RegionId, kind: TokenKind) -> u32 {
        self.seen.tokens(region, kind)
    }
}

impl<'a> Judge<'a> {
    /// The bot's judgement for `seat` of the game its view shows.
    pub fn new(content: &'a Content, view: &'a View, seat: SeatId) -> Self {
        Judge {
            seen: Seen { content, view },
            seat,
            home: content.states[seat.index()].region,
            all_tokens: OnceCell::new(),
            porosity_worth: OnceCell::new(),
            supposed: None,
        }
    }

    /// Tokens of a kind at home.
    fn home_tokens(&self, kind: TokenKind) -> u32 {
        self.seen.view.tokens_at(self.home, kind)
    }

    /// Tokens of a kind anywhere on the board (counted once, when first asked).
    fn all_tokens(&self, kind: TokenKind) -> u32 {
        let view = self.seen.view;
        let all = self.all_tokens.get_or_init(|| {
            (0..self.seen.content.tokens.len())
                .map(|k| {
                    view.tokens
                        .iter()
                        .map(|r| r.get(k).copied().unwrap_or(0))
                        .sum()
                })
                .collect()
        });
        all.get(kind.index()).copied().unwrap_or(0)
    }

    /// What closing one step of porosity is worth: 1 plus the threats waiting across the
    /// state's Afghan borders (0 without an Afghan border); counted when first asked.
    fn porosity_worth(&self) -> i64 {
        *self.porosity_worth.get_or_init(|| {
            let (content, view, home) = (self.seen.content, self.seen.view, self.home);
            if !content.borders_afghanistan(home) {
                return 0;
            }
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
        })
    }

    /// Weight of one step of a shared track (0 for per-state tracks).
    fn shared_weight(&self, t: usize) -> i64 {
        let content = self.seen.content;
        match content.tracks[t].scope {
            Scope::State => 0,
            // The region's survival weighs heavily once it runs low.
            Scope::Shared if t == content.core.stability.index() => {
                if self.seen.view.shared[t] <= STABILITY_ALARM {
                    6
                } else {
                    1
                }
            }
            Scope::Shared => i64::from(content.roles.region_interest[t]),
        }
    }

    /// The judgement for `seat` as if it held `posture`.
    pub fn supposing(
        content: &'a Content,
        view: &'a View,
        seat: SeatId,
        posture: PostureId,
    ) -> Self {
        Judge {
            supposed: Some(posture),
            ..Self::new(content, view, seat)
        }
    }

    /// Judge from now on as if the seat held `posture`.
    pub fn suppose(&mut self, posture: PostureId) {
        self.supposed = Some(posture);
    }

    fn holds(&self, cond: &crate::content::Cond, ctx: Ctx) -> bool {
        match self.supposed {
            Some(posture) => eval(
                &Supposing {
                    seen: self.seen,
                    seat: self.seat,
                    posture,
                },
                cond,
                ctx,
            ),
            None => eval(&self.seen, cond, ctx),
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
                        At::Home(_) => self.home_tokens(*kind),
                        At::Everywhere | At::RandomAfghan => self.all_tokens(*kind),
                        At::Region(r) => self.seen.tokens(*r, *kind),
                    };
                    i64::from(n.min(*count)) * 3
                }
                Effect::Spawn { at, count, .. } => match at {
                    At::Home(_) => -3 * i64::from(*count),
                    _ => -i64::from(*count),
                },
                Effect::Porosity { by, .. } => -i64::from(*by) * self.porosity_worth(),
                Effect::If {
                    cond,
                    then,
                    otherwise,
                } => {
                    if self.holds(cond, ctx) {
                        self.value(then, depth + 1)
                    } else {
                        self.value(otherwise, depth + 1)
                    }
                }
                Effect::ForEachState {
                    cond,
                    effects: inner,
                } if self.holds(cond, ctx) => self.value(inner, depth + 1),
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
                // A track the agenda wants high is urgent when it runs low, and one it
                // wants low (a dependency) when it runs high.
                let urgency = if (weight > 0 && now <= def.min + LOW_TRACK)
                    || (weight < 0 && now >= def.max - LOW_TRACK)
                {
                    2
                } else {
                    1
                };
                weight * urgency * i64::from(applied)
            }
            Scope::Shared => {
                let w = self.shared_weight(track.index());
                if track == content.core.stability {
                    w * i64::from(by)
                } else {
                    w * i64::from(by.signum())
                }
            }
        }
    }
}
