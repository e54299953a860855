//! The rules: one schedule of systems per phase, the effect interpreter, legality, the
//! per-seat view, and [`Game`], which owns a World, runs the phases in order and applies
//! [`Command`](crate::game::Command)s.

pub mod board;
pub mod deck;
pub mod effects;
pub mod facts;
mod game;
pub mod hash;
pub mod legal;
pub mod phases;
pub mod rng;
mod sample;
pub mod table;
pub mod view;

use std::sync::Arc;

use bevy::ecs::schedule::{ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::content::{CardKind, Content, RegionId, SeatId};
use crate::game::*;

pub use board::Board;
pub use effects::Ctx;
pub use facts::{Facts, eval, quadrant_of};
pub use game::{Applied, BotView, Game, JOURNAL_MAX, JournalError, JournalLine, journal_text};
pub use hash::state_hash;
pub use legal::{OrderOption, points_left};
pub use table::Table;
pub use view::{Seen, View, Viewer, view};

/// The news phase's schedule.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct NewsPhase;
/// The policy phase's schedule (opens the phase; orders then come as commands).
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct PolicyPhase;
/// The resolution phase's schedule.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResolutionPhase;
/// The Afghanistan phase's schedule.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct AfghanistanPhase;
/// The review phase's schedule.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReviewPhase;

/// Add the phase schedules, with their systems in order, to a World.
pub fn add_schedules(world: &mut World) {
    fn single(label: impl ScheduleLabel + Clone) -> Schedule {
        let mut s = Schedule::new(label);
        s.set_executor(SingleThreadedExecutor::new());
        s
    }
    // One system a phase, running the phase's steps in order on one fetch of the table
    // (a system each cost a fetch of every part of the game: ~12% of a batch's time).
    let mut news = single(NewsPhase);
    news.add_systems(|mut t: Table| {
        phases::open_round(&mut t);
        phases::draw_events(&mut t);
    });
    let mut policy = single(PolicyPhase);
    policy.add_systems(|mut t: Table| phases::open_policy(&mut t));
    let mut resolution = single(ResolutionPhase);
    resolution.add_systems(|mut t: Table| {
        phases::reveal_postures(&mut t);
        phases::resolve_orders(&mut t);
        phases::react_powers(&mut t);
    });
    let mut afghanistan = single(AfghanistanPhase);
    afghanistan.add_systems(|mut t: Table| {
        phases::move_taliban(&mut t);
        phases::note_quadrant(&mut t);
        phases::spawn_threats(&mut t);
        phases::cross_borders(&mut t);
    });
    let mut review = single(ReviewPhase);
    review.add_systems(|mut t: Table| {
        phases::pay_upkeep(&mut t);
        phases::fade_threats(&mut t);
        phases::apply_postures(&mut t);
        phases::tick_lasting(&mut t);
        phases::hold_summits(&mut t);
        phases::record_history(&mut t);
        phases::count_round(&mut t);
        phases::reset_round_tracks(&mut t);
        phases::end_round(&mut t);
    });
    for s in [news, policy, resolution, afghanistan, review] {
        world.add_schedule(s);
    }
}

/// The rules as a Bevy plugin: the phase schedules, and a system in `Update` that advances
/// a game set up in the App's World until it needs a decision.
pub struct RulesPlugin;

impl Plugin for RulesPlugin {
    fn build(&self, app: &mut App) {
        add_schedules(app.world_mut());
        app.add_systems(Update, advance_game);
    }
}

/// Advance the World's game, if one is set up, until it waits for a command.
pub fn advance_game(world: &mut World) {
    if world.contains_resource::<Clock>() {
        advance(world);
    }
}

/// Put a new game into a World: seats, regions, borders, powers, tokens' supply, decks,
/// hands; the clock at round 1, news phase. Removes any game already there.
pub fn setup(world: &mut World, content: Arc<Content>, seed: u64) {
    let mut state = bevy::ecs::system::SystemState::<Table>::new(world);
    setup_with(world, content, seed, &mut state);
}

/// [`setup`] with the table's system state already made (a batch resets one game
/// thousands of times).
pub fn setup_with(
    world: &mut World,
    content: Arc<Content>,
    seed: u64,
    state: &mut bevy::ecs::system::SystemState<Table<'static, 'static>>,
) {
    let n_tracks = content.tracks.len();
    let start_tracks = |s: &crate::content::StateDef| {
        let mut tracks = vec![0; n_tracks];
        for t in content.state_tracks() {
            tracks[t.index()] = s.start[t.index()];
        }
        tracks
    };
    // A game of the same content already here: its entities are reset in place (a batch
    // plays thousands of games in one World; spawning them anew cost ~5% of its time).
    let same = world
        .get_resource::<ContentRes>()
        .is_some_and(|c| Arc::ptr_eq(&c.0, &content));
    let (seats, borders) = if same {
        let seats = world.resource::<SeatEntities>().0.clone();
        let borders = world.resource::<BorderEntities>().0.clone();
        for (i, e) in seats.iter().enumerate() {
            let def = &content.states[i];
            let mut e = world.entity_mut(*e);
            if let Some(mut t) = e.get_mut::<StateTracks>() {
                t.0 = start_tracks(def);
            }
            if let Some(mut p) = e.get_mut::<Posture>() {
                p.0 = def.posture;
            }
            if let Some(mut m) = e.get_mut::<Memberships>() {
                m.0.clone_from(&def.memberships);
            }
            if let Some(mut h) = e.get_mut::<Hand>() {
                h.0.clear();
            }
            if let Some(mut o) = e.get_mut::<Orders>() {
                o.list.clear();
                o.confirmed = false;
            }
            if let Some(mut a) = e.get_mut::<ActionsThisRound>() {
                a.0.iter_mut().for_each(|n| *n = 0);
            }
        }
        for (i, e) in borders.iter().enumerate() {
            if let Some(mut b) = world.entity_mut(*e).get_mut::<Border>() {
                b.porosity = content.borders[i].porosity;
            }
        }
        (seats, borders)
    } else {
        clear(world);
        for i in 0..content.regions.len() {
            world.spawn(Region(RegionId(i as u16)));
        }
        let borders = content
            .borders
            .iter()
            .enumerate()
            .map(|(i, b)| {
                world
                    .spawn(Border {
                        id: crate::content::BorderId(i as u16),
                        porosity: b.porosity,
                    })
                    .id()
            })
            .collect();
        for i in 0..content.powers.len() {
            world.spawn(Power(crate::content::PowerId(i as u8)));
        }
        world.spawn(Taliban);
        let seats: Vec<Entity> = content
            .states
            .iter()
            .enumerate()
            .map(|(i, s)| {
                world
                    .spawn((
                        Seat(SeatId(i as u8)),
                        StateTracks(start_tracks(s)),
                        Posture(s.posture),
                        Memberships(s.memberships.clone()),
                        Hand::default(),
                        Orders::default(),
                        ActionsThisRound(vec![0; content.actions.len()]),
                    ))
                    .id()
            })
            .collect();
        (seats, borders)
    };
    // Decks: first-era events in the pile (each at its place in the seed's order), later
    // eras waiting; policies shuffled.
    let mut events = EventDeck {
        cycles: vec![0; content.cards.len()],
        ..EventDeck::default()
    };
    let mut policy = PolicyDeck::default();
    let mut first = Vec::new();
    for (i, c) in content.cards.iter().enumerate() {
        let id = crate::content::CardId(i as u16);
        match c.kind {
            CardKind::Event => {
                let era = c.era.map_or(0, |e| e.index());
                if content.eras[era].from_round <= 1 {
                    first.push(id);
                } else {
                    events.later.push(id);
                }
            }
            CardKind::Policy => policy.pile.push(id),
        }
    }
    events.opening = content.opening.clone();
    for c in &events.opening {
        // An opening card from a later era comes up first all the same.
        events.later.retain(|x| x != c);
        if !first.contains(c) {
            first.push(*c);
        }
    }
    deck::join_pile(&content, seed, &mut events, &first);
    deck::shuffle_policies(seed, 0, &mut policy.pile);
    let shared = content.shared_start.clone();
    let q = quadrant_of(&content, &shared);
    world.insert_resource(SharedTracks(shared));
    world.insert_resource(events);
    world.insert_resource(policy);
    world.insert_resource(SeatEntities(seats));
    world.insert_resource(BorderEntities(borders));
    world.insert_resource(TokenIndex {
        at: vec![vec![0; content.tokens.len()]; content.regions.len()],
        supply: content.tokens.iter().map(|t| t.supply).collect(),
    });
    world.insert_resource(LastingIndex::default());
    world.insert_resource(PendingChoices::default());
    world.insert_resource(GameOver::default());
    world.insert_resource(Serials::default());
    world.insert_resource(History::default());
    world.insert_resource(Revealed::default());
    world.insert_resource(PlayCounts {
        orders: vec![0; content.actions.len() + content.cards.len()],
        ordered_in: vec![0; content.actions.len()],
        ..Default::default()
    });
    world.insert_resource(LastQuadrant(q));
    world.insert_resource(Clock {
        round: 1,
        phase: Phase::News,
        phase_done: false,
    });
    if !world.contains_resource::<GameLog>() {
        world.insert_resource(GameLog {
            enabled: true,
            entries: Vec::new(),
        });
    } else {
        world.resource_mut::<GameLog>().entries.clear();
    }
    world.insert_resource(GameRng {
        seed,
        board: deck::board_stream(seed, 1),
        policy_shuffles: 0,
    });
    world.insert_resource(ContentRes(content.clone()));
    let mut t = state
        .get_mut(world)
        .expect("every part of the table was just put in");
    for s in 0..content.seats() {
        t.draw_policy(SeatId(s as u8), content.hand_size);
    }
}

/// Remove every game entity from a World (seats, regions, borders, powers, the Taliban).
fn clear(world: &mut World) {
    let mut doomed: Vec<Entity> = Vec::new();
    doomed.extend(world.query_filtered::<Entity, With<Seat>>().iter(world));
    doomed.extend(world.query_filtered::<Entity, With<Region>>().iter(world));
    doomed.extend(world.query_filtered::<Entity, With<Border>>().iter(world));
    doomed.extend(world.query_filtered::<Entity, With<Power>>().iter(world));
    doomed.extend(world.query_filtered::<Entity, With<Taliban>>().iter(world));
    for e in doomed {
        world.despawn(e);
    }
    // A bare World (no App to do it each frame) keeps a record of every removed
    // component until told to forget: without this, a batch grew ~1.6 KB a game.
    world.clear_trackers();
}

/// Run phases until the game needs a command (a choice, or policy orders) or ends.
pub fn advance(world: &mut World) {
    advance_with(world, &mut run_phase_schedule);
}

/// [`advance`], running each phase's schedule with `run` (a [`Game`] keeps its schedules
/// at hand rather than look them up in the World each phase).
pub fn advance_with(world: &mut World, run: &mut dyn FnMut(&mut World, Phase)) {
    // A round has five phases; the bound only guards against a rules bug looping.
    for _ in 0..16 {
        if !step_with(world, run) {
            return;
        }
    }
}

/// Run a phase's schedule, found in the World by its label.
fn run_phase_schedule(world: &mut World, phase: Phase) {
    match phase {
        Phase::News => world.run_schedule(NewsPhase),
        Phase::Policy => world.run_schedule(PolicyPhase),
        Phase::Resolution => world.run_schedule(ResolutionPhase),
        Phase::Afghanistan => world.run_schedule(AfghanistanPhase),
        Phase::Review => world.run_schedule(ReviewPhase),
        Phase::Over => {}
    }
}

/// The phases whose schedules run, in order (a [`Game`] keeps them in this order).
pub const PHASES: [Phase; 5] = [
    Phase::News,
    Phase::Policy,
    Phase::Resolution,
    Phase::Afghanistan,
    Phase::Review,
];

/// Take the phase schedules out of a World, in the order of [`PHASES`].
pub fn take_schedules(world: &mut World) -> Option<Vec<Schedule>> {
    let mut schedules = world.resource_mut::<Schedules>();
    Some(vec![
        schedules.remove(NewsPhase)?,
        schedules.remove(PolicyPhase)?,
        schedules.remove(ResolutionPhase)?,
        schedules.remove(AfghanistanPhase)?,
        schedules.remove(ReviewPhase)?,
    ])
}

/// Take one step: run the current phase's systems, or move on to the next phase. Returns
/// false when the game waits for a command or has ended.
pub fn step(world: &mut World) -> bool {
    step_with(world, &mut run_phase_schedule)
}

/// [`step`], running the phase's schedule with `run`.
pub fn step_with(world: &mut World, run: &mut dyn FnMut(&mut World, Phase)) -> bool {
    if world.resource::<GameOver>().0.is_some() {
        world.resource_mut::<Clock>().phase = Phase::Over;
        return false;
    }
    if !world.resource::<PendingChoices>().0.is_empty() {
        return false;
    }
    let clock = *world.resource::<Clock>();
    if !clock.phase_done {
        if clock.phase == Phase::Over {
            return false;
        }
        run(world, clock.phase);
        world.resource_mut::<Clock>().phase_done = true;
        return true;
    }
    let next = match clock.phase {
        Phase::News => Phase::Policy,
        Phase::Policy => {
            if !all_confirmed(world) {
                return false;
            }
            Phase::Resolution
        }
        Phase::Resolution => Phase::Afghanistan,
        Phase::Afghanistan => Phase::Review,
        Phase::Review => Phase::News,
        Phase::Over => return false,
    };
    let mut c = world.resource_mut::<Clock>();
    if next == Phase::News {
        c.round += 1;
    }
    c.phase = next;
    c.phase_done = false;
    true
}

fn all_confirmed(world: &World) -> bool {
    let seats = &world.resource::<SeatEntities>().0;
    seats
        .iter()
        .all(|e| world.get::<Orders>(*e).is_some_and(|o| o.confirmed))
}

/// Whether the game in a World is at a decision point (or over): nothing moves until a
/// command comes.
pub fn waiting(world: &World) -> bool {
    let clock = world.resource::<Clock>();
    world.resource::<GameOver>().0.is_some()
        || !world.resource::<PendingChoices>().0.is_empty()
        || (clock.phase == Phase::Policy && clock.phase_done && !all_confirmed(world))
}

/// National-interest scores: each seat's tracks weighted by its agenda, as a percentage
/// of the best that agenda could score (every positively weighted track at its maximum,
/// every negatively weighted one at its minimum), so states with different agendas compare
/// fairly. Integer arithmetic, rounded down.
pub fn scores(world: &World) -> Vec<i64> {
    let content = world.content();
    (0..content.seats())
        .map(|s| {
            let seat = SeatId(s as u8);
            agenda_score(content, seat, world.tracks_of(seat))
        })
        .collect()
}

/// A seat's national-interest score (percent of its best) for given track values.
pub fn agenda_score(content: &Content, seat: SeatId, tracks: &[i32]) -> i64 {
    let agenda = &content.states[seat.index()].agenda;
    let mut got = 0i64;
    let mut best = 0i64;
    for ((w, v), def) in agenda.iter().zip(tracks).zip(&content.tracks) {
        let w = i64::from(*w);
        got += w * i64::from(*v);
        best += if w > 0 {
            w * i64::from(def.max)
        } else {
            w * i64::from(def.min)
        };
    }
    if best <= 0 { 0 } else { got * 100 / best }
}

/// What the game waits for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Awaiting {
    /// A state must answer a choice.
    Choice(SeatId),
    /// These states have not confirmed their policy orders.
    Policy(Vec<SeatId>),
    /// The game has ended.
    Over,
}

/// What the game waits for.
pub fn awaiting<B: Board + ?Sized>(b: &B) -> Awaiting {
    let mut a = Awaiting::Over;
    awaiting_into(b, &mut a);
    a
}

/// [`awaiting`] into a value already made (its list's room reused).
pub fn awaiting_into<B: Board + ?Sized>(b: &B, out: &mut Awaiting) {
    if b.outcome().is_some() {
        *out = Awaiting::Over;
        return;
    }
    if let Some(c) = b.pending().front() {
        *out = Awaiting::Choice(c.seat);
        return;
    }
    let seats = (0..b.n_seats())
        .map(|i| SeatId(i as u8))
        .filter(|s| b.orders(*s).is_some_and(|o| !o.confirmed));
    match out {
        Awaiting::Policy(list) => {
            list.clear();
            list.extend(seats);
        }
        _ => *out = Awaiting::Policy(seats.collect()),
    }
}
