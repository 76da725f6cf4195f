//! DEN107 ksm-disabled: the node is not labelled `kubevirt.io/ksm-enabled=true`.

use super::{Check, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;
use crate::kubelet::rules::KSM_LABEL;
use crate::kubelet::{KubeletConfig, NodeFacts, NodeFinding};

pub static RULE: Rule = Rule {
    code: "DEN107",
    name: "ksm-disabled",
    severity: Severity::Info,
    fixable: false,
    scope: Scope::Node,
    doc: RuleDoc {
        summary: "The node is not labelled `kubevirt.io/ksm-enabled=true`.",
        why: "Kernel samepage merging lets many similar guests (same OS image) share identical \
              memory pages; KubeVirt's virt-handler enables it on the nodes selected by the \
              KubeVirt CR and labels them. Without it every guest page costs physical memory.",
        example: "metadata:\n  labels: {}   # no kubevirt.io/ksm-enabled\n",
        fix: "Select the node in the KubeVirt CR's `spec.configuration.ksmConfiguration.\
              nodeLabelSelector` (an empty selector selects every node).",
        memory: "Workload-dependent: often 10–30% of guest memory for fleets of identical \
                 guests, paid for with some CPU.",
    },
    check: Check::Node(check),
};

fn check(config: &KubeletConfig, node: &NodeFacts, out: &mut Vec<NodeFinding>) {
    if node.ksm_label != Some(false) {
        return;
    }
    out.push(NodeFinding::new(
        &RULE,
        config,
        &format!("metadata.labels.{KSM_LABEL}"),
        format!(
            "the node is not labelled {KSM_LABEL}=true: KSM does not merge identical guest pages here"
        ),
        "select the node in the KubeVirt CR's spec.configuration.ksmConfiguration.nodeLabelSelector"
            .to_string(),
    ));
}
