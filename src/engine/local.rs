//! Local advice for one step: the counter of the person's municipality that handles it, and
//! the chances to visit before its deadline (weekend and evening windows, the next open days).
//!
//! Everything here comes from the practical part of a municipal overlay and is advice only:
//! it never changes a date of the plan (deadlines are counted on the office calendar, which no
//! opening enters), and every sentence says "check with your office" with the date the source
//! was checked. A window past its `expires` is never offered.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::calendar::Calendar;
use crate::dates::fmt;
use crate::kb::model::StepIx;
use crate::kb::municipality::{Municipality, Reservation, Window};
use crate::kb::text::Text;

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

fn weekday(d: NaiveDate) -> Text {
    let (en, ja) = match d.weekday() {
        Weekday::Mon => ("Monday", "月"),
        Weekday::Tue => ("Tuesday", "火"),
        Weekday::Wed => ("Wednesday", "水"),
        Weekday::Thu => ("Thursday", "木"),
        Weekday::Fri => ("Friday", "金"),
        Weekday::Sat => ("Saturday", "土"),
        Weekday::Sun => ("Sunday", "日"),
    };
    Text::new(en, ja)
}

/// "check with your office (checked 2026-12-02)", the end of every local sentence.
fn check(a: &LocalAdvice<'_>) -> Text {
    match a.checked {
        Some(c) => Text::new(
            format!("check with your office (checked {})", fmt(c)),
            format!("窓口に確認してください（{}時点の情報）", fmt(c)),
        ),
        None => Text::new("check with your office", "窓口に確認してください"),
    }
}

impl LocalAdvice<'_> {
    /// Where to go: "Where in Osaka: your ward office. Practice changes: check with your
    /// office (checked 2026-12-02)."
    pub(crate) fn counter_text(&self) -> Option<Text> {
        if self.counters.is_empty() {
            return None;
        }
        let name = &self.municipality.name;
        let ck = check(self);
        let mut en = Vec::new();
        let mut ja = Vec::new();
        for c in &self.counters {
            if c.card_mailed {
                en.push(format!(
                    "apply at {} and the card is mailed to you",
                    c.name.en
                ));
                ja.push(format!("{}で申請するとカードが郵送されます", c.name.ja));
            } else {
                en.push(c.name.en.clone());
                ja.push(c.name.ja.clone());
            }
            if let Some(n) = &c.note {
                en.push(n.en.trim_end_matches('.').to_string());
                ja.push(n.ja.trim_end_matches('。').to_string());
            }
        }
        Some(Text::new(
            format!(
                "Where in {}: {}. Practice changes: {}.",
                name.en,
                en.join(". "),
                ck.en
            ),
            format!(
                "{}の窓口：{}。取扱いは変わることがあります。{}。",
                name.ja,
                ja.join("。"),
                ck.ja
            ),
        ))
    }

    /// The first chance, short, for a table cell: "open on Sunday 2027-01-24 (reservation) —
    /// check with your office (checked 2026-12-02)".
    pub(crate) fn short_text(&self) -> Option<Text> {
        // A weekend opening first; else longer hours on an open day, with the hours.
        let c = self
            .chances
            .iter()
            .find(|c| c.closed_day)
            .or_else(|| self.chances.first())?;
        let wd = weekday(c.date);
        let required = c.window.reservation == Some(Reservation::Required);
        let (hours_en, hours_ja) = if c.closed_day {
            (String::new(), String::new())
        } else {
            (
                format!(", {}", c.window.hours.en),
                c.window.hours.ja.clone(),
            )
        };
        let ck = check(self);
        Some(Text::new(
            format!(
                "open on {} {}{hours_en}{} — {}",
                wd.en,
                fmt(c.date),
                if required { " (reservation)" } else { "" },
                ck.en
            ),
            format!(
                "{}（{}）{hours_ja}も開庁{}。{}",
                fmt(c.date),
                wd.ja,
                if required { "（要予約）" } else { "" },
                ck.ja
            ),
        ))
    }

    /// One window occurrence: "Sunday 2027-01-24, 9:00–17:30 (4th-Sunday opening;
    /// reservation required)".
    fn chance_text(c: &Chance<'_>) -> Text {
        let w = c.window;
        let wd = weekday(c.date);
        let (res_en, res_ja) = match w.reservation {
            Some(Reservation::Required) => ("; reservation required", "、要予約"),
            Some(Reservation::NotRequired) => ("; no reservation needed", "、予約不要"),
            None => ("", ""),
        };
        Text::new(
            format!(
                "{} {}, {} ({}{res_en})",
                wd.en,
                fmt(c.date),
                w.hours.en,
                w.name.en
            ),
            format!(
                "{}（{}）{}（{}{res_ja}）",
                fmt(c.date),
                wd.ja,
                w.hours.ja,
                w.name.ja
            ),
        )
    }

    /// When to go outside weekday hours: "Osaka: also open on Sunday 2027-01-24, 9:00–17:30
    /// (4th-Sunday opening) — check with your office (checked 2026-12-02)". `None` without a
    /// window before the deadline.
    pub(crate) fn chances_text(&self) -> Option<Text> {
        if self.chances.is_empty() {
            return None;
        }
        let items: Vec<Text> = self.chances.iter().map(Self::chance_text).collect();
        let ck = check(self);
        let name = &self.municipality.name;
        Some(Text::new(
            format!(
                "{}: also open on {}. A weekend or evening opening never moves a deadline; {}.",
                name.en,
                items
                    .iter()
                    .map(|t| t.en.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                ck.en
            ),
            format!(
                "{}：{}にも開庁しています。休日・夜間の開庁で期限は変わりません。{}。",
                name.ja,
                items
                    .iter()
                    .map(|t| t.ja.as_str())
                    .collect::<Vec<_>>()
                    .join("、"),
                ck.ja
            ),
        ))
    }

    /// The next open days before the deadline, windows included: for a visit checklist.
    pub(crate) fn open_days_text(&self) -> Option<Text> {
        if self.open_days.is_empty() && self.chances.is_empty() {
            return None;
        }
        let mut en: Vec<String> = self
            .open_days
            .iter()
            .map(|d| format!("{} {}", weekday(*d).en, fmt(*d)))
            .collect();
        let mut ja: Vec<String> = self
            .open_days
            .iter()
            .map(|d| format!("{}（{}）", fmt(*d), weekday(*d).ja))
            .collect();
        for c in &self.chances {
            let t = Self::chance_text(c);
            en.push(t.en);
            ja.push(t.ja);
        }
        let ck = check(self);
        Some(Text::new(
            format!("Next open days: {}. Then {}.", en.join("; "), ck.en),
            format!("次の開庁日：{}。{}。", ja.join("、"), ck.ja),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert!(
            a.short_text()
                .unwrap()
                .en
                .starts_with("open on Friday 2027-01-15, until 19:00")
        );
        // The overlay's windows expire on 2027-03-31: none is offered after that.
        let late = advise(
            osaka,
            &kb.calendar,
            ix(&kb, "residence.register"),
            d("2027-04-01"),
            Some(d("2027-04-30")),
        )
        .unwrap();
        assert!(late.chances.is_empty() && late.chances_text().is_none());
        assert!(late.counter_text().is_some());
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
