//! `kubectl density completion SHELL`: shell completion scripts generated from the clap
//! definition.

use std::io::Write;

use anyhow::{Result, bail};
use clap::CommandFactory;
use clap_complete::Shell;

use super::exit;
use crate::cli::{Cli, CompletionArgs, CompletionShell};

pub fn run(args: &CompletionArgs, out: &mut impl Write, _name: &str) -> Result<u8> {
    let shell = match args.shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
        CompletionShell::KubectlPlugin => {
            bail!(
                "installing the kubectl plugin completion helper is not implemented yet (tracked in issue #6)"
            )
        }
    };
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "kubectl-density", out);
    Ok(exit::SUCCESS)
}
