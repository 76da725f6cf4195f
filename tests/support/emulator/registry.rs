//! The resources the emulator serves, with the discovery facts a real cluster (Kubernetes 1.33
//! with KubeVirt installed) reports for them: plural, singular, kind, scope, verbs, short names,
//! categories, subresources, printer columns and supported field selectors.
//!
//! KubeVirt's names, short names and printer columns are those of its CRDs
//! (`pkg/virt-operator/resource/generate/components/crds.go`); the core ones follow
//! `pkg/printers/internalversion/printers.go` and the `/api/v1` discovery document.

use serde_json::{Value, json};

/// How a Table cell is computed.
#[derive(Debug, Clone, Copy)]
pub enum Cell {
    /// `metadata.name`.
    Name,
    /// Age from `metadata.creationTimestamp`.
    Age,
    /// A CRD printer column: a JSONPath of the restricted forms `.a.b`, `.a[0].b`,
    /// `.a[?(@.k=='v')].b`; `date` columns print as an age.
    Path(&'static str, &'static str),
    NodeStatus,
    NodeRoles,
    NodeVersion,
    NodeAddress(&'static str),
    NodeInfo(&'static str),
    PodReady,
    PodStatus,
    PodRestarts,
    PodIp,
    PodNode,
    NamespaceStatus,
    QuotaRequest,
    QuotaLimit,
}

/// A Table column.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub kind: &'static str,
    pub format: &'static str,
    pub priority: u8,
    pub cell: Cell,
}

const fn col(name: &'static str, kind: &'static str, cell: Cell) -> Column {
    Column {
        name,
        kind,
        format: "",
        priority: 0,
        cell,
    }
}

const fn wide(name: &'static str, kind: &'static str, cell: Cell) -> Column {
    Column {
        name,
        kind,
        format: "",
        priority: 1,
        cell,
    }
}

const NAME: Column = Column {
    name: "Name",
    kind: "string",
    format: "name",
    priority: 0,
    cell: Cell::Name,
};
const AGE: Column = col("Age", "date", Cell::Age);

/// One served resource.
#[derive(Debug)]
pub struct Resource {
    pub group: &'static str,
    pub version: &'static str,
    pub plural: &'static str,
    pub singular: &'static str,
    pub kind: &'static str,
    pub namespaced: bool,
    pub short_names: &'static [&'static str],
    pub categories: &'static [&'static str],
    pub verbs: &'static [&'static str],
    /// `(name, kind, verbs)`.
    pub subresources: &'static [(&'static str, &'static str, &'static [&'static str])],
    pub columns: &'static [Column],
    /// Field selectors beyond `metadata.name` / `metadata.namespace`.
    pub fields: &'static [&'static str],
    /// A custom resource (strategic merge patch refused, CRD-style Table and errors).
    pub crd: bool,
}

impl Resource {
    /// `group/version`, or `v1` for the core group.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_string()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// `plural` or `plural.group`, as error messages name a resource.
    pub fn qualified(&self) -> String {
        if self.group.is_empty() {
            self.plural.to_string()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }

    /// The field labels usable in a field selector.
    pub fn field_labels(&self) -> Vec<&'static str> {
        let mut out = vec!["metadata.name"];
        if self.namespaced {
            out.push("metadata.namespace");
        }
        out.extend(self.fields);
        out
    }
}

const CORE_VERBS: &[&str] = &[
    "create",
    "delete",
    "deletecollection",
    "get",
    "list",
    "patch",
    "update",
    "watch",
];
const NS_VERBS: &[&str] = &[
    "create", "delete", "get", "list", "patch", "update", "watch",
];
const CRD_VERBS: &[&str] = &[
    "delete",
    "deletecollection",
    "get",
    "list",
    "patch",
    "create",
    "update",
    "watch",
];
const STATUS_VERBS: &[&str] = &["get", "patch", "update"];
const PROXY_VERBS: &[&str] = &["create", "delete", "get", "patch", "update"];

/// Every resource, in discovery order.
pub static RESOURCES: &[Resource] = &[
    Resource {
        group: "",
        version: "v1",
        plural: "namespaces",
        singular: "namespace",
        kind: "Namespace",
        namespaced: false,
        short_names: &["ns"],
        categories: &[],
        verbs: NS_VERBS,
        subresources: &[
            ("finalize", "Namespace", &["update"]),
            ("status", "Namespace", STATUS_VERBS),
        ],
        columns: &[NAME, col("Status", "string", Cell::NamespaceStatus), AGE],
        fields: &["status.phase"],
        crd: false,
    },
    Resource {
        group: "",
        version: "v1",
        plural: "nodes",
        singular: "node",
        kind: "Node",
        namespaced: false,
        short_names: &["no"],
        categories: &[],
        verbs: CORE_VERBS,
        subresources: &[
            ("proxy", "NodeProxyOptions", PROXY_VERBS),
            ("status", "Node", STATUS_VERBS),
        ],
        columns: &[
            NAME,
            col("Status", "string", Cell::NodeStatus),
            col("Roles", "string", Cell::NodeRoles),
            AGE,
            col("Version", "string", Cell::NodeVersion),
            wide("Internal-IP", "string", Cell::NodeAddress("InternalIP")),
            wide("External-IP", "string", Cell::NodeAddress("ExternalIP")),
            wide("OS-Image", "string", Cell::NodeInfo("osImage")),
            wide("Kernel-Version", "string", Cell::NodeInfo("kernelVersion")),
            wide(
                "Container-Runtime",
                "string",
                Cell::NodeInfo("containerRuntimeVersion"),
            ),
        ],
        fields: &["spec.unschedulable"],
        crd: false,
    },
    Resource {
        group: "",
        version: "v1",
        plural: "pods",
        singular: "pod",
        kind: "Pod",
        namespaced: true,
        short_names: &["po"],
        categories: &["all"],
        verbs: CORE_VERBS,
        subresources: &[("status", "Pod", STATUS_VERBS)],
        columns: &[
            NAME,
            col("Ready", "string", Cell::PodReady),
            col("Status", "string", Cell::PodStatus),
            col("Restarts", "string", Cell::PodRestarts),
            AGE,
            wide("IP", "string", Cell::PodIp),
            wide("Node", "string", Cell::PodNode),
        ],
        fields: &[
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "spec.hostNetwork",
            "status.phase",
            "status.podIP",
            "status.nominatedNodeName",
        ],
        crd: false,
    },
    Resource {
        group: "",
        version: "v1",
        plural: "resourcequotas",
        singular: "resourcequota",
        kind: "ResourceQuota",
        namespaced: true,
        short_names: &["quota"],
        categories: &[],
        verbs: CORE_VERBS,
        subresources: &[("status", "ResourceQuota", STATUS_VERBS)],
        columns: &[
            NAME,
            AGE,
            col("Request", "string", Cell::QuotaRequest),
            col("Limit", "string", Cell::QuotaLimit),
        ],
        fields: &[],
        crd: false,
    },
    Resource {
        group: "kubevirt.io",
        version: "v1",
        plural: "kubevirts",
        singular: "kubevirt",
        kind: "KubeVirt",
        namespaced: true,
        short_names: &["kv", "kvs"],
        categories: &["all"],
        verbs: CRD_VERBS,
        subresources: &[("status", "KubeVirt", STATUS_VERBS)],
        columns: &[
            NAME,
            AGE,
            col("Phase", "string", Cell::Path(".status.phase", "string")),
        ],
        fields: &[],
        crd: true,
    },
    Resource {
        group: "kubevirt.io",
        version: "v1",
        plural: "virtualmachineinstances",
        singular: "virtualmachineinstance",
        kind: "VirtualMachineInstance",
        namespaced: true,
        short_names: &["vmi", "vmis"],
        categories: &["all"],
        verbs: CRD_VERBS,
        subresources: &[],
        columns: &[
            NAME,
            AGE,
            col("Phase", "string", Cell::Path(".status.phase", "string")),
            col(
                "IP",
                "string",
                Cell::Path(".status.interfaces[0].ipAddress", "string"),
            ),
            col(
                "NodeName",
                "string",
                Cell::Path(".status.nodeName", "string"),
            ),
            col(
                "Ready",
                "string",
                Cell::Path(".status.conditions[?(@.type=='Ready')].status", "string"),
            ),
            wide(
                "Live-Migratable",
                "string",
                Cell::Path(
                    ".status.conditions[?(@.type=='LiveMigratable')].status",
                    "string",
                ),
            ),
            wide(
                "Paused",
                "string",
                Cell::Path(".status.conditions[?(@.type=='Paused')].status", "string"),
            ),
        ],
        fields: &[],
        crd: true,
    },
    Resource {
        group: "kubevirt.io",
        version: "v1",
        plural: "virtualmachineinstancemigrations",
        singular: "virtualmachineinstancemigration",
        kind: "VirtualMachineInstanceMigration",
        namespaced: true,
        short_names: &["vmim", "vmims"],
        categories: &["all"],
        verbs: CRD_VERBS,
        subresources: &[("status", "VirtualMachineInstanceMigration", STATUS_VERBS)],
        columns: &[
            NAME,
            col("Phase", "string", Cell::Path(".status.phase", "string")),
            col("VMI", "string", Cell::Path(".spec.vmiName", "string")),
        ],
        fields: &[],
        crd: true,
    },
    Resource {
        group: "kubevirt.io",
        version: "v1",
        plural: "virtualmachineinstancepresets",
        singular: "virtualmachineinstancepreset",
        kind: "VirtualMachineInstancePreset",
        namespaced: true,
        short_names: &["vmipreset", "vmipresets"],
        categories: &["all"],
        verbs: CRD_VERBS,
        subresources: &[],
        columns: &[NAME, AGE],
        fields: &[],
        crd: true,
    },
    Resource {
        group: "kubevirt.io",
        version: "v1",
        plural: "virtualmachineinstancereplicasets",
        singular: "virtualmachineinstancereplicaset",
        kind: "VirtualMachineInstanceReplicaSet",
        namespaced: true,
        short_names: &["vmirs", "vmirss"],
        categories: &["all"],
        verbs: CRD_VERBS,
        subresources: &[
            ("scale", "Scale", STATUS_VERBS),
            ("status", "VirtualMachineInstanceReplicaSet", STATUS_VERBS),
        ],
        columns: &[
            NAME,
            col(
                "Desired",
                "integer",
                Cell::Path(".spec.replicas", "integer"),
            ),
            col(
                "Current",
                "integer",
                Cell::Path(".status.replicas", "integer"),
            ),
            col(
                "Ready",
                "integer",
                Cell::Path(".status.readyReplicas", "integer"),
            ),
            AGE,
        ],
        fields: &[],
        crd: true,
    },
    Resource {
        group: "kubevirt.io",
        version: "v1",
        plural: "virtualmachines",
        singular: "virtualmachine",
        kind: "VirtualMachine",
        namespaced: true,
        short_names: &["vm", "vms"],
        categories: &["all"],
        verbs: CRD_VERBS,
        subresources: &[("status", "VirtualMachine", STATUS_VERBS)],
        columns: &[
            NAME,
            AGE,
            col(
                "Status",
                "string",
                Cell::Path(".status.printableStatus", "string"),
            ),
            col(
                "Ready",
                "string",
                Cell::Path(".status.conditions[?(@.type=='Ready')].status", "string"),
            ),
        ],
        fields: &[],
        crd: true,
    },
    Resource {
        group: "instancetype.kubevirt.io",
        version: "v1beta1",
        plural: "virtualmachineclusterinstancetypes",
        singular: "virtualmachineclusterinstancetype",
        kind: "VirtualMachineClusterInstancetype",
        namespaced: false,
        short_names: &[
            "vmclusterinstancetype",
            "vmclusterinstancetypes",
            "vmcf",
            "vmcfs",
        ],
        categories: &[],
        verbs: CRD_VERBS,
        subresources: &[],
        columns: &[NAME, AGE],
        fields: &[],
        crd: true,
    },
    Resource {
        group: "instancetype.kubevirt.io",
        version: "v1beta1",
        plural: "virtualmachineclusterpreferences",
        singular: "virtualmachineclusterpreference",
        kind: "VirtualMachineClusterPreference",
        namespaced: false,
        short_names: &["vmcp", "vmcps"],
        categories: &[],
        verbs: CRD_VERBS,
        subresources: &[],
        columns: &[NAME, AGE],
        fields: &[],
        crd: true,
    },
    Resource {
        group: "instancetype.kubevirt.io",
        version: "v1beta1",
        plural: "virtualmachineinstancetypes",
        singular: "virtualmachineinstancetype",
        kind: "VirtualMachineInstancetype",
        namespaced: true,
        short_names: &["vminstancetype", "vminstancetypes", "vmf", "vmfs"],
        categories: &["all"],
        verbs: CRD_VERBS,
        subresources: &[],
        columns: &[NAME, AGE],
        fields: &[],
        crd: true,
    },
    Resource {
        group: "instancetype.kubevirt.io",
        version: "v1beta1",
        plural: "virtualmachinepreferences",
        singular: "virtualmachinepreference",
        kind: "VirtualMachinePreference",
        namespaced: true,
        short_names: &["vmpref", "vmprefs", "vmp", "vmps"],
        categories: &["all"],
        verbs: CRD_VERBS,
        subresources: &[],
        columns: &[NAME, AGE],
        fields: &[],
        crd: true,
    },
    Resource {
        group: "pool.kubevirt.io",
        version: "v1beta1",
        plural: "virtualmachinepools",
        singular: "virtualmachinepool",
        kind: "VirtualMachinePool",
        namespaced: true,
        short_names: &["vmpool", "vmpools"],
        categories: &["all"],
        verbs: CRD_VERBS,
        subresources: &[
            ("scale", "Scale", STATUS_VERBS),
            ("status", "VirtualMachinePool", STATUS_VERBS),
        ],
        columns: &[
            NAME,
            col(
                "Desired",
                "integer",
                Cell::Path(".spec.replicas", "integer"),
            ),
            col(
                "Current",
                "integer",
                Cell::Path(".status.replicas", "integer"),
            ),
            col(
                "Ready",
                "integer",
                Cell::Path(".status.readyReplicas", "integer"),
            ),
            AGE,
        ],
        fields: &[],
        crd: true,
    },
];

/// The API groups other than core, in `/apis` order.
pub const GROUPS: &[(&str, &str)] = &[
    ("kubevirt.io", "v1"),
    ("instancetype.kubevirt.io", "v1beta1"),
    ("pool.kubevirt.io", "v1beta1"),
];

/// The resource served at `group/version/plural`.
pub fn find(group: &str, version: &str, plural: &str) -> Option<&'static Resource> {
    RESOURCES
        .iter()
        .find(|r| r.group == group && r.version == version && r.plural == plural)
}

/// The resource whose objects have this `apiVersion` and `kind`.
pub fn by_kind(api_version: &str, kind: &str) -> Option<&'static Resource> {
    RESOURCES
        .iter()
        .find(|r| r.api_version() == api_version && r.kind == kind)
}

fn in_group_version(group: &str, version: &str) -> impl Iterator<Item = &'static Resource> {
    let (g, v) = (group.to_string(), version.to_string());
    RESOURCES
        .iter()
        .filter(move |r| r.group == g && r.version == v)
}

/// Whether this group/version is served.
pub fn serves(group: &str, version: &str) -> bool {
    in_group_version(group, version).next().is_some()
}

/// Legacy `APIResourceList` for `/api/v1` or `/apis/{group}/{version}`.
pub fn resource_list(group: &str, version: &str) -> Value {
    let gv = if group.is_empty() {
        version.to_string()
    } else {
        format!("{group}/{version}")
    };
    let mut resources = Vec::new();
    for r in in_group_version(group, version) {
        let mut entry = json!({
            "name": r.plural,
            "singularName": r.singular,
            "namespaced": r.namespaced,
            "kind": r.kind,
            "verbs": r.verbs,
        });
        if !r.short_names.is_empty() {
            entry["shortNames"] = json!(r.short_names);
        }
        if !r.categories.is_empty() {
            entry["categories"] = json!(r.categories);
        }
        resources.push(entry);
        for (sub, kind, verbs) in r.subresources {
            resources.push(json!({
                "name": format!("{}/{}", r.plural, sub),
                "singularName": "",
                "namespaced": r.namespaced,
                "kind": kind,
                "verbs": verbs,
            }));
        }
    }
    json!({"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": resources})
}

fn group_json(group: &str, version: &str) -> Value {
    let gv = json!({"groupVersion": format!("{group}/{version}"), "version": version});
    json!({"name": group, "versions": [gv.clone()], "preferredVersion": gv})
}

/// Legacy `/apis` (`APIGroupList`).
pub fn group_list() -> Value {
    let groups: Vec<Value> = GROUPS.iter().map(|(g, v)| group_json(g, v)).collect();
    json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
}

/// Legacy `/apis/{group}` (`APIGroup`).
pub fn group(group: &str) -> Option<Value> {
    let (g, v) = GROUPS.iter().find(|(g, _)| *g == group)?;
    let mut out = group_json(g, v);
    out["kind"] = json!("APIGroup");
    out["apiVersion"] = json!("v1");
    Some(out)
}

fn discovery_version(group: &str, version: &str) -> Value {
    let resources: Vec<Value> = in_group_version(group, version)
        .map(|r| {
            let mut entry = json!({
                "resource": r.plural,
                "responseKind": {"group": r.group, "version": r.version, "kind": r.kind},
                "scope": if r.namespaced { "Namespaced" } else { "Cluster" },
                "singularResource": r.singular,
                "verbs": r.verbs,
            });
            if !r.short_names.is_empty() {
                entry["shortNames"] = json!(r.short_names);
            }
            if !r.categories.is_empty() {
                entry["categories"] = json!(r.categories);
            }
            if !r.subresources.is_empty() {
                entry["subresources"] = r
                    .subresources
                    .iter()
                    .map(|(sub, kind, verbs)| {
                        let (g, v) = if *kind == "NodeProxyOptions" || *kind == "Scale" {
                            (if *kind == "Scale" { "autoscaling" } else { "" }, "v1")
                        } else {
                            (r.group, r.version)
                        };
                        json!({"subresource": sub, "responseKind": {"group": g, "version": v, "kind": kind}, "verbs": verbs})
                    })
                    .collect();
            }
            entry
        })
        .collect();
    json!({"version": version, "resources": resources, "freshness": "Current"})
}

/// Aggregated discovery (`apidiscovery.k8s.io/{v2,v2beta1}` `APIGroupDiscoveryList`) for `/api`
/// (`core`) or `/apis`.
pub fn aggregated(core: bool, api_version: &str) -> Value {
    let items: Vec<Value> = if core {
        vec![
            json!({"metadata": {"creationTimestamp": null}, "versions": [discovery_version("", "v1")]}),
        ]
    } else {
        GROUPS
            .iter()
            .map(|(g, v)| json!({"metadata": {"name": g, "creationTimestamp": null}, "versions": [discovery_version(g, v)]}))
            .collect()
    };
    json!({"kind": "APIGroupDiscoveryList", "apiVersion": api_version, "metadata": {}, "items": items})
}
