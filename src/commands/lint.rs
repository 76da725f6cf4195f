//! `kubectl density lint`: settings from flags and the config file, inputs (files, or live
//! VMs and VMIs read page by page), the rule engine, a renderer, and the exit code from
//! `--fail-on`.

use std::collections::HashSet;
use std::io::Write;

use anyhow::{Context as _, Result, bail};

use super::live::{Live, object_source, with_kind};
use super::{exit, resolve_model, resolve_model_with};
use crate::cli::{FailOn, KubeArgs, LintArgs, LintFormat};
use crate::config::{self, Config};
use crate::diagnostic::Severity;
use crate::manifest::Source;
use crate::manifest::read::read_sources;
use crate::render;
use crate::rules::engine::{self, LintReport, LintSettings};
use crate::rules::{self};

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

fn settings(
    args: &LintArgs,
    config: &Config,
    model: crate::kubevirt::ClusterModel,
) -> Result<LintSettings> {
    Ok(LintSettings {
        model,
        severity_overrides: config.rules.iter().copied().collect(),
        select: rule_codes(&args.select, "--select")?,
        ignore: rule_codes(&args.ignore, "--ignore")?,
        ignore_annotations: !args.no_ignore_annotations,
        live: false,
    })
}

pub fn run(args: &LintArgs, kube: &KubeArgs, out: &mut impl Write) -> Result<u8> {
    let config = config::load(args.config.as_deref())?;
    let (mut report, sources) = if args.input.filenames.is_empty() {
        let report = lint_live(args, kube, &config).context(
            "no -f given, so the cluster's VMs were read (pass -f PATH to lint files, a directory, or - for stdin)",
        )?;
        (report, Vec::new())
    } else {
        if !args.names.is_empty() {
            bail!("NAME arguments select live objects; they cannot be combined with -f");
        }
        let settings = settings(args, &config, resolve_model(&args.model, &config.model)?)?;
        let sources = read_sources(&args.input.filenames, args.input.recursive)?;
        (engine::lint_parallel(&sources, &settings), sources)
    };
    if args.nodes {
        report.findings.extend(node_findings(args, kube, &config)?);
    }
    match args.output {
        LintFormat::Text => render::text::lint(out, &report, &sources)?,
        LintFormat::Json => render::json::lint(out, &report)?,
        LintFormat::Sarif => render::sarif::lint(out, &report)?,
    }
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(FailOn::Warning);
    let failed = fails(report.max_severity(), fail_on);
    // The process ends next: freeing tens of thousands of trees and findings one by one
    // costs more than the exit does (measured: ~5% of a 10,000-file run).
    std::mem::forget(sources);
    std::mem::forget(report);
    Ok(if failed {
        exit::FINDINGS
    } else {
        exit::SUCCESS
    })
}

/// Whether a VMI is controlled by a VirtualMachine (then it is reported on the VM).
fn owned_by_vm(raw: &str) -> bool {
    let value: serde_json::Value = serde_json::from_str(raw).unwrap_or_default();
    value["metadata"]["ownerReferences"]
        .as_array()
        .is_some_and(|owners| owners.iter().any(|o| o["kind"] == "VirtualMachine"))
}

fn lint_live(args: &LintArgs, kube: &KubeArgs, config: &Config) -> Result<LintReport> {
    let runtime = crate::cluster::runtime()?;
    runtime.block_on(async {
        let namespace_arg = if kube.all_namespaces {
            None
        } else {
            kube.namespace.clone()
        };
        // Reference lookups need the namespace too; the context default is resolved after
        // connecting.
        let live = Live::connect(kube, namespace_arg.as_deref()).await?;
        for note in &live.notes {
            eprintln!("note: {note}");
        }
        let namespace = live.cluster.namespace(kube).map(str::to_string);
        let model = resolve_model_with(&args.model, &config.model, live.knobs.as_ref())?;
        let mut settings = settings(args, config, model)?;
        settings.live = true;
        let kinds = super::live::kinds(args.kind);
        let skip_owned = args.kind.is_none();
        let mut report = LintReport::default();
        if !args.names.is_empty() {
            let mut found = HashSet::new();
            for (resource, kind) in &kinds {
                for name in &args.names {
                    match live
                        .cluster
                        .get(*resource, namespace.as_deref(), name)
                        .await
                    {
                        Ok(value) => {
                            let raw = with_kind(&value.to_string(), "kubevirt.io/v1", kind);
                            if *kind == "VirtualMachineInstance" && skip_owned && owned_by_vm(&raw)
                            {
                                found.insert(name.clone());
                                continue;
                            }
                            found.insert(name.clone());
                            let sources = vec![object_source(&raw)];
                            report.merge(engine::lint_with_references(
                                &sources,
                                &live.references,
                                &settings,
                            ));
                        }
                        Err(error) if error.status() == Some(404) => {}
                        Err(error) => return Err(error.into()),
                    }
                }
            }
            let missing: Vec<&String> = args.names.iter().filter(|n| !found.contains(*n)).collect();
            if !missing.is_empty() {
                bail!(
                    "not found: no VirtualMachine or VirtualMachineInstance named {} in {}",
                    missing
                        .iter()
                        .map(|n| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    namespace
                        .as_deref()
                        .map_or("any namespace".to_string(), |n| format!("namespace {n}"))
                );
            }
            return Ok(report);
        }
        let progress = super::progress::counter(None, "linting live objects");
        for (resource, kind) in &kinds {
            let result = live
                .cluster
                .list_each(
                    *resource,
                    namespace.as_deref(),
                    kube.selector.as_deref(),
                    None,
                    |items| {
                        let sources: Vec<Source> = items
                            .iter()
                            .map(|raw| with_kind(raw.get(), "kubevirt.io/v1", kind))
                            .filter(|raw| {
                                !(skip_owned
                                    && *kind == "VirtualMachineInstance"
                                    && owned_by_vm(raw))
                            })
                            .map(|raw| object_source(&raw))
                            .collect();
                        progress.inc(items.len() as u64);
                        report.merge(engine::lint_with_references(
                            &sources,
                            &live.references,
                            &settings,
                        ));
                    },
                )
                .await;
            if let Err(error) = result {
                progress.finish_and_clear();
                return Err(error.into());
            }
        }
        progress.finish_and_clear();
        Ok(report)
    })
}

/// `--nodes`: the node rules (DEN101–DEN107) over every node's kubelet configuration.
fn node_findings(
    args: &LintArgs,
    kube: &KubeArgs,
    config: &Config,
) -> Result<Vec<crate::diagnostic::Finding>> {
    let mut settings = settings(args, config, crate::kubevirt::ClusterModel::default())?;
    settings.live = true;
    let runtime = crate::cluster::runtime()?;
    let inputs = runtime
        .block_on(async {
            let cluster = crate::cluster::Cluster::connect(kube).await?;
            super::eviction::live_node_inputs(&cluster, &[], None, 16).await
        })
        .context("--nodes reads every node's kubelet configuration from the cluster")?;
    let report = crate::kubelet::report::build_report(inputs, &settings);
    for node in &report.nodes {
        if let Some(error) = &node.error {
            eprintln!("note: node {}: not checked: {error}", node.name);
        }
    }
    Ok(report.findings().cloned().collect())
}
