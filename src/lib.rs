//! mynumber: a personalised, dated checklist for Japan's Individual Number (My Number)
//! procedures.
//!
//! Data flows one way: arguments (`cli`) → a plain environment (`app`) → knowledge base (`kb`)
//! + answers (`answers`) → engine (`engine`, pure) → plan → renderer (`render`).

pub mod answers;
mod app;
mod calendar;
mod checklist;
mod cli;
mod commands;
mod context;
mod dates;
mod embedded;
pub mod engine;
mod error;
mod fsutil;
pub mod fuzzing;
mod history;
mod household;
mod interview;
pub mod kb;
pub mod profile;
pub mod redact;
pub mod render;
pub mod scenario;
mod wording;

pub use app::run;

/// What `mynumber --version` prints after the name: the program's version, then the embedded
/// knowledge base's date (its newest source check or rule, computed by `build.rs`).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\nknowledge base: ",
    env!("MYNUMBER_KB_DATE"),
    " (newest rule or source check)"
);
