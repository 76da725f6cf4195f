//! DEN010 overhead-overcommit-breaks-guaranteed: overcommitGuestOverhead on a VMI that wants
//! Guaranteed QoS.

use super::{Check, Context, Report, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;

pub static RULE: Rule = Rule {
    code: "DEN010",
    name: "overhead-overcommit-breaks-guaranteed",
    severity: Severity::Error,
    fixable: false,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "`overcommitGuestOverhead: true` on a VMI that is meant to be Guaranteed \
                  (dedicated CPUs, or memory and CPU requests equal to limits).",
        why: "Without the overhead in the request, the launcher's memory request is lower than \
              its limit, so the pod cannot be Guaranteed. With dedicated CPUs KubeVirt refuses \
              to start the VMI (FailedGuaranteeResources): an error. Otherwise the QoS silently \
              drops to Burstable and the VMI becomes evictable: a warning. Hugepages VMIs are \
              exempt: KubeVirt ignores the flag for them.",
        example: "spec:\n  domain:\n    cpu:\n      dedicatedCpuPlacement: true\n    resources:\n      overcommitGuestOverhead: true\n",
        fix: "Remove `overcommitGuestOverhead` (or set it to false) on Guaranteed VMIs.",
        memory: "None to gain: a Guaranteed VMI must request its overhead.",
    },
    check: Check::Object(check),
};

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    let facts = ctx.facts;
    if !facts.overcommit_guest_overhead
        || facts.hugepages.is_some()
        || !facts.meant_guaranteed(ctx.model.version)
    {
        return;
    }
    let path = ["domain", "resources", "overcommitGuestOverhead"];
    let Some(entry) = ctx.object.lookup(&path).entry else {
        return;
    };
    let (severity, message) = if facts.dedicated_cpu {
        (
            Severity::Error,
            "overcommitGuestOverhead on a VMI with dedicated CPUs: KubeVirt fails it with FailedGuaranteeResources",
        )
    } else {
        (
            Severity::Warning,
            "overcommitGuestOverhead on a VMI whose requests equal its limits: the QoS class silently drops from Guaranteed to Burstable",
        )
    };
    out.push(
        Report::new(
            &entry.key,
            ctx.object.vmi_path(&path),
            message.into(),
            "remove overcommitGuestOverhead, or drop the limits if Burstable is what you want"
                .into(),
        )
        .severity(severity),
    );
}
