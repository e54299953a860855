//! The fuzz targets' bodies: each takes arbitrary bytes and checks the engine's promises
//! (no panic, refused commands change nothing, a replay reaches the same hash). The
//! `fuzz/` crate runs them under libFuzzer; `tests/fuzz_corpus.rs` replays the saved
//! corpus and every input that ever failed on each `cargo test`.

use std::sync::Arc;

use arbitrary::Unstructured;

use crate::ai;
use crate::content::{self, ActionId, CardId, Content, MapSource, PostureId, SeatId, SourceFile};
use crate::game::{Command, NamedCommand};
use crate::rules::{Awaiting, Game, Viewer};
use crate::session::{self, Save};

/// A level and the content files it names, held in memory.
#[derive(Debug, Clone)]
pub struct Shipped {
    /// The level file's path and text.
    pub level: (String, String),
    /// The files it names, by path relative to the assets folder.
    pub assets: MapSource,
}

impl Shipped {
    /// The validated content (it must load: the shipped files are valid).
    pub fn content(&self) -> Arc<Content> {
        let level = SourceFile {
            path: self.level.0.clone(),
            text: self.level.1.clone(),
        };
        match content::load_level(level, &self.assets, &content::Overrides::default()) {
            Ok(l) => Arc::new(l.content),
            Err(d) => panic!("the shipped level does not load: {:?}", d.list),
        }
    }
}

/// The files a level input may replace, by its first byte (0: the level itself).
pub const FILES: [&str; 6] = [
    "",
    "rules/core.ron",
    "map/board.ron",
    "states/states.ron",
    "cards/events.ron",
    "cards/policies.ron",
];

/// A level whose files come from bytes: the first byte picks the file to replace (see
/// [`FILES`]), the rest is its text. Loading never panics; a level that loads is played
/// to its end by bots, and replays to the same hash.
pub fn level(shipped: &Shipped, data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let mut assets = shipped.assets.clone();
    let mut level = SourceFile {
        path: shipped.level.0.clone(),
        text: shipped.level.1.clone(),
    };
    match FILES[usize::from(pick) % FILES.len()] {
        "" => level.text = text,
        name => {
            assets.files.insert(name.to_string(), text);
        }
    }
    match content::load_level(level, &assets, &content::Overrides::default()) {
        Ok(loaded) => {
            let content = Arc::new(loaded.content);
            let mut game = Game::new(content.clone(), 1);
            ai::play_out(&mut game);
            assert!(game.outcome().is_some(), "a bot game of a valid level ends");
            let mut again = Game::new(content, 1);
            for l in game.commands() {
                again.apply(&l.cmd).expect("a played command replays");
            }
            assert_eq!(again.state_hash(), game.state_hash());
        }
        Err(d) => assert!(!d.list.is_empty(), "a refused level says why"),
    }
}

/// A save from bytes: parsing and replaying it never panics; a save that replays does so
/// to the same hash every time.
pub fn save(content: &Arc<Content>, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut save = match Save::from_ron(&text) {
        Ok(s) => s,
        Err(e) => {
            assert!(!e.diags("fuzz.ron").is_empty());
            return;
        }
    };
    // A save of other content is refused at once; half the time, take it as made with
    // this content, so its commands are replayed (the corpus outlives content changes).
    if data.len().is_multiple_of(2) {
        save.content_hash = crate::hash::hex(content.hash);
    }
    if save.commands.len() > 20_000 {
        return;
    }
    match session::replay(&save, content.clone()) {
        Ok(game) => {
            let again = session::replay(&save, content.clone()).expect("replays twice");
            assert_eq!(again.state_hash(), game.state_hash());
            let _ = session::verify(&save, content.clone());
        }
        Err(e) => assert!(!e.diags("fuzz.ron").is_empty()),
    }
}

/// Most commands one input applies.
const MAX_COMMANDS: usize = 3_000;

/// A sequence of commands from bytes applied to a game: mostly legal ones (so games go
/// deep), some arbitrary (ids in and out of range, for any seat). A refused command
/// changes nothing; every view builds and hashes itself; each command survives the trip
/// to names and back; replaying the accepted commands reaches the same hash.
pub fn commands(content: &Arc<Content>, data: &[u8]) {
    let mut u = Unstructured::new(data);
    let seed = u.arbitrary::<u64>().unwrap_or(0);
    let mut game = Game::new(content.clone(), seed);
    let seats = content.seats() as u8;
    for _ in 0..MAX_COMMANDS {
        if u.is_empty() || game.outcome().is_some() {
            break;
        }
        let waiting = match game.awaiting() {
            Awaiting::Over => break,
            Awaiting::Choice(s) => vec![s],
            Awaiting::Policy(list) => list,
        };
        let cmd = if u.ratio(7u8, 8u8).unwrap_or(true) {
            let seat = *u.choose(&waiting).unwrap_or(&SeatId(0));
            let legal = game.legal_commands(seat);
            match u.choose(&legal) {
                Ok(c) => *c,
                Err(_) => break,
            }
        } else {
            arbitrary_command(&mut u, content, seats)
        };
        let before = game.state_hash();
        match game.apply(&cmd) {
            Ok(()) => {
                let named: NamedCommand = cmd.named(content);
                assert_eq!(named.resolve(content), Ok(cmd), "names round-trip");
            }
            Err(_) => assert_eq!(
                game.state_hash(),
                before,
                "a refused {cmd:?} changed the game"
            ),
        }
        if u.ratio(1u8, 16u8).unwrap_or(false) {
            for s in 0..seats {
                let v = game.view(Viewer::Seat(SeatId(s)));
                assert_eq!(v.hash, v.computed_hash());
            }
            let p = game.view(Viewer::Public);
            assert_eq!(p.hash, p.computed_hash());
        }
    }
    let mut again = Game::new(content.clone(), seed);
    for l in game.commands() {
        again.apply(&l.cmd).expect("an accepted command replays");
    }
    assert_eq!(again.state_hash(), game.state_hash());
}

/// Any command, for any seat, with ids a little past the content's tables.
fn arbitrary_command(u: &mut Unstructured, content: &Content, seats: u8) -> Command {
    let seat = SeatId(u.int_in_range(0..=seats.saturating_add(1)).unwrap_or(0));
    let below = |u: &mut Unstructured, n: usize| {
        u.int_in_range(0..=n.saturating_add(2).min(u16::MAX as usize) as u16)
            .unwrap_or(0)
    };
    match u.int_in_range(0..=6u8).unwrap_or(0) {
        0 => Command::SetPosture {
            seat,
            posture: PostureId(below(u, content.postures.len()) as u8),
        },
        1 => Command::Act {
            seat,
            action: ActionId(below(u, content.actions.len())),
        },
        2 => Command::Play {
            seat,
            card: CardId(below(u, content.cards.len())),
        },
        3 => Command::Undo { seat },
        4 => Command::Confirm { seat },
        6 => Command::Inject {
            card: CardId(below(u, content.cards.len())),
        },
        _ => Command::Choose {
            seat,
            option: u.arbitrary().unwrap_or(0),
        },
    }
}
