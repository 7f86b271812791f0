//! HTML: one self-contained printable page (A4), always in both languages, so the visitor and
//! the counter staff read the same sheet.
//!
//! No external resources: the CSS is inline, there are no scripts, web fonts or images; the
//! page names only fonts that may be installed locally. Every item shows its English text
//! beside its official Japanese name, and has a square to tick by hand. maud escapes every
//! text of the knowledge base.

use std::io::Write;

use chrono::NaiveDate;
use maud::{DOCTYPE, Markup, html};

use super::{Style, phase_name, place_name};
use crate::checklist::{Checklist, Needed};
use crate::engine::{Plan, PlannedStep, Status};
use crate::kb::Kb;
use crate::kb::schema::ItemKind;
use crate::kb::text::{Lang, Text};
use crate::wording::checklist as words;
use crate::wording::notes;
use crate::wording::{day, messages};

const CSS: &str = r#"
@page { size: A4; margin: 12mm 12mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN",
  "Yu Gothic", "Meiryo", "IPAexGothic", "DejaVu Sans", sans-serif; font-size: 9.5pt; line-height: 1.35;
  color: #111; margin: 0 auto; max-width: 186mm; }
@media screen { body { padding: 8mm 6mm; } }
header { border-bottom: 2.5px solid #111; padding-bottom: 2mm; margin-bottom: 3mm; }
h1 { font-size: 15pt; margin: 0; }
h1 .ja { display: block; font-size: 13pt; font-weight: 600; }
.meta { margin: 1.5mm 0 0; font-size: 10pt; }
.meta b { font-size: 11pt; }
h2 { font-size: 11pt; margin: 4mm 0 1.5mm; padding-bottom: 0.6mm; border-bottom: 1.2px solid #555;
  break-after: avoid; page-break-after: avoid; }
h2 .ja { font-weight: 600; margin-left: 2mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.8px solid #888; padding: 1mm 1.6mm; vertical-align: top; text-align: left; }
th { background: #ececec; font-size: 8.5pt; font-weight: 600; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.tick { width: 7mm; text-align: center; }
td.num { width: 6mm; text-align: center; font-weight: 600; }
td.date { white-space: nowrap; width: 27mm; }
.box { display: inline-block; width: 4.2mm; height: 4.2mm; border: 1.5px solid #111; background: #fff;
  vertical-align: middle; }
.en { }
.ja { }
.small { font-size: 8pt; color: #444; }
.say { font-size: 10.5pt; font-weight: 600; }
.gloss { font-size: 8pt; color: #444; }
.status { font-size: 8pt; border: 0.8px solid #666; border-radius: 2px; padding: 0 1mm; white-space: nowrap; }
.overdue { border-color: #b00; color: #b00; font-weight: 700; }
.warn { border: 1.8px solid #b00; padding: 1.5mm 3mm; margin: 2mm 0; }
.warn p { margin: 0.8mm 0; }
.notes { height: 22mm; border: 0.8px solid #888; }
footer { margin-top: 4mm; font-size: 8pt; color: #444; border-top: 0.8px solid #888; padding-top: 1.5mm; }
"#;

/// English and Japanese side by side within one cell.
pub(crate) fn both_inline(t: &Text) -> Markup {
    html! { span.en { (t.en) } " / " span.ja lang="ja" { (t.ja) } }
}

/// "Bring: a; b" (「持ち物：a／b」) under a step of the printable plan, in one language (the page
/// shows both).
fn bring_line(items: &[&crate::kb::schema::ItemDecl], lang: Lang) -> String {
    let names: Vec<&str> = items.iter().map(|i| i.name.get(lang)).collect();
    let names = names.join(messages::item_separator(lang));
    messages::labelled(words::documents().get(lang), names)
        .get(lang)
        .to_string()
}

/// A column header in both languages: "Deadline / 期限".
pub(crate) fn both_header(t: &Text) -> String {
    format!("{} / {}", t.en, t.ja)
}

pub(crate) fn heading(t: &Text) -> Markup {
    html! { h2 { span.en { (t.en) } span.ja lang="ja" { (t.ja) } } }
}

pub(crate) fn status(p: &PlannedStep<'_>) -> Markup {
    let l = crate::wording::status_of(p);
    let class = if p.status == Status::Overdue {
        "status overdue"
    } else {
        "status"
    };
    html! { span class=(class) { (l.en) " / " span lang="ja" { (l.ja) } } }
}

/// The deadline in both forms, with days left (relative to the plan's or the visit's day).
pub(crate) fn deadline(p: &PlannedStep<'_>) -> Markup {
    html! {
        @if let Some(d) = p.deadline {
            (day(d, Lang::En)) br; span lang="ja" { (day(d, Lang::Ja)) }
            @let left = super::table::days_left_cell(p, Lang::En);
            @if !left.is_empty() { br; span.small { (left) " / " (super::table::days_left_cell(p, Lang::Ja)) } }
        } @else {
            "—"
        }
    }
}

pub(crate) fn page(lang: Lang, title: &Text, body: &Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title.en) " / " (title.ja) }
                style { (maud::PreEscaped(CSS)) }
            }
            body { (body) }
        }
    }
}

pub(crate) fn footer() -> Markup {
    let t = words::check_office();
    let never = messages::no_individual_number_on_sheet();
    html! {
        footer {
            p { (t.en) } p lang="ja" { (t.ja) }
            p { "mynumber · " (never.en) " / " (never.ja) }
        }
    }
}

pub(crate) fn items_table(items: &[Needed<'_>], number_of: &dyn Fn(&str) -> String) -> Markup {
    html! {
        table {
            @let item = messages::column_item();
            thead { tr { th {} th { (item.en) } th lang="ja" { (item.ja) } th { (both_header(&messages::column_for())) } } }
            tbody {
                @for n in items {
                    tr {
                        td.tick { span.box {} }
                        td { (n.item.name.en) @if let Some(note) = &n.item.note { br; span.small { (note.en) } } }
                        td lang="ja" { (n.item.name.ja) @if let Some(note) = &n.item.note { br; span.small { (note.ja) } } }
                        td.small { (n.for_steps.iter().map(|s| number_of(s)).collect::<Vec<_>>().join(", ")) }
                    }
                }
            }
        }
    }
}

/// "#n" for the step with this id, numbered from 1 in the order of `ids` (the visit's steps),
/// or the id itself when the visit does not list it.
pub(crate) fn step_numbers(ids: Vec<&str>) -> impl Fn(&str) -> String + '_ {
    move |id| {
        ids.iter()
            .position(|&i| i == id)
            .map_or_else(|| id.to_string(), |i| format!("#{}", i + 1))
    }
}

/// The visit day in both languages, for the sheet's header.
pub(crate) fn visit_day(visit: NaiveDate) -> Markup {
    html! {
        (words::visit_day().en) " / " span lang="ja" { (words::visit_day().ja) } ": "
        b { (day(visit, Lang::En)) } " " span lang="ja" { (day(visit, Lang::Ja)) }
    }
}

/// The line under a sheet's header saying on which day it was made.
pub(crate) fn made_on(today: NaiveDate) -> Markup {
    html! {
        p.meta.small { (words::made_on().en) " / " span lang="ja" { (words::made_on().ja) } ": " (day(today, Lang::En)) }
    }
}

/// The sheet's warnings in a red box, if there are any.
pub(crate) fn warnings(warnings: &[Text]) -> Markup {
    html! {
        @if !warnings.is_empty() {
            div.warn {
                @for w in warnings { p { "⚠ " (w.en) } p lang="ja" { (w.ja) } }
            }
        }
    }
}

pub(crate) fn write(m: Markup, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(m.into_string().as_bytes())?;
    writeln!(out)
}

/// The printable page for one visit to the municipal office.
pub(crate) fn render_checklist(
    kb: &Kb,
    c: &Checklist<'_>,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let title = words::title();
    let office = place_name(kb, kb.roles.office);
    let number_of = step_numbers(c.steps.iter().map(PlannedStep::id).collect());
    let body = html! {
        header {
            h1 { (title.en) span.ja lang="ja" { (title.ja) } }
            p.meta { (visit_day(c.visit)) " · " (both_inline(&office)) }
            (made_on(c.today))
        }
        (warnings(&c.warnings))
        @if c.steps.is_empty() {
            p { (words::nothing().en) } p lang="ja" { (words::nothing().ja) }
        } @else {
            (heading(&words::steps()))
            table {
                @let step = messages::column_procedure_ask();
                thead { tr { th {} th { "#" } th { (step.en) } th lang="ja" { (step.ja) } th { (both_header(&messages::column_deadline())) } } }
                tbody {
                    @for (i, p) in c.steps.iter().enumerate() {
                        @let d = &p.step.decl;
                        tr {
                            td.tick { span.box {} }
                            td.num { (i + 1) }
                            td {
                                b { (d.title.en) } " " (status(p))
                                @if p.uncertain { " " span.small { "(" (words::may_apply().en) ")" } }
                                @if let Some(a) = &p.ask { br; span.gloss { "“" (a.en) "”" } }
                                @if let Some(l) = &p.local {
                                    @for t in notes::visit(l) {
                                        br; span.small.local { (t.en) }
                                    }
                                }
                            }
                            td lang="ja" {
                                b { (d.title.ja) }
                                @if let Some(a) = &p.ask { br; span.say { "「" (a.ja) "」" } }
                                @if let Some(l) = &p.local {
                                    @for t in notes::visit(l) {
                                        br; span.small.local { (t.ja) }
                                    }
                                }
                            }
                            td.date { (deadline(p)) }
                        }
                    }
                }
            }
            (heading(&words::documents()))
            (items_table(&c.documents, &number_of))
            @if !c.pins.is_empty() {
                (heading(&words::pins()))
                (items_table(&c.pins, &number_of))
            }
            @if !c.fees.is_empty() {
                (heading(&words::fees()))
                table { tbody {
                    @for f in &c.fees {
                        tr { td.tick { span.box {} } td { (f.text.en) } td lang="ja" { (f.text.ja) }
                             td.small { (f.for_steps.iter().map(|s| number_of(s)).collect::<Vec<_>>().join(", ")) } }
                    }
                } }
            }
        }
        // Questions about steps that cannot be dated yet (not procedures of this visit).
        @let questions: Vec<_> = c.asks.iter().filter(|a| !c.steps.iter().any(|p| p.id() == a.step)).collect();
        @if !questions.is_empty() {
            (heading(&words::asks()))
            table { tbody {
                @for a in &questions {
                    tr { td.tick { span.box {} } td { span.gloss { "“" (a.text.en) "”" } } td lang="ja" { span.say { "「" (a.text.ja) "」" } } }
                }
            } }
        }
        @if !c.key_dates.is_empty() {
            (heading(&words::key_dates()))
            table { tbody {
                @for k in &c.key_dates {
                    tr { td.date { (day(k.date, Lang::En)) } td { (k.label.en) } td lang="ja" { (k.label.ja) } }
                }
            } }
        }
        (heading(&messages::notes_heading()))
        div.notes {}
        (footer())
    };
    write(page(style.lang, &title, &body), out)
}

/// The whole plan as a printable page: key dates, then every step by phase.
pub(crate) fn render(
    kb: &Kb,
    plan: &Plan<'_>,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let title = messages::plan_title();
    let nothing = crate::wording::nothing_to_do();
    let phases = plan.by_phase();
    let dated: Vec<&PlannedStep<'_>> = plan
        .steps
        .iter()
        .filter(|p| p.deadline.is_some() && p.status != Status::Done)
        .collect();
    let body = html! {
        header {
            h1 { (title.en) span.ja lang="ja" { (title.ja) } }
            p.meta { (words::made_on().en) " / " span lang="ja" { (words::made_on().ja) } ": " b { (day(plan.today, Lang::En)) } }
        }
        @if plan.steps.is_empty() {
            p { (nothing.en) } p lang="ja" { (nothing.ja) }
        }
        @if !dated.is_empty() {
            (heading(&words::key_dates()))
            table { tbody {
                @for p in &dated {
                    tr { td.date { (deadline(p)) } td { (p.step.decl.title.en) } td lang="ja" { (p.step.decl.title.ja) } }
                }
            } }
        }
        @for (phase, steps) in &phases {
            @let name = phase_name(kb, *phase);
            (heading(&name))
            table {
                @let step = messages::column_step_where_bring();
                thead { tr { th {} th { (step.en) } th lang="ja" { (step.ja) } th { (both_header(&messages::column_deadline())) } } }
                tbody {
                    @for p in steps {
                        @let d = &p.step.decl;
                        @let place = place_name(kb, p.step.rules.place);
                        @let items: Vec<_> = p.bring.iter().map(|&i| kb.item_at(i)).filter(|i| i.kind != ItemKind::Pin).collect();
                        tr {
                            td.tick { span.box {} }
                            td {
                                b { (d.title.en) } " " (status(p))
                                br; span.small { (place.en) }
                                @if !items.is_empty() { br; span.small { (bring_line(&items, Lang::En)) } }
                            }
                            td lang="ja" {
                                b { (d.title.ja) }
                                br; span.small { (place.ja) }
                                @if !items.is_empty() { br; span.small { (bring_line(&items, Lang::Ja)) } }
                            }
                            td.date { (deadline(p)) }
                        }
                    }
                }
            }
        }
        (footer())
    };
    write(page(style.lang, &title, &body), out)
}
