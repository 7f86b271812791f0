//! `mynumber checklist`: what to bring and ask for on one visit to the municipal office.

use crate::app::Env;
use crate::cli::{AnswerArgs, OutputArgs};
use crate::error::Error;

pub fn run(
    _env: &Env,
    _answers: &AnswerArgs,
    _output: &OutputArgs,
    _visit: Option<&str>,
) -> Result<(), Error> {
    Err(Error::failure(
        "`mynumber checklist` is not available in this version",
    ))
}
