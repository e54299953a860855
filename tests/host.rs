//! The classroom host over real sockets on loopback: a whole table played by five bot
//! clients reaches the same final hash as its save replayed here; a dropped device gets
//! its seat back; secret orders stay secret; hostile clients change nothing; a host killed
//! mid-game and started again on the same folder finishes the table with the same hash.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use amu_darya::ai::Strength;
use amu_darya::content::{Content, SeatId};
use amu_darya::game::NamedCommand;
use amu_darya::host::{self, HostConfig, bench};
use amu_darya::net::client::Client;
use amu_darya::net::{ClientMsg, MAX_CLIENT_MESSAGE, ServerMsg, Steer};
use amu_darya::rules::{Awaiting, View, Viewer};
use tokio_tungstenite::tungstenite::Message;

const WAIT: Duration = Duration::from_secs(30);

fn data_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("amu-host-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn config(dir: &Path, tables: u32) -> HostConfig {
    config_seed(dir, tables, 7)
}

/// A seed whose game opens on the policy phase (no choice first), for tests that give
/// orders by hand.
fn policy_first_seed(content: &Arc<Content>) -> u64 {
    (1..200)
        .find(|s| {
            matches!(
                amu_darya::Game::new(content.clone(), *s).awaiting(),
                Awaiting::Policy(_)
            )
        })
        .expect("some seed opens on orders")
}

fn config_seed(dir: &Path, tables: u32, seed: u64) -> HostConfig {
    HostConfig {
        bind: "127.0.0.1:0".parse().unwrap(),
        level_path: amu_darya::DEFAULT_LEVEL.to_string(),
        seed,
        tables,
        bots: Strength::Normal,
        web: None,
        data: dir.to_path_buf(),
        ready_file: None,
        qr: false,
    }
}

async fn join(url: &str, code: &str, state: Option<&str>) -> (Client, String, View, u64) {
    let mut c = Client::connect(url).await.expect("connects");
    c.send(&ClientMsg::Join {
        code: code.to_string(),
        state: state.map(str::to_string),
        lang: None,
        log: false,
    })
    .await
    .unwrap();
    let token = c
        .recv_until(WAIT, |m| match m {
            ServerMsg::Joined { token, .. } => Some(token),
            ServerMsg::Refused { reason, .. } => panic!("join refused: {reason}"),
            _ => None,
        })
        .await
        .unwrap();
    let (view, at) = next_view(&mut c).await;
    (c, token, view, at)
}

async fn next_view(c: &mut Client) -> (View, u64) {
    c.recv_until(WAIT, |m| match m {
        ServerMsg::View { view, at, .. } => Some((*view, at)),
        _ => None,
    })
    .await
    .expect("a view comes")
}

/// Send a command and wait for its answer: Ok(()) or the refusal's reason.
async fn command(c: &mut Client, seq: u64, at: u64, cmd: NamedCommand) -> Result<(), String> {
    c.send(&ClientMsg::Cmd {
        seq,
        at,
        cmd,
        journal: None,
    })
    .await
    .unwrap();
    c.recv_until(WAIT, |m| match m {
        ServerMsg::Ok { seq: s } if s == seq => Some(Ok(())),
        ServerMsg::Refused {
            seq: Some(s),
            reason,
        } if s == seq => Some(Err(reason)),
        _ => None,
    })
    .await
    .expect("an answer comes")
}

async fn refusal(c: &mut Client) -> String {
    c.recv_until(WAIT, |m| match m {
        ServerMsg::Refused { reason, .. } => Some(reason),
        _ => None,
    })
    .await
    .expect("a refusal comes")
}

fn content() -> Arc<Content> {
    common::content()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_table_over_sockets_replays_to_the_same_hash() {
    let dir = data_dir("whole");
    let content = content();
    let running = host::start(content.clone(), &config(&dir, 2))
        .await
        .unwrap();
    let report = bench::bench(
        &running.ws_url(),
        &running.class.teacher,
        &[1, 2],
        content.clone(),
        Strength::Normal,
    )
    .await;
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.tables_finished, 2);
    assert!(report.hashes_match_replay);
    assert!(report.commands > 100, "{} commands", report.commands);
    // Both tables are the class's game: same level, same seed, played by the same bots
    // from the same views, so the same game.
    let (h1, n1, over1) = running.class.table_hash(1).unwrap();
    let (h2, n2, over2) = running.class.table_hash(2).unwrap();
    assert!(over1 && over2);
    assert_eq!((h1, n1), (h2, n2));
    // And the same as bots playing it here, without a network.
    let mut local = amu_darya::Game::new(content.clone(), 7);
    amu_darya::ai::play_out(&mut local);
    assert_eq!(local.state_hash(), h1);
    // The exported save is an ordinary save that replays and verifies.
    let save = running.class.save(1).unwrap();
    let replayed = amu_darya::session::verify(
        &amu_darya::session::Save::from_ron(&save.to_ron()).unwrap(),
        content,
    )
    .unwrap();
    assert_eq!(replayed.state_hash(), h1);
    let csv = running.class.results_csv();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    running.stop().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_group_sees_its_own_orders_only_and_a_dropped_device_keeps_its_seat() {
    let dir = data_dir("seats");
    let content = content();
    let seed = policy_first_seed(&content);
    let running = host::start(content.clone(), &config_seed(&dir, 1, seed))
        .await
        .unwrap();
    let url = running.ws_url();
    let code = running.class.codes()[0].1.clone();
    let (kaz_id, tjk_id) = (content.states[0].id.clone(), content.states[2].id.clone());
    let (mut kaz, kaz_token, _, _) = join(&url, &code, Some(&kaz_id)).await;
    let (mut tjk, _, _, _) = join(&url, &code, Some(&tjk_id)).await;
    let (mut projector, _, _, _) = join(&url, &code, None).await;
    // A second device cannot take a seat a group holds.
    let mut other = Client::connect(&url).await.unwrap();
    other
        .send(&ClientMsg::Join {
            code: code.clone(),
            state: Some(kaz_id.clone()),
            lang: None,
            log: false,
        })
        .await
        .unwrap();
    let refusal = other
        .recv_until(WAIT, |m| match m {
            ServerMsg::Refused { reason, .. } => Some(reason),
            _ => None,
        })
        .await
        .unwrap();
    assert!(refusal.contains("taken"), "{refusal}");
    // Not started: commands wait for the teacher.
    let (view, at) = next_view(&mut kaz).await;
    let r = command(
        &mut kaz,
        1,
        at,
        NamedCommand::Confirm {
            state: kaz_id.clone(),
        },
    )
    .await;
    assert!(r.unwrap_err().contains("not started"));
    let _ = view;
    running.class.steer(1, &Steer::Start).unwrap();
    let (view, at) = next_view(&mut kaz).await;
    assert!(matches!(view.awaiting, Awaiting::Policy(_)));
    // KAZ orders the other posture and one action.
    let own = view.own.clone().expect("a seat's view has its own part");
    let other_posture = content
        .postures
        .iter()
        .position(|p| p.id != content.postures[own.posture.index()].id)
        .unwrap();
    let posture = content.postures[other_posture].id.clone();
    command(
        &mut kaz,
        1,
        at,
        NamedCommand::SetPosture {
            state: kaz_id.clone(),
            posture: posture.clone(),
        },
    )
    .await
    .unwrap();
    let (view, at) = next_view(&mut kaz).await;
    let own = view.own.clone().unwrap();
    assert_eq!(own.orders.len(), 1);
    let action = own
        .options
        .iter()
        .find_map(|o| match (o.order, o.closed) {
            (amu_darya::game::Order::Action(a), None) => Some(a),
            _ => None,
        })
        .expect("an open action");
    command(
        &mut kaz,
        2,
        at,
        NamedCommand::Act {
            state: kaz_id.clone(),
            action: content.actions[action.index()].id.clone(),
        },
    )
    .await
    .unwrap();
    // TJK and the projector see neither order: no own part but TJK's own, KAZ's
    // posture as it was, its hand count as it was, nothing revealed.
    let (tv, _) = next_view(&mut tjk).await;
    assert_eq!(tv.viewer, Viewer::Seat(SeatId(2)));
    assert!(tv.own.as_ref().unwrap().orders.is_empty());
    assert_eq!(
        tv.seats[0].posture, content.states[0].posture,
        "KAZ's new posture stays secret"
    );
    assert!(tv.revealed.iter().all(|r| r.is_empty()));
    let (pv, _) = next_view(&mut projector).await;
    assert_eq!(pv.viewer, Viewer::Public);
    assert!(pv.own.is_none());
    assert_eq!(pv.seats[0].posture, content.states[0].posture);
    // KAZ's device drops and comes back with its token: same seat, same orders.
    kaz.close().await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut back = Client::connect(&url).await.unwrap();
    back.send(&ClientMsg::Resume {
        token: kaz_token.clone(),
        lang: Some("ru".into()),
        log: false,
    })
    .await
    .unwrap();
    let (state, seq) = back
        .recv_until(WAIT, |m| match m {
            ServerMsg::Joined { state, seq, .. } => Some((state, seq)),
            ServerMsg::Refused { reason, .. } => panic!("{reason}"),
            _ => None,
        })
        .await
        .unwrap();
    assert_eq!(state.as_deref(), Some(kaz_id.as_str()));
    assert_eq!(seq, 2, "the host remembers the last command it took");
    let (view, _) = next_view(&mut back).await;
    assert_eq!(view.own.unwrap().orders.len(), 2);
    running.stop().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_clients_change_nothing() {
    let dir = data_dir("hostile");
    let content = content();
    let seed = policy_first_seed(&content);
    let running = host::start(content.clone(), &config_seed(&dir, 2, seed))
        .await
        .unwrap();
    let url = running.ws_url();
    let code = running.class.codes()[0].1.clone();
    let kaz_id = content.states[0].id.clone();
    let kgz_id = content.states[1].id.clone();
    let (mut kaz, _, _, _) = join(&url, &code, Some(&kaz_id)).await;
    running.class.steer(1, &Steer::Start).unwrap();
    let (_, at) = next_view(&mut kaz).await;
    let before = running.class.table_hash(1).unwrap();
    // Garbage, a binary frame, an unknown kind, a command for another state, a stale
    // decision, then a good one replayed.
    kaz.send_raw(Message::Text("{{{ not json".into()))
        .await
        .unwrap();
    assert!(refusal(&mut kaz).await.contains("not a message"));
    kaz.send_raw(Message::Binary(vec![1, 2, 3].into()))
        .await
        .unwrap();
    assert!(refusal(&mut kaz).await.contains("text frames"));
    kaz.send_raw(Message::Text(r#"{"t":"format_disk","path":"/"}"#.into()))
        .await
        .unwrap();
    assert!(refusal(&mut kaz).await.contains("not a message"));
    let r = command(
        &mut kaz,
        1,
        at,
        NamedCommand::Confirm {
            state: kgz_id.clone(),
        },
    )
    .await;
    assert!(r.unwrap_err().contains("own state"));
    let r = command(
        &mut kaz,
        2,
        at + 1000,
        NamedCommand::Confirm {
            state: kaz_id.clone(),
        },
    )
    .await;
    assert!(r.unwrap_err().contains("stale"));
    let r = command(
        &mut kaz,
        3,
        at,
        NamedCommand::Play {
            state: kaz_id.clone(),
            card: "no-such-card".into(),
        },
    )
    .await;
    assert!(r.unwrap_err().contains("no-such-card"));
    assert_eq!(running.class.table_hash(1).unwrap(), before);
    // A good order, then the same message again: refused as replayed.
    let posture = content.postures[1].id.clone();
    let cmd = NamedCommand::SetPosture {
        state: kaz_id.clone(),
        posture,
    };
    command(&mut kaz, 4, at, cmd.clone()).await.unwrap();
    let r = command(&mut kaz, 4, at, cmd.clone()).await;
    assert!(r.unwrap_err().contains("replayed"));
    // Steering is for the teacher only, and a wrong teacher code is refused.
    kaz.send(&ClientMsg::Steer {
        table: 2,
        act: Steer::Start,
    })
    .await
    .unwrap();
    assert!(refusal(&mut kaz).await.contains("only the teacher"));
    let mut t = Client::connect(&url).await.unwrap();
    t.send(&ClientMsg::Teacher {
        code: "AAAAAAAAAA".into(),
    })
    .await
    .unwrap();
    assert!(refusal(&mut t).await.contains("wrong"));
    // A resume with a made-up token.
    let mut f = Client::connect(&url).await.unwrap();
    f.send(&ClientMsg::Resume {
        token: "0123456789abcdef0123456789abcdef".into(),
        lang: None,
        log: false,
    })
    .await
    .unwrap();
    assert!(refusal(&mut f).await.contains("not known"));
    // An oversized frame closes its connection.
    let mut big = Client::connect(&url).await.unwrap();
    let huge = format!(
        r#"{{"t":"join","code":"{}","state":null}}"#,
        "X".repeat(MAX_CLIENT_MESSAGE * 2)
    );
    let _ = big.send_raw(Message::Text(huge.into())).await;
    assert!(big.recv(WAIT).await.is_err(), "an oversized frame closes");
    // A flood closes its connection.
    let mut flood = Client::connect(&url).await.unwrap();
    for _ in 0..200 {
        if flood.send(&ClientMsg::Ping).await.is_err() {
            break;
        }
    }
    let closed = flood
        .recv_until(WAIT, |m| match m {
            ServerMsg::Refused { reason, .. } => Some(reason),
            _ => None,
        })
        .await
        .unwrap();
    assert!(closed.contains("too many"), "{closed}");
    // Table 1 has exactly the one good order; table 2 is untouched; the host still
    // serves: a new group joins table 2 and sees its view.
    let (h, n, _) = running.class.table_hash(1).unwrap();
    assert_eq!(n, before.1 + 1);
    assert_ne!(h, 0);
    let code2 = running.class.codes()[1].1.clone();
    let (_, _, v2, _) = join(&url, &code2, Some(&kgz_id)).await;
    assert_eq!(v2.viewer, Viewer::Seat(SeatId(1)));
    running.stop().await;
    let _ = std::fs::remove_dir_all(dir);
}

/// A free port on loopback (bound and let go).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn spawn_host(dir: &std::path::Path, port: u16, ready: &std::path::Path) -> Child {
    let _ = std::fs::remove_file(ready);
    Command::new(env!("CARGO_BIN_EXE_amu-darya"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["host", "--no-qr", "--tables", "1", "--seed", "11", "--bind"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("--data")
        .arg(dir)
        .arg("--ready-file")
        .arg(ready)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the host starts")
}

async fn wait_ready(ready: &std::path::Path) -> serde_json::Value {
    for _ in 0..600 {
        if let Ok(t) = std::fs::read_to_string(ready)
            && let Ok(v) = serde_json::from_str::<serde_json::Value>(&t)
        {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the host never said it was ready");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_killed_mid_game_resumes_every_table_and_its_clients_come_back() {
    let dir = data_dir("killed");
    let ready = dir.with_extension("ready.json");
    let content = content();
    let port = free_port();
    let mut child = spawn_host(&dir, port, &ready);
    let info = wait_ready(&ready).await;
    let url = info["ws"].as_str().unwrap().to_string();
    let teacher = info["teacher"].as_str().unwrap().to_string();
    let code = info["tables"][0]["code"].as_str().unwrap().to_string();
    // Five bot clients that reconnect on their own.
    let mut seats = Vec::new();
    for s in &content.states {
        let join = ClientMsg::Join {
            code: code.clone(),
            state: Some(s.id.clone()),
            lang: None,
            log: false,
        };
        let (url, content) = (url.clone(), content.clone());
        seats.push(tokio::spawn(async move {
            bench::play_seat(&url, join, content, Strength::Normal).await
        }));
    }
    // Kill the host once the game is a few rounds in (watched as the teacher).
    let mut watch = Client::connect(&url).await.unwrap();
    watch
        .send(&ClientMsg::Teacher {
            code: teacher.clone(),
        })
        .await
        .unwrap();
    let round_at_kill = watch
        .recv_until(Duration::from_secs(60), |m| match m {
            ServerMsg::Class { tables, .. } if tables[0].round >= 3 => Some(tables[0].round),
            _ => None,
        })
        .await
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut child = spawn_host(&dir, port, &ready);
    let again = wait_ready(&ready).await;
    assert_eq!(again["teacher"], info["teacher"], "the same class");
    assert_eq!(again["tables"][0]["code"], info["tables"][0]["code"]);
    let mut hashes = Vec::new();
    let mut reconnects = 0;
    for s in seats {
        let run = s.await.unwrap();
        assert!(run.error.is_none(), "{:?}", run.error);
        reconnects += run.reconnects;
        hashes.push(run.final_hash.expect("the game ends"));
    }
    assert!(reconnects >= 5, "every client came back ({reconnects})");
    assert!(hashes.windows(2).all(|w| w[0] == w[1]));
    // The table's save, exported after the restart, replays here to the same hash.
    let saves = bench::exports(&url, &teacher, vec![1]).await.unwrap();
    let save = amu_darya::session::Save::from_ron(&saves[0].1).unwrap();
    let game = amu_darya::session::verify(&save, content).unwrap();
    assert_eq!(game.state_hash(), hashes[0]);
    assert!(round_at_kill >= 3);
    child.kill().unwrap();
    child.wait().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(&ready);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_teacher_puts_an_event_card_on_top_of_the_next_news() {
    let dir = data_dir("inject");
    let content = content();
    let seed = policy_first_seed(&content);
    let running = host::start(content.clone(), &config_seed(&dir, 1, seed))
        .await
        .unwrap();
    let url = running.ws_url();
    let code = running.class.codes()[0].1.clone();
    let kaz_id = content.states[0].id.clone();
    let (mut kaz, _, _, _) = join(&url, &code, Some(&kaz_id)).await;
    running.class.steer(1, &Steer::Start).unwrap();
    assert!(running.class.summaries()[0].status.bots[2].is_some());
    // A group that comes late takes its seat back from the bot.
    let tjk_id = content.states[2].id.clone();
    let (_tjk, _, _, _) = join(&url, &code, Some(&tjk_id)).await;
    assert!(running.class.summaries()[0].status.bots[2].is_none());
    // An event card of a later era: it would not come up in round 2 by itself.
    let card = content
        .cards
        .iter()
        .rev()
        .find(|c| c.kind == amu_darya::content::CardKind::Event && c.era.is_some())
        .expect("a later era's event card");
    // Only the teacher may, and only an event card.
    let policy = content
        .cards
        .iter()
        .find(|c| c.kind == amu_darya::content::CardKind::Policy)
        .unwrap();
    let refused = running.class.steer(
        1,
        &Steer::Inject {
            card: policy.id.clone(),
        },
    );
    assert!(refused.unwrap_err().contains("event card"));
    running
        .class
        .steer(
            1,
            &Steer::Inject {
                card: card.id.clone(),
            },
        )
        .unwrap();
    // The projector and the groups see it waiting on top of the news.
    let id = content.card(&card.id).unwrap();
    let (view, at) = kaz
        .recv_until(WAIT, |m| match m {
            ServerMsg::View { view, at, .. } if !view.deck.opening.is_empty() => Some((*view, at)),
            _ => None,
        })
        .await
        .expect("a view with the card on top of the news");
    assert_eq!(view.deck.opening.first(), Some(&id));
    command(
        &mut kaz,
        1,
        at,
        NamedCommand::Confirm {
            state: kaz_id.clone(),
        },
    )
    .await
    .unwrap();
    // Round 2's news drew it (or set it aside, when its condition did not hold).
    let save = running.class.save(1).unwrap();
    let game = amu_darya::session::verify(&save, content.clone()).unwrap();
    assert!(game.clock().round >= 2);
    let drawn = game.log().iter().any(|l| {
        l.round == 2
            && matches!(
                l.entry,
                amu_darya::game::LogEntry::Event { card: c }
                    | amu_darya::game::LogEntry::EventSkipped { card: c } if c == id
            )
    });
    assert!(drawn, "the injected card came up in round 2's news");
    running.stop().await;
    let _ = std::fs::remove_dir_all(dir);
}
