//! How many VMIs of one kind fit on a node, for each density strategy (SPEC §3.5).
//!
//! Pure: the strategies come from `explain` (cumulative, guest memory kept, request lowered),
//! the node's allocatable memory from `kubelet`; this module divides and words the risk.

use serde::Serialize;

use super::explain::{STRATEGIES, apply_strategy, render_pod};
use super::facts::VmiFacts;
use super::model::ClusterModel;
use crate::diagnostic::ObjectId;
use crate::kubelet::allocatable::AllocatableMemory;
use crate::qos::QosClass;
use crate::quantity::format_bytes;

/// The memory a node offers VMIs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeBudget {
    /// The node's name, or a description of the assumed node.
    pub name: String,
    /// The allocatable arithmetic.
    pub memory: AllocatableMemory,
    /// Memory already requested by pods on the node (live nodes; 0 otherwise).
    pub requested_bytes: i64,
}

impl NodeBudget {
    /// What is left for new VMIs.
    pub fn free_bytes(&self) -> i64 {
        self.memory
            .allocatable_bytes
            .saturating_sub(self.requested_bytes)
            .max(0)
    }
}

/// One strategy's outcome on one node.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StrategyFit {
    pub name: &'static str,
    /// The pod's scheduler memory request per VMI.
    pub scheduler_request_bytes: i64,
    /// How many VMIs fit in the free memory.
    pub fit: i64,
    /// Guest memory each VMI is promised.
    pub guest_bytes_promised: i64,
    pub qos_class: QosClass,
    /// The risk, in words.
    pub risk: String,
    /// Why the strategy does not apply to this VM (its numbers are then the previous one's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
}

/// The plan for one VM on one node.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanItem {
    pub object: ObjectId,
    pub node: NodeBudget,
    pub strategies: Vec<StrategyFit>,
}

fn risk(
    strategy: &str,
    qos: QosClass,
    overhead_requested: bool,
    overcommit: f64,
    fit: i64,
    guest: i64,
    free: i64,
) -> String {
    let promised = (fit as f64) * (guest as f64);
    let physical = free.max(1) as f64;
    let ratio = promised / physical;
    if qos == QosClass::Guaranteed {
        return "none: Guaranteed, evicted only after every pod that uses more than it requested"
            .into();
    }
    let mut words = Vec::new();
    if !overhead_requested {
        words.push(
            "the launcher overhead is not reserved: evicted first once it is used".to_string(),
        );
    }
    if overcommit > 1.0 {
        words.push(format!(
            "guests promised {:.1}× the node's free memory: evicted when guests use more than {:.0}% of their memory",
            ratio,
            100.0 / overcommit
        ));
    }
    if words.is_empty() {
        return match strategy {
            "no-graphics" => "low: no VNC console; everything the VMI uses is requested".into(),
            _ => "low: everything the VMI uses is requested".into(),
        };
    }
    words.join("; ")
}

/// Several nodes as one budget (for the summary line); fits are still counted per node.
pub fn combined(nodes: &[NodeBudget]) -> NodeBudget {
    if let [only] = nodes {
        return only.clone();
    }
    let sum = |f: fn(&AllocatableMemory) -> i64| {
        nodes
            .iter()
            .fold(0i64, |total, n| total.saturating_add(f(&n.memory)))
    };
    NodeBudget {
        name: format!("{} schedulable nodes", nodes.len()),
        memory: AllocatableMemory {
            capacity_bytes: sum(|m| m.capacity_bytes),
            system_reserved_bytes: sum(|m| m.system_reserved_bytes),
            kube_reserved_bytes: sum(|m| m.kube_reserved_bytes),
            hard_eviction_bytes: sum(|m| m.hard_eviction_bytes),
            hugepages_bytes: sum(|m| m.hugepages_bytes),
            allocatable_bytes: sum(|m| m.allocatable_bytes),
        },
        requested_bytes: nodes
            .iter()
            .fold(0i64, |total, n| total.saturating_add(n.requested_bytes)),
    }
}

/// Plans one VM (facts as written) on a node.
pub fn plan_item(
    object: ObjectId,
    facts: &VmiFacts,
    model: &ClusterModel,
    node: NodeBudget,
) -> PlanItem {
    plan_on_nodes(object, facts, model, std::slice::from_ref(&node))
}

/// Plans one VM on several nodes: a VMI fits on one node, so the fit is the sum of each
/// node's own fit.
pub fn plan_on_nodes(
    object: ObjectId,
    facts: &VmiFacts,
    model: &ClusterModel,
    nodes: &[NodeBudget],
) -> PlanItem {
    let node = combined(nodes);
    let free = node.free_bytes();
    let mut current = facts.clone();
    let mut strategies = Vec::new();
    for name in STRATEGIES {
        let refused = match apply_strategy(name, &current, model) {
            Ok(next) => {
                current = next;
                None
            }
            Err(reason) => Some(reason),
        };
        let pod = render_pod(&current, model);
        let request = pod.scheduler_request_bytes;
        let guest = pod.defaulted.effective_guest().unwrap_or(0);
        let fit = if request > 0 {
            nodes.iter().map(|n| n.free_bytes() / request).sum()
        } else {
            0
        };
        let requested_guest = pod.defaulted.requests_memory.unwrap_or(guest);
        let overcommit = if requested_guest > 0 && pod.defaulted.hugepages.is_none() {
            guest as f64 / requested_guest as f64
        } else {
            1.0
        };
        strategies.push(StrategyFit {
            name,
            scheduler_request_bytes: request,
            fit,
            guest_bytes_promised: guest,
            qos_class: pod.qos.class,
            risk: risk(
                name,
                pod.qos.class,
                !pod.defaulted.overcommit_guest_overhead || pod.defaulted.hugepages.is_some(),
                overcommit,
                fit,
                guest,
                free,
            ),
            refused,
        });
    }
    PlanItem {
        object,
        node,
        strategies,
    }
}

/// "37 × 4Gi = 148Gi promised on 62Gi" for text output.
pub fn promised_words(fit: &StrategyFit, free: i64) -> String {
    let promised = fit.fit.saturating_mul(fit.guest_bytes_promised);
    format!(
        "{} × {} = {} on {}",
        fit.fit,
        format_bytes(fit.guest_bytes_promised),
        format_bytes(promised),
        format_bytes(free)
    )
}
