//! Evaluates the condition language and date expressions against answers, recording why.
//!
//! Conditions are three-valued: a missing answer makes a test unknown rather than false, so a
//! step that may apply is still listed, saying which answer it needs. Every result carries
//! sentences a person understands (in both languages), and every date carries its derivation,
//! step by step, for `why` and `explain`.
//!
//! It evaluates the resolved model (`kb::model`): facts, derived conditions and derived dates
//! are indices, so nothing is looked up by name. Each derived condition and derived date is
//! evaluated at most once per context (a plan): the results are kept by index.

use std::cell::{Cell, RefCell};

use chrono::{Datelike, NaiveDate};

use super::facts::{Answers, Slot, slots};
use crate::calendar::{self, Calendar, Period, Unit};
use crate::dates::fmt;
use crate::kb::Kb;
use crate::kb::model::{
    Compare, Cond, CondId, DateExpr, DateId, Effective, FactId, Key, PeriodExpr, Ref, StatusFlag,
    StepIx,
};
use crate::kb::schema::{Adjust, FactType};
use crate::kb::text::Text;
use crate::text;

/// Everything an evaluation may look at. `today` is an input, never read from a clock here.
pub struct Ctx<'a> {
    pub kb: &'a Kb,
    pub answers: &'a Answers,
    pub today: NaiveDate,
    /// The office calendar of the person's municipality: the national one, plus the closed
    /// days its ordinance adds when the answers name a municipality that has them. Deadlines
    /// are counted on it; practical openings never enter it.
    pub calendar: &'a crate::calendar::Calendar,
    /// Say, for a step that does not apply, which answer would change that ([`Ctx::why_not`]).
    /// It costs several evaluations of each condition, so only `plan --all` and `explain` ask.
    pub hints: bool,
    /// Record how each date was derived, step by step ([`Derived::trace`]); only `explain`
    /// shows it, so only `explain` pays for the sentences.
    pub traces: bool,
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
pub fn municipality<'x>(kb: &Kb, answers: &'x Answers) -> Option<&'x str> {
    kb.municipality_fact()
        .and_then(|f| answers.get(f))
        .and_then(|v| match v {
            super::facts::Value::Key(k) => Some(k.as_str()),
            _ => None,
        })
}

/// The office calendar deadlines are counted on for these answers: the national one, plus the
/// closed days the person's municipality adds by ordinance.
pub fn calendar_for<'k>(kb: &'k Kb, answers: &Answers) -> &'k crate::calendar::Calendar {
    kb.calendar_of(municipality(kb, answers))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    Yes,
    No,
    Unknown,
}

/// A condition's result with the sentences that explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub truth: Truth,
    pub reasons: Vec<Text>,
    /// Facts whose answers would decide it.
    pub missing: Vec<FactId>,
}

/// A date's result with its derivation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Derived {
    pub date: Option<NaiveDate>,
    pub missing: Vec<FactId>,
    pub trace: Vec<Text>,
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
    pub fn new(kb: &'a Kb, answers: &'a Answers, today: NaiveDate) -> Self {
        let mut done = Vec::new();
        if answers.done_steps().next().is_some() {
            done = kb
                .steps
                .iter()
                .map(|s| answers.is_done(s.decl.id.get_ref()))
                .collect();
        }
        Ctx {
            kb,
            answers,
            today,
            calendar: calendar_for(kb, answers),
            hints: false,
            traces: false,
            reasons: Cell::new(true),
            slots: slots(kb, answers),
            done,
            memo: [Memo::default(), Memo::default()],
            evaluations: Cell::new(0),
        }
    }

    /// The same context, making no sentences for reasons (the truth values, missing answers and
    /// dates are the same).
    pub fn without_reasons(self) -> Self {
        self.reasons.set(false);
        self
    }

    /// Whether reasons are made.
    pub fn reasons(&self) -> bool {
        self.reasons.get()
    }

    /// `f` with reasons off (a quick decision before deciding with reasons).
    pub fn quietly<T>(&self, f: impl FnOnce(&Self) -> T) -> T {
        let was = self.reasons.replace(false);
        let out = f(self);
        self.reasons.set(was);
        out
    }

    /// A reason, made only when reasons are wanted.
    fn say(&self, make: impl FnOnce() -> Text) -> Vec<Text> {
        if self.reasons.get() {
            vec![make()]
        } else {
            Vec::new()
        }
    }

    /// The same context, with why-not hints on.
    pub fn with_hints(self) -> Self {
        Ctx {
            hints: true,
            ..self
        }
    }

    /// The same context, recording each date's derivation.
    pub fn with_traces(self) -> Self {
        Ctx {
            traces: true,
            ..self
        }
    }

    /// The answer to a fact, if given.
    pub fn slot(&self, fact: FactId) -> Option<&Slot> {
        self.slots[fact.index()].as_ref()
    }

    /// Whether the step was recorded as done (`mynumber done`).
    pub fn is_done(&self, step: StepIx) -> bool {
        self.done.get(step.index()).copied().unwrap_or(false)
    }

    /// How many derived conditions and derived dates this context has evaluated (each at most
    /// once per reasons setting).
    pub fn evaluations(&self) -> usize {
        self.evaluations.get()
    }

    /// The fact's name, as answers files write it.
    pub fn fact_name(&self, fact: FactId) -> &'a str {
        self.kb.facts[fact.index()].name.get_ref()
    }

    /// How a fact or derived date is named in a sentence.
    pub fn noun(&self, what: Ref) -> Text {
        match what {
            Ref::Fact(f) => self.kb.facts[f.index()].noun.clone(),
            Ref::Date(d) => self.kb.dates[d.index()].noun.clone(),
        }
    }

    /// An answer as a person reads it: a choice's label, a status's name, a date.
    pub fn shown(&self, fact: FactId, v: &Slot) -> Text {
        match (self.kb.facts[fact.index()].ty.get_ref(), v) {
            (FactType::Choice(cs), Slot::Key(k)) => cs[*k].label.clone(),
            (FactType::Status, Slot::Key(k)) => self.kb.statuses[*k].name.clone(),
            (_, Slot::Bool(true)) => Text::new("yes", "はい"),
            (_, Slot::Bool(false)) => Text::new("no", "いいえ"),
            (_, Slot::Date(d)) => {
                let s = fmt(*d);
                Text::new(s.clone(), s)
            }
            (_, Slot::Key(k)) => Text::new(k.to_string(), k.to_string()),
            (_, Slot::Code(c)) => Text::new(c.clone(), c.clone()),
        }
    }

    fn needs(&self, fact: FactId) -> Judgement {
        Judgement {
            truth: Truth::Unknown,
            reasons: self.say(|| {
                let n = self.noun(Ref::Fact(fact));
                text!(("needs an answer: {}", n.en), ("回答が必要です：{}", n.ja))
            }),
            missing: vec![fact],
        }
    }

    pub fn cond(&self, c: &Cond) -> Judgement {
        self.cond_at(c, 0)
    }

    /// A derived condition's result: evaluated once, then kept.
    pub fn derived_cond(&self, id: CondId, depth: usize) -> Judgement {
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
        // A derived condition's sentence is filled with answers and derived dates.
        let answer = |k: &str| self.placeholder(k);
        match inner.truth {
            Truth::Yes => Judgement {
                truth: Truth::Yes,
                reasons: self.say(|| nc.yes.fill_with(answer)),
                missing: vec![],
            },
            Truth::No => Judgement {
                truth: Truth::No,
                reasons: self.say(|| nc.no.fill_with(answer)),
                missing: vec![],
            },
            Truth::Unknown => inner,
        }
    }

    fn cond_at(&self, c: &Cond, depth: usize) -> Judgement {
        if depth > MAX_DEPTH {
            return Judgement {
                truth: Truth::Unknown,
                reasons: vec![Text::new(
                    "conditions nest too deeply",
                    "条件の入れ子が深すぎます",
                )],
                missing: Vec::new(),
            };
        }
        match c {
            Cond::All(cs) | Cond::Any(cs) if !self.reasons.get() => {
                self.combine_quietly(cs, matches!(c, Cond::All(_)), depth)
            }
            Cond::All(cs) => {
                let parts: Vec<Judgement> = cs.iter().map(|c| self.cond_at(c, depth + 1)).collect();
                combine(parts, true)
            }
            Cond::Any(cs) => {
                let parts: Vec<Judgement> = cs.iter().map(|c| self.cond_at(c, depth + 1)).collect();
                combine(parts, false)
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
                    reasons: self.say(|| {
                        let noun = self.noun(Ref::Fact(*fact));
                        let shown = self.shown(*fact, &Slot::Bool(*b));
                        text!(("{}: {}", noun.en, shown.en), ("{}:{}", noun.ja, shown.ja))
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
                    reasons: self.say(|| {
                        let noun = self.noun(*what);
                        let shown = match (what, answer) {
                            (Ref::Fact(f), Some(v)) => Some(self.shown(*f, v)),
                            _ => derived.map(|d| Text::new(fmt(d), fmt(d))),
                        };
                        match shown {
                            Some(s) => {
                                text!(("{}: {}", noun.en, s.en), ("{}:{}", noun.ja, s.ja))
                            }
                            None => text!(("{}: not given", noun.en), ("{}:未回答", noun.ja)),
                        }
                    }),
                    missing: vec![],
                }
            }
            Cond::Compare { op, date, than } => self.compare(*op, date, than, depth),
            Cond::AgeAtLeast { years, birth, on } => self.age_at_least(*years, *birth, on, depth),
            Cond::Status { fact, flag } => match self.slot(*fact) {
                Some(Slot::Key(k)) => {
                    let s = &self.kb.statuses[*k];
                    let (holds, en, ja) = match flag {
                        StatusFlag::CardTiedToStay => (
                            s.card_tied_to_stay,
                            [
                                "ties the card's validity to your period of stay",
                                "does not tie the card's validity to a period of stay",
                            ],
                            [
                                "カードの有効期間が在留期間に連動します",
                                "カードの有効期間は在留期間に連動しません",
                            ],
                        ),
                        StatusFlag::ResidentRegistration => (
                            s.resident_registration,
                            [
                                "leads to resident registration",
                                "does not lead to resident registration",
                            ],
                            ["住民登録の対象です", "住民登録の対象ではありません"],
                        ),
                    };
                    let i = usize::from(!holds);
                    Judgement {
                        truth: truth(holds),
                        reasons: self.say(|| {
                            Text::new(
                                format!("your status of residence ({}) {}", s.name.en, en[i]),
                                format!("在留資格「{}」は{}", s.name.ja, ja[i]),
                            )
                        }),
                        missing: vec![],
                    }
                }
                _ => self.needs(*fact),
            },
            Cond::InForce(e) => {
                let (holds, reason) = in_force(e, self.today);
                Judgement {
                    truth: truth(holds),
                    reasons: vec![reason],
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
        let (holds, en_rel, ja_rel) = match op {
            Compare::Before => (
                da < db,
                ["before", "not before"],
                ["より前", "より前ではありません"],
            ),
            Compare::After => (
                da > db,
                ["later than", "not later than"],
                ["より後", "より後ではありません"],
            ),
            Compare::OnOrBefore => (da <= db, ["on or before", "after"], ["以前", "より後"]),
        };
        let i = usize::from(!holds);
        let reasons = self.say(|| {
            let (na, nb) = (self.describe(date), self.describe(than));
            Text::new(
                format!(
                    "{} ({}) is {} {} ({})",
                    na.en,
                    fmt(da),
                    en_rel[i],
                    nb.en,
                    fmt(db)
                ),
                format!(
                    "{}({})は{}({}){}",
                    na.ja,
                    fmt(da),
                    nb.ja,
                    fmt(db),
                    if holds {
                        format!("{}です", ja_rel[0])
                    } else {
                        ja_rel[1].to_string()
                    }
                ),
            )
        });
        Judgement {
            truth: truth(holds),
            reasons,
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
                let reasons = self.say(|| {
                    if holds {
                        text!(
                            ("you are {age} on {}, {y} or older", fmt(d)),
                            ("{}時点で{age}歳({y}歳以上)です", fmt(d))
                        )
                    } else {
                        text!(
                            ("you are {age} on {}, under {y}", fmt(d)),
                            ("{}時点で{age}歳({y}歳未満)です", fmt(d))
                        )
                    }
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

    /// What would change a decided condition's result, as one clause starting with "if"
    /// ("if you answer `card_applied_on` …", "if `nationality` were foreign"). For `all` and
    /// `any` it names the children that decide the result, joined with "and" (all of them must
    /// change) or "or" (any one is enough). `None` when the result is not decided yet (an
    /// answer is missing: that is `Judgement.missing`) or when no answer can change it (a
    /// rule's effective period).
    pub fn flip(&self, c: &Cond) -> Option<Text> {
        self.flip_at(c, 0).map(|h| h.text)
    }

    /// The why-not of a condition that does not hold: its reasons, then what would change it.
    pub fn why_not(&self, c: &Cond) -> Vec<Text> {
        let mut out = self.cond(c).reasons;
        if let Some(f) = self.flip(c) {
            out.push(text!(
                ("it would apply {}", f.en),
                ("{}、対象になります", f.ja)
            ));
        }
        out
    }

    fn flip_at(&self, c: &Cond, depth: usize) -> Option<Hint> {
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
                let hints: Vec<Option<Hint>> = deciding
                    .iter()
                    .map(|k| self.flip_at(k, depth + 1))
                    .collect();
                // `all` false and `any` true: every deciding child must change.
                let need_every = and != holds;
                if need_every {
                    let hints: Option<Vec<Hint>> = hints.into_iter().collect();
                    join(hints?, true)
                } else {
                    join(hints.into_iter().flatten().collect(), false)
                }
            }
            Cond::Not(inner) => self.flip_at(inner, depth + 1),
            Cond::Derived(id) => {
                self.flip_at(&self.kb.derived_conditions[id.index()].when, depth + 1)
            }
            Cond::Yes(fact) => {
                let noun = self.noun(Ref::Fact(*fact));
                let answer = self.shown(*fact, &Slot::Bool(!holds));
                Some(Hint::leaf(text!(
                    ("if your answer to {} were {}", noun.en, answer.en),
                    ("{}への回答が「{}」であれば", noun.ja, answer.ja)
                )))
            }
            Cond::OneOf { fact, values } => {
                Some(Hint::leaf(self.flip_values(*fact, values, holds)))
            }
            Cond::Known { what, known } => {
                let noun = self.noun(*what);
                let is_known = holds == *known;
                let derived = matches!(what, Ref::Date(_));
                Some(Hint::leaf(match (is_known, derived) {
                    (true, true) => text!(
                        ("if {} could not be worked out from your answers", noun.en),
                        ("回答から{}が分からなければ", noun.ja)
                    ),
                    (true, false) => text!(
                        ("if {} were not given", noun.en),
                        ("{}が未回答であれば", noun.ja)
                    ),
                    (false, false) => {
                        text!(("if you give {}", noun.en), ("{}を回答すれば", noun.ja))
                    }
                    (false, true) => text!(
                        ("if {} could be worked out from your answers", noun.en),
                        ("回答から{}が分かれば", noun.ja)
                    ),
                }))
            }
            Cond::Compare { op, date, than } => {
                let (na, nb) = (self.describe(date), self.describe(than));
                let (en, ja) = match (op, holds) {
                    (Compare::Before, true) => ("were not before", "より前でなければ"),
                    (Compare::Before, false) => ("were before", "より前であれば"),
                    (Compare::After, true) => ("were not later than", "より後でなければ"),
                    (Compare::After, false) => ("were later than", "より後であれば"),
                    (Compare::OnOrBefore, true) => ("were after", "より後であれば"),
                    (Compare::OnOrBefore, false) => ("were on or before", "以前であれば"),
                };
                Some(Hint::leaf(text!(
                    ("if {} {en} {}", na.en, nb.en),
                    ("{}が{}{ja}", na.ja, nb.ja)
                )))
            }
            Cond::AgeAtLeast { years, on, .. } => {
                let on = self.date_at(on, depth + 1).date?;
                let y = *years;
                Some(Hint::leaf(if holds {
                    text!(
                        ("if you were under {y} on {}", fmt(on)),
                        ("{}時点で{y}歳未満であれば", fmt(on))
                    )
                } else {
                    text!(
                        ("if you were {y} or older on {}", fmt(on)),
                        ("{}時点で{y}歳以上であれば", fmt(on))
                    )
                }))
            }
            Cond::Status { flag, .. } => {
                let tied = *flag == StatusFlag::CardTiedToStay;
                Some(Hint::leaf(match (tied, holds) {
                    (true, true) => text!(
                        ("if your status of residence did not tie the card's validity to a period of stay"),
                        ("カードの有効期間が在留期間に連動しない在留資格であれば")
                    ),
                    (true, false) => text!(
                        ("if your status of residence tied the card's validity to your period of stay"),
                        ("カードの有効期間が在留期間に連動する在留資格であれば")
                    ),
                    (false, true) => text!(
                        ("if your status of residence did not lead to resident registration"),
                        ("住民登録の対象とならない在留資格であれば")
                    ),
                    (false, false) => text!(
                        ("if your status of residence led to resident registration"),
                        ("住民登録の対象となる在留資格であれば")
                    ),
                }))
            }
            Cond::InForce(_) => None,
        }
    }

    /// "if your nationality were Japanese national": the fact's noun and the values' labels,
    /// never the bare names. When the value already holds, the other values of a small choice
    /// are named instead of "were not …".
    fn flip_values(&self, fact: FactId, values: &[Key], holds: bool) -> Text {
        let noun = self.noun(Ref::Fact(fact));
        let label = |v: Key| self.shown(fact, &Slot::Key(v));
        let others: Vec<Key> = match self.kb.facts[fact.index()].ty.get_ref() {
            FactType::Choice(cs) if holds => {
                (0..cs.len()).filter(|v| !values.contains(v)).collect()
            }
            _ => Vec::new(),
        };
        let (named, negated): (Vec<Text>, bool) = if holds && !others.is_empty() {
            (others.iter().map(|v| label(*v)).collect(), false)
        } else {
            (values.iter().map(|v| label(*v)).collect(), holds)
        };
        let list_en = named
            .iter()
            .map(|t| t.en.as_str())
            .collect::<Vec<_>>()
            .join(" or ");
        let list_ja = named
            .iter()
            .map(|t| t.ja.as_str())
            .collect::<Vec<_>>()
            .join("または");
        if negated {
            text!(
                ("if {} were not {list_en}", noun.en),
                ("{}が{list_ja}以外であれば", noun.ja)
            )
        } else {
            text!(
                ("if {} were {list_en}", noun.en),
                ("{}が{list_ja}であれば", noun.ja)
            )
        }
    }

    fn one_of(&self, fact: FactId, values: &[Key]) -> Judgement {
        match self.slot(fact) {
            Some(v @ Slot::Key(k)) => {
                let holds = values.contains(k);
                Judgement {
                    truth: truth(holds),
                    reasons: self.say(|| {
                        let noun = self.noun(Ref::Fact(fact));
                        let s = self.shown(fact, v);
                        text!(("{}: {}", noun.en, s.en), ("{}:{}", noun.ja, s.ja))
                    }),
                    missing: vec![],
                }
            }
            _ => self.needs(fact),
        }
    }

    /// The value of one placeholder: an answer, or a derived date computed on demand. The
    /// date is computed without sentences: its value is the same, and a date that depends on
    /// the very condition whose sentence is being filled cannot recurse.
    pub fn placeholder(&self, name: &str) -> Option<String> {
        match self.answers.get(name) {
            Some(v) => Some(v.render()),
            None => {
                let id = self.kb.date_id(name)?;
                self.quietly(|q| q.derived_date(id, 0).date).map(fmt)
            }
        }
    }

    /// How a date expression is named in a sentence.
    pub fn describe(&self, d: &DateExpr) -> Text {
        match d {
            DateExpr::Fact(f) => self.noun(Ref::Fact(*f)),
            DateExpr::Derived(id) => self.noun(Ref::Date(*id)),
            DateExpr::Today => Text::new("today", "今日"),
            DateExpr::Date(t) => {
                let s = fmt(*t);
                Text::new(s.clone(), s)
            }
            DateExpr::Add(p) => {
                let (n, en, ja) = unit_words(p);
                let f = self.describe(&p.from);
                text!(("{n} {en} after {}", f.en), ("{}から{n}{ja}後", f.ja))
            }
            DateExpr::Before(p) => {
                let (n, en, ja) = unit_words(p);
                let f = self.describe(&p.from);
                if n == 1 && p.unit == Unit::Days {
                    text!(("the day before {}", f.en), ("{}の前日", f.ja))
                } else {
                    text!(("{n} {en} before {}", f.en), ("{}の{n}{ja}前", f.ja))
                }
            }
            DateExpr::Earliest(ds) => self.list("the earliest of", "のうち最も早い日", ds),
            DateExpr::Latest(ds) => self.list("the latest of", "のうち最も遅い日", ds),
            DateExpr::FirstKnown(ds) => self.list("the first known of", "のうち分かるもの", ds),
            DateExpr::Birthday { after, nth, .. } => {
                let a = self.describe(after);
                let nth = *nth;
                text!(
                    ("your birthday number {nth} after {}", a.en),
                    ("{}後{nth}回目の誕生日", a.ja)
                )
            }
            DateExpr::Choose { .. } => Text::new("the date that applies to you", "該当する日"),
            DateExpr::LastOpenOnOrBefore(d) => {
                let f = self.describe(d);
                text!(
                    ("the last open day on or before {}", f.en),
                    ("{}以前の最後の開庁日", f.ja)
                )
            }
        }
    }

    fn list(&self, en: &str, ja: &str, ds: &[DateExpr]) -> Text {
        let parts: Vec<Text> = ds.iter().map(|d| self.describe(d)).collect();
        Text::new(
            format!(
                "{en} {}",
                parts
                    .iter()
                    .map(|t| t.en.as_str())
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            format!(
                "{}{ja}",
                parts
                    .iter()
                    .map(|t| t.ja.as_str())
                    .collect::<Vec<_>>()
                    .join("と")
            ),
        )
    }

    pub fn date(&self, d: &DateExpr) -> Derived {
        self.date_at(d, 0)
    }

    /// A derived date's result, with the line that names it: evaluated once, then kept.
    pub fn derived_date(&self, id: DateId, depth: usize) -> Derived {
        let memo = &self.memo[usize::from(self.reasons.get())];
        if let Some(Some(d)) = memo.dates.borrow().get(id.index()) {
            return d.clone();
        }
        self.evaluations.set(self.evaluations.get() + 1);
        let mut inner = self.date_at(&self.kb.derived_dates[id.index()], depth + 1);
        if let Some(v) = inner.date {
            let noun = &self.kb.dates[id.index()].noun;
            inner.trace.extend(
                self.line(|| text!(("{}: {}", noun.en, fmt(v)), ("{}:{}", noun.ja, fmt(v)))),
            );
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
                trace: vec![Text::new(
                    "dates nest too deeply",
                    "日付の入れ子が深すぎます",
                )],
            };
        }
        match d {
            DateExpr::Derived(id) => self.derived_date(*id, depth),
            DateExpr::Fact(f) => match self.slot(*f).and_then(Slot::as_date) {
                Some(v) => {
                    let noun = self.noun(Ref::Fact(*f));
                    Derived {
                        date: Some(v),
                        missing: vec![],
                        trace: self
                            .line(|| {
                                text!(
                                    ("{}: {} (your answer)", noun.en, fmt(v)),
                                    ("{}:{}(回答)", noun.ja, fmt(v))
                                )
                            })
                            .into_iter()
                            .collect(),
                    }
                }
                None => Derived {
                    date: None,
                    missing: vec![*f],
                    trace: vec![],
                },
            },
            DateExpr::Today => Derived {
                date: Some(self.today),
                missing: vec![],
                trace: self
                    .line(|| text!(("today: {}", fmt(self.today)), ("今日:{}", fmt(self.today))))
                    .into_iter()
                    .collect(),
            },
            DateExpr::Date(v) => Derived {
                date: Some(*v),
                missing: vec![],
                trace: vec![],
            },
            DateExpr::Add(p) => self.period(p, depth, true),
            DateExpr::Before(p) => self.period(p, depth, false),
            DateExpr::Earliest(ds) | DateExpr::Latest(ds) => {
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
                let earliest = matches!(d, DateExpr::Earliest(_));
                out.date = if earliest { dates.min() } else { dates.max() };
                if let (Some(v), true) = (out.date, parts.len() > 1) {
                    out.trace.extend(self.line(|| {
                        let list: Vec<String> =
                            parts.iter().filter_map(|p| p.date.map(fmt)).collect();
                        if earliest {
                            text!(
                                ("the earlier of {} → {}", list.join(", "), fmt(v)),
                                ("{}のうち早い方 → {}", list.join("、"), fmt(v))
                            )
                        } else {
                            text!(
                                ("the later of {} → {}", list.join(", "), fmt(v)),
                                ("{}のうち遅い方 → {}", list.join("、"), fmt(v))
                            )
                        }
                    }));
                }
                out
            }
            DateExpr::FirstKnown(ds) => {
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
            DateExpr::Birthday { birth, after, nth } => {
                let birth = self.date_at(birth, depth + 1);
                let after = self.date_at(after, depth + 1);
                let mut out = Derived::default();
                push_missing(&mut out.missing, &birth.missing);
                push_missing(&mut out.missing, &after.missing);
                out.trace.extend(birth.trace);
                out.trace.extend(after.trace);
                if let (Some(bd), Some(ad)) = (birth.date, after.date) {
                    out.date = nth_birthday_after(bd, ad, *nth);
                    if let Some(v) = out.date {
                        let nth = *nth;
                        out.trace.extend(self.line(|| {
                            text!(
                                ("birthday number {nth} after {} → {}", fmt(ad), fmt(v)),
                                ("{}後{nth}回目の誕生日 → {}", fmt(ad), fmt(v))
                            )
                        }));
                    }
                }
                out
            }
            DateExpr::Choose { cases, otherwise } => {
                for (when, then) in cases {
                    let j = self.cond_at(when, depth + 1);
                    match j.truth {
                        Truth::Yes => {
                            let mut r = self.date_at(then, depth + 1);
                            let mut trace: Vec<Text> = j.reasons;
                            trace.append(&mut r.trace);
                            r.trace = trace;
                            return r;
                        }
                        Truth::Unknown => {
                            return Derived {
                                date: None,
                                missing: j.missing,
                                trace: j.reasons,
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
        let (_, en, ja) = unit_words(p);
        let step = match (forward, unit, p.count_first_day) {
            (true, _, true) => text!(
                (
                    "+ {n} {en}, counting the first day as the statute says (e.g. Family Register Act art. 43) → {}",
                    fmt(v)
                ),
                (
                    "+ {n}{ja}(法令の定めにより初日を算入。例:戸籍法43条) → {}",
                    fmt(v)
                )
            ),
            (true, Unit::Days | Unit::Weeks, false) => text!(
                (
                    "+ {n} {en}, the first day not counted (Civil Code art. 140) → {}",
                    fmt(v)
                ),
                ("+ {n}{ja}(初日不算入、民法140条) → {}", fmt(v))
            ),
            (true, _, false) => text!(
                (
                    "+ {n} {en}, counted on the calendar (Civil Code arts. 140, 143) → {}",
                    fmt(v)
                ),
                ("+ {n}{ja}(暦に従って計算、民法140条・143条) → {}", fmt(v))
            ),
            (false, Unit::Days, _) if n == 1 => {
                text!(("the day before → {}", fmt(v)), ("前日 → {}", fmt(v)))
            }
            (false, Unit::Days | Unit::Weeks, _) => {
                text!(("{n} {en} before → {}", fmt(v)), ("{n}{ja}前 → {}", fmt(v)))
            }
            (false, _, _) => text!(
                (
                    "{n} {en} before, counted back on the calendar; the window opens the next day → {}",
                    fmt(v)
                ),
                ("{n}{ja}前の応当日の翌日から → {}", fmt(v))
            ),
        };
        from.trace.push(step);
        from
    }

    /// A line of a derivation, made only when derivations are wanted (`explain`).
    fn line(&self, make: impl FnOnce() -> Text) -> Option<Text> {
        self.traces.then(make)
    }
}

/// Moves a last day that falls on a closed day (period-reckoning.md §2–§3), saying why.
/// With `say`, also the sentence that explains the move.
pub(crate) fn adjust_day(
    cal: &Calendar,
    d: NaiveDate,
    adjust: Adjust,
    say: bool,
) -> (NaiveDate, Option<Text>) {
    let Some(closure) = cal.closure(d) else {
        return (d, None);
    };
    let describe = || (cal.describe(&closure, false), cal.describe(&closure, true));
    match adjust {
        Adjust::None => (d, None),
        Adjust::NextOpen => {
            let n = cal.next_open_on_or_after(d);
            if !say {
                return (n, None);
            }
            let (en_c, ja_c) = describe();
            (
                n,
                Some(text!(
                    (
                        "{} is a closed day ({en_c}), so the period ends on the next open day (Local Autonomy Act art. 4-2) → {}",
                        fmt(d),
                        fmt(n)
                    ),
                    (
                        "{}は閉庁日({ja_c})のため、翌開庁日に満了します(地方自治法4条の2) → {}",
                        fmt(d),
                        fmt(n)
                    )
                )),
            )
        }
        Adjust::LastOpenOnOrBefore => {
            let p = cal.last_open_on_or_before(d);
            if !say {
                return (p, None);
            }
            let (en_c, ja_c) = describe();
            (
                p,
                Some(text!(
                    (
                        "{} is a closed day ({en_c}); what must be done before it cannot move later, so the last open day on or before it → {}",
                        fmt(d),
                        fmt(p)
                    ),
                    (
                        "{}は閉庁日({ja_c})です。期限を後ろに延ばせない手続のため、その日以前の最後の開庁日 → {}",
                        fmt(d),
                        fmt(p)
                    )
                )),
            )
        }
    }
}

fn unit_words(p: &PeriodExpr) -> (u32, &'static str, &'static str) {
    let (n, unit) = (p.n, p.unit);
    let (en, ja) = match (unit, n == 1) {
        (Unit::Days, true) => ("day", "日"),
        (Unit::Days, false) => ("days", "日"),
        (Unit::Weeks, true) => ("week", "週間"),
        (Unit::Weeks, false) => ("weeks", "週間"),
        (Unit::Months, true) => ("month", "か月"),
        (Unit::Months, false) => ("months", "か月"),
        (Unit::Years, true) => ("year", "年"),
        (Unit::Years, false) => ("years", "年"),
    };
    (n, en, ja)
}

/// A why-not clause, and the connector it was joined with (to bracket it inside another).
struct Hint {
    text: Text,
    /// `Some(true)`: clauses joined with "and"; `Some(false)`: with "or".
    joined: Option<bool>,
}

impl Hint {
    fn leaf(text: Text) -> Hint {
        Hint { text, joined: None }
    }
}

/// Joins clauses with "and" or "or", bracketing a part joined with the other connector so
/// "A or (B and C)" reads unambiguously; `None` when there are none.
fn join(mut parts: Vec<Hint>, and: bool) -> Option<Hint> {
    if parts.len() <= 1 {
        return parts.pop();
    }
    let (en, ja) = if and {
        (" and ", "、かつ")
    } else {
        (" or ", "、または")
    };
    let shown: Vec<Text> = parts
        .iter()
        .map(|h| match h.joined {
            Some(j) if j != and => {
                Text::new(format!("({})", h.text.en), format!("({})", h.text.ja))
            }
            _ => h.text.clone(),
        })
        .collect();
    Some(Hint {
        text: Text::new(
            shown
                .iter()
                .map(|t| t.en.as_str())
                .collect::<Vec<_>>()
                .join(en),
            shown
                .iter()
                .map(|t| t.ja.as_str())
                .collect::<Vec<_>>()
                .join(ja),
        ),
        joined: Some(and),
    })
}

/// Combines children of `all` (and = true) or `any`.
fn combine(parts: Vec<Judgement>, and: bool) -> Judgement {
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
    for p in &parts {
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
pub fn in_force(e: &Effective, today: NaiveDate) -> (bool, Text) {
    let (from, until) = (e.from, e.until);
    if let Some(f) = from {
        if today < f {
            return (
                false,
                text!(
                    ("this rule applies only from {}", fmt(f)),
                    ("この規定は{}から適用されます", fmt(f))
                ),
            );
        }
    }
    if let Some(u) = until {
        if today >= u {
            return (
                false,
                text!(
                    ("this rule no longer applies since {}", fmt(u)),
                    ("この規定は{}以降適用されません", fmt(u))
                ),
            );
        }
    }
    let reason = match (from, until) {
        (Some(f), _) => text!(("in force since {}", fmt(f)), ("{}から施行", fmt(f))),
        (None, Some(u)) => text!(("in force until {}", fmt(u)), ("{}まで有効", fmt(u))),
        _ => Text::new("in force", "有効"),
    };
    (true, reason)
}

/// Age in completed years on a day, counted on the calendar birthday.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i64 {
    let mut age = i64::from(on.year()) - i64::from(birth.year());
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// The `nth` birthday strictly after `after`. A 29 February birthday falls on 28 February in
/// common years (the day before 1 March, on which the age is completed).
pub fn nth_birthday_after(birth: NaiveDate, after: NaiveDate, nth: u32) -> Option<NaiveDate> {
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
            .unwrap_or_else(|e| panic!("{src}: {:?}", e))
    }

    fn flip_en(answers: &[(&str, Value)], c: &str) -> Option<String> {
        let kb = Kb::embedded().unwrap();
        let mut a = Answers::new();
        for (k, v) in answers {
            a.set(*k, v.clone());
        }
        Ctx::new(&kb, &a, d("2026-11-22"))
            .flip(&cond(&kb, c))
            .map(|t| t.en)
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
        let en: Vec<&str> = j.reasons.iter().map(|t| t.en.as_str()).collect();
        assert!(
            en.contains(
                &"your period of stay now ends 2028-03-31, later than the card's 2026-12-31"
            ),
            "{en:?}"
        );
        let pr = judge(
            &kb,
            &[("nationality", "foreign"), ("status", "permanent_resident")],
            r#"{ is = "fixed_stay" }"#,
        );
        assert_eq!(pr.truth, Truth::No);
        assert_eq!(
            pr.reasons[0].en,
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
        let age = r#"{ age_at_least = { years = 20, on = { today = true } } }"#;
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
            judge(&kb, &[], r#"{ in_force = { from = 2024-12-02 } }"#).truth,
            Truth::Yes
        );
        assert_eq!(
            judge(&kb, &[], r#"{ in_force = { from = 2026-11-23 } }"#).truth,
            Truth::No
        );
        assert_eq!(
            judge(&kb, &[], r#"{ in_force = { until = 2026-11-22 } }"#).truth,
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
            month
                .trace
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
            days.trace
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
