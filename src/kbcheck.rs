//! `mynumber kb check [DIR]`: every problem in a knowledge base, at once.
//!
//! It loads the knowledge base the same way `--kb` does (parse every file, then the second
//! pass of `kb::validate`, then the checks that depend on today: stale sources and rules no
//! longer in force), and prints each problem at `file:line:column` with the source line and a
//! caret, then a summary line (`2 errors, 1 warning`).
//!
//! The report goes to stdout: it is the product of this command, so it can be piped or saved
//! (`mynumber kb check data > report.txt`). Only the final one-sentence error, when there are
//! errors, goes to stderr. Exit 0 when there are only warnings (or nothing), 65 when there are
//! errors.
//!
//! Without DIR it checks the `--kb` directory, else the embedded knowledge base.

use std::path::Path;

use chrono::NaiveDate;
use clap::Parser;

use crate::error::Error;
use crate::kb::diag::{Diagnostic, Severity};
use crate::kb::{Kb, SourceFile};

/// `kb check` runs before the environment is built (so it can report a broken `--kb`); it
/// reads `--today` / `MYNUMBER_TODAY` the same way the other commands do.
pub fn run(dir: Option<&Path>, global_kb: Option<&Path>) -> Result<(), Error> {
    let given = crate::cli::Cli::try_parse()
        .ok()
        .and_then(|c| c.global.today);
    let today = crate::app::resolve_today(given.as_deref())?;
    check_at(dir.or(global_kb), today)
}

/// Checks the knowledge base in `dir` (or the embedded one) as of `today`, printing the report.
pub fn check_at(dir: Option<&Path>, today: NaiveDate) -> Result<(), Error> {
    let loaded = match dir {
        Some(d) => Kb::from_dir_at(d, Some(today)),
        None => Kb::embedded_at(Some(today)),
    };
    let (diagnostics, files) = match loaded {
        Ok(kb) => (kb.warnings, kb.files),
        Err(e) => (e.diagnostics, e.files),
    };
    let report = report(&diagnostics, &files);
    // The report quotes the files' text: redacted like every message.
    crate::redact::stdout(&report)
        .map_err(|e| Error::failure(format!("cannot write the report: {e}")))?;
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        let which = dir.map_or_else(
            || "the embedded knowledge base".to_string(),
            |d| d.display().to_string(),
        );
        return Err(
            Error::data(format!("{which} has {}", plural(errors, "error")))
                .hint("fix the problems listed above and run `mynumber kb check` again"),
        );
    }
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Every diagnostic with its source line and caret, errors first, then by file and position;
/// then the summary line.
pub fn report(diagnostics: &[Diagnostic], files: &[SourceFile]) -> String {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| {
        (
            d.severity,
            d.file.clone(),
            d.span.as_ref().map_or(0, |s| s.start),
        )
    });
    let mut out = String::new();
    for d in sorted {
        let text = files
            .iter()
            .find(|f| f.name == d.file)
            .map(|f| f.text.as_ref());
        out.push_str(&d.render(text));
        out.push_str("\n\n");
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    out.push_str(&format!(
        "{}, {}\n",
        plural(errors, "error"),
        plural(warnings, "warning")
    ));
    out
}
