//! DEN011 dedicated-cpu-memory-mismatch: dedicated CPUs with different memory request and limit.

use super::{Check, Context, Report, Rule, RuleDoc, Scope, bytes};
use crate::diagnostic::Severity;

pub static RULE: Rule = Rule {
    code: "DEN011",
    name: "dedicated-cpu-memory-mismatch",
    severity: Severity::Error,
    fixable: false,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "`dedicatedCpuPlacement: true` with `requests.memory` and `limits.memory` both \
                  set and different.",
        why: "Dedicated CPUs need a Guaranteed pod, which needs memory requests equal to limits. \
              KubeVirt rejects the VMI. (Requests only, limits only, or guest only are valid: \
              KubeVirt fills in the rest.)",
        example: "cpu:\n  dedicatedCpuPlacement: true\nresources:\n  requests:\n    memory: 2Gi\n  limits:\n    memory: 4Gi\n",
        fix: "Set requests.memory equal to limits.memory, or remove one of them.",
        memory: "Not applicable: the VMI is rejected.",
    },
    check: Check::Object(check),
};

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    let facts = ctx.facts;
    if !facts.dedicated_cpu {
        return;
    }
    let (Some(request), Some(limit)) = (facts.requests_memory, facts.limits_memory) else {
        return;
    };
    if request == limit {
        return;
    }
    let path = ["domain", "resources", "limits", "memory"];
    let Some(entry) = ctx.object.lookup(&path).entry else {
        return;
    };
    out.push(Report::new(
        &entry.key,
        ctx.object.vmi_path(&path),
        format!(
            "dedicated CPUs need requests.memory ({}) equal to limits.memory ({}): KubeVirt rejects the VMI",
            bytes(request),
            bytes(limit)
        ),
        "make requests.memory and limits.memory equal, or set only one of them".into(),
    ));
}
