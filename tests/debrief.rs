//! The debrief made for people: `report --html` (one self-contained page, every track
//! charted, the news with notes and sources, decisions with their journal lines, the
//! essay's claims) and `class` (several groups' saves of one class code side by side;
//! saves of other levels, seeds or content refused with a clear message).

mod common;

use std::path::{Path, PathBuf};

use amu_darya::ai::{self, BotOptions};
use amu_darya::content::SeatId;
use amu_darya::rules::{Awaiting, Game};
use amu_darya::session::{Controller, Save};
use amu_darya::text::Strings;

use common::run;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("amu-debrief-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A bot game of the default level in which Tajikistan writes a line each round (one
/// with markup in it, which must come out as text).
fn journalled(seed: u64) -> Game {
    let mut g = Game::new(common::content(), seed);
    let opts = BotOptions::default();
    let tjk = SeatId(2);
    let mut written = 0;
    while g.outcome().is_none() {
        let Some(seat) = g.next_to_decide() else {
            break;
        };
        if seat == tjk && matches!(g.awaiting(), Awaiting::Policy(_)) && written < g.clock().round {
            let line = if written == 0 {
                "<script>alert(1)</script> & hold the border".to_string()
            } else {
                format!("Round {} — держим границу", g.clock().round)
            };
            g.write_journal(tjk, &line).unwrap();
            written = g.clock().round;
        }
        ai::act(&mut g, seat, &opts);
    }
    g
}

fn save_to(g: &Game, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let mut save = Save::of(g, "levels/autumn-2021.ron", vec![Controller::Bot; 5]);
    // The level as the repository names it, from wherever the test runs.
    save.level = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("levels/autumn-2021.ron")
        .display()
        .to_string();
    std::fs::write(&path, save.to_ron()).unwrap();
    path
}

#[test]
fn the_html_debrief_is_one_page_with_every_track_charted() {
    let g = journalled(11);
    let content = common::content();
    for lang in ["en", "ru"] {
        let s = Strings::built_in(lang);
        let page = amu_darya::report::html(&g, &s, false);
        // Self-contained: nothing fetched from anywhere (the SVG namespace is a name, not
        // an address the browser loads).
        let without_ns = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        for outside in [
            "http://", "https://", "<script", "<link", "@import", "url(", " src=",
        ] {
            assert!(
                !without_ns.contains(outside),
                "{lang}: `{outside}` in the page"
            );
        }
        assert!(page.contains("@media print"), "print styles");
        // Every track has a chart, named in the reader's language.
        let charts = page.matches("<figure class=\"chart\">").count();
        assert_eq!(charts, content.tracks.len(), "{lang}: one chart per track");
        for t in &content.tracks {
            let name = amu_darya::text::pick(&t.name, lang);
            let caption = format!(
                "<figcaption>{}</figcaption>",
                amu_darya::report::html::esc(name)
            );
            assert!(page.contains(&caption), "{lang}: no chart of {}", t.id);
        }
        // Each state's line in a state track's chart, a point per round.
        let rounds = g.history().len();
        let poly = page.split("<polyline points=\"").nth(1).unwrap();
        let points = poly.split('"').next().unwrap().split(' ').count();
        assert_eq!(points, rounds);
        // The essay's five claims, each with a sentence about this game.
        let rec = amu_darya::report::facts::Record::of_game(&g);
        let facts = amu_darya::report::facts::gather(&rec);
        let claims = amu_darya::report::html::essay_check(&rec, &facts, &s);
        assert_eq!(claims.len(), 5, "{lang}");
        for (claim, here) in &claims {
            assert!(!claim.is_empty() && !here.is_empty());
            assert!(page.contains(&amu_darya::report::html::esc(here)));
        }
        // The news with its notes and sources: every event card drawn is there.
        for l in g.log() {
            if let amu_darya::game::LogEntry::Event { card } = l.entry {
                let c = &content.cards[card.index()];
                let note = amu_darya::report::html::esc(amu_darya::text::pick(&c.note, lang));
                assert!(page.contains(&note), "{lang}: the note of {}", c.id);
            }
        }
        // The journal lines, as text (markup escaped, never run).
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; hold the border"));
        assert!(page.contains("держим границу"));
        assert!(
            !page.contains("{ $") && !page.contains("???"),
            "{lang}: a message unfilled"
        );
    }
    // Russian reads Russian: no English heading left.
    let ru = amu_darya::report::html(&g, &Strings::built_in("ru"), false);
    assert!(ru.contains("Тезисы эссе") && !ru.contains("The essay's claims"));
}

#[test]
fn report_html_from_a_save_and_the_class_table() {
    let dir = scratch("class");
    let a = save_to(&journalled(11), &dir, "group-a.ron");
    let b = save_to(&Game::new(common::content(), 11), &dir, "group-b.ron");
    let other_seed = save_to(&journalled(12), &dir, "group-c.ron");
    let html = dir.join("debrief.html");
    let (code, _, err) = run(&[
        "report",
        "--save",
        a.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
        "--lang",
        "ru",
    ]);
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<html lang=\"ru\">"));
    assert!(page.contains("держим границу"));

    // The class table: two groups of seed 11 side by side, as text and as a page.
    let (code, text, err) = run(&["class", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        text.contains("== group-a ==") && text.contains("== group-b =="),
        "{text}"
    );
    assert!(text.contains("hold the border"), "the journal: {text}");
    let table = dir.join("class.html");
    let (code, _, err) = run(&[
        "class",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--html",
        table.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(&table).unwrap();
    assert!(page.contains("<th>group-a</th>") && page.contains("<th>group-b</th>"));

    // A save of another seed is refused, naming the save and what differs.
    let (code, out, err) = run(&["class", a.to_str().unwrap(), other_seed.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("group-c.ron: seed 12") && err.contains("seed 11"),
        "{err}"
    );
    // Another level too.
    let level = Path::new(env!("CARGO_MANIFEST_DIR")).join("levels/classroom-45.ron");
    let loaded = amu_darya::content::load_level_file(&level, None).unwrap();
    let mut g = Game::new(std::sync::Arc::new(loaded.content), 11);
    ai::play_out(&mut g);
    let mut save = Save::of(&g, level.to_str().unwrap(), vec![Controller::Bot; 5]);
    save.level = level.display().to_string();
    let d = dir.join("group-d.ron");
    std::fs::write(&d, save.to_ron()).unwrap();
    let (code, _, err) = run(&["class", a.to_str().unwrap(), d.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("group-d.ron: level `classroom-45`"), "{err}");
    assert!(err.contains("content"), "the content differs too: {err}");
    let _ = std::fs::remove_dir_all(dir);
}
