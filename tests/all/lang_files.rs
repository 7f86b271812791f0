//! Problems in the files a person writes (answers files, the saved profile, a batch's rows),
//! reported in their language: `--lang ja`, or a Japanese locale, gives every located sentence
//! in Japanese with the same exit code; English stays as it was. For the maintainers' reports
//! (`mynumber test`, `kb check`), the headings and summaries.

use std::path::Path;

use crate::common::*;

/// Arguments and an environment variable that choose the language.
type Choice = (
    &'static [&'static str],
    Option<(&'static str, &'static str)>,
);

/// How Japanese is chosen in each run: the option, or the locale.
const JAPANESE: [Choice; 2] = [
    (&["--lang", "ja"], None),
    (&[], Some(("LANG", "ja_JP.UTF-8"))),
];

/// Runs `args` in `lang_args` and `env`, with the profile in `config`: (exit code, stderr).
fn run(
    config: &Path,
    lang_args: &[&str],
    env: Option<(&str, &str)>,
    args: &[&str],
) -> (Option<i32>, String) {
    let mut cmd = mynumber();
    cmd.env("MYNUMBER_CONFIG_DIR", config);
    if let Some((k, v)) = env {
        cmd.env(k, v);
    }
    let out = cmd.args(lang_args).args(args).output().unwrap();
    (out.status.code(), stderr_of(&out))
}

/// Sentences of the English messages that must not be left in a Japanese report.
const ENGLISH: &[&str] = &[
    "error:",
    "help:",
    "warning:",
    " unknown",
    "expected",
    "is not",
    "is before",
    "is after",
    "must be",
    "ignored",
];

fn assert_japanese(err: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(err.contains(w), "missing {w:?}:\n{err}");
    }
    for e in ENGLISH {
        assert!(!err.contains(e), "English {e:?} left:\n{err}");
    }
}

#[test]
fn an_answers_file_with_mistakes_is_explained_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.toml");
    std::fs::write(
        &file,
        "nationality = 3\nmoved_in = \"2026-02-30\"\nbirth_dat = 2000-04-01\nstatus = \"studnet\"\n",
    )
    .unwrap();
    let args = ["plan", "--no-input", "--answers", file.to_str().unwrap()];
    for (lang_args, env) in JAPANESE {
        let (code, err) = run(dir.path(), lang_args, env, &args);
        assert_eq!(code, Some(65), "{err}");
        assert!(err.starts_with("エラー："), "{err}");
        assert_japanese(
            &err,
            &[
                "answers.toml に誤った回答が4件あります。",
                "エラー：「nationality」：次のいずれかを入力してください：japanese, foreign",
                "answers.toml:1:15",
                "エラー：「moved_in」：2026-02-30 という日は存在しません。",
                "エラー：「birth_dat」という回答項目はありません（「birth_date」ではありませんか？）。",
                "エラー：「status」：「studnet」という在留資格はありません（「student」ではありませんか？）。",
                "ヒント：`mynumber kb facts` で、すべての回答項目とその型を表示できます。",
            ],
        );
    }
    let (code, err) = run(dir.path(), &[], None, &args);
    assert_eq!(code, Some(65), "{err}");
    for w in [
        "answers.toml has 4 bad answers",
        "error: `nationality`: expected one of: japanese, foreign",
        "error: `moved_in`: 2026-02-30 is not a day that exists",
        "error: unknown fact `birth_dat` (did you mean `birth_date`?)",
        "hint: `mynumber kb facts` lists every fact with its type",
    ] {
        assert!(err.contains(w), "missing {w:?}:\n{err}");
    }
    assert!(!err.contains("エラー"), "{err}");
}

#[test]
fn answers_in_an_impossible_order_are_explained_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.toml");
    std::fs::write(
        &file,
        "nationality = \"foreign\"\nbirth_date = 2000-01-01\nentry_date = 1999-04-10\nmoved_in = 2026-12-01\n",
    )
    .unwrap();
    let args = ["plan", "--no-input", "--answers", file.to_str().unwrap()];
    for (lang_args, env) in JAPANESE {
        let (code, err) = run(dir.path(), lang_args, env, &args);
        assert_eq!(code, Some(65), "{err}");
        assert_japanese(
            &err,
            &[
                "エラー：正しくない回答が2件あります。",
                "  entry_date：1999-04-10 は birth_date（2000-01-01）より前です。入国日は生まれた日より後のはずです。両方の日付を確認してください。\n",
                "  moved_in：2026-12-01 は今日（2026-11-22）より後の日付ですが",
                "ヒント：回答を直してください",
            ],
        );
    }
    let (code, err) = run(dir.path(), &[], None, &args);
    assert_eq!(code, Some(65), "{err}");
    assert!(
        err.contains("  entry_date: 1999-04-10 is before birth_date (2000-01-01): you arrived after you were born: check both dates\n"),
        "{err}"
    );
}

#[test]
fn a_toml_mistake_keeps_the_parsers_words_after_a_sentence_in_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.toml");
    std::fs::write(&file, "nationality = = \"foreign\"\n").unwrap();
    let args = ["plan", "--no-input", "--answers", file.to_str().unwrap()];
    for (lang_args, env) in JAPANESE {
        let (code, err) = run(dir.path(), lang_args, env, &args);
        assert_eq!(code, Some(65), "{err}");
        assert!(
            err.contains("answers.toml は回答ファイルとして読めません。"),
            "{err}"
        );
        assert!(
            err.contains("エラー：TOML の書き方に誤りがあります。パーサーの説明：extra `=`"),
            "{err}"
        );
        assert!(err.contains("answers.toml:1:15"), "{err}");
        assert!(err.contains("ヒント：回答ファイルは TOML 形式で"), "{err}");
        assert!(!err.contains("help:") && !err.contains("error:"), "{err}");
    }
    let (code, err) = run(dir.path(), &[], None, &args);
    assert_eq!(code, Some(65), "{err}");
    assert!(err.contains("is not a valid answers file"), "{err}");
    assert!(err.contains("error: extra `=`"), "{err}");
    assert!(err.contains("help: an answers file is TOML"), "{err}");
}

#[test]
fn a_broken_profile_is_explained_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile.toml");
    std::fs::write(
        &profile,
        "version = 2\n[answers]\nnationality = \"foreign\"\nmoved_in = 2026-02-28\ncard_applied_on = \"soon\"\n[done]\n\"card.apply\" = \"yesterday\"\n",
    )
    .unwrap();
    let args = ["plan", "--no-input"];
    for (lang_args, env) in JAPANESE {
        let (code, err) = run(dir.path(), lang_args, env, &args);
        assert_eq!(code, Some(65), "{err}");
        assert_japanese(
            &err,
            &[
                "を読み込めません。",
                "エラー：「card_applied_on」：「soon」は日付ではありません。",
                "profile.toml:5:19",
                "profile.toml:7:16：「card.apply」：完了した日を YYYY-MM-DD で書いてください。",
                "ヒント：手で直すか",
            ],
        );
    }
    let (code, err) = run(dir.path(), &[], None, &args);
    assert_eq!(code, Some(65), "{err}");
    assert!(
        err.contains("error: `card_applied_on`: `soon` is not a date"),
        "{err}"
    );
    assert!(
        err.contains("profile.toml:7:16: `card.apply`: expected the day it was done"),
        "{err}"
    );

    // Unknown entries are kept, with a warning in the person's language.
    std::fs::write(
        &profile,
        "version = 2\ncolour = \"blue\"\n[answers]\nnationality = \"japanese\"\nfavourite_food = \"natto\"\n",
    )
    .unwrap();
    for (lang_args, env) in JAPANESE {
        let (code, err) = run(dir.path(), lang_args, env, &args);
        assert_eq!(code, Some(0), "{err}");
        assert_japanese(
            &err,
            &[
                "警告：",
                "profile.toml：不明なキー「colour」は使いません。ファイルには残してあります。",
                "profile.toml:5:1：不明な回答項目「favourite_food」は使いません。",
            ],
        );
    }
    let (_, err) = run(dir.path(), &[], None, &args);
    assert!(
        err.contains("warning: ")
            && err.contains("unknown key `colour` ignored (kept in the file)"),
        "{err}"
    );

    // Syntax: the parser's words after a sentence in the language.
    std::fs::write(&profile, "version = 2\n[answers\n").unwrap();
    let (code, err) = run(dir.path(), &["--lang", "ja"], None, &args);
    assert_eq!(code, Some(65), "{err}");
    assert!(
        err.contains("TOML の書き方に誤りがあります。パーサーの説明："),
        "{err}"
    );
    assert!(
        err.contains("ヒント：保存された回答は TOML 形式です。"),
        "{err}"
    );
}

#[test]
fn batch_rows_are_refused_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("caseload.csv");
    std::fs::write(
        &csv,
        "ref,nationality,status,moved_in\na1,foreign,studnet,2026-04-01\na2,foreign,student,2026-02-30\na3,japanese,,2026-04-01,x\na4,,,\na5,foreign,student,2026-11-01\n",
    )
    .unwrap();
    let args = [
        "batch",
        csv.to_str().unwrap(),
        "--format",
        "csv",
        "--summary",
    ];
    let batch = |lang_args: &[&str], env: Option<(&str, &str)>| {
        let mut cmd = mynumber();
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        let out = cmd.args(lang_args).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(65), "{}", stderr_of(&out));
        (stdout_of(&out), stderr_of(&out))
    };
    for (lang_args, env) in JAPANESE {
        let (out, err) = batch(lang_args, env);
        for w in [
            "\n1,a1,,,,,,,,status：「studnet」という在留資格はありません（「student」ではありませんか？）。",
            "\n2,a2,,,,,,,,moved_in：2026-02-30 という日は存在しません。",
            "\n3,a3,,,,,,,,セルが5個ありますが、見出しは4列です。\n",
            "\n4,a4,,,,,,,,nationality：プランにはこの回答が必要です。",
            "\n5,a5,residence.register,",
        ] {
            assert!(out.contains(w), "missing {w:?}:\n{out}");
        }
        assert_japanese(
            &err,
            &[
                "1行目：status：「studnet」という在留資格はありません",
                "3行目：セルが5個ありますが、見出しは4列です。\n",
                "5行：プラン作成1行、処理できず4行\n",
                "手続  ",
                "エラー：5行のうち4行を処理できませんでした。",
            ],
        );
    }
    let (out, err) = batch(&[], None);
    assert!(
        out.contains("\n3,a3,,,,,,,,has 5 cells where the header has 4 columns\n"),
        "{out}"
    );
    for w in [
        "row 1: status: `studnet` is not a known status of residence (did you mean `student`?)",
        "row 4: nationality: a plan needs this answer",
        "5 rows: 1 planned, 4 refused\n",
        "error: 4 of 5 rows refused",
    ] {
        assert!(err.contains(w), "missing {w:?}:\n{err}");
    }
}

/// JSON Lines: the error object's keys stay, its message is in the language.
#[test]
fn batch_json_lines_errors_keep_their_keys_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("caseload.jsonl");
    std::fs::write(
        &jsonl,
        "[1]\n{\"nationality\": \"foreign\", \"ref\": [1]}\n",
    )
    .unwrap();
    let out = mynumber()
        .args(["--lang", "ja", "batch", jsonl.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let lines: Vec<serde_json::Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines[0]["error"]["message"],
        "配列ではなく、回答のオブジェクトを書いてください。例：{\"nationality\": \"foreign\"}"
    );
    assert_eq!(lines[1]["error"]["fact"], "ref");
    assert_eq!(
        lines[1]["error"]["message"],
        "配列ではなく、文字列か数値を書いてください。"
    );
}

/// A header that is not a fact stops the batch, in the language.
#[test]
fn a_batch_header_that_is_not_a_fact_is_refused_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("caseload.csv");
    std::fs::write(&csv, "ref,natonality\n").unwrap();
    for (lang_args, env) in JAPANESE {
        let mut cmd = mynumber();
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        let out = cmd
            .args(lang_args)
            .args(["batch", csv.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(65));
        assert_japanese(
            &stderr_of(&out),
            &[
                "エラー：2列目の「natonality」は回答項目ではありません（「nationality」ではありませんか？）。",
            ],
        );
    }
}

#[test]
fn scenario_reports_follow_the_language() {
    let fixtures = [
        "tests/scenario-fixtures/pass.toml",
        "tests/scenario-fixtures/fail.toml",
    ];
    let test = |lang_args: &[&str], env: Option<(&str, &str)>, files: &[&str]| {
        let mut cmd = mynumber();
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        let out = cmd
            .args(lang_args)
            .arg("test")
            .args(files)
            .output()
            .unwrap();
        (out.status.code(), stdout_of(&out), stderr_of(&out))
    };
    for (lang_args, env) in JAPANESE {
        let (code, out, err) = test(lang_args, env, &fixtures);
        assert_eq!(code, Some(1), "{err}");
        assert!(
            out.starts_with("失敗 tests/scenario-fixtures/fail.toml："),
            "{out}"
        );
        assert!(
            out.contains("  - residence.register：status は due ですが、期待値は overdue です。\n"),
            "{out}"
        );
        assert!(
            out.contains("residence.register：プランにないはずですが、含まれています。"),
            "{out}"
        );
        assert_eq!(out.lines().last(), Some("成功1件、失敗1件"));
        assert_eq!(err, "エラー：失敗したシナリオ：1件\n");

        let (code, _, err) = test(lang_args, env, &["tests/scenario-fixtures/malformed.toml"]);
        assert_eq!(code, Some(65), "{err}");
        assert_japanese(
            &err,
            &[
                "エラー：tests/scenario-fixtures/malformed.toml はシナリオとして正しくありません。問題が1件あります。",
                "エラー：「moved_in」：2026-02-30 という日は存在しません。",
                "ヒント：シナリオは",
            ],
        );
    }
    let (code, out, _) = test(&[], None, &fixtures);
    assert_eq!(code, Some(1));
    assert!(
        out.starts_with("FAIL tests/scenario-fixtures/fail.toml: "),
        "{out}"
    );
    assert_eq!(out.lines().last(), Some("1 passed, 1 failed"));
}

#[test]
fn the_knowledge_base_checks_summary_follows_the_language() {
    // The base knowledge base with one misspelt fact name (as `kb_check.rs` lays the cases).
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tests/kb-invalid/misspelt-fact");
    copy_dir(&repo().join("tests/kb-invalid/base"), &dir);
    copy_dir(&repo().join("tests/kb-invalid/misspelt-fact"), &dir);
    let check = |lang_args: &[&str], env: Option<(&str, &str)>| {
        let mut cmd = mynumber();
        cmd.current_dir(tmp.path());
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        let out = cmd
            .args(lang_args)
            .args(["kb", "check", "tests/kb-invalid/misspelt-fact"])
            .output()
            .unwrap();
        (out.status.code(), stdout_of(&out), stderr_of(&out))
    };
    for (lang_args, env) in JAPANESE {
        let (code, out, err) = check(lang_args, env);
        assert_eq!(code, Some(65), "{err}");
        // The problem, its hint, the levels and the totals, all in Japanese.
        assert!(
            out.starts_with("エラー：「moved_on」という回答項目はありません。"),
            "{out}"
        );
        assert!(
            out.contains("\nヒント：「moved_in」ではありませんか？"),
            "{out}"
        );
        assert!(!out.contains("error:") && !out.contains("help:"), "{out}");
        assert!(out.contains("\nヒント："), "{out}");
        assert!(
            out.lines()
                .last()
                .is_some_and(|l| l.starts_with("エラー") && l.ends_with("、警告0件")),
            "{out}"
        );
        assert!(
            err.starts_with("エラー：tests/kb-invalid/misspelt-fact に誤りがあります。エラー"),
            "{err}"
        );
        assert!(err.contains("ヒント：上に示した問題を直してから"), "{err}");
    }
    let (code, out, err) = check(&[], None);
    assert_eq!(code, Some(65));
    assert!(out.starts_with("error: "), "{out}");
    assert!(
        out.lines()
            .last()
            .is_some_and(|l| l.ends_with(", 0 warnings")),
        "{out}"
    );
    assert!(
        err.starts_with("error: tests/kb-invalid/misspelt-fact has "),
        "{err}"
    );
}

/// (arguments, environment, exit code, English, Japanese)
type Case<'a> = (
    &'a [&'a str],
    Option<(&'a str, &'a str)>,
    i32,
    &'a str,
    &'a str,
);

#[test]
fn options_and_paths_are_refused_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let cases: [Case<'_>; 5] = [
        (
            &["plan", "--no-input", "--answer", "nationality"],
            None,
            2,
            "`--answer` takes KEY=VALUE",
            "`--answer` には KEY=VALUE を指定してください。",
        ),
        (
            &["kb", "list"],
            Some(("MYNUMBER_TODAY", "tomorrow")),
            2,
            "the environment variable MYNUMBER_TODAY: `tomorrow` is not a date",
            "環境変数 MYNUMBER_TODAY：「tomorrow」は日付ではありません。",
        ),
        (
            &["plan", "--no-input", "--answers", d],
            None,
            2,
            "it is a directory, not a regular file",
            "通常のファイルではなくディレクトリです。",
        ),
        (
            &[
                "plan",
                "--no-input",
                "--answer",
                "nationality=japanese",
                "-o",
                d,
            ],
            None,
            2,
            "it is a directory, not a regular file; it was left as it is",
            "には書き込みません：通常のファイルではなくディレクトリです。変更していません",
        ),
        (
            &[
                "checklist",
                "--no-input",
                "--answer",
                "nationality=japanese",
                "--visit",
                "2026-11-01",
            ],
            None,
            2,
            "--visit: 2026-11-01 is before today (2026-11-22)",
            "--visit：2026-11-01 は今日（2026-11-22）より前です。",
        ),
    ];
    for (args, env, code, en, ja) in cases {
        for (lang_args, lang_env) in JAPANESE {
            let mut cmd = mynumber();
            cmd.env("MYNUMBER_CONFIG_DIR", dir.path());
            for (k, v) in env.into_iter().chain(lang_env) {
                cmd.env(k, v);
            }
            let out = cmd.args(lang_args).args(args).output().unwrap();
            let err = stderr_of(&out);
            assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
            assert_japanese(&err, &[ja]);
        }
        let mut cmd = mynumber();
        cmd.env("MYNUMBER_CONFIG_DIR", dir.path());
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        let out = cmd.args(args).output().unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        assert!(
            err.starts_with("error: ") && err.contains(en),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn completion_descriptions_from_the_knowledge_base_follow_the_language() {
    let zsh = |lang_args: &[&str], env: Option<(&str, &str)>| {
        let mut cmd = mynumber();
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        let out = cmd
            .args(lang_args)
            .args(["completions", "zsh"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        stdout_of(&out)
    };
    for (lang_args, env) in JAPANESE {
        let script = zsh(lang_args, env);
        assert!(
            script.contains(r#"residence.register\:"転入届""#),
            "{script}"
        );
        assert!(
            script.contains(r#"moved_in=\:"住み始めた日（YYYY-MM-DD）""#),
            "{script}"
        );
    }
    let script = zsh(&[], None);
    assert!(
        script.contains(r#"residence.register\:"Register your address (moving-in notice)""#),
        "{script}"
    );
    assert!(
        script.contains(r#"moved_in=\:"the day you moved in (YYYY-MM-DD)""#),
        "{script}"
    );
}
