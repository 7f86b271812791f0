//! `mynumber test PATH...`: run scenario files (named, or every one below a directory) (answers, today, expected steps and dates)
//! against the knowledge base.

use std::path::PathBuf;

use crate::context::Env;
use crate::error::{Error, Exit};
use crate::scenario::{expand_paths, run_files, write_report};
use crate::wording::messages;

/// `mynumber test PATH...`: exit 0 when all pass, 1 when any fails, 65 for a malformed file,
/// 2 for a directory with no scenario in it.
pub(crate) fn run(env: &Env, paths: &[PathBuf]) -> Result<(), Error> {
    if paths.is_empty() {
        return Err(Error::usage(messages::test_needs_paths()).hint(messages::test_example()));
    }
    let files = expand_paths(paths)?;
    let report = run_files(&env.kb, &files)?;
    // The report repeats what the scenario files say: redacted like every message.
    let mut text = Vec::new();
    write_report(&report, env.lang, &mut text)
        .map_err(|e| Error::failure(messages::cannot_write_output(e)))?;
    crate::context::write_redacted(&String::from_utf8_lossy(&text))?;
    if report.failed.is_empty() {
        Ok(())
    } else {
        let n = report.failed.len();
        Err(Error::new(Exit::Failure, messages::scenarios_failed(n)))
    }
}
