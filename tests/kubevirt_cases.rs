//! KubeVirt's own unit-test cases (`tests/data/kubevirt/overhead-cases.json`, transcribed from
//! KubeVirt's `_test.go` files per version): the overhead, the compute container and the QoS
//! class must match to the byte.

use std::collections::BTreeMap;

use kubectl_density::kubevirt::facts::VmiFacts;
use kubectl_density::kubevirt::model::{Arch, ClusterModel};
use kubectl_density::kubevirt::overhead::memory_overhead;
use kubectl_density::kubevirt::webhook;
use kubectl_density::manifest::yaml::{Document, Node, parse_stream};
use kubectl_density::quantity::Quantity;
use serde_json::Value;

fn cases() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/kubevirt/overhead-cases.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn node(value: &Value) -> Node {
    match parse_stream(&value.to_string()).remove(0) {
        Document::Parsed(Some(node)) => node,
        other => panic!("{other:?}"),
    }
}

fn model(case: &Value) -> ClusterModel {
    let cluster = &case["cluster"];
    let text = |key: &str| cluster[key].as_str().map(str::to_string);
    let flag = |key: &str| cluster[key].as_bool().unwrap_or(false);
    let list = |key: &str| -> Vec<String> {
        cluster[key]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|i| i.as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut bindings = BTreeMap::new();
    if let Some(map) = cluster["networkBindings"].as_object() {
        for (name, binding) in map {
            if let Some(memory) = binding["computeResourceOverhead"]["requests"]["memory"].as_str()
            {
                bindings.insert(
                    name.clone(),
                    Quantity::parse(memory).unwrap().value().unwrap(),
                );
            }
        }
    }
    ClusterModel {
        version: case["kubevirtVersion"].as_str().unwrap().parse().unwrap(),
        cluster_arch: cluster["arch"].as_str().unwrap().parse::<Arch>().unwrap(),
        memory_overcommit: cluster["memoryOvercommit"].as_u64().unwrap() as u32,
        cpu_allocation_ratio: cluster["cpuAllocationRatio"].as_u64().unwrap() as u32,
        overhead_ratio: text("additionalGuestMemoryOverheadRatio"),
        auto_limits_ratio: text("autoMemoryLimitsRatio"),
        memory_limit_quota: flag("namespaceHasMemoryLimitQuota"),
        cpu_limit_quota: flag("namespaceHasCPULimitQuota"),
        auto_cpu_limit_namespace: flag("autoCPULimitNamespaceMatch"),
        disable_serial_console_log: flag("disableSerialConsoleLog"),
        feature_gates: list("featureGates"),
        disabled_feature_gates: list("disabledFeatureGates"),
        network_binding_overheads: bindings,
        ..ClusterModel::default()
    }
}

/// The facts the renderer sees for a case.
fn facts(case: &Value, model: &ClusterModel) -> VmiFacts {
    let spec = node(&case["vmiSpec"]);
    let annotations = case.get("vmiAnnotations").map(node);
    let facts = VmiFacts::read(&spec, None, None).with_annotations(annotations.as_ref());
    if case["webhookApplied"].as_bool().unwrap_or(false) {
        webhook::apply(&facts, model)
    } else {
        facts
    }
}

#[test]
fn overhead_matches_kubevirt_for_every_case() {
    let cases = cases();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let model = model(case);
        let facts = facts(case, &model);
        let overhead = memory_overhead(&facts, &model);
        let id = case["id"].as_str().unwrap();
        if let Some(want) = case["expect"]["overheadBytes"].as_i64()
            && overhead.bytes != want
        {
            failures.push(format!(
                "{id}: overhead {} != {want} (terms {:?})",
                overhead.bytes, overhead.terms
            ));
        }
        if let Some(want) = case["expect"]["netBindingOverheadBytes"].as_i64() {
            let got: i64 = overhead
                .terms
                .iter()
                .filter(|t| t.name == "network-binding-plugins" || t.name == "passt-binding")
                .map(|t| t.bytes)
                .sum();
            if got != want {
                failures.push(format!("{id}: network bindings {got} != {want}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn webhook_defaults_match_the_derived_cases() {
    let mut checked = 0;
    for case in cases() {
        let Some(after) = case.get("vmiSpecAfterWebhook") else {
            continue;
        };
        checked += 1;
        let model = model(&case);
        let defaulted = facts(&case, &model);
        let expected = VmiFacts::read(&node(after), None, None);
        let id = case["id"].as_str().unwrap();
        assert_eq!(defaulted.requests_memory, expected.requests_memory, "{id}");
        assert_eq!(defaulted.guest_memory, expected.guest_memory, "{id}");
        assert_eq!(
            (defaulted.sockets, defaulted.cores, defaulted.threads),
            (expected.sockets, expected.cores, expected.threads),
            "{id}"
        );
        assert_eq!(defaulted.requests_cpu, expected.requests_cpu, "{id}");
    }
    assert!(checked > 0);
}

fn resources_json(resources: &kubectl_density::kubevirt::launcher::Resources) -> Value {
    let mut map = serde_json::Map::new();
    if let Some(cpu) = &resources.cpu {
        map.insert("cpu".into(), Value::String(cpu.canonical()));
    }
    if let Some(memory) = resources.memory {
        map.insert("memory".into(), Value::from(memory));
    }
    if let Some((key, bytes)) = &resources.hugepages {
        map.insert(key.clone(), Value::from(*bytes));
    }
    Value::Object(map)
}

#[test]
fn compute_container_matches_kubevirt_for_every_rendered_case() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in cases() {
        let expect = &case["expect"];
        if expect.get("computeRequests").is_none() {
            continue;
        }
        checked += 1;
        let model = model(&case);
        let facts = facts(&case, &model);
        let (_, compute) = kubectl_density::kubevirt::launcher::render(&facts, &model);
        let id = case["id"].as_str().unwrap();
        let requests = resources_json(&compute.requests);
        let limits = resources_json(&compute.limits);
        if requests != expect["computeRequests"] {
            failures.push(format!(
                "{id}: requests {requests} != {}",
                expect["computeRequests"]
            ));
        }
        if limits != expect["computeLimits"] {
            failures.push(format!(
                "{id}: limits {limits} != {}",
                expect["computeLimits"]
            ));
        }
    }
    assert!(checked >= 100, "only {checked} rendered cases");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
