//! Scenario files (tests/scenarios/*.toml) run through the library, `mynumber test` on fixtures,
//! the `kb list|facts|statuses` listings, and the embedded knowledge base's coverage of the
//! specification's required steps.

use std::path::PathBuf;

use mynumber::kb::Kb;
use mynumber::scenario;

use crate::common::*;

fn scenario_files() -> Vec<PathBuf> {
    // The same list `mynumber test tests/scenarios` runs: every .toml file below it.
    scenario::expand_paths(&[repo().join("tests/scenarios")]).unwrap()
}

#[test]
fn every_scenario_passes() {
    let kb = Kb::embedded().unwrap();
    let files = scenario_files();
    assert!(
        files.len() >= 38,
        "expected at least two scenarios per required step, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for f in &files {
        match scenario::load_file(&kb, f) {
            Ok(s) => {
                for d in scenario::evaluate(&kb, &s) {
                    failures.push(format!("{}: {d}", f.display()));
                }
            }
            Err(e) => failures.push(format!("{}: {e}", f.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} scenario problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Each required step has a scenario where it applies and one where it must not.
#[test]
fn every_required_step_is_covered_both_ways() {
    let kb = Kb::embedded().unwrap();
    let mut expected = std::collections::BTreeSet::new();
    let mut absent = std::collections::BTreeSet::new();
    for f in scenario_files() {
        let s = scenario::load_file(&kb, &f).unwrap();
        expected.extend(s.expect.iter().map(|e| e.id.clone()));
        absent.extend(s.absent.iter().cloned());
    }
    for id in REQUIRED {
        assert!(expected.contains(*id), "no scenario expects {id}");
        assert!(absent.contains(*id), "no scenario shows {id} absent");
    }
}

const REQUIRED: &[&str] = &[
    "residence.register",
    "insurance.nhi-enroll",
    "pension.enroll",
    "notice.wait",
    "card.apply",
    "card.notice-wait",
    "card.pickup",
    "insurance.link-card",
    "card.validity-change",
    "card.special-extension",
    "card.renew",
    "ecert.renew",
    "move.out",
    "move.in",
    "move.within",
    "departure.move-out",
    "departure.card",
    "departure.pension-refund",
    "card.lost",
];

#[test]
fn embedded_kb_knows_every_required_step_with_sources_and_japanese_titles() {
    let out = mynumber()
        .args([
            "plan",
            "--all",
            "--format",
            "json",
            "--lang",
            "ja",
            "--answer",
            "nationality=japanese",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut seen = std::collections::BTreeMap::new();
    for list in ["steps", "skipped"] {
        for s in v[list].as_array().unwrap() {
            seen.insert(s["id"].as_str().unwrap().to_string(), s.clone());
        }
    }
    for id in REQUIRED {
        let s = seen
            .get(*id)
            .unwrap_or_else(|| panic!("{id} is neither in steps nor in skipped"));
        let title = s["title"].as_str().unwrap();
        assert!(!title.is_ascii(), "{id}: title {title:?} is not Japanese");
        let sources = s["sources"].as_array().unwrap();
        assert!(!sources.is_empty(), "{id} has no source");
        for src in sources {
            let url = src["url"].as_str().unwrap();
            assert!(
                url.starts_with("https://") || url.starts_with("http://"),
                "{id}: bad url {url}"
            );
            let checked = src["checked"].as_str().unwrap_or_default();
            assert!(
                checked.len() == 10 && checked.as_bytes()[4] == b'-' && checked <= "2026-12-02",
                "{id}: {url} checked {checked}"
            );
        }
    }
}

#[test]
fn mynumber_test_passes_fails_and_rejects_malformed_files() {
    let out = mynumber()
        .args(["test", "tests/scenario-fixtures/pass.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out).lines().last(), Some("1 passed, 0 failed"));

    let out = mynumber()
        .args([
            "test",
            "tests/scenario-fixtures/pass.toml",
            "tests/scenario-fixtures/fail.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let stdout = stdout_of(&out);
    assert!(stdout.contains("fail.toml"), "{stdout}");
    assert!(
        stdout.contains("residence.register: deadline is 2026-10-19, expected 2026-10-17"),
        "{stdout}"
    );
    assert!(
        stdout.contains("residence.register: status is due, expected overdue"),
        "{stdout}"
    );
    assert!(
        stdout.contains("residence.register: expected absent, but it is in the plan"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().last(), Some("1 passed, 1 failed"));

    let out = mynumber()
        .args(["test", "tests/scenario-fixtures/malformed.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("tests/scenario-fixtures/malformed.toml:6:12"),
        "{stderr}"
    );
    assert!(stderr.contains("moved_in"), "{stderr}");
}

#[test]
fn kb_listings() {
    let out = mynumber().args(["kb", "list"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let list = stdout_of(&out);
    for id in REQUIRED {
        assert!(
            list.lines().any(|l| l.starts_with(&format!("{id}\t"))),
            "{id} not listed:\n{list}"
        );
    }
    assert!(
        list.contains("card.validity-change\trenewal\tChange your My Number Card's validity"),
        "{list}"
    );

    let out = mynumber()
        .args(["--lang", "ja", "kb", "list"])
        .output()
        .unwrap();
    assert!(
        stdout_of(&out).contains(
            "card.special-extension\trenewal\tマイナンバーカードの有効期間の特例期間延長"
        )
    );

    let out = mynumber().args(["kb", "facts"]).output().unwrap();
    let facts = stdout_of(&out);
    assert!(facts.contains("nationality\tjapanese|foreign\t"), "{facts}");
    assert!(
        facts.contains("moved_in\tdate\tOn which day did you begin living"),
        "{facts}"
    );

    let out = mynumber().args(["kb", "statuses"]).output().unwrap();
    let st = stdout_of(&out);
    assert!(
        st.contains("special_permanent_resident\tSpecial Permanent Resident\t特別永住者"),
        "{st}"
    );
    assert!(
        st.contains("temporary_visitor\tTemporary Visitor\t短期滞在\t(no resident registration)"),
        "{st}"
    );

    let out = mynumber().args(["kb", "municipalities"]).output().unwrap();
    let m = stdout_of(&out);
    assert!(
        m.contains("472018\tNaha\tOkinawa\t06-23 Okinawa Memorial Day (Irei no Hi)\t-\t2026-12-02"),
        "{m}"
    );
    assert!(
        m.contains("271004\tOsaka\tOsaka\t-\t2 counters, 2 windows\t2026-12-02"),
        "{m}"
    );
    assert!(
        m.contains("341002\tHiroshima\tHiroshima\t08-06 Peace Memorial Day\t"),
        "{m}"
    );
    // The ten municipalities with the most foreign residents, plus Naha and Hiroshima.
    assert!(m.lines().count() >= 12, "{m}");
    let out = mynumber()
        .args(["--lang", "ja", "kb", "municipalities"])
        .output()
        .unwrap();
    assert!(
        stdout_of(&out).contains("472018\t那覇市\t沖縄県\t06-23 慰霊の日\t"),
        "{}",
        stdout_of(&out)
    );
}

/// notice.wait has two variants (Notification Card until 2020-05-25, Notice from then): a plan
/// shows the one in force, once, and lists the id once among skipped steps when neither applies.
#[test]
fn a_step_with_two_variants_appears_once() {
    for (today, title) in [
        (
            "2020-05-01",
            "Receive your Notification Card by registered mail",
        ),
        (
            "2026-11-22",
            "Receive your Individual Number Notice by registered mail",
        ),
    ] {
        let out = mynumber()
            .args(["--today", today, "plan", "--all", "--format", "json"])
            .args([
                "--answer",
                "nationality=japanese",
                "--answer",
                "registered_on=2020-04-20",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let steps: Vec<&serde_json::Value> = v["steps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["id"] == "notice.wait")
            .collect();
        assert_eq!(steps.len(), 1, "{today}");
        assert_eq!(steps[0]["title"], title);
        assert!(
            !v["skipped"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["id"] == "notice.wait"),
            "{today}"
        );
    }
    let out = mynumber()
        .args([
            "plan",
            "--all",
            "--format",
            "json",
            "--answer",
            "nationality=japanese",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["id"] == "notice.wait")
            .count(),
        1
    );
}
