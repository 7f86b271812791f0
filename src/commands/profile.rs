//! `mynumber profile path|show|forget`: where the saved answers are, what they say, and
//! deleting them.

use crate::cli::ProfileAction;
use crate::context::Env;
use crate::error::Error;
use crate::profile::{Profile, default_path};
use crate::wording::messages;

pub(crate) fn run(env: &Env, action: &ProfileAction) -> Result<(), Error> {
    let path = default_path()?;
    match action {
        ProfileAction::Add {
            name,
            answers,
            answer,
        } => {
            let given = crate::household::Given {
                file: answers.as_deref(),
                pairs: answer,
                interactive: env.interactive,
            };
            crate::household::add_member(&env.kb, env.today, env.lang, name, &given)
        }
        ProfileAction::Path => crate::context::write_redacted(&format!("{}\n", path.display())),
        ProfileAction::Show => {
            if let Some(text) = crate::profile::read_text(&path)? {
                // Reported, not refused: `show` is how a person looks at a broken profile.
                if let Err(e) = Profile::parse(&env.kb, &path.display().to_string(), &text) {
                    crate::redact::stderr(&e.render(env.lang));
                }
                crate::context::write_redacted(&text)
            } else {
                crate::say!("{}", messages::no_profile(path.display()).get(env.lang));
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
                    .map_err(|e| Error::failure(messages::cannot_delete(p.display(), e)))?;
            }
            if !leftovers.is_empty() {
                crate::say!(
                    "{}",
                    messages::leftovers_deleted(leftovers.len()).get(env.lang)
                );
            }
            if std::fs::symlink_metadata(&path).is_err() {
                crate::say!(
                    "{}",
                    messages::no_profile_to_forget(path.display()).get(env.lang)
                );
                return Ok(());
            }
            if !yes {
                if !env.interactive {
                    return Err(
                        Error::usage(messages::forget_needs_confirmation(path.display()))
                            .hint(messages::forget_confirm_hint()),
                    );
                }
                let question = messages::forget_question(path.display())
                    .get(env.lang)
                    .to_string();
                if !crate::interview::confirm(env.lang, &question)? {
                    crate::say!("{}", messages::kept().get(env.lang));
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
                std::fs::remove_file(&target)
                    .map_err(|e| Error::failure(messages::cannot_delete(target.display(), e)))?;
                crate::say!(
                    "{}",
                    messages::deleted_link_target(target.display()).get(env.lang)
                );
            }
            std::fs::remove_file(&path)
                .map_err(|e| Error::failure(messages::cannot_delete(path.display(), e)))?;
            // The plan history holds the answers too.
            let history = crate::history::path_next_to(&path);
            match std::fs::remove_file(&history) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::failure(messages::cannot_delete(
                        history.display(),
                        e,
                    )));
                }
                _ => {}
            }
            crate::say!("{}", messages::deleted(path.display()).get(env.lang));
            Ok(())
        }
    }
}
