//! `mynumber profile path|show|forget`: where the saved answers are, what they say, and
//! deleting them.

use crate::cli::ProfileAction;
use crate::context::Env;
use crate::error::Error;
use crate::kb::text::Lang;
use crate::profile::{Profile, default_path};

pub(crate) fn run(env: &Env, action: &ProfileAction) -> Result<(), Error> {
    let path = default_path()?;
    match action {
        ProfileAction::Add {
            name,
            answers,
            answer,
        } => crate::household::add_member(env, name, answers.as_deref(), answer),
        ProfileAction::Path => crate::context::write_redacted(&format!("{}\n", path.display())),
        ProfileAction::Show => {
            if let Some(text) = crate::profile::read_text(&path)? {
                // Reported, not refused: `show` is how a person looks at a broken profile.
                if let Err(e) = Profile::parse(&env.kb, &path.display().to_string(), &text) {
                    crate::redact::stderr(&e.to_string());
                }
                crate::context::write_redacted(&text)
            } else {
                crate::say!("No saved profile (it would be at {}).", path.display());
                Ok(())
            }
        }
        ProfileAction::Forget { yes } => {
            // Under the lock, so that no save is half-way; temporary copies left by a killed
            // writer hold the answers too and go with the profile.
            let _lock = match path.parent() {
                Some(d) if d.is_dir() => Some(crate::profile::Lock::acquire(&path)?),
                _ => None,
            };
            let leftovers = crate::profile::leftovers(&path);
            for p in &leftovers {
                std::fs::remove_file(p)
                    .map_err(|e| Error::failure(format!("cannot delete {}: {e}", p.display())))?;
            }
            if !leftovers.is_empty() {
                crate::say!(
                    "Deleted {} temporary cop{} of the profile left by an interrupted save.",
                    leftovers.len(),
                    if leftovers.len() == 1 { "y" } else { "ies" }
                );
            }
            if std::fs::symlink_metadata(&path).is_err() {
                crate::say!(
                    "No saved profile to forget (it would be at {}).",
                    path.display()
                );
                return Ok(());
            }
            if !yes {
                if !env.interactive {
                    return Err(Error::usage(format!(
                        "deleting the saved profile {} needs confirmation",
                        path.display()
                    ))
                    .hint("run it on a terminal to be asked, or pass --yes"));
                }
                let question = match env.lang {
                    Lang::En => format!("Delete your saved answers ({})?", path.display()),
                    Lang::Ja => format!("保存した回答を削除しますか({})?", path.display()),
                };
                if !crate::interview::confirm(&question)? {
                    crate::say!("Kept.");
                    return Ok(());
                }
            }
            // A profile that is a link to a file elsewhere: the answers are in that file, so it
            // goes too (with any copies an interrupted save left beside it), then the link.
            let is_link =
                std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
            if let Some(target) = is_link
                .then(|| std::fs::canonicalize(&path).ok())
                .flatten()
                .filter(|t| t.is_file())
            {
                for p in crate::profile::leftovers(&target) {
                    let _ = std::fs::remove_file(p);
                }
                std::fs::remove_file(&target).map_err(|e| {
                    Error::failure(format!("cannot delete {}: {e}", target.display()))
                })?;
                crate::say!(
                    "Deleted {}, the file the saved profile links to.",
                    target.display()
                );
            }
            std::fs::remove_file(&path)
                .map_err(|e| Error::failure(format!("cannot delete {}: {e}", path.display())))?;
            // The plan history holds the answers too.
            let history = crate::history::path_next_to(&path);
            match std::fs::remove_file(&history) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::failure(format!(
                        "cannot delete {}: {e}",
                        history.display()
                    )));
                }
                _ => {}
            }
            crate::say!("Deleted {}.", path.display());
            Ok(())
        }
    }
}
