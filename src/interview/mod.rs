//! The interactive interview: asks for missing facts, generated from the knowledge base.
//!
//! The questions are the facts' own `question` and `help`, in the person's language, and only
//! the facts that matter are asked: first the ones a plan cannot do without
//! ([`missing_required`]), then, one at a time, the next fact or yes/no gate that can still
//! change the plan given the answers so far ([`gating`]), in the order of the person's story
//! (who you are → arrival → registration → card → Notice → application → events). A review
//! screen then lists the answers; any one can be changed without losing the others.
//!
//! All terminal work goes through the [`Prompter`] trait: [`term::Dialoguer`] talks to a person
//! on stderr (so `mynumber plan > plan.md` still asks), [`Scripted`] replays answers for tests.
//! This module decides what to ask and checks each answer; it never writes the profile.

pub(crate) mod gating;
pub(crate) mod term;
mod theme;

#[cfg(test)]
use std::collections::VecDeque;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::engine::facts::{self, Answers, Value};
use crate::engine::plan::missing_required;
use crate::error::Error;
use crate::kb::Kb;
use crate::kb::schema::{FactDecl, FactType, GateDecl};
use crate::kb::text::{Lang, Text};
use crate::wording::messages;

pub(crate) use term::confirm;

/// One question about one fact.
#[derive(Debug, Clone)]
pub(crate) struct Question {
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "read by the scripted prompter of the unit tests")
    )]
    pub(crate) fact: String,
    pub(crate) prompt: String,
    pub(crate) help: Option<String>,
    /// "I don't know / not yet" is possible.
    pub(crate) optional: bool,
    /// The current answer when a question is asked again from the review screen: a date as
    /// written, a choice's key, `true`/`false`. The prompt starts from it.
    pub(crate) current: Option<String>,
}

/// One entry of a list: what the program gets back (`key`) and what the person sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Choice {
    pub(crate) key: String,
    pub(crate) label: String,
}

/// Checks a typed date: `Ok(None)` is "I don't know / not yet".
pub(crate) type DateCheck<'a> = dyn Fn(&str) -> Result<Option<NaiveDate>, String> + 'a;

/// Asks questions. Every method returns `Err` with exit 130 when the person interrupts.
pub(crate) trait Prompter {
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
pub(crate) fn words(lang: Lang, t: &Text) -> String {
    t.get(lang).to_string()
}

fn dont_know(lang: Lang) -> String {
    words(lang, &messages::dont_know())
}

/// Tells where the answers were saved (stderr).
pub(crate) fn saved(lang: Lang, path: &std::path::Path) {
    crate::say!("{}", messages::saved_answers(path.display()).get(lang));
}

/// How an answer is shown on the review screen.
pub(crate) fn show_value(kb: &Kb, lang: Lang, fact: &FactDecl, v: Option<&Value>) -> String {
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
        (_, Value::Bool(true)) => words(lang, &messages::yes()),
        (_, Value::Bool(false)) => words(lang, &messages::no()),
        _ => v.render(),
    }
}

/// A status shown with both names, the person's language first.
fn status_label(lang: Lang, name: &Text) -> String {
    let (first, other) = match lang {
        Lang::En => (&name.en, &name.ja),
        Lang::Ja => (&name.ja, &name.en),
    };
    words(lang, &messages::name_and_other(first, other))
}

/// What the interview knows so far: the person's answers, the facts asked (answered or not)
/// and the gates answered.
struct State {
    mine: Answers,
    asked: BTreeSet<String>,
    gates: BTreeMap<String, bool>,
}

/// Runs the interview.
///
/// `editable` are the answers the person may change (the saved profile); `locked` were given
/// on the command line and win over anything asked. Returns the new editable answers (what was
/// answered "don't know" is absent).
pub(crate) struct Interview<'a> {
    pub(crate) kb: &'a Kb,
    pub(crate) lang: Lang,
    pub(crate) today: NaiveDate,
    pub(crate) locked: &'a Answers,
}

impl Interview<'_> {
    pub(crate) fn run(&self, editable: Answers, p: &mut dyn Prompter) -> Result<Answers, Error> {
        let gating = gating::Gating::new(self.kb, self.today);
        let mut st = State {
            mine: editable,
            asked: BTreeSet::new(),
            gates: BTreeMap::new(),
        };
        p.say(&words(self.lang, &messages::interview_intro()))?;
        loop {
            self.ask_what_is_needed(&gating, &mut st, p)?;
            let entries = self.review_entries(&st);
            let title = words(self.lang, &messages::review_title());
            let ok = words(self.lang, &messages::review_ok());
            match p.review(&title, &ok, &entries)? {
                None => break,
                Some(key) => {
                    if let Some(g) = self.kb.gates.iter().find(|g| g.name.get_ref() == &key) {
                        self.ask_gate(g, &mut st, p)?;
                    } else if let Some(decl) = self.kb.fact(&key) {
                        let required =
                            missing_required(self.kb, &self.without(&st.mine, &key), self.today)
                                .contains(&key);
                        self.ask(decl, !required, &mut st.mine, p)?;
                    }
                }
            }
        }
        Ok(st.mine)
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

    /// Required facts first, then whatever can still change the plan, until nothing can.
    fn ask_what_is_needed(
        &self,
        gating: &gating::Gating<'_>,
        st: &mut State,
        p: &mut dyn Prompter,
    ) -> Result<(), Error> {
        // Bounded: each round asks a fact never asked before or a gate never answered, or stops.
        for _ in 0..=self.kb.facts.len() + self.kb.gates.len() {
            let combined = self.combined(&st.mine);
            if let Some(f) = missing_required(self.kb, &combined, self.today)
                .into_iter()
                .next()
            {
                let Some(decl) = self.kb.fact(&f) else {
                    return Ok(());
                };
                st.asked.insert(f);
                self.ask(decl, false, &mut st.mine, p)?;
                continue;
            }
            match gating.next(&combined, &st.asked, &st.gates) {
                None => return Ok(()),
                Some(gating::Next::Fact(decl)) => {
                    st.asked.insert(decl.name.get_ref().clone());
                    self.ask(decl, true, &mut st.mine, p)?;
                }
                Some(gating::Next::Gate(g)) => self.ask_gate(g, st, p)?,
            }
        }
        Ok(())
    }

    /// Asks a gate's yes/no question. A no forgets the answers to its facts (they were about
    /// an event that is not happening); a yes lets them be asked.
    fn ask_gate(&self, g: &GateDecl, st: &mut State, p: &mut dyn Prompter) -> Result<(), Error> {
        let name = g.name.get_ref().clone();
        let combined = self.combined(&st.mine);
        let current = g
            .facts
            .iter()
            .any(|f| combined.get(f.get_ref()).is_some())
            .then_some(true)
            .or(st.gates.get(&name).copied());
        let q = Question {
            fact: name.clone(),
            prompt: g.question.get(self.lang).to_string(),
            help: g.help.as_ref().map(|h| h.get(self.lang).to_string()),
            optional: false,
            // Most people have no event to tell: no is the default.
            current: Some(current.unwrap_or(false).to_string()),
        };
        let yes = p.ask_bool(&q)?.unwrap_or(false);
        st.gates.insert(name, yes);
        if !yes {
            for f in &g.facts {
                st.mine.remove(f.get_ref());
            }
        }
        Ok(())
    }

    fn review_entries(&self, st: &State) -> Vec<Choice> {
        let capital = |noun: &str| -> String {
            let mut chars = noun.chars();
            match chars.next() {
                Some(c) => c.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        };
        let mut entries: Vec<(u32, Choice)> = self
            .kb
            .facts
            .iter()
            .filter(|f| {
                let n = f.name.get_ref();
                self.locked.get(n).is_none() && (st.mine.get(n).is_some() || st.asked.contains(n))
            })
            .map(|f| {
                let n = f.name.get_ref();
                let noun = capital(f.noun.get(self.lang));
                let value = show_value(self.kb, self.lang, f, st.mine.get(n));
                (
                    f.order,
                    Choice {
                        key: n.clone(),
                        label: words(self.lang, &messages::labelled(noun, value)),
                    },
                )
            })
            .collect();
        // The gates answered here; one answered by the command line's facts is not the
        // person's to change.
        for g in &self.kb.gates {
            if g.facts
                .iter()
                .any(|f| self.locked.get(f.get_ref()).is_some())
            {
                continue;
            }
            // An event with answers is shown by them (so the screen stays short); the gate only
            // while none of its facts is answered.
            let listed = g.facts.iter().any(|f| st.mine.get(f.get_ref()).is_some());
            let Some(&yes) = st.gates.get(g.name.get_ref()).filter(|_| !listed) else {
                continue;
            };
            let noun = capital(g.noun.get(self.lang));
            let value = words(
                self.lang,
                &if yes { messages::yes() } else { messages::no() },
            );
            entries.push((
                g.order,
                Choice {
                    key: g.name.get_ref().clone(),
                    label: words(self.lang, &messages::labelled(noun, value)),
                },
            ));
        }
        entries.sort_by_key(|(order, _)| *order);
        entries.into_iter().map(|(_, c)| c).collect()
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
                        label: words(lang, &messages::another_municipality()),
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
pub(crate) fn check_date(
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
            Err(words(lang, &messages::answer_needed()))
        };
    }
    if facts::looks_like_individual_number(typed) {
        return Err(messages::individual_number_refusal().get(lang).to_string());
    }
    let d = crate::dates::parse(typed).map_err(|e| {
        crate::wording::messages::date_error(&e)
            .get(lang)
            .to_string()
    })?;
    let mut probe = others.clone();
    probe.set(decl.name.get_ref().clone(), Value::Date(d));
    let problems = crate::answers::problems(kb, &probe, today);
    if let Some((_, msg)) = problems.iter().find(|(f, _)| f == decl.name.get_ref()) {
        return Err(msg.get(lang).to_string());
    }
    Ok(Some(d))
}

/// A prompter that replays typed answers, for tests. Each reply is what a person would type
/// or choose: a date (or "" for don't know), a choice's key, "yes"/"no"/"", and on the review
/// screen "ok" or the fact to change. Every question and every rejected date is logged.
#[cfg(test)]
#[derive(Debug, Default)]
pub(crate) struct Scripted {
    pub(crate) replies: VecDeque<String>,
    pub(crate) log: Vec<String>,
    /// When the replies run out: "don't know" to every question and "ok" on the review.
    pub(crate) then_dont_know: bool,
}

#[cfg(test)]
impl Scripted {
    pub(crate) fn new(replies: &[&str]) -> Scripted {
        Scripted {
            replies: replies
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            log: Vec::new(),
            then_dont_know: false,
        }
    }
    /// After the replies, "don't know" to everything and "ok" on the review screen.
    pub(crate) fn then_dont_know(mut self) -> Scripted {
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
    pub(crate) fn asked(&self) -> Vec<String> {
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

#[cfg(test)]
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
            // Enter on a yes/no gate: its default, as on a terminal.
            "" if q.current.is_some() => Ok(q.current.as_deref().map(|c| c == "true")),
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
        let order = |f: &String| {
            kb.fact(f).map_or_else(
                || {
                    kb.gates
                        .iter()
                        .find(|g| g.name.get_ref() == f)
                        .unwrap()
                        .order
                },
                |d| d.order,
            )
        };
        let orders: Vec<u32> = asked.iter().map(order).collect();
        let mut sorted = orders.clone();
        sorted.sort_unstable();
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
        for f in &move_facts[..2] {
            assert!(p.asked().contains(&f.to_string()), "{f}: {:?}", p.asked());
        }
        // The notice at the new address comes after the moving-out notice: asked once that
        // one is filed.
        assert!(!p.asked().contains(&move_facts[2].to_string()));
        locked.set("move_out_filed_on", Value::Date(day("2026-11-02")));
        let (r, p) = run_with(&locked, Answers::new(), Scripted::new(&[]).then_dont_know());
        assert!(r.is_ok());
        for f in &move_facts[1..] {
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
    fn a_gate_changed_on_the_review_asks_or_forgets_the_event_s_facts() {
        let mut locked = Answers::new();
        locked.set("nationality", Value::Key("japanese".into()));
        locked.set("card_expires", Value::Date(day("2031-05-05")));
        let (_, probe) = run_with(&locked, Answers::new(), Scripted::new(&[]).then_dont_know());
        let n = probe.asked().len();
        assert!(
            probe.asked().contains(&"moving".to_string()),
            "{:?}",
            probe.asked()
        );
        // Enter on every question (no to every gate), then yes to moving from the review.
        let mut script: Vec<&str> = std::iter::repeat_n("", n).collect();
        script.extend(["moving", "yes", "2026-12-10", "no"]);
        let (r, p) = run_with(
            &locked,
            Answers::new(),
            Scripted::new(&script).then_dont_know(),
        );
        let a = r.unwrap();
        assert_eq!(a.date("move_planned_on"), Some(day("2026-12-10")));
        assert_eq!(a.get("move_within_municipality"), Some(&Value::Bool(false)));
        // The gate is on the first review; on the second, the move's answers stand for it.
        let reviews: Vec<&String> = p.log.iter().filter(|l| l.starts_with("review ")).collect();
        assert!(
            reviews[0].contains("Moving within Japan: no"),
            "{reviews:?}"
        );
        assert!(!reviews[1].contains("Moving within Japan"), "{reviews:?}");
        assert!(
            reviews[1].contains("Your planned moving day: 2026-12-10"),
            "{reviews:?}"
        );
        // A yes whose dates are all unknown keeps the gate on the screen; back to no forgets
        // what was answered about the event.
        let mut script: Vec<&str> = std::iter::repeat_n("", n).collect();
        script.extend(["moving", "yes", "", "moving", "no"]);
        let (r, p) = run_with(
            &locked,
            Answers::new(),
            Scripted::new(&script).then_dont_know(),
        );
        assert_eq!(r.unwrap().get("move_planned_on"), None);
        assert!(
            p.asked().contains(&"move_planned_on".to_string()),
            "{:?}",
            p.asked()
        );
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
        assert!(
            check_date(&kb, Lang::Ja, today, decl, &others, true, "123456789012")
                .unwrap_err()
                .starts_with("個人番号（12桁）のようです。")
        );
    }
}

/// Personas answering by question (a fact's or a gate's name), to count what each is asked.
#[cfg(test)]
mod personas {
    use super::*;
    use std::collections::BTreeMap;

    /// Answers from a table; every other question gets "don't know", or its default.
    struct Persona {
        replies: BTreeMap<&'static str, &'static str>,
        asked: Vec<String>,
    }

    impl Persona {
        fn reply(&mut self, q: &Question) -> String {
            self.asked.push(q.fact.clone());
            self.replies
                .get(q.fact.as_str())
                .map_or(String::new(), std::string::ToString::to_string)
        }
    }

    impl Prompter for Persona {
        fn say(&mut self, _t: &str) -> Result<(), Error> {
            Ok(())
        }
        fn ask_date(
            &mut self,
            q: &Question,
            check: &DateCheck<'_>,
        ) -> Result<Option<NaiveDate>, Error> {
            let r = self.reply(q);
            check(&r).map_err(|e| Error::failure(format!("{}: {e}", q.fact)))
        }
        fn ask_choice(&mut self, q: &Question, c: &[Choice]) -> Result<String, Error> {
            let r = self.reply(q);
            Ok(if r.is_empty() {
                c.last().map(|c| c.key.clone()).unwrap_or_default()
            } else {
                r
            })
        }
        fn ask_status(&mut self, q: &Question, c: &[Choice]) -> Result<String, Error> {
            self.ask_choice(q, c)
        }
        fn ask_bool(&mut self, q: &Question) -> Result<Option<bool>, Error> {
            let r = self.reply(q);
            Ok(match r.as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ if q.optional => None,
                _ => q.current.as_deref().map(|c| c == "true"),
            })
        }
        fn review(&mut self, _t: &str, _o: &str, _e: &[Choice]) -> Result<Option<String>, Error> {
            Ok(None)
        }
    }

    fn interview(replies: &[(&'static str, &'static str)]) -> (Answers, Vec<String>) {
        let kb = Kb::embedded().unwrap();
        let locked = Answers::new();
        let iv = Interview {
            kb: &kb,
            lang: Lang::En,
            today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            locked: &locked,
        };
        let mut p = Persona {
            replies: replies.iter().copied().collect(),
            asked: Vec::new(),
        };
        let a = iv.run(Answers::new(), &mut p).unwrap();
        (a, p.asked)
    }

    /// A student who landed a week ago, moved in the next day and has not registered yet.
    const NEW_ARRIVAL: &[(&str, &str)] = &[
        ("nationality", "foreign"),
        ("status", "student"),
        ("entry_date", "2026-11-15"),
        ("moved_in", "2026-11-16"),
        ("birth_date", "2004-05-05"),
        ("health_insurance", "none"),
    ];

    /// A permanent resident registered for years, with a card, insured at work, no event.
    const RESIDENT: &[(&str, &str)] = &[
        ("nationality", "foreign"),
        ("status", "permanent_resident"),
        ("card_held", "yes"),
        ("card_expires", "2031-05-05"),
        ("ecert_expires", "2030-05-05"),
        ("insurance_linked", "yes"),
        // Never asked: the card already says the person is registered.
        ("moved_in", "2015-04-01"),
        ("registered_on", "2015-04-02"),
    ];

    #[test]
    fn a_new_arrival_who_has_not_registered_answers_at_most_9_questions() {
        let (a, asked) = interview(NEW_ARRIVAL);
        assert!(asked.len() <= 9, "{} questions: {asked:?}", asked.len());
        for f in [
            "entry_date",
            "moved_in",
            "registered_on",
            "moving",
            "leaving",
        ] {
            assert!(asked.contains(&f.to_string()), "{f}: {asked:?}");
        }
        // Nothing about a card, the Notice or the pension before registering.
        for f in [
            "card_held",
            "card_application",
            "card_lost",
            "has_number",
            "notice_received_on",
            "pension_joined_on",
            "card_lost_on",
        ] {
            assert!(!asked.contains(&f.to_string()), "{f}: {asked:?}");
        }
        // The story's order: landing, then the address, then its registration.
        let at = |f: &str| asked.iter().position(|x| x == f).unwrap();
        assert!(at("entry_date") < at("moved_in") && at("moved_in") < at("registered_on"));
        assert_eq!(a.date("moved_in"), NaiveDate::from_ymd_opt(2026, 11, 16));
    }

    #[test]
    fn a_long_term_resident_with_a_card_and_no_event_answers_at_most_10_questions() {
        let (a, asked) = interview(RESIDENT);
        assert!(asked.len() <= 10, "{} questions: {asked:?}", asked.len());
        for f in [
            "card_held",
            "card_expires",
            "ecert_expires",
            "insurance_linked",
        ] {
            assert!(asked.contains(&f.to_string()), "{f}: {asked:?}");
        }
        // No arrival questions for a card holder, and each event is one no.
        for f in [
            "moved_in",
            "registered_on",
            "has_number",
            "notice_received_on",
            "move_planned_on",
            "departure_planned_on",
            "card_lost_on",
        ] {
            assert!(!asked.contains(&f.to_string()), "{f}: {asked:?}");
        }
        for g in ["moving", "leaving", "card_lost"] {
            assert!(asked.contains(&g.to_string()), "{g}: {asked:?}");
        }
        assert!(a.get("moved_in").is_none());
        // A Japanese national is asked no status: one question fewer.
        let mut jp = RESIDENT.to_vec();
        jp[0] = ("nationality", "japanese");
        let (_, asked_jp) = interview(&jp);
        assert_eq!(asked_jp.len(), asked.len() - 1, "{asked_jp:?}");
    }

    #[test]
    fn an_event_s_dates_are_asked_only_after_its_yes() {
        let mut mover = RESIDENT.to_vec();
        mover.extend([
            ("moving", "yes"),
            ("move_planned_on", "2026-12-10"),
            ("move_within_municipality", "no"),
        ]);
        let (a, asked) = interview(&mover);
        let at = |f: &str| asked.iter().position(|x| x == f);
        let gate = at("moving").unwrap();
        assert!(at("move_planned_on").unwrap() == gate + 1, "{asked:?}");
        assert!(at("move_within_municipality").unwrap() > gate, "{asked:?}");
        // The move is in the future: the day actually moved is not asked yet.
        assert!(at("moved_on").is_none(), "{asked:?}");
        assert_eq!(
            a.date("move_planned_on"),
            NaiveDate::from_ymd_opt(2026, 12, 10)
        );
        // A lost card: its day, then the loss notice (asked once the loss is known).
        let mut lost = RESIDENT.to_vec();
        lost.extend([("card_lost", "yes"), ("card_lost_on", "2026-11-20")]);
        let (_, asked) = interview(&lost);
        let at = |f: &str| asked.iter().position(|x| x == f);
        assert_eq!(
            at("card_lost_on"),
            at("card_lost").map(|i| i + 1),
            "{asked:?}"
        );
        assert!(at("loss_reported_on").is_some(), "{asked:?}");
    }

    #[test]
    fn the_municipality_is_asked_only_when_its_closed_days_move_a_deadline() {
        let (_, asked) = interview(RESIDENT);
        assert!(!asked.contains(&"municipality".to_string()), "{asked:?}");
        // The card expires on Okinawa Memorial Day, a closed day in Naha only: where you live
        // now decides the last day to renew.
        let mut naha = RESIDENT.to_vec();
        naha[3] = ("card_expires", "2027-06-23");
        naha.push(("municipality", "472018"));
        let (a, asked) = interview(&naha);
        assert!(asked.contains(&"municipality".to_string()), "{asked:?}");
        assert_eq!(a.get("municipality"), Some(&Value::Key("472018".into())));
    }

    #[test]
    fn an_arrival_who_has_registered_is_asked_about_the_notice_and_the_card() {
        let mut registered = NEW_ARRIVAL.to_vec();
        registered.push(("registered_on", "2026-11-18"));
        let (_, asked) = interview(&registered);
        for f in ["card_held", "notice_received_on", "pension_joined_on"] {
            assert!(asked.contains(&f.to_string()), "{f}: {asked:?}");
        }
        // The card first: someone holding one is not asked about the Notice.
        let mut holder = registered.clone();
        holder.extend([("card_held", "yes"), ("card_expires", "2031-11-01")]);
        let (_, asked) = interview(&holder);
        assert!(
            !asked.contains(&"notice_received_on".to_string()),
            "{asked:?}"
        );
    }
}
