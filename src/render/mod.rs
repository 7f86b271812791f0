//! Renderers: one file per format, each writing to any `Write`. None computes dates or
//! evaluates conditions; they only lay out a plan the engine made.

pub mod household;
pub mod html;
pub mod ics;
pub mod json;
pub mod layout;
pub mod markdown;
pub mod schema;
pub mod table;

use crate::engine::PlannedStep;
use crate::kb::Kb;
use crate::kb::model::{PhaseId, PlaceId};
use crate::kb::text::{Lang, Text};

/// Presentation settings.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub lang: Lang,
    pub color: bool,
    /// Terminal width for the table, if known.
    pub width: Option<u16>,
    pub all: bool,
}

/// The names of the items a step asks to bring.
pub fn bring(kb: &Kb, step: &PlannedStep<'_>) -> Vec<Text> {
    step.bring
        .iter()
        .map(|&i| kb.item_at(i).name.clone())
        .collect()
}

pub fn place_name(kb: &Kb, place: PlaceId) -> Text {
    kb.place_at(place).name.clone()
}

pub fn phase_name(kb: &Kb, phase: PhaseId) -> Text {
    kb.phase_at(phase).name.clone()
}

/// An item's name for a reader of `lang`: English readers also get the official Japanese name.
pub fn item_line(name: &Text, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} / {}", name.en, name.ja),
        Lang::Ja => name.ja.clone(),
    }
}
