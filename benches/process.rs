//! Whole processes: `mynumber plan` for one person against `mynumber --version`, interleaved
//! (one of each in turn, many rounds) so that a change in the machine's load touches both
//! alike; each figure is the median over the rounds.

mod common;

use std::time::{Duration, Instant};

const ROUNDS: usize = 301;

fn main() {
    let commands: [(&str, &[&str]); 3] = [
        ("mynumber --version", &["--version"]),
        (
            "mynumber plan (table)",
            &["plan", "--answers", "examples/new-arrival.toml"],
        ),
        (
            "mynumber plan --all --format json",
            &[
                "plan",
                "--answers",
                "examples/new-arrival.toml",
                "--format",
                "json",
                "--all",
            ],
        ),
    ];
    // Warm the page cache.
    for (_, args) in &commands {
        common::run(args);
    }
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(ROUNDS); commands.len()];
    for _ in 0..ROUNDS {
        for (i, (_, args)) in commands.iter().enumerate() {
            let t = Instant::now();
            common::run(args);
            times[i].push(t.elapsed());
        }
    }
    let medians: Vec<Duration> = times
        .iter_mut()
        .map(|t| {
            t.sort();
            t[t.len() / 2]
        })
        .collect();
    println!(
        "{ROUNDS} interleaved rounds; baseline `mynumber --version`: {:.3} ms",
        medians[0].as_secs_f64() * 1e3
    );
    for (i, (name, _)) in commands.iter().enumerate().skip(1) {
        common::report(name, medians[i], medians[0]);
    }
}
