//! Every sentence the user reads that is not in the knowledge base, in English and Japanese.

use chrono::NaiveDate;

use crate::dates::fmt;

pub(crate) mod messages;
pub(crate) mod notes;
pub(crate) mod reasons;
pub(crate) mod refusals;
pub(crate) mod usage;
use crate::kb::text::{Lang, Text};

/// English and Japanese weekday names.
pub(crate) fn weekday(d: chrono::NaiveDate, lang: Lang) -> &'static str {
    use chrono::Datelike;
    let i = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
        Lang::Ja => ["月", "火", "水", "木", "金", "土", "日"][i],
    }
}

/// A status's name.
pub(crate) fn status(s: crate::engine::Status) -> Text {
    use crate::engine::Status;
    match s {
        Status::Done => Text::new("done", "完了"),
        Status::Overdue => Text::new("overdue", "期限超過"),
        Status::Due => Text::new("due", "手続可"),
        Status::Upcoming => Text::new("upcoming", "受付前"),
        Status::Waiting => Text::new("waiting", "到着待ち"),
    }
}

/// A planned step's status as a person reads it: mail that is late has not arrived, it has no
/// deadline of its own to be past.
pub(crate) fn status_of(p: &crate::engine::PlannedStep<'_>) -> Text {
    if p.status == crate::engine::Status::Overdue && p.step.decl.waiting {
        return Text::new("not arrived", "未着");
    }
    status(p.status)
}

/// Said when no step applies.
pub(crate) fn nothing_to_do() -> Text {
    Text::new(
        "Nothing to do for these answers.",
        "この回答では必要な手続はありません。",
    )
}

/// A date with its weekday: "2026-10-19 (Mon)" / "2026-10-19（月）".
pub(crate) fn day(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} ({})", fmt(d), weekday(d, lang)),
        Lang::Ja => format!("{}（{}）", fmt(d), weekday(d, lang)),
    }
}

/// Fixed words of the visit checklist.
pub(crate) mod checklist {
    use crate::kb::text::Text;

    pub(crate) fn title() -> Text {
        Text::new("Municipal office visit", "市区町村役場 窓口チェックリスト")
    }
    pub(crate) fn visit_day() -> Text {
        Text::new("Visit day", "来庁日")
    }
    pub(crate) fn made_on() -> Text {
        Text::new("Made on", "作成日")
    }
    pub(crate) fn steps() -> Text {
        Text::new(
            "Procedures, in this order at the counter",
            "窓口での手続（この順に）",
        )
    }
    pub(crate) fn documents() -> Text {
        Text::new("Bring", "持ち物")
    }
    pub(crate) fn pins() -> Text {
        Text::new("PINs you will be asked for", "入力を求められる暗証番号")
    }
    pub(crate) fn fees() -> Text {
        Text::new("Fees", "手数料")
    }
    pub(crate) fn asks() -> Text {
        Text::new("What to ask for at the counter", "窓口で伝えること")
    }
    pub(crate) fn warnings() -> Text {
        Text::new("Warnings", "注意")
    }
    pub(crate) fn key_dates() -> Text {
        Text::new("Key dates", "主な日付")
    }
    pub(crate) fn nothing() -> Text {
        Text::new(
            "Nothing to do at the municipal office on this day for these answers.",
            "この回答では、この日に市区町村役場で行う手続はありません。",
        )
    }
    pub(crate) fn none_needed() -> Text {
        Text::new("none", "なし")
    }
    pub(crate) fn may_apply() -> Text {
        Text::new("may apply", "該当する可能性")
    }
    pub(crate) fn check_office() -> Text {
        Text::new(
            "Practice differs between municipalities: check with your office. Some counters require an appointment.",
            "取扱いは市区町村によって異なります。お住まいの役所に確認してください。予約制の窓口もあります。",
        )
    }
}

/// One answer that would make a plan more precise, as a line a person can act on: what it is,
/// then how to give it on the command line ("the day you moved in (--answer moved_in=YYYY-MM-DD)").
pub(crate) fn answer_hint(
    kb: &crate::kb::Kb,
    fact: crate::kb::model::FactId,
    lang: Lang,
) -> String {
    use crate::kb::schema::FactType;
    let f = kb.fact_at(fact);
    let fact = f.name.get_ref();
    let value = match f.ty.get_ref() {
        FactType::Date => "YYYY-MM-DD".to_string(),
        FactType::Bool => "yes|no".to_string(),
        FactType::Choice(cs) => cs
            .iter()
            .map(|c| c.value.as_str())
            .collect::<Vec<_>>()
            .join("|"),
        FactType::Status | FactType::Municipality => "…".to_string(),
    };
    match lang {
        Lang::En => format!("{} (--answer {fact}={value})", f.noun.en),
        Lang::Ja => format!("{}（--answer {fact}={value}）", f.noun.ja),
    }
}

/// Why `-o` leaves a path alone, in both languages. (Not in `messages`, which the build
/// script compiles without the writing side of `fsutil`.)
pub(crate) fn output_refusal(r: crate::fsutil::Refusal) -> Text {
    use crate::fsutil::Refusal;
    match r {
        Refusal::LinkToNothing => messages::refused_link_to_nothing(),
        Refusal::NotRegular(kind) => messages::nest(&messages::file_kind(kind), |k| {
            messages::refused_not_regular(k)
        }),
        Refusal::ReadOnly => messages::refused_read_only(),
    }
}
