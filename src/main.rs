//! The `kubectl-density` binary: parse arguments, decide colour, dispatch, and map errors to
//! exit codes. Errors are printed as `error: …` (never returned from `main`, which would print
//! a backtrace where RUST_BACKTRACE is set).

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use kubectl_density::cli::{Cli, ColorChoice, display_name};
use kubectl_density::commands::{self, exit};

/// Decides colour once, for stdout; `auto` follows NO_COLOR, TERM=dumb and whether stdout is
/// a terminal (colored's own detection ignores TERM=dumb).
fn configure_colour(choice: ColorChoice) {
    let enabled = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
                && io::stdout().is_terminal()
        }
    };
    colored::control::set_override(enabled);
}

/// Whether an error is a closed pipe (`| head`): not a failure.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn main() -> ExitCode {
    let argv0 = std::env::args().next();
    let name = display_name(argv0.as_deref());
    let command = Cli::command().name(name.clone()).bin_name(name.clone());
    let matches = match command.try_get_matches() {
        Ok(matches) => matches,
        Err(error) => {
            let code = if error.use_stderr() {
                exit::USAGE
            } else {
                exit::SUCCESS
            };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(exit::USAGE);
        }
    };
    configure_colour(cli.color);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = commands::run(cli, &mut out, &name).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = out.flush();
            let _ = writeln!(io::stderr(), "error: {error:#}");
            ExitCode::from(exit::USAGE)
        }
    }
}
