//! mynumber: a personalised, dated checklist for Japan's Individual Number (My Number)
//! procedures.
//!
//! Data flows one way: arguments (`cli`) → a plain environment (`app`) → knowledge base (`kb`)
//! + answers (`answers`) → engine (`engine`, pure) → plan → renderer (`render`).

pub mod answers;
pub mod app;
pub mod checklist;
pub mod cli;
pub mod engine;
pub mod error;
pub mod explain;
pub mod fsutil;
pub mod interview;
pub mod kb;
pub mod kbcheck;
pub mod kbcmd;
pub mod profile;
pub mod redact;
pub mod render;
pub mod scenario;

pub use app::run;
