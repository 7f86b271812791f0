//! `mynumber plan`: every step that applies, with its dates, in the chosen format.

use crate::cli::{AnswerArgs, Format, OutputArgs};
use crate::context::{Env, gather_answers, write_output};
use crate::engine;
use crate::error::Error;
use crate::render::{self, Style};

pub fn run(env: &Env, answers: &AnswerArgs, output: &OutputArgs, all: bool) -> Result<(), Error> {
    let a = gather_answers(env, answers)?;
    let plan = if all {
        engine::plan::make_plan_with_hints(&env.kb, &a, env.today)
    } else {
        engine::make_plan(&env.kb, &a, env.today)
    };
    let style = Style {
        lang: env.lang,
        color: env.color && output.output.is_none(),
        width: env.width,
        all,
    };
    write_output(output, |fmt, out| match fmt {
        Format::Table => render::table::render(&env.kb, &plan, &style, out),
        Format::Json => render::json::render(&env.kb, &plan, &style, out),
        Format::Markdown => render::markdown::render(&env.kb, &plan, &style, out),
        Format::Ics => render::ics::render(&env.kb, &plan, &style, out),
        Format::Html => render::html::render(&env.kb, &plan, &style, out),
    })
}
