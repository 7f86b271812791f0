//! One line of `mynumber batch` output (JSON Lines, schema 1): a planned row, a row that
//! could not be planned, and what changed since an earlier run. The command fills them; their
//! JSON Schema is part of `docs/plan.schema.json` (see [`super::schema`]).

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::Serialize;

use crate::dates::fmt;
use crate::engine::PlannedStep;
use crate::kb::Kb;
use crate::kb::schema::{DeadlineKind, Source};

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "BatchSource"))]
pub(crate) struct SourceOut<'k> {
    pub(crate) title: &'k str,
    pub(crate) url: &'k str,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date")
    )]
    pub(crate) checked: String,
}

pub(crate) fn sources(list: &[Source]) -> Vec<SourceOut<'_>> {
    list.iter()
        .map(|s| SourceOut {
            title: &s.title,
            url: s.url.get_ref(),
            checked: s.checked.get_ref().to_string(),
        })
        .collect()
}

/// One output line of JSON Lines for a row that could not be planned.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "BatchError"))]
pub(crate) struct ErrorRow<'a> {
    pub(crate) row: u64,
    pub(crate) r#ref: Option<&'a str>,
    pub(crate) error: ErrorOut<'a>,
}

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "BatchErrorDetail"))]
pub(crate) struct ErrorOut<'a> {
    pub(crate) fact: Option<&'a str>,
    pub(crate) message: &'a str,
}

/// The schemas of a planned row and of an error row (see [`super::schema`]).
#[cfg(feature = "schema")]
pub(crate) fn row_schemas(
    g: &mut schemars::SchemaGenerator,
) -> (schemars::Schema, schemars::Schema) {
    (
        g.subschema_for::<RowOut<'static>>(),
        g.subschema_for::<ErrorRow<'static>>(),
    )
}

/// One output line of JSON Lines: the row, the adviser's reference, the plan in schema 1.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "BatchRow"))]
pub(crate) struct RowOut<'a> {
    pub(crate) row: u64,
    pub(crate) r#ref: Option<&'a str>,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::version")
    )]
    pub(crate) schema: u32,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date")
    )]
    pub(crate) today: String,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::lang")
    )]
    pub(crate) lang: &'a str,
    pub(crate) steps: Vec<StepOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) skipped: Option<Vec<SkippedOut<'a>>>,
    /// With `--since`: what changed since the earlier run (`null`: no earlier row with this `ref`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[expect(clippy::option_option, reason = "absent, null or a value in the JSON")]
    pub(crate) changes: Option<Option<Changes>>,
}

/// A planned step, as `plan --format json` writes it (schema 1, same fields in the same
/// order); with `--dates-only`, only the fields that are not sentences.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "BatchStep"))]
pub(crate) struct StepOut<'a> {
    pub(crate) id: &'a str,
    pub(crate) phase: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) summary: Option<&'a str>,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::status")
    )]
    pub(crate) status: &'static str,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date_or_null")
    )]
    pub(crate) opens: Option<String>,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date_or_null")
    )]
    pub(crate) deadline: Option<String>,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::deadline_kind_or_null")
    )]
    pub(crate) deadline_kind: Option<&'static str>,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date_or_null")
    )]
    pub(crate) last_day: Option<String>,
    pub(crate) days_left: Option<i64>,
    pub(crate) expected: Option<Expected>,
    pub(crate) r#where: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) why: Option<Vec<String>>,
    pub(crate) needs: Vec<&'a str>,
    pub(crate) uncertain: bool,
    pub(crate) varies: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) bring: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) notes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[expect(clippy::option_option, reason = "absent, null or a value in the JSON")]
    pub(crate) missed: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) sources: Option<&'a [SourceOut<'a>]>,
}

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "BatchExpected"))]
pub(crate) struct Expected {
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date")
    )]
    pub(crate) from: String,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date")
    )]
    pub(crate) to: String,
}

/// The step's ids, statuses and dates, without sentences: the whole step with `--dates-only`,
/// the part the command adds the sentences to otherwise.
pub(crate) fn brief_step<'a>(kb: &'a Kb, p: &'a PlannedStep<'_>) -> StepOut<'a> {
    let d = &p.step.decl;
    StepOut {
        id: d.id.get_ref(),
        phase: d.phase.get_ref(),
        title: None,
        summary: None,
        status: p.status.key(),
        opens: p.opens.map(fmt),
        deadline: p.deadline.map(fmt),
        deadline_kind: p.deadline_kind.map(DeadlineKind::key),
        last_day: p.last_day.map(fmt),
        days_left: p.days_left,
        expected: p.expected.map(|(a, b)| Expected {
            from: fmt(a),
            to: fmt(b),
        }),
        r#where: d.place.get_ref(),
        why: None,
        needs: p.needs.iter().map(|&f| kb.fact_name(f)).collect(),
        uncertain: p.uncertain,
        varies: d.varies,
        bring: None,
        notes: None,
        missed: None,
        sources: None,
    }
}

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "BatchSkipped"))]
pub(crate) struct SkippedOut<'a> {
    pub(crate) id: &'a str,
    pub(crate) phase: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) why_not: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) sources: Option<&'a [SourceOut<'a>]>,
}

/// A deadline that moved.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "BatchMoved"))]
pub(crate) struct Moved {
    pub(crate) id: String,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date_or_null")
    )]
    pub(crate) from: Option<String>,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date_or_null")
    )]
    pub(crate) to: Option<String>,
}

/// What changed for one row since the earlier run.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "BatchChanges"))]
pub(crate) struct Changes {
    pub(crate) new: Vec<String>,
    pub(crate) done: Vec<String>,
    pub(crate) moved: Vec<Moved>,
    pub(crate) overdue: Vec<String>,
    pub(crate) gone: Vec<String>,
}
