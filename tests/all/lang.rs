//! The user's language: `--lang`, `MYNUMBER_LANG`, then the locale (`LC_ALL`, `LC_MESSAGES`,
//! `LANG`), for the plan and for the tool's own errors and hints.

use crate::common::*;

/// A usage error (a directory without scenarios) with these environment variables.
fn error_with(env: &[(&str, &str)], args: &[&str]) -> String {
    let empty = tempfile::tempdir().unwrap();
    let mut cmd = mynumber();
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd
        .args(args)
        .arg("test")
        .arg(empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    stderr_of(&out)
}

#[test]
fn errors_and_hints_follow_the_language() {
    let en = error_with(&[], &[]);
    assert!(
        en.starts_with("error: there are no scenario files (*.toml) in "),
        "{en}"
    );
    assert!(en.contains("  hint: a scenario is a TOML file"), "{en}");

    for env in [
        vec![("LANG", "ja_JP.UTF-8")],
        vec![("LC_MESSAGES", "ja_JP.UTF-8"), ("LANG", "en_US.UTF-8")],
        vec![("LC_ALL", "ja_JP.UTF-8")],
        vec![("MYNUMBER_LANG", "ja")],
    ] {
        let ja = error_with(&env, &[]);
        assert!(ja.starts_with("エラー："), "{env:?}: {ja}");
        assert!(
            ja.contains("にシナリオファイル（*.toml）がありません。"),
            "{ja}"
        );
        assert!(ja.contains("  ヒント：シナリオは"), "{ja}");
    }
    // The option wins over the environment; LC_ALL wins over LANG.
    let en = error_with(
        &[("LANG", "ja_JP.UTF-8"), ("MYNUMBER_LANG", "ja")],
        &["--lang", "en"],
    );
    assert!(en.starts_with("error: "), "{en}");
    let en = error_with(&[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "C")], &[]);
    assert!(en.starts_with("error: "), "{en}");
    let en = error_with(&[("LANG", "ja_JP.UTF-8"), ("MYNUMBER_LANG", "en")], &[]);
    assert!(en.starts_with("error: "), "{en}");
}

#[test]
fn a_japanese_locale_gives_a_japanese_plan() {
    let out = mynumber()
        .env("LANG", "ja_JP.UTF-8")
        .args(["--today", "2026-10-05", "plan", "--no-input"])
        .args(["--answers", "examples/new-arrival.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(text.starts_with("マイナンバー手続プラン"), "{text}");
    assert!(text.contains("あと14日"), "{text}");
}

#[test]
fn a_bad_date_is_explained_in_either_language() {
    let run = |lang: &str, day: &str| {
        let out = mynumber()
            .args(["--lang", lang, "--today", day, "kb", "list"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        stderr_of(&out)
    };
    assert_eq!(
        run("en", "2026-02-30"),
        "error: --today: 2026-02-30 is not a day that exists; write a real date as YYYY-MM-DD\n"
    );
    assert_eq!(
        run("ja", "2026-02-30"),
        "エラー：--today：2026-02-30 という日は存在しません。実在する日付を YYYY-MM-DD で書いてください。\n"
    );
    let empty = run("en", "");
    assert!(empty.contains("no date was given"), "{empty}");
    assert!(!empty.contains("``"), "{empty}");
}

#[test]
fn an_individual_number_is_refused_in_either_language() {
    let refuse = |lang: &str, args: &[&str]| {
        let out = mynumber()
            .args(["--lang", lang, "plan", "--answer", "nationality=foreign"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(65));
        let err = stderr_of(&out);
        assert!(
            !err.contains("123456789012"),
            "the number is repeated: {err}"
        );
        err
    };
    let en = refuse("en", &["--answer", "status=123456789012"]);
    assert!(
        en.contains("--answer status: this looks like an Individual Number (12 digits)"),
        "{en}"
    );
    let ja = refuse("ja", &["--answer", "status=123456789012"]);
    assert!(
        ja.contains("エラー：--answer status：個人番号（12桁）のようです。"),
        "{ja}"
    );
    assert!(!ja.contains("this looks like"), "{ja}");
    // In an answers file: located in the detail, in the person's language.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.toml");
    std::fs::write(&file, "status = \"1234 5678 9012\"\n").unwrap();
    let file = file.to_str().unwrap();
    let ja = refuse("ja", &["--answers", file]);
    assert!(ja.contains("に誤った回答が1件あります。"), "{ja}");
    assert!(
        ja.contains("エラー：")
            && ja.contains("answers.toml:1:10：「status」：個人番号（12桁）のようです。"),
        "{ja}"
    );
    assert!(
        ja.contains("ヒント：その値を削除してください。個人番号が必要な手続はありません。"),
        "{ja}"
    );
    assert!(ja.contains("ヒント：`mynumber kb facts` で"), "{ja}");
    assert!(!ja.contains("this looks like"), "{ja}");
    let en = refuse("en", &["--answers", file]);
    assert!(en.contains("has 1 bad answer"), "{en}");
    assert!(
        en.contains("answers.toml:1:10: `status`: this looks like an Individual Number"),
        "{en}"
    );
    assert!(en.contains("help: remove that value"), "{en}");
}

/// Arguments, the exit code, and what the error says in English and in Japanese.
type BadInput = (
    &'static [&'static str],
    Option<i32>,
    &'static str,
    &'static str,
);

/// Bad answers, names and steps, each with its message in both languages.
const BAD_INPUTS: &[BadInput] = &[
    (
        &["plan", "--answer", "movedin=2026-04-01"],
        Some(65),
        "unknown fact `movedin` (did you mean `moved_in`?)",
        "「movedin」という回答項目はありません（「moved_in」ではありませんか？）",
    ),
    (
        &[
            "plan",
            "--answer",
            "nationality=foreign",
            "--answer",
            "status=studnt",
        ],
        Some(65),
        "`studnt` is not a known status of residence (did you mean `student`?)",
        "「studnt」という在留資格はありません（「student」ではありませんか？）",
    ),
    (
        &[
            "plan",
            "--answer",
            "nationality=japanese",
            "--answer",
            "municipality=Nahaa",
        ],
        Some(65),
        "no municipality named “Nahaa” is known: did you mean Naha (472018)?",
        "「Nahaa」という市区町村は見つかりません。那覇市（472018）のことですか？",
    ),
    (
        &[
            "plan",
            "--answer",
            "nationality=japanese",
            "--answer",
            "municipality=271276",
        ],
        Some(65),
        "271276 is the code of a ward of a designated city",
        "271276は政令指定都市の区のコードです。市の名前かコードを指定してください。大阪市（271004）のことですか？",
    ),
    (
        &[
            "plan",
            "--answer",
            "nationality=japanese",
            "--answer",
            "municipality=472019",
        ],
        Some(65),
        "its check digit should be 8 (472018)",
        "検査数字は8のはずです（472018）。",
    ),
    (
        &["profile", "add", " Ana", "--answer", "nationality=japanese"],
        Some(2),
        "` Ana`: a household member's name must be non-empty, without spaces around it",
        "「 Ana」：世帯員の名前は空にせず、前後に空白を入れないでください。",
    ),
    (
        &["plan", "--answer", "nationality=martian"],
        Some(65),
        "`martian` is not one of: japanese, foreign",
        "「martian」は選択肢にありません。選択肢：japanese, foreign",
    ),
    (
        &[
            "plan",
            "--answer",
            "nationality=japanese",
            "--answer",
            "moved_in=2026-13-01",
        ],
        Some(65),
        "2026-13-01 is not a day that exists",
        "2026-13-01 という日は存在しません。",
    ),
    (
        &[
            "plan",
            "--answer",
            "nationality=japanese",
            "--answer",
            "moved_in=2026-12-01",
        ],
        Some(65),
        "moved_in: 2026-12-01 is after today (2026-11-22)",
        "  moved_in：2026-12-01 は今日（2026-11-22）より後の日付ですが",
    ),
    (
        &["plan", "--answers", "/nonexistent/answers.toml"],
        Some(2),
        "cannot read the answers file /nonexistent/answers.toml",
        "回答ファイル /nonexistent/answers.toml を読めません",
    ),
    (
        &["done", "card.aply"],
        Some(2),
        "there is no step `card.aply`",
        "「card.aply」という手続はありません。",
    ),
    (
        &["done", "card.apply", "--on", "2026-11-23"],
        Some(2),
        "--on: 2026-11-23 is after today (2026-11-22)",
        "--on：2026-11-23 は今日（2026-11-22）より後です。",
    ),
    (
        &["plan", "--household"],
        Some(2),
        "there is no saved profile, so no household to plan for",
        "保存された回答がないため、世帯のプランを作れません。",
    ),
    (
        &["explain", "card.aply"],
        Some(2),
        "did you mean `card.apply`?",
        "ヒント：「card.apply」ではありませんか？",
    ),
];

#[test]
fn bad_answers_and_unknown_steps_are_explained_in_either_language() {
    let run = |args: &[&str]| {
        let dir = tempfile::tempdir().unwrap();
        let out = mynumber()
            .env("MYNUMBER_CONFIG_DIR", dir.path())
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), stderr_of(&out))
    };
    for (args, code, en, ja) in BAD_INPUTS {
        let (c, err) = run(args);
        assert_eq!(c, *code, "{args:?}: {err}");
        assert!(err.contains(en), "{args:?}: {err}");
        let mut ja_args = vec!["--lang", "ja"];
        ja_args.extend_from_slice(args);
        let (c, err) = run(&ja_args);
        assert_eq!(c, *code, "{args:?}: {err}");
        assert!(err.contains(ja), "{args:?}: {err}");
        assert!(err.starts_with("エラー："), "{args:?}: {err}");
    }
    let (_, err) = run(&[
        "--lang",
        "ja",
        "plan",
        "--answer",
        "nationality=japanese",
        "--answer",
        "moved_in=2026-12-01",
    ]);
    assert!(
        err.starts_with("エラー：正しくない回答が1件あります。"),
        "{err}"
    );
}

/// A warning about answered days in an unusual order names the fact in each language's own
/// punctuation, and the plan is still made.
#[test]
fn an_order_warning_is_worded_in_either_language() {
    let warn = |lang: &str| {
        let out = mynumber()
            .args(["--lang", lang, "plan", "--no-input"])
            .args([
                "--answer",
                "nationality=foreign",
                "--answer",
                "status=student",
            ])
            .args([
                "--answer",
                "entry_date=2026-05-01",
                "--answer",
                "moved_in=2026-04-01",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        stderr_of(&out)
    };
    let en = warn("en");
    assert!(
        en.contains(
            "warning: moved_in: 2026-04-01 is before entry_date (2026-05-01): a new arrival"
        ),
        "{en}"
    );
    let ja = warn("ja");
    assert!(
        ja.contains(
            "警告：moved_in：2026-04-01 は entry_date（2026-05-01）より前です。新たに入国した方は"
        ),
        "{ja}"
    );
}

/// A usage error clap finds (an unknown option, a bad value, a missing argument) with these
/// arguments and environment variables: exit 2 and the message on stderr.
fn usage_error(env: &[(&str, &str)], args: &[&str]) -> String {
    let mut cmd = mynumber();
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?}");
    stderr_of(&out)
}

#[test]
fn usage_errors_follow_the_language() {
    // English is clap's own wording.
    let en = usage_error(&[], &["plan", "--answrs", "x.toml"]);
    assert!(
        en.starts_with("error: unexpected argument '--answrs' found"),
        "{en}"
    );
    assert!(en.contains("For more information, try '--help'."), "{en}");

    let cases: [(&[&str], &[&str]); 6] = [
        (
            &["plan", "--answrs", "x.toml"],
            &[
                "エラー：「--answrs」という引数は使えません。",
                "ヒント：「--answers」ではありませんか？",
                "使い方：mynumber plan",
            ],
        ),
        (
            &["pln"],
            &[
                "エラー：「pln」というサブコマンドはありません。",
                "ヒント：「plan」ではありませんか？",
            ],
        ),
        (
            &["plan", "--format", "xml"],
            &[
                "エラー：「--format <FORMAT>」に「xml」は指定できません。",
                "指定できる値：table、json、markdown、ics、html",
            ],
        ),
        (
            &["done"],
            &[
                "エラー：次の引数が必要です：<STEP>",
                "使い方：mynumber done <STEP>",
            ],
        ),
        (
            &["plan", "--format"],
            &["エラー：「--format <FORMAT>」には値が必要です。"],
        ),
        (
            &["kb"],
            &["サブコマンドか引数が足りません。", "Usage: mynumber kb"],
        ),
    ];
    for (args, wants) in cases {
        let with_flag: Vec<&str> = ["--lang", "ja"].iter().chain(args).copied().collect();
        for ja in [
            usage_error(&[], &with_flag),
            usage_error(&[("LANG", "ja_JP.UTF-8")], args),
            usage_error(&[("MYNUMBER_LANG", "ja")], args),
        ] {
            for want in wants {
                assert!(ja.contains(want), "{args:?}: {want}\n{ja}");
            }
            assert!(!ja.contains("error:") && !ja.contains("tip:"), "{ja}");
        }
    }
    // `--lang en` (also written `--lang=en`, and the last one given) wins over the locale.
    for args in [
        &["--lang", "en", "pln"][..],
        &["--lang=en", "pln"],
        &["--lang", "ja", "--lang", "en", "pln"],
    ] {
        let en = usage_error(&[("LANG", "ja_JP.UTF-8")], args);
        assert!(
            en.starts_with("error: unrecognized subcommand 'pln'"),
            "{en}"
        );
    }
    let ja = usage_error(&[], &["--lang=ja", "pln"]);
    assert!(ja.starts_with("エラー："), "{ja}");
}
