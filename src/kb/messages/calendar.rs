//! Diagnostics of the office calendar (`kb::calendar`).

use crate::kb::text::messages;

// A value quoted as written (`day`, `url`) comes quoted in each language: `"sun"`, 「sun」.
messages! {
    /// What a problem is about, before the problem: a `[[holiday]]`, a `[[one_off]]`, a range
    /// of the equinox formula.
    holiday_at(n, name) => "holiday #{n} ({name})", "{n}番目の祝日「{name}」";
    one_off_at(date) => "one_off {date}", "`one_off` の {date}";
    formula_at(n) => "equinox.formula #{n}", "`equinox.formula` の{n}番目";
    /// `[[source]]`.
    no_source() =>
        "at least one [[source]] is required",
        "`[[source]]` が少なくとも1件必要です。";
    source_url(n, url) =>
        "source #{n}: url {url} is not an http(s) URL",
        "{n}番目の出典：`url` の{url}は http または https の URL ではありません。";
    source_title_empty(n) =>
        "source #{n}: title is empty",
        "{n}番目の出典：`title` が空です。";
    /// `[office]`.
    weekday_twice(day) =>
        "office.closed_weekdays: {day} is listed twice",
        "`office.closed_weekdays`：{day}が2回書かれています。";
    unknown_weekday(day) =>
        "office.closed_weekdays: unknown weekday {day} (use mon, tue, wed, thu, fri, sat, sun)",
        "`office.closed_weekdays`：{day}は曜日の名前ではありません。`mon`、`tue`、`wed`、`thu`、`fri`、`sat`、`sun` のどれかを書いてください。";
    never_open() =>
        "office.closed_weekdays: the office would never be open",
        "`office.closed_weekdays`：これでは役所が一日も開きません。";
    year_end_too_long() =>
        "office.year_end: a closure longer than 31 days is not a year-end closure",
        "`office.year_end`：31日を超える閉庁は年末年始の閉庁ではありません。";
    extra_open(date) =>
        "office.extra_open ({date}): a day the office opens voluntarily is still a closed day for deadlines (Local Autonomy Act art. 4-2), so it cannot shorten one; list it as a [[practical.window]] in data/municipalities/<code>.toml instead",
        "`office.extra_open`（{date}）：役所が任意に開く日も、期限の計算では閉庁日のままです（地方自治法第4条の2）。期限を短くすることはできません。代わりに `data/municipalities/<code>.toml` の `[[practical.window]]` に書いてください。";
    closed_too_long(date, max) =>
        "office.extra_closed: around {date} the office is closed for more than {max} days",
        "`office.extra_closed`：{date} の前後で役所が{max}日を超えて続けて閉まっています。";
    /// `[holiday_law]`.
    law_order() =>
        "holiday_law: current_wording_from must not be before substitute_from and citizens_from",
        "`holiday_law`：`current_wording_from` は `substitute_from` と `citizens_from` より前の日付にできません。";
    /// `[[holiday]]`, `[[one_off]]` and the year-end closure; `what` says which.
    not_a_day(what, day) =>
        "{what}: {day} is not a day of the year",
        "{what}：{day} という日は存在しません。";
    month_range(what, month) =>
        "{what}: month must be 1 to 12, found {month}",
        "{what}：`month` は1から12までです。{month} と書かれています。";
    nth_range(what, n) =>
        "{what}: n must be 1 to 5, found {n}",
        "{what}：`n` は1から5までです。{n} と書かれています。";
    to_before_from(what, to, from) =>
        "{what}: to ({to}) is before from ({from})",
        "{what}：`to`（{to}）が `from`（{from}）より前です。";
    except_outside(what, year) =>
        "{what}: except_years has {year}, outside the years in force",
        "{what}：`except_years` の {year} は、施行されている年の範囲の外です。";
    name_both(what) =>
        "{what}: name needs both en and ja",
        "{what}：`name` には `en` と `ja` の両方が必要です。";
    one_off_twice(date) =>
        "one_off: {date} is listed twice",
        "`one_off`：{date} が2回書かれています。";
    /// `[equinox]`.
    rate_range(rate) =>
        "equinox.rate must be between 0 and 1, found {rate}",
        "`equinox.rate` は0と1の間の値です。{rate} と書かれています。";
    equinoxes_years(vernal, autumnal) =>
        "equinox.published: {vernal} and {autumnal} are not in the same year",
        "`equinox.published`：{vernal} と {autumnal} が同じ年ではありません。";
    vernal_not_march(date) =>
        "equinox.published: vernal equinox {date} is not in March",
        "`equinox.published`：春分日 {date} が3月ではありません。";
    autumnal_not_september(date) =>
        "equinox.published: autumnal equinox {date} is not in September",
        "`equinox.published`：秋分日 {date} が9月ではありません。";
    published_twice(year) =>
        "equinox.published: {year} is listed twice",
        "`equinox.published`：{year}年が2回書かれています。";
    formula_days(what) =>
        "{what}: vernal and autumnal must be day numbers between 0 and 100",
        "{what}：`vernal` と `autumnal` は0から100までの日の数です。";
    no_formula() =>
        "equinox.formula: at least one range is required",
        "`equinox.formula`：年の範囲が少なくとも1件必要です。";
    formulas_overlap(from1, to1, from2, to2) =>
        "equinox.formula: ranges {from1}–{to1} and {from2}–{to2} overlap",
        "`equinox.formula`：{from1}〜{to1}年と{from2}〜{to2}年の範囲が重なっています。";
}
