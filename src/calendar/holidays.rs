//! National holidays (Act on National Holidays, 国民の祝日に関する法律): the holidays of art. 2,
//! the substitute holiday of art. 3(2) (振替休日), the citizens' holiday of art. 3(3)
//! (国民の休日), and one-off holidays made by special laws.
//!
//! Which holidays exist is data (`data/calendar.toml`, read and checked by `kb`); this module
//! only knows how to apply the rules to a day.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};

use super::Closure;

/// A holiday's name in English and Japanese.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) struct Name {
    pub(crate) en: String,
    pub(crate) ja: String,
}

impl Name {
    pub(crate) fn get(&self, lang_ja: bool) -> &str {
        if lang_ja { &self.ja } else { &self.en }
    }
}

/// When art. 3(2) and art. 3(3) of the Act on National Holidays took effect, and when their
/// current wording did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[expect(
    clippy::struct_field_names,
    reason = "each field is the day a rule took effect"
)]
pub(crate) struct HolidayLaw {
    /// Art. 3(2), substitute holiday: Sunday holidays on or after this date give one.
    pub(crate) substitute_from: NaiveDate,
    /// Art. 3(3), citizens' holiday: days on or after this date can be one.
    pub(crate) citizens_from: NaiveDate,
    /// Before this date (Act No. 43 of 2005): the substitute holiday is only the day after a
    /// Sunday holiday, and a Sunday or a substitute holiday is never a citizens' holiday.
    pub(crate) current_wording_from: NaiveDate,
}

/// One holiday of art. 2, in force from `from` to `to` (inclusive years), except in
/// `except_years`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct HolidayRule {
    pub(crate) name: Name,
    pub(crate) rule: Rule,
    pub(crate) from: i32,
    pub(crate) to: Option<i32>,
    pub(crate) except_years: Vec<i32>,
}

impl HolidayRule {
    pub(crate) fn in_force(&self, year: i32) -> bool {
        year >= self.from
            && self.to.is_none_or(|to| year <= to)
            && !self.except_years.contains(&year)
    }
}

/// How a holiday's date is found in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) enum Rule {
    /// The same date every year.
    Fixed { month: u32, day: u32 },
    /// The `n`-th Monday of the month (the "Happy Monday" amendments, in force from 2000
    /// and 2003).
    NthMonday { month: u32, n: u32 },
    /// The equinox day (春分日 / 秋分日) of the year.
    Equinox(EquinoxKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) enum EquinoxKind {
    Vernal,
    Autumnal,
}

impl EquinoxKind {
    fn month(self) -> u32 {
        match self {
            EquinoxKind::Vernal => 3,
            EquinoxKind::Autumnal => 9,
        }
    }
}

/// One million: equinox formulas are kept in millionths of a day, so the result does not
/// depend on float rounding.
pub(crate) const MICRO: i64 = 1_000_000;

/// `day = trunc(C + rate × (year − epoch) − trunc((year − leap_base) / 4))` for the years
/// `from..=to`, with C = `vernal` (March) or `autumnal` (September), in millionths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Formula {
    pub(crate) from: i32,
    pub(crate) to: i32,
    pub(crate) vernal: i64,
    pub(crate) autumnal: i64,
    pub(crate) leap_base: i32,
}

/// A checked set of holiday rules; every query is infallible.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Holidays {
    pub(crate) rules: Vec<HolidayRule>,
    pub(crate) one_offs: BTreeMap<NaiveDate, Name>,
    pub(crate) law: HolidayLaw,
    /// Year → (vernal day, autumnal day), as published.
    pub(crate) published: BTreeMap<i32, (NaiveDate, NaiveDate)>,
    /// Sorted by `from`, non-overlapping, never empty.
    pub(crate) formulas: Vec<Formula>,
    /// Millionths of a day per year.
    pub(crate) rate: i64,
    pub(crate) epoch: i32,
}

impl Holidays {
    /// The national holiday proper on `d` (art. 2, or a one-off), if any.
    fn national(&self, d: NaiveDate) -> Option<&Name> {
        if let Some(name) = self.one_offs.get(&d) {
            return Some(name);
        }
        let year = d.year();
        self.rules
            .iter()
            .find(|r| r.in_force(year) && self.rule_matches(r.rule, d))
            .map(|r| &r.name)
    }

    pub(crate) fn rule_matches(&self, rule: Rule, d: NaiveDate) -> bool {
        match rule {
            Rule::Fixed { month, day } => d.month() == month && d.day() == day,
            Rule::NthMonday { month, n } => {
                d.month() == month && d.weekday() == Weekday::Mon && d.day0() / 7 + 1 == n
            }
            Rule::Equinox(kind) => {
                d.month() == kind.month() && self.equinox_day(d.year(), kind) == Some(d)
            }
        }
    }

    /// The equinox day of `year`: the published date where the almanac has one, the formula
    /// otherwise. `None` only for years so far out that the formula leaves the month.
    pub(crate) fn equinox_day(&self, year: i32, kind: EquinoxKind) -> Option<NaiveDate> {
        match self.published.get(&year) {
            Some((v, a)) => Some(if kind == EquinoxKind::Vernal { *v } else { *a }),
            None => self.equinox_by_formula(year, kind),
        }
    }

    /// The equinox day of `year` by the approximation formula alone. Years outside every
    /// range use the nearest range.
    pub(crate) fn equinox_by_formula(&self, year: i32, kind: EquinoxKind) -> Option<NaiveDate> {
        let first = self.formulas.first()?;
        let f = self
            .formulas
            .iter()
            .find(|f| f.from <= year && year <= f.to)
            .or_else(|| {
                if year < first.from {
                    Some(first)
                } else {
                    self.formulas.last()
                }
            })?;
        let c = if kind == EquinoxKind::Vernal {
            f.vernal
        } else {
            f.autumnal
        };
        let y = i64::from(year);
        // Rust's `/` truncates toward zero, as the formula's inner int() does: the 1900–1979
        // range relies on that (leap_base 1983 > year).
        let leaps = (y - i64::from(f.leap_base)) / 4;
        let micro = c + self.rate * (y - i64::from(self.epoch)) - MICRO * leaps;
        let day = u32::try_from(micro.div_euclid(MICRO)).ok()?;
        NaiveDate::from_ymd_opt(year, kind.month(), day)
    }

    /// Art. 3(2): `d` is a substitute holiday.
    fn is_substitute(&self, d: NaiveDate) -> bool {
        // Walk back over the national holidays right before `d`. A run of more than seven
        // would contain a Sunday within its last seven days, so seven steps suffice.
        let mut e = d;
        for _ in 0..7 {
            let Some(prev) = e.pred_opt() else {
                return false;
            };
            e = prev;
            if self.national(e).is_none() {
                return false;
            }
            if e.weekday() == Weekday::Sun {
                if e < self.law.substitute_from {
                    return false;
                }
                // Current wording: "the nearest following day that is not a national holiday".
                // Before 2007: "the next day" only, so only when the Sunday is d - 1.
                return e >= self.law.current_wording_from || e.succ_opt() == Some(d);
            }
        }
        false
    }

    /// Art. 3(3): `d` (not itself a national holiday) lies between two national holidays.
    fn is_citizens(&self, d: NaiveDate) -> bool {
        if d < self.law.citizens_from {
            return false;
        }
        let (Some(before), Some(after)) = (d.pred_opt(), d.succ_opt()) else {
            return false;
        };
        if self.national(before).is_none() || self.national(after).is_none() {
            return false;
        }
        // Before 2007 the paragraph excluded Sundays and substitute holidays.
        d >= self.law.current_wording_from
            || (d.weekday() != Weekday::Sun && !self.is_substitute(d))
    }

    /// The holiday on `d` (national, substitute or citizens'), `None` on an ordinary day.
    pub(crate) fn on(&self, d: NaiveDate) -> Option<Closure> {
        if let Some(name) = self.national(d) {
            Some(Closure::Holiday(name.clone()))
        } else if self.is_substitute(d) {
            Some(Closure::Substitute)
        } else if self.is_citizens(d) {
            Some(Closure::Citizens)
        } else {
            None
        }
    }
}
