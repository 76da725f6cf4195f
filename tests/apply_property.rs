//! Property test of the rewrite: for generated VM manifests in many styles (block and flow
//! mappings, 2- and 4-space indentation, comments, CRLF, quoting, missing mappings, several
//! documents), applying the density edits re-parses to exactly the intended change (`verify`),
//! and a second rewrite changes nothing.

use kubectl_density::kubevirt::ClusterModel;
use kubectl_density::kubevirt::fixes::{EditRequest, plan};
use kubectl_density::kubevirt::inventory::Inventory;
use kubectl_density::manifest::Source;
use kubectl_density::manifest::edit::{self, FieldChange};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Shape {
    indent: usize,
    crlf: bool,
    comments: bool,
    flow_devices: bool,
    has_devices: bool,
    has_resources: bool,
    has_request: bool,
    has_guest: bool,
    quoted: bool,
    overcommit: Option<bool>,
    graphics: Option<bool>,
    vm: bool,
    leading_configmap: bool,
}

fn shape() -> impl Strategy<Value = Shape> {
    let layout = (
        prop_oneof![Just(2usize), Just(4usize)],
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    );
    let content = (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
        any::<bool>(),
        any::<bool>(),
    );
    (layout, content).prop_map(
        |(
            (indent, crlf, comments, flow_devices, has_devices, has_resources),
            (has_request, has_guest, quoted, overcommit, graphics, vm, leading_configmap),
        )| Shape {
            indent,
            crlf,
            comments,
            flow_devices,
            has_devices,
            has_resources,
            has_request,
            has_guest,
            quoted,
            overcommit,
            graphics,
            vm,
            leading_configmap,
        },
    )
}

fn manifest(shape: &Shape) -> String {
    let pad = |level: usize| " ".repeat(level * shape.indent);
    let comment = |text: &str| {
        if shape.comments {
            format!("  # {text}")
        } else {
            String::new()
        }
    };
    let q = |text: &str| {
        if shape.quoted {
            format!("\"{text}\"")
        } else {
            text.to_string()
        }
    };
    let mut lines: Vec<String> = Vec::new();
    if shape.leading_configmap {
        lines.push("apiVersion: v1".into());
        lines.push("kind: ConfigMap".into());
        lines.push("metadata:".into());
        lines.push(format!("{}name: unrelated{}", pad(1), comment("keep")));
        lines.push("---".into());
    }
    lines.push("apiVersion: kubevirt.io/v1".into());
    let base = if shape.vm {
        lines.push("kind: VirtualMachine".into());
        lines.push("metadata:".into());
        lines.push(format!("{}name: generated", pad(1)));
        lines.push("spec:".into());
        lines.push(format!("{}runStrategy: Manual", pad(1)));
        lines.push(format!("{}template:", pad(1)));
        lines.push(format!("{}spec:", pad(2)));
        3
    } else {
        lines.push("kind: VirtualMachineInstance".into());
        lines.push("metadata:".into());
        lines.push(format!("{}name: generated", pad(1)));
        lines.push("spec:".into());
        1
    };
    lines.push(format!("{}domain:{}", pad(base), comment("the domain")));
    if shape.has_devices {
        if shape.flow_devices {
            let inner = match shape.graphics {
                Some(value) => format!("autoattachGraphicsDevice: {value}"),
                None => String::new(),
            };
            lines.push(format!("{}devices: {{{inner}}}", pad(base + 1)));
        } else {
            lines.push(format!("{}devices:", pad(base + 1)));
            if let Some(value) = shape.graphics {
                lines.push(format!(
                    "{}autoattachGraphicsDevice: {value}{}",
                    pad(base + 2),
                    comment("graphics")
                ));
            }
            lines.push(format!("{}disks:", pad(base + 2)));
            lines.push(format!("{}- name: root", pad(base + 2)));
        }
    }
    if shape.has_guest {
        lines.push(format!("{}memory:", pad(base + 1)));
        lines.push(format!("{}guest: {}", pad(base + 2), q("3Gi")));
    }
    if shape.has_resources {
        lines.push(format!("{}resources:", pad(base + 1)));
        if let Some(value) = shape.overcommit {
            lines.push(format!("{}overcommitGuestOverhead: {value}", pad(base + 2)));
        }
        if shape.has_request {
            lines.push(format!("{}requests:", pad(base + 2)));
            lines.push(format!(
                "{}memory: {}{}",
                pad(base + 3),
                q("2Gi"),
                comment("request")
            ));
        } else if shape.overcommit.is_none() {
            lines.push(format!("{}limits: {{}}", pad(base + 2)));
        }
    }
    if shape.comments {
        lines.push(format!("{}# trailing comment", pad(base + 1)));
    }
    let eol = if shape.crlf { "\r\n" } else { "\n" };
    let mut text = lines.join(eol);
    text.push_str(eol);
    text
}

/// Plans and applies the edits; returns the new text and how many edits were made
/// (`apply_changes` verifies the result re-parses to exactly the intended change).
fn rewrite(text: &str, request: &EditRequest) -> (String, usize) {
    let sources = vec![Source::from_text("generated.yaml", text)];
    let inventory = Inventory::from_sources(&sources);
    let model = ClusterModel::default();
    let mut changes = Vec::new();
    for (_, document, object) in inventory.workloads_with_documents() {
        let facts = inventory.facts(object);
        for change in plan(object, &facts, &model, request).changes {
            changes.push(FieldChange {
                document,
                object: Vec::new(),
                field: change.path.iter().map(|s| s.to_string()).collect(),
                value: change.value,
            });
        }
    }
    edit::apply_changes(text, &changes).unwrap_or_else(|e| panic!("{e}\n--- before\n{text}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn rewrites_change_only_the_intended_paths_and_converge(
        shape in shape(),
        no_graphics in any::<bool>(),
        ratio in proptest::option::of(prop_oneof![Just(1.5f64), Just(2.0f64)]),
    ) {
        let text = manifest(&shape);
        let request = EditRequest { overhead: true, no_graphics, ratio, guest_memory: None, force: false };
        let (once, _) = rewrite(&text, &request);
        let (twice, splices) = rewrite(&once, &request);
        prop_assert_eq!(splices, 0, "second rewrite still edits:\n{}", once);
        prop_assert_eq!(&once, &twice);
        // Line endings stay what they were.
        if shape.crlf {
            prop_assert_eq!(once.matches('\n').count(), once.matches("\r\n").count());
        } else {
            prop_assert!(!once.contains('\r'));
        }
    }
}
