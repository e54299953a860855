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

use crate::content::{ActionId, CardId, Content, PostureId, Quadrant, SeatId, TokenKind};
use crate::game::{Closed, Command, Order, Reason};
use crate::rules::legal::{self, OrderOption};
use crate::rules::{Awaiting, BotView, Facts, Game, Seen, View, Viewer, rng};

/// Stability at or below which the bot weighs the region's survival heavily.
pub(crate) const STABILITY_ALARM: i32 = 6;
/// A wanted track this close to its minimum counts double for the bot.
pub(crate) const LOW_TRACK: i32 = 3;
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
    let mut n_orders = own.orders.len();
    let mut left = own.points_left;
    let mut posture = own.posture;
    let strength = opts.strength(seat);
    // First, the posture.
    if n_orders == 0 {
        let forced = opts.forced.get(seat.index()).copied().flatten();
        let (p, why) = match forced {
            Some(p) => (p, Reason::PostureForced { posture: p }),
            None if strength == Strength::Hard => pick_posture_hard(content, view, seat),
            None => pick_posture(content, view, seat),
        };
        out.push((Command::SetPosture { seat, posture: p }, why));
        posture = p;
        n_orders += 1;
    }
    let judge = Judge::new(content, view, seat);
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
    // What the view says of each order's condition, and what it is worth.
    let holds = |o: &OrderOption| o.closed != Some(Closed::Condition);
    let mut actions: Vec<(ActionId, bool, i64)> = Vec::with_capacity(content.actions.len());
    let mut cards: Vec<(CardId, bool, i64)> = Vec::with_capacity(own.hand.len());
    for o in &own.options {
        match o.order {
            Order::Action(a) if o.closed != Some(Closed::OnlyFor) => {
                let v = if holds(o) {
                    judge.value(&content.actions[a.index()].effects, 0)
                } else {
                    0
                };
                actions.push((a, holds(o), v));
            }
            Order::Card(c) => {
                let v = if holds(o) {
                    judge.value(&content.cards[c.index()].effects, 0)
                } else {
                    0
                };
                cards.push((c, holds(o), v));
            }
            _ => {}
        }
    }
    let mut taken: Vec<u8> = vec![0; content.actions.len()];
    for o in &own.orders {
        if let Order::Action(a) = o {
            taken[a.index()] += 1;
        }
    }
    let mut played: Vec<CardId> = Vec::with_capacity(own.hand.len());
    // Then the best affordable action or card, while one is worth its cost.
    loop {
        let mut stream = rng::Mix::new(rng::derive(
            view.seed,
            &[u64::from(seat.0), u64::from(view.round), n_orders as u64],
        ));
        // (score, value, order)
        let mut best: Option<(i64, i64, Order)> = None;
        let mut consider = |score: i64, v: i64, order: Order| {
            if v > 0 && best.is_none_or(|b| score > b.0) {
                best = Some((score, v, order));
            }
        };
        for &(a, cond, v) in &actions {
            if legal::action_closed(content, seat, a, left, posture, taken[a.index()], || cond)
                .is_some()
            {
                continue;
            }
            let cost = content.actions[a.index()].cost_in[posture.index()];
            // Value per action point, with a small random tie-break from the bot's stream.
            let score = v * 100 / i64::from(cost.max(1)) + i64::from(stream.below(noise));
            consider(score, v, Order::Action(a));
        }
        for &(c, cond, v) in &cards {
            if played.contains(&c) || legal::card_closed(content, c, left, || cond).is_some() {
                continue;
            }
            let cost = content.cards[c.index()].cost;
            let score = v * 100 / i64::from(cost.max(1)) + i64::from(stream.below(noise));
            consider(score, v, Order::Card(c));
        }
        if orders_left == 0 {
            best = None;
        }
        orders_left = orders_left.saturating_sub(1);
        match best {
            Some((_, value, Order::Action(action))) => {
                left -= content.actions[action.index()].cost_in[posture.index()];
                taken[action.index()] += 1;
                out.push((
                    Command::Act { seat, action },
                    Reason::Action { action, value },
                ));
            }
            Some((_, value, Order::Card(card))) => {
                left -= content.cards[card.index()].cost;
                played.push(card);
                out.push((Command::Play { seat, card }, Reason::Card { card, value }));
            }
            _ => {
                out.push((Command::Confirm { seat }, Reason::Confirm));
                return out;
            }
        }
        n_orders += 1;
    }
}

/// A hard bot's posture: the baseline's judgement of danger, weighed against what each
/// posture's round effects would do to its agenda now.
fn pick_posture_hard(content: &Content, view: &View, seat: SeatId) -> (PostureId, Reason) {
    let (base, why) = pick_posture(content, view, seat);
    let judge = Judge::new(content, view, seat);
    let mut best = (i64::MIN, base);
    for (i, p) in content.postures.iter().enumerate() {
        let id = PostureId(i as u8);
        // The baseline's choice keeps a small edge: danger is what it reads best.
        let v = judge.value(&p.each_round, 0) * 2 + if id == base { 3 } else { 0 };
        if v > best.0 {
            best = (v, id);
        }
    }
    if best.1 == base {
        (base, why)
    } else {
        (best.1, Reason::PostureWeighed { posture: best.1 })
    }
}

/// Open or aligned: lean on the aligned powers when threats are high; otherwise keep every
/// door open.
fn pick_posture(content: &Content, view: &View, seat: SeatId) -> (PostureId, Reason) {
    let roles = &content.roles;
    let seen = Seen { content, view };
    let security = seen.tracks_of(seat)[roles.security.index()];
    let q = seen.quadrant();
    let home = content.states[seat.index()].region;
    let threats: u32 = (0..content.tokens.len())
        .map(|k| view.tokens_at(home, TokenKind(k as u8)))
        .sum();
    let exposed = content.borders_afghanistan(home);
    let weak = matches!(q, Quadrant::WeakContained | Quadrant::WeakProxy);
    let danger = i32::from(weak) * 2
        + i32::from(q == Quadrant::StrongRadical)
        + i32::from(exposed)
        + threats as i32
        + (5 - security).max(0);
    if danger >= 4 {
        let posture = roles.aligned_posture;
        (
            posture,
            Reason::PostureDanger {
                posture,
                security,
                quadrant: q,
            },
        )
    } else {
        let posture = roles.open_posture;
        (posture, Reason::PostureCalm { posture, security })
    }
}
