//! The board: the map's regions as tessellated polygons with their names, the borders
//! coloured by how porous they are, the threat tokens in their regions, a legend, and a
//! tooltip for the region under the pointer (or picked with the keyboard). Pan with the
//! arrow keys or the right mouse button, zoom with +/- or the wheel.

use bevy::camera::ScalingMode;
use bevy::camera_controller::pan_camera::{MousePanSettings, PanCamera};
use bevy::picking::hover::HoverMap;
use bevy::prelude::*;

use super::hud::BoardArea;
use super::theme::{self, UiFont};
use super::widgets::{ActivePanels, PanelId};
use super::{BuildPlay, DisplaySettings, Frame, Screen, Session, Shown, Tr, mesh};
use crate::content::{RegionId, RegionKind, TokenKind};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Hovered>()
        .init_resource::<BoardFit>()
        .add_systems(OnExit(Screen::Play), reset_camera)
        .add_systems(
            OnEnter(Screen::Play),
            (
                (frame_board, spawn_board, spawn_borders).in_set(BuildPlay::Layout),
                spawn_overlays.in_set(BuildPlay::Fill),
            ),
        )
        .add_systems(
            Update,
            (
                (gate_pan_camera, zoom_with_keys, step_regions)
                    .chain()
                    .in_set(Frame::Input),
                (
                    fit_board,
                    recolour_regions,
                    relabel_regions,
                    update_tokens,
                    animate_tokens,
                    animate_flights,
                    draw_borders,
                    highlight,
                    update_tooltip,
                    update_legend,
                )
                    .chain()
                    .in_set(Frame::Draw),
            )
                .run_if(in_state(Screen::Play)),
        );
}

/// Region names' sizes, in map units.
const LABEL_STATE: f32 = 62.0;
const LABEL_AFGHAN: f32 = 40.0;
/// A token count's size, in map units.
const LABEL_COUNT: f32 = 76.0;
/// The one size the map's text is rasterised at; each label is scaled to its own size from
/// it. Bevy keeps a glyph atlas (a 512×512 image, on the CPU and on the GPU) for every
/// size text is set in, so the map's three sizes would cost three.
const LABEL_RASTER: f32 = 62.0;

/// The camera that draws the board.
#[derive(Component)]
pub(super) struct BoardCamera;

/// A region's drawn outline.
#[derive(Component)]
pub(super) struct RegionMesh {
    pub region: RegionId,
}

/// A region's name on the map.
#[derive(Component)]
pub(super) struct RegionLabel(RegionId);

/// A region name's colour: one that reads on the region's fill.
fn label_colour(content: &crate::content::Content, r: usize, colour_blind: bool) -> Color {
    match content.regions[r].kind {
        RegionKind::Neighbour => theme::DIM,
        _ => theme::text_on(theme::region_colour(content, r, colour_blind)),
    }
}

/// The map's names follow the language and the palette.
fn relabel_regions(
    tr: Res<Tr>,
    display: Res<DisplaySettings>,
    session: Res<Session>,
    mut labels: Query<(&RegionLabel, &mut Text2d, &mut TextColor)>,
) {
    if !tr.is_changed() && !display.is_changed() {
        return;
    }
    let content = session.game.content();
    for (l, mut text, mut colour) in &mut labels {
        let Some(region) = content.regions.get(l.0.index()) else {
            continue;
        };
        let want = tr.pick(region.map_name());
        if text.0 != want {
            text.0 = want;
        }
        colour.0 = label_colour(content, l.0.index(), display.colour_blind);
    }
}

/// The region under the pointer, or picked with the keyboard.
#[derive(Resource, Default)]
pub(super) struct Hovered(pub Option<RegionId>);

#[derive(Component)]
struct Tooltip;

#[derive(Component)]
struct Legend;

#[derive(Component)]
struct TokenDot;

/// Pan with the arrow keys or the right mouse button, zoom with the wheel (and +/-, see
/// [`zoom_with_keys`]); the letter keys stay free for the game's shortcuts.
pub(super) fn pan_camera() -> PanCamera {
    PanCamera {
        zoom_speed: ZOOM_SPEED,
        // Bevy's key zoom shares the wheel's speed, which is set to 0 while the pointer is
        // over a panel; the keys zoom wherever the pointer is, in `zoom_with_keys`.
        key_zoom_in: None,
        key_zoom_out: None,
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

/// What the board frames: the Afghan regions and the five states, in map units.
#[derive(Resource, Clone, Copy, Debug)]
pub(super) struct BoardFrame {
    min: Vec2,
    max: Vec2,
}

/// Margin around the framed regions, as a share of their size.
const FRAME_MARGIN: f32 = 0.02;

/// The last fit of the board to its area (reset so a new game is fitted afresh).
#[derive(Resource, Default)]
pub(super) struct BoardFit(Option<(Vec2, Vec2, Vec2)>);

/// The bounds of some regions' outlines, in map units.
fn bounds<'a>(regions: impl Iterator<Item = &'a crate::content::RegionDef>) -> (Vec2, Vec2) {
    let mut min = Vec2::splat(f32::MAX);
    let mut max = Vec2::splat(f32::MIN);
    for r in regions {
        for &(x, y) in r.polygons.iter().flatten() {
            min = min.min(Vec2::new(x, y));
            max = max.max(Vec2::new(x, y));
        }
    }
    if min.x > max.x {
        (Vec2::splat(-1000.0), Vec2::splat(1000.0))
    } else {
        (min, max)
    }
}

/// How far the map may zoom out: until the whole map (`full`) fits where the frame does,
/// with a little room; never less than the frame itself.
pub(super) fn zoom_out_limit(frame: Vec2, full: Vec2) -> f32 {
    let ratio = (full.x / frame.x.max(1.0)).max(full.y / frame.y.max(1.0));
    (ratio * 1.1).max(1.5)
}

/// The regions the board frames: Afghanistan's and the states that border it, where the
/// threats move (the rest of the region shows at the edges; the map zooms out to all).
pub(super) fn framed_regions(content: &crate::content::Content) -> Vec<usize> {
    let afghan = |r: RegionId| {
        content
            .regions
            .get(r.index())
            .is_some_and(|d| d.kind == RegionKind::Afghan)
    };
    content
        .regions
        .iter()
        .enumerate()
        .filter(|(i, d)| {
            let me = RegionId(*i as u16);
            d.kind == RegionKind::Afghan
                || (d.kind == RegionKind::State
                    && content
                        .borders
                        .iter()
                        .any(|b| (b.a == me && afghan(b.b)) || (b.b == me && afghan(b.a))))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Frame Afghanistan and the states on its border (Kazakhstan, Kyrgyzstan and the
/// neighbours show cut at the edges), and let the map zoom out until all of it shows.
fn frame_board(
    mut commands: Commands,
    session: Res<Session>,
    mut fit: ResMut<BoardFit>,
    mut camera: Query<(&mut Projection, &mut Transform, &mut PanCamera), With<BoardCamera>>,
) {
    let content = session.game.content();
    let framed = framed_regions(content);
    let (min, max) = if framed.is_empty() {
        bounds(
            content
                .regions
                .iter()
                .filter(|r| r.kind != RegionKind::Neighbour),
        )
    } else {
        bounds(framed.iter().map(|&i| &content.regions[i]))
    };
    let (all_min, all_max) = bounds(content.regions.iter());
    let pad = (max - min) * FRAME_MARGIN;
    commands.insert_resource(BoardFrame {
        min: min - pad,
        max: max + pad,
    });
    fit.0 = None;
    if let Ok((mut projection, mut transform, mut pan)) = camera.single_mut() {
        *projection = Projection::Orthographic(OrthographicProjection {
            scaling_mode: ScalingMode::WindowSize,
            ..OrthographicProjection::default_2d()
        });
        transform.scale = Vec3::ONE;
        pan.zoom_factor = 1.0;
        pan.max_zoom = zoom_out_limit(max - min + pad * 2.0, all_max - all_min);
    }
}

/// Leaving the game puts the camera back as it was (the title screen and the next game
/// start unzoomed, and are fitted afresh).
fn reset_camera(
    mut fit: ResMut<BoardFit>,
    mut camera: Query<(&mut Transform, &mut PanCamera), With<BoardCamera>>,
) {
    fit.0 = None;
    for (mut transform, mut pan) in &mut camera {
        pan.zoom_factor = 1.0;
        *transform = Transform::IDENTITY;
    }
}

/// Fit the frame into the board's part of the window (between the top bar and the side
/// panel), whenever that part changes size: the camera's scale and centre are set so the
/// frame fills it.
fn fit_board(
    frame: Option<Res<BoardFrame>>,
    area: Query<(&ComputedNode, &UiGlobalTransform), With<BoardArea>>,
    windows: Query<&Window>,
    mut camera: Query<(&mut Projection, &mut Transform), With<BoardCamera>>,
    mut fit: ResMut<BoardFit>,
) {
    let (Some(frame), Ok((node, at)), Ok(window)) = (frame, area.single(), windows.single()) else {
        return;
    };
    let size = node.size();
    let win = window.physical_size().as_vec2();
    if size.x < 1.0 || size.y < 1.0 || win.x < 1.0 {
        return;
    }
    let key = (size, at.translation, win);
    if fit.0 == Some(key) && !frame.is_changed() {
        return;
    }
    fit.0 = Some(key);
    let Ok((mut projection, mut transform)) = camera.single_mut() else {
        return;
    };
    let want = frame.max - frame.min;
    // Map units per physical pixel, so the frame fits the area both ways.
    let per_px = (want.x / size.x).max(want.y / size.y);
    if let Projection::Orthographic(o) = &mut *projection {
        o.scale = per_px * window.scale_factor();
    }
    // Put the frame's centre at the area's centre (screen y grows downwards).
    let offset = at.translation - win / 2.0;
    let centre = (frame.min + frame.max) / 2.0;
    transform.translation.x = centre.x - offset.x * per_px;
    transform.translation.y = centre.y + offset.y * per_px;
    transform.scale = Vec3::ONE;
}

/// The map moves only while no page is in front; the mouse pans and zooms it only while
/// the pointer is on it (the wheel scrolls the panels), the arrow keys always.
fn gate_pan_camera(
    hover: Res<HoverMap>,
    ui: Query<(), (With<Node>, Without<BoardArea>)>,
    active: Res<ActivePanels>,
    mut pan: Query<&mut PanCamera>,
) {
    let over_ui = hover
        .values()
        .any(|hits| hits.keys().any(|e| ui.contains(*e)));
    let on = active.0 == [PanelId::Controls];
    let zoom = if over_ui { 0.0 } else { ZOOM_SPEED };
    for mut p in &mut pan {
        if p.enabled != on {
            p.enabled = on;
        }
        if p.zoom_speed != zoom {
            p.zoom_speed = zoom;
        }
        if p.mouse_pan_settings.enabled == over_ui {
            p.mouse_pan_settings.enabled = !over_ui;
        }
    }
}

/// How much the map zooms per wheel line, or per frame while + or - is held.
const ZOOM_SPEED: f32 = 0.1;

/// The `+` and `-` keys zoom the map wherever the pointer is, as Bevy's pan camera would,
/// while the map can move.
fn zoom_with_keys(keys: Res<ButtonInput<KeyCode>>, mut pan: Query<&mut PanCamera>) {
    let step = match (keys.pressed(KeyCode::Equal), keys.pressed(KeyCode::Minus)) {
        (true, false) => -ZOOM_SPEED,
        (false, true) => ZOOM_SPEED,
        _ => return,
    };
    for mut p in &mut pan {
        if p.enabled {
            p.zoom_factor = (p.zoom_factor + step).clamp(p.min_zoom, p.max_zoom);
        }
    }
}

fn spawn_board(
    mut commands: Commands,
    session: Res<Session>,
    font: Res<UiFont>,
    tr: Res<Tr>,
    display: Res<DisplaySettings>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let content = session.game.content().clone();
    let framed = framed_regions(&content);
    let (fmin, fmax) = bounds(framed.iter().map(|&i| &content.regions[i]));
    for (i, region) in content.regions.iter().enumerate() {
        let colour = theme::region_colour(&content, i, display.colour_blind);
        let material = materials.add(ColorMaterial::from(colour));
        // All of a region's outlines in one mesh (even-odd, so a ring inside another is a
        // hole).
        let rings: Vec<&[(f32, f32)]> = region.polygons.iter().map(Vec::as_slice).collect();
        if let Some(m) = mesh::fill(&rings) {
            commands
                .spawn((
                    DespawnOnExit(Screen::Play),
                    Mesh2d(meshes.add(m)),
                    MeshMaterial2d(material.clone()),
                    RegionMesh {
                        region: RegionId(i as u16),
                    },
                ))
                .observe(on_over)
                .observe(on_out);
        }
        if !region.polygons.is_empty() {
            let (x, y) = region.centroid;
            // Sizes in map units (the board's frame is a few thousand units wide). The map
            // shows the region's label (a short name where the full one would crowd its
            // neighbours); a long one wraps.
            let (size, wrap) = match region.kind {
                RegionKind::Afghan => (LABEL_AFGHAN, 330.0),
                RegionKind::State | RegionKind::Neighbour => (LABEL_STATE, 900.0),
            };
            // A state outside the frame (Kazakhstan) is named where it shows, at the
            // frame's edge, so its group finds it without zooming out.
            let outside = x < fmin.x || x > fmax.x || y < fmin.y || y > fmax.y;
            let (x, y) = if region.kind == RegionKind::State && !framed.contains(&i) && outside {
                (
                    x.clamp(fmin.x + 500.0, fmax.x - 500.0),
                    y.clamp(fmin.y + 120.0, fmax.y - 160.0),
                )
            } else {
                (x, y)
            };
            commands.spawn((
                DespawnOnExit(Screen::Play),
                RegionLabel(RegionId(i as u16)),
                Text2d::new(tr.pick(region.map_name())),
                font.at(LABEL_RASTER),
                TextColor(label_colour(&content, i, display.colour_blind)),
                TextLayout::justify(Justify::Center),
                bevy::text::TextBounds::new_horizontal(wrap * LABEL_RASTER / size),
                Transform::from_xyz(x, y + 40.0, 5.0).with_scale(Vec3::splat(size / LABEL_RASTER)),
            ));
        }
    }
}

/// The legend, and the tooltip's box, in the board's area.
fn spawn_overlays(mut commands: Commands, font: Res<UiFont>, area: Query<Entity, With<BoardArea>>) {
    let Ok(area) = area.single() else { return };
    commands.entity(area).with_children(|a| {
        a.spawn((
            Tooltip,
            Text::new(""),
            font.at(theme::SMALL),
            TextColor(theme::TEXT),
            Node {
                position_type: PositionType::Absolute,
                left: Val::Px(8.0),
                top: Val::Px(8.0),
                max_width: Val::Percent(70.0),
                padding: UiRect::all(Val::Px(8.0)),
                display: Display::None,
                ..default()
            },
            BackgroundColor(Color::srgba(0.03, 0.04, 0.06, 0.92)),
            bevy::picking::Pickable::IGNORE,
        ));
        a.spawn((
            Legend,
            Node {
                position_type: PositionType::Absolute,
                left: Val::Px(8.0),
                bottom: Val::Px(8.0),
                flex_direction: FlexDirection::Column,
                padding: UiRect::all(Val::Px(6.0)),
                row_gap: Val::Px(2.0),
                ..default()
            },
            BackgroundColor(Color::srgba(0.03, 0.04, 0.06, 0.8)),
        ));
    });
}

fn on_over(over: On<Pointer<Over>>, meshes: Query<&RegionMesh>, mut hovered: ResMut<Hovered>) {
    if let Ok(m) = meshes.get(over.entity) {
        hovered.0 = Some(m.region);
    }
}

fn on_out(out: On<Pointer<Out>>, meshes: Query<&RegionMesh>, mut hovered: ResMut<Hovered>) {
    if let Ok(m) = meshes.get(out.entity)
        && hovered.0 == Some(m.region)
    {
        hovered.0 = None;
    }
}

/// `,` and `.` step through the regions (the tooltip follows), for play without a mouse.
fn step_regions(
    input: Res<ButtonInput<KeyCode>>,
    active: Res<ActivePanels>,
    session: Res<Session>,
    mut hovered: ResMut<Hovered>,
) {
    if active.0 != [PanelId::Controls] {
        return;
    }
    let n = session.game.content().regions.len();
    if n == 0 {
        return;
    }
    let step = |r: Option<RegionId>, back: bool| {
        let i = match (r, back) {
            (None, false) => 0,
            (None, true) => n - 1,
            (Some(r), false) => (r.index() + 1) % n,
            (Some(r), true) => (r.index() + n - 1) % n,
        };
        Some(RegionId(i as u16))
    };
    if input.just_pressed(KeyCode::Period) {
        hovered.0 = step(hovered.0, false);
    }
    if input.just_pressed(KeyCode::Comma) {
        hovered.0 = step(hovered.0, true);
    }
}

/// New colours when the palette changes.
fn recolour_regions(
    display: Res<DisplaySettings>,
    session: Res<Session>,
    meshes: Query<(&RegionMesh, &MeshMaterial2d<ColorMaterial>)>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut hovered: ResMut<Hovered>,
) {
    if !display.is_changed() {
        return;
    }
    let content = session.game.content();
    for (m, mat) in &meshes {
        if let Some(mut material) = materials.get_mut(&mat.0) {
            material.color = theme::region_colour(content, m.region.index(), display.colour_blind);
        }
    }
    hovered.set_changed();
}

/// Lighten the hovered region.
fn highlight(
    hovered: Res<Hovered>,
    display: Res<DisplaySettings>,
    session: Res<Session>,
    meshes: Query<(&RegionMesh, &MeshMaterial2d<ColorMaterial>)>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    if !hovered.is_changed() {
        return;
    }
    let content = session.game.content();
    for (m, mat) in &meshes {
        if let Some(mut material) = materials.get_mut(&mat.0) {
            let base = theme::region_colour(content, m.region.index(), display.colour_blind);
            material.color = if hovered.0 == Some(m.region) {
                base.lighter(0.15)
            } else {
                base
            };
        }
    }
}

/// A border's stroke, as last drawn.
#[derive(Component)]
struct BorderMesh {
    border: usize,
    /// The porosity and palette it was drawn for (none: not drawn yet).
    drawn: Option<(i32, bool)>,
}

/// How wide a border is drawn, in map units: the more porous, the wider, so how open a
/// border is shows without its colour (about 2 to 6 pixels on a 1366×768 window).
fn border_width(t: f32) -> f32 {
    8.0 + 18.0 * t.clamp(0.0, 1.0)
}

/// One stroke mesh per border, above the regions and below the names and tokens.
fn spawn_borders(
    mut commands: Commands,
    session: Res<Session>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let content = session.game.content();
    for (i, b) in content.borders.iter().enumerate() {
        if b.line.len() < 2 {
            continue;
        }
        commands.spawn((
            DespawnOnExit(Screen::Play),
            BorderMesh {
                border: i,
                drawn: None,
            },
            MeshMaterial2d(materials.add(ColorMaterial::from(Color::NONE))),
            Transform::from_xyz(0.0, 0.0, 2.0),
            bevy::picking::Pickable::IGNORE,
        ));
    }
}

/// Restroke a border when its porosity or the palette changes: its width and colour.
fn draw_borders(
    mut commands: Commands,
    session: Res<Session>,
    shown: Res<Shown>,
    display: Res<DisplaySettings>,
    mut borders: Query<(Entity, &mut BorderMesh, &MeshMaterial2d<ColorMaterial>)>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let content = session.game.content();
    for (e, mut b, mat) in &mut borders {
        let porosity = shown.view.porosity.get(b.border).copied().unwrap_or(0);
        let want = (porosity, display.colour_blind);
        if b.drawn == Some(want) {
            continue;
        }
        let t = porosity as f32 / content.max_porosity.max(1) as f32;
        if let Some(m) = content
            .borders
            .get(b.border)
            .and_then(|d| mesh::stroke(&d.line, border_width(t)))
        {
            commands.entity(e).insert(Mesh2d(meshes.add(m)));
        }
        if let Some(mut material) = materials.get_mut(&mat.0) {
            material.color = theme::porosity_colour(t, display.colour_blind);
        }
        b.drawn = Some(want);
    }
}

/// A token icon growing in, because its count went up (none with reduced motion).
#[derive(Component)]
struct Appear {
    /// Seconds since it appeared.
    age: f32,
}

/// A token icon on its way: crossing a border from one region's icon to another's, or
/// (with no destination) shrinking away where it was removed. Drawn over the board and
/// despawned when done; the icons in place already show the new counts.
#[derive(Component)]
struct Flight {
    from: Vec2,
    /// Where it goes; `None`: it shrinks away at `from`.
    to: Option<Vec2>,
    age: f32,
}

/// What the token icons last showed: the view's version and palette drawn, the session,
/// each (region, kind)'s count (to tell which grew or shrank) and where its icon stood.
#[derive(Default)]
struct ShownTokens {
    key: (u64, bool),
    generation: u64,
    counts: std::collections::HashMap<(usize, usize), u32>,
    places: std::collections::HashMap<(usize, usize), Vec2>,
}

/// How long a token takes to grow in.
const APPEAR_SECS: f32 = 0.35;
/// How long a token takes to cross a border, or to shrink away.
const FLIGHT_SECS: f32 = 0.6;
/// At most this many tokens fly at once (a round that moves many shows the first ones).
const MAX_FLIGHTS: usize = 24;

/// Pair the tokens that left a region with those that arrived in a bordering one, kind by
/// kind: each pair crossed a border (as far as the screen can tell: two views apart, a
/// token removed here and another placed next door look the same, and read the same).
/// What left and arrived nowhere was removed. Returns (from, to) region pairs and the
/// removed ones, each with the kind, at most [`MAX_FLIGHTS`] in all.
type Moves = (Vec<(usize, usize, usize)>, Vec<(usize, usize)>);

fn pair_moves(
    before: &std::collections::HashMap<(usize, usize), u32>,
    now: &std::collections::HashMap<(usize, usize), u32>,
    borders: &[(usize, usize)],
) -> Moves {
    let mut left: Vec<((usize, usize), u32)> = before
        .iter()
        .filter_map(|(&rk, &n)| {
            let m = now.get(&rk).copied().unwrap_or(0);
            (n > m).then(|| (rk, n - m))
        })
        .collect();
    let mut arrived: Vec<((usize, usize), u32)> = now
        .iter()
        .filter_map(|(&rk, &n)| {
            let m = before.get(&rk).copied().unwrap_or(0);
            (n > m).then(|| (rk, n - m))
        })
        .collect();
    // A steady order (the maps' own is not), so the same change always draws the same.
    left.sort_unstable();
    arrived.sort_unstable();
    let touch = |a: usize, b: usize| {
        borders
            .iter()
            .any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
    };
    let mut moves = Vec::new();
    for ((to, k), n) in &mut arrived {
        for ((from, k2), m) in &mut left {
            while *n > 0 && *m > 0 && k2 == k && touch(*from, *to) && moves.len() < MAX_FLIGHTS {
                moves.push((*from, *to, *k));
                *n -= 1;
                *m -= 1;
            }
        }
    }
    let mut gone = Vec::new();
    for ((r, k), m) in left {
        for _ in 0..m {
            if moves.len() + gone.len() < MAX_FLIGHTS {
                gone.push((r, k));
            }
        }
    }
    (moves, gone)
}

/// Grow new token icons in over a moment, asking for frames while they move. Purely on
/// screen: the rules have long moved on, and nothing waits for it.
fn animate_tokens(
    mut commands: Commands,
    time: Res<Time>,
    mut grow: Query<(Entity, &mut Transform, &mut Appear)>,
    mut frames: MessageWriter<bevy::window::RequestRedraw>,
) {
    let mut any = false;
    for (e, mut t, mut a) in &mut grow {
        a.age += time.delta_secs();
        let p = (a.age / APPEAR_SECS).clamp(0.0, 1.0);
        // Ease out, with a small overshoot so the eye catches it.
        let s = 1.0 + 0.25 * (p * std::f32::consts::PI).sin() - (1.0 - p).powi(2);
        t.scale = Vec3::splat(s.max(0.05));
        if p >= 1.0 {
            t.scale = Vec3::ONE;
            commands.entity(e).remove::<Appear>();
        } else {
            any = true;
        }
    }
    if any {
        frames.write(bevy::window::RequestRedraw);
    }
}

/// Fly crossing tokens along their way and shrink removed ones, then let them go.
fn animate_flights(
    mut commands: Commands,
    time: Res<Time>,
    mut flying: Query<(Entity, &mut Transform, &mut Flight)>,
    mut frames: MessageWriter<bevy::window::RequestRedraw>,
) {
    let mut any = false;
    for (e, mut t, mut f) in &mut flying {
        f.age += time.delta_secs();
        let p = (f.age / FLIGHT_SECS).clamp(0.0, 1.0);
        // Ease in and out.
        let q = p * p * (3.0 - 2.0 * p);
        match f.to {
            Some(to) => {
                let at = f.from.lerp(to, q);
                // A little arc, so a crossing reads as a move rather than a slide.
                let lift = 60.0 * (p * std::f32::consts::PI).sin();
                t.translation.x = at.x;
                t.translation.y = at.y + lift;
            }
            None => t.scale = Vec3::splat((1.0 - q).max(0.01)),
        }
        if p >= 1.0 {
            commands.entity(e).despawn();
        } else {
            any = true;
        }
    }
    if any {
        frames.write(bevy::window::RequestRedraw);
    }
}

/// A token kind's shape, so kinds differ by more than colour: militants a circle,
/// narcotics a diamond, displaced people a square (then again in turn).
fn token_shape(kind: usize, r: f32) -> Vec<(f32, f32)> {
    match kind % 3 {
        0 => (0..24)
            .map(|i| {
                let a = i as f32 / 24.0 * std::f32::consts::TAU;
                (r * a.cos(), r * a.sin())
            })
            .collect(),
        1 => {
            let d = r * 1.25;
            vec![(0.0, -d), (d, 0.0), (0.0, d), (-d, 0.0)]
        }
        _ => {
            let s = r * 0.9;
            vec![(-s, -s), (s, -s), (s, s), (-s, s)]
        }
    }
}

/// The glyph the legend shows for a kind's shape.
pub(super) fn token_glyph(kind: usize) -> &'static str {
    ["●", "◆", "■"][kind % 3]
}

/// Redraw the threat tokens when the game changes: one icon per kind in a region, its
/// shape telling the kind, with the count beside it, large enough to count from the back
/// of a room.
fn update_tokens(
    mut commands: Commands,
    on: super::OnScreen,
    display: Res<DisplaySettings>,
    font: Res<UiFont>,
    dots: Query<Entity, With<TokenDot>>,
    (mut meshes, mut materials): (ResMut<Assets<Mesh>>, ResMut<Assets<ColorMaterial>>),
    mut shown_last: Local<ShownTokens>,
) {
    let ShownTokens {
        key: last,
        generation,
        counts,
        places,
    } = &mut *shown_last;
    let super::OnScreen { session, shown, .. } = on;
    let key = (shown.version, display.colour_blind);
    if *last == key {
        return;
    }
    *last = key;
    // What grew since the last drawing (a new game starts from nothing shown).
    if *generation != session.generation() {
        *generation = session.generation();
        counts.clear();
        places.clear();
    }
    let grown = |r: usize, k: usize, n: u32, before: &std::collections::HashMap<_, u32>| {
        !display.reduced_motion && n > before.get(&(r, k)).copied().unwrap_or(0)
    };
    let mut now = std::collections::HashMap::new();
    let mut now_places = std::collections::HashMap::new();
    for e in &dots {
        commands.entity(e).despawn();
    }
    let content = session.game.content();
    let outline = materials.add(ColorMaterial::from(Color::srgb(0.05, 0.05, 0.05)));
    let shapes: Vec<(Handle<Mesh>, Handle<Mesh>, Handle<ColorMaterial>)> =
        (0..content.tokens.len())
            .map(|k| {
                let inner = mesh::fill(&[&token_shape(k, 36.0)])
                    .unwrap_or_else(|| Circle::new(36.0).into());
                let outer = mesh::fill(&[&token_shape(k, 44.0)])
                    .unwrap_or_else(|| Circle::new(44.0).into());
                (
                    meshes.add(inner),
                    meshes.add(outer),
                    materials.add(ColorMaterial::from(theme::token_colour(
                        k,
                        display.colour_blind,
                    ))),
                )
            })
            .collect();
    for (r, region) in content.regions.iter().enumerate() {
        let (cx, cy) = region.centroid;
        let present: Vec<(usize, u32)> = (0..content.tokens.len())
            .map(|k| {
                (
                    k,
                    shown.view.tokens_at(RegionId(r as u16), TokenKind(k as u8)),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        // Side by side under the region's name, centred.
        let step = 150.0;
        let left = cx - step * (present.len() as f32 - 1.0) / 2.0 - 22.0;
        for (i, (k, count)) in present.iter().enumerate() {
            let (inner, outer, mat) = &shapes[*k];
            let (x, y) = (left + i as f32 * step, cy - 34.0);
            now.insert((r, *k), *count);
            now_places.insert((r, *k), Vec2::new(x, y));
            let grow = grown(r, *k, *count, counts);
            let mut icon = commands.spawn((
                DespawnOnExit(Screen::Play),
                TokenDot,
                Mesh2d(outer.clone()),
                MeshMaterial2d(outline.clone()),
                Transform::from_xyz(x, y, 9.0),
                bevy::picking::Pickable::IGNORE,
            ));
            if grow {
                icon.insert(Appear { age: 0.0 });
            }
            let mut icon = commands.spawn((
                DespawnOnExit(Screen::Play),
                TokenDot,
                Mesh2d(inner.clone()),
                MeshMaterial2d(mat.clone()),
                Transform::from_xyz(x, y, 10.0),
                bevy::picking::Pickable::IGNORE,
            ));
            if grow {
                icon.insert(Appear { age: 0.0 });
            }
            commands.spawn((
                DespawnOnExit(Screen::Play),
                TokenDot,
                Text2d::new(count.to_string()),
                font.at(LABEL_RASTER),
                TextColor(Color::WHITE),
                bevy::sprite::Anchor::CENTER_LEFT,
                Transform::from_xyz(x + 50.0, y, 11.0)
                    .with_scale(Vec3::splat(LABEL_COUNT / LABEL_RASTER)),
            ));
        }
    }
    // Tokens that crossed a border fly from the old region's icon to the new one's; those
    // removed shrink away where they stood. A view the session replaced wholesale (a new
    // game, a loaded save) shows no movement.
    if !display.reduced_motion && !counts.is_empty() {
        let borders: Vec<(usize, usize)> = content
            .borders
            .iter()
            .map(|b| (b.a.index(), b.b.index()))
            .collect();
        let (moves, gone) = pair_moves(counts, &now, &borders);
        let place = |r: usize, k: usize| {
            now_places
                .get(&(r, k))
                .or_else(|| places.get(&(r, k)))
                .copied()
        };
        let flights = moves
            .iter()
            .filter_map(|&(a, b, k)| Some((place(a, k)?, Some(place(b, k)?), k)))
            .chain(
                gone.iter()
                    .filter_map(|&(r, k)| Some((place(r, k)?, None, k))),
            );
        for (from, to, k) in flights {
            let (inner, _, mat) = &shapes[k];
            commands.spawn((
                DespawnOnExit(Screen::Play),
                Flight { from, to, age: 0.0 },
                Mesh2d(inner.clone()),
                MeshMaterial2d(mat.clone()),
                Transform::from_xyz(from.x, from.y, 12.0),
                bevy::picking::Pickable::IGNORE,
            ));
        }
    }
    *counts = now;
    *places = now_places;
}

/// The legend: what the dots and the border colours mean.
fn update_legend(
    mut commands: Commands,
    session: Res<Session>,
    display: Res<DisplaySettings>,
    tr: Res<Tr>,
    font: Res<UiFont>,
    legend: Query<Entity, With<Legend>>,
    mut last: Local<Option<(bool, String, u64)>>,
) {
    let key = (
        display.colour_blind,
        tr.s.lang.clone(),
        session.generation(),
    );
    if last.as_ref() == Some(&key) {
        return;
    }
    let Ok(e) = legend.single() else { return };
    *last = Some(key);
    let content = session.game.content();
    commands.entity(e).despawn_related::<Children>();
    commands.entity(e).with_children(|l| {
        // A sign in the swatch's colour: a token kind's shape, or a border's thickness.
        let swatch = |l: &mut ChildSpawnerCommands, colour: Color, sign: &str, label: String| {
            l.spawn(Node {
                flex_direction: FlexDirection::Row,
                column_gap: Val::Px(6.0),
                align_items: AlignItems::Center,
                ..default()
            })
            .with_children(|row| {
                row.spawn((Text::new(sign), font.at(theme::SMALL), TextColor(colour)));
                row.spawn((
                    Text::new(label),
                    font.at(theme::SMALL),
                    TextColor(theme::TEXT),
                ));
            });
        };
        for (k, t) in content.tokens.iter().enumerate() {
            swatch(
                l,
                theme::token_colour(k, display.colour_blind),
                token_glyph(k),
                tr.pick(&t.name),
            );
        }
        swatch(
            l,
            theme::porosity_colour(0.0, display.colour_blind),
            "─",
            tr.get("ui.legend-sealed").to_string(),
        );
        swatch(
            l,
            theme::porosity_colour(1.0, display.colour_blind),
            "━",
            tr.get("ui.legend-open").to_string(),
        );
    });
}

/// The tooltip: the region's name, its threats, and its borders with their length,
/// porosity and crossings.
fn update_tooltip(
    hovered: Res<Hovered>,
    session: Res<Session>,
    shown: Res<Shown>,
    tr: Res<Tr>,
    shots: Res<super::shots::Shots>,
    mut tip: Query<(&mut Text, &mut Node), With<Tooltip>>,
) {
    if !hovered.is_changed() && !shown.is_changed() {
        return;
    }
    let Ok((mut text, mut node)) = tip.single_mut() else {
        return;
    };
    // No tooltip over the debrief, nor in the real-window test's screenshots (where the
    // pointer just rests in the middle of the screen).
    let Some(r) = hovered
        .0
        .filter(|_| shown.view.outcome.is_none() && !shots.active())
    else {
        node.display = Display::None;
        return;
    };
    node.display = Display::Flex;
    text.0 = tooltip(session.game.content(), &shown.view, &tr, r);
}

/// The tooltip's text for region `r`.
pub(super) fn tooltip(
    content: &crate::content::Content,
    view: &crate::rules::View,
    tr: &Tr,
    r: RegionId,
) -> String {
    let mut out = tr.pick(&content.regions[r.index()].name);
    let threats: Vec<String> = (0..content.tokens.len())
        .filter_map(|k| {
            let n = view.tokens_at(r, TokenKind(k as u8));
            (n > 0).then(|| {
                format!(
                    "{n} {}",
                    crate::report::log::counted_kind(content, &tr.s.lang, TokenKind(k as u8), n)
                )
            })
        })
        .collect();
    out.push_str(&format!(
        "\n{}",
        tr.fmt(
            "ui.tip-threats",
            &[(
                "threats",
                &if threats.is_empty() {
                    tr.get("ui.tip-none").to_string()
                } else {
                    threats.join(", ")
                }
            )]
        )
    ));
    for (i, b) in content.borders.iter().enumerate() {
        let Some(other) = b.other(r) else { continue };
        let porosity = view.porosity.get(i).copied().unwrap_or(b.porosity);
        let crossings: Vec<String> = b.crossings.iter().map(|(n, _)| tr.pick(n)).collect();
        out.push_str(&format!(
            "\n{}",
            tr.fmt(
                "ui.tip-border",
                &[
                    ("region", &tr.pick(&content.regions[other.index()].name)),
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
    out
}

#[cfg(test)]
mod tests {
    use bevy::state::app::StatesPlugin;

    use super::*;

    #[test]
    fn tokens_that_left_and_arrived_next_door_crossed_and_the_rest_were_removed() {
        use std::collections::HashMap;
        // Regions 0-1 and 1-2 border; 0 and 3 do not.
        let borders = [(0, 1), (1, 2)];
        let before = HashMap::from([((0, 0), 3), ((2, 1), 1), ((3, 0), 1)]);
        // Two militants (kind 0) went 0 -> 1; one more left 0 and the one in 3 left, with
        // nothing arriving next door: removed. The narcotic (kind 1) in 2 went to 1.
        let now = HashMap::from([((1, 0), 2), ((1, 1), 1)]);
        let (moves, gone) = pair_moves(&before, &now, &borders);
        assert_eq!(moves, vec![(0, 1, 0), (0, 1, 0), (2, 1, 1)]);
        assert_eq!(gone, vec![(0, 0), (3, 0)]);
        // A token arriving where no neighbour lost one was placed, not moved.
        let (moves, gone) = pair_moves(&HashMap::from([((3, 0), 1)]), &now, &borders);
        assert!(moves.is_empty());
        assert_eq!(gone, vec![(3, 0)]);
        // A region that gained and one that lost while both still hold some.
        let (moves, gone) = pair_moves(
            &HashMap::from([((0, 0), 1), ((1, 0), 3)]),
            &HashMap::from([((0, 0), 2), ((1, 0), 2)]),
            &borders,
        );
        assert_eq!((moves, gone), (vec![(1, 0, 0)], vec![]));
        // Many at once: at most MAX_FLIGHTS fly.
        let many = HashMap::from([((0, 0), 100)]);
        let (moves, gone) = pair_moves(&many, &HashMap::from([((1, 0), 100)]), &borders);
        assert_eq!((moves.len(), gone.len()), (MAX_FLIGHTS, 0));
    }

    #[test]
    fn the_map_zooms_out_until_all_of_it_fits() {
        // The frame (Afghanistan and the five states) is smaller than the whole map.
        let z = zoom_out_limit(Vec2::new(2000.0, 1500.0), Vec2::new(5000.0, 3000.0));
        assert!((2.5..3.0).contains(&z), "{z}");
        assert_eq!(
            zoom_out_limit(Vec2::new(10.0, 10.0), Vec2::new(10.0, 10.0)),
            1.5
        );
    }

    #[test]
    fn leaving_the_game_puts_the_camera_back() {
        let mut app = App::new();
        app.add_plugins((MinimalPlugins, StatesPlugin));
        app.init_state::<Screen>();
        app.init_resource::<BoardFit>();
        app.add_systems(OnExit(Screen::Play), reset_camera);
        let camera = app
            .world_mut()
            .spawn((
                BoardCamera,
                Transform::from_xyz(300.0, -200.0, 0.0),
                pan_camera(),
            ))
            .id();
        app.world_mut()
            .resource_mut::<NextState<Screen>>()
            .set(Screen::Play);
        app.update();
        // Zoomed in on Kyrgyzstan, then back to the title.
        app.world_mut()
            .get_mut::<PanCamera>(camera)
            .unwrap()
            .zoom_factor = 0.4;
        app.world_mut().resource_mut::<BoardFit>().0 = Some((Vec2::ONE, Vec2::ONE, Vec2::ONE));
        app.world_mut()
            .resource_mut::<NextState<Screen>>()
            .set(Screen::Menu);
        app.update();
        let world = app.world();
        assert_eq!(world.get::<PanCamera>(camera).unwrap().zoom_factor, 1.0);
        assert_eq!(
            world.get::<Transform>(camera).unwrap().translation,
            Vec3::ZERO
        );
        assert!(
            world.resource::<BoardFit>().0.is_none(),
            "the next game is fitted afresh"
        );
    }
}
