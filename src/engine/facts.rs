//! A person's answers: a flat set of facts, typed by the knowledge base's declarations.
//!
//! This module turns raw values (from an answers file, `--answer KEY=VALUE`, a profile or a CSV
//! cell) into typed values, and refuses anything that is not what the fact expects, saying why
//! as data ([`Refusal`], [`Problem`]); `wording::messages` makes the sentences, which name the
//! accepted form. It refuses anything that looks like an Individual Number, without repeating
//! it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::dates::DateError;
use crate::kb::Kb;
use crate::kb::schema::FactType;
use crate::kb::text::Text;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Date(NaiveDate),
    Bool(bool),
    /// A choice value or a status key.
    Key(String),
}

impl Value {
    pub(crate) fn as_date(&self) -> Option<NaiveDate> {
        match self {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }
    /// How the value is written in answers files and output.
    pub(crate) fn render(&self) -> String {
        match self {
            Value::Date(d) => crate::dates::fmt(*d),
            Value::Bool(b) => b.to_string(),
            Value::Key(k) => k.clone(),
        }
    }
}

/// An answer as the engine reads it: placed by fact id, with a choice's or status's value as
/// its index (see [`crate::kb::model::Key`]). Made once per plan from the [`Answers`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Slot {
    Date(NaiveDate),
    Bool(bool),
    Key(crate::kb::model::Key),
    /// A municipality's code.
    Code(String),
}

impl Slot {
    pub(crate) fn as_date(&self) -> Option<NaiveDate> {
        match self {
            Slot::Date(d) => Some(*d),
            _ => None,
        }
    }
}

/// The answers by fact id, for one plan: each answer's name is looked up once, here.
pub(crate) fn slots(kb: &Kb, answers: &Answers) -> Vec<Option<Slot>> {
    use crate::kb::model::FactKind;
    let mut out = vec![None; kb.facts.len()];
    for (name, value) in answers.iter() {
        let Some(id) = kb.fact_id(name) else { continue };
        let slot = match (kb.fact_rules[id.index()].kind, value) {
            (FactKind::Date, Value::Date(d)) => Some(Slot::Date(*d)),
            (FactKind::Bool, Value::Bool(b)) => Some(Slot::Bool(*b)),
            (FactKind::Status, Value::Key(k)) => kb.status_id(k).map(|s| Slot::Key(s.index())),
            (FactKind::Choice, Value::Key(k)) => match kb.facts[id.index()].ty.get_ref() {
                FactType::Choice(cs) => cs.iter().position(|c| &c.value == k).map(Slot::Key),
                _ => None,
            },
            (FactKind::Municipality, Value::Key(k)) => Some(Slot::Code(k.clone())),
            _ => None,
        };
        out[id.index()] = slot;
    }
    out
}

/// A value as it came in, before the knowledge base says what it should be.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Str(String),
    Bool(bool),
    Date(NaiveDate),
    Int(i64),
    /// Some other TOML type (named), which no fact accepts.
    Other(&'static str),
}

/// The person's answers, by fact name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    values: BTreeMap<String, Value>,
    /// Steps recorded as done (`mynumber done`) that set no fact of their own.
    done: BTreeSet<String>,
}

impl Answers {
    pub fn new() -> Answers {
        Answers::default()
    }
    pub(crate) fn get(&self, fact: &str) -> Option<&Value> {
        self.values.get(fact)
    }
    pub(crate) fn date(&self, fact: &str) -> Option<NaiveDate> {
        self.values.get(fact).and_then(Value::as_date)
    }
    pub fn set(&mut self, fact: impl Into<String>, v: Value) {
        self.values.insert(fact.into(), v);
    }
    pub(crate) fn remove(&mut self, fact: &str) -> Option<Value> {
        self.values.remove(fact)
    }
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.values.iter()
    }
    /// Adds `other`'s answers over these (the later source wins).
    pub(crate) fn overlay(&mut self, other: &Answers) {
        for (k, v) in &other.values {
            self.values.insert(k.clone(), v.clone());
        }
        self.done.extend(other.done.iter().cloned());
    }
    /// Records that a step is done (by its id).
    pub(crate) fn mark_done(&mut self, step: impl Into<String>) {
        self.done.insert(step.into());
    }
    pub(crate) fn unmark_done(&mut self, step: &str) {
        self.done.remove(step);
    }
    pub(crate) fn is_done(&self, step: &str) -> bool {
        self.done.contains(step)
    }
    /// The steps recorded as done.
    pub(crate) fn done_steps(&self) -> impl Iterator<Item = &str> {
        self.done.iter().map(String::as_str)
    }
}

/// Looks like (or contains) an Individual Number: 12 digits, perhaps grouped with spaces,
/// hyphens or underscores, in ASCII or full-width digits (see [`crate::redact`]).
pub(crate) fn looks_like_individual_number(s: &str) -> bool {
    crate::redact::contains_individual_number(s)
}

/// Why a value was refused, as data: `wording::refusals::refusal` says it in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// It looks like an Individual Number; it is never repeated.
    IndividualNumber,
    /// No fact has this name; `suggestion` is a similar one.
    UnknownFact {
        fact: String,
        suggestion: Option<String>,
    },
    /// Not a date, or one outside the years an answer can be in.
    Date(DateError),
    /// A date fact was given something else.
    ExpectedDate,
    /// A yes/no fact was given text that is neither.
    NotYesNo(String),
    /// A yes/no fact was given something else.
    ExpectedBool,
    /// No status has this key; `suggestion` is a similar one.
    UnknownStatus {
        key: String,
        suggestion: Option<String>,
    },
    /// A status fact was given something else.
    ExpectedStatus,
    /// Not one of the fact's `choices` (listed, comma-separated).
    NotAChoice { value: String, choices: String },
    /// A choice fact was given something else.
    ExpectedChoice { choices: String },
    /// The municipality's own refusal ("did you mean Naha (472018)?"), in both languages.
    Municipality(Text),
    /// A municipality fact was given something else.
    ExpectedMunicipality,
}

/// Parses one raw value for a fact, or says why not.
pub(crate) fn parse_value(kb: &Kb, fact: &str, raw: &Raw) -> Result<Value, Refusal> {
    if let Raw::Str(s) = raw {
        if looks_like_individual_number(s) {
            return Err(Refusal::IndividualNumber);
        }
    }
    if let Raw::Int(i) = raw {
        if looks_like_individual_number(&i.to_string()) {
            return Err(Refusal::IndividualNumber);
        }
    }
    let Some(decl) = kb.fact(fact) else {
        return Err(Refusal::UnknownFact {
            fact: fact.to_string(),
            suggestion: Kb::suggest(fact, kb.fact_names()),
        });
    };
    match (decl.ty.get_ref(), raw) {
        (FactType::Date, Raw::Date(d))
            if !crate::dates::YEARS.contains(&chrono::Datelike::year(d)) =>
        {
            Err(Refusal::Date(DateError::OutOfRange(d.to_string())))
        }
        (FactType::Date, Raw::Date(d)) => Ok(Value::Date(*d)),
        (FactType::Date, Raw::Str(s)) => crate::dates::parse(s)
            .map(Value::Date)
            .map_err(Refusal::Date),
        (FactType::Date, _) => Err(Refusal::ExpectedDate),
        (FactType::Bool, Raw::Bool(b)) => Ok(Value::Bool(*b)),
        (FactType::Bool, Raw::Str(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" => Ok(Value::Bool(true)),
            "false" | "no" | "n" => Ok(Value::Bool(false)),
            other => Err(Refusal::NotYesNo(other.to_string())),
        },
        (FactType::Bool, _) => Err(Refusal::ExpectedBool),
        (FactType::Status, Raw::Str(s)) => {
            let s = s.trim();
            if kb.status(s).is_some() {
                Ok(Value::Key(s.to_string()))
            } else {
                Err(Refusal::UnknownStatus {
                    key: s.to_string(),
                    suggestion: Kb::suggest(
                        s,
                        kb.statuses.iter().map(|x| x.key.get_ref().as_str()),
                    ),
                })
            }
        }
        (FactType::Status, _) => Err(Refusal::ExpectedStatus),
        (FactType::Choice(choices), Raw::Str(s)) => {
            let s = s.trim();
            if choices.iter().any(|c| c.value == s) {
                Ok(Value::Key(s.to_string()))
            } else {
                Err(Refusal::NotAChoice {
                    value: s.to_string(),
                    choices: choice_list(choices),
                })
            }
        }
        (FactType::Choice(choices), _) => Err(Refusal::ExpectedChoice {
            choices: choice_list(choices),
        }),
        (FactType::Municipality, Raw::Str(s)) => kb
            .resolve_municipality(s)
            .map(|r| Value::Key(r.code().to_string()))
            .map_err(Refusal::Municipality),
        (FactType::Municipality, Raw::Int(i)) => kb
            .resolve_municipality(&format!("{i:05}"))
            .map(|r| Value::Key(r.code().to_string()))
            .map_err(Refusal::Municipality),
        (FactType::Municipality, _) => Err(Refusal::ExpectedMunicipality),
    }
}

fn choice_list(choices: &[crate::kb::schema::ChoiceDecl]) -> String {
    choices
        .iter()
        .map(|c| c.value.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A problem with the answers taken together, as data: `wording::refusals::problem` says it.
#[derive(Debug, Clone)]
pub(crate) enum Problem {
    /// A day that has not come yet, for a fact about the past (`past = true`).
    InFuture { day: NaiveDate, today: NaiveDate },
    /// A day not after the day of `other`, which it must follow (`after = "other"`).
    NotAfter {
        day: NaiveDate,
        other: String,
        other_day: NaiveDate,
    },
    /// A `not_before` rule of the knowledge base broken, one that refuses.
    Order(OrderProblem),
}

/// Checks the answers against each other and against today: past events not in the future,
/// expiries after issue dates, events in an order that cannot happen. Returns (fact, problem)
/// for each problem.
pub(crate) fn check_answers(
    kb: &Kb,
    answers: &Answers,
    today: NaiveDate,
) -> Vec<(String, Problem)> {
    check_answers_and_order(kb, answers, today).0
}

/// [`check_answers`], and the days in an unusual order that are only warned about (the plan is
/// still made), from one pass over the `not_before` rules.
pub(crate) fn check_answers_and_order(
    kb: &Kb,
    answers: &Answers,
    today: NaiveDate,
) -> (Vec<(String, Problem)>, Vec<OrderProblem>) {
    let mut out = Vec::new();
    for decl in &kb.facts {
        let name = decl.name.get_ref();
        let Some(d) = answers.date(name) else {
            continue;
        };
        if decl.past && d > today {
            out.push((name.clone(), Problem::InFuture { day: d, today }));
        }
        if let Some(after) = &decl.after {
            if let Some(other) = answers.date(after.get_ref()) {
                if d <= other {
                    out.push((
                        name.clone(),
                        Problem::NotAfter {
                            day: d,
                            other: after.get_ref().clone(),
                            other_day: other,
                        },
                    ));
                }
            }
        }
    }
    let (warnings, refusals): (Vec<_>, Vec<_>) = order_problems(kb, answers, today)
        .into_iter()
        .partition(|p| p.warn);
    out.extend(
        refusals
            .into_iter()
            .map(|p| (p.fact.clone(), Problem::Order(p))),
    );
    (out, warnings)
}

/// Two answered days in an order that cannot (or usually does not) happen, as declared by a
/// fact's `not_before` in the knowledge base.
#[derive(Debug, Clone)]
pub(crate) struct OrderProblem {
    /// The fact whose day comes too early.
    pub(crate) fact: String,
    /// Only a warning: the plan is still made.
    pub(crate) warn: bool,
    /// Its day.
    pub(crate) day: NaiveDate,
    /// The fact it must not come before, and that fact's day.
    pub(crate) other: String,
    pub(crate) other_day: NaiveDate,
    /// Why, as the knowledge base says it.
    pub(crate) because: Text,
}

/// Every `not_before` rule of the knowledge base that the answers break (refusals and
/// warnings). A rule with `when` counts only when its condition holds for these answers.
pub(crate) fn order_problems(kb: &Kb, answers: &Answers, today: NaiveDate) -> Vec<OrderProblem> {
    let mut out = Vec::new();
    // Made once, when a rule with a condition is first broken: the rules' conditions share
    // its derived conditions and dates.
    let mut ctx = None;
    for (i, decl) in kb.facts.iter().enumerate() {
        let name = decl.name.get_ref();
        let Some(d) = answers.date(name) else {
            continue;
        };
        for (j, rule) in decl.not_before.iter().enumerate() {
            let other = rule.fact.get_ref();
            let Some(od) = answers.date(other) else {
                continue;
            };
            if d >= od {
                continue;
            }
            let when = kb
                .fact_rules
                .get(i)
                .and_then(|r| r.not_before_when.get(j))
                .and_then(Option::as_ref);
            if let Some(c) = when {
                let ctx = ctx.get_or_insert_with(|| {
                    crate::engine::Ctx::new(kb, answers, today).without_reasons()
                });
                if ctx.cond(c).truth != crate::engine::eval::Truth::Yes {
                    continue;
                }
            }
            out.push(OrderProblem {
                fact: name.clone(),
                warn: rule.warn,
                day: d,
                other: other.clone(),
                other_day: od,
                because: rule.because.clone(),
            });
        }
    }
    out
}

/// Splits `KEY=VALUE`; `None` when there is no `=` or no key.
pub(crate) fn split_pair(s: &str) -> Option<(String, String)> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Some((k.trim().to_string(), v.trim().to_string())),
        _ => None,
    }
}

/// Converts a TOML value into a raw answer.
pub(crate) fn raw_from_toml(v: &toml::Value) -> Raw {
    match v {
        toml::Value::String(s) => Raw::Str(s.clone()),
        toml::Value::Boolean(b) => Raw::Bool(*b),
        toml::Value::Integer(i) => Raw::Int(*i),
        toml::Value::Datetime(dt) => match crate::dates::from_toml(dt).ok() {
            Some(d) => Raw::Date(d),
            None => Raw::Other("date-time"),
        },
        toml::Value::Float(_) => Raw::Other("number"),
        toml::Value::Array(_) => Raw::Other("list"),
        toml::Value::Table(_) => Raw::Other("table"),
    }
}
