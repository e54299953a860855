//! Determinism: the game is a pure function of level, seed and commands.

mod common;

use amu_darya::ai;
use amu_darya::rules::Game;
use amu_darya::session::{self, Controller, Save};

fn bot_game(seed: u64) -> Game {
    let mut g = Game::new(common::content(), seed);
    ai::play_out(&mut g);
    g
}

#[test]
fn same_seed_same_game() {
    for seed in [1, 2, 99] {
        let a = bot_game(seed);
        let b = bot_game(seed);
        assert_eq!(a.state_hash(), b.state_hash());
        assert_eq!(a.commands, b.commands);
        assert!(a.outcome().is_some(), "the game ended");
    }
    assert_ne!(bot_game(1).state_hash(), bot_game(2).state_hash());
}

#[test]
fn the_same_commands_replay_to_the_same_hash() {
    let played = bot_game(7);
    let mut again = Game::new(common::content(), 7);
    for (cmd, reason) in &played.commands {
        again
            .apply_with_reason(cmd, reason.clone())
            .expect("legal on replay");
    }
    assert_eq!(again.state_hash(), played.state_hash());
    assert_eq!(again.log(), played.log(), "the log is reproduced too");
}

#[test]
fn a_saved_game_replays_to_its_stored_hash() {
    let g = bot_game(11);
    let save = Save::of(&g, "levels/autumn-2021.ron", vec![Controller::Bot; 5]);
    let text = save.to_ron();
    let back = Save::from_ron(&text).expect("parses");
    assert_eq!(back, save);
    let replayed = session::verify(&back, common::content()).expect("verifies");
    assert_eq!(replayed.state_hash(), g.state_hash());
}

#[test]
fn save_load_and_continue_equals_never_saving() {
    let content = common::content();
    let full = bot_game(23);
    // Stop halfway, save, load by replay, and let the bots carry on.
    let half = full.commands.len() / 2;
    let mut first = Game::new(content.clone(), 23);
    for (cmd, reason) in &full.commands[..half] {
        first.apply_with_reason(cmd, reason.clone()).expect("legal");
    }
    let save = Save::of(&first, "levels/autumn-2021.ron", vec![Controller::Bot; 5]);
    let dir = std::env::temp_dir().join(format!("amu-darya-det-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("half.ron");
    session::write_atomic(&path, &save.to_ron()).expect("written");
    let loaded = session::read_save(&path).expect("read back");
    let mut resumed = session::verify(&loaded, content).expect("replays");
    ai::play_out(&mut resumed);
    assert_eq!(resumed.state_hash(), full.state_hash());
    assert_eq!(resumed.commands, full.commands);
}

#[test]
fn a_reused_world_plays_like_a_fresh_one() {
    let mut reused = Game::new(common::content(), 1);
    ai::play_out(&mut reused);
    for seed in [5, 6, 7] {
        reused.reset(seed);
        ai::play_out(&mut reused);
        assert_eq!(
            reused.state_hash(),
            bot_game(seed).state_hash(),
            "seed {seed}"
        );
    }
}

#[test]
fn batch_results_do_not_depend_on_jobs() {
    let content = common::content();
    let one = amu_darya::report::run(content.clone(), 12, 40, 1, &Default::default(), &|_| {});
    let three = amu_darya::report::run(content.clone(), 12, 40, 3, &Default::default(), &|_| {});
    let s1 = amu_darya::report::summarize(&content, &one, 40, 0);
    let s3 = amu_darya::report::summarize(&content, &three, 40, 0);
    assert_eq!(
        serde_json::to_string(&s1).expect("json"),
        serde_json::to_string(&s3).expect("json")
    );
    assert_eq!(
        s1.first_game_hash,
        amu_darya::hash::hex(bot_game(40).state_hash())
    );
}

#[test]
fn bots_do_not_touch_the_game_rng() {
    // Asking a bot for its decision must not change the game.
    let g = Game::new(common::content(), 3);
    let before = g.state_hash();
    for s in 0..5u8 {
        let _ = ai::decide(&g, amu_darya::content::SeatId(s));
    }
    assert_eq!(g.state_hash(), before);
}

#[test]
fn undo_restores_the_orders_exactly() {
    let mut g = Game::new(common::content(), 8);
    let before = g.state_hash();
    let seat = amu_darya::content::SeatId(2);
    let state = common::content().states[2].id.clone();
    let (cmd, _) = ai::decide(&g, seat).expect("a decision");
    g.apply(&cmd).expect("legal");
    assert_ne!(g.state_hash(), before);
    g.apply(&amu_darya::game::Command::Undo { state })
        .expect("undo");
    assert_eq!(g.state_hash(), before, "undo puts everything back");
}

#[test]
fn a_stepped_game_saved_at_a_decision_point_verifies() {
    // The window moves the game one step at a time and saves where it waits for a command.
    let content = common::content();
    let mut g = Game::new_stepped(content.clone(), 31);
    let mut saves = 0;
    for _ in 0..5_000 {
        if g.step() {
            continue;
        }
        if g.waiting() && g.clock().round <= 3 {
            let save = Save::of(&g, "levels/autumn-2021.ron", vec![Controller::Bot; 5]);
            session::verify(&save, content.clone()).expect("a save made while waiting verifies");
            saves += 1;
        }
        let seat = match g.awaiting() {
            amu_darya::rules::Awaiting::Over => break,
            amu_darya::rules::Awaiting::Choice(s) => s,
            amu_darya::rules::Awaiting::Policy(seats) => seats[0],
        };
        let (cmd, reason) = ai::decide(&g, seat).expect("a decision");
        g.apply_with_reason(&cmd, Some(reason)).expect("legal");
    }
    assert!(saves > 10);
    assert!(g.outcome().is_some());
}

#[test]
fn a_bot_plan_equals_asking_one_decision_at_a_time() {
    for seed in [2, 9] {
        let planned = bot_game(seed);
        let mut stepwise = Game::new(common::content(), seed);
        for _ in 0..10_000 {
            let seat = match stepwise.awaiting() {
                amu_darya::rules::Awaiting::Over => break,
                amu_darya::rules::Awaiting::Choice(s) => s,
                amu_darya::rules::Awaiting::Policy(seats) => seats[0],
            };
            let (cmd, reason) = ai::decide(&stepwise, seat).expect("a decision");
            stepwise
                .apply_with_reason(&cmd, Some(reason))
                .expect("legal");
        }
        assert_eq!(stepwise.commands, planned.commands, "seed {seed}");
        assert_eq!(stepwise.state_hash(), planned.state_hash());
    }
}

#[test]
fn bot_strengths_play_legally_and_differently() {
    use amu_darya::ai::{BotOptions, Strength};
    use amu_darya::game::Command;
    let content = common::content();
    let mut games = Vec::new();
    for strength in [Strength::Easy, Strength::Normal, Strength::Hard] {
        let opts = BotOptions {
            forced: Vec::new(),
            strength: vec![strength; content.seats()],
        };
        let mut g = Game::new(content.clone(), 17);
        ai::play_out_with(&mut g, &opts);
        assert!(g.outcome().is_some(), "{strength:?} finishes the game");
        if strength == Strength::Easy {
            // At most two actions or cards per seat and round.
            let mut per_turn = 0;
            for (cmd, _) in &g.commands {
                match cmd {
                    Command::Act { .. } | Command::Play { .. } => per_turn += 1,
                    Command::Confirm { .. } => {
                        assert!(per_turn <= 2, "an easy bot gave {per_turn} orders");
                        per_turn = 0;
                    }
                    _ => {}
                }
            }
        }
        games.push(g.state_hash());
        // One decision at a time gives the same game as whole plans, at every strength.
        let mut stepwise = Game::new(content.clone(), 17);
        for _ in 0..10_000 {
            let seat = match stepwise.awaiting() {
                amu_darya::rules::Awaiting::Over => break,
                amu_darya::rules::Awaiting::Choice(s) => s,
                amu_darya::rules::Awaiting::Policy(seats) => seats[0],
            };
            let (cmd, reason) = ai::decide_with(&stepwise, seat, &opts).expect("a decision");
            stepwise
                .apply_with_reason(&cmd, Some(reason))
                .expect("legal");
        }
        assert_eq!(stepwise.state_hash(), g.state_hash(), "{strength:?}");
    }
    assert_ne!(games[0], games[1]);
}
