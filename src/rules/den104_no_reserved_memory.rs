//! DEN104 no-reserved-memory: neither `systemReserved` nor `kubeReserved` reserves memory.

use std::collections::BTreeMap;

use super::{Check, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;
use crate::kubelet::{KubeletConfig, NodeFacts, NodeFinding};
use crate::quantity::Quantity;

pub static RULE: Rule = Rule {
    code: "DEN104",
    name: "no-reserved-memory",
    severity: Severity::Warning,
    fixable: false,
    scope: Scope::Node,
    doc: RuleDoc {
        summary: "Neither `systemReserved` nor `kubeReserved` reserves memory.",
        why: "Allocatable memory is then capacity minus the hard eviction threshold only: the \
              scheduler can fill the node with VMs up to the point where the kubelet, the \
              container runtime, virt-handler and system daemons compete with them, which ends \
              in evictions or OOM kills.",
        example: "systemReserved:\n  cpu: 500m      # no memory\n# kubeReserved not set\n",
        fix: "Reserve memory for the host, e.g. `systemReserved: {memory: 1Gi}` and \
              `kubeReserved: {memory: 1Gi}` (more on large nodes; measure the system and kube \
              slices' usage).",
        memory: "What you reserve is subtracted from allocatable memory, so fewer VMs are \
                 scheduled, but the ones that are keep running.",
    },
    check: Check::Node(check),
};

fn check(config: &KubeletConfig, _node: &NodeFacts, out: &mut Vec<NodeFinding>) {
    if reserves_memory(config.system_reserved.as_ref())
        || reserves_memory(config.kube_reserved.as_ref())
    {
        return;
    }
    out.push(NodeFinding::new(
        &RULE,
        config,
        "systemReserved.memory",
        "neither systemReserved nor kubeReserved reserves memory: the scheduler can fill \
         the node with VMs up to the hard eviction threshold, leaving nothing for the \
         kubelet, the container runtime and system daemons"
            .to_string(),
        "reserve memory for the host, e.g. systemReserved: {memory: 1Gi} and \
         kubeReserved: {memory: 1Gi}"
            .to_string(),
    ));
}

/// Whether a reserved map reserves a non-zero amount of memory. An unparsable value counts as
/// reserving: it is an error the allocatable computation reports.
fn reserves_memory(map: Option<&BTreeMap<String, String>>) -> bool {
    map.and_then(|m| m.get("memory"))
        .is_some_and(|value| Quantity::parse(value).map_or(true, |q| !q.is_zero()))
}
