//! What one seat, or the public, may see of a game: [`view`] is the one function that
//! decides it. The window draws the seat in play from its view (the projector and a game of
//! bots draw the public one), the bots decide from their seat's view, and the classroom
//! host sends each connection only its view.
//!
//! A seat sees everything public (tracks, postures in force, the board, tokens, lasting
//! effects, the news, the decks' public parts, who has confirmed, the orders revealed at
//! the last resolution, the log as it may read it, the history) and, of its own, its hand,
//! its orders so far, the choice it must make, and every order it could give with its cost
//! and why it is closed. It never sees another seat's hand or unrevealed orders, the
//! order of the decks, or the random streams.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::content::{
    CardId, ChoiceId, Content, LastingId, OrgId, PostureId, RegionId, SeatId, TokenKind,
};
use crate::game::*;
use crate::hash::Fnv64;

use super::Awaiting;
use super::board::Board;
use super::facts::Facts;
use super::legal::{self, OrderOption};

/// Who a view is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Viewer {
    /// The projector or a spectator: public facts only.
    Public,
    /// One state's seat.
    Seat(SeatId),
}

/// A state as everyone sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SeatView {
    /// Its tracks, by track index (shared entries unused).
    pub tracks: Vec<i32>,
    /// Its posture in force (the one revealed last; a new one stays secret until then).
    pub posture: PostureId,
    pub memberships: Vec<OrgId>,
    /// How many policy cards it holds, counting those it has ordered face down this
    /// policy phase (so an order does not show in the count).
    pub hand: u32,
    /// Whether it has confirmed its orders this policy phase (not what they are).
    pub confirmed: bool,
    /// Its national-interest score now (percent of its agenda's best).
    pub score: i64,
}

/// A lasting effect in play.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LastingView {
    pub id: LastingId,
    pub rounds_left: u32,
    pub owner: Option<SeatId>,
}

/// The event deck's public parts: which cards could still come up (not in what order),
/// and where the others are.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct DeckView {
    /// Cards in the draw pile, in card order (the deck's order is secret).
    pub pile: Vec<CardId>,
    pub discard: Vec<CardId>,
    pub removed: Vec<CardId>,
    /// Cards of eras still to come.
    pub later: Vec<CardId>,
    /// The level's opening cards still to come, in order.
    pub opening: Vec<CardId>,
    /// Cards in the policy draw pile (how many) and its discard.
    pub policy_pile: u32,
    pub policy_discard: Vec<CardId>,
}

/// A choice waiting: whose it is, which card offered it, and which of the content's
/// choices it is (its prompt and options are in the content).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChoiceView {
    pub seat: SeatId,
    pub card: Option<CardId>,
    pub choice: ChoiceId,
}

/// What only the viewing seat sees of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OwnView {
    pub hand: Vec<CardId>,
    /// Its orders so far this policy phase, in the order given.
    pub orders: Vec<Order>,
    /// The posture its costs use now (the one it ordered, else the one in force).
    pub posture: PostureId,
    pub points_left: u32,
    /// While its orders are due: every posture, action and card in hand, with its cost and
    /// why it is closed (empty otherwise).
    pub options: Vec<OrderOption>,
    pub can_undo: bool,
    pub can_confirm: bool,
}

/// One seat's or the public's view of a game: plain data, the same on every platform.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct View {
    pub viewer: Viewer,
    /// The content it is a view of (a client checks it has the same).
    pub content_hash: u64,
    /// The class code's seed (public: every group of a class plays it).
    pub seed: u64,
    pub round: u32,
    pub phase: Phase,
    /// Whether the phase's systems have run (in the policy phase: orders are open).
    pub phase_done: bool,
    /// The shared tracks, by track index.
    pub shared: Vec<i32>,
    pub seats: Vec<SeatView>,
    /// Tokens by region and kind.
    pub tokens: Vec<Vec<u32>>,
    /// Tokens left in the supply, by kind.
    pub supply: Vec<u32>,
    /// Each border's porosity, by border index.
    pub porosity: Vec<i32>,
    pub lasting: Vec<LastingView>,
    /// The news of the current round (or of the last one, until the next is revealed).
    pub news: Vec<CardId>,
    pub deck: DeckView,
    /// What the game waits for.
    pub awaiting: Awaiting,
    /// Choices waiting, first to last: whose and which card offered it (the options of
    /// the front one only for the state that makes it, in `choice`).
    pub choices: Vec<(SeatId, Option<CardId>)>,
    /// The front choice, when the viewer must make it.
    pub choice: Option<ChoiceView>,
    /// The viewer's own hand, orders and options (a seat's view only).
    pub own: Option<OwnView>,
    /// Each seat's orders as revealed at the last resolution.
    pub revealed: Vec<Vec<Order>>,
    /// The log as the viewer may read it.
    pub log: Vec<LogLine>,
    /// The tracks round by round (while the game keeps a log).
    pub history: Vec<HistoryRow>,
    pub outcome: Option<Outcome>,
    /// The full state hash, once the game is over (before then it would tell apart games
    /// that differ only in what the viewer may not see).
    pub final_hash: Option<u64>,
    /// A hash of everything in this view: two equal views have equal hashes.
    pub hash: u64,
}

/// Whether a log line may be read by `viewer` now: a bot's reason for its orders, and a
/// group's journal line on them, are its secret until the orders are revealed;
/// everything else in the log is public.
pub fn may_read(viewer: Viewer, clock: &Clock, line: &LogLine) -> bool {
    match &line.entry {
        LogEntry::Bot { seat, .. } | LogEntry::Journal { seat, .. }
            if line.phase == Phase::Policy =>
        {
            viewer == Viewer::Seat(*seat)
                || line.round < clock.round
                || (line.round == clock.round && clock.phase > Phase::Policy)
        }
        _ => true,
    }
}

/// Build the view of the game in `world` for `viewer`.
pub fn view(world: &World, viewer: Viewer) -> View {
    build(world, viewer, true)
}

/// The view a heuristic bot decides from: the same facts as [`view`], without what is kept
/// for people, the network and the search (the log, the history, the view's hash, the
/// event deck's cards and the orders revealed last round), so a batch of thousands of
/// games builds it cheaply. The news of the round are still in it. (The strong bot's
/// search samples the game from the whole [`view`].)
pub fn lean<B: Board + ?Sized>(b: &B, viewer: Viewer) -> View {
    build(b, viewer, false)
}

/// [`lean`] into a view already made, reusing its buffers (a batch builds thousands of
/// views a second; most of their cost was allocating them).
pub fn lean_into<B: Board + ?Sized>(b: &B, viewer: Viewer, v: &mut View) {
    fill(b, viewer, false, v);
}

/// Refill only what can change between two seats' turns in one policy phase: who the view
/// is for, who has confirmed, what the game waits for, and the seat's own part. Orders
/// change nothing else until they are resolved (a card ordered still counts in its
/// holder's hand), so the rest of a lean view filled earlier in the same policy phase
/// (same round, no phase run since) still holds.
pub fn lean_refill_own<B: Board + ?Sized>(b: &B, viewer: Viewer, v: &mut View) {
    for (i, sv) in v.seats.iter_mut().enumerate() {
        sv.confirmed = b.orders(SeatId(i as u8)).is_some_and(|o| o.confirmed);
    }
    fill_decision(b, viewer, v);
}

/// The part of a view about the decision in hand: who it is for, what the game waits for,
/// the choices waiting (the front one's options only for its state), and the seat's own
/// hand, orders and options.
fn fill_decision<B: Board + ?Sized>(b: &B, viewer: Viewer, v: &mut View) {
    let seat = match viewer {
        Viewer::Seat(s) if s.index() < b.n_seats() => Some(s),
        _ => None,
    };
    v.viewer = viewer;
    super::awaiting_into(b, &mut v.awaiting);
    let pending = b.pending();
    v.choices.clear();
    v.choices.extend(pending.iter().map(|c| (c.seat, c.card)));
    v.choice = pending
        .front()
        .filter(|c| Some(c.seat) == seat)
        .map(|c| ChoiceView {
            seat: c.seat,
            card: c.card,
            choice: c.choice,
        });
    match seat {
        Some(s) => {
            let own = v.own.get_or_insert_with(OwnView::default);
            own_into(b, s, &v.awaiting, own);
        }
        None => v.own = None,
    }
}

fn build<B: Board + ?Sized>(b: &B, viewer: Viewer, full: bool) -> View {
    let mut v = View::empty(viewer);
    fill(b, viewer, full, &mut v);
    if full {
        v.hash = v.computed_hash();
    }
    v
}

fn fill<B: Board + ?Sized>(b: &B, viewer: Viewer, full: bool, v: &mut View) {
    let content = b.content();
    let clock = b.clock();
    let n = b.n_seats();
    fill_decision(b, viewer, v);
    v.content_hash = content.hash;
    v.seed = b.rng().seed;
    v.round = clock.round;
    v.phase = clock.phase;
    v.phase_done = clock.phase_done;
    v.shared.clear();
    v.shared.extend_from_slice(b.shared());
    v.seats.resize_with(n, SeatView::default);
    for (i, sv) in v.seats.iter_mut().enumerate() {
        let s = SeatId(i as u8);
        let Some(p) = b.seat_parts(s) else {
            continue;
        };
        sv.tracks.clear();
        sv.tracks.extend_from_slice(p.tracks);
        sv.score = super::agenda_score(content, s, p.tracks);
        sv.posture = p.posture;
        sv.memberships.clear();
        sv.memberships.extend_from_slice(p.memberships);
        sv.hand = p.hand.len() as u32
            + p.orders
                .list
                .iter()
                .filter(|x| matches!(x, Order::Card(_)))
                .count() as u32;
        sv.confirmed = p.orders.confirmed;
    }
    let index = b.token_index();
    v.tokens.clone_from(&index.at);
    v.supply.clone_from(&index.supply);
    b.porosities(&mut v.porosity);
    v.lasting.clear();
    v.lasting
        .extend(b.lasting_list().iter().map(|l| LastingView {
            id: l.id,
            rounds_left: l.rounds_left,
            owner: l.owner,
        }));
    let events = b.events();
    let policies = b.policies();
    v.deck.policy_pile = policies.pile.len() as u32;
    if full {
        v.deck.pile.clone_from(&events.pile);
        v.deck.pile.sort_unstable();
        v.deck.discard.clone_from(&events.discard);
        v.deck.removed.clone_from(&events.removed);
        v.deck.later.clone_from(&events.later);
        v.deck.opening.clone_from(&events.opening);
        v.deck.policy_discard.clone_from(&policies.discard);
    } else {
        v.deck.pile.clear();
        v.deck.discard.clear();
        v.deck.removed.clear();
        v.deck.later.clear();
        v.deck.opening.clear();
        v.deck.policy_discard.clear();
    }
    let log = b.game_log();
    news_into(log, clock.round, &mut v.news);
    v.log.clear();
    if full {
        v.log.extend(
            log.entries
                .iter()
                .filter(|l| may_read(viewer, &clock, l))
                .cloned(),
        );
    }
    v.revealed.clear();
    v.history.clear();
    if full {
        v.revealed.extend_from_slice(b.revealed());
        v.history.extend_from_slice(b.history());
    }
    v.outcome.clone_from(&b.outcome().cloned());
    v.final_hash = v.outcome.as_ref().map(|_| super::hash::state_hash(b));
    v.hash = 0;
}

/// The cards revealed in the latest news phase.
fn news_into(log: &GameLog, round: u32, out: &mut Vec<CardId>) {
    out.clear();
    let latest = log
        .entries
        .iter()
        .rev()
        .find(|l| matches!(l.entry, LogEntry::Event { .. }))
        .map_or(round, |l| l.round);
    out.extend(
        log.entries
            .iter()
            .filter(|l| l.round == latest)
            .filter_map(|l| match l.entry {
                LogEntry::Event { card } => Some(card),
                _ => None,
            }),
    );
}

fn own_into<B: Board + ?Sized>(b: &B, seat: SeatId, awaiting: &Awaiting, own: &mut OwnView) {
    let (points_left, posture) = legal::points_left(b, seat);
    let due = matches!(awaiting, Awaiting::Policy(seats) if seats.contains(&seat));
    own.hand.clear();
    own.hand.extend_from_slice(b.hand(seat));
    own.orders.clear();
    if let Some(o) = b.orders(seat) {
        own.orders.extend_from_slice(&o.list);
    }
    own.can_undo = due && !own.orders.is_empty();
    own.can_confirm = due;
    own.options.clear();
    if due {
        legal::options_into(b, seat, &mut own.options);
    }
    own.posture = posture;
    own.points_left = points_left;
}

impl View {
    /// A view with nothing in it yet, to fill.
    pub(super) fn empty(viewer: Viewer) -> View {
        View {
            viewer,
            content_hash: 0,
            seed: 0,
            round: 0,
            phase: Phase::News,
            phase_done: false,
            shared: Vec::new(),
            seats: Vec::new(),
            tokens: Vec::new(),
            supply: Vec::new(),
            porosity: Vec::new(),
            lasting: Vec::new(),
            news: Vec::new(),
            deck: DeckView::default(),
            awaiting: Awaiting::Over,
            choices: Vec::new(),
            choice: None,
            own: None,
            revealed: Vec::new(),
            log: Vec::new(),
            history: Vec::new(),
            outcome: None,
            final_hash: None,
            hash: 0,
        }
    }

    /// The hash of everything in the view, its `hash` field taken as 0.
    pub fn computed_hash(&self) -> u64 {
        use std::hash::Hash;
        let mut h = Fnv64::new();
        if self.hash == 0 {
            self.hash(&mut h);
        } else {
            let mut copy = self.clone();
            copy.hash = 0;
            copy.hash(&mut h);
        }
        h.finish()
    }

    /// Whether `seat` must act now (answer a choice, or give its orders).
    pub fn waits_for(&self, seat: SeatId) -> bool {
        match &self.awaiting {
            Awaiting::Choice(s) => *s == seat,
            Awaiting::Policy(seats) => seats.contains(&seat),
            Awaiting::Over => false,
        }
    }

    /// Tokens of a kind in a region.
    pub fn tokens_at(&self, region: RegionId, kind: TokenKind) -> u32 {
        self.tokens
            .get(region.index())
            .and_then(|r| r.get(kind.index()))
            .copied()
            .unwrap_or(0)
    }
}

/// A view read as public facts, with the content it is a view of: what a bot evaluates
/// conditions and values effects on.
#[derive(Clone, Copy)]
pub struct Seen<'a> {
    pub content: &'a Content,
    pub view: &'a View,
}

impl Facts for Seen<'_> {
    fn content(&self) -> &Content {
        self.content
    }

    fn shared(&self) -> &[i32] {
        &self.view.shared
    }

    fn tracks_of(&self, seat: SeatId) -> &[i32] {
        self.view
            .seats
            .get(seat.index())
            .map_or(&[], |s| s.tracks.as_slice())
    }

    fn posture_of(&self, seat: SeatId) -> PostureId {
        self.view
            .seats
            .get(seat.index())
            .map_or(PostureId(0), |s| s.posture)
    }

    fn member(&self, seat: SeatId, org: OrgId) -> bool {
        self.view
            .seats
            .get(seat.index())
            .is_some_and(|s| s.memberships.contains(&org))
    }

    fn lasting(&self, id: LastingId) -> bool {
        self.view.lasting.iter().any(|l| l.id == id)
    }

    fn round(&self) -> u32 {
        self.view.round
    }

    fn tokens(&self, region: RegionId, kind: TokenKind) -> u32 {
        self.view.tokens_at(region, kind)
    }
}
