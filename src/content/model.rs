//! Validated content: every name resolved to a typed id, every number in range.

use std::collections::HashMap;

pub use super::raw::{CardKind, PhaseName, Quadrant, RegionKind, Scope, Text};

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident($t:ty)) => {
        $(#[$m])*
        #[derive(
            Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub $t);
        impl $name {
            /// The index into the content's table.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id_type!(/// A track.
    TrackId(u8));
id_type!(/// A token kind.
    TokenKind(u8));
id_type!(/// A posture.
    PostureId(u8));
id_type!(/// An organization.
    OrgId(u8));
id_type!(/// A great power.
    PowerId(u8));
id_type!(/// An action of the policy phase.
    ActionId(u16));
id_type!(/// A board region.
    RegionId(u16));
id_type!(/// A border.
    BorderId(u16));
id_type!(/// A playable state, which is also its seat index.
    SeatId(u8));
id_type!(/// A card of either deck.
    CardId(u16));
id_type!(/// An era.
    EraId(u8));
id_type!(/// A lasting effect.
    LastingId(u16));
id_type!(/// A choice some effect offers (every `Choice` in the content has one).
    ChoiceId(u16));

/// A track definition.
#[derive(Debug, Clone)]
pub struct TrackDef {
    pub id: String,
    pub scope: Scope,
    pub name: Text,
    pub min: i32,
    pub max: i32,
    pub start: i32,
}

impl TrackDef {
    /// `value` clamped into the track's range.
    pub fn clamp(&self, value: i64) -> i32 {
        value.clamp(self.min as i64, self.max as i64) as i32
    }
}

/// A token kind definition.
#[derive(Debug, Clone)]
pub struct TokenDef {
    pub id: String,
    pub name: Text,
    /// The name with a count (a Fluent pattern on `$count`, per language).
    pub counted: Text,
    pub supply: u32,
    pub upkeep: Vec<Effect>,
    pub fade_percent: u32,
}

/// A posture definition.
#[derive(Debug, Clone)]
pub struct PostureDef {
    pub id: String,
    pub name: Text,
    /// A short name for tables (the id where the content gives none).
    pub short: Text,
    pub text: Text,
    pub each_round: Vec<Effect>,
}

/// An organization.
#[derive(Debug, Clone)]
pub struct OrgDef {
    pub id: String,
    pub name: Text,
}

/// A great power.
#[derive(Debug, Clone)]
pub struct PowerDef {
    pub id: String,
    pub name: Text,
    pub reaction: Vec<Effect>,
}

/// An action of the policy phase.
#[derive(Debug, Clone)]
pub struct ActionDef {
    pub id: String,
    pub name: Text,
    pub text: Text,
    pub cost: u32,
    /// Cost by posture index.
    pub cost_in: Vec<u32>,
    /// Empty: any state.
    pub only: Vec<SeatId>,
    pub when: Cond,
    pub per_round: u32,
    pub effects: Vec<Effect>,
}

/// How the quadrant is derived.
#[derive(Debug, Clone)]
pub struct QuadrantRule {
    pub strength: TrackId,
    pub strong_at: i32,
    pub course: TrackId,
    pub radical_at: i32,
    pub involvement: TrackId,
    pub proxy_at: i32,
}

/// A spawn rule of the Afghanistan phase.
#[derive(Debug, Clone)]
pub struct SpawnRule {
    pub quadrant: Quadrant,
    pub kind: TokenKind,
    pub count: u32,
    pub regions: Vec<RegionId>,
}

/// A region.
#[derive(Debug, Clone)]
pub struct RegionDef {
    pub id: String,
    pub name: Text,
    /// A shorter name for the map, where the content gives one (see [`RegionDef::map_name`]).
    pub label: Option<Text>,
    pub kind: RegionKind,
    pub centroid: (f32, f32),
    pub polygons: Vec<Vec<(f32, f32)>>,
}

impl RegionDef {
    /// The name the map draws: the short label where there is one, else the name.
    pub fn map_name(&self) -> &Text {
        self.label.as_ref().unwrap_or(&self.name)
    }
}

/// A border.
#[derive(Debug, Clone)]
pub struct BorderDef {
    pub a: RegionId,
    pub b: RegionId,
    pub length_km: u32,
    pub porosity: i32,
    pub crossings: Vec<(Text, (f32, f32))>,
    pub line: Vec<(f32, f32)>,
}

impl BorderDef {
    /// The region on the other side from `r`, if `r` is on this border.
    pub fn other(&self, r: RegionId) -> Option<RegionId> {
        if self.a == r {
            Some(self.b)
        } else if self.b == r {
            Some(self.a)
        } else {
            None
        }
    }
}

/// A playable state.
#[derive(Debug, Clone)]
pub struct StateDef {
    pub id: String,
    pub name: Text,
    pub region: RegionId,
    pub memberships: Vec<OrgId>,
    /// Weight by track index (0 where the agenda is silent).
    pub agenda: Vec<i32>,
    /// Start value by track index (per-state tracks only meaningful).
    pub start: Vec<i32>,
    pub posture: PostureId,
    pub note: Text,
}

/// An era.
#[derive(Debug, Clone)]
pub struct EraDef {
    pub id: String,
    pub name: Text,
    pub from_round: u32,
}

/// A card.
#[derive(Debug, Clone)]
pub struct CardDef {
    pub id: String,
    pub kind: CardKind,
    pub title: Text,
    pub text: Text,
    pub note: Text,
    pub source: String,
    /// What the card says that the essay does not (empty when nothing).
    pub beyond: Text,
    /// A fuller account of violence, shown only with detailed descriptions (empty: none).
    pub detail: Text,
    pub era: Option<EraId>,
    pub quadrants: Vec<Quadrant>,
    pub weight: u32,
    pub once: bool,
    pub focus: Option<SeatId>,
    pub align: Option<PowerId>,
    pub cost: u32,
    pub when: Cond,
    pub effects: Vec<Effect>,
}

/// A summit.
#[derive(Debug, Clone)]
pub struct SummitDef {
    pub id: String,
    pub name: Text,
    pub round: u32,
    pub effects: Vec<Effect>,
}

/// A lasting effect, gathered from every `AddLasting` in the content.
#[derive(Debug, Clone)]
pub struct LastingDef {
    pub id: String,
    pub name: Text,
    pub each_round: Vec<Effect>,
}

/// Who an effect is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Current,
    Seat(SeatId),
}

/// A place for tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    Region(RegionId),
    Home(Who),
    RandomAfghan,
    Everywhere,
}

/// One option of a choice.
#[derive(Debug, Clone)]
pub struct ChoiceOption {
    pub label: Text,
    pub effects: Vec<Effect>,
}

/// A choice: its prompt and its options.
#[derive(Debug, Clone)]
pub struct ChoiceDef {
    pub prompt: Text,
    pub options: Vec<ChoiceOption>,
}

/// A resolved effect.
#[derive(Debug, Clone)]
pub enum Effect {
    Shift {
        track: TrackId,
        who: Who,
        by: i32,
    },
    Spawn {
        kind: TokenKind,
        at: At,
        count: u32,
    },
    Remove {
        kind: TokenKind,
        at: At,
        count: u32,
    },
    Move {
        kind: TokenKind,
        from: At,
        to: At,
        count: u32,
    },
    Porosity {
        who: Who,
        by: i32,
    },
    BorderPorosity {
        border: BorderId,
        by: i32,
    },
    AddLasting {
        lasting: LastingId,
        rounds: u32,
    },
    RemoveLasting {
        lasting: LastingId,
    },
    Choice {
        who: Who,
        choice: ChoiceId,
    },
    If {
        cond: Cond,
        then: Vec<Effect>,
        otherwise: Vec<Effect>,
    },
    ForEachState {
        cond: Cond,
        effects: Vec<Effect>,
    },
    Repeat {
        times: u32,
        effects: Vec<Effect>,
    },
    Trigger {
        card: CardId,
    },
    Draw {
        who: Who,
        count: u32,
    },
    Join {
        who: Who,
        org: OrgId,
    },
    Leave {
        who: Who,
        org: OrgId,
    },
}

/// A resolved condition.
#[derive(Debug, Clone, Default)]
pub enum Cond {
    #[default]
    Always,
    Quadrant(Quadrant),
    AtLeast {
        track: TrackId,
        who: Who,
        value: i32,
    },
    AtMost {
        track: TrackId,
        who: Who,
        value: i32,
    },
    Posture {
        who: Who,
        posture: PostureId,
    },
    Member {
        who: Who,
        org: OrgId,
    },
    IsState(SeatId),
    BordersAfghanistan(Who),
    Lasting(LastingId),
    Era(EraId),
    Tokens {
        kind: TokenKind,
        at: At,
        count: u32,
    },
    RoundAtLeast(u32),
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
}

/// Tracks the rules themselves need.
#[derive(Debug, Clone)]
pub struct CoreTracks {
    pub stability: TrackId,
    pub round_tracks: Vec<TrackId>,
}

/// What the content's names mean (see [`super::raw::RawRoles`]).
#[derive(Debug, Clone)]
pub struct Roles {
    pub open_posture: PostureId,
    pub aligned_posture: PostureId,
    pub security: TrackId,
    pub economy: TrackId,
    pub autonomy: TrackId,
    /// By power index: the per-state track of ties with that power, if any.
    pub ties: Vec<Option<TrackId>>,
    /// By power index: the per-state track of dependency on that power, if any.
    pub dependency: Vec<Option<TrackId>>,
    /// By track index: how a step up of a shared track bears on the neighbours' interest.
    pub region_interest: Vec<i32>,
    /// Shared tracks charted in the debrief.
    pub charts: Vec<TrackId>,
}

/// Everything a game needs, validated.
#[derive(Debug, Clone)]
pub struct Content {
    pub level_id: String,
    pub level_name: Text,
    pub level_description: Text,
    pub rounds: u32,
    pub events_per_round: u32,
    pub hand_size: u32,
    pub action_points: u32,
    pub tracks: Vec<TrackDef>,
    pub tokens: Vec<TokenDef>,
    pub postures: Vec<PostureDef>,
    pub orgs: Vec<OrgDef>,
    pub powers: Vec<PowerDef>,
    pub actions: Vec<ActionDef>,
    pub quadrants: QuadrantRule,
    pub taliban: Vec<Effect>,
    /// Effects run for every state in each review phase.
    pub each_state: Vec<Effect>,
    pub spawns: Vec<SpawnRule>,
    pub crossing_percent_per_porosity: u32,
    pub max_porosity: i32,
    pub core: CoreTracks,
    pub roles: Roles,
    pub regions: Vec<RegionDef>,
    pub borders: Vec<BorderDef>,
    pub states: Vec<StateDef>,
    pub eras: Vec<EraDef>,
    pub cards: Vec<CardDef>,
    pub summits: Vec<SummitDef>,
    pub lasting: Vec<LastingDef>,
    /// Every choice the content's effects offer, by [`ChoiceId`].
    pub choices: Vec<ChoiceDef>,
    /// Starting value of every track (per-state ones are the rules' defaults).
    pub shared_start: Vec<i32>,
    /// Event cards placed on top of the deck, in order.
    pub opening: Vec<CardId>,
    /// The state a single player is meant to take (tutorials).
    pub player: Option<SeatId>,
    /// The state offered first to a lone player.
    pub featured: Option<SeatId>,
    /// Guidance for the player: round, phase and text.
    pub guide: Vec<(u32, PhaseName, Text)>,
    /// FNV-1a hash of every file the level loaded, in load order.
    pub hash: u64,
    /// Ids to indices, for quick lookups of commands' names.
    pub index: NameIndex,
    /// Files loaded, in order (relative paths as named).
    pub files: Vec<String>,
    /// Each action, then each policy card: whether its effects ask any state's posture
    /// (a bot weighing postures values the others once).
    pub asks_posture: Vec<bool>,
    /// Each power's reaction, effect by effect: whether it asks any state's posture (a bot
    /// weighing postures weighs only those).
    pub reaction_asks_posture: Vec<Vec<bool>>,
}

/// Names of tracks, cards, actions, postures and states, to their indices.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    pub tracks: HashMap<String, u16>,
    pub cards: HashMap<String, u16>,
    pub actions: HashMap<String, u16>,
    pub postures: HashMap<String, u16>,
    pub states: HashMap<String, u16>,
}

impl NameIndex {
    fn of<'a>(ids: impl Iterator<Item = &'a String>) -> HashMap<String, u16> {
        ids.enumerate()
            .map(|(i, id)| (id.clone(), i as u16))
            .collect()
    }

    /// The index of every name in `content`.
    pub fn build(content: &Content) -> Self {
        NameIndex {
            tracks: Self::of(content.tracks.iter().map(|t| &t.id)),
            cards: Self::of(content.cards.iter().map(|t| &t.id)),
            actions: Self::of(content.actions.iter().map(|t| &t.id)),
            postures: Self::of(content.postures.iter().map(|t| &t.id)),
            states: Self::of(content.states.iter().map(|t| &t.id)),
        }
    }
}

/// Every choice a list of effects may offer, in the order they come (the first is the one
/// a card waiting for an answer asks).
pub fn choices_in(list: &[Effect]) -> Vec<ChoiceId> {
    fn collect(list: &[Effect], out: &mut Vec<ChoiceId>) {
        for e in list {
            match e {
                Effect::Choice { choice, .. } => out.push(*choice),
                Effect::If {
                    then, otherwise, ..
                } => {
                    collect(then, out);
                    collect(otherwise, out);
                }
                Effect::ForEachState { effects, .. } | Effect::Repeat { effects, .. } => {
                    collect(effects, out);
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    collect(list, &mut out);
    out
}

/// Whether a condition asks a state's posture.
fn cond_asks_posture(c: &Cond) -> bool {
    match c {
        Cond::Posture { .. } => true,
        Cond::All(cs) | Cond::Any(cs) => cs.iter().any(cond_asks_posture),
        Cond::Not(c) => cond_asks_posture(c),
        _ => false,
    }
}

/// Whether effects ask a state's posture (cards they trigger and choices they offer
/// included, to `depth`).
pub fn effects_ask_posture(content: &Content, effects: &[Effect], depth: u8) -> bool {
    if depth > 6 {
        return true;
    }
    effects.iter().any(|e| match e {
        Effect::If {
            cond,
            then,
            otherwise,
        } => {
            cond_asks_posture(cond)
                || effects_ask_posture(content, then, depth + 1)
                || effects_ask_posture(content, otherwise, depth + 1)
        }
        Effect::ForEachState { cond, effects } => {
            cond_asks_posture(cond) || effects_ask_posture(content, effects, depth + 1)
        }
        Effect::Repeat { effects, .. } => effects_ask_posture(content, effects, depth + 1),
        Effect::Trigger { card } => content
            .cards
            .get(card.index())
            .is_none_or(|c| effects_ask_posture(content, &c.effects, depth + 1)),
        Effect::Choice { choice, .. } => content.choices.get(choice.index()).is_none_or(|c| {
            c.options
                .iter()
                .any(|o| effects_ask_posture(content, &o.effects, depth + 1))
        }),
        _ => false,
    })
}

impl Content {
    /// Track id by name.
    pub fn track(&self, id: &str) -> Option<TrackId> {
        self.index.tracks.get(id).map(|&i| TrackId(i as u8))
    }

    /// Card id by name.
    pub fn card(&self, id: &str) -> Option<CardId> {
        self.index.cards.get(id).map(|&i| CardId(i))
    }

    /// Action id by name.
    pub fn action(&self, id: &str) -> Option<ActionId> {
        self.index.actions.get(id).map(|&i| ActionId(i))
    }

    /// Posture id by name.
    pub fn posture(&self, id: &str) -> Option<PostureId> {
        self.index.postures.get(id).map(|&i| PostureId(i as u8))
    }

    /// Seat id by state id.
    pub fn seat(&self, id: &str) -> Option<SeatId> {
        self.index.states.get(id).map(|&i| SeatId(i as u8))
    }

    /// Number of seats.
    pub fn seats(&self) -> usize {
        self.states.len()
    }

    /// The era in force in a round.
    pub fn era_at(&self, round: u32) -> EraId {
        let mut era = 0;
        for (i, e) in self.eras.iter().enumerate() {
            if e.from_round <= round {
                era = i;
            }
        }
        EraId(era as u8)
    }

    /// Per-state track ids, in order.
    pub fn state_tracks(&self) -> impl Iterator<Item = TrackId> + '_ {
        self.tracks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.scope == Scope::State)
            .map(|(i, _)| TrackId(i as u8))
    }

    /// Whether region `r` shares a border with any Afghan region.
    pub fn borders_afghanistan(&self, r: RegionId) -> bool {
        self.borders.iter().any(|b| {
            b.other(r)
                .is_some_and(|o| self.regions[o.index()].kind == RegionKind::Afghan)
        })
    }
}
