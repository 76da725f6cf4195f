//! DEN000 invalid-manifest: the input cannot be read as Kubernetes objects.
//!
//! The engine creates these findings from YAML/JSON syntax errors and documents that are not
//! objects; the check itself reports values whose type the API server would reject (a
//! mapping where a boolean belongs, a scalar where a mapping belongs), found by the schema
//! walk.

use super::schema_walk::IssueKind;
use super::{Check, Context, Report, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;

pub static RULE: Rule = Rule {
    code: "DEN000",
    name: "invalid-manifest",
    severity: Severity::Error,
    fixable: false,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "The file is not valid YAML/JSON, a document is not an object, or a field has \
                  a type the API server rejects.",
        why: "kubectl and the API server refuse the whole document: nothing in it is applied. \
              Indentation mistakes are the usual cause; a key indented under a key that already \
              has a value (`overcommitGuestOverhead: true` followed by a more-indented \
              `requests:`) is a syntax error, not a nested mapping.",
        example: "spec:\n  domain:\n    resources:\n      overcommitGuestOverhead: true\n        requests:        # more indented than its sibling: syntax error\n          memory: 1024M\n",
        fix: "Fix the syntax at the reported line and column. For the example, align \
              `requests:` with `overcommitGuestOverhead:`.",
        memory: "None directly, but nothing else in the document can be checked until it parses.",
    },
    check: Check::Object(check),
};

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    for issue in ctx.schema_issues {
        if let IssueKind::WrongType { expected } = issue.kind {
            out.push(Report::new(
                issue.value,
                issue.path.clone(),
                format!(
                    "`{}` must be {expected}, not {}",
                    issue.key_name(),
                    crate::manifest::yaml::describe(issue.value)
                ),
                "the API server rejects the whole object; fix the value's type".into(),
            ));
        }
    }
}
