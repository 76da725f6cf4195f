//! DEN009 requests-exceed-limits: the memory request is larger than the memory limit.

use super::{Check, Context, Report, Rule, RuleDoc, Scope, bytes};
use crate::diagnostic::Severity;

pub static RULE: Rule = Rule {
    code: "DEN009",
    name: "requests-exceed-limits",
    severity: Severity::Error,
    fixable: false,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "`resources.requests.memory` is larger than `resources.limits.memory`.",
        why: "Kubernetes and KubeVirt reject a request above its limit: the object is refused.",
        example: "resources:\n  requests:\n    memory: 4Gi\n  limits:\n    memory: 2Gi\n",
        fix: "Lower the request or raise the limit. For Guaranteed QoS make them equal; for \
              density, lower the request and keep the limit.",
        memory: "Not applicable: the object is rejected.",
    },
    check: Check::Object(check),
};

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    let (Some(request), Some(limit)) = (ctx.facts.requests_memory, ctx.facts.limits_memory) else {
        return;
    };
    if request <= limit {
        return;
    }
    let path = ["domain", "resources", "requests", "memory"];
    let Some(entry) = ctx.object.lookup(&path).entry else {
        return; // the request came from an instancetype's overcommitPercent
    };
    out.push(Report::new(
        &entry.key,
        ctx.object.vmi_path(&path),
        format!(
            "requests.memory ({}) is larger than limits.memory ({}): KubeVirt rejects it",
            bytes(request),
            bytes(limit)
        ),
        "lower requests.memory or raise limits.memory".into(),
    ));
}
