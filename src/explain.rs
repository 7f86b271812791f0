//! `mynumber explain STEP`: why a step applies or not, and how its dates were derived.

use crate::app::Env;
use crate::cli::AnswerArgs;
use crate::error::Error;

pub fn run(_env: &Env, _step: &str, _answers: &AnswerArgs) -> Result<(), Error> {
    Err(Error::failure(
        "`mynumber explain` is not available in this version",
    ))
}
