//! Findings: what a rule reports, where, how bad, and how to fix it.
//!
//! Pure data shared by the rules (which create findings) and the renderers (which print
//! them). No formatting for humans lives here beyond the severity names.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "error" => Ok(Severity::Error),
            "warning" => Ok(Severity::Warning),
            "info" => Ok(Severity::Info),
            other => Err(format!(
                "unknown severity '{other}': expected error, warning or info"
            )),
        }
    }
}

/// Which object a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct ObjectId {
    pub kind: String,
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    pub namespace: Option<String>,
    pub name: Option<String>,
}

impl ObjectId {
    /// `Kind/name`, or `namespace/Kind/name` when the namespace is known.
    pub fn display_name(&self) -> String {
        let name = self.name.as_deref().unwrap_or("<unnamed>");
        match &self.namespace {
            Some(ns) => format!("{ns}/{}/{name}", self.kind),
            None => format!("{}/{name}", self.kind),
        }
    }
}

/// Where in a file a finding points: 1-based line and column, and the length (in
/// characters, on that line) of the node to underline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
    #[serde(skip)]
    pub length: u32,
}

/// One result of a rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule's code, e.g. `DEN001`.
    pub rule: &'static str,
    /// The rule's name, e.g. `graphics-device-attached`.
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    /// What to do about it, and what it saves.
    pub help: String,
    /// `None` for a syntax error that no object could be read from.
    pub object: Option<ObjectId>,
    /// `None` for live objects, which have no file.
    pub location: Option<Location>,
    /// The JSON path of the offending field (or of the place a missing field belongs).
    pub path: String,
    /// Memory the fix would free per VMI, in bytes.
    #[serde(rename = "savingsBytes")]
    pub savings_bytes: Option<i64>,
    /// Whether `apply-overcommit` can fix it.
    pub fixable: bool,
}
