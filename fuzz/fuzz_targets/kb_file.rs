//! `cargo +nightly fuzz run kb_file`: see mynumber::fuzzing::kb_file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mynumber::fuzzing::kb_file(data);
});
