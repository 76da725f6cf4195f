//! Node rules DEN101–DEN107: what a node's kubelet configuration means for the VMs on it.
//!
//! Each rule is one file in `src/rules/` (`den101_no_soft_eviction.rs` …), with its
//! documentation and a [`Check::Node`] check, registered in [`crate::rules::RULES`]. This
//! module holds what they share: the facts about a node besides its configuration
//! ([`NodeFacts`]), the finding they report ([`NodeFinding`]), and [`node_findings`], which runs
//! every node rule of the registry on one node.
//!
//! Findings are plain data; the caller decides severities from the user's config
//! ([`node_findings_with`]), suppression and rendering. The checks read the effective
//! configuration, so they work the same on configz output and on a defaulted config file.
//! What the configuration cannot tell (kubelet version, node memory, KSM label, the VMIs on the
//! node) comes in [`NodeFacts`]; a rule whose fact is unknown stays silent rather than guess.

use super::config::KubeletConfig;
use super::duration::GoDuration;
use super::thresholds::{Signal, Threshold, ThresholdValue, parse_threshold_statement};
use crate::diagnostic::Severity;
use crate::manifest::yaml::Pos;
use crate::quantity::format_bytes;
use crate::rules::engine::LintSettings;
use crate::rules::{Check, RULES, Rule, Scope};

/// The node label KubeVirt's virt-handler sets where it enabled KSM.
pub const KSM_LABEL: &str = "kubevirt.io/ksm-enabled";

/// KubeVirt's default VMI `terminationGracePeriodSeconds` (`DefaultGracePeriodSeconds`).
pub const KUBEVIRT_DEFAULT_TERMINATION_GRACE_SECONDS: i64 = 30;

/// What is known about a node besides its kubelet configuration. `None` means unknown (for
/// example a config file given with `-f`), and the rules that need the fact do not fire.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodeFacts {
    /// The kubelet's minor version (`status.nodeInfo.kubeletVersion`); the newest modelled when
    /// unknown.
    pub kubelet_minor: Option<u32>,
    /// `status.capacity.memory` in bytes, to compare percentage and quantity thresholds.
    pub capacity_bytes: Option<i64>,
    /// Whether the node has the label `kubevirt.io/ksm-enabled=true`.
    pub ksm_label: Option<bool>,
    /// Whether any VMI on the node overcommits memory (guest overhead or guest memory).
    pub runs_overcommitted_vmis: Option<bool>,
    /// The largest `terminationGracePeriodSeconds` among the VMIs on the node.
    pub max_vmi_termination_grace_seconds: Option<i64>,
    /// Swap provisioned on the node (`status.nodeInfo.swap.capacity`, kubelet 1.34+).
    pub swap_capacity_bytes: Option<i64>,
}

/// One node finding, before the caller turns it into a located `Finding`.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeFinding {
    /// The rule's code, e.g. `DEN101`.
    pub code: &'static str,
    /// The rule's name, e.g. `no-soft-eviction`.
    pub name: &'static str,
    /// Usually the rule's default; DEN103 reports a too-short positive grace as info.
    pub severity: Severity,
    /// What is wrong, for this node.
    pub message: String,
    /// What to do about it.
    pub help: String,
    /// The configuration path, e.g. `evictionSoft.memory.available`.
    pub path: String,
    /// Where the path (or its nearest written parent) is in a config file, 1-based.
    pub location: Option<Pos>,
}

impl NodeFinding {
    /// A finding of `rule` at `path` (located in `config`'s source when written there), with
    /// the rule's default severity.
    pub fn new(
        rule: &Rule,
        config: &KubeletConfig,
        path: &str,
        message: String,
        help: String,
    ) -> NodeFinding {
        NodeFinding {
            code: rule.code,
            name: rule.name,
            severity: rule.severity,
            message,
            help,
            path: path.to_string(),
            location: config.position(path),
        }
    }

    /// The same finding at another severity (rules whose severity depends on the case).
    pub fn severity(mut self, severity: Severity) -> NodeFinding {
        self.severity = severity;
        self
    }
}

/// The node rules of the registry, in code order.
pub fn node_rules() -> impl Iterator<Item = &'static Rule> {
    RULES
        .iter()
        .copied()
        .filter(|rule| rule.scope == Scope::Node)
}

/// Runs every node rule on one node's configuration, at the rules' own severities.
pub fn node_findings(config: &KubeletConfig, node: &NodeFacts) -> Vec<NodeFinding> {
    let mut out = Vec::new();
    for rule in node_rules() {
        if let Check::Node(check) = rule.check {
            check(config, node, &mut out);
        }
    }
    out
}

/// Runs the node rules `settings` enables (`--select`, `--ignore`, `off` in the config file)
/// and gives each finding the severity the config file sets for its rule.
pub fn node_findings_with(
    config: &KubeletConfig,
    node: &NodeFacts,
    settings: &LintSettings,
) -> Vec<NodeFinding> {
    let mut out = Vec::new();
    for rule in node_rules().filter(|rule| settings.enabled(rule)) {
        let Check::Node(check) = rule.check else {
            continue;
        };
        let mut found = Vec::new();
        check(config, node, &mut found);
        out.extend(found.into_iter().map(|finding| NodeFinding {
            severity: settings.severity(rule, Some(finding.severity)),
            ..finding
        }));
    }
    out
}

/// The state of the soft `memory.available` threshold, judged entry by entry so that one
/// invalid unrelated entry does not hide it.
#[derive(Debug)]
pub(crate) enum SoftMemory {
    /// Not written.
    Absent,
    /// `0%` / `100%`, or a percentage of 0: never acts.
    Disabled(String),
    /// Written but invalid (the kubelet does not start): the reason.
    Invalid(String),
    /// No grace period entry (the kubelet does not start).
    NoGrace,
    /// A grace period of 0: it acts as a hard threshold.
    ZeroGrace,
    /// Usable.
    Active(Threshold),
}

/// Reads the soft `memory.available` threshold and its grace period.
pub(crate) fn soft_memory(config: &KubeletConfig) -> SoftMemory {
    let key = Signal::MemoryAvailable.as_str();
    let Some(value) = config.eviction_soft.as_ref().and_then(|m| m.get(key)) else {
        return SoftMemory::Absent;
    };
    let threshold = match parse_threshold_statement(key, value) {
        Err(error) => return SoftMemory::Invalid(error.to_string()),
        Ok(None) => return SoftMemory::Disabled(value.clone()),
        Ok(Some(threshold)) => threshold,
    };
    if threshold.value == ThresholdValue::Percentage(0.0) {
        return SoftMemory::Disabled(value.clone());
    }
    let Some(grace) = config
        .eviction_soft_grace_period
        .as_ref()
        .and_then(|m| m.get(key))
    else {
        return SoftMemory::NoGrace;
    };
    match GoDuration::parse(grace) {
        Err(error) => SoftMemory::Invalid(error.to_string()),
        Ok(period) if period.is_negative() => SoftMemory::Invalid(format!(
            "invalid eviction grace period specified: {grace}, must be a positive value"
        )),
        Ok(period) if period.is_zero() => SoftMemory::ZeroGrace,
        Ok(period) => SoftMemory::Active(Threshold {
            grace_period: period,
            ..threshold
        }),
    }
}

/// The hard `memory.available` threshold, when written and valid.
pub(crate) fn hard_memory(config: &KubeletConfig) -> Option<Threshold> {
    let key = Signal::MemoryAvailable.as_str();
    let value = config.eviction_hard.as_ref()?.get(key)?;
    parse_threshold_statement(key, value).ok().flatten()
}

/// `1Gi`, or `10% = 1.6Gi` when the node's memory is known.
pub(crate) fn describe_value(value: &ThresholdValue, node: &NodeFacts) -> String {
    match (value, node.capacity_bytes) {
        (ThresholdValue::Percentage(_), Some(capacity)) => match value.resolve(capacity) {
            Some(bytes) => format!("{value} = {}", format_bytes(bytes)),
            None => value.to_string(),
        },
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::{HashMap, HashSet};

    fn file(body: &str) -> KubeletConfig {
        let text = format!(
            "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n{body}"
        );
        KubeletConfig::from_file(&text, None).unwrap()
    }

    fn codes(findings: &[NodeFinding]) -> Vec<&str> {
        findings.iter().map(|f| f.code).collect()
    }

    const GOOD: &str = "\
evictionHard:
  memory.available: 1Gi
  nodefs.available: 10%
  nodefs.inodesFree: 5%
  imagefs.available: 15%
  imagefs.inodesFree: 5%
evictionSoft:
  memory.available: 2Gi
evictionSoftGracePeriod:
  memory.available: 1m30s
evictionMaxPodGracePeriod: 180
systemReserved:
  memory: 1Gi
kubeReserved:
  memory: 1Gi
failSwapOn: false
memorySwap:
  swapBehavior: LimitedSwap
";

    #[test]
    fn a_well_tuned_node_has_no_findings() {
        let facts = NodeFacts {
            kubelet_minor: Some(34),
            capacity_bytes: Some(64 << 30),
            ksm_label: Some(true),
            runs_overcommitted_vmis: Some(true),
            max_vmi_termination_grace_seconds: Some(120),
            swap_capacity_bytes: Some(8 << 30),
        };
        assert_eq!(
            codes(&node_findings(&file(GOOD), &facts)),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn a_default_config_file_trips_the_defaults_rules() {
        let facts = NodeFacts {
            ksm_label: Some(false),
            runs_overcommitted_vmis: Some(true),
            ..NodeFacts::default()
        };
        let findings = node_findings(&file(""), &facts);
        assert_eq!(
            codes(&findings),
            ["DEN101", "DEN102", "DEN104", "DEN106", "DEN107"]
        );
        let den102 = &findings[1];
        assert!(
            den102.message.contains("the default 100Mi"),
            "{}",
            den102.message
        );
        assert_eq!(den102.path, "evictionHard.memory.available");
        assert_eq!(den102.severity, Severity::Info);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(findings[3].path, "memorySwap.swapBehavior");
        assert!(findings[3].message.contains("NoSwap"));
        // Unknown facts keep their rules silent.
        assert_eq!(
            codes(&node_findings(&file(""), &NodeFacts::default())),
            ["DEN101", "DEN102", "DEN104"]
        );
    }

    #[test]
    fn partial_eviction_hard_is_den105_with_location() {
        let config = file("evictionHard:\n  memory.available: 500Mi\n");
        let findings = node_findings(&config, &NodeFacts::default());
        let den105 = findings.iter().find(|f| f.code == "DEN105").unwrap();
        assert!(
            den105.message.contains("sets only memory.available"),
            "{}",
            den105.message
        );
        assert!(den105.message.contains("imagefs.inodesFree<5%"));
        assert_eq!(den105.location.map(|p| (p.line, p.column)), Some((3, 1)));
        // Merged: nothing dropped.
        let merged =
            file("evictionHard:\n  memory.available: 500Mi\nmergeDefaultEvictionSettings: true\n");
        assert!(!codes(&node_findings(&merged, &NodeFacts::default())).contains(&"DEN105"));
        // Merge asked for on a kubelet that ignores it.
        let old = KubeletConfig::from_file(
            "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nevictionHard:\n  memory.available: 500Mi\nmergeDefaultEvictionSettings: true\n",
            Some(32),
        )
        .unwrap();
        let findings = node_findings(&old, &NodeFacts::default());
        let den105 = findings.iter().find(|f| f.code == "DEN105").unwrap();
        assert!(
            den105.message.contains("ignored by kubelet 1.32"),
            "{}",
            den105.message
        );
        // An empty map drops memory.available too.
        let empty = file("evictionHard: {}\n");
        let findings = node_findings(&empty, &NodeFacts::default());
        let den105 = findings.iter().find(|f| f.code == "DEN105").unwrap();
        assert!(den105.message.contains("only the OOM killer"));
        assert!(!codes(&findings).contains(&"DEN102"));
    }

    #[test]
    fn den101_variants() {
        let message = |body: &str, facts: &NodeFacts| {
            node_findings(&file(body), facts)
                .into_iter()
                .find(|f| f.code == "DEN101")
                .map(|f| f.message)
        };
        let none = NodeFacts::default();
        assert!(
            message("evictionSoft:\n  memory.available: 0%\n", &none)
                .unwrap()
                .contains("disables")
        );
        assert!(
            message("evictionSoft:\n  memory.available: 1Gi\n", &none)
                .unwrap()
                .contains("will not start")
        );
        assert!(
            message(
                "evictionSoft:\n  memory.available: 1Gi\nevictionSoftGracePeriod:\n  memory.available: 0s\n",
                &none
            )
            .unwrap()
            .contains("0s grace period")
        );
        // Soft not above hard.
        let below = "evictionHard:\n  memory.available: 1Gi\nevictionSoft:\n  memory.available: 500Mi\nevictionSoftGracePeriod:\n  memory.available: 1m\n";
        assert!(
            message(below, &none)
                .unwrap()
                .contains("not above the hard one (1Gi)")
        );
        // Percentage against quantity needs the node's memory.
        let mixed = "evictionSoft:\n  memory.available: 1%\nevictionSoftGracePeriod:\n  memory.available: 1m\n";
        assert_eq!(message(mixed, &none), None);
        let small = NodeFacts {
            capacity_bytes: Some(4 << 30),
            ..NodeFacts::default()
        };
        assert!(
            message(mixed, &small).unwrap().contains("1% = 40.96Mi"),
            "{:?}",
            message(mixed, &small)
        );
        let big = NodeFacts {
            capacity_bytes: Some(64 << 30),
            ..NodeFacts::default()
        };
        assert_eq!(message(mixed, &big), None);
    }

    #[test]
    fn den103_grace() {
        let soft = "evictionSoft:\n  memory.available: 2Gi\nevictionSoftGracePeriod:\n  memory.available: 1m\n";
        let findings = node_findings(&file(soft), &NodeFacts::default());
        let den103 = findings.iter().find(|f| f.code == "DEN103").unwrap();
        assert!(
            den103.message.contains("is 0 (not set)"),
            "{}",
            den103.message
        );
        assert_eq!(den103.path, "evictionMaxPodGracePeriod");
        let negative = format!("{soft}evictionMaxPodGracePeriod: -1\n");
        assert!(codes(&node_findings(&file(&negative), &NodeFacts::default())).contains(&"DEN103"));
        let short = format!("{soft}evictionMaxPodGracePeriod: 30\n");
        let facts = NodeFacts {
            max_vmi_termination_grace_seconds: Some(180),
            ..NodeFacts::default()
        };
        let findings = node_findings(&file(&short), &facts);
        let den103 = findings.iter().find(|f| f.code == "DEN103").unwrap();
        assert_eq!(den103.severity, Severity::Info);
        assert!(den103.help.contains("195"));
        // No soft eviction: nothing to say about its grace.
        assert!(!codes(&node_findings(&file(""), &NodeFacts::default())).contains(&"DEN103"));
    }

    #[test]
    fn den104_and_den106_details() {
        let zero = file("systemReserved:\n  memory: \"0\"\nkubeReserved:\n  cpu: 100m\n");
        assert!(codes(&node_findings(&zero, &NodeFacts::default())).contains(&"DEN104"));
        let kube_only = file("kubeReserved:\n  memory: 512Mi\n");
        assert!(!codes(&node_findings(&kube_only, &NodeFacts::default())).contains(&"DEN104"));

        let facts = NodeFacts {
            runs_overcommitted_vmis: Some(true),
            ..NodeFacts::default()
        };
        let limited_but_fail = file("memorySwap:\n  swapBehavior: LimitedSwap\n");
        let finding = node_findings(&limited_but_fail, &facts)
            .into_iter()
            .find(|f| f.code == "DEN106")
            .unwrap();
        assert_eq!(finding.path, "failSwapOn");
        let no_swap = NodeFacts {
            swap_capacity_bytes: Some(0),
            ..facts.clone()
        };
        let swapping = file("failSwapOn: false\nmemorySwap:\n  swapBehavior: LimitedSwap\n");
        assert!(!codes(&node_findings(&swapping, &facts)).contains(&"DEN106"));
        assert!(codes(&node_findings(&swapping, &no_swap)).contains(&"DEN106"));
    }

    #[test]
    fn rules_are_documented_and_ordered() {
        let codes: Vec<&str> = node_rules().map(|rule| rule.code).collect();
        assert_eq!(
            codes,
            [
                "DEN101", "DEN102", "DEN103", "DEN104", "DEN105", "DEN106", "DEN107"
            ]
        );
        let mut previous = "DEN100";
        for rule in node_rules() {
            assert!(rule.code > previous);
            previous = rule.code;
            for text in [
                rule.doc.summary,
                rule.doc.why,
                rule.doc.example,
                rule.doc.fix,
                rule.doc.memory,
            ] {
                assert!(text.trim().len() > 10, "{}", rule.code);
            }
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-')
            );
        }
    }

    #[test]
    fn settings_turn_rules_off_and_change_severities() {
        let facts = NodeFacts {
            ksm_label: Some(false),
            ..NodeFacts::default()
        };
        let settings = LintSettings {
            severity_overrides: HashMap::from([
                ("DEN102", None),
                ("DEN104", Some(Severity::Error)),
            ]),
            ignore: HashSet::from(["DEN107"]),
            ..LintSettings::default()
        };
        let findings = node_findings_with(&file(""), &facts, &settings);
        assert_eq!(codes(&findings), ["DEN101", "DEN104"]);
        assert_eq!(findings[1].severity, Severity::Error);
        let selected = LintSettings {
            select: HashSet::from(["DEN107"]),
            ..LintSettings::default()
        };
        assert_eq!(
            codes(&node_findings_with(&file(""), &facts, &selected)),
            ["DEN107"]
        );
        // Default settings change nothing.
        assert_eq!(
            node_findings_with(&file(""), &facts, &LintSettings::default()),
            node_findings(&file(""), &facts)
        );
    }
}
