//! DEN008 missing-memory: the VMI spec gives the guest no memory at all.

use super::{Check, Context, Report, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;
use crate::kubevirt::ObjectKind;

pub static RULE: Rule = Rule {
    code: "DEN008",
    name: "missing-memory",
    severity: Severity::Error,
    fixable: false,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "No `resources.requests.memory`, `resources.limits.memory`, `memory.guest`, \
                  hugepages, or instancetype: the VMI has no memory size.",
        why: "KubeVirt's admission rejects a VMI without memory. A VirtualMachine, replica set \
              or pool with such a template is accepted, but every VMI it creates is rejected, so \
              it never starts (a warning for templates, an error for VMIs).",
        example: "spec:\n  domain:\n    devices: {}\n    resources: {}     # no memory anywhere\n",
        fix: "Set `resources.requests.memory` (and, for overcommit, a larger `memory.guest`), or \
              use an instancetype.",
        memory: "Not applicable: the VMI cannot start.",
    },
    check: Check::Object(check),
};

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    if ctx.facts.has_memory() || ctx.facts.uses_instancetype {
        return;
    }
    let lookup = ctx.object.lookup(&["domain", "resources"]);
    let severity = if ctx.object.kind == ObjectKind::VirtualMachineInstance {
        Severity::Error
    } else {
        Severity::Warning
    };
    let verdict = if severity == Severity::Error {
        "KubeVirt rejects the VMI"
    } else {
        "accepted, but every VMI created from this template is rejected"
    };
    out.push(
        Report::new(
            lookup.anchor,
            ctx.object.vmi_path(&["domain", "resources", "requests", "memory"]),
            format!("no memory is set (requests.memory, limits.memory, memory.guest, hugepages or an instancetype): {verdict}"),
            format!("set {} to the guest memory", ctx.object.vmi_path(&["domain", "resources", "requests", "memory"])),
        )
        .severity(severity),
    );
}
