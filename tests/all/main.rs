//! One integration-test binary (each test binary is a separate link step).

mod common;

mod cli;
mod explain;
mod interview;
mod render;
mod scenarios;
mod shell;
mod wording;
