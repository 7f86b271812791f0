//! Reading answers from where people write them: an answers file (TOML), `--answer KEY=VALUE`
//! pairs. Every problem is reported with the file, line and column (or the fact) and what was
//! expected; a value that looks like an Individual Number is refused and never repeated.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use toml::Spanned;

use crate::engine::facts::{self, Answers, Raw};
use crate::error::Error;
use crate::kb::Kb;
use crate::kb::diag::{Diagnostic, LineIndex, MAX_SHOWN};
use crate::kb::text::{Lang, Text, list_separator, per_lang};
use crate::wording::messages;

/// Parses an answers file's text: unknown fact names are errors, every problem is located.
pub fn parse_answers(kb: &Kb, name: &str, text: &str) -> Result<Answers, Error> {
    let table: BTreeMap<Spanned<String>, Spanned<toml::Value>> = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            let d = Diagnostic::error(name, e.span(), messages::toml_syntax(e.message().trim()))
                .with_help(messages::answers_toml_help());
            return Err(Error::data(messages::not_valid_answers_file(name))
                .detail(messages::render_diagnostics(&[d], |_| Some(text))));
        }
    };
    let index = LineIndex::new(text);
    let mut answers = Answers::new();
    let mut diags = Vec::new();
    // In the order of the file, so that the problems shown are the first ones in it.
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    for (key, value) in entries {
        if diags.len() >= MAX_SHOWN && kb.fact(key.get_ref()).is_none() {
            // Past the problems that are shown, an unknown name is only counted: no search
            // for a similar name that nobody reads.
            diags.push(Diagnostic::error(
                name,
                None,
                messages::unknown_fact(key.get_ref()),
            ));
            continue;
        }
        match parse_entry(kb, name, (text, &index), key, value) {
            Ok(v) => answers.set(key.get_ref().clone(), v),
            Err(d) => diags.push(d),
        }
    }
    if !diags.is_empty() {
        let n = diags.len();
        let detail = messages::render_diagnostics(&diags, |_| Some(text));
        let message = if n == 1 {
            messages::bad_answer(name)
        } else {
            messages::bad_answers(name, n)
        };
        return Err(Error::data(message)
            .detail(detail)
            .hint(messages::facts_hint()));
    }
    Ok(answers)
}

/// One `fact = value` entry of an answers table (a file or the profile): the typed value, or
/// the problem located in `text`, in both languages. A value that looks like an Individual
/// Number is located by line and column only, because the source snippet would repeat it.
/// `source` is the text with its lines indexed once by the caller, so a file of many entries
/// is read in linear time.
pub(crate) fn parse_entry(
    kb: &Kb,
    name: &str,
    (text, index): (&str, &LineIndex),
    key: &Spanned<String>,
    value: &Spanned<toml::Value>,
) -> Result<facts::Value, Diagnostic> {
    let fact = key.get_ref();
    facts::parse_value(kb, fact, &facts::raw_from_toml(value.get_ref())).map_err(|r| {
        let msg = crate::wording::refusals::refusal(&r);
        if r == facts::Refusal::IndividualNumber {
            let (l, c) = index.line_col(text, value.span().start);
            let problem = messages::nest(&msg, |p| messages::fact_problem(fact, p));
            let at = format!("{name}:{l}:{c}");
            Diagnostic::error(
                name,
                None,
                messages::nest(&problem, |p| messages::labelled(&at, p)),
            )
            .with_help(messages::individual_number_remove())
        } else {
            // An unknown fact's message names it already.
            if kb.fact(fact).is_none() {
                return Diagnostic::error(name, Some(key.span()), msg);
            }
            Diagnostic::error(
                name,
                Some(value.span()),
                messages::nest(&msg, |p| messages::fact_problem(fact, p)),
            )
        }
    })
}

/// Reads an answers file.
pub(crate) fn read_answers_file(kb: &Kb, path: &Path) -> Result<Answers, Error> {
    let name = path.display().to_string();
    let text = crate::fsutil::read_text(path, crate::fsutil::SMALL_FILE_LIMIT).map_err(|e| {
        let why = messages::read_error(&e);
        if e.is_bad_data() {
            Error::data(messages::nest(&why, |w| {
                messages::not_an_answers_file(&name, w)
            }))
            .hint(messages::answers_file_is_toml())
        } else {
            Error::usage(messages::nest(&why, |w| {
                messages::cannot_read_answers_file(&name, w)
            }))
            .hint(messages::answers_path_hint())
        }
    })?;
    parse_answers(kb, &name, &text)
}

/// Parses `--answer KEY=VALUE` pairs.
pub(crate) fn parse_pairs(kb: &Kb, pairs: &[String]) -> Result<Answers, Error> {
    let mut answers = Answers::new();
    for p in pairs {
        let (k, v) = facts::split_pair(p).ok_or_else(|| {
            Error::usage(messages::answer_pair_expected(
                if facts::looks_like_individual_number(p) {
                    "…"
                } else {
                    p
                },
            ))
        })?;
        let value = facts::parse_value(kb, &k, &Raw::Str(v)).map_err(|r| {
            let msg = crate::wording::refusals::refusal(&r);
            let label = format!("--answer {k}");
            Error::data(messages::nest(&msg, |m| messages::labelled(&label, m)))
        })?;
        answers.set(k, value);
    }
    Ok(answers)
}

/// Checks answers against each other and today (no future birth dates, expiries after issue,
/// no events in an order that cannot happen, as the knowledge base's order rules say), in
/// both languages.
pub(crate) fn check(
    kb: &Kb,
    answers: &Answers,
    today: NaiveDate,
) -> Result<Vec<facts::OrderProblem>, Error> {
    let (refusals, warnings) = facts::check_answers_and_order(kb, answers, today);
    let problems = worded(refusals);
    if problems.is_empty() {
        return Ok(warnings);
    }
    let mut err = Error::data(if problems.len() == 1 {
        messages::answer_wrong()
    } else {
        messages::answers_wrong(problems.len())
    });
    let mut detail = Text::default();
    for (f, m) in &problems {
        let _ = writeln!(detail.en, "  {}", messages::labelled(f, &m.en).en);
        let _ = writeln!(detail.ja, "  {}", messages::labelled(f, &m.ja).ja);
    }
    err = err.detail(detail).hint(messages::answer_fix_hint());
    Err(err)
}

/// The answers' problems taken together ([`facts::check_answers`]): (fact, what is wrong), in
/// both languages.
pub(crate) fn problems(kb: &Kb, answers: &Answers, today: NaiveDate) -> Vec<(String, Text)> {
    worded(facts::check_answers(kb, answers, today))
}

/// Each problem in both languages.
pub(crate) fn worded(problems: Vec<(String, facts::Problem)>) -> Vec<(String, Text)> {
    problems
        .into_iter()
        .map(|(f, p)| (f, crate::wording::refusals::problem(&p)))
        .collect()
}

/// Exit 2: the answers a plan cannot do without are `missing`; what to supply, and how.
pub(crate) fn missing_error(kb: &Kb, missing: &[String]) -> Error {
    let list = per_lang(|lang| {
        let lines = missing.iter().fold(String::new(), |mut list, m| {
            let q = kb.fact(m).map_or("", |f| f.question.get(lang));
            let _ = writeln!(list, "  {}", messages::labelled(m, q).get(lang));
            list
        });
        Text::from(lines)
    });
    let example = missing
        .first()
        .map_or("nationality=foreign".to_string(), |m| match m.as_str() {
            "nationality" => "nationality=foreign".to_string(),
            "status" => "status=student".to_string(),
            other => format!("{other}=…"),
        });
    let names = per_lang(|lang| messages::missing_answers(missing.join(list_separator(lang))));
    Error::usage(names)
        .detail(list)
        .hint(messages::missing_answers_example(example))
        .hint(messages::missing_answers_file())
}

/// Prints a warning on stderr for each pair of answered days in an unusual order (a `not_before`
/// rule with `warn`, as [`check`] returns them): the plan is still made.
pub(crate) fn warn_order(warnings: &[facts::OrderProblem], lang: Lang) {
    for p in warnings {
        let problem = crate::wording::refusals::order_problem(p);
        let line = messages::labelled(&p.fact, problem.get(lang));
        crate::say!("{}{}", messages::warning_prefix().get(lang), line.get(lang));
    }
}
