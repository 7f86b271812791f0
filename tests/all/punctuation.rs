//! Japanese output uses full-width punctuation (、。：（）「」／): the real binary under
//! `--lang ja`, over the formats a person reads (Markdown, iCalendar, the table, the printable
//! page, `next` and the interview's list of statuses). JSON is data and is not checked.

use std::path::Path;
use std::process::Command as StdCommand;

use rexpect::process::WaitStatus;
use rexpect::session::spawn_command;

use crate::common::*;

/// The output of the binary under `--lang ja`, which must succeed.
fn ja(config: &Path, args: &[&str]) -> String {
    let out = mynumber()
        .env("MYNUMBER_CONFIG_DIR", config)
        .args(["--lang", "ja", "--today", "2026-10-05"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}\n{}", stderr_of(&out));
    stdout_of(&out)
}

fn japanese(line: &str) -> bool {
    line.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

/// A line without its code spans (`residence.register`), which are not Japanese text.
fn without_code(line: &str) -> String {
    line.split('`').step_by(2).collect()
}

/// Whether a text puts full-width brackets inside full-width brackets (`（2026-10-05（月））`).
fn nested(text: &str) -> bool {
    let mut depth = 0_i32;
    text.chars().any(|c| {
        match c {
            '（' => depth += 1,
            '）' => depth -= 1,
            _ => {}
        }
        depth > 1
    })
}

/// Every line with Japanese text in `out` is free of ASCII ": ", "; ", ", " and brackets, and
/// of brackets inside brackets.
fn full_width(what: &str, out: &str) {
    for line in out.lines().filter(|l| japanese(l)) {
        let text = without_code(line);
        assert!(
            !nested(&text),
            "{what}: brackets inside brackets in a Japanese line:\n{line}\n\n{out}"
        );
        for ascii in [": ", "; ", ", ", "(", ")"] {
            assert!(
                !text.contains(ascii),
                "{what}: {ascii:?} in a Japanese line:\n{line}\n\n{out}"
            );
        }
    }
}

/// An iCalendar file as text: folded lines joined, the description's escapes undone.
fn unfold(ics: &str) -> String {
    ics.replace("\r\n ", "")
        .replace("\\n", "\n")
        .replace("\\;", ";")
        .replace("\\,", ",")
}

#[test]
fn japanese_plans_and_checklists_use_full_width_punctuation() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path();
    let example = ["--answers", "examples/new-arrival.toml"];

    // Markdown, with the steps that are not for this person and why.
    let md = ja(
        config,
        &[&["plan", "--all", "--format", "markdown"][..], &example].concat(),
    );
    full_width("plan markdown", &md);
    let not_for_you = md.split("## 対象外の手続").nth(1).unwrap_or_default();
    assert!(
        not_for_you.contains("- 転出届（`move.out`）：他の市区町村への転出予定はありません、"),
        "{md}"
    );
    let md = ja(
        config,
        &[&["checklist", "--format", "markdown"][..], &example].concat(),
    );
    full_width("checklist markdown", &md);
    assert!(
        md.contains("- [ ] パスポート（旅券）（residence.register、"),
        "{md}"
    );
    assert!(md.contains("- 2026-10-01（木）：入国日"), "{md}");

    // The calendar: what to bring after its label, the documents apart with "／".
    let ics = unfold(&ja(
        config,
        &[&["plan", "--format", "ics"][..], &example].concat(),
    ));
    full_width("plan ics", &ics);
    assert!(
        ics.contains("持ち物：在留カード／パスポート（旅券）／"),
        "{ics}"
    );
    let ics = unfold(&ja(
        config,
        &[&["checklist", "--format", "ics"][..], &example].concat(),
    ));
    full_width("checklist ics", &ics);
    assert!(
        ics.contains("窓口での手続（この順に）：\n- 転入届"),
        "{ics}"
    );

    // The table's checklist, and the printable plan's Japanese column.
    let table = ja(config, &[&["checklist"][..], &example].concat());
    full_width("checklist table", &table);
    let html = ja(
        config,
        &[&["plan", "--format", "html"][..], &example].concat(),
    );
    assert!(
        html.contains("持ち物：在留カード／パスポート（旅券）／"),
        "{html}"
    );
}

#[test]
fn a_japanese_household_checklist_uses_full_width_punctuation() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path();
    let arrival = "nationality = \"foreign\"\nstatus = \"dependent\"\nbirth_date = 1990-04-01\n\
                   health_insurance = \"employer\"\nentry_date = 2026-10-01\nmoved_in = 2026-10-03\n";
    std::fs::write(
        config.join("profile.toml"),
        format!(
            "version = 2\nname = \"Ana\"\n[answers]\n{arrival}\n[[member]]\nname = \"Ken\"\n[member.answers]\n{arrival}"
        ),
    )
    .unwrap();

    let table = ja(config, &["checklist", "--household"]);
    full_width("household checklist table", &table);
    assert!(
        table.starts_with("市区町村役場 窓口チェックリスト（世帯）：来庁日 2026-10-05（月）"),
        "{table}"
    );
    let ics = unfold(&ja(
        config,
        &["checklist", "--household", "--format", "ics"],
    ));
    full_width("household checklist ics", &ics);
    assert!(ics.contains("- 転入届（Ana、Ken）"), "{ics}");
    for args in [
        &["checklist", "--household", "--format", "markdown"][..],
        &[
            "plan",
            "--household",
            "--format",
            "markdown",
            "--no-history",
        ],
        &["plan", "--household", "--format", "ics", "--no-history"],
    ] {
        full_width(&args.join(" "), &unfold(&ja(config, args)));
    }
    let next = ja(config, &["next"]);
    full_width("next", &next);
    assert!(
        next.starts_with("Ana、Ken：転入届（residence.register）："),
        "{next}"
    );
}

#[test]
fn the_japanese_interview_shows_statuses_in_full_width_brackets() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = StdCommand::new(env!("CARGO_BIN_EXE_mynumber"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TERM", "xterm")
        .env("MYNUMBER_TODAY", "2026-11-22")
        .env("MYNUMBER_CONFIG_DIR", dir.path())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "120")
        .current_dir(repo())
        .args(["--lang", "ja", "plan", "--answer", "nationality=foreign"]);
    let mut s = spawn_command(cmd, Some(10_000)).unwrap();
    // The question's explanation, then the status search (its prompt line ends with " |")
    // and the list's first entries.
    let before = s.exp_string("|\r\n> ").unwrap();
    let first = s.exp_string("\r\n  ").unwrap();
    let second = s.exp_string("\r\n  ").unwrap();
    s.send_control('c').unwrap();
    s.exp_eof().unwrap();
    match s.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("not a normal exit: {other:?}"),
    }
    // rexpect hands back one char per byte; put the UTF-8 back together.
    let text = |s: String| {
        let bytes: Vec<u8> = s.chars().map(|c| c as u8).collect();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let help = text(before);
    assert!(help.contains("\r\n  （入力して検索できます。"), "{help:?}");
    assert!(!help.contains("  ("), "{help:?}");
    assert_eq!(text(first), "外交（Diplomat）");
    assert_eq!(text(second), "公用（Official）");
}

/// Errors and scenario reports in Japanese: the missing answers' questions after `：`, and a
/// failed scenario's reasons joined with `、`, not with `: ` and `; `.
#[test]
fn japanese_errors_and_scenario_reports_use_full_width_separators() {
    let dir = tempfile::tempdir().unwrap();
    let out = mynumber()
        .env("MYNUMBER_CONFIG_DIR", dir.path())
        .args(["--lang", "ja", "--today", "2026-10-05", "plan"])
        .args(["--answer", "nationality=foreign"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    full_width("missing answers", &err);
    assert!(
        err.contains("質問できる端末がありません：status\n  status：在留資格は"),
        "{err}"
    );

    // A scenario that expects a step to be absent which the plan holds, for several reasons.
    let scenario = dir.path().join("extension.toml");
    std::fs::write(
        &scenario,
        "description = \"在留期間の更新を申請中\"\ntoday = 2026-11-22\nlang = \"ja\"\n\
         absent = [\"card.special-extension\"]\n[answers]\nnationality = \"foreign\"\n\
         status = \"student\"\ncard_issued_on = 2024-01-10\ncard_expires = 2027-01-31\n\
         stay_expires = 2027-01-31\nextension_applied_on = 2026-11-20\n",
    )
    .unwrap();
    let out = mynumber()
        .args(["--lang", "ja", "test"])
        .arg(&scenario)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let report = stdout_of(&out);
    full_width("scenario report", &report);
    assert!(
        report.contains("含まれています。理由：在留期間の定めがある外国籍の住民のため、"),
        "{report}"
    );
}
