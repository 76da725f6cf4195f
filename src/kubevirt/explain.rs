//! The explanation of one VM/VMI: the model used, the overhead term by term, the compute
//! container and the other launcher containers, the QoS class and why, what happens under
//! memory pressure, and the density what-if (SPEC §3.3, §6 `Explanation`).
//!
//! Pure: takes facts and the model (and the admission verdict the rules reached), returns
//! data that renderers print. `plan` reuses the strategies.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::facts::VmiFacts;
use super::launcher::{self, Compute, Resources, Role, SupportContainer};
use super::model::ClusterModel;
use super::overhead::Overhead;
use super::webhook;
use crate::diagnostic::ObjectId;
use crate::qos::{self, Container, ContainerKind, PodSpecView, QosClass, ResourceList};
use crate::quantity::{Format, Quantity};

/// What KubeVirt's admission would say about the object.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Admission {
    pub allowed: bool,
    pub reasons: Vec<String>,
}

/// The model, as the contract names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelSummary {
    pub kubevirt_version: String,
    pub arch: String,
    pub memory_overcommit: u32,
    pub cpu_allocation_ratio: u32,
    pub overhead_ratio: Option<String>,
}

/// Requests and limits as the contract shapes them: memory and hugepages in bytes, cpu as a
/// canonical quantity; keys absent when unset.
pub fn resources_json(resources: &Resources) -> BTreeMap<String, Value> {
    let mut map = BTreeMap::new();
    if let Some(memory) = resources.memory {
        map.insert("memory".to_string(), Value::from(memory));
    }
    if let Some(cpu) = &resources.cpu {
        map.insert("cpu".to_string(), Value::String(cpu.canonical()));
    }
    if let Some((key, bytes)) = &resources.hugepages {
        map.insert(key.clone(), Value::from(*bytes));
    }
    map
}

/// The compute container in the contract's shape.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComputeSummary {
    pub requests: BTreeMap<String, Value>,
    pub limits: BTreeMap<String, Value>,
    /// Where the numbers came from (text output).
    #[serde(skip)]
    pub origins: Vec<launcher::Origin>,
}

/// Another launcher container.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContainerSummary {
    pub name: String,
    pub role: Role,
    pub purpose: &'static str,
    pub requests: BTreeMap<String, Value>,
    pub limits: BTreeMap<String, Value>,
}

/// What happens under node memory pressure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pressure {
    /// The compute container's OOM score adjustment, when node memory is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oom_score_adj: Option<i64>,
    /// Whether the compute container may swap under LimitedSwap (cgroup v2 nodes).
    pub swap_eligible: bool,
    /// The eviction group, in words.
    pub eviction_group: String,
    /// The guest can use more than the pod requests (overhead or guest memory overcommitted).
    pub can_exceed_request: bool,
}

/// One density strategy's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WhatIf {
    pub strategy: &'static str,
    /// The pod's scheduler memory request (Kubernetes' PodRequests).
    pub scheduler_request_bytes: i64,
    /// The guest memory the VMI is promised.
    pub guest_bytes_promised: i64,
    pub qos_class: QosClass,
    /// Why the strategy cannot be applied to this VM (the numbers are then the previous
    /// strategy's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
}

/// The full explanation of one object.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    pub object: ObjectId,
    pub admission: Admission,
    pub model: ModelSummary,
    pub overhead: Overhead,
    pub compute: ComputeSummary,
    pub containers: Vec<ContainerSummary>,
    pub qos_class: QosClass,
    pub qos_reason: String,
    pub pressure: Pressure,
    pub what_if: Vec<WhatIf>,
    /// Guest memory the VMI sees, in bytes.
    pub guest_bytes: Option<i64>,
    /// The pod's scheduler memory request, in bytes.
    pub scheduler_request_bytes: i64,
    /// Notes on what the webhook and the model assumed (text output).
    #[serde(skip)]
    pub notes: Vec<String>,
    /// What the numbers mean, in plain words (text output).
    #[serde(skip)]
    pub meaning: Vec<String>,
    /// Live objects: the running virt-launcher pod compared with the prediction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live: Option<LiveComparison>,
}

/// The running launcher pod against the prediction.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LiveComparison {
    /// The pod's name, or `None` when the VMI is not running.
    pub pod: Option<String>,
    /// Where the pod differs from the prediction (empty when it matches).
    pub differences: Vec<String>,
}

/// Compares a running virt-launcher pod (its JSON) with the prediction: the compute
/// container's requests and limits (memory in bytes, cpu as quantities) and `status.qosClass`.
pub fn compare_with_pod(explanation: &Explanation, pod: &Value) -> LiveComparison {
    let name = pod["metadata"]["name"].as_str().map(str::to_string);
    let mut differences = Vec::new();
    let compute = pod["spec"]["containers"]
        .as_array()
        .and_then(|containers| containers.iter().find(|c| c["name"] == "compute"));
    let Some(compute) = compute else {
        differences.push("the pod has no compute container".into());
        return LiveComparison {
            pod: name,
            differences,
        };
    };
    for (side, predicted) in [
        ("requests", &explanation.compute.requests),
        ("limits", &explanation.compute.limits),
    ] {
        let actual = compute["resources"][side]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let mut keys: Vec<&String> = predicted.keys().chain(actual.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            if key != "cpu" && key != "memory" && !key.starts_with("hugepages-") {
                continue;
            }
            let running = actual
                .get(key.as_str())
                .and_then(Value::as_str)
                .and_then(|q| Quantity::parse(q).ok());
            let expected = predicted.get(key.as_str());
            let same = match (expected, &running) {
                (None, None) => true,
                (Some(Value::String(cpu)), Some(actual)) => {
                    Quantity::parse(cpu).ok().as_ref() == Some(actual)
                }
                (Some(Value::Number(bytes)), Some(actual)) => bytes.as_i64() == actual.value(),
                _ => false,
            };
            if !same {
                let shown = |v: Option<String>| v.unwrap_or_else(|| "unset".into());
                differences.push(format!(
                    "compute {side}.{key}: predicted {}, running {}",
                    shown(expected.map(|v| match v {
                        Value::Number(n) => crate::quantity::format_bytes(n.as_i64().unwrap_or(0)),
                        other => other.as_str().unwrap_or_default().to_string(),
                    })),
                    shown(running.map(|q| q.canonical()))
                ));
            }
        }
    }
    if let Some(qos) = pod["status"]["qosClass"].as_str()
        && qos != explanation.qos_class.as_str()
    {
        differences.push(format!(
            "QoS class: predicted {}, running {qos}",
            explanation.qos_class
        ));
    }
    LiveComparison {
        pod: name,
        differences,
    }
}

fn to_resource_list(resources: &Resources) -> ResourceList {
    let mut list = ResourceList::new();
    if let Some(memory) = resources.memory {
        list.insert(
            qos::MEMORY.to_string(),
            Quantity::from_bytes(memory, Format::BinarySI),
        );
    }
    if let Some(cpu) = &resources.cpu {
        list.insert(qos::CPU.to_string(), cpu.clone());
    }
    if let Some((key, bytes)) = &resources.hugepages {
        list.insert(key.clone(), Quantity::from_bytes(*bytes, Format::BinarySI));
    }
    list
}

/// The launcher pod's containers as Kubernetes sees them, after API defaulting.
pub fn pod_containers(compute: &Compute, support: &[SupportContainer]) -> Vec<Container> {
    // Compute comes first so that QoS reasons name it first; the order of regular containers
    // relative to init containers does not change Kubernetes' arithmetic, and init containers
    // keep their declaration order.
    let mut containers = vec![Container {
        name: "compute".into(),
        kind: ContainerKind::Regular,
        requests: to_resource_list(&compute.requests),
        limits: to_resource_list(&compute.limits),
    }];
    containers.extend(support.iter().map(|c| Container {
        name: c.name.clone(),
        kind: match c.role {
            Role::Init => ContainerKind::Init,
            Role::Sidecar => ContainerKind::Sidecar,
            Role::Regular => ContainerKind::Regular,
        },
        requests: to_resource_list(&c.requests),
        limits: to_resource_list(&c.limits),
    }));
    qos::apply_defaulting(&mut containers);
    containers
}

/// The launcher pod rendered from raw facts: webhook, overhead, compute, support containers,
/// QoS and the scheduler request.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub defaulted: VmiFacts,
    pub overhead: Overhead,
    pub compute: Compute,
    pub support: Vec<SupportContainer>,
    pub containers: Vec<Container>,
    pub qos: qos::QosDecision,
    pub scheduler_request_bytes: i64,
}

/// Renders the launcher pod for a VMI spec as written (the webhook is applied first).
pub fn render_pod(facts: &VmiFacts, model: &ClusterModel) -> Rendered {
    render_defaulted(webhook::apply(facts, model), model)
}

/// Renders the launcher pod for facts the webhook already defaulted (or, in KubeVirt's unit
/// tests, that the renderer is handed raw).
pub fn render_defaulted(defaulted: VmiFacts, model: &ClusterModel) -> Rendered {
    let (overhead, compute) = launcher::render(&defaulted, model);
    let support = launcher::support_containers(&defaulted, model);
    let containers = pod_containers(&compute, &support);
    let pod = PodSpecView {
        containers: &containers,
        pod_resources: None,
        pod_level_resources_gate: false,
        overhead: None,
    };
    let mut qos = qos::pod_qos(&pod);
    // Kubernetes names the first container it finds wanting; for a launcher pod the compute
    // container is the one that matters, so name it when it alone makes the pod Burstable.
    if qos.class == QosClass::Burstable {
        let compute_only = PodSpecView {
            containers: &containers[..1],
            ..pod
        };
        let compute = qos::pod_qos(&compute_only);
        if compute.class == QosClass::Burstable {
            qos.reason = compute.reason;
        }
    }
    let scheduler_request_bytes = qos::pod_requests(&pod)
        .get(qos::MEMORY)
        .and_then(Quantity::value)
        .unwrap_or(0);
    Rendered {
        defaulted,
        overhead,
        compute,
        support,
        containers,
        qos,
        scheduler_request_bytes,
    }
}

/// The density strategies, cumulative, in order (SPEC §3.5).
pub const STRATEGIES: [&str; 5] = [
    "as-is",
    "no-graphics",
    "overcommit-overhead",
    "guest-ratio-1.5",
    "guest-ratio-2.0",
];

/// Applies one strategy on top of `facts`; `Err` says why it cannot be applied.
pub fn apply_strategy(
    strategy: &str,
    facts: &VmiFacts,
    model: &ClusterModel,
) -> Result<VmiFacts, String> {
    let mut next = facts.clone();
    match strategy {
        "as-is" => {}
        "no-graphics" => next.autoattach_graphics = Some(false),
        "overcommit-overhead" => {
            if facts.dedicated_cpu {
                return Err(
                    "dedicated CPUs: KubeVirt fails the VMI with FailedGuaranteeResources".into(),
                );
            }
            if facts.hugepages.is_some() {
                return Err("hugepages: KubeVirt ignores overcommitGuestOverhead".into());
            }
            next.overcommit_guest_overhead = true;
        }
        ratio if ratio.starts_with("guest-ratio-") => {
            let r: f64 = ratio
                .trim_start_matches("guest-ratio-")
                .parse()
                .map_err(|_| format!("unknown strategy {ratio}"))?;
            if facts.uses_instancetype {
                return Err("uses an instancetype: set spec.memory.overcommitPercent there".into());
            }
            if facts.dedicated_cpu {
                return Err("dedicated CPUs need memory requests equal to limits".into());
            }
            if facts.hugepages.is_some() {
                return Err("hugepages cannot be overcommitted".into());
            }
            let Some(guest) = facts.effective_guest() else {
                return Err("no guest memory".into());
            };
            let request = super::fixes::floor_mi((guest as f64 / r) as i64);
            let current = facts
                .requests_memory
                .filter(|r| *r != 0)
                .or(facts.limits_memory)
                .unwrap_or(guest);
            if current <= request {
                return Err(format!(
                    "already overcommitted beyond {r}× (guest {} on a {} request)",
                    crate::quantity::format_bytes(guest),
                    crate::quantity::format_bytes(current)
                ));
            }
            next.guest_memory = Some(guest);
            next.requests_memory = Some(request);
            if facts.limits_memory.is_some_and(|limit| limit < guest) {
                return Err("guest memory would exceed limits.memory".into());
            }
        }
        other => return Err(format!("unknown strategy {other}")),
    }
    let _ = model;
    Ok(next)
}

/// The what-if table: each strategy applied on top of the previous ones.
pub fn what_if(facts: &VmiFacts, model: &ClusterModel) -> Vec<WhatIf> {
    let mut current = facts.clone();
    let mut rows = Vec::new();
    for strategy in STRATEGIES {
        let refused = match apply_strategy(strategy, &current, model) {
            Ok(next) => {
                current = next;
                None
            }
            Err(reason) => Some(reason),
        };
        let rendered = render_pod(&current, model);
        rows.push(WhatIf {
            strategy,
            scheduler_request_bytes: rendered.scheduler_request_bytes,
            guest_bytes_promised: rendered.defaulted.effective_guest().unwrap_or(0),
            qos_class: rendered.qos.class,
            refused,
        });
    }
    rows
}

/// Explains one object.
pub fn explain(
    object: ObjectId,
    facts: &VmiFacts,
    model: &ClusterModel,
    admission: Admission,
) -> Explanation {
    let rendered = render_pod(facts, model);
    let compute_memory_request = rendered.compute.requests.memory.unwrap_or(0);
    let compute_memory_limit = rendered.compute.limits.memory;
    let qos_class = rendered.qos.class;
    let guest = rendered.defaulted.effective_guest();
    let can_exceed_request = rendered.defaulted.overcommit_guest_overhead
        || guest.is_some_and(|g| {
            rendered.defaulted.hugepages.is_none()
                && g > rendered.defaulted.requests_memory.unwrap_or(g)
        });
    let compute = rendered
        .containers
        .iter()
        .find(|c| c.name == "compute")
        .cloned()
        .unwrap_or_else(|| Container::new("compute", ContainerKind::Regular));
    let swap_eligible = qos_class == QosClass::Burstable
        && compute_memory_limit != Some(compute_memory_request)
        && qos::limited_swap_bytes(qos_class, &compute, i64::MAX / 2, 1, false).is_some();
    let pressure = Pressure {
        oom_score_adj: model
            .node_memory
            .map(|memory| qos::oom_score_adj(qos_class, compute_memory_request, memory, false)),
        swap_eligible,
        eviction_group: qos::memory_pressure_group(
            qos_class,
            None,
            rendered.scheduler_request_bytes,
        ),
        can_exceed_request,
    };
    let mut notes = Vec::new();
    if facts.requests_memory != rendered.defaulted.requests_memory
        && let Some(request) = rendered.defaulted.requests_memory
    {
        notes.push(format!(
            "the mutating webhook sets requests.memory to {} (KubeVirt {})",
            crate::quantity::format_bytes(request),
            model.version
        ));
    }
    if !facts.cpu_present && rendered.defaulted.cpu_present {
        notes.push(format!(
            "the mutating webhook sets the CPU topology to {} socket(s)",
            rendered.defaulted.sockets
        ));
    }
    if facts.uses_instancetype && !facts.instancetype_resolved {
        notes.push(
            "the instancetype was not found in the input: its CPU and memory are not counted"
                .into(),
        );
    }
    let meaning = meaning(facts, &rendered, &pressure);
    Explanation {
        object,
        admission,
        model: ModelSummary {
            kubevirt_version: model.version.to_string(),
            arch: rendered.defaulted.arch(model).to_string(),
            memory_overcommit: model.memory_overcommit,
            cpu_allocation_ratio: model.cpu_allocation_ratio,
            overhead_ratio: model.overhead_ratio.clone(),
        },
        overhead: rendered.overhead.clone(),
        compute: ComputeSummary {
            requests: resources_json(&rendered.compute.requests),
            limits: resources_json(&rendered.compute.limits),
            origins: rendered.compute.origins.clone(),
        },
        containers: rendered
            .support
            .iter()
            .map(|c| ContainerSummary {
                name: c.name.clone(),
                role: c.role,
                purpose: c.purpose,
                requests: resources_json(&c.requests),
                limits: resources_json(&c.limits),
            })
            .collect(),
        qos_class,
        qos_reason: rendered.qos.reason.clone(),
        pressure,
        what_if: what_if(facts, model),
        guest_bytes: guest,
        scheduler_request_bytes: rendered.scheduler_request_bytes,
        notes,
        meaning,
        live: None,
    }
}

/// The consequences of the settings, in plain words.
fn meaning(facts: &VmiFacts, rendered: &Rendered, pressure: &Pressure) -> Vec<String> {
    let bytes = crate::quantity::format_bytes;
    let overhead = rendered.overhead.bytes;
    let mut lines = Vec::new();
    if facts.hugepages.is_some() {
        lines.push(format!(
            "The guest is backed by preallocated hugepages; only the launcher overhead ({}) is ordinary memory.",
            bytes(overhead)
        ));
    } else if facts.overcommit_guest_overhead {
        lines.push(format!(
            "The launcher overhead ({}) is no longer requested: the scheduler reserves {} for this VMI, but the pod can use about {} once the overhead is in use.",
            bytes(overhead),
            bytes(rendered.scheduler_request_bytes),
            bytes(rendered.scheduler_request_bytes.saturating_add(overhead))
        ));
    } else {
        lines.push(format!(
            "The scheduler reserves the guest memory plus the launcher overhead ({}): {} in all for this VMI.",
            bytes(overhead),
            bytes(rendered.scheduler_request_bytes)
        ));
    }
    if let (Some(guest), Some(request)) = (
        rendered.defaulted.guest_memory,
        rendered.defaulted.requests_memory,
    ) && guest > request
        && facts.hugepages.is_none()
    {
        lines.push(format!(
            "Guest memory is overcommitted: the guest sees {} but only {} of it is requested.",
            bytes(guest),
            bytes(request)
        ));
    }
    match rendered.qos.class {
        QosClass::Guaranteed => lines.push(
            "The VMI is Guaranteed: it never uses more than it requested, so the kubelet evicts it only after every pod that does, and the kernel OOM killer spares it (oom_score_adj -997).".into(),
        ),
        QosClass::Burstable if pressure.can_exceed_request => lines.push(
            "The VMI is Burstable and can use more than it requested. Under node memory pressure the kubelet evicts pods that use more than they requested first, so this VMI is among the first to go once it grows into its overcommitted memory: without soft eviction that is an immediate stop, like pulling the power cord.".into(),
        ),
        QosClass::Burstable => lines.push(
            "The VMI is Burstable, but its guest memory and overhead are requested: it exceeds its request only if the launcher uses more than modelled, so other, overcommitted pods are evicted before it.".into(),
        ),
        QosClass::BestEffort => lines.push(
            "The VMI is BestEffort: it is evicted first under memory pressure.".into(),
        ),
    }
    lines
}
