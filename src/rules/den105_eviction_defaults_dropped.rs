//! DEN105 eviction-defaults-dropped: a partial `evictionHard` drops the other default signals.

use super::{Check, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;
use crate::kubelet::config::{MERGE_DEFAULT_EVICTION_SETTINGS_SINCE, default_eviction_hard};
use crate::kubelet::thresholds::Signal;
use crate::kubelet::{KubeletConfig, NEWEST_KUBELET_MINOR, NodeFacts, NodeFinding};

pub static RULE: Rule = Rule {
    code: "DEN105",
    name: "eviction-defaults-dropped",
    severity: Severity::Warning,
    fixable: false,
    scope: Scope::Node,
    doc: RuleDoc {
        summary: "`evictionHard` is set partially without `mergeDefaultEvictionSettings`, so the \
                  other default signals are gone.",
        why: "A kubelet config file that sets any `evictionHard` key replaces the whole default \
              map (memory.available<100Mi, nodefs.available<10%, nodefs.inodesFree<5%, \
              imagefs.available<15%, imagefs.inodesFree<5%): the signals not written are not \
              watched at all. Disk pressure then fills the node's disks instead of evicting \
              pods; without memory.available only the OOM killer acts.",
        example: "evictionHard:\n  memory.available: 500Mi   # nodefs/imagefs thresholds dropped\n",
        fix: "Write every signal you want in `evictionHard`, or set \
              `mergeDefaultEvictionSettings: true` (kubelet 1.33+) so the unwritten ones keep \
              their defaults.",
        memory: "A dropped `memory.available` threshold also drops its reservation from \
                 allocatable memory (100Mi by default).",
    },
    check: Check::Node(check),
};

fn check(config: &KubeletConfig, node: &NodeFacts, out: &mut Vec<NodeFinding>) {
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
    if dropped.is_empty() {
        return;
    }
    let merge = config.merge_default_eviction_settings == Some(true);
    let why = if merge && minor < MERGE_DEFAULT_EVICTION_SETTINGS_SINCE {
        format!(
            "mergeDefaultEvictionSettings: true is ignored by kubelet 1.{minor} (it needs 1.{MERGE_DEFAULT_EVICTION_SETTINGS_SINCE})"
        )
    } else {
        "mergeDefaultEvictionSettings is not true".to_string()
    };
    let memory_gone = !present.contains_key(Signal::MemoryAvailable.as_str());
    out.push(NodeFinding::new(
        &RULE,
        config,
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
    ));
}
