//! Municipal overlays: `data/municipalities/<code>.toml`, one file per municipality.
//!
//! A file has two parts that are never mixed:
//!
//! - `[legal]`: closed days the municipality's ordinance adds to Saturdays, Sundays, national
//!   holidays and the year-end days (Local Autonomy Act art. 4-2(3)). They join the office
//!   calendar of the people registered there, and so move their deadlines (art. 4-2(4)).
//! - `[practical]`: counters, weekend and evening windows, reservations, counter application
//!   with the card mailed. Advice on when and where to go, shown with "check with your office"
//!   and the date it was checked; it never moves a deadline.
//!
//! This module reads and checks the files and answers questions about them (which overlay a
//! name or code means, which windows open on a day). It does not decide what to show: the
//! engine and the renderers do.

use std::ops::Range;

use super::span::Spanned;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

use super::Kb;
use super::diag::Diagnostic;
use super::model::StepIx;
use super::schema::{Name, Source, TomlDate};
use super::text::{Lang, Text, per_lang};
use crate::calendar::{AnnualClosure, MonthDay};
use crate::kb::messages::overlay as m;

/// How long a practical entry may go unchecked before `kb check` warns: schedules change
/// about yearly, specific dates monthly.
pub(crate) const PRACTICAL_STALE_DAYS: i64 = 90;
/// How long a legal entry may go unchecked before `kb check` warns.
pub(crate) const LEGAL_STALE_DAYS: i64 = 365;

// ---------------------------------------------------------------- the file format

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MunicipalityFile {
    /// The 6-digit local government code (全国地方公共団体コード), check digit included.
    pub(crate) code: Spanned<String>,
    pub(crate) name: Text,
    pub(crate) prefecture: Text,
    /// Other names the `municipality` answer accepts ("Naha City", "那覇").
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    pub(crate) legal: Option<LegalPart>,
    pub(crate) practical: Option<PracticalPart>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LegalPart {
    #[serde(default)]
    pub(crate) closed: Vec<ClosedDecl>,
    #[serde(default, rename = "source")]
    pub(crate) sources: Vec<Source>,
}

/// A yearly closed day by ordinance.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClosedDecl {
    pub(crate) month: Spanned<u32>,
    pub(crate) day: u32,
    /// First and last years (inclusive) the ordinance makes it a closed day.
    pub(crate) from: Option<i32>,
    pub(crate) to: Option<i32>,
    pub(crate) name: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PracticalPart {
    #[serde(default, rename = "counter")]
    pub(crate) counters: Vec<CounterDecl>,
    #[serde(default, rename = "window")]
    pub(crate) windows: Vec<WindowDecl>,
    #[serde(default, rename = "source")]
    pub(crate) sources: Vec<Source>,
}

/// Where a procedure is done.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CounterDecl {
    pub(crate) name: Text,
    /// The steps it handles (ids from `steps/*.toml`).
    pub(crate) steps: Vec<Name>,
    /// Apply here and the card is mailed (申請時来庁方式).
    #[serde(default)]
    pub(crate) card_mailed: bool,
    pub(crate) note: Option<Text>,
}

/// A chance to visit outside weekday office hours (a Saturday or Sunday opening, evening hours).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WindowDecl {
    pub(crate) name: Text,
    pub(crate) rule: Spanned<RuleDecl>,
    pub(crate) hours: Text,
    pub(crate) steps: Vec<Name>,
    pub(crate) reservation: Option<Spanned<Reservation>>,
    pub(crate) valid_from: Option<TomlDate>,
    /// When the entry must be looked at again; `kb check` fails after it.
    pub(crate) expires: TomlDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum RuleDecl {
    /// Every week on this weekday ("fri").
    Weekly(String),
    /// The nth weekdays of every month (4th Sunday; 2nd and 4th Saturday).
    Monthly { weekday: String, nth: Vec<u32> },
    /// Announced dates.
    Dates(Vec<super::schema::Datetime>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Reservation {
    /// The city says a reservation is required.
    Required,
    /// The city says no reservation is needed.
    NotRequired,
}

// ---------------------------------------------------------------- the checked model

/// A municipality with an overlay, as checked.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Municipality {
    pub code: String,
    pub(crate) name: Text,
    pub(crate) prefecture: Text,
    pub(crate) aliases: Vec<String>,
    /// The file it came from (index into `Kb::files`).
    pub(crate) file: usize,
    pub(crate) closed: Vec<AnnualClosure>,
    pub(crate) legal_sources: Vec<Source>,
    pub(crate) counters: Vec<Counter>,
    pub(crate) windows: Vec<Window>,
    pub(crate) practical_sources: Vec<Source>,
    /// The office calendar with `closed` added, built on first use.
    #[serde(skip)]
    calendar: std::sync::OnceLock<crate::calendar::Calendar>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Counter {
    pub(crate) name: Text,
    /// The steps it handles (every variant of each id listed).
    pub(crate) steps: Vec<StepIx>,
    pub(crate) card_mailed: bool,
    pub(crate) note: Option<Text>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Window {
    pub(crate) name: Text,
    pub(crate) rule: Rule,
    pub(crate) hours: Text,
    /// The steps it handles (every variant of each id listed).
    pub(crate) steps: Vec<StepIx>,
    pub(crate) reservation: Option<Reservation>,
    pub(crate) valid_from: Option<NaiveDate>,
    pub(crate) expires: NaiveDate,
    /// Where `expires` is written, for `kb check`.
    expires_span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Rule {
    Weekly(Weekday),
    Monthly { weekday: Weekday, nth: Vec<u32> },
    Dates(Vec<NaiveDate>),
}

impl Rule {
    pub(crate) fn occurs_on(&self, d: NaiveDate) -> bool {
        match self {
            Rule::Weekly(w) => d.weekday() == *w,
            Rule::Monthly { weekday, nth } => {
                d.weekday() == *weekday && nth.contains(&((d.day() - 1) / 7 + 1))
            }
            Rule::Dates(ds) => ds.contains(&d),
        }
    }
}

impl Window {
    /// The window is held on `d` and the entry is in force that day (it never is after
    /// `expires`: an entry nobody rechecked is not offered).
    pub(crate) fn on(&self, d: NaiveDate) -> bool {
        d <= self.expires && self.valid_from.is_none_or(|f| d >= f) && self.rule.occurs_on(d)
    }
    pub(crate) fn handles(&self, step: StepIx) -> bool {
        self.steps.contains(&step)
    }
}

impl Counter {
    pub(crate) fn handles(&self, step: StepIx) -> bool {
        self.steps.contains(&step)
    }
}

impl Municipality {
    /// The latest date a practical source was checked on.
    pub(crate) fn practical_checked(&self) -> Option<NaiveDate> {
        self.practical_sources
            .iter()
            .filter_map(|s| crate::dates::from_toml(s.checked.get_ref()).ok())
            .max()
    }
    /// "Naha (那覇市), 472018" style label in one language.
    pub(crate) fn label(&self, ja: bool) -> String {
        if ja {
            format!("{}（{}）", self.name.ja, self.code)
        } else {
            format!("{} ({})", self.name.en, self.code)
        }
    }
}

// ---------------------------------------------------------------- codes

/// The check digit of a 5-digit local government code (JIS X 0402): weights 6, 5, 4, 3, 2,
/// sum mod 11, then 11 minus the remainder, keeping its last digit (so a remainder of 0 gives
/// 1 and a remainder of 1 gives 0).
pub(crate) fn check_digit(five: &str) -> Option<u32> {
    let digits: Vec<u32> = five
        .chars()
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()?;
    if digits.len() != 5 {
        return None;
    }
    let sum: u32 = digits.iter().zip([6, 5, 4, 3, 2]).map(|(d, w)| d * w).sum();
    Some((11 - sum % 11) % 10)
}

/// Checks a 6-digit code; the error says what is wrong.
pub(crate) fn check_code(code: &str) -> Result<(), Text> {
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(m::code_not_digits(code));
    }
    let (five, last) = code.split_at(5);
    let want = check_digit(five).unwrap_or(10);
    if last.chars().next().and_then(|c| c.to_digit(10)) != Some(want) {
        return Err(m::code_check_digit(code, want, five));
    }
    if &code[..2] == "00" || code[..2].parse::<u32>().is_ok_and(|p| p > 47) {
        return Err(m::code_prefecture(code));
    }
    Ok(())
}

// ---------------------------------------------------------------- reading

/// Checks one file and builds its model. `file_name` is the name shown in messages and must
/// end in `<code>.toml`; step ids are checked against `kb`.
pub(super) fn build(
    kb: &Kb,
    file: usize,
    f: MunicipalityFile,
    out: &mut Vec<Diagnostic>,
) -> Option<Municipality> {
    let before = out.len();
    let mut ck = Overlay {
        kb,
        name: kb.file_name(file).to_string(),
        code_span: f.code.span(),
        out,
    };
    let code = f.code.get_ref().clone();
    ck.code(&code);
    ck.text(&f.name, "name", f.code.span());
    ck.text(&f.prefecture, "prefecture", f.code.span());
    let (closed, legal_sources) = match f.legal {
        Some(legal) => {
            let closed = legal.closed.into_iter().map(|c| ck.closed(c)).collect();
            ck.sources(&legal.sources, "legal", true);
            (closed, legal.sources)
        }
        None => (Vec::new(), Vec::new()),
    };
    let (mut counters, mut windows, mut practical_sources) = (Vec::new(), Vec::new(), Vec::new());
    if let Some(p) = f.practical {
        counters = p.counters.into_iter().map(|c| ck.counter(c)).collect();
        windows = p.windows.into_iter().filter_map(|w| ck.window(w)).collect();
        let needed = !(counters.is_empty() && windows.is_empty());
        ck.sources(&p.sources, "practical", needed);
        practical_sources = p.sources;
    }
    if out.len() > before {
        return None;
    }
    Some(Municipality {
        code,
        name: f.name,
        prefecture: f.prefecture,
        aliases: f.aliases,
        file,
        closed,
        legal_sources,
        counters,
        windows,
        practical_sources,
        calendar: std::sync::OnceLock::new(),
    })
}

/// One overlay file being checked: where its problems are reported.
struct Overlay<'a> {
    kb: &'a Kb,
    /// The file's name, in messages.
    name: String,
    /// Where its code is written: the place for problems of the whole file.
    code_span: Range<usize>,
    out: &'a mut Vec<Diagnostic>,
}

impl Overlay<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<Text>) {
        self.out
            .push(Diagnostic::error(&self.name, Some(span), message));
    }

    /// A valid code, and the file named after it.
    fn code(&mut self, code: &str) {
        let span = Some(self.code_span.clone());
        if let Err(problem) = check_code(code) {
            self.out
                .push(Diagnostic::error(&self.name, span, problem).with_help(m::code_list_help()));
        } else if !self.name.ends_with(&format!("{code}.toml")) {
            self.out.push(
                Diagnostic::error(&self.name, span, m::file_name_mismatch(code))
                    .with_help(m::file_name_help(code)),
            );
        }
    }

    fn text(&mut self, t: &Text, what: &str, span: Range<usize>) {
        for lang in [Lang::En, Lang::Ja] {
            if t.get(lang).trim().is_empty() {
                let message = match lang {
                    Lang::En => m::no_english_text(what),
                    Lang::Ja => m::no_japanese_text(what),
                };
                self.out.push(
                    Diagnostic::error(&self.name, Some(span.clone()), message)
                        .with_help(m::bilingual_help()),
                );
            }
        }
    }

    /// The steps a counter or window handles: at least one, each known (every variant of it).
    /// `none` is the problem of an empty list (it names the counter or window).
    fn steps(&mut self, steps: &[Name], none: fn() -> Text) -> Vec<StepIx> {
        if steps.is_empty() {
            self.error(self.code_span.clone(), none());
        }
        let kb = self.kb;
        let mut found = Vec::new();
        for s in steps {
            if kb.step(s.get_ref()).is_none() {
                let mut d =
                    Diagnostic::error(&self.name, Some(s.span()), m::unknown_step(s.get_ref()));
                let ids = kb.steps.iter().map(|st| st.decl.id.get_ref().as_str());
                if let Some(h) = Kb::suggest(s.get_ref(), ids) {
                    d = d.with_help(m::did_you_mean(h));
                }
                self.out.push(d);
            }
            let same = kb
                .steps
                .iter()
                .filter(|st| st.decl.id.get_ref() == s.get_ref());
            found.extend(same.map(|st| st.ix));
        }
        found
    }

    /// A part's sources (required when the part says something), each with a plain date.
    fn sources(&mut self, sources: &[Source], part: &str, needed: bool) {
        if needed && sources.is_empty() {
            self.out.push(
                Diagnostic::error(&self.name, Some(self.code_span.clone()), m::no_source(part))
                    .with_help(m::no_source_help(part)),
            );
        }
        for s in sources {
            if crate::dates::from_toml(s.checked.get_ref()).ok().is_none() {
                self.error(s.checked.span(), m::checked_not_a_date());
            }
        }
    }

    /// A yearly closed day by ordinance: a day of the year, its years in order.
    fn closed(&mut self, c: ClosedDecl) -> AnnualClosure {
        let day = MonthDay {
            month: *c.month.get_ref(),
            day: c.day,
        };
        if !day.is_valid() {
            let msg = m::not_a_day_of_year(format!("{:02}-{:02}", day.month, day.day));
            self.error(c.month.span(), msg);
        }
        if let (Some(a), Some(b)) = (c.from, c.to) {
            if a > b {
                self.error(c.month.span(), m::from_after_to(a, b));
            }
        }
        self.text(&c.name, "legal.closed.name", c.month.span());
        AnnualClosure {
            day,
            from: c.from,
            to: c.to,
            name: crate::calendar::Name {
                en: c.name.en,
                ja: c.name.ja,
            },
        }
    }

    fn counter(&mut self, c: CounterDecl) -> Counter {
        self.text(&c.name, "practical.counter.name", self.code_span.clone());
        if let Some(n) = &c.note {
            self.text(n, "practical.counter.note", self.code_span.clone());
        }
        Counter {
            steps: self.steps(&c.steps, m::counter_no_steps),
            name: c.name,
            card_mailed: c.card_mailed,
            note: c.note,
        }
    }

    /// A window: its rule, texts, steps and dates; `None` when its rule or expiry is wrong.
    fn window(&mut self, w: WindowDecl) -> Option<Window> {
        let rule_span = w.rule.span();
        let rule = self.rule(w.rule.into_inner(), &rule_span);
        self.text(&w.name, "practical.window.name", rule_span.clone());
        self.text(&w.hours, "practical.window.hours", rule_span);
        let steps = self.steps(&w.steps, m::window_no_steps);
        let expires = crate::dates::from_toml(w.expires.get_ref()).ok();
        let valid_from = w
            .valid_from
            .as_ref()
            .map(|v| (crate::dates::from_toml(v.get_ref()).ok(), v.span()));
        if expires.is_none() {
            self.error(w.expires.span(), m::expires_not_a_date());
        }
        if let Some((None, span)) = &valid_from {
            self.error(span.clone(), m::valid_from_not_a_date());
        }
        if let (Some((Some(f), span)), Some(e)) = (&valid_from, expires) {
            if *f > e {
                self.error(span.clone(), m::valid_from_after_expires(f, e));
            }
        }
        Some(Window {
            name: w.name,
            rule: rule?,
            hours: w.hours,
            steps,
            reservation: w.reservation.map(|r| *r.get_ref()),
            valid_from: valid_from.and_then(|(d, _)| d),
            expires: expires?,
            expires_span: w.expires.span(),
        })
    }

    /// When a window is open: weekly, some weekdays of each month, or announced dates.
    fn rule(&mut self, rule: RuleDecl, span: &Range<usize>) -> Option<Rule> {
        match rule {
            RuleDecl::Weekly(wd) => weekday(self.out, &self.name, span, &wd).map(Rule::Weekly),
            RuleDecl::Monthly { weekday: wd, nth } => {
                if nth.is_empty() || nth.iter().any(|n| !(1..=5).contains(n)) {
                    self.error(span.clone(), m::nth_out_of_range());
                }
                weekday(self.out, &self.name, span, &wd)
                    .map(|weekday| Rule::Monthly { weekday, nth })
            }
            RuleDecl::Dates(ds) => {
                let parsed: Vec<NaiveDate> = ds
                    .iter()
                    .filter_map(|d| crate::dates::from_toml(d).ok())
                    .collect();
                if parsed.len() != ds.len() || parsed.is_empty() {
                    self.error(span.clone(), m::dates_not_dates());
                }
                Some(Rule::Dates(parsed))
            }
        }
    }
}

fn weekday(out: &mut Vec<Diagnostic>, file: &str, span: &Range<usize>, s: &str) -> Option<Weekday> {
    let w = crate::calendar::office::parse_weekday(s);
    if w.is_none() {
        out.push(
            Diagnostic::error(file, Some(span.clone()), m::unknown_weekday(s))
                .with_help(m::weekday_help()),
        );
    }
    w
}

/// Two overlays for one code, or two that answer to the same name.
pub(super) fn check_all(kb: &Kb, out: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::BTreeMap<String, &Municipality> =
        std::collections::BTreeMap::new();
    for muni in &kb.municipalities {
        for n in names_of(muni) {
            if let Some(other) = seen.insert(normalize(&n), muni) {
                if other.code != muni.code {
                    out.push(Diagnostic::error(
                        kb.file_name(muni.file),
                        None,
                        m::name_used_twice(&n, &other.code, &muni.code),
                    ));
                }
            }
        }
    }
    let mut codes = std::collections::BTreeSet::new();
    for muni in &kb.municipalities {
        if !codes.insert(&muni.code) {
            out.push(Diagnostic::error(
                kb.file_name(muni.file),
                None,
                m::second_overlay(&muni.code),
            ));
        }
    }
}

/// The checks that depend on today: an expired window fails `kb check` (nobody rechecked it,
/// and it is no longer offered); a practical source older than 90 days or a legal one older
/// than a year is a warning.
pub(super) fn lint(kb: &Kb, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    for muni in &kb.municipalities {
        let file = kb.file_name(muni.file);
        for w in &muni.windows {
            if w.expires < today {
                out.push(
                    Diagnostic::error(
                        file,
                        Some(w.expires_span.clone()),
                        per_lang(|lang| m::window_expired(w.name.get(lang), w.expires)),
                    )
                    .with_help(m::window_expired_help()),
                );
            }
        }
        for (sources, limit, part) in [
            (&muni.practical_sources, PRACTICAL_STALE_DAYS, "practical"),
            (&muni.legal_sources, LEGAL_STALE_DAYS, "legal"),
        ] {
            for s in sources {
                let Some(c) = crate::dates::from_toml(s.checked.get_ref()).ok() else {
                    continue;
                };
                if (today - c).num_days() > limit {
                    out.push(
                        Diagnostic::warning(
                            file,
                            Some(s.checked.span()),
                            m::source_stale(part, &s.title, c, limit, today),
                        )
                        .with_help(m::source_stale_help()),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------- naming a municipality

fn normalize(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

fn names_of(m: &Municipality) -> Vec<String> {
    let mut v = vec![m.name.en.clone(), m.name.ja.clone()];
    v.extend(m.aliases.iter().cloned());
    v
}

/// What a `municipality` answer means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A code with an overlay.
    Overlay(String),
    /// A valid code without one: the national calendar applies, nothing local is shown.
    NoOverlay(String),
}

impl Resolved {
    pub(crate) fn code(&self) -> &str {
        match self {
            Resolved::Overlay(c) | Resolved::NoOverlay(c) => c,
        }
    }
}

impl Kb {
    pub(crate) fn municipality(&self, code: &str) -> Option<&Municipality> {
        self.municipalities.iter().find(|m| m.code == code)
    }

    /// The fact that names the person's municipality (the one of type `municipality`).
    pub(crate) fn municipality_fact(&self) -> Option<&str> {
        self.facts
            .iter()
            .find(|f| *f.ty.get_ref() == super::schema::FactType::Municipality)
            .map(|f| f.name.get_ref().as_str())
    }

    /// The office calendar of a municipality: the national one plus the closed days its
    /// ordinance adds (built once per municipality). The national one for everyone else.
    pub(crate) fn calendar_of(&self, code: Option<&str>) -> &crate::calendar::Calendar {
        match code.and_then(|c| self.municipality(c)) {
            Some(m) if !m.closed.is_empty() => m
                .calendar
                .get_or_init(|| self.calendar.with_local(&m.closed)),
            _ => &self.calendar,
        }
    }

    /// A `municipality` answer: a 6-digit code (check digit validated; 5 digits get theirs
    /// added) or a name of a municipality with an overlay. The error says what was expected,
    /// with "did you mean" for a near name.
    pub(crate) fn resolve_municipality(&self, input: &str) -> Result<Resolved, Text> {
        let s = input.trim();
        let ascii: String = s
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                _ => c,
            })
            .collect();
        if !ascii.is_empty() && ascii.chars().all(|c| c.is_ascii_digit()) {
            let code = if ascii.len() == 5 {
                match check_digit(&ascii) {
                    Some(d) => format!("{ascii}{d}"),
                    None => ascii.clone(),
                }
            } else {
                ascii.clone()
            };
            check_code(&code)?;
            if self.municipality(&code).is_some() {
                return Ok(Resolved::Overlay(code));
            }
            // A ward of a designated city (not Tokyo's special wards, which are municipalities):
            // its city's overlay is what applies, and the ward code does not say which city.
            let ward = &code[..2] != "13" && code.as_bytes()[2] == b'1' && &code[3..5] != "00";
            if ward {
                let cities: Vec<&Municipality> = self
                    .municipalities
                    .iter()
                    .filter(|m| m.code[..2] == code[..2] && m.code.as_bytes()[2] == b'1')
                    .collect();
                return Err(per_lang(|lang| {
                    let hint = if cities.is_empty() {
                        String::new()
                    } else {
                        let labels: Vec<String> =
                            cities.iter().map(|c| c.label(lang == Lang::Ja)).collect();
                        let or = m::or();
                        m::ward_hint(labels.join(or.get(lang)))
                            .get(lang)
                            .to_string()
                    };
                    m::ward_code(&code, hint)
                }));
            }
            return Ok(Resolved::NoOverlay(code));
        }
        let key = normalize(s);
        for m in &self.municipalities {
            if names_of(m).iter().any(|n| normalize(n) == key) {
                return Ok(Resolved::Overlay(m.code.clone()));
            }
        }
        let all: Vec<String> = self.municipalities.iter().flat_map(names_of).collect();
        let normalized: Vec<String> = all.iter().map(|n| normalize(n)).collect();
        let near = Kb::suggest(&key, normalized.iter().map(String::as_str))
            .and_then(|n| normalized.iter().position(|x| *x == n))
            .and_then(|i| all.get(i))
            .and_then(|n| self.municipalities.iter().find(|m| names_of(m).contains(n)));
        Err(per_lang(|lang| {
            let hint = near
                .map(|city| {
                    m::municipality_hint(city.label(lang == Lang::Ja))
                        .get(lang)
                        .to_string()
                })
                .unwrap_or_default();
            m::unknown_municipality(s, hint)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_of_known_codes() {
        // Codes as the Ministry of Internal Affairs lists them.
        for code in [
            "271004", "141003", "231002", "261009", "281000", "141305", "401307", "131041",
            "131237", "112038", "472018", "341002", "011002", "131016",
        ] {
            assert_eq!(check_code(code), Ok(()), "{code}");
        }
        // Remainder 0 gives 1, remainder 1 gives 0.
        assert_eq!(check_digit("13000"), Some(1));
        assert!(check_code("472019").unwrap_err().en.contains("should be 8"));
        assert!(check_code("47201").is_err());
        assert!(check_code("4720１8").is_err());
        assert!(check_code("990001").unwrap_err().en.contains("01 to 47"));
    }

    #[test]
    fn a_municipality_is_named_by_code_or_name() {
        let kb = Kb::embedded().unwrap_or_else(|e| panic!("{}", e.render()));
        let code = |s: &str| {
            kb.resolve_municipality(s)
                .map(|r| r.code().to_string())
                .map_err(|t| t.en)
        };
        for name in [
            "Naha",
            "那覇市",
            "naha city",
            "Naha-shi",
            "472018",
            "47201",
            "４７２０１８",
        ] {
            assert_eq!(code(name), Ok("472018".to_string()), "{name}");
        }
        assert_eq!(
            kb.resolve_municipality("472018"),
            Ok(Resolved::Overlay("472018".into()))
        );
        // A valid code without an overlay: accepted, the national calendar applies.
        assert_eq!(
            kb.resolve_municipality("131016"),
            Ok(Resolved::NoOverlay("131016".into()))
        );
        assert!(
            code("Nahaa")
                .unwrap_err()
                .contains("did you mean Naha (472018)?")
        );
        assert!(code("472019").unwrap_err().contains("should be 8"));
        // Osaka's Kita Ward: the city's overlay applies, so the city is asked for.
        let ward = code("271276").unwrap_err();
        assert!(ward.contains("did you mean Osaka (271004)?"), "{ward}");
        assert!(
            code("Atlantis")
                .unwrap_err()
                .contains("6-digit local government code")
        );
        // Only Naha and Hiroshima add closed days; everyone else shares the national calendar.
        assert!(std::ptr::eq(
            kb.calendar_of(Some("271004")),
            &raw const kb.calendar
        ));
        assert!(std::ptr::eq(kb.calendar_of(None), &raw const kb.calendar));
        let naha = kb.calendar_of(Some("472018"));
        let d = NaiveDate::from_ymd_opt(2027, 6, 23).unwrap();
        assert!(!naha.is_open(d) && kb.calendar.is_open(d));
    }

    /// The embedded knowledge base with one more overlay file, loaded as of `today`.
    fn with_overlay(name: &str, text: &str, today: &str) -> Vec<Diagnostic> {
        let mut files = Kb::embedded()
            .unwrap_or_else(|e| panic!("{}", e.render()))
            .files;
        files.push(crate::kb::SourceFile {
            name: name.to_string(),
            text: text.to_string().into(),
        });
        let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").ok();
        match Kb::from_files_at(files, "data/", today) {
            Ok(kb) => kb.warnings,
            Err(e) => e.diagnostics,
        }
    }

    /// The diagnostic whose English message is `en`.
    fn find<'d>(ds: &'d [Diagnostic], en: &str) -> &'d Diagnostic {
        ds.iter()
            .find(|d| d.message.en == en)
            .unwrap_or_else(|| panic!("{en:?} not in {ds:#?}"))
    }

    #[test]
    fn an_overlay_s_problems_are_told_in_both_languages() {
        let src = r#"
code = "472019"
name = { en = "", ja = "架空市" }
prefecture = { en = "Okinawa", ja = "沖縄県" }

[legal]
[[legal.closed]]
month = 2
day = 30
name = { en = "No day", ja = "ない日" }

[practical]
[[practical.window]]
name = { en = "Sunday opening", ja = "日曜開庁" }
rule = { weekly = "sunday" }
hours = { en = "9:00-12:00", ja = "9時～12時" }
steps = ["residence.registr"]
expires = 2027-03-31
"#;
        let ds = with_overlay("data/municipalities/472019.toml", src, "2026-11-22");
        let d = find(
            &ds,
            "472019 is not a valid local government code: its check digit should be 8 (472018)",
        );
        assert_eq!(
            d.message.ja,
            "472019は正しい地方公共団体コードではありません。検査数字は8のはずです（472018）。"
        );
        assert!(
            d.help
                .as_ref()
                .is_some_and(|h| h.ja.starts_with("地方公共団体コードの一覧は総務省"))
        );
        let d = find(&ds, "`name` has no English text");
        assert_eq!(d.message.ja, "`name` に英語の文がありません。");
        let d = find(&ds, "02-30 is not a day of the year");
        assert_eq!(d.message.ja, "02-30 という月日はありません。");
        let d = find(&ds, "unknown weekday “sunday”");
        assert_eq!(d.message.ja, "「sunday」という曜日はありません。");
        let d = find(&ds, "unknown step `residence.registr`");
        assert_eq!(
            d.message.ja,
            "「residence.registr」という手続はありません。"
        );
        let help = d.help.as_deref().map(|h| (h.en.as_str(), h.ja.as_str()));
        assert_eq!(
            help,
            Some((
                "did you mean `residence.register`?",
                "「residence.register」のことですか？"
            ))
        );
        let d = find(&ds, "[legal] cites no source");
        assert_eq!(d.message.ja, "`[legal]` に出典がありません。");

        // An expired window names it in each language.
        let src = r#"
code = "271004"
name = { en = "Osaka", ja = "大阪市" }
prefecture = { en = "Osaka", ja = "大阪府" }

[practical]
[[practical.window]]
name = { en = "4th-Sunday opening", ja = "第4日曜日の開庁" }
rule = { monthly = { weekday = "sun", nth = [4] } }
hours = { en = "9:00-17:30", ja = "9時～17時30分" }
steps = ["residence.register"]
expires = 2026-10-31

[[practical.source]]
url = "https://example.org/osaka-sunday"
title = "大阪市 日曜開庁"
checked = 2026-11-22
"#;
        // Osaka has a shipped overlay: this file is a second one, under another name.
        let ds = with_overlay("data/municipalities/x/271004.toml", src, "2026-11-22");
        let d = find(&ds, "the window “4th-Sunday opening” expired on 2026-10-31");
        assert_eq!(
            d.message.ja,
            "時間外・休日窓口「第4日曜日の開庁」は2026-10-31で期限が切れています。"
        );
        let d = find(&ds, "a second overlay for 271004");
        assert_eq!(d.message.ja, "271004の市区町村の設定が二つあります。");

        // Another municipality answering to Naha's name.
        let src = "code = \"131016\"\nname = { en = \"Naha\", ja = \"千代田区\" }\nprefecture = { en = \"Tokyo\", ja = \"東京都\" }\n";
        let ds = with_overlay("data/municipalities/131016.toml", src, "2026-11-22");
        let d = find(&ds, "the name “Naha” is used by 131016 and 472018");
        assert_eq!(
            d.message.ja,
            "「Naha」という名前が131016と472018の両方で使われています。"
        );
    }

    #[test]
    fn naming_a_municipality_is_answered_in_both_languages() {
        let kb = Kb::embedded().unwrap_or_else(|e| panic!("{}", e.render()));
        let e = kb.resolve_municipality("Atlantis").unwrap_err();
        assert_eq!(
            e.en,
            "no municipality named “Atlantis” is known: give its 6-digit local government code (e.g. 131041 for Shinjuku), or one of the names `mynumber kb municipalities` lists"
        );
        assert_eq!(
            e.ja,
            "「Atlantis」という市区町村は見つかりません。6桁の地方公共団体コード（例：新宿区は131041）か、`mynumber kb municipalities` に出ている名前で指定してください。"
        );
        let e = kb.resolve_municipality("271276").unwrap_err();
        assert_eq!(
            e.en,
            "271276 is the code of a ward of a designated city: give the city's name or code (did you mean Osaka (271004)?)"
        );
        assert_eq!(
            e.ja,
            "271276は政令指定都市の区のコードです。市の名前かコードを指定してください。大阪市（271004）のことですか？"
        );
        // A ward of a city without an overlay: no hint.
        let e = kb.resolve_municipality("011011").unwrap_err();
        assert!(e.en.ends_with("give the city's name or code"), "{}", e.en);
        assert!(e.ja.ends_with("指定してください。"), "{}", e.ja);
    }

    #[test]
    fn rules() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let fourth_sunday = Rule::Monthly {
            weekday: Weekday::Sun,
            nth: vec![4],
        };
        assert!(fourth_sunday.occurs_on(d("2027-01-24")));
        assert!(!fourth_sunday.occurs_on(d("2027-01-31")));
        assert!(!fourth_sunday.occurs_on(d("2027-01-17")));
        let sat = Rule::Monthly {
            weekday: Weekday::Sat,
            nth: vec![2, 4],
        };
        assert!(sat.occurs_on(d("2027-01-09")) && sat.occurs_on(d("2027-01-23")));
        assert!(!sat.occurs_on(d("2027-01-16")) && !sat.occurs_on(d("2027-01-30")));
        assert!(Rule::Weekly(Weekday::Fri).occurs_on(d("2027-01-22")));
    }
}
