//! Raw content shapes, exactly as they are written in RON, before validation.
//!
//! Nothing here is trusted: names are plain strings and numbers are unchecked. The
//! [`super::validate`] pass turns these into the typed, resolved [`super::Content`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Player-facing text, one entry per language code: `{"en": "…", "ru": "…"}`.
pub type Text = BTreeMap<String, String>;

/// A level: which content it uses, how long it lasts, where it starts.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename = "Level", deny_unknown_fields)]
pub struct RawLevel {
    /// Unique id, such as `"autumn-2021"`.
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub description: Text,
    /// Rules file, relative to the assets folder.
    pub rules: String,
    /// Board file, relative to the assets folder.
    pub map: String,
    /// States file, relative to the assets folder.
    pub states: String,
    /// Event card files, relative to the assets folder.
    pub events: Vec<String>,
    /// Policy card files, relative to the assets folder.
    pub policies: Vec<String>,
    /// Number of rounds (seasons) the game lasts.
    pub rounds: u32,
    /// Eras; the first must start at round 1.
    pub eras: Vec<RawEra>,
    /// Event cards revealed in each news phase.
    pub events_per_round: u32,
    /// Policy cards each state holds after the review phase.
    pub hand_size: u32,
    /// Action points each state has in each policy phase.
    pub action_points: u32,
    /// Starting values of shared tracks, overriding the rules' defaults.
    #[serde(default)]
    pub start: BTreeMap<String, i32>,
    /// Starting values of per-state tracks, by state id, overriding the states file.
    #[serde(default)]
    pub state_start: BTreeMap<String, BTreeMap<String, i32>>,
    /// Starting postures by state id, overriding the states file.
    #[serde(default)]
    pub postures: BTreeMap<String, String>,
    /// Summits: effects run in the review phase of a given round.
    #[serde(default)]
    pub summits: Vec<RawSummit>,
    /// Event cards placed on top of the deck in this order (scripted openings, tutorials).
    #[serde(default)]
    pub opening: Vec<String>,
    /// The state a single player is meant to take (tutorials); empty: any.
    #[serde(default)]
    pub player: String,
    /// Guidance shown to the player at given points of the game (tutorials).
    #[serde(default)]
    pub guide: Vec<RawGuideStep>,
    /// The level's place in the new-game page's list (smaller first; then by file name).
    #[serde(default = "default_order")]
    pub order: u32,
}

fn default_order() -> u32 {
    100
}

/// A phase of the round, as content names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum PhaseName {
    News,
    Policy,
    Resolution,
    Afghanistan,
    Review,
}

/// One step of a tutorial's guidance.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawGuideStep {
    pub round: u32,
    pub phase: PhaseName,
    pub text: Text,
}

/// An era of the event deck: its cards join the deck from `from_round` on.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawEra {
    pub id: String,
    pub name: Text,
    pub from_round: u32,
}

/// A summit that scores in the review phase of `round`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSummit {
    pub id: String,
    pub name: Text,
    pub round: u32,
    pub effects: Vec<RawEffect>,
}

/// The rules file: tracks, tokens, postures, actions, powers and the Afghan phase.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename = "Rules", deny_unknown_fields)]
pub struct RawRules {
    pub tracks: Vec<RawTrack>,
    pub tokens: Vec<RawTokenKind>,
    pub postures: Vec<RawPosture>,
    pub organizations: Vec<RawOrganization>,
    pub powers: Vec<RawPower>,
    pub actions: Vec<RawAction>,
    pub quadrants: RawQuadrants,
    /// Effects of the Afghanistan phase, before threats spawn.
    pub taliban: Vec<RawEffect>,
    pub spawns: Vec<RawSpawn>,
    /// Chance in percent that a token crosses a border, per point of porosity.
    pub crossing_percent_per_porosity: u32,
    /// Largest porosity a border can have; the smallest is 0.
    pub max_porosity: i32,
    /// The shared track whose reaching its minimum collapses the region.
    pub stability_track: String,
    /// Shared tracks set back to their start at the end of every round.
    #[serde(default)]
    pub round_tracks: Vec<String>,
    /// Effects run for every state in each review phase, before its posture's (the
    /// current state is that state): the running costs of governing.
    #[serde(default)]
    pub each_state: Vec<RawEffect>,
    /// What the rules' names mean to the engine, the bots and the window.
    pub roles: RawRoles,
}

/// What the rules' names mean to the engine, the bots and the window: no code names a
/// posture, track or power of the shipped content; it reads them here.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRoles {
    /// The posture that keeps every door open (multi-vector).
    pub open_posture: String,
    /// The posture that leans on some powers (dual-vector).
    pub aligned_posture: String,
    /// A state's security, economy and autonomy (per-state tracks).
    pub security: String,
    pub economy: String,
    pub autonomy: String,
    /// A state's ties with each power: power id → per-state track.
    pub ties: BTreeMap<String, String>,
    /// A state's dependency on each power: power id → per-state track.
    pub dependency: BTreeMap<String, String>,
    /// How a step up of a shared track bears on the neighbours' interest, as a bot
    /// judges it: shared track → weight (1 good, -1 bad); tracks not named are neutral.
    #[serde(default)]
    pub region_interest: BTreeMap<String, i32>,
    /// Shared tracks charted in the debrief beside the states' tracks.
    #[serde(default)]
    pub charts: Vec<String>,
}

/// Whether a track is held once for the region or once per state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Scope {
    Shared,
    State,
}

/// A track: a bounded integer.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTrack {
    pub id: String,
    pub scope: Scope,
    pub name: Text,
    pub min: i32,
    pub max: i32,
    pub start: i32,
}

/// A kind of threat token.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTokenKind {
    pub id: String,
    pub name: Text,
    /// The name with a count, as a Fluent pattern on `$count` per language, so that a
    /// count reads right in every language: `{ $count -> [one] militant *[other] militants }`.
    #[serde(default)]
    pub counted: Text,
    /// How many exist in all: tokens come from and return to this supply.
    pub supply: u32,
    /// Effects run in the review phase for each token of this kind in a state's region
    /// (the current state is that state).
    pub upkeep: Vec<RawEffect>,
    /// Percent chance that a token in a state region is absorbed (returns to supply)
    /// in each review phase.
    pub fade_percent: u32,
}

/// A diplomatic posture, such as multi-vector or dual-vector.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPosture {
    pub id: String,
    pub name: Text,
    /// A short name for tables (the id where none is given).
    #[serde(default)]
    pub short: Text,
    #[serde(default)]
    pub text: Text,
    /// Effects run for each state in this posture during the review phase.
    pub each_round: Vec<RawEffect>,
}

/// An organization a state can belong to (CSTO, SCO…).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawOrganization {
    pub id: String,
    pub name: Text,
}

/// A great power that reacts in the resolution phase.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPower {
    pub id: String,
    pub name: Text,
    /// Effects run once in each resolution phase, after the states' orders.
    pub reaction: Vec<RawEffect>,
}

/// An action a state may take in the policy phase.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawAction {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub text: Text,
    /// Action point cost.
    pub cost: u32,
    /// Cost in a given posture, when it differs.
    #[serde(default)]
    pub cost_in: BTreeMap<String, u32>,
    /// Only these states may take it (empty: any).
    #[serde(default)]
    pub only: Vec<String>,
    /// When it may be taken (evaluated for the acting state).
    #[serde(default)]
    pub when: RawCond,
    /// How many times a state may take it in one round.
    #[serde(default = "one")]
    pub per_round: u32,
    pub effects: Vec<RawEffect>,
}

fn one() -> u32 {
    1
}

/// How the Kazantsev quadrant is derived from the shared tracks.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuadrants {
    pub strength_track: String,
    /// The Taliban are strong when strength is at least this.
    pub strong_at: i32,
    pub course_track: String,
    /// A strong Taliban is radical when course is at least this.
    pub radical_at: i32,
    pub involvement_track: String,
    /// A weak Taliban means a proxy war when outside involvement is at least this.
    pub proxy_at: i32,
}

/// The four Kazantsev scenarios.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum Quadrant {
    StrongModerate,
    StrongRadical,
    WeakContained,
    WeakProxy,
}

impl Quadrant {
    /// All four, in a fixed order.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::StrongModerate,
        Quadrant::StrongRadical,
        Quadrant::WeakContained,
        Quadrant::WeakProxy,
    ];

    /// A stable short key, used in text keys, CSV and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Quadrant::StrongModerate => "strong-moderate",
            Quadrant::StrongRadical => "strong-radical",
            Quadrant::WeakContained => "weak-contained",
            Quadrant::WeakProxy => "weak-proxy",
        }
    }
}

/// Threats that spawn in the Afghanistan phase while a quadrant is active.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpawn {
    pub quadrant: Quadrant,
    pub kind: String,
    pub count: u32,
    /// Afghan regions to choose from (one at random per token).
    pub regions: Vec<String>,
}

/// The board: regions and the borders between them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename = "Board", deny_unknown_fields)]
pub struct RawBoard {
    /// How the geometry was projected, for the record.
    #[serde(default)]
    pub projection: String,
    pub regions: Vec<RawRegion>,
    pub borders: Vec<RawBorder>,
}

/// What a region is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum RegionKind {
    /// A game region of Afghanistan, where threats spawn.
    Afghan,
    /// One of the five Central Asian states.
    State,
    /// A neighbour run by events (Iran, Pakistan, China, Russia).
    Neighbour,
}

/// A region of the board.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub id: String,
    pub name: Text,
    /// A shorter name for the map, where the full one would crowd its neighbours (the
    /// tooltip and the log keep the full name). Drawing only.
    #[serde(default)]
    pub label: Option<Text>,
    pub kind: RegionKind,
    /// Where to draw its label and tokens, in board units.
    #[serde(default)]
    pub centroid: (f32, f32),
    /// Outer rings, in board units (drawing only; rules never read them).
    #[serde(default)]
    pub polygons: Vec<Vec<(f32, f32)>>,
    /// Source provinces, for the record.
    #[serde(default)]
    pub provinces: Vec<String>,
}

/// A border between two regions.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawBorder {
    pub a: String,
    pub b: String,
    pub length_km: u32,
    /// How easily threats cross, from 0 (sealed) to the rules' maximum.
    pub porosity: i32,
    #[serde(default)]
    pub crossings: Vec<RawCrossing>,
    /// The shared line, in board units (drawing only).
    #[serde(default)]
    pub line: Vec<(f32, f32)>,
}

/// A named crossing point on a border.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawCrossing {
    pub name: Text,
    #[serde(default)]
    pub at: (f32, f32),
}

/// The states file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename = "States", deny_unknown_fields)]
pub struct RawStates {
    pub states: Vec<RawState>,
    /// The state offered first to a lone player (the one the essay is most about).
    #[serde(default)]
    pub featured: String,
}

/// One of the playable states.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawState {
    /// Short id, such as `"TJK"`.
    pub id: String,
    pub name: Text,
    /// The board region that is this state.
    pub region: String,
    #[serde(default)]
    pub memberships: Vec<String>,
    /// Weights of the national-interest score, by per-state track id.
    pub agenda: BTreeMap<String, i32>,
    /// Starting values of per-state tracks, overriding the rules' defaults.
    #[serde(default)]
    pub start: BTreeMap<String, i32>,
    /// Starting posture id.
    pub posture: String,
    /// Why this state is built this way, for the rules and the debrief.
    #[serde(default)]
    pub note: Text,
}

/// A file of cards.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename = "Cards", deny_unknown_fields)]
pub struct RawCards {
    pub cards: Vec<RawCard>,
}

/// Whether a card is revealed as news or held in a hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum CardKind {
    Event,
    Policy,
}

/// A card of either deck.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawCard {
    pub id: String,
    pub kind: CardKind,
    pub title: Text,
    /// What it does, in words.
    pub text: Text,
    /// A short historical note, in the project's own words.
    pub note: Text,
    /// The source the essay cites, such as "UNODC 2021" (see docs/SOURCES.md).
    pub source: String,
    /// What the card says that the essay does not (empty when nothing): shown with its
    /// note, so a class can tell the essay's facts from the game's.
    #[serde(default)]
    pub beyond: Text,
    /// A fuller account of the violence the note speaks of, shown only when the reader
    /// chose detailed descriptions (the content-sensitivity setting; empty when none).
    #[serde(default)]
    pub detail: Text,
    /// Event cards: the era whose deck it joins.
    #[serde(default)]
    pub era: String,
    /// Event cards: quadrants in which it can come up (empty: all).
    #[serde(default)]
    pub quadrants: Vec<Quadrant>,
    /// Event cards: relative chance of being drawn.
    #[serde(default = "one")]
    pub weight: u32,
    /// Removed from the game once resolved.
    #[serde(default)]
    pub once: bool,
    /// Event cards: the state it concerns, bound as the current state.
    #[serde(default)]
    pub focus: String,
    /// Policy cards: the power it is aligned with (empty: none).
    #[serde(default)]
    pub align: String,
    /// Policy cards: action point cost to play.
    #[serde(default = "one")]
    pub cost: u32,
    /// When it can come up (events) or be played (policies).
    #[serde(default)]
    pub when: RawCond,
    pub effects: Vec<RawEffect>,
}

/// Who an effect or condition is about.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
pub enum Who {
    /// The state in focus: the acting state, the chooser, or the state of `ForEachState`.
    #[default]
    Current,
    /// A state by id.
    State(String),
}

/// A place for tokens.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub enum At {
    /// A region by id.
    Region(String),
    /// A state's own region.
    Home(Who),
    /// A random Afghan region (from the game's seeded RNG).
    RandomAfghan,
    /// Every region of the given kind: only for `Remove`.
    Everywhere,
}

/// One step of the effect language.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub enum RawEffect {
    /// Move a track by `by`, clamped to its range.
    Shift {
        track: String,
        #[serde(default)]
        who: Who,
        by: i32,
    },
    /// Take tokens from the supply and place them.
    Spawn { kind: String, at: At, count: u32 },
    /// Return tokens to the supply.
    Remove { kind: String, at: At, count: u32 },
    /// Move tokens between regions.
    Move {
        kind: String,
        from: At,
        to: At,
        count: u32,
    },
    /// Change the porosity of every border between a state and Afghanistan.
    Porosity {
        #[serde(default)]
        who: Who,
        by: i32,
    },
    /// Change the porosity of one border.
    BorderPorosity { a: String, b: String, by: i32 },
    /// Put a lasting effect in play for `rounds` rounds, running `each_round` in every review.
    AddLasting {
        id: String,
        name: Text,
        rounds: u32,
        #[serde(default)]
        each_round: Vec<RawEffect>,
    },
    /// End a lasting effect early.
    RemoveLasting { id: String },
    /// Offer a state a choice between options.
    Choice {
        #[serde(default)]
        who: Who,
        prompt: Text,
        options: Vec<RawOption>,
    },
    /// Branch on a condition.
    If {
        cond: RawCond,
        then: Vec<RawEffect>,
        #[serde(default, rename = "else")]
        otherwise: Vec<RawEffect>,
    },
    /// Run effects once for each state matching a condition, in seat order, with that
    /// state as the current state.
    ForEachState {
        #[serde(default)]
        cond: RawCond,
        effects: Vec<RawEffect>,
    },
    /// Run effects several times.
    Repeat { times: u32, effects: Vec<RawEffect> },
    /// Run another card's effects.
    Trigger { card: String },
    /// A state draws policy cards.
    Draw {
        #[serde(default)]
        who: Who,
        count: u32,
    },
    /// A state joins an organization.
    Join {
        #[serde(default)]
        who: Who,
        org: String,
    },
    /// A state leaves (or suspends) its membership.
    Leave {
        #[serde(default)]
        who: Who,
        org: String,
    },
}

/// One option of a choice.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub label: Text,
    pub effects: Vec<RawEffect>,
}

/// A condition.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
pub enum RawCond {
    #[default]
    Always,
    Quadrant(Quadrant),
    /// A track is at least `value`.
    AtLeast {
        track: String,
        #[serde(default)]
        who: Who,
        value: i32,
    },
    /// A track is at most `value`.
    AtMost {
        track: String,
        #[serde(default)]
        who: Who,
        value: i32,
    },
    /// A state is in a posture.
    Posture {
        #[serde(default)]
        who: Who,
        posture: String,
    },
    /// A state belongs to an organization.
    Member {
        #[serde(default)]
        who: Who,
        org: String,
    },
    /// The current state is the given one.
    IsState(String),
    /// A state's region borders an Afghan region.
    BordersAfghanistan(Who),
    /// A lasting effect is in play.
    Lasting(String),
    /// The current era is this one.
    Era(String),
    /// At least `count` tokens of a kind are in a place.
    Tokens {
        kind: String,
        at: At,
        count: u32,
    },
    /// The round is at least this.
    RoundAtLeast(u32),
    All(Vec<RawCond>),
    Any(Vec<RawCond>),
    Not(Box<RawCond>),
}
