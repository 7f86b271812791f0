//! Renderers: one file per format, each writing to any `Write`. None computes dates or
//! evaluates conditions; they only lay out a plan the engine made.

pub(crate) mod batch;
pub(crate) mod household;
pub(crate) mod html;
pub(crate) mod ics;
pub(crate) mod json;
pub(crate) mod layout;
pub(crate) mod markdown;
#[cfg(feature = "schema")]
pub mod schema;
pub(crate) mod table;

use crate::engine::{Plan, PlannedStep};
use crate::kb::Kb;
use crate::kb::model::{FactId, PhaseId, PlaceId};
use crate::kb::text::{Lang, Text};

/// Presentation settings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub(crate) lang: Lang,
    pub(crate) color: bool,
    /// Terminal width for the table, if known.
    pub(crate) width: Option<u16>,
    pub(crate) all: bool,
}

/// The answers that would make a plan more precise, by fact name, each once.
pub(crate) fn needs(kb: &Kb, plan: &Plan<'_>) -> Vec<FactId> {
    let mut needs: Vec<FactId> = plan
        .steps
        .iter()
        .flat_map(|p| p.needs.iter().copied())
        .collect();
    needs.sort_by_key(|&f| kb.fact_name(f));
    needs.dedup();
    needs
}

/// The names of the items a step asks to bring.
pub(crate) fn bring(kb: &Kb, step: &PlannedStep<'_>) -> Vec<Text> {
    step.bring
        .iter()
        .map(|&i| kb.item_at(i).name.clone())
        .collect()
}

pub(crate) fn place_name(kb: &Kb, place: PlaceId) -> Text {
    kb.place_at(place).name.clone()
}

pub(crate) fn phase_name(kb: &Kb, phase: PhaseId) -> Text {
    kb.phase_at(phase).name.clone()
}

/// An item's name for a reader of `lang`: English readers also get the official Japanese name.
pub(crate) fn item_line(name: &Text, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} / {}", name.en, name.ja),
        Lang::Ja => name.ja.clone(),
    }
}
