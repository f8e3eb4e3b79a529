#![forbid(unsafe_code)]

use chronoatlas::cli::{self, Cli};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    if let Some(command) = &args.command {
        return cli::run(command, &mut std::io::stdout().lock());
    }
    let (chronicle, name) = match cli::load_chronicle(args.file.as_deref()) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("chronoatlas: {e}");
            return ExitCode::from(2);
        }
    };
    match chronoatlas::app::run(chronicle, name) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chronoatlas: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}
