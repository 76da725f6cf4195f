//! DEN106 no-swap-for-overcommit: overcommitted VMIs on a node where pods cannot swap.

use super::{Check, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;
use crate::kubelet::{KubeletConfig, NodeFacts, NodeFinding};

pub static RULE: Rule = Rule {
    code: "DEN106",
    name: "no-swap-for-overcommit",
    severity: Severity::Info,
    fixable: false,
    scope: Scope::Node,
    doc: RuleDoc {
        summary: "The node runs overcommitted VMIs but pods cannot swap (`NoSwap`, or \
                  `failSwapOn: true`).",
        why: "Overcommitted VMIs are Burstable and use more than they request when guests touch \
              their memory. Without swap the only relief is eviction; with `LimitedSwap` \
              (NodeSwap, GA in 1.34, cgroup v2) Burstable pods can swap cold guest pages \
              instead.",
        example: "failSwapOn: true\nmemorySwap: {}   # NoSwap\n",
        fix: "Provision swap on the node, set `failSwapOn: false` and \
              `memorySwap: {swapBehavior: LimitedSwap}`.",
        memory: "Each Burstable container may swap up to request/MemTotal of the node's swap.",
    },
    check: Check::Node(check),
};

fn check(config: &KubeletConfig, node: &NodeFacts, out: &mut Vec<NodeFinding>) {
    if node.runs_overcommitted_vmis != Some(true) {
        return;
    }
    let no_swap_provisioned = node.swap_capacity_bytes == Some(0);
    if config.swap_enabled_for_pods() && !no_swap_provisioned {
        return;
    }
    let (path, state) = if config.effective_swap_behavior() != "LimitedSwap" {
        (
            "memorySwap.swapBehavior",
            format!("swapBehavior is {}", config.effective_swap_behavior()),
        )
    } else if config.effective_fail_swap_on() {
        ("failSwapOn", "failSwapOn is true".to_string())
    } else {
        (
            "memorySwap.swapBehavior",
            "the node has no swap".to_string(),
        )
    };
    out.push(NodeFinding::new(
        &RULE,
        config,
        path,
        format!(
            "the node runs overcommitted VMIs but {state}: under memory pressure they can only \
             be evicted, not swapped"
        ),
        "provision swap, set failSwapOn: false and memorySwap.swapBehavior: LimitedSwap \
         (NodeSwap, cgroup v2)"
            .to_string(),
    ));
}
