//! Joining a class from the window: the "Join a class" page, and the link to a classroom
//! host (`amu-darya host`) over WebSocket through `ewebsock` (the browser's WebSocket on
//! the web, tungstenite on the desktop: the same code in both builds). In a class game the
//! host is authoritative: the window draws the view the host sends for its seat, and sends
//! its commands to the host instead of applying them. The seat's token is kept (a file
//! beside the saves, or the browser's storage), so a restart or a dropped network puts the
//! group back in its seat.

use bevy::input::keyboard::KeyboardInput;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::library::Library;
use super::pages::{Page, Pages};
use super::{Redraw, Seat, Session, Tr, store};
use crate::content::SeatId;
use crate::game::Command;
use crate::net::{ClientMsg, ServerMsg, Status};
use crate::rules::{Game, View};

/// Where the kept seat is stored (beside the saves).
const KEPT: &str = "class-seat";
/// The longest text a join field takes.
const FIELD_MAX: usize = 80;

/// The join form.
#[derive(Resource, Default, Debug)]
pub(super) struct JoinForm {
    pub address: String,
    pub code: String,
    /// The state picked (by index), or none for the projector's public view.
    pub state: Option<usize>,
    /// The field being typed.
    pub field: Option<JoinField>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum JoinField {
    Address,
    Code,
}

/// A seat kept between runs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Kept {
    pub url: String,
    pub token: String,
    pub state: Option<String>,
}

impl Kept {
    pub fn read() -> Option<Kept> {
        let text = store::read(KEPT)?.ok()?;
        serde_json::from_str(&text).ok()
    }
}

/// What the window shows of a class game: the host's latest view of its seat.
#[derive(Debug, Clone)]
pub(crate) struct RemoteView {
    pub url: String,
    pub seat: Option<SeatId>,
    pub view: Option<View>,
    pub at: u64,
    pub status: Status,
}

/// The connection to a host.
#[derive(Resource)]
pub(super) struct Link {
    pub url: String,
    /// The first message: joining by code, until a token is given.
    join: ClientMsg,
    token: Option<String>,
    /// When to try again after a lost connection (seconds of real time).
    retry_at: Option<f64>,
    seq: u64,
    lang: String,
}

impl Link {
    /// A link that joins `code` as `state` (or as the projector).
    pub fn join(url: &str, code: &str, state: Option<String>, lang: &str) -> Link {
        Link {
            url: url.to_string(),
            join: ClientMsg::Join {
                code: code.to_string(),
                state,
                lang: Some(lang.to_string()),
                log: true,
            },
            token: None,
            retry_at: None,
            seq: 0,
            lang: lang.to_string(),
        }
    }

    /// A link that takes back a kept seat.
    pub fn resume(kept: &Kept, lang: &str) -> Link {
        let mut l = Link::join(&kept.url, "", kept.state.clone(), lang);
        l.token = Some(kept.token.clone());
        l
    }

    fn hello(&self) -> ClientMsg {
        match &self.token {
            Some(t) => ClientMsg::Resume {
                token: t.clone(),
                lang: Some(self.lang.clone()),
                log: true,
            },
            None => self.join.clone(),
        }
    }
}

/// The open WebSocket, if any: kept on the main thread (the browser's WebSocket is not
/// `Send`).
#[derive(Default)]
pub(super) struct Socket(Option<(ewebsock::WsSender, ewebsock::WsReceiver)>);

impl Socket {
    fn send(&mut self, msg: &ClientMsg) {
        if let (Some((tx, _)), Ok(text)) = (self.0.as_mut(), serde_json::to_string(msg)) {
            tx.send(ewebsock::WsMessage::Text(text));
        }
    }
}

/// Start linking to a host (the socket opens at the next frame).
pub(super) fn open(world: &mut World, link: Link) {
    world.insert_resource(link);
    world.insert_non_send(Socket::default());
}

/// Let go of the host.
pub(super) fn close(world: &mut World) {
    world.remove_resource::<Link>();
    if let Some(mut s) = world.remove_non_send::<Socket>()
        && let Some((mut tx, _)) = s.0.take()
    {
        tx.close();
    }
}

/// Send a command for the seat, decided on the view `at`.
pub(super) fn command(
    world: &mut World,
    at: u64,
    cmd: &Command,
    content: &crate::content::Content,
    journal: Option<String>,
) {
    let Some(mut link) = world.get_resource_mut::<Link>() else {
        return;
    };
    link.seq += 1;
    let msg = ClientMsg::Cmd {
        seq: link.seq,
        at,
        cmd: cmd.named(content),
        journal,
    };
    if let Some(mut socket) = world.get_non_send_mut::<Socket>() {
        socket.send(&msg);
    }
}

/// The WebSocket address of a host typed as `host:port`, `http://host:port` or
/// `ws://host:port/ws`.
pub(super) fn ws_url(address: &str) -> String {
    let a = address.trim().trim_end_matches('/');
    let schemes = [
        ("https://", "wss"),
        ("http://", "ws"),
        ("wss://", "wss"),
        ("ws://", "ws"),
    ];
    let (scheme, rest, given) = schemes
        .iter()
        .find_map(|(p, s)| a.strip_prefix(p).map(|r| (*s, r, true)))
        .unwrap_or(("ws", a, false));
    let rest = rest.trim_end_matches("/ws");
    // A bare `host` means the host's default port; a URL means what it says.
    let rest = if given || rest.contains(':') || rest.is_empty() {
        rest.to_string()
    } else {
        format!("{rest}:8080")
    };
    format!("{scheme}://{rest}/ws")
}

/// Move the link on: connect (and reconnect after a loss), read what the host sent, and
/// put its views on screen. An exclusive system: a join may start a game.
pub(super) fn pump(world: &mut World) {
    let Some(mut link) = world.remove_resource::<Link>() else {
        return;
    };
    let mut socket = world.remove_non_send::<Socket>().unwrap_or_default();
    let now = world.resource::<Time<Real>>().elapsed_secs_f64();
    if socket.0.is_none() && link.retry_at.is_none_or(|t| now >= t) {
        match ewebsock::connect(link.url.clone(), ewebsock::Options::default()) {
            Ok(pair) => socket.0 = Some(pair),
            Err(e) => {
                link.retry_at = Some(now + 2.0);
                notice(world, "ui.class-lost", &[("error", &e)]);
            }
        }
    }
    let mut events = Vec::new();
    if let Some((_, rx)) = &socket.0 {
        while let Some(e) = rx.try_recv() {
            events.push(e);
        }
    }
    let mut keep = true;
    for e in events {
        match e {
            ewebsock::WsEvent::Opened => {
                let hello = link.hello();
                socket.send(&hello);
            }
            ewebsock::WsEvent::Message(ewebsock::WsMessage::Text(t)) => {
                match serde_json::from_str::<ServerMsg>(&t) {
                    Ok(m) => keep &= on_message(world, &mut link, m),
                    Err(e) => warn!("the host sent something unreadable: {e}"),
                }
            }
            ewebsock::WsEvent::Error(e) => {
                socket.0 = None;
                link.retry_at = Some(now + 1.0);
                notice(world, "ui.class-lost", &[("error", &e)]);
            }
            ewebsock::WsEvent::Closed => {
                socket.0 = None;
                link.retry_at = Some(now + 1.0);
                notice(world, "ui.class-lost", &[("error", "closed")]);
            }
            ewebsock::WsEvent::Message(_) => {}
        }
    }
    if keep {
        world.insert_resource(link);
        world.insert_non_send(socket);
    } else if let Some((mut tx, _)) = socket.0.take() {
        tx.close();
    }
}

fn notice(world: &mut World, key: &str, args: &[(&str, &str)]) {
    let text = world.resource::<Tr>().fmt(key, args);
    world.resource_mut::<Pages>().notice = text;
    world.resource_mut::<Redraw>().0 += 1;
}

/// Act on one message; false when the link should end (refused for good).
fn on_message(world: &mut World, link: &mut Link, msg: ServerMsg) -> bool {
    match msg {
        ServerMsg::Joined {
            token,
            state,
            seq,
            level,
            content_hash,
            ..
        } => {
            link.token = Some(token.clone());
            link.seq = seq;
            let kept = Kept {
                url: link.url.clone(),
                token,
                state: state.clone(),
            };
            // (Tests never write into the player's own folder.)
            if let Ok(text) = serde_json::to_string(&kept)
                && !cfg!(test)
                && let Err(e) = store::write(KEPT, &text)
            {
                warn!("cannot keep the class seat: {e}");
            }
            let playing = world
                .get_resource::<Session>()
                .is_some_and(|s| s.remote.as_ref().is_some_and(|r| r.url == link.url));
            if !playing {
                return start(world, link, &level, &content_hash, state.as_deref());
            }
            world.resource_mut::<Pages>().notice.clear();
            true
        }
        ServerMsg::View {
            at, status, view, ..
        } => {
            if let Some(mut s) = world.get_resource_mut::<Session>()
                && let Some(r) = s.remote.as_mut()
            {
                r.view = Some(*view);
                r.at = at;
                r.status = status;
                s.version += 1;
            }
            true
        }
        ServerMsg::Refused { reason, .. } => {
            notice(world, "ui.class-refused", &[("reason", &reason)]);
            // A refused join or resume ends the link: the person joins again.
            let joined = world
                .get_resource::<Session>()
                .is_some_and(|s| s.remote.is_some());
            if !joined && link.token.is_some() && !cfg!(test) {
                let _ = store::write(KEPT, "");
            }
            joined
        }
        ServerMsg::Ok { .. } | ServerMsg::Class { .. } | ServerMsg::Save { .. } => true,
    }
}

/// Put a class game on the board once the host has taken us in.
fn start(world: &mut World, link: &Link, level: &str, hash: &str, state: Option<&str>) -> bool {
    let path = format!("levels/{level}.ron");
    let content = match world.resource::<Library>().content(&path) {
        Ok(c) => c,
        Err(e) => {
            notice(
                world,
                "ui.class-content",
                &[("level", level), ("error", &e)],
            );
            return false;
        }
    };
    if crate::hash::hex(content.hash) != hash {
        notice(
            world,
            "ui.class-content",
            &[("level", level), ("error", "other content")],
        );
        return false;
    }
    let seat = state.and_then(|s| content.seat(s));
    let seats = (0..content.states.len())
        .map(|i| {
            if Some(SeatId(i as u8)) == seat {
                Seat::Human
            } else {
                Seat::Bot(crate::ai::Strength::Normal)
            }
        })
        .collect();
    // The local game only lends the content: the host plays the game.
    let game = Game::new_stepped(content, 0);
    super::acts::start(world, game, path, seats, false);
    if let Some(mut s) = world.get_resource_mut::<Session>() {
        s.remote = Some(RemoteView {
            url: link.url.clone(),
            seat,
            view: None,
            at: 0,
            status: Status::default(),
        });
    }
    world.resource_mut::<Pages>().notice.clear();
    true
}

/// Typing into the join form's fields: any text the keyboard gives, Backspace, Enter or
/// Tab to keep it, Esc to stop.
pub(super) fn type_join(
    mut keys: MessageReader<KeyboardInput>,
    form: Option<ResMut<JoinForm>>,
    pages: Res<Pages>,
    mut redraw: ResMut<Redraw>,
) {
    let Some(mut form) = form else {
        keys.clear();
        return;
    };
    let Some(field) = form.field else {
        keys.clear();
        return;
    };
    if pages.stack.last() != Some(&Page::Join) {
        form.field = None;
        return;
    }
    let typed = super::widgets::type_into(&mut keys, field_mut(&mut form, field), FIELD_MAX);
    if typed.done {
        form.field = None;
    }
    if typed.changed {
        redraw.0 += 1;
    }
}

fn field_mut(form: &mut JoinForm, field: JoinField) -> &mut String {
    match field {
        JoinField::Address => &mut form.address,
        JoinField::Code => &mut form.code,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::time::Duration;

    use bevy::state::app::StatesPlugin;

    use super::*;
    use crate::gui::{Screen, Shown};
    use crate::net::Steer;
    use crate::rules::Awaiting;

    /// A host on loopback, and the window's link systems in an App with no window: the
    /// window joins a table as Tajikistan, draws the host's view of its seat, and its
    /// commands reach the host and move the game on.
    #[test]
    fn the_window_joins_a_class_and_plays_its_seat_on_the_host() {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let dir = std::env::temp_dir().join(format!("amu-gui-join-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let level = "levels/autumn-2021.ron";
        let content = std::sync::Arc::new(
            crate::content::load_level_file(Path::new(level), None)
                .unwrap()
                .content,
        );
        let config = crate::host::HostConfig {
            bind: "127.0.0.1:0".parse().unwrap(),
            level_path: level.into(),
            seed: 3,
            tables: 1,
            bots: crate::ai::Strength::Normal,
            web: None,
            data: dir.clone(),
            ready_file: None,
            qr: false,
        };
        let running = rt
            .block_on(crate::host::start(content.clone(), &config))
            .unwrap();
        let code = running.class.codes()[0].1.clone();
        let mut app = App::new();
        app.add_plugins((MinimalPlugins, StatesPlugin));
        app.init_state::<Screen>();
        app.init_resource::<Pages>();
        app.init_resource::<Redraw>();
        app.insert_resource(Tr::new("en"));
        app.insert_resource(Library::from_disk(Some(Path::new(level))));
        app.add_systems(Update, pump);
        open(
            app.world_mut(),
            Link::join(
                &format!("http://{}", running.addr),
                &code,
                Some("TJK".into()),
                "en",
            ),
        );
        // The link's url is what the person typed, made a WebSocket address.
        app.world_mut().resource_mut::<Link>().url = ws_url(&format!("{}", running.addr));
        let tjk = content.seat("TJK").unwrap();
        let view = |app: &App| {
            app.world()
                .get_resource::<Session>()
                .and_then(|s| s.remote.as_ref())
                .and_then(|r| r.view.clone().map(|v| (v, r.at)))
        };
        let mut started = false;
        let mut commands = 0;
        let mut last_sent = None;
        for _ in 0..3000 {
            app.update();
            std::thread::sleep(Duration::from_millis(5));
            let Some((v, at)) = view(&app) else { continue };
            assert_eq!(
                v.viewer,
                crate::rules::Viewer::Seat(tjk),
                "its own seat's view"
            );
            if !started {
                // The teacher starts the table: the four other seats go to bots.
                running.class.steer(1, &Steer::Start).unwrap();
                started = true;
                continue;
            }
            if v.round >= 2 {
                break;
            }
            let mine = match &v.awaiting {
                Awaiting::Choice(s) if *s == tjk && v.choice.is_some() => Some(Command::Choose {
                    seat: tjk,
                    option: 0,
                }),
                Awaiting::Policy(seats) if seats.contains(&tjk) => {
                    Some(Command::Confirm { seat: tjk })
                }
                _ => None,
            };
            if let Some(cmd) = mine
                && last_sent != Some(at)
            {
                last_sent = Some(at);
                // The confirm carries the group's journal line to the host.
                let journal = matches!(cmd, Command::Confirm { .. })
                    .then(|| "Guard the border first".to_string());
                command(app.world_mut(), at, &cmd, &content, journal);
                commands += 1;
            }
        }
        let (v, _) = view(&app).expect("the host's view is on screen");
        assert!(
            v.round >= 2,
            "the game moved on to round 2 (at round {})",
            v.round
        );
        assert!(commands >= 1);
        // The window never played the game itself: the host did.
        let s = app.world().resource::<Session>();
        assert!(s.game.commands().is_empty());
        assert_eq!(Shown::of(s).view.round, v.round);
        // The host kept the journal line with the confirm, in its save and its log.
        let save = running.class.save(1).expect("the table's save");
        assert!(
            save.journal
                .iter()
                .any(|j| j.state == "TJK" && j.text == "Guard the border first"),
            "journal in the save: {:?}",
            save.journal
        );
        assert!(v.log.iter().any(|l| matches!(
            &l.entry,
            crate::game::LogEntry::Journal { seat, text } if *seat == tjk && text == "Guard the border first"
        )));
        close(app.world_mut());
        rt.block_on(running.stop());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn addresses_people_type_become_the_hosts_websocket() {
        assert_eq!(ws_url("192.168.1.20:8080"), "ws://192.168.1.20:8080/ws");
        assert_eq!(ws_url(" school-pc "), "ws://school-pc:8080/ws");
        assert_eq!(ws_url("http://10.0.0.5:9000/"), "ws://10.0.0.5:9000/ws");
        assert_eq!(
            ws_url("https://class.example.org"),
            "wss://class.example.org/ws"
        );
        assert_eq!(ws_url("ws://127.0.0.1:8080/ws"), "ws://127.0.0.1:8080/ws");
    }
}
