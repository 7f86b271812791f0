//! The entry points the fuzz targets (`fuzz/`) and the property test in `cargo test` drive
//! with arbitrary bytes: each parses like the real command does, renders every message it
//! would print, and must neither panic nor print anything that looks like an Individual
//! Number.

use std::borrow::Cow;

use crate::kb::text::Lang;
use crate::kb::{Kb, SourceFile};

fn text(data: &[u8]) -> Option<&str> {
    // The real readers refuse anything that is not UTF-8 text before parsing
    // (`fsutil::read_text`).
    std::str::from_utf8(data).ok()
}

/// A message goes through the redaction every message passes on its way out.
fn shown(message: &str) {
    let _ = crate::redact::redact(message);
}

/// An error as printed, in both languages.
fn shown_error(e: &crate::error::Error) {
    for lang in [Lang::En, Lang::Ja] {
        shown(&e.render(lang));
    }
}

/// An answers file (`--answers`).
pub fn answers(kb: &Kb, data: &[u8]) {
    if let Some(t) = text(data) {
        match crate::answers::parse_answers(kb, "answers.toml", t) {
            Ok(a) => {
                if let Err(e) = crate::answers::check(kb, &a, chrono::NaiveDate::MIN) {
                    shown_error(&e);
                }
            }
            Err(e) => shown_error(&e),
        }
    }
}

/// The saved profile.
pub fn profile(kb: &Kb, data: &[u8]) {
    if let Some(t) = text(data) {
        match crate::profile::Profile::parse(kb, "profile.toml", t) {
            Ok((p, warnings)) => {
                for w in warnings {
                    shown(&w.en);
                    shown(&w.ja);
                }
                let _ = p.to_toml(kb);
            }
            Err(e) => shown_error(&e),
        }
    }
}

/// One knowledge-base file replaced by `data` (the first byte chooses which), the others as
/// embedded: the loader and every check over the whole knowledge base.
pub fn kb_file(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(kb) = Kb::embedded() else { return };
    let Some(t) = text(rest) else { return };
    let mut files = kb.files.clone();
    let i = usize::from(which) % files.len();
    files[i].text = Cow::Owned(t.to_string());
    load(files);
}

/// A steps file added to the embedded knowledge base: conditions (`when`), date rules
/// (`due`, `from`, `after`) and everything else a step says.
pub fn steps(data: &[u8]) {
    let Ok(kb) = Kb::embedded() else { return };
    let Some(t) = text(data) else { return };
    let mut files = kb.files.clone();
    files.push(SourceFile {
        name: "data/steps/fuzz.toml".into(),
        text: Cow::Owned(t.to_string()),
    });
    load(files);
}

fn load(files: Vec<SourceFile>) {
    match Kb::from_files(files, "data/") {
        Ok(kb) => {
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
            let _ = crate::engine::make_plan(&kb, &crate::engine::Answers::new(), today);
        }
        Err(e) => {
            let _ = e.render();
        }
    }
}
