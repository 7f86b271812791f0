//! The engine's reasons, why-not hints and date derivations (`engine::reason`), as English and
//! Japanese sentences. The engine only records which condition, fact, date or comparison
//! decided; every sentence about it is made here.

use crate::calendar::Unit;
use crate::dates::fmt;
use crate::engine::facts::Slot;
use crate::engine::reason::{Flip, InForce, Line, Reason};
use crate::kb::Kb;
use crate::kb::model::{Compare, DateExpr, FactId, Key, Ref, StatusFlag, StatusId};
use crate::kb::schema::{Adjust, FactType};
use crate::kb::text::{Lang, Text, list_separator};
use crate::text;
use crate::wording::messages;

/// Each reason as a sentence, each sentence once (two branches of a condition can decide on
/// the same fact).
pub(crate) fn reasons(kb: &Kb, rs: &[Reason]) -> Vec<Text> {
    let mut seen = std::collections::HashSet::new();
    rs.iter()
        .map(|r| reason(kb, r))
        .filter(|t| seen.insert(t.en.clone()))
        .collect()
}

/// Each reason as a sentence in one language, each sentence once.
pub(crate) fn reasons_in(kb: &Kb, rs: &[Reason], lang: Lang) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    rs.iter()
        .map(|r| reason(kb, r).get(lang).to_string())
        .filter(|s| seen.insert(s.clone()))
        .collect()
}

/// Each line of a derivation as a sentence.
pub(crate) fn lines(kb: &Kb, ls: &[Line]) -> Vec<Text> {
    ls.iter().map(|l| line(kb, l)).collect()
}

/// How a fact or derived date is named in a sentence.
pub(crate) fn noun(kb: &Kb, what: Ref) -> Text {
    match what {
        Ref::Fact(f) => kb.fact_at(f).noun.clone(),
        Ref::Date(d) => kb.dates[d.index()].noun.clone(),
    }
}

/// An answer as a person reads it: a choice's label, a status's name, a date.
pub(crate) fn shown(kb: &Kb, fact: FactId, v: &Slot) -> Text {
    match (kb.fact_at(fact).ty.get_ref(), v) {
        (FactType::Choice(cs), Slot::Key(k)) => cs[*k].label.clone(),
        (FactType::Status, Slot::Key(k)) => kb.statuses[*k].name.clone(),
        (_, Slot::Bool(true)) => Text::new("yes", "はい"),
        (_, Slot::Bool(false)) => Text::new("no", "いいえ"),
        (_, Slot::Date(d)) => {
            let s = fmt(*d);
            Text::new(s.clone(), s)
        }
        (_, Slot::Key(k)) => Text::new(k.to_string(), k.to_string()),
        (_, Slot::Code(c)) => Text::new(c.clone(), c.clone()),
    }
}

/// One reason as a sentence.
pub(crate) fn reason(kb: &Kb, r: &Reason) -> Text {
    match r {
        Reason::Needs(fact) => {
            let n = noun(kb, Ref::Fact(*fact));
            text!(("needs an answer: {}", n.en), ("回答が必要です：{}", n.ja))
        }
        Reason::Answer { fact, value } => {
            let n = noun(kb, Ref::Fact(*fact));
            let s = shown(kb, *fact, value);
            text!(("{}: {}", n.en, s.en), ("{}：{}", n.ja, s.ja))
        }
        Reason::DerivedDate { date, value } => {
            let n = noun(kb, Ref::Date(*date));
            let s = fmt(*value);
            text!(("{}: {}", n.en, s), ("{}：{}", n.ja, s))
        }
        Reason::NotGiven(what) => {
            let n = noun(kb, *what);
            text!(("{}: not given", n.en), ("{}：未回答", n.ja))
        }
        Reason::Derived {
            cond,
            holds,
            values,
        } => {
            let c = &kb.derived_conditions[cond.index()];
            let t = if *holds { &c.yes } else { &c.no };
            t.fill_with(|k| {
                c.placeholders
                    .iter()
                    .position(|(name, _)| name == k)
                    .and_then(|i| values.get(i).cloned().flatten())
            })
        }
        Reason::Compare {
            op,
            holds,
            date,
            a,
            than,
            b,
        } => compare(kb, *op, *holds, date, *a, than, *b),
        Reason::Age {
            age,
            on,
            years: y,
            holds,
        } => {
            let d = fmt(*on);
            if *holds {
                text!(
                    ("you are {age} on {d}, {y} or older"),
                    ("{d}時点で{age}歳（{y}歳以上）です")
                )
            } else {
                text!(
                    ("you are {age} on {d}, under {y}"),
                    ("{d}時点で{age}歳（{y}歳未満）です")
                )
            }
        }
        Reason::Status {
            status,
            flag,
            holds,
        } => status_flag(kb, *status, *flag, *holds),
        Reason::InForce(state) => in_force(*state),
        Reason::TooDeep => Text::new("conditions nest too deeply", "条件の入れ子が深すぎます"),
        Reason::RecordedDone => Text::new(
            "you recorded it as done (with mynumber done)",
            "完了として記録済みです（mynumber doneで記録）",
        ),
        Reason::WouldApply(f) => would_apply(kb, f),
    }
}

/// Whether a status of residence has a property (its card tied to the stay, resident
/// registration).
fn status_flag(kb: &Kb, status: StatusId, flag: StatusFlag, holds: bool) -> Text {
    let s = &kb.statuses[status.index()];
    let (en, ja) = match flag {
        StatusFlag::CardTiedToStay => (
            [
                "ties the card's validity to your period of stay",
                "does not tie the card's validity to a period of stay",
            ],
            [
                "カードの有効期間が在留期間に連動します",
                "カードの有効期間は在留期間に連動しません",
            ],
        ),
        StatusFlag::ResidentRegistration => (
            [
                "leads to resident registration",
                "does not lead to resident registration",
            ],
            ["住民登録の対象です", "住民登録の対象ではありません"],
        ),
    };
    let i = usize::from(!holds);
    Text::new(
        format!("your status of residence ({}) {}", s.name.en, en[i]),
        format!("在留資格「{}」は{}", s.name.ja, ja[i]),
    )
}

fn compare(
    kb: &Kb,
    op: Compare,
    holds: bool,
    date: &DateExpr,
    da: chrono::NaiveDate,
    than: &DateExpr,
    db: chrono::NaiveDate,
) -> Text {
    let (en_rel, ja_rel) = match op {
        Compare::Before => (["before", "not before"], ["より前", "より前ではありません"]),
        Compare::After => (
            ["later than", "not later than"],
            ["より後", "より後ではありません"],
        ),
        Compare::OnOrBefore => (["on or before", "after"], ["以前", "より後"]),
    };
    let i = usize::from(!holds);
    let (na, nb) = (describe(kb, date), describe(kb, than));
    Text::new(
        format!(
            "{} ({}) is {} {} ({})",
            na.en,
            fmt(da),
            en_rel[i],
            nb.en,
            fmt(db)
        ),
        format!(
            "{}（{}）は{}（{}）{}",
            na.ja,
            fmt(da),
            nb.ja,
            fmt(db),
            if holds {
                format!("{}です", ja_rel[0])
            } else {
                ja_rel[1].to_string()
            }
        ),
    )
}

/// Whether a rule is in force on the plan's today, as said in a plan's reasons.
pub(crate) fn in_force(state: InForce) -> Text {
    match state {
        InForce::NotYet(f) => text!(
            ("this rule applies only from {}", fmt(f)),
            ("この規定は{}から適用されます", fmt(f))
        ),
        InForce::Ended(u) => text!(
            ("this rule no longer applies since {}", fmt(u)),
            ("この規定は{}以降適用されません", fmt(u))
        ),
        InForce::Since(f) => text!(("in force since {}", fmt(f)), ("{}から施行", fmt(f))),
        InForce::Until(u) => text!(("in force until {}", fmt(u)), ("{}まで有効", fmt(u))),
        InForce::Always => Text::new("in force", "有効"),
    }
}

/// What would make a step that does not apply apply, as a sentence: clause by clause while
/// that needs brackets one deep at most; beyond, what it depends on, listed (brackets inside
/// brackets do not read, in Japanese least of all).
pub(crate) fn would_apply(kb: &Kb, f: &Flip) -> Text {
    if brackets(f) > 1 {
        let mut named = Vec::new();
        subjects(kb, f, &mut named);
        return messages::per_lang(|lang| {
            let list: Vec<&str> = named.iter().map(|t| t.get(lang)).collect();
            messages::would_apply_depending(list.join(list_separator(lang)))
        });
    }
    let f = flip(kb, f);
    text!(("it would apply {}", f.en), ("{}、対象になります", f.ja))
}

/// How deep [`flip`] would put brackets inside each other (a part joined with the other
/// connector is bracketed).
fn brackets(f: &Flip) -> usize {
    match f {
        Flip::Join { and, parts } => parts
            .iter()
            .map(|p| match p {
                Flip::Join { and: a, .. } if a != and => 1 + brackets(p),
                _ => brackets(p),
            })
            .max()
            .unwrap_or(0),
        _ => 0,
    }
}

/// What the clauses of a why-not are about, each once, in order: the answers and dates they
/// name, the person's age, their status of residence.
fn subjects(kb: &Kb, f: &Flip, out: &mut Vec<Text>) {
    let mut add = |t: Text| {
        if !out.contains(&t) {
            out.push(t);
        }
    };
    match f {
        Flip::Join { parts, .. } => {
            for p in parts {
                subjects(kb, p, out);
            }
        }
        Flip::Answer { fact, .. } | Flip::Values { fact, .. } => add(noun(kb, Ref::Fact(*fact))),
        Flip::Known { what, .. } => add(noun(kb, *what)),
        Flip::Compare { date, than, .. } => {
            add(describe(kb, date));
            add(describe(kb, than));
        }
        Flip::Age { .. } => add(messages::your_age()),
        Flip::Status { .. } => add(messages::your_status()),
    }
}

/// What would change a decided condition's result, as one clause starting with "if".
pub(crate) fn flip(kb: &Kb, f: &Flip) -> Text {
    flip_joined(kb, f).0
}

/// The clause, and the connector it was joined with (`Some(true)`: "and").
fn flip_joined(kb: &Kb, f: &Flip) -> (Text, Option<bool>) {
    match f {
        Flip::Join { and, parts } => {
            let (en, ja) = if *and {
                (" and ", "、かつ")
            } else {
                (" or ", "、または")
            };
            // A part joined with the other connector is bracketed, so "A or (B and C)" reads
            // unambiguously.
            let shown: Vec<Text> = parts
                .iter()
                .map(|p| match flip_joined(kb, p) {
                    (t, Some(j)) if j != *and => {
                        Text::new(format!("({})", t.en), format!("（{}）", t.ja))
                    }
                    (t, _) => t,
                })
                .collect();
            (
                Text::new(
                    shown
                        .iter()
                        .map(|t| t.en.as_str())
                        .collect::<Vec<_>>()
                        .join(en),
                    shown
                        .iter()
                        .map(|t| t.ja.as_str())
                        .collect::<Vec<_>>()
                        .join(ja),
                ),
                Some(*and),
            )
        }
        leaf => (flip_leaf(kb, leaf), None),
    }
}

fn flip_leaf(kb: &Kb, f: &Flip) -> Text {
    match f {
        Flip::Join { .. } => flip(kb, f),
        Flip::Answer { fact, to } => {
            let n = noun(kb, Ref::Fact(*fact));
            let answer = shown(kb, *fact, &Slot::Bool(*to));
            text!(
                ("if your answer to {} were {}", n.en, answer.en),
                ("{}への回答が「{}」であれば", n.ja, answer.ja)
            )
        }
        Flip::Values {
            fact,
            values,
            negated,
        } => flip_values(kb, *fact, values, *negated),
        Flip::Known { what, known } => {
            let n = noun(kb, *what);
            let derived = matches!(what, Ref::Date(_));
            match (!known, derived) {
                (true, true) => text!(
                    ("if {} could not be worked out from your answers", n.en),
                    ("回答から{}が分からなければ", n.ja)
                ),
                (true, false) => {
                    text!(("if {} were not given", n.en), ("{}が未回答であれば", n.ja))
                }
                (false, false) => text!(("if you give {}", n.en), ("{}を回答すれば", n.ja)),
                (false, true) => text!(
                    ("if {} could be worked out from your answers", n.en),
                    ("回答から{}が分かれば", n.ja)
                ),
            }
        }
        Flip::Compare {
            op,
            holds,
            date,
            than,
        } => {
            let (na, nb) = (describe(kb, date), describe(kb, than));
            let (en, ja) = match (op, holds) {
                (Compare::Before, true) => ("were not before", "より前でなければ"),
                (Compare::Before, false) => ("were before", "より前であれば"),
                (Compare::After, true) => ("were not later than", "より後でなければ"),
                (Compare::After, false) => ("were later than", "より後であれば"),
                (Compare::OnOrBefore, true) => ("were after", "より後であれば"),
                (Compare::OnOrBefore, false) => ("were on or before", "以前であれば"),
            };
            text!(
                ("if {} {en} {}", na.en, nb.en),
                ("{}が{}{ja}", na.ja, nb.ja)
            )
        }
        Flip::Age {
            years: y,
            on,
            holds,
        } => {
            let on = fmt(*on);
            if *holds {
                text!(
                    ("if you were under {y} on {on}"),
                    ("{on}時点で{y}歳未満であれば")
                )
            } else {
                text!(
                    ("if you were {y} or older on {on}"),
                    ("{on}時点で{y}歳以上であれば")
                )
            }
        }
        Flip::Status { flag, holds } => {
            let tied = *flag == StatusFlag::CardTiedToStay;
            match (tied, holds) {
                (true, true) => text!(
                    ("if your status of residence did not tie the card's validity to a period of stay"),
                    ("カードの有効期間が在留期間に連動しない在留資格であれば")
                ),
                (true, false) => text!(
                    ("if your status of residence tied the card's validity to your period of stay"),
                    ("カードの有効期間が在留期間に連動する在留資格であれば")
                ),
                (false, true) => text!(
                    ("if your status of residence did not lead to resident registration"),
                    ("住民登録の対象とならない在留資格であれば")
                ),
                (false, false) => text!(
                    ("if your status of residence led to resident registration"),
                    ("住民登録の対象となる在留資格であれば")
                ),
            }
        }
    }
}

/// "if your nationality were Japanese national": the fact's noun and the values' labels,
/// never the bare names.
fn flip_values(kb: &Kb, fact: FactId, values: &[Key], negated: bool) -> Text {
    let n = noun(kb, Ref::Fact(fact));
    let named: Vec<Text> = values
        .iter()
        .map(|v| shown(kb, fact, &Slot::Key(*v)))
        .collect();
    let list_en = named
        .iter()
        .map(|t| t.en.as_str())
        .collect::<Vec<_>>()
        .join(" or ");
    let list_ja = named
        .iter()
        .map(|t| t.ja.as_str())
        .collect::<Vec<_>>()
        .join("または");
    if negated {
        text!(
            ("if {} were not {list_en}", n.en),
            ("{}が{list_ja}以外であれば", n.ja)
        )
    } else {
        text!(
            ("if {} were {list_en}", n.en),
            ("{}が{list_ja}であれば", n.ja)
        )
    }
}

/// How a date expression is named in a sentence.
pub(crate) fn describe(kb: &Kb, d: &DateExpr) -> Text {
    match d {
        DateExpr::Fact(f) => noun(kb, Ref::Fact(*f)),
        DateExpr::Derived(id) => noun(kb, Ref::Date(*id)),
        DateExpr::Today => Text::new("today", "今日"),
        DateExpr::Date(t) => {
            let s = fmt(*t);
            Text::new(s.clone(), s)
        }
        DateExpr::Add(p) => {
            let (n, en, ja) = unit_words(p.n, p.unit);
            let f = describe(kb, &p.from);
            text!(("{n} {en} after {}", f.en), ("{}から{n}{ja}後", f.ja))
        }
        DateExpr::Before(p) => {
            let (n, en, ja) = unit_words(p.n, p.unit);
            let f = describe(kb, &p.from);
            if n == 1 && p.unit == Unit::Days {
                text!(("the day before {}", f.en), ("{}の前日", f.ja))
            } else {
                text!(("{n} {en} before {}", f.en), ("{}の{n}{ja}前", f.ja))
            }
        }
        DateExpr::Earliest(ds) => list(kb, "the earliest of", "のうち最も早い日", ds),
        DateExpr::Latest(ds) => list(kb, "the latest of", "のうち最も遅い日", ds),
        DateExpr::FirstKnown(ds) => list(kb, "the first known of", "のうち分かるもの", ds),
        DateExpr::Birthday { after, nth, .. } => {
            let a = describe(kb, after);
            text!(
                ("your birthday number {nth} after {}", a.en),
                ("{}後{nth}回目の誕生日", a.ja)
            )
        }
        DateExpr::Choose { .. } => Text::new("the date that applies to you", "該当する日"),
        DateExpr::LastOpenOnOrBefore(d) => {
            let f = describe(kb, d);
            text!(
                ("the last open day on or before {}", f.en),
                ("{}以前の最後の開庁日", f.ja)
            )
        }
    }
}

fn list(kb: &Kb, en: &str, ja: &str, ds: &[DateExpr]) -> Text {
    let parts: Vec<Text> = ds.iter().map(|d| describe(kb, d)).collect();
    Text::new(
        format!(
            "{en} {}",
            parts
                .iter()
                .map(|t| t.en.as_str())
                .collect::<Vec<_>>()
                .join(" and ")
        ),
        format!(
            "{}{ja}",
            parts
                .iter()
                .map(|t| t.ja.as_str())
                .collect::<Vec<_>>()
                .join("と")
        ),
    )
}

fn unit_words(n: u32, unit: Unit) -> (u32, &'static str, &'static str) {
    let (en, ja) = match (unit, n == 1) {
        (Unit::Days, true) => ("day", "日"),
        (Unit::Days, false) => ("days", "日"),
        (Unit::Weeks, true) => ("week", "週間"),
        (Unit::Weeks, false) => ("weeks", "週間"),
        (Unit::Months, true) => ("month", "か月"),
        (Unit::Months, false) => ("months", "か月"),
        (Unit::Years, true) => ("year", "年"),
        (Unit::Years, false) => ("years", "年"),
    };
    (n, en, ja)
}

/// One line of a date's derivation.
pub(crate) fn line(kb: &Kb, l: &Line) -> Text {
    match l {
        Line::Answer { fact, date } => {
            let n = noun(kb, Ref::Fact(*fact));
            text!(
                ("{}: {} (your answer)", n.en, fmt(*date)),
                ("{}：{}（回答）", n.ja, fmt(*date))
            )
        }
        Line::Derived { date, value } => {
            let n = noun(kb, Ref::Date(*date));
            text!(("{}: {}", n.en, fmt(*value)), ("{}：{}", n.ja, fmt(*value)))
        }
        Line::Today(d) => text!(("today: {}", fmt(*d)), ("今日：{}", fmt(*d))),
        Line::Pick {
            earliest,
            dates,
            result,
        } => {
            let list: Vec<String> = dates.iter().map(|d| fmt(*d)).collect();
            let (en, ja) = (
                list.join(list_separator(Lang::En)),
                list.join(list_separator(Lang::Ja)),
            );
            let v = fmt(*result);
            if *earliest {
                text!(("the earlier of {en} → {v}"), ("{ja}のうち早い方 → {v}"))
            } else {
                text!(("the later of {en} → {v}"), ("{ja}のうち遅い方 → {v}"))
            }
        }
        Line::Birthday { nth, after, result } => text!(
            (
                "birthday number {nth} after {} → {}",
                fmt(*after),
                fmt(*result)
            ),
            ("{}後{nth}回目の誕生日 → {}", fmt(*after), fmt(*result))
        ),
        Line::Period {
            forward,
            n,
            unit,
            count_first_day,
            result,
        } => period(*forward, *n, *unit, *count_first_day, *result),
        Line::Moved {
            day,
            closure,
            adjust,
            result,
        } => {
            let Text { en: en_c, ja: ja_c } = super::closure(closure);
            let (d, r) = (fmt(*day), fmt(*result));
            match adjust {
                Adjust::LastOpenOnOrBefore => text!(
                    ("{d} is a closed day ({en_c}); what must be done before it cannot move later, so the last open day on or before it → {r}"),
                    ("{d}は閉庁日（{ja_c}）です。期限を後ろに延ばせない手続のため、その日以前の最後の開庁日 → {r}")
                ),
                Adjust::NextOpen | Adjust::None => text!(
                    ("{d} is a closed day ({en_c}), so the period ends on the next open day (Local Autonomy Act art. 4-2) → {r}"),
                    ("{d}は閉庁日（{ja_c}）のため、翌開庁日に満了します（地方自治法4条の2） → {r}")
                ),
            }
        }
        Line::Because(r) => reason(kb, r),
        Line::TooDeep => Text::new("dates nest too deeply", "日付の入れ子が深すぎます"),
    }
}

fn period(forward: bool, n: u32, unit: Unit, count_first_day: bool, v: chrono::NaiveDate) -> Text {
    let (_, en, ja) = unit_words(n, unit);
    let v = fmt(v);
    match (forward, unit, count_first_day) {
        (true, _, true) => text!(
            ("+ {n} {en}, counting the first day as the statute says (e.g. Family Register Act art. 43) → {v}"),
            ("+ {n}{ja}（法令の定めにより初日を算入。例：戸籍法43条） → {v}")
        ),
        (true, Unit::Days | Unit::Weeks, false) => text!(
            ("+ {n} {en}, the first day not counted (Civil Code art. 140) → {v}"),
            ("+ {n}{ja}（初日不算入、民法140条） → {v}")
        ),
        (true, _, false) => text!(
            ("+ {n} {en}, counted on the calendar (Civil Code arts. 140, 143) → {v}"),
            ("+ {n}{ja}（暦に従って計算、民法140条・143条） → {v}")
        ),
        (false, Unit::Days, _) if n == 1 => {
            text!(("the day before → {v}"), ("前日 → {v}"))
        }
        (false, Unit::Days | Unit::Weeks, _) => {
            text!(("{n} {en} before → {v}"), ("{n}{ja}前 → {v}"))
        }
        (false, _, _) => text!(
            ("{n} {en} before, counted back on the calendar; the window opens the next day → {v}"),
            ("{n}{ja}前の応当日の翌日から → {v}")
        ),
    }
}
