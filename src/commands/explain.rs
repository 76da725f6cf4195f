//! `kubectl density explain`: the launcher pod of each VM/VMI in the input, term by term.

use std::io::Write;

use anyhow::{Result, bail};

use super::{exit, resolve_model};
use crate::cli::{ExplainArgs, KubeArgs, ReportFormat};
use crate::config;
use crate::diagnostic::Severity;
use crate::kubevirt::explain::{Admission, Explanation, explain};
use crate::kubevirt::inventory::Inventory;
use crate::manifest::read::read_sources;
use crate::render;
use crate::rules::engine::{self, LintSettings};

/// The rules whose errors mean KubeVirt's admission rejects the object.
pub const ADMISSION_RULES: [&str; 12] = [
    "DEN000", "DEN004", "DEN005", "DEN006", "DEN007", "DEN008", "DEN009", "DEN010", "DEN011",
    "DEN013", "DEN014", "DEN016",
];

pub fn run(args: &ExplainArgs, _kube: &KubeArgs, out: &mut impl Write) -> Result<u8> {
    let config = config::load(None)?;
    let model = resolve_model(&args.model, &config.model)?;
    if args.input.filenames.is_empty() {
        bail!(
            "no input: pass -f PATH (a file, a directory, or - for stdin); explaining live VMs from the cluster is not implemented yet"
        );
    }
    let sources = read_sources(&args.input.filenames, args.input.recursive)?;
    let inventory = Inventory::from_sources(&sources);
    let verdicts = engine::lint_sources(
        &sources,
        &LintSettings {
            model: model.clone(),
            select: ADMISSION_RULES.into_iter().collect(),
            ..LintSettings::default()
        },
    );
    let mut explanations: Vec<Explanation> = Vec::new();
    for (source, object) in inventory.workloads() {
        let file = &sources[source].name;
        let reasons: Vec<String> = verdicts
            .findings
            .iter()
            .filter(|f| {
                f.severity == Severity::Error
                    && f.object.as_ref() == Some(&object.id)
                    && f.location.as_ref().is_some_and(|l| &l.file == file)
            })
            .map(|f| format!("{} ({}): {}", f.rule, f.path, f.message))
            .collect();
        let admission = Admission {
            allowed: reasons.is_empty(),
            reasons,
        };
        let facts = inventory.facts(object);
        explanations.push(explain(object.id.clone(), &facts, &model, admission));
    }
    if explanations.is_empty() {
        let syntax = verdicts.findings.iter().find(|f| f.rule == "DEN000");
        match syntax {
            Some(finding) => bail!(
                "nothing to explain: {}:{}: {}",
                finding.location.as_ref().map_or("", |l| l.file.as_str()),
                finding.location.as_ref().map_or(0, |l| l.line),
                finding.message
            ),
            None => bail!(
                "nothing to explain: no VirtualMachine, VirtualMachineInstance, replica set or pool in the input ({} other document(s) skipped)",
                inventory.skipped
            ),
        }
    }
    match args.output {
        ReportFormat::Text => render::text::explanations(out, &explanations)?,
        ReportFormat::Json => render::json::explanations(out, &explanations)?,
        ReportFormat::Yaml => render::yaml::explanations(out, &explanations)?,
    }
    Ok(exit::SUCCESS)
}
