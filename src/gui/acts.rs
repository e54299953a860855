//! What pressing a control does. Rows and keys only record a [`UiAct`] ([`Chosen`]);
//! [`perform`] carries it out with the whole World at hand: pages open and close, the
//! new-game form changes, games start, load and save, settings change, and the human
//! seats' commands reach the game.

use bevy::prelude::*;

use super::library::{Library, fresh_seed};
use super::pages::{Form, Page, Pages, SaveList};
use super::widgets::Chosen;
use super::{DisplaySettings, Frame, Launch, Redraw, Screen, Seat, Session, Shown, Tr, store};
use crate::ai::Strength;
use crate::game::Command;
use crate::rules::Game;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            begin.run_if(in_state(Screen::Loading).and_then(resource_exists::<Library>)),
            perform,
        )
            .chain()
            .in_set(Frame::Act),
    );
}

/// Anything a control can ask for.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum UiAct {
    /// Open a page over what is shown.
    Open(Page),
    /// Close the page in front.
    Back,
    /// Back to the title screen (the game is autosaved first).
    ToTitle,
    Quit,
    /// The new-game form: pick a level, switch a seat between a person and bots of each
    /// strength, every seat a bot, type a seed, draw a new one, start.
    PickLevel(usize),
    CycleSeat(usize),
    AllBots,
    EditSeed,
    NewSeed,
    Start,
    /// Resume a saved game, or save into a slot.
    LoadSave(&'static str),
    SaveTo(&'static str),
    Scale,
    Palette,
    /// Terse or detailed descriptions of violence in the cards' notes.
    Detail,
    /// Projector mode on or off.
    Projector,
    /// Reduced motion on or off.
    Motion,
    Fullscreen,
    Language,
    /// Carry on after reading (the news, the end of a round, a hand-over).
    Continue,
    /// A command for a human seat.
    Cmd(Command),
    /// Write (or go on writing) the journal line for the orders on screen.
    JournalEdit,
    /// Bots take every seat for now, or give them back (A).
    Autoplay,
    /// Write the printable debrief.
    Report,
    /// The join form: type the host's address or the join code, pick a state (none: the
    /// projector), join, or take back the seat kept from before.
    JoinEdit(super::remote::JoinField),
    JoinState(Option<usize>),
    Join,
    Rejoin,
}

/// How the window was launched, until the content is at hand.
#[derive(Resource)]
pub(super) struct LaunchArgs(pub Launch);

/// Check what the command line names before a window opens: the save, the level and the
/// human states. Every problem is a `path:line:col: message` line.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn check_launch(launch: &Launch) -> Result<(), String> {
    if let Some(path) = &launch.load {
        let shown = path.display().to_string();
        let save = crate::session::read_save(path).map_err(|e| e.render(&shown))?;
        let loaded =
            crate::session::load_save_level(&save, path, None).map_err(|e| e.render(&shown))?;
        crate::session::replay(&save, std::sync::Arc::new(loaded.content))
            .map_err(|e| e.render(&shown))?;
        return Ok(());
    }
    let loaded = crate::content::load_level_file(&launch.level, None).map_err(|d| {
        d.list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    seats_for(
        &loaded.content,
        &launch.humans,
        launch.autoplay,
        launch.bots,
    )
    .map(|_| ())
}

/// Who plays each seat when the command line names the human states.
fn seats_for(
    content: &crate::content::Content,
    humans: &[String],
    autoplay: bool,
    bots: Strength,
) -> Result<Vec<Seat>, String> {
    let mut seats = vec![Seat::Bot(bots); content.seats()];
    if autoplay {
        return Ok(seats);
    }
    for h in humans {
        match content.seat(h) {
            Some(s) => seats[s.index()] = Seat::Human,
            None => {
                return Err(format!(
                    "--human {h}: unknown state; expected one of: {}",
                    content
                        .states
                        .iter()
                        .map(|s| s.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
    Ok(seats)
}

/// Once the content is at hand: start what the launch asks for (a saved game, a game
/// with its humans named, bots playing every seat), else open the title screen (and the
/// new-game page when a level was named).
pub(super) fn begin(world: &mut World) {
    let launch = world.resource::<LaunchArgs>().0.clone();
    world.resource_mut::<Pages>().stack = vec![Page::Title];
    refresh_saves(world);
    let level = launch.level.display().to_string();
    if let Some(n) = launch.bench_bot {
        bench_bot(world, &level, n, launch.seed.unwrap_or(1));
    }
    if let Some((address, code, state)) = &launch.join {
        let url = super::remote::ws_url(address);
        let lang = world.resource::<Tr>().s.lang.clone();
        super::remote::open(
            world,
            super::remote::Link::join(&url, code, state.clone(), &lang),
        );
    }
    let started = if let Some(path) = &launch.load {
        Some(load_file(world, path))
    } else if launch.autoplay || !launch.humans.is_empty() {
        let content = world.resource::<Library>().content(&level);
        Some(content.and_then(|c| {
            let seats = seats_for(&c, &launch.humans, launch.autoplay, launch.bots)?;
            let seed = launch.seed.unwrap_or(2021);
            start(
                world,
                Game::new_stepped(c, seed),
                level.clone(),
                seats,
                launch.autoplay,
            );
            Ok(())
        }))
    } else {
        None
    };
    match started {
        Some(Ok(())) => {}
        Some(Err(e)) => {
            error!("{e}");
            world.resource_mut::<Pages>().notice = e;
            world.resource_mut::<NextState<Screen>>().set(Screen::Menu);
        }
        None => {
            world.resource_mut::<NextState<Screen>>().set(Screen::Menu);
            if launch.level_given {
                open_new_game(world, Some(&level), launch.seed);
            }
        }
    }
    world.resource_mut::<Redraw>().0 += 1;
}

/// Time `n` strong-bot decisions on `level` at the window's budget and log the figures.
fn bench_bot(world: &mut World, level: &str, n: u32, seed: u64) {
    let content = match world.resource::<Library>().content(level) {
        Ok(c) => c,
        Err(e) => {
            error!("bot bench: {e}");
            return;
        }
    };
    let budget = crate::ai::search::WINDOW_PLAYOUTS;
    match crate::ai::bench::run(content, Strength::Strong, n, budget, seed) {
        Ok(b) => info!(
            "bot bench: {} decisions, p50 {} ms, p95 {} ms, max {} ms, {} look-ahead games each",
            b.decisions, b.p50_ms, b.p95_ms, b.max_ms, b.playouts_per_decision
        ),
        Err(e) => error!("bot bench: {e}"),
    }
}

/// Put a game on the board.
pub(super) fn start(
    world: &mut World,
    mut game: Game,
    level_path: String,
    seats: Vec<Seat>,
    autoplay: bool,
) {
    game.auto_advance = false;
    info!(
        "game started: {} seed {}, round {}, {} of {} seats played by people",
        game.content().level_id,
        game.seed(),
        game.clock().round,
        seats.iter().filter(|s| s.is_human()).count(),
        seats.len()
    );
    let session = Session::new(game, level_path, seats, autoplay);
    world.insert_resource(Shown::of(&session));
    world.insert_resource(session);
    let mut pages = world.resource_mut::<Pages>();
    pages.stack.clear();
    pages.notice.clear();
    // Entering play again rebuilds the board for the new game's content.
    world.resource_mut::<NextState<Screen>>().set(Screen::Play);
}

/// Resume a save from its text.
fn resume(
    world: &mut World,
    text: &str,
    shown: &str,
    base: Option<&std::path::Path>,
) -> Result<(), String> {
    let save = crate::session::Save::from_ron(text).map_err(|e| e.render(shown))?;
    let library = world.resource::<Library>();
    let content = library.content(&save.level).or_else(|e| {
        base.map(|b| b.join(&save.level).display().to_string())
            .map_or(Err(e), |p| library.content(&p))
    });
    let content = content.map_err(|e| {
        format!(
            "{shown}: the save's level `{}` does not load:\n{e}",
            save.level
        )
    })?;
    let game = crate::session::replay(&save, content).map_err(|e| e.render(shown))?;
    let seats: Vec<Seat> = save
        .seats
        .iter()
        .enumerate()
        .map(|(i, c)| match c {
            crate::session::Controller::Human => Seat::Human,
            crate::session::Controller::Bot => {
                Seat::Bot(save.bots.get(i).copied().unwrap_or_default())
            }
        })
        .collect();
    let autoplay = !seats.iter().any(|s| s.is_human());
    // A game resumed mid-round opens on that round's news, so they are read before the
    // orders (a save is made where the game waits, after the news were drawn).
    let round = game.clock().round;
    let news_now = game.outcome().is_none()
        && game
            .log()
            .iter()
            .any(|l| l.round == round && matches!(l.entry, crate::game::LogEntry::Event { .. }));
    start(world, game, save.level.clone(), seats, autoplay);
    if news_now && !autoplay {
        world.resource_mut::<Session>().hold = Some(super::Hold::News);
    }
    Ok(())
}

/// Resume a save named on the command line.
fn load_file(world: &mut World, path: &std::path::Path) -> Result<(), String> {
    let shown = path.display().to_string();
    let text = crate::content::read_text(path).map_err(|e| format!("{shown}: {e}"))?;
    resume(world, &text, &shown, path.parent())
}

/// Read what every save slot holds, for the pages that list them.
pub(super) fn refresh_saves(world: &mut World) {
    let list = SaveList::read();
    world.insert_resource(list);
}

/// Open the new-game page on a level (by path; else the one picked before, else the
/// first), with a fresh seed unless one is given.
fn open_new_game(world: &mut World, level: Option<&str>, seed: Option<u64>) {
    let library = world.resource::<Library>();
    let previous = world.get_resource::<Form>().map(|f| f.level);
    let index = level
        .and_then(|l| library.find(l))
        .or(previous)
        .or_else(|| library.find(crate::DEFAULT_LEVEL))
        .unwrap_or(0);
    let mut form = Form {
        seed: seed.unwrap_or_else(fresh_seed),
        ..Form::default()
    };
    form.pick(library, index);
    world.insert_resource(form);
    world.resource_mut::<Pages>().stack.push(Page::NewGame);
}

/// Save the game on the board into a save slot (or the autosave).
fn save_into(world: &mut World, name: &str) -> Result<String, String> {
    let Some(session) = world.get_resource::<Session>() else {
        return Err("there is no game to save".into());
    };
    store::write(name, &session.save().to_ron())
}

/// Autosave now (when a game is on and people play it), whatever the round.
pub(super) fn autosave_now(world: &mut World) {
    // A class game is kept by its host.
    let on = world
        .get_resource::<Session>()
        .is_some_and(|s| s.any_human() && s.remote.is_none());
    if on && let Err(e) = save_into(world, store::AUTOSAVE) {
        warn!("autosave failed: {e}");
    }
}

fn save_settings(world: &mut World) {
    world.commands().queue(bevy::settings::SaveSettingsDeferred(
        std::time::Duration::from_millis(200),
    ));
}

/// Carry out what was chosen this frame.
pub(super) fn perform(world: &mut World) {
    let Some(act) = world.resource_mut::<Chosen>().0.take() else {
        return;
    };
    world.resource_mut::<Redraw>().0 += 1;
    if let Some(mut s) = world.get_resource_mut::<Session>() {
        s.version += 1;
    }
    let tr = world.resource::<Tr>().clone();
    match act {
        UiAct::Open(Page::NewGame) => open_new_game(world, None, None),
        UiAct::Open(page) => {
            if matches!(page, Page::Load | Page::Save | Page::Title) {
                refresh_saves(world);
            }
            let mut pages = world.resource_mut::<Pages>();
            pages.notice.clear();
            pages.stack.push(page);
        }
        UiAct::Back => {
            let in_menu = *world.resource::<State<Screen>>().get() == Screen::Menu;
            let mut pages = world.resource_mut::<Pages>();
            pages.notice.clear();
            // The title screen stays under every page of the menu.
            if !(in_menu && pages.stack.len() <= 1) {
                pages.stack.pop();
            }
        }
        UiAct::ToTitle => {
            autosave_now(world);
            // Leaving a class game lets go of its host (the seat stays kept: R rejoins).
            super::remote::close(world);
            world.resource_mut::<Pages>().stack = vec![Page::Title];
            refresh_saves(world);
            world.resource_mut::<NextState<Screen>>().set(Screen::Menu);
        }
        UiAct::Quit => {
            autosave_now(world);
            world.write_message(AppExit::Success);
        }
        UiAct::PickLevel(i) => {
            let mut form = world.remove_resource::<Form>().unwrap_or_default();
            form.pick(world.resource::<Library>(), i);
            world.insert_resource(form);
        }
        UiAct::CycleSeat(i) => {
            if let Some(seat) = world.resource_mut::<Form>().seats.get_mut(i) {
                *seat = match *seat {
                    Seat::Human => Seat::Bot(Strength::Easy),
                    Seat::Bot(Strength::Easy) => Seat::Bot(Strength::Normal),
                    Seat::Bot(Strength::Normal) => Seat::Bot(Strength::Hard),
                    Seat::Bot(Strength::Hard) => Seat::Bot(Strength::Strong),
                    Seat::Bot(Strength::Strong) => Seat::Human,
                };
            }
        }
        UiAct::AllBots => {
            for s in &mut world.resource_mut::<Form>().seats {
                if s.is_human() {
                    *s = Seat::Bot(Strength::Normal);
                }
            }
        }
        UiAct::EditSeed => {
            let mut form = world.resource_mut::<Form>();
            form.editing = true;
            form.typed.clear();
        }
        UiAct::NewSeed => world.resource_mut::<Form>().seed = fresh_seed(),
        UiAct::Start => {
            let form = world.resource::<Form>();
            let library = world.resource::<Library>();
            let (Some(level), Some(Ok(content))) = (library.levels.get(form.level), &form.content)
            else {
                return;
            };
            let (path, content, seats, seed) = (
                level.path.clone(),
                content.clone(),
                form.seats.clone(),
                form.seed,
            );
            let autoplay = !seats.iter().any(|s| s.is_human());
            start(
                world,
                Game::new_stepped(content, seed),
                path,
                seats,
                autoplay,
            );
        }
        UiAct::LoadSave(name) => {
            let result = match store::read(name) {
                Some(Ok(text)) => resume(world, &text, &store::location(name), None),
                Some(Err(e)) => Err(e),
                None => Err(tr.fmt("ui.no-save", &[("where", &store::location(name))])),
            };
            if let Err(e) = result {
                world.resource_mut::<Pages>().notice = e;
            }
        }
        UiAct::SaveTo(name) => {
            let notice = match save_into(world, name) {
                Ok(at) => tr.fmt("ui.saved", &[("path", &at)]),
                Err(e) => tr.fmt("ui.save-failed", &[("error", &e)]),
            };
            let mut pages = world.resource_mut::<Pages>();
            pages.stack.pop();
            pages.notice = notice;
        }
        UiAct::Scale => {
            let mut d = world.resource_mut::<DisplaySettings>();
            let i = super::UI_SCALES
                .iter()
                .position(|s| (*s - d.ui_scale).abs() < 0.01)
                .map_or(1, |i| (i + 1) % super::UI_SCALES.len());
            d.ui_scale = super::UI_SCALES[i];
            save_settings(world);
        }
        UiAct::Palette => {
            let mut d = world.resource_mut::<DisplaySettings>();
            d.colour_blind = !d.colour_blind;
            save_settings(world);
        }
        UiAct::Motion => {
            let mut d = world.resource_mut::<DisplaySettings>();
            d.reduced_motion = !d.reduced_motion;
            save_settings(world);
        }
        UiAct::Projector => {
            let mut d = world.resource_mut::<DisplaySettings>();
            d.projector = !d.projector;
            save_settings(world);
        }
        UiAct::Detail => {
            let mut d = world.resource_mut::<DisplaySettings>();
            d.detailed = !d.detailed;
            save_settings(world);
        }
        UiAct::Fullscreen => {
            let mut d = world.resource_mut::<DisplaySettings>();
            d.fullscreen = !d.fullscreen;
            save_settings(world);
        }
        UiAct::Language => {
            let mut d = world.resource_mut::<DisplaySettings>();
            let i = super::LANGUAGES
                .iter()
                .position(|l| *l == d.lang)
                .map_or(0, |i| (i + 1) % super::LANGUAGES.len());
            d.lang = super::LANGUAGES[i].to_string();
            save_settings(world);
        }
        UiAct::Continue => {
            world.resource_mut::<Pages>().notice.clear();
            if let Some(mut s) = world.get_resource_mut::<Session>()
                && s.pass_to.take().is_none()
            {
                s.hold = None;
            }
        }
        UiAct::JournalEdit => {
            if let Some(mut s) = world.get_resource_mut::<Session>() {
                s.journal_typing = true;
            }
            world.resource_mut::<Redraw>().0 += 1;
        }
        UiAct::Cmd(cmd) => {
            world.resource_mut::<Pages>().notice.clear();
            // A confirm takes the journal line written for these orders with it.
            let journal = match (cmd, world.get_resource_mut::<Session>()) {
                (Command::Confirm { .. }, Some(mut s)) => {
                    s.journal_typing = false;
                    crate::rules::journal_text(&std::mem::take(&mut s.journal))
                }
                _ => None,
            };
            // A class game's commands go to its host, which answers with the new view.
            let remote = world
                .get_resource::<Session>()
                .and_then(|s| s.remote.as_ref().map(|r| (r.at, s.game.content().clone())));
            if let Some((at, content)) = remote {
                super::remote::command(world, at, &cmd, &content, journal);
            } else if let Some(mut s) = world.get_resource_mut::<Session>() {
                if let (Some(line), Command::Confirm { seat }) = (&journal, cmd)
                    && s.game.check(&cmd).is_ok()
                    && let Err(e) = s.game.write_journal(seat, line)
                {
                    warn!("journal line not kept: {e}");
                }
                // A refused command leaves the game as it was; the panel shows why a
                // control is closed, so this is only a stale press.
                if let Err(e) = s.game.apply(&cmd) {
                    warn!("command refused: {e}");
                }
            }
        }
        UiAct::Autoplay => {
            if let Some(mut s) = world.get_resource_mut::<Session>() {
                s.autoplay = !s.autoplay;
                s.hold = None;
                s.pass_to = None;
            }
        }
        UiAct::JoinEdit(field) => {
            world.resource_mut::<super::remote::JoinForm>().field = Some(field);
        }
        UiAct::JoinState(state) => {
            world.resource_mut::<super::remote::JoinForm>().state = state;
        }
        UiAct::Join => {
            let form = world.resource::<super::remote::JoinForm>();
            let (address, code) = (
                form.address.trim().to_string(),
                form.code.trim().to_string(),
            );
            let state = form.state;
            if address.is_empty() || code.is_empty() {
                world.resource_mut::<Pages>().notice = tr.get("ui.join-missing").to_string();
                return;
            }
            // The five states are the same in every level: named as the default level's.
            let state = state.and_then(|i| {
                world
                    .resource::<Library>()
                    .content(crate::DEFAULT_LEVEL)
                    .ok()
                    .and_then(|c| c.states.get(i).map(|s| s.id.clone()))
            });
            let url = super::remote::ws_url(&address);
            world.resource_mut::<Pages>().notice = tr.fmt("ui.class-connecting", &[("url", &url)]);
            super::remote::open(
                world,
                super::remote::Link::join(&url, &code, state, &tr.s.lang),
            );
        }
        UiAct::Rejoin => {
            if let Some(kept) = super::remote::Kept::read() {
                world.resource_mut::<Pages>().notice =
                    tr.fmt("ui.class-connecting", &[("url", &kept.url)]);
                super::remote::open(world, super::remote::Link::resume(&kept, &tr.s.lang));
            }
        }
        UiAct::Report => {
            let Some(s) = world.get_resource::<Session>() else {
                return;
            };
            // One self-contained page to read and print: charts, news with notes and
            // sources, decisions with journal lines, the essay's claims.
            let text = crate::report::html(&s.game, &tr.s, tr.detailed);
            let name = format!(
                "report-{}-{}.html",
                s.game.content().level_id,
                s.game.seed()
            );
            let notice = match store::write_document(&name, "text/html;charset=utf-8", &text) {
                Ok(at) => tr.fmt("ui.report-saved", &[("path", &at)]),
                Err(e) => tr.fmt("ui.save-failed", &[("error", &e)]),
            };
            world.resource_mut::<Pages>().notice = notice;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::widgets::Block;

    #[test]
    fn a_game_resumed_mid_round_opens_on_that_rounds_news() {
        let mut app = App::new();
        app.add_plugins((MinimalPlugins, bevy::state::app::StatesPlugin));
        app.init_state::<Screen>();
        app.init_resource::<Pages>();
        app.insert_resource(Library::from_disk(None));
        // Tajikistan is a person's; bots play to round 3's orders, then the game is saved.
        let content = app
            .world()
            .resource::<Library>()
            .content("levels/autumn-2021.ron")
            .unwrap();
        let mut g = Game::new(content.clone(), 5);
        while g.clock().round < 3 {
            let seat = match g.awaiting() {
                crate::rules::Awaiting::Choice(s) => s,
                crate::rules::Awaiting::Policy(seats) => seats[0],
                crate::rules::Awaiting::Over => break,
            };
            crate::ai::act(&mut g, seat, &crate::ai::BotOptions::default());
        }
        let mut seats = vec![crate::session::Controller::Bot; 5];
        seats[2] = crate::session::Controller::Human;
        let save = crate::session::Save::of(&g, "levels/autumn-2021.ron", seats);
        resume(app.world_mut(), &save.to_ron(), "slot", None).expect("resumes");
        let world = app.world();
        let session = world.resource::<Session>();
        assert_eq!(session.game.clock().round, 3);
        assert_eq!(session.hold, Some(super::super::Hold::News));
        let news: Vec<String> = g
            .log()
            .iter()
            .filter(|l| l.round == 3)
            .filter_map(|l| match l.entry {
                crate::game::LogEntry::Event { card } => {
                    Some(crate::text::pick(&content.cards[card.index()].title, "en").to_string())
                }
                _ => None,
            })
            .collect();
        assert!(!news.is_empty());
        let v = super::super::controls::view(
            session,
            &world.resource::<Shown>().view,
            &Tr::new("en"),
            "",
        );
        for title in news {
            assert!(
                v.blocks
                    .iter()
                    .any(|b| matches!(b, Block::Card(c) if c.title == title)),
                "round 3's news `{title}` is shown on resuming"
            );
        }
    }
}
