//! DEN014 deprecated-api-version: an apiVersion KubeVirt no longer (or not yet) serves.

use super::{Check, Context, Report, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;
use crate::kubevirt::KubeVirtVersion;

pub static RULE: Rule = Rule {
    code: "DEN014",
    name: "deprecated-api-version",
    severity: Severity::Warning,
    fixable: false,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "The object uses an API version that is deprecated, no longer served, or not \
                  served yet by the KubeVirt version modelled.",
        why: "`kubevirt.io/v1alpha2` has not been served for years: kubectl fails with \"no \
              matches for kind\" (error). `kubevirt.io/v1alpha3` still works but is deprecated. \
              `instancetype.kubevirt.io/v1alpha1`/`v1alpha2` are served up to v1.6; \
              `pool.kubevirt.io/v1beta1` only from v1.7.",
        example: "apiVersion: kubevirt.io/v1alpha2\nkind: VirtualMachineInstance\n",
        fix: "Use `kubevirt.io/v1`, `instancetype.kubevirt.io/v1beta1`, and the pool version \
              your KubeVirt serves.",
        memory: "None: an object that is not served is never created.",
    },
    check: Check::Object(check),
};

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    let Some(value) = ctx.object.node.get("apiVersion") else {
        return;
    };
    let api_version = ctx.object.id.api_version.as_str();
    let version = ctx.model.version;
    let (severity, message, help): (Severity, String, &str) = match api_version {
        "kubevirt.io/v1alpha2" | "kubevirt.io/v1alpha1" => (
            Severity::Error,
            format!(
                "{api_version} is no longer served: kubectl fails with \"no matches for kind\""
            ),
            "use kubevirt.io/v1",
        ),
        "kubevirt.io/v1alpha3" => (
            Severity::Warning,
            "kubevirt.io/v1alpha3 is deprecated".into(),
            "use kubevirt.io/v1 (same schema)",
        ),
        "instancetype.kubevirt.io/v1alpha1" | "instancetype.kubevirt.io/v1alpha2" => {
            if version >= KubeVirtVersion::V1_7 {
                (
                    Severity::Error,
                    format!("{api_version} is no longer served by KubeVirt {version}"),
                    "use instancetype.kubevirt.io/v1beta1",
                )
            } else {
                (
                    Severity::Warning,
                    format!("{api_version} is deprecated"),
                    "use instancetype.kubevirt.io/v1beta1",
                )
            }
        }
        "pool.kubevirt.io/v1beta1" if version < KubeVirtVersion::V1_7 => (
            Severity::Error,
            format!(
                "pool.kubevirt.io/v1beta1 is not served by KubeVirt {version} (it is new in v1.7)"
            ),
            "use pool.kubevirt.io/v1alpha1 on this KubeVirt version",
        ),
        _ => return,
    };
    out.push(
        Report::new(
            value,
            ctx.object.object_path(&["apiVersion"]),
            message,
            help.into(),
        )
        .severity(severity),
    );
}
