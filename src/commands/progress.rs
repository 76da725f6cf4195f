//! Progress on stderr for long work (listing thousands of objects, reading hundreds of nodes),
//! drawn only when stderr is a terminal: pipes and CI logs stay clean.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A counter of objects or nodes done, with what is being done; hidden off a terminal.
pub fn counter(total: Option<u64>, what: &str) -> ProgressBar {
    let bar = match total {
        Some(total) => ProgressBar::new(total),
        None => ProgressBar::new_spinner(),
    };
    if !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
        return bar;
    }
    let template = match total {
        Some(_) => "{spinner} {msg} {pos}/{len} [{bar:30}] {elapsed}",
        None => "{spinner} {msg} {pos} {elapsed}",
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_string());
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}
