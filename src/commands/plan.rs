//! `mynumber plan`: every step that applies, with its dates, in the chosen format; with
//! `--household`, every member's steps in one plan.

use crate::checklist::household;
use crate::cli::{AnswerArgs, Format, OutputArgs};
use crate::context::{Env, gather_answers, household_answers, write_output};
use crate::engine;
use crate::error::Error;
use crate::history;
use crate::render::{self, Style};

pub(crate) fn run(
    env: &Env,
    answers: &AnswerArgs,
    output: &OutputArgs,
    all: bool,
    no_history: bool,
) -> Result<(), Error> {
    let a = gather_answers(env, answers)?;
    let plan = if all {
        engine::plan::make_plan_with_hints(&env.kb, &a, env.today)
    } else {
        engine::make_plan(&env.kb, &a, env.today)
    };
    // What changed since the last plan: for the saved profile's plans only (see history.rs).
    let since = match (!no_history).then(|| history::in_use(answers.given())) {
        Some(Some(path)) => history::remember(
            &path,
            &env.kb,
            env.lang,
            &plan,
            &a,
            answers.member.as_deref(),
        )?
        .map(|b| b.text),
        _ => None,
    };
    let style = Style {
        lang: env.lang,
        color: env.color && output.output.is_none(),
        width: env.width,
        all,
    };
    write_output(output, |fmt, out| {
        if let (Some(block), Format::Table | Format::Markdown) = (&since, fmt) {
            out.write_all(block.as_bytes())?;
        }
        match fmt {
            Format::Table => render::table::render(&env.kb, &plan, style, out),
            Format::Json => render::json::render(&env.kb, &plan, style, out),
            Format::Markdown => render::markdown::render(&env.kb, &plan, style, out),
            Format::Ics => render::ics::render(&env.kb, &plan, style, out),
            Format::Html => render::html::render(&env.kb, &plan, style, out),
        }
    })
}

/// `mynumber plan --household`. Each member's history is kept as for `plan --member NAME`.
pub(crate) fn run_household(env: &Env, output: &OutputArgs, no_history: bool) -> Result<(), Error> {
    let people = household_answers(env)?;
    // Each member's changes; one line when nothing changed for anyone.
    let mut blocks = String::new();
    if let Some(Some(path)) = (!no_history).then(|| history::in_use(false)) {
        let mut since = None;
        for (name, answers) in &people {
            let plan = engine::make_plan(&env.kb, answers, env.today);
            let block = history::remember(&path, &env.kb, env.lang, &plan, answers, Some(name))?;
            if let Some(b) = block {
                since = since.max(Some(b.since));
                if !b.unchanged {
                    blocks.push_str(&b.text);
                }
            }
        }
        if let (true, Some(d)) = (blocks.is_empty(), since) {
            blocks = history::nothing_changed(d, env.lang);
        }
    }
    let names: Vec<String> = people.iter().map(|(n, _)| n.clone()).collect();
    let rows = household::plan(&env.kb, &people, env.today);
    let style = super::plain_style(env);
    let (kb, today) = (&env.kb, env.today);
    write_output(output, |fmt, out| {
        // The changes since the last plans lead the formats read as text, as for one person.
        if matches!(fmt, Format::Table | Format::Markdown) {
            out.write_all(blocks.as_bytes())?;
        }
        match fmt {
            Format::Table => render::household::plan_table(kb, today, &names, &rows, style, out),
            Format::Json => render::household::plan_json(kb, today, &names, &rows, style, out),
            Format::Markdown => {
                render::household::plan_markdown(kb, today, &names, &rows, style, out)
            }
            Format::Ics => render::ics::render_household(kb, today, &rows, style, out),
            Format::Html => render::household::plan_html(kb, today, &names, &rows, style, out),
        }
    })
}
