//! What a debrief says about one game, gathered once from its log and history: the
//! scenarios Afghanistan went through, the postures by era, the threats that crossed,
//! the ties at the start and the end, and each round's news and decisions. The HTML
//! debrief and the class table both read it.

use crate::content::{CardId, Content, Quadrant, Scope, SeatId};
use crate::game::{HistoryRow, LogEntry, LogLine, Phase};
use crate::rules::{Game, View};

/// What a debrief reads of a game: its content, history and log, from the game itself or
/// from a view of it (the window's debrief of a class game has only the host's view).
#[derive(Clone, Copy)]
pub struct Record<'a> {
    pub content: &'a Content,
    pub history: &'a [HistoryRow],
    pub log: &'a [LogLine],
    /// The round the game is at.
    pub round: u32,
}

impl<'a> Record<'a> {
    pub fn of_game(game: &'a Game) -> Record<'a> {
        Record {
            content: game.content(),
            history: game.history(),
            log: game.log(),
            round: game.clock().round,
        }
    }

    pub fn of_view(content: &'a Content, view: &'a View) -> Record<'a> {
        Record {
            content,
            history: &view.history,
            log: &view.log,
            round: view.round,
        }
    }
}

/// One stretch of rounds in one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Stretch {
    pub quadrant: Quadrant,
    pub from: u32,
    pub to: u32,
    /// Regional stability at the end of its rounds, on average (none without the track).
    pub stability: Option<f64>,
}

/// What one state did in one round.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decision {
    pub posture: Option<crate::content::PostureId>,
    /// Actions carried out and cards played, as the log tells them.
    pub orders: Vec<String>,
    /// Choices answered, as the log tells them.
    pub choices: Vec<String>,
    pub journal: Vec<String>,
}

/// One round of the game as a debrief tells it.
#[derive(Debug, Clone, Default)]
pub struct RoundFacts {
    pub round: u32,
    /// The news: each card, and whether the teacher put it on top.
    pub news: Vec<(CardId, bool)>,
    /// Per seat.
    pub decisions: Vec<Decision>,
}

/// The facts of a game a debrief argues from.
#[derive(Debug, Clone)]
pub struct GameFacts {
    pub rounds: u32,
    pub stretches: Vec<Stretch>,
    pub by_round: Vec<RoundFacts>,
    /// Threat tokens that crossed into a state's territory, by kind index.
    pub crossings: Vec<u32>,
    /// Per era (content order): dual-vector state-rounds and all state-rounds.
    pub dual_by_era: Vec<(u32, u32)>,
    /// Rounds in which three or more states spoke with one voice.
    pub joint_rounds: u32,
}

/// A track's index by id (none when the content has no such track).
pub fn track(content: &Content, id: &str) -> Option<usize> {
    content.track(id).map(|t| t.index())
}

/// The mean of a state track over the states at the start (the content's start values).
pub fn seat_mean_start(content: &Content, t: usize) -> f64 {
    let n = content.states.len().max(1) as f64;
    content
        .states
        .iter()
        .map(|s| f64::from(s.start.get(t).copied().unwrap_or(content.tracks[t].start)))
        .sum::<f64>()
        / n
}

/// The mean of a state track over the states at the end of the last recorded round.
pub fn seat_mean_end(rec: &Record, t: usize) -> Option<f64> {
    let row = rec.history.last()?;
    let n = row.seats.len().max(1) as f64;
    Some(
        row.seats
            .iter()
            .map(|s| f64::from(s.get(t).copied().unwrap_or(0)))
            .sum::<f64>()
            / n,
    )
}

/// A shared track at the start and at the end of the last recorded round.
pub fn shared_span(rec: &Record, id: &str) -> Option<(i32, i32)> {
    let content = rec.content;
    let t = track(content, id)?;
    if content.tracks[t].scope != Scope::Shared {
        return None;
    }
    let end = rec.history.last()?.shared.get(t).copied()?;
    Some((content.tracks[t].start, end))
}

/// Gather a game's facts from its log and history.
pub fn gather(rec: &Record) -> GameFacts {
    let content = rec.content;
    let history = rec.history;
    let seats = content.states.len();
    let rounds = history.len() as u32;
    // Scenarios, stretch by stretch, from the history's quadrant at each round's end.
    let mut stretches: Vec<Stretch> = Vec::new();
    for (i, row) in history.iter().enumerate() {
        let r = i as u32 + 1;
        match stretches.last_mut() {
            Some(s) if s.quadrant == row.quadrant => s.to = r,
            _ => stretches.push(Stretch {
                quadrant: row.quadrant,
                from: r,
                to: r,
                stability: None,
            }),
        }
    }
    // The region's stability over each stretch's rounds, on average.
    let stability = content.core.stability.index();
    for s in &mut stretches {
        let rows = &history[(s.from - 1) as usize..s.to as usize];
        let sum: f64 = rows.iter().map(|r| f64::from(r.shared[stability])).sum();
        s.stability = Some(sum / rows.len() as f64);
    }
    // The aligned (dual-vector) posture's share of state-rounds, by era.
    let aligned = content.roles.aligned_posture;
    let mut dual_by_era = vec![(0u32, 0u32); content.eras.len()];
    for (i, row) in history.iter().enumerate() {
        if let Some(slot) = dual_by_era.get_mut(content.era_at(i as u32 + 1).index()) {
            slot.1 += row.postures.len() as u32;
            slot.0 += row.postures.iter().filter(|p| **p == aligned).count() as u32;
        }
    }
    let voice = track(content, "voice");
    let joint_rounds = voice.map_or(0, |t| {
        history.iter().filter(|row| row.shared[t] >= 3).count() as u32
    });
    // The log, round by round.
    let homes: Vec<_> = content.states.iter().map(|s| s.region).collect();
    let mut crossings = vec![0u32; content.tokens.len()];
    let mut by_round: Vec<RoundFacts> = (1..=rounds.max(rec.round))
        .map(|r| RoundFacts {
            round: r,
            news: Vec::new(),
            decisions: vec![Decision::default(); seats],
        })
        .collect();
    for (i, row) in history.iter().enumerate() {
        for (s, p) in row.postures.iter().enumerate() {
            if let Some(d) = by_round[i].decisions.get_mut(s) {
                d.posture = Some(*p);
            }
        }
    }
    let known_seat = |seat: SeatId| seat.index() < seats;
    for line in rec.log {
        let Some(rf) = by_round.get_mut(line.round.saturating_sub(1) as usize) else {
            continue;
        };
        match &line.entry {
            LogEntry::Event { card } => rf.news.push((*card, false)),
            LogEntry::Injected { card } => rf.news.push((*card, true)),
            LogEntry::Cross { kind, to, .. } if homes.contains(to) => {
                if let Some(c) = crossings.get_mut(kind.index()) {
                    *c += 1;
                }
            }
            LogEntry::Journal { seat, text } if known_seat(*seat) => {
                rf.decisions[seat.index()].journal.push(text.clone());
            }
            _ => {}
        }
        // A posture set in the policy phase of a round with no history row yet.
        if let LogEntry::PostureSet { seat, posture } = &line.entry
            && line.phase == Phase::Policy
            && known_seat(*seat)
        {
            rf.decisions[seat.index()].posture = Some(*posture);
        }
    }
    GameFacts {
        rounds,
        stretches,
        by_round,
        crossings,
        dual_by_era,
        joint_rounds,
    }
}

/// Orders and choices in the reader's words, filled into the facts' decisions (kept out
/// of [`gather`] so the class table, which needs none, does not render them).
pub fn fill_orders(rec: &Record, s: &crate::text::Strings, facts: &mut GameFacts) {
    let content = rec.content;
    for line in rec.log {
        let Some(rf) = facts
            .by_round
            .get_mut(line.round.saturating_sub(1) as usize)
        else {
            continue;
        };
        let text = || super::render_log(content, s, &line.entry);
        let lang = s.lang.as_str();
        match &line.entry {
            // In the state's own row: the order's name, without the state's.
            LogEntry::Action { seat, action } if seat.index() < rf.decisions.len() => {
                rf.decisions[seat.index()].orders.push(
                    crate::text::pick(&content.actions[action.index()].name, lang).to_string(),
                );
            }
            LogEntry::CardPlayed { seat, card } if seat.index() < rf.decisions.len() => {
                rf.decisions[seat.index()].orders.push(s.fmt(
                    "html.played",
                    &[(
                        "card",
                        crate::text::pick(&content.cards[card.index()].title, lang),
                    )],
                ));
            }
            LogEntry::ChoiceMade { seat, .. } if seat.index() < rf.decisions.len() => {
                rf.decisions[seat.index()].choices.push(text());
            }
            _ => {}
        }
    }
}
