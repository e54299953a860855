//! Pages: the title screen, a new game (level, who plays each state, the seed), saved
//! games, settings, how to play, and the menu over a game. Pages stack: Esc closes the one
//! in front. On the title screen they fill the window; over a game they are a box in the
//! middle, with the game dimmed behind.

use std::sync::Arc;

use bevy::prelude::*;

mod views;

pub(in crate::gui) use views::{PageCtx, view};

use super::acts::UiAct;
use super::library::Library;
use super::theme::{self, UiFont};
use super::widgets::{self, ActivePanels, PanelId};
use super::{DisplaySettings, Frame, Redraw, Screen, Seat, Session, Tr, store};
use crate::ai::Strength;
use crate::content::Content;

pub(in crate::gui) fn plugin(app: &mut App) {
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
pub(in crate::gui) enum Page {
    Title,
    NewGame,
    Load,
    Save,
    Settings,
    Help,
    /// The menu over a game (Esc).
    GameMenu,
    /// Join a class on a classroom host.
    Join,
    /// A hot-seat game passes the device on: nothing of the game shows until the next
    /// player is ready. Never on the stack: it is in front while the game waits for it.
    HandOver,
}

/// The page in front: the top of the stack, else the hand-over when one is due.
pub(in crate::gui) fn front(
    pages: &Pages,
    session: Option<&Session>,
    screen: Screen,
) -> Option<Page> {
    pages.stack.last().copied().or_else(|| {
        (screen == Screen::Play && session.is_some_and(|s| s.pass_to.is_some()))
            .then_some(Page::HandOver)
    })
}

/// The pages open, the front one last, and the last thing a page did ("Saved to …").
#[derive(Resource, Default)]
pub(in crate::gui) struct Pages {
    pub stack: Vec<Page>,
    pub notice: String,
}

/// The new game being set up.
#[derive(Resource, Default)]
pub(in crate::gui) struct Form {
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
                let human = c.featured.map_or(0, |s| s.index());
                self.seats = (0..n)
                    .map(|i| if i == human { Seat::Human } else { bot })
                    .collect();
            }
        }
        self.content = Some(content);
    }
}

/// What the autosave and each slot hold (the save, or why it cannot be read), read when a
/// page that lists them opens; described in the language of the moment when drawn.
#[derive(Resource, Default)]
pub(in crate::gui) struct SaveList(
    pub Vec<(&'static str, Option<Result<crate::session::Save, String>>)>,
);

impl SaveList {
    pub fn read() -> SaveList {
        let mut out = Vec::new();
        for name in [store::AUTOSAVE, store::AUTOSAVE_PREV]
            .into_iter()
            .chain(store::SLOTS)
        {
            let summary = store::read(name).map(|r| {
                r.and_then(|text| {
                    crate::session::Save::from_ron(&text).map_err(|e| {
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

    pub(in crate::gui) fn get(&self, name: &str) -> Option<&Result<crate::session::Save, String>> {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, s)| s.as_ref())
    }
}

/// The layer the pages are drawn on, over the game.
#[derive(Component)]
pub(in crate::gui) struct PageRoot;

/// The box a page is drawn in.
#[derive(Component)]
pub(in crate::gui) struct PageBox;

pub(in crate::gui) fn spawn_page_root(mut commands: Commands, font: Res<UiFont>) {
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
                widgets::spawn_detail(b, PanelId::Page, &font);
            });
        });
}

/// Which panels take keys: the page in front, else the game's controls; none while a
/// seed is typed. Esc with no page open opens the game's menu.
pub(in crate::gui) fn active_panels(
    pages: Res<Pages>,
    form: Option<Res<Form>>,
    join: Res<super::remote::JoinForm>,
    screen: Res<State<Screen>>,
    session: Option<Res<Session>>,
    mut active: ResMut<ActivePanels>,
    mut esc: ResMut<widgets::EscFallback>,
) {
    let front = front(&pages, session.as_deref(), *screen.get());
    let typing = (form.is_some_and(|f| f.editing) && front == Some(Page::NewGame))
        || (join.field.is_some() && front == Some(Page::Join))
        || (front.is_none() && session.as_ref().is_some_and(|s| s.journal_typing));
    // Esc opens the game's menu, but not over the hand-over screen: the board would show
    // behind the menu, to the group the device is being passed to.
    let menu =
        (front.is_none() && *screen.get() == Screen::Play).then_some(UiAct::Open(Page::GameMenu));
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
pub(in crate::gui) fn type_seed(
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
pub(in crate::gui) struct PageData<'w> {
    tr: Res<'w, Tr>,
    library: Res<'w, Library>,
    form: Option<Res<'w, Form>>,
    saves: Res<'w, SaveList>,
    display: Res<'w, DisplaySettings>,
    join: Res<'w, super::remote::JoinForm>,
}

/// Draw the page in front when anything it shows changes; hide the layer when no page
/// is open.
#[expect(
    clippy::too_many_arguments,
    reason = "a page shows a little of everything"
)]
pub(in crate::gui) fn draw_pages(
    mut commands: Commands,
    pages: Res<Pages>,
    redraw: Res<Redraw>,
    screen: Res<State<Screen>>,
    cx: PageData,
    session: Option<Res<Session>>,
    font: Res<UiFont>,
    mut root: Query<(&mut Node, &mut BackgroundColor), With<PageRoot>>,
    body: Query<(Entity, &widgets::ViewBody, &widgets::Showing)>,
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
        join,
    } = cx;
    let kept = (page == Page::Join)
        .then(super::remote::Kept::read)
        .flatten();
    let ctx = PageCtx {
        tr: &tr,
        library: &library,
        form: form.as_deref(),
        saves: &saves,
        display: &display,
        notice: &pages.notice,
        join: Some(&join),
        kept: kept.as_ref(),
        join_states: if page == Page::Join {
            library
                .content(crate::DEFAULT_LEVEL)
                .map(|c| c.states.iter().map(|s| tr.pick(&s.name)).collect())
                .unwrap_or_default()
        } else {
            Vec::new()
        },
        playing: session.as_ref().is_some_and(|s| s.game.outcome().is_none())
            && *screen.get() == Screen::Play,
        pass_to: session.as_ref().and_then(|s| {
            s.pass_to
                .map(|p| tr.pick(&s.game.content().states[p.index()].name))
        }),
    };
    let v = view(page, &ctx);
    if let Some((e, _, showing)) = body.iter().find(|(_, b, _)| b.0 == PanelId::Page) {
        widgets::draw_view(&mut commands, e, showing, v, PanelId::Page, &font);
    }
}

#[cfg(test)]
mod tests {
    use super::views::NUMBER_KEYS;
    use super::*;
    use crate::gui::widgets::{Block, View};

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
            join: None,
            kept: None,
            join_states: Vec::new(),
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
        // Every level is offered, the first nine with a number key.
        assert_eq!(levels, library.levels.len());
        assert!(
            library.levels.len() > NUMBER_KEYS.len(),
            "the shipped levels outnumber the keys"
        );
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

#[cfg(test)]
mod save_tests {
    use super::*;
    use crate::gui::widgets::{Block, Row, View};
    use crate::session::{Controller, Save};

    /// A save of a bot game stopped at round `round`'s orders (or played to its end).
    fn save_at(round: u32) -> Save {
        let loaded =
            crate::content::load_level_file(std::path::Path::new("levels/autumn-2021.ron"), None)
                .unwrap();
        let mut g = crate::rules::Game::new(Arc::new(loaded.content), 3);
        let opts = crate::ai::BotOptions::default();
        while g.outcome().is_none() && g.clock().round < round {
            let seat = match g.awaiting() {
                crate::rules::Awaiting::Choice(s) => s,
                crate::rules::Awaiting::Policy(seats) => seats[0],
                crate::rules::Awaiting::Over => break,
            };
            crate::ai::act(&mut g, seat, &opts);
        }
        let mut save = Save::of(&g, "levels/autumn-2021.ron", vec![Controller::Human; 5]);
        save.saved_at = 1_796_427_660;
        save
    }

    fn page(page: Page, saves: &SaveList, lang: &str) -> View {
        let tr = Tr::new(lang);
        let library = Library::from_disk(None);
        let display = DisplaySettings::default();
        view(
            page,
            &PageCtx {
                tr: &tr,
                library: &library,
                form: None,
                saves,
                display: &display,
                notice: "",
                join: None,
                kept: None,
                join_states: Vec::new(),
                playing: true,
                pass_to: None,
            },
        )
    }

    fn continue_row(v: &View) -> Option<&Row> {
        v.rows.iter().find(|r| r.key == Some("C"))
    }

    #[test]
    fn a_slot_has_the_same_key_to_save_into_and_to_load_with_and_shows_its_time() {
        let saves = SaveList(vec![
            (store::AUTOSAVE, Some(Ok(save_at(2)))),
            (store::AUTOSAVE_PREV, None),
            (store::SLOTS[0], None),
            (store::SLOTS[1], Some(Ok(save_at(3)))),
        ]);
        let load = page(Page::Load, &saves, "en");
        let save = page(Page::Save, &saves, "en");
        let slot2 = |v: &View| {
            v.rows
                .iter()
                .find(|r| r.label.starts_with("Slot 2"))
                .and_then(|r| r.key)
        };
        assert_eq!(slot2(&load), Some("2"));
        assert_eq!(slot2(&save), Some("2"));
        assert!(
            load.rows
                .iter()
                .any(|r| r.label.contains("2026-12-04 23:41 UTC")),
            "the time a save was made is shown"
        );
    }

    #[test]
    fn the_title_continues_only_an_unfinished_game_in_the_language_of_the_moment() {
        let unfinished = SaveList(vec![(store::AUTOSAVE, Some(Ok(save_at(2))))]);
        let en = page(Page::Title, &unfinished, "en");
        let ru = page(Page::Title, &unfinished, "ru");
        let (en, ru) = (continue_row(&en).unwrap(), continue_row(&ru).unwrap());
        assert!(en.label.contains("Autumn 2021"), "{}", en.label);
        assert!(ru.label.contains("Осень 2021"), "{}", ru.label);
        let finished = SaveList(vec![(store::AUTOSAVE, Some(Ok(save_at(99))))]);
        assert!(continue_row(&page(Page::Title, &finished, "en")).is_none());
        // A damaged autosave is reported, and the one before it offered.
        let damaged = SaveList(vec![
            (
                store::AUTOSAVE,
                Some(Err("autosave.ron:3:1: truncated".into())),
            ),
            (store::AUTOSAVE_PREV, Some(Ok(save_at(2)))),
        ]);
        let v = page(Page::Title, &damaged, "en");
        assert_eq!(
            continue_row(&v).and_then(|r| r.act.clone()),
            Some(UiAct::LoadSave(store::AUTOSAVE_PREV))
        );
        assert!(
            v.blocks
                .iter()
                .any(|b| matches!(b, Block::Note(n) if n.contains("truncated")))
        );
    }
}
