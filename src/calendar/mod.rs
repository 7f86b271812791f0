//! Dates the way Japanese law counts them.
//!
//! This module owns three things, and nothing else:
//!
//! 1. **Periods** (Civil Code arts. 140–143, [`period`]): "within N days/weeks/months/years of
//!    D" and "from N units before X".
//! 2. **National holidays** ([`holidays`], Act on National Holidays, 国民の祝日に関する法律):
//!    the holidays of art. 2, the substitute holiday of art. 3(2) (振替休日) and the citizens'
//!    holiday of art. 3(3) (国民の休日), plus one-off holidays made by special laws.
//! 3. **The office calendar** ([`office`], Local Autonomy Act art. 4-2): the days a municipal
//!    office is closed (weekends, national holidays, the year-end closure, per-municipality
//!    overlays), and the adjustment of a deadline to an open day.
//!
//! It is a leaf: it imports nothing of the rest of the program. The rules are data
//! (`data/calendar.toml`), read and checked by `kb`, which builds a [`Calendar`] from them;
//! the code here only knows how to apply a rule, never which holidays exist.
//!
//! The module is pure: no I/O, no clock, no terminal. "Today" is always an argument of the
//! caller (see `period-reckoning.md` §5). Every loop is bounded, so no input date can hang it,
//! and date overflow surfaces as `None` rather than a panic.

pub(crate) mod holidays;
pub(crate) mod office;
pub(crate) mod period;

use chrono::{Datelike, NaiveDate, Weekday};

pub(crate) use holidays::{EquinoxKind, Holidays, Name};
pub(crate) use office::{AnnualClosure, MonthDay, Office, YearEnd};
pub(crate) use period::{Period, Unit, period_end, window_open};

/// Why the office is closed on a day, or which holiday a day is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Closure {
    /// A weekday the office is closed on every week (Saturday and Sunday by default).
    Weekend(Weekday),
    /// A national holiday of art. 2 or a one-off holiday, with its name.
    Holiday(Name),
    /// Art. 3(2): 振替休日.
    Substitute,
    /// Art. 3(3): 国民の休日.
    Citizens,
    /// The year-end/new-year closure (Local Autonomy Act art. 4-2(2)(iii)), with the days it
    /// runs over in this calendar.
    YearEnd(YearEnd),
    /// A day the municipality closes on top of the rest.
    Extra,
    /// A yearly closed day of the person's municipality, by its ordinance (art. 4-2(3)).
    Local(Name),
}

/// How far [`Calendar::next_open_on_or_after`] and [`Calendar::last_open_on_or_before`] look
/// before giving up. Real closures last at most about ten days (Golden Week, New Year).
pub(crate) const MAX_CLOSED_RUN: u64 = 60;

/// The office calendar and holiday rules, as checked by `kb`; every query is infallible.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Calendar {
    pub(crate) holidays: Holidays,
    pub(crate) office: Office,
}

impl Calendar {
    /// The equinox day of `year` (see [`Holidays::equinox_day`]).
    #[cfg(test)]
    pub(crate) fn equinox_day(&self, year: i32, kind: EquinoxKind) -> Option<NaiveDate> {
        self.holidays.equinox_day(year, kind)
    }

    /// The equinox day of `year` by the formula alone (see [`Holidays::equinox_by_formula`]).
    #[cfg(test)]
    pub(crate) fn equinox_by_formula(&self, year: i32, kind: EquinoxKind) -> Option<NaiveDate> {
        self.holidays.equinox_by_formula(year, kind)
    }

    /// National holiday incl. substitute and citizens' holidays, `None` otherwise.
    pub(crate) fn holiday(&self, d: NaiveDate) -> Option<Closure> {
        self.holidays.on(d)
    }

    /// Why the office is closed on `d`, `None` if it is open. The most specific reason is
    /// given: a holiday, then the year-end closure, then the weekday, then the municipality's
    /// own closed day, then an extra closure. Nothing opens a closed day (see [`office`]).
    pub(crate) fn closure(&self, d: NaiveDate) -> Option<Closure> {
        let office = &self.office;
        if office.closed_on_holidays {
            if let Some(h) = self.holiday(d) {
                return Some(h);
            }
        }
        if let Some(y) = office.year_end_on(d) {
            return Some(Closure::YearEnd(y));
        }
        let wd = d.weekday();
        if office.closed_on(wd) {
            return Some(Closure::Weekend(wd));
        }
        if let Some(l) = office.local.iter().find(|l| l.on(d)) {
            return Some(Closure::Local(l.name.clone()));
        }
        if office.extra_closed.contains(&d) {
            return Some(Closure::Extra);
        }
        None
    }

    /// This calendar with a municipality's yearly closed days added: the office calendar of
    /// one person's municipality. The national calendar stays the default for everyone else.
    pub(crate) fn with_local(&self, local: &[office::AnnualClosure]) -> Calendar {
        let mut c = self.clone();
        c.office.local.extend(local.iter().cloned());
        c
    }

    pub(crate) fn is_open(&self, d: NaiveDate) -> bool {
        self.closure(d).is_none()
    }

    /// Local Autonomy Act art. 4-2(4): a filing deadline set by a period in a statute that
    /// falls on a day the office is closed moves to the day after the closure, i.e. the next
    /// day it is open (compare Civil Code art. 142). Looks at most [`MAX_CLOSED_RUN`] days ahead and
    /// then returns the date it reached (also at the end of chrono's date range); the checks in
    /// `kb` keep that from happening with real data.
    pub(crate) fn next_open_on_or_after(&self, d: NaiveDate) -> NaiveDate {
        self.search(d, NaiveDate::succ_opt)
    }

    /// The last day the office is open on or before `d`: for acting before an expiry, on a
    /// stated date, or "by the day before" (period-reckoning.md §3; these are not periods, so
    /// art. 4-2(4) does not move them forward). Bounded like
    /// [`Calendar::next_open_on_or_after`].
    pub(crate) fn last_open_on_or_before(&self, d: NaiveDate) -> NaiveDate {
        self.search(d, NaiveDate::pred_opt)
    }

    fn search(&self, d: NaiveDate, step: fn(&NaiveDate) -> Option<NaiveDate>) -> NaiveDate {
        let mut e = d;
        for _ in 0..MAX_CLOSED_RUN {
            if self.is_open(e) {
                return e;
            }
            match step(&e) {
                Some(next) => e = next,
                None => return e,
            }
        }
        e
    }

    /// Every holiday of `year` (national, substitute, citizens'), in date order.
    #[cfg(test)]
    pub(crate) fn holidays_in_year(&self, year: i32) -> Vec<(NaiveDate, Closure)> {
        let Some(mut d) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        while d.year() == year {
            if let Some(h) = self.holiday(d) {
                out.push((d, h));
            }
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
        }
        out
    }
}
