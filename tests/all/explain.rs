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
    assert!(s.contains("期限：2026-05-07（木）"), "{s}");
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
