//! The engine in-process: loading the embedded knowledge base and planning for one person,
//! reported against a process start measured in the same run. Target: load + plan cost no
//! more than half a process start.

mod common;

use std::fmt::Write as _;

use chrono::NaiveDate;
use mynumber::answers::parse_answers;
use mynumber::engine::make_plan;
use mynumber::kb::Kb;

fn main() {
    let baseline = common::process_start();
    let Ok(kb) = Kb::embedded() else {
        panic!("the embedded knowledge base does not load")
    };
    let Ok(answers) = parse_answers(
        &kb,
        "answers.toml",
        r#"
nationality = "foreign"
status = "student"
birth_date = 2003-06-15
moved_in = 2026-10-03
registered_on = 2026-10-05
card_issued_on = 2024-01-15
card_expires = 2026-12-31
stay_expires = 2028-03-31
"#,
    ) else {
        panic!("the benchmark's answers do not parse")
    };
    let Some(today) = NaiveDate::from_ymd_opt(2026, 11, 22) else {
        return;
    };
    let load = common::median(15, 20, || {
        std::hint::black_box(Kb::embedded().is_ok());
    });
    let plan = common::median(15, 200, || {
        std::hint::black_box(make_plan(&kb, &answers, today).steps.len());
    });
    // Reporting a file of unknown names: the time per line stays flat as the file grows
    // (each line is located once, and only the problems shown are rendered).
    let unknown = |n: usize| -> String {
        (0..n).fold(String::new(), |mut s, i| {
            let _ = writeln!(s, "unknown_fact_{i} = 1");
            s
        })
    };
    let (small, large) = (unknown(5_000), unknown(40_000));
    let report_small = common::median(5, 1, || {
        std::hint::black_box(parse_answers(&kb, "a.toml", &small).is_err());
    });
    let report_large = common::median(5, 1, || {
        std::hint::black_box(parse_answers(&kb, "a.toml", &large).is_err());
    });
    println!(
        "baseline: `mynumber --version` as a whole process: {:.3} ms",
        baseline.as_secs_f64() * 1e3
    );
    common::report("load the embedded knowledge base", load, baseline);
    common::report("plan for one person", plan, baseline);
    common::report("load + plan", load + plan, baseline);
    common::report("report 5,000 unknown facts", report_small, baseline);
    common::report("report 40,000 unknown facts", report_large, baseline);
    println!(
        "per line: {:.2} µs at 5,000, {:.2} µs at 40,000",
        report_small.as_secs_f64() * 1e6 / 5_000.0,
        report_large.as_secs_f64() * 1e6 / 40_000.0
    );
}
