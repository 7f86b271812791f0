//! `mynumber explain STEP` and the why-not of `plan --all`, end to end.

use crate::common::*;

fn explain(args: &[&str]) -> std::process::Output {
    mynumber().arg("explain").args(args).output().unwrap()
}

#[test]
fn explains_a_step_that_applies_with_its_reasons_dates_and_sources() {
    let out = explain(&[
        "card.validity-change",
        "--answer",
        "nationality=foreign",
        "--answer",
        "status=student",
        "--answer",
        "stay_expires=2028-03-31",
        "--answer",
        "card_expires=2026-12-31",
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let s = stdout_of(&out);
    assert!(s.contains("Does it apply to you? Yes."), "{s}");
    // The derived condition's own sentence, filled with the answers.
    assert!(
        s.contains("your period of stay now ends 2028-03-31, later than the card's 2026-12-31"),
        "{s}"
    );
    // Expiry 2026-12-31 falls in the year-end closure: the last open day before it.
    assert!(
        s.contains("Deadline: 2026-12-28 (Mon), 36 days left"),
        "{s}"
    );
    assert!(
        s.contains("1. the card's expiry date: 2026-12-31 (your answer)"),
        "{s}"
    );
    assert!(s.contains("2. 2026-12-31 is a closed day (year-end"), "{s}");
    assert!(
        s.contains("https://www.city.ogi.lg.jp/main/46041.html (checked 2026-11-22)"),
        "{s}"
    );
    assert!(out.stderr.is_empty(), "{}", stderr_of(&out));
}

#[test]
fn explains_why_a_step_does_not_apply_and_what_would_change_that() {
    let out = explain(&[
        "card.renew",
        "--answer",
        "nationality=foreign",
        "--answer",
        "status=student",
        "--answer",
        "stay_expires=2028-03-31",
        "--answer",
        "card_expires=2026-12-31",
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let s = stdout_of(&out);
    assert!(s.contains("Does it apply to you? No."), "{s}");
    assert!(
        s.contains("you are a foreign resident with a fixed period of stay"),
        "{s}"
    );
    assert!(
        s.contains("it would apply if your nationality were Japanese national or if your status of residence did not tie the card's validity to a period of stay"),
        "{s}"
    );
    assert!(
        !s.contains("Deadline:"),
        "a step that does not apply has no deadline: {s}"
    );
    assert!(s.contains("Sources:"), "{s}");
}

#[test]
fn explains_a_deadline_moved_for_a_substitute_holiday() {
    // 2026-04-22 + 14 days = Wed 2026-05-06, a substitute holiday (Constitution Day fell on a
    // Sunday), so the legal period ends on Thu 2026-05-07.
    let out = mynumber()
        .args(["--today", "2026-04-22", "explain", "residence.register"])
        .args([
            "--answer",
            "nationality=foreign",
            "--answer",
            "status=student",
            "--answer",
            "moved_in=2026-04-22",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let s = stdout_of(&out);
    assert!(
        s.contains("Deadline: 2026-05-07 (Thu), 15 days left (a period set by law)"),
        "{s}"
    );
    assert!(
        s.contains("Last day before the office-day adjustment: 2026-05-06 (Wed)"),
        "{s}"
    );
    assert!(
        s.contains("+ 14 days, the first day not counted (Civil Code art. 140) → 2026-05-06"),
        "{s}"
    );
    assert!(
        s.contains("2026-05-06 is a closed day (substitute holiday)"),
        "{s}"
    );
    assert!(
        s.contains("Local Autonomy Act art. 4-2) → 2026-05-07"),
        "{s}"
    );
}

#[test]
fn explains_in_japanese() {
    let out = mynumber()
        .args([
            "--today",
            "2026-04-22",
            "--lang",
            "ja",
            "explain",
            "residence.register",
        ])
        .args([
            "--answer",
            "nationality=foreign",
            "--answer",
            "status=student",
            "--answer",
            "moved_in=2026-04-22",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let s = stdout_of(&out);
    assert!(s.contains("期限: 2026-05-07 (木)"), "{s}");
    assert!(s.contains("振替休日"), "{s}");
    assert!(s.contains("地方自治法4条の2"), "{s}");
}

#[test]
fn unknown_step_is_a_usage_error_with_a_suggestion() {
    let out = explain(&["card.renw", "--answer", "nationality=japanese"]);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_of(&out);
    assert!(e.contains("there is no step `card.renw`"), "{e}");
    assert!(e.contains("did you mean `card.renew`?"), "{e}");
    assert!(out.stdout.is_empty());
}

#[test]
fn explain_needs_the_same_answers_as_plan() {
    let out = explain(&["card.renew"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("nationality"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn plan_all_says_why_not_and_what_would_change_it() {
    let args = [
        "plan",
        "--all",
        "--answer",
        "nationality=foreign",
        "--answer",
        "status=student",
        "--answer",
        "stay_expires=2028-03-31",
        "--answer",
        "card_expires=2026-12-31",
    ];
    let out = mynumber().args(args).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    // A why-not line may wrap at the width; read it as one line.
    let table = stdout_of(&out).replace("\n  ", " ");
    let line = table
        .lines()
        .find(|l| l.contains("(card.renew)"))
        .unwrap_or_default();
    assert!(
        line.contains("fixed period of stay")
            && line.contains("it would apply if your nationality were Japanese national"),
        "{table}"
    );

    let out = mynumber()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let skipped = v["skipped"].as_array().unwrap();
    let renew = skipped.iter().find(|s| s["id"] == "card.renew").unwrap();
    let why: Vec<&str> = renew["why_not"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w.as_str())
        .collect();
    assert!(
        why.iter().any(|w| w.starts_with("it would apply if")),
        "{why:?}"
    );
    // A step missing an answer says which one to give.
    let register = skipped
        .iter()
        .find(|s| s["id"] == "residence.register")
        .unwrap();
    let why = register["why_not"].to_string();
    assert!(why.contains("if you give the day you moved in"), "{why}");
}

/// `mynumber kb check`: one invalid knowledge base per problem kind under `tests/kb-invalid/`,
/// each with a snapshot of its report.
mod kb_check {
    use crate::common::*;

    fn check(case: &str) -> (Option<i32>, String, String) {
        let dir = format!("tests/kb-invalid/{case}");
        let out = mynumber().args(["kb", "check", &dir]).output().unwrap();
        (out.status.code(), stdout_of(&out), stderr_of(&out))
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
        let out = mynumber()
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
        let out = mynumber()
            .args(["kb", "check", "tests/kb-invalid/stale-source/"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
    }

    #[test]
    fn staleness_is_relative_to_today() {
        let out = mynumber()
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
        let out = mynumber()
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
        let out = mynumber()
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
}

#[test]
fn explains_the_event_reasons_of_moves_cards_and_the_notice() {
    // A planned move: the moving-out notice is due because of the move, not done.
    let out = mynumber()
        .args(["--today", "2026-12-02", "explain", "move.out"])
        .args([
            "--answer",
            "nationality=japanese",
            "--answer",
            "moved_in=2025-04-01",
            "--answer",
            "registered_on=2025-04-03",
            "--answer",
            "move_planned_on=2026-12-10",
            "--answer",
            "move_within_municipality=false",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let s = stdout_of(&out);
    assert!(
        s.contains("you are moving to another municipality (planned move-out 2026-12-10)"),
        "{s}"
    );
    assert!(s.contains("Status: due"), "{s}");
    // A renewal in progress: the postcard wait says why.
    let out = mynumber()
        .args(["--today", "2026-12-02", "explain", "card.notice-wait"])
        .args([
            "--answer",
            "nationality=japanese",
            "--answer",
            "card_issued_on=2017-01-10",
            "--answer",
            "card_expires=2027-01-15",
            "--answer",
            "card_applied_on=2026-11-01",
        ])
        .output()
        .unwrap();
    let s = stdout_of(&out);
    assert!(
        s.contains("you applied for a card on 2026-11-01 and have not collected it yet"),
        "{s}"
    );
    // A permanent resident with the old stay's end: the validity change's reason.
    let out = mynumber()
        .args(["--today", "2026-12-02", "explain", "card.validity-change"])
        .args([
            "--answer",
            "nationality=foreign",
            "--answer",
            "status=permanent_resident",
            "--answer",
            "birth_date=1990-05-20",
            "--answer",
            "card_issued_on=2024-03-01",
            "--answer",
            "card_expires=2027-03-31",
        ])
        .output()
        .unwrap();
    let s = stdout_of(&out);
    assert!(s.contains("Does it apply to you? Yes."), "{s}");
    assert!(
        s.contains("your card still ends on 2027-03-31, the end of your old period of stay"),
        "{s}"
    );
    // A returning Japanese national with a number: no Notice, and why not.
    let out = mynumber()
        .args(["--today", "2026-12-02", "explain", "notice.wait"])
        .args([
            "--answer",
            "nationality=japanese",
            "--answer",
            "entry_date=2026-11-10",
            "--answer",
            "registered_on=2026-11-13",
            "--answer",
            "has_number=true",
        ])
        .output()
        .unwrap();
    let s = stdout_of(&out);
    assert!(s.contains("Does it apply to you? No."), "{s}");
    assert!(s.contains("you already have an Individual Number"), "{s}");
}
