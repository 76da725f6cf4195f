//! DEN002 guest-overhead-requested: the launcher overhead is requested from the scheduler.

use super::{Check, Context, Report, Rule, RuleDoc, Scope, bytes};
use crate::diagnostic::Severity;
use crate::kubevirt::overhead::memory_overhead;

pub static RULE: Rule = Rule {
    code: "DEN002",
    name: "guest-overhead-requested",
    severity: Severity::Warning,
    fixable: true,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "`spec.domain.resources.overcommitGuestOverhead` is not true on a VMI that is \
                  not meant to be Guaranteed, so the virt-launcher overhead is added to the \
                  pod's memory request.",
        why: "Every virt-launcher pod requests the guest memory plus an overhead of a few \
              hundred Mi (libvirt, QEMU, page tables, per-vCPU and per-device terms). The \
              scheduler reserves it for every VMI even though short-lived or lightly used VMs \
              rarely touch all of it. With the flag set, only the guest memory is requested.",
        example: "spec:\n  domain:\n    resources:        # overcommitGuestOverhead not set\n      requests:\n        memory: 1Gi\n",
        fix: "Set `spec.domain.resources.overcommitGuestOverhead: true` \
              (`kubectl density apply-overcommit --overhead`). The VMI becomes Burstable if it \
              was not already: under node memory pressure it can be evicted. Do not apply it to \
              long-lived, memory-hungry VMs, or to VMIs that need Guaranteed QoS.",
        memory: "The whole launcher overhead per VMI, e.g. 290Mi for 1 vCPU and 1Gi on current \
                 KubeVirt; `kubectl density explain` shows it term by term.",
    },
    check: Check::Object(check),
};

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    let facts = ctx.facts;
    // Guaranteed VMIs must keep the overhead (DEN010); hugepages ignore the flag.
    if facts.overcommit_guest_overhead
        || facts.meant_guaranteed(ctx.model.version)
        || facts.hugepages.is_some()
    {
        return;
    }
    let path = ["domain", "resources", "overcommitGuestOverhead"];
    let lookup = ctx.object.lookup(&path);
    let overhead = memory_overhead(ctx.defaulted, ctx.model).bytes;
    out.push(
        Report::new(
            lookup.anchor,
            ctx.object.vmi_path(&path),
            format!(
                "the launcher overhead ({} at KubeVirt {}) is requested from the scheduler on top of the guest memory",
                bytes(overhead),
                ctx.model.version
            ),
            format!(
                "set {}: true to stop requesting {} per VMI (the VMI is Burstable and can be evicted under memory pressure)",
                ctx.object.vmi_path(&path),
                bytes(overhead)
            ),
        )
        .savings(overhead),
    );
}
