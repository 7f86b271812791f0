//! The office calendar (Local Autonomy Act art. 4-2): the days a municipal office is closed
//! besides national holidays — weekends, the year-end closure and a municipality's own
//! closed days.
//!
//! There is no "extra open" day here on purpose. A municipality that opens a counter on a
//! Sunday does not change its legal calendar: the day is still a closed day (休日) and a
//! period ending on it still runs to the next open day (art. 4-2(4); the ordinances say the
//! closed-day rule "does not prevent the city's organs from working on a 休日"). Such openings
//! are chances to visit, kept apart in the municipal overlays' practical part.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

/// A month and day without a year.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub(crate) struct MonthDay {
    pub(crate) month: u32,
    pub(crate) day: u32,
}

impl MonthDay {
    /// A day of some year: 02-29 is one (2000 is a leap year) and simply has no date in other
    /// years.
    pub(crate) fn is_valid(self) -> bool {
        NaiveDate::from_ymd_opt(2000, self.month, self.day).is_some()
    }
}

/// The year-end/new-year closure, inclusive at both ends; `from` after `to` wraps over
/// New Year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) struct YearEnd {
    pub(crate) from: MonthDay,
    pub(crate) to: MonthDay,
}

impl YearEnd {
    /// The statutory default (Local Autonomy Act art. 4-2(2)(iii)): 29 December to 3 January,
    /// as `data/calendar.toml` configures it (the tests compare with it).
    #[cfg(test)]
    pub(crate) const DEFAULT: YearEnd = YearEnd {
        from: MonthDay { month: 12, day: 29 },
        to: MonthDay { month: 1, day: 3 },
    };

    fn contains(&self, d: NaiveDate) -> bool {
        let md = MonthDay {
            month: d.month(),
            day: d.day(),
        };
        if self.from <= self.to {
            self.from <= md && md <= self.to
        } else {
            md >= self.from || md <= self.to
        }
    }

    /// Days covered in a (non-leap) year, to reject a closure that swallows the year.
    pub(crate) fn span_days(&self) -> Option<i64> {
        let a = NaiveDate::from_ymd_opt(2001, self.from.month, self.from.day)?;
        let b = NaiveDate::from_ymd_opt(2001, self.to.month, self.to.day)?;
        let span = (b - a).num_days();
        Some(if span >= 0 { span + 1 } else { span + 366 })
    }
}

/// When the municipal office is closed (Local Autonomy Act art. 4-2(2)), apart from the
/// holidays themselves.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Office {
    /// Indexed by `Weekday::num_days_from_monday`.
    pub(crate) closed_weekdays: [bool; 7],
    pub(crate) closed_on_holidays: bool,
    pub(crate) year_end: Option<YearEnd>,
    pub(crate) extra_closed: BTreeSet<NaiveDate>,
    /// Closed days a municipality's ordinance adds every year (art. 4-2(3)); empty for the
    /// national default, filled for one person's municipality.
    pub(crate) local: Vec<AnnualClosure>,
}

/// A day a municipality's ordinance closes its offices every year, under art. 4-2(3):
/// Okinawa's Memorial Day on 23 June, Hiroshima's Peace Memorial Day on 6 August. It is not
/// moved when it falls on a weekend (there is no substitute day for it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct AnnualClosure {
    pub(crate) day: MonthDay,
    /// The first and last years it applies, inclusive.
    pub(crate) from: Option<i32>,
    pub(crate) to: Option<i32>,
    pub(crate) name: crate::calendar::Name,
}

impl AnnualClosure {
    pub(crate) fn on(&self, d: NaiveDate) -> bool {
        d.month() == self.day.month
            && d.day() == self.day.day
            && self.from.is_none_or(|y| d.year() >= y)
            && self.to.is_none_or(|y| d.year() <= y)
    }
}

impl Office {
    pub(crate) fn closed_on(&self, w: Weekday) -> bool {
        self.closed_weekdays[w.num_days_from_monday() as usize]
    }

    pub(crate) fn year_end_on(&self, d: NaiveDate) -> Option<YearEnd> {
        self.year_end.filter(|y| y.contains(d))
    }
}

/// A weekday from its three-letter lower-case English name ("mon" … "sun").
pub(crate) fn parse_weekday(s: &str) -> Option<Weekday> {
    Some(match s {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}
