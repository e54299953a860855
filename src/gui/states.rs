//! The states' panel in the side panel: one column a state (its name in its colour, with
//! its posture) and one row a track, each value a labelled bar showing the number and the
//! change over the last round played; its score under its name. A bar whose value changes
//! slides to it and its frame lights up for a moment (held still, without the slide, under
//! Settings → Reduced motion). Nothing here touches the rules: it reads the view shown.

use bevy::prelude::*;

use super::theme::{self, UiFont};
use super::{DisplaySettings, Frame, Screen, Session, Tr};
use crate::content::{Content, SeatId, TrackId};
use crate::game::Phase;
use crate::rules::{View, Viewer};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (build_panels, update_panels, fold_panels, animate_bars)
            .chain()
            .in_set(Frame::Draw)
            .run_if(in_state(Screen::Play)),
    );
}

/// Where the panel goes (spawned by the frame, filled here).
#[derive(Component)]
pub(super) struct StatePanels;

/// One state's value of one track, drawn as a bar.
#[derive(Component)]
struct Bar {
    seat: usize,
    track: TrackId,
    /// The track's least and most.
    range: (i32, i32),
    fill: Entity,
    number: Entity,
    change: Entity,
    /// The value drawn last (none before the first).
    value: Option<i32>,
    /// The fill's width, as a share of the bar, now and where it is going.
    now: f32,
    to: f32,
    /// Seconds the frame stays lit (from [`FLASH_SECS`] down).
    lit: f32,
}

/// Under a state's name: its posture, and its score (its national interest, in % of its
/// agenda's best).
#[derive(Component, Clone, Copy)]
enum Cell {
    Posture(usize),
    Score(usize),
}

/// How long a changed bar's frame stays lit, and how long its fill takes to slide.
const FLASH_SECS: f32 = 1.6;
const SLIDE_SECS: f32 = 0.45;

/// A bar's height and its fill's colour (the state's, dark enough that white figures on it
/// keep WCAG AA contrast for every palette).
const BAR_HEIGHT: f32 = 17.0;
const TRACK_GROUND: Color = Color::srgb(0.13, 0.15, 0.19);

fn fill_colour(seat: usize, colour_blind: bool) -> Color {
    let c = theme::seat_colour(seat, colour_blind).to_srgba();
    Color::srgb(c.red * 0.55, c.green * 0.55, c.blue * 0.55)
}

/// A state's value of a track in the view, and how much it changed over the last round
/// played (none in the first round, before any was played).
pub(super) fn value_and_change(
    view: &View,
    content: &Content,
    seat: usize,
    track: TrackId,
) -> (i32, Option<i32>) {
    let t = track.index();
    let now = view
        .seats
        .get(seat)
        .and_then(|s| s.tracks.get(t))
        .copied()
        .unwrap_or(0);
    let start = content
        .states
        .get(seat)
        .and_then(|d| d.start.get(t))
        .copied();
    let change = last_round_change(&view.history, start, |row| {
        row.seats.get(seat)?.get(t).copied()
    });
    (now, change)
}

/// How much a value (`value` picks it from a round's row) changed over the last round
/// played: the history's last row against the one before, the first round against the
/// value the game started with; none before a round was played. The states' bars and the
/// shared tracks in the top bar both tell their change this way.
pub(super) fn last_round_change(
    history: &[crate::game::HistoryRow],
    start: Option<i32>,
    value: impl Fn(&crate::game::HistoryRow) -> Option<i32>,
) -> Option<i32> {
    let (last, before) = history.split_last()?;
    let base = match before.last() {
        Some(row) => value(row)?,
        None => start?,
    };
    Some(value(last)? - base)
}

/// "▲2", "▼1", "" (no change, or none known).
pub(super) fn change_text(change: Option<i32>) -> String {
    match change {
        Some(d) if d > 0 => format!("▲{d}"),
        Some(d) if d < 0 => format!("▼{}", -d),
        _ => String::new(),
    }
}

/// The rows: the three national tracks by name, then ties and dependency, each under a
/// small heading with one row a power.
enum Row {
    Heading(String),
    Track(String, TrackId, bool),
}

/// A part of the panel (ties, dependency) folded away in projector mode while a person
/// decides, so the card and its options fit at 1280×720 in the larger type.
#[derive(Component)]
struct Folds;

fn rows(content: &Content, tr: &Tr) -> Vec<Row> {
    let roles = &content.roles;
    let mut rows: Vec<Row> = [roles.security, roles.economy, roles.autonomy]
        .into_iter()
        .map(|t| {
            Row::Track(
                tr.pick(&content.tracks[t.index()].name).to_string(),
                t,
                false,
            )
        })
        .collect();
    for (heading, list) in [
        ("states.ties", &roles.ties),
        ("states.dependency", &roles.dependency),
    ] {
        rows.push(Row::Heading(tr.get(heading).to_string()));
        for (p, t) in list.iter().enumerate() {
            if let (Some(t), Some(power)) = (t, content.powers.get(p)) {
                rows.push(Row::Track(tr.pick(&power.name).to_string(), *t, true));
            }
        }
    }
    rows
}

/// (Re)build the panel when the game, the language or the palette changes; the values
/// come in [`update_panels`].
fn build_panels(
    mut commands: Commands,
    session: Res<Session>,
    display: Res<DisplaySettings>,
    tr: Res<Tr>,
    font: Res<UiFont>,
    mut panel: Query<(Entity, &mut Node), With<StatePanels>>,
    mut last: Local<Option<(u64, bool, String, Entity)>>,
) {
    let Ok((root, mut grid)) = panel.single_mut() else {
        return;
    };
    let key = (
        session.generation(),
        display.colour_blind,
        tr.s.lang.clone(),
        root,
    );
    if last.as_ref() == Some(&key) {
        return;
    }
    *last = Some(key);
    let content = session.game.content();
    let n = content.states.len();
    commands.entity(root).despawn_related::<Children>();
    // A column for the rows' names, then one a state.
    grid.grid_template_columns = vec![GridTrack::auto(), RepeatedGridTrack::flex(n as u16, 1.0)];
    let label = |text: String| {
        (
            Text::new(text),
            font.at(theme::SMALL),
            TextColor(theme::DIM),
            Node {
                align_self: AlignSelf::Center,
                margin: UiRect::right(Val::Px(4.0)),
                ..default()
            },
        )
    };
    commands.entity(root).with_children(|g| {
        // The heads: each state's name over a stripe of its colour, its posture below.
        g.spawn(Node::default());
        for i in 0..n {
            let colour = theme::seat_colour(i, display.colour_blind);
            let mark = if session.is_human(SeatId(i as u8)) {
                "▶"
            } else {
                ""
            };
            // The name shortened to what a column holds (the full one is in the tooltip
            // and on the map).
            let name: String = tr.pick(&content.states[i].name).chars().take(3).collect();
            g.spawn((
                Node {
                    flex_direction: FlexDirection::Column,
                    border: UiRect::bottom(Val::Px(4.0)),
                    padding: UiRect::bottom(Val::Px(1.0)),
                    ..default()
                },
                BorderColor::all(colour),
            ))
            .with_children(|h| {
                // The name and the score on one line, the posture under them.
                h.spawn(Node {
                    justify_content: JustifyContent::SpaceBetween,
                    align_items: AlignItems::Baseline,
                    column_gap: Val::Px(4.0),
                    ..default()
                })
                .with_children(|l| {
                    l.spawn((
                        Text::new(format!("{mark}{name}")),
                        font.at(theme::BODY),
                        TextColor(colour.lighter(0.2)),
                    ));
                    l.spawn((
                        Cell::Score(i),
                        Text::new(""),
                        font.at(theme::SMALL),
                        TextColor(theme::TEXT),
                    ));
                });
                h.spawn((
                    Cell::Posture(i),
                    Text::new(""),
                    font.at(theme::SMALL),
                    TextColor(theme::TEXT),
                ));
            });
        }
        for row in rows(content, &tr) {
            match row {
                Row::Heading(text) => {
                    g.spawn((
                        Folds,
                        Text::new(text),
                        font.at(theme::SMALL),
                        TextColor(theme::ACCENT),
                        Node {
                            grid_column: GridPlacement::span(n as u16 + 1),
                            margin: UiRect::top(Val::Px(2.0)),
                            ..default()
                        },
                    ));
                }
                Row::Track(name, track, folds) => {
                    let mut l = g.spawn(label(name));
                    if folds {
                        l.insert(Folds);
                    }
                    let def = &content.tracks[track.index()];
                    for i in 0..n {
                        let bar = spawn_bar(g, &font, i, track, (def.min, def.max), &display);
                        if folds {
                            g.commands().entity(bar).insert(Folds);
                        }
                    }
                }
            }
        }
    });
}

fn spawn_bar(
    g: &mut ChildSpawnerCommands,
    font: &UiFont,
    seat: usize,
    track: TrackId,
    range: (i32, i32),
    display: &DisplaySettings,
) -> Entity {
    let mut ids = [Entity::PLACEHOLDER; 3];
    let mut cell = g.spawn((
        Node {
            height: Val::Px(BAR_HEIGHT),
            border: UiRect::all(Val::Px(1.0)),
            padding: UiRect::horizontal(Val::Px(3.0)),
            justify_content: JustifyContent::SpaceBetween,
            align_items: AlignItems::Center,
            overflow: Overflow::clip(),
            ..default()
        },
        BackgroundColor(TRACK_GROUND),
        BorderColor::all(Color::NONE),
    ));
    cell.with_children(|b| {
        ids[0] = b
            .spawn((
                Node {
                    position_type: PositionType::Absolute,
                    left: Val::Px(0.0),
                    top: Val::Px(0.0),
                    bottom: Val::Px(0.0),
                    width: Val::Percent(0.0),
                    ..default()
                },
                BackgroundColor(fill_colour(seat, display.colour_blind)),
            ))
            .id();
        ids[1] = b
            .spawn((Text::new(""), font.at(theme::SMALL), TextColor(theme::TEXT)))
            .id();
        ids[2] = b
            .spawn((
                Text::new(""),
                font.at(theme::SMALL),
                TextColor(theme::ACCENT),
            ))
            .id();
    });
    cell.insert(Bar {
        seat,
        track,
        range,
        fill: ids[0],
        number: ids[1],
        change: ids[2],
        value: None,
        now: 0.0,
        to: 0.0,
        lit: 0.0,
    });
    cell.id()
}

/// Fold the ties and dependency away in projector mode while a person decides (the card
/// and its options need the room in the larger type); unfold them otherwise.
fn fold_panels(
    on: super::OnScreen,
    display: Res<DisplaySettings>,
    mut parts: Query<&mut Node, With<Folds>>,
) {
    let super::OnScreen { session, shown, .. } = on;
    let fold = display.projector && super::hud::deciding(&session, &shown.view);
    let want = if fold { Display::None } else { Display::Flex };
    for mut node in &mut parts {
        if node.display != want {
            node.display = want;
        }
    }
}

/// Put the view's values in: postures (a new one secret while orders are), bars and their
/// last-round change, scores. A bar whose value moved since it was last drawn slides and
/// lights up.
fn update_panels(
    on: super::OnScreen,
    display: Res<DisplaySettings>,
    tr: Res<Tr>,
    mut bars: Query<&mut Bar>,
    mut texts: Query<&mut Text>,
    cells: Query<(Entity, &Cell)>,
    mut last: Local<Option<(u64, String)>>,
) {
    let super::OnScreen { session, shown, .. } = on;
    // A panel built afresh (a new palette or language, a new game) gets its values the
    // frame after it was built, whatever the view.
    let fresh = bars.iter_mut().any(|b| b.is_added());
    let key = (shown.version, tr.s.lang.clone());
    if last.as_ref() == Some(&key) && !fresh {
        return;
    }
    *last = Some(key);
    let view = &shown.view;
    let content = session.game.content();
    let secret = view.phase == Phase::Policy && view.phase_done;
    let mut set = |e: Entity, text: String| {
        if let Ok(mut t) = texts.get_mut(e)
            && t.0 != text
        {
            t.0 = text;
        }
    };
    let short =
        |p: crate::content::PostureId| tr.pick(&content.postures[p.index()].short).to_string();
    for (e, &cell) in &cells {
        let (Cell::Posture(i) | Cell::Score(i)) = cell;
        let Some(sv) = view.seats.get(i) else {
            continue;
        };
        let seat = SeatId(i as u8);
        let text = match (cell, view.viewer, &view.own) {
            (Cell::Score(_), ..) => format!("{}%", sv.score),
            (_, Viewer::Seat(me), Some(own)) if me == seat && secret => short(own.posture),
            _ if secret => "?".to_string(),
            _ => short(sv.posture),
        };
        set(e, text);
    }
    for mut bar in &mut bars {
        let (value, change) = value_and_change(view, content, bar.seat, bar.track);
        let (lo, hi) = bar.range;
        let share = ((value - lo) as f32 / (hi - lo).max(1) as f32).clamp(0.0, 1.0);
        match bar.value {
            Some(old) if old != value => {
                bar.lit = FLASH_SECS;
                if display.reduced_motion {
                    bar.now = share;
                }
            }
            Some(_) => {}
            // First drawing: no slide.
            None => bar.now = share,
        }
        bar.value = Some(value);
        bar.to = share;
        set(bar.number, value.to_string());
        set(bar.change, change_text(change));
    }
}

/// Slide fills to their values and fade lit frames (a lit frame holds, then goes out at
/// once, under reduced motion), asking for frames while anything moves.
fn animate_bars(
    time: Res<Time>,
    display: Res<DisplaySettings>,
    mut bars: Query<(&mut Bar, &mut BorderColor)>,
    mut nodes: Query<&mut Node>,
    mut frames: MessageWriter<bevy::window::RequestRedraw>,
) {
    let dt = time.delta_secs();
    let mut moving = false;
    for (mut bar, mut border) in &mut bars {
        if bar.now != bar.to {
            let step = dt / SLIDE_SECS;
            let d = bar.to - bar.now;
            bar.now = if d.abs() <= step {
                bar.to
            } else {
                bar.now + step * d.signum()
            };
            moving = true;
        }
        if let Ok(mut node) = nodes.get_mut(bar.fill) {
            let want = Val::Percent(bar.now * 100.0);
            if node.width != want {
                node.width = want;
            }
        }
        let glow = if bar.lit > 0.0 {
            bar.lit = (bar.lit - dt).max(0.0);
            moving = true;
            let a = if display.reduced_motion {
                1.0
            } else {
                (bar.lit / FLASH_SECS).min(1.0)
            };
            theme::ACCENT.with_alpha(a)
        } else {
            Color::NONE
        };
        let want = BorderColor::all(glow);
        if *border != want {
            *border = want;
        }
    }
    if moving {
        frames.write(bevy::window::RequestRedraw);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_on_the_bars_keep_wcag_aa_contrast() {
        use super::theme::contrast;
        for colour_blind in [false, true] {
            for seat in 0..5 {
                let fill = fill_colour(seat, colour_blind);
                let c = contrast(theme::TEXT, fill);
                assert!(c >= 4.5, "seat {seat} ({colour_blind}): {c:.2}");
            }
        }
        for ink in [theme::TEXT, theme::ACCENT, theme::DIM] {
            assert!(contrast(ink, TRACK_GROUND) >= 4.5, "{ink:?}");
        }
    }

    #[test]
    fn a_change_reads_as_an_arrow_and_a_number() {
        assert_eq!(change_text(Some(2)), "▲2");
        assert_eq!(change_text(Some(-1)), "▼1");
        assert_eq!(change_text(Some(0)), "");
        assert_eq!(change_text(None), "");
    }

    #[test]
    fn the_change_is_the_last_round_played() {
        let loaded =
            crate::content::load_level_file(std::path::Path::new("levels/autumn-2021.ron"), None)
                .expect("the level loads");
        let mut game = crate::rules::Game::new(std::sync::Arc::new(loaded.content), 7);
        let sec = game.content().roles.security;
        let view = game.view(Viewer::Public);
        // Before any round was played there is no change to show.
        assert_eq!(value_and_change(&view, game.content(), 0, sec).1, None);
        let opts = crate::ai::BotOptions::default();
        while game.history().len() < 3 {
            let seat = game.next_to_decide().expect("the game goes on");
            crate::ai::act(&mut game, seat, &opts);
        }
        let view = game.view(Viewer::Public);
        let h = &view.history;
        let t = sec.index();
        let mut moved = false;
        for seat in 0..view.seats.len() {
            let (_, change) = value_and_change(&view, game.content(), seat, sec);
            let want = h[2].seats[seat][t] - h[1].seats[seat][t];
            assert_eq!(change, Some(want));
            moved |= want != 0;
        }
        // Somebody's security moved in round 3 (else the test would not tell much).
        let any: bool = (0..view.seats.len())
            .any(|s| (0..3).any(|r| h[r].seats[s][t] != game.content().states[s].start[t]));
        assert!(moved || any, "security never moved");
    }
}
