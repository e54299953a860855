//! The classroom protocol: what a group's device, a projector and the teacher's console say
//! to the host, and what the host answers. JSON text frames over one WebSocket
//! (`/ws`); every message is one object with its kind in `"t"`. Plain data, the same on
//! every platform; the host is in [`crate::host`], the native client in [`client`].
//!
//! A connection first joins a table with its join code (a state's seat, or the public
//! view with no state), resumes a seat with the token it was given, or signs in as the
//! teacher; after that the host sends it its view each time the table changes, and only its
//! view (see [`crate::rules::view`]): another group's hand and unrevealed orders never
//! leave the host.

use serde::{Deserialize, Serialize};

use crate::content::Content;
use crate::game::NamedCommand;
use crate::rules::View;
use crate::text::pick;

#[cfg(not(target_arch = "wasm32"))]
pub mod client;

/// The largest message a client may send, in bytes; larger frames close the connection.
pub const MAX_CLIENT_MESSAGE: usize = 8 * 1024;

/// What a client says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum ClientMsg {
    /// Join the table whose join code this is: as `state`'s group, or with no state as a
    /// projector (the public view).
    Join {
        code: String,
        #[serde(default)]
        state: Option<String>,
        /// The language the host writes the log in for this connection (`en`, `ru`).
        #[serde(default)]
        lang: Option<String>,
        /// Send the view's log entries too (the window draws the log itself); otherwise
        /// only the lines written in `lang`.
        #[serde(default)]
        log: bool,
    },
    /// Take back the seat (or projector) a token was given for: after a reload or a
    /// dropped network.
    Resume {
        token: String,
        #[serde(default)]
        lang: Option<String>,
        #[serde(default)]
        log: bool,
    },
    /// A command for the connection's seat. `seq` counts the seat's commands (each must
    /// be higher than the last one taken: a replayed message is refused); `at` is the
    /// view's `at` the command was decided on (a command decided on a view the game has
    /// moved past is refused as stale).
    Cmd {
        seq: u64,
        at: u64,
        cmd: NamedCommand,
        /// With a confirm: the group's journal line on these orders (optional).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        journal: Option<String>,
    },
    /// Sign in as the teacher.
    Teacher { code: String },
    /// A teacher's steering of one table (teacher connections only).
    Steer { table: u32, act: Steer },
    /// A table as an ordinary save (teacher connections only): answered with
    /// [`ServerMsg::Save`].
    Export { table: u32 },
    /// Nothing: keeps a connection alive through proxies.
    Ping,
}

/// What the teacher can do to a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum Steer {
    /// Start now: seats no group has joined are played by bots.
    Start,
    /// Hold the table: no command is taken until it resumes.
    Pause,
    Resume,
    /// Set the phase timer (groups see it count down; it decides nothing by itself).
    Timer {
        secs: u32,
    },
    /// Add time to the timer.
    Extend {
        secs: u32,
    },
    /// Stop the timer, or start it again where it stopped.
    HoldTimer,
    /// Show every state's hand on the projector view (after a round), or stop.
    Reveal {
        on: bool,
    },
    /// Hand a seat to a bot (`easy`, `normal`, `hard` or `strong`).
    Bot {
        state: String,
        strength: String,
    },
    /// Give a seat back to its group.
    Person {
        state: String,
    },
    /// Forget a seat's device, so another device can join it with the table's code.
    Free {
        state: String,
    },
    /// Put an event card (by id) on top of the table's next news.
    Inject {
        card: String,
    },
}

/// What the host says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
#[allow(clippy::large_enum_variant)]
pub enum ServerMsg {
    /// Joined (or resumed): keep `token` to come back to the same seat.
    Joined {
        token: String,
        table: u32,
        code: String,
        /// The state's id, or none for a projector.
        state: Option<String>,
        /// The last command number the host took from this seat.
        seq: u64,
        /// The level's id and the content hash, so a client can tell it has the same.
        level: String,
        content_hash: String,
    },
    /// The table as this connection may see it.
    View {
        table: u32,
        /// Which decision the game is at (give it back in [`ClientMsg::Cmd`]).
        at: u64,
        /// Kazantsev's scenario Afghanistan is in now (`StrongModerate`...).
        scenario: crate::content::Quadrant,
        status: Status,
        view: Box<View>,
        /// The log as this viewer may read it, written in its language (the last lines).
        lines: Vec<Line>,
        /// Every state's hand, when the teacher reveals them to the projector (state ids
        /// of the cards, by seat).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hands: Option<Vec<Vec<String>>>,
    },
    /// The command `seq` was taken.
    Ok { seq: u64 },
    /// A message was refused, and why; nothing changed.
    Refused {
        #[serde(default)]
        seq: Option<u64>,
        reason: String,
    },
    /// A table's save (RON text, as `replay --verify` reads it).
    Save { table: u32, save: String },
    /// The teacher's view of the class: every table at a glance.
    Class {
        class: String,
        tables: Vec<TableSummary>,
    },
}

/// What a table's players see of how it is run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    pub started: bool,
    pub paused: bool,
    /// The timer's seconds left, and whether it is counting down.
    pub timer: Option<(u32, bool)>,
    /// By seat: the bot's strength when a bot plays it, else none.
    pub bots: Vec<Option<String>>,
    /// By seat: whether a group's device has joined it.
    pub joined: Vec<bool>,
    /// By seat: whether that device is connected now.
    pub online: Vec<bool>,
    pub reveal: bool,
}

/// One line of the log, as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub round: u32,
    /// The state it is about, by id.
    pub state: Option<String>,
    pub text: String,
}

/// One table as the teacher's console shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableSummary {
    pub table: u32,
    pub code: String,
    pub round: u32,
    pub rounds: u32,
    /// The phase's id (`policy`...).
    pub phase: String,
    pub status: Status,
    /// By seat: whether it has confirmed its orders this policy phase.
    pub confirmed: Vec<bool>,
    /// The state a choice waits for, if any.
    pub choosing: Option<String>,
    pub stability: i32,
    /// The scenario now (`strong-moderate`...), and each round's at its end.
    pub scenario: String,
    pub scenarios: Vec<String>,
    /// Postures in force, by seat, then by round (posture ids).
    pub postures: Vec<Vec<String>>,
    /// Each state's score now.
    pub scores: Vec<i64>,
    /// `collapse`, the winning state's id, `shared` (a tie), or none while it goes on.
    pub outcome: Option<String>,
    pub commands: usize,
    /// The final state hash once the game is over (16 hex digits).
    pub final_hash: Option<String>,
}

/// The content's names and texts in one language, by index as views number them: what a
/// browser client needs to draw a view (`/content.json?lang=ru`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Digest {
    pub lang: String,
    pub level: String,
    pub title: String,
    pub rounds: u32,
    pub states: Vec<Named>,
    pub tracks: Vec<Named>,
    pub postures: Vec<Named>,
    pub actions: Vec<Named>,
    pub cards: Vec<CardText>,
    pub choices: Vec<ChoiceText>,
    pub regions: Vec<Named>,
    pub tokens: Vec<Named>,
    pub powers: Vec<Named>,
    /// The tracks as the game starts, shared and each state's (a page tells the first
    /// round's change from these, as the window does).
    #[serde(default)]
    pub start: StartTracks,
    /// Interface strings the page uses, by key (`phase.policy`...).
    pub strings: std::collections::BTreeMap<String, String>,
}

/// Every track's value before the first round: shared, then each state's by seat.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StartTracks {
    pub shared: Vec<i32>,
    pub seats: Vec<Vec<i32>>,
}

/// Something with an id, a name and (for postures and actions) a text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Named {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// For tracks: whether it is the region's (shared) rather than each state's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
    /// For tracks: the least and the most it can be (a page draws it as a bar between).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<(i32, i32)>,
}

/// A card as a page shows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CardText {
    pub id: String,
    pub policy: bool,
    pub title: String,
    pub text: String,
    pub note: String,
    pub source: String,
    pub cost: u32,
}

/// A choice's prompt and options.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChoiceText {
    pub prompt: String,
    pub options: Vec<String>,
}

/// The strings a page asks for (keys of `assets/i18n/*.ftl`).
const PAGE_STRINGS: &[&str] = &[
    "phase.news",
    "phase.policy",
    "phase.resolution",
    "phase.afghanistan",
    "phase.review",
    "phase.over",
    "quadrant.strong-moderate",
    "quadrant.strong-radical",
    "quadrant.weak-contained",
    "quadrant.weak-proxy",
];

impl Digest {
    /// The digest of `content` in `lang` (English where a text lacks it).
    pub fn of(content: &Content, lang: &str) -> Digest {
        let s = crate::text::Strings::built_in(lang);
        let t = |x: &crate::content::Text| pick(x, lang).to_string();
        let named = |id: &str, name: &crate::content::Text| Named {
            id: id.to_string(),
            name: t(name),
            text: String::new(),
            shared: false,
            range: None,
        };
        Digest {
            lang: s.lang.clone(),
            level: content.level_id.clone(),
            title: t(&content.level_name),
            rounds: content.rounds,
            states: content
                .states
                .iter()
                .map(|d| named(&d.id, &d.name))
                .collect(),
            tracks: content
                .tracks
                .iter()
                .map(|d| Named {
                    shared: d.scope == crate::content::Scope::Shared,
                    range: Some((d.min, d.max)),
                    ..named(&d.id, &d.name)
                })
                .collect(),
            postures: content
                .postures
                .iter()
                .map(|d| Named {
                    text: t(&d.text),
                    ..named(&d.id, &d.name)
                })
                .collect(),
            actions: content
                .actions
                .iter()
                .map(|d| Named {
                    text: t(&d.text),
                    ..named(&d.id, &d.name)
                })
                .collect(),
            cards: content
                .cards
                .iter()
                .map(|c| CardText {
                    id: c.id.clone(),
                    policy: c.kind == crate::content::CardKind::Policy,
                    title: t(&c.title),
                    text: t(&c.text),
                    note: t(&c.note),
                    source: c.source.clone(),
                    cost: c.cost,
                })
                .collect(),
            choices: content
                .choices
                .iter()
                .map(|c| ChoiceText {
                    prompt: t(&c.prompt),
                    options: c.options.iter().map(|o| t(&o.label)).collect(),
                })
                .collect(),
            regions: content
                .regions
                .iter()
                .map(|d| named(&d.id, &d.name))
                .collect(),
            tokens: content
                .tokens
                .iter()
                .map(|d| named(&d.id, &d.name))
                .collect(),
            powers: content
                .powers
                .iter()
                .map(|d| named(&d.id, &d.name))
                .collect(),
            start: StartTracks {
                shared: content.shared_start.clone(),
                seats: content.states.iter().map(|d| d.start.clone()).collect(),
            },
            strings: PAGE_STRINGS
                .iter()
                .map(|k| ((*k).to_string(), s.get(k).to_string()))
                .collect(),
        }
    }
}
