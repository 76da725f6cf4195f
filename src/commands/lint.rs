//! `kubectl density lint`: settings from flags and the config file, inputs, the rule engine,
//! a renderer, and the exit code from `--fail-on`.

use std::collections::HashSet;
use std::io::Write;

use anyhow::{Result, bail};

use super::{exit, resolve_model};
use crate::cli::{FailOn, KubeArgs, LintArgs, LintFormat};
use crate::config;
use crate::diagnostic::Severity;
use crate::manifest::read::read_sources;
use crate::render;
use crate::rules::{self, engine};

/// Resolves `--select`/`--ignore` values (codes or names) to rule codes.
fn rule_codes(values: &[String], flag: &str) -> Result<HashSet<&'static str>> {
    values
        .iter()
        .filter(|v| !v.trim().is_empty())
        .map(|value| match rules::find(value) {
            Some(rule) => Ok(rule.code),
            None => bail!("{flag}: unknown rule '{value}' (see `kubectl density rules`)"),
        })
        .collect()
}

/// Whether any finding reaches the threshold.
pub fn fails(max: Option<Severity>, fail_on: FailOn) -> bool {
    let threshold = match fail_on {
        FailOn::Never => return false,
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    max.is_some_and(|max| max >= threshold)
}

pub fn run(args: &LintArgs, _kube: &KubeArgs, out: &mut impl Write) -> Result<u8> {
    let config = config::load(args.config.as_deref())?;
    let settings = engine::LintSettings {
        model: resolve_model(&args.model, &config.model)?,
        severity_overrides: config.rules.iter().copied().collect(),
        select: rule_codes(&args.select, "--select")?,
        ignore: rule_codes(&args.ignore, "--ignore")?,
        ignore_annotations: !args.no_ignore_annotations,
    };
    if args.input.filenames.is_empty() {
        bail!(
            "no input: pass -f PATH (a file, a directory, or - for stdin); linting live VMs from the cluster is not implemented yet"
        );
    }
    if args.nodes {
        bail!("--nodes needs cluster access, which is not implemented yet");
    }
    let sources = read_sources(&args.input.filenames, args.input.recursive)?;
    let report = engine::lint_sources(&sources, &settings);
    match args.output {
        LintFormat::Text => render::text::lint(out, &report, &sources)?,
        LintFormat::Json => render::json::lint(out, &report)?,
        LintFormat::Sarif => render::sarif::lint(out, &report)?,
    }
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(FailOn::Warning);
    Ok(if fails(report.max_severity(), fail_on) {
        exit::FINDINGS
    } else {
        exit::SUCCESS
    })
}
