//! Shared helpers for the integration tests: run the built binary in the fixtures directory
//! and render exit code, stdout and stderr as one snapshot text.

#![allow(dead_code)]

use std::fmt;
use std::path::{Path, PathBuf};

/// The fixtures directory; commands run there so paths in output are short and stable.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `../shared/` next to the checkout (test tables and the KubeVirt corpus).
pub fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// A command being built.
pub struct Invocation {
    command: assert_cmd::Command,
}

/// Starts `kubectl-density ARGS` in the fixtures directory, with a clean colour environment.
pub fn density(args: &[&str]) -> Invocation {
    let mut command = assert_cmd::Command::cargo_bin("kubectl-density").expect("binary built");
    command
        .args(args)
        .current_dir(fixtures())
        .env_remove("NO_COLOR")
        .env_remove("KUBECONFIG")
        .env("TERM", "xterm")
        .env("RUST_BACKTRACE", "0");
    Invocation { command }
}

impl Invocation {
    pub fn stdin(mut self, text: &str) -> Self {
        self.command.write_stdin(text.to_string());
        self
    }

    pub fn current_dir(mut self, dir: &Path) -> Self {
        self.command.current_dir(dir);
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.command.env(key, value);
        self
    }

    pub fn run(mut self) -> Run {
        let output = self.command.output().expect("binary runs");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// What a run produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "exit: {}", self.code)?;
        writeln!(f, "--- stdout")?;
        write!(f, "{}", self.stdout)?;
        writeln!(f, "--- stderr")?;
        write!(f, "{}", self.stderr)
    }
}
pub mod emulator;
