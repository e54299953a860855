//! The rules: one schedule of systems per phase, the effect interpreter, and [`Game`], which
//! owns a World, runs the phases in order and applies [`Command`]s.

pub mod effects;
pub mod phases;
pub mod rng;

use std::sync::Arc;

use bevy::ecs::schedule::{ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;

use crate::content::{ActionId, CardId, CardKind, Content, Quadrant, RegionId, SeatId, TokenKind};
use crate::game::Command;
use crate::game::*;
use crate::hash::Fnv64;

pub use effects::{Ctx, LastingIndex, quadrant, track_value};

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
    let mut news = single(NewsPhase);
    news.add_systems((phases::open_round, phases::draw_events).chain());
    let mut policy = single(PolicyPhase);
    policy.add_systems(phases::open_policy);
    let mut resolution = single(ResolutionPhase);
    resolution.add_systems(
        (
            phases::reveal_postures,
            phases::resolve_orders,
            phases::react_powers,
        )
            .chain(),
    );
    let mut afghanistan = single(AfghanistanPhase);
    afghanistan.add_systems(
        (
            phases::move_taliban,
            phases::note_quadrant,
            phases::spawn_threats,
            phases::cross_borders,
        )
            .chain(),
    );
    let mut review = single(ReviewPhase);
    review.add_systems(
        (
            phases::pay_upkeep,
            phases::fade_threats,
            phases::apply_postures,
            phases::tick_lasting,
            phases::hold_summits,
            phases::reset_round_tracks,
            phases::record_history,
            phases::end_round,
        )
            .chain(),
    );
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
    clear(world);
    let mut rng = rng::seeded(seed);
    let n_tracks = content.tracks.len();
    let regions: Vec<Entity> = content
        .regions
        .iter()
        .enumerate()
        .map(|(i, _)| world.spawn(Region(RegionId(i as u16))).id())
        .collect();
    let _ = regions;
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
            let mut tracks = vec![0; n_tracks];
            for t in content.state_tracks() {
                tracks[t.index()] = s.start[t.index()];
            }
            world
                .spawn((
                    Seat(SeatId(i as u8)),
                    StateTracks(tracks),
                    Posture(s.posture),
                    Memberships(s.memberships.clone()),
                    Hand::default(),
                    Orders::default(),
                    ActionsThisRound(vec![0; content.actions.len()]),
                ))
                .id()
        })
        .collect();
    // Decks: first-era events in the pile, later eras waiting; policies shuffled.
    let mut deck = EventDeck::default();
    let mut policy = PolicyDeck::default();
    for (i, c) in content.cards.iter().enumerate() {
        let id = CardId(i as u16);
        match c.kind {
            CardKind::Event => {
                let era = c.era.map_or(0, |e| e.index());
                if content.eras[era].from_round <= 1 {
                    deck.pile.push(id);
                } else {
                    deck.later.push(id);
                }
            }
            CardKind::Policy => policy.pile.push(id),
        }
    }
    deck.opening = content.opening.clone();
    for c in &deck.opening {
        // An opening card from a later era comes up first all the same.
        deck.later.retain(|x| x != c);
        if !deck.pile.contains(c) {
            deck.pile.push(*c);
        }
    }
    rng::shuffle(&mut rng, &mut policy.pile);
    let shared = content.shared_start.clone();
    let q = effects::quadrant_of(&content, &shared);
    world.insert_resource(SharedTracks(shared));
    world.insert_resource(deck);
    world.insert_resource(policy);
    world.insert_resource(SeatEntities(seats));
    world.insert_resource(BorderEntities(borders));
    world.insert_resource(TokenIndex {
        at: vec![vec![Vec::new(); content.tokens.len()]; content.regions.len()],
        supply: content.tokens.iter().map(|t| t.supply).collect(),
    });
    world.insert_resource(LastingIndex::default());
    world.insert_resource(PendingChoices::default());
    world.insert_resource(GameOver::default());
    world.insert_resource(Serials::default());
    world.insert_resource(History::default());
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
    world.insert_resource(GameRng { seed, rng });
    world.insert_resource(ContentRes(content.clone()));
    for s in 0..content.seats() {
        effects::draw_policy(world, SeatId(s as u8), content.hand_size);
    }
}

/// Remove every game entity from a World (seats, regions, borders, tokens, powers,
/// lasting effects).
fn clear(world: &mut World) {
    let mut doomed: Vec<Entity> = Vec::new();
    doomed.extend(world.query_filtered::<Entity, With<Seat>>().iter(world));
    doomed.extend(world.query_filtered::<Entity, With<Region>>().iter(world));
    doomed.extend(world.query_filtered::<Entity, With<Border>>().iter(world));
    doomed.extend(world.query_filtered::<Entity, With<Token>>().iter(world));
    doomed.extend(world.query_filtered::<Entity, With<Power>>().iter(world));
    doomed.extend(world.query_filtered::<Entity, With<Taliban>>().iter(world));
    doomed.extend(world.query_filtered::<Entity, With<Lasting>>().iter(world));
    for e in doomed {
        world.despawn(e);
    }
}

/// Run phases until the game needs a command (a choice, or policy orders) or ends.
pub fn advance(world: &mut World) {
    // A round has five phases; the bound only guards against a rules bug looping.
    for _ in 0..16 {
        if !step(world) {
            return;
        }
    }
}

/// Take one step: run the current phase's systems, or move on to the next phase. Returns
/// false when the game waits for a command or has ended.
pub fn step(world: &mut World) -> bool {
    if world.resource::<GameOver>().0.is_some() {
        world.resource_mut::<Clock>().phase = Phase::Over;
        return false;
    }
    if !world.resource::<PendingChoices>().0.is_empty() {
        return false;
    }
    let clock = *world.resource::<Clock>();
    if !clock.phase_done {
        match clock.phase {
            Phase::News => world.run_schedule(NewsPhase),
            Phase::Policy => world.run_schedule(PolicyPhase),
            Phase::Resolution => world.run_schedule(ResolutionPhase),
            Phase::Afghanistan => world.run_schedule(AfghanistanPhase),
            Phase::Review => world.run_schedule(ReviewPhase),
            Phase::Over => return false,
        }
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

/// National-interest scores: each seat's tracks weighted by its agenda, as a percentage
/// of the best that agenda could score (every positively weighted track at its maximum,
/// every negatively weighted one at its minimum), so states with different agendas compare
/// fairly. Integer arithmetic, rounded down.
pub fn scores(world: &World) -> Vec<i64> {
    let content = &world.resource::<ContentRes>().0;
    let seats = &world.resource::<SeatEntities>().0;
    seats
        .iter()
        .enumerate()
        .map(|(s, e)| {
            let tracks = world
                .get::<StateTracks>(*e)
                .map(|t| t.0.as_slice())
                .unwrap_or(&[]);
            agenda_score(content, SeatId(s as u8), tracks)
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Awaiting {
    /// A state must answer a choice.
    Choice(SeatId),
    /// These states have not confirmed their policy orders.
    Policy(Vec<SeatId>),
    /// The game has ended.
    Over,
}

/// Action points a seat has left this policy phase, and the posture its costs use.
pub fn action_points_left(world: &World, seat: SeatId) -> (u32, crate::content::PostureId) {
    let content = &world.resource::<ContentRes>().0;
    let e = world.resource::<SeatEntities>().0[seat.index()];
    let orders = world
        .get::<Orders>(e)
        .map(|o| o.list.as_slice())
        .unwrap_or(&[]);
    let mut posture = world
        .get::<Posture>(e)
        .map_or(crate::content::PostureId(0), |p| p.0);
    let mut spent = 0u32;
    for o in orders {
        match o {
            Order::Posture(p) => posture = *p,
            Order::Action(a) => spent += content.actions[a.index()].cost_in[posture.index()],
            Order::Card(c) => spent += content.cards[c.index()].cost,
        }
    }
    (content.action_points.saturating_sub(spent), posture)
}

/// A game: a World holding one game, its schedules, and the command log.
pub struct Game {
    pub world: World,
    /// The content, also in the World as [`ContentRes`]; kept here for quick access.
    content: Arc<Content>,
    /// Seat entities (also [`SeatEntities`]), kept here for quick access.
    seats: Vec<Entity>,
    /// Every accepted command, with the bot's reason when a bot gave it.
    pub commands: Vec<(Command, Option<Reason>)>,
    /// Whether accepted commands are kept in `commands` (off for batch simulation, where
    /// nothing is saved).
    pub recording: bool,
    /// When true (the default), phases run on by themselves after each command; when
    /// false, the caller moves the game on with [`Game::step`] (an interface that shows
    /// each phase).
    pub auto_advance: bool,
}

impl Game {
    /// A new game of `content` with `seed`, advanced to its first decision.
    pub fn new(content: Arc<Content>, seed: u64) -> Self {
        let mut game = Self::new_stepped(content, seed);
        game.auto_advance = true;
        advance(&mut game.world);
        game
    }

    /// A new game that does not move by itself: the caller calls [`Game::step`].
    pub fn new_stepped(content: Arc<Content>, seed: u64) -> Self {
        let mut world = World::new();
        add_schedules(&mut world);
        setup(&mut world, content.clone(), seed);
        let seats = world.resource::<SeatEntities>().0.clone();
        Game {
            world,
            content,
            seats,
            commands: Vec::new(),
            recording: true,
            auto_advance: false,
        }
    }

    /// Start again with another seed, keeping the built schedules (fast batch play).
    pub fn reset(&mut self, seed: u64) {
        let content = self.content().clone();
        setup(&mut self.world, content, seed);
        self.seats = self.world.resource::<SeatEntities>().0.clone();
        self.commands.clear();
        advance(&mut self.world);
    }

    /// Turn logging on or off (off for batch simulation).
    pub fn set_logging(&mut self, on: bool) {
        self.world.resource_mut::<GameLog>().enabled = on;
    }

    pub fn content(&self) -> &Arc<Content> {
        &self.content
    }

    pub fn seed(&self) -> u64 {
        self.world.resource::<GameRng>().seed
    }

    pub fn clock(&self) -> Clock {
        *self.world.resource::<Clock>()
    }

    pub fn outcome(&self) -> Option<&Outcome> {
        self.world.resource::<GameOver>().0.as_ref()
    }

    pub fn log(&self) -> &[(u32, Phase, LogEntry)] {
        &self.world.resource::<GameLog>().entries
    }

    pub fn quadrant(&self) -> Quadrant {
        effects::quadrant(&self.world)
    }

    /// A shared track's value by id.
    pub fn shared(&self, track: &str) -> Option<i32> {
        let t = self.content().track(track)?;
        Some(self.world.resource::<SharedTracks>().0[t.index()])
    }

    /// A seat's tracks, by track index.
    pub fn seat_tracks(&self, seat: SeatId) -> &[i32] {
        let e = self.seats[seat.index()];
        self.world
            .get::<StateTracks>(e)
            .map(|t| t.0.as_slice())
            .unwrap_or(&[])
    }

    /// A seat's hand.
    pub fn hand(&self, seat: SeatId) -> &[CardId] {
        let e = self.seats[seat.index()];
        self.world
            .get::<Hand>(e)
            .map(|h| h.0.as_slice())
            .unwrap_or(&[])
    }

    /// A seat's posture.
    pub fn posture(&self, seat: SeatId) -> crate::content::PostureId {
        let e = self.seats[seat.index()];
        self.world
            .get::<Posture>(e)
            .map_or(crate::content::PostureId(0), |p| p.0)
    }

    /// How many times a seat took each action this round.
    pub fn actions_taken(&self, seat: SeatId) -> &[u8] {
        self.world
            .get::<ActionsThisRound>(self.seats[seat.index()])
            .map_or(&[][..], |t| t.0.as_slice())
    }

    /// A seat's orders so far this policy phase.
    pub fn orders(&self, seat: SeatId) -> &Orders {
        let e = self.seats[seat.index()];
        self.world.get::<Orders>(e).expect("every seat has orders")
    }

    /// Tokens of a kind in a region.
    pub fn tokens(&self, region: RegionId, kind: TokenKind) -> u32 {
        self.world.resource::<TokenIndex>().count(region, kind)
    }

    /// The front pending choice, if any.
    pub fn pending_choice(&self) -> Option<&PendingChoice> {
        self.world.resource::<PendingChoices>().0.front()
    }

    /// What the game waits for.
    pub fn awaiting(&self) -> Awaiting {
        if self.outcome().is_some() {
            return Awaiting::Over;
        }
        if let Some(c) = self.pending_choice() {
            return Awaiting::Choice(c.seat);
        }
        let seats = &self.world.resource::<SeatEntities>().0;
        Awaiting::Policy(
            seats
                .iter()
                .enumerate()
                .filter(|(_, e)| self.world.get::<Orders>(**e).is_some_and(|o| !o.confirmed))
                .map(|(i, _)| SeatId(i as u8))
                .collect(),
        )
    }

    /// Apply a command from a player; the game is unchanged when it is refused.
    pub fn apply(&mut self, cmd: &Command) -> Result<(), CommandError> {
        self.apply_with_reason(cmd, None)
    }

    /// Apply a command, keeping a bot's reason for it in the log.
    pub fn apply_with_reason(
        &mut self,
        cmd: &Command,
        reason: Option<Reason>,
    ) -> Result<(), CommandError> {
        let seat = self
            .content()
            .seat(cmd.state())
            .ok_or_else(|| CommandError::UnknownState(cmd.state().to_string()))?;
        self.check_and_apply(seat, cmd)?;
        if let Some(r) = &reason {
            effects::log(
                &mut self.world,
                LogEntry::Bot {
                    seat,
                    reason: r.clone(),
                },
            );
        }
        if self.recording {
            self.commands.push((cmd.clone(), reason));
        }
        // Only confirming orders or answering a choice can let the game move on.
        if self.auto_advance && matches!(cmd, Command::Confirm { .. } | Command::Choose { .. }) {
            advance(&mut self.world);
        }
        Ok(())
    }

    /// Whether the game is at a decision point (or over): nothing moves until a command
    /// comes. Saves are made here, where a replay with automatic advance stops too.
    pub fn waiting(&self) -> bool {
        let clock = self.clock();
        self.outcome().is_some()
            || !self.world.resource::<PendingChoices>().0.is_empty()
            || (clock.phase == Phase::Policy && clock.phase_done && !all_confirmed(&self.world))
    }

    /// Move the game on by one step (see [`step`]); false when it waits or has ended.
    pub fn step(&mut self) -> bool {
        step(&mut self.world)
    }

    fn check_and_apply(&mut self, seat: SeatId, cmd: &Command) -> Result<(), CommandError> {
        if self.outcome().is_some() {
            return Err(CommandError::GameOver);
        }
        let content = self.content().clone();
        if let Some(choice) = self.pending_choice() {
            let Command::Choose { option, .. } = cmd else {
                return Err(CommandError::ChoicePending);
            };
            if choice.seat != seat {
                return Err(CommandError::NotYourChoice);
            }
            if usize::from(*option) >= choice.options.len() {
                return Err(CommandError::NoSuchOption(*option));
            }
            let choice = self
                .world
                .resource_mut::<PendingChoices>()
                .0
                .pop_front()
                .expect("checked above");
            effects::log(
                &mut self.world,
                LogEntry::ChoiceMade {
                    seat,
                    card: choice.card,
                    option: *option,
                },
            );
            let ctx = Ctx {
                current: Some(seat),
                card: choice.card,
                depth: 1,
            };
            effects::run(
                &mut self.world,
                &choice.options[usize::from(*option)].effects,
                ctx,
            );
            return Ok(());
        }
        if let Command::Choose { .. } = cmd {
            return Err(CommandError::NotYourChoice);
        }
        let clock = self.clock();
        if clock.phase != Phase::Policy || !clock.phase_done {
            return Err(CommandError::NotPolicyPhase);
        }
        let e = self.seats[seat.index()];
        if self.orders(seat).confirmed {
            return Err(CommandError::AlreadyConfirmed);
        }
        let ctx = Ctx::seat(seat);
        match cmd {
            Command::SetPosture { posture, .. } => {
                let p = content
                    .posture(posture)
                    .ok_or_else(|| CommandError::UnknownPosture(posture.clone()))?;
                if self
                    .orders(seat)
                    .list
                    .iter()
                    .any(|o| !matches!(o, Order::Posture(_)))
                {
                    return Err(CommandError::PostureAfterOrders);
                }
                self.world
                    .get_mut::<Orders>(e)
                    .expect("seat")
                    .list
                    .push(Order::Posture(p));
            }
            Command::Act { action, .. } => {
                let a = content
                    .action(action)
                    .ok_or_else(|| CommandError::UnknownAction(action.clone()))?;
                self.check_action(seat, a)?;
                let mut taken = self.world.get_mut::<ActionsThisRound>(e).expect("seat");
                taken.0[a.index()] += 1;
                self.world
                    .get_mut::<Orders>(e)
                    .expect("seat")
                    .list
                    .push(Order::Action(a));
            }
            Command::Play { card, .. } => {
                let c = content
                    .card(card)
                    .ok_or_else(|| CommandError::UnknownCard(card.clone()))?;
                if !self.hand(seat).contains(&c) {
                    return Err(CommandError::NotInHand(card.clone()));
                }
                let def = &content.cards[c.index()];
                if !effects::eval(&self.world, &def.when, ctx) {
                    return Err(CommandError::NotAllowed(format!(
                        "card `{card}` cannot be played now"
                    )));
                }
                let (left, _) = action_points_left(&self.world, seat);
                if def.cost > left {
                    return Err(CommandError::NotEnoughActionPoints {
                        needed: def.cost,
                        left,
                    });
                }
                let mut hand = self.world.get_mut::<Hand>(e).expect("seat");
                if let Some(i) = hand.0.iter().position(|x| *x == c) {
                    hand.0.remove(i);
                }
                self.world
                    .get_mut::<Orders>(e)
                    .expect("seat")
                    .list
                    .push(Order::Card(c));
            }
            Command::Undo { .. } => {
                let last = self
                    .world
                    .get_mut::<Orders>(e)
                    .expect("seat")
                    .list
                    .pop()
                    .ok_or(CommandError::NothingToUndo)?;
                match last {
                    Order::Card(c) => self.world.get_mut::<Hand>(e).expect("seat").0.push(c),
                    Order::Action(a) => {
                        let mut taken = self.world.get_mut::<ActionsThisRound>(e).expect("seat");
                        taken.0[a.index()] = taken.0[a.index()].saturating_sub(1);
                    }
                    Order::Posture(_) => {}
                }
            }
            Command::Confirm { .. } => {
                self.world.get_mut::<Orders>(e).expect("seat").confirmed = true;
            }
            Command::Choose { .. } => unreachable!("handled above"),
        }
        Ok(())
    }

    /// Why a seat may not take an action now, if it may not.
    pub fn check_action(&self, seat: SeatId, a: ActionId) -> Result<(), CommandError> {
        let (left, posture) = action_points_left(&self.world, seat);
        match self.action_block(seat, a, left, posture) {
            None => Ok(()),
            Some(block) => {
                let content = self.content();
                let def = &content.actions[a.index()];
                Err(match block {
                    Block::OnlyFor => CommandError::NotAllowed(format!(
                        "only {} may take `{}`",
                        def.only
                            .iter()
                            .map(|s| content.states[s.index()].id.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                        def.id
                    )),
                    Block::PerRound => CommandError::NotAllowed(format!(
                        "`{}` can be taken {} time(s) a round",
                        def.id, def.per_round
                    )),
                    Block::Closed => CommandError::NotAllowed(format!(
                        "`{}` is not open to this state now",
                        def.id
                    )),
                    Block::Cost(needed) => CommandError::NotEnoughActionPoints { needed, left },
                })
            }
        }
    }

    /// What stops a seat taking an action, with `left` action points in `posture`; cheap
    /// enough for bots to ask about every action.
    pub fn action_block(
        &self,
        seat: SeatId,
        a: ActionId,
        left: u32,
        posture: crate::content::PostureId,
    ) -> Option<Block> {
        let taken = self
            .world
            .get::<ActionsThisRound>(self.seats[seat.index()])
            .map_or(&[][..], |t| t.0.as_slice());
        self.action_block_with(seat, a, left, posture, taken)
    }

    /// [`Game::action_block`] with the seat's actions taken this round already at hand.
    pub fn action_block_with(
        &self,
        seat: SeatId,
        a: ActionId,
        left: u32,
        posture: crate::content::PostureId,
        taken: &[u8],
    ) -> Option<Block> {
        let content = self.content();
        let def = &content.actions[a.index()];
        if !def.only.is_empty() && !def.only.contains(&seat) {
            return Some(Block::OnlyFor);
        }
        let taken = taken.get(a.index()).copied().unwrap_or(0);
        if u32::from(taken) >= def.per_round {
            return Some(Block::PerRound);
        }
        let cost = def.cost_in[posture.index()];
        if cost > left {
            return Some(Block::Cost(cost));
        }
        if !effects::eval(&self.world, &def.when, Ctx::seat(seat)) {
            return Some(Block::Closed);
        }
        None
    }

    /// Every command a state could give now that would be accepted.
    pub fn legal_commands(&self, seat: SeatId) -> Vec<Command> {
        let content = self.content();
        let state = content.states[seat.index()].id.clone();
        let mut out = Vec::new();
        match self.awaiting() {
            Awaiting::Over => {}
            Awaiting::Choice(s) => {
                if s == seat {
                    let n = self.pending_choice().map_or(0, |c| c.options.len());
                    for o in 0..n {
                        out.push(Command::Choose {
                            state: state.clone(),
                            option: o as u8,
                        });
                    }
                }
            }
            Awaiting::Policy(seats) => {
                if !seats.contains(&seat) {
                    return out;
                }
                let orders = &self.orders(seat).list;
                if orders.iter().all(|o| matches!(o, Order::Posture(_))) {
                    for p in &content.postures {
                        out.push(Command::SetPosture {
                            state: state.clone(),
                            posture: p.id.clone(),
                        });
                    }
                }
                let (left, posture) = action_points_left(&self.world, seat);
                for (i, a) in content.actions.iter().enumerate() {
                    if self
                        .action_block(seat, ActionId(i as u16), left, posture)
                        .is_none()
                    {
                        out.push(Command::Act {
                            state: state.clone(),
                            action: a.id.clone(),
                        });
                    }
                }
                for c in self.hand(seat) {
                    let def = &content.cards[c.index()];
                    if def.cost <= left && effects::eval(&self.world, &def.when, Ctx::seat(seat)) {
                        let cmd = Command::Play {
                            state: state.clone(),
                            card: def.id.clone(),
                        };
                        if !out.contains(&cmd) {
                            out.push(cmd);
                        }
                    }
                }
                if !orders.is_empty() {
                    out.push(Command::Undo {
                        state: state.clone(),
                    });
                }
                out.push(Command::Confirm { state });
            }
        }
        out
    }

    /// A hash of everything that decides the rest of the game: clock, tracks, postures,
    /// hands, orders, memberships, tokens, borders, decks, lasting effects, pending
    /// choices, outcome and the RNG's position. Entity ids are not part of it.
    pub fn state_hash(&self) -> u64 {
        state_hash(&self.world)
    }

    /// Total tokens on the board and in supply, by kind (conserved by the rules).
    pub fn token_totals(&self) -> Vec<u32> {
        let index = self.world.resource::<TokenIndex>();
        (0..index.supply.len())
            .map(|k| index.supply[k] + index.at.iter().map(|r| r[k].len() as u32).sum::<u32>())
            .collect()
    }

    /// Every card's whereabouts counted once: deck piles, hands and orders.
    pub fn card_total(&self) -> usize {
        let e = self.world.resource::<EventDeck>();
        let p = self.world.resource::<PolicyDeck>();
        let seats = &self.world.resource::<SeatEntities>().0;
        let mut n = e.pile.len() + e.discard.len() + e.removed.len() + e.later.len();
        n += p.pile.len() + p.discard.len();
        for s in seats {
            n += self.world.get::<Hand>(*s).map_or(0, |h| h.0.len());
            n += self.world.get::<Orders>(*s).map_or(0, |o| {
                o.list
                    .iter()
                    .filter(|x| matches!(x, Order::Card(_)))
                    .count()
            });
        }
        n
    }
}

/// What stops an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    /// Only some states may take it.
    OnlyFor,
    /// Taken as often as it may be this round.
    PerRound,
    /// Its condition does not hold.
    Closed,
    /// It costs this many action points, more than are left.
    Cost(u32),
}

/// The state hash of the game in a World (see [`Game::state_hash`]).
pub fn state_hash(world: &World) -> u64 {
    let mut h = Fnv64::new();
    let clock = world.resource::<Clock>();
    h.u64(u64::from(clock.round))
        .u64(clock.phase as u64)
        .u64(u64::from(clock.phase_done));
    for v in &world.resource::<SharedTracks>().0 {
        h.i64(i64::from(*v));
    }
    for e in &world.resource::<SeatEntities>().0 {
        if let Some(t) = world.get::<StateTracks>(*e) {
            t.0.iter().for_each(|v| {
                h.i64(i64::from(*v));
            });
        }
        if let Some(p) = world.get::<Posture>(*e) {
            h.u64(p.0.0 as u64);
        }
        if let Some(m) = world.get::<Memberships>(*e) {
            h.u64(m.0.len() as u64);
            m.0.iter().for_each(|o| {
                h.u64(o.0 as u64);
            });
        }
        if let Some(hand) = world.get::<Hand>(*e) {
            h.u64(hand.0.len() as u64);
            hand.0.iter().for_each(|c| {
                h.u64(c.0 as u64);
            });
        }
        if let Some(o) = world.get::<Orders>(*e) {
            h.u64(o.list.len() as u64).u64(u64::from(o.confirmed));
            for order in &o.list {
                let (k, v) = match order {
                    Order::Posture(p) => (0, p.0 as u64),
                    Order::Action(a) => (1, a.0 as u64),
                    Order::Card(c) => (2, c.0 as u64),
                };
                h.u64(k).u64(v);
            }
        }
    }
    let index = world.resource::<TokenIndex>();
    for region in &index.at {
        for kind in region {
            h.u64(kind.len() as u64);
        }
    }
    for s in &index.supply {
        h.u64(u64::from(*s));
    }
    for e in &world.resource::<BorderEntities>().0 {
        h.i64(
            world
                .get::<Border>(*e)
                .map_or(-1, |b| i64::from(b.porosity)),
        );
    }
    let deck = world.resource::<EventDeck>();
    for list in [
        &deck.pile,
        &deck.discard,
        &deck.removed,
        &deck.later,
        &deck.opening,
    ] {
        h.u64(list.len() as u64);
        list.iter().for_each(|c| {
            h.u64(c.0 as u64);
        });
    }
    let policy = world.resource::<PolicyDeck>();
    for list in [&policy.pile, &policy.discard] {
        h.u64(list.len() as u64);
        list.iter().for_each(|c| {
            h.u64(c.0 as u64);
        });
    }
    for (id, e) in &world.resource::<LastingIndex>().0 {
        let l = world.get::<Lasting>(*e);
        h.u64(id.0 as u64)
            .u64(l.map_or(0, |l| u64::from(l.rounds_left)))
            .u64(l.and_then(|l| l.owner).map_or(99, |s| s.0 as u64));
    }
    for c in &world.resource::<PendingChoices>().0 {
        h.u64(c.seat.0 as u64)
            .u64(c.options.len() as u64)
            .u64(c.card.map_or(u64::MAX, |c| c.0 as u64));
    }
    if let Some(o) = &world.resource::<GameOver>().0 {
        h.u64(u64::from(o.collapse));
        o.scores.iter().for_each(|s| {
            h.i64(*s);
        });
    }
    h.u64(world.resource::<GameRng>().rng.get_word_pos() as u64);
    h.finish()
}
