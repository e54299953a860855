//! A sequence of commands from bytes applied to a game (see amu_darya::fuzz::commands).
#![no_main]

mod shipped;

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    static C: OnceLock<Arc<amu_darya::content::Content>> = OnceLock::new();
    amu_darya::fuzz::commands(C.get_or_init(|| shipped::shipped().content()), data);
});
