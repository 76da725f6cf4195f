//! Runs the rules over sources: recognises objects, resolves instancetypes and preferences
//! found in the same input, applies suppression annotations, the config's severities and
//! `--select`/`--ignore`, and turns reports into located findings.
//!
//! Pure: sources come in already read; the report goes out as data.

use std::collections::{HashMap, HashSet};

use super::schema_walk;
use super::{Check, Context, RULES, Report, Rule, Scope};
use crate::diagnostic::{Finding, Location, Severity};
use crate::kubevirt::inventory::{Inventory, Item};
use crate::kubevirt::overhead::memory_overhead;
use crate::kubevirt::webhook;
use crate::kubevirt::{ClusterModel, KubeVirtObject};
use crate::manifest::Source;
use crate::manifest::yaml::{Node, SyntaxError};

/// The annotation that suppresses rules on one object.
pub const IGNORE_ANNOTATION: &str = "kubectl-density/ignore";

/// How to lint: the model and which rules report at which severity.
#[derive(Debug, Clone)]
pub struct LintSettings {
    pub model: ClusterModel,
    /// Per-rule severity from the config file; `None` turns a rule off.
    pub severity_overrides: HashMap<&'static str, Option<Severity>>,
    /// `--select`: only these rules (empty = all).
    pub select: HashSet<&'static str>,
    /// `--ignore`: never these rules.
    pub ignore: HashSet<&'static str>,
    /// Honour `kubectl-density/ignore` annotations (off with `--no-ignore-annotations`).
    pub ignore_annotations: bool,
    /// Live objects: findings name the object and JSON path, not a file position.
    pub live: bool,
}

impl Default for LintSettings {
    fn default() -> Self {
        LintSettings {
            model: ClusterModel::default(),
            severity_overrides: HashMap::new(),
            select: HashSet::new(),
            ignore: HashSet::new(),
            ignore_annotations: true,
            live: false,
        }
    }
}

impl LintSettings {
    /// Whether a rule runs at all (`--select`, `--ignore`, `off` in the config file).
    pub fn enabled(&self, rule: &Rule) -> bool {
        (self.select.is_empty() || self.select.contains(rule.code))
            && !self.ignore.contains(rule.code)
            && self.severity_overrides.get(rule.code) != Some(&None)
    }

    /// The severity a finding of `rule` gets, given the rule's own choice for this case (the
    /// config file's severity wins).
    pub fn severity(&self, rule: &Rule, reported: Option<Severity>) -> Severity {
        match self.severity_overrides.get(rule.code) {
            Some(Some(severity)) => *severity,
            _ => reported.unwrap_or(rule.severity),
        }
    }
}

/// The result of a lint run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LintReport {
    pub findings: Vec<Finding>,
    /// KubeVirt workloads linted (VMs, VMIs, replica sets, pools).
    pub objects: usize,
    /// Documents (and List items) of other kinds.
    pub skipped: usize,
    /// Memory the fixable recommendations would free, summed over objects.
    pub savings_bytes: i64,
    /// How many objects contribute to `savings_bytes`.
    pub savings_objects: usize,
}

impl LintReport {
    /// Adds another report's findings and counts (live mode lints page by page).
    pub fn merge(&mut self, other: LintReport) {
        self.findings.extend(other.findings);
        self.objects += other.objects;
        self.skipped += other.skipped;
        self.savings_bytes = self.savings_bytes.saturating_add(other.savings_bytes);
        self.savings_objects += other.savings_objects;
    }
}

impl LintReport {
    /// Number of findings at each severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The most severe finding's severity.
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// Lints every source.
pub fn lint_sources(sources: &[Source], settings: &LintSettings) -> LintReport {
    lint_with_references(sources, &[], settings)
}

/// Lints many sources on every core: contiguous chunks are linted in parallel (each resolving
/// instancetypes against every source) and their reports merged in order, so the result is the
/// same as [`lint_sources`].
pub fn lint_parallel(sources: &[Source], settings: &LintSettings) -> LintReport {
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    if workers <= 1 || sources.len() < 64 {
        return lint_sources(sources, settings);
    }
    // Every chunk resolves references against all sources (instancetypes may sit in any
    // file); references are only scanned for instancetypes and preferences, not linted.
    let references = sources;
    let chunk = sources.len().div_ceil(workers);
    let mut report = LintReport::default();
    std::thread::scope(|scope| {
        let handles: Vec<_> = sources
            .chunks(chunk)
            .map(|part| scope.spawn(move || lint_with_references(part, references, settings)))
            .collect();
        for handle in handles {
            let part = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            report.merge(part);
        }
    });
    report
}

/// Lints `sources`, resolving instancetypes and preferences also from `references`.
pub fn lint_with_references(
    sources: &[Source],
    references: &[Source],
    settings: &LintSettings,
) -> LintReport {
    let mut report = LintReport::default();
    let inventory = Inventory::with_references(sources, references);
    report.skipped = inventory.skipped;
    for item in &inventory.items {
        match item {
            Item::Invalid { source, error } => {
                push_syntax_error(&mut report, &sources[*source], error, settings);
            }
            Item::NotAnObject { source, node } => {
                push_not_an_object(&mut report, &sources[*source], node, settings);
            }
            Item::Object { source, object, .. } => {
                lint_object(&mut report, &sources[*source], object, &inventory, settings);
            }
        }
    }
    // Compiler order: by input, then by position (the sort is stable, so findings at the same
    // place keep rule order).
    let order: HashMap<&str, usize> = sources
        .iter()
        .enumerate()
        .rev()
        .map(|(index, source)| (source.name.as_str(), index))
        .collect();
    report.findings.sort_by_key(|finding| {
        finding.location.as_ref().map(|location| {
            (
                order
                    .get(location.file.as_str())
                    .copied()
                    .unwrap_or(usize::MAX),
                location.line,
                location.column,
            )
        })
    });
    report
}

fn lint_object(
    report: &mut LintReport,
    source: &Source,
    object: &KubeVirtObject<'_>,
    inventory: &Inventory<'_>,
    settings: &LintSettings,
) {
    let model = &settings.model;
    let is_workload = object.kind.is_workload();
    if is_workload {
        report.objects += 1;
    }
    let references = inventory.references(object);
    let facts = inventory.facts(object);
    let defaulted = webhook::apply(&facts, model);
    let schema_issues = schema_walk::walk(object, model.version);
    let context = Context {
        object,
        model,
        facts: &facts,
        defaulted: &defaulted,
        instancetype: references.instancetype,
        schema_issues: &schema_issues,
    };
    let suppressed = if settings.ignore_annotations {
        suppressed_rules(object)
    } else {
        Suppressed::default()
    };
    let mut reports: Vec<(&'static Rule, Report<'_>)> = Vec::new();
    for rule in RULES.iter().copied() {
        if rule.scope != Scope::Object || !settings.enabled(rule) || suppressed.covers(rule) {
            continue;
        }
        // Instancetypes and preferences are only checked for validity, not density.
        if !is_workload
            && !matches!(
                rule.code,
                "DEN000" | "DEN005" | "DEN006" | "DEN007" | "DEN014"
            )
        {
            continue;
        }
        let mut found = Vec::new();
        if let Check::Object(check) = rule.check {
            check(&context, &mut found);
        }
        reports.extend(found.into_iter().map(|r| (rule, r)));
    }
    // The object's total saving: with the overhead no longer requested, that is the whole
    // overhead (graphics included); otherwise what the graphics device alone frees.
    let saving = if reports.iter().any(|(rule, _)| rule.code == "DEN002") {
        Some(memory_overhead(&defaulted, model).bytes)
    } else {
        reports
            .iter()
            .filter(|(rule, _)| rule.code == "DEN001")
            .find_map(|(_, r)| r.savings)
    };
    if let Some(saving) = saving.filter(|s| *s > 0) {
        report.savings_bytes = report.savings_bytes.saturating_add(saving);
        report.savings_objects += 1;
    }
    for (rule, found) in reports {
        let severity = settings.severity(rule, found.severity);
        report.findings.push(Finding {
            rule: rule.code,
            name: rule.name,
            severity,
            message: found.message,
            help: found.help,
            object: Some(object.id.clone()),
            location: (!settings.live).then(|| locate(source, found.at)),
            path: found.path,
            savings_bytes: found.savings,
            fixable: rule.fixable,
        });
    }
}

/// The rules an object's `kubectl-density/ignore` annotations turn off.
#[derive(Default)]
struct Suppressed {
    all: bool,
    rules: HashSet<String>,
}

impl Suppressed {
    fn covers(&self, rule: &Rule) -> bool {
        self.all
            || self.rules.contains(&rule.code.to_ascii_lowercase())
            || self.rules.contains(rule.name)
    }
}

fn suppressed_rules(object: &KubeVirtObject<'_>) -> Suppressed {
    let mut suppressed = Suppressed::default();
    for value in object.annotation(IGNORE_ANNOTATION) {
        for item in value.as_scalar().unwrap_or_default().split(',') {
            let item = item.trim().to_ascii_lowercase();
            match item.as_str() {
                "" => {}
                "all" | "*" => suppressed.all = true,
                _ => {
                    suppressed.rules.insert(item);
                }
            }
        }
    }
    suppressed
}

/// The location of a node: its start, and how many characters of its first line to underline.
pub fn locate(source: &Source, node: &Node) -> Location {
    let start = node.span.start;
    let end = node.span.end;
    // What is left of the node's line, from its byte offset (spans are relative to the text
    // without a BOM); scanning from the start of the file per finding would be quadratic.
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    let rest_of_line = text
        .get(start.offset..)
        .and_then(|tail| tail.split('\n').next())
        .map_or(0, |line| line.trim_end_matches('\r').chars().count() as u32);
    let rest = rest_of_line.max(1);
    let length = if end.line == start.line && end.column > start.column {
        (end.column - start.column).min(rest)
    } else {
        rest
    };
    Location {
        file: source.name.clone(),
        line: start.line.max(1),
        column: start.column.max(1),
        length,
    }
}

fn push_syntax_error(
    report: &mut LintReport,
    source: &Source,
    error: &SyntaxError,
    settings: &LintSettings,
) {
    let rule = &super::den000_invalid_manifest::RULE;
    if !settings.enabled(rule) {
        return;
    }
    let help = misindentation_hint(source, error.pos.line).unwrap_or_else(|| {
        if error.fatal {
            "fix the syntax here; the rest of this file was not read".into()
        } else {
            "fix this document; the other documents of the file were read".into()
        }
    });
    report.findings.push(Finding {
        rule: rule.code,
        name: rule.name,
        severity: settings.severity(rule, None),
        message: format!("invalid YAML: {}", error.message),
        help,
        object: None,
        location: Some(Location {
            file: source.name.clone(),
            line: error.pos.line.max(1),
            column: error.pos.column.max(1),
            length: 1,
        }),
        path: String::new(),
        savings_bytes: None,
        fixable: false,
    });
}

fn push_not_an_object(
    report: &mut LintReport,
    source: &Source,
    node: &Node,
    settings: &LintSettings,
) {
    let rule = &super::den000_invalid_manifest::RULE;
    if !settings.enabled(rule) {
        return;
    }
    report.findings.push(Finding {
        rule: rule.code,
        name: rule.name,
        severity: settings.severity(rule, None),
        message: format!(
            "the document is {}, not a Kubernetes object",
            crate::manifest::yaml::describe(node)
        ),
        help: "a manifest document must be a mapping with apiVersion, kind and metadata".into(),
        object: None,
        location: Some(locate(source, node)),
        path: String::new(),
        savings_bytes: None,
        fixable: false,
    });
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Recognises a key indented under a key that already has a scalar value, as in
/// `overcommitGuestOverhead: true` followed by a more-indented `requests:`.
fn misindentation_hint(source: &Source, error_line: u32) -> Option<String> {
    let is_content = |line: &str| {
        let trimmed = line.trim();
        !trimmed.is_empty() && !trimmed.starts_with('#')
    };
    // The parser reports the error at the nested key, or at the line after it.
    for nested_line in [error_line, error_line.saturating_sub(1)] {
        let nested = source.line(nested_line)?;
        if !is_content(nested) {
            continue;
        }
        let previous_line = (1..nested_line)
            .rev()
            .find(|l| source.line(*l).is_some_and(is_content))?;
        let previous = source.line(previous_line)?;
        let (key, value) = previous.trim().split_once(':')?;
        let value = value.trim();
        let nested_key = nested.trim().split_once(':').map(|(k, _)| k.trim())?;
        let scalar_value = !value.is_empty()
            && !value.starts_with(['|', '>', '&', '#', '{', '['])
            && !key.starts_with('-');
        if scalar_value && indentation(nested) > indentation(previous) {
            return Some(format!(
                "`{}` on line {previous_line} already has a value, so the more-indented `{nested_key}:` cannot be nested under it; indent `{nested_key}:` like `{}:` (column {})",
                previous.trim(),
                key.trim(),
                indentation(previous) + 1
            ));
        }
    }
    None
}

#[cfg(test)]
mod parallel_tests {
    use super::*;

    #[test]
    fn parallel_lint_equals_sequential_lint_across_chunks() {
        // An instancetype in the first file and VMs that use it in later files: every chunk
        // must resolve it, and the findings must come out in the same order.
        let instancetype = "apiVersion: instancetype.kubevirt.io/v1beta1\nkind: VirtualMachineClusterInstancetype\nmetadata:\n  name: small\nspec:\n  cpu:\n    guest: 1\n  memory:\n    guest: 2Gi\n    hugepages:\n      pageSize: 2Mi\n";
        let mut sources = vec![Source::from_text("it.yaml", instancetype)];
        for index in 0..150 {
            let text = format!(
                "apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: vm{index}\nspec:\n  runStrategy: Always\n  instancetype:\n    name: small\n  template:\n    spec:\n      domain:\n        memory:\n          hugepages:\n            pageSize: 2Mi\n        devices: {{}}\n"
            );
            sources.push(Source::from_text(format!("vm{index}.yaml"), text));
        }
        let settings = LintSettings::default();
        let sequential = lint_sources(&sources, &settings);
        let parallel = lint_parallel(&sources, &settings);
        assert_eq!(parallel, sequential);
        // The instancetype was resolved everywhere: hugepages conflict with it only because
        // it sets hugepages too (DEN013).
        assert_eq!(
            parallel
                .findings
                .iter()
                .filter(|f| f.rule == "DEN013")
                .count(),
            150
        );
    }
}
