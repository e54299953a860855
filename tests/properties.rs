//! Property tests over random legal command sequences: tracks stay in range, tokens and
//! cards are conserved, and every game ends.

mod common;

use amu_darya::content::{Scope, SeatId};
use amu_darya::rules::{Awaiting, Game};
use proptest::prelude::*;

fn check_invariants(g: &Game, tokens: &[u32], cards: usize) -> Result<(), TestCaseError> {
    let content = g.content();
    for (i, t) in content.tracks.iter().enumerate() {
        match t.scope {
            Scope::Shared => {
                let v = g.world.resource::<amu_darya::game::SharedTracks>().0[i];
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

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
            let cmd = &legal[pick % legal.len()];
            let before = g.state_hash();
            match g.apply(cmd) {
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
    fn illegal_commands_change_nothing(seed in 0u64..1000, which in 0usize..6) {
        let content = common::content();
        let mut g = Game::new(content.clone(), seed);
        let before = g.state_hash();
        let cmd = match which {
            0 => amu_darya::game::Command::Play { state: "KAZ".into(), card: "no-such-card".into() },
            1 => amu_darya::game::Command::Act { state: "XYZ".into(), action: "trade".into() },
            2 => amu_darya::game::Command::Undo { state: "TJK".into() },
            3 => amu_darya::game::Command::Choose { state: "TJK".into(), option: 9 },
            4 => amu_darya::game::Command::Act { state: "KAZ".into(), action: "tapi".into() },
            _ => amu_darya::game::Command::SetPosture { state: "UZB".into(), posture: "none".into() },
        };
        prop_assert!(g.apply(&cmd).is_err());
        prop_assert_eq!(g.state_hash(), before);
    }
}
