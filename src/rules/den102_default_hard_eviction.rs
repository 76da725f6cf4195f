//! DEN102 default-hard-eviction: the hard `memory.available` threshold is the 100Mi default.

use super::{Check, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;
use crate::kubelet::rules::hard_memory;
use crate::kubelet::thresholds::ThresholdValue;
use crate::kubelet::{KubeletConfig, NodeFacts, NodeFinding};

pub static RULE: Rule = Rule {
    code: "DEN102",
    name: "default-hard-eviction",
    severity: Severity::Info,
    fixable: false,
    scope: Scope::Node,
    doc: RuleDoc {
        summary: "The hard eviction threshold for `memory.available` is the 100Mi default.",
        why: "100Mi is a small margin on a VM host: guests and QEMU allocate in large steps, so \
              the kernel OOM killer can act before the kubelet notices the pressure, and it kills \
              a process inside a virt-launcher pod instead of evicting a pod.",
        example: "# evictionHard not set: memory.available<100Mi, nodefs.available<10%, …\n",
        fix: "Raise `evictionHard.memory.available` (for example 500Mi–1Gi, or a percentage on \
              large nodes) and keep the other default signals (set them too, or \
              `mergeDefaultEvictionSettings: true` on kubelet 1.33+).",
        memory: "The hard threshold is subtracted from allocatable memory: raising it from 100Mi \
                 to 1Gi makes 924Mi less schedulable, in exchange for the kubelet acting before \
                 the OOM killer.",
    },
    check: Check::Node(check),
};

fn check(config: &KubeletConfig, node: &NodeFacts, out: &mut Vec<NodeFinding>) {
    let Some(hard) = hard_memory(config) else {
        return;
    };
    let ThresholdValue::Quantity(quantity) = &hard.value else {
        return;
    };
    if quantity.value() != Some(100 << 20) {
        return;
    }
    let defaulted = config.is_defaulted("evictionHard.memory.available");
    out.push(NodeFinding::new(
        &RULE,
        config,
        "evictionHard.memory.available",
        format!(
            "the hard eviction threshold for memory.available is {}100Mi: the kernel OOM \
             killer can act before the kubelet evicts anything{}",
            if defaulted { "the default " } else { "" },
            node.capacity_bytes
                .filter(|c| *c > 0)
                .map(|c| {
                    // Basis points of the node's memory, printed as a percentage.
                    let bp = 10_000 * (100_i64 << 20) / c;
                    format!(
                        " (100Mi is {}.{:02}% of this node's memory)",
                        bp / 100,
                        bp % 100
                    )
                })
                .unwrap_or_default()
        ),
        "raise evictionHard.memory.available (e.g. 500Mi–1Gi on VM hosts) and keep the \
         other default signals (write them, or mergeDefaultEvictionSettings: true on 1.33+)"
            .to_string(),
    ));
}
