//! Reliability and privacy, end to end on the real binary: an Individual Number is never shown
//! or stored, closed pipes are not errors, hostile paths are refused, concurrent saves lose
//! nothing, and bad bytes get the documented exit code.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use mynumber::redact::contains_individual_number;

use crate::common::*;

/// The binary with its own config directory (tests run in parallel).
fn sealed(config: &Path) -> assert_cmd::Command {
    let mut cmd = mynumber();
    cmd.env("MYNUMBER_CONFIG_DIR", config);
    cmd
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p
}

/// Every file under `dir`, with its bytes (lossily as text).
fn files_under(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            out.extend(files_under(&p));
        } else if meta.is_file() {
            let bytes = std::fs::read(&p).unwrap_or_default();
            out.push((p, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    out
}

/// The forms an Individual Number is written in.
const FORMS: &[&str] = &[
    "123456789012",
    "1234 5678 9012",
    "1234-5678-9012",
    "1234_5678_9012",
    "１２３４５６７８９０１２",
    "１２３４ ５６７８ ９０１２",
];

fn assert_not_shown(out: &Output, form: &str, what: &str) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let s = String::from_utf8_lossy(bytes);
        assert!(
            !s.contains(form) && !contains_individual_number(&s),
            "{what}: the number ({form}) appears on {stream}:\n{s}"
        );
    }
}

fn assert_not_stored(dir: &Path, form: &str, what: &str) {
    for (p, text) in files_under(dir) {
        assert!(
            !text.contains(form) && !contains_individual_number(&text),
            "{what}: the number ({form}) is stored in {}:\n{text}",
            p.display()
        );
    }
}

/// A run of the binary: what it is, its arguments, its environment.
type Run = (String, Vec<String>, Vec<(&'static str, String)>);

/// Every way a number can come in, through every command that reads it.
#[test]
fn an_individual_number_is_never_shown_or_stored_whatever_its_form_or_road() {
    for form in FORMS {
        let tmp = tempfile::tempdir().unwrap();
        let inputs = tmp.path().join("in");
        let config = tmp.path().join("config");
        let outdir = tmp.path().join("out");
        std::fs::create_dir_all(&outdir).unwrap();
        let digits: String = form
            .chars()
            .filter_map(|c| match c {
                '0'..='9' => Some(c),
                '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10),
                _ => None,
            })
            .collect();
        let mut runs = answers_file_runs(&inputs, form, &digits);
        runs.extend(argument_runs(form));
        runs.extend(input_file_runs(&inputs, form, &digits));
        for run in &runs {
            assert_run_keeps_it_secret(run, &config, &outdir, form);
        }
        assert_profile_keeps_it_secret(&config, form);
    }
}

/// Answers files with the number: as an integer (with a leading zero, and grouped with
/// underscores), a string, a quoted key, a bare key, inside another value, an unclosed string;
/// each read by every command that reads answers.
fn answers_file_runs(inputs: &Path, form: &str, digits: &str) -> Vec<Run> {
    let base = "nationality = \"japanese\"\n";
    let mut answer_files = vec![
        format!("{base}birth_date = 0{}\n", &digits[1..]),
        format!("{base}birth_date = {digits}\n"),
        format!(
            "{base}birth_date = {}_{}_{}\n",
            &digits[..4],
            &digits[4..8],
            &digits[8..]
        ),
        format!("{base}birth_date = \"{form}\"\n"),
        format!("{base}\"{form}\" = \"x\"\n"),
        format!("{base}status = \"student {form}\"\n"),
        format!("{base}health_insurance = \"{form}\n"),
        format!("{base}[\"{form}\"]\nx = 1\n"),
    ];
    if form
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        answer_files.push(format!("{base}{form} = \"x\"\n"));
    }
    let mut runs: Vec<Run> = Vec::new();
    for (i, text) in answer_files.iter().enumerate() {
        let p = write(inputs, &format!("answers-{i}.toml"), text);
        let p = p.display().to_string();
        for cmd in [
            vec!["plan", "--answers", &p],
            vec!["checklist", "--answers", &p],
            vec!["explain", "card.apply", "--answers", &p],
        ] {
            runs.push((
                format!("{cmd:?} with {text:?}"),
                cmd.iter().map(std::string::ToString::to_string).collect(),
                vec![],
            ));
        }
    }
    runs
}

/// The number as a command-line argument, an option's value and an environment variable.
fn argument_runs(form: &str) -> Vec<Run> {
    let args: Vec<Vec<String>> = vec![
        vec!["plan".into(), "--answer".into(), format!("{form}=x")],
        vec![
            "plan".into(),
            "--answer".into(),
            format!("birth_date={form}"),
        ],
        vec!["plan".into(), "--answer".into(), form.to_string()],
        vec![
            "plan".into(),
            "--answer".into(),
            format!("nationality=a{form}"),
        ],
        vec!["done".into(), form.to_string()],
        vec!["explain".into(), form.to_string()],
        vec!["explain".into(), format!("card.{form}")],
        vec![
            "done".into(),
            "card.apply".into(),
            "--on".into(),
            form.to_string(),
        ],
        vec!["--today".into(), form.to_string(), "plan".into()],
        vec!["--lang".into(), form.to_string(), "plan".into()],
        vec![
            "checklist".into(),
            "--answer".into(),
            "nationality=japanese".into(),
            "--visit".into(),
            form.to_string(),
        ],
        vec![form.to_string()],
        vec!["kb".into(), "check".into(), form.to_string()],
        vec!["test".into(), form.to_string()],
        vec!["plan".into(), "--answers".into(), form.to_string()],
    ];
    let mut runs: Vec<Run> = args
        .into_iter()
        .map(|a| (format!("{a:?}"), a, vec![]))
        .collect();
    for var in ["MYNUMBER_TODAY", "MYNUMBER_LANG"] {
        runs.push((
            format!("{var}={form}"),
            vec![
                "plan".into(),
                "--answer".into(),
                "nationality=japanese".into(),
            ],
            vec![(var, form.to_string())],
        ));
    }
    runs
}

/// The number in the other files the binary reads: a scenario, batch input, a knowledge base.
fn input_file_runs(inputs: &Path, form: &str, digits: &str) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    // A scenario file with the number as an answer and as an expected step.
    let scenario = write(
        inputs,
        "scenario.toml",
        &format!(
            "today = 2026-11-22\n[answers]\nnationality = \"japanese\"\nbirth_date = \"{form}\"\n[[expect]]\nid = \"{form}\"\n"
        ),
    );
    runs.push((
        "test scenario".into(),
        vec!["test".into(), scenario.display().to_string()],
        vec![],
    ));
    // Batch input with the number as a column or key (an unknown fact), as a `ref` and
    // as a value, read as CSV and as JSON Lines, written as JSON Lines and CSV rows.
    let csv = write(
        inputs,
        "batch.csv",
        &format!(
            "ref,nationality,birth_date,x{form}\nr1,japanese,2000-01-01,1\n{form},japanese,2000-01-01,\nr3,japanese,\"{form}\",\n"
        ),
    );
    let jsonl = write(
        inputs,
        "batch.jsonl",
        &format!(
            "{{\"ref\":\"r1\",\"nationality\":\"japanese\",\"x{form}\":1}}\n{{\"ref\":\"{form}\",\"nationality\":\"japanese\"}}\n{{\"ref\":\"r3\",\"nationality\":\"japanese\",\"birth_date\":\"{form}\"}}\n"
        ),
    );
    for file in [&csv, &jsonl] {
        for format in ["jsonl", "csv"] {
            runs.push((
                format!("batch {} --format {format}", file.display()),
                vec![
                    "batch".into(),
                    file.display().to_string(),
                    "--format".into(),
                    format.into(),
                    "--summary".into(),
                ],
                vec![],
            ));
        }
    }
    // A knowledge base whose file has the number in a syntax error.
    let kb = inputs.join("kb");
    write(
        &kb,
        "steps/x.toml",
        &format!("[[step]]\nid = 0{}\n", &digits[1..]),
    );
    runs.push((
        "kb check".into(),
        vec!["kb".into(), "check".into(), kb.display().to_string()],
        vec![],
    ));
    runs
}

/// A run fails, without a panic, and neither shows nor stores the number.
fn assert_run_keeps_it_secret((what, args, envs): &Run, config: &Path, outdir: &Path, form: &str) {
    let mut cmd = sealed(config);
    cmd.args(args).arg("-o").arg(outdir.join("o.txt"));
    // `-o` is not taken by every command: run without it too.
    let mut plain = sealed(config);
    plain.args(args);
    for (k, v) in envs {
        cmd.env(k, v);
        plain.env(k, v);
    }
    let out = plain.output().unwrap();
    assert_ne!(out.status.code(), Some(0), "{what} should fail");
    assert_ne!(out.status.code(), Some(101), "{what} panicked");
    assert_not_shown(&out, form, what);
    let out = cmd.output().unwrap();
    assert_not_shown(&out, form, what);
    assert_not_stored(config, form, what);
    assert_not_stored(outdir, form, what);
}

/// A hand-edited profile with the number under an unknown key, in [answers], in [done] and at
/// the top: shown redacted, and gone from the file after the next save.
fn assert_profile_keeps_it_secret(config: &Path, form: &str) {
    std::fs::create_dir_all(config).unwrap();
    std::fs::write(
        config.join("profile.toml"),
        format!(
            "version = 1\nmy_number = \"{form}\"\n[answers]\nnationality = \"japanese\"\nmy_number = \"{form}\"\n\"{form}\" = 1\n[done]\n\"{form}\" = 2026-11-01\n[extra]\nnote = \"mine is {form}\"\n"
        ),
    )
    .unwrap();
    for args in [
        vec!["profile", "show"],
        vec!["plan"],
        vec!["done", "card.apply", "--on", "2026-11-20"],
    ] {
        let out = sealed(config).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
        assert_not_shown(
            &out,
            form,
            &format!("{args:?} with the number in the profile"),
        );
    }
    assert_not_stored(config, form, "done after a hand-edited profile");
    let saved = std::fs::read_to_string(config.join("profile.toml")).unwrap();
    assert!(saved.contains("card_applied_on = 2026-11-20"), "{saved}");
    assert!(saved.contains("nationality = \"japanese\""), "{saved}");
}

/// Runs the binary with stdout and/or stderr a pipe whose reading end is closed as soon as the
/// process starts (long before it writes), and returns its exit code.
fn run_closed(args: &[&str], close_out: bool, close_err: bool, config: &Path) -> Option<i32> {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mynumber"))
        .env_clear()
        .env("MYNUMBER_TODAY", "2026-11-22")
        .env("MYNUMBER_CONFIG_DIR", config)
        .current_dir(repo())
        .args(args)
        .stdin(Stdio::null())
        .stdout(if close_out {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stderr(if close_err {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    drop(child.stderr.take());
    child.wait().unwrap().code()
}

#[test]
fn a_closed_stdout_or_stderr_is_never_a_crash() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path();
    write(
        config,
        "profile.toml",
        "version = 1\n[answers]\nnationality = \"japanese\"\nfavourite = 1\n",
    );
    let ok: &[&[&str]] = &[
        &["profile", "path"],
        &["profile", "show"],
        &["plan"],
        &["plan", "--format", "json"],
        &["checklist"],
        &["explain", "card.apply"],
        &["kb", "list"],
        &["kb", "check"],
        &["--help"],
        &["--version"],
        &["test", "tests/scenarios/birthday-cap-child.toml"],
    ];
    for args in ok {
        // Closed stdout: the product is dropped, and that is success; the same with stderr
        // closed (warnings dropped), and with both.
        for (o, e) in [(true, false), (false, true), (true, true)] {
            let code = run_closed(args, o, e, config);
            assert_eq!(
                code,
                Some(0),
                "{args:?}, stdout closed {o}, stderr closed {e}"
            );
        }
    }
    // Errors keep their exit code when the message cannot be shown.
    let bad: &[(&[&str], i32)] = &[
        (&["plan", "--answer", "nationality=martian"], 65),
        (&["explain", "no.such-step"], 2),
        (&["--lang", "xx", "plan"], 2),
        (&["no-such-command"], 2),
        (&["done", "card.apply", "--on", "2099-01-01"], 2),
    ];
    for (args, code) in bad {
        for (o, e) in [(false, true), (true, true)] {
            assert_eq!(run_closed(args, o, e, config), Some(*code), "{args:?}");
        }
    }
}

#[test]
fn environment_variables_are_named_as_such() {
    let tmp = tempfile::tempdir().unwrap();
    let out = sealed(tmp.path())
        .env("MYNUMBER_TODAY", "tomorrow")
        .args(["plan", "--answer", "nationality=japanese"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_of(&out);
    assert!(e.contains("environment variable MYNUMBER_TODAY"), "{e}");
    assert!(!e.contains("--today"), "{e}");
    let out = sealed(tmp.path())
        .env("MYNUMBER_LANG", "fr")
        .args(["plan", "--answer", "nationality=japanese"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_of(&out);
    assert!(e.contains("environment variable MYNUMBER_LANG"), "{e}");
    assert!(!e.contains("--lang"), "{e}");
    // The option still wins over the variable, and the variable still works.
    let out = sealed(tmp.path())
        .env("MYNUMBER_LANG", "fr")
        .args(["--lang", "ja", "kb", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let out = sealed(tmp.path())
        .env("MYNUMBER_LANG", "ja")
        .args(["kb", "statuses"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

#[cfg(unix)]
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

const PLAN: &[&str] = &["plan", "--answer", "nationality=japanese", "-o"];
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

#[cfg(unix)]
#[test]
fn dash_o_never_destroys_anything_but_a_regular_file() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let refused = |target: &Path, why: &str| {
        let out = sealed(d)
            .args(PLAN)
            .arg(target)
            .timeout(TIMEOUT)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{}: {}",
            target.display(),
            stderr_of(&out)
        );
        let e = stderr_of(&out);
        assert!(e.contains("will not write") && e.contains(why), "{e}");
    };
    // A FIFO: refused at once (no reader is waited for), still a FIFO.
    let fifo = d.join("fifo");
    mkfifo(&fifo);
    refused(&fifo, "a FIFO");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    // A device.
    refused(Path::new("/dev/null"), "a device");
    assert!(
        std::fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // A directory.
    refused(d, "a directory");
    // A link to a FIFO, and a dangling link: refused, the link untouched.
    let to_fifo = d.join("to-fifo");
    std::os::unix::fs::symlink(&fifo, &to_fifo).unwrap();
    refused(&to_fifo, "a FIFO");
    let dangling = d.join("dangling");
    std::os::unix::fs::symlink(d.join("nothing"), &dangling).unwrap();
    refused(&dangling, "symbolic link to nothing");
    assert!(
        std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!d.join("nothing").exists());
    // An existing file keeps its permissions.
    let kept = d.join("plan.txt");
    std::fs::write(&kept, "old").unwrap();
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = sealed(d).args(PLAN).arg(&kept).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(mode_of(&kept), 0o640);
    assert!(std::fs::read_to_string(&kept).unwrap().len() > 100);
    // A link to a regular file is written through: the link stays a link.
    let target = d.join("target.txt");
    std::fs::write(&target, "old").unwrap();
    let link = d.join("link.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = sealed(d).args(PLAN).arg(&link).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read_to_string(&target).unwrap().len() > 100);
    // A read-only file is left as it is.
    let ro = d.join("ro.txt");
    std::fs::write(&ro, "old").unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    refused(&ro, "read-only");
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), "old");
    // A new file; and no temporary file is left anywhere.
    let new = d.join("new.md");
    let out = sealed(d).args(PLAN).arg(&new).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(mode_of(&new), 0o644);
    let leftovers: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(unix)]
#[test]
fn only_regular_files_of_reasonable_size_are_read_and_bad_bytes_are_65() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let config = d.join("config");
    std::fs::create_dir_all(&config).unwrap();
    let fifo = d.join("answers.toml");
    mkfifo(&fifo);
    let run = |args: &[&std::ffi::OsStr]| {
        sealed(&config)
            .args(args)
            .timeout(TIMEOUT)
            .output()
            .unwrap()
    };
    let answers = std::ffi::OsStr::new("--answers");
    let plan = std::ffi::OsStr::new("plan");
    // A FIFO and a device as the answers file: refused at once, exit 2.
    for path in [fifo.as_os_str(), std::ffi::OsStr::new("/dev/zero")] {
        let out = run(&[plan, answers, path]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains("not a regular file"),
            "{}",
            stderr_of(&out)
        );
    }
    // Not UTF-8, and binary: 65 with the file and the byte offset.
    let latin1 = write(d, "latin1.toml", "");
    std::fs::write(&latin1, b"nationality = \"japanese\"\n# caf\xe9\n").unwrap();
    let out = run(&[plan, answers, latin1.as_os_str()]);
    assert_eq!(out.status.code(), Some(65), "{}", stderr_of(&out));
    let e = stderr_of(&out);
    assert!(e.contains("latin1.toml") && e.contains("byte 30"), "{e}");
    assert!(!e.contains("permission"), "{e}");
    let binary = write(d, "binary.toml", "");
    std::fs::write(&binary, b"\x7fELF\x02\x01\x01\x00\x00").unwrap();
    let out = run(&[plan, answers, binary.as_os_str()]);
    assert_eq!(out.status.code(), Some(65), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("byte 7"), "{}", stderr_of(&out));
    // Too large: refused without reading it all.
    let big = write(d, "big.toml", &"# padding\n".repeat(200_000));
    let out = run(&[plan, answers, big.as_os_str()]);
    assert_eq!(out.status.code(), Some(65), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("larger than"),
        "{}",
        stderr_of(&out)
    );
    // The same for a scenario.
    let out = run(&[std::ffi::OsStr::new("test"), fifo.as_os_str()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    // A binary profile is 65 naming the file and offset; a FIFO profile is refused at once.
    std::fs::write(config.join("profile.toml"), b"version = 1\n\xff\xfe").unwrap();
    for args in [
        vec![plan],
        vec![
            std::ffi::OsStr::new("profile"),
            std::ffi::OsStr::new("show"),
        ],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(65), "{args:?}: {}", stderr_of(&out));
        let e = stderr_of(&out);
        assert!(e.contains("profile.toml") && e.contains("byte 12"), "{e}");
        assert!(!e.contains("permissions"), "{e}");
    }
    std::fs::remove_file(config.join("profile.toml")).unwrap();
    mkfifo(&config.join("profile.toml"));
    let out = run(&[plan]);
    assert_eq!(out.status.code(), Some(65), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("a FIFO"), "{}", stderr_of(&out));
}

#[cfg(unix)]
#[test]
fn kb_walks_only_its_own_tree() {
    let tmp = tempfile::tempdir().unwrap();
    let kb = tmp.path().join("kb");
    copy_dir(&repo().join("data"), &kb);
    // A loop back to the top, and a link to a directory elsewhere: not followed.
    std::os::unix::fs::symlink("..", kb.join("steps/loop")).unwrap();
    std::os::unix::fs::symlink(tmp.path(), kb.join("elsewhere")).unwrap();
    let out = sealed(tmp.path())
        .args(["kb", "check"])
        .arg(&kb)
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
    // A link to a file outside: refused, by name.
    std::fs::write(tmp.path().join("outside.toml"), "x = 1\n").unwrap();
    std::os::unix::fs::symlink(tmp.path().join("outside.toml"), kb.join("steps/out.toml")).unwrap();
    let out = sealed(tmp.path())
        .args(["kb", "check"])
        .arg(&kb)
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    assert!(
        stdout_of(&out).contains("not followed"),
        "{}",
        stdout_of(&out)
    );
    // The root of the file system is not walked for ever.
    let out = sealed(tmp.path())
        .args(["--kb", "/", "kb", "list"])
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65), "{}", stderr_of(&out));
}

/// What `done STEP` writes into an empty profile, when it is exactly one record: the step in
/// `[done]`, or one fact in `[answers]`.
fn single_record(step: &str) -> Option<(String, String)> {
    let tmp = tempfile::tempdir().unwrap();
    let out = sealed(tmp.path())
        .args(["done", step, "--on", "2026-11-01"])
        .output()
        .unwrap();
    if !out.status.success() {
        return None;
    }
    let text = std::fs::read_to_string(tmp.path().join("profile.toml")).ok()?;
    let t: toml::Table = toml::from_str(&text).ok()?;
    let answers = t
        .get("answers")
        .and_then(|a| a.as_table())
        .cloned()
        .unwrap_or_default();
    let done = t
        .get("done")
        .and_then(|a| a.as_table())
        .cloned()
        .unwrap_or_default();
    match (answers.len(), done.len()) {
        (0, 1) => Some(("done".into(), done.keys().next()?.clone())),
        (1, 0) => Some(("answers".into(), answers.keys().next()?.clone())),
        _ => None,
    }
}

#[test]
fn many_dones_at_once_lose_nothing() {
    let list = mynumber().args(["kb", "list"]).output().unwrap();
    let mut ids: Vec<String> = stdout_of(&list)
        .lines()
        .filter_map(|l| l.split('\t').next())
        .map(str::to_string)
        .collect();
    ids.dedup();
    let records: Vec<(String, (String, String))> = ids
        .iter()
        .filter_map(|id| single_record(id).map(|r| (id.clone(), r)))
        // Steps that record a fact can change each other's facts (a card picked up ends the
        // application): only the order-free `[done]` records are raced.
        .filter(|(_, (table, _))| table == "done")
        .collect();
    assert!(records.len() >= 8, "too few steps to race: {records:?}");
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path();
    for round in 0..3 {
        let _ = std::fs::remove_file(config.join("profile.toml"));
        // Every step twice (two rounds of writers on the same keys), all at once.
        let runs: Vec<Vec<&str>> = records
            .iter()
            .chain(records.iter())
            .map(|(id, _)| vec!["done", id.as_str(), "--on", "2026-11-01"])
            .collect();
        run_all_at_once(config, &[("MYNUMBER_TODAY", "2026-11-22")], &runs);
        let text = std::fs::read_to_string(config.join("profile.toml")).unwrap();
        let t: toml::Table = toml::from_str(&text).unwrap();
        for (id, (table, key)) in &records {
            let found = t
                .get(table)
                .and_then(|x| x.as_table())
                .is_some_and(|x| x.contains_key(key));
            assert!(
                found,
                "round {round}: `done {id}` ({table}.{key}) was lost:\n{text}"
            );
        }
        let left = mynumber::profile::leftovers(&config.join("profile.toml"));
        assert!(left.is_empty(), "{left:?}");
    }
}

#[cfg(unix)]
#[test]
fn the_profile_is_never_silently_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    let profile = config.join("profile.toml");
    let text = "version = 2\n[answers]\nnationality = \"japanese\"\n";
    write(&config, "profile.toml", text);
    // Read-only: refused with 65, left as it is.
    std::fs::set_permissions(&profile, std::fs::Permissions::from_mode(0o400)).unwrap();
    let out = sealed(&config)
        .args(["done", "card.lost", "--on", "2026-11-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("read-only"), "{}", stderr_of(&out));
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), text);
    std::fs::remove_file(&profile).unwrap();
    // A symbolic link: written through to its target, the link stays.
    let real = write(tmp.path(), "elsewhere/real.toml", text);
    std::os::unix::fs::symlink(&real, &profile).unwrap();
    let out = sealed(&config)
        .args(["done", "card.lost", "--on", "2026-11-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        std::fs::symlink_metadata(&profile)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("card.lost")
    );
    // Forgetting a linked profile deletes the answers where they are, then the link.
    let out = sealed(&config)
        .args(["profile", "forget", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(!real.exists(), "the linked file still holds the answers");
    assert!(std::fs::symlink_metadata(&profile).is_err());
    std::os::unix::fs::symlink(&real, &profile).unwrap();
    // A link to nothing: refused, the link untouched.
    std::fs::remove_file(&profile).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("nothing"), &profile).unwrap();
    let out = sealed(&config)
        .args(["done", "card.lost", "--on", "2026-11-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65), "{}", stderr_of(&out));
    assert!(!tmp.path().join("nothing").exists());
}

#[test]
fn copies_left_by_a_killed_save_are_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path();
    let copy = "version = 2\n[answers]\nbirth_date = 1990-01-01\n";
    // The next save removes them...
    write(config, ".mynumber-AbC123.tmp", copy);
    let out = sealed(config)
        .args(["done", "card.lost", "--on", "2026-11-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(!config.join(".mynumber-AbC123.tmp").exists());
    // ...and so does `profile forget`.
    write(config, ".mynumber-XyZ789.tmp", copy);
    let out = sealed(config)
        .args(["profile", "forget", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let left: Vec<_> = files_under(config)
        .into_iter()
        .filter(|(_, text)| text.contains("1990"))
        .map(|(p, _)| p)
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(!config.join("profile.toml").exists());
}

mod fuzz_on_stable {
    //! The fuzz targets' entry points (`fuzz/`), driven by proptest on the stable toolchain:
    //! arbitrary bytes, and TOML-shaped text that gets past the parser more often.

    use std::fmt::Write as _;

    use proptest::prelude::*;

    fn kb() -> &'static mynumber::kb::Kb {
        static KB: std::sync::OnceLock<mynumber::kb::Kb> = std::sync::OnceLock::new();
        KB.get_or_init(|| mynumber::kb::Kb::embedded().unwrap())
    }

    /// `key = value` lines with keys and values from the knowledge base's vocabulary, digits,
    /// dates and junk.
    fn tomlish() -> impl Strategy<Value = Vec<u8>> {
        let key = prop_oneof![
            Just("nationality".to_string()),
            Just("moved_in".to_string()),
            Just("birth_date".to_string()),
            Just("\"card.apply\"".to_string()),
            Just("version".to_string()),
            Just("[answers]".to_string()),
            Just("[done]".to_string()),
            Just("[[step]]".to_string()),
            Just("when".to_string()),
            Just("due".to_string()),
            "[a-z_.\"]{1,12}",
        ];
        let value = prop_oneof![
            Just("\"foreign\"".to_string()),
            Just("2026-11-01".to_string()),
            Just("0000-01-01".to_string()),
            Just("012345678901".to_string()),
            Just("\"1234 5678 9012\"".to_string()),
            Just("{ all = [{ known = \"moved_in\" }] }".to_string()),
            Just("{ days = 14, from = \"moved_in\" }".to_string()),
            "[ -~]{0,20}",
        ];
        prop::collection::vec((key, value), 0..12).prop_map(|lines| {
            lines
                .into_iter()
                .fold(String::new(), |mut s, (k, v)| {
                    let _ = writeln!(s, "{k} = {v}");
                    s
                })
                .into_bytes()
        })
    }

    fn input() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![prop::collection::vec(any::<u8>(), 0..300), tomlish()]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn answers_never_panic(data in input()) {
            mynumber::fuzzing::answers(kb(), &data);
        }

        #[test]
        fn profiles_never_panic(data in input()) {
            mynumber::fuzzing::profile(kb(), &data);
        }

        #[test]
        fn kb_files_never_panic(which in any::<u8>(), data in input()) {
            let mut bytes = vec![which];
            bytes.extend(data);
            mynumber::fuzzing::kb_file(&bytes);
        }

        #[test]
        fn steps_never_panic(data in input()) {
            mynumber::fuzzing::steps(&data);
        }
    }
}

#[test]
fn years_outside_1900_to_2100_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let answers = write(
        tmp.path(),
        "a.toml",
        "nationality = \"foreign\"\nmoved_in = 0000-03-01\n",
    );
    let out = sealed(tmp.path())
        .arg("plan")
        .arg("--answers")
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("1900 to 2100"),
        "{}",
        stderr_of(&out)
    );
    for args in [
        vec![
            "plan",
            "--answer",
            "nationality=foreign",
            "--answer",
            "moved_in=0000-03-01",
        ],
        vec!["--today", "9999-12-31", "plan"],
        vec![
            "checklist",
            "--answer",
            "nationality=japanese",
            "--visit",
            "9999-12-31",
        ],
        vec!["done", "card.lost", "--on", "1899-12-31"],
    ] {
        let out = sealed(tmp.path()).args(&args).output().unwrap();
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        assert!(
            stderr_of(&out).contains("1900 to 2100"),
            "{args:?}: {}",
            stderr_of(&out)
        );
    }
}

/// The located problems shown (one `-->` line each) and the count in the "... and N more"
/// line, if there is one.
fn shown_and_more(text: &str) -> (usize, Option<usize>) {
    let shown = text
        .lines()
        .filter(|l| l.trim_start().starts_with("-->"))
        .count();
    let more = text.lines().find_map(|l| {
        l.strip_prefix("... and ")?
            .split(' ')
            .next()?
            .parse::<usize>()
            .ok()
    });
    (shown, more)
}

/// A file of tens of thousands of bad lines (issue: a 4 MB file of unknown keys took 87 s):
/// every problem is counted, the first 50 in the file are shown with their line, and the rest
/// are summed up in one line; `kb check`, whose job is the whole list, lists every one. The
/// timeout only guards against a hang; the cap and the count are what is asserted.
#[test]
#[expect(
    clippy::many_single_char_names,
    reason = "counters and paths of three files"
)]
fn a_file_of_many_problems_is_reported_in_full_count_but_capped() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let config = d.join("config");
    std::fs::create_dir_all(&config).unwrap();
    // An answers file just under the 1 MiB limit, one unknown fact per line.
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 1_000_000 {
        let _ = writeln!(text, "unknown_fact_{n} = 1");
        n += 1;
    }
    let answers = write(d, "answers.toml", &text);
    let out = sealed(&config)
        .args(["plan", "--answers"])
        .arg(&answers)
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65), "{}", stderr_of(&out));
    let e = stderr_of(&out);
    assert!(e.contains(&format!("has {n} bad answers")), "{e:.2000}");
    assert_eq!(shown_and_more(&e), (50, Some(n - 50)), "{e:.2000}");
    // The first ones in the file, in the file's order.
    assert!(
        e.contains("answers.toml:1:1") && e.contains("answers.toml:50:1"),
        "{e:.3000}"
    );
    assert!(!e.contains("answers.toml:51:1"), "{e:.3000}");

    // The saved profile: unknown facts are kept with a warning each; 50 are shown.
    let mut profile = String::from("version = 2\n[answers]\nnationality = \"japanese\"\n");
    let mut m = 0;
    while profile.len() < 900_000 {
        let _ = writeln!(profile, "unknown_fact_{m} = 1");
        m += 1;
    }
    write(&config, "profile.toml", &profile);
    let out = sealed(&config)
        .arg("plan")
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let e = stderr_of(&out);
    let warned = e
        .lines()
        .filter(|l| l.contains("unknown fact `unknown_fact_"))
        .count();
    assert_eq!(warned, 50, "{e:.2000}");
    assert!(
        e.contains(&format!("and {} more not shown", m - 50)),
        "{e:.2000}"
    );
    std::fs::remove_file(config.join("profile.toml")).unwrap();

    // A knowledge-base file of a few thousand steps, each naming a fact that does not exist.
    let kb = d.join("kb");
    copy_dir(&repo().join("data"), &kb);
    let mut steps = String::new();
    let mut k = 0;
    while steps.len() < 1_500_000 {
        let _ = write!(
            steps,
            "[[step]]\nid = \"generated.s{k}\"\nphase = \"arrival\"\nwhere = \"municipal_office\"\n\
             title = {{ en = \"T\", ja = \"テ\" }}\nsummary = {{ en = \"T\", ja = \"テ\" }}\n\
             done_when = {{ known = \"no_such_fact_{k}\" }}\n[[step.source]]\n\
             url = \"https://example.org/\"\ntitle = \"x\"\nchecked = 2026-11-22\n"
        );
        k += 1;
    }
    write(&kb, "steps/generated.toml", &steps);
    let out = sealed(&config)
        .arg("--kb")
        .arg(&kb)
        .arg("plan")
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65), "{}", stderr_of(&out));
    let e = stderr_of(&out);
    assert!(e.contains(&format!("({k} found)")), "{e:.2000}");
    assert_eq!(shown_and_more(&e), (50, Some(k - 50)), "{e:.2000}");
    let out = sealed(&config)
        .args(["kb", "check"])
        .arg(&kb)
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65), "{}", stderr_of(&out));
    let report = stdout_of(&out);
    assert_eq!(shown_and_more(&report), (k, None));
    assert!(
        report.contains(&format!("{k} errors, 0 warnings")),
        "{report:.2000}"
    );
    // Each at its own line: the last step's fact is on its own line of the file.
    let last_line = steps.lines().count() - 4;
    assert!(
        report.contains(&format!("generated.toml:{last_line}:23")),
        "{}",
        &report[report.len().saturating_sub(2000)..]
    );
}

/// Every order rule of the knowledge base (`not_before` in data/facts.toml): (fact, fact that
/// comes first, warning only).
fn order_rules() -> Vec<(String, String, bool)> {
    let kb = mynumber::kb::Kb::embedded().unwrap();
    let mut out = Vec::new();
    for f in &kb.facts {
        for r in &f.not_before {
            out.push((f.name.get_ref().clone(), r.fact.get_ref().clone(), r.warn));
        }
    }
    out
}

/// Answers with `fact` on 2026-10-01 and `other` (which comes first) on 2026-10-10: a foreign
/// student, so that a first registration is assumed (a rule's `when`).
fn reversed(fact: &str, other: &str) -> Vec<(String, String)> {
    [
        ("nationality", "foreign"),
        ("status", "student"),
        (fact, "2026-10-01"),
        (other, "2026-10-10"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

#[test]
fn events_in_an_impossible_order_are_refused_and_unusual_ones_warned_about_naming_both() {
    let rules = order_rules();
    // The cases of the issue are among them: moving in before arriving, applying for a card
    // before registering, a move-in notice filed before the move, a loss reported before it.
    for (fact, other) in [
        ("moved_in", "entry_date"),
        ("card_applied_on", "registered_on"),
        ("move_in_filed_on", "moved_on"),
        ("loss_reported_on", "card_lost_on"),
        ("card_notice_on", "card_applied_on"),
    ] {
        assert!(
            rules.iter().any(|(f, o, _)| f == fact && o == other),
            "no rule that {fact} is not before {other}"
        );
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut jsonl = String::new();
    for (fact, other, warn) in &rules {
        let answers = reversed(fact, other);
        let mut cmd = sealed(tmp.path());
        cmd.args(["plan", "--no-input"]);
        for (k, v) in &answers {
            cmd.arg("--answer").arg(format!("{k}={v}"));
        }
        let out = cmd.output().unwrap();
        let e = stderr_of(&out);
        let named = format!("{fact}: 2026-10-01 is before {other} (2026-10-10): ");
        if *warn {
            assert_eq!(out.status.code(), Some(0), "{fact} before {other}: {e}");
            assert!(e.contains(&format!("warning: {named}")), "{e}");
        } else {
            assert_eq!(out.status.code(), Some(65), "{fact} before {other}: {e}");
            assert!(e.contains(&named), "{e}");
        }
        // The same days in the right order: no word about them.
        let mut cmd = sealed(tmp.path());
        cmd.args(["plan", "--no-input"]);
        for (k, v) in &answers {
            let v = match k.as_str() {
                k if k == fact => "2026-10-10",
                k if k == other => "2026-10-01",
                _ => v,
            };
            cmd.arg("--answer").arg(format!("{k}={v}"));
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        assert!(
            !stderr_of(&out).contains("is before"),
            "{}",
            stderr_of(&out)
        );
        let row: serde_json::Map<String, serde_json::Value> = answers
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .chain([("ref".to_string(), format!("{fact}<{other}").into())])
            .collect();
        jsonl.push_str(&serde_json::Value::Object(row).to_string());
        jsonl.push('\n');
    }
    // The same through batch: a refused row names both facts; a warned row is planned, with
    // the warning on stderr.
    let out = mynumber()
        .args(["batch", "--input-format", "jsonl"])
        .write_stdin(jsonl)
        .output()
        .unwrap();
    let e = stderr_of(&out);
    assert_eq!(out.status.code(), Some(65), "{e}");
    let rows: Vec<serde_json::Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (i, (fact, other, warn)) in rules.iter().enumerate() {
        let n = i + 1;
        let row = rows
            .iter()
            .find(|r| r["row"] == serde_json::json!(n))
            .unwrap_or_else(|| panic!("row {n} missing"));
        let named = format!("2026-10-01 is before {other} (2026-10-10): ");
        if *warn {
            assert!(row.get("error").is_none(), "row {n}: {row}");
            assert!(
                e.contains(&format!("row {n}: warning: {fact}: {named}")),
                "{e}"
            );
        } else {
            assert_eq!(row["error"]["fact"], serde_json::json!(fact), "{row}");
            let message = row["error"]["message"].as_str().unwrap_or_default();
            assert!(message.starts_with(&named), "{row}");
        }
    }
}

#[test]
fn a_visit_day_in_the_past_is_refused_naming_both_days() {
    let tmp = tempfile::tempdir().unwrap();
    let out = sealed(tmp.path())
        .args([
            "checklist",
            "--no-input",
            "--answer",
            "nationality=japanese",
        ])
        .args(["--visit", "2026-11-21"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let e = stderr_of(&out);
    assert!(
        e.contains("--visit: 2026-11-21 is before today (2026-11-22)"),
        "{e}"
    );
    assert!(e.contains("--today 2026-11-21"), "{e}");
    // Today and later are fine; a past day with --today set to it too is the checklist as it was.
    for args in [
        vec!["--visit", "2026-11-22"],
        vec!["--visit", "2026-12-01"],
        vec!["--today", "2026-11-21", "--visit", "2026-11-21"],
    ] {
        let out = sealed(tmp.path())
            .args([
                "checklist",
                "--no-input",
                "--answer",
                "nationality=japanese",
            ])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
    }
    // The household's sheet too.
    write(
        tmp.path(),
        "profile.toml",
        "version = 2\n[answers]\nnationality = \"japanese\"\n",
    );
    let out = sealed(tmp.path())
        .args(["checklist", "--household", "--visit", "2026-11-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("is before today"),
        "{}",
        stderr_of(&out)
    );
}
