//! The interactive interview: asks for missing facts, generated from the knowledge base.
//!
//! The questions are the facts' own `question` and `help`, in the person's language, and only
//! the facts that matter are asked: first the ones a plan cannot do without
//! ([`missing_required`]), then, round after round, the facts that the applicable steps say
//! they need ([`PlannedStep::needs`]), lowest `order` first (who you are → dates you know →
//! what you have received), until the plan needs nothing new. A review screen then lists the
//! answers; any one can be changed without losing the others.
//!
//! All terminal work goes through the [`Prompter`] trait: [`term::Dialoguer`] talks to a person
//! on stderr (so `mynumber plan > plan.md` still asks), [`Scripted`] replays answers for tests.
//! This module decides what to ask and checks each answer; it never writes the profile.
//!
//! [`PlannedStep::needs`]: crate::engine::PlannedStep::needs

pub mod term;

use std::collections::{BTreeSet, VecDeque};

use chrono::NaiveDate;

use crate::engine::Ctx;
use crate::engine::facts::{self, Answers, Value};
use crate::engine::plan::{Status, make_plan, missing_required, plan_step};
use crate::error::Error;
use crate::kb::Kb;
use crate::kb::schema::{FactDecl, FactType};
use crate::kb::text::{Lang, Text};
use crate::wording::messages;

pub use term::confirm;

/// One question about one fact.
#[derive(Debug, Clone)]
pub struct Question {
    pub fact: String,
    pub prompt: String,
    pub help: Option<String>,
    /// "I don't know / not yet" is possible.
    pub optional: bool,
    /// The current answer when a question is asked again from the review screen: a date as
    /// written, a choice's key, `true`/`false`. The prompt starts from it.
    pub current: Option<String>,
}

/// One entry of a list: what the program gets back (`key`) and what the person sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub key: String,
    pub label: String,
}

/// Checks a typed date: `Ok(None)` is "I don't know / not yet".
pub type DateCheck<'a> = dyn Fn(&str) -> Result<Option<NaiveDate>, String> + 'a;

/// Asks questions. Every method returns `Err` with exit 130 when the person interrupts.
pub trait Prompter {
    /// Prints a line of explanation.
    fn say(&mut self, text: &str) -> Result<(), Error>;
    /// Asks for a date until `check` accepts what was typed, showing its message each time.
    fn ask_date(&mut self, q: &Question, check: &DateCheck<'_>)
    -> Result<Option<NaiveDate>, Error>;
    /// One of `choices` (which include the "don't know" entry, key "", when optional).
    fn ask_choice(&mut self, q: &Question, choices: &[Choice]) -> Result<String, Error>;
    /// A status of residence, from a searchable list.
    fn ask_status(&mut self, q: &Question, choices: &[Choice]) -> Result<String, Error>;
    /// Yes, no, or (when optional) don't know.
    fn ask_bool(&mut self, q: &Question) -> Result<Option<bool>, Error>;
    /// The review screen: `None` when the answers look right, else the fact to change.
    fn review(
        &mut self,
        title: &str,
        ok: &str,
        entries: &[Choice],
    ) -> Result<Option<String>, Error>;
}

/// Words of the interview itself, in both languages.
pub fn words(lang: Lang, t: Text) -> String {
    t.get(lang).to_string()
}

fn dont_know(lang: Lang) -> String {
    words(lang, messages::dont_know())
}

/// Tells where the answers were saved (stderr).
pub fn saved(lang: Lang, path: &std::path::Path) {
    crate::say!("{}", messages::saved_answers(path.display()).get(lang));
}

/// How an answer is shown on the review screen.
pub fn show_value(kb: &Kb, lang: Lang, fact: &FactDecl, v: Option<&Value>) -> String {
    let Some(v) = v else { return dont_know(lang) };
    match (fact.ty.get_ref(), v) {
        (FactType::Choice(cs), Value::Key(k)) => cs
            .iter()
            .find(|c| &c.value == k)
            .map_or(k.clone(), |c| c.label.get(lang).to_string()),
        (FactType::Status, Value::Key(k)) => kb
            .status(k)
            .map_or(k.clone(), |s| status_label(lang, &s.name)),
        (FactType::Municipality, Value::Key(k)) => kb
            .municipality(k)
            .map_or(k.clone(), |m| m.label(lang == Lang::Ja)),
        (_, Value::Bool(true)) => words(lang, messages::yes()),
        (_, Value::Bool(false)) => words(lang, messages::no()),
        _ => v.render(),
    }
}

/// A status shown with both names, the person's language first.
fn status_label(lang: Lang, name: &Text) -> String {
    match lang {
        Lang::En => format!("{} ({})", name.en, name.ja),
        Lang::Ja => format!("{} ({})", name.ja, name.en),
    }
}

/// Runs the interview.
///
/// `editable` are the answers the person may change (the saved profile); `locked` were given
/// on the command line and win over anything asked. Returns the new editable answers (what was
/// answered "don't know" is absent).
pub struct Interview<'a> {
    pub kb: &'a Kb,
    pub lang: Lang,
    pub today: NaiveDate,
    pub locked: &'a Answers,
}

impl Interview<'_> {
    pub fn run(&self, editable: Answers, p: &mut dyn Prompter) -> Result<Answers, Error> {
        let mut mine = editable;
        let mut asked: BTreeSet<String> = BTreeSet::new();
        p.say(&words(self.lang, messages::interview_intro()))?;
        loop {
            self.ask_what_is_needed(&mut mine, &mut asked, p)?;
            let entries = self.review_entries(&mine, &asked);
            let title = words(self.lang, messages::review_title());
            let ok = words(self.lang, messages::review_ok());
            match p.review(&title, &ok, &entries)? {
                None => break,
                Some(fact) => {
                    if let Some(decl) = self.kb.fact(&fact) {
                        let required =
                            missing_required(self.kb, &self.without(&mine, &fact), self.today)
                                .contains(&fact);
                        self.ask(decl, !required, &mut mine, p)?;
                    }
                }
            }
        }
        Ok(mine)
    }

    /// The answers in force: mine, with the command line's over them.
    fn combined(&self, mine: &Answers) -> Answers {
        let mut a = mine.clone();
        a.overlay(self.locked);
        a
    }

    fn without(&self, mine: &Answers, fact: &str) -> Answers {
        let mut a = self.combined(mine);
        a.remove(fact);
        a
    }

    /// Required facts first, then what the plan's steps need, until nothing new is needed.
    fn ask_what_is_needed(
        &self,
        mine: &mut Answers,
        asked: &mut BTreeSet<String>,
        p: &mut dyn Prompter,
    ) -> Result<(), Error> {
        // Bounded: each round asks at least one fact never asked before, or stops.
        for _ in 0..=self.kb.facts.len() {
            let combined = self.combined(mine);
            let next = match missing_required(self.kb, &combined, self.today)
                .into_iter()
                .next()
            {
                Some(f) => Some((f, false)),
                None => self.next_needed(&combined, asked).map(|f| (f, true)),
            };
            let Some((fact, optional)) = next else {
                return Ok(());
            };
            let Some(decl) = self.kb.fact(&fact) else {
                return Ok(());
            };
            asked.insert(fact.clone());
            self.ask(decl, optional, mine, p)?;
        }
        Ok(())
    }

    /// The next fact worth asking, lowest `order` first: one that an applicable step needs
    /// (its `needs`), or one whose answer would make a step that does not apply now apply (the
    /// steps that start with an event: "when did the notice arrive?").
    fn next_needed(&self, combined: &Answers, asked: &BTreeSet<String>) -> Option<String> {
        let plan = make_plan(self.kb, combined, self.today);
        let open = |f: &str| combined.get(f).is_none() && !asked.contains(f);
        let mut candidates: Vec<&FactDecl> = self
            .kb
            .facts
            .iter()
            .filter(|f| open(f.name.get_ref()))
            .collect();
        candidates.sort_by_key(|f| f.order);
        let needed: BTreeSet<&str> = plan
            .steps
            .iter()
            .flat_map(|s| s.needs.iter().map(|&f| self.kb.fact_name(f)))
            .collect();
        let moving: Vec<_> = plan
            .steps
            .iter()
            .filter(|p| {
                Some(p.step.rules.phase) == self.kb.roles.moving && p.status != Status::Done
            })
            .collect();
        candidates.into_iter().find_map(|f| {
            let name = f.name.get_ref();
            // Where you are registered decides local closed days (deadlines) and counters:
            // worth asking once a step with a deadline is done at the municipal office.
            let local = *f.ty.get_ref() == FactType::Municipality
                && plan
                    .steps
                    .iter()
                    .any(|s| s.deadline.is_some() && s.step.rules.place == self.kb.roles.office);
            let matters = needed.contains(name.as_str())
                || local
                || self.probes(f).into_iter().any(|v| {
                    let mut a = combined.clone();
                    a.set(name.clone(), v);
                    let ctx = Ctx::new(self.kb, &a, self.today);
                    plan.skipped.iter().any(|s| plan_step(&ctx, s.step).is_ok())
                        // A move in progress: its own dates (moving day, notices filed) change
                        // its steps' dates or make them done; asked only while a move applies.
                        || moving.iter().any(|p| {
                            plan_step(&ctx, p.step).is_ok_and(|q| {
                                (q.status, q.deadline) != (p.status, p.deadline)
                            })
                        })
                });
            matters.then(|| name.clone())
        })
    }

    /// Values to try for a fact when asking "would its answer make a step apply?".
    fn probes(&self, f: &FactDecl) -> Vec<Value> {
        match f.ty.get_ref() {
            FactType::Date => {
                let t = self.today;
                [t - chrono::Days::new(30), t, t + chrono::Days::new(30)]
                    .into_iter()
                    .map(Value::Date)
                    .collect()
            }
            FactType::Bool => vec![Value::Bool(true), Value::Bool(false)],
            FactType::Choice(cs) => cs.iter().map(|c| Value::Key(c.value.clone())).collect(),
            FactType::Status | FactType::Municipality => Vec::new(),
        }
    }

    fn review_entries(&self, mine: &Answers, asked: &BTreeSet<String>) -> Vec<Choice> {
        let mut facts: Vec<&FactDecl> = self
            .kb
            .facts
            .iter()
            .filter(|f| {
                let n = f.name.get_ref();
                self.locked.get(n).is_none() && (mine.get(n).is_some() || asked.contains(n))
            })
            .collect();
        facts.sort_by_key(|f| f.order);
        facts
            .into_iter()
            .map(|f| {
                let n = f.name.get_ref();
                let noun = f.noun.get(self.lang);
                let mut chars = noun.chars();
                let noun = match chars.next() {
                    Some(c) => c.to_uppercase().chain(chars).collect(),
                    None => String::new(),
                };
                Choice {
                    key: n.clone(),
                    label: format!("{noun}: {}", show_value(self.kb, self.lang, f, mine.get(n))),
                }
            })
            .collect()
    }

    /// Asks one fact and records the answer (or removes it on "don't know").
    fn ask(
        &self,
        decl: &FactDecl,
        optional: bool,
        mine: &mut Answers,
        p: &mut dyn Prompter,
    ) -> Result<(), Error> {
        let name = decl.name.get_ref().clone();
        let q = Question {
            fact: name.clone(),
            prompt: decl.question.get(self.lang).to_string(),
            help: decl.help.as_ref().map(|h| h.get(self.lang).to_string()),
            optional,
            current: mine.get(&name).map(Value::render),
        };
        let lang = self.lang;
        let value = match decl.ty.get_ref() {
            FactType::Date => {
                let others = self.without(mine, &name);
                let check =
                    |s: &str| check_date(self.kb, lang, self.today, decl, &others, optional, s);
                p.ask_date(&q, &check)?.map(Value::Date)
            }
            FactType::Bool => p.ask_bool(&q)?.map(Value::Bool),
            FactType::Choice(cs) => {
                let mut choices: Vec<Choice> = cs
                    .iter()
                    .map(|c| Choice {
                        key: c.value.clone(),
                        label: c.label.get(lang).to_string(),
                    })
                    .collect();
                if optional {
                    choices.push(Choice {
                        key: String::new(),
                        label: dont_know(lang),
                    });
                }
                let k = p.ask_choice(&q, &choices)?;
                (!k.is_empty()).then_some(Value::Key(k))
            }
            FactType::Status => {
                let mut choices: Vec<Choice> = self
                    .kb
                    .statuses
                    .iter()
                    .map(|s| Choice {
                        key: s.key.get_ref().clone(),
                        label: status_label(lang, &s.name),
                    })
                    .collect();
                if optional {
                    choices.push(Choice {
                        key: String::new(),
                        label: dont_know(lang),
                    });
                }
                let k = p.ask_status(&q, &choices)?;
                (!k.is_empty()).then_some(Value::Key(k))
            }
            // Asked by name, from the municipalities with local data; any other one changes
            // nothing (the national calendar applies), so it is "another municipality".
            FactType::Municipality => {
                let mut choices: Vec<Choice> = self
                    .kb
                    .municipalities
                    .iter()
                    .map(|m| Choice {
                        key: m.code.clone(),
                        label: match lang {
                            Lang::En => {
                                format!("{} ({}, {})", m.name.en, m.name.ja, m.prefecture.en)
                            }
                            Lang::Ja => format!("{}（{}）", m.name.ja, m.prefecture.ja),
                        },
                    })
                    .collect();
                // "Another municipality" first, so it is the default; "don't know" last, as in
                // every list. Both leave the national calendar.
                choices.insert(
                    0,
                    Choice {
                        key: String::new(),
                        label: words(lang, messages::another_municipality()),
                    },
                );
                choices.push(Choice {
                    key: String::new(),
                    label: dont_know(lang),
                });
                let k = p.ask_choice(&q, &choices)?;
                (!k.is_empty()).then_some(Value::Key(k))
            }
        };
        match value {
            Some(v) => mine.set(name, v),
            None => {
                mine.remove(&name);
            }
        }
        Ok(())
    }
}

/// Checks a typed date at once: a real day, not in the future for past events, after its
/// `after` fact. Empty is "don't know" for optional facts.
pub fn check_date(
    kb: &Kb,
    lang: Lang,
    today: NaiveDate,
    decl: &FactDecl,
    others: &Answers,
    optional: bool,
    typed: &str,
) -> Result<Option<NaiveDate>, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return if optional {
            Ok(None)
        } else {
            Err(words(lang, messages::answer_needed()))
        };
    }
    if facts::looks_like_individual_number(typed) {
        return Err(facts::INDIVIDUAL_NUMBER_REFUSAL.to_string());
    }
    let d = crate::dates::parse(typed).map_err(|e| {
        crate::wording::messages::date_error(&e)
            .get(lang)
            .to_string()
    })?;
    let mut probe = others.clone();
    probe.set(decl.name.get_ref().clone(), Value::Date(d));
    let problems = facts::check_answers_in(kb, &probe, today, lang);
    if let Some((_, msg)) = problems.iter().find(|(f, _)| f == decl.name.get_ref()) {
        return Err(match lang {
            Lang::En => msg.clone(),
            Lang::Ja => format!("{msg}(日付を確認してください)"),
        });
    }
    Ok(Some(d))
}

/// A prompter that replays typed answers, for tests. Each reply is what a person would type
/// or choose: a date (or "" for don't know), a choice's key, "yes"/"no"/"", and on the review
/// screen "ok" or the fact to change. Every question and every rejected date is logged.
#[derive(Debug, Default)]
pub struct Scripted {
    pub replies: VecDeque<String>,
    pub log: Vec<String>,
    /// When the replies run out: "don't know" to every question and "ok" on the review.
    pub then_dont_know: bool,
}

impl Scripted {
    pub fn new(replies: &[&str]) -> Scripted {
        Scripted {
            replies: replies.iter().map(|s| s.to_string()).collect(),
            log: Vec::new(),
            then_dont_know: false,
        }
    }
    /// After the replies, "don't know" to everything and "ok" on the review screen.
    pub fn then_dont_know(mut self) -> Scripted {
        self.then_dont_know = true;
        self
    }
    fn next(&mut self, what: &str) -> Result<String, Error> {
        match self.replies.pop_front() {
            Some(r) => Ok(r),
            None if self.then_dont_know => Ok(if what == "the review" {
                "ok".into()
            } else {
                String::new()
            }),
            None => Err(Error::failure(format!(
                "the script has no reply for {what}"
            ))),
        }
    }
    /// The facts asked, in order.
    pub fn asked(&self) -> Vec<String> {
        self.log
            .iter()
            .filter_map(|l| l.strip_prefix("ask ").map(str::to_string))
            .collect()
    }
    fn pick(&mut self, q: &Question, choices: &[Choice]) -> Result<String, Error> {
        self.log.push(format!("ask {}", q.fact));
        let r = self.next(&q.fact)?;
        if choices.iter().any(|c| c.key == r) {
            Ok(r)
        } else {
            Err(Error::failure(format!(
                "`{r}` is not a choice for {}",
                q.fact
            )))
        }
    }
}

impl Prompter for Scripted {
    fn say(&mut self, _text: &str) -> Result<(), Error> {
        Ok(())
    }
    fn ask_date(
        &mut self,
        q: &Question,
        check: &DateCheck<'_>,
    ) -> Result<Option<NaiveDate>, Error> {
        self.log.push(format!("ask {}", q.fact));
        loop {
            let typed = self.next(&q.fact)?;
            match check(&typed) {
                Ok(d) => return Ok(d),
                Err(msg) => self.log.push(format!("rejected {typed}: {msg}")),
            }
        }
    }
    fn ask_choice(&mut self, q: &Question, choices: &[Choice]) -> Result<String, Error> {
        self.pick(q, choices)
    }
    fn ask_status(&mut self, q: &Question, choices: &[Choice]) -> Result<String, Error> {
        self.pick(q, choices)
    }
    fn ask_bool(&mut self, q: &Question) -> Result<Option<bool>, Error> {
        self.log.push(format!("ask {}", q.fact));
        match self.next(&q.fact)?.as_str() {
            "yes" => Ok(Some(true)),
            "no" => Ok(Some(false)),
            "" if q.optional => Ok(None),
            other => Err(Error::failure(format!(
                "`{other}` is not yes/no for {}",
                q.fact
            ))),
        }
    }
    fn review(
        &mut self,
        _title: &str,
        _ok: &str,
        entries: &[Choice],
    ) -> Result<Option<String>, Error> {
        self.log.push(format!(
            "review {}",
            entries
                .iter()
                .map(|e| e.label.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        ));
        let r = self.next("the review")?;
        if r == "ok" {
            Ok(None)
        } else if entries.iter().any(|e| e.key == r) {
            Ok(Some(r))
        } else {
            Err(Error::failure(format!("`{r}` is not on the review screen")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn run(
        locked: &Answers,
        editable: Answers,
        script: &[&str],
    ) -> (Result<Answers, Error>, Scripted) {
        run_with(locked, editable, Scripted::new(script))
    }

    fn run_with(
        locked: &Answers,
        editable: Answers,
        mut p: Scripted,
    ) -> (Result<Answers, Error>, Scripted) {
        let kb = Kb::embedded().unwrap();
        let iv = Interview {
            kb: &kb,
            lang: Lang::En,
            today: day("2026-11-22"),
            locked,
        };
        let r = iv.run(editable, &mut p);
        (r, p)
    }

    /// Answers every question "don't know" (or the first choice when one is needed), to find
    /// out what a new arrival is asked.
    #[test]
    fn a_new_arrival_is_asked_who_then_dates_in_order() {
        let (r, p) = run_with(
            &Answers::new(),
            Answers::new(),
            Scripted::new(&["foreign", "student"]).then_dont_know(),
        );
        let a = r.unwrap();
        let asked = p.asked();
        assert_eq!(&asked[..2], ["nationality", "status"]);
        assert_eq!(a.get("status"), Some(&Value::Key("student".into())));
        // Who you are before dates, and each fact once.
        let kb = Kb::embedded().unwrap();
        let orders: Vec<u32> = asked.iter().map(|f| kb.fact(f).unwrap().order).collect();
        let mut sorted = orders.clone();
        sorted.sort();
        assert_eq!(orders, sorted, "asked out of order: {asked:?}");
        let unique: BTreeSet<&String> = asked.iter().collect();
        assert_eq!(unique.len(), asked.len(), "asked twice: {asked:?}");
        assert!(asked.contains(&"moved_in".to_string()), "{asked:?}");
    }

    #[test]
    fn a_japanese_national_is_not_asked_for_a_status() {
        let (r, p) = run_with(
            &Answers::new(),
            Answers::new(),
            Scripted::new(&["japanese"]).then_dont_know(),
        );
        assert_eq!(
            r.unwrap().get("nationality"),
            Some(&Value::Key("japanese".into()))
        );
        assert!(
            !p.asked().contains(&"status".to_string()),
            "{:?}",
            p.asked()
        );
        assert!(p.log.iter().any(|l| l.starts_with("review ")));
    }

    #[test]
    fn a_move_s_own_dates_are_asked_only_when_a_move_is_planned() {
        let move_facts = ["move_out_filed_on", "moved_on", "move_in_filed_on"];
        let mut locked = Answers::new();
        locked.set("nationality", Value::Key("japanese".into()));
        locked.set("moved_in", Value::Date(day("2025-04-01")));
        locked.set("registered_on", Value::Date(day("2025-04-03")));
        let (r, p) = run_with(&locked, Answers::new(), Scripted::new(&[]).then_dont_know());
        assert!(r.is_ok());
        for f in move_facts {
            assert!(!p.asked().contains(&f.to_string()), "{f}: {:?}", p.asked());
        }
        locked.set("move_planned_on", Value::Date(day("2026-11-10")));
        locked.set("move_within_municipality", Value::Bool(false));
        let (r, p) = run_with(&locked, Answers::new(), Scripted::new(&[]).then_dont_know());
        assert!(r.is_ok());
        for f in move_facts {
            assert!(p.asked().contains(&f.to_string()), "{f}: {:?}", p.asked());
        }
    }

    #[test]
    fn invalid_dates_are_asked_again_with_a_reason() {
        let mut locked = Answers::new();
        locked.set("nationality", Value::Key("foreign".into()));
        locked.set("status", Value::Key("student".into()));
        let first = {
            let (_, p) = run_with(&locked, Answers::new(), Scripted::new(&[]).then_dont_know());
            p.asked()[0].clone()
        };
        let kb = Kb::embedded().unwrap();
        assert_eq!(
            kb.fact(&first).unwrap().ty.get_ref(),
            &FactType::Date,
            "the first question asked is {first}"
        );
        let script = ["2026-02-30", "2030-01-01", "tomorrow", "1999-05-05"];
        let (_, p) = run_with(
            &locked,
            Answers::new(),
            Scripted::new(&script).then_dont_know(),
        );
        let rejected: Vec<&String> = p.log.iter().filter(|l| l.starts_with("rejected")).collect();
        assert_eq!(rejected.len(), 3, "{:?}", p.log);
        assert!(rejected[0].contains("not a day that exists"));
        assert!(rejected[1].contains("after today"));
        assert!(rejected[2].contains("YYYY-MM-DD"));
        assert_eq!(p.asked()[0], first);
    }

    #[test]
    fn a_day_before_the_event_that_comes_first_is_asked_again_naming_both() {
        let mut locked = Answers::new();
        locked.set("nationality", Value::Key("foreign".into()));
        locked.set("status", Value::Key("student".into()));
        locked.set("card_applied_on", Value::Date(day("2026-11-10")));
        let (_, p) = run_with(&locked, Answers::new(), Scripted::new(&[]).then_dont_know());
        let at = p.asked().iter().position(|f| f == "card_notice_on");
        let Some(at) = at else {
            panic!("card_notice_on is not asked: {:?}", p.log)
        };
        let mut script = vec![""; at];
        script.extend(["2026-11-01", "2026-11-12"]);
        let (r, p) = run_with(
            &locked,
            Answers::new(),
            Scripted::new(&script).then_dont_know(),
        );
        let rejected: Vec<&String> = p.log.iter().filter(|l| l.starts_with("rejected")).collect();
        assert_eq!(rejected.len(), 1, "{:?}", p.log);
        assert!(
            rejected[0].contains("2026-11-01 is before card_applied_on (2026-11-10)"),
            "{rejected:?}"
        );
        let a = r.unwrap();
        assert_eq!(a.date("card_notice_on"), Some(day("2026-11-12")));
    }

    #[test]
    fn changing_one_answer_keeps_the_others() {
        let mut locked = Answers::new();
        locked.set("nationality", Value::Key("foreign".into()));
        let mut editable = Answers::new();
        editable.set("status", Value::Key("student".into()));
        editable.set("moved_in", Value::Date(day("2026-11-10")));
        let kb = Kb::embedded().unwrap();
        // Ask everything as "don't know", then change moved_in on the review screen.
        let iv = Interview {
            kb: &kb,
            lang: Lang::En,
            today: day("2026-11-22"),
            locked: &locked,
        };
        let mut probe = Scripted::new(&[]).then_dont_know();
        let _ = iv.run(editable.clone(), &mut probe);
        let n = probe.asked().len();
        let mut script: Vec<&str> = std::iter::repeat_n("", n).collect();
        script.extend(["moved_in", "2026-11-12", "ok"]);
        let (r, p) = run(&locked, editable, &script);
        let a = r.unwrap();
        assert_eq!(a.date("moved_in"), Some(day("2026-11-12")));
        assert_eq!(a.get("status"), Some(&Value::Key("student".into())));
        assert_eq!(
            a.get("nationality"),
            None,
            "a command-line answer is not copied into the profile"
        );
        let review = p.log.iter().find(|l| l.starts_with("review ")).unwrap();
        assert!(
            review.contains("The day you moved in: 2026-11-10"),
            "{review}"
        );
        assert!(!review.contains("nationality"), "{review}");
    }

    #[test]
    fn required_facts_have_no_dont_know() {
        let (r, p) = run(&Answers::new(), Answers::new(), &[""]);
        assert!(r.is_err());
        assert_eq!(p.asked(), ["nationality"]);
    }

    #[test]
    fn an_expiry_must_be_after_the_issue_date() {
        let kb = Kb::embedded().unwrap();
        let mut others = Answers::new();
        others.set("card_issued_on", Value::Date(day("2026-01-10")));
        let decl = kb.fact("card_expires").unwrap();
        let today = day("2026-11-22");
        assert!(check_date(&kb, Lang::En, today, decl, &others, true, "2025-01-01").is_err());
        assert_eq!(
            check_date(&kb, Lang::En, today, decl, &others, true, "2031-01-01"),
            Ok(Some(day("2031-01-01")))
        );
        assert_eq!(
            check_date(&kb, Lang::En, today, decl, &others, true, "  "),
            Ok(None)
        );
        assert!(
            check_date(&kb, Lang::En, today, decl, &others, true, "1234 5678 9012")
                .unwrap_err()
                .contains("Individual Number")
        );
    }
}
