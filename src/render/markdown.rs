//! Markdown: a `- [ ]` checklist to paste into notes, grouped by phase, with deadlines. Done
//! steps are ticked (`- [x]`).

use std::fmt::Write as _;
use std::io::Write;

use super::item_line;
use super::{Style, bring, phase_name, place_name};
use crate::checklist::{Checklist, Needed};
use crate::engine::{Plan, PlannedStep, Status};
use crate::kb::Kb;
use crate::kb::schema::DeadlineKind;
use crate::kb::text::{Lang, Text};
use crate::wording::checklist as words;
use crate::wording::notes;
use crate::wording::{day, messages};

/// Markdown special characters in knowledge-base text are escaped so a title never turns
/// into a link or emphasis.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// "by 2026-10-19 (Mon), legal deadline, 13 days left".
/// What follows a step's title on its line: " — by DATE, N days" and "(may apply)".
pub(super) fn tail(p: &PlannedStep<'_>, lang: Lang) -> String {
    let mut t = String::new();
    let w = when(p, lang);
    if !w.is_empty() {
        let _ = write!(t, " — {w}");
    }
    if p.uncertain {
        let may = bracketed(words::may_apply().get(lang), lang);
        let _ = write!(t, " _{}_", may.trim_start());
    }
    t
}

/// "(due)" / "（手続可）": parentheses of the reader's script.
pub(super) fn bracketed(s: &str, lang: Lang) -> String {
    messages::in_brackets(s).get(lang).to_string()
}

fn when(p: &PlannedStep<'_>, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(d) = p.deadline {
        let d = day(d, lang);
        let by = match p.deadline_kind {
            Some(DeadlineKind::Expected) => messages::expected_by_day(d),
            Some(DeadlineKind::Recommended) => messages::best_by_day(d),
            _ => messages::by_day(d),
        };
        parts.push(by.get(lang).to_string());
    } else if let Some(o) = p.opens.filter(|_| p.status == Status::Upcoming) {
        parts.push(messages::from_day(day(o, lang)).get(lang).to_string());
    }
    let left = super::table::days_left_cell(p, lang);
    if !left.is_empty() {
        parts.push(left);
    }
    parts.join(messages::list_separator(lang))
}

pub(crate) fn render(
    kb: &Kb,
    plan: &Plan<'_>,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = style.lang;
    let title = messages::plan_heading(day(plan.today, lang));
    writeln!(out, "# {}", title.get(lang))?;
    if plan.steps.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", crate::wording::nothing_to_do().get(lang))?;
    }
    for (phase, steps) in plan.by_phase() {
        writeln!(out)?;
        writeln!(out, "## {}", esc(phase_name(kb, phase).get(lang)))?;
        writeln!(out)?;
        for p in steps {
            write_step(kb, p, lang, out)?;
        }
    }
    let needs = super::needs(kb, plan);
    if !needs.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", messages::plan_more_precise().get(lang))?;
        writeln!(out)?;
        for n in needs {
            writeln!(out, "- {}", esc(&crate::wording::answer_hint(kb, n, lang)))?;
        }
    }
    if style.all && !plan.skipped.is_empty() {
        writeln!(out)?;
        writeln!(out, "## {}", messages::not_for_you().get(lang))?;
        writeln!(out)?;
        for s in &plan.skipped {
            let why: Vec<String> = crate::wording::reasons::reasons_in(kb, &s.why_not, lang)
                .iter()
                .map(|t| esc(t))
                .collect();
            let line = messages::skipped_step(
                esc(s.step.decl.title.get(lang)),
                format!("`{}`", s.step.decl.id.get_ref()),
                why.join(messages::clause_separator(lang)),
            );
            writeln!(out, "- {}", line.get(lang))?;
        }
    }
    Ok(())
}

/// A step as a task line, with where, what to bring, its warnings and its id below.
fn write_step(
    kb: &Kb,
    p: &PlannedStep<'_>,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let d = &p.step.decl;
    let tick = if p.status == Status::Done { "x" } else { " " };
    let mut line = format!(
        "- [{tick}] **{}**{}",
        esc(d.title.get(lang)),
        bracketed(&esc(crate::wording::status_of(p).get(lang)), lang)
    );
    line.push_str(&tail(p, lang));
    writeln!(out, "{line}")?;
    let place = esc(place_name(kb, p.step.rules.place).get(lang));
    writeln!(out, "  - {}", messages::where_place(place).get(lang))?;
    let items: Vec<String> = bring(kb, p).iter().map(|t| esc(t.get(lang))).collect();
    if !items.is_empty() && p.status != Status::Done {
        let items = items.join(messages::item_separator(lang));
        let bring = messages::labelled(words::documents().get(lang), items);
        writeln!(out, "  - {}", bring.get(lang))?;
    }
    for w in notes::warnings(p) {
        writeln!(out, "  - ⚠ {}", esc(w.get(lang)))?;
    }
    writeln!(out, "  - `{}`", d.id.get_ref())?;
    Ok(())
}

/// The visit's warnings under their heading, if there are any.
pub(super) fn warnings(out: &mut dyn Write, warnings: &[Text], lang: Lang) -> std::io::Result<()> {
    if !warnings.is_empty() {
        writeln!(out)?;
        writeln!(out, "## {}", words::warnings().get(lang))?;
        writeln!(out)?;
        for w in warnings {
            writeln!(out, "- ⚠ {}", esc(w.get(lang)))?;
        }
    }
    Ok(())
}

pub(crate) fn render_checklist(
    kb: &Kb,
    c: &Checklist<'_>,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = style.lang;
    writeln!(
        out,
        "# {} — {} {}",
        esc(words::title().get(lang)),
        words::visit_day().get(lang),
        day(c.visit, lang)
    )?;
    writeln!(out)?;
    writeln!(out, "{}", esc(place_name(kb, kb.roles.office).get(lang)))?;
    warnings(out, &c.warnings, lang)?;
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
        writeln!(out)?;
        for (i, p) in c.steps.iter().enumerate() {
            let d = &p.step.decl;
            let title = match lang {
                Lang::En => format!("{} / {}", esc(&d.title.en), esc(&d.title.ja)),
                Lang::Ja => esc(&d.title.ja),
            };
            let mut line = format!(
                "{}. [ ] **{title}**{}",
                i + 1,
                bracketed(&esc(crate::wording::status_of(p).get(lang)), lang)
            );
            line.push_str(&tail(p, lang));
            writeln!(out, "{line}")?;
        }
        let list =
            |out: &mut dyn Write, title: Text, items: &[Needed<'_>]| -> std::io::Result<()> {
                writeln!(out)?;
                writeln!(out, "## {}", title.get(lang))?;
                writeln!(out)?;
                if items.is_empty() {
                    writeln!(out, "{}", words::none_needed().get(lang))?;
                }
                for n in items {
                    let steps = n.for_steps.join(messages::list_separator(lang));
                    let item = esc(&item_line(&n.item.name, lang));
                    let item = messages::item_for_steps_md(item, steps);
                    let mut line = format!("- [ ] {}", item.get(lang));
                    if let Some(note) = &n.item.note {
                        let _ = write!(line, " — {}", esc(note.get(lang)));
                    }
                    writeln!(out, "{line}")?;
                }
                Ok(())
            };
        list(out, words::documents(), &c.documents)?;
        list(out, words::pins(), &c.pins)?;
        writeln!(out)?;
        writeln!(out, "## {}", words::fees().get(lang))?;
        writeln!(out)?;
        if c.fees.is_empty() {
            writeln!(out, "{}", words::none_needed().get(lang))?;
        }
        for f in &c.fees {
            let steps = f.for_steps.join(messages::list_separator(lang));
            let fee = messages::item_for_steps_md(esc(&item_line(&f.text, lang)), steps);
            writeln!(out, "- [ ] {}", fee.get(lang))?;
        }
    }
    if !c.asks.is_empty() {
        writeln!(out)?;
        writeln!(out, "## {}", words::asks().get(lang))?;
        writeln!(out)?;
        for a in &c.asks {
            match lang {
                Lang::En => writeln!(out, "- 「{}」 — “{}”", esc(&a.text.ja), esc(&a.text.en))?,
                Lang::Ja => writeln!(out, "- 「{}」", esc(&a.text.ja))?,
            }
        }
    }
    if !c.key_dates.is_empty() {
        writeln!(out)?;
        writeln!(out, "## {}", words::key_dates().get(lang))?;
        writeln!(out)?;
        for k in &c.key_dates {
            let line = messages::labelled(day(k.date, lang), esc(k.label.get(lang)));
            writeln!(out, "- {}", line.get(lang))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", esc(words::check_office().get(lang)))?;
    Ok(())
}
