//! Legality, decided once: which orders a seat may give now and why the others are closed,
//! and whether a command is accepted. [`super::Game::apply`], the per-seat
//! [`View`](super::View) (and through it the window, the bots and the host) all ask here.

use serde::{Deserialize, Serialize};

use crate::content::{ActionId, CardId, Content, PostureId, SeatId};
use crate::game::Command;
use crate::game::*;

use super::board::Board;
use super::effects::Ctx;
use super::facts::eval;
use super::table::Table;

/// An order a seat could give this policy phase: what it costs and, when it is closed,
/// why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OrderOption {
    pub order: Order,
    /// Action points it costs now (with the posture the seat has ordered so far).
    pub cost: u32,
    /// Why it cannot be given now, or `None` when it can.
    pub closed: Option<Closed>,
}

/// Action points a seat has left this policy phase, and the posture its costs use (the one
/// it ordered, else the one in force).
pub fn points_left<B: Board + ?Sized>(b: &B, seat: SeatId) -> (u32, PostureId) {
    let content = b.content();
    let mut posture = b.posture_of(seat);
    let Some(orders) = b.orders(seat) else {
        return (0, posture);
    };
    let mut spent = 0u32;
    for o in &orders.list {
        match o {
            Order::Posture(p) => posture = *p,
            Order::Action(a) => spent += content.actions[a.index()].cost_in[posture.index()],
            Order::Card(c) => spent += content.cards[c.index()].cost,
        }
    }
    (content.action_points.saturating_sub(spent), posture)
}

/// Why an action is closed to `seat` with `left` points in `posture`, having taken it
/// `taken` times this round, where `holds` says whether its condition holds now (asked
/// last, and only when needed); `None` when it is open. The rules ask it of the World; a
/// bot planning several orders asks it again after each, with the conditions its view
/// gave it (orders change nothing until they are resolved).
pub fn action_closed(
    content: &Content,
    seat: SeatId,
    a: ActionId,
    left: u32,
    posture: PostureId,
    taken: u8,
    holds: impl FnOnce() -> bool,
) -> Option<Closed> {
    let def = &content.actions[a.index()];
    if !def.only.is_empty() && !def.only.contains(&seat) {
        return Some(Closed::OnlyFor);
    }
    if u32::from(taken) >= def.per_round {
        return Some(Closed::PerRound {
            times: def.per_round,
        });
    }
    let cost = def.cost_in[posture.index()];
    if cost > left {
        return Some(Closed::Cost { needed: cost, left });
    }
    if !holds() {
        return Some(Closed::Condition);
    }
    None
}

/// Why a card is closed with `left` points, where `holds` says whether its condition
/// holds now; `None` when it can be played.
pub fn card_closed(
    content: &Content,
    c: CardId,
    left: u32,
    holds: impl FnOnce() -> bool,
) -> Option<Closed> {
    let def = &content.cards[c.index()];
    if def.cost > left {
        return Some(Closed::Cost {
            needed: def.cost,
            left,
        });
    }
    if !holds() {
        return Some(Closed::Condition);
    }
    None
}

fn action_holds<B: Board + ?Sized>(b: &B, seat: SeatId, a: ActionId) -> bool {
    eval(b, &b.content().actions[a.index()].when, Ctx::seat(seat))
}

fn card_holds<B: Board + ?Sized>(b: &B, seat: SeatId, c: CardId) -> bool {
    eval(b, &b.content().cards[c.index()].when, Ctx::seat(seat))
}

/// Every order a seat could give this policy phase, in a fixed order (postures, actions,
/// then the cards in its hand, each card once), open or closed.
pub fn options<B: Board + ?Sized>(b: &B, seat: SeatId) -> Vec<OrderOption> {
    let mut out = Vec::new();
    options_into(b, seat, &mut out);
    out
}

/// [`options`] into a list (cleared first), reusing its room.
pub fn options_into<B: Board + ?Sized>(b: &B, seat: SeatId, out: &mut Vec<OrderOption>) {
    out.clear();
    let content = b.content();
    if seat.index() >= b.n_seats() {
        return;
    }
    let (left, posture) = points_left(b, seat);
    let orders = b.orders(seat).map_or(&[][..], |o| o.list.as_slice());
    let locked = orders.iter().any(|o| !matches!(o, Order::Posture(_)));
    let taken = b.taken(seat);
    for p in 0..content.postures.len() {
        out.push(OrderOption {
            order: Order::Posture(PostureId(p as u8)),
            cost: 0,
            closed: locked.then_some(Closed::PostureLocked),
        });
    }
    for (i, def) in content.actions.iter().enumerate() {
        let a = ActionId(i as u16);
        let n = taken.get(i).copied().unwrap_or(0);
        out.push(OrderOption {
            order: Order::Action(a),
            cost: def.cost_in[posture.index()],
            closed: action_closed(content, seat, a, left, posture, n, || {
                action_holds(b, seat, a)
            }),
        });
    }
    let hand = b.hand(seat);
    for (k, c) in hand.iter().enumerate() {
        if hand[..k].contains(c) {
            continue;
        }
        out.push(OrderOption {
            order: Order::Card(*c),
            cost: content.cards[c.index()].cost,
            closed: card_closed(content, *c, left, || card_holds(b, seat, *c)),
        });
    }
}

/// Whether the game takes `cmd` now: every check, and nothing changed.
pub fn check<B: Board + ?Sized>(b: &B, cmd: &Command) -> Result<(), CommandError> {
    let content = b.content();
    if let Command::Inject { card } = *cmd {
        if b.outcome().is_some() {
            return Err(CommandError::GameOver);
        }
        let event = content
            .cards
            .get(card.index())
            .is_some_and(|c| c.kind == crate::content::CardKind::Event);
        if !event || b.events().removed.contains(&card) {
            return Err(CommandError::NotInjectable);
        }
        return Ok(());
    }
    let Some(seat) = cmd.seat() else {
        return Err(CommandError::OutOfRange);
    };
    if seat.index() >= content.seats() {
        return Err(CommandError::OutOfRange);
    }
    if b.outcome().is_some() {
        return Err(CommandError::GameOver);
    }
    if let Some(choice) = b.pending().front() {
        let Command::Choose { option, .. } = cmd else {
            return Err(CommandError::ChoicePending);
        };
        if choice.seat != seat {
            return Err(CommandError::NotYourChoice);
        }
        let n = content
            .choices
            .get(choice.choice.index())
            .map_or(0, |c| c.options.len());
        if usize::from(*option) >= n {
            return Err(CommandError::NoSuchOption(*option));
        }
        return Ok(());
    }
    if let Command::Choose { .. } = cmd {
        return Err(CommandError::NotYourChoice);
    }
    let clock = b.clock();
    if clock.phase != Phase::Policy || !clock.phase_done {
        return Err(CommandError::NotPolicyPhase);
    }
    let orders = b.orders(seat).ok_or(CommandError::OutOfRange)?;
    if orders.confirmed {
        return Err(CommandError::AlreadyConfirmed);
    }
    let closed = |c: Option<Closed>| c.map_or(Ok(()), |c| Err(CommandError::Closed(c)));
    match *cmd {
        Command::SetPosture { posture, .. } => {
            if posture.index() >= content.postures.len() {
                return Err(CommandError::OutOfRange);
            }
            if orders.list.iter().any(|o| !matches!(o, Order::Posture(_))) {
                return Err(CommandError::Closed(Closed::PostureLocked));
            }
            Ok(())
        }
        Command::Act { action, .. } => {
            if action.index() >= content.actions.len() {
                return Err(CommandError::OutOfRange);
            }
            let (left, posture) = points_left(b, seat);
            let taken = b.taken(seat).get(action.index()).copied().unwrap_or(0);
            closed(action_closed(
                content,
                seat,
                action,
                left,
                posture,
                taken,
                || action_holds(b, seat, action),
            ))
        }
        Command::Play { card, .. } => {
            if card.index() >= content.cards.len() {
                return Err(CommandError::OutOfRange);
            }
            if !b.hand(seat).contains(&card) {
                return Err(CommandError::Closed(Closed::NotInHand));
            }
            let (left, _) = points_left(b, seat);
            closed(card_closed(content, card, left, || {
                card_holds(b, seat, card)
            }))
        }
        Command::Undo { .. } => {
            if orders.list.is_empty() {
                Err(CommandError::NothingToUndo)
            } else {
                Ok(())
            }
        }
        Command::Confirm { .. } => Ok(()),
        Command::Choose { .. } | Command::Inject { .. } => unreachable!("answered above"),
    }
}

/// Carry out a command [`check`] accepted.
pub(super) fn perform(t: &mut Table, cmd: &Command) {
    if let Command::Inject { card } = *cmd {
        // From wherever it is (the pile, the discard, a later era) to the top of the
        // next news, once.
        let events = &mut *t.decks.events;
        events.pile.retain(|c| *c != card);
        events.discard.retain(|c| *c != card);
        events.later.retain(|c| *c != card);
        events.opening.retain(|c| *c != card);
        events.opening.insert(0, card);
        t.log(LogEntry::Injected { card });
        return;
    }
    let Some(seat) = cmd.seat() else {
        return;
    };
    if let Command::Choose { option, .. } = *cmd {
        let Some(choice) = t.pending.0.pop_front() else {
            return;
        };
        t.log(LogEntry::ChoiceMade {
            seat,
            card: choice.card,
            choice: choice.choice,
            option,
        });
        let ctx = Ctx {
            current: Some(seat),
            card: choice.card,
            depth: 1,
        };
        let content = t.content.0.clone();
        if let Some(o) = content
            .choices
            .get(choice.choice.index())
            .and_then(|c| c.options.get(usize::from(option)))
        {
            super::effects::run(t, &o.effects, ctx);
        }
        return;
    }
    let Some(mut d) = t.seat_mut(seat) else {
        return;
    };
    match *cmd {
        Command::SetPosture { posture, .. } => d.4.list.push(Order::Posture(posture)),
        Command::Act { action, .. } => {
            d.5.0[action.index()] += 1;
            d.4.list.push(Order::Action(action));
        }
        Command::Play { card, .. } => {
            if let Some(i) = d.3.0.iter().position(|x| *x == card) {
                d.3.0.remove(i);
            }
            d.4.list.push(Order::Card(card));
        }
        Command::Undo { .. } => match d.4.list.pop() {
            Some(Order::Card(c)) => d.3.insert(c),
            Some(Order::Action(a)) => {
                let n = &mut d.5.0[a.index()];
                *n = n.saturating_sub(1);
            }
            Some(Order::Posture(_)) | None => {}
        },
        Command::Confirm { .. } => d.4.confirmed = true,
        Command::Choose { .. } | Command::Inject { .. } => {}
    }
}
