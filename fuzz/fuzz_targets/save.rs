//! A save from bytes (see amu_darya::fuzz::save).
#![no_main]

mod shipped;

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    static C: OnceLock<Arc<amu_darya::content::Content>> = OnceLock::new();
    amu_darya::fuzz::save(C.get_or_init(|| shipped::shipped().content()), data);
});
