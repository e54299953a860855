//! Property tests over random legal command sequences: tracks stay in range, tokens and
//! cards are conserved, every game ends, refused commands change nothing, and a seat's
//! view never shows what the seat may not see.

mod common;

use amu_darya::content::{ActionId, CardId, PostureId, Scope, SeatId};
use amu_darya::game::{Command, NamedCommand};
use amu_darya::rules::{Awaiting, Game, Viewer};
use proptest::prelude::*;

fn check_invariants(g: &Game, tokens: &[u32], cards: usize) -> Result<(), TestCaseError> {
    let content = g.content();
    for (i, t) in content.tracks.iter().enumerate() {
        match t.scope {
            Scope::Shared => {
                let v = g.shared_tracks()[i];
                prop_assert!(v >= t.min && v <= t.max, "{} = {v}", t.id);
            }
            Scope::State => {
                for s in 0..content.seats() {
                    let v = g.seat_tracks(SeatId(s as u8))[i];
                    prop_assert!(v >= t.min && v <= t.max, "{} of seat {s} = {v}", t.id);
                }
            }
        }
    }
    prop_assert_eq!(g.token_totals(), tokens.to_vec(), "tokens are conserved");
    prop_assert_eq!(g.card_total(), cards, "cards are conserved");
    for (k, kind) in content.tokens.iter().enumerate() {
        prop_assert_eq!(g.token_totals()[k], kind.supply);
    }
    Ok(())
}

/// The same game again, from its commands.
fn twin(g: &Game) -> Game {
    let mut t = Game::new(g.content().clone(), g.seed());
    for l in g.commands() {
        t.apply_with_reason(&l.cmd, l.reason.clone())
            .expect("replays");
    }
    t
}

/// Every view of a game: each seat's and the public one.
fn viewers(g: &Game) -> Vec<Viewer> {
    let mut v: Vec<Viewer> = (0..g.content().seats())
        .map(|s| Viewer::Seat(SeatId(s as u8)))
        .collect();
    v.push(Viewer::Public);
    v
}

/// A seat's view shows its own hand and orders, and of the others only what is public.
fn check_view_of_own(g: &Game) -> Result<(), TestCaseError> {
    for s in 0..g.content().seats() {
        let seat = SeatId(s as u8);
        let v = g.view(Viewer::Seat(seat));
        let own = v.own.as_ref().expect("a seat's view has its own part");
        prop_assert_eq!(&own.hand, &g.hand(seat).to_vec());
        prop_assert_eq!(&own.orders, &g.orders(seat).expect("orders").list);
        prop_assert_eq!(v.hash, v.computed_hash());
        if let Some(c) = &v.choice {
            prop_assert_eq!(c.seat, seat, "only the chooser sees a choice's options");
        }
    }
    let public = g.view(Viewer::Public);
    prop_assert!(public.own.is_none() && public.choice.is_none());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn random_legal_play_keeps_the_invariants(seed in 0u64..1_000_000, picks in proptest::collection::vec(any::<u16>(), 400)) {
        let content = common::content();
        let mut g = Game::new(content.clone(), seed);
        let tokens = g.token_totals();
        let cards = content.cards.len();
        check_invariants(&g, &tokens, cards)?;
        // Bounded: each round needs at least one Confirm per seat, so this is plenty.
        for i in 0..20_000usize {
            let seat = match g.awaiting() {
                Awaiting::Over => break,
                Awaiting::Choice(s) => s,
                Awaiting::Policy(seats) => seats[picks[i % picks.len()] as usize % seats.len()],
            };
            let legal = g.legal_commands(seat);
            prop_assert!(!legal.is_empty(), "a waiting seat always has a legal command");
            let pick = picks[(i + 1) % picks.len()] as usize;
            let cmd = legal[pick % legal.len()];
            let before = g.state_hash();
            match g.apply(&cmd) {
                Ok(()) => {}
                Err(e) => {
                    prop_assert_eq!(g.state_hash(), before, "a refused command changes nothing");
                    return Err(TestCaseError::fail(format!("legal command {cmd:?} refused: {e}")));
                }
            }
            check_invariants(&g, &tokens, cards)?;
        }
        prop_assert!(g.outcome().is_some(), "the game ended");
        prop_assert!(g.clock().round <= content.rounds);
    }

    #[test]
    fn a_view_never_shows_another_seats_secrets(seed in 0u64..1_000_000, picks in proptest::collection::vec(any::<u16>(), 200), every in 5usize..40) {
        // Random play; now and then, a twin game in which one seat still deciding gives one
        // more order (a hidden fact): every other seat's view, and the public one, must be
        // the same in both games; the seat's own view must not.
        let content = common::content();
        let mut g = Game::new(content.clone(), seed);
        let mut twins = 0;
        for i in 0..20_000usize {
            let seat = match g.awaiting() {
                Awaiting::Over => break,
                Awaiting::Choice(s) => s,
                Awaiting::Policy(seats) => seats[picks[i % picks.len()] as usize % seats.len()],
            };
            let legal = g.legal_commands(seat);
            if i % every == 0 {
                check_view_of_own(&g)?;
                let orders: Vec<Command> = legal
                    .iter()
                    .copied()
                    .filter(|c| matches!(c, Command::SetPosture { .. } | Command::Act { .. } | Command::Play { .. } | Command::Undo { .. }))
                    .collect();
                if let Some(extra) = orders.get(picks[(i + 7) % picks.len()] as usize % orders.len().max(1)) {
                    let mut t = twin(&g);
                    t.apply(extra).expect("legal in the twin");
                    for viewer in viewers(&g) {
                        let (a, b) = (g.view(viewer), t.view(viewer));
                        if viewer == Viewer::Seat(seat) {
                            prop_assert_ne!(a.hash, b.hash, "the seat sees its own order");
                        } else {
                            prop_assert_eq!(&a, &b, "{:?} sees {:?}'s secret order {:?}", viewer, seat, extra);
                            prop_assert_eq!(a.hash, b.hash);
                        }
                    }
                    twins += 1;
                }
            }
            let pick = picks[(i + 1) % picks.len()] as usize;
            g.apply(&legal[pick % legal.len()]).expect("legal");
        }
        prop_assert!(twins > 0 || g.commands().len() < every);
    }

    #[test]
    fn refused_commands_change_nothing(seed in 0u64..1000, which in 0usize..9) {
        let content = common::content();
        let mut g = Game::new(content.clone(), seed);
        let before = g.state_hash();
        let tjk = content.seat("TJK").expect("TJK");
        let named = |c: NamedCommand| c.resolve(&content);
        let result = match which {
            0 => named(NamedCommand::Play { state: "KAZ".into(), card: "no-such-card".into() }).map(|_| ()),
            1 => named(NamedCommand::Act { state: "XYZ".into(), action: "trade".into() }).map(|_| ()),
            2 => g.apply(&Command::Undo { seat: tjk }),
            3 => g.apply(&Command::Choose { seat: tjk, option: 9 }),
            4 => g.apply(&Command::Act { seat: SeatId(0), action: ActionId(9999) }),
            5 => g.apply(&Command::SetPosture { seat: SeatId(1), posture: PostureId(200) }),
            6 => g.apply(&Command::Confirm { seat: SeatId(77) }),
            7 => g.apply(&Command::Play { seat: tjk, card: CardId(u16::MAX) }),
            _ => {
                // A card from another seat's hand.
                let other = SeatId((tjk.0 + 1) % content.seats() as u8);
                match g.hand(other).iter().find(|c| !g.hand(tjk).contains(c)) {
                    Some(&card) => g.apply(&Command::Play { seat: tjk, card }),
                    None => Err(amu_darya::game::CommandError::NothingToUndo),
                }
            }
        };
        prop_assert!(result.is_err());
        prop_assert_eq!(g.state_hash(), before);
    }
}
