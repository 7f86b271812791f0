//! `mynumber next [--within DAYS]`: one line per step that is due, or becomes due, within the
//! window, shortest deadline first; nothing at all when nothing is, so it can run from a shell
//! start-up file or a daily timer.

use std::io::Write;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::cli::{AnswerArgs, NextFormat};
use crate::context::{Env, gather_answers_quietly, write_stdout};
use crate::dates::fmt;
use crate::engine::{self, PlannedStep, Status};
use crate::error::Error;
use crate::kb::text::Lang;
use crate::wording::{day, messages};

/// A step in the window, and whose it is (names only when the household has several members).
pub(crate) struct Due<'k> {
    pub(crate) members: Vec<String>,
    pub(crate) step: PlannedStep<'k>,
}

/// Whether a step belongs in the window ending on `until`: not done, and its deadline falls
/// on or before `until` (overdue steps included), or it opens by then. Steps with neither a
/// deadline nor an opening day are never listed: they are not due by any day.
pub(crate) fn in_window(p: &PlannedStep<'_>, until: NaiveDate) -> bool {
    if p.status == Status::Done {
        return false;
    }
    p.deadline.is_some_and(|d| d <= until)
        || (p.status == Status::Upcoming && p.opens.is_some_and(|o| o <= until))
}

/// The steps due within `within` days of `today` for each member, shortest deadline first;
/// steps that only open in the window follow those with a deadline in it, by opening day. A
/// household step due on the same day for several members is one line for all of them.
pub(crate) fn collect<'k>(
    kb: &'k crate::kb::Kb,
    people: &[(Option<String>, engine::Answers)],
    today: NaiveDate,
    within: u32,
) -> Vec<Due<'k>> {
    let until = today + Duration::days(i64::from(within));
    let per_member = people
        .iter()
        .map(|(name, answers)| {
            (
                name.clone().unwrap_or_default(),
                engine::make_plan(kb, answers, today).steps,
            )
        })
        .collect();
    let mut out: Vec<Due<'k>> = crate::checklist::household::merge(per_member)
        .into_iter()
        .filter(|r| in_window(&r.step, until))
        .map(|r| Due {
            members: if r.who.iter().any(|w| !w.is_empty()) {
                r.who
            } else {
                Vec::new()
            },
            step: r.step,
        })
        .collect();
    out.sort_by_key(|d| {
        (
            d.step.deadline.unwrap_or(NaiveDate::MAX),
            d.step.opens.unwrap_or(NaiveDate::MAX),
        )
    });
    out
}

/// "in 3 days", "today", "2 days late".
fn left(days: i64, lang: Lang) -> String {
    let text = match days {
        0 => messages::due_today(),
        1 => messages::tomorrow(),
        n if n < 0 => messages::late(-n),
        n => messages::in_days(n),
    };
    text.get(lang).to_string()
}

/// One line: when, how long, what, whose.
pub(crate) fn line(d: &Due<'_>, today: NaiveDate, lang: Lang) -> String {
    let p = &d.step;
    let title = p.step.decl.title.get(lang);
    let when = match (p.deadline, p.opens) {
        (Some(dl), _) if p.status != Status::Upcoming || p.opens.is_none_or(|o| o <= today) => {
            let (dl, left) = (day(dl, lang), left((dl - today).num_days(), lang));
            let by = if p.status == Status::Waiting {
                messages::next_ask_from(dl, left)
            } else {
                messages::next_by(dl, left)
            };
            by.get(lang).to_string()
        }
        (dl, Some(o)) => {
            let opens = messages::next_opens(day(o, lang), left((o - today).num_days(), lang));
            match dl {
                Some(dl) => messages::next_opens_by(opens.get(lang), day(dl, lang))
                    .get(lang)
                    .to_string(),
                None => opens.get(lang).to_string(),
            }
        }
        (Some(dl), None) => day(dl, lang),
        (None, None) => String::new(),
    };
    let line = if d.members.is_empty() {
        messages::next_line(title, p.id(), when)
    } else {
        let members = d.members.join(messages::list_separator(lang));
        messages::next_line_for(members, title, p.id(), when)
    };
    line.get(lang).to_string()
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    schema: u32,
    kind: &'static str,
    today: String,
    within: u32,
    lang: &'static str,
    steps: Vec<JsonStep<'a>>,
}

#[derive(Serialize)]
struct JsonStep<'a> {
    member: Option<String>,
    id: &'a str,
    title: &'a str,
    status: &'static str,
    opens: Option<String>,
    deadline: Option<String>,
    deadline_kind: Option<&'static str>,
    days_left: Option<i64>,
    text: String,
}

pub(crate) fn render(
    due: &[Due<'_>],
    today: NaiveDate,
    within: u32,
    lang: Lang,
    format: NextFormat,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        NextFormat::Text => {
            for d in due {
                writeln!(out, "{}", line(d, today, lang))?;
            }
            Ok(())
        }
        NextFormat::Json => {
            let doc = JsonDoc {
                schema: 1,
                kind: "next",
                today: fmt(today),
                within,
                lang: lang.code(),
                steps: due
                    .iter()
                    .map(|d| JsonStep {
                        // Data, the same in either language.
                        member: (!d.members.is_empty()).then(|| d.members.join(", ")),
                        id: d.step.id(),
                        title: d.step.step.decl.title.get(lang),
                        status: d.step.status.key(),
                        opens: d.step.opens.map(fmt),
                        deadline: d.step.deadline.map(fmt),
                        deadline_kind: d
                            .step
                            .deadline_kind
                            .map(super::super::kb::schema::DeadlineKind::key),
                        days_left: d.step.days_left,
                        text: line(d, today, lang),
                    })
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            writeln!(out)
        }
    }
}

pub(crate) fn run(
    env: &Env,
    args: &AnswerArgs,
    within: u32,
    format: NextFormat,
) -> Result<(), Error> {
    let people = people(env, args)?;
    let due = collect(&env.kb, &people, env.today, within);
    if due.is_empty() && format == NextFormat::Text {
        return Ok(());
    }
    write_stdout(|out| render(&due, env.today, within, env.lang, format, out))
}

/// Whose steps to list: the answers given, or the saved profile. With neither, there is
/// nothing to list (and nothing is asked: `next` runs unattended).
fn people(env: &Env, args: &AnswerArgs) -> Result<Vec<(Option<String>, engine::Answers)>, Error> {
    if args.answers.is_none() && args.answer.is_empty() {
        let profile = crate::profile::load_default(&env.kb, env.lang)?;
        if !profile.exists {
            return Ok(Vec::new());
        }
        // The whole household, named when it has more than one member.
        if args.member.is_none() {
            let people = crate::context::household_answers(env)?;
            let named = people.len() > 1;
            return Ok(people
                .into_iter()
                .map(|(n, a)| (named.then_some(n), a))
                .collect());
        }
    }
    Ok(vec![(None, gather_answers_quietly(env, args)?)])
}
