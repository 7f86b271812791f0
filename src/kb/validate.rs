//! The second pass over a parsed knowledge base: names resolve, types agree, steps are ordered
//! without cycles, every text exists in both languages and every step has a source. It reports
//! every problem at once. It does not evaluate anything against answers.

use std::collections::{HashMap, HashSet};

use super::diag::Diagnostic;
use super::schema::*;
use super::text::Text;
use super::{Index, Kb};

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

const STATUS_FLAGS: &[&str] = &["card_tied_to_stay", "resident_registration"];

struct Checker<'a> {
    kb: &'a Kb,
    kinds: HashMap<String, Kind>,
    out: Vec<Diagnostic>,
    file: String,
}

pub(super) fn check(kb: &mut Kb) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let facts_file = file_ending(kb, "facts.toml");
    let statuses_file = file_ending(kb, "statuses.toml");
    let vocab_file = file_ending(kb, "vocabulary.toml");
    let derived_file = file_ending(kb, "derived.toml");

    let mut index = Index::default();
    index_names(
        &mut out,
        &facts_file,
        "fact",
        kb.facts.iter().map(|f| &f.name),
        &mut index.facts,
    );
    index_names(
        &mut out,
        &statuses_file,
        "status",
        kb.statuses.iter().map(|s| &s.key),
        &mut index.statuses,
    );
    index_names(
        &mut out,
        &vocab_file,
        "phase",
        kb.phases.iter().map(|s| &s.key),
        &mut index.phases,
    );
    index_names(
        &mut out,
        &vocab_file,
        "place",
        kb.places.iter().map(|s| &s.key),
        &mut index.places,
    );
    index_names(
        &mut out,
        &vocab_file,
        "item",
        kb.items.iter().map(|s| &s.key),
        &mut index.items,
    );
    index_names(
        &mut out,
        &derived_file,
        "derived condition",
        kb.conditions.iter().map(|s| &s.name),
        &mut index.conditions,
    );
    index_names(
        &mut out,
        &derived_file,
        "derived date",
        kb.dates.iter().map(|s| &s.name),
        &mut index.dates,
    );
    for (i, step) in kb.steps.iter().enumerate() {
        let file = kb.file_name(step.file).to_string();
        if index
            .steps
            .insert(step.decl.id.get_ref().clone(), i)
            .is_some()
        {
            out.push(
                Diagnostic::error(
                    &file,
                    Some(step.decl.id.span()),
                    format!("the step id `{}` is used twice", step.decl.id.get_ref()),
                )
                .with_help("every step needs its own id"),
            );
        }
    }
    for name in index.conditions.keys().chain(index.dates.keys()) {
        if index.facts.contains_key(name) {
            out.push(Diagnostic::error(
                &derived_file,
                None,
                format!("`{name}` is both a fact and a derived name"),
            ));
        }
    }
    kb.index = index;

    let mut kinds = HashMap::new();
    for f in &kb.facts {
        let k = match f.ty.get_ref() {
            FactType::Date => Kind::Date,
            FactType::Bool => Kind::Bool,
            FactType::Status => Kind::Status,
            FactType::Choice(_) => Kind::Choice,
        };
        kinds.insert(f.name.get_ref().clone(), k);
    }
    for c in &kb.conditions {
        kinds.insert(c.name.get_ref().clone(), Kind::NamedCondition);
    }
    for d in &kb.dates {
        kinds.insert(d.name.get_ref().clone(), Kind::NamedDate);
    }
    let mut ck = Checker {
        kb,
        kinds,
        out,
        file: facts_file.clone(),
    };

    // Facts.
    for f in &kb.facts {
        ck.text(&f.question, "question", f.name.span());
        ck.text(&f.noun, "noun", f.name.span());
        if let Some(h) = &f.help {
            ck.text(h, "help", f.name.span());
        }
        if let FactType::Choice(choices) = f.ty.get_ref() {
            if choices.is_empty() {
                ck.err(f.ty.span(), "a choice needs at least one value", None);
            }
            for c in choices {
                ck.text(&c.label, "label", f.ty.span());
            }
        }
        if let Some(after) = &f.after {
            if ck.kinds.get(after.get_ref()) != Some(&Kind::Date) {
                ck.err(
                    after.span(),
                    &format!(
                        "`after` names `{}`, which is not a date fact",
                        after.get_ref()
                    ),
                    None,
                );
            }
        }
        if f.past && *f.ty.get_ref() != FactType::Date {
            ck.err(f.name.span(), "`past` applies only to date facts", None);
        }
        if let Some(r) = &f.required {
            ck.cond(r);
        }
    }
    // Statuses.
    ck.file = statuses_file;
    for s in &kb.statuses {
        ck.text(&s.name, "name", s.key.span());
    }
    // Vocabulary.
    ck.file = vocab_file;
    for t in kb.phases.iter().chain(kb.places.iter()) {
        ck.text(&t.name, "name", t.key.span());
    }
    for t in &kb.items {
        ck.text(&t.name, "name", t.key.span());
    }
    // Derived.
    ck.file = derived_file;
    for c in &kb.conditions {
        ck.cond(&c.when);
        ck.text(&c.yes, "yes", c.name.span());
        ck.text(&c.no, "no", c.name.span());
    }
    for d in &kb.dates {
        ck.date(&d.value);
        ck.text(&d.noun, "noun", d.name.span());
    }
    ck.derived_cycles();
    // Steps.
    for step in &kb.steps {
        ck.file = kb.file_name(step.file).to_string();
        ck.step(&step.decl);
    }
    let ranks = ck.step_order();
    let out = ck.out;
    for (step, rank) in kb.steps.iter_mut().zip(ranks) {
        step.rank = rank;
    }
    out
}

fn file_ending(kb: &Kb, suffix: &str) -> String {
    kb.files
        .iter()
        .find(|f| f.name.ends_with(suffix))
        .map_or_else(|| suffix.to_string(), |f| f.name.clone())
}

fn index_names<'a>(
    out: &mut Vec<Diagnostic>,
    file: &str,
    what: &str,
    names: impl Iterator<Item = &'a Name>,
    map: &mut HashMap<String, usize>,
) {
    for (i, n) in names.enumerate() {
        if map.insert(n.get_ref().clone(), i).is_some() {
            out.push(Diagnostic::error(
                file,
                Some(n.span()),
                format!("the {what} `{}` is declared twice", n.get_ref()),
            ));
        }
    }
}

impl Checker<'_> {
    fn err(&mut self, span: std::ops::Range<usize>, msg: &str, help: Option<String>) {
        let mut d = Diagnostic::error(&self.file, Some(span), msg);
        d.help = help;
        self.out.push(d);
    }

    fn text(&mut self, t: &Text, field: &str, span: std::ops::Range<usize>) {
        for (lang, s) in [("English", &t.en), ("Japanese", &t.ja)] {
            if s.trim().is_empty() {
                self.err(
                    span.clone(),
                    &format!("`{field}` has no {lang} text"),
                    Some("every text needs both `en` and `ja`".into()),
                );
            }
        }
    }

    fn unknown(&mut self, n: &Name, what: &str) {
        let help = Kb::suggest(n.get_ref(), self.kinds.keys().map(String::as_str))
            .map(|s| format!("did you mean `{s}`?"));
        self.err(n.span(), &format!("unknown {what} `{}`", n.get_ref()), help);
    }

    fn expect(&mut self, n: &Name, want: &[Kind], what: &str) -> Option<Kind> {
        match self.kinds.get(n.get_ref()).copied() {
            None => {
                self.unknown(n, "fact");
                None
            }
            Some(k) if want.contains(&k) => Some(k),
            Some(k) => {
                self.err(
                    n.span(),
                    &format!("`{}` is {}, but {what}", n.get_ref(), describe(k)),
                    None,
                );
                None
            }
        }
    }

    fn cond(&mut self, c: &Cond) {
        match c {
            Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| self.cond(c)),
            Cond::Not(c) => self.cond(c),
            Cond::Is(n) => {
                self.expect(
                    n,
                    &[Kind::Bool, Kind::NamedCondition],
                    "`is` needs a yes/no fact or a derived condition",
                );
            }
            Cond::Eq(FactValue { fact, value }) => self.value_of(fact, std::slice::from_ref(value)),
            Cond::In(FactValues { fact, values }) => self.value_of(fact, values),
            Cond::Known(n) | Cond::Unknown(n) => {
                self.expect(
                    n,
                    &[
                        Kind::Date,
                        Kind::Bool,
                        Kind::Choice,
                        Kind::Status,
                        Kind::NamedDate,
                    ],
                    "`known` and `unknown` need a fact or a derived date",
                );
            }
            Cond::Before(cmp) | Cond::After(cmp) | Cond::OnOrBefore(cmp) => {
                self.date(&cmp.date);
                self.date(&cmp.than);
            }
            Cond::AgeAtLeast(a) => {
                self.date(&a.on);
                if self.kinds.get("birth_date") != Some(&Kind::Date) {
                    self.out.push(Diagnostic::error(
                        &self.file,
                        None,
                        "`age_at_least` needs a date fact named `birth_date`",
                    ));
                }
            }
            Cond::Status(flag) => {
                if !STATUS_FLAGS.contains(&flag.get_ref().as_str()) {
                    self.err(
                        flag.span(),
                        &format!("unknown status property `{}`", flag.get_ref()),
                        Some(format!("expected one of: {}", STATUS_FLAGS.join(", "))),
                    );
                }
            }
            Cond::InForce(e) => self.effective(e),
        }
    }

    fn value_of(&mut self, fact: &Name, values: &[Name]) {
        match self.expect(
            fact,
            &[Kind::Choice, Kind::Status],
            "`eq` and `in` need a choice or status fact",
        ) {
            Some(Kind::Status) => {
                for v in values {
                    if self.kb.status(v.get_ref()).is_none() {
                        let help = Kb::suggest(
                            v.get_ref(),
                            self.kb.statuses.iter().map(|s| s.key.get_ref().as_str()),
                        )
                        .map(|s| format!("did you mean `{s}`?"));
                        self.err(
                            v.span(),
                            &format!("unknown status of residence `{}`", v.get_ref()),
                            help,
                        );
                    }
                }
            }
            Some(_) => {
                let choices: Vec<String> =
                    match self.kb.fact(fact.get_ref()).map(|f| f.ty.get_ref()) {
                        Some(FactType::Choice(cs)) => cs.iter().map(|c| c.value.clone()).collect(),
                        _ => Vec::new(),
                    };
                for v in values {
                    if !choices.contains(v.get_ref()) {
                        self.err(
                            v.span(),
                            &format!("`{}` is not a value of `{}`", v.get_ref(), fact.get_ref()),
                            Some(format!("expected one of: {}", choices.join(", "))),
                        );
                    }
                }
            }
            None => {}
        }
    }

    fn effective(&mut self, e: &Effective) {
        for d in [&e.from, &e.until].into_iter().flatten() {
            if crate::engine::toml_date(d.get_ref()).is_none() {
                self.err(d.span(), "expected a plain date such as 2024-12-02", None);
            }
        }
    }

    fn date(&mut self, d: &DateExpr) {
        match d {
            DateExpr::Fact(n) => {
                self.expect(n, &[Kind::Date, Kind::NamedDate], "a date is needed here");
            }
            DateExpr::Today(_) => {}
            DateExpr::Date(t) => {
                if crate::engine::toml_date(t.get_ref()).is_none() {
                    self.err(t.span(), "expected a plain date such as 2024-12-02", None);
                }
            }
            DateExpr::Add(p) | DateExpr::Before(p) => {
                self.date(&p.from);
                let units: Vec<std::ops::Range<usize>> = [&p.days, &p.weeks, &p.months, &p.years]
                    .into_iter()
                    .flatten()
                    .map(|s| s.span())
                    .collect();
                if units.len() != 1 {
                    let span = units.get(1).cloned().unwrap_or(0..0);
                    self.out.push(Diagnostic::error(
                        &self.file,
                        (units.len() > 1).then_some(span),
                        "a period needs exactly one of `days`, `weeks`, `months` or `years`",
                    ));
                }
            }
            DateExpr::Earliest(ds) | DateExpr::Latest(ds) | DateExpr::FirstKnown(ds) => {
                if ds.is_empty() {
                    self.out.push(Diagnostic::error(
                        &self.file,
                        None,
                        "`earliest`, `latest` and `first_known` need at least one date",
                    ));
                }
                ds.iter().for_each(|d| self.date(d));
            }
            DateExpr::Birthday(b) => {
                self.date(&b.birth);
                self.date(&b.after);
            }
            DateExpr::Choose(c) => {
                for case in &c.cases {
                    self.cond(&case.when);
                    self.date(&case.then);
                }
                if let Some(o) = &c.otherwise {
                    self.date(o);
                }
            }
        }
    }

    fn step(&mut self, s: &StepDecl) {
        let kb = self.kb;
        self.text(&s.title, "title", s.id.span());
        self.text(&s.summary, "summary", s.id.span());
        for t in [&s.missed, &s.ask, &s.fee].into_iter().flatten() {
            self.text(t, "text", s.id.span());
        }
        if kb.phase(s.phase.get_ref()).is_none() {
            let help = Kb::suggest(
                s.phase.get_ref(),
                kb.phases.iter().map(|p| p.key.get_ref().as_str()),
            )
            .map(|x| format!("did you mean `{x}`?"));
            self.err(
                s.phase.span(),
                &format!("unknown phase `{}`", s.phase.get_ref()),
                help,
            );
        }
        if kb.place(s.place.get_ref()).is_none() {
            let help = Kb::suggest(
                s.place.get_ref(),
                kb.places.iter().map(|p| p.key.get_ref().as_str()),
            )
            .map(|x| format!("did you mean `{x}`?"));
            self.err(
                s.place.span(),
                &format!("unknown place `{}`", s.place.get_ref()),
                help,
            );
        }
        for b in &s.bring {
            if kb.item(b.get_ref()).is_none() {
                let help = Kb::suggest(
                    b.get_ref(),
                    kb.items.iter().map(|p| p.key.get_ref().as_str()),
                )
                .map(|x| format!("did you mean `{x}`?"));
                self.err(
                    b.span(),
                    &format!("unknown item `{}`", b.get_ref()),
                    help.or(Some("items are declared in vocabulary.toml".into())),
                );
            }
        }
        for a in &s.after {
            if kb.step(a.get_ref()).is_none() {
                let help = Kb::suggest(
                    a.get_ref(),
                    kb.steps.iter().map(|p| p.decl.id.get_ref().as_str()),
                )
                .map(|x| format!("did you mean `{x}`?"));
                self.err(a.span(), &format!("unknown step `{}`", a.get_ref()), help);
            }
        }
        if let Some(r) = &s.records {
            self.expect(r, &[Kind::Date], "`records` needs a date fact");
        }
        for c in [&s.applies, &s.done_when].into_iter().flatten() {
            self.cond(c);
        }
        if let Some(o) = &s.opens {
            self.date(o);
        }
        if let Some(d) = &s.deadline {
            self.date(&d.date);
        }
        if let Some(e) = &s.expected {
            self.date(&e.from);
            self.date(&e.to);
        }
        for n in &s.notes {
            if let Some(c) = &n.when {
                self.cond(c);
            }
            self.text(&n.text, "note", s.id.span());
        }
        if let Some(e) = &s.effective {
            self.effective(e);
        }
        if s.sources.is_empty() {
            self.err(
                s.id.span(),
                &format!("the step `{}` has no source", s.id.get_ref()),
                Some("add a [[step.source]] with url, title and checked".into()),
            );
        }
        for src in &s.sources {
            if !src.url.get_ref().starts_with("https://")
                && !src.url.get_ref().starts_with("http://")
            {
                self.err(
                    src.url.span(),
                    "a source needs a web address (http:// or https://)",
                    None,
                );
            }
            if crate::engine::toml_date(src.checked.get_ref()).is_none() {
                self.err(
                    src.checked.span(),
                    "`checked` must be a plain date such as 2026-11-01",
                    None,
                );
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
                    format!(
                        "derived names refer to each other in a circle: {}",
                        cycle.join(" → ")
                    ),
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
                    &format!(
                        "the step `{}` is part of a cycle in `after`",
                        s.decl.id.get_ref()
                    ),
                    Some("a step cannot come after itself, directly or through others".into()),
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
        let mut cycle: Vec<String> = path[pos..].iter().map(|s| s.to_string()).collect();
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
            ds.iter().for_each(|d| date_names(d, out))
        }
        DateExpr::Birthday(b) => {
            date_names(&b.birth, out);
            date_names(&b.after, out);
        }
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

fn describe(k: Kind) -> &'static str {
    match k {
        Kind::Date => "a date fact",
        Kind::Bool => "a yes/no fact",
        Kind::Choice => "a choice fact",
        Kind::Status => "the status-of-residence fact",
        Kind::NamedCondition => "a derived condition",
        Kind::NamedDate => "a derived date",
    }
}
