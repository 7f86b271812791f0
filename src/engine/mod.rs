//! The engine: pure functions from a knowledge base, answers and a day to a plan.
//!
//! No I/O, no clock, no terminal. `today` is always an input, so every deadline is a plain
//! table test.

pub(crate) mod eval;
pub(crate) mod events;
pub mod facts;
pub(crate) mod local;
pub(crate) mod plan;
pub(crate) mod reason;

pub(crate) use eval::{Ctx, Truth};
pub use facts::Answers;
pub use plan::make_plan;
pub(crate) use plan::{Plan, PlannedStep, Status};
