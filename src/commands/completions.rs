//! `mynumber completions SHELL`: a completion script made from the same clap definitions as
//! the parser.
//!
//! The scripts are static, but the lists in them come from the knowledge base: step
//! ids for `explain` and `done`, and `FACT=VALUE` forms for `--answer` (every status key,
//! every choice, yes/no, and `FACT=` for dates). These lists exist only in the generated
//! script; the parser itself still accepts any text there and explains what is wrong with it.

use std::fmt::Write as _;
use std::io::Write;

use clap::CommandFactory;
use clap::builder::{PossibleValue, PossibleValuesParser};

use crate::cli::Cli;
use crate::context::{Env, write_stdout};
use crate::error::Error;
use crate::kb::Kb;
use crate::kb::schema::FactType;
use crate::kb::text::Lang;

/// Every step id, once (dated variants share an id), with its title in `lang` as help.
fn step_values(kb: &Kb, lang: Lang) -> Vec<PossibleValue> {
    let mut seen = std::collections::HashSet::new();
    kb.steps
        .iter()
        .filter(|s| seen.insert(s.decl.id.get_ref().as_str()))
        .map(|s| {
            PossibleValue::new(s.decl.id.get_ref().clone()).help(s.decl.title.get(lang).to_string())
        })
        .collect()
}

/// `FACT=VALUE` for every value a fact can take that is a word, `FACT=` for dates.
fn answer_values(kb: &Kb, lang: Lang) -> Vec<PossibleValue> {
    let mut out = Vec::new();
    for f in &kb.facts {
        let name = f.name.get_ref();
        let noun = f.noun.get(lang).to_string();
        match f.ty.get_ref() {
            FactType::Date => {
                out.push(PossibleValue::new(format!("{name}=")).help(date_help(&noun, lang)));
            }
            FactType::Bool => {
                for v in ["yes", "no"] {
                    out.push(PossibleValue::new(format!("{name}={v}")).help(noun.clone()));
                }
            }
            FactType::Status => {
                for s in &kb.statuses {
                    out.push(
                        PossibleValue::new(format!("{name}={}", s.key.get_ref()))
                            .help(s.name.get(lang).to_string()),
                    );
                }
            }
            FactType::Choice(choices) => {
                for c in choices {
                    out.push(
                        PossibleValue::new(format!("{name}={}", c.value))
                            .help(c.label.get(lang).to_string()),
                    );
                }
            }
            FactType::Municipality => {
                for m in &kb.municipalities {
                    out.push(
                        PossibleValue::new(format!("{name}={}", m.code))
                            .help(m.name.get(lang).to_string()),
                    );
                }
            }
        }
    }
    out
}

/// A date fact's help: what it is, then the form.
fn date_help(noun: &str, lang: Lang) -> String {
    crate::wording::messages::date_value_help(noun)
        .get(lang)
        .to_string()
}

/// The parser's command with the knowledge base's lists attached for completion, their
/// descriptions in `lang` (the options' own help is clap's, in English).
pub(crate) fn completion_command(kb: &Kb, lang: Lang) -> clap::Command {
    let steps = step_values(kb, lang);
    let answers = answer_values(kb, lang);
    let with_steps = |c: clap::Command| {
        c.mut_arg("step", |a| {
            a.value_parser(PossibleValuesParser::new(steps.clone()))
        })
    };
    let with_answers = |c: clap::Command| {
        c.mut_arg("answer", |a| {
            a.value_parser(PossibleValuesParser::new(answers.clone()))
        })
    };
    Cli::command()
        .mut_subcommand("plan", with_answers)
        .mut_subcommand("checklist", with_answers)
        .mut_subcommand("explain", |c| with_answers(with_steps(c)))
        .mut_subcommand("done", with_steps)
}

/// `mynumber completions SHELL`: the script on stdout.
pub(crate) fn run(env: &Env, shell: clap_complete::Shell) -> Result<(), Error> {
    write_stdout(|out| write_script(&env.kb, env.lang, shell, out))
}

/// The script for `shell`.
pub(crate) fn write_script(
    kb: &Kb,
    lang: Lang,
    shell: clap_complete::Shell,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut cmd = completion_command(kb, lang);
    // The generators panic on a failed write (`| head`), so write to memory first.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "mynumber", &mut script);
    // The fish and PowerShell generators leave out positional values, and PowerShell's also
    // option values: add the knowledge base's lists to those scripts here.
    let script = String::from_utf8_lossy(&script);
    let script = match shell {
        clap_complete::Shell::Fish => fish_extras(kb, lang, &script),
        clap_complete::Shell::PowerShell => powershell_extras(kb, lang, &script),
        _ => script.into_owned(),
    };
    out.write_all(script.as_bytes()).and_then(|()| out.flush())
}

/// Fish: step ids as the argument of `explain` and `done`, written as clap writes values with
/// descriptions (`"value\t'help'"`, one per line, inside double quotes).
fn fish_extras(kb: &Kb, lang: Lang, script: &str) -> String {
    let escape = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('\'', "\\'")
            .replace('"', "\\\"")
            .replace('$', "\\$")
    };
    let ids: Vec<String> = step_values(kb, lang)
        .iter()
        .map(|v| {
            let help = v
                .get_help()
                .map(std::string::ToString::to_string)
                .unwrap_or_default();
            format!("{}\\t'{}'", escape(v.get_name()), escape(&help))
        })
        .collect();
    let mut out = script.to_string();
    for sub in ["explain", "done"] {
        let _ = writeln!(
            out,
            "complete -c mynumber -n \"__fish_mynumber_using_subcommand {sub}\" -f -a \"{}\"",
            ids.join("\n")
        );
    }
    out
}

fn ps_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// PowerShell: step ids after `explain` and `done`, and `FACT=VALUE` after `--answer`.
fn powershell_extras(kb: &Kb, lang: Lang, script: &str) -> String {
    let list = |values: &[PossibleValue]| {
        values
            .iter()
            .map(|v| ps_quote(v.get_name()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let steps = list(&step_values(kb, lang));
    let answers = list(&answer_values(kb, lang));
    let prelude = format!(
        r#"
    $previous = ''
    if ($commandElements.Count -ge 2) {{
        $at = if ($wordToComplete -eq '') {{ $commandElements.Count - 1 }} else {{ $commandElements.Count - 2 }}
        $previous = $commandElements[$at].ToString()
    }}
    $values = @()
    if ($previous -eq '--answer') {{
        $values = @({answers})
    }} elseif ($commandElements.Count -ge 2 -and @('explain', 'done') -contains $commandElements[1].ToString() -and -not $wordToComplete.StartsWith('-')) {{
        $values = @({steps})
    }}
    if ($values.Count -gt 0) {{
        $values | Where-Object {{ $_ -like "$wordToComplete*" }} | ForEach-Object {{
            [CompletionResult]::new($_, $_, [CompletionResultType]::ParameterValue, $_)
        }}
        return
    }}
"#
    );
    let anchor = "    $commandElements = $commandAst.CommandElements\n";
    match script.find(anchor) {
        Some(at) => {
            let end = at + anchor.len();
            format!("{}{prelude}{}", &script[..end], &script[end..])
        }
        None => script.to_string(),
    }
}
