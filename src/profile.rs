//! The saved profile: answers kept between runs, versioned, owner-only, written atomically;
//! `mynumber done` and `mynumber profile`.
//!
//! The profile is a TOML file, `profile.toml`, in the platform's config directory (or in
//! `MYNUMBER_CONFIG_DIR` when that is set, which tests and scripts use):
//!
//! ```toml
//! version = 1
//!
//! [answers]
//! nationality = "foreign"
//! moved_in = 2026-11-10
//!
//! [done]
//! "insurance.nhi-enroll" = 2026-11-20
//! ```
//!
//! Loading is lenient about what it does not know (a key written by a newer version is warned
//! about and kept when the file is rewritten) and strict about what it does: a value that is not
//! what its fact expects is an error with the file, line and column, and the file is left as it
//! is. Writing goes through [`crate::fsutil::write_atomic`], so a crash or Ctrl-C leaves either
//! the old file or the new one, never half of one, readable only by its owner (0600).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::engine::facts::{Answers, Value};
use crate::error::Error;
use crate::fsutil::{OutputError, Refusal};
use crate::kb::Kb;
use crate::kb::diag::{Diagnostic, LineIndex};
use crate::kb::text::{Lang, Text, list_separator, per_lang};
use crate::wording::messages;

/// The profile format written by this version. Version 2 (spec v2) gave events their own facts:
/// a planned move no longer reuses `moved_in` / `registered_on`, and steps that record a fact
/// keep it as that fact rather than in `[done]`; version 1 profiles are migrated on load.
pub(crate) const VERSION: i64 = 2;

/// The environment variable that overrides the profile's directory.
pub(crate) const CONFIG_DIR_VAR: &str = "MYNUMBER_CONFIG_DIR";

/// The saved answers, with whatever this version did not understand, kept for rewriting.
#[derive(Debug, Clone, Default)]
pub(crate) struct Profile {
    pub(crate) path: PathBuf,
    /// The file existed when loaded.
    pub(crate) exists: bool,
    /// Answers to known facts.
    pub(crate) answers: Answers,
    /// Steps recorded as done that set no fact, with the day.
    pub(crate) done: BTreeMap<String, NaiveDate>,
    /// Unknown keys of `[answers]`, kept as written.
    extra_answers: toml::Table,
    /// Unknown keys of `[done]`, kept as written.
    extra_done: toml::Table,
    /// Unknown top-level keys, kept as written.
    extra: toml::Table,
    /// The first member's name (`name = "…"`); [`FIRST`] when the profile has none.
    pub(crate) name: Option<String>,
    /// The household's other members (`[[member]]`), in the order they were added.
    pub(crate) members: Vec<Member>,
}

/// A household member after the first: a name, and answers and done steps of their own (kept in
/// a `Profile` of their own, which has no path and no members).
#[derive(Debug, Clone, Default)]
pub(crate) struct Member {
    pub(crate) name: String,
    pub(crate) person: Profile,
}

/// The first member's name when the profile does not give one.
pub(crate) const FIRST: &str = "me";

/// Where the profile lives: `$MYNUMBER_CONFIG_DIR/profile.toml`, else the platform's config
/// directory (`~/.config/mynumber` on Linux, `~/Library/Application Support/mynumber` on macOS,
/// `%APPDATA%\mynumber\config` on Windows).
pub(crate) fn default_path() -> Result<PathBuf, Error> {
    if let Some(d) = std::env::var_os(CONFIG_DIR_VAR).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(d).join("profile.toml"));
    }
    directories::ProjectDirs::from("", "", "mynumber")
        .map(|p| p.config_dir().join("profile.toml"))
        .ok_or_else(|| {
            Error::failure(messages::no_config_dir()).hint(messages::set_config_dir(CONFIG_DIR_VAR))
        })
}

#[derive(Deserialize)]
struct Shape {
    version: Option<Spanned<toml::Value>>,
    #[serde(default)]
    answers: Option<Spanned<BTreeMap<Spanned<String>, Spanned<toml::Value>>>>,
    #[serde(default)]
    done: Option<Spanned<BTreeMap<Spanned<String>, Spanned<toml::Value>>>>,
    #[serde(default)]
    name: Option<Spanned<String>>,
    #[serde(default)]
    member: Option<Vec<MemberShape>>,
}

type Entries = Spanned<BTreeMap<Spanned<String>, Spanned<toml::Value>>>;

#[derive(Deserialize)]
struct MemberShape {
    name: Spanned<String>,
    #[serde(default)]
    answers: Option<Entries>,
    #[serde(default)]
    done: Option<Entries>,
}

/// The warning that a profile was brought up to this version, with what changed.
fn migrated(name: &str, changed: &[Text]) -> Text {
    let join = |lang| {
        changed
            .iter()
            .map(|c| c.get(lang))
            .collect::<Vec<_>>()
            .join(messages::clause_separator(lang))
    };
    messages::per_lang(|lang| messages::profile_migrated(name, VERSION, join(lang)))
}

impl Profile {
    /// An empty profile that will be written at `path`.
    pub(crate) fn empty(path: &Path) -> Profile {
        Profile {
            path: path.to_path_buf(),
            ..Profile::default()
        }
    }

    /// Loads the profile at `path`; a missing file is an empty profile. Warnings (unknown keys)
    /// are returned, not printed.
    pub(crate) fn load(kb: &Kb, path: &Path) -> Result<(Profile, Vec<Text>), Error> {
        let name = path.display().to_string();
        let Some(text) = read_text(path)? else {
            return Ok((Profile::empty(path), Vec::new()));
        };
        let mut p = Profile::parse(kb, &name, &text)?;
        p.0.path = path.to_path_buf();
        p.0.exists = true;
        Ok(p)
    }

    /// Parses a profile's text; `name` is used in messages.
    pub(crate) fn parse(kb: &Kb, name: &str, text: &str) -> Result<(Profile, Vec<Text>), Error> {
        let corrupt = |diags: Vec<Diagnostic>| {
            Error::data(messages::profile_unreadable(name))
                .detail(messages::render_diagnostics(&diags, |_| Some(text)))
                .hint(messages::profile_fix_hint(name))
        };
        let index = LineIndex::new(text);
        let located =
            |span: std::ops::Range<usize>, msg: &Text| located(name, (text, &index), span, msg);
        let syntax = |e: toml::de::Error, help: Text| {
            let msg = messages::toml_syntax(e.message().trim());
            let d = match e.span() {
                Some(s) => located(s, &msg),
                None => Diagnostic::error(name, None, msg),
            };
            corrupt(vec![d.with_help(help)])
        };
        let table: toml::Table =
            toml::from_str(text).map_err(|e| syntax(e, messages::profile_toml_help(VERSION)))?;
        let shape: Shape =
            toml::from_str(text).map_err(|e| syntax(e, messages::profile_tables_help()))?;
        let mut diags = Vec::new();
        let mut warnings = Vec::new();
        let mut from_version = VERSION;
        if let Some(v) = &shape.version {
            match v.get_ref().as_integer() {
                Some(VERSION) => {}
                Some(1) => from_version = 1,
                Some(n) if n > VERSION => diags.push(
                    located(v.span(), &messages::profile_newer(n))
                        .with_help(messages::profile_update_help()),
                ),
                _ => diags.push(located(v.span(), &messages::profile_version(VERSION))),
            }
        }
        let mut profile = Profile::default();
        for (key, value) in &table {
            if !matches!(
                key.as_str(),
                "version" | "answers" | "done" | "name" | "member"
            ) {
                let what = messages::unknown_key(key);
                keep_unknown(name, (key, value), &what, &mut profile.extra, &mut warnings);
            }
        }
        read_person(
            kb,
            name,
            (text, &index),
            shape.answers.as_ref(),
            shape.done.as_ref(),
            &mut profile,
            &mut diags,
            &mut warnings,
        );
        if let Some(n) = &shape.name {
            match check_member_name(n.get_ref()) {
                Ok(()) => profile.name = Some(n.get_ref().clone()),
                Err(m) => diags.push(located(n.span(), &m)),
            }
        }
        // The names seen so far, so that a profile of many members is checked in linear time.
        let mut names: std::collections::HashSet<String> =
            profile.member_names().into_iter().collect();
        for m in shape.member.iter().flatten() {
            let member_name = m.name.get_ref();
            let taken = !names.insert(member_name.clone());
            match check_member_name(member_name) {
                Err(msg) => diags.push(located(m.name.span(), &msg)),
                Ok(()) if taken => diags.push(located(
                    m.name.span(),
                    &messages::second_member(member_name),
                )),
                Ok(()) => {}
            }
            let mut person = Profile::default();
            read_person(
                kb,
                name,
                (text, &index),
                m.answers.as_ref(),
                m.done.as_ref(),
                &mut person,
                &mut diags,
                &mut warnings,
            );
            profile.members.push(Member {
                name: member_name.clone(),
                person,
            });
        }
        if !diags.is_empty() {
            return Err(corrupt(diags));
        }
        if from_version == 1 {
            let changed = profile.migrate_v1(kb);
            if !changed.is_empty() {
                warnings.push(migrated(name, &changed));
            }
        }
        Ok((profile, warnings))
    }

    /// The profile as TOML, answers in interview order.
    pub(crate) fn to_toml(&self, kb: &Kb) -> String {
        let mut out = String::from(
            "# mynumber: your saved answers (`mynumber profile show`, `mynumber profile forget`).\n\
             # Fact names are listed by `mynumber kb facts`; dates are YYYY-MM-DD.\n",
        );
        let _ = writeln!(out, "version = {VERSION}");
        let mut tables = toml::Table::new();
        for (k, v) in &self.extra {
            if v.is_table() {
                tables.insert(k.clone(), v.clone());
            } else {
                let _ = writeln!(out, "{} = {}", key(k), inline(v));
            }
        }
        if let Some(n) = &self.name {
            let _ = writeln!(out, "name = {}", inline(&toml::Value::String(n.clone())));
        }
        out.push_str(&self.person_toml(kb, ""));
        for m in &self.members {
            let _ = write!(
                out,
                "\n[[member]]\nname = {}\n",
                inline(&toml::Value::String(m.name.clone()))
            );
            out.push_str(&m.person.person_toml(kb, "member."));
        }
        if !tables.is_empty() {
            if let Ok(t) = toml::to_string(&tables) {
                out.push('\n');
                out.push_str(&t);
            }
        }
        out
    }

    /// One person's `[answers]` and `[done]` tables, under `prefix` (`member.` for members).
    fn person_toml(&self, kb: &Kb, prefix: &str) -> String {
        let mut out = String::new();
        let _ = write!(out, "\n[{prefix}answers]\n");
        let mut known: Vec<(u32, &String, &Value)> = self
            .answers
            .iter()
            .map(|(k, v)| (kb.fact(k).map_or(u32::MAX, |f| f.order), k, v))
            .collect();
        known.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        for (_, k, v) in known {
            let value = match v {
                Value::Date(d) => d.format("%Y-%m-%d").to_string(),
                Value::Bool(b) => b.to_string(),
                Value::Key(s) => inline(&toml::Value::String(s.clone())),
            };
            let _ = writeln!(out, "{} = {value}", key(k));
        }
        for (k, v) in &self.extra_answers {
            let _ = writeln!(out, "{} = {}", key(k), inline(v));
        }
        if !self.done.is_empty() || !self.extra_done.is_empty() {
            let _ = write!(out, "\n[{prefix}done]\n");
            for (k, d) in &self.done {
                let _ = writeln!(out, "{} = {}", key(k), d.format("%Y-%m-%d"));
            }
            for (k, v) in &self.extra_done {
                let _ = writeln!(out, "{} = {}", key(k), inline(v));
            }
        }
        out
    }

    /// Every member's name, the first member's first.
    pub(crate) fn member_names(&self) -> Vec<String> {
        std::iter::once(self.name.clone().unwrap_or_else(|| FIRST.to_string()))
            .chain(self.members.iter().map(|m| m.name.clone()))
            .collect()
    }

    /// The index of the member called `name` (0, the first member, when `None`); a name that is
    /// not in the household is a usage error listing the names.
    pub(crate) fn member_index(&self, name: Option<&str>) -> Result<usize, Error> {
        let Some(name) = name else {
            return Ok(0);
        };
        let names = self.member_names();
        names.iter().position(|n| n == name).ok_or_else(|| {
            Error::usage(messages::no_member(name))
                .hint(per_lang(|lang| {
                    messages::members_are(names.join(list_separator(lang)))
                }))
                .hint(messages::profile_add_hint())
        })
    }

    /// Member `i`'s own record: the profile itself for the first member.
    pub(crate) fn person(&self, i: usize) -> &Profile {
        match i.checked_sub(1) {
            Some(j) => self.members.get(j).map_or(self, |m| &m.person),
            None => self,
        }
    }

    pub(crate) fn person_mut(&mut self, i: usize) -> &mut Profile {
        match i.checked_sub(1) {
            Some(j) if j < self.members.len() => &mut self.members[j].person,
            _ => self,
        }
    }

    /// Writes the profile atomically, readable only by its owner; creates its directory.
    /// Callers hold the profile's [`Lock`] from loading to saving.
    ///
    /// A profile that is a symbolic link is written through to the file it points to (the link
    /// stays); a read-only profile, or one that is not a regular file, is refused (exit 65) and
    /// left as it is. Temporary files left by a writer that was killed are removed.
    pub(crate) fn save(&self, kb: &Kb) -> Result<(), Error> {
        if self.path.as_os_str().is_empty() {
            return default_path().map(|_| ());
        }
        let fail = |e: std::io::Error| {
            Error::failure(messages::cannot_save_profile(self.path.display(), e))
                .hint(messages::set_writable_config_dir(CONFIG_DIR_VAR))
        };
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.exists() {
                create_private_dir(dir).map_err(fail)?;
            }
        }
        let target = writable_target(&self.path)?;
        remove_leftovers(&self.path);
        crate::fsutil::write_atomic(&target, self.to_toml(kb).as_bytes(), true).map_err(fail)
    }

    /// Takes the answers an interview changed (from `before` to `after`) into this profile,
    /// freshly loaded under the lock: what others saved meanwhile (`mynumber done` in another
    /// terminal) is kept unless the interview changed the same answer.
    pub(crate) fn merge_answers(&mut self, before: &Answers, after: &Answers) {
        for (k, v) in after.iter() {
            if before.get(k) != Some(v) {
                self.answers.set(k.clone(), v.clone());
            }
        }
        for (k, _) in before.iter() {
            if after.get(k).is_none() {
                self.answers.remove(k);
            }
        }
    }

    /// Version 1 → 2. In version 1 a planned move reused the current address's facts: with
    /// `move_planned_on` set, a `moved_in` on or after the planned day was the day of moving to
    /// the new address, and a `registered_on` from then on the notice filed there. Steps that now
    /// record a fact of their own (`move.out` → `move_out_filed_on`, `pension.enroll` →
    /// `pension_joined_on`, …) move from `[done]` to that fact. Returns what changed.
    fn migrate_v1(&mut self, kb: &Kb) -> Vec<Text> {
        let mut changed = Vec::new();
        let a = &mut self.answers;
        if let (Some(planned), Some(moved)) = (a.date("move_planned_on"), a.date("moved_in")) {
            if moved >= planned && a.get("moved_on").is_none() {
                a.remove("moved_in");
                a.set("moved_on", Value::Date(moved));
                changed.push(messages::migrated_moved_on());
                if let Some(reg) = a.date("registered_on").filter(|r| *r >= moved) {
                    if a.get("move_in_filed_on").is_none() {
                        a.remove("registered_on");
                        a.set("move_in_filed_on", Value::Date(reg));
                        changed.push(messages::migrated_move_in_filed());
                    }
                }
            }
        }
        let done: Vec<(String, NaiveDate)> =
            self.done.iter().map(|(k, d)| (k.clone(), *d)).collect();
        for (id, day) in done {
            let Some(fact) = kb.step(&id).and_then(|s| s.decl.records.as_ref()) else {
                continue;
            };
            let fact = fact.get_ref();
            if self.answers.get(fact).is_none() {
                self.answers.set(fact.clone(), Value::Date(day));
                self.done.remove(&id);
                self.answers.unmark_done(&id);
                changed.push(Text::from(format!("[done] {id} → {fact}")));
            }
        }
        changed
    }

    /// Replaces the saved answers (the done table and unknown keys stay).
    pub(crate) fn set_answers(&mut self, answers: &Answers) {
        let mut a = answers.clone();
        for id in self.done.keys() {
            a.mark_done(id.clone());
        }
        self.answers = a;
    }
}

/// The saved profile's text, `None` when there is none. Only a regular file (or a link to one)
/// of reasonable size that is UTF-8 text is read: anything else is bad data (exit 65), named
/// with the reason, and left as it is.
pub(crate) fn read_text(path: &Path) -> Result<Option<String>, Error> {
    use crate::fsutil::ReadError;
    let name = path.display().to_string();
    match crate::fsutil::read_text(path, crate::fsutil::SMALL_FILE_LIMIT) {
        Ok(t) => Ok(Some(t)),
        Err(ReadError::NotFound(_)) => Ok(None),
        Err(e @ ReadError::Io(_)) => Err(Error::failure(messages::nest(
            &messages::read_error(&e),
            |w| messages::cannot_read_profile(&name, w),
        ))
        .hint(messages::profile_permissions_hint())),
        Err(e) => Err(Error::data(messages::nest(&messages::read_error(&e), |w| {
            messages::profile_unreadable_because(&name, w)
        }))
        .hint(messages::profile_remove_hint(CONFIG_DIR_VAR))),
    }
}

/// The profile's advisory lock (`profile.lock` next to it), held from loading the profile to
/// saving it, so that any number of `mynumber done` and interviews at once lose nothing. It is
/// released when dropped (and by the system when the process ends, however it ends).
#[derive(Debug)]
pub(crate) struct Lock {
    _file: std::fs::File,
}

/// The lock file next to a profile.
pub(crate) fn lock_path(profile: &Path) -> PathBuf {
    profile.with_file_name("profile.lock")
}

impl Lock {
    /// Waits for and takes the lock of the profile at `path`, creating its directory (0700).
    pub(crate) fn acquire(path: &Path) -> Result<Lock, Error> {
        let lock = lock_path(path);
        let fail = |e: std::io::Error| {
            Error::failure(messages::cannot_lock_profile(lock.display(), e))
                .hint(messages::set_writable_config_dir(CONFIG_DIR_VAR))
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.exists() {
                create_private_dir(dir).map_err(fail)?;
            }
        }
        let mut open = std::fs::OpenOptions::new();
        open.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            open.mode(0o600);
        }
        let file = open.open(&lock).map_err(fail)?;
        file.lock().map_err(fail)?;
        Ok(Lock { _file: file })
    }

    /// The lock of the default profile; `None` when there is no configuration directory (then
    /// nothing can be saved either).
    pub(crate) fn acquire_default() -> Result<Option<Lock>, Error> {
        match default_path() {
            Ok(p) => Lock::acquire(&p).map(Some),
            Err(_) => Ok(None),
        }
    }
}

/// Where saving `path` writes: the file itself, or the regular file a symbolic link points to.
/// A read-only file, a link to nothing and anything but a regular file are refused.
fn writable_target(path: &Path) -> Result<PathBuf, Error> {
    let name = path.display();
    let refuse = |why: Text| {
        Error::data(messages::nest(&why, |w| {
            messages::will_not_save_profile(&name, w)
        }))
        .hint(messages::will_not_save_hint(CONFIG_DIR_VAR))
    };
    match crate::fsutil::write_target(path) {
        Ok(None) => Ok(path.to_path_buf()),
        Ok(Some((target, _))) => Ok(target),
        Err(OutputError::Refused(Refusal::LinkToNothing)) => {
            Err(refuse(messages::profile_link_to_nothing()))
        }
        Err(OutputError::Refused(Refusal::NotRegular(kind))) => {
            let kind = messages::file_kind(kind);
            Err(refuse(messages::nest(&kind, |k| {
                messages::profile_not_regular(k)
            })))
        }
        Err(OutputError::Refused(Refusal::ReadOnly)) => Err(refuse(messages::profile_read_only())),
        Err(OutputError::Io(e)) => Err(refuse(messages::profile_target_unreadable(e))),
    }
}

/// Temporary copies of the profile left next to it by a writer that was killed mid-way
/// (`.mynumber-XXXXXX.tmp`): only ever removed by someone holding the lock, so never a copy
/// another process is still writing.
pub fn leftovers(profile: &Path) -> Vec<PathBuf> {
    let dir = match profile.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n.starts_with(crate::fsutil::TEMP_PREFIX)
                && n.ends_with(crate::fsutil::TEMP_SUFFIX)
                && e.file_type().is_ok_and(|t| t.is_file())
        })
        .map(|e| e.path())
        .collect()
}

fn remove_leftovers(profile: &Path) {
    for p in leftovers(profile) {
        let _ = std::fs::remove_file(p);
    }
}

/// An unknown entry whose key or value looks like an Individual Number: it is neither kept nor
/// written back, so the next save removes it from the file.
fn holds_individual_number(key: &str, value: &toml::Value) -> bool {
    crate::redact::contains_individual_number(key) || crate::redact::toml_value_contains(value)
}

/// An entry mynumber does not know (`what`, at `at`): kept in `extra` so that saving the
/// profile writes it back, with a warning; dropped with a warning when it looks like an
/// Individual Number.
fn keep_unknown(
    at: &str,
    (key, value): (&String, &toml::Value),
    what: &Text,
    extra: &mut toml::Table,
    warnings: &mut Vec<Text>,
) {
    if holds_individual_number(key, value) {
        warnings.push(messages::dropped_individual_number(at));
        return;
    }
    warnings.push(messages::nest(what, |w| messages::ignored_kept(at, w)));
    extra.insert(key.clone(), value.clone());
}

/// Reads one person's `[answers]` and `[done]` tables into `person`.
#[allow(clippy::too_many_arguments)]
fn read_person(
    kb: &Kb,
    name: &str,
    (text, index): (&str, &LineIndex),
    answers: Option<&Entries>,
    done: Option<&Entries>,
    person: &mut Profile,
    diags: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Text>,
) {
    if let Some(answers) = answers {
        for (key, value) in answers.get_ref() {
            let fact = key.get_ref();
            if kb.fact(fact).is_none() {
                let (l, c) = index.line_col(text, key.span().start);
                keep_unknown(
                    &format!("{name}:{l}:{c}"),
                    (fact, value.get_ref()),
                    &messages::unknown_fact_named(fact),
                    &mut person.extra_answers,
                    warnings,
                );
                continue;
            }
            match crate::answers::parse_entry(kb, name, (text, index), key, value) {
                Ok(v) => person.answers.set(fact.clone(), v),
                Err(d) => diags.push(d),
            }
        }
    }
    if let Some(done) = done {
        for (key, value) in done.get_ref() {
            let id = key.get_ref();
            if kb.step(id).is_none() {
                let (l, c) = index.line_col(text, key.span().start);
                keep_unknown(
                    &format!("{name}:{l}:{c}"),
                    (id, value.get_ref()),
                    &messages::unknown_step_in_done(id),
                    &mut person.extra_done,
                    warnings,
                );
                continue;
            }
            let day = match value.get_ref() {
                toml::Value::Datetime(dt) => crate::dates::from_toml(dt).ok(),
                _ => None,
            };
            match day {
                Some(d) => {
                    person.done.insert(id.clone(), d);
                    person.answers.mark_done(id.clone());
                }
                None => diags.push(located(
                    name,
                    (text, index),
                    value.span(),
                    &messages::nest(&messages::expected_done_day(), |p| {
                        messages::fact_problem(id, p)
                    }),
                )),
            }
        }
    }
}

/// A problem at `span`, its message led by `file:line:column` in both languages.
fn located(
    name: &str,
    (text, index): (&str, &LineIndex),
    span: std::ops::Range<usize>,
    msg: &Text,
) -> Diagnostic {
    let (l, c) = index.line_col(text, span.start);
    let at = format!("{name}:{l}:{c}");
    Diagnostic::error(
        name,
        Some(span),
        messages::nest(msg, |m| messages::labelled(&at, m)),
    )
}

/// A member's name: something to call them by, never an Individual Number.
pub(crate) fn check_member_name(n: &str) -> Result<(), Text> {
    let t = n.trim();
    if t.is_empty() || t != n {
        return Err(messages::member_name_blank());
    }
    if crate::engine::facts::looks_like_individual_number(t)
        || t.chars().filter(char::is_ascii_digit).count() >= 12
    {
        return Err(messages::member_name_number());
    }
    if t.chars().any(char::is_control) {
        return Err(messages::member_name_lines());
    }
    Ok(())
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// A TOML key, quoted when it is not a bare key (step ids have dots).
fn key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        inline(&toml::Value::String(k.to_string()))
    }
}

fn inline(v: &toml::Value) -> String {
    v.to_string()
}

/// Loads the profile for a command, printing its warnings on stderr.
///
/// With no configuration directory at all (no home directory), there is no profile: answers
/// given on the command line still work, and only saving fails.
pub(crate) fn load_default(kb: &Kb, lang: Lang) -> Result<Profile, Error> {
    let Ok(path) = default_path() else {
        return Ok(Profile::default());
    };
    let (p, warnings) = Profile::load(kb, &path)?;
    let shown = warnings.len().min(crate::kb::diag::MAX_SHOWN);
    let warning = messages::warning_prefix();
    for w in &warnings[..shown] {
        crate::say!("{}{}", warning.get(lang), w.get(lang));
    }
    if warnings.len() > shown {
        crate::say!(
            "{}{}",
            warning.get(lang),
            messages::more_warnings(warnings.len() - shown, shown).get(lang)
        );
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kb() -> Kb {
        Kb::embedded().unwrap()
    }

    #[test]
    fn round_trips_answers_done_and_unknown_keys() {
        let kb = kb();
        let text = "version = 2\ncolour = \"blue\"\n\n[answers]\nnationality = \"foreign\"\nmoved_in = 2026-11-10\nfavourite_food = \"natto\"\n\n[done]\n\"card.validity-change\" = 2026-11-20\n\n[future]\nx = 1\n";
        let (p, warnings) = Profile::parse(&kb, "p.toml", text).unwrap();
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(
            warnings
                .iter()
                .any(|w| w.en.contains("p.toml:7:1") && w.en.contains("favourite_food"))
        );
        assert!(p.answers.is_done("card.validity-change"));
        let out = p.to_toml(&kb);
        let (again, _) = Profile::parse(&kb, "p.toml", &out).unwrap();
        assert_eq!(again.answers, p.answers);
        assert!(out.contains("favourite_food = \"natto\""), "{out}");
        assert!(out.contains("colour = \"blue\""), "{out}");
        assert!(out.contains("[future]"), "{out}");
        assert!(
            out.contains("\"card.validity-change\" = 2026-11-20"),
            "{out}"
        );
        // Interview order: nationality before moved_in.
        assert!(out.find("nationality").unwrap() < out.find("moved_in").unwrap());
    }

    #[test]
    fn a_version_1_profile_loads_unchanged_when_no_event_is_involved() {
        let kb = kb();
        let v1 = "version = 1\n[answers]\nnationality = \"foreign\"\nstatus = \"student\"\nmoved_in = 2026-11-10\nregistered_on = 2026-11-12\n\n[done]\n\"insurance.link-card\" = 2026-11-20\n";
        let (p, warnings) = Profile::parse(&kb, "p.toml", v1).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            p.answers.date("moved_in"),
            NaiveDate::from_ymd_opt(2026, 11, 10)
        );
        assert_eq!(
            p.answers.date("registered_on"),
            NaiveDate::from_ymd_opt(2026, 11, 12)
        );
        assert!(p.answers.is_done("insurance.link-card"));
        assert!(p.to_toml(&kb).contains("version = 2\n"));
    }

    #[test]
    fn a_version_1_move_is_migrated_to_the_move_facts_and_nothing_is_dropped() {
        let kb = kb();
        // Version 1: a planned move on 2026-11-01, `moved_in` the day of moving to the new
        // address, `registered_on` the notice there, the moving-out notice in [done].
        let v1 = "version = 1\n[answers]\nnationality = \"japanese\"\nmove_planned_on = 2026-11-01\nmove_within_municipality = false\nmoved_in = 2026-11-03\nregistered_on = 2026-11-05\n\n[done]\n\"move.out\" = 2026-10-25\n\"pension.enroll\" = 2026-04-01\n";
        let (p, warnings) = Profile::parse(&kb, "p.toml", v1).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].en.contains("format version 1"), "{warnings:?}");
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(p.answers.date("moved_on"), d(2026, 11, 3));
        assert_eq!(p.answers.date("move_in_filed_on"), d(2026, 11, 5));
        assert_eq!(p.answers.date("move_out_filed_on"), d(2026, 10, 25));
        assert_eq!(p.answers.date("pension_joined_on"), d(2026, 4, 1));
        assert_eq!(p.answers.date("move_planned_on"), d(2026, 11, 1));
        assert!(p.answers.get("moved_in").is_none());
        assert!(p.answers.get("registered_on").is_none());
        assert!(p.done.is_empty());
        // Written as version 2, it reads back the same, with no further migration.
        let out = p.to_toml(&kb);
        let (again, w2) = Profile::parse(&kb, "p.toml", &out).unwrap();
        assert!(w2.is_empty(), "{w2:?}");
        assert_eq!(again.answers, p.answers);
    }

    #[test]
    fn a_version_1_current_address_before_a_planned_move_stays_current() {
        let kb = kb();
        let v1 = "version = 1\n[answers]\nnationality = \"japanese\"\nmoved_in = 2025-04-01\nregistered_on = 2025-04-03\nmove_planned_on = 2026-12-20\n";
        let (p, warnings) = Profile::parse(&kb, "p.toml", v1).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            p.answers.date("moved_in"),
            NaiveDate::from_ymd_opt(2025, 4, 1)
        );
        assert!(p.answers.get("moved_on").is_none());
    }

    #[test]
    fn a_bad_value_is_located() {
        let kb = kb();
        let e = Profile::parse(
            &kb,
            "p.toml",
            "version = 1\n[answers]\nmoved_in = 2026-02-30\n",
        )
        .unwrap_err();
        assert_eq!(e.exit, crate::error::Exit::Data);
        assert!(e.detail.unwrap_or_default().en.contains("p.toml:3:"));
    }

    #[test]
    fn a_newer_version_is_refused() {
        let e = Profile::parse(&kb(), "p.toml", "version = 7\n").unwrap_err();
        assert!(e.detail.unwrap_or_default().en.contains("newer"));
    }

    #[test]
    fn an_individual_number_is_refused_without_repeating_it() {
        let e = Profile::parse(
            &kb(),
            "p.toml",
            "[answers]\nbirth_date = \"123456789012\"\n",
        )
        .unwrap_err();
        let shown = format!("{e}");
        assert!(!shown.contains("123456789012"), "{shown}");
    }

    #[test]
    fn members_round_trip_and_their_mistakes_are_located() {
        let kb = kb();
        let text = "version = 2\nname = \"Ana\"\n[answers]\nnationality = \"foreign\"\n\n[[member]]\nname = \"Mia\"\n[member.answers]\nnationality = \"foreign\"\nrelation = \"child\"\n[member.done]\n\"insurance.link-card\" = 2026-11-20\n";
        let (p, warnings) = Profile::parse(&kb, "p.toml", text).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(p.member_names(), ["Ana", "Mia"]);
        assert_eq!(p.member_index(Some("Mia")).unwrap(), 1);
        assert!(p.person(1).answers.is_done("insurance.link-card"));
        assert!(p.member_index(Some("Zoe")).is_err());
        let (again, _) = Profile::parse(&kb, "p.toml", &p.to_toml(&kb)).unwrap();
        assert_eq!(again.person(1).answers, p.person(1).answers);
        assert_eq!(again.person(0).answers, p.person(0).answers);

        let bad = "version = 2\n[answers]\nnationality = \"foreign\"\n[[member]]\nname = \"Mia\"\n[member.answers]\nrelation = \"cousin\"\n[[member]]\nname = \"Mia\"\n";
        let e = Profile::parse(&kb, "p.toml", bad).unwrap_err();
        let detail = e.detail.unwrap_or_default().en;
        assert!(detail.contains("p.toml:7:"), "{detail}");
        assert!(detail.contains("p.toml:9:"), "{detail}");
        assert!(
            detail.contains("second household member named `Mia`"),
            "{detail}"
        );
    }
}
