//! The lint rules: one file per rule (its documentation and its check), and the registry.
//!
//! An object rule ([`Check::Object`]) sees one KubeVirt object through a [`Context`] and
//! reports [`Report`]s that point at nodes of the positioned tree; the engine turns them into
//! located findings, applies severities from the config, suppression annotations and
//! `--select`/`--ignore`. A node rule ([`Check::Node`], DEN101–DEN107) sees one node's kubelet
//! configuration and what else is known about the node, and reports
//! [`NodeFinding`](crate::kubelet::NodeFinding)s; `kubelet::rules::node_findings` runs them.
//! Rules are pure: no I/O, no printing.

pub mod engine;

mod den000_invalid_manifest;
mod den001_graphics_device_attached;
mod den002_guest_overhead_requested;
mod den003_guest_memory_not_overcommitted;
mod den004_guest_memory_exceeds_limit;
mod den005_unknown_field;
mod den006_misplaced_field;
mod den007_invalid_quantity;
mod den008_missing_memory;
mod den009_requests_exceed_limits;
mod den010_overhead_overcommit_breaks_guaranteed;
mod den011_dedicated_cpu_memory_mismatch;
mod den012_overcommitted_long_lived_vm;
mod den013_instancetype_memory_conflict;
mod den014_deprecated_api_version;
mod den015_hugepages_overcommit;
mod den016_video_without_graphics;
mod den101_no_soft_eviction;
mod den102_default_hard_eviction;
mod den103_no_eviction_grace;
mod den104_no_reserved_memory;
mod den105_eviction_defaults_dropped;
mod den106_no_swap_for_overcommit;
mod den107_ksm_disabled;
mod schema_walk;

pub use den000_invalid_manifest::RULE as INVALID_MANIFEST;

use crate::diagnostic::Severity;
use crate::kubelet::{KubeletConfig, NodeFacts, NodeFinding};
use crate::kubevirt::facts::VmiFacts;
use crate::kubevirt::{ClusterModel, KubeVirtObject};
use crate::manifest::yaml::Node;

/// A rule's documentation, in a fixed outline (`kubectl density rules ID`, `docs/rules/`).
#[derive(Debug)]
pub struct RuleDoc {
    /// One sentence: what it checks.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A manifest excerpt that triggers it.
    pub example: &'static str,
    /// How to fix it (and whether `apply-overcommit` can).
    pub fix: &'static str,
    /// The memory at stake.
    pub memory: &'static str,
}

/// Whether a rule checks objects (manifests, live VMs) or nodes (kubelet configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Object,
    Node,
}

/// A lint rule.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub fixable: bool,
    pub scope: Scope,
    pub doc: RuleDoc,
    pub check: Check,
}

/// A rule's check; its kind matches the rule's [`Scope`].
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// Checks one object (manifest or live VM/VMI).
    Object(for<'a> fn(&Context<'a>, &mut Vec<Report<'a>>)),
    /// Checks one node's kubelet configuration, with what else is known about the node.
    Node(fn(&KubeletConfig, &NodeFacts, &mut Vec<NodeFinding>)),
}

/// Everything a rule may look at for one object.
pub struct Context<'a> {
    pub object: &'a KubeVirtObject<'a>,
    pub model: &'a ClusterModel,
    /// The VMI spec's facts as written (instancetype and preference applied when resolved).
    pub facts: &'a VmiFacts,
    /// The same after KubeVirt's mutating-webhook defaults: what the launcher is rendered
    /// from, so what overhead numbers use.
    pub defaulted: &'a VmiFacts,
    /// The resolved instancetype's `spec`, when the VM references one found in the input.
    pub instancetype: Option<&'a Node>,
    /// Unknown or misplaced keys and wrongly typed values found by the schema walk.
    pub schema_issues: &'a [schema_walk::SchemaIssue<'a>],
}

/// One problem a rule found, before the engine locates it.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    /// The node to point at: the offending key or value, or the key of the mapping where a
    /// missing key belongs.
    pub at: &'a Node,
    /// JSON path of the field (or of where the missing field belongs).
    pub path: String,
    pub message: String,
    pub help: String,
    /// Overrides the rule's default severity (rules whose severity depends on the case).
    pub severity: Option<Severity>,
    /// Memory the fix frees per VMI.
    pub savings: Option<i64>,
}

impl<'a> Report<'a> {
    pub fn new(at: &'a Node, path: String, message: String, help: String) -> Report<'a> {
        Report {
            at,
            path,
            message,
            help,
            severity: None,
            savings: None,
        }
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }

    pub fn savings(mut self, bytes: i64) -> Self {
        self.savings = Some(bytes);
        self
    }
}

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &den000_invalid_manifest::RULE,
    &den001_graphics_device_attached::RULE,
    &den002_guest_overhead_requested::RULE,
    &den003_guest_memory_not_overcommitted::RULE,
    &den004_guest_memory_exceeds_limit::RULE,
    &den005_unknown_field::RULE,
    &den006_misplaced_field::RULE,
    &den007_invalid_quantity::RULE,
    &den008_missing_memory::RULE,
    &den009_requests_exceed_limits::RULE,
    &den010_overhead_overcommit_breaks_guaranteed::RULE,
    &den011_dedicated_cpu_memory_mismatch::RULE,
    &den012_overcommitted_long_lived_vm::RULE,
    &den013_instancetype_memory_conflict::RULE,
    &den014_deprecated_api_version::RULE,
    &den015_hugepages_overcommit::RULE,
    &den016_video_without_graphics::RULE,
    &den101_no_soft_eviction::RULE,
    &den102_default_hard_eviction::RULE,
    &den103_no_eviction_grace::RULE,
    &den104_no_reserved_memory::RULE,
    &den105_eviction_defaults_dropped::RULE,
    &den106_no_swap_for_overcommit::RULE,
    &den107_ksm_disabled::RULE,
];

/// Finds a rule by code (`DEN002`, case-insensitive) or name (`guest-overhead-requested`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    let wanted = code_or_name.trim();
    RULES
        .iter()
        .copied()
        .find(|rule| rule.code.eq_ignore_ascii_case(wanted) || rule.name == wanted)
}

/// Formats bytes for messages (`32Mi`, `1.2Gi`).
pub(crate) fn bytes(value: i64) -> String {
    crate::quantity::format_bytes(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_ordered_and_kebab_case() {
        let mut previous = "";
        for rule in RULES {
            assert!(rule.code > previous, "{} out of order", rule.code);
            previous = rule.code;
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                rule.name
            );
            assert_eq!(RULES.iter().filter(|r| r.name == rule.name).count(), 1);
        }
    }

    #[test]
    fn every_rule_is_fully_documented() {
        for rule in RULES {
            let doc = &rule.doc;
            for (part, text) in [
                ("summary", doc.summary),
                ("why", doc.why),
                ("example", doc.example),
                ("fix", doc.fix),
                ("memory", doc.memory),
            ] {
                assert!(text.trim().len() > 10, "{} has no {part}", rule.code);
            }
        }
    }

    #[test]
    fn rules_are_found_by_code_or_name() {
        assert_eq!(find("den002").map(|r| r.code), Some("DEN002"));
        assert_eq!(
            find("guest-overhead-requested").map(|r| r.code),
            Some("DEN002")
        );
        assert!(find("DEN999").is_none());
        assert_eq!(find("no-soft-eviction").map(|r| r.code), Some("DEN101"));
    }

    #[test]
    fn checks_match_scopes() {
        for rule in RULES {
            let node = matches!(rule.check, Check::Node(_));
            assert_eq!(node, rule.scope == Scope::Node, "{}", rule.code);
            assert_eq!(node, rule.code >= "DEN100", "{}", rule.code);
            if node {
                assert!(!rule.fixable, "{}", rule.code);
            }
        }
    }
}
