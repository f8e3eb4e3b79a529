#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

use chronoatlas::cli::{self, Cli, Failure};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let args = Cli::parse();
    if let Some(command) = &args.command {
        return cli::run(command, &mut std::io::stdout().lock());
    }
    let (chronicle, name, mut startup) = match cli::window_startup(&args) {
        Ok(loaded) => loaded,
        Err(Failure(message)) => {
            eprintln!("chronoatlas: {message}");
            return ExitCode::from(2);
        }
    };
    startup.started = Some(started);
    match chronoatlas::app::run(chronicle, name, startup) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("chronoatlas: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}
