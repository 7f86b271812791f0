//! Shell conveniences: completion scripts, manual pages, `--version` with the knowledge base's
//! date, and `mynumber test DIR`.

use std::path::Path;

use crate::common::*;

fn completions(shell: &str) -> String {
    let out = mynumber().args(["completions", shell]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    stdout_of(&out)
}

#[test]
fn completion_scripts_list_step_ids_and_status_keys() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = completions(shell);
        for word in [
            "card.validity-change",
            "residence.register",
            "status=student",
            "status=permanent_resident",
            "nationality=foreign",
            "health_insurance=nhi",
            "moved_in=",
            "answers",
        ] {
            assert!(script.contains(word), "{shell}: no `{word}` in the script");
        }
    }
}

/// Runs the bash script's completion function for a command line (the last word is being
/// completed) and returns the candidates.
fn bash_complete(words: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("mynumber.bash");
    std::fs::write(&script, completions("bash")).unwrap();
    let words_q: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{}'; COMP_POINT=${{#COMP_LINE}}; \
         _mynumber mynumber '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        words_q.join(" "),
        words.len() - 1,
        words.join(" "),
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    stdout_of(&out)
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn bash_completes_step_ids_and_subcommands() {
    if std::process::Command::new("bash")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("bash is not installed; skipping the bash completion test");
        return;
    }
    let got = bash_complete(&["mynumber", "explain", "card.v"]);
    assert_eq!(got, vec!["card.validity-change".to_string()]);
    let got = bash_complete(&["mynumber", "done", "residence.reg"]);
    assert_eq!(got, vec!["residence.register".to_string()]);
    let got = bash_complete(&["mynumber", "compl"]);
    assert_eq!(got, vec!["completions".to_string()]);
    let got = bash_complete(&["mynumber", "completions", "f"]);
    assert_eq!(got, vec!["fish".to_string()]);
}

/// Whether a program can be run (shells other than bash are optional on a developer's machine;
/// CI installs them).
fn have(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok()
}

#[test]
fn fish_completes_step_ids_and_answers() {
    if !have("fish") {
        eprintln!("fish is not installed; skipping the fish completion test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("mynumber.fish");
    std::fs::write(&script, completions("fish")).unwrap();
    let complete = |line: &str| {
        let program = format!("source '{}'; complete -C '{line}'", script.display());
        let out = std::process::Command::new("fish")
            .args(["--no-config", "-c", &program])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        stdout_of(&out)
    };
    assert_eq!(
        complete("mynumber explain card.v"),
        "card.validity-change\tChange your My Number Card's validity\n"
    );
    assert_eq!(
        complete("mynumber done residence."),
        "residence.register\tRegister your address (moving-in notice)\n"
    );
    assert_eq!(
        complete("mynumber plan --answer status=stu"),
        "status=student\tStudent\n"
    );
}

#[test]
fn zsh_script_is_valid_zsh() {
    if !have("zsh") {
        eprintln!("zsh is not installed; skipping");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("_mynumber");
    std::fs::write(&script, completions("zsh")).unwrap();
    let out = std::process::Command::new("zsh")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}

#[test]
fn bash_script_is_valid_bash() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("mynumber.bash");
    std::fs::write(&script, completions("bash")).unwrap();
    match std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
    {
        Ok(out) => assert!(out.status.success(), "{}", stderr_of(&out)),
        Err(_) => eprintln!("bash is not installed; skipping"),
    }
}

#[test]
fn man_page_on_stdout_and_one_page_per_command_in_a_directory() {
    let out = mynumber().arg("man").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let page = stdout_of(&out);
    let th = page.lines().find(|l| l.starts_with(".TH")).unwrap();
    assert_eq!(
        th.trim(),
        format!(
            ".TH mynumber 1 {} \"mynumber {}\"",
            kb_date_from_data(),
            env!("CARGO_PKG_VERSION")
        )
    );
    for word in ["completions", "checklist", "explain", "\\-\\-today"] {
        assert!(page.contains(word), "no `{word}` in the page");
    }

    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man1");
    let out = mynumber()
        .arg("man")
        .arg("--dir")
        .arg(&pages)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    for name in ["mynumber.1", "mynumber-plan.1", "mynumber-kb-check.1"] {
        let text = std::fs::read_to_string(pages.join(name)).unwrap();
        assert!(text.starts_with(".ie"), "{name}: {text}");
    }
    let plan = std::fs::read_to_string(pages.join("mynumber-plan.1")).unwrap();
    assert!(plan.contains("\\-\\-answers"), "{plan}");
}

/// The newest `checked` or `from` date in data/, found independently of the build script.
fn kb_date_from_data() -> String {
    fn walk(v: &toml::Value, newest: &mut String) {
        match v {
            toml::Value::Table(t) => {
                for (k, v) in t {
                    if let ("checked" | "from", toml::Value::Datetime(d)) = (k.as_str(), v) {
                        let day = d.to_string();
                        if day > *newest {
                            *newest = day;
                        }
                    }
                    walk(v, newest);
                }
            }
            toml::Value::Array(a) => a.iter().for_each(|v| walk(v, newest)),
            _ => {}
        }
    }
    fn files(dir: &Path, newest: &mut String) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                files(&p, newest);
            } else if p.extension().is_some_and(|x| x == "toml") {
                let t: toml::Table = std::fs::read_to_string(&p).unwrap().parse().unwrap();
                walk(&toml::Value::Table(t), newest);
            }
        }
    }
    let mut newest = String::new();
    files(&repo().join("data"), &mut newest);
    assert_eq!(newest.len(), 10, "{newest}");
    newest
}

#[test]
fn version_names_the_knowledge_base_date() {
    let out = mynumber().arg("--version").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout_of(&out),
        format!(
            "mynumber {}\nknowledge base: {} (newest rule or source check)\n",
            env!("CARGO_PKG_VERSION"),
            kb_date_from_data()
        )
    );
}

#[test]
fn test_runs_every_scenario_below_a_directory() {
    let out = mynumber()
        .args(["test", "tests/scenarios"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
    let n = mynumber::scenario::expand_paths(&[repo().join("tests/scenarios")])
        .unwrap()
        .len();
    assert!(n >= 38, "{n}");
    assert_eq!(
        stdout_of(&out).lines().last(),
        Some(format!("{n} passed, 0 failed").as_str())
    );

    // Nested directories, files that are not .toml ignored, a directory mixed with a file.
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    let pass = std::fs::read_to_string(repo().join("tests/scenario-fixtures/pass.toml")).unwrap();
    let fail = std::fs::read_to_string(repo().join("tests/scenario-fixtures/fail.toml")).unwrap();
    std::fs::write(dir.path().join("one.toml"), &pass).unwrap();
    std::fs::write(nested.join("two.toml"), &fail).unwrap();
    std::fs::write(nested.join("notes.txt"), "not a scenario").unwrap();
    let out = mynumber()
        .arg("test")
        .arg(dir.path())
        .arg("tests/scenario-fixtures/pass.toml")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let stdout = stdout_of(&out);
    assert!(stdout.contains("two.toml"), "{stdout}");
    assert_eq!(stdout.lines().last(), Some("2 passed, 1 failed"));

    // A directory without scenarios is a usage error.
    let empty = tempfile::tempdir().unwrap();
    let out = mynumber().arg("test").arg(empty.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("no scenario files"),
        "{}",
        stderr_of(&out)
    );
}
