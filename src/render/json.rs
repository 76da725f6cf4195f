//! JSON documents (SPEC §6): the `LintReport`, and the rule list.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::json;

use super::API_VERSION;
use crate::diagnostic::{Finding, Severity};
use crate::kubevirt::explain::Explanation;
use crate::kubevirt::plan::PlanItem;
use crate::rules::RULES;
use crate::rules::engine::LintReport;

#[derive(Serialize)]
struct LintDocument<'a> {
    #[serde(rename = "apiVersion")]
    api_version: &'static str,
    kind: &'static str,
    findings: Vec<FindingJson<'a>>,
    summary: serde_json::Value,
}

/// A finding as the contract shapes it: `location` absent (not null) for live objects.
#[derive(Serialize)]
struct FindingJson<'a> {
    rule: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    help: &'a str,
    object: &'a Option<crate::diagnostic::ObjectId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: &'a Option<crate::diagnostic::Location>,
    path: &'a str,
    #[serde(rename = "savingsBytes")]
    savings_bytes: Option<i64>,
    fixable: bool,
}

impl<'a> From<&'a Finding> for FindingJson<'a> {
    fn from(f: &'a Finding) -> Self {
        FindingJson {
            rule: f.rule,
            name: f.name,
            severity: f.severity,
            message: &f.message,
            help: &f.help,
            object: &f.object,
            location: &f.location,
            path: &f.path,
            savings_bytes: f.savings_bytes,
            fixable: f.fixable,
        }
    }
}

/// Writes the lint report as one JSON document.
pub fn lint(out: &mut impl Write, report: &LintReport) -> io::Result<()> {
    let document = LintDocument {
        api_version: API_VERSION,
        kind: "LintReport",
        findings: report.findings.iter().map(FindingJson::from).collect(),
        summary: json!({
            "objects": report.objects,
            "skipped": report.skipped,
            "findings": report.findings.len(),
            "bySeverity": {
                "error": report.count(Severity::Error),
                "warning": report.count(Severity::Warning),
                "info": report.count(Severity::Info),
            },
            "savingsBytes": report.savings_bytes,
        }),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

/// Writes the rule registry as JSON.
pub fn rule_list(out: &mut impl Write) -> io::Result<()> {
    let rules: Vec<_> = RULES
        .iter()
        .map(|rule| {
            json!({
                "code": rule.code,
                "name": rule.name,
                "severity": rule.severity,
                "fixable": rule.fixable,
                "summary": rule.doc.summary.split_whitespace().collect::<Vec<_>>().join(" "),
            })
        })
        .collect();
    serde_json::to_writer_pretty(
        &mut *out,
        &json!({"apiVersion": API_VERSION, "kind": "RuleList", "rules": rules}),
    )?;
    writeln!(out)
}

/// The `Explanation` document (SPEC §6).
pub fn explanation_document(items: &[Explanation]) -> serde_json::Value {
    json!({
        "apiVersion": API_VERSION,
        "kind": "Explanation",
        "items": items,
    })
}

/// Writes explanations as one JSON document.
pub fn explanations(out: &mut impl Write, items: &[Explanation]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &explanation_document(items))?;
    writeln!(out)
}

/// The `Plan` document (SPEC §6).
pub fn plan_document(items: &[PlanItem]) -> serde_json::Value {
    json!({
        "apiVersion": API_VERSION,
        "kind": "Plan",
        "items": items,
    })
}

/// Writes plans as one JSON document.
pub fn plans(out: &mut impl Write, items: &[PlanItem]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &plan_document(items))?;
    writeln!(out)
}

/// The `EvictionReport` document (SPEC §6). Findings have the lint findings' shape:
/// `location` absent (not null) for live nodes.
pub fn eviction_document(report: &crate::kubelet::report::EvictionReport) -> serde_json::Value {
    let mut nodes = serde_json::to_value(&report.nodes).unwrap_or_default();
    for node in nodes.as_array_mut().into_iter().flatten() {
        for finding in node["findings"].as_array_mut().into_iter().flatten() {
            if let Some(finding) = finding.as_object_mut()
                && finding
                    .get("location")
                    .is_some_and(serde_json::Value::is_null)
            {
                finding.remove("location");
            }
        }
    }
    json!({
        "apiVersion": API_VERSION,
        "kind": "EvictionReport",
        "nodes": nodes,
    })
}

/// Writes the eviction report as one JSON document.
pub fn eviction(
    out: &mut impl Write,
    report: &crate::kubelet::report::EvictionReport,
) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &eviction_document(report))?;
    writeln!(out)
}
