//! The heuristic bots: a player for any seat that decides from its seat's
//! [`View`](crate::rules::View) alone. It scores each open order by what its effects would
//! do to its own agenda (and to the region, when stability runs low), plays the best ones it
//! can afford, and says why in one line.
//!
//! It never draws from the game's streams: ties are broken by its own stream, derived
//! from the seed, its seat and the round, so a bot's thinking never changes the deck.

pub mod bench;
mod judge;
pub mod search;

pub use judge::Judge;
pub use search::Search;

use crate::content::{ActionId, CardId, Content, PostureId, SeatId};
use crate::game::{Closed, Command, Order, Reason};
use crate::rules::legal::{self, OrderOption};
use crate::rules::{Awaiting, BotView, Game, View, Viewer, rng};

/// Stability at or below which the bot weighs the region's survival heavily.
pub(crate) const STABILITY_ALARM: i32 = 6;
/// A wanted track this close to its minimum counts double for the bot.
pub(crate) const LOW_TRACK: i32 = 3;
/// The edge, in value points, the posture in force keeps over another when a bot weighs
/// them (see [`pick_posture`]).
const SWITCH_MARGIN: i64 = 3;
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
    /// Counts a posture's recurring effects twice when it weighs one.
    Hard,
    /// Searches: plays each option forward in many sampled games (see [`search`]).
    Strong,
}

impl Strength {
    /// Every strength, weakest first.
    pub const ALL: [Strength; 4] = [
        Strength::Easy,
        Strength::Normal,
        Strength::Hard,
        Strength::Strong,
    ];

    /// Parse `easy`, `normal`, `hard` or `strong`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.id() == s)
    }

    /// Parse a strength's name, or say which names there are: "`mighty`: expected easy,
    /// normal, hard or strong".
    pub fn named(s: &str) -> Result<Self, String> {
        Self::parse(s).ok_or_else(|| {
            let ids: Vec<&str> = Self::ALL.iter().map(|x| x.id()).collect();
            let (last, rest) = ids.split_last().unwrap_or((&"", &[]));
            format!("`{s}`: expected {} or {last}", rest.join(", "))
        })
    }

    /// The strength's name on the command line and in text keys.
    pub fn id(self) -> &'static str {
        match self {
            Strength::Easy => "easy",
            Strength::Normal => "normal",
            Strength::Hard => "hard",
            Strength::Strong => "strong",
        }
    }
}

/// How bots play: their strength, and for experiments a posture forced on any seat.
#[derive(Debug, Clone, Default)]
pub struct BotOptions {
    /// By seat index: the posture that seat's bot always takes.
    pub forced: Vec<Option<PostureId>>,
    /// By seat index (missing: normal).
    pub strength: Vec<Strength>,
    /// Look-ahead games a strong bot plays per decision (0: [`search::DEFAULT_PLAYOUTS`]).
    pub playouts: u32,
}

impl BotOptions {
    fn strength(&self, seat: SeatId) -> Strength {
        self.strength.get(seat.index()).copied().unwrap_or_default()
    }

    /// The strong bot's budget of look-ahead games per decision.
    pub fn playouts(&self) -> u32 {
        if self.playouts == 0 {
            search::DEFAULT_PLAYOUTS
        } else {
            self.playouts
        }
    }
}

/// The bot's next decision for `seat`, from the seat's view, if the game waits for one
/// from it. A strong bot searches to its whole budget first (the window slices the search
/// over frames instead: [`Search::step`]).
pub fn decide(
    content: &std::sync::Arc<Content>,
    view: &View,
    opts: &BotOptions,
) -> Option<(Command, Reason)> {
    let Viewer::Seat(seat) = view.viewer else {
        return None;
    };
    if opts.strength(seat) == Strength::Strong
        && opts.forced.get(seat.index()).copied().flatten().is_none()
        && let Some(mut s) = Search::new(content.clone(), view)
    {
        s.step(opts.playouts());
        return Some(s.best());
    }
    match &view.awaiting {
        Awaiting::Choice(s) if *s == seat => choose(content, view, seat),
        Awaiting::Policy(seats) if seats.contains(&seat) => {
            plan_policy(content, view, seat, opts).into_iter().next()
        }
        _ => None,
    }
}

pub use crate::rules::Applied;

/// Apply a bot's command; a refused one falls back to confirming, so a game never stalls
/// on a bot (see [`Game::apply_or_confirm`], where that fallback lives).
pub fn apply(game: &mut Game, seat: SeatId, cmd: Command, reason: Reason) -> Applied {
    game.apply_or_confirm(seat, cmd, reason)
}

/// The view the bot in `seat` decides from: a strong bot's search samples the game from the
/// seat's whole view (the deck's cards too); the others need only the lean one.
pub fn view_for(game: &mut Game, seat: SeatId, opts: &BotOptions) -> View {
    if opts.strength(seat) == Strength::Strong {
        game.view(Viewer::Seat(seat))
    } else {
        game.bot_view(seat)
    }
}

/// Let the bot in `seat` take its next decision in `game` (from its seat's view).
pub fn act(game: &mut Game, seat: SeatId, opts: &BotOptions) -> Applied {
    let view = view_for(game, seat, opts);
    match decide(&game.content().clone(), &view, opts) {
        Some((cmd, reason)) => apply(game, seat, cmd, reason),
        None => Applied::Stuck,
    }
}

/// Play the game to its end with bots in every seat.
pub fn play_out(game: &mut Game) {
    play_out_with(game, &BotOptions::default());
}

/// [`play_out`] with options. Each seat plans its whole policy phase from one view (the
/// same orders it would give one decision at a time).
pub fn play_out_with(game: &mut Game, opts: &BotOptions) {
    let content = game.content().clone();
    // One view, refilled for every decision (only the seat's own part when nothing but
    // orders has changed since).
    let mut view = BotView::default();
    // A game has a bounded number of decisions; the cap guards against a bot bug.
    for _ in 0..100_000 {
        let Some(seat) = game.next_to_decide() else {
            return;
        };
        if opts.strength(seat) == Strength::Strong {
            let view = view_for(game, seat, opts);
            let step = decide(&content, &view, opts);
            let (cmd, reason) = step.unwrap_or((Command::Confirm { seat }, Reason::Confirm));
            if apply(game, seat, cmd, reason) == Applied::Stuck {
                return;
            }
            continue;
        }
        let turn = game.bot_turn(seat, &mut view, |view| match view.awaiting {
            Awaiting::Choice(_) => choose(&content, view, seat).into_iter().collect(),
            _ => plan_policy(&content, view, seat, opts),
        });
        if turn == Applied::Stuck {
            return;
        }
    }
}

/// The bot's answer to the choice its view shows it.
fn choose(content: &Content, view: &View, seat: SeatId) -> Option<(Command, Reason)> {
    let c = view.choice?;
    let def = content.choices.get(c.choice.index())?;
    let judge = Judge::new(content, view, seat);
    let mut best = (i64::MIN, 0usize);
    for (i, o) in def.options.iter().enumerate() {
        let v = judge.value(&o.effects, 0);
        if v > best.0 {
            best = (v, i);
        }
    }
    let option = best.1 as u8;
    Some((
        Command::Choose { seat, option },
        Reason::Choice {
            choice: c.choice,
            option,
            value: best.0,
        },
    ))
}

/// The bot's orders for the rest of this policy phase, from where its view says the seat
/// stands: its posture (if not yet set), then the best affordable actions and cards while
/// one is worth its cost, then Confirm. Orders change nothing until resolution, so every
/// option is weighed once, and each order's legality after the ones before it is asked of
/// [`legal`] with what the view said of its condition: the plan is exactly what asking
/// for one decision at a time would give.
pub fn plan_policy(
    content: &Content,
    view: &View,
    seat: SeatId,
    opts: &BotOptions,
) -> Vec<(Command, Reason)> {
    let Some(own) = &view.own else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(8);
    let mut posture = own.posture;
    let strength = opts.strength(seat);
    // First, the posture (weighing one plans the orders it would give).
    if own.orders.is_empty() {
        match opts.forced.get(seat.index()).copied().flatten() {
            Some(p) => {
                out.push((
                    Command::SetPosture { seat, posture: p },
                    Reason::PostureForced { posture: p },
                ));
                posture = p;
            }
            None => {
                let (p, why, orders) = pick_posture(content, view, seat, strength);
                out.push((Command::SetPosture { seat, posture: p }, why));
                out.extend(orders);
                return out;
            }
        }
    }
    // Orders resolve after the postures are revealed: judge them as the seat will hold it.
    let judge = Judge::supposing(content, view, seat, posture);
    let valued = value_orders(content, view, &judge, None);
    let (orders, _) = plan_orders(content, view, seat, strength, posture, &valued);
    out.extend(orders);
    out
}

/// What the view says of each open order's condition, and what the order is worth: actions
/// (with whether their condition holds) and the cards in hand.
struct Valued {
    actions: Vec<(ActionId, bool, i64)>,
    cards: Vec<(CardId, bool, i64)>,
}

/// Value the seat's open orders with `judge`; those whose effects never ask a posture are
/// copied from `base` when given (valued the same whatever the seat is supposed to hold).
fn value_orders(content: &Content, view: &View, judge: &Judge, base: Option<&Valued>) -> Valued {
    let mut out = Valued {
        actions: Vec::with_capacity(content.actions.len()),
        cards: Vec::with_capacity(8),
    };
    let Some(own) = &view.own else {
        return out;
    };
    let asks = |i: usize| content.asks_posture.get(i).copied().unwrap_or(true);
    let holds = |o: &OrderOption| o.closed != Some(Closed::Condition);
    for o in &own.options {
        match o.order {
            Order::Action(a) if o.closed != Some(Closed::OnlyFor) => {
                let i = out.actions.len();
                let v = match base.and_then(|b| b.actions.get(i)) {
                    Some(&(b, _, v)) if b == a && !asks(a.index()) => v,
                    _ if holds(o) => judge.value(&content.actions[a.index()].effects, 0),
                    _ => 0,
                };
                out.actions.push((a, holds(o), v));
            }
            Order::Card(c) => {
                let i = out.cards.len();
                let v = match base.and_then(|b| b.cards.get(i)) {
                    Some(&(b, _, v)) if b == c && !asks(content.actions.len() + c.index()) => v,
                    _ if holds(o) => judge.value(&content.cards[c.index()].effects, 0),
                    _ => 0,
                };
                out.cards.push((c, holds(o), v));
            }
            _ => {}
        }
    }
    out
}

/// The orders after the posture: the best affordable actions and cards while one is worth
/// its cost, then Confirm; with what they are worth together.
fn plan_orders(
    content: &Content,
    view: &View,
    seat: SeatId,
    strength: Strength,
    posture: PostureId,
    valued: &Valued,
) -> (Vec<(Command, Reason)>, i64) {
    let Some(own) = &view.own else {
        return (Vec::new(), 0);
    };
    let mut out = Vec::with_capacity(8);
    let mut total = 0i64;
    let mut left = own.points_left;
    // Judgement noise, in hundredths of a value point per action point.
    let noise = if strength == Strength::Easy { 400 } else { 10 };
    // Orders already given this round count toward an easy bot's limit, so asking one
    // decision at a time gives the same as the whole plan.
    let given = own
        .orders
        .iter()
        .filter(|o| !matches!(o, Order::Posture(_)))
        .count() as u32;
    let mut orders_left = if strength == Strength::Easy {
        EASY_ORDERS.saturating_sub(given)
    } else {
        u32::MAX
    };
    let mut taken: Vec<u8> = vec![0; content.actions.len()];
    for o in &own.orders {
        if let Order::Action(a) = o {
            taken[a.index()] += 1;
        }
    }
    // Each order worth something, scored by its value per action point with a small
    // tie-break of its own from the bot's stream (keyed by the seat, the round and the
    // order, so asking one decision at a time gives the same as the whole plan).
    let tie = |order: u64| {
        let mut stream = rng::Mix::new(rng::derive(
            view.seed,
            &[u64::from(seat.0), u64::from(view.round), order],
        ));
        i64::from(stream.below(noise))
    };
    let n_actions = content.actions.len() as u64;
    // (score, value, order, whether its condition holds)
    let mut candidates: Vec<(i64, i64, Order, bool)> =
        Vec::with_capacity(valued.actions.len() + valued.cards.len());
    for &(a, cond, v) in valued.actions.iter().filter(|x| x.2 > 0) {
        let cost = i64::from(content.actions[a.index()].cost_in[posture.index()].max(1));
        candidates.push((
            v * 100 / cost + tie(a.index() as u64),
            v,
            Order::Action(a),
            cond,
        ));
    }
    for &(c, cond, v) in valued.cards.iter().filter(|x| x.2 > 0) {
        let cost = i64::from(content.cards[c.index()].cost.max(1));
        let score = v * 100 / cost + tie(n_actions + c.index() as u64);
        candidates.push((score, v, Order::Card(c), cond));
    }
    // Then the best open one, while one is worth its cost. Scores do not change and what
    // is open only shrinks as points are spent, so going down the list once is the same as
    // looking for the best open order at each step.
    // (A stable sort: equal scores keep the content's order, actions before cards.)
    candidates.sort_by_key(|x| std::cmp::Reverse(x.0));
    for &(_, value, order, cond) in &candidates {
        loop {
            if orders_left == 0 {
                break;
            }
            match order {
                Order::Action(action) => {
                    let t = taken[action.index()];
                    if legal::action_closed(content, seat, action, left, posture, t, || cond)
                        .is_some()
                    {
                        break;
                    }
                    left -= content.actions[action.index()].cost_in[posture.index()];
                    taken[action.index()] += 1;
                    out.push((
                        Command::Act { seat, action },
                        Reason::Action { action, value },
                    ));
                }
                Order::Card(card) => {
                    if legal::card_closed(content, card, left, || cond).is_some() {
                        break;
                    }
                    left -= content.cards[card.index()].cost;
                    out.push((Command::Play { seat, card }, Reason::Card { card, value }));
                }
                Order::Posture(_) => break,
            }
            total += value;
            orders_left -= 1;
            // A card is played once; an action may be ordered again while it stays open.
            if matches!(order, Order::Card(_)) {
                break;
            }
        }
    }
    out.push((Command::Confirm { seat }, Reason::Confirm));
    (out, total)
}

/// A posture weighed: its value, the edge it keeps if in force, the posture, its plan.
type Weighed = (i64, i64, PostureId, Vec<(Command, Reason)>);

/// The posture worth most to the seat's agenda this round: what its round effects and the
/// great powers' reactions to it would bring (judged as if the seat held it), plus what the
/// orders it makes affordable are worth at its prices. A hard bot also weighs the posture's
/// lasting side, counting its round effects and the powers' reactions twice (they recur
/// every round it is held). Ties keep the posture in force.
fn pick_posture(
    content: &Content,
    view: &View,
    seat: SeatId,
    strength: Strength,
) -> (PostureId, Reason, Vec<(Command, Reason)>) {
    let current = view.own.as_ref().map_or(PostureId(0), |o| o.posture);
    let recurring = if strength == Strength::Hard { 2 } else { 1 };
    // One judgement, supposed to hold each posture in turn; the orders whose effects never
    // ask a posture are valued once.
    let mut judge = Judge::new(content, view, seat);
    let mut base: Option<Valued> = None;
    let mut values: Vec<Weighed> = (0..content.postures.len())
        .map(|i| {
            let p = PostureId(i as u8);
            judge.suppose(p);
            // What holding it changes: its round effects, and the parts of the powers'
            // reactions that ask a posture (the rest come whatever the seat holds).
            let mut v = judge.value(&content.postures[i].each_round, 0);
            for (power, asks) in content.powers.iter().zip(&content.reaction_asks_posture) {
                for (e, _) in power.reaction.iter().zip(asks).filter(|(_, a)| **a) {
                    v += judge.value(std::slice::from_ref(e), 0);
                }
            }
            let valued = value_orders(content, view, &judge, base.as_ref());
            let (plan, orders) = plan_orders(content, view, seat, strength, p, &valued);
            base.get_or_insert(valued);
            // Changing course has costs the round's sums do not show (partners'
            // trust, what the old posture built up): the posture in force keeps an edge.
            let keep = if p == current { SWITCH_MARGIN } else { 0 };
            (v * recurring + orders, keep, p, plan)
        })
        .collect();
    // Best first (with the edge); on equal value the posture in force, then the first
    // listed. The reason gives the values without the edge.
    values.sort_by_key(|(v, keep, p, _)| (std::cmp::Reverse(*v + *keep), *p != current, *p));
    let (other_value, other) = values
        .get(1)
        .map_or((values[0].0, values[0].2), |o| (o.0, o.2));
    let (value, _, posture, plan) = values.swap_remove(0);
    (
        posture,
        Reason::PostureValued {
            posture,
            value,
            other,
            other_value,
        },
        plan,
    )
}
