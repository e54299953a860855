//! The game's frame: a top bar (level, seed, round, era, phase, the shared tracks), the
//! side panel (Kazantsev's quadrant as a lit 2×2 chart, every state's tracks and posture,
//! the controls, the log), and the board's area between them.

use bevy::picking::Pickable;
use bevy::prelude::*;

use super::states::StatePanels;
use super::theme::{self, UiFont};
use super::widgets::{self, PanelId};
use super::{BuildPlay, DisplaySettings, Frame, Screen, Session, Shown, Tr};
use crate::content::{Quadrant, SeatId};
use crate::rules::{Awaiting, Facts};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LogFilter>()
        .add_systems(OnEnter(Screen::Play), spawn_hud.in_set(BuildPlay::Layout))
        .add_systems(
            Update,
            (
                log_keys.in_set(Frame::Input),
                (
                    size_side_panel,
                    update_top_bar,
                    update_legend,
                    light_quadrant,
                    update_log,
                    fold_log,
                )
                    .chain()
                    .in_set(Frame::Draw),
            )
                .run_if(in_state(Screen::Play)),
        );
}

/// The part of the window the board is drawn in.
#[derive(Component)]
pub(super) struct BoardArea;

/// A line of the frame's text: the top bar's two, and the keys that always work at the
/// foot of the side panel.
#[derive(Component, Clone, Copy, PartialEq, Eq)]
enum Line {
    Top,
    Tracks,
    Keys,
}

#[derive(Component)]
struct LogPanel;

#[derive(Component)]
struct LogText;

/// The controls' part of the side panel.
#[derive(Component)]
struct ControlsBox;

#[derive(Component)]
struct QuadrantCell(Quadrant);

/// A quadrant's name in its cell (it follows the language).
#[derive(Component)]
struct QuadrantName(Quadrant);

/// Width of the side panel, as a percentage of the window, at interface size 100%.
pub(super) const SIDE_PERCENT: f32 = 38.0;
/// The widest the side panel grows with a larger interface size.
const SIDE_MAX_PERCENT: f32 = 54.0;

/// The side panel.
#[derive(Component)]
struct SidePanel;

/// The side panel's share of the window at an interface size: it grows with the text,
/// so a larger interface wraps no more than the usual one (the map gives way).
pub(super) fn side_percent(ui_scale: f32) -> f32 {
    (SIDE_PERCENT * ui_scale.max(1.0)).min(SIDE_MAX_PERCENT)
}

/// Size the side panel (and the board beside it) for the interface size.
fn size_side_panel(
    display: Res<DisplaySettings>,
    mut side: Query<&mut Node, (With<SidePanel>, Without<BoardArea>)>,
    mut board: Query<&mut Node, (With<BoardArea>, Without<SidePanel>)>,
) {
    let want = side_percent(display.scale());
    if let Ok(mut n) = side.single_mut()
        && n.width != Val::Percent(want)
    {
        n.width = Val::Percent(want);
    }
    if let Ok(mut n) = board.single_mut()
        && n.width != Val::Percent(100.0 - want)
    {
        n.width = Val::Percent(100.0 - want);
    }
}

/// What the table's headings mean, under it (it makes way while a person decides).
#[derive(Component)]
struct TableLegend;

pub(super) fn spawn_hud(mut commands: Commands, font: Res<UiFont>, tr: Res<Tr>) {
    let root = commands
        .spawn((
            DespawnOnExit(Screen::Play),
            Node {
                position_type: PositionType::Absolute,
                width: Val::Percent(100.0),
                height: Val::Percent(100.0),
                flex_direction: FlexDirection::Column,
                ..default()
            },
            Pickable::IGNORE,
        ))
        .id();
    commands.entity(root).with_children(|r| {
        r.spawn((
            Node {
                flex_direction: FlexDirection::Column,
                padding: UiRect::axes(Val::Px(10.0), Val::Px(5.0)),
                row_gap: Val::Px(2.0),
                ..default()
            },
            BackgroundColor(theme::PANEL),
        ))
        .with_children(|bar| {
            bar.spawn((
                Line::Top,
                Text::new(""),
                font.at(theme::BODY),
                TextColor(theme::TEXT),
            ));
            bar.spawn((
                Line::Tracks,
                Text::new(""),
                font.at(theme::SMALL),
                TextColor(theme::ACCENT),
            ));
        });
        r.spawn((
            Node {
                flex_direction: FlexDirection::Row,
                flex_grow: 1.0,
                min_height: Val::Px(0.0),
                ..default()
            },
            Pickable::IGNORE,
        ))
        .with_children(|main| {
            main.spawn((
                BoardArea,
                Node {
                    width: Val::Percent(100.0 - SIDE_PERCENT),
                    height: Val::Percent(100.0),
                    ..default()
                },
                Pickable::IGNORE,
            ));
            main.spawn((
                SidePanel,
                Node {
                    width: Val::Percent(SIDE_PERCENT),
                    height: Val::Percent(100.0),
                    flex_direction: FlexDirection::Column,
                    padding: UiRect::all(Val::Px(10.0)),
                    row_gap: Val::Px(8.0),
                    ..default()
                },
                BackgroundColor(theme::PANEL),
            ))
            .with_children(|side| {
                side.spawn(Node {
                    display: Display::Grid,
                    grid_template_columns: RepeatedGridTrack::flex(2, 1.0),
                    column_gap: Val::Px(4.0),
                    row_gap: Val::Px(4.0),
                    ..default()
                })
                .with_children(|g| {
                    for q in Quadrant::ALL {
                        g.spawn((
                            QuadrantCell(q),
                            Node {
                                padding: UiRect::axes(Val::Px(6.0), Val::Px(2.0)),
                                ..default()
                            },
                            BackgroundColor(theme::QUADRANT_OFF),
                            children![(
                                QuadrantName(q),
                                Text::new(tr.get(&format!("quadrant.{}", q.key())).to_string()),
                                font.at(theme::SMALL),
                                TextColor(theme::TEXT),
                            )],
                        ));
                    }
                });
                side.spawn((
                    StatePanels,
                    Node {
                        // A grid (its columns set when it is filled).
                        display: Display::Grid,
                        column_gap: Val::Px(6.0),
                        row_gap: Val::Px(1.0),
                        flex_shrink: 0.0,
                        ..default()
                    },
                ));
                side.spawn((
                    TableLegend,
                    Text::new(""),
                    font.at(theme::SMALL),
                    TextColor(theme::DIM),
                ));
                widgets::spawn_scroller(
                    side,
                    PanelId::Controls,
                    widgets::scroller_box(),
                    ControlsBox,
                );
                widgets::spawn_detail(side, PanelId::Controls, &font);
                // The log's newest lines sit at the bottom; older ones are cut at the top.
                side.spawn((
                    LogPanel,
                    Node {
                        flex_direction: FlexDirection::Column,
                        justify_content: JustifyContent::FlexEnd,
                        overflow: Overflow::clip(),
                        flex_grow: 1.0,
                        min_height: Val::Px(0.0),
                        ..default()
                    },
                    children![(
                        LogText,
                        Text::new(""),
                        font.at(theme::SMALL),
                        TextColor(Color::srgb(0.8, 0.82, 0.84)),
                        Node {
                            flex_shrink: 0.0,
                            ..default()
                        },
                    )],
                ));
                // The keys keep their line whatever the detail above them needs (a
                // policy card's detail runs to several lines: the controls give way).
                side.spawn((
                    Line::Keys,
                    Text::new(""),
                    font.at(theme::SMALL),
                    TextColor(theme::DIM),
                    Node {
                        flex_shrink: 0.0,
                        ..default()
                    },
                ));
            });
        });
    });
}

/// Line one: level, seed, round, era and phase; line two: the shared tracks; and the keys
/// that always work, at the foot of the side panel.
fn update_top_bar(
    session: Res<Session>,
    shown: Res<Shown>,
    tr: Res<Tr>,
    mut lines: Query<(&Line, &mut Text)>,
    mut last: Local<(u64, String)>,
) {
    if *last == (shown.version, tr.s.lang.clone()) {
        return;
    }
    *last = (shown.version, tr.s.lang.clone());
    let view = &shown.view;
    let content = session.game.content();
    let line = format!(
        "{} · {} · {}",
        tr.pick(&content.level_name),
        tr.fmt("ui.seed", &[("seed", &view.seed.to_string())]),
        tr.fmt(
            "ui.round",
            &[
                ("round", &view.round.to_string()),
                ("rounds", &content.rounds.to_string()),
                (
                    "era",
                    &tr.pick(&content.eras[content.era_at(view.round).index()].name)
                ),
                ("phase", tr.get(view.phase.key())),
            ],
        ),
    );
    let keys = tr.get(if view.outcome.is_some() {
        "ui.keys-over"
    } else if session.autoplay {
        "ui.keys-auto"
    } else {
        "ui.keys"
    });
    let shared: Vec<String> = content
        .tracks
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            t.scope == crate::content::Scope::Shared
                && !content.core.round_tracks.iter().any(|r| r.index() == *i)
        })
        .map(|(i, t)| {
            // With its change over the last round played, as the states' bars show it.
            let start = content.shared_start.get(i).copied();
            let change = super::states::last_round_change(&view.history, start, |row| {
                row.shared.get(i).copied()
            });
            let change = super::states::change_text(change);
            let value = view.shared[i];
            if change.is_empty() {
                format!("{} {value}", tr.pick(&t.name))
            } else {
                format!("{} {value} ({change})", tr.pick(&t.name))
            }
        })
        .collect();
    // What the neighbours do with Kabul this round (it resets each round): on screen,
    // since cards and actions change it.
    let this_round: Vec<String> = content
        .core
        .round_tracks
        .iter()
        .map(|t| {
            format!(
                "{} {}",
                tr.pick(&content.tracks[t.index()].name),
                view.shared[t.index()]
            )
        })
        .collect();
    let mut shared = shared.join("  ·  ");
    if !this_round.is_empty() {
        shared.push('\n');
        shared.push_str(&this_round.join("  ·  "));
    }
    for (which, mut t) in &mut lines {
        t.0 = match which {
            Line::Top => line.clone(),
            Line::Tracks => shared.clone(),
            Line::Keys => keys.to_string(),
        };
    }
}

/// The table's legend, in the reader's language.
fn update_legend(
    tr: Res<Tr>,
    mut legend: Query<&mut Text, With<TableLegend>>,
    new: Query<(), Added<TableLegend>>,
) {
    if !tr.is_changed() && new.is_empty() {
        return;
    }
    for mut text in &mut legend {
        text.0 = tr.get("ui.table-legend").to_string();
    }
}

/// Light the quadrant Afghanistan is in (and name the four in the reader's language).
fn light_quadrant(
    session: Res<Session>,
    shown: Res<Shown>,
    tr: Res<Tr>,
    mut cells: Query<(&QuadrantCell, &mut BackgroundColor)>,
    mut names: Query<(&QuadrantName, &mut Text, &mut TextColor)>,
) {
    if tr.is_changed() {
        for (n, mut text, _) in &mut names {
            text.0 = tr.get(&format!("quadrant.{}", n.0.key())).to_string();
        }
    }
    if !shown.is_changed() {
        return;
    }
    let q = crate::rules::Seen {
        content: session.game.content(),
        view: &shown.view,
    }
    .quadrant();
    for (cell, mut bg) in &mut cells {
        let want = if cell.0 == q {
            theme::QUADRANT_ON
        } else {
            theme::QUADRANT_OFF
        };
        if bg.0 != want {
            bg.0 = want;
        }
    }
    // Dark type on the lit quadrant, light on the others (WCAG AA either way).
    for (n, _, mut colour) in &mut names {
        let want = if n.0 == q { theme::PAGE } else { theme::TEXT };
        if colour.0 != want {
            colour.0 = want;
        }
    }
}

/// Which state's lines the log shows (none: all), cycled with F; and how far back it is
/// scrolled (lines from the newest), with PageUp and PageDown.
#[derive(Resource, Default)]
pub(super) struct LogFilter(pub Option<SeatId>, pub usize);

/// Lines of the log shown at once.
const LOG_LINES: usize = 16;

/// The log's keys: F filters by state, PageUp/PageDown scroll, End goes to the newest;
/// A hands every seat to the bots (and back), H opens how to play.
fn log_keys(
    input: Res<ButtonInput<KeyCode>>,
    session: Res<Session>,
    shown: Res<Shown>,
    active: Res<widgets::ActivePanels>,
    mut filter: ResMut<LogFilter>,
    mut chosen: ResMut<widgets::Chosen>,
) {
    if active.0 != [PanelId::Controls] {
        return;
    }
    if input.just_pressed(KeyCode::KeyA) && shown.view.outcome.is_none() {
        chosen.0 = Some(super::acts::UiAct::Autoplay);
    }
    if input.just_pressed(KeyCode::KeyH) {
        chosen.0 = Some(super::acts::UiAct::Open(super::pages::Page::Help));
    }
    // The log's own keys work only while the log is in sight (not while a person decides,
    // when the controls take its place).
    if deciding(&session, &shown.view) {
        return;
    }
    if input.just_pressed(KeyCode::PageUp) {
        let len = shown.view.log.len();
        filter.1 = (filter.1 + LOG_LINES / 2).min(len.saturating_sub(1));
    }
    if input.just_pressed(KeyCode::PageDown) {
        filter.1 = filter.1.saturating_sub(LOG_LINES / 2);
    }
    if input.just_pressed(KeyCode::End) {
        filter.1 = 0;
    }
    if input.just_pressed(KeyCode::KeyF) {
        let n = session.game.content().seats();
        filter.0 = match filter.0 {
            None => Some(SeatId(0)),
            Some(s) if s.index() + 1 < n => Some(SeatId(s.0 + 1)),
            Some(_) => None,
        };
    }
}

fn update_log(
    session: Res<Session>,
    shown: Res<Shown>,
    filter: Res<LogFilter>,
    tr: Res<Tr>,
    mut log: Query<&mut Text, With<LogText>>,
    mut last: Local<(u64, Option<SeatId>, usize, String)>,
) {
    let key = (shown.version, filter.0, filter.1, tr.s.lang.clone());
    if *last == key {
        return;
    }
    *last = key;
    let content = session.game.content();
    let lines: Vec<String> = crate::report::log::readable(content, &tr.s, &shown.view.log)
        .into_iter()
        .rev()
        .filter(|l| filter.0.is_none() || l.seat == filter.0)
        .skip(filter.1)
        .take(LOG_LINES)
        .map(|l| format!("R{} {}: {}", l.round, tr.get(l.phase.key()), l.text))
        .collect();
    let shown = match filter.0 {
        Some(seat) => tr.pick(&content.states[seat.index()].name),
        None => tr.get("ui.log-all").to_string(),
    };
    if let Ok(mut text) = log.single_mut() {
        let back = if filter.1 > 0 {
            format!(
                " {}",
                tr.fmt("ui.log-back", &[("n", &filter.1.to_string())])
            )
        } else {
            String::new()
        };
        text.0 = format!(
            "{}{back}\n{}",
            tr.fmt("ui.log-filter", &[("who", &shown)]),
            lines.into_iter().rev().collect::<Vec<_>>().join("\n")
        );
    }
}

/// Whether a person is choosing or reading something in the controls now (then the
/// controls take the whole side panel).
pub(super) fn deciding(session: &Session, view: &crate::rules::View) -> bool {
    if session.autoplay || view.outcome.is_some() {
        return view.outcome.is_some();
    }
    if session.pass_to.is_some() {
        return true;
    }
    if let Some(hold) = session.hold {
        return hold == super::Hold::News;
    }
    match &view.awaiting {
        Awaiting::Choice(s) => session.is_human(*s),
        Awaiting::Policy(seats) => seats.iter().any(|s| session.is_human(*s)),
        Awaiting::Over => false,
    }
}

/// The log makes room for the controls while a person is choosing or reading the news.
#[expect(
    clippy::type_complexity,
    reason = "each part of the side panel that folds is its own query"
)]
fn fold_log(
    session: Res<Session>,
    shown: Res<Shown>,
    mut filter: ResMut<LogFilter>,
    mut log: Query<&mut Node, (With<LogPanel>, Without<ControlsBox>)>,
    mut controls: Query<&mut Node, (With<ControlsBox>, Without<LogPanel>)>,
    mut cells: Query<
        (&QuadrantCell, &mut Node),
        (
            Without<LogPanel>,
            Without<ControlsBox>,
            Without<TableLegend>,
        ),
    >,
    mut legend: Query<
        &mut Node,
        (
            With<TableLegend>,
            Without<LogPanel>,
            Without<ControlsBox>,
            Without<QuadrantCell>,
        ),
    >,
) {
    let busy = deciding(&session, &shown.view);
    // While a person decides, the controls take the room: only the scenario Afghanistan is
    // in shows, and the table's legend folds.
    let q = crate::rules::Seen {
        content: session.game.content(),
        view: &shown.view,
    }
    .quadrant();
    for (cell, mut node) in &mut cells {
        let want = if busy && cell.0 != q {
            Display::None
        } else {
            Display::Flex
        };
        if node.display != want {
            node.display = want;
        }
    }
    if let Ok(mut node) = legend.single_mut() {
        let want = if busy { Display::None } else { Display::Flex };
        if node.display != want {
            node.display = want;
        }
    }
    let (log_display, grow) = if busy {
        (Display::None, 1.0)
    } else {
        (Display::Flex, 0.0)
    };
    if let Ok(mut node) = log.single_mut()
        && node.display != log_display
    {
        node.display = log_display;
        // The log opens again at its newest line.
        if !busy && filter.1 != 0 {
            filter.1 = 0;
        }
    }
    if let Ok(mut node) = controls.single_mut()
        && node.flex_grow != grow
    {
        node.flex_grow = grow;
        node.flex_shrink = if busy { 1.0 } else { 0.0 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_side_panel_grows_with_the_interface_size() {
        assert_eq!(side_percent(1.0), SIDE_PERCENT);
        assert_eq!(
            side_percent(0.85),
            SIDE_PERCENT,
            "never narrower than usual"
        );
        // At 115% the text is 15% wider, and so is the panel: nothing wraps that did not.
        assert!((side_percent(1.15) - SIDE_PERCENT * 1.15).abs() < 1e-4);
        // At 150% the map keeps at least 46% of the window.
        assert_eq!(side_percent(1.5), SIDE_MAX_PERCENT);
    }
}
