//! Periods (Civil Code arts. 140–143): [`period_end`] turns "within N days/weeks/months/years
//! of D" into the last day of the period, and [`window_open`] turns "from N units before X"
//! into the day a window opens. Pure date arithmetic: no holidays, no office.

use chrono::{Datelike, Days, NaiveDate};

/// The unit a legal period is stated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) enum Unit {
    Days,
    Weeks,
    Months,
    Years,
}

/// A legal period: "within `n` `unit`s".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) struct Period {
    pub(crate) n: u32,
    pub(crate) unit: Unit,
    /// Count the event day itself as the first day. The Civil Code default (art. 140) is
    /// `false`; a few statutes say otherwise, e.g. the birth notice of Family Register Act
    /// art. 43 counts the day of birth.
    pub(crate) count_first_day: bool,
}

/// Last day of a period running from event day `d` (Civil Code arts. 140, 143;
/// `count_first_day` for e.g. Family Register Act art. 43). `None` only on date overflow.
///
/// The result is the *legal* last day; moving it off a closed day is
/// [`super::Calendar::next_open_on_or_after`]'s job (Local Autonomy Act art. 4-2).
///
/// A period of zero units ends the day before its first counted day.
pub(crate) fn period_end(d: NaiveDate, p: Period) -> Option<NaiveDate> {
    // Art. 140: a period of days or longer does not count its first day, unless it starts at
    // midnight (art. 140 proviso) or a statute counts from the event day (e.g. Family
    // Register Act art. 43(1)).
    let start = if p.count_first_day { d } else { d.succ_opt()? };
    match p.unit {
        // Art. 140-141: n days counted from `start` end on start + n - 1.
        Unit::Days => days_end(start, u64::from(p.n)),
        // Art. 143(2): a week count that does not start at the beginning of a week ends the day
        // before the corresponding weekday of the last week, which is again start + 7n - 1.
        Unit::Weeks => days_end(start, u64::from(p.n) * 7),
        Unit::Months => months_end(start, p.n),
        // Art. 143(1): years are counted on the calendar like months, 12 to a year.
        Unit::Years => months_end(start, p.n.checked_mul(12)?),
    }
}

fn days_end(start: NaiveDate, n: u64) -> Option<NaiveDate> {
    start.checked_add_days(Days::new(n))?.pred_opt()
}

/// Civil Code art. 143 for a period of `m` months whose first counted day is `start`.
///
/// Art. 143(2): the period ends on the day before the day of the last month that corresponds
/// to `start` (same day number, `m` months later); if that month has no such day, it ends on
/// that month's last day. When `start` is the 1st (art. 143(1): a period counted from the
/// beginning of a month) the same formula gives the last day of the m-th month, because
/// "the day before the 1st of month m+1" is exactly that. Always computed from the original
/// date, never by repeated one-month steps (adding one month twice is not adding two).
fn months_end(start: NaiveDate, m: u32) -> Option<NaiveDate> {
    let target = month_index(start).checked_add(i64::from(m))?;
    let (y, mo) = from_month_index(target)?;
    match NaiveDate::from_ymd_opt(y, mo, start.day()) {
        Some(corresponding) => corresponding.pred_opt(),
        None => last_day_of_month(y, mo),
    }
}

/// period-reckoning.md §4: the day a window "n units before x" opens. Days/weeks: x - n.
/// Months/years: the day AFTER the date n months before x (same day number counted back,
/// clamped to that month's last day). Not adjusted for closures: it says when an office will
/// accept a procedure, not a deadline.
pub(crate) fn window_open(x: NaiveDate, n: u32, unit: Unit) -> Option<NaiveDate> {
    match unit {
        Unit::Days => x.checked_sub_days(Days::new(u64::from(n))),
        Unit::Weeks => x.checked_sub_days(Days::new(u64::from(n) * 7)),
        // The mirror image of art. 143(2): the window "n months before x" is the period of n
        // months that ends on x, so it starts the day after the corresponding day counted back.
        Unit::Months => add_months_clamped(x, -i64::from(n))?.succ_opt(),
        Unit::Years => add_months_clamped(x, -i64::from(n) * 12)?.succ_opt(),
    }
}

/// `d` moved by `delta` calendar months, keeping the day number and clamping it to the
/// target month's last day. This is the naive rule peers apply to periods; here it is only
/// used to count back for [`window_open`].
fn add_months_clamped(d: NaiveDate, delta: i64) -> Option<NaiveDate> {
    let (y, m) = from_month_index(month_index(d).checked_add(delta)?)?;
    let last = last_day_of_month(y, m)?;
    NaiveDate::from_ymd_opt(y, m, d.day().min(last.day()))
}

/// Months since year 0, January = 0.
fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

fn from_month_index(i: i64) -> Option<(i32, u32)> {
    let y = i32::try_from(i.div_euclid(12)).ok()?;
    let m = u32::try_from(i.rem_euclid(12)).ok()? + 1;
    Some((y, m))
}

fn last_day_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 {
        (y.checked_add(1)?, 1)
    } else {
        (y, m + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ymd(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn p(n: u32, unit: Unit) -> Period {
        Period {
            n,
            unit,
            count_first_day: false,
        }
    }

    fn naive_clamp(d: NaiveDate, months: i64) -> NaiveDate {
        add_months_clamped(d, months).unwrap()
    }

    #[test]
    fn months_table_of_section_1() {
        // event day, months, last day, what naive "add months and clamp" gives
        let rows = [
            ("2026-01-31", 1, "2026-02-28", "2026-02-28"),
            ("2026-03-15", 2, "2026-05-15", "2026-05-15"),
            ("2026-04-30", 1, "2026-05-31", "2026-05-30"),
            ("2026-11-30", 2, "2027-01-31", "2027-01-30"),
            ("2027-02-28", 3, "2027-05-31", "2027-05-28"),
            ("2028-01-29", 1, "2028-02-29", "2028-02-29"),
        ];
        for (d, m, want, naive) in rows {
            let d = ymd(d);
            assert_eq!(
                period_end(d, p(m, Unit::Months)),
                Some(ymd(want)),
                "{d} + {m} months"
            );
            assert_eq!(
                naive_clamp(d, i64::from(m)),
                ymd(naive),
                "naive {d} + {m} months"
            );
        }
    }

    #[test]
    fn days_weeks_and_first_day_counted() {
        // Art. 140: moved in 2026-04-01, register within 14 days.
        assert_eq!(
            period_end(ymd("2026-04-01"), p(14, Unit::Days)),
            Some(ymd("2026-04-15"))
        );
        // Family Register Act art. 43: birth on 2026-04-01, notice within 14 days, day of
        // birth counted.
        let birth = Period {
            n: 14,
            unit: Unit::Days,
            count_first_day: true,
        };
        assert_eq!(
            period_end(ymd("2026-04-01"), birth),
            Some(ymd("2026-04-14"))
        );
        assert_eq!(
            period_end(ymd("2026-12-25"), birth),
            Some(ymd("2027-01-07"))
        );
        // Art. 143(2) for weeks.
        assert_eq!(
            period_end(ymd("2026-04-01"), p(2, Unit::Weeks)),
            Some(ymd("2026-04-15"))
        );
        // Zero-length period ends the day before the first counted day.
        assert_eq!(
            period_end(ymd("2026-04-01"), p(0, Unit::Days)),
            Some(ymd("2026-04-01"))
        );
        // First day counted, months: counted from the beginning of a month (art. 143(1)).
        let month_counted = Period {
            n: 1,
            unit: Unit::Months,
            count_first_day: true,
        };
        assert_eq!(
            period_end(ymd("2026-04-01"), month_counted),
            Some(ymd("2026-04-30"))
        );
    }

    #[test]
    fn years() {
        let rows = [
            ("2026-04-01", 1, "2027-04-01"),
            ("2026-03-31", 1, "2027-03-31"),
            // Start on Feb 29: first counted day 03-01, so the year ends 02-28.
            ("2028-02-29", 1, "2029-02-28"),
            // First counted day Feb 29, no Feb 29 in 2029: the month's last day.
            ("2028-02-28", 1, "2029-02-28"),
            // First counted day Mar 1: ends the day before Mar 1, which is Feb 29 in 2028.
            ("2027-02-28", 1, "2028-02-29"),
            ("2028-02-29", 4, "2032-02-29"),
            ("2026-10-10", 5, "2031-10-10"),
        ];
        for (d, y, want) in rows {
            assert_eq!(
                period_end(ymd(d), p(y, Unit::Years)),
                Some(ymd(want)),
                "{d} + {y} years"
            );
        }
        assert_eq!(period_end(NaiveDate::MAX, p(1, Unit::Days)), None);
        assert_eq!(
            period_end(ymd("2026-01-01"), p(u32::MAX, Unit::Years)),
            None
        );
    }

    #[test]
    fn windows_section_4() {
        let rows = [
            ("2026-12-31", 3, Unit::Months, "2026-10-01"),
            ("2027-05-31", 3, Unit::Months, "2027-03-01"),
            ("2026-06-20", 14, Unit::Days, "2026-06-06"),
            ("2026-06-20", 2, Unit::Weeks, "2026-06-06"),
            ("2026-08-15", 3, Unit::Months, "2026-05-16"),
            ("2027-03-01", 1, Unit::Months, "2027-02-02"),
            ("2029-02-28", 1, Unit::Years, "2028-02-29"),
            ("2028-02-29", 1, Unit::Years, "2027-03-01"),
        ];
        for (x, n, unit, want) in rows {
            assert_eq!(
                window_open(ymd(x), n, unit),
                Some(ymd(want)),
                "{n} {unit:?} before {x}"
            );
        }
        assert_eq!(window_open(NaiveDate::MIN, 1, Unit::Days), None);
    }

    fn date_in(from: i32, to: i32) -> impl Strategy<Value = NaiveDate> {
        let start = NaiveDate::from_ymd_opt(from, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(to, 1, 1).unwrap();
        (0..(end - start).num_days()).prop_map(move |k| start + chrono::Duration::days(k))
    }

    proptest! {
        #[test]
        fn days_period_is_d_plus_n(d in date_in(1990, 2100), n in 0u32..2000) {
            prop_assert_eq!(period_end(d, p(n, Unit::Days)), Some(d + chrono::Duration::days(i64::from(n))));
        }

        #[test]
        fn month_period_never_before_naive_and_in_target_month(d in date_in(1990, 2100), m in 1u32..=240) {
            let end = period_end(d, p(m, Unit::Months)).unwrap();
            // Not before what naive clamping gives, from the event day or from the first
            // counted day minus one.
            prop_assert!(end >= naive_clamp(d, i64::from(m)));
            prop_assert!(end >= naive_clamp(d.succ_opt().unwrap(), i64::from(m)).pred_opt().unwrap());
            // Always in the month m months after the event day's month.
            prop_assert_eq!(month_index(end), month_index(d) + i64::from(m));
            // Years are twelve months.
            if m % 12 == 0 {
                prop_assert_eq!(period_end(d, p(m / 12, Unit::Years)), Some(end));
            }
        }

        #[test]
        fn window_then_period_lands_on_x(x in date_in(1990, 2100), m in 1u32..=24) {
            // A window of m months opening at w covers through x.
            let w = window_open(x, m, Unit::Months).unwrap();
            prop_assert!(w <= x);
            prop_assert!(month_index(x) - month_index(w) <= i64::from(m));
        }
    }
}
