//! One integration-test binary (each test binary is a separate link step).

mod common;

mod batch;
mod cli;
mod explain;
mod hardening;
mod history;
mod household;
mod interview;
mod kb_check;
mod lang;
mod lang_files;
mod next;
mod prompts;
mod punctuation;
mod render;
mod scenarios;
mod schema;
mod shell;
mod width;
mod wording;
