//! Where the host keeps a class: one SQLite file (`class.sqlite` in `--data`), written
//! before the host answers. A command is written when the rules have checked it and
//! before it is applied; a seat's device, a bot taking a seat, a pause or a timer is written
//! when it happens. Killed at any moment and started again on the same folder, the host
//! replays each table's commands and is where it was.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

/// The schema's version; a folder written by another version is refused.
const SCHEMA: i64 = 1;

/// One stored command, with a bot's reason.
#[derive(Debug, Clone)]
pub struct StoredCommand {
    pub cmd: String,
    pub reason: Option<String>,
}

/// One table's row.
#[derive(Debug, Clone, Default)]
pub struct TableRow {
    pub id: u32,
    pub code: String,
    pub started: bool,
    pub paused: bool,
    pub reveal: bool,
    /// The timer: milliseconds left when held, or the deadline (Unix milliseconds) when
    /// running.
    pub timer_left: Option<i64>,
    pub timer_deadline: Option<i64>,
}

/// One seat's row.
#[derive(Debug, Clone, Default)]
pub struct SeatRow {
    pub token: Option<String>,
    pub bot: Option<String>,
    pub last_seq: u64,
}

/// The class's file.
pub struct Store {
    db: Connection,
}

/// What went wrong with the file, in words.
pub type StoreError = String;

fn err(e: rusqlite::Error) -> StoreError {
    format!("the class file: {e}")
}

impl Store {
    /// Open (or create) the class file in `dir`.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create the data folder {}: {e}", dir.display()))?;
        let path = dir.join("class.sqlite");
        let db =
            Connection::open(&path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        // WAL: a write is safe once the call returns, even if the process is killed.
        db.pragma_update(None, "journal_mode", "WAL").map_err(err)?;
        db.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        db.execute_batch(
            "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS tables(
                 id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,
                 started INTEGER NOT NULL DEFAULT 0, paused INTEGER NOT NULL DEFAULT 0,
                 reveal INTEGER NOT NULL DEFAULT 0,
                 timer_left INTEGER, timer_deadline INTEGER);
             CREATE TABLE IF NOT EXISTS seats(
                 tbl INTEGER NOT NULL, seat INTEGER NOT NULL, token TEXT UNIQUE, bot TEXT,
                 last_seq INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(tbl, seat));
             CREATE TABLE IF NOT EXISTS viewers(token TEXT PRIMARY KEY, tbl INTEGER NOT NULL);
             CREATE TABLE IF NOT EXISTS commands(
                 tbl INTEGER NOT NULL, n INTEGER NOT NULL, cmd TEXT NOT NULL, reason TEXT,
                 PRIMARY KEY(tbl, n));
             CREATE TABLE IF NOT EXISTS journal(
                 tbl INTEGER NOT NULL, at INTEGER NOT NULL, seat INTEGER NOT NULL,
                 text TEXT NOT NULL);",
        )
        .map_err(err)?;
        let store = Store { db };
        match store.meta("schema")? {
            None => store.set_meta("schema", &SCHEMA.to_string())?,
            Some(v) if v == SCHEMA.to_string() => {}
            Some(v) => {
                return Err(format!(
                    "{} was written by another version of the host (schema {v}, this one \
                     reads {SCHEMA}); start the class in a new --data folder",
                    path.display()
                ));
            }
        }
        Ok(store)
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.db
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(err)
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.db
            .execute(
                "INSERT INTO meta(key, value) VALUES(?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map(|_| ())
            .map_err(err)
    }

    /// Add a table with its seats.
    pub fn add_table(&self, id: u32, code: &str, seats: usize) -> Result<(), StoreError> {
        self.db
            .execute(
                "INSERT INTO tables(id, code) VALUES(?1, ?2)",
                params![id, code],
            )
            .map_err(err)?;
        for s in 0..seats {
            self.db
                .execute(
                    "INSERT INTO seats(tbl, seat) VALUES(?1, ?2)",
                    params![id, s as i64],
                )
                .map_err(err)?;
        }
        Ok(())
    }

    /// Every table, in order.
    pub fn tables(&self) -> Result<Vec<TableRow>, StoreError> {
        let mut q = self
            .db
            .prepare(
                "SELECT id, code, started, paused, reveal, timer_left, timer_deadline
                 FROM tables ORDER BY id",
            )
            .map_err(err)?;
        let rows = q
            .query_map([], |r| {
                Ok(TableRow {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    started: r.get(2)?,
                    paused: r.get(3)?,
                    reveal: r.get(4)?,
                    timer_left: r.get(5)?,
                    timer_deadline: r.get(6)?,
                })
            })
            .map_err(err)?;
        rows.collect::<Result<_, _>>().map_err(err)
    }

    /// A table's run state (started, paused, reveal, timer).
    pub fn set_table(&self, t: &TableRow) -> Result<(), StoreError> {
        self.db
            .execute(
                "UPDATE tables SET started = ?2, paused = ?3, reveal = ?4, timer_left = ?5,
                 timer_deadline = ?6 WHERE id = ?1",
                params![
                    t.id,
                    t.started,
                    t.paused,
                    t.reveal,
                    t.timer_left,
                    t.timer_deadline
                ],
            )
            .map(|_| ())
            .map_err(err)
    }

    /// A table's seats, in seat order.
    pub fn seats(&self, table: u32) -> Result<Vec<SeatRow>, StoreError> {
        let mut q = self
            .db
            .prepare("SELECT token, bot, last_seq FROM seats WHERE tbl = ?1 ORDER BY seat")
            .map_err(err)?;
        let rows = q
            .query_map([table], |r| {
                Ok(SeatRow {
                    token: r.get(0)?,
                    bot: r.get(1)?,
                    last_seq: r.get::<_, i64>(2)? as u64,
                })
            })
            .map_err(err)?;
        rows.collect::<Result<_, _>>().map_err(err)
    }

    pub fn set_seat(&self, table: u32, seat: usize, row: &SeatRow) -> Result<(), StoreError> {
        self.db
            .execute(
                "UPDATE seats SET token = ?3, bot = ?4, last_seq = ?5 WHERE tbl = ?1 AND seat = ?2",
                params![table, seat as i64, row.token, row.bot, row.last_seq as i64],
            )
            .map(|_| ())
            .map_err(err)
    }

    /// A projector's token.
    pub fn add_viewer(&self, token: &str, table: u32) -> Result<(), StoreError> {
        self.db
            .execute(
                "INSERT INTO viewers(token, tbl) VALUES(?1, ?2)",
                params![token, table],
            )
            .map(|_| ())
            .map_err(err)
    }

    pub fn viewers(&self) -> Result<Vec<(String, u32)>, StoreError> {
        let mut q = self
            .db
            .prepare("SELECT token, tbl FROM viewers")
            .map_err(err)?;
        let rows = q
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(err)?;
        rows.collect::<Result<_, _>>().map_err(err)
    }

    /// Keep command `n` of a table (and, for a person's, the seat's last command number,
    /// and the journal line written before it), in one transaction.
    pub fn append(
        &mut self,
        table: u32,
        n: usize,
        c: &StoredCommand,
        seq: Option<(usize, u64)>,
        journal: Option<&str>,
    ) -> Result<(), StoreError> {
        let tx = self.db.transaction().map_err(err)?;
        if let (Some(text), Some((seat, _))) = (journal, seq) {
            tx.execute(
                "INSERT INTO journal(tbl, at, seat, text) VALUES(?1, ?2, ?3, ?4)",
                params![table, n as i64, seat as i64, text],
            )
            .map_err(err)?;
        }
        tx.execute(
            "INSERT INTO commands(tbl, n, cmd, reason) VALUES(?1, ?2, ?3, ?4)",
            params![table, n as i64, c.cmd, c.reason],
        )
        .map_err(err)?;
        if let Some((seat, seq)) = seq {
            tx.execute(
                "UPDATE seats SET last_seq = ?3 WHERE tbl = ?1 AND seat = ?2",
                params![table, seat as i64, seq as i64],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)
    }

    /// A table's journal lines, in the order written: (commands before it, seat, text).
    pub fn journal(&self, table: u32) -> Result<Vec<(usize, usize, String)>, StoreError> {
        let mut q = self
            .db
            .prepare("SELECT at, seat, text FROM journal WHERE tbl = ?1 ORDER BY rowid")
            .map_err(err)?;
        let rows = q
            .query_map([table], |r| {
                let at: i64 = r.get(0)?;
                let seat: i64 = r.get(1)?;
                Ok((at.max(0) as usize, seat.max(0) as usize, r.get(2)?))
            })
            .map_err(err)?;
        rows.collect::<Result<_, _>>().map_err(err)
    }

    /// A table's commands, in order.
    pub fn commands(&self, table: u32) -> Result<Vec<StoredCommand>, StoreError> {
        let mut q = self
            .db
            .prepare("SELECT cmd, reason FROM commands WHERE tbl = ?1 ORDER BY n")
            .map_err(err)?;
        let rows = q
            .query_map([table], |r| {
                Ok(StoredCommand {
                    cmd: r.get(0)?,
                    reason: r.get(1)?,
                })
            })
            .map_err(err)?;
        rows.collect::<Result<_, _>>().map_err(err)
    }
}
