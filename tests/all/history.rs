//! What changed since the last plan: the block at the top of `plan`, for the saved profile's
//! plans, end to end (new, done, moved by an answer, moved by a rule, now overdue), and when it
//! is neither shown nor written.

use std::path::Path;

use crate::common::{copy_dir, mynumber, stderr_of, stdout_of};

/// The example new arrival (moved in on Saturday 2026-10-03), saved as a profile.
const PROFILE: &str = "version = 1\n[answers]\nnationality = \"foreign\"\nstatus = \"student\"\nbirth_date = 2003-06-15\nentry_date = 2026-10-01\nmoved_in = 2026-10-03\nhealth_insurance = \"none\"\n";

fn run(config: &Path, today: &str, args: &[&str]) -> String {
    let out = mynumber()
        .env("MYNUMBER_CONFIG_DIR", config)
        .args(["--today", today])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: exit {:?}\n{}",
        out.status.code(),
        stderr_of(&out)
    );
    stdout_of(&out)
}

/// The block: everything before the plan's own title.
fn block(plan: &str) -> &str {
    plan.split("My Number plan for").next().unwrap_or_default()
}

#[test]
fn the_second_plan_says_what_changed_since_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path();
    std::fs::write(config.join("profile.toml"), PROFILE).unwrap();
    let history = config.join("history.toml");

    // The first plan has nothing to compare with, and is remembered, owner-only.
    let first = run(config, "2026-10-05", &["plan"]);
    assert_eq!(block(&first), "");
    assert!(history.exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&history).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let again = run(config, "2026-10-05", &["plan"]);
    assert_eq!(
        block(&again),
        "Since your last plan on 2026-10-05 (Mon): nothing has changed.\n\n"
    );

    // Registered on 2026-10-06: the notice is done, the card steps appear, and National
    // Health Insurance (14 days from registering) gets its deadline, 2026-10-20 (Tue).
    run(config, "2026-10-06", &["done", "residence.register"]);
    let after = run(config, "2026-10-08", &["plan"]);
    let b = block(&after);
    assert!(
        b.starts_with("Since your last plan on 2026-10-05 (Mon):\n"),
        "{b}"
    );
    assert!(
        b.contains("  done: Register your address (moving-in notice) (residence.register)\n"),
        "{b}"
    );
    assert!(
        b.contains("  new: Apply for the My Number Card (card.apply)"),
        "{b}"
    );
    assert!(
        b.contains("(insurance.nhi-enroll): — → 2026-10-20 (Tue), because of a new answer: the day you filed the moving-in notice (registered_on)"),
        "{b}"
    );

    // The registration day corrected to 2026-10-07: the deadline moves a day, because of it.
    run(
        config,
        "2026-10-08",
        &["done", "residence.register", "--on", "2026-10-07"],
    );
    let moved = run(config, "2026-10-09", &["plan"]);
    assert!(
        block(&moved).contains("  deadline moved: Join National Health Insurance (insurance.nhi-enroll): 2026-10-20 (Tue) → 2026-10-21 (Wed), because of a new answer: the day you filed the moving-in notice (registered_on)\n"),
        "{moved}"
    );

    // 2026-10-22: the deadline of 2026-10-21 has passed.
    let late = run(config, "2026-10-22", &["plan"]);
    assert!(
        block(&late)
            .contains("  now overdue: Join National Health Insurance (insurance.nhi-enroll)\n"),
        "{late}"
    );

    // The same answers with a knowledge base whose rule gives 20 days instead of 14: the
    // deadline moves to 2026-10-27 (Tue), and the rule's file and sources are named.
    let kb = tempfile::tempdir().unwrap();
    copy_dir(&crate::common::repo().join("data"), kb.path());
    let arrival = kb.path().join("steps/arrival.toml");
    let text = std::fs::read_to_string(&arrival).unwrap();
    let rule = "date = { add = { from = { fact = \"registered_on\" }, days = 14 } }";
    assert_eq!(
        text.matches(rule).count(),
        1,
        "the rule to change is not in arrival.toml"
    );
    std::fs::write(&arrival, text.replace(rule, &rule.replace("14", "20"))).unwrap();
    let kb_arg = kb.path().to_str().unwrap();
    let changed = run(config, "2026-10-22", &["--kb", kb_arg, "plan"]);
    let b = block(&changed);
    assert!(
        b.contains("  deadline moved: Join National Health Insurance (insurance.nhi-enroll): 2026-10-21 (Wed) → 2026-10-27 (Tue), because its rule changed in the knowledge base ("),
        "{b}"
    );
    assert!(b.contains("arrival.toml); its sources:\n"), "{b}");
    assert!(b.contains("https://www.city.muko.kyoto.jp/"), "{b}");
    assert!(!b.contains("new answer"), "{b}");

    // --no-history: no block, and the history is left as it was.
    let kept = std::fs::read(&history).unwrap();
    let quiet = run(config, "2026-10-30", &["plan", "--no-history"]);
    assert_eq!(block(&quiet), "");
    assert_eq!(std::fs::read(&history).unwrap(), kept);

    // Forgetting the profile forgets the history too: it holds the answers.
    run(config, "2026-10-30", &["profile", "forget", "--yes"]);
    assert!(!history.exists());
}

#[test]
fn plans_from_answers_given_on_the_command_line_keep_no_history() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("profile.toml"), PROFILE).unwrap();
    for args in [
        &["plan", "--answers", "examples/new-arrival.toml"][..],
        &["plan", "--answer", "moved_in=2026-10-04"][..],
    ] {
        let out = run(dir.path(), "2026-10-05", args);
        assert_eq!(block(&out), "");
        assert!(!dir.path().join("history.toml").exists(), "{args:?}");
    }
}

#[test]
fn an_unreadable_history_is_started_afresh() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("profile.toml"), PROFILE).unwrap();
    std::fs::write(dir.path().join("history.toml"), "members = [").unwrap();
    let out = mynumber()
        .env("MYNUMBER_CONFIG_DIR", dir.path())
        .args(["--today", "2026-10-05", "plan"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stderr_of(&out).contains("cannot be read"));
    assert_eq!(block(&stdout_of(&out)), "");
    let again = run(dir.path(), "2026-10-05", &["plan"]);
    assert!(block(&again).contains("nothing has changed"));
}

/// `batch --since`: each row says what changed since an earlier run, matched by `ref`.
#[test]
fn batch_since_adds_what_changed_per_row_by_ref() {
    let dir = tempfile::tempdir().unwrap();
    let before = dir.path().join("before.csv");
    let after = dir.path().join("after.csv");
    let previous = dir.path().join("previous.jsonl");
    // Three students who moved in on Saturday 2026-10-03 (the notice is due Monday 2026-10-19).
    std::fs::write(
        &before,
        "ref,nationality,status,moved_in,registered_on\nA1,foreign,student,2026-10-03,\nB2,foreign,student,2026-10-03,\n",
    )
    .unwrap();
    // Later: A1 registered on 2026-10-06 (National Health Insurance, 14 days from registering,
    // is now due 2026-10-20); B2 did not, and on 2026-10-20 the notice is late; D4 is new.
    std::fs::write(
        &after,
        "ref,nationality,status,moved_in,registered_on\nA1,foreign,student,2026-10-03,2026-10-06\nB2,foreign,student,2026-10-03,\nD4,foreign,student,2026-10-10,\n",
    )
    .unwrap();
    let out = mynumber()
        .args(["--today", "2026-10-05", "batch", "--dates-only", "-o"])
        .arg(&previous)
        .arg(&before)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let out = mynumber()
        .args(["--today", "2026-10-20", "batch", "--dates-only", "--since"])
        .arg(&previous)
        .arg(&after)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let rows: Vec<serde_json::Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let changes = |r: &str| {
        rows.iter()
            .find(|row| row["ref"] == r)
            .map(|row| row["changes"].clone())
            .unwrap()
    };
    let a1 = changes("A1");
    assert_eq!(a1["done"], serde_json::json!(["residence.register"]));
    assert_eq!(
        a1["moved"],
        serde_json::json!([{"id": "insurance.nhi-enroll", "from": null, "to": "2026-10-20"}])
    );
    assert!(
        a1["new"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "card.apply")
    );
    let b2 = changes("B2");
    assert_eq!(b2["overdue"], serde_json::json!(["residence.register"]));
    assert_eq!(b2["moved"], serde_json::json!([]));
    assert!(changes("D4").is_null());
    // Without --since, no `changes` field; with CSV output, --since is refused.
    let plain = mynumber()
        .args(["--today", "2026-10-20", "batch", "--dates-only"])
        .arg(&after)
        .output()
        .unwrap();
    assert!(!stdout_of(&plain).contains("\"changes\""));
    let csv = mynumber()
        .args([
            "--today",
            "2026-10-20",
            "batch",
            "--format",
            "csv",
            "--since",
        ])
        .arg(&previous)
        .arg(&after)
        .output()
        .unwrap();
    assert_eq!(csv.status.code(), Some(2));
}

/// `batch --since` with an earlier run that cannot be read is a usage error; a line that is not
/// a row is a data error at its line and column. Nothing is planned in either case.
#[test]
fn batch_since_refuses_an_unreadable_or_broken_earlier_run() {
    let dir = tempfile::tempdir().unwrap();
    let after = dir.path().join("after.csv");
    let previous = dir.path().join("previous.jsonl");
    std::fs::write(
        &after,
        "ref,nationality,status,moved_in\nA1,foreign,student,2026-10-03\n",
    )
    .unwrap();
    let out = mynumber()
        .args(["--today", "2026-10-05", "batch", "--dates-only", "-o"])
        .arg(&previous)
        .arg(&after)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let since = |previous: &std::path::Path| {
        mynumber()
            .args(["--today", "2026-10-20", "batch", "--dates-only", "--since"])
            .arg(previous)
            .arg(&after)
            .output()
            .unwrap()
    };
    for unreadable in [dir.path().join("missing.jsonl"), dir.path().to_path_buf()] {
        let out = since(&unreadable);
        assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains("cannot read"),
            "{}",
            stderr_of(&out)
        );
        assert!(stdout_of(&out).is_empty());
    }
    let broken = dir.path().join("broken.jsonl");
    let first = std::fs::read_to_string(&previous).unwrap();
    let first = first.lines().next().unwrap();
    std::fs::write(&broken, format!("{first}\n\n{{\"ref\": 7\n")).unwrap();
    let out = since(&broken);
    assert_eq!(out.status.code(), Some(65), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("broken.jsonl:3:"),
        "{}",
        stderr_of(&out)
    );
    assert!(stdout_of(&out).is_empty());
}

/// Plans for several members at once, each remembered in the one history file: none is lost
/// (the history is written under the profile's lock).
#[test]
fn plans_for_several_members_at_once_lose_no_history() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path();
    let names: Vec<String> = (0..8).map(|i| format!("Member{i}")).collect();
    for name in &names {
        run(
            config,
            "2026-10-05",
            &[
                "profile",
                "add",
                name,
                "--answer",
                "nationality=japanese",
                "--answer",
                "moved_in=2026-10-03",
            ],
        );
    }
    for round in 0..2 {
        let runs: Vec<Vec<&str>> = names
            .iter()
            .map(|name| vec!["--today", "2026-10-05", "plan", "--member", name])
            .collect();
        crate::common::run_all_at_once(config, &[], &runs);
        let text = std::fs::read_to_string(config.join("history.toml")).unwrap();
        let h: toml::Table = toml::from_str(&text).unwrap();
        let members = h.get("members").and_then(|m| m.as_table()).unwrap();
        for name in &names {
            assert!(
                members.contains_key(name),
                "round {round}: the plan for {name} was not remembered:\n{text}"
            );
        }
    }
}

#[test]
fn the_japanese_block_says_the_day_without_brackets_inside_brackets() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path();
    std::fs::write(config.join("profile.toml"), PROFILE).unwrap();
    let ja = ["--lang", "ja", "plan"];
    run(config, "2026-10-05", &ja);
    let again = run(config, "2026-10-05", &ja);
    assert!(
        again.starts_with("2026-10-05（月）の前回の計画からの変更：変更はありません。\n\n"),
        "{again}"
    );
    run(config, "2026-10-06", &["done", "residence.register"]);
    let after = run(config, "2026-10-08", &ja);
    assert!(
        after.starts_with("2026-10-05（月）の前回の計画からの変更："),
        "{after}"
    );
}
