//! `mynumber kb list|facts|statuses|check`.

use std::path::Path;

use crate::app::Env;
use crate::cli::KbAction;
use crate::error::Error;

/// `kb check` runs before any knowledge base is loaded, so it can report a broken one.
pub fn check(_dir: Option<&Path>, _global_kb: Option<&Path>) -> Result<(), Error> {
    Err(Error::failure(
        "`mynumber kb check` is not available in this version",
    ))
}

pub fn run(_env: &Env, _action: &KbAction) -> Result<(), Error> {
    Err(Error::failure(
        "`mynumber kb` is not available in this version",
    ))
}
