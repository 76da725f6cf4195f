//! DEN003 guest-memory-not-overcommitted: the guest gets no more memory than it requests.

use super::{Check, Context, Report, Rule, RuleDoc, Scope, bytes};
use crate::diagnostic::Severity;

pub static RULE: Rule = Rule {
    code: "DEN003",
    name: "guest-memory-not-overcommitted",
    severity: Severity::Info,
    fixable: true,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "The guest memory (`spec.domain.memory.guest`, else the request) is not larger \
                  than `spec.domain.resources.requests.memory`.",
        why: "Most guests do not use all of their memory all of the time. Requesting less than \
              the guest sees lets more VMIs fit on a node; the guest still sees its full \
              memory. The cost is risk: a Burstable VMI that uses more than it requested is \
              first in line for eviction under node memory pressure.",
        example: "spec:\n  domain:\n    resources:\n      requests:\n        memory: 4Gi     # guest also gets 4Gi: no overcommit\n",
        fix: "Make the guest memory larger than the request: `kubectl density apply-overcommit \
              --ratio 1.5` sets `memory.guest` to 1.5 × the request (or the request to \
              guest ÷ 1.5 when only `memory.guest` is set). Pair it with soft eviction on the \
              nodes so evicted VMs get time to shut down.",
        memory: "request × (1 − 1/R) per VMI for a ratio R: 1.33Gi of a 4Gi guest at R = 1.5.",
    },
    check: Check::Object(check),
};

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    let facts = ctx.facts;
    if facts.meant_guaranteed(ctx.model.version)
        || facts.hugepages.is_some()
        || facts.uses_instancetype
    {
        return;
    }
    let request = match facts.requests_memory {
        Some(request) => request,
        // Only guest given: the request is guest × 100 / memoryOvercommit.
        None if facts.limits_memory.is_none() => match facts.guest_memory {
            Some(guest) => {
                guest.saturating_mul(100) / i64::from(ctx.model.memory_overcommit.max(1))
            }
            None => return,
        },
        None => return,
    };
    let guest = facts.effective_guest().unwrap_or(request);
    // Below KubeVirt's 1M minimum the object is invalid (DEN007): no advice on top.
    if guest > request || request < 1_000_000 {
        return;
    }
    let guest_path = ["domain", "memory", "guest"];
    let lookup = if ctx.object.lookup(&guest_path).entry.is_some() {
        ctx.object.lookup(&guest_path)
    } else {
        ctx.object
            .lookup(&["domain", "resources", "requests", "memory"])
    };
    out.push(Report::new(
        lookup.anchor,
        ctx.object.vmi_path(&guest_path),
        format!(
            "guest memory ({}) is not overcommitted: the scheduler reserves all of it ({})",
            bytes(guest),
            bytes(request)
        ),
        format!(
            "make memory.guest larger than the request, e.g. `kubectl density apply-overcommit --ratio 1.5` requests {} for a {} guest",
            bytes(crate::kubevirt::fixes::floor_mi((guest as f64 / 1.5) as i64)),
            bytes(guest)
        ),
    ));
}
