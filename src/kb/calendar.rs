//! `data/calendar.toml`: its schema, and the checks that turn it into a [`Calendar`].
//!
//! The calendar itself (how periods, holidays and office closures work) is `crate::calendar`,
//! which knows nothing of files; this module says which holidays and closures exist.

use std::collections::BTreeMap;

use super::span::Spanned;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer};

use super::messages::calendar as m;
use super::text::{Text, nest, per_lang};
use crate::calendar::holidays::{Formula, HolidayLaw, HolidayRule, MICRO, Rule};
use crate::calendar::office::parse_weekday;
use crate::calendar::{
    Calendar, EquinoxKind, Holidays, MAX_CLOSED_RUN, MonthDay, Name, Office, YearEnd,
};
use crate::dates;

/// A checked calendar, and the sources its data cites.
#[derive(Debug, Clone)]
pub(crate) struct Checked {
    pub(crate) calendar: Calendar,
    pub(crate) sources: Vec<Source>,
}

/// The parsed `data/calendar.toml`. See the comments at the top of that file for the schema;
/// [`build`] gives it meaning and checks it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CalendarFile {
    pub(crate) source: Vec<Spanned<Source>>,
    pub(crate) office: OfficeFile,
    pub(crate) holiday_law: Spanned<HolidayLawDecl>,
    pub(crate) holiday: Vec<Spanned<HolidayDecl>>,
    #[serde(default)]
    pub(crate) one_off: Vec<Spanned<OneOffDecl>>,
    pub(crate) equinox: EquinoxFile,
}

/// A calendar date, where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub(crate) struct Day(#[serde(deserialize_with = "de_date")] pub(crate) NaiveDate);

/// Where the data came from, and when someone last checked it against that source.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Source {
    pub(crate) url: String,
    pub(crate) title: String,
    #[serde(deserialize_with = "de_date")]
    pub(crate) checked: NaiveDate,
}

/// `[office]`: when the municipal office is closed (Local Autonomy Act art. 4-2(2)).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OfficeFile {
    /// Three-letter lower-case English weekday names: "mon" … "sun".
    pub(crate) closed_weekdays: Spanned<Vec<Spanned<String>>>,
    pub(crate) closed_on_national_holidays: bool,
    #[serde(default)]
    pub(crate) year_end: Option<Spanned<YearEndDecl>>,
    #[serde(default)]
    pub(crate) extra_closed: Vec<Spanned<Day>>,
    /// No longer read: kept only to say where such days belong. An office that opens on a
    /// closed day does not make it an open day for deadlines (Local Autonomy Act art. 4-2).
    #[serde(default)]
    pub(crate) extra_open: Vec<Spanned<Day>>,
}

/// A month and day without a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MonthDayDecl {
    pub(crate) month: u32,
    pub(crate) day: u32,
}

/// The year-end/new-year closure, inclusive at both ends; `from` after `to` wraps over
/// New Year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct YearEndDecl {
    pub(crate) from: MonthDayDecl,
    pub(crate) to: MonthDayDecl,
}

/// `[holiday_law]`: when art. 3(2) and art. 3(3) of the Act on National Holidays took effect,
/// and when their current wording did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[expect(
    clippy::struct_field_names,
    reason = "each field is the day a rule took effect"
)]
pub(crate) struct HolidayLawDecl {
    /// Art. 3(2), substitute holiday: Sunday holidays on or after this date give one.
    #[serde(deserialize_with = "de_date")]
    pub(crate) substitute_from: NaiveDate,
    /// Art. 3(3), citizens' holiday: days on or after this date can be one.
    #[serde(deserialize_with = "de_date")]
    pub(crate) citizens_from: NaiveDate,
    /// Before this date (Act No. 43 of 2005): the substitute holiday is only the day after a
    /// Sunday holiday, and a Sunday or a substitute holiday is never a citizens' holiday.
    #[serde(deserialize_with = "de_date")]
    pub(crate) current_wording_from: NaiveDate,
}

/// `[[holiday]]`: one holiday of art. 2, in force from `from` to `to` (inclusive years),
/// except in `except_years`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HolidayDecl {
    pub(crate) name: Text,
    pub(crate) rule: RuleDecl,
    pub(crate) from: i32,
    #[serde(default)]
    pub(crate) to: Option<i32>,
    #[serde(default)]
    pub(crate) except_years: Vec<i32>,
}

/// How a holiday's date is found in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum RuleDecl {
    /// The same date every year.
    Fixed { month: u32, day: u32 },
    /// The `n`-th Monday of the month (the "Happy Monday" amendments, in force from 2000
    /// and 2003).
    NthMonday { month: u32, n: u32 },
    /// The equinox day (春分日 / 秋分日) of the year.
    Equinox(EquinoxDecl),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum EquinoxDecl {
    Vernal,
    Autumnal,
}

/// `[[one_off]]`: a date made a holiday by a special law, or a holiday moved for one year.
/// It counts as a national holiday for art. 3(2) and 3(3).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OneOffDecl {
    #[serde(deserialize_with = "de_date")]
    pub(crate) date: NaiveDate,
    pub(crate) name: Text,
}

/// `[equinox]`: published equinox days, and the formula for the other years.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EquinoxFile {
    pub(crate) published: Vec<Spanned<PublishedEquinox>>,
    pub(crate) rate: Spanned<f64>,
    pub(crate) epoch: i32,
    pub(crate) formula: Vec<Spanned<EquinoxFormula>>,
}

/// One year of the almanac.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PublishedEquinox {
    #[serde(deserialize_with = "de_date")]
    pub(crate) vernal: NaiveDate,
    #[serde(deserialize_with = "de_date")]
    pub(crate) autumnal: NaiveDate,
}

/// `day = trunc(C + rate × (year − epoch) − trunc((year − leap_base) / 4))`, for years
/// `from..=to`, with C = `vernal` (March) or `autumnal` (September).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EquinoxFormula {
    pub(crate) from: i32,
    pub(crate) to: i32,
    pub(crate) vernal: f64,
    pub(crate) autumnal: f64,
    pub(crate) leap_base: i32,
}

/// A TOML date literal; in the stored knowledge base (see `super::span`), chrono's own form.
fn de_date<'de, D: Deserializer<'de>>(de: D) -> Result<NaiveDate, D::Error> {
    if !de.is_human_readable() {
        return NaiveDate::deserialize(de);
    }
    let dt = toml::value::Datetime::deserialize(de)?;
    dates::from_toml(&dt).map_err(serde::de::Error::custom)
}

/// Parses and checks the text of a calendar file; the problems, one per line, in English.
#[cfg(test)]
pub(crate) fn from_toml(src: &str) -> Result<Checked, String> {
    let file: CalendarFile = toml::from_str(src).map_err(|e| format!("calendar data: {e}"))?;
    build(file).map_err(|errs| {
        errs.into_iter()
            .map(|e| e.message.en)
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// A problem of the calendar file, and where it is (when one place can be named).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) span: Option<std::ops::Range<usize>>,
    pub(crate) message: Text,
}

/// The problems found so far, each at a place of the file.
#[derive(Default)]
struct Problems {
    list: Vec<Problem>,
    /// Where the next problems are (the table being checked).
    at: Option<std::ops::Range<usize>>,
}

impl Problems {
    fn push(&mut self, message: Text) {
        self.list.push(Problem {
            span: self.at.clone(),
            message,
        });
    }
    fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Checks the parsed file and builds the calendar, reporting every problem at once, each
/// where it is written.
pub(crate) fn build(f: CalendarFile) -> Result<Checked, Vec<Problem>> {
    let mut errs = Problems::default();
    check_sources(&mut errs, &f.source);
    let office = office(&mut errs, &f.office);
    let law = holiday_law(&mut errs, &f.holiday_law);
    for (i, h) in f.holiday.iter().enumerate() {
        check_holiday(&mut errs, i, h);
    }
    let one_offs = one_offs(&mut errs, &f.one_off);
    let published = published_equinoxes(&mut errs, &f.equinox.published);
    errs.at = Some(f.equinox.rate.span());
    let rate = micro(*f.equinox.rate.get_ref()).filter(|r| *r > 0 && *r < MICRO);
    if rate.is_none() {
        errs.push(m::rate_range(f.equinox.rate.get_ref()));
    }
    let formulas = equinox_formulas(&mut errs, &f.equinox.formula);
    if !errs.is_empty() {
        return Err(errs.list);
    }
    let cal = Calendar {
        holidays: Holidays {
            rules: f
                .holiday
                .iter()
                .map(|h| holiday_rule(h.get_ref()))
                .collect(),
            one_offs,
            law,
            published,
            formulas,
            rate: rate.unwrap_or_default(),
            epoch: f.equinox.epoch,
        },
        office,
    };
    check_closed_runs(&mut errs, &cal, &f.office.extra_closed);
    if errs.is_empty() {
        Ok(Checked {
            calendar: cal,
            sources: f.source.into_iter().map(Spanned::into_inner).collect(),
        })
    } else {
        Err(errs.list)
    }
}

/// At least one source, each with a web address and a title.
fn check_sources(errs: &mut Problems, sources: &[Spanned<Source>]) {
    if sources.is_empty() {
        errs.push(m::no_source());
    }
    for (i, s) in sources.iter().enumerate() {
        errs.at = Some(s.span());
        let s = s.get_ref();
        if !s.url.starts_with("https://") && !s.url.starts_with("http://") {
            errs.push(nest(&quoted(&s.url), |url| m::source_url(i + 1, url)));
        }
        if s.title.trim().is_empty() {
            errs.push(m::source_title_empty(i + 1));
        }
    }
}

/// `[office]`: the weekdays it is closed (not every day), the year-end closure and the extra
/// closed days.
fn office(errs: &mut Problems, o: &OfficeFile) -> Office {
    let mut closed_weekdays = [false; 7];
    for w in o.closed_weekdays.get_ref() {
        errs.at = Some(w.span());
        let w = w.get_ref();
        match parse_weekday(w) {
            Some(wd) => {
                let slot = &mut closed_weekdays[wd.num_days_from_monday() as usize];
                if *slot {
                    errs.push(nest(&quoted(w), |w| m::weekday_twice(w)));
                }
                *slot = true;
            }
            None => errs.push(nest(&quoted(w), |w| m::unknown_weekday(w))),
        }
    }
    errs.at = Some(o.closed_weekdays.span());
    if closed_weekdays.iter().all(|c| *c) {
        errs.push(m::never_open());
    }
    let year_end = o.year_end.as_ref().map(|y| YearEnd {
        from: month_day(y.get_ref().from),
        to: month_day(y.get_ref().to),
    });
    errs.at = o.year_end.as_ref().map(Spanned::span);
    if let Some(ye) = &year_end {
        check_month_day(errs, || "office.year_end.from".into(), ye.from);
        check_month_day(errs, || "office.year_end.to".into(), ye.to);
        if ye.span_days().is_some_and(|n| n > 31) {
            errs.push(m::year_end_too_long());
        }
    }
    if let Some(d) = o.extra_open.first() {
        errs.at = Some(d.span());
        let d = d.get_ref().0;
        errs.push(m::extra_open(d));
    }
    Office {
        closed_weekdays,
        closed_on_holidays: o.closed_on_national_holidays,
        year_end,
        extra_closed: o.extra_closed.iter().map(|d| d.get_ref().0).collect(),
        local: Vec::new(),
    }
}

/// `[holiday_law]`: the current wording took effect after both rules it words.
fn holiday_law(errs: &mut Problems, hl: &Spanned<HolidayLawDecl>) -> HolidayLaw {
    errs.at = Some(hl.span());
    let hl = hl.get_ref();
    let law = HolidayLaw {
        substitute_from: hl.substitute_from,
        citizens_from: hl.citizens_from,
        current_wording_from: hl.current_wording_from,
    };
    if law.current_wording_from < law.substitute_from
        || law.current_wording_from < law.citizens_from
    {
        errs.push(m::law_order());
    }
    law
}

/// The `i`th `[[holiday]]`: named in both languages, a day that exists, years in order.
fn check_holiday(errs: &mut Problems, i: usize, h: &Spanned<HolidayDecl>) {
    errs.at = Some(h.span());
    let h = h.get_ref();
    // Named only when there is something to report: this runs on every load.
    let what = || per_lang(|lang| m::holiday_at(i + 1, h.name.get(lang)));
    check_name(errs, what, &h.name);
    match h.rule {
        RuleDecl::Fixed { month, day } => {
            check_month_day(errs, what, MonthDay { month, day });
        }
        RuleDecl::NthMonday { month, n } => {
            if !(1..=12).contains(&month) {
                errs.push(nest(&what(), |w| m::month_range(w, month)));
            }
            if !(1..=5).contains(&n) {
                errs.push(nest(&what(), |w| m::nth_range(w, n)));
            }
        }
        RuleDecl::Equinox(_) => {}
    }
    if let Some(to) = h.to {
        if to < h.from {
            errs.push(nest(&what(), |w| m::to_before_from(w, to, h.from)));
        }
    }
    for y in &h.except_years {
        if !(*y >= h.from && h.to.is_none_or(|to| *y <= to)) {
            errs.push(nest(&what(), |w| m::except_outside(w, y)));
        }
    }
}

/// `[[one_off]]` holidays by date, each date once.
fn one_offs(errs: &mut Problems, list: &[Spanned<OneOffDecl>]) -> BTreeMap<NaiveDate, Name> {
    let mut one_offs = BTreeMap::new();
    for o in list {
        errs.at = Some(o.span());
        let o = o.get_ref();
        check_name(errs, || m::one_off_at(o.date), &o.name);
        if one_offs.insert(o.date, name(&o.name)).is_some() {
            errs.push(m::one_off_twice(o.date));
        }
    }
    one_offs
}

/// The almanac's equinox days by year: March and September of one year, each year once.
fn published_equinoxes(
    errs: &mut Problems,
    list: &[Spanned<PublishedEquinox>],
) -> BTreeMap<i32, (NaiveDate, NaiveDate)> {
    let mut published = BTreeMap::new();
    for p in list {
        errs.at = Some(p.span());
        let p = p.get_ref();
        let y = p.vernal.year();
        if p.autumnal.year() != y {
            errs.push(m::equinoxes_years(p.vernal, p.autumnal));
        }
        if p.vernal.month() != 3 {
            errs.push(m::vernal_not_march(p.vernal));
        }
        if p.autumnal.month() != 9 {
            errs.push(m::autumnal_not_september(p.autumnal));
        }
        if published.insert(y, (p.vernal, p.autumnal)).is_some() {
            errs.push(m::published_twice(y));
        }
    }
    published
}

/// A day number or rate in millionths, when it is finite and in a sane range (so that the
/// cast cannot saturate).
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    reason = "MICRO is exact as an f64, and x * MICRO is in range"
)]
fn micro(x: f64) -> Option<i64> {
    (x.is_finite() && (0.0..100.0).contains(&x)).then(|| (x * MICRO as f64).round() as i64)
}

/// The equinox formula's year ranges, in order, at least one, none overlapping.
fn equinox_formulas(errs: &mut Problems, list: &[Spanned<EquinoxFormula>]) -> Vec<Formula> {
    let mut formulas = Vec::new();
    let mut formula_spans = Vec::new();
    for (i, q) in list.iter().enumerate() {
        errs.at = Some(q.span());
        let span = q.span();
        let q = q.get_ref();
        let what = || m::formula_at(i + 1);
        if q.to < q.from {
            errs.push(nest(&what(), |w| m::to_before_from(w, q.to, q.from)));
        }
        match (micro(q.vernal), micro(q.autumnal)) {
            (Some(vernal), Some(autumnal)) => {
                formulas.push(Formula {
                    from: q.from,
                    to: q.to,
                    vernal,
                    autumnal,
                    leap_base: q.leap_base,
                });
                formula_spans.push((q.from, span));
            }
            _ => errs.push(nest(&what(), |w| m::formula_days(w))),
        }
    }
    formulas.sort_by_key(|q| q.from);
    errs.at = None;
    if formulas.is_empty() {
        errs.push(m::no_formula());
    }
    for w in formulas.windows(2) {
        errs.at = formula_spans
            .iter()
            .find(|(from, _)| *from == w[1].from)
            .map(|(_, s)| s.clone());
        if w[1].from <= w[0].to {
            errs.push(m::formulas_overlap(w[0].from, w[0].to, w[1].from, w[1].to));
        }
    }
    formulas
}

/// The searches for an open day are bounded; no run of extra closed days may defeat them.
fn check_closed_runs(errs: &mut Problems, cal: &Calendar, extra_closed: &[Spanned<Day>]) {
    for (d, at) in extra_closed.iter().map(|d| (&d.get_ref().0, d.span())) {
        errs.at = Some(at);
        if !cal.is_open(cal.next_open_on_or_after(*d))
            || !cal.is_open(cal.last_open_on_or_before(*d))
        {
            errs.push(m::closed_too_long(d, MAX_CLOSED_RUN));
        }
    }
}

fn month_day(m: MonthDayDecl) -> MonthDay {
    MonthDay {
        month: m.month,
        day: m.day,
    }
}

fn name(t: &Text) -> Name {
    Name {
        en: t.en.clone(),
        ja: t.ja.clone(),
    }
}

fn holiday_rule(h: &HolidayDecl) -> HolidayRule {
    let equinox = |k: EquinoxDecl| match k {
        EquinoxDecl::Vernal => EquinoxKind::Vernal,
        EquinoxDecl::Autumnal => EquinoxKind::Autumnal,
    };
    HolidayRule {
        name: name(&h.name),
        rule: match h.rule {
            RuleDecl::Fixed { month, day } => Rule::Fixed { month, day },
            RuleDecl::NthMonday { month, n } => Rule::NthMonday { month, n },
            RuleDecl::Equinox(k) => Rule::Equinox(equinox(k)),
        },
        from: h.from,
        to: h.to,
        except_years: h.except_years.clone(),
    }
}

/// `what` names the rule in the message; it is only called when there is an error.
fn check_month_day(errs: &mut Problems, what: impl Fn() -> Text, md: MonthDay) {
    if !md.is_valid() {
        let day = format!("{:02}-{:02}", md.month, md.day);
        errs.push(nest(&what(), |w| m::not_a_day(w, &day)));
    }
}

/// A value as written, quoted: `"sunday"` in English, 「sunday」 in Japanese.
fn quoted(s: &str) -> Text {
    Text::new(format!("{s:?}"), format!("「{s}」"))
}

fn check_name(errs: &mut Problems, what: impl Fn() -> Text, n: &Text) {
    if n.en.trim().is_empty() || n.ja.trim().is_empty() {
        errs.push(nest(&what(), |w| m::name_both(w)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Closure, Period, Unit, period_end, window_open};
    use chrono::Weekday;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    const DATA: &str = include_str!("../../data/calendar.toml");

    fn checked() -> &'static Checked {
        static CAL: OnceLock<Checked> = OnceLock::new();
        CAL.get_or_init(|| from_toml(DATA).unwrap())
    }

    fn cal() -> &'static Calendar {
        &checked().calendar
    }

    fn ymd(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    // ---- §2 and §3: office closures -----------------------------------------------------

    #[test]
    fn deadline_moved_to_next_open_day_section_2() {
        let c = cal();
        let rows = [
            ("2026-04-15", Weekday::Wed, None, "2026-04-15"),
            (
                "2026-05-06",
                Weekday::Wed,
                Some(Closure::Substitute),
                "2026-05-07",
            ),
            (
                "2026-09-22",
                Weekday::Tue,
                Some(Closure::Citizens),
                "2026-09-24",
            ),
            (
                "2027-01-03",
                Weekday::Sun,
                Some(Closure::YearEnd(YearEnd::DEFAULT)),
                "2027-01-04",
            ),
        ];
        for (d, wd, why, want) in rows {
            let d = ymd(d);
            assert_eq!(d.weekday(), wd, "{d}");
            assert_eq!(c.closure(d), why, "{d}");
            assert_eq!(c.next_open_on_or_after(d), ymd(want), "{d}");
        }
        assert_eq!(
            c.closure(ymd("2026-09-23")),
            Some(holiday("Autumnal Equinox Day", "秋分の日"))
        );
    }

    #[test]
    fn last_open_day_before_expiry_section_3() {
        let c = cal();
        let rows = [
            ("2026-05-03", "2026-05-01", Weekday::Fri),
            ("2026-12-31", "2026-12-28", Weekday::Mon),
            ("2027-03-31", "2027-03-31", Weekday::Wed),
        ];
        for (d, want, wd) in rows {
            assert_eq!(c.last_open_on_or_before(ymd(d)), ymd(want), "{d}");
            assert_eq!(ymd(want).weekday(), wd);
        }
        assert!(matches!(
            c.closure(ymd("2026-05-03")),
            Some(Closure::Holiday(_))
        ));
        assert_eq!(
            c.closure(ymd("2026-12-31")),
            Some(Closure::YearEnd(YearEnd::DEFAULT))
        );
    }

    // ---- holiday lists ------------------------------------------------------------------

    /// `want` lists `mm-dd` days separated by spaces; a trailing `s` marks a substitute
    /// holiday (art. 3(2)), a trailing `c` a citizens' holiday (art. 3(3)).
    fn check_year(year: i32, want: &str) {
        let got: Vec<String> = cal()
            .holidays_in_year(year)
            .into_iter()
            .map(|(d, c)| {
                let kind = match c {
                    Closure::Holiday(_) => "",
                    Closure::Substitute => "s",
                    Closure::Citizens => "c",
                    other => panic!("{d}: unexpected {other:?}"),
                };
                format!("{}{kind}", d.format("%m-%d"))
            })
            .collect();
        let want: Vec<&str> = want.split_whitespace().collect();
        assert_eq!(got, want, "holidays of {year}");
    }

    #[test]
    fn holidays_2025_2026_2027() {
        check_year(
            2025,
            "01-01 01-13 02-11 02-23 02-24s 03-20 04-29 05-03 05-04 05-05 05-06s \
             07-21 08-11 09-15 09-23 10-13 11-03 11-23 11-24s",
        );
        check_year(
            2026,
            "01-01 01-12 02-11 02-23 03-20 04-29 05-03 05-04 05-05 05-06s \
             07-20 08-11 09-21 09-22c 09-23 10-12 11-03 11-23",
        );
        check_year(
            2027,
            "01-01 01-11 02-11 02-23 03-21 03-22s 04-29 05-03 05-04 05-05 \
             07-19 08-11 09-20 09-23 10-11 11-03 11-23",
        );
    }

    #[test]
    fn holidays_2019_to_2024() {
        check_year(
            2019,
            "01-01 01-14 02-11 03-21 04-29 04-30c 05-01 05-02c 05-03 05-04 05-05 05-06s \
             07-15 08-11 08-12s 09-16 09-23 10-14 10-22 11-03 11-04s 11-23",
        );
        // Tokyo Olympics: Marine Day, Sports Day and Mountain Day moved (one-offs).
        check_year(
            2020,
            "01-01 01-13 02-11 02-23 02-24s 03-20 04-29 05-03 05-04 05-05 05-06s \
             07-23 07-24 08-10 09-21 09-22 11-03 11-23",
        );
        check_year(
            2021,
            "01-01 01-11 02-11 02-23 03-20 04-29 05-03 05-04 05-05 \
             07-22 07-23 08-08 08-09s 09-20 09-23 11-03 11-23",
        );
        check_year(
            2022,
            "01-01 01-10 02-11 02-23 03-21 04-29 05-03 05-04 05-05 \
             07-18 08-11 09-19 09-23 10-10 11-03 11-23",
        );
        check_year(
            2023,
            "01-01 01-02s 01-09 02-11 02-23 03-21 04-29 05-03 05-04 05-05 \
             07-17 08-11 09-18 09-23 10-09 11-03 11-23",
        );
        check_year(
            2024,
            "01-01 01-08 02-11 02-12s 02-23 03-20 04-29 05-03 05-04 05-05 05-06s \
             07-15 08-11 08-12s 09-16 09-22 09-23s 10-14 11-03 11-04s 11-23",
        );
    }

    #[test]
    fn history_of_articles_3_2_and_3_3() {
        let c = cal();
        let kind = |s: &str| c.holiday(ymd(s));
        // Art. 3(2) in force 1973-04-12: the first substitute holiday was 1973-04-30.
        assert_eq!(kind("1973-04-30"), Some(Closure::Substitute));
        assert_eq!(kind("1973-02-12"), None); // 02-11 was a Sunday, before art. 3(2)
        // Old wording: only the Monday. 1984-04-29 was a Sunday; nothing special.
        assert_eq!(kind("1984-04-30"), Some(Closure::Substitute));
        // Art. 3(3) in force 1985-12-27: the first citizens' holiday was 1988-05-04.
        assert_eq!(kind("1988-05-04"), Some(Closure::Citizens));
        assert_eq!(kind("1985-05-04"), None); // a Saturday, before art. 3(3)
        // Old wording: a Sunday was never a citizens' holiday (1997-05-04), and a substitute
        // holiday is not one either (1998-05-04: 05-03 was a Sunday).
        assert_eq!(kind("1997-05-04"), None);
        assert_eq!(kind("1998-05-04"), Some(Closure::Substitute));
        // A date the art. 2 list (not the later paragraphs) never makes a holiday.
        assert_eq!(kind("1992-05-06"), None);
        // Current wording: 2008-05-04 (Sun) → substitute on 05-06, after Children's Day.
        assert_eq!(kind("2008-05-06"), Some(Closure::Substitute));
        // The 2019 one-offs made 04-30 and 05-02 citizens' holidays.
        assert_eq!(kind("2019-04-30"), Some(Closure::Citizens));
        // Names change over the years.
        let name = |s: &str| match c.holiday(ymd(s)) {
            Some(Closure::Holiday(n)) => Some(n.ja),
            _ => None,
        };
        assert_eq!(name("1988-04-29").as_deref(), Some("天皇誕生日"));
        assert_eq!(name("2006-04-29").as_deref(), Some("みどりの日"));
        assert_eq!(name("2007-04-29").as_deref(), Some("昭和の日"));
        assert_eq!(name("2018-12-23").as_deref(), Some("天皇誕生日"));
        assert_eq!(name("2019-12-23"), None);
        assert_eq!(name("2019-10-14").as_deref(), Some("体育の日"));
        assert_eq!(name("1948-09-23").as_deref(), Some("秋分の日"));
        assert_eq!(name("1948-05-05"), None); // before the Act took effect on 1948-07-20
    }

    #[test]
    fn no_date_is_two_holidays() {
        let c = cal();
        let mut d = ymd("1948-01-01");
        while d.year() <= 2150 {
            let year = d.year();
            let h = &c.holidays;
            let mut hits = h
                .rules
                .iter()
                .filter(|r| r.in_force(year) && h.rule_matches(r.rule, d))
                .count();
            hits += usize::from(h.one_offs.contains_key(&d));
            assert!(hits <= 1, "{d} is given by {hits} entries");
            d = d.succ_opt().unwrap();
        }
    }

    // ---- equinoxes ----------------------------------------------------------------------

    #[test]
    fn equinox_formula_agrees_with_every_published_year() {
        let c = cal();
        assert!(
            c.holidays.published.contains_key(&2020) && c.holidays.published.contains_key(&2027)
        );
        for (year, (v, a)) in &c.holidays.published {
            assert_eq!(
                c.equinox_by_formula(*year, EquinoxKind::Vernal),
                Some(*v),
                "{year}"
            );
            assert_eq!(
                c.equinox_by_formula(*year, EquinoxKind::Autumnal),
                Some(*a),
                "{year}"
            );
        }
    }

    #[test]
    fn equinox_formula_known_years_and_ranges() {
        let c = cal();
        let rows = [
            (1900, "1900-03-21", "1900-09-23"),
            (1978, "1978-03-21", "1978-09-23"),
            (1979, "1979-03-21", "1979-09-24"),
            (1980, "1980-03-20", "1980-09-23"),
            (2028, "2028-03-20", "2028-09-22"),
            (2099, "2099-03-20", "2099-09-23"),
        ];
        for (y, v, a) in rows {
            assert_eq!(c.equinox_day(y, EquinoxKind::Vernal), Some(ymd(v)), "{y}");
            assert_eq!(c.equinox_day(y, EquinoxKind::Autumnal), Some(ymd(a)), "{y}");
        }
        // Extrapolated beyond the last range: still a date in the right month.
        for y in [1800, 2151, 2200] {
            assert_eq!(
                c.equinox_day(y, EquinoxKind::Vernal).map(|d| d.month()),
                Some(3)
            );
            assert_eq!(
                c.equinox_day(y, EquinoxKind::Autumnal).map(|d| d.month()),
                Some(9)
            );
        }
    }

    // ---- data file, overlays, descriptions --------------------------------------------

    #[test]
    fn sources_are_listed_and_checked() {
        let s = &checked().sources;
        assert!(s.len() >= 5);
        assert!(s.iter().all(|s| s.checked == ymd("2026-11-22")));
        assert!(s.iter().any(|s| s.url.contains("shukujitsu")));
        assert_eq!(checked().sources.len(), s.len());
    }

    /// A holiday of art. 2 with its names.
    fn holiday(en: &str, ja: &str) -> Closure {
        Closure::Holiday(crate::calendar::Name {
            en: en.into(),
            ja: ja.into(),
        })
    }

    #[test]
    fn closures_of_the_data() {
        let c = cal();
        assert_eq!(
            c.closure(ymd("2026-01-01")),
            Some(holiday("New Year's Day", "元日"))
        );
        assert_eq!(
            c.closure(ymd("2026-12-29")),
            Some(Closure::YearEnd(YearEnd::DEFAULT))
        );
        assert_eq!(
            c.closure(ymd("2026-04-18")),
            Some(Closure::Weekend(Weekday::Sat))
        );
        assert_eq!(
            c.closure(ymd("2026-04-19")),
            Some(Closure::Weekend(Weekday::Sun))
        );
    }

    fn with_office(office: &str) -> Result<Calendar, String> {
        let start = DATA.find("\n[office]\n").unwrap() + 1;
        let end = DATA.find("\n[holiday_law]\n").unwrap() + 1;
        let src = format!("{}{office}\n{}", &DATA[..start], &DATA[end..]);
        from_toml(&src).map(|c| c.calendar)
    }

    #[test]
    fn municipal_overlays() {
        let c = with_office(
            r#"[office]
closed_weekdays = ["sat", "sun"]
closed_on_national_holidays = true
year_end = { from = { month = 12, day = 29 }, to = { month = 1, day = 3 } }
extra_closed = [2026-04-15]
"#,
        )
        .unwrap();
        assert_eq!(c.closure(ymd("2026-04-15")), Some(Closure::Extra));
        assert_eq!(
            c.next_open_on_or_after(ymd("2026-04-15")),
            ymd("2026-04-16")
        );
        // A municipality's yearly closed day joins its own calendar only.
        let naha = c.with_local(&[crate::calendar::AnnualClosure {
            day: crate::calendar::MonthDay { month: 6, day: 23 },
            from: Some(1992),
            to: None,
            name: crate::calendar::Name {
                en: "Okinawa Memorial Day".into(),
                ja: "慰霊の日".into(),
            },
        }]);
        assert!(c.is_open(ymd("2027-06-23")));
        assert!(matches!(
            naha.closure(ymd("2027-06-23")),
            Some(Closure::Local(_))
        ));
        assert_eq!(
            naha.next_open_on_or_after(ymd("2027-06-23")),
            ymd("2027-06-24")
        );
        // On a Saturday it is a weekend first, and no substitute day follows.
        assert_eq!(
            naha.next_open_on_or_after(ymd("2029-06-23")),
            ymd("2029-06-25")
        );
        assert!(naha.is_open(ymd("2029-06-25")));
        assert!(naha.is_open(ymd("1991-06-24")) && naha.is_open(ymd("1991-06-21")));

        let no_year_end = with_office(
            "[office]\nclosed_weekdays = [\"sun\"]\nclosed_on_national_holidays = false\n",
        )
        .unwrap();
        assert!(no_year_end.is_open(ymd("2026-12-31")));
        assert!(no_year_end.is_open(ymd("2026-05-04")));
        assert!(no_year_end.is_open(ymd("2026-05-02")));
    }

    #[test]
    fn invalid_data_is_rejected_with_every_error() {
        let bad = with_office(
            r#"[office]
closed_weekdays = ["sat", "sun", "funday"]
closed_on_national_holidays = true
year_end = { from = { month = 13, day = 1 }, to = { month = 2, day = 30 } }
extra_closed = [2026-04-15]
extra_open = [2026-04-19]
"#,
        )
        .unwrap_err();
        assert!(bad.contains("funday"), "{bad}");
        assert!(bad.contains("13-01"), "{bad}");
        assert!(bad.contains("02-30"), "{bad}");
        // A Sunday opening would have made a deadline on that Sunday stop rolling forward.
        assert!(bad.contains("office.extra_open (2026-04-19)"), "{bad}");
        assert_eq!(bad.lines().count(), 4, "{bad}");

        let all = with_office(
            r#"[office]
closed_weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
closed_on_national_holidays = true
"#,
        )
        .unwrap_err();
        assert!(all.contains("never be open"), "{all}");

        let long = with_office(
            r"[office]
closed_weekdays = []
closed_on_national_holidays = true
year_end = { from = { month = 11, day = 1 }, to = { month = 1, day = 3 } }
",
        )
        .unwrap_err();
        assert!(long.contains("longer than 31 days"), "{long}");

        let unknown = with_office(
            "[office]\nclosed_weekdays = []\nclosed_on_national_holidays = true\nlunch = true\n",
        )
        .unwrap_err();
        assert!(unknown.contains("lunch"), "{unknown}");

        let replace = |from: &str, to: &str| {
            assert!(DATA.contains(from), "{from}");
            from_toml(&DATA.replacen(from, to, 1)).unwrap_err()
        };
        let e = replace("{ month = 1, n = 2 }", "{ month = 1, n = 6 }");
        assert!(e.contains("n must be 1 to 5"), "{e}");
        let e = replace("{ month = 1, day = 1 }", "{ month = 2, day = 30 }");
        assert!(e.contains("02-30"), "{e}");
        let e = replace("{ equinox = \"vernal\" }", "{ equinox = \"summer\" }");
        assert!(e.contains("summer"), "{e}");
        let e = replace(
            "{ fixed = { month = 1, day = 1 } }",
            "{ fixed = { month = 1, day = 1, year = 1 } }",
        );
        assert!(e.contains("year"), "{e}");
        let e = replace("checked = 2026-11-22", "checked = 2026-11-22T10:00:00");
        assert!(e.contains("expected a date"), "{e}");
        let e = replace("except_years = [2020, 2021]", "except_years = [1990]");
        assert!(e.contains("outside the years in force"), "{e}");
        let e = replace("vernal = 2026-03-20", "vernal = 2026-04-20");
        assert!(e.contains("not in March"), "{e}");
        let e = replace("from = 2100, to = 2150", "from = 2099, to = 2150");
        assert!(e.contains("overlap"), "{e}");
    }

    #[test]
    fn problems_are_worded_in_english_and_japanese() {
        let src = DATA
            .replacen(
                r#"closed_weekdays = ["sat", "sun"]"#,
                r#"closed_weekdays = ["sat", "sunday"]"#,
                1,
            )
            .replacen("{ month = 1, n = 2 }", "{ month = 13, n = 2 }", 1);
        let file: CalendarFile = toml::from_str(&src).unwrap();
        let problems = build(file).unwrap_err();
        let messages: Vec<&Text> = problems.iter().map(|p| &p.message).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert_eq!(
            messages[0].en,
            "office.closed_weekdays: unknown weekday \"sunday\" (use mon, tue, wed, thu, fri, sat, sun)"
        );
        assert_eq!(
            messages[0].ja,
            "`office.closed_weekdays`：「sunday」は曜日の名前ではありません。\
             `mon`、`tue`、`wed`、`thu`、`fri`、`sat`、`sun` のどれかを書いてください。"
        );
        // The holiday is named in each language.
        assert_eq!(
            messages[1].en,
            "holiday #3 (Coming of Age Day): month must be 1 to 12, found 13"
        );
        assert_eq!(
            messages[1].ja,
            "3番目の祝日「成人の日」：`month` は1から12までです。13 と書かれています。"
        );
    }

    // ---- properties ---------------------------------------------------------------------

    fn date_in(from: i32, to: i32) -> impl Strategy<Value = NaiveDate> {
        let start = NaiveDate::from_ymd_opt(from, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(to, 1, 1).unwrap();
        (0..(end - start).num_days()).prop_map(move |k| start + chrono::Duration::days(k))
    }

    fn any_unit() -> impl Strategy<Value = Unit> {
        prop_oneof![
            Just(Unit::Days),
            Just(Unit::Weeks),
            Just(Unit::Months),
            Just(Unit::Years)
        ]
    }

    proptest! {
        #[test]
        fn next_open_is_open_and_not_before(d in date_in(1900, 2200)) {
            let c = cal();
            let n = c.next_open_on_or_after(d);
            prop_assert!(n >= d);
            prop_assert!(c.is_open(n), "{} -> {}", d, n);
            prop_assert_eq!(n == d, c.is_open(d));
        }

        #[test]
        fn last_open_is_open_and_not_after(d in date_in(1900, 2200)) {
            let c = cal();
            let l = c.last_open_on_or_before(d);
            prop_assert!(l <= d);
            prop_assert!(c.is_open(l), "{} -> {}", d, l);
        }

        #[test]
        fn nothing_panics(d in date_in(1900, 2200), n in 0u32..5000, unit in any_unit(), first in any::<bool>()) {
            let c = cal();
            let _ = period_end(d, Period { n, unit, count_first_day: first });
            let _ = window_open(d, n, unit);
            let _ = c.closure(d);
            if let Some(Closure::Holiday(n)) = c.holiday(d) {
                prop_assert!(!n.en.is_empty() && !n.ja.is_empty());
            }
            let year = c.holidays_in_year(d.year());
            prop_assert!(year.iter().all(|(x, _)| x.year() == d.year()));
        }
    }
}
