//! Why the engine decided what it did, as data: which condition, which fact, which date, which
//! comparison. The engine records these (only when they are wanted); `wording::reasons` turns
//! them into English and Japanese sentences.

use chrono::NaiveDate;

use super::facts::Slot;
use crate::calendar::{Closure, Unit};
use crate::kb::model::{Compare, StatusId};
use crate::kb::model::{CondId, DateExpr, DateId, FactId, Key, Ref, StatusFlag};
use crate::kb::schema::Adjust;

/// One reason for a condition's result, or for a step's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reason {
    /// The fact has no answer, and the result depends on it.
    Needs(FactId),
    /// The fact's answer.
    Answer { fact: FactId, value: Slot },
    /// A derived date, worked out from the answers.
    DerivedDate { date: DateId, value: NaiveDate },
    /// The fact or derived date is not known.
    NotGiven(Ref),
    /// A derived condition holds (or not): its own sentence, with the values of its
    /// placeholders (in the order of [`crate::kb::model::DerivedCondition::placeholders`]).
    Derived {
        cond: CondId,
        holds: bool,
        values: Vec<Option<String>>,
    },
    /// Two dates compared.
    Compare {
        op: Compare,
        holds: bool,
        date: Box<DateExpr>,
        a: NaiveDate,
        than: Box<DateExpr>,
        b: NaiveDate,
    },
    /// An age on a day, against a threshold.
    Age {
        age: i64,
        on: NaiveDate,
        years: u32,
        holds: bool,
    },
    /// A property of the person's status of residence.
    Status {
        status: StatusId,
        flag: StatusFlag,
        holds: bool,
    },
    /// A rule's effective period, against the plan's today.
    InForce(InForce),
    /// Conditions nested beyond the limit.
    TooDeep,
    /// The person recorded the step as done (`mynumber done`).
    RecordedDone,
    /// What would make a step that does not apply apply.
    WouldApply(Flip),
}

/// What would change a decided condition's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Flip {
    /// All of these (`and`) or any one of them.
    Join { and: bool, parts: Vec<Flip> },
    /// A yes/no fact answered the other way.
    Answer { fact: FactId, to: bool },
    /// A choice or status fact with other values: `values` (or any but them, `negated`).
    Values {
        fact: FactId,
        values: Vec<Key>,
        negated: bool,
    },
    /// A fact or derived date known (or not, when `known` is false).
    Known { what: Ref, known: bool },
    /// A comparison the other way (`holds`: it holds now).
    Compare {
        op: Compare,
        holds: bool,
        date: Box<DateExpr>,
        than: Box<DateExpr>,
    },
    /// An age on the other side of the threshold (`holds`: at least `years` now).
    Age {
        years: u32,
        on: NaiveDate,
        holds: bool,
    },
    /// A status of residence with the property the other way (`holds`: it has it now).
    Status { flag: StatusFlag, holds: bool },
}

/// One line of a date's derivation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Line {
    /// An answered date.
    Answer {
        fact: FactId,
        date: NaiveDate,
    },
    /// A derived date's value.
    Derived {
        date: DateId,
        value: NaiveDate,
    },
    Today(NaiveDate),
    /// The earliest (or latest) of several dates.
    Pick {
        earliest: bool,
        dates: Vec<NaiveDate>,
        result: NaiveDate,
    },
    /// The `nth` birthday after a day.
    Birthday {
        nth: u32,
        after: NaiveDate,
        result: NaiveDate,
    },
    /// A period counted forward (or a window counted back).
    Period {
        forward: bool,
        n: u32,
        unit: Unit,
        count_first_day: bool,
        result: NaiveDate,
    },
    /// A last day on a closed day, moved.
    Moved {
        day: NaiveDate,
        closure: Closure,
        adjust: Adjust,
        result: NaiveDate,
    },
    /// The reason a case of a `choose` was taken.
    Because(Reason),
    /// Dates nested beyond the limit.
    TooDeep,
}

/// Where the plan's today lies against a rule's effective period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InForce {
    /// Not yet: it applies from this day.
    NotYet(NaiveDate),
    /// No longer: it stopped applying on this day.
    Ended(NaiveDate),
    /// In force since this day.
    Since(NaiveDate),
    /// In force until this day.
    Until(NaiveDate),
    /// In force, with no bound.
    Always,
}

impl InForce {
    pub(crate) fn holds(self) -> bool {
        !matches!(self, InForce::NotYet(_) | InForce::Ended(_))
    }
}
