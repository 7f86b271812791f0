//! One file per subcommand. Each reads the [`Env`](crate::context::Env), calls the engine and
//! hands a model to a renderer; none reads the clock or the environment itself.

pub mod batch;
pub mod batch_since;
pub mod checklist;
pub mod completions;
pub mod done;
pub mod explain;
pub mod kb;
pub mod man;
pub mod next;
pub mod plan;
pub mod profile;
pub mod test;
