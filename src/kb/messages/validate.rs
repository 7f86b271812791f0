//! Diagnostics of checking and resolving steps, facts and statuses (`kb::validate`).

use crate::kb::text::messages;

messages! {
    /// What a name stands for, inside `declared_twice` and `unknown`.
    noun_fact() => "fact", "回答項目";
    noun_status() => "status", "在留資格";
    noun_status_of_residence() => "status of residence", "在留資格";
    noun_status_property() => "status property", "在留資格の属性";
    noun_phase() => "phase", "段階";
    noun_place() => "place", "場所";
    noun_item() => "item", "持ち物";
    noun_step() => "step", "手続";
    noun_derived_condition() => "derived condition", "導出条件";
    noun_derived_date() => "derived date", "算出日付";
    noun_member_note() => "member note", "世帯員向けの注記";
    declared_twice(what, name) =>
        "the {what} `{name}` is declared twice",
        "{what}「{name}」が2回定義されています。";
    unknown(what, name) =>
        "unknown {what} `{name}`",
        "「{name}」という{what}はありません。";
    /// A name the maintainer wrote (a fact, a step id, a status key).
    did_you_mean(name) => "did you mean `{name}`?", "「{name}」ではありませんか？";
    /// A TOML key or operator of the knowledge base's language (a misspelt `eq` or `waiting`).
    did_you_mean_key(key) => "did you mean `{key}`?", "`{key}` ではありませんか？";
    /// The values a name may take, listed.
    expected_one_of(list) => "expected one of: {list}", "次のいずれかを指定してください：{list}";
    fact_and_derived(name) =>
        "`{name}` is both a fact and a derived name",
        "「{name}」は、回答項目と、導出条件または算出日付の両方の名前に使われています。";
    step_id_twice(id) =>
        "the step id `{id}` is used twice",
        "手続ID「{id}」が2回使われています。";
    /// `at` is where the other step with the id is: `file:line:column`.
    step_id_twice_help(at) =>
        "every step needs its own id, unless both have `effective` periods that do not overlap (the other is at {at})",
        "手続ごとに別のIDが必要です。同じIDを使えるのは、両方に重ならない `effective` の期間がある場合だけです。もう一方は {at} にあります。";
    not_resolved() =>
        "the knowledge base could not be resolved",
        "知識ベースの名前と参照を解決できませんでした。";
    no_office_place(place) =>
        "there is no place `{place}`: the visit checklist is for it",
        "場所「{place}」がありません。来庁時のチェックリストはこの場所のためのものです。";
    choice_needs_value() =>
        "a choice needs at least one value",
        "選択式の回答項目には値が一つ以上必要です。";
    after_not_date(name) =>
        "`after` names `{name}`, which is not a date fact",
        "`after` に指定された「{name}」は日付の回答項目ではありません。";
    past_only_dates() =>
        "`past` applies only to date facts",
        "`past` は日付の回答項目にだけ使えます。";
    not_before_only_dates() =>
        "`not_before` applies only to date facts",
        "`not_before` は日付の回答項目にだけ使えます。";
    not_before_itself() =>
        "`not_before` names the fact itself",
        "`not_before` にその回答項目自身が指定されています。";
    not_before_not_date(name) =>
        "`not_before` names `{name}`, which is not a date fact",
        "`not_before` に指定された「{name}」は日付の回答項目ではありません。";
    gate_name_taken(name) =>
        "the gate name `{name}` is already used by a fact, a derived name or another gate",
        "ゲート質問の名前「{name}」は、回答項目、導出条件、算出日付または別のゲート質問ですでに使われています。";
    gate_needs_fact() =>
        "a gate needs at least one fact",
        "ゲート質問には回答項目が一つ以上必要です。";
    required_behind_gate(fact) =>
        "`{fact}` is required: no gate can hide it",
        "「{fact}」は必須の回答項目なので、ゲート質問の後ろには置けません。";
    behind_two_gates(fact, first, second) =>
        "`{fact}` is behind two gates (`{first}` and `{second}`)",
        "「{fact}」が、ゲート質問「{first}」と「{second}」の両方の後ろにあります。";
    /// A name used where another kind of name is needed: `kind` is one of the `kind_…`
    /// messages, `need` one of the `need_…` ones.
    wrong_kind(name, kind, need) =>
        "`{name}` is {kind}, but {need}",
        "「{name}」は{kind}ですが、{need}。";
    kind_date() => "a date fact", "日付の回答項目";
    kind_bool() => "a yes/no fact", "はい・いいえの回答項目";
    kind_choice() => "a choice fact", "選択式の回答項目";
    kind_status() => "the status-of-residence fact", "在留資格の回答項目";
    kind_derived_condition() => "a derived condition", "導出条件";
    kind_derived_date() => "a derived date", "算出日付";
    need_is() =>
        "`is` needs a yes/no fact or a derived condition",
        "`is` には、はい・いいえの回答項目か導出条件が必要です";
    need_known() =>
        "`known` and `unknown` need a fact or a derived date",
        "`known` と `unknown` には、回答項目か算出日付が必要です";
    need_value() =>
        "`eq` and `in` need a choice or status fact",
        "`eq` と `in` には、選択式か在留資格の回答項目が必要です";
    need_date() => "a date is needed here", "ここには日付が必要です";
    need_records() => "`records` needs a date fact", "`records` には日付の回答項目が必要です";
    age_needs_birth_date() =>
        "`age_at_least` needs a date fact named `birth_date`",
        "`age_at_least` には、`birth_date` という名前の日付の回答項目が必要です。";
    status_needs_fact() =>
        "`status` needs a fact named `status` of type status",
        "`status` には、`status` という名前で型が status の回答項目が必要です。";
    not_a_value(value, fact) =>
        "`{value}` is not a value of `{fact}`",
        "「{value}」は「{fact}」の値ではありません。";
    plain_date_expected() =>
        "expected a plain date such as 2024-12-02",
        "2024-12-02 のような、時刻のない日付を書いてください。";
    one_period_unit() =>
        "a period needs exactly one of `days`, `weeks`, `months` or `years`",
        "期間には `days`、`weeks`、`months`、`years` のどれか一つだけを書いてください。";
    needs_a_date() =>
        "`earliest`, `latest` and `first_known` need at least one date",
        "`earliest`、`latest`、`first_known` には日付が一つ以上必要です。";
    no_english_text(field) =>
        "`{field}` has no English text",
        "`{field}` に英語のテキストがありません。";
    no_japanese_text(field) =>
        "`{field}` has no Japanese text",
        "`{field}` に日本語のテキストがありません。";
    text_needs_both() =>
        "every text needs both `en` and `ja`",
        "すべてのテキストに `en` と `ja` の両方が必要です。";
    no_variant(field) =>
        "`{field}` has no variant",
        "`{field}` に場合ごとの文が一つもありません。";
    summary_no_default() =>
        "`summary` has no variant for everyone else",
        "`summary` に、どの場合にも当てはまらない人向けの文がありません。";
    summary_no_default_help() =>
        "end the list with a variant without `when`",
        "リストの最後に `when` のない文を置いてください。";
    items_declared_where() =>
        "items are declared in vocabulary.toml",
        "持ち物は vocabulary.toml で定義します。";
    step_no_source(id) =>
        "the step `{id}` has no source",
        "手続「{id}」に出典がありません。";
    member_note_no_source(name) =>
        "the member note `{name}` has no source",
        "世帯員向けの注記「{name}」に出典がありません。";
    /// `table` is the TOML table to add: `[[step.source]]`.
    add_source(table) =>
        "add a {table} with url, title and checked",
        "url、title、checked を書いた {table} を追加してください。";
    source_needs_url() =>
        "a source needs a web address (http:// or https://)",
        "出典にはウェブアドレス（http:// または https://）が必要です。";
    checked_plain_date() =>
        "`checked` must be a plain date such as 2026-11-01",
        "`checked` には 2026-11-01 のような、時刻のない日付を書いてください。";
    /// `cycle` is the names in order, joined by arrows.
    derived_circle(cycle) =>
        "derived names refer to each other in a circle: {cycle}",
        "導出条件と算出日付が循環して参照し合っています：{cycle}";
    step_in_cycle(id) =>
        "the step `{id}` is part of a cycle in `after`",
        "手続「{id}」が `after` の循環に含まれています。";
    step_in_cycle_help() =>
        "a step cannot come after itself, directly or through others",
        "手続は、直接にも他の手続を通しても、自分自身の後に来ることはできません。";
    never_applies(id) =>
        "the step `{id}` can never apply: no answers make its `applies` condition true",
        "手続「{id}」はどの回答でも対象になりません。`applies` の条件を満たす回答がありません。";
    /// `why` is one of the `why_…` messages.
    never_applies_help(why) =>
        "{why}; fix or remove the condition",
        "{why}。条件を直すか、削除してください。";
    why_answered_and_not(name) =>
        "`{name}` must be both answered and unanswered",
        "「{name}」が回答済みで、かつ未回答でなければなりません";
    why_no_value_left(name) =>
        "the tests on `{name}` rule out every value it can have",
        "「{name}」についての条件が、とりうる値をすべて除いています";
    why_yes_and_no(name) =>
        "`{name}` must be both yes and no",
        "「{name}」が「はい」で、かつ「いいえ」でなければなりません";
    why_empty_any() => "`any = []` never holds", "`any = []` は決して成り立ちません";
    never_in_force(id, until, from) =>
        "the step `{id}` is never in force: its effective period ends ({until}) before it begins ({from})",
        "手続「{id}」は一度も有効になりません。有効期間の終わり（{until}）が始まり（{from}）より前です。";
    never_in_force_help() =>
        "`until` is the first day the rule no longer applies; it must be after `from`",
        "`until` は規則が適用されなくなる最初の日です。`from` より後の日付にしてください。";
    stale_source(title, checked, months, today) =>
        "the source “{title}” was last checked on {checked}, over {months} months before {today}",
        "出典「{title}」の最終確認日は {checked} で、{today} の{months}か月以上前です。";
    stale_source_help() =>
        "check it against the current law or page, then update `checked`",
        "現行の法令やページと照らし合わせてから、`checked` を更新してください。";
    no_longer_in_force(id, until) =>
        "the step `{id}` is no longer in force: its effective period ended on {until}",
        "手続「{id}」はもう有効ではありません。有効期間は {until} に終わりました。";
    no_longer_in_force_help() =>
        "plans made for today leave it out; remove it, or move it aside with the rule that replaced it",
        "今日のプランには含まれません。削除するか、置き換えた規則と並べて残してください。";
}
