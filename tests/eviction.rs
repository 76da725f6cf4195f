//! `kubectl density eviction -f FILE…`: kubelet configurations (configz dumps and
//! KubeletConfiguration files) as a table, wide table, JSON and YAML; exit codes; the JSON
//! contract (SPEC §6 `EvictionReport`).

mod support;

use serde_json::Value;
use support::density;

const GI: i64 = 1 << 30;
const MI: i64 = 1 << 20;

/// The repository's example, seen from the fixtures directory.
const EXAMPLE: &str = "../../examples/kubelet-config.yaml";

fn eviction(args: &[&str]) -> support::Run {
    let mut full = vec!["eviction"];
    full.extend_from_slice(args);
    density(&full).run()
}

fn eviction_json(args: &[&str]) -> (i32, Value) {
    let mut full = vec!["-o", "json"];
    full.extend_from_slice(args);
    let run = eviction(&full);
    let json = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run}"));
    (run.code, json)
}

fn codes(node: &Value) -> Vec<&str> {
    node["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

#[test]
fn the_example_config_is_clean() {
    let run = eviction(&["-f", EXAMPLE, "--node-memory", "64Gi"]);
    assert_eq!(run.code, 0, "{run}");
    insta::assert_snapshot!("example_table", run.to_string());
    let run = eviction(&["-f", EXAMPLE, "--node-memory", "64Gi", "-o", "wide"]);
    assert_eq!(run.code, 0, "{run}");
    insta::assert_snapshot!("example_wide", run.to_string());
    let run = eviction(&["-f", EXAMPLE, "--node-memory", "64Gi", "-o", "json"]);
    assert_eq!(run.code, 0, "{run}");
    insta::assert_snapshot!("example_json", run.to_string());

    let (_, report) = eviction_json(&["-f", EXAMPLE, "--node-memory", "64Gi"]);
    let node = &report["nodes"][0];
    // The file's own comment: 64Gi - 1Gi - 1Gi - 500Mi = 62988Mi.
    assert_eq!(node["memory"]["allocatableBytes"], 62988 * MI);
    assert_eq!(node["memory"]["capacityBytes"], 64 * GI);
    assert_eq!(node["memory"]["hardEvictionBytes"], 500 * MI);
    assert_eq!(node["memory"]["hugepagesBytes"], 0);
    assert_eq!(node["memory"]["reportedAllocatableBytes"], Value::Null);
    // No DEN101-DEN106; DEN107 needs the node's labels, which a file cannot show.
    assert!(codes(node).is_empty(), "{node}");
    assert_eq!(node["ksmEnabled"], Value::Null);
    assert_eq!(node["swapBehavior"], "LimitedSwap");
    assert_eq!(node["failSwapOn"], false);
    assert_eq!(node["evictionMinimumReclaim"]["memory.available"], "512Mi");
    // Defaulting for a file: mergeDefaultEvictionSettings is false on the newest kubelet.
    assert_eq!(node["mergeDefaultEvictionSettings"], false);
}

#[test]
fn without_node_memory_allocatable_is_unknown() {
    let run = eviction(&["-f", EXAMPLE]);
    assert_eq!(run.code, 0, "{run}");
    insta::assert_snapshot!("example_no_node_memory", run.to_string());
    let (_, report) = eviction_json(&["-f", EXAMPLE]);
    let memory = &report["nodes"][0]["memory"];
    assert_eq!(memory["capacityBytes"], Value::Null);
    assert_eq!(memory["allocatableBytes"], Value::Null);
    assert_eq!(memory["hugepagesBytes"], Value::Null);
    // What the configuration alone says is known.
    assert_eq!(memory["systemReservedBytes"], GI);
    assert_eq!(memory["kubeReservedBytes"], GI);
    assert_eq!(memory["hardEvictionBytes"], 500 * MI);
}

#[test]
fn a_configz_dump_is_shown_as_is() {
    let file = "eviction/configz-worker.json";
    let run = eviction(&["-f", file, "--node-memory", "32Gi"]);
    assert_eq!(run.code, 0, "{run}");
    insta::assert_snapshot!("configz_table", run.to_string());
    let run = eviction(&["-f", file, "--node-memory", "32Gi", "-o", "wide"]);
    insta::assert_snapshot!("configz_wide", run.to_string());
    let run = eviction(&["-f", file, "--node-memory", "32Gi", "-o", "json"]);
    insta::assert_snapshot!("configz_json", run.to_string());

    let (_, report) = eviction_json(&["-f", file, "--node-memory", "32Gi"]);
    let node = &report["nodes"][0];
    assert_eq!(node["source"], "configz");
    assert_eq!(codes(node), ["DEN101", "DEN102", "DEN104"]);
    // Not defaulted: what the kubelet reported, unknown keys ignored.
    assert_eq!(node["evictionSoft"], Value::Null);
    assert_eq!(node["evictionHard"].as_object().unwrap().len(), 5);
    assert_eq!(node["memory"]["allocatableBytes"], 32 * GI - 100 * MI);
    // A finding on a key the dump does not have points at the `kubeletconfig` key.
    let location = &node["findings"][0]["location"];
    assert_eq!(
        (location["line"].as_u64(), location["column"].as_u64()),
        (Some(2), Some(3))
    );
    // DEN102 points at the value's key in the JSON.
    let den102 = &node["findings"][1];
    assert_eq!(den102["path"], "evictionHard.memory.available");
    assert_eq!(den102["location"]["line"], 66);
}

#[test]
fn a_partial_eviction_hard_drops_the_other_defaults() {
    let file = "eviction/partial-eviction-hard.yaml";
    let run = eviction(&["-f", file, "--node-memory", "32Gi"]);
    assert_eq!(run.code, 0, "findings do not fail the command: {run}");
    insta::assert_snapshot!("partial_table", run.to_string());
    let run = eviction(&["-f", file, "--node-memory", "32Gi", "-o", "wide"]);
    insta::assert_snapshot!("partial_wide", run.to_string());
    let run = eviction(&["-f", file, "-o", "json"]);
    insta::assert_snapshot!("partial_json", run.to_string());

    let (_, report) = eviction_json(&["-f", file]);
    let node = &report["nodes"][0];
    assert_eq!(codes(node), ["DEN105"]);
    let den105 = &node["findings"][0];
    assert!(
        den105["message"]
            .as_str()
            .unwrap()
            .contains("nodefs.available<10%")
    );
    assert_eq!(den105["location"]["line"], 5);
    // Shown as the kubelet holds it: only the written signal.
    assert_eq!(
        node["evictionHard"],
        serde_json::json!({"memory.available": "1Gi"})
    );
}

#[test]
fn invalid_thresholds_are_a_row_error_not_a_crash() {
    let file = "eviction/invalid-thresholds.yaml";
    let run = eviction(&["-f", file]);
    assert_eq!(run.code, 2, "{run}");
    insta::assert_snapshot!("invalid_table", run.to_string());
    let run = eviction(&["-f", file, "-o", "wide"]);
    insta::assert_snapshot!("invalid_wide", run.to_string());
    let run = eviction(&["-f", file, "-o", "json"]);
    insta::assert_snapshot!("invalid_json", run.to_string());
    let (code, report) = eviction_json(&["-f", file]);
    assert_eq!(code, 2);
    let node = &report["nodes"][0];
    let error = node["error"].as_str().unwrap();
    assert!(
        error.contains("grace period must be specified for the soft eviction threshold"),
        "{error}"
    );
    assert!(error.contains("the kubelet does not start"), "{error}");
    // The settings as read are still shown; the findings are not (the kubelet would not run).
    assert_eq!(node["evictionSoft"]["memory.available"], "1Gi");
    assert_eq!(node["source"], "file");
    assert!(codes(node).is_empty());
}

#[test]
fn every_hostile_input_is_a_row_never_a_panic() {
    // The lint fixtures that must never crash the tool, read as kubelet configurations.
    let dir = support::fixtures().join("bad");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| format!("bad/{}", entry.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    let mut args = vec!["-o", "json"];
    for file in &files {
        args.extend(["-f", file.as_str()]);
    }
    let run = eviction(&args);
    assert!(run.stderr.is_empty(), "{run}");
    assert!(matches!(run.code, 1 | 2), "{run}");
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["nodes"].as_array().unwrap().len(), files.len());
    for node in report["nodes"].as_array().unwrap() {
        assert!(node["error"].is_string(), "{node}");
    }
    // And the table renders them all.
    let mut args = vec![];
    for file in &files {
        args.extend(["-f", file.as_str()]);
    }
    let run = eviction(&args);
    assert!(run.stderr.is_empty(), "{run}");
    assert!(
        run.stdout.matches("error: ").count() >= files.len(),
        "{run}"
    );
}

#[test]
fn nodes_that_differ_from_the_majority_are_marked() {
    let run = eviction(&["-f", "eviction/fleet", "--node-memory", "64Gi"]);
    assert_eq!(run.code, 0, "{run}");
    insta::assert_snapshot!("fleet_table", run.to_string());
    let run = eviction(&["-f", "eviction/fleet", "-o", "wide"]);
    insta::assert_snapshot!("fleet_wide", run.to_string());
    let run = eviction(&[
        "-f",
        "eviction/fleet",
        "--node-memory",
        "64Gi",
        "-o",
        "json",
    ]);
    insta::assert_snapshot!("fleet_json", run.to_string());

    let (_, report) = eviction_json(&["-f", "eviction/fleet"]);
    let nodes = report["nodes"].as_array().unwrap();
    let names: Vec<&str> = nodes.iter().map(|n| n["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "eviction/fleet/worker-1.json",
            "eviction/fleet/worker-2.json",
            "eviction/fleet/worker-3.json"
        ]
    );
    assert_eq!(nodes[0]["differsFromMajority"], serde_json::json!([]));
    assert_eq!(nodes[1]["differsFromMajority"], serde_json::json!([]));
    let deviations = nodes[2]["differsFromMajority"].as_array().unwrap();
    let keys: Vec<&str> = deviations
        .iter()
        .map(|d| d["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "evictionHard.memory.available",
            "evictionMaxPodGracePeriod",
            "evictionSoft.memory.available",
            "evictionSoftGracePeriod.memory.available"
        ]
    );
    assert_eq!(
        deviations[0],
        serde_json::json!({"key": "evictionHard.memory.available", "value": "100Mi", "majority": "500Mi"})
    );
    assert_eq!(
        deviations[2],
        serde_json::json!({"key": "evictionSoft.memory.available", "value": null, "majority": "2Gi"})
    );
}

#[test]
fn exit_codes() {
    // One broken file among good ones: the others still print, exit 1.
    let run = eviction(&[
        "-f",
        EXAMPLE,
        "-f",
        "eviction/broken.yaml",
        "-f",
        "eviction/configz-worker.json",
    ]);
    assert_eq!(run.code, 1, "{run}");
    insta::assert_snapshot!("one_broken_table", run.to_string());
    let (code, report) = eviction_json(&["-f", EXAMPLE, "-f", "eviction/broken.yaml"]);
    assert_eq!(code, 1);
    let broken = &report["nodes"][1];
    assert!(
        broken["error"]
            .as_str()
            .unwrap()
            .starts_with("invalid YAML: "),
        "{broken}"
    );
    assert_eq!(broken["source"], Value::Null);
    assert_eq!(broken["evictionHard"], Value::Null);
    assert_eq!(report["nodes"][0]["error"], Value::Null);

    // Only broken ones: exit 2, still a table.
    let run = eviction(&[
        "-f",
        "eviction/broken.yaml",
        "-f",
        "eviction/not-a-kubelet-config.yaml",
    ]);
    assert_eq!(run.code, 2, "{run}");
    insta::assert_snapshot!("all_broken_table", run.to_string());

    // A missing path is a usage error, as in every command.
    let run = eviction(&["-f", EXAMPLE, "-f", "eviction/nope.yaml"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stdout.is_empty());
    insta::assert_snapshot!("missing_path", run.to_string());

    // Findings do not change the exit code.
    let (code, report) = eviction_json(&["-f", "eviction/configz-worker.json"]);
    assert_eq!(code, 0);
    assert!(!codes(&report["nodes"][0]).is_empty());

    // Without -f the cluster is read; without a usable kubeconfig that is a usage error that
    // says how to work offline.
    let run = eviction(&["--kubeconfig", "/nonexistent/kubeconfig"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("cannot use the kubeconfig"), "{run}");
    assert!(run.stderr.contains("-f FILE"), "{run}");
}

#[test]
fn config_file_severities_apply_to_node_rules() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".kubectl-density.yaml"),
        "rules:\n  DEN102: off\n  no-soft-eviction: error\n",
    )
    .unwrap();
    let dump = support::fixtures().join("eviction/configz-worker.json");
    let run = density(&["eviction", "-o", "json", "-f", dump.to_str().unwrap()])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 0, "{run}");
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let node = &report["nodes"][0];
    assert_eq!(codes(node), ["DEN101", "DEN104"]);
    assert_eq!(node["findings"][0]["severity"], "error");
}

#[test]
fn yaml_is_the_same_document() {
    let args = [
        "-f",
        EXAMPLE,
        "-f",
        "eviction/fleet",
        "-f",
        "eviction/broken.yaml",
    ];
    let (_, json) = eviction_json(&args);
    let mut full = vec!["-o", "yaml"];
    full.extend_from_slice(&args);
    let run = eviction(&full);
    assert_eq!(run.code, 1, "{run}");
    let yaml: Value = serde_yaml::from_str(&run.stdout).unwrap();
    assert_eq!(yaml, json);
}

/// The JSON contract (SPEC §6): every field, with its type, for readable and unreadable
/// nodes, files and configz dumps.
#[test]
fn the_json_contract() {
    let (_, report) = eviction_json(&[
        "-f",
        EXAMPLE,
        "-f",
        "eviction/configz-worker.json",
        "-f",
        "eviction/partial-eviction-hard.yaml",
        "-f",
        "eviction/broken.yaml",
        "-f",
        "eviction/invalid-thresholds.yaml",
        "--node-memory",
        "16Gi",
    ]);
    assert_eq!(report["apiVersion"], "density.kubectl.io/v1alpha1");
    assert_eq!(report["kind"], "EvictionReport");
    assert_eq!(report.as_object().unwrap().len(), 3);
    let nodes = report["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 5);
    let maps = [
        "evictionHard",
        "evictionSoft",
        "evictionSoftGracePeriod",
        "evictionMinimumReclaim",
        "systemReserved",
        "kubeReserved",
    ];
    let memory_keys = [
        "capacityBytes",
        "systemReservedBytes",
        "kubeReservedBytes",
        "hardEvictionBytes",
        "hugepagesBytes",
        "allocatableBytes",
        "reportedAllocatableBytes",
    ];
    for node in nodes {
        let object = node.as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected = vec![
            "name",
            "kubeletVersion",
            "source",
            "evictionMaxPodGracePeriod",
            "evictionPressureTransitionPeriod",
            "mergeDefaultEvictionSettings",
            "enforceNodeAllocatable",
            "failSwapOn",
            "swapBehavior",
            "memory",
            "ksmEnabled",
            "findings",
            "error",
            "differsFromMajority",
        ];
        expected.extend(maps);
        expected.sort_unstable();
        assert_eq!(keys, expected);

        assert!(node["name"].is_string());
        assert!(
            node["kubeletVersion"].is_null(),
            "offline: no kubelet version"
        );
        let readable = node["error"].is_null();
        assert!(readable || node["error"].is_string());
        assert!(
            node["source"].is_null()
                || ["file", "configz"].contains(&node["source"].as_str().unwrap())
        );
        for map in maps {
            let value = &node[map];
            assert!(value.is_null() || value.is_object(), "{map}: {value}");
            for entry in value.as_object().into_iter().flatten() {
                assert!(entry.1.is_string(), "{map}: {value}");
            }
        }
        let grace = &node["evictionMaxPodGracePeriod"];
        assert!(grace.is_i64() || (grace.is_null() && !readable));
        for key in ["evictionPressureTransitionPeriod", "swapBehavior"] {
            assert!(node[key].is_string() || node[key].is_null(), "{key}");
        }
        for key in ["mergeDefaultEvictionSettings", "failSwapOn", "ksmEnabled"] {
            assert!(node[key].is_boolean() || node[key].is_null(), "{key}");
        }
        let enforce = &node["enforceNodeAllocatable"];
        assert!(enforce.is_null() || enforce.as_array().unwrap().iter().all(Value::is_string));
        let memory = node["memory"].as_object().unwrap();
        assert_eq!(memory.len(), memory_keys.len());
        for key in memory_keys {
            assert!(memory[key].is_i64() || memory[key].is_null(), "{key}");
        }
        assert_eq!(memory["capacityBytes"], 16 * GI);
        if readable {
            assert!(memory["allocatableBytes"].is_i64(), "{node}");
        }
        for deviation in node["differsFromMajority"].as_array().unwrap() {
            assert!(deviation["key"].is_string());
        }
        for finding in node["findings"].as_array().unwrap() {
            let finding = finding.as_object().unwrap();
            let mut keys: Vec<&str> = finding.keys().map(String::as_str).collect();
            keys.sort_unstable();
            assert_eq!(
                keys,
                [
                    "fixable",
                    "help",
                    "location",
                    "message",
                    "name",
                    "object",
                    "path",
                    "rule",
                    "savingsBytes",
                    "severity"
                ]
            );
            assert!(finding["rule"].as_str().unwrap().starts_with("DEN1"));
            assert!(finding["name"].is_string());
            assert!(["error", "warning", "info"].contains(&finding["severity"].as_str().unwrap()));
            assert!(finding["message"].is_string() && finding["help"].is_string());
            assert_eq!(
                finding["object"],
                serde_json::json!({"kind": "Node", "apiVersion": "v1", "namespace": null, "name": node["name"]})
            );
            let location = finding["location"].as_object().unwrap();
            assert_eq!(location["file"], node["name"]);
            assert!(location["line"].as_u64().unwrap() >= 1);
            assert!(location["column"].as_u64().unwrap() >= 1);
            assert_eq!(location.len(), 3);
            assert!(finding["path"].is_string());
            assert!(finding["savingsBytes"].is_null());
            assert_eq!(finding["fixable"], false);
        }
    }
}

#[test]
fn node_rules_are_in_the_registry_and_documented() {
    let run = density(&["rules", "DEN101", "--color", "never"]).run();
    assert_eq!(run.code, 0, "{run}");
    insta::assert_snapshot!("rule_doc_den101", run.to_string());
    let run = density(&["rules", "ksm-disabled", "--color", "never"]).run();
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.starts_with("DEN107 ksm-disabled"), "{run}");
    let run = density(&["rules"]).run();
    for code in [
        "DEN101", "DEN102", "DEN103", "DEN104", "DEN105", "DEN106", "DEN107",
    ] {
        assert!(run.stdout.contains(code), "{code}: {run}");
    }
}
