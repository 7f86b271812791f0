//! The JSON contract as a JSON Schema (`docs/plan.schema.json`), generated from the output
//! types themselves (`render::json`, and `render::batch`'s rows), so the schema cannot drift
//! from what is written. A test compares the file with [`schema`] and validates real outputs
//! against it; `MYNUMBER_UPDATE_SCHEMA=1 cargo test schema` rewrites the file.
//!
//! The types' Rust-side field types are plain strings (`&'static str` keys, formatted dates);
//! the helpers below give those fields their precise schemas (date patterns, enumerations).

use schemars::{Schema, SchemaGenerator, json_schema};

const DATE: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// `kb::text::Text` in the JSON contract (the knowledge base's types know nothing of it).
impl schemars::JsonSchema for crate::kb::text::Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A text in English and Japanese: `{ en = \"…\", ja = \"…\" }` in the knowledge base.",
            "type": "object",
            "properties": { "en": { "type": "string" }, "ja": { "type": "string" } },
            "additionalProperties": false,
            "required": ["en", "ja"]
        })
    }
}

/// A `YYYY-MM-DD` date.
pub(crate) fn date(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "pattern": DATE })
}

/// A `YYYY-MM-DD` date, or null.
pub(crate) fn date_or_null(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["string", "null"], "pattern": DATE })
}

/// A step's status.
pub(crate) fn status(_: &mut SchemaGenerator) -> Schema {
    use crate::engine::Status;
    let keys: Vec<&str> = [
        Status::Done,
        Status::Overdue,
        Status::Due,
        Status::Upcoming,
        Status::Waiting,
    ]
    .into_iter()
    .map(Status::key)
    .collect();
    json_schema!({ "type": "string", "enum": keys })
}

/// A deadline's kind, or null.
pub(crate) fn deadline_kind_or_null(_: &mut SchemaGenerator) -> Schema {
    use crate::kb::schema::DeadlineKind;
    let mut keys: Vec<serde_json::Value> = [
        DeadlineKind::Legal,
        DeadlineKind::Expiry,
        DeadlineKind::Stated,
        DeadlineKind::Recommended,
        DeadlineKind::Expected,
    ]
    .into_iter()
    .map(|k| k.key().into())
    .collect();
    keys.push(serde_json::Value::Null);
    json_schema!({ "enum": keys })
}

/// `en` or `ja`.
pub(crate) fn lang(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "enum": ["en", "ja"] })
}

/// A checklist's `kind`.
pub(crate) fn checklist_kind(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "const": "checklist" })
}

/// The schema version, 1.
pub(crate) fn version(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "integer", "const": 1 })
}

/// The whole contract: a plan (`plan --format json`), a checklist (`checklist --format json`)
/// or one line of `batch` output, each also under `$defs` by name (`Plan`, `Checklist`,
/// `BatchRow`, `BatchError`).
pub(crate) fn schema() -> Schema {
    let mut g = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let plan = super::json::plan_schema(&mut g);
    let checklist = super::json::checklist_schema(&mut g);
    let (row, error) = super::batch::row_schemas(&mut g);
    let defs = g.take_definitions(true);
    json_schema!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mynumber JSON output, schema 1",
        "description": "What `mynumber plan --format json`, `mynumber checklist --format json` and each line of `mynumber batch` (JSON Lines) write. Fields may be added in later versions; the ones here keep their meaning.",
        "anyOf": [plan, checklist, row, error],
        "$defs": defs,
    })
}

/// The schema as written to `docs/plan.schema.json`: pretty JSON and a final newline.
pub fn schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    s.push('\n');
    s
}
