//! DEN103 no-eviction-grace: soft eviction without shutdown time for the VMs.

use super::{Check, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;
use crate::kubelet::rules::{KUBEVIRT_DEFAULT_TERMINATION_GRACE_SECONDS, SoftMemory, soft_memory};
use crate::kubelet::{KubeletConfig, NodeFacts, NodeFinding};

pub static RULE: Rule = Rule {
    code: "DEN103",
    name: "no-eviction-grace",
    severity: Severity::Warning,
    fixable: false,
    scope: Scope::Node,
    doc: RuleDoc {
        summary: "Soft eviction is configured but `evictionMaxPodGracePeriod` is 0 or negative \
                  (or shorter than the VMs' termination grace period).",
        why: "On a soft eviction the kubelet gives the pod min(evictionMaxPodGracePeriod, \
              terminationGracePeriodSeconds) seconds, at least 1. With 0 (the default) a soft \
              eviction is as abrupt as a hard one and the soft threshold buys the VM nothing; a \
              negative value does not defer to the pod either (kubernetes#118172).",
        example: "evictionSoft:\n  memory.available: 1Gi\nevictionSoftGracePeriod:\n  memory.available: 1m30s\n# evictionMaxPodGracePeriod not set (0)\n",
        fix: "Set `evictionMaxPodGracePeriod` to at least the VMs' terminationGracePeriodSeconds \
              (KubeVirt's default is 30s; virt-launcher pods add 15s of padding), e.g. 60–180.",
        memory: "None; it decides how long an evicted VM has to shut down.",
    },
    check: Check::Node(check),
};

fn check(config: &KubeletConfig, node: &NodeFacts, out: &mut Vec<NodeFinding>) {
    let soft_active = config
        .thresholds()
        .map(|all| all.iter().any(|t| !t.is_hard()))
        .unwrap_or_else(|_| matches!(soft_memory(config), SoftMemory::Active(_)));
    if !soft_active {
        return;
    }
    let max = config.max_pod_grace_period_seconds();
    if max <= 0 {
        out.push(NodeFinding::new(
            &RULE,
            config,
            "evictionMaxPodGracePeriod",
            format!(
                "soft eviction is configured but evictionMaxPodGracePeriod is {max}{}: a \
                 soft-evicted VM gets 1s to shut down, as on a hard eviction",
                if config.eviction_max_pod_grace_period.is_none() {
                    " (not set)"
                } else {
                    ""
                }
            ),
            format!(
                "set evictionMaxPodGracePeriod to at least the VMs' \
                 terminationGracePeriodSeconds ({}s) plus the 15s virt-launcher padding",
                node.max_vmi_termination_grace_seconds
                    .unwrap_or(KUBEVIRT_DEFAULT_TERMINATION_GRACE_SECONDS)
            ),
        ));
    } else if let Some(vm_grace) = node.max_vmi_termination_grace_seconds
        && i64::from(max) < vm_grace
    {
        out.push(
            NodeFinding::new(
                &RULE,
                config,
                "evictionMaxPodGracePeriod",
                format!(
                    "evictionMaxPodGracePeriod is {max}s but VMs on this node ask for up to \
                     {vm_grace}s to shut down: a soft eviction cuts their shutdown short"
                ),
                format!(
                    "raise evictionMaxPodGracePeriod to at least {}",
                    vm_grace + 15
                ),
            )
            .severity(Severity::Info),
        );
    }
}
