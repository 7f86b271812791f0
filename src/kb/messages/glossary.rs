//! Diagnostics of the glossary (`kb::glossary`).

use crate::kb::text::messages;

messages! {
    // A bilingual text that drifts from the glossary.
    english_only(wording, ja) =>
        "the English says “{wording}”, but the Japanese does not say {ja}",
        "英語は「{wording}」ですが、日本語に「{ja}」がありません。";
    /// `other` is the Japanese term said instead, `other_en` its English.
    english_only_mixup(wording, ja, other, other_en) =>
        "the English says “{wording}”, but the Japanese does not say {ja}; it says {other}, which the glossary gives for “{other_en}”",
        "英語は「{wording}」ですが、日本語に「{ja}」がありません。日本語の「{other}」は、用語集では「{other_en}」に当たる語です。";
    japanese_only(ja, preferred) =>
        "the Japanese says {ja}, but the English does not say “{preferred}”",
        "日本語は「{ja}」ですが、英語に「{preferred}」がありません。";
    /// `other` is the English wording said instead, `other_ja` its Japanese term.
    japanese_only_mixup(ja, preferred, other, other_ja) =>
        "the Japanese says {ja}, but the English does not say “{preferred}”; it says “{other}”, which the glossary gives for {other_ja}",
        "日本語は「{ja}」ですが、英語に「{preferred}」がありません。英語の「{other}」は、用語集では「{other_ja}」に当たる語です。";
    avoided(wording, ja, preferred) =>
        "“{wording}” is not the glossary's wording: {ja} is “{preferred}” in English",
        "「{wording}」は用語集の英語ではありません。「{ja}」の英語は「{preferred}」です。";
    avoided_japanese(wording, ja) =>
        "{wording} is not the glossary's term: say {ja}",
        "「{wording}」は用語集の用語ではありません。「{ja}」と書いてください。";
    drift_help() =>
        "glossary.toml gives one English wording for each Japanese term: use the pair in both languages",
        "glossary.toml は日本語の用語ごとに英語を一つ決めています。英語と日本語の両方で、その組を使ってください。";

    // The glossary's own shape.
    term_needs_japanese() =>
        "a glossary term needs its Japanese",
        "用語集の用語には日本語が必要です。";
    term_twice(ja) =>
        "{ja} is in the glossary twice",
        "「{ja}」が用語集に二度あります。";
    no_english(ja) =>
        "{ja} has no English wording",
        "「{ja}」に英語がありません。";
    no_english_help() =>
        "add en = [\"…\"], the preferred English first",
        "`en = [\"…\"]` を追加してください。推奨する英語を先頭に書きます。";
    wording_twice(wording, one, other) =>
        "“{wording}” is listed for {one} and for {other}",
        "「{wording}」が「{one}」と「{other}」の両方に挙がっています。";
    no_source(ja) =>
        "{ja} has no source",
        "「{ja}」に出典がありません。";
    no_source_help() =>
        "add a [[term.sources]] with url, title and checked: a page that uses the term",
        "その用語を使っているページを、url・title・checked を付けた `[[term.sources]]` として追加してください。";

    // Against the texts, and against today.
    unused(ja) =>
        "no text uses {ja}",
        "「{ja}」を使っている文がありません。";
    unused_help() =>
        "remove the term, or use it where the texts say something else",
        "用語を削除するか、別の言い方をしている文でこの用語を使ってください。";
}
