#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

use chronoatlas::cli::{self, Cli, Failure};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let first = std::env::args_os().nth(1);
    let mistyped = || first.as_deref().and_then(cli::mistyped_command);
    let args = match Cli::try_parse() {
        Ok(args) => args,
        // `chronoatlas valdate --source x` fails on --source; the cause is the command's name.
        Err(e) if e.use_stderr() => match mistyped() {
            Some(failure) => return fail(failure),
            None => e.exit(),
        },
        Err(e) => e.exit(),
    };
    if let Some(command) = &args.command {
        return cli::run(command, &mut std::io::stdout().lock());
    }
    if let Some(failure) = args.file.as_deref().and_then(|f| cli::mistyped_command(f.as_os_str())) {
        return fail(failure);
    }
    let (chronicle, name, mut startup) = match cli::window_startup(&args) {
        Ok(loaded) => loaded,
        Err(failure) => return fail(failure),
    };
    startup.started = Some(started);
    match chronoatlas::app::run(chronicle, name, startup) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("chronoatlas: cannot open the window: {e}");
            ExitCode::from(2)
        }
    }
}

/// Prints the one line that says what to fix; exit code 2.
fn fail(Failure(message): Failure) -> ExitCode {
    eprintln!("chronoatlas: {message}");
    ExitCode::from(2)
}
