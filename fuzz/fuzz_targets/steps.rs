//! `cargo +nightly fuzz run steps`: see mynumber::fuzzing::steps.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mynumber::fuzzing::steps(data);
});
