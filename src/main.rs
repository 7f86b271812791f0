use std::process::ExitCode;

fn main() -> ExitCode {
    mynumber::run()
}
