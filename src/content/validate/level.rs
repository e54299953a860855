//! The level file and the states file: eras, starting values, summits, the opening and
//! the guide; texts in every language.

use super::*;

impl V<'_> {
    pub(super) fn resolve_states(
        &mut self,
        sf: &SourceFile,
        states: &raw::RawStates,
    ) -> Vec<StateDef> {
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

    pub(super) fn resolve_eras(&mut self, lf: &SourceFile, level: &raw::RawLevel) -> Vec<EraDef> {
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

    pub(super) fn resolve_level(
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

    pub(super) fn check_text(&mut self, file: &SourceFile, at: usize, text: &Text, what: &str) {
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
}
