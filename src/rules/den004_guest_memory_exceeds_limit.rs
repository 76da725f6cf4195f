//! DEN004 guest-memory-exceeds-limit: `memory.guest` is larger than `limits.memory`.

use super::{Check, Context, Report, Rule, RuleDoc, Scope, bytes};
use crate::diagnostic::Severity;
use crate::kubevirt::model::guest_above_limit_rejected;

pub static RULE: Rule = Rule {
    code: "DEN004",
    name: "guest-memory-exceeds-limit",
    severity: Severity::Error,
    fixable: false,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "`spec.domain.memory.guest` is larger than `spec.domain.resources.limits.memory`.",
        why: "The guest can use more memory than the container is allowed: the kernel OOM-kills \
              the VM when it does. KubeVirt rejects it outright up to v1.2, from v1.3 to v1.5 \
              unless the rollout strategy is explicitly LiveUpdate (v1.3–v1.4 also need the \
              VMLiveUpdateFeatures gate), and from v1.6 only with `vmRolloutStrategy: Stage`. \
              Where it is accepted it is a warning.",
        example: "spec:\n  domain:\n    memory:\n      guest: 4Gi\n    resources:\n      limits:\n        memory: 2Gi\n",
        fix: "Raise `limits.memory` above the guest memory plus the overhead, or lower \
              `memory.guest`.",
        memory: "The difference between guest and limit is memory the guest believes it has but \
                 can never use without being killed.",
    },
    check: Check::Object(check),
};

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    let (Some(guest), Some(limit)) = (ctx.facts.guest_memory, ctx.facts.limits_memory) else {
        return;
    };
    if guest <= limit {
        return;
    }
    let path = ["domain", "memory", "guest"];
    let lookup = ctx.object.lookup(&path);
    let Some(entry) = lookup.entry else {
        return; // guest came from an instancetype; DEN013 covers that VM.
    };
    let severity = if guest_above_limit_rejected(ctx.model) {
        Severity::Error
    } else {
        Severity::Warning
    };
    let verdict = if severity == Severity::Error {
        format!("KubeVirt {} rejects it", ctx.model.version)
    } else {
        "accepted, but the guest is OOM-killed when it uses its memory".to_string()
    };
    out.push(
        Report::new(
            &entry.key,
            ctx.object.vmi_path(&path),
            format!(
                "guest memory ({}) exceeds limits.memory ({}): {verdict}",
                bytes(guest),
                bytes(limit)
            ),
            "raise resources.limits.memory above the guest memory, or lower memory.guest".into(),
        )
        .severity(severity),
    );
}
