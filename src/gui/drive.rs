//! The game moving in the window: phases run, bots decide for their seats (a strong bot
//! thinks a slice of each frame), and the game holds where a person must act or read; it
//! autosaves at the start of every round, and draws continuously only while it moves.

use bevy::prelude::*;
use bevy::winit::WinitSettings;

use super::pages::Pages;
use super::{Frame, Hold, Screen, Session, Shown, store};
use crate::content::SeatId;
use crate::game::{Command, Phase};
use crate::rules::{Awaiting, Viewer};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            (
                drive_game.run_if(super::shots::game_may_move),
                autosave,
                show_view,
            )
                .chain()
                .in_set(Frame::Drive)
                .run_if(in_state(Screen::Play)),
            idle_when_waiting.in_set(Frame::Drive),
        ),
    );
}

/// Rebuild the view on screen when the game, or who sees it, has changed.
pub(super) fn show_view(session: Res<Session>, mut shown: ResMut<Shown>) {
    if shown.version != session.version {
        *shown = Shown::of(&session);
    }
}

/// The seat the game waits for next, and whether a person plays it. Among seats
/// deciding at once, people come first, so bots never keep them waiting.
pub(super) fn next_seat(session: &Session) -> Option<(SeatId, bool)> {
    let seat = match session.game.awaiting() {
        Awaiting::Over => return None,
        Awaiting::Choice(s) => s,
        Awaiting::Policy(seats) => match seats.iter().find(|s| session.is_human(**s)) {
            Some(s) if !session.autoplay => *s,
            // Everyone has confirmed: the next step resolves the orders.
            _ => *seats.first()?,
        },
    };
    Some((seat, session.is_human(seat) && !session.autoplay))
}

/// Whether the game runs by itself now (no page in front, nobody to wait for).
fn running(session: &Session, pages: &Pages) -> bool {
    pages.stack.is_empty()
        && session.hold.is_none()
        && session.pass_to.is_none()
        && session.game.outcome().is_none()
}

/// Move the game on: phases run, bots decide for their seats, and the game holds where
/// a person must act or read. One step a frame, so every step is drawn.
pub(super) fn drive_game(mut session: ResMut<Session>, pages: Res<Pages>) {
    // A class game moves on its host.
    if session.remote.is_some() {
        return;
    }
    // Once decided, the game steps on to its end (where a replay of it stops too).
    if session.game.outcome().is_some() {
        if session.game.clock().phase != Phase::Over {
            // This last step only marks the clock: it reports no progress.
            session.game.step();
            session.version += 1;
        }
        return;
    }
    if !running(&session, &pages) {
        return;
    }
    let before = session.game.clock();
    if session.game.step() {
        session.version += 1;
        let after = session.game.clock();
        // Hold after the news and at the end of each round so people can read.
        let finished_news = after.phase == Phase::News && after.phase_done;
        let finished_round = after.phase == Phase::Review && after.phase_done;
        if session.any_human() && !session.autoplay && before != after {
            if finished_news {
                session.hold = Some(Hold::News);
            } else if finished_round {
                session.hold = Some(Hold::RoundEnd);
            }
        }
        return;
    }
    let Some((seat, human)) = next_seat(&session) else {
        return;
    };
    if human {
        let humans = session.seats.iter().filter(|s| s.is_human()).count();
        if humans > 1 && session.last_human != Some(seat) {
            session.pass_to = Some(seat);
            session.version += 1;
        }
        if session.last_human != Some(seat) {
            session.last_human = Some(seat);
            session.version += 1;
        }
        return;
    }
    if matches!(
        session.seats.get(seat.index()),
        Some(super::Seat::Bot(crate::ai::Strength::Strong))
    ) {
        think(&mut session, seat);
        return;
    }
    session.thinking = None;
    let opts = crate::ai::BotOptions {
        forced: Vec::new(),
        strength: session
            .seats
            .iter()
            .map(|s| match s {
                super::Seat::Bot(b) => *b,
                super::Seat::Human => crate::ai::Strength::Normal,
            })
            .collect(),
        playouts: crate::ai::search::WINDOW_PLAYOUTS,
    };
    crate::ai::act(&mut session.game, seat, &opts);
    session.version += 1;
}

/// How long a strong bot may think in one frame: the window keeps drawing and answering
/// keys while it thinks (the browser build has one thread, so the slice is the budget).
const THINK_SLICE_MS: u64 = 10;

/// Let a strong bot think for one slice of this frame; when its budget of look-ahead
/// games is spent, play its decision.
fn think(session: &mut Session, seat: SeatId) {
    // Which decision this is, without building a view every frame: what has changed in
    // the game, and how many orders the seat has given.
    let at = (
        session.game.changes(),
        session.game.orders(seat).map_or(0, |o| o.list.len()),
    );
    if session
        .thinking
        .as_ref()
        .is_none_or(|t| t.seat != seat || t.at != at)
    {
        let content = session.game.content().clone();
        // The search samples from the seat's whole view (the deck's cards too).
        let view = session.game.view(Viewer::Seat(seat));
        session.thinking = crate::ai::Search::new(content, &view).map(|search| super::Thinking {
            seat,
            at,
            search,
        });
    }
    let Some(t) = session.thinking.as_mut() else {
        // Nothing to search: the bot confirms (the one fallback, in ai::apply).
        crate::ai::apply(
            &mut session.game,
            seat,
            Command::Confirm { seat },
            crate::game::Reason::Confirm,
        );
        session.version += 1;
        return;
    };
    let start = bevy::platform::time::Instant::now();
    let slice = std::time::Duration::from_millis(THINK_SLICE_MS);
    let budget = crate::ai::search::WINDOW_PLAYOUTS;
    while t.search.needs_thought() && t.search.playouts() < budget && start.elapsed() < slice {
        t.search.step(1);
    }
    if !t.search.needs_thought() || t.search.playouts() >= budget {
        let (cmd, reason) = t.search.best();
        session.thinking = None;
        crate::ai::apply(&mut session.game, seat, cmd, reason);
    }
    // Redraw: the thinking line shows how far the search has come.
    session.version += 1;
}

/// Render continuously only while the game moves by itself (or screenshots are due);
/// otherwise wait for input, so an idle game uses almost no CPU.
fn idle_when_waiting(
    session: Option<Res<Session>>,
    pages: Res<Pages>,
    screen: Res<State<Screen>>,
    shots: Res<super::shots::Shots>,
    link: Option<Res<super::remote::Link>>,
    mut winit: ResMut<WinitSettings>,
) {
    let linked = link.is_some();
    let busy = *screen.get() == Screen::Play && session.is_some_and(|s| running(&s, &pages));
    let want = if busy || shots.active() {
        WinitSettings::game()
    } else if linked {
        // A class game: look for the host's messages ten times a second.
        WinitSettings {
            focused_mode: bevy::winit::UpdateMode::reactive(std::time::Duration::from_millis(100)),
            unfocused_mode: bevy::winit::UpdateMode::reactive(std::time::Duration::from_millis(
                100,
            )),
        }
    } else {
        WinitSettings::desktop_app()
    };
    if winit.focused_mode != want.focused_mode || winit.unfocused_mode != want.unfocused_mode {
        *winit = want;
    }
}

/// Save at the start of every round (and when the window closes), so that closing the
/// window loses at most the round in play. Only at a decision point, where a replay stops
/// too, so the save verifies; only when people play.
fn autosave(
    mut session: ResMut<Session>,
    mut exits: MessageReader<AppExit>,
    mut closes: MessageReader<bevy::window::WindowCloseRequested>,
) {
    let closing = exits.read().next().is_some() | closes.read().next().is_some();
    // A class game is kept by its host.
    if session.remote.is_some() {
        return;
    }
    let round = session.game.clock().round;
    if !session.any_human() || (session.autoplay && !closing) {
        return;
    }
    if !session.game.waiting() || (round == session.saved_round && !closing) {
        return;
    }
    session.saved_round = round;
    if let Err(e) = store::write(store::AUTOSAVE, &session.save().to_ron()) {
        warn!("autosave failed: {e}");
    }
}
