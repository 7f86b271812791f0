//! `mynumber man`: manual pages (roff) made from the same clap definitions as the parser.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Error;
use crate::wording::messages;

/// `mynumber man`: the main page on stdout, or every page into `dir`.
pub(crate) fn run(dir: Option<&Path>, out: &mut dyn Write) -> Result<(), Error> {
    // The page's header has room for one line: the program's version, dated by the knowledge
    // base (the version text `--version` prints has two lines).
    let cmd = Cli::command().version(env!("CARGO_PKG_VERSION"));
    match dir {
        None => clap_mangen::Man::new(cmd)
            .date(env!("MYNUMBER_KB_DATE"))
            .render(out)
            .and_then(|()| out.flush())
            .or_else(|e| match e.kind() {
                std::io::ErrorKind::BrokenPipe => Ok(()),
                _ => Err(e),
            })
            .map_err(|e| Error::failure(messages::cannot_write_man(e))),
        Some(dir) => {
            fn pages(cmd: clap::Command, dir: &Path) -> std::io::Result<()> {
                for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
                    pages(sub.clone(), dir)?;
                }
                clap_mangen::Man::new(cmd)
                    .date(env!("MYNUMBER_KB_DATE"))
                    .generate_to(dir)
                    .map(drop)
            }
            let mut cmd = cmd.disable_help_subcommand(true);
            cmd.build();
            std::fs::create_dir_all(dir)
                .and_then(|()| pages(cmd, dir))
                .map_err(|e| Error::failure(messages::cannot_write_man_dir(dir.display(), e)))?;
            Ok(())
        }
    }
}
