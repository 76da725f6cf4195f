//! DEN013 instancetype-memory-conflict: a VM with an instancetype also sets memory or CPU in
//! its template.

use super::{Check, Context, Report, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;
use crate::kubevirt::KubeVirtVersion;

pub static RULE: Rule = Rule {
    code: "DEN013",
    name: "instancetype-memory-conflict",
    severity: Severity::Error,
    fixable: false,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "A VM that uses an instancetype (`spec.instancetype`) also sets memory or CPU \
                  fields in its template that the instancetype owns.",
        why: "KubeVirt rejects the VM: the instancetype is the single source of the VM's size \
              (`pkg/instancetype/apply`). Up to v1.6 any `domain.memory` field, requests.memory \
              or limits.memory conflicts; from v1.7 memory.guest, requests.memory and \
              limits.memory always, hugepages and maxGuest only when the instancetype sets them \
              too. CPU topology and CPU requests/limits conflict likewise.",
        example: "spec:\n  instancetype:\n    name: u1.medium\n  template:\n    spec:\n      domain:\n        memory:\n          guest: 4Gi      # owned by the instancetype\n",
        fix: "Remove the field from the template. To overcommit memory, set \
              `spec.memory.overcommitPercent` in the instancetype instead.",
        memory: "With an instancetype, density is tuned there: overcommitPercent p requests \
                 guest × (1 − p/100).",
    },
    check: Check::Object(check),
};

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    if !ctx.facts.uses_instancetype {
        return;
    }
    let new_rules = ctx.model.version >= KubeVirtVersion::V1_7;
    let instancetype_sets = |path: &[&str]| {
        ctx.instancetype
            .and_then(|spec| spec.get_path(path))
            .is_some()
    };
    let mut conflicts: Vec<Vec<&str>> = vec![
        vec!["domain", "resources", "requests", "memory"],
        vec!["domain", "resources", "limits", "memory"],
        vec!["domain", "resources", "requests", "cpu"],
        vec!["domain", "resources", "limits", "cpu"],
        vec!["domain", "cpu", "sockets"],
        vec!["domain", "cpu", "cores"],
        vec!["domain", "cpu", "threads"],
    ];
    if new_rules {
        conflicts.push(vec!["domain", "memory", "guest"]);
        for (field, owner) in [("hugepages", "hugepages"), ("maxGuest", "maxGuest")] {
            if instancetype_sets(&["memory", owner]) {
                conflicts.push(vec!["domain", "memory", field]);
            }
        }
    } else if let Some(memory) = ctx.object.get(&["domain", "memory"]) {
        for entry in memory.entries().unwrap_or_default() {
            if let Some(name) = entry.key.as_scalar() {
                conflicts.push(vec!["domain", "memory", name]);
            }
        }
    }
    for (field, owner) in [
        ("dedicatedCpuPlacement", "dedicatedCPUPlacement"),
        ("isolateEmulatorThread", "isolateEmulatorThread"),
        ("model", "model"),
        ("numa", "numa"),
        ("realtime", "realtime"),
    ] {
        if instancetype_sets(&["cpu", owner]) {
            conflicts.push(vec!["domain", "cpu", field]);
        }
    }
    for path in conflicts {
        let lookup = ctx.object.lookup(&path);
        let Some(entry) = lookup.entry else { continue };
        let json_path = ctx.object.vmi_path(&path);
        let is_memory = path.contains(&"memory");
        out.push(Report::new(
            &entry.key,
            json_path.clone(),
            format!("{json_path} is set on a VM that uses an instancetype: KubeVirt {} rejects the conflict", ctx.model.version),
            if is_memory {
                "remove it from the template; to overcommit memory, set spec.memory.overcommitPercent in the instancetype".into()
            } else {
                "remove it from the template; the instancetype owns the CPU shape".into()
            },
        ));
    }
}
