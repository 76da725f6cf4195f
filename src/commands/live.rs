//! What every live command reads first: the client, the KubeVirt CR's knobs, and the
//! instancetypes and preferences that VMs may reference. Errors reading the optional parts
//! become notes; only an unreachable cluster or rejected credentials stop the command.

use crate::cli::{KindFilter, KubeArgs};
use crate::cluster::{Cluster, ClusterError, Resource};
use crate::kubevirt::cr::ClusterKnobs;
use crate::manifest::Source;

/// The cluster context of a live command.
pub struct Live {
    pub cluster: Cluster,
    /// The KubeVirt CR's knobs (version from `status.observedKubeVirtVersion`).
    pub knobs: Option<ClusterKnobs>,
    /// Instancetypes and preferences, as sources for reference resolution.
    pub references: Vec<Source>,
    /// What could not be read, for stderr.
    pub notes: Vec<String>,
}

/// A raw JSON object as a source named `namespace/Kind/name`.
pub fn object_source(raw: &str) -> Source {
    let value: serde_json::Value = serde_json::from_str(raw).unwrap_or_default();
    let meta = &value["metadata"];
    let name = match (meta["namespace"].as_str(), meta["name"].as_str()) {
        (Some(ns), Some(name)) => format!("{ns}/{}/{name}", value["kind"].as_str().unwrap_or("?")),
        (None, Some(name)) => format!("{}/{name}", value["kind"].as_str().unwrap_or("?")),
        _ => "<unnamed>".to_string(),
    };
    Source::from_text(name, raw.to_string())
}

/// Kind and apiVersion are not in list items from every server; put them back.
pub fn with_kind(raw: &str, api_version: &str, kind: &str) -> String {
    if raw.contains("\"kind\"") {
        return raw.to_string();
    }
    match raw.find('{') {
        Some(index) => format!(
            "{{\"apiVersion\":\"{api_version}\",\"kind\":\"{kind}\",{}",
            &raw[index + 1..]
        ),
        None => raw.to_string(),
    }
}

impl Live {
    /// Connects and reads the KubeVirt CR and the instancetypes/preferences in scope.
    pub async fn connect(
        kube: &KubeArgs,
        namespace_scope: Option<&str>,
    ) -> Result<Live, ClusterError> {
        let cluster = Cluster::connect(kube).await?;
        let mut notes = Vec::new();
        let mut note = |error: ClusterError, what: &str| -> Result<(), ClusterError> {
            if error.is_fatal() {
                return Err(error);
            }
            if error.status() != Some(404) {
                notes.push(format!("{what}: {error}"));
            }
            Ok(())
        };
        let knobs = match cluster.list_all(Resource::KUBEVIRTS, None, None).await {
            Ok(items) => items.first().and_then(|raw| {
                let text = with_kind(raw.get(), "kubevirt.io/v1", "KubeVirt");
                ClusterKnobs::from_manifest(&text).ok()
            }),
            Err(error) => {
                note(
                    error,
                    "could not read the KubeVirt CR (using the default model)",
                )?;
                None
            }
        };
        let mut references = Vec::new();
        for (resource, kind, namespaced) in [
            (
                Resource::CLUSTER_INSTANCETYPES,
                "VirtualMachineClusterInstancetype",
                false,
            ),
            (
                Resource::CLUSTER_PREFERENCES,
                "VirtualMachineClusterPreference",
                false,
            ),
            (Resource::INSTANCETYPES, "VirtualMachineInstancetype", true),
            (Resource::PREFERENCES, "VirtualMachinePreference", true),
        ] {
            let scope = if namespaced { namespace_scope } else { None };
            match cluster.list_all(resource, scope, None).await {
                Ok(items) => references.extend(items.iter().map(|raw| {
                    object_source(&with_kind(
                        raw.get(),
                        "instancetype.kubevirt.io/v1beta1",
                        kind,
                    ))
                })),
                Err(error) => note(error, &format!("could not list {}", resource.rbac_name()))?,
            }
        }
        Ok(Live {
            cluster,
            knobs,
            references,
            notes,
        })
    }
}

/// The live kinds `--kind` selects: VMs, VMIs, or both (VMs first).
pub fn kinds(filter: Option<KindFilter>) -> Vec<(Resource, &'static str)> {
    match filter {
        Some(KindFilter::Vm) => vec![(Resource::VMS, "VirtualMachine")],
        Some(KindFilter::Vmi) => vec![(Resource::VMIS, "VirtualMachineInstance")],
        None => vec![
            (Resource::VMS, "VirtualMachine"),
            (Resource::VMIS, "VirtualMachineInstance"),
        ],
    }
}

/// The first of `kinds` that has an object `name` in `namespace`, as JSON text with its kind;
/// `None` when none has.
pub async fn find_named(
    cluster: &crate::cluster::Cluster,
    kinds: &[(Resource, &'static str)],
    namespace: &str,
    name: &str,
) -> Result<Option<String>, ClusterError> {
    for (resource, kind) in kinds {
        match cluster.get(*resource, Some(namespace), name).await {
            Ok(value) => return Ok(Some(with_kind(&value.to_string(), "kubevirt.io/v1", kind))),
            Err(error) if error.status() == Some(404) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(None)
}
