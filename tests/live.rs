//! Live mode against the project's API-server emulator (HTTPS on loopback, bearer token, real
//! Kubernetes JSON): paged lint across namespaces, explain compared with the running pod,
//! eviction with failing and slow nodes, plan on a partly filled node, apply with a server-side
//! dry run, and the failures a user meets (expired token, server down, timeouts, 429).

mod support;

use std::path::Path;

use serde_json::{Value, json};
use support::density;
use support::emulator::*;

fn vmi_spec(memory: &str) -> Value {
    json!({
        "domain": {
            "devices": {"disks": [{"name": "rootdisk", "disk": {"bus": "virtio"}}]},
            "resources": {"requests": {"memory": memory}},
        },
        "volumes": [{"name": "rootdisk", "containerDisk": {"image": "quay.io/containerdisks/fedora:41"}}],
    })
}

fn with_kubeconfig<'a>(args: &[&'a str], kubeconfig: &'a Path) -> Vec<&'a str> {
    let mut full = args.to_vec();
    full.push("--kubeconfig");
    full.push(kubeconfig.to_str().unwrap());
    full
}

/// A cluster with `per_namespace` VMIs in each of three namespaces, ten VMs with their VMIs in
/// ns1, three nodes, the KubeVirt CR.
fn big_cluster(per_namespace: usize) -> ClusterState {
    let mut state = ClusterState::new();
    state.nodes = vec![
        node(
            "n1",
            "64Gi",
            "62Gi",
            "v1.33.2",
            &[("kubevirt.io/ksm-enabled", "true")],
        ),
        node("n2", "64Gi", "62Gi", "v1.33.2", &[]),
        node("n3", "64Gi", "62Gi", "v1.33.2", &[]),
    ];
    for ns in ["ns1", "ns2", "ns3"] {
        for index in 0..per_namespace {
            state
                .vmis
                .push(vmi(ns, &format!("vmi-{index}"), vmi_spec("1Gi")));
        }
    }
    for index in 0..10 {
        let vm = vm("ns1", &format!("vm-{index}"), vmi_spec("2Gi"));
        state.vmis.push(vmi_for_vm(&vm));
        state.vms.push(vm);
    }
    state.kubevirt = Some(kubevirt_cr("v1.9.0", json!({})));
    state
}

fn json_of(run: &support::Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run}"))
}

#[test]
fn lint_pages_through_thousands_of_vmis_and_reports_owned_vmis_once() {
    let emulator = Emulator::start(big_cluster(700));
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emulator.kubeconfig(dir.path());
    let run = density(&with_kubeconfig(
        &["lint", "-A", "-o", "json", "--fail-on", "never"],
        &kubeconfig,
    ))
    .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = json_of(&run);
    // 2100 VMIs + 10 VMs; the 10 VMIs the VMs own are reported on their VMs.
    assert_eq!(report["summary"]["objects"], 2110);
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.iter().all(|f| f.get("location").is_none()));
    let first = findings
        .iter()
        .find(|f| f["object"]["name"] == "vm-0" && f["rule"] == "DEN002")
        .expect("a finding on a VM");
    assert_eq!(first["object"]["namespace"], "ns1");
    assert_eq!(
        first["path"],
        "spec.template.spec.domain.resources.overcommitGuestOverhead"
    );
    // Paging: every VMI list asked for 500 at a time and followed the continue tokens.
    let pages: Vec<RequestRecord> = emulator
        .requests_to("/apis/kubevirt.io/v1/virtualmachineinstances")
        .into_iter()
        .filter(|r| r.method == "GET")
        .collect();
    assert_eq!(pages.len(), 5, "2110 VMIs in pages of 500");
    assert!(pages.iter().all(|p| p.param("limit") == Some("500")));
    assert_eq!(
        pages
            .iter()
            .filter(|p| p.param("continue").is_some())
            .count(),
        4
    );
    // Text output names the object and the JSON path.
    let run = density(&with_kubeconfig(
        &["lint", "-n", "ns1", "vm-3"],
        &kubeconfig,
    ))
    .run();
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stdout
            .starts_with("ns1/VirtualMachine/vm-3: warning[DEN0"),
        "{run}"
    );
    assert!(
        run.stdout.contains("= path: spec.template.spec.domain"),
        "{run}"
    );
}

#[test]
fn explain_compares_the_prediction_with_the_running_pod() {
    let mut state = ClusterState::new();
    state.nodes = vec![node("n1", "64Gi", "62Gi", "v1.33.2", &[])];
    state.kubevirt = Some(kubevirt_cr("v1.9.0", json!({})));
    let vm = vm("ns1", "web", vmi_spec("2Gi"));
    let vmi = on_node(vmi_for_vm(&vm), "n1");
    // The real launcher requests 2Gi + a different overhead than predicted.
    let pod = launcher_pod(
        &vmi,
        vec![container(
            "compute",
            &[("cpu", "100m"), ("memory", "2294Mi")],
            &[],
        )],
        "Burstable",
    );
    state.vms.push(vm);
    state.vmis.push(vmi);
    state.pods.push(pod);
    let emulator = Emulator::start(state);
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emulator.kubeconfig(dir.path());
    let run = density(&with_kubeconfig(
        &["explain", "web", "-n", "ns1"],
        &kubeconfig,
    ))
    .run();
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.contains("differs from the prediction"), "{run}");
    assert!(
        run.stdout.contains("compute requests.memory: predicted"),
        "{run}"
    );
    let report = json_of(
        &density(&with_kubeconfig(
            &["explain", "web", "-n", "ns1", "-o", "json"],
            &kubeconfig,
        ))
        .run(),
    );
    let item = &report["items"][0];
    assert_eq!(item["model"]["kubevirtVersion"], "v1.9");
    assert!(
        item["live"]["pod"]
            .as_str()
            .unwrap()
            .starts_with("virt-launcher-web-")
    );
    assert_eq!(
        item["live"]["differences"].as_array().unwrap().len(),
        1,
        "{item}"
    );

    // A pod rendered exactly as predicted matches.
    let predicted = &item["compute"]["requests"];
    let memory = predicted["memory"].as_i64().unwrap().to_string();
    let cpu = predicted["cpu"].as_str().unwrap().to_string();
    let vmi = emulator
        .get("kubevirt.io", "virtualmachineinstances", Some("ns1"), "web")
        .unwrap();
    let mut pod = launcher_pod(
        &vmi,
        vec![container(
            "compute",
            &[("cpu", &cpu), ("memory", &memory)],
            &[],
        )],
        "Burstable",
    );
    pod["metadata"]["name"] = json!("virt-launcher-web-exact");
    emulator.delete(
        "",
        "pods",
        Some("ns1"),
        item["live"]["pod"].as_str().unwrap(),
    );
    emulator.upsert(pod);
    let run = density(&with_kubeconfig(
        &["explain", "web", "-n", "ns1"],
        &kubeconfig,
    ))
    .run();
    assert!(run.stdout.contains("matches the prediction"), "{run}");
}

#[test]
fn eviction_reports_every_node_even_when_some_fail() {
    let mut state = ClusterState::new();
    state.nodes = vec![
        node(
            "n1",
            "64Gi",
            "62Gi",
            "v1.33.2",
            &[("kubevirt.io/ksm-enabled", "true")],
        ),
        node("n2", "64Gi", "62Gi", "v1.33.2", &[]),
        node("n3", "64Gi", "62Gi", "v1.33.2", &[]),
        node("n4", "32Gi", "31Gi", "v1.32.4", &[]),
    ];
    let soft = merged(
        default_kubeletconfig(),
        json!({"evictionSoft": {"memory.available": "1Gi"}, "evictionSoftGracePeriod": {"memory.available": "1m30s"}, "evictionMaxPodGracePeriod": 120}),
    );
    state.configz.insert("n1".into(), configz(soft.clone()));
    state.configz.insert("n2".into(), configz(soft));
    state
        .configz
        .insert("n3".into(), configz(default_kubeletconfig()));
    // n4 has no reachable kubelet.
    let emulator = Emulator::start(state);
    emulator.set_fault(Fault::forbidden_node_proxy("n2", "alice"));
    emulator.set_fault(Fault::delay("/api/v1/nodes/n3/proxy/configz", 1500));
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emulator.kubeconfig(dir.path());
    let run = density(&with_kubeconfig(&["eviction"], &kubeconfig)).run();
    assert_eq!(run.code, 1, "some nodes failed: {run}");
    for node in ["n1", "n2", "n3", "n4"] {
        assert!(
            run.stdout.lines().any(|l| l.starts_with(node)),
            "{node} row missing: {run}"
        );
    }
    assert!(
        run.stdout.contains("nodes/proxy"),
        "the 403 names the permission: {run}"
    );
    let report =
        json_of(&density(&with_kubeconfig(&["eviction", "-o", "json"], &kubeconfig)).run());
    let nodes = report["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 4);
    assert!(nodes[0]["error"].is_null());
    assert!(
        nodes[1]["error"].as_str().unwrap().contains("403"),
        "{}",
        nodes[1]
    );
    assert!(nodes[2]["error"].is_null(), "the slow node still answers");
    assert!(
        nodes[3]["error"].as_str().unwrap().contains("503"),
        "{}",
        nodes[3]
    );
    assert_eq!(nodes[0]["source"], "configz");
    assert_eq!(nodes[0]["ksmEnabled"], true);
    // DEN101 on the default config of n3.
    assert!(
        nodes[2]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "DEN101")
    );
    // Named nodes only, and none readable: exit 2.
    let run = density(&with_kubeconfig(&["eviction", "n4"], &kubeconfig)).run();
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn eviction_reads_nodes_concurrently() {
    let mut state = ClusterState::new();
    for index in 0..8 {
        let name = format!("n{index}");
        state
            .nodes
            .push(node(&name, "64Gi", "62Gi", "v1.33.2", &[]));
        state.configz.insert(name, configz(default_kubeletconfig()));
    }
    let emulator = Emulator::start(state);
    emulator.set_fault(Fault::delay("/api/v1/nodes/*/proxy/configz", 400));
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emulator.kubeconfig(dir.path());
    let run = density(&with_kubeconfig(
        &["eviction", "--concurrency", "8", "-o", "json"],
        &kubeconfig,
    ))
    .run();
    assert_eq!(run.code, 0, "{run}");
    // All eight configz requests were in flight together: each arrived before the first
    // answer (400 ms) could have come back.
    let calls = emulator.requests_to("/api/v1/nodes/");
    let configz: Vec<&RequestRecord> = calls
        .iter()
        .filter(|r| r.path.ends_with("/configz"))
        .collect();
    assert_eq!(configz.len(), 8);
    let first = configz.iter().map(|r| r.at).min().unwrap();
    let last = configz.iter().map(|r| r.at).max().unwrap();
    assert!(
        (last - first).as_millis() < 350,
        "configz calls were serialised"
    );
}

#[test]
fn plan_on_a_partly_filled_live_node() {
    let mut state = ClusterState::new();
    state.nodes = vec![node("n1", "64Gi", "63Gi", "v1.33.2", &[])];
    state
        .configz
        .insert("n1".into(), configz(default_kubeletconfig()));
    state.kubevirt = Some(kubevirt_cr("v1.9.0", json!({})));
    // Pods already on the node request 20Gi.
    let filler = on_node(vmi("ns1", "filler", vmi_spec("20Gi")), "n1");
    state.pods.push(launcher_pod(
        &filler,
        vec![container(
            "compute",
            &[("cpu", "1"), ("memory", "20Gi")],
            &[],
        )],
        "Burstable",
    ));
    state.vmis.push(filler);
    state.vms.push(vm("ns1", "candidate", vmi_spec("2Gi")));
    let emulator = Emulator::start(state);
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emulator.kubeconfig(dir.path());
    let run = density(&with_kubeconfig(
        &[
            "plan",
            "candidate",
            "-n",
            "ns1",
            "--node",
            "n1",
            "-o",
            "json",
        ],
        &kubeconfig,
    ))
    .run();
    assert_eq!(run.code, 0, "{run}");
    let report = json_of(&run);
    let item = &report["items"][0];
    let node = &item["node"];
    assert_eq!(node["requestedBytes"], 20i64 << 30);
    let allocatable = node["memory"]["allocatableBytes"].as_i64().unwrap();
    assert_eq!(
        allocatable,
        (64i64 << 30) - (100 << 20),
        "default hard eviction from configz"
    );
    for strategy in item["strategies"].as_array().unwrap() {
        let request = strategy["schedulerRequestBytes"].as_i64().unwrap();
        assert_eq!(
            strategy["fit"],
            (allocatable - (20i64 << 30)) / request,
            "{strategy}"
        );
    }
}

#[test]
fn apply_overcommit_patches_live_vms_after_a_dry_run() {
    let mut state = ClusterState::new();
    state.kubevirt = Some(kubevirt_cr("v1.9.0", json!({})));
    state.vms.push(vm("ns1", "web", vmi_spec("2Gi")));
    let emulator = Emulator::start(state);
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emulator.kubeconfig(dir.path());
    let run = density(&with_kubeconfig(
        &[
            "apply-overcommit",
            "web",
            "-n",
            "ns1",
            "--no-graphics",
            "--overhead",
        ],
        &kubeconfig,
    ))
    .run();
    assert_eq!(run.code, 1, "a diff exists: {run}");
    assert!(
        run.stdout
            .contains("+        overcommitGuestOverhead: true"),
        "{run}"
    );
    let patches: Vec<RequestRecord> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.method == "PATCH")
        .collect();
    assert_eq!(patches.len(), 1);
    assert_eq!(patches[0].param("dryRun"), Some("All"));
    assert_eq!(patches[0].param("fieldManager"), Some("kubectl-density"));
    let stored = emulator
        .get("kubevirt.io", "virtualmachines", Some("ns1"), "web")
        .unwrap();
    assert!(
        stored["spec"]["template"]["spec"]["domain"]["resources"]["overcommitGuestOverhead"]
            .is_null()
    );
    // --apply patches for real; a second run has nothing to do.
    let run = density(&with_kubeconfig(
        &[
            "apply-overcommit",
            "web",
            "-n",
            "ns1",
            "--no-graphics",
            "--overhead",
            "--apply",
        ],
        &kubeconfig,
    ))
    .run();
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.contains("restart the VM"), "{run}");
    let stored = emulator
        .get("kubevirt.io", "virtualmachines", Some("ns1"), "web")
        .unwrap();
    let domain = &stored["spec"]["template"]["spec"]["domain"];
    assert_eq!(domain["resources"]["overcommitGuestOverhead"], true);
    assert_eq!(domain["devices"]["autoattachGraphicsDevice"], false);
    assert_eq!(
        domain["resources"]["requests"]["memory"], "2Gi",
        "the rest is untouched"
    );
    let run = density(&with_kubeconfig(
        &[
            "apply-overcommit",
            "web",
            "-n",
            "ns1",
            "--no-graphics",
            "--overhead",
        ],
        &kubeconfig,
    ))
    .run();
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.contains("nothing to change"), "{run}");
}

#[test]
fn an_expired_token_is_a_clear_error() {
    let emulator = Emulator::start(big_cluster(1));
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emulator.kubeconfig(dir.path());
    emulator.set_token("rotated");
    let run = density(&with_kubeconfig(&["lint", "-A"], &kubeconfig)).run();
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("401"), "{run}");
    assert!(run.stderr.contains("token may have expired"), "{run}");
    assert!(
        !run.stderr.contains(&emulator.token),
        "never print credentials: {run}"
    );
}

#[test]
fn a_server_that_is_down_is_a_clear_error() {
    let emulator = Emulator::start(big_cluster(1));
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emulator.kubeconfig(dir.path());
    emulator.stop();
    let run = density(&with_kubeconfig(&["lint", "-A"], &kubeconfig)).run();
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("cannot reach the API server"), "{run}");
}

#[test]
fn request_timeout_is_honoured() {
    let emulator = Emulator::start(big_cluster(1));
    emulator.set_fault(Fault::delay("/apis/kubevirt.io/v1/virtualmachines", 5000));
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emulator.kubeconfig(dir.path());
    let started = std::time::Instant::now();
    let run = density(&with_kubeconfig(
        &["lint", "-A", "--request-timeout", "1s"],
        &kubeconfig,
    ))
    .run();
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr.contains("timed out") || run.stderr.contains("timeout"),
        "{run}"
    );
    assert!(
        started.elapsed().as_secs() < 5,
        "the 5 s delay was waited out"
    );
}

#[test]
fn a_429_is_retried() {
    let emulator = Emulator::start(big_cluster(3));
    emulator.set_fault(Fault::once_429(
        "/apis/kubevirt.io/v1/virtualmachineinstances",
        0,
    ));
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emulator.kubeconfig(dir.path());
    let run = density(&with_kubeconfig(
        &["lint", "-A", "-o", "json", "--fail-on", "never"],
        &kubeconfig,
    ))
    .run();
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(json_of(&run)["summary"]["objects"], 19);
}

#[test]
fn forbidden_lists_name_the_missing_permission() {
    let emulator = Emulator::start(big_cluster(1));
    emulator.set_fault(Fault::forbidden(
        "/apis/kubevirt.io/v1/namespaces/ns2/virtualmachines",
        "alice",
        "list",
        "virtualmachines",
        "kubevirt.io",
        Some("ns2"),
        "",
    ));
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emulator.kubeconfig(dir.path());
    let run = density(&with_kubeconfig(&["lint", "-n", "ns2"], &kubeconfig)).run();
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("403"), "{run}");
    assert!(
        run.stderr
            .contains("kubectl auth can-i list virtualmachines.kubevirt.io -n ns2"),
        "{run}"
    );
}

#[test]
fn lint_nodes_adds_the_node_rules() {
    let mut state = big_cluster(2);
    state
        .configz
        .insert("n1".into(), configz(default_kubeletconfig()));
    let soft = merged(
        default_kubeletconfig(),
        json!({"evictionSoft": {"memory.available": "1Gi"}, "evictionSoftGracePeriod": {"memory.available": "1m30s"}, "evictionMaxPodGracePeriod": 120}),
    );
    state.configz.insert("n2".into(), configz(soft));
    // n3's kubelet is unreachable: a note, the others are still checked.
    let emulator = Emulator::start(state);
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emulator.kubeconfig(dir.path());
    let run = density(&with_kubeconfig(
        &[
            "lint",
            "-A",
            "--nodes",
            "-o",
            "json",
            "--fail-on",
            "never",
            "--select",
            "DEN101",
        ],
        &kubeconfig,
    ))
    .run();
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stderr.contains("node n3: not checked"), "{run}");
    let report = json_of(&run);
    let nodes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "DEN101")
        .map(|f| f["object"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(nodes, ["n1"], "only n1 lacks soft eviction");
}

#[test]
fn eviction_knows_which_nodes_run_overcommitted_vmis() {
    let mut state = ClusterState::new();
    state.nodes = vec![
        node("n1", "64Gi", "62Gi", "v1.33.2", &[]),
        node("n2", "64Gi", "62Gi", "v1.33.2", &[]),
    ];
    state
        .configz
        .insert("n1".into(), configz(default_kubeletconfig()));
    state
        .configz
        .insert("n2".into(), configz(default_kubeletconfig()));
    let mut overcommitted = vmi_spec("2Gi");
    overcommitted["domain"]["resources"]["overcommitGuestOverhead"] = json!(true);
    state
        .vmis
        .push(on_node(vmi("ns1", "dense", overcommitted), "n1"));
    state
        .vmis
        .push(on_node(vmi("ns1", "plain", vmi_spec("2Gi")), "n2"));
    let emulator = Emulator::start(state);
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emulator.kubeconfig(dir.path());
    let report =
        json_of(&density(&with_kubeconfig(&["eviction", "-o", "json"], &kubeconfig)).run());
    let has = |index: usize, code: &str| {
        report["nodes"][index]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == code)
    };
    assert!(
        has(0, "DEN106"),
        "n1 runs an overcommitted VMI without swap: {report}"
    );
    assert!(!has(1, "DEN106"), "n2 does not: {report}");
}
