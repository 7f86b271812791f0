//! Reliability and privacy, end to end on the real binary: an Individual Number is never shown
//! or stored, closed pipes are not errors, hostile paths are refused, concurrent saves lose
//! nothing, and bad bytes get the documented exit code.

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
        let base = "nationality = \"japanese\"\n";
        // Answers files: integer (with a leading zero, and grouped with underscores), string,
        // quoted key, bare key, inside another value, an unclosed string.
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
            let p = write(&inputs, &format!("answers-{i}.toml"), text);
            let p = p.display().to_string();
            for cmd in [
                vec!["plan", "--answers", &p],
                vec!["checklist", "--answers", &p],
                vec!["explain", "card.apply", "--answers", &p],
            ] {
                runs.push((
                    format!("{cmd:?} with {text:?}"),
                    cmd.iter().map(|s| s.to_string()).collect(),
                    vec![],
                ));
            }
        }
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
        for a in args {
            runs.push((format!("{a:?}"), a, vec![]));
        }
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
        // A scenario file with the number as an answer and as an expected step.
        let scenario = write(
            &inputs,
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
        for (what, args, envs) in &runs {
            let mut cmd = sealed(&config);
            cmd.args(args).arg("-o").arg(outdir.join("o.txt"));
            // `-o` is not taken by every command: run without it too.
            let mut plain = sealed(&config);
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
            assert_not_stored(&config, form, what);
            assert_not_stored(&outdir, form, what);
        }

        // A hand-edited profile with the number under an unknown key, in [answers], in [done]
        // and at the top: shown redacted, and gone from the file after the next save.
        std::fs::create_dir_all(&config).unwrap();
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
            let out = sealed(&config).args(&args).output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
            assert_not_shown(
                &out,
                form,
                &format!("{args:?} with the number in the profile"),
            );
        }
        assert_not_stored(&config, form, "done after a hand-edited profile");
        let saved = std::fs::read_to_string(config.join("profile.toml")).unwrap();
        assert!(saved.contains("card_applied_on = 2026-11-20"), "{saved}");
        assert!(saved.contains("nationality = \"japanese\""), "{saved}");
    }
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
