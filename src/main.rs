//! The `kubectl-density` binary: parse arguments, decide colour, dispatch, and map errors to
//! exit codes. Errors are printed as `error: …` (never returned from `main`, which would print
//! a backtrace where RUST_BACKTRACE is set).

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use kubectl_density::cli::{Cli, ColorChoice, display_name};
use kubectl_density::commands::{self, exit};
use kubectl_density::complete;

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

/// A completion request in cobra's protocol, and whether to describe the candidates:
/// `kubectl_complete-density ARGS…` (kubectl 1.26+ runs the plugin's completion helper from
/// the PATH; a link or copy of this binary under that name answers itself), or
/// `kubectl-density __complete ARGS…` (what the helper script runs; `__completeNoDesc` as in
/// cobra).
fn completion_request(args: &[OsString]) -> Option<(Vec<String>, bool)> {
    let words = |from: usize| {
        args.iter()
            .skip(from)
            .map(|word| word.to_string_lossy().into_owned())
            .collect()
    };
    let program = args
        .first()
        .and_then(|argv0| Path::new(argv0).file_name())
        .map(|name| name.to_string_lossy());
    let program = program.as_deref().unwrap_or_default();
    if program.strip_suffix(".exe").unwrap_or(program) == "kubectl_complete-density" {
        return Some((words(1), true));
    }
    match args.get(1).and_then(|arg| arg.to_str()) {
        Some("__complete") => Some((words(2), true)),
        Some("__completeNoDesc") => Some((words(2), false)),
        _ => None,
    }
}

/// Answers a completion request on stdout; a closed pipe is not an error.
fn answer_completion(words: &[String], descriptions: bool) -> ExitCode {
    let completions = complete::complete(Cli::command(), words, &complete::System);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match completions
        .write_cobra(&mut out, descriptions)
        .and_then(|()| out.flush())
    {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            let _ = writeln!(io::stderr(), "error: {error}");
            ExitCode::from(exit::USAGE)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    if let Some((words, descriptions)) = completion_request(&args) {
        return answer_completion(&words, descriptions);
    }
    let argv0 = args.first().map(|arg| arg.to_string_lossy().into_owned());
    let name = display_name(argv0.as_deref());
    let command = Cli::command().name(name.clone()).bin_name(name.clone());
    let matches = match command.try_get_matches_from(args) {
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
