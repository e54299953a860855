//! What every panel is made of: a view (a heading, blocks of text or cards, and rows of
//! controls), drawn the same way everywhere. Each row is a button with its keyboard
//! shortcut written on it; Tab moves a visible focus ring through the rows, Enter or Space
//! presses the focused one, and the mouse works too. Pressing anything only records what
//! was asked ([`Chosen`]); `acts` carries it out.

use bevy::input_focus::{FocusCause, InputFocus, InputFocusVisible};
use bevy::prelude::*;
use bevy::ui_widgets::{ControlOrientation, ScrollArea, ScrollIntoView, Scrollbar, ScrollbarThumb};

use super::Frame;
use super::acts::UiAct;
use super::theme::{self, UiFont};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Chosen>()
        .init_resource::<FocusSlot>()
        .init_resource::<ActivePanels>()
        .init_resource::<EscFallback>()
        .add_systems(
            Update,
            (
                hide_focus_on_click.in_set(Frame::Route),
                press_rows.in_set(Frame::Input),
                (
                    restore_focus,
                    draw_focus_ring,
                    hover_rows,
                    show_detail,
                    hide_idle_scrollbars,
                )
                    .chain()
                    .in_set(Frame::Finish),
            ),
        );
}

/// A control: its shortcut, its label, what pressing it does (none: shown but closed),
/// and what it does in words (shown while it is pointed at or focused).
#[derive(Debug, Clone, Default)]
pub(super) struct Row {
    pub key: Option<&'static str>,
    pub label: String,
    pub act: Option<UiAct>,
    pub detail: String,
    /// A chosen option among several (drawn lit).
    pub on: bool,
    /// The heading of the group of rows this one opens (drawn above it).
    pub group: Option<String>,
}

impl Row {
    pub fn new(key: &'static str, label: impl Into<String>, act: UiAct) -> Self {
        Row {
            key: Some(key),
            label: label.into(),
            act: Some(act),
            ..default()
        }
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }

    pub fn on(mut self, on: bool) -> Self {
        self.on = on;
        self
    }
}

/// A block of a view above its rows.
#[derive(Debug, Clone)]
pub(super) enum Block {
    /// The game's name, large.
    Title(String),
    Text(String),
    /// Dimmer, smaller text.
    Note(String),
    /// An event card: title, what it does, its historical note and its source.
    Card(Card),
}

/// An event or policy card as a panel shows it.
#[derive(Debug, Clone)]
pub(super) struct Card {
    /// What kind of card, for its header band ("News", "Policy · 2").
    pub kind: String,
    /// A policy card (blue band) rather than news (amber).
    pub policy: bool,
    pub title: String,
    pub text: String,
    pub note: String,
    pub source: String,
    /// What the card says beyond the essay (empty when nothing).
    pub beyond: String,
}

/// What a panel shows.
#[derive(Debug, Clone, Default)]
pub(super) struct View {
    pub heading: String,
    pub blocks: Vec<Block>,
    pub rows: Vec<Row>,
    /// The rows come before the blocks (a "Continue" over long reading).
    pub rows_first: bool,
    /// Blocks that always come after the rows (the cards in a hand, to read in full).
    pub after: Vec<Block>,
    /// A choice: the heading and the rows go inside the last card (the card that asks),
    /// under its text, so the question and its options read as one card.
    pub rows_in_card: bool,
}

/// Which panel a row belongs to; shortcuts and Tab reach only the panels in front.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum PanelId {
    /// A page: the title screen's, or one over the game (menu, settings, saves…).
    Page,
    /// The game's side panel.
    Controls,
}

/// A pressable row.
#[derive(Component, Debug, Clone)]
pub(super) struct RowButton {
    pub act: UiAct,
    pub key: Option<&'static str>,
    pub panel: PanelId,
    pub index: usize,
    pub on: bool,
}

/// What a control does, in words.
#[derive(Component)]
pub(super) struct Detail(pub String);

/// The line that explains the control under the pointer or in focus, per panel.
#[derive(Component)]
pub(super) struct DetailText(pub PanelId);

/// What was pressed this frame, for `acts` to carry out.
#[derive(Resource, Default, Debug)]
pub(super) struct Chosen(pub Option<UiAct>);

/// The focused row by panel and position, so that focus survives a panel's redraw.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FocusSlot(pub Option<(PanelId, usize)>);

/// Which panels take keys now (the front one first).
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub(super) struct ActivePanels(pub Vec<PanelId>);

impl Default for ActivePanels {
    fn default() -> Self {
        ActivePanels(vec![PanelId::Page])
    }
}

/// What Esc does when no row in front has it (open the game's menu, in play).
#[derive(Resource, Default, Debug)]
pub(super) struct EscFallback(pub Option<UiAct>);

/// A panel's scrolling body, where its view is drawn.
#[derive(Component)]
pub(super) struct ViewBody(pub PanelId);

/// The heading of the view a body shows: a view with another heading starts scrolled to
/// the top (the news read to the bottom does not leave the orders scrolled away).
#[derive(Component, Default)]
pub(super) struct Showing(pub String);

/// The box a scrolling body sits in (beside its scrollbar).
pub(super) fn scroller_box() -> Node {
    Node {
        flex_direction: FlexDirection::Row,
        flex_grow: 1.0,
        min_height: Val::Px(0.0),
        column_gap: Val::Px(4.0),
        ..default()
    }
}

/// Spawn a scrolling body with a scrollbar under `parent`, in a box laid out as `outer`
/// and carrying `extra`; returns the body's entity.
pub(super) fn spawn_scroller(
    parent: &mut ChildSpawnerCommands,
    panel: PanelId,
    outer: Node,
    extra: impl Bundle,
) -> Entity {
    let mut body = Entity::PLACEHOLDER;
    parent.spawn((outer, extra)).with_children(|row| {
        body = row
            .spawn((
                ViewBody(panel),
                Showing::default(),
                ScrollArea,
                Node {
                    flex_direction: FlexDirection::Column,
                    flex_grow: 1.0,
                    overflow: Overflow::scroll_y(),
                    row_gap: Val::Px(3.0),
                    ..default()
                },
            ))
            .id();
        row.spawn((
            Node {
                width: Val::Px(8.0),
                ..default()
            },
            Scrollbar {
                orientation: ControlOrientation::Vertical,
                target: body,
                min_thumb_length: 16.0,
            },
            children![(
                BackgroundColor(Color::srgb(0.3, 0.34, 0.4)),
                ScrollbarThumb {
                    border_radius: BorderRadius::all(Val::Px(4.0)),
                    border: UiRect::ZERO,
                },
            )],
        ));
    });
    body
}

/// The line under a panel that says what the control under the pointer or in focus
/// does: outside the scrolling body, so it is always in sight.
pub(super) fn spawn_detail(parent: &mut ChildSpawnerCommands, panel: PanelId, font: &UiFont) {
    // A fixed room that clips its text: a long explanation never runs over the keys
    // below (a card's whole text is also shown in full with the card).
    parent.spawn((
        Node {
            height: Val::Px(DETAIL_HEIGHT),
            flex_shrink: 0.0,
            overflow: Overflow::clip(),
            margin: UiRect::top(Val::Px(4.0)),
            ..default()
        },
        children![(
            DetailText(panel),
            Text::new(""),
            font.at(theme::SMALL),
            TextColor(theme::ACCENT),
        )],
    ));
}

/// Draw `view` into `body` (replacing what was there); a view with another heading than
/// the body showed starts at the top.
pub(super) fn draw_view(
    commands: &mut Commands,
    body: Entity,
    showing: &Showing,
    view: View,
    panel: PanelId,
    font: &UiFont,
) {
    if showing.0 != view.heading {
        commands
            .entity(body)
            .insert((ScrollPosition::default(), Showing(view.heading.clone())));
    }
    commands.entity(body).despawn_related::<Children>();
    commands.entity(body).with_children(|p| {
        let View {
            heading,
            mut blocks,
            rows,
            rows_first,
            after,
            rows_in_card,
        } = view;
        // A choice's card holds its question and options (when there is a card).
        let asking = match blocks.last() {
            Some(Block::Card(_)) if rows_in_card => match blocks.pop() {
                Some(Block::Card(card)) => Some(card),
                _ => None,
            },
            _ => None,
        };
        if let Some(card) = asking {
            for block in blocks {
                spawn_block(p, block, font);
            }
            spawn_card(p, card, font, Some((heading, rows, panel)));
        } else {
            if !heading.is_empty() {
                p.spawn((
                    Text::new(heading),
                    font.at(theme::HEADING),
                    TextColor(theme::TEXT),
                    fixed(),
                ));
            }
            let mut rows = Some(rows);
            if rows_first {
                spawn_rows(p, rows.take().unwrap_or_default(), panel, font);
            }
            for block in blocks {
                spawn_block(p, block, font);
            }
            spawn_rows(p, rows.take().unwrap_or_default(), panel, font);
        }
        for block in after {
            spawn_block(p, block, font);
        }
    });
}

/// A view's rows, each under its group's name where a group starts.
fn spawn_rows(p: &mut ChildSpawnerCommands, rows: Vec<Row>, panel: PanelId, font: &UiFont) {
    for (index, mut row) in rows.into_iter().enumerate() {
        if let Some(g) = row.group.take() {
            p.spawn((
                Text::new(g),
                font.at(theme::SMALL),
                TextColor(theme::DIM),
                Node {
                    margin: UiRect::top(Val::Px(4.0)),
                    flex_shrink: 0.0,
                    ..default()
                },
            ));
        }
        spawn_row(p, row, panel, index, font);
    }
}

/// Room kept for a control's explanation (four lines), so rows do not jump when it shows.
const DETAIL_HEIGHT: f32 = 68.0;

/// A node that keeps its size in a scrolling column (the column scrolls instead).
fn fixed() -> Node {
    Node {
        flex_shrink: 0.0,
        ..default()
    }
}

fn spawn_block(p: &mut ChildSpawnerCommands, block: Block, font: &UiFont) {
    match block {
        Block::Title(t) => {
            p.spawn((
                Text::new(t),
                font.at(theme::TITLE),
                TextColor(theme::ACCENT),
                Node {
                    margin: UiRect::bottom(Val::Px(6.0)),
                    flex_shrink: 0.0,
                    ..default()
                },
            ));
        }
        Block::Text(t) => {
            p.spawn((
                Text::new(t),
                font.at(theme::BODY),
                TextColor(theme::TEXT),
                fixed(),
            ));
        }
        Block::Note(t) => {
            p.spawn((
                Text::new(t),
                font.at(theme::SMALL),
                TextColor(theme::DIM),
                fixed(),
            ));
        }
        Block::Card(card) => spawn_card(p, card, font, None),
    }
}

/// A card laid out as a card: a band in its kind's colour naming the kind, the title, what
/// it does, a rule, then its note, what goes beyond the essay and its source at the foot.
/// A choice (`ask`: its question and its options' rows) goes right under the title, before
/// the card's longer text, so the options show without scrolling.
fn spawn_card(
    p: &mut ChildSpawnerCommands,
    card: Card,
    font: &UiFont,
    ask: Option<(String, Vec<Row>, PanelId)>,
) {
    let Card {
        kind,
        policy,
        title,
        text,
        note,
        source,
        beyond,
    } = card;
    let band = if policy { POLICY_BAND } else { theme::ACCENT };
    p.spawn((
        Node {
            flex_direction: FlexDirection::Column,
            border: UiRect::all(Val::Px(2.0)),
            border_radius: BorderRadius::all(Val::Px(6.0)),
            margin: UiRect::vertical(Val::Px(4.0)),
            overflow: Overflow::clip(),
            flex_shrink: 0.0,
            ..default()
        },
        BorderColor::all(band),
        BackgroundColor(CARD_GROUND),
    ))
    .with_children(|c| {
        if !kind.is_empty() {
            c.spawn((
                Node {
                    padding: UiRect::axes(Val::Px(8.0), Val::Px(2.0)),
                    ..default()
                },
                BackgroundColor(band),
                children![(
                    Text::new(kind),
                    font.at(theme::SMALL),
                    TextColor(theme::PAGE),
                )],
            ));
        }
        c.spawn(Node {
            flex_direction: FlexDirection::Column,
            padding: UiRect::all(Val::Px(8.0)),
            row_gap: Val::Px(4.0),
            ..default()
        })
        .with_children(|c| {
            c.spawn((
                Text::new(title),
                font.at(theme::HEADING),
                TextColor(if policy { POLICY_TITLE } else { theme::ACCENT }),
            ));
            if let Some((question, rows, panel)) = ask {
                c.spawn((
                    Node {
                        flex_direction: FlexDirection::Column,
                        row_gap: Val::Px(4.0),
                        padding: UiRect::all(Val::Px(6.0)),
                        border: UiRect::left(Val::Px(3.0)),
                        flex_shrink: 0.0,
                        ..default()
                    },
                    BorderColor::all(theme::ACCENT),
                    BackgroundColor(ASK_GROUND),
                ))
                .with_children(|q| {
                    if !question.is_empty() {
                        q.spawn((
                            Text::new(question),
                            font.at(theme::BODY),
                            TextColor(theme::TEXT),
                            fixed(),
                        ));
                    }
                    spawn_rows(q, rows, panel, font);
                });
            }
            c.spawn((
                Text::new(text),
                font.at(theme::BODY),
                TextColor(theme::TEXT),
            ));
            // A rule between what the card does and where it comes from.
            c.spawn((
                Node {
                    height: Val::Px(1.0),
                    margin: UiRect::vertical(Val::Px(2.0)),
                    ..default()
                },
                BackgroundColor(theme::DIM.with_alpha(0.5)),
            ));
            for line in [note, beyond] {
                if !line.is_empty() {
                    c.spawn((
                        Text::new(line),
                        font.at(theme::SMALL),
                        TextColor(theme::DIM),
                    ));
                }
            }
            if !source.is_empty() {
                c.spawn((
                    Text::new(format!("— {source}")),
                    font.at(theme::SMALL),
                    TextColor(theme::DIM),
                ));
            }
        });
    });
}

/// A policy card's band and title: a blue apart from the news' amber (both keep WCAG AA
/// contrast with the text on them).
const POLICY_BAND: Color = Color::srgb(0.45, 0.68, 0.92);
/// A card's ground, and a choice's (its question and options, inside the card).
const CARD_GROUND: Color = Color::srgb(0.11, 0.13, 0.17);
const ASK_GROUND: Color = Color::srgb(0.15, 0.13, 0.09);
const POLICY_TITLE: Color = Color::srgb(0.6, 0.78, 0.96);

fn spawn_row(p: &mut ChildSpawnerCommands, row: Row, panel: PanelId, index: usize, font: &UiFont) {
    let label = match row.key {
        Some(k) => format!("[{k}] {}", row.label),
        None => format!("    {}", row.label),
    };
    let open = row.act.is_some();
    let bg = if row.on {
        theme::BUTTON_ON
    } else if open {
        theme::BUTTON
    } else {
        theme::BUTTON_OFF
    };
    let mut e = p.spawn((
        Node {
            padding: UiRect::axes(Val::Px(8.0), Val::Px(3.0)),
            flex_shrink: 0.0,
            ..default()
        },
        BackgroundColor(bg),
        Interaction::default(),
        Detail(row.detail),
        children![(
            Text::new(label),
            font.at(theme::BODY),
            TextColor(if open || row.on {
                theme::TEXT
            } else {
                theme::DIM
            }),
        )],
    ));
    if let Some(act) = row.act {
        e.insert((
            Button,
            RowButton {
                act,
                key: row.key,
                panel,
                index,
                on: row.on,
            },
        ));
    }
}

/// A row's resting colour.
fn rest_colour(b: &RowButton) -> Color {
    if b.on {
        theme::BUTTON_ON
    } else {
        theme::BUTTON
    }
}

/// Buttons whose pointer state changed.
type ChangedButtons<'w, 's> = Query<
    'w,
    's,
    (
        &'static Interaction,
        &'static RowButton,
        &'static mut BackgroundColor,
    ),
    Changed<Interaction>,
>;

/// Hover colour for buttons.
pub(super) fn hover_rows(mut q: ChangedButtons) {
    for (i, b, mut bg) in &mut q {
        bg.0 = match i {
            Interaction::Hovered | Interaction::Pressed => theme::BUTTON_HOVER,
            Interaction::None => rest_colour(b),
        };
    }
}

/// Show what the row under the pointer, or in focus, does.
pub(super) fn show_detail(
    rows: Query<(Entity, &Interaction, &Detail, Option<&RowButton>), Changed<Interaction>>,
    all: Query<(&Detail, &RowButton)>,
    focus: Res<InputFocus>,
    mut texts: Query<(&mut Text, &DetailText)>,
) {
    let mut show = |panel: PanelId, d: &str| {
        for (mut t, p) in &mut texts {
            if p.0 == panel && t.0 != d {
                t.0 = d.to_string();
            }
        }
    };
    for (_, i, d, b) in &rows {
        if matches!(i, Interaction::Hovered | Interaction::Pressed) {
            show(b.map_or(PanelId::Controls, |b| b.panel), &d.0);
        }
    }
    if focus.is_changed()
        && let Some((d, b)) = focus.get().and_then(|e| all.get(e).ok())
    {
        show(b.panel, &d.0);
    }
}

/// Keys named as the interface writes them.
pub(super) fn key_name(k: KeyCode) -> Option<&'static str> {
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
        KeyCode::KeyA => "A",
        KeyCode::KeyB => "B",
        KeyCode::KeyC => "C",
        KeyCode::KeyD => "D",
        KeyCode::KeyE => "E",
        KeyCode::KeyF => "F",
        KeyCode::KeyG => "G",
        KeyCode::KeyH => "H",
        KeyCode::KeyI => "I",
        KeyCode::KeyJ => "J",
        KeyCode::KeyK => "K",
        KeyCode::KeyL => "L",
        KeyCode::KeyM => "M",
        KeyCode::KeyN => "N",
        KeyCode::KeyO => "O",
        KeyCode::KeyP => "P",
        KeyCode::KeyQ => "Q",
        KeyCode::KeyR => "R",
        KeyCode::KeyS => "S",
        KeyCode::KeyT => "T",
        KeyCode::KeyU => "U",
        KeyCode::KeyV => "V",
        KeyCode::KeyW => "W",
        KeyCode::KeyX => "X",
        KeyCode::KeyY => "Y",
        KeyCode::KeyZ => "Z",
        KeyCode::Escape => "Esc",
        KeyCode::Enter | KeyCode::NumpadEnter => "Enter",
        KeyCode::Backspace => "Backspace",
        _ => return None,
    })
}

/// Which row a press chooses: the focused row for Enter or Space while the focus ring
/// shows; else the first row in front whose shortcut was pressed.
pub(super) fn pick<'a>(
    rows: &'a [(Entity, RowButton)],
    pressed: &[&str],
    space: bool,
    focused: Option<Entity>,
    active: &[PanelId],
) -> Option<&'a RowButton> {
    if let Some(f) = focused
        && (space || pressed.contains(&"Enter"))
        && let Some((_, b)) = rows.iter().find(|(e, _)| *e == f)
        && active.contains(&b.panel)
    {
        return Some(b);
    }
    for panel in active {
        if let Some((_, b)) = rows
            .iter()
            .find(|(_, b)| b.panel == *panel && b.key.is_some_and(|k| pressed.contains(&k)))
        {
            return Some(b);
        }
    }
    None
}

/// The row Tab (or Shift+Tab) moves the focus to: rows in front, in order, wrapping.
pub(super) fn tab_target(
    rows: &[(Entity, RowButton)],
    focused: Option<Entity>,
    back: bool,
    active: &[PanelId],
) -> Option<Entity> {
    let mut order: Vec<&(Entity, RowButton)> = rows
        .iter()
        .filter(|(_, b)| active.contains(&b.panel))
        .collect();
    order.sort_by_key(|(_, b)| {
        (
            active.iter().position(|p| *p == b.panel).unwrap_or(0),
            b.index,
        )
    });
    if order.is_empty() {
        return None;
    }
    let n = order.len();
    let at = focused.and_then(|f| order.iter().position(|(e, _)| *e == f));
    let next = match (at, back) {
        (Some(i), false) => (i + 1) % n,
        (Some(i), true) => (i + n - 1) % n,
        (None, false) => 0,
        (None, true) => n - 1,
    };
    Some(order[next].0)
}

/// Keys and clicks on rows: Tab moves the focus ring, Enter/Space press the focused row,
/// shortcuts press their rows, a click presses what it is on.
#[expect(
    clippy::too_many_arguments,
    reason = "a system reading every input that can press a row"
)]
pub(super) fn press_rows(
    input: Res<ButtonInput<KeyCode>>,
    rows: Query<(Entity, &RowButton)>,
    clicked: Query<(&RowButton, &Interaction), Changed<Interaction>>,
    active: Res<ActivePanels>,
    esc: Res<EscFallback>,
    mut focus: ResMut<InputFocus>,
    mut visible: ResMut<InputFocusVisible>,
    mut slot: ResMut<FocusSlot>,
    mut chosen: ResMut<Chosen>,
    mut commands: Commands,
) {
    let list: Vec<(Entity, RowButton)> = rows.iter().map(|(e, b)| (e, b.clone())).collect();
    if input.just_pressed(KeyCode::Tab) {
        let back = input.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
        let current = focus.get().filter(|_| visible.0);
        if let Some(e) = tab_target(&list, current, back, &active.0) {
            focus.set(e, FocusCause::Navigated);
            visible.0 = true;
            commands.trigger(ScrollIntoView { entity: e });
            if let Some((_, b)) = list.iter().find(|(x, _)| *x == e) {
                slot.0 = Some((b.panel, b.index));
            }
        }
        return;
    }
    for (b, i) in &clicked {
        if *i == Interaction::Pressed && active.0.contains(&b.panel) {
            chosen.0 = Some(b.act.clone());
            return;
        }
    }
    let pressed: Vec<&str> = input
        .get_just_pressed()
        .filter_map(|k| key_name(*k))
        .collect();
    let space = input.just_pressed(KeyCode::Space);
    if pressed.is_empty() && !space {
        return;
    }
    if chosen.0.is_some() {
        return;
    }
    let focused = focus.get().filter(|_| visible.0);
    if let Some(b) = pick(&list, &pressed, space, focused, &active.0) {
        // A shortcut (rather than Enter or Space on the focused row) puts the ring away.
        if focused.is_none_or(|f| {
            !list
                .iter()
                .any(|(e, x)| *e == f && x.index == b.index && x.panel == b.panel)
        }) {
            visible.0 = false;
        }
        chosen.0 = Some(b.act.clone());
    } else if pressed.contains(&"Esc") {
        chosen.0.clone_from(&esc.0);
    }
}

/// Where the focus goes after a panel is redrawn: the row in the same place if it is
/// still open; else the panel's Enter row (so Enter keeps meaning what its row says, and
/// never lands on Undo after the last action point is spent); else the nearest open row
/// that undoes nothing.
pub(super) fn restore_target(
    rows: &[(Entity, RowButton)],
    (panel, index): (PanelId, usize),
) -> Option<Entity> {
    let mine: Vec<&(Entity, RowButton)> = rows.iter().filter(|(_, b)| b.panel == panel).collect();
    if let Some((e, _)) = mine.iter().find(|(_, b)| b.index == index) {
        return Some(*e);
    }
    if let Some((e, _)) = mine.iter().find(|(_, b)| b.key == Some("Enter")) {
        return Some(*e);
    }
    mine.iter()
        .filter(|(_, b)| b.key != Some("Backspace"))
        .min_by_key(|(_, b)| b.index.abs_diff(index))
        .map(|(e, _)| *e)
}

/// After a panel is redrawn, put the focus back (see [`restore_target`]).
pub(super) fn restore_focus(
    rows: Query<(Entity, &RowButton), Added<RowButton>>,
    mut focus: ResMut<InputFocus>,
    visible: Res<InputFocusVisible>,
    mut slot: ResMut<FocusSlot>,
    all: Query<(Entity, &RowButton)>,
    mut commands: Commands,
) {
    if rows.is_empty() || !visible.0 {
        return;
    }
    let Some(at) = slot.0 else {
        return;
    };
    if focus.get().is_some_and(|e| all.contains(e)) {
        return;
    }
    let list: Vec<(Entity, RowButton)> = all.iter().map(|(e, b)| (e, b.clone())).collect();
    if let Some(e) = restore_target(&list, at) {
        focus.set(e, FocusCause::Navigated);
        commands.trigger(ScrollIntoView { entity: e });
        if let Some((_, b)) = list.iter().find(|(x, _)| *x == e) {
            slot.0 = Some((b.panel, b.index));
        }
    }
}

/// The focus ring: an outline on the focused row while focus is shown.
pub(super) fn draw_focus_ring(
    focus: Res<InputFocus>,
    visible: Res<InputFocusVisible>,
    rows: Query<(Entity, Has<Outline>), With<RowButton>>,
    mut commands: Commands,
) {
    for (e, has) in &rows {
        let want = visible.0 && focus.get() == Some(e);
        if want && !has {
            commands.entity(e).insert(Outline {
                width: Val::Px(2.0),
                offset: Val::Px(1.0),
                color: theme::FOCUS,
            });
        } else if !want && has {
            commands.entity(e).remove::<Outline>();
        }
    }
}

/// A scrollbar shows only while its body has more than fits.
pub(super) fn hide_idle_scrollbars(
    mut bars: Query<(&Scrollbar, &mut Visibility)>,
    bodies: Query<&ComputedNode>,
) {
    for (bar, mut vis) in &mut bars {
        let Ok(body) = bodies.get(bar.target) else {
            continue;
        };
        let want = if body.content_size().y > body.size().y + 1.0 {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        };
        if *vis != want {
            *vis = want;
        }
    }
}

/// A click anywhere hides the focus ring (the mouse is in use).
pub(super) fn hide_focus_on_click(
    mouse: Res<ButtonInput<MouseButton>>,
    mut visible: ResMut<InputFocusVisible>,
) {
    if mouse.get_just_pressed().next().is_some() && visible.0 {
        visible.0 = false;
    }
}

/// What typing into a line of text did this frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Typed {
    /// The text changed.
    pub changed: bool,
    /// Enter, Tab or Esc ended the typing.
    pub done: bool,
}

/// Type the keyboard's text into `text` (at most `max` characters, no control
/// characters); Backspace takes the last one back; Enter, Tab or Esc end the typing.
pub(super) fn type_into(
    keys: &mut MessageReader<bevy::input::keyboard::KeyboardInput>,
    text: &mut String,
    max: usize,
) -> Typed {
    use bevy::input::keyboard::Key;
    let mut typed = Typed::default();
    for k in keys.read() {
        if !k.state.is_pressed() {
            continue;
        }
        match &k.logical_key {
            Key::Backspace => {
                text.pop();
                typed.changed = true;
            }
            Key::Enter | Key::Tab | Key::Escape => {
                typed.done = true;
                typed.changed = true;
                break;
            }
            _ => {
                if let Some(t) = &k.text {
                    for c in t.chars().filter(|c| !c.is_control()) {
                        if text.chars().count() < max {
                            text.push(c);
                        }
                    }
                    typed.changed = true;
                }
            }
        }
    }
    typed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_keep_wcag_aa_contrast() {
        use super::theme::contrast;
        // The kind's name on its band; title, text and notes on the card; the question on
        // its ground.
        for band in [theme::ACCENT, POLICY_BAND] {
            assert!(contrast(theme::PAGE, band) >= 4.5, "{band:?}");
        }
        for ink in [theme::ACCENT, POLICY_TITLE, theme::TEXT, theme::DIM] {
            assert!(contrast(ink, CARD_GROUND) >= 4.5, "{ink:?}");
        }
        assert!(contrast(theme::TEXT, ASK_GROUND) >= 4.5);
    }

    fn row(panel: PanelId, index: usize, key: Option<&'static str>) -> RowButton {
        RowButton {
            act: UiAct::Back,
            key,
            panel,
            index,
            on: false,
        }
    }

    fn ents(n: u32) -> Vec<Entity> {
        (0..n)
            .map(|i| Entity::from_raw_u32(i + 1).unwrap())
            .collect()
    }

    #[test]
    fn shortcuts_reach_only_the_panels_in_front() {
        let e = ents(2);
        let rows = vec![
            (e[0], row(PanelId::Controls, 0, Some("S"))),
            (e[1], row(PanelId::Page, 0, Some("S"))),
        ];
        let got = pick(&rows, &["S"], false, None, &[PanelId::Page]).unwrap();
        assert_eq!(got.panel, PanelId::Page);
        assert!(pick(&rows, &["Q"], false, None, &[PanelId::Page]).is_none());
        let both = [PanelId::Page, PanelId::Controls];
        assert_eq!(
            pick(&rows, &["S"], false, None, &both).unwrap().panel,
            PanelId::Page
        );
    }

    #[test]
    fn enter_presses_the_focused_row_before_any_shortcut() {
        let e = ents(2);
        let rows = vec![
            (e[0], row(PanelId::Controls, 0, Some("Enter"))),
            (e[1], row(PanelId::Controls, 1, Some("M"))),
        ];
        let active = [PanelId::Controls];
        assert_eq!(
            pick(&rows, &["Enter"], false, Some(e[1]), &active)
                .unwrap()
                .index,
            1
        );
        assert_eq!(
            pick(&rows, &[], true, Some(e[1]), &active).unwrap().index,
            1
        );
        // Without a focused row, Enter is the Enter row's shortcut.
        assert_eq!(
            pick(&rows, &["Enter"], false, None, &active).unwrap().index,
            0
        );
    }

    #[test]
    fn after_the_focused_order_closes_enter_still_confirms() {
        // Postures [M] [D], then [Enter] Confirm, [Backspace] Undo, then the actions. The
        // focused action (row 5) was ordered with the last action point: it and every
        // other action are closed now (no button). The focus goes to Confirm, not Undo.
        let e = ents(4);
        let rows = vec![
            (e[0], row(PanelId::Controls, 0, Some("M"))),
            (e[1], row(PanelId::Controls, 1, Some("D"))),
            (e[2], row(PanelId::Controls, 2, Some("Enter"))),
            (e[3], row(PanelId::Controls, 3, Some("Backspace"))),
        ];
        assert_eq!(restore_target(&rows, (PanelId::Controls, 5)), Some(e[2]));
        // A row still open in its place keeps the focus.
        assert_eq!(restore_target(&rows, (PanelId::Controls, 1)), Some(e[1]));
        // With no Enter row, the nearest that undoes nothing.
        let no_enter = vec![
            (e[0], row(PanelId::Page, 0, Some("1"))),
            (e[3], row(PanelId::Page, 4, Some("Backspace"))),
        ];
        assert_eq!(restore_target(&no_enter, (PanelId::Page, 5)), Some(e[0]));
    }

    #[test]
    fn tab_walks_the_rows_in_order_and_wraps_both_ways() {
        let e = ents(4);
        let rows = vec![
            (e[2], row(PanelId::Controls, 1, None)),
            (e[0], row(PanelId::Controls, 0, None)),
            (e[3], row(PanelId::Page, 0, None)),
            (e[1], row(PanelId::Controls, 2, None)),
        ];
        let active = [PanelId::Controls];
        assert_eq!(tab_target(&rows, None, false, &active), Some(e[0]));
        assert_eq!(tab_target(&rows, Some(e[0]), false, &active), Some(e[2]));
        assert_eq!(tab_target(&rows, Some(e[1]), false, &active), Some(e[0]));
        assert_eq!(tab_target(&rows, Some(e[0]), true, &active), Some(e[1]));
        assert_eq!(tab_target(&rows, None, true, &active), Some(e[1]));
        assert_eq!(tab_target(&rows, None, false, &[]), None);
    }
}
