//! DEN006 misplaced-field: a real KubeVirt field at the wrong level.

use super::schema_walk::IssueKind;
use super::{Check, Context, Report, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;

pub static RULE: Rule = Rule {
    code: "DEN006",
    name: "misplaced-field",
    severity: Severity::Error,
    fixable: false,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "A key that is a KubeVirt field, but of another mapping: e.g. \
                  `overcommitGuestOverhead` under `domain` or under `requests`, or `guest` under \
                  `resources`.",
        why: "Indentation mistakes move a setting to a level where it means nothing. The API \
              server drops it (or, under `requests`, rejects the object because `true` is not a \
              quantity), so the density setting is not applied.",
        example: "spec:\n  domain:\n    overcommitGuestOverhead: true   # belongs under domain.resources\n    resources:\n      requests:\n        memory: 1Gi\n",
        fix: "Move the key to the path given in the message.",
        memory: "Whatever the setting would have saved: the whole launcher overhead for a \
                 misplaced overcommitGuestOverhead.",
    },
    check: Check::Object(check),
};

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    for issue in ctx.schema_issues {
        let IssueKind::Misplaced { expected_path } = &issue.kind else {
            continue;
        };
        out.push(Report::new(
            issue.key,
            issue.path.clone(),
            format!(
                "`{}` is not a field of {}: it belongs at {expected_path}",
                issue.key_name(),
                issue.parent_path
            ),
            format!("move it to {expected_path}; here the API server ignores or rejects it"),
        ));
    }
}
