//! The JSON contract as a JSON Schema: `docs/plan.schema.json` is what the output types
//! generate, and real outputs of `plan`, `checklist` and `batch` validate against it (with
//! every object closed, so a field the schema does not describe fails too).

use serde_json::{Value, json};

use crate::common::*;

fn schema_file() -> std::path::PathBuf {
    repo().join("docs/plan.schema.json")
}

#[test]
fn schema_file_is_generated_from_the_output_types() {
    let generated = mynumber::render::schema::schema_text();
    if std::env::var("MYNUMBER_UPDATE_SCHEMA").as_deref() == Ok("1") {
        std::fs::write(schema_file(), &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(schema_file()).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/plan.schema.json is out of date: run `MYNUMBER_UPDATE_SCHEMA=1 cargo test schema`"
    );
    let schema: Value = serde_json::from_str(&on_disk).unwrap();
    jsonschema::meta::validate(&schema).unwrap();
}

/// Every object with `properties` gets `additionalProperties: false`.
fn closed(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut m: serde_json::Map<String, Value> =
                m.iter().map(|(k, v)| (k.clone(), closed(v))).collect();
            if m.contains_key("properties") && !m.contains_key("additionalProperties") {
                m.insert("additionalProperties".into(), Value::Bool(false));
            }
            Value::Object(m)
        }
        Value::Array(a) => Value::Array(a.iter().map(closed).collect()),
        other => other.clone(),
    }
}

/// A validator for one of the schema's `$defs`, closed.
fn validator(def: &str) -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_file()).unwrap()).unwrap();
    let doc = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": closed(&schema["$defs"]),
        "$ref": format!("#/$defs/{def}"),
    });
    jsonschema::validator_for(&doc).unwrap()
}

fn check(v: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\n{doc:#}");
}

fn json_of(args: &[&str]) -> Value {
    let out = mynumber().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

const PERSONAS: &[&[&str]] = &[
    &["--answers", "examples/new-arrival.toml"],
    &[
        "--answers",
        "examples/new-arrival.toml",
        "--answer",
        "registered_on=2026-10-05",
        "--answer",
        "card_applied_on=2026-10-10",
    ],
    &[
        "--answer",
        "nationality=foreign",
        "--answer",
        "status=student",
        "--answer",
        "stay_expires=2027-03-31",
        "--answer",
        "card_expires=2027-03-31",
        "--answer",
        "departure_planned_on=2027-02-01",
    ],
    &["--answer", "nationality=japanese"],
];

#[test]
fn plan_and_checklist_outputs_validate() {
    let plan = validator("Plan");
    let checklist = validator("Checklist");
    for persona in PERSONAS {
        for lang in ["en", "ja"] {
            for extra in [&[][..], &["--all"][..]] {
                let mut args = vec!["--today", "2026-12-01", "--lang", lang, "plan"];
                args.extend_from_slice(persona);
                args.extend_from_slice(extra);
                args.extend_from_slice(&["--format", "json"]);
                check(&plan, &json_of(&args), &format!("{args:?}"));
            }
            let mut args = vec!["--today", "2026-12-01", "--lang", lang, "checklist"];
            args.extend_from_slice(persona);
            args.extend_from_slice(&["--visit", "2026-12-02", "--format", "json"]);
            check(&checklist, &json_of(&args), &format!("{args:?}"));
        }
    }
}

#[test]
fn batch_lines_validate() {
    let row = validator("BatchRow");
    let error = validator("BatchError");
    let input = "ref,nationality,status,moved_in\nA-1,foreign,student,2026-10-03\n\
                 A-2,foreign,studnet,2026-10-03\nA-3,japanese,,2026-11-01\n";
    for extra in [&[][..], &["--all"][..], &["--dates-only"][..]] {
        let out = mynumber()
            .args(["--today", "2026-10-05", "batch", "--input-format", "csv"])
            .args(extra)
            .write_stdin(input)
            .output()
            .unwrap();
        let lines: Vec<Value> = stdout_of(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 3, "{}", stderr_of(&out));
        for l in &lines {
            let v = if l.get("error").is_some() {
                &error
            } else {
                &row
            };
            check(v, l, &format!("batch {extra:?}"));
        }
    }
}

#[test]
fn outputs_that_break_the_contract_do_not_validate() {
    let plan = validator("Plan");
    let good = json_of(&[
        "--today",
        "2026-10-05",
        "plan",
        "--answers",
        "examples/new-arrival.toml",
        "--format",
        "json",
    ]);
    check(&plan, &good, "the real plan");
    let mut bad = good.clone();
    bad["steps"][0]["status"] = json!("soon");
    assert!(!plan.is_valid(&bad));
    let mut bad = good.clone();
    bad["steps"][0]["deadline"] = json!("19 October 2026");
    assert!(!plan.is_valid(&bad));
    let mut bad = good.clone();
    bad["steps"][0]["surprise"] = json!(1);
    assert!(
        !plan.is_valid(&bad),
        "an undescribed field must fail the closed schema"
    );
    let mut bad = good;
    bad.as_object_mut().unwrap().remove("today");
    assert!(!plan.is_valid(&bad));
}
