//! `cargo +nightly fuzz run profile`: see mynumber::fuzzing::profile.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mynumber::kb::Kb;

static KB: OnceLock<Option<Kb>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    if let Some(kb) = KB.get_or_init(|| Kb::embedded().ok()) {
        mynumber::fuzzing::profile(kb, data);
    }
});
