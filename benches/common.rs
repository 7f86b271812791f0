//! Shared timing: median of several batches, and the process-start baseline.

#![allow(dead_code)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The median time of one call of `f`, over `batches` batches of `per_batch` calls.
pub(crate) fn median<F: FnMut()>(batches: usize, per_batch: usize, mut f: F) -> Duration {
    for _ in 0..per_batch {
        f();
    }
    let mut times: Vec<Duration> = (0..batches)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..per_batch {
                f();
            }
            t.elapsed() / u32::try_from(per_batch).unwrap_or(1)
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

pub(crate) fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_mynumber")
}

pub(crate) fn run(args: &[&str]) {
    let status = Command::new(bin())
        .args(args)
        .env("MYNUMBER_TODAY", "2026-10-05")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    assert!(status.is_ok_and(|s| s.success()), "{args:?} failed");
}

/// The baseline: starting the process and printing the version.
pub(crate) fn process_start() -> Duration {
    median(15, 20, || run(&["--version"]))
}

pub(crate) fn report(name: &str, t: Duration, baseline: Duration) {
    println!(
        "{name:<44} {:>10.3} ms   {:>6.2} × process start",
        t.as_secs_f64() * 1e3,
        t.as_secs_f64() / baseline.as_secs_f64()
    );
}
