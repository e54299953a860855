//! The printable order sheets (docs/print/) are static files written from the content:
//! every action's name and its cost in each posture must still be what the game plays.

mod common;

use std::path::Path;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
fn the_order_sheets_list_every_action_at_its_cost() {
    let content = common::content();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/print");
    let (multi, dual) = (content.roles.open_posture, content.roles.aligned_posture);
    for lang in ["en", "ru"] {
        let path = root.join(format!("order-sheet.{lang}.html"));
        let sheet = std::fs::read_to_string(&path).expect("the sheet is there");
        for a in &content.actions {
            let row = format!(
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
                escape(amu_darya::text::pick(&a.name, lang)),
                a.cost_in[multi.index()],
                a.cost_in[dual.index()],
            );
            assert!(
                sheet.contains(&row),
                "{}: no row `{row}` for action `{}`",
                path.display(),
                a.id
            );
        }
    }
}

/// Each briefing's agenda table gives every per-state track's weight as the content has it,
/// the best possible points, and the starting score the game would count.
#[test]
fn the_briefings_give_each_state_its_agenda_and_starting_score() {
    use amu_darya::content::{Scope, SeatId};
    let content = common::content();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/print");
    for lang in ["en", "ru"] {
        let path = root.join(format!("briefings.{lang}.html"));
        let sheet = std::fs::read_to_string(&path).expect("the sheet is there");
        let blocks: Vec<&str> = sheet.split("<table class=\"ag\">").skip(1).collect();
        assert_eq!(blocks.len(), content.states.len(), "{}", path.display());
        for (i, (st, block)) in content.states.iter().zip(&blocks).enumerate() {
            let mut best = 0;
            for (t, def) in content.tracks.iter().enumerate() {
                if def.scope != Scope::State {
                    continue;
                }
                let w = st.agenda[t];
                let shown = match w.signum() {
                    0 => String::new(),
                    1 => format!("+{w}"),
                    _ => format!("\u{2212}{}", -w),
                };
                let row = format!(
                    "<tr><td>{}</td><td class=\"n\">{shown}</td>",
                    escape(amu_darya::text::pick(&def.name, lang))
                );
                assert!(
                    block.contains(&row),
                    "{}: {}: no row `{row}`",
                    path.display(),
                    st.id
                );
                if w > 0 {
                    best += w * def.max;
                }
            }
            let score = amu_darya::rules::agenda_score(&content, SeatId(i as u8), &st.start);
            let (best_text, score_text) = match lang {
                "en" => (
                    format!("best possible {best} points"),
                    format!("Starting score: {score}%"),
                ),
                _ => (
                    format!("лучший результат {best} очков"),
                    format!("Начальный результат: {score}%"),
                ),
            };
            for text in [best_text, score_text] {
                assert!(
                    block.contains(&text),
                    "{}: {}: no `{text}`",
                    path.display(),
                    st.id
                );
            }
        }
    }
}
