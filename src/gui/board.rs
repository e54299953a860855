//! The board under the pointer: hover highlight and a tooltip for every region (name,
//! threats, borders and their porosity), and pan and zoom.

use bevy::camera_controller::pan_camera::{MousePanSettings, PanCamera};
use bevy::prelude::*;

use crate::content::{RegionId, TokenKind};

use super::{Session, UiFont};

/// A region's drawn outline, with its normal colour.
#[derive(Component)]
pub(super) struct RegionMesh {
    pub region: RegionId,
    pub color: Color,
}

/// The region under the pointer.
#[derive(Resource, Default)]
pub(super) struct Hovered(pub Option<RegionId>);

/// The tooltip box.
#[derive(Component)]
pub(super) struct Tooltip;

/// Pan with the arrow keys or the right mouse button, zoom with +/- or the wheel; the
/// letter keys stay free for the game's shortcuts.
pub(super) fn pan_camera() -> PanCamera {
    PanCamera {
        key_up: Some(KeyCode::ArrowUp),
        key_down: Some(KeyCode::ArrowDown),
        key_left: Some(KeyCode::ArrowLeft),
        key_right: Some(KeyCode::ArrowRight),
        key_rotate_ccw: None,
        key_rotate_cw: None,
        min_zoom: 0.3,
        max_zoom: 3.0,
        pan_speed: 800.0,
        mouse_pan_settings: MousePanSettings {
            enabled: true,
            button: MouseButton::Right,
        },
        ..default()
    }
}

pub(super) fn on_over(
    over: On<Pointer<Over>>,
    meshes: Query<&RegionMesh>,
    mut hovered: ResMut<Hovered>,
) {
    if let Ok(m) = meshes.get(over.entity) {
        hovered.0 = Some(m.region);
    }
}

pub(super) fn on_out(
    out: On<Pointer<Out>>,
    meshes: Query<&RegionMesh>,
    mut hovered: ResMut<Hovered>,
) {
    if let Ok(m) = meshes.get(out.entity)
        && hovered.0 == Some(m.region)
    {
        hovered.0 = None;
    }
}

/// Lighten the hovered region.
pub(super) fn highlight(
    hovered: Res<Hovered>,
    meshes: Query<(&RegionMesh, &MeshMaterial2d<ColorMaterial>)>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    if !hovered.is_changed() {
        return;
    }
    for (m, mat) in &meshes {
        if let Some(mut material) = materials.get_mut(&mat.0) {
            material.color = if hovered.0 == Some(m.region) {
                m.color.lighter(0.15)
            } else {
                m.color
            };
        }
    }
}

/// The tooltip: the hovered region's name, its threats, and its borders with porosity and
/// crossings.
pub(super) fn spawn_tooltip(mut commands: Commands, font: Res<UiFont>) {
    commands.spawn((
        Tooltip,
        Text::new(""),
        font.at(14.0),
        TextColor(super::TEXT),
        Node {
            position_type: PositionType::Absolute,
            left: Val::Px(10.0),
            top: Val::Px(10.0),
            max_width: Val::Percent(60.0),
            padding: UiRect::all(Val::Px(8.0)),
            display: Display::None,
            ..default()
        },
        BackgroundColor(Color::srgba(0.03, 0.04, 0.06, 0.9)),
    ));
}

pub(super) fn update_tooltip(
    hovered: Res<Hovered>,
    session: Res<Session>,
    shots: Res<super::Shots>,
    mut tip: Query<(&mut Text, &mut Node), With<Tooltip>>,
) {
    if !hovered.is_changed() && !session.is_changed() {
        return;
    }
    let Ok((mut text, mut node)) = tip.single_mut() else {
        return;
    };
    // No tooltip over the debrief.
    // No tooltip over the debrief, nor in the real-window test's screenshots (where the
    // pointer just rests in the middle of the screen).
    let Some(r) = hovered
        .0
        .filter(|_| session.game.outcome().is_none() && shots.dir.is_none())
    else {
        node.display = Display::None;
        return;
    };
    node.display = Display::Flex;
    let game = &session.game;
    let content = game.content();
    let name = |t: &crate::content::Text| crate::text::pick(t, "en").to_string();
    let s = crate::text::Strings::english();
    let mut out = name(&content.regions[r.index()].name);
    let threats: Vec<String> = content
        .tokens
        .iter()
        .enumerate()
        .filter_map(|(k, t)| {
            let n = game.tokens(r, TokenKind(k as u8));
            (n > 0).then(|| format!("{n} {}", name(&t.name)))
        })
        .collect();
    out.push_str(&format!(
        "\n{}",
        s.fmt(
            "ui.tip-threats",
            &[(
                "threats",
                &if threats.is_empty() {
                    s.get("ui.tip-none").to_string()
                } else {
                    threats.join(", ")
                }
            )]
        )
    ));
    let borders = &game.world.resource::<crate::game::BorderEntities>().0;
    for (i, b) in content.borders.iter().enumerate() {
        let Some(other) = b.other(r) else { continue };
        let porosity = game
            .world
            .get::<crate::game::Border>(borders[i])
            .map_or(b.porosity, |x| x.porosity);
        let crossings: Vec<String> = b.crossings.iter().map(|(n, _)| name(n)).collect();
        out.push_str(&format!(
            "\n{}",
            s.fmt(
                "ui.tip-border",
                &[
                    ("region", &name(&content.regions[other.index()].name)),
                    ("km", &b.length_km.to_string()),
                    ("porosity", &porosity.to_string()),
                    ("max", &content.max_porosity.to_string()),
                    (
                        "crossings",
                        &if crossings.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", crossings.join(", "))
                        }
                    ),
                ]
            )
        ));
    }
    text.0 = out;
}

/// The debrief, drawn over the board when the game ends.
#[derive(Component)]
pub(super) struct Debrief;

pub(super) fn spawn_debrief(mut commands: Commands, font: Res<UiFont>) {
    commands.spawn((
        Debrief,
        Text::new(""),
        font.at(14.0),
        TextColor(super::TEXT),
        Node {
            position_type: PositionType::Absolute,
            left: Val::Px(0.0),
            top: Val::Px(0.0),
            width: Val::Percent(62.0),
            height: Val::Percent(100.0),
            padding: UiRect::all(Val::Px(18.0)),
            display: Display::None,
            ..default()
        },
        BackgroundColor(Color::srgba(0.03, 0.04, 0.06, 0.94)),
    ));
}

/// A row of block characters showing values over the rounds.
fn sparkline(values: &[i64], lo: i64, hi: i64) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let span = (hi - lo).max(1);
    values
        .iter()
        .map(|v| BARS[(((v - lo).clamp(0, span) * 7) / span) as usize])
        .collect()
}

/// Fill the debrief: the outcome, every state's score with its course over the rounds,
/// the region's stability, and the events and decisions of the game.
pub(super) fn update_debrief(
    session: Res<Session>,
    mut q: Query<(&mut Text, &mut Node), With<Debrief>>,
) {
    if !session.is_changed() {
        return;
    }
    let Ok((mut text, mut node)) = q.single_mut() else {
        return;
    };
    let game = &session.game;
    let Some(outcome) = game.outcome() else {
        node.display = Display::None;
        return;
    };
    node.display = Display::Flex;
    let content = game.content();
    let s = crate::text::Strings::english();
    let name = |t: &crate::content::Text| crate::text::pick(t, "en").to_string();
    let history = &game.world.resource::<crate::game::History>().rounds;
    let mut out = format!("{}\n\n", s.get("ui.debrief"));
    out.push_str(&if outcome.collapse {
        s.get("ui.collapse").to_string()
    } else {
        match outcome.winner {
            Some(w) => s.fmt(
                "ui.debrief-winner",
                &[("state", &name(&content.states[w as usize].name))],
            ),
            None => s.get("ui.debrief-tie").to_string(),
        }
    });
    out.push_str(&format!("\n\n{}\n", s.get("ui.debrief-scores")));
    let mut order: Vec<usize> = (0..content.seats()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(outcome.scores.get(i).copied().unwrap_or(0)));
    for i in order {
        let per_round: Vec<i64> = history
            .iter()
            .map(|(_, seats)| {
                crate::rules::agenda_score(content, crate::content::SeatId(i as u8), &seats[i])
            })
            .collect();
        out.push_str(&format!(
            "{:<14} {:>4}  {}\n",
            name(&content.states[i].name),
            outcome.scores.get(i).copied().unwrap_or(0),
            sparkline(&per_round, 0, 100)
        ));
    }
    let stab = content.core.stability.index();
    let def = &content.tracks[stab];
    let stability: Vec<i64> = history
        .iter()
        .map(|(shared, _)| i64::from(shared[stab]))
        .collect();
    out.push_str(&format!(
        "\n{:<14} {:>4}  {}\n",
        name(&def.name),
        stability.last().copied().unwrap_or(0),
        sparkline(&stability, i64::from(def.min), i64::from(def.max))
    ));
    out.push_str(&format!("\n{}\n", s.get("ui.debrief-events")));
    let mut line = String::new();
    let mut last_round = 0;
    for (r, _, e) in game.log() {
        if let crate::game::LogEntry::Event { card } = e {
            if *r != last_round {
                if !line.is_empty() {
                    out.push_str(&line);
                    out.push('\n');
                }
                line = format!("R{r}: ");
                last_round = *r;
            } else {
                line.push_str("; ");
            }
            line.push_str(&name(&content.cards[card.index()].title));
        }
    }
    out.push_str(&line);
    out.push_str(&format!("\n\n{}", s.get("ui.debrief-keys")));
    text.0 = out;
}
