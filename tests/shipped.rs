//! Every shipped file in `assets/` and `levels/` validates, and every card does something.

mod common;

use std::process::Command;

#[test]
fn shipped_content_validates() {
    let out = Command::new(env!("CARGO_BIN_EXE_amu-darya"))
        .args(["validate", "levels", "assets", "--json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(v["ok"], true);
    assert!(v["summary"]["levels"].as_u64().unwrap_or(0) >= 1);
    assert!(v["summary"]["event_cards"].as_u64().unwrap_or(0) >= 10);
    assert!(v["summary"]["policy_cards"].as_u64().unwrap_or(0) >= 10);
    assert!(v["summary"]["regions"].as_u64().unwrap_or(0) >= 9);
}

#[test]
fn every_card_has_effects_and_a_source() {
    let content = common::content();
    for c in &content.cards {
        assert!(!c.effects.is_empty(), "{} does nothing", c.id);
        assert!(!c.source.trim().is_empty(), "{} cites no source", c.id);
        assert!(
            !amu_darya::text::pick(&c.note, "en").is_empty(),
            "{} has no note",
            c.id
        );
    }
}

#[test]
fn the_board_has_afghanistan_the_five_states_and_the_neighbours() {
    use amu_darya::content::RegionKind;
    let content = common::content();
    let count = |k| content.regions.iter().filter(|r| r.kind == k).count();
    assert!((8..=10).contains(&count(RegionKind::Afghan)));
    assert_eq!(count(RegionKind::State), 5);
    assert!(count(RegionKind::Neighbour) >= 4);
    let tjk = content.states.iter().find(|s| s.id == "TJK").expect("TJK");
    assert!(content.borders_afghanistan(tjk.region));
    let kaz = content.states.iter().find(|s| s.id == "KAZ").expect("KAZ");
    assert!(
        !content.borders_afghanistan(kaz.region),
        "Kazakhstan has no Afghan border"
    );
}

#[test]
fn the_cli_explains_itself() {
    for sub in ["validate", "sim", "replay", "play"] {
        let out = Command::new(env!("CARGO_BIN_EXE_amu-darya"))
            .args([sub, "--help"])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{sub} --help");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage"));
    }
}
