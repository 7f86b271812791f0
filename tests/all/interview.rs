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
const UP: &str = "\x1b[A";
const ENTER: &str = "\r";

const DATE_PROMPT: &str = "empty if you don't know]";
const REVIEW: &str = "Your answers (choose one to change it)";

/// The last entry of every optional list question (choices and yes/no).
const DONT_KNOW_ENTRY: &str = "I don't know / not yet";

/// The selected "no" of a yes/no gate ("Are you planning to move?"), whose default is no.
const GATE: &str = "  yes\r\n> no\r\n";

/// Answers the questions after nationality and status: the dates in `dates` by question text,
/// Enter for every other date (don't know), the first entry of every list question and no to
/// every gate, until the review screen. Returns the questions seen.
fn answer_until_review(s: &mut PtySession, dates: &[(&str, &str)]) -> Vec<String> {
    answer_as(s, dates, &[])
}

/// As [`answer_until_review`], answering yes to the gates whose question contains one of
/// `yes_to`.
fn answer_as(s: &mut PtySession, dates: &[(&str, &str)], yes_to: &[&str]) -> Vec<String> {
    let mut seen = Vec::new();
    loop {
        let (before, found) = s
            .exp_any(vec![
                rexpect::ReadUntil::String(DATE_PROMPT.into()),
                rexpect::ReadUntil::String(REVIEW.into()),
                rexpect::ReadUntil::String(DONT_KNOW_ENTRY.into()),
                rexpect::ReadUntil::String(GATE.into()),
            ])
            .unwrap();
        if found == REVIEW {
            return seen;
        }
        // The finished answer and the next question can share a line, separated by `\r`.
        let lines: Vec<&str> = before
            .split(['\r', '\n'])
            .filter(|l| !l.trim().is_empty())
            .collect();
        if found == DONT_KNOW_ENTRY || found == GATE {
            // A list: its question is the line ending with ':' above the entries.
            let question = lines
                .iter()
                .rev()
                .find(|l| l.trim_end().ends_with(':'))
                .unwrap_or(&"")
                .to_string();
            if found == GATE && yes_to.iter().any(|q| question.contains(q)) {
                key(s, UP);
            }
            key(s, ENTER);
            seen.push(question);
        } else {
            let question = lines.last().unwrap_or(&"").to_string();
            let typed = dates
                .iter()
                .find(|(q, _)| question.contains(q))
                .map_or("", |(_, d)| d);
            key(s, typed);
            key(s, ENTER);
            // The answered question is shown again with its answer: read past it.
            s.exp_string(DATE_PROMPT).unwrap();
            seen.push(question);
        }
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
    s.exp_string("Are you a Japanese national or a foreign national?")
        .unwrap();
    key(&mut s, DOWN);
    key(&mut s, ENTER);
    s.exp_string("What is your status of residence").unwrap();
    key(&mut s, "Student");
    key(&mut s, ENTER);
    let seen = answer_until_review(
        &mut s,
        &[
            ("land in Japan", "2026-11-01"),
            ("begin living at your current address", "2026-11-05"),
        ],
    );
    assert!(seen.iter().any(|q| q.contains("land in Japan")), "{seen:?}");
    assert!(
        seen.iter().any(|q| q.contains("current address")),
        "{seen:?}"
    );
    assert!(
        !seen
            .iter()
            .any(|q| q.contains("date of birth") && q.contains("status")),
        "{seen:?}"
    );
    // Nothing about a card before registering.
    assert!(
        !seen.iter().any(|q| q.contains("My Number Card")),
        "{seen:?}"
    );
    // The review lists the answers in interview order; change "the day you moved in" (the 6th
    // entry after "Looks right": nationality, status, date of birth, health insurance, landing
    // day, moving-in day).
    s.exp_string("The day you moved in: 2026-11-05").unwrap();
    for _ in 0..6 {
        key(&mut s, DOWN);
    }
    key(&mut s, ENTER);
    s.exp_string("begin living at your current address")
        .unwrap();
    // Asked again, the question starts from the current answer: erase it and type the new one.
    s.exp_string("empty if you don't know]: 2026-11-05")
        .unwrap();
    // One key at a time: a burst can reach the prompt before it reads the keys one by one.
    for _ in 0.."2026-11-05".len() {
        key(&mut s, "\x7f");
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
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
    assert!(profile.contains("version = 2"), "{profile}");
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

/// Starts an interview as a foreign resident with `status` typed into the status search.
fn foreign(config: &Path, status: &str) -> PtySession {
    let mut s = pty(config, &["plan", "--format", "json"]);
    s.exp_string("Are you a Japanese national or a foreign national?")
        .unwrap();
    key(&mut s, DOWN);
    key(&mut s, ENTER);
    s.exp_string("What is your status of residence").unwrap();
    key(&mut s, status);
    key(&mut s, ENTER);
    s
}

/// Takes the review as it is and returns the saved profile.
fn finish(mut s: PtySession, config: &Path) -> String {
    key(&mut s, ENTER);
    s.exp_string("Saved your answers in").unwrap();
    s.exp_eof().unwrap();
    assert_eq!(exit_code(&s), 0);
    std::fs::read_to_string(config.join("profile.toml")).unwrap()
}

#[test]
fn a_new_arrival_who_has_not_registered_answers_at_most_9_questions() {
    let config = config_dir("count-arrival");
    let mut s = foreign(&config, "Student");
    let seen = answer_until_review(
        &mut s,
        &[
            ("land in Japan", "2026-11-15"),
            ("begin living at your current address", "2026-11-16"),
            ("date of birth", "2004-05-05"),
        ],
    );
    // Nationality and status, then the rest.
    let asked = 2 + seen.len();
    assert!(asked <= 9, "{asked} questions: {seen:?}");
    assert!(
        seen.iter().any(|q| q.contains("moving-in notice")),
        "{seen:?}"
    );
    for never in ["My Number Card", "Individual Number", "pension", "lost"] {
        assert!(!seen.iter().any(|q| q.contains(never)), "{never}: {seen:?}");
    }
    let profile = finish(s, &config);
    assert!(profile.contains("moved_in = 2026-11-16"), "{profile}");
    let _ = std::fs::remove_dir_all(&config);
}

#[test]
fn a_long_term_resident_with_a_card_and_no_event_answers_at_most_10_questions() {
    let config = config_dir("count-resident");
    let mut s = foreign(&config, "Permanent Resident");
    let seen = answer_as(
        &mut s,
        &[
            (
                "expiry date is printed on your My Number Card",
                "2031-05-05",
            ),
            ("electronic certificates expire", "2030-05-05"),
        ],
        &["Do you have a My Number Card"],
    );
    let asked = 2 + seen.len();
    assert!(asked <= 10, "{asked} questions: {seen:?}");
    // A card holder is not asked the arrival's questions; each event is one "no".
    assert!(
        !seen.iter().any(|q| q.contains("current address")),
        "{seen:?}"
    );
    for gate in [
        "Are you moving to another address",
        "Are you planning to leave Japan",
        "Has your card been lost",
    ] {
        assert!(seen.iter().any(|q| q.contains(gate)), "{gate}: {seen:?}");
    }
    // No event's date after its "no".
    for date in ["On which day do you", "On which day was the card lost"] {
        assert!(!seen.iter().any(|q| q.contains(date)), "{date}: {seen:?}");
    }
    let profile = finish(s, &config);
    assert!(
        profile.contains("status = \"permanent_resident\""),
        "{profile}"
    );
    assert!(profile.contains("card_expires = 2031-05-05"), "{profile}");
    let _ = std::fs::remove_dir_all(&config);
}

#[test]
fn a_planned_move_s_dates_are_asked_after_its_yes() {
    let config = config_dir("count-mover");
    let mut s = foreign(&config, "Permanent Resident");
    let seen = answer_as(
        &mut s,
        &[
            (
                "expiry date is printed on your My Number Card",
                "2031-05-05",
            ),
            ("electronic certificates expire", "2030-05-05"),
            ("move out", "2026-12-10"),
        ],
        &[
            "Do you have a My Number Card",
            "Are you moving to another address",
        ],
    );
    let gate = seen
        .iter()
        .position(|q| q.contains("Are you moving to another address"))
        .unwrap_or_else(|| panic!("{seen:?}"));
    assert!(seen[gate + 1].contains("move out"), "{seen:?}");
    assert!(
        seen[gate + 2].contains("inside the same city or ward"),
        "{seen:?}"
    );
    // One question more than the resident without an event, besides the move's own.
    assert!(2 + seen.len() <= 13, "{seen:?}");
    let profile = finish(s, &config);
    assert!(
        profile.contains("move_planned_on = 2026-12-10"),
        "{profile}"
    );
    let _ = std::fs::remove_dir_all(&config);
}

#[test]
fn invalid_dates_are_asked_again_with_a_clear_message() {
    let config = config_dir("dates");
    let mut s = pty(
        &config,
        &[
            "plan",
            "--answer",
            "nationality=foreign",
            "--answer",
            "status=student",
        ],
    );
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
    s.exp_string("The day you landed in Japan: 2026-11-01")
        .unwrap();
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
    s.exp_string("Are you a Japanese national or a foreign national?")
        .unwrap();
    s.exp_string("foreign national").unwrap();
    s.send_control('c').unwrap();
    let rest = s.exp_eof().unwrap();
    assert_eq!(exit_code(&s), 130);
    assert!(
        rest.contains("\x1b[?25h"),
        "the cursor is shown again: {rest:?}"
    );
    assert!(rest.contains("nothing new was saved"), "{rest:?}");
    assert!(!config.join("profile.toml").exists());
    let _ = std::fs::remove_dir_all(&config);
}

fn write_profile(config: &Path, text: &str) -> PathBuf {
    std::fs::create_dir_all(config).unwrap();
    let p = config.join("profile.toml");
    std::fs::write(&p, text).unwrap();
    p
}

const STUDENT: &str = "version = 1\n\n[answers]\nnationality = \"foreign\"\nstatus = \"student\"\nmoved_in = 2026-11-05\n";

#[test]
fn without_a_terminal_missing_answers_are_exit_2_and_nothing_is_asked() {
    let config = config_dir("noinput");
    let out = cmd(&config).args(["plan"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("nationality"), "{err}");
    assert!(!config.join("profile.toml").exists());
}

#[test]
fn the_profile_is_used_and_command_line_answers_win_over_it() {
    let config = config_dir("precedence");
    write_profile(&config, STUDENT);
    let plan = |extra: &[&str]| {
        let out = cmd(&config)
            .args(["plan", "--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let step = v["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == "residence.register")
            .cloned();
        step.unwrap()["deadline"].as_str().unwrap().to_string()
    };
    // 2026-11-05 + 14 = Thu 2026-11-19.
    assert_eq!(plan(&[]), "2026-11-19");
    // 2026-11-06 + 14 = Fri 2026-11-20: --answer wins.
    assert_eq!(plan(&["--answer", "moved_in=2026-11-06"]), "2026-11-20");
    let file = config.join("answers.toml");
    std::fs::write(&file, "moved_in = 2026-11-04\n").unwrap();
    // 2026-11-04 + 14 = Wed 2026-11-18: --answers FILE wins over the profile, --answer over it.
    assert_eq!(plan(&["--answers", file.to_str().unwrap()]), "2026-11-18");
    assert_eq!(
        plan(&[
            "--answers",
            file.to_str().unwrap(),
            "--answer",
            "moved_in=2026-11-06"
        ]),
        "2026-11-20"
    );
    let _ = std::fs::remove_dir_all(&config);
}

#[cfg(unix)]
#[test]
fn done_records_the_fact_in_a_private_file_replaced_atomically() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let config = config_dir("done");
    let path = write_profile(&config, STUDENT);
    let before = std::fs::metadata(&path).unwrap().ino();
    let out = cmd(&config)
        .args(["done", "residence.register", "--on", "2026-11-10"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("registered_on = 2026-11-10"), "{text}");
    assert!(
        text.contains("moved_in = 2026-11-05"),
        "the other answers are kept: {text}"
    );
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    // Written beside and renamed over: a new file, never the old one rewritten in place, and
    // no temporary file left behind.
    assert_ne!(meta.ino(), before);
    let mut names: Vec<String> = std::fs::read_dir(&config)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // Beside it only the lock that serializes updates, which holds nothing.
    assert_eq!(names, ["profile.lock", "profile.toml"]);
    assert_eq!(
        std::fs::metadata(config.join("profile.lock"))
            .unwrap()
            .len(),
        0
    );
    // The plan counts from it.
    let out = cmd(&config)
        .args(["plan", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let step = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "residence.register")
        .unwrap()
        .clone();
    assert_eq!(step["status"], "done");
    let _ = std::fs::remove_dir_all(&config);
}

#[cfg(unix)]
#[test]
fn a_profile_that_cannot_be_written_leaves_the_old_one_intact() {
    use std::os::unix::fs::PermissionsExt;
    let config = config_dir("readonly");
    let path = write_profile(&config, STUDENT);
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o500)).unwrap();
    // Root ignores directory permissions; then there is no failure to provoke here.
    let probe = config.join("probe");
    let writable = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    if !writable {
        let out = cmd(&config)
            .args(["done", "residence.register", "--on", "2026-11-10"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains("cannot save the profile"),
            "{}",
            stderr_of(&out)
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), STUDENT);
    }
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o700)).unwrap();
    let _ = std::fs::remove_dir_all(&config);
}

#[test]
fn a_step_without_a_fact_goes_into_the_done_table_and_is_done_in_the_plan() {
    let config = config_dir("donetable");
    // insurance.nhi-enroll sets no fact of its own (the knowledge base has no `records` for it).
    let path = write_profile(&config, &format!("{STUDENT}health_insurance = \"none\"\n"));
    let out = cmd(&config)
        .args(["done", "insurance.nhi-enroll", "--on", "2026-11-20"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("[done]\n\"insurance.nhi-enroll\" = 2026-11-20"),
        "{text}"
    );
    let out = cmd(&config)
        .args(["plan", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let step = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "insurance.nhi-enroll")
        .unwrap()
        .clone();
    assert_eq!(step["status"], "done");
    let _ = std::fs::remove_dir_all(&config);
}

fn plan_step(config: &Path, id: &str) -> Option<serde_json::Value> {
    let out = cmd(config)
        .args(["plan", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .cloned()
}

#[test]
fn done_move_in_makes_the_new_address_current_and_clears_the_move() {
    let config = config_dir("donemove");
    // Registered at the old address since 2025; moving to another city on 2026-11-01.
    let path = write_profile(
        &config,
        "version = 2\n[answers]\nnationality = \"japanese\"\nmoved_in = 2025-04-01\nregistered_on = 2025-04-03\nmove_planned_on = 2026-11-01\nmove_within_municipality = false\n",
    );
    // Before the move: the moving-out notice is due, not done.
    assert_eq!(plan_step(&config, "move.out").unwrap()["status"], "overdue");
    let out = cmd(&config)
        .args(["done", "move.out", "--on", "2026-10-28"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(plan_step(&config, "move.out").unwrap()["status"], "done");
    let out = cmd(&config)
        .args(["done", "move.in", "--on", "2026-11-05"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("registered_on = 2026-11-05"),
        "{}",
        stderr_of(&out)
    );
    let text = std::fs::read_to_string(&path).unwrap();
    // Moved on the planned day (no moving day given); the notice is the new registration.
    assert!(text.contains("moved_in = 2026-11-01"), "{text}");
    assert!(text.contains("registered_on = 2026-11-05"), "{text}");
    assert!(
        !text.contains("move_"),
        "the move's facts are cleared: {text}"
    );
    assert!(!text.contains("[done]"), "{text}");
    // The move is over: no moving steps, the registration is done, no new Notice.
    assert!(plan_step(&config, "move.in").is_none());
    assert!(plan_step(&config, "move.out").is_none());
    assert!(plan_step(&config, "notice.wait").is_none());
    assert_eq!(
        plan_step(&config, "residence.register").unwrap()["status"],
        "done"
    );
    let _ = std::fs::remove_dir_all(&config);
}

#[test]
fn done_card_apply_express_records_an_express_application_posted_without_pickup() {
    let config = config_dir("doneexpress");
    let path = write_profile(
        &config,
        "version = 2\n[answers]\nnationality = \"foreign\"\nstatus = \"student\"\nentry_date = 2026-11-15\nmoved_in = 2026-11-16\nregistered_on = 2026-11-18\n",
    );
    assert_eq!(
        plan_step(&config, "card.apply-express").unwrap()["status"],
        "due"
    );
    let out = cmd(&config)
        .args(["done", "card.apply-express", "--on", "2026-11-20"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("card_applied_on = 2026-11-20"), "{text}");
    assert!(text.contains("card_express = true"), "{text}");
    // Posted in about a week: start asking 2 weeks after applying, 2026-12-04; no pickup.
    let wait = plan_step(&config, "card.notice-wait").unwrap();
    assert_eq!(wait["deadline"], "2026-12-04");
    assert!(plan_step(&config, "card.pickup").is_none());
    // The card came by post: it is the current card.
    let out = cmd(&config)
        .args(["done", "card.notice-wait", "--on", "2026-11-21"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("card_issued_on = 2026-11-21"), "{text}");
    assert!(!text.contains("card_express"), "{text}");
    let _ = std::fs::remove_dir_all(&config);
}

#[test]
fn done_card_pickup_makes_the_new_card_current() {
    let config = config_dir("donepickup");
    // A renewal in progress: applied 2026-10-01, after the current card's issue.
    let path = write_profile(
        &config,
        "version = 2\n[answers]\nnationality = \"japanese\"\ncard_issued_on = 2016-12-01\ncard_expires = 2026-12-20\ncard_applied_on = 2026-10-01\ncard_notice_on = 2026-11-10\npickup_deadline = 2027-02-10\n",
    );
    assert_eq!(plan_step(&config, "card.pickup").unwrap()["status"], "due");
    assert_eq!(plan_step(&config, "card.renew").unwrap()["status"], "done");
    let out = cmd(&config)
        .args(["done", "card.pickup", "--on", "2026-11-20"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("card_issued_on = 2026-11-20"), "{text}");
    for gone in [
        "card_applied_on",
        "card_notice_on",
        "pickup_deadline",
        "card_expires",
    ] {
        assert!(!text.contains(gone), "{gone} is cleared: {text}");
    }
    assert!(plan_step(&config, "card.pickup").is_none());
    assert!(plan_step(&config, "card.notice-wait").is_none());
    let _ = std::fs::remove_dir_all(&config);
}

#[test]
fn done_refuses_unknown_steps_and_future_days() {
    let config = config_dir("donebad");
    let out = cmd(&config).args(["done", "card.aply"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("did you mean `card.apply`"),
        "{}",
        stderr_of(&out)
    );
    let out = cmd(&config)
        .args(["done", "card.apply", "--on", "2026-11-23"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("after today"),
        "{}",
        stderr_of(&out)
    );
    assert!(!config.join("profile.toml").exists());
    // Without --on: today.
    let out = cmd(&config).args(["done", "card.apply"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = std::fs::read_to_string(config.join("profile.toml")).unwrap();
    assert!(text.contains("card_applied_on = 2026-11-22"), "{text}");
    let _ = std::fs::remove_dir_all(&config);
}

#[test]
fn unknown_keys_are_warned_about_and_kept() {
    let config = config_dir("unknown");
    let path = write_profile(
        &config,
        &format!("{STUDENT}favourite_food = \"natto\"\n\n[settings]\ntheme = \"dark\"\n"),
    );
    let out = cmd(&config)
        .args(["done", "card.apply", "--on", "2026-11-20"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("unknown fact `favourite_food`") && err.contains("profile.toml:7:1"),
        "{err}"
    );
    assert!(err.contains("unknown key `settings`"), "{err}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("favourite_food = \"natto\""), "{text}");
    assert!(
        text.contains("[settings]") && text.contains("theme = \"dark\""),
        "{text}"
    );
    assert!(text.contains("card_applied_on = 2026-11-20"), "{text}");
    let _ = std::fs::remove_dir_all(&config);
}

#[test]
fn a_corrupt_profile_is_reported_with_its_path_and_line_and_left_untouched() {
    let config = config_dir("corrupt");
    let bad = "version = 1\n[answers]\nnationality = \"foreign\"\nmoved_in = 2026-13-40\n";
    let path = write_profile(&config, bad);
    for args in [&["plan", "--no-input"][..], &["done", "card.apply"][..]] {
        let out = cmd(&config).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(65), "{args:?}: {}", stderr_of(&out));
        let err = stderr_of(&out);
        assert!(
            err.contains(&format!("{}:4:", path.display())),
            "{args:?}: {err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), bad.as_bytes());
    }
    // A value that is not what its fact expects is located too.
    let bad = "version = 1\n\n[answers]\nnationality = \"martian\"\n";
    write_profile(&config, bad);
    let out = cmd(&config).args(["plan", "--no-input"]).output().unwrap();
    assert_eq!(out.status.code(), Some(65));
    assert!(
        stderr_of(&out).contains("profile.toml:4:"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(std::fs::read(&path).unwrap(), bad.as_bytes());
    let _ = std::fs::remove_dir_all(&config);
}

#[test]
fn profile_show_path_and_forget() {
    let config = config_dir("show");
    let out = cmd(&config).args(["profile", "path"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        stdout_of(&out).trim(),
        config.join("profile.toml").display().to_string()
    );
    let path = write_profile(&config, STUDENT);
    let out = cmd(&config).args(["profile", "show"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(stdout_of(&out), STUDENT);
    let out = cmd(&config).args(["profile", "forget"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "no terminal to confirm on");
    assert!(stderr_of(&out).contains("--yes"), "{}", stderr_of(&out));
    assert!(path.exists());
    let out = cmd(&config)
        .args(["profile", "forget", "--yes"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(!path.exists());
    let _ = std::fs::remove_dir_all(&config);
}

/// `profile add NAME` on a terminal asks the new member's answers with the same interview as
/// `plan`, then saves them under the member's name, leaving the first member as it was.
#[test]
fn profile_add_interviews_the_new_member_and_saves_them_under_their_name() {
    let config = config_dir("add-member");
    cmd(&config)
        .args([
            "profile",
            "add",
            "Ana",
            "--answer",
            "nationality=foreign",
            "--answer",
            "status=student",
            "--answer",
            "moved_in=2026-11-05",
        ])
        .assert()
        .success();
    let mut s = pty(&config, &["profile", "add", "Mia"]);
    s.exp_string("Are you a Japanese national or a foreign national?")
        .unwrap();
    key(&mut s, DOWN);
    key(&mut s, ENTER);
    s.exp_string("What is your status of residence").unwrap();
    key(&mut s, "Dependent");
    key(&mut s, ENTER);
    let seen = answer_until_review(
        &mut s,
        &[
            ("date of birth", "2016-07-03"),
            ("begin living at your current address", "2026-11-10"),
        ],
    );
    assert!(
        seen.iter().any(|q| q.contains("current address")),
        "{seen:?}"
    );
    s.exp_string("The day you moved in: 2026-11-10").unwrap();
    key(&mut s, ENTER);
    s.exp_string("Added Mia to the household (2 members).")
        .unwrap();
    s.exp_eof().unwrap();
    assert_eq!(exit_code(&s), 0);

    let profile = std::fs::read_to_string(config.join("profile.toml")).unwrap();
    assert!(profile.contains("name = \"Mia\""), "{profile}");
    let (ana, mia) = profile.split_once("[[member]]").unwrap();
    assert!(ana.contains("moved_in = 2026-11-05"), "{profile}");
    assert!(mia.contains("status = \"dependent\""), "{profile}");
    assert!(mia.contains("moved_in = 2026-11-10"), "{profile}");
    assert!(mia.contains("birth_date = 2016-07-03"), "{profile}");

    // Mia's own plan: moved in 2026-11-10 + 14 days = Tue 2026-11-24.
    let out = cmd(&config)
        .args(["plan", "--member", "Mia", "--format", "json"])
        .output()
        .unwrap();
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["steps"][0]["id"], "residence.register");
    assert_eq!(plan["steps"][0]["deadline"], "2026-11-24");
    let _ = std::fs::remove_dir_all(&config);
}
