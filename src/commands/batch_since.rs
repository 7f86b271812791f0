//! `mynumber batch --since PREVIOUS.jsonl`: what changed for each person since an earlier run,
//! matched by the adviser's `ref`: new steps, steps now done, deadlines that moved, steps now
//! overdue, steps no longer listed.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde::Deserialize;

use crate::dates::fmt;
use crate::engine::{PlannedStep, Status};
use crate::error::Error;
use crate::render::batch::{Changes, Moved};
use crate::wording::messages;

/// A step as an earlier batch run wrote it (only what is compared).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Seen {
    pub(crate) id: String,
    pub(crate) status: String,
    #[serde(default)]
    pub(crate) deadline: Option<String>,
}

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    r#ref: Option<String>,
    #[serde(default)]
    steps: Option<Vec<Seen>>,
}

/// The earlier run's rows that have a `ref` and a plan, by `ref` (a later row wins).
pub(crate) type Previous = HashMap<String, Vec<Seen>>;

/// Reads the earlier run a line at a time, so that only the rows kept are held in memory (an
/// adviser's earlier run can hold a million rows).
pub(crate) fn load(path: &Path) -> Result<Previous, Error> {
    let cannot_read = |e: std::io::Error| {
        Error::usage(messages::since_cannot_read(path.display(), e)).hint(messages::since_hint())
    };
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let mut out = Previous::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(cannot_read)?;
        if line.trim().is_empty() {
            continue;
        }
        let l: Line = serde_json::from_str(&line).map_err(|e| {
            let at = format!("{}:{}:{}", path.display(), i + 1, e.column());
            Error::data(messages::since_not_a_row(at, e)).hint(messages::since_reads_hint())
        })?;
        if let (Some(r), Some(steps)) = (l.r#ref, l.steps) {
            out.insert(r, steps);
        }
    }
    Ok(out)
}

/// Compares the steps written now with the ones written for the same `ref` before.
pub(crate) fn compare(before: &[Seen], now: &[&PlannedStep<'_>]) -> Changes {
    let mut c = Changes {
        new: Vec::new(),
        done: Vec::new(),
        moved: Vec::new(),
        overdue: Vec::new(),
        gone: Vec::new(),
    };
    for p in now {
        let Some(old) = before.iter().find(|s| s.id == p.id()) else {
            c.new.push(p.id().to_string());
            continue;
        };
        if p.status == Status::Done {
            if old.status != Status::Done.key() {
                c.done.push(p.id().to_string());
            }
            continue;
        }
        if p.status == Status::Overdue && old.status != Status::Overdue.key() {
            c.overdue.push(p.id().to_string());
        }
        let deadline = p.deadline.map(fmt);
        if old.deadline != deadline {
            c.moved.push(Moved {
                id: p.id().to_string(),
                from: old.deadline.clone(),
                to: deadline,
            });
        }
    }
    for s in before {
        if !now.iter().any(|p| p.id() == s.id) {
            c.gone.push(s.id.clone());
        }
    }
    c
}
