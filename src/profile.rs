//! The saved profile: answers kept between runs, versioned, owner-only, written atomically;
//! `mynumber done` and `mynumber profile`.

use crate::app::Env;
use crate::cli::ProfileAction;
use crate::error::Error;

pub fn run_done(_env: &Env, _step: &str, _on: Option<&str>) -> Result<(), Error> {
    Err(Error::failure(
        "`mynumber done` is not available in this version",
    ))
}

pub fn run_profile(_env: &Env, _action: &ProfileAction) -> Result<(), Error> {
    Err(Error::failure(
        "`mynumber profile` is not available in this version",
    ))
}
