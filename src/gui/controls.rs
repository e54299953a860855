//! Playing: the human seats' choices and policy orders (posture, actions, cards, undo,
//! confirm) and the news to read, drawn from the seat's view. The game itself moves in
//! [`super::drive`].

use bevy::prelude::*;

use super::acts::UiAct;
use super::pages::Page;
use super::theme::UiFont;
use super::widgets::{self, Block, Card, PanelId, Row, View};
use super::{Frame, Hold, Redraw, Screen, Session, Tr};
use crate::content::SeatId;
use crate::game::{Closed, Command, Order, Phase};
use crate::rules::view::OwnView;
use crate::rules::{View as GameView, Viewer};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        draw_controls
            .in_set(Frame::Draw)
            .run_if(in_state(Screen::Play)),
    );
}

/// Shortcuts for the rows of a policy phase and a choice: digits, then letters no other
/// control of the game uses.
const ORDER_KEYS: [&str; 18] = [
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "Q", "W", "E", "R", "T", "Y", "U", "I", "O",
];

/// Shortcuts for the postures, in the content's order.
const POSTURE_KEYS: [&str; 3] = ["M", "D", "P"];

/// The controls' view: what the game waits for from the person whose view is shown, or
/// what there is to read.
pub(super) fn view(session: &Session, shown: &GameView, tr: &Tr, notice: &str) -> View {
    let mut v = game_view(session, shown, tr);
    // What the last press did ("Report saved to …"), in sight under the rows.
    if !notice.is_empty() {
        let at = if v.rows_first { 0 } else { v.blocks.len() };
        v.blocks.insert(at, Block::Note(notice.to_string()));
    }
    v
}

fn game_view(session: &Session, shown: &GameView, tr: &Tr) -> View {
    let content = session.game.content();
    let mut v = View::default();
    if shown.outcome.is_some() {
        v.rows_first = true;
        v.heading = tr.get("ui.game-over").to_string();
        v.rows.push(Row::new(
            "N",
            tr.get("ui.menu-new"),
            UiAct::Open(Page::NewGame),
        ));
        // A class game's record is its host's: the teacher downloads its save.
        if session.remote.is_none() {
            v.rows.push(
                Row::new("P", tr.get("ui.report"), UiAct::Report)
                    .detail(tr.get("ui.report-detail")),
            );
        } else {
            v.blocks
                .push(Block::Note(tr.get("ui.class-report").to_string()));
        }
        v.blocks
            .extend(super::debrief::round_by_round(content, shown, tr));
        return v;
    }
    if let Some(hold) = session.hold {
        v.rows
            .push(Row::new("Enter", tr.get("ui.continue"), UiAct::Continue));
        v.rows_first = true;
        match hold {
            Hold::News => {
                v.heading = tr.fmt("ui.news-heading", &[("round", &shown.round.to_string())]);
                // The round's news, as cards: title, what it does, the note and the source.
                for card in &shown.news {
                    v.blocks.push(card_block(tr, &content.cards[card.index()]));
                }
            }
            Hold::RoundEnd => {
                v.heading = tr.fmt("ui.round-over", &[("round", &shown.round.to_string())]);
            }
        }
        let guide = guide_text(session, tr);
        if !guide.is_empty() {
            v.blocks.insert(0, Block::Text(guide));
        }
        return v;
    }
    let deciding = match shown.viewer {
        Viewer::Seat(s) if session.pass_to.is_none() && shown.waits_for(s) => Some(s),
        _ => None,
    };
    let Some(seat) = deciding else {
        v.heading = tr
            .get(if session.autoplay {
                "ui.bots-playing"
            } else {
                "ui.others-deciding"
            })
            .to_string();
        if let Some(t) = &session.thinking {
            v.blocks.push(Block::Text(tr.fmt(
                "ui.bot-thinking",
                &[
                    ("state", &tr.pick(&content.states[t.seat.index()].name)),
                    ("done", &t.search.playouts().to_string()),
                    ("total", &crate::ai::search::WINDOW_PLAYOUTS.to_string()),
                ],
            )));
        }
        return v;
    };
    let state_name = tr.pick(&content.states[seat.index()].name);
    if let Some(choice) = shown.choice {
        let def = &content.choices[choice.choice.index()];
        v.heading = format!("{state_name}: {}", tr.pick(&def.prompt));
        if let Some(c) = choice.card {
            v.blocks.push(card_block(tr, &content.cards[c.index()]));
            v.rows_in_card = true;
        }
        for (i, o) in def.options.iter().enumerate() {
            v.rows.push(Row {
                key: ORDER_KEYS.get(i).copied(),
                label: tr.pick(&o.label),
                act: Some(UiAct::Cmd(Command::Choose {
                    seat,
                    option: i as u8,
                })),
                ..Row::default()
            });
        }
        return v;
    }
    if let Some(own) = &shown.own {
        policy_view(session, content, own, tr, seat, &mut v);
    }
    v
}

/// An event card as a block: title, what it does, its note and its source.
fn card_block(tr: &Tr, c: &crate::content::CardDef) -> Block {
    let policy = c.kind == crate::content::CardKind::Policy;
    Block::Card(Card {
        kind: if policy {
            tr.fmt("ui.card-policy", &[("cost", &c.cost.to_string())])
        } else {
            tr.get("ui.card-news").to_string()
        },
        policy,
        title: tr.pick(&c.title),
        text: tr.pick(&c.text),
        note: tr.note(c),
        source: source_text(tr, &c.source),
        beyond: beyond_note(tr, c),
    })
}

/// A card's source as the reader's language writes it: author–year references stay as
/// they are; the project's two forms for the essay itself are translated.
pub(super) fn source_text(tr: &Tr, source: &str) -> String {
    crate::text::source_text(&tr.s, source)
}

/// "Beyond the essay: …" for a card that says more than the essay (empty otherwise).
pub(super) fn beyond_note(tr: &Tr, c: &crate::content::CardDef) -> String {
    if c.beyond.is_empty() {
        String::new()
    } else {
        tr.fmt("ui.beyond-essay", &[("what", &tr.pick(&c.beyond))])
    }
}

/// Why an order is closed, in words.
pub(super) fn why_closed(tr: &Tr, c: Closed) -> String {
    let (cost, left, times) = match c {
        Closed::Cost { needed, left } => (needed, left, 0),
        Closed::PerRound { times } => (0, 0, times),
        _ => (0, 0, 0),
    };
    tr.fmt(
        c.key(),
        &[
            ("cost", &cost.to_string()),
            ("left", &left.to_string()),
            ("times", &times.to_string()),
        ],
    )
}

/// A policy phase: posture, confirm, undo, then every action and card with its key, open
/// or closed (greyed, with the reason as its detail). Every row keeps its place and its
/// key all phase: a card ordered stays in its row, marked, until it is taken back.
fn policy_view(
    session: &Session,
    content: &crate::content::Content,
    own: &OwnView,
    tr: &Tr,
    seat: SeatId,
    v: &mut View,
) {
    // What a posture changes: the costs of the actions whose cost depends on it.
    let costs_in = |p: crate::content::PostureId| -> String {
        content
            .actions
            .iter()
            .filter(|d| d.only.is_empty() || d.only.contains(&seat))
            .filter(|d| d.cost_in.iter().any(|c| *c != d.cost_in[0]))
            .map(|d| format!("{} {}", tr.pick(&d.name), d.cost_in[p.index()]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut first = true;
    for o in &own.options {
        let Order::Posture(p) = o.order else { continue };
        let i = p.index();
        let def = &content.postures[i];
        let current = own.posture == p;
        let costs = costs_in(p);
        let mut detail = tr.pick(&def.text);
        if !costs.is_empty() {
            detail.push(' ');
            detail.push_str(&tr.fmt("ui.posture-costs", &[("costs", &costs)]));
        }
        if let Some(c) = o.closed {
            detail.push(' ');
            detail.push_str(&why_closed(tr, c));
        }
        v.rows.push(Row {
            key: POSTURE_KEYS.get(i).copied(),
            label: format!(
                "{}{}",
                if current { "● " } else { "○ " },
                tr.pick(&def.name)
            ),
            act: (o.closed.is_none() && !current)
                .then_some(UiAct::Cmd(Command::SetPosture { seat, posture: p })),
            detail,
            on: current,
            group: first.then(|| tr.get("ui.group-posture").to_string()),
        });
        first = false;
    }
    v.rows.push(
        Row {
            key: Some("Enter"),
            label: tr.get("ui.confirm").to_string(),
            act: own
                .can_confirm
                .then_some(UiAct::Cmd(Command::Confirm { seat })),
            group: Some(tr.get("ui.group-orders").to_string()),
            ..Row::default()
        }
        .detail(tr.get("ui.confirm-detail")),
    );
    // The decision journal: one line on why, kept with the confirm (optional).
    if own.can_confirm {
        let label = if session.journal_typing {
            tr.fmt("ui.journal-typing", &[("text", &session.journal)])
        } else if session.journal.is_empty() {
            tr.get("ui.journal-empty").to_string()
        } else {
            tr.fmt("ui.journal-line", &[("text", &session.journal)])
        };
        v.rows.push(
            Row {
                key: Some("J"),
                label,
                act: Some(UiAct::JournalEdit),
                ..Row::default()
            }
            .detail(tr.get("ui.journal-detail")),
        );
    }
    v.rows.push(Row {
        key: Some("Backspace"),
        label: tr.get("ui.undo").to_string(),
        act: own.can_undo.then_some(UiAct::Cmd(Command::Undo { seat })),
        detail: tr.get("ui.undo-detail").to_string(),
        ..Row::default()
    });
    let mut orders_rows: Vec<Row> = Vec::new();
    for o in &own.options {
        let Order::Action(a) = o.order else { continue };
        if o.closed == Some(Closed::OnlyFor) {
            continue;
        }
        let def = &content.actions[a.index()];
        // A cost that depends on the posture says so: "1 (2 if multi-vector)".
        let others: Vec<String> = content
            .postures
            .iter()
            .enumerate()
            .filter(|(i, _)| def.cost_in[*i] != o.cost)
            .map(|(i, p)| {
                tr.fmt(
                    "ui.cost-if",
                    &[
                        ("cost", &def.cost_in[i].to_string()),
                        ("posture", &tr.pick(&p.name)),
                    ],
                )
            })
            .collect();
        let cost = if others.is_empty() {
            o.cost.to_string()
        } else {
            format!("{} ({})", o.cost, others.join(", "))
        };
        let label = format!("{} · {cost}", tr.pick(&def.name));
        let group = orders_rows
            .is_empty()
            .then(|| tr.get("ui.group-actions").to_string());
        orders_rows.push(match o.closed {
            None => Row {
                label,
                act: Some(UiAct::Cmd(Command::Act { seat, action: a })),
                detail: tr.pick(&def.text),
                group,
                ..Row::default()
            },
            Some(c) => Row {
                label,
                detail: format!("{} {}", why_closed(tr, c), tr.pick(&def.text)),
                group,
                ..Row::default()
            },
        });
    }
    // The cards held at the start of the phase, in card order: those in the hand, and
    // those ordered this phase (marked as given).
    let mut cards: Vec<(crate::content::CardId, bool)> =
        own.hand.iter().map(|c| (*c, false)).collect();
    for o in &own.orders {
        if let Order::Card(c) = o {
            cards.push((*c, true));
        }
    }
    cards.sort();
    cards.dedup_by_key(|(c, given)| (*c, *given));
    let mut hand_cards = Vec::new();
    let mut first_card = true;
    for (c, given) in cards {
        let def = &content.cards[c.index()];
        let align = def
            .align
            .map(|p| format!(" [{}]", tr.pick(&content.powers[p.index()].name)))
            .unwrap_or_default();
        let label = format!("{}{align} · {}", tr.pick(&def.title), def.cost);
        let detail = format!("{} ({})", tr.pick(&def.text), source_text(tr, &def.source));
        // The whole card (its note, source and what goes beyond the essay) is shown
        // under the orders, to read.
        hand_cards.push(card_block(tr, def));
        let option = own.options.iter().find(|o| o.order == Order::Card(c));
        let group = first_card.then(|| tr.get("ui.group-hand").to_string());
        first_card = false;
        orders_rows.push(if given {
            Row {
                label: format!("✓ {label}"),
                detail: format!("{} {detail}", tr.get("ui.card-given")),
                on: true,
                group,
                ..Row::default()
            }
        } else {
            match option.and_then(|o| o.closed) {
                None => Row {
                    label,
                    act: Some(UiAct::Cmd(Command::Play { seat, card: c })),
                    detail,
                    group,
                    ..Row::default()
                },
                Some(closed) => Row {
                    label,
                    detail: format!("{} {detail}", why_closed(tr, closed)),
                    group,
                    ..Row::default()
                },
            }
        });
    }
    for (n, mut row) in orders_rows.into_iter().enumerate() {
        row.key = ORDER_KEYS.get(n).copied();
        v.rows.push(row);
    }
    v.after = hand_cards;
    let done: Vec<String> = own
        .orders
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
            ("left", &own.points_left.to_string()),
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
    v.blocks.push(Block::Note(agenda_line(content, seat, tr)));
    let guide = guide_text(session, tr);
    if !guide.is_empty() {
        v.blocks.push(Block::Text(guide));
    }
}

/// What a state's national interest is made of: its agenda's weights, largest first.
pub(super) fn agenda_line(content: &crate::content::Content, seat: SeatId, tr: &Tr) -> String {
    let mut parts: Vec<(i32, String)> = content.states[seat.index()]
        .agenda
        .iter()
        .enumerate()
        .filter(|(_, w)| **w != 0)
        .map(|(t, w)| (*w, format!("{} ×{w}", tr.pick(&content.tracks[t].name))))
        .collect();
    parts.sort_by_key(|(w, _)| std::cmp::Reverse(*w));
    tr.fmt(
        "ui.agenda",
        &[(
            "agenda",
            &parts
                .into_iter()
                .map(|(_, p)| p)
                .collect::<Vec<_>>()
                .join(", "),
        )],
    )
}

/// A tutorial's guidance for this point of the game, if any.
pub(super) fn guide_text(session: &Session, tr: &Tr) -> String {
    use crate::content::PhaseName;
    let clock = session.game.clock();
    // What the person is looking at: the news or the round's end while the game holds
    // there (a resumed game holds on its round's news), else the phase in play.
    let phase = match (session.hold, clock.phase) {
        (Some(Hold::News), _) | (None, Phase::News) => Some(PhaseName::News),
        (Some(Hold::RoundEnd), _) | (None, Phase::Review) => Some(PhaseName::Review),
        (None, Phase::Policy) => Some(PhaseName::Policy),
        (None, Phase::Resolution) => Some(PhaseName::Resolution),
        (None, Phase::Afghanistan) => Some(PhaseName::Afghanistan),
        (None, Phase::Over) => None,
    };
    session
        .game
        .content()
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
    on: super::OnScreen,
    tr: Res<Tr>,
    redraw: Res<Redraw>,
    font: Res<UiFont>,
    body: Query<(Entity, &widgets::ViewBody, &widgets::Showing)>,
    mut last: Local<(u64, u64)>,
) {
    let super::OnScreen {
        session,
        shown,
        pages,
    } = on;
    let key = (shown.version, redraw.0);
    if *last == key {
        return;
    }
    *last = key;
    let Some((e, _, showing)) = body.iter().find(|(_, b, _)| b.0 == PanelId::Controls) else {
        return;
    };
    let v = view(&session, &shown.view, &tr, &pages.notice);
    widgets::draw_view(&mut commands, e, showing, v, PanelId::Controls, &font);
}

/// Typing the journal line: any text the keyboard gives, Backspace; Enter, Tab or Esc
/// stop typing (the line is kept for the confirm). The key that stops typing does
/// nothing else: Enter does not also confirm the orders, Esc does not open the menu.
pub(super) fn type_journal(
    mut keys: MessageReader<bevy::input::keyboard::KeyboardInput>,
    mut buttons: ResMut<ButtonInput<KeyCode>>,
    session: Option<ResMut<Session>>,
    pages: Res<super::pages::Pages>,
    mut redraw: ResMut<Redraw>,
) {
    let Some(mut session) = session else {
        keys.clear();
        return;
    };
    if !session.journal_typing {
        keys.clear();
        return;
    }
    if !pages.stack.is_empty() {
        session.journal_typing = false;
        redraw.0 += 1;
        keys.clear();
        return;
    }
    let typed = widgets::type_into(&mut keys, &mut session.journal, crate::rules::JOURNAL_MAX);
    if typed.done {
        session.journal_typing = false;
        for key in [
            KeyCode::Enter,
            KeyCode::NumpadEnter,
            KeyCode::Tab,
            KeyCode::Escape,
        ] {
            buttons.clear_just_pressed(key);
        }
    }
    if typed.changed {
        redraw.0 += 1;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::gui::Seat;
    use crate::gui::Shown;
    use crate::gui::drive::{drive_game, next_seat, show_view};
    use crate::gui::pages::Pages;
    use crate::rules::Game;

    fn content() -> Arc<crate::content::Content> {
        let loaded =
            crate::content::load_level_file(std::path::Path::new("levels/autumn-2021.ron"), None)
                .unwrap();
        Arc::new(loaded.content)
    }

    /// The window's driving systems in an App with no window: the real `drive_game` and
    /// the view it shows.
    fn app(seats: Vec<Seat>, autoplay: bool) -> App {
        let mut app = App::new();
        app.add_plugins(MinimalPlugins);
        app.init_resource::<Pages>();
        app.insert_resource(super::super::shots::Shots::new(None));
        let session = Session::new(
            Game::new_stepped(content(), 7),
            "levels/autumn-2021.ron".into(),
            seats,
            autoplay,
        );
        app.insert_resource(Shown::of(&session));
        app.insert_resource(session);
        app.add_systems(
            Update,
            (
                drive_game.run_if(super::super::shots::game_may_move),
                show_view,
            )
                .chain(),
        );
        app
    }

    /// Run the App frame by frame; a person reads on (Enter) and takes the first option
    /// the controls offer them: an answer to a choice, else Confirm.
    fn play(app: &mut App) -> usize {
        let tr = Tr::new("en");
        let mut person_turns = 0;
        for _ in 0..200_000 {
            app.update();
            let world = app.world_mut();
            let session = world.resource::<Session>();
            if session.game.clock().phase == Phase::Over {
                return person_turns;
            }
            if session.hold.is_some() || session.pass_to.is_some() {
                let mut s = world.resource_mut::<Session>();
                s.hold = None;
                s.pass_to = None;
                s.version += 1;
                continue;
            }
            let shown = world.resource::<Shown>();
            let Some((seat, true)) = next_seat(session) else {
                continue;
            };
            // The window has come to rest waiting for this person.
            if !session.game.waiting() || session.last_human != Some(seat) {
                continue;
            }
            assert_eq!(
                shown.view.viewer,
                Viewer::Seat(seat),
                "the window shows the deciding seat's view"
            );
            let v = view(session, &shown.view, &tr, "");
            let cmd = v
                .rows
                .iter()
                .find_map(|r| match r.act {
                    Some(UiAct::Cmd(c @ (Command::Choose { .. } | Command::Confirm { .. }))) => {
                        Some(c)
                    }
                    _ => None,
                })
                .expect("a person waited for has a way to answer");
            let mut s = world.resource_mut::<Session>();
            s.game
                .apply(&cmd)
                .expect("the controls offer legal commands");
            s.version += 1;
            person_turns += 1;
        }
        panic!("the game did not end");
    }

    #[test]
    fn bots_in_the_window_play_the_game_the_simulator_plays() {
        let mut app = app(vec![Seat::Bot(crate::ai::Strength::Normal); 5], true);
        assert_eq!(play(&mut app), 0);
        let mut sim = Game::new(content(), 7);
        crate::ai::play_out(&mut sim);
        let session = app.world().resource::<Session>();
        assert_eq!(session.game.state_hash(), sim.state_hash());
        assert_eq!(session.game.outcome(), sim.outcome());
        assert_eq!(app.world().resource::<Shown>().view.viewer, Viewer::Public);
    }

    #[test]
    fn a_person_gets_controls_every_time_the_game_waits_for_them() {
        let mut seats = vec![Seat::Bot(crate::ai::Strength::Normal); 5];
        seats[2] = Seat::Human;
        seats[4] = Seat::Human;
        let mut app = app(seats, false);
        let turns = play(&mut app);
        let game = &app.world().resource::<Session>().game;
        assert!(game.outcome().is_some());
        let rounds = game.clock().round as usize;
        assert!(
            turns >= 2 * rounds,
            "each person confirms every round: {turns} turns in {rounds} rounds"
        );
    }

    /// Drive until the person in seat 2 is to give orders.
    fn to_policy(app: &mut App) {
        for _ in 0..10_000 {
            app.update();
            let world = app.world_mut();
            let session = world.resource::<Session>();
            if session.hold.is_some() {
                let mut s = world.resource_mut::<Session>();
                s.hold = None;
                s.version += 1;
                continue;
            }
            if !session.game.waiting() {
                continue;
            }
            match next_seat(session) {
                Some((seat, true)) if session.game.pending_choice().is_some() => {
                    let mut s = world.resource_mut::<Session>();
                    s.game.apply(&Command::Choose { seat, option: 0 }).unwrap();
                    s.version += 1;
                }
                Some((_, true)) => return,
                _ => {}
            }
        }
        panic!("the person's orders never came due");
    }

    fn keyed(v: &View) -> Vec<(&'static str, String)> {
        v.rows
            .iter()
            .filter_map(|r| {
                r.key
                    .map(|k| (k, r.label.trim_start_matches("✓ ").to_string()))
            })
            .collect()
    }

    #[test]
    fn the_policy_view_gives_each_row_its_own_key_and_keeps_it_all_phase() {
        let mut seats = vec![Seat::Bot(crate::ai::Strength::Normal); 5];
        seats[2] = Seat::Human;
        let mut app = app(seats, false);
        to_policy(&mut app);
        let tr = Tr::new("en");
        let session = app.world().resource::<Session>();
        let v = view(session, &app.world().resource::<Shown>().view, &tr, "");
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
        // Play a card, then undo it: every row keeps its key and its place.
        let before = keyed(&v);
        let card = v
            .rows
            .iter()
            .find_map(|r| match r.act {
                Some(UiAct::Cmd(c @ Command::Play { .. })) => Some(c),
                _ => None,
            })
            .expect("a card can be played in round 1");
        for cmd in [card, Command::Undo { seat: SeatId(2) }] {
            let world = app.world_mut();
            let mut s = world.resource_mut::<Session>();
            s.game.apply(&cmd).unwrap();
            s.version += 1;
            app.update();
            let session = app.world().resource::<Session>();
            let after = view(session, &app.world().resource::<Shown>().view, &tr, "");
            assert_eq!(keyed(&after), before, "after {cmd:?}");
        }
    }

    #[test]
    fn the_tutorials_first_guide_shows_with_the_first_news() {
        let loaded =
            crate::content::load_level_file(std::path::Path::new("levels/tutorial.ron"), None)
                .unwrap();
        let content = Arc::new(loaded.content);
        let first = content
            .guide
            .iter()
            .find(|(r, p, _)| *r == 1 && *p == crate::content::PhaseName::News)
            .map(|(_, _, t)| crate::text::pick(t, "en").to_string())
            .expect("the tutorial guides its first news");
        let mut seats = vec![Seat::Bot(crate::ai::Strength::Normal); content.seats()];
        seats[content.player.unwrap().index()] = Seat::Human;
        let mut app = app(seats, false);
        let session = Session::new(
            Game::new_stepped(content, 7),
            "levels/tutorial.ron".into(),
            app.world().resource::<Session>().seats.clone(),
            false,
        );
        app.world_mut().insert_resource(Shown::of(&session));
        app.world_mut().insert_resource(session);
        for _ in 0..20 {
            app.update();
            if app.world().resource::<Session>().hold.is_some() {
                break;
            }
        }
        let session = app.world().resource::<Session>();
        assert_eq!(session.hold, Some(Hold::News));
        let v = view(
            session,
            &app.world().resource::<Shown>().view,
            &Tr::new("en"),
            "",
        );
        assert!(
            v.blocks
                .iter()
                .any(|b| matches!(b, Block::Text(t) if t.contains(&first))),
            "{:?}",
            v.blocks
        );
    }

    #[test]
    fn a_notice_shows_in_the_controls_and_the_debrief_offers_its_report_first() {
        let mut app = app(vec![Seat::Bot(crate::ai::Strength::Normal); 5], true);
        play(&mut app);
        let session = app.world().resource::<Session>();
        let v = view(
            session,
            &app.world().resource::<Shown>().view,
            &Tr::new("en"),
            "Report saved to /tmp/report.txt",
        );
        assert!(v.rows_first, "the debrief's keys come before its long list");
        assert!(v.rows.iter().any(|r| r.act == Some(UiAct::Report)));
        assert!(matches!(&v.blocks[0], Block::Note(n) if n.contains("/tmp/report.txt")));
    }

    #[test]
    fn projector_mode_shows_a_seat_only_while_it_decides() {
        let mut seats = vec![Seat::Bot(crate::ai::Strength::Normal); 5];
        seats[2] = Seat::Human;
        let tjk = SeatId(2);
        let mut game = Game::new(content(), 7);
        // Bots answer any news choice until the game waits for the policy orders.
        while let crate::rules::Awaiting::Choice(s) = game.awaiting() {
            if s == tjk {
                game.apply(&Command::Choose {
                    seat: tjk,
                    option: 0,
                })
                .unwrap();
            } else {
                crate::ai::act(&mut game, s, &crate::ai::BotOptions::default());
            }
        }
        let mut session = Session::new(game, "levels/autumn-2021.ron".into(), seats, false);
        session.projector = true;
        assert_eq!(
            session.viewer(),
            crate::rules::Viewer::Seat(tjk),
            "deciding"
        );
        session.game.apply(&Command::Confirm { seat: tjk }).unwrap();
        // Confirmed, the others still deciding: the wall shows what every state may see.
        assert!(matches!(
            session.game.awaiting(),
            crate::rules::Awaiting::Policy(_)
        ));
        assert_eq!(session.viewer(), crate::rules::Viewer::Public);
        session.projector = false;
        assert_eq!(session.viewer(), crate::rules::Viewer::Seat(tjk));
    }
}
