//! `mynumber explain STEP`: why a step applies or not, and how its dates were derived.
//!
//! People trust a deadline when they can see where it came from. This prints, in the chosen
//! language, the engine's own reasons (the same sentences `plan` records in `why`), what
//! would change the result when the step does not apply, each date's derivation step by step
//! (event date → period and counting rule → legal last day → closed day and the day it moved
//! to), the step's notes and its sources. It evaluates nothing itself: the answers come from
//! `context::gather_answers` and every judgement from the engine, exactly as for `plan`.

use std::io::Write;

use crate::cli::AnswerArgs;
use crate::context::{Env, gather_answers, write_stdout};
use crate::engine::eval::{Ctx, Truth, in_force};
use crate::engine::plan::{PlannedStep, plan_step};
use crate::engine::{Answers, Status};
use crate::error::Error;
use crate::kb::schema::DeadlineKind;
use crate::kb::text::{Lang, Text};
use crate::kb::{Kb, Step};
use crate::wording::{day, messages, reasons};

pub(crate) fn run(env: &Env, step_id: &str, answers: &AnswerArgs) -> Result<(), Error> {
    let step = find_step(&env.kb, step_id)?;
    // The same answers `plan` uses.
    let answers = gather_answers(env, answers)?;
    write_stdout(|out| write_explanation(&env.kb, &answers, env.today, env.lang, step, out))
}

/// The step, or exit 2 with the closest id.
pub(crate) fn find_step<'k>(kb: &'k Kb, id: &str) -> Result<&'k Step, Error> {
    if let Some(s) = kb.step(id) {
        return Ok(s);
    }
    let ids = || kb.steps.iter().map(|s| s.id.as_str());
    let mut err = Error::usage(messages::no_such_step(id));
    if let Some(s) = Kb::suggest(id, ids()) {
        err = err.hint(messages::did_you_mean(s));
    }
    Err(err.hint(messages::kb_list_hint()))
}

/// Writes the explanation of one step for these answers.
pub(crate) fn write_explanation(
    kb: &Kb,
    answers: &Answers,
    today: chrono::NaiveDate,
    lang: Lang,
    step: &Step,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let ctx = Ctx::new(kb, answers, today).with_hints().with_traces();
    let d = &step.decl;
    writeln!(out, "{} — {}", d.id.get_ref(), d.title.get(lang))?;
    if lang == Lang::En {
        writeln!(out, "({})", d.title.ja)?;
    }
    let summary = crate::engine::plan::pick(&ctx, &step.rules.wording.summary).unwrap_or_default();
    writeln!(out, "{}", summary.get(lang))?;
    writeln!(out)?;
    if let Ok(p) = plan_step(&ctx, step) {
        applies(kb, &p, today, lang, out)?;
    } else {
        writeln!(out, "{}", messages::explain_applies_no().get(lang))?;
        why_not(&ctx, step, lang, out)?;
    }
    writeln!(out)?;
    writeln!(out, "{}", messages::explain_sources().get(lang))?;
    for s in &d.sources {
        let checked = s.checked.get_ref().to_string();
        let line = messages::explain_source(&s.title, s.url.get_ref(), checked);
        writeln!(out, "{}", line.get(lang))?;
    }
    Ok(())
}

fn bullets(texts: &[Text], lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    for t in texts {
        writeln!(out, "  - {}", t.get(lang))?;
    }
    Ok(())
}

fn numbered(texts: &[Text], lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    for (i, t) in texts.iter().enumerate() {
        writeln!(out, "    {}. {}", i + 1, t.get(lang))?;
    }
    Ok(())
}

fn applies(
    kb: &Kb,
    p: &PlannedStep<'_>,
    today: chrono::NaiveDate,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if p.uncertain {
        writeln!(out, "{}", messages::explain_applies_maybe().get(lang))?;
    } else {
        writeln!(out, "{}", messages::explain_applies_yes().get(lang))?;
    }
    if p.step.rules.applies.is_none() {
        writeln!(
            out,
            "  - {}",
            messages::explain_applies_to_everyone().get(lang)
        )?;
    }
    if let Some(e) = &p.step.rules.effective {
        bullets(&[reasons::in_force(in_force(*e, today))], lang, out)?;
    }
    bullets(&reasons::reasons(kb, &p.why), lang, out)?;
    writeln!(out)?;
    let status = crate::wording::status_of(p);
    writeln!(
        out,
        "{}{}",
        messages::explain_status().get(lang),
        status.get(lang)
    )?;
    if p.status == Status::Done {
        return notes_and_needs(kb, p, lang, out);
    }
    if let Some(o) = p.opens {
        writeln!(out)?;
        writeln!(
            out,
            "{}{}",
            messages::explain_opens().get(lang),
            day(o, lang)
        )?;
        writeln!(out, "  {}", messages::explain_how_counted().get(lang))?;
        numbered(&reasons::lines(kb, &p.opens_trace), lang, out)?;
    }
    if let Some(kind) = p.deadline_kind {
        deadline(kb, p, kind, lang, out)?;
    }
    if let Some((a, b)) = p.expected {
        writeln!(out)?;
        writeln!(
            out,
            "{}{} – {}",
            messages::explain_expected().get(lang),
            day(a, lang),
            day(b, lang)
        )?;
    }
    notes_and_needs(kb, p, lang, out)
}

/// The deadline, what kind it is, and how it was counted.
fn deadline(
    kb: &Kb,
    p: &PlannedStep<'_>,
    kind: DeadlineKind,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out)?;
    let kind_name = kind_name(kind, lang);
    match p.deadline {
        Some(dl) => {
            let left = days_left(p.days_left, lang);
            writeln!(
                out,
                "{}{}{left} {kind_name}",
                messages::explain_deadline().get(lang),
                day(dl, lang)
            )?;
            if let Some(last) = p.last_day.filter(|&x| x != dl) {
                writeln!(
                    out,
                    "  {}{}",
                    messages::explain_before_adjustment().get(lang),
                    day(last, lang)
                )?;
            }
        }
        None => writeln!(
            out,
            "{}{} {kind_name}",
            messages::explain_deadline().get(lang),
            messages::explain_not_known().get(lang)
        )?,
    }
    if !p.deadline_trace.is_empty() {
        writeln!(out, "  {}", messages::explain_how_counted().get(lang))?;
        numbered(&reasons::lines(kb, &p.deadline_trace), lang, out)?;
    }
    Ok(())
}

/// A deadline's kind, in brackets.
fn kind_name(kind: DeadlineKind, lang: Lang) -> String {
    let name = match kind {
        DeadlineKind::Legal => messages::kind_legal(),
        DeadlineKind::Expiry => messages::kind_expiry(),
        DeadlineKind::Stated => messages::kind_stated(),
        DeadlineKind::Recommended => messages::kind_recommended(),
        DeadlineKind::Expected => messages::kind_expected(),
    };
    // Japanese marks the kind with 【】, so it never nests inside other brackets.
    messages::deadline_kind(name.get(lang))
        .get(lang)
        .to_string()
}

/// ", 3 days left" after a deadline.
fn days_left(days: Option<i64>, lang: Lang) -> String {
    let left = match days {
        None => return String::new(),
        Some(1) => messages::explain_one_day_left(),
        Some(0) => messages::due_today(),
        Some(n) if n < 0 => messages::late(-n),
        Some(n) => messages::explain_days_left(n),
    };
    messages::after_deadline(left.get(lang))
        .get(lang)
        .to_string()
}

fn notes_and_needs(
    kb: &Kb,
    p: &PlannedStep<'_>,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if !p.needs.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", messages::explain_more_precise().get(lang))?;
        for &n in &p.needs {
            writeln!(out, "  - {}", crate::wording::answer_hint(kb, n, lang))?;
        }
    }
    let notes = crate::wording::notes::notes(p);
    if !notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", messages::explain_notes().get(lang))?;
        for n in &notes {
            let mark = if n.warning {
                messages::warning_prefix().get(lang).to_string()
            } else {
                String::new()
            };
            writeln!(out, "  - {mark}{}", n.text.get(lang))?;
        }
    }
    if let Some(m) = &p.missed {
        writeln!(out)?;
        writeln!(
            out,
            "{}{}",
            messages::explain_if_missed().get(lang),
            m.get(lang)
        )?;
    }
    Ok(())
}

/// Which condition fails, and which answer would change that.
fn why_not(ctx: &Ctx<'_>, step: &Step, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let d = &step.rules;
    if let Some(e) = &d.effective {
        let state = in_force(*e, ctx.today);
        if !state.holds() {
            bullets(&[reasons::in_force(state)], lang, out)?;
            writeln!(out)?;
            writeln!(out, "{}", messages::explain_not_in_force().get(lang))?;
            return Ok(());
        }
    }
    let Some(c) = &d.applies else { return Ok(()) };
    let j = ctx.cond(c);
    if j.truth != Truth::No {
        return Ok(());
    }
    bullets(&reasons::reasons(ctx.kb, &j.reasons), lang, out)?;
    if let Some(f) = ctx.flip(c) {
        writeln!(out)?;
        writeln!(out, "{}", messages::explain_would_change().get(lang))?;
        writeln!(out, "  {}", reasons::would_apply(ctx.kb, &f).get(lang))?;
    }
    Ok(())
}
