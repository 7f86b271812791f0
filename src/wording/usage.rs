//! clap's usage errors (an unknown option, a missing value, a bad subcommand) in Japanese.
//! clap words them in English only; under `--lang ja` the same error is told again from its
//! parts (which argument, which value, the values allowed, clap's suggestion and the usage
//! line) with the catalogue's sentences. English keeps clap's own rendering.

use std::fmt::Write as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::messages as m;
use crate::kb::text::{Lang, Text, list_separator};

/// The error as a Japanese report: `エラー：` and a sentence, suggestions, the usage line and
/// where to read more. An error whose parts clap did not give keeps clap's English sentence
/// after a Japanese one.
pub(crate) fn japanese(e: &clap::Error) -> String {
    // clap shows the command's help (in English) when a subcommand is missing.
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        return format!("{}\n\n{}", m::usage_help_follows().ja, e.render());
    }
    let mut out = format!("{}{}", m::error_prefix().ja, sentence(e));
    let hints = suggestions(e);
    if !hints.is_empty() {
        out.push('\n');
    }
    for hint in hints {
        let _ = write!(out, "\n  {}{hint}", m::hint_prefix().ja);
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        let _ = write!(out, "\n\n{}", m::usage_line(usage).ja);
    }
    let _ = writeln!(out, "\n\n{}", m::usage_more("--help").ja);
    out
}

fn string(e: &clap::Error, kind: ContextKind) -> Option<&str> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s),
        _ => None,
    }
}

fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    }
}

fn number(e: &clap::Error, kind: ContextKind) -> Option<isize> {
    match e.get(kind) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    }
}

/// The main sentence in Japanese, with the values allowed when clap lists them.
fn sentence(e: &clap::Error) -> String {
    let list = |items: Vec<String>| items.join(list_separator(Lang::Ja));
    let arg = string(e, ContextKind::InvalidArg);
    let value = string(e, ContextKind::InvalidValue);
    let main = match (e.kind(), arg, value) {
        (ErrorKind::UnknownArgument, Some(arg), _) => Some(m::usage_unknown_argument(arg)),
        (ErrorKind::InvalidValue, Some(arg), Some("")) => Some(m::usage_value_missing(arg)),
        (ErrorKind::InvalidValue | ErrorKind::ValueValidation, Some(arg), Some(value)) => {
            Some(m::usage_invalid_value(value, arg))
        }
        (ErrorKind::TooManyValues, Some(arg), Some(value)) => {
            Some(m::usage_too_many_values(value, arg))
        }
        (ErrorKind::NoEquals, Some(arg), _) => Some(m::usage_no_equals(arg)),
        (ErrorKind::ArgumentConflict, Some(arg), _) => Some(conflict(e, arg)),
        (ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues, Some(arg), _) => {
            let expected = number(e, ContextKind::MinValues)
                .or_else(|| number(e, ContextKind::ExpectedNumValues));
            let actual = number(e, ContextKind::ActualNumValues);
            expected
                .zip(actual)
                .map(|(expected, actual)| m::usage_value_count(arg, expected, actual))
        }
        (ErrorKind::InvalidSubcommand, ..) => {
            string(e, ContextKind::InvalidSubcommand).map(m::usage_unknown_subcommand)
        }
        (ErrorKind::MissingSubcommand, ..) => {
            string(e, ContextKind::InvalidSubcommand).map(m::usage_missing_subcommand)
        }
        (ErrorKind::MissingRequiredArgument, ..) => {
            let missing = strings(e, ContextKind::InvalidArg);
            (!missing.is_empty()).then(|| m::usage_missing_required(list(missing)))
        }
        (ErrorKind::InvalidUtf8, ..) => Some(m::usage_not_utf8()),
        _ => None,
    };
    let main = main.unwrap_or_else(|| m::usage_other(english_sentence(e)));
    let valid = strings(e, ContextKind::ValidValue);
    let subcommands = strings(e, ContextKind::ValidSubcommand);
    let detail = if !valid.is_empty() {
        Some(m::usage_possible_values(list(valid)))
    } else if e.kind() == ErrorKind::MissingSubcommand && !subcommands.is_empty() {
        Some(m::usage_subcommands(list(subcommands)))
    } else {
        None
    };
    match detail {
        Some(d) => main.ja + &d.ja,
        None => main.ja,
    }
}

fn conflict(e: &clap::Error, arg: &str) -> Text {
    match e.get(ContextKind::PriorArg) {
        Some(ContextValue::String(prior)) if prior == arg => m::usage_repeated(arg),
        Some(ContextValue::String(prior)) => m::usage_conflict(arg, prior),
        Some(ContextValue::Strings(prior)) => {
            m::usage_conflict(arg, prior.join(list_separator(Lang::Ja)))
        }
        _ => m::usage_conflict_other(arg),
    }
}

/// clap's own first sentence, without its `error: `.
fn english_sentence(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let first = text.lines().next().unwrap_or_default();
    first.trim_start_matches("error:").trim().to_string()
}

/// "「--answers」ではありませんか？" for clap's similar subcommands, arguments and values;
/// clap's other tips as it words them.
fn suggestions(e: &clap::Error) -> Vec<String> {
    let mut out: Vec<String> = [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .flat_map(|k| strings(e, k))
    .map(|s| m::usage_did_you_mean(s).ja)
    .collect();
    out.extend(strings(e, ContextKind::Suggested));
    out
}
