//! `mynumber checklist`: what to do, bring, know and ask for on one visit to the municipal office.
//!
//! [`build`] is pure: it makes the plan as seen on the visit day (so `status` and `days_left`
//! are relative to that day), keeps the steps done at the municipal office that can be done
//! then (due or overdue), and merges what they need by item key, so "Residence card" is one
//! line however many steps ask for it. The renderers (table and JSON here; markdown, ics and
//! html in `render/`) only lay the [`Checklist`] out.

use std::io::Write;

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::app::Env;
use crate::cli::{AnswerArgs, Format, OutputArgs};
use crate::engine::eval::fmt;
use crate::engine::facts::Value as FactValue;
use crate::engine::{self, Answers, PlannedStep, Status};
use crate::error::Error;
use crate::kb::Kb;
use crate::kb::schema::{DateExpr, DeadlineKind, FactType, ItemDecl, ItemKind};
use crate::kb::text::{Lang, Text};
use crate::render::{self, Style, weekday};
use crate::text;

/// The place a checklist is for.
pub const OFFICE: &str = "municipal_office";

/// Something to bring or know, needed by one or more of the visit's steps.
#[derive(Debug, Clone)]
pub struct Needed<'k> {
    pub key: String,
    pub item: &'k ItemDecl,
    /// The ids of the steps that need it, in counter order.
    pub for_steps: Vec<String>,
}

/// A fee: an item of kind `fee` or a step's `fee` text.
#[derive(Debug, Clone)]
pub struct Fee {
    pub text: Text,
    pub for_steps: Vec<String>,
}

/// What to say at the counter for one step.
#[derive(Debug, Clone)]
pub struct Ask {
    pub step: String,
    pub title: Text,
    /// `ja` is what to say or show; `en` is its gloss.
    pub text: Text,
}

/// A date worth having on the sheet: one the person gave, or a deadline of their plan.
#[derive(Debug, Clone)]
pub struct KeyDate {
    pub date: NaiveDate,
    pub label: Text,
    /// The deadline's kind, or `None` for a date from the answers.
    pub kind: Option<DeadlineKind>,
    pub step: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Checklist<'k> {
    /// The day the checklist was made (`--today`).
    pub today: NaiveDate,
    pub visit: NaiveDate,
    /// Why the office is closed on the visit day, if it is.
    pub closed: Option<Text>,
    /// The steps for this visit, in plan order (deadline, then dependency), with their status
    /// and days left as on the visit day.
    pub steps: Vec<PlannedStep<'k>>,
    /// Items of kind `document` (and `other`), merged by key, in order of first need.
    pub documents: Vec<Needed<'k>>,
    /// Items of kind `pin`: what the counter will ask you to enter.
    pub pins: Vec<Needed<'k>>,
    pub fees: Vec<Fee>,
    pub asks: Vec<Ask>,
    pub warnings: Vec<Text>,
    pub key_dates: Vec<KeyDate>,
}

/// Selects and merges what one visit on `visit` needs. `today` is only recorded (it stamps
/// exports); every status and date is as seen on the visit day.
pub fn build<'k>(
    kb: &'k Kb,
    answers: &Answers,
    today: NaiveDate,
    visit: NaiveDate,
) -> Checklist<'k> {
    let plan = engine::make_plan(kb, answers, visit);
    let mut warnings = Vec::new();
    let closed = kb.calendar.closure(visit).map(|c| {
        Text::new(
            kb.calendar.describe(&c, false),
            kb.calendar.describe(&c, true),
        )
    });
    if let Some(c) = &closed {
        warnings.push(text!(
            ("Your visit day, {} ({}), is a day the office is usually closed ({}). Choose an open day; some offices open on some weekends: check with your office.", fmt(visit), weekday(visit, Lang::En), c.en),
            ("来庁日の{}({})は通常閉庁日です({})。開庁日を選んでください。休日開庁のある役所もあるので確認してください。", fmt(visit), weekday(visit, Lang::Ja), c.ja),
        ));
    }
    let steps: Vec<PlannedStep<'k>> = plan
        .steps
        .iter()
        .filter(|p| {
            p.step.decl.place.get_ref() == OFFICE
                && matches!(p.status, Status::Due | Status::Overdue)
        })
        .cloned()
        .collect();
    for p in &steps {
        let Some(d) = p.deadline.filter(|d| *d < visit) else {
            continue;
        };
        let title = &p.step.decl.title;
        warnings.push(if d >= today {
            text!(
                ("The deadline for \"{}\" is {} ({}), before your visit day: go by then if you can.", title.en, fmt(d), weekday(d, Lang::En)),
                ("「{}」の期限は{}({})で、来庁日より前です。できればそれまでに行ってください。", title.ja, fmt(d), weekday(d, Lang::Ja)),
            )
        } else {
            text!(
                ("The deadline for \"{}\" was {} ({}): it will be late; go as soon as you can and say why it is late.", title.en, fmt(d), weekday(d, Lang::En)),
                ("「{}」の期限は{}({})でした。遅れていますので、できるだけ早く行き、遅れた理由を伝えてください。", title.ja, fmt(d), weekday(d, Lang::Ja)),
            )
        });
    }
    let (mut documents, mut pins, mut fees) = (
        Vec::<Needed<'k>>::new(),
        Vec::<Needed<'k>>::new(),
        Vec::<Fee>::new(),
    );
    let mut asks = Vec::new();
    for p in &steps {
        let d = &p.step.decl;
        let id = d.id.get_ref().clone();
        for key in &p.bring {
            let Some(item) = kb.item(key) else {
                continue;
            };
            match item.kind {
                ItemKind::Fee => merge_fee(&mut fees, item.name.clone(), &id),
                ItemKind::Pin => merge(&mut pins, key, item, &id),
                ItemKind::Document | ItemKind::Other => merge(&mut documents, key, item, &id),
            }
        }
        if let Some(f) = &d.fee {
            merge_fee(&mut fees, f.clone(), &id);
        }
        if let Some(a) = &p.ask {
            asks.push(Ask {
                step: id,
                title: d.title.clone(),
                text: a.clone(),
            });
        }
    }
    // A date the person gave that a listed deadline is stated from (the pickup date printed on
    // the postcard) is shown once, as that deadline.
    let stated_from: Vec<&str> = plan
        .steps
        .iter()
        .filter(|p| p.status != Status::Done && p.deadline.is_some())
        .filter_map(|p| match p.step.decl.deadline.as_ref().map(|d| &d.date) {
            Some(DateExpr::Fact(n)) => Some(n.get_ref().as_str()),
            _ => None,
        })
        .collect();
    let mut key_dates: Vec<KeyDate> = kb
        .facts
        .iter()
        .filter(|f| *f.ty.get_ref() == FactType::Date)
        .filter(|f| !stated_from.contains(&f.name.get_ref().as_str()))
        .filter_map(|f| match answers.get(f.name.get_ref()) {
            Some(FactValue::Date(d)) => Some(KeyDate {
                date: *d,
                label: f.noun.clone(),
                kind: None,
                step: None,
            }),
            _ => None,
        })
        .collect();
    key_dates.extend(
        plan.steps
            .iter()
            .filter(|p| p.status != Status::Done)
            .filter_map(|p| {
                Some(KeyDate {
                    date: p.deadline?,
                    label: p.step.decl.title.clone(),
                    kind: p.deadline_kind,
                    step: Some(p.id().to_string()),
                })
            }),
    );
    key_dates.sort_by_key(|k| k.date);
    Checklist {
        today,
        visit,
        closed,
        steps,
        documents,
        pins,
        fees,
        asks,
        warnings,
        key_dates,
    }
}

fn merge<'k>(into: &mut Vec<Needed<'k>>, key: &str, item: &'k ItemDecl, step: &str) {
    match into.iter_mut().find(|n| n.key == key) {
        Some(n) => {
            if !n.for_steps.iter().any(|s| s == step) {
                n.for_steps.push(step.to_string());
            }
        }
        None => into.push(Needed {
            key: key.to_string(),
            item,
            for_steps: vec![step.to_string()],
        }),
    }
}

fn merge_fee(into: &mut Vec<Fee>, text: Text, step: &str) {
    match into.iter_mut().find(|f| f.text == text) {
        Some(f) => {
            if !f.for_steps.iter().any(|s| s == step) {
                f.for_steps.push(step.to_string());
            }
        }
        None => into.push(Fee {
            text,
            for_steps: vec![step.to_string()],
        }),
    }
}

/// Fixed words of the checklist, in both languages.
pub mod words {
    use crate::kb::text::Text;

    pub fn title() -> Text {
        Text::new("Municipal office visit", "市区町村役場 窓口チェックリスト")
    }
    pub fn visit_day() -> Text {
        Text::new("Visit day", "来庁日")
    }
    pub fn made_on() -> Text {
        Text::new("Made on", "作成日")
    }
    pub fn steps() -> Text {
        Text::new(
            "Procedures, in this order at the counter",
            "窓口での手続(この順に)",
        )
    }
    pub fn documents() -> Text {
        Text::new("Bring", "持ち物")
    }
    pub fn pins() -> Text {
        Text::new("PINs you will be asked for", "入力を求められる暗証番号")
    }
    pub fn fees() -> Text {
        Text::new("Fees", "手数料")
    }
    pub fn asks() -> Text {
        Text::new("What to ask for at the counter", "窓口で伝えること")
    }
    pub fn warnings() -> Text {
        Text::new("Warnings", "注意")
    }
    pub fn key_dates() -> Text {
        Text::new("Key dates", "主な日付")
    }
    pub fn nothing() -> Text {
        Text::new(
            "Nothing to do at the municipal office on this day for these answers.",
            "この回答では、この日に市区町村役場で行う手続はありません。",
        )
    }
    pub fn none_needed() -> Text {
        Text::new("none", "なし")
    }
    pub fn deadline() -> Text {
        Text::new("deadline", "期限")
    }
    pub fn may_apply() -> Text {
        Text::new("may apply", "該当する可能性")
    }
    pub fn for_steps() -> Text {
        Text::new("for", "対象")
    }
    pub fn check_office() -> Text {
        Text::new(
            "Practice differs between municipalities: check with your office. Many offices take appointments.",
            "取扱いは市区町村によって異なります。お住まいの役所に確認してください。予約制の窓口もあります。",
        )
    }
}

/// A date with its weekday: "2026-10-19 (Mon)" / "2026-10-19(月)".
pub fn day(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} ({})", fmt(d), weekday(d, lang)),
        Lang::Ja => format!("{}({})", fmt(d), weekday(d, lang)),
    }
}

/// An item's name for a reader of `lang`: English readers also get the official Japanese name.
pub fn item_line(name: &Text, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} / {}", name.en, name.ja),
        Lang::Ja => name.ja.clone(),
    }
}

// ---------------------------------------------------------------- table

/// The terminal checklist. Warnings are part of the product here and are also sent to
/// stderr by [`run`].
pub fn render_table(
    kb: &Kb,
    c: &Checklist<'_>,
    style: &Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    use comfy_table::{ContentArrangement, Table, presets::ASCII_MARKDOWN};
    let lang = style.lang;
    writeln!(
        out,
        "{}: {} {}",
        words::title().get(lang),
        words::visit_day().get(lang),
        day(c.visit, lang)
    )?;
    writeln!(out, "{}", render::place_name(kb, OFFICE).get(lang))?;
    if !c.warnings.is_empty() {
        writeln!(out)?;
        writeln!(out, "## {}", words::warnings().get(lang))?;
        for w in &c.warnings {
            writeln!(out, "! {}", w.get(lang))?;
        }
    }
    writeln!(out)?;
    if c.steps.is_empty() {
        writeln!(out, "{}", words::nothing().get(lang))?;
        return Ok(());
    }
    writeln!(out, "## {}", words::steps().get(lang))?;
    let mut t = Table::new();
    t.load_style(ASCII_MARKDOWN)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .force_no_tty();
    if let Some(w) = style.width {
        t.set_width(w);
    }
    let header = match lang {
        Lang::En => vec!["#", "Status", "Deadline", "Left", "Step"],
        Lang::Ja => vec!["#", "状態", "期限", "残り", "手続"],
    };
    t.set_header(header);
    for (i, p) in c.steps.iter().enumerate() {
        let d = &p.step.decl;
        let mut step = match lang {
            Lang::En => format!("{}\n{} ({})", d.title.en, d.title.ja, d.id.get_ref()),
            Lang::Ja => format!("{}\n{}", d.title.ja, d.id.get_ref()),
        };
        if p.uncertain {
            step.push_str(&format!(" [{}]", words::may_apply().get(lang)));
        }
        t.add_row(vec![
            (i + 1).to_string(),
            p.status.label().get(lang).to_string(),
            render::table::deadline_cell(p, lang),
            render::table::days_left_cell(p, lang),
            step,
        ]);
    }
    writeln!(out, "{t}")?;
    let list = |out: &mut dyn Write, title: Text, items: &[Needed<'_>]| -> std::io::Result<()> {
        writeln!(out)?;
        writeln!(out, "## {}", title.get(lang))?;
        if items.is_empty() {
            writeln!(out, "  {}", words::none_needed().get(lang))?;
        }
        for n in items {
            writeln!(
                out,
                "[ ] {}  ({})",
                item_line(&n.item.name, lang),
                n.for_steps.join(", ")
            )?;
            if let Some(note) = &n.item.note {
                writeln!(out, "    {}", note.get(lang))?;
            }
        }
        Ok(())
    };
    list(out, words::documents(), &c.documents)?;
    list(out, words::pins(), &c.pins)?;
    writeln!(out)?;
    writeln!(out, "## {}", words::fees().get(lang))?;
    if c.fees.is_empty() {
        writeln!(out, "  {}", words::none_needed().get(lang))?;
    }
    for f in &c.fees {
        writeln!(
            out,
            "[ ] {}  ({})",
            item_line(&f.text, lang),
            f.for_steps.join(", ")
        )?;
    }
    if !c.asks.is_empty() {
        writeln!(out)?;
        writeln!(out, "## {}", words::asks().get(lang))?;
        for (i, a) in c.asks.iter().enumerate() {
            writeln!(out, "{}. {}", i + 1, a.text.ja)?;
            if lang == Lang::En {
                writeln!(out, "   ({})", a.text.en)?;
            }
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", words::check_office().get(lang))?;
    Ok(())
}

// ---------------------------------------------------------------- json

fn both(t: &Text) -> Value {
    json!({ "en": t.en, "ja": t.ja })
}

fn needed_value(n: &Needed<'_>) -> Value {
    json!({
        "key": n.key,
        "name": both(&n.item.name),
        "note": n.item.note.as_ref().map(both),
        "for": n.for_steps,
    })
}

/// The checklist as JSON (schema 1; documented in the README). Step objects are the plan's.
pub fn render_json(
    kb: &Kb,
    c: &Checklist<'_>,
    style: &Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = style.lang;
    let doc = json!({
        "schema": 1,
        "kind": "checklist",
        "today": fmt(c.today),
        "visit": fmt(c.visit),
        "lang": lang.code(),
        "where": OFFICE,
        "office_closed": c.closed.as_ref().map(both),
        "warnings": c.warnings.iter().map(|w| w.get(lang).to_string()).collect::<Vec<_>>(),
        "steps": c.steps.iter().map(|p| render::json::step_value(kb, p, lang)).collect::<Vec<_>>(),
        "documents": c.documents.iter().map(needed_value).collect::<Vec<_>>(),
        "pins": c.pins.iter().map(needed_value).collect::<Vec<_>>(),
        "fees": c.fees.iter().map(|f| json!({ "text": both(&f.text), "for": f.for_steps })).collect::<Vec<_>>(),
        "ask": c.asks.iter().map(|a| json!({ "step": a.step, "ja": a.text.ja, "en": a.text.en })).collect::<Vec<_>>(),
        "key_dates": c.key_dates.iter().map(|k| json!({
            "date": fmt(k.date),
            "label": k.label.get(lang),
            "kind": k.kind.map(|k| k.key()),
            "step": k.step,
        })).collect::<Vec<_>>(),
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

// ---------------------------------------------------------------- command

pub fn run(
    env: &Env,
    answers: &AnswerArgs,
    output: &OutputArgs,
    visit: Option<&str>,
) -> Result<(), Error> {
    let visit = match visit {
        Some(s) => engine::facts::parse_date(s).map_err(|m| {
            Error::usage(format!("--visit: {m}"))
                .hint("give the day of the visit as YYYY-MM-DD, e.g. --visit 2026-10-13")
        })?,
        None => env.today,
    };
    let a = crate::app::gather_answers(env, answers)?;
    let c = build(&env.kb, &a, env.today, visit);
    let style = Style {
        lang: env.lang,
        color: false,
        width: env.width,
        all: false,
    };
    let format = output.format.unwrap_or(Format::Table);
    if format == Format::Table || output.output.is_some() {
        for w in &c.warnings {
            eprintln!("warning: {}", w.get(env.lang));
        }
    }
    crate::app::write_output(output, |fmt, out| match fmt {
        Format::Table => render_table(&env.kb, &c, &style, out),
        Format::Json => render_json(&env.kb, &c, &style, out),
        Format::Markdown => render::markdown::render_checklist(&env.kb, &c, &style, out),
        Format::Ics => render::ics::render_checklist(&env.kb, &c, &style, out),
        Format::Html => render::html::render_checklist(&env.kb, &c, &style, out),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kb() -> Kb {
        Kb::embedded().unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        engine::facts::parse_date(s).unwrap()
    }

    fn answers(kb: &Kb, pairs: &[&str]) -> Answers {
        let pairs: Vec<String> = pairs.iter().map(|s| s.to_string()).collect();
        crate::answers::parse_pairs(kb, &pairs).unwrap()
    }

    /// A student who has just moved in, and one about to collect a card: the counter steps.
    #[test]
    fn keeps_only_office_steps_that_can_be_done_on_the_visit_day() {
        let kb = kb();
        let a = answers(
            &kb,
            &[
                "nationality=foreign",
                "status=student",
                "moved_in=2026-10-03",
                "entry_date=2026-10-01",
            ],
        );
        let c = build(&kb, &a, d("2026-10-05"), d("2026-10-06"));
        let ids: Vec<&str> = c.steps.iter().map(|p| p.id()).collect();
        assert!(ids.contains(&"residence.register"), "{ids:?}");
        assert!(
            c.steps
                .iter()
                .all(|p| p.step.decl.place.get_ref() == OFFICE)
        );
        assert!(
            c.steps
                .iter()
                .all(|p| matches!(p.status, Status::Due | Status::Overdue))
        );
        // days left are counted from the visit day (deadline 2026-10-19)
        let reg = c
            .steps
            .iter()
            .find(|p| p.id() == "residence.register")
            .unwrap();
        assert_eq!(reg.days_left, Some(13));
        assert!(c.closed.is_none());
        assert!(c.documents.iter().any(|n| n.key == "residence_card"));
        assert!(
            c.asks
                .iter()
                .any(|a| a.step == "residence.register" && a.text.ja.contains("転入届"))
        );
        assert!(
            c.key_dates
                .iter()
                .any(|k| k.date == d("2026-10-03") && k.kind.is_none())
        );
    }

    #[test]
    fn merges_items_needed_by_several_steps_into_one_line() {
        let kb = kb();
        // has a card, stay extended (validity change) and a pickup postcard for nothing else:
        // pick two office steps that share items by building from a plan directly.
        let a = answers(
            &kb,
            &[
                "nationality=foreign",
                "status=student",
                "moved_in=2026-10-03",
                "card_notice_on=2026-11-10",
                "pickup_deadline=2027-02-10",
                "card_applied_on=2026-10-20",
                "registered_on=2026-10-05",
                "notice_received_on=2026-10-19",
            ],
        );
        let c = build(&kb, &a, d("2026-11-20"), d("2026-11-24"));
        let ids: Vec<&str> = c.steps.iter().map(|p| p.id()).collect();
        // Joining health insurance and the pension may still apply (how the person is insured
        // is not answered), and all three are done at the same counter visit.
        assert_eq!(
            ids,
            ["insurance.nhi-enroll", "card.pickup", "pension.enroll"],
            "{ids:?}"
        );
        let shared: Vec<&str> = c
            .documents
            .iter()
            .filter(|n| n.for_steps.len() > 1)
            .map(|n| n.key.as_str())
            .collect();
        assert!(
            !shared.is_empty(),
            "some document is needed by several steps: {:?}",
            c.documents
                .iter()
                .map(|n| (&n.key, &n.for_steps))
                .collect::<Vec<_>>()
        );
        // the pickup asks for three 4-digit PINs and the signature password, each once
        let pins: Vec<&str> = c.pins.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(pins.len(), 4, "{pins:?}");
        assert!(
            c.pins.iter().all(|n| n.item.note.is_some()),
            "lock-out notes"
        );
        assert!(c.documents.iter().all(|n| n.item.kind != ItemKind::Pin));
        let mut keys: Vec<&str> = c
            .documents
            .iter()
            .chain(&c.pins)
            .map(|n| n.key.as_str())
            .collect();
        let before = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), before, "no item twice");
    }

    #[test]
    fn merge_keeps_one_line_per_key_and_lists_each_step_once() {
        let kb = kb();
        let item = kb.item("residence_card").unwrap();
        let mut v = Vec::new();
        merge(&mut v, "residence_card", item, "a");
        merge(&mut v, "residence_card", item, "b");
        merge(&mut v, "residence_card", item, "b");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].for_steps, ["a", "b"]);
    }

    #[test]
    fn warns_about_closed_days_and_passed_deadlines() {
        let kb = kb();
        let a = answers(
            &kb,
            &[
                "nationality=foreign",
                "status=student",
                "moved_in=2026-10-03",
            ],
        );
        // 2026-10-25 is a Sunday; the deadline (2026-10-19) has passed by then.
        let c = build(&kb, &a, d("2026-10-05"), d("2026-10-25"));
        assert!(c.closed.is_some());
        assert!(
            c.warnings
                .iter()
                .any(|w| w.en.contains("usually closed") && w.en.contains("Sun")),
            "{:?}",
            c.warnings
        );
        assert!(
            c.warnings.iter().any(|w| w.en.contains("2026-10-19")),
            "{:?}",
            c.warnings
        );
        let reg = c
            .steps
            .iter()
            .find(|p| p.id() == "residence.register")
            .unwrap();
        assert_eq!(reg.status, Status::Overdue);
        // Made after the deadline: it has passed, not just come before the visit.
        let c = build(&kb, &a, d("2026-10-21"), d("2026-10-22"));
        assert!(
            c.warnings
                .iter()
                .any(|w| w.en.contains("was 2026-10-19") && w.ja.contains("遅れて")),
            "{:?}",
            c.warnings
        );
        // Year-end closure.
        let c = build(&kb, &a, d("2026-10-05"), d("2026-12-30"));
        assert!(c.closed.is_some());
        // An open weekday with time to spare: no warning.
        let c = build(&kb, &a, d("2026-10-05"), d("2026-10-06"));
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    }
}
