//! Error kinds and exit codes, in one place. The exit codes are a public contract (README,
//! `--help`): scripts and advisers' batch jobs depend on them.

use std::fmt;

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
#[derive(Debug, Clone)]
pub struct Error {
    pub exit: Exit,
    pub message: String,
    /// Already rendered located diagnostics, printed after the message.
    pub detail: Option<String>,
    pub hints: Vec<String>,
}

impl Error {
    pub fn new(exit: Exit, message: impl Into<String>) -> Error {
        Error {
            exit,
            message: message.into(),
            detail: None,
            hints: Vec::new(),
        }
    }
    pub fn usage(message: impl Into<String>) -> Error {
        Error::new(Exit::Usage, message)
    }
    pub fn data(message: impl Into<String>) -> Error {
        Error::new(Exit::Data, message)
    }
    pub fn failure(message: impl Into<String>) -> Error {
        Error::new(Exit::Failure, message)
    }
    pub fn interrupted() -> Error {
        Error::new(Exit::Interrupted, "interrupted; nothing new was saved")
    }
    pub fn hint(mut self, h: impl Into<String>) -> Error {
        self.hints.push(h.into());
        self
    }
    pub fn detail(mut self, d: impl Into<String>) -> Error {
        self.detail = Some(d.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        if let Some(d) = &self.detail {
            write!(f, "{}", d)?;
            if !d.ends_with('\n') {
                writeln!(f)?;
            }
        }
        for h in &self.hints {
            writeln!(f, "  hint: {h}")?;
        }
        Ok(())
    }
}

impl From<crate::kb::LoadError> for Error {
    fn from(e: crate::kb::LoadError) -> Error {
        let n = e
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::kb::diag::Severity::Error)
            .count();
        Error::data(format!(
            "the knowledge base has {n} error{}",
            if n == 1 { "" } else { "s" }
        ))
        .detail(e.render())
        .hint("`mynumber kb check DIR` lists every problem; fix them and run again")
    }
}
