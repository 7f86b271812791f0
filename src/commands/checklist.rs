//! `mynumber checklist [--visit DATE]`: what to do, bring, know and ask for on one visit to
//! the municipal office; with `--household`, one sheet for the members going together.

use crate::checklist::{self, household};
use crate::cli::{AnswerArgs, Format, OutputArgs};
use crate::context::{Env, gather_answers, household_answers, write_output};
use crate::error::Error;
use crate::kb::text::Text;
use crate::render::{self, Style};
use crate::wording::messages;

pub(crate) fn run(
    env: &Env,
    answers: &AnswerArgs,
    output: &OutputArgs,
    visit: Option<&str>,
) -> Result<(), Error> {
    let visit = crate::context::parse_visit(visit, env.today)?;
    let a = gather_answers(env, answers)?;
    let c = checklist::build(&env.kb, &a, env.today, visit);
    let style = printed(env, output, &c.warnings);
    write_output(output, |fmt, out| match fmt {
        Format::Table => render::table::render_checklist(&env.kb, &c, style, out),
        Format::Json => render::json::render_checklist(&env.kb, &c, style, out),
        Format::Markdown => render::markdown::render_checklist(&env.kb, &c, style, out),
        Format::Ics => render::ics::render_checklist(&env.kb, &c, style, out),
        Format::Html => render::html::render_checklist(&env.kb, &c, style, out),
    })
}

/// `mynumber checklist --household [--visit DATE]`.
pub(crate) fn run_household(
    env: &Env,
    output: &OutputArgs,
    visit: Option<&str>,
) -> Result<(), Error> {
    let visit = crate::context::parse_visit(visit, env.today)?;
    let people = household_answers(env)?;
    let s = household::sheet(&env.kb, &people, env.today, visit);
    let style = printed(env, output, &s.warnings);
    write_output(output, |fmt, out| match fmt {
        Format::Table => render::household::sheet_table(&s, style, out),
        Format::Json => render::household::sheet_json(&env.kb, &s, style, out),
        Format::Markdown => render::household::sheet_markdown(&s, style, out),
        Format::Ics => render::ics::render_household_checklist(&env.kb, &s, style, out),
        Format::Html => render::household::sheet_html(&s, style, out),
    })
}

/// A checklist is made to be printed: laid out without colour, and its warnings said on
/// stderr when it is a table or goes to a file (JSON and the other formats carry them).
fn printed(env: &Env, output: &OutputArgs, warnings: &[Text]) -> Style {
    if output.format.unwrap_or(Format::Table) == Format::Table || output.output.is_some() {
        for w in warnings {
            crate::say!(
                "{}{}",
                messages::warning_prefix().get(env.lang),
                w.get(env.lang)
            );
        }
    }
    super::plain_style(env)
}
