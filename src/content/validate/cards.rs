//! Cards: events and policies, the lasting effects they add, and trigger cycles.

use super::*;

impl V<'_> {
    /// Find every `AddLasting`, so `Lasting("id")` conditions can be checked anywhere.
    pub(super) fn gather_lasting(&mut self, b: &RawBundle<'_>) {
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

    pub(super) fn resolve_lasting(&mut self, b: &RawBundle<'_>) -> Vec<LastingDef> {
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

    pub(super) fn resolve_cards(&mut self, b: &RawBundle<'_>) -> Vec<CardDef> {
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
                    beyond: c.beyond.clone(),
                    detail: c.detail.clone(),
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

    pub(super) fn check_trigger_cycles(&mut self, cards: &[CardDef], b: &RawBundle<'_>) {
        fn collect(effects: &[Effect], choices: &[ChoiceDef], out: &mut Vec<usize>) {
            for e in effects {
                match e {
                    Effect::Trigger { card } => out.push(card.index()),
                    Effect::Choice { choice, .. } => {
                        if let Some(c) = choices.get(choice.index()) {
                            c.options
                                .iter()
                                .for_each(|o| collect(&o.effects, choices, out));
                        }
                    }
                    Effect::If {
                        then, otherwise, ..
                    } => {
                        collect(then, choices, out);
                        collect(otherwise, choices, out);
                    }
                    Effect::ForEachState { effects, .. } | Effect::Repeat { effects, .. } => {
                        collect(effects, choices, out)
                    }
                    _ => {}
                }
            }
        }
        let edges: Vec<Vec<usize>> = cards
            .iter()
            .map(|c| {
                let mut v = Vec::new();
                collect(&c.effects, &self.choices, &mut v);
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
}

fn locate_file<'a>(b: &RawBundle<'a>, id: &str) -> Option<&'a SourceFile> {
    b.cards
        .iter()
        .map(|(f, _)| *f)
        .chain([b.rules.0, b.level.0])
        .find(|f| f.find_quoted(id, 0).is_some())
}
