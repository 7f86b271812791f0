//! The engine: pure functions from a knowledge base, answers and a day to a plan.
//!
//! No I/O, no clock, no terminal. `today` is always an input, so every deadline is a plain
//! table test.

pub mod eval;
pub mod events;
pub mod facts;
pub mod local;
pub mod plan;
pub mod reason;

pub use eval::{Ctx, Truth};
pub use facts::{Answers, Value};
pub use plan::{Plan, PlannedStep, Skipped, Status, make_plan};
