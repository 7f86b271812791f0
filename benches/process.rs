//! Whole processes: `mynumber plan` for one person against `mynumber --version`, both measured
//! in the same run on the same machine.

mod common;

fn main() {
    let baseline = common::process_start();
    let table = common::median(15, 20, || {
        common::run(&["plan", "--answers", "examples/new-arrival.toml"]);
    });
    let json = common::median(15, 20, || {
        common::run(&[
            "plan",
            "--answers",
            "examples/new-arrival.toml",
            "--format",
            "json",
            "--all",
        ]);
    });
    println!(
        "baseline: `mynumber --version`: {:.3} ms",
        baseline.as_secs_f64() * 1e3
    );
    common::report("mynumber plan (table)", table, baseline);
    common::report("mynumber plan --all --format json", json, baseline);
}
