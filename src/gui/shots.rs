//! What the window reports about itself: the time to its first presented frame, the
//! state hash a finished game reached (the browser test compares it with the desktop's),
//! and, for the real-window test, a screenshot at each phase of the first round and at the
//! debrief, then the exit.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Capturing, Screenshot, save_to_disk};
use bevy::render::{Render, RenderApp, RenderSystems};

use super::{Frame, Screen, Session};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (report_game_over, screenshots, quit_when_over)
            .in_set(Frame::Finish)
            .run_if(in_state(Screen::Play)),
    );
    if let Some(render) = app.get_sub_app_mut(RenderApp) {
        render.add_systems(Render, report_first_frame.in_set(RenderSystems::Cleanup));
    }
}

/// When the program started, for the time to the first frame.
static STARTED: OnceLock<bevy::platform::time::Instant> = OnceLock::new();
static FIRST_FRAME: AtomicBool = AtomicBool::new(false);

/// Note when the program started (call first thing).
pub(super) fn mark_start() {
    let _ = STARTED.set(bevy::platform::time::Instant::now());
}

/// After the first frame is rendered and presented, log how long that took.
fn report_first_frame() {
    if !FIRST_FRAME.swap(true, Ordering::Relaxed)
        && let Some(t) = STARTED.get()
    {
        info!(
            "first frame presented {} ms after start",
            t.elapsed().as_millis()
        );
    }
}

/// Log each round's start, and the end of a game with its state hash (once per game).
fn report_game_over(session: Res<Session>, mut done: Local<bool>, mut round: Local<u32>) {
    if session.game.clock().phase != crate::game::Phase::Over {
        *done = false;
        let now = session.game.clock().round;
        if now != *round {
            *round = now;
            info!("round {now} begins");
        }
        return;
    }
    if *done {
        return;
    }
    *done = true;
    *round = 0;
    let rounds = session.game.history().len();
    info!(
        "game over: {} seed {} after {rounds} rounds, state hash {}",
        session.game.content().level_id,
        session.game.seed(),
        crate::hash::hex(session.game.state_hash())
    );
}

/// Frames to let the window settle before the first screenshot.
const WARM_UP_FRAMES: u32 = 20;
/// Frames to wait after the last screenshot before exiting.
const EXIT_FRAMES: u32 = 30;

/// Where screenshots go, and which have been taken.
#[derive(Resource, Default)]
pub(super) struct Shots {
    dir: Option<PathBuf>,
    taken: Vec<String>,
    /// A screenshot is on its way to disk.
    busy: bool,
    /// Frames left before exiting, once the last screenshot is taken.
    exit_in: Option<u32>,
    /// Close the window once the game is over (`--quit-when-over`).
    quit_when_over: bool,
}

impl Shots {
    pub fn new(dir: Option<PathBuf>) -> Self {
        Shots { dir, ..default() }
    }

    /// Also close the window shortly after the game ends (without screenshots too).
    pub fn quit_when_over(self, quit: bool) -> Self {
        Shots {
            quit_when_over: quit,
            ..self
        }
    }

    /// Whether the real-window test runs.
    pub fn active(&self) -> bool {
        self.dir.is_some()
    }

    /// Whether the game may move on this frame (in the test: not while a picture is
    /// taken, nor before the window has settled, nor after the last picture).
    pub fn may_step(&self, frame: u32) -> bool {
        !self.active() || (frame >= WARM_UP_FRAMES && !self.busy && self.exit_in.is_none())
    }
}

/// Run condition: the game may move on this frame (see [`Shots::may_step`]).
pub(super) fn game_may_move(shots: Res<Shots>, frames: Res<bevy::diagnostic::FrameCount>) -> bool {
    shots.may_step(frames.0)
}

/// The screenshot due now, if any: each phase of round 1 once it has run, and the debrief.
fn due(session: &Session) -> Option<String> {
    let clock = session.game.clock();
    if clock.phase == crate::game::Phase::Over {
        Some("debrief".to_string())
    } else if clock.phase_done && clock.round == 1 {
        Some(format!(
            "round1-{}",
            format!("{:?}", clock.phase).to_lowercase()
        ))
    } else {
        None
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
    shots.busy = !pending.is_empty() || !capturing.is_empty();
    if frames.0 < WARM_UP_FRAMES || shots.busy {
        return;
    }
    if let Some(n) = shots.exit_in {
        if n == 0 {
            exit.write(AppExit::Success);
        } else {
            shots.exit_in = Some(n - 1);
        }
        return;
    }
    if let Some(name) = due(&session)
        && !shots.taken.contains(&name)
    {
        let path = dir.join(format!("{name}.png"));
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(path));
        if name == "debrief" {
            shots.exit_in = Some(EXIT_FRAMES);
        }
        shots.taken.push(name);
        shots.busy = true;
    }
}

/// How long the debrief stays up before `--quit-when-over` closes the window.
const QUIT_AFTER_S: f64 = 2.0;

/// With `--quit-when-over`: close the window two seconds after the game ends (the debrief
/// drawn, its memory given back), drawing meanwhile so the time passes without input.
fn quit_when_over(
    session: Res<Session>,
    shots: Res<Shots>,
    time: Res<Time<Real>>,
    mut over_at: Local<Option<f64>>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
    mut exit: MessageWriter<AppExit>,
) {
    if !shots.quit_when_over || session.game.clock().phase != crate::game::Phase::Over {
        *over_at = None;
        return;
    }
    let now = time.elapsed_secs_f64();
    let at = *over_at.get_or_insert(now);
    if now - at >= QUIT_AFTER_S {
        info!("the game is over: closing the window (--quit-when-over)");
        exit.write(AppExit::Success);
    } else {
        redraw.write(bevy::window::RequestRedraw);
    }
}
