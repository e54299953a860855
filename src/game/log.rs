//! The game log: structured entries any language can render, with the round and phase of
//! each.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Phase, Reason};
use crate::content::{
    ActionId, BorderId, CardId, ChoiceId, LastingId, OrgId, PostureId, PowerId, Quadrant, RegionId,
    SeatId, TokenKind, TrackId,
};

/// Who a logged track change was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LogWho {
    Shared,
    Seat(SeatId),
}

/// One line of the game log, structured so any language can render it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LogEntry {
    Round {
        round: u32,
    },
    Event {
        card: CardId,
    },
    /// The teacher put this event card on top of the next news.
    Injected {
        card: CardId,
    },
    EventSkipped {
        card: CardId,
    },
    ChoiceOffered {
        seat: SeatId,
        card: Option<CardId>,
        choice: ChoiceId,
    },
    ChoiceMade {
        seat: SeatId,
        /// The card that offered the choice.
        card: Option<CardId>,
        choice: ChoiceId,
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
    /// A line of the group's decision journal: why this posture, why these orders (kept
    /// in the log and the save; the rules never read it).
    Journal {
        seat: SeatId,
        text: String,
    },
}

impl LogEntry {
    /// The state an entry is about, if one.
    pub fn seat(&self) -> Option<SeatId> {
        match self {
            LogEntry::ChoiceOffered { seat, .. }
            | LogEntry::ChoiceMade { seat, .. }
            | LogEntry::PostureSet { seat, .. }
            | LogEntry::Action { seat, .. }
            | LogEntry::ActionFizzled { seat, .. }
            | LogEntry::CardPlayed { seat, .. }
            | LogEntry::Joined { seat, .. }
            | LogEntry::Left { seat, .. }
            | LogEntry::Drew { seat, .. }
            | LogEntry::Bot { seat, .. }
            | LogEntry::Journal { seat, .. } => Some(*seat),
            LogEntry::Track {
                who: LogWho::Seat(s),
                ..
            } => Some(*s),
            LogEntry::End { winner, .. } => *winner,
            _ => None,
        }
    }
}

/// One entry with the round and phase it was written in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LogLine {
    pub round: u32,
    pub phase: Phase,
    pub entry: LogEntry,
}

/// The game log.
#[derive(Resource, Debug, Clone, Default)]
pub struct GameLog {
    /// When false, nothing is recorded (batch simulation and bots' look-ahead).
    pub enabled: bool,
    pub entries: Vec<LogLine>,
}
