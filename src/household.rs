//! The household: several members in one saved profile (`mynumber profile add NAME`). Their
//! plans merged and their visit sheet are the model in [`crate::checklist::household`]; the
//! commands `plan --household` and `checklist --household` show them.

use std::path::Path;

use chrono::NaiveDate;

use crate::engine::Answers;
use crate::error::Error;
use crate::kb::Kb;
use crate::kb::text::Lang;
use crate::profile::{self, Member, Profile, check_member_name};
use crate::wording::messages;

/// Where `profile add` takes the new member's answers from: an answers file, `--answer`
/// pairs, and (on a terminal) the interview for what they leave missing.
pub(crate) struct Given<'a> {
    pub(crate) file: Option<&'a Path>,
    pub(crate) pairs: &'a [String],
    /// Prompts are possible.
    pub(crate) interactive: bool,
}

/// `mynumber profile add NAME`: a new member with their own answers. Into an empty profile, the
/// member becomes the first one (the default).
pub(crate) fn add_member(
    kb: &Kb,
    today: NaiveDate,
    lang: Lang,
    name: &str,
    given: &Given<'_>,
) -> Result<(), Error> {
    check_member_name(name).map_err(|m| {
        Error::usage(messages::nest(&m, |p| {
            messages::member_name_problem(name, p)
        }))
    })?;
    let mut household = profile::load_default(kb, lang)?;
    if household.exists && household.member_names().iter().any(|n| n == name) {
        return Err(Error::usage(messages::member_exists(name)).hint(messages::member_other_name()));
    }
    let mut answers = Answers::new();
    if let Some(path) = given.file {
        answers.overlay(&crate::answers::read_answers_file(kb, path)?);
    }
    answers.overlay(&crate::answers::parse_pairs(kb, given.pairs)?);
    let warnings = crate::answers::check(kb, &answers, today)?;
    crate::answers::warn_order(&warnings, lang);
    let missing = crate::engine::plan::missing_required(kb, &answers, today);
    let answers = if missing.is_empty() {
        answers
    } else if given.interactive {
        let interview = crate::interview::Interview {
            kb,
            lang,
            today,
            locked: &Answers::new(),
        };
        let mut prompter = crate::interview::term::Dialoguer::new(lang);
        let mine = interview.run(answers, &mut prompter)?;
        drop(prompter);
        mine
    } else {
        return Err(crate::answers::missing_error(kb, &missing));
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
    let path = household.path.display();
    let added = if first {
        messages::member_added_first(name, path)
    } else {
        messages::member_added(name, count, path)
    };
    crate::say!("{}", added.get(lang));
    Ok(())
}
