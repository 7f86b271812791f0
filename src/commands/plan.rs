//! `mynumber plan`: every step that applies, with its dates, in the chosen format.

use crate::cli::{AnswerArgs, Format, OutputArgs};
use crate::context::{Env, gather_answers, write_output};
use crate::engine;
use crate::error::Error;
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
    let since = if no_history {
        None
    } else {
        crate::history::remember(env, answers, &plan, &a, answers.member.as_deref())?
            .map(|b| b.text)
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
