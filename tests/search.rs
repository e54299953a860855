//! The strong bot: its samples show its seat what the game showed, it decides from its
//! seat's view alone, a fixed budget gives the same decision however it is sliced, and
//! what it picks is legal.

mod common;

use amu_darya::Game;
use amu_darya::ai::{self, BotOptions, Search, Strength};
use amu_darya::content::SeatId;
use amu_darya::game::{Command, Reason};
use amu_darya::rules::{Awaiting, View, Viewer};

/// The parts of a seat's view a sample must reproduce: everything it shows, but the
/// other states' confirmations in the policy phase (their orders are secret, so in a
/// sample they give them afresh) and what the log gives (a sample keeps none).
fn seen_part(v: &View) -> String {
    let mut v = v.clone();
    let me = match v.viewer {
        Viewer::Seat(s) => s,
        Viewer::Public => SeatId(u8::MAX),
    };
    for (i, s) in v.seats.iter_mut().enumerate() {
        if i != me.index() {
            s.confirmed = false;
        }
    }
    if let Awaiting::Policy(seats) = &mut v.awaiting {
        seats.clear();
    }
    v.seed = 0;
    v.log.clear();
    v.news.clear();
    v.history.clear();
    v.hash = 0;
    v.final_hash = None;
    format!("{v:?}")
}

#[test]
fn a_sample_shows_its_seat_what_the_game_showed() {
    let content = common::content();
    let mut sample = Game::new(content.clone(), 0);
    let mut checked = 0;
    for seed in 1..=4u64 {
        let mut g = Game::new(content.clone(), seed);
        for step in 0..10_000u64 {
            let Some(seat) = common::next_seat(&g) else {
                break;
            };
            let view = g.view(Viewer::Seat(seat));
            if step % 3 == 0 {
                assert!(sample.load_sample(&view, seed * 1000 + step));
                let again = sample.view(Viewer::Seat(seat));
                assert_eq!(
                    seen_part(&view),
                    seen_part(&again),
                    "seed {seed}, step {step}"
                );
                // Every card is somewhere, and every token too.
                assert_eq!(sample.card_total(), g.card_total(), "seed {seed}");
                assert_eq!(sample.token_totals(), g.token_totals(), "seed {seed}");
                checked += 1;
            }
            ai::act(&mut g, seat, &BotOptions::default());
        }
    }
    assert!(checked > 100, "{checked}");
}

/// A game after some bot play, and the seat it waits for.
fn midgame(seed: u64, decisions: usize) -> (Game, SeatId) {
    let content = common::content();
    let mut g = Game::new(content, seed);
    for _ in 0..decisions {
        let seat = common::next_seat(&g).expect("the game goes on");
        ai::act(&mut g, seat, &BotOptions::default());
    }
    let seat = common::next_seat(&g).expect("the game goes on");
    (g, seat)
}

#[test]
fn a_fixed_budget_decides_the_same_however_it_is_sliced() {
    let content = common::content();
    for (seed, at) in [(3u64, 0usize), (5, 7), (8, 30)] {
        let (g, seat) = midgame(seed, at);
        let view = g.view(Viewer::Seat(seat));
        let mut whole = Search::new(content.clone(), &view).expect("a decision");
        whole.step(24);
        let mut sliced = Search::new(content.clone(), &view).expect("a decision");
        for n in [1, 5, 3, 15] {
            sliced.step(n);
        }
        assert_eq!(whole.playouts(), sliced.playouts());
        assert_eq!(whole.best(), sliced.best(), "seed {seed}");
        // And the same again from scratch.
        let mut again = Search::new(content.clone(), &view).expect("a decision");
        again.step(24);
        assert_eq!(whole.best(), again.best());
    }
}

#[test]
fn the_search_reads_only_its_seats_view() {
    // Two games that differ only in another state's secret order: the searching seat sees
    // the same view in both, so it decides the same.
    let content = common::content();
    let mut compared = 0;
    for seed in [2u64, 6, 9] {
        let (g, _) = midgame(seed, 0);
        let Awaiting::Policy(seats) = g.awaiting() else {
            continue;
        };
        let (other, me) = (seats[0], seats[1]);
        let mut twin = amu_darya::session::replay(
            &amu_darya::session::Save::of(&g, "levels/autumn-2021.ron", Vec::new()),
            content.clone(),
        )
        .expect("the game replays");
        let secret = twin
            .legal_commands(other)
            .into_iter()
            .find(|c| matches!(c, Command::SetPosture { .. }))
            .expect("a posture to set");
        twin.apply(&secret).expect("legal");
        let (a, b) = (g.view(Viewer::Seat(me)), twin.view(Viewer::Seat(me)));
        assert_eq!(a, b, "the secret order is not in {me:?}'s view");
        let mut sa = Search::new(content.clone(), &a).expect("a decision");
        let mut sb = Search::new(content.clone(), &b).expect("a decision");
        sa.step(16);
        sb.step(16);
        assert_eq!(sa.best(), sb.best());
        compared += 1;
    }
    assert!(compared > 0);
}

#[test]
fn a_strong_bot_plays_legal_commands_to_the_end_and_explains_them() {
    let content = common::content();
    let opts = BotOptions {
        strength: vec![
            Strength::Strong,
            Strength::Normal,
            Strength::Normal,
            Strength::Normal,
            Strength::Normal,
        ],
        playouts: 6,
        ..BotOptions::default()
    };
    let strong = SeatId(0);
    let mut g = Game::new(content.clone(), 21);
    let mut searched = 0;
    for _ in 0..10_000 {
        let Some(seat) = common::next_seat(&g) else {
            break;
        };
        if seat != strong {
            ai::act(&mut g, seat, &opts);
            continue;
        }
        let (cmd, reason) = common::decide(&g, seat, &opts).expect("a decision");
        assert!(g.check(&cmd).is_ok(), "{cmd:?} is legal");
        if let Reason::Searched { playouts, .. } = reason {
            assert_eq!(playouts, 6);
            searched += 1;
        } else {
            assert!(matches!(reason, Reason::Only { .. }), "{reason:?}");
        }
        assert_eq!(ai::apply(&mut g, seat, cmd, reason), ai::Applied::Taken);
    }
    assert!(g.outcome().is_some(), "the game ends");
    assert!(searched > 10, "{searched}");
    // Its reasons read in both languages, with no key left unfilled.
    for lang in ["en", "ru"] {
        let s = amu_darya::text::Strings::built_in(lang);
        let lines: Vec<String> = g
            .commands()
            .iter()
            .filter(|l| l.cmd.seat() == Some(strong))
            .filter_map(|l| l.reason.as_ref())
            .map(|r| amu_darya::report::log::render_reason(&content, &s, r))
            .collect();
        assert!(lines.iter().any(|l| l.contains('%')), "{lang}: {lines:?}");
        for l in &lines {
            assert!(!l.contains("bot.") && !l.contains('{'), "{lang}: {l}");
        }
    }
}
