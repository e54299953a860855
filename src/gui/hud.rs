//! The game's frame: a top bar (level, seed, round, era, phase, the shared tracks), the
//! side panel (Kazantsev's quadrant as a lit 2×2 chart, every state's tracks and posture,
//! the controls, the log), and the board's area between them.

use bevy::picking::Pickable;
use bevy::prelude::*;

use super::theme::{self, UiFont};
use super::widgets::{self, PanelId};
use super::{BuildPlay, DisplaySettings, Frame, Screen, Session, Shown, Tr};
use crate::content::{Quadrant, SeatId};
use crate::game::Phase;
use crate::rules::{Awaiting, Facts, Viewer};

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
                    update_table,
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
struct StateTable;

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

/// The table, and its legend under it.
type TableParts<'w, 's> = (
    Query<'w, 's, Entity, With<StateTable>>,
    Query<'w, 's, &'static mut Text, With<TableLegend>>,
);

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
                                font.at(theme::SMALL - 1.0),
                                TextColor(theme::TEXT),
                            )],
                        ));
                    }
                });
                side.spawn((
                    StateTable,
                    Text::new(""),
                    font.mono(theme::SMALL),
                    TextColor(theme::TEXT),
                ));
                side.spawn((
                    TableLegend,
                    Text::new(""),
                    font.at(theme::SMALL - 2.0),
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
                    font.at(theme::SMALL - 1.0),
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
        .map(|(i, t)| format!("{} {}", tr.pick(&t.name), view.shared[i]))
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

/// Every state's tracks and posture, with its current national interest; the seats
/// people play are marked. While orders are secret, a posture another state may be
/// changing shows as `?`.
fn update_table(
    mut commands: Commands,
    on: super::OnScreen,
    tr: Res<Tr>,
    display: Res<DisplaySettings>,
    font: Res<UiFont>,
    parts: TableParts,
    mut last: Local<(u64, bool, String)>,
) {
    let (table, mut legend) = parts;
    let super::OnScreen { session, shown, .. } = on;
    let key = (shown.version, display.colour_blind, tr.s.lang.clone());
    if *last == key {
        return;
    }
    *last = key;
    let Ok(e) = table.single() else { return };
    let view = &shown.view;
    let content = session.game.content();
    let roles = &content.roles;
    let secret = view.phase == Phase::Policy && view.phase_done;
    // Columns as wide as their headings in the reader's language (at least 3).
    let label = |k: &str| tr.get(k).to_string();
    let initials: Vec<String> = content
        .powers
        .iter()
        .map(|p| {
            // The initial of the name's last word: R, C, W ("the West"); Р, К, З.
            tr.pick(&p.name)
                .split_whitespace()
                .last()
                .and_then(|w| w.chars().next())
                .map_or_else(String::new, |c| c.to_string())
        })
        .collect();
    let heads = [
        label("table.posture"),
        label("table.security"),
        label("table.economy"),
        label("table.autonomy"),
    ];
    let widths: Vec<usize> = heads
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let least = if i == 0 {
                // The posture column fits the longest short name.
                content
                    .postures
                    .iter()
                    .map(|p| tr.pick(&p.short).chars().count())
                    .max()
                    .unwrap_or(1)
            } else {
                3
            };
            h.chars().count().max(least)
        })
        .collect();
    let powers_w = 3 * content.powers.len();
    let pad = |s: &str, w: usize, right: bool| {
        let n = w.saturating_sub(s.chars().count());
        if right {
            format!("{}{s}", " ".repeat(n))
        } else {
            format!("{s}{}", " ".repeat(n))
        }
    };
    let centred = |s: &str, w: usize| {
        let n = w.saturating_sub(s.chars().count());
        format!("{}{s}{}", " ".repeat(n / 2), " ".repeat(n - n / 2))
    };
    let powers_head: String = initials.iter().map(|i| format!("{i:>3}")).collect();
    let header = format!(
        "{}{} {}\n{} {} {} {} {}|{powers_head}|{powers_head}|{}",
        " ".repeat(4 + widths.iter().sum::<usize>() + widths.len()),
        centred(&label("table.ties"), powers_w),
        centred(&label("table.dependency"), powers_w + 1),
        pad(&label("table.state"), 4, false),
        pad(&heads[0], widths[0], false),
        pad(&heads[1], widths[1], true),
        pad(&heads[2], widths[2], true),
        pad(&heads[3], widths[3], true),
        label("table.score"),
    );
    commands.entity(e).despawn_related::<Children>();
    commands.entity(e).insert(Text::new(format!("{header}\n")));
    commands.entity(e).with_children(|t| {
        for (i, st) in content.states.iter().enumerate() {
            let seat = SeatId(i as u8);
            let Some(sv) = view.seats.get(i) else {
                continue;
            };
            let v = &sv.tracks;
            let get = |t: crate::content::TrackId| v.get(t.index()).copied().unwrap_or(0);
            let per_power = |list: &[Option<crate::content::TrackId>]| {
                list.iter()
                    .map(|t| t.map_or_else(|| "  -".to_string(), |t| format!("{:>3}", get(t))))
                    .collect::<String>()
            };
            let short = |p: crate::content::PostureId| tr.pick(&content.postures[p.index()].short);
            let posture = match (view.viewer, &view.own) {
                (Viewer::Seat(me), Some(own)) if me == seat && secret => short(own.posture),
                _ if secret => "?".to_string(),
                _ => short(sv.posture),
            };
            let mark = if session.is_human(seat) { "▶" } else { " " };
            let name: String = tr.pick(&st.name).chars().take(3).collect();
            t.spawn((
                TextSpan::new(format!("{mark}{name:<4}")),
                font.mono(theme::SMALL),
                TextColor(theme::seat_colour(i, display.colour_blind).lighter(0.15)),
            ));
            t.spawn((
                TextSpan::new(format!(
                    "{} {} {} {}|{}|{}|{:>4}%\n",
                    pad(&posture, widths[0], false),
                    pad(&get(roles.security).to_string(), widths[1], true),
                    pad(&get(roles.economy).to_string(), widths[2], true),
                    pad(&get(roles.autonomy).to_string(), widths[3], true),
                    per_power(&roles.ties),
                    per_power(&roles.dependency),
                    sv.score,
                )),
                font.mono(theme::SMALL),
                TextColor(theme::TEXT),
            ));
        }
    });
    if let Ok(mut text) = legend.single_mut() {
        text.0 = tr.get("ui.table-legend").to_string();
    }
}

/// Light the quadrant Afghanistan is in (and name the four in the reader's language).
fn light_quadrant(
    session: Res<Session>,
    shown: Res<Shown>,
    tr: Res<Tr>,
    mut cells: Query<(&QuadrantCell, &mut BackgroundColor)>,
    mut names: Query<(&QuadrantName, &mut Text)>,
) {
    if tr.is_changed() {
        for (n, mut text) in &mut names {
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
