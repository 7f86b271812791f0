//! The household's model: the members' plans merged into rows (`plan --household`), and one
//! sheet for a visit together (`checklist --household`). The renderers in `render/` lay them
//! out; the flow that adds members is `household`.
//!
//! Steps the knowledge base marks `household = true` (the notices of moving, which one member
//! files for everyone moving together) appear once for the members they cover when their dates
//! agree; items marked `household = true` (proof of the family relationship) are listed once.

use chrono::NaiveDate;

use super::{Ask, Checklist, Fee, Needed};
use crate::engine::{self, Answers, PlannedStep};
use crate::kb::Kb;
use crate::kb::model::PhaseId;
use crate::kb::schema::FactType;
use crate::kb::text::Text;

// ---------------------------------------------------------------- the household's plan

/// One line of the household's plan: a step, and whose it is. A household step (`household =
/// true`) with the same status and deadline for several members is one row for all of them.
#[derive(Debug, Clone)]
pub(crate) struct Row<'k> {
    pub(crate) step: PlannedStep<'k>,
    pub(crate) who: Vec<String>,
}

impl Row<'_> {
    pub(crate) fn id(&self) -> &str {
        self.step.id()
    }
}

/// Merges the members' steps: household steps once for the members they cover when their
/// dates agree; order by deadline, then dependency, then the members' order.
pub(crate) fn merge<'k>(per_member: Vec<(String, Vec<PlannedStep<'k>>)>) -> Vec<Row<'k>> {
    let mut rows: Vec<(usize, Row<'k>)> = Vec::new();
    for (i, (name, steps)) in per_member.into_iter().enumerate() {
        for p in steps {
            let shared = p.step.decl.household;
            let same = rows.iter_mut().find(|(_, r)| {
                shared
                    && r.id() == p.id()
                    && r.step.status == p.status
                    && r.step.deadline == p.deadline
                    && r.step.opens == p.opens
            });
            match same {
                Some((_, r)) => r.who.push(name.clone()),
                None => rows.push((
                    i,
                    Row {
                        step: p,
                        who: vec![name.clone()],
                    },
                )),
            }
        }
    }
    rows.sort_by_key(|(i, r)| {
        (
            r.step.deadline.unwrap_or(NaiveDate::MAX),
            r.step.step.rank,
            r.id().to_string(),
            *i,
        )
    });
    rows.into_iter().map(|(_, r)| r).collect()
}

/// The household's plan on `today`.
pub(crate) fn plan<'k>(kb: &'k Kb, people: &[(String, Answers)], today: NaiveDate) -> Vec<Row<'k>> {
    merge(
        people
            .iter()
            .map(|(n, a)| (n.clone(), engine::make_plan(kb, a, today).steps))
            .collect(),
    )
}

/// Rows grouped by phase, phases in the knowledge base's order.
pub(crate) fn by_phase<'a, 'k>(rows: &'a [Row<'k>]) -> Vec<(PhaseId, Vec<&'a Row<'k>>)> {
    let mut groups: Vec<(PhaseId, Vec<&'a Row<'k>>)> = Vec::new();
    for r in rows {
        let phase = r.step.step.rules.phase;
        match groups.iter_mut().find(|(k, _)| *k == phase) {
            Some((_, v)) => v.push(r),
            None => groups.push((phase, vec![r])),
        }
    }
    groups.sort_by_key(|(k, _)| *k);
    groups
}

// ---------------------------------------------------------------- one sheet for one visit

/// What one person brings and knows on the visit.
pub(crate) struct Person<'k> {
    pub(crate) name: String,
    pub(crate) relation: Option<Text>,
    pub(crate) documents: Vec<Needed<'k>>,
    pub(crate) pins: Vec<Needed<'k>>,
    pub(crate) fees: Vec<Fee>,
    /// The knowledge base's notes for this member on the visit day (what is specific to a
    /// child).
    pub(crate) child: Vec<Text>,
}

/// The household's sheet for one visit.
pub(crate) struct Sheet<'k> {
    pub(crate) today: NaiveDate,
    pub(crate) visit: NaiveDate,
    pub(crate) closed: Option<Text>,
    pub(crate) warnings: Vec<Text>,
    pub(crate) steps: Vec<Row<'k>>,
    /// Items needed once for the household, with the members whose steps ask for them.
    pub(crate) shared: Vec<(Needed<'k>, Vec<String>)>,
    pub(crate) people: Vec<Person<'k>>,
    pub(crate) asks: Vec<Ask>,
}

/// The knowledge base's notes for this member (`member_note` in derived.toml) whose condition
/// holds on the visit day: what is specific to a child (the legal representative at pickup
/// under 15, the card's 5th-birthday limit under 18), with the member's own dates filled in.
fn member_notes(kb: &Kb, answers: &Answers, visit: NaiveDate) -> Vec<Text> {
    let ctx = engine::Ctx::new(kb, answers, visit);
    kb.member_note_rules
        .iter()
        .filter(|n| ctx.cond(&n.when).truth == engine::Truth::Yes)
        .filter_map(|n| engine::plan::pick(&ctx, &n.text))
        .collect()
}

/// The sheet for a visit on `visit`: every member's checklist, merged.
pub(crate) fn sheet<'k>(
    kb: &'k Kb,
    people: &[(String, Answers)],
    today: NaiveDate,
    visit: NaiveDate,
) -> Sheet<'k> {
    let lists: Vec<(String, Checklist<'k>)> = people
        .iter()
        .map(|(n, a)| (n.clone(), super::build(kb, a, today, visit)))
        .collect();
    let closed = lists.first().and_then(|(_, c)| c.closed.clone());
    let mut warnings: Vec<Text> = Vec::new();
    let mut asks: Vec<Ask> = Vec::new();
    let mut shared: Vec<(Needed<'k>, Vec<String>)> = Vec::new();
    let mut persons = Vec::new();
    let mut per_member = Vec::new();
    for ((name, c), (_, answers)) in lists.into_iter().zip(people) {
        for w in c.warnings {
            if !warnings.contains(&w) {
                warnings.push(w);
            }
        }
        for a in c.asks {
            if !asks.iter().any(|x| x.step == a.step) {
                asks.push(a);
            }
        }
        let mut documents = Vec::new();
        for d in c.documents {
            if d.item.household {
                match shared.iter_mut().find(|(n, _)| n.key == d.key) {
                    Some((n, who)) => {
                        who.push(name.clone());
                        for s in d.for_steps {
                            if !n.for_steps.contains(&s) {
                                n.for_steps.push(s);
                            }
                        }
                    }
                    None => shared.push((d, vec![name.clone()])),
                }
            } else {
                documents.push(d);
            }
        }
        let relation = answers.get("relation").and_then(|v| {
            let key = v.render();
            kb.fact("relation").and_then(|f| match f.ty.get_ref() {
                FactType::Choice(cs) => cs.iter().find(|c| c.value == key).map(|c| c.label.clone()),
                _ => None,
            })
        });
        persons.push(Person {
            name: name.clone(),
            relation,
            documents,
            pins: c.pins,
            fees: c.fees,
            child: member_notes(kb, answers, visit),
        });
        per_member.push((name, c.steps));
    }
    Sheet {
        today,
        visit,
        closed,
        warnings,
        steps: merge(per_member),
        shared,
        people: persons,
        asks,
    }
}
