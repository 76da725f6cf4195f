//! The command line: clap definitions for every subcommand, with kubectl's flag names.
//!
//! Owns parsing only; turning flags into settings (with the config file) happens in
//! `commands`. Shared groups: [`KubeArgs`] (cluster access, global), [`InputArgs`] (`-f`,
//! `-R`), [`ModelArgs`] (the KubeVirt model). Help, usage and completions all come from these
//! definitions.

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

use crate::kubevirt::KubeVirtVersion;
use crate::kubevirt::model::{Arch, RolloutStrategy};
use crate::quantity::Quantity;

/// How the binary names itself in help and messages: `kubectl density` when it runs as
/// `kubectl-density` (directly or through kubectl's plugin discovery).
pub fn display_name(argv0: Option<&str>) -> String {
    let base = argv0
        .map(|arg| {
            std::path::Path::new(arg)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(arg)
                .to_string()
        })
        .unwrap_or_default();
    let base = base.strip_suffix(".exe").unwrap_or(&base);
    match base {
        "" | "kubectl-density" | "kubectl_complete-density" => "kubectl density".to_string(),
        other => other.replace('-', " "),
    }
}

/// Fit more KubeVirt VMs on your nodes without losing them.
///
/// Lints VM manifests against the density recommendations, rewrites them with a diff
/// preview, explains the virt-launcher pod's memory overhead and QoS class as KubeVirt
/// computes them, and shows the kubelet eviction settings that decide which VMs die under
/// memory pressure.
#[derive(Debug, Parser)]
#[command(
    name = "kubectl-density",
    bin_name = "kubectl density",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_help = "Exit codes: 0 success; 1 findings at or above --fail-on, a diff exists, or some nodes failed; 2 usage error, unreadable input, cluster unreachable."
)]
pub struct Cli {
    #[command(flatten)]
    pub kube: KubeArgs,

    /// When to colour output: auto (only on a terminal, not with NO_COLOR or TERM=dumb),
    /// always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Cluster access, with kubectl's names and meanings (kubectl does not pass its own flags
/// to plugins, so they are parsed here).
#[derive(Debug, Clone, Default, Args)]
pub struct KubeArgs {
    /// Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).
    #[arg(long, global = true, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub kubeconfig: Option<String>,
    /// The kubeconfig context to use.
    #[arg(long, global = true, value_name = "NAME")]
    pub context: Option<String>,
    /// The kubeconfig cluster to use.
    #[arg(long, global = true, value_name = "NAME")]
    pub cluster: Option<String>,
    /// The kubeconfig user to use.
    #[arg(long, global = true, value_name = "NAME")]
    pub user: Option<String>,
    /// The namespace (default: the context's).
    #[arg(short = 'n', long, global = true, value_name = "NS")]
    pub namespace: Option<String>,
    /// All namespaces.
    #[arg(short = 'A', long, global = true)]
    pub all_namespaces: bool,
    /// Label selector, e.g. app=web,tier!=db.
    #[arg(short = 'l', long, global = true, value_name = "SELECTOR")]
    pub selector: Option<String>,
    /// How long to wait for one server request (e.g. 30s, 1m; 0 = no timeout).
    #[arg(long, global = true, value_name = "DURATION")]
    pub request_timeout: Option<String>,
}

/// Manifest inputs, like kubectl's `-f`.
#[derive(Debug, Clone, Default, Args)]
pub struct InputArgs {
    /// A file, directory or `-` (stdin) with VM manifests; repeatable.
    #[arg(short = 'f', long = "filename", value_name = "PATH", value_hint = ValueHint::AnyPath)]
    pub filenames: Vec<String>,
    /// Read directories given with -f recursively.
    #[arg(short = 'R', long)]
    pub recursive: bool,
}

/// The KubeVirt model: version, architecture and cluster knobs.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Model")]
pub struct ModelArgs {
    /// KubeVirt version to model: v1.0 … v1.9 or main (default: v1.9; live: the cluster's).
    #[arg(long, value_name = "VERSION", value_parser = VersionParser, hide_possible_values = true)]
    pub kubevirt_version: Option<KubeVirtVersion>,
    /// CPU architecture (default: spec.architecture, else amd64).
    #[arg(long, value_name = "ARCH", value_parser = ["amd64", "arm64", "s390x"])]
    pub arch: Option<String>,
    /// Cluster memoryOvercommit percentage (developerConfiguration.memoryOvercommit).
    #[arg(long, value_name = "PCT", value_parser = clap::value_parser!(u32).range(1..))]
    pub memory_overcommit: Option<u32>,
    /// Cluster cpuAllocationRatio.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub cpu_allocation_ratio: Option<u32>,
    /// vmRolloutStrategy (default: LiveUpdate from v1.6, Stage before).
    #[arg(long, value_name = "STRATEGY", value_parser = ["LiveUpdate", "Stage"])]
    pub rollout_strategy: Option<String>,
    /// additionalGuestMemoryOverheadRatio (a float ≥ 1).
    #[arg(long, value_name = "F")]
    pub overhead_ratio: Option<String>,
    /// Simulate a namespace whose ResourceQuota sets limits.memory, with this ratio.
    #[arg(long, value_name = "F")]
    pub auto_limits_ratio: Option<String>,
    /// A KubeVirt CR manifest supplying the cluster knobs.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub kubevirt_config: Option<String>,
    /// Node memory capacity, for OOM scores and fit numbers (e.g. 64Gi).
    #[arg(long, value_name = "QUANTITY", value_parser = parse_memory)]
    pub node_memory: Option<i64>,
}

impl ModelArgs {
    pub fn arch(&self) -> Option<Arch> {
        self.arch.as_deref().and_then(|a| a.parse().ok())
    }

    pub fn rollout_strategy(&self) -> Option<RolloutStrategy> {
        self.rollout_strategy
            .as_deref()
            .and_then(|s| s.parse().ok())
    }
}

fn parse_version(text: &str) -> Result<KubeVirtVersion, String> {
    text.parse()
        .map_err(|e: crate::kubevirt::version::UnknownVersion| e.to_string())
}

/// `--kubevirt-version`: parses like [`parse_version`] (`v1.9`, `1.9`, `v1.9.0`, `main`) and
/// offers the modelled versions to completion.
#[derive(Debug, Clone, Copy)]
struct VersionParser;

impl TypedValueParser for VersionParser {
    type Value = KubeVirtVersion;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<KubeVirtVersion, clap::Error> {
        parse_version.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            KubeVirtVersion::ALL
                .iter()
                .map(|version| PossibleValue::new(version.as_str())),
        ))
    }
}

/// Parses a memory quantity flag into bytes.
pub fn parse_memory(text: &str) -> Result<i64, String> {
    let quantity = Quantity::parse(text.trim()).map_err(|e| e.to_string())?;
    if quantity.is_negative() {
        return Err(format!("'{text}' is negative"));
    }
    quantity
        .value()
        .ok_or_else(|| format!("'{text}' is too large"))
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check VM manifests (or live VMs) against the density recommendations and KubeVirt's
    /// validity rules.
    Lint(LintArgs),
    /// Rewrite manifests (or live VMs) to apply the recommendations, with a diff preview.
    ApplyOvercommit(ApplyArgs),
    /// Show the launcher pod's memory overhead, requests, limits and QoS class, term by term.
    Explain(ExplainArgs),
    /// Show the kubelet eviction and reservation settings of nodes.
    Eviction(EvictionArgs),
    /// How many of these VMs fit on a node, for each density strategy.
    Plan(PlanArgs),
    /// List the lint rules, or print one rule's documentation.
    Rules(RulesArgs),
    /// Print a shell completion script (bash, zsh, fish), or install kubectl's plugin
    /// completion helper (kubectl-plugin).
    Completion(CompletionArgs),
}

/// `--kind` for live objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindFilter {
    Vm,
    Vmi,
}

/// `lint -o`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    Text,
    Json,
    Sarif,
}

/// `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Live mode: VMs and VMIs with these names.
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
    /// Live mode: only VMs or only VMIs.
    #[arg(long, value_enum)]
    pub kind: Option<KindFilter>,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = LintFormat::Text)]
    pub output: LintFormat,
    /// Exit 1 when a finding is at or above this severity [default: warning].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Only run these rules (code or name); repeatable, or comma-separated.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Never run these rules (code or name); repeatable, or comma-separated.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// The config file (default: .kubectl-density.yaml in this directory or a parent).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub config: Option<String>,
    /// Do not honour kubectl-density/ignore annotations (for CI policies).
    #[arg(long)]
    pub no_ignore_annotations: bool,
    /// Also check the nodes' kubelet eviction settings (needs cluster access).
    #[arg(long)]
    pub nodes: bool,
    #[command(flatten)]
    pub model: ModelArgs,
}

/// `apply-overcommit -o`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ApplyFormat {
    Diff,
    Yaml,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Live mode: VirtualMachines with these names.
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
    /// Set overcommitGuestOverhead: true (the default edit when none is given).
    #[arg(long)]
    pub overhead: bool,
    /// Set autoattachGraphicsDevice: false.
    #[arg(long)]
    pub no_graphics: bool,
    /// Make guest memory R × the memory request (R > 1).
    #[arg(long, value_name = "R", conflicts_with = "guest_memory")]
    pub ratio: Option<f64>,
    /// Set memory.guest to this quantity.
    #[arg(long, value_name = "QUANTITY")]
    pub guest_memory: Option<String>,
    /// Write the files in place instead of showing a diff.
    #[arg(long)]
    pub write: bool,
    /// Apply edits that are only risky (not those KubeVirt rejects).
    #[arg(long)]
    pub force: bool,
    /// With -f -: print the rewritten YAML (yaml) or the diff (diff).
    #[arg(short = 'o', long = "output", value_enum)]
    pub output: Option<ApplyFormat>,
    /// Live mode: patch the VirtualMachines (after a server-side dry-run).
    #[arg(long)]
    pub apply: bool,
    /// Write the files that parsed even when others failed to parse.
    #[arg(long)]
    pub continue_on_error: bool,
    #[command(flatten)]
    pub model: ModelArgs,
}

/// `explain -o` and `plan -o`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Yaml,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Live mode: the VM or VMI to explain.
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
    /// Live mode: VM or VMI.
    #[arg(long, value_enum)]
    pub kind: Option<KindFilter>,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = ReportFormat::Text)]
    pub output: ReportFormat,
    #[command(flatten)]
    pub model: ModelArgs,
}

/// `eviction -o`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvictionFormat {
    Table,
    Wide,
    Yaml,
    Json,
}

#[derive(Debug, Args)]
pub struct EvictionArgs {
    /// Nodes to read (default: all, or those matching -l).
    #[arg(value_name = "NODE")]
    pub nodes: Vec<String>,
    /// A configz JSON dump or a KubeletConfiguration YAML file, instead of the cluster.
    #[arg(short = 'f', long = "filename", value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub filenames: Vec<String>,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = EvictionFormat::Table)]
    pub output: EvictionFormat,
    /// How many nodes to read at once.
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..))]
    pub concurrency: u32,
    /// With -f: the node's memory capacity (e.g. 64Gi), to compute allocatable memory and
    /// resolve percentage thresholds (live nodes report their own).
    #[arg(long, value_name = "QUANTITY", value_parser = parse_memory)]
    pub node_memory: Option<i64>,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Live mode: the VMs or VMIs to plan for.
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
    /// Use this live node's eviction config, allocatable and free memory.
    #[arg(long, value_name = "NODE", conflicts_with = "node_memory")]
    pub node: Option<String>,
    /// Reserved for the system (systemReserved memory).
    #[arg(long, value_name = "QUANTITY", value_parser = parse_memory)]
    pub system_reserved: Option<i64>,
    /// Reserved for Kubernetes (kubeReserved memory).
    #[arg(long, value_name = "QUANTITY", value_parser = parse_memory)]
    pub kube_reserved: Option<i64>,
    /// Hard eviction threshold for memory.available (default 100Mi).
    #[arg(long, value_name = "QUANTITY", value_parser = parse_memory)]
    pub eviction_hard: Option<i64>,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = ReportFormat::Text)]
    pub output: ReportFormat,
    #[command(flatten)]
    pub model: ModelArgs,
}

/// `rules -o`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A rule code or name: print its documentation.
    #[arg(value_name = "RULE")]
    pub rule: Option<String>,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = RulesFormat::Text)]
    pub output: RulesFormat,
}

/// `completion SHELL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
    /// Install `kubectl_complete-density` next to the plugin binary.
    KubectlPlugin,
}

#[derive(Debug, Args)]
pub struct CompletionArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: CompletionShell,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn plugin_names_say_kubectl_density() {
        assert_eq!(
            display_name(Some("/usr/local/bin/kubectl-density")),
            "kubectl density"
        );
        assert_eq!(display_name(Some("kubectl-density")), "kubectl density");
        assert_eq!(display_name(None), "kubectl density");
    }

    #[test]
    fn kubectl_flags_parse_after_the_subcommand() {
        let cli = Cli::try_parse_from([
            "kubectl-density",
            "lint",
            "-n",
            "prod",
            "-f",
            "a.yaml",
            "-f",
            "-",
            "--fail-on",
            "error",
            "--select",
            "DEN001,DEN002",
            "--kubevirt-version",
            "1.5",
        ])
        .unwrap();
        assert_eq!(cli.kube.namespace.as_deref(), Some("prod"));
        let Command::Lint(lint) = cli.command else {
            panic!()
        };
        assert_eq!(lint.input.filenames, ["a.yaml", "-"]);
        assert_eq!(lint.select, ["DEN001", "DEN002"]);
        assert_eq!(lint.fail_on, Some(FailOn::Error));
        assert_eq!(lint.model.kubevirt_version, Some(KubeVirtVersion::V1_5));
    }
}
