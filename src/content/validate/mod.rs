//! The second loading phase: raw shapes in, typed [`Content`] out, with every problem
//! reported at once as `path:line:col: message`.

mod board;
mod cards;
mod level;
mod refs;
mod rules;

use std::collections::HashMap;

use super::diag::{Diags, SourceFile};
use super::model::*;
use super::raw::{self, RawCond, RawEffect};
use super::{
    MAX_CARDS, MAX_CHOICE_OPTIONS, MAX_EFFECT_DEPTH, MAX_EFFECT_NODES, MAX_REPEAT, MAX_ROUNDS,
    MAX_SEATS, MAX_SUPPLY,
};

/// The parsed files of one level.
pub struct RawBundle<'a> {
    pub level: (&'a SourceFile, &'a raw::RawLevel),
    pub rules: (&'a SourceFile, &'a raw::RawRules),
    pub board: (&'a SourceFile, &'a raw::RawBoard),
    pub states: (&'a SourceFile, &'a raw::RawStates),
    pub cards: Vec<(&'a SourceFile, &'a raw::RawCards)>,
}

/// Where an effect list sits, for locating problems and checking `Current`.
#[derive(Clone, Copy)]
struct Cx<'a> {
    file: &'a SourceFile,
    at: usize,
    current: bool,
    depth: usize,
}

impl<'a> Cx<'a> {
    fn with_current(self, current: bool) -> Self {
        Cx { current, ..self }
    }
    fn deeper(self) -> Self {
        Cx {
            depth: self.depth + 1,
            ..self
        }
    }
}

struct Names {
    map: HashMap<String, usize>,
    order: Vec<String>,
}

impl Names {
    fn new() -> Self {
        Names {
            map: HashMap::new(),
            order: Vec::new(),
        }
    }
    fn insert(&mut self, id: &str) -> Option<usize> {
        if self.map.contains_key(id) {
            return None;
        }
        let i = self.order.len();
        self.map.insert(id.to_string(), i);
        self.order.push(id.to_string());
        Some(i)
    }
    fn get(&self, id: &str) -> Option<usize> {
        self.map.get(id).copied()
    }
    /// "did you mean …?" for a name close to one of these, then the list.
    fn expected_for(&self, id: &str) -> String {
        let close = self
            .order
            .iter()
            .map(|n| (edit_distance(n, id), n))
            .filter(|(d, _)| *d <= 2)
            .min();
        match close {
            Some((_, n)) => format!("did you mean `{n}`? {}", self.expected()),
            None => self.expected(),
        }
    }

    fn expected(&self) -> String {
        let mut list: Vec<&str> = self.order.iter().map(String::as_str).collect();
        if list.len() > 12 {
            list.truncate(12);
            list.push("…");
        }
        if list.is_empty() {
            "none are defined".to_string()
        } else {
            format!("expected one of: {}", list.join(", "))
        }
    }
}

/// Levenshtein distance, for suggestions (names are short).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

struct V<'a> {
    d: &'a mut Diags,
    tracks: Names,
    track_defs: Vec<TrackDef>,
    tokens: Names,
    token_supply: Vec<u32>,
    postures: Names,
    orgs: Names,
    powers: Names,
    regions: Names,
    region_kinds: Vec<RegionKind>,
    states: Names,
    state_regions: Vec<RegionId>,
    borders: HashMap<(usize, usize), usize>,
    eras: Names,
    cards: Names,
    lasting: Names,
    lasting_defs: Vec<(Text, Option<Vec<RawEffect>>, bool)>,
    choices: Vec<ChoiceDef>,
    nodes: usize,
}

/// Check and resolve a whole level. `Err` holds nothing: the problems are in `d`.
pub fn validate(b: &RawBundle<'_>, d: &mut Diags) -> Option<Content> {
    let mut v = V {
        d,
        tracks: Names::new(),
        track_defs: Vec::new(),
        tokens: Names::new(),
        token_supply: Vec::new(),
        postures: Names::new(),
        orgs: Names::new(),
        powers: Names::new(),
        regions: Names::new(),
        region_kinds: Vec::new(),
        states: Names::new(),
        state_regions: Vec::new(),
        borders: HashMap::new(),
        eras: Names::new(),
        cards: Names::new(),
        lasting: Names::new(),
        lasting_defs: Vec::new(),
        choices: Vec::new(),
        nodes: 0,
    };
    let errors_before = v.d.list.len();
    let (rf, rules) = b.rules;
    let (lf, level) = b.level;
    let (bf, board) = b.board;
    let (sf, states) = b.states;

    // Names first, so that every reference can be resolved whatever the order.
    v.declare_tracks(rf, rules);
    declare(
        &mut v.tokens,
        v.d,
        rf,
        rules.tokens.iter().map(|t| &t.id),
        "token kind",
    );
    v.token_supply = rules.tokens.iter().map(|t| t.supply).collect();
    declare(
        &mut v.postures,
        v.d,
        rf,
        rules.postures.iter().map(|t| &t.id),
        "posture",
    );
    declare(
        &mut v.orgs,
        v.d,
        rf,
        rules.organizations.iter().map(|t| &t.id),
        "organization",
    );
    declare(
        &mut v.powers,
        v.d,
        rf,
        rules.powers.iter().map(|t| &t.id),
        "power",
    );
    declare(
        &mut v.regions,
        v.d,
        bf,
        board.regions.iter().map(|t| &t.id),
        "region",
    );
    v.region_kinds = board.regions.iter().map(|r| r.kind).collect();
    declare(
        &mut v.states,
        v.d,
        sf,
        states.states.iter().map(|t| &t.id),
        "state",
    );
    declare(
        &mut v.eras,
        v.d,
        lf,
        level.eras.iter().map(|t| &t.id),
        "era",
    );
    for (cf, cards) in &b.cards {
        declare(
            &mut v.cards,
            v.d,
            cf,
            cards.cards.iter().map(|c| &c.id),
            "card",
        );
    }
    v.check_counts(b);
    v.gather_lasting(b);

    // The board.
    let regions = v.resolve_regions(bf, board);
    let borders = v.resolve_borders(bf, board, rules.max_porosity);
    // States need regions.
    v.state_regions = states
        .states
        .iter()
        .map(|s| {
            let at = sf.find_id(&s.id).unwrap_or(0);
            v.region_ref(sf, at, &s.region).unwrap_or(RegionId(0))
        })
        .collect();
    let rules_t = v.resolve_rules(rf, rules);
    let states_t = v.resolve_states(sf, states);
    let eras = v.resolve_eras(lf, level);
    let cards = v.resolve_cards(b);
    v.check_trigger_cycles(&cards, b);
    let (summits, shared_start, opening) = v.resolve_level(lf, level, &cards);
    let player = if level.player.is_empty() {
        None
    } else {
        let at = lf.find_field("player", 0).unwrap_or(0);
        v.state_ref(lf, at, &level.player)
    };
    let featured = if states.featured.is_empty() {
        None
    } else {
        let at = sf.find_field("featured", 0).unwrap_or(0);
        v.state_ref(sf, at, &states.featured)
    };
    let mut guide = Vec::new();
    let gat = lf.find_field("guide", 0).unwrap_or(0);
    for g in &level.guide {
        if g.round == 0 || g.round > level.rounds {
            v.d.at(
                lf,
                gat,
                format!(
                    "a guide step is in round {}; expected 1..{}",
                    g.round, level.rounds
                ),
            );
        }
        v.check_text(lf, gat, &g.text, "guide text");
        guide.push((g.round, g.phase, g.text.clone()));
    }
    let lasting = v.resolve_lasting(b);
    let mut states_t = states_t;
    for s in &mut states_t {
        if let Some(over) = level.state_start.get(&s.id) {
            for (t, value) in over {
                if let Some(t) = v.tracks.get(t) {
                    s.start[t] = *value;
                }
            }
        }
        if let Some(p) = level.postures.get(&s.id).and_then(|p| v.postures.get(p)) {
            s.posture = PostureId(p as u8);
        }
    }

    if v.d.list.len() > errors_before {
        return None;
    }
    let RulesOut {
        tracks,
        tokens,
        postures,
        orgs,
        powers,
        actions,
        quadrants,
        taliban,
        each_state,
        spawns,
        core,
        roles,
    } = rules_t;
    Some(Content {
        level_id: level.id.clone(),
        level_name: level.name.clone(),
        level_description: level.description.clone(),
        rounds: level.rounds,
        events_per_round: level.events_per_round,
        hand_size: level.hand_size,
        action_points: level.action_points,
        tracks,
        tokens,
        postures,
        orgs,
        powers,
        actions,
        quadrants,
        taliban,
        each_state,
        spawns,
        crossing_percent_per_porosity: rules.crossing_percent_per_porosity,
        max_porosity: rules.max_porosity,
        core,
        roles,
        regions,
        borders,
        states: states_t,
        eras,
        cards,
        summits,
        lasting,
        choices: std::mem::take(&mut v.choices),
        shared_start,
        opening,
        player,
        featured,
        guide,
        hash: 0,
        files: Vec::new(),
        index: NameIndex::default(),
        asks_posture: Vec::new(),
        reaction_asks_posture: Vec::new(),
    })
    .map(|mut c| {
        c.index = NameIndex::build(&c);
        c.asks_posture = c
            .actions
            .iter()
            .map(|a| &a.effects)
            .chain(c.cards.iter().map(|k| &k.effects))
            .map(|e| super::model::effects_ask_posture(&c, e, 0))
            .collect();
        c.reaction_asks_posture = c
            .powers
            .iter()
            .map(|p| {
                p.reaction
                    .iter()
                    .map(|e| super::model::effects_ask_posture(&c, std::slice::from_ref(e), 0))
                    .collect()
            })
            .collect();
        c
    })
}

fn declare<'s>(
    names: &mut Names,
    d: &mut Diags,
    file: &SourceFile,
    ids: impl Iterator<Item = &'s String>,
    what: &str,
) {
    let mut seen_at: HashMap<&str, usize> = HashMap::new();
    for id in ids {
        let from = seen_at.get(id.as_str()).map_or(0, |o| o + 1);
        let at = find_id_from(file, id, from);
        seen_at.insert(id, at);
        if id.is_empty() {
            d.at(file, at, format!("a {what} has an empty id"));
            continue;
        }
        if names.insert(id).is_none() {
            d.at(file, at, format!("duplicate {what} id `{id}`"));
        }
    }
}

fn find_id_from(file: &SourceFile, id: &str, from: usize) -> usize {
    file.find_id_from(id, from)
        .or_else(|| file.find_id(id))
        .unwrap_or(0)
}

/// The rules file, resolved.
struct RulesOut {
    roles: Roles,
    tracks: Vec<TrackDef>,
    tokens: Vec<TokenDef>,
    postures: Vec<PostureDef>,
    orgs: Vec<OrgDef>,
    powers: Vec<PowerDef>,
    actions: Vec<ActionDef>,
    quadrants: QuadrantRule,
    taliban: Vec<Effect>,
    each_state: Vec<Effect>,
    spawns: Vec<SpawnRule>,
    core: CoreTracks,
}
