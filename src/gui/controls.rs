//! Playing: the human seats' choices and policy orders (posture, actions, cards, undo,
//! confirm), the news to read, and bots for every other seat. The game moves by itself
//! and holds where a person must act or read; it autosaves at the start of every round.

use bevy::prelude::*;
use bevy::winit::WinitSettings;

use super::acts::UiAct;
use super::pages::{Page, Pages};
use super::theme::UiFont;
use super::widgets::{self, Block, PanelId, Row, View};
use super::{Redraw, Screen, Session, Tr, store};
use crate::content::{ActionId, SeatId};
use crate::game::{Command, Order, Phase};
use crate::rules::{Awaiting, action_points_left};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (drive_game, draw_controls, autosave)
            .chain()
            .after(super::acts::perform)
            .run_if(in_state(Screen::Play)),
    )
    .add_systems(Update, idle_when_waiting.after(super::acts::perform));
}

/// Shortcuts for the rows of a policy phase and a choice: digits, then letters no other
/// control of the game uses.
const ORDER_KEYS: [&str; 18] = [
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "Q", "W", "E", "R", "T", "Y", "U", "I", "O",
];

/// Shortcuts for the postures, in the content's order.
const POSTURE_KEYS: [&str; 3] = ["M", "D", "P"];

/// The seat the game waits for next, and whether a person plays it. Among seats
/// deciding at once, people come first, so bots never keep them waiting.
pub(super) fn next_seat(session: &Session) -> Option<(SeatId, bool)> {
    let seat = match session.game.awaiting() {
        Awaiting::Over => return None,
        Awaiting::Choice(s) => s,
        Awaiting::Policy(seats) => match seats.iter().find(|s| session.is_human(**s)) {
            Some(s) if !session.autoplay => *s,
            // Everyone has confirmed: the next step resolves the orders.
            _ => *seats.first()?,
        },
    };
    Some((seat, session.is_human(seat) && !session.autoplay))
}

/// Whether the game runs by itself now (no page in front, nobody to wait for).
fn running(session: &Session, pages: &Pages) -> bool {
    pages.stack.is_empty()
        && !session.hold
        && session.pass_to.is_none()
        && session.game.outcome().is_none()
}

/// Move the game on: phases run, bots decide for their seats, and the game holds where
/// a person must act or read. One step a frame, so every step is drawn.
pub(super) fn drive_game(
    mut session: ResMut<Session>,
    pages: Res<Pages>,
    shots: Res<super::shots::Shots>,
    frames: Res<bevy::diagnostic::FrameCount>,
) {
    if !shots.may_step(frames.0) {
        return;
    }
    // Once decided, the game steps on to its end (where a replay of it stops too).
    if session.game.outcome().is_some() {
        if session.game.clock().phase != Phase::Over {
            // This last step only marks the clock: it reports no progress.
            session.game.step();
            session.version += 1;
        }
        return;
    }
    if !running(&session, &pages) {
        return;
    }
    let before = session.game.clock();
    if session.game.step() {
        session.version += 1;
        let after = session.game.clock();
        // Hold after the news and at the end of each round so people can read.
        let finished_news = after.phase == Phase::News && after.phase_done;
        let finished_round = after.phase == Phase::Review && after.phase_done;
        if session.any_human()
            && !session.autoplay
            && (finished_news || finished_round)
            && before != after
        {
            session.hold = true;
        }
        return;
    }
    let Some((seat, human)) = next_seat(&session) else {
        return;
    };
    if human {
        let humans = session.seats.iter().filter(|s| s.is_human()).count();
        if humans > 1 && session.last_human != Some(seat) {
            session.pass_to = Some(seat);
            session.version += 1;
        }
        session.last_human = Some(seat);
        return;
    }
    let opts = crate::ai::BotOptions {
        forced: Vec::new(),
        strength: session
            .seats
            .iter()
            .map(|s| match s {
                super::Seat::Bot(b) => *b,
                super::Seat::Human => crate::ai::Strength::Normal,
            })
            .collect(),
    };
    let game = &mut session.game;
    if let Some((cmd, reason)) = crate::ai::decide_with(game, seat, &opts)
        && game.apply_with_reason(&cmd, Some(reason)).is_err()
    {
        let state = game.content().states[seat.index()].id.clone();
        let _ = game.apply(&Command::Confirm { state });
    }
    session.version += 1;
}

/// Render continuously only while the game moves by itself (or screenshots are due);
/// otherwise wait for input, so an idle game uses almost no CPU.
fn idle_when_waiting(
    session: Option<Res<Session>>,
    pages: Res<Pages>,
    screen: Res<State<Screen>>,
    shots: Res<super::shots::Shots>,
    mut winit: ResMut<WinitSettings>,
) {
    let busy = *screen.get() == Screen::Play && session.is_some_and(|s| running(&s, &pages));
    let want = if busy || shots.active() {
        WinitSettings::game()
    } else {
        WinitSettings::desktop_app()
    };
    if winit.focused_mode != want.focused_mode || winit.unfocused_mode != want.unfocused_mode {
        *winit = want;
    }
}

/// The controls' view: what the game waits for from a person, or what there is to read.
pub(super) fn view(session: &Session, tr: &Tr) -> View {
    let game = &session.game;
    let content = game.content();
    let mut v = View::default();
    if game.outcome().is_some() {
        v.heading = tr.get("ui.game-over").to_string();
        v.rows.push(Row::new(
            "N",
            tr.get("ui.menu-new"),
            UiAct::Open(Page::NewGame),
        ));
        v.rows.push(
            Row::new("P", tr.get("ui.report"), UiAct::Report).detail(tr.get("ui.report-detail")),
        );
        v.blocks.extend(super::debrief::round_by_round(session, tr));
        return v;
    }
    if session.hold {
        v.rows
            .push(Row::new("Enter", tr.get("ui.continue"), UiAct::Continue));
        v.rows_first = true;
        let clock = game.clock();
        if clock.phase == Phase::News {
            v.heading = tr.fmt("ui.news-heading", &[("round", &clock.round.to_string())]);
            // The round's news, as cards: title, what it does, the note and the source.
            for (r, _, e) in game.log() {
                if let crate::game::LogEntry::Event { card } = e
                    && *r == clock.round
                {
                    v.blocks.push(card_block(tr, &content.cards[card.index()]));
                }
            }
        } else {
            v.heading = tr.fmt("ui.round-over", &[("round", &clock.round.to_string())]);
        }
        return v;
    }
    let human = next_seat(session).filter(|(_, h)| *h).map(|(s, _)| s);
    let Some(seat) = human.filter(|_| session.pass_to.is_none()) else {
        v.heading = tr
            .get(if session.autoplay {
                "ui.bots-playing"
            } else {
                "ui.others-deciding"
            })
            .to_string();
        return v;
    };
    let state = content.states[seat.index()].id.clone();
    let state_name = tr.pick(&content.states[seat.index()].name);
    if let Some(choice) = game.pending_choice() {
        v.heading = format!("{state_name}: {}", tr.pick(&choice.prompt));
        if let Some(c) = choice.card {
            v.blocks.push(card_block(tr, &content.cards[c.index()]));
        }
        for (i, o) in choice.options.iter().enumerate() {
            v.rows.push(Row {
                key: ORDER_KEYS.get(i).copied(),
                label: tr.pick(&o.label),
                act: Some(UiAct::Cmd(Command::Choose {
                    state: state.clone(),
                    option: i as u8,
                })),
                ..Row::default()
            });
        }
        return v;
    }
    policy_view(session, tr, seat, &mut v);
    v
}

/// An event card as a block: title, what it does, its note and its source.
fn card_block(tr: &Tr, c: &crate::content::CardDef) -> Block {
    Block::Card {
        title: tr.pick(&c.title),
        text: tr.pick(&c.text),
        note: tr.pick(&c.note),
        source: c.source.clone(),
    }
}

/// A policy phase: posture, confirm, undo, then the actions and cards open now, then those
/// closed (greyed, with the reason as their detail).
fn policy_view(session: &Session, tr: &Tr, seat: SeatId, v: &mut View) {
    let game = &session.game;
    let content = game.content();
    let state = content.states[seat.index()].id.clone();
    let orders = &game.orders(seat).list;
    let (left, posture) = action_points_left(&game.world, seat);
    let posture_open = orders.iter().all(|o| matches!(o, Order::Posture(_)));
    for (i, p) in content.postures.iter().enumerate() {
        let current = posture.index() == i;
        v.rows.push(Row {
            key: POSTURE_KEYS.get(i).copied(),
            label: format!("{}{}", if current { "● " } else { "○ " }, tr.pick(&p.name)),
            act: (posture_open && !current).then(|| {
                UiAct::Cmd(Command::SetPosture {
                    state: state.clone(),
                    posture: p.id.clone(),
                })
            }),
            detail: if posture_open {
                tr.pick(&p.text)
            } else {
                format!("{} {}", tr.pick(&p.text), tr.get("ui.posture-locked"))
            },
            on: current,
        });
    }
    v.rows.push(
        Row::new(
            "Enter",
            tr.get("ui.confirm"),
            UiAct::Cmd(Command::Confirm {
                state: state.clone(),
            }),
        )
        .detail(tr.get("ui.confirm-detail")),
    );
    v.rows.push(Row {
        key: Some("Backspace"),
        label: tr.get("ui.undo").to_string(),
        act: (!orders.is_empty()).then(|| {
            UiAct::Cmd(Command::Undo {
                state: state.clone(),
            })
        }),
        detail: tr.get("ui.undo-detail").to_string(),
        on: false,
    });
    // Every action and card keeps its place and its key all phase; closed ones are greyed
    // and say why.
    let mut orders_rows = Vec::new();
    for (i, a) in content.actions.iter().enumerate() {
        let block = game.action_block(seat, ActionId(i as u16), left, posture);
        if matches!(block, Some(crate::rules::Block::OnlyFor)) {
            continue;
        }
        let label = format!("{} · {}", tr.pick(&a.name), a.cost_in[posture.index()]);
        orders_rows.push(match block {
            None => (
                label,
                tr.pick(&a.text),
                Some(UiAct::Cmd(Command::Act {
                    state: state.clone(),
                    action: a.id.clone(),
                })),
            ),
            Some(b) => (
                label,
                format!("{} {}", why_closed(tr, b), tr.pick(&a.text)),
                None,
            ),
        });
    }
    for c in game.hand(seat) {
        let def = &content.cards[c.index()];
        let align = def
            .align
            .map(|p| format!(" [{}]", tr.pick(&content.powers[p.index()].name)))
            .unwrap_or_default();
        let label = format!("{}{align} · {}", tr.pick(&def.title), def.cost);
        let detail = format!("{} ({})", tr.pick(&def.text), def.source);
        let affordable = def.cost <= left;
        let holds =
            crate::rules::effects::eval(&game.world, &def.when, crate::rules::Ctx::seat(seat));
        orders_rows.push(if affordable && holds {
            (
                label,
                detail,
                Some(UiAct::Cmd(Command::Play {
                    state: state.clone(),
                    card: def.id.clone(),
                })),
            )
        } else {
            let why = if affordable {
                crate::rules::Block::Closed
            } else {
                crate::rules::Block::Cost(def.cost)
            };
            (label, format!("{} {detail}", why_closed(tr, why)), None)
        });
    }
    for (n, (label, detail, act)) in orders_rows.into_iter().enumerate() {
        v.rows.push(Row {
            key: ORDER_KEYS.get(n).copied(),
            label,
            act,
            detail,
            on: false,
        });
    }
    let done: Vec<String> = orders
        .iter()
        .map(|o| match o {
            Order::Posture(p) => tr.pick(&content.postures[p.index()].name),
            Order::Action(a) => tr.pick(&content.actions[a.index()].name),
            Order::Card(c) => tr.pick(&content.cards[c.index()].title),
        })
        .collect();
    v.heading = tr.fmt(
        "ui.your-orders",
        &[
            ("state", &tr.pick(&content.states[seat.index()].name)),
            ("left", &left.to_string()),
        ],
    );
    v.blocks.push(Block::Note(tr.fmt(
        "ui.orders-so-far",
        &[(
            "orders",
            &if done.is_empty() {
                "–".to_string()
            } else {
                done.join(", ")
            },
        )],
    )));
    let guide = guide_text(session, tr);
    if !guide.is_empty() {
        v.blocks.push(Block::Text(guide));
    }
}

/// Why an action or card is closed, in words.
fn why_closed(tr: &Tr, b: crate::rules::Block) -> String {
    match b {
        crate::rules::Block::OnlyFor => tr.get("ui.closed-only").to_string(),
        crate::rules::Block::PerRound => tr.get("ui.closed-round").to_string(),
        crate::rules::Block::Closed => tr.get("ui.closed-cond").to_string(),
        crate::rules::Block::Cost(n) => tr.fmt("ui.closed-cost", &[("cost", &n.to_string())]),
    }
}

/// A tutorial's guidance for this point of the game, if any.
pub(super) fn guide_text(session: &Session, tr: &Tr) -> String {
    let game = &session.game;
    let clock = game.clock();
    let phase = match clock.phase {
        Phase::News => Some(crate::content::PhaseName::News),
        Phase::Policy => Some(crate::content::PhaseName::Policy),
        Phase::Resolution => Some(crate::content::PhaseName::Resolution),
        Phase::Afghanistan => Some(crate::content::PhaseName::Afghanistan),
        Phase::Review => Some(crate::content::PhaseName::Review),
        Phase::Over => None,
    };
    game.content()
        .guide
        .iter()
        .filter(|(round, p, _)| *round == clock.round && Some(*p) == phase)
        .map(|(_, _, text)| tr.fmt("ui.guide", &[("text", &tr.pick(text))]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Redraw the controls when the game, the table or the display changes.
pub(super) fn draw_controls(
    mut commands: Commands,
    session: Res<Session>,
    tr: Res<Tr>,
    redraw: Res<Redraw>,
    font: Res<UiFont>,
    body: Query<(Entity, &widgets::ViewBody)>,
    mut last: Local<(u64, u64)>,
) {
    let key = (session.version, redraw.0);
    if *last == key {
        return;
    }
    *last = key;
    let Some((e, _)) = body.iter().find(|(_, b)| b.0 == PanelId::Controls) else {
        return;
    };
    let mut v = view(&session, &tr);
    if session.hold && session.game.clock().phase != Phase::News {
        let guide = guide_text(&session, &tr);
        if !guide.is_empty() {
            v.blocks.push(Block::Text(guide));
        }
    }
    widgets::draw_view(&mut commands, e, v, PanelId::Controls, &font);
}

/// Save at the start of every round (and when the window closes), so that closing the
/// window loses at most the round in play. Only at a decision point, where a replay stops
/// too, so the save verifies; only when people play.
fn autosave(
    mut session: ResMut<Session>,
    mut exits: MessageReader<AppExit>,
    mut closes: MessageReader<bevy::window::WindowCloseRequested>,
) {
    let closing = exits.read().next().is_some() | closes.read().next().is_some();
    let round = session.game.clock().round;
    if !session.any_human() || (session.autoplay && !closing) {
        return;
    }
    if !session.game.waiting() || (round == session.saved_round && !closing) {
        return;
    }
    session.saved_round = round;
    if let Err(e) = store::write(store::AUTOSAVE, &session.save().to_ron()) {
        warn!("autosave failed: {e}");
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::gui::Seat;
    use crate::rules::Game;

    fn session(seats: Vec<Seat>) -> Session {
        let loaded =
            crate::content::load_level_file(std::path::Path::new("levels/autumn-2021.ron"), None)
                .unwrap();
        let game = Game::new_stepped(Arc::new(loaded.content), 7);
        Session::new(game, "levels/autumn-2021.ron".into(), seats, false)
    }

    /// Run the game as the window does, without a window: steps, bots, and a person who
    /// always confirms at once.
    fn play(s: &mut Session) {
        for _ in 0..100_000 {
            if s.game.outcome().is_some() {
                while s.game.step() {}
                return;
            }
            s.hold = false;
            s.pass_to = None;
            if s.game.step() {
                continue;
            }
            let Some((seat, human)) = next_seat(s) else {
                return;
            };
            let state = s.game.content().states[seat.index()].id.clone();
            if human {
                let v = view(s, &Tr::new("en"));
                assert!(!v.rows.is_empty(), "a person waited for has controls");
                if s.game.pending_choice().is_some() {
                    s.game.apply(&Command::Choose { state, option: 0 }).unwrap();
                } else {
                    s.game.apply(&Command::Confirm { state }).unwrap();
                }
            } else {
                let (cmd, reason) =
                    crate::ai::decide_with(&s.game, seat, &Default::default()).unwrap();
                s.game.apply_with_reason(&cmd, Some(reason)).unwrap();
            }
        }
        panic!("the game did not end");
    }

    #[test]
    fn bots_in_the_window_play_the_game_the_simulator_plays() {
        let mut s = session(vec![Seat::Bot(crate::ai::Strength::Normal); 5]);
        s.autoplay = true;
        play(&mut s);
        let loaded =
            crate::content::load_level_file(std::path::Path::new("levels/autumn-2021.ron"), None)
                .unwrap();
        let mut sim = Game::new(Arc::new(loaded.content), 7);
        crate::ai::play_out(&mut sim);
        assert_eq!(s.game.state_hash(), sim.state_hash());
        assert_eq!(s.game.outcome(), sim.outcome());
    }

    #[test]
    fn a_person_gets_controls_every_time_the_game_waits_for_them() {
        let mut seats = vec![Seat::Bot(crate::ai::Strength::Normal); 5];
        seats[2] = Seat::Human;
        seats[4] = Seat::Human;
        let mut s = session(seats);
        play(&mut s);
        assert!(s.game.outcome().is_some());
    }

    #[test]
    fn the_policy_view_gives_each_open_order_its_own_key() {
        let mut seats = vec![Seat::Bot(crate::ai::Strength::Normal); 5];
        seats[2] = Seat::Human;
        let mut s = session(seats);
        // Bots decide and the person answers any choice, until the person's orders are due.
        loop {
            while s.game.step() {}
            match next_seat(&s) {
                Some((seat, false)) => {
                    let (cmd, reason) =
                        crate::ai::decide_with(&s.game, seat, &Default::default()).unwrap();
                    s.game.apply_with_reason(&cmd, Some(reason)).unwrap();
                }
                Some((_, true)) if s.game.pending_choice().is_some() => {
                    let state = "TJK".to_string();
                    s.game.apply(&Command::Choose { state, option: 0 }).unwrap();
                }
                _ => break,
            }
        }
        assert!(matches!(s.game.awaiting(), Awaiting::Policy(_)));
        let v = view(&s, &Tr::new("en"));
        let keys: Vec<&str> = v.rows.iter().filter_map(|r| r.key).collect();
        let mut unique = keys.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(keys.len(), unique.len(), "{keys:?}");
        assert!(keys.contains(&"Enter") && keys.contains(&"M") && keys.contains(&"D"));
        // Every open row has a key; every row says what it does (closed ones say why).
        for r in &v.rows {
            assert!(r.act.is_none() || r.key.is_some(), "{r:?}");
            assert!(!r.detail.is_empty(), "{r:?}");
        }
    }
}
