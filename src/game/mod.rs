//! The game as ECS data: components on seat, region, border, token, power and lasting-effect
//! entities; resources for the shared tracks, decks, random streams, phase and log; and the
//! [`Command`]s that are the only way a player or bot changes a game.

mod command;
mod log;

pub use command::{
    Closed, Command, CommandError, Logged, Named, NamedCommand, NamedReason, Pick, Reason,
};
pub use log::{GameLog, LogEntry, LogLine, LogWho};

use std::sync::Arc;

use bevy::prelude::*;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::content::{
    ActionId, BorderId, CardId, ChoiceId, Content, LastingId, OrgId, PostureId, PowerId, Quadrant,
    RegionId, SeatId, TokenKind,
};

/// The validated content a game is played with.
#[derive(Resource, Clone)]
pub struct ContentRes(pub Arc<Content>);

/// The game's seed and its random streams (ChaCha8 and SplitMix64, portable), kept apart
/// so that one group's orders never reorder another group's news under the same class
/// code: the event deck's order is drawn from the seed alone (see
/// [`crate::rules::deck`]), the policy deck has its own shuffles, and the board's chance
/// rolls have a stream of their own, started afresh from the seed each round.
#[derive(Resource, Debug, Clone)]
pub struct GameRng {
    pub seed: u64,
    /// Spawns, crossings, fading and random Afghan regions, this round.
    pub board: ChaCha8Rng,
    /// How many times the policy deck has been shuffled (each shuffle has its own stream).
    pub policy_shuffles: u32,
}

/// The phases of a round, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Phase {
    News,
    Policy,
    Resolution,
    Afghanistan,
    Review,
    Over,
}

impl Phase {
    /// The text key of the phase's name.
    pub fn key(self) -> &'static str {
        match self {
            Phase::News => "phase.news",
            Phase::Policy => "phase.policy",
            Phase::Resolution => "phase.resolution",
            Phase::Afghanistan => "phase.afghanistan",
            Phase::Review => "phase.review",
            Phase::Over => "phase.over",
        }
    }
}

/// Where the game stands: round (from 1) and phase.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub round: u32,
    pub phase: Phase,
    /// Whether the current phase's systems have run (a phase may then wait for input).
    pub phase_done: bool,
}

/// Values of the shared tracks, by track index (per-state entries unused).
#[derive(Resource, Debug, Clone)]
pub struct SharedTracks(pub Vec<i32>);

/// The event deck: draw pile, discard, cards removed from play, and cards of later eras.
#[derive(Resource, Debug, Clone, Default)]
pub struct EventDeck {
    /// The cards that may come up, in the order they would: the first one whose quadrant
    /// and conditions allow it is revealed.
    pub pile: Vec<CardId>,
    pub discard: Vec<CardId>,
    pub removed: Vec<CardId>,
    pub later: Vec<CardId>,
    /// Cards that come up first, in order (a level's opening).
    pub opening: Vec<CardId>,
    /// By card index: how many times the card went back into the pile (each time its
    /// place in the order is drawn anew).
    pub cycles: Vec<u16>,
}

/// The policy deck.
#[derive(Resource, Debug, Clone, Default)]
pub struct PolicyDeck {
    pub pile: Vec<CardId>,
    pub discard: Vec<CardId>,
}

/// Seat entities, by seat index.
#[derive(Resource, Debug, Clone, Default)]
pub struct SeatEntities(pub Vec<Entity>);

/// Border entities, by border index.
#[derive(Resource, Debug, Clone, Default)]
pub struct BorderEntities(pub Vec<Entity>);

/// A playable state's seat.
#[derive(Component, Debug, Clone, Copy)]
pub struct Seat(pub SeatId);

/// A seat's per-state track values, by track index.
#[derive(Component, Debug, Clone)]
pub struct StateTracks(pub Vec<i32>);

/// A seat's posture.
#[derive(Component, Debug, Clone, Copy)]
pub struct Posture(pub PostureId);

/// A seat's organizations.
#[derive(Component, Debug, Clone, Default)]
pub struct Memberships(pub Vec<OrgId>);

/// A seat's hand of policy cards, kept in card order (so a card keeps its place whether
/// it was drawn, played or taken back).
#[derive(Component, Debug, Clone, Default)]
pub struct Hand(pub Vec<CardId>);

impl Hand {
    /// Put a card in its place.
    pub fn insert(&mut self, card: CardId) {
        let at = self.0.partition_point(|c| *c <= card);
        self.0.insert(at, card);
    }
}

/// One order given in the policy phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Order {
    Posture(PostureId),
    Action(ActionId),
    Card(CardId),
}

/// A seat's secret orders for this policy phase, and whether it has confirmed them.
#[derive(Component, Debug, Clone, Default)]
pub struct Orders {
    pub list: Vec<Order>,
    pub confirmed: bool,
}

/// A board region.
#[derive(Component, Debug, Clone, Copy)]
pub struct Region(pub RegionId);

/// A border and its current porosity.
#[derive(Component, Debug, Clone, Copy)]
pub struct Border {
    pub id: BorderId,
    pub porosity: i32,
}

/// A great power (Russia, China, the West).
#[derive(Component, Debug, Clone, Copy)]
pub struct Power(pub PowerId);

/// The Taliban, whose strength and course are shared tracks.
#[derive(Component, Debug, Clone, Copy)]
pub struct Taliban;

/// A lasting effect in play.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lasting {
    pub id: LastingId,
    pub rounds_left: u32,
    /// The state in focus when it was added, bound as the current state each round.
    pub owner: Option<SeatId>,
    /// Order of addition, for a stable order of play.
    pub serial: u32,
}

/// Each seat's orders as revealed at the last resolution (empty before the first).
#[derive(Resource, Debug, Clone, Default)]
pub struct Revealed(pub Vec<Vec<Order>>);

/// What was played, round by round, for batch statistics (`sim --json`). Kept whether or
/// not the log is on; not part of the state hash or of saves (a loaded game counts from
/// where it was loaded).
#[derive(Resource, Debug, Clone, Default)]
pub struct PlayCounts {
    /// Orders resolved: each action by index, then each policy card by index.
    pub orders: Vec<u32>,
    /// Each action by index: the state-rounds in which it was ordered at least once.
    pub ordered_in: Vec<u32>,
    /// By round: how many seats held the aligned posture in it.
    pub aligned: Vec<u8>,
    /// By round: the quadrant at its end.
    pub quadrants: Vec<Quadrant>,
    /// By round: the shared tracks at its end.
    pub shared: Vec<Vec<i32>>,
}

/// A choice waiting for a state's answer.
#[derive(Debug, Clone)]
pub struct PendingChoice {
    pub seat: SeatId,
    /// The card that offered it, if any.
    pub card: Option<CardId>,
    pub choice: ChoiceId,
}

/// Choices waiting, answered first to last.
#[derive(Resource, Debug, Clone, Default)]
pub struct PendingChoices(pub std::collections::VecDeque<PendingChoice>);

/// The end of the game.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Outcome {
    pub collapse: bool,
    /// National-interest score per seat (0 for all after a collapse).
    pub scores: Vec<i64>,
    /// The single best seat, when there is one and no collapse.
    pub winner: Option<u8>,
}

/// Set once the game has ended.
#[derive(Resource, Debug, Clone, Default)]
pub struct GameOver(pub Option<Outcome>);

/// Counter for lasting effects' serials.
#[derive(Resource, Debug, Clone, Default)]
pub struct Serials {
    pub lasting: u32,
}

/// How many times each seat took each action this round.
#[derive(Component, Debug, Clone, Default)]
pub struct ActionsThisRound(pub Vec<u8>);

/// The threat tokens on the board, by region and kind, and the supply left. Tokens of a
/// kind are alike, so the board holds how many are where (a token that crossed a border
/// this round is kept apart by the crossing itself).
#[derive(Resource, Debug, Clone, Default)]
pub struct TokenIndex {
    /// `[region][kind]` → how many.
    pub at: Vec<Vec<u32>>,
    /// Tokens left in the supply, by kind.
    pub supply: Vec<u32>,
}

impl TokenIndex {
    /// How many tokens of a kind are in a region.
    pub fn count(&self, region: RegionId, kind: TokenKind) -> u32 {
        self.at
            .get(region.index())
            .and_then(|r| r.get(kind.index()))
            .copied()
            .unwrap_or(0)
    }
}

/// The lasting effects in play, in the order they were added.
#[derive(Resource, Debug, Clone, Default)]
pub struct LastingIndex(pub Vec<Lasting>);

/// The quadrant at the end of the last Afghanistan phase, to log changes.
#[derive(Resource, Debug, Clone, Copy)]
pub struct LastQuadrant(pub Quadrant);

/// One completed round's tracks, for the debrief.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HistoryRow {
    /// The shared tracks (per-state entries unused).
    pub shared: Vec<i32>,
    /// Each seat's tracks.
    pub seats: Vec<Vec<i32>>,
    /// Each seat's posture in force that round.
    pub postures: Vec<PostureId>,
    /// The quadrant at the round's end.
    pub quadrant: Quadrant,
}

/// Per-round history of the tracks, recorded while the game log is on.
#[derive(Resource, Debug, Clone, Default)]
pub struct History {
    pub rounds: Vec<HistoryRow>,
}
