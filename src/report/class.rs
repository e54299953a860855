//! The class table: several groups' games of one class code (the same level, seed and
//! content) side by side: outcome, the scenarios Afghanistan went through, each state's
//! postures round by round, the scores and the journal lines. As text, or as one
//! self-contained HTML page.

use std::fmt::Write;

use crate::content::Content;
use crate::rules::Game;
use crate::session::Save;
use crate::text::Strings;

use super::facts::{self, GameFacts};
use super::html::esc;

/// One group's game.
pub struct Group {
    /// How the table names it (the save's file name).
    pub name: String,
    pub game: Game,
}

/// Why saves cannot share a class table: they are not games of one class code. Each
/// message names the save and what differs from the first one.
pub fn same_class(saves: &[(String, Save)]) -> Result<(), String> {
    let Some((first_name, first)) = saves.first() else {
        return Err("no saves given: name one or more saves of the same class code".into());
    };
    let mut problems = Vec::new();
    for (name, s) in &saves[1..] {
        if s.level_id != first.level_id {
            problems.push(format!(
                "{name}: level `{}`, but {first_name} is level `{}`",
                s.level_id, first.level_id
            ));
        }
        if s.seed != first.seed {
            problems.push(format!(
                "{name}: seed {}, but {first_name} has seed {}",
                s.seed, first.seed
            ));
        }
        if s.content_hash != first.content_hash {
            problems.push(format!(
                "{name}: content {}, but {first_name} was played with content {} (another version of the cards or rules)",
                s.content_hash, first.content_hash
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "these saves are not games of one class code (the same level, seed and content), so a class table cannot set them side by side:\n  {}",
            problems.join("\n  ")
        ))
    }
}

fn outcome(game: &Game, s: &Strings) -> String {
    super::debrief::outcome_line(game, s).unwrap_or_else(|| {
        s.fmt(
            "html.in-progress",
            &[("round", &game.clock().round.to_string())],
        )
    })
}

/// A posture's letter in the table: its short name's first letter, upper case.
fn posture_letter(content: &Content, p: crate::content::PostureId, lang: &str) -> char {
    crate::text::pick(&content.postures[p.index()].short, lang)
        .chars()
        .next()
        .map_or('?', |c| c.to_uppercase().next().unwrap_or(c))
}

/// "M = Multi-vector, D = Dual-vector".
fn posture_legend(content: &Content, lang: &str) -> String {
    content
        .postures
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "{} = {}",
                posture_letter(content, crate::content::PostureId(i as u8), lang),
                crate::text::pick(&p.name, lang)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn scenarios(f: &GameFacts, s: &Strings) -> String {
    f.stretches
        .iter()
        .map(|st| {
            s.fmt(
                "class.stretch",
                &[
                    (
                        "scenario",
                        s.get(&format!("quadrant.{}", st.quadrant.key())),
                    ),
                    ("from", &st.from.to_string()),
                    ("to", &st.to.to_string()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A state's postures round by round, one letter each (the posture's short name's first
/// letter, upper case): "MMMDD".
fn postures(content: &Content, f: &GameFacts, seat: usize, lang: &str) -> String {
    f.by_round
        .iter()
        .map(|r| {
            r.decisions[seat]
                .posture
                .map_or('·', |p| posture_letter(content, p, lang))
        })
        .collect()
}

fn scores(game: &Game, seat: usize) -> String {
    game.outcome()
        .and_then(|o| o.scores.get(seat))
        .map_or_else(|| "–".to_string(), ToString::to_string)
}

/// The class table as text.
pub fn text(groups: &[Group], s: &Strings) -> String {
    let Some(first) = groups.first() else {
        return String::new();
    };
    let content = first.game.content();
    let lang = s.lang.as_str();
    let name = |t: &crate::content::Text| crate::text::pick(t, lang).to_string();
    let mut out = s.fmt(
        "class.title",
        &[
            ("level", &name(&content.level_name)),
            ("seed", &first.game.seed().to_string()),
            ("groups", &groups.len().to_string()),
        ],
    );
    out.push_str("\n\n");
    let legend = posture_legend(content, lang);
    let width = content
        .states
        .iter()
        .map(|st| name(&st.name).chars().count())
        .max()
        .unwrap_or(0);
    for g in groups {
        let f = facts::gather(&facts::Record::of_game(&g.game));
        let _ = writeln!(out, "== {} ==", g.name);
        let _ = writeln!(out, "{}", outcome(&g.game, s));
        let _ = writeln!(
            out,
            "{}",
            s.fmt("class.scenarios", &[("list", &scenarios(&f, s))])
        );
        let _ = writeln!(out, "{}", s.fmt("class.postures", &[("legend", &legend)]));
        for (i, st) in content.states.iter().enumerate() {
            let label = name(&st.name);
            let pad = width.saturating_sub(label.chars().count());
            let _ = writeln!(
                out,
                "  {label}{}  {}  {}",
                " ".repeat(pad),
                postures(content, &f, i, lang),
                s.fmt("class.score", &[("score", &scores(&g.game, i))])
            );
        }
        let mut journal = Vec::new();
        for r in &f.by_round {
            for (i, d) in r.decisions.iter().enumerate() {
                for j in &d.journal {
                    journal.push(format!(
                        "  {} · {}: {}",
                        s.fmt("report.round", &[("round", &r.round.to_string())]),
                        name(&content.states[i].name),
                        s.fmt("html.quoted", &[("text", j)])
                    ));
                }
            }
        }
        if !journal.is_empty() {
            let _ = writeln!(out, "{}", s.get("html.journal-heading"));
            for j in journal {
                let _ = writeln!(out, "{j}");
            }
        }
        out.push('\n');
    }
    out
}

/// The class table as one self-contained HTML page.
pub fn html(groups: &[Group], s: &Strings) -> String {
    let Some(first) = groups.first() else {
        return String::new();
    };
    let content = first.game.content();
    let lang = s.lang.as_str();
    let name = |t: &crate::content::Text| crate::text::pick(t, lang).to_string();
    let title = s.fmt(
        "class.title",
        &[
            ("level", &name(&content.level_name)),
            ("seed", &first.game.seed().to_string()),
            ("groups", &groups.len().to_string()),
        ],
    );
    let all: Vec<GameFacts> = groups
        .iter()
        .map(|g| facts::gather(&facts::Record::of_game(&g.game)))
        .collect();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t}</title><style>{CLASS_STYLE}</style></head><body><h1>{t}</h1>",
        esc(lang),
        t = esc(&title)
    );
    let _ = write!(out, "<p class=\"muted\">{}</p>", esc(s.get("class.intro")));
    // One column per group.
    out.push_str("<table><tr><th></th>");
    for g in groups {
        let _ = write!(out, "<th>{}</th>", esc(&g.name));
    }
    out.push_str("</tr>");
    let row = |out: &mut String, head: &str, cells: Vec<String>| {
        let _ = write!(out, "<tr><th>{}</th>", esc(head));
        for c in cells {
            let _ = write!(out, "<td>{c}</td>");
        }
        out.push_str("</tr>");
    };
    row(
        &mut out,
        s.get("class.outcome"),
        groups.iter().map(|g| esc(&outcome(&g.game, s))).collect(),
    );
    row(
        &mut out,
        s.get("class.scenarios-head"),
        all.iter().map(|f| esc(&scenarios(f, s))).collect(),
    );
    for (i, st) in content.states.iter().enumerate() {
        row(
            &mut out,
            &name(&st.name),
            groups
                .iter()
                .zip(&all)
                .map(|(g, f)| {
                    format!(
                        "<span class=\"mono\">{}</span><br>{}",
                        esc(&postures(content, f, i, lang)),
                        esc(&s.fmt("class.score", &[("score", &scores(&g.game, i))]))
                    )
                })
                .collect(),
        );
    }
    row(
        &mut out,
        s.get("html.journal-heading"),
        all.iter()
            .map(|f| {
                let mut cell = String::new();
                for r in &f.by_round {
                    for (i, d) in r.decisions.iter().enumerate() {
                        for j in &d.journal {
                            let _ = write!(
                                cell,
                                "<p>{} · {}: <em>{}</em></p>",
                                esc(&s.fmt("report.round", &[("round", &r.round.to_string())])),
                                esc(&name(&content.states[i].name)),
                                esc(&s.fmt("html.quoted", &[("text", j)]))
                            );
                        }
                    }
                }
                if cell.is_empty() { "–".into() } else { cell }
            })
            .collect(),
    );
    out.push_str("</table>");
    let legend = posture_legend(content, lang);
    let _ = writeln!(
        out,
        "<p class=\"muted\">{}</p></body></html>",
        esc(&s.fmt("class.postures", &[("legend", &legend)]))
    );
    out
}

const CLASS_STYLE: &str = "
body { font-family: 'DejaVu Sans', 'Noto Sans', 'Segoe UI', Arial, sans-serif; color: #141414; background: #fff;
  margin: 0 auto; padding: 1.5rem; font-size: 18px; line-height: 1.4; }
h1 { font-size: 1.7rem; }
.muted { color: #3b3b3b; }
table { border-collapse: collapse; }
th, td { border: 1px solid #6b6b6b; padding: 0.35rem 0.55rem; text-align: left; vertical-align: top; }
th { background: #f1efe8; }
td p { margin: 0 0 0.3rem; }
.mono { font-family: 'DejaVu Sans Mono', monospace; letter-spacing: 0.1em; font-size: 1.1rem; }
@media print { body { font-size: 10pt; padding: 0; } th { background: none; } }
";
