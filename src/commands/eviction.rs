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

use anyhow::{Result, bail};

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

pub fn run(args: &EvictionArgs, _kube: &KubeArgs, out: &mut impl Write) -> Result<u8> {
    if args.filenames.is_empty() {
        bail!(
            "reading nodes from the cluster is not implemented yet; pass -f FILE: a configz dump \
             (kubectl get --raw /api/v1/nodes/NODE/proxy/configz > NODE.json) or a \
             KubeletConfiguration file"
        );
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
    let report = build_report(inputs, &settings);
    match args.output {
        EvictionFormat::Table => {
            render::table::eviction(out, &report, &sources, EvictionTable { wide: false })?
        }
        EvictionFormat::Wide => {
            render::table::eviction(out, &report, &sources, EvictionTable { wide: true })?
        }
        EvictionFormat::Json => render::json::eviction(out, &report)?,
        EvictionFormat::Yaml => render::yaml::eviction(out, &report)?,
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
