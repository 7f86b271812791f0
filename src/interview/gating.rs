//! What the interview asks next, derived from the knowledge base.
//!
//! A fact is worth asking when an answer to it can change a step that reads it
//! ([`Kb::facts_read_by`]): some plausible value makes the step apply, stop applying, become
//! done, or move one of its dates, given the answers so far. A fact whose every reader is
//! already decided is not asked. Two more rules come from the steps' own declarations:
//!
//! - a fact that records a step being done (`records`) is asked only while that step is in the
//!   plan and the steps it comes `after` are done: nobody is asked when they joined the pension
//!   before they have registered;
//! - the facts of an event sit behind a yes/no gate (`[[gate]]` in facts.toml, data): the gate
//!   is asked only when one of its facts is worth asking, and its facts only after a yes.
//!
//! A fact's or gate's `asked_when` / `when` (data too) holds it back until earlier answers make
//! it meaningful: the collection deadline once the postcard has arrived. Candidates are taken
//! in `order`, the person's story: who you are, arrival, registration, the card, the Notice,
//! the application, then events.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};

use crate::engine::eval::{Ctx, Truth};
use crate::engine::facts::{self, Answers, Value};
use crate::engine::plan::{Status, Wording, make_plan_worded, plan_step};
use crate::kb::model::Cond;
use crate::kb::schema::{FactDecl, FactType, GateDecl};
use crate::kb::{Kb, Step};

/// The next question.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Next<'k> {
    Fact(&'k FactDecl),
    Gate(&'k GateDecl),
}

/// What a step asks of the person: nothing (it does not apply, or it is done), or its status
/// and dates. A fact matters when it can change this.
type Outcome = Option<(
    Status,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<(NaiveDate, NaiveDate)>,
    bool,
)>;

/// The knowledge base, indexed for the interview: which steps read and record each fact, and
/// which gate each fact is behind.
pub(crate) struct Gating<'k> {
    kb: &'k Kb,
    today: NaiveDate,
    readers: BTreeMap<&'k str, Vec<&'k Step>>,
    recorders: BTreeMap<&'k str, Vec<&'k Step>>,
    gate_of: BTreeMap<&'k str, &'k GateDecl>,
}

impl<'k> Gating<'k> {
    pub(crate) fn new(kb: &'k Kb, today: NaiveDate) -> Gating<'k> {
        let mut readers: BTreeMap<&'k str, Vec<&'k Step>> = BTreeMap::new();
        let mut recorders: BTreeMap<&'k str, Vec<&'k Step>> = BTreeMap::new();
        for step in &kb.steps {
            for f in kb.facts_read_by(&step.decl) {
                if let Some(decl) = kb.fact(&f) {
                    readers.entry(decl.name.get_ref()).or_default().push(step);
                }
            }
            if let Some(r) = &step.decl.records {
                recorders
                    .entry(r.get_ref().as_str())
                    .or_default()
                    .push(step);
            }
        }
        let mut gate_of = BTreeMap::new();
        for g in &kb.gates {
            for f in &g.facts {
                gate_of.insert(f.get_ref().as_str(), g);
            }
        }
        Gating {
            kb,
            today,
            readers,
            recorders,
            gate_of,
        }
    }

    /// The gate a fact is behind.
    pub(crate) fn gate_of(&self, fact: &str) -> Option<&'k GateDecl> {
        self.gate_of.get(fact).copied()
    }

    /// A gate's answer: given in this interview, or yes when one of its facts is known.
    pub(crate) fn gate_state(
        g: &GateDecl,
        answers: &Answers,
        gates: &BTreeMap<String, bool>,
    ) -> Option<bool> {
        if g.facts.iter().any(|f| answers.get(f.get_ref()).is_some()) {
            return Some(true);
        }
        gates.get(g.name.get_ref()).copied()
    }

    /// The next question worth asking, lowest `order` first; `None` when nothing left can
    /// change the plan. `asked` are the facts already asked (answered or not).
    pub(crate) fn next(
        &self,
        answers: &Answers,
        asked: &BTreeSet<String>,
        gates: &BTreeMap<String, bool>,
    ) -> Option<Next<'k>> {
        let plan = make_plan_worded(self.kb, answers, self.today, Wording::Nothing);
        let in_plan: BTreeMap<&str, Status> =
            plan.steps.iter().map(|p| (p.id(), p.status)).collect();
        let ctx = Ctx::new(self.kb, answers, self.today).without_reasons();
        let open = |f: &FactDecl| {
            let n = f.name.get_ref();
            answers.get(n).is_none() && !asked.contains(n)
        };
        let allowed = |c: Option<&Cond>| c.is_none_or(|c| ctx.cond(c).truth != Truth::No);
        let asked_when = |f: &FactDecl| {
            self.kb
                .fact_id(f.name.get_ref())
                .and_then(|id| self.kb.fact_rules.get(id.index()))
                .and_then(|r| r.asked_when.as_ref())
        };
        let worth = |f: &FactDecl| {
            open(f)
                && allowed(asked_when(f))
                && self.recordable(f, &in_plan)
                && self.changes_a_step(f, answers)
        };
        let mut candidates: Vec<(u32, bool, Next<'k>)> = self
            .kb
            .facts
            .iter()
            .filter(|f| open(f))
            .map(|f| (f.order, true, Next::Fact(f)))
            .chain(
                self.kb
                    .gates
                    .iter()
                    .filter(|g| Self::gate_state(g, answers, gates).is_none())
                    .map(|g| (g.order, false, Next::Gate(g))),
            )
            .collect();
        candidates.sort_by_key(|(order, is_fact, _)| (*order, *is_fact));
        candidates.into_iter().find_map(|(_, _, next)| {
            let ask = match next {
                Next::Fact(f) => {
                    let behind = self.gate_of(f.name.get_ref());
                    behind.is_none_or(|g| Self::gate_state(g, answers, gates) == Some(true))
                        && worth(f)
                }
                Next::Gate(g) => {
                    let when = self
                        .kb
                        .gates
                        .iter()
                        .position(|x| std::ptr::eq(x, g))
                        .and_then(|i| self.kb.gate_rules.get(i))
                        .and_then(|r| r.when.as_ref());
                    allowed(when)
                        && g.facts
                            .iter()
                            .filter_map(|f| self.kb.fact(f.get_ref()))
                            .any(worth)
                }
            };
            ask.then_some(next)
        })
    }

    /// A fact that records a step being done is worth asking only while one of its steps is
    /// in the plan with every step it comes after done (or not in the plan).
    fn recordable(&self, f: &FactDecl, in_plan: &BTreeMap<&str, Status>) -> bool {
        let Some(steps) = self.recorders.get(f.name.get_ref().as_str()) else {
            return true;
        };
        steps.iter().any(|s| {
            in_plan.contains_key(s.decl.id.get_ref().as_str())
                && s.decl.after.iter().all(|a| {
                    in_plan
                        .get(a.get_ref().as_str())
                        .is_none_or(|st| *st == Status::Done)
                })
        })
    }

    /// Whether some value of `f` changes what a step that reads it asks of the person.
    fn changes_a_step(&self, f: &FactDecl, answers: &Answers) -> bool {
        let name = f.name.get_ref();
        let Some(steps) = self.readers.get(name.as_str()) else {
            return false;
        };
        let ctx = Ctx::new(self.kb, answers, self.today).without_reasons();
        let base: Vec<Outcome> = steps.iter().map(|s| outcome(&ctx, s)).collect();
        self.probes(f).into_iter().any(|v| {
            let mut a = answers.clone();
            a.set(name.clone(), v);
            // Only values the interview would accept (a day that is not in the future for a
            // past event, an expiry after the issue date).
            if facts::check_answers(self.kb, &a, self.today)
                .iter()
                .any(|(fact, _)| fact == name)
            {
                return false;
            }
            let ctx = Ctx::new(self.kb, &a, self.today).without_reasons();
            steps
                .iter()
                .zip(&base)
                .any(|(s, before)| outcome(&ctx, s) != *before)
        })
    }

    /// Values to try: days around today (past ones only for a past event), both answers of a
    /// yes/no, every choice, status and municipality.
    fn probes(&self, f: &FactDecl) -> Vec<Value> {
        match f.ty.get_ref() {
            FactType::Date => {
                let t = self.today;
                let mut days = vec![
                    t - Days::new(400),
                    t - Days::new(30),
                    t,
                    t + Days::new(30),
                    t + Days::new(400),
                ];
                if f.past {
                    days.retain(|d| *d <= t);
                }
                days.into_iter().map(Value::Date).collect()
            }
            FactType::Bool => vec![Value::Bool(true), Value::Bool(false)],
            FactType::Choice(cs) => cs.iter().map(|c| Value::Key(c.value.clone())).collect(),
            FactType::Status => self
                .kb
                .statuses
                .iter()
                .map(|s| Value::Key(s.key.get_ref().clone()))
                .collect(),
            FactType::Municipality => self
                .kb
                .municipalities
                .iter()
                .map(|m| Value::Key(m.code.clone()))
                .collect(),
        }
    }
}

fn outcome(ctx: &Ctx<'_>, step: &Step) -> Outcome {
    match plan_step(ctx, step) {
        Ok(p) if p.status != Status::Done => {
            Some((p.status, p.opens, p.deadline, p.expected, p.uncertain))
        }
        _ => None,
    }
}
