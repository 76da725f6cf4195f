//! DEN015 hugepages-overcommit: hugepages combined with memory overcommit.

use super::{Check, Context, Report, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;

pub static RULE: Rule = Rule {
    code: "DEN015",
    name: "hugepages-overcommit",
    severity: Severity::Warning,
    fixable: false,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "A VMI backed by hugepages also overcommits guest memory (`memory.guest` larger \
                  than the request), or the cluster's memoryOvercommit is not 100.",
        why: "Hugepages are preallocated and never shared or swapped: the guest is backed by \
              exactly min(request, guest) of them, so overcommit cannot work; the guest either \
              gets fewer hugepages than it believes it has or the pod cannot be scheduled.",
        example: "memory:\n  guest: 8Gi\n  hugepages:\n    pageSize: 1Gi\nresources:\n  requests:\n    memory: 4Gi\n",
        fix: "Do not overcommit hugepages-backed VMIs: make memory.guest equal to the request.",
        memory: "None to gain: hugepages memory is reserved in full.",
    },
    check: Check::Object(check),
};

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    let facts = ctx.facts;
    if facts.hugepages.is_none() {
        return;
    }
    let guest_overcommit = facts.guest_overcommitted();
    let cluster_overcommit = ctx.model.memory_overcommit != 100;
    if !guest_overcommit && !cluster_overcommit {
        return;
    }
    let path = ["domain", "memory", "hugepages"];
    let lookup = ctx.object.lookup(&path);
    let message = if guest_overcommit {
        "hugepages-backed guest memory is overcommitted: hugepages cannot be overcommitted"
            .to_string()
    } else {
        format!(
            "hugepages with the cluster's memoryOvercommit at {}%: hugepages cannot be overcommitted",
            ctx.model.memory_overcommit
        )
    };
    out.push(Report::new(
        lookup.anchor,
        ctx.object.vmi_path(&path),
        message,
        "make memory.guest equal to the request for hugepages-backed VMIs".into(),
    ));
}
