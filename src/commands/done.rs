//! `mynumber done STEP [--on DATE]`: record a step as done in the saved profile.

use crate::context::Env;
use crate::engine::events;
use crate::engine::facts::Value;
use crate::error::Error;
use crate::kb::Kb;
use crate::profile;
use crate::wording::messages;
use std::fmt::Write as _;

/// Records the step: the fact it `records` (e.g. the day a card was received) when it has one,
/// else the day it was done.
pub(crate) fn run(
    env: &Env,
    step: &str,
    on: Option<&str>,
    member: Option<&str>,
) -> Result<(), Error> {
    let kb = &env.kb;
    let Some(s) = kb.step(step) else {
        let mut e = Error::usage(messages::no_such_step(step));
        if let Some(s) = Kb::suggest(step, kb.steps.iter().map(|s| s.decl.id.get_ref().as_str())) {
            e = e.hint(messages::did_you_mean(s));
        }
        return Err(e.hint(messages::kb_list_hint()));
    };
    let day = match on {
        Some(d) => crate::context::parse_day(d, "--on")?,
        None => env.today,
    };
    if day > env.today {
        return Err(Error::usage(messages::done_in_future(day, env.today)));
    }
    // Held until the profile is saved: concurrent `done`s are applied one after another.
    let _lock = profile::Lock::acquire_default()?;
    let mut household = profile::load_default(kb, env.lang)?;
    let who = household.member_index(member)?;
    // The member's own record (the whole profile for the first member), put back to be saved.
    let mut profile = household.person(who).clone();
    // A completed move or card becomes the present (spec v2): not a `[done]` entry, which would
    // mark the next move or card as done too.
    let mut rolled_answers = profile.answers.clone();
    if let Some(r) = events::roll_into_present(&mut rolled_answers, step, day) {
        let warnings = crate::answers::check(kb, &rolled_answers, env.today)?;
        crate::answers::warn_order(&warnings, env.lang);
        profile.answers = rolled_answers;
        profile.done.remove(step);
        *household.person_mut(who) = profile.clone();
        household.save(kb)?;
        let set: Vec<String> = r
            .set
            .iter()
            .map(|(k, v)| format!("{k} = {}", v.render()))
            .collect();
        let title = s.decl.title.get(env.lang);
        let joiner = messages::list_separator(env.lang);
        let cleared = if r.cleared.is_empty() {
            messages::nothing().get(env.lang).to_string()
        } else {
            r.cleared.join(joiner)
        };
        let said = messages::done_rolled(
            title,
            step,
            day,
            set.join(joiner),
            cleared,
            household.path.display(),
        );
        crate::say!("{}", said.get(env.lang));
        return Ok(());
    }
    let what = if let Some(fact) = &s.decl.records {
        let mut a = profile.answers.clone();
        a.set(fact.get_ref().clone(), Value::Date(day));
        let mut what = format!("{} = {day}", fact.get_ref());
        for (implied, v) in events::implied_by(step) {
            a.set(*implied, Value::Bool(*v));
            let _ = write!(what, ", {implied} = {v}");
        }
        let warnings = crate::answers::check(kb, &a, env.today)?;
        crate::answers::warn_order(&warnings, env.lang);
        profile.answers = a;
        what
    } else {
        profile.done.insert(step.to_string(), day);
        profile.answers.mark_done(step);
        messages::done_on(day).get(env.lang).to_string()
    };
    *household.person_mut(who) = profile.clone();
    household.save(kb)?;
    let title = s.decl.title.get(env.lang);
    let said = messages::done_recorded(title, step, what, household.path.display());
    crate::say!("{}", said.get(env.lang));
    Ok(())
}
