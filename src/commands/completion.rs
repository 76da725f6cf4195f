//! `kubectl density completion SHELL`: shell completion scripts generated from the clap
//! definition, and `completion kubectl-plugin`, which installs kubectl's completion helper.
//!
//! The bash, zsh and fish scripts complete the `kubectl-density` command. `kubectl density
//! <TAB>` is kubectl's own completion: kubectl 1.26+ asks the executable
//! `kubectl_complete-density` on the PATH, in cobra's `__complete` protocol (answered by
//! [`crate::complete`]). krew links only the plugin binary into `~/.krew/bin`, so it cannot
//! install that helper; `completion kubectl-plugin` writes it next to the binary kubectl runs.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use super::exit;
use crate::cli::{Cli, CompletionArgs, CompletionShell};

/// The name kubectl looks for (`kubectl_complete-<plugin>`).
pub const HELPER_NAME: &str = "kubectl_complete-density";

/// The helper: a script that runs `kubectl-density __complete ARGS…` (the binary next to it,
/// else the one on the PATH). The same bytes as `completions/kubectl_complete-density`.
pub const HELPER_SCRIPT: &str = include_str!("../../completions/kubectl_complete-density");

pub fn run(args: &CompletionArgs, out: &mut impl Write, name: &str) -> Result<u8> {
    let shell = match args.shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
        CompletionShell::KubectlPlugin => return install_helper(out, name),
    };
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "kubectl-density", &mut script);
    let mut script = String::from_utf8(script).context("completion script is not UTF-8")?;
    if shell == Shell::Bash {
        // clap_complete ≤ 4.6 spells a hyphenated program's subcommand states two ways in
        // bash (`kubectl__density__subcmd__lint` in the dispatch loop, `kubectl__subcmd__…`
        // in the case arms), so no subcommand's flags would complete (clap issue #6421).
        script = script.replace("kubectl__subcmd__density", "kubectl__density");
    }
    if shell == Shell::Fish {
        script.push_str(&fish_positional_values(Cli::command()));
    }
    out.write_all(script.as_bytes())?;
    Ok(exit::SUCCESS)
}

/// clap_complete's fish script completes the values of options but not of positional
/// arguments (`completion <TAB>`): one more line per subcommand positional that has them.
fn fish_positional_values(mut command: clap::Command) -> String {
    command.build();
    let mut lines = String::new();
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        for arg in sub.get_positionals() {
            let values: Vec<_> = arg
                .get_possible_values()
                .into_iter()
                .filter(|value| !value.is_hide_set())
                .collect();
            if values.is_empty() {
                continue;
            }
            let names: Vec<&str> = values.iter().map(|value| value.get_name()).collect();
            let candidates: Vec<String> = values
                .iter()
                .map(|value| {
                    let help = value.get_help().map(|h| h.to_string()).unwrap_or_default();
                    let help = help
                        .replace('\\', "\\\\")
                        .replace('\'', "\\'")
                        .replace('"', "\\\"")
                        .replace('$', "\\$");
                    format!("{}\\t'{help}'", value.get_name())
                })
                .collect();
            lines.push_str(&format!(
                "complete -c kubectl-density -n \"__fish_kubectl_density_using_subcommand {}; and not __fish_seen_subcommand_from {}\" -f -a \"{}\"\n",
                sub.get_name(),
                names.join(" "),
                candidates.join(" ")
            ));
        }
    }
    lines
}

/// Writes the helper into the directory of the `kubectl-density` that is running.
fn install_helper(out: &mut impl Write, name: &str) -> Result<u8> {
    let dir = plugin_dir().context(
        "cannot tell which directory kubectl-density was run from; put completions/kubectl_complete-density from the source (or a link named kubectl_complete-density to kubectl-density) in a directory on the PATH",
    )?;
    let path = dir.join(helper_file_name());
    write_helper(&path).with_context(|| {
        format!(
            "cannot write {}; put completions/kubectl_complete-density from the source (or a link named {} to kubectl-density) in another directory on the PATH",
            path.display(),
            HELPER_NAME
        )
    })?;
    writeln!(out, "installed {}", path.display())?;
    if !on_path(&dir) {
        writeln!(
            out,
            "note: {} is not on the PATH; kubectl finds the helper only there",
            dir.display()
        )?;
    }
    writeln!(
        out,
        "`{name} <TAB>` now completes (kubectl 1.26 or newer) in shells that load kubectl's completion, e.g. with `source <(kubectl completion bash)`"
    )?;
    Ok(exit::SUCCESS)
}

/// The directory kubectl found the plugin in: argv[0]'s directory when kubectl (or the user)
/// ran it by path — not the symlink's target, as krew's `~/.krew/bin/kubectl-density` links
/// into a versioned store that an upgrade replaces — else the first `kubectl-density` on the
/// PATH, else the running executable's directory.
fn plugin_dir() -> Option<PathBuf> {
    let argv0 = std::env::args_os().next().map(PathBuf::from);
    if let Some(argv0) = argv0.filter(|path| path.components().count() > 1)
        && let Some(dir) = argv0.parent()
    {
        return std::path::absolute(dir).ok();
    }
    let from_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .find(|dir| is_executable(&dir.join(binary_file_name())))
            .and_then(|dir| std::path::absolute(dir).ok())
    });
    from_path.or_else(|| {
        std::env::current_exe()
            .ok()?
            .parent()
            .map(Path::to_path_buf)
    })
}

fn on_path(dir: &Path) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths)
            .any(|entry| std::path::absolute(&entry).is_ok_and(|entry| entry == dir))
    })
}

fn binary_file_name() -> OsString {
    OsString::from(format!("kubectl-density{}", std::env::consts::EXE_SUFFIX))
}

fn helper_file_name() -> OsString {
    OsString::from(format!("{HELPER_NAME}{}", std::env::consts::EXE_SUFFIX))
}

/// Unix: the script, written to a temporary file, made executable and renamed into place (an
/// existing helper or link is replaced whole).
#[cfg(unix)]
fn write_helper(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;

    let dir = path.parent().unwrap_or(Path::new("."));
    let temporary = dir.join(format!(".{HELPER_NAME}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(HELPER_SCRIPT.as_bytes())?;
        file.set_permissions(std::fs::Permissions::from_mode(0o755))?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Elsewhere (Windows runs no shell scripts): a copy of this binary, which answers as
/// `kubectl_complete-density` by its name.
#[cfg(not(unix))]
fn write_helper(path: &Path) -> std::io::Result<()> {
    std::fs::copy(std::env::current_exe()?, path).map(|_| ())
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}
