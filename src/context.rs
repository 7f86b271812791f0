//! What every command needs, decided once: the knowledge base, today, the language, the
//! terminal, the answers, and where the product goes.
//!
//! This is the only place that reads the clock, the environment and the terminal; everything it
//! passes on to the engine is plain data. Commands write their product through
//! [`write_output`] or [`write_stdout`], so a closed pipe is handled in one place.

use std::io::{IsTerminal, Write};

use chrono::NaiveDate;

use crate::cli::{AnswerArgs, Cli, ColorChoice, Format, OutputArgs};
use crate::engine::{self, Answers};
use crate::error::Error;
use crate::kb::Kb;
use crate::kb::text::{Lang, Text};
use crate::wording::messages;

/// Everything a command needs, decided once from the arguments and the environment.
pub(crate) struct Env {
    pub(crate) kb: Kb,
    pub(crate) today: NaiveDate,
    pub(crate) lang: Lang,
    pub(crate) color: bool,
    /// Both stdin and stderr are terminals: prompts are possible.
    pub(crate) interactive: bool,
    pub(crate) width: Option<u16>,
}

/// A date given on the command line (`what` names the option), or a usage error in both
/// languages.
pub(crate) fn parse_day(s: &str, what: &str) -> Result<NaiveDate, Error> {
    parse_day_worded(s, &Text::from(what))
}

/// [`parse_day`] with a name in both languages (an environment variable).
fn parse_day_worded(s: &str, what: &Text) -> Result<NaiveDate, Error> {
    crate::dates::parse(s).map_err(|e| {
        let why = messages::date_error(&e);
        Error::usage(messages::per_lang(|l| {
            messages::labelled(what.get(l), why.get(l))
        }))
    })
}

/// `--visit DAY` (default: today). A day before today is refused naming both days: a visit is
/// planned, and a checklist as it was on a past day is `--today DAY`.
pub(crate) fn parse_visit(s: Option<&str>, today: NaiveDate) -> Result<NaiveDate, Error> {
    let Some(s) = s else {
        return Ok(today);
    };
    let visit = parse_day(s, "--visit").map_err(|e| e.hint(messages::visit_hint()))?;
    if visit < today {
        return Err(Error::usage(messages::visit_before_today(visit, today))
            .hint(messages::visit_past_hint(visit)));
    }
    Ok(visit)
}

/// `--today`, else `MYNUMBER_TODAY`, else today in Japan. The environment variables are read
/// here rather than by clap, so that a bad value is reported as the variable it came from.
pub(crate) fn today(cli: &Cli) -> Result<NaiveDate, Error> {
    match (&cli.global.today, env_var("MYNUMBER_TODAY")?) {
        (Some(s), _) => parse_day(s, "--today"),
        (None, Some(s)) => parse_day_worded(&s, &messages::env_variable("MYNUMBER_TODAY")),
        (None, None) => Ok(crate::dates::today_in_japan(chrono::Utc::now())),
    }
}

/// `--lang`, else `MYNUMBER_LANG`, else the locale; a `MYNUMBER_LANG` that is neither `en` nor
/// `ja` is a usage error naming the variable.
fn lang_checked(cli: &Cli) -> Result<Lang, Error> {
    match (cli.global.lang, env_var("MYNUMBER_LANG")?) {
        (Some(l), _) => Ok(l),
        (None, Some(s)) => <Lang as clap::ValueEnum>::from_str(s.trim(), true)
            .map_err(|_| Error::usage(messages::bad_lang_variable(&s))),
        (None, None) => Ok(lang(cli)),
    }
}

/// An environment variable's value; unset or empty is `None`, and one that is not text is a
/// usage error naming it.
fn env_var(name: &str) -> Result<Option<String>, Error> {
    match std::env::var(name) {
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => Ok(Some(v)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(Error::usage(messages::env_not_text(name))),
    }
}

/// The width the table and lists are laid out for: `COLUMNS` when it is a positive number,
/// else the terminal's width; a terminal that reports 0 columns or no size gets 80. Output to
/// a file or a pipe (not a terminal, no `COLUMNS`) is not wrapped.
pub(crate) fn output_width(
    columns: Option<&str>,
    is_terminal: bool,
    reported: Option<u16>,
) -> Option<u16> {
    if let Some(n) = columns
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&n| n > 0)
    {
        return Some(n);
    }
    if !is_terminal {
        return None;
    }
    Some(reported.filter(|&n| n > 0).unwrap_or(80))
}

/// The language of everything the tool says: `--lang`, else `MYNUMBER_LANG` when it is `en` or
/// `ja`, else the locale. Never fails: errors are rendered in it (see [`Env::new`] for the check).
pub(crate) fn lang(cli: &Cli) -> Lang {
    lang_or_default(cli.global.lang)
}

/// The language for an error in the arguments themselves, before they are parsed: the value of
/// the last `--lang` that names a language (`--lang ja`, `--lang=ja`), else as [`lang`].
pub(crate) fn lang_of_args(args: &[std::ffi::OsString]) -> Lang {
    let named = |v: Option<&std::ffi::OsString>| {
        v.and_then(|v| v.to_str())
            .and_then(|v| <Lang as clap::ValueEnum>::from_str(v.trim(), true).ok())
    };
    let flag = args.iter().enumerate().rev().find_map(|(i, a)| {
        match a.to_str().and_then(|a| a.strip_prefix("--lang")) {
            Some("") => named(args.get(i + 1)),
            Some(rest) => named(Some(&rest.strip_prefix('=')?.into())),
            None => None,
        }
    });
    lang_or_default(flag)
}

fn lang_or_default(flag: Option<Lang>) -> Lang {
    let from_env = std::env::var("MYNUMBER_LANG")
        .ok()
        .and_then(|s| <Lang as clap::ValueEnum>::from_str(s.trim(), true).ok());
    flag.or(from_env).unwrap_or_else(|| {
        let var = |k: &str| std::env::var(k).ok();
        lang_from_locale(
            var("LC_ALL").as_deref(),
            var("LC_MESSAGES").as_deref(),
            var("LANG").as_deref(),
        )
    })
}

/// The locale's language as POSIX decides it: the first of `LC_ALL`, `LC_MESSAGES`, `LANG`
/// that is set and not empty; Japanese when it starts with `ja` (`ja_JP.UTF-8`, `ja`),
/// English otherwise.
pub(crate) fn lang_from_locale(
    lc_all: Option<&str>,
    lc_messages: Option<&str>,
    lang: Option<&str>,
) -> Lang {
    let locale = [lc_all, lc_messages, lang]
        .into_iter()
        .flatten()
        .find(|v| !v.is_empty());
    match locale {
        Some(l) if l.starts_with("ja") => Lang::Ja,
        _ => Lang::En,
    }
}

impl Env {
    /// Decides everything once, loading the knowledge base (`--kb` or the embedded one).
    pub(crate) fn new(cli: &Cli) -> Result<Env, Error> {
        let g = &cli.global;
        let today = today(cli)?;
        let lang = lang_checked(cli)?;
        // A --kb directory gets the same checks as `kb check`, including the ones that depend on
        // today (stale sources, rules no longer in force); the embedded one skips those to load fast.
        let kb = match g.kb.as_deref() {
            Some(d) => Kb::from_dir_at(d, Some(today))?,
            None => Kb::embedded()?,
        };
        if g.kb.is_some() && !kb.warnings.is_empty() {
            let warnings: Vec<&crate::kb::diag::Diagnostic> = kb.warnings.iter().collect();
            crate::redact::stderr(&crate::kb::diag::render_list(
                &warnings,
                |name| kb.source_text(name),
                "",
                Some(crate::kb::diag::MAX_SHOWN),
                &messages::diagnostic_words(lang),
            ));
        }
        let color = match g.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        };
        let width = output_width(
            std::env::var("COLUMNS").ok().as_deref(),
            std::io::stdout().is_terminal(),
            terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| w.0),
        );
        Ok(Env {
            kb,
            today,
            lang,
            color,
            interactive: !g.no_input
                && std::io::stdin().is_terminal()
                && std::io::stderr().is_terminal(),
            width,
        })
    }
}

/// Answers from every source, later ones winning: the saved profile, the answers file, then
/// `--answer` pairs. Checked against each other and today. On a terminal, the interview asks
/// what is missing and saves it to the profile when a fact the plan cannot do without is
/// missing, or on a first run (no saved profile and no answers file); without a terminal,
/// missing required facts are exit 2 with what to supply.
pub(crate) fn gather_answers(env: &Env, args: &AnswerArgs) -> Result<Answers, Error> {
    gather(env, args, env.interactive)
}

/// As [`gather_answers`], but never interviews (for `next`, which runs from timers and shell
/// start-up files).
pub(crate) fn gather_answers_quietly(env: &Env, args: &AnswerArgs) -> Result<Answers, Error> {
    gather(env, args, false)
}

fn gather(env: &Env, args: &AnswerArgs, interactive: bool) -> Result<Answers, Error> {
    let mut given = Answers::new();
    if let Some(path) = &args.answers {
        given.overlay(&crate::answers::read_answers_file(&env.kb, path)?);
    }
    given.overlay(&crate::answers::parse_pairs(&env.kb, &args.answer)?);
    let mut profile = crate::profile::load_default(&env.kb, env.lang)?;
    let who = profile.member_index(args.member.as_deref())?;
    let mut answers = profile.person(who).answers.clone();
    answers.overlay(&given);
    let warnings = crate::answers::check(&env.kb, &answers, env.today)?;
    let missing = engine::plan::missing_required(&env.kb, &answers, env.today);
    let first_run = !profile.exists && args.answers.is_none();
    let ask = interactive && (first_run || !missing.is_empty());
    if !ask {
        if !missing.is_empty() {
            return Err(crate::answers::missing_error(&env.kb, &missing));
        }
        crate::answers::warn_order(&warnings, env.lang);
        return Ok(answers);
    }
    let interview = crate::interview::Interview {
        kb: &env.kb,
        lang: env.lang,
        today: env.today,
        locked: &given,
    };
    let mut prompter = crate::interview::term::Dialoguer::new(env.lang);
    let mine = interview.run(profile.person(who).answers.clone(), &mut prompter)?;
    drop(prompter);
    // The interview took minutes: what was saved meanwhile is reloaded under the lock, and only
    // the answers the interview changed are taken into it.
    let _lock = crate::profile::Lock::acquire_default()?;
    let before = profile.person(who).answers.clone();
    profile = crate::profile::load_default(&env.kb, env.lang)?;
    profile.person_mut(who).merge_answers(&before, &mine);
    profile.save(&env.kb)?;
    crate::interview::saved(env.lang, &profile.path);
    let mut answers = profile.person(who).answers.clone();
    answers.overlay(&given);
    let warnings = crate::answers::check(&env.kb, &answers, env.today)?;
    crate::answers::warn_order(&warnings, env.lang);
    Ok(answers)
}

/// Every household member's answers from the saved profile, first member first; never asks.
/// A member whose required answers are missing is exit 2, naming the member.
pub(crate) fn household_answers(env: &Env) -> Result<Vec<(String, Answers)>, Error> {
    let profile = crate::profile::load_default(&env.kb, env.lang)?;
    if !profile.exists {
        return Err(Error::usage(messages::no_household()).hint(messages::no_household_hint()));
    }
    let mut out = Vec::new();
    for (i, name) in profile.member_names().into_iter().enumerate() {
        let answers = profile.person(i).answers.clone();
        crate::answers::check(&env.kb, &answers, env.today)
            .map_err(|e| e.hint(messages::in_member_answers(&name)))?;
        let missing = engine::plan::missing_required(&env.kb, &answers, env.today);
        if !missing.is_empty() {
            return Err(crate::answers::missing_error(&env.kb, &missing)
                .hint(messages::member_answers_missing(&name)));
        }
        out.push((name, answers));
    }
    Ok(out)
}

/// Writes a command's product to stdout or `-o FILE`. A closed pipe is not an error.
pub(crate) fn write_output(
    output: &OutputArgs,
    render: impl FnOnce(Format, &mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let format = output.format.unwrap_or(Format::Table);
    match &output.output {
        Some(path) => {
            let mut buf = Vec::new();
            let fail =
                |e: std::io::Error| Error::failure(messages::cannot_write_file(path.display(), e));
            render(format, &mut buf).map_err(fail)?;
            crate::fsutil::write_output_file(path, &buf).map_err(|e| match e {
                crate::fsutil::OutputError::Io(e) => fail(e),
                crate::fsutil::OutputError::Refused(why) => {
                    let why = crate::wording::output_refusal(why);
                    Error::usage(messages::nest(&why, |w| {
                        messages::will_not_write(path.display(), w)
                    }))
                    .hint(messages::output_file_hint())
                }
            })
        }
        None => write_stdout(|out| render(format, out)),
    }
}

/// Writes a command's product to stdout. A closed pipe (`mynumber plan | head`) is not an
/// error: the reader has all it wanted.
pub(crate) fn write_stdout(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    match write(&mut lock).and_then(|()| lock.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::failure(messages::cannot_write_output(e))),
    }
}

/// Writes text for the person that repeats what they wrote (a report, the saved profile) to
/// stdout, redacted (see [`crate::redact`]). A closed pipe is not an error.
pub(crate) fn write_redacted(text: &str) -> Result<(), Error> {
    crate::redact::stdout(text).map_err(|e| Error::failure(messages::cannot_write_output(e)))
}

#[cfg(test)]
mod tests {
    use super::{lang_from_locale, output_width};
    use crate::kb::text::Lang;

    #[test]
    fn language_from_the_locale() {
        assert_eq!(lang_from_locale(None, None, Some("ja_JP.UTF-8")), Lang::Ja);
        assert_eq!(lang_from_locale(None, None, Some("ja")), Lang::Ja);
        assert_eq!(
            lang_from_locale(None, Some("ja_JP"), Some("en_US.UTF-8")),
            Lang::Ja
        );
        assert_eq!(
            lang_from_locale(Some("C"), None, Some("ja_JP.UTF-8")),
            Lang::En
        );
        assert_eq!(
            lang_from_locale(Some(""), None, Some("ja_JP.UTF-8")),
            Lang::Ja
        );
        assert_eq!(lang_from_locale(None, None, Some("en_GB.UTF-8")), Lang::En);
        assert_eq!(lang_from_locale(None, None, None), Lang::En);
    }

    #[test]
    fn width_from_columns_then_terminal_then_80() {
        assert_eq!(output_width(Some("100"), false, None), Some(100));
        assert_eq!(output_width(Some("100"), true, Some(60)), Some(100));
        assert_eq!(output_width(Some("0"), true, Some(60)), Some(60));
        assert_eq!(output_width(Some("wide"), true, Some(60)), Some(60));
        assert_eq!(output_width(None, true, Some(0)), Some(80));
        assert_eq!(output_width(None, true, None), Some(80));
        assert_eq!(output_width(Some("0"), true, Some(0)), Some(80));
        assert_eq!(output_width(None, false, None), None);
        assert_eq!(output_width(Some(""), false, Some(0)), None);
    }
}
