//! The baseline bot: a heuristic player for any seat. It scores each legal option by what
//! its effects would do to its own agenda (and to the region, when stability runs low),
//! plays the best ones it can afford, and says why in one line.
//!
//! It never draws from the game's RNG: ties are broken by its own stream, derived from the
//! game's seed, its seat and the round, so adding a bot's thinking never changes the deck.

use crate::content::{At, CardId, Content, Effect, Quadrant, RegionKind, Scope, SeatId};
use crate::game::{Command, Order, Reason};
use crate::rules::{Awaiting, Ctx, Game, action_points_left, effects, rng};

/// Stability at or below which the bot weighs the region's survival heavily.
const STABILITY_ALARM: i32 = 6;

/// The bot's next decision for `seat`, if the game waits for one from it.
pub fn decide(game: &Game, seat: SeatId) -> Option<(Command, Reason)> {
    match game.awaiting() {
        Awaiting::Over => None,
        Awaiting::Choice(s) if s == seat => Some(choose(game, seat)),
        Awaiting::Choice(_) => None,
        Awaiting::Policy(seats) if seats.contains(&seat) => Some(policy_step(game, seat)),
        Awaiting::Policy(_) => None,
    }
}

/// Play the game to its end with bots in every seat.
pub fn play_out(game: &mut Game) {
    // A game has a bounded number of decisions; the cap guards against a bot bug.
    for _ in 0..100_000 {
        let seat = match game.awaiting() {
            Awaiting::Over => return,
            Awaiting::Choice(s) => s,
            Awaiting::Policy(seats) => seats[0],
        };
        let Some((cmd, reason)) = decide(game, seat) else {
            return;
        };
        if game.apply_with_reason(&cmd, Some(reason)).is_err() {
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
    for (i, o) in choice.options.iter().enumerate() {
        let v = value(game, seat, &o.effects, 0);
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

fn policy_step(game: &Game, seat: SeatId) -> (Command, Reason) {
    let content = game.content();
    let state = content.states[seat.index()].id.clone();
    let orders = &game.orders(seat).list;
    // First, the posture.
    if orders.is_empty() {
        let (posture, why) = pick_posture(game, seat);
        return (
            Command::SetPosture {
                state,
                posture: content.postures[posture].id.clone(),
            },
            why,
        );
    }
    // Then the best affordable action or card, while one is worth its cost.
    let mut seed = rng::seeded(rng::derive(
        game.seed(),
        &[
            u64::from(seat.0),
            u64::from(game.clock().round),
            orders.len() as u64,
        ],
    ));
    let mut best: Option<(i64, Command, Reason)> = None;
    for cmd in game.legal_commands(seat) {
        let (effects_list, cost, arg) = match &cmd {
            Command::Act { action, .. } => {
                let a = content.action(action).expect("legal action");
                let def = &content.actions[a.index()];
                let (_, p) = action_points_left(&game.world, seat);
                (
                    &def.effects,
                    def.cost_in[p.index()],
                    format!("action:{action}"),
                )
            }
            Command::Play { card, .. } => {
                let c = content.card(card).expect("legal card");
                let def = &content.cards[c.index()];
                (&def.effects, def.cost, format!("card:{card}"))
            }
            _ => continue,
        };
        let v = value(game, seat, effects_list, 0);
        // Value per action point, with a small random tie-break from the bot's own stream.
        let score = v * 100 / i64::from(cost.max(1)) + i64::from(rng::below(&mut seed, 10));
        if v > 0 && best.as_ref().is_none_or(|b| score > b.0) {
            let key = if arg.starts_with("card:") {
                "bot.card"
            } else {
                "bot.action"
            };
            let what = if key == "bot.card" { "card" } else { "action" };
            let r = reason(key, &[(what, arg), ("value", v.to_string())]);
            best = Some((score, cmd, r));
        }
    }
    match best {
        Some((_, cmd, r)) => (cmd, r),
        None => (Command::Confirm { state }, reason("bot.confirm", &[])),
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

/// What a list of effects is worth to `seat`, judged on the current state.
pub fn value(game: &Game, seat: SeatId, list: &[Effect], depth: u8) -> i64 {
    if depth > 6 {
        return 0;
    }
    let content = game.content();
    let ctx = Ctx::seat(seat);
    let mut v = 0i64;
    for e in list {
        v += match e {
            Effect::Shift { track, who, by } => shift_value(game, content, seat, *track, *who, *by),
            Effect::Remove { kind, at, count } => {
                let n = match at {
                    At::Home(_) => game.tokens(content.states[seat.index()].region, *kind),
                    At::Everywhere | At::RandomAfghan => (0..content.regions.len())
                        .map(|r| game.tokens(crate::content::RegionId(r as u16), *kind))
                        .sum(),
                    At::Region(r) => game.tokens(*r, *kind),
                };
                i64::from(n.min(*count)) * 3
            }
            Effect::Spawn { at, count, .. } => match at {
                At::Home(_) => -3 * i64::from(*count),
                _ => -i64::from(*count),
            },
            Effect::Porosity { by, .. } => {
                let home = content.states[seat.index()].region;
                if content.borders_afghanistan(home) {
                    let afghan_tokens: u32 = content
                        .borders
                        .iter()
                        .filter_map(|b| b.other(home))
                        .filter(|r| content.regions[r.index()].kind == RegionKind::Afghan)
                        .map(|r| {
                            (0..content.tokens.len())
                                .map(|k| game.tokens(r, crate::content::TokenKind(k as u8)))
                                .sum::<u32>()
                        })
                        .sum();
                    -i64::from(*by) * (1 + i64::from(afghan_tokens))
                } else {
                    0
                }
            }
            Effect::If {
                cond,
                then,
                otherwise,
            } => {
                if effects::eval(&game.world, cond, ctx) {
                    value(game, seat, then, depth + 1)
                } else {
                    value(game, seat, otherwise, depth + 1)
                }
            }
            Effect::ForEachState {
                cond,
                effects: inner,
            } if effects::eval(&game.world, cond, ctx) => value(game, seat, inner, depth + 1),
            Effect::Repeat {
                times,
                effects: inner,
            } => i64::from(*times) * value(game, seat, inner, depth + 1),
            Effect::Choice { options, .. } => options
                .iter()
                .map(|o| value(game, seat, &o.effects, depth + 1))
                .max()
                .unwrap_or(0),
            Effect::Trigger { card } => {
                value(game, seat, &content.cards[card.index()].effects, depth + 1)
            }
            Effect::Draw { count, .. } => i64::from(*count),
            _ => 0,
        };
    }
    v
}

fn shift_value(
    game: &Game,
    content: &Content,
    seat: SeatId,
    track: crate::content::TrackId,
    who: crate::content::Who,
    by: i32,
) -> i64 {
    let def = &content.tracks[track.index()];
    match def.scope {
        Scope::State => {
            if matches!(who, crate::content::Who::Seat(s) if s != seat) {
                return 0;
            }
            let now = game.seat_tracks(seat)[track.index()];
            // Only the part of the shift that the track's range lets through counts.
            let applied = def.clamp(i64::from(now) + i64::from(by)) - now;
            i64::from(content.states[seat.index()].agenda[track.index()]) * i64::from(applied)
        }
        Scope::Shared => {
            if track == content.core.stability {
                let s = game.world.resource::<crate::game::SharedTracks>().0[track.index()];
                let weight = if s <= STABILITY_ALARM { 6 } else { 1 };
                weight * i64::from(by)
            } else if def.id == "engagement" || def.id == "taliban_strength" {
                // A stronger Kabul that trades is the neighbours' best bet (Kazantsev 2021).
                i64::from(by.signum())
            } else if def.id == "taliban_course" || def.id == "rivalry" || def.id == "involvement" {
                -i64::from(by.signum())
            } else {
                0
            }
        }
    }
}

/// Whether `c` is in a seat's orders (used by the interface to mark played cards).
pub fn is_ordered(game: &Game, seat: SeatId, c: CardId) -> bool {
    game.orders(seat).list.contains(&Order::Card(c))
}
