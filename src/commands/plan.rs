//! `kubectl density plan`: how many of these VMs fit on a node, per density strategy.

use std::io::Write;

use anyhow::{Context as _, Result, bail};

use super::{exit, resolve_model};
use crate::cli::{KubeArgs, PlanArgs, ReportFormat};
use crate::config;
use crate::kubelet::allocatable::allocatable_memory;
use crate::kubelet::config::KubeletConfig;
use crate::kubevirt::inventory::Inventory;
use crate::kubevirt::plan::{NodeBudget, PlanItem, plan_item};
use crate::manifest::read::read_sources;
use crate::quantity::format_bytes;
use crate::render;

/// A node of `--node-memory` capacity with kubelet defaults, adjusted by the reservation
/// flags: the allocatable arithmetic exactly as the kubelet does it.
fn assumed_node(args: &PlanArgs, capacity: i64) -> Result<NodeBudget> {
    let mut text =
        String::from("apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n");
    if let Some(hard) = args.eviction_hard {
        text.push_str(&format!("evictionHard:\n  memory.available: \"{hard}\"\n"));
    }
    if let Some(system) = args.system_reserved {
        text.push_str(&format!("systemReserved:\n  memory: \"{system}\"\n"));
    }
    if let Some(kube) = args.kube_reserved {
        text.push_str(&format!("kubeReserved:\n  memory: \"{kube}\"\n"));
    }
    let config = KubeletConfig::from_file(&text, None)
        .map_err(|e| anyhow::anyhow!("{e:?}"))
        .context("building the assumed kubelet configuration")?;
    let memory = allocatable_memory(&config, capacity, 0)?;
    Ok(NodeBudget {
        name: format!("a {} node", format_bytes(capacity)),
        memory,
        requested_bytes: 0,
    })
}

pub fn run(args: &PlanArgs, _kube: &KubeArgs, out: &mut impl Write) -> Result<u8> {
    let config = config::load(None)?;
    let model = resolve_model(&args.model, &config.model)?;
    if args.input.filenames.is_empty() {
        bail!(
            "no input: pass -f PATH (a file, a directory, or - for stdin); planning for live VMs is not implemented yet"
        );
    }
    if args.node.is_some() {
        bail!("--node needs cluster access, which is not implemented yet; use --node-memory");
    }
    let Some(capacity) = model.node_memory else {
        bail!("no node: pass --node-memory QUANTITY (a node's memory capacity, e.g. 64Gi)");
    };
    let node = assumed_node(args, capacity)?;
    let sources = read_sources(&args.input.filenames, args.input.recursive)?;
    let inventory = Inventory::from_sources(&sources);
    let items: Vec<PlanItem> = inventory
        .workloads()
        .map(|(_, object)| {
            plan_item(
                object.id.clone(),
                &inventory.facts(object),
                &model,
                node.clone(),
            )
        })
        .collect();
    if items.is_empty() {
        bail!(
            "nothing to plan: no VirtualMachine, VirtualMachineInstance, replica set or pool in the input ({} other document(s) skipped)",
            inventory.skipped
        );
    }
    match args.output {
        ReportFormat::Text => render::text::plans(out, &items)?,
        ReportFormat::Json => render::json::plans(out, &items)?,
        ReportFormat::Yaml => render::yaml::plans(out, &items)?,
    }
    Ok(exit::SUCCESS)
}
