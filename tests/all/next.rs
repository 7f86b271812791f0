//! `mynumber next`: quiet when nothing is due, one line per step otherwise, shortest deadline
//! first, and JSON for scripts.

use crate::common::{mynumber, stderr_of, stdout_of};

fn next(today: &str, args: &[&str]) -> std::process::Output {
    let config = tempfile::tempdir().unwrap();
    let mut cmd = mynumber();
    cmd.env("MYNUMBER_CONFIG_DIR", config.path())
        .args(["--today", today, "next"])
        .args(args);
    cmd.output().unwrap()
}

/// The example new arrival moved in on Saturday 2026-10-03: the moving-in notice is due by
/// Monday 2026-10-19 (14 days, the last day a Saturday, moved to the next open day).
const ARRIVAL: &[&str] = &["--answers", "examples/new-arrival.toml"];

#[test]
fn quiet_when_nothing_is_due_in_the_window() {
    // On 2026-10-05 the deadline is 14 days away: outside a 13-day window.
    let out = next("2026-10-05", &[ARRIVAL, &["--within", "13"]].concat());
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out), "");
    assert_eq!(stderr_of(&out), "");
    // No saved profile and no answers: nothing to say, nothing asked.
    let out = next("2026-10-05", &[]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out), "");
    // JSON always says something a script can parse.
    let out = next(
        "2026-10-05",
        &[ARRIVAL, &["--within", "13", "--format", "json"]].concat(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["kind"], "next");
    assert_eq!(v["steps"].as_array().map(Vec::len), Some(0));
}

#[test]
fn one_line_per_step_due_in_the_window() {
    // The default window is 14 days: 2026-10-19 is exactly 14 days after 2026-10-05.
    let out = next("2026-10-05", ARRIVAL);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        stdout_of(&out),
        "Register your address (moving-in notice) (residence.register): by 2026-10-19 (Mon), in 14 days\n"
    );
}

#[test]
fn overdue_first_then_the_shortest_deadline() {
    // Registered on 2026-10-05, so National Health Insurance (within 14 days of registering)
    // was due 2026-10-19, a Monday, and is 32 days late on 2026-11-20; the pickup deadline
    // printed on the postcard is 2026-11-30, a Monday, 10 days later.
    let args = [
        ARRIVAL,
        &[
            "--answer",
            "registered_on=2026-10-05",
            "--answer",
            "notice_received_on=2026-10-19",
            "--answer",
            "card_applied_on=2026-10-20",
            "--answer",
            "card_notice_on=2026-11-10",
            "--answer",
            "pickup_deadline=2026-11-30",
        ],
    ]
    .concat();
    let out = next("2026-11-20", &args);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].contains("(insurance.nhi-enroll): by 2026-10-19 (Mon), 32 days late"));
    assert!(lines[1].contains("(card.pickup): by 2026-11-30 (Mon), in 10 days"));
    // A window that ends before the pickup deadline leaves only the late step.
    let short = next("2026-11-20", &[&args[..], &["--within", "9"]].concat());
    assert_eq!(stdout_of(&short).lines().count(), 1);
    let json = next("2026-11-20", &[&args[..], &["--format", "json"]].concat());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let ids: Vec<&str> = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["insurance.nhi-enroll", "card.pickup"]);
    assert_eq!(v["steps"][1]["days_left"], 10);
    assert_eq!(v["steps"][0]["status"], "overdue");
}

#[test]
fn reads_the_saved_profile_and_never_asks() {
    let config = tempfile::tempdir().unwrap();
    std::fs::write(
        config.path().join("profile.toml"),
        "version = 1\n[answers]\nnationality = \"foreign\"\nstatus = \"student\"\nmoved_in = 2026-10-03\n",
    )
    .unwrap();
    let out = mynumber()
        .env("MYNUMBER_CONFIG_DIR", config.path())
        .args(["--today", "2026-10-05", "next"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).starts_with("Register your address"));
}

#[test]
fn one_day_late_is_said_in_the_singular_and_in_japanese_with_full_width_punctuation() {
    // The moving-in notice was due 2026-10-19; on 2026-10-20 it is one day late.
    let out = next("2026-10-20", ARRIVAL);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        stdout_of(&out),
        "Register your address (moving-in notice) (residence.register): by 2026-10-19 (Mon), 1 day late\n"
    );
    let out = next("2026-10-20", &[ARRIVAL, &["--lang", "ja"]].concat());
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        stdout_of(&out),
        "転入届（residence.register）：期限 2026-10-19（月）、1日超過\n"
    );
}

#[test]
fn steps_that_do_not_apply_are_listed_in_japanese_with_full_width_punctuation() {
    let config = tempfile::tempdir().unwrap();
    let out = mynumber()
        .env("MYNUMBER_CONFIG_DIR", config.path())
        .args(["--lang", "ja", "--today", "2026-10-05", "plan", "--all"])
        .args(ARRIVAL)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    // One step that does not apply: its title, id and why, joined the Japanese way (the item
    // may be wrapped over several lines).
    let start = text
        .find("（departure.card）：")
        .unwrap_or_else(|| panic!("no item for departure.card in:\n{text}"));
    let item = &text[start..];
    let item = &item[..item.find("\n- ").unwrap_or(item.len())];
    assert!(
        !item.contains('(') && !item.contains(')') && !item.contains("; "),
        "{item}"
    );
    assert!(item.contains("または"), "{item}");
}
