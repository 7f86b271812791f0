//! What changed since the last plan: `plan` remembers, per household member, the plan it last
//! showed (steps, statuses, deadlines, the answers and the knowledge base's date), and the next
//! `plan` begins with what changed since.
//!
//! The history is `history.toml` next to the profile, owner-only (0600) and replaced atomically
//! like it. It is a convenience: one that cannot be read is reported on stderr and started
//! afresh, never an error that stops a plan.
//!
//! A deadline that moved is explained by plan replay: the old answers are planned again with
//! today's knowledge base. If that gives a different deadline than last time, the rule changed;
//! if today's answers give a different one than the old answers, an answer changed, and the
//! answers that move it on their own are named.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use toml::value::Datetime;

use crate::dates::fmt;
use crate::engine::facts::{Raw, parse_value};
use crate::engine::{self, Answers, Plan, Status};
use crate::error::Error;
use crate::kb::Kb;
use crate::kb::schema::Source;
use crate::kb::text::{Lang, Text};
use crate::wording::day;
use crate::wording::messages;

/// The file, next to the profile.
pub(crate) fn path_next_to(profile: &Path) -> PathBuf {
    profile.with_file_name("history.toml")
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct History {
    #[serde(default = "one")]
    pub(crate) version: u32,
    /// The last plan shown, by member name.
    #[serde(default)]
    pub(crate) members: BTreeMap<String, Snapshot>,
}

fn one() -> u32 {
    1
}

impl Default for History {
    fn default() -> History {
        History {
            version: 1,
            members: BTreeMap::new(),
        }
    }
}

/// One plan as it was shown.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Snapshot {
    /// The plan's today.
    pub(crate) shown_on: Datetime,
    /// The knowledge base's date: its newest source check.
    pub(crate) kb_date: Option<Datetime>,
    /// The answers the plan was made from, as written in answers files.
    #[serde(default)]
    pub(crate) answers: BTreeMap<String, String>,
    #[serde(default)]
    pub(crate) steps: Vec<StepSeen>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct StepSeen {
    pub(crate) id: String,
    pub(crate) status: String,
    pub(crate) deadline: Option<Datetime>,
}

/// A day as a TOML date, so the file holds real dates.
fn to_toml(d: NaiveDate) -> Datetime {
    use chrono::Datelike;
    Datetime {
        date: Some(toml::value::Date {
            year: u16::try_from(d.year()).unwrap_or(u16::MAX),
            month: u8::try_from(d.month()).unwrap_or(1),
            day: u8::try_from(d.day()).unwrap_or(1),
        }),
        time: None,
        offset: None,
    }
}

fn from_toml(d: Option<&Datetime>) -> Option<NaiveDate> {
    d.and_then(|d| crate::dates::from_toml(d).ok())
}

/// The knowledge base's date: the newest day any of its sources was checked.
pub(crate) fn kb_date(kb: &Kb) -> Option<NaiveDate> {
    let checked = |s: &Source| crate::dates::from_toml(s.checked.get_ref()).ok();
    kb.steps
        .iter()
        .flat_map(|s| s.decl.sources.iter())
        .chain(kb.status_sources.iter())
        .chain(kb.dates.iter().flat_map(|d| d.sources.iter()))
        .filter_map(checked)
        .chain(kb.calendar_sources.iter().map(|s| s.checked))
        .max()
}

impl Snapshot {
    pub(crate) fn of(kb: &Kb, plan: &Plan<'_>, answers: &Answers) -> Snapshot {
        Snapshot {
            shown_on: to_toml(plan.today),
            kb_date: kb_date(kb).map(to_toml),
            answers: answers
                .iter()
                .map(|(k, v)| (k.clone(), v.render()))
                .collect(),
            steps: plan
                .steps
                .iter()
                .map(|p| StepSeen {
                    id: p.id().to_string(),
                    status: p.status.key().to_string(),
                    deadline: p.deadline.map(to_toml),
                })
                .collect(),
        }
    }

    /// The answers again, typed by today's knowledge base; facts it no longer knows are left out.
    fn typed_answers(&self, kb: &Kb) -> Answers {
        let mut a = Answers::new();
        for (k, v) in &self.answers {
            if let Ok(v) = parse_value(kb, k, &Raw::Str(v.clone())) {
                a.set(k.clone(), v);
            }
        }
        a
    }
}

/// Loads the history; a missing file is an empty history, and one that cannot be read is
/// reported and replaced by an empty one.
pub(crate) fn load(path: &Path, lang: Lang) -> History {
    let warn = |t: Text| {
        crate::say!("{}{}", messages::warning_prefix().get(lang), t.get(lang));
    };
    let text = match crate::fsutil::read_text(path, crate::fsutil::SMALL_FILE_LIMIT) {
        Ok(t) => t,
        Err(crate::fsutil::ReadError::NotFound(_)) => return History::default(),
        Err(e) => {
            let why = messages::read_error(&e);
            warn(messages::nest(&why, |w| {
                messages::history_unreadable(path.display(), w)
            }));
            return History::default();
        }
    };
    match toml::from_str::<History>(&text) {
        Ok(h) if h.version == 1 => h,
        Ok(h) => {
            warn(messages::history_newer(path.display(), h.version));
            History::default()
        }
        Err(e) => {
            warn(messages::history_broken(path.display(), e.message().trim()));
            History::default()
        }
    }
}

/// Writes the history atomically, readable only by its owner.
pub(crate) fn save(path: &Path, h: &History) -> Result<(), Error> {
    let text = toml::to_string(h).map_err(|e| Error::failure(messages::cannot_write_history(e)))?;
    let text = format!(
        "# mynumber: the last plan shown to each member, to say what changed since (`plan --no-history` skips it).\n{text}"
    );
    crate::fsutil::write_atomic(path, text.as_bytes(), true)
        .map_err(|e| Error::failure(messages::cannot_save_history(path.display(), e)))
}

/// Why a deadline moved.
#[derive(Debug, Clone)]
pub(crate) enum Because {
    /// These answers changed and each moves it on its own (or, when none does alone, all the
    /// answers that changed).
    Answers(Vec<String>),
    /// The knowledge base's rule for the step changed.
    Rule(Rule),
    Both(Vec<String>, Rule),
}

/// Where a step's rule is: its file in the knowledge base, and the sources it rests on.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub(crate) file: String,
    pub(crate) sources: Vec<Source>,
}

#[derive(Debug, Clone)]
pub(crate) struct Moved {
    pub(crate) id: String,
    pub(crate) from: Option<NaiveDate>,
    pub(crate) to: Option<NaiveDate>,
    pub(crate) because: Because,
}

/// What changed between the last plan and this one.
#[derive(Debug, Clone)]
pub(crate) struct Changes {
    pub(crate) since: NaiveDate,
    pub(crate) kb_then: Option<NaiveDate>,
    pub(crate) kb_now: Option<NaiveDate>,
    /// New steps, with their deadline.
    pub(crate) new: Vec<(String, Option<NaiveDate>)>,
    pub(crate) done: Vec<String>,
    pub(crate) moved: Vec<Moved>,
    pub(crate) overdue: Vec<String>,
    pub(crate) gone: Vec<String>,
}

impl Changes {
    pub(crate) fn is_empty(&self) -> bool {
        self.new.is_empty()
            && self.done.is_empty()
            && self.moved.is_empty()
            && self.overdue.is_empty()
            && self.gone.is_empty()
    }
}

fn deadline_of(plan: &Plan<'_>, id: &str) -> Option<NaiveDate> {
    plan.steps
        .iter()
        .find(|p| p.id() == id)
        .and_then(|p| p.deadline)
}

fn rule_of(kb: &Kb, id: &str) -> Rule {
    match kb.step(id) {
        Some(s) => Rule {
            file: kb.file_name(s.file).to_string(),
            sources: s.decl.sources.clone(),
        },
        None => Rule {
            file: String::new(),
            sources: Vec::new(),
        },
    }
}

/// Compares this plan (made from `answers`) with the last one shown.
pub(crate) fn compare(kb: &Kb, last: &Snapshot, plan: &Plan<'_>, answers: &Answers) -> Changes {
    let before: BTreeMap<&str, &StepSeen> = last.steps.iter().map(|s| (s.id.as_str(), s)).collect();
    let old_answers = last.typed_answers(kb);
    // The old answers with today's knowledge base (and today's done records, which move no
    // deadline).
    let replay = engine::make_plan(kb, &old_answers, plan.today);
    let mut c = Changes {
        since: from_toml(Some(&last.shown_on)).unwrap_or(plan.today),
        kb_then: from_toml(last.kb_date.as_ref()),
        kb_now: kb_date(kb),
        new: Vec::new(),
        done: Vec::new(),
        moved: Vec::new(),
        overdue: Vec::new(),
        gone: Vec::new(),
    };
    let changed_facts: Vec<String> = {
        let mut keys: Vec<&String> = old_answers.iter().map(|(k, _)| k).collect();
        keys.extend(answers.iter().map(|(k, _)| k));
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .filter(|k| old_answers.get(k) != answers.get(k))
            .cloned()
            .collect()
    };
    for p in &plan.steps {
        let id = p.id();
        let Some(old) = before.get(id) else {
            c.new.push((id.to_string(), p.deadline));
            continue;
        };
        if p.status == Status::Done {
            if old.status != Status::Done.key() {
                c.done.push(id.to_string());
            }
            continue;
        }
        if p.status == Status::Overdue && old.status != Status::Overdue.key() {
            c.overdue.push(id.to_string());
        }
        let old_deadline = from_toml(old.deadline.as_ref());
        if old_deadline != p.deadline {
            let replayed = deadline_of(&replay, id);
            let rule = replayed != old_deadline;
            let by_answer = replayed != p.deadline;
            let facts = if by_answer {
                // The changed answers that, put back alone, give the deadline of last time.
                let alone: Vec<String> = changed_facts
                    .iter()
                    .filter(|f| {
                        let mut a = answers.clone();
                        match old_answers.get(f) {
                            Some(v) => a.set((*f).clone(), v.clone()),
                            None => {
                                a.remove(f);
                            }
                        }
                        deadline_of(&engine::make_plan(kb, &a, plan.today), id) != p.deadline
                    })
                    .cloned()
                    .collect();
                if alone.is_empty() {
                    changed_facts.clone()
                } else {
                    alone
                }
            } else {
                Vec::new()
            };
            let because = match (rule, by_answer) {
                (true, true) => Because::Both(facts, rule_of(kb, id)),
                (true, false) => Because::Rule(rule_of(kb, id)),
                _ => Because::Answers(facts),
            };
            c.moved.push(Moved {
                id: id.to_string(),
                from: old_deadline,
                to: p.deadline,
                because,
            });
        }
    }
    for s in &last.steps {
        if !plan.steps.iter().any(|p| p.id() == s.id) {
            c.gone.push(s.id.clone());
        }
    }
    c
}

fn title(kb: &Kb, id: &str, lang: Lang) -> String {
    let t = kb
        .step(id)
        .map_or_else(|| id.to_string(), |s| s.decl.title.get(lang).to_string());
    messages::title_and_id(t, id).get(lang).to_string()
}

fn fact_nouns(kb: &Kb, facts: &[String], lang: Lang) -> String {
    let names: Vec<String> = facts
        .iter()
        .map(|f| match kb.fact(f) {
            Some(d) => messages::noun_and_fact(d.noun.get(lang), f)
                .get(lang)
                .to_string(),
            None => f.clone(),
        })
        .collect();
    names.join(messages::list_separator(lang))
}

/// "(data/steps/arrival.toml)", then one indented line per source.
fn rule_words(r: &Rule, lang: Lang) -> String {
    let mut out = messages::rule_sources(&r.file).get(lang).to_string();
    for s in &r.sources {
        let source = messages::rule_source(&s.title, s.url.get_ref(), s.checked.get_ref());
        out.push_str(source.get(lang));
    }
    out
}

fn date_or_none(d: Option<NaiveDate>, lang: Lang) -> String {
    d.map_or_else(|| "—".to_string(), |d| day(d, lang))
}

/// The "Since your last plan" block, as lines of text (each ends with a newline).
pub(crate) fn render(kb: &Kb, c: &Changes, lang: Lang, member: Option<&str>) -> String {
    let mut out = String::new();
    let head = heading(c, lang, member);
    if c.is_empty() {
        let none = messages::nothing_has_changed();
        out.push_str(messages::labelled(&head, none.get(lang)).get(lang));
        out.push_str("\n\n");
        return out;
    }
    out.push_str(messages::heading_before_lines(&head).get(lang));
    out.push('\n');
    let line = |label: Text, step: &str| -> String {
        messages::change_line(label.get(lang), step)
            .get(lang)
            .to_string()
    };
    for (id, deadline) in &c.new {
        let dl = deadline.map_or_else(String::new, |d| {
            messages::change_by(day(d, lang)).get(lang).to_string()
        });
        let step = format!("{}{dl}", title(kb, id, lang));
        let _ = writeln!(out, "{}", line(messages::change_new(), &step));
    }
    // Steps that changed in one way, each on its own line under the change's label.
    let steps = |out: &mut String, ids: &[String], label: fn() -> Text| {
        for id in ids {
            let _ = writeln!(out, "{}", line(label(), &title(kb, id, lang)));
        }
    };
    steps(&mut out, &c.done, messages::change_done);
    for m in &c.moved {
        let why = because(kb, &m.because, lang);
        let moved = messages::deadline_moved(
            title(kb, &m.id, lang),
            date_or_none(m.from, lang),
            date_or_none(m.to, lang),
            why,
        );
        let _ = writeln!(out, "{}", moved.get(lang));
    }
    steps(&mut out, &c.overdue, messages::change_overdue);
    steps(&mut out, &c.gone, messages::change_gone);
    out.push('\n');
    out
}

/// "Since your last plan on …": whose plan, and the knowledge bases compared when they differ.
fn heading(c: &Changes, lang: Lang, member: Option<&str>) -> String {
    let whose = member.map_or_else(String::new, |m| {
        messages::since_for_member(m).get(lang).to_string()
    });
    let kb_note = match (c.kb_then, c.kb_now) {
        (Some(a), Some(b)) if a != b => messages::since_kb_dates(fmt(a), fmt(b))
            .get(lang)
            .to_string(),
        _ => String::new(),
    };
    messages::since_heading(whose, day(c.since, lang), kb_note)
        .get(lang)
        .to_string()
}

/// Why a deadline moved: a new answer, a changed rule, or both.
fn because(kb: &Kb, because: &Because, lang: Lang) -> String {
    let text = match because {
        Because::Answers(f) => messages::because_answers(fact_nouns(kb, f, lang)),
        Because::Rule(s) => messages::because_rule(rule_words(s, lang)),
        Because::Both(f, s) => messages::because_both(fact_nouns(kb, f, lang), rule_words(s, lang)),
    };
    text.get(lang).to_string()
}

/// The history's file when this plan is the saved profile's: the profile exists and no
/// answers were `given` on the command line. Plans made from answers files or `--answer`
/// (scripts, tests, "what if") neither show nor write a history.
pub(crate) fn in_use(given: bool) -> Option<PathBuf> {
    if given {
        return None;
    }
    let profile = crate::profile::default_path().ok()?;
    profile.exists().then(|| path_next_to(&profile))
}

/// For the saved profile's plan, with the history at `path` (see [`in_use`]): what changed
/// since the last plan shown to `member` (the block to print, `None` on the first plan), and
/// this plan remembered for the next time.
pub(crate) fn remember(
    path: &Path,
    kb: &Kb,
    lang: Lang,
    plan: &Plan<'_>,
    answers: &Answers,
    member: Option<&str>,
) -> Result<Option<Block>, Error> {
    // Plans for two members at once must not lose one's record: the history is read and
    // written under the profile's lock, like the profile itself.
    let _lock = crate::profile::Lock::acquire_default()?;
    let mut h = load(path, lang);
    // Keyed by the member's name: the first member's too, so that `plan` and `plan --household`
    // share it.
    let key = match member {
        Some(m) => m.to_string(),
        None => crate::profile::default_path()
            .ok()
            .and_then(|p| crate::profile::Profile::load(kb, &p).ok())
            .and_then(|(p, _)| p.name)
            .unwrap_or_else(|| FIRST.to_string()),
    };
    let block = h.members.get(&key).map(|last| {
        let c = compare(kb, last, plan, answers);
        Block {
            unchanged: c.is_empty(),
            since: c.since,
            text: render(kb, &c, lang, member),
        }
    });
    h.members.insert(key, Snapshot::of(kb, plan, answers));
    save(path, &h)?;
    Ok(block)
}

/// The history's key for the profile's first member when it has no name.
pub(crate) const FIRST: &str = crate::profile::FIRST;

/// What `remember` says: the rendered block, and whether nothing changed.
pub(crate) struct Block {
    pub(crate) text: String,
    pub(crate) unchanged: bool,
    pub(crate) since: NaiveDate,
}

/// The one line said for a household in which nothing changed for anyone.
pub(crate) fn nothing_changed(since: NaiveDate, lang: Lang) -> String {
    let line = messages::household_unchanged(day(since, lang));
    format!("{}\n\n", line.get(lang))
}
