//! DEN012 overcommitted-long-lived-vm: an overcommitted VM that is meant to run forever.

use super::{Check, Context, Report, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;
use crate::kubevirt::ObjectKind;
use crate::manifest::yaml::Node;

pub static RULE: Rule = Rule {
    code: "DEN012",
    name: "overcommitted-long-lived-vm",
    severity: Severity::Info,
    fixable: false,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "A VirtualMachine that overcommits (overhead or guest memory) and always runs \
                  (`runStrategy: Always` or `RerunOnFailure`, or `running: true`).",
        why: "Overcommit bets that a VM does not use all its memory. Long-lived VMs eventually \
              do (page cache, growth), and a Burstable pod using more than it requested is the \
              first the kubelet evicts under node memory pressure. Without soft eviction that \
              is a power cut, and the VM is restarted on another node to run into the same.",
        example: "spec:\n  runStrategy: Always\n  template:\n    spec:\n      domain:\n        resources:\n          overcommitGuestOverhead: true\n",
        fix: "Keep overcommit for short-lived or lightly used VMs; for long-lived ones, request \
              their memory, or make sure the nodes have soft eviction with a grace period \
              (`kubectl density eviction`).",
        memory: "The overcommitted amount is what the VM can grow into before it is evicted.",
    },
    check: Check::Object(check),
};

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    if !matches!(
        ctx.object.kind,
        ObjectKind::VirtualMachine | ObjectKind::VirtualMachinePool
    ) {
        return;
    }
    let facts = ctx.facts;
    if !facts.overcommitted() {
        return;
    }
    let guest_overcommitted = facts.guest_overcommitted();
    let Some(vm_spec) = ctx.object.vm_spec() else {
        return;
    };
    let always = |entry: &'a crate::manifest::yaml::Entry| -> bool {
        match entry.key.as_scalar() {
            Some("runStrategy") => {
                matches!(
                    entry.value.as_str(),
                    Some("Always") | Some("RerunOnFailure")
                )
            }
            Some("running") => entry.value.as_bool() == Some(true),
            _ => false,
        }
    };
    let Some(entry) = vm_spec
        .entries()
        .unwrap_or_default()
        .iter()
        .find(|entry| always(entry))
    else {
        return;
    };
    let what = if facts.overcommit_guest_overhead && guest_overcommitted {
        "its overhead and guest memory are overcommitted"
    } else if facts.overcommit_guest_overhead {
        "its overhead is not requested"
    } else {
        "its guest memory is larger than its request"
    };
    let setting = format!(
        "{}: {}",
        entry.key.as_scalar().unwrap_or_default(),
        entry.value.as_scalar().unwrap_or_default()
    );
    let key: &Node = &entry.key;
    let path = if ctx.object.kind == ObjectKind::VirtualMachine {
        ctx.object
            .object_path(&["spec", key.as_scalar().unwrap_or_default()])
    } else {
        ctx.object.object_path(&[
            "spec",
            "virtualMachineTemplate",
            "spec",
            key.as_scalar().unwrap_or_default(),
        ])
    };
    out.push(Report::new(
        key,
        path,
        format!("the VM always runs ({setting}) and {what}: it will use that memory eventually and be evicted first under memory pressure"),
        "keep overcommit for short-lived VMs, or give the nodes soft eviction with a grace period (kubectl density eviction)".into(),
    ));
}
