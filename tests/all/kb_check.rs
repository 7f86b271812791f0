//! `mynumber kb check`: one invalid knowledge base per problem kind under `tests/kb-invalid/`,
//! each the base knowledge base (`tests/kb-invalid/base/`) plus the one file the case changes,
//! with a snapshot of its report.

use assert_cmd::Command;
use tempfile::TempDir;

use crate::common::*;

/// A case of `tests/kb-invalid/`: the base knowledge base (`base/`) with the case's own files
/// laid over it, at `tests/kb-invalid/CASE` under a temporary directory, so that reports name
/// the same paths as a case kept whole would.
fn materialize(case: &str) -> TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tests/kb-invalid").join(case);
    std::fs::create_dir_all(&dir).unwrap();
    let cases = repo().join("tests/kb-invalid");
    copy_dir(&cases.join("base"), &dir);
    copy_dir(&cases.join(case), &dir);
    tmp
}

/// The binary, run where [`materialize`] put the case.
fn in_case(tmp: &TempDir) -> Command {
    let mut cmd = mynumber();
    cmd.current_dir(tmp.path());
    cmd
}

fn check(case: &str) -> (Option<i32>, String, String) {
    let tmp = materialize(case);
    let dir = format!("tests/kb-invalid/{case}");
    let out = in_case(&tmp).args(["kb", "check", &dir]).output().unwrap();
    (out.status.code(), stdout_of(&out), stderr_of(&out))
}

#[test]
fn the_base_alone_is_valid() {
    let out = mynumber()
        .args(["kb", "check", "tests/kb-invalid/base"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
    assert_eq!(stdout_of(&out), "0 errors, 0 warnings\n");
}

macro_rules! case {
    ($name:ident, $dir:literal, $code:expr, $needle:literal) => {
        #[test]
        fn $name() {
            let (code, out, err) = check($dir);
            assert_eq!(code, Some($code), "{out}{err}");
            assert!(out.contains($needle), "{out}");
            insta::assert_snapshot!(stringify!($name), out);
        }
    };
}

case!(
    unknown_fact,
    "unknown-fact",
    65,
    "unknown fact `postcard_arrived_on`"
);
case!(
    misspelt_fact,
    "misspelt-fact",
    65,
    "did you mean `moved_in`?"
);
case!(
    type_mismatch,
    "type-mismatch",
    65,
    "`moved_in` is a date fact, but `is` needs a yes/no fact"
);
case!(
    unknown_step_in_after,
    "unknown-step-in-after",
    65,
    "unknown step `residence.registr`"
);
case!(cycle, "cycle", 65, "is part of a cycle in `after`");
case!(
    duplicate_id,
    "duplicate-id",
    65,
    "the step id `residence.register` is used twice"
);
case!(
    missing_japanese,
    "missing-japanese",
    65,
    "`title` has no Japanese text"
);
case!(
    missing_source,
    "missing-source",
    65,
    "the step `notice.wait` has no source"
);
case!(
    stale_source,
    "stale-source",
    0,
    "last checked on 2025-06-30, over 12 months before 2026-11-22"
);
case!(
    ended_effective,
    "ended-effective",
    0,
    "is no longer in force: its effective period ended on 2026-04-01"
);
case!(
    unreachable,
    "unreachable",
    65,
    "the step `notice.wait` can never apply"
);
case!(toml_syntax, "toml-syntax", 65, "arrival.toml:18:22");
case!(
    unknown_field,
    "unknown-field",
    65,
    "did you mean `waiting`?"
);
case!(bad_operator, "bad-operator", 65, "unknown variant `equals`");
case!(
    caret_after_japanese,
    "caret-after-japanese",
    65,
    "arrival.toml:20:35"
);

case!(
    glossary_drift,
    "glossary-drift",
    0,
    "the English says “moving-in notice”, but the Japanese does not say 転入届; it says 転居届"
);

case!(
    municipality_bad_code,
    "municipality-bad-code",
    65,
    "its check digit should be 8 (472018)"
);
case!(
    municipality_expired_window,
    "municipality-expired-window",
    65,
    "the window “4th-Sunday opening” expired on 2026-10-31"
);
case!(
    municipality_stale_source,
    "municipality-stale-source",
    0,
    "was last checked on 2026-08-01, over 90 days before 2026-11-22"
);

#[test]
fn municipal_staleness_limits_differ_for_legal_and_practical_data() {
    let (_, out, _) = check("municipality-stale-source");
    assert!(
        out.contains("the legal source “広島市の休日を定める条例” was last checked on 2025-10-01, over 365 days"),
        "{out}"
    );
    assert!(out.ends_with("0 errors, 2 warnings\n"), "{out}");
    // 60 days after the practical check and 364 after the legal one: nothing to say.
    let tmp = materialize("municipality-stale-source");
    let out = in_case(&tmp)
        .args([
            "--today",
            "2026-09-30",
            "kb",
            "check",
            "tests/kb-invalid/municipality-stale-source",
        ])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out), "0 errors, 0 warnings\n");
}

#[test]
fn the_caret_sits_under_the_value_after_japanese_text() {
    let (_, out, _) = check("caret-after-japanese");
    let lines: Vec<&str> = out.lines().collect();
    let src = lines
        .iter()
        .position(|l| l.contains("個人番号通知書の受取"))
        .unwrap();
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let caret = lines[src + 1];
    let caret_col = width(&caret[..caret.find('^').unwrap()]);
    let value_col = width(&lines[src][..lines[src].find("42").unwrap()]);
    assert_eq!(caret_col, value_col, "{out}");
}

#[test]
fn several_problems_in_several_files_are_reported_in_one_run() {
    let (code, out, err) = check("several");
    assert_eq!(code, Some(65));
    for needle in [
        "unknown fact `moved_on`",
        "the step `notice.wait` has no source",
        "unknown step `residence.registr`",
        "several/vocabulary.toml:17:7",
        "last checked on 2024-01-10",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
    }
    assert!(out.ends_with("4 errors, 1 warning\n"), "{out}");
    assert!(err.contains("has 4 errors"), "{err}");
    insta::assert_snapshot!("several", out);
}

#[test]
fn parse_errors_are_reported_for_every_file() {
    let (code, out, _) = check("parse-errors-two-files");
    assert_eq!(code, Some(65));
    assert!(
        out.contains("parse-errors-two-files/facts.toml:26:1"),
        "{out}"
    );
    assert!(
        out.contains("parse-errors-two-files/steps/arrival.toml:24:1"),
        "{out}"
    );
    assert!(out.ends_with("2 errors, 0 warnings\n"), "{out}");
}

#[test]
fn a_trailing_slash_names_the_same_directory() {
    let tmp = materialize("stale-source");
    let out = in_case(&tmp)
        .args(["kb", "check", "tests/kb-invalid/stale-source/"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
}

#[test]
fn staleness_is_relative_to_today() {
    let tmp = materialize("stale-source");
    let out = in_case(&tmp)
        .args([
            "--today",
            "2026-06-29",
            "kb",
            "check",
            "tests/kb-invalid/stale-source",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout_of(&out), "0 errors, 0 warnings\n");
}

#[test]
fn the_shipped_knowledge_base_passes() {
    for args in [&["kb", "check"][..], &["kb", "check", "data"][..]] {
        let out = mynumber().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
        // On the day the sources were checked, not even a warning: the Notification Card
        // variant of `notice.wait` has ended, but a later variant replaces it.
        assert_eq!(stdout_of(&out), "0 errors, 0 warnings\n");
    }
}

#[test]
fn a_kb_given_with_dash_dash_kb_gets_the_same_checks() {
    // Warnings do not stop a plan; they go to stderr, the plan to stdout.
    let tmp = materialize("stale-source");
    let out = in_case(&tmp)
        .args([
            "--kb",
            "tests/kb-invalid/stale-source",
            "plan",
            "--answer",
            "nationality=japanese",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("last checked on 2025-06-30"),
        "{}",
        stderr_of(&out)
    );
    assert!(serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok());
    // Errors stop it with 65.
    let tmp = materialize("unreachable");
    let out = in_case(&tmp)
        .args([
            "--kb",
            "tests/kb-invalid/unreachable",
            "plan",
            "--answer",
            "nationality=japanese",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    assert!(
        stderr_of(&out).contains("can never apply"),
        "{}",
        stderr_of(&out)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn the_knowledge_base_s_own_problems_are_in_the_chosen_language() {
    // The base with one changed file: an unknown weekday in the calendar.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("kb");
    copy_dir(&repo().join("tests/kb-invalid/base"), &dir);
    let calendar = dir.join("calendar.toml");
    let text = std::fs::read_to_string(&calendar).unwrap();
    let from = r#"closed_weekdays = ["sat", "sun"]"#;
    assert!(text.contains(from));
    let bad = text.replacen(from, r#"closed_weekdays = ["sat", "sunday"]"#, 1);
    std::fs::write(&calendar, bad).unwrap();
    let run = |lang: &str| {
        let out = in_case(&tmp)
            .args(["--lang", lang, "kb", "check", "kb"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(65), "{}", stdout_of(&out));
        stdout_of(&out)
    };
    let ja = run("ja");
    assert!(
        ja.contains(
            "エラー：`office.closed_weekdays`：「sunday」は曜日の名前ではありません。\
             `mon`、`tue`、`wed`、`thu`、`fri`、`sat`、`sun` のどれかを書いてください。"
        ),
        "{ja}"
    );
    assert!(ja.contains("kb/calendar.toml:48:27"), "{ja}");
    let en = run("en");
    assert!(
        en.contains(
            "error: office.closed_weekdays: unknown weekday \"sunday\" \
             (use mon, tue, wed, thu, fri, sat, sun)"
        ),
        "{en}"
    );
    assert!(en.contains("kb/calendar.toml:48:27"), "{en}");
    assert!(en.is_ascii(), "{en}");

    // A file TOML cannot read: the parser's own words after a Japanese sentence.
    let tmp = materialize("toml-syntax");
    let out = in_case(&tmp)
        .args([
            "--lang",
            "ja",
            "kb",
            "check",
            "tests/kb-invalid/toml-syntax",
        ])
        .output()
        .unwrap();
    let ja = stdout_of(&out);
    assert!(
        ja.contains(
            "エラー：知識ベースのファイルとして読めません。TOML パーサーの説明：invalid basic string, expected `\"`"
        ),
        "{ja}"
    );
}
