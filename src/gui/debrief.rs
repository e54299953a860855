//! The debrief, over the board when the game ends: the winner or the collapse, every
//! state's national interest, charts of each state's tracks over the rounds (and of the
//! shared tracks that decide the region's fate), and, in the side panel, the news and
//! every state's decisions round by round.

use bevy::prelude::*;

use super::chart::{self, Series};
use super::hud::BoardArea;
use super::theme::{self, UiFont};
use super::widgets::Block;
use super::{BuildPlay, DisplaySettings, Frame, Screen, Session, Shown, Tr};
use crate::content::{Content, Scope, SeatId};
use crate::game::LogEntry;
use crate::rules::{Facts, View};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Play), spawn_debrief.in_set(BuildPlay::Fill))
        .add_systems(
            Update,
            update_debrief
                .in_set(Frame::Draw)
                .run_if(in_state(Screen::Play)),
        );
}

#[derive(Component)]
struct Debrief;

/// Charts to a row.
const CHART_COLS: u16 = 4;
/// The thickness of a chart's lines, in logical pixels.
const LINE: f32 = 2.5;

fn spawn_debrief(mut commands: Commands, area: Query<Entity, With<BoardArea>>) {
    let Ok(area) = area.single() else { return };
    commands.entity(area).with_children(|a| {
        a.spawn((
            Debrief,
            // Long titles (Russian) or a large interface size can make it taller than the
            // board's area: the wheel scrolls it.
            bevy::ui_widgets::ScrollArea,
            ScrollPosition::default(),
            Node {
                position_type: PositionType::Absolute,
                width: Val::Percent(100.0),
                height: Val::Percent(100.0),
                flex_direction: FlexDirection::Column,
                padding: UiRect::all(Val::Px(14.0)),
                row_gap: Val::Px(6.0),
                overflow: Overflow::scroll_y(),
                display: Display::None,
                ..default()
            },
            BackgroundColor(Color::srgb(0.05, 0.06, 0.08)),
        ));
    });
}

/// One chart: its title and its lines.
struct ChartSpec {
    title: String,
    lo: i64,
    hi: i64,
    series: Vec<Series>,
}

/// What the debrief charts: national interest and each per-state track (a line per
/// state), then the shared tracks (one line each).
fn chart_specs(content: &Content, view: &View, tr: &Tr, colour_blind: bool) -> Vec<ChartSpec> {
    let history = &view.history;
    let seats = content.seats();
    let colour = |i: usize| theme::seat_colour(i, colour_blind).lighter(0.1);
    let mut out = vec![ChartSpec {
        title: tr.get("ui.chart-score").to_string(),
        lo: 0,
        hi: 100,
        series: (0..seats)
            .map(|i| Series {
                colour: colour(i),
                values: history
                    .iter()
                    .map(|row| crate::rules::agenda_score(content, SeatId(i as u8), &row.seats[i]))
                    .collect(),
            })
            .collect(),
    }];
    for (t, def) in content.tracks.iter().enumerate() {
        if def.scope != Scope::State {
            continue;
        }
        out.push(ChartSpec {
            title: tr.pick(&def.name),
            lo: i64::from(def.min),
            hi: i64::from(def.max),
            series: (0..seats)
                .map(|i| Series {
                    colour: colour(i),
                    values: history
                        .iter()
                        .map(|row| i64::from(row.seats[i][t]))
                        .collect(),
                })
                .collect(),
        });
    }
    for &t in &content.roles.charts {
        let def = &content.tracks[t.index()];
        out.push(ChartSpec {
            title: tr.pick(&def.name),
            lo: i64::from(def.min),
            hi: i64::from(def.max),
            series: vec![Series {
                colour: theme::ACCENT,
                values: history
                    .iter()
                    .map(|row| i64::from(row.shared[t.index()]))
                    .collect(),
            }],
        });
    }
    out
}

/// The outcome in one line.
pub(super) fn outcome_line(content: &Content, view: &View, tr: &Tr) -> String {
    let Some(outcome) = &view.outcome else {
        return String::new();
    };
    if outcome.collapse {
        tr.get("ui.collapse").to_string()
    } else {
        match outcome.winner {
            Some(w) => tr.fmt(
                "ui.debrief-winner",
                &[("state", &tr.pick(&content.states[w as usize].name))],
            ),
            None => tr.get("ui.debrief-tie").to_string(),
        }
    }
}

/// Fill the debrief when the game ends (and again when the palette or language changes).
#[expect(clippy::too_many_arguments, reason = "the debrief shows all of a game")]
fn update_debrief(
    mut commands: Commands,
    session: Res<Session>,
    shown: Res<Shown>,
    tr: Res<Tr>,
    display: Res<DisplaySettings>,
    font: Res<UiFont>,
    mut q: Query<(Entity, &mut Node), With<Debrief>>,
    mut last: Local<Option<(bool, bool, String, u64)>>,
) {
    let over = shown.view.outcome.is_some();
    let key = (
        over,
        display.colour_blind,
        tr.s.lang.clone(),
        session.generation(),
    );
    if last.as_ref() == Some(&key) {
        return;
    }
    let Ok((e, mut node)) = q.single_mut() else {
        return;
    };
    *last = Some(key);
    commands.entity(e).despawn_related::<Children>();
    if !over {
        node.display = Display::None;
        return;
    }
    node.display = Display::Flex;
    let view = &shown.view;
    let content = session.game.content();
    let Some(outcome) = &view.outcome else {
        return;
    };
    let played = view.history.len();
    let specs = chart_specs(content, view, &tr, display.colour_blind);
    commands.entity(e).with_children(|d| {
        d.spawn((
            Text::new(format!(
                "{} – {}",
                tr.get("ui.debrief"),
                outcome_line(content, view, &tr)
            )),
            font.at(theme::HEADING),
            TextColor(theme::ACCENT),
        ));
        d.spawn((
            Text::new(tr.fmt(
                "ui.debrief-course",
                &[
                    ("rounds", &played.to_string()),
                    ("of", &content.rounds.to_string()),
                    (
                        "quadrant",
                        tr.get(&format!(
                            "quadrant.{}",
                            crate::rules::Seen { content, view }.quadrant().key()
                        )),
                    ),
                ],
            )),
            font.at(theme::SMALL),
            TextColor(theme::TEXT),
        ));
        // National interest, best first, each state in its colour.
        let mut order: Vec<usize> = (0..content.seats()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(outcome.scores.get(i).copied().unwrap_or(0)));
        d.spawn(Node {
            flex_direction: FlexDirection::Row,
            flex_wrap: FlexWrap::Wrap,
            column_gap: Val::Px(14.0),
            row_gap: Val::Px(2.0),
            ..default()
        })
        .with_children(|row| {
            row.spawn((
                Text::new(tr.get("ui.debrief-scores")),
                font.at(theme::SMALL),
                TextColor(theme::DIM),
            ));
            for i in order {
                let who = if session.is_human(SeatId(i as u8)) {
                    " ▶"
                } else {
                    ""
                };
                row.spawn(Node {
                    flex_direction: FlexDirection::Row,
                    column_gap: Val::Px(5.0),
                    align_items: AlignItems::Center,
                    ..default()
                })
                .with_children(|s| {
                    s.spawn((
                        Node {
                            width: Val::Px(12.0),
                            height: Val::Px(12.0),
                            ..default()
                        },
                        BackgroundColor(theme::seat_colour(i, display.colour_blind).lighter(0.1)),
                    ));
                    s.spawn((
                        Text::new(format!(
                            "{}{who} {}",
                            tr.pick(&content.states[i].name),
                            outcome.scores.get(i).copied().unwrap_or(0)
                        )),
                        font.at(theme::BODY),
                        TextColor(theme::TEXT),
                    ));
                });
            }
        });
        d.spawn((
            Text::new(tr.get("ui.debrief-charts")),
            font.at(theme::SMALL),
            TextColor(theme::DIM),
        ));
        d.spawn(Node {
            display: Display::Grid,
            grid_template_columns: RepeatedGridTrack::flex(CHART_COLS, 1.0),
            column_gap: Val::Px(8.0),
            row_gap: Val::Px(6.0),
            ..default()
        })
        .with_children(|grid| {
            for spec in specs {
                grid.spawn(Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: Val::Px(2.0),
                    ..default()
                })
                .with_children(|cell| {
                    cell.spawn((
                        Text::new(spec.title.clone()),
                        font.at(theme::SMALL),
                        TextColor(theme::TEXT),
                    ));
                    // The chart with its scale: the track's highest value at the top left,
                    // its lowest at the bottom left, the rounds along the bottom.
                    cell.spawn(Node {
                        flex_direction: FlexDirection::Row,
                        column_gap: Val::Px(3.0),
                        ..default()
                    })
                    .with_children(|row| {
                        row.spawn(Node {
                            flex_direction: FlexDirection::Column,
                            justify_content: JustifyContent::SpaceBetween,
                            ..default()
                        })
                        .with_children(|axis| {
                            for v in [spec.hi, spec.lo] {
                                axis.spawn((
                                    Text::new(v.to_string()),
                                    font.at(theme::SMALL),
                                    TextColor(theme::DIM),
                                ));
                            }
                        });
                        // The plot takes the rest of the row, its height from its width.
                        row.spawn(Node {
                            flex_grow: 1.0,
                            flex_basis: Val::Px(0.0),
                            min_width: Val::Px(0.0),
                            flex_direction: FlexDirection::Column,
                            ..default()
                        })
                        .with_children(|wide| {
                            wide.spawn((
                                Node {
                                    width: Val::Percent(100.0),
                                    aspect_ratio: Some(chart::ASPECT),
                                    overflow: Overflow::clip(),
                                    ..default()
                                },
                                BackgroundColor(chart::BACKGROUND),
                            ))
                            .with_children(|plot| spawn_chart(plot, &spec));
                        });
                    });
                    cell.spawn((
                        Text::new(tr.fmt("ui.chart-rounds", &[("rounds", &played.to_string())])),
                        font.at(theme::SMALL),
                        TextColor(theme::DIM),
                        Node {
                            align_self: AlignSelf::Center,
                            ..default()
                        },
                    ));
                });
            }
        });
        d.spawn((
            Text::new(tr.get("ui.debrief-keys")),
            font.at(theme::SMALL),
            TextColor(theme::DIM),
        ));
    });
}

/// The news and every state's decisions, round by round, for the side panel.
pub(super) fn round_by_round(content: &Content, view: &View, tr: &Tr) -> Vec<Block> {
    let last = view.log.last().map_or(0, |l| l.round);
    // First the essay's claims, each beside what happened in this game (as in the
    // printable debrief).
    let rec = crate::report::facts::Record::of_view(content, view);
    let facts = crate::report::facts::gather(&rec);
    let mut out = vec![Block::Text(tr.get("html.essay-heading").to_string())];
    for (claim, here) in crate::report::html::essay_check(&rec, &facts, &tr.s) {
        out.push(Block::Note(format!(
            "{}: {claim}\n{}: {here}",
            tr.get("html.essay-says"),
            tr.get("html.game-did")
        )));
    }
    out.push(Block::Text(tr.get("ui.debrief-events").to_string()));
    for round in 1..=last {
        let entries = view.log.iter().filter(|l| l.round == round);
        let mut news = Vec::new();
        let mut by_seat: Vec<Vec<String>> = vec![Vec::new(); content.seats()];
        let mut other = Vec::new();
        for l in entries {
            let e = &l.entry;
            match e {
                LogEntry::Event { card } => news.push(tr.pick(&content.cards[card.index()].title)),
                LogEntry::PostureSet { seat, posture } => {
                    by_seat[seat.index()].push(tr.pick(&content.postures[posture.index()].name))
                }
                LogEntry::Action { seat, action } => {
                    by_seat[seat.index()].push(tr.pick(&content.actions[action.index()].name));
                }
                LogEntry::CardPlayed { seat, card } => {
                    by_seat[seat.index()].push(tr.pick(&content.cards[card.index()].title));
                }
                // The group's own words on why, with its decisions.
                LogEntry::Journal { seat, text } if seat.index() < by_seat.len() => {
                    by_seat[seat.index()].push(tr.fmt("ui.debrief-journal", &[("text", text)]));
                }
                LogEntry::ChoiceMade { .. }
                | LogEntry::Summit { .. }
                | LogEntry::QuadrantChanged { .. }
                | LogEntry::Collapse
                | LogEntry::End { .. } => other.push(crate::report::render_log(content, &tr.s, e)),
                _ => {}
            }
        }
        let mut lines = vec![tr.fmt(
            "ui.debrief-round",
            &[("round", &round.to_string()), ("news", &news.join("; "))],
        )];
        for (i, did) in by_seat.iter().enumerate() {
            if !did.is_empty() {
                lines.push(format!(
                    "  {}: {}",
                    tr.pick(&content.states[i].name),
                    did.join(", ")
                ));
            }
        }
        lines.extend(other.into_iter().map(|l| format!("  {l}")));
        out.push(Block::Note(lines.join("\n")));
    }
    out
}

/// A chart's grid lines and strokes, placed in shares of its box (whose aspect ratio is
/// the chart's), each stroke a thin node rotated about its centre.
fn spawn_chart(plot: &mut ChildSpawnerCommands, spec: &ChartSpec) {
    for y in chart::grid() {
        plot.spawn((
            Node {
                position_type: PositionType::Absolute,
                left: Val::Px(0.0),
                width: Val::Percent(100.0),
                top: Val::Percent(y * 100.0),
                height: Val::Px(1.0),
                ..default()
            },
            BackgroundColor(chart::GRID),
        ));
    }
    for s in chart::strokes(&spec.series, spec.lo, spec.hi) {
        plot.spawn((
            Node {
                position_type: PositionType::Absolute,
                left: Val::Percent((s.centre.0 - s.length / 2.0) * 100.0),
                width: Val::Percent(s.length * 100.0),
                top: Val::Percent(s.centre.1 * 100.0),
                height: Val::Px(LINE),
                margin: UiRect::top(Val::Px(-LINE / 2.0)),
                ..default()
            },
            BackgroundColor(s.colour),
            UiTransform::from_rotation(Rot2::radians(s.angle)),
        ));
    }
}
