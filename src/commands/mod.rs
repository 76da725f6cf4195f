//! Command glue: from parsed flags (and the config file) to settings, inputs, the core, a
//! renderer and an exit code. `anyhow` is used here and in `main` only.

pub mod apply_overcommit;
pub mod completion;
pub mod eviction;
pub mod explain;
pub mod lint;
pub mod live;
pub mod plan;
pub mod progress;
pub mod rules;

use std::io::Write;

use anyhow::{Context as _, Result, bail};

use crate::cli::{Cli, Command, ModelArgs};
use crate::config::ModelDefaults;
use crate::kubevirt::ClusterModel;
use crate::kubevirt::cr::ClusterKnobs;

/// Exit codes (SPEC §3).
pub mod exit {
    pub const SUCCESS: u8 = 0;
    /// Findings at or above the threshold, a diff exists, or a partial failure.
    pub const FINDINGS: u8 = 1;
    /// Usage error, unreadable input, cluster unreachable.
    pub const USAGE: u8 = 2;
}

/// Runs the parsed command line; returns the exit code. Errors exit 2.
pub fn run(cli: Cli, out: &mut impl Write, name: &str) -> Result<u8> {
    match cli.command {
        Command::Lint(args) => lint::run(&args, &cli.kube, out),
        Command::Rules(args) => rules::run(&args, out),
        Command::Completion(args) => completion::run(&args, out, name),
        Command::ApplyOvercommit(args) => apply_overcommit::run(&args, &cli.kube, out),
        Command::Explain(args) => explain::run(&args, &cli.kube, out),
        Command::Eviction(args) => eviction::run(&args, &cli.kube, out),
        Command::Plan(args) => plan::run(&args, &cli.kube, out),
    }
}

/// Resolves the KubeVirt model: flags win over `--kubevirt-config`, which wins over the
/// config file's `model:` section, which wins over the defaults.
pub fn resolve_model(args: &ModelArgs, defaults: &ModelDefaults) -> Result<ClusterModel> {
    resolve_model_with(args, defaults, None)
}

/// Like [`resolve_model`], with the live cluster's KubeVirt CR between the config file and
/// the flags.
pub fn resolve_model_with(
    args: &ModelArgs,
    defaults: &ModelDefaults,
    live: Option<&ClusterKnobs>,
) -> Result<ClusterModel> {
    let mut model = ClusterModel::default();
    // Config file.
    if let Some(version) = defaults.kubevirt_version {
        model.version = version;
    }
    model.arch = defaults.arch;
    if let Some(percent) = defaults.memory_overcommit {
        model.memory_overcommit = percent;
    }
    if let Some(ratio) = defaults.cpu_allocation_ratio {
        model.cpu_allocation_ratio = ratio;
    }
    model.rollout_strategy = defaults.rollout_strategy;
    model.overhead_ratio = defaults.overhead_ratio.clone();
    model.auto_limits_ratio = defaults.auto_limits_ratio.clone();
    model.node_memory = defaults.node_memory;
    model.feature_gates = defaults.feature_gates.clone();
    if let Some(knobs) = live {
        knobs.apply_to(&mut model);
    }
    // A KubeVirt CR manifest.
    if let Some(path) = &args.kubevirt_config {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read --kubevirt-config file \"{path}\""))?;
        let knobs = ClusterKnobs::from_manifest(&text)
            .with_context(|| format!("--kubevirt-config file \"{path}\""))?;
        knobs.apply_to(&mut model);
    }
    // Flags.
    if let Some(version) = args.kubevirt_version {
        model.version = version;
    }
    if let Some(arch) = args.arch() {
        model.arch = Some(arch);
    }
    if let Some(percent) = args.memory_overcommit {
        model.memory_overcommit = percent;
    }
    if let Some(ratio) = args.cpu_allocation_ratio {
        model.cpu_allocation_ratio = ratio;
    }
    if let Some(strategy) = args.rollout_strategy() {
        model.rollout_strategy = Some(strategy);
    }
    if let Some(ratio) = &args.overhead_ratio {
        check_ratio("--overhead-ratio", ratio)?;
        model.overhead_ratio = Some(ratio.clone());
    }
    if let Some(ratio) = &args.auto_limits_ratio {
        check_ratio("--auto-limits-ratio", ratio)?;
        model.auto_limits_ratio = Some(ratio.clone());
    }
    // A ratio (from the flag or the config file) stands for a namespace whose ResourceQuota
    // sets limits.memory.
    model.memory_limit_quota = model.auto_limits_ratio.is_some();
    if let Some(bytes) = args.node_memory {
        model.node_memory = Some(bytes);
    }
    Ok(model)
}

fn check_ratio(flag: &str, text: &str) -> Result<()> {
    match text.trim().parse::<f64>() {
        Ok(value) if value.is_finite() && value >= 1.0 => Ok(()),
        _ => bail!("{flag} must be a number ≥ 1 (got '{text}')"),
    }
}
