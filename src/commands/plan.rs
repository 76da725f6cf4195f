//! `kubectl density plan`: how many of these VMs fit on a node, per density strategy.

use std::io::Write;

use anyhow::{Context as _, Result, bail};

use super::live::{Live, object_source};
use super::{exit, resolve_model, resolve_model_with};
use crate::cli::{KubeArgs, PlanArgs, ReportFormat};
use crate::config;
use crate::kubelet::allocatable::allocatable_memory;
use crate::kubelet::config::KubeletConfig;
use crate::kubevirt::inventory::Inventory;
use crate::kubevirt::plan::{NodeBudget, PlanItem, plan_on_nodes};
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

/// A live node's budget: allocatable from its configz and capacity, minus what the pods on
/// it already request.
async fn live_node(live: &Live, node: &serde_json::Value) -> Result<NodeBudget> {
    use crate::cluster::Resource;
    use crate::quantity::Quantity;
    let name = node["metadata"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let bytes = |value: &serde_json::Value| {
        value
            .as_str()
            .and_then(|q| Quantity::parse(q).ok())
            .and_then(|q| q.value())
    };
    let capacity = bytes(&node["status"]["capacity"]["memory"])
        .ok_or_else(|| anyhow::anyhow!("node {name} reports no memory capacity"))?;
    let hugepages: i64 = node["status"]["capacity"]
        .as_object()
        .map(|map| {
            map.iter()
                .filter(|(k, _)| k.starts_with("hugepages-"))
                .filter_map(|(_, v)| bytes(v))
                .sum()
        })
        .unwrap_or(0);
    let configz = live.cluster.configz(&name).await?;
    let config = KubeletConfig::from_configz(&configz)
        .map_err(|e| anyhow::anyhow!("node {name}: configz: {e:?}"))?;
    let memory = allocatable_memory(&config, capacity, hugepages)?;
    let mut requested = 0i64;
    let fields = format!("spec.nodeName={name},status.phase!=Succeeded,status.phase!=Failed");
    live.cluster
        .list_each(Resource::PODS, None, None, Some(&fields), |items| {
            for raw in items {
                if let Ok(pod) = serde_json::from_str::<serde_json::Value>(raw.get()) {
                    requested = requested.saturating_add(crate::qos::pod_memory_request_json(&pod));
                }
            }
        })
        .await?;
    Ok(NodeBudget {
        name,
        memory,
        requested_bytes: requested,
    })
}

pub fn run(args: &PlanArgs, kube: &KubeArgs, out: &mut impl Write) -> Result<u8> {
    let config = config::load(None)?;
    let offline_objects = !args.input.filenames.is_empty();
    if offline_objects && !args.names.is_empty() {
        bail!("NAME arguments select live objects; they cannot be combined with -f");
    }
    if !offline_objects && args.names.is_empty() {
        bail!("no input: pass -f PATH, or the NAME of a live VM or VMI (with -n NAMESPACE)");
    }
    let needs_cluster = !offline_objects || args.model.node_memory.is_none();
    if !needs_cluster {
        let model = resolve_model(&args.model, &config.model)?;
        let capacity = model.node_memory.unwrap_or_default();
        let node = assumed_node(args, capacity)?;
        let sources = read_sources(&args.input.filenames, args.input.recursive)?;
        let items = plan_sources(&sources, &[], &model, &[node])?;
        return render_plans(args, out, &items);
    }
    let runtime = crate::cluster::runtime()?;
    let items: Result<Vec<PlanItem>> = runtime.block_on(async {
        use crate::cluster::Resource;
        let live = Live::connect(kube, if kube.all_namespaces { None } else { kube.namespace.as_deref() }).await?;
        for note in &live.notes {
            eprintln!("note: {note}");
        }
        let model = resolve_model_with(&args.model, &config.model, live.knobs.as_ref())?;
        let nodes: Vec<NodeBudget> = if let Some(capacity) = model.node_memory {
            vec![assumed_node(args, capacity)?]
        } else if let Some(name) = &args.node {
            let node = live.cluster.get(Resource::NODES, None, name).await?;
            vec![live_node(&live, &node).await?]
        } else {
            let mut budgets = Vec::new();
            for raw in live.cluster.list_all(Resource::NODES, None, kube.selector.as_deref()).await? {
                let node: serde_json::Value = serde_json::from_str(raw.get())?;
                if node["spec"]["unschedulable"] == true {
                    continue;
                }
                match live_node(&live, &node).await {
                    Ok(budget) => budgets.push(budget),
                    Err(error) => eprintln!("note: skipping node {}: {error:#}", node["metadata"]["name"].as_str().unwrap_or("?")),
                }
            }
            if budgets.is_empty() {
                bail!("no schedulable node could be read");
            }
            budgets
        };
        let sources = if offline_objects {
            read_sources(&args.input.filenames, args.input.recursive)?
        } else {
            let Some(namespace) = live.cluster.namespace(kube).map(str::to_string) else {
                bail!("plan reads named objects: pass -n NAMESPACE instead of -A");
            };
            let mut sources = Vec::new();
            for name in &args.names {
                let kinds = super::live::kinds(None);
                match super::live::find_named(&live.cluster, &kinds, &namespace, name).await? {
                    Some(raw) => sources.push(object_source(&raw)),
                    None => bail!(
                        "not found: no VirtualMachine or VirtualMachineInstance named {name} in namespace {namespace}"
                    ),
                }
            }
            sources
        };
        plan_sources(&sources, &live.references, &model, &nodes)
    });
    let items = if offline_objects {
        items.context("no --node-memory, so the cluster's nodes were read (pass --node-memory QUANTITY to plan for an assumed node without a cluster)")?
    } else {
        items?
    };
    render_plans(args, out, &items)
}

fn plan_sources(
    sources: &[crate::manifest::Source],
    references: &[crate::manifest::Source],
    model: &crate::kubevirt::ClusterModel,
    nodes: &[NodeBudget],
) -> Result<Vec<PlanItem>> {
    let inventory = Inventory::with_references(sources, references);
    let items: Vec<PlanItem> = inventory
        .workloads()
        .map(|(_, object)| plan_on_nodes(object.id.clone(), &inventory.facts(object), model, nodes))
        .collect();
    if items.is_empty() {
        bail!(
            "nothing to plan: no VirtualMachine, VirtualMachineInstance, replica set or pool in the input ({} other document(s) skipped)",
            inventory.skipped
        );
    }
    Ok(items)
}

fn render_plans(args: &PlanArgs, out: &mut impl Write, items: &[PlanItem]) -> Result<u8> {
    match args.output {
        ReportFormat::Text => render::text::plans(out, items)?,
        ReportFormat::Json => render::json::plans(out, items)?,
        ReportFormat::Yaml => render::yaml::plans(out, items)?,
    }
    Ok(exit::SUCCESS)
}
