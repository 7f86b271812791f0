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
use crate::wording::day;

/// A step in the window, and whose it is (a name only when the household has several members).
pub(crate) struct Due<'k> {
    pub(crate) member: Option<String>,
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
            member: r
                .who
                .iter()
                .any(|w| !w.is_empty())
                .then(|| r.who.join(", ")),
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
    match (days, lang) {
        (0, Lang::En) => "today".into(),
        (0, Lang::Ja) => "今日".into(),
        (1, Lang::En) => "tomorrow".into(),
        (1, Lang::Ja) => "明日".into(),
        (n, Lang::En) if n < 0 => format!("{} days late", -n),
        (n, Lang::Ja) if n < 0 => format!("{}日超過", -n),
        (n, Lang::En) => format!("in {n} days"),
        (n, Lang::Ja) => format!("あと{n}日"),
    }
}

/// One line: when, how long, what, whose.
pub(crate) fn line(d: &Due<'_>, today: NaiveDate, lang: Lang) -> String {
    let p = &d.step;
    let title = p.step.decl.title.get(lang);
    let when = match (p.deadline, p.opens) {
        (Some(dl), _) if p.status != Status::Upcoming || p.opens.is_none_or(|o| o <= today) => {
            let by = match (p.status, lang) {
                (Status::Waiting, Lang::En) => "ask from",
                (Status::Waiting, Lang::Ja) => "問い合わせ目安",
                (_, Lang::En) => "by",
                (_, Lang::Ja) => "期限",
            };
            format!(
                "{by} {}, {}",
                day(dl, lang),
                left((dl - today).num_days(), lang)
            )
        }
        (dl, Some(o)) => {
            let opens = match lang {
                Lang::En => format!(
                    "opens {}, {}",
                    day(o, lang),
                    left((o - today).num_days(), lang)
                ),
                Lang::Ja => format!(
                    "{}から可能（{}）",
                    day(o, lang),
                    left((o - today).num_days(), lang)
                ),
            };
            match (dl, lang) {
                (Some(dl), Lang::En) => format!("{opens}; by {}", day(dl, lang)),
                (Some(dl), Lang::Ja) => format!("{opens}、期限 {}", day(dl, lang)),
                (None, _) => opens,
            }
        }
        (Some(dl), None) => day(dl, lang),
        (None, None) => String::new(),
    };
    let who = d
        .member
        .as_deref()
        .map(|m| match lang {
            Lang::En => format!("{m}: "),
            Lang::Ja => format!("{m}："),
        })
        .unwrap_or_default();
    match lang {
        Lang::En => format!("{who}{title} ({}): {when}", p.id()),
        Lang::Ja => format!("{who}{title}（{}）：{when}", p.id()),
    }
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
    member: Option<&'a str>,
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
                        member: d.member.as_deref(),
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
