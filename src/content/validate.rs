//! The second loading phase: raw shapes in, typed [`Content`] out, with every problem
//! reported at once as `path:line:col: message`.

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
        regions,
        borders,
        states: states_t,
        eras,
        cards,
        summits,
        lasting,
        shared_start,
        opening,
        player,
        guide,
        hash: 0,
        files: Vec::new(),
        index: NameIndex::default(),
    })
    .map(|mut c| {
        c.index = NameIndex::build(&c);
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

impl V<'_> {
    fn declare_tracks(&mut self, rf: &SourceFile, rules: &raw::RawRules) {
        declare(
            &mut self.tracks,
            self.d,
            rf,
            rules.tracks.iter().map(|t| &t.id),
            "track",
        );
        for t in &rules.tracks {
            let at = rf.find_id(&t.id).unwrap_or(0);
            if t.min > t.max {
                self.d.at(
                    rf,
                    at,
                    format!("track `{}` has min {} above max {}", t.id, t.min, t.max),
                );
            } else if t.start < t.min || t.start > t.max {
                self.d.at(
                    rf,
                    at,
                    format!(
                        "track `{}` starts at {}, outside its range {}..{}",
                        t.id, t.start, t.min, t.max
                    ),
                );
            }
            if t.min < -1_000_000 || t.max > 1_000_000 {
                self.d.at(
                    rf,
                    at,
                    format!(
                        "track `{}` range {}..{} is too wide; expected within -1000000..1000000",
                        t.id, t.min, t.max
                    ),
                );
            }
            self.track_defs.push(TrackDef {
                id: t.id.clone(),
                scope: t.scope,
                name: t.name.clone(),
                min: t.min.min(t.max),
                max: t.max.max(t.min),
                start: t.start,
            });
        }
    }

    fn check_counts(&mut self, b: &RawBundle<'_>) {
        let (rf, rules) = b.rules;
        let limits: [(&str, usize, usize, &SourceFile); 8] = [
            ("tracks", rules.tracks.len(), 64, rf),
            ("token kinds", rules.tokens.len(), 16, rf),
            ("postures", rules.postures.len(), 8, rf),
            ("organizations", rules.organizations.len(), 32, rf),
            ("powers", rules.powers.len(), 8, rf),
            ("actions", rules.actions.len(), 200, rf),
            ("regions", b.board.1.regions.len(), 200, b.board.0),
            ("borders", b.board.1.borders.len(), 1000, b.board.0),
        ];
        for (what, n, max, file) in limits {
            if n > max {
                self.d.at(
                    file,
                    0,
                    format!("{n} {what} found; at most {max} are allowed"),
                );
            }
        }
        if rules.postures.is_empty() {
            self.d
                .at(rf, 0, "no postures are defined; expected at least one");
        }
        let n_states = b.states.1.states.len();
        if n_states == 0 || n_states > MAX_SEATS {
            self.d.at(
                b.states.0,
                0,
                format!("{n_states} states found; expected 1 to {MAX_SEATS}"),
            );
        }
        let n_cards: usize = b.cards.iter().map(|(_, c)| c.cards.len()).sum();
        if n_cards > MAX_CARDS {
            self.d.at(
                b.level.0,
                0,
                format!("{n_cards} cards found; at most {MAX_CARDS} are allowed"),
            );
        }
        let points: usize = b
            .board
            .1
            .regions
            .iter()
            .flat_map(|r| r.polygons.iter())
            .map(Vec::len)
            .sum();
        if points > 200_000 {
            self.d.at(
                b.board.0,
                0,
                format!("{points} polygon points found; at most 200000 are allowed"),
            );
        }
    }

    /// Find every `AddLasting`, so `Lasting("id")` conditions can be checked anywhere.
    fn gather_lasting(&mut self, b: &RawBundle<'_>) {
        fn walk(
            effects: &[RawEffect],
            current: bool,
            out: &mut Vec<(String, Text, Vec<RawEffect>, bool)>,
            depth: usize,
        ) {
            if depth > MAX_EFFECT_DEPTH {
                return;
            }
            for e in effects {
                match e {
                    RawEffect::AddLasting {
                        id,
                        name,
                        each_round,
                        ..
                    } => {
                        out.push((id.clone(), name.clone(), each_round.clone(), current));
                        walk(each_round, current, out, depth + 1);
                    }
                    RawEffect::Choice { options, .. } => {
                        for o in options {
                            walk(&o.effects, true, out, depth + 1);
                        }
                    }
                    RawEffect::If {
                        then, otherwise, ..
                    } => {
                        walk(then, current, out, depth + 1);
                        walk(otherwise, current, out, depth + 1);
                    }
                    RawEffect::ForEachState { effects, .. } => walk(effects, true, out, depth + 1),
                    RawEffect::Repeat { effects, .. } => walk(effects, current, out, depth + 1),
                    _ => {}
                }
            }
        }
        let mut found = Vec::new();
        for (_, cards) in &b.cards {
            for c in &cards.cards {
                let current = c.kind == raw::CardKind::Policy || !c.focus.is_empty();
                walk(&c.effects, current, &mut found, 0);
            }
        }
        let rules = b.rules.1;
        for a in &rules.actions {
            walk(&a.effects, true, &mut found, 0);
        }
        for p in &rules.postures {
            walk(&p.each_round, true, &mut found, 0);
        }
        for t in &rules.tokens {
            walk(&t.upkeep, true, &mut found, 0);
        }
        for p in &rules.powers {
            walk(&p.reaction, false, &mut found, 0);
        }
        walk(&rules.taliban, false, &mut found, 0);
        walk(&rules.each_state, true, &mut found, 0);
        for s in &b.level.1.summits {
            walk(&s.effects, false, &mut found, 0);
        }
        for (id, name, each, current) in found {
            match self.lasting.get(&id) {
                None => {
                    self.lasting.insert(&id);
                    self.lasting_defs.push((name, Some(each), current));
                }
                Some(i) => {
                    let same = self.lasting_defs[i].1.as_ref() == Some(&each);
                    if !same {
                        // Reported where the second definition sits.
                        let (file, at) = b
                            .cards
                            .iter()
                            .find_map(|(f, _)| {
                                let first = f.find_quoted(&id, 0)?;
                                f.find_quoted(&id, first + 1).map(|at| (*f, at))
                            })
                            .unwrap_or((b.rules.0, 0));
                        self.d.at(
                            file,
                            at,
                            format!(
                                "lasting effect `{id}` is defined twice with different effects; give one a new id"
                            ),
                        );
                    }
                }
            }
        }
    }

    fn resolve_lasting(&mut self, b: &RawBundle<'_>) -> Vec<LastingDef> {
        let defs = std::mem::take(&mut self.lasting_defs);
        let file = b.cards.first().map_or(b.rules.0, |(f, _)| *f);
        defs.into_iter()
            .enumerate()
            .map(|(i, (name, each, current))| {
                let id = self.lasting.order[i].clone();
                let cx = Cx {
                    file: locate_file(b, &id).unwrap_or(file),
                    at: 0,
                    current,
                    depth: 1,
                };
                let cx = Cx {
                    at: cx.file.find_quoted(&id, 0).unwrap_or(0),
                    ..cx
                };
                let each_round = self.effects(&each.unwrap_or_default(), cx);
                LastingDef {
                    id,
                    name,
                    each_round,
                }
            })
            .collect()
    }

    fn resolve_regions(&mut self, bf: &SourceFile, board: &raw::RawBoard) -> Vec<RegionDef> {
        let mut out = Vec::new();
        for r in &board.regions {
            let at = bf.find_id(&r.id).unwrap_or(0);
            self.check_text(bf, at, &r.name, "region name");
            if let Some(label) = &r.label {
                self.check_text(bf, at, label, "region label");
            }
            let finite = r
                .polygons
                .iter()
                .flatten()
                .chain(std::iter::once(&r.centroid))
                .all(|(x, y)| x.is_finite() && y.is_finite());
            if !finite {
                self.d.at(
                    bf,
                    at,
                    format!(
                        "region `{}` has a coordinate that is not a finite number",
                        r.id
                    ),
                );
            }
            for (i, p) in r.polygons.iter().enumerate() {
                if p.len() < 3 {
                    self.d.at(
                        bf,
                        at,
                        format!(
                            "polygon {} of region `{}` has {} points; expected at least 3",
                            i + 1,
                            r.id,
                            p.len()
                        ),
                    );
                }
            }
            out.push(RegionDef {
                id: r.id.clone(),
                name: r.name.clone(),
                label: r.label.clone(),
                kind: r.kind,
                centroid: r.centroid,
                polygons: r.polygons.clone(),
            });
        }
        out
    }

    fn resolve_borders(
        &mut self,
        bf: &SourceFile,
        board: &raw::RawBoard,
        max_porosity: i32,
    ) -> Vec<BorderDef> {
        let mut out = Vec::new();
        let mut cursor = bf.find_field("borders", 0).unwrap_or(0);
        for b in &board.borders {
            let at = bf
                .find_field("a", cursor)
                .and_then(|a| bf.find_quoted(&b.a, a))
                .unwrap_or(cursor);
            cursor = at + 1;
            let a = self.region_ref(bf, at, &b.a);
            let bb = self.region_ref(bf, bf.find_quoted(&b.b, at).unwrap_or(at), &b.b);
            let (Some(a), Some(bb)) = (a, bb) else {
                continue;
            };
            if a == bb {
                self.d
                    .at(bf, at, format!("border joins region `{}` to itself", b.a));
                continue;
            }
            let key = (a.index().min(bb.index()), a.index().max(bb.index()));
            if self.borders.contains_key(&key) {
                self.d.at(
                    bf,
                    at,
                    format!("duplicate border between `{}` and `{}`", b.a, b.b),
                );
                continue;
            }
            if b.porosity < 0 || b.porosity > max_porosity {
                self.d.at(
                    bf,
                    bf.find_field("porosity", at).unwrap_or(at),
                    format!(
                        "border `{}`–`{}` has porosity {}; expected 0..{}",
                        b.a, b.b, b.porosity, max_porosity
                    ),
                );
            }
            self.borders.insert(key, out.len());
            out.push(BorderDef {
                a,
                b: bb,
                length_km: b.length_km,
                porosity: b.porosity.clamp(0, max_porosity.max(0)),
                crossings: b.crossings.iter().map(|c| (c.name.clone(), c.at)).collect(),
                line: b.line.clone(),
            });
        }
        out
    }

    fn region_ref(&mut self, file: &SourceFile, at: usize, id: &str) -> Option<RegionId> {
        match self.regions.get(id) {
            Some(i) => Some(RegionId(i as u16)),
            None => {
                let at = file.find_quoted(id, at).unwrap_or(at);
                let exp = self.regions.expected_for(id);
                self.d.at(file, at, format!("unknown region `{id}`; {exp}"));
                None
            }
        }
    }

    fn resolve_rules(&mut self, rf: &SourceFile, rules: &raw::RawRules) -> RulesOut {
        let tracks = self.track_defs.clone();
        let mut tokens = Vec::new();
        for t in &rules.tokens {
            let at = rf.find_id(&t.id).unwrap_or(0);
            if t.supply > MAX_SUPPLY {
                self.d.at(
                    rf,
                    at,
                    format!(
                        "token kind `{}` has a supply of {}; at most {MAX_SUPPLY}",
                        t.id, t.supply
                    ),
                );
            }
            if t.fade_percent > 100 {
                self.d.at(
                    rf,
                    at,
                    format!(
                        "token kind `{}` fades at {}%; expected 0..100",
                        t.id, t.fade_percent
                    ),
                );
            }
            let cx = Cx {
                file: rf,
                at,
                current: true,
                depth: 0,
            };
            tokens.push(TokenDef {
                id: t.id.clone(),
                name: t.name.clone(),
                supply: t.supply.min(MAX_SUPPLY),
                upkeep: self.effects(&t.upkeep, cx),
                fade_percent: t.fade_percent.min(100),
            });
        }
        let postures = rules
            .postures
            .iter()
            .map(|p| {
                let at = rf.find_id(&p.id).unwrap_or(0);
                let cx = Cx {
                    file: rf,
                    at,
                    current: true,
                    depth: 0,
                };
                PostureDef {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    text: p.text.clone(),
                    each_round: self.effects(&p.each_round, cx),
                }
            })
            .collect::<Vec<_>>();
        let orgs = rules
            .organizations
            .iter()
            .map(|o| OrgDef {
                id: o.id.clone(),
                name: o.name.clone(),
            })
            .collect();
        let powers = rules
            .powers
            .iter()
            .map(|p| {
                let at = rf.find_id(&p.id).unwrap_or(0);
                let cx = Cx {
                    file: rf,
                    at,
                    current: false,
                    depth: 0,
                };
                PowerDef {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    reaction: self.effects(&p.reaction, cx),
                }
            })
            .collect();
        let mut actions = Vec::new();
        for a in &rules.actions {
            let at = rf.find_id(&a.id).unwrap_or(0);
            self.check_text(rf, at, &a.name, "action name");
            let cx = Cx {
                file: rf,
                at,
                current: true,
                depth: 0,
            };
            let mut cost_in = vec![a.cost; rules.postures.len()];
            for (p, c) in &a.cost_in {
                match self.postures.get(p) {
                    Some(i) => cost_in[i] = *c,
                    None => {
                        let exp = self.postures.expected_for(p);
                        self.d.at(
                            rf,
                            rf.find_quoted(p, at).unwrap_or(at),
                            format!("unknown posture `{p}` in `cost_in`; {exp}"),
                        );
                    }
                }
            }
            if cost_in
                .iter()
                .chain(std::iter::once(&a.cost))
                .any(|&c| c > 10)
            {
                self.d.at(
                    rf,
                    at,
                    format!("action `{}` costs more than 10 action points", a.id),
                );
            }
            if a.per_round == 0 || a.per_round > 10 {
                self.d.at(
                    rf,
                    at,
                    format!(
                        "action `{}` has per_round {}; expected 1..10",
                        a.id, a.per_round
                    ),
                );
            }
            let only = a
                .only
                .iter()
                .filter_map(|s| self.state_ref(rf, at, s))
                .collect();
            let when = self.cond(&a.when, cx);
            let effects = self.effects(&a.effects, cx);
            if effects.is_empty() {
                self.d
                    .at(rf, at, format!("action `{}` has no effects", a.id));
            }
            actions.push(ActionDef {
                id: a.id.clone(),
                name: a.name.clone(),
                text: a.text.clone(),
                cost: a.cost,
                cost_in,
                only,
                when,
                per_round: a.per_round,
                effects,
            });
        }
        let q = &rules.quadrants;
        let qat = rf.find_field("quadrants", 0).unwrap_or(0);
        let strength = self.track_ref(rf, qat, &q.strength_track, Some(Scope::Shared));
        let course = self.track_ref(rf, qat, &q.course_track, Some(Scope::Shared));
        let involvement = self.track_ref(rf, qat, &q.involvement_track, Some(Scope::Shared));
        for (t, v, name) in [
            (strength, q.strong_at, "strong_at"),
            (course, q.radical_at, "radical_at"),
            (involvement, q.proxy_at, "proxy_at"),
        ] {
            if let Some(t) = t {
                self.value_in_range(rf, rf.find_field(name, qat).unwrap_or(qat), t, v);
            }
        }
        let quadrants = QuadrantRule {
            strength: strength.unwrap_or(TrackId(0)),
            strong_at: q.strong_at,
            course: course.unwrap_or(TrackId(0)),
            radical_at: q.radical_at,
            involvement: involvement.unwrap_or(TrackId(0)),
            proxy_at: q.proxy_at,
        };
        let tat = rf.find_field("taliban", 0).unwrap_or(0);
        let taliban = self.effects(
            &rules.taliban,
            Cx {
                file: rf,
                at: tat,
                current: false,
                depth: 0,
            },
        );
        let eat = rf.find_field("each_state", 0).unwrap_or(0);
        let each_state = self.effects(
            &rules.each_state,
            Cx {
                file: rf,
                at: eat,
                current: true,
                depth: 0,
            },
        );
        let mut spawns = Vec::new();
        let mut cursor = rf.find_field("spawns", 0).unwrap_or(0);
        for s in &rules.spawns {
            let at = rf.find_field("quadrant", cursor).unwrap_or(cursor);
            cursor = at + 1;
            let kind = self.token_ref(rf, at, &s.kind);
            let regions: Vec<RegionId> = s
                .regions
                .iter()
                .filter_map(|r| self.region_ref(rf, at, r))
                .collect();
            for r in &regions {
                if self.region_kinds[r.index()] != RegionKind::Afghan {
                    let id = &self.regions.order[r.index()];
                    self.d.at(
                        rf,
                        rf.find_quoted(id, at).unwrap_or(at),
                        format!("threats spawn only in Afghan regions; `{id}` is not one"),
                    );
                }
            }
            if s.regions.is_empty() {
                self.d.at(
                    rf,
                    at,
                    "a spawn rule lists no regions; expected at least one",
                );
            }
            if let Some(kind) = kind {
                if s.count > self.token_supply[kind.index()] {
                    self.d.at(
                        rf,
                        at,
                        format!(
                            "a spawn of {} is more than the supply of `{}`",
                            s.count, s.kind
                        ),
                    );
                }
                spawns.push(SpawnRule {
                    quadrant: s.quadrant,
                    kind,
                    count: s.count,
                    regions,
                });
            }
        }
        if rules.crossing_percent_per_porosity > 100 {
            self.d.at(
                rf,
                rf.find_field("crossing_percent_per_porosity", 0)
                    .unwrap_or(0),
                format!(
                    "crossing_percent_per_porosity is {}; expected 0..100",
                    rules.crossing_percent_per_porosity
                ),
            );
        }
        if !(0..=100).contains(&rules.max_porosity) {
            self.d.at(
                rf,
                rf.find_field("max_porosity", 0).unwrap_or(0),
                format!("max_porosity is {}; expected 0..100", rules.max_porosity),
            );
        }
        let sat = rf.find_field("stability_track", 0).unwrap_or(0);
        let stability = self
            .track_ref(rf, sat, &rules.stability_track, Some(Scope::Shared))
            .unwrap_or(TrackId(0));
        let rat = rf.find_field("round_tracks", 0).unwrap_or(0);
        let round_tracks = rules
            .round_tracks
            .iter()
            .filter_map(|t| self.track_ref(rf, rat, t, Some(Scope::Shared)))
            .collect();
        RulesOut {
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
            core: CoreTracks {
                stability,
                round_tracks,
            },
        }
    }

    fn resolve_states(&mut self, sf: &SourceFile, states: &raw::RawStates) -> Vec<StateDef> {
        let mut out = Vec::new();
        for (i, s) in states.states.iter().enumerate() {
            let at = sf.find_id(&s.id).unwrap_or(0);
            self.check_text(sf, at, &s.name, "state name");
            let region = self.state_regions[i];
            if self.region_kinds.get(region.index()) != Some(&RegionKind::State) {
                self.d.at(
                    sf,
                    sf.find_quoted(&s.region, at).unwrap_or(at),
                    format!(
                        "state `{}` has region `{}`, which is not a State region",
                        s.id, s.region
                    ),
                );
            }
            let memberships = s
                .memberships
                .iter()
                .filter_map(|o| self.org_ref(sf, at, o))
                .collect();
            let mut agenda = vec![0; self.track_defs.len()];
            for (t, w) in &s.agenda {
                if let Some(t) = self.track_ref(sf, at, t, Some(Scope::State)) {
                    if w.abs() > 100 {
                        self.d.at(
                            sf,
                            at,
                            format!("agenda weight {w} is out of range; expected -100..100"),
                        );
                    }
                    agenda[t.index()] = (*w).clamp(-100, 100);
                }
            }
            let mut start: Vec<i32> = self.track_defs.iter().map(|t| t.start).collect();
            for (t, v) in &s.start {
                if let Some(t) = self.track_ref(sf, at, t, Some(Scope::State))
                    && self.value_in_range(
                        sf,
                        sf.find_quoted(&self.track_defs[t.index()].id.clone(), at)
                            .unwrap_or(at),
                        t,
                        *v,
                    )
                {
                    start[t.index()] = *v;
                }
            }
            let posture = self.posture_ref(sf, at, &s.posture).unwrap_or(PostureId(0));
            out.push(StateDef {
                id: s.id.clone(),
                name: s.name.clone(),
                region,
                memberships,
                agenda,
                start,
                posture,
                note: s.note.clone(),
            });
        }
        out
    }

    fn resolve_eras(&mut self, lf: &SourceFile, level: &raw::RawLevel) -> Vec<EraDef> {
        let at = lf.find_field("eras", 0).unwrap_or(0);
        if level.eras.is_empty() {
            self.d.at(
                lf,
                at,
                "the level has no eras; expected at least one, starting at round 1",
            );
        } else if level.eras[0].from_round != 1 {
            self.d.at(
                lf,
                at,
                format!(
                    "the first era starts at round {}; expected round 1",
                    level.eras[0].from_round
                ),
            );
        }
        for w in level.eras.windows(2) {
            if w[1].from_round <= w[0].from_round {
                self.d.at(
                    lf,
                    lf.find_id(&w[1].id).unwrap_or(at),
                    format!(
                        "era `{}` starts at round {}, not after era `{}` (round {})",
                        w[1].id, w[1].from_round, w[0].id, w[0].from_round
                    ),
                );
            }
        }
        level
            .eras
            .iter()
            .map(|e| EraDef {
                id: e.id.clone(),
                name: e.name.clone(),
                from_round: e.from_round,
            })
            .collect()
    }

    fn resolve_cards(&mut self, b: &RawBundle<'_>) -> Vec<CardDef> {
        let mut out = Vec::new();
        let ap = b.level.1.action_points;
        for (cf, cards) in &b.cards {
            for c in &cards.cards {
                let at = cf.find_id(&c.id).unwrap_or(0);
                self.check_text(cf, at, &c.title, "title");
                self.check_text(cf, at, &c.text, "text");
                self.check_text(cf, at, &c.note, "note");
                if c.source.trim().is_empty() {
                    self.d.at(cf, at, format!("card `{}` names no source; every card cites the source the essay gives", c.id));
                }
                let focus = if c.focus.is_empty() {
                    None
                } else {
                    self.state_ref(cf, at, &c.focus)
                };
                let (era, align) = match c.kind {
                    CardKind::Event => {
                        let era = if c.era.is_empty() {
                            self.d.at(
                                cf,
                                at,
                                format!(
                                    "event card `{}` has no era; {}",
                                    c.id,
                                    self.eras.expected()
                                ),
                            );
                            None
                        } else {
                            self.era_ref(cf, at, &c.era)
                        };
                        if !c.align.is_empty() {
                            self.d.at(
                                cf,
                                at,
                                format!(
                                    "event card `{}` has an `align`; only policy cards are aligned",
                                    c.id
                                ),
                            );
                        }
                        if c.weight == 0 || c.weight > 10 {
                            self.d.at(
                                cf,
                                at,
                                format!("card `{}` has weight {}; expected 1..10", c.id, c.weight),
                            );
                        }
                        (era, None)
                    }
                    CardKind::Policy => {
                        let align = if c.align.is_empty() {
                            None
                        } else {
                            self.power_ref(cf, at, &c.align)
                        };
                        if c.cost > ap {
                            self.d.at(
                                cf,
                                at,
                                format!("policy card `{}` costs {} action points, more than the {} a state has", c.id, c.cost, ap),
                            );
                        }
                        if !c.focus.is_empty() {
                            self.d.at(cf, at, format!("policy card `{}` has a `focus`; the player is always the current state", c.id));
                        }
                        (None, align)
                    }
                };
                let current = c.kind == CardKind::Policy || focus.is_some();
                let cx = Cx {
                    file: cf,
                    at,
                    current,
                    depth: 0,
                };
                let when = self.cond(&c.when, cx);
                let effects = self.effects(&c.effects, cx);
                if effects.is_empty() {
                    self.d.at(
                        cf,
                        at,
                        format!(
                            "card `{}` has no effects; every card must do something",
                            c.id
                        ),
                    );
                }
                out.push(CardDef {
                    id: c.id.clone(),
                    kind: c.kind,
                    title: c.title.clone(),
                    text: c.text.clone(),
                    note: c.note.clone(),
                    source: c.source.clone(),
                    era,
                    quadrants: c.quadrants.clone(),
                    weight: c.weight.clamp(1, 10),
                    once: c.once,
                    focus,
                    align,
                    cost: c.cost,
                    when,
                    effects,
                });
            }
        }
        let events = out.iter().filter(|c| c.kind == CardKind::Event).count();
        let lf = b.level.0;
        if events == 0 {
            self.d.at(
                lf,
                lf.find_field("events", 0).unwrap_or(0),
                "the event deck is empty; expected at least one event card",
            );
        }
        if out.len() == events && b.level.1.hand_size > 0 {
            self.d.at(
                lf,
                lf.find_field("policies", 0).unwrap_or(0),
                "the policy deck is empty; expected at least one policy card (or hand_size: 0)",
            );
        }
        out
    }

    fn check_trigger_cycles(&mut self, cards: &[CardDef], b: &RawBundle<'_>) {
        fn collect(effects: &[Effect], out: &mut Vec<usize>) {
            for e in effects {
                match e {
                    Effect::Trigger { card } => out.push(card.index()),
                    Effect::Choice { options, .. } => {
                        options.iter().for_each(|o| collect(&o.effects, out))
                    }
                    Effect::If {
                        then, otherwise, ..
                    } => {
                        collect(then, out);
                        collect(otherwise, out);
                    }
                    Effect::ForEachState { effects, .. } | Effect::Repeat { effects, .. } => {
                        collect(effects, out)
                    }
                    _ => {}
                }
            }
        }
        let edges: Vec<Vec<usize>> = cards
            .iter()
            .map(|c| {
                let mut v = Vec::new();
                collect(&c.effects, &mut v);
                v
            })
            .collect();
        // 0 = unvisited, 1 = on the stack, 2 = done.
        let mut mark = vec![0u8; cards.len()];
        let mut reported = false;
        for start in 0..cards.len() {
            if mark[start] != 0 || reported {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
            mark[start] = 1;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                if let Some(&to) = edges[node].get(*next) {
                    *next += 1;
                    if to >= cards.len() {
                        continue;
                    }
                    if mark[to] == 1 {
                        let pos = stack.iter().position(|(n, _)| *n == to).unwrap_or(0);
                        let mut names: Vec<&str> = stack[pos..]
                            .iter()
                            .map(|(n, _)| cards[*n].id.as_str())
                            .collect();
                        names.push(cards[to].id.as_str());
                        let id = &cards[to].id;
                        let file = locate_file(b, id).unwrap_or(b.level.0);
                        let at = file.find_id(id).unwrap_or(0);
                        self.d.at(
                            file,
                            at,
                            format!("reference cycle between cards: {}", names.join(" → ")),
                        );
                        reported = true;
                        break;
                    }
                    if mark[to] == 0 {
                        mark[to] = 1;
                        stack.push((to, 0));
                    }
                } else {
                    mark[node] = 2;
                    stack.pop();
                }
            }
        }
    }

    fn resolve_level(
        &mut self,
        lf: &SourceFile,
        level: &raw::RawLevel,
        cards: &[CardDef],
    ) -> (Vec<SummitDef>, Vec<i32>, Vec<CardId>) {
        if level.id.is_empty() {
            self.d.at(lf, 0, "the level has an empty id");
        }
        self.check_text(
            lf,
            lf.find_field("name", 0).unwrap_or(0),
            &level.name,
            "level name",
        );
        let checks: [(&str, u32, u32, u32); 4] = [
            ("rounds", level.rounds, 1, MAX_ROUNDS),
            ("events_per_round", level.events_per_round, 1, 10),
            ("hand_size", level.hand_size, 0, 10),
            ("action_points", level.action_points, 1, 10),
        ];
        for (field, value, lo, hi) in checks {
            if value < lo || value > hi {
                self.d.at(
                    lf,
                    lf.find_field(field, 0).unwrap_or(0),
                    format!("{field} is {value}; expected {lo}..{hi}"),
                );
            }
        }
        for e in &level.eras {
            if e.from_round > level.rounds {
                self.d.at(
                    lf,
                    lf.find_id(&e.id).unwrap_or(0),
                    format!(
                        "era `{}` starts at round {}, after the last round {}",
                        e.id, e.from_round, level.rounds
                    ),
                );
            }
        }
        let mut shared_start: Vec<i32> = self.track_defs.iter().map(|t| t.start).collect();
        let sat = lf.find_field("start", 0).unwrap_or(0);
        for (t, v) in &level.start {
            if let Some(t) = self.track_ref(lf, sat, t, Some(Scope::Shared)) {
                let at = lf
                    .find_quoted(&self.track_defs[t.index()].id.clone(), sat)
                    .unwrap_or(sat);
                if self.value_in_range(lf, at, t, *v) {
                    shared_start[t.index()] = *v;
                }
            }
        }
        let ssat = lf.find_field("state_start", 0).unwrap_or(0);
        for (s, tracks) in &level.state_start {
            self.state_ref(lf, ssat, s);
            for (t, v) in tracks {
                if let Some(t) = self.track_ref(lf, ssat, t, Some(Scope::State)) {
                    let at = lf
                        .find_quoted(&self.track_defs[t.index()].id.clone(), ssat)
                        .unwrap_or(ssat);
                    self.value_in_range(lf, at, t, *v);
                }
            }
        }
        let pat = lf.find_field("postures", 0).unwrap_or(0);
        for (s, p) in &level.postures {
            self.state_ref(lf, pat, s);
            self.posture_ref(lf, pat, p);
        }
        let mut summits = Vec::new();
        for s in &level.summits {
            let at = lf.find_id(&s.id).unwrap_or(0);
            if s.round == 0 || s.round > level.rounds {
                self.d.at(
                    lf,
                    at,
                    format!(
                        "summit `{}` is in round {}; expected 1..{}",
                        s.id, s.round, level.rounds
                    ),
                );
            }
            let cx = Cx {
                file: lf,
                at,
                current: false,
                depth: 0,
            };
            summits.push(SummitDef {
                id: s.id.clone(),
                name: s.name.clone(),
                round: s.round,
                effects: self.effects(&s.effects, cx),
            });
        }
        let oat = lf.find_field("opening", 0).unwrap_or(0);
        let mut opening = Vec::new();
        for id in &level.opening {
            match self.cards.get(id) {
                Some(i) if cards.get(i).is_some_and(|c| c.kind == CardKind::Event) => {
                    opening.push(CardId(i as u16))
                }
                Some(_) => self.d.at(
                    lf,
                    lf.find_quoted(id, oat).unwrap_or(oat),
                    format!("opening card `{id}` is not an event card"),
                ),
                None => {
                    let exp = self.cards.expected_for(id);
                    self.d.at(
                        lf,
                        lf.find_quoted(id, oat).unwrap_or(oat),
                        format!("unknown card `{id}`; {exp}"),
                    )
                }
            }
        }
        (summits, shared_start, opening)
    }

    // ---- references -------------------------------------------------------------------

    fn check_text(&mut self, file: &SourceFile, at: usize, text: &Text, what: &str) {
        if text.get("en").is_none_or(|s| s.trim().is_empty()) {
            self.d.at(
                file,
                at,
                format!("{what} has no English text; expected {{\"en\": \"…\"}}"),
            );
        }
        for (lang, s) in text {
            if s.len() > 4000 {
                self.d.at(
                    file,
                    at,
                    format!("{what} in `{lang}` is {} bytes long; at most 4000", s.len()),
                );
            }
        }
    }

    fn track_ref(
        &mut self,
        file: &SourceFile,
        at: usize,
        id: &str,
        scope: Option<Scope>,
    ) -> Option<TrackId> {
        let Some(i) = self.tracks.get(id) else {
            let exp = self.tracks.expected_for(id);
            self.d.at(
                file,
                file.find_quoted(id, at).unwrap_or(at),
                format!("unknown track `{id}`; {exp}"),
            );
            return None;
        };
        let t = &self.track_defs[i];
        if let Some(s) = scope
            && t.scope != s
        {
            let (found, expected) = match s {
                Scope::State => ("shared", "a per-state track"),
                Scope::Shared => ("per-state", "a shared track"),
            };
            self.d.at(
                file,
                file.find_quoted(id, at).unwrap_or(at),
                format!("track `{id}` is {found}; expected {expected} here"),
            );
            return None;
        }
        Some(TrackId(i as u8))
    }

    fn value_in_range(&mut self, file: &SourceFile, at: usize, t: TrackId, v: i32) -> bool {
        let def = &self.track_defs[t.index()];
        if v < def.min || v > def.max {
            let msg = format!(
                "value {v} is outside track `{}`'s range {}..{}",
                def.id, def.min, def.max
            );
            self.d.at(file, at, msg);
            false
        } else {
            true
        }
    }

    fn simple_ref(
        &mut self,
        file: &SourceFile,
        at: usize,
        id: &str,
        what: &str,
        names_of: for<'x> fn(&'x V<'_>) -> &'x Names,
    ) -> Option<usize> {
        let names = names_of(self);
        match names.get(id) {
            Some(i) => Some(i),
            None => {
                let exp = names.expected_for(id);
                self.d.at(
                    file,
                    file.find_quoted(id, at).unwrap_or(at),
                    format!("unknown {what} `{id}`; {exp}"),
                );
                None
            }
        }
    }

    fn state_ref(&mut self, f: &SourceFile, at: usize, id: &str) -> Option<SeatId> {
        self.simple_ref(f, at, id, "state", |v| &v.states)
            .map(|i| SeatId(i as u8))
    }
    fn org_ref(&mut self, f: &SourceFile, at: usize, id: &str) -> Option<OrgId> {
        self.simple_ref(f, at, id, "organization", |v| &v.orgs)
            .map(|i| OrgId(i as u8))
    }
    fn posture_ref(&mut self, f: &SourceFile, at: usize, id: &str) -> Option<PostureId> {
        self.simple_ref(f, at, id, "posture", |v| &v.postures)
            .map(|i| PostureId(i as u8))
    }
    fn power_ref(&mut self, f: &SourceFile, at: usize, id: &str) -> Option<PowerId> {
        self.simple_ref(f, at, id, "power", |v| &v.powers)
            .map(|i| PowerId(i as u8))
    }
    fn era_ref(&mut self, f: &SourceFile, at: usize, id: &str) -> Option<EraId> {
        self.simple_ref(f, at, id, "era", |v| &v.eras)
            .map(|i| EraId(i as u8))
    }
    fn token_ref(&mut self, f: &SourceFile, at: usize, id: &str) -> Option<TokenKind> {
        self.simple_ref(f, at, id, "token kind", |v| &v.tokens)
            .map(|i| TokenKind(i as u8))
    }
    fn card_ref(&mut self, f: &SourceFile, at: usize, id: &str) -> Option<CardId> {
        self.simple_ref(f, at, id, "card", |v| &v.cards)
            .map(|i| CardId(i as u16))
    }
    fn lasting_ref(&mut self, f: &SourceFile, at: usize, id: &str) -> Option<LastingId> {
        self.simple_ref(f, at, id, "lasting effect", |v| &v.lasting)
            .map(|i| LastingId(i as u16))
    }

    fn who(&mut self, who: &raw::Who, cx: Cx<'_>) -> Option<Who> {
        match who {
            raw::Who::Current => {
                if !cx.current {
                    self.d.at(
                        cx.file,
                        cx.at,
                        "`Current` is used where no state is in focus; add `focus: \"…\"` to the card, use `State(\"…\")`, or wrap it in `ForEachState`",
                    );
                    return None;
                }
                Some(Who::Current)
            }
            raw::Who::State(id) => self.state_ref(cx.file, cx.at, id).map(Who::Seat),
        }
    }

    fn at(&mut self, at: &raw::At, cx: Cx<'_>, everywhere_ok: bool) -> Option<At> {
        match at {
            raw::At::Region(id) => self.region_ref(cx.file, cx.at, id).map(At::Region),
            raw::At::Home(w) => self.who(w, cx).map(At::Home),
            raw::At::RandomAfghan => Some(At::RandomAfghan),
            raw::At::Everywhere => {
                if everywhere_ok {
                    Some(At::Everywhere)
                } else {
                    self.d.at(
                        cx.file,
                        cx.at,
                        "`Everywhere` is only allowed where tokens are removed or counted",
                    );
                    None
                }
            }
        }
    }

    /// Shift/AtLeast/AtMost: the track, and who it is about.
    fn track_who(&mut self, track: &str, who: &raw::Who, cx: Cx<'_>) -> Option<(TrackId, Who)> {
        let t = self.track_ref(cx.file, cx.at, track, None)?;
        match self.track_defs[t.index()].scope {
            Scope::Shared => {
                if *who != raw::Who::Current {
                    self.d.at(
                        cx.file,
                        cx.file.find_quoted(track, cx.at).unwrap_or(cx.at),
                        format!(
                            "track `{track}` is shared; remove `who`, it belongs to no single state"
                        ),
                    );
                    return None;
                }
                Some((t, Who::Current))
            }
            Scope::State => self.who(who, cx).map(|w| (t, w)),
        }
    }

    fn count(&mut self, cx: Cx<'_>, count: u32, max: u32, what: &str) -> u32 {
        if count == 0 || count > max {
            self.d.at(
                cx.file,
                cx.at,
                format!("{what} count is {count}; expected 1..{max}"),
            );
        }
        count.clamp(1, max.max(1))
    }

    // ---- effects and conditions ---------------------------------------------------------

    fn effects(&mut self, raw: &[RawEffect], cx: Cx<'_>) -> Vec<Effect> {
        if cx.depth > MAX_EFFECT_DEPTH {
            self.d.at(
                cx.file,
                cx.at,
                format!("effects are nested more than {MAX_EFFECT_DEPTH} deep"),
            );
            return Vec::new();
        }
        let mut out = Vec::with_capacity(raw.len());
        for e in raw {
            self.nodes += 1;
            if self.nodes == MAX_EFFECT_NODES + 1 {
                self.d.at(
                    cx.file,
                    cx.at,
                    format!("more than {MAX_EFFECT_NODES} effects in all"),
                );
            }
            if self.nodes > MAX_EFFECT_NODES {
                return out;
            }
            if let Some(e) = self.effect(e, cx) {
                out.push(e);
            }
        }
        out
    }

    fn effect(&mut self, e: &RawEffect, cx: Cx<'_>) -> Option<Effect> {
        Some(match e {
            RawEffect::Shift { track, who, by } => {
                let (t, w) = self.track_who(track, who, cx)?;
                let def = &self.track_defs[t.index()];
                let span = i64::from(def.max) - i64::from(def.min);
                if i64::from(*by).abs() > span.max(1) || *by == 0 {
                    let msg = format!(
                        "shift of {by} on track `{track}` is not in ±1..{span} (its range is {}..{})",
                        def.min, def.max
                    );
                    self.d.at(
                        cx.file,
                        cx.file.find_quoted(track, cx.at).unwrap_or(cx.at),
                        msg,
                    );
                    return None;
                }
                Effect::Shift {
                    track: t,
                    who: w,
                    by: *by,
                }
            }
            RawEffect::Spawn { kind, at, count } => {
                let k = self.token_ref(cx.file, cx.at, kind)?;
                let at = self.at(at, cx, false)?;
                let max = self.token_supply[k.index()];
                let count = self.count(cx, *count, max, "spawn");
                Effect::Spawn { kind: k, at, count }
            }
            RawEffect::Remove { kind, at, count } => {
                let k = self.token_ref(cx.file, cx.at, kind)?;
                let at = self.at(at, cx, true)?;
                let max = self.token_supply[k.index()];
                let count = self.count(cx, *count, max, "remove");
                Effect::Remove { kind: k, at, count }
            }
            RawEffect::Move {
                kind,
                from,
                to,
                count,
            } => {
                let k = self.token_ref(cx.file, cx.at, kind)?;
                let from = self.at(from, cx, true)?;
                let to = self.at(to, cx, false)?;
                let max = self.token_supply[k.index()];
                let count = self.count(cx, *count, max, "move");
                Effect::Move {
                    kind: k,
                    from,
                    to,
                    count,
                }
            }
            RawEffect::Porosity { who, by } => {
                let w = self.who(who, cx)?;
                if *by == 0 || by.abs() > 10 {
                    self.d.at(
                        cx.file,
                        cx.at,
                        format!("porosity change of {by}; expected ±1..10"),
                    );
                    return None;
                }
                Effect::Porosity { who: w, by: *by }
            }
            RawEffect::BorderPorosity { a, b, by } => {
                let ra = self.region_ref(cx.file, cx.at, a)?;
                let rb = self.region_ref(cx.file, cx.at, b)?;
                let key = (ra.index().min(rb.index()), ra.index().max(rb.index()));
                let Some(&border) = self.borders.get(&key) else {
                    self.d.at(
                        cx.file,
                        cx.file.find_quoted(a, cx.at).unwrap_or(cx.at),
                        format!("no border between `{a}` and `{b}` on the board"),
                    );
                    return None;
                };
                if *by == 0 || by.abs() > 10 {
                    self.d.at(
                        cx.file,
                        cx.at,
                        format!("porosity change of {by}; expected ±1..10"),
                    );
                    return None;
                }
                Effect::BorderPorosity {
                    border: BorderId(border as u16),
                    by: *by,
                }
            }
            RawEffect::AddLasting { id, rounds, .. } => {
                let l = self.lasting_ref(cx.file, cx.at, id)?;
                if *rounds == 0 || *rounds > MAX_ROUNDS {
                    self.d.at(
                        cx.file,
                        cx.file.find_quoted(id, cx.at).unwrap_or(cx.at),
                        format!(
                            "lasting effect `{id}` lasts {rounds} rounds; expected 1..{MAX_ROUNDS}"
                        ),
                    );
                    return None;
                }
                Effect::AddLasting {
                    lasting: l,
                    rounds: *rounds,
                }
            }
            RawEffect::RemoveLasting { id } => Effect::RemoveLasting {
                lasting: self.lasting_ref(cx.file, cx.at, id)?,
            },
            RawEffect::Choice {
                who,
                prompt,
                options,
            } => {
                let w = self.who(who, cx)?;
                self.check_text(cx.file, cx.at, prompt, "choice prompt");
                if options.is_empty() {
                    self.d.at(
                        cx.file,
                        cx.file.find_field("options", cx.at).unwrap_or(cx.at),
                        "a choice has no options; expected at least one",
                    );
                    return None;
                }
                if options.len() > MAX_CHOICE_OPTIONS {
                    self.d.at(
                        cx.file,
                        cx.at,
                        format!(
                            "a choice has {} options; at most {MAX_CHOICE_OPTIONS}",
                            options.len()
                        ),
                    );
                    return None;
                }
                let inner = cx.deeper().with_current(true);
                let options = options
                    .iter()
                    .map(|o| {
                        self.check_text(cx.file, cx.at, &o.label, "option label");
                        ChoiceOption {
                            label: o.label.clone(),
                            effects: self.effects(&o.effects, inner),
                        }
                    })
                    .collect();
                Effect::Choice {
                    who: w,
                    prompt: prompt.clone(),
                    options,
                }
            }
            RawEffect::If {
                cond,
                then,
                otherwise,
            } => Effect::If {
                cond: self.cond(cond, cx.deeper()),
                then: self.effects(then, cx.deeper()),
                otherwise: self.effects(otherwise, cx.deeper()),
            },
            RawEffect::ForEachState { cond, effects } => {
                let inner = cx.deeper().with_current(true);
                Effect::ForEachState {
                    cond: self.cond(cond, inner),
                    effects: self.effects(effects, inner),
                }
            }
            RawEffect::Repeat { times, effects } => {
                if *times == 0 || *times > MAX_REPEAT {
                    self.d.at(
                        cx.file,
                        cx.at,
                        format!("repeat of {times} times; expected 1..{MAX_REPEAT}"),
                    );
                    return None;
                }
                Effect::Repeat {
                    times: *times,
                    effects: self.effects(effects, cx.deeper()),
                }
            }
            RawEffect::Trigger { card } => Effect::Trigger {
                card: self.card_ref(cx.file, cx.at, card)?,
            },
            RawEffect::Draw { who, count } => {
                let w = self.who(who, cx)?;
                let count = self.count(cx, *count, 10, "draw");
                Effect::Draw { who: w, count }
            }
            RawEffect::Join { who, org } => Effect::Join {
                who: self.who(who, cx)?,
                org: self.org_ref(cx.file, cx.at, org)?,
            },
            RawEffect::Leave { who, org } => Effect::Leave {
                who: self.who(who, cx)?,
                org: self.org_ref(cx.file, cx.at, org)?,
            },
        })
    }

    fn cond(&mut self, c: &RawCond, cx: Cx<'_>) -> Cond {
        if cx.depth > MAX_EFFECT_DEPTH {
            self.d.at(
                cx.file,
                cx.at,
                format!("conditions are nested more than {MAX_EFFECT_DEPTH} deep"),
            );
            return Cond::Always;
        }
        let r = (|| -> Option<Cond> {
            Some(match c {
                RawCond::Always => Cond::Always,
                RawCond::Quadrant(q) => Cond::Quadrant(*q),
                RawCond::AtLeast { track, who, value } | RawCond::AtMost { track, who, value } => {
                    let (t, w) = self.track_who(track, who, cx)?;
                    let at = cx.file.find_quoted(track, cx.at).unwrap_or(cx.at);
                    if !self.value_in_range(cx.file, at, t, *value) {
                        return None;
                    }
                    if matches!(c, RawCond::AtLeast { .. }) {
                        Cond::AtLeast {
                            track: t,
                            who: w,
                            value: *value,
                        }
                    } else {
                        Cond::AtMost {
                            track: t,
                            who: w,
                            value: *value,
                        }
                    }
                }
                RawCond::Posture { who, posture } => Cond::Posture {
                    who: self.who(who, cx)?,
                    posture: self.posture_ref(cx.file, cx.at, posture)?,
                },
                RawCond::Member { who, org } => Cond::Member {
                    who: self.who(who, cx)?,
                    org: self.org_ref(cx.file, cx.at, org)?,
                },
                RawCond::IsState(s) => {
                    if !cx.current {
                        self.d.at(
                            cx.file,
                            cx.at,
                            "`IsState` is used where no state is in focus",
                        );
                        return None;
                    }
                    Cond::IsState(self.state_ref(cx.file, cx.at, s)?)
                }
                RawCond::BordersAfghanistan(w) => Cond::BordersAfghanistan(self.who(w, cx)?),
                RawCond::Lasting(id) => Cond::Lasting(self.lasting_ref(cx.file, cx.at, id)?),
                RawCond::Era(id) => Cond::Era(self.era_ref(cx.file, cx.at, id)?),
                RawCond::Tokens { kind, at, count } => Cond::Tokens {
                    kind: self.token_ref(cx.file, cx.at, kind)?,
                    at: self.at(at, cx, true)?,
                    count: *count,
                },
                RawCond::RoundAtLeast(n) => Cond::RoundAtLeast(*n),
                RawCond::All(list) => {
                    Cond::All(list.iter().map(|c| self.cond(c, cx.deeper())).collect())
                }
                RawCond::Any(list) => {
                    Cond::Any(list.iter().map(|c| self.cond(c, cx.deeper())).collect())
                }
                RawCond::Not(c) => Cond::Not(Box::new(self.cond(c, cx.deeper()))),
            })
        })();
        r.unwrap_or(Cond::Always)
    }
}

fn locate_file<'a>(b: &RawBundle<'a>, id: &str) -> Option<&'a SourceFile> {
    b.cards
        .iter()
        .map(|(f, _)| *f)
        .chain([b.rules.0, b.level.0])
        .find(|f| f.find_quoted(id, 0).is_some())
}
