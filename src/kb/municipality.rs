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
use super::text::Text;
use crate::calendar::{AnnualClosure, MonthDay};

/// How long a practical entry may go unchecked before `kb check` warns: schedules change
/// about yearly, specific dates monthly.
pub(crate) const PRACTICAL_STALE_DAYS: i64 = 90;
/// How long a legal entry may go unchecked before `kb check` warns.
pub(crate) const LEGAL_STALE_DAYS: i64 = 365;

// ---------------------------------------------------------------- the file format

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
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

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LegalPart {
    #[serde(default)]
    pub(crate) closed: Vec<ClosedDecl>,
    #[serde(default, rename = "source")]
    pub(crate) sources: Vec<Source>,
}

/// A yearly closed day by ordinance.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClosedDecl {
    pub(crate) month: Spanned<u32>,
    pub(crate) day: u32,
    /// First and last years (inclusive) the ordinance makes it a closed day.
    pub(crate) from: Option<i32>,
    pub(crate) to: Option<i32>,
    pub(crate) name: Text,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
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
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
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
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
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
        return Err(Text::new(
            format!(
                "“{code}” is not a local government code: expected 6 digits (5 digits and a check digit), e.g. 472018 for Naha"
            ),
            format!(
                "「{code}」は地方公共団体コードではありません。6桁（5桁と検査数字）で指定してください。例：那覇市は472018"
            ),
        ));
    }
    let (five, last) = code.split_at(5);
    let want = check_digit(five).unwrap_or(10);
    if last.chars().next().and_then(|c| c.to_digit(10)) != Some(want) {
        return Err(Text::new(
            format!(
                "{code} is not a valid local government code: its check digit should be {want} ({five}{want})"
            ),
            format!(
                "{code}は正しい地方公共団体コードではありません。検査数字は{want}のはずです（{five}{want}）。"
            ),
        ));
    }
    if &code[..2] == "00" || code[..2].parse::<u32>().is_ok_and(|p| p > 47) {
        return Err(Text::new(
            format!(
                "{code} is not a local government code: the first two digits are a prefecture, 01 to 47"
            ),
            format!(
                "{code}は地方公共団体コードではありません。最初の2桁は都道府県（01〜47）です。"
            ),
        ));
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
        if let Err(m) = check_code(code) {
            self.out.push(Diagnostic::error(&self.name, span, m.en).with_help(
                "the Ministry of Internal Affairs lists the codes: https://www.soumu.go.jp/denshijiti/code.html",
            ));
        } else if !self.name.ends_with(&format!("{code}.toml")) {
            self.out.push(
                Diagnostic::error(
                    &self.name,
                    span,
                    format!("this file is for {code}, but its name says otherwise"),
                )
                .with_help(format!("name the file municipalities/{code}.toml")),
            );
        }
    }

    fn text(&mut self, t: &Text, what: &str, span: Range<usize>) {
        for (lang, s) in [("English", &t.en), ("Japanese", &t.ja)] {
            if s.trim().is_empty() {
                self.out.push(
                    Diagnostic::error(
                        &self.name,
                        Some(span.clone()),
                        format!("`{what}` has no {lang} text"),
                    )
                    .with_help("every text is bilingual: { en = \"…\", ja = \"…\" }"),
                );
            }
        }
    }

    /// The steps a counter or window handles: at least one, each known (every variant of it).
    fn steps(&mut self, steps: &[Name], what: &str) -> Vec<StepIx> {
        if steps.is_empty() {
            self.error(self.code_span.clone(), format!("a {what} lists no steps"));
        }
        let kb = self.kb;
        let mut found = Vec::new();
        for s in steps {
            if kb.step(s.get_ref()).is_none() {
                let mut d = Diagnostic::error(
                    &self.name,
                    Some(s.span()),
                    format!("unknown step `{}`", s.get_ref()),
                );
                let ids = kb.steps.iter().map(|st| st.decl.id.get_ref().as_str());
                if let Some(h) = Kb::suggest(s.get_ref(), ids) {
                    d = d.with_help(format!("did you mean `{h}`?"));
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
                Diagnostic::error(&self.name, Some(self.code_span.clone()), format!("[{part}] cites no source"))
                    .with_help(format!("add [[{part}.source]] with url, title and checked: the city's page or ordinance you read")),
            );
        }
        for s in sources {
            if crate::dates::from_toml(s.checked.get_ref()).ok().is_none() {
                self.error(s.checked.span(), "`checked` must be a date like 2026-12-02");
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
            let msg = format!("{:02}-{:02} is not a day of the year", day.month, day.day);
            self.error(c.month.span(), msg);
        }
        if let (Some(a), Some(b)) = (c.from, c.to) {
            if a > b {
                self.error(c.month.span(), format!("`from` ({a}) is after `to` ({b})"));
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
            steps: self.steps(&c.steps, "counter"),
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
        let steps = self.steps(&w.steps, "window");
        let expires = crate::dates::from_toml(w.expires.get_ref()).ok();
        let valid_from = w
            .valid_from
            .as_ref()
            .map(|v| (crate::dates::from_toml(v.get_ref()).ok(), v.span()));
        if expires.is_none() {
            self.error(w.expires.span(), "`expires` must be a date like 2027-03-31");
        }
        if let Some((None, span)) = &valid_from {
            self.error(span.clone(), "`valid_from` must be a date like 2026-04-01");
        }
        if let (Some((Some(f), span)), Some(e)) = (&valid_from, expires) {
            if *f > e {
                let msg = format!("`valid_from` ({f}) is after `expires` ({e})");
                self.error(span.clone(), msg);
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
                    let msg = "`nth` lists which weekdays of the month, 1 to 5 (e.g. [2, 4])";
                    self.error(span.clone(), msg);
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
                    self.error(span.clone(), "`dates` lists dates like 2027-01-24");
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
            Diagnostic::error(file, Some(span.clone()), format!("unknown weekday “{s}”"))
                .with_help("weekdays are written mon, tue, wed, thu, fri, sat, sun"),
        );
    }
    w
}

/// Two overlays for one code, or two that answer to the same name.
pub(super) fn check_all(kb: &Kb, out: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::BTreeMap<String, &Municipality> =
        std::collections::BTreeMap::new();
    for m in &kb.municipalities {
        for n in names_of(m) {
            if let Some(other) = seen.insert(normalize(&n), m) {
                if other.code != m.code {
                    out.push(Diagnostic::error(
                        kb.file_name(m.file),
                        None,
                        format!("the name “{n}” is used by {} and {}", other.code, m.code),
                    ));
                }
            }
        }
    }
    let mut codes = std::collections::BTreeSet::new();
    for m in &kb.municipalities {
        if !codes.insert(&m.code) {
            out.push(Diagnostic::error(
                kb.file_name(m.file),
                None,
                format!("a second overlay for {}", m.code),
            ));
        }
    }
}

/// The checks that depend on today: an expired window fails `kb check` (nobody rechecked it,
/// and it is no longer offered); a practical source older than 90 days or a legal one older
/// than a year is a warning.
pub(super) fn lint(kb: &Kb, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    for m in &kb.municipalities {
        let file = kb.file_name(m.file);
        for w in &m.windows {
            if w.expires < today {
                out.push(
                    Diagnostic::error(file, Some(w.expires_span.clone()), format!("the window “{}” expired on {}", w.name.en, w.expires))
                        .with_help("check the city's page again: update the window and `expires` (and the source's `checked`), or delete it"),
                );
            }
        }
        for (sources, limit, part) in [
            (&m.practical_sources, PRACTICAL_STALE_DAYS, "practical"),
            (&m.legal_sources, LEGAL_STALE_DAYS, "legal"),
        ] {
            for s in sources {
                let Some(c) = crate::dates::from_toml(s.checked.get_ref()).ok() else {
                    continue;
                };
                if (today - c).num_days() > limit {
                    out.push(
                        Diagnostic::warning(file, Some(s.checked.span()), format!("the {part} source “{}” was last checked on {c}, over {limit} days before {today}", s.title))
                            .with_help("check it against the city's current page or ordinance, then update `checked`"),
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
                let (hint_en, hint_ja) = if cities.is_empty() {
                    (String::new(), String::new())
                } else {
                    let en: Vec<String> = cities.iter().map(|m| m.label(false)).collect();
                    let ja: Vec<String> = cities.iter().map(|m| m.label(true)).collect();
                    (
                        format!(" (did you mean {}?)", en.join(" or ")),
                        format!("{}のことですか？", ja.join("または")),
                    )
                };
                return Err(Text::new(
                    format!(
                        "{code} is the code of a ward of a designated city: give the city's name or code{hint_en}"
                    ),
                    format!(
                        "{code}は政令指定都市の区のコードです。市の名前かコードを指定してください。{hint_ja}"
                    ),
                ));
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
        let hint_en = near
            .map(|m| format!("did you mean {}? ", m.label(false)))
            .unwrap_or_default();
        let hint_ja = near
            .map(|m| format!("{}のことですか？", m.label(true)))
            .unwrap_or_default();
        Err(Text::new(
            format!(
                "no municipality named “{s}” is known: {hint_en}give its 6-digit local government code (e.g. 131041 for Shinjuku), or one of the names `mynumber kb municipalities` lists"
            ),
            format!(
                "「{s}」という市区町村は見つかりません。{hint_ja}6桁の地方公共団体コード（例：新宿区は131041）か、`mynumber kb municipalities` に出ている名前で指定してください。"
            ),
        ))
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
