//! The rules file: tracks, tokens, postures, organizations, powers, actions, the
//! quadrants, the Taliban's and the review's effects, spawns, and what the names mean.

use super::*;

impl V<'_> {
    pub(super) fn declare_tracks(&mut self, rf: &SourceFile, rules: &raw::RawRules) {
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

    pub(super) fn check_counts(&mut self, b: &RawBundle<'_>) {
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

    pub(super) fn resolve_rules(&mut self, rf: &SourceFile, rules: &raw::RawRules) -> RulesOut {
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
            for (lang, pattern) in &t.counted {
                if crate::text::counted(&t.counted, lang, 1).is_none()
                    || !pattern.contains("$count")
                {
                    self.d.at(
                        rf,
                        rf.find_quoted(pattern, at).unwrap_or(at),
                        format!(
                            "token kind `{}`: the `{lang}` counted name is not a Fluent pattern on `$count`, such as {{ $count -> [one] militant *[other] militants }}",
                            t.id
                        ),
                    );
                }
            }
            tokens.push(TokenDef {
                id: t.id.clone(),
                name: t.name.clone(),
                counted: t.counted.clone(),
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
                    short: if p.short.is_empty() {
                        [("en".to_string(), p.id.clone())].into_iter().collect()
                    } else {
                        p.short.clone()
                    },
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
        let powers: Vec<PowerDef> = rules
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
        let roles = self.resolve_roles(rf, &rules.roles, &powers);
        RulesOut {
            roles,
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

    /// What the names mean: every name resolved, with the scope it needs.
    pub(super) fn resolve_roles(
        &mut self,
        rf: &SourceFile,
        roles: &raw::RawRoles,
        powers: &[PowerDef],
    ) -> Roles {
        let at = rf.find_field("roles", 0).unwrap_or(0);
        let open_posture = self
            .posture_ref(rf, at, &roles.open_posture)
            .unwrap_or(PostureId(0));
        let aligned_posture = self
            .posture_ref(rf, at, &roles.aligned_posture)
            .unwrap_or(PostureId(0));
        if roles.open_posture == roles.aligned_posture {
            self.d.at(
                rf,
                at,
                format!(
                    "roles: the open and the aligned posture are both `{}`; expected two different postures",
                    roles.open_posture
                ),
            );
        }
        let state_track = |v: &mut Self, name: &str| {
            v.track_ref(rf, at, name, Some(Scope::State))
                .unwrap_or(TrackId(0))
        };
        let security = state_track(self, &roles.security);
        let economy = state_track(self, &roles.economy);
        let autonomy = state_track(self, &roles.autonomy);
        let by_power = |v: &mut Self, map: &std::collections::BTreeMap<String, String>| {
            let mut out = vec![None; powers.len()];
            for (power, track) in map {
                if let Some(p) = v.power_ref(rf, at, power) {
                    out[p.index()] = v.track_ref(rf, at, track, Some(Scope::State));
                }
            }
            out
        };
        let ties = by_power(self, &roles.ties);
        let dependency = by_power(self, &roles.dependency);
        let mut region_interest = vec![0; self.track_defs.len()];
        for (track, w) in &roles.region_interest {
            if let Some(t) = self.track_ref(rf, at, track, Some(Scope::Shared)) {
                if !(-10..=10).contains(w) {
                    self.d.at(
                        rf,
                        at,
                        format!("roles: region_interest of `{track}` is {w}; expected -10..10"),
                    );
                }
                region_interest[t.index()] = (*w).clamp(-10, 10);
            }
        }
        let charts = roles
            .charts
            .iter()
            .filter_map(|t| self.track_ref(rf, at, t, Some(Scope::Shared)))
            .collect();
        Roles {
            open_posture,
            aligned_posture,
            security,
            economy,
            autonomy,
            ties,
            dependency,
            region_interest,
            charts,
        }
    }
}
