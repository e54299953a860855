//! The command line: `play`, `validate`, `sim`, `report` and `replay`. Output that a
//! reader pipes elsewhere ends quietly when the pipe closes (`sim --json | head -3`).

use std::io::{IsTerminal, Write};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};

use crate::DEFAULT_LEVEL;
use crate::content;
use crate::exit::{INVALID as EXIT_INVALID, MISMATCH as EXIT_MISMATCH};
use crate::report;
use crate::session::{self, Controller, Save};

#[derive(Parser, Debug)]
#[command(
    name = "amu-darya",
    version,
    about = "Amu Darya: a strategy board game of Central Asian security after 2021",
    long_about = "Amu Darya: a strategy board game of Central Asian security after the Taliban took Kabul in 2021.\n\nWith no subcommand it opens the game's window (builds with the `gui` feature); the window's options are those of `play`.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Cmd>,
    #[command(flatten)]
    pub window: WindowArgs,
}

/// How the window opens: given after `play`, or with no subcommand at all.
#[derive(Args, Debug, Clone, Default)]
pub struct WindowArgs {
    /// Let bots play every seat through the interface (the real-window test).
    #[arg(long)]
    pub autoplay: bool,
    /// Save a screenshot at each phase of the first round and at the debrief, then exit.
    #[arg(long, value_name = "DIR")]
    pub screenshot_dir: Option<PathBuf>,
    /// Close the window two seconds after the game ends and its debrief is drawn (with
    /// `--autoplay`: one game through, then out; `scripts/measure-window.sh` measures so).
    #[arg(long)]
    pub quit_when_over: bool,
    /// Play this state yourself (repeat for hot-seat); without it the window asks.
    #[arg(long, value_name = "STATE")]
    pub human: Vec<String>,
    /// The window's size in logical pixels (default 1366x768), e.g. `1920x1080`.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub window_size: Option<(u32, u32)>,
    /// The strength of the bots in the seats nobody plays, with `--human` or `--autoplay`
    /// (easy, normal, hard or strong; default normal).
    #[arg(long = "bots", value_name = "STRENGTH", value_parser = parse_strength)]
    pub window_bots: Option<crate::ai::Strength>,
    /// The level to set up a new game of (default: the title screen).
    #[arg(long)]
    pub level: Option<PathBuf>,
    /// The seed of the new game (with `--level`, or `--human`, or `--autoplay`).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Resume a saved game (the autosave is kept in the user's data folder).
    #[arg(long, value_name = "SAVE")]
    pub load: Option<PathBuf>,
    /// Join a classroom host at this address (host:port) as a group: with --code and
    /// --state (no --state: the projector's public view).
    #[arg(long, value_name = "ADDRESS", requires = "code")]
    pub join: Option<String>,
    /// The table's join code (with --join).
    #[arg(long, value_name = "CODE", requires = "join")]
    pub code: Option<String>,
    /// The state to play (with --join).
    #[arg(long, value_name = "STATE", requires = "join")]
    pub state: Option<String>,
}

/// A bots' strength by name.
fn parse_strength(s: &str) -> Result<crate::ai::Strength, String> {
    crate::ai::Strength::named(s)
}

/// `WxH`, each between 320 and 8192.
fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("`{s}` is not a size; expected WIDTHxHEIGHT, e.g. 1920x1080"))?;
    let num = |v: &str| {
        v.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (320..=8192).contains(n))
            .ok_or_else(|| format!("`{v}` in `{s}`: expected a whole number from 320 to 8192"))
    };
    Ok((num(w)?, num(h)?))
}

/// How bots play in `sim` and `report`.
#[derive(Args, Debug, Clone, Default)]
pub struct BotArgs {
    /// Force bots' postures for an experiment: `all=dual`, `all=multi`, `TJK=multi`
    /// (repeatable; later ones win).
    #[arg(long, value_name = "WHO=POSTURE")]
    pub posture: Vec<String>,
    /// Bots' strength: `all=hard`, `TJK=strong` (easy, normal, hard or strong;
    /// repeatable).
    #[arg(long, value_name = "WHO=STRENGTH")]
    pub bots: Vec<String>,
    /// Look-ahead games a strong bot plays per decision (default 128).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub playouts: Option<u32>,
}

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Check levels, cards, boards, rules, strings and saves; exit 2 listing every problem.
    Validate {
        /// Files or folders (folders are searched for .ron files).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the summary, errors and warnings as one JSON object.
        #[arg(long)]
        json: bool,
        /// Also list text not yet translated into this language (warnings).
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// Assets folder (default: beside the level, else ./assets).
        #[arg(long, value_name = "DIR")]
        assets: Option<PathBuf>,
    },
    /// Play many bot games and summarize them.
    Sim {
        #[arg(long, default_value = DEFAULT_LEVEL)]
        level: PathBuf,
        #[arg(long, default_value_t = 100)]
        games: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Worker threads (the results do not depend on it).
        #[arg(long, default_value_t = 1)]
        jobs: usize,
        /// Write one row per game to this CSV file.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Print the summary as one JSON object.
        #[arg(long)]
        json: bool,
        /// Save the first game (seed S) to this file.
        #[arg(long, value_name = "FILE")]
        save_first: Option<PathBuf>,
        #[command(flatten)]
        bots: BotArgs,
        #[arg(long, value_name = "DIR")]
        assets: Option<PathBuf>,
    },
    /// Re-simulate a saved game and print its final state hash.
    Replay {
        save: PathBuf,
        /// Exit 1 when the replayed hash differs from the one stored in the save.
        #[arg(long)]
        verify: bool,
        #[arg(long, value_name = "DIR")]
        assets: Option<PathBuf>,
    },
    /// The debrief of one game: a bot game of the level and seed, or a saved game
    /// (--save). As text (the log and the tracks round by round), or with --html FILE as
    /// one self-contained page to read and print: charts of every track, the news with
    /// notes and sources, every decision with its journal line, the essay's claims.
    Report {
        #[arg(long, default_value = DEFAULT_LEVEL)]
        level: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Report on this saved game instead of playing one (its level and seed are the
        /// save's).
        #[arg(long, value_name = "FILE")]
        save: Option<PathBuf>,
        /// Write the debrief as one HTML page to FILE.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Give the cards' fuller accounts of violence (the content-sensitivity setting).
        #[arg(long)]
        detailed: bool,
        /// Show every track change too.
        #[arg(long)]
        verbose: bool,
        /// Language of the text (falls back to English).
        #[arg(long, default_value = "en")]
        lang: String,
        #[command(flatten)]
        bots: BotArgs,
        #[arg(long, value_name = "DIR")]
        assets: Option<PathBuf>,
    },
    /// Set several groups' saved games of one class code side by side: outcome,
    /// scenarios, postures by round, scores, journal lines. Saves of different levels,
    /// seeds or content are refused.
    Class {
        #[arg(required = true, value_name = "SAVE")]
        saves: Vec<PathBuf>,
        /// Write the table as one HTML page to FILE.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        #[arg(long, default_value = "en")]
        lang: String,
        #[arg(long, value_name = "DIR")]
        assets: Option<PathBuf>,
    },
    /// Time a bot's decisions: JSON with the decisions timed, their p50, p95 and max in
    /// milliseconds, and the look-ahead games per decision. Every seat plays at the
    /// strength given; a strong bot's decisions with nothing to weigh are not timed.
    BenchBot {
        #[arg(long, default_value = DEFAULT_LEVEL)]
        level: PathBuf,
        /// easy, normal, hard or strong.
        #[arg(long, default_value = "strong")]
        strength: String,
        /// How many decisions to time.
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=100_000))]
        decisions: u32,
        /// Look-ahead games per strong decision (default: the window's, 256).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
        playouts: Option<u32>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_name = "DIR")]
        assets: Option<PathBuf>,
    },
    /// Host a class on this machine: one game per table, the groups' browsers, a projector
    /// and the teacher's console over the network; kept in --data, so a restart loses
    /// nothing (docs/CLASSROOM.md).
    #[cfg(not(target_arch = "wasm32"))]
    Host {
        /// Where to listen: 127.0.0.1 reaches this machine only; 0.0.0.0:PORT the class's
        /// network.
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: std::net::SocketAddr,
        #[arg(long, default_value = DEFAULT_LEVEL)]
        level: PathBuf,
        /// The class code's seed: every table plays the same level and seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How many tables (one game each).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=200))]
        tables: u32,
        /// The strength of the bots that take the seats no group has joined.
        #[arg(long, default_value = "normal")]
        bots: String,
        /// Serve the browser build from this folder under /web/ (scripts/build-web.sh).
        #[arg(long, value_name = "DIR")]
        web: Option<PathBuf>,
        /// Where the class is kept (default: the saves folder's `class`).
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// Write the addresses and codes as JSON to this file once listening.
        #[arg(long, value_name = "FILE")]
        ready_file: Option<PathBuf>,
        /// Print no QR codes.
        #[arg(long)]
        no_qr: bool,
        #[arg(long, value_name = "DIR")]
        assets: Option<PathBuf>,
    },
    /// Play whole tables of a host with bot clients over real sockets and print JSON:
    /// tables finished, commands, round trips (p50, p95, max ms), errors, and whether each
    /// table's final hash equals a local replay. Without --url it starts its own host.
    #[cfg(not(target_arch = "wasm32"))]
    BenchHost {
        /// The host's WebSocket (ws://127.0.0.1:PORT/ws); needs --teacher.
        #[arg(long)]
        url: Option<String>,
        /// The host's teacher code (to read the join codes and export the saves).
        #[arg(long)]
        teacher: Option<String>,
        /// Tables played at once (5 bot clients and a projector each).
        #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=200))]
        tables: u32,
        /// Games per table, one after another (each on the next unplayed table: the host
        /// needs tables × games tables).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
        games_per_table: u32,
        #[arg(long, default_value = DEFAULT_LEVEL)]
        level: PathBuf,
        /// The bot clients' strength.
        #[arg(long, default_value = "normal")]
        strength: String,
        #[arg(long, value_name = "DIR")]
        assets: Option<PathBuf>,
    },
    /// Take one seat of a hosted table and play it with a bot until the game ends.
    #[cfg(not(target_arch = "wasm32"))]
    BotClient {
        #[arg(long)]
        url: String,
        /// The table's join code.
        #[arg(long)]
        code: String,
        /// The state to play.
        #[arg(long)]
        state: String,
        #[arg(long, default_value = "normal")]
        strength: String,
        #[arg(long, default_value = DEFAULT_LEVEL)]
        level: PathBuf,
        #[arg(long, value_name = "DIR")]
        assets: Option<PathBuf>,
    },
    /// Open the game's window (the default with no subcommand).
    Play {
        #[command(flatten)]
        window: WindowArgs,
    },
}

/// Print to standard output; when the reader has gone (a closed pipe), end quietly.
pub fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let written = writeln!(stdout, "{text}").and_then(|()| stdout.flush());
    if let Err(e) = written {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("cannot write the output: {e}");
        std::process::exit(EXIT_INVALID);
    }
}

/// Run a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Some(Cmd::Validate {
            paths,
            json,
            lang,
            assets,
        }) => validate(&paths, json, lang.as_deref(), assets.as_deref()),
        Some(Cmd::Sim {
            level,
            games,
            seed,
            jobs,
            csv,
            json,
            save_first,
            bots,
            assets,
        }) => sim(&SimArgs {
            level,
            games,
            seed,
            jobs,
            csv,
            json,
            save_first,
            bots,
            assets,
        }),
        Some(Cmd::Replay {
            save,
            verify,
            assets,
        }) => replay(&save, verify, assets.as_deref()),
        Some(Cmd::Report {
            level,
            seed,
            save,
            html,
            detailed,
            verbose,
            lang,
            bots,
            assets,
        }) => report_game(&ReportArgs {
            level: &level,
            seed,
            save: save.as_deref(),
            html: html.as_deref(),
            detailed,
            verbose,
            lang: &lang,
            bots: &bots,
            assets: assets.as_deref(),
        }),
        Some(Cmd::Class {
            saves,
            html,
            lang,
            assets,
        }) => class_table(&saves, html.as_deref(), &lang, assets.as_deref()),
        Some(Cmd::BenchBot {
            level,
            strength,
            decisions,
            playouts,
            seed,
            assets,
        }) => bench_bot(
            &level,
            &strength,
            decisions,
            playouts,
            seed,
            assets.as_deref(),
        ),
        #[cfg(not(target_arch = "wasm32"))]
        Some(Cmd::Host {
            bind,
            level,
            seed,
            tables,
            bots,
            web,
            data,
            ready_file,
            no_qr,
            assets,
        }) => host(
            HostArgs {
                bind,
                level,
                seed,
                tables,
                bots,
                web,
                data,
                ready_file,
                qr: !no_qr,
            },
            assets.as_deref(),
        ),
        #[cfg(not(target_arch = "wasm32"))]
        Some(Cmd::BenchHost {
            url,
            teacher,
            tables,
            games_per_table,
            level,
            strength,
            assets,
        }) => bench_host(
            url,
            teacher,
            tables,
            games_per_table,
            &level,
            &strength,
            assets.as_deref(),
        ),
        #[cfg(not(target_arch = "wasm32"))]
        Some(Cmd::BotClient {
            url,
            code,
            state,
            strength,
            level,
            assets,
        }) => bot_client(&url, &code, &state, &strength, &level, assets.as_deref()),
        Some(Cmd::Play { window }) => play(window),
        None => play(cli.window),
    }
}

fn play(w: WindowArgs) -> i32 {
    #[cfg(all(feature = "gui", not(target_arch = "wasm32")))]
    {
        crate::gui::run(crate::gui::Launch {
            level: w
                .level
                .clone()
                .unwrap_or_else(|| PathBuf::from(DEFAULT_LEVEL)),
            level_given: w.level.is_some(),
            seed: w.seed,
            autoplay: w.autoplay,
            screenshot_dir: w.screenshot_dir,
            quit_when_over: w.quit_when_over,
            humans: w.human,
            load: w.load,
            window_size: w.window_size,
            bots: w.window_bots.unwrap_or_default(),
            bench_bot: None,
            join: w
                .join
                .clone()
                .map(|j| (j, w.code.clone().unwrap_or_default(), w.state.clone())),
        })
    }
    #[cfg(any(not(feature = "gui"), target_arch = "wasm32"))]
    {
        let _ = w;
        eprintln!("{}", crate::text::en("cli.no-gui"));
        EXIT_INVALID
    }
}

// ---- validate -------------------------------------------------------------------------

/// `validate`: exit 0 when all is valid, 2 with the full list otherwise.
pub fn validate(paths: &[PathBuf], json: bool, lang: Option<&str>, assets: Option<&Path>) -> i32 {
    let report = content::check::check(paths, lang, assets);
    if json {
        out(&serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        let mut text = String::new();
        for e in &report.errors {
            text.push_str(&format!("{e}\n"));
        }
        for w in &report.warnings {
            text.push_str(&format!(
                "{}:{}:{}: warning: {}\n",
                w.path, w.line, w.col, w.message
            ));
        }
        let s = &report.summary;
        text.push_str(&format!(
            "{}: {} files, {} levels, {} event cards, {} policy cards, {} regions, {} borders, {} saves; {} errors, {} warnings",
            if report.ok { "valid" } else { "invalid" },
            s.files,
            s.levels,
            s.event_cards,
            s.policy_cards,
            s.regions,
            s.borders,
            s.saves,
            report.errors.len(),
            report.warnings.len()
        ));
        out(&text);
    }
    if report.ok { 0 } else { EXIT_INVALID }
}

// ---- sim ------------------------------------------------------------------------------

struct SimArgs {
    level: PathBuf,
    games: u64,
    seed: u64,
    jobs: usize,
    csv: Option<PathBuf>,
    json: bool,
    save_first: Option<PathBuf>,
    bots: BotArgs,
    assets: Option<PathBuf>,
}

/// The bots' options from `--posture` and `--bots`.
fn bot_options(content: &content::Content, a: &BotArgs) -> Result<crate::ai::BotOptions, String> {
    let mut o = parse_postures(content, &a.posture)?;
    o.strength = parse_strengths(content, &a.bots)?;
    o.playouts = a.playouts.unwrap_or(0);
    Ok(o)
}

/// Parse `--posture` specs into forced postures by seat.
fn parse_postures(
    content: &content::Content,
    specs: &[String],
) -> Result<crate::ai::BotOptions, String> {
    let mut forced = vec![None; content.seats()];
    for spec in specs {
        let Some((who, posture)) = spec.split_once('=') else {
            return Err(format!(
                "--posture `{spec}`: expected WHO=POSTURE, such as all=dual or TJK=multi"
            ));
        };
        let p = content.posture(posture).ok_or_else(|| {
            let known: Vec<&str> = content.postures.iter().map(|p| p.id.as_str()).collect();
            format!(
                "--posture `{spec}`: unknown posture `{posture}`; expected one of: {}",
                known.join(", ")
            )
        })?;
        if who == "all" {
            forced.iter_mut().for_each(|f| *f = Some(p));
        } else {
            let s = content.seat(who).ok_or_else(|| {
                let known: Vec<&str> = content.states.iter().map(|s| s.id.as_str()).collect();
                format!(
                    "--posture `{spec}`: unknown state `{who}`; expected all or one of: {}",
                    known.join(", ")
                )
            })?;
            forced[s.index()] = Some(p);
        }
    }
    Ok(crate::ai::BotOptions {
        forced,
        strength: Vec::new(),
        playouts: 0,
    })
}

/// Parse `--bots` specs into strengths by seat.
fn parse_strengths(
    content: &content::Content,
    specs: &[String],
) -> Result<Vec<crate::ai::Strength>, String> {
    let mut out = vec![crate::ai::Strength::Normal; content.seats()];
    for spec in specs {
        let (who, level) = spec.split_once('=').unwrap_or(("all", spec.as_str()));
        let strength = crate::ai::Strength::named(level)
            .map_err(|e| format!("--bots `{spec}`: unknown strength {e}"))?;
        if who == "all" {
            out.iter_mut().for_each(|s| *s = strength);
        } else {
            let s = content
                .seat(who)
                .ok_or_else(|| format!("--bots `{spec}`: unknown state `{who}`"))?;
            out[s.index()] = strength;
        }
    }
    Ok(out)
}

fn load_or_report(level: &Path, assets: Option<&Path>) -> Option<content::Loaded> {
    match content::load_level_file(level, assets) {
        Ok(l) => Some(l),
        Err(d) => {
            for e in &d.list {
                eprintln!("{e}");
            }
            eprintln!("{} errors: the level does not load", d.list.len());
            None
        }
    }
}

fn sim(a: &SimArgs) -> i32 {
    let Some(loaded) = load_or_report(&a.level, a.assets.as_deref()) else {
        return EXIT_INVALID;
    };
    if a.games == 0 || a.games > 100_000_000 {
        eprintln!("--games must be 1..100000000, not {}", a.games);
        return EXIT_INVALID;
    }
    let content = Arc::new(loaded.content);
    let opts = match bot_options(&content, &a.bots) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return EXIT_INVALID;
        }
    };
    if let Some(path) = &a.save_first {
        let mut game = crate::rules::Game::new(content.clone(), a.seed);
        crate::ai::play_out_with(&mut game, &opts);
        let save = Save::of(
            &game,
            &a.level.display().to_string(),
            vec![Controller::Bot; content.seats()],
        );
        if let Err(e) = session::write_atomic(path, &save.to_ron()) {
            eprintln!("{}: cannot write the save: {e}", path.display());
            return EXIT_INVALID;
        }
    }
    // The CSV goes to a temporary file beside the target, renamed into place at the end,
    // so a batch cut short never leaves half a table under the name asked for.
    let mut csv = match &a.csv {
        Some(path) => match CsvOut::create(path) {
            Ok(mut c) => {
                c.write(&report::csv_header(&content));
                Some(c)
            }
            Err(e) => {
                eprintln!("{}: cannot write the CSV: {e}", path.display());
                return EXIT_INVALID;
            }
        },
        None => None,
    };
    let bar = Progress::new(
        a.games,
        !a.json && std::io::stderr().is_terminal() && a.games >= 200,
    );
    let progress = |done: u64| bar.show(done);
    let start = report::now();
    let mut tally = report::Tally::new(&content);
    report::run_each(
        content.clone(),
        a.games,
        a.seed,
        a.jobs,
        &opts,
        &progress,
        &mut |r| {
            tally.add(&content, r);
            if let Some(c) = csv.as_mut() {
                c.write(&report::csv_row(&content, r));
            }
        },
    );
    bar.finish();
    let elapsed = start.elapsed().as_millis() as u64;
    let mut summary = tally.summary(&content, a.seed, elapsed);
    summary.postures = a.bots.posture.clone();
    if let (Some(c), Some(path)) = (csv, &a.csv)
        && let Err(e) = c.finish()
    {
        eprintln!("{}: cannot write the CSV: {e}", path.display());
        return EXIT_INVALID;
    }
    if a.json {
        out(&serde_json::to_string_pretty(&summary).unwrap_or_default());
    } else {
        out(report::table(&content, &summary).trim_end());
    }
    0
}

/// A CSV written as the games come in: to a temporary file, renamed into place at the end.
struct CsvOut {
    file: std::io::BufWriter<std::fs::File>,
    tmp: PathBuf,
    path: PathBuf,
    error: Option<std::io::Error>,
}

impl CsvOut {
    fn create(path: &Path) -> std::io::Result<Self> {
        let tmp = session::temp_path(path);
        let file = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        Ok(CsvOut {
            file,
            tmp,
            path: path.to_path_buf(),
            error: None,
        })
    }

    fn write(&mut self, text: &str) {
        if self.error.is_none()
            && let Err(e) = self.file.write_all(text.as_bytes())
        {
            self.error = Some(e);
        }
    }

    fn finish(self) -> std::io::Result<()> {
        if let Some(e) = self.error {
            let _ = std::fs::remove_file(&self.tmp);
            return Err(e);
        }
        let file = self.file.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        session::replace_with(&self.tmp, &self.path)
    }
}

/// A progress bar on standard error: games done, games a second and time left.
struct Progress {
    total: u64,
    on: bool,
    start: std::time::Instant,
    last: std::sync::Mutex<Option<std::time::Instant>>,
}

impl Progress {
    fn new(total: u64, on: bool) -> Self {
        Progress {
            total,
            on,
            start: std::time::Instant::now(),
            last: std::sync::Mutex::new(None),
        }
    }

    fn show(&self, done: u64) {
        if !self.on {
            return;
        }
        let now = std::time::Instant::now();
        if let Ok(mut last) = self.last.lock() {
            // At most ten redraws a second, and always the last one.
            if done < self.total
                && last.is_some_and(|t| now - t < std::time::Duration::from_millis(100))
            {
                return;
            }
            *last = Some(now);
        }
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        let rate = done as f64 / secs;
        let left = if rate > 0.0 {
            (self.total - done.min(self.total)) as f64 / rate
        } else {
            0.0
        };
        let width = 30u64;
        let filled = (done.min(self.total) * width / self.total.max(1)) as usize;
        eprint!(
            "\r[{}{}] {done}/{} games  {rate:.0} games/s  {} left   ",
            "=".repeat(filled),
            " ".repeat(width as usize - filled),
            self.total,
            clock(left)
        );
    }

    fn finish(&self) {
        if self.on {
            eprintln!();
        }
    }
}

/// Seconds as `m:ss` (or `h:mm:ss`).
fn clock(secs: f64) -> String {
    let s = secs.round() as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

// ---- bench-bot ------------------------------------------------------------------------

fn bench_bot(
    level: &Path,
    strength: &str,
    decisions: u32,
    playouts: Option<u32>,
    seed: u64,
    assets: Option<&Path>,
) -> i32 {
    let Some(loaded) = load_or_report(level, assets) else {
        return EXIT_INVALID;
    };
    let strength = match crate::ai::Strength::named(strength) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("--strength: unknown strength {e}");
            return EXIT_INVALID;
        }
    };
    let content = Arc::new(loaded.content);
    let playouts = playouts.unwrap_or(crate::ai::search::WINDOW_PLAYOUTS);
    match crate::ai::bench::run(content, strength, decisions, playouts, seed) {
        Ok(bench) => {
            out(&serde_json::to_string_pretty(&bench).unwrap_or_default());
            0
        }
        Err(e) => {
            eprintln!("{e}");
            EXIT_INVALID
        }
    }
}

// ---- replay ---------------------------------------------------------------------------

fn replay(path: &Path, verify: bool, assets: Option<&Path>) -> i32 {
    let shown = path.display().to_string();
    let save = match session::read_save(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}", e.render(&shown));
            return EXIT_INVALID;
        }
    };
    let loaded = match session::load_save_level(&save, path, assets) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{}", e.render(&shown));
            return EXIT_INVALID;
        }
    };
    let content = Arc::new(loaded.content);
    let result = if verify {
        session::verify(&save, content)
    } else {
        session::replay(&save, content)
    };
    match result {
        Ok(game) => {
            let hash = crate::hash::hex(game.state_hash());
            out(&hash);
            eprintln!(
                "{} commands replayed; round {}; {}",
                save.commands.len(),
                game.clock().round,
                if verify {
                    "hash verified"
                } else {
                    "not verified"
                }
            );
            0
        }
        Err(e @ session::SaveError::HashMismatch { .. }) => {
            eprintln!("{}", e.render(&shown));
            EXIT_MISMATCH
        }
        Err(e) => {
            eprintln!("{}", e.render(&shown));
            EXIT_INVALID
        }
    }
}

// ---- report ---------------------------------------------------------------------------

struct ReportArgs<'a> {
    level: &'a Path,
    seed: u64,
    save: Option<&'a Path>,
    html: Option<&'a Path>,
    detailed: bool,
    verbose: bool,
    lang: &'a str,
    bots: &'a BotArgs,
    assets: Option<&'a Path>,
}

/// The interface strings in `lang`: built in, else `i18n/<lang>.ftl` in the assets.
fn strings_for(
    lang: &str,
    level: &Path,
    assets: Option<&Path>,
) -> Result<crate::text::Strings, String> {
    if crate::text::BUILT_IN.iter().any(|(l, _)| *l == lang) {
        return Ok(crate::text::Strings::built_in(lang));
    }
    let root = assets.map_or_else(|| content::assets_for(level), Path::to_path_buf);
    let path = root.join(format!("i18n/{lang}.ftl"));
    content::read_text(&path)
        .map_err(|e| e.to_string())
        .and_then(|t| {
            crate::text::Strings::parse(lang, &t).map_err(|errors| {
                errors
                    .iter()
                    .map(|e| format!("{}:{}: {}", e.line, e.col, e.message))
                    .collect::<Vec<_>>()
                    .join("; ")
            })
        })
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Read a save, or say why not.
fn read_save(path: &Path) -> Result<session::Save, String> {
    session::read_save(path).map_err(|e| e.render(&path.display().to_string()))
}

/// Replay a save read from `path` (its hash checked), or say why not.
fn replayed_save(
    path: &Path,
    save: &session::Save,
    assets: Option<&Path>,
) -> Result<crate::rules::Game, String> {
    let shown = path.display().to_string();
    let loaded = session::load_save_level(save, path, assets).map_err(|e| e.render(&shown))?;
    session::verify(save, Arc::new(loaded.content)).map_err(|e| e.render(&shown))
}

/// Write a document for people, atomically, and say where.
fn write_document(path: &Path, text: &str) -> i32 {
    match session::write_atomic(path, text) {
        Ok(()) => {
            eprintln!("wrote {}", path.display());
            0
        }
        Err(e) => {
            eprintln!("{}: cannot write: {e}", path.display());
            EXIT_INVALID
        }
    }
}

fn report_game(a: &ReportArgs) -> i32 {
    let game = if let Some(save) = a.save {
        match read_save(save).and_then(|s| replayed_save(save, &s, a.assets)) {
            Ok(g) => g,
            Err(e) => {
                eprintln!("{e}");
                return EXIT_INVALID;
            }
        }
    } else {
        let Some(loaded) = load_or_report(a.level, a.assets) else {
            return EXIT_INVALID;
        };
        let content = Arc::new(loaded.content);
        let opts = match bot_options(&content, a.bots) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("{e}");
                return EXIT_INVALID;
            }
        };
        let mut game = crate::rules::Game::new(content.clone(), a.seed);
        crate::ai::play_out_with(&mut game, &opts);
        game
    };
    let strings = match strings_for(a.lang, a.save.unwrap_or(a.level), a.assets) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return EXIT_INVALID;
        }
    };
    match a.html {
        Some(path) => write_document(path, &report::html(&game, &strings, a.detailed)),
        None => {
            out(report::debrief(&game, &strings, a.verbose).trim_end());
            0
        }
    }
}

fn class_table(saves: &[PathBuf], html: Option<&Path>, lang: &str, assets: Option<&Path>) -> i32 {
    let mut read = Vec::new();
    for p in saves {
        match read_save(p) {
            Ok(s) => read.push((p.display().to_string(), s)),
            Err(e) => {
                eprintln!("{e}");
                return EXIT_INVALID;
            }
        }
    }
    if let Err(e) = report::class::same_class(&read) {
        eprintln!("{e}");
        return EXIT_INVALID;
    }
    let mut groups = Vec::new();
    // Each save is read once: the check above and the replay use the same.
    for (p, (_, save)) in saves.iter().zip(&read) {
        match replayed_save(p, save, assets) {
            Ok(game) => groups.push(report::class::Group {
                name: p.file_stem().map_or_else(
                    || p.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                ),
                game,
            }),
            Err(e) => {
                eprintln!("{e}");
                return EXIT_INVALID;
            }
        }
    }
    let strings = match strings_for(lang, &saves[0], assets) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return EXIT_INVALID;
        }
    };
    match html {
        Some(path) => write_document(path, &report::class::html(&groups, &strings)),
        None => {
            out(report::class::text(&groups, &strings).trim_end());
            0
        }
    }
}

// ---- the classroom host ---------------------------------------------------------------

#[cfg(not(target_arch = "wasm32"))]
struct HostArgs {
    bind: std::net::SocketAddr,
    level: PathBuf,
    seed: u64,
    tables: u32,
    bots: String,
    web: Option<PathBuf>,
    data: Option<PathBuf>,
    ready_file: Option<PathBuf>,
    qr: bool,
}

#[cfg(not(target_arch = "wasm32"))]
fn host(a: HostArgs, assets: Option<&Path>) -> i32 {
    let bots = match crate::ai::Strength::named(&a.bots) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("--bots {e}");
            return EXIT_INVALID;
        }
    };
    let Some(loaded) = load_or_report(&a.level, assets) else {
        return EXIT_INVALID;
    };
    crate::host::run(
        loaded.content,
        crate::host::HostConfig {
            bind: a.bind,
            level_path: a.level.display().to_string(),
            seed: a.seed,
            tables: a.tables,
            bots,
            web: a.web,
            data: a.data.unwrap_or_else(crate::host::default_data),
            ready_file: a.ready_file,
            qr: a.qr,
        },
    )
}

/// What the bot clients need: their strength, the level's content (to check it is the
/// host's) and a runtime; None once the problem is reported.
#[cfg(not(target_arch = "wasm32"))]
fn client_setup(
    strength: &str,
    level: &Path,
    assets: Option<&Path>,
) -> Option<(
    crate::ai::Strength,
    Arc<content::Content>,
    tokio::runtime::Runtime,
)> {
    let strength = crate::ai::Strength::named(strength)
        .map_err(|e| eprintln!("--strength {e}"))
        .ok()?;
    let content = Arc::new(load_or_report(level, assets)?.content);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| eprintln!("cannot start the runtime: {e}"))
        .ok()?;
    Some((strength, content, rt))
}

#[cfg(not(target_arch = "wasm32"))]
fn bench_host(
    url: Option<String>,
    teacher: Option<String>,
    tables: u32,
    games: u32,
    level: &Path,
    strength: &str,
    assets: Option<&Path>,
) -> i32 {
    let Some((strength, content, rt)) = client_setup(strength, level, assets) else {
        return EXIT_INVALID;
    };
    rt.block_on(async move {
        // Without --url: a host of its own, on loopback, in a fresh folder.
        let mut own = None;
        let (url, teacher) = match (url, teacher) {
            (Some(u), Some(t)) => (u, t),
            (Some(_), None) => {
                eprintln!("--url needs --teacher (the host prints its teacher code)");
                return EXIT_INVALID;
            }
            (None, _) => {
                let dir = std::env::temp_dir()
                    .join(format!("amu-darya-bench-host-{}", std::process::id()));
                let _ = std::fs::remove_dir_all(&dir);
                let config = crate::host::HostConfig {
                    bind: "127.0.0.1:0".parse().expect("a valid address"),
                    level_path: level.display().to_string(),
                    seed: 1,
                    tables: tables * games,
                    bots: crate::ai::Strength::Normal,
                    web: None,
                    data: dir.clone(),
                    ready_file: None,
                    qr: false,
                };
                match crate::host::start(content.clone(), &config).await {
                    Ok(r) => {
                        let u = r.ws_url();
                        let t = r.class.teacher.clone();
                        own = Some((r, dir));
                        (u, t)
                    }
                    Err(e) => {
                        eprintln!("bench-host: {e}");
                        return EXIT_INVALID;
                    }
                }
            }
        };
        let mut reports = Vec::new();
        for g in 0..games {
            let ids: Vec<u32> = (1..=tables).map(|t| g * tables + t).collect();
            eprintln!("bench-host: playing tables {:?}", ids);
            reports.push(
                crate::host::bench::bench(&url, &teacher, &ids, content.clone(), strength).await,
            );
        }
        if let Some((r, dir)) = own {
            r.stop().await;
            let _ = std::fs::remove_dir_all(dir);
        }
        let ok = reports
            .iter()
            .all(|r| r.errors.is_empty() && r.hashes_match_replay);
        let json = if reports.len() == 1 {
            serde_json::to_string_pretty(&reports[0])
        } else {
            serde_json::to_string_pretty(&reports)
        };
        out(&json.unwrap_or_default());
        if ok { 0 } else { 1 }
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn bot_client(
    url: &str,
    code: &str,
    state: &str,
    strength: &str,
    level: &Path,
    assets: Option<&Path>,
) -> i32 {
    let Some((strength, content, rt)) = client_setup(strength, level, assets) else {
        return EXIT_INVALID;
    };
    let join = crate::net::ClientMsg::Join {
        code: code.to_string(),
        state: Some(state.to_string()),
        lang: None,
        log: false,
    };
    let run = rt.block_on(crate::host::bench::play_seat(url, join, content, strength));
    match run.error {
        Some(e) => {
            eprintln!("bot-client: {e}");
            1
        }
        None => {
            out(&format!(
                "game over: {} commands, final hash {}",
                run.commands,
                run.final_hash.map(crate::hash::hex).unwrap_or_default()
            ));
            0
        }
    }
}
