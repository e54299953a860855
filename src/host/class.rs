//! A class: its tables, each an authoritative game, and who holds each seat. Everything
//! here is plain, synchronous code behind one lock per table, so the server (see
//! [`super::server`]) and the tests drive it alike; nothing here knows about sockets.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::ai::{self, BotOptions, Strength};
use crate::content::{Content, SeatId};
use crate::game::{Command, NamedCommand, NamedReason, Phase, Reason};
use crate::hash;
use crate::net::{Line, ServerMsg, Status, Steer, TableSummary};
use crate::rules::{Awaiting, Game, View, Viewer};
use crate::session::{Controller, Save};
use crate::text::Strings;

use super::store::{SeatRow, Store, StoredCommand, TableRow};

/// How many log lines a view carries (the newest).
const LINES: usize = 80;

/// Letters of codes people type: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
const CODE_LETTERS: &[u8] = b"ACDEFGHJKMNPQRTUVWXY34679";

/// `n` random letters people can type (from the system's random source).
pub fn code(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    fill_random(&mut bytes);
    bytes
        .iter()
        .map(|b| CODE_LETTERS[*b as usize % CODE_LETTERS.len()] as char)
        .collect()
}

/// A random token of 128 bits, as 32 hex digits.
pub fn token() -> String {
    let mut bytes = [0u8; 16];
    fill_random(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn fill_random(bytes: &mut [u8]) {
    // The operating system's random source; without one the host cannot make
    // unguessable tokens and must not run.
    if let Err(e) = getrandom::fill(bytes) {
        eprintln!("the system's random source failed: {e}");
        std::process::exit(crate::exit::INVALID);
    }
}

/// Unix time in milliseconds (the timer's clock: not the rules').
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Compare two codes in time that does not depend on where they differ.
fn same_code(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Who a connection is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Seat { table: u32, seat: SeatId },
    Projector { table: u32 },
    Teacher,
}

/// One table: a game and who plays it.
pub struct Table {
    pub row: TableRow,
    pub game: Game,
    pub seats: Vec<SeatRow>,
    /// Connections per seat now.
    pub online: Vec<u32>,
    /// Bumped whenever anything its connections see changes.
    pub version: tokio::sync::watch::Sender<u64>,
}

/// A class: one level and seed, several tables, one teacher.
pub struct Class {
    pub content: Arc<Content>,
    pub level_path: String,
    pub seed: u64,
    pub teacher: String,
    /// The strength of the bots that take empty seats when a table starts.
    pub bots: Strength,
    pub tables: Vec<Mutex<Table>>,
    store: Mutex<Store>,
    /// Token → who it is for.
    tokens: Mutex<HashMap<String, Role>>,
    /// Bumped whenever any table changes (the teacher's console follows it).
    pub changed: tokio::sync::watch::Sender<u64>,
}

/// How a class is made or found.
pub struct ClassConfig {
    pub content: Arc<Content>,
    pub level_path: String,
    pub seed: u64,
    pub tables: u32,
    pub bots: Strength,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while a table was locked would poison it; the data is still whole (every
    // change is checked before it is made), so go on with it.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Class {
    /// Open the class kept in `store`, or start one there. A class kept before resumes
    /// (its level, seed and tables win over `config`'s, which the caller is told of by
    /// the returned notes); its content must be the same.
    pub fn open(store: Store, config: ClassConfig) -> Result<(Class, Vec<String>), String> {
        let mut notes = Vec::new();
        let content = config.content;
        let hash_now = hash::hex(content.hash);
        let (seed, teacher, level_path) = match store.meta("content_hash")? {
            Some(saved) => {
                if saved != hash_now {
                    return Err(format!(
                        "this class was started on other content (hash {saved}; the level \
                         loads as {hash_now} now): start it again in a new --data folder, or \
                         run the version of the game it was started with"
                    ));
                }
                let seed = store
                    .meta("seed")?
                    .and_then(|s| s.parse().ok())
                    .ok_or("the class file has no seed")?;
                let teacher = store
                    .meta("teacher")?
                    .ok_or("the class file has no teacher code")?;
                let level = store.meta("level")?.unwrap_or(config.level_path.clone());
                notes.push(format!(
                    "resuming the class kept here (seed {seed}, level {level})"
                ));
                (seed, teacher, level)
            }
            None => {
                let teacher = code(10);
                store.set_meta("content_hash", &hash_now)?;
                store.set_meta("seed", &config.seed.to_string())?;
                store.set_meta("teacher", &teacher)?;
                store.set_meta("level", &config.level_path)?;
                store.set_meta("bots", config.bots.id())?;
                let mut codes: Vec<String> = Vec::new();
                for id in 1..=config.tables {
                    let mut c = code(6);
                    while codes.contains(&c) {
                        c = code(6);
                    }
                    store.add_table(id, &c, content.states.len())?;
                    codes.push(c);
                }
                (config.seed, teacher, config.level_path.clone())
            }
        };
        let bots = store
            .meta("bots")?
            .and_then(|b| Strength::parse(&b))
            .unwrap_or(config.bots);
        let mut tokens = HashMap::new();
        let mut tables = Vec::new();
        for row in store.tables()? {
            let seats = store.seats(row.id)?;
            for (i, s) in seats.iter().enumerate() {
                if let Some(t) = &s.token {
                    tokens.insert(
                        t.clone(),
                        Role::Seat {
                            table: row.id,
                            seat: SeatId(i as u8),
                        },
                    );
                }
            }
            let mut game = Game::new(content.clone(), seed);
            let commands = store.commands(row.id)?;
            let journal = store.journal(row.id)?;
            let mut journal = journal.iter().peekable();
            for (i, c) in commands.iter().enumerate() {
                while let Some((_, seat, text)) = journal.next_if(|j| j.0 <= i) {
                    let _ = game.write_journal(SeatId(*seat as u8), text);
                }
                let applied = serde_json::from_str::<NamedCommand>(&c.cmd)
                    .map_err(|e| e.to_string())
                    .and_then(|cmd| {
                        let reason = c
                            .reason
                            .as_deref()
                            .and_then(|r| serde_json::from_str::<NamedReason>(r).ok())
                            .and_then(|r| r.resolve(&content));
                        game.apply_named(&cmd, reason).map_err(|e| e.to_string())
                    });
                if let Err(e) = applied {
                    return Err(format!(
                        "table {}: kept command {} no longer applies ({e}); the class file \
                         is damaged",
                        row.id,
                        i + 1
                    ));
                }
            }
            if !commands.is_empty() {
                notes.push(format!(
                    "table {}: {} commands replayed, round {}",
                    row.id,
                    commands.len(),
                    game.clock().round
                ));
            }
            let n = seats.len();
            tables.push(Mutex::new(Table {
                row,
                game,
                seats,
                online: vec![0; n],
                version: tokio::sync::watch::Sender::new(0),
            }));
        }
        for (t, table) in store.viewers()? {
            tokens.insert(t, Role::Projector { table });
        }
        let class = Class {
            content,
            level_path,
            seed,
            teacher,
            bots,
            tables,
            store: Mutex::new(store),
            tokens: Mutex::new(tokens),
            changed: tokio::sync::watch::Sender::new(0),
        };
        // A table killed while its bots were thinking goes on where it was.
        for id in 1..=class.tables.len() as u32 {
            class.with_table(id, |c, t| c.run_bots(t))?;
        }
        Ok((class, notes))
    }

    /// The class code: what every table of this class shares (the level and the seed).
    pub fn class_code(&self) -> String {
        format!("{}/{}", self.content.level_id, self.seed)
    }

    /// Each table's number and join code.
    pub fn codes(&self) -> Vec<(u32, String)> {
        self.tables
            .iter()
            .map(|t| {
                let t = lock(t);
                (t.row.id, t.row.code.clone())
            })
            .collect()
    }

    fn table(&self, id: u32) -> Option<&Mutex<Table>> {
        self.tables.get((id as usize).checked_sub(1)?)
    }

    /// Run `f` on table `id`, then tell its connections and the teacher it changed.
    fn with_table<T>(
        &self,
        id: u32,
        f: impl FnOnce(&Class, &mut Table) -> Result<T, String>,
    ) -> Result<T, String> {
        let m = self
            .table(id)
            .ok_or_else(|| format!("there is no table {id}"))?;
        let mut t = lock(m);
        let out = f(self, &mut t);
        t.version.send_modify(|v| *v += 1);
        drop(t);
        self.changed.send_modify(|v| *v += 1);
        out
    }

    /// A watch that moves whenever table `id` changes.
    pub fn watch_table(&self, id: u32) -> Option<tokio::sync::watch::Receiver<u64>> {
        self.table(id).map(|t| lock(t).version.subscribe())
    }

    /// Join a table by its join code, as `state`'s group or (no state) as a projector.
    /// Returns the new token and who it is for.
    pub fn join(&self, code: &str, state: Option<&str>) -> Result<(String, Role), String> {
        let code = code.trim().to_ascii_uppercase();
        let id = self
            .codes()
            .into_iter()
            .find(|(_, c)| same_code(c, &code))
            .map(|(id, _)| id)
            .ok_or_else(|| format!("no table has the join code `{}`", clip(&code)))?;
        let token = token();
        let role = match state {
            None => {
                lock(&self.store).add_viewer(&token, id)?;
                Role::Projector { table: id }
            }
            Some(state) => {
                let seat = self.content.seat(state).ok_or_else(|| {
                    let ids: Vec<&str> =
                        self.content.states.iter().map(|s| s.id.as_str()).collect();
                    format!(
                        "no state `{}` (the states: {})",
                        clip(state),
                        ids.join(", ")
                    )
                })?;
                self.with_table(id, |c, t| {
                    let slot = &mut t.seats[seat.index()];
                    if slot.token.is_some() {
                        return Err(format!(
                            "{}'s seat at table {id} is taken: its group's device holds it (the \
                             teacher can free it)",
                            c.content.states[seat.index()].id
                        ));
                    }
                    let mut row = slot.clone();
                    row.token = Some(token.clone());
                    // A group that comes late takes its seat back from the bot that kept
                    // it (the teacher can hand it to a bot again).
                    row.bot = None;
                    lock(&c.store).set_seat(id, seat.index(), &row)?;
                    *slot = row;
                    // A table starts by itself once every seat has a group.
                    if !t.row.started && t.seats.iter().all(|s| s.token.is_some()) {
                        c.start(t)?;
                        c.run_bots(t)?;
                    }
                    Ok(())
                })?;
                Role::Seat { table: id, seat }
            }
        };
        lock(&self.tokens).insert(token.clone(), role.clone());
        Ok((token, role))
    }

    /// Who a token is for.
    pub fn resume(&self, token: &str) -> Option<Role> {
        lock(&self.tokens).get(token).cloned()
    }

    /// Whether `code` is the teacher's.
    pub fn is_teacher(&self, code: &str) -> bool {
        same_code(code.trim(), &self.teacher)
    }

    /// The last command number taken from a seat.
    pub fn last_seq(&self, table: u32, seat: SeatId) -> u64 {
        self.table(table)
            .and_then(|t| lock(t).seats.get(seat.index()).map(|s| s.last_seq))
            .unwrap_or(0)
    }

    /// A device connected to or left a seat.
    pub fn set_online(&self, table: u32, seat: SeatId, on: bool) {
        let _ = self.with_table(table, |_, t| {
            if let Some(n) = t.online.get_mut(seat.index()) {
                *n = if on { *n + 1 } else { n.saturating_sub(1) };
            }
            Ok(())
        });
    }

    /// A group's command: checked against the seat, its number, the decision it was
    /// made on and the rules, kept, applied; then the bots take their turns.
    pub fn command(
        &self,
        table: u32,
        seat: SeatId,
        seq: u64,
        at: u64,
        cmd: &NamedCommand,
        journal: Option<&str>,
    ) -> Result<(), String> {
        self.with_table(table, |c, t| {
            let slot = &t.seats[seat.index()];
            let me = &c.content.states[seat.index()].id;
            if cmd.state() != me {
                return Err(format!(
                    "a command for `{}` from {me}'s seat: a group acts only for its own state",
                    clip(cmd.state())
                ));
            }
            if seq <= slot.last_seq {
                return Err(format!(
                    "command {seq} is old or replayed: the last taken from {me} was {}",
                    slot.last_seq
                ));
            }
            if !t.row.started {
                return Err("the table has not started yet".into());
            }
            if t.row.paused {
                return Err("the teacher has paused the table".into());
            }
            if slot.bot.is_some() {
                return Err(format!(
                    "a bot plays {me} now (the teacher can give it back)"
                ));
            }
            if at != t.game.changes() {
                return Err("stale: the game moved on since that view; here is the new one".into());
            }
            let typed = cmd.resolve(&c.content).map_err(|e| e.to_string())?;
            t.game.check(&typed).map_err(|e| e.to_string())?;
            let stored = StoredCommand {
                cmd: serde_json::to_string(cmd).map_err(|e| e.to_string())?,
                reason: None,
            };
            // A journal line comes only with a confirm, kept with it and written before it.
            let journal = journal
                .filter(|_| matches!(typed, Command::Confirm { .. }))
                .and_then(crate::rules::journal_text);
            let n = t.game.commands().len();
            lock(&c.store).append(
                table,
                n,
                &stored,
                Some((seat.index(), seq)),
                journal.as_deref(),
            )?;
            t.seats[seat.index()].last_seq = seq;
            if let Some(line) = &journal {
                t.game
                    .write_journal(seat, line)
                    .map_err(|e| e.to_string())?;
            }
            t.game.apply(&typed).map_err(|e| e.to_string())?;
            c.run_bots(t)
        })
    }

    fn bot_options(&self, t: &Table) -> BotOptions {
        BotOptions {
            strength: t
                .seats
                .iter()
                .map(|s| {
                    s.bot
                        .as_deref()
                        .and_then(Strength::parse)
                        .unwrap_or_default()
                })
                .collect(),
            ..BotOptions::default()
        }
    }

    /// Let bots take every decision that is theirs, until the game waits for a group.
    fn run_bots(&self, t: &mut Table) -> Result<(), String> {
        if !t.row.started || t.row.paused {
            return Ok(());
        }
        let opts = self.bot_options(t);
        let is_bot = |t: &Table, s: SeatId| t.seats.get(s.index()).is_some_and(|x| x.bot.is_some());
        // A game has a bounded number of decisions; the cap guards against a bot bug.
        for _ in 0..10_000 {
            let seat = match t.game.awaiting() {
                Awaiting::Choice(s) if is_bot(t, s) => s,
                Awaiting::Policy(seats) => match seats.into_iter().find(|s| is_bot(t, *s)) {
                    Some(s) => s,
                    None => return Ok(()),
                },
                _ => return Ok(()),
            };
            let view = ai::view_for(&mut t.game, seat, &opts);
            let decided = ai::decide(&self.content, &view, &opts);
            let (cmd, reason) = match decided {
                Some((cmd, reason)) if t.game.check(&cmd).is_ok() => (cmd, Some(reason)),
                _ => (Command::Confirm { seat }, None),
            };
            if t.game.check(&cmd).is_err() {
                return Err(format!("the bot for seat {} is stuck", seat.0));
            }
            self.keep(t, &cmd, reason.as_ref())?;
            t.game
                .apply_with_reason(&cmd, reason)
                .map_err(|e| e.to_string())?;
        }
        Err("the bots took too many decisions".into())
    }

    /// Keep a bot's command before it is applied.
    fn keep(&self, t: &Table, cmd: &Command, reason: Option<&Reason>) -> Result<(), String> {
        let stored = StoredCommand {
            cmd: serde_json::to_string(&cmd.named(&self.content)).map_err(|e| e.to_string())?,
            reason: match reason {
                Some(r) => Some(
                    serde_json::to_string(&r.named(&self.content)).map_err(|e| e.to_string())?,
                ),
                None => None,
            },
        };
        lock(&self.store).append(t.row.id, t.game.commands().len(), &stored, None, None)
    }

    /// Start a table: seats no group holds go to bots.
    fn start(&self, t: &mut Table) -> Result<(), String> {
        for (i, s) in t.seats.iter_mut().enumerate() {
            if s.token.is_none() && s.bot.is_none() {
                let mut row = s.clone();
                row.bot = Some(self.bots.id().to_string());
                lock(&self.store).set_seat(t.row.id, i, &row)?;
                *s = row;
            }
        }
        t.row.started = true;
        lock(&self.store).set_table(&t.row)?;
        Ok(())
    }

    /// The teacher steers a table.
    pub fn steer(&self, table: u32, act: &Steer) -> Result<(), String> {
        self.with_table(table, |c, t| {
            let seat_of = |state: &str| {
                c.content
                    .seat(state)
                    .ok_or_else(|| format!("no state `{}`", clip(state)))
            };
            match act {
                Steer::Start => {
                    if t.row.started {
                        return Err(format!("table {table} has started already"));
                    }
                    c.start(t)?;
                }
                Steer::Pause => t.row.paused = true,
                Steer::Resume => t.row.paused = false,
                Steer::Timer { secs } => {
                    let ms = i64::from((*secs).min(24 * 3600)) * 1000;
                    t.row.timer_left = None;
                    t.row.timer_deadline = Some(now_ms() + ms);
                }
                Steer::Extend { secs } => {
                    let ms = i64::from((*secs).min(24 * 3600)) * 1000;
                    if let Some(d) = &mut t.row.timer_deadline {
                        *d = (*d).max(now_ms()) + ms;
                    } else if let Some(l) = &mut t.row.timer_left {
                        *l += ms;
                    } else {
                        t.row.timer_deadline = Some(now_ms() + ms);
                    }
                }
                Steer::HoldTimer => {
                    if let Some(d) = t.row.timer_deadline.take() {
                        t.row.timer_left = Some((d - now_ms()).max(0));
                    } else if let Some(l) = t.row.timer_left.take() {
                        t.row.timer_deadline = Some(now_ms() + l);
                    } else {
                        return Err("there is no timer to hold".into());
                    }
                }
                Steer::Reveal { on } => t.row.reveal = *on,
                Steer::Bot { state, strength } => {
                    let seat = seat_of(state)?;
                    let s = Strength::named(strength)?;
                    let mut row = t.seats[seat.index()].clone();
                    row.bot = Some(s.id().to_string());
                    lock(&c.store).set_seat(table, seat.index(), &row)?;
                    t.seats[seat.index()] = row;
                }
                Steer::Person { state } => {
                    let seat = seat_of(state)?;
                    let mut row = t.seats[seat.index()].clone();
                    if row.token.is_none() {
                        return Err(format!(
                            "no group's device has joined {state}'s seat: a bot keeps it until one does"
                        ));
                    }
                    row.bot = None;
                    lock(&c.store).set_seat(table, seat.index(), &row)?;
                    t.seats[seat.index()] = row;
                }
                Steer::Inject { card } => {
                    let cmd = NamedCommand::Inject { card: card.clone() };
                    let typed = cmd.resolve(&c.content).map_err(|e| e.to_string())?;
                    t.game.check(&typed).map_err(|e| e.to_string())?;
                    c.keep(t, &typed, None)?;
                    t.game.apply(&typed).map_err(|e| e.to_string())?;
                }
                Steer::Free { state } => {
                    let seat = seat_of(state)?;
                    let mut row = t.seats[seat.index()].clone();
                    if let Some(old) = row.token.take() {
                        lock(&c.tokens).remove(&old);
                    }
                    if t.row.started && row.bot.is_none() {
                        row.bot = Some(c.bots.id().to_string());
                    }
                    lock(&c.store).set_seat(table, seat.index(), &row)?;
                    t.seats[seat.index()] = row;
                }
            }
            lock(&c.store).set_table(&t.row)?;
            c.run_bots(t)
        })
    }

    fn status(&self, t: &Table) -> Status {
        let timer = match (t.row.timer_deadline, t.row.timer_left) {
            (Some(d), _) => Some((((d - now_ms()).max(0) / 1000) as u32, true)),
            (None, Some(l)) => Some(((l / 1000) as u32, false)),
            _ => None,
        };
        Status {
            started: t.row.started,
            paused: t.row.paused,
            timer,
            bots: t.seats.iter().map(|s| s.bot.clone()).collect(),
            joined: t.seats.iter().map(|s| s.token.is_some()).collect(),
            online: t.online.iter().map(|n| *n > 0).collect(),
            reveal: t.row.reveal,
        }
    }

    /// The view message for a seat or a projector at table `id`, with the log in `lang`.
    pub fn view_msg(
        &self,
        id: u32,
        viewer: Viewer,
        strings: &Strings,
        keep_log: bool,
    ) -> Option<ServerMsg> {
        let t = lock(self.table(id)?);
        let mut view: View = t.game.view(viewer);
        let readable = crate::report::log::readable(&self.content, strings, &view.log);
        let skip = readable.len().saturating_sub(LINES);
        let lines = readable
            .into_iter()
            .skip(skip)
            .map(|r| Line {
                round: r.round,
                state: r.seat.map(|s| self.content.states[s.index()].id.clone()),
                text: r.text,
            })
            .collect();
        // The lines carry the log, in the viewer's language (the window reads the
        // entries and writes them itself).
        if !keep_log {
            view.log.clear();
        }
        let clock = t.game.clock();
        let hands = (viewer == Viewer::Public
            && t.row.reveal
            && !(clock.phase == Phase::Policy && t.game.outcome().is_none()))
        .then(|| {
            (0..self.content.states.len())
                .map(|i| {
                    t.game
                        .hand(SeatId(i as u8))
                        .iter()
                        .map(|c| self.content.cards[c.index()].id.clone())
                        .collect()
                })
                .collect()
        });
        Some(ServerMsg::View {
            table: id,
            at: t.game.changes(),
            scenario: t.game.quadrant(),
            status: self.status(&t),
            view: Box::new(view),
            lines,
            hands,
        })
    }

    /// Every table at a glance, for the teacher.
    pub fn summaries(&self) -> Vec<TableSummary> {
        self.tables.iter().map(|t| self.summary(&lock(t))).collect()
    }

    fn summary(&self, t: &Table) -> TableSummary {
        let c = &self.content;
        let g = &t.game;
        let clock = g.clock();
        let n = c.states.len();
        let confirmed = (0..n)
            .map(|i| g.orders(SeatId(i as u8)).is_some_and(|o| o.confirmed))
            .collect();
        let choosing = match g.awaiting() {
            Awaiting::Choice(s) => Some(c.states[s.index()].id.clone()),
            _ => None,
        };
        let postures = (0..n)
            .map(|i| {
                g.history()
                    .iter()
                    .map(|h| c.postures[h.postures[i].index()].id.clone())
                    .collect()
            })
            .collect();
        let outcome = g.outcome().map(|o| {
            if o.collapse {
                "collapse".to_string()
            } else {
                o.winner
                    .map_or("shared".to_string(), |w| c.states[w as usize].id.clone())
            }
        });
        TableSummary {
            table: t.row.id,
            code: t.row.code.clone(),
            round: clock.round,
            rounds: c.rounds,
            phase: format!("{:?}", clock.phase).to_lowercase(),
            status: self.status(t),
            confirmed,
            choosing,
            stability: g.shared_tracks()[c.core.stability.index()],
            scenario: g.quadrant().key().to_string(),
            scenarios: g
                .history()
                .iter()
                .map(|h| h.quadrant.key().to_string())
                .collect(),
            postures,
            scores: crate::rules::scores(g.world()),
            outcome,
            commands: g.commands().len(),
            final_hash: g.outcome().map(|_| hash::hex(g.state_hash())),
        }
    }

    /// The class's results as CSV: one row per table.
    pub fn results_csv(&self) -> String {
        let c = &self.content;
        let mut out = String::from("class,table,code,round,outcome,stability,scenarios");
        for s in &c.states {
            out.push_str(&format!(",{}_postures,{}_score", s.id, s.id));
        }
        out.push_str(",final_hash\n");
        for s in self.summaries() {
            out.push_str(&format!(
                "{},{},{},{},{},{},{}",
                self.class_code(),
                s.table,
                s.code,
                s.round,
                s.outcome.as_deref().unwrap_or("playing"),
                s.stability,
                s.scenarios.join(" ")
            ));
            for (p, score) in s.postures.iter().zip(&s.scores) {
                out.push_str(&format!(",{},{score}", p.join(" ")));
            }
            out.push_str(&format!(",{}\n", s.final_hash.as_deref().unwrap_or("")));
        }
        out
    }

    /// A table as an ordinary save (`replay --verify` accepts it).
    pub fn save(&self, id: u32) -> Option<Save> {
        let t = lock(self.table(id)?);
        let seats = t
            .seats
            .iter()
            .map(|s| {
                if s.bot.is_some() {
                    Controller::Bot
                } else {
                    Controller::Human
                }
            })
            .collect();
        let mut save = Save::of(&t.game, &self.level_path, seats);
        save.saved_at = (now_ms() / 1000) as u64;
        Some(save)
    }

    /// The final state hash of a table's game and its command count (tests, bench).
    pub fn table_hash(&self, id: u32) -> Option<(u64, usize, bool)> {
        let t = lock(self.table(id)?);
        Some((
            t.game.state_hash(),
            t.game.commands().len(),
            t.game.outcome().is_some(),
        ))
    }
}

/// A name from a client, shortened for a message.
fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}
