//! The `eviction` command's report (SPEC §6 `EvictionReport`): per node, the effective
//! eviction, reservation and swap settings as the kubelet reports them, the allocatable-memory
//! arithmetic, the node findings (DEN101–DEN107) and how the node differs from the majority.
//!
//! Pure. The callers gather a [`NodeInput`] per node — from a file given with `-f`
//! ([`NodeInput::from_file`]), or from a live Node object and its configz output
//! ([`NodeInput::from_node`]), or only a reason when nothing could be read
//! ([`NodeInput::unreadable`]) — and [`build_report`] turns them into an [`EvictionReport`] that
//! every renderer prints.

use std::collections::BTreeMap;

use serde::Serialize;

use super::allocatable::{allocatable_memory, reserved_memory_bytes};
use super::config::{ConfigError, ConfigErrorKind, KubeletConfig, Source};
use super::config::{DEFAULT_EVICTION_PRESSURE_TRANSITION_PERIOD, kubelet_minor_from_version};
use super::duration::GoDuration;
use super::majority::{Deviation, differs_from_majority};
use super::rules::{KSM_LABEL, NodeFacts, NodeFinding, node_findings_with};
use super::thresholds::{Signal, ThresholdValue};
use crate::diagnostic::{Finding, Location, ObjectId};
use crate::manifest::yaml::Pos;
use crate::quantity::Quantity;
use crate::rules::engine::LintSettings;

/// Why a node (or a file) could not be read, and where in the file when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeError {
    /// The reason, for people: the HTTP status and hint for live nodes, the parser's message
    /// for files.
    pub message: String,
    /// Where in the file (1-based), for `-f` inputs.
    pub pos: Option<Pos>,
}

impl NodeError {
    /// A reason without a position (live nodes).
    pub fn new(message: impl Into<String>) -> NodeError {
        NodeError {
            message: message.into(),
            pos: None,
        }
    }

    /// A configuration that could not be read.
    pub fn from_config(error: &ConfigError) -> NodeError {
        let message = match &error.kind {
            ConfigErrorKind::Syntax(message) => format!("invalid YAML: {message}"),
            // These name their field themselves.
            ConfigErrorKind::MissingKind
            | ConfigErrorKind::WrongKind(_)
            | ConfigErrorKind::MissingApiVersion
            | ConfigErrorKind::WrongApiVersion(_)
            | ConfigErrorKind::NotConfigz
            | ConfigErrorKind::Empty => error.kind.to_string(),
            _ => error.to_string(),
        };
        NodeError {
            message,
            pos: error.pos,
        }
    }
}

/// Everything known about one node before the report is built.
///
/// Live mode fills it from the Node object and configz ([`NodeInput::from_node`]), then may
/// add what it knows about the VMIs on the node to [`NodeInput::facts`]
/// (`runs_overcommitted_vmis`, `max_vmi_termination_grace_seconds`) and
/// [`NodeInput::requested_bytes`].
#[derive(Debug, Clone)]
pub struct NodeInput {
    /// The node's name; for `-f`, the file's path as given.
    pub name: String,
    /// The file the configuration was read from (`-f`): findings and errors are located in
    /// it. `None` for live nodes.
    pub file: Option<String>,
    /// `status.nodeInfo.kubeletVersion` (`v1.34.1`); `None` offline.
    pub kubelet_version: Option<String>,
    /// Capacity, KSM label, swap and VMI facts for the node rules and the arithmetic.
    pub facts: NodeFacts,
    /// The sum of the node's `hugepages-*` capacities; `None` when unknown.
    pub hugepages_bytes: Option<i64>,
    /// `status.allocatable.memory`, as the kubelet reported it.
    pub reported_allocatable_bytes: Option<i64>,
    /// Memory requested by the pods on the node (live), for the memory bar.
    pub requested_bytes: Option<i64>,
    /// The kubelet configuration, or why it could not be read.
    pub config: Result<KubeletConfig, NodeError>,
}

impl NodeInput {
    /// A configz dump or a `KubeletConfiguration` file given with `-f` (the latter defaulted
    /// as the newest modelled kubelet does it); `capacity_bytes` is `--node-memory` (the node
    /// is then assumed to have no hugepages).
    pub fn from_file(name: &str, text: &str, capacity_bytes: Option<i64>) -> NodeInput {
        NodeInput {
            name: name.to_string(),
            file: Some(name.to_string()),
            kubelet_version: None,
            facts: NodeFacts {
                capacity_bytes,
                ..NodeFacts::default()
            },
            hugepages_bytes: capacity_bytes.map(|_| 0),
            reported_allocatable_bytes: None,
            requested_bytes: None,
            config: KubeletConfig::parse(text, None).map_err(|e| NodeError::from_config(&e)),
        }
    }

    /// A live node: its Node object (JSON as the API server returns it) and its configz
    /// output, or why configz could not be read (HTTP status, missing permission). Reads the
    /// name, labels (`kubevirt.io/ksm-enabled`), `status.capacity` (memory and `hugepages-*`),
    /// `status.allocatable.memory`, `status.nodeInfo.kubeletVersion` and
    /// `status.nodeInfo.swap.capacity`.
    pub fn from_node(node: &serde_json::Value, configz: Result<&str, String>) -> NodeInput {
        let text = |value: &serde_json::Value| value.as_str().map(str::to_string);
        let bytes = |value: &serde_json::Value| {
            value
                .as_str()
                .and_then(|text| Quantity::parse(text).ok())
                .and_then(|quantity| quantity.value())
                .or_else(|| value.as_i64())
        };
        let status = &node["status"];
        let kubelet_version = text(&status["nodeInfo"]["kubeletVersion"]);
        let capacity = &status["capacity"];
        let hugepages = capacity.as_object().map(|map| {
            map.iter()
                .filter(|(key, _)| key.starts_with("hugepages-"))
                .filter_map(|(_, value)| bytes(value))
                .fold(0_i64, i64::saturating_add)
        });
        let ksm_label = node["metadata"]["labels"]
            .as_object()
            .map(|labels| labels.get(KSM_LABEL).and_then(|v| v.as_str()) == Some("true"))
            .or(Some(false));
        let facts = NodeFacts {
            kubelet_minor: kubelet_version
                .as_deref()
                .and_then(kubelet_minor_from_version),
            capacity_bytes: bytes(&capacity["memory"]),
            ksm_label,
            runs_overcommitted_vmis: None,
            max_vmi_termination_grace_seconds: None,
            swap_capacity_bytes: status["nodeInfo"]["swap"]["capacity"].as_i64(),
        };
        let config = match configz {
            Ok(text) => KubeletConfig::from_configz(text).map_err(|error| NodeError {
                message: format!(
                    "unexpected configz output: {}",
                    NodeError::from_config(&error).message
                ),
                pos: None,
            }),
            Err(reason) => Err(NodeError::new(reason)),
        };
        NodeInput {
            name: text(&node["metadata"]["name"]).unwrap_or_default(),
            file: None,
            kubelet_version,
            facts,
            hugepages_bytes: hugepages,
            reported_allocatable_bytes: bytes(&status["allocatable"]["memory"]),
            requested_bytes: None,
            config,
        }
    }

    /// A node of which nothing could be read (its Node object failed too).
    pub fn unreadable(name: &str, reason: impl Into<String>) -> NodeInput {
        NodeInput {
            name: name.to_string(),
            file: None,
            kubelet_version: None,
            facts: NodeFacts::default(),
            hugepages_bytes: None,
            reported_allocatable_bytes: None,
            requested_bytes: None,
            config: Err(NodeError::new(reason)),
        }
    }
}

/// The `EvictionReport` document's content: one entry per node (or file), in input order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EvictionReport {
    /// The nodes.
    pub nodes: Vec<NodeReport>,
}

impl EvictionReport {
    /// How many nodes could not be read (or have a configuration the kubelet refuses).
    pub fn failed(&self) -> usize {
        self.nodes.iter().filter(|n| n.error.is_some()).count()
    }

    /// All findings, node by node.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.nodes.iter().flat_map(|node| node.findings.iter())
    }
}

/// One node's settings, memory arithmetic and findings (SPEC §6). Maps are the kubelet's
/// (`evictionHard` signal → threshold text, …); every field is null for a node that could not
/// be read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeReport {
    /// The node's name; for `-f`, the file's path as given.
    pub name: String,
    /// `status.nodeInfo.kubeletVersion`; null offline.
    pub kubelet_version: Option<String>,
    /// `configz` or `file`; null when the input could not be read at all.
    pub source: Option<Source>,
    /// `evictionHard`: signal → threshold (`100Mi`, `10%`).
    pub eviction_hard: Option<BTreeMap<String, String>>,
    /// `evictionSoft`: signal → threshold.
    pub eviction_soft: Option<BTreeMap<String, String>>,
    /// `evictionSoftGracePeriod`: signal → Go duration.
    pub eviction_soft_grace_period: Option<BTreeMap<String, String>>,
    /// `evictionMinimumReclaim`: signal → quantity or percentage.
    pub eviction_minimum_reclaim: Option<BTreeMap<String, String>>,
    /// Seconds (the effective value: 0 when not written).
    pub eviction_max_pod_grace_period: Option<i32>,
    /// `evictionPressureTransitionPeriod` (Go duration text).
    pub eviction_pressure_transition_period: Option<GoDuration>,
    /// `mergeDefaultEvictionSettings`; null when not reported (kubelets before 1.33).
    pub merge_default_eviction_settings: Option<bool>,
    /// `systemReserved`: resource → quantity.
    pub system_reserved: Option<BTreeMap<String, String>>,
    /// `kubeReserved`: resource → quantity.
    pub kube_reserved: Option<BTreeMap<String, String>>,
    /// `enforceNodeAllocatable`.
    pub enforce_node_allocatable: Option<Vec<String>>,
    /// `failSwapOn`.
    pub fail_swap_on: Option<bool>,
    /// `memorySwap.swapBehavior`, effective (`NoSwap` when unset).
    pub swap_behavior: Option<String>,
    /// The allocatable-memory arithmetic.
    pub memory: MemoryReport,
    /// Whether the node is labelled `kubevirt.io/ksm-enabled=true`; null when unknown.
    pub ksm_enabled: Option<bool>,
    /// Node findings, in rule order, shaped like lint findings.
    pub findings: Vec<Finding>,
    /// Null, or why this node could not be read (or why the kubelet refuses its
    /// configuration).
    pub error: Option<String>,
    /// The settings in which this node differs from most nodes (empty when it agrees, or when
    /// there is no majority).
    pub differs_from_majority: Vec<Deviation>,
    /// Where the error is, for files.
    #[serde(skip)]
    pub error_location: Option<Location>,
}

/// Allocatable memory, term by term (bytes); null where unknown — offline without
/// `--node-memory` only the reservations (and a quantity hard threshold) are known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemoryReport {
    /// `status.capacity.memory`, or `--node-memory`.
    pub capacity_bytes: Option<i64>,
    /// `systemReserved.memory`.
    pub system_reserved_bytes: Option<i64>,
    /// `kubeReserved.memory`.
    pub kube_reserved_bytes: Option<i64>,
    /// The hard `memory.available` threshold (0 when there is none).
    pub hard_eviction_bytes: Option<i64>,
    /// The sum of the `hugepages-*` capacities.
    pub hugepages_bytes: Option<i64>,
    /// Computed as the kubelet does it.
    pub allocatable_bytes: Option<i64>,
    /// `status.allocatable.memory` as the node reports it (live only).
    pub reported_allocatable_bytes: Option<i64>,
    /// Memory requested by the pods on the node (live only; drawn in the bar, not part of the
    /// JSON contract yet).
    #[serde(skip)]
    pub requested_bytes: Option<i64>,
}

impl MemoryReport {
    /// Whether the computed allocatable memory disagrees with what the node reports (both
    /// known): the kubelet runs with flags or drop-ins the configuration does not show.
    pub fn allocatable_mismatch(&self) -> bool {
        matches!(
            (self.allocatable_bytes, self.reported_allocatable_bytes),
            (Some(computed), Some(reported)) if computed != reported
        )
    }
}

/// Builds the report: reads each configuration's settings, checks that the kubelet would
/// accept it, computes the memory arithmetic, runs the node rules `settings` enables, and
/// compares every readable node with the majority.
pub fn build_report(inputs: Vec<NodeInput>, settings: &LintSettings) -> EvictionReport {
    let mut nodes = Vec::with_capacity(inputs.len());
    let mut valid: Vec<(usize, KubeletConfig)> = Vec::new();
    for input in inputs {
        let (report, config) = node_report(input, settings);
        if let Some(config) = config {
            valid.push((nodes.len(), config));
        }
        nodes.push(report);
    }
    let configs: Vec<&KubeletConfig> = valid.iter().map(|(_, config)| config).collect();
    for ((index, _), deviations) in valid.iter().zip(differs_from_majority(&configs)) {
        nodes[*index].differs_from_majority = deviations;
    }
    EvictionReport { nodes }
}

/// One node's report, and its configuration when the kubelet would run with it.
fn node_report(input: NodeInput, settings: &LintSettings) -> (NodeReport, Option<KubeletConfig>) {
    let locate = |pos: Option<Pos>| {
        let file = input.file.clone()?;
        let pos = pos?;
        Some(Location {
            file,
            line: pos.line.max(1),
            column: pos.column.max(1),
            length: 1,
        })
    };
    let mut report = NodeReport {
        name: input.name.clone(),
        kubelet_version: input.kubelet_version.clone(),
        source: None,
        eviction_hard: None,
        eviction_soft: None,
        eviction_soft_grace_period: None,
        eviction_minimum_reclaim: None,
        eviction_max_pod_grace_period: None,
        eviction_pressure_transition_period: None,
        merge_default_eviction_settings: None,
        system_reserved: None,
        kube_reserved: None,
        enforce_node_allocatable: None,
        fail_swap_on: None,
        swap_behavior: None,
        memory: MemoryReport {
            capacity_bytes: input.facts.capacity_bytes,
            hugepages_bytes: input.hugepages_bytes,
            reported_allocatable_bytes: input.reported_allocatable_bytes,
            requested_bytes: input.requested_bytes,
            ..MemoryReport::default()
        },
        ksm_enabled: input.facts.ksm_label,
        findings: Vec::new(),
        error: None,
        differs_from_majority: Vec::new(),
        error_location: None,
    };
    let config = match &input.config {
        Err(error) => {
            report.error = Some(error.message.clone());
            report.error_location = locate(error.pos);
            return (report, None);
        }
        Ok(config) => config,
    };
    report.source = Some(config.source);
    report.eviction_hard = config.eviction_hard.clone();
    report.eviction_soft = config.eviction_soft.clone();
    report.eviction_soft_grace_period = config.eviction_soft_grace_period.clone();
    report.eviction_minimum_reclaim = config.eviction_minimum_reclaim.clone();
    report.eviction_max_pod_grace_period = Some(config.max_pod_grace_period_seconds());
    report.eviction_pressure_transition_period = config.eviction_pressure_transition_period;
    report.merge_default_eviction_settings = config.merge_default_eviction_settings;
    report.system_reserved = config.system_reserved.clone();
    report.kube_reserved = config.kube_reserved.clone();
    report.enforce_node_allocatable = config.enforce_node_allocatable.clone();
    report.fail_swap_on = config.fail_swap_on;
    report.swap_behavior = Some(config.effective_swap_behavior().to_string());

    // What the kubelet checks at start-up: it refuses to run otherwise.
    let invalid = match (config.thresholds(), reserved_memory_bytes(config)) {
        (Err(error), _) => Some((error.path(), error.to_string())),
        (Ok(_), Err(error)) => {
            let path = error.path().unwrap_or_default();
            let message = error.to_string();
            let message = message
                .strip_prefix(&format!("{path}: "))
                .unwrap_or(&message)
                .to_string();
            Some((path, message))
        }
        (Ok(_), Ok((system, kube))) => {
            report.memory.system_reserved_bytes = Some(system);
            report.memory.kube_reserved_bytes = Some(kube);
            None
        }
    };
    if let Some((path, message)) = invalid {
        report.error = Some(format!(
            "{path}: {message} (the kubelet does not start with this configuration)"
        ));
        report.error_location = locate(config.position(&path).or(config.document));
        return (report, None);
    }

    let capacity = input.facts.capacity_bytes;
    let hard = config.hard_thresholds().ok().and_then(|thresholds| {
        thresholds
            .into_iter()
            .find(|t| t.signal == Signal::MemoryAvailable)
    });
    report.memory.hard_eviction_bytes = match hard.map(|t| t.value) {
        None => Some(0),
        Some(ThresholdValue::Quantity(quantity)) => quantity.value(),
        Some(percentage) => capacity.and_then(|capacity| percentage.resolve(capacity)),
    };
    if let Some(capacity) = capacity
        && let Ok(memory) = allocatable_memory(config, capacity, input.hugepages_bytes.unwrap_or(0))
    {
        report.memory.allocatable_bytes = Some(memory.allocatable_bytes);
        report.memory.hard_eviction_bytes = Some(memory.hard_eviction_bytes);
    }

    let object = ObjectId {
        kind: "Node".into(),
        api_version: "v1".into(),
        namespace: None,
        name: Some(input.name.clone()),
    };
    report.findings = node_findings_with(config, &input.facts, settings)
        .into_iter()
        .map(|finding: NodeFinding| Finding {
            rule: finding.code,
            name: finding.name,
            severity: finding.severity,
            message: finding.message,
            help: finding.help,
            object: Some(object.clone()),
            location: locate(finding.location.or(config.document)),
            path: finding.path,
            savings_bytes: None,
            fixable: false,
        })
        .collect();
    let config = input.config.ok();
    (report, config)
}

/// The effective `evictionPressureTransitionPeriod` of a report (5m0s when not reported).
pub fn pressure_transition_period(node: &NodeReport) -> GoDuration {
    node.eviction_pressure_transition_period
        .unwrap_or(DEFAULT_EVICTION_PRESSURE_TRANSITION_PERIOD)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    const GI: i64 = 1 << 30;
    const MI: i64 = 1 << 20;

    const TUNED: &str = "\
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
systemReserved:
  memory: 1Gi
kubeReserved:
  memory: 1Gi
evictionHard:
  memory.available: 500Mi
  nodefs.available: 10%
  nodefs.inodesFree: 5%
  imagefs.available: 15%
  imagefs.inodesFree: 5%
evictionSoft:
  memory.available: 2Gi
evictionSoftGracePeriod:
  memory.available: 1m30s
evictionMaxPodGracePeriod: 180
";

    fn build(inputs: Vec<NodeInput>) -> EvictionReport {
        build_report(inputs, &LintSettings::default())
    }

    fn codes(node: &NodeReport) -> Vec<&str> {
        node.findings.iter().map(|f| f.rule).collect()
    }

    #[test]
    fn a_file_with_node_memory_gets_the_arithmetic() {
        let report = build(vec![NodeInput::from_file("k.yaml", TUNED, Some(64 * GI))]);
        let node = &report.nodes[0];
        assert_eq!(node.error, None);
        assert_eq!(node.source, Some(Source::File));
        assert_eq!(
            node.memory,
            MemoryReport {
                capacity_bytes: Some(64 * GI),
                system_reserved_bytes: Some(GI),
                kube_reserved_bytes: Some(GI),
                hard_eviction_bytes: Some(500 * MI),
                hugepages_bytes: Some(0),
                allocatable_bytes: Some(64 * GI - 2 * GI - 500 * MI),
                reported_allocatable_bytes: None,
                requested_bytes: None,
            }
        );
        assert_eq!(node.eviction_max_pod_grace_period, Some(180));
        assert_eq!(node.swap_behavior.as_deref(), Some("NoSwap"));
        assert_eq!(node.fail_swap_on, Some(true), "defaulted");
        assert!(codes(node).is_empty(), "{:?}", node.findings);
        assert_eq!(report.failed(), 0);
    }

    #[test]
    fn without_node_memory_percentages_stay_unknown() {
        let text = TUNED.replace("memory.available: 500Mi", "memory.available: 5%");
        let node = &build(vec![NodeInput::from_file("k.yaml", &text, None)]).nodes[0];
        assert_eq!(node.memory.capacity_bytes, None);
        assert_eq!(node.memory.hard_eviction_bytes, None);
        assert_eq!(node.memory.allocatable_bytes, None);
        assert_eq!(node.memory.system_reserved_bytes, Some(GI));
        let node = &build(vec![NodeInput::from_file("k.yaml", &text, Some(10 * GI))]).nodes[0];
        assert_eq!(
            node.memory.hard_eviction_bytes,
            Some((10.0 * GI as f64 * f64::from(0.05f32)) as i64)
        );
    }

    #[test]
    fn findings_are_located_in_the_file_and_name_the_node() {
        let text = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nevictionHard:\n  memory.available: 500Mi\n";
        let node = &build(vec![NodeInput::from_file("k.yaml", text, None)]).nodes[0];
        assert_eq!(codes(node), ["DEN101", "DEN104", "DEN105"]);
        let den105 = &node.findings[2];
        let location = den105.location.as_ref().unwrap();
        assert_eq!(
            (location.file.as_str(), location.line, location.column),
            ("k.yaml", 3, 1)
        );
        let object = den105.object.as_ref().unwrap();
        assert_eq!(
            (object.kind.as_str(), object.api_version.as_str()),
            ("Node", "v1")
        );
        assert_eq!(object.name.as_deref(), Some("k.yaml"));
        assert!(!den105.fixable);
        assert_eq!(den105.savings_bytes, None);
        // Not written: the `kind` line, where the key belongs.
        let den101 = node.findings[0].location.as_ref().unwrap();
        assert_eq!((den101.line, den101.column), (2, 1));
    }

    #[test]
    fn unreadable_and_invalid_inputs_are_errors_never_panics() {
        let report = build(vec![
            NodeInput::from_file("bad.yaml", "evictionHard: [\n", None),
            NodeInput::from_file(
                "zero.yaml",
                "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nevictionHard:\n  memory.available: \"0\"\n",
                Some(GI),
            ),
            NodeInput::from_file(
                "reserved.yaml",
                "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nsystemReserved:\n  memory: lots\n",
                None,
            ),
            NodeInput::from_file("empty.yaml", "", None),
            NodeInput::unreadable("node-1", "403 Forbidden"),
        ]);
        assert_eq!(report.failed(), 5);
        let bad = &report.nodes[0];
        assert!(
            bad.error.as_deref().unwrap().starts_with("invalid YAML"),
            "{:?}",
            bad.error
        );
        assert_eq!(bad.source, None);
        assert_eq!(
            bad.error_location.as_ref().map(|l| l.file.as_str()),
            Some("bad.yaml")
        );
        let zero = &report.nodes[1];
        assert_eq!(
            zero.error.as_deref(),
            Some(
                "evictionHard.memory.available: eviction threshold memory.available must be positive: 0 (the kubelet does not start with this configuration)"
            )
        );
        assert_eq!(
            zero.error_location.as_ref().map(|l| (l.line, l.column)),
            Some((4, 3))
        );
        assert!(zero.findings.is_empty());
        assert_eq!(
            zero.eviction_hard.as_ref().unwrap()["memory.available"],
            "0"
        );
        let reserved = &report.nodes[2];
        assert!(
            reserved
                .error
                .as_deref()
                .unwrap()
                .starts_with("systemReserved.memory: failed to parse quantity"),
            "{:?}",
            reserved.error
        );
        assert_eq!(report.nodes[3].error.as_deref(), Some("the input is empty"));
        assert_eq!(report.nodes[4].error.as_deref(), Some("403 Forbidden"));
        assert_eq!(report.nodes[4].error_location, None);
    }

    #[test]
    fn the_odd_node_out_is_marked() {
        let other = TUNED.replace("500Mi", "1Gi");
        let report = build(vec![
            NodeInput::from_file("a.yaml", TUNED, None),
            NodeInput::from_file("b.yaml", TUNED, None),
            NodeInput::from_file("broken.yaml", "{", None),
            NodeInput::from_file("c.yaml", &other, None),
        ]);
        assert!(report.nodes[0].differs_from_majority.is_empty());
        assert!(report.nodes[2].differs_from_majority.is_empty());
        assert_eq!(
            report.nodes[3].differs_from_majority,
            [Deviation {
                key: "evictionHard.memory.available".into(),
                value: Some("1Gi".into()),
                majority: Some("500Mi".into()),
            }]
        );
    }

    #[test]
    fn a_live_node_fills_the_same_model() {
        let node = serde_json::json!({
            "metadata": {"name": "worker-1", "labels": {"kubevirt.io/ksm-enabled": "true"}},
            "status": {
                "capacity": {"memory": "65806080Ki", "hugepages-2Mi": "1Gi", "hugepages-1Gi": "2Gi"},
                "allocatable": {"memory": "62000000Ki"},
                "nodeInfo": {"kubeletVersion": "v1.32.4", "swap": {"capacity": 0}},
            },
        });
        let configz = r#"{"kubeletconfig": {"evictionHard": {"memory.available": "100Mi"}, "failSwapOn": true, "evictionMaxPodGracePeriod": 0}}"#;
        let mut input = NodeInput::from_node(&node, Ok(configz));
        input.facts.runs_overcommitted_vmis = Some(true);
        assert_eq!(input.facts.kubelet_minor, Some(32));
        assert_eq!(input.facts.ksm_label, Some(true));
        assert_eq!(input.facts.swap_capacity_bytes, Some(0));
        let report = build(vec![input]);
        let worker = &report.nodes[0];
        assert_eq!(worker.name, "worker-1");
        assert_eq!(worker.kubelet_version.as_deref(), Some("v1.32.4"));
        assert_eq!(worker.source, Some(Source::Configz));
        assert_eq!(worker.memory.capacity_bytes, Some(65_806_080 * 1024));
        assert_eq!(worker.memory.hugepages_bytes, Some(3 * GI));
        assert_eq!(
            worker.memory.reported_allocatable_bytes,
            Some(62_000_000 * 1024)
        );
        assert_eq!(
            worker.memory.allocatable_bytes,
            Some(65_806_080 * 1024 - 100 * MI - 3 * GI)
        );
        assert!(worker.memory.allocatable_mismatch());
        assert_eq!(worker.ksm_enabled, Some(true));
        // configz is shown as is: nothing defaulted.
        assert_eq!(worker.enforce_node_allocatable, None);
        assert_eq!(worker.merge_default_eviction_settings, None);
        assert_eq!(
            codes(worker),
            ["DEN101", "DEN102", "DEN104", "DEN105", "DEN106"]
        );
        assert!(worker.findings.iter().all(|f| f.location.is_none()));
        assert_eq!(worker.findings[0].severity, Severity::Warning);

        let failed = build(vec![NodeInput::from_node(
            &node,
            Err("503 Service Unavailable".into()),
        )]);
        let failed = &failed.nodes[0];
        assert_eq!(failed.error.as_deref(), Some("503 Service Unavailable"));
        assert_eq!(failed.memory.capacity_bytes, Some(65_806_080 * 1024));
        assert_eq!(failed.kubelet_version.as_deref(), Some("v1.32.4"));
    }

    #[test]
    fn the_json_shape_follows_the_contract() {
        let report = build(vec![NodeInput::from_file("k.yaml", TUNED, None)]);
        let json = serde_json::to_value(&report.nodes[0]).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for key in [
            "name",
            "kubeletVersion",
            "source",
            "evictionHard",
            "evictionSoft",
            "evictionSoftGracePeriod",
            "evictionMinimumReclaim",
            "evictionMaxPodGracePeriod",
            "evictionPressureTransitionPeriod",
            "mergeDefaultEvictionSettings",
            "systemReserved",
            "kubeReserved",
            "enforceNodeAllocatable",
            "failSwapOn",
            "swapBehavior",
            "memory",
            "ksmEnabled",
            "findings",
            "error",
            "differsFromMajority",
        ] {
            assert!(keys.contains(&key), "{key} missing: {keys:?}");
        }
        assert_eq!(keys.len(), 20, "{keys:?}");
        assert_eq!(json["source"], "file");
        assert_eq!(json["evictionPressureTransitionPeriod"], "5m0s");
        assert_eq!(json["memory"].as_object().unwrap().len(), 7);
    }
}
