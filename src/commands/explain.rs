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
    let ids = || kb.steps.iter().map(|s| s.decl.id.get_ref().as_str());
    let mut err = Error::usage(messages::no_such_step(id));
    if let Some(s) = Kb::suggest(id, ids()) {
        err = err.hint(messages::did_you_mean(s));
    }
    Err(err.hint(messages::kb_list_hint()))
}

fn l(lang: Lang, en: &'static str, ja: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
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
        writeln!(
            out,
            "{}",
            l(lang, "Does it apply to you? No.", "対象ですか？ いいえ。")
        )?;
        why_not(&ctx, step, lang, out)?;
    }
    writeln!(out)?;
    writeln!(out, "{}", l(lang, "Sources:", "出典："))?;
    for s in &d.sources {
        let checked = s.checked.get_ref().to_string();
        match lang {
            Lang::En => writeln!(
                out,
                "  - {} — {} (checked {checked})",
                s.title,
                s.url.get_ref()
            )?,
            Lang::Ja => writeln!(
                out,
                "  - {} — {}（{checked} 確認）",
                s.title,
                s.url.get_ref()
            )?,
        }
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
        writeln!(
            out,
            "{}",
            l(
                lang,
                "Does it apply to you? It may: an answer is needed to be sure.",
                "対象ですか？ 対象の可能性があります（確定には回答が必要です）。"
            )
        )?;
    } else {
        writeln!(
            out,
            "{}",
            l(lang, "Does it apply to you? Yes.", "対象ですか？ はい。")
        )?;
    }
    if p.step.rules.applies.is_none() {
        writeln!(
            out,
            "  - {}",
            l(lang, "it applies to everyone", "全員が対象です")
        )?;
    }
    if let Some(e) = &p.step.rules.effective {
        bullets(&[reasons::in_force(in_force(*e, today))], lang, out)?;
    }
    bullets(&reasons::reasons(kb, &p.why), lang, out)?;
    writeln!(out)?;
    let status = crate::wording::status_of(p);
    writeln!(out, "{}{}", l(lang, "Status: ", "状態："), status.get(lang))?;
    if p.status == Status::Done {
        return notes_and_needs(kb, p, lang, out);
    }
    if let Some(o) = p.opens {
        writeln!(out)?;
        writeln!(out, "{}{}", l(lang, "Opens: ", "受付開始："), day(o, lang))?;
        writeln!(out, "  {}", l(lang, "How it was counted:", "計算の過程："))?;
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
            l(lang, "Expected: ", "到着の目安："),
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
                l(lang, "Deadline: ", "期限："),
                day(dl, lang)
            )?;
            if let Some(last) = p.last_day.filter(|&x| x != dl) {
                writeln!(
                    out,
                    "  {}{}",
                    l(
                        lang,
                        "Last day before the office-day adjustment: ",
                        "閉庁日の調整前の最終日："
                    ),
                    day(last, lang)
                )?;
            }
        }
        None => writeln!(
            out,
            "{}{} {kind_name}",
            l(lang, "Deadline: ", "期限："),
            l(lang, "not known yet", "未確定")
        )?,
    }
    if !p.deadline_trace.is_empty() {
        writeln!(out, "  {}", l(lang, "How it was counted:", "計算の過程："))?;
        numbered(&reasons::lines(kb, &p.deadline_trace), lang, out)?;
    }
    Ok(())
}

/// A deadline's kind, in brackets.
fn kind_name(kind: DeadlineKind, lang: Lang) -> String {
    let name = match kind {
        DeadlineKind::Legal => l(lang, "a period set by law", "法定期間"),
        DeadlineKind::Expiry => l(lang, "act before something expires", "有効期限の前に手続"),
        DeadlineKind::Stated => l(
            lang,
            "a date printed on a document you received",
            "受け取った書類に記載の期日",
        ),
        DeadlineKind::Recommended => l(lang, "recommended, no legal force", "推奨・法的期限なし"),
        DeadlineKind::Expected => l(lang, "when something should arrive", "到着の目安"),
    };
    // Japanese marks the kind with 【】, so it never nests inside other brackets.
    match lang {
        Lang::En => format!("({name})"),
        Lang::Ja => format!("【{name}】"),
    }
}

/// ", 3 days left" after a deadline.
fn days_left(days: Option<i64>, lang: Lang) -> String {
    match (days, lang) {
        (Some(-1), Lang::En) => ", 1 day late".into(),
        (Some(1), Lang::En) => ", 1 day left".into(),
        (Some(n), Lang::En) if n < 0 => format!(", {} days late", -n),
        (Some(n), Lang::Ja) if n < 0 => format!("、{}日超過", -n),
        (Some(0), Lang::En) => ", today".into(),
        (Some(0), Lang::Ja) => "、今日".into(),
        (Some(n), Lang::En) => format!(", {n} days left"),
        (Some(n), Lang::Ja) => format!("、あと{n}日"),
        (None, _) => String::new(),
    }
}

fn notes_and_needs(
    kb: &Kb,
    p: &PlannedStep<'_>,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if !p.needs.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            l(
                lang,
                "Answers that would make this more precise:",
                "次の回答があると、より正確になります："
            )
        )?;
        for &n in &p.needs {
            writeln!(out, "  - {}", crate::wording::answer_hint(kb, n, lang))?;
        }
    }
    let notes = crate::wording::notes::notes(p);
    if !notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", l(lang, "Notes:", "注意："))?;
        for n in &notes {
            let mark = if n.warning {
                l(lang, "warning: ", "警告：")
            } else {
                ""
            };
            writeln!(out, "  - {mark}{}", n.text.get(lang))?;
        }
    }
    if let Some(m) = &p.missed {
        writeln!(out)?;
        writeln!(
            out,
            "{}{}",
            l(lang, "If you miss it: ", "期限を過ぎると："),
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
            writeln!(
                out,
                "{}",
                l(
                    lang,
                    "No answer changes this: the rule is not in force on this day (see --today).",
                    "回答によって変わることはありません。この日には規定が適用されません（--today を参照）。"
                )
            )?;
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
        let f = reasons::flip(ctx.kb, &f);
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            l(lang, "What would change that:", "対象になる条件：")
        )?;
        match lang {
            Lang::En => writeln!(out, "  it would apply {}", f.en)?,
            Lang::Ja => writeln!(out, "  {}、対象になります", f.ja)?,
        }
    }
    Ok(())
}
