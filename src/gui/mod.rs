//! The desktop window (feature `gui`): the board from the content, the dashboard and the
//! log. It only reads the game and sends it commands; the rules never know it exists.
//!
//! Keys: Space or Enter plays the next step (bots decide for every seat), A toggles
//! autoplay, Esc quits. `--autoplay --screenshot-dir DIR` plays a whole game, saving a
//! screenshot at each phase of the first round and at the debrief, then exits.

mod board;
mod controls;
mod mesh;

use std::path::PathBuf;
use std::sync::Arc;

use bevy::camera::ScalingMode;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Capturing, Screenshot, save_to_disk};
use bevy::settings::{ReflectSettingsGroup, SettingsGroup, SettingsPlugin};
use bevy::winit::WinitSettings;

use crate::content::{Content, RegionId, RegionKind, SeatId, TokenKind};
use crate::game::{LogEntry, Phase};
use crate::rules::Game;

/// How the window was asked to start.
#[derive(Debug, Clone)]
pub struct Launch {
    pub level: PathBuf,
    pub seed: Option<u64>,
    pub autoplay: bool,
    pub screenshot_dir: Option<PathBuf>,
    /// States played by people (state ids); others are bots. Empty: ask on screen.
    pub humans: Vec<String>,
    /// A saved game to resume instead of a new one.
    pub load: Option<PathBuf>,
}

/// The game on screen.
#[derive(Resource)]
struct Session {
    game: Game,
    /// Bumped whenever the game changes, so views redraw only then.
    version: u64,
    autoplay: bool,
    /// The level file, as saves name it.
    level_path: String,
    /// The last round autosaved.
    saved_round: u32,
}

/// Where screenshots go, and which have been taken.
#[derive(Resource, Default)]
struct Shots {
    dir: Option<PathBuf>,
    taken: Vec<String>,
    /// Frames to wait before exiting once the last screenshot is requested.
    exit_in: Option<u32>,
}

#[derive(Component)]
struct TokenDot;

#[derive(Component)]
struct Dashboard;

#[derive(Component)]
struct LogPanel;

/// The interface font: DejaVu Sans Mono (Latin, Cyrillic, dashes), built into the binary
/// so the window needs no asset folder.
const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansMono.ttf");

/// The font handle every text uses.
#[derive(Resource, Clone)]
struct UiFont(Handle<Font>);

impl UiFont {
    fn at(&self, px: f32) -> TextFont {
        TextFont {
            font: FontSource::Handle(self.0.clone()),
            font_size: FontSize::Px(px),
            ..default()
        }
    }
}

/// Frames to let the window settle before the first screenshot.
const WARM_UP_FRAMES: u32 = 20;

const BG: Color = Color::srgb(0.07, 0.09, 0.12);
const TEXT: Color = Color::srgb(0.93, 0.93, 0.9);

/// The levels offered for a new game: `levels/*.ron` under the current folder, by name.
fn level_list() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir("levels") else {
        return out;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.extension().is_some_and(|e| e == "ron")
            && let Ok(text) = crate::content::read_text(&p)
            && let Ok(level) = ron::from_str::<crate::content::raw::RawLevel>(&text)
        {
            out.push((p, crate::text::pick(&level.name, "en").to_string()));
        }
    }
    out
}

/// A new game of a level, with a fresh seed (shown on screen, so a class can share it).
fn new_session(path: &std::path::Path) -> Result<(Game, String), String> {
    let loaded = crate::content::load_level_file(path, None).map_err(|d| {
        d.list.first().map_or_else(
            || "the level does not load".to_string(),
            ToString::to_string,
        )
    })?;
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(2021, |d| d.as_secs() % 100_000);
    Ok((
        Game::new_stepped(Arc::new(loaded.content), seed),
        path.display().to_string(),
    ))
}

/// A saved game, replayed, with its level path and seats.
fn load_session(
    path: &std::path::Path,
) -> Result<(Game, String, Vec<crate::session::Controller>), String> {
    let shown = path.display().to_string();
    let save = crate::session::read_save(path).map_err(|e| e.render(&shown))?;
    let loaded =
        crate::session::load_save_level(&save, path, None).map_err(|e| e.render(&shown))?;
    let mut game =
        crate::session::replay(&save, Arc::new(loaded.content)).map_err(|e| e.render(&shown))?;
    game.auto_advance = false;
    Ok((game, save.level.clone(), save.seats))
}

/// When the window was asked for, to report the time to the first frame.
#[derive(Resource)]
struct Started(std::time::Instant);

/// Log how long the first frame took (once).
fn report_first_frame(started: Res<Started>, mut done: Local<bool>) {
    if !*done {
        *done = true;
        info!("first frame after {} ms", started.0.elapsed().as_millis());
    }
}

/// Open the window; returns the exit code.
pub fn run(launch: Launch) -> i32 {
    let started = Started(std::time::Instant::now());
    // A saved game names its level and seed; a new game takes them from the command line.
    let save = match &launch.load {
        Some(path) => match crate::session::read_save(path) {
            Ok(save) => Some((path.clone(), save)),
            Err(e) => {
                eprintln!("{}", e.render(&path.display().to_string()));
                return crate::cli::EXIT_INVALID;
            }
        },
        None => None,
    };
    let loaded = match &save {
        Some((path, save)) => crate::session::load_save_level(save, path, None).map_err(|e| {
            eprintln!("{}", e.render(&path.display().to_string()));
        }),
        None => crate::content::load_level_file(&launch.level, None).map_err(|d| {
            for e in &d.list {
                eprintln!("{e}");
            }
        }),
    };
    let Ok(loaded) = loaded else {
        return crate::cli::EXIT_INVALID;
    };
    let content = Arc::new(loaded.content);
    let level_path = match &save {
        Some((_, s)) => s.level.clone(),
        None => launch.level.display().to_string(),
    };
    let mut game = match &save {
        Some((path, s)) => match crate::session::replay(s, content.clone()) {
            Ok(g) => g,
            Err(e) => {
                eprintln!("{}", e.render(&path.display().to_string()));
                return crate::cli::EXIT_INVALID;
            }
        },
        None => Game::new_stepped(content.clone(), launch.seed.unwrap_or(2021)),
    };
    game.auto_advance = false;
    let autoplay = launch.autoplay;
    let mut table = controls::Table::default();
    if autoplay {
        table.started = true;
    } else if let Some((_, save)) = &save {
        table.humans = save
            .seats
            .iter()
            .map(|c| *c == crate::session::Controller::Human)
            .collect();
        table.started = true;
    } else if launch.humans.is_empty()
        && let Some(p) = content.player
    {
        // A tutorial names the state its player takes.
        table.humans = (0..content.seats()).map(|i| i == p.index()).collect();
        table.started = true;
    } else if !launch.humans.is_empty() {
        let mut humans = vec![false; content.seats()];
        for h in &launch.humans {
            match content.seat(h) {
                Some(s) => humans[s.index()] = true,
                None => {
                    eprintln!(
                        "--human {h}: unknown state; expected one of: {}",
                        content
                            .states
                            .iter()
                            .map(|s| s.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                    return crate::cli::EXIT_INVALID;
                }
            }
        }
        table.humans = humans;
        table.started = true;
    }
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: format!(
                "Amu Darya — {}",
                crate::text::pick(&content.level_name, "en")
            ),
            resolution: (1366, 768).into(),
            ..default()
        }),
        ..default()
    }))
    .add_plugins(SettingsPlugin::new("org.amu-darya.game"))
    .insert_resource(started)
    .add_systems(Last, report_first_frame)
    .insert_resource(ClearColor(BG))
    .insert_resource(if autoplay {
        WinitSettings::game()
    } else {
        WinitSettings::desktop_app()
    })
    .insert_resource(Session {
        game,
        version: 1,
        autoplay,
        level_path,
        saved_round: 0,
    })
    .insert_resource(Shots {
        dir: launch.screenshot_dir.clone(),
        ..default()
    })
    .insert_resource(table)
    .add_plugins((
        MeshPickingPlugin,
        bevy::camera_controller::pan_camera::PanCameraPlugin,
    ))
    .init_resource::<board::Hovered>()
    .init_resource::<LogFilter>()
    .add_systems(
        Startup,
        (
            load_font,
            (
                setup_board,
                setup_panels,
                board::spawn_tooltip,
                board::spawn_debrief,
            ),
        )
            .chain(),
    )
    .add_systems(
        Update,
        (
            keys,
            controls::press_buttons,
            controls::hover_buttons,
            controls::show_detail,
            controls::drive_game,
            draw_borders,
            update_tokens,
            update_panels,
            controls::rebuild_controls,
            fold_log,
            apply_settings,
            board::highlight,
            light_quadrant,
            board::update_debrief,
            board::update_tooltip,
            autosave,
            screenshots,
        )
            .chain(),
    );
    if let Some(dir) = &launch.screenshot_dir
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!(
            "{}: cannot create the screenshot folder: {e}",
            dir.display()
        );
        return crate::cli::EXIT_INVALID;
    }
    match app.run() {
        AppExit::Success => 0,
        AppExit::Error(code) => i32::from(code.get()),
    }
}

/// What the player chose for the display, kept between runs (Bevy's settings
/// persistence: a TOML file in the user's config folder, or the browser's storage).
#[derive(Resource, SettingsGroup, Reflect, Clone, PartialEq, Debug)]
#[reflect(Resource, SettingsGroup, Default)]
#[settings_group(group = "display")]
pub(super) struct DisplaySettings {
    /// Interface size, as a factor (projectors want it bigger).
    pub ui_scale: f32,
    /// Colours told apart with any colour vision (Okabe–Ito).
    pub colour_blind: bool,
    pub fullscreen: bool,
}

impl Default for DisplaySettings {
    fn default() -> Self {
        DisplaySettings {
            ui_scale: 1.0,
            colour_blind: false,
            fullscreen: false,
        }
    }
}

/// Interface sizes offered, in turn.
const UI_SCALES: [f32; 4] = [0.85, 1.0, 1.25, 1.5];

/// Apply the display settings when they change.
fn apply_settings(
    settings: Res<DisplaySettings>,
    mut scale: ResMut<UiScale>,
    mut windows: Query<&mut Window>,
    mut regions: Query<&mut board::RegionMesh>,
    mut session: ResMut<Session>,
    mut hovered: ResMut<board::Hovered>,
) {
    if !settings.is_changed() {
        return;
    }
    scale.0 = settings.ui_scale.clamp(0.5, 3.0);
    let mode = if settings.fullscreen {
        bevy::window::WindowMode::BorderlessFullscreen(bevy::window::MonitorSelection::Current)
    } else {
        bevy::window::WindowMode::Windowed
    };
    for mut w in &mut windows {
        if w.mode != mode {
            w.mode = mode;
        }
    }
    let content = session.game.content().clone();
    for mut m in &mut regions {
        m.color = region_color(&content, m.region.index(), settings.colour_blind);
    }
    // Redraw tokens and the highlight with the new palette.
    hovered.set_changed();
    session.version += 1;
}

fn region_color(content: &Content, r: usize, colour_blind: bool) -> Color {
    match content.regions[r].kind {
        RegionKind::Afghan if colour_blind => Color::srgb(0.80, 0.78, 0.70),
        RegionKind::Afghan => Color::srgb(0.72, 0.62, 0.42),
        RegionKind::State => {
            let palette = if colour_blind {
                // Okabe–Ito: orange, sky blue, bluish green, yellow, blue.
                [
                    Color::srgb(0.90, 0.62, 0.0),
                    Color::srgb(0.34, 0.71, 0.91),
                    Color::srgb(0.0, 0.62, 0.45),
                    Color::srgb(0.94, 0.89, 0.26),
                    Color::srgb(0.0, 0.45, 0.70),
                ]
            } else {
                [
                    Color::srgb(0.30, 0.55, 0.75),
                    Color::srgb(0.35, 0.65, 0.45),
                    Color::srgb(0.60, 0.45, 0.70),
                    Color::srgb(0.80, 0.55, 0.30),
                    Color::srgb(0.40, 0.62, 0.62),
                ]
            };
            let seat = content
                .states
                .iter()
                .position(|s| s.region.index() == r)
                .unwrap_or(0);
            palette[seat % palette.len()]
        }
        RegionKind::Neighbour => Color::srgb(0.28, 0.30, 0.33),
    }
}

fn load_font(mut commands: Commands, mut fonts: ResMut<Assets<Font>>) {
    let handle = fonts.add(Font::from_bytes(FONT.to_vec()));
    commands.insert_resource(UiFont(handle));
}

fn setup_board(
    mut commands: Commands,
    session: Res<Session>,
    font: Res<UiFont>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let content = session.game.content().clone();
    // Frame the Afghan regions and the five states.
    let mut min = Vec2::splat(f32::MAX);
    let mut max = Vec2::splat(f32::MIN);
    for r in content
        .regions
        .iter()
        .filter(|r| r.kind != RegionKind::Neighbour)
    {
        for &(x, y) in r.polygons.iter().flatten() {
            min = min.min(Vec2::new(x, y));
            max = max.max(Vec2::new(x, y));
        }
    }
    if min.x > max.x {
        min = Vec2::splat(-1000.0);
        max = Vec2::splat(1000.0);
    }
    let size = max - min;
    // The board takes the left 62% of the window; shift the camera so it sits there.
    let centre = (min + max) / 2.0 + Vec2::new(size.x * 0.3, 0.0);
    commands.spawn((
        Camera2d,
        Projection::Orthographic(OrthographicProjection {
            scaling_mode: ScalingMode::AutoMin {
                min_width: size.x * 1.65,
                min_height: size.y * 1.08,
            },
            ..OrthographicProjection::default_2d()
        }),
        Transform::from_xyz(centre.x, centre.y, 0.0),
        board::pan_camera(),
    ));
    for (i, region) in content.regions.iter().enumerate() {
        let material = materials.add(ColorMaterial::from(region_color(&content, i, false)));
        for poly in &region.polygons {
            if let Some(m) = mesh::polygon(poly) {
                commands
                    .spawn((
                        Mesh2d(meshes.add(m)),
                        MeshMaterial2d(material.clone()),
                        board::RegionMesh {
                            region: RegionId(i as u16),
                            color: region_color(&content, i, false),
                        },
                    ))
                    .observe(board::on_over)
                    .observe(board::on_out);
            }
        }
        if region.kind != RegionKind::Neighbour || region.polygons.iter().flatten().count() > 0 {
            let (x, y) = region.centroid;
            commands.spawn((
                Text2d::new(crate::text::pick(&region.name, "en")),
                font.at(15.0),
                TextColor(TEXT),
                Transform::from_xyz(x, y + 40.0, 5.0).with_scale(Vec3::splat(2.2)),
            ));
        }
    }
}

fn setup_panels(mut commands: Commands, font: Res<UiFont>) {
    commands
        .spawn(Node {
            position_type: PositionType::Absolute,
            right: Val::Px(0.0),
            top: Val::Px(0.0),
            width: Val::Percent(38.0),
            height: Val::Percent(100.0),
            flex_direction: FlexDirection::Column,
            padding: UiRect::all(Val::Px(12.0)),
            row_gap: Val::Px(10.0),
            ..default()
        })
        .insert(BackgroundColor(Color::srgba(0.04, 0.05, 0.07, 0.92)))
        .with_children(|p| {
            // Kazantsev's four scenarios as a 2×2 chart, the current one lit.
            p.spawn(Node {
                display: Display::Grid,
                grid_template_columns: RepeatedGridTrack::flex(2, 1.0),
                column_gap: Val::Px(4.0),
                row_gap: Val::Px(4.0),
                ..default()
            })
            .with_children(|g| {
                for q in crate::content::Quadrant::ALL {
                    g.spawn((
                        QuadrantCell(q),
                        Node {
                            padding: UiRect::axes(Val::Px(6.0), Val::Px(2.0)),
                            ..default()
                        },
                        BackgroundColor(QUADRANT_OFF),
                        children![(
                            Text::new(crate::text::en(&format!("quadrant.{}", q.key()))),
                            font.at(12.0),
                            TextColor(TEXT),
                        )],
                    ));
                }
            });
            p.spawn((Dashboard, Text::new(""), font.at(14.0), TextColor(TEXT)));
            p.spawn((
                controls::ControlPanel,
                Node {
                    flex_direction: FlexDirection::Column,
                    ..default()
                },
            ));
            p.spawn((
                LogPanel,
                Text::new(""),
                font.at(14.0),
                TextColor(Color::srgb(0.78, 0.8, 0.82)),
            ));
        });
}

fn keys(
    input: Res<ButtonInput<KeyCode>>,
    mut session: ResMut<Session>,
    mut filter: ResMut<LogFilter>,
) {
    if input.just_pressed(KeyCode::PageUp) {
        let len = session.game.log().len();
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
    if input.just_pressed(KeyCode::KeyA) {
        session.autoplay = !session.autoplay;
        session.version += 1;
    }
}

fn draw_borders(session: Res<Session>, mut gizmos: Gizmos) {
    let game = &session.game;
    let content = game.content();
    let borders = &game.world.resource::<crate::game::BorderEntities>().0;
    for (i, b) in content.borders.iter().enumerate() {
        let porosity = game
            .world
            .get::<crate::game::Border>(borders[i])
            .map_or(0, |b| b.porosity);
        let t = porosity as f32 / content.max_porosity.max(1) as f32;
        let color = Color::srgb(0.2 + 0.8 * t, 0.85 - 0.6 * t, 0.3);
        if b.line.len() >= 2 {
            gizmos.linestrip_2d(b.line.iter().map(|&(x, y)| Vec2::new(x, y)), color);
        }
    }
}

fn update_tokens(
    mut commands: Commands,
    session: Res<Session>,
    settings: Res<DisplaySettings>,
    dots: Query<Entity, With<TokenDot>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut last: Local<u64>,
) {
    if *last == session.version {
        return;
    }
    *last = session.version;
    for e in &dots {
        commands.entity(e).despawn();
    }
    let game = &session.game;
    let content = game.content();
    let colors = if settings.colour_blind {
        // Okabe–Ito vermillion, reddish purple, black-outlined white.
        [
            Color::srgb(0.84, 0.37, 0.0),
            Color::srgb(0.8, 0.47, 0.65),
            Color::srgb(0.98, 0.98, 0.98),
        ]
    } else {
        [
            Color::srgb(0.85, 0.15, 0.15),
            Color::srgb(0.6, 0.2, 0.75),
            Color::srgb(0.95, 0.85, 0.3),
        ]
    };
    let circle = meshes.add(Circle::new(22.0));
    for r in 0..content.regions.len() {
        let (cx, cy) = content.regions[r].centroid;
        let mut n = 0;
        for k in 0..content.tokens.len() {
            let count = game.tokens(RegionId(r as u16), TokenKind(k as u8));
            let mat = materials.add(ColorMaterial::from(colors[k % colors.len()]));
            for _ in 0..count {
                let x = cx - 60.0 + (n % 6) as f32 * 24.0;
                let y = cy - 30.0 - (n / 6) as f32 * 24.0;
                commands.spawn((
                    TokenDot,
                    Mesh2d(circle.clone()),
                    MeshMaterial2d(mat.clone()),
                    Transform::from_xyz(x, y, 10.0),
                ));
                n += 1;
            }
        }
    }
}

/// Save at the start of every round (and when the window closes), so that closing the
/// window loses at most the round in play. Written atomically.
fn autosave(
    mut session: ResMut<Session>,
    table: Res<controls::Table>,
    mut exits: MessageReader<AppExit>,
) {
    let closing = exits.read().next().is_some();
    let round = session.game.clock().round;
    if !table.started || session.autoplay && !closing {
        return;
    }
    // Only at a decision point, where a replay stops too, so the save verifies.
    if !session.game.waiting() || (round == session.saved_round && !closing) {
        return;
    }
    session.saved_round = round;
    let seats = controls::seats_of(&table, session.game.content().seats());
    let save = crate::session::Save::of(&session.game, &session.level_path, seats);
    let path = crate::session::autosave_path();
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| crate::session::write_atomic(&path, &save.to_ron()));
    if let Err(e) = written {
        warn!("autosave to {} failed: {e}", path.display());
    }
}

/// The log makes room for the controls while a person is choosing.
fn fold_log(
    session: Res<Session>,
    table: Res<controls::Table>,
    mut log: Query<&mut Node, With<LogPanel>>,
) {
    let deciding = table.started
        && !session.autoplay
        && !table.hold
        && session.game.outcome().is_none()
        && match session.game.awaiting() {
            crate::rules::Awaiting::Choice(s) => {
                table.humans.get(s.index()).copied().unwrap_or(false)
            }
            crate::rules::Awaiting::Policy(seats) => seats
                .iter()
                .any(|s| table.humans.get(s.index()).copied().unwrap_or(false)),
            crate::rules::Awaiting::Over => false,
        };
    let want = if deciding {
        Display::None
    } else {
        Display::Flex
    };
    if let Ok(mut node) = log.single_mut()
        && node.display != want
    {
        node.display = want;
    }
}

/// One cell of the quadrant chart.
#[derive(Component)]
struct QuadrantCell(crate::content::Quadrant);

const QUADRANT_OFF: Color = Color::srgb(0.12, 0.14, 0.17);
const QUADRANT_ON: Color = Color::srgb(0.72, 0.5, 0.16);

/// Light the quadrant Afghanistan is in.
fn light_quadrant(session: Res<Session>, mut cells: Query<(&QuadrantCell, &mut BackgroundColor)>) {
    if !session.is_changed() {
        return;
    }
    let q = session.game.quadrant();
    for (cell, mut bg) in &mut cells {
        let want = if cell.0 == q {
            QUADRANT_ON
        } else {
            QUADRANT_OFF
        };
        if bg.0 != want {
            bg.0 = want;
        }
    }
}

/// Which state's lines the log shows (none: all), cycled with F; and how far back it is
/// scrolled (lines from the newest), with PageUp and PageDown.
#[derive(Resource, Default)]
struct LogFilter(Option<SeatId>, usize);

/// Lines of the log shown at once.
const LOG_LINES: usize = 14;

/// The seat a log line is about, if any.
fn entry_seat(e: &LogEntry) -> Option<SeatId> {
    use crate::game::LogWho;
    match e {
        LogEntry::ChoiceOffered { seat, .. }
        | LogEntry::ChoiceMade { seat, .. }
        | LogEntry::PostureSet { seat, .. }
        | LogEntry::Action { seat, .. }
        | LogEntry::ActionFizzled { seat, .. }
        | LogEntry::CardPlayed { seat, .. }
        | LogEntry::Joined { seat, .. }
        | LogEntry::Left { seat, .. }
        | LogEntry::Drew { seat, .. }
        | LogEntry::Bot { seat, .. } => Some(*seat),
        LogEntry::Track {
            who: LogWho::Seat(seat),
            ..
        } => Some(*seat),
        _ => None,
    }
}

fn update_panels(
    session: Res<Session>,
    filter: Res<LogFilter>,
    mut dash: Query<&mut Text, (With<Dashboard>, Without<LogPanel>)>,
    mut log: Query<&mut Text, (With<LogPanel>, Without<Dashboard>)>,
    mut last: Local<(u64, Option<SeatId>, usize)>,
) {
    if *last == (session.version, filter.0, filter.1) {
        return;
    }
    *last = (session.version, filter.0, filter.1);
    let game = &session.game;
    let content = game.content();
    let strings = crate::text::Strings::english();
    let clock = game.clock();
    let mut s = format!(
        "{} · {}\n{}\n",
        crate::text::pick(&content.level_name, "en"),
        strings.fmt("ui.seed", &[("seed", &game.seed().to_string())]),
        strings.fmt(
            "ui.round",
            &[
                ("round", &clock.round.to_string()),
                ("rounds", &content.rounds.to_string()),
                (
                    "era",
                    crate::text::pick(
                        &content.eras[content.era_at(clock.round).index()].name,
                        "en"
                    ),
                ),
                ("phase", strings.get(clock.phase.key())),
            ],
        ),
    );
    for id in [
        "taliban_strength",
        "taliban_course",
        "involvement",
        "stability",
        "rivalry",
        "opium",
    ] {
        if let (Some(t), Some(v)) = (content.track(id), game.shared(id)) {
            s.push_str(&format!(
                "{}: {v}   ",
                crate::text::pick(&content.tracks[t.index()].name, "en")
            ));
        }
    }
    s.push_str(&format!("\n\n{}\n", strings.get("ui.table")));
    for (i, st) in content.states.iter().enumerate() {
        let t = game.seat_tracks(SeatId(i as u8));
        let v = |id: &str| content.track(id).map_or(0, |x| t[x.index()]);
        let posture = &content.postures[game.posture(SeatId(i as u8)).index()].id;
        s.push_str(&format!(
            "{:<5} {:<5} {:>3} {:>3} {:>3} | {:>2} {:>2} {:>2}  | {:>2} {:>2} {:>2}\n",
            st.id,
            posture,
            v("security"),
            v("economy"),
            v("autonomy"),
            v("ties_russia"),
            v("ties_china"),
            v("ties_west"),
            v("dep_russia"),
            v("dep_china"),
            v("dep_west"),
        ));
    }
    if let Some(o) = game.outcome() {
        let line = if o.collapse {
            strings.get("ui.collapse").to_string()
        } else {
            let w = o.winner.map_or(strings.get("ui.tie").to_string(), |w| {
                crate::text::pick(&content.states[w as usize].name, "en").to_string()
            });
            strings.fmt(
                "ui.winner",
                &[("state", &w), ("scores", &format!("{:?}", o.scores))],
            )
        };
        s.push_str(&format!("\n{line}\n"));
    }
    let phase = match clock.phase {
        Phase::News => Some(crate::content::PhaseName::News),
        Phase::Policy => Some(crate::content::PhaseName::Policy),
        Phase::Resolution => Some(crate::content::PhaseName::Resolution),
        Phase::Afghanistan => Some(crate::content::PhaseName::Afghanistan),
        Phase::Review => Some(crate::content::PhaseName::Review),
        Phase::Over => None,
    };
    for (round, p, text) in &content.guide {
        if *round == clock.round && Some(*p) == phase {
            let guide = strings.fmt("ui.guide", &[("text", crate::text::pick(text, "en"))]);
            s.push_str(&format!("\n{guide}\n"));
        }
    }
    s.push_str(&format!("\n{}", strings.get("ui.keys")));
    if let Ok(mut text) = dash.single_mut() {
        text.0 = s;
    }
    let lines: Vec<String> = game
        .log()
        .iter()
        .rev()
        .filter(|(_, _, e)| !matches!(e, LogEntry::Track { .. }))
        .filter(|(_, _, e)| filter.0.is_none() || entry_seat(e) == filter.0)
        .skip(filter.1)
        .take(LOG_LINES)
        .map(|(r, p, e)| {
            format!(
                "R{r} {}: {}",
                strings.get(p.key()),
                crate::report::render_log(content, &strings, e)
            )
        })
        .collect();
    let shown = match filter.0 {
        Some(seat) => crate::text::pick(&content.states[seat.index()].name, "en").to_string(),
        None => strings.get("ui.log-all").to_string(),
    };
    if let Ok(mut text) = log.single_mut() {
        let back = if filter.1 > 0 {
            format!(
                " {}",
                strings.fmt("ui.log-back", &[("n", &filter.1.to_string())])
            )
        } else {
            String::new()
        };
        text.0 = format!(
            "{}{back}\n{}",
            strings.fmt("ui.log-filter", &[("who", &shown)]),
            lines.into_iter().rev().collect::<Vec<_>>().join("\n")
        );
    }
}

fn screenshots(
    mut commands: Commands,
    session: Res<Session>,
    mut shots: ResMut<Shots>,
    capturing: Query<(), With<Capturing>>,
    pending: Query<(), With<Screenshot>>,
    mut exit: MessageWriter<AppExit>,
    frames: Res<bevy::diagnostic::FrameCount>,
) {
    let Some(dir) = shots.dir.clone() else {
        return;
    };
    if frames.0 < WARM_UP_FRAMES || !pending.is_empty() {
        return;
    }
    if let Some(n) = shots.exit_in {
        if capturing.is_empty() {
            if n == 0 {
                exit.write(AppExit::Success);
            } else {
                shots.exit_in = Some(n - 1);
            }
        }
        return;
    }
    let clock = session.game.clock();
    let name = if session.game.outcome().is_some() {
        Some("debrief".to_string())
    } else if clock.phase_done && clock.round == 1 {
        Some(format!(
            "round1-{}",
            format!("{:?}", clock.phase).to_lowercase()
        ))
    } else {
        None
    };
    if let Some(name) = name
        && !shots.taken.contains(&name)
        && capturing.is_empty()
    {
        let path = dir.join(format!("{name}.png"));
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(path));
        if name == "debrief" {
            shots.exit_in = Some(30);
        }
        shots.taken.push(name);
    }
}
