//! The JSON contract (schema 1): see the README and the product specification. Fields listed
//! there keep their meaning; fields may be added.

use std::io::Write;

use serde_json::{Value, json};

use super::{Style, bring};
use crate::checklist::{Checklist, Needed, OFFICE};
use crate::engine::eval::fmt;
use crate::engine::{Plan, PlannedStep};
use crate::kb::Kb;
use crate::kb::schema::Source;
use crate::kb::text::{Lang, Text};

pub fn sources(list: &[Source]) -> Value {
    Value::Array(
        list.iter()
            .map(|s| json!({ "title": s.title, "url": s.url.get_ref(), "checked": s.checked.get_ref().to_string() }))
            .collect(),
    )
}

pub fn step_value(kb: &Kb, p: &PlannedStep<'_>, lang: Lang) -> Value {
    let d = &p.step.decl;
    let texts = |v: &[crate::kb::text::Text]| -> Vec<String> {
        v.iter().map(|t| t.get(lang).to_string()).collect()
    };
    json!({
        "id": d.id.get_ref(),
        "phase": d.phase.get_ref(),
        "title": d.title.get(lang),
        "summary": p.summary.get(lang),
        "status": p.status.key(),
        "opens": p.opens.map(fmt),
        "deadline": p.deadline.map(fmt),
        "deadline_kind": p.deadline_kind.map(|k| k.key()),
        "last_day": p.last_day.map(fmt),
        "days_left": p.days_left,
        "expected": p.expected.map(|(a, b)| json!({ "from": fmt(a), "to": fmt(b) })),
        "where": d.place.get_ref(),
        "why": texts(&p.why),
        "needs": p.needs,
        "uncertain": p.uncertain,
        "varies": d.varies,
        "bring": bring(kb, p).iter().map(|t| t.get(lang).to_string()).collect::<Vec<_>>(),
        "notes": p.notes.iter().map(|n| n.text.get(lang).to_string()).collect::<Vec<_>>(),
        "missed": p.missed.as_ref().map(|t| t.get(lang).to_string()),
        "sources": sources(&d.sources),
    })
}

pub fn render(kb: &Kb, plan: &Plan<'_>, style: &Style, out: &mut dyn Write) -> std::io::Result<()> {
    let lang = style.lang;
    let mut doc = json!({
        "schema": 1,
        "today": fmt(plan.today),
        "lang": lang.code(),
        "steps": plan.steps.iter().map(|p| step_value(kb, p, lang)).collect::<Vec<_>>(),
    });
    if style.all {
        doc["skipped"] = Value::Array(
            plan.skipped
                .iter()
                .map(|s| json!({
                    "id": s.step.decl.id.get_ref(),
                    "phase": s.step.decl.phase.get_ref(),
                    "title": s.step.decl.title.get(lang),
                    "why_not": s.why_not.iter().map(|t| t.get(lang).to_string()).collect::<Vec<_>>(),
                    "sources": sources(&s.step.decl.sources),
                }))
                .collect(),
        );
    }
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

fn both(t: &Text) -> Value {
    json!({ "en": t.en, "ja": t.ja })
}

fn needed_value(n: &Needed<'_>) -> Value {
    json!({
        "key": n.key,
        "name": both(&n.item.name),
        "note": n.item.note.as_ref().map(both),
        "for": n.for_steps,
    })
}

/// The checklist as JSON (schema 1; documented in the README). Step objects are the plan's.
pub fn render_checklist(
    kb: &Kb,
    c: &Checklist<'_>,
    style: &Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = style.lang;
    let doc = json!({
        "schema": 1,
        "kind": "checklist",
        "today": fmt(c.today),
        "visit": fmt(c.visit),
        "lang": lang.code(),
        "where": OFFICE,
        "office_closed": c.closed.as_ref().map(both),
        "warnings": c.warnings.iter().map(|w| w.get(lang).to_string()).collect::<Vec<_>>(),
        "steps": c.steps.iter().map(|p| step_value(kb, p, lang)).collect::<Vec<_>>(),
        "documents": c.documents.iter().map(needed_value).collect::<Vec<_>>(),
        "pins": c.pins.iter().map(needed_value).collect::<Vec<_>>(),
        "fees": c.fees.iter().map(|f| json!({ "text": both(&f.text), "for": f.for_steps })).collect::<Vec<_>>(),
        "ask": c.asks.iter().map(|a| json!({ "step": a.step, "ja": a.text.ja, "en": a.text.en })).collect::<Vec<_>>(),
        "key_dates": c.key_dates.iter().map(|k| json!({
            "date": fmt(k.date),
            "label": k.label.get(lang),
            "kind": k.kind.map(|k| k.key()),
            "step": k.step,
        })).collect::<Vec<_>>(),
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
