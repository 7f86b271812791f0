//! Local advice for one step: the counter of the person's municipality that handles it, and
//! the chances to visit before its deadline (weekend and evening windows, the next open days).
//!
//! Everything here comes from the practical part of a municipal overlay and is advice only:
//! it never changes a date of the plan (deadlines are counted on the office calendar, which no
//! opening enters). A window past its `expires` is never offered. The advice is data; its
//! sentences, each ending "check with your office" with the date the source was checked, are
//! made by `wording::notes`.

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::kb::model::StepIx;
use crate::kb::municipality::{Municipality, Window};

/// How far ahead chances to visit are looked for when a step has no deadline.
const HORIZON_DAYS: u64 = 31;
/// At most this many windows and open days are named.
const SHOWN: usize = 3;

/// A window held on a day.
#[derive(Debug, Clone)]
pub(crate) struct Chance<'k> {
    pub(crate) date: NaiveDate,
    pub(crate) window: &'k Window,
    /// The day is a closed day (a weekend or holiday opening), not longer hours on an open day.
    pub(crate) closed_day: bool,
}

/// What the person's municipality says about one step.
#[derive(Debug, Clone)]
pub(crate) struct LocalAdvice<'k> {
    pub(crate) municipality: &'k Municipality,
    /// The counters that handle the step (usually one).
    pub(crate) counters: Vec<&'k crate::kb::municipality::Counter>,
    /// Windows from the first day one can go to the deadline, first ones first.
    pub(crate) chances: Vec<Chance<'k>>,
    /// The next regular open days in the same span.
    pub(crate) open_days: Vec<NaiveDate>,
    /// When the practical data was last checked.
    pub(crate) checked: Option<NaiveDate>,
}

/// The advice for `step`, going from `from` (today, or the day the step opens) up to and
/// including `until` (its deadline; a month ahead when it has none). `None` when the overlay
/// has nothing for this step.
pub(crate) fn advise<'k>(
    m: &'k Municipality,
    cal: &Calendar,
    step: StepIx,
    from: NaiveDate,
    until: Option<NaiveDate>,
) -> Option<LocalAdvice<'k>> {
    let counters: Vec<_> = m.counters.iter().filter(|c| c.handles(step)).collect();
    let windows: Vec<&Window> = m.windows.iter().filter(|w| w.handles(step)).collect();
    if counters.is_empty() && windows.is_empty() {
        return None;
    }
    let last = until.unwrap_or_else(|| from + chrono::Days::new(HORIZON_DAYS));
    let mut chances = Vec::new();
    let mut open_days = Vec::new();
    let mut d = from;
    // Bounded: a deadline years ahead is not scanned day by day past the first finds.
    for _ in 0..=HORIZON_DAYS * 4 {
        if d > last || (chances.len() >= SHOWN && open_days.len() >= SHOWN) {
            break;
        }
        if chances.len() < SHOWN {
            if let Some(w) = windows.iter().find(|w| w.on(d)) {
                chances.push(Chance {
                    date: d,
                    window: w,
                    closed_day: !cal.is_open(d),
                });
            }
        }
        if open_days.len() < SHOWN && cal.is_open(d) {
            open_days.push(d);
        }
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    Some(LocalAdvice {
        municipality: m,
        counters,
        chances,
        open_days,
        checked: m.practical_checked(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::fmt;
    use crate::kb::Kb;

    fn d(s: &str) -> NaiveDate {
        crate::dates::parse(s).unwrap()
    }

    fn ix(kb: &Kb, id: &str) -> StepIx {
        kb.steps
            .iter()
            .find(|s| s.decl.id.get_ref() == id)
            .map(|s| s.ix)
            .unwrap()
    }

    #[test]
    fn windows_before_the_deadline_are_offered_and_expired_ones_never() {
        let kb = Kb::embedded().unwrap_or_else(|e| panic!("{}", e.render()));
        let osaka = kb.municipality("271004").unwrap();
        let a = advise(
            osaka,
            &kb.calendar,
            ix(&kb, "residence.register"),
            d("2027-01-12"),
            Some(d("2027-01-23")),
        )
        .unwrap();
        // Fridays until 19:00; the 4th Sunday (24th) is after the deadline.
        let dates: Vec<_> = a.chances.iter().map(|c| fmt(c.date)).collect();
        assert_eq!(dates, ["2027-01-15", "2027-01-22"]);
        assert!(a.chances.iter().all(|c| !c.closed_day));
        // The overlay's windows expire on 2027-03-31: none is offered after that.
        let late = advise(
            osaka,
            &kb.calendar,
            ix(&kb, "residence.register"),
            d("2027-04-01"),
            Some(d("2027-04-30")),
        )
        .unwrap();
        assert!(late.chances.is_empty());
        assert!(!late.counters.is_empty());
        // A step no counter or window of the overlay handles gets nothing.
        assert!(
            advise(
                osaka,
                &kb.calendar,
                ix(&kb, "card.renew"),
                d("2027-01-12"),
                None
            )
            .is_none()
        );
    }
}
