//! References by name (tracks, states, tokens, cards...) and the effect language:
//! effects and conditions resolved into typed ids, with their depth and counts capped.

use super::*;

impl V<'_> {
    pub(super) fn track_ref(
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

    pub(super) fn value_in_range(
        &mut self,
        file: &SourceFile,
        at: usize,
        t: TrackId,
        v: i32,
    ) -> bool {
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

    pub(super) fn simple_ref(
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

    pub(super) fn state_ref(&mut self, f: &SourceFile, at: usize, id: &str) -> Option<SeatId> {
        self.simple_ref(f, at, id, "state", |v| &v.states)
            .map(|i| SeatId(i as u8))
    }

    pub(super) fn org_ref(&mut self, f: &SourceFile, at: usize, id: &str) -> Option<OrgId> {
        self.simple_ref(f, at, id, "organization", |v| &v.orgs)
            .map(|i| OrgId(i as u8))
    }

    pub(super) fn posture_ref(&mut self, f: &SourceFile, at: usize, id: &str) -> Option<PostureId> {
        self.simple_ref(f, at, id, "posture", |v| &v.postures)
            .map(|i| PostureId(i as u8))
    }

    pub(super) fn power_ref(&mut self, f: &SourceFile, at: usize, id: &str) -> Option<PowerId> {
        self.simple_ref(f, at, id, "power", |v| &v.powers)
            .map(|i| PowerId(i as u8))
    }

    pub(super) fn era_ref(&mut self, f: &SourceFile, at: usize, id: &str) -> Option<EraId> {
        self.simple_ref(f, at, id, "era", |v| &v.eras)
            .map(|i| EraId(i as u8))
    }

    pub(super) fn token_ref(&mut self, f: &SourceFile, at: usize, id: &str) -> Option<TokenKind> {
        self.simple_ref(f, at, id, "token kind", |v| &v.tokens)
            .map(|i| TokenKind(i as u8))
    }

    pub(super) fn card_ref(&mut self, f: &SourceFile, at: usize, id: &str) -> Option<CardId> {
        self.simple_ref(f, at, id, "card", |v| &v.cards)
            .map(|i| CardId(i as u16))
    }

    pub(super) fn lasting_ref(&mut self, f: &SourceFile, at: usize, id: &str) -> Option<LastingId> {
        self.simple_ref(f, at, id, "lasting effect", |v| &v.lasting)
            .map(|i| LastingId(i as u16))
    }

    pub(super) fn who(&mut self, who: &raw::Who, cx: Cx<'_>) -> Option<Who> {
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

    pub(super) fn at(&mut self, at: &raw::At, cx: Cx<'_>, everywhere_ok: bool) -> Option<At> {
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
    pub(super) fn track_who(
        &mut self,
        track: &str,
        who: &raw::Who,
        cx: Cx<'_>,
    ) -> Option<(TrackId, Who)> {
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

    pub(super) fn count(&mut self, cx: Cx<'_>, count: u32, max: u32, what: &str) -> u32 {
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

    pub(super) fn effects(&mut self, raw: &[RawEffect], cx: Cx<'_>) -> Vec<Effect> {
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

    pub(super) fn effect(&mut self, e: &RawEffect, cx: Cx<'_>) -> Option<Effect> {
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
                let choice = ChoiceId(self.choices.len().min(u16::MAX as usize) as u16);
                self.choices.push(ChoiceDef {
                    prompt: prompt.clone(),
                    options,
                });
                Effect::Choice { who: w, choice }
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

    pub(super) fn cond(&mut self, c: &RawCond, cx: Cx<'_>) -> Cond {
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
