//! A bare Bevy window with the game's Bevy features and nothing of the game: the floor
//! the game is measured against (the browser build's size, the desktop's memory and
//! time to first frame). It draws a camera's clear colour and one line of text.
//!
//! `cargo run --release --example bare_window -- 300` exits after 300 frames;
//! `-- 600 DIR` also saves six screenshots of the window into DIR along the way, as the
//! game does in its screenshot mode (`scripts/measure-window.sh` measures both ways).

use bevy::prelude::*;
use bevy::render::settings::{MemoryHints, RenderCreation, WgpuSettings};

fn main() {
    let frames: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(u32::MAX);
    let shots: Option<std::path::PathBuf> = std::env::args().nth(2).map(Into::into);
    let window = Window {
        title: "bare Bevy window".into(),
        resolution: (1366, 768).into(),
        #[cfg(target_arch = "wasm32")]
        canvas: Some("#game".into()),
        #[cfg(target_arch = "wasm32")]
        fit_canvas_to_parent: true,
        ..default()
    };
    App::new()
        .add_plugins(
            DefaultPlugins
                .set(WindowPlugin {
                    primary_window: Some(window),
                    ..default()
                })
                // The game's renderer settings (GPU memory in small blocks), so the floor
                // differs from the game only by the game.
                .set(bevy::render::RenderPlugin {
                    render_creation: RenderCreation::Automatic(Box::new(WgpuSettings {
                        memory_hints: MemoryHints::MemoryUsage,
                        ..default()
                    })),
                    ..default()
                }),
        )
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
            commands.spawn(Text::new("bare Bevy window"));
        })
        .add_systems(
            Update,
            move |mut commands: Commands,
                  frame: Res<bevy::diagnostic::FrameCount>,
                  mut exit: MessageWriter<AppExit>| {
                if frame.0 >= frames {
                    exit.write(AppExit::Success);
                }
                // Six screenshots, at frames 100, 150, ... 350 (natively: the browser floor
                // stays bare).
                #[cfg(target_arch = "wasm32")]
                let _ = (&mut commands, &shots);
                #[cfg(not(target_arch = "wasm32"))]
                if let Some(dir) = &shots
                    && (100..=350).contains(&frame.0)
                    && frame.0.is_multiple_of(50)
                {
                    use bevy::render::view::screenshot::{Screenshot, save_to_disk};
                    commands
                        .spawn(Screenshot::primary_window())
                        .observe(save_to_disk(dir.join(format!("shot-{}.png", frame.0))));
                }
            },
        )
        .run();
}
