//! Node rules DEN101–DEN107: what a node's kubelet configuration means for the VMs on it.
//!
//! Findings are plain data ([`NodeFinding`]); the rule registry decides severities from the
//! user's config, suppression and rendering. Each rule has a [`RuleDoc`] constant (usable in a
//! `static Rule` initialiser) and an entry in [`NODE_RULES`].
//!
//! The checks read the effective configuration, so they work the same on configz output and on
//! a defaulted config file. What the configuration cannot tell (kubelet version, node memory,
//! KSM label, the VMIs on the node) comes in [`NodeFacts`]; a rule whose fact is unknown stays
//! silent rather than guess.

use super::config::{
    KubeletConfig, MERGE_DEFAULT_EVICTION_SETTINGS_SINCE, NEWEST_KUBELET_MINOR,
    default_eviction_hard,
};
use super::duration::GoDuration;
use super::thresholds::{Signal, Threshold, ThresholdValue, parse_threshold_statement};
use crate::diagnostic::Severity;
use crate::manifest::yaml::Pos;
use crate::quantity::{Quantity, format_bytes};
use crate::rules::RuleDoc;

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

/// One node finding, before the registry turns it into a located `Finding`.
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

/// A node rule's identity, default severity and documentation.
#[derive(Debug)]
pub struct NodeRule {
    /// The stable code, e.g. `DEN101`.
    pub code: &'static str,
    /// The kebab-case name, e.g. `no-soft-eviction`.
    pub name: &'static str,
    /// The default severity (a finding may override it, see [`NodeFinding::severity`]).
    pub severity: Severity,
    /// The rule's documentation page.
    pub doc: RuleDoc,
}

/// DEN101's documentation.
pub const DEN101_DOC: RuleDoc = RuleDoc {
    summary: "The kubelet has no soft eviction threshold for `memory.available` (or one that can \
              never act), so memory pressure is only ever handled by hard eviction.",
    why: "A hard eviction gives the pod one second: for a VM that is a power cut, with no guest \
          shutdown and possible data loss. A soft threshold above the hard one lets the kubelet \
          evict earlier, after a grace period, and give the virt-launcher pod time to shut the \
          guest down. Overcommitted (Burstable) VMIs are the first to be evicted, so density \
          setups need this most.",
    example: "evictionHard:\n  memory.available: 100Mi\n# no evictionSoft / evictionSoftGracePeriod\n",
    fix: "Add `evictionSoft: {memory.available: 1Gi}` (above the hard threshold), \
          `evictionSoftGracePeriod: {memory.available: 1m30s}` and an \
          `evictionMaxPodGracePeriod` long enough for a guest shutdown.",
    memory: "None directly; it decides whether VMs evicted under memory pressure shut down \
             cleanly. The soft threshold itself is not reserved from allocatable memory.",
};

/// DEN102's documentation.
pub const DEN102_DOC: RuleDoc = RuleDoc {
    summary: "The hard eviction threshold for `memory.available` is the 100Mi default.",
    why: "100Mi is a small margin on a VM host: guests and QEMU allocate in large steps, so the \
          kernel OOM killer can act before the kubelet notices the pressure, and it kills a \
          process inside a virt-launcher pod instead of evicting a pod.",
    example: "# evictionHard not set: memory.available<100Mi, nodefs.available<10%, …\n",
    fix: "Raise `evictionHard.memory.available` (for example 500Mi–1Gi, or a percentage on large \
          nodes) and keep the other default signals (set them too, or \
          `mergeDefaultEvictionSettings: true` on kubelet 1.33+).",
    memory: "The hard threshold is subtracted from allocatable memory: raising it from 100Mi to \
             1Gi makes 924Mi less schedulable, in exchange for the kubelet acting before the \
             OOM killer.",
};

/// DEN103's documentation.
pub const DEN103_DOC: RuleDoc = RuleDoc {
    summary: "Soft eviction is configured but `evictionMaxPodGracePeriod` is 0 or negative (or \
              shorter than the VMs' termination grace period).",
    why: "On a soft eviction the kubelet gives the pod min(evictionMaxPodGracePeriod, \
          terminationGracePeriodSeconds) seconds, at least 1. With 0 (the default) a soft \
          eviction is as abrupt as a hard one and the soft threshold buys the VM nothing; a \
          negative value does not defer to the pod either (kubernetes#118172).",
    example: "evictionSoft:\n  memory.available: 1Gi\nevictionSoftGracePeriod:\n  memory.available: 1m30s\n# evictionMaxPodGracePeriod not set (0)\n",
    fix: "Set `evictionMaxPodGracePeriod` to at least the VMs' terminationGracePeriodSeconds \
          (KubeVirt's default is 30s; virt-launcher pods add 15s of padding), e.g. 60–180.",
    memory: "None; it decides how long an evicted VM has to shut down.",
};

/// DEN104's documentation.
pub const DEN104_DOC: RuleDoc = RuleDoc {
    summary: "Neither `systemReserved` nor `kubeReserved` reserves memory.",
    why: "Allocatable memory is then capacity minus the hard eviction threshold only: the \
          scheduler can fill the node with VMs up to the point where the kubelet, the container \
          runtime, virt-handler and system daemons compete with them, which ends in evictions \
          or OOM kills.",
    example: "systemReserved:\n  cpu: 500m      # no memory\n# kubeReserved not set\n",
    fix: "Reserve memory for the host, e.g. `systemReserved: {memory: 1Gi}` and \
          `kubeReserved: {memory: 1Gi}` (more on large nodes; measure the system and kube \
          slices' usage).",
    memory: "What you reserve is subtracted from allocatable memory, so fewer VMs are scheduled, \
             but the ones that are keep running.",
};

/// DEN105's documentation.
pub const DEN105_DOC: RuleDoc = RuleDoc {
    summary: "`evictionHard` is set partially without `mergeDefaultEvictionSettings`, so the \
              other default signals are gone.",
    why: "A kubelet config file that sets any `evictionHard` key replaces the whole default map \
          (memory.available<100Mi, nodefs.available<10%, nodefs.inodesFree<5%, \
          imagefs.available<15%, imagefs.inodesFree<5%): the signals not written are not \
          watched at all. Disk pressure then fills the node's disks instead of evicting pods; \
          without memory.available only the OOM killer acts.",
    example: "evictionHard:\n  memory.available: 500Mi   # nodefs/imagefs thresholds dropped\n",
    fix: "Write every signal you want in `evictionHard`, or set \
          `mergeDefaultEvictionSettings: true` (kubelet 1.33+) so the unwritten ones keep their \
          defaults.",
    memory: "A dropped `memory.available` threshold also drops its reservation from allocatable \
             memory (100Mi by default).",
};

/// DEN106's documentation.
pub const DEN106_DOC: RuleDoc = RuleDoc {
    summary: "The node runs overcommitted VMIs but pods cannot swap (`NoSwap`, or \
              `failSwapOn: true`).",
    why: "Overcommitted VMIs are Burstable and use more than they request when guests touch \
          their memory. Without swap the only relief is eviction; with `LimitedSwap` \
          (NodeSwap, GA in 1.34, cgroup v2) Burstable pods can swap cold guest pages instead.",
    example: "failSwapOn: true\nmemorySwap: {}   # NoSwap\n",
    fix: "Provision swap on the node, set `failSwapOn: false` and \
          `memorySwap: {swapBehavior: LimitedSwap}`.",
    memory: "Each Burstable container may swap up to request/MemTotal of the node's swap.",
};

/// DEN107's documentation.
pub const DEN107_DOC: RuleDoc = RuleDoc {
    summary: "The node is not labelled `kubevirt.io/ksm-enabled=true`.",
    why: "Kernel samepage merging lets many similar guests (same OS image) share identical \
          memory pages; KubeVirt's virt-handler enables it on the nodes selected by the \
          KubeVirt CR and labels them. Without it every guest page costs physical memory.",
    example: "metadata:\n  labels: {}   # no kubevirt.io/ksm-enabled\n",
    fix: "Select the node in the KubeVirt CR's `spec.configuration.ksmConfiguration.\
          nodeLabelSelector` (an empty selector selects every node).",
    memory: "Workload-dependent: often 10–30% of guest memory for fleets of identical guests, \
             paid for with some CPU.",
};

/// DEN101 no-soft-eviction.
pub static NO_SOFT_EVICTION: NodeRule = NodeRule {
    code: "DEN101",
    name: "no-soft-eviction",
    severity: Severity::Warning,
    doc: DEN101_DOC,
};
/// DEN102 default-hard-eviction.
pub static DEFAULT_HARD_EVICTION: NodeRule = NodeRule {
    code: "DEN102",
    name: "default-hard-eviction",
    severity: Severity::Info,
    doc: DEN102_DOC,
};
/// DEN103 no-eviction-grace.
pub static NO_EVICTION_GRACE: NodeRule = NodeRule {
    code: "DEN103",
    name: "no-eviction-grace",
    severity: Severity::Warning,
    doc: DEN103_DOC,
};
/// DEN104 no-reserved-memory.
pub static NO_RESERVED_MEMORY: NodeRule = NodeRule {
    code: "DEN104",
    name: "no-reserved-memory",
    severity: Severity::Warning,
    doc: DEN104_DOC,
};
/// DEN105 eviction-defaults-dropped.
pub static EVICTION_DEFAULTS_DROPPED: NodeRule = NodeRule {
    code: "DEN105",
    name: "eviction-defaults-dropped",
    severity: Severity::Warning,
    doc: DEN105_DOC,
};
/// DEN106 no-swap-for-overcommit.
pub static NO_SWAP_FOR_OVERCOMMIT: NodeRule = NodeRule {
    code: "DEN106",
    name: "no-swap-for-overcommit",
    severity: Severity::Info,
    doc: DEN106_DOC,
};
/// DEN107 ksm-disabled.
pub static KSM_DISABLED: NodeRule = NodeRule {
    code: "DEN107",
    name: "ksm-disabled",
    severity: Severity::Info,
    doc: DEN107_DOC,
};

/// Every node rule, in code order.
pub static NODE_RULES: [&NodeRule; 7] = [
    &NO_SOFT_EVICTION,
    &DEFAULT_HARD_EVICTION,
    &NO_EVICTION_GRACE,
    &NO_RESERVED_MEMORY,
    &EVICTION_DEFAULTS_DROPPED,
    &NO_SWAP_FOR_OVERCOMMIT,
    &KSM_DISABLED,
];

/// Runs every node rule on one node's configuration.
pub fn node_findings(config: &KubeletConfig, node: &NodeFacts) -> Vec<NodeFinding> {
    let mut out = Vec::new();
    let mut push =
        |rule: &NodeRule, severity: Option<Severity>, path: &str, message: String, help: String| {
            out.push(NodeFinding {
                code: rule.code,
                name: rule.name,
                severity: severity.unwrap_or(rule.severity),
                message,
                help,
                path: path.to_string(),
                location: config.position(path),
            });
        };
    let soft = soft_memory(config);
    let hard = hard_memory(config);

    // DEN101: a soft memory threshold that can act.
    if let Some(message) = den101_message(&soft, hard.as_ref(), node) {
        push(
            &NO_SOFT_EVICTION,
            None,
            "evictionSoft.memory.available",
            message,
            format!(
                "set evictionSoft.memory.available above the hard threshold{} (e.g. 1Gi), \
                 evictionSoftGracePeriod.memory.available (e.g. 1m30s) and \
                 evictionMaxPodGracePeriod, so VMs are shut down rather than killed",
                hard.as_ref()
                    .map(|h| format!(" ({})", describe_value(&h.value, node)))
                    .unwrap_or_default()
            ),
        );
    }

    // DEN102: the 100Mi default hard threshold.
    if let Some(hard) = &hard
        && let ThresholdValue::Quantity(quantity) = &hard.value
        && quantity.value() == Some(100 << 20)
    {
        let defaulted = config.is_defaulted("evictionHard.memory.available");
        push(
            &DEFAULT_HARD_EVICTION,
            None,
            "evictionHard.memory.available",
            format!(
                "the hard eviction threshold for memory.available is {}100Mi: the kernel OOM \
                 killer can act before the kubelet evicts anything{}",
                if defaulted { "the default " } else { "" },
                node.capacity_bytes
                    .filter(|c| *c > 0)
                    .map(|c| {
                        // Basis points of the node's memory, printed as a percentage.
                        let bp = 10_000 * (100_i64 << 20) / c;
                        format!(
                            " (100Mi is {}.{:02}% of this node's memory)",
                            bp / 100,
                            bp % 100
                        )
                    })
                    .unwrap_or_default()
            ),
            "raise evictionHard.memory.available (e.g. 500Mi–1Gi on VM hosts) and keep the \
             other default signals (write them, or mergeDefaultEvictionSettings: true on 1.33+)"
                .to_string(),
        );
    }

    // DEN103: soft eviction without shutdown time.
    let soft_active = config
        .thresholds()
        .map(|all| all.iter().any(|t| !t.is_hard()))
        .unwrap_or_else(|_| matches!(soft, SoftMemory::Active(_)));
    if soft_active {
        let max = config.max_pod_grace_period_seconds();
        if max <= 0 {
            push(
                &NO_EVICTION_GRACE,
                None,
                "evictionMaxPodGracePeriod",
                format!(
                    "soft eviction is configured but evictionMaxPodGracePeriod is {max}{}: a \
                     soft-evicted VM gets 1s to shut down, as on a hard eviction",
                    if config.eviction_max_pod_grace_period.is_none() {
                        " (not set)"
                    } else {
                        ""
                    }
                ),
                format!(
                    "set evictionMaxPodGracePeriod to at least the VMs' \
                     terminationGracePeriodSeconds ({}s) plus the 15s virt-launcher padding",
                    node.max_vmi_termination_grace_seconds
                        .unwrap_or(KUBEVIRT_DEFAULT_TERMINATION_GRACE_SECONDS)
                ),
            );
        } else if let Some(vm_grace) = node.max_vmi_termination_grace_seconds
            && i64::from(max) < vm_grace
        {
            push(
                &NO_EVICTION_GRACE,
                Some(Severity::Info),
                "evictionMaxPodGracePeriod",
                format!(
                    "evictionMaxPodGracePeriod is {max}s but VMs on this node ask for up to \
                     {vm_grace}s to shut down: a soft eviction cuts their shutdown short"
                ),
                format!(
                    "raise evictionMaxPodGracePeriod to at least {}",
                    vm_grace + 15
                ),
            );
        }
    }

    // DEN104: no memory reservation.
    if !reserves_memory(config.system_reserved.as_ref())
        && !reserves_memory(config.kube_reserved.as_ref())
    {
        push(
            &NO_RESERVED_MEMORY,
            None,
            "systemReserved.memory",
            "neither systemReserved nor kubeReserved reserves memory: the scheduler can fill \
             the node with VMs up to the hard eviction threshold, leaving nothing for the \
             kubelet, the container runtime and system daemons"
                .to_string(),
            "reserve memory for the host, e.g. systemReserved: {memory: 1Gi} and \
             kubeReserved: {memory: 1Gi}"
                .to_string(),
        );
    }

    // DEN105: default hard signals dropped by a partial map.
    let minor = node
        .kubelet_minor
        .or(config.defaulted_for_minor)
        .unwrap_or(NEWEST_KUBELET_MINOR);
    let present = config.eviction_hard.clone().unwrap_or_default();
    let dropped: Vec<String> = default_eviction_hard(minor)
        .into_iter()
        .filter(|(key, _)| !present.contains_key(key))
        .map(|(key, value)| format!("{key}<{value}"))
        .collect();
    if !dropped.is_empty() {
        let merge = config.merge_default_eviction_settings == Some(true);
        let why = if merge && minor < MERGE_DEFAULT_EVICTION_SETTINGS_SINCE {
            format!(
                "mergeDefaultEvictionSettings: true is ignored by kubelet 1.{minor} (it needs 1.{MERGE_DEFAULT_EVICTION_SETTINGS_SINCE})"
            )
        } else {
            "mergeDefaultEvictionSettings is not true".to_string()
        };
        let memory_gone = !present.contains_key(Signal::MemoryAvailable.as_str());
        push(
            &EVICTION_DEFAULTS_DROPPED,
            None,
            "evictionHard",
            format!(
                "evictionHard {} and {why}: the default thresholds {} are not applied{}",
                if present.is_empty() {
                    "is empty".to_string()
                } else {
                    format!(
                        "sets only {}",
                        present.keys().cloned().collect::<Vec<_>>().join(", ")
                    )
                },
                dropped.join(", "),
                if memory_gone {
                    "; without memory.available only the OOM killer reacts to memory pressure"
                } else {
                    ""
                }
            ),
            if minor >= MERGE_DEFAULT_EVICTION_SETTINGS_SINCE {
                "set mergeDefaultEvictionSettings: true, or write the missing signals in evictionHard"
                    .to_string()
            } else {
                "write the missing signals in evictionHard (mergeDefaultEvictionSettings needs kubelet 1.33+)"
                    .to_string()
            },
        );
    }

    // DEN106: overcommitted VMIs without swap.
    if node.runs_overcommitted_vmis == Some(true) {
        let no_swap_provisioned = node.swap_capacity_bytes == Some(0);
        if !config.swap_enabled_for_pods() || no_swap_provisioned {
            let (path, state) = if config.effective_swap_behavior() != "LimitedSwap" {
                (
                    "memorySwap.swapBehavior",
                    format!("swapBehavior is {}", config.effective_swap_behavior()),
                )
            } else if config.effective_fail_swap_on() {
                ("failSwapOn", "failSwapOn is true".to_string())
            } else {
                (
                    "memorySwap.swapBehavior",
                    "the node has no swap".to_string(),
                )
            };
            push(
                &NO_SWAP_FOR_OVERCOMMIT,
                None,
                path,
                format!(
                    "the node runs overcommitted VMIs but {state}: under memory pressure they \
                     can only be evicted, not swapped"
                ),
                "provision swap, set failSwapOn: false and memorySwap.swapBehavior: \
                 LimitedSwap (NodeSwap, cgroup v2)"
                    .to_string(),
            );
        }
    }

    // DEN107: KSM.
    if node.ksm_label == Some(false) {
        push(
            &KSM_DISABLED,
            None,
            &format!("metadata.labels.{KSM_LABEL}"),
            format!("the node is not labelled {KSM_LABEL}=true: KSM does not merge identical guest pages here"),
            "select the node in the KubeVirt CR's spec.configuration.ksmConfiguration.nodeLabelSelector"
                .to_string(),
        );
    }
    out
}

/// The state of the soft `memory.available` threshold, judged entry by entry so that one
/// invalid unrelated entry does not hide it.
#[derive(Debug)]
enum SoftMemory {
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

fn soft_memory(config: &KubeletConfig) -> SoftMemory {
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
fn hard_memory(config: &KubeletConfig) -> Option<Threshold> {
    let key = Signal::MemoryAvailable.as_str();
    let value = config.eviction_hard.as_ref()?.get(key)?;
    parse_threshold_statement(key, value).ok().flatten()
}

fn den101_message(soft: &SoftMemory, hard: Option<&Threshold>, node: &NodeFacts) -> Option<String> {
    let base = "VMIs are only ever hard-evicted, which gives them 1s: a power cut";
    Some(match soft {
        SoftMemory::Absent => format!("no soft eviction threshold for memory.available: {base}"),
        SoftMemory::Disabled(value) => {
            format!(
                "the soft eviction threshold memory.available is {value}, which disables it: {base}"
            )
        }
        SoftMemory::Invalid(reason) => format!(
            "the soft eviction threshold for memory.available is invalid ({reason}); the \
             kubelet will not start with it"
        ),
        SoftMemory::NoGrace => "evictionSoft.memory.available has no \
                                evictionSoftGracePeriod.memory.available; the kubelet will not \
                                start with it"
            .to_string(),
        SoftMemory::ZeroGrace => format!(
            "the soft eviction threshold for memory.available has a 0s grace period, so the \
             kubelet treats it as a hard threshold: {base}"
        ),
        SoftMemory::Active(soft) => {
            let hard = hard?;
            let capacity = node.capacity_bytes;
            let (soft_bytes, hard_bytes) = match (&soft.value, &hard.value, capacity) {
                (ThresholdValue::Quantity(s), ThresholdValue::Quantity(h), _) => {
                    (s.value()?, h.value()?)
                }
                (s, h, Some(capacity)) => (s.resolve(capacity)?, h.resolve(capacity)?),
                (ThresholdValue::Percentage(s), ThresholdValue::Percentage(h), None) => {
                    if s > h {
                        return None;
                    }
                    return Some(format!(
                        "the soft eviction threshold for memory.available ({}) is not above the \
                         hard one ({}): the hard threshold is reached first and {base}",
                        soft.value, hard.value
                    ));
                }
                _ => return None,
            };
            if soft_bytes > hard_bytes {
                return None;
            }
            format!(
                "the soft eviction threshold for memory.available ({}) is not above the hard \
                 one ({}): the hard threshold is reached first and {base}",
                describe_value(&soft.value, node),
                describe_value(&hard.value, node)
            )
        }
    })
}

/// `1Gi`, or `10% = 1.6Gi` when the node's memory is known.
fn describe_value(value: &ThresholdValue, node: &NodeFacts) -> String {
    match (value, node.capacity_bytes) {
        (ThresholdValue::Percentage(_), Some(capacity)) => match value.resolve(capacity) {
            Some(bytes) => format!("{value} = {}", format_bytes(bytes)),
            None => value.to_string(),
        },
        _ => value.to_string(),
    }
}

/// Whether a reserved map reserves a non-zero amount of memory. An unparsable value counts as
/// reserving: it is an error the allocatable computation reports.
fn reserves_memory(map: Option<&std::collections::BTreeMap<String, String>>) -> bool {
    map.and_then(|m| m.get("memory"))
        .is_some_and(|value| Quantity::parse(value).map_or(true, |q| !q.is_zero()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut previous = "DEN100";
        for rule in NODE_RULES {
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
}
