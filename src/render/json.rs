//! The JSON contract (schema 1): see the README and the product specification. Fields listed
//! there keep their meaning; fields may be added.

use crate::wording::reasons::reasons_in;
use std::io::Write;

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::Serialize;

use super::{Style, bring};
use crate::checklist::{Checklist, Needed, OFFICE};
use crate::dates::fmt;
use crate::engine::{Plan, PlannedStep};
use crate::kb::Kb;
use crate::kb::schema::Source;
use crate::kb::text::{Lang, Text};
use crate::wording::notes;

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Source"))]
struct SourceOut<'a> {
    title: &'a str,
    url: &'a str,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date")
    )]
    checked: String,
}

fn sources(list: &[Source]) -> Vec<SourceOut<'_>> {
    list.iter()
        .map(|s| SourceOut {
            title: &s.title,
            url: s.url.get_ref(),
            checked: s.checked.get_ref().to_string(),
        })
        .collect()
}

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Expected"))]
struct Range {
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date")
    )]
    from: String,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date")
    )]
    to: String,
}

/// A step of a plan or a checklist.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Step"))]
pub(crate) struct StepOut<'a> {
    id: &'a str,
    phase: &'a str,
    title: &'a str,
    summary: &'a str,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::status")
    )]
    status: &'static str,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date_or_null")
    )]
    opens: Option<String>,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date_or_null")
    )]
    deadline: Option<String>,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::deadline_kind_or_null")
    )]
    deadline_kind: Option<&'static str>,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date_or_null")
    )]
    last_day: Option<String>,
    days_left: Option<i64>,
    expected: Option<Range>,
    #[serde(rename = "where")]
    place: &'a str,
    why: Vec<String>,
    needs: Vec<&'a str>,
    uncertain: bool,
    varies: bool,
    bring: Vec<String>,
    notes: Vec<String>,
    missed: Option<&'a str>,
    sources: Vec<SourceOut<'a>>,
}

fn texts(v: &[Text], lang: Lang) -> Vec<&str> {
    v.iter().map(|t| t.get(lang)).collect()
}

pub(crate) fn step_out<'a>(kb: &'a Kb, p: &'a PlannedStep<'_>, lang: Lang) -> StepOut<'a> {
    let d = &p.step.decl;
    StepOut {
        id: d.id.get_ref(),
        phase: d.phase.get_ref(),
        title: d.title.get(lang),
        summary: p.summary.get(lang),
        status: p.status.key(),
        opens: p.opens.map(fmt),
        deadline: p.deadline.map(fmt),
        deadline_kind: p
            .deadline_kind
            .map(super::super::kb::schema::DeadlineKind::key),
        last_day: p.last_day.map(fmt),
        days_left: p.days_left,
        expected: p.expected.map(|(a, b)| Range {
            from: fmt(a),
            to: fmt(b),
        }),
        place: d.place.get_ref(),
        why: reasons_in(kb, &p.why, lang),
        needs: p.needs.iter().map(|&f| kb.fact_name(f)).collect(),
        uncertain: p.uncertain,
        varies: d.varies,
        bring: bring(kb, p)
            .iter()
            .map(|t| t.get(lang).to_string())
            .collect(),
        notes: notes::notes(p)
            .iter()
            .map(|n| n.text.get(lang).to_string())
            .collect(),
        missed: p.missed.as_ref().map(|t| t.get(lang)),
        sources: sources(&d.sources),
    }
}

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Skipped"))]
struct SkippedOut<'a> {
    id: &'a str,
    phase: &'a str,
    title: &'a str,
    why_not: Vec<String>,
    sources: Vec<SourceOut<'a>>,
}

/// `plan --format json`.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Plan"))]
struct PlanOut<'a> {
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::version")
    )]
    schema: u32,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date")
    )]
    today: String,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::lang")
    )]
    lang: &'static str,
    steps: Vec<StepOut<'a>>,
    /// Only with `--all`.
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<Vec<SkippedOut<'a>>>,
}

pub(crate) fn write_doc(doc: &impl Serialize, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, doc)?;
    writeln!(out)
}

pub(crate) fn render(
    kb: &Kb,
    plan: &Plan<'_>,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = style.lang;
    let skipped = style.all.then(|| {
        plan.skipped
            .iter()
            .map(|s| SkippedOut {
                id: s.step.decl.id.get_ref(),
                phase: s.step.decl.phase.get_ref(),
                title: s.step.decl.title.get(lang),
                why_not: reasons_in(kb, &s.why_not, lang),
                sources: sources(&s.step.decl.sources),
            })
            .collect()
    });
    let doc = PlanOut {
        schema: 1,
        today: fmt(plan.today),
        lang: lang.code(),
        steps: plan.steps.iter().map(|p| step_out(kb, p, lang)).collect(),
        skipped,
    };
    write_doc(&doc, out)
}

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Needed"))]
pub(crate) struct NeededOut<'a> {
    key: &'a str,
    name: &'a Text,
    note: Option<&'a Text>,
    #[serde(rename = "for")]
    for_steps: &'a [String],
}

pub(crate) fn needed_out<'a>(n: &'a Needed<'_>) -> NeededOut<'a> {
    NeededOut {
        key: &n.key,
        name: &n.item.name,
        note: n.item.note.as_ref(),
        for_steps: &n.for_steps,
    }
}

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Fee"))]
struct FeeOut<'a> {
    text: &'a Text,
    #[serde(rename = "for")]
    for_steps: &'a [String],
}

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Ask"))]
struct AskOut<'a> {
    step: &'a str,
    ja: &'a str,
    en: &'a str,
}

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "KeyDate"))]
struct KeyDateOut<'a> {
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date")
    )]
    date: String,
    label: &'a str,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::deadline_kind_or_null")
    )]
    kind: Option<&'static str>,
    step: Option<&'a str>,
}

/// `checklist --format json`.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Checklist"))]
struct ChecklistOut<'a> {
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::version")
    )]
    schema: u32,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::checklist_kind")
    )]
    kind: &'static str,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date")
    )]
    today: String,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::date")
    )]
    visit: String,
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::render::schema::lang")
    )]
    lang: &'static str,
    #[serde(rename = "where")]
    place: &'static str,
    office_closed: Option<&'a Text>,
    warnings: Vec<&'a str>,
    steps: Vec<StepOut<'a>>,
    documents: Vec<NeededOut<'a>>,
    pins: Vec<NeededOut<'a>>,
    fees: Vec<FeeOut<'a>>,
    ask: Vec<AskOut<'a>>,
    key_dates: Vec<KeyDateOut<'a>>,
}

/// The checklist as JSON (schema 1; documented in the README). Step objects are the plan's.
pub(crate) fn render_checklist(
    kb: &Kb,
    c: &Checklist<'_>,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = style.lang;
    let doc = ChecklistOut {
        schema: 1,
        kind: "checklist",
        today: fmt(c.today),
        visit: fmt(c.visit),
        lang: lang.code(),
        place: OFFICE,
        office_closed: c.closed.as_ref(),
        warnings: texts(&c.warnings, lang),
        steps: c.steps.iter().map(|p| step_out(kb, p, lang)).collect(),
        documents: c.documents.iter().map(needed_out).collect(),
        pins: c.pins.iter().map(needed_out).collect(),
        fees: c
            .fees
            .iter()
            .map(|f| FeeOut {
                text: &f.text,
                for_steps: &f.for_steps,
            })
            .collect(),
        ask: c
            .asks
            .iter()
            .map(|a| AskOut {
                step: &a.step,
                ja: &a.text.ja,
                en: &a.text.en,
            })
            .collect(),
        key_dates: c
            .key_dates
            .iter()
            .map(|k| KeyDateOut {
                date: fmt(k.date),
                label: k.label.get(lang),
                kind: k.kind.map(super::super::kb::schema::DeadlineKind::key),
                step: k.step.as_deref(),
            })
            .collect(),
    };
    write_doc(&doc, out)
}

/// The plan document's schema (see `render::schema`).
#[cfg(feature = "schema")]
pub(crate) fn plan_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
    g.subschema_for::<PlanOut<'static>>()
}

/// The checklist document's schema (see `render::schema`).
#[cfg(feature = "schema")]
pub(crate) fn checklist_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
    g.subschema_for::<ChecklistOut<'static>>()
}
