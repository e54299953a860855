//! Bot clients over real sockets: `bot-client` takes one seat of a table and plays it with
//! a bot (a machine can fill a group's seat, and the browser test uses it); `bench-host`
//! plays whole tables with a bot client on every seat and a projector each, times every
//! command's round trip, and checks each table's final hash against a local replay of the
//! table's save.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::ai::{self, BotOptions, Strength};
use crate::content::Content;
use crate::game::Command;
use crate::net::client::{Client, ClientError};
use crate::net::{ClientMsg, ServerMsg};
use crate::rules::{Awaiting, View, Viewer};

/// How long a client waits for the host before it gives up.
const WAIT: Duration = Duration::from_secs(60);

/// What one seat's client did.
#[derive(Debug, Default, Clone)]
pub struct SeatRun {
    pub commands: u64,
    pub refused: u64,
    /// Round trips of its commands, in microseconds.
    pub trips_us: Vec<u64>,
    /// The final state hash the host showed when the game ended.
    pub final_hash: Option<u64>,
    /// How many times it got back to its seat after losing the host.
    pub reconnects: u32,
    pub error: Option<String>,
}

/// The next command a bot gives for `seat` from its view, if the view waits for one.
fn next_command(content: &Arc<Content>, view: &View, opts: &BotOptions) -> Option<Command> {
    let Viewer::Seat(seat) = view.viewer else {
        return None;
    };
    let mine = match &view.awaiting {
        Awaiting::Choice(s) => *s == seat && view.choice.is_some(),
        Awaiting::Policy(seats) => seats.contains(&seat),
        Awaiting::Over => false,
    };
    if !mine {
        return None;
    }
    Some(
        ai::decide(content, view, opts)
            .map(|(c, _)| c)
            .unwrap_or(Command::Confirm { seat }),
    )
}

/// Join (or resume) a seat and play it with a bot to the game's end. `join` is the join
/// message to send first.
pub async fn play_seat(
    url: &str,
    join: ClientMsg,
    content: Arc<Content>,
    strength: Strength,
) -> SeatRun {
    let mut run = SeatRun::default();
    if let Err(e) = play_seat_into(url, join, &content, strength, &mut run).await {
        run.error = Some(e);
    }
    run
}

async fn play_seat_into(
    url: &str,
    join: ClientMsg,
    content: &Arc<Content>,
    strength: Strength,
    run: &mut SeatRun,
) -> Result<(), String> {
    let opts = BotOptions {
        strength: vec![strength; content.states.len()],
        ..BotOptions::default()
    };
    // The seat's token once joined: a dropped connection resumes with it.
    let mut token: Option<String> = None;
    let mut lost_since: Option<Instant> = None;
    loop {
        let hello = match &token {
            None => join.clone(),
            Some(t) => ClientMsg::Resume {
                token: t.clone(),
                lang: None,
                log: false,
            },
        };
        match seat_session(url, hello, content, &opts, &mut token, run).await {
            Ok(()) => return Ok(()),
            // Refused by the host: no use trying again.
            Err(Lost::Refused(e)) => return Err(e),
            Err(Lost::Connection(e)) => {
                // Reconnect on its own (the host may be restarting) for up to a minute.
                let since = *lost_since.get_or_insert_with(Instant::now);
                if token.is_none() || since.elapsed() > RECONNECT_FOR {
                    return Err(e);
                }
                run.reconnects += 1;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
}

/// How long a client keeps trying to get back to its seat.
const RECONNECT_FOR: Duration = Duration::from_secs(60);

/// Why a seat's session ended early.
enum Lost {
    Refused(String),
    Connection(String),
}

/// One connection's play: join or resume, then answer every view that waits for the seat.
async fn seat_session(
    url: &str,
    hello: ClientMsg,
    content: &Arc<Content>,
    opts: &BotOptions,
    token: &mut Option<String>,
    run: &mut SeatRun,
) -> Result<(), Lost> {
    let e = |e: ClientError| Lost::Connection(e.to_string());
    let mut c = Client::connect(url).await.map_err(e)?;
    c.send(&hello).await.map_err(e)?;
    let (mut seq, hash) = c
        .recv_until(WAIT, |m| match m {
            ServerMsg::Joined {
                seq,
                content_hash,
                token,
                ..
            } => Some(Ok((seq, content_hash, token))),
            ServerMsg::Refused { reason, .. } => Some(Err(reason)),
            _ => None,
        })
        .await
        .map_err(e)?
        .map(|(seq, hash, t)| {
            *token = Some(t);
            (seq, hash)
        })
        .map_err(Lost::Refused)?;
    if hash != crate::hash::hex(content.hash) {
        return Err(Lost::Refused(format!(
            "the host plays other content (hash {hash}; this level loads as {})",
            crate::hash::hex(content.hash)
        )));
    }
    // The last decision sent, so one view is answered once.
    let mut answered: Option<(u64, usize, bool)> = None;
    loop {
        // A class may wait minutes for a group or the teacher: a quiet host is asked
        // whether it is there (a ping) rather than given up on.
        let msg = match c.recv(WAIT).await {
            Err(ClientError::Timeout) => {
                c.send(&ClientMsg::Ping).await.map_err(e)?;
                continue;
            }
            m => m.map_err(e)?,
        };
        let ServerMsg::View {
            at, view, status, ..
        } = msg
        else {
            continue;
        };
        if let Some(h) = view.final_hash {
            run.final_hash = Some(h);
            c.close().await;
            return Ok(());
        }
        if !status.started || status.paused {
            continue;
        }
        let key = (
            at,
            view.own.as_ref().map_or(0, |o| o.orders.len()),
            view.choice.is_some(),
        );
        if answered == Some(key) {
            continue;
        }
        let Some(cmd) = next_command(content, &view, opts) else {
            continue;
        };
        answered = Some(key);
        seq += 1;
        let sent = Instant::now();
        c.send(&ClientMsg::Cmd {
            journal: None,
            seq,
            at,
            cmd: cmd.named(content),
        })
        .await
        .map_err(e)?;
        let ok = c
            .recv_until(WAIT, |m| match m {
                ServerMsg::Ok { seq: s } if s == seq => Some(true),
                ServerMsg::Refused { seq: Some(s), .. } if s == seq => Some(false),
                _ => None,
            })
            .await
            .map_err(e)?;
        run.trips_us.push(sent.elapsed().as_micros() as u64);
        run.commands += 1;
        if !ok {
            run.refused += 1;
            // Decide again from the view that follows.
            answered = None;
        }
    }
}

/// Watch a table as its projector until the game ends; returns the views received.
async fn project(url: &str, code: &str) -> Result<u64, String> {
    let e = |e: ClientError| e.to_string();
    let mut c = Client::connect(url).await.map_err(e)?;
    c.send(&ClientMsg::Join {
        code: code.to_string(),
        state: None,
        lang: None,
        log: false,
    })
    .await
    .map_err(e)?;
    let mut views = 0;
    loop {
        if let ServerMsg::View { view, .. } = c.recv(WAIT * 5).await.map_err(e)? {
            views += 1;
            if view.final_hash.is_some() {
                c.close().await;
                return Ok(views);
            }
        }
    }
}

/// What `bench-host` prints.
#[derive(Debug, Serialize)]
pub struct BenchReport {
    pub tables: usize,
    pub tables_finished: usize,
    pub clients: usize,
    pub commands: u64,
    pub refused: u64,
    pub round_trip_ms_p50: f64,
    pub round_trip_ms_p95: f64,
    pub round_trip_ms_max: f64,
    pub errors: Vec<String>,
    /// Whether every table's final hash (as its clients saw it) equals a local replay
    /// of the table's save.
    pub hashes_match_replay: bool,
    pub seconds: f64,
}

/// Play tables `tables` of the host at `url` with a bot client on every seat and a
/// projector each, all at once; the teacher code lets it read the join codes and export
/// each table's save to replay locally.
pub async fn bench(
    url: &str,
    teacher: &str,
    tables: &[u32],
    content: Arc<Content>,
    strength: Strength,
) -> BenchReport {
    let started = Instant::now();
    let mut errors = Vec::new();
    let codes = match teacher_codes(url, teacher).await {
        Ok(c) => c,
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    };
    let mut handles = Vec::new();
    let mut projectors = Vec::new();
    for t in tables {
        let Some((_, code)) = codes.iter().find(|(id, _)| id == t) else {
            errors.push(format!("the host has no table {t}"));
            continue;
        };
        for s in &content.states {
            let join = ClientMsg::Join {
                code: code.clone(),
                state: Some(s.id.clone()),
                lang: None,
                log: false,
            };
            let (url, content) = (url.to_string(), content.clone());
            let t = *t;
            handles.push(tokio::spawn(async move {
                (t, play_seat(&url, join, content, strength).await)
            }));
        }
        let (url, code) = (url.to_string(), code.clone());
        projectors.push(tokio::spawn(async move { project(&url, &code).await }));
    }
    let clients = handles.len() + projectors.len();
    let mut trips = Vec::new();
    let (mut commands, mut refused) = (0, 0);
    let mut finals: std::collections::BTreeMap<u32, Vec<Option<u64>>> = Default::default();
    for h in handles {
        match h.await {
            Ok((t, run)) => {
                commands += run.commands;
                refused += run.refused;
                trips.extend(run.trips_us);
                if let Some(e) = run.error {
                    errors.push(format!("table {t}: {e}"));
                }
                finals.entry(t).or_default().push(run.final_hash);
            }
            Err(e) => errors.push(format!("a client failed: {e}")),
        }
    }
    for p in projectors {
        match p.await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => errors.push(format!("a projector: {e}")),
            Err(e) => errors.push(format!("a projector failed: {e}")),
        }
    }
    // Each table's save, replayed here.
    let mut finished = 0;
    let mut all_match = !finals.is_empty();
    match exports(url, teacher, finals.keys().copied().collect()).await {
        Ok(saves) => {
            for (t, hashes) in &finals {
                let seen: Vec<u64> = hashes.iter().flatten().copied().collect();
                let agreed = seen.len() == hashes.len() && seen.windows(2).all(|w| w[0] == w[1]);
                if agreed {
                    finished += 1;
                }
                let replayed = saves
                    .iter()
                    .find(|(id, _)| id == t)
                    .and_then(|(_, text)| crate::session::Save::from_ron(text).ok())
                    .and_then(|save| crate::session::verify(&save, content.clone()).ok())
                    .map(|g| g.state_hash());
                let ok = agreed && replayed.is_some() && replayed == seen.first().copied();
                if !ok {
                    errors.push(format!(
                        "table {t}: clients saw {seen:x?}, the replay gives {replayed:x?}"
                    ));
                }
                all_match &= ok;
            }
        }
        Err(e) => {
            errors.push(e);
            all_match = false;
        }
    }
    trips.sort_unstable();
    let pct = |p: f64| -> f64 {
        if trips.is_empty() {
            return 0.0;
        }
        let i = ((trips.len() as f64 - 1.0) * p).round() as usize;
        trips[i.min(trips.len() - 1)] as f64 / 1000.0
    };
    BenchReport {
        tables: tables.len(),
        tables_finished: finished,
        clients,
        commands,
        refused,
        round_trip_ms_p50: pct(0.50),
        round_trip_ms_p95: pct(0.95),
        round_trip_ms_max: pct(1.0),
        errors,
        hashes_match_replay: all_match,
        seconds: started.elapsed().as_secs_f64(),
    }
}

/// A connection signed in as the teacher.
async fn teacher_client(url: &str, teacher: &str) -> Result<Client, String> {
    let e = |e: ClientError| e.to_string();
    let mut c = Client::connect(url).await.map_err(e)?;
    c.send(&ClientMsg::Teacher {
        code: teacher.to_string(),
    })
    .await
    .map_err(e)?;
    Ok(c)
}

/// Sign in as the teacher and read each table's join code.
pub async fn teacher_codes(url: &str, teacher: &str) -> Result<Vec<(u32, String)>, String> {
    let e = |e: ClientError| e.to_string();
    let mut c = teacher_client(url, teacher).await?;
    let out = c
        .recv_until(WAIT, |m| match m {
            ServerMsg::Class { tables, .. } => {
                Some(Ok(tables.into_iter().map(|t| (t.table, t.code)).collect()))
            }
            ServerMsg::Refused { reason, .. } => Some(Err(reason)),
            _ => None,
        })
        .await
        .map_err(e)?;
    c.close().await;
    out
}

/// Sign in as the teacher and export these tables' saves.
pub async fn exports(
    url: &str,
    teacher: &str,
    tables: Vec<u32>,
) -> Result<Vec<(u32, String)>, String> {
    let e = |e: ClientError| e.to_string();
    let mut c = teacher_client(url, teacher).await?;
    let mut out = Vec::new();
    for t in tables {
        c.send(&ClientMsg::Export { table: t }).await.map_err(e)?;
        let save = c
            .recv_until(WAIT, |m| match m {
                ServerMsg::Save { table, save } if table == t => Some(Ok(save)),
                ServerMsg::Refused { reason, .. } => Some(Err(reason)),
                _ => None,
            })
            .await
            .map_err(e)??;
        out.push((t, save));
    }
    c.close().await;
    Ok(out)
}
