//! `mynumber kb list|facts|statuses|check`.

use std::io::Write;
use std::path::Path;

use crate::app::Env;
use crate::cli::KbAction;
use crate::error::Error;
use crate::kb::Kb;
use crate::kb::schema::FactType;
use crate::kb::text::Lang;

/// `kb check` runs before any knowledge base is loaded, so it can report a broken one.
pub fn check(dir: Option<&Path>, global_kb: Option<&Path>) -> Result<(), Error> {
    crate::kbcheck::run(dir, global_kb)
}

/// `kb list` (id, phase, title), `kb facts` (name, type, question), `kb statuses` (key and
/// both names): one line each, tab-separated, so they can be piped into other tools.
pub fn run(env: &Env, action: &KbAction) -> Result<(), Error> {
    let mut out = String::new();
    write_listing(&env.kb, env.lang, action, &mut out);
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    match lock.write_all(out.as_bytes()).and_then(|()| lock.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::failure(format!("cannot write the output: {e}"))),
    }
}

/// The listing as text (pure, for tests).
pub fn write_listing(kb: &Kb, lang: Lang, action: &KbAction, out: &mut String) {
    use std::fmt::Write as _;
    match action {
        KbAction::List => {
            for s in &kb.steps {
                let d = &s.decl;
                let when = match &d.effective {
                    Some(e) => {
                        let from = e
                            .from
                            .as_ref()
                            .map(|f| f.get_ref().to_string())
                            .unwrap_or_default();
                        let until = e
                            .until
                            .as_ref()
                            .map(|u| u.get_ref().to_string())
                            .unwrap_or_default();
                        format!("\t[{from}..{until})")
                    }
                    None => String::new(),
                };
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}{when}",
                    d.id.get_ref(),
                    d.phase.get_ref(),
                    d.title.get(lang)
                );
            }
        }
        KbAction::Facts => {
            for f in &kb.facts {
                let ty = match f.ty.get_ref() {
                    FactType::Date => "date".to_string(),
                    FactType::Bool => "bool".to_string(),
                    FactType::Status => "status".to_string(),
                    FactType::Choice(c) => c
                        .iter()
                        .map(|c| c.value.as_str())
                        .collect::<Vec<_>>()
                        .join("|"),
                };
                let _ = writeln!(out, "{}\t{ty}\t{}", f.name.get_ref(), f.question.get(lang));
            }
        }
        KbAction::Statuses => {
            for s in &kb.statuses {
                let reg = if s.resident_registration {
                    ""
                } else {
                    "\t(no resident registration)"
                };
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}{reg}",
                    s.key.get_ref(),
                    s.name.en,
                    s.name.ja
                );
            }
        }
        KbAction::Check { .. } => {}
    }
}
