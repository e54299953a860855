//! Reports: batch experiments ([`batch`]), the printable debrief of one game
//! ([`debrief`]) and the log rendered as text in any language ([`log`]).

pub mod batch;
pub mod debrief;
pub mod log;

pub use batch::*;
pub use debrief::debrief;
pub use log::render_log;
