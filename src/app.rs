//! Parse the arguments, build the context, dispatch to a command — nothing else.

use clap::Parser;

use crate::cli::{Cli, Command, KbAction};
use crate::commands;
use crate::context::{self, Env};
use crate::error::{Error, Exit};
use crate::kb::text::Lang;

pub fn run() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(c) => c,
        Err(e) => {
            // Help and version go to stdout (a closed pipe is not an error); a usage error to
            // stderr, redacted like every message: it repeats the argument it did not take.
            let code = if e.use_stderr() {
                let text = match context::lang_of_args(&args) {
                    Lang::En => e.render().to_string(),
                    Lang::Ja => crate::wording::usage::japanese(&e),
                };
                crate::redact::stderr(&text);
                Exit::Usage
            } else {
                let _ = crate::redact::stdout(&e.render().to_string());
                Exit::Ok
            };
            return std::process::ExitCode::from(code.code());
        }
    };
    let lang = context::lang(&cli);
    match dispatch(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            crate::redact::stderr(&e.render(lang));
            std::process::ExitCode::from(e.exit.code())
        }
    }
}

fn dispatch(cli: Cli) -> Result<(), Error> {
    // `kb check` runs before any knowledge base is loaded, so it can report a broken one.
    if let Command::Kb {
        action: KbAction::Check { dir },
    } = &cli.command
    {
        let dir = dir.as_deref().or(cli.global.kb.as_deref());
        return commands::kb::check(dir, context::today(&cli)?, context::lang(&cli));
    }
    // The manual pages need nothing but the argument definitions.
    if let Command::Man { dir } = &cli.command {
        return commands::man::run(dir.as_deref(), &mut std::io::stdout().lock());
    }
    let env = Env::new(&cli)?;
    match cli.command {
        Command::Plan {
            output,
            no_history,
            household: true,
            ..
        } => commands::plan::run_household(&env, &output, no_history),
        Command::Plan {
            answers,
            output,
            all,
            no_history,
            household: false,
        } => commands::plan::run(&env, &answers, &output, all, no_history),
        Command::Checklist {
            output,
            visit,
            household: true,
            ..
        } => commands::checklist::run_household(&env, &output, visit.as_deref()),
        Command::Checklist {
            answers,
            output,
            visit,
            household: false,
        } => commands::checklist::run(&env, &answers, &output, visit.as_deref()),
        Command::Next {
            answers,
            within,
            format,
        } => commands::next::run(&env, &answers, within, format),
        Command::Explain { step, answers } => commands::explain::run(&env, &step, &answers),
        Command::Done { step, on, member } => {
            commands::done::run(&env, &step, on.as_deref(), member.as_deref())
        }
        Command::Profile { action } => commands::profile::run(&env, &action),
        Command::Kb { action } => commands::kb::run(&env, &action),
        Command::Test { files } => commands::test::run(&env, &files),
        Command::Completions { shell } => commands::completions::run(&env, shell),
        Command::Batch(args) => commands::batch::run(&env, &args),
        Command::Man { .. } => Ok(()),
    }
}
