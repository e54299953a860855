//! A level and its content files from bytes (see amu_darya::fuzz::level).
#![no_main]

mod shipped;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    static S: OnceLock<amu_darya::fuzz::Shipped> = OnceLock::new();
    amu_darya::fuzz::level(S.get_or_init(shipped::shipped), data);
});
