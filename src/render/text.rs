//! Human-readable text: compiler-style lint findings with the source line and a caret, the
//! summary line, and the rule list and rule documentation.

use std::io::{self, Write};

use colored::{ColoredString, Colorize};

use crate::diagnostic::{Finding, Severity};
use crate::manifest::Source;
use crate::rules::engine::LintReport;
use crate::rules::{RULES, Rule};

fn paint(severity: Severity, text: &str) -> ColoredString {
    match severity {
        Severity::Error => text.red().bold(),
        Severity::Warning => text.yellow().bold(),
        Severity::Info => text.cyan().bold(),
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Writes a lint report: every finding, then the summary line.
pub fn lint(out: &mut impl Write, report: &LintReport, sources: &[Source]) -> io::Result<()> {
    for finding in &report.findings {
        write_finding(out, finding, sources)?;
    }
    writeln!(out, "{}", summary(report))
}

fn write_finding(out: &mut impl Write, finding: &Finding, sources: &[Source]) -> io::Result<()> {
    let label = format!("{}[{}/{}]", finding.severity, finding.rule, finding.name);
    let place = match (&finding.location, &finding.object) {
        (Some(location), _) => format!("{}:{}:{}", location.file, location.line, location.column),
        (None, Some(object)) => object.display_name(),
        (None, None) => "<input>".into(),
    };
    writeln!(
        out,
        "{}: {} {}",
        place.bold(),
        paint(finding.severity, &label),
        finding.message
    )?;
    let line_text = finding.location.as_ref().and_then(|location| {
        let source = sources.iter().find(|s| s.name == location.file)?;
        Some((location, source.line(location.line)?))
    });
    if let Some((location, text)) = line_text {
        let number = location.line.to_string();
        let gutter = " ".repeat(number.len());
        let shown = text.replace('\t', " ");
        let indent = " ".repeat(location.column.saturating_sub(1) as usize);
        let carets = "^".repeat(location.length.max(1) as usize);
        writeln!(out, "{gutter} {}", "|".blue().bold())?;
        writeln!(
            out,
            "{} {} {shown}",
            number.blue().bold(),
            "|".blue().bold()
        )?;
        writeln!(
            out,
            "{gutter} {} {indent}{}",
            "|".blue().bold(),
            paint(finding.severity, &carets)
        )?;
        if !finding.help.is_empty() {
            writeln!(
                out,
                "{gutter} {} {}",
                "=".blue().bold(),
                help_text(&finding.help)
            )?;
        }
    } else {
        if finding.location.is_none() && !finding.path.is_empty() {
            writeln!(out, "  {} path: {}", "=".blue().bold(), finding.path)?;
        }
        if !finding.help.is_empty() {
            writeln!(out, "  {} {}", "=".blue().bold(), help_text(&finding.help))?;
        }
    }
    writeln!(out)
}

fn help_text(help: &str) -> String {
    format!("{} {help}", "help:".green().bold())
}

/// The one-line summary: objects, findings by severity, skipped documents, savings.
pub fn summary(report: &LintReport) -> String {
    let counts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .filter_map(|severity| {
            let count = report.count(severity);
            (count > 0).then(|| match severity {
                Severity::Error => plural(count, "error", "errors"),
                Severity::Warning => plural(count, "warning", "warnings"),
                Severity::Info => format!("{count} info"),
            })
        })
        .collect();
    let findings = if report.findings.is_empty() {
        "no findings".to_string()
    } else {
        format!(
            "{} ({})",
            plural(report.findings.len(), "finding", "findings"),
            counts.join(", ")
        )
    };
    let mut line = format!(
        "{}, {findings}, {} skipped",
        plural(report.objects, "object", "objects"),
        report.skipped
    );
    if report.savings_bytes > 0 {
        line.push_str(&format!(
            "; apply all: {} across {}",
            crate::quantity::format_bytes(report.savings_bytes),
            plural(report.savings_objects, "VMI", "VMIs")
        ));
    }
    line
}

/// Lists the rules as a table.
pub fn rule_list(out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "{:<8} {:<40} {:<9} FIXABLE",
        "CODE", "NAME", "SEVERITY"
    )?;
    for rule in RULES {
        writeln!(
            out,
            "{:<8} {:<40} {:<9} {}",
            rule.code,
            rule.name,
            rule.severity,
            if rule.fixable { "yes" } else { "no" }
        )?;
    }
    Ok(())
}

/// Prints one rule's documentation.
pub fn rule_doc(out: &mut impl Write, rule: &Rule) -> io::Result<()> {
    writeln!(out, "{} {}", rule.code.bold(), rule.name.bold())?;
    writeln!(
        out,
        "default severity: {}; fixable by apply-overcommit: {}",
        rule.severity,
        if rule.fixable { "yes" } else { "no" }
    )?;
    writeln!(out)?;
    writeln!(out, "{}", wrap(rule.doc.summary))?;
    for (title, body) in [
        ("Why", rule.doc.why),
        ("Fix", rule.doc.fix),
        ("Memory at stake", rule.doc.memory),
    ] {
        writeln!(out)?;
        writeln!(out, "{}", title.bold())?;
        writeln!(out, "{}", wrap(body))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", "Example".bold())?;
    for line in rule.doc.example.lines() {
        writeln!(out, "    {line}")?;
    }
    Ok(())
}

/// Collapses the doc strings' source line breaks into paragraphs wrapped at 88 columns.
fn wrap(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut lines = vec![String::new()];
    for word in words {
        let current = lines.last_mut().expect("never empty");
        if !current.is_empty() && current.len() + 1 + word.len() > 88 {
            lines.push(word.to_string());
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
    }
    lines.join("\n")
}

/// What an overhead term is, for people.
fn term_label(name: &str) -> &'static str {
    match name {
        "page-tables" => "page tables: ceil(requests.memory / 1000) × 1000 / 512",
        "virt-launcher-monitor" => "virt-launcher-monitor process",
        "virt-launcher" => "virt-launcher process",
        "virtlogd" => "virtlogd",
        "virtqemud" => "virtqemud (libvirt)",
        "qemu" => "QEMU",
        "iothread" => "the I/O thread",
        "vcpus" => "8Mi per vCPU",
        "graphics" => "graphics device (VNC)",
        "arm64-uefi" => "arm64 UEFI flash",
        "vfio" => "VFIO (host devices, GPUs, SR-IOV)",
        "downward-metrics" => "downward metrics volume",
        "liveness-probe" => "exec liveness probe",
        "readiness-probe" => "exec readiness probe",
        "virt-probe" => "exec probe helper",
        "sev" => "SEV/SNP launch security",
        "tpm" => "TPM",
        "passt" => "passt interfaces without ports",
        "guaranteed" => "Guaranteed QoS headroom",
        "reserved-overhead" => "memory.reservedOverhead.addedOverhead",
        "overhead-ratio" => "additionalGuestMemoryOverheadRatio",
        "network-binding-plugins" => "network binding plugins",
        "passt-binding" => "passt binding",
        _ => "",
    }
}

fn bytes_exact(value: i64) -> String {
    let human = crate::quantity::format_bytes(value);
    if human == value.to_string() {
        human
    } else {
        format!("{human} ({value} bytes)")
    }
}

fn resources_line(map: &std::collections::BTreeMap<String, serde_json::Value>) -> String {
    if map.is_empty() {
        return "none".into();
    }
    map.iter()
        .map(|(key, value)| match value {
            serde_json::Value::String(text) => format!("{key} {text}"),
            serde_json::Value::Number(n) => {
                format!(
                    "{key} {}",
                    crate::quantity::format_bytes(n.as_i64().unwrap_or(0))
                )
            }
            other => format!("{key} {other}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes explanations for people: every term, where each number came from, and what it
/// means.
pub fn explanations(
    out: &mut impl Write,
    items: &[crate::kubevirt::explain::Explanation],
) -> io::Result<()> {
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        explanation(out, item)?;
    }
    Ok(())
}

fn explanation(
    out: &mut impl Write,
    item: &crate::kubevirt::explain::Explanation,
) -> io::Result<()> {
    let format_bytes = crate::quantity::format_bytes;
    writeln!(out, "{}", item.object.display_name().bold())?;
    let model = &item.model;
    writeln!(
        out,
        "model: KubeVirt {}, {}, memoryOvercommit {}%, cpuAllocationRatio {}{}",
        model.kubevirt_version,
        model.arch,
        model.memory_overcommit,
        model.cpu_allocation_ratio,
        model
            .overhead_ratio
            .as_deref()
            .map(|r| format!(", overhead ratio {r}"))
            .unwrap_or_default()
    )?;
    if let Some(live) = &item.live {
        match (&live.pod, live.differences.is_empty()) {
            (None, _) => writeln!(out, "running pod: none (the VMI is not running)")?,
            (Some(pod), true) => writeln!(
                out,
                "running pod {pod}: {}",
                "matches the prediction".green()
            )?,
            (Some(pod), false) => {
                writeln!(
                    out,
                    "running pod {pod}: {}",
                    "differs from the prediction".yellow().bold()
                )?;
                for difference in &live.differences {
                    writeln!(out, "  - {difference}")?;
                }
            }
        }
    }
    if !item.admission.allowed {
        writeln!(
            out,
            "{} KubeVirt's admission rejects this object; what follows is what the renderer would produce:",
            "rejected:".red().bold()
        )?;
        for reason in &item.admission.reasons {
            writeln!(out, "  - {reason}")?;
        }
    }
    for note in &item.notes {
        writeln!(out, "note: {note}")?;
    }
    writeln!(out)?;
    if let Some(guest) = item.guest_bytes {
        writeln!(out, "{} {}", "guest memory:".bold(), bytes_exact(guest))?;
    }
    writeln!(
        out,
        "{} {}",
        "launcher overhead:".bold(),
        bytes_exact(item.overhead.bytes)
    )?;
    for term in &item.overhead.terms {
        writeln!(
            out,
            "  {:>10}  {:<24} {}",
            format_bytes(term.bytes),
            term.name,
            term_label(term.name)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", "compute container:".bold())?;
    writeln!(
        out,
        "  requests: {}",
        resources_line(&item.compute.requests)
    )?;
    writeln!(out, "  limits:   {}", resources_line(&item.compute.limits))?;
    for origin in &item.compute.origins {
        writeln!(out, "    {}: {}", origin.field, origin.reason)?;
    }
    if !item.containers.is_empty() {
        writeln!(out, "{}", "other launcher containers:".bold())?;
        for container in &item.containers {
            writeln!(
                out,
                "  {} ({}, {}): requests {}; limits {}",
                container.name,
                container.role.as_str(),
                container.purpose,
                resources_line(&container.requests),
                resources_line(&container.limits)
            )?;
        }
    }
    writeln!(
        out,
        "{} {}",
        "scheduler request:".bold(),
        bytes_exact(item.scheduler_request_bytes)
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{} {} — {}",
        "QoS class:".bold(),
        item.qos_class,
        item.qos_reason
    )?;
    writeln!(
        out,
        "{} {}",
        "under memory pressure:".bold(),
        item.pressure.eviction_group
    )?;
    if let Some(score) = item.pressure.oom_score_adj {
        writeln!(out, "  compute container oom_score_adj: {score}")?;
    }
    writeln!(
        out,
        "  swap under LimitedSwap: {}",
        if item.pressure.swap_eligible {
            "eligible (Burstable, memory request below limit)"
        } else {
            "not eligible"
        }
    )?;
    writeln!(out)?;
    for line in &item.meaning {
        writeln!(out, "{}", wrap(line))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", "what if (cumulative):".bold())?;
    writeln!(
        out,
        "  {:<22} {:>14} {:>10}  {:<11} NOTE",
        "STRATEGY", "REQUEST/VMI", "GUEST", "QOS"
    )?;
    for row in &item.what_if {
        writeln!(
            out,
            "  {:<22} {:>14} {:>10}  {:<11} {}",
            row.strategy,
            format_bytes(row.scheduler_request_bytes),
            format_bytes(row.guest_bytes_promised),
            row.qos_class.as_str(),
            row.refused
                .as_deref()
                .map(|r| format!("not applicable: {r}"))
                .unwrap_or_default()
        )?;
    }
    Ok(())
}

/// A bar of `width` cells, `filled` of `total` drawn.
fn bar(filled: i64, total: i64, width: usize) -> String {
    let cells = if total > 0 {
        ((filled.clamp(0, total) as f64 / total as f64) * width as f64).round() as usize
    } else {
        0
    };
    format!(
        "{}{}",
        "█".repeat(cells),
        "░".repeat(width - cells.min(width))
    )
}

/// Writes plans: per VM, the node budget and a row per strategy with a bar of the fit.
pub fn plans(out: &mut impl Write, items: &[crate::kubevirt::plan::PlanItem]) -> io::Result<()> {
    let format_bytes = crate::quantity::format_bytes;
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        let node = &item.node;
        let memory = &node.memory;
        writeln!(
            out,
            "{} on {}",
            item.object.display_name().bold(),
            node.name
        )?;
        writeln!(
            out,
            "  allocatable {} = capacity {} − system reserved {} − kube reserved {} − hard eviction {}{}",
            format_bytes(memory.allocatable_bytes),
            format_bytes(memory.capacity_bytes),
            format_bytes(memory.system_reserved_bytes),
            format_bytes(memory.kube_reserved_bytes),
            format_bytes(memory.hard_eviction_bytes),
            if memory.hugepages_bytes > 0 {
                format!(" − hugepages {}", format_bytes(memory.hugepages_bytes))
            } else {
                String::new()
            }
        )?;
        if node.requested_bytes > 0 {
            writeln!(
                out,
                "  already requested {}, free {}",
                format_bytes(node.requested_bytes),
                format_bytes(node.free_bytes())
            )?;
        }
        let best = item
            .strategies
            .iter()
            .map(|s| s.fit)
            .max()
            .unwrap_or(0)
            .max(1);
        writeln!(
            out,
            "  {:<20} {:>11} {:>5}  {:<20} {:<11} RISK",
            "STRATEGY", "REQUEST/VMI", "FIT", "", "QOS"
        )?;
        for strategy in &item.strategies {
            writeln!(
                out,
                "  {:<20} {:>11} {:>5}  {} {:<11} {}",
                strategy.name,
                format_bytes(strategy.scheduler_request_bytes),
                strategy.fit,
                bar(strategy.fit, best, 20),
                strategy.qos_class.as_str(),
                match &strategy.refused {
                    Some(reason) => format!("not applicable: {reason}"),
                    None => strategy.risk.clone(),
                }
            )?;
        }
        if let Some(last) = item.strategies.last() {
            writeln!(
                out,
                "  guest memory promised at the densest strategy: {}",
                crate::kubevirt::plan::promised_words(last, node.free_bytes())
            )?;
        }
    }
    Ok(())
}
