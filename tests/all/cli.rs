//! End-to-end runs of the real binary: each exit code, help, located errors, privacy.

use std::io::Write as _;

use crate::common::*;

fn write_temp(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    (dir, path)
}

fn plan_json(args: &[&str]) -> serde_json::Value {
    let out = mynumber().args(args).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn plan_for_the_example_new_arrival() {
    let v = plan_json(&[
        "--today",
        "2026-10-05",
        "plan",
        "--answers",
        "examples/new-arrival.toml",
        "--format",
        "json",
    ]);
    assert_eq!(v["schema"], 1);
    assert_eq!(v["today"], "2026-10-05");
    assert_eq!(v["lang"], "en");
    let first = &v["steps"][0];
    assert_eq!(first["id"], "residence.register");
    // Moved in 2026-10-03 + 14 days = Sat 2026-10-17 → Mon 2026-10-19 (Local Autonomy Act 4-2).
    assert_eq!(first["last_day"], "2026-10-17");
    assert_eq!(first["deadline"], "2026-10-19");
    assert_eq!(first["deadline_kind"], "legal");
    assert_eq!(first["days_left"], 14);
    assert_eq!(first["status"], "due");
    assert_eq!(first["where"], "municipal_office");
    assert!(
        first["sources"][0]["url"]
            .as_str()
            .unwrap_or("")
            .starts_with("https://")
    );
    assert!(v.get("skipped").is_none(), "skipped only with --all");
}

#[test]
fn answer_pairs_win_over_the_answers_file() {
    let v = plan_json(&[
        "--today",
        "2026-10-05",
        "plan",
        "--answers",
        "examples/new-arrival.toml",
        "--answer",
        "moved_in=2026-10-01",
        "--format",
        "json",
    ]);
    // 2026-10-01 + 14 = Thu 2026-10-15, an open day.
    assert_eq!(v["steps"][0]["deadline"], "2026-10-15");
}

#[test]
fn all_lists_skipped_steps_with_why_not() {
    let v = plan_json(&[
        "plan",
        "--answer",
        "nationality=japanese",
        "--all",
        "--format",
        "json",
    ]);
    let skipped = v["skipped"].as_array().unwrap();
    let renew = skipped
        .iter()
        .find(|s| s["id"] == "card.validity-change")
        .unwrap();
    assert!(!renew["why_not"].as_array().unwrap().is_empty());
}

#[test]
fn japanese_output() {
    let v = plan_json(&[
        "--today",
        "2026-10-05",
        "--lang",
        "ja",
        "plan",
        "--answers",
        "examples/new-arrival.toml",
        "--format",
        "json",
    ]);
    assert_eq!(v["lang"], "ja");
    assert_eq!(v["steps"][0]["title"], "転入届");
}

#[test]
fn table_groups_by_phase_with_weekday_and_days_left() {
    let out = mynumber()
        .args([
            "--today",
            "2026-10-05",
            "plan",
            "--answers",
            "examples/new-arrival.toml",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = stdout_of(&out);
    assert!(s.contains("## Arrival"), "{s}");
    assert!(s.contains("2026-10-19 (Mon)"), "{s}");
    assert!(s.contains("14 days"), "{s}");
    assert!(!s.contains('\x1b'), "no colour under NO_COLOR: {s}");
}

#[test]
fn output_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    let out = mynumber()
        .args([
            "plan",
            "--answer",
            "nationality=japanese",
            "--format",
            "json",
            "-o",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(out.stdout.is_empty());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(v["schema"], 1);
}

#[test]
fn exit_1_when_the_output_cannot_be_written() {
    let out = mynumber()
        .args([
            "plan",
            "--answer",
            "nationality=japanese",
            "-o",
            "/nonexistent-dir/plan.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(stderr_of(&out).starts_with("error: cannot write /nonexistent-dir/plan.txt"));
}

#[test]
fn exit_2_lists_missing_answers_when_there_is_no_terminal() {
    let out = mynumber().args(["plan"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_of(&out);
    assert!(e.contains("nationality"), "{e}");
    assert!(e.contains("--answer nationality=foreign"), "{e}");
    // A foreign resident must also give a status.
    let out = mynumber()
        .args(["plan", "--answer", "nationality=foreign", "--no-input"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("status"), "{}", stderr_of(&out));
}

#[test]
fn exit_2_for_usage_errors() {
    for args in [
        vec!["frobnicate"],
        vec![
            "--today",
            "tomorrow",
            "plan",
            "--answer",
            "nationality=japanese",
        ],
        vec!["plan", "--answer", "nationality"],
        vec!["plan", "--format", "pdf"],
    ] {
        let out = mynumber().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
    }
    let out = mynumber()
        .args(["plan", "--answers", "no-such-file.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("no-such-file.toml"));
}

#[test]
fn exit_65_for_bad_answers_with_location() {
    let cases = [
        (
            "nationality = \"foreign\"\nstatus = \"studnet\"\n",
            "answers.toml:2:10",
            "did you mean `student`?",
        ),
        (
            "nationality = \"foreign\"\nstatus = \"student\"\nmoved_in = \"2026-02-30\"\n",
            "answers.toml:3:12",
            "is not a day that exists",
        ),
        (
            "nationality = \"foreign\"\nstatus = \"student\"\nmoved_in = 2026-04-01T10:00:00\n",
            "answers.toml:3:12",
            "expected a date written as YYYY-MM-DD",
        ),
        (
            "nationality = \"foreign\"\nmoved_inn = 2026-04-01\n",
            "answers.toml:2:1",
            "unknown fact `moved_inn`",
        ),
        (
            "nationality = \"foreign\"\nstatus = \"student\nmoved_in = 2026-04-01\n",
            "answers.toml:2:",
            "answers.toml is not a valid answers file",
        ),
    ];
    for (text, location, message) in cases {
        let (_dir, path) = write_temp("answers.toml", text);
        let out = mynumber()
            .args(["plan", "--answers"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(65), "{text}: {}", stderr_of(&out));
        let e = stderr_of(&out);
        assert!(e.contains(location), "{text}: expected {location} in\n{e}");
        assert!(e.contains(message), "{text}: expected {message} in\n{e}");
        assert!(!e.contains("panicked"), "{e}");
    }
}

#[test]
fn exit_65_for_answers_that_contradict_each_other_or_today() {
    let out = mynumber()
        .args([
            "plan",
            "--answer",
            "nationality=foreign",
            "--answer",
            "status=student",
            "--answer",
            "birth_date=2030-01-01",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    assert!(
        stderr_of(&out).contains("birth_date: 2030-01-01 is after today (2026-11-22)"),
        "{}",
        stderr_of(&out)
    );
    let out = mynumber()
        .args([
            "plan",
            "--answer",
            "nationality=japanese",
            "--answer",
            "card_issued_on=2026-01-10",
            "--answer",
            "card_expires=2025-01-01",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    assert!(
        stderr_of(&out).contains("card_expires: 2025-01-01 is not after card_issued_on"),
        "{}",
        stderr_of(&out)
    );
    let out = mynumber()
        .args([
            "plan",
            "--answer",
            "nationality=foreign",
            "--answer",
            "status=tourist",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    assert!(stderr_of(&out).contains("kb statuses"));
}

#[test]
fn an_individual_number_is_refused_and_never_repeated() {
    let number = "1234 5678 9012";
    let out = mynumber()
        .args(["plan", "--answer", "nationality=japanese", "--answer"])
        .arg(format!("moved_in={number}"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let e = stderr_of(&out);
    assert!(e.contains("looks like an Individual Number"), "{e}");
    assert!(!e.contains("5678"), "the number must not be echoed: {e}");
    let (_dir, path) = write_temp(
        "answers.toml",
        "nationality = \"japanese\"\nmy_number = \"123456789012\"\n",
    );
    let out = mynumber()
        .args(["plan", "--answers"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let e = stderr_of(&out);
    assert!(
        e.contains("answers.toml:2:13") && e.contains("looks like an Individual Number"),
        "{e}"
    );
    assert!(
        !e.contains("123456789012"),
        "the number must not be echoed: {e}"
    );
}

#[test]
fn exit_65_for_a_broken_knowledge_base_with_location() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(repo().join("data")).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    std::fs::create_dir(dir.path().join("steps")).unwrap();
    let step = std::fs::read_to_string(repo().join("data/steps/arrival.toml")).unwrap();
    std::fs::write(
        dir.path().join("steps/arrival.toml"),
        step.replacen("{ known = \"moved_in\" }", "{ known = \"moved_inn\" }", 1),
    )
    .unwrap();
    let out = mynumber()
        .arg("--kb")
        .arg(dir.path())
        .args(["plan", "--answer", "nationality=japanese"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let e = stderr_of(&out);
    assert!(e.contains("unknown fact `moved_inn`"), "{e}");
    assert!(e.contains("steps/arrival.toml:"), "{e}");
    assert!(e.contains("did you mean `moved_in`?"), "{e}");
}

#[test]
fn help_lists_the_exit_codes_and_version_works() {
    let out = mynumber().arg("--help").output().unwrap();
    assert!(out.status.success());
    let s = stdout_of(&out);
    assert!(s.contains("65   bad input data"), "{s}");
    assert!(s.contains("130  interrupted"), "{s}");
    let out = mynumber().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert!(stdout_of(&out).starts_with("mynumber "));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::process::Stdio;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mynumber"))
        .env("MYNUMBER_TODAY", "2026-11-22")
        .current_dir(repo())
        .args([
            "plan",
            "--answer",
            "nationality=japanese",
            "--answer",
            "card_expires=2027-01-10",
            "--all",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

#[test]
fn today_defaults_to_the_date_in_japan() {
    let mut cmd = mynumber();
    cmd.env_remove("MYNUMBER_TODAY")
        .env("TZ", "America/Los_Angeles");
    let out = cmd
        .args([
            "plan",
            "--answer",
            "nationality=japanese",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected = (chrono::Utc::now() + chrono::Duration::hours(9))
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(v["today"], expected.as_str());
}
