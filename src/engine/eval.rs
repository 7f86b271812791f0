//! Evaluates the condition language and date expressions against answers, recording why.
//!
//! Conditions are three-valued: a missing answer makes a test unknown rather than false, so a
//! step that may apply is still listed, saying which answer it needs. Every result carries its
//! reasons (which condition, fact, date or comparison decided: [`Reason`]), and every date its
//! derivation, step by step ([`Line`]), for `why` and `explain`; `wording::reasons` says them in
//! English and Japanese. Nothing here makes a sentence.
//!
//! It evaluates the resolved model (`kb::model`): facts, derived conditions and derived dates
//! are indices, so nothing is looked up by name. Each derived condition and derived date is
//! evaluated at most once per context (a plan): the results are kept by index.

use std::cell::{Cell, RefCell};

use chrono::{Datelike, NaiveDate};

use super::facts::{Answers, Slot, slots};
use super::reason::{Flip, InForce, Line, Reason};
use crate::calendar::{self, Calendar, Period};
use crate::dates::fmt;
use crate::kb::Kb;
use crate::kb::model::{
    Compare, Cond, CondId, DateExpr, DateId, Effective, FactId, Key, PeriodExpr, Ref, StatusFlag,
    StatusId, StepIx,
};
use crate::kb::schema::Adjust;

/// Everything an evaluation may look at. `today` is an input, never read from a clock here.
pub(crate) struct Ctx<'a> {
    pub(crate) kb: &'a Kb,
    pub(crate) today: NaiveDate,
    /// The office calendar of the person's municipality: the national one, plus the closed
    /// days its ordinance adds when the answers name a municipality that has them. Deadlines
    /// are counted on it; practical openings never enter it.
    pub(crate) calendar: &'a crate::calendar::Calendar,
    /// Say, for a step that does not apply, which answer would change that ([`Ctx::why_not`]).
    /// It costs several evaluations of each condition, so only `plan --all` and `explain` ask.
    pub(crate) hints: bool,
    /// Record how each date was derived, step by step ([`Derived::trace`]); only `explain`
    /// shows it, so only `explain` pays for the sentences.
    pub(crate) traces: bool,
    /// Make the sentences of [`Judgement::reasons`] (a plan's `why`). A batch that writes only
    /// ids and dates turns this off ([`Ctx::without_reasons`]): it would build them for nothing.
    reasons: Cell<bool>,
    /// The answers by fact id.
    slots: Vec<Option<Slot>>,
    /// The steps recorded as done, by step index (empty when none is).
    done: Vec<bool>,
    /// Derived conditions and dates already evaluated, without and with reasons.
    memo: [Memo; 2],
    /// How many derived conditions and dates were evaluated (not taken from `memo`).
    evaluations: Cell<usize>,
}

/// The results of derived conditions and derived dates, by index.
#[derive(Default)]
struct Memo {
    conds: RefCell<Vec<Option<Judgement>>>,
    dates: RefCell<Vec<Option<Derived>>>,
}

/// The person's municipality (its code), when the answers name one.
pub(crate) fn municipality<'x>(kb: &Kb, answers: &'x Answers) -> Option<&'x str> {
    kb.municipality_fact()
        .and_then(|f| answers.get(f))
        .and_then(|v| match v {
            super::facts::Value::Key(k) => Some(k.as_str()),
            _ => None,
        })
}

/// The municipality's code among answers placed by fact.
fn municipality_in<'s>(kb: &Kb, slots: &'s [Option<Slot>]) -> Option<&'s str> {
    match slots.get(kb.roles.municipality?.index())? {
        Some(Slot::Code(c)) => Some(c),
        _ => None,
    }
}

/// The office calendar deadlines are counted on for these answers: the national one, plus the
/// closed days the person's municipality adds by ordinance.
pub(crate) fn calendar_for<'k>(kb: &'k Kb, answers: &Answers) -> &'k crate::calendar::Calendar {
    kb.calendar_of(municipality(kb, answers))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Truth {
    Yes,
    No,
    Unknown,
}

/// A condition's result with what explains it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Judgement {
    pub(crate) truth: Truth,
    pub(crate) reasons: Vec<Reason>,
    /// Facts whose answers would decide it.
    pub(crate) missing: Vec<FactId>,
}

/// A date's result with its derivation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Derived {
    pub(crate) date: Option<NaiveDate>,
    pub(crate) missing: Vec<FactId>,
    pub(crate) trace: Vec<Line>,
}

const MAX_DEPTH: usize = 32;

fn push_missing(into: &mut Vec<FactId>, from: &[FactId]) {
    for m in from {
        if !into.contains(m) {
            into.push(*m);
        }
    }
}

fn truth(holds: bool) -> Truth {
    if holds { Truth::Yes } else { Truth::No }
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(kb: &'a Kb, answers: &Answers, today: NaiveDate) -> Self {
        let mut done = Vec::new();
        if answers.done_steps().next().is_some() {
            done = kb.steps.iter().map(|s| answers.is_done(&s.id)).collect();
        }
        let slots = slots(kb, answers);
        let calendar = kb.calendar_of(municipality_in(kb, &slots));
        Ctx {
            kb,
            today,
            calendar,
            hints: false,
            traces: false,
            reasons: Cell::new(true),
            slots,
            done,
            memo: [Memo::default(), Memo::default()],
            evaluations: Cell::new(0),
        }
    }

    /// The same context, making no sentences for reasons (the truth values, missing answers and
    /// dates are the same).
    pub(crate) fn without_reasons(self) -> Self {
        self.reasons.set(false);
        self
    }

    /// Whether reasons are made.
    pub(crate) fn reasons(&self) -> bool {
        self.reasons.get()
    }

    /// `f` with reasons off (a quick decision before deciding with reasons).
    pub(crate) fn quietly<T>(&self, f: impl FnOnce(&Self) -> T) -> T {
        let was = self.reasons.replace(false);
        let out = f(self);
        self.reasons.set(was);
        out
    }

    /// A reason, recorded only when reasons are wanted.
    fn say(&self, make: impl FnOnce() -> Reason) -> Vec<Reason> {
        if self.reasons.get() {
            vec![make()]
        } else {
            Vec::new()
        }
    }

    /// The same context, with why-not hints on.
    pub(crate) fn with_hints(self) -> Self {
        Ctx {
            hints: true,
            ..self
        }
    }

    /// The same context, recording each date's derivation.
    pub(crate) fn with_traces(self) -> Self {
        Ctx {
            traces: true,
            ..self
        }
    }

    /// The answer to a fact, if given.
    pub(crate) fn slot(&self, fact: FactId) -> Option<&Slot> {
        self.slots[fact.index()].as_ref()
    }

    /// The person's municipality (its code), when the answers name one.
    pub(crate) fn municipality(&self) -> Option<&str> {
        municipality_in(self.kb, &self.slots)
    }

    /// Whether the step was recorded as done (`mynumber done`).
    pub(crate) fn is_done(&self, step: StepIx) -> bool {
        self.done.get(step.index()).copied().unwrap_or(false)
    }

    /// How many derived conditions and derived dates this context has evaluated (each at most
    /// once per reasons setting).
    #[cfg(test)]
    pub(crate) fn evaluations(&self) -> usize {
        self.evaluations.get()
    }

    fn needs(&self, fact: FactId) -> Judgement {
        Judgement {
            truth: Truth::Unknown,
            reasons: self.say(|| Reason::Needs(fact)),
            missing: vec![fact],
        }
    }

    pub(crate) fn cond(&self, c: &Cond) -> Judgement {
        self.cond_at(c, 0)
    }

    /// A derived condition's result: evaluated once, then kept.
    pub(crate) fn derived_cond(&self, id: CondId, depth: usize) -> Judgement {
        let memo = &self.memo[usize::from(self.reasons.get())];
        if let Some(Some(j)) = memo.conds.borrow().get(id.index()) {
            return j.clone();
        }
        self.evaluations.set(self.evaluations.get() + 1);
        let j = self.derived_cond_now(id, depth);
        let mut m = memo.conds.borrow_mut();
        if m.is_empty() {
            m.resize(self.kb.derived_conditions.len(), None);
        }
        m[id.index()] = Some(j.clone());
        j
    }

    fn derived_cond_now(&self, id: CondId, depth: usize) -> Judgement {
        let nc = &self.kb.derived_conditions[id.index()];
        let inner = self.cond_at(&nc.when, depth + 1);
        if inner.truth == Truth::Unknown {
            return inner;
        }
        let holds = inner.truth == Truth::Yes;
        Judgement {
            truth: inner.truth,
            // Its sentence is filled with answers and derived dates.
            reasons: self.say(|| Reason::Derived {
                cond: id,
                holds,
                values: nc
                    .placeholders
                    .iter()
                    .map(|(_, r)| r.and_then(|r| self.value_of(r)))
                    .collect(),
            }),
            missing: vec![],
        }
    }

    fn cond_at(&self, c: &Cond, depth: usize) -> Judgement {
        if depth > MAX_DEPTH {
            return Judgement {
                truth: Truth::Unknown,
                reasons: vec![Reason::TooDeep],
                missing: Vec::new(),
            };
        }
        match c {
            Cond::All(cs) | Cond::Any(cs) if !self.reasons.get() => {
                self.combine_quietly(cs, matches!(c, Cond::All(_)), depth)
            }
            Cond::All(cs) => {
                let parts: Vec<Judgement> = cs.iter().map(|c| self.cond_at(c, depth + 1)).collect();
                combine(&parts, true)
            }
            Cond::Any(cs) => {
                let parts: Vec<Judgement> = cs.iter().map(|c| self.cond_at(c, depth + 1)).collect();
                combine(&parts, false)
            }
            Cond::Not(c) => {
                let mut j = self.cond_at(c, depth + 1);
                j.truth = match j.truth {
                    Truth::Yes => Truth::No,
                    Truth::No => Truth::Yes,
                    Truth::Unknown => Truth::Unknown,
                };
                j
            }
            Cond::Derived(id) => self.derived_cond(*id, depth),
            Cond::Yes(fact) => match self.slot(*fact) {
                Some(Slot::Bool(b)) => Judgement {
                    truth: truth(*b),
                    reasons: self.say(|| Reason::Answer {
                        fact: *fact,
                        value: Slot::Bool(*b),
                    }),
                    missing: vec![],
                },
                _ => self.needs(*fact),
            },
            Cond::OneOf { fact, values } => self.one_of(*fact, values),
            Cond::Known { what, known } => {
                let (answer, derived) = match what {
                    Ref::Fact(f) => (self.slot(*f), None),
                    Ref::Date(d) => (None, self.derived_date(*d, depth + 2).date),
                };
                let is_known = answer.is_some() || derived.is_some();
                Judgement {
                    truth: truth(is_known == *known),
                    reasons: self.say(|| match (what, answer, derived) {
                        (Ref::Fact(f), Some(v), _) => Reason::Answer {
                            fact: *f,
                            value: v.clone(),
                        },
                        (Ref::Date(d), _, Some(v)) => Reason::DerivedDate { date: *d, value: v },
                        _ => Reason::NotGiven(*what),
                    }),
                    missing: vec![],
                }
            }
            Cond::Compare { op, date, than } => self.compare(*op, date, than, depth),
            Cond::AgeAtLeast { years, birth, on } => self.age_at_least(*years, *birth, on, depth),
            Cond::Status { fact, flag } => match self.slot(*fact) {
                Some(Slot::Key(k)) => {
                    let s = &self.kb.statuses[*k];
                    let holds = match flag {
                        StatusFlag::CardTiedToStay => s.card_tied_to_stay,
                        StatusFlag::ResidentRegistration => s.resident_registration,
                    };
                    Judgement {
                        truth: truth(holds),
                        reasons: self.say(|| Reason::Status {
                            status: StatusId::new(*k),
                            flag: *flag,
                            holds,
                        }),
                        missing: vec![],
                    }
                }
                _ => self.needs(*fact),
            },
            Cond::InForce(e) => {
                let state = in_force(*e, self.today);
                Judgement {
                    truth: truth(state.holds()),
                    reasons: vec![Reason::InForce(state)],
                    missing: vec![],
                }
            }
        }
    }

    fn compare(&self, op: Compare, date: &DateExpr, than: &DateExpr, depth: usize) -> Judgement {
        let a = self.date_at(date, depth + 1);
        let b = self.date_at(than, depth + 1);
        let (Some(da), Some(db)) = (a.date, b.date) else {
            let mut missing = a.missing.clone();
            push_missing(&mut missing, &b.missing);
            let reasons = missing
                .iter()
                .flat_map(|m| self.needs(*m).reasons)
                .collect();
            return Judgement {
                truth: Truth::Unknown,
                reasons,
                missing,
            };
        };
        let holds = match op {
            Compare::Before => da < db,
            Compare::After => da > db,
            Compare::OnOrBefore => da <= db,
        };
        Judgement {
            truth: truth(holds),
            reasons: self.say(|| Reason::Compare {
                op,
                holds,
                date: Box::new(date.clone()),
                a: da,
                than: Box::new(than.clone()),
                b: db,
            }),
            missing: vec![],
        }
    }

    fn age_at_least(&self, y: u32, birth: FactId, on: &DateExpr, depth: usize) -> Judgement {
        let on = self.date_at(on, depth + 1);
        let b = self.slot(birth).and_then(Slot::as_date);
        match (b, on.date) {
            (Some(b), Some(d)) => {
                let age = age_on(b, d);
                let holds = age >= i64::from(y);
                let reasons = self.say(|| Reason::Age {
                    age,
                    on: d,
                    years: y,
                    holds,
                });
                Judgement {
                    truth: truth(holds),
                    reasons,
                    missing: vec![],
                }
            }
            (None, _) => self.needs(birth),
            (_, None) => {
                let reasons = on
                    .missing
                    .iter()
                    .flat_map(|m| self.needs(*m).reasons)
                    .collect();
                Judgement {
                    truth: Truth::Unknown,
                    reasons,
                    missing: on.missing,
                }
            }
        }
    }

    /// `all` (`and`) or `any` without reasons: the same truth and missing answers as
    /// [`combine`], stopping at the first child that decides the result.
    fn combine_quietly(&self, cs: &[Cond], and: bool, depth: usize) -> Judgement {
        let decisive = if and { Truth::No } else { Truth::Yes };
        let mut missing: Vec<FactId> = Vec::new();
        let mut unknown = false;
        for c in cs {
            let j = self.cond_at(c, depth + 1);
            if j.truth == decisive {
                return Judgement {
                    truth: decisive,
                    reasons: Vec::new(),
                    missing: Vec::new(),
                };
            }
            if j.truth == Truth::Unknown {
                unknown = true;
                if missing.is_empty() {
                    missing = j.missing;
                } else {
                    push_missing(&mut missing, &j.missing);
                }
            }
        }
        let truth = if unknown {
            Truth::Unknown
        } else if and {
            Truth::Yes
        } else {
            Truth::No
        };
        Judgement {
            truth,
            reasons: Vec::new(),
            missing,
        }
    }

    /// What would change a decided condition's result. For `all` and `any` it names the
    /// children that decide the result, joined with "and" (all of them must change) or "or"
    /// (any one is enough). `None` when the result is not decided yet (an answer is missing:
    /// that is `Judgement.missing`) or when no answer can change it (a rule's effective period).
    pub(crate) fn flip(&self, c: &Cond) -> Option<Flip> {
        self.flip_at(c, 0)
    }

    /// The why-not of a condition that does not hold: its reasons, then what would change it.
    pub(crate) fn why_not(&self, c: &Cond) -> Vec<Reason> {
        let mut out = self.cond(c).reasons;
        if let Some(f) = self.flip(c) {
            out.push(Reason::WouldApply(f));
        }
        out
    }

    fn flip_at(&self, c: &Cond, depth: usize) -> Option<Flip> {
        if depth > MAX_DEPTH {
            return None;
        }
        let truth = self.cond_at(c, depth).truth;
        if truth == Truth::Unknown {
            return None;
        }
        let holds = truth == Truth::Yes;
        match c {
            Cond::All(cs) | Cond::Any(cs) => {
                let and = matches!(c, Cond::All(_));
                let deciding: Vec<&Cond> = cs
                    .iter()
                    .filter(|k| self.cond_at(k, depth + 1).truth == truth)
                    .collect();
                let hints: Vec<Option<Flip>> = deciding
                    .iter()
                    .map(|k| self.flip_at(k, depth + 1))
                    .collect();
                // `all` false and `any` true: every deciding child must change.
                let need_every = and != holds;
                if need_every {
                    let hints: Option<Vec<Flip>> = hints.into_iter().collect();
                    join(hints?, true)
                } else {
                    join(hints.into_iter().flatten().collect(), false)
                }
            }
            Cond::Not(inner) => self.flip_at(inner, depth + 1),
            Cond::Derived(id) => {
                self.flip_at(&self.kb.derived_conditions[id.index()].when, depth + 1)
            }
            Cond::Yes(fact) => Some(Flip::Answer {
                fact: *fact,
                to: !holds,
            }),
            Cond::OneOf { fact, values } => Some(self.flip_values(*fact, values, holds)),
            Cond::Known { what, known } => Some(Flip::Known {
                what: *what,
                known: holds != *known,
            }),
            Cond::Compare { op, date, than } => Some(Flip::Compare {
                op: *op,
                holds,
                date: Box::new(date.clone()),
                than: Box::new(than.clone()),
            }),
            Cond::AgeAtLeast { years, on, .. } => Some(Flip::Age {
                years: *years,
                on: self.date_at(on, depth + 1).date?,
                holds,
            }),
            Cond::Status { flag, .. } => Some(Flip::Status { flag: *flag, holds }),
            Cond::InForce(_) => None,
        }
    }

    /// The values that would flip `eq`/`in`. When the value already holds, the other values of
    /// a choice are named instead of "not …".
    fn flip_values(&self, fact: FactId, values: &[Key], holds: bool) -> Flip {
        let others: Vec<Key> = match self.kb.fact_at(fact).ty.get_ref() {
            crate::kb::schema::FactType::Choice(cs) if holds => {
                (0..cs.len()).filter(|v| !values.contains(v)).collect()
            }
            _ => Vec::new(),
        };
        if holds && !others.is_empty() {
            Flip::Values {
                fact,
                values: others,
                negated: false,
            }
        } else {
            Flip::Values {
                fact,
                values: values.to_vec(),
                negated: holds,
            }
        }
    }

    fn one_of(&self, fact: FactId, values: &[Key]) -> Judgement {
        match self.slot(fact) {
            Some(v @ Slot::Key(k)) => {
                let holds = values.contains(k);
                Judgement {
                    truth: truth(holds),
                    reasons: self.say(|| Reason::Answer {
                        fact,
                        value: v.clone(),
                    }),
                    missing: vec![],
                }
            }
            _ => self.needs(fact),
        }
    }

    /// A fact's answer or a derived date, as written in answers files. The date is computed
    /// without reasons: its value is the same, and a date that depends on the very condition
    /// whose sentence is being filled cannot recurse.
    pub(crate) fn value_of(&self, r: Ref) -> Option<String> {
        match r {
            Ref::Fact(f) => self.slot(f).map(|v| self.render(f, v)),
            Ref::Date(d) => self.quietly(|q| q.derived_date(d, 0).date).map(fmt),
        }
    }

    /// An answer as answers files write it (a choice's or status's key, a date, true/false).
    fn render(&self, fact: FactId, v: &Slot) -> String {
        match (self.kb.fact_at(fact).ty.get_ref(), v) {
            (crate::kb::schema::FactType::Choice(cs), Slot::Key(k)) => cs[*k].value.clone(),
            (_, Slot::Key(k)) => self.kb.statuses[*k].key.get_ref().clone(),
            (_, Slot::Date(d)) => fmt(*d),
            (_, Slot::Bool(b)) => b.to_string(),
            (_, Slot::Code(c)) => c.clone(),
        }
    }

    pub(crate) fn date(&self, d: &DateExpr) -> Derived {
        self.date_at(d, 0)
    }

    /// A derived date's result, with the line that names it: evaluated once, then kept.
    pub(crate) fn derived_date(&self, id: DateId, depth: usize) -> Derived {
        let memo = &self.memo[usize::from(self.reasons.get())];
        if let Some(Some(d)) = memo.dates.borrow().get(id.index()) {
            return d.clone();
        }
        self.evaluations.set(self.evaluations.get() + 1);
        let mut inner = self.date_at(&self.kb.derived_dates[id.index()], depth + 1);
        if let Some(value) = inner.date {
            inner
                .trace
                .extend(self.line(|| Line::Derived { date: id, value }));
        }
        let mut m = memo.dates.borrow_mut();
        if m.is_empty() {
            m.resize(self.kb.derived_dates.len(), None);
        }
        m[id.index()] = Some(inner.clone());
        inner
    }

    fn date_at(&self, d: &DateExpr, depth: usize) -> Derived {
        if depth > MAX_DEPTH {
            return Derived {
                date: None,
                missing: vec![],
                trace: vec![Line::TooDeep],
            };
        }
        match d {
            DateExpr::Derived(id) => self.derived_date(*id, depth),
            DateExpr::Fact(f) => self.answered_date(*f),
            DateExpr::Today => Derived {
                date: Some(self.today),
                missing: vec![],
                trace: self.line(|| Line::Today(self.today)).into_iter().collect(),
            },
            DateExpr::Date(v) => Derived {
                date: Some(*v),
                ..Derived::default()
            },
            DateExpr::Add(p) => self.period(p, depth, true),
            DateExpr::Before(p) => self.period(p, depth, false),
            DateExpr::Earliest(ds) => self.pick(ds, true, depth),
            DateExpr::Latest(ds) => self.pick(ds, false, depth),
            DateExpr::FirstKnown(ds) => self.first_known(ds, depth),
            DateExpr::Birthday { birth, after, nth } => self.birthday(birth, after, *nth, depth),
            DateExpr::Choose { cases, otherwise } => {
                self.choose(cases, otherwise.as_deref(), depth)
            }
            DateExpr::LastOpenOnOrBefore(inner) => {
                let mut out = self.date_at(inner, depth + 1);
                if let Some(d) = out.date {
                    let (v, line) =
                        adjust_day(self.calendar, d, Adjust::LastOpenOnOrBefore, self.traces);
                    out.date = Some(v);
                    out.trace.extend(line);
                }
                out
            }
        }
    }

    /// A date fact's answer, or the fact as missing.
    fn answered_date(&self, f: FactId) -> Derived {
        match self.slot(f).and_then(Slot::as_date) {
            Some(v) => Derived {
                date: Some(v),
                missing: vec![],
                trace: self
                    .line(|| Line::Answer { fact: f, date: v })
                    .into_iter()
                    .collect(),
            },
            None => Derived {
                date: None,
                missing: vec![f],
                trace: vec![],
            },
        }
    }

    /// The earliest or the latest of some dates, once all are known.
    fn pick(&self, ds: &[DateExpr], earliest: bool, depth: usize) -> Derived {
        let parts: Vec<Derived> = ds.iter().map(|d| self.date_at(d, depth + 1)).collect();
        let mut out = Derived::default();
        for p in &parts {
            push_missing(&mut out.missing, &p.missing);
            out.trace.extend(p.trace.iter().cloned());
        }
        if !out.missing.is_empty() {
            return out;
        }
        let dates = parts.iter().filter_map(|p| p.date);
        out.date = if earliest { dates.min() } else { dates.max() };
        if let (Some(v), true) = (out.date, parts.len() > 1) {
            out.trace.extend(self.line(|| Line::Pick {
                earliest,
                dates: parts.iter().filter_map(|p| p.date).collect(),
                result: v,
            }));
        }
        out
    }

    /// The first of some dates that is known.
    fn first_known(&self, ds: &[DateExpr], depth: usize) -> Derived {
        let mut missing = Vec::new();
        for d in ds {
            let r = self.date_at(d, depth + 1);
            if r.date.is_some() {
                return r;
            }
            push_missing(&mut missing, &r.missing);
        }
        Derived {
            date: None,
            missing,
            trace: vec![],
        }
    }

    /// The `nth` birthday strictly after a day.
    fn birthday(&self, birth: &DateExpr, after: &DateExpr, nth: u32, depth: usize) -> Derived {
        let birth = self.date_at(birth, depth + 1);
        let after = self.date_at(after, depth + 1);
        let mut out = Derived::default();
        push_missing(&mut out.missing, &birth.missing);
        push_missing(&mut out.missing, &after.missing);
        out.trace.extend(birth.trace);
        out.trace.extend(after.trace);
        if let (Some(bd), Some(ad)) = (birth.date, after.date) {
            out.date = nth_birthday_after(bd, ad, nth);
            if let Some(v) = out.date {
                out.trace.extend(self.line(|| Line::Birthday {
                    nth,
                    after: ad,
                    result: v,
                }));
            }
        }
        out
    }

    /// The date of the first case whose condition holds; unknown as soon as a condition is.
    fn choose(
        &self,
        cases: &[(Cond, DateExpr)],
        otherwise: Option<&DateExpr>,
        depth: usize,
    ) -> Derived {
        for (when, then) in cases {
            let j = self.cond_at(when, depth + 1);
            match j.truth {
                Truth::Yes => {
                    let mut r = self.date_at(then, depth + 1);
                    let mut trace: Vec<Line> = j.reasons.into_iter().map(Line::Because).collect();
                    trace.append(&mut r.trace);
                    r.trace = trace;
                    return r;
                }
                Truth::Unknown => {
                    return Derived {
                        date: None,
                        missing: j.missing,
                        trace: j.reasons.into_iter().map(Line::Because).collect(),
                    };
                }
                Truth::No => {}
            }
        }
        match otherwise {
            Some(o) => self.date_at(o, depth + 1),
            None => Derived::default(),
        }
    }

    fn period(&self, p: &PeriodExpr, depth: usize, forward: bool) -> Derived {
        let mut from = self.date_at(&p.from, depth + 1);
        let Some(start) = from.date else { return from };
        let (n, unit) = (p.n, p.unit);
        let result = if forward {
            calendar::period_end(
                start,
                Period {
                    n,
                    unit,
                    count_first_day: p.count_first_day,
                },
            )
        } else {
            calendar::window_open(start, n, unit)
        };
        let Some(v) = result else {
            from.date = None;
            return from;
        };
        from.date = Some(v);
        if !self.traces {
            return from;
        }
        from.trace.push(Line::Period {
            forward,
            n,
            unit,
            count_first_day: p.count_first_day,
            result: v,
        });
        from
    }

    /// A line of a derivation, recorded only when derivations are wanted (`explain`).
    fn line(&self, make: impl FnOnce() -> Line) -> Option<Line> {
        self.traces.then(make)
    }
}

/// Moves a last day that falls on a closed day (period-reckoning.md §2–§3); with `say`, also
/// the line of the derivation that records the move.
pub(crate) fn adjust_day(
    cal: &Calendar,
    d: NaiveDate,
    adjust: Adjust,
    say: bool,
) -> (NaiveDate, Option<Line>) {
    let Some(closure) = cal.closure(d) else {
        return (d, None);
    };
    let result = match adjust {
        Adjust::None => return (d, None),
        Adjust::NextOpen => cal.next_open_on_or_after(d),
        Adjust::LastOpenOnOrBefore => cal.last_open_on_or_before(d),
    };
    let line = say.then_some(Line::Moved {
        day: d,
        closure,
        adjust,
        result,
    });
    (result, line)
}

/// Joins why-not clauses with "and" or "or"; `None` when there are none. The result is the
/// same condition said more simply: a clause joined with the same connector is spliced in
/// (`A or (B or C)` is `A or B or C`), a clause said twice is said once, and a clause that
/// repeats another one joined with the other connector is dropped, as the other one decides
/// alone (`A or (A and B)` is `A`; `A and (A or B)` is `A`).
fn join(parts: Vec<Flip>, and: bool) -> Option<Flip> {
    // Comparing every pair costs the square of the clauses: a condition with very many keeps
    // them as written.
    const SIMPLIFY_UP_TO: usize = 32;
    if parts.len() > SIMPLIFY_UP_TO {
        return Some(Flip::Join { and, parts });
    }
    let mut flat: Vec<Flip> = Vec::with_capacity(parts.len());
    for part in parts {
        let spliced = match part {
            Flip::Join { and: a, parts } if a == and => parts,
            other => vec![other],
        };
        for p in spliced {
            if !flat.contains(&p) {
                flat.push(p);
            }
        }
    }
    let absorbed = |p: &Flip| match p {
        Flip::Join {
            and: a,
            parts: inner,
        } if *a != and => inner
            .iter()
            .any(|q| flat.iter().any(|r| !std::ptr::eq(r, p) && r == q)),
        _ => false,
    };
    let keep: Vec<bool> = flat.iter().map(|p| !absorbed(p)).collect();
    let mut parts: Vec<Flip> = flat
        .into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p))
        .collect();
    if parts.len() <= 1 {
        return parts.pop();
    }
    Some(Flip::Join { and, parts })
}

/// Combines children of `all` (and = true) or `any`.
fn combine(parts: &[Judgement], and: bool) -> Judgement {
    let decisive = if and { Truth::No } else { Truth::Yes };
    let firm: Vec<&Judgement> = parts.iter().filter(|p| p.truth == decisive).collect();
    if !firm.is_empty() {
        let reasons = if and {
            firm.iter()
                .flat_map(|p| p.reasons.iter().cloned())
                .collect()
        } else {
            firm[0].reasons.clone()
        };
        return Judgement {
            truth: decisive,
            reasons,
            missing: vec![],
        };
    }
    let mut missing = Vec::new();
    let mut reasons = Vec::new();
    let mut unknown = false;
    for p in parts {
        if p.truth == Truth::Unknown {
            unknown = true;
            push_missing(&mut missing, &p.missing);
        }
        reasons.extend(p.reasons.iter().cloned());
    }
    let truth = if unknown {
        Truth::Unknown
    } else if and {
        Truth::Yes
    } else {
        Truth::No
    };
    Judgement {
        truth,
        reasons,
        missing,
    }
}

/// Whether today lies in an effective period (`from` inclusive, `until` the first day it no
/// longer applies).
pub(crate) fn in_force(e: Effective, today: NaiveDate) -> InForce {
    if let Some(f) = e.from {
        if today < f {
            return InForce::NotYet(f);
        }
    }
    if let Some(u) = e.until {
        if today >= u {
            return InForce::Ended(u);
        }
    }
    match (e.from, e.until) {
        (Some(f), _) => InForce::Since(f),
        (None, Some(u)) => InForce::Until(u),
        _ => InForce::Always,
    }
}

/// Age in completed years on a day, counted on the calendar birthday.
pub(crate) fn age_on(birth: NaiveDate, on: NaiveDate) -> i64 {
    let mut age = i64::from(on.year()) - i64::from(birth.year());
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// The `nth` birthday strictly after `after`. A 29 February birthday falls on 28 February in
/// common years (the day before 1 March, on which the age is completed).
pub(crate) fn nth_birthday_after(
    birth: NaiveDate,
    after: NaiveDate,
    nth: u32,
) -> Option<NaiveDate> {
    let on_year = |y: i32| {
        NaiveDate::from_ymd_opt(y, birth.month(), birth.day())
            .or_else(|| NaiveDate::from_ymd_opt(y, 2, 28))
    };
    let first_year = if on_year(after.year())? > after {
        after.year()
    } else {
        after.year() + 1
    };
    let year = first_year.checked_add(i32::try_from(nth).ok()?.checked_sub(1)?)?;
    on_year(year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::facts::Value;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// "If you give fact i".
    fn give(i: usize) -> Flip {
        Flip::Known {
            what: Ref::Fact(crate::kb::model::FactId::new(i)),
            known: true,
        }
    }

    fn any(parts: Vec<Flip>) -> Flip {
        Flip::Join { and: false, parts }
    }

    fn all(parts: Vec<Flip>) -> Flip {
        Flip::Join { and: true, parts }
    }

    #[test]
    fn why_not_clauses_are_said_once_and_simply() {
        let (a, b, c) = (give(0), give(1), give(2));
        // A or (A and B) is A; A and (A or B) is A.
        assert_eq!(
            join(vec![a.clone(), all(vec![a.clone(), b.clone()])], false),
            Some(a.clone())
        );
        assert_eq!(
            join(vec![a.clone(), any(vec![a.clone(), b.clone()])], true),
            Some(a.clone())
        );
        // A or (B or C) is A or B or C; a clause said twice is said once.
        assert_eq!(
            join(
                vec![a.clone(), any(vec![b.clone(), c.clone()]), a.clone()],
                false
            ),
            Some(any(vec![a.clone(), b.clone(), c.clone()]))
        );
        // A or (B and C) stays as it is.
        assert_eq!(
            join(vec![a.clone(), all(vec![b.clone(), c.clone()])], false),
            Some(any(vec![a.clone(), all(vec![b.clone(), c.clone()])]))
        );
        // The case that read "A or B or ((A or B) and … and A and …)": it is "A or B".
        let long = all(vec![any(vec![a.clone(), b.clone()]), c.clone(), a.clone()]);
        assert_eq!(
            join(vec![any(vec![a.clone(), b.clone()]), long], false),
            Some(any(vec![a.clone(), b.clone()]))
        );
        // Very many clauses are kept as written (comparing them all would cost their square).
        let many: Vec<Flip> = (0..40).map(|_| a.clone()).collect();
        assert_eq!(join(many.clone(), false), Some(any(many)));
        assert_eq!(join(vec![], false), None);
    }

    #[test]
    fn birthdays_after_issue() {
        // Issued before this year's birthday: the first birthday is this year's.
        assert_eq!(
            nth_birthday_after(d("1990-05-05"), d("2026-01-10"), 10),
            Some(d("2035-05-05"))
        );
        // Issued on the birthday: that day is not "after" it.
        assert_eq!(
            nth_birthday_after(d("1990-05-05"), d("2026-05-05"), 10),
            Some(d("2036-05-05"))
        );
        assert_eq!(
            nth_birthday_after(d("2012-08-01"), d("2026-09-01"), 5),
            Some(d("2031-08-01"))
        );
        assert_eq!(
            nth_birthday_after(d("2000-02-29"), d("2026-03-01"), 1),
            Some(d("2027-02-28"))
        );
        assert_eq!(
            nth_birthday_after(d("2000-02-29"), d("2026-03-01"), 2),
            Some(d("2028-02-29"))
        );
    }

    /// A condition written as in a step file, resolved against the knowledge base.
    pub(super) fn cond(kb: &Kb, src: &str) -> Cond {
        #[derive(serde::Deserialize)]
        struct W {
            c: crate::kb::schema::Cond,
        }
        let c = toml::from_str::<W>(&format!("c = {src}")).unwrap().c;
        kb.resolve_cond("test", &c)
            .unwrap_or_else(|e| panic!("{src}: {e:?}"))
    }

    fn flip_en(answers: &[(&str, Value)], c: &str) -> Option<String> {
        let kb = Kb::embedded().unwrap();
        let mut a = Answers::new();
        for (k, v) in answers {
            a.set(*k, v.clone());
        }
        Ctx::new(&kb, &a, d("2026-11-22"))
            .flip(&cond(&kb, c))
            .map(|f| crate::wording::reasons::flip(&kb, &f).en)
    }

    #[test]
    fn a_missing_known_fact_says_which_answer_flips_it() {
        let f = flip_en(&[], r#"{ known = "card_applied_on" }"#).unwrap();
        assert_eq!(f, "if you give the day you applied for the card");
        let f = flip_en(
            &[("card_applied_on", Value::Date(d("2026-10-01")))],
            r#"{ unknown = "card_applied_on" }"#,
        )
        .unwrap();
        assert_eq!(f, "if the day you applied for the card were not given");
    }

    #[test]
    fn a_failing_eq_names_the_value_that_would_flip_it() {
        let japanese = [("nationality", Value::Key("japanese".into()))];
        assert_eq!(
            flip_en(
                &japanese,
                r#"{ eq = { fact = "nationality", value = "foreign" } }"#
            )
            .as_deref(),
            Some("if your nationality were foreign national")
        );
        assert_eq!(
            flip_en(
                &japanese,
                r#"{ not = { eq = { fact = "nationality", value = "japanese" } } }"#
            )
            .as_deref(),
            Some("if your nationality were foreign national")
        );
        // A status is named by its name, and a value that holds is negated when the fact
        // has too many values to list the others.
        let student = [("status", Value::Key("student".into()))];
        assert_eq!(
            flip_en(
                &student,
                r#"{ not = { eq = { fact = "status", value = "student" } } }"#
            )
            .as_deref(),
            Some("if your status of residence were not Student")
        );
    }

    #[test]
    fn all_and_any_name_the_deciding_children_and_bracket_nested_ones() {
        let japanese = [("nationality", Value::Key("japanese".into()))];
        // `all` false: each failing child must change; the passing one is not mentioned.
        let f = flip_en(&japanese, r#"{ all = [{ eq = { fact = "nationality", value = "japanese" } }, { known = "moved_in" }, { known = "entry_date" }] }"#).unwrap();
        assert!(
            f.contains("the day you moved in")
                && f.contains(" and ")
                && f.contains("the day you landed in Japan")
                && !f.contains("nationality"),
            "{f}"
        );
        // `any` false: any one child is enough, and a nested `all` is bracketed.
        let f = flip_en(&japanese, r#"{ any = [{ known = "moved_in" }, { all = [{ known = "entry_date" }, { known = "stay_expires" }] }] }"#).unwrap();
        assert!(f.contains(" or (") && f.ends_with(')'), "{f}");
        // Undecided (an answer is missing): nothing to flip yet.
        assert_eq!(
            flip_en(
                &[],
                r#"{ eq = { fact = "nationality", value = "foreign" } }"#
            ),
            None
        );
        // No answer changes a rule's effective period.
        assert_eq!(flip_en(&[], "{ in_force = { until = 2020-01-01 } }"), None);
    }

    #[test]
    fn dates_are_written_as_yyyy_mm_dd() {
        assert_eq!(fmt(d("2026-01-05")), "2026-01-05");
        assert_eq!(fmt(d("2027-12-31")), "2027-12-31");
        assert_eq!(fmt(d("0099-10-10")), "0099-10-10");
        let far = NaiveDate::from_ymd_opt(12345, 1, 2).unwrap();
        assert_eq!(fmt(far), far.format("%Y-%m-%d").to_string());
    }

    #[test]
    fn ages() {
        assert_eq!(age_on(d("2006-11-23"), d("2026-11-22")), 19);
        assert_eq!(age_on(d("2006-11-22"), d("2026-11-22")), 20);
    }
}

#[cfg(test)]
mod language_tests {
    //! The condition language against the embedded knowledge base's facts and derived names.
    use super::*;
    use crate::engine::facts::{Raw, parse_value};

    fn kb() -> Kb {
        Kb::embedded().unwrap_or_else(|e| panic!("{}", e.render()))
    }

    fn answers(kb: &Kb, pairs: &[(&str, &str)]) -> Answers {
        let mut a = Answers::new();
        for (k, v) in pairs {
            a.set(*k, parse_value(kb, k, &Raw::Str((*v).to_string())).unwrap());
        }
        a
    }

    fn judge(kb: &Kb, pairs: &[(&str, &str)], src: &str) -> Judgement {
        let a = answers(kb, pairs);
        Ctx::new(kb, &a, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
            .cond(&super::tests::cond(kb, src))
    }

    fn names(kb: &Kb, ids: &[FactId]) -> Vec<String> {
        ids.iter()
            .map(|f| kb.facts[f.index()].name.get_ref().clone())
            .collect()
    }

    #[test]
    fn three_valued_logic() {
        let kb = kb();
        let foreign = [("nationality", "foreign")];
        let eq = r#"{ eq = { fact = "nationality", value = "foreign" } }"#;
        assert_eq!(judge(&kb, &foreign, eq).truth, Truth::Yes);
        assert_eq!(
            judge(&kb, &[("nationality", "japanese")], eq).truth,
            Truth::No
        );
        let j = judge(&kb, &[], eq);
        assert_eq!(j.truth, Truth::Unknown);
        assert_eq!(names(&kb, &j.missing), vec!["nationality".to_string()]);
        // `all` is false as soon as one part is false, even if another is unknown.
        let all = r#"{ all = [{ eq = { fact = "nationality", value = "japanese" } }, { known = "moved_in" }, { is = "insurance_linked" }] }"#;
        assert_eq!(judge(&kb, &foreign, all).truth, Truth::No);
        assert_eq!(
            judge(
                &kb,
                &[("nationality", "japanese"), ("moved_in", "2026-01-01")],
                all
            )
            .truth,
            Truth::Unknown
        );
        // `any` is true as soon as one part is true.
        let any = r#"{ any = [{ is = "insurance_linked" }, { known = "moved_in" }] }"#;
        assert_eq!(
            judge(&kb, &[("moved_in", "2026-01-01")], any).truth,
            Truth::Yes
        );
        assert_eq!(judge(&kb, &[], any).truth, Truth::Unknown);
        assert_eq!(
            judge(&kb, &[("insurance_linked", "no")], any).truth,
            Truth::No
        );
        let not = r#"{ not = { known = "moved_in" } }"#;
        assert_eq!(judge(&kb, &[], not).truth, Truth::Yes);
        assert_eq!(
            judge(&kb, &[], r#"{ unknown = "moved_in" }"#).truth,
            Truth::Yes
        );
    }

    #[test]
    fn derived_conditions_explain_themselves() {
        let kb = kb();
        let j = judge(
            &kb,
            &[
                ("nationality", "foreign"),
                ("status", "student"),
                ("stay_expires", "2028-03-31"),
                ("card_expires", "2026-12-31"),
            ],
            r#"{ all = [{ is = "fixed_stay" }, { is = "stay_extended" }] }"#,
        );
        assert_eq!(j.truth, Truth::Yes);
        let en: Vec<String> = crate::wording::reasons::reasons(&kb, &j.reasons)
            .into_iter()
            .map(|t| t.en)
            .collect();
        assert!(
            en.iter().any(|s| s
                == "your period of stay now ends 2028-03-31, later than the card's 2026-12-31"),
            "{en:?}"
        );
        let pr = judge(
            &kb,
            &[("nationality", "foreign"), ("status", "permanent_resident")],
            r#"{ is = "fixed_stay" }"#,
        );
        assert_eq!(pr.truth, Truth::No);
        assert_eq!(
            crate::wording::reasons::reason(&kb, &pr.reasons[0]).en,
            "your card's validity does not follow a period of stay"
        );
    }

    #[test]
    fn comparisons_ages_statuses_and_rules_in_force() {
        let kb = kb();
        let before =
            r#"{ before = { date = { fact = "moved_in" }, than = { date = 2026-04-01 } } }"#;
        assert_eq!(
            judge(&kb, &[("moved_in", "2026-03-31")], before).truth,
            Truth::Yes
        );
        assert_eq!(
            judge(&kb, &[("moved_in", "2026-04-01")], before).truth,
            Truth::No
        );
        let on_or_before =
            r#"{ on_or_before = { date = { fact = "moved_in" }, than = { date = 2026-04-01 } } }"#;
        assert_eq!(
            judge(&kb, &[("moved_in", "2026-04-01")], on_or_before).truth,
            Truth::Yes
        );
        let age = r"{ age_at_least = { years = 20, on = { today = true } } }";
        assert_eq!(
            judge(&kb, &[("birth_date", "2006-11-22")], age).truth,
            Truth::Yes
        );
        assert_eq!(
            judge(&kb, &[("birth_date", "2006-11-23")], age).truth,
            Truth::No
        );
        assert_eq!(
            names(&kb, &judge(&kb, &[], age).missing),
            vec!["birth_date".to_string()]
        );
        let reg = r#"{ status = "resident_registration" }"#;
        assert_eq!(
            judge(&kb, &[("status", "temporary_visitor")], reg).truth,
            Truth::No
        );
        assert_eq!(judge(&kb, &[("status", "student")], reg).truth, Truth::Yes);
        assert_eq!(
            judge(&kb, &[], r"{ in_force = { from = 2024-12-02 } }").truth,
            Truth::Yes
        );
        assert_eq!(
            judge(&kb, &[], r"{ in_force = { from = 2026-11-23 } }").truth,
            Truth::No
        );
        assert_eq!(
            judge(&kb, &[], r"{ in_force = { until = 2026-11-22 } }").truth,
            Truth::No
        );
        let in_ = r#"{ in = { fact = "health_insurance", values = ["nhi", "none"] } }"#;
        assert_eq!(
            judge(&kb, &[("health_insurance", "none")], in_).truth,
            Truth::Yes
        );
        assert_eq!(
            judge(&kb, &[("health_insurance", "employer")], in_).truth,
            Truth::No
        );
    }

    #[test]
    fn date_expressions_and_their_derivation() {
        let kb = kb();
        let a = answers(
            &kb,
            &[
                ("moved_in", "2026-04-30"),
                ("birth_date", "1990-05-05"),
                ("card_issued_on", "2026-01-10"),
                ("stay_expires", "2028-03-31"),
                ("nationality", "foreign"),
                ("status", "student"),
            ],
        );
        let ctx = Ctx::new(&kb, &a, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()).with_traces();
        let expr = |s: &str| -> DateExpr {
            #[derive(serde::Deserialize)]
            struct W {
                d: crate::kb::schema::DateExpr,
            }
            let d = toml::from_str::<W>(&format!("d = {s}")).unwrap().d;
            kb.resolve_date("test", &d).unwrap()
        };
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let month = ctx.date(&expr(
            r#"{ add = { from = { fact = "moved_in" }, months = 1 } }"#,
        ));
        assert_eq!(
            month.date,
            Some(d("2026-05-31")),
            "Civil Code art. 143, not a naive clamp"
        );
        assert!(
            crate::wording::reasons::lines(&kb, &month.trace)
                .iter()
                .any(|t| t.en.contains("Civil Code arts. 140, 143")),
            "{:?}",
            month.trace
        );
        let days = ctx.date(&expr(
            r#"{ add = { from = { fact = "moved_in" }, days = 14 } }"#,
        ));
        assert_eq!(days.date, Some(d("2026-05-14")));
        assert!(
            crate::wording::reasons::lines(&kb, &days.trace)
                .iter()
                .any(|t| t.en.contains("Civil Code art. 140"))
        );
        let day_before = ctx.date(&expr(
            r#"{ before = { from = { fact = "moved_in" }, days = 1 } }"#,
        ));
        assert_eq!(day_before.date, Some(d("2026-04-29")));
        let window = ctx.date(&expr(
            r#"{ before = { from = { fact = "stay_expires" }, months = 3 } }"#,
        ));
        assert_eq!(window.date, Some(d("2028-01-01")));
        let earliest = ctx.date(&expr(r#"{ earliest = [{ fact = "stay_expires" }, { add = { from = { fact = "moved_in" }, years = 1 } }] }"#));
        assert_eq!(earliest.date, Some(d("2027-04-30")));
        let missing = ctx.date(&expr(
            r#"{ earliest = [{ fact = "stay_expires" }, { fact = "card_expires" }] }"#,
        ));
        assert_eq!(
            (missing.date, names(&kb, &missing.missing)),
            (None, vec!["card_expires".to_string()])
        );
        let first = ctx.date(&expr(
            r#"{ first_known = [{ fact = "card_expires" }, { fact = "stay_expires" }] }"#,
        ));
        assert_eq!(first.date, Some(d("2028-03-31")));
        // The derived expiry: the stay ends before the 10th birthday after issue.
        let expected = ctx.date(&expr(r#"{ fact = "card_expiry_expected" }"#));
        assert_eq!(expected.date, Some(d("2028-03-31")));
        let cap = ctx.date(&expr(r#"{ fact = "card_birthday_cap" }"#));
        assert_eq!(cap.date, Some(d("2035-05-05")));
    }

    #[test]
    fn under_eighteen_gets_the_fifth_birthday() {
        let kb = kb();
        let a = answers(
            &kb,
            &[
                ("birth_date", "2012-08-01"),
                ("card_issued_on", "2026-09-01"),
                ("card_applied_on", "2026-08-01"),
            ],
        );
        let ctx = Ctx::new(&kb, &a, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        let cap = kb
            .date_id("card_birthday_cap")
            .map(|d| ctx.derived_date(d, 0).date);
        assert_eq!(cap, Some(NaiveDate::from_ymd_opt(2031, 8, 1)));
        // Before 2022-04-01 the threshold was 20: a 19-year-old got a 5-year card.
        let b = answers(
            &kb,
            &[
                ("birth_date", "2002-06-01"),
                ("card_issued_on", "2021-07-01"),
                ("card_applied_on", "2021-03-01"),
            ],
        );
        let ctx = Ctx::new(&kb, &b, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        let cap = kb
            .date_id("card_birthday_cap")
            .map(|d| ctx.derived_date(d, 0).date);
        assert_eq!(cap, Some(NaiveDate::from_ymd_opt(2026, 6, 1)));
    }
}
