//! Renderers: one file per format, each writing to any `Write`. None computes dates or
//! evaluates conditions; they only lay out a plan the engine made.

pub mod html;
pub mod ics;
pub mod json;
pub mod markdown;
pub mod table;

use crate::engine::PlannedStep;
use crate::kb::Kb;
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
        .filter_map(|k| kb.item(k).map(|i| i.name.clone()))
        .collect()
}

pub fn place_name(kb: &Kb, key: &str) -> Text {
    kb.place(key)
        .map_or_else(|| Text::new(key, key), |p| p.name.clone())
}

pub fn phase_name(kb: &Kb, key: &str) -> Text {
    kb.phase(key)
        .map_or_else(|| Text::new(key, key), |p| p.name.clone())
}

/// English and Japanese weekday names.
pub fn weekday(d: chrono::NaiveDate, lang: Lang) -> &'static str {
    use chrono::Datelike;
    let i = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
        Lang::Ja => ["月", "火", "水", "木", "金", "土", "日"][i],
    }
}

/// Said when no step applies.
pub fn nothing_to_do() -> Text {
    Text::new(
        "Nothing to do for these answers.",
        "この回答では必要な手続はありません。",
    )
}
