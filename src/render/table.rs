//! The terminal table: steps grouped by phase, deadline with weekday and days left, coloured by
//! status when colour is on. ASCII borders: box-drawing characters misalign in many Japanese
//! terminals.

use std::io::Write;

use comfy_table::{
    Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width,
    presets::ASCII_MARKDOWN,
};

use super::layout::{min_width, table_fits, write_wrapped};
use super::{Style, item_line, phase_name, place_name};
use crate::checklist::{Checklist, Needed};
use crate::dates::fmt;
use crate::engine::{Plan, PlannedStep, Status};
use crate::kb::Kb;
use crate::kb::text::{Lang, Text};
use crate::wording::checklist as words;
use crate::wording::day;
use crate::wording::messages;
use crate::wording::notes;

fn status_color(s: Status) -> Color {
    match s {
        Status::Overdue => Color::Red,
        Status::Due => Color::Yellow,
        Status::Waiting => Color::Cyan,
        Status::Upcoming => Color::Blue,
        Status::Done => Color::Green,
    }
}

/// "2026-12-28 (Mon)", or the kind of wait when there is no date.
pub(crate) fn deadline_cell(p: &PlannedStep<'_>, lang: Lang) -> String {
    match p.deadline {
        Some(d) => day(d, lang),
        None if !p.needs.is_empty() => messages::needs_an_answer().get(lang).to_string(),
        None => "—".into(),
    }
}

/// The place, then the municipality's first chance to visit outside weekday hours, if any.
fn where_cell(kb: &Kb, p: &PlannedStep<'_>, lang: Lang) -> String {
    let place = place_name(kb, p.step.rules.place).get(lang).to_string();
    match p.local.as_ref().and_then(notes::short) {
        Some(s) => format!("{place}\n{}", s.get(lang)),
        None => place,
    }
}

pub(crate) fn days_left_cell(p: &PlannedStep<'_>, lang: Lang) -> String {
    let text = match (p.days_left, p.status) {
        (_, Status::Done) | (None, _) => return String::new(),
        (Some(n), _) if n < 0 => messages::late(-n),
        (Some(0), _) => messages::due_today(),
        (Some(1), _) => messages::one_day_left(),
        (Some(n), _) => messages::days_left(n),
    };
    text.get(lang).to_string()
}

/// A step's row: status, deadline, days left, step (title, id) and where.
fn row(kb: &Kb, p: &PlannedStep<'_>, lang: Lang) -> [String; 5] {
    let d = &p.step.decl;
    let mut step = format!("{}\n{}", d.title.get(lang), d.id.get_ref());
    if p.uncertain {
        step.push_str(messages::in_brackets(words::may_apply().get(lang)).get(lang));
    }
    [
        crate::wording::status_of(p).get(lang).to_string(),
        deadline_cell(p, lang),
        days_left_cell(p, lang),
        step,
        where_cell(kb, p, lang),
    ]
}

pub(crate) fn render(
    kb: &Kb,
    plan: &Plan<'_>,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = style.lang;
    let columns = [
        messages::column_status(),
        messages::column_deadline(),
        messages::column_left(),
        messages::column_step(),
        messages::column_where(),
    ];
    let header = columns.each_ref().map(|c| c.get(lang));
    let title = messages::plan_title_on(fmt(plan.today));
    writeln!(out, "{}", title.get(lang))?;
    if plan.steps.is_empty() {
        write_wrapped(
            out,
            crate::wording::nothing_to_do().get(lang),
            style.width,
            "",
            "",
        )?;
    }
    let phases: Vec<_> = plan
        .by_phase()
        .into_iter()
        .map(|(phase, steps)| {
            let rows: Vec<(Status, [String; 5])> =
                steps.iter().map(|p| (p.status, row(kb, p, lang))).collect();
            (phase, rows)
        })
        .collect();
    // One layout for the whole plan: a table when every phase's table fits, else a list.
    let as_list = style.width.is_some_and(|w| {
        let rows = phases
            .iter()
            .flat_map(|(_, r)| r.iter().map(|(_, row)| row));
        !table_fits(&column_mins(&header, rows), w)
    });
    for (phase, rows) in &phases {
        writeln!(out)?;
        write_wrapped(
            out,
            phase_name(kb, *phase).get(lang),
            style.width,
            "## ",
            "   ",
        )?;
        if as_list {
            for (_, row) in rows {
                writeln!(out)?;
                write_block(out, &header, row, 3, None, style)?;
            }
            continue;
        }
        let t = phase_table(&header, rows, style);
        writeln!(out, "{t}")?;
    }
    let needs = super::needs(kb, plan);
    if !needs.is_empty() {
        writeln!(out)?;
        let more = messages::plan_more_precise();
        write_wrapped(out, more.get(lang), style.width, "", "")?;
        for n in needs {
            let hint = crate::wording::answer_hint(kb, n, lang);
            write_wrapped(out, &hint, style.width, "  ", "    ")?;
        }
    }
    if style.all {
        write_skipped(kb, plan, style, out)?;
    }
    writeln!(out)?;
    let hint = messages::explain_step_hint();
    write_wrapped(out, hint.get(lang), style.width, "", "")?;
    Ok(())
}

/// One phase's steps as a table, the status coloured when colour is on.
fn phase_table(header: &[&str; 5], rows: &[(Status, [String; 5])], style: Style) -> Table {
    let mins = column_mins(header, rows.iter().map(|(_, row)| row));
    let mut t = new_table(header, &mins, style);
    if style.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    for (status, row) in rows {
        let mut cells: Vec<Cell> = row.iter().map(Cell::new).collect();
        if style.color {
            cells[0] = Cell::new(&row[0])
                .fg(status_color(*status))
                .add_attribute(Attribute::Bold);
        }
        t.add_row(cells);
    }
    t
}

/// The steps that do not apply, with why (`--all`).
fn write_skipped(
    kb: &Kb,
    plan: &Plan<'_>,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if plan.skipped.is_empty() {
        return Ok(());
    }
    let lang = style.lang;
    writeln!(out)?;
    writeln!(out, "## {}", messages::not_for_you().get(lang))?;
    for s in &plan.skipped {
        let why = crate::wording::reasons::reasons_in(kb, &s.why_not, lang);
        let line = messages::skipped_step(
            s.step.decl.title.get(lang),
            s.step.decl.id.get_ref(),
            why.join(messages::clause_separator(lang)),
        );
        let line = line.get(lang);
        write_wrapped(out, line, style.width, "- ", "  ")?;
    }
    Ok(())
}

/// Each column's narrowest width (see `layout::min_width`), header included.
pub(crate) fn column_mins<'r, const N: usize>(
    header: &[&str; N],
    rows: impl Iterator<Item = &'r [String; N]>,
) -> Vec<usize> {
    let mut mins: Vec<usize> = header.iter().map(|h| min_width(h)).collect();
    for row in rows {
        for (m, cell) in mins.iter_mut().zip(row) {
            *m = (*m).max(min_width(cell));
        }
    }
    mins
}

/// An ASCII table for `style.width`, no column narrower than its `mins` (so no id, date or
/// word is split).
pub(crate) fn new_table(header: &[&str], mins: &[usize], style: Style) -> Table {
    let mut t = Table::new();
    t.load_style(ASCII_MARKDOWN)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = style.width {
        t.set_width(w);
    }
    t.set_header(header.to_vec());
    for (i, m) in mins.iter().enumerate() {
        if let Some(c) = t.column_mut(i) {
            // The width includes the column's padding, one space each side.
            let w = u16::try_from(m + 2).unwrap_or(u16::MAX);
            c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
        }
    }
    t
}

/// One row as a block, for terminals too narrow for the table: the step column (title, then
/// id) first, after `- ` or its number, then each other column as `Header: value`, wrapped to
/// the width.
fn write_block<const N: usize>(
    out: &mut dyn Write,
    header: &[&str; N],
    row: &[String; N],
    step: usize,
    number: Option<usize>,
    style: Style,
) -> std::io::Result<()> {
    let width = style.width;
    let first = number.map_or("- ".to_string(), |n| format!("{n}. "));
    let rest = " ".repeat(first.len());
    let mut lines = row[step].lines();
    if let Some(title) = lines.next() {
        write_wrapped(out, title, width, &first, &rest)?;
    }
    for l in lines {
        write_wrapped(out, l, width, &rest, &rest)?;
    }
    let skip = usize::from(number.is_some());
    for (j, (h, cell)) in header.iter().zip(row).enumerate().skip(skip) {
        if j == step || cell.is_empty() {
            continue;
        }
        write_wrapped(
            out,
            messages::labelled(h, cell).get(style.lang),
            width,
            &rest,
            &format!("{rest}  "),
        )?;
    }
    Ok(())
}

/// The visit's warnings under their heading, if there are any.
pub(crate) fn write_warnings(
    out: &mut dyn Write,
    warnings: &[Text],
    lang: Lang,
    width: Option<u16>,
) -> std::io::Result<()> {
    if !warnings.is_empty() {
        writeln!(out)?;
        write_wrapped(out, words::warnings().get(lang), width, "## ", "   ")?;
        for w in warnings {
            write_wrapped(out, w.get(lang), width, "! ", "  ")?;
        }
    }
    Ok(())
}

/// The terminal checklist. Warnings are part of the product here and are also sent to
/// stderr by the `checklist` command.
pub(crate) fn render_checklist(
    kb: &Kb,
    c: &Checklist<'_>,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = style.lang;
    let width = style.width;
    let visit = format!("{} {}", words::visit_day().get(lang), day(c.visit, lang));
    let title = messages::labelled(words::title().get(lang), visit);
    write_wrapped(out, title.get(lang), width, "", "")?;
    write_wrapped(
        out,
        place_name(kb, kb.roles.office).get(lang),
        width,
        "",
        "",
    )?;
    write_warnings(out, &c.warnings, lang, width)?;
    writeln!(out)?;
    // Questions about steps that cannot be dated yet are asked even on a day with nothing to
    // file.
    if c.steps.is_empty() {
        write_wrapped(out, words::nothing().get(lang), width, "", "")?;
        if c.asks.is_empty() {
            return Ok(());
        }
    } else {
        write_wrapped(out, words::steps().get(lang), width, "## ", "   ")?;
        let columns = [
            messages::column_status(),
            messages::column_deadline(),
            messages::column_left(),
            messages::column_step(),
        ];
        let [status, deadline, left, step] = columns.each_ref().map(|c| c.get(lang));
        let header = ["#", status, deadline, left, step];
        let rows: Vec<[String; 5]> = (c.steps.iter().enumerate())
            .map(|(i, p)| checklist_row(i + 1, p, lang))
            .collect();
        let mins = column_mins(&header, rows.iter());
        match width {
            Some(w) if !table_fits(&mins, w) => {
                for (i, row) in rows.iter().enumerate() {
                    writeln!(out)?;
                    write_block(out, &header, row, 4, Some(i + 1), style)?;
                }
            }
            _ => {
                let mut t = new_table(&header, &mins, style);
                t.force_no_tty();
                for row in rows {
                    t.add_row(row.to_vec());
                }
                writeln!(out, "{t}")?;
            }
        }
        write_items(out, &words::documents(), &c.documents, lang, width)?;
        write_items(out, &words::pins(), &c.pins, lang, width)?;
        writeln!(out)?;
        write_wrapped(out, words::fees().get(lang), width, "## ", "   ")?;
        if c.fees.is_empty() {
            write_wrapped(out, words::none_needed().get(lang), width, "  ", "  ")?;
        }
        for f in &c.fees {
            let steps = f.for_steps.join(messages::list_separator(lang));
            let line = messages::item_for_steps(item_line(&f.text, lang), steps);
            write_wrapped(out, line.get(lang), width, "[ ] ", "    ")?;
        }
    }
    if !c.asks.is_empty() {
        writeln!(out)?;
        write_wrapped(out, words::asks().get(lang), width, "## ", "   ")?;
        for (i, a) in c.asks.iter().enumerate() {
            write_wrapped(out, &a.text.ja, width, &format!("{}. ", i + 1), "   ")?;
            if lang == Lang::En {
                write_wrapped(out, &format!("“{}”", a.text.en), width, "   ", "    ")?;
            }
        }
    }
    writeln!(out)?;
    write_wrapped(out, words::check_office().get(lang), width, "", "")?;
    Ok(())
}

/// A step's row on the checklist: number, status, deadline, days left, and the step (titles,
/// id, the municipality's counter and the next open days before the deadline).
fn checklist_row(number: usize, p: &PlannedStep<'_>, lang: Lang) -> [String; 5] {
    let d = &p.step.decl;
    let mut step = match lang {
        Lang::En => format!("{}\n{} ({})", d.title.en, d.title.ja, d.id.get_ref()),
        Lang::Ja => format!("{}\n{}", d.title.ja, d.id.get_ref()),
    };
    if p.uncertain {
        step.push_str(messages::marked(words::may_apply().get(lang)).get(lang));
    }
    if let Some(l) = &p.local {
        for t in notes::visit(l) {
            step.push('\n');
            step.push_str(t.get(lang));
        }
    }
    [
        number.to_string(),
        crate::wording::status_of(p).get(lang).to_string(),
        deadline_cell(p, lang),
        days_left_cell(p, lang),
        step,
    ]
}

/// Items to tick off under their heading, each with the steps that need it.
fn write_items(
    out: &mut dyn Write,
    title: &Text,
    items: &[Needed<'_>],
    lang: Lang,
    width: Option<u16>,
) -> std::io::Result<()> {
    writeln!(out)?;
    write_wrapped(out, title.get(lang), width, "## ", "   ")?;
    if items.is_empty() {
        write_wrapped(out, words::none_needed().get(lang), width, "  ", "  ")?;
    }
    for n in items {
        let steps = n.for_steps.join(messages::list_separator(lang));
        let line = messages::item_for_steps(item_line(&n.item.name, lang), steps);
        write_wrapped(out, line.get(lang), width, "[ ] ", "    ")?;
        if let Some(note) = &n.item.note {
            write_wrapped(out, note.get(lang), width, "    ", "    ")?;
        }
    }
    Ok(())
}
