//! `kubectl density plan`: numbers pinned against hand-computed values from the model.

mod support;

use serde_json::Value;
use support::density;

const MI: i64 = 1024 * 1024;

fn plan_json(args: &[&str]) -> Value {
    let mut full = vec!["plan", "-o", "json"];
    full.extend_from_slice(args);
    let run = density(&full).run();
    assert_eq!(run.code, 0, "{run}");
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn a_one_gibibyte_vmi_on_a_64gi_node() {
    // rules/DEN002-trigger.yaml: a VMI requesting 1Gi, graphics off, 1 vCPU, no volumes;
    // KubeVirt v1.9. Overhead: page tables 2Mi + fixed 228Mi + 8Mi per vCPU = 238Mi. The pod
    // also has the guest-console-log sidecar requesting 35M.
    let report = plan_json(&["-f", "rules/DEN002-trigger.yaml", "--node-memory", "64Gi"]);
    assert_eq!(report["kind"], "Plan");
    let item = &report["items"][0];
    let allocatable = 64 * 1024 * MI - 100 * MI; // default hard eviction 100Mi
    assert_eq!(item["node"]["memory"]["allocatableBytes"], allocatable);
    let console = 35_000_000;
    let expected = [
        ("as-is", 1024 * MI + 238 * MI + console, "Burstable"),
        ("no-graphics", 1024 * MI + 238 * MI + console, "Burstable"),
        ("overcommit-overhead", 1024 * MI + console, "Burstable"),
        ("guest-ratio-1.5", 682 * MI + console, "Burstable"),
        ("guest-ratio-2.0", 512 * MI + console, "Burstable"),
    ];
    let strategies = item["strategies"].as_array().unwrap();
    assert_eq!(strategies.len(), 5);
    for (row, (name, request, qos)) in strategies.iter().zip(expected) {
        assert_eq!(row["name"], name);
        assert_eq!(row["schedulerRequestBytes"], request, "{name}");
        assert_eq!(row["fit"], allocatable / request, "{name}");
        assert_eq!(row["guestBytesPromised"], 1024 * MI, "{name}");
        assert_eq!(row["qosClass"], qos, "{name}");
    }
    assert_eq!(strategies[0]["fit"], 50);
    assert_eq!(strategies[4]["fit"], 119);
}

#[test]
fn reservations_shrink_the_node() {
    let report = plan_json(&[
        "-f",
        "rules/DEN002-trigger.yaml",
        "--node-memory",
        "64Gi",
        "--system-reserved",
        "1Gi",
        "--kube-reserved",
        "512Mi",
        "--eviction-hard",
        "500Mi",
    ]);
    let memory = &report["items"][0]["node"]["memory"];
    assert_eq!(
        memory["allocatableBytes"],
        64 * 1024 * MI - 1024 * MI - 512 * MI - 500 * MI
    );
}

#[test]
fn a_dedicated_cpu_vm_shows_why_strategies_do_not_apply() {
    let report = plan_json(&[
        "-f",
        "../../examples/vm-dedicated-cpu.yaml",
        "--node-memory",
        "128Gi",
    ]);
    let strategies = report["items"][0]["strategies"].as_array().unwrap();
    assert!(
        strategies[2]["refused"]
            .as_str()
            .unwrap()
            .contains("dedicated")
    );
    assert!(strategies.iter().all(|s| s["qosClass"] == "Guaranteed"));
    let fits: Vec<i64> = strategies
        .iter()
        .map(|s| s["fit"].as_i64().unwrap())
        .collect();
    assert!(fits.windows(2).all(|w| w[0] == w[1]), "{fits:?}");
}

#[test]
fn text_output_reads_at_a_glance() {
    let run = density(&[
        "plan",
        "-f",
        "../../examples/vm-default.yaml",
        "--node-memory",
        "64Gi",
        "--system-reserved",
        "1Gi",
        "--kube-reserved",
        "1Gi",
    ])
    .run();
    assert_eq!(run.code, 0, "{run}");
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn without_a_node_it_says_what_to_pass() {
    let run = density(&["plan", "-f", "rules/DEN002-trigger.yaml"]).run();
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("--node-memory"), "{run}");
}
