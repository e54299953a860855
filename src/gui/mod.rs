//! The window (feature `gui`), on the desktop and in the browser: a title screen, a new
//! game (level, who plays each state, the seed), saved games, settings and help, then the
//! game itself: the board from the content, the dashboard, the controls and the log, and
//! the debrief. It draws the game from a [`View`](crate::rules::View) (the seat in play's,
//! or the public one) and changes it only by commands; the rules never know it exists.
//!
//! Each frame runs in the order of [`Frame`]: where input goes, the input itself, what it
//! asks for, the game moving on, drawing, then the finishing touches. Each file is a plugin
//! that puts its systems in those sets.
//!
//! Every control is a row with its keyboard shortcut written on it; Tab moves a focus
//! ring, Enter or Space presses, Esc goes back or opens the menu. `--autoplay
//! --screenshot-dir DIR` plays a whole game with bots, saving a screenshot at each phase
//! of the first round and at the debrief, then exits (the real-window test).

mod acts;
mod board;
mod chart;
mod controls;
mod debrief;
mod drive;
mod hud;
mod library;
mod memory;
mod mesh;
mod pages;
mod remote;
mod shots;
mod states;
mod store;
mod theme;
#[cfg(target_arch = "wasm32")]
mod web;
mod widgets;

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::settings::{ReflectSettingsGroup, SettingsGroup, SettingsPlugin};
use bevy::winit::WinitSettings;

use crate::ai::Strength;
use crate::content::SeatId;
use crate::rules::{Awaiting, Game, View, Viewer};

/// The window's frame, in order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Frame {
    /// Where input goes: the settings applied, which panels take keys, text being typed.
    Route,
    /// Keys and clicks become what was asked for ([`widgets::Chosen`]).
    Input,
    /// What was asked for is carried out (pages, games, commands).
    Act,
    /// The game moves on: phases, bots, autosaves; the view shown is rebuilt.
    Drive,
    /// Everything on screen is redrawn from the view, where it changed.
    Draw,
    /// Focus ring, details, scrollbars, screenshots.
    Finish,
}

/// Building the play screen, in order: the frame's layout, then what sits in it.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum BuildPlay {
    Layout,
    Fill,
}

/// How the window was asked to start.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// The level the new-game screen starts on (and plays, with `humans` or `autoplay`).
    pub level: PathBuf,
    /// Whether the level was named (then the new-game page opens on it at once).
    pub level_given: bool,
    pub seed: Option<u64>,
    /// Bots play every seat at once, and the game runs by itself.
    pub autoplay: bool,
    pub screenshot_dir: Option<PathBuf>,
    /// Close the window shortly after the game ends and its debrief is drawn.
    pub quit_when_over: bool,
    /// States played by people (state ids): the game starts at once with them.
    pub humans: Vec<String>,
    /// A saved game to resume at once.
    pub load: Option<PathBuf>,
    /// The window's size in logical pixels (default 1366×768).
    pub window_size: Option<(u32, u32)>,
    /// The strength of the bots a launch seats (`--bots`; the seat chooser sets each).
    pub bots: Strength,
    /// Join a classroom host: its address (`host:port`, `http://…` or `ws://…/ws`), the
    /// table's join code and the state (none: the projector's public view).
    pub join: Option<(String, String, Option<String>)>,
    /// Time this many strong-bot decisions at the window's budget once the content is in,
    /// and log the figures (the browser's `?bench-bot=N`, for its end-to-end test).
    pub bench_bot: Option<u32>,
}

/// What the window shows.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(super) enum Screen {
    /// Fetching the content (the browser build; the desktop reads it at once).
    #[default]
    Loading,
    /// Pages only: the title screen and what it opens.
    Menu,
    /// A game on the board (pages may lie over it).
    Play,
}

/// Who plays a seat in the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Seat {
    Human,
    Bot(Strength),
}

impl Seat {
    pub fn is_human(self) -> bool {
        self == Seat::Human
    }
}

/// The game on screen, with who plays it and where it is held for people to read.
#[derive(Resource)]
pub(super) struct Session {
    pub game: Game,
    /// Bumped whenever the game or the table changes, so views redraw only then.
    pub version: u64,
    /// The level file, as saves name it.
    pub level_path: String,
    pub seats: Vec<Seat>,
    /// Bots play every seat for now (A), and the game never holds.
    pub autoplay: bool,
    /// Held where people should read before the game moves on.
    pub hold: Option<Hold>,
    /// A hot-seat hand-over waiting for the next player to press Enter.
    pub pass_to: Option<SeatId>,
    /// The human seat that last saw its controls.
    pub last_human: Option<SeatId>,
    /// The last round autosaved.
    pub saved_round: u32,
    /// A strong bot's search in progress, run a few milliseconds a frame.
    pub thinking: Option<Thinking>,
    /// A class game: the host plays it, and the window shows the host's view of its seat.
    pub remote: Option<remote::RemoteView>,
    /// The journal line being written for the orders on screen (kept with the confirm).
    pub journal: String,
    /// The journal line is being typed: keys go to it.
    pub journal_typing: bool,
    /// Projector mode (from the display settings): a seat's own view only while it has a
    /// decision to make.
    pub projector: bool,
}

/// A strong bot thinking about one decision.
pub(super) struct Thinking {
    pub seat: SeatId,
    /// Which decision: the game's change count and the orders the seat has given.
    pub at: (u64, usize),
    pub search: crate::ai::Search,
}

/// Seconds since 1970, from the system clock (the browser's on the web).
fn now_unix() -> u64 {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    }
    #[cfg(target_arch = "wasm32")]
    {
        (js_sys::Date::now() / 1000.0) as u64
    }
}

/// What the game holds for people to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hold {
    /// The round's news (also when a game is resumed, so its round's news are seen).
    News,
    /// The end of a round.
    RoundEnd,
}

/// Sessions started so far: each session's versions start past every earlier one's, so a
/// view drawn for one game is never taken for another's.
static SESSIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Session {
    pub fn new(game: Game, level_path: String, seats: Vec<Seat>, autoplay: bool) -> Session {
        let n = SESSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Session {
            saved_round: game.clock().round,
            game,
            version: n << 32,
            level_path,
            seats,
            autoplay,
            hold: None,
            pass_to: None,
            last_human: None,
            thinking: None,
            remote: None,
            journal: String::new(),
            journal_typing: false,
            projector: false,
        }
    }

    /// Which session this is (the same for all its versions).
    pub fn generation(&self) -> u64 {
        self.version >> 32
    }

    pub fn is_human(&self, s: SeatId) -> bool {
        self.seats.get(s.index()).is_some_and(|x| x.is_human())
    }

    pub fn any_human(&self) -> bool {
        self.seats.iter().any(|s| s.is_human())
    }

    /// Who plays each seat, as saves record it (with the bots' strengths beside).
    pub fn controllers(&self) -> (Vec<crate::session::Controller>, Vec<Strength>) {
        self.seats
            .iter()
            .map(|s| match s {
                Seat::Human => (crate::session::Controller::Human, Strength::Normal),
                Seat::Bot(b) => (crate::session::Controller::Bot, *b),
            })
            .unzip()
    }

    /// Whose view the window shows: the one person at the table; in hot-seat, the person
    /// deciding now (the public view while the device is handed over or others decide);
    /// the public view when bots play every seat.
    pub fn viewer(&self) -> Viewer {
        if let Some(r) = &self.remote {
            return r.seat.map_or(Viewer::Public, Viewer::Seat);
        }
        let humans: Vec<SeatId> = (0..self.seats.len())
            .map(|i| SeatId(i as u8))
            .filter(|s| self.is_human(*s))
            .collect();
        if self.autoplay || humans.is_empty() {
            return Viewer::Public;
        }
        if self.projector {
            // On the wall, a seat's own view only while that seat has a decision to make.
            return match self.game.awaiting() {
                Awaiting::Choice(s) if self.is_human(s) && self.pass_to.is_none() => {
                    Viewer::Seat(s)
                }
                Awaiting::Policy(seats) if self.pass_to.is_none() => seats
                    .iter()
                    .find(|s| self.is_human(**s))
                    .filter(|s| humans.len() == 1 || self.last_human == Some(**s))
                    .map_or(Viewer::Public, |s| Viewer::Seat(*s)),
                _ => Viewer::Public,
            };
        }
        if let [one] = humans[..] {
            return Viewer::Seat(one);
        }
        if self.pass_to.is_some() {
            return Viewer::Public;
        }
        match self.game.awaiting() {
            Awaiting::Choice(s) if self.is_human(s) => Viewer::Seat(s),
            Awaiting::Policy(seats) => seats
                .iter()
                .find(|s| self.is_human(**s))
                .filter(|s| self.last_human == Some(**s))
                .map_or(Viewer::Public, |s| Viewer::Seat(*s)),
            _ => Viewer::Public,
        }
    }

    /// A save of the game as it stands, with the time it is made.
    pub fn save(&self) -> crate::session::Save {
        let (seats, bots) = self.controllers();
        let mut save = crate::session::Save::of(&self.game, &self.level_path, seats);
        save.bots = bots;
        save.saved_at = now_unix();
        save
    }
}

/// What the player chose for the display, kept between runs (Bevy's settings
/// persistence: a TOML file in the user's config folder, or the browser's storage).
#[derive(Resource, SettingsGroup, Reflect, Clone, PartialEq, Debug)]
#[reflect(Resource, SettingsGroup, Default)]
#[settings_group(group = "display")]
pub(super) struct DisplaySettings {
    /// Interface size, as a factor of the size that fits a 1366×768 screen (projectors
    /// want it bigger).
    pub ui_scale: f32,
    /// Colours told apart with any colour vision (Okabe–Ito).
    pub colour_blind: bool,
    pub fullscreen: bool,
    /// Language of the interface and, where the content has it, of the cards: `en`, `ru`.
    pub lang: String,
    /// Cards' notes give their fuller accounts of violence (off: the terse notes only).
    pub detailed: bool,
    /// Projector mode: larger type, and the public view whenever no person has a
    /// decision to make (no seat's hand or orders on the wall between decisions).
    pub projector: bool,
    /// No movement on the board (tokens appear without growing in).
    pub reduced_motion: bool,
}

impl Default for DisplaySettings {
    fn default() -> Self {
        DisplaySettings {
            ui_scale: 1.0,
            colour_blind: false,
            fullscreen: false,
            lang: "en".into(),
            detailed: false,
            projector: false,
            reduced_motion: false,
        }
    }
}

impl DisplaySettings {
    /// The interface size in force: the chosen one, a third larger again in projector
    /// mode.
    pub fn scale(&self) -> f32 {
        self.ui_scale.clamp(0.5, 3.0) * if self.projector { PROJECTOR_SCALE } else { 1.0 }
    }
}

/// The interface's scale in a window `height` logical pixels high: the chosen size, fitted
/// to the window's height; projector mode sets everything a third larger again, to read
/// from the back of a room, and never lets the smallest text under 18 px (a 1280×720
/// projector would otherwise fit it to 17).
pub(super) fn ui_scale_for(settings: &DisplaySettings, height: f32) -> f32 {
    let fit = (height / DESIGN_HEIGHT).clamp(0.6, 3.0);
    let mut want = settings.scale() * fit;
    if settings.projector {
        want = want.max(PROJECTOR_MIN_PX / theme::SMALL);
    }
    (want * 100.0).ceil() / 100.0
}

/// The smallest text projector mode allows, in pixels.
pub(super) const PROJECTOR_MIN_PX: f32 = 18.0;

/// How much larger projector mode sets everything.
pub(super) const PROJECTOR_SCALE: f32 = 1.3;

/// Interface sizes offered, in turn.
pub(super) const UI_SCALES: [f32; 5] = [0.85, 1.0, 1.15, 1.3, 1.5];

/// Languages offered, in turn.
pub(super) const LANGUAGES: [&str; 2] = ["en", "ru"];

/// The interface's language: its strings and the code used to pick content text.
#[derive(Resource, Clone)]
pub(super) struct Tr {
    pub s: crate::text::Strings,
    /// Cards' notes with their fuller accounts of violence (the content-sensitivity
    /// setting).
    pub detailed: bool,
}

impl Tr {
    pub fn new(lang: &str) -> Tr {
        let s = crate::text::Strings::built_in(lang);
        Tr { s, detailed: false }
    }

    /// A card's note as the reader chose to read it (see [`crate::text::card_note`]).
    pub fn note(&self, card: &crate::content::CardDef) -> String {
        crate::text::card_note(card, &self.s.lang, self.detailed)
    }

    /// The string for `key`.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.s.get(key)
    }

    /// The string for `key`, placeholders filled.
    pub fn fmt(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.s.fmt(key, args)
    }

    /// Content text in this language, else English.
    pub fn pick(&self, t: &crate::content::Text) -> String {
        crate::text::pick(t, &self.s.lang).to_string()
    }
}

/// The view of the game on screen, rebuilt when the game or who sees it changes.
#[derive(Resource)]
pub(super) struct Shown {
    pub view: View,
    /// The session's version it was built at.
    pub version: u64,
}

impl Shown {
    pub fn of(session: &Session) -> Shown {
        // A class game shows the host's view (the local game only lends the content).
        let remote = session.remote.as_ref().and_then(|r| r.view.clone());
        Shown {
            view: remote.unwrap_or_else(|| session.game.view(session.viewer())),
            version: session.version,
        }
    }
}

/// What a system drawing the game reads: the session (who plays, the content) and the
/// view on screen.
#[derive(bevy::ecs::system::SystemParam)]
pub(in crate::gui) struct OnScreen<'w> {
    pub(in crate::gui) session: Res<'w, Session>,
    pub(in crate::gui) shown: Res<'w, Shown>,
    /// The pages, and the notice of what the last press did.
    pub(in crate::gui) pages: Res<'w, pages::Pages>,
}

/// Bumped whenever anything a page shows may have changed.
#[derive(Resource, Default)]
pub(super) struct Redraw(pub u64);

/// The size the layout is designed for; larger windows scale the interface up.
const DESIGN_HEIGHT: f32 = 768.0;

/// Apply the display settings when they change: interface size (scaled with the window's
/// height, so the layout fits any screen the same way), full screen, language.
fn apply_settings(
    settings: Res<DisplaySettings>,
    mut scale: ResMut<UiScale>,
    #[cfg_attr(
        target_arch = "wasm32",
        expect(unused_mut, reason = "in the browser, full screen is the browser's")
    )]
    mut windows: Query<&mut Window>,
    mut tr: ResMut<Tr>,
    mut redraw: ResMut<Redraw>,
    mut last: Local<Option<(f32, f32)>>,
) {
    let Ok(height) = windows.single().map(|w| w.resolution.height()) else {
        return;
    };
    let want = ui_scale_for(&settings, height);
    if *last != Some((want, height)) || settings.is_changed() {
        *last = Some((want, height));
        if (scale.0 - want).abs() > 0.001 {
            scale.0 = want;
        }
        redraw.0 += 1;
    }
    if !settings.is_changed() {
        return;
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
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
    }
    if tr.s.lang != settings.lang {
        *tr = Tr::new(&settings.lang);
    }
    if tr.detailed != settings.detailed {
        tr.detailed = settings.detailed;
    }
}

/// The session follows the projector setting (its view changes with it).
fn sync_projector(settings: Res<DisplaySettings>, session: Option<ResMut<Session>>) {
    if let Some(mut s) = session
        && s.projector != settings.projector
    {
        s.projector = settings.projector;
        s.version += 1;
    }
}

/// While anything on screen changes, ask for another frame: the window otherwise waits
/// for input (so an idle game costs nothing), and a view rebuilt this frame is laid out
/// and drawn over the next ones.
fn keep_drawing(
    change: ShownChange,
    frames: Res<bevy::diagnostic::FrameCount>,
    mut out: MessageWriter<bevy::window::RequestRedraw>,
    mut settle: Local<u32>,
) {
    if change.happened() {
        *settle = SETTLE_FRAMES;
    }
    // While content is fetched, nothing on screen changes but the loading line: keep
    // drawing, so the fetches are polled at once rather than on the next input.
    if *settle > 0 || frames.0 < SETTLE_FRAMES || *change.screen.get() == Screen::Loading {
        *settle = settle.saturating_sub(1);
        out.write(bevy::window::RequestRedraw);
    }
}

/// What tells the window that what it shows changed this frame: a redraw asked for,
/// another screen, or the session moved. Frames are drawn after it (`keep_drawing`), and
/// memory is given back after it (`memory`).
#[derive(bevy::ecs::system::SystemParam)]
pub(super) struct ShownChange<'w> {
    redraw: Res<'w, Redraw>,
    session: Option<Res<'w, Session>>,
    screen: Res<'w, State<Screen>>,
}

impl ShownChange<'_> {
    pub(super) fn happened(&self) -> bool {
        self.redraw.is_changed()
            || self.screen.is_changed()
            || self.session.as_ref().is_some_and(|s| s.is_changed())
    }
}

/// Frames drawn after a change, so layout and text settle on screen.
const SETTLE_FRAMES: u32 = 3;

/// The one camera: it draws the interface over the whole window, and the board framed in
/// the board's part of it (see `board::fit_board`).
fn spawn_camera(mut commands: Commands) {
    commands.spawn((board::BoardCamera, Camera2d, board::pan_camera()));
}

/// Build the window's app for a launch (without running it).
fn build_app(launch: Launch, library: Option<library::Library>) -> App {
    let mut app = App::new();
    let title = "Amu Darya".to_string();
    #[cfg(not(target_arch = "wasm32"))]
    let window = Window {
        title,
        resolution: launch.window_size.unwrap_or((1366, 768)).into(),
        ..default()
    };
    #[cfg(target_arch = "wasm32")]
    let window = Window {
        title,
        canvas: Some("#game".into()),
        fit_canvas_to_parent: true,
        prevent_default_event_handling: true,
        ..default()
    };
    let plugins = DefaultPlugins
        .set(WindowPlugin {
            primary_window: Some(window),
            ..default()
        })
        .set(render_plugin());
    #[cfg(target_arch = "wasm32")]
    let plugins = plugins.set(AssetPlugin {
        file_path: ".".into(),
        meta_check: bevy::asset::AssetMetaCheck::Never,
        ..default()
    });
    app.add_plugins(plugins)
        .add_plugins(SettingsPlugin::new("org.amu-darya.game"))
        .add_plugins((
            MeshPickingPlugin,
            bevy::camera_controller::pan_camera::PanCameraPlugin,
        ))
        .init_state::<Screen>()
        .insert_resource(ClearColor(theme::BG))
        .insert_resource(WinitSettings::desktop_app())
        .insert_resource(Tr::new("en"))
        .init_resource::<Redraw>()
        .insert_resource(
            shots::Shots::new(launch.screenshot_dir.clone()).quit_when_over(launch.quit_when_over),
        )
        .insert_resource(acts::LaunchArgs(launch))
        .configure_sets(
            Update,
            (
                Frame::Route,
                Frame::Input,
                Frame::Act,
                Frame::Drive,
                Frame::Draw,
                Frame::Finish,
            )
                .chain(),
        )
        .configure_sets(
            OnEnter(Screen::Play),
            (BuildPlay::Layout, BuildPlay::Fill).chain(),
        )
        .add_systems(
            Startup,
            (theme::load_font, spawn_camera, pages::spawn_page_root).chain(),
        )
        .add_systems(
            Update,
            (apply_settings, sync_projector).in_set(Frame::Route),
        )
        .add_systems(Last, keep_drawing);
    if let Some(library) = library {
        app.insert_resource(library);
    }
    widgets::plugin(&mut app);
    pages::plugin(&mut app);
    acts::plugin(&mut app);
    app.init_resource::<remote::JoinForm>().add_systems(
        Update,
        (
            remote::type_join.in_set(Frame::Route),
            controls::type_journal.in_set(Frame::Route),
            remote::pump.in_set(Frame::Act).after(acts::perform),
        ),
    );
    board::plugin(&mut app);
    hud::plugin(&mut app);
    states::plugin(&mut app);
    controls::plugin(&mut app);
    drive::plugin(&mut app);
    debrief::plugin(&mut app);
    shots::plugin(&mut app);
    memory::plugin(&mut app);
    #[cfg(target_arch = "wasm32")]
    web::plugin(&mut app);
    app
}

/// Open the window; returns the exit code.
#[cfg(not(target_arch = "wasm32"))]
pub fn run(launch: Launch) -> i32 {
    shots::mark_start();
    memory::tune_allocator();
    // Problems with what the command line names are reported here, before any window.
    if let Err(e) = acts::check_launch(&launch) {
        eprintln!("{e}");
        return crate::exit::INVALID;
    }
    if let Some(dir) = &launch.screenshot_dir
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!(
            "{}: cannot create the screenshot folder: {e}",
            dir.display()
        );
        return crate::exit::INVALID;
    }
    let library = library::Library::from_disk(Some(&launch.level));
    let mut app = build_app(launch, Some(library));
    match app.run() {
        AppExit::Success => 0,
        AppExit::Error(code) => i32::from(code.get()),
    }
}

/// Start the browser build: the launch comes from the page's address
/// (`?level=levels/classroom-45.ron&seed=7&autoplay=1&human=TJK`), the content is fetched
/// from the page's folder, then the title screen (or the game) opens.
#[cfg(target_arch = "wasm32")]
pub fn run_web() {
    shots::mark_start();
    let launch = web::launch_from_url();
    build_app(launch, None).run();
}

/// The renderer's settings: the GPU allocator asked for memory in small blocks (wgpu's
/// `MemoryHints::MemoryUsage`: 8–64 MB on the device, 4–32 MB in host memory) instead of
/// its default for speed (128–256 MB and 64–128 MB). A board game draws little; with the
/// default, one screenshot's read-back buffer alone took a fresh 128 MB block, and on
/// machines whose GPU shares the system's memory (and under a software renderer) that is
/// the player's RAM. `examples/bare_window.rs`, the floor the window is measured against,
/// uses the same setting.
fn render_plugin() -> bevy::render::RenderPlugin {
    use bevy::render::settings::{MemoryHints, RenderCreation, WgpuSettings};
    bevy::render::RenderPlugin {
        render_creation: RenderCreation::Automatic(Box::new(WgpuSettings {
            memory_hints: MemoryHints::MemoryUsage,
            ..default()
        })),
        ..default()
    }
}
