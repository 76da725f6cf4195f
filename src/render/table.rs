//! kubectl-style tables: the `eviction` report (`-o table`, `-o wide`).
//!
//! Columns are separated by three spaces, headers are upper case, `<none>` marks a setting
//! that is not there and `<unknown>` one that cannot be known (offline, a file says nothing
//! about the kubelet version or the node's labels). Under the table: the nodes that differ
//! from the majority, a memory bar per node whose capacity is known, the node findings
//! (compiler-style, pointing into the file for `-f`), and a summary line.

use std::collections::BTreeMap;
use std::io::{self, Write};

use colored::{ColoredString, Colorize};

use crate::diagnostic::{Finding, Location, Severity};
use crate::kubelet::report::{
    EvictionReport, MemoryReport, NodeReport, pressure_transition_period,
};
use crate::manifest::Source;
use crate::quantity::format_bytes;

const NONE: &str = "<none>";
const UNKNOWN: &str = "<unknown>";
const MEMORY: &str = "memory.available";
const BAR_WIDTH: usize = 40;

/// How to print the eviction report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EvictionTable {
    /// `-o wide`: where the settings come from, the other signals, minimum reclaims, the
    /// pressure transition period and the allocatable enforcement.
    pub wide: bool,
}

/// Writes the eviction report as a table, then the differences from the majority, the memory
/// bars, the findings and a summary. `sources` are the `-f` files (for source lines).
pub fn eviction(
    out: &mut impl Write,
    report: &EvictionReport,
    sources: &[Source],
    options: EvictionTable,
) -> io::Result<()> {
    write_table(out, report, options)?;
    write_majority(out, report)?;
    write_bars(out, report)?;
    for node in &report.nodes {
        if let (Some(error), Some(location)) = (&node.error, &node.error_location) {
            writeln!(out)?;
            write_diagnostic(out, Severity::Error, None, error, location, "", sources)?;
        }
        for finding in &node.findings {
            writeln!(out)?;
            write_finding(out, finding, sources)?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", summary(report))
}

fn write_table(
    out: &mut impl Write,
    report: &EvictionReport,
    options: EvictionTable,
) -> io::Result<()> {
    let mut header = vec![
        "NODE",
        "KUBELET",
        "HARD memory.available",
        "SOFT memory.available (GRACE)",
        "MAX-POD-GRACE",
        "SYSTEM-RESERVED",
        "KUBE-RESERVED",
        "ALLOCATABLE",
        "SWAP",
        "KSM",
        "WARNINGS",
    ];
    if options.wide {
        header.extend([
            "SOURCE",
            "OTHER HARD",
            "OTHER SOFT (GRACE)",
            "MIN-RECLAIM",
            "PRESSURE-PERIOD",
            "ENFORCE",
        ]);
    }
    let rows: Vec<Row> = report.nodes.iter().map(|node| row(node, options)).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        // An error row's reason runs to the end of the line; it does not widen the columns.
        let cells = match row {
            Row::Cells(cells) => &cells[..],
            Row::Error(cells, _) => &cells[..],
        };
        for (width, cell) in widths.iter_mut().zip(cells) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String], rest: Option<&str>| {
        let mut text = String::new();
        for (index, cell) in cells.iter().enumerate() {
            if index > 0 {
                text.push_str("   ");
            }
            text.push_str(cell);
            if index + 1 < cells.len() || rest.is_some() {
                text.push_str(&" ".repeat(widths[index] - cell.chars().count()));
            }
        }
        if let Some(rest) = rest {
            text.push_str("   ");
            text.push_str(rest);
        }
        text.trim_end().to_string()
    };
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    writeln!(out, "{}", line(&header, None))?;
    for row in &rows {
        match row {
            Row::Cells(cells) => writeln!(out, "{}", line(cells, None))?,
            Row::Error(cells, reason) => writeln!(out, "{}", line(cells, Some(reason)))?,
        }
    }
    Ok(())
}

enum Row {
    Cells(Vec<String>),
    /// NODE and KUBELET, then the reason.
    Error(Vec<String>, String),
}

fn row(node: &NodeReport, options: EvictionTable) -> Row {
    let mut name = node.name.clone();
    if !node.differs_from_majority.is_empty() {
        name.push('*');
    }
    let kubelet = node
        .kubelet_version
        .clone()
        .unwrap_or_else(|| UNKNOWN.into());
    if let Some(error) = &node.error {
        return Row::Error(vec![name, kubelet], format!("error: {error}"));
    }
    let memory = &node.memory;
    let hard = match node.eviction_hard.as_ref().and_then(|m| m.get(MEMORY)) {
        None => NONE.to_string(),
        Some(value) if value.ends_with('%') => match memory.hard_eviction_bytes {
            Some(bytes) => format!("{value} ({})", format_bytes(bytes)),
            None => value.clone(),
        },
        Some(value) => value.clone(),
    };
    let soft = match node.eviction_soft.as_ref().and_then(|m| m.get(MEMORY)) {
        None => NONE.to_string(),
        Some(value) => {
            let grace = node
                .eviction_soft_grace_period
                .as_ref()
                .and_then(|m| m.get(MEMORY))
                .map_or(NONE, String::as_str);
            format!("{value} ({grace})")
        }
    };
    let reserved = |map: &Option<BTreeMap<String, String>>| {
        map.as_ref()
            .and_then(|m| m.get("memory"))
            .cloned()
            .unwrap_or_else(|| NONE.into())
    };
    let swap = match (node.swap_behavior.as_deref(), node.fail_swap_on) {
        (Some("LimitedSwap"), Some(true)) => "LimitedSwap (failSwapOn)".to_string(),
        (Some(behavior), _) => behavior.to_string(),
        (None, _) => UNKNOWN.to_string(),
    };
    let ksm = match node.ksm_enabled {
        Some(true) => "yes",
        Some(false) => "no",
        None => UNKNOWN,
    };
    let mut codes: Vec<&str> = node.findings.iter().map(|f| f.rule).collect();
    codes.dedup();
    let warnings = if codes.is_empty() {
        NONE.to_string()
    } else {
        codes.join(",")
    };
    let mut cells = vec![
        name,
        kubelet,
        hard,
        soft,
        node.eviction_max_pod_grace_period
            .map_or_else(|| UNKNOWN.into(), |s| format!("{s}s")),
        reserved(&node.system_reserved),
        reserved(&node.kube_reserved),
        allocatable(memory),
        swap,
        ksm.to_string(),
        warnings,
    ];
    if options.wide {
        let other = |map: &Option<BTreeMap<String, String>>, grace: bool| {
            let entries: Vec<String> = map
                .iter()
                .flatten()
                .filter(|(key, _)| key.as_str() != MEMORY)
                .map(|(key, value)| {
                    let grace = if grace {
                        let period = node
                            .eviction_soft_grace_period
                            .as_ref()
                            .and_then(|m| m.get(key))
                            .map_or(NONE, String::as_str);
                        format!(" ({period})")
                    } else {
                        String::new()
                    };
                    format!("{key}<{value}{grace}")
                })
                .collect();
            if entries.is_empty() {
                NONE.to_string()
            } else {
                entries.join(",")
            }
        };
        let reclaim: Vec<String> = node
            .eviction_minimum_reclaim
            .iter()
            .flatten()
            .map(|(key, value)| format!("{key}={value}"))
            .collect();
        cells.extend([
            match node.source {
                Some(crate::kubelet::Source::Configz) => "configz".to_string(),
                Some(crate::kubelet::Source::File) => "file (defaulted)".to_string(),
                None => UNKNOWN.to_string(),
            },
            other(&node.eviction_hard, false),
            other(&node.eviction_soft, true),
            if reclaim.is_empty() {
                NONE.to_string()
            } else {
                reclaim.join(",")
            },
            pressure_transition_period(node).to_string(),
            node.enforce_node_allocatable
                .as_ref()
                .map_or_else(|| NONE.to_string(), |list| list.join(",")),
        ]);
    }
    Row::Cells(cells)
}

/// Computed allocatable memory, and what the node reports when it differs.
fn allocatable(memory: &MemoryReport) -> String {
    match (memory.allocatable_bytes, memory.reported_allocatable_bytes) {
        (Some(computed), Some(reported)) if computed != reported => {
            format!(
                "{} (node: {})",
                format_bytes(computed),
                format_bytes(reported)
            )
        }
        (Some(computed), _) => format_bytes(computed),
        (None, Some(reported)) => format!("{UNKNOWN} (node: {})", format_bytes(reported)),
        (None, None) => UNKNOWN.to_string(),
    }
}

fn write_majority(out: &mut impl Write, report: &EvictionReport) -> io::Result<()> {
    let marked: Vec<&NodeReport> = report
        .nodes
        .iter()
        .filter(|node| !node.differs_from_majority.is_empty())
        .collect();
    if marked.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "* differs from the majority of nodes:")?;
    for node in marked {
        let keys: Vec<String> = node
            .differs_from_majority
            .iter()
            .map(|deviation| {
                format!(
                    "{} {} (most: {})",
                    deviation.key,
                    deviation.value.as_deref().unwrap_or(NONE),
                    deviation.majority.as_deref().unwrap_or(NONE)
                )
            })
            .collect();
        writeln!(out, "  {}: {}", node.name, keys.join(", "))?;
    }
    Ok(())
}

/// One bar per node whose capacity is known: reserved (system, kube, hugepages), hard
/// eviction, requested and free allocatable memory.
fn write_bars(out: &mut impl Write, report: &EvictionReport) -> io::Result<()> {
    let bars: Vec<(&NodeReport, i64)> = report
        .nodes
        .iter()
        .filter(|node| node.error.is_none())
        .filter_map(|node| Some((node, node.memory.capacity_bytes.filter(|c| *c > 0)?)))
        .collect();
    if bars.is_empty() {
        if report.nodes.iter().any(|node| node.error.is_none()) {
            writeln!(out)?;
            writeln!(
                out,
                "ALLOCATABLE needs the node's memory: pass --node-memory (e.g. 64Gi) to compute it"
            )?;
        }
        return Ok(());
    }
    writeln!(out)?;
    let hugepages = bars
        .iter()
        .any(|(node, _)| node.memory.hugepages_bytes.unwrap_or(0) > 0);
    let requested = bars
        .iter()
        .any(|(node, _)| node.memory.requested_bytes.is_some());
    writeln!(
        out,
        "memory: █ reserved ({})  ▓ hard eviction  {}░ allocatable",
        if hugepages {
            "system, kube, hugepages"
        } else {
            "system, kube"
        },
        if requested { "▒ requested  " } else { "" }
    )?;
    let name_width = bars
        .iter()
        .map(|(node, _)| node.name.chars().count())
        .max()
        .unwrap_or(0);
    for (node, capacity) in bars {
        let memory = &node.memory;
        let reserved = memory.system_reserved_bytes.unwrap_or(0)
            + memory.kube_reserved_bytes.unwrap_or(0)
            + memory.hugepages_bytes.unwrap_or(0);
        let hard = memory.hard_eviction_bytes.unwrap_or(0);
        let allocatable = memory
            .allocatable_bytes
            .unwrap_or_else(|| (capacity - reserved - hard).max(0));
        let requested = memory.requested_bytes.unwrap_or(0).clamp(0, allocatable);
        let segments = [
            ('█', reserved),
            ('▓', hard),
            ('▒', requested),
            ('░', allocatable - requested),
        ];
        let mut text = format!(
            "{}: reserved {}, hard eviction {}, allocatable {}",
            format_bytes(capacity),
            format_bytes(reserved),
            format_bytes(hard),
            format_bytes(allocatable)
        );
        if memory.allocatable_mismatch()
            && let Some(reported) = memory.reported_allocatable_bytes
        {
            text.push_str(&format!(" (the node reports {})", format_bytes(reported)));
        }
        if let Some(requested) = memory.requested_bytes {
            text.push_str(&format!(", requested {}", format_bytes(requested)));
        }
        writeln!(
            out,
            "{:<name_width$}   {}   {text}",
            node.name,
            bar(&segments, capacity)
        )?;
    }
    Ok(())
}

/// A bar of [`BAR_WIDTH`] cells split in proportion to the segments (cumulative rounding, so
/// the cells always add up); what the segments leave of `total` is drawn blank.
fn bar(segments: &[(char, i64)], total: i64) -> String {
    let mut text = String::new();
    let mut sum: i128 = 0;
    let mut drawn = 0usize;
    for (glyph, bytes) in segments {
        sum += i128::from((*bytes).max(0));
        let end = ((sum.min(i128::from(total)) * BAR_WIDTH as i128 + i128::from(total) / 2)
            / i128::from(total)) as usize;
        let end = end.min(BAR_WIDTH);
        for _ in drawn..end {
            text.push(*glyph);
        }
        drawn = drawn.max(end);
    }
    text.push_str(&" ".repeat(BAR_WIDTH - drawn));
    text
}

fn paint(severity: Severity, text: &str) -> ColoredString {
    match severity {
        Severity::Error => text.red().bold(),
        Severity::Warning => text.yellow().bold(),
        Severity::Info => text.cyan().bold(),
    }
}

fn write_finding(out: &mut impl Write, finding: &Finding, sources: &[Source]) -> io::Result<()> {
    let label = format!("[{}/{}]", finding.rule, finding.name);
    match &finding.location {
        Some(location) => write_diagnostic(
            out,
            finding.severity,
            Some(&label),
            &finding.message,
            location,
            &finding.help,
            sources,
        ),
        None => {
            let place = finding
                .object
                .as_ref()
                .map_or_else(|| "<node>".to_string(), |o| o.display_name());
            writeln!(
                out,
                "{}: {} {}",
                place.bold(),
                paint(finding.severity, &format!("{}{label}", finding.severity)),
                finding.message
            )?;
            writeln!(out, "  {} path: {}", "=".blue().bold(), finding.path)?;
            writeln!(
                out,
                "  {} {} {}",
                "=".blue().bold(),
                "help:".green().bold(),
                finding.help
            )
        }
    }
}

/// `file:line:col: severity[CODE/name] message`, the source line with a caret under the key,
/// and the help.
fn write_diagnostic(
    out: &mut impl Write,
    severity: Severity,
    label: Option<&str>,
    message: &str,
    location: &Location,
    help: &str,
    sources: &[Source],
) -> io::Result<()> {
    let place = format!("{}:{}:{}", location.file, location.line, location.column);
    let label = match label {
        Some(label) => format!("{severity}{label}"),
        None => format!("{severity}:"),
    };
    writeln!(
        out,
        "{}: {} {message}",
        place.bold(),
        paint(severity, &label)
    )?;
    let text = sources
        .iter()
        .find(|s| s.name == location.file)
        .and_then(|source| source.line(location.line));
    let bar = "|".blue().bold();
    if let Some(text) = text {
        let number = location.line.to_string();
        let gutter = " ".repeat(number.len());
        let shown = text.replace('\t', " ");
        let start = location.column.saturating_sub(1) as usize;
        let carets = "^".repeat(token_length(&shown, start));
        writeln!(out, "{gutter} {bar}")?;
        writeln!(out, "{} {bar} {shown}", number.blue().bold())?;
        writeln!(
            out,
            "{gutter} {bar} {}{}",
            " ".repeat(start),
            paint(severity, &carets)
        )?;
        if !help.is_empty() {
            writeln!(
                out,
                "{gutter} {} {} {help}",
                "=".blue().bold(),
                "help:".green().bold()
            )?;
        }
    } else if !help.is_empty() {
        writeln!(
            out,
            "  {} {} {help}",
            "=".blue().bold(),
            "help:".green().bold()
        )?;
    }
    Ok(())
}

/// How many characters to underline at `start`: a key up to its colon (quotes included), else
/// the word there, at least one.
fn token_length(line: &str, start: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(start).collect();
    let length = match rest.first() {
        Some(quote @ ('"' | '\'')) => rest
            .iter()
            .skip(1)
            .position(|c| c == quote)
            .map_or(rest.len(), |end| end + 2),
        _ => rest
            .iter()
            .position(|c| *c == ':' || c.is_whitespace() || *c == ',' || *c == '}')
            .unwrap_or(rest.len()),
    };
    length.max(1)
}

/// `3 nodes (1 with an error), 4 findings (2 warnings, 2 info), 1 differs from the majority`.
pub fn summary(report: &EvictionReport) -> String {
    let nodes = report.nodes.len();
    let failed = report.failed();
    let mut text = format!("{nodes} {}", if nodes == 1 { "node" } else { "nodes" });
    if failed > 0 {
        text.push_str(&format!(
            " ({failed} with {})",
            if failed == 1 { "an error" } else { "errors" }
        ));
    }
    let findings: Vec<&Finding> = report.findings().collect();
    let count = |severity: Severity| findings.iter().filter(|f| f.severity == severity).count();
    if findings.is_empty() {
        text.push_str(", no findings");
    } else {
        let parts: Vec<String> = [
            (Severity::Error, "error", "errors"),
            (Severity::Warning, "warning", "warnings"),
            (Severity::Info, "info", "info"),
        ]
        .into_iter()
        .filter_map(|(severity, one, many)| {
            let n = count(severity);
            (n > 0).then(|| format!("{n} {}", if n == 1 { one } else { many }))
        })
        .collect();
        text.push_str(&format!(
            ", {} {} ({})",
            findings.len(),
            if findings.len() == 1 {
                "finding"
            } else {
                "findings"
            },
            parts.join(", ")
        ));
    }
    let differing = report
        .nodes
        .iter()
        .filter(|n| !n.differs_from_majority.is_empty())
        .count();
    if differing > 0 {
        text.push_str(&format!(
            ", {differing} {} from the majority",
            if differing == 1 { "differs" } else { "differ" }
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubelet::report::{NodeInput, build_report};
    use crate::rules::engine::LintSettings;

    #[test]
    fn live_nodes_render_with_versions_reported_memory_and_reasons() {
        colored::control::set_override(false);
        let node = serde_json::json!({
            "metadata": {"name": "worker-1", "labels": {}},
            "status": {
                "capacity": {"memory": "64Gi"},
                "allocatable": {"memory": "60Gi"},
                "nodeInfo": {"kubeletVersion": "v1.33.2"},
            },
        });
        let configz = r#"{"kubeletconfig": {"evictionHard": {"memory.available": "100Mi"}}}"#;
        let mut busy = NodeInput::from_node(&node, Ok(configz));
        busy.requested_bytes = Some(16 << 30);
        let report = build_report(
            vec![
                busy,
                NodeInput::unreadable(
                    "worker-2",
                    "403 Forbidden: nodes/proxy \"worker-2\" is forbidden (needs get on nodes/proxy)",
                ),
            ],
            &LintSettings::default(),
        );
        let mut out = Vec::new();
        eviction(&mut out, &report, &[], EvictionTable::default()).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[1].starts_with("worker-1   v1.33.2     100Mi"),
            "{text}"
        );
        assert!(lines[1].contains("63.9Gi (node: 60Gi)"), "{text}");
        assert!(
            lines[1].contains("NoSwap   no    DEN101,DEN102,DEN104,DEN105,DEN107"),
            "{text}"
        );
        assert!(
            lines[2].starts_with("worker-2   <unknown>   error: 403 Forbidden"),
            "{text}"
        );
        assert!(text.contains("▒ requested"), "{text}");
        assert!(
            text.contains("allocatable 63.9Gi (the node reports 60Gi), requested 16Gi"),
            "{text}"
        );
        // Live findings have no file: the node and the configuration path.
        assert!(
            text.contains("Node/worker-1: warning[DEN101/no-soft-eviction] no soft eviction"),
            "{text}"
        );
        assert!(
            text.contains("  = path: evictionSoft.memory.available"),
            "{text}"
        );
        assert!(
            text.ends_with("2 nodes (1 with an error), 5 findings (3 warnings, 2 info)\n"),
            "{text}"
        );
    }

    #[test]
    fn bars_add_up_and_stay_inside() {
        let bar = |segments: &[(char, i64)], total| bar(segments, total);
        assert_eq!(
            bar(&[('#', 50), ('-', 50)], 100),
            format!("{}{}", "#".repeat(20), "-".repeat(20))
        );
        let text = bar(&[('#', 1), ('!', 1), ('-', 97)], 100);
        assert_eq!(text.chars().count(), BAR_WIDTH);
        // More than the total is clamped.
        assert_eq!(bar(&[('#', 300)], 100), "#".repeat(BAR_WIDTH));
        // Nothing drawn: blank.
        assert_eq!(bar(&[('#', 0)], 100), " ".repeat(BAR_WIDTH));
    }

    #[test]
    fn carets_cover_the_key() {
        assert_eq!(token_length("evictionHard:", 0), "evictionHard".len());
        assert_eq!(
            token_length("  memory.available: 1Gi", 2),
            "memory.available".len()
        );
        assert_eq!(
            token_length("  \"evictionHard\": {", 2),
            "\"evictionHard\"".len()
        );
        assert_eq!(token_length("", 5), 1);
    }
}
