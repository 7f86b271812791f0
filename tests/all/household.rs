//! The household: members in one profile, `--member`, `plan --household` and `checklist
//! --household` for a family of four arriving together and a family moving together, and an
//! older one-person profile loading unchanged.

use std::path::Path;

use crate::common::{mynumber, stderr_of, stdout_of};

fn run(config: &Path, args: &[&str]) -> String {
    let out = mynumber()
        .env("MYNUMBER_CONFIG_DIR", config)
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

fn json(config: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&run(config, args)).unwrap()
}

/// A household plan's rows as (step, status, deadline, members), to compare whole.
fn rows(plan: &serde_json::Value) -> Vec<(String, String, String, String)> {
    plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let members: Vec<&str> = s["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap())
                .collect();
            (
                s["id"].as_str().unwrap().to_string(),
                s["status"].as_str().unwrap().to_string(),
                s["deadline"].as_str().unwrap_or("-").to_string(),
                members.join(","),
            )
        })
        .collect()
}

fn row(id: &str, status: &str, deadline: &str, who: &str) -> (String, String, String, String) {
    (id.into(), status.into(), deadline.into(), who.into())
}

/// Two adults, a child of 10 and a teenager of 16, who landed on 2026-10-01 and moved in on
/// Saturday 2026-10-03: the moving-in notice is due by 2026-10-17 + the weekend → Monday
/// 2026-10-19, the same day for all four, so one member files it once for everyone. `extra`
/// answers are given to every member.
fn family_arriving(config: &Path, extra: &[&str]) {
    let common = [
        "--today",
        "2026-10-05",
        "profile",
        "add",
        "NAME",
        "--answer",
        "nationality=foreign",
        "--answer",
        "entry_date=2026-10-01",
        "--answer",
        "moved_in=2026-10-03",
        "--answer",
        "health_insurance=employer",
    ];
    for (name, status, relation, birth) in [
        (
            "Ana",
            "engineer_humanities_international",
            "head",
            "1990-04-01",
        ),
        ("Ken", "dependent", "spouse", "1991-05-02"),
        ("Mia", "dependent", "child", "2016-07-03"),
        ("Leo", "dependent", "child", "2010-08-04"),
    ] {
        let mut args: Vec<String> = common
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        args[4] = name.to_string();
        let own = [
            format!("status={status}"),
            format!("relation={relation}"),
            format!("birth_date={birth}"),
        ];
        for a in own
            .into_iter()
            .chain(extra.iter().map(std::string::ToString::to_string))
        {
            args.push("--answer".into());
            args.push(a);
        }
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        run(config, &refs);
    }
}

#[test]
fn a_family_of_four_arriving_together_files_the_moving_in_notice_once() {
    let dir = tempfile::tempdir().unwrap();
    family_arriving(dir.path(), &[]);
    the_household_plan_lists_each_step_once(dir.path());
    one_members_plan_by_name(dir.path());
    the_visit_together(dir.path());
    explain_and_done_for_one_member(dir.path());
    each_members_own_steps_once_registered(dir.path());
}

/// The household plan: one row per step, with every member it covers; the table after the
/// JSON plan says nothing changed.
fn the_household_plan_lists_each_step_once(dir: &Path) {
    let plan = json(
        dir,
        &[
            "--today",
            "2026-10-05",
            "plan",
            "--household",
            "--format",
            "json",
        ],
    );
    assert_eq!(plan["kind"], "household-plan");
    assert_eq!(
        plan["members"],
        serde_json::json!(["Ana", "Ken", "Mia", "Leo"])
    );
    let steps = plan["steps"].as_array().unwrap();
    let register: Vec<_> = steps
        .iter()
        .filter(|s| s["id"] == "residence.register")
        .collect();
    assert_eq!(register.len(), 1, "{steps:?}");
    assert_eq!(
        register[0]["members"],
        serde_json::json!(["Ana", "Ken", "Mia", "Leo"])
    );
    assert_eq!(register[0]["deadline"], "2026-10-19");

    let table = run(dir, &["--today", "2026-10-05", "plan", "--household"]);
    // The JSON plan just made was remembered for every member: one line says nothing changed.
    assert!(
        table.starts_with(
            "Since your last plan on 2026-10-05 (Mon): nothing has changed.\n\nHousehold plan for 2026-10-05 (Ana, Ken, Mia, Leo)\n"
        ),
        "{table}"
    );
    assert!(table.contains("## Arrival"), "{table}");
    assert!(table.contains("Ana, Ken, Mia, Leo"), "{table}");
}

/// One member's own plan, by name; the first member is the default.
fn one_members_plan_by_name(dir: &Path) {
    let mia = json(
        dir,
        &[
            "--today",
            "2026-10-05",
            "plan",
            "--member",
            "Mia",
            "--format",
            "json",
        ],
    );
    assert_eq!(mia["steps"][0]["id"], "residence.register");
    let out = mynumber()
        .env("MYNUMBER_CONFIG_DIR", dir)
        .args(["--today", "2026-10-05", "plan", "--member", "Zoe"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("Ana, Ken, Mia, Leo"),
        "{}",
        stderr_of(&out)
    );
    let out = mynumber()
        .env("MYNUMBER_CONFIG_DIR", dir)
        .args([
            "--lang",
            "ja",
            "--today",
            "2026-10-05",
            "plan",
            "--member",
            "Zoe",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("保存された世帯員：Ana、Ken、Mia、Leo"),
        "{}",
        stderr_of(&out)
    );
}

/// The visit together on 2026-10-06: the relationship documents once for all four, each
/// person's residence card and passport under their name, and the children's notes: Mia is 10
/// (under 15 and under 18), Leo 16 (under 18 only).
fn the_visit_together(dir: &Path) {
    let sheet = json(
        dir,
        &[
            "--today",
            "2026-10-05",
            "checklist",
            "--household",
            "--visit",
            "2026-10-06",
            "--format",
            "json",
        ],
    );
    assert_eq!(sheet["kind"], "household-checklist");
    assert_eq!(sheet["steps"].as_array().map(Vec::len), Some(1));
    let shared = sheet["shared_documents"].as_array().unwrap();
    assert_eq!(shared.len(), 1, "{shared:?}");
    assert_eq!(shared[0]["key"], "relationship_documents");
    assert_eq!(shared[0]["members"].as_array().map(Vec::len), Some(4));
    let people = sheet["people"].as_array().unwrap();
    assert_eq!(people.len(), 4);
    for p in people {
        let keys: Vec<&str> = p["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["key"].as_str().unwrap())
            .collect();
        assert!(keys.contains(&"residence_card"), "{p}");
        assert!(!keys.contains(&"relationship_documents"), "{p}");
    }
    let child = |i: usize| people[i]["child"].as_array().map(Vec::len);
    assert_eq!(
        (child(0), child(1), child(2), child(3)),
        (Some(0), Some(0), Some(2), Some(1))
    );
    assert_eq!(people[0]["relation"]["en"], "head of the household");
    assert!(
        people[2]["child"][0]["en"]
            .as_str()
            .unwrap()
            .starts_with("Under 15: a legal representative")
    );
}

/// `explain --member` explains that member's step (Mia: the same move-in day, so the same
/// deadline, counted from her answers); `done` for one member changes only that member's steps.
fn explain_and_done_for_one_member(dir: &Path) {
    let why = run(
        dir,
        &[
            "--today",
            "2026-10-05",
            "explain",
            "residence.register",
            "--member",
            "Mia",
        ],
    );
    assert!(why.contains("Deadline: 2026-10-19 (Mon)"), "{why}");

    // `done` for one member changes only that member's steps.
    run(
        dir,
        &[
            "--today",
            "2026-10-06",
            "done",
            "residence.register",
            "--member",
            "Leo",
        ],
    );
    let plan = json(
        dir,
        &[
            "--today",
            "2026-10-06",
            "plan",
            "--household",
            "--format",
            "json",
            "--no-history",
        ],
    );
    let register: Vec<_> = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["id"] == "residence.register")
        .map(|s| (s["status"].clone(), s["members"].clone()))
        .collect();
    assert_eq!(
        register,
        [
            (
                serde_json::json!("due"),
                serde_json::json!(["Ana", "Ken", "Mia"])
            ),
            (serde_json::json!("done"), serde_json::json!(["Leo"])),
        ]
    );
}

/// Everyone registered on 2026-10-06: each member's own steps and dates. The Individual Number
/// Notice is expected within 4 weeks (by 2026-11-03) and the card can be applied for, express
/// issuance within a month of registering (2026-11-05); these are each person's, one row per
/// member.
fn each_members_own_steps_once_registered(dir: &Path) {
    for member in ["Ana", "Ken", "Mia"] {
        run(
            dir,
            &[
                "--today",
                "2026-10-06",
                "done",
                "residence.register",
                "--member",
                member,
            ],
        );
    }
    let plan = json(
        dir,
        &[
            "--today",
            "2026-10-07",
            "plan",
            "--household",
            "--format",
            "json",
            "--no-history",
        ],
    );
    let mut want = vec![row(
        "residence.register",
        "done",
        "2026-10-19",
        "Ana,Ken,Mia,Leo",
    )];
    for (id, status, deadline) in [
        ("notice.wait", "waiting", "2026-11-03"),
        ("card.apply-express", "due", "2026-11-05"),
        ("card.apply", "due", "-"),
    ] {
        for member in ["Ana", "Ken", "Mia", "Leo"] {
            want.push(row(id, status, deadline, member));
        }
    }
    assert_eq!(rows(&plan), want);
}

/// A family of three (Japanese nationals) moving within the city on Sunday 2026-11-15: the
/// notice is due within 14 days, 2026-11-29, a Sunday → Monday 2026-11-30; filed once for all.
#[test]
fn a_family_moving_together_files_the_notice_once() {
    let dir = tempfile::tempdir().unwrap();
    for (name, relation, birth) in [
        ("Sora", "head", "1985-01-10"),
        ("Yui", "spouse", "1987-02-11"),
        ("Ren", "child", "2019-03-12"),
    ] {
        run(
            dir.path(),
            &[
                "--today",
                "2026-11-22",
                "profile",
                "add",
                name,
                "--answer",
                "nationality=japanese",
                "--answer",
                &format!("relation={relation}"),
                "--answer",
                &format!("birth_date={birth}"),
                "--answer",
                "move_planned_on=2026-11-15",
                "--answer",
                "move_within_municipality=true",
                "--answer",
                "moved_on=2026-11-15",
            ],
        );
    }
    let plan = json(
        dir.path(),
        &[
            "--today",
            "2026-11-22",
            "plan",
            "--household",
            "--format",
            "json",
        ],
    );
    let within: Vec<_> = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["id"] == "move.within")
        .collect();
    assert_eq!(within.len(), 1, "{plan}");
    assert_eq!(
        within[0]["members"],
        serde_json::json!(["Sora", "Yui", "Ren"])
    );
    assert_eq!(within[0]["deadline"], "2026-11-30");
    assert_eq!(within[0]["days_left"], 8);
    // Nothing else is due for anyone yet: the whole plan is that one row.
    assert_eq!(
        rows(&plan),
        [row("move.within", "due", "2026-11-30", "Sora,Yui,Ren")]
    );
    // Each member's own plan has the same step and date.
    for member in ["Sora", "Yui", "Ren"] {
        let own = json(
            dir.path(),
            &[
                "--today",
                "2026-11-22",
                "plan",
                "--member",
                member,
                "--format",
                "json",
                "--no-history",
            ],
        );
        assert_eq!(
            own["steps"].as_array().map(Vec::len),
            Some(1),
            "{member}: {own}"
        );
        assert_eq!(own["steps"][0]["id"], "move.within", "{member}: {own}");
        assert_eq!(own["steps"][0]["deadline"], "2026-11-30", "{member}: {own}");
    }
    // `next` lists it once, for the household, by the shortest deadline.
    let next = run(dir.path(), &["--today", "2026-11-22", "next"]);
    let lines: Vec<&str> = next
        .lines()
        .filter(|l| l.contains("(move.within)"))
        .collect();
    assert_eq!(lines.len(), 1, "{next}");
    assert!(lines[0].starts_with("Sora, Yui, Ren: "), "{next}");
}

#[test]
fn an_older_one_person_profile_is_a_household_of_one_and_keeps_every_fact() {
    let dir = tempfile::tempdir().unwrap();
    let text = "version = 2\ncolour = \"blue\"\n\n[answers]\nnationality = \"foreign\"\nstatus = \"student\"\nmoved_in = 2026-10-03\nfavourite_food = \"natto\"\n\n[done]\n\"insurance.link-card\" = 2026-10-04\n";
    std::fs::write(dir.path().join("profile.toml"), text).unwrap();
    let plan = json(
        dir.path(),
        &[
            "--today",
            "2026-10-05",
            "plan",
            "--household",
            "--format",
            "json",
        ],
    );
    assert_eq!(plan["members"], serde_json::json!(["me"]));
    let me = json(
        dir.path(),
        &[
            "--today",
            "2026-10-05",
            "plan",
            "--member",
            "me",
            "--format",
            "json",
            "--no-history",
        ],
    );
    let alone = json(
        dir.path(),
        &[
            "--today",
            "2026-10-05",
            "plan",
            "--format",
            "json",
            "--no-history",
        ],
    );
    assert_eq!(me, alone);
    // Adding a member keeps the first member's answers, done steps and unknown keys.
    run(
        dir.path(),
        &[
            "--today",
            "2026-10-05",
            "profile",
            "add",
            "Kai",
            "--answer",
            "nationality=foreign",
            "--answer",
            "status=dependent",
        ],
    );
    let saved = std::fs::read_to_string(dir.path().join("profile.toml")).unwrap();
    for kept in [
        "colour = \"blue\"",
        "status = \"student\"",
        "moved_in = 2026-10-03",
        "favourite_food = \"natto\"",
        "\"insurance.link-card\" = 2026-10-04",
        "[[member]]\nname = \"Kai\"",
    ] {
        assert!(saved.contains(kept), "{kept} missing:\n{saved}");
    }
    let again = json(
        dir.path(),
        &[
            "--today",
            "2026-10-05",
            "plan",
            "--format",
            "json",
            "--no-history",
        ],
    );
    assert_eq!(again, alone);
}

/// Every format of `plan --household` and `checklist --household`: Markdown with whom each step
/// covers, iCalendar with one event per step deadline per member (stable UIDs, the member's name
/// encoded), and the printable plan.
#[test]
fn the_household_plan_and_sheet_come_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    family_arriving(dir.path(), &[]);
    let plan = |format: &str| {
        run(
            dir.path(),
            &[
                "--today",
                "2026-10-05",
                "plan",
                "--household",
                "--no-history",
                "--format",
                format,
            ],
        )
    };
    let sheet = |format: &str| {
        run(
            dir.path(),
            &[
                "--today",
                "2026-10-05",
                "checklist",
                "--household",
                "--visit",
                "2026-10-06",
                "--format",
                format,
            ],
        )
    };

    let md = plan("markdown");
    assert!(
        md.starts_with("# Household plan — 2026-10-05 (Mon) (Ana, Ken, Mia, Leo)\n"),
        "{md}"
    );
    assert!(
        md.contains("- [ ] **Register your address (moving-in notice)** (due) — by 2026-10-19 (Mon), 14 days — Ana, Ken, Mia, Leo\n"),
        "{md}"
    );

    let ics = plan("ics");
    let uids: Vec<&str> = ics
        .lines()
        .filter(|l| l.starts_with("UID:residence.register.legal.") && !l.contains("alarm"))
        .collect();
    assert_eq!(
        uids,
        [
            "UID:residence.register.legal.Ana@mynumber",
            "UID:residence.register.legal.Ken@mynumber",
            "UID:residence.register.legal.Mia@mynumber",
            "UID:residence.register.legal.Leo@mynumber",
        ],
        "{ics}"
    );
    assert!(
        ics.contains("SUMMARY:Deadline: Register your address (moving-in notice) (Mia)"),
        "{ics}"
    );
    assert_eq!(
        ics.matches("DTSTART;VALUE=DATE:20261019").count(),
        4,
        "{ics}"
    );

    let html = plan("html");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("Ana, Ken, Mia, Leo"), "{html}");
    assert!(html.contains("2026-10-19 (Mon)"), "{html}");

    let md = sheet("markdown");
    assert!(
        md.contains("1. [ ] **Register your address (moving-in notice) / 転入届** (due) — by 2026-10-19 (Mon), 13 days — Ana, Ken, Mia, Leo"),
        "{md}"
    );
    assert_eq!(md.matches("proof of relationship").count(), 1, "{md}");
    assert!(md.contains("## Mia (child)"), "{md}");
    assert!(md.contains("- ⚠ Under 15: a legal representative"), "{md}");

    let ics = sheet("ics");
    assert!(
        ics.contains("UID:visit.20261006.household@mynumber"),
        "{ics}"
    );
    assert!(ics.contains("DTSTART;VALUE=DATE:20261006"), "{ics}");
    assert!(
        ics.contains("UID:residence.register.legal.Leo@mynumber"),
        "{ics}"
    );
}

/// A member's name with a space or in Japanese still gives one valid, stable UID per member.
#[test]
fn household_event_uids_encode_the_members_names() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["Mia Ono", "蓮"] {
        run(
            dir.path(),
            &[
                "--today",
                "2026-10-05",
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
    let ics = run(
        dir.path(),
        &[
            "--today",
            "2026-10-05",
            "plan",
            "--household",
            "--no-history",
            "--format",
            "ics",
        ],
    );
    assert!(
        ics.contains("UID:residence.register.legal.Mia%20Ono@mynumber"),
        "{ics}"
    );
    assert!(
        ics.contains("UID:residence.register.legal.%E8%93%AE@mynumber"),
        "{ics}"
    );
}

/// What the sheet says under a child's name comes from the knowledge base's `member_note`s: a
/// child of 13 with a card issued in 2024 gets the pickup note (under 15) and the card's
/// 5th-birthday limit with its day (applied at 10, issued 2024-06-01, born 1 May: 2029-05-01).
/// With a copy of the knowledge base whose pickup age is 12, the first note is gone.
#[test]
fn the_child_notes_and_their_ages_come_from_the_knowledge_base() {
    let dir = tempfile::tempdir().unwrap();
    run(
        dir.path(),
        &[
            "--today",
            "2026-10-05",
            "profile",
            "add",
            "Yui",
            "--answer",
            "nationality=japanese",
            "--answer",
            "relation=child",
            "--answer",
            "birth_date=2013-05-01",
            "--answer",
            "card_applied_on=2024-05-01",
            "--answer",
            "card_issued_on=2024-06-01",
        ],
    );
    let args = [
        "--today",
        "2026-10-05",
        "checklist",
        "--household",
        "--visit",
        "2026-10-06",
        "--format",
        "json",
    ];
    let notes = |sheet: &serde_json::Value| -> Vec<String> {
        sheet["people"][0]["child"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["en"].as_str().unwrap().to_string())
            .collect()
    };
    let shipped = notes(&json(dir.path(), &args));
    assert_eq!(shipped.len(), 2, "{shipped:?}");
    assert!(shipped[0].starts_with("Under 15: a legal representative"));
    assert!(
        shipped[1].ends_with("For this card: 2029-05-01."),
        "{shipped:?}"
    );

    let kb = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&crate::common::repo().join("data"), kb.path());
    let derived = kb.path().join("derived.toml");
    let text = std::fs::read_to_string(&derived).unwrap();
    let from = "name = \"pickup_legal_representative\"\nwhen = { all = [{ known = \"birth_date\" }, { not = { age_at_least = { years = 15,";
    assert!(text.contains(from));
    std::fs::write(&derived, text.replace(from, &from.replace("15,", "12,"))).unwrap();
    let mut with_kb = vec!["--kb", kb.path().to_str().unwrap()];
    with_kb.extend(args);
    let changed = notes(&json(dir.path(), &with_kb));
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].starts_with("Under 18:"), "{changed:?}");
}

/// A family in Osaka: the sheet names the ward office and the next open days under the moving-in
/// notice, the plan the first evening opening; the deadline is the one counted for everyone.
#[test]
fn the_household_sheet_and_plan_show_the_local_counter() {
    let dir = tempfile::tempdir().unwrap();
    family_arriving(dir.path(), &["municipality=Osaka"]);
    let sheet = run(
        dir.path(),
        &[
            "--today",
            "2026-10-05",
            "checklist",
            "--household",
            "--visit",
            "2026-10-06",
        ],
    );
    assert!(
        sheet.contains("Where in Osaka: your ward office."),
        "{sheet}"
    );
    assert!(
        sheet.contains("Next open days: Tuesday 2026-10-06; Wednesday 2026-10-07;"),
        "{sheet}"
    );
    let plan = run(
        dir.path(),
        &[
            "--today",
            "2026-10-05",
            "plan",
            "--household",
            "--no-history",
        ],
    );
    assert!(plan.contains("2026-10-19 (Mon)"), "{plan}");
    assert!(
        plan.contains("open on Friday 2026-10-09, until 19:00 — check with your"),
        "{plan}"
    );
}

/// The household's printable sheet, printed by a real browser like the single one. The family
/// lives in Osaka: the moving-in notice names the ward office and the next open days, the Friday
/// evenings among them, with "check with your office" and the checked date.
#[test]
fn the_household_sheet_prints_in_a_browser() {
    if std::env::var("MYNUMBER_SKIP_BROWSER").as_deref() == Ok("1") {
        eprintln!("MYNUMBER_SKIP_BROWSER=1: skipping the headless-browser test");
        return;
    }
    let Some(browser) = crate::render::browser() else {
        assert_ne!(
            std::env::var("MYNUMBER_REQUIRE_BROWSER").as_deref(),
            Ok("1"),
            "chromium is not installed"
        );
        eprintln!("chromium is not installed: skipping the household printable-page test");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    family_arriving(dir.path(), &["municipality=Osaka"]);
    let html = dir.path().join("household.html");
    let pdf = dir.path().join("household.pdf");
    run(
        dir.path(),
        &[
            "--today",
            "2026-10-05",
            "checklist",
            "--household",
            "--visit",
            "2026-10-06",
            "--format",
            "html",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    crate::render::print_to_pdf(browser, dir.path(), &html, &pdf);
    let info = crate::render::run_tool(std::process::Command::new("pdfinfo").arg(&pdf));
    assert!(info.contains("(A4)"), "{info}");
    let text = crate::render::run_tool(
        std::process::Command::new("pdftotext").args([pdf.as_os_str(), "-".as_ref()]),
    );
    for name in [
        "Ana (head of the household)",
        "Ken (spouse)",
        "Mia (child)",
        "Leo (child)",
    ] {
        assert!(text.contains(name), "{name} missing:\n{text}");
    }
    assert!(text.contains("Under 15: a legal representative"), "{text}");
    assert!(text.contains("在留カード"), "{text}");
    assert_eq!(text.matches("proof of relationship").count(), 1, "{text}");
    // pdftotext breaks lines where the page does, and the narrow columns interleave: compare
    // without line breaks, on phrases too short to be broken.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Where in Osaka: your ward office."), "{flat}");
    assert!(
        flat.contains("until 19:00 (Friday evening hours)"),
        "{flat}"
    );
    assert!(flat.contains("check with your office"), "{flat}");
    assert!(flat.contains("大阪市の窓口"), "{flat}");
    assert!(flat.contains("2026-12-02時点の情報"), "{flat}");
}

/// `profile add` and `done` warn about days in an unusual order, as `plan` does, and still save.
#[test]
fn profile_add_and_done_warn_about_days_in_an_unusual_order() {
    let dir = tempfile::tempdir().unwrap();
    let cmd = |args: &[&str]| {
        mynumber()
            .env("MYNUMBER_CONFIG_DIR", dir.path())
            .args(["--today", "2026-10-05", "--no-input"])
            .args(args)
            .output()
            .unwrap()
    };
    let person = [
        "--answer=nationality=foreign",
        "--answer=status=student",
        "--answer=birth_date=1990-01-01",
        "--answer=health_insurance=employer",
        "--answer=entry_date=2026-10-01",
    ];
    // Moved in before landing.
    let out = cmd(&[
        &["profile", "add", "Al", "--answer=moved_in=2026-09-30"][..],
        &person,
    ]
    .concat());
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("warning: moved_in: 2026-09-30 is before entry_date (2026-10-01)"),
        "{}",
        stderr_of(&out)
    );
    // In order: no word about it.
    let out = cmd(&[
        &["profile", "add", "Bo", "--answer=moved_in=2026-10-03"][..],
        &person,
    ]
    .concat());
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(!stderr_of(&out).contains("warning"), "{}", stderr_of(&out));
    // Bo's moving-in notice recorded before the move-in.
    let out = cmd(&[
        "done",
        "residence.register",
        "--member",
        "Bo",
        "--on",
        "2026-10-02",
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out)
            .contains("warning: registered_on: 2026-10-02 is before moved_in (2026-10-03)"),
        "{}",
        stderr_of(&out)
    );
    let out = cmd(&["profile", "show"]);
    assert!(
        stdout_of(&out).contains("registered_on = 2026-10-02"),
        "{}",
        stdout_of(&out)
    );
}
