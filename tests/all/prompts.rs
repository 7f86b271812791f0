//! The interview's terminal manners: Ctrl-C's message starts on its own line; a termination
//! signal shows the cursor again. (A question asked again from the review screen starting
//! from the current answer is tested in `interview.rs`.)

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use rexpect::process::{Signal, WaitStatus};
use rexpect::session::{PtySession, spawn_command};

use crate::common::*;

fn config_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mynumber-prompts-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

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
    spawn_command(cmd, Some(10_000)).unwrap()
}

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

const FOREIGN_STUDENT: &[&str] = &[
    "plan",
    "--format",
    "json",
    "--answer",
    "nationality=foreign",
    "--answer",
    "status=student",
];

#[test]
fn ctrl_c_while_typing_puts_the_message_on_its_own_line() {
    let config = config_dir("ctrlc-line");
    let mut s = pty(&config, FOREIGN_STUDENT);
    s.exp_string("land in Japan").unwrap();
    s.exp_string("empty if you don't know]").unwrap();
    key(&mut s, "2026-11");
    s.exp_string("2026-11").unwrap();
    s.send_control('c').unwrap();
    let rest = s.exp_eof().unwrap();
    assert_eq!(exit_code(&s), 130);
    assert!(rest.contains("nothing new was saved"), "{rest:?}");
    let line = rest
        .split(['\n', '\r'])
        .find(|l| l.contains("interrupted"))
        .unwrap_or_default();
    assert!(
        line.trim_start_matches("\x1b[?25h")
            .starts_with("error: interrupted"),
        "{rest:?}"
    );
    assert!(!config.join("profile.toml").exists());
    let _ = std::fs::remove_dir_all(&config);
}

#[test]
fn sigterm_shows_the_cursor_again_and_saves_nothing() {
    let config = config_dir("sigterm");
    let mut s = pty(&config, &["--lang", "ja", "plan"]);
    // A list question hides the cursor (its prompt ends with "？：", then the entries).
    s.exp_string(&as_read("：\r\n> ")).unwrap();
    s.process_mut().signal(Signal::SIGTERM).unwrap();
    let rest = s.exp_eof().unwrap();
    assert_eq!(exit_code(&s), 130);
    assert!(
        rest.contains("\x1b[?25h"),
        "the cursor is shown again: {rest:?}"
    );
    // rexpect hands back one char per byte; put the UTF-8 back together.
    let bytes: Vec<u8> = rest.chars().map(|c| c as u8).collect();
    let rest = String::from_utf8_lossy(&bytes);
    assert!(rest.contains("エラー：中断しました。"), "{rest:?}");
    assert!(!config.join("profile.toml").exists());
    let _ = std::fs::remove_dir_all(&config);
}

#[test]
fn the_review_screen_fits_one_24_row_screen_without_paging() {
    let config = config_dir("review");
    // A profile with many answers but no nationality, so the interview runs and the review
    // lists them all: 19 entries and "Looks right", more than the 15 lines the list used to
    // show before paging.
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("profile.toml"),
        "version = 2\n[answers]\nstatus = \"student\"\nbirth_date = 2004-05-05\n\
         health_insurance = \"nhi\"\nentry_date = 2026-04-01\nmoved_in = 2026-04-02\n\
         registered_on = 2026-04-03\nstay_expires = 2027-03-31\n\
         notice_received_on = 2026-05-01\ncard_applied_on = 2026-05-02\n\
         card_notice_on = 2026-06-20\npickup_deadline = 2026-09-20\n\
         card_issued_on = 2026-07-01\ncard_expires = 2027-03-31\n\
         ecert_expires = 2031-05-05\ninsurance_linked = true\n\
         pension_joined_on = 2026-04-03\ncard_lost_on = 2026-11-20\n",
    )
    .unwrap();
    let mut s = pty(&config, &["plan", "--format", "json"]);
    s.exp_string("foreign national").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    key(&mut s, "\x1b[B");
    key(&mut s, "\r");
    // Enter on every question ("don't know", a list's first entry, no to a gate), then on
    // the review.
    for _ in 0..20 {
        s.send("\r").unwrap();
        s.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let out = s.exp_eof().unwrap();
    assert_eq!(exit_code(&s), 0);
    let start = out
        .find("Your answers (choose one to change it)")
        .unwrap_or_else(|| panic!("no review: {out:?}"));
    let screen = &out[start..];
    let end = screen.find("\x1b[").unwrap_or(screen.len());
    let screen = &screen[..end];
    let lines: Vec<&str> = screen.split("\r\n").filter(|l| !l.is_empty()).collect();
    // Every answer is on the first screen: the last fact asked is there, nothing is paged.
    assert!(screen.contains("Looks right, make my plan"), "{screen:?}");
    assert!(
        screen.contains("The day the card was lost"),
        "paged: {screen:?}"
    );
    assert!(
        (17..=23).contains(&lines.len()),
        "{} lines: {screen:?}",
        lines.len()
    );
    for l in &lines {
        assert!(l.chars().count() <= 80, "wider than 80 columns: {l:?}");
    }
    let _ = std::fs::remove_dir_all(&config);
}

/// `text` as rexpect reads it: one char per byte.
fn as_read(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// What rexpect read, as UTF-8 again.
fn as_text(read: &str) -> String {
    let bytes: Vec<u8> = read.chars().map(|c| c as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn japanese_plain_prompts_end_with_a_full_width_colon_and_errors_are_japanese() {
    let config = config_dir("ja-plain");
    let mut args = vec!["--lang", "ja"];
    args.extend_from_slice(FOREIGN_STUDENT);
    let mut s = pty(&config, &args);
    // The date question, its hint in full-width brackets, then `：`.
    let prompt = "日本に入国（上陸）した日はいつですか（新規入国の方）？\
                  （YYYY-MM-DD、わからなければ空欄）：";
    s.exp_string(&as_read(prompt)).unwrap();
    key(&mut s, "soon");
    key(&mut s, "\r");
    let error = s.exp_string(&as_read("。\r\n")).unwrap();
    let error = as_text(&error);
    let line = error
        .split(['\n', '\r'])
        .find(|l| l.contains("「soon」"))
        .unwrap_or_default()
        .trim_start_matches("\x1b[2K");
    assert_eq!(
        line,
        "エラー：「soon」は日付ではありません。2026-04-01 のように YYYY-MM-DD で書いてください",
        "{error:?}"
    );
    // Asked again; a real day is shown with the question after `：`.
    s.exp_string(&as_read(prompt)).unwrap();
    key(&mut s, "2026-11-01");
    key(&mut s, "\r");
    s.exp_string(&as_read(
        "（新規入国の方）？（YYYY-MM-DD、わからなければ空欄）：2026-11-01",
    ))
    .unwrap();
    // The next question (lists end with `：` too: see the SIGTERM test).
    s.exp_string(&as_read("（YYYY-MM-DD、わからなければ空欄）："))
        .unwrap();
    s.send_control('c').unwrap();
    let rest = s.exp_eof().unwrap();
    assert_eq!(exit_code(&s), 130);
    let all = as_text(&rest);
    assert!(all.contains("エラー：中断しました。"), "{all:?}");
    assert!(
        !error.contains("error") && !all.contains("error"),
        "{error:?} {all:?}"
    );
    assert!(!config.join("profile.toml").exists());
    let _ = std::fs::remove_dir_all(&config);
}
