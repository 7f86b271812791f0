//! Error kinds and exit codes, in one place. The exit codes are a public contract (README,
//! `--help`): scripts and advisers' batch jobs depend on them.

use std::fmt;
use std::fmt::Write as _;

use crate::kb::text::{Lang, Text};
use crate::wording::messages;

/// The documented exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// Success, also when steps are overdue.
    Ok = 0,
    /// An unexpected failure (a file that cannot be written, a bug).
    Failure = 1,
    /// A usage error, including answers missing when there is no terminal to ask them on.
    Usage = 2,
    /// Bad input data: answers, profile or knowledge base.
    Data = 65,
    /// Interrupted (Ctrl-C).
    Interrupted = 130,
}

impl Exit {
    pub(crate) fn code(self) -> u8 {
        self as u8
    }
}

/// The table printed in `--help` and the README.
pub(crate) const EXIT_CODES_HELP: &str = "Exit codes:
  0    success (also when steps are overdue)
  1    unexpected failure
  2    usage error, including answers missing with no terminal to ask them on
  65   bad input data (answers, profile, knowledge base), with file:line:column
  130  interrupted";

/// An error for the person running the tool: one sentence, then hints that say how to fix it.
/// The message and hints are [`Text`]: the ones from the message catalogue
/// (`crate::wording::messages`) in English and Japanese; a plain string reads the same in both.
#[derive(Debug, Clone)]
pub struct Error {
    pub(crate) exit: Exit,
    pub(crate) message: Text,
    /// Already rendered located diagnostics (in both languages), printed after the message.
    pub(crate) detail: Option<Box<Text>>,
    pub(crate) hints: Vec<Text>,
}

impl Error {
    pub(crate) fn new(exit: Exit, message: impl Into<Text>) -> Error {
        Error {
            exit,
            message: message.into(),
            detail: None,
            hints: Vec::new(),
        }
    }
    pub(crate) fn usage(message: impl Into<Text>) -> Error {
        Error::new(Exit::Usage, message)
    }
    pub(crate) fn data(message: impl Into<Text>) -> Error {
        Error::new(Exit::Data, message)
    }
    pub(crate) fn failure(message: impl Into<Text>) -> Error {
        Error::new(Exit::Failure, message)
    }
    pub(crate) fn interrupted() -> Error {
        Error::new(Exit::Interrupted, messages::interrupted())
    }
    pub(crate) fn hint(mut self, h: impl Into<Text>) -> Error {
        self.hints.push(h.into());
        self
    }
    pub(crate) fn detail(mut self, d: impl Into<Text>) -> Error {
        self.detail = Some(Box::new(d.into()));
        self
    }
}

impl Error {
    /// The error as printed on stderr, in `lang`.
    pub(crate) fn render(&self, lang: Lang) -> String {
        let mut out = format!(
            "{}{}\n",
            messages::error_prefix().get(lang),
            self.message.get(lang)
        );
        if let Some(d) = &self.detail {
            let d = d.get(lang);
            out.push_str(d);
            if !d.ends_with('\n') {
                out.push('\n');
            }
        }
        for h in &self.hints {
            let _ = writeln!(
                out,
                "  {}{}",
                messages::hint_prefix().get(lang),
                h.get(lang)
            );
        }
        out
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl From<crate::kb::LoadError> for Error {
    fn from(e: crate::kb::LoadError) -> Error {
        let n = e
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::kb::diag::Severity::Error)
            .count();
        Error::data(messages::kb_has_errors(n))
            .detail(messages::render_diagnostics(&e.diagnostics, |name| {
                e.source(name)
            }))
            .hint(messages::kb_check_hint())
    }
}
