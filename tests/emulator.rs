//! Proves the API-server emulator (`tests/support/emulator`) is faithful: the real `kubectl`
//! (and the `kube` client the product uses) must work against it unchanged, see what a real
//! API server would show, and send the requests the emulator's log records.
//!
//! `kubectl` must be on PATH (CI installs it); without it these tests fail with a message
//! saying so rather than skipping.

mod support;

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::Run;
use support::emulator::*;

// --- helpers -----------------------------------------------------------------------------

/// Runs `kubectl --kubeconfig DIR/kubeconfig ARGS` with a private HOME and discovery cache.
fn kubectl(emu: &Emulator, dir: &Path, args: &[&str]) -> Run {
    let kubeconfig = emu.kubeconfig(dir);
    kubectl_with(&kubeconfig, dir, args)
}

fn kubectl_with(kubeconfig: &Path, dir: &Path, args: &[&str]) -> Run {
    let output = Command::new("kubectl")
        .arg("--kubeconfig")
        .arg(kubeconfig)
        .arg("--cache-dir")
        .arg(dir.join("cache"))
        .arg("--request-timeout=30s")
        .args(args)
        .env("HOME", dir)
        .env_remove("KUBECONFIG")
        .output()
        .unwrap_or_else(|e| {
            panic!("the emulator tests run the real `kubectl`, which must be on PATH (CI installs it): {e}")
        });
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn ok(run: &Run) -> &str {
    assert_eq!(run.code, 0, "kubectl failed:\n{run}");
    &run.stdout
}

/// The non-discovery requests kubectl made to `path` (the gcloud kubectl dispatcher also asks
/// `/version` first to pick a client version; that is ignored here).
fn lists_of(emu: &Emulator, path: &str) -> Vec<RequestRecord> {
    emu.requests()
        .into_iter()
        .filter(|r| r.path == path)
        .collect()
}

fn vmi_spec(memory: &str) -> Value {
    json!({
        "domain": {
            "devices": {"disks": [{"name": "rootdisk", "disk": {"bus": "virtio"}}]},
            "resources": {"requests": {"memory": memory}},
        },
        "volumes": [{"name": "rootdisk", "containerDisk": {"image": "quay.io/containerdisks/fedora:41"}}],
    })
}

/// Three nodes (n3 has no reachable kubelet), three namespaces, three VMs in ns1 with their
/// VMIs and launcher pods, four more VMIs in ns2/ns3, the KubeVirt CR, an instancetype.
fn cluster() -> ClusterState {
    let mut state = ClusterState::new();
    state.nodes = vec![
        node(
            "n1",
            "16Gi",
            "15Gi",
            "v1.33.2",
            &[("node-role.kubernetes.io/control-plane", "")],
        ),
        node("n2", "32Gi", "31Gi", "v1.33.2", &[]),
        node("n3", "32Gi", "31Gi", "v1.32.4", &[]),
    ];
    let soft = merged(
        default_kubeletconfig(),
        json!({"evictionSoft": {"memory.available": "500Mi"}, "evictionSoftGracePeriod": {"memory.available": "1m30s"}}),
    );
    state
        .configz
        .insert("n1".into(), configz(default_kubeletconfig()));
    state.configz.insert("n2".into(), configz(soft));
    for (name, app) in [("web-1", "web"), ("web-2", "web"), ("db-1", "db")] {
        let vm = with_labels(vm("ns1", name, vmi_spec("2Gi")), &[("app", app)]);
        let vmi = on_node(vmi_for_vm(&vm), if app == "web" { "n1" } else { "n2" });
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
    }
    for (ns, name) in [("ns2", "a"), ("ns2", "b"), ("ns3", "c"), ("ns3", "d")] {
        state
            .vmis
            .push(on_node(vmi(ns, name, vmi_spec("1Gi")), "n2"));
    }
    state.kubevirt = Some(kubevirt_cr(
        "v1.6.0",
        json!({"developerConfiguration": {"memoryOvercommit": 150, "featureGates": ["VMLiveUpdateFeatures"]}}),
    ));
    state.cluster_instancetypes = vec![cluster_instancetype(
        "u1.medium",
        json!({"cpu": {"guest": 1}, "memory": {"guest": "4Gi"}}),
    )];
    state.resource_quotas = vec![resource_quota(
        "ns1",
        "compute",
        &[("requests.memory", "64Gi"), ("limits.memory", "128Gi")],
        &[("requests.memory", "7Gi"), ("limits.memory", "0")],
    )];
    state
}

fn table_rows(stdout: &str) -> Vec<Vec<String>> {
    stdout
        .lines()
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

// --- discovery, tables, lists -----------------------------------------------------------

#[test]
fn get_nodes_prints_the_server_side_table() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    let run = kubectl(&emu, dir.path(), &["get", "nodes"]);
    let rows = table_rows(ok(&run));
    assert_eq!(
        rows[0],
        ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
        "{run}"
    );
    assert_eq!(rows[1][..3], ["n1", "Ready", "control-plane"]);
    assert_eq!(rows[1][4], "v1.33.2");
    assert_eq!(rows[3][..3], ["n3", "Ready", "<none>"]);
    assert_eq!(rows.len(), 4);

    // kubectl asked for aggregated discovery first, then a Table page of 500.
    let api = lists_of(&emu, "/api");
    assert!(
        api[0]
            .header("accept")
            .unwrap()
            .starts_with("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
    );
    let list = lists_of(&emu, "/api/v1/nodes");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].param("limit"), Some("500"));
    assert!(
        list[0]
            .header("accept")
            .unwrap()
            .starts_with("application/json;as=Table;v=v1;g=meta.k8s.io")
    );
    assert!(
        emu.requests()
            .iter()
            .all(|r| r.authorized && r.status == 200),
        "{:#?}",
        emu.requests()
    );
    // HTTP/1.1 keep-alive: kubectl's discovery and list share one connection.
    let conns: std::collections::BTreeSet<u64> = emu
        .requests()
        .iter()
        .filter(|r| r.path != "/version")
        .map(|r| r.connection)
        .collect();
    assert_eq!(conns.len(), 1, "{:#?}", emu.requests());
}

#[test]
fn get_nodes_wide_uses_priority_columns() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    let run = kubectl(&emu, dir.path(), &["get", "nodes", "-o", "wide"]);
    let out = ok(&run);
    assert!(
        out.starts_with("NAME   STATUS   ROLES           AGE"),
        "{run}"
    );
    for column in [
        "INTERNAL-IP",
        "EXTERNAL-IP",
        "OS-IMAGE",
        "KERNEL-VERSION",
        "CONTAINER-RUNTIME",
    ] {
        assert!(out.lines().next().unwrap().contains(column), "{run}");
    }
    assert!(
        out.contains("Ubuntu 24.04.2 LTS") && out.contains("containerd://2.0.5"),
        "{run}"
    );
}

#[test]
fn get_nodes_json_is_the_real_object_shape() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    let run = kubectl(&emu, dir.path(), &["get", "nodes", "-o", "json"]);
    let list: Value = serde_json::from_str(ok(&run)).unwrap();
    assert_eq!(list["kind"], "List");
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    let n2 = &items[1];
    assert_eq!(n2["kind"], "Node");
    assert_eq!(n2["apiVersion"], "v1");
    assert_eq!(n2["metadata"]["name"], "n2");
    assert_eq!(n2["status"]["capacity"]["memory"], "32Gi");
    assert_eq!(n2["status"]["allocatable"]["memory"], "31Gi");
    assert_eq!(n2["status"]["nodeInfo"]["kubeletVersion"], "v1.33.2");
    assert!(
        n2["metadata"]["resourceVersion"]
            .as_str()
            .unwrap()
            .parse::<u64>()
            .is_ok()
    );
    // Without a Table printer kubectl asks for plain JSON.
    let list_req = &lists_of(&emu, "/api/v1/nodes")[0];
    assert_eq!(list_req.header("accept"), Some("application/json"));
}

#[test]
fn get_vmi_all_namespaces_prints_every_vmi_with_crd_columns() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    let run = kubectl(&emu, dir.path(), &["get", "vmi", "-A"]);
    let rows = table_rows(ok(&run));
    assert_eq!(
        rows[0],
        [
            "NAMESPACE",
            "NAME",
            "AGE",
            "PHASE",
            "IP",
            "NODENAME",
            "READY"
        ],
        "{run}"
    );
    let names: Vec<String> = rows[1..]
        .iter()
        .map(|r| format!("{}/{}", r[0], r[1]))
        .collect();
    assert_eq!(
        names,
        [
            "ns1/db-1",
            "ns1/web-1",
            "ns1/web-2",
            "ns2/a",
            "ns2/b",
            "ns3/c",
            "ns3/d"
        ]
    );
    assert_eq!(rows[2][3], "Running");
    assert_eq!(rows[2][5], "n1");
    assert_eq!(rows[2][6], "True");
    let list = lists_of(&emu, "/apis/kubevirt.io/v1/virtualmachineinstances");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].param("limit"), Some("500"));
}

#[test]
fn get_vmi_with_chunk_size_pages_with_continue_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    let run = kubectl(&emu, dir.path(), &["get", "vmi", "-A", "--chunk-size", "2"]);
    let rows = table_rows(ok(&run));
    assert_eq!(
        rows.iter().filter(|r| r[0] == "NAMESPACE").count(),
        1,
        "one header:\n{run}"
    );
    assert_eq!(rows.len(), 8, "{run}");
    let pages = lists_of(&emu, "/apis/kubevirt.io/v1/virtualmachineinstances");
    assert_eq!(pages.len(), 4, "7 items in pages of 2: {pages:#?}");
    assert!(pages.iter().all(|p| p.param("limit") == Some("2")));
    assert_eq!(pages[0].param("continue"), None);
    let tokens: Vec<&str> = pages[1..]
        .iter()
        .map(|p| p.param("continue").expect("continue token"))
        .collect();
    assert_eq!(tokens.len(), 3);
    assert!(
        tokens.windows(2).all(|w| w[0] != w[1]),
        "distinct tokens: {tokens:?}"
    );

    // The same paging serves -o json; kubectl merges the pages into one List.
    let run = kubectl(
        &emu,
        dir.path(),
        &["get", "vmis", "-A", "--chunk-size=3", "-o", "json"],
    );
    let list: Value = serde_json::from_str(ok(&run)).unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 7);
}

#[test]
fn page_size_cap_makes_the_server_return_fewer_items_than_asked() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(ClusterState {
        page_size_cap: Some(3),
        ..cluster()
    });
    let run = kubectl(&emu, dir.path(), &["get", "vmi", "-A", "-o", "name"]);
    assert_eq!(ok(&run).lines().count(), 7, "{run}");
    assert_eq!(
        lists_of(&emu, "/apis/kubevirt.io/v1/virtualmachineinstances").len(),
        3
    );
}

#[test]
fn label_selectors_filter_on_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    let run = kubectl(
        &emu,
        dir.path(),
        &["get", "vm", "-n", "ns1", "-l", "app=web"],
    );
    let rows = table_rows(ok(&run));
    assert_eq!(rows[0], ["NAME", "AGE", "STATUS", "READY"], "{run}");
    assert_eq!(
        rows[1..].iter().map(|r| r[0].as_str()).collect::<Vec<_>>(),
        ["web-1", "web-2"]
    );
    assert_eq!(rows[1][2], "Running");
    let req = &lists_of(&emu, "/apis/kubevirt.io/v1/namespaces/ns1/virtualmachines")[0];
    assert_eq!(req.param("labelSelector"), Some("app=web"));

    for (selector, expected) in [
        ("app!=web", vec!["db-1"]),
        ("app in (db,cache)", vec!["db-1"]),
        ("app notin (db)", vec!["web-1", "web-2"]),
        ("app", vec!["db-1", "web-1", "web-2"]),
        ("!app", vec![]),
    ] {
        let run = kubectl(
            &emu,
            dir.path(),
            &["get", "vm", "-n", "ns1", "-l", selector, "-o", "name"],
        );
        let names: Vec<&str> = ok(&run)
            .lines()
            .map(|l| l.trim_start_matches("virtualmachine.kubevirt.io/"))
            .collect();
        assert_eq!(names, expected, "selector {selector:?}: {run}");
    }
    // Launcher pods found the way the product finds them.
    let run = kubectl(
        &emu,
        dir.path(),
        &[
            "get",
            "pods",
            "-n",
            "ns1",
            "-l",
            "kubevirt.io=virt-launcher,vm.kubevirt.io/name=web-1",
            "-o",
            "json",
        ],
    );
    let pods: Value = serde_json::from_str(ok(&run)).unwrap();
    let pod = &pods["items"][0];
    assert!(
        pod["metadata"]["name"]
            .as_str()
            .unwrap()
            .starts_with("virt-launcher-web-1-")
    );
    assert_eq!(
        pod["metadata"]["ownerReferences"][0]["kind"],
        "VirtualMachineInstance"
    );
    assert_eq!(pod["status"]["qosClass"], "Burstable");
    assert_eq!(
        pod["spec"]["containers"][0]["resources"]["requests"]["memory"],
        "2294Mi"
    );
}

#[test]
fn field_selectors_filter_on_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    let run = kubectl(
        &emu,
        dir.path(),
        &[
            "get",
            "vmi",
            "-A",
            "--field-selector",
            "metadata.namespace=ns3",
            "-o",
            "name",
        ],
    );
    assert_eq!(ok(&run).lines().count(), 2, "{run}");
    let run = kubectl(
        &emu,
        dir.path(),
        &[
            "get",
            "pods",
            "-A",
            "--field-selector",
            "spec.nodeName=n1",
            "-o",
            "name",
        ],
    );
    assert_eq!(ok(&run).lines().count(), 2, "{run}");
    let run = kubectl(
        &emu,
        dir.path(),
        &[
            "get",
            "vmi",
            "-A",
            "--field-selector",
            "status.phase=Running",
        ],
    );
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("Error from server (BadRequest)")
            && run.stderr.contains("status.phase"),
        "{run}"
    );
}

#[test]
fn short_names_and_kinds_resolve_through_discovery() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    for (args, expected) in [
        (
            vec!["get", "vmi", "-n", "ns2", "-o", "name"],
            "virtualmachineinstance.kubevirt.io/a",
        ),
        (
            vec!["get", "vmis", "-n", "ns2", "-o", "name"],
            "virtualmachineinstance.kubevirt.io/a",
        ),
        (
            vec!["get", "vm", "web-1", "-n", "ns1", "-o", "name"],
            "virtualmachine.kubevirt.io/web-1",
        ),
        (
            vec!["get", "VirtualMachine", "db-1", "-n", "ns1", "-o", "name"],
            "virtualmachine.kubevirt.io/db-1",
        ),
        (
            vec!["get", "kv", "-n", "kubevirt", "-o", "name"],
            "kubevirt.kubevirt.io/kubevirt",
        ),
        (
            vec!["get", "vmcf", "-o", "name"],
            "virtualmachineclusterinstancetype.instancetype.kubevirt.io/u1.medium",
        ),
        (vec!["get", "no", "n1", "-o", "name"], "node/n1"),
        (
            vec!["get", "quota", "-n", "ns1", "-o", "name"],
            "resourcequota/compute",
        ),
    ] {
        let run = kubectl(&emu, dir.path(), &args);
        assert_eq!(ok(&run).lines().next(), Some(expected), "{args:?}: {run}");
    }
    let run = kubectl(&emu, dir.path(), &["get", "vmx"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("the server doesn't have a resource type \"vmx\""),
        "{run}"
    );
}

#[test]
fn legacy_discovery_works_when_aggregated_discovery_is_off() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(ClusterState {
        aggregated_discovery: false,
        ..cluster()
    });
    let run = kubectl(&emu, dir.path(), &["get", "vmi", "-n", "ns1"]);
    assert_eq!(table_rows(ok(&run)).len(), 4, "{run}");
    let paths: Vec<String> = emu.requests().iter().map(|r| r.path.clone()).collect();
    for legacy in [
        "/api",
        "/apis",
        "/api/v1",
        "/apis/kubevirt.io/v1",
        "/apis/instancetype.kubevirt.io/v1beta1",
    ] {
        assert!(
            paths.iter().any(|p| p == legacy),
            "{legacy} not requested: {paths:?}"
        );
    }
    let run = kubectl(
        &emu,
        dir.path(),
        &["api-resources", "--api-group=kubevirt.io", "--no-headers"],
    );
    let out = ok(&run);
    assert!(
        out.lines().any(|l| l.split_whitespace().collect::<Vec<_>>()
            == [
                "virtualmachineinstances",
                "vmi,vmis",
                "kubevirt.io/v1",
                "true",
                "VirtualMachineInstance"
            ]),
        "{run}"
    );
}

#[test]
fn api_resources_match_a_real_cluster() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    let run = kubectl(&emu, dir.path(), &["api-resources", "--no-headers"]);
    let rows = table_rows(ok(&run));
    let find = |name: &str| {
        rows.iter()
            .find(|r| r[0] == name)
            .unwrap_or_else(|| panic!("{name} missing: {run}"))
            .clone()
    };
    assert_eq!(find("nodes"), ["nodes", "no", "v1", "false", "Node"]);
    assert_eq!(find("pods"), ["pods", "po", "v1", "true", "Pod"]);
    assert_eq!(
        find("virtualmachines"),
        [
            "virtualmachines",
            "vm,vms",
            "kubevirt.io/v1",
            "true",
            "VirtualMachine"
        ]
    );
    assert_eq!(
        find("kubevirts"),
        ["kubevirts", "kv,kvs", "kubevirt.io/v1", "true", "KubeVirt"]
    );
    assert_eq!(
        find("virtualmachineclusterinstancetypes"),
        [
            "virtualmachineclusterinstancetypes",
            "vmclusterinstancetype,vmclusterinstancetypes,vmcf,vmcfs",
            "instancetype.kubevirt.io/v1beta1",
            "false",
            "VirtualMachineClusterInstancetype"
        ]
    );
    assert_eq!(find("virtualmachinepools")[2], "pool.kubevirt.io/v1beta1");
    let run = kubectl(&emu, dir.path(), &["version", "-o", "json"]);
    let version: Value = serde_json::from_str(ok(&run)).unwrap();
    assert_eq!(version["serverVersion"]["gitVersion"], "v1.33.2");
}

#[test]
fn get_single_objects_and_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    let run = kubectl(
        &emu,
        dir.path(),
        &[
            "get",
            "vm",
            "db-1",
            "-n",
            "ns1",
            "-o",
            "jsonpath={.spec.template.spec.domain.resources.requests.memory}",
        ],
    );
    assert_eq!(ok(&run), "2Gi");
    let run = kubectl(
        &emu,
        dir.path(),
        &[
            "get",
            "kubevirt",
            "kubevirt",
            "-n",
            "kubevirt",
            "-o",
            "jsonpath={.status.observedKubeVirtVersion} {.spec.configuration.developerConfiguration.memoryOvercommit}",
        ],
    );
    assert_eq!(ok(&run), "v1.6.0 150");
    let run = kubectl(&emu, dir.path(), &["get", "vm", "nope", "-n", "ns1"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.trim(),
        "Error from server (NotFound): virtualmachines.kubevirt.io \"nope\" not found"
    );
    let run = kubectl(&emu, dir.path(), &["get", "node", "n9"]);
    assert_eq!(
        run.stderr.trim(),
        "Error from server (NotFound): nodes \"n9\" not found"
    );
    let run = kubectl(&emu, dir.path(), &["get", "quota", "-n", "ns1"]);
    let rows = table_rows(ok(&run));
    assert_eq!(rows[0], ["NAME", "AGE", "REQUEST", "LIMIT"], "{run}");
    assert!(
        run.stdout.contains("requests.memory: 7Gi/64Gi")
            && run.stdout.contains("limits.memory: 0/128Gi"),
        "{run}"
    );
    let run = kubectl(&emu, dir.path(), &["get", "vmi", "-n", "empty"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr.trim(), "No resources found in empty namespace.");
}

// --- node proxy ---------------------------------------------------------------------------

#[test]
fn get_raw_configz_returns_the_kubelet_document() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    let run = kubectl(
        &emu,
        dir.path(),
        &["get", "--raw", "/api/v1/nodes/n2/proxy/configz"],
    );
    let doc: Value = serde_json::from_str(ok(&run)).unwrap();
    assert_eq!(
        doc["kubeletconfig"]["evictionSoft"]["memory.available"],
        "500Mi"
    );
    assert_eq!(
        doc["kubeletconfig"]["evictionHard"]["memory.available"],
        "100Mi"
    );
    assert!(doc["kubeletconfig"].get("kind").is_none());

    // A node whose kubelet cannot be reached: the API server's proxy error.
    let run = kubectl(
        &emu,
        dir.path(),
        &["get", "--raw", "/api/v1/nodes/n3/proxy/configz"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "Error from server (ServiceUnavailable): error trying to reach service: dial tcp 10."
        ),
        "{run}"
    );
    assert!(
        run.stderr.contains(":10250: connect: connection refused"),
        "{run}"
    );
    let run = kubectl(
        &emu,
        dir.path(),
        &["get", "--raw", "/api/v1/nodes/n9/proxy/configz"],
    );
    assert_eq!(
        run.stderr.trim(),
        "Error from server (NotFound): nodes \"n9\" not found"
    );

    emu.set_configz("n3", Some(configz(default_kubeletconfig())));
    let run = kubectl(
        &emu,
        dir.path(),
        &["get", "--raw", "/api/v1/nodes/n3/proxy/configz"],
    );
    ok(&run);
}

// --- faults -------------------------------------------------------------------------------

#[test]
fn forbidden_reads_like_rbac() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    emu.set_fault(Fault::forbidden_node_proxy("n1", "jane"));
    let run = kubectl(
        &emu,
        dir.path(),
        &["get", "--raw", "/api/v1/nodes/n1/proxy/configz"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.trim(),
        "Error from server (Forbidden): nodes \"n1\" is forbidden: User \"jane\" cannot get resource \"nodes/proxy\" in API group \"\" at the cluster scope"
    );
    // Segment-wise prefix: n1 is forbidden, n2 is not.
    ok(&kubectl(
        &emu,
        dir.path(),
        &["get", "--raw", "/api/v1/nodes/n2/proxy/configz"],
    ));

    emu.set_fault(Fault::forbidden(
        "/apis/kubevirt.io/v1/namespaces/ns2/virtualmachineinstances",
        "jane",
        "list",
        "virtualmachineinstances",
        "kubevirt.io",
        Some("ns2"),
        "",
    ));
    let run = kubectl(&emu, dir.path(), &["get", "vmi", "-n", "ns2"]);
    assert_eq!(
        run.stderr.trim(),
        "Error from server (Forbidden): virtualmachineinstances.kubevirt.io is forbidden: User \"jane\" cannot list resource \"virtualmachineinstances\" in API group \"kubevirt.io\" in the namespace \"ns2\""
    );
}

#[test]
fn missing_or_expired_token_is_unauthorized() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    // (A kubeconfig user with no credentials at all makes kubectl prompt for a username
    // instead of calling the server; the raw-client test covers a request without a token.)
    let wrong = dir.path().join("wrong-token");
    emu.write_kubeconfig(&wrong, Some("not-the-token"));
    let run = kubectl_with(&wrong, dir.path(), &["get", "nodes"]);
    assert_eq!(run.code, 1);
    // Discovery is refused first: client-go's wording for a 401 there.
    assert!(
        run.stderr.contains("error: You must be logged in to the server (the server has asked for the client to provide credentials)"),
        "{run}"
    );
    assert!(
        emu.requests()
            .iter()
            .all(|r| r.status == 401 && !r.authorized)
    );

    // A token that worked, then expired (rotated on the server).
    let kubeconfig = emu.kubeconfig(dir.path());
    ok(&kubectl_with(&kubeconfig, dir.path(), &["get", "nodes"]));
    emu.set_token("rotated");
    let run = kubectl_with(&kubeconfig, dir.path(), &["get", "nodes"]);
    // Discovery is cached now, so the list itself is refused: the Status message is shown.
    assert!(
        run.stderr
            .contains("error: You must be logged in to the server (Unauthorized)"),
        "{run}"
    );
    // The log never holds the secret.
    assert!(emu.requests().iter().all(|r| {
        r.header("authorization")
            .is_none_or(|h| h == "Bearer <redacted>")
    }));
}

#[test]
fn one_429_is_retried_after_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    emu.set_fault(Fault::once_429("/api/v1/nodes", 1));
    let run = kubectl(&emu, dir.path(), &["get", "nodes", "-o", "name"]);
    assert_eq!(ok(&run).lines().count(), 3);
    let statuses: Vec<u16> = lists_of(&emu, "/api/v1/nodes")
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [429, 200]);
}

#[test]
fn server_errors_surface_as_kubectl_reports_them() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    emu.set_fault(Fault::internal_error(
        "/apis/kubevirt.io/v1/namespaces/ns1/virtualmachines",
        "etcdserver: request timed out",
    ));
    let run = kubectl(&emu, dir.path(), &["get", "vm", "-n", "ns1"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("Error from server (InternalError): Internal error occurred: etcdserver: request timed out"),
        "{run}"
    );
    emu.clear_faults();
    emu.set_fault(Fault::unavailable("/api/v1/nodes", "the server is shutting down").times(20));
    let run = kubectl(&emu, dir.path(), &["get", "nodes"]);
    assert!(
        run.stderr
            .contains("Error from server (ServiceUnavailable): the server is shutting down"),
        "{run}"
    );
    emu.clear_faults();
    emu.set_fault(Fault::not_found(
        "/api/v1/nodes/n2",
        "nodes \"n2\" not found",
    ));
    let run = kubectl(&emu, dir.path(), &["get", "node", "n2"]);
    assert_eq!(
        run.stderr.trim(),
        "Error from server (NotFound): nodes \"n2\" not found"
    );
}

#[test]
fn slow_responses_hit_the_request_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    emu.set_fault(Fault::delay("/api/v1/nodes/*/proxy/configz", 3_000));
    let started = Instant::now();
    let run = kubectl(
        &emu,
        dir.path(),
        &[
            "get",
            "--raw",
            "/api/v1/nodes/n1/proxy/configz",
            "--request-timeout=1s",
        ],
    );
    assert_ne!(run.code, 0);
    assert!(
        started.elapsed() < Duration::from_millis(2_900),
        "timed out client-side: {run}"
    );
    assert!(
        run.stderr.contains("Client.Timeout")
            || run.stderr.contains("context deadline exceeded")
            || run.stderr.contains("timeout"),
        "{run}"
    );
    // Other paths are not delayed.
    ok(&kubectl(
        &emu,
        dir.path(),
        &["get", "nodes", "--request-timeout=1s"],
    ));
}

#[test]
fn dropped_connections_are_errors_not_hangs() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    emu.set_fault(Fault::close("/api/v1/nodes/n1/proxy/configz"));
    let run = kubectl(
        &emu,
        dir.path(),
        &["get", "--raw", "/api/v1/nodes/n1/proxy/configz"],
    );
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("EOF") || run.stderr.contains("connection reset"),
        "{run}"
    );
    assert!(
        lists_of(&emu, "/api/v1/nodes/n1/proxy/configz")
            .iter()
            .all(|r| r.status == 0)
    );
}

#[test]
fn a_stopped_server_refuses_connections() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    let kubeconfig = emu.kubeconfig(dir.path());
    emu.stop();
    let run = kubectl_with(&kubeconfig, dir.path(), &["get", "nodes"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("connection refused"), "{run}");
}

// --- writes -------------------------------------------------------------------------------

#[test]
fn patch_with_server_dry_run_changes_nothing_then_patch_stores() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    let before = emu
        .get("kubevirt.io", "virtualmachines", Some("ns1"), "web-1")
        .unwrap();
    let patch = r#"{"spec":{"template":{"spec":{"domain":{"resources":{"overcommitGuestOverhead":true}}}}}}"#;
    let run = kubectl(
        &emu,
        dir.path(),
        &[
            "patch",
            "vm",
            "web-1",
            "-n",
            "ns1",
            "--type",
            "merge",
            "-p",
            patch,
            "--dry-run=server",
            "-o",
            "json",
        ],
    );
    let dry: Value = serde_json::from_str(ok(&run)).unwrap();
    assert_eq!(
        dry["spec"]["template"]["spec"]["domain"]["resources"]["overcommitGuestOverhead"],
        true
    );
    assert_eq!(
        emu.get("kubevirt.io", "virtualmachines", Some("ns1"), "web-1")
            .unwrap(),
        before,
        "dry run stored nothing"
    );
    let req = emu
        .requests()
        .into_iter()
        .find(|r| r.method == "PATCH")
        .unwrap();
    assert_eq!(req.param("dryRun"), Some("All"));
    assert_eq!(req.param("fieldManager"), Some("kubectl-patch"));
    assert_eq!(
        req.header("content-type"),
        Some("application/merge-patch+json")
    );
    assert_eq!(req.body, patch);

    let run = kubectl(
        &emu,
        dir.path(),
        &[
            "patch", "vm", "web-1", "-n", "ns1", "--type", "merge", "-p", patch,
        ],
    );
    assert_eq!(ok(&run).trim(), "virtualmachine.kubevirt.io/web-1 patched");
    let after = emu
        .get("kubevirt.io", "virtualmachines", Some("ns1"), "web-1")
        .unwrap();
    assert_eq!(
        after["spec"]["template"]["spec"]["domain"]["resources"]["overcommitGuestOverhead"],
        true
    );
    let rv = |v: &Value| {
        v["metadata"]["resourceVersion"]
            .as_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
    };
    assert!(rv(&after) > rv(&before));
    assert_eq!(after["metadata"]["generation"], 2);
    assert_eq!(after["status"], before["status"], "status is a subresource");

    // JSON patch, and a failing `test` op.
    let run = kubectl(
        &emu,
        dir.path(),
        &[
            "patch",
            "vm",
            "web-2",
            "-n",
            "ns1",
            "--type",
            "json",
            "-p",
            r#"[{"op":"add","path":"/spec/template/spec/domain/devices/autoattachGraphicsDevice","value":false}]"#,
        ],
    );
    ok(&run);
    let web2 = emu
        .get("kubevirt.io", "virtualmachines", Some("ns1"), "web-2")
        .unwrap();
    assert_eq!(
        web2["spec"]["template"]["spec"]["domain"]["devices"]["autoattachGraphicsDevice"],
        false
    );
    let run = kubectl(
        &emu,
        dir.path(),
        &[
            "patch",
            "vm",
            "web-2",
            "-n",
            "ns1",
            "--type",
            "json",
            "-p",
            r#"[{"op":"test","path":"/spec/runStrategy","value":"Halted"}]"#,
        ],
    );
    assert!(
        run.stderr.contains("is invalid") && run.stderr.contains("test operation failed"),
        "{run}"
    );

    // Strategic merge patch is refused for custom resources, like a real server does.
    let run = kubectl(
        &emu,
        dir.path(),
        &[
            "patch",
            "vm",
            "web-2",
            "-n",
            "ns1",
            "-p",
            r#"{"spec":{"runStrategy":"Halted"}}"#,
        ],
    );
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("the body of the request was in an unknown format"),
        "{run}"
    );
}

#[test]
fn server_side_apply_and_create() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(cluster());
    let manifest = dir.path().join("vm.yaml");
    std::fs::write(
        &manifest,
        "apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: new-vm\n  namespace: ns2\nspec:\n  runStrategy: Halted\n  template:\n    spec:\n      domain:\n        devices: {}\n        memory:\n          guest: 1Gi\n",
    )
    .unwrap();
    // The emulator serves no /openapi documents, so kubectl's schema validation is off.
    let apply = [
        "apply",
        "--server-side",
        "--validate=false",
        "-f",
        manifest.to_str().unwrap(),
    ];
    let run = kubectl(
        &emu,
        dir.path(),
        &[&apply[..], &["--dry-run=server"]].concat(),
    );
    assert!(
        ok(&run).contains("virtualmachine.kubevirt.io/new-vm serverside-applied"),
        "{run}"
    );
    assert!(
        emu.get("kubevirt.io", "virtualmachines", Some("ns2"), "new-vm")
            .is_none()
    );
    let run = kubectl(&emu, dir.path(), &apply);
    ok(&run);
    let stored = emu
        .get("kubevirt.io", "virtualmachines", Some("ns2"), "new-vm")
        .unwrap();
    assert_eq!(stored["spec"]["runStrategy"], "Halted");
    let apply = emu
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.method == "PATCH")
        .unwrap();
    assert_eq!(
        apply.header("content-type"),
        Some("application/apply-patch+yaml")
    );
    assert_eq!(apply.param("fieldManager"), Some("kubectl"));
}

/// A kube-rs client for the kubeconfig, as the product builds one. The test build links both
/// of rustls' providers (tokio-rustls' default features pull in aws-lc-rs), so one is chosen
/// explicitly, as the product must too.
async fn kube_client(kubeconfig: &Path) -> kube::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let config = kube::Config::from_custom_kubeconfig(
        kube::config::Kubeconfig::read_from(kubeconfig).unwrap(),
        &kube::config::KubeConfigOptions::default(),
    )
    .await
    .unwrap();
    kube::Client::try_from(config).unwrap()
}

// --- robustness, scale, and the product's client -------------------------------------------

/// A raw HTTPS client that verifies the emulator's chain with webpki (rustls).
fn raw_exchange(emu: &Emulator, request: &[u8]) -> String {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(rustls::pki_types::CertificateDer::from(emu.ca_der()))
        .unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from("127.0.0.1").unwrap();
    let conn = rustls::ClientConnection::new(Arc::new(config), name).unwrap();
    let tcp = std::net::TcpStream::connect(emu.addr).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    tls.write_all(request).unwrap();
    let mut out = Vec::new();
    let _ = tls.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn malformed_requests_get_400_and_the_server_survives() {
    let emu = Emulator::start(cluster());
    let auth = format!("Authorization: Bearer {}\r\n", emu.token);
    let cases: Vec<(String, &str)> = vec![
        ("GARBAGE\r\n\r\n".into(), "HTTP/1.1 400"),
        ("GET /api HTTP/9.9\r\n\r\n".into(), "HTTP/1.1 505"),
        (
            format!("GET /api/v1/nodes?limit=abc HTTP/1.1\r\n{auth}Connection: close\r\n\r\n"),
            "HTTP/1.1 400",
        ),
        (
            format!(
                "GET /api/v1/nodes?labelSelector=%zz HTTP/1.1\r\n{auth}Connection: close\r\n\r\n"
            ),
            "HTTP/1.1 400",
        ),
        (
            format!(
                "GET /api/v1/nodes?labelSelector=a%20in%20( HTTP/1.1\r\n{auth}Connection: close\r\n\r\n"
            ),
            "HTTP/1.1 400",
        ),
        (
            format!(
                "GET /api/v1/nodes?continue=%21%21 HTTP/1.1\r\n{auth}Connection: close\r\n\r\n"
            ),
            "HTTP/1.1 400",
        ),
        (
            format!("GET /nowhere HTTP/1.1\r\n{auth}Connection: close\r\n\r\n"),
            "HTTP/1.1 404",
        ),
        (
            format!(
                "GET /api/v1/nodes HTTP/1.1\r\n{auth}Accept: application/yaml\r\nConnection: close\r\n\r\n"
            ),
            "HTTP/1.1 406",
        ),
        (
            format!(
                "PATCH /apis/kubevirt.io/v1/namespaces/ns1/virtualmachines/web-1 HTTP/1.1\r\n{auth}Content-Type: application/merge-patch+json\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{{nope"
            ),
            "HTTP/1.1 400",
        ),
        (
            format!(
                "PATCH /apis/kubevirt.io/v1/namespaces/ns1/virtualmachines/web-1?dryRun=Some HTTP/1.1\r\n{auth}Content-Type: application/merge-patch+json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}"
            ),
            "HTTP/1.1 422",
        ),
        (
            format!("GET /api/v1/nodes HTTP/1.1\r\n{auth}Content-Length: 99999999999\r\n\r\n"),
            "HTTP/1.1 413",
        ),
        (
            "GET /api/v1/nodes HTTP/1.1\r\nConnection: close\r\n\r\n".into(),
            "HTTP/1.1 401",
        ),
    ];
    for (request, expected) in cases {
        let response = raw_exchange(&emu, request.as_bytes());
        assert!(response.starts_with(expected), "{request:?} → {response}");
        if expected != "HTTP/1.1 505" && !response.contains("\r\n\r\n{\"") {
            panic!("not a Status body: {response}");
        }
    }
    let unauthorized = raw_exchange(&emu, b"GET /api HTTP/1.1\r\nConnection: close\r\n\r\n");
    let body: Value = serde_json::from_str(unauthorized.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401})
    );
    // Chunked request bodies and keep-alive pipelining.
    let pipelined = format!(
        "PATCH /apis/kubevirt.io/v1/namespaces/ns1/virtualmachines/db-1?dryRun=All HTTP/1.1\r\n{auth}Content-Type: application/merge-patch+json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{{\"a\":\r\n2\r\n1}}\r\n0\r\n\r\nGET /version HTTP/1.1\r\n{auth}Connection: close\r\n\r\n"
    );
    let response = raw_exchange(&emu, pipelined.as_bytes());
    assert_eq!(response.matches("HTTP/1.1 200 OK").count(), 2, "{response}");
    assert!(response.contains("\"a\":1"), "{response}");
    // Still serving.
    let dir = tempfile::tempdir().unwrap();
    ok(&kubectl(&emu, dir.path(), &["get", "nodes"]));
}

#[test]
fn twenty_thousand_vmis_page_through_kube_rs() {
    use kube::api::{Api, DynamicObject, ListParams};
    use kube::core::{ApiResource, GroupVersionKind};

    let mut state = ClusterState::new();
    for i in 0..20_000 {
        state.vmis.push(vmi(
            &format!("ns{:02}", i % 50),
            &format!("vmi-{i:05}"),
            vmi_spec("1Gi"),
        ));
    }
    let started = Instant::now();
    let emu = Emulator::start(state);
    let loaded = started.elapsed();
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emu.kubeconfig(dir.path());

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (count, pages) = runtime.block_on(async {
        let client = kube_client(&kubeconfig).await;
        let gvk = GroupVersionKind::gvk("kubevirt.io", "v1", "VirtualMachineInstance");
        let resource = ApiResource::from_gvk_with_plural(&gvk, "virtualmachineinstances");
        let api: Api<DynamicObject> = Api::all_with(client.clone(), &resource);
        let mut params = ListParams::default().limit(500);
        let (mut count, mut pages) = (0, 0);
        loop {
            let page = api.list(&params).await.unwrap();
            count += page.items.len();
            pages += 1;
            match page.metadata.continue_.filter(|c| !c.is_empty()) {
                Some(token) => params = params.continue_token(&token),
                None => break,
            }
        }
        (count, pages)
    });
    let listed = started.elapsed();
    assert_eq!(count, 20_000);
    assert_eq!(pages, 40);
    let requests = lists_of(&emu, "/apis/kubevirt.io/v1/virtualmachineinstances");
    assert_eq!(requests.len(), 40);
    assert!(
        requests[1..]
            .iter()
            .all(|r| r.param("continue").is_some() && r.param("limit") == Some("500"))
    );
    let served: Duration = requests.iter().filter_map(|r| r.handled_in).sum();
    eprintln!(
        "20,000 VMIs: loaded in {loaded:?}, listed in {:?} (server side {served:?})",
        listed - loaded
    );

    // kubectl sees them all too (pages of 500 by default).
    let run = kubectl(
        &emu,
        dir.path(),
        &["get", "vmi", "-n", "ns07", "-o", "name"],
    );
    assert_eq!(ok(&run).lines().count(), 400);
}

#[test]
fn kube_rs_reads_configz_patches_with_dry_run_and_sees_expired_continue_tokens() {
    use kube::api::{Api, DynamicObject, ListParams, Patch, PatchParams};
    use kube::core::{ApiResource, GroupVersionKind};

    let emu = Emulator::start(cluster());
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emu.kubeconfig(dir.path());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = kube_client(&kubeconfig).await;

        // kube-rs discovery, legacy (N+2 documents) and aggregated (apidiscovery.k8s.io/v2,
        // decoded with k8s-openapi's types), sees KubeVirt's kinds.
        for aggregated in [false, true] {
            let discovery = kube::Discovery::new(client.clone());
            let discovery = if aggregated { discovery.run_aggregated().await } else { discovery.run().await }.unwrap();
            let (vm_resource, caps) = discovery
                .groups()
                .flat_map(|g| g.recommended_resources())
                .find(|(r, _)| r.kind == "VirtualMachine")
                .expect("VirtualMachine discovered");
            assert_eq!((vm_resource.group.as_str(), vm_resource.plural.as_str()), ("kubevirt.io", "virtualmachines"));
            assert_eq!(caps.scope, kube::discovery::Scope::Namespaced);
            assert!(discovery.groups().any(|g| g.name() == "instancetype.kubevirt.io"));
        }
        assert!(emu.requests().iter().any(|r| r.path == "/apis/kubevirt.io/v1"), "legacy discovery used");

        let request = http::Request::get("/api/v1/nodes/n2/proxy/configz").body(Vec::new()).unwrap();
        let doc: Value = client.request(request).await.unwrap();
        assert_eq!(doc["kubeletconfig"]["evictionSoftGracePeriod"]["memory.available"], "1m30s");

        emu.set_fault(Fault::forbidden_node_proxy("n1", "system:serviceaccount:ci:density"));
        let request = http::Request::get("/api/v1/nodes/n1/proxy/configz").body(Vec::new()).unwrap();
        match client.request::<Value>(request).await {
            Err(kube::Error::Api(status)) => {
                assert_eq!(status.code, 403);
                assert_eq!(status.reason, "Forbidden");
                assert!(status.message.contains("cannot get resource \"nodes/proxy\""));
            }
            other => panic!("expected a 403 Status, got {other:?}"),
        }

        let gvk = GroupVersionKind::gvk("kubevirt.io", "v1", "VirtualMachine");
        let resource = ApiResource::from_gvk_with_plural(&gvk, "virtualmachines");
        let vms: Api<DynamicObject> = Api::namespaced_with(client.clone(), "ns1", &resource);
        let patch = json!({"spec": {"template": {"spec": {"domain": {"devices": {"autoattachGraphicsDevice": false}}}}}});
        let params = PatchParams { dry_run: true, field_manager: Some("kubectl-density".into()), ..Default::default() };
        let dry = vms.patch("db-1", &params, &Patch::Merge(&patch)).await.unwrap();
        assert_eq!(dry.data["spec"]["template"]["spec"]["domain"]["devices"]["autoattachGraphicsDevice"], false);
        let stored = vms.get("db-1").await.unwrap();
        assert!(stored.data["spec"]["template"]["spec"]["domain"]["devices"].get("autoattachGraphicsDevice").is_none());
        let params = PatchParams { field_manager: Some("kubectl-density".into()), ..Default::default() };
        let applied = vms.patch("db-1", &params, &Patch::Merge(&patch)).await.unwrap();
        assert_ne!(applied.metadata.resource_version, stored.metadata.resource_version);
        let patches: Vec<RequestRecord> = emu.requests().into_iter().filter(|r| r.method == "PATCH").collect();
        assert_eq!(patches[0].param("dryRun"), Some("All"));
        assert_eq!(patches[1].param("dryRun"), None);
        assert!(patches.iter().all(|p| p.param("fieldManager") == Some("kubectl-density")));

        // No credentials at all: 401 for the product's client.
        let anonymous = dir.path().join("anonymous");
        emu.write_kubeconfig(&anonymous, None);
        let nodes: Api<DynamicObject> = Api::all_with(
            kube_client(&anonymous).await,
            &ApiResource::from_gvk_with_plural(&GroupVersionKind::gvk("", "v1", "Node"), "nodes"),
        );
        match nodes.list(&ListParams::default()).await {
            Err(kube::Error::Api(status)) => assert_eq!((status.code, status.reason.as_str()), (401, "Unauthorized")),
            other => panic!("expected 401, got {other:?}"),
        }

        // A continue token outliving an etcd compaction: 410 Expired.
        let vmis: Api<DynamicObject> = Api::all_with(
            client.clone(),
            &ApiResource::from_gvk_with_plural(&GroupVersionKind::gvk("kubevirt.io", "v1", "VirtualMachineInstance"), "virtualmachineinstances"),
        );
        let first = vmis.list(&ListParams::default().limit(2)).await.unwrap();
        let token = first.metadata.continue_.unwrap();
        emu.expire_continue_tokens();
        match vmis.list(&ListParams::default().limit(2).continue_token(&token)).await {
            Err(kube::Error::Api(status)) => {
                assert_eq!(status.code, 410);
                assert_eq!(status.reason, "Expired");
            }
            other => panic!("expected 410 Expired, got {other:?}"),
        }
    });
}

#[test]
fn slow_nodes_are_served_concurrently() {
    use kube::api::{Api, DynamicObject, ListParams};
    use kube::core::{ApiResource, GroupVersionKind};

    let mut state = ClusterState::new();
    for i in 0..16 {
        let name = format!("node-{i:02}");
        state
            .nodes
            .push(node(&name, "64Gi", "62Gi", "v1.33.2", &[]));
        state.configz.insert(name, configz(default_kubeletconfig()));
    }
    let emu = Emulator::start(state);
    emu.set_fault(Fault::delay("/api/v1/nodes/*/proxy/configz", 500));
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emu.kubeconfig(dir.path());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = kube_client(&kubeconfig).await;
        let nodes: Api<DynamicObject> = Api::all_with(
            client.clone(),
            &ApiResource::from_gvk_with_plural(&GroupVersionKind::gvk("", "v1", "Node"), "nodes"),
        );
        let names: Vec<String> = nodes
            .list(&ListParams::default())
            .await
            .unwrap()
            .items
            .into_iter()
            .filter_map(|n| n.metadata.name)
            .collect();
        let mut set = tokio::task::JoinSet::new();
        for name in names {
            let client = client.clone();
            set.spawn(async move {
                let request = http::Request::get(format!("/api/v1/nodes/{name}/proxy/configz"))
                    .body(Vec::new())
                    .unwrap();
                client.request::<Value>(request).await.map(|_| ())
            });
        }
        while let Some(result) = set.join_next().await {
            result.unwrap().unwrap();
        }
    });
    let calls: Vec<RequestRecord> = emu
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/proxy/configz"))
        .collect();
    assert_eq!(calls.len(), 16);
    assert!(
        calls
            .iter()
            .all(|r| r.handled_in.unwrap() >= Duration::from_millis(500))
    );
    // All 16 arrived while the first was still being delayed: served concurrently, not in turn.
    let first = calls.iter().map(|r| r.at).min().unwrap();
    assert!(
        calls
            .iter()
            .all(|r| r.at < first + Duration::from_millis(500)),
        "{calls:#?}"
    );
}

#[test]
fn kubectl_1_32_works_too() {
    // The gcloud kubectl dispatcher picks the client matching the server's /version.
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(ClusterState {
        kubernetes_version: "v1.32.4".into(),
        ..cluster()
    });
    let run = kubectl(&emu, dir.path(), &["get", "vmi", "-A", "--chunk-size", "3"]);
    assert_eq!(table_rows(ok(&run)).len(), 8, "{run}");
    let run = kubectl(&emu, dir.path(), &["version"]);
    assert!(ok(&run).contains("Server Version: v1.32.4"), "{run}");
}
