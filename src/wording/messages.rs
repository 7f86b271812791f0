//! The tool's own messages (errors, hints, prompts), in English and Japanese: the message
//! catalogue. Each message is a function returning a [`Text`]; its arguments are named in
//! both sentences, and the tests check every message in both languages.

use crate::kb::text::Text;

/// Defines one function per message, and `ALL` (name, English, Japanese) for the tests.
macro_rules! messages {
    ($( $(#[$doc:meta])* $name:ident ( $($arg:ident),* ) => $en:literal, $ja:literal; )*) => {
        $(
            $(#[$doc])*
            pub(crate) fn $name($($arg: impl std::fmt::Display),*) -> Text {
                Text::new(
                    format!($en $(, $arg = $arg)*),
                    format!($ja $(, $arg = $arg)*),
                )
            }
        )*
        /// Every message as written: (name, English, Japanese).
        #[cfg(test)]
        pub(crate) const ALL: &[(&str, &str, &str)] = &[$((stringify!($name), $en, $ja)),*];
    };
}

messages! {
    /// Before every error message.
    error_prefix() => "error: ", "エラー：";
    /// Before every hint under an error.
    hint_prefix() => "hint: ", "ヒント：";
    /// Before a warning about the answers (the plan is still made).
    warning_prefix() => "warning: ", "警告：";
    /// Ctrl-C during the interview or a confirmation.
    interrupted() => "interrupted; nothing new was saved", "中断しました。新しい内容は保存していません。";
    /// Ctrl-C or a termination signal outside the interview.
    stopped() => "interrupted", "中断しました。";
    kb_has_errors(n) =>
        "the knowledge base has mistakes that must be fixed first ({n} found)",
        "知識ベースに修正が必要な誤りがあります（{n}件）。";
    kb_check_hint() =>
        "`mynumber kb check DIR` lists every problem; fix them and run again",
        "`mynumber kb check DIR` ですべての問題を表示できます。修正してから、もう一度実行してください。";
    missing_answers(list) =>
        "these answers are needed and there is no terminal to ask them on: {list}",
        "次の回答が必要ですが、質問できる端末がありません：{list}";
    missing_answers_example(example) =>
        "give them with --answer, e.g. --answer {example}",
        "--answer で指定してください。例：--answer {example}";
    missing_answers_file() =>
        "or write them in a TOML file and pass --answers FILE (see examples/ in the README)",
        "または TOML ファイルに書き、--answers FILE で渡してください。書き方は README と examples/ にあります。";
    test_needs_paths() =>
        "`mynumber test` needs at least one scenario file or directory",
        "`mynumber test` には、シナリオファイルかディレクトリを一つ以上指定してください。";
    test_example() => "e.g. mynumber test tests/scenarios", "例：mynumber test tests/scenarios";
    no_scenarios(dir) =>
        "there are no scenario files (*.toml) in {dir}",
        "{dir} にシナリオファイル（*.toml）がありません。";
    scenario_hint() =>
        "a scenario is a TOML file with `today`, [answers] and [[expect]]; see the README",
        "シナリオは `today`、[answers]、[[expect]] を持つ TOML ファイルです。README を参照してください。";
    scenarios_failed(n) =>
        "scenarios that failed: {n}",
        "失敗したシナリオ：{n}件";
    cannot_write_output(reason) =>
        "cannot write the output: {reason}",
        "出力を書き込めません：{reason}";
    cannot_write_file(path, reason) =>
        "cannot write {path}: {reason}",
        "{path} に書き込めません：{reason}";
    cannot_read_dir(path, reason) =>
        "cannot read the directory {path}: {reason}",
        "ディレクトリ {path} を読めません：{reason}";
    cannot_write_man(reason) =>
        "cannot write the manual page: {reason}",
        "マニュアルページを書き込めません：{reason}";
    cannot_write_man_dir(path, reason) =>
        "cannot write the manual pages into {path}: {reason}",
        "{path} にマニュアルページを書き込めません：{reason}";
    date_missing() =>
        "no date was given; write it as YYYY-MM-DD, e.g. 2026-04-01",
        "日付が入力されていません。2026-04-01 のように YYYY-MM-DD で書いてください。";
    date_malformed(text) =>
        "`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2026-04-01",
        "「{text}」は日付ではありません。2026-04-01 のように YYYY-MM-DD で書いてください。";
    date_nonexistent(text) =>
        "{text} is not a day that exists; write a real date as YYYY-MM-DD",
        "{text} という日は存在しません。実在する日付を YYYY-MM-DD で書いてください。";
    date_out_of_range(text) =>
        "{text} is outside the years 1900 to 2100; check the year",
        "{text} は1900年から2100年の範囲外です。年を確認してください。";
    /// Days past a deadline, in a table cell or a sentence.
    days_late(n) => "{n} days late", "{n}日超過";
    one_day_late() => "1 day late", "1日超過";
    days_left(n) => "{n} days", "あと{n}日";
    one_day_left() => "1 day", "あと1日";
    due_today() => "today", "今日";
    /// The interview.
    interview_intro() =>
        "A few questions about your situation. Dates are YYYY-MM-DD; press Enter on an empty answer if you don't know (yet).",
        "状況についていくつか質問します。日付は YYYY-MM-DD で入力してください。わからない場合や、まだの場合は、空のまま Enter を押してください。";
    review_title() =>
        "Your answers (choose one to change it)",
        "回答の確認。変更するものを選んでください";
    review_ok() => "Looks right, make my plan", "この内容でプランを作成";
    dont_know() => "I don't know / not yet", "わからない／まだ";
    /// The first entry of the municipality question: one without local data.
    another_municipality() => "another municipality (the national calendar applies)", "その他の市区町村（全国共通の暦で計算します）";
    yes() => "yes", "はい";
    no() => "no", "いいえ";
    answer_needed() => "an answer is needed here", "回答が必要です";
    date_prompt_optional() => "YYYY-MM-DD, empty if you don't know", "YYYY-MM-DD、わからなければ空欄";
    /// A value that looks like an Individual Number, anywhere an answer is given.
    individual_number_refusal() =>
        "this looks like an Individual Number (12 digits); mynumber never asks for, accepts or stores an Individual Number, and does not need one",
        "個人番号（12桁）のようです。mynumber は個人番号を尋ねることも、受け付けることも、保存することもなく、個人番号は必要ありません。";
    individual_number_remove() =>
        "remove that value; no step needs your number",
        "その値を削除してください。個人番号が必要な手続はありません。";
    /// An answers file or profile with values that cannot be read.
    bad_answer(name) => "{name} has 1 bad answer", "{name} に誤った回答が1件あります。";
    bad_answers(name, n) => "{name} has {n} bad answers", "{name} に誤った回答が{n}件あります。";
    facts_hint() =>
        "`mynumber kb facts` lists every fact with its type",
        "`mynumber kb facts` で、すべての回答項目とその型を表示できます。";
    saved_answers(path) =>
        "Saved your answers in {path} (`mynumber profile forget` deletes them).",
        "回答を {path} に保存しました。`mynumber profile forget` で削除できます。";
}

/// Why a text is not a date, in both languages.
pub(crate) fn date_error(e: &crate::dates::DateError) -> Text {
    use crate::dates::DateError;
    match e {
        DateError::Missing => date_missing(),
        DateError::Malformed(s) => date_malformed(s),
        DateError::Nonexistent(s) => date_nonexistent(s),
        DateError::OutOfRange(s) => date_out_of_range(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::text::Lang;

    /// `{name}` placeholders of a message, sorted.
    fn placeholders(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn every_message_in_both_languages() {
        assert!(ALL.len() >= 20);
        let mut names = std::collections::HashSet::new();
        for (name, en, ja) in ALL {
            assert!(names.insert(name), "{name} twice");
            assert!(!en.trim().is_empty() && !ja.trim().is_empty(), "{name}");
            assert_eq!(
                placeholders(en),
                placeholders(ja),
                "{name}: the arguments differ"
            );
            // Japanese: full-width punctuation, and not an English sentence left untranslated.
            assert!(
                !ja.contains('(') && !ja.contains(')') && !ja.contains("; "),
                "{name}: ASCII punctuation in Japanese: {ja}"
            );
            assert_ne!(en, ja, "{name}: not translated");
            let has_japanese = !ja.is_ascii();
            assert!(has_japanese || *name == "test_example", "{name}: {ja}");
            // English: no Japanese, no full-width punctuation.
            assert!(en.is_ascii(), "{name}: {en}");
        }
    }

    #[test]
    fn date_errors_match_their_english_display() {
        use crate::dates::parse;
        for text in ["", "  ", "tomorrow", "2026-02-30", "2026/04/01"] {
            let e = parse(text).unwrap_err();
            assert_eq!(date_error(&e).get(Lang::En), e.to_string(), "{text:?}");
            assert!(!date_error(&e).get(Lang::Ja).is_empty());
        }
        assert_eq!(
            date_error(&parse("").unwrap_err()).get(Lang::En),
            "no date was given; write it as YYYY-MM-DD, e.g. 2026-04-01"
        );
        assert!(
            !date_error(&parse(" ").unwrap_err())
                .get(Lang::En)
                .contains("``")
        );
    }

    #[test]
    fn arguments_fill_both_languages() {
        let t = no_scenarios("tests/x");
        assert_eq!(
            t.get(Lang::En),
            "there are no scenario files (*.toml) in tests/x"
        );
        assert_eq!(
            t.get(Lang::Ja),
            "tests/x にシナリオファイル（*.toml）がありません。"
        );
        assert_eq!(days_late(16).get(Lang::En), "16 days late");
        assert_eq!(days_late(16).get(Lang::Ja), "16日超過");
    }
}
