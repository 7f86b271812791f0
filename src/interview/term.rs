//! The interview on a real terminal, with dialoguer, on stderr.
//!
//! Ctrl-C: dialoguer reads keys in raw mode and, on Ctrl-C, restores the terminal mode and
//! raises SIGINT, which by default kills the process with the cursor still hidden (selection
//! lists hide it). A handler installed for the interview shows the cursor again and exits 130;
//! the read that saw Ctrl-C also returns an `Interrupted` error, which becomes exit 130 by the
//! normal path. Whichever comes first prints the message and exits, the other waits for it;
//! nothing new has been saved then,
//! because the profile is written only after the review screen.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use dialoguer::console::Term;
use dialoguer::theme::{ColorfulTheme, Theme};
use dialoguer::{Confirm, FuzzySelect, Input, Select};

use super::theme::Plain;
use super::{Choice, DateCheck, Prompter, Question, words};
use crate::error::Error;
use crate::kb::text::Lang;
use crate::wording::messages;

const SHOW_CURSOR: &str = "\x1b[?25h";

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// The interview speaks Japanese (for the message printed by the signal handler).
static JAPANESE: AtomicBool = AtomicBool::new(false);
/// A prompt is on screen: nothing of the interview has been saved yet.
static ASKING: AtomicBool = AtomicBool::new(false);
static HANDLER: std::sync::Once = std::sync::Once::new();

/// Installs the Ctrl-C handler once (the interview and `profile forget` use it).
fn install_handler() {
    HANDLER.call_once(|| {
        // If a handler cannot be installed, Ctrl-C still ends the process (by the signal);
        // only the cursor may stay hidden.
        let _ = ctrlc::set_handler(|| {
            let mut err = std::io::stderr();
            let _ = write!(err, "{SHOW_CURSOR}");
            let _ = err.flush();
            // Whoever sees Ctrl-C first reports it and ends the process. When the read that
            // saw it got there first, the normal path is already printing the message and
            // exiting with 130: exiting here would cut it off.
            if INTERRUPTED.swap(true, Ordering::SeqCst) {
                return;
            }
            let lang = if JAPANESE.load(Ordering::SeqCst) {
                Lang::Ja
            } else {
                Lang::En
            };
            if ASKING.load(Ordering::SeqCst) {
                let _ = write!(err, "\n{}", Error::interrupted().render(lang));
            } else {
                let _ = writeln!(
                    err,
                    "\n{}{}",
                    messages::error_prefix().get(lang),
                    messages::stopped().get(lang)
                );
            }
            let _ = err.flush();
            std::process::exit(i32::from(crate::error::Exit::Interrupted.code()));
        });
    });
}

/// A dialoguer error as ours: Ctrl-C is exit 130 with the cursor shown.
fn from_dialoguer(e: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(io) = e;
    let _ = Term::stderr().show_cursor();
    if io.kind() == std::io::ErrorKind::Interrupted {
        // The message goes on its own line, not after what was typed ("2026-11error: …").
        let _ = Term::stderr().write_line("");
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            // The signal handler is already printing and exiting; let it finish.
            loop {
                std::thread::park();
            }
        }
        return Error::interrupted();
    }
    Error::failure(messages::cannot_ask(io)).hint(messages::cannot_ask_hint())
}

/// Asks on stderr with dialoguer. Drop it before saving what it asked: a Ctrl-C after that is
/// no longer reported as "nothing new was saved".
pub(crate) struct Dialoguer {
    term: Term,
    theme: Box<dyn Theme>,
    lang: Lang,
}

impl Dialoguer {
    pub(crate) fn new(lang: Lang) -> Dialoguer {
        install_handler();
        ASKING.store(true, Ordering::SeqCst);
        JAPANESE.store(lang == Lang::Ja, Ordering::SeqCst);
        let plain = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let theme: Box<dyn Theme> = if plain {
            Box::new(Plain { lang })
        } else {
            Box::new(ColorfulTheme::default())
        };
        Dialoguer {
            term: Term::stderr(),
            theme,
            lang,
        }
    }

    fn help(&self, q: &Question) -> Result<(), Error> {
        if let Some(h) = &q.help {
            self.term
                .write_line(&words(self.lang, &messages::question_help(h)))
                .map_err(|e| from_dialoguer(e.into()))?;
        }
        Ok(())
    }

    /// The entry to start on: the current answer's, else the first.
    fn start(q: &Question, choices: &[Choice]) -> usize {
        q.current
            .as_ref()
            .and_then(|c| choices.iter().position(|x| &x.key == c))
            .unwrap_or(0)
    }

    fn labels(choices: &[Choice]) -> Vec<&str> {
        choices.iter().map(|c| c.label.as_str()).collect()
    }
}

impl Prompter for Dialoguer {
    fn say(&mut self, text: &str) -> Result<(), Error> {
        self.term
            .write_line(text)
            .map_err(|e| from_dialoguer(e.into()))
    }

    fn ask_date(
        &mut self,
        q: &Question,
        check: &DateCheck<'_>,
    ) -> Result<Option<NaiveDate>, Error> {
        self.help(q)?;
        let hint = if q.optional {
            words(self.lang, &messages::date_prompt_optional())
        } else {
            "YYYY-MM-DD".to_string()
        };
        let mut input = Input::with_theme(self.theme.as_ref());
        if let Some(current) = &q.current {
            input = input.with_initial_text(current);
        }
        let typed: String = input
            .with_prompt(words(self.lang, &messages::date_prompt(&q.prompt, hint)))
            .allow_empty(true)
            .validate_with(|s: &String| check(s).map(|_| ()))
            .interact_text_on(&self.term)
            .map_err(from_dialoguer)?;
        // Already accepted by the validator.
        check(&typed).map_err(Error::failure)
    }

    fn ask_choice(&mut self, q: &Question, choices: &[Choice]) -> Result<String, Error> {
        self.help(q)?;
        let i = Select::with_theme(self.theme.as_ref())
            .with_prompt(&q.prompt)
            .items(Self::labels(choices))
            .default(Self::start(q, choices))
            .interact_on(&self.term)
            .map_err(from_dialoguer)?;
        Ok(choices.get(i).map(|c| c.key.clone()).unwrap_or_default())
    }

    fn ask_status(&mut self, q: &Question, choices: &[Choice]) -> Result<String, Error> {
        self.help(q)?;
        let i = FuzzySelect::with_theme(self.theme.as_ref())
            .with_prompt(&q.prompt)
            .items(Self::labels(choices))
            .default(Self::start(q, choices))
            .max_length(10)
            .interact_on(&self.term)
            .map_err(from_dialoguer)?;
        Ok(choices.get(i).map(|c| c.key.clone()).unwrap_or_default())
    }

    fn ask_bool(&mut self, q: &Question) -> Result<Option<bool>, Error> {
        self.help(q)?;
        let mut items = vec![
            words(self.lang, &messages::yes()),
            words(self.lang, &messages::no()),
        ];
        if q.optional {
            items.push(words(self.lang, &messages::dont_know()));
        }
        let start = match q.current.as_deref() {
            Some("false") => 1,
            _ => 0,
        };
        let i = Select::with_theme(self.theme.as_ref())
            .with_prompt(&q.prompt)
            .items(&items)
            .default(start)
            .interact_on(&self.term)
            .map_err(from_dialoguer)?;
        Ok(match i {
            0 => Some(true),
            1 => Some(false),
            _ => None,
        })
    }

    fn review(
        &mut self,
        title: &str,
        ok: &str,
        entries: &[Choice],
    ) -> Result<Option<String>, Error> {
        // One screen: as many rows as the terminal has, less the title and a spare line (22 on
        // a 24-row terminal, or when the size is unknown); each entry on one line.
        let (rows, cols) = match self.term.size_checked() {
            Some((r, c)) if r > 0 && c > 0 => (usize::from(r), usize::from(c)),
            _ => (24, 80),
        };
        let fit = |label: &str| -> String {
            use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
            // The list's marker ("> ") and a spare column.
            let room = cols.saturating_sub(3);
            if label.width() <= room {
                return label.to_string();
            }
            let mut out = String::new();
            let mut used = 0;
            for ch in label.chars() {
                let w = ch.width().unwrap_or(0);
                if used + w + 1 > room {
                    break;
                }
                out.push(ch);
                used += w;
            }
            out.push('…');
            out
        };
        let mut items = vec![fit(ok)];
        items.extend(entries.iter().map(|e| fit(&e.label)));
        let i = Select::with_theme(self.theme.as_ref())
            .with_prompt(title)
            .items(&items)
            .default(0)
            .max_length(rows.saturating_sub(2).max(5))
            .interact_on(&self.term)
            .map_err(from_dialoguer)?;
        Ok(i.checked_sub(1)
            .and_then(|i| entries.get(i))
            .map(|c| c.key.clone()))
    }
}

impl Drop for Dialoguer {
    fn drop(&mut self) {
        ASKING.store(false, Ordering::SeqCst);
    }
}

/// A yes/no confirmation on stderr (default no), with the plain theme: the colourful one
/// would add English (`(y/n)`, `yes`).
pub(crate) fn confirm(lang: Lang, question: &str) -> Result<bool, Error> {
    install_handler();
    JAPANESE.store(lang == Lang::Ja, Ordering::SeqCst);
    Confirm::with_theme(&Plain { lang })
        .with_prompt(question)
        .default(false)
        .interact_on(&Term::stderr())
        .map_err(from_dialoguer)
}
