//! The notes on a planned step as sentences: the knowledge base's own (already text), "municipal
//! practice varies", and the local advice of the person's municipality (where to go, the
//! openings outside weekday hours, the next open days), each ending with "check with your
//! office" and the date the source was checked.

use chrono::NaiveDate;

use crate::dates::fmt;
use crate::engine::local::{Chance, LocalAdvice};
use crate::engine::plan::{NoteOut, PlannedStep};
use crate::kb::municipality::Reservation;
use crate::kb::text::{Lang, Text, clause_separator};

/// A note as the reader sees it.
#[derive(Debug, Clone)]
pub(crate) struct Note {
    pub(crate) text: Text,
    /// A warning: shown even where the other notes are not.
    pub(crate) warning: bool,
}

/// Every note on a planned step, in order: the knowledge base's, "municipal practice varies",
/// then where to go in the person's municipality and its openings outside weekday hours.
pub(crate) fn notes(p: &PlannedStep<'_>) -> Vec<Note> {
    let mut out: Vec<Note> = p
        .notes
        .iter()
        .map(|n| match n {
            NoteOut::Kb { text, warning } => Note {
                text: text.clone(),
                warning: *warning,
            },
            NoteOut::Varies => Note {
                text: varies(),
                warning: false,
            },
        })
        .collect();
    if let Some(a) = &p.local {
        for text in [counter(a), chances(a)].into_iter().flatten() {
            out.push(Note {
                text,
                warning: false,
            });
        }
    }
    out
}

/// The step's warnings (the knowledge base's notes marked `warning`).
pub(crate) fn warnings<'p>(p: &'p PlannedStep<'_>) -> impl Iterator<Item = &'p Text> {
    p.notes.iter().filter_map(|n| match n {
        NoteOut::Kb {
            text,
            warning: true,
        } => Some(text),
        _ => None,
    })
}

/// Said of a step whose practice differs between municipalities (`varies = true`).
fn varies() -> Text {
    Text::new(
        "Municipal practice varies: this is what usually happens; check with your office.",
        "市区町村によって取扱いが異なります。一般的な例ですので、お住まいの役所に確認してください。",
    )
}

/// A day in English, its weekday in full first: "Sunday 2027-01-24". (Japanese writes the
/// day as everywhere else, `wording::day`: "2027-01-24（日）".)
fn day_en(d: NaiveDate) -> String {
    format!("{} {}", d.format("%A"), fmt(d))
}

/// "check with your office (checked 2026-12-02)", the end of every local sentence.
fn check(a: &LocalAdvice<'_>) -> Text {
    match a.checked {
        Some(c) => Text::new(
            format!("check with your office (checked {})", fmt(c)),
            format!("窓口に確認してください（{}時点の情報）", fmt(c)),
        ),
        None => Text::new("check with your office", "窓口に確認してください"),
    }
}

/// Where to go: "Where in Osaka: your ward office. Practice changes: check with your
/// office (checked 2026-12-02)."
pub(crate) fn counter(a: &LocalAdvice<'_>) -> Option<Text> {
    if a.counters.is_empty() {
        return None;
    }
    let name = &a.municipality.name;
    let ck = check(a);
    let mut en = Vec::new();
    let mut ja = Vec::new();
    for c in &a.counters {
        if c.card_mailed {
            en.push(format!(
                "apply at {} and the card is mailed to you",
                c.name.en
            ));
            ja.push(format!("{}で申請するとカードが郵送されます", c.name.ja));
        } else {
            en.push(c.name.en.clone());
            ja.push(c.name.ja.clone());
        }
        if let Some(n) = &c.note {
            en.push(n.en.trim_end_matches('.').to_string());
            ja.push(n.ja.trim_end_matches('。').to_string());
        }
    }
    Some(Text::new(
        format!(
            "Where in {}: {}. Practice changes: {}.",
            name.en,
            en.join(". "),
            ck.en
        ),
        format!(
            "{}の窓口：{}。取扱いは変わることがあります。{}。",
            name.ja,
            ja.join("。"),
            ck.ja
        ),
    ))
}

/// The first chance, short, for a table cell: "open on Sunday 2027-01-24 (reservation) —
/// check with your office (checked 2026-12-02)".
pub(crate) fn short(a: &LocalAdvice<'_>) -> Option<Text> {
    // A weekend opening first; else longer hours on an open day, with the hours.
    let c = a
        .chances
        .iter()
        .find(|c| c.closed_day)
        .or_else(|| a.chances.first())?;
    let required = c.window.reservation == Some(Reservation::Required);
    let (hours_en, hours_ja) = if c.closed_day {
        (String::new(), String::new())
    } else {
        (
            format!(", {}", c.window.hours.en),
            c.window.hours.ja.clone(),
        )
    };
    let ck = check(a);
    Some(Text::new(
        format!(
            "open on {}{hours_en}{} — {}",
            day_en(c.date),
            if required { " (reservation)" } else { "" },
            ck.en
        ),
        format!(
            "{}{hours_ja}も開庁{}。{}",
            super::day(c.date, Lang::Ja),
            if required { "（要予約）" } else { "" },
            ck.ja
        ),
    ))
}

/// One window occurrence: "Sunday 2027-01-24, 9:00–17:30 (4th-Sunday opening;
/// reservation required)".
fn chance(c: &Chance<'_>) -> Text {
    let w = c.window;
    let (res_en, res_ja) = match w.reservation {
        Some(Reservation::Required) => ("; reservation required", "、要予約"),
        Some(Reservation::NotRequired) => ("; no reservation needed", "、予約不要"),
        None => ("", ""),
    };
    Text::new(
        format!("{}, {} ({}{res_en})", day_en(c.date), w.hours.en, w.name.en),
        format!(
            "{}{}（{}{res_ja}）",
            super::day(c.date, Lang::Ja),
            w.hours.ja,
            w.name.ja
        ),
    )
}

/// When to go outside weekday hours: "Osaka: also open on Sunday 2027-01-24, 9:00–17:30
/// (4th-Sunday opening) — check with your office (checked 2026-12-02)". `None` without a
/// window before the deadline.
pub(crate) fn chances(a: &LocalAdvice<'_>) -> Option<Text> {
    if a.chances.is_empty() {
        return None;
    }
    let items: Vec<Text> = a.chances.iter().map(chance).collect();
    let list = |lang: Lang| {
        items
            .iter()
            .map(|t| t.get(lang))
            .collect::<Vec<_>>()
            .join(clause_separator(lang))
    };
    let ck = check(a);
    let name = &a.municipality.name;
    Some(Text::new(
        format!(
            "{}: also open on {}. A weekend or evening opening never moves a deadline; {}.",
            name.en,
            list(Lang::En),
            ck.en
        ),
        format!(
            "{}：{}にも開庁しています。休日・夜間の開庁で期限は変わりません。{}。",
            name.ja,
            list(Lang::Ja),
            ck.ja
        ),
    ))
}

/// The next open days before the deadline, windows included: for a visit checklist.
pub(crate) fn open_days(a: &LocalAdvice<'_>) -> Option<Text> {
    if a.open_days.is_empty() && a.chances.is_empty() {
        return None;
    }
    let mut en: Vec<String> = a.open_days.iter().map(|d| day_en(*d)).collect();
    let mut ja: Vec<String> = a
        .open_days
        .iter()
        .map(|d| super::day(*d, Lang::Ja))
        .collect();
    for c in &a.chances {
        let t = chance(c);
        en.push(t.en);
        ja.push(t.ja);
    }
    let ck = check(a);
    Some(Text::new(
        format!(
            "Next open days: {}. Then {}.",
            en.join(clause_separator(Lang::En)),
            ck.en
        ),
        format!(
            "次の開庁日：{}。{}。",
            ja.join(clause_separator(Lang::Ja)),
            ck.ja
        ),
    ))
}

/// What a visit checklist says under a step: where to go, and the next open days before the
/// deadline (windows included).
pub(crate) fn visit(a: &LocalAdvice<'_>) -> Vec<Text> {
    [counter(a), open_days(a)].into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::local::advise;
    use crate::kb::Kb;

    fn d(s: &str) -> NaiveDate {
        crate::dates::parse(s).unwrap()
    }

    #[test]
    fn the_first_window_is_said_short_and_an_expired_one_never() {
        let kb = Kb::embedded().unwrap_or_else(|e| panic!("{}", e.render()));
        let osaka = kb.municipality("271004").unwrap();
        let step = kb
            .steps
            .iter()
            .find(|s| s.decl.id.get_ref() == "residence.register")
            .unwrap()
            .ix;
        let advice = |from: &str, until: &str| {
            advise(osaka, &kb.calendar, step, d(from), Some(d(until))).unwrap()
        };
        let a = advice("2027-01-12", "2027-01-23");
        let short = short(&a).unwrap();
        assert!(
            short
                .en
                .starts_with("open on Friday 2027-01-15, until 19:00"),
            "{}",
            short.en
        );
        assert!(short.en.contains("check with your office"));
        // The overlay's windows expire on 2027-03-31: after that, where to go is still said.
        let late = advice("2027-04-01", "2027-04-30");
        assert!(chances(&late).is_none());
        assert!(counter(&late).is_some());
    }
}
