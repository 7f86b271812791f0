//! Every sentence the user reads that is not in the knowledge base, in English and Japanese.

use chrono::NaiveDate;

use crate::dates::fmt;

pub(crate) mod messages;
pub(crate) mod notes;
pub(crate) mod reasons;
pub(crate) mod refusals;
pub(crate) mod usage;
use crate::kb::text::{Lang, Text, per_lang};

/// English and Japanese weekday names.
pub(crate) fn weekday(d: chrono::NaiveDate, lang: Lang) -> &'static str {
    use chrono::Datelike;
    let i = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
        Lang::Ja => ["月", "火", "水", "木", "金", "土", "日"][i],
    }
}

/// Why the office is closed on a day, or which holiday it is, as a short phrase: "Saturday",
/// "New Year's Day", "year-end closure (29 Dec – 3 Jan)". A holiday's name is the knowledge
/// base's.
pub(crate) fn closure(c: &crate::calendar::Closure) -> Text {
    use crate::calendar::Closure;
    use chrono::Weekday;
    match c {
        Closure::Weekend(w) => match w {
            Weekday::Mon => messages::closed_monday(),
            Weekday::Tue => messages::closed_tuesday(),
            Weekday::Wed => messages::closed_wednesday(),
            Weekday::Thu => messages::closed_thursday(),
            Weekday::Fri => messages::closed_friday(),
            Weekday::Sat => messages::closed_saturday(),
            Weekday::Sun => messages::closed_sunday(),
        },
        Closure::Holiday(name) => per_lang(|l| Text::from(name.get(l == Lang::Ja))),
        Closure::Substitute => messages::closed_substitute(),
        Closure::Citizens => messages::closed_citizens(),
        Closure::YearEnd(y) => per_lang(|l| {
            let day = |md: crate::calendar::MonthDay| {
                messages::closed_month_day(month(md.month, l), md.day)
                    .get(l)
                    .to_string()
            };
            messages::closed_year_end(day(y.from), day(y.to))
        }),
        Closure::Extra => messages::closed_extra(),
        Closure::Local(name) => per_lang(|l| messages::closed_local(name.get(l == Lang::Ja))),
    }
}

/// A month as the closures' phrases write it: "Dec" in English, "12" in Japanese.
fn month(m: u32, lang: Lang) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match lang {
        Lang::En => EN
            .get(m.wrapping_sub(1) as usize)
            .copied()
            .unwrap_or("?")
            .to_string(),
        Lang::Ja => m.to_string(),
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
    messages::day_and_weekday(fmt(d), weekday(d, lang))
        .get(lang)
        .to_string()
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
    messages::answer_hint(f.noun.get(lang), fact, value)
        .get(lang)
        .to_string()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Closure, MonthDay, Name, YearEnd};
    use chrono::Weekday;

    #[test]
    fn closures_in_both_languages() {
        let name = |en: &str, ja: &str| Name {
            en: en.into(),
            ja: ja.into(),
        };
        let rows = [
            (Closure::Weekend(Weekday::Sat), "Saturday", "土曜日"),
            (Closure::Weekend(Weekday::Sun), "Sunday", "日曜日"),
            (Closure::Substitute, "substitute holiday", "振替休日"),
            (Closure::Citizens, "citizens' holiday", "国民の休日"),
            (
                Closure::YearEnd(YearEnd::DEFAULT),
                "year-end closure (29 Dec – 3 Jan)",
                "年末年始・12月29日〜1月3日",
            ),
            (
                Closure::YearEnd(YearEnd {
                    from: MonthDay { month: 12, day: 28 },
                    to: MonthDay { month: 1, day: 4 },
                }),
                "year-end closure (28 Dec – 4 Jan)",
                "年末年始・12月28日〜1月4日",
            ),
            (
                Closure::Extra,
                "closed by the municipality",
                "市区町村の閉庁日",
            ),
            (
                Closure::Holiday(name("New Year's Day", "元日")),
                "New Year's Day",
                "元日",
            ),
            (
                Closure::Local(name("Okinawa Memorial Day", "慰霊の日")),
                "Okinawa Memorial Day, a closed day by the municipality's ordinance",
                "慰霊の日・市区町村の条例による休日",
            ),
        ];
        for (c, en, ja) in rows {
            assert_eq!(closure(&c), Text::new(en, ja), "{c:?}");
        }
    }
}
