//! DEN005 unknown-field: a key that KubeVirt's API type does not have.

use super::schema_walk::IssueKind;
use super::{Check, Context, Report, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;

pub static RULE: Rule = Rule {
    code: "DEN005",
    name: "unknown-field",
    severity: Severity::Error,
    fixable: false,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "A key in the VM/VMI spec (or an instancetype/preference spec) is not a field of \
                  KubeVirt's API type at that place, in the KubeVirt version modelled.",
        why: "The API server drops unknown fields (or rejects them with strict validation), so \
              the setting silently does nothing: `autottachGraphicsDevice: false` leaves the \
              graphics device attached and its memory requested.",
        example: "spec:\n  domain:\n    devices:\n      autottachGraphicsDevice: false   # typo: did you mean autoattachGraphicsDevice?\n",
        fix: "Use the suggested spelling, or check the field against the KubeVirt version you \
              run (`--kubevirt-version`): some fields only exist in newer releases.",
        memory: "Whatever the intended setting would have saved; for a misspelled \
                 autoattachGraphicsDevice, 32Mi per VMI.",
    },
    check: Check::Object(check),
};

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    for issue in ctx.schema_issues {
        let IssueKind::Unknown {
            suggestion,
            exists_in,
        } = &issue.kind
        else {
            continue;
        };
        let name = issue.key_name();
        let (message, help) = match (suggestion, exists_in) {
            (Some(suggestion), _) => (
                format!("unknown field `{name}` in {}", issue.parent_path),
                format!("did you mean `{suggestion}`? the API server drops unknown fields, so this setting does nothing"),
            ),
            (None, Some((since, until))) => {
                let range = match until {
                    Some(until) if since == until => format!("only in KubeVirt {since}"),
                    Some(until) => format!("in KubeVirt {since} to {until}"),
                    None => format!("from KubeVirt {since}"),
                };
                (
                    format!(
                        "field `{name}` does not exist in KubeVirt {} (it exists {range})",
                        ctx.model.version
                    ),
                    "upgrade KubeVirt, or pass the version you run with --kubevirt-version".into(),
                )
            }
            (None, None) => (
                format!("unknown field `{name}` in {}", issue.parent_path),
                "the API server drops unknown fields, so this setting does nothing; check the spelling against the KubeVirt API reference".into(),
            ),
        };
        out.push(Report::new(issue.key, issue.path.clone(), message, help));
    }
}
