//! [`Game`]: a World holding one game, its phase schedules and the commands accepted so
//! far. The World can be read by anyone; it changes only by [`Game::apply`] (a command)
//! and [`Game::step`] (the phases moving on).

use std::sync::Arc;

use bevy::prelude::*;

use crate::content::{CardId, Content, PostureId, Quadrant, RegionId, SeatId, TokenKind};
use crate::game::Command;
use crate::game::*;

use super::facts::Facts;
use super::table::Table;
use super::view::{View, Viewer};
use super::{Awaiting, add_schedules, legal, setup_with};
use bevy::ecs::system::SystemState;

/// A game: a World holding one game, its schedules, and the command log.
pub struct Game {
    pub(super) world: World,
    /// Where the game's parts are in the World, found once, for commands to change them.
    pub(super) table: SystemState<Table<'static, 'static>>,
    /// The phase schedules, in the order of [`super::PHASES`], kept at hand (looking one
    /// up in the World and putting it back each phase cost a batch time).
    phases: Vec<Schedule>,
    /// Every accepted command, with the bot's reason when a bot gave it.
    pub(super) commands: Vec<Logged>,
    /// The groups' decision journal, each line placed before the command it was written
    /// ahead of (kept while commands are).
    journal: Vec<JournalLine>,
    /// Counts what can change a seat's view besides its own and the others' orders: a new
    /// game or sample, a phase run, a choice answered. A bot's view filled at the same
    /// count needs only its own part refilled.
    pub(super) changes: u64,
    /// Whether accepted commands are kept (off for batch simulation and look-ahead, where
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
        game.advance();
        game
    }

    /// A new game that does not move by itself: the caller calls [`Game::step`].
    pub fn new_stepped(content: Arc<Content>, seed: u64) -> Self {
        let mut world = World::new();
        add_schedules(&mut world);
        let phases =
            super::take_schedules(&mut world).expect("the phase schedules were just added");
        let mut table = SystemState::new(&mut world);
        setup_with(&mut world, content, seed, &mut table);
        Game {
            world,
            table,
            phases,
            commands: Vec::new(),
            journal: Vec::new(),
            changes: 0,
            recording: true,
            auto_advance: false,
        }
    }

    /// Start again with another seed, keeping the built schedules (fast batch play).
    pub fn reset(&mut self, seed: u64) {
        let content = self.content().clone();
        setup_with(&mut self.world, content, seed, &mut self.table);
        self.commands.clear();
        self.journal.clear();
        self.changes += 1;
        self.advance();
    }

    /// Run phases until the game needs a command or ends (see [`super::advance`]).
    fn advance(&mut self) {
        let (phases, changes) = (&mut self.phases, &mut self.changes);
        super::advance_with(&mut self.world, &mut |w, p| {
            *changes += 1;
            run_phase(phases, w, p);
        });
    }

    /// The game's World, to read.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// Turn the game log on or off (off for batch simulation: no log, no history).
    pub fn set_logging(&mut self, on: bool) {
        self.world.resource_mut::<GameLog>().enabled = on;
    }

    pub fn content(&self) -> &Arc<Content> {
        &self.world.resource::<ContentRes>().0
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

    /// The commands accepted so far.
    pub fn commands(&self) -> &[Logged] {
        &self.commands
    }

    /// The groups' decision journal.
    pub fn journal(&self) -> &[JournalLine] {
        &self.journal
    }

    /// Write a line in `seat`'s decision journal (why this posture, why these orders): kept
    /// in the log and the save, never read by the rules, so the state hash is unchanged.
    /// The text is made one line of at most [`JOURNAL_MAX`] characters; an empty line, a
    /// seat the game does not have or a game that is over is refused.
    pub fn write_journal(&mut self, seat: SeatId, text: &str) -> Result<(), JournalError> {
        if seat.index() >= self.content().states.len() {
            return Err(JournalError::NoSeat);
        }
        if self.outcome().is_some() {
            return Err(JournalError::Over);
        }
        let text = journal_text(text).ok_or(JournalError::Empty)?;
        let clock = self.clock();
        let mut log = self.world.resource_mut::<GameLog>();
        if log.enabled {
            log.entries.push(LogLine {
                round: clock.round,
                phase: clock.phase,
                entry: LogEntry::Journal {
                    seat,
                    text: text.clone(),
                },
            });
        }
        if self.recording {
            self.journal.push(JournalLine {
                at: self.commands.len(),
                seat,
                text,
            });
        }
        // `changes` stays: a journal line changes no seat's decision, so a command made
        // on the view before it is not stale.
        Ok(())
    }

    /// The game log.
    pub fn log(&self) -> &[LogLine] {
        &self.world.resource::<GameLog>().entries
    }

    /// What was played round by round, for batch statistics (kept whether or not the log
    /// is on).
    pub fn counts(&self) -> &PlayCounts {
        self.world.resource::<PlayCounts>()
    }

    /// The tracks round by round (kept while the log is on).
    pub fn history(&self) -> &[HistoryRow] {
        &self.world.resource::<History>().rounds
    }

    pub fn quadrant(&self) -> Quadrant {
        self.world.quadrant()
    }

    /// The shared tracks, by track index.
    pub fn shared_tracks(&self) -> &[i32] {
        self.world.shared()
    }

    /// A shared track's value by id.
    pub fn shared(&self, track: &str) -> Option<i32> {
        let t = self.content().track(track)?;
        Some(self.world.shared()[t.index()])
    }

    /// A seat's tracks, by track index.
    pub fn seat_tracks(&self, seat: SeatId) -> &[i32] {
        self.world.tracks_of(seat)
    }

    /// A seat's posture in force.
    pub fn posture(&self, seat: SeatId) -> PostureId {
        self.world.posture_of(seat)
    }

    /// Tokens of a kind in a region.
    pub fn tokens(&self, region: RegionId, kind: TokenKind) -> u32 {
        self.world.tokens(region, kind)
    }

    /// What `viewer` may see of the game now (see [`super::view`]).
    pub fn view(&self, viewer: Viewer) -> View {
        super::view::view(&self.world, viewer)
    }

    /// What a bot in `seat` decides from (see [`super::view::lean`]), read through the
    /// table already fetched.
    pub fn bot_view(&mut self, seat: SeatId) -> View {
        let t = self
            .table
            .get_mut(&mut self.world)
            .expect("a game's World holds every part of its table");
        super::view::lean(&t, Viewer::Seat(seat))
    }

    /// How many times something that a seat's view shows, besides orders, has changed
    /// (a new game, a phase run, a choice answered): with a seat's orders, it tells one
    /// decision from the next.
    pub fn changes(&self) -> u64 {
        self.changes
    }

    /// The seat the game waits for next (the first of those deciding at once), None once
    /// it is over; read straight from the World, without building a list.
    pub fn next_to_decide(&self) -> Option<SeatId> {
        if self.world.resource::<GameOver>().0.is_some() {
            return None;
        }
        if let Some(c) = self.world.resource::<PendingChoices>().0.front() {
            return Some(c.seat);
        }
        let seats = &self.world.resource::<SeatEntities>().0;
        seats.iter().enumerate().find_map(|(i, e)| {
            self.world
                .get::<Orders>(*e)
                .is_some_and(|o| !o.confirmed)
                .then_some(SeatId(i as u8))
        })
    }

    /// What the game waits for.
    pub fn awaiting(&self) -> Awaiting {
        super::awaiting(&self.world)
    }

    /// The front pending choice, if any.
    pub fn pending_choice(&self) -> Option<&PendingChoice> {
        self.world.resource::<PendingChoices>().0.front()
    }

    /// Whether the game would take `cmd` now (nothing changes either way).
    pub fn check(&self, cmd: &Command) -> Result<(), CommandError> {
        legal::check(&self.world, cmd)
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
        // The table's resources are put in by `setup` and never taken out.
        let mut t = self
            .table
            .get_mut(&mut self.world)
            .expect("a game's World holds every part of its table");
        legal::check(&t, cmd)?;
        take(
            &mut t,
            *cmd,
            reason,
            self.recording.then_some(&mut self.commands),
        );
        self.advance_after(*cmd);
        Ok(())
    }

    /// Apply a bot's command; one the game refuses (a bot bug) falls back to confirming the
    /// seat's orders, so a game never stalls on a bot. This is the one place that
    /// fallback lives.
    pub fn apply_or_confirm(&mut self, seat: SeatId, cmd: Command, reason: Reason) -> Applied {
        let mut t = self
            .table
            .get_mut(&mut self.world)
            .expect("a game's World holds every part of its table");
        let record = self.recording.then_some(&mut self.commands);
        let (applied, taken) = take_or_confirm(&mut t, seat, cmd, reason, record);
        if let Some(taken) = taken {
            self.advance_after(taken);
        }
        applied
    }

    /// Only confirming orders or answering a choice can let the game move on.
    fn advance_after(&mut self, taken: Command) {
        if matches!(taken, Command::Choose { .. }) {
            self.changes += 1;
        }
        if self.auto_advance && !is_order(&taken) {
            self.advance();
        }
    }

    /// A heuristic bot's turn on one fetch of the table: `view` is refilled with the seat's
    /// lean view (only its own part and who has confirmed when nothing but orders has
    /// changed since it was last filled: see [`super::view::lean_refill_own`]), `plan`
    /// decides from it, and its orders (postures, actions, cards) go in up to the
    /// first the game refuses; then its last command (confirming, or an answer), or
    /// confirming when an order was refused or the plan had no last command, as
    /// [`Game::apply_or_confirm`] does.
    pub fn bot_turn<F>(&mut self, seat: SeatId, view: &mut BotView, plan: F) -> Applied
    where
        F: FnOnce(&View) -> Vec<(Command, Reason)>,
    {
        let mut t = self
            .table
            .get_mut(&mut self.world)
            .expect("a game's World holds every part of its table");
        view.refilled = view.at == Some(self.changes);
        let v = view
            .view
            .get_or_insert_with(|| View::empty(Viewer::Seat(seat)));
        if view.refilled {
            super::view::lean_refill_own(&t, Viewer::Seat(seat), v);
        } else {
            super::view::lean_into(&t, Viewer::Seat(seat), v);
        }
        view.at = Some(self.changes);
        let mut plan = plan(v);
        let orders = plan.iter().take_while(|(c, _)| is_order(c)).count();
        let mut record = self.recording.then_some(&mut self.commands);
        let taken = orders_into(&mut t, &plan[..orders], record.as_deref_mut());
        let (cmd, reason) = if taken == orders && plan.len() > orders {
            plan.swap_remove(orders)
        } else {
            (Command::Confirm { seat }, Reason::Confirm)
        };
        let (applied, taken) = take_or_confirm(&mut t, seat, cmd, reason, record);
        if let Some(taken) = taken {
            self.advance_after(taken);
        }
        applied
    }

    /// Apply a command written with names (from a save or the network).
    pub fn apply_named(
        &mut self,
        cmd: &NamedCommand,
        reason: Option<Reason>,
    ) -> Result<(), CommandError> {
        let cmd = cmd.resolve(self.content())?;
        self.apply_with_reason(&cmd, reason)
    }

    /// Whether the game is at a decision point (or over): nothing moves until a command
    /// comes. Saves are made here, where a replay with automatic advance stops too.
    pub fn waiting(&self) -> bool {
        super::waiting(&self.world)
    }

    /// Move the game on by one step (see [`super::step`]); false when it waits or has
    /// ended.
    pub fn step(&mut self) -> bool {
        let (phases, changes) = (&mut self.phases, &mut self.changes);
        super::step_with(&mut self.world, &mut |w, p| {
            *changes += 1;
            run_phase(phases, w, p);
        })
    }

    /// Every command `seat` could give now that would be accepted.
    pub fn legal_commands(&self, seat: SeatId) -> Vec<Command> {
        let mut out = Vec::new();
        match self.awaiting() {
            Awaiting::Over => {}
            Awaiting::Choice(s) => {
                if s == seat {
                    let n = self.pending_choice().map_or(0, |c| {
                        self.content()
                            .choices
                            .get(c.choice.index())
                            .map_or(0, |d| d.options.len())
                    });
                    out.extend((0..n).map(|o| Command::Choose {
                        seat,
                        option: o as u8,
                    }));
                }
            }
            Awaiting::Policy(seats) => {
                if !seats.contains(&seat) {
                    return out;
                }
                for o in legal::options(&self.world, seat) {
                    if o.closed.is_none() {
                        out.push(match o.order {
                            Order::Posture(posture) => Command::SetPosture { seat, posture },
                            Order::Action(action) => Command::Act { seat, action },
                            Order::Card(card) => Command::Play { seat, card },
                        });
                    }
                }
                if self.orders(seat).is_some_and(|o| !o.list.is_empty()) {
                    out.push(Command::Undo { seat });
                }
                out.push(Command::Confirm { seat });
            }
        }
        out
    }

    /// A seat's orders this policy phase.
    pub fn orders(&self, seat: SeatId) -> Option<&Orders> {
        let e = self.world.resource::<SeatEntities>().0.get(seat.index())?;
        self.world.get::<Orders>(*e)
    }

    /// A seat's hand.
    pub fn hand(&self, seat: SeatId) -> &[CardId] {
        self.world
            .resource::<SeatEntities>()
            .0
            .get(seat.index())
            .and_then(|e| self.world.get::<Hand>(*e))
            .map_or(&[], |h| h.0.as_slice())
    }

    /// A hash of everything that decides the rest of the game (see
    /// [`super::hash::state_hash`]).
    pub fn state_hash(&self) -> u64 {
        super::hash::state_hash(&self.world)
    }

    /// Total tokens on the board and in supply, by kind (conserved by the rules).
    pub fn token_totals(&self) -> Vec<u32> {
        let index = self.world.resource::<TokenIndex>();
        (0..index.supply.len())
            .map(|k| index.supply[k] + index.at.iter().map(|r| r[k]).sum::<u32>())
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

/// Run a phase's schedule from the game's own list.
fn run_phase(phases: &mut [Schedule], world: &mut World, phase: Phase) {
    if let Some(i) = super::PHASES.iter().position(|p| *p == phase)
        && let Some(s) = phases.get_mut(i)
    {
        s.run(world);
    }
}

/// Whether a command is an order: it never moves the game on.
fn is_order(cmd: &Command) -> bool {
    matches!(
        cmd,
        Command::SetPosture { .. } | Command::Act { .. } | Command::Play { .. }
    )
}

/// Apply orders on a table already fetched, up to the first refused; returns how many
/// went in.
fn orders_into(
    t: &mut Table,
    plan: &[(Command, Reason)],
    mut record: Option<&mut Vec<Logged>>,
) -> usize {
    for (i, (cmd, reason)) in plan.iter().enumerate() {
        if !is_order(cmd) || legal::check(&*t, cmd).is_err() {
            return i;
        }
        take(t, *cmd, Some(reason.clone()), record.as_deref_mut());
    }
    plan.len()
}

/// Perform a command the rules have checked, log a bot's reason for it and keep it.
fn take(t: &mut Table, cmd: Command, reason: Option<Reason>, record: Option<&mut Vec<Logged>>) {
    legal::perform(t, &cmd);
    if let (Some(r), Some(seat)) = (&reason, cmd.seat()) {
        t.log(LogEntry::Bot {
            seat,
            reason: r.clone(),
        });
    }
    if let Some(rec) = record {
        rec.push(Logged { cmd, reason });
    }
}

/// The longest journal line kept, in characters.
pub const JOURNAL_MAX: usize = 200;

/// One line of a group's decision journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalLine {
    /// How many commands the game had taken when it was written (it goes before the
    /// command of that index in a replay).
    pub at: usize,
    pub seat: SeatId,
    pub text: String,
}

/// Why a journal line was not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JournalError {
    Empty,
    NoSeat,
    Over,
}

impl std::fmt::Display for JournalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            JournalError::Empty => "the journal line is empty",
            JournalError::NoSeat => "no such state in this game",
            JournalError::Over => "the game is over",
        })
    }
}

/// `raw` as one journal line: control characters and runs of white space become one
/// space, trimmed, cut to [`JOURNAL_MAX`] characters; none when nothing is left.
pub fn journal_text(raw: &str) -> Option<String> {
    let words: Vec<&str> = raw
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    let line: String = words.join(" ").chars().take(JOURNAL_MAX).collect();
    let line = line.trim_end().to_string();
    (!line.is_empty()).then_some(line)
}

/// What became of a bot's command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The game took it.
    Taken,
    /// The game refused it (a bot bug), and the seat confirmed its orders instead.
    Confirmed,
    /// The game took neither.
    Stuck,
}

/// Apply a command on a table already fetched, falling back to confirming the seat's
/// orders when the game refuses it; returns what became of it and the command taken.
fn take_or_confirm(
    t: &mut Table,
    seat: SeatId,
    cmd: Command,
    reason: Reason,
    record: Option<&mut Vec<Logged>>,
) -> (Applied, Option<Command>) {
    let (cmd, reason, applied) = if legal::check(&*t, &cmd).is_ok() {
        (cmd, Some(reason), Applied::Taken)
    } else {
        let confirm = Command::Confirm { seat };
        if legal::check(&*t, &confirm).is_err() {
            return (Applied::Stuck, None);
        }
        (confirm, None, Applied::Confirmed)
    };
    take(t, cmd, reason, record);
    (applied, Some(cmd))
}

/// A seat's lean view kept between heuristic bots' turns (see [`Game::bot_turn`]).
#[derive(Debug, Default)]
pub struct BotView {
    view: Option<View>,
    /// The game's change count when it was last filled.
    at: Option<u64>,
    /// Whether the last turn refilled only the seat's own part.
    pub refilled: bool,
}
