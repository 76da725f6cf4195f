//! DEN101 no-soft-eviction: memory pressure is only ever handled by hard eviction.

use super::{Check, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;
use crate::kubelet::rules::{SoftMemory, describe_value, hard_memory, soft_memory};
use crate::kubelet::thresholds::{Threshold, ThresholdValue};
use crate::kubelet::{KubeletConfig, NodeFacts, NodeFinding};

pub static RULE: Rule = Rule {
    code: "DEN101",
    name: "no-soft-eviction",
    severity: Severity::Warning,
    fixable: false,
    scope: Scope::Node,
    doc: RuleDoc {
        summary: "The kubelet has no soft eviction threshold for `memory.available` (or one that \
                  can never act), so memory pressure is only ever handled by hard eviction.",
        why: "A hard eviction gives the pod one second: for a VM that is a power cut, with no \
              guest shutdown and possible data loss. A soft threshold above the hard one lets the \
              kubelet evict earlier, after a grace period, and give the virt-launcher pod time to \
              shut the guest down. Overcommitted (Burstable) VMIs are the first to be evicted, so \
              density setups need this most.",
        example: "evictionHard:\n  memory.available: 100Mi\n# no evictionSoft / evictionSoftGracePeriod\n",
        fix: "Add `evictionSoft: {memory.available: 1Gi}` (above the hard threshold), \
              `evictionSoftGracePeriod: {memory.available: 1m30s}` and an \
              `evictionMaxPodGracePeriod` long enough for a guest shutdown.",
        memory: "None directly; it decides whether VMs evicted under memory pressure shut down \
                 cleanly. The soft threshold itself is not reserved from allocatable memory.",
    },
    check: Check::Node(check),
};

fn check(config: &KubeletConfig, node: &NodeFacts, out: &mut Vec<NodeFinding>) {
    let soft = soft_memory(config);
    let hard = hard_memory(config);
    let Some(message) = message(&soft, hard.as_ref(), node) else {
        return;
    };
    out.push(NodeFinding::new(
        &RULE,
        config,
        "evictionSoft.memory.available",
        message,
        format!(
            "set evictionSoft.memory.available above the hard threshold{} (e.g. 1Gi), \
             evictionSoftGracePeriod.memory.available (e.g. 1m30s) and \
             evictionMaxPodGracePeriod, so VMs are shut down rather than killed",
            hard.as_ref()
                .map(|h| format!(" ({})", describe_value(&h.value, node)))
                .unwrap_or_default()
        ),
    ));
}

fn message(soft: &SoftMemory, hard: Option<&Threshold>, node: &NodeFacts) -> Option<String> {
    let base = "VMIs are only ever hard-evicted, which gives them 1s: a power cut";
    Some(match soft {
        SoftMemory::Absent => format!("no soft eviction threshold for memory.available: {base}"),
        SoftMemory::Disabled(value) => {
            format!(
                "the soft eviction threshold memory.available is {value}, which disables it: {base}"
            )
        }
        SoftMemory::Invalid(reason) => format!(
            "the soft eviction threshold for memory.available is invalid ({reason}); the \
             kubelet will not start with it"
        ),
        SoftMemory::NoGrace => "evictionSoft.memory.available has no \
                                evictionSoftGracePeriod.memory.available; the kubelet will not \
                                start with it"
            .to_string(),
        SoftMemory::ZeroGrace => format!(
            "the soft eviction threshold for memory.available has a 0s grace period, so the \
             kubelet treats it as a hard threshold: {base}"
        ),
        SoftMemory::Active(soft) => {
            let hard = hard?;
            let capacity = node.capacity_bytes;
            let (soft_bytes, hard_bytes) = match (&soft.value, &hard.value, capacity) {
                (ThresholdValue::Quantity(s), ThresholdValue::Quantity(h), _) => {
                    (s.value()?, h.value()?)
                }
                (s, h, Some(capacity)) => (s.resolve(capacity)?, h.resolve(capacity)?),
                (ThresholdValue::Percentage(s), ThresholdValue::Percentage(h), None) => {
                    if s > h {
                        return None;
                    }
                    return Some(format!(
                        "the soft eviction threshold for memory.available ({}) is not above the \
                         hard one ({}): the hard threshold is reached first and {base}",
                        soft.value, hard.value
                    ));
                }
                _ => return None,
            };
            if soft_bytes > hard_bytes {
                return None;
            }
            format!(
                "the soft eviction threshold for memory.available ({}) is not above the hard \
                 one ({}): the hard threshold is reached first and {base}",
                describe_value(&soft.value, node),
                describe_value(&hard.value, node)
            )
        }
    })
}
