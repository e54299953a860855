//! The command line: `validate`, `sim`, `replay` and `play`.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::content::{self, Diag, Diags, Overrides, SourceFile};
use crate::report;
use crate::session::{self, Controller, Save};

/// Exit code for invalid input (content, saves, arguments).
pub const EXIT_INVALID: i32 = 2;
/// Exit code when a replay does not reach the state hash its save stored.
pub const EXIT_MISMATCH: i32 = 1;

/// The default level.
pub const DEFAULT_LEVEL: &str = "levels/autumn-2021.ron";

#[derive(Parser, Debug)]
#[command(
    name = "amu-darya",
    version,
    about = "Amu Darya: a strategy board game of Central Asian security after 2021",
    long_about = "Amu Darya: a strategy board game of Central Asian security after the Taliban took Kabul in 2021.\n\nWith no subcommand it opens the game's window (builds with the `gui` feature)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Cmd>,
    /// Let bots play every seat through the interface (the real-window test).
    #[arg(long, global = true)]
    pub autoplay: bool,
    /// Save a screenshot at each phase of the first round and at the debrief, then exit.
    #[arg(long, global = true, value_name = "DIR")]
    pub screenshot_dir: Option<PathBuf>,
    /// Play this state yourself (repeat for hot-seat); without it the window asks.
    #[arg(long, global = true, value_name = "STATE")]
    pub human: Vec<String>,
    /// The window's size in logical pixels (default 1366x768), e.g. `1920x1080`.
    #[arg(long, global = true, value_name = "WxH", value_parser = parse_size)]
    pub window_size: Option<(u32, u32)>,
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
        /// Force bots' postures for an experiment: `all=dual`, `all=multi`, `TJK=multi`
        /// (repeatable; later ones win).
        #[arg(long, value_name = "WHO=POSTURE")]
        posture: Vec<String>,
        /// Bots' strength: `all=hard`, `TJK=easy` (easy, normal or hard; repeatable).
        #[arg(long, value_name = "WHO=STRENGTH")]
        bots: Vec<String>,
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
    /// Play one bot game and print its log and the tracks round by round (a debrief).
    Report {
        #[arg(long, default_value = DEFAULT_LEVEL)]
        level: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Show every track change too.
        #[arg(long)]
        verbose: bool,
        /// Language of the text (falls back to English).
        #[arg(long, default_value = "en")]
        lang: String,
        #[arg(long, value_name = "DIR")]
        assets: Option<PathBuf>,
    },
    /// Open the game's window (the default with no subcommand).
    Play {
        /// The level to set up a new game of (default: the title screen).
        #[arg(long)]
        level: Option<PathBuf>,
        #[arg(long)]
        seed: Option<u64>,
        /// Resume a saved game (the autosave is kept in the user's data folder).
        #[arg(long, value_name = "SAVE")]
        load: Option<PathBuf>,
    },
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
            posture,
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
            posture,
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
            verbose,
            lang,
            assets,
        }) => report_game(&level, seed, verbose, &lang, assets.as_deref()),
        Some(Cmd::Play { level, seed, load }) => play(
            level.as_deref(),
            seed,
            load,
            cli.autoplay,
            cli.screenshot_dir,
            cli.human,
            cli.window_size,
        ),
        None => play(
            None,
            None,
            None,
            cli.autoplay,
            cli.screenshot_dir,
            cli.human,
            cli.window_size,
        ),
    }
}

fn play(
    level: Option<&Path>,
    seed: Option<u64>,
    load: Option<PathBuf>,
    autoplay: bool,
    shots: Option<PathBuf>,
    humans: Vec<String>,
    size: Option<(u32, u32)>,
) -> i32 {
    #[cfg(all(feature = "gui", not(target_arch = "wasm32")))]
    {
        crate::gui::run(crate::gui::Launch {
            level: level.map_or_else(|| PathBuf::from(DEFAULT_LEVEL), Path::to_path_buf),
            level_given: level.is_some(),
            seed,
            autoplay,
            screenshot_dir: shots,
            humans,
            load,
            window_size: size,
        })
    }
    #[cfg(any(not(feature = "gui"), target_arch = "wasm32"))]
    {
        let _ = (level, seed, load, autoplay, shots, humans, size);
        eprintln!("{}", crate::text::en("cli.no-gui"));
        EXIT_INVALID
    }
}

// ---- validate -------------------------------------------------------------------------

#[derive(Default, Serialize)]
struct ValidateSummary {
    levels: usize,
    event_cards: usize,
    policy_cards: usize,
    regions: usize,
    borders: usize,
    saves: usize,
    files: usize,
}

#[derive(Serialize)]
struct ValidateReport<'a> {
    ok: bool,
    summary: &'a ValidateSummary,
    errors: &'a [Diag],
    warnings: &'a [Diag],
}

fn collect(paths: &[PathBuf], d: &mut Diags) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
        if depth > 16 {
            return;
        }
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut list: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        list.sort();
        for p in list {
            if p.is_dir() {
                walk(&p, out, depth + 1);
            } else if p.extension().is_some_and(|e| e == "ron") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, 0);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            d.file(&p.display().to_string(), "no such file or folder");
        }
    }
    out
}

/// The level to check a lone content file against: the nearest `levels/autumn-2021.ron`
/// above it, else the one under the current folder.
fn default_level_for(file: &Path) -> PathBuf {
    let mut dir = file.parent();
    while let Some(d) = dir {
        let candidate = d.join(DEFAULT_LEVEL);
        if candidate.is_file() {
            return candidate;
        }
        dir = d.parent();
    }
    PathBuf::from(DEFAULT_LEVEL)
}

#[derive(Default)]
struct Seen {
    events: BTreeSet<String>,
    policies: BTreeSet<String>,
    regions: BTreeSet<String>,
    borders: BTreeSet<(String, String)>,
}

impl Seen {
    fn add(&mut self, c: &content::Content, cards: bool, board: bool) {
        if cards {
            for card in &c.cards {
                match card.kind {
                    content::CardKind::Event => self.events.insert(card.id.clone()),
                    content::CardKind::Policy => self.policies.insert(card.id.clone()),
                };
            }
        }
        if board {
            for r in &c.regions {
                self.regions.insert(r.id.clone());
            }
            for b in &c.borders {
                let (a, bb) = (&c.regions[b.a.index()].id, &c.regions[b.b.index()].id);
                let key = if a < bb {
                    (a.clone(), bb.clone())
                } else {
                    (bb.clone(), a.clone())
                };
                self.borders.insert(key);
            }
        }
    }
}

/// `validate`: exit 0 when all is valid, 2 with the full list otherwise.
pub fn validate(paths: &[PathBuf], json: bool, lang: Option<&str>, assets: Option<&Path>) -> i32 {
    let mut d = Diags::default();
    let files = collect(paths, &mut d);
    let mut summary = ValidateSummary {
        files: files.len(),
        ..Default::default()
    };
    let mut seen = Seen::default();
    for path in &files {
        validate_file(path, assets, lang, &mut d, &mut summary, &mut seen);
    }
    summary.event_cards = seen.events.len();
    summary.policy_cards = seen.policies.len();
    summary.regions = seen.regions.len();
    summary.borders = seen.borders.len();
    d.list.sort();
    d.list.dedup();
    d.warnings.sort();
    d.warnings.dedup();
    let ok = d.list.is_empty();
    if json {
        let report = ValidateReport {
            ok,
            summary: &summary,
            errors: &d.list,
            warnings: &d.warnings,
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        for e in &d.list {
            println!("{e}");
        }
        for w in &d.warnings {
            println!("{}:{}:{}: warning: {}", w.path, w.line, w.col, w.message);
        }
        println!(
            "{}: {} files, {} levels, {} event cards, {} policy cards, {} regions, {} borders, {} saves; {} errors, {} warnings",
            if ok { "valid" } else { "invalid" },
            summary.files,
            summary.levels,
            summary.event_cards,
            summary.policy_cards,
            summary.regions,
            summary.borders,
            summary.saves,
            d.list.len(),
            d.warnings.len()
        );
    }
    if ok { 0 } else { EXIT_INVALID }
}

fn validate_file(
    path: &Path,
    assets: Option<&Path>,
    lang: Option<&str>,
    d: &mut Diags,
    summary: &mut ValidateSummary,
    seen: &mut Seen,
) {
    let shown = path.display().to_string();
    let text = match content::read_text(path) {
        Ok(t) => t,
        Err(e) => {
            d.file(&shown, e);
            return;
        }
    };
    let kind = content::root_kind(&text).unwrap_or("").to_string();
    let file = SourceFile {
        path: shown.clone(),
        text,
    };
    match kind.as_str() {
        "Level" => {
            let root = assets.map_or_else(|| content::assets_for(path), Path::to_path_buf);
            match content::load_level(file, &content::FsSource { root }, &Overrides::default()) {
                Ok(loaded) => {
                    summary.levels += 1;
                    seen.add(&loaded.content, true, true);
                    d.warnings.extend(loaded.warnings.iter().cloned());
                    if let Some(lang) = lang {
                        translations(&loaded, lang, d);
                    }
                }
                Err(e) => {
                    d.list.extend(e.list);
                    d.warnings.extend(e.warnings);
                }
            }
        }
        "Cards" | "Rules" | "Board" | "States" => {
            let level_path = default_level_for(path);
            let level_text = match content::read_text(&level_path) {
                Ok(t) => t,
                Err(e) => {
                    d.file(
                        &shown,
                        format!(
                            "cannot check against the default level {}: {e}",
                            level_path.display()
                        ),
                    );
                    return;
                }
            };
            let mut over = Overrides::default();
            match kind.as_str() {
                "Cards" => over.cards = Some(file),
                "Rules" => over.rules = Some(file),
                "Board" => over.board = Some(file),
                _ => over.states = Some(file),
            }
            let root = assets.map_or_else(|| content::assets_for(&level_path), Path::to_path_buf);
            if kind == "Cards"
                && let (Ok(f), Ok(r)) = (path.canonicalize(), root.canonicalize())
                && let Ok(rel) = f.strip_prefix(&r)
            {
                over.cards_name = Some(rel.to_string_lossy().replace('\\', "/"));
            }
            let level = SourceFile {
                path: level_path.display().to_string(),
                text: level_text,
            };
            match content::load_level(level, &content::FsSource { root }, &over) {
                Ok(loaded) => {
                    seen.add(&loaded.content, kind == "Cards", kind == "Board");
                    if let Some(lang) = lang {
                        translations(&loaded, lang, d);
                    }
                }
                Err(e) => {
                    // Problems of the default level's other files are reported when those
                    // files are checked; here, only this file's.
                    let mine: Vec<Diag> =
                        e.list.iter().filter(|x| x.path == shown).cloned().collect();
                    if mine.is_empty() && !e.list.is_empty() {
                        d.file(
                            &shown,
                            format!(
                                "this file breaks the default level {}: {}",
                                level_path.display(),
                                e.list[0]
                            ),
                        );
                    }
                    d.list.extend(mine);
                }
            }
        }
        "Strings" => match crate::text::Strings::from_ron(&file.text) {
            Ok(s) => {
                if let Some(l) = lang
                    && s.lang == l
                {
                    for k in s.missing() {
                        d.warn(
                            &file,
                            0,
                            format!("missing `{l}` translation of string `{k}`"),
                        );
                    }
                }
            }
            Err(_) => {
                content::parse::<content::raw::RawStrings>(&file, d);
            }
        },
        "Save" => {
            summary.saves += 1;
            let result = Save::from_ron(&file.text).and_then(|save| {
                let loaded = session::load_save_level(&save, path, assets)?;
                session::verify(&save, Arc::new(loaded.content))
            });
            if let Err(e) = result {
                d.list.extend(e.diags(&shown));
            }
        }
        other => {
            let found = if other.is_empty() { "nothing" } else { other };
            let at = file
                .text
                .find(other)
                .filter(|_| !other.is_empty())
                .unwrap_or(0);
            d.at(
                &file,
                at,
                format!("expected a Level, Rules, Board, States, Cards, Strings or Save file; found `{found}`"),
            );
        }
    }
}

/// Warnings for every text of a level's content with no translation into `lang`.
fn translations(loaded: &content::Loaded, lang: &str, d: &mut Diags) {
    let c = &loaded.content;
    let mut missing: Vec<(String, String)> = Vec::new();
    let mut check = |id: &str, what: &str, t: &content::Text| {
        if !t.is_empty() && !t.contains_key(lang) {
            missing.push((id.to_string(), what.to_string()));
        }
    };
    for card in &c.cards {
        check(&card.id, "title", &card.title);
        check(&card.id, "text", &card.text);
        check(&card.id, "note", &card.note);
    }
    for a in &c.actions {
        check(&a.id, "name", &a.name);
        check(&a.id, "text", &a.text);
    }
    for t in &c.tracks {
        check(&t.id, "name", &t.name);
    }
    for s in &c.states {
        check(&s.id, "name", &s.name);
        check(&s.id, "note", &s.note);
    }
    for r in &c.regions {
        check(&r.id, "name", &r.name);
    }
    for p in &c.postures {
        check(&p.id, "name", &p.name);
    }
    for (id, what) in missing {
        let file = loaded
            .files
            .iter()
            .find(|f| f.find_id(&id).is_some())
            .unwrap_or(&loaded.files[0]);
        let at = file.find_id(&id).unwrap_or(0);
        d.warn(
            file,
            at,
            format!("missing `{lang}` translation of `{id}` {what}"),
        );
    }
    let strings_path = PathBuf::from(format!("assets/i18n/{lang}.ron"));
    if lang != "en" {
        match content::read_text(&strings_path) {
            Ok(text) => {
                if let Ok(s) = crate::text::Strings::from_ron(&text) {
                    let f = SourceFile {
                        path: strings_path.display().to_string(),
                        text,
                    };
                    for k in s.missing() {
                        d.warn(
                            &f,
                            0,
                            format!("missing `{lang}` translation of string `{k}`"),
                        );
                    }
                }
            }
            Err(_) => d.warnings.push(Diag {
                path: strings_path.display().to_string(),
                line: 1,
                col: 1,
                message: format!(
                    "no interface strings for `{lang}` yet; everything falls back to English"
                ),
            }),
        }
    }
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
    posture: Vec<String>,
    bots: Vec<String>,
    assets: Option<PathBuf>,
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
        let strength = crate::ai::Strength::parse(level).ok_or_else(|| {
            format!("--bots `{spec}`: unknown strength `{level}`; expected easy, normal or hard")
        })?;
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
    let opts = match parse_postures(&content, &a.posture).and_then(|mut o| {
        o.strength = parse_strengths(&content, &a.bots)?;
        Ok(o)
    }) {
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
    let show = std::io::stderr().is_terminal() && a.games >= 200;
    let total = a.games;
    let progress = move |done: u64| {
        if show {
            let width = 30;
            let filled = (done * width / total.max(1)) as usize;
            eprint!(
                "\r[{}{}] {done}/{total} games",
                "=".repeat(filled),
                " ".repeat(width as usize - filled)
            );
            if done >= total {
                eprintln!();
            }
        }
    };
    let start = report::now();
    let results = report::run(content.clone(), a.games, a.seed, a.jobs, &opts, &progress);
    let elapsed = start.elapsed().as_millis() as u64;
    let mut summary = report::summarize(&content, &results, a.seed, elapsed);
    summary.postures = a.posture.clone();
    if let Some(path) = &a.csv
        && let Err(e) = session::write_atomic(path, &report::csv(&content, &results))
    {
        eprintln!("{}: cannot write the CSV: {e}", path.display());
        return EXIT_INVALID;
    }
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&summary).unwrap_or_default()
        );
    } else {
        print!("{}", report::table(&content, &summary));
    }
    0
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
            println!("{hash}");
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

fn report_game(level: &Path, seed: u64, verbose: bool, lang: &str, assets: Option<&Path>) -> i32 {
    let Some(loaded) = load_or_report(level, assets) else {
        return EXIT_INVALID;
    };
    let content = Arc::new(loaded.content);
    let strings = if lang == "en" {
        crate::text::Strings::english()
    } else {
        let root = assets.map_or_else(|| content::assets_for(level), Path::to_path_buf);
        let path = root.join(format!("i18n/{lang}.ron"));
        match content::read_text(&path).and_then(|t| crate::text::Strings::from_ron(&t)) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                return EXIT_INVALID;
            }
        }
    };
    let mut game = crate::rules::Game::new(content.clone(), seed);
    crate::ai::play_out(&mut game);
    print!("{}", report::debrief(&game, &strings, verbose));
    0
}
