//! Reports: batch experiments ([`batch`]), the printable debrief of one game
//! ([`debrief`]) and the log rendered as text in any language ([`log`]).

pub mod batch;
pub mod class;
pub mod debrief;
pub mod facts;
pub mod html;
pub mod log;

pub use batch::*;
pub use debrief::debrief;
pub use html::html;
pub use log::render_log;
