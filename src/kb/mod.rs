//! The knowledge base: facts, statuses of residence, vocabulary (phases, places, items),
//! derived facts, steps and the office calendar, read from TOML.
//!
//! It owns loading (the embedded `data/` or a directory given with `--kb`) and checking. It
//! does not evaluate anything: that is the engine's job. Loading reports every problem it finds
//! at once, each located at `file:line:column`.

pub(crate) mod calendar;
pub(crate) mod diag;
pub(crate) mod glossary;
pub mod lazy;
pub(crate) mod messages;
pub(crate) mod model;
pub mod municipality;
mod reads;
pub mod schema;
pub mod span;
pub(crate) mod text;
mod validate;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use crate::calendar::Calendar;
use calendar::CalendarFile;
use diag::Diagnostic;
use messages::load as m;
use schema::{
    DerivedFile, FactDecl, FactsFile, GateDecl, ItemDecl, MemberNote, NamedCondition, NamedDate,
    Source, StatusDecl, StatusesFile, StepDecl, StepsFile, Term, VocabularyFile,
};

/// A source file of the knowledge base, kept for diagnostics.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    /// The name shown in messages (`data/steps/arrival.toml`, or the path given).
    pub(crate) name: String,
    /// Borrowed for the embedded files (copying their text was a noticeable part of a load).
    pub(crate) text: Cow<'static, str>,
}

/// A step, with the file it came from.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub(crate) struct Step {
    /// Its id (also in `decl`, which is decoded only for the steps a command shows).
    pub(crate) id: String,
    /// The step as written: its id, texts and sources.
    pub(crate) decl: lazy::Lazy<StepDecl>,
    /// What the engine evaluates, resolved.
    pub(crate) rules: model::StepRules,
    /// Its place in `Kb::steps`.
    pub(crate) ix: model::StepIx,
    pub(crate) file: usize,
    /// Position in dependency order (`after`), for sorting.
    pub(crate) rank: usize,
}

/// The knowledge base, checked and resolved. The embedded one is stored in this form at build
/// time (see `src/embedded.rs`); its source files are not stored, as the binary holds them.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Kb {
    #[serde(skip)]
    pub(crate) files: Vec<SourceFile>,
    pub facts: Vec<FactDecl>,
    /// The interview's yes/no questions before an event's facts (`[[gate]]` in facts.toml).
    pub(crate) gates: Vec<GateDecl>,
    pub statuses: Vec<StatusDecl>,
    pub(crate) status_sources: lazy::Lazy<Vec<Source>>,
    pub(crate) phases: Vec<Term>,
    pub(crate) places: Vec<Term>,
    pub(crate) items: Vec<ItemDecl>,
    pub(crate) conditions: lazy::Lazy<Vec<NamedCondition>>,
    pub(crate) dates: lazy::Lazy<Vec<NamedDate>>,
    /// Notes under a member's name on the household's visit sheet (derived.toml).
    pub(crate) member_notes: lazy::Lazy<Vec<MemberNote>>,
    pub(crate) steps: Vec<Step>,
    /// Each fact's rules, resolved (by [`model::FactId`]).
    pub(crate) fact_rules: Vec<model::FactRules>,
    /// Each interview gate's rules, resolved (by position in `gates`).
    pub(crate) gate_rules: Vec<model::GateRules>,
    /// Each derived condition, resolved (by [`model::CondId`]).
    pub(crate) derived_conditions: Vec<model::DerivedCondition>,
    /// Each derived date's expression, resolved (by [`model::DateId`]).
    pub(crate) derived_dates: Vec<model::DateExpr>,
    /// Each member note, resolved (in the order of `member_notes`).
    pub(crate) member_note_rules: Vec<model::MemberNote>,
    /// The facts with a role of their own.
    pub(crate) roles: model::Roles,
    pub(crate) calendar: Calendar,
    /// The sources `calendar.toml` cites.
    pub(crate) calendar_sources: lazy::Lazy<Vec<calendar::Source>>,
    /// Municipal overlays (`municipalities/<code>.toml`), in code order.
    pub municipalities: lazy::Lazy<Vec<municipality::Municipality>>,
    /// The glossary (`glossary.toml`): English term ↔ official Japanese term.
    pub(crate) glossary: lazy::Lazy<Vec<glossary::GlossaryTerm>>,
    /// Problems that do not stop the knowledge base from being used.
    pub(crate) warnings: Vec<Diagnostic>,
    index: Index,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct Index {
    facts: NameMap<usize>,
    statuses: NameMap<usize>,
    phases: NameMap<usize>,
    places: NameMap<usize>,
    items: NameMap<usize>,
    conditions: NameMap<usize>,
    dates: NameMap<usize>,
    steps: NameMap<usize>,
}

/// A map keyed by knowledge-base names (ordered, so the stored form is the same on every build).
type NameMap<V> = BTreeMap<String, V>;

/// Loading failed: every error found, with the files to show them in.
#[derive(Debug, Clone)]
pub struct LoadError {
    pub(crate) files: Vec<SourceFile>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    /// Each problem as `file:line:column: message`, in English (for tests).
    #[cfg(test)]
    pub(crate) fn located_lines(&self) -> Vec<String> {
        self.diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.location(self.source(&d.file)), d.message.en))
            .collect()
    }

    /// Every problem, in English.
    pub fn render(&self) -> String {
        diag::render_all(
            &self.diagnostics,
            |name| self.source(name),
            &diag::Words::plain(),
        )
    }

    /// The text of the file called `name`.
    pub(crate) fn source(&self, name: &str) -> Option<&str> {
        text_of(&self.files, name)
    }
}

/// The text of the file called `name` among `files`.
fn text_of<'f>(files: &'f [SourceFile], name: &str) -> Option<&'f str> {
    files.iter().find(|f| f.name == name).map(|f| &*f.text)
}

impl Kb {
    /// A knowledge base in a directory, with the checks that depend on `today` when it is
    /// given (see [`Kb::embedded_checked_on`]).
    pub(crate) fn from_dir_at(
        dir: &Path,
        today: Option<chrono::NaiveDate>,
    ) -> Result<Kb, LoadError> {
        let mut paths = Vec::new();
        let mut diagnostics = Vec::new();
        let mut walk = Walk {
            root: std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()),
            entries: 0,
            out: &mut paths,
            diags: &mut diagnostics,
        };
        walk.dir(dir, 0);
        paths.sort();
        let mut files = Vec::new();
        for p in paths {
            match crate::fsutil::read_text(&p, crate::fsutil::KB_FILE_LIMIT) {
                Ok(text) => files.push(SourceFile {
                    name: p.display().to_string(),
                    text: text.into(),
                }),
                Err(e) => diagnostics.push(Diagnostic::error(
                    &p.display().to_string(),
                    None,
                    crate::kb::text::nest(&m::read_error(&e), |r| m::cannot_read_file(r)),
                )),
            }
        }
        if !diagnostics.is_empty() {
            return Err(LoadError { files, diagnostics });
        }
        // `DIR/` and `DIR` name the same directory (a shell completes the slash).
        let shown = dir.display().to_string();
        let prefix = format!("{}/", shown.trim_end_matches(['/', '\\']));
        Kb::from_files_at(files, &prefix, today)
    }

    /// Parses and checks a set of files; `prefix` is stripped to tell which file is which.
    pub(crate) fn from_files(files: Vec<SourceFile>, prefix: &str) -> Result<Kb, LoadError> {
        Kb::from_files_at(files, prefix, None)
    }

    /// [`Kb::from_files`], plus the checks that depend on `today` when it is given.
    pub(crate) fn from_files_at(
        files: Vec<SourceFile>,
        prefix: &str,
        today: Option<chrono::NaiveDate>,
    ) -> Result<Kb, LoadError> {
        let Parts {
            facts,
            statuses,
            vocabulary: vocab,
            derived,
            calendar: (cal_file, calendar),
            steps,
            municipalities,
            glossary,
        } = match Parts::read(&files, prefix) {
            Ok(parts) => parts,
            Err(diagnostics) => return Err(LoadError { files, diagnostics }),
        };
        let calendar = match calendar::build(calendar) {
            Ok(c) => c,
            Err(problems) => {
                let name = files[cal_file].name.clone();
                let diagnostics = problems
                    .into_iter()
                    .map(|p| Diagnostic::error(&name, p.span, p.message))
                    .collect();
                return Err(LoadError { files, diagnostics });
            }
        };
        let derived = derived.unwrap_or(DerivedFile {
            conditions: Vec::new(),
            dates: Vec::new(),
            member_notes: Vec::new(),
        });
        let mut kb = Kb {
            facts: facts.facts,
            gates: facts.gates,
            statuses: statuses.statuses,
            status_sources: lazy::Lazy::new(statuses.sources),
            phases: vocab.phases,
            places: vocab.places,
            items: vocab.items,
            conditions: lazy::Lazy::new(derived.conditions),
            dates: lazy::Lazy::new(derived.dates),
            member_notes: lazy::Lazy::new(derived.member_notes),
            steps: steps
                .into_iter()
                .flat_map(|(file, s)| {
                    s.steps.into_iter().map(move |decl| Step {
                        id: decl.id.get_ref().clone(),
                        decl: lazy::Lazy::new(decl),
                        rules: model::StepRules::default(),
                        ix: model::StepIx::new(0),
                        file,
                        rank: 0,
                    })
                })
                .collect(),
            fact_rules: Vec::new(),
            gate_rules: Vec::new(),
            derived_conditions: Vec::new(),
            derived_dates: Vec::new(),
            member_note_rules: Vec::new(),
            roles: model::Roles::default(),
            calendar: calendar.calendar,
            calendar_sources: lazy::Lazy::new(calendar.sources),
            municipalities: lazy::Lazy::new(Vec::new()),
            glossary: lazy::Lazy::new(glossary.unwrap_or_default().terms),
            warnings: Vec::new(),
            index: Index::default(),
            files,
        };
        for (i, s) in kb.steps.iter_mut().enumerate() {
            s.ix = model::StepIx::new(i);
        }
        kb.check(municipalities, today)
    }

    /// Checks and resolves the knowledge base, reads the municipal overlays (they refer to
    /// steps, so once the steps are indexed), and runs the checks of `today` when it is given.
    /// Warnings are kept; any error fails.
    fn check(
        mut self,
        municipalities: Vec<(usize, municipality::MunicipalityFile)>,
        today: Option<chrono::NaiveDate>,
    ) -> Result<Kb, LoadError> {
        let mut problems = validate::check(&mut self);
        for (file, m) in municipalities {
            if let Some(m) = municipality::build(&self, file, m, &mut problems) {
                self.municipalities.push(m);
            }
        }
        self.municipalities.sort_by(|a, b| a.code.cmp(&b.code));
        municipality::check_all(&self, &mut problems);
        glossary::check(&self, &mut problems);
        if let Some(today) = today {
            problems.extend(validate::lint(&self, today));
            municipality::lint(&self, today, &mut problems);
            glossary::lint(&self, today, &mut problems);
        }
        if problems.iter().any(|d| d.severity == diag::Severity::Error) {
            return Err(LoadError {
                files: self.files,
                diagnostics: problems,
            });
        }
        problems.retain(|d| d.severity == diag::Severity::Warning);
        self.warnings = problems;
        Ok(self)
    }

    /// A fact by its name as given (an answers file's key, a CSV column), with its id.
    pub(crate) fn fact_id(&self, name: &str) -> Option<model::FactId> {
        self.index.facts.get(name).map(|&i| model::FactId::new(i))
    }
    /// A derived date by its name as given.
    #[cfg(test)]
    pub(crate) fn date_id(&self, name: &str) -> Option<model::DateId> {
        self.index.dates.get(name).map(|&i| model::DateId::new(i))
    }
    /// A status of residence by its key as given.
    pub(crate) fn status_id(&self, key: &str) -> Option<model::StatusId> {
        self.index
            .statuses
            .get(key)
            .map(|&i| model::StatusId::new(i))
    }
    #[cfg(test)]
    pub(crate) fn item(&self, key: &str) -> Option<&ItemDecl> {
        self.index.items.get(key).map(|&i| &self.items[i])
    }
    pub(crate) fn fact(&self, name: &str) -> Option<&FactDecl> {
        self.index.facts.get(name).map(|&i| &self.facts[i])
    }
    pub(crate) fn status(&self, key: &str) -> Option<&StatusDecl> {
        self.index.statuses.get(key).map(|&i| &self.statuses[i])
    }
    /// A fact, by its id.
    pub(crate) fn fact_at(&self, id: model::FactId) -> &FactDecl {
        &self.facts[id.index()]
    }
    /// A fact's name, by its id.
    pub(crate) fn fact_name(&self, id: model::FactId) -> &str {
        self.facts[id.index()].name.get_ref()
    }
    /// A phase, by the id a resolved step holds.
    pub(crate) fn phase_at(&self, id: model::PhaseId) -> &Term {
        &self.phases[id.index()]
    }
    /// A place, by the id a resolved step holds.
    pub(crate) fn place_at(&self, id: model::PlaceId) -> &Term {
        &self.places[id.index()]
    }
    /// An item, by the id a resolved step holds.
    pub(crate) fn item_at(&self, id: model::ItemId) -> &ItemDecl {
        &self.items[id.index()]
    }
    pub(crate) fn condition(&self, name: &str) -> Option<&NamedCondition> {
        self.index
            .conditions
            .get(name)
            .map(|&i| &self.conditions[i])
    }
    pub(crate) fn date(&self, name: &str) -> Option<&NamedDate> {
        self.index.dates.get(name).map(|&i| &self.dates[i])
    }
    pub(crate) fn step(&self, id: &str) -> Option<&Step> {
        self.index.steps.get(id).map(|&i| &self.steps[i])
    }
    pub(crate) fn file_name(&self, i: usize) -> &str {
        self.files.get(i).map_or("", |f| f.name.as_str())
    }
    pub(crate) fn source_text(&self, name: &str) -> Option<&str> {
        text_of(&self.files, name)
    }
    /// The closest known name, for "did you mean" hints.
    /// Candidates whose length alone puts them out of reach are skipped before the edit
    /// distance is computed, so a very long unknown name costs one pass, not one per candidate.
    pub(crate) fn suggest<'a>(
        name: &str,
        candidates: impl Iterator<Item = &'a str>,
    ) -> Option<String> {
        let len = name.chars().count();
        candidates
            .filter(|c| len.abs_diff(c.chars().count()) <= 2.max(c.len() / 4))
            .map(|c| (strsim::levenshtein(name, c), c))
            .filter(|(d, c)| *d > 0 && *d <= 2.max(c.len() / 4))
            .min_by_key(|(d, _)| *d)
            .map(|(_, c)| c.to_string())
    }
    pub(crate) fn fact_names(&self) -> impl Iterator<Item = &str> {
        self.facts.iter().map(|f| f.name.get_ref().as_str())
    }
}

/// The files of a knowledge base, parsed and sorted by kind; the ones that must be there are.
struct Parts {
    facts: FactsFile,
    statuses: StatusesFile,
    vocabulary: VocabularyFile,
    derived: Option<DerivedFile>,
    calendar: (usize, CalendarFile),
    steps: Vec<(usize, StepsFile)>,
    municipalities: Vec<(usize, municipality::MunicipalityFile)>,
    glossary: Option<glossary::GlossaryFile>,
}

impl Parts {
    /// Every file parsed and sorted by kind, or every problem found: a file that does not parse,
    /// or one that must be there and is not.
    fn read(files: &[SourceFile], prefix: &str) -> Result<Parts, Vec<Diagnostic>> {
        let (mut facts, mut statuses, mut vocabulary, mut calendar) = (None, None, None, None);
        let (mut derived, mut glossary) = (None, None);
        let (mut steps, mut municipalities) = (Vec::new(), Vec::new());
        let mut diagnostics = Vec::new();
        for (i, res) in files.iter().map(|f| parse_file(f, prefix)).enumerate() {
            match res {
                Ok(Parsed::Steps(x)) => steps.push((i, x)),
                Ok(Parsed::Facts(x)) => facts = Some(x),
                Ok(Parsed::Statuses(x)) => statuses = Some(x),
                Ok(Parsed::Vocabulary(x)) => vocabulary = Some(x),
                Ok(Parsed::Derived(x)) => derived = Some(x),
                Ok(Parsed::Calendar(x)) => calendar = Some((i, x)),
                Ok(Parsed::Municipality(x)) => municipalities.push((i, x)),
                Ok(Parsed::Glossary(x)) => glossary = Some(x),
                Err(d) => diagnostics.push(d),
            }
        }
        for (name, present) in [
            ("facts.toml", facts.is_some()),
            ("statuses.toml", statuses.is_some()),
            ("vocabulary.toml", vocabulary.is_some()),
            ("calendar.toml", calendar.is_some()),
        ] {
            if !present && !diagnostics.iter().any(|d| d.file.ends_with(name)) {
                diagnostics.push(Diagnostic::error(
                    &format!("{prefix}{name}"),
                    None,
                    m::missing_file(name),
                ));
            }
        }
        match (facts, statuses, vocabulary, calendar) {
            (Some(facts), Some(statuses), Some(vocabulary), Some(calendar))
                if diagnostics.is_empty() =>
            {
                Ok(Parts {
                    facts,
                    statuses,
                    vocabulary,
                    derived,
                    calendar,
                    steps,
                    municipalities,
                    glossary,
                })
            }
            _ => Err(diagnostics),
        }
    }
}

/// One file of a knowledge base, read.
enum Parsed {
    Steps(StepsFile),
    Facts(FactsFile),
    Statuses(StatusesFile),
    Vocabulary(VocabularyFile),
    Derived(DerivedFile),
    Calendar(CalendarFile),
    Municipality(municipality::MunicipalityFile),
    Glossary(glossary::GlossaryFile),
}

/// Reads one file, by its place in the knowledge base (`steps/*.toml` or a fixed name).
fn parse_file(f: &SourceFile, prefix: &str) -> Result<Parsed, Diagnostic> {
    let rel = f.name.strip_prefix(prefix).unwrap_or(&f.name);
    let rel = rel.replace('\\', "/");
    let base = rel.rsplit('/').next().unwrap_or(&rel);
    if rel.starts_with("steps/") {
        return parse::<StepsFile>(f).map(Parsed::Steps);
    }
    if rel.starts_with("municipalities/") {
        return parse::<municipality::MunicipalityFile>(f).map(Parsed::Municipality);
    }
    match base {
        "facts.toml" => parse::<FactsFile>(f).map(Parsed::Facts),
        "statuses.toml" => parse::<StatusesFile>(f).map(Parsed::Statuses),
        "vocabulary.toml" => parse::<VocabularyFile>(f).map(Parsed::Vocabulary),
        "derived.toml" => parse::<DerivedFile>(f).map(Parsed::Derived),
        "calendar.toml" => parse::<CalendarFile>(f).map(Parsed::Calendar),
        "glossary.toml" => parse::<glossary::GlossaryFile>(f).map(Parsed::Glossary),
        _ => {
            Err(Diagnostic::error(&f.name, None, m::not_a_kb_file()).with_help(m::kb_files_help()))
        }
    }
}

/// Parses a file's text, locating any error.
fn parse<T: serde::de::DeserializeOwned>(f: &SourceFile) -> Result<T, Diagnostic> {
    toml::from_str::<T>(&f.text).map_err(|e| {
        let detail = e.message().trim();
        let d = Diagnostic::error(&f.name, e.span(), m::toml_error(detail));
        match validate::parse_hint(detail) {
            Some(h) => d.with_help(h),
            None => d,
        }
    })
}

/// How deep `--kb` is walked below its directory (the layout is `DIR/*.toml`, `DIR/steps/*.toml`).
const MAX_DEPTH: usize = 4;

/// How many directory entries `--kb` looks at before giving up (`--kb /` is a mistake).
const MAX_ENTRIES: usize = 10_000;

/// Collects the `.toml` files of a knowledge-base directory. Symbolic links are never followed
/// into directories (so there are no loops), and to files only inside the directory; the walk
/// stops at [`MAX_DEPTH`] and after [`MAX_ENTRIES`] entries, with an error.
struct Walk<'a> {
    root: std::path::PathBuf,
    entries: usize,
    out: &'a mut Vec<std::path::PathBuf>,
    diags: &'a mut Vec<Diagnostic>,
}

impl Walk<'_> {
    /// Walks `dir`; false once the entry limit is reached.
    fn dir(&mut self, dir: &Path, depth: usize) -> bool {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.diags.push(
                    Diagnostic::error(&dir.display().to_string(), None, m::cannot_read_dir(e))
                        .with_help(m::layout()),
                );
                return true;
            }
        };
        for entry in entries.flatten() {
            self.entries += 1;
            if self.entries > MAX_ENTRIES {
                self.diags.push(
                    Diagnostic::error(
                        &self.root.display().to_string(),
                        None,
                        m::too_many_entries(MAX_ENTRIES),
                    )
                    .with_help(m::layout()),
                );
                return false;
            }
            let path = entry.path();
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                if depth >= MAX_DEPTH {
                    self.diags.push(
                        Diagnostic::error(
                            &path.display().to_string(),
                            None,
                            m::nested_too_deep(MAX_DEPTH),
                        )
                        .with_help(m::layout()),
                    );
                } else if !self.dir(&path, depth + 1) {
                    return false;
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            if ft.is_symlink() {
                let inside = std::fs::canonicalize(&path)
                    .is_ok_and(|t| t.starts_with(&self.root) && t.is_file());
                if !inside {
                    self.diags.push(Diagnostic::error(
                        &path.display().to_string(),
                        None,
                        m::link_outside(),
                    ));
                    continue;
                }
            }
            self.out.push(path);
        }
        true
    }
}

#[cfg(test)]
mod load_diagnostics {
    //! Loading's own problems, in English and Japanese.
    use super::{Kb, SourceFile};
    use crate::kb::diag::Diagnostic;

    fn load(edit: impl Fn(Vec<SourceFile>) -> Vec<SourceFile>) -> Vec<Diagnostic> {
        let files = Kb::embedded()
            .unwrap_or_else(|e| panic!("{}", e.render()))
            .files;
        Kb::from_files(edit(files), "data/").map_or_else(|e| e.diagnostics, |_| Vec::new())
    }

    #[test]
    fn a_missing_file_a_stray_file_and_a_parse_error() {
        let diags = load(|files| {
            let mut files: Vec<SourceFile> = files
                .into_iter()
                .filter(|f| f.name != "data/statuses.toml")
                .map(|f| match f.name.as_str() {
                    "data/facts.toml" => SourceFile {
                        text: f
                            .text
                            .replacen("[[fact]]\n", "[[fact]]\nnme = 1\n", 1)
                            .into(),
                        name: f.name,
                    },
                    _ => f,
                })
                .collect();
            files.push(SourceFile {
                name: "data/notes.toml".into(),
                text: "".into(),
            });
            files
        });
        let find = |file: &str| {
            diags
                .iter()
                .find(|d| d.file == file)
                .unwrap_or_else(|| panic!("{file}: {diags:?}"))
        };
        let parse = find("data/facts.toml");
        assert!(
            parse
                .message
                .en
                .starts_with("unknown field `nme`, expected one of"),
            "{parse:?}"
        );
        assert!(
            parse.message.ja.starts_with(
                "知識ベースのファイルとして読めません。TOML パーサーの説明：unknown field `nme`"
            ),
            "{parse:?}"
        );
        let stray = find("data/notes.toml");
        assert_eq!(
            stray.message.en,
            "this file is not part of a knowledge base"
        );
        assert_eq!(
            stray.message.ja,
            "このファイルは知識ベースのファイルではありません。"
        );
        let help = stray.help.as_deref().map(|h| h.ja.as_str());
        assert!(
            help.is_some_and(|h| h.starts_with("知識ベースのファイルは `facts.toml`、")),
            "{help:?}"
        );
        let missing = find("data/statuses.toml");
        assert_eq!(
            missing.message.en,
            "the knowledge base has no statuses.toml"
        );
        assert_eq!(
            missing.message.ja,
            "知識ベースに statuses.toml がありません。"
        );
        assert_eq!(diags.len(), 3, "{diags:?}");
    }

    #[test]
    fn a_file_that_is_not_text_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("facts.toml"), b"\xff\xfe").unwrap();
        let e = Kb::from_dir_at(dir.path(), None).unwrap_err();
        assert_eq!(e.diagnostics.len(), 1, "{:?}", e.diagnostics);
        let m = &e.diagnostics[0].message;
        assert_eq!(
            m.en,
            "cannot read this file: it is not UTF-8 text (byte 0 is not); expected a TOML text file"
        );
        assert_eq!(
            m.ja,
            "このファイルを読めません：UTF-8 のテキストではありません。バイト位置 0 が UTF-8 ではありません。TOML のテキストファイルを指定してください"
        );
    }
}

#[cfg(test)]
mod calendar_diagnostics {
    //! The calendar's checks report like every other check: each problem at its place.
    use super::{Kb, SourceFile};

    fn load_with_calendar(edit: impl Fn(&str) -> String) -> Vec<String> {
        let files: Vec<SourceFile> = Kb::embedded()
            .unwrap_or_else(|e| panic!("{}", e.render()))
            .files
            .into_iter()
            .map(|f| {
                if f.name == "data/calendar.toml" {
                    SourceFile {
                        name: f.name,
                        text: edit(&f.text).into(),
                    }
                } else {
                    f
                }
            })
            .collect();
        Kb::from_files(files, "data/").map_or_else(|e| e.located_lines(), |_| Vec::new())
    }

    #[test]
    fn calendar_problems_are_located_one_by_one() {
        let errs = load_with_calendar(|t| {
            t.replacen(
                r#"closed_weekdays = ["sat", "sun"]"#,
                r#"closed_weekdays = ["sat", "sunday"]"#,
                1,
            )
            .replacen("rate = 0.242194", "rate = 1.5", 1)
        });
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(
            errs[0].starts_with(
                "data/calendar.toml:48:27: office.closed_weekdays: unknown weekday \"sunday\""
            ),
            "{errs:?}"
        );
        assert!(
            errs[1].starts_with("data/calendar.toml:305:8: equinox.rate must be between 0 and 1"),
            "{errs:?}"
        );
    }
}
