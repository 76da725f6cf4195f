//! SARIF 2.1.0 for code-scanning UIs: one run, the rule registry as `tool.driver.rules`,
//! one result per finding with the exact region.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::diagnostic::Severity;
use crate::rules::RULES;
use crate::rules::engine::LintReport;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A file path as a SARIF artifact URI (relative paths stay relative, `./` dropped).
fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    path.replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20")
}

/// Writes the report as a SARIF log.
pub fn lint(out: &mut impl Write, report: &LintReport) -> io::Result<()> {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": one_line(rule.doc.summary)},
                "fullDescription": {"text": one_line(rule.doc.why)},
                "help": {
                    "text": one_line(rule.doc.fix),
                    "markdown": crate::render::markdown::rule_doc_string(rule),
                },
                "defaultConfiguration": {"level": level(rule.severity)},
                "properties": {"fixable": rule.fixable, "memory": one_line(rule.doc.memory)},
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|finding| {
            let rule_index = RULES.iter().position(|r| r.code == finding.rule);
            let mut result = json!({
                "ruleId": finding.rule,
                "ruleIndex": rule_index,
                "level": level(finding.severity),
                "message": {"text": format!("{} (help: {})", finding.message, finding.help)},
            });
            if let Some(location) = &finding.location {
                result["locations"] = json!([{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&location.file)},
                        "region": {
                            "startLine": location.line,
                            "startColumn": location.column,
                            "endColumn": location.column + location.length.max(1),
                        },
                    },
                    "logicalLocations": [{"fullyQualifiedName": finding.path, "kind": "member"}],
                }]);
            } else if let Some(object) = &finding.object {
                result["locations"] = json!([{
                    "logicalLocations": [{
                        "fullyQualifiedName": format!("{}:{}", object.display_name(), finding.path),
                        "kind": "object",
                    }],
                }]);
            }
            if let Some(bytes) = finding.savings_bytes {
                result["properties"] = json!({"savingsBytes": bytes});
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "kubectl-density",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_HOMEPAGE"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
