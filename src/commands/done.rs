//! `mynumber done STEP [--on DATE]`: record a step as done in the saved profile.

use crate::context::Env;
use crate::engine::facts::Value;
use crate::error::Error;
use crate::kb::Kb;
use crate::kb::text::Lang;
use crate::profile;

/// Records the step: the fact it `records` (e.g. the day a card was received) when it has one,
/// else the day it was done.
pub fn run(env: &Env, step: &str, on: Option<&str>) -> Result<(), Error> {
    let kb = &env.kb;
    let Some(s) = kb.step(step) else {
        let mut e = Error::usage(format!("there is no step `{step}`"));
        if let Some(s) = Kb::suggest(step, kb.steps.iter().map(|s| s.decl.id.get_ref().as_str())) {
            e = e.hint(format!("did you mean `{s}`?"));
        }
        return Err(e.hint("`mynumber kb list` lists the steps"));
    };
    let day = match on {
        Some(d) => crate::dates::parse(d).map_err(|m| Error::usage(format!("--on: {m}")))?,
        None => env.today,
    };
    if day > env.today {
        return Err(Error::usage(format!(
            "--on: {day} is after today ({}); record a step once it is done",
            env.today
        )));
    }
    let mut profile = profile::load_default(kb)?;
    let what = match &s.decl.records {
        Some(fact) => {
            let mut a = profile.answers.clone();
            a.set(fact.get_ref().clone(), Value::Date(day));
            crate::answers::check(kb, &a, env.today)?;
            profile.answers = a;
            format!("{} = {day}", fact.get_ref())
        }
        None => {
            profile.done.insert(step.to_string(), day);
            profile.answers.mark_done(step);
            format!("done on {day}")
        }
    };
    profile.save(kb)?;
    let title = s.decl.title.get(env.lang);
    match env.lang {
        Lang::En => eprintln!(
            "Recorded “{title}” ({step}) as done: {what}\nSaved in {}",
            profile.path.display()
        ),
        Lang::Ja => eprintln!(
            "「{title}」({step})を完了として記録しました: {what}\n保存先: {}",
            profile.path.display()
        ),
    }
    Ok(())
}
