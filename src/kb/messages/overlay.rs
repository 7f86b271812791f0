//! Diagnostics of municipal overlays (`kb::municipality`), and the errors of naming a
//! municipality in an answer.

use crate::kb::text::messages;

messages! {
    // A local government code.
    code_not_digits(code) =>
        "“{code}” is not a local government code: expected 6 digits (5 digits and a check digit), e.g. 472018 for Naha",
        "「{code}」は地方公共団体コードではありません。6桁（5桁と検査数字）で指定してください。例：那覇市は472018";
    code_check_digit(code, want, five) =>
        "{code} is not a valid local government code: its check digit should be {want} ({five}{want})",
        "{code}は正しい地方公共団体コードではありません。検査数字は{want}のはずです（{five}{want}）。";
    code_prefecture(code) =>
        "{code} is not a local government code: the first two digits are a prefecture, 01 to 47",
        "{code}は地方公共団体コードではありません。最初の2桁は都道府県（01〜47）です。";
    code_list_help() =>
        "the Ministry of Internal Affairs lists the codes: https://www.soumu.go.jp/denshijiti/code.html",
        "地方公共団体コードの一覧は総務省が公開しています：https://www.soumu.go.jp/denshijiti/code.html";
    file_name_mismatch(code) =>
        "this file is for {code}, but its name says otherwise",
        "このファイルは{code}の市区町村の設定ですが、ファイル名が違います。";
    file_name_help(code) =>
        "name the file municipalities/{code}.toml",
        "ファイル名を `municipalities/{code}.toml` にしてください。";

    // Texts, steps and sources.
    no_english_text(key) =>
        "`{key}` has no English text",
        "`{key}` に英語の文がありません。";
    no_japanese_text(key) =>
        "`{key}` has no Japanese text",
        "`{key}` に日本語の文がありません。";
    bilingual_help() =>
        "every text is bilingual: {{ en = \"…\", ja = \"…\" }}",
        "文はすべて英語と日本語の両方で書きます：{{ en = \"…\", ja = \"…\" }}";
    counter_no_steps() =>
        "a counter lists no steps",
        "窓口に手続が一つも書かれていません。";
    window_no_steps() =>
        "a window lists no steps",
        "時間外・休日窓口に手続が一つも書かれていません。";
    unknown_step(id) =>
        "unknown step `{id}`",
        "「{id}」という手続はありません。";
    did_you_mean(id) =>
        "did you mean `{id}`?",
        "「{id}」のことですか？";
    /// `part` is the TOML table: `legal` or `practical`.
    no_source(part) =>
        "[{part}] cites no source",
        "`[{part}]` に出典がありません。";
    no_source_help(part) =>
        "add [[{part}.source]] with url, title and checked: the city's page or ordinance you read",
        "読んだ市区町村のページか条例を、url・title・checked を付けた `[[{part}.source]]` として追加してください。";
    checked_not_a_date() =>
        "`checked` must be a date like 2026-12-02",
        "`checked` は 2026-12-02 のような日付で書いてください。";

    // Closed days and windows.
    /// `day` is MM-DD.
    not_a_day_of_year(day) =>
        "{day} is not a day of the year",
        "{day} という月日はありません。";
    from_after_to(from, to) =>
        "`from` ({from}) is after `to` ({to})",
        "`from`（{from}）が `to`（{to}）より後です。";
    expires_not_a_date() =>
        "`expires` must be a date like 2027-03-31",
        "`expires` は 2027-03-31 のような日付で書いてください。";
    valid_from_not_a_date() =>
        "`valid_from` must be a date like 2026-04-01",
        "`valid_from` は 2026-04-01 のような日付で書いてください。";
    valid_from_after_expires(from, expires) =>
        "`valid_from` ({from}) is after `expires` ({expires})",
        "`valid_from`（{from}）が `expires`（{expires}）より後です。";
    nth_out_of_range() =>
        "`nth` lists which weekdays of the month, 1 to 5 (e.g. [2, 4])",
        "`nth` には、月の何回目の曜日かを1〜5で並べます。例：`[2, 4]`";
    dates_not_dates() =>
        "`dates` lists dates like 2027-01-24",
        "`dates` には 2027-01-24 のような日付を並べます。";
    unknown_weekday(day) =>
        "unknown weekday “{day}”",
        "「{day}」という曜日はありません。";
    weekday_help() =>
        "weekdays are written mon, tue, wed, thu, fri, sat, sun",
        "曜日は `mon`、`tue`、`wed`、`thu`、`fri`、`sat`、`sun` のどれかで書きます。";

    // The overlays together, and against today.
    name_used_twice(name, one, other) =>
        "the name “{name}” is used by {one} and {other}",
        "「{name}」という名前が{one}と{other}の両方で使われています。";
    second_overlay(code) =>
        "a second overlay for {code}",
        "{code}の市区町村の設定が二つあります。";
    window_expired(name, day) =>
        "the window “{name}” expired on {day}",
        "時間外・休日窓口「{name}」は{day}で期限が切れています。";
    window_expired_help() =>
        "check the city's page again: update the window and `expires` (and the source's `checked`), or delete it",
        "市区町村のページを確認し直し、窓口の内容と `expires`（と出典の `checked`）を更新するか、削除してください。";
    /// `part` is the TOML table: `legal` or `practical`.
    source_stale(part, title, checked, limit, today) =>
        "the {part} source “{title}” was last checked on {checked}, over {limit} days before {today}",
        "`[{part}]` の出典「{title}」の最終確認日は{checked}で、{today}より{limit}日以上前です。";
    source_stale_help() =>
        "check it against the city's current page or ordinance, then update `checked`",
        "市区町村の現在のページか条例と照らし合わせてから、`checked` を更新してください。";

    // A `municipality` answer.
    /// `hint` is [`ward_hint`] or nothing.
    ward_code(code, hint) =>
        "{code} is the code of a ward of a designated city: give the city's name or code{hint}",
        "{code}は政令指定都市の区のコードです。市の名前かコードを指定してください。{hint}";
    /// `cities` are joined with [`or`].
    ward_hint(cities) =>
        " (did you mean {cities}?)",
        "{cities}のことですか？";
    or() => " or ", "または";
    /// `hint` is [`municipality_hint`] or nothing.
    unknown_municipality(name, hint) =>
        "no municipality named “{name}” is known: {hint}give its 6-digit local government code (e.g. 131041 for Shinjuku), or one of the names `mynumber kb municipalities` lists",
        "「{name}」という市区町村は見つかりません。{hint}6桁の地方公共団体コード（例：新宿区は131041）か、`mynumber kb municipalities` に出ている名前で指定してください。";
    municipality_hint(label) =>
        "did you mean {label}? ",
        "{label}のことですか？";
}
