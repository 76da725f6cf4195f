//! Builders for realistic objects in real Kubernetes / KubeVirt JSON shapes. Core objects are
//! built with `k8s-openapi` types and serialized; KubeVirt objects are plain JSON (KubeVirt's
//! Go types are not available in Rust). Every builder returns a `serde_json::Value` that tests
//! may adjust before handing it to [`ClusterState`](super::ClusterState).
//!
//! Timestamps are fixed ([`CREATED`]) and UIDs are derived from the object's identity, so
//! serialized objects are stable across runs.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Container, ContainerState, ContainerStateRunning, ContainerStatus, Namespace, NamespaceStatus,
    Node, NodeAddress, NodeCondition, NodeSpec, NodeStatus, NodeSystemInfo, Pod, PodCondition,
    PodIP, PodReadinessGate, PodSpec, PodStatus, ResourceQuota, ResourceQuotaSpec,
    ResourceQuotaStatus, ResourceRequirements,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};
use serde_json::{Value, json};

use super::util;

/// The creation time of every built object.
pub const CREATED: &str = "2026-01-01T00:00:00Z";

/// The UID a builder gives `kind` `namespace/name` (stable across runs).
pub fn uid(kind: &str, namespace: &str, name: &str) -> String {
    util::stable_uid(&format!("{kind}/{namespace}/{name}"))
}

fn quantities(pairs: &[(&str, &str)]) -> BTreeMap<String, Quantity> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), Quantity(v.to_string())))
        .collect()
}

fn string_map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Serializes a k8s-openapi object and sets `creationTimestamp` (k8s-openapi's `Time` would
/// need a date-time crate the tests do not otherwise use).
fn finish<T: serde::Serialize>(obj: &T) -> Value {
    let mut v = serde_json::to_value(obj).expect("k8s-openapi objects serialize");
    v["metadata"]["creationTimestamp"] = json!(CREATED);
    v
}

/// A small deterministic number from a name, for addresses and suffixes.
fn hash(text: &str) -> u32 {
    text.bytes().fold(2_166_136_261u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(16_777_619)
    })
}

/// A Ready Linux/amd64 worker node. `capacity_memory` and `allocatable_memory` are quantities
/// (`"16Gi"`, `"15652Mi"`); `kubelet_version` like `"v1.33.2"`; `labels` are added to the
/// usual `kubernetes.io/*` ones. The InternalIP is a made-up 10.x address: it is only data
/// (the emulator never connects anywhere).
pub fn node(
    name: &str,
    capacity_memory: &str,
    allocatable_memory: &str,
    kubelet_version: &str,
    labels: &[(&str, &str)],
) -> Value {
    let mut all_labels = string_map(&[
        ("beta.kubernetes.io/arch", "amd64"),
        ("beta.kubernetes.io/os", "linux"),
        ("kubernetes.io/arch", "amd64"),
        ("kubernetes.io/hostname", name),
        ("kubernetes.io/os", "linux"),
    ]);
    all_labels.extend(string_map(labels));
    let h = hash(name);
    let ip = format!(
        "10.{}.{}.{}",
        10 + (h >> 16) % 200,
        (h >> 8) % 250,
        1 + h % 250
    );
    let node = Node {
        metadata: ObjectMeta {
            name: Some(name.into()),
            uid: Some(uid("Node", "", name)),
            labels: Some(all_labels),
            annotations: Some(string_map(&[("node.alpha.kubernetes.io/ttl", "0")])),
            ..Default::default()
        },
        spec: Some(NodeSpec {
            pod_cidr: Some(format!("10.244.{}.0/24", h % 250)),
            ..Default::default()
        }),
        status: Some(NodeStatus {
            capacity: Some(quantities(&[
                ("cpu", "16"),
                ("ephemeral-storage", "104845292Ki"),
                ("hugepages-1Gi", "0"),
                ("hugepages-2Mi", "0"),
                ("memory", capacity_memory),
                ("pods", "110"),
            ])),
            allocatable: Some(quantities(&[
                ("cpu", "16"),
                ("ephemeral-storage", "96625420948"),
                ("hugepages-1Gi", "0"),
                ("hugepages-2Mi", "0"),
                ("memory", allocatable_memory),
                ("pods", "110"),
            ])),
            addresses: Some(vec![
                NodeAddress {
                    type_: "InternalIP".into(),
                    address: ip,
                },
                NodeAddress {
                    type_: "Hostname".into(),
                    address: name.into(),
                },
            ]),
            conditions: Some(
                [
                    (
                        "MemoryPressure",
                        "False",
                        "KubeletHasSufficientMemory",
                        "kubelet has sufficient memory available",
                    ),
                    (
                        "DiskPressure",
                        "False",
                        "KubeletHasNoDiskPressure",
                        "kubelet has no disk pressure",
                    ),
                    (
                        "PIDPressure",
                        "False",
                        "KubeletHasSufficientPID",
                        "kubelet has sufficient PID available",
                    ),
                    (
                        "Ready",
                        "True",
                        "KubeletReady",
                        "kubelet is posting ready status",
                    ),
                ]
                .iter()
                .map(|(t, s, r, m)| NodeCondition {
                    type_: t.to_string(),
                    status: s.to_string(),
                    reason: Some(r.to_string()),
                    message: Some(m.to_string()),
                    ..Default::default()
                })
                .collect(),
            ),
            node_info: Some(NodeSystemInfo {
                architecture: "amd64".into(),
                boot_id: util::stable_uid(&format!("boot/{name}")),
                container_runtime_version: "containerd://2.0.5".into(),
                kernel_version: "6.8.0-60-generic".into(),
                kube_proxy_version: kubelet_version.into(),
                kubelet_version: kubelet_version.into(),
                machine_id: util::hex(&hash(name).to_be_bytes()).repeat(4),
                operating_system: "linux".into(),
                os_image: "Ubuntu 24.04.2 LTS".into(),
                system_uuid: util::stable_uid(&format!("system/{name}")),
                ..Default::default()
            }),
            ..Default::default()
        }),
    };
    finish(&node)
}

/// An Active namespace.
pub fn namespace(name: &str) -> Value {
    let ns = Namespace {
        metadata: ObjectMeta {
            name: Some(name.into()),
            uid: Some(uid("Namespace", "", name)),
            labels: Some(string_map(&[("kubernetes.io/metadata.name", name)])),
            ..Default::default()
        },
        spec: None,
        status: Some(NamespaceStatus {
            phase: Some("Active".into()),
            ..Default::default()
        }),
    };
    finish(&ns)
}

/// A ResourceQuota with `hard` limits and `used` amounts (`("requests.memory", "64Gi")`).
pub fn resource_quota(
    namespace: &str,
    name: &str,
    hard: &[(&str, &str)],
    used: &[(&str, &str)],
) -> Value {
    let rq = ResourceQuota {
        metadata: ObjectMeta {
            name: Some(name.into()),
            namespace: Some(namespace.into()),
            uid: Some(uid("ResourceQuota", namespace, name)),
            ..Default::default()
        },
        spec: Some(ResourceQuotaSpec {
            hard: Some(quantities(hard)),
            ..Default::default()
        }),
        status: Some(ResourceQuotaStatus {
            hard: Some(quantities(hard)),
            used: Some(quantities(used)),
        }),
    };
    finish(&rq)
}

/// A running VirtualMachineInstance with `spec` as given (the VMI spec: `domain`, `volumes`, …).
/// Not yet on a node: see [`on_node`].
pub fn vmi(namespace: &str, name: &str, spec: Value) -> Value {
    json!({
        "apiVersion": "kubevirt.io/v1",
        "kind": "VirtualMachineInstance",
        "metadata": {
            "name": name,
            "namespace": namespace,
            "uid": uid("VirtualMachineInstance", namespace, name),
            "creationTimestamp": CREATED,
            "generation": 1,
            "annotations": {"kubevirt.io/latest-observed-api-version": "v1", "kubevirt.io/storage-observed-api-version": "v1"},
            "finalizers": ["kubevirt.io/virtualMachineControllerFinalize", "foregroundDeleteVirtualMachine"],
            "labels": {},
        },
        "spec": spec,
        "status": {
            "phase": "Running",
            "conditions": [
                {"type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": CREATED},
                {"type": "LiveMigratable", "status": "True", "lastProbeTime": null, "lastTransitionTime": null},
            ],
            "guestOSInfo": {},
            "interfaces": [{
                "name": "default",
                "interfaceName": "eth0",
                "infoSource": "domain, guest-agent",
                "ipAddress": vmi_ip(namespace, name),
                "ipAddresses": [vmi_ip(namespace, name)],
                "mac": "02:00:00:00:00:01",
                "queueCount": 1,
            }],
            "qosClass": "Burstable",
        },
    })
}

/// The pod-network address a VMI (and its launcher pod) gets: made-up data, never contacted.
fn vmi_ip(namespace: &str, name: &str) -> String {
    format!("10.244.{}.{}", hash(name) % 250, 2 + hash(namespace) % 250)
}

/// Places a VMI (or launcher pod) on `node`: `status.nodeName` and the `kubevirt.io/nodeName`
/// label for a VMI, `spec.nodeName` for a pod.
pub fn on_node(mut obj: Value, node: &str) -> Value {
    if obj["kind"] == "Pod" {
        obj["spec"]["nodeName"] = json!(node);
    } else {
        obj["status"]["nodeName"] = json!(node);
        obj["metadata"]["labels"]["kubevirt.io/nodeName"] = json!(node);
    }
    obj
}

/// Adds labels to `metadata.labels`.
pub fn with_labels(mut obj: Value, labels: &[(&str, &str)]) -> Value {
    for (k, v) in labels {
        obj["metadata"]["labels"][*k] = json!(v);
    }
    obj
}

/// Adds annotations to `metadata.annotations`.
pub fn with_annotations(mut obj: Value, annotations: &[(&str, &str)]) -> Value {
    for (k, v) in annotations {
        obj["metadata"]["annotations"][*k] = json!(v);
    }
    obj
}

/// A VirtualMachine with `runStrategy: Always` whose template carries `vmi_spec`.
pub fn vm(namespace: &str, name: &str, vmi_spec: Value) -> Value {
    json!({
        "apiVersion": "kubevirt.io/v1",
        "kind": "VirtualMachine",
        "metadata": {
            "name": name,
            "namespace": namespace,
            "uid": uid("VirtualMachine", namespace, name),
            "creationTimestamp": CREATED,
            "generation": 1,
            "annotations": {"kubevirt.io/latest-observed-api-version": "v1", "kubevirt.io/storage-observed-api-version": "v1"},
            "finalizers": ["kubevirt.io/virtualMachineControllerFinalize"],
            "labels": {},
        },
        "spec": {
            "runStrategy": "Always",
            "template": {
                "metadata": {"creationTimestamp": null, "labels": {"kubevirt.io/vm": name}},
                "spec": vmi_spec,
            },
        },
        "status": {
            "created": true,
            "ready": true,
            "printableStatus": "Running",
            "runStrategy": "Always",
            "conditions": [{"type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": CREATED}],
            "desiredGeneration": 1,
            "observedGeneration": 1,
            "volumeSnapshotStatuses": [],
        },
    })
}

/// The VMI that KubeVirt's VM controller would create for `vm`: same name and namespace, the
/// template's labels and spec, and a controller ownerReference to the VM.
pub fn vmi_for_vm(vm: &Value) -> Value {
    let ns = vm["metadata"]["namespace"].as_str().unwrap_or("default");
    let name = vm["metadata"]["name"].as_str().unwrap_or_default();
    let mut out = vmi(ns, name, vm["spec"]["template"]["spec"].clone());
    if let Some(labels) = vm.pointer("/spec/template/metadata/labels") {
        out["metadata"]["labels"] = labels.clone();
    }
    out["metadata"]["ownerReferences"] = json!([{
        "apiVersion": "kubevirt.io/v1",
        "kind": "VirtualMachine",
        "name": name,
        "uid": vm["metadata"]["uid"],
        "controller": true,
        "blockOwnerDeletion": true,
    }]);
    out
}

/// A container with resource requests and limits, e.g.
/// `container("compute", &[("cpu", "100m"), ("memory", "2294Mi")], &[])`.
pub fn container(name: &str, requests: &[(&str, &str)], limits: &[(&str, &str)]) -> Container {
    Container {
        name: name.into(),
        image: Some("quay.io/kubevirt/virt-launcher:v1.6.0".into()),
        resources: Some(ResourceRequirements {
            requests: (!requests.is_empty()).then(|| quantities(requests)),
            limits: (!limits.is_empty()).then(|| quantities(limits)),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The virt-launcher pod of `vmi`, as KubeVirt's `TemplateService.renderLaunchManifest` labels
/// and owns it: name `virt-launcher-<vmi>-<5 chars>`, the VMI's labels plus
/// `kubevirt.io: virt-launcher`, `kubevirt.io/created-by: <vmi uid>`,
/// `vm.kubevirt.io/name: <vmi name>`; annotations `kubevirt.io/domain` and
/// `kubectl.kubernetes.io/default-container: compute`; a controller ownerReference to the VMI.
/// `containers` carry the resources to report (the real pod's, not a prediction); `qos_class`
/// is the pod's `status.qosClass` (`Guaranteed`, `Burstable`, `BestEffort`). The pod is
/// Running on the VMI's `status.nodeName` when set.
pub fn launcher_pod(vmi: &Value, containers: Vec<Container>, qos_class: &str) -> Value {
    let ns = vmi["metadata"]["namespace"].as_str().unwrap_or("default");
    let vmi_name = vmi["metadata"]["name"].as_str().unwrap_or_default();
    let vmi_uid = vmi["metadata"]["uid"].as_str().unwrap_or_default();
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut h = hash(&format!("{ns}/{vmi_name}"));
    let suffix: String = (0..5)
        .map(|_| {
            let c = ALPHABET[(h % ALPHABET.len() as u32) as usize] as char;
            h /= ALPHABET.len() as u32;
            h = h.wrapping_mul(2_654_435_761).wrapping_add(7);
            c
        })
        .collect();
    let name = format!("virt-launcher-{vmi_name}-{suffix}");
    let mut labels: BTreeMap<String, String> = vmi
        .pointer("/metadata/labels")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    labels.insert("kubevirt.io".into(), "virt-launcher".into());
    labels.insert("kubevirt.io/created-by".into(), vmi_uid.into());
    labels.insert("vm.kubevirt.io/name".into(), vmi_name.into());
    let node = vmi
        .pointer("/status/nodeName")
        .and_then(Value::as_str)
        .map(str::to_string);
    let ip = vmi_ip(ns, vmi_name);
    let statuses: Vec<ContainerStatus> = containers
        .iter()
        .map(|c| ContainerStatus {
            name: c.name.clone(),
            image: c.image.clone().unwrap_or_default(),
            image_id: String::new(),
            ready: true,
            restart_count: 0,
            started: Some(true),
            state: Some(ContainerState {
                running: Some(ContainerStateRunning::default()),
                ..Default::default()
            }),
            ..Default::default()
        })
        .collect();
    let pod = Pod {
        metadata: ObjectMeta {
            name: Some(name.clone()),
            generate_name: Some(format!("virt-launcher-{vmi_name}-")),
            namespace: Some(ns.into()),
            uid: Some(uid("Pod", ns, &name)),
            labels: Some(labels),
            annotations: Some(string_map(&[
                ("descheduler.alpha.kubernetes.io/request-evict-only", ""),
                ("kubectl.kubernetes.io/default-container", "compute"),
                ("kubevirt.io/domain", vmi_name),
                ("kubevirt.io/migrationTransportUnix", "true"),
            ])),
            owner_references: Some(vec![OwnerReference {
                api_version: "kubevirt.io/v1".into(),
                kind: "VirtualMachineInstance".into(),
                name: vmi_name.into(),
                uid: vmi_uid.into(),
                controller: Some(true),
                block_owner_deletion: Some(true),
            }]),
            ..Default::default()
        },
        spec: Some(PodSpec {
            containers,
            hostname: Some(vmi_name.into()),
            node_name: node,
            restart_policy: Some("Never".into()),
            termination_grace_period_seconds: Some(210),
            readiness_gates: Some(vec![PodReadinessGate {
                condition_type: "kubevirt.io/virtual-machine-unpaused".into(),
            }]),
            enable_service_links: Some(false),
            scheduler_name: Some("default-scheduler".into()),
            service_account_name: Some("default".into()),
            ..Default::default()
        }),
        status: Some(PodStatus {
            phase: Some("Running".into()),
            qos_class: Some(qos_class.into()),
            pod_ip: Some(ip.clone()),
            pod_ips: Some(vec![PodIP { ip: ip.clone() }]),
            container_statuses: Some(statuses),
            conditions: Some(
                [
                    "kubevirt.io/virtual-machine-unpaused",
                    "Initialized",
                    "Ready",
                    "ContainersReady",
                    "PodScheduled",
                ]
                .iter()
                .map(|t| PodCondition {
                    type_: t.to_string(),
                    status: "True".into(),
                    ..Default::default()
                })
                .collect(),
            ),
            ..Default::default()
        }),
    };
    finish(&pod)
}

/// The KubeVirt CR (`kubevirt/kubevirt`), deployed at `version` (e.g. `"v1.6.0"`) with
/// `spec.configuration` as given.
pub fn kubevirt_cr(version: &str, configuration: Value) -> Value {
    json!({
        "apiVersion": "kubevirt.io/v1",
        "kind": "KubeVirt",
        "metadata": {
            "name": "kubevirt",
            "namespace": "kubevirt",
            "uid": uid("KubeVirt", "kubevirt", "kubevirt"),
            "creationTimestamp": CREATED,
            "generation": 1,
            "annotations": {"kubevirt.io/latest-observed-api-version": "v1", "kubevirt.io/storage-observed-api-version": "v1"},
            "finalizers": ["foregroundDeleteKubeVirt"],
        },
        "spec": {
            "certificateRotateStrategy": {},
            "configuration": configuration,
            "customizeComponents": {},
            "imagePullPolicy": "IfNotPresent",
            "workloadUpdateStrategy": {},
        },
        "status": {
            "phase": "Deployed",
            "observedKubeVirtVersion": version,
            "targetKubeVirtVersion": version,
            "operatorVersion": version,
            "observedKubeVirtRegistry": "quay.io/kubevirt",
            "targetKubeVirtRegistry": "quay.io/kubevirt",
            "defaultArchitecture": "amd64",
            "conditions": [
                {"type": "Available", "status": "True", "reason": "AllComponentsReady", "message": "All components are ready."},
                {"type": "Progressing", "status": "False", "reason": "AllComponentsReady", "message": "All components are ready."},
                {"type": "Degraded", "status": "False", "reason": "AllComponentsReady", "message": "All components are ready."},
            ],
        },
    })
}

fn instancetype_like(kind: &str, namespace: Option<&str>, name: &str, spec: Value) -> Value {
    let mut meta = json!({
        "name": name,
        "uid": uid(kind, namespace.unwrap_or(""), name),
        "creationTimestamp": CREATED,
        "generation": 1,
    });
    if let Some(ns) = namespace {
        meta["namespace"] = json!(ns);
    }
    json!({"apiVersion": "instancetype.kubevirt.io/v1beta1", "kind": kind, "metadata": meta, "spec": spec})
}

/// A namespaced `VirtualMachineInstancetype` (`spec.cpu`, `spec.memory`, …).
pub fn instancetype(namespace: &str, name: &str, spec: Value) -> Value {
    instancetype_like("VirtualMachineInstancetype", Some(namespace), name, spec)
}

/// A `VirtualMachineClusterInstancetype`.
pub fn cluster_instancetype(name: &str, spec: Value) -> Value {
    instancetype_like("VirtualMachineClusterInstancetype", None, name, spec)
}

/// A namespaced `VirtualMachinePreference`.
pub fn preference(namespace: &str, name: &str, spec: Value) -> Value {
    instancetype_like("VirtualMachinePreference", Some(namespace), name, spec)
}

/// A `VirtualMachineClusterPreference`.
pub fn cluster_preference(name: &str, spec: Value) -> Value {
    instancetype_like("VirtualMachineClusterPreference", None, name, spec)
}

/// The body of `/api/v1/nodes/{node}/proxy/configz`: `{"kubeletconfig": …}`.
pub fn configz(kubeletconfig: Value) -> Value {
    json!({"kubeletconfig": kubeletconfig})
}

/// A kubelet's effective configuration as configz reports it on Kubernetes 1.33 with default
/// settings (v1beta1 camelCase, defaults applied, no `kind`/`apiVersion`). Merge changes into it
/// with [`merged`].
pub fn default_kubeletconfig() -> Value {
    serde_json::from_str(
        r#"
    {
        "enableServer": true,
        "staticPodPath": "/etc/kubernetes/manifests",
        "podLogsDir": "/var/log/pods",
        "syncFrequency": "1m0s",
        "fileCheckFrequency": "20s",
        "httpCheckFrequency": "20s",
        "address": "0.0.0.0",
        "port": 10250,
        "tlsCertFile": "/var/lib/kubelet/pki/kubelet.crt",
        "tlsPrivateKeyFile": "/var/lib/kubelet/pki/kubelet.key",
        "rotateCertificates": true,
        "authentication": {
            "x509": {
                "clientCAFile": "/etc/kubernetes/pki/ca.crt"
            },
            "webhook": {
                "enabled": true,
                "cacheTTL": "2m0s"
            },
            "anonymous": {
                "enabled": false
            }
        },
        "authorization": {
            "mode": "Webhook",
            "webhook": {
                "cacheAuthorizedTTL": "5m0s",
                "cacheUnauthorizedTTL": "30s"
            }
        },
        "registryPullQPS": 5,
        "registryBurst": 10,
        "eventRecordQPS": 50,
        "eventBurst": 100,
        "enableDebuggingHandlers": true,
        "healthzPort": 10248,
        "healthzBindAddress": "127.0.0.1",
        "oomScoreAdj": -999,
        "clusterDomain": "cluster.local",
        "clusterDNS": [
            "10.96.0.10"
        ],
        "streamingConnectionIdleTimeout": "4h0m0s",
        "nodeStatusUpdateFrequency": "10s",
        "nodeStatusReportFrequency": "5m0s",
        "nodeLeaseDurationSeconds": 40,
        "imageMinimumGCAge": "2m0s",
        "imageMaximumGCAge": "0s",
        "imageGCHighThresholdPercent": 85,
        "imageGCLowThresholdPercent": 80,
        "volumeStatsAggPeriod": "1m0s",
        "cgroupsPerQOS": true,
        "cgroupDriver": "systemd",
        "cpuManagerPolicy": "none",
        "cpuManagerReconcilePeriod": "10s",
        "memoryManagerPolicy": "None",
        "topologyManagerPolicy": "none",
        "topologyManagerScope": "container",
        "runtimeRequestTimeout": "2m0s",
        "hairpinMode": "promiscuous-bridge",
        "maxPods": 110,
        "podPidsLimit": -1,
        "resolvConf": "/run/systemd/resolve/resolv.conf",
        "cpuCFSQuota": true,
        "cpuCFSQuotaPeriod": "100ms",
        "nodeStatusMaxImages": 50,
        "maxOpenFiles": 1000000,
        "contentType": "application/vnd.kubernetes.protobuf",
        "kubeAPIQPS": 50,
        "kubeAPIBurst": 100,
        "serializeImagePulls": true,
        "evictionHard": {
            "imagefs.available": "15%",
            "imagefs.inodesFree": "5%",
            "memory.available": "100Mi",
            "nodefs.available": "10%",
            "nodefs.inodesFree": "5%"
        },
        "evictionPressureTransitionPeriod": "5m0s",
        "mergeDefaultEvictionSettings": false,
        "enableControllerAttachDetach": true,
        "makeIPTablesUtilChains": true,
        "iptablesMasqueradeBit": 14,
        "iptablesDropBit": 15,
        "failSwapOn": true,
        "memorySwap": {
            "swapBehavior": "NoSwap"
        },
        "containerLogMaxSize": "10Mi",
        "containerLogMaxFiles": 5,
        "containerLogMaxWorkers": 1,
        "containerLogMonitorInterval": "10s",
        "configMapAndSecretChangeDetectionStrategy": "Watch",
        "enforceNodeAllocatable": [
            "pods"
        ],
        "volumePluginDir": "/usr/libexec/kubernetes/kubelet-plugins/volume/exec/",
        "logging": {
            "format": "text",
            "flushFrequency": "5s",
            "verbosity": 0,
            "options": {
                "text": {
                    "infoBufferSize": "0"
                },
                "json": {
                    "infoBufferSize": "0"
                }
            }
        },
        "enableSystemLogHandler": true,
        "enableSystemLogQuery": false,
        "shutdownGracePeriod": "0s",
        "shutdownGracePeriodCriticalPods": "0s",
        "enableProfilingHandler": true,
        "enableDebugFlagsHandler": true,
        "seccompDefault": false,
        "memoryThrottlingFactor": 0.9,
        "registerNode": true,
        "localStorageCapacityIsolation": true,
        "containerRuntimeEndpoint": "unix:///run/containerd/containerd.sock",
        "failCgroupV1": false
    }
"#,
    )
    .expect("valid JSON")
}

/// `base` with `changes` merged in (RFC 7386: objects merge, `null` deletes).
pub fn merged(mut base: Value, changes: Value) -> Value {
    super::patch::merge_patch(&mut base, &changes);
    base
}
