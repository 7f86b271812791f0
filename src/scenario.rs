//! Scenario files: answers + today + expected steps, run by `mynumber test` and `cargo test`.
//!
//! A scenario is the same answers format people write, plus the day to plan on and what the
//! plan must say. Loading checks the file's shape and every answer and reports problems at
//! `file:line:column` (exit 65); evaluating makes the plan and lists every difference. Neither
//! prints anything: `run` does, so tests can call `load` and `evaluate` directly.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::engine::facts::{self, Answers};
use crate::engine::{PlannedStep, make_plan};
use crate::error::Error;
use crate::kb::Kb;
use crate::kb::diag::Diagnostic;
use crate::kb::text::{Lang, Text, clause_separator};
use crate::wording::messages;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    description: Option<String>,
    today: Spanned<toml::value::Datetime>,
    lang: Option<Spanned<String>>,
    #[serde(default)]
    answers: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    expect: Vec<RawExpect>,
    #[serde(default)]
    absent: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpect {
    id: Spanned<String>,
    status: Option<Spanned<String>>,
    deadline: Option<Spanned<toml::Value>>,
    deadline_kind: Option<Spanned<String>>,
    opens: Option<Spanned<toml::Value>>,
    days_left: Option<i64>,
    why_contains: Option<String>,
    notes_contain: Option<String>,
    summary_contains: Option<String>,
    ask_contains: Option<String>,
    needs: Option<Vec<String>>,
    /// `absent` written after an `[[expect]]` header lands here; it means the same as at the top.
    #[serde(default)]
    absent: Vec<Spanned<String>>,
}

/// An expected date: a day, or "none" (no such date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExpectDate {
    Day(NaiveDate),
    None,
}

#[derive(Debug, Clone, Default)]
pub struct Expect {
    pub id: String,
    pub(crate) status: Option<String>,
    pub(crate) deadline: Option<ExpectDate>,
    pub(crate) deadline_kind: Option<String>,
    pub(crate) opens: Option<ExpectDate>,
    pub(crate) days_left: Option<i64>,
    pub(crate) why_contains: Option<String>,
    pub(crate) notes_contain: Option<String>,
    /// The step's summary, as chosen for these answers.
    pub(crate) summary_contains: Option<String>,
    /// What to ask for at the counter, as chosen for these answers (`ja` or its gloss).
    pub(crate) ask_contains: Option<String>,
    pub(crate) needs: Option<Vec<String>>,
}

/// A loaded, checked scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub(crate) name: String,
    pub(crate) description: String,
    pub(crate) today: NaiveDate,
    pub(crate) lang: Lang,
    pub(crate) answers: Answers,
    pub expect: Vec<Expect>,
    pub absent: Vec<String>,
}

const STATUSES: &[&str] = &["done", "overdue", "due", "upcoming", "waiting"];
const KINDS: &[&str] = &["legal", "expiry", "stated", "recommended", "expected"];

/// Parses and checks a scenario's text; every problem is reported at once, located.
pub(crate) fn load(kb: &Kb, name: &str, text: &str) -> Result<Scenario, Error> {
    let bad = |diags: Vec<Diagnostic>| {
        let message = match diags.len() {
            1 => messages::scenario_invalid_one(name),
            n => messages::scenario_invalid(name, n),
        };
        Error::data(message)
            .detail(messages::render_diagnostics(&diags, |_| Some(text)))
            .hint(messages::scenario_hint())
    };
    let raw: RawScenario = toml::from_str(text).map_err(|e| {
        bad(vec![Diagnostic::error(
            name,
            e.span(),
            messages::toml_syntax(e.message().trim()),
        )])
    })?;
    let mut r = Reader {
        kb,
        name,
        diags: Vec::new(),
    };
    let today = if let Ok(d) = crate::dates::from_toml(raw.today.get_ref()) {
        d
    } else {
        r.error(raw.today.span(), messages::scenario_today());
        NaiveDate::MIN
    };
    let lang = match raw.lang.as_ref().map(|l| l.get_ref().as_str()) {
        None | Some("en") => Lang::En,
        Some("ja") => Lang::Ja,
        Some(other) => {
            let span = raw.lang.as_ref().map(Spanned::span);
            r.diags.push(
                Diagnostic::error(name, span, messages::unknown_language(other))
                    .with_help(messages::en_or_ja()),
            );
            Lang::En
        }
    };
    let answers = r.answers(&raw.answers, today);
    let expect = raw.expect.iter().map(|e| r.expectation(e)).collect();
    let absent: Vec<&Spanned<String>> = raw
        .absent
        .iter()
        .chain(raw.expect.iter().flat_map(|e| e.absent.iter()))
        .collect();
    for a in &absent {
        r.step(a);
    }
    if !r.diags.is_empty() {
        return Err(bad(r.diags));
    }
    Ok(Scenario {
        name: name.to_string(),
        description: raw.description.unwrap_or_default(),
        today,
        lang,
        answers,
        expect,
        absent: absent.iter().map(|a| a.get_ref().clone()).collect(),
    })
}

/// A scenario file being checked: its problems, located.
struct Reader<'a> {
    kb: &'a Kb,
    name: &'a str,
    diags: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&mut self, span: std::ops::Range<usize>, message: Text) {
        self.diags
            .push(Diagnostic::error(self.name, Some(span), message));
    }

    /// The answers, each a known fact with a valid value; then, when each is, the problems
    /// between them (as `plan` would refuse them).
    fn answers(
        &mut self,
        raw: &BTreeMap<Spanned<String>, Spanned<toml::Value>>,
        today: NaiveDate,
    ) -> Answers {
        let kb = self.kb;
        let mut answers = Answers::new();
        for (key, value) in raw {
            let fact = key.get_ref();
            if kb.fact(fact).is_none() {
                let help = Kb::suggest(fact, kb.fact_names()).map(messages::did_you_mean);
                let mut d = Diagnostic::error(
                    self.name,
                    Some(key.span()),
                    messages::unknown_fact_named(fact),
                );
                d.help = help.map(Box::new);
                if matches!(fact.as_str(), "absent" | "description" | "today" | "lang") {
                    d.help = Some(Box::new(messages::belongs_at_the_top(fact)));
                }
                self.diags.push(d);
                continue;
            }
            match facts::parse_value(kb, fact, &facts::raw_from_toml(value.get_ref())) {
                Ok(v) => answers.set(fact.clone(), v),
                Err(r) => self.error(
                    value.span(),
                    messages::nest(&crate::wording::refusals::refusal(&r), |m| {
                        messages::fact_problem(fact, m)
                    }),
                ),
            }
        }
        if self.diags.is_empty() {
            for (fact, msg) in crate::answers::problems(kb, &answers, today) {
                let span = raw
                    .iter()
                    .find(|(k, _)| k.get_ref() == &fact)
                    .map(|(_, v)| v.span());
                let msg = messages::nest(&msg, |m| messages::fact_problem(&fact, m));
                self.diags.push(Diagnostic::error(self.name, span, msg));
            }
        }
        answers
    }

    /// A step id that names a step.
    fn step(&mut self, id: &Spanned<String>) {
        if self.kb.step(id.get_ref()).is_none() {
            self.error(id.span(), messages::unknown_step(id.get_ref()));
        }
    }

    /// One `[[expect]]`: a known step, a known status and deadline kind, dates or "none".
    fn expectation(&mut self, e: &RawExpect) -> Expect {
        self.step(&e.id);
        for (v, allowed, what) in [
            (&e.status, STATUSES, "status"),
            (&e.deadline_kind, KINDS, "deadline_kind"),
        ] {
            if let Some(v) = v {
                if !allowed.contains(&v.get_ref().as_str()) {
                    self.diags.push(
                        Diagnostic::error(
                            self.name,
                            Some(v.span()),
                            messages::unknown_named(what, v.get_ref()),
                        )
                        .with_help(messages::one_of(allowed.join(", "))),
                    );
                }
            }
        }
        Expect {
            id: e.id.get_ref().clone(),
            status: e.status.as_ref().map(|s| s.get_ref().clone()),
            deadline: e.deadline.as_ref().and_then(|v| self.date(v)),
            deadline_kind: e.deadline_kind.as_ref().map(|s| s.get_ref().clone()),
            opens: e.opens.as_ref().and_then(|v| self.date(v)),
            days_left: e.days_left,
            why_contains: e.why_contains.clone(),
            notes_contain: e.notes_contain.clone(),
            summary_contains: e.summary_contains.clone(),
            ask_contains: e.ask_contains.clone(),
            needs: e.needs.clone(),
        }
    }

    /// An expected date: a plain date, or "none".
    fn date(&mut self, v: &Spanned<toml::Value>) -> Option<ExpectDate> {
        match v.get_ref() {
            toml::Value::String(s) if s == "none" => Some(ExpectDate::None),
            toml::Value::Datetime(dt) => {
                let day = crate::dates::from_toml(dt).ok().map(ExpectDate::Day);
                if day.is_none() {
                    self.error(v.span(), messages::expected_plain_date());
                }
                day
            }
            _ => {
                self.error(v.span(), messages::expected_date_or_none());
                None
            }
        }
    }
}

/// Reads and loads a scenario file.
pub fn load_file(kb: &Kb, path: &Path) -> Result<Scenario, Error> {
    let name = path.display().to_string();
    let text = crate::fsutil::read_text(path, crate::fsutil::SMALL_FILE_LIMIT).map_err(|e| {
        let msg = messages::nest(&messages::read_error(&e), |w| {
            messages::scenario_cannot_read(&name, w)
        });
        if e.is_bad_data() {
            Error::data(msg)
        } else {
            Error::usage(msg)
        }
    })?;
    load(kb, &name, &text)
}

fn show(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "none".to_string(), crate::dates::fmt)
}

/// Makes the plan and compares it with the expectations: one line per difference, in English.
pub fn evaluate(kb: &Kb, s: &Scenario) -> Vec<String> {
    evaluate_worded(kb, s).into_iter().map(|t| t.en).collect()
}

/// [`evaluate`], each difference in both languages (the plan's own texts in the scenario's
/// `lang`).
pub(crate) fn evaluate_worded(kb: &Kb, s: &Scenario) -> Vec<Text> {
    let plan = make_plan(kb, &s.answers, s.today);
    let mut out = Vec::new();
    for e in &s.expect {
        let Some(p) = plan.steps.iter().find(|p| p.id() == e.id) else {
            let why = plan
                .skipped
                .iter()
                .find(|k| k.step.decl.id.get_ref() == &e.id)
                .map(|k| {
                    crate::wording::reasons::reasons_in(kb, &k.why_not, s.lang)
                        .join(clause_separator(s.lang))
                })
                .unwrap_or_default();
            out.push(messages::expected_but_skipped(&e.id, why));
            continue;
        };
        compare(kb, p, e, s.lang, &mut out);
    }
    for a in &s.absent {
        if let Some(p) = plan.steps.iter().find(|p| p.id() == a) {
            let why = crate::wording::reasons::reasons_in(kb, &p.why, s.lang);
            out.push(messages::expected_absent(
                a,
                why.join(clause_separator(s.lang)),
            ));
        }
    }
    out
}

fn compare(kb: &Kb, p: &PlannedStep<'_>, e: &Expect, lang: Lang, out: &mut Vec<Text>) {
    let id = &e.id;
    if let Some(st) = &e.status {
        if p.status.key() != st {
            out.push(messages::field_differs(id, "status", p.status.key(), st));
        }
    }
    let date_diff = |what: &str, got: Option<NaiveDate>, want: ExpectDate, out: &mut Vec<Text>| {
        let want = match want {
            ExpectDate::Day(d) => Some(d),
            ExpectDate::None => None,
        };
        if got != want {
            out.push(messages::field_differs(id, what, show(got), show(want)));
        }
    };
    if let Some(w) = e.deadline {
        date_diff("deadline", p.deadline, w, out);
    }
    if let Some(w) = e.opens {
        date_diff("opens", p.opens, w, out);
    }
    if let Some(k) = &e.deadline_kind {
        let got = p.deadline_kind.map_or("none", |k| k.key());
        if got != k {
            out.push(messages::field_differs(id, "deadline_kind", got, k));
        }
    }
    if let Some(n) = e.days_left {
        if p.days_left != Some(n) {
            let got = p.days_left.map_or("none".to_string(), |d| d.to_string());
            out.push(messages::field_differs(id, "days_left", got, n));
        }
    }
    if let Some(sub) = &e.why_contains {
        let joined = crate::wording::reasons::reasons_in(kb, &p.why, lang);
        let joined = joined.join(clause_separator(lang));
        if !joined.contains(sub.as_str()) {
            out.push(messages::field_lacks(
                id,
                "why",
                format!("{sub:?}"),
                format!("{joined:?}"),
            ));
        }
    }
    if let Some(sub) = &e.notes_contain {
        let notes = crate::wording::notes::notes(p);
        let joined: Vec<&str> = notes.iter().map(|n| n.text.get(lang)).collect();
        let joined = joined.join(" | ");
        if !joined.contains(sub.as_str()) {
            out.push(messages::field_lacks(
                id,
                "notes",
                format!("{sub:?}"),
                format!("{joined:?}"),
            ));
        }
    }
    if let Some(sub) = &e.summary_contains {
        let summary = p.summary.get(lang);
        if !summary.contains(sub.as_str()) {
            let (sub, summary) = (format!("{sub:?}"), format!("{summary:?}"));
            out.push(messages::field_lacks(id, "summary", sub, summary));
        }
    }
    if let Some(sub) = &e.ask_contains {
        let ask = p.ask.as_ref().map(|a| format!("{} | {}", a.ja, a.en));
        if !ask.as_deref().is_some_and(|a| a.contains(sub.as_str())) {
            out.push(messages::field_lacks(
                id,
                "ask",
                format!("{sub:?}"),
                format!("{ask:?}"),
            ));
        }
    }
    if let Some(n) = &e.needs {
        let needs: Vec<&str> = p.needs.iter().map(|&f| kb.fact_name(f)).collect();
        if needs != *n {
            let (needs, n) = (format!("{needs:?}"), format!("{n:?}"));
            out.push(messages::field_differs(id, "needs", needs, n));
        }
    }
}

/// The result of running some scenario files.
#[derive(Debug, Default)]
pub(crate) struct Report {
    pub(crate) passed: usize,
    /// (file, description, differences) for each failing scenario.
    pub(crate) failed: Vec<(String, String, Vec<Text>)>,
}

/// Loads and evaluates every file; a malformed file stops the run with its located error.
pub(crate) fn run_files(kb: &Kb, files: &[PathBuf]) -> Result<Report, Error> {
    let mut report = Report::default();
    for f in files {
        let s = load_file(kb, f)?;
        let diffs = evaluate_worded(kb, &s);
        if diffs.is_empty() {
            report.passed += 1;
        } else {
            report.failed.push((s.name, s.description, diffs));
        }
    }
    Ok(report)
}

/// The scenario files named: a file as given, a directory as every `.toml` file below it
/// (recursively, in name order). A directory with none is a usage error.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
        let cannot =
            |e: std::io::Error| Error::failure(messages::cannot_read_dir(dir.display(), e));
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(cannot)? {
            entries.push(entry.map_err(cannot)?.path());
        }
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out)?;
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = files.len();
            walk(p, &mut files)?;
            if files.len() == before {
                return Err(Error::usage(messages::no_scenarios(p.display()))
                    .hint(messages::scenario_hint()));
            }
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

/// Writes the failures and the final `N passed, M failed` line, in `lang`.
pub(crate) fn write_report(
    report: &Report,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for (name, description, diffs) in &report.failed {
        let heading = messages::scenario_failed_heading(name, description);
        writeln!(out, "{}", heading.get(lang))?;
        for d in diffs {
            writeln!(out, "  - {}", d.get(lang))?;
        }
    }
    let summary = messages::scenario_summary(report.passed, report.failed.len());
    writeln!(out, "{}", summary.get(lang))
}
