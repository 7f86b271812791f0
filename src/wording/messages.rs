//! The tool's own messages (errors, hints, prompts), in English and Japanese: the message
//! catalogue. Each message is a function returning a [`Text`]; its arguments are named in
//! both sentences, and the tests check every message in both languages.

use crate::kb::diag::{Diagnostic, Words, render_all};
pub(crate) use crate::kb::messages::load::{file_kind, read_error};
use crate::kb::text::{Lang, Text, messages};
pub(crate) use crate::kb::text::{clause_separator, item_separator, list_separator};
pub(crate) use crate::kb::text::{nest, per_lang};

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
    /// A status of residence with its name in the other language: "Student (留学)".
    name_and_other(name, other) => "{name} ({other})", "{name}（{other}）";
    /// A question's explanation, on the line under it.
    question_help(help) => "  ({help})", "  （{help}）";
    /// The first entry of the municipality question: one without local data.
    another_municipality() => "another municipality (the national calendar applies)", "その他の市区町村（全国共通の暦で計算します）";
    yes() => "yes", "はい";
    no() => "no", "いいえ";
    answer_needed() => "an answer is needed here", "回答が必要です";
    date_prompt_optional() => "YYYY-MM-DD, empty if you don't know", "YYYY-MM-DD、わからなければ空欄";
    /// A date question with its hint (the format, and whether it may stay empty).
    date_prompt(prompt, hint) => "{prompt} [{hint}]", "{prompt}（{hint}）";
    /// The plain prompts (`NO_COLOR`, confirmations), as dialoguer's plain theme writes them
    /// in English: a question over a list.
    prompt(prompt) => "{prompt}:", "{prompt}：";
    /// A question waiting for typed text.
    input_prompt(prompt) => "{prompt}: ", "{prompt}：";
    /// A question waiting for typed text, with the answer Enter keeps.
    input_prompt_default(prompt, default) => "{prompt} [{default}]: ", "{prompt}［{default}］：";
    /// The answer Enter keeps, without a question.
    input_default(default) => "[{default}]: ", "［{default}］：";
    /// A question and its answer, once answered.
    prompt_answered(prompt, answer) => "{prompt}: {answer}", "{prompt}：{answer}";
    /// The keys of a yes/no confirmation: without an answer for Enter, with yes, with no.
    confirm_keys() => "[y/n] ", "（y／n）";
    confirm_keys_yes() => "[Y/n] ", "（y／n、Enterで「はい」）";
    confirm_keys_no() => "[y/N] ", "（y／n、Enterで「いいえ」）";
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
    /// Answers that cannot be read (`--answer`, answers files, the profile, batch rows).
    unknown_fact(fact) =>
        "unknown fact `{fact}`; `mynumber kb facts` lists them",
        "「{fact}」という回答項目はありません。一覧は `mynumber kb facts` で表示されます。";
    unknown_fact_suggest(fact, suggestion) =>
        "unknown fact `{fact}` (did you mean `{suggestion}`?); `mynumber kb facts` lists them",
        "「{fact}」という回答項目はありません（「{suggestion}」ではありませんか？）。一覧は `mynumber kb facts` で表示されます。";
    expected_date() => "expected a date written as YYYY-MM-DD", "YYYY-MM-DD 形式の日付を入力してください。";
    not_yes_no(text) =>
        "`{text}` is not yes or no; expected true or false",
        "「{text}」は、はい・いいえではありません。true か false で答えてください。";
    expected_bool() => "expected true or false", "true か false で答えてください。";
    unknown_status(key) =>
        "`{key}` is not a known status of residence; `mynumber kb statuses` lists the keys",
        "「{key}」という在留資格はありません。一覧は `mynumber kb statuses` で表示されます。";
    unknown_status_suggest(key, suggestion) =>
        "`{key}` is not a known status of residence (did you mean `{suggestion}`?); `mynumber kb statuses` lists the keys",
        "「{key}」という在留資格はありません（「{suggestion}」ではありませんか？）。一覧は `mynumber kb statuses` で表示されます。";
    expected_status() =>
        "expected a status-of-residence key such as `student`; `mynumber kb statuses` lists them",
        "`student` のような在留資格のキーを入力してください。一覧は `mynumber kb statuses` で表示されます。";
    not_a_choice(text, choices) => "`{text}` is not one of: {choices}", "「{text}」は選択肢にありません。選択肢：{choices}";
    expected_choice(choices) => "expected one of: {choices}", "次のいずれかを入力してください：{choices}";
    expected_municipality() =>
        "expected a municipality: its name or its 6-digit local government code, e.g. \"472018\" for Naha",
        "市区町村の名前か、6桁の地方公共団体コードを入力してください。例：那覇市は「472018」。";
    date_in_future(day, today) =>
        "{day} is after today ({today}), but this asks for a day that has already happened: give that day, or leave it out if it has not happened yet",
        "{day} は今日（{today}）より後の日付ですが、すでに済んだ日を尋ねています。その日を入力するか、まだの場合は空欄にしてください。";
    date_not_after(day, other, other_day) =>
        "{day} is not after {other} ({other_day}); expected a later date",
        "{day} は{other}（{other_day}）より後ではありません。それより後の日付を入力してください。";
    /// Two answered days in an order a rule of the knowledge base refuses or warns about;
    /// `because` is the rule's own reason.
    date_before_because(day, other, other_day, because) =>
        "{day} is before {other} ({other_day}): {because}",
        "{day} は {other}（{other_day}）より前です。{because}";
    answer_wrong() => "1 answer cannot be right", "正しくない回答が1件あります。";
    answers_wrong(n) => "{n} answers cannot be right", "正しくない回答が{n}件あります。";
    answer_fix_hint() =>
        "correct the answer (or remove it if you do not know it yet)",
        "回答を直してください（まだわからない場合は削除してください）。";
    /// Commands that name a step.
    no_such_step(id) => "there is no step `{id}`", "「{id}」という手続はありません。";
    did_you_mean(suggestion) => "did you mean `{suggestion}`?", "「{suggestion}」ではありませんか？";
    kb_list_hint() => "`mynumber kb list` lists every step id", "`mynumber kb list` ですべての手続IDを表示できます。";
    /// The answers file.
    not_an_answers_file(name, reason) =>
        "{name} is not an answers file: {reason}",
        "{name} は回答ファイルではありません：{reason}";
    answers_file_is_toml() =>
        "an answers file is TOML text: one `fact = value` per line",
        "回答ファイルは TOML 形式のテキストで、1行に1つ `fact = value` と書きます。";
    cannot_read_answers_file(name, reason) =>
        "cannot read the answers file {name}: {reason}",
        "回答ファイル {name} を読めません：{reason}";
    answers_path_hint() => "check the path given to --answers", "--answers に指定したパスを確認してください。";
    /// The terminal.
    cannot_ask(reason) => "cannot ask on the terminal: {reason}", "端末で質問できません：{reason}";
    cannot_ask_hint() =>
        "give the answers with --answer or --answers FILE, or use --no-input",
        "--answer か --answers FILE で回答を指定するか、--no-input を使ってください。";
    /// `mynumber profile` and `mynumber done`.
    no_profile(path) =>
        "No saved profile (it would be at {path}).",
        "保存された回答はありません（保存先：{path}）。";
    no_profile_to_forget(path) =>
        "No saved profile to forget (it would be at {path}).",
        "削除する保存済みの回答はありません（保存先：{path}）。";
    leftovers_deleted(n) =>
        "Deleted {n} temporary copies of the profile left by an interrupted save.",
        "中断された保存で残った回答の一時ファイルを{n}件削除しました。";
    forget_needs_confirmation(path) =>
        "deleting the saved profile {path} needs confirmation",
        "保存された回答 {path} の削除には確認が必要です。";
    forget_confirm_hint() =>
        "run it on a terminal to be asked, or pass --yes",
        "端末で実行して確認に答えるか、--yes を指定してください。";
    forget_question(path) => "Delete your saved answers ({path})?", "保存した回答を削除しますか（{path}）？";
    kept() => "Kept.", "削除しませんでした。";
    deleted(path) => "Deleted {path}.", "{path} を削除しました。";
    cannot_delete(path, reason) => "cannot delete {path}: {reason}", "{path} を削除できません：{reason}";
    done_in_future(day, today) =>
        "--on: {day} is after today ({today}); record a step once it is done",
        "--on：{day} は今日（{today}）より後です。手続が済んでから記録してください。";
    /// The saved profile.
    no_config_dir() =>
        "cannot find a configuration directory for the saved profile",
        "回答を保存する設定ディレクトリが見つかりません。";
    set_config_dir(var) =>
        "set {var} to the directory to keep it in",
        "保存先のディレクトリを {var} に設定してください。";
    set_writable_config_dir(var) =>
        "set {var} to a directory you can write to",
        "書き込みできるディレクトリを {var} に設定してください。";
    profile_unreadable(name) => "the saved profile {name} cannot be read", "保存された回答 {name} を読み込めません。";
    profile_unreadable_because(name, reason) =>
        "the saved profile {name} cannot be read: {reason}",
        "保存された回答 {name} を読み込めません：{reason}";
    profile_fix_hint(name) =>
        "fix it by hand, or remove it with `mynumber profile forget --yes`; it was left as it is ({name})",
        "手で直すか、`mynumber profile forget --yes` で削除してください。ファイルは変更していません（{name}）。";
    profile_remove_hint(var) =>
        "remove it with `mynumber profile forget --yes`, or point {var} elsewhere; it was left as it is",
        "`mynumber profile forget --yes` で削除するか、{var} で別の場所を指定してください。ファイルは変更していません。";
    cannot_read_profile(name, reason) =>
        "cannot read the saved profile {name}: {reason}",
        "保存された回答 {name} を読めません：{reason}";
    profile_permissions_hint() =>
        "check its permissions, or remove it with `mynumber profile forget --yes`",
        "アクセス権を確認するか、`mynumber profile forget --yes` で削除してください。";
    cannot_save_profile(path, reason) =>
        "cannot save the profile {path}: {reason}",
        "回答 {path} を保存できません：{reason}";
    cannot_lock_profile(path, reason) =>
        "cannot lock the saved profile ({path}): {reason}",
        "保存された回答をロックできません（{path}）：{reason}";
    will_not_save_profile(name, reason) =>
        "will not save the profile {name}: {reason}; it was left as it is",
        "回答 {name} は保存しません：{reason}。ファイルは変更していません。";
    will_not_save_hint(var) =>
        "fix it, remove it with `mynumber profile forget --yes`, or set {var} to another directory",
        "直すか、`mynumber profile forget --yes` で削除するか、{var} に別のディレクトリを設定してください。";
    no_member(name) => "there is no household member called `{name}`", "「{name}」という世帯員はいません。";
    members_are(names) => "the saved profile's members: {names}", "保存された世帯員：{names}";
    profile_add_hint() => "`mynumber profile add NAME` adds one", "`mynumber profile add NAME` で追加できます。";
    /// Household plans.
    no_household() =>
        "there is no saved profile, so no household to plan for",
        "保存された回答がないため、世帯のプランを作れません。";
    no_household_hint() =>
        "`mynumber profile add NAME --answers FILE` adds a member (the first one becomes the default)",
        "`mynumber profile add NAME --answers FILE` で世帯員を追加できます（最初の人が既定になります）。";
    in_member_answers(name) =>
        "in the answers of the household member `{name}`",
        "世帯員「{name}」の回答です。";
    member_answers_missing(name) =>
        "these are the answers of the household member `{name}`: `mynumber plan --member {name}` asks them on a terminal",
        "世帯員「{name}」の回答です。端末で `mynumber plan --member {name}` を実行すると質問されます。";
    /// `-o FILE`.
    will_not_write(path, reason) => "will not write {path}: {reason}", "{path} には書き込みません：{reason}";
    output_file_hint() =>
        "-o writes a regular file: a new one, or an existing one to replace",
        "-o には通常のファイル（新しいファイルか、置き換える既存のファイル）を指定してください。";
    done_rolled(title, step, day, now, cleared, path) =>
        "Recorded \"{title}\" ({step}) as done on {day}: it is now part of your present situation.\n  now: {now}\n  cleared: {cleared}\nSaved in {path}",
        "「{title}」（{step}）を{day}に完了として記録し、現在の状況に反映しました。\n  現在：{now}\n  消去：{cleared}\n保存先：{path}";
    nothing() => "nothing", "なし";
    done_recorded(title, step, what, path) =>
        "Recorded \"{title}\" ({step}) as done: {what}\nSaved in {path}",
        "「{title}」（{step}）を完了として記録しました：{what}\n保存先：{path}";
    done_on(day) => "done on {day}", "{day}に完了";
    member_exists(name) =>
        "the household already has a member called `{name}`",
        "世帯にはすでに「{name}」という世帯員がいます。";
    member_other_name() => "give the new member another name", "新しい世帯員には別の名前を付けてください。";
    member_name_blank() =>
        "a household member's name must be non-empty, without spaces around it",
        "世帯員の名前は空にせず、前後に空白を入れないでください。";
    member_name_number() =>
        "a household member's name must not be a number",
        "世帯員の名前に番号は使えません。";
    member_name_lines() =>
        "a household member's name must be on one line",
        "世帯員の名前は1行で書いてください。";
    cannot_write_history(reason) =>
        "cannot write the plan history: {reason}",
        "プランの履歴を書き込めません：{reason}";
    cannot_save_history(path, reason) =>
        "cannot save the plan history {path}: {reason}",
        "プランの履歴 {path} を保存できません：{reason}";
    saved_answers(path) =>
        "Saved your answers in {path} (`mynumber profile forget` deletes them).",
        "回答を {path} に保存しました。`mynumber profile forget` で削除できます。";
    /// A sentence after what it is about: `file:line:column`, a fact's name, a CSV column.
    labelled(label, message) => "{label}: {message}", "{label}：{message}";
    /// A problem with one answer, named by its fact (or step) name.
    fact_problem(fact, problem) => "`{fact}`: {problem}", "「{fact}」：{problem}";
    /// TOML's own parser message is kept as it is, after a sentence in the person's language.
    toml_syntax(detail) =>
        "{detail}",
        "TOML の書き方に誤りがあります。パーサーの説明：{detail}";
    not_valid_answers_file(name) =>
        "{name} is not a valid answers file",
        "{name} は回答ファイルとして読めません。";
    answers_toml_help() =>
        "an answers file is TOML: one `fact = value` per line, e.g. moved_in = 2026-04-01",
        "回答ファイルは TOML 形式で、1行に1つ `fact = value` と書きます。例：moved_in = 2026-04-01";
    /// An entry that is not used but kept in the file (answers files read leniently, the profile).
    ignored_kept(at, what) =>
        "{at}: {what} ignored (kept in the file)",
        "{at}：{what}は使いません。ファイルには残してあります。";
    unknown_fact_named(fact) => "unknown fact `{fact}`", "不明な回答項目「{fact}」";
    unknown_key(key) => "unknown key `{key}`", "不明なキー「{key}」";
    unknown_step_in_done(id) => "unknown step `{id}` in [done]", "[done] の不明な手続「{id}」";
    dropped_individual_number(at) =>
        "{at}: an unknown entry that looks like an Individual Number (12 digits) is ignored and will not be written back; mynumber never stores one",
        "{at}：個人番号（12桁）のような不明な項目を無視しました。この項目は保存し直しません。mynumber は個人番号を保存しません。";
    profile_toml_help(version) =>
        "the profile is TOML: `version = {version}`, then an [answers] table of `fact = value`",
        "保存された回答は TOML 形式です。`version = {version}` の後に、`fact = value` を並べた [answers] の表を書きます。";
    profile_tables_help() =>
        "[answers] and [done] are tables of `key = value`",
        "[answers] と [done] は `key = value` を並べた表です。";
    profile_newer(n) =>
        "this profile was written by a newer mynumber (format version {n})",
        "この回答は新しい mynumber で保存されています。形式の版は{n}です。";
    profile_update_help() =>
        "update mynumber, or remove the profile",
        "mynumber を更新するか、保存された回答を削除してください。";
    profile_version(version) => "`version` must be {version}", "`version` は {version} にしてください。";
    expected_done_day() =>
        "expected the day it was done, as YYYY-MM-DD",
        "完了した日を YYYY-MM-DD で書いてください。";
    second_member(name) =>
        "a second household member named `{name}`; names must differ",
        "「{name}」という世帯員が2人います。別の名前にしてください。";
    profile_migrated(name, version, changes) =>
        "{name}: made by an earlier mynumber (format version 1); read as version {version}: {changes} (nothing is dropped; the file is rewritten in the new form the next time it is saved)",
        "{name}：以前の mynumber で保存された回答です。形式の版1を版{version}として読みました：{changes}。削除したものはありません。次に保存するときに新しい形式で書き直します。";
    migrated_moved_on() =>
        "moved_in → moved_on (the day of the planned move)",
        "moved_in → moved_on（予定していた引越しの日）";
    migrated_move_in_filed() =>
        "registered_on → move_in_filed_on (the notice at the new address)",
        "registered_on → move_in_filed_on（新しい住所での届出）";
    /// Scenario files (`mynumber test`).
    belongs_at_the_top(key) =>
        "`{key}` belongs at the top of the file, before `[answers]`",
        "`{key}` はファイルの先頭、`[answers]` より前に書いてください。";
    scenario_cannot_read(name, reason) =>
        "cannot read the scenario {name}: {reason}",
        "シナリオ {name} を読めません：{reason}";
    scenario_invalid_one(name) =>
        "{name} is not a valid scenario (1 problem)",
        "{name} はシナリオとして正しくありません。問題が1件あります。";
    scenario_invalid(name, n) =>
        "{name} is not a valid scenario ({n} problems)",
        "{name} はシナリオとして正しくありません。問題が{n}件あります。";
    scenario_today() =>
        "`today` must be a plain date such as 2026-11-22",
        "`today` は 2026-11-22 のような日付にしてください。";
    unknown_language(lang) => "unknown language `{lang}`", "「{lang}」という言語はありません。";
    en_or_ja() => "use \"en\" or \"ja\"", "\"en\" か \"ja\" を指定してください。";
    unknown_step(id) => "unknown step `{id}`", "「{id}」という手続はありません。";
    unknown_named(what, value) => "unknown {what} `{value}`", "{what} に「{value}」という値はありません。";
    one_of(list) => "one of: {list}", "次のいずれかです：{list}";
    expected_plain_date() =>
        "expected a plain date such as 2026-11-22",
        "2026-11-22 のような日付を書いてください。";
    expected_date_or_none() =>
        "expected a date such as 2026-11-22, or \"none\"",
        "2026-11-22 のような日付か、\"none\" を書いてください。";
    /// A scenario's expectation that the plan does not meet.
    expected_but_skipped(id, why) =>
        "{id}: expected in the plan, but it was skipped ({why})",
        "{id}：プランにあるはずですが、対象外になりました。理由：{why}";
    expected_absent(id, why) =>
        "{id}: expected absent, but it is in the plan ({why})",
        "{id}：プランにないはずですが、含まれています。理由：{why}";
    field_differs(id, field, got, want) =>
        "{id}: {field} is {got}, expected {want}",
        "{id}：{field} は {got} ですが、期待値は {want} です。";
    field_lacks(id, field, wanted, got) =>
        "{id}: {field} does not contain {wanted}; it is {got}",
        "{id}：{field} に {wanted} が含まれていません。実際は {got} です。";
    scenario_failed_heading(name, description) => "FAIL {name}: {description}", "失敗 {name}：{description}";
    scenario_summary(passed, failed) => "{passed} passed, {failed} failed", "成功{passed}件、失敗{failed}件";
    /// `mynumber kb check`.
    one_error() => "1 error", "エラー1件";
    errors_count(n) => "{n} errors", "エラー{n}件";
    one_warning() => "1 warning", "警告1件";
    warnings_count(n) => "{n} warnings", "警告{n}件";
    /// The last line of the report: "2 errors, 1 warning".
    kb_summary(errors, warnings) => "{errors}, {warnings}", "{errors}、{warnings}";
    kb_check_failed(which, errors) => "{which} has {errors}", "{which} に誤りがあります。{errors}です。";
    embedded_kb() => "the embedded knowledge base", "組み込みの知識ベース";
    kb_check_fix_hint() =>
        "fix the problems listed above and run `mynumber kb check` again",
        "上に示した問題を直してから、もう一度 `mynumber kb check` を実行してください。";
    /// `mynumber batch`.
    cannot_read_file(path, reason) => "cannot read {path}: {reason}", "{path} を読めません：{reason}";
    batch_input_hint() =>
        "give the path of a CSV or JSON Lines file, or `-` for standard input",
        "CSV か JSON Lines のファイルのパスを指定してください。標準入力から読むときは `-` です。";
    batch_needs_input() =>
        "batch needs a CSV or JSON Lines file",
        "batch には CSV か JSON Lines のファイルが必要です。";
    batch_pipe_hint() =>
        "give its path (`mynumber batch caseload.csv`) or pipe it in",
        "パスを指定するか（`mynumber batch caseload.csv`）、パイプで渡してください。";
    since_needs_jsonl() =>
        "--since adds a `changes` field to JSON Lines rows",
        "--since は JSON Lines の行に `changes` を加えるオプションです。";
    since_jsonl_hint() =>
        "use it with --format jsonl (the default)",
        "--format jsonl（既定）と一緒に使ってください。";
    batch_interrupted(rows) =>
        "interrupted after {rows} rows; every row written is complete",
        "{rows}行を処理したところで中断しました。書き出した行はすべて完全です。";
    batch_interrupted_file(rows, path) =>
        "interrupted after {rows} rows; {path} was not written",
        "{rows}行を処理したところで中断しました。{path} は書き出していません。";
    rows_refused(refused, rows) =>
        "{refused} of {rows} rows refused (reported above with their row numbers); the others were planned",
        "{rows}行のうち{refused}行を処理できませんでした。行番号とともに上に示しています。ほかの行はプランを作成しました。";
    unknown_input_format(path) =>
        "cannot tell the format of {path} from its name",
        "{path} の形式が名前からわかりません。";
    input_format_hint() =>
        "name it .csv or .jsonl, or give --input-format csv|jsonl",
        "名前を .csv か .jsonl にするか、--input-format csv|jsonl を指定してください。";
    cannot_read_input(reason) => "cannot read the input: {reason}", "入力を読めません：{reason}";
    csv_row_not_utf8(row) =>
        "row {row} is not valid UTF-8; the rows before it were planned",
        "{row}行目は UTF-8 ではありません。それより前の行はプランを作成しました。";
    csv_row_not_utf8_at(row, line, byte) =>
        "row {row} (line {line}, byte offset {byte}) is not valid UTF-8; the rows before it were planned",
        "{row}行目（ファイルの{line}行目、バイト位置 {byte}）は UTF-8 ではありません。それより前の行はプランを作成しました。";
    csv_utf8_hint() => "save the spreadsheet as CSV UTF-8", "表計算ソフトで「CSV UTF-8」形式で保存してください。";
    csv_unreadable(row, reason) =>
        "the CSV cannot be read at row {row}: {reason}",
        "CSV の{row}行目を読めません：{reason}";
    jsonl_line_not_utf8(line, byte) =>
        "line {line} (byte offset {byte}) is not valid UTF-8; the rows before it were planned",
        "{line}行目（バイト位置 {byte}）は UTF-8 ではありません。それより前の行はプランを作成しました。";
    utf8_hint() => "write the file as UTF-8", "ファイルを UTF-8 で保存してください。";
    csv_no_header() =>
        "the CSV has no header row of fact names",
        "CSV に回答項目名の見出し行がありません。";
    csv_header_hint() =>
        "the first line names the columns, e.g. ref,nationality,status,moved_in",
        "1行目に列の名前を書いてください。例：ref,nationality,status,moved_in";
    csv_column_repeats(column, first, name) =>
        "column {column} repeats the column {first} (`{name}`)",
        "{column}列目は{first}列目と同じ「{name}」です。";
    csv_column_not_fact(column, name) =>
        "column {column} `{name}` is not a fact",
        "{column}列目の「{name}」は回答項目ではありません。";
    csv_column_not_fact_suggest(column, name, suggestion) =>
        "column {column} `{name}` is not a fact (did you mean `{suggestion}`?)",
        "{column}列目の「{name}」は回答項目ではありません（「{suggestion}」ではありませんか？）。";
    csv_columns_hint() =>
        "`mynumber kb facts` lists the facts; --ignore-unknown skips other columns",
        "回答項目の一覧は `mynumber kb facts` で表示されます。ほかの列は --ignore-unknown で読み飛ばせます。";
    row_cells(cells, columns) =>
        "has {cells} cells where the header has {columns} columns",
        "セルが{cells}個ありますが、見出しは{columns}列です。";
    row_not_json(reason) =>
        "is not JSON ({reason}); each line holds one object of facts, e.g. {{\"nationality\": \"foreign\"}}",
        "JSON として読めません。パーサーの説明：{reason}。1行に回答のオブジェクトを1つ書きます。例：{{\"nationality\": \"foreign\"}}";
    row_not_object(kind) =>
        "is {kind} where an object of facts was expected, e.g. {{\"nationality\": \"foreign\"}}",
        "{kind}ではなく、回答のオブジェクトを書いてください。例：{{\"nationality\": \"foreign\"}}";
    ref_expected(kind) =>
        "expected text or a number, not {kind}",
        "{kind}ではなく、文字列か数値を書いてください。";
    json_null() => "null", "null（空の値）";
    json_bool() => "true or false", "true・false";
    json_number() => "a number", "数値";
    json_string() => "a string", "文字列";
    json_list() => "a list", "配列";
    json_object() => "an object", "オブジェクト";
    plan_needs_answer() =>
        "a plan needs this answer; `mynumber kb facts` lists the accepted values",
        "プランにはこの回答が必要です。受け付ける値は `mynumber kb facts` で表示されます。";
    /// A problem with a row, on stderr: the row number, the fact (if any), the sentence.
    row_problem(n, message) => "row {n}: {message}", "{n}行目：{message}";
    row_warning(n, message) => "row {n}: warning: {message}", "{n}行目：警告：{message}";
    /// `--summary`.
    batch_summary(rows, planned, refused) =>
        "{rows} rows: {planned} planned, {refused} refused",
        "{rows}行：プラン作成{planned}行、処理できず{refused}行";
    step_heading() => "step", "手続";
    since_cannot_read(path, reason) =>
        "--since: cannot read {path}: {reason}",
        "--since：{path} を読めません：{reason}";
    since_hint() =>
        "give the JSON Lines output of an earlier `mynumber batch` run",
        "以前に `mynumber batch` が出力した JSON Lines を指定してください。";
    since_not_a_row(at, reason) =>
        "{at}: not a row of `mynumber batch` JSON Lines output: {reason}",
        "{at}：`mynumber batch` が出力した JSON Lines の行ではありません：{reason}";
    since_reads_hint() =>
        "--since reads the JSON Lines that an earlier `mynumber batch` wrote",
        "--since は、以前に `mynumber batch` が書き出した JSON Lines を読みます。";
    /// Files that are read or written (answers files, the profile, `-o`).
    refused_link_to_nothing() =>
        "it is a symbolic link to nothing (or to a loop); it was left as it is",
        "リンク先のないシンボリックリンクか、循環するリンクです。変更していません";
    refused_not_regular(kind) =>
        "it is {kind}, not a regular file; it was left as it is",
        "通常のファイルではなく{kind}です。変更していません";
    refused_read_only() =>
        "it is read-only; it was left as it is",
        "読み取り専用です。変更していません";
    profile_link_to_nothing() => "it is a symbolic link to nothing", "リンク先のないシンボリックリンクです";
    profile_target_unreadable(reason) =>
        "its target cannot be read ({reason})",
        "リンク先を読めません：{reason}";
    profile_not_regular(kind) => "it is {kind}, not a regular file", "通常のファイルではなく{kind}です";
    profile_read_only() => "it is read-only", "読み取り専用です";
    /// The plan history (`history.toml` next to the profile): unreadable, it starts afresh.
    history_unreadable(path, reason) =>
        "cannot read the plan history {path}: {reason}; starting it afresh",
        "プランの履歴 {path} を読めません：{reason}。新しく作り直します。";
    history_newer(path, version) =>
        "the plan history {path} has format version {version}, which this mynumber does not read; starting it afresh",
        "プランの履歴 {path} の形式の版は{version}で、この mynumber では読めません。新しく作り直します。";
    history_broken(path, reason) =>
        "the plan history {path} cannot be read ({reason}); starting it afresh",
        "プランの履歴 {path} を読めません。パーサーの説明：{reason}。新しく作り直します。";
    /// Options and environment variables.
    answer_pair_expected(got) =>
        "`--answer` takes KEY=VALUE, e.g. --answer moved_in=2026-04-01 (got `{got}`)",
        "`--answer` には KEY=VALUE を指定してください。例：--answer moved_in=2026-04-01。指定された値：「{got}」";
    env_variable(name) => "the environment variable {name}", "環境変数 {name}";
    env_not_text(name) =>
        "the environment variable {name} is not valid text (UTF-8)",
        "環境変数 {name} が正しいテキスト（UTF-8）ではありません。";
    bad_lang_variable(value) =>
        "the environment variable MYNUMBER_LANG is `{value}`; expected en or ja",
        "環境変数 MYNUMBER_LANG が「{value}」です。en か ja を指定してください。";
    visit_hint() =>
        "give the day of the visit as YYYY-MM-DD, e.g. --visit 2026-10-13",
        "来庁日を YYYY-MM-DD で指定してください。例：--visit 2026-10-13";
    visit_before_today(visit, today) =>
        "--visit: {visit} is before today ({today}); a visit is on today or a later day",
        "--visit：{visit} は今日（{today}）より前です。来庁日は今日以降の日にしてください。";
    visit_past_hint(visit) =>
        "for the checklist as it was on {visit}, give --today {visit} too",
        "{visit} 時点のチェックリストは --today {visit} も指定してください。";
    deleted_link_target(path) =>
        "Deleted {path}, the file the saved profile links to.",
        "保存された回答のリンク先 {path} を削除しました。";
    /// A date fact's description in the shell completions.
    date_value_help(noun) => "{noun} (YYYY-MM-DD)", "{noun}（YYYY-MM-DD）";
    /// Only the first warnings are listed (the problems: `kb::messages::load::more_problems`).
    more_warnings(more, shown) =>
        "... and {more} more not shown (only the first {shown} are listed)",
        "ほかに{more}件あります。表示しているのは最初の{shown}件だけです。";
    /// Why an office is closed on a day (`wording::closure`): a weekday, a holiday the law
    /// makes, the year-end closure from one day to another, a municipality's own closed day.
    closed_monday() => "Monday", "月曜日";
    closed_tuesday() => "Tuesday", "火曜日";
    closed_wednesday() => "Wednesday", "水曜日";
    closed_thursday() => "Thursday", "木曜日";
    closed_friday() => "Friday", "金曜日";
    closed_saturday() => "Saturday", "土曜日";
    closed_sunday() => "Sunday", "日曜日";
    closed_substitute() => "substitute holiday", "振替休日";
    closed_citizens() => "citizens' holiday", "国民の休日";
    closed_year_end(from, to) => "year-end closure ({from} – {to})", "年末年始・{from}〜{to}";
    /// A day of the year-end closure; `month` is the month's short name in English, its
    /// number in Japanese.
    closed_month_day(month, day) => "{day} {month}", "{month}月{day}日";
    closed_extra() => "closed by the municipality", "市区町村の閉庁日";
    closed_local(name) =>
        "{name}, a closed day by the municipality's ordinance",
        "{name}・市区町村の条例による休日";
    /// The visit checklist's warnings: `day` is a date with its weekday, `title` a step's.
    visit_day_closed(day, closure) =>
        "Your visit day, {day}, is a day the office is usually closed ({closure}). Choose an open day; some offices open on some weekends: check with your office.",
        "来庁日の{day}は通常閉庁日です（{closure}）。開庁日を選んでください。休日開庁のある役所もあるので確認してください。";
    recommended_day_passed(title, day) =>
        "The recommended last day for \"{title}\" was {day}; there is no legal deadline, but go soon.",
        "「{title}」の推奨日{day}を過ぎています。法的な期限ではありませんが、早めに手続してください。";
    deadline_before_visit(title, day) =>
        "The deadline for \"{title}\" is {day}, before your visit day: go by then if you can.",
        "「{title}」の期限は{day}で、来庁日より前です。できればそれまでに手続してください。";
    deadline_passed(title, day) =>
        "The deadline for \"{title}\" was {day}: it is already late. Go as soon as you can; you may be asked why it is late.",
        "「{title}」の期限は{day}でした。期限を過ぎていますので、できるだけ早く手続してください。遅れた理由を聞かれることがあります。";
    /// `mynumber profile add NAME`.
    member_name_problem(name, problem) => "`{name}`: {problem}", "「{name}」：{problem}";
    member_added_first(name, path) =>
        "Added {name} to the household (1 member), the default member.\nSaved in {path}",
        "{name}を世帯に追加しました（1人、既定のメンバー）。\n保存先：{path}";
    member_added(name, count, path) =>
        "Added {name} to the household ({count} members).\nSaved in {path}",
        "{name}を世帯に追加しました（{count}人）。\n保存先：{path}";
    /// "Since your last plan": what changed, under a heading.
    since_heading(whose, day, kb_note) =>
        "Since your last plan{whose} on {day}{kb_note}",
        "{day}の前回の計画{whose}からの変更{kb_note}";
    since_for_member(name) => " for {name}", "（{name}）";
    since_kb_dates(then, now) =>
        " (knowledge base then {then}, now {now})",
        "（知識ベース：前回 {then}、今回 {now}）";
    nothing_has_changed() => "nothing has changed.", "変更はありません。";
    /// A heading with lines under it: "Since your last plan on …:".
    heading_before_lines(heading) => "{heading}:", "{heading}：";
    /// A step named by its title, then its id: "Move-in notice (residence.move-in)".
    title_and_id(title, id) => "{title} ({id})", "{title}（{id}）";
    /// One changed step under its label ("  new: Title").
    change_line(label, step) => "  {label}: {step}", "  {label}：{step}";
    change_new() => "new", "新しい手続";
    change_done() => "done", "完了";
    change_overdue() => "now overdue", "期限超過";
    change_gone() => "no longer applies", "対象外になった手続";
    /// A new step's deadline, after its title.
    change_by(day) => ", by {day}", "、期限 {day}";
    deadline_moved(step, from, to, because) =>
        "  deadline moved: {step}: {from} → {to}, {because}",
        "  期限の変更：{step}：{from} → {to}。{because}";
    because_answers(facts) => "because of a new answer: {facts}", "回答の変更による：{facts}";
    because_rule(rule) =>
        "because its rule changed in the knowledge base{rule}",
        "知識ベースの規則の変更による{rule}";
    because_both(facts, rule) =>
        "because of a new answer ({facts}) and because its rule changed in the knowledge base{rule}",
        "回答の変更（{facts}）と知識ベースの規則の変更による{rule}";
    /// A rule's file and sources, after "its rule changed".
    rule_sources(file) => " ({file}); its sources:", "（{file}）。出典：";
    rule_source(title, url, checked) =>
        "\n      {title} <{url}> (checked {checked})",
        "\n      {title} <{url}>（{checked}確認）";
    /// A date with its weekday, in the weekday's language: "2026-10-19 (Mon)".
    day_and_weekday(date, weekday) => "{date} ({weekday})", "{date}（{weekday}）";
    /// An answer that would make a plan more precise, with how to give it.
    answer_hint(noun, fact, value) =>
        "{noun} (--answer {fact}={value})",
        "{noun}（--answer {fact}={value}）";
    /// A fact's noun with its name: "the day you moved in (moved_in)".
    noun_and_fact(noun, fact) => "{noun} ({fact})", "{noun}（{fact}）";
    household_unchanged(day) =>
        "Since your last plan on {day}: nothing has changed.",
        "{day}の前回の計画からの変更はありません。";
    /// `mynumber next`: one line per step, `day` with its weekday, `left` how long until it.
    next_line(title, id, when) => "{title} ({id}): {when}", "{title}（{id}）：{when}";
    next_line_for(member, title, id, when) =>
        "{member}: {title} ({id}): {when}",
        "{member}：{title}（{id}）：{when}";
    next_by(day, left) => "by {day}, {left}", "期限 {day}、{left}";
    next_ask_from(day, left) => "ask from {day}, {left}", "問い合わせ目安 {day}、{left}";
    next_opens(day, left) => "opens {day}, {left}", "{day}から可能（{left}）";
    next_opens_by(opens, day) => "{opens}; by {day}", "{opens}、期限 {day}";
    tomorrow() => "tomorrow", "明日";
    in_days(n) => "in {n} days", "あと{n}日";
    /// `mynumber explain STEP`.
    explain_applies_no() => "Does it apply to you? No.", "対象ですか？ いいえ。";
    explain_applies_maybe() =>
        "Does it apply to you? It may: an answer is needed to be sure.",
        "対象ですか？ 対象の可能性があります（確定には回答が必要です）。";
    explain_applies_yes() => "Does it apply to you? Yes.", "対象ですか？ はい。";
    explain_applies_to_everyone() => "it applies to everyone", "全員が対象です";
    explain_sources() => "Sources:", "出典：";
    explain_source(title, url, checked) =>
        "  - {title} — {url} (checked {checked})",
        "  - {title} — {url}（{checked} 確認）";
    explain_status() => "Status: ", "状態：";
    explain_opens() => "Opens: ", "受付開始：";
    explain_how_counted() => "How it was counted:", "計算の過程：";
    explain_expected() => "Expected: ", "到着の目安：";
    explain_deadline() => "Deadline: ", "期限：";
    explain_before_adjustment() =>
        "Last day before the office-day adjustment: ",
        "閉庁日の調整前の最終日：";
    explain_not_known() => "not known yet", "未確定";
    /// A deadline's kind after it: in Japanese in 【】, so it never nests inside other brackets.
    deadline_kind(name) => "({name})", "【{name}】";
    kind_legal() => "a period set by law", "法定期間";
    kind_expiry() => "act before something expires", "有効期限の前に手続";
    kind_stated() => "a date printed on a document you received", "受け取った書類に記載の期日";
    kind_recommended() => "recommended, no legal force", "推奨・法的期限なし";
    kind_expected() => "when something should arrive", "到着の目安";
    /// How long is left, after a deadline: ", 3 days left".
    after_deadline(left) => ", {left}", "、{left}";
    explain_days_left(n) => "{n} days left", "あと{n}日";
    explain_one_day_left() => "1 day left", "あと1日";
    explain_more_precise() =>
        "Answers that would make this more precise:",
        "次の回答があると、より正確になります：";
    explain_notes() => "Notes:", "注意：";
    explain_if_missed() => "If you miss it: ", "期限を過ぎると：";
    explain_not_in_force() =>
        "No answer changes this: the rule is not in force on this day (see --today).",
        "回答によって変わることはありません。この日には規定が適用されません（--today を参照）。";
    explain_would_change() => "What would change that:", "対象になる条件：";
    /// `condition` is a reason's "if …" part in its own language.
    /// A step that does not apply, when what would make it apply is too involved to say clause
    /// by clause: what it depends on.
    would_apply_depending(list) =>
        "it could apply, depending on {list}",
        "{list}によっては、対象になります";
    your_age() => "your age", "年齢";
    your_status() => "your status of residence", "在留資格";
    /// Headings and titles of the printable pages and the household's plans and checklists.
    plan_title() => "My Number plan", "マイナンバー手続プラン";
    household_plan_title() => "My Number plan (household)", "マイナンバー手続プラン（世帯）";
    /// `title` is the checklist's own, in the same language.
    household_sheet_title(title) => "{title} (household)", "{title}（世帯）";
    household_plan_heading(day, names) =>
        "Household plan for {day} ({names})",
        "世帯のマイナンバー手続プラン（{day}時点、{names}）";
    household_plan_md_heading(day, names) =>
        "Household plan — {day} ({names})",
        "世帯のマイナンバー手続プラン — {day}時点（{names}）";
    bring_once() => "Bring once for the household", "世帯で1通";
    notes_heading() => "Notes", "メモ";
    no_individual_number_on_sheet() =>
        "This sheet never holds an Individual Number.",
        "この用紙に個人番号は記載しません。";
    /// The Markdown plan: its title, and when a step is due (`day` with its weekday).
    plan_heading(day) => "My Number plan — {day}", "マイナンバー手続プラン — {day}時点";
    expected_by_day(day) => "expected by {day}", "{day}ごろまでに到着予定";
    best_by_day(day) => "best by {day}", "推奨期限：{day}";
    by_day(day) => "by {day}", "期限：{day}";
    from_day(day) => "from {day}", "{day}から";
    plan_more_precise() =>
        "Answers that would make this plan more precise:",
        "次の回答があると、より正確なプランになります：";
    not_for_you() => "Not for you", "対象外の手続";
    where_place(place) => "Where: {place}", "場所：{place}";
    /// The calendar (`--format ics`): its name, events and reminders.
    calendar_name() => "My Number deadlines", "マイナンバー手続の期限";
    reminder_days(days, summary) => "In {days} days: {summary}", "{days}日前：{summary}";
    reminder_one_day(summary) => "In 1 day: {summary}", "1日前：{summary}";
    event_expected(title) => "Expected by: {title}", "到着予定日：{title}";
    event_recommended(title) => "Recommended last day: {title}", "推奨期限：{title}";
    event_deadline(title) => "Deadline: {title}", "期限：{title}";
    event_where(place) => "Where: {place}", "場所：{place}";
    skipped_step(title, id, why) => "{title} ({id}): {why}", "{title}（{id}）：{why}";
    event_for_member(summary, name) => "{summary} ({name})", "{summary}（{name}）";
    filed_once_for(names) => "Filed once for: {names}", "世帯でまとめて届出：{names}";
    /// `mynumber kb municipalities`: how many counters and out-of-hours windows are known.
    counters_and_windows(counters, windows) => "{counters}, {windows}", "{counters}、{windows}";
    counters(n) => "{n} counters", "窓口{n}件";
    one_counter() => "1 counter", "窓口1件";
    windows(n) => "{n} windows", "時間外・休日{n}件";
    one_window() => "1 window", "時間外・休日1件";
    /// The plan as a table.
    plan_title_on(day) => "My Number plan for {day}", "マイナンバー手続プラン（{day}時点）";
    /// Column headers of the plans' and checklists' tables (and the names in their list
    /// layout, "Deadline: …").
    column_status() => "Status", "状態";
    column_deadline() => "Deadline", "期限";
    column_left() => "Left", "残り";
    column_step() => "Step", "手続";
    column_where() => "Where", "場所";
    column_who() => "Who", "対象者";
    /// The printable page's documents table: the item, and the steps it is for.
    column_item() => "Item", "持ち物・確認事項";
    column_for() => "For", "対象";
    /// The printable pages' step columns.
    column_procedure_ask() => "Procedure · what to ask for", "手続・窓口で伝えること";
    column_step_where() => "Step · where", "手続・場所";
    column_step_where_bring() => "Step · where · bring", "手続・場所・持ち物";
    /// A word in brackets after what it qualifies: a step's status, whom a row is for.
    in_brackets(word) => " ({word})", "（{word}）";
    /// A word set apart after a step's title and id on the checklist's table: "may apply".
    marked(word) => " [{word}]", "（{word}）";
    /// A heading with its list on the lines below (in a calendar event's description).
    list_heading(title) => "{title}:", "{title}：";
    /// An item to bring with the ids of the steps it is for, on the checklist's table (two
    /// spaces set the ids apart in English) and in its Markdown.
    item_for_steps(item, steps) => "{item}  ({steps})", "{item}（{steps}）";
    item_for_steps_md(item, steps) => "{item} ({steps})", "{item}（{steps}）";
    needs_an_answer() => "needs an answer", "回答が必要";
    /// clap's usage errors, told again in Japanese (`wording::usage`); English shows clap's own
    /// sentences, which these follow.
    usage_unknown_argument(arg) => "unexpected argument '{arg}' found", "「{arg}」という引数は使えません。";
    usage_value_missing(arg) =>
        "a value is required for '{arg}' but none was supplied",
        "「{arg}」には値が必要です。";
    usage_invalid_value(value, arg) =>
        "'{arg}' does not take the value '{value}'",
        "「{arg}」に「{value}」は指定できません。";
    usage_too_many_values(value, arg) =>
        "unexpected value '{value}' for '{arg}' found; no more were expected",
        "「{arg}」の値「{value}」は余分です。";
    usage_no_equals(arg) =>
        "equal sign is needed when assigning values to '{arg}'",
        "「{arg}」の値は = でつないで指定してください。";
    usage_value_count(arg, expected, actual) =>
        "{expected} values required by '{arg}'; {actual} given",
        "「{arg}」には値が{expected}個必要ですが、{actual}個しか指定されていません。";
    usage_repeated(arg) =>
        "the argument '{arg}' cannot be used multiple times",
        "「{arg}」は一度しか指定できません。";
    usage_conflict(arg, other) =>
        "the argument '{arg}' cannot be used with '{other}'",
        "「{arg}」と「{other}」は一緒に使えません。";
    usage_conflict_other(arg) =>
        "the argument '{arg}' cannot be used with one or more of the other specified arguments",
        "「{arg}」は、ほかに指定した引数と一緒に使えません。";
    usage_unknown_subcommand(sub) =>
        "unrecognized subcommand '{sub}'",
        "「{sub}」というサブコマンドはありません。";
    usage_missing_subcommand(cmd) =>
        "'{cmd}' requires a subcommand but one was not provided",
        "「{cmd}」の後にサブコマンドを指定してください。";
    usage_missing_required(list) =>
        "the following required arguments were not provided: {list}",
        "次の引数が必要です：{list}";
    usage_not_utf8() =>
        "an argument is not UTF-8 text",
        "引数に UTF-8 ではない文字があります。";
    usage_other(detail) =>
        "{detail}",
        "コマンドの指定に誤りがあります。clap の説明：{detail}";
    usage_possible_values(list) => "[possible values: {list}]", "指定できる値：{list}";
    usage_subcommands(list) => "[subcommands: {list}]", "サブコマンド：{list}";
    usage_did_you_mean(s) => "a similar argument exists: '{s}'", "「{s}」ではありませんか？";
    usage_help_follows() =>
        "a subcommand or an argument is missing; the usage follows",
        "サブコマンドか引数が足りません。使い方を英語で次に表示します。";
    usage_line(usage) => "Usage: {usage}", "使い方：{usage}";
    usage_more(help) =>
        "For more information, try '{help}'.",
        "詳しい説明は「{help}」で表示されます。ヘルプは英語です。";
    explain_step_hint() =>
        "Run mynumber explain STEP-ID to see why a step applies and how its dates were counted.",
        "「mynumber explain 手続ID」で、該当理由と期限の計算方法を表示します。";
}

/// "1 day late", "16 days late".
pub(crate) fn late(days: i64) -> Text {
    if days == 1 {
        one_day_late()
    } else {
        days_late(days)
    }
}

/// [`date_before_because`] with a knowledge-base rule's reason, each language's in its own
/// sentence (the Japanese one closed with 。).
pub(crate) fn date_before(
    day: impl std::fmt::Display,
    other: &str,
    other_day: impl std::fmt::Display,
    because: &Text,
) -> Text {
    let ja = if because.ja.ends_with('。') {
        because.ja.clone()
    } else {
        format!("{}。", because.ja)
    };
    Text::new(
        date_before_because(&day, other, &other_day, &because.en).en,
        date_before_because(&day, other, &other_day, ja).ja,
    )
}

/// The words of a located report (`file:line:column`, the line, a caret) in `lang`: in
/// Japanese the level is the catalogue's `エラー：`, `警告：`, `ヒント：`; in English the
/// renderer's own `error: `, `warning: `, `help: `.
pub(crate) fn diagnostic_words(lang: Lang) -> Words {
    let prefix = |t: Text| (lang == Lang::Ja).then(|| t.get(lang).to_string());
    Words {
        lang,
        error: prefix(error_prefix()),
        warning: prefix(warning_prefix()),
        help: prefix(hint_prefix()),
    }
}

/// Located problems rendered in both languages, for an error whose language is chosen when
/// it is printed. At most [`MAX_SHOWN`] are rendered, so an error costs at most twice that.
///
/// [`MAX_SHOWN`]: crate::kb::diag::MAX_SHOWN
pub(crate) fn render_diagnostics<'s>(
    diags: &[Diagnostic],
    source_of: impl Fn(&str) -> Option<&'s str>,
) -> Text {
    Text::new(
        render_all(diags, &source_of, &diagnostic_words(Lang::En)),
        render_all(diags, &source_of, &diagnostic_words(Lang::Ja)),
    )
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

    /// Kana, kanji, and the full-width forms (full-width punctuation among them).
    fn is_japanese(c: char) -> bool {
        matches!(c, '\u{3000}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
    }

    /// The text outside `code` and `{{JSON}}` examples.
    fn outside_examples(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(i) = rest.find(['`', '{']) {
            out.push_str(&rest[..i]);
            let (open, close) = if rest[i..].starts_with("{{") {
                ("{{", "}}")
            } else if rest[i..].starts_with('`') {
                ("`", "`")
            } else {
                ("{", "}")
            };
            let after = &rest[i + open.len()..];
            let end = after.find(close).map_or(after.len(), |j| j + close.len());
            rest = &after[end..];
        }
        out.push_str(rest);
        out
    }

    /// Every catalogue: the tool's sentences here, and the knowledge base's diagnostics.
    fn catalogues() -> impl Iterator<Item = &'static [(&'static str, &'static str, &'static str)]> {
        std::iter::once(ALL).chain(crate::kb::messages::ALL)
    }

    #[test]
    fn every_message_in_both_languages() {
        assert!(ALL.len() >= 20);
        for catalogue in catalogues() {
            every_message_of(catalogue);
        }
    }

    fn every_message_of(catalogue: &[(&str, &str, &str)]) {
        let mut names = std::collections::HashSet::new();
        for (name, en, ja) in catalogue {
            assert!(names.insert(name), "{name} twice");
            assert!(!en.trim().is_empty() && !ja.trim().is_empty(), "{name}");
            assert_eq!(
                placeholders(en),
                placeholders(ja),
                "{name}: the arguments differ"
            );
            // Japanese: full-width punctuation (outside code and JSON examples), and not an
            // English sentence left untranslated.
            let prose = outside_examples(ja);
            assert!(
                !prose.contains('(')
                    && !prose.contains(')')
                    && !prose.contains("; ")
                    && !prose.contains(", ")
                    && !prose.contains(": "),
                "{name}: ASCII punctuation in Japanese: {ja}"
            );
            assert_ne!(en, ja, "{name}: not translated");
            let has_japanese = !ja.is_ascii();
            assert!(has_japanese || *name == "test_example", "{name}: {ja}");
            // English: no Japanese, no full-width punctuation (arrows and dashes are fine).
            assert!(!en.chars().any(is_japanese), "{name}: {en}");
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
