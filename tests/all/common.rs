//! Shared helpers: the real binary in a sealed environment (pinned today, language, colour,
//! config directory).

#![allow(dead_code)]

use std::path::PathBuf;

use assert_cmd::Command;

pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary with a pinned, sealed environment; `today` is given with --today by tests that
/// care, and defaults to 2026-11-22 here.
pub(crate) fn mynumber() -> Command {
    let mut cmd =
        Command::cargo_bin("mynumber").unwrap_or_else(|e| panic!("binary not built: {e}"));
    let config = std::env::temp_dir().join(format!("mynumber-test-config-{}", std::process::id()));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("MYNUMBER_TODAY", "2026-11-22")
        .env("MYNUMBER_CONFIG_DIR", config)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "120")
        .current_dir(repo());
    cmd
}

pub(crate) fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub(crate) fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Copies a directory tree (the knowledge base, to change one rule and pass it with `--kb`),
/// creating `to` first.
pub(crate) fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Starts the binary once per argument list, all at once, against the profile in `config`
/// (nothing else from the environment but `envs`), and checks that every one succeeded.
pub(crate) fn run_all_at_once(config: &std::path::Path, envs: &[(&str, &str)], runs: &[Vec<&str>]) {
    let children: Vec<_> = runs
        .iter()
        .map(|args| {
            std::process::Command::new(env!("CARGO_BIN_EXE_mynumber"))
                .env_clear()
                .envs(envs.iter().copied())
                .env("MYNUMBER_CONFIG_DIR", config)
                .args(args)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
    }
}
