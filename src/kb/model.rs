//! The resolved knowledge base: what the engine evaluates.
//!
//! The files refer to facts, derived names, statuses, items and steps by name (see `schema`).
//! Loading checks every such name once (`validate`) and, in the same pass, turns each condition,
//! date expression and step into the types below, which hold indices into the knowledge base's
//! vectors instead of names, and enums instead of strings. They can only be built from names
//! that exist and have the right type, so the engine never looks a name up and never meets an
//! unknown one.

use chrono::NaiveDate;

use super::schema::{Adjust, DeadlineKind};
use super::text::Text;

macro_rules! ids {
    ($( $(#[$doc:meta])* $name:ident; )*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
            pub(crate) struct $name(usize);

            impl $name {
                pub(crate) fn new(i: usize) -> Self {
                    Self(i)
                }
                /// The position in the knowledge base's vector.
                pub(crate) fn index(self) -> usize {
                    self.0
                }
            }
        )*
    };
}

ids! {
    /// A fact of `facts.toml`: an index into `Kb::facts`.
    FactId;
    /// A status of residence: an index into `Kb::statuses`.
    StatusId;
    /// A phase of `vocabulary.toml`: an index into `Kb::phases` (also their order).
    PhaseId;
    /// A place of `vocabulary.toml`: an index into `Kb::places`.
    PlaceId;
    /// An item of `vocabulary.toml`: an index into `Kb::items`.
    ItemId;
    /// A derived condition of `derived.toml`: an index into `Kb::conditions`.
    CondId;
    /// A derived date of `derived.toml`: an index into `Kb::dates`.
    DateId;
    /// A step: an index into `Kb::steps`.
    StepIx;
}

/// What a fact holds, with a choice fact's values in the order written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum FactKind {
    Date,
    Bool,
    /// A status of residence key.
    Status,
    /// One of the fact's choices.
    Choice,
    /// A municipality's code.
    Municipality,
}

/// A fact's rules, resolved.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct FactRules {
    pub(crate) kind: FactKind,
    /// A plan cannot be made without it when this holds.
    pub(crate) required: Option<Cond>,
    /// The resolved `when` of each of the fact's `not_before` rules, in their order.
    pub(crate) not_before_when: Vec<Option<Cond>>,
    /// The interview asks it only when this holds (or is not known yet).
    pub(crate) asked_when: Option<Cond>,
}

/// An interview gate's rules, resolved (by its position in `Kb::gates`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct GateRules {
    /// Asked only when this holds (or is not known yet).
    pub(crate) when: Option<Cond>,
}

/// A value a choice or status fact can have: the index of the choice in the fact's `choices`,
/// or the status's [`StatusId`] index.
pub(crate) type Key = usize;

/// Something that has a date or a value: an answered fact, or a derived date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Ref {
    Fact(FactId),
    Date(DateId),
}

/// A property of a status of residence (`statuses.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum StatusFlag {
    /// The card's validity follows the period of stay.
    CardTiedToStay,
    /// Holders get a resident record.
    ResidentRegistration,
}

impl StatusFlag {
    /// The flag as written in the knowledge base.
    pub(crate) const ALL: [(&'static str, StatusFlag); 2] = [
        ("card_tied_to_stay", StatusFlag::CardTiedToStay),
        ("resident_registration", StatusFlag::ResidentRegistration),
    ];
}

/// How two dates are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Compare {
    /// Strictly before.
    Before,
    /// Strictly after.
    After,
    OnOrBefore,
}

/// The period in which a rule is in force: `from` inclusive, `until` the first day it no
/// longer applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Effective {
    pub(crate) from: Option<NaiveDate>,
    pub(crate) until: Option<NaiveDate>,
}

/// The condition language, resolved (see `schema::Cond` for what each test means).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    /// A yes/no fact is yes.
    Yes(FactId),
    /// A derived condition holds.
    Derived(CondId),
    /// A choice or status fact has one of these values (`eq` and `in`).
    OneOf {
        fact: FactId,
        values: Vec<Key>,
    },
    /// The fact or derived date is known (`known: true`) or not (`unknown`).
    Known {
        what: Ref,
        known: bool,
    },
    Compare {
        op: Compare,
        date: DateExpr,
        than: DateExpr,
    },
    /// Age in full years on a day, from the `birth_date` fact.
    AgeAtLeast {
        years: u32,
        birth: FactId,
        on: DateExpr,
    },
    /// The status of residence (the `status` fact) has this property.
    Status {
        fact: FactId,
        flag: StatusFlag,
    },
    /// The plan's today lies in this period.
    InForce(Effective),
}

/// The unit of a period.
pub(crate) use crate::calendar::Unit;

/// A period added to (or counted back from) a date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct PeriodExpr {
    pub(crate) from: DateExpr,
    pub(crate) n: u32,
    pub(crate) unit: Unit,
    /// The statute counts the first day.
    pub(crate) count_first_day: bool,
}

/// How a date is derived from answers, resolved (see `schema::DateExpr`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum DateExpr {
    /// An answered date fact.
    Fact(FactId),
    /// A derived date.
    Derived(DateId),
    Today,
    Date(NaiveDate),
    /// A Civil Code period from an event: the period's last day.
    Add(Box<PeriodExpr>),
    /// A window that opens a period before a date.
    Before(Box<PeriodExpr>),
    Earliest(Vec<DateExpr>),
    Latest(Vec<DateExpr>),
    FirstKnown(Vec<DateExpr>),
    /// The `nth` birthday strictly after a day.
    Birthday {
        birth: Box<DateExpr>,
        after: Box<DateExpr>,
        nth: u32,
    },
    /// The first case whose condition holds.
    Choose {
        cases: Vec<(Cond, DateExpr)>,
        otherwise: Option<Box<DateExpr>>,
    },
    /// The last day the office is open on or before a date.
    LastOpenOnOrBefore(Box<DateExpr>),
}

/// A text of the knowledge base with `{name}` placeholders, each resolved at load to the fact
/// or derived date that fills it (a name that is neither is left as written).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Template {
    pub(crate) text: Text,
    pub(crate) refs: Vec<(String, Ref)>,
}

impl Template {
    /// The text with each placeholder filled by `value` (left as written when it gives none).
    pub(crate) fn fill(&self, value: impl Fn(Ref) -> Option<String>) -> Text {
        if self.refs.is_empty() {
            return self.text.clone();
        }
        self.text.fill_with(|k| {
            let (_, r) = self.refs.iter().find(|(n, _)| n == k)?;
            value(*r)
        })
    }
}

/// A text that may depend on the person, resolved (see `schema::Varied`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) enum Varied {
    One(Template),
    Variants(Vec<(Option<Cond>, Template)>),
}

/// A step's deadline, resolved: the adjustment is decided (the kind's default when none is
/// written).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Deadline {
    pub(crate) kind: DeadlineKind,
    pub(crate) date: DateExpr,
    pub(crate) adjust: Adjust,
}

/// A step's note, resolved.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Note {
    pub(crate) when: Option<Cond>,
    pub(crate) text: Template,
    pub(crate) warning: bool,
}

/// An item a step needs, and when.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Bring {
    pub(crate) item: ItemId,
    pub(crate) when: Option<Cond>,
}

/// What a step does, resolved: everything the engine evaluates.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub(crate) struct StepRules {
    pub(crate) phase: PhaseId,
    pub(crate) place: PlaceId,
    pub(crate) applies: Option<Cond>,
    pub(crate) done_when: Option<Cond>,
    pub(crate) opens: Option<DateExpr>,
    pub(crate) deadline: Option<Deadline>,
    pub(crate) expected: Option<(DateExpr, DateExpr)>,
    /// Its sentences, decoded from the stored knowledge base only for a step a command shows.
    pub(crate) wording: super::lazy::Lazy<StepWording>,
    pub(crate) bring: Vec<Bring>,
    pub(crate) effective: Option<Effective>,
}

/// What a step says, resolved: its summary, what to ask for at the counter, what happens when
/// it is missed, and its notes.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct StepWording {
    pub(crate) summary: Varied,
    pub(crate) ask: Option<Varied>,
    pub(crate) missed: Option<Varied>,
    pub(crate) notes: Vec<Note>,
}

/// A derived condition, resolved.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct DerivedCondition {
    pub(crate) when: Cond,
    /// The sentences that explain it either way (placeholders filled from answers).
    pub(crate) yes: Text,
    pub(crate) no: Text,
    /// The placeholders of `yes` and `no`, each with the fact or derived date that fills it
    /// (none: it is left as written).
    pub(crate) placeholders: Vec<(String, Option<Ref>)>,
}

/// A note under a member's name on the household's visit sheet, resolved.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct MemberNote {
    pub(crate) when: Cond,
    pub(crate) text: Varied,
}

/// What the program treats in a way of its own, found once at load.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub(crate) struct Roles {
    /// The fact of type `municipality`, whose answer picks the office calendar.
    pub(crate) municipality: Option<FactId>,
    /// The place `municipal_office`, which the visit checklist is for.
    pub(crate) office: PlaceId,
}

impl Default for Roles {
    /// Only while a knowledge base is being loaded (see [`StepRules::default`]).
    fn default() -> Self {
        Roles {
            municipality: None,
            office: PlaceId::new(0),
        }
    }
}

/// The key of the place the visit checklist is for.
pub(crate) const OFFICE: &str = "municipal_office";

impl Default for StepRules {
    /// Only while a knowledge base is being loaded: every step returned by a load has its
    /// rules resolved.
    fn default() -> Self {
        StepRules {
            phase: PhaseId::new(0),
            place: PlaceId::new(0),
            applies: None,
            done_when: None,
            opens: None,
            deadline: None,
            expected: None,
            wording: super::lazy::Lazy::new(StepWording {
                summary: Varied::One(Template::default()),
                ask: None,
                missed: None,
                notes: Vec::new(),
            }),
            bring: Vec::new(),
            effective: None,
        }
    }
}
