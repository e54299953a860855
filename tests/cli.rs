//! The command line as a user meets it: sim output, forced postures, save and replay.

mod common;

use std::process::Command;

use common::run;

fn sim_json(extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["sim", "--games", "24", "--seed", "3", "--json"];
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("one JSON object")
}

#[test]
fn sim_json_has_the_promised_fields_and_ignores_jobs() {
    let mut one = sim_json(&["--jobs", "1"]);
    let mut two = sim_json(&["--jobs", "2"]);
    for key in [
        "games",
        "elapsed_ms",
        "games_per_sec",
        "wins",
        "mean_final",
        "mean_stability",
        "collapses",
        "quadrants",
        "first_game_hash",
    ] {
        assert!(one.get(key).is_some(), "missing `{key}`");
    }
    assert_eq!(one["games"], 24);
    assert_eq!(one["wins"].as_object().map(|m| m.len()), Some(5));
    for v in [&mut one, &mut two] {
        v["elapsed_ms"] = 0.into();
        v["games_per_sec"] = 0.into();
    }
    assert_eq!(one, two, "apart from timing, --jobs changes nothing");
}

#[test]
fn sim_json_counts_orders_postures_and_quadrants_by_round() {
    let v = sim_json(&[]);
    let games = 24u64;
    // Every round reached is counted once per game: the quadrant counts of round 1 add up to
    // the games, and later rounds never count more games than earlier ones.
    let by_round = v["quadrant_by_round"]
        .as_array()
        .expect("quadrant_by_round");
    assert!(!by_round.is_empty());
    let reached: Vec<u64> = by_round
        .iter()
        .map(|r| {
            r.as_object()
                .unwrap()
                .values()
                .map(|n| n.as_u64().unwrap())
                .sum()
        })
        .collect();
    assert_eq!(reached[0], games);
    assert!(reached.windows(2).all(|w| w[0] >= w[1]), "{reached:?}");
    // One dual-vector share per round, each a share.
    let share = v["posture_share"].as_array().expect("posture_share");
    assert_eq!(share.len(), by_round.len());
    assert!(
        share
            .iter()
            .all(|x| (0.0..=1.0).contains(&x.as_f64().unwrap()))
    );
    // Forced all dual-vector, every state holds it in every round.
    let dual = sim_json(&["--posture", "all=dual"]);
    assert!(
        dual["posture_share"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x.as_f64() == Some(1.0))
    );
    // Orders: every action and card by id; the actions' state-round shares agree with them.
    let orders = v["orders"].as_object().expect("orders");
    assert!(orders.contains_key("trade") && orders.contains_key("western_money"));
    let total: u64 = orders.values().map(|n| n.as_u64().unwrap()).sum();
    assert!(total > 0);
    let state_rounds = v["state_rounds"].as_u64().unwrap();
    assert_eq!(state_rounds, reached.iter().sum::<u64>() * 5);
    for (id, share) in v["ordered_in"].as_object().unwrap() {
        let n = orders[id].as_u64().unwrap() as f64;
        let share = share.as_f64().unwrap();
        // An action counted in a state-round was ordered there at least once.
        assert!(share * state_rounds as f64 <= n + 0.5, "{id}");
    }
    assert!(v["left_start_quadrant"].as_u64().unwrap() <= games);
}

#[test]
fn postures_can_be_forced_for_experiments() {
    let dual = sim_json(&["--posture", "all=dual"]);
    let multi = sim_json(&["--posture", "all=multi"]);
    assert_ne!(dual["mean_final"], multi["mean_final"]);
    let mixed = sim_json(&["--posture", "all=dual", "--posture", "TKM=multi"]);
    assert_ne!(mixed["mean_final"], dual["mean_final"]);
    for bad in ["all=triple", "XYZ=dual", "dual"] {
        let (code, _, err) = run(&["sim", "--games", "1", "--posture", bad]);
        assert_eq!(code, 2, "{bad}");
        assert!(err.contains("--posture"), "{err}");
    }
}

#[test]
fn a_saved_first_game_replays_to_the_reported_hash() {
    let dir = common::TempDir::new("cli");
    let save = dir.join("first.ron");
    let save_s = save.to_string_lossy().into_owned();
    let summary = sim_json(&["--save-first", &save_s]);
    let (code, out, err) = run(&["replay", &save_s, "--verify"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        summary["first_game_hash"].as_str().expect("hash")
    );
}

#[test]
fn a_missing_level_is_reported_not_panicked() {
    let (code, _, err) = run(&["sim", "--level", "levels/none.ron", "--games", "1"]);
    assert_eq!(code, 2);
    assert!(err.contains("levels/none.ron"), "{err}");
}

#[cfg(not(feature = "gui"))]
#[test]
fn play_without_a_window_says_so() {
    let (code, _, err) = run(&["play"]);
    assert_eq!(code, 2);
    assert!(err.contains("without the `gui` feature"), "{err}");
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    // `amu-darya sim --json | head -3`: the reader goes away before the output is written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_amu-darya"))
        .args(["sim", "--games", "30", "--json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("waits");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}

#[test]
fn each_subcommand_lists_only_its_own_options() {
    let (code, help, _) = run(&["report", "--help"]);
    assert_eq!(code, 0);
    for window_only in ["--autoplay", "--screenshot-dir", "--window-size", "--human"] {
        assert!(
            !help.contains(window_only),
            "report --help lists {window_only}"
        );
    }
    assert!(help.contains("--posture") && help.contains("--bots"));
    let (_, play_help, _) = run(&["play", "--help"]);
    assert!(play_help.contains("--autoplay") && play_help.contains("--window-size"));
    let (code, _, err) = run(&["--autoplay", "sim"]);
    assert_eq!(
        code, 2,
        "window options and a subcommand together are refused: {err}"
    );
}

#[test]
fn report_plays_the_same_game_under_another_choice() {
    let (code, multi, err) = run(&["report", "--seed", "4", "--posture", "TJK=multi"]);
    assert_eq!(code, 0, "{err}");
    let (_, dual, _) = run(&["report", "--seed", "4", "--posture", "TJK=dual"]);
    assert_ne!(multi, dual);
    let (_, hard, _) = run(&["report", "--seed", "4", "--bots", "all=hard"]);
    assert!(hard.contains("seed 4"));
    let (code, _, err) = run(&["report", "--bots", "all=genius"]);
    assert_eq!(code, 2);
    assert!(err.contains("--bots"), "{err}");
}

#[test]
fn every_shipped_text_reads_in_russian() {
    // `validate --lang ru` lists every text without a Russian version as a warning.
    let (code, out, err) = run(&["validate", "levels", "assets", "--lang", "ru", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    let warnings = v["warnings"].as_array().expect("a list of warnings");
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn bench_bot_prints_its_figures() {
    let (code, out, err) = run(&["bench-bot", "--decisions", "3", "--playouts", "4"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    assert_eq!(v["strength"], "strong");
    assert_eq!(v["decisions"], 3);
    assert_eq!(v["playouts_per_decision"], 4.0);
    for key in ["p50_ms", "p95_ms", "max_ms"] {
        assert!(v[key].as_f64().is_some_and(|x| x >= 0.0), "{key}: {v}");
    }
    let (code, _, err) = run(&["bench-bot", "--strength", "mighty"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("expected easy, normal, hard or strong"),
        "{err}"
    );
}
