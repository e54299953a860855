//! The game as ECS data: components on seat, region, border, token, power and lasting-effect
//! entities; resources for the shared tracks, decks, RNG, phase and log; and the
//! serializable [`Command`]s that are the only way a player or bot changes a game.

use std::sync::Arc;

use bevy::prelude::*;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::content::{
    ActionId, BorderId, CardId, Content, LastingId, OrgId, PostureId, PowerId, Quadrant, RegionId,
    SeatId, TokenKind, TrackId,
};

/// The validated content a game is played with.
#[derive(Resource, Clone)]
pub struct ContentRes(pub Arc<Content>);

/// The game's seed and its one random number generator (ChaCha8, portable).
#[derive(Resource)]
pub struct GameRng {
    pub seed: u64,
    pub rng: ChaCha8Rng,
}

/// The phases of a round, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    pub pile: Vec<CardId>,
    pub discard: Vec<CardId>,
    pub removed: Vec<CardId>,
    pub later: Vec<CardId>,
    /// Cards that come up first, in order (a level's opening).
    pub opening: Vec<CardId>,
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

/// A seat's hand of policy cards.
#[derive(Component, Debug, Clone, Default)]
pub struct Hand(pub Vec<CardId>);

/// One order given in the policy phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// A threat token on the board.
#[derive(Component, Debug, Clone, Copy)]
pub struct Token {
    pub kind: TokenKind,
    pub region: RegionId,
    /// Set when the token crossed a border this round (it moves once a round).
    pub moved: bool,
}

/// A great power (Russia, China, the West).
#[derive(Component, Debug, Clone, Copy)]
pub struct Power(pub PowerId);

/// The Taliban, whose strength and course are shared tracks.
#[derive(Component, Debug, Clone, Copy)]
pub struct Taliban;

/// A lasting effect in play.
#[derive(Component, Debug, Clone, Copy)]
pub struct Lasting {
    pub id: LastingId,
    pub rounds_left: u32,
    /// The state in focus when it was added, bound as the current state each round.
    pub owner: Option<SeatId>,
    /// Order of addition, for a stable order of play.
    pub serial: u32,
}

/// A choice waiting for a state's answer.
#[derive(Debug, Clone)]
pub struct PendingChoice {
    pub seat: SeatId,
    /// The card that offered it, if any.
    pub card: Option<CardId>,
    pub prompt: crate::content::Text,
    pub options: Vec<crate::content::ChoiceOption>,
}

/// Choices waiting, answered first to last.
#[derive(Resource, Debug, Clone, Default)]
pub struct PendingChoices(pub std::collections::VecDeque<PendingChoice>);

/// The end of the game.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// Token entities by region and kind, and the supply left: kept by the rules so that
/// counting and removing tokens needs no search.
#[derive(Resource, Debug, Clone, Default)]
pub struct TokenIndex {
    /// `[region][kind]` → token entities, oldest first.
    pub at: Vec<Vec<Vec<Entity>>>,
    /// Tokens left in the supply, by kind.
    pub supply: Vec<u32>,
}

impl TokenIndex {
    /// How many tokens of a kind are in a region.
    pub fn count(&self, region: RegionId, kind: TokenKind) -> u32 {
        self.at[region.index()][kind.index()].len() as u32
    }
}

/// The quadrant at the end of the last Afghanistan phase, to log changes.
#[derive(Resource, Debug, Clone, Copy)]
pub struct LastQuadrant(pub Quadrant);

/// A serializable decision by a human or a bot. State, posture, action and card are named
/// by their content ids, so a log reads well and survives reordering of content files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    /// Choose a posture for this round (before any action or card).
    SetPosture { state: String, posture: String },
    /// Spend action points on an action.
    Act { state: String, action: String },
    /// Play a policy card from the hand.
    Play { state: String, card: String },
    /// Take back the state's last order of this policy phase.
    Undo { state: String },
    /// Lock in the state's orders for this policy phase.
    Confirm { state: String },
    /// Answer a pending choice with option `option` (0-based).
    Choose { state: String, option: u8 },
}

impl Command {
    /// The state that gives this command.
    pub fn state(&self) -> &str {
        match self {
            Command::SetPosture { state, .. }
            | Command::Act { state, .. }
            | Command::Play { state, .. }
            | Command::Undo { state }
            | Command::Confirm { state }
            | Command::Choose { state, .. } => state,
        }
    }
}

/// Why a command was refused. The game is unchanged when one is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandError {
    UnknownState(String),
    UnknownPosture(String),
    UnknownAction(String),
    UnknownCard(String),
    GameOver,
    NotPolicyPhase,
    AlreadyConfirmed,
    ChoicePending,
    NotYourChoice,
    NoSuchOption(u8),
    PostureAfterOrders,
    NotAllowed(String),
    NotEnoughActionPoints { needed: u32, left: u32 },
    NotInHand(String),
    NothingToUndo,
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CommandError::UnknownState(s) => write!(f, "unknown state `{s}`"),
            CommandError::UnknownPosture(s) => write!(f, "unknown posture `{s}`"),
            CommandError::UnknownAction(s) => write!(f, "unknown action `{s}`"),
            CommandError::UnknownCard(s) => write!(f, "unknown card `{s}`"),
            CommandError::GameOver => write!(f, "the game is over"),
            CommandError::NotPolicyPhase => write!(f, "orders are given only in the policy phase"),
            CommandError::AlreadyConfirmed => {
                write!(f, "this state has already confirmed its orders")
            }
            CommandError::ChoicePending => write!(f, "a choice must be answered first"),
            CommandError::NotYourChoice => write!(f, "no choice is waiting for this state"),
            CommandError::NoSuchOption(o) => write!(f, "there is no option {o}"),
            CommandError::PostureAfterOrders => {
                write!(
                    f,
                    "the posture is set before any action or card (undo them first)"
                )
            }
            CommandError::NotAllowed(s) => write!(f, "{s}"),
            CommandError::NotEnoughActionPoints { needed, left } => {
                write!(f, "needs {needed} action points, {left} left")
            }
            CommandError::NotInHand(s) => write!(f, "card `{s}` is not in this state's hand"),
            CommandError::NothingToUndo => write!(f, "nothing to undo"),
        }
    }
}

impl std::error::Error for CommandError {}

/// Who a logged track change was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogWho {
    Shared,
    Seat(SeatId),
}

/// One line of the game log, structured so any language can render it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogEntry {
    Round {
        round: u32,
    },
    Event {
        card: CardId,
    },
    EventSkipped {
        card: CardId,
    },
    ChoiceOffered {
        seat: SeatId,
        card: Option<CardId>,
    },
    ChoiceMade {
        seat: SeatId,
        /// The card that offered the choice, to name the option chosen.
        card: Option<CardId>,
        option: u8,
    },
    PostureSet {
        seat: SeatId,
        posture: PostureId,
    },
    Action {
        seat: SeatId,
        action: ActionId,
    },
    ActionFizzled {
        seat: SeatId,
        action: ActionId,
    },
    CardPlayed {
        seat: SeatId,
        card: CardId,
    },
    PowerReacts {
        power: PowerId,
    },
    Track {
        who: LogWho,
        track: TrackId,
        from: i32,
        to: i32,
    },
    Spawn {
        kind: TokenKind,
        region: RegionId,
        count: u32,
    },
    Cross {
        kind: TokenKind,
        from: RegionId,
        to: RegionId,
    },
    Removed {
        kind: TokenKind,
        region: RegionId,
        count: u32,
    },
    Faded {
        kind: TokenKind,
        region: RegionId,
    },
    Moved {
        kind: TokenKind,
        from: RegionId,
        to: RegionId,
        count: u32,
    },
    Porosity {
        border: BorderId,
        value: i32,
    },
    LastingAdded {
        id: LastingId,
        rounds: u32,
    },
    LastingEnded {
        id: LastingId,
    },
    Joined {
        seat: SeatId,
        org: OrgId,
    },
    Left {
        seat: SeatId,
        org: OrgId,
    },
    Drew {
        seat: SeatId,
        count: u32,
    },
    QuadrantChanged {
        to: Quadrant,
    },
    Summit {
        index: u16,
    },
    Collapse,
    End {
        winner: Option<SeatId>,
        score: i64,
    },
    Bot {
        seat: SeatId,
        reason: Reason,
    },
}

/// A bot's one-line reason: a text key and its arguments. An argument written
/// `action:<id>`, `card:<id>`, `posture:<id>` or `quadrant:<key>` is shown as that thing's
/// name in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub key: String,
    pub args: Vec<(String, String)>,
}

/// The game log, with the round and phase of each entry.
#[derive(Resource, Debug, Clone, Default)]
pub struct GameLog {
    /// When false, nothing is recorded (batch simulation).
    pub enabled: bool,
    pub entries: Vec<(u32, Phase, LogEntry)>,
}

/// Per-round history of every seat's tracks and the shared tracks, for the debrief.
#[derive(Resource, Debug, Clone, Default)]
pub struct History {
    /// One row per completed round: shared tracks, then each seat's tracks.
    pub rounds: Vec<(Vec<i32>, Vec<Vec<i32>>)>,
}
