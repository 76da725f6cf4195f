//! The KubeVirt CR's cluster knobs (`spec.configuration`, SPEC §5.4) read from a manifest.
//!
//! Pure: parses text given to it; the caller reads the file (or, live, the cluster).

use super::KubeVirtVersion;
use super::model::ClusterModel;
use crate::manifest::yaml::{Document, Node, parse_stream};
use crate::manifest::{DocumentContent, document_content};

/// What a KubeVirt CR says about the model.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClusterKnobs {
    pub version: Option<KubeVirtVersion>,
    pub memory_overcommit: Option<u32>,
    pub cpu_allocation_ratio: Option<u32>,
    pub rollout_strategy: Option<super::model::RolloutStrategy>,
    pub overhead_ratio: Option<String>,
    pub feature_gates: Vec<String>,
    pub disabled_feature_gates: Vec<String>,
    pub cpu_request: Option<crate::quantity::Quantity>,
    pub disable_serial_console_log: bool,
    pub network_binding_overheads: std::collections::BTreeMap<String, i64>,
    pub support_container_resources:
        std::collections::BTreeMap<String, super::launcher::SupportResources>,
}

/// Why a KubeVirt CR manifest could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CrError {
    /// The text is not YAML.
    #[error("line {line}: invalid YAML: {message}")]
    Syntax { line: u32, message: String },
    /// No `kind: KubeVirt` object in it.
    #[error("no KubeVirt object (apiVersion kubevirt.io/v1, kind KubeVirt) found")]
    NotFound,
}

fn strings(node: Option<&Node>) -> Vec<String> {
    node.and_then(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(Node::as_str)
        .map(str::to_string)
        .collect()
}

fn number(node: Option<&Node>) -> Option<u32> {
    node?
        .as_i64()
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| *n > 0)
}

impl ClusterKnobs {
    /// Reads the first KubeVirt object of a manifest.
    pub fn from_manifest(text: &str) -> Result<ClusterKnobs, CrError> {
        for document in parse_stream(text) {
            if let Document::Invalid(error) = &document {
                return Err(CrError::Syntax {
                    line: error.pos.line,
                    message: error.message.clone(),
                });
            }
            if let DocumentContent::Objects(objects) = document_content(&document) {
                for (_, node) in objects {
                    if node.get("kind").and_then(Node::as_str) == Some("KubeVirt") {
                        return Ok(Self::from_object(node));
                    }
                }
            }
        }
        Err(CrError::NotFound)
    }

    /// Reads the knobs of a KubeVirt object.
    pub fn from_object(node: &Node) -> ClusterKnobs {
        let configuration = node.get_path(&["spec", "configuration"]);
        let at = |path: &[&str]| configuration.and_then(|c| c.get_path(path));
        ClusterKnobs {
            version: node
                .get_path(&["status", "observedKubeVirtVersion"])
                .and_then(Node::as_str)
                .and_then(|v| v.parse().ok()),
            memory_overcommit: number(at(&["developerConfiguration", "memoryOvercommit"])),
            cpu_allocation_ratio: number(at(&["developerConfiguration", "cpuAllocationRatio"])),
            rollout_strategy: at(&["vmRolloutStrategy"])
                .and_then(Node::as_str)
                .and_then(|s| s.parse().ok()),
            overhead_ratio: at(&["additionalGuestMemoryOverheadRatio"])
                .and_then(Node::as_scalar)
                .map(str::to_string),
            feature_gates: strings(at(&["developerConfiguration", "featureGates"])),
            disabled_feature_gates: strings(at(&[
                "developerConfiguration",
                "disabledFeatureGates",
            ])),
            cpu_request: at(&["cpuRequest"])
                .and_then(Node::as_scalar)
                .and_then(|q| crate::quantity::Quantity::parse(q).ok()),
            // A presence check in KubeVirt: any value turns the console log off.
            disable_serial_console_log: at(&["virtualMachineOptions", "disableSerialConsoleLog"])
                .is_some(),
            network_binding_overheads: at(&["network", "binding"])
                .and_then(Node::entries)
                .unwrap_or_default()
                .iter()
                .filter_map(|entry| {
                    let name = entry.key.as_scalar()?;
                    let memory = entry
                        .value
                        .get_path(&["computeResourceOverhead", "requests", "memory"])?
                        .as_scalar()?;
                    let bytes = crate::quantity::Quantity::parse(memory).ok()?.value()?;
                    Some((name.to_string(), bytes))
                })
                .collect(),
            support_container_resources: at(&["supportContainerResources"])
                .and_then(Node::items)
                .unwrap_or_default()
                .iter()
                .filter_map(|entry| {
                    let kind = entry.get("type")?.as_str()?.to_string();
                    let value = |side: &str, resource: &str| {
                        entry
                            .get_path(&["resources", side, resource])
                            .and_then(Node::as_scalar)
                            .and_then(|q| crate::quantity::Quantity::parse(q).ok())
                    };
                    Some((
                        kind,
                        super::launcher::SupportResources {
                            cpu_request_milli: value("requests", "cpu")
                                .and_then(|q| q.milli_value()),
                            cpu_limit_milli: value("limits", "cpu").and_then(|q| q.milli_value()),
                            memory_request: value("requests", "memory").and_then(|q| q.value()),
                            memory_limit: value("limits", "memory").and_then(|q| q.value()),
                        },
                    ))
                })
                .collect(),
        }
    }

    /// Overrides the model with what the CR sets.
    pub fn apply_to(&self, model: &mut ClusterModel) {
        if let Some(version) = self.version {
            model.version = version;
        }
        if let Some(percent) = self.memory_overcommit {
            model.memory_overcommit = percent;
        }
        if let Some(ratio) = self.cpu_allocation_ratio {
            model.cpu_allocation_ratio = ratio;
        }
        if self.rollout_strategy.is_some() {
            model.rollout_strategy = self.rollout_strategy;
        }
        if self.overhead_ratio.is_some() {
            model.overhead_ratio = self.overhead_ratio.clone();
        }
        if !self.feature_gates.is_empty() {
            model.feature_gates = self.feature_gates.clone();
        }
        if !self.disabled_feature_gates.is_empty() {
            model.disabled_feature_gates = self.disabled_feature_gates.clone();
        }
        if self.cpu_request.is_some() {
            model.cpu_request = self.cpu_request.clone();
        }
        model.disable_serial_console_log |= self.disable_serial_console_log;
        model
            .network_binding_overheads
            .extend(self.network_binding_overheads.clone());
        model
            .support_container_resources
            .extend(self.support_container_resources.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_knobs_of_a_kubevirt_cr() {
        let knobs = ClusterKnobs::from_manifest(
            "apiVersion: v1\nkind: ConfigMap\n---\napiVersion: kubevirt.io/v1\nkind: KubeVirt\nspec:\n  configuration:\n    vmRolloutStrategy: Stage\n    additionalGuestMemoryOverheadRatio: \"1.5\"\n    developerConfiguration:\n      memoryOvercommit: 150\n      featureGates: [VideoConfig]\nstatus:\n  observedKubeVirtVersion: v1.7.2\n",
        )
        .unwrap();
        assert_eq!(knobs.version, Some(KubeVirtVersion::V1_7));
        assert_eq!(knobs.memory_overcommit, Some(150));
        assert_eq!(knobs.overhead_ratio.as_deref(), Some("1.5"));
        assert_eq!(knobs.feature_gates, ["VideoConfig"]);
        assert_eq!(
            knobs.rollout_strategy,
            Some(super::super::model::RolloutStrategy::Stage)
        );
    }

    #[test]
    fn a_manifest_without_a_kubevirt_object_is_an_error() {
        assert!(matches!(
            ClusterKnobs::from_manifest("kind: ConfigMap\n"),
            Err(CrError::NotFound)
        ));
    }
}
