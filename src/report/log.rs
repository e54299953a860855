//! One log entry as a line of text in a reader's language.

use crate::content::Content;
use crate::game::{Pick, Reason};
use crate::text::Strings;

/// The label of option `option` of a choice.
fn choice_label(
    content: &Content,
    choice: crate::content::ChoiceId,
    option: u8,
) -> Option<&crate::content::Text> {
    content
        .choices
        .get(choice.index())?
        .options
        .get(usize::from(option))
        .map(|o| &o.label)
}

/// A token kind's name with a count, in `lang` ("1 militant group", "2 группы беженцев"):
/// the content's counted form, else its name.
pub fn counted_kind(
    content: &Content,
    lang: &str,
    kind: crate::content::TokenKind,
    count: u32,
) -> String {
    let def = &content.tokens[kind.index()];
    crate::text::counted(&def.counted, lang, i64::from(count))
        .unwrap_or_else(|| crate::text::pick(&def.name, lang).to_string())
}

/// One log entry as a line of text in the strings' language.
pub fn render_log(content: &Content, s: &Strings, e: &crate::game::LogEntry) -> String {
    use crate::game::{LogEntry as L, LogWho};
    let lang = s.lang.as_str();
    let t = |text: &crate::content::Text| crate::text::pick(text, lang).to_string();
    let state = |seat: crate::content::SeatId| t(&content.states[seat.index()].name);
    let region = |r: crate::content::RegionId| t(&content.regions[r.index()].name);
    let kind = |k: crate::content::TokenKind| t(&content.tokens[k.index()].name);
    let counted = |k: crate::content::TokenKind, n: u32| counted_kind(content, lang, k, n);
    // The kind's id, for a language's message to word each kind its own way (displaced
    // people find shelter; shipments are seized).
    let kind_id = |k: crate::content::TokenKind| content.tokens[k.index()].id.as_str();
    let card = |c: crate::content::CardId| t(&content.cards[c.index()].title);
    match e {
        L::Round { round } => s.fmt(
            "log.round",
            &[
                ("round", &round.to_string()),
                (
                    "era",
                    &t(&content.eras[content.era_at(*round).index()].name),
                ),
            ],
        ),
        L::Injected { card: c } => s.fmt("log.injected", &[("card", &card(*c))]),
        L::Event { card: c } => {
            // A title that ends a sentence of its own ("Which wing prevails?") takes no
            // full stop after it.
            let title = card(*c);
            let key = if title.ends_with(['.', '?', '!', '…']) {
                "log.event-punctuated"
            } else {
                "log.event"
            };
            s.fmt(key, &[("card", &title)])
        }
        L::EventSkipped { card: c } => s.fmt("log.event-skipped", &[("card", &card(*c))]),
        L::ChoiceOffered { seat, card: c, .. } => s.fmt(
            "log.choice-offered",
            &[
                ("state", &state(*seat)),
                ("prompt", &c.map(card).unwrap_or_default()),
            ],
        ),
        L::ChoiceMade {
            seat,
            choice,
            option,
            ..
        } => s.fmt(
            "log.choice-made",
            &[
                ("state", &state(*seat)),
                (
                    "option",
                    &choice_label(content, *choice, *option)
                        .map_or_else(|| (option + 1).to_string(), t),
                ),
            ],
        ),
        L::PostureSet { seat, posture } => s.fmt(
            "log.posture",
            &[
                ("state", &state(*seat)),
                ("posture", &t(&content.postures[posture.index()].name)),
            ],
        ),
        L::Action { seat, action } => s.fmt(
            "log.action",
            &[
                ("state", &state(*seat)),
                ("action", &t(&content.actions[action.index()].name)),
            ],
        ),
        L::ActionFizzled { seat, action } => s.fmt(
            "log.action-fizzled",
            &[
                ("state", &state(*seat)),
                ("action", &t(&content.actions[action.index()].name)),
            ],
        ),
        L::CardPlayed { seat, card: c } => {
            s.fmt("log.card", &[("state", &state(*seat)), ("card", &card(*c))])
        }
        L::PowerReacts { power } => s.fmt(
            "log.power",
            &[("power", &t(&content.powers[power.index()].name))],
        ),
        L::Track {
            who,
            track,
            from,
            to,
        } => {
            let who = match who {
                LogWho::Shared => String::new(),
                LogWho::Seat(seat) => format!("{} ", state(*seat)),
            };
            s.fmt(
                "log.track",
                &[
                    ("who", &who),
                    ("track", &t(&content.tracks[track.index()].name)),
                    ("from", &from.to_string()),
                    ("to", &to.to_string()),
                ],
            )
        }
        L::Spawn {
            kind: k,
            region: r,
            count,
        } => s.fmt(
            "log.spawn",
            &[
                ("count", &count.to_string()),
                ("kind", &counted(*k, *count)),
                ("kindid", kind_id(*k)),
                ("region", &region(*r)),
            ],
        ),
        L::Cross { kind: k, from, to } => s.fmt(
            "log.cross",
            &[
                ("kind", &counted(*k, 1)),
                ("kindid", kind_id(*k)),
                ("from", &region(*from)),
                ("to", &region(*to)),
            ],
        ),
        L::Removed {
            kind: k,
            region: r,
            count,
        } => s.fmt(
            "log.remove",
            &[
                ("count", &count.to_string()),
                ("kind", &counted(*k, *count)),
                ("kindid", kind_id(*k)),
                ("region", &region(*r)),
            ],
        ),
        L::Faded { kind: k, region: r } => s.fmt(
            "log.fade",
            &[
                ("kind", &kind(*k)),
                ("kindid", kind_id(*k)),
                ("region", &region(*r)),
            ],
        ),
        L::Moved {
            kind: k,
            from,
            to,
            count,
        } => s.fmt(
            "log.move",
            &[
                ("count", &count.to_string()),
                ("kind", &counted(*k, *count)),
                ("kindid", kind_id(*k)),
                ("from", &region(*from)),
                ("to", &region(*to)),
            ],
        ),
        L::Porosity { border, value } => {
            let b = &content.borders[border.index()];
            s.fmt(
                "log.porosity",
                &[
                    ("a", &region(b.a)),
                    ("b", &region(b.b)),
                    ("value", &value.to_string()),
                ],
            )
        }
        L::LastingAdded { id, rounds } => s.fmt(
            "log.lasting-added",
            &[
                ("name", &t(&content.lasting[id.index()].name)),
                ("rounds", &rounds.to_string()),
            ],
        ),
        L::LastingEnded { id } => s.fmt(
            "log.lasting-ended",
            &[("name", &t(&content.lasting[id.index()].name))],
        ),
        L::Joined { seat, org } => s.fmt(
            "log.join",
            &[
                ("state", &state(*seat)),
                ("org", &t(&content.orgs[org.index()].name)),
            ],
        ),
        L::Left { seat, org } => s.fmt(
            "log.leave",
            &[
                ("state", &state(*seat)),
                ("org", &t(&content.orgs[org.index()].name)),
            ],
        ),
        L::Drew { seat, count } => s.fmt(
            "log.draw",
            &[("state", &state(*seat)), ("count", &count.to_string())],
        ),
        L::QuadrantChanged { to } => s.fmt(
            "log.quadrant",
            &[("quadrant", s.get(&format!("quadrant.{}", to.key())))],
        ),
        L::Summit { index } => s.fmt(
            "log.summit",
            &[("summit", &t(&content.summits[*index as usize].name))],
        ),
        L::Collapse => s.get("log.collapse").to_string(),
        L::End {
            winner: Some(w),
            score,
        } => s.fmt(
            "log.winner",
            &[("state", &state(*w)), ("score", &score.to_string())],
        ),
        L::End {
            winner: None,
            score,
        } => s.fmt("log.tie", &[("score", &score.to_string())]),
        L::Bot { seat, reason } => s.fmt(
            "log.bot",
            &[
                ("state", &state(*seat)),
                ("reason", &render_reason(content, s, reason)),
            ],
        ),
        L::Journal { seat, text } => s.fmt(
            "log.journal",
            &[("state", &state(*seat)), ("text", text.as_str())],
        ),
    }
}

/// A bot's reason in the reader's language, naming things by their names in it.
pub fn render_reason(content: &Content, s: &Strings, reason: &Reason) -> String {
    let name = |p: Pick| pick_name(content, s, p);
    match reason {
        Reason::PostureDanger {
            posture: p,
            security,
            quadrant,
        } => s.fmt(
            reason.key(),
            &[
                ("posture", &name(Pick::Posture(*p))),
                ("security", &security.to_string()),
                ("quadrant", s.get(&format!("quadrant.{}", quadrant.key()))),
            ],
        ),
        Reason::PostureCalm {
            posture: p,
            security,
        } => s.fmt(
            reason.key(),
            &[
                ("posture", &name(Pick::Posture(*p))),
                ("security", &security.to_string()),
            ],
        ),
        Reason::PostureForced { posture: p } | Reason::PostureWeighed { posture: p } => {
            s.fmt(reason.key(), &[("posture", &name(Pick::Posture(*p)))])
        }
        Reason::PostureValued {
            posture: p,
            value,
            other,
            other_value,
        } => s.fmt(
            reason.key(),
            &[
                ("posture", &name(Pick::Posture(*p))),
                ("value", &value.to_string()),
                ("other", &name(Pick::Posture(*other))),
                ("other-value", &other_value.to_string()),
            ],
        ),
        Reason::Action { action, value } => s.fmt(
            reason.key(),
            &[
                ("action", &name(Pick::Action(*action))),
                ("value", &value.to_string()),
            ],
        ),
        Reason::Card { card, value } => s.fmt(
            reason.key(),
            &[
                ("card", &name(Pick::Card(*card))),
                ("value", &value.to_string()),
            ],
        ),
        Reason::Choice {
            choice,
            option,
            value,
        } => s.fmt(
            reason.key(),
            &[
                (
                    "option",
                    &name(Pick::Option {
                        choice: *choice,
                        option: *option,
                    }),
                ),
                ("value", &value.to_string()),
            ],
        ),
        Reason::Confirm => s.get(reason.key()).to_string(),
        Reason::Searched {
            pick,
            value,
            win,
            score,
            alt,
            playouts,
        } => {
            let pct = |v: u16| (u32::from(v) + 5) / 10;
            let mut args = vec![
                ("pick", render_pick(content, s, *pick)),
                ("value", pct(*value).to_string()),
                ("win", pct(*win).to_string()),
                ("score", score.to_string()),
                ("playouts", playouts.to_string()),
            ];
            if let Some((p, v)) = alt {
                args.push(("alt", render_pick(content, s, *p)));
                args.push(("alt-value", pct(*v).to_string()));
            }
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            s.fmt(reason.key(), &args)
        }
        Reason::Only { pick } => s.fmt(reason.key(), &[("pick", &render_pick(content, s, *pick))]),
    }
}

/// The name of what a bot picked, in the reader's language: a posture's, an action's, a
/// card's title, an option's label (its number when the content has none); empty for
/// confirming.
fn pick_name(content: &Content, s: &Strings, pick: Pick) -> String {
    let t = |text: &crate::content::Text| crate::text::pick(text, &s.lang).to_string();
    match pick {
        Pick::Posture(p) => content.postures.get(p.index()).map(|d| t(&d.name)),
        Pick::Action(a) => content.actions.get(a.index()).map(|d| t(&d.name)),
        Pick::Card(c) => content.cards.get(c.index()).map(|d| t(&d.title)),
        Pick::Confirm => None,
        Pick::Option { choice, option } => {
            Some(choice_label(content, choice, option).map_or_else(|| (option + 1).to_string(), t))
        }
    }
    .unwrap_or_default()
}

/// What a bot picked, as a phrase in the reader's language ("play …", "choose "…"").
fn render_pick(content: &Content, s: &Strings, pick: Pick) -> String {
    let name = pick_name(content, s, pick);
    match pick {
        Pick::Posture(_) | Pick::Action(_) => name,
        Pick::Card(_) => s.fmt("bot.pick-card", &[("card", &name)]),
        Pick::Confirm => s.get("bot.pick-confirm").to_string(),
        Pick::Option { .. } => s.fmt("bot.pick-option", &[("option", &name)]),
    }
}

/// A line of the log as people read it: round, phase, the state it is about, the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readable {
    pub round: u32,
    pub phase: crate::game::Phase,
    pub seat: Option<crate::content::SeatId>,
    pub text: String,
}

/// The log as people read it: track changes are not lines of their own, but those that
/// follow a power's reaction, a choice or a summit are told on that line ("Russia reacts:
/// Tajikistan security 3→4"), so a reader sees what they did.
pub fn readable(content: &Content, s: &Strings, lines: &[crate::game::LogLine]) -> Vec<Readable> {
    use crate::game::{LogEntry as L, LogWho};
    let lang = s.lang.as_str();
    let t = |text: &crate::content::Text| crate::text::pick(text, lang).to_string();
    let mut out: Vec<Readable> = Vec::new();
    // The index in `out` of the line whose effects are being gathered, and them.
    let mut host: Option<(usize, Vec<String>)> = None;
    let close = |out: &mut Vec<Readable>, host: &mut Option<(usize, Vec<String>)>| {
        if let Some((i, changes)) = host.take() {
            // A power's reaction is nothing but track changes: say so when there are none.
            let told = if !changes.is_empty() {
                changes.join(", ")
            } else if out[i].seat.is_none() && out[i].phase == crate::game::Phase::Resolution {
                s.get("log.no-change").to_string()
            } else {
                return;
            };
            out[i].text = s.fmt(
                "log.with-effects",
                &[("line", &out[i].text), ("effects", &told)],
            );
        }
    };
    for l in lines {
        // What comes in another phase is never the host's doing.
        if host
            .as_ref()
            .is_some_and(|(i, _)| out[*i].phase != l.phase || out[*i].round != l.round)
        {
            close(&mut out, &mut host);
        }
        if let L::Track {
            who,
            track,
            from,
            to,
        } = &l.entry
        {
            if let Some((_, changes)) = &mut host {
                let who = match who {
                    LogWho::Shared => String::new(),
                    LogWho::Seat(seat) => format!("{} ", t(&content.states[seat.index()].name)),
                };
                changes.push(s.fmt(
                    "log.change",
                    &[
                        ("who", &who),
                        ("track", &t(&content.tracks[track.index()].name)),
                        ("from", &from.to_string()),
                        ("to", &to.to_string()),
                    ],
                ));
            }
            continue;
        }
        close(&mut out, &mut host);
        out.push(Readable {
            round: l.round,
            phase: l.phase,
            seat: l.entry.seat(),
            text: render_log(content, s, &l.entry),
        });
        if matches!(
            l.entry,
            L::PowerReacts { .. } | L::ChoiceMade { .. } | L::Summit { .. }
        ) {
            host = Some((out.len() - 1, Vec::new()));
        }
    }
    close(&mut out, &mut host);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{PowerId, SeatId, TrackId};
    use crate::game::{LogEntry, LogLine, LogWho, Phase};

    #[test]
    fn a_powers_reaction_tells_what_it_changed_and_no_more() {
        let loaded =
            crate::content::load_level_file(std::path::Path::new("levels/autumn-2021.ron"), None)
                .unwrap();
        let c = loaded.content;
        let s = Strings::english();
        let economy = c.roles.economy;
        let stability = c.core.stability;
        let line = |phase, entry| LogLine {
            round: 2,
            phase,
            entry,
        };
        let track = |who, track: TrackId, from, to| LogEntry::Track {
            who,
            track,
            from,
            to,
        };
        let lines = vec![
            line(
                Phase::Resolution,
                LogEntry::PowerReacts { power: PowerId(0) },
            ),
            line(
                Phase::Resolution,
                LogEntry::PowerReacts { power: PowerId(2) },
            ),
            line(
                Phase::Resolution,
                track(LogWho::Seat(SeatId(2)), economy, 8, 9),
            ),
            // The Afghanistan phase's change is not the West's doing.
            line(Phase::Afghanistan, track(LogWho::Shared, stability, 14, 13)),
        ];
        let r = readable(&c, &s, &lines);
        assert_eq!(r.len(), 2);
        assert!(r[0].text.ends_with("(nothing changes)"), "{}", r[0].text);
        assert!(
            r[1].text.contains("Tajikistan Economy 8→9"),
            "{}",
            r[1].text
        );
        assert!(!r[1].text.contains("stability"), "{}", r[1].text);
    }
}
