//! Which facts a step reads: the answers its conditions and date rules look at, through named
//! conditions and derived dates. The interview asks a fact only when a step that reads it can
//! still change (`crate::interview::gating`).

use std::collections::BTreeSet;

use super::Kb;
use super::schema::{Adjust, Cond, DateExpr, StepDecl};

impl Kb {
    /// The facts that `step`'s `applies`, `done_when`, `opens`, `deadline` and `expected` read,
    /// following named conditions and derived dates. A deadline moved off closed days also
    /// reads the municipality (its office calendar). Texts and bring lists are not included:
    /// they word the plan, they do not change what is in it.
    pub(crate) fn facts_read_by(&self, step: &StepDecl) -> BTreeSet<String> {
        let mut r = Reads {
            kb: self,
            facts: BTreeSet::new(),
            seen: BTreeSet::new(),
        };
        for c in [&step.applies, &step.done_when].into_iter().flatten() {
            r.cond(c);
        }
        if let Some(o) = &step.opens {
            r.date(o);
        }
        if let Some(d) = &step.deadline {
            r.date(&d.date);
            let adjust = d
                .adjust
                .unwrap_or_else(|| d.kind.get_ref().default_adjust());
            if adjust != Adjust::None {
                if let Some(m) = self.municipality_fact() {
                    r.facts.insert(m.to_string());
                }
            }
        }
        if let Some(e) = &step.expected {
            r.date(&e.from);
            r.date(&e.to);
        }
        r.facts
    }
}

struct Reads<'k> {
    kb: &'k Kb,
    facts: BTreeSet<String>,
    /// Named conditions and dates already followed (each once; cycles are refused by
    /// `validate`, this only saves work).
    seen: BTreeSet<&'k str>,
}

impl<'k> Reads<'k> {
    /// A name in a condition or a date: a named condition, a derived date, or a fact.
    fn name(&mut self, name: &'k str) {
        if !self.seen.insert(name) {
            return;
        }
        if let Some(c) = self.kb.condition(name) {
            self.cond(&c.when);
        } else if let Some(d) = self.kb.date(name) {
            self.date(&d.value);
        } else if self.kb.fact(name).is_some() {
            self.facts.insert(name.to_string());
        }
    }

    fn cond(&mut self, c: &'k Cond) {
        match c {
            Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| self.cond(c)),
            Cond::Not(c) => self.cond(c),
            Cond::Is(n) | Cond::Known(n) | Cond::Unknown(n) => self.name(n.get_ref()),
            Cond::Eq(fv) => self.name(fv.fact.get_ref()),
            Cond::In(fv) => self.name(fv.fact.get_ref()),
            Cond::Before(cmp) | Cond::After(cmp) | Cond::OnOrBefore(cmp) => {
                self.date(&cmp.date);
                self.date(&cmp.than);
            }
            Cond::AgeAtLeast(a) => {
                self.facts.insert("birth_date".to_string());
                self.date(&a.on);
            }
            Cond::Status(_) => {
                self.facts.insert("status".to_string());
            }
            Cond::InForce(_) => {}
        }
    }

    fn date(&mut self, d: &'k DateExpr) {
        match d {
            DateExpr::Fact(n) => self.name(n.get_ref()),
            DateExpr::Today(_) | DateExpr::Date(_) => {}
            DateExpr::Add(p) | DateExpr::Before(p) => self.date(&p.from),
            DateExpr::LastOpenOnOrBefore(d) => {
                self.date(d);
                if let Some(m) = self.kb.municipality_fact() {
                    self.facts.insert(m.to_string());
                }
            }
            DateExpr::Earliest(ds) | DateExpr::Latest(ds) | DateExpr::FirstKnown(ds) => {
                for d in ds {
                    self.date(d);
                }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads(id: &str) -> BTreeSet<String> {
        let kb = Kb::embedded().unwrap();
        let step = kb.step(id).unwrap();
        kb.facts_read_by(&step.decl)
    }

    #[test]
    fn a_step_reads_facts_through_named_conditions_and_dates() {
        // `has_card` is a named condition: the card's dates are read through it.
        let r = reads("ecert.renew");
        for f in ["card_expires", "card_issued_on", "ecert_expires"] {
            assert!(r.contains(f), "{f}: {r:?}");
        }
        assert!(!r.contains("move_planned_on"), "{r:?}");
        // A legal deadline moved off closed days reads the municipality's calendar.
        let r = reads("residence.register");
        for f in [
            "moved_in",
            "registered_on",
            "municipality",
            "nationality",
            "status",
        ] {
            assert!(r.contains(f), "{f}: {r:?}");
        }
        // An event reads its own date; a step without a deadline, no calendar.
        let r = reads("card.lost");
        assert!(r.contains("card_lost_on"), "{r:?}");
        let r = reads("insurance.link-card");
        assert!(r.contains("insurance_linked"), "{r:?}");
        assert!(!r.contains("municipality"), "no deadline: {r:?}");
    }
}
