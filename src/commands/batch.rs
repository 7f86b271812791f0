//! `mynumber batch`: plans for a whole caseload. CSV (fact names as headers) or JSON Lines in,
//! JSON Lines or CSV out, as a stream: rows are read, planned and written in order, a bounded
//! number at a time, so memory does not grow with the number of rows.
//!
//! A bad row is reported (`row N: fact: message` on stderr, an `error` object in the output)
//! and the batch goes on; the exit code is 65 when any row was refused. A broken file (invalid
//! UTF-8) stops the batch with the line and byte offset. With `--jobs N`, rows are planned on N
//! threads in chunks and written back in input order.

use crate::wording::reasons::reasons_in;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::{BatchArgs, InputFormat, OutputFormat};
use crate::context::Env;
use crate::dates::fmt;
use crate::engine::facts::{self, Answers, Raw};
use crate::engine::plan::{self, Plan, PlannedStep, Status, Wording};
use crate::error::{Error, Exit};
use crate::kb::text::{Lang, Text};
use crate::kb::{Kb, Step};
use crate::render::batch::{
    Changes, ErrorOut, ErrorRow, RowOut, SkippedOut, SourceOut, StepOut, brief_step, sources,
};
use crate::wording::messages;

/// Set by Ctrl-C: stop reading, write what was read, exit 130.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Rows planned per chunk: large enough that handing a chunk to a thread costs little per row,
/// small enough that the rows in flight stay a few hundred kilobytes.
const CHUNK: usize = 128;

pub(crate) fn run(env: &Env, args: &BatchArgs) -> Result<(), Error> {
    let (input, format) = open_input(args)?;
    let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));

    let mut planner = Planner::new(env, args);
    if let Some(p) = &args.since {
        if args.format != OutputFormat::Jsonl {
            return Err(
                Error::usage(messages::since_needs_jsonl()).hint(messages::since_jsonl_hint())
            );
        }
        planner.since = Some(super::batch_since::load(p)?);
    }
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);

    let mut sink = Output::open(args.output.as_deref())?;
    if args.format == OutputFormat::Csv {
        sink.write(b"row,ref,id,phase,status,opens,deadline,deadline_kind,days_left,error\n");
    }
    let mut tally = Tally::default();
    let read = match format {
        InputFormat::Csv => {
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .buffer_capacity(64 * 1024)
                .from_reader(input);
            let columns = read_header(env, args, &mut reader)?;
            let rows = CsvRows {
                reader,
                record: csv::StringRecord::new(),
                row: 0,
            };
            let planner = planner.with_columns(columns);
            drive(&planner, rows, jobs, &mut sink, &mut tally)
        }
        InputFormat::Jsonl => {
            let rows = JsonRows {
                reader: BufReader::with_capacity(64 * 1024, input),
                line: 0,
                offset: 0,
            };
            drive(&planner, rows, jobs, &mut sink, &mut tally)
        }
    };
    let stopped = read?;
    if args.summary {
        crate::redact::stderr(&tally.render(&env.kb, env.lang));
    }
    match stopped {
        Stop::Interrupted => {
            sink.abandon();
            Err(Error::new(
                Exit::Interrupted,
                match &args.output {
                    Some(p) => messages::batch_interrupted_file(tally.rows, p.display()),
                    None => messages::batch_interrupted(tally.rows),
                },
            ))
        }
        Stop::Broken(e) => {
            sink.finish(args.output.as_deref())?;
            Err(e)
        }
        Stop::End => {
            sink.finish(args.output.as_deref())?;
            if tally.refused > 0 {
                Err(Error::data(messages::rows_refused(
                    tally.refused,
                    tally.rows,
                )))
            } else {
                Ok(())
            }
        }
    }
}

/// The input (a file, or standard input when it is not a terminal) and its format: as given,
/// from the file's extension, or sniffed from the first bytes of standard input.
fn open_input(args: &BatchArgs) -> Result<(Box<dyn Read>, InputFormat), Error> {
    let input_path = args
        .input
        .as_deref()
        .filter(|p| p.as_os_str() != "-")
        .map(Path::to_path_buf);
    let mut input: Box<dyn Read> = if let Some(p) = &input_path {
        Box::new(std::fs::File::open(p).map_err(|e| {
            Error::usage(messages::cannot_read_file(p.display(), e))
                .hint(messages::batch_input_hint())
        })?)
    } else {
        if std::io::stdin().is_terminal() {
            return Err(
                Error::usage(messages::batch_needs_input()).hint(messages::batch_pipe_hint())
            );
        }
        Box::new(std::io::stdin().lock())
    };
    let format = match (args.input_format, &input_path) {
        (Some(f), _) => f,
        (None, Some(p)) => format_from_extension(p)?,
        (None, None) => {
            // Sniff standard input: JSON Lines start with `{` (after a BOM or blank space).
            let mut buffered = BufReader::with_capacity(64 * 1024, input);
            let head = buffered.fill_buf().map_err(|e| read_error(&e))?;
            let first = head
                .strip_prefix(b"\xEF\xBB\xBF")
                .unwrap_or(head)
                .iter()
                .find(|b| !b.is_ascii_whitespace());
            let f = if first == Some(&b'{') {
                InputFormat::Jsonl
            } else {
                InputFormat::Csv
            };
            input = Box::new(buffered);
            f
        }
    };
    Ok((input, format))
}

fn format_from_extension(p: &Path) -> Result<InputFormat, Error> {
    let ext = p
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("csv") => Ok(InputFormat::Csv),
        Some("jsonl" | "ndjson" | "json") => Ok(InputFormat::Jsonl),
        _ => Err(Error::usage(messages::unknown_input_format(p.display()))
            .hint(messages::input_format_hint())),
    }
}

fn read_error(e: &std::io::Error) -> Error {
    Error::failure(messages::cannot_read_input(e))
}

// ------------------------------------------------------------------------------- input

/// One input row, as read: planned later, possibly on another thread.
enum RawRow {
    Csv(u64, csv::StringRecord),
    Json(u64, Vec<u8>),
}

/// Why reading stopped.
enum Stop {
    End,
    Interrupted,
    /// The file is broken (not UTF-8): exit 65 after writing the rows before it.
    Broken(Error),
}

/// A source of rows.
trait Rows {
    /// The next row, `Ok(None)` at the end, `Err` for a broken file.
    fn next_row(&mut self) -> Result<Option<RawRow>, Error>;
}

struct CsvRows<R: Read> {
    reader: csv::Reader<R>,
    record: csv::StringRecord,
    row: u64,
}

impl<R: Read> Rows for CsvRows<R> {
    fn next_row(&mut self) -> Result<Option<RawRow>, Error> {
        match self.reader.read_record(&mut self.record) {
            Ok(false) => Ok(None),
            Ok(true) => {
                self.row += 1;
                Ok(Some(RawRow::Csv(
                    self.row,
                    std::mem::take(&mut self.record),
                )))
            }
            Err(e) => Err(csv_error(&e, self.row + 1)),
        }
    }
}

/// A CSV reading error: where it is, never the bytes themselves.
fn csv_error(e: &csv::Error, row: u64) -> Error {
    match e.kind() {
        csv::ErrorKind::Utf8 { pos, .. } => {
            let message = match pos {
                Some(p) => messages::csv_row_not_utf8_at(row, p.line(), p.byte()),
                None => messages::csv_row_not_utf8(row),
            };
            Error::data(message).hint(messages::csv_utf8_hint())
        }
        csv::ErrorKind::Io(io) => read_error(&std::io::Error::new(io.kind(), io.to_string())),
        _ => Error::data(messages::csv_unreadable(row, e)),
    }
}

struct JsonRows<R: BufRead> {
    reader: R,
    line: u64,
    offset: u64,
}

impl<R: BufRead> Rows for JsonRows<R> {
    fn next_row(&mut self) -> Result<Option<RawRow>, Error> {
        loop {
            let mut buf = Vec::with_capacity(256);
            let n = self
                .reader
                .read_until(b'\n', &mut buf)
                .map_err(|e| read_error(&e))?;
            if n == 0 {
                return Ok(None);
            }
            self.line += 1;
            let start = self.offset;
            self.offset += n as u64;
            if self.line == 1 && buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
            }
            if let Err(e) = std::str::from_utf8(&buf) {
                return Err(Error::data(messages::jsonl_line_not_utf8(
                    self.line,
                    start + e.valid_up_to() as u64,
                ))
                .hint(messages::utf8_hint()));
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Ok(Some(RawRow::Json(self.line, buf)));
        }
    }
}

/// What each CSV column holds, decided once from the header.
#[derive(Debug, Clone, Copy)]
enum Column {
    Ref,
    /// A fact, by its index in the knowledge base's facts.
    Fact(usize),
    Ignored,
}

fn read_header<R: Read>(
    env: &Env,
    args: &BatchArgs,
    reader: &mut csv::Reader<R>,
) -> Result<Vec<Column>, Error> {
    let header = reader.headers().map_err(|e| csv_error(&e, 0))?.clone();
    let kb = &env.kb;
    let mut columns = Vec::with_capacity(header.len());
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim();
        if name.is_empty() && header.len() == 1 {
            return Err(Error::data(messages::csv_no_header()).hint(messages::csv_header_hint()));
        }
        if let Some(first) = seen.insert(name, i + 1) {
            return Err(Error::data(messages::csv_column_repeats(
                i + 1,
                first,
                shown_name(name),
            )));
        }
        let col = if name == "ref" {
            Column::Ref
        } else if let Some(f) = kb.facts.iter().position(|f| f.name.get_ref() == name) {
            Column::Fact(f)
        } else if args.ignore_unknown {
            Column::Ignored
        } else {
            let message = match Kb::suggest(name, kb.fact_names().chain(["ref"])) {
                Some(s) => messages::csv_column_not_fact_suggest(i + 1, shown_name(name), s),
                None => messages::csv_column_not_fact(i + 1, shown_name(name)),
            };
            return Err(Error::data(message).hint(messages::csv_columns_hint()));
        };
        columns.push(col);
    }
    Ok(columns)
}

/// A column or field name as it may be repeated: not if it looks like an Individual Number.
fn shown_name(name: &str) -> &str {
    if facts::looks_like_individual_number(name) {
        "…"
    } else {
        name
    }
}

// ------------------------------------------------------------------------------- planning

/// A problem with a row: the fact (none for the row itself) and the message.
type Problem = (Option<String>, Text);

/// What one row became.
enum Planned<'k> {
    /// The plan, and the days in an unusual order to warn about.
    Plan(Plan<'k>, Vec<facts::OrderProblem>),
    /// Every problem: (fact, or none for the row itself; message).
    Refused(Vec<Problem>),
}

/// Everything needed to plan a row and write it; shared by the worker threads.
struct Planner<'e> {
    kb: &'e Kb,
    today: NaiveDate,
    lang: Lang,
    args: &'e BatchArgs,
    columns: Vec<Column>,
    /// Per step of the knowledge base (same index), what is written for it whatever the row
    /// (its sources); prepared the first time a row lists the step, so a batch without
    /// sentences (or of one row) prepares nothing it does not write.
    fixed: Vec<std::sync::OnceLock<StepFixed<'e>>>,
    /// With `--since`: the earlier run's rows, by `ref`.
    since: Option<super::batch_since::Previous>,
}

/// The parts of a step's JSON that do not depend on the person, prepared once.
struct StepFixed<'k> {
    sources: Vec<SourceOut<'k>>,
}

impl<'e> Planner<'e> {
    fn new(env: &'e Env, args: &'e BatchArgs) -> Planner<'e> {
        let kb = &env.kb;
        let lang = env.lang;
        let fixed = kb
            .steps
            .iter()
            .map(|_| std::sync::OnceLock::new())
            .collect();
        Planner {
            kb,
            today: env.today,
            lang,
            args,
            columns: Vec::new(),
            fixed,
            since: None,
        }
    }

    fn with_columns(self, columns: Vec<Column>) -> Planner<'e> {
        Planner { columns, ..self }
    }

    /// A row's answers, or every problem with them.
    fn answers(&self, raw: &RawRow) -> (Answers, Option<String>, Vec<Problem>) {
        let mut answers = Answers::new();
        let mut reference = None;
        let mut problems = Vec::new();
        let mut set = |fact: &str, value: Raw, problems: &mut Vec<Problem>| match facts::parse_value(
            self.kb, fact, &value,
        ) {
            Ok(v) => answers.set(fact.to_string(), v),
            Err(r) => problems.push((
                Some(shown_name(fact).to_string()),
                crate::wording::refusals::refusal(&r),
            )),
        };
        match raw {
            RawRow::Csv(_, record) => {
                if record.len() != self.columns.len() {
                    problems.push((None, messages::row_cells(record.len(), self.columns.len())));
                }
                for (col, cell) in self.columns.iter().zip(record.iter()) {
                    let cell = cell.trim();
                    if cell.is_empty() {
                        continue;
                    }
                    match *col {
                        Column::Ref => reference = Some(cell.to_string()),
                        Column::Fact(i) => {
                            set(
                                self.kb.facts[i].name.get_ref(),
                                Raw::Str(cell.to_string()),
                                &mut problems,
                            );
                        }
                        Column::Ignored => {}
                    }
                }
            }
            RawRow::Json(_, line) => {
                let value: serde_json::Value = match serde_json::from_slice(line) {
                    Ok(v) => v,
                    Err(e) => {
                        // serde_json's syntax errors name a position, never the content.
                        problems.push((None, messages::row_not_json(e)));
                        return (answers, None, problems);
                    }
                };
                let serde_json::Value::Object(map) = value else {
                    let kind = json_kind(&value);
                    problems.push((None, messages::nest(&kind, |k| messages::row_not_object(k))));
                    return (answers, None, problems);
                };
                for (key, v) in &map {
                    if key == "ref" {
                        reference = match v {
                            serde_json::Value::String(s) => Some(s.clone()),
                            serde_json::Value::Number(n) => Some(n.to_string()),
                            serde_json::Value::Null => None,
                            other => {
                                let kind = json_kind(other);
                                problems.push((
                                    Some("ref".into()),
                                    messages::nest(&kind, |k| messages::ref_expected(k)),
                                ));
                                None
                            }
                        };
                        continue;
                    }
                    if self.args.ignore_unknown && self.kb.fact(key).is_none() {
                        continue;
                    }
                    let raw = match v {
                        serde_json::Value::Null => continue,
                        serde_json::Value::String(s) if s.trim().is_empty() => continue,
                        serde_json::Value::String(s) => Raw::Str(s.clone()),
                        serde_json::Value::Bool(b) => Raw::Bool(*b),
                        serde_json::Value::Number(n) => match n.as_i64() {
                            Some(i) => Raw::Int(i),
                            None => Raw::Other("number"),
                        },
                        serde_json::Value::Array(_) => Raw::Other("list"),
                        serde_json::Value::Object(_) => Raw::Other("object"),
                    };
                    set(key, raw, &mut problems);
                }
            }
        }
        // The adviser's own identifier is repeated in the output: never an Individual Number.
        if reference
            .as_deref()
            .is_some_and(facts::looks_like_individual_number)
        {
            reference = None;
            problems.push((Some("ref".into()), messages::individual_number_refusal()));
        }
        (answers, reference, problems)
    }

    fn plan(&self, answers: &Answers) -> Planned<'e> {
        let (refusals, warnings) = facts::check_answers_and_order(self.kb, answers, self.today);
        let mut problems: Vec<Problem> = crate::answers::worded(refusals)
            .into_iter()
            .map(|(f, m)| (Some(f), m))
            .collect();
        for f in plan::missing_required(self.kb, answers, self.today) {
            problems.push((Some(f), messages::plan_needs_answer()));
        }
        if !problems.is_empty() {
            return Planned::Refused(problems);
        }
        let sentences = self.args.format == OutputFormat::Jsonl && !self.args.dates_only;
        let plan = if !sentences {
            plan::make_plan_worded(self.kb, answers, self.today, Wording::Nothing)
        } else if self.args.all {
            plan::make_plan_with_hints(self.kb, answers, self.today)
        } else {
            plan::make_plan_worded(self.kb, answers, self.today, Wording::NoWhyNot)
        };
        Planned::Plan(plan, warnings)
    }

    /// Plans one row and writes it (and its problems) into `chunk`.
    fn row(&self, raw: &RawRow, chunk: &mut Chunk) {
        let n = match raw {
            RawRow::Csv(n, _) | RawRow::Json(n, _) => *n,
        };
        chunk.rows += 1;
        let (answers, reference, mut problems) = self.answers(raw);
        let planned = if problems.is_empty() {
            self.plan(&answers)
        } else {
            problems.sort_by_key(|p| p.0.is_some());
            Planned::Refused(problems)
        };
        match planned {
            Planned::Refused(problems) => {
                chunk.refused += 1;
                let lang = self.lang;
                for (fact, message) in &problems {
                    let message = message.get(lang);
                    let line = match fact {
                        Some(f) => {
                            messages::row_problem(n, messages::labelled(f, message).get(lang))
                        }
                        None => messages::row_problem(n, message),
                    };
                    chunk.err.push_str(line.get(lang));
                    chunk.err.push('\n');
                }
                let (fact, message) = &problems[0];
                self.write_error(
                    n,
                    reference.as_deref(),
                    fact.as_deref(),
                    message.get(lang),
                    chunk,
                );
            }
            Planned::Plan(plan, warnings) => {
                // Days in an unusual order: planned, with a warning on stderr.
                for p in &warnings {
                    let lang = self.lang;
                    let what = messages::labelled(
                        &p.fact,
                        crate::wording::refusals::order_problem(p).get(lang),
                    );
                    chunk
                        .err
                        .push_str(messages::row_warning(n, what.get(lang)).get(lang));
                    chunk.err.push('\n');
                }
                let keep: Vec<&PlannedStep<'_>> =
                    plan.steps.iter().filter(|p| self.keeps(p)).collect();
                if self.args.summary {
                    for p in &keep {
                        chunk.count(p.id(), p.status);
                    }
                }
                self.write_plan(n, reference.as_deref(), &plan, &keep, chunk);
            }
        }
    }

    fn keeps(&self, p: &PlannedStep<'_>) -> bool {
        match self.args.due_within {
            None => true,
            Some(days) => {
                p.status != Status::Done && p.days_left.is_some_and(|d| d <= i64::from(days))
            }
        }
    }

    fn write_error(
        &self,
        n: u64,
        reference: Option<&str>,
        fact: Option<&str>,
        message: &str,
        chunk: &mut Chunk,
    ) {
        // The output is a file the adviser keeps: what a row said passes the same redaction as
        // anything shown on the terminal.
        let fact = fact.map(crate::redact::redact);
        let fact = fact.as_deref();
        let message = crate::redact::redact(message);
        let message: &str = &message;
        match self.args.format {
            OutputFormat::Jsonl => {
                let row = ErrorRow {
                    row: n,
                    r#ref: reference,
                    error: ErrorOut { fact, message },
                };
                chunk.json_line(&row);
            }
            OutputFormat::Csv => {
                let error = match fact {
                    Some(f) => messages::labelled(f, message).get(self.lang).to_string(),
                    None => message.to_string(),
                };
                let n = n.to_string();
                chunk.csv_record(&[
                    &n,
                    reference.unwrap_or(""),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    &error,
                ]);
            }
        }
    }

    fn write_plan(
        &self,
        n: u64,
        reference: Option<&str>,
        plan: &Plan<'_>,
        keep: &[&PlannedStep<'_>],
        chunk: &mut Chunk,
    ) {
        match self.args.format {
            OutputFormat::Csv => {
                let row = n.to_string();
                for p in keep {
                    let d = &p.step.decl;
                    let opens = p.opens.map(fmt).unwrap_or_default();
                    let deadline = p.deadline.map(fmt).unwrap_or_default();
                    let days = p.days_left.map(|d| d.to_string()).unwrap_or_default();
                    chunk.csv_record(&[
                        &row,
                        reference.unwrap_or(""),
                        p.id(),
                        d.phase.get_ref(),
                        p.status.key(),
                        &opens,
                        &deadline,
                        p.deadline_kind.map_or("", |k| k.key()),
                        &days,
                        "",
                    ]);
                }
            }
            OutputFormat::Jsonl if self.args.dates_only => {
                let row = RowOut {
                    row: n,
                    r#ref: reference,
                    schema: 1,
                    today: fmt(plan.today),
                    lang: self.lang.code(),
                    steps: keep.iter().map(|p| brief_step(self.kb, p)).collect(),
                    changes: self.changes(reference, keep),
                    skipped: self.args.all.then(|| {
                        plan.skipped
                            .iter()
                            .map(|s| SkippedOut {
                                id: s.step.decl.id.get_ref(),
                                phase: s.step.decl.phase.get_ref(),
                                title: None,
                                why_not: None,
                                sources: None,
                            })
                            .collect()
                    }),
                };
                chunk.json_line(&row);
            }
            OutputFormat::Jsonl => {
                let lang = self.lang;
                let row = RowOut {
                    row: n,
                    r#ref: reference,
                    schema: 1,
                    today: fmt(plan.today),
                    lang: lang.code(),
                    steps: keep.iter().map(|p| self.full_step(p)).collect(),
                    changes: self.changes(reference, keep),
                    skipped: self.args.all.then(|| {
                        plan.skipped
                            .iter()
                            .map(|s| SkippedOut {
                                id: s.step.decl.id.get_ref(),
                                phase: s.step.decl.phase.get_ref(),
                                title: Some(s.step.decl.title.get(lang)),
                                why_not: Some(reasons_in(self.kb, &s.why_not, lang)),
                                sources: Some(&self.fixed_of(s.step).sources),
                            })
                            .collect()
                    }),
                };
                chunk.json_line(&row);
            }
        }
    }

    /// With `--since`: what changed for this row (`null` when the earlier run had no row with
    /// its `ref`); without it, nothing.
    #[expect(clippy::option_option, reason = "absent, null or a value in the JSON")]
    fn changes(
        &self,
        reference: Option<&str>,
        keep: &[&PlannedStep<'_>],
    ) -> Option<Option<Changes>> {
        let since = self.since.as_ref()?;
        Some(
            reference
                .and_then(|r| since.get(r))
                .map(|before| super::batch_since::compare(before, keep)),
        )
    }

    fn fixed_of(&self, step: &Step) -> &StepFixed<'e> {
        let i = self
            .kb
            .steps
            .iter()
            .position(|s| std::ptr::eq(s, step))
            .unwrap_or(0);
        let step: &'e Step = &self.kb.steps[i];
        self.fixed[i].get_or_init(|| StepFixed {
            sources: sources(&step.decl.sources),
        })
    }

    fn full_step<'p>(&'p self, p: &'p PlannedStep<'_>) -> StepOut<'p> {
        let lang = self.lang;
        let d = &p.step.decl;
        let fixed = self.fixed_of(p.step);
        StepOut {
            title: Some(d.title.get(lang)),
            summary: Some(p.summary.get(lang)),
            why: Some(reasons_in(self.kb, &p.why, lang)),
            // What to bring depends on the person, so it is looked up per plan.
            bring: Some(
                p.bring
                    .iter()
                    .map(|&i| self.kb.item_at(i).name.get(lang))
                    .collect(),
            ),
            notes: Some(
                crate::wording::notes::notes(p)
                    .iter()
                    .map(|n| n.text.get(lang).to_string())
                    .collect(),
            ),
            missed: Some(p.missed.as_ref().map(|t| t.get(lang))),
            sources: Some(&fixed.sources),
            ..brief_step(self.kb, p)
        }
    }
}

fn json_kind(v: &serde_json::Value) -> Text {
    match v {
        serde_json::Value::Null => messages::json_null(),
        serde_json::Value::Bool(_) => messages::json_bool(),
        serde_json::Value::Number(_) => messages::json_number(),
        serde_json::Value::String(_) => messages::json_string(),
        serde_json::Value::Array(_) => messages::json_list(),
        serde_json::Value::Object(_) => messages::json_object(),
    }
}

// ------------------------------------------------------------------------------- chunks

/// The output of a run of rows, in order: what goes to the output, to stderr, and the counts.
#[derive(Default)]
struct Chunk {
    out: Vec<u8>,
    /// CSV output goes through the csv crate's writer, moved into `out` when written.
    csv: Option<csv::Writer<Vec<u8>>>,
    err: String,
    rows: u64,
    refused: u64,
    /// (step id, status) → people, for `--summary`.
    counts: BTreeMap<(String, Status), u64>,
}

impl Chunk {
    fn json_line(&mut self, v: &impl Serialize) {
        // Serializing plain structs of strings and numbers into memory cannot fail.
        if serde_json::to_writer(&mut self.out, v).is_ok() {
            self.out.push(b'\n');
        }
    }

    fn csv_record(&mut self, fields: &[&str]) {
        let w = self.csv.get_or_insert_with(|| {
            csv::WriterBuilder::new()
                .has_headers(false)
                .buffer_capacity(4096)
                .from_writer(Vec::with_capacity(8192))
        });
        // Writing into memory cannot fail.
        let _ = w.write_record(fields);
    }

    /// Everything written so far, in order.
    fn bytes(&mut self) -> &[u8] {
        if let Some(w) = self.csv.take() {
            if let Ok(mut bytes) = w.into_inner() {
                self.out.append(&mut bytes);
            }
        }
        &self.out
    }

    fn count(&mut self, id: &str, status: Status) {
        match self.counts.get_mut(&(id.to_string(), status)) {
            Some(c) => *c += 1,
            None => {
                self.counts.insert((id.to_string(), status), 1);
            }
        }
    }
}

/// Totals over the whole batch.
#[derive(Default)]
struct Tally {
    rows: u64,
    refused: u64,
    counts: BTreeMap<(String, Status), u64>,
}

impl Tally {
    fn add(&mut self, chunk: &mut Chunk) {
        self.rows += chunk.rows;
        self.refused += chunk.refused;
        for (k, v) in std::mem::take(&mut chunk.counts) {
            *self.counts.entry(k).or_insert(0) += v;
        }
    }

    /// People per step and status, steps in the knowledge base's order.
    fn render(&self, kb: &Kb, lang: Lang) -> String {
        use std::fmt::Write as _;
        const STATUSES: [Status; 5] = [
            Status::Overdue,
            Status::Due,
            Status::Waiting,
            Status::Upcoming,
            Status::Done,
        ];
        let mut s = String::new();
        let summary = messages::batch_summary(self.rows, self.rows - self.refused, self.refused);
        let _ = writeln!(s, "{}", summary.get(lang));
        let mut steps: Vec<&Step> = kb.steps.iter().collect();
        steps.sort_by_key(|s| (s.rules.phase, s.rank));
        let mut ids: Vec<&str> = Vec::new();
        for step in steps {
            let id = step.decl.id.get_ref().as_str();
            if !ids.contains(&id)
                && STATUSES
                    .iter()
                    .any(|st| self.counts.contains_key(&(id.to_string(), *st)))
            {
                ids.push(id);
            }
        }
        // Padded by display width: a Japanese heading is two columns a character.
        let pad = |text: &str, width: usize| {
            " ".repeat(width.saturating_sub(unicode_width::UnicodeWidthStr::width(text)))
        };
        let heading = messages::step_heading();
        let heading = heading.get(lang);
        let width = ids.iter().map(|i| i.len()).max().unwrap_or(4).max(4);
        let _ = write!(s, "{heading}{}", pad(heading, width));
        for st in STATUSES {
            let name = crate::wording::status(st);
            let name = name.get(lang);
            let _ = write!(s, "  {}{name}", pad(name, 8));
        }
        s.push('\n');
        for id in ids {
            let _ = write!(s, "{id:width$}");
            for st in STATUSES {
                let c = self.counts.get(&(id.to_string(), st)).copied().unwrap_or(0);
                let _ = write!(s, "  {c:>8}");
            }
            s.push('\n');
        }
        s
    }
}

// ------------------------------------------------------------------------------- driving

/// Where the output goes: standard output, or a temporary file renamed over `-o FILE` at the
/// end (so the file appears complete, or not at all).
struct Output {
    target: Target,
    /// Set when the reader of standard output has gone (`| head`): stop quietly.
    closed: bool,
    failed: Option<std::io::Error>,
}

enum Target {
    Stdout(std::io::BufWriter<std::io::Stdout>),
    File(std::io::BufWriter<tempfile::NamedTempFile>),
}

impl Output {
    fn open(path: Option<&Path>) -> Result<Output, Error> {
        let target = match path {
            None => Target::Stdout(std::io::BufWriter::with_capacity(
                64 * 1024,
                std::io::stdout(),
            )),
            Some(p) => {
                let dir = match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                let tmp = tempfile::Builder::new()
                    .prefix(".mynumber-")
                    .suffix(".tmp")
                    .tempfile_in(dir)
                    .map_err(|e| Error::failure(messages::cannot_write_file(p.display(), e)))?;
                Target::File(std::io::BufWriter::with_capacity(64 * 1024, tmp))
            }
        };
        Ok(Output {
            target,
            closed: false,
            failed: None,
        })
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.closed || self.failed.is_some() {
            return;
        }
        let r = match &mut self.target {
            Target::Stdout(w) => w.write_all(bytes),
            Target::File(w) => w.write_all(bytes),
        };
        match r {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => self.closed = true,
            Err(e) => self.failed = Some(e),
        }
    }

    /// Whether to go on reading.
    fn open_for_more(&self) -> bool {
        !self.closed && self.failed.is_none()
    }

    fn finish(self, path: Option<&Path>) -> Result<(), Error> {
        let fail = |e: std::io::Error| match path {
            Some(p) => Error::failure(messages::cannot_write_file(p.display(), e)),
            None => Error::failure(messages::cannot_write_output(e)),
        };
        if let Some(e) = self.failed {
            return Err(fail(e));
        }
        let r = match self.target {
            Target::Stdout(mut w) => match w.flush() {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => r,
            },
            Target::File(w) => match (w.into_inner(), path) {
                (Ok(tmp), Some(p)) => {
                    #[cfg(unix)]
                    {
                        use std::os::unix::fs::PermissionsExt;
                        let _ = tmp
                            .as_file()
                            .set_permissions(std::fs::Permissions::from_mode(0o644));
                    }
                    tmp.as_file()
                        .sync_all()
                        .and_then(|()| tmp.persist(p).map(|_| ()).map_err(|e| e.error))
                }
                (Ok(_), None) => Ok(()),
                (Err(e), _) => Err(e.into_error()),
            },
        };
        r.map_err(fail)
    }

    /// Interrupted: an `-o` file is not written (the temporary file is removed on drop).
    fn abandon(mut self) {
        if let Target::Stdout(w) = &mut self.target {
            let _ = w.flush();
        }
    }
}

/// Writes a finished chunk: its rows to the output, its problems to stderr.
fn emit(chunk: &mut Chunk, sink: &mut Output, tally: &mut Tally) {
    sink.write(chunk.bytes());
    if !chunk.err.is_empty() {
        crate::redact::stderr(&chunk.err);
    }
    tally.add(chunk);
}

/// Reads rows, plans them on `jobs` threads, writes them in input order.
fn drive(
    planner: &Planner<'_>,
    mut rows: impl Rows,
    jobs: usize,
    sink: &mut Output,
    tally: &mut Tally,
) -> Result<Stop, Error> {
    if jobs <= 1 {
        let mut chunk = Chunk::default();
        loop {
            if INTERRUPTED.load(Ordering::Relaxed) {
                emit(&mut chunk, sink, tally);
                return Ok(Stop::Interrupted);
            }
            if !sink.open_for_more() {
                return Ok(Stop::End);
            }
            match rows.next_row() {
                Ok(Some(raw)) => {
                    planner.row(&raw, &mut chunk);
                    if chunk.rows >= CHUNK as u64 {
                        emit(&mut chunk, sink, tally);
                        chunk = Chunk::default();
                    }
                }
                Ok(None) => {
                    emit(&mut chunk, sink, tally);
                    return Ok(Stop::End);
                }
                Err(e) => {
                    emit(&mut chunk, sink, tally);
                    return Ok(Stop::Broken(e));
                }
            }
        }
    }
    // An input of one chunk or less is planned here: threads would cost more than they save
    // (a batch of one row costs what `plan` does).
    let (first, stop) = read_chunk(&mut rows);
    if let Some(stop) = stop {
        let mut chunk = Chunk::default();
        for raw in &first {
            planner.row(raw, &mut chunk);
        }
        emit(&mut chunk, sink, tally);
        return Ok(stop);
    }
    // Chunks in flight at most: a few per thread, so a slow chunk holds back a bounded number
    // of finished ones in the reorder buffer.
    let window = jobs * 4;
    std::thread::scope(|scope| {
        let (work_tx, work_rx) = sync_channel::<(u64, Vec<RawRow>)>(jobs * 2);
        let work_rx = Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = channel::<(u64, Chunk)>();
        let (token_tx, token_rx) = sync_channel::<()>(window);
        for _ in 0..window {
            let _ = token_tx.send(());
        }
        for _ in 0..jobs {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            scope.spawn(move || worker(planner, &work_rx, &done_tx));
        }
        drop(done_tx);
        let writer = scope.spawn(move || write_in_order(done_rx, &token_tx, sink, tally));
        let stop = read_chunks(&mut rows, first, &work_tx, &token_rx);
        drop(work_tx);
        let _ = writer.join();
        Ok(stop)
    })
}

/// Up to [`CHUNK`] rows, and why reading stopped if it did.
fn read_chunk(rows: &mut impl Rows) -> (Vec<RawRow>, Option<Stop>) {
    let mut batch = Vec::with_capacity(CHUNK);
    while batch.len() < CHUNK {
        if INTERRUPTED.load(Ordering::Relaxed) {
            return (batch, Some(Stop::Interrupted));
        }
        match rows.next_row() {
            Ok(Some(r)) => batch.push(r),
            Ok(None) => return (batch, Some(Stop::End)),
            Err(e) => return (batch, Some(Stop::Broken(e))),
        }
    }
    (batch, None)
}

fn read_chunks(
    rows: &mut impl Rows,
    first: Vec<RawRow>,
    work_tx: &SyncSender<(u64, Vec<RawRow>)>,
    token_rx: &Receiver<()>,
) -> Stop {
    let mut seq = 0;
    let mut next = Some((first, None));
    loop {
        let (batch, stop) = next.take().unwrap_or_else(|| read_chunk(rows));
        if !batch.is_empty() {
            // A token is returned when a chunk is written; none means the writer stopped.
            if token_rx.recv().is_err() || work_tx.send((seq, batch)).is_err() {
                return Stop::End;
            }
            seq += 1;
        }
        if let Some(s) = stop {
            return s;
        }
    }
}

fn worker(
    planner: &Planner<'_>,
    work_rx: &Mutex<Receiver<(u64, Vec<RawRow>)>>,
    done_tx: &std::sync::mpsc::Sender<(u64, Chunk)>,
) {
    loop {
        let job = match work_rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((seq, rows)) = job else { return };
        let mut chunk = Chunk::default();
        for raw in &rows {
            planner.row(raw, &mut chunk);
        }
        if done_tx.send((seq, chunk)).is_err() {
            return;
        }
    }
}

fn write_in_order(
    done_rx: Receiver<(u64, Chunk)>,
    token_tx: &SyncSender<()>,
    sink: &mut Output,
    tally: &mut Tally,
) {
    let mut next = 0;
    let mut waiting: BTreeMap<u64, Chunk> = BTreeMap::new();
    for (seq, chunk) in done_rx {
        waiting.insert(seq, chunk);
        while let Some(mut chunk) = waiting.remove(&next) {
            emit(&mut chunk, sink, tally);
            next += 1;
            if !sink.open_for_more() {
                // Dropping the tokens' sender stops the reader.
                return;
            }
            let _ = token_tx.send(());
        }
    }
}
