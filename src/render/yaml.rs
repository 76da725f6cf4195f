//! YAML documents: the same shapes as the JSON renderer (SPEC §6), through `serde_yaml` (the
//! maintained `yaml_serde` continuation of the archived crate).

use std::io::{self, Write};

use crate::kubevirt::explain::Explanation;
use crate::kubevirt::plan::PlanItem;

fn write_yaml(out: &mut impl Write, value: &serde_json::Value) -> io::Result<()> {
    let text = serde_yaml::to_string(value).map_err(io::Error::other)?;
    out.write_all(text.as_bytes())
}

/// Writes explanations as one `Explanation` document.
pub fn explanations(out: &mut impl Write, items: &[Explanation]) -> io::Result<()> {
    write_yaml(out, &super::json::explanation_document(items))
}

/// Writes plans as one `Plan` document.
pub fn plans(out: &mut impl Write, items: &[PlanItem]) -> io::Result<()> {
    write_yaml(out, &super::json::plan_document(items))
}

/// Writes the eviction report as one `EvictionReport` document.
pub fn eviction(
    out: &mut impl Write,
    report: &crate::kubelet::report::EvictionReport,
) -> io::Result<()> {
    write_yaml(out, &super::json::eviction_document(report))
}
