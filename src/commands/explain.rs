//! `kubectl density explain`: the launcher pod of each VM/VMI in the input, term by term.

use std::io::Write;

use anyhow::{Result, bail};

use super::live::{Live, object_source};
use super::{exit, resolve_model, resolve_model_with};
use crate::cli::{ExplainArgs, KubeArgs, ReportFormat};
use crate::cluster::Resource;
use crate::config;
use crate::diagnostic::Severity;
use crate::kubevirt::explain::{Admission, Explanation, LiveComparison, compare_with_pod, explain};
use crate::kubevirt::inventory::Inventory;
use crate::manifest::read::read_sources;
use crate::render;
use crate::rules::engine::{self, LintSettings};

/// The rules whose errors mean KubeVirt's admission rejects the object.
pub const ADMISSION_RULES: [&str; 12] = [
    "DEN000", "DEN004", "DEN005", "DEN006", "DEN007", "DEN008", "DEN009", "DEN010", "DEN011",
    "DEN013", "DEN014", "DEN016",
];

pub fn run(args: &ExplainArgs, kube: &KubeArgs, out: &mut impl Write) -> Result<u8> {
    let config = config::load(None)?;
    if args.input.filenames.is_empty() {
        let explanations = explain_live(args, kube, &config)?;
        render_all(args, out, &explanations)?;
        return Ok(exit::SUCCESS);
    }
    if !args.names.is_empty() {
        bail!("NAME arguments select live objects; they cannot be combined with -f");
    }
    let model = resolve_model(&args.model, &config.model)?;
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
    render_all(args, out, &explanations)?;
    Ok(exit::SUCCESS)
}

fn render_all(
    args: &ExplainArgs,
    out: &mut impl Write,
    explanations: &[Explanation],
) -> Result<()> {
    match args.output {
        ReportFormat::Text => render::text::explanations(out, explanations)?,
        ReportFormat::Json => render::json::explanations(out, explanations)?,
        ReportFormat::Yaml => render::yaml::explanations(out, explanations)?,
    }
    Ok(())
}

/// Admission reasons for one object: the errors of the validity rules.
fn admission_of(report: &crate::rules::engine::LintReport) -> Admission {
    let reasons: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} ({}): {}", f.rule, f.path, f.message))
        .collect();
    Admission {
        allowed: reasons.is_empty(),
        reasons,
    }
}

/// The namespace facts that change the numbers: auto limits from ResourceQuotas and the
/// ratio label.
async fn namespace_facts(
    live: &Live,
    namespace: &str,
    model: &mut crate::kubevirt::ClusterModel,
    notes: &mut Vec<String>,
) -> Result<()> {
    match live
        .cluster
        .get(Resource::NAMESPACES, None, namespace)
        .await
    {
        Ok(ns) => {
            if let Some(ratio) =
                ns["metadata"]["labels"]["alpha.kubevirt.io/auto-memory-limits-ratio"].as_str()
            {
                model.auto_limits_ratio = Some(ratio.to_string());
            }
        }
        Err(error) if error.is_fatal() => return Err(error.into()),
        Err(error) => notes.push(format!("could not read namespace {namespace}: {error}")),
    }
    match live
        .cluster
        .list_all(Resource::RESOURCE_QUOTAS, Some(namespace), None)
        .await
    {
        Ok(quotas) => {
            for raw in quotas {
                let quota: serde_json::Value = serde_json::from_str(raw.get()).unwrap_or_default();
                let hard = &quota["spec"]["hard"];
                model.memory_limit_quota |= hard.get("limits.memory").is_some();
                model.cpu_limit_quota |= hard.get("limits.cpu").is_some();
            }
        }
        Err(error) if error.is_fatal() => return Err(error.into()),
        Err(error) => notes.push(format!(
            "could not list resource quotas in {namespace}: {error}"
        )),
    }
    Ok(())
}

fn explain_live(
    args: &ExplainArgs,
    kube: &KubeArgs,
    config: &config::Config,
) -> Result<Vec<Explanation>> {
    if args.names.is_empty() {
        bail!("no input: pass -f PATH, or the NAME of a live VM or VMI (with -n NAMESPACE)");
    }
    let runtime = crate::cluster::runtime()?;
    runtime.block_on(async {
        let live = Live::connect(kube, if kube.all_namespaces { None } else { kube.namespace.as_deref() }).await?;
        let mut notes = live.notes.clone();
        let Some(namespace) = live.cluster.namespace(kube).map(str::to_string) else {
            bail!("explain reads named objects: pass -n NAMESPACE instead of -A");
        };
        let mut model = resolve_model_with(&args.model, &config.model, live.knobs.as_ref())?;
        namespace_facts(&live, &namespace, &mut model, &mut notes).await?;
        let kinds = super::live::kinds(args.kind);
        let mut explanations = Vec::new();
        for name in &args.names {
            let object = super::live::find_named(&live.cluster, &kinds, &namespace, name).await?;
            let Some(raw) = object else {
                bail!("not found: no VirtualMachine or VirtualMachineInstance named {name} in namespace {namespace}");
            };
            let sources = vec![object_source(&raw)];
            let verdict = engine::lint_with_references(
                &sources,
                &live.references,
                &LintSettings {
                    model: model.clone(),
                    select: ADMISSION_RULES.into_iter().collect(),
                    live: true,
                    ..LintSettings::default()
                },
            );
            let inventory = Inventory::with_references(&sources, &live.references);
            let Some((_, workload)) = inventory.workloads().next() else {
                bail!("{name} is not a VirtualMachine or VirtualMachineInstance");
            };
            let facts = inventory.facts(workload);
            let mut explanation = explain(workload.id.clone(), &facts, &model, admission_of(&verdict));
            // The running launcher pod of the VMI (a VM's VMI has the VM's name).
            let comparison = match live.cluster.get(Resource::VMIS, Some(&namespace), name).await {
                Ok(vmi) => {
                    let uid = vmi["metadata"]["uid"].as_str().unwrap_or_default().to_string();
                    let selector = format!("kubevirt.io/created-by={uid}");
                    let pods = live
                        .cluster
                        .list_all(Resource::PODS, Some(&namespace), Some(&selector))
                        .await?;
                    let running = pods.iter().find_map(|raw| {
                        let pod: serde_json::Value = serde_json::from_str(raw.get()).ok()?;
                        (pod["status"]["phase"] != "Succeeded" && pod["status"]["phase"] != "Failed")
                            .then_some(pod)
                    });
                    Some(match running {
                        Some(pod) => compare_with_pod(&explanation, &pod),
                        None => LiveComparison {
                            pod: None,
                            differences: Vec::new(),
                        },
                    })
                }
                Err(error) if error.status() == Some(404) => Some(LiveComparison {
                    pod: None,
                    differences: Vec::new(),
                }),
                Err(error) => return Err(error.into()),
            };
            explanation.live = comparison;
            explanation.notes.extend(notes.iter().cloned());
            explanations.push(explanation);
        }
        Ok(explanations)
    })
}
