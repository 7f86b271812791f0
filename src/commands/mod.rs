//! One file per subcommand. Each reads the [`Env`](crate::context::Env), calls the engine and
//! hands a model to a renderer; none reads the clock or the environment itself.

pub(crate) mod batch;
pub(crate) mod batch_since;
pub(crate) mod checklist;
pub(crate) mod completions;
pub(crate) mod done;
pub(crate) mod explain;
pub(crate) mod kb;
pub(crate) mod man;
pub(crate) mod next;
pub(crate) mod plan;
pub(crate) mod profile;
pub(crate) mod test;

use crate::context::Env;
use crate::render::Style;

/// The layout for a product without colour and without the steps that do not apply
/// (checklists, the household's plan).
fn plain_style(env: &Env) -> Style {
    Style {
        lang: env.lang,
        color: false,
        width: env.width,
        all: false,
    }
}
