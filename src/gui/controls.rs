//! Playing with the window: choosing a seat, the human player's choices and policy orders
//! (posture, actions, cards, undo, confirm), the hot-seat hand-over, and bots for every
//! other seat. Every control is a button with a keyboard shortcut written on it.

use bevy::prelude::*;
use bevy::winit::WinitSettings;

use crate::content::{ActionId, SeatId};
use crate::game::{Command, Order, Phase};
use crate::rules::{Awaiting, action_points_left};

use super::{Session, Shots, UiFont};

/// The panel the controls live in.
#[derive(Component)]
pub(super) struct ControlPanel;

/// What a button does when pressed.
#[derive(Component, Clone, Debug)]
pub(super) enum UiAct {
    /// Take this seat (or none: watch the bots).
    Start(Option<SeatId>),
    /// Give a command for the human seat.
    Cmd(Command),
    /// Carry on after reading (news, the end of a round, a hand-over).
    Continue,
    /// A menu entry.
    Menu(MenuAct),
    /// Cycle the bots' strength.
    BotStrength,
}

/// What the menu (Esc) offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum MenuAct {
    Resume,
    Save,
    Load(std::path::PathBuf),
    NewGame,
    Level(std::path::PathBuf),
    Scale,
    Palette,
    Fullscreen,
    Quit,
}

/// Which menu is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Menu {
    #[default]
    Closed,
    Main,
    Levels,
}

/// Who plays, and where the game is held for the player to read.
#[derive(Resource, Default)]
pub(super) struct Table {
    /// Human seats; empty until the player picks (or in autoplay).
    pub humans: Vec<bool>,
    pub started: bool,
    /// Held after a phase a human should read before the game moves on.
    pub hold: bool,
    /// A hot-seat hand-over waiting for the next player to press Enter.
    pub pass_to: Option<SeatId>,
    /// The human seat that last saw its controls.
    pub last_human: Option<SeatId>,
    /// The menu, when open.
    pub menu: Menu,
    /// The last thing the menu did, to tell the player ("Saved to …").
    pub notice: String,
    /// How well the bots play.
    pub bots: crate::ai::Strength,
    /// The levels offered for a new game, read when that menu opens.
    pub levels: Vec<(std::path::PathBuf, String)>,
}

impl Table {
    fn is_human(&self, s: SeatId) -> bool {
        self.humans.get(s.index()).copied().unwrap_or(false)
    }
    fn any_human(&self) -> bool {
        self.humans.iter().any(|h| *h)
    }
}

const BUTTON: Color = Color::srgb(0.16, 0.2, 0.26);
const BUTTON_HOVER: Color = Color::srgb(0.24, 0.32, 0.42);
const BUTTON_OFF: Color = Color::srgb(0.1, 0.11, 0.13);

/// Move the game on: bots decide for their seats, phases run, and the game holds where a
/// human must act or read.
pub(super) fn drive_game(
    mut session: ResMut<Session>,
    mut table: ResMut<Table>,
    shots: Res<Shots>,
    pending: Query<(), With<bevy::render::view::screenshot::Screenshot>>,
    mut winit: ResMut<WinitSettings>,
    frames: Res<bevy::diagnostic::FrameCount>,
) {
    let settling = shots.dir.is_some() && frames.0 < super::WARM_UP_FRAMES;
    let busy = table.started
        && table.menu == Menu::Closed
        && !table.hold
        && table.pass_to.is_none()
        && session.game.outcome().is_none();
    // Render continuously only while the game moves by itself; idle otherwise.
    let want = if busy || shots.dir.is_some() {
        WinitSettings::game()
    } else {
        WinitSettings::desktop_app()
    };
    if winit.focused_mode != want.focused_mode {
        *winit = want;
    }
    if !busy || settling || !pending.is_empty() || shots.exit_in.is_some() {
        return;
    }
    let before = session.game.clock();
    if session.game.step() {
        session.version += 1;
        let after = session.game.clock();
        // Hold after the news and at the end of each round so a human can read.
        let finished_news = after.phase == Phase::News && after.phase_done;
        let finished_round = after.phase == Phase::Review && after.phase_done;
        if table.any_human()
            && !session.autoplay
            && (finished_news || finished_round)
            && before != after
        {
            table.hold = true;
        }
        return;
    }
    let seat = match session.game.awaiting() {
        Awaiting::Over => return,
        Awaiting::Choice(s) => s,
        Awaiting::Policy(seats) => {
            // Humans first among those waiting, so the bots' thinking never delays them.
            match seats.iter().find(|s| table.is_human(**s)) {
                Some(s) if !session.autoplay => *s,
                _ => seats[0],
            }
        }
    };
    if table.is_human(seat) && !session.autoplay {
        let humans = table.humans.iter().filter(|h| **h).count();
        if humans > 1 && table.last_human != Some(seat) {
            table.pass_to = Some(seat);
            session.version += 1;
        }
        table.last_human = Some(seat);
        return;
    }
    let opts = crate::ai::BotOptions {
        forced: Vec::new(),
        strength: vec![table.bots; session.game.content().seats()],
    };
    if let Some((cmd, reason)) = crate::ai::decide_with(&session.game, seat, &opts)
        && session.game.apply_with_reason(&cmd, Some(reason)).is_err()
    {
        let state = session.game.content().states[seat.index()].id.clone();
        let _ = session.game.apply(&Command::Confirm { state });
    }
    session.version += 1;
}

/// The human seat the game waits for now, if any.
fn human_turn(session: &Session, table: &Table) -> Option<SeatId> {
    if session.autoplay || !table.started || table.pass_to.is_some() {
        return None;
    }
    match session.game.awaiting() {
        Awaiting::Choice(s) if table.is_human(s) => Some(s),
        Awaiting::Policy(seats) => seats.iter().copied().find(|s| table.is_human(*s)),
        _ => None,
    }
}

/// One row of the panel: a label with its shortcut, what pressing it does, and whether it
/// is open now.
struct Row {
    key: Option<&'static str>,
    label: String,
    act: Option<UiAct>,
    /// What it does, shown while the pointer is on it.
    detail: String,
}

/// Shortcuts for numbered rows: digits, then letters no other control uses.
const NUMBER_KEYS: [&str; 18] = [
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "Q", "W", "E", "R", "T", "Y", "U", "I", "O",
];

fn rows(session: &Session, table: &Table, display: &super::DisplaySettings) -> (String, Vec<Row>) {
    let game = &session.game;
    let content = game.content();
    let s = crate::text::Strings::english();
    let name = |t: &crate::content::Text| crate::text::pick(t, "en").to_string();
    let mut out = Vec::new();
    let entry = |key: &'static str, label: &str, act: MenuAct| Row {
        key: Some(key),
        label: label.to_string(),
        act: Some(UiAct::Menu(act)),
        detail: String::new(),
    };
    match table.menu {
        Menu::Main => {
            out.push(entry("Esc", s.get("ui.menu-resume"), MenuAct::Resume));
            if table.started && game.outcome().is_none() {
                out.push(entry("S", s.get("ui.menu-save"), MenuAct::Save));
            }
            for (key, path, label) in [
                ("L", crate::session::autosave_path(), "ui.menu-load-auto"),
                (
                    "K",
                    crate::session::manual_save_path(),
                    "ui.menu-load-saved",
                ),
            ] {
                if path.is_file() {
                    out.push(entry(key, s.get(label), MenuAct::Load(path)));
                }
            }
            out.push(entry("N", s.get("ui.menu-new"), MenuAct::NewGame));
            let on_off = |b: bool| s.get(if b { "ui.on" } else { "ui.off" }).to_string();
            out.push(entry(
                "Z",
                &s.fmt(
                    "ui.menu-scale",
                    &[("pct", &format!("{:.0}", display.ui_scale * 100.0))],
                ),
                MenuAct::Scale,
            ));
            out.push(entry(
                "C",
                &s.fmt("ui.menu-palette", &[("on", &on_off(display.colour_blind))]),
                MenuAct::Palette,
            ));
            out.push(entry(
                "U",
                &s.fmt("ui.menu-fullscreen", &[("on", &on_off(display.fullscreen))]),
                MenuAct::Fullscreen,
            ));
            out.push(entry("X", s.get("ui.menu-quit"), MenuAct::Quit));
            let mut head = s.get("ui.menu").to_string();
            if !table.notice.is_empty() {
                head.push_str(&format!("\n{}", table.notice));
            }
            return (head, out);
        }
        Menu::Levels => {
            for (i, (path, title)) in table.levels.iter().cloned().enumerate().take(9) {
                out.push(Row {
                    key: NUMBER_KEYS.get(i).copied(),
                    label: title,
                    act: Some(UiAct::Menu(MenuAct::Level(path.clone()))),
                    detail: path.display().to_string(),
                });
            }
            out.push(entry("Esc", s.get("ui.menu-resume"), MenuAct::Resume));
            return (s.get("ui.menu-levels").to_string(), out);
        }
        Menu::Closed => {}
    }
    if !table.started {
        for (i, st) in content.states.iter().enumerate() {
            out.push(Row {
                key: NUMBER_KEYS.get(i).copied(),
                label: name(&st.name),
                act: Some(UiAct::Start(Some(SeatId(i as u8)))),
                detail: name(&st.note),
            });
        }
        out.push(Row {
            key: Some("0"),
            label: s.get("ui.watch").to_string(),
            act: Some(UiAct::Start(None)),
            detail: String::new(),
        });
        let level = match table.bots {
            crate::ai::Strength::Easy => "ui.bots-easy",
            crate::ai::Strength::Normal => "ui.bots-normal",
            crate::ai::Strength::Hard => "ui.bots-hard",
        };
        out.push(Row {
            key: Some("B"),
            label: s.fmt("ui.bots", &[("strength", s.get(level))]),
            act: Some(UiAct::BotStrength),
            detail: s.get("ui.bots-detail").to_string(),
        });
        return (s.get("ui.choose-state").to_string(), out);
    }
    if let Some(seat) = table.pass_to.filter(|_| table.menu == Menu::Closed) {
        out.push(Row {
            key: Some("Enter"),
            label: s.get("ui.ready").to_string(),
            act: Some(UiAct::Continue),
            detail: String::new(),
        });
        return (
            s.fmt(
                "ui.pass-to",
                &[("state", &name(&content.states[seat.index()].name))],
            ),
            out,
        );
    }
    if table.hold {
        out.push(Row {
            key: Some("Enter"),
            label: s.get("ui.continue").to_string(),
            act: Some(UiAct::Continue),
            detail: String::new(),
        });
        let clock = game.clock();
        let mut head = s.get("ui.read-then-continue").to_string();
        if clock.phase == Phase::News {
            // The round's news, as cards: title, what it does, the note and the source.
            for (r, _, e) in game.log() {
                if let crate::game::LogEntry::Event { card } = e
                    && *r == clock.round
                {
                    let c = &content.cards[card.index()];
                    head.push_str(&format!(
                        "\n\n▌{}\n{}\n{} ({})",
                        name(&c.title),
                        name(&c.text),
                        name(&c.note),
                        c.source
                    ));
                }
            }
        }
        return (head, out);
    }
    if let Some(o) = game.outcome() {
        let _ = o;
        return (s.get("ui.game-over").to_string(), out);
    }
    let Some(seat) = human_turn(session, table) else {
        return (s.get("ui.others-deciding").to_string(), out);
    };
    let state = content.states[seat.index()].id.clone();
    let state_name = name(&content.states[seat.index()].name);
    if let Some(choice) = game.pending_choice() {
        for (i, o) in choice.options.iter().enumerate() {
            out.push(Row {
                key: NUMBER_KEYS.get(i).copied(),
                label: name(&o.label),
                act: Some(UiAct::Cmd(Command::Choose {
                    state: state.clone(),
                    option: i as u8,
                })),
                detail: choice
                    .card
                    .map(|c| name(&content.cards[c.index()].text))
                    .unwrap_or_default(),
            });
        }
        return (format!("{state_name}: {}", name(&choice.prompt)), out);
    }
    // Policy orders.
    let orders = &game.orders(seat).list;
    let (left, posture) = action_points_left(&game.world, seat);
    let posture_open = orders.iter().all(|o| matches!(o, Order::Posture(_)));
    for (i, p) in content.postures.iter().enumerate() {
        let key = ["M", "D", "P"].get(i).copied();
        let current = posture.index() == i;
        out.push(Row {
            key,
            label: format!("{}{}", if current { "● " } else { "○ " }, name(&p.name)),
            act: (posture_open && !current).then(|| {
                UiAct::Cmd(Command::SetPosture {
                    state: state.clone(),
                    posture: p.id.clone(),
                })
            }),
            detail: name(&p.text),
        });
    }
    out.push(Row {
        key: Some("Enter"),
        label: s.get("ui.confirm").to_string(),
        act: Some(UiAct::Cmd(Command::Confirm {
            state: state.clone(),
        })),
        detail: String::new(),
    });
    out.push(Row {
        key: Some("Backspace"),
        label: s.get("ui.undo").to_string(),
        act: (!orders.is_empty()).then(|| {
            UiAct::Cmd(Command::Undo {
                state: state.clone(),
            })
        }),
        detail: String::new(),
    });
    let mut n = 0;
    for (i, a) in content.actions.iter().enumerate() {
        let block = game.action_block(seat, ActionId(i as u16), left, posture);
        if matches!(block, Some(crate::rules::Block::OnlyFor)) {
            continue;
        }
        let cost = a.cost_in[posture.index()];
        let open = block.is_none();
        out.push(Row {
            key: if open {
                NUMBER_KEYS.get(n).copied()
            } else {
                None
            },
            label: format!("{} · {cost}", name(&a.name)),
            detail: name(&a.text),
            act: open.then(|| {
                UiAct::Cmd(Command::Act {
                    state: state.clone(),
                    action: a.id.clone(),
                })
            }),
        });
        if open {
            n += 1;
        }
    }
    for c in game.hand(seat) {
        let def = &content.cards[c.index()];
        let open = def.cost <= left
            && crate::rules::effects::eval(&game.world, &def.when, crate::rules::Ctx::seat(seat));
        let align = def
            .align
            .map(|p| format!(" [{}]", name(&content.powers[p.index()].name)))
            .unwrap_or_default();
        out.push(Row {
            key: if open {
                NUMBER_KEYS.get(n).copied()
            } else {
                None
            },
            label: format!("{}{align} · {}", name(&def.title), def.cost),
            detail: format!("{} ({})", name(&def.text), def.source),
            act: open.then(|| {
                UiAct::Cmd(Command::Play {
                    state: state.clone(),
                    card: def.id.clone(),
                })
            }),
        });
        if open {
            n += 1;
        }
    }
    let done: Vec<String> = orders
        .iter()
        .map(|o| match o {
            Order::Posture(p) => name(&content.postures[p.index()].name),
            Order::Action(a) => name(&content.actions[a.index()].name),
            Order::Card(c) => name(&content.cards[c.index()].title),
        })
        .collect();
    let head = s.fmt(
        "ui.your-orders",
        &[
            ("state", &state_name),
            ("left", &left.to_string()),
            (
                "orders",
                &if done.is_empty() {
                    "–".to_string()
                } else {
                    done.join(", ")
                },
            ),
        ],
    );
    (head, out)
}

/// Rebuild the control panel whenever the game or the table changes.
pub(super) fn rebuild_controls(
    mut commands: Commands,
    session: Res<Session>,
    table: Res<Table>,
    font: Res<UiFont>,
    display: Res<super::DisplaySettings>,
    panel: Query<Entity, With<ControlPanel>>,
    mut last: Local<(u64, bool, bool, Option<SeatId>, Menu, String)>,
) {
    let key = (
        session.version,
        table.started,
        table.hold,
        table.pass_to,
        table.menu,
        format!("{}{:?}", table.notice, table.bots),
    );
    if *last == key && !display.is_changed() {
        return;
    }
    *last = key;
    let Ok(panel) = panel.single() else { return };
    commands.entity(panel).despawn_related::<Children>();
    let (head, rows) = rows(&session, &table, &display);
    commands.entity(panel).with_children(|p| {
        p.spawn((Text::new(head), font.at(15.0), TextColor(super::TEXT)));
        p.spawn((
            DetailText,
            Text::new(""),
            font.at(13.0),
            TextColor(Color::srgb(0.95, 0.85, 0.55)),
            Node {
                min_height: Val::Px(16.0),
                ..default()
            },
        ));
        for row in rows {
            let label = match row.key {
                Some(k) => format!("[{k}] {}", row.label),
                None => format!("    {}", row.label),
            };
            let open = row.act.is_some();
            let mut e = p.spawn((
                Node {
                    padding: UiRect::axes(Val::Px(8.0), Val::Px(1.0)),
                    margin: UiRect::top(Val::Px(2.0)),
                    ..default()
                },
                BackgroundColor(if open { BUTTON } else { BUTTON_OFF }),
                children![(
                    Text::new(label),
                    font.at(13.0),
                    TextColor(if open {
                        super::TEXT
                    } else {
                        Color::srgb(0.5, 0.52, 0.55)
                    }),
                )],
            ));
            e.insert((Detail(row.detail), Interaction::default()));
            if let Some(act) = row.act {
                e.insert((Button, act, KeyHint(row.key)));
            }
        }
    });
}

/// The line that explains the control under the pointer.
#[derive(Component)]
pub(super) struct DetailText;

/// What a control does, in words.
#[derive(Component)]
pub(super) struct Detail(String);

/// Show what the control under the pointer does.
pub(super) fn show_detail(
    rows: Query<(&Interaction, &Detail), Changed<Interaction>>,
    mut text: Query<&mut Text, With<DetailText>>,
) {
    for (i, d) in &rows {
        if matches!(i, Interaction::Hovered | Interaction::Pressed)
            && let Ok(mut t) = text.single_mut()
        {
            t.0.clone_from(&d.0);
        }
    }
}

/// The shortcut of a button.
#[derive(Component)]
pub(super) struct KeyHint(Option<&'static str>);

/// Buttons whose pointer state changed.
type ChangedButtons<'w, 's> = Query<
    'w,
    's,
    (&'static Interaction, &'static mut BackgroundColor),
    (Changed<Interaction>, With<Button>),
>;

/// Hover colour for buttons.
pub(super) fn hover_buttons(mut q: ChangedButtons) {
    for (i, mut bg) in &mut q {
        bg.0 = match i {
            Interaction::Hovered | Interaction::Pressed => BUTTON_HOVER,
            Interaction::None => BUTTON,
        };
    }
}

fn key_name(k: KeyCode) -> Option<&'static str> {
    Some(match k {
        KeyCode::Digit1 | KeyCode::Numpad1 => "1",
        KeyCode::Digit2 | KeyCode::Numpad2 => "2",
        KeyCode::Digit3 | KeyCode::Numpad3 => "3",
        KeyCode::Digit4 | KeyCode::Numpad4 => "4",
        KeyCode::Digit5 | KeyCode::Numpad5 => "5",
        KeyCode::Digit6 | KeyCode::Numpad6 => "6",
        KeyCode::Digit7 | KeyCode::Numpad7 => "7",
        KeyCode::Digit8 | KeyCode::Numpad8 => "8",
        KeyCode::Digit9 | KeyCode::Numpad9 => "9",
        KeyCode::Digit0 | KeyCode::Numpad0 => "0",
        KeyCode::KeyQ => "Q",
        KeyCode::KeyW => "W",
        KeyCode::KeyE => "E",
        KeyCode::KeyR => "R",
        KeyCode::KeyT => "T",
        KeyCode::KeyY => "Y",
        KeyCode::KeyU => "U",
        KeyCode::KeyI => "I",
        KeyCode::KeyO => "O",
        KeyCode::KeyM => "M",
        KeyCode::KeyS => "S",
        KeyCode::KeyL => "L",
        KeyCode::KeyK => "K",
        KeyCode::KeyN => "N",
        KeyCode::KeyX => "X",
        KeyCode::KeyZ => "Z",
        KeyCode::KeyB => "B",
        KeyCode::KeyC => "C",
        KeyCode::Escape => "Esc",
        KeyCode::KeyD => "D",
        KeyCode::KeyP => "P",
        KeyCode::Enter | KeyCode::NumpadEnter => "Enter",
        KeyCode::Backspace => "Backspace",
        _ => return None,
    })
}

/// Buttons pressed with the mouse or by their shortcut.
pub(super) fn press_buttons(
    input: Res<ButtonInput<KeyCode>>,
    buttons: Query<(&Interaction, &UiAct, &KeyHint), With<Button>>,
    mut session: ResMut<Session>,
    mut table: ResMut<Table>,
    mut display: ResMut<super::DisplaySettings>,
    mut commands: Commands,
    mut exit: MessageWriter<AppExit>,
) {
    let pressed_key: Vec<&str> = input
        .get_just_pressed()
        .filter_map(|k| key_name(*k))
        .collect();
    // Esc opens the menu from anywhere (and closes it again).
    if table.menu == Menu::Closed && pressed_key.contains(&"Esc") {
        table.menu = Menu::Main;
        table.notice.clear();
        return;
    }
    let mut chosen: Option<UiAct> = None;
    for (interaction, act, hint) in &buttons {
        let by_key = hint.0.is_some_and(|k| pressed_key.contains(&k));
        if *interaction == Interaction::Pressed || by_key {
            chosen = Some(act.clone());
            break;
        }
    }
    let Some(act) = chosen else { return };
    match act {
        UiAct::Start(seat) => {
            let n = session.game.content().seats();
            table.humans = (0..n)
                .map(|i| seat.is_some_and(|s| s.index() == i))
                .collect();
            table.started = true;
            session.autoplay = seat.is_none();
        }
        UiAct::Continue => {
            if table.pass_to.take().is_none() {
                table.hold = false;
            }
        }
        UiAct::Cmd(cmd) => {
            // A refused command leaves the game as it was; the panel shows why it was closed.
            let _ = session.game.apply(&cmd);
        }
        UiAct::BotStrength => {
            table.bots = match table.bots {
                crate::ai::Strength::Easy => crate::ai::Strength::Normal,
                crate::ai::Strength::Normal => crate::ai::Strength::Hard,
                crate::ai::Strength::Hard => crate::ai::Strength::Easy,
            };
        }
        UiAct::Menu(MenuAct::Scale) => {
            let i = super::UI_SCALES
                .iter()
                .position(|s| (*s - display.ui_scale).abs() < 0.01)
                .map_or(1, |i| (i + 1) % super::UI_SCALES.len());
            display.ui_scale = super::UI_SCALES[i];
            commands.queue(bevy::settings::SaveSettingsDeferred(
                std::time::Duration::from_millis(200),
            ));
        }
        UiAct::Menu(MenuAct::Palette) => {
            display.colour_blind = !display.colour_blind;
            commands.queue(bevy::settings::SaveSettingsDeferred(
                std::time::Duration::from_millis(200),
            ));
        }
        UiAct::Menu(MenuAct::Fullscreen) => {
            display.fullscreen = !display.fullscreen;
            commands.queue(bevy::settings::SaveSettingsDeferred(
                std::time::Duration::from_millis(200),
            ));
        }
        UiAct::Menu(m) => menu_act(m, &mut session, &mut table, &mut exit),
    }
    session.version += 1;
}

/// Who plays each of `n` seats, as saves record it.
pub(super) fn seats_of(table: &Table, n: usize) -> Vec<crate::session::Controller> {
    (0..n)
        .map(|i| {
            if table.humans.get(i).copied().unwrap_or(false) {
                crate::session::Controller::Human
            } else {
                crate::session::Controller::Bot
            }
        })
        .collect()
}

fn menu_act(
    m: MenuAct,
    session: &mut Session,
    table: &mut Table,
    exit: &mut MessageWriter<AppExit>,
) {
    let s = crate::text::Strings::english();
    match m {
        MenuAct::Resume => table.menu = Menu::Closed,
        MenuAct::Quit => {
            exit.write(AppExit::Success);
        }
        MenuAct::Save => {
            let seats = seats_of(table, session.game.content().seats());
            let save = crate::session::Save::of(&session.game, &session.level_path, seats);
            let path = crate::session::manual_save_path();
            let written = path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| crate::session::write_atomic(&path, &save.to_ron()));
            table.notice = match written {
                Ok(()) => s.fmt("ui.saved", &[("path", &path.display().to_string())]),
                Err(e) => s.fmt("ui.save-failed", &[("error", &e.to_string())]),
            };
        }
        MenuAct::Load(path) => match super::load_session(&path) {
            Ok((game, level_path, seats)) => {
                session.game = game;
                session.level_path = level_path;
                session.saved_round = session.game.clock().round;
                *table = Table {
                    humans: seats
                        .iter()
                        .map(|c| *c == crate::session::Controller::Human)
                        .collect(),
                    started: true,
                    ..Table::default()
                };
                session.autoplay = !table.any_human();
            }
            Err(e) => table.notice = e,
        },
        MenuAct::NewGame => {
            table.levels = super::level_list();
            table.menu = Menu::Levels;
        }
        // Handled where the settings are at hand.
        MenuAct::Scale | MenuAct::Palette | MenuAct::Fullscreen => {}
        MenuAct::Level(path) => match super::new_session(&path) {
            Ok((game, level_path)) => {
                session.game = game;
                session.level_path = level_path;
                session.saved_round = 0;
                session.autoplay = false;
                *table = Table::default();
            }
            Err(e) => {
                table.menu = Menu::Main;
                table.notice = e;
            }
        },
    }
}
