//! Command-line definitions only; the doc comments are the help text.

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

use crate::kb::text::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "mynumber",
    version = crate::VERSION,
    about = "A dated, personalised checklist for Japan's Individual Number (My Number) procedures",
    long_about = "mynumber asks a few questions (or reads an answers file) and prints what to do about the \
My Number system, where, with what, and by which day, counted the way Japanese law counts days, \
on days the office is open. It never asks for, accepts or stores an Individual Number.",
    after_help = crate::error::EXIT_CODES_HELP,
)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: Global,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Args)]
pub(crate) struct Global {
    /// Use the knowledge base in this directory instead of the embedded one.
    #[arg(long, global = true, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub(crate) kb: Option<PathBuf>,
    /// Language of the output [env: MYNUMBER_LANG].
    #[arg(long, global = true, value_enum)]
    pub(crate) lang: Option<Lang>,
    /// Plan as if today were this day (YYYY-MM-DD). Default: today in Japan (UTC+9)
    /// [env: MYNUMBER_TODAY].
    #[arg(long, global = true, value_name = "DATE")]
    pub(crate) today: Option<String>,
    /// When to colour the table (NO_COLOR is respected with `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,
    /// Never prompt; missing answers are an error (exit 2).
    #[arg(long, global = true)]
    pub(crate) no_input: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Table,
    Json,
    Markdown,
    Ics,
    Html,
}

/// Output formats of `next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum NextFormat {
    Text,
    Json,
}

/// Where the answers come from; the later ones win: profile, --answers, --answer.
#[derive(Debug, Args, Clone, Default)]
pub(crate) struct AnswerArgs {
    /// A TOML answers file: fact names as keys, dates as YYYY-MM-DD.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub(crate) answers: Option<PathBuf>,
    /// One answer, e.g. --answer moved_in=2026-04-01 (repeatable).
    #[arg(long = "answer", value_name = "KEY=VALUE")]
    pub(crate) answer: Vec<String>,
    /// The household member (from the saved profile) to use; default: the first one.
    #[arg(long, value_name = "NAME")]
    pub(crate) member: Option<String>,
}

impl AnswerArgs {
    /// Answers were given on the command line (an answers file or `--answer` pairs), not only
    /// the saved profile's.
    pub(crate) fn given(&self) -> bool {
        self.answers.is_some() || !self.answer.is_empty()
    }
}

#[derive(Debug, Args, Clone)]
pub(crate) struct OutputArgs {
    /// Output format (default: table).
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
    /// Write the output to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub(crate) output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Your personalised plan: what to do, where, with what, by when.
    Plan {
        #[command(flatten)]
        answers: AnswerArgs,
        #[command(flatten)]
        output: OutputArgs,
        /// Also list the steps that do not apply, each with why not.
        #[arg(long)]
        all: bool,
        /// Neither say what changed since the last plan nor remember this one.
        #[arg(long)]
        no_history: bool,
        /// Every member of the saved profile's household, grouped by phase, with their names.
        #[arg(long, conflicts_with_all = ["answers", "answer", "member", "all"])]
        household: bool,
    },
    /// What to bring and ask for on a visit to the municipal office.
    Checklist {
        #[command(flatten)]
        answers: AnswerArgs,
        #[command(flatten)]
        output: OutputArgs,
        /// The day of the visit (default: today).
        #[arg(long, value_name = "DATE")]
        visit: Option<String>,
        /// One sheet for the whole household (the saved profile's members) on one visit.
        #[arg(long, conflicts_with_all = ["answers", "answer", "member"])]
        household: bool,
    },
    /// What is due soon: one line per step due within the window, shortest deadline first;
    /// nothing at all when nothing is (for a shell start-up file or a daily timer).
    Next {
        #[command(flatten)]
        answers: AnswerArgs,
        /// The window, in days from today (steps already overdue are always listed).
        #[arg(long, value_name = "DAYS", default_value_t = 14)]
        within: u32,
        /// Output format.
        #[arg(long, value_enum, default_value_t = NextFormat::Text)]
        format: NextFormat,
    },
    /// Why a step applies (or not) and how its dates were derived.
    Explain {
        /// The step id, e.g. card.validity-change.
        step: String,
        #[command(flatten)]
        answers: AnswerArgs,
    },
    /// Record that a step is done; its date becomes the fact later steps count from.
    Done {
        /// The step id, e.g. card.apply.
        step: String,
        /// The day it was done (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// The household member it was done for (default: the first one).
        #[arg(long, value_name = "NAME")]
        member: Option<String>,
    },
    /// Show, locate or delete the saved answers.
    Profile {
        #[command(subcommand)]
        action: ProfileAction,
    },
    /// Inspect and check the knowledge base.
    Kb {
        #[command(subcommand)]
        action: KbAction,
    },
    /// Plans for many people at once: CSV or JSON Lines in, JSON Lines or CSV out.
    Batch(BatchArgs),
    /// Run scenario files (answers + today + expected steps) against the knowledge base.
    Test {
        /// Scenario files (TOML), or directories: every .toml file below them.
        #[arg(required = true, value_name = "PATH", value_hint = ValueHint::AnyPath)]
        files: Vec<PathBuf>,
    },
    /// Print a completion script for your shell (step ids, facts and statuses included).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a directory.
    Man {
        /// Write mynumber.1 and one page per command (mynumber-plan.1, ...) into this directory.
        #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ProfileAction {
    /// Print the saved answers.
    Show,
    /// Add a household member with their own answers (on a terminal, asks them); the first
    /// member is the default for every command.
    Add {
        /// What to call them (`--member NAME`).
        name: String,
        /// A TOML answers file for them.
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        answers: Option<PathBuf>,
        /// One answer for them, e.g. --answer relation=child (repeatable).
        #[arg(long = "answer", value_name = "KEY=VALUE")]
        answer: Vec<String>,
    },
    /// Print where the profile is stored.
    Path,
    /// Delete the saved answers.
    Forget {
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum KbAction {
    /// Check a knowledge base and report every problem at once.
    Check {
        /// The directory to check (default: the embedded knowledge base, or --kb).
        #[arg(value_hint = ValueHint::DirPath)]
        dir: Option<PathBuf>,
    },
    /// List the steps.
    List,
    /// List the facts (answer names).
    Facts,
    /// List the statuses of residence, with English and Japanese names.
    Statuses,
    /// List the municipal overlays: code, name, prefecture, legal closed days, counters and
    /// windows, and when they were checked.
    Municipalities,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum InputFormat {
    /// Comma-separated values with fact names as headers (a spreadsheet export).
    Csv,
    /// JSON Lines: one object of facts per line.
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// One JSON object per input row: `row`, `ref` and the plan (schema 1), or `error`.
    Jsonl,
    /// One line per (row, step): row, ref, id, phase, status, opens, deadline, deadline_kind,
    /// days_left, error.
    Csv,
}

/// `mynumber batch`'s options.
#[derive(Debug, Args, Clone)]
#[expect(clippy::struct_excessive_bools, reason = "command-line flags")]
pub(crate) struct BatchArgs {
    /// The caseload: CSV with fact names as headers, or JSON Lines. `-` or nothing reads
    /// standard input.
    #[arg(value_name = "FILE")]
    pub(crate) input: Option<PathBuf>,
    /// The input's format (default: from the extension; on standard input, JSON Lines when it
    /// starts with `{`, else CSV).
    #[arg(long, value_enum)]
    pub(crate) input_format: Option<InputFormat>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    pub(crate) format: OutputFormat,
    /// Write the output to this file (atomically: it appears complete, or not at all).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Also list the steps that do not apply (JSON Lines `skipped`), each with why not.
    #[arg(long)]
    pub(crate) all: bool,
    /// JSON Lines with ids, statuses and dates only: no titles, reasons, notes or sources.
    #[arg(long)]
    pub(crate) dates_only: bool,
    /// Keep only the steps not done whose deadline is at most DAYS days away (overdue ones
    /// included): what to chase this week is `--due-within 7`.
    #[arg(long, value_name = "DAYS")]
    pub(crate) due_within: Option<u32>,
    /// Print on stderr how many people have each step, by status.
    #[arg(long)]
    pub(crate) summary: bool,
    /// Plan on N threads (default: the available cores); the output keeps the input's order.
    #[arg(long, value_name = "N")]
    pub(crate) jobs: Option<NonZeroUsize>,
    /// Skip columns (or JSON fields) that are not facts instead of refusing them.
    #[arg(long)]
    pub(crate) ignore_unknown: bool,
    /// Add to each JSON Lines row what changed since this earlier output (rows matched by `ref`).
    #[arg(long, value_name = "PREVIOUS.jsonl")]
    pub(crate) since: Option<PathBuf>,
}

/// `--lang en|ja` (the knowledge base's `Lang` knows nothing of the command line).
impl ValueEnum for Lang {
    fn value_variants<'a>() -> &'a [Self] {
        &[Lang::En, Lang::Ja]
    }
    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.code()))
    }
}
