//! `kubectl density explain`: snapshots of the text, the JSON contract, and KubeVirt's own
//! cases through the command line.

mod support;

use kubectl_density::kubevirt::explain::render_defaulted;
use kubectl_density::kubevirt::facts::VmiFacts;
use kubectl_density::kubevirt::model::ClusterModel;
use kubectl_density::kubevirt::webhook;
use kubectl_density::manifest::yaml::{Document, parse_stream};
use serde_json::{Value, json};
use support::{density, shared};

fn explain_json(args: &[&str]) -> Value {
    let mut full = vec!["explain", "-o", "json"];
    full.extend_from_slice(args);
    let run = density(&full).run();
    assert_eq!(run.code, 0, "{run}");
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run}"))
}

#[test]
fn the_seed_guide_overhead_example_in_plain_words() {
    let run = density(&[
        "explain",
        "-f",
        "../../examples/seed-guide/overcommit-guest-overhead.yaml",
    ])
    .run();
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.contains("is no longer requested"), "{run}");
    assert!(run.stdout.contains("The VMI is Burstable"), "{run}");
    assert!(
        run.stdout
            .contains("evicts pods that use more than they requested first"),
        "{run}"
    );
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn the_seed_guide_guest_memory_example_in_plain_words() {
    let run = density(&[
        "explain",
        "-f",
        "../../examples/seed-guide/overcommit-guest-memory.yaml",
    ])
    .run();
    assert_eq!(run.code, 0, "{run}");
    let text = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for words in [
        "is no longer requested",
        "Guest memory is overcommitted: the guest sees 2048M but only 1024M of it is requested",
        "The VMI is Burstable",
        "among the first to go",
    ] {
        assert!(text.contains(words), "{words}: {run}");
    }
}

#[test]
fn a_rejected_spec_is_still_explained_with_the_rejection_first() {
    let run = density(&["explain", "-f", "rules/DEN011-trigger.yaml"]).run();
    assert_eq!(run.code, 0, "{run}");
    let rejected = run.stdout.find("rejected:").expect("rejection shown");
    let overhead = run
        .stdout
        .find("launcher overhead:")
        .expect("overhead shown");
    assert!(rejected < overhead, "{run}");
    let report = explain_json(&["-f", "rules/DEN011-trigger.yaml"]);
    let admission = &report["items"][0]["admission"];
    assert_eq!(admission["allowed"], false);
    assert!(
        admission["reasons"][0]
            .as_str()
            .unwrap()
            .starts_with("DEN011"),
        "{admission}"
    );
}

#[test]
fn json_follows_the_contract() {
    let report = explain_json(&["-f", "../../examples/vm-dedicated-cpu.yaml"]);
    assert_eq!(report["apiVersion"], "density.kubectl.io/v1alpha1");
    assert_eq!(report["kind"], "Explanation");
    let item = &report["items"][0];
    assert!(item["overhead"]["bytes"].is_i64());
    assert!(item["overhead"]["terms"][0]["name"].is_string());
    assert!(item["compute"]["requests"]["memory"].is_i64());
    assert!(item["compute"]["requests"]["cpu"].is_string());
    assert_eq!(item["qosClass"], "Guaranteed");
    for key in [
        "kubevirtVersion",
        "arch",
        "memoryOvercommit",
        "cpuAllocationRatio",
        "overheadRatio",
    ] {
        assert!(
            item["model"].get(key).is_some(),
            "model.{key} missing: {item}"
        );
    }
    assert_eq!(item["whatIf"].as_array().unwrap().len(), 5);
    assert!(item["whatIf"][0]["schedulerRequestBytes"].is_i64());
    // Limits absent when unset.
    let burstable = explain_json(&["-f", "rules/DEN002-trigger.yaml"]);
    assert_eq!(burstable["items"][0]["compute"]["limits"], json!({}));
    insta::assert_snapshot!(serde_json::to_string_pretty(&report).unwrap());
}

#[test]
fn yaml_output_is_the_same_document() {
    let run = density(&["explain", "-o", "yaml", "-f", "rules/DEN002-trigger.yaml"]).run();
    assert_eq!(run.code, 0, "{run}");
    let from_yaml: Value = serde_yaml::from_str(&run.stdout).unwrap();
    assert_eq!(
        from_yaml,
        explain_json(&["-f", "rules/DEN002-trigger.yaml"])
    );
}

#[test]
fn version_spellings_and_instancetypes() {
    let overhead = |version: &str| {
        let report = explain_json(&[
            "-f",
            "rules/DEN001-trigger.yaml",
            "--kubevirt-version",
            version,
        ]);
        let item = &report["items"][0];
        (
            item["model"]["kubevirtVersion"]
                .as_str()
                .unwrap()
                .to_string(),
            item["overhead"]["bytes"].as_i64().unwrap(),
        )
    };
    let v19 = overhead("v1.9");
    assert_eq!(v19.0, "v1.9");
    assert_eq!(overhead("1.9"), v19);
    assert_eq!(overhead("v1.9.0"), v19);
    let main = overhead("main");
    assert_eq!(main.0, "main");
    assert_eq!(main.1 - v19.1, 20 << 20, "main's QEMU term is 20Mi larger");
    let v15 = overhead("v1.5");
    assert_eq!(v19.1 - v15.1, 16 << 20, "the graphics term doubled in v1.6");
    let run = density(&[
        "explain",
        "-f",
        "rules/DEN001-trigger.yaml",
        "--kubevirt-version",
        "v2.0",
    ])
    .run();
    assert_eq!(run.code, 2, "{run}");
    // An instancetype with overcommitPercent 25 in the same input: float32 arithmetic.
    let report = explain_json(&["-f", "rules/DEN013-ok.yaml"]);
    let item = &report["items"][0];
    assert_eq!(item["guestBytes"], 4i64 << 30);
    // 4Gi × 0.75 requested, plus nothing: overcommitGuestOverhead is set.
    assert_eq!(item["compute"]["requests"]["memory"], 3i64 << 30);
}

#[test]
fn every_corpus_manifest_can_be_explained() {
    let dir = shared().join("corpus/kubevirt-examples");
    let run = density(&["explain", "-f", dir.to_str().unwrap(), "-o", "json"]).run();
    assert_eq!(run.code, 0, "{run}");
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["items"].as_array().unwrap().len(), 36);
    let rejected = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["admission"]["allowed"] == false)
        .count();
    assert_eq!(rejected, 6, "the six instancetype VMs with memory.guest");
}

#[test]
fn nothing_to_explain_is_an_error() {
    let run = density(&["explain", "-f", "inputs/tree/readme.txt"]).run();
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("nothing to explain"), "{run}");
}

/// KubeVirt's cases whose input goes through the webhook (as explain does), and the cases
/// where the webhook does not change the numbers: through the command line, byte for byte.
#[test]
fn kubevirt_cases_match_through_the_command_line() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/kubevirt/overhead-cases.json"
    );
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for case in &cases {
        let cluster = &case["cluster"];
        let expect = &case["expect"];
        if expect.get("computeRequests").is_none()
            || cluster["namespaceHasMemoryLimitQuota"] == true
            || cluster["namespaceHasCPULimitQuota"] == true
            || cluster["autoCPULimitNamespaceMatch"] == true
            || cluster.get("networkBindings").is_some()
            || case.get("vmiAnnotations").is_some()
        {
            continue;
        }
        let ratio = cluster["additionalGuestMemoryOverheadRatio"].as_str();
        if ratio.is_some_and(|r| r.parse::<f64>().is_err()) {
            continue;
        }
        let spec_text = case["vmiSpec"].to_string();
        let Document::Parsed(Some(spec)) = parse_stream(&spec_text).remove(0) else {
            panic!()
        };
        let facts = VmiFacts::read(&spec, None, None);
        let version = case["kubevirtVersion"].as_str().unwrap();
        let model = ClusterModel {
            version: version.parse().unwrap(),
            cluster_arch: cluster["arch"].as_str().unwrap().parse().unwrap(),
            memory_overcommit: cluster["memoryOvercommit"].as_u64().unwrap() as u32,
            cpu_allocation_ratio: cluster["cpuAllocationRatio"].as_u64().unwrap() as u32,
            overhead_ratio: ratio.map(str::to_string),
            disable_serial_console_log: cluster["disableSerialConsoleLog"] == true,
            ..ClusterModel::default()
        };
        let webhook_applied = case["webhookApplied"] == true;
        if !webhook_applied {
            // Only where the webhook leaves the numbers alone.
            let raw = render_defaulted(facts.clone(), &model);
            let defaulted = render_defaulted(webhook::apply(&facts, &model), &model);
            if raw.overhead.bytes != defaulted.overhead.bytes
                || raw.compute.requests != defaulted.compute.requests
                || raw.compute.limits != defaulted.compute.limits
                || raw.qos.class != defaulted.qos.class
            {
                continue;
            }
        }
        let manifest = json!({
            "apiVersion": "kubevirt.io/v1",
            "kind": "VirtualMachineInstance",
            "metadata": {"name": "case"},
            "spec": case["vmiSpec"],
        });
        let file = dir.path().join("vmi.json");
        std::fs::write(&file, manifest.to_string()).unwrap();
        let mut configuration = json!({});
        if let Some(ratio) = ratio {
            configuration["additionalGuestMemoryOverheadRatio"] = json!(ratio);
        }
        if cluster["disableSerialConsoleLog"] == true {
            configuration["virtualMachineOptions"] = json!({"disableSerialConsoleLog": {}});
        }
        let mut gates = json!({});
        if let Some(enabled) = cluster.get("featureGates") {
            gates["featureGates"] = enabled.clone();
        }
        if let Some(disabled) = cluster.get("disabledFeatureGates") {
            gates["disabledFeatureGates"] = disabled.clone();
        }
        configuration["developerConfiguration"] = gates;
        let cr = json!({"apiVersion": "kubevirt.io/v1", "kind": "KubeVirt",
                        "spec": {"configuration": configuration}});
        let cr_file = dir.path().join("kubevirt.json");
        std::fs::write(&cr_file, cr.to_string()).unwrap();
        let memory_overcommit = cluster["memoryOvercommit"].to_string();
        let cpu_ratio = cluster["cpuAllocationRatio"].to_string();
        let mut args = vec![
            "-f",
            file.to_str().unwrap(),
            "--kubevirt-version",
            version,
            "--memory-overcommit",
            &memory_overcommit,
            "--cpu-allocation-ratio",
            &cpu_ratio,
            "--kubevirt-config",
            cr_file.to_str().unwrap(),
        ];
        let arch = cluster["arch"].as_str().unwrap();
        let old = version == "v1.0" || version == "v1.1";
        if old || case["vmiSpec"].get("architecture").is_none() {
            args.extend(["--arch", arch]);
        }
        let report = explain_json(&args);
        let item = &report["items"][0];
        let id = case["id"].as_str().unwrap();
        assert_eq!(item["overhead"]["bytes"], expect["overheadBytes"], "{id}");
        assert_eq!(
            item["compute"]["requests"], expect["computeRequests"],
            "{id}"
        );
        assert_eq!(item["compute"]["limits"], expect["computeLimits"], "{id}");
        assert_eq!(item["qosClass"], expect["qosClass"], "{id}");
        checked += 1;
    }
    assert!(
        checked >= 40,
        "only {checked} cases went through the command line"
    );
}

#[test]
fn support_container_resources_from_the_kubevirt_cr_apply() {
    let dir = tempfile::tempdir().unwrap();
    let cr = dir.path().join("kubevirt.yaml");
    std::fs::write(
        &cr,
        "apiVersion: kubevirt.io/v1\nkind: KubeVirt\nmetadata:\n  name: kubevirt\nspec:\n  configuration:\n    supportContainerResources:\n    - type: guest-console-log\n      resources:\n        requests:\n          memory: 100M\n        limits:\n          cpu: 50m\n",
    )
    .unwrap();
    let file = support::fixtures().join("rules/DEN002-trigger.yaml");
    let plain = explain_json(&["-f", file.to_str().unwrap()]);
    let tuned = explain_json(&[
        "-f",
        file.to_str().unwrap(),
        "--kubevirt-config",
        cr.to_str().unwrap(),
    ]);
    let console = |report: &Value| {
        report["items"][0]["containers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "guest-console-log")
            .cloned()
            .unwrap()
    };
    assert_eq!(console(&plain)["requests"]["memory"], 35_000_000);
    assert_eq!(console(&tuned)["requests"]["memory"], 100_000_000);
    assert_eq!(console(&tuned)["limits"]["cpu"], "50m");
    assert_eq!(
        console(&tuned)["limits"]["memory"],
        60_000_000,
        "unset keys keep the default"
    );
    let request = |report: &Value| {
        report["items"][0]["schedulerRequestBytes"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(request(&tuned) - request(&plain), 65_000_000);
}
