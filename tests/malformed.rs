//! Malformed and hostile inputs: every fixture under `tests/fixtures/` names the error it
//! must produce in its first line (`// expect: …`); `validate` must exit 2 with that
//! text, and never panic.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_amu-darya"))
}

fn validate(path: &Path) -> (i32, String) {
    let out = bin()
        .arg("validate")
        .arg(path)
        .output()
        .expect("the binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

fn fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["levels", "cards", "boards", "rules", "saves", "strings"] {
        let d = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(dir);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&d)
            .expect("fixture folder")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

#[test]
fn every_fixture_fails_with_its_expected_error() {
    let files = fixtures();
    assert!(
        files.len() >= 20,
        "at least 20 malformed fixtures, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("fixture is text");
        let expect = text
            .lines()
            .next()
            .and_then(|l| {
                l.strip_prefix("// expect: ")
                    .or_else(|| l.strip_prefix("# expect: "))
            })
            .unwrap_or_else(|| panic!("{} has no `// expect:` line", f.display()))
            .to_string();
        let (code, out) = validate(f);
        if code != 2 || !out.contains(&expect) {
            failures.push(format!(
                "{}: exit {code}, expected exit 2 with `{expect}`; got:\n{out}",
                f.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn errors_are_located_as_path_line_col() {
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cards/unknown-track.ron");
    let (_, out) = validate(&f);
    let line = out
        .lines()
        .find(|l| l.contains("unknown track"))
        .expect("the error");
    let mut parts = line.splitn(4, ':');
    let _path = parts.next();
    let l: usize = parts
        .next()
        .and_then(|s| s.parse().ok())
        .expect("a line number");
    let c: usize = parts.next().and_then(|s| s.parse().ok()).expect("a column");
    assert_eq!(l, 3, "the card is on line 3: {line}");
    assert!(c > 1, "the column points at the name: {line}");
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let dir = common::TempDir::new("test-many");
    let f = dir.join("many.ron");
    std::fs::write(
        &f,
        r#"Cards(cards: [
    (id: "a", kind: Event, title: {"en": "A"}, text: {"en": "A"}, note: {"en": "A"}, source: "", era: "nope", effects: [Shift(track: "nope", who: State("TJK"), by: 1)]),
    (id: "a", kind: Event, title: {"en": "A"}, text: {"en": "A"}, note: {"en": "A"}, source: "x", era: "takeover", effects: [Choice(who: State("XX"), prompt: {"en": "?"}, options: [])]),
])"#,
    )
    .expect("write");
    // Outside the repository tree: checked against ./levels/autumn-2021.ron.
    let (code, out) = validate(&f);
    assert_eq!(code, 2, "{out}");
    for expect in [
        "duplicate card id `a`",
        "names no source",
        "unknown era `nope`",
        "unknown track `nope`",
        "unknown state `XX`",
    ] {
        assert!(out.contains(expect), "missing `{expect}` in:\n{out}");
    }
}

#[test]
fn hostile_files_are_refused_without_panic() {
    let dir = common::TempDir::new("test-hostile");
    // Too large.
    let big = dir.join("big.ron");
    std::fs::write(
        &big,
        format!("Cards(cards: [])//{}", "x".repeat(3 * 1024 * 1024)),
    )
    .expect("write");
    let (code, out) = validate(&big);
    assert_eq!(code, 2);
    assert!(out.contains("file is larger than"), "{out}");
    // Not UTF-8.
    let bin_file = dir.join("binary.ron");
    std::fs::write(&bin_file, [0xff, 0xfe, 0x00, 0x41, 0xc3, 0x28]).expect("write");
    let (code, out) = validate(&bin_file);
    assert_eq!(code, 2);
    assert!(out.contains("not UTF-8"), "{out}");
    // Deep brackets.
    let deep = dir.join("deep.ron");
    std::fs::write(
        &deep,
        format!(
            "Cards(cards: [(id: \"d\", kind: Event, title: {{\"en\": \"D\"}}, text: {{\"en\": \"D\"}}, note: {{\"en\": \"D\"}}, source: \"x\", era: \"takeover\", when: {}Always{}, effects: [])])",
            "Not(".repeat(100_000),
            ")".repeat(100_000)
        ),
    )
    .expect("write");
    let (code, out) = validate(&deep);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("nested more than"), "{out}");
    // Huge numbers.
    let huge = dir.join("huge.ron");
    std::fs::write(
        &huge,
        r#"Cards(cards: [(id: "h", kind: Event, title: {"en": "H"}, text: {"en": "H"}, note: {"en": "H"}, source: "x", era: "takeover", effects: [Spawn(kind: "militants", at: RandomAfghan, count: 4294967295), Shift(track: "opium", by: 2147483647)])])"#,
    )
    .expect("write");
    let (code, out) = validate(&huge);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("spawn count is 4294967295"), "{out}");
    // A missing path.
    let (code, out) = validate(&dir.join("nothing-here.ron"));
    assert_eq!(code, 2);
    assert!(out.contains("no such file or folder"), "{out}");
}

#[test]
fn broken_saves_are_refused() {
    let dir = common::TempDir::new("test-saves");
    let good = dir.join("good.ron");
    let out = bin()
        .args(["sim", "--games", "1", "--seed", "5", "--save-first"])
        .arg(&good)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("sim runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&good).expect("save written");
    let (code, out) = validate(&good);
    assert_eq!(code, 0, "a fresh save is valid: {out}");

    // Another state hash: the replay does not reach it.
    let at = text.find("state_hash: \"").expect("hash field") + "state_hash: \"".len();
    let mut wrong = text.clone();
    wrong.replace_range(at..at + 16, "0000000000000000");
    let f = dir.join("wrong-hash.ron");
    std::fs::write(&f, &wrong).expect("write");
    let (code, out) = validate(&f);
    assert_eq!(code, 2);
    assert!(out.contains("replay ends in state"), "{out}");
    let replay = bin()
        .arg("replay")
        .arg(&f)
        .arg("--verify")
        .output()
        .expect("replay runs");
    assert_eq!(
        replay.status.code(),
        Some(1),
        "replay --verify exits 1 on a mismatch"
    );

    // A command the rules refuse.
    let illegal = text.replacen(
        "Confirm(state: \"KAZ\")",
        "Play(state: \"KAZ\", card: \"no-such-card\")",
        1,
    );
    assert_ne!(illegal, text);
    let f = dir.join("illegal.ron");
    std::fs::write(&f, &illegal).expect("write");
    let (code, out) = validate(&f);
    assert_eq!(code, 2);
    assert!(
        out.contains("is refused by the rules: unknown card `no-such-card`"),
        "{out}"
    );

    // Cut short.
    let f = dir.join("cut.ron");
    std::fs::write(&f, &text[..text.len() / 2]).expect("write");
    let (code, out) = validate(&f);
    assert_eq!(code, 2);
    assert!(
        out.contains("truncated") || out.contains("corrupt"),
        "{out}"
    );
}
