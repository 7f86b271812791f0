//! Readable at any width: the table at 80 and 120 columns, a list below the width where the
//! table fits, step ids and dates never split, and 80 columns on a terminal that reports no
//! size.

use rexpect::session::spawn_command;

use crate::common::*;

/// A plan for the example new arrival with a pickup pending and more steps, at `columns`.
fn plan_at(columns: &str, lang: &str, extra: &[&str]) -> String {
    let out = mynumber()
        .env("COLUMNS", columns)
        .args([
            "--today",
            "2026-12-01",
            "--lang",
            lang,
            "plan",
            "--no-input",
        ])
        .args(["--answers", "examples/new-arrival.toml"])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    stdout_of(&out)
}

fn checklist_at(columns: &str, lang: &str) -> String {
    let out = mynumber()
        .env("COLUMNS", columns)
        .args([
            "--today",
            "2026-10-05",
            "--lang",
            lang,
            "checklist",
            "--no-input",
        ])
        .args([
            "--answers",
            "examples/new-arrival.toml",
            "--visit",
            "2026-10-06",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    stdout_of(&out)
}

/// Every step id and every date of the plan's JSON appear whole on one line of `text`.
fn ids_and_dates_whole(text: &str, lang: &str, extra: &[&str]) {
    let out = mynumber()
        .args([
            "--today",
            "2026-12-01",
            "--lang",
            lang,
            "plan",
            "--no-input",
        ])
        .args(["--answers", "examples/new-arrival.toml", "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let steps = json["steps"].as_array().unwrap();
    assert!(steps.len() >= 3, "{json}");
    for s in steps {
        let id = s["id"].as_str().unwrap();
        assert!(text.lines().any(|l| l.contains(id)), "{id} split:\n{text}");
        if let Some(d) = s["deadline"].as_str() {
            assert!(text.lines().any(|l| l.contains(d)), "{d} split:\n{text}");
        }
    }
}

/// No line is wider than `width` unless it is one piece that cannot be split.
fn fits(text: &str, width: usize) {
    use unicode_width::UnicodeWidthStr;
    for l in text.lines() {
        if l.width() > width {
            assert!(
                !l.trim().contains(' '),
                "line wider than {width} columns: {l:?}\n{text}"
            );
        }
    }
}

const PICKUP: &[&str] = &[
    "--answer",
    "registered_on=2026-10-05",
    "--answer",
    "card_applied_on=2026-10-10",
];

#[test]
fn plan_at_40_80_120_columns() {
    for (w, layout) in [("40", "list"), ("80", "table"), ("120", "table")] {
        let text = plan_at(w, "en", PICKUP);
        fits(&text, w.parse().unwrap());
        ids_and_dates_whole(&text, "en", PICKUP);
        assert_eq!(text.contains("| Status"), layout == "table", "{w}:\n{text}");
        insta::assert_snapshot!(format!("plan_en_{w}_columns"), text);
    }
    for w in ["40", "80"] {
        let text = plan_at(w, "ja", PICKUP);
        fits(&text, w.parse().unwrap());
        ids_and_dates_whole(&text, "ja", PICKUP);
        insta::assert_snapshot!(format!("plan_ja_{w}_columns"), text);
    }
}

#[test]
fn checklist_at_40_80_120_columns() {
    for (w, layout) in [("40", "list"), ("80", "table"), ("120", "table")] {
        let text = checklist_at(w, "en");
        fits(&text, w.parse().unwrap());
        for id in [
            "residence.register",
            "insurance.nhi-enroll",
            "pension.enroll",
        ] {
            assert!(text.lines().any(|l| l.contains(id)), "{id} split:\n{text}");
        }
        assert!(text.contains("2026-10-19"), "{text}");
        assert_eq!(text.contains("| # |"), layout == "table", "{w}:\n{text}");
        insta::assert_snapshot!(format!("checklist_en_{w}_columns"), text);
    }
}

#[test]
fn very_narrow_terminals_never_split_ids_or_dates() {
    for w in ["1", "10", "20", "30", "50", "60"] {
        let text = plan_at(w, "en", PICKUP);
        ids_and_dates_whole(&text, "en", PICKUP);
        let all = plan_at(w, "en", &["--all"]);
        assert!(
            all.lines().any(|l| l.contains("card.validity-change")),
            "{all}"
        );
        let ja = plan_at(w, "ja", PICKUP);
        ids_and_dates_whole(&ja, "ja", PICKUP);
    }
}

#[test]
fn a_terminal_that_reports_no_size_gets_80_columns() {
    // A fresh pseudo-terminal reports 0×0; without COLUMNS the plan is laid out for 80.
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_mynumber"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TERM", "xterm")
        .env("MYNUMBER_TODAY", "2026-12-01")
        .env("NO_COLOR", "1")
        .env(
            "MYNUMBER_CONFIG_DIR",
            std::env::temp_dir().join(format!("mynumber-width-{}", std::process::id())),
        )
        .current_dir(repo())
        .args([
            "plan",
            "--no-input",
            "--answers",
            "examples/new-arrival.toml",
        ])
        .args(PICKUP);
    let mut s = spawn_command(cmd, Some(10_000)).unwrap();
    // rexpect hands back one char per byte; put the UTF-8 back together.
    let bytes: Vec<u8> = s.exp_eof().unwrap().chars().map(|c| c as u8).collect();
    let text = String::from_utf8(bytes).unwrap().replace('\r', "");
    assert!(text.contains("| Status"), "{text}");
    let widest = text
        .lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap();
    let report: Vec<String> = text
        .lines()
        .map(|l| format!("{} {l:?}", unicode_width::UnicodeWidthStr::width(l)))
        .collect();
    assert!(
        (60..=80).contains(&widest),
        "widest line {widest}:\n{}",
        report.join("\n")
    );
    ids_and_dates_whole(&text, "en", PICKUP);
}
