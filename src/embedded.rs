//! The knowledge base embedded in the binary.
//!
//! `build.rs` loads `data/` with the same code as `--kb` (parse, check, resolve) and stores the
//! resolved [`Kb`] with `postcard` (and the types' serde derives), so a command
//! starts from the resolved model instead of parsing 190 kB of TOML. The files' text is embedded
//! too: `kb check` checks them again (with the checks that depend on today) and diagnostics
//! quote them. A test checks that the stored model equals the one loaded from `data/`.

use std::borrow::Cow;

use crate::kb::diag::Diagnostic;
use crate::kb::{Kb, LoadError, SourceFile};

mod files {
    include!(concat!(env!("OUT_DIR"), "/embedded_kb.rs"));
}

/// The resolved knowledge base, as `build.rs` stored it.
static STORED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kb.postcard"));

/// The embedded files, named as in messages (`data/steps/arrival.toml`).
fn source_files() -> Vec<SourceFile> {
    files::FILES
        .iter()
        .map(|(name, text)| SourceFile {
            name: format!("data/{name}"),
            text: Cow::Borrowed(*text),
        })
        .collect()
}

impl Kb {
    /// The knowledge base embedded in the binary.
    pub fn embedded() -> Result<Kb, LoadError> {
        match postcard::from_bytes::<Kb>(STORED) {
            Ok(mut kb) => {
                kb.files = source_files();
                Ok(kb)
            }
            // The build stored it with this very code, and a test reads it back.
            Err(e) => Err(LoadError {
                files: source_files(),
                diagnostics: vec![Diagnostic::error(
                    "data/",
                    None,
                    crate::kb::messages::load::stored_unreadable(e),
                )],
            }),
        }
    }

    /// The embedded knowledge base read from its files and checked again, with the checks that
    /// depend on `today` (stale sources, rules no longer in force), for `kb check`.
    pub(crate) fn embedded_checked_on(today: chrono::NaiveDate) -> Result<Kb, LoadError> {
        Kb::from_files_at(source_files(), "data/", Some(today))
    }
}

#[cfg(test)]
mod tests {
    use super::{STORED, source_files};
    use crate::kb::Kb;

    /// The stored model is what loading `data/` gives now: a change to `data/` or to the
    /// model's types that the build did not pick up would fail here.
    #[test]
    fn the_stored_model_equals_the_one_loaded_from_data() {
        let stored: Kb = postcard::from_bytes(STORED).unwrap();
        let loaded =
            Kb::from_files(source_files(), "data/").unwrap_or_else(|e| panic!("{}", e.render()));
        let form = |kb: &Kb| postcard::to_stdvec(kb).unwrap();
        assert_eq!(form(&stored), form(&loaded));
        assert_eq!(form(&stored), STORED);
        assert!(loaded.facts.len() > 10 && loaded.steps.len() > 10);
    }

    #[test]
    fn the_embedded_knowledge_base_has_its_files_for_diagnostics() {
        let kb = Kb::embedded().unwrap();
        assert_eq!(kb.files.len(), source_files().len());
        assert!(
            kb.source_text("data/facts.toml")
                .is_some_and(|t| t.contains("[[fact]]"))
        );
    }
}
