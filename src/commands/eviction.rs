//! `kubectl density eviction -f FILE…`: the effective kubelet eviction, reservation and swap
//! settings of nodes, the allocatable memory they yield, the node findings and the nodes that
//! differ from the majority. One file is one node: a configz dump (`kubectl get --raw
//! /api/v1/nodes/NODE/proxy/configz`, shown as is) or a `KubeletConfiguration` file (with the
//! kubelet's defaulting).
//!
//! Exit codes: 0 when every node was read, 1 when some could not be (a file that does not parse,
//! or a configuration the kubelet refuses), 2 when none could be, or for a usage error or a
//! missing path. Findings do not change the exit code: `lint` is the command that gates.

use std::io::Write;

use anyhow::{Context as _, Result, bail};

use super::exit;
use crate::cli::{EvictionArgs, EvictionFormat, KubeArgs};
use crate::config;
use crate::kubelet::report::{NodeError, NodeInput, build_report};
use crate::manifest::Source;
use crate::manifest::read::read_sources;
use crate::manifest::yaml::Document;
use crate::render;
use crate::render::table::EvictionTable;
use crate::rules::engine::LintSettings;

pub fn run(args: &EvictionArgs, kube: &KubeArgs, out: &mut impl Write) -> Result<u8> {
    if args.filenames.is_empty() {
        return run_live(args, kube, out);
    }
    if !args.nodes.is_empty() {
        bail!(
            "NODE arguments name live nodes; with -f every file is one node (got {})",
            args.nodes.join(", ")
        );
    }
    let config = config::load(None)?;
    let settings = LintSettings {
        severity_overrides: config.rules.iter().copied().collect(),
        ..LintSettings::default()
    };
    let sources = read_sources(&args.filenames, false)?;
    if sources.is_empty() {
        bail!(
            "no kubelet configuration in {} (directories are read for .yaml, .yml and .json files)",
            args.filenames.join(", ")
        );
    }
    let inputs: Vec<NodeInput> = sources
        .iter()
        .map(|source| input(source, args.node_memory))
        .collect();
    render_report(args, out, &build_report(inputs, &settings), &sources)
}

fn render_report(
    args: &EvictionArgs,
    out: &mut impl Write,
    report: &crate::kubelet::report::EvictionReport,
    sources: &[Source],
) -> Result<u8> {
    match args.output {
        EvictionFormat::Table => {
            render::table::eviction(out, report, sources, EvictionTable { wide: false })?
        }
        EvictionFormat::Wide => {
            render::table::eviction(out, report, sources, EvictionTable { wide: true })?
        }
        EvictionFormat::Json => render::json::eviction(out, report)?,
        EvictionFormat::Yaml => render::yaml::eviction(out, report)?,
    }
    let failed = report.failed();
    Ok(if failed == 0 {
        exit::SUCCESS
    } else if failed == report.nodes.len() {
        exit::USAGE
    } else {
        exit::FINDINGS
    })
}

/// One file as one node. A file that is not UTF-8 keeps the reader's located error.
fn input(source: &Source, node_memory: Option<i64>) -> NodeInput {
    let mut input = NodeInput::from_file(&source.name, &source.text, node_memory);
    if source.text.is_empty()
        && let Some(Document::Invalid(error)) = source.documents.first()
    {
        input.config = Err(NodeError {
            message: error.message.clone(),
            pos: Some(error.pos),
        });
    }
    input
}

/// Whether a VMI overcommits (as the rules read its spec), and its termination grace.
fn vmi_facts(raw: &str) -> (bool, i64) {
    let sources = [super::live::object_source(raw)];
    let inventory = crate::kubevirt::inventory::Inventory::from_sources(&sources);
    let overcommitted = inventory
        .workloads()
        .next()
        .is_some_and(|(_, vmi)| inventory.facts(vmi).overcommitted());
    let grace = serde_json::from_str::<serde_json::Value>(raw)
        .ok()
        .and_then(|vmi| vmi["spec"]["terminationGracePeriodSeconds"].as_i64())
        .unwrap_or(crate::kubelet::rules::KUBEVIRT_DEFAULT_TERMINATION_GRACE_SECONDS);
    (overcommitted, grace)
}

/// Reads live nodes (the named ones, or all matching `selector`): their Node objects, their
/// configz concurrently (at most `concurrency` at a time), and what the VMIs and pods on each
/// node tell the rules and the memory bars. A node that cannot be read is an input with its
/// reason; only a cluster-wide failure is an error.
pub async fn live_node_inputs(
    cluster: &crate::cluster::Cluster,
    names: &[String],
    selector: Option<&str>,
    concurrency: usize,
) -> Result<Vec<NodeInput>> {
    use std::collections::HashMap;
    use std::sync::Arc;

    use crate::cluster::Resource;

    let mut nodes: Vec<Result<serde_json::Value, (String, String)>> = Vec::new();
    if names.is_empty() {
        for raw in cluster.list_all(Resource::NODES, None, selector).await? {
            nodes.push(Ok(serde_json::from_str(raw.get())?));
        }
    } else {
        for name in names {
            match cluster.get(Resource::NODES, None, name).await {
                Ok(node) => nodes.push(Ok(node)),
                Err(error) if error.is_fatal() => return Err(error.into()),
                Err(error) => nodes.push(Err((name.clone(), error.to_string()))),
            }
        }
    }
    if nodes.is_empty() {
        bail!(
            "no nodes{}",
            selector
                .map(|s| format!(" match -l {s}"))
                .unwrap_or_default()
        );
    }
    // What the VMIs and pods tell: overcommitted VMIs and their grace per node, and the
    // memory pods request per node. Optional: without permission, those rules stay quiet.
    let mut overcommitted: HashMap<String, (bool, i64)> = HashMap::new();
    let vmis = cluster
        .list_each(Resource::VMIS, None, None, None, |items| {
            for raw in items {
                let Ok(vmi) = serde_json::from_str::<serde_json::Value>(raw.get()) else {
                    continue;
                };
                let Some(node) = vmi["status"]["nodeName"].as_str() else {
                    continue;
                };
                let (over, grace) = vmi_facts(&super::live::with_kind(
                    raw.get(),
                    "kubevirt.io/v1",
                    "VirtualMachineInstance",
                ));
                let entry = overcommitted.entry(node.to_string()).or_insert((false, 0));
                entry.0 |= over;
                entry.1 = entry.1.max(grace);
            }
        })
        .await;
    let vmis_known = vmis.is_ok();
    let mut requested: HashMap<String, i64> = HashMap::new();
    let pods = cluster
        .list_each(
            Resource::PODS,
            None,
            None,
            Some("status.phase!=Succeeded,status.phase!=Failed"),
            |items| {
                for raw in items {
                    let Ok(pod) = serde_json::from_str::<serde_json::Value>(raw.get()) else {
                        continue;
                    };
                    let Some(node) = pod["spec"]["nodeName"].as_str() else {
                        continue;
                    };
                    *requested.entry(node.to_string()).or_default() +=
                        crate::qos::pod_memory_request_json(&pod);
                }
            },
        )
        .await;
    let pods_known = pods.is_ok();

    let semaphore = Arc::new(tokio::sync::Semaphore::new(concurrency));
    let progress =
        super::progress::counter(Some(nodes.len() as u64), "reading kubelet configurations");
    let mut tasks = tokio::task::JoinSet::new();
    for (index, node) in nodes.into_iter().enumerate() {
        let cluster = cluster.clone();
        let semaphore = semaphore.clone();
        tasks.spawn(async move {
            let input = match node {
                Err((name, reason)) => NodeInput::unreadable(&name, reason),
                Ok(node) => {
                    let name = node["metadata"]["name"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string();
                    let _permit = semaphore.acquire().await;
                    let configz = cluster.configz(&name).await.map_err(|e| e.to_string());
                    NodeInput::from_node(&node, configz.as_deref().map_err(Clone::clone))
                }
            };
            (index, input)
        });
    }
    let mut inputs: Vec<(usize, NodeInput)> = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        inputs.push(joined?);
        progress.inc(1);
    }
    progress.finish_and_clear();
    inputs.sort_by_key(|(index, _)| *index);
    let inputs: Vec<NodeInput> = inputs
        .into_iter()
        .map(|(_, mut input)| {
            if vmis_known {
                let (over, grace) = overcommitted
                    .get(&input.name)
                    .copied()
                    .unwrap_or((false, 0));
                input.facts.runs_overcommitted_vmis = Some(over);
                input.facts.max_vmi_termination_grace_seconds = (grace > 0).then_some(grace);
            }
            if pods_known {
                input.requested_bytes = Some(requested.get(&input.name).copied().unwrap_or(0));
            }
            input
        })
        .collect();
    Ok(inputs)
}

fn run_live(args: &EvictionArgs, kube: &KubeArgs, out: &mut impl Write) -> Result<u8> {
    let config = config::load(None)?;
    let settings = LintSettings {
        severity_overrides: config.rules.iter().copied().collect(),
        live: true,
        ..LintSettings::default()
    };
    let runtime = crate::cluster::runtime()?;
    let inputs = runtime
        .block_on(async {
            let cluster = crate::cluster::Cluster::connect(kube).await?;
            live_node_inputs(
                &cluster,
                &args.nodes,
                kube.selector.as_deref(),
                args.concurrency as usize,
            )
            .await
        })
        .context(
            "no -f given, so the cluster's nodes were read (pass -f FILE to read a configz dump or a KubeletConfiguration file instead)",
        )?;
    render_report(args, out, &build_report(inputs, &settings), &[])
}
