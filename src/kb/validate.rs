//! The second pass over a parsed knowledge base: names resolve, types agree, steps are ordered
//! without cycles, every text exists in both languages, every step has a source and some
//! answers can reach it. It reports every problem at once. It does not evaluate anything against
//! answers. `lint` adds the checks that depend on the day they run (stale sources, rules no
//! longer in force).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use super::diag::Diagnostic;
use super::messages::validate as m;
use super::model;
use super::schema::{
    self, Bring, Cond, DateExpr, Effective, FactDecl, FactType, FactValue, FactValues, Name,
    NamedCondition, OrderRule, PeriodSpec, StepDecl, TomlDate, Varied,
};
use super::span::Spanned;
use super::text::{Text, list_separator, per_lang};
use super::{Index, Kb, NameMap};

/// What a name used in a condition or date stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Date,
    Bool,
    Choice,
    Status,
    NamedCondition,
    NamedDate,
}

struct Checker<'a> {
    kb: &'a Kb,
    /// What each name stands for, and its index among the facts, derived conditions or
    /// derived dates. Borrowed from the knowledge base: building it clones no name.
    kinds: HashMap<&'a str, (Kind, usize)>,
    out: Vec<Diagnostic>,
    file: String,
}

/// What checking resolves: each part is `None` when one of its items had an error (which is
/// always reported).
struct Resolved {
    facts: Vec<model::FactRules>,
    gates: Vec<model::GateRules>,
    conditions: Option<Vec<model::DerivedCondition>>,
    dates: Option<Vec<model::DateExpr>>,
    member_notes: Option<Vec<model::MemberNote>>,
    steps: Option<Vec<model::StepRules>>,
    /// Each step's position in dependency order.
    ranks: Vec<usize>,
}

/// Checks a parsed knowledge base and resolves it: the diagnostics, and the resolved model
/// when there is no error.
pub(super) fn check(kb: &mut Kb) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    kb.index = index(kb, &mut out);
    let checker = Checker {
        kb,
        kinds: kinds_of(kb),
        out,
        file: file_ending(kb, "facts.toml"),
    };
    let (mut out, resolved) = checker.resolve();
    out.extend(unreachable_steps(kb));
    for (step, &rank) in kb.steps.iter_mut().zip(&resolved.ranks) {
        step.rank = rank;
    }
    if !out
        .iter()
        .any(|d| d.severity == super::diag::Severity::Error)
    {
        if let Err(e) = install(kb, resolved) {
            out.push(e);
        }
    }
    out
}

/// Every declared name, indexed; a name declared twice is an error.
fn index(kb: &Kb, out: &mut Vec<Diagnostic>) -> Index {
    let facts = file_ending(kb, "facts.toml");
    let vocab = file_ending(kb, "vocabulary.toml");
    let derived = file_ending(kb, "derived.toml");
    let index = Index {
        facts: names(out, &facts, m::noun_fact, kb.facts.iter().map(|f| &f.name)),
        statuses: names(
            out,
            &file_ending(kb, "statuses.toml"),
            m::noun_status,
            kb.statuses.iter().map(|s| &s.key),
        ),
        phases: names(out, &vocab, m::noun_phase, kb.phases.iter().map(|t| &t.key)),
        places: names(out, &vocab, m::noun_place, kb.places.iter().map(|t| &t.key)),
        items: names(out, &vocab, m::noun_item, kb.items.iter().map(|t| &t.key)),
        conditions: names(
            out,
            &derived,
            m::noun_derived_condition,
            kb.conditions.iter().map(|c| &c.name),
        ),
        dates: names(
            out,
            &derived,
            m::noun_derived_date,
            kb.dates.iter().map(|d| &d.name),
        ),
        steps: step_ids(kb, out),
    };
    for name in index.conditions.keys().chain(index.dates.keys()) {
        if index.facts.contains_key(name) {
            out.push(Diagnostic::error(&derived, None, m::fact_and_derived(name)));
        }
    }
    index
}

/// The steps by id. Two variants of one step may share an id when their effective periods do
/// not overlap (a rule that changed on a date); any other repeat is an error.
fn step_ids(kb: &Kb, out: &mut Vec<Diagnostic>) -> NameMap<usize> {
    let mut ids = NameMap::new();
    // The earlier steps with each id, so that a repeated id is found without comparing every
    // step with every other (a large generated file stays linear).
    let mut seen: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, step) in kb.steps.iter().enumerate() {
        let id = step.decl.id.get_ref();
        let earlier = seen.entry(id.as_str()).or_default();
        let clash = earlier
            .iter()
            .map(|&j| &kb.steps[j])
            .find(|other| !disjoint(other.decl.effective.as_ref(), step.decl.effective.as_ref()));
        earlier.push(i);
        if let Some(other) = clash {
            let (l, c) = super::diag::line_col(
                kb.files.get(other.file).map_or("", |f| &*f.text),
                other.decl.id.span().start,
            );
            out.push(
                Diagnostic::error(
                    kb.file_name(step.file),
                    Some(step.decl.id.span()),
                    m::step_id_twice(id),
                )
                .with_help(m::step_id_twice_help(format!(
                    "{}:{l}:{c}",
                    kb.file_name(other.file)
                ))),
            );
        }
        ids.entry(id.clone()).or_insert(i);
    }
    ids
}

/// Puts the resolved model into the knowledge base.
fn install(kb: &mut Kb, r: Resolved) -> Result<(), Diagnostic> {
    let (Some(conditions), Some(dates), Some(rules), Some(member_notes)) =
        (r.conditions, r.dates, r.steps, r.member_notes)
    else {
        return Err(Diagnostic::error(
            &file_ending(kb, "derived.toml"),
            None,
            m::not_resolved(),
        ));
    };
    kb.fact_rules = r.facts;
    kb.gate_rules = r.gates;
    kb.derived_conditions = conditions;
    kb.derived_dates = dates;
    kb.member_note_rules = member_notes;
    for (step, r) in kb.steps.iter_mut().zip(rules) {
        step.rules = r;
    }
    let Some(&office) = kb.index.places.get(model::OFFICE) else {
        return Err(Diagnostic::error(
            &file_ending(kb, "vocabulary.toml"),
            None,
            m::no_office_place(model::OFFICE),
        ));
    };
    kb.roles = model::Roles {
        municipality: kb
            .facts
            .iter()
            .position(|f| *f.ty.get_ref() == FactType::Municipality)
            .map(model::FactId::new),
        office: model::PlaceId::new(office),
    };
    Ok(())
}

/// An optional part resolved: `Ok(None)` when it is absent, `Err` when it does not resolve.
fn optional<S, T>(
    part: Option<&S>,
    resolve: impl FnOnce(&S) -> Option<T>,
) -> Result<Option<T>, ()> {
    part.map_or(Ok(None), |p| resolve(p).map(Some).ok_or(()))
}

/// Every item resolved, or `None` if one is not: all are checked first, so that each reports
/// its own problems.
fn all<T>(items: impl Iterator<Item = Option<T>>) -> Option<Vec<T>> {
    let all: Vec<Option<T>> = items.collect();
    all.into_iter().collect()
}

impl Checker<'_> {
    /// Every check, file by file, in the order the diagnostics are reported.
    fn resolve(mut self) -> (Vec<Diagnostic>, Resolved) {
        let kb = self.kb;
        let facts = kb.facts.iter().map(|f| self.fact(f)).collect();
        let gates = self.gates();
        self.file = file_ending(kb, "statuses.toml");
        for s in &kb.statuses {
            self.text(&s.name, "name", s.key.span());
        }
        self.file = file_ending(kb, "vocabulary.toml");
        for t in kb.phases.iter().chain(&kb.places) {
            self.text(&t.name, "name", t.key.span());
        }
        for t in &kb.items {
            self.text(&t.name, "name", t.key.span());
        }
        self.file = file_ending(kb, "derived.toml");
        let conditions = all(kb.conditions.iter().map(|c| self.derived_condition(c)));
        let dates = all(kb.dates.iter().map(|d| {
            let value = self.date(&d.value);
            self.text(&d.noun, "noun", d.name.span());
            value
        }));
        let member_notes = all(kb
            .member_notes
            .iter()
            .enumerate()
            .map(|(i, n)| self.member_note(i, n)));
        self.derived_cycles();
        let steps = all(kb.steps.iter().map(|step| {
            self.file = kb.file_name(step.file).to_string();
            self.step(&step.decl)
        }));
        let ranks = self.step_order();
        let resolved = Resolved {
            facts,
            gates,
            conditions,
            dates,
            member_notes,
            steps,
            ranks,
        };
        (self.out, resolved)
    }

    /// The texts that ask for a fact or a gate, in both languages.
    fn asked(&mut self, question: &Text, noun: &Text, help: Option<&Text>, span: Range<usize>) {
        self.text(question, "question", span.clone());
        self.text(noun, "noun", span.clone());
        if let Some(h) = help {
            self.text(h, "help", span);
        }
    }

    fn fact(&mut self, f: &FactDecl) -> model::FactRules {
        self.asked(&f.question, &f.noun, f.help.as_ref(), f.name.span());
        if let FactType::Choice(choices) = f.ty.get_ref() {
            if choices.is_empty() {
                self.err(f.ty.span(), m::choice_needs_value(), None);
            }
            for c in choices {
                self.text(&c.label, "label", f.ty.span());
            }
        }
        // Checked here; the answers' checks read `after` by name, as the answers are kept.
        if let Some(after) = &f.after {
            let found = self.kinds.get(after.get_ref().as_str());
            if !matches!(found, Some(&(Kind::Date, _))) {
                self.err(after.span(), m::after_not_date(after.get_ref()), None);
            }
        }
        let not_before_when = f.not_before.iter().map(|r| self.not_before(f, r)).collect();
        if f.past && *f.ty.get_ref() != FactType::Date {
            self.err(f.name.span(), m::past_only_dates(), None);
        }
        model::FactRules {
            kind: match f.ty.get_ref() {
                FactType::Date => model::FactKind::Date,
                FactType::Bool => model::FactKind::Bool,
                FactType::Status => model::FactKind::Status,
                FactType::Choice(_) => model::FactKind::Choice,
                FactType::Municipality => model::FactKind::Municipality,
            },
            required: f.required.as_ref().and_then(|r| self.cond(r)),
            not_before_when,
            asked_when: f.asked_when.as_ref().and_then(|w| self.cond(w)),
        }
    }

    /// A date fact's rule that it is not before another: the condition under which it holds.
    fn not_before(&mut self, f: &FactDecl, rule: &OrderRule) -> Option<model::Cond> {
        let other = rule.fact.get_ref();
        if *f.ty.get_ref() != FactType::Date {
            self.err(f.name.span(), m::not_before_only_dates(), None);
        } else if other == f.name.get_ref() {
            self.err(rule.fact.span(), m::not_before_itself(), None);
        } else if !matches!(self.kinds.get(other.as_str()), Some(&(Kind::Date, _))) {
            self.err(rule.fact.span(), m::not_before_not_date(other), None);
        }
        self.text(&rule.because, "because", rule.fact.span());
        rule.when.as_ref().and_then(|c| self.cond(c))
    }

    /// The interview's gates: named apart from facts, each fact behind at most one gate.
    fn gates(&mut self) -> Vec<model::GateRules> {
        let kb = self.kb;
        let mut gated: BTreeMap<&str, &str> = BTreeMap::new();
        let mut gate_rules: Vec<model::GateRules> = Vec::with_capacity(kb.gates.len());
        for (i, g) in kb.gates.iter().enumerate() {
            let name = g.name.get_ref().as_str();
            if self.kinds.contains_key(name)
                || kb.gates[..i].iter().any(|o| o.name.get_ref() == name)
            {
                self.err(g.name.span(), m::gate_name_taken(name), None);
            }
            self.asked(&g.question, &g.noun, g.help.as_ref(), g.name.span());
            if g.facts.is_empty() {
                self.err(g.name.span(), m::gate_needs_fact(), None);
            }
            for f in &g.facts {
                let fact = f.get_ref().as_str();
                let Some(id) = kb.fact_id(fact) else {
                    self.err(f.span(), unknown(&m::noun_fact(), fact), None);
                    continue;
                };
                if kb.fact_at(id).required.is_some() {
                    self.err(f.span(), m::required_behind_gate(fact), None);
                } else if let Some(other) = gated.insert(fact, name) {
                    self.err(f.span(), m::behind_two_gates(fact, other, name), None);
                }
            }
            let when = g.when.as_ref().and_then(|w| self.cond(w));
            gate_rules.push(model::GateRules { when });
        }
        gate_rules
    }

    fn derived_condition(&mut self, c: &NamedCondition) -> Option<model::DerivedCondition> {
        let when = self.cond(&c.when);
        self.text(&c.yes, "yes", c.name.span());
        self.text(&c.no, "no", c.name.span());
        let mut placeholders: Vec<(String, Option<model::Ref>)> = Vec::new();
        for k in c.yes.placeholders().chain(c.no.placeholders()) {
            if !placeholders.iter().any(|(n, _)| n == k) {
                placeholders.push((k.to_string(), self.placeholder(k)));
            }
        }
        Some(model::DerivedCondition {
            when: when?,
            yes: c.yes.clone(),
            no: c.no.clone(),
            placeholders,
        })
    }

    /// The `i`th member note.
    fn member_note(&mut self, i: usize, n: &schema::MemberNote) -> Option<model::MemberNote> {
        let name = n.name.get_ref();
        if self.kb.member_notes[..i]
            .iter()
            .any(|o| o.name.get_ref() == name)
        {
            let msg = declared_twice(&m::noun_member_note(), name);
            self.err(n.name.span(), msg, None);
        }
        let when = self.cond(&n.when);
        let text = self.varied(&n.text, "text", n.name.span());
        let none = || m::member_note_no_source(name);
        self.sources(&n.sources, n.name.span(), none, "[[member_note.source]]");
        Some(model::MemberNote {
            when: when?,
            text: text?,
        })
    }
}

/// What each fact and derived name stands for, and its index.
fn kinds_of(kb: &Kb) -> HashMap<&str, (Kind, usize)> {
    let mut kinds = HashMap::with_capacity(kb.facts.len() + kb.conditions.len() + kb.dates.len());
    for (i, f) in kb.facts.iter().enumerate() {
        let k = match f.ty.get_ref() {
            FactType::Date => Kind::Date,
            FactType::Bool => Kind::Bool,
            FactType::Status => Kind::Status,
            FactType::Choice(_) | FactType::Municipality => Kind::Choice,
        };
        kinds.insert(f.name.get_ref().as_str(), (k, i));
    }
    for (i, c) in kb.conditions.iter().enumerate() {
        kinds.insert(c.name.get_ref().as_str(), (Kind::NamedCondition, i));
    }
    for (i, d) in kb.dates.iter().enumerate() {
        kinds.insert(d.name.get_ref().as_str(), (Kind::NamedDate, i));
    }
    kinds
}

impl Kb {
    /// Checks and resolves a condition written against this knowledge base (for tests and
    /// tools that write one), with the same diagnostics as `kb check` gives for one in a file.
    #[cfg(test)]
    pub(crate) fn resolve_cond(
        &self,
        file: &str,
        c: &Cond,
    ) -> Result<model::Cond, Vec<Diagnostic>> {
        let mut ck = Checker {
            kb: self,
            kinds: kinds_of(self),
            out: Vec::new(),
            file: file.to_string(),
        };
        let r = ck.cond(c);
        match r {
            Some(c) if ck.out.is_empty() => Ok(c),
            _ => Err(ck.out),
        }
    }

    /// Checks and resolves a date expression written against this knowledge base.
    #[cfg(test)]
    pub(crate) fn resolve_date(
        &self,
        file: &str,
        d: &DateExpr,
    ) -> Result<model::DateExpr, Vec<Diagnostic>> {
        let mut ck = Checker {
            kb: self,
            kinds: kinds_of(self),
            out: Vec::new(),
            file: file.to_string(),
        };
        let r = ck.date(d);
        match r {
            Some(d) if ck.out.is_empty() => Ok(d),
            _ => Err(ck.out),
        }
    }
}

/// Whether two effective periods (`from` inclusive, `until` exclusive) share no day. A step
/// without `effective` is in force always, so it overlaps everything.
fn disjoint(a: Option<&Effective>, b: Option<&Effective>) -> bool {
    let bounds = |e: &Effective| {
        let from = e
            .from
            .as_ref()
            .and_then(|d| crate::dates::from_toml(d.get_ref()).ok());
        let until = e
            .until
            .as_ref()
            .and_then(|d| crate::dates::from_toml(d.get_ref()).ok());
        (from, until)
    };
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let ((af, au), (bf, bu)) = (bounds(a), bounds(b));
    // a ends before b starts, or b ends before a starts.
    matches!((au, bf), (Some(u), Some(f)) if u <= f)
        || matches!((bu, af), (Some(u), Some(f)) if u <= f)
}

fn file_ending(kb: &Kb, suffix: &str) -> String {
    kb.files
        .iter()
        .find(|f| f.name.ends_with(suffix))
        .map_or_else(|| suffix.to_string(), |f| f.name.clone())
}

/// "the fact `x` is declared twice": `what` is one of the `noun_…` messages.
fn declared_twice(what: &Text, name: &str) -> Text {
    per_lang(|l| m::declared_twice(what.get(l), name))
}

/// "unknown fact `x`": `what` is one of the `noun_…` messages.
fn unknown(what: &Text, name: &str) -> Text {
    per_lang(|l| m::unknown(what.get(l), name))
}

/// "expected one of: a, b", the list written with each language's comma.
fn expected_one_of(names: &[&str]) -> Text {
    per_lang(|l| m::expected_one_of(names.join(list_separator(l))))
}

/// Names by their index; a name declared twice is an error. `what` is one of the `noun_…`
/// messages.
fn names<'a>(
    out: &mut Vec<Diagnostic>,
    file: &str,
    what: fn() -> Text,
    names: impl Iterator<Item = &'a Name>,
) -> NameMap<usize> {
    let mut map = NameMap::new();
    for (i, n) in names.enumerate() {
        if map.insert(n.get_ref().clone(), i).is_some() {
            out.push(Diagnostic::error(
                file,
                Some(n.span()),
                declared_twice(&what(), n.get_ref()),
            ));
        }
    }
    map
}

impl Checker<'_> {
    fn err(&mut self, span: Range<usize>, msg: Text, help: Option<Text>) {
        let mut d = Diagnostic::error(&self.file, Some(span), msg);
        d.help = help.map(Box::new);
        self.out.push(d);
    }

    fn text(&mut self, t: &Text, field: &str, span: Range<usize>) {
        if t.en.trim().is_empty() {
            let msg = m::no_english_text(field);
            self.err(span.clone(), msg, Some(m::text_needs_both()));
        }
        if t.ja.trim().is_empty() {
            self.err(span, m::no_japanese_text(field), Some(m::text_needs_both()));
        }
    }

    /// A text that may have variants: every variant's condition and both languages.
    fn varied(&mut self, t: &Varied, field: &str, span: Range<usize>) -> Option<model::Varied> {
        match t {
            Varied::One(t) => {
                self.text(t, field, span);
                Some(model::Varied::One(self.template(t)))
            }
            Varied::Variants(vs) => {
                if vs.is_empty() {
                    self.err(span.clone(), m::no_variant(field), None);
                }
                let variants = all(vs.iter().map(|v| {
                    let when = optional(v.when.as_ref(), |c| self.cond(c));
                    self.text(&v.text, field, span.clone());
                    Some((when.ok()?, self.template(&v.text)))
                }));
                variants.map(model::Varied::Variants)
            }
        }
    }

    /// A text with its placeholders resolved to the facts and derived dates that fill them.
    fn template(&self, t: &Text) -> model::Template {
        let mut refs: Vec<(String, model::Ref)> = Vec::new();
        for k in t.placeholders() {
            if !refs.iter().any(|(n, _)| n == k) {
                if let Some(r) = self.placeholder(k) {
                    refs.push((k.to_string(), r));
                }
            }
        }
        model::Template {
            text: t.clone(),
            refs,
        }
    }

    /// The fact or derived date that a placeholder names; none for a derived condition or an
    /// unknown name.
    fn placeholder(&self, k: &str) -> Option<model::Ref> {
        match self.kinds.get(k) {
            Some(&(Kind::NamedDate, i)) => Some(model::Ref::Date(model::DateId::new(i))),
            Some(&(Kind::NamedCondition, _)) | None => None,
            Some(&(_, i)) => Some(model::Ref::Fact(model::FactId::new(i))),
        }
    }

    /// An unknown fact, with "did you mean" when a known name is close.
    fn unknown_fact(&mut self, n: &Name) {
        let help = Kb::suggest(n.get_ref(), self.kinds.keys().copied()).map(m::did_you_mean);
        self.err(n.span(), unknown(&m::noun_fact(), n.get_ref()), help);
    }

    /// The kind and index of a name, when it is one of `want`; `need` (one of the `need_…`
    /// messages) says what is needed otherwise.
    fn expect(&mut self, n: &Name, want: &[Kind], need: fn() -> Text) -> Option<(Kind, usize)> {
        match self.kinds.get(n.get_ref().as_str()).copied() {
            None => {
                self.unknown_fact(n);
                None
            }
            Some((k, i)) if want.contains(&k) => Some((k, i)),
            Some((k, _)) => {
                let (kind, need) = (describe(k), need());
                let msg = per_lang(|l| m::wrong_kind(n.get_ref(), kind.get(l), need.get(l)));
                self.err(n.span(), msg, None);
                None
            }
        }
    }

    /// Every condition of a list, resolved when all are (each reports its own problems).
    fn conds(&mut self, cs: &[Cond]) -> Option<Vec<model::Cond>> {
        all(cs.iter().map(|c| self.cond(c)))
    }

    fn dates(&mut self, ds: &[DateExpr]) -> Option<Vec<model::DateExpr>> {
        all(ds.iter().map(|d| self.date(d)))
    }

    fn cond(&mut self, c: &Cond) -> Option<model::Cond> {
        match c {
            Cond::All(cs) => self.conds(cs).map(model::Cond::All),
            Cond::Any(cs) => self.conds(cs).map(model::Cond::Any),
            Cond::Not(c) => self.cond(c).map(|c| model::Cond::Not(Box::new(c))),
            Cond::Is(n) => match self.expect(n, &[Kind::Bool, Kind::NamedCondition], m::need_is)? {
                (Kind::NamedCondition, i) => Some(model::Cond::Derived(model::CondId::new(i))),
                (_, i) => Some(model::Cond::Yes(model::FactId::new(i))),
            },
            Cond::Eq(FactValue { fact, value }) => self.value_of(fact, std::slice::from_ref(value)),
            Cond::In(FactValues { fact, values }) => self.value_of(fact, values),
            Cond::Known(n) | Cond::Unknown(n) => {
                let (k, i) = self.expect(
                    n,
                    &[
                        Kind::Date,
                        Kind::Bool,
                        Kind::Choice,
                        Kind::Status,
                        Kind::NamedDate,
                    ],
                    m::need_known,
                )?;
                Some(model::Cond::Known {
                    what: if k == Kind::NamedDate {
                        model::Ref::Date(model::DateId::new(i))
                    } else {
                        model::Ref::Fact(model::FactId::new(i))
                    },
                    known: matches!(c, Cond::Known(_)),
                })
            }
            Cond::Before(cmp) | Cond::After(cmp) | Cond::OnOrBefore(cmp) => {
                let date = self.date(&cmp.date);
                let than = self.date(&cmp.than);
                let op = match c {
                    Cond::Before(_) => model::Compare::Before,
                    Cond::After(_) => model::Compare::After,
                    _ => model::Compare::OnOrBefore,
                };
                Some(model::Cond::Compare {
                    op,
                    date: date?,
                    than: than?,
                })
            }
            Cond::AgeAtLeast(a) => {
                let on = self.date(&a.on);
                let birth = if let Some(&(Kind::Date, i)) = self.kinds.get("birth_date") {
                    Some(model::FactId::new(i))
                } else {
                    self.out.push(Diagnostic::error(
                        &self.file,
                        None,
                        m::age_needs_birth_date(),
                    ));
                    None
                };
                Some(model::Cond::AgeAtLeast {
                    years: a.years,
                    birth: birth?,
                    on: on?,
                })
            }
            Cond::Status(flag) => {
                let known = model::StatusFlag::ALL
                    .iter()
                    .find(|(name, _)| name == flag.get_ref())
                    .map(|(_, f)| *f);
                let Some(known) = known else {
                    let names: Vec<&str> = model::StatusFlag::ALL.iter().map(|(n, _)| *n).collect();
                    self.err(
                        flag.span(),
                        unknown(&m::noun_status_property(), flag.get_ref()),
                        Some(expected_one_of(&names)),
                    );
                    return None;
                };
                if let Some(&(Kind::Status, i)) = self.kinds.get("status") {
                    Some(model::Cond::Status {
                        fact: model::FactId::new(i),
                        flag: known,
                    })
                } else {
                    self.err(flag.span(), m::status_needs_fact(), None);
                    None
                }
            }
            Cond::InForce(e) => self.effective(e).map(model::Cond::InForce),
        }
    }

    fn value_of(&mut self, fact: &Name, values: &[Name]) -> Option<model::Cond> {
        let (kind, i) = self.expect(fact, &[Kind::Choice, Kind::Status], m::need_value)?;
        let kb = self.kb;
        let keys = if kind == Kind::Status {
            let statuses = &kb.index.statuses;
            all(values.iter().map(|v| {
                let what = m::noun_status_of_residence;
                self.key(v, statuses, &kb.statuses, |s| s.key.get_ref(), what)
            }))
        } else {
            let choices: Vec<&str> = match kb.facts[i].ty.get_ref() {
                FactType::Choice(cs) => cs.iter().map(|c| c.value.as_str()).collect(),
                _ => Vec::new(),
            };
            all(values.iter().map(|v| {
                let found = choices.iter().position(|c| c == v.get_ref());
                if found.is_none() {
                    self.err(
                        v.span(),
                        m::not_a_value(v.get_ref(), fact.get_ref()),
                        Some(expected_one_of(&choices)),
                    );
                }
                found
            }))
        };
        Some(model::Cond::OneOf {
            fact: model::FactId::new(i),
            values: keys?,
        })
    }

    fn effective(&mut self, e: &Effective) -> Option<model::Effective> {
        let from = optional(e.from.as_ref(), |d| self.plain_date(d));
        let until = optional(e.until.as_ref(), |d| self.plain_date(d));
        Some(model::Effective {
            from: from.ok()?,
            until: until.ok()?,
        })
    }

    /// A date without a time or an offset.
    fn plain_date(&mut self, d: &TomlDate) -> Option<chrono::NaiveDate> {
        let day = crate::dates::from_toml(d.get_ref()).ok();
        if day.is_none() {
            self.err(d.span(), m::plain_date_expected(), None);
        }
        day
    }

    fn period(&mut self, p: &PeriodSpec) -> Option<Box<model::PeriodExpr>> {
        let from = self.date(&p.from);
        let units: Vec<(std::ops::Range<usize>, u32, model::Unit)> = [
            (&p.days, model::Unit::Days),
            (&p.weeks, model::Unit::Weeks),
            (&p.months, model::Unit::Months),
            (&p.years, model::Unit::Years),
        ]
        .into_iter()
        .filter_map(|(n, u)| n.as_ref().map(|n| (n.span(), *n.get_ref(), u)))
        .collect();
        if units.len() != 1 {
            let span = units.get(1).map_or(0..0, |u| u.0.clone());
            self.out.push(Diagnostic::error(
                &self.file,
                (units.len() > 1).then_some(span),
                m::one_period_unit(),
            ));
            return None;
        }
        let (_, n, unit) = units[0].clone();
        Some(Box::new(model::PeriodExpr {
            from: from?,
            n,
            unit,
            count_first_day: p.count_first_day,
        }))
    }

    fn date(&mut self, d: &DateExpr) -> Option<model::DateExpr> {
        match d {
            DateExpr::Fact(n) => {
                match self.expect(n, &[Kind::Date, Kind::NamedDate], m::need_date)? {
                    (Kind::NamedDate, i) => Some(model::DateExpr::Derived(model::DateId::new(i))),
                    (_, i) => Some(model::DateExpr::Fact(model::FactId::new(i))),
                }
            }
            DateExpr::Today(_) => Some(model::DateExpr::Today),
            DateExpr::Date(t) => self.plain_date(t).map(model::DateExpr::Date),
            DateExpr::Add(p) => self.period(p).map(model::DateExpr::Add),
            DateExpr::Before(p) => self.period(p).map(model::DateExpr::Before),
            DateExpr::Earliest(ds) | DateExpr::Latest(ds) | DateExpr::FirstKnown(ds) => {
                if ds.is_empty() {
                    self.out
                        .push(Diagnostic::error(&self.file, None, m::needs_a_date()));
                }
                let all = self.dates(ds)?;
                if all.is_empty() {
                    return None;
                }
                Some(match d {
                    DateExpr::Earliest(_) => model::DateExpr::Earliest(all),
                    DateExpr::Latest(_) => model::DateExpr::Latest(all),
                    _ => model::DateExpr::FirstKnown(all),
                })
            }
            DateExpr::Birthday(b) => {
                let birth = self.date(&b.birth);
                let after = self.date(&b.after);
                Some(model::DateExpr::Birthday {
                    birth: Box::new(birth?),
                    after: Box::new(after?),
                    nth: b.nth,
                })
            }
            DateExpr::LastOpenOnOrBefore(d) => self
                .date(d)
                .map(|d| model::DateExpr::LastOpenOnOrBefore(Box::new(d))),
            DateExpr::Choose(c) => {
                let cases = all(c.cases.iter().map(|case| {
                    let when = self.cond(&case.when);
                    let then = self.date(&case.then);
                    Some((when?, then?))
                }));
                let otherwise = optional(c.otherwise.as_ref(), |o| self.date(o).map(Box::new));
                Some(model::DateExpr::Choose {
                    cases: cases?,
                    otherwise: otherwise.ok()?,
                })
            }
        }
    }

    /// A vocabulary key a step names, with "did you mean" when it is unknown.
    fn key<T>(
        &mut self,
        n: &Name,
        map: &NameMap<usize>,
        all: &[T],
        key: impl Fn(&T) -> &str,
        what: fn() -> Text,
    ) -> Option<usize> {
        let found = map.get(n.get_ref().as_str()).copied();
        if found.is_none() {
            let help = Kb::suggest(n.get_ref(), all.iter().map(key)).map(m::did_you_mean);
            self.err(n.span(), unknown(&what(), n.get_ref()), help);
        }
        found
    }

    fn step(&mut self, s: &StepDecl) -> Option<model::StepRules> {
        let kb = self.kb;
        let span = s.id.span();
        self.text(&s.title, "title", span.clone());
        let summary = self.varied(&s.summary, "summary", span.clone());
        if let Varied::Variants(vs) = &s.summary
            && vs.last().is_none_or(|v| v.when.is_some())
        {
            self.err(
                span.clone(),
                m::summary_no_default(),
                Some(m::summary_no_default_help()),
            );
        }
        let missed = optional(s.missed.as_ref(), |t| {
            self.varied(t, "missed", span.clone())
        });
        let ask = optional(s.ask.as_ref(), |t| self.varied(t, "ask", span.clone()));
        if let Some(t) = &s.fee {
            self.text(t, "fee", span.clone());
        }
        let phase = self.key(
            &s.phase,
            &kb.index.phases,
            &kb.phases,
            |p| p.key.get_ref(),
            m::noun_phase,
        );
        let place = self.key(
            &s.place,
            &kb.index.places,
            &kb.places,
            |p| p.key.get_ref(),
            m::noun_place,
        );
        let bring = all(s.bring.iter().map(|b| self.bring(b)));
        // The steps it comes after and the fact it records are checked here; nothing reads
        // them resolved (the order, the interview and `done` go by their names).
        let after = all(s.after.iter().map(|a| {
            let steps = &kb.steps;
            self.key(
                a,
                &kb.index.steps,
                steps,
                |p| p.decl.id.get_ref(),
                m::noun_step,
            )
        }));
        let records = optional(s.records.as_ref(), |r| {
            self.expect(r, &[Kind::Date], m::need_records)
        });
        let applies = optional(s.applies.as_ref(), |c| self.cond(c));
        let done_when = optional(s.done_when.as_ref(), |c| self.cond(c));
        let opens = optional(s.opens.as_ref(), |o| self.date(o));
        let deadline = optional(s.deadline.as_ref(), |d| {
            let kind = *d.kind.get_ref();
            self.date(&d.date).map(|date| model::Deadline {
                kind,
                date,
                adjust: d.adjust.unwrap_or_else(|| kind.default_adjust()),
            })
        });
        let expected = optional(s.expected.as_ref(), |e| {
            let from = self.date(&e.from);
            let to = self.date(&e.to);
            Some((from?, to?))
        });
        let notes = all(s.notes.iter().map(|n| {
            let when = optional(n.when.as_ref(), |c| self.cond(c));
            self.text(&n.text, "note", span.clone());
            Some(model::Note {
                when: when.ok()?,
                text: self.template(&n.text),
                warning: n.warning,
            })
        }));
        let effective = optional(s.effective.as_ref(), |e| self.effective(e));
        let none = || m::step_no_source(s.id.get_ref());
        self.sources(&s.sources, span, none, "[[step.source]]");
        after?;
        records.ok()?;
        Some(model::StepRules {
            phase: model::PhaseId::new(phase?),
            place: model::PlaceId::new(place?),
            applies: applies.ok()?,
            done_when: done_when.ok()?,
            opens: opens.ok()?,
            deadline: deadline.ok()?,
            expected: expected.ok()?,
            wording: super::lazy::Lazy::new(model::StepWording {
                summary: summary?,
                ask: ask.ok()?,
                missed: missed.ok()?,
                notes: notes?,
            }),
            bring: bring?,
            effective: effective.ok()?,
        })
    }

    /// Something a step asks to bring, and when.
    fn bring(&mut self, b: &Spanned<Bring>) -> Option<model::Bring> {
        let kb = self.kb;
        let (key, span, when) = match b.get_ref() {
            Bring::Always(k) => (k.as_str(), b.span(), Some(None)),
            Bring::When(w) => (
                w.item.get_ref().as_str(),
                w.item.span(),
                self.cond(&w.when).map(Some),
            ),
        };
        let item = kb.index.items.get(key).copied();
        if item.is_none() {
            let help = Kb::suggest(key, kb.items.iter().map(|p| p.key.get_ref().as_str()))
                .map(m::did_you_mean);
            self.err(
                span,
                unknown(&m::noun_item(), key),
                help.or(Some(m::items_declared_where())),
            );
        }
        Some(model::Bring {
            item: model::ItemId::new(item?),
            when: when?,
        })
    }

    /// At least one source, each with a web address and a plain `checked` date. `none` says
    /// that the step or note has none; `table` is the table that adds one.
    fn sources(
        &mut self,
        sources: &[super::schema::Source],
        span: Range<usize>,
        none: impl FnOnce() -> Text,
        table: &str,
    ) {
        if sources.is_empty() {
            self.err(span, none(), Some(m::add_source(table)));
        }
        for src in sources {
            if !src.url.get_ref().starts_with("https://")
                && !src.url.get_ref().starts_with("http://")
            {
                self.err(src.url.span(), m::source_needs_url(), None);
            }
            if crate::dates::from_toml(src.checked.get_ref())
                .ok()
                .is_none()
            {
                self.err(src.checked.span(), m::checked_plain_date(), None);
            }
        }
    }

    /// Derived names may refer to each other, but not in a circle.
    fn derived_cycles(&mut self) {
        let kb = self.kb;
        let mut deps: HashMap<&str, Vec<&str>> = HashMap::new();
        for c in &kb.conditions {
            let mut names = Vec::new();
            cond_names(&c.when, &mut names);
            deps.insert(c.name.get_ref(), names);
        }
        for d in &kb.dates {
            let mut names = Vec::new();
            date_names(&d.value, &mut names);
            deps.insert(d.name.get_ref(), names);
        }
        let mut done = HashSet::new();
        for start in deps.keys() {
            let mut path = Vec::new();
            if let Some(cycle) = find_cycle(start, &deps, &mut path, &mut done) {
                self.out.push(Diagnostic::error(
                    &self.file,
                    None,
                    m::derived_circle(cycle.join(" → ")),
                ));
                return;
            }
        }
    }

    /// Orders steps so that each comes after the steps it names in `after`; reports cycles.
    fn step_order(&mut self) -> Vec<usize> {
        let kb = self.kb;
        let n = kb.steps.len();
        let mut indegree = vec![0usize; n];
        let mut next: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, s) in kb.steps.iter().enumerate() {
            for a in &s.decl.after {
                if let Some(&j) = kb.index.steps.get(a.get_ref()) {
                    next[j].push(i);
                    indegree[i] += 1;
                }
            }
        }
        let mut rank = vec![usize::MAX; n];
        let mut ready: Vec<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
        let mut r = 0;
        while let Some(i) = ready.first().copied() {
            ready.remove(0);
            rank[i] = r;
            r += 1;
            for &j in &next[i] {
                indegree[j] -= 1;
                if indegree[j] == 0 {
                    ready.push(j);
                }
            }
        }
        for (i, s) in kb.steps.iter().enumerate() {
            if rank[i] == usize::MAX {
                self.file = kb.file_name(s.file).to_string();
                self.err(
                    s.decl.id.span(),
                    m::step_in_cycle(s.decl.id.get_ref()),
                    Some(m::step_in_cycle_help()),
                );
                rank[i] = n + i;
            }
        }
        rank
    }
}

fn find_cycle<'a>(
    node: &'a str,
    deps: &HashMap<&'a str, Vec<&'a str>>,
    path: &mut Vec<&'a str>,
    done: &mut HashSet<&'a str>,
) -> Option<Vec<String>> {
    if let Some(pos) = path.iter().position(|p| *p == node) {
        let mut cycle: Vec<String> = path[pos..]
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        cycle.push(node.to_string());
        return Some(cycle);
    }
    if done.contains(node) {
        return None;
    }
    path.push(node);
    for d in deps.get(node).into_iter().flatten() {
        if deps.contains_key(d) {
            if let Some(c) = find_cycle(d, deps, path, done) {
                return Some(c);
            }
        }
    }
    path.pop();
    done.insert(node);
    None
}

pub(crate) fn cond_names<'a>(c: &'a Cond, out: &mut Vec<&'a str>) {
    match c {
        Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| cond_names(c, out)),
        Cond::Not(c) => cond_names(c, out),
        Cond::Is(n) | Cond::Known(n) | Cond::Unknown(n) => out.push(n.get_ref()),
        Cond::Eq(v) => out.push(v.fact.get_ref()),
        Cond::In(v) => out.push(v.fact.get_ref()),
        Cond::Before(c) | Cond::After(c) | Cond::OnOrBefore(c) => {
            date_names(&c.date, out);
            date_names(&c.than, out);
        }
        Cond::AgeAtLeast(a) => {
            out.push("birth_date");
            date_names(&a.on, out);
        }
        Cond::Status(_) => out.push("status"),
        Cond::InForce(_) => {}
    }
}

pub(crate) fn date_names<'a>(d: &'a DateExpr, out: &mut Vec<&'a str>) {
    match d {
        DateExpr::Fact(n) => out.push(n.get_ref()),
        DateExpr::Today(_) | DateExpr::Date(_) => {}
        DateExpr::Add(p) | DateExpr::Before(p) => date_names(&p.from, out),
        DateExpr::Earliest(ds) | DateExpr::Latest(ds) | DateExpr::FirstKnown(ds) => {
            for d in ds {
                date_names(d, out);
            }
        }
        DateExpr::Birthday(b) => {
            date_names(&b.birth, out);
            date_names(&b.after, out);
        }
        DateExpr::LastOpenOnOrBefore(d) => date_names(d, out),
        DateExpr::Choose(c) => {
            for case in &c.cases {
                cond_names(&case.when, out);
                date_names(&case.then, out);
            }
            if let Some(o) = &c.otherwise {
                date_names(o, out);
            }
        }
    }
}

fn describe(k: Kind) -> Text {
    match k {
        Kind::Date => m::kind_date(),
        Kind::Bool => m::kind_bool(),
        Kind::Choice => m::kind_choice(),
        Kind::Status => m::kind_status(),
        Kind::NamedCondition => m::kind_derived_condition(),
        Kind::NamedDate => m::kind_derived_date(),
    }
}

#[cfg(test)]
mod language_errors {
    //! The condition language's located errors, on a copy of the embedded knowledge base with one
    //! step file replaced.
    use super::super::{Kb, SourceFile};

    fn load_with_step(step_toml: &str) -> Vec<String> {
        Kb::from_files(files_with_step(step_toml), "data/")
            .map_or_else(|e| e.located_lines(), |_| Vec::new())
    }

    /// The embedded knowledge base's files with the steps replaced by `step_toml`.
    fn files_with_step(step_toml: &str) -> Vec<SourceFile> {
        let mut files: Vec<SourceFile> = Kb::embedded()
            .unwrap_or_else(|e| panic!("{}", e.render()))
            .files
            .into_iter()
            // Municipal overlays name the real steps; they have their own tests.
            .filter(|f| {
                !f.name.starts_with("data/steps/") && !f.name.starts_with("data/municipalities/")
            })
            .collect();
        files.push(SourceFile {
            name: "data/steps/test.toml".into(),
            text: step_toml.to_string().into(),
        });
        files
    }

    /// Each problem of a bad step in both languages: (message, help), English then Japanese.
    fn problems_with_step(step_toml: &str) -> Vec<[(String, String); 2]> {
        let diagnostics = Kb::from_files(files_with_step(step_toml), "data/")
            .err()
            .map_or_else(Vec::new, |e| e.diagnostics);
        diagnostics
            .into_iter()
            .map(|d| {
                let help = d.help.map(|h| *h).unwrap_or_default();
                [(d.message.en, help.en), (d.message.ja, help.ja)]
            })
            .collect()
    }

    fn pair(message: &str, help: &str) -> (String, String) {
        (message.to_string(), help.to_string())
    }

    #[test]
    fn a_bad_step_is_reported_in_english_and_japanese() {
        // An unknown fact with a close name, a name of the wrong kind, a value not among the
        // choices, no Japanese title, no source.
        let src = HEAD
            .replace("ja = \"テスト\" }\nsummary", "ja = \"\" }\nsummary")
            .replace(
                "[[step.source]]",
                "applies = { all = [{ known = \"moved_inn\" }, { is = \"moved_in\" }, { eq = { fact = \"nationality\", value = \"martian\" } }] }\n[[step.source]]",
            );
        let src = src.split("[[step.source]]").next().unwrap_or_default();
        let problems = problems_with_step(src);
        let expected = [
            [
                pair(
                    "`title` has no Japanese text",
                    "every text needs both `en` and `ja`",
                ),
                pair(
                    "`title` に日本語のテキストがありません。",
                    "すべてのテキストに `en` と `ja` の両方が必要です。",
                ),
            ],
            [
                pair("unknown fact `moved_inn`", "did you mean `moved_in`?"),
                pair(
                    "「moved_inn」という回答項目はありません。",
                    "「moved_in」ではありませんか？",
                ),
            ],
            [
                pair(
                    "`moved_in` is a date fact, but `is` needs a yes/no fact or a derived condition",
                    "",
                ),
                pair(
                    "「moved_in」は日付の回答項目ですが、`is` には、はい・いいえの回答項目か導出条件が必要です。",
                    "",
                ),
            ],
            [
                pair(
                    "`martian` is not a value of `nationality`",
                    "expected one of: japanese, foreign",
                ),
                pair(
                    "「martian」は「nationality」の値ではありません。",
                    "次のいずれかを指定してください：japanese、foreign",
                ),
            ],
            [
                pair(
                    "the step `x.test` has no source",
                    "add a [[step.source]] with url, title and checked",
                ),
                pair(
                    "手続「x.test」に出典がありません。",
                    "url、title、checked を書いた [[step.source]] を追加してください。",
                ),
            ],
        ];
        // And the step that no answers can reach because of the value.
        assert_eq!(problems.len(), expected.len() + 1, "{problems:#?}");
        assert!(
            problems.iter().any(|[(en, _), _]| en
                .ends_with("can never apply: no answers make its `applies` condition true")),
            "{problems:#?}"
        );
        for want in &expected {
            assert!(problems.contains(want), "{want:?} in {problems:#?}");
        }
    }

    #[test]
    fn a_step_no_answers_reach_says_why_in_both_languages() {
        let problems = problems_with_step(&HEAD.replace(
            "[[step.source]]",
            "applies = { all = [{ known = \"moved_in\" }, { unknown = \"moved_in\" }] }\n[[step.source]]",
        ));
        assert_eq!(
            problems,
            [[
                pair(
                    "the step `x.test` can never apply: no answers make its `applies` condition true",
                    "`moved_in` must be both answered and unanswered; fix or remove the condition",
                ),
                pair(
                    "手続「x.test」はどの回答でも対象になりません。`applies` の条件を満たす回答がありません。",
                    "「moved_in」が回答済みで、かつ未回答でなければなりません。条件を直すか、削除してください。",
                ),
            ]]
        );
    }

    /// The embedded knowledge base with `extra` appended to facts.toml: its errors.
    fn load_with_facts(extra: &str) -> Vec<String> {
        let mut files = Kb::embedded()
            .unwrap_or_else(|e| panic!("{}", e.render()))
            .files;
        for f in &mut files {
            if f.name == "data/facts.toml" {
                f.text = format!("{}\n{extra}", f.text).into();
            }
        }
        match Kb::from_files(files, "data/") {
            Ok(_) => Vec::new(),
            Err(e) => e.diagnostics.iter().map(|d| d.message.en.clone()).collect(),
        }
    }

    #[test]
    fn gates_name_real_facts_each_behind_one_gate() {
        let gate = |name: &str, facts: &str| {
            format!(
                "[[gate]]\nname = \"{name}\"\norder = 1\nquestion = {{ en = \"Q?\", ja = \"質問？\" }}\nnoun = {{ en = \"q\", ja = \"質問\" }}\nfacts = [{facts}]\n"
            )
        };
        assert_eq!(
            load_with_facts(&gate("extra", "\"relation\"")),
            Vec::<String>::new()
        );
        let errs = load_with_facts(&gate("extra", "\"moved_inn\""));
        assert_eq!(errs, ["unknown fact `moved_inn`"]);
        let errs = load_with_facts(&gate("extra", "\"card_lost_on\""));
        assert_eq!(
            errs,
            ["`card_lost_on` is behind two gates (`card_lost` and `extra`)"]
        );
        let errs = load_with_facts(&gate("moved_in", "\"relation\""));
        assert!(errs[0].contains("`moved_in` is already used"), "{errs:?}");
        let errs = load_with_facts(&gate("extra", "\"nationality\""));
        assert_eq!(errs, ["`nationality` is required: no gate can hide it"]);
        let errs = load_with_facts(&gate("extra", ""));
        assert_eq!(errs, ["a gate needs at least one fact"]);
        // Bilingual, like every question.
        let errs = load_with_facts(&gate("extra", "\"relation\"").replace(", ja = \"質問？\"", ""));
        assert_eq!(errs, ["missing field `ja`"]);
    }

    const HEAD: &str = r#"[[step]]
id = "x.test"
phase = "arrival"
where = "municipal_office"
title = { en = "Test", ja = "テスト" }
summary = { en = "Test", ja = "テスト" }
[[step.source]]
url = "https://example.org/"
title = "t"
checked = 2026-11-01
"#;

    #[test]
    fn a_valid_step_loads() {
        let errs = load_with_step(&format!(
            "{HEAD}[step.deadline]\nkind = \"legal\"\ndate = {{ add = {{ from = {{ fact = \"moved_in\" }}, days = 14 }} }}\n"
        ));
        assert!(errs.is_empty(), "{errs:?}");
    }

    #[test]
    fn unknown_fact_is_located_with_a_suggestion() {
        let errs = load_with_step(&HEAD.replace(
            "[[step.source]]",
            "applies = { known = \"moved_inn\" }\n[[step.source]]",
        ));
        assert_eq!(
            errs,
            vec!["data/steps/test.toml:7:21: unknown fact `moved_inn`".to_string()]
        );
    }

    #[test]
    fn wrong_types_are_errors() {
        let errs = load_with_step(&HEAD.replace(
            "[[step.source]]",
            "applies = { all = [{ is = \"moved_in\" }, { eq = { fact = \"nationality\", value = \"martian\" } }, { eq = { fact = \"moved_in\", value = \"x\" } }] }\n[[step.source]]",
        ));
        // The three type errors, then the step that no answers can reach because of them.
        assert_eq!(errs.len(), 4, "{errs:?}");
        assert!(
            errs[0].contains("7:27: `moved_in` is a date fact, but `is` needs a yes/no fact"),
            "{errs:?}"
        );
        assert!(
            errs[1].contains("`martian` is not a value of `nationality`"),
            "{errs:?}"
        );
        assert!(
            errs[2].contains(
                "`moved_in` is a date fact, but `eq` and `in` need a choice or status fact"
            ),
            "{errs:?}"
        );
    }

    #[test]
    fn a_bad_operator_is_a_located_parse_error() {
        let errs = load_with_step(&HEAD.replace("[[step.source]]", "applies = { equals = { fact = \"nationality\", value = \"foreign\" } }\n[[step.source]]"));
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].starts_with("data/steps/test.toml:7:"), "{errs:?}");
        assert!(errs[0].contains("unknown variant `equals`"), "{errs:?}");
    }

    #[test]
    fn a_period_needs_exactly_one_unit_and_a_date_fact() {
        let errs = load_with_step(&format!(
            "{HEAD}[step.deadline]\nkind = \"legal\"\ndate = {{ add = {{ from = {{ fact = \"nationality\" }}, days = 14, months = 1 }} }}\n"
        ));
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(
            errs.iter()
                .any(|e| e.contains("`nationality` is a choice fact, but a date is needed here")),
            "{errs:?}"
        );
        assert!(
            errs.iter()
                .any(|e| e.contains("exactly one of `days`, `weeks`, `months` or `years`")),
            "{errs:?}"
        );
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let errs = load_with_step(&HEAD.replace(
            "[[step.source]]",
            "after = [\"no.such-step\"]\nbring = [\"passprot\"]\napplies = { status = \"tied\" }\n[[step.source]]",
        ));
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(
            errs.iter()
                .any(|e| e.contains("unknown step `no.such-step`"))
        );
        assert!(errs.iter().any(|e| e.contains("unknown item `passprot`")));
        assert!(
            errs.iter()
                .any(|e| e.contains("unknown status property `tied`"))
        );
    }

    #[test]
    fn missing_japanese_text_and_sources_are_errors() {
        let src = HEAD.replace("ja = \"テスト\" }\nsummary", "ja = \"\" }\nsummary");
        let src = src
            .split("[[step.source]]")
            .next()
            .unwrap_or_default()
            .to_string();
        let errs = load_with_step(&src);
        assert!(
            errs.iter()
                .any(|e| e.contains("`title` has no Japanese text")),
            "{errs:?}"
        );
        assert!(errs.iter().any(|e| e.contains("has no source")), "{errs:?}");
    }

    /// A household member note is checked like a step: a known fact, both languages, a source.
    #[test]
    fn a_member_note_needs_japanese_text_a_source_and_known_facts() {
        let mut files: Vec<SourceFile> = Kb::embedded()
            .unwrap_or_else(|e| panic!("{}", e.render()))
            .files;
        let derived = files
            .iter_mut()
            .find(|f| f.name == "data/derived.toml")
            .unwrap();
        derived.text = format!(
            "{}\n[[member_note]]\nname = \"x\"\nwhen = {{ known = \"birth_dat\" }}\ntext = {{ en = \"Note\", ja = \"\" }}\n",
            derived.text
        )
        .into();
        let errs: Vec<String> = match Kb::from_files(files, "data/") {
            Ok(_) => Vec::new(),
            Err(e) => e.diagnostics.iter().map(|d| d.message.en.clone()).collect(),
        };
        for want in [
            "unknown fact `birth_dat`",
            "`text` has no Japanese text",
            "the member note `x` has no source",
        ] {
            assert!(errs.iter().any(|e| e.contains(want)), "{want}: {errs:?}");
        }
    }
}

// ---------------------------------------------------------------- parse-error hints

/// "did you mean `eq`?" for serde's "unknown variant `equals`, expected one of `all`, …" and
/// "unknown field `titel`, expected one of …" messages (a misspelt operator or field name).
pub(super) fn parse_hint(message: &str) -> Option<Text> {
    let rest = message
        .strip_prefix("unknown variant `")
        .or_else(|| message.strip_prefix("unknown field `"))?;
    let (name, rest) = rest.split_once('`')?;
    let candidates: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    // A close spelling, else an operator the name begins with (`equals` → `eq`).
    Kb::suggest(name, candidates.iter().copied())
        .or_else(|| {
            candidates
                .iter()
                .filter(|c| c.len() >= 2 && (name.starts_with(**c) || c.starts_with(name)))
                .max_by_key(|c| c.len())
                .map(std::string::ToString::to_string)
        })
        .map(m::did_you_mean_key)
}

// ---------------------------------------------------------------- unreachable steps

/// One test a condition's truth depends on, after negations are pushed down to the leaves.
#[derive(Debug, Clone)]
enum Lit<'a> {
    /// The fact (or derived date) has a value.
    Known(&'a str),
    Unknown(&'a str),
    /// A choice or status fact has one of these values (and so is answered).
    In(&'a str, Vec<&'a str>),
    /// A choice or status fact has a value other than these (and so is answered).
    NotIn(&'a str, Vec<&'a str>),
    /// A yes/no fact is answered with this value.
    Bool(&'a str, bool),
}

/// A condition in negation normal form. `Free` stands for a test this check does not reason
/// about (date comparisons beyond "both dates are known", ages, statuses' properties, effective
/// periods): it is taken as satisfiable, which keeps the check sound.
#[derive(Debug, Clone)]
enum Node<'a> {
    Lit(Lit<'a>),
    All(Vec<Node<'a>>),
    Any(Vec<Node<'a>>),
    Free,
}

/// `c` (or `not c` when `neg`) in negation normal form. Conditions are three-valued (an
/// unanswered fact makes a test unknown, and `not` keeps unknown), so De Morgan's laws hold and
/// "`not c` is true" is "`c` is false".
fn nnf<'a>(kb: &'a Kb, c: &'a Cond, neg: bool, depth: usize) -> Node<'a> {
    if depth > 32 {
        return Node::Free;
    }
    let known = |d: &'a DateExpr, out: &mut Vec<Node<'a>>| {
        if let DateExpr::Fact(n) = d {
            if kb.fact(n.get_ref()).is_some() {
                out.push(Node::Lit(Lit::Known(n.get_ref())));
            }
        }
    };
    match c {
        Cond::All(cs) | Cond::Any(cs) => {
            let kids = cs.iter().map(|k| nnf(kb, k, neg, depth + 1)).collect();
            if matches!(c, Cond::All(_)) == neg {
                Node::Any(kids)
            } else {
                Node::All(kids)
            }
        }
        Cond::Not(inner) => nnf(kb, inner, !neg, depth + 1),
        Cond::Is(n) => match (kb.condition(n.get_ref()), kb.fact(n.get_ref())) {
            (Some(nc), _) => nnf(kb, &nc.when, neg, depth + 1),
            (None, Some(_)) => Node::Lit(Lit::Bool(n.get_ref(), !neg)),
            _ => Node::Free,
        },
        Cond::Eq(fv) => {
            let vals = vec![fv.value.get_ref().as_str()];
            Node::Lit(if neg {
                Lit::NotIn(fv.fact.get_ref(), vals)
            } else {
                Lit::In(fv.fact.get_ref(), vals)
            })
        }
        Cond::In(fv) => {
            let vals = fv.values.iter().map(|v| v.get_ref().as_str()).collect();
            Node::Lit(if neg {
                Lit::NotIn(fv.fact.get_ref(), vals)
            } else {
                Lit::In(fv.fact.get_ref(), vals)
            })
        }
        Cond::Known(n) | Cond::Unknown(n) => {
            if matches!(c, Cond::Known(_)) == neg {
                Node::Lit(Lit::Unknown(n.get_ref()))
            } else {
                Node::Lit(Lit::Known(n.get_ref()))
            }
        }
        // Either way round, a comparison is decided only when both dates are known.
        Cond::Before(cmp) | Cond::After(cmp) | Cond::OnOrBefore(cmp) => {
            let mut out = Vec::new();
            known(&cmp.date, &mut out);
            known(&cmp.than, &mut out);
            Node::All(out)
        }
        Cond::AgeAtLeast(_) => Node::Lit(Lit::Known("birth_date")),
        Cond::Status(_) => Node::Lit(Lit::Known("status")),
        Cond::InForce(_) => Node::Free,
    }
}

#[derive(Debug, Clone, Default)]
struct FactState<'a> {
    known: Option<bool>,
    /// The values still possible (`None`: any).
    allowed: Option<Vec<&'a str>>,
    yes_no: Option<bool>,
}

#[derive(Debug, Clone, Default)]
struct Solver<'a> {
    /// A few facts per condition: a list is cheaper than a map to search and to clone for
    /// each branch of an `any`.
    facts: Vec<(&'a str, FactState<'a>)>,
}

impl<'a> Solver<'a> {
    fn domain(kb: &'a Kb, fact: &str) -> Option<Vec<&'a str>> {
        match kb.fact(fact).map(|f| f.ty.get_ref()) {
            Some(FactType::Choice(cs)) => Some(cs.iter().map(|c| c.value.as_str()).collect()),
            Some(FactType::Status) => Some(
                kb.statuses
                    .iter()
                    .map(|s| s.key.get_ref().as_str())
                    .collect(),
            ),
            _ => None,
        }
    }

    /// Adds a test that must hold; `Err` says why it cannot hold together with the others.
    fn add(&mut self, kb: &'a Kb, lit: &Lit<'a>) -> Result<(), Text> {
        let name = match lit {
            Lit::Known(n)
            | Lit::Unknown(n)
            | Lit::In(n, _)
            | Lit::NotIn(n, _)
            | Lit::Bool(n, _) => *n,
        };
        let i = if let Some(i) = self.facts.iter().position(|(n, _)| *n == name) {
            i
        } else {
            self.facts.push((name, FactState::default()));
            self.facts.len() - 1
        };
        let st = &mut self.facts[i].1;
        let want_known = !matches!(lit, Lit::Unknown(_));
        if st.known == Some(!want_known) {
            return Err(m::why_answered_and_not(name));
        }
        st.known = Some(want_known);
        match lit {
            Lit::In(_, vs) | Lit::NotIn(_, vs) => {
                let allowed = st.allowed.take().or_else(|| Self::domain(kb, name));
                let keep = |v: &&str| vs.contains(v) == matches!(lit, Lit::In(..));
                let next: Option<Vec<&str>> = match allowed {
                    Some(a) => Some(a.into_iter().filter(keep).collect()),
                    None if matches!(lit, Lit::In(..)) => Some(vs.clone()),
                    None => None,
                };
                if next.as_ref().is_some_and(Vec::is_empty) {
                    return Err(m::why_no_value_left(name));
                }
                st.allowed = next;
            }
            Lit::Bool(_, b) => {
                if st.yes_no == Some(!*b) {
                    return Err(m::why_yes_and_no(name));
                }
                st.yes_no = Some(*b);
            }
            Lit::Known(_) | Lit::Unknown(_) => {}
        }
        Ok(())
    }
}

/// Whether all of `todo` can hold at once. Tries the branches of `any` one by one, within a
/// budget; when the budget runs out it answers "satisfiable", so it never reports a step that
/// some answers can reach.
fn satisfiable<'a>(
    kb: &'a Kb,
    mut todo: Vec<&Node<'a>>,
    mut st: Solver<'a>,
    budget: &mut usize,
) -> Result<(), Text> {
    while let Some(n) = todo.pop() {
        match n {
            Node::Free => {}
            Node::Lit(l) => st.add(kb, l)?,
            Node::All(kids) => todo.extend(kids.iter()),
            Node::Any(kids) => {
                let mut first = None;
                for k in kids {
                    if *budget == 0 {
                        return Ok(());
                    }
                    *budget -= 1;
                    let mut branch = todo.clone();
                    branch.push(k);
                    match satisfiable(kb, branch, st.clone(), budget) {
                        Ok(()) => return Ok(()),
                        Err(e) => {
                            first.get_or_insert(e);
                        }
                    }
                }
                return Err(first.unwrap_or_else(m::why_empty_any));
            }
        }
    }
    Ok(())
}

/// Why no answers can make `c` true, if that is certain.
fn never_true(kb: &Kb, c: &Cond) -> Option<Text> {
    let node = nnf(kb, c, false, 0);
    let mut budget = 10_000;
    satisfiable(kb, vec![&node], Solver::default(), &mut budget).err()
}

/// Steps that no answers can ever reach: a condition that can never be true, or an effective
/// period that ends before it begins.
///
/// The check is sound but simple: it reasons about which facts are answered, the values of
/// choice, status and yes/no facts, and `all`/`any`/`not` (derived conditions are expanded). It
/// does not reason about date order or ages (`before = …` together with `after = …` on the
/// same dates is not caught), nor about statuses' properties.
fn unreachable_steps(kb: &Kb) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for step in &kb.steps {
        let file = kb.file_name(step.file);
        let d = &step.decl;
        if let Some(why) = d.applies.as_ref().and_then(|c| never_true(kb, c)) {
            out.push(
                Diagnostic::error(file, Some(d.id.span()), m::never_applies(d.id.get_ref()))
                    .with_help(per_lang(|l| m::never_applies_help(why.get(l)))),
            );
        }
        if let Some(e) = &d.effective {
            let from = e
                .from
                .as_ref()
                .and_then(|x| crate::dates::from_toml(x.get_ref()).ok());
            let until = e
                .until
                .as_ref()
                .and_then(|x| crate::dates::from_toml(x.get_ref()).ok());
            if let (Some(f), Some(u), Some(span)) = (
                from,
                until,
                e.until.as_ref().map(super::span::Spanned::span),
            ) {
                if u <= f {
                    out.push(
                        Diagnostic::error(
                            file,
                            Some(span),
                            m::never_in_force(d.id.get_ref(), u, f),
                        )
                        .with_help(m::never_in_force_help()),
                    );
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------- today-dependent lint

/// How long a source may go unchecked before it is reported.
pub(super) const STALE_AFTER_MONTHS: u32 = 12;

/// The warning for a source last checked more than [`STALE_AFTER_MONTHS`] before `today`.
pub(super) fn stale_source(
    file: &str,
    span: Option<Range<usize>>,
    title: &str,
    checked: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Option<Diagnostic> {
    let limit = checked.checked_add_months(chrono::Months::new(STALE_AFTER_MONTHS))?;
    (today > limit).then(|| {
        Diagnostic::warning(
            file,
            span,
            m::stale_source(title, checked, STALE_AFTER_MONTHS, today),
        )
        .with_help(m::stale_source_help())
    })
}

/// Checks that depend on the day they run (`--today`, or today in Japan): sources not checked
/// for over 12 months, and rules whose effective period has ended. Warnings only: the
/// knowledge base still works, but a maintainer should look.
pub(super) fn lint(kb: &Kb, today: chrono::NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Every source: its file, the position of `checked`, its title and date.
    let mut sources: Vec<(
        String,
        Option<std::ops::Range<usize>>,
        &str,
        chrono::NaiveDate,
    )> = Vec::new();
    for s in &kb.status_sources {
        if let Ok(c) = crate::dates::from_toml(s.checked.get_ref()) {
            sources.push((
                file_ending(kb, "statuses.toml"),
                Some(s.checked.span()),
                s.title.as_str(),
                c,
            ));
        }
    }
    let derived = file_ending(kb, "derived.toml");
    let step_sources = kb.steps.iter().flat_map(|st| {
        st.decl
            .sources
            .iter()
            .map(move |s| (kb.file_name(st.file).to_string(), s))
    });
    let date_sources = kb
        .dates
        .iter()
        .flat_map(|d| d.sources.iter())
        .chain(kb.member_notes.iter().flat_map(|n| n.sources.iter()))
        .map(|s| (derived.clone(), s));
    for (file, s) in date_sources.chain(step_sources) {
        if let Ok(c) = crate::dates::from_toml(s.checked.get_ref()) {
            sources.push((file, Some(s.checked.span()), s.title.as_str(), c));
        }
    }
    // The calendar keeps no positions: find the `checked` key after the source's address.
    let cal = file_ending(kb, "calendar.toml");
    let cal_text = kb.source_text(&cal).unwrap_or("");
    for s in &kb.calendar_sources {
        let span = cal_text.find(s.url.as_str()).and_then(|at| {
            let rel = cal_text.get(at..)?.find("checked")?;
            Some(at + rel..at + rel + "checked".len())
        });
        sources.push((cal.clone(), span, s.title.as_str(), s.checked));
    }
    for (file, span, title, checked) in sources {
        out.extend(stale_source(&file, span, title, checked, today));
    }
    for step in &kb.steps {
        let d = &step.decl;
        if let Some(until) = d.effective.as_ref().and_then(|e| e.until.as_ref()) {
            if let Some(u) = crate::dates::from_toml(until.get_ref())
                .ok()
                .filter(|u| *u <= today)
            {
                // A variant that a later variant of the same step replaces is kept on purpose:
                // plans for an earlier day still use it.
                let replaced = kb.steps.iter().any(|o| {
                    o.decl.id.get_ref() == d.id.get_ref()
                        && o.decl
                            .effective
                            .as_ref()
                            .and_then(|e| e.from.as_ref())
                            .and_then(|f| crate::dates::from_toml(f.get_ref()).ok())
                            .is_some_and(|f| f >= u)
                });
                if replaced {
                    continue;
                }
                out.push(
                    Diagnostic::warning(
                        kb.file_name(step.file),
                        Some(until.span()),
                        m::no_longer_in_force(d.id.get_ref(), u),
                    )
                    .with_help(m::no_longer_in_force_help()),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn never(src: &str) -> Option<Text> {
        #[derive(serde::Deserialize)]
        struct W {
            c: Cond,
        }
        let kb = Kb::embedded().unwrap();
        let c = toml::from_str::<W>(&format!("c = {src}")).unwrap().c;
        never_true(&kb, &c)
    }

    #[test]
    fn contradictions_are_found() {
        assert!(never(r#"{ all = [{ known = "moved_in" }, { unknown = "moved_in" }] }"#).is_some());
        assert!(never(r#"{ all = [{ eq = { fact = "nationality", value = "foreign" } }, { eq = { fact = "nationality", value = "japanese" } }] }"#).is_some());
        // Through a derived condition and a negation.
        assert!(never(r#"{ all = [{ is = "foreign" }, { not = { in = { fact = "nationality", values = ["foreign"] } } }] }"#).is_some());
        // A value test needs an answer.
        assert!(
            never(r#"{ all = [{ unknown = "status" }, { status = "card_tied_to_stay" }] }"#)
                .is_some()
        );
        assert!(
            never(
                r#"{ all = [{ is = "insurance_linked" }, { not = { is = "insurance_linked" } }] }"#
            )
            .is_some()
        );
        assert!(never("{ any = [] }").is_some());
    }

    #[test]
    fn reachable_conditions_are_not_reported() {
        assert_eq!(
            never(
                r#"{ any = [{ all = [{ known = "moved_in" }, { unknown = "moved_in" }] }, { known = "entry_date" }] }"#
            ),
            None
        );
        assert_eq!(
            never(r#"{ not = { all = [{ known = "moved_in" }, { unknown = "moved_in" }] } }"#),
            None
        );
        assert_eq!(
            never(
                r#"{ all = [{ not = { eq = { fact = "nationality", value = "foreign" } } }, { known = "moved_in" }] }"#
            ),
            None
        );
        // Date order is beyond this check: never reported, even when contradictory.
        let dates = r#"{ date = { fact = "stay_expires" }, than = { fact = "card_expires" } }"#;
        assert_eq!(
            never(&format!(
                "{{ all = [{{ before = {dates} }}, {{ after = {dates} }}] }}"
            )),
            None
        );
    }

    #[test]
    fn a_stale_source_is_a_warning_in_both_languages() {
        let kb = Kb::embedded().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2099, 1, 1).unwrap();
        let warnings = lint(&kb, today);
        let d = warnings
            .iter()
            .find(|d| d.message.en.starts_with("the source “"))
            .unwrap_or_else(|| panic!("{warnings:#?}"));
        assert_eq!(d.severity, super::super::diag::Severity::Warning);
        assert!(
            d.message.en.ends_with(", over 12 months before 2099-01-01"),
            "{}",
            d.message.en
        );
        assert!(d.message.ja.starts_with("出典「"), "{}", d.message.ja);
        assert!(
            d.message
                .ja
                .ends_with("で、2099-01-01 の12か月以上前です。"),
            "{}",
            d.message.ja
        );
        let help = d.help.as_deref().unwrap_or_else(|| panic!("{d:?}"));
        assert_eq!(
            help.en,
            "check it against the current law or page, then update `checked`"
        );
        assert_eq!(
            help.ja,
            "現行の法令やページと照らし合わせてから、`checked` を更新してください。"
        );
    }

    #[test]
    fn every_shipped_step_is_reachable() {
        let kb = Kb::embedded().unwrap();
        assert!(unreachable_steps(&kb).is_empty());
    }

    #[test]
    fn misspelt_operators_get_a_suggestion() {
        assert_eq!(
            parse_hint("unknown variant `equals`, expected one of `all`, `eq`, `in`"),
            Some(Text::new("did you mean `eq`?", "`eq` ではありませんか？"))
        );
        assert_eq!(
            parse_hint("unknown field `wating`, expected one of `id`, `waiting`").map(|h| h.en),
            Some("did you mean `waiting`?".to_string())
        );
        assert_eq!(
            parse_hint("invalid type: integer `42`, expected a string"),
            None
        );
    }
}

#[cfg(test)]
mod variants {
    use super::super::{Kb, SourceFile};

    fn with_steps(extra: &str) -> Result<Kb, super::super::LoadError> {
        let mut files = Kb::embedded().unwrap().files;
        files.push(SourceFile {
            name: "data/steps/zz-test.toml".into(),
            text: extra.to_string().into(),
        });
        Kb::from_files(files, "data/")
    }

    fn step(id: &str, effective: &str) -> String {
        format!(
            "[[step]]\nid = \"{id}\"\nphase = \"arrival\"\nwhere = \"municipal_office\"\ntitle = {{ en = \"T\", ja = \"T\" }}\nsummary = {{ en = \"S\", ja = \"S\" }}\n{effective}\n[[step.source]]\nurl = \"https://example.org/\"\ntitle = \"t\"\nchecked = 2026-11-22\n"
        )
    }

    #[test]
    fn one_id_with_disjoint_effective_periods_is_allowed() {
        let text = step("x.variant", "effective = { until = 2020-05-25 }")
            + &step("x.variant", "effective = { from = 2020-05-25 }");
        let kb = with_steps(&text).unwrap_or_else(|e| panic!("{}", e.render()));
        assert_eq!(
            kb.steps
                .iter()
                .filter(|s| s.decl.id.get_ref() == "x.variant")
                .count(),
            2
        );
    }

    #[test]
    fn one_id_with_overlapping_or_missing_periods_is_an_error() {
        for (a, b) in [
            (
                "effective = { until = 2020-05-26 }",
                "effective = { from = 2020-05-25 }",
            ),
            ("", "effective = { from = 2020-05-25 }"),
            ("", ""),
            (
                "effective = { from = 2019-01-01, until = 2021-01-01 }",
                "effective = { from = 2020-01-01 }",
            ),
        ] {
            let text = step("x.variant", a) + &step("x.variant", b);
            let err = with_steps(&text)
                .err()
                .unwrap_or_else(|| panic!("accepted {a:?} / {b:?}"));
            assert!(
                err.render()
                    .contains("the step id `x.variant` is used twice"),
                "{}",
                err.render()
            );
        }
    }
}
