//! Unified diffs of rewritten files (`--- a/path`, `+++ b/path`, three lines of context),
//! coloured when colour is on, and the density effect lines of `apply-overcommit`.

use std::io::{self, Write};

use colored::Colorize;
use similar::TextDiff;

/// Writes the unified diff of one file; nothing when the texts are equal.
pub fn unified(out: &mut impl Write, name: &str, before: &str, after: &str) -> io::Result<()> {
    if before == after {
        return Ok(());
    }
    let name = name.strip_prefix("./").unwrap_or(name);
    let diff = TextDiff::from_lines(before, after);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string();
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, "\n\\ No newline at end of file\n"),
        };
        let painted = if body.starts_with("+++") || body.starts_with("---") {
            body.bold().to_string()
        } else if body.starts_with('+') {
            body.green().to_string()
        } else if body.starts_with('-') {
            body.red().to_string()
        } else if body.starts_with("@@") {
            body.cyan().to_string()
        } else {
            body.to_string()
        };
        write!(out, "{painted}{newline}")?;
    }
    Ok(())
}
