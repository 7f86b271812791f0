//! `mynumber kb list|facts|statuses|check`.
//!
//! `kb check [DIR]`: every problem in a knowledge base, at once.
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

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use crate::cli::KbAction;
use crate::context::{Env, write_stdout};
use crate::error::Error;
use crate::kb::diag::{Diagnostic, Severity};
use crate::kb::schema::FactType;
use crate::kb::text::{Lang, Text};
use crate::kb::{Kb, SourceFile};
use crate::wording::messages;

/// Checks the knowledge base in `dir` (or the embedded one) as of `today`, printing the report.
pub(crate) fn check(dir: Option<&Path>, today: NaiveDate, lang: Lang) -> Result<(), Error> {
    let loaded = match dir {
        Some(d) => Kb::from_dir_at(d, Some(today)),
        None => Kb::embedded_checked_on(today),
    };
    let (diagnostics, files) = match loaded {
        Ok(kb) => (kb.warnings, kb.files),
        Err(e) => (e.diagnostics, e.files),
    };
    let report = report(&diagnostics, &files, lang);
    // The report quotes the files' text: redacted like every message.
    crate::context::write_redacted(&report)?;
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        let count = errors_count(errors);
        let which = dir.map_or_else(messages::embedded_kb, |d| {
            Text::from(d.display().to_string())
        });
        let message = messages::per_lang(|l| messages::kb_check_failed(which.get(l), count.get(l)));
        return Err(Error::data(message).hint(messages::kb_check_fix_hint()));
    }
    Ok(())
}

fn errors_count(n: usize) -> Text {
    if n == 1 {
        messages::one_error()
    } else {
        messages::errors_count(n)
    }
}

fn warnings_count(n: usize) -> Text {
    if n == 1 {
        messages::one_warning()
    } else {
        messages::warnings_count(n)
    }
}

/// Every diagnostic with its source line and caret, errors first, then by file and position;
/// then the summary line.
pub(crate) fn report(diagnostics: &[Diagnostic], files: &[SourceFile], lang: Lang) -> String {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by(|a, b| {
        let start = |d: &Diagnostic| d.span.as_ref().map_or(0, |s| s.start);
        (a.severity, &a.file, start(a)).cmp(&(b.severity, &b.file, start(b)))
    });
    // Every problem is listed: this command's job is the whole list.
    let mut out = crate::kb::diag::render_list(
        &sorted,
        |name| {
            files
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.text.as_ref())
        },
        "\n\n",
        None,
        &messages::diagnostic_words(lang),
    );
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    let (errors, warnings) = (errors_count(errors), warnings_count(warnings));
    let summary = messages::kb_summary(errors.get(lang), warnings.get(lang));
    let _ = writeln!(out, "{}", summary.get(lang));
    out
}

/// `kb list` (id, phase, title), `kb facts` (name, type, question), `kb statuses` (key and
/// both names), `kb municipalities` (code, name, prefecture, legal closed days, counters and
/// windows, last checked): one line each, tab-separated, so they can be piped into other tools.
pub(crate) fn run(env: &Env, action: &KbAction) -> Result<(), Error> {
    let mut out = String::new();
    write_listing(&env.kb, env.lang, action, &mut out);
    write_stdout(|w| w.write_all(out.as_bytes()))
}

/// The listing as text (pure, for tests).
pub(crate) fn write_listing(kb: &Kb, lang: Lang, action: &KbAction, out: &mut String) {
    match action {
        KbAction::List => list_steps(kb, lang, out),
        KbAction::Facts => list_facts(kb, lang, out),
        KbAction::Statuses => list_statuses(kb, out),
        KbAction::Municipalities => list_municipalities(kb, lang, out),
        KbAction::Check { .. } => {}
    }
}

/// Each step: id, phase, title, and the period it is in force when it has one.
fn list_steps(kb: &Kb, lang: Lang, out: &mut String) {
    for s in &kb.steps {
        let d = &s.decl;
        let when = match &d.effective {
            Some(e) => {
                let from = e
                    .from
                    .as_ref()
                    .map(|f| f.get_ref().to_string())
                    .unwrap_or_default();
                let until = e
                    .until
                    .as_ref()
                    .map(|u| u.get_ref().to_string())
                    .unwrap_or_default();
                format!("\t[{from}..{until})")
            }
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "{}\t{}\t{}{when}",
            d.id.get_ref(),
            d.phase.get_ref(),
            d.title.get(lang)
        );
    }
}

/// Each fact: name, type (a choice's values), question.
fn list_facts(kb: &Kb, lang: Lang, out: &mut String) {
    for f in &kb.facts {
        let ty = match f.ty.get_ref() {
            FactType::Date => "date".to_string(),
            FactType::Bool => "bool".to_string(),
            FactType::Status => "status".to_string(),
            FactType::Municipality => "municipality".to_string(),
            FactType::Choice(c) => c
                .iter()
                .map(|c| c.value.as_str())
                .collect::<Vec<_>>()
                .join("|"),
        };
        let _ = writeln!(out, "{}\t{ty}\t{}", f.name.get_ref(), f.question.get(lang));
    }
}

/// Each status of residence: key, names, and whether it leads to resident registration.
fn list_statuses(kb: &Kb, out: &mut String) {
    for s in &kb.statuses {
        let reg = if s.resident_registration {
            ""
        } else {
            "\t(no resident registration)"
        };
        let _ = writeln!(
            out,
            "{}\t{}\t{}{reg}",
            s.key.get_ref(),
            s.name.en,
            s.name.ja
        );
    }
}

/// Each municipality: code, names, its closures, its counters and windows, the newest check.
fn list_municipalities(kb: &Kb, lang: Lang, out: &mut String) {
    let ja = lang == Lang::Ja;
    for m in &kb.municipalities {
        let legal = if m.closed.is_empty() {
            "-".to_string()
        } else {
            m.closed
                .iter()
                .map(|c| format!("{:02}-{:02} {}", c.day.month, c.day.day, c.name.get(ja)))
                .collect::<Vec<_>>()
                .join(messages::clause_separator(lang))
        };
        let practical = match (m.counters.len(), m.windows.len()) {
            (0, 0) => "-".to_string(),
            (c, w) => {
                let counters = if c == 1 {
                    messages::one_counter()
                } else {
                    messages::counters(c)
                };
                let windows = if w == 1 {
                    messages::one_window()
                } else {
                    messages::windows(w)
                };
                messages::counters_and_windows(counters.get(lang), windows.get(lang))
                    .get(lang)
                    .to_string()
            }
        };
        let checked = m
            .legal_sources
            .iter()
            .chain(&m.practical_sources)
            .filter_map(|s| crate::dates::from_toml(s.checked.get_ref()).ok())
            .max()
            .map(|d| d.to_string())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{legal}\t{practical}\t{checked}",
            m.code,
            m.name.get(lang),
            m.prefecture.get(lang)
        );
    }
}
