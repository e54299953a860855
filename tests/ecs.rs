//! The rules' systems in a Bevy App with `MinimalPlugins`, the way Bevy's own
//! `tests/how_to_test_*.rs` do: build an App, run it, assert on the World.

mod common;

use amu_darya::content::{Quadrant, RegionId, RegionKind, SeatId, TokenKind};
use amu_darya::game::*;
use amu_darya::rules::{self, Facts, RulesPlugin};
use bevy::prelude::*;

fn app(seed: u64) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, RulesPlugin));
    rules::setup(app.world_mut(), common::content(), seed);
    app
}

/// Put tokens on the board as a card would.
fn spawn(app: &mut App, kind: TokenKind, region: RegionId, n: u32) {
    let mut state = bevy::ecs::system::SystemState::<rules::Table>::new(app.world_mut());
    let mut t = state.get_mut(app.world_mut()).expect("a game is set up");
    assert_eq!(t.spawn_tokens(kind, region, n), n);
}

fn set_shared(app: &mut App, id: &str, v: i32) {
    let t = common::content().track(id).expect("track");
    app.world_mut().resource_mut::<SharedTracks>().0[t.index()] = v;
}

#[test]
fn an_update_runs_the_news_and_opens_the_policy_phase() {
    let mut app = app(1);
    app.update();
    let clock = *app.world().resource::<Clock>();
    let choices = app.world().resource::<PendingChoices>().0.len();
    // The game stops in news only when an event asks a state to choose.
    assert!(
        clock.phase == Phase::Policy || (clock.phase == Phase::News && choices > 0),
        "{clock:?} with {choices} choices pending"
    );
    assert_eq!(clock.round, 1);
    let deck = app.world().resource::<EventDeck>();
    assert_eq!(
        deck.discard.len() + deck.removed.len(),
        common::content().events_per_round as usize,
        "the round's events were revealed"
    );
    // Every seat has a full hand and no orders yet.
    let hands: Vec<usize> = app
        .world_mut()
        .query::<&Hand>()
        .iter(app.world())
        .map(|h| h.0.len())
        .collect();
    assert_eq!(hands.len(), 5);
    assert!(
        hands
            .iter()
            .all(|&n| n >= common::content().hand_size as usize)
    );
}

#[test]
fn threats_spawn_by_quadrant() {
    let mut app = app(2);
    // A weak Taliban and outside powers drawn in: the proxy-war table.
    set_shared(&mut app, "taliban_strength", 1);
    set_shared(&mut app, "involvement", 9);
    assert_eq!(app.world().quadrant(), Quadrant::WeakProxy);
    app.world_mut()
        .run_system_once(|mut t: amu_darya::rules::Table| {
            amu_darya::rules::phases::spawn_threats(&mut t)
        })
        .expect("runs");
    let content = common::content();
    let expected: u32 = content
        .spawns
        .iter()
        .filter(|s| s.quadrant == Quadrant::WeakProxy)
        .map(|s| s.count)
        .sum();
    let index = app.world().resource::<TokenIndex>();
    let on_board: u32 = index.at.iter().flatten().sum();
    assert_eq!(on_board, expected);
    for (r, kinds) in index.at.iter().enumerate() {
        if kinds.iter().sum::<u32>() > 0 {
            assert_eq!(content.regions[r].kind, RegionKind::Afghan);
        }
    }
}

#[test]
fn sealed_borders_stop_crossings_and_open_ones_let_them_through() {
    let content = common::content();
    let badakhshan = RegionId(
        content
            .regions
            .iter()
            .position(|r| r.id == "af-badakhshan")
            .expect("region") as u16,
    );
    let militants = TokenKind(0);
    for (porosity, expect_crossed) in [(0, false), (5, true)] {
        let mut app = app(3);
        let borders: Vec<Entity> = app.world().resource::<BorderEntities>().0.clone();
        for e in borders {
            app.world_mut()
                .get_mut::<Border>(e)
                .expect("border")
                .porosity = porosity;
        }
        spawn(&mut app, militants, badakhshan, 8);
        for _ in 0..3 {
            app.world_mut()
                .run_system_once(|mut t: amu_darya::rules::Table| {
                    amu_darya::rules::phases::cross_borders(&mut t)
                })
                .expect("runs");
        }
        let left = app
            .world()
            .resource::<TokenIndex>()
            .count(badakhshan, militants);
        assert_eq!(
            left < 8,
            expect_crossed,
            "porosity {porosity}: {left} of 8 still in Badakhshan"
        );
    }
}

#[test]
fn threats_at_home_cost_security() {
    let content = common::content();
    let mut app = app(4);
    let tjk = SeatId(content.seat("TJK").expect("TJK").0);
    let home = content.states[tjk.index()].region;
    let security = content.track("security").expect("track");
    let seat = app.world().resource::<SeatEntities>().0[tjk.index()];
    let before = app.world().get::<StateTracks>(seat).expect("tracks").0[security.index()];
    spawn(&mut app, TokenKind(0), home, 2);
    app.world_mut()
        .run_system_once(|mut t: amu_darya::rules::Table| {
            amu_darya::rules::phases::pay_upkeep(&mut t)
        })
        .expect("runs");
    let after = app.world().get::<StateTracks>(seat).expect("tracks").0[security.index()];
    assert_eq!(after, (before - 2).max(0));
}

#[test]
fn stability_at_its_minimum_collapses_the_region() {
    let mut app = app(5);
    set_shared(&mut app, "stability", 0);
    app.world_mut()
        .run_system_once(|mut t: amu_darya::rules::Table| {
            amu_darya::rules::phases::end_round(&mut t)
        })
        .expect("runs");
    let over = app
        .world()
        .resource::<GameOver>()
        .0
        .clone()
        .expect("the game ended");
    assert!(over.collapse);
    assert_eq!(over.winner, None);
}

#[test]
fn the_quadrant_follows_strength_course_and_involvement() {
    let mut app = app(6);
    for (strength, course, involvement, q) in [
        (8, 2, 0, Quadrant::StrongModerate),
        (8, 9, 0, Quadrant::StrongRadical),
        (2, 5, 1, Quadrant::WeakContained),
        (2, 5, 9, Quadrant::WeakProxy),
    ] {
        set_shared(&mut app, "taliban_strength", strength);
        set_shared(&mut app, "taliban_course", course);
        set_shared(&mut app, "involvement", involvement);
        assert_eq!(app.world().quadrant(), q);
    }
}

use bevy::ecs::system::RunSystemOnce;
