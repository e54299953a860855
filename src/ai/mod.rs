//! The baseline bot: a heuristic player for any seat. It scores each legal option by what
//! its effects would do to its own agenda (and to the region, when stability runs low),
//! plays the best ones it can afford, and says why in one line.
//!
//! It never draws from the game's RNG: ties are broken by its own stream, derived from the
//! game's seed, its seat and the round, so adding a bot's thinking never changes the deck.

use crate::content::{At, CardId, Content, Effect, Quadrant, RegionKind, Scope, SeatId};
use crate::game::{Command, Reason};
use crate::rules::{Awaiting, Ctx, Game, action_points_left, effects, rng};

/// Stability at or below which the bot weighs the region's survival heavily.
const STABILITY_ALARM: i32 = 6;
/// A wanted track this close to its minimum counts double for the bot.
const LOW_TRACK: i32 = 3;
/// An easy bot gives at most this many orders a round.
const EASY_ORDERS: u32 = 2;

/// How well a bot plays.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Strength {
    /// Plays legally but loosely: much noise in its judgement, and at most two orders a
    /// round.
    Easy,
    /// The baseline bot (every figure in docs/BALANCE.md is with it).
    #[default]
    Normal,
    /// Weighs each posture's round effects on its agenda before choosing one.
    Hard,
}

impl Strength {
    /// Parse `easy`, `normal` or `hard`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "easy" => Some(Strength::Easy),
            "normal" => Some(Strength::Normal),
            "hard" => Some(Strength::Hard),
            _ => None,
        }
    }
}

/// How bots play: their strength, and for experiments a posture forced on any seat.
#[derive(Debug, Clone, Default)]
pub struct BotOptions {
    /// By seat index: the posture that seat's bot always takes.
    pub forced: Vec<Option<crate::content::PostureId>>,
    /// By seat index (missing: normal).
    pub strength: Vec<Strength>,
}

impl BotOptions {
    fn strength(&self, seat: SeatId) -> Strength {
        self.strength.get(seat.index()).copied().unwrap_or_default()
    }
}

/// The bot's next decision for `seat`, if the game waits for one from it.
pub fn decide(game: &Game, seat: SeatId) -> Option<(Command, Reason)> {
    decide_with(game, seat, &BotOptions::default())
}

/// [`decide`] with options.
pub fn decide_with(game: &Game, seat: SeatId, opts: &BotOptions) -> Option<(Command, Reason)> {
    match game.awaiting() {
        Awaiting::Over => None,
        Awaiting::Choice(s) if s == seat => Some(choose(game, seat)),
        Awaiting::Choice(_) => None,
        Awaiting::Policy(seats) if seats.contains(&seat) => Some(policy_step(game, seat, opts)),
        Awaiting::Policy(_) => None,
    }
}

/// Play the game to its end with bots in every seat.
pub fn play_out(game: &mut Game) {
    play_out_with(game, &BotOptions::default());
}

/// [`play_out`] with options.
pub fn play_out_with(game: &mut Game, opts: &BotOptions) {
    // A game has a bounded number of decisions; the cap guards against a bot bug.
    for _ in 0..100_000 {
        let (seat, plan) = match game.awaiting() {
            Awaiting::Over => return,
            Awaiting::Choice(s) => (s, vec![choose(game, s)]),
            Awaiting::Policy(seats) => (seats[0], plan_policy(game, seats[0], opts)),
        };
        let mut refused = false;
        for (cmd, reason) in plan {
            if game.apply_with_reason(&cmd, Some(reason)).is_err() {
                refused = true;
                break;
            }
        }
        if refused {
            // A refused bot command would loop; confirming always ends the seat's turn.
            let state = game.content().states[seat.index()].id.clone();
            if game.apply(&Command::Confirm { state }).is_err() {
                return;
            }
        }
    }
}

fn reason(key: &str, args: &[(&str, String)]) -> Reason {
    Reason {
        key: key.to_string(),
        args: args
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    }
}

fn choose(game: &Game, seat: SeatId) -> (Command, Reason) {
    let content = game.content();
    let state = content.states[seat.index()].id.clone();
    let choice = game.pending_choice().expect("a choice is pending");
    let mut best = (i64::MIN, 0usize);
    let view = View::new(game, seat);
    for (i, o) in choice.options.iter().enumerate() {
        let v = view.value(&o.effects, 0);
        if v > best.0 {
            best = (v, i);
        }
    }
    let label = crate::text::pick(&choice.options[best.1].label, "en").to_string();
    (
        Command::Choose {
            state,
            option: best.1 as u8,
        },
        reason(
            "bot.choice",
            &[("option", label), ("value", best.0.to_string())],
        ),
    )
}

fn policy_step(game: &Game, seat: SeatId, opts: &BotOptions) -> (Command, Reason) {
    plan_policy(game, seat, opts)
        .into_iter()
        .next()
        .expect("a plan ends with Confirm")
}

/// The bot's orders for the rest of this policy phase, from where the seat stands: its
/// posture (if not yet set), then the best affordable actions and cards while one is worth
/// its cost, then Confirm. Orders change nothing until resolution, so every option is
/// weighed once; the plan is exactly what asking for one decision at a time would give.
pub fn plan_policy(game: &Game, seat: SeatId, opts: &BotOptions) -> Vec<(Command, Reason)> {
    let content = game.content();
    let state = content.states[seat.index()].id.clone();
    let mut out = Vec::new();
    let mut n_orders = game.orders(seat).list.len();
    let (mut left, mut posture) = action_points_left(&game.world, seat);
    // First, the posture.
    if n_orders == 0 {
        let forced = opts.forced.get(seat.index()).copied().flatten();
        let (p, why) = match forced {
            Some(p) => (
                p.index(),
                reason(
                    "bot.posture-forced",
                    &[(
                        "posture",
                        format!("posture:{}", content.postures[p.index()].id),
                    )],
                ),
            ),
            None if opts.strength(seat) == Strength::Hard => pick_posture_hard(game, seat),
            None => pick_posture(game, seat),
        };
        out.push((
            Command::SetPosture {
                state: state.clone(),
                posture: content.postures[p].id.clone(),
            },
            why,
        ));
        posture = crate::content::PostureId(p as u8);
        n_orders += 1;
    }
    let strength = opts.strength(seat);
    let view = View::new(game, seat);
    // Judgement noise, in hundredths of a value point per action point.
    let noise = if strength == Strength::Easy { 400 } else { 10 };
    // Orders already given this round count toward an easy bot's limit, so asking one
    // decision at a time gives the same as the whole plan.
    let given = game
        .orders(seat)
        .list
        .iter()
        .filter(|o| !matches!(o, crate::game::Order::Posture(_)))
        .count() as u32;
    let mut actions_left = if strength == Strength::Easy {
        EASY_ORDERS.saturating_sub(given)
    } else {
        u32::MAX
    };
    let ctx = Ctx::seat(seat);
    // What each action and card is worth, when its condition holds now (None: not open).
    let action_value: Vec<Option<i64>> = content
        .actions
        .iter()
        .map(|def| {
            let only_ok = def.only.is_empty() || def.only.contains(&seat);
            (only_ok && effects::eval(&game.world, &def.when, ctx))
                .then(|| view.value(&def.effects, 0))
        })
        .collect();
    let mut hand: Vec<CardId> = game.hand(seat).to_vec();
    let mut card_value: Vec<(CardId, Option<i64>)> = Vec::new();
    for c in &hand {
        if card_value.iter().all(|(x, _)| x != c) {
            let def = &content.cards[c.index()];
            let v = effects::eval(&game.world, &def.when, ctx).then(|| view.value(&def.effects, 0));
            card_value.push((*c, v));
        }
    }
    let mut taken: Vec<u8> = game.actions_taken(seat).to_vec();
    taken.resize(content.actions.len(), 0);
    // Then the best affordable action or card, while one is worth its cost.
    loop {
        let mut seed = rng::seeded(rng::derive(
            game.seed(),
            &[
                u64::from(seat.0),
                u64::from(game.clock().round),
                n_orders as u64,
            ],
        ));
        // (score, value, is a card, id)
        let mut best: Option<(i64, i64, bool, usize)> = None;
        let mut consider = |score: i64, v: i64, card: bool, id: usize| {
            if v > 0 && best.is_none_or(|b| score > b.0) {
                best = Some((score, v, card, id));
            }
        };
        for (i, def) in content.actions.iter().enumerate() {
            let Some(v) = action_value[i] else { continue };
            let cost = def.cost_in[posture.index()];
            if u32::from(taken[i]) >= def.per_round || cost > left {
                continue;
            }
            // Value per action point, with a small random tie-break from the bot's own stream.
            let score = v * 100 / i64::from(cost.max(1)) + i64::from(rng::below(&mut seed, noise));
            consider(score, v, false, i);
        }
        for (k, c) in hand.iter().enumerate() {
            if hand[..k].contains(c) {
                continue;
            }
            let def = &content.cards[c.index()];
            let v = card_value
                .iter()
                .find(|(x, _)| x == c)
                .and_then(|(_, v)| *v);
            let Some(v) = v.filter(|_| def.cost <= left) else {
                continue;
            };
            let score =
                v * 100 / i64::from(def.cost.max(1)) + i64::from(rng::below(&mut seed, noise));
            consider(score, v, true, c.index());
        }
        if actions_left == 0 {
            best = None;
        }
        actions_left = actions_left.saturating_sub(1);
        match best {
            Some((_, v, false, i)) => {
                let action = content.actions[i].id.clone();
                let r = reason(
                    "bot.action",
                    &[
                        ("action", format!("action:{action}")),
                        ("value", v.to_string()),
                    ],
                );
                left -= content.actions[i].cost_in[posture.index()];
                taken[i] += 1;
                out.push((
                    Command::Act {
                        state: state.clone(),
                        action,
                    },
                    r,
                ));
            }
            Some((_, v, true, i)) => {
                let card = content.cards[i].id.clone();
                let r = reason(
                    "bot.card",
                    &[("card", format!("card:{card}")), ("value", v.to_string())],
                );
                left -= content.cards[i].cost;
                if let Some(pos) = hand.iter().position(|x| x.index() == i) {
                    hand.remove(pos);
                }
                out.push((
                    Command::Play {
                        state: state.clone(),
                        card,
                    },
                    r,
                ));
            }
            None => {
                out.push((Command::Confirm { state }, reason("bot.confirm", &[])));
                return out;
            }
        }
        n_orders += 1;
    }
}

/// A hard bot's posture: the baseline's judgement of danger, weighed against what each
/// posture's round effects would do to its agenda now.
fn pick_posture_hard(game: &Game, seat: SeatId) -> (usize, Reason) {
    let content = game.content();
    let (base, why) = pick_posture(game, seat);
    let view = View::new(game, seat);
    let mut best = (i64::MIN, base);
    for (i, p) in content.postures.iter().enumerate() {
        // The baseline's choice keeps a small edge: danger is what it reads best.
        let v = view.value(&p.each_round, 0) * 2 + if i == base { 3 } else { 0 };
        if v > best.0 {
            best = (v, i);
        }
    }
    if best.1 == base {
        (base, why)
    } else {
        (
            best.1,
            reason(
                "bot.posture-weighed",
                &[(
                    "posture",
                    format!("posture:{}", content.postures[best.1].id),
                )],
            ),
        )
    }
}

/// Multi- or dual-vector: lean on Moscow and Beijing when threats are high and protection
/// is on offer; otherwise keep every door open.
fn pick_posture(game: &Game, seat: SeatId) -> (usize, Reason) {
    let content = game.content();
    let multi = content.posture("multi").map_or(0, |p| p.index());
    let dual = content.posture("dual").map_or(multi, |p| p.index());
    let security = content
        .track("security")
        .map_or(5, |t| game.seat_tracks(seat)[t.index()]);
    let q = game.quadrant();
    let home = content.states[seat.index()].region;
    let threats: u32 = (0..content.tokens.len())
        .map(|k| game.tokens(home, crate::content::TokenKind(k as u8)))
        .sum();
    let exposed = content.borders_afghanistan(home);
    let weak = matches!(q, Quadrant::WeakContained | Quadrant::WeakProxy);
    let danger = i32::from(weak) * 2
        + i32::from(q == Quadrant::StrongRadical)
        + i32::from(exposed)
        + threats as i32
        + (5 - security).max(0);
    let quadrant = format!("quadrant:{}", q.key());
    if danger >= 4 {
        (
            dual,
            reason(
                "bot.posture-dual",
                &[("security", security.to_string()), ("quadrant", quadrant)],
            ),
        )
    } else {
        (
            multi,
            reason("bot.posture-multi", &[("security", security.to_string())]),
        )
    }
}

/// What the bot looks at when it weighs effects: gathered once per decision.
pub struct View<'a> {
    game: &'a Game,
    content: &'a Content,
    seat: SeatId,
    tracks: &'a [i32],
    /// Weight of one step of each shared track (0 for per-state tracks).
    shared_weight: Vec<i64>,
    /// Tokens by kind at home, and anywhere on the board.
    home_tokens: Vec<u32>,
    all_tokens: Vec<u32>,
    /// What closing one step of porosity is worth: 1 plus the threats waiting across
    /// the state's Afghan borders (0 without an Afghan border).
    porosity_worth: i64,
}

impl<'a> View<'a> {
    /// The bot's view for `seat` of the game now.
    pub fn new(game: &'a Game, seat: SeatId) -> Self {
        let content: &Content = game.content();
        let index = game.world.resource::<crate::game::TokenIndex>();
        let shared = &game.world.resource::<crate::game::SharedTracks>().0;
        let kinds = content.tokens.len();
        let home = content.states[seat.index()].region;
        let home_tokens = (0..kinds)
            .map(|k| index.at[home.index()][k].len() as u32)
            .collect();
        let all_tokens = (0..kinds)
            .map(|k| index.at.iter().map(|r| r[k].len() as u32).sum())
            .collect();
        let porosity_worth = if content.borders_afghanistan(home) {
            let waiting: u32 = content
                .borders
                .iter()
                .filter_map(|b| b.other(home))
                .filter(|r| content.regions[r.index()].kind == RegionKind::Afghan)
                .map(|r| {
                    index.at[r.index()]
                        .iter()
                        .map(|l| l.len() as u32)
                        .sum::<u32>()
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
                    if shared[t] <= STABILITY_ALARM { 6 } else { 1 }
                }
                Scope::Shared => match def.id.as_str() {
                    // A stronger Kabul that trades is the neighbours' best bet (Kazantsev 2021).
                    "engagement" | "taliban_strength" => 1,
                    "taliban_course" | "rivalry" | "involvement" => -1,
                    _ => 0,
                },
            })
            .collect();
        View {
            game,
            content,
            seat,
            tracks: game.seat_tracks(seat),
            shared_weight,
            home_tokens,
            all_tokens,
            porosity_worth,
        }
    }

    /// What a list of effects is worth to the seat, judged on the current state.
    pub fn value(&self, list: &[Effect], depth: u8) -> i64 {
        if depth > 6 {
            return 0;
        }
        let content = self.content;
        let ctx = Ctx::seat(self.seat);
        let world = &self.game.world;
        let mut v = 0i64;
        for e in list {
            v += match e {
                Effect::Shift { track, who, by } => self.shift_value(*track, *who, *by),
                Effect::Remove { kind, at, count } => {
                    let n = match at {
                        At::Home(_) => self.home_tokens[kind.index()],
                        At::Everywhere | At::RandomAfghan => self.all_tokens[kind.index()],
                        At::Region(r) => self.game.tokens(*r, *kind),
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
                    if effects::eval(world, cond, ctx) {
                        self.value(then, depth + 1)
                    } else {
                        self.value(otherwise, depth + 1)
                    }
                }
                Effect::ForEachState {
                    cond,
                    effects: inner,
                } if effects::eval(world, cond, ctx) => self.value(inner, depth + 1),
                Effect::Repeat {
                    times,
                    effects: inner,
                } => i64::from(*times) * self.value(inner, depth + 1),
                Effect::Choice { options, .. } => options
                    .iter()
                    .map(|o| self.value(&o.effects, depth + 1))
                    .max()
                    .unwrap_or(0),
                Effect::Trigger { card } => {
                    self.value(&content.cards[card.index()].effects, depth + 1)
                }
                Effect::Draw { count, .. } => i64::from(*count),
                _ => 0,
            };
        }
        v
    }

    fn shift_value(
        &self,
        track: crate::content::TrackId,
        who: crate::content::Who,
        by: i32,
    ) -> i64 {
        let def = &self.content.tracks[track.index()];
        match def.scope {
            Scope::State => {
                if matches!(who, crate::content::Who::Seat(s) if s != self.seat) {
                    return 0;
                }
                let now = self.tracks[track.index()];
                // Only the part of the shift that the track's range lets through counts.
                let applied = def.clamp(i64::from(now) + i64::from(by)) - now;
                let weight =
                    i64::from(self.content.states[self.seat.index()].agenda[track.index()]);
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
                if track == self.content.core.stability {
                    w * i64::from(by)
                } else {
                    w * i64::from(by.signum())
                }
            }
        }
    }
}
