//! The terminal table: steps grouped by phase, deadline with weekday and days left, coloured by
//! status when colour is on. ASCII borders: box-drawing characters misalign in many Japanese
//! terminals.

use std::io::Write;

use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets::ASCII_MARKDOWN};

use super::{Style, item_line, phase_name, place_name};
use crate::checklist::{Checklist, Needed, OFFICE};
use crate::engine::eval::fmt;
use crate::engine::{Plan, PlannedStep, Status};
use crate::kb::Kb;
use crate::kb::text::{Lang, Text};
use crate::wording::checklist as words;
use crate::wording::day;

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
pub fn deadline_cell(p: &PlannedStep<'_>, lang: Lang) -> String {
    match p.deadline {
        Some(d) => crate::wording::day(d, lang),
        None if !p.needs.is_empty() => match lang {
            Lang::En => "needs an answer".into(),
            Lang::Ja => "回答が必要".into(),
        },
        None => "—".into(),
    }
}

pub fn days_left_cell(p: &PlannedStep<'_>, lang: Lang) -> String {
    match (p.days_left, p.status) {
        (_, Status::Done) => String::new(),
        (Some(-1), _) => match lang {
            Lang::En => "1 day late".into(),
            Lang::Ja => "1日超過".into(),
        },
        (Some(1), _) => match lang {
            Lang::En => "1 day".into(),
            Lang::Ja => "あと1日".into(),
        },
        (Some(n), _) if n < 0 => match lang {
            Lang::En => format!("{} days late", -n),
            Lang::Ja => format!("{}日超過", -n),
        },
        (Some(0), _) => match lang {
            Lang::En => "today".into(),
            Lang::Ja => "今日".into(),
        },
        (Some(n), _) => match lang {
            Lang::En => format!("{n} days"),
            Lang::Ja => format!("あと{n}日"),
        },
        (None, _) => String::new(),
    }
}

pub fn render(kb: &Kb, plan: &Plan<'_>, style: &Style, out: &mut dyn Write) -> std::io::Result<()> {
    let lang = style.lang;
    let (h_status, h_deadline, h_left, h_step, h_where) = match lang {
        Lang::En => ("Status", "Deadline", "Left", "Step", "Where"),
        Lang::Ja => ("状態", "期限", "残り", "手続", "場所"),
    };
    let title = match lang {
        Lang::En => format!("My Number plan for {}", fmt(plan.today)),
        Lang::Ja => format!("マイナンバー手続プラン({}時点)", fmt(plan.today)),
    };
    writeln!(out, "{title}")?;
    if plan.steps.is_empty() {
        writeln!(out, "{}", crate::wording::nothing_to_do().get(lang))?;
    }
    for (phase, steps) in plan.by_phase(kb) {
        writeln!(out)?;
        writeln!(out, "## {}", phase_name(kb, phase).get(lang))?;
        let mut t = Table::new();
        t.load_style(ASCII_MARKDOWN)
            .set_content_arrangement(ContentArrangement::Dynamic);
        if let Some(w) = style.width {
            t.set_width(w);
        }
        if !style.color {
            t.force_no_tty();
        } else {
            t.enforce_styling();
        }
        t.set_header(vec![h_status, h_deadline, h_left, h_step, h_where]);
        for p in steps {
            let d = &p.step.decl;
            let mut status = Cell::new(p.status_label().get(lang));
            if style.color {
                status = status
                    .fg(status_color(p.status))
                    .add_attribute(Attribute::Bold);
            }
            let mut step = format!("{}\n{}", d.title.get(lang), d.id.get_ref());
            if p.uncertain {
                step.push_str(match lang {
                    Lang::En => " (may apply)",
                    Lang::Ja => "(該当する可能性)",
                });
            }
            t.add_row(vec![
                status,
                Cell::new(deadline_cell(p, lang)),
                Cell::new(days_left_cell(p, lang)),
                Cell::new(step),
                Cell::new(place_name(kb, d.place.get_ref()).get(lang)),
            ]);
        }
        writeln!(out, "{t}")?;
    }
    let needs: Vec<&String> = {
        let mut v: Vec<&String> = plan.steps.iter().flat_map(|p| p.needs.iter()).collect();
        v.sort();
        v.dedup();
        v
    };
    if !needs.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            match lang {
                Lang::En => "Answers that would make this plan more precise:",
                Lang::Ja => "次の回答があると、より正確なプランになります：",
            }
        )?;
        for n in needs {
            writeln!(out, "  {}", crate::wording::answer_hint(kb, n, lang))?;
        }
    }
    if style.all && !plan.skipped.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            match lang {
                Lang::En => "## Not for you",
                Lang::Ja => "## 対象外の手続",
            }
        )?;
        for s in &plan.skipped {
            let why: Vec<&str> = s.why_not.iter().map(|t| t.get(lang)).collect();
            writeln!(
                out,
                "- {} ({}): {}",
                s.step.decl.title.get(lang),
                s.step.decl.id.get_ref(),
                why.join("; ")
            )?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        match lang {
            Lang::En =>
                "Run mynumber explain followed by a step id (such as residence.register) to see why it applies and how its dates were counted.",
            Lang::Ja =>
                "「mynumber explain 手続ID」（例：mynumber explain residence.register）で、該当理由と期限の計算方法を表示します。",
        }
    )?;
    Ok(())
}

/// The terminal checklist. Warnings are part of the product here and are also sent to
/// stderr by the `checklist` command.
pub fn render_checklist(
    kb: &Kb,
    c: &Checklist<'_>,
    style: &Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = style.lang;
    writeln!(
        out,
        "{}{}{} {}",
        words::title().get(lang),
        match lang {
            Lang::En => ": ",
            Lang::Ja => "：",
        },
        words::visit_day().get(lang),
        day(c.visit, lang)
    )?;
    writeln!(out, "{}", place_name(kb, OFFICE).get(lang))?;
    if !c.warnings.is_empty() {
        writeln!(out)?;
        writeln!(out, "## {}", words::warnings().get(lang))?;
        for w in &c.warnings {
            writeln!(out, "! {}", w.get(lang))?;
        }
    }
    writeln!(out)?;
    // Questions about steps that cannot be dated yet are asked even on a day with nothing to
    // file.
    if c.steps.is_empty() {
        writeln!(out, "{}", words::nothing().get(lang))?;
        if c.asks.is_empty() {
            return Ok(());
        }
    } else {
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
                p.status_label().get(lang).to_string(),
                deadline_cell(p, lang),
                days_left_cell(p, lang),
                step,
            ]);
        }
        writeln!(out, "{t}")?;
        let list =
            |out: &mut dyn Write, title: Text, items: &[Needed<'_>]| -> std::io::Result<()> {
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
    }
    if !c.asks.is_empty() {
        writeln!(out)?;
        writeln!(out, "## {}", words::asks().get(lang))?;
        for (i, a) in c.asks.iter().enumerate() {
            writeln!(out, "{}. {}", i + 1, a.text.ja)?;
            if lang == Lang::En {
                writeln!(out, "   “{}”", a.text.en)?;
            }
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", words::check_office().get(lang))?;
    Ok(())
}
