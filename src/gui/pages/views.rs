//! What each page shows: its heading, text and rows, from what the page reads.

use super::{Form, Page, SaveList};
use crate::ai::Strength;
use crate::gui::acts::UiAct;
use crate::gui::library::Library;
use crate::gui::widgets::{Block, Row, View};
use crate::gui::{DisplaySettings, Seat, Tr, store};

/// Shortcuts for numbered rows: digits, then letters the pages do not use otherwise.
pub(in crate::gui) const NUMBER_KEYS: [&str; 9] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
/// Shortcuts for the seats of the new-game page.
const SEAT_KEYS: [&str; 8] = ["Q", "W", "E", "R", "T", "Y", "U", "I"];

/// Everything a page's view is made from.
pub(in crate::gui) struct PageCtx<'a> {
    pub tr: &'a Tr,
    pub library: &'a Library,
    pub form: Option<&'a Form>,
    pub saves: &'a SaveList,
    pub display: &'a DisplaySettings,
    pub notice: &'a str,
    /// The join form, and the class seat kept from before.
    pub join: Option<&'a crate::gui::remote::JoinForm>,
    pub kept: Option<&'a crate::gui::remote::Kept>,
    /// The states one may join as, by name (the game's own level's).
    pub join_states: Vec<String>,
    /// A game is on the board.
    pub playing: bool,
    /// The state a hot-seat game passes the device to.
    pub pass_to: Option<String>,
}

/// Whether this build can quit by itself (a browser tab is closed by the browser).
const CAN_QUIT: bool = cfg!(not(target_arch = "wasm32"));

/// A page's view.
pub(in crate::gui) fn view(page: Page, cx: &PageCtx) -> View {
    let tr = cx.tr;
    let back = || Row::new("Esc", tr.get("ui.back"), UiAct::Back);
    let mut v = View::default();
    if !cx.notice.is_empty() {
        v.blocks.push(Block::Note(cx.notice.to_string()));
    }
    match page {
        Page::Title => {
            v.blocks
                .insert(0, Block::Title(tr.get("ui.title").to_string()));
            v.blocks
                .insert(1, Block::Text(tr.get("ui.subtitle").to_string()));
            v.blocks
                .push(Block::Note(tr.get("ui.title-note").to_string()));
            v.rows.push(Row::new(
                "N",
                tr.get("ui.menu-new"),
                UiAct::Open(Page::NewGame),
            ));
            // C continues the autosave; a damaged one is reported and the one before it
            // offered; a finished game is not offered (its debrief is on the load page).
            let line = |save: &crate::session::Save| describe_save(save, cx.library, tr);
            let previous = match cx.saves.get(store::AUTOSAVE_PREV) {
                Some(Ok(save)) if !save.over => Some(line(save)),
                _ => None,
            };
            let (name, key, text) = match cx.saves.get(store::AUTOSAVE) {
                Some(Ok(save)) if !save.over => {
                    (store::AUTOSAVE, "ui.continue-autosave", Some(line(save)))
                }
                Some(Ok(_)) => (store::AUTOSAVE, "", None),
                Some(Err(e)) => {
                    v.blocks
                        .push(Block::Note(tr.fmt("ui.autosave-damaged", &[("error", e)])));
                    (store::AUTOSAVE_PREV, "ui.continue-previous", previous)
                }
                None => (store::AUTOSAVE_PREV, "ui.continue-previous", previous),
            };
            if let Some(text) = text {
                v.rows.push(
                    Row::new("C", tr.fmt(key, &[("save", &text)]), UiAct::LoadSave(name))
                        .detail(store::location(name)),
                );
            }
            v.rows.push(Row::new(
                "L",
                tr.get("ui.menu-load"),
                UiAct::Open(Page::Load),
            ));
            v.rows.push(
                Row::new("J", tr.get("ui.menu-join"), UiAct::Open(Page::Join))
                    .detail(tr.get("ui.menu-join-detail")),
            );
            // Settings are O here and in the game's menu (S saves there).
            v.rows.push(Row::new(
                "O",
                tr.get("ui.menu-settings"),
                UiAct::Open(Page::Settings),
            ));
            v.rows.push(Row::new(
                "H",
                tr.get("ui.menu-help"),
                UiAct::Open(Page::Help),
            ));
            if CAN_QUIT {
                v.rows
                    .push(Row::new("X", tr.get("ui.menu-quit"), UiAct::Quit));
            }
        }
        Page::NewGame => new_game_view(cx, &mut v),
        Page::Join => join_view(cx, &mut v),
        Page::Load => {
            v.heading = tr.get("ui.load-heading").to_string();
            for (name, summary) in &cx.saves.0 {
                let label = slot_label(tr, name);
                // A slot has the same number here as on the save page.
                let key = slot_key(name);
                v.rows.push(match summary {
                    Some(Ok(save)) => Row {
                        key,
                        label: format!("{label}: {}", describe_save(save, cx.library, tr)),
                        act: Some(UiAct::LoadSave(name)),
                        detail: store::location(name),
                        ..Row::default()
                    },
                    Some(Err(e)) => Row {
                        key: None,
                        label: format!("{label}: {}", tr.get("ui.save-unreadable")),
                        detail: e.clone(),
                        ..Row::default()
                    },
                    None => Row {
                        label: format!("{label}: {}", tr.get("ui.save-empty")),
                        ..Row::default()
                    },
                });
            }
            v.rows.push(back());
        }
        Page::Save => {
            v.heading = tr.get("ui.save-heading").to_string();
            for (i, name) in store::SLOTS.iter().enumerate() {
                let now = match cx.saves.get(name) {
                    Some(Ok(save)) => tr.fmt(
                        "ui.save-replace",
                        &[("save", &describe_save(save, cx.library, tr))],
                    ),
                    Some(Err(_)) => tr.get("ui.save-unreadable").to_string(),
                    None => tr.get("ui.save-empty").to_string(),
                };
                v.rows.push(
                    Row::new(
                        NUMBER_KEYS[i],
                        format!("{}: {now}", slot_label(tr, name)),
                        UiAct::SaveTo(name),
                    )
                    .detail(store::location(name)),
                );
            }
            v.rows.push(back());
        }
        Page::Settings => {
            v.heading = tr.get("ui.settings-heading").to_string();
            let d = cx.display;
            let on_off = |b: bool| tr.get(if b { "ui.on" } else { "ui.off" }).to_string();
            v.rows.push(
                Row::new(
                    "Z",
                    tr.fmt(
                        "ui.menu-scale",
                        &[("pct", &format!("{:.0}", d.ui_scale * 100.0))],
                    ),
                    UiAct::Scale,
                )
                .detail(tr.get("ui.scale-detail")),
            );
            v.rows.push(Row::new(
                "C",
                tr.fmt("ui.menu-palette", &[("on", &on_off(d.colour_blind))]),
                UiAct::Palette,
            ));
            v.rows.push(
                Row::new(
                    "P",
                    tr.fmt("ui.menu-projector", &[("on", &on_off(d.projector))]),
                    UiAct::Projector,
                )
                .detail(tr.get("ui.projector-detail")),
            );
            v.rows.push(Row::new(
                "M",
                tr.fmt("ui.menu-motion", &[("on", &on_off(d.reduced_motion))]),
                UiAct::Motion,
            ));
            v.rows.push(
                Row::new(
                    "V",
                    tr.fmt("ui.menu-detail", &[("on", &on_off(d.detailed))]),
                    UiAct::Detail,
                )
                .detail(tr.get("ui.detail-detail")),
            );
            if CAN_QUIT {
                v.rows.push(Row::new(
                    "U",
                    tr.fmt("ui.menu-fullscreen", &[("on", &on_off(d.fullscreen))]),
                    UiAct::Fullscreen,
                ));
            }
            v.rows.push(
                Row::new(
                    "G",
                    tr.fmt("ui.menu-language", &[("lang", tr.get("ui.language-name"))]),
                    UiAct::Language,
                )
                .detail(tr.get("ui.language-detail")),
            );
            v.rows.push(back());
        }
        Page::Help => {
            v.heading = tr.get("ui.help-heading").to_string();
            for key in [
                "help.goal",
                "help.round",
                "help.postures",
                "help.map",
                "help.win",
                "help.keys",
            ] {
                v.blocks.push(Block::Text(tr.get(key).to_string()));
            }
            v.rows.push(back());
        }
        Page::HandOver => {
            v.heading = tr.fmt(
                "ui.pass-to",
                &[("state", cx.pass_to.as_deref().unwrap_or_default())],
            );
            v.rows
                .push(Row::new("Enter", tr.get("ui.ready"), UiAct::Continue));
        }
        Page::GameMenu => {
            v.heading = tr.get("ui.menu").to_string();
            let save = cx
                .playing
                .then_some(("S", "ui.menu-save", UiAct::Open(Page::Save)));
            let entries = [
                Some(("Esc", "ui.menu-resume", UiAct::Back)),
                save,
                Some(("L", "ui.menu-load", UiAct::Open(Page::Load))),
                Some(("N", "ui.menu-new", UiAct::Open(Page::NewGame))),
                Some(("O", "ui.menu-settings", UiAct::Open(Page::Settings))),
                Some(("H", "ui.menu-help", UiAct::Open(Page::Help))),
                Some(("T", "ui.menu-title", UiAct::ToTitle)),
            ];
            for (key, label, act) in entries.into_iter().flatten() {
                v.rows.push(Row::new(key, tr.get(label), act));
            }
            if CAN_QUIT {
                v.rows
                    .push(Row::new("X", tr.get("ui.menu-quit"), UiAct::Quit));
            }
        }
    }
    v
}

/// A save's shortcut: its slot's number; A for the autosave, P for the one before it.
fn slot_key(name: &str) -> Option<&'static str> {
    match name {
        store::AUTOSAVE => Some("A"),
        store::AUTOSAVE_PREV => Some("P"),
        _ => store::SLOTS
            .iter()
            .position(|s| *s == name)
            .and_then(|i| NUMBER_KEYS.get(i).copied()),
    }
}

fn slot_label(tr: &Tr, name: &str) -> String {
    if name == store::AUTOSAVE {
        tr.get("ui.autosave").to_string()
    } else if name == store::AUTOSAVE_PREV {
        tr.get("ui.autosave-prev").to_string()
    } else {
        let n = store::SLOTS
            .iter()
            .position(|s| *s == name)
            .map_or(0, |i| i + 1);
        tr.fmt("ui.slot", &[("n", &n.to_string())])
    }
}

fn new_game_view(cx: &PageCtx, v: &mut View) {
    let tr = cx.tr;
    v.heading = tr.get("ui.new-heading").to_string();
    let Some(form) = cx.form else {
        v.rows.push(Row::new("Esc", tr.get("ui.back"), UiAct::Back));
        return;
    };
    v.blocks.push(Block::Note(tr.fmt(
        "ui.new-note",
        &[(
            "n",
            &cx.library.levels.len().min(NUMBER_KEYS.len()).to_string(),
        )],
    )));
    // Every level is listed; the first nine have a number key, the rest are reached with
    // Tab (or the pointer).
    for (i, level) in cx.library.levels.iter().enumerate() {
        let on = i == form.level;
        let mut row = Row::new(
            NUMBER_KEYS.get(i).copied().unwrap_or(""),
            tr.fmt(
                "ui.level-line",
                &[
                    ("name", &tr.pick(&level.name)),
                    ("rounds", &level.rounds.to_string()),
                ],
            ),
            UiAct::PickLevel(i),
        )
        .detail(tr.pick(&level.description))
        .on(on);
        row.key = NUMBER_KEYS.get(i).copied();
        v.rows.push(row);
    }
    match &form.content {
        Some(Ok(content)) => {
            if let Some(level) = cx.library.levels.get(form.level) {
                let d = tr.pick(&level.description);
                if !d.is_empty() {
                    v.blocks.push(Block::Text(d));
                }
            }
            for (i, st) in content.states.iter().enumerate().take(SEAT_KEYS.len()) {
                let who = match form.seats.get(i) {
                    Some(Seat::Human) => tr.get("ui.seat-human").to_string(),
                    Some(Seat::Bot(b)) => {
                        tr.fmt("ui.seat-bot", &[("strength", tr.get(strength_key(*b)))])
                    }
                    None => String::new(),
                };
                v.rows.push(
                    Row::new(
                        SEAT_KEYS[i],
                        format!("{}: {who}", tr.pick(&st.name)),
                        UiAct::CycleSeat(i),
                    )
                    .detail(tr.pick(&st.note))
                    .on(form.seats.get(i).is_some_and(|s| s.is_human())),
                );
            }
            v.rows.push(
                Row::new("A", tr.get("ui.all-bots"), UiAct::AllBots)
                    .detail(tr.get("ui.bots-detail")),
            );
        }
        Some(Err(e)) => {
            v.blocks
                .push(Block::Note(tr.fmt("ui.level-broken", &[("error", e)])));
        }
        None => {}
    }
    let seed = if form.editing {
        tr.fmt("ui.seed-typing", &[("seed", &form.typed)])
    } else {
        tr.fmt("ui.seed-row", &[("seed", &form.seed.to_string())])
    };
    v.rows
        .push(Row::new("S", seed, UiAct::EditSeed).detail(tr.get("ui.seed-detail")));
    v.rows
        .push(Row::new("G", tr.get("ui.new-seed"), UiAct::NewSeed));
    let ready = matches!(form.content, Some(Ok(_)));
    let humans = form.seats.iter().filter(|s| s.is_human()).count();
    let start = if humans == 0 {
        tr.get("ui.start-watch").to_string()
    } else {
        tr.fmt("ui.start", &[("n", &humans.to_string())])
    };
    v.rows.push(Row {
        key: Some("Enter"),
        label: start,
        act: ready.then_some(UiAct::Start),
        ..Row::default()
    });
    v.rows.push(Row::new("Esc", tr.get("ui.back"), UiAct::Back));
}

fn strength_key(s: Strength) -> &'static str {
    match s {
        Strength::Easy => "ui.bots-easy",
        Strength::Normal => "ui.bots-normal",
        Strength::Hard => "ui.bots-hard",
        Strength::Strong => "ui.bots-strong",
    }
}

/// One line about a save: its level, round and who plays.
pub(in crate::gui) fn describe_save(
    save: &crate::session::Save,
    library: &Library,
    tr: &Tr,
) -> String {
    let level = library.find(&save.level).map_or_else(
        || save.level_id.clone(),
        |i| tr.pick(&library.levels[i].name),
    );
    let humans: Vec<String> = library
        .content(&save.level)
        .map(|c| {
            save.seats
                .iter()
                .enumerate()
                .filter(|(_, s)| **s == crate::session::Controller::Human)
                .filter_map(|(i, _)| c.states.get(i).map(|s| s.id.clone()))
                .collect()
        })
        .unwrap_or_default();
    let who = if humans.is_empty() {
        tr.get("ui.save-bots").to_string()
    } else {
        humans.join(", ")
    };
    let mut line = tr.fmt(
        "ui.save-line",
        &[
            ("level", &level),
            ("round", &save.round.to_string()),
            ("who", &who),
        ],
    );
    if save.over {
        line.push_str(&format!(" ({})", tr.get("ui.save-over")));
    }
    if save.saved_at > 0 {
        line.push_str(&format!(
            " · {}",
            crate::session::utc_minutes(save.saved_at)
        ));
    }
    line
}

/// The "Join a class" page: the host's address and the table's join code (typed), the
/// state to play (or the projector), Join; and the seat kept from before, to take back.
fn join_view(cx: &PageCtx, v: &mut View) {
    use crate::gui::remote::JoinField;
    let tr = cx.tr;
    v.heading = tr.get("ui.join-heading").to_string();
    v.blocks
        .push(Block::Note(tr.get("ui.join-note").to_string()));
    if let Some(kept) = cx.kept {
        v.rows.push(
            Row::new("R", tr.get("ui.join-rejoin"), UiAct::Rejoin).detail(tr.fmt(
                "ui.join-rejoin-detail",
                &[
                    ("url", &kept.url),
                    ("state", kept.state.as_deref().unwrap_or("-")),
                ],
            )),
        );
    }
    let Some(form) = cx.join else {
        v.rows.push(Row::new("Esc", tr.get("ui.back"), UiAct::Back));
        return;
    };
    let field = |f: JoinField, key: &str, text: &str| {
        if form.field == Some(f) {
            tr.fmt("ui.join-typing", &[("field", tr.get(key)), ("text", text)])
        } else {
            format!(
                "{}: {}",
                tr.get(key),
                if text.is_empty() { "…" } else { text }
            )
        }
    };
    v.rows.push(
        Row::new(
            "A",
            field(JoinField::Address, "ui.join-address", &form.address),
            UiAct::JoinEdit(JoinField::Address),
        )
        .detail(tr.get("ui.join-address-detail"))
        .on(form.field == Some(JoinField::Address)),
    );
    v.rows.push(
        Row::new(
            "C",
            field(JoinField::Code, "ui.join-code", &form.code),
            UiAct::JoinEdit(JoinField::Code),
        )
        .on(form.field == Some(JoinField::Code)),
    );
    for (i, name) in cx.join_states.iter().enumerate().take(NUMBER_KEYS.len()) {
        v.rows.push(
            Row::new(NUMBER_KEYS[i], name.clone(), UiAct::JoinState(Some(i)))
                .on(form.state == Some(i)),
        );
    }
    v.rows.push(
        Row::new("P", tr.get("ui.join-projector"), UiAct::JoinState(None)).on(form.state.is_none()),
    );
    v.rows
        .push(Row::new("Enter", tr.get("ui.join-go"), UiAct::Join));
    v.rows.push(Row::new("Esc", tr.get("ui.back"), UiAct::Back));
}
