//! The decision journal: a group's line on why, kept in the log and the save, read by no
//! rule (the state hash is the same without it), hidden from the other states until the
//! orders are revealed, and back in its place when a save is replayed.

mod common;

use amu_darya::ai::{self, BotOptions};
use amu_darya::content::SeatId;
use amu_darya::game::{LogEntry, Phase};
use amu_darya::rules::{Awaiting, Game, JOURNAL_MAX, Viewer, journal_text};
use amu_darya::session::{self, Controller, Save};

/// A bot game in which Kazakhstan writes a line before it confirms each round.
fn journalled(seed: u64) -> Game {
    let mut g = Game::new(common::content(), seed);
    let opts = BotOptions::default();
    let kaz = SeatId(0);
    let mut written = 0;
    while g.outcome().is_none() {
        let Some(seat) = g.next_to_decide() else {
            break;
        };
        if seat == kaz && matches!(g.awaiting(), Awaiting::Policy(_)) && written < g.clock().round {
            g.write_journal(
                kaz,
                &format!("  Round {}:\tborder\nfirst ", g.clock().round),
            )
            .unwrap();
            written = g.clock().round;
        }
        ai::act(&mut g, seat, &opts);
    }
    g
}

#[test]
fn journal_changes_no_rule_and_survives_a_save() {
    let g = journalled(5);
    let plain = {
        let mut p = Game::new(common::content(), 5);
        for l in g.commands() {
            p.apply_with_reason(&l.cmd, l.reason.clone()).unwrap();
        }
        p
    };
    assert_eq!(
        g.state_hash(),
        plain.state_hash(),
        "the rules never read it"
    );
    let rounds = g.clock().round as usize;
    assert!(
        g.journal().len() >= rounds - 1,
        "{} lines",
        g.journal().len()
    );
    // One line each: white space folded, trimmed.
    assert_eq!(g.journal()[0].text, "Round 1: border first");
    let save = Save::of(&g, "levels/autumn-2021.ron", vec![Controller::Bot; 5]);
    assert_eq!(save.journal.len(), g.journal().len());
    assert!(save.journal.iter().all(|j| j.state == "KAZ"));
    let back = Save::from_ron(&save.to_ron()).unwrap();
    let replayed = session::verify(&back, common::content()).unwrap();
    assert_eq!(replayed.journal(), g.journal(), "each line in its place");
    let lines = |g: &Game| -> Vec<(u32, Phase, String)> {
        g.log()
            .iter()
            .filter_map(|l| match &l.entry {
                LogEntry::Journal { text, .. } => Some((l.round, l.phase, text.clone())),
                _ => None,
            })
            .collect()
    };
    assert_eq!(lines(&replayed), lines(&g));
    assert!(lines(&g).iter().all(|(_, p, _)| *p == Phase::Policy));
}

#[test]
fn other_states_read_a_line_once_the_orders_are_revealed() {
    let mut g = Game::new(common::content(), 9);
    let kaz = SeatId(0);
    g.write_journal(kaz, "Stay close to Moscow").unwrap();
    let has = |g: &Game, viewer: Viewer| {
        g.view(viewer)
            .log
            .iter()
            .any(|l| matches!(&l.entry, LogEntry::Journal { text, .. } if text == "Stay close to Moscow"))
    };
    assert!(has(&g, Viewer::Seat(kaz)));
    assert!(!has(&g, Viewer::Seat(SeatId(1))));
    assert!(!has(&g, Viewer::Public));
    // Everyone confirms: the policy phase ends and the orders are revealed.
    let opts = BotOptions::default();
    while g.clock().round == 1 && g.clock().phase == Phase::Policy {
        let seat = g.next_to_decide().unwrap();
        ai::act(&mut g, seat, &opts);
    }
    assert!(has(&g, Viewer::Seat(SeatId(1))));
    assert!(has(&g, Viewer::Public));
}

#[test]
fn journal_lines_are_one_line_and_never_empty() {
    assert_eq!(journal_text(" \n\t "), None);
    assert_eq!(journal_text("a\u{0}b\r\nc").as_deref(), Some("a b c"));
    let long = "я".repeat(JOURNAL_MAX + 50);
    assert_eq!(journal_text(&long).unwrap().chars().count(), JOURNAL_MAX);
    let mut g = Game::new(common::content(), 1);
    assert!(g.write_journal(SeatId(0), "   ").is_err());
    assert!(g.write_journal(SeatId(9), "why").is_err());
    // A save whose journal names no state of the content still replays.
    let mut save = Save::of(&g, "levels/autumn-2021.ron", vec![Controller::Bot; 5]);
    save.journal.push(session::SavedJournal {
        at: 0,
        state: "XXX".into(),
        text: "lost".into(),
    });
    let back = session::verify(&save, common::content()).unwrap();
    assert!(back.journal().is_empty());
}
