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
