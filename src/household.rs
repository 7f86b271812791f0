//! The household: several members in one saved profile (`mynumber profile add NAME`), a plan
//! for all of them (`plan --household`) and one sheet for a visit together
//! (`checklist --household`).
//!
//! Steps the knowledge base marks `household = true` (the notices of moving, which one member
//! files for everyone moving together) appear once for the members they cover when their dates
//! agree; items marked `household = true` (proof of the family relationship) are listed once.

use std::path::Path;

use chrono::NaiveDate;

use crate::checklist::{self, Checklist, Needed};
use crate::cli::{Format, OutputArgs};
use crate::context::Env;
use crate::engine::{self, Answers, PlannedStep};
use crate::error::Error;
use crate::kb::Kb;
use crate::kb::model::PhaseId;
use crate::kb::text::{Lang, Text};
use crate::profile::{self, Member, Profile, check_member_name};
use crate::render::{self, Style};
use crate::wording::messages;

/// `mynumber profile add NAME`: a new member with their own answers. Into an empty profile, the
/// member becomes the first one (the default).
pub(crate) fn add_member(
    env: &Env,
    name: &str,
    file: Option<&Path>,
    pairs: &[String],
) -> Result<(), Error> {
    let kb = &env.kb;
    check_member_name(name).map_err(|m| {
        Error::usage(crate::kb::text::Text::new(
            format!("`{name}`: {}", m.en),
            format!("「{name}」：{}", m.ja),
        ))
    })?;
    let mut household = profile::load_default(kb, env.lang)?;
    if household.exists && household.member_names().iter().any(|n| n == name) {
        return Err(Error::usage(messages::member_exists(name)).hint(messages::member_other_name()));
    }
    let mut given = Answers::new();
    if let Some(path) = file {
        given.overlay(&crate::answers::read_answers_file(kb, path)?);
    }
    given.overlay(&crate::answers::parse_pairs(kb, pairs)?);
    crate::answers::check(kb, &given, env.today)?;
    let missing = crate::engine::plan::missing_required(kb, &given, env.today);
    let answers = if missing.is_empty() {
        given
    } else if env.interactive {
        let interview = crate::interview::Interview {
            kb,
            lang: env.lang,
            today: env.today,
            locked: &Answers::new(),
        };
        let mut prompter = crate::interview::term::Dialoguer::new(env.lang);
        let mine = interview.run(given, &mut prompter)?;
        drop(prompter);
        mine
    } else {
        return Err(crate::context::missing_answers_error(env, &missing));
    };
    let first = !household.exists;
    if first {
        household.name = Some(name.to_string());
        household.set_answers(&answers);
    } else {
        let mut person = Profile::default();
        person.set_answers(&answers);
        household.members.push(Member {
            name: name.to_string(),
            person,
        });
    }
    household.save(kb)?;
    let count = household.member_names().len();
    match env.lang {
        Lang::En => crate::say!(
            "Added {name} to the household ({count} member{}){}.\nSaved in {}",
            if count == 1 { "" } else { "s" },
            if first { ", the default member" } else { "" },
            household.path.display()
        ),
        Lang::Ja => crate::say!(
            "{name}を世帯に追加しました（{count}人{}）。\n保存先：{}",
            if first {
                "、既定のメンバー"
            } else {
                ""
            },
            household.path.display()
        ),
    }
    Ok(())
}

// ---------------------------------------------------------------- the household's plan

/// One line of the household's plan: a step, and whose it is. A household step (`household =
/// true`) with the same status and deadline for several members is one row for all of them.
#[derive(Debug, Clone)]
pub(crate) struct Row<'k> {
    pub(crate) step: PlannedStep<'k>,
    pub(crate) who: Vec<String>,
}

impl Row<'_> {
    pub(crate) fn id(&self) -> &str {
        self.step.id()
    }
}

/// Merges the members' steps: household steps once for the members they cover when their
/// dates agree; order by deadline, then dependency, then the members' order.
pub(crate) fn merge<'k>(per_member: Vec<(String, Vec<PlannedStep<'k>>)>) -> Vec<Row<'k>> {
    let mut rows: Vec<(usize, Row<'k>)> = Vec::new();
    for (i, (name, steps)) in per_member.into_iter().enumerate() {
        for p in steps {
            let shared = p.step.decl.household;
            let same = rows.iter_mut().find(|(_, r)| {
                shared
                    && r.id() == p.id()
                    && r.step.status == p.status
                    && r.step.deadline == p.deadline
                    && r.step.opens == p.opens
            });
            match same {
                Some((_, r)) => r.who.push(name.clone()),
                None => rows.push((
                    i,
                    Row {
                        step: p,
                        who: vec![name.clone()],
                    },
                )),
            }
        }
    }
    rows.sort_by_key(|(i, r)| {
        (
            r.step.deadline.unwrap_or(NaiveDate::MAX),
            r.step.step.rank,
            r.id().to_string(),
            *i,
        )
    });
    rows.into_iter().map(|(_, r)| r).collect()
}

/// The household's plan on `today`.
pub(crate) fn plan<'k>(kb: &'k Kb, people: &[(String, Answers)], today: NaiveDate) -> Vec<Row<'k>> {
    merge(
        people
            .iter()
            .map(|(n, a)| (n.clone(), engine::make_plan(kb, a, today).steps))
            .collect(),
    )
}

/// Rows grouped by phase, phases in the knowledge base's order.
pub(crate) fn by_phase<'a, 'k>(rows: &'a [Row<'k>]) -> Vec<(PhaseId, Vec<&'a Row<'k>>)> {
    let mut groups: Vec<(PhaseId, Vec<&'a Row<'k>>)> = Vec::new();
    for r in rows {
        let phase = r.step.step.rules.phase;
        match groups.iter_mut().find(|(k, _)| *k == phase) {
            Some((_, v)) => v.push(r),
            None => groups.push((phase, vec![r])),
        }
    }
    groups.sort_by_key(|(k, _)| *k);
    groups
}

// ---------------------------------------------------------------- one sheet for one visit

/// What one person brings and knows on the visit.
pub(crate) struct Person<'k> {
    pub(crate) name: String,
    pub(crate) relation: Option<Text>,
    pub(crate) documents: Vec<Needed<'k>>,
    pub(crate) pins: Vec<Needed<'k>>,
    pub(crate) fees: Vec<checklist::Fee>,
    /// The knowledge base's notes for this member on the visit day (what is specific to a
    /// child).
    pub(crate) child: Vec<Text>,
}

/// The household's sheet for one visit.
pub(crate) struct Sheet<'k> {
    pub(crate) today: NaiveDate,
    pub(crate) visit: NaiveDate,
    pub(crate) closed: Option<Text>,
    pub(crate) warnings: Vec<Text>,
    pub(crate) steps: Vec<Row<'k>>,
    /// Items needed once for the household, with the members whose steps ask for them.
    pub(crate) shared: Vec<(Needed<'k>, Vec<String>)>,
    pub(crate) people: Vec<Person<'k>>,
    pub(crate) asks: Vec<checklist::Ask>,
}

/// The knowledge base's notes for this member (`member_note` in derived.toml) whose condition
/// holds on the visit day: what is specific to a child (the legal representative at pickup
/// under 15, the card's 5th-birthday limit under 18), with the member's own dates filled in.
fn member_notes(kb: &Kb, answers: &Answers, visit: NaiveDate) -> Vec<Text> {
    let ctx = engine::Ctx::new(kb, answers, visit);
    kb.member_note_rules
        .iter()
        .filter(|n| ctx.cond(&n.when).truth == engine::Truth::Yes)
        .filter_map(|n| engine::plan::pick(&ctx, &n.text))
        .collect()
}

/// The sheet for a visit on `visit`: every member's checklist, merged.
pub(crate) fn sheet<'k>(
    kb: &'k Kb,
    people: &[(String, Answers)],
    today: NaiveDate,
    visit: NaiveDate,
) -> Sheet<'k> {
    let lists: Vec<(String, Checklist<'k>)> = people
        .iter()
        .map(|(n, a)| (n.clone(), checklist::build(kb, a, today, visit)))
        .collect();
    let closed = lists.first().and_then(|(_, c)| c.closed.clone());
    let mut warnings: Vec<Text> = Vec::new();
    let mut asks: Vec<checklist::Ask> = Vec::new();
    let mut shared: Vec<(Needed<'k>, Vec<String>)> = Vec::new();
    let mut persons = Vec::new();
    let mut per_member = Vec::new();
    for ((name, c), (_, answers)) in lists.into_iter().zip(people) {
        for w in c.warnings {
            if !warnings.contains(&w) {
                warnings.push(w);
            }
        }
        for a in c.asks {
            if !asks.iter().any(|x| x.step == a.step) {
                asks.push(a);
            }
        }
        let mut documents = Vec::new();
        for d in c.documents {
            if d.item.household {
                match shared.iter_mut().find(|(n, _)| n.key == d.key) {
                    Some((n, who)) => {
                        who.push(name.clone());
                        for s in d.for_steps {
                            if !n.for_steps.contains(&s) {
                                n.for_steps.push(s);
                            }
                        }
                    }
                    None => shared.push((d, vec![name.clone()])),
                }
            } else {
                documents.push(d);
            }
        }
        let relation = answers.get("relation").and_then(|v| {
            let key = v.render();
            kb.fact("relation").and_then(|f| match f.ty.get_ref() {
                crate::kb::schema::FactType::Choice(cs) => {
                    cs.iter().find(|c| c.value == key).map(|c| c.label.clone())
                }
                _ => None,
            })
        });
        persons.push(Person {
            name: name.clone(),
            relation,
            documents,
            pins: c.pins,
            fees: c.fees,
            child: member_notes(kb, answers, visit),
        });
        per_member.push((name, c.steps));
    }
    Sheet {
        today,
        visit,
        closed,
        warnings,
        steps: merge(per_member),
        shared,
        people: persons,
        asks,
    }
}

// ---------------------------------------------------------------- the commands

fn style(env: &Env) -> Style {
    Style {
        lang: env.lang,
        color: false,
        width: env.width,
        all: false,
    }
}

/// `mynumber plan --household`. Each member's history is kept as for `plan --member NAME`.
pub(crate) fn run_plan(env: &Env, output: &OutputArgs, no_history: bool) -> Result<(), Error> {
    let people = crate::context::household_answers(env)?;
    // Each member's changes; one line when nothing changed for anyone.
    let mut blocks = String::new();
    if !no_history {
        let mut since = None;
        for (name, answers) in &people {
            let plan = engine::make_plan(&env.kb, answers, env.today);
            let args = crate::cli::AnswerArgs::default();
            if let Some(b) = crate::history::remember(env, &args, &plan, answers, Some(name))? {
                since = since.max(Some(b.since));
                if !b.unchanged {
                    blocks.push_str(&b.text);
                }
            }
        }
        if let (true, Some(d)) = (blocks.is_empty(), since) {
            blocks = crate::history::nothing_changed(d, env.lang);
        }
    }
    let names: Vec<String> = people.iter().map(|(n, _)| n.clone()).collect();
    let rows = plan(&env.kb, &people, env.today);
    let style = style(env);
    let (kb, today) = (&env.kb, env.today);
    crate::context::write_output(output, |fmt, out| {
        // The changes since the last plans lead the formats read as text, as for one person.
        if matches!(fmt, Format::Table | Format::Markdown) {
            out.write_all(blocks.as_bytes())?;
        }
        match fmt {
            Format::Table => render::household::plan_table(kb, today, &names, &rows, style, out),
            Format::Json => render::household::plan_json(kb, today, &names, &rows, style, out),
            Format::Markdown => {
                render::household::plan_markdown(kb, today, &names, &rows, style, out)
            }
            Format::Ics => render::ics::render_household(kb, today, &rows, style, out),
            Format::Html => render::household::plan_html(kb, today, &names, &rows, style, out),
        }
    })
}

/// `mynumber checklist --household [--visit DATE]`.
pub(crate) fn run_checklist(
    env: &Env,
    output: &OutputArgs,
    visit: Option<&str>,
) -> Result<(), Error> {
    let visit = crate::context::parse_visit(visit, env.today)?;
    let people = crate::context::household_answers(env)?;
    let format = output.format.unwrap_or(Format::Table);
    let s = sheet(&env.kb, &people, env.today, visit);
    if format == Format::Table || output.output.is_some() {
        for w in &s.warnings {
            crate::say!("warning: {}", w.get(env.lang));
        }
    }
    let style = style(env);
    crate::context::write_output(output, |fmt, out| match fmt {
        Format::Table => render::household::sheet_table(&env.kb, &s, style, out),
        Format::Json => render::household::sheet_json(&env.kb, &s, style, out),
        Format::Markdown => render::household::sheet_markdown(&env.kb, &s, style, out),
        Format::Ics => render::ics::render_household_checklist(&env.kb, &s, style, out),
        Format::Html => render::household::sheet_html(&env.kb, &s, style, out),
    })
}
