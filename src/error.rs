//! Error kinds and exit codes, in one place. The exit codes are a public contract (README,
//! `--help`): scripts and advisers' batch jobs depend on them.

use std::fmt;

use crate::kb::text::{Lang, Text};
use crate::wording::messages;

/// The documented exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
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
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// The table printed in `--help` and the README.
pub const EXIT_CODES_HELP: &str = "Exit codes:
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
    pub exit: Exit,
    pub message: Text,
    /// Already rendered located diagnostics, printed after the message.
    pub detail: Option<String>,
    pub hints: Vec<Text>,
}

impl Error {
    pub fn new(exit: Exit, message: impl Into<Text>) -> Error {
        Error {
            exit,
            message: message.into(),
            detail: None,
            hints: Vec::new(),
        }
    }
    pub fn usage(message: impl Into<Text>) -> Error {
        Error::new(Exit::Usage, message)
    }
    pub fn data(message: impl Into<Text>) -> Error {
        Error::new(Exit::Data, message)
    }
    pub fn failure(message: impl Into<Text>) -> Error {
        Error::new(Exit::Failure, message)
    }
    pub fn interrupted() -> Error {
        Error::new(Exit::Interrupted, messages::interrupted())
    }
    pub fn hint(mut self, h: impl Into<Text>) -> Error {
        self.hints.push(h.into());
        self
    }
    pub fn detail(mut self, d: impl Into<String>) -> Error {
        self.detail = Some(d.into());
        self
    }
}

impl Error {
    /// The error as printed on stderr, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = format!(
            "{}{}\n",
            messages::error_prefix().get(lang),
            self.message.get(lang)
        );
        if let Some(d) = &self.detail {
            out.push_str(d);
            if !d.ends_with('\n') {
                out.push('\n');
            }
        }
        for h in &self.hints {
            out.push_str(&format!(
                "  {}{}\n",
                messages::hint_prefix().get(lang),
                h.get(lang)
            ));
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
            .detail(e.render())
            .hint(messages::kb_check_hint())
    }
}
