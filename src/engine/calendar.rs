//! Dates the way Japanese law counts them.
//!
//! This module owns three things, and nothing else:
//!
//! 1. **Periods** (Civil Code arts. 140–143): [`period_end`] turns "within N days/weeks/months/
//!    years of D" into the last day of the period, and [`window_open`] turns "from N units
//!    before X" into the day a window opens.
//! 2. **National holidays** (Act on National Holidays, 国民の祝日に関する法律): the holidays of
//!    art. 2, the substitute holiday of art. 3(2) (振替休日) and the citizens' holiday of
//!    art. 3(3) (国民の休日), plus one-off holidays made by special laws.
//! 3. **The office calendar** (Local Autonomy Act art. 4-2): the days a municipal office is
//!    closed (weekends, national holidays, the year-end closure, per-municipality overlays),
//!    and the adjustment of a deadline to an open day.
//!
//! The rules are data: `data/calendar.toml`, parsed into a [`CalendarFile`] and validated by
//! [`Calendar::from_file`], which reports every problem at once. The code here only knows how
//! to apply a rule, never which holidays exist.
//!
//! The module is pure: no I/O, no clock, no terminal. "Today" is always an argument of the
//! caller (see `period-reckoning.md` §5). Every loop is bounded, so no input date can hang it,
//! and date overflow surfaces as `None` rather than a panic.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer};

// ============================================================================================
// Periods
// ============================================================================================

/// The unit a legal period is stated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Days,
    Weeks,
    Months,
    Years,
}

/// A legal period: "within `n` `unit`s".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub n: u32,
    pub unit: Unit,
    /// Count the event day itself as the first day. The Civil Code default (art. 140) is
    /// `false`; a few statutes say otherwise, e.g. the birth notice of Family Register Act
    /// art. 43 counts the day of birth.
    pub count_first_day: bool,
}

/// Last day of a period running from event day `d` (Civil Code arts. 140, 143;
/// `count_first_day` for e.g. Family Register Act art. 43). `None` only on date overflow.
///
/// The result is the *legal* last day; moving it off a closed day is
/// [`Calendar::next_open_on_or_after`]'s job (Local Autonomy Act art. 4-2).
///
/// A period of zero units ends the day before its first counted day.
pub fn period_end(d: NaiveDate, p: Period) -> Option<NaiveDate> {
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
pub fn window_open(x: NaiveDate, n: u32, unit: Unit) -> Option<NaiveDate> {
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

// ============================================================================================
// data/calendar.toml
// ============================================================================================

/// The parsed `data/calendar.toml`. See the comments at the top of that file for the schema;
/// [`Calendar::from_file`] gives it meaning and checks it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarFile {
    pub source: Vec<Source>,
    pub office: OfficeFile,
    pub holiday_law: HolidayLaw,
    pub holiday: Vec<HolidayRule>,
    #[serde(default)]
    pub one_off: Vec<OneOff>,
    pub equinox: EquinoxFile,
}

/// A bilingual name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Name {
    pub en: String,
    pub ja: String,
}

impl Name {
    pub fn get(&self, lang_ja: bool) -> &str {
        if lang_ja { &self.ja } else { &self.en }
    }
}

/// Where the data came from, and when someone last checked it against that source.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub url: String,
    pub title: String,
    #[serde(deserialize_with = "de_date")]
    pub checked: NaiveDate,
}

/// `[office]`: when the municipal office is closed (Local Autonomy Act art. 4-2(2)).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeFile {
    /// Three-letter lower-case English weekday names: "mon" … "sun".
    pub closed_weekdays: Vec<String>,
    pub closed_on_national_holidays: bool,
    #[serde(default)]
    pub year_end: Option<YearEnd>,
    #[serde(default, deserialize_with = "de_dates")]
    pub extra_closed: Vec<NaiveDate>,
    /// Wins over every other reason to be closed (e.g. a Saturday opening).
    #[serde(default, deserialize_with = "de_dates")]
    pub extra_open: Vec<NaiveDate>,
}

/// A month and day without a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

/// The year-end/new-year closure, inclusive at both ends; `from` after `to` wraps over
/// New Year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearEnd {
    pub from: MonthDay,
    pub to: MonthDay,
}

impl YearEnd {
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
    fn span_days(&self) -> Option<i64> {
        let a = NaiveDate::from_ymd_opt(2001, self.from.month, self.from.day)?;
        let b = NaiveDate::from_ymd_opt(2001, self.to.month, self.to.day)?;
        let span = (b - a).num_days();
        Some(if span >= 0 { span + 1 } else { span + 366 })
    }
}

/// `[holiday_law]`: when art. 3(2) and art. 3(3) of the Act on National Holidays took effect,
/// and when their current wording did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayLaw {
    /// Art. 3(2), substitute holiday: Sunday holidays on or after this date give one.
    #[serde(deserialize_with = "de_date")]
    pub substitute_from: NaiveDate,
    /// Art. 3(3), citizens' holiday: days on or after this date can be one.
    #[serde(deserialize_with = "de_date")]
    pub citizens_from: NaiveDate,
    /// Before this date (Act No. 43 of 2005): the substitute holiday is only the day after a
    /// Sunday holiday, and a Sunday or a substitute holiday is never a citizens' holiday.
    #[serde(deserialize_with = "de_date")]
    pub current_wording_from: NaiveDate,
}

/// `[[holiday]]`: one holiday of art. 2, in force from `from` to `to` (inclusive years),
/// except in `except_years`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayRule {
    pub name: Name,
    pub rule: Rule,
    pub from: i32,
    #[serde(default)]
    pub to: Option<i32>,
    #[serde(default)]
    pub except_years: Vec<i32>,
}

impl HolidayRule {
    fn in_force(&self, year: i32) -> bool {
        year >= self.from
            && self.to.is_none_or(|to| year <= to)
            && !self.except_years.contains(&year)
    }
}

/// How a holiday's date is found in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// The same date every year.
    Fixed { month: u32, day: u32 },
    /// The `n`-th Monday of the month (the "Happy Monday" amendments, in force from 2000
    /// and 2003).
    NthMonday { month: u32, n: u32 },
    /// The equinox day (春分日 / 秋分日) of the year.
    Equinox(EquinoxKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EquinoxKind {
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

/// `[[one_off]]`: a date made a holiday by a special law, or a holiday moved for one year.
/// It counts as a national holiday for art. 3(2) and 3(3).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OneOff {
    #[serde(deserialize_with = "de_date")]
    pub date: NaiveDate,
    pub name: Name,
}

/// `[equinox]`: published equinox days, and the formula for the other years.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EquinoxFile {
    pub published: Vec<PublishedEquinox>,
    pub rate: f64,
    pub epoch: i32,
    pub formula: Vec<EquinoxFormula>,
}

/// One year of the almanac.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedEquinox {
    #[serde(deserialize_with = "de_date")]
    pub vernal: NaiveDate,
    #[serde(deserialize_with = "de_date")]
    pub autumnal: NaiveDate,
}

/// `day = trunc(C + rate × (year − epoch) − trunc((year − leap_base) / 4))`, for years
/// `from..=to`, with C = `vernal` (March) or `autumnal` (September).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EquinoxFormula {
    pub from: i32,
    pub to: i32,
    pub vernal: f64,
    pub autumnal: f64,
    pub leap_base: i32,
}

/// TOML local dates only: a date with a time or an offset is an error, not silently truncated.
fn toml_date(dt: &toml::value::Datetime) -> Result<NaiveDate, String> {
    match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                .ok_or_else(|| format!("{dt} is not a calendar date"))
        }
        _ => Err(format!("expected a date such as 2026-11-22, found {dt}")),
    }
}

fn de_date<'de, D: Deserializer<'de>>(de: D) -> Result<NaiveDate, D::Error> {
    let dt = toml::value::Datetime::deserialize(de)?;
    toml_date(&dt).map_err(serde::de::Error::custom)
}

fn de_dates<'de, D: Deserializer<'de>>(de: D) -> Result<Vec<NaiveDate>, D::Error> {
    Vec::<toml::value::Datetime>::deserialize(de)?
        .iter()
        .map(|dt| toml_date(dt).map_err(serde::de::Error::custom))
        .collect()
}

// ============================================================================================
// The calendar
// ============================================================================================

/// Why the office is closed on a day, or which holiday a day is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Closure {
    /// A weekday the office is closed on every week (Saturday and Sunday by default).
    Weekend(Weekday),
    /// A national holiday of art. 2 or a one-off holiday, with its name.
    Holiday(Name),
    /// Art. 3(2): 振替休日.
    Substitute,
    /// Art. 3(3): 国民の休日.
    Citizens,
    /// The year-end/new-year closure (Local Autonomy Act art. 4-2(2)(iii)).
    YearEnd,
    /// A day the municipality closes on top of the rest.
    Extra,
}

impl Closure {
    /// A short phrase for a printed plan. `YearEnd` is described with the statutory default
    /// range; [`Calendar::describe`] uses the configured one.
    pub fn describe(&self, lang_ja: bool) -> String {
        match self {
            Closure::Weekend(w) => weekday_name(*w, lang_ja).to_string(),
            Closure::Holiday(name) => name.get(lang_ja).to_string(),
            Closure::Substitute => pick(lang_ja, "substitute holiday", "振替休日").to_string(),
            Closure::Citizens => pick(lang_ja, "citizens' holiday", "国民の休日").to_string(),
            Closure::YearEnd => year_end_text(
                &YearEnd {
                    from: MonthDay { month: 12, day: 29 },
                    to: MonthDay { month: 1, day: 3 },
                },
                lang_ja,
            ),
            Closure::Extra => {
                pick(lang_ja, "closed by the municipality", "市区町村の閉庁日").to_string()
            }
        }
    }
}

impl fmt::Display for Closure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(false))
    }
}

fn pick<'a>(lang_ja: bool, en: &'a str, ja: &'a str) -> &'a str {
    if lang_ja { ja } else { en }
}

fn weekday_name(w: Weekday, lang_ja: bool) -> &'static str {
    let (en, ja) = match w {
        Weekday::Mon => ("Monday", "月曜日"),
        Weekday::Tue => ("Tuesday", "火曜日"),
        Weekday::Wed => ("Wednesday", "水曜日"),
        Weekday::Thu => ("Thursday", "木曜日"),
        Weekday::Fri => ("Friday", "金曜日"),
        Weekday::Sat => ("Saturday", "土曜日"),
        Weekday::Sun => ("Sunday", "日曜日"),
    };
    pick(lang_ja, en, ja)
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn year_end_text(y: &YearEnd, lang_ja: bool) -> String {
    if lang_ja {
        format!(
            "年末年始({}月{}日〜{}月{}日)",
            y.from.month, y.from.day, y.to.month, y.to.day
        )
    } else {
        let mon = |m: u32| {
            MONTHS_EN
                .get(m.wrapping_sub(1) as usize)
                .copied()
                .unwrap_or("?")
        };
        format!(
            "year-end closure ({} {} – {} {})",
            y.from.day,
            mon(y.from.month),
            y.to.day,
            mon(y.to.month)
        )
    }
}

fn parse_weekday(s: &str) -> Option<Weekday> {
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

/// How far [`Calendar::next_open_on_or_after`] and [`Calendar::last_open_on_or_before`] look
/// before giving up. Real closures last at most about ten days (Golden Week, New Year).
pub const MAX_CLOSED_RUN: u64 = 60;

/// An equinox formula in millionths, so the result does not depend on float rounding.
#[derive(Debug, Clone, Copy)]
struct Formula {
    from: i32,
    to: i32,
    vernal: i64,
    autumnal: i64,
    leap_base: i32,
}

const MICRO: i64 = 1_000_000;

/// The validated office calendar and holiday rules. Build it with [`Calendar::from_toml`] or
/// [`Calendar::from_file`]; every query is then infallible.
#[derive(Debug, Clone)]
pub struct Calendar {
    rules: Vec<HolidayRule>,
    one_offs: BTreeMap<NaiveDate, Name>,
    law: HolidayLaw,
    /// Year → (vernal day, autumnal day), as published.
    published: BTreeMap<i32, (NaiveDate, NaiveDate)>,
    /// Sorted by `from`, non-overlapping, never empty.
    formulas: Vec<Formula>,
    rate: i64,
    epoch: i32,
    closed_weekdays: [bool; 7],
    closed_on_holidays: bool,
    year_end: Option<YearEnd>,
    extra_closed: BTreeSet<NaiveDate>,
    extra_open: BTreeSet<NaiveDate>,
    sources: Vec<Source>,
}

impl Calendar {
    /// Parse and validate TOML text.
    pub fn from_toml(src: &str) -> Result<Calendar, String> {
        let file: CalendarFile = toml::from_str(src).map_err(|e| format!("calendar data: {e}"))?;
        Calendar::from_file(file)
    }

    /// Validate the parsed file, reporting every problem at once (one per line).
    pub fn from_file(f: CalendarFile) -> Result<Calendar, String> {
        let mut errs: Vec<String> = Vec::new();

        if f.source.is_empty() {
            errs.push("at least one [[source]] is required".into());
        }
        for (i, s) in f.source.iter().enumerate() {
            if !s.url.starts_with("https://") && !s.url.starts_with("http://") {
                errs.push(format!(
                    "source #{}: url {:?} is not an http(s) URL",
                    i + 1,
                    s.url
                ));
            }
            if s.title.trim().is_empty() {
                errs.push(format!("source #{}: title is empty", i + 1));
            }
        }

        // Office.
        let mut closed_weekdays = [false; 7];
        for w in &f.office.closed_weekdays {
            match parse_weekday(w) {
                Some(wd) => {
                    let slot = &mut closed_weekdays[wd.num_days_from_monday() as usize];
                    if *slot {
                        errs.push(format!("office.closed_weekdays: {w:?} is listed twice"));
                    }
                    *slot = true;
                }
                None => errs.push(format!(
                    "office.closed_weekdays: unknown weekday {w:?} (use mon, tue, wed, thu, fri, sat, sun)"
                )),
            }
        }
        if closed_weekdays.iter().all(|c| *c) {
            errs.push("office.closed_weekdays: the office would never be open".into());
        }
        if let Some(ye) = &f.office.year_end {
            check_month_day(&mut errs, || "office.year_end.from".into(), ye.from);
            check_month_day(&mut errs, || "office.year_end.to".into(), ye.to);
            if ye.span_days().is_some_and(|n| n > 31) {
                errs.push(
                    "office.year_end: a closure longer than 31 days is not a year-end closure"
                        .into(),
                );
            }
        }
        let extra_closed: BTreeSet<NaiveDate> = f.office.extra_closed.iter().copied().collect();
        let extra_open: BTreeSet<NaiveDate> = f.office.extra_open.iter().copied().collect();
        for d in extra_closed.intersection(&extra_open) {
            errs.push(format!(
                "office: {d} is in both extra_closed and extra_open"
            ));
        }

        // Holiday law.
        let law = f.holiday_law;
        if law.current_wording_from < law.substitute_from
            || law.current_wording_from < law.citizens_from
        {
            errs.push("holiday_law: current_wording_from must not be before substitute_from and citizens_from".into());
        }

        // Holidays.
        for (i, h) in f.holiday.iter().enumerate() {
            // Named only when there is something to report: this runs on every load.
            let what = || format!("holiday #{} ({})", i + 1, h.name.en);
            check_name(&mut errs, what, &h.name);
            match h.rule {
                Rule::Fixed { month, day } => {
                    check_month_day(&mut errs, what, MonthDay { month, day });
                }
                Rule::NthMonday { month, n } => {
                    if !(1..=12).contains(&month) {
                        errs.push(format!("{}: month must be 1 to 12, found {month}", what()));
                    }
                    if !(1..=5).contains(&n) {
                        errs.push(format!("{}: n must be 1 to 5, found {n}", what()));
                    }
                }
                Rule::Equinox(_) => {}
            }
            if let Some(to) = h.to {
                if to < h.from {
                    errs.push(format!("{}: to ({to}) is before from ({})", what(), h.from));
                }
            }
            for y in &h.except_years {
                if !(*y >= h.from && h.to.is_none_or(|to| *y <= to)) {
                    errs.push(format!(
                        "{}: except_years has {y}, outside the years in force",
                        what()
                    ));
                }
            }
        }
        let mut one_offs = BTreeMap::new();
        for o in &f.one_off {
            check_name(&mut errs, || format!("one_off {}", o.date), &o.name);
            if one_offs.insert(o.date, o.name.clone()).is_some() {
                errs.push(format!("one_off: {} is listed twice", o.date));
            }
        }

        // Equinoxes.
        let mut published = BTreeMap::new();
        for p in &f.equinox.published {
            let y = p.vernal.year();
            if p.autumnal.year() != y {
                errs.push(format!(
                    "equinox.published: {} and {} are not in the same year",
                    p.vernal, p.autumnal
                ));
            }
            if p.vernal.month() != 3 {
                errs.push(format!(
                    "equinox.published: vernal equinox {} is not in March",
                    p.vernal
                ));
            }
            if p.autumnal.month() != 9 {
                errs.push(format!(
                    "equinox.published: autumnal equinox {} is not in September",
                    p.autumnal
                ));
            }
            if published.insert(y, (p.vernal, p.autumnal)).is_some() {
                errs.push(format!("equinox.published: {y} is listed twice"));
            }
        }
        let micro = |x: f64| -> Option<i64> {
            // Finite and in a sane range, so the cast below cannot saturate.
            (x.is_finite() && (0.0..100.0).contains(&x)).then(|| (x * MICRO as f64).round() as i64)
        };
        let rate = micro(f.equinox.rate).filter(|r| *r > 0 && *r < MICRO);
        if rate.is_none() {
            errs.push(format!(
                "equinox.rate must be between 0 and 1, found {}",
                f.equinox.rate
            ));
        }
        let mut formulas = Vec::new();
        for (i, q) in f.equinox.formula.iter().enumerate() {
            let what = format!("equinox.formula #{}", i + 1);
            if q.to < q.from {
                errs.push(format!("{what}: to ({}) is before from ({})", q.to, q.from));
            }
            match (micro(q.vernal), micro(q.autumnal)) {
                (Some(vernal), Some(autumnal)) => formulas.push(Formula {
                    from: q.from,
                    to: q.to,
                    vernal,
                    autumnal,
                    leap_base: q.leap_base,
                }),
                _ => errs.push(format!(
                    "{what}: vernal and autumnal must be day numbers between 0 and 100"
                )),
            }
        }
        formulas.sort_by_key(|q| q.from);
        if formulas.is_empty() {
            errs.push("equinox.formula: at least one range is required".into());
        }
        for w in formulas.windows(2) {
            if w[1].from <= w[0].to {
                errs.push(format!(
                    "equinox.formula: ranges {}–{} and {}–{} overlap",
                    w[0].from, w[0].to, w[1].from, w[1].to
                ));
            }
        }

        if !errs.is_empty() {
            return Err(errs.join("\n"));
        }
        let cal = Calendar {
            rules: f.holiday,
            one_offs,
            law,
            published,
            formulas,
            rate: rate.unwrap_or_default(),
            epoch: f.equinox.epoch,
            closed_weekdays,
            closed_on_holidays: f.office.closed_on_national_holidays,
            year_end: f.office.year_end,
            extra_closed,
            extra_open,
            sources: f.source,
        };

        // The searches for an open day are bounded; make sure no overlay defeats them.
        for d in &cal.extra_closed {
            if !cal.is_open(cal.next_open_on_or_after(*d))
                || !cal.is_open(cal.last_open_on_or_before(*d))
            {
                errs.push(format!(
                    "office.extra_closed: around {d} the office is closed for more than {MAX_CLOSED_RUN} days"
                ));
            }
        }
        if errs.is_empty() {
            Ok(cal)
        } else {
            Err(errs.join("\n"))
        }
    }

    /// The sources the data cites.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

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

    fn rule_matches(&self, rule: Rule, d: NaiveDate) -> bool {
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
    pub fn equinox_day(&self, year: i32, kind: EquinoxKind) -> Option<NaiveDate> {
        match self.published.get(&year) {
            Some((v, a)) => Some(if kind == EquinoxKind::Vernal { *v } else { *a }),
            None => self.equinox_by_formula(year, kind),
        }
    }

    /// The equinox day of `year` by the approximation formula alone. Years outside every
    /// range use the nearest range.
    pub fn equinox_by_formula(&self, year: i32, kind: EquinoxKind) -> Option<NaiveDate> {
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

    /// National holiday incl. substitute and citizens' holidays, `None` otherwise.
    pub fn holiday(&self, d: NaiveDate) -> Option<Closure> {
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

    /// Why the office is closed on `d`, `None` if it is open. `extra_open` wins; otherwise the
    /// most specific reason is given: a holiday, then the year-end closure, then the weekday,
    /// then an extra closure.
    pub fn closure(&self, d: NaiveDate) -> Option<Closure> {
        if self.extra_open.contains(&d) {
            return None;
        }
        if self.closed_on_holidays {
            if let Some(h) = self.holiday(d) {
                return Some(h);
            }
        }
        if self.year_end.is_some_and(|y| y.contains(d)) {
            return Some(Closure::YearEnd);
        }
        let wd = d.weekday();
        if self.closed_weekdays[wd.num_days_from_monday() as usize] {
            return Some(Closure::Weekend(wd));
        }
        if self.extra_closed.contains(&d) {
            return Some(Closure::Extra);
        }
        None
    }

    pub fn is_open(&self, d: NaiveDate) -> bool {
        self.closure(d).is_none()
    }

    /// Local Autonomy Act art. 4-2(4): a filing deadline set by a period in a statute that
    /// falls on a day the office is closed moves to the day after the closure, i.e. the next
    /// day it is open (compare Civil Code art. 142). Looks at most [`MAX_CLOSED_RUN`] days ahead and
    /// then returns the date it reached (also at the end of chrono's date range); validation
    /// in [`Calendar::from_file`] keeps that from happening with real data.
    pub fn next_open_on_or_after(&self, d: NaiveDate) -> NaiveDate {
        self.search(d, NaiveDate::succ_opt)
    }

    /// The last day the office is open on or before `d`: for acting before an expiry, on a
    /// stated date, or "by the day before" (period-reckoning.md §3; these are not periods, so
    /// art. 4-2(4) does not move them forward). Bounded like
    /// [`Calendar::next_open_on_or_after`].
    pub fn last_open_on_or_before(&self, d: NaiveDate) -> NaiveDate {
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
    pub fn holidays_in_year(&self, year: i32) -> Vec<(NaiveDate, Closure)> {
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

    /// Like [`Closure::describe`], with the year-end range this calendar is configured with.
    pub fn describe(&self, c: &Closure, lang_ja: bool) -> String {
        match (c, &self.year_end) {
            (Closure::YearEnd, Some(y)) => year_end_text(y, lang_ja),
            _ => c.describe(lang_ja),
        }
    }
}

/// `what` names the rule in the message; it is only called when there is an error.
fn check_month_day(errs: &mut Vec<String>, what: impl Fn() -> String, md: MonthDay) {
    // 2000 is a leap year: 02-29 is accepted and simply has no date in other years.
    if NaiveDate::from_ymd_opt(2000, md.month, md.day).is_none() {
        errs.push(format!(
            "{}: {:02}-{:02} is not a day of the year",
            what(),
            md.month,
            md.day
        ));
    }
}

fn check_name(errs: &mut Vec<String>, what: impl Fn() -> String, n: &Name) {
    if n.en.trim().is_empty() || n.ja.trim().is_empty() {
        errs.push(format!("{}: name needs both en and ja", what()));
    }
}

// ============================================================================================
// Tests
// ============================================================================================

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    const DATA: &str = include_str!("../../data/calendar.toml");

    fn cal() -> &'static Calendar {
        static CAL: OnceLock<Calendar> = OnceLock::new();
        CAL.get_or_init(|| Calendar::from_toml(DATA).unwrap())
    }

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

    // ---- §1 periods --------------------------------------------------------------------

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
                Some(Closure::YearEnd),
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
            c.closure(ymd("2026-09-23")).unwrap().describe(false),
            "Autumnal Equinox Day"
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
        assert_eq!(c.closure(ymd("2026-12-31")), Some(Closure::YearEnd));
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
        let name = |s: &str| c.holiday(ymd(s)).map(|h| h.describe(true));
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
            let mut hits = c
                .rules
                .iter()
                .filter(|r| r.in_force(year) && c.rule_matches(r.rule, d))
                .count();
            hits += usize::from(c.one_offs.contains_key(&d));
            assert!(hits <= 1, "{d} is given by {hits} entries");
            d = d.succ_opt().unwrap();
        }
    }

    // ---- equinoxes ----------------------------------------------------------------------

    #[test]
    fn equinox_formula_agrees_with_every_published_year() {
        let c = cal();
        assert!(c.published.contains_key(&2020) && c.published.contains_key(&2027));
        for (year, (v, a)) in &c.published {
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
        let s = cal().sources();
        assert!(s.len() >= 5);
        assert!(s.iter().all(|s| s.checked == ymd("2026-11-22")));
        assert!(s.iter().any(|s| s.url.contains("shukujitsu")));
        assert_eq!(cal().sources().len(), s.len());
    }

    #[test]
    fn descriptions() {
        let c = cal();
        let rows: [(Closure, &str, &str); 6] = [
            (Closure::Weekend(Weekday::Sat), "Saturday", "土曜日"),
            (Closure::Substitute, "substitute holiday", "振替休日"),
            (Closure::Citizens, "citizens' holiday", "国民の休日"),
            (
                Closure::YearEnd,
                "year-end closure (29 Dec – 3 Jan)",
                "年末年始(12月29日〜1月3日)",
            ),
            (
                Closure::Extra,
                "closed by the municipality",
                "市区町村の閉庁日",
            ),
            (
                c.closure(ymd("2026-01-01")).unwrap(),
                "New Year's Day",
                "元日",
            ),
        ];
        for (cl, en, ja) in rows {
            assert_eq!(cl.describe(false), en);
            assert_eq!(cl.describe(true), ja);
            assert_eq!(c.describe(&cl, false), en);
            assert_eq!(cl.to_string(), en);
        }
        assert_eq!(
            c.closure(ymd("2026-04-19")),
            Some(Closure::Weekend(Weekday::Sun))
        );
    }

    fn with_office(office: &str) -> Result<Calendar, String> {
        let start = DATA.find("\n[office]\n").unwrap() + 1;
        let end = DATA.find("\n[holiday_law]\n").unwrap() + 1;
        let src = format!("{}{office}\n{}", &DATA[..start], &DATA[end..]);
        Calendar::from_toml(&src)
    }

    #[test]
    fn municipal_overlays() {
        let c = with_office(
            r#"[office]
closed_weekdays = ["sat", "sun"]
closed_on_national_holidays = true
year_end = { from = { month = 12, day = 29 }, to = { month = 1, day = 3 } }
extra_closed = [2026-04-15]
extra_open = [2026-04-18, 2026-05-03]
"#,
        )
        .unwrap();
        assert_eq!(c.closure(ymd("2026-04-15")), Some(Closure::Extra));
        assert_eq!(
            c.next_open_on_or_after(ymd("2026-04-15")),
            ymd("2026-04-16")
        );
        assert!(c.is_open(ymd("2026-04-18"))); // a Saturday opening
        assert!(c.is_open(ymd("2026-05-03"))); // extra_open wins over a holiday
        // The holiday itself is unchanged.
        assert!(c.holiday(ymd("2026-05-03")).is_some());

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
extra_open = [2026-04-15]
"#,
        )
        .unwrap_err();
        assert!(bad.contains("funday"), "{bad}");
        assert!(bad.contains("13-01"), "{bad}");
        assert!(bad.contains("02-30"), "{bad}");
        assert!(bad.contains("both extra_closed and extra_open"), "{bad}");
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
            r#"[office]
closed_weekdays = []
closed_on_national_holidays = true
year_end = { from = { month = 11, day = 1 }, to = { month = 1, day = 3 } }
"#,
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
            Calendar::from_toml(&DATA.replacen(from, to, 1)).unwrap_err()
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
            if let Some(h) = c.holiday(d) {
                prop_assert!(!h.describe(true).is_empty());
            }
            let year = c.holidays_in_year(d.year());
            prop_assert!(year.iter().all(|(x, _)| x.year() == d.year()));
        }
    }
}
