//! DEN007 invalid-quantity: a memory or CPU value that is not a valid Kubernetes quantity.

use super::{Check, Context, Report, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;
use crate::kubevirt::ObjectKind;
use crate::manifest::yaml::{Node, describe};
use crate::quantity::Quantity;

pub static RULE: Rule = Rule {
    code: "DEN007",
    name: "invalid-quantity",
    severity: Severity::Error,
    fixable: false,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "A memory or CPU value (requests, limits, memory.guest, memory.maxGuest, \
                  hugepages.pageSize, reservedOverhead, instancetype memory) is not a Kubernetes \
                  quantity, is negative, or is a memory request below KubeVirt's 1M minimum.",
        why: "The API server rejects values that are not quantities; KubeVirt rejects negative \
              values and memory requests between 0 and 1M (`1024` means 1024 bytes, not Mi).",
        example: "resources:\n  requests:\n    memory: 1GB       # not a quantity: use 1G or 1Gi\n",
        fix: "Write a quantity: a number with an optional suffix (`Ki Mi Gi Ti` for powers of \
              1024, `k M G T` for powers of 1000, `m` for milli).",
        memory: "The request the VM would have had; an invalid one blocks the object entirely.",
    },
    check: Check::Object(check),
};

/// A memory request must be 0 or at least 1M (KubeVirt's admission).
const MIN_MEMORY_REQUEST: i64 = 1_000_000;

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    let object = ctx.object;
    let mut fields: Vec<(Vec<&str>, Option<&'a Node>, bool)> = Vec::new();
    if object.kind.is_workload() {
        for path in [
            &["domain", "resources", "requests", "memory"][..],
            &["domain", "resources", "requests", "cpu"],
            &["domain", "resources", "limits", "memory"],
            &["domain", "resources", "limits", "cpu"],
            &["domain", "memory", "guest"],
            &["domain", "memory", "maxGuest"],
            &["domain", "memory", "hugepages", "pageSize"],
            &["domain", "memory", "reservedOverhead", "addedOverhead"],
        ] {
            let is_request = path[2] == "requests" && path[3] == "memory";
            fields.push((
                path.to_vec(),
                object.lookup(path).entry.map(|e| &e.key),
                is_request,
            ));
        }
    } else if matches!(
        object.kind,
        ObjectKind::VirtualMachineInstancetype | ObjectKind::VirtualMachineClusterInstancetype
    ) {
        for path in [
            &["spec", "memory", "guest"][..],
            &["spec", "memory", "maxGuest"],
            &["spec", "memory", "hugepages", "pageSize"],
        ] {
            fields.push((
                path.to_vec(),
                object.lookup_object(path).entry.map(|e| &e.key),
                false,
            ));
        }
    }
    for (path, key, is_request) in fields {
        let Some(key) = key else { continue };
        let lookup = if object.kind.is_workload() {
            object.lookup(&path)
        } else {
            object.lookup_object(&path)
        };
        let Some(value) = lookup.value() else {
            continue;
        };
        let json_path = if object.kind.is_workload() {
            object.vmi_path(&path)
        } else {
            object.object_path(&path)
        };
        if value.is_null() {
            continue;
        }
        let Some(text) = value.as_scalar().filter(|_| value.scalar_kind().is_some()) else {
            out.push(Report::new(
                value,
                json_path,
                format!(
                    "`{}` must be a quantity, not {}",
                    path[path.len() - 1],
                    describe(value)
                ),
                "write a quantity such as 1Gi or 500m".into(),
            ));
            continue;
        };
        match Quantity::parse(text.trim()) {
            Err(_) => out.push(Report::new(
                value,
                json_path,
                format!("`{text}` is not a valid quantity"),
                quantity_hint(text),
            )),
            Ok(quantity) if quantity.is_negative() => out.push(Report::new(
                value,
                json_path,
                format!("`{text}` is negative"),
                "memory and CPU values must not be negative".into(),
            )),
            Ok(quantity) => {
                let bytes = quantity.value().unwrap_or(i64::MAX);
                if is_request && bytes > 0 && bytes < MIN_MEMORY_REQUEST {
                    out.push(Report::new(
                        value,
                        json_path,
                        format!(
                            "memory request `{text}` is {bytes} bytes: KubeVirt requires at least 1M"
                        ),
                        format!("a bare number is bytes; did you mean {text}Mi or {text}Gi?"),
                    ));
                }
            }
        }
        let _ = key;
    }
}

/// A hint for the common ways quantities are misspelled.
fn quantity_hint(text: &str) -> String {
    let upper = text.trim().to_ascii_uppercase();
    for (wrong, right) in [
        ("GB", "G (or Gi)"),
        ("MB", "M (or Mi)"),
        ("KB", "k (or Ki)"),
        ("GIB", "Gi"),
        ("MIB", "Mi"),
    ] {
        if upper.ends_with(wrong) {
            return format!("Kubernetes spells this suffix {right}, e.g. 1Gi = 1024Mi");
        }
    }
    "a quantity is a number with an optional suffix: Ki Mi Gi Ti (1024), k M G T (1000), m (milli)"
        .into()
}
