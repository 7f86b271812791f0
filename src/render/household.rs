//! The household's plan and visit sheet: a table with a "Who" column, JSON, Markdown, and the
//! printable pages (the sheet with each person's documents under their name). The iCalendar
//! export is in `ics`.

use std::fmt::Write as _;
use std::io::Write;

use maud::html;
use serde::Serialize;

use super::html::{
    both_header, both_inline, deadline, footer, heading, items_table, made_on, page, status,
    step_numbers, visit_day, warnings, write,
};
use super::json::{NeededOut, StepOut, needed_out, step_out, write_doc};
use super::layout::write_wrapped;
use super::markdown::{bracketed, esc, tail, warnings as md_warnings};
use super::table::{column_mins, days_left_cell, deadline_cell, new_table, write_warnings};
use super::{Style, item_line, phase_name, place_name};
use crate::checklist::Needed;
use crate::checklist::household::{Person, Row, Sheet, by_phase};
use crate::dates::fmt;
use crate::engine::Status;
use crate::kb::Kb;
use crate::kb::text::{Lang, Text};
use crate::wording::checklist as words;
use crate::wording::notes;
use crate::wording::{day, messages};

fn who(r: &Row<'_>, lang: Lang) -> String {
    names(&r.who, lang)
}

/// Names in a list, with the reader's punctuation.
fn names(who: &[String], lang: Lang) -> String {
    who.join(messages::list_separator(lang))
}

/// What the municipality says about a row's step, as lines under it: on the visit sheet where
/// to go and the next open days; in the plan the first chance outside weekday hours.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Local {
    Plan,
    Visit,
}

fn local_lines(r: &Row<'_>, local: Local) -> Vec<Text> {
    let Some(l) = &r.step.local else {
        return Vec::new();
    };
    match local {
        Local::Plan => notes::short(l).into_iter().collect(),
        Local::Visit => notes::visit(l),
    }
}

/// Rows as table cells: status, deadline, left, step (with the local advice), who.
fn cells(r: &Row<'_>, lang: Lang, local: Local) -> [String; 5] {
    let p = &r.step;
    let d = &p.step.decl;
    let mut step = format!("{}\n{}", d.title.get(lang), d.id.get_ref());
    for t in local_lines(r, local) {
        step.push('\n');
        step.push_str(t.get(lang));
    }
    [
        crate::wording::status_of(p).get(lang).to_string(),
        deadline_cell(p, lang),
        days_left_cell(p, lang),
        step,
        who(r, lang),
    ]
}

fn columns() -> [Text; 5] {
    [
        messages::column_status(),
        messages::column_deadline(),
        messages::column_left(),
        messages::column_step(),
        messages::column_who(),
    ]
}

fn write_rows(
    rows: &[&Row<'_>],
    local: Local,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let columns = columns();
    let h = columns.each_ref().map(|c| c.get(style.lang));
    let cells: Vec<[String; 5]> = rows.iter().map(|r| cells(r, style.lang, local)).collect();
    let mins = column_mins(&h, cells.iter());
    let mut t = new_table(&h, &mins, style);
    t.force_no_tty();
    for c in cells {
        t.add_row(c);
    }
    writeln!(out, "{t}")
}

pub(crate) fn plan_table(
    kb: &Kb,
    today: chrono::NaiveDate,
    names: &[String],
    rows: &[Row<'_>],
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = style.lang;
    let title = messages::household_plan_heading(fmt(today), self::names(names, lang));
    write_wrapped(out, title.get(lang), style.width, "", "")?;
    if rows.is_empty() {
        write_wrapped(
            out,
            crate::wording::nothing_to_do().get(lang),
            style.width,
            "",
            "",
        )?;
    }
    for (phase, rows) in by_phase(rows) {
        writeln!(out)?;
        write_wrapped(
            out,
            phase_name(kb, phase).get(lang),
            style.width,
            "## ",
            "   ",
        )?;
        write_rows(&rows, Local::Plan, style, out)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct RowOut<'a> {
    #[serde(flatten)]
    step: StepOut<'a>,
    members: &'a [String],
}

#[derive(Serialize)]
struct PlanOut<'a> {
    schema: u32,
    kind: &'static str,
    today: String,
    lang: &'static str,
    members: &'a [String],
    steps: Vec<RowOut<'a>>,
}

fn rows_out<'a>(kb: &'a Kb, rows: &'a [Row<'_>], lang: Lang) -> Vec<RowOut<'a>> {
    rows.iter()
        .map(|r| RowOut {
            step: step_out(kb, &r.step, lang),
            members: &r.who,
        })
        .collect()
}

pub(crate) fn plan_json(
    kb: &Kb,
    today: chrono::NaiveDate,
    names: &[String],
    rows: &[Row<'_>],
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    write_doc(
        &PlanOut {
            schema: 1,
            kind: "household-plan",
            today: fmt(today),
            lang: style.lang.code(),
            members: names,
            steps: rows_out(kb, rows, style.lang),
        },
        out,
    )
}

fn name_with_relation(name: &str, relation: Option<&Text>, lang: Lang) -> String {
    match relation {
        Some(r) => messages::name_and_other(name, r.get(lang))
            .get(lang)
            .to_string(),
        None => name.to_string(),
    }
}

fn item_lines(
    items: &[Needed<'_>],
    lang: Lang,
    width: Option<u16>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for n in items {
        write_wrapped(out, &item_line(&n.item.name, lang), width, "[ ] ", "    ")?;
        if let Some(note) = &n.item.note {
            write_wrapped(out, note.get(lang), width, "    ", "    ")?;
        }
    }
    Ok(())
}

pub(crate) fn sheet_table(s: &Sheet<'_>, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    let lang = style.lang;
    let width = style.width;
    let sheet = messages::household_sheet_title(words::title().get(lang));
    let visit = format!("{} {}", words::visit_day().get(lang), day(s.visit, lang));
    let title = messages::labelled(sheet.get(lang), visit);
    write_wrapped(out, title.get(lang), width, "", "")?;
    write_warnings(out, &s.warnings, lang, width)?;
    writeln!(out)?;
    if s.steps.is_empty() {
        write_wrapped(out, words::nothing().get(lang), width, "", "")?;
        return Ok(());
    }
    write_wrapped(out, words::steps().get(lang), width, "## ", "   ")?;
    let rows: Vec<&Row<'_>> = s.steps.iter().collect();
    write_rows(&rows, Local::Visit, style, out)?;
    if !s.shared.is_empty() {
        writeln!(out)?;
        write_wrapped(out, messages::bring_once().get(lang), width, "## ", "   ")?;
        for (n, who) in &s.shared {
            let line = format!(
                "{}{}",
                item_line(&n.item.name, lang),
                bracketed(&names(who, lang), lang)
            );
            write_wrapped(out, &line, width, "[ ] ", "    ")?;
        }
    }
    for p in &s.people {
        if p.documents.is_empty() && p.pins.is_empty() && p.child.is_empty() && p.fees.is_empty() {
            continue;
        }
        writeln!(out)?;
        write_wrapped(
            out,
            &name_with_relation(&p.name, p.relation.as_ref(), lang),
            width,
            "## ",
            "   ",
        )?;
        if !p.documents.is_empty() {
            write_wrapped(out, words::documents().get(lang), width, "### ", "    ")?;
            item_lines(&p.documents, lang, width, out)?;
        }
        if !p.pins.is_empty() {
            write_wrapped(out, words::pins().get(lang), width, "### ", "    ")?;
            item_lines(&p.pins, lang, width, out)?;
        }
        if !p.fees.is_empty() {
            write_wrapped(out, words::fees().get(lang), width, "### ", "    ")?;
            for f in &p.fees {
                write_wrapped(out, f.text.get(lang), width, "[ ] ", "    ")?;
            }
        }
        for c in &p.child {
            write_wrapped(out, c.get(lang), width, "! ", "  ")?;
        }
    }
    if !s.asks.is_empty() {
        writeln!(out)?;
        write_wrapped(out, words::asks().get(lang), width, "## ", "   ")?;
        for (i, a) in s.asks.iter().enumerate() {
            write_wrapped(out, &a.text.ja, width, &format!("{}. ", i + 1), "   ")?;
            if lang == Lang::En {
                write_wrapped(out, &format!("({})", a.text.en), width, "   ", "   ")?;
            }
        }
    }
    Ok(())
}

fn items_out<'a>(items: &'a [Needed<'_>]) -> Vec<NeededOut<'a>> {
    items.iter().map(needed_out).collect()
}

#[derive(Serialize)]
struct SharedOut<'a> {
    #[serde(flatten)]
    item: NeededOut<'a>,
    members: &'a [String],
}

#[derive(Serialize)]
struct PersonOut<'a> {
    name: &'a str,
    relation: Option<&'a Text>,
    documents: Vec<NeededOut<'a>>,
    pins: Vec<NeededOut<'a>>,
    fees: Vec<&'a Text>,
    child: &'a [Text],
}

#[derive(Serialize)]
struct SheetOut<'a> {
    schema: u32,
    kind: &'static str,
    today: String,
    visit: String,
    lang: &'static str,
    office_closed: Option<&'a Text>,
    warnings: Vec<&'a str>,
    steps: Vec<RowOut<'a>>,
    shared_documents: Vec<SharedOut<'a>>,
    people: Vec<PersonOut<'a>>,
}

pub(crate) fn sheet_json(
    kb: &Kb,
    s: &Sheet<'_>,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = style.lang;
    write_doc(
        &SheetOut {
            schema: 1,
            kind: "household-checklist",
            today: fmt(s.today),
            visit: fmt(s.visit),
            lang: lang.code(),
            office_closed: s.closed.as_ref(),
            warnings: s.warnings.iter().map(|w| w.get(lang)).collect(),
            steps: rows_out(kb, &s.steps, lang),
            shared_documents: s
                .shared
                .iter()
                .map(|(n, who)| SharedOut {
                    item: needed_out(n),
                    members: who,
                })
                .collect(),
            people: s
                .people
                .iter()
                .map(|p| PersonOut {
                    name: &p.name,
                    relation: p.relation.as_ref(),
                    documents: items_out(&p.documents),
                    pins: items_out(&p.pins),
                    fees: p.fees.iter().map(|f| &f.text).collect(),
                    child: &p.child,
                })
                .collect(),
        },
        out,
    )
}

/// The printable page: the procedures with everyone they cover, the shared documents once,
/// then each person's documents, PINs and child notes under their name.
pub(crate) fn sheet_html(s: &Sheet<'_>, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    let title = messages::nest(&words::title(), |t| messages::household_sheet_title(t));
    let number_of = step_numbers(s.steps.iter().map(Row::id).collect());
    let body = html! {
        header {
            h1 { (title.en) span.ja lang="ja" { (title.ja) } }
            p.meta { (visit_day(s.visit)) }
            (made_on(s.today))
        }
        (warnings(&s.warnings))
        @if s.steps.is_empty() {
            p { (words::nothing().en) } p lang="ja" { (words::nothing().ja) }
        } @else {
            (heading(&words::steps()))
            table {
                @let step = messages::column_procedure_ask();
                thead { tr { th {} th { "#" } th { (step.en) } th lang="ja" { (step.ja) } th { (both_header(&messages::column_who())) } th { (both_header(&messages::column_deadline())) } } }
                tbody {
                    @for (i, r) in s.steps.iter().enumerate() {
                        @let p = &r.step;
                        @let d = &p.step.decl;
                        tr {
                            td.tick { span.box {} }
                            td.num { (i + 1) }
                            td {
                                b { (d.title.en) } " " (status(p))
                                @if let Some(a) = &p.ask { br; span.gloss { "“" (a.en) "”" } }
                                @for t in local_lines(r, Local::Visit) { br; span.small.local { (t.en) } }
                            }
                            td lang="ja" {
                                b { (d.title.ja) }
                                @if let Some(a) = &p.ask { br; span.say { "「" (a.ja) "」" } }
                                @for t in local_lines(r, Local::Visit) { br; span.small.local { (t.ja) } }
                            }
                            td.who { (r.who.join(", ")) }
                            td.date { (deadline(p)) }
                        }
                    }
                }
            }
            @if !s.shared.is_empty() {
                (heading(&messages::bring_once()))
                @let shared: Vec<Needed<'_>> = s.shared.iter().map(|(n, _)| n.clone()).collect();
                (items_table(&shared, &number_of))
            }
            @for p in &s.people {
                section.person {
                    h2 { span.en { (name_with_relation(&p.name, p.relation.as_ref(), Lang::En)) } }
                    @if !p.documents.is_empty() {
                        h3 { (both_inline(&words::documents())) }
                        (items_table(&p.documents, &number_of))
                    }
                    @if !p.pins.is_empty() {
                        h3 { (both_inline(&words::pins())) }
                        (items_table(&p.pins, &number_of))
                    }
                    @for c in &p.child {
                        div.warn { p { "⚠ " (c.en) } p lang="ja" { (c.ja) } }
                    }
                }
            }
        }
        (heading(&messages::notes_heading()))
        div.notes {}
        (footer())
    };
    write(page(style.lang, &title, &body), out)
}

fn md_who(who: &[String], lang: Lang) -> String {
    format!(" — {}", esc(&names(who, lang)))
}

/// `plan --household --format markdown`: the household's steps by phase, each with whom it
/// covers; done steps ticked.
pub(crate) fn plan_markdown(
    kb: &Kb,
    today: chrono::NaiveDate,
    names: &[String],
    rows: &[Row<'_>],
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = style.lang;
    let heading =
        messages::household_plan_md_heading(day(today, lang), esc(&self::names(names, lang)));
    writeln!(out, "# {}", heading.get(lang))?;
    if rows.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", crate::wording::nothing_to_do().get(lang))?;
    }
    for (phase, rows) in by_phase(rows) {
        writeln!(out)?;
        writeln!(out, "## {}", esc(phase_name(kb, phase).get(lang)))?;
        writeln!(out)?;
        for r in rows {
            let p = &r.step;
            let d = &p.step.decl;
            let tick = if p.status == Status::Done { "x" } else { " " };
            writeln!(
                out,
                "- [{tick}] **{}**{}{}{}",
                esc(d.title.get(lang)),
                bracketed(&esc(crate::wording::status_of(p).get(lang)), lang),
                tail(p, lang),
                md_who(&r.who, lang)
            )?;
            for t in local_lines(r, Local::Plan) {
                writeln!(out, "  - {}", esc(t.get(lang)))?;
            }
            for w in notes::warnings(p) {
                writeln!(out, "  - ⚠ {}", esc(w.get(lang)))?;
            }
            writeln!(out, "  - `{}`", d.id.get_ref())?;
        }
    }
    Ok(())
}

fn md_items(items: &[Needed<'_>], lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    for n in items {
        let mut line = format!("- [ ] {}", esc(&item_line(&n.item.name, lang)));
        if let Some(note) = &n.item.note {
            let _ = write!(line, " — {}", esc(note.get(lang)));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `checklist --household --format markdown`: the sheet for one visit, to paste into notes.
pub(crate) fn sheet_markdown(
    s: &Sheet<'_>,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = style.lang;
    let sheet = messages::household_sheet_title(esc(words::title().get(lang)));
    writeln!(
        out,
        "# {} — {} {}",
        sheet.get(lang),
        words::visit_day().get(lang),
        day(s.visit, lang)
    )?;
    md_warnings(out, &s.warnings, lang)?;
    writeln!(out)?;
    if s.steps.is_empty() {
        writeln!(out, "{}", words::nothing().get(lang))?;
    } else {
        writeln!(out, "## {}", words::steps().get(lang))?;
        writeln!(out)?;
        for (i, r) in s.steps.iter().enumerate() {
            let p = &r.step;
            let d = &p.step.decl;
            let title = match lang {
                Lang::En => format!("{} / {}", esc(&d.title.en), esc(&d.title.ja)),
                Lang::Ja => esc(&d.title.ja),
            };
            writeln!(
                out,
                "{}. [ ] **{title}**{}{}{}",
                i + 1,
                bracketed(&esc(crate::wording::status_of(p).get(lang)), lang),
                tail(p, lang),
                md_who(&r.who, lang)
            )?;
            for t in local_lines(r, Local::Visit) {
                writeln!(out, "   - {}", esc(t.get(lang)))?;
            }
        }
        if !s.shared.is_empty() {
            writeln!(out)?;
            writeln!(out, "## {}", messages::bring_once().get(lang))?;
            writeln!(out)?;
            for (n, who) in &s.shared {
                writeln!(
                    out,
                    "- [ ] {}{}",
                    esc(&item_line(&n.item.name, lang)),
                    bracketed(&esc(&names(who, lang)), lang)
                )?;
            }
        }
        for p in &s.people {
            md_person(p, lang, out)?;
        }
    }
    if !s.asks.is_empty() {
        writeln!(out)?;
        writeln!(out, "## {}", words::asks().get(lang))?;
        writeln!(out)?;
        for a in &s.asks {
            match lang {
                Lang::En => writeln!(out, "- 「{}」 — “{}”", esc(&a.text.ja), esc(&a.text.en))?,
                Lang::Ja => writeln!(out, "- 「{}」", esc(&a.text.ja))?,
            }
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", esc(words::check_office().get(lang)))?;
    Ok(())
}

/// What one member brings, under their name: documents, PINs, fees and the notes for a child.
fn md_person(p: &Person<'_>, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    if p.documents.is_empty() && p.pins.is_empty() && p.child.is_empty() && p.fees.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "## {}",
        esc(&name_with_relation(&p.name, p.relation.as_ref(), lang))
    )?;
    for (title, items) in [(words::documents(), &p.documents), (words::pins(), &p.pins)] {
        if !items.is_empty() {
            writeln!(out)?;
            writeln!(out, "### {}", title.get(lang))?;
            writeln!(out)?;
            md_items(items, lang, out)?;
        }
    }
    if !p.fees.is_empty() {
        writeln!(out)?;
        writeln!(out, "### {}", words::fees().get(lang))?;
        writeln!(out)?;
        for f in &p.fees {
            writeln!(out, "- [ ] {}", esc(&item_line(&f.text, lang)))?;
        }
    }
    if !p.child.is_empty() {
        writeln!(out)?;
        for c in &p.child {
            writeln!(out, "- ⚠ {}", esc(c.get(lang)))?;
        }
    }
    Ok(())
}

/// `plan --household --format html`: the printable plan, by phase, with whom each step covers.
pub(crate) fn plan_html(
    kb: &Kb,
    today: chrono::NaiveDate,
    names: &[String],
    rows: &[Row<'_>],
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let title = messages::household_plan_title();
    let body = html! {
        header {
            h1 { (title.en) span.ja lang="ja" { (title.ja) } }
            p.meta { (names.join(", ")) }
            (made_on(today))
        }
        @if rows.is_empty() {
            p { (crate::wording::nothing_to_do().en) } p lang="ja" { (crate::wording::nothing_to_do().ja) }
        }
        @for (phase, rows) in by_phase(rows) {
            (heading(&phase_name(kb, phase)))
            table {
                @let step = messages::column_step_where();
                thead { tr { th {} th { (step.en) } th lang="ja" { (step.ja) } th { (both_header(&messages::column_who())) } th { (both_header(&messages::column_deadline())) } } }
                tbody {
                    @for r in rows {
                        @let p = &r.step;
                        @let d = &p.step.decl;
                        @let place = place_name(kb, p.step.rules.place);
                        tr {
                            td.tick { span.box {} }
                            td {
                                b { (d.title.en) } " " (status(p))
                                br; span.small { (place.en) }
                                @for t in local_lines(r, Local::Plan) { br; span.small.local { (t.en) } }
                            }
                            td lang="ja" {
                                b { (d.title.ja) }
                                br; span.small { (place.ja) }
                                @for t in local_lines(r, Local::Plan) { br; span.small.local { (t.ja) } }
                            }
                            td.who { (r.who.join(", ")) }
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
