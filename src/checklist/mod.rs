//! `mynumber checklist`: what to do, bring, know and ask for on one visit to the municipal office.
//!
//! [`build`] is pure: it makes the plan as seen on the visit day (so `status` and `days_left`
//! are relative to that day), keeps the steps done at the municipal office that can be done
//! then (due or overdue), and merges what they need by item key, so "Residence card" is one
//! line however many steps ask for it. The renderers in `render/` only lay the [`Checklist`]
//! out.
//!
//! [`household`] holds the household's model: the members' plans merged, one sheet for a visit
//! together.

pub(crate) mod household;

use chrono::NaiveDate;

use crate::engine::facts::Value as FactValue;
use crate::engine::{self, Answers, PlannedStep, Status};
use crate::kb::Kb;
use crate::kb::schema::{DateExpr, DeadlineKind, FactType, ItemDecl, ItemKind};
use crate::kb::text::Text;
use crate::wording::{day, messages};

/// The key of the place a checklist is for.
pub(crate) const OFFICE: &str = crate::kb::model::OFFICE;

/// Something to bring or know, needed by one or more of the visit's steps.
#[derive(Debug, Clone)]
pub(crate) struct Needed<'k> {
    pub(crate) key: String,
    pub(crate) item: &'k ItemDecl,
    /// The ids of the steps that need it, in counter order.
    pub(crate) for_steps: Vec<String>,
}

/// A fee: an item of kind `fee` or a step's `fee` text.
#[derive(Debug, Clone)]
pub(crate) struct Fee {
    pub(crate) text: Text,
    pub(crate) for_steps: Vec<String>,
}

/// What to say at the counter for one step.
#[derive(Debug, Clone)]
pub(crate) struct Ask {
    pub(crate) step: String,
    /// `ja` is what to say or show; `en` is its gloss.
    pub(crate) text: Text,
}

/// A date worth having on the sheet: one the person gave, or a deadline of their plan.
#[derive(Debug, Clone)]
pub(crate) struct KeyDate {
    pub(crate) date: NaiveDate,
    pub(crate) label: Text,
    /// The deadline's kind, or `None` for a date from the answers.
    pub(crate) kind: Option<DeadlineKind>,
    pub(crate) step: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Checklist<'k> {
    /// The day the checklist was made (`--today`).
    pub(crate) today: NaiveDate,
    pub(crate) visit: NaiveDate,
    /// Why the office is closed on the visit day, if it is.
    pub(crate) closed: Option<Text>,
    /// The steps for this visit, in plan order (deadline, then dependency), with their status
    /// and days left as on the visit day.
    pub(crate) steps: Vec<PlannedStep<'k>>,
    /// Items of kind `document` (and `other`), merged by key, in order of first need.
    pub(crate) documents: Vec<Needed<'k>>,
    /// Items of kind `pin`: what the counter will ask you to enter.
    pub(crate) pins: Vec<Needed<'k>>,
    pub(crate) fees: Vec<Fee>,
    pub(crate) asks: Vec<Ask>,
    pub(crate) warnings: Vec<Text>,
    pub(crate) key_dates: Vec<KeyDate>,
}

/// Selects and merges what one visit on `visit` needs. `today` is only recorded (it stamps
/// exports); every status and date is as seen on the visit day.
pub(crate) fn build<'k>(
    kb: &'k Kb,
    answers: &Answers,
    today: NaiveDate,
    visit: NaiveDate,
) -> Checklist<'k> {
    let plan = engine::make_plan(kb, answers, visit);
    let mut warnings = Vec::new();
    let cal = engine::eval::calendar_for(kb, answers);
    let closed = cal.closure(visit).map(|c| crate::wording::closure(&c));
    if let Some(c) = &closed {
        warnings.push(messages::per_lang(|lang| {
            messages::visit_day_closed(day(visit, lang), c.get(lang))
        }));
    }
    let at_office: Vec<&PlannedStep<'k>> = plan
        .steps
        .iter()
        .filter(|p| {
            p.step.rules.place == kb.roles.office
                && matches!(p.status, Status::Due | Status::Overdue)
        })
        .collect();
    // A step that opens some time before a date the answers do not give (the certificates'
    // renewal, before their expiry) may not be open yet: it is not requested, only asked about.
    let (steps, unsure): (Vec<&PlannedStep<'k>>, Vec<&PlannedStep<'k>>) = at_office
        .into_iter()
        .partition(|p| p.opens.is_some() || p.step.rules.opens.is_none());
    let steps: Vec<PlannedStep<'k>> = steps.into_iter().cloned().collect();
    warnings.extend(steps.iter().filter_map(|p| late(p, visit, today)));
    let mut list = Checklist {
        today,
        visit,
        closed,
        steps,
        documents: Vec::new(),
        pins: Vec::new(),
        fees: Vec::new(),
        asks: Vec::new(),
        warnings,
        key_dates: key_dates(kb, answers, &plan),
    };
    list.gather(kb, &unsure);
    list
}

/// The warning for a step whose deadline is before the visit day.
fn late(p: &PlannedStep<'_>, visit: NaiveDate, today: NaiveDate) -> Option<Text> {
    let d = p.deadline.filter(|d| *d < visit)?;
    let title = &p.step.decl.title;
    let recommended = p.deadline_kind == Some(DeadlineKind::Recommended);
    Some(messages::per_lang(|lang| {
        let (title, day) = (title.get(lang), day(d, lang));
        if recommended {
            messages::recommended_day_passed(title, day)
        } else if d >= today {
            messages::deadline_before_visit(title, day)
        } else {
            messages::deadline_passed(title, day)
        }
    }))
}

impl<'k> Checklist<'k> {
    /// What the visit's steps need, merged by item key, and what to ask for them and for the
    /// steps that may not be open yet (`unsure`).
    fn gather(&mut self, kb: &'k Kb, unsure: &[&PlannedStep<'k>]) {
        for p in &self.steps {
            let d = &p.step.decl;
            let id = d.id.get_ref().clone();
            for &i in &p.bring {
                let item = kb.item_at(i);
                let key = item.key.get_ref().as_str();
                match item.kind {
                    ItemKind::Fee => merge_fee(&mut self.fees, item.name.clone(), &id),
                    ItemKind::Pin => merge(&mut self.pins, key, item, &id),
                    ItemKind::Document | ItemKind::Other => {
                        merge(&mut self.documents, key, item, &id);
                    }
                }
            }
            if let Some(f) = &d.fee {
                merge_fee(&mut self.fees, f.clone(), &id);
            }
        }
        for p in self.steps.iter().chain(unsure.iter().copied()) {
            if let Some(a) = &p.ask {
                self.asks.push(Ask {
                    step: p.id().to_string(),
                    text: a.clone(),
                });
            }
        }
    }
}

/// The dates the person gave and the deadlines of their plan not yet done, by date.
fn key_dates(kb: &Kb, answers: &Answers, plan: &engine::Plan<'_>) -> Vec<KeyDate> {
    // A date the person gave that a listed deadline is stated from (the pickup date printed on
    // the postcard) is shown once, as that deadline.
    let stated_from: Vec<&str> = plan
        .steps
        .iter()
        .filter(|p| p.status != Status::Done && p.deadline.is_some())
        .filter_map(|p| match p.step.decl.deadline.as_ref().map(|d| &d.date) {
            Some(DateExpr::Fact(n)) => Some(n.get_ref().as_str()),
            _ => None,
        })
        .collect();
    let mut key_dates: Vec<KeyDate> = kb
        .facts
        .iter()
        .filter(|f| *f.ty.get_ref() == FactType::Date)
        .filter(|f| !stated_from.contains(&f.name.get_ref().as_str()))
        .filter_map(|f| match answers.get(f.name.get_ref()) {
            Some(FactValue::Date(d)) => Some(KeyDate {
                date: *d,
                label: f.noun.clone(),
                kind: None,
                step: None,
            }),
            _ => None,
        })
        .collect();
    key_dates.extend(
        plan.steps
            .iter()
            .filter(|p| p.status != Status::Done)
            .filter_map(|p| {
                Some(KeyDate {
                    date: p.deadline?,
                    label: p.step.decl.title.clone(),
                    kind: p.deadline_kind,
                    step: Some(p.id().to_string()),
                })
            }),
    );
    key_dates.sort_by_key(|k| k.date);
    key_dates
}

fn merge<'k>(into: &mut Vec<Needed<'k>>, key: &str, item: &'k ItemDecl, step: &str) {
    match into.iter_mut().find(|n| n.key == key) {
        Some(n) => add_step(&mut n.for_steps, step),
        None => into.push(Needed {
            key: key.to_string(),
            item,
            for_steps: vec![step.to_string()],
        }),
    }
}

/// Adds a step to those an item or fee is for, once.
fn add_step(for_steps: &mut Vec<String>, step: &str) {
    if !for_steps.iter().any(|s| s == step) {
        for_steps.push(step.to_string());
    }
}

fn merge_fee(into: &mut Vec<Fee>, text: Text, step: &str) {
    match into.iter_mut().find(|f| f.text == text) {
        Some(f) => add_step(&mut f.for_steps, step),
        None => into.push(Fee {
            text,
            for_steps: vec![step.to_string()],
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kb() -> Kb {
        Kb::embedded().unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        crate::dates::parse(s).unwrap()
    }

    fn answers(kb: &Kb, pairs: &[&str]) -> Answers {
        let pairs: Vec<String> = pairs.iter().map(std::string::ToString::to_string).collect();
        crate::answers::parse_pairs(kb, &pairs).unwrap()
    }

    fn ids<'c>(c: &'c Checklist<'_>) -> Vec<&'c str> {
        c.steps.iter().map(PlannedStep::id).collect()
    }

    fn step<'c, 'k>(c: &'c Checklist<'k>, id: &str) -> &'c PlannedStep<'k> {
        c.steps.iter().find(|p| p.id() == id).unwrap()
    }

    /// A student who has just moved in, and one about to collect a card: the counter steps.
    #[test]
    fn keeps_only_office_steps_that_can_be_done_on_the_visit_day() {
        let kb = kb();
        let a = answers(
            &kb,
            &[
                "nationality=foreign",
                "status=student",
                "moved_in=2026-10-03",
                "entry_date=2026-10-01",
            ],
        );
        let c = build(&kb, &a, d("2026-10-05"), d("2026-10-06"));
        let ids = ids(&c);
        assert!(ids.contains(&"residence.register"), "{ids:?}");
        assert!(
            c.steps
                .iter()
                .all(|p| p.step.rules.place == kb.roles.office)
        );
        assert!(
            c.steps
                .iter()
                .all(|p| matches!(p.status, Status::Due | Status::Overdue))
        );
        // days left are counted from the visit day (deadline 2026-10-19)
        let reg = step(&c, "residence.register");
        assert_eq!(reg.days_left, Some(13));
        assert!(c.closed.is_none());
        assert!(c.documents.iter().any(|n| n.key == "residence_card"));
        assert!(
            c.asks
                .iter()
                .any(|a| a.step == "residence.register" && a.text.ja.contains("転入届"))
        );
        assert!(
            c.key_dates
                .iter()
                .any(|k| k.date == d("2026-10-03") && k.kind.is_none())
        );
    }

    #[test]
    fn merges_items_needed_by_several_steps_into_one_line() {
        let kb = kb();
        // has a card, stay extended (validity change) and a pickup postcard for nothing else:
        // pick two office steps that share items by building from a plan directly.
        let a = answers(
            &kb,
            &[
                "nationality=foreign",
                "status=student",
                "moved_in=2026-10-03",
                "card_notice_on=2026-11-10",
                "pickup_deadline=2027-02-10",
                "card_applied_on=2026-10-20",
                "registered_on=2026-10-05",
                "notice_received_on=2026-10-19",
            ],
        );
        let c = build(&kb, &a, d("2026-11-20"), d("2026-11-24"));
        let ids = ids(&c);
        // Joining health insurance and the pension may still apply (how the person is insured
        // is not answered), and all three are done at the same counter visit.
        assert_eq!(
            ids,
            ["insurance.nhi-enroll", "card.pickup", "pension.enroll"],
            "{ids:?}"
        );
        let shared: Vec<&str> = c
            .documents
            .iter()
            .filter(|n| n.for_steps.len() > 1)
            .map(|n| n.key.as_str())
            .collect();
        assert!(
            !shared.is_empty(),
            "some document is needed by several steps: {:?}",
            c.documents
                .iter()
                .map(|n| (&n.key, &n.for_steps))
                .collect::<Vec<_>>()
        );
        // the pickup asks for three 4-digit PINs and the signature password, each once
        let pins: Vec<&str> = c.pins.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(pins.len(), 4, "{pins:?}");
        assert!(
            c.pins.iter().all(|n| n.item.note.is_some()),
            "lock-out notes"
        );
        assert!(c.documents.iter().all(|n| n.item.kind != ItemKind::Pin));
        let mut keys: Vec<&str> = c
            .documents
            .iter()
            .chain(&c.pins)
            .map(|n| n.key.as_str())
            .collect();
        let before = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), before, "no item twice");
    }

    #[test]
    fn merge_keeps_one_line_per_key_and_lists_each_step_once() {
        let kb = kb();
        let item = kb.item("residence_card").unwrap();
        let mut v = Vec::new();
        merge(&mut v, "residence_card", item, "a");
        merge(&mut v, "residence_card", item, "b");
        merge(&mut v, "residence_card", item, "b");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].for_steps, ["a", "b"]);
    }

    #[test]
    fn warns_about_closed_days_and_passed_deadlines() {
        let kb = kb();
        let a = answers(
            &kb,
            &[
                "nationality=foreign",
                "status=student",
                "moved_in=2026-10-03",
            ],
        );
        // 2026-10-25 is a Sunday; the deadline (2026-10-19) has passed by then.
        let c = build(&kb, &a, d("2026-10-05"), d("2026-10-25"));
        assert!(c.closed.is_some());
        assert!(
            c.warnings
                .iter()
                .any(|w| w.en.contains("usually closed") && w.en.contains("Sun")),
            "{:?}",
            c.warnings
        );
        assert!(
            c.warnings.iter().any(|w| w.en.contains("2026-10-19")),
            "{:?}",
            c.warnings
        );
        let reg = step(&c, "residence.register");
        assert_eq!(reg.status, Status::Overdue);
        // Made after the deadline: it has passed, not just come before the visit.
        let c = build(&kb, &a, d("2026-10-21"), d("2026-10-22"));
        assert!(
            c.warnings
                .iter()
                .any(|w| w.en.contains("was 2026-10-19") && w.ja.contains("期限を過ぎています")),
            "{:?}",
            c.warnings
        );
        // Year-end closure.
        let c = build(&kb, &a, d("2026-10-05"), d("2026-12-30"));
        assert!(c.closed.is_some());
        // An open weekday with time to spare: no warning.
        let c = build(&kb, &a, d("2026-10-05"), d("2026-10-06"));
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    }
}
