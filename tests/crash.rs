//! Nothing lost on a crash: a process killed (SIGKILL) while it writes saves, many times
//! over, leaves only saves that load, and the autosave's previous version beside it.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use amu_darya::session::{self, Controller, Save};

/// The environment variable that tells the writer where to write.
const DIR_VAR: &str = "AMU_DARYA_CRASH_DIR";
/// Saves the writer writes before it stops by itself (it is killed long before).
const WRITES: usize = 100_000;

/// Save texts of one bot game at several points, from short to long.
fn save_texts() -> Vec<String> {
    let content = common::content();
    let mut full = amu_darya::Game::new(content.clone(), 5);
    amu_darya::ai::play_out(&mut full);
    let n = full.commands().len();
    (1..=8)
        .map(|k| {
            let mut g = amu_darya::Game::new(content.clone(), 5);
            for l in &full.commands()[..n * k / 8] {
                g.apply_with_reason(&l.cmd, l.reason.clone())
                    .expect("replays");
            }
            Save::of(&g, "levels/autumn-2021.ron", vec![Controller::Bot; 5]).to_ron()
        })
        .collect()
}

/// The child process: write saves in a loop, as the window does (the autosave keeping
/// its previous version, and slots written atomically), until killed.
#[test]
#[ignore = "the child process of `a_killed_writer_leaves_only_saves_that_load`"]
fn writer() {
    let Some(dir) = std::env::var_os(DIR_VAR).map(PathBuf::from) else {
        return;
    };
    let texts = save_texts();
    // The first autosave, then ready: the parent kills from here on, and from here on an
    // autosave (or its previous version) must always be there. (Signalling before the
    // first write let a loaded machine kill the writer before there was any autosave.)
    session::write_keeping_previous(
        &dir.join("autosave.ron"),
        &dir.join("autosave.prev.ron"),
        &texts[0],
    )
    .expect("autosave");
    std::fs::write(dir.join("ready"), b"").expect("ready");
    for i in 1..WRITES {
        let text = &texts[i % texts.len()];
        if i % 2 == 0 {
            session::write_keeping_previous(
                &dir.join("autosave.ron"),
                &dir.join("autosave.prev.ron"),
                text,
            )
            .expect("autosave");
        } else {
            session::write_atomic(&dir.join(format!("save-{}.ron", i % 5 + 1)), text)
                .expect("slot");
        }
    }
}

fn check_dir(dir: &Path) -> usize {
    let content = common::content();
    let mut n = 0;
    for e in std::fs::read_dir(dir).expect("dir") {
        let p = e.expect("entry").path();
        let name = p
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if !name.ends_with(".ron") || name.starts_with('.') {
            continue;
        }
        let save = session::read_save(&p)
            .unwrap_or_else(|e| panic!("{name} does not load: {}", e.render(&name)));
        session::verify(&save, content.clone())
            .unwrap_or_else(|e| panic!("{name} does not replay: {}", e.render(&name)));
        n += 1;
    }
    n
}

#[cfg(unix)]
#[test]
fn a_killed_writer_leaves_only_saves_that_load() {
    let root = std::env::temp_dir().join(format!("amu-darya-crash-{}", std::process::id()));
    let mut checked = 0;
    let mut autosaves = 0;
    for round in 0..24u64 {
        let dir = root.join(round.to_string());
        std::fs::create_dir_all(&dir).expect("dir");
        let mut child = std::process::Command::new(std::env::current_exe().expect("exe"))
            .args([
                "--exact",
                "writer",
                "--include-ignored",
                "--test-threads",
                "1",
            ])
            .env(DIR_VAR, &dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn the writer");
        let ready = dir.join("ready");
        for _ in 0..2000 {
            if ready.exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(ready.exists(), "the writer started");
        // Let it write for a while (a different while each time), then kill it hard.
        std::thread::sleep(Duration::from_millis(3 + (round * 7) % 40));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        checked += check_dir(&dir);
        if dir.join("autosave.ron").exists() || dir.join("autosave.prev.ron").exists() {
            autosaves += 1;
        }
    }
    let _ = std::fs::remove_dir_all(&root);
    assert!(checked >= 24, "only {checked} saves were on disk to check");
    assert_eq!(
        autosaves, 24,
        "an autosave (or its previous one) is always there"
    );
}
