//! End-to-end runs of the real binary: each exit code, help, plan formats.

use crate::common::*;

#[test]
fn plan_for_the_example_new_arrival() {
    let out = mynumber()
        .args([
            "--today",
            "2026-10-05",
            "plan",
            "--answers",
            "examples/new-arrival.toml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(v["steps"][0]["id"], "residence.register");
    // Moved in 2026-10-03 + 14 days = Sat 2026-10-17 → Mon 2026-10-19.
    assert_eq!(v["steps"][0]["deadline"], "2026-10-19");
}
