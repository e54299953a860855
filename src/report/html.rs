//! The debrief of one game as one self-contained HTML page (no outside address: styles
//! and charts inline) for people to read and print: the outcome, the essay's claims next
//! to what happened in this game, a chart of every track, and round by round the news
//! with its notes and sources and every state's decisions with its journal lines.

use std::fmt::Write;

use crate::content::{Content, Scope};
use crate::rules::Game;
use crate::text::Strings;

use super::facts::{self, GameFacts, Record};

/// Five colours told apart with any colour vision (Okabe–Ito), with a dash each, so the
/// lines stay apart in black-and-white print too.
const SERIES: [(&str, &str); 6] = [
    ("#0072B2", ""),
    ("#D55E00", "8 4"),
    ("#009E73", "2 3"),
    ("#CC79A7", "10 3 2 3"),
    ("#8a6d00", "4 2"),
    ("#000000", "1 2"),
];

/// Text made safe inside HTML.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One line of a chart: its label and a value per round.
pub struct Series {
    pub label: String,
    pub values: Vec<i32>,
}

/// A line chart as inline SVG: rounds along, `min..=max` up, a line per series with its
/// colour and dash, a legend below, and a title and description for screen readers.
pub fn chart(
    title: &str,
    (round_word, numbers): (&str, &str),
    series: &[Series],
    min: i32,
    max: i32,
) -> String {
    let (w, h) = (560.0_f64, 200.0_f64);
    let (left, right, top, bottom) = (64.0, 12.0, 12.0, 30.0);
    let rounds = series.iter().map(|s| s.values.len()).max().unwrap_or(0);
    let span = f64::from((max - min).max(1));
    let x = |i: usize| {
        if rounds <= 1 {
            left
        } else {
            left + (w - left - right) * i as f64 / (rounds - 1) as f64
        }
    };
    let y = |v: i32| top + (h - top - bottom) * (1.0 - f64::from(v - min) / span);
    let mut out = String::new();
    let _ = write!(
        out,
        "<figure class=\"chart\"><figcaption>{t}</figcaption>\
         <svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{t}\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title>{t}</title>",
        t = esc(title)
    );
    // The axis: min, middle and max, and every round.
    for v in [min, min + (max - min) / 2, max] {
        let _ = write!(
            out,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" class=\"grid\"/>\
             <text x=\"{}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"end\">{v}</text>",
            w - right,
            left - 4.0,
            y(v) + 4.0,
            y = y(v)
        );
    }
    for i in 0..rounds {
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{}\" class=\"axis\" text-anchor=\"middle\">{}</text>",
            x(i),
            h - 10.0,
            i + 1
        );
    }
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" class=\"axis\" text-anchor=\"end\">{}</text>",
        left - 10.0,
        h - 10.0,
        esc(round_word)
    );
    for (k, s) in series.iter().enumerate() {
        let (colour, dash) = SERIES[k % SERIES.len()];
        let points: Vec<String> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x(i), y((*v).clamp(min, max))))
            .collect();
        let _ = write!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{}><title>{}</title></polyline>",
            points.join(" "),
            if dash.is_empty() {
                String::new()
            } else {
                format!(" stroke-dasharray=\"{dash}\"")
            },
            esc(&s.label)
        );
    }
    out.push_str("</svg>");
    if series.len() > 1 {
        out.push_str("<ul class=\"legend\">");
        for (k, s) in series.iter().enumerate() {
            let (colour, dash) = SERIES[k % SERIES.len()];
            let _ = write!(
                out,
                "<li><svg width=\"28\" height=\"10\" aria-hidden=\"true\"><line x1=\"0\" x2=\"28\" y1=\"5\" y2=\"5\" stroke=\"{colour}\" stroke-width=\"3\"{}/></svg>{}</li>",
                if dash.is_empty() {
                    String::new()
                } else {
                    format!(" stroke-dasharray=\"{dash}\"")
                },
                esc(&s.label)
            );
        }
        out.push_str("</ul>");
    }
    // The numbers themselves, for a reader who cannot see the lines.
    let _ = write!(
        out,
        "<details><summary>{}</summary><table class=\"nums\"><tr><th></th>",
        esc(numbers)
    );
    for i in 1..=rounds {
        let _ = write!(out, "<th>{i}</th>");
    }
    out.push_str("</tr>");
    for s in series {
        let _ = write!(out, "<tr><th>{}</th>", esc(&s.label));
        for v in &s.values {
            let _ = write!(out, "<td>{v}</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</table></details></figure>");
    out
}

/// A figure with at most one decimal, written as the reader's language writes decimals
/// (a comma in Russian).
fn one_decimal(v: f64, lang: &str) -> String {
    let r = (v * 10.0).round() / 10.0;
    let text = if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    };
    if lang == "ru" {
        text.replace('.', ",")
    } else {
        text
    }
}

/// The essay's claims, each with what happened in this game in a plain sentence (none
/// for a claim whose tracks the content does not have).
pub fn essay_check(rec: &Record, f: &GameFacts, s: &Strings) -> Vec<(String, String)> {
    let content = rec.content;
    let lang = s.lang.as_str();
    let name = |t: &crate::content::Text| crate::text::pick(t, lang).to_string();
    let mut out = Vec::new();
    let rounds = f.rounds.to_string();
    // 1. Old threats.
    let sec = content.roles.security.index();
    if let Some(end) = facts::seat_mean_end(rec, sec) {
        let kinds: Vec<String> = content
            .tokens
            .iter()
            .zip(&f.crossings)
            .map(|(t, n)| {
                crate::text::counted(&t.counted, lang, i64::from(*n))
                    .map_or_else(|| format!("{n} {}", name(&t.name)), |c| format!("{n} {c}"))
            })
            .collect();
        let total: u32 = f.crossings.iter().sum();
        out.push((
            s.get("essay.claim-threats").to_string(),
            s.fmt(
                "essay.game-threats",
                &[
                    ("count", &total.to_string()),
                    ("kinds", &kinds.join(", ")),
                    (
                        "from",
                        &one_decimal(facts::seat_mean_start(content, sec), lang),
                    ),
                    ("to", &one_decimal(end, lang)),
                ],
            ),
        ));
    }
    // 2. The Taliban must build a state.
    if let (Some(e), Some(p), Some((c0, c1))) = (
        facts::track(content, "engagement"),
        facts::track(content, "pressure"),
        facts::shared_span(rec, "taliban_course"),
    ) {
        let sum = |t: usize| -> i32 { rec.history.iter().map(|r| r.shared[t]).sum() };
        out.push((
            s.get("essay.claim-state").to_string(),
            s.fmt(
                "essay.game-state",
                &[
                    ("engagement", &sum(e).to_string()),
                    ("pressure", &sum(p).to_string()),
                    ("rounds", &rounds),
                    ("from", &c0.to_string()),
                    ("to", &c1.to_string()),
                ],
            ),
        ));
    }
    // 3. A strong, moderate Taliban is better for the neighbours.
    if let Some((s0, s1)) = facts::shared_span(rec, "stability") {
        let stretches: Vec<String> = f
            .stretches
            .iter()
            .map(|st| {
                s.fmt(
                    "essay.stretch",
                    &[
                        (
                            "scenario",
                            s.get(&format!("quadrant.{}", st.quadrant.key())),
                        ),
                        ("from", &st.from.to_string()),
                        ("to", &st.to.to_string()),
                        (
                            "stability",
                            &st.stability
                                .map_or_else(String::new, |v| one_decimal(v, lang)),
                        ),
                    ],
                )
            })
            .collect();
        out.push((
            s.get("essay.claim-strong").to_string(),
            s.fmt(
                "essay.game-strong",
                &[
                    ("stretches", &stretches.join("; ")),
                    ("from", &s0.to_string()),
                    ("to", &s1.to_string()),
                ],
            ),
        ));
    }
    // 4. The global power shift.
    if let (Some(w), Some(r), Some(c), Some((v0, v1))) = (
        facts::track(content, "ties_west"),
        facts::track(content, "ties_russia"),
        facts::track(content, "ties_china"),
        facts::shared_span(rec, "rivalry"),
    ) {
        let span = |t: usize| {
            (
                one_decimal(facts::seat_mean_start(content, t), lang),
                one_decimal(facts::seat_mean_end(rec, t).unwrap_or(0.0), lang),
            )
        };
        let (w0, w1) = span(w);
        let (r0, r1) = span(r);
        let (c0, c1) = span(c);
        out.push((
            s.get("essay.claim-shift").to_string(),
            s.fmt(
                "essay.game-shift",
                &[
                    ("west0", &w0),
                    ("west1", &w1),
                    ("russia0", &r0),
                    ("russia1", &r1),
                    ("china0", &c0),
                    ("china1", &c1),
                    ("rivalry0", &v0.to_string()),
                    ("rivalry1", &v1.to_string()),
                ],
            ),
        ));
    }
    // 5. Multi-vector pushed toward dual-vector; one regional voice.
    if !f.dual_by_era.is_empty() {
        let eras: Vec<String> = content
            .eras
            .iter()
            .zip(&f.dual_by_era)
            .filter(|(_, (_, n))| *n > 0)
            .map(|(e, (d, n))| {
                s.fmt(
                    "essay.era-dual",
                    &[
                        ("era", &name(&e.name)),
                        ("dual", &d.to_string()),
                        ("all", &n.to_string()),
                    ],
                )
            })
            .collect();
        out.push((
            s.get("essay.claim-dual").to_string(),
            s.fmt(
                "essay.game-dual",
                &[
                    ("eras", &eras.join("; ")),
                    ("joint", &f.joint_rounds.to_string()),
                    ("rounds", &rounds),
                ],
            ),
        ));
    }
    out
}

const STYLE: &str = "
:root { --ink: #141414; --muted: #3b3b3b; --line: #6b6b6b; --soft: #d9d6cc; --accent: #0b4f8a; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', 'Noto Sans', 'Segoe UI', Arial, sans-serif; color: var(--ink);
  background: #fff; margin: 0 auto; max-width: 60rem; padding: 1.5rem; font-size: 18px; line-height: 1.45; }
h1 { font-size: 1.9rem; margin: 0 0 0.3rem; }
h2 { font-size: 1.45rem; margin: 2rem 0 0.6rem; border-bottom: 3px solid var(--accent); padding-bottom: 0.2rem; }
h3 { font-size: 1.15rem; margin: 1.2rem 0 0.4rem; }
p, li { max-width: 52rem; }
.lead { font-size: 1.2rem; font-weight: bold; }
.muted, .source { color: var(--muted); }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
table.claims td, table.claims th { width: 50%; }
.chart { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
.chart figcaption { font-weight: bold; }
.chart svg { width: 100%; max-width: 560px; height: auto; display: block; }
.chart .grid { stroke: var(--soft); stroke-width: 1; }
.chart .axis { font-size: 15px; fill: var(--muted); }
.legend { list-style: none; padding: 0; margin: 0.2rem 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; }
.chart .legend svg { width: 28px; height: 10px; display: inline-block; margin-right: 0.35rem; vertical-align: middle; }
.legend li { white-space: nowrap; }
table.nums td, table.nums th { padding: 0.1rem 0.35rem; font-size: 0.85rem; text-align: right; }
.card { border: 2px solid var(--line); border-radius: 8px; padding: 0.6rem 0.9rem; margin: 0.6rem 0; break-inside: avoid; page-break-inside: avoid; }
.card h4 { margin: 0 0 0.3rem; font-size: 1.1rem; }
.card .effect { font-weight: bold; }
.card .beyond { font-style: italic; }
.decisions td:first-child { white-space: nowrap; font-weight: bold; }
.journal { font-style: italic; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(26rem, 1fr)); gap: 0 1.5rem; }
footer { margin-top: 2rem; color: var(--muted); font-size: 0.9rem; }
@media print {
  body { font-size: 11pt; max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  details > summary { display: none; }
  .round { break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
";

/// The debrief of `game` as one self-contained HTML page in `s`'s language; `detailed`
/// gives the cards' fuller accounts of violence (the content-sensitivity setting).
pub fn html(game: &Game, s: &Strings, detailed: bool) -> String {
    let content: &Content = game.content();
    let lang = s.lang.as_str();
    let name = |t: &crate::content::Text| crate::text::pick(t, lang).to_string();
    let rec = Record::of_game(game);
    let mut f = facts::gather(&rec);
    facts::fill_orders(&rec, s, &mut f);
    let title = s.fmt(
        "report.title",
        &[
            ("level", &name(&content.level_name)),
            ("seed", &game.seed().to_string()),
        ],
    );
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>\n",
        esc(lang),
        esc(&title)
    );
    let _ = writeln!(
        out,
        "<header><h1>{}</h1><p class=\"muted\">{}</p>",
        esc(&title),
        esc(s.get("html.subtitle"))
    );
    // The outcome.
    match (game.outcome(), super::debrief::outcome_line(game, s)) {
        (Some(o), Some(line)) => {
            let _ = writeln!(out, "<p class=\"lead\">{}</p>", esc(&line));
            out.push_str("<table class=\"scores\"><tr>");
            for st in &content.states {
                let _ = write!(out, "<th>{}</th>", esc(&name(&st.name)));
            }
            out.push_str("</tr><tr>");
            for v in &o.scores {
                let _ = write!(out, "<td>{v}</td>");
            }
            out.push_str("</tr></table>");
            let _ = writeln!(
                out,
                "<p class=\"muted\">{}</p>",
                esc(s.get("html.scores-note"))
            );
        }
        _ => {
            let _ = writeln!(
                out,
                "<p class=\"lead\">{}</p>",
                esc(&s.fmt(
                    "html.in-progress",
                    &[("round", &game.clock().round.to_string())]
                ))
            );
        }
    }
    out.push_str("</header>\n");

    // The essay's claims next to this game.
    let _ = writeln!(
        out,
        "<section id=\"essay\"><h2>{}</h2><p>{}</p>",
        esc(s.get("html.essay-heading")),
        esc(s.get("html.essay-intro"))
    );
    let _ = write!(
        out,
        "<table class=\"claims\"><tr><th>{}</th><th>{}</th></tr>",
        esc(s.get("html.essay-says")),
        esc(s.get("html.game-did"))
    );
    for (claim, here) in essay_check(&rec, &f, s) {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(&claim),
            esc(&here)
        );
    }
    out.push_str("</table>");
    // What the groups wrote.
    let mut any = false;
    for (i, st) in content.states.iter().enumerate() {
        let lines: Vec<(u32, &String)> = f
            .by_round
            .iter()
            .flat_map(|r| r.decisions[i].journal.iter().map(move |j| (r.round, j)))
            .collect();
        if lines.is_empty() {
            continue;
        }
        if !any {
            let _ = writeln!(out, "<h3>{}</h3>", esc(s.get("html.journal-heading")));
            any = true;
        }
        let _ = write!(out, "<p><strong>{}</strong></p><ul>", esc(&name(&st.name)));
        for (r, j) in lines {
            let _ = write!(
                out,
                "<li>{}: <span class=\"journal\">{}</span></li>",
                esc(&s.fmt("report.round", &[("round", &r.to_string())])),
                esc(&s.fmt("html.quoted", &[("text", j)]))
            );
        }
        out.push_str("</ul>");
    }
    if !any {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{}</p>",
            esc(s.get("html.no-journal"))
        );
    }
    let _ = writeln!(
        out,
        "<p class=\"muted\">{}</p></section>",
        esc(s.get("html.model-caveat"))
    );

    // A chart of every track.
    let history = game.history();
    let round_word = s.get("html.rounds");
    let _ = writeln!(
        out,
        "<section id=\"tracks\"><h2>{}</h2><div class=\"charts\">",
        esc(s.get("html.tracks-heading"))
    );
    for (t, def) in content.tracks.iter().enumerate() {
        let series: Vec<Series> = match def.scope {
            Scope::Shared => vec![Series {
                label: name(&def.name),
                values: history.iter().map(|r| r.shared[t]).collect(),
            }],
            _ => content
                .states
                .iter()
                .enumerate()
                .map(|(i, st)| Series {
                    label: name(&st.name),
                    values: history
                        .iter()
                        .map(|r| r.seats.get(i).and_then(|v| v.get(t)).copied().unwrap_or(0))
                        .collect(),
                })
                .collect(),
        };
        // The range actually reached, widened to a readable span inside the track's own.
        let lo = series.iter().flat_map(|s| s.values.iter()).min().copied();
        let hi = series.iter().flat_map(|s| s.values.iter()).max().copied();
        let (min, max) = match (lo, hi) {
            (Some(lo), Some(hi)) if def.max - def.min > 40 => {
                let pad = ((hi - lo) / 5).max(5);
                ((lo - pad).max(def.min), (hi + pad).min(def.max))
            }
            _ => (def.min, def.max),
        };
        out.push_str(&chart(
            &name(&def.name),
            (round_word, s.get("html.numbers")),
            &series,
            min,
            max,
        ));
    }
    out.push_str("</div></section>\n");

    // Round by round: the news, then each state's decisions.
    let _ = writeln!(
        out,
        "<section id=\"rounds\"><h2>{}</h2>",
        esc(s.get("html.rounds-heading"))
    );
    for rf in &f.by_round {
        let _ = writeln!(
            out,
            "<section class=\"round\"><h3>{}</h3>",
            esc(&s.fmt("report.round", &[("round", &rf.round.to_string())]))
        );
        for (card, injected) in &rf.news {
            let c = &content.cards[card.index()];
            let _ = write!(
                out,
                "<article class=\"card\"><h4>{}{}</h4><p class=\"effect\">{}</p><p>{}</p>",
                esc(&name(&c.title)),
                if *injected {
                    format!(
                        " <span class=\"muted\">({})</span>",
                        esc(s.get("html.injected"))
                    )
                } else {
                    String::new()
                },
                esc(&name(&c.text)),
                esc(&crate::text::card_note(c, lang, detailed))
            );
            if !c.beyond.is_empty() {
                let _ = write!(
                    out,
                    "<p class=\"beyond\">{}</p>",
                    esc(&s.fmt("ui.beyond-essay", &[("what", &name(&c.beyond))]))
                );
            }
            let _ = write!(
                out,
                "<p class=\"source\">{}</p></article>",
                esc(&s.fmt(
                    "html.source",
                    &[("source", &crate::text::source_text(s, &c.source))]
                ))
            );
        }
        out.push_str("<table class=\"decisions\">");
        for (i, st) in content.states.iter().enumerate() {
            let d = &rf.decisions[i];
            let posture = d
                .posture
                .map(|p| name(&content.postures[p.index()].name))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}",
                esc(&name(&st.name)),
                esc(&posture)
            );
            for o in d.orders.iter().chain(&d.choices) {
                let _ = write!(out, "<br>{}", esc(o));
            }
            for j in &d.journal {
                let _ = write!(
                    out,
                    "<br><span class=\"journal\">{}</span>",
                    esc(&s.fmt("html.quoted", &[("text", j)]))
                );
            }
            out.push_str("</td></tr>");
        }
        out.push_str("</table></section>\n");
    }
    out.push_str("</section>\n");

    // The whole log, for the record.
    let _ = writeln!(
        out,
        "<section id=\"log\"><h2>{}</h2><details><summary>{}</summary><ol>",
        esc(s.get("report.log")),
        esc(s.get("html.log-open"))
    );
    for line in super::log::readable(content, s, game.log()) {
        let _ = write!(
            out,
            "<li>{} · {}: {}</li>",
            esc(&s.fmt("report.round", &[("round", &line.round.to_string())])),
            esc(s.get(line.phase.key())),
            esc(&line.text)
        );
    }
    out.push_str("</ol></details></section>\n");
    let _ = writeln!(
        out,
        "<footer>{}</footer></body></html>",
        esc(&s.fmt(
            "html.footer",
            &[("hash", &crate::hash::hex(game.state_hash()))]
        ))
    );
    out
}
