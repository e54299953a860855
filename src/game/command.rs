//! Commands: the only way a player or a bot changes a game. Inside the engine they carry
//! typed ids ([`Command`], [`Reason`]); at the edges (saves, the network, text) they are
//! written with the content's names ([`NamedCommand`], [`NamedReason`]), so a save reads
//! well and survives a reordering of the content files.

use serde::{Deserialize, Serialize};

use crate::content::{ActionId, CardId, ChoiceId, Content, PostureId, Quadrant, SeatId};

/// A decision by a person or a bot, with typed ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Choose a posture for this round (before any action or card).
    SetPosture { seat: SeatId, posture: PostureId },
    /// Spend action points on an action.
    Act { seat: SeatId, action: ActionId },
    /// Play a policy card from the hand.
    Play { seat: SeatId, card: CardId },
    /// Take back the seat's last order of this policy phase.
    Undo { seat: SeatId },
    /// Lock in the seat's orders for this policy phase.
    Confirm { seat: SeatId },
    /// Answer the pending choice with option `option` (0-based).
    Choose { seat: SeatId, option: u8 },
    /// Put an event card on top of the next news: the teacher's steering of a class game
    /// (no state gives it; the host takes it from the teacher only).
    Inject { card: CardId },
}

impl Command {
    /// The seat that gives this command (none for the teacher's [`Command::Inject`]).
    pub fn seat(&self) -> Option<SeatId> {
        match *self {
            Command::SetPosture { seat, .. }
            | Command::Act { seat, .. }
            | Command::Play { seat, .. }
            | Command::Undo { seat }
            | Command::Confirm { seat }
            | Command::Choose { seat, .. } => Some(seat),
            Command::Inject { .. } => None,
        }
    }

    /// The command with the content's names, as saves and the network carry it.
    pub fn named(&self, content: &Content) -> NamedCommand {
        let state = |s: SeatId| {
            content
                .states
                .get(s.index())
                .map_or_else(|| format!("#{}", s.0), |d| d.id.clone())
        };
        match *self {
            Command::SetPosture { seat, posture } => NamedCommand::SetPosture {
                state: state(seat),
                posture: content
                    .postures
                    .get(posture.index())
                    .map_or_else(|| format!("#{}", posture.0), |p| p.id.clone()),
            },
            Command::Act { seat, action } => NamedCommand::Act {
                state: state(seat),
                action: content
                    .actions
                    .get(action.index())
                    .map_or_else(|| format!("#{}", action.0), |a| a.id.clone()),
            },
            Command::Play { seat, card } => NamedCommand::Play {
                state: state(seat),
                card: content
                    .cards
                    .get(card.index())
                    .map_or_else(|| format!("#{}", card.0), |c| c.id.clone()),
            },
            Command::Undo { seat } => NamedCommand::Undo { state: state(seat) },
            Command::Confirm { seat } => NamedCommand::Confirm { state: state(seat) },
            Command::Choose { seat, option } => NamedCommand::Choose {
                state: state(seat),
                option,
            },
            Command::Inject { card } => NamedCommand::Inject {
                card: content
                    .cards
                    .get(card.index())
                    .map_or_else(|| format!("#{}", card.0), |c| c.id.clone()),
            },
        }
    }
}

/// A command written with the content's names: the form saves, logs and the network use.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename = "Command")]
pub enum NamedCommand {
    SetPosture {
        state: String,
        posture: String,
    },
    Act {
        state: String,
        action: String,
    },
    Play {
        state: String,
        card: String,
    },
    Undo {
        state: String,
    },
    Confirm {
        state: String,
    },
    Choose {
        state: String,
        option: u8,
    },
    /// The teacher puts an event card on top of the next news.
    Inject {
        card: String,
    },
}

impl NamedCommand {
    /// The state that gives this command, by name (empty for the teacher's `Inject`).
    pub fn state(&self) -> &str {
        match self {
            NamedCommand::Inject { .. } => "",
            NamedCommand::SetPosture { state, .. }
            | NamedCommand::Act { state, .. }
            | NamedCommand::Play { state, .. }
            | NamedCommand::Undo { state }
            | NamedCommand::Confirm { state }
            | NamedCommand::Choose { state, .. } => state,
        }
    }

    /// Resolve the names against `content`; an unknown name is refused.
    pub fn resolve(&self, content: &Content) -> Result<Command, CommandError> {
        let unknown = |what: Named, name: &str| CommandError::Unknown {
            what,
            name: name.to_string(),
        };
        if let NamedCommand::Inject { card } = self {
            return Ok(Command::Inject {
                card: content
                    .card(card)
                    .ok_or_else(|| unknown(Named::Card, card))?,
            });
        }
        let seat = content
            .seat(self.state())
            .ok_or_else(|| unknown(Named::State, self.state()))?;
        Ok(match self {
            NamedCommand::SetPosture { posture, .. } => Command::SetPosture {
                seat,
                posture: content
                    .posture(posture)
                    .ok_or_else(|| unknown(Named::Posture, posture))?,
            },
            NamedCommand::Act { action, .. } => Command::Act {
                seat,
                action: content
                    .action(action)
                    .ok_or_else(|| unknown(Named::Action, action))?,
            },
            NamedCommand::Play { card, .. } => Command::Play {
                seat,
                card: content
                    .card(card)
                    .ok_or_else(|| unknown(Named::Card, card))?,
            },
            NamedCommand::Undo { .. } => Command::Undo { seat },
            NamedCommand::Confirm { .. } => Command::Confirm { seat },
            NamedCommand::Choose { option, .. } => Command::Choose {
                seat,
                option: *option,
            },
            NamedCommand::Inject { .. } => unreachable!("resolved above"),
        })
    }
}

/// What kind of name a command gave that the content does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Named {
    State,
    Posture,
    Action,
    Card,
}

/// Why an order (a posture, an action or a card) cannot be given now. The rules decide
/// it once ([`crate::rules::legal`]); the window, the bots and the host ask them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Closed {
    /// The posture is set before any action or card (undo them first).
    PostureLocked,
    /// Only some states may take this action.
    OnlyFor,
    /// Taken as often as it may be this round.
    PerRound { times: u32 },
    /// Its condition does not hold now.
    Condition,
    /// It costs more action points than are left.
    Cost { needed: u32, left: u32 },
    /// The card is not in the hand.
    NotInHand,
}

impl Closed {
    /// The interface's text key for this reason (its placeholders: `{cost}`, `{left}`,
    /// `{times}`).
    pub fn key(self) -> &'static str {
        match self {
            Closed::PostureLocked => "ui.posture-locked",
            Closed::OnlyFor => "ui.closed-only",
            Closed::PerRound { .. } => "ui.closed-round",
            Closed::Condition => "ui.closed-cond",
            Closed::Cost { .. } => "ui.closed-cost",
            Closed::NotInHand => "ui.closed-hand",
        }
    }
}

/// Why a command was refused. The game is unchanged when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommandError {
    /// A name the content does not have (only at the edges, where names are resolved).
    Unknown {
        what: Named,
        name: String,
    },
    /// A typed id outside the content's tables.
    OutOfRange,
    GameOver,
    NotPolicyPhase,
    AlreadyConfirmed,
    ChoicePending,
    NotYourChoice,
    NoSuchOption(u8),
    NothingToUndo,
    /// An event card that cannot be put on top of the news (not an event card, or out of
    /// the game).
    NotInjectable,
    /// The order is closed, and why.
    Closed(Closed),
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CommandError::Unknown { what, name } => {
                let what = match what {
                    Named::State => "state",
                    Named::Posture => "posture",
                    Named::Action => "action",
                    Named::Card => "card",
                };
                write!(f, "unknown {what} `{name}`")
            }
            CommandError::OutOfRange => write!(f, "the command names nothing in this game"),
            CommandError::GameOver => write!(f, "the game is over"),
            CommandError::NotPolicyPhase => write!(f, "orders are given only in the policy phase"),
            CommandError::AlreadyConfirmed => {
                write!(f, "this state has already confirmed its orders")
            }
            CommandError::ChoicePending => write!(f, "a choice must be answered first"),
            CommandError::NotYourChoice => write!(f, "no choice is waiting for this state"),
            CommandError::NoSuchOption(o) => write!(f, "there is no option {o}"),
            CommandError::NothingToUndo => write!(f, "nothing to undo"),
            CommandError::NotInjectable => write!(
                f,
                "only an event card still in the game can be put on top of the news"
            ),
            CommandError::Closed(c) => match c {
                Closed::PostureLocked => write!(
                    f,
                    "the posture is set before any action or card (undo them first)"
                ),
                Closed::OnlyFor => write!(f, "this state may not take that action"),
                Closed::PerRound { times } => {
                    write!(f, "that action can be taken {times} time(s) a round")
                }
                Closed::Condition => write!(f, "that order is not open to this state now"),
                Closed::Cost { needed, left } => {
                    write!(f, "needs {needed} action points, {left} left")
                }
                Closed::NotInHand => write!(f, "that card is not in this state's hand"),
            },
        }
    }
}

impl std::error::Error for CommandError {}

/// Why a bot gave a command: typed, so that any language can render it, and the log can
/// name the thing in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Reason {
    /// Leans on the aligned powers: threats are high.
    PostureDanger {
        posture: PostureId,
        security: i32,
        quadrant: Quadrant,
    },
    /// Keeps every door open: the region is calm enough.
    PostureCalm { posture: PostureId, security: i32 },
    /// The posture an experiment forces.
    PostureForced { posture: PostureId },
    /// The posture whose round effects serve the agenda best.
    PostureWeighed { posture: PostureId },
    /// The posture worth most to the agenda this round (what it brings, what it costs,
    /// what the orders it opens are worth), against the next best.
    PostureValued {
        posture: PostureId,
        value: i64,
        other: PostureId,
        other_value: i64,
    },
    /// An action, and what it is worth to the bot's agenda.
    Action { action: ActionId, value: i64 },
    /// A policy card, and what it is worth.
    Card { card: CardId, value: i64 },
    /// An answer to a choice, and what it is worth.
    Choice {
        choice: ChoiceId,
        option: u8,
        value: i64,
    },
    /// Nothing left worth its cost.
    Confirm,
    /// The strong bot's pick after searching: its expected result (per mille: three
    /// quarters a win, a quarter the final agenda score), its share of wins (per mille),
    /// its mean final agenda score (percent), the best alternative's expected result, and
    /// how many look-ahead games it played.
    Searched {
        pick: Pick,
        value: u16,
        win: u16,
        score: u8,
        alt: Option<(Pick, u16)>,
        playouts: u32,
    },
    /// The strong bot's pick when nothing else was worth weighing.
    Only { pick: Pick },
}

/// What a bot picked, as its reasons name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Pick {
    Posture(PostureId),
    Action(ActionId),
    Card(CardId),
    /// Stop giving orders and confirm.
    Confirm,
    /// An option of a choice.
    Option {
        choice: ChoiceId,
        option: u8,
    },
}

impl Pick {
    /// The pick with names: `posture:<id>`, `action:<id>`, `card:<id>`, `confirm` or
    /// `option:<choice>/<option>`.
    pub fn named(&self, content: &Content) -> String {
        match self {
            Pick::Posture(p) => format!(
                "posture:{}",
                content.postures.get(p.index()).map_or("?", |d| &d.id)
            ),
            Pick::Action(a) => format!(
                "action:{}",
                content.actions.get(a.index()).map_or("?", |d| &d.id)
            ),
            Pick::Card(c) => format!(
                "card:{}",
                content.cards.get(c.index()).map_or("?", |d| &d.id)
            ),
            Pick::Confirm => "confirm".to_string(),
            Pick::Option { choice, option } => format!("option:{}/{option}", choice.0),
        }
    }

    /// The pick from its named form, when `content` has what it names.
    pub fn resolve(text: &str, content: &Content) -> Option<Pick> {
        if text == "confirm" {
            return Some(Pick::Confirm);
        }
        let (kind, id) = text.split_once(':')?;
        Some(match kind {
            "posture" => Pick::Posture(content.posture(id)?),
            "action" => Pick::Action(content.action(id)?),
            "card" => Pick::Card(content.card(id)?),
            "option" => {
                let (c, o) = id.split_once('/')?;
                let choice = ChoiceId(c.parse().ok()?);
                let def = content.choices.get(choice.index())?;
                let option: u8 = o.parse().ok()?;
                if usize::from(option) >= def.options.len() {
                    return None;
                }
                Pick::Option { choice, option }
            }
            _ => return None,
        })
    }
}

/// A reason written with names: a text key and its arguments, as saves keep it. An
/// argument written `action:<id>`, `card:<id>`, `posture:<id>` or `quadrant:<key>` names
/// that thing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename = "Reason")]
pub struct NamedReason {
    pub key: String,
    pub args: Vec<(String, String)>,
}

impl Reason {
    /// The reason's text key (in `assets/i18n`).
    pub fn key(&self) -> &'static str {
        match self {
            Reason::PostureDanger { .. } => "bot.posture-dual",
            Reason::PostureCalm { .. } => "bot.posture-multi",
            Reason::PostureForced { .. } => "bot.posture-forced",
            Reason::PostureWeighed { .. } => "bot.posture-weighed",
            Reason::PostureValued { .. } => "bot.posture-valued",
            Reason::Action { .. } => "bot.action",
            Reason::Card { .. } => "bot.card",
            Reason::Choice { .. } => "bot.choice",
            Reason::Confirm => "bot.confirm",
            Reason::Searched { alt: Some(_), .. } => "bot.searched",
            Reason::Searched { alt: None, .. } => "bot.searched-alone",
            Reason::Only { .. } => "bot.only",
        }
    }

    /// The reason with names, as saves keep it.
    pub fn named(&self, content: &Content) -> NamedReason {
        let posture = |p: PostureId| {
            format!(
                "posture:{}",
                content.postures.get(p.index()).map_or("?", |d| &d.id)
            )
        };
        let args: Vec<(&str, String)> = match self {
            Reason::PostureDanger {
                posture: p,
                security,
                quadrant,
            } => vec![
                ("posture", posture(*p)),
                ("security", security.to_string()),
                ("quadrant", format!("quadrant:{}", quadrant.key())),
            ],
            Reason::PostureCalm {
                posture: p,
                security,
            } => vec![("posture", posture(*p)), ("security", security.to_string())],
            Reason::PostureForced { posture: p } | Reason::PostureWeighed { posture: p } => {
                vec![("posture", posture(*p))]
            }
            Reason::PostureValued {
                posture: p,
                value,
                other,
                other_value,
            } => vec![
                ("posture", posture(*p)),
                ("value", value.to_string()),
                ("other", posture(*other)),
                ("other-value", other_value.to_string()),
            ],
            Reason::Action { action, value } => vec![
                (
                    "action",
                    format!(
                        "action:{}",
                        content.actions.get(action.index()).map_or("?", |a| &a.id)
                    ),
                ),
                ("value", value.to_string()),
            ],
            Reason::Card { card, value } => vec![
                (
                    "card",
                    format!(
                        "card:{}",
                        content.cards.get(card.index()).map_or("?", |c| &c.id)
                    ),
                ),
                ("value", value.to_string()),
            ],
            Reason::Choice {
                choice,
                option,
                value,
            } => vec![
                ("choice", choice.0.to_string()),
                ("option", option.to_string()),
                ("value", value.to_string()),
            ],
            Reason::Confirm => Vec::new(),
            Reason::Searched {
                pick,
                value,
                win,
                score,
                alt,
                playouts,
            } => {
                let mut v = vec![
                    ("pick", pick.named(content)),
                    ("value", value.to_string()),
                    ("win", win.to_string()),
                    ("score", score.to_string()),
                    ("playouts", playouts.to_string()),
                ];
                if let Some((p, value)) = alt {
                    v.push(("alt", p.named(content)));
                    v.push(("alt-value", value.to_string()));
                }
                v
            }
            Reason::Only { pick } => vec![("pick", pick.named(content))],
        };
        NamedReason {
            key: self.key().to_string(),
            args: args.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        }
    }
}

impl NamedReason {
    fn arg(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn id<'a>(&'a self, name: &str, prefix: &str) -> Option<&'a str> {
        self.arg(name)?.strip_prefix(prefix)?.strip_prefix(':')
    }

    fn number<T: std::str::FromStr>(&self, name: &str) -> Option<T> {
        self.arg(name)?.parse().ok()
    }

    /// The typed reason, when every name it gives is in `content` (a reason that does not
    /// resolve is dropped: reasons explain, they never change the game).
    pub fn resolve(&self, content: &Content) -> Option<Reason> {
        let posture = || content.posture(self.id("posture", "posture")?);
        Some(match self.key.as_str() {
            "bot.posture-dual" => Reason::PostureDanger {
                posture: posture()?,
                security: self.number("security")?,
                quadrant: Quadrant::ALL
                    .into_iter()
                    .find(|q| Some(q.key()) == self.id("quadrant", "quadrant"))?,
            },
            "bot.posture-multi" => Reason::PostureCalm {
                posture: posture()?,
                security: self.number("security")?,
            },
            "bot.posture-forced" => Reason::PostureForced {
                posture: posture()?,
            },
            "bot.posture-weighed" => Reason::PostureWeighed {
                posture: posture()?,
            },
            "bot.posture-valued" => Reason::PostureValued {
                posture: posture()?,
                value: self.number("value")?,
                other: content.posture(self.id("other", "posture")?)?,
                other_value: self.number("other-value")?,
            },
            "bot.action" => Reason::Action {
                action: content.action(self.id("action", "action")?)?,
                value: self.number("value")?,
            },
            "bot.card" => Reason::Card {
                card: content.card(self.id("card", "card")?)?,
                value: self.number("value")?,
            },
            "bot.choice" => Reason::Choice {
                choice: Some(ChoiceId(self.number("choice")?))
                    .filter(|c| c.index() < content.choices.len())?,
                option: self.number("option")?,
                value: self.number("value")?,
            },
            "bot.confirm" => Reason::Confirm,
            "bot.searched" | "bot.searched-alone" => Reason::Searched {
                pick: Pick::resolve(self.arg("pick")?, content)?,
                value: self.number("value")?,
                win: self.number("win")?,
                score: self.number("score")?,
                alt: match self.arg("alt") {
                    Some(a) => Some((Pick::resolve(a, content)?, self.number("alt-value")?)),
                    None => None,
                },
                playouts: self.number("playouts")?,
            },
            "bot.only" => Reason::Only {
                pick: Pick::resolve(self.arg("pick")?, content)?,
            },
            _ => return None,
        })
    }
}

/// One accepted command, with the bot's reason when a bot gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    pub cmd: Command,
    pub reason: Option<Reason>,
}
