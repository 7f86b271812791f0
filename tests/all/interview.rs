//! The interview in a pseudo-terminal (the real binary, the real dialoguer prompts), the saved
//! profile, `mynumber done` and `mynumber profile`.

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

use crate::common::*;

const TIMEOUT_MS: u64 = 10_000;

/// A fresh, private config directory for one test.
fn config_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mynumber-interview-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// The real binary in a pseudo-terminal, with the sealed environment of `common::mynumber`.
fn pty(config: &Path, args: &[&str]) -> PtySession {
    let mut cmd = StdCommand::new(env!("CARGO_BIN_EXE_mynumber"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TERM", "xterm")
        .env("MYNUMBER_TODAY", "2026-11-22")
        .env("MYNUMBER_CONFIG_DIR", config)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "120")
        .current_dir(repo())
        .args(args);
    spawn_command(cmd, Some(TIMEOUT_MS)).unwrap()
}

/// `common::mynumber` with its own config directory.
fn cmd(config: &Path) -> assert_cmd::Command {
    let mut c = mynumber();
    c.env("MYNUMBER_CONFIG_DIR", config);
    c
}

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";

const DATE_PROMPT: &str = "empty if you don't know]";
const REVIEW: &str = "Your answers (choose one to change it)";

/// Answers the questions after nationality and status: the dates in `dates` by question text,
/// Enter for everything else, until the review screen. Returns the questions seen.
fn answer_until_review(s: &mut PtySession, dates: &[(&str, &str)]) -> Vec<String> {
    let mut seen = Vec::new();
    loop {
        let (before, found) = s
            .exp_any(vec![
                rexpect::ReadUntil::String(DATE_PROMPT.into()),
                rexpect::ReadUntil::String(REVIEW.into()),
            ])
            .unwrap();
        if found == REVIEW {
            return seen;
        }
        // The finished answer and the next question can share a line, separated by `\r`.
        let question = before.split(['\r', '\n']).filter(|l| !l.trim().is_empty()).next_back().unwrap_or_default().to_string();
        let typed = dates.iter().find(|(q, _)| question.contains(q)).map_or("", |(_, d)| d);
        key(s, typed);
        key(s, ENTER);
        // The answered question is shown again with its answer: read past it.
        s.exp_string(DATE_PROMPT).unwrap();
        seen.push(question);
        assert!(seen.len() < 40, "the interview does not end: {seen:?}");
    }
}

/// Types keys and makes sure they reach the terminal.
fn key(s: &mut PtySession, keys: &str) {
    s.send(keys).unwrap();
    s.flush().unwrap();
}

fn exit_code(s: &PtySession) -> i32 {
    match s.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("not a normal exit: {other:?}"),
    }
}

#[test]
fn a_new_arrival_is_interviewed_can_change_an_answer_and_the_profile_is_reused() {
    let config = config_dir("full");
    let mut s = pty(&config, &["plan", "--format", "json"]);
    s.exp_string("Are you a Japanese national or a foreign national?").unwrap();
    key(&mut s, DOWN);
    key(&mut s, ENTER);
    s.exp_string("What is your status of residence").unwrap();
    key(&mut s, "Student");
    key(&mut s, ENTER);
    let seen = answer_until_review(
        &mut s,
        &[("land in Japan", "2026-11-01"), ("begin living at your current address", "2026-11-05")],
    );
    assert!(seen.iter().any(|q| q.contains("land in Japan")), "{seen:?}");
    assert!(seen.iter().any(|q| q.contains("current address")), "{seen:?}");
    assert!(!seen.iter().any(|q| q.contains("date of birth") && q.contains("status")), "{seen:?}");
    // The review lists the answers; change "the day you moved in" (the 4th entry after "Looks
    // right": nationality, status, landing day, moving-in day).
    s.exp_string("The day you moved in: 2026-11-05").unwrap();
    for _ in 0..4 {
        key(&mut s, DOWN);
    }
    key(&mut s, ENTER);
    s.exp_string("begin living at your current address").unwrap();
    key(&mut s, "2026-11-06");
    key(&mut s, ENTER);
    // Nothing new is needed; the review comes back with the change and the rest kept.
    s.exp_string("The day you moved in: 2026-11-06").unwrap();
    key(&mut s, ENTER);
    s.exp_string("Saved your answers in").unwrap();
    let rest = s.exp_eof().unwrap();
    assert!(rest.contains("\"schema\": 1"), "the plan follows: {rest}");
    assert_eq!(exit_code(&s), 0);

    let profile = std::fs::read_to_string(config.join("profile.toml")).unwrap();
    assert!(profile.contains("version = 1"), "{profile}");
    assert!(profile.contains("nationality = \"foreign\""), "{profile}");
    assert!(profile.contains("status = \"student\""), "{profile}");
    assert!(profile.contains("entry_date = 2026-11-01"), "{profile}");
    assert!(profile.contains("moved_in = 2026-11-06"), "{profile}");

    // A second run asks nothing and plans from the saved answers.
    let mut s = pty(&config, &["plan", "--format", "json"]);
    let out = s.exp_eof().unwrap();
    assert_eq!(exit_code(&s), 0);
    assert!(!out.contains("Are you a Japanese national"), "{out}");
    assert!(out.contains("\"residence.register\""), "{out}");
    // Moved in 2026-11-06 + 14 days = Fri 2026-11-20 (overdue on 2026-11-22).
    assert!(out.contains("2026-11-20"), "{out}");
    let _ = std::fs::remove_dir_all(&config);
}

#[test]
fn invalid_dates_are_asked_again_with_a_clear_message() {
    let config = config_dir("dates");
    let mut s = pty(&config, &["plan", "--answer", "nationality=foreign", "--answer", "status=student"]);
    // Wait, a date question: try a day that does not exist, a future day and a non-date.
    s.exp_string("land in Japan").unwrap();
    s.exp_string(DATE_PROMPT).unwrap();
    key(&mut s, "2026-02-30");
    key(&mut s, ENTER);
    s.exp_string("is not a day that exists").unwrap();
    s.exp_string(DATE_PROMPT).unwrap(); // asked again
    key(&mut s, "2027-01-01");
    key(&mut s, ENTER);
    s.exp_string("after today").unwrap();
    s.exp_string(DATE_PROMPT).unwrap(); // asked again
    key(&mut s, "soon");
    key(&mut s, ENTER);
    s.exp_string("write it as YYYY-MM-DD").unwrap();
    s.exp_string(DATE_PROMPT).unwrap(); // asked again
    key(&mut s, "2026-11-01");
    key(&mut s, ENTER);
    s.exp_string(DATE_PROMPT).unwrap();
    answer_until_review(&mut s, &[]);
    s.exp_string("The day you landed in Japan: 2026-11-01").unwrap();
    key(&mut s, ENTER);
    s.exp_eof().unwrap();
    assert_eq!(exit_code(&s), 0);
    let profile = std::fs::read_to_string(config.join("profile.toml")).unwrap();
    assert!(profile.contains("entry_date = 2026-11-01"), "{profile}");
    // Command-line answers are not copied into the profile.
    assert!(!profile.contains("nationality"), "{profile}");
    let _ = std::fs::remove_dir_all(&config);
}

#[test]
fn ctrl_c_restores_the_cursor_saves_nothing_and_exits_130() {
    let config = config_dir("ctrlc");
    let mut s = pty(&config, &["plan"]);
    s.exp_string("Are you a Japanese national or a foreign national?").unwrap();
    s.exp_string("foreign national").unwrap();
    s.send_control('c').unwrap();
    let rest = s.exp_eof().unwrap();
    assert_eq!(exit_code(&s), 130);
    assert!(rest.contains("\x1b[?25h"), "the cursor is shown again: {rest:?}");
    assert!(rest.contains("nothing new was saved"), "{rest:?}");
    assert!(!config.join("profile.toml").exists());
    let _ = std::fs::remove_dir_all(&config);
}
