//! Giving freed memory back to the system (Linux with glibc; elsewhere nothing happens).
//!
//! The window rebuilds whole panels when the game moves on: the states' panel, the cards,
//! the board's labels, and at the end the debrief. Each rebuild frees what the last one
//! allocated, but glibc's allocator keeps freed memory for reuse by default, and raises the
//! size above which it maps blocks of their own as large blocks are freed; after a game the
//! window held some 15 MB more than it used (measured with `scripts/measure-window.sh`, see
//! the README). So at start the window fixes both thresholds, and a few frames after each
//! rebuild it asks glibc to return the free pages in the middle of its heaps.

use bevy::prelude::*;

/// Blocks of this size or more get a mapping of their own, unmapped when freed; and the
/// heap's free top is returned once it is this large. glibc's default for both starts at
/// 128 KiB and grows as large blocks are freed (up to 32 MiB for mappings): fixing them
/// keeps the freed buffers of a rebuild from staying with the process.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const THRESHOLD: libc::c_int = 64 * 1024;

/// Set the allocator's thresholds; call once, first thing.
pub(super) fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets allocator parameters; these two are documented for
    // glibc, take any positive value, and may be set at any time.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, THRESHOLD);
        libc::mallopt(libc::M_TRIM_THRESHOLD, THRESHOLD);
    }
}

/// Return free memory to the system.
fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` walks the allocator's own heaps under its locks and releases
    // whole free pages; it is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Frames to wait after a change before giving memory back: the rebuild, its layout and
/// its text settle over the next frames (fewer than the frames `keep_drawing` asks for
/// after a change, so that it happens before the window goes idle).
const AFTER_FRAMES: u32 = 2;

/// The least time between two givings back, while the game moves every frame (autoplay,
/// animations): `malloc_trim` walks every heap.
const AT_MOST_EVERY_S: f64 = 1.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Last, give_back_after_rebuilds);
}

/// A few frames after the shown game, the screen or the drawing changed, give memory back:
/// once per change, or once a second while changes keep coming.
fn give_back_after_rebuilds(
    change: super::ShownChange,
    time: Res<Time<Real>>,
    atlases: Option<Res<bevy::text::FontAtlasSet>>,
    images: Res<Assets<Image>>,
    // Frames still to wait (none: nothing pending), and when memory was last given back.
    mut state: Local<(Option<u32>, f64)>,
) {
    let (wait, last) = &mut *state;
    let changed = change.happened();
    let now = time.elapsed_secs_f64();
    let (next, now_give) = step(*wait, changed, now - *last);
    *wait = next;
    if !now_give {
        return;
    }
    let t = bevy::platform::time::Instant::now();
    give_back();
    *last = now;
    // The atlases are summed only when the line is logged.
    debug!(
        "gave memory back in {} µs; {}",
        t.elapsed().as_micros(),
        atlases.map_or_else(String::new, |a| atlas_summary(&a, &images))
    );
}

/// The glyph atlases' bytes and count by text size: each size keeps atlases of its own,
/// on the CPU and on the GPU.
fn atlas_summary(atlases: &bevy::text::FontAtlasSet, images: &Assets<Image>) -> String {
    let sizes: Vec<String> = atlases
        .iter()
        .map(|(k, v)| format!("{}px×{}", f32::from_bits(k.font_size_bits), v.len()))
        .collect();
    format!(
        "glyph atlases {:.1} MB: {}",
        atlases.total_bytes(images) as f64 / 1e6,
        sizes.join(" ")
    )
}

/// One frame of the countdown: the frames still to wait after this one (none: nothing is
/// pending), and whether to give memory back now. `since` is the time since the last time.
fn step(wait: Option<u32>, changed: bool, since: f64) -> (Option<u32>, bool) {
    match wait {
        None if changed => (Some(AFTER_FRAMES), false),
        None => (None, false),
        Some(0) if since >= AT_MOST_EVERY_S || !changed => (None, true),
        Some(0) => (Some(0), false),
        Some(n) => (Some(n - 1), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Run the countdown over frames that changed or not, a sixtieth of a second apart;
    /// the frames on which memory was given back.
    fn run(changes: &[bool]) -> Vec<usize> {
        let (mut wait, mut last, mut out) = (None, -10.0, Vec::new());
        for (frame, &changed) in changes.iter().enumerate() {
            let now = frame as f64 / 60.0;
            let (next, give) = step(wait, changed, now - last);
            wait = next;
            if give {
                last = now;
                out.push(frame);
            }
        }
        out
    }

    #[test]
    fn one_change_gives_back_once_a_few_frames_later() {
        let mut frames = vec![false; 20];
        frames[3] = true;
        assert_eq!(run(&frames), vec![3 + AFTER_FRAMES as usize + 1]);
        assert!(run(&[false; 30]).is_empty());
    }

    #[test]
    fn changes_every_frame_give_back_about_once_a_second() {
        let given = run(&[true; 300]);
        assert_eq!(given.len(), 5, "{given:?}");
        for pair in given.windows(2) {
            assert!(
                (pair[1] - pair[0]) as f64 / 60.0 >= AT_MOST_EVERY_S,
                "{given:?}"
            );
        }
        // When the changes stop, the pending time comes at once.
        let mut frames = vec![true; 70];
        frames.extend([false; 5]);
        assert_eq!(run(&frames).last(), Some(&70));
    }
}
