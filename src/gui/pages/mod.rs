//! Pages: the title screen, a new game (level, who plays each state, the seed), saved
//! games, settings, how to play, and the menu over a game. Pages stack: Esc closes the one
//! in front. On the title screen they fill the window; over a game they are a box in the
//! middle, with the game dimmed behind.

use std::sync::Arc;

use bevy::prelude::*;

use super::acts::UiAct;
use super::library::Library;
use super::theme::{self, UiFont};
use super::widgets::{self, ActivePanels, Block, PanelId, Row, View};
use super::{DisplaySettings, Frame, Redraw, Screen, Seat, Session, Tr, store};
use crate::ai::Strength;
use crate::content::Content;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Pages>()
        .init_resource::<SaveList>()
        .add_systems(
            Update,
            (
                (active_panels, type_seed).chain().in_set(Frame::Route),
                draw_pages
                    .run_if(resource_exists::<Library>)
                    .in_set(Frame::Draw),
            ),
        );
}

/// A page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Page {
    Title,
    NewGame,
    Load,
    Save,
    Settings,
    Help,
    /// The menu over a game (Esc).
    GameMenu,
    /// A hot-seat game passes the device on: nothing of the game shows until the next
    /// player is ready. Never on the stack: it is in front while the game waits for it.
    HandOver,
}

/// The page in front: the top of the stack, else the hand-over when one is due.
pub(super) fn front(pages: &Pages, session: Option<&Session>, screen: Screen) -> Option<Page> {
    pages.stack.last().copied().or_else(|| {
        (screen == Screen::Play && session.is_some_and(|s| s.pass_to.is_some()))
            .then_some(Page::HandOver)
    })
}

/// The pages open, the front one last, and the last thing a page did ("Saved to …").
#[derive(Resource, Default)]
pub(super) struct Pages {
    pub stack: Vec<Page>,
    pub notice: String,
}

/// The new game being set up.
#[derive(Resource, Default)]
pub(super) struct Form {
    /// Index into the library's levels.
    pub level: usize,
    pub seats: Vec<Seat>,
    pub seed: u64,
    /// The seed is being typed.
    pub editing: bool,
    pub typed: String,
    /// The picked level's content, or why it does not load.
    pub content: Option<Result<Arc<Content>, String>>,
}

/// Digits a seed may have.
const SEED_DIGITS: usize = 12;

impl Form {
    /// Pick level `index`: load its content and set who plays. A tutorial seats its
    /// player; otherwise the seats are kept when the states are the same, else one
    /// person plays Tajikistan (the state the essay is most about) against bots.
    pub fn pick(&mut self, library: &Library, index: usize) {
        let Some(level) = library.levels.get(index) else {
            return;
        };
        self.level = index;
        let content = library.content(&level.path);
        if let Ok(c) = &content {
            let n = c.seats();
            let bot = Seat::Bot(Strength::Normal);
            if let Some(p) = c.player {
                self.seats = (0..n)
                    .map(|i| if i == p.index() { Seat::Human } else { bot })
                    .collect();
            } else if self.seats.len() != n {
                let human = c.seat("TJK").map_or(0, |s| s.index());
                self.seats = (0..n)
                    .map(|i| if i == human { Seat::Human } else { bot })
                    .collect();
            }
        }
        self.content = Some(content);
    }
}

/// What the autosave and each slot hold, read when a page that lists them opens.
#[derive(Resource, Default)]
pub(super) struct SaveList(pub Vec<(&'static str, Option<Result<String, String>>)>);

impl SaveList {
    pub fn read(library: &Library, tr: &Tr) -> SaveList {
        let mut out = Vec::new();
        for name in [store::AUTOSAVE, store::AUTOSAVE_PREV]
            .into_iter()
            .chain(store::SLOTS)
        {
            let summary = store::read(name).map(|r| {
                r.and_then(|text| {
                    crate::session::Save::from_ron(&text)
                        .map(|s| describe_save(&s, library, tr))
                        .map_err(|e| {
                            e.diags(&store::location(name))
                                .first()
                                .map(ToString::to_string)
                                .unwrap_or_default()
                        })
                })
            });
            out.push((name, summary));
        }
        SaveList(out)
    }

    fn get(&self, name: &str) -> Option<&Result<String, String>> {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, s)| s.as_ref())
    }
}

/// One line about a save: its level, round and who plays.
fn describe_save(save: &crate::session::Save, library: &Library, tr: &Tr) -> String {
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
    tr.fmt(
        "ui.save-line",
        &[
            ("level", &level),
            ("round", &save.round.to_string()),
            ("who", &who),
        ],
    )
}

/// Shortcuts for numbered rows: digits, then letters the pages do not use otherwise.
pub(super) const NUMBER_KEYS: [&str; 9] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
/// Shortcuts for the seats of the new-game page.
const SEAT_KEYS: [&str; 8] = ["Q", "W", "E", "R", "T", "Y", "U", "I"];

/// Everything a page's view is made from.
pub(super) struct PageCtx<'a> {
    pub tr: &'a Tr,
    pub library: &'a Library,
    pub form: Option<&'a Form>,
    pub saves: &'a SaveList,
    pub display: &'a DisplaySettings,
    pub notice: &'a str,
    /// A game is on the board.
    pub playing: bool,
    /// The state a hot-seat game passes the device to.
    pub pass_to: Option<String>,
}

/// Whether this build can quit by itself (a browser tab is closed by the browser).
const CAN_QUIT: bool = cfg!(not(target_arch = "wasm32"));

/// A page's view.
pub(super) fn view(page: Page, cx: &PageCtx) -> View {
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
            match (
                cx.saves.get(store::AUTOSAVE),
                cx.saves.get(store::AUTOSAVE_PREV),
            ) {
                (Some(Ok(line)), _) => v.rows.push(
                    Row::new(
                        "C",
                        tr.fmt("ui.continue-autosave", &[("save", line)]),
                        UiAct::LoadSave(store::AUTOSAVE),
                    )
                    .detail(store::location(store::AUTOSAVE)),
                ),
                // A damaged autosave is reported, and the one before it offered.
                (Some(Err(e)), prev) => {
                    v.blocks
                        .push(Block::Note(tr.fmt("ui.autosave-damaged", &[("error", e)])));
                    if let Some(Ok(line)) = prev {
                        v.rows.push(
                            Row::new(
                                "C",
                                tr.fmt("ui.continue-previous", &[("save", line)]),
                                UiAct::LoadSave(store::AUTOSAVE_PREV),
                            )
                            .detail(store::location(store::AUTOSAVE_PREV)),
                        );
                    }
                }
                (None, Some(Ok(line))) => v.rows.push(
                    Row::new(
                        "C",
                        tr.fmt("ui.continue-previous", &[("save", line)]),
                        UiAct::LoadSave(store::AUTOSAVE_PREV),
                    )
                    .detail(store::location(store::AUTOSAVE_PREV)),
                ),
                _ => {}
            }
            v.rows.push(Row::new(
                "L",
                tr.get("ui.menu-load"),
                UiAct::Open(Page::Load),
            ));
            v.rows.push(Row::new(
                "S",
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
        Page::Load => {
            v.heading = tr.get("ui.load-heading").to_string();
            for (name, summary) in &cx.saves.0 {
                let label = slot_label(tr, name);
                // A slot has the same number here as on the save page.
                let key = slot_key(name);
                v.rows.push(match summary {
                    Some(Ok(line)) => Row {
                        key,
                        label: format!("{label}: {line}"),
                        act: Some(UiAct::LoadSave(name)),
                        detail: store::location(name),
                        on: false,
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
                    Some(Ok(line)) => tr.fmt("ui.save-replace", &[("save", line)]),
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
    v.blocks
        .push(Block::Note(tr.get("ui.new-note").to_string()));
    for (i, level) in cx.library.levels.iter().enumerate().take(NUMBER_KEYS.len()) {
        let on = i == form.level;
        v.rows.push(
            Row::new(
                NUMBER_KEYS[i],
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
            .on(on),
        );
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

pub(super) fn strength_key(s: Strength) -> &'static str {
    match s {
        Strength::Easy => "ui.bots-easy",
        Strength::Normal => "ui.bots-normal",
        Strength::Hard => "ui.bots-hard",
    }
}

/// The layer the pages are drawn on, over the game.
#[derive(Component)]
pub(super) struct PageRoot;

/// The box a page is drawn in.
#[derive(Component)]
pub(super) struct PageBox;

pub(super) fn spawn_page_root(mut commands: Commands) {
    commands
        .spawn((
            PageRoot,
            Node {
                position_type: PositionType::Absolute,
                width: Val::Percent(100.0),
                height: Val::Percent(100.0),
                justify_content: JustifyContent::Center,
                align_items: AlignItems::Center,
                display: Display::None,
                ..default()
            },
            BackgroundColor(theme::BG),
            GlobalZIndex(100),
        ))
        .with_children(|root| {
            root.spawn((
                PageBox,
                Node {
                    flex_direction: FlexDirection::Column,
                    width: Val::Px(760.0),
                    max_width: Val::Percent(94.0),
                    max_height: Val::Percent(94.0),
                    padding: UiRect::all(Val::Px(20.0)),
                    border: UiRect::all(Val::Px(1.0)),
                    ..default()
                },
                BackgroundColor(theme::PAGE),
                BorderColor::all(Color::srgb(0.25, 0.28, 0.33)),
            ))
            .with_children(|b| {
                widgets::spawn_scroller(b, PanelId::Page, widgets::scroller_box(), ());
            });
        });
}

/// Which panels take keys: the page in front, else the game's controls; none while a
/// seed is typed. Esc with no page open opens the game's menu.
pub(super) fn active_panels(
    pages: Res<Pages>,
    form: Option<Res<Form>>,
    screen: Res<State<Screen>>,
    session: Option<Res<Session>>,
    mut active: ResMut<ActivePanels>,
    mut esc: ResMut<widgets::EscFallback>,
) {
    let front = front(&pages, session.as_deref(), *screen.get());
    let typing = form.is_some_and(|f| f.editing) && front == Some(Page::NewGame);
    let menu = (pages.stack.is_empty() && *screen.get() == Screen::Play)
        .then_some(UiAct::Open(Page::GameMenu));
    if esc.0 != menu {
        esc.0 = menu;
    }
    let want = if typing {
        Vec::new()
    } else if front.is_some() {
        vec![PanelId::Page]
    } else if *screen.get() == Screen::Play {
        vec![PanelId::Controls]
    } else {
        Vec::new()
    };
    if active.0 != want {
        active.0 = want;
    }
}

/// Typing a seed on the new-game page: digits, Backspace, Enter to keep it, Esc to
/// leave it as it was.
pub(super) fn type_seed(
    input: Res<ButtonInput<KeyCode>>,
    form: Option<ResMut<Form>>,
    mut redraw: ResMut<Redraw>,
) {
    let Some(mut form) = form else { return };
    if !form.editing {
        return;
    }
    let mut changed = false;
    for k in input.get_just_pressed() {
        match widgets::key_name(*k) {
            Some(d)
                if d.len() == 1
                    && d.as_bytes()[0].is_ascii_digit()
                    && form.typed.len() < SEED_DIGITS =>
            {
                form.typed.push_str(d);
                changed = true;
            }
            Some("Backspace") => {
                form.typed.pop();
                changed = true;
            }
            Some("Enter") => {
                if let Ok(seed) = form.typed.parse::<u64>() {
                    form.seed = seed;
                }
                form.editing = false;
                changed = true;
            }
            Some("Esc") => {
                form.editing = false;
                changed = true;
            }
            _ => {}
        }
    }
    if changed {
        redraw.0 += 1;
    }
}

/// What pages read.
#[derive(bevy::ecs::system::SystemParam)]
pub(super) struct PageData<'w> {
    tr: Res<'w, Tr>,
    library: Res<'w, Library>,
    form: Option<Res<'w, Form>>,
    saves: Res<'w, SaveList>,
    display: Res<'w, DisplaySettings>,
}

/// Draw the page in front when anything it shows changes; hide the layer when no page
/// is open.
#[expect(
    clippy::too_many_arguments,
    reason = "a page shows a little of everything"
)]
pub(super) fn draw_pages(
    mut commands: Commands,
    pages: Res<Pages>,
    redraw: Res<Redraw>,
    screen: Res<State<Screen>>,
    cx: PageData,
    session: Option<Res<Session>>,
    font: Res<UiFont>,
    mut root: Query<(&mut Node, &mut BackgroundColor), With<PageRoot>>,
    body: Query<(Entity, &widgets::ViewBody)>,
    mut last: Local<Option<(u64, Option<Page>, Screen)>>,
) {
    let page = front(&pages, session.as_deref(), *screen.get());
    let key = (redraw.0, page, *screen.get());
    if *last == Some(key) {
        return;
    }
    *last = Some(key);
    let Ok((mut node, mut bg)) = root.single_mut() else {
        return;
    };
    let Some(page) = page else {
        node.display = Display::None;
        return;
    };
    node.display = Display::Flex;
    // Over a game, the board stays in sight, dimmed (but not at a hand-over).
    bg.0 = if *screen.get() == Screen::Play && page != Page::HandOver {
        Color::srgba(0.0, 0.0, 0.0, 0.6)
    } else {
        theme::BG
    };
    let PageData {
        tr,
        library,
        form,
        saves,
        display,
    } = cx;
    let ctx = PageCtx {
        tr: &tr,
        library: &library,
        form: form.as_deref(),
        saves: &saves,
        display: &display,
        notice: &pages.notice,
        playing: session.as_ref().is_some_and(|s| s.game.outcome().is_none())
            && *screen.get() == Screen::Play,
        pass_to: session.as_ref().and_then(|s| {
            s.pass_to
                .map(|p| tr.pick(&s.game.content().states[p.index()].name))
        }),
    };
    let v = view(page, &ctx);
    if let Some((e, _)) = body.iter().find(|(_, b)| b.0 == PanelId::Page) {
        widgets::draw_view(&mut commands, e, v, PanelId::Page, &font);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx<'a>(
        tr: &'a Tr,
        library: &'a Library,
        form: Option<&'a Form>,
        saves: &'a SaveList,
        display: &'a DisplaySettings,
    ) -> PageCtx<'a> {
        PageCtx {
            tr,
            library,
            form,
            saves,
            display,
            notice: "",
            playing: true,
            pass_to: Some("Tajikistan".into()),
        }
    }

    fn keys(v: &View) -> Vec<&'static str> {
        v.rows.iter().filter_map(|r| r.key).collect()
    }

    #[test]
    fn no_page_uses_a_shortcut_twice() {
        let tr = Tr::new("en");
        let library = Library::from_disk(None);
        let mut form = Form::default();
        form.pick(&library, 0);
        let saves = SaveList::default();
        let display = DisplaySettings::default();
        for page in [
            Page::Title,
            Page::NewGame,
            Page::Load,
            Page::Save,
            Page::Settings,
            Page::Help,
            Page::GameMenu,
            Page::HandOver,
        ] {
            let v = view(page, &ctx(&tr, &library, Some(&form), &saves, &display));
            let mut k = keys(&v);
            let n = k.len();
            k.sort_unstable();
            k.dedup();
            assert_eq!(k.len(), n, "{page:?} repeats a shortcut: {:?}", keys(&v));
            if page != Page::Title && page != Page::HandOver {
                assert!(keys(&v).contains(&"Esc"), "{page:?} has a way back");
            }
        }
    }

    #[test]
    fn the_new_game_page_offers_every_level_and_seat_and_starts_only_a_loaded_level() {
        let tr = Tr::new("en");
        let library = Library::from_disk(None);
        let index = library
            .find("levels/tutorial.ron")
            .expect("the tutorial is offered");
        let mut form = Form::default();
        form.pick(&library, index);
        // The tutorial seats its player, Tajikistan; the other states are bots.
        let content = form.content.clone().unwrap().unwrap();
        let tjk = content.seat("TJK").unwrap().index();
        assert_eq!(form.seats.iter().filter(|s| s.is_human()).count(), 1);
        assert!(form.seats[tjk].is_human());
        let saves = SaveList::default();
        let display = DisplaySettings::default();
        let v = view(
            Page::NewGame,
            &ctx(&tr, &library, Some(&form), &saves, &display),
        );
        let levels = v
            .rows
            .iter()
            .filter(|r| matches!(r.act, Some(UiAct::PickLevel(_))))
            .count();
        assert_eq!(levels, library.levels.len().min(NUMBER_KEYS.len()));
        let seats = v
            .rows
            .iter()
            .filter(|r| matches!(r.act, Some(UiAct::CycleSeat(_))))
            .count();
        assert_eq!(seats, content.seats());
        assert!(v.rows.iter().any(|r| r.act == Some(UiAct::Start)));
        form.content = Some(Err("levels/x.ron:1:1: broken".into()));
        let v = view(
            Page::NewGame,
            &ctx(&tr, &library, Some(&form), &saves, &display),
        );
        assert!(
            !v.rows.iter().any(|r| r.act == Some(UiAct::Start)),
            "a broken level cannot start"
        );
        assert!(
            v.blocks
                .iter()
                .any(|b| matches!(b, Block::Note(n) if n.contains("broken")))
        );
    }
}
