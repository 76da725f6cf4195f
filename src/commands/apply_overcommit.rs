//! `kubectl density apply-overcommit`: plans the edits per object, splices them into the
//! files without reformatting anything, verifies the result, then previews (diff), prints
//! (`-o yaml`) or writes (`--write`).

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};

use super::{exit, resolve_model};
use crate::cli::{ApplyArgs, ApplyFormat, KubeArgs};
use crate::config;
use crate::kubevirt::explain::render_pod;
use crate::kubevirt::fixes::{self, EditRequest};
use crate::kubevirt::inventory::{Inventory, Item};
use crate::manifest::Source;
use crate::manifest::edit::{self, FieldChange, NewValue};
use crate::manifest::read::read_sources;
use crate::manifest::write::write_atomically;
use crate::quantity::{Quantity, format_bytes};
use crate::render;

/// The rewrite of one source.
struct Rewrite {
    source: usize,
    /// The new text (BOM kept), or why the file cannot be rewritten.
    result: Result<String, String>,
}

fn split_bom(text: &str) -> (&str, &str) {
    match text.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", text),
    }
}

/// JSON-path prefix of an object in its document (`items[1].`) as path segments.
fn prefix_segments(prefix: &str) -> Vec<String> {
    prefix
        .split('.')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn edit_request(args: &ApplyArgs) -> Result<EditRequest> {
    if let Some(ratio) = args.ratio
        && !(ratio > 1.0 && ratio.is_finite())
    {
        bail!("--ratio must be a number greater than 1 (got {ratio})");
    }
    let guest_memory = match &args.guest_memory {
        None => None,
        Some(text) => {
            let quantity =
                Quantity::parse(text.trim()).map_err(|e| anyhow::anyhow!("--guest-memory: {e}"))?;
            match quantity.value() {
                Some(bytes) if bytes > 0 && !quantity.is_negative() => {
                    Some((bytes, text.trim().to_string()))
                }
                _ => bail!("--guest-memory must be a positive quantity such as 4Gi (got '{text}')"),
            }
        }
    };
    let nothing_else = !args.no_graphics && args.ratio.is_none() && guest_memory.is_none();
    Ok(EditRequest {
        overhead: args.overhead || nothing_else,
        no_graphics: args.no_graphics,
        ratio: args.ratio,
        guest_memory,
        force: args.force,
    })
}

/// The notes an object's plan gives: refusals (with whether `--force` would apply them) and
/// the risky edits `--force` applied.
fn plan_notes(name: &str, plan: &fixes::ObjectPlan) -> Vec<String> {
    let refusals = plan.refusals.iter().map(|refusal| {
        format!(
            "{name}: not changing {}: {}{}",
            refusal.edit,
            refusal.reason,
            if refusal.forceable {
                " (--force applies it anyway)"
            } else {
                ""
            }
        )
    });
    let forced = plan
        .forced
        .iter()
        .map(|forced| format!("{name}: --force: {forced}"));
    refusals.chain(forced).collect()
}

/// A JSON merge patch that sets each change's path to its value (nested objects).
fn merge_patch(changes: &[fixes::Change]) -> serde_json::Value {
    fn insert(
        map: &mut serde_json::Map<String, serde_json::Value>,
        path: &[&str],
        value: serde_json::Value,
    ) {
        let Some((first, rest)) = path.split_first() else {
            return;
        };
        if rest.is_empty() {
            map.insert((*first).to_string(), value);
            return;
        }
        let child = map
            .entry((*first).to_string())
            .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
        if let serde_json::Value::Object(child) = child {
            insert(child, rest, value);
        }
    }
    let mut patch = serde_json::Map::new();
    for change in changes {
        let value = match &change.value {
            NewValue::Bool(b) => serde_json::Value::Bool(*b),
            NewValue::Text(t) => serde_json::Value::String(t.clone()),
        };
        insert(&mut patch, &change.path, value);
    }
    serde_json::Value::Object(patch)
}

/// Live VirtualMachines (VMIs are immutable): plan, show the diff the server's dry run
/// produces, and with `--apply` patch them as field manager `kubectl-density`.
fn run_live(
    args: &ApplyArgs,
    kube: &KubeArgs,
    config: &config::Config,
    request: &EditRequest,
    out: &mut impl Write,
) -> Result<u8> {
    use super::live::{Live, object_source, with_kind};
    use crate::cluster::Resource;
    if args.write || args.output == Some(ApplyFormat::Yaml) {
        bail!("--write and -o yaml are for files; live VirtualMachines are changed with --apply");
    }
    let runtime = crate::cluster::runtime()?;
    runtime.block_on(async {
        let live = Live::connect(kube, if kube.all_namespaces { None } else { kube.namespace.as_deref() }).await?;
        for note in &live.notes {
            eprintln!("note: {note}");
        }
        let model = super::resolve_model_with(&args.model, &config.model, live.knobs.as_ref())?;
        let namespace = live.cluster.namespace(kube).map(str::to_string);
        let mut vms: Vec<String> = Vec::new();
        if args.names.is_empty() {
            live.cluster
                .list_each(Resource::VMS, namespace.as_deref(), kube.selector.as_deref(), None, |items| {
                    vms.extend(items.iter().map(|raw| with_kind(raw.get(), "kubevirt.io/v1", "VirtualMachine")));
                })
                .await?;
        } else {
            let Some(namespace) = namespace.as_deref() else {
                bail!("pass -n NAMESPACE with VM names (not -A)");
            };
            for name in &args.names {
                let vm = live.cluster.get(Resource::VMS, Some(namespace), name).await.map_err(|e| {
                    if e.status() == Some(404) {
                        anyhow::anyhow!("not found: no VirtualMachine named {name} in namespace {namespace} (VirtualMachineInstances are immutable; change their VM)")
                    } else {
                        e.into()
                    }
                })?;
                vms.push(with_kind(&vm.to_string(), "kubevirt.io/v1", "VirtualMachine"));
            }
        }
        let mut changed = 0;
        for raw in &vms {
            let sources = vec![object_source(raw)];
            let inventory = Inventory::with_references(&sources, &live.references);
            let Some((_, object)) = inventory.workloads().next() else { continue };
            let facts = inventory.facts(object);
            let plan = fixes::plan(object, &facts, &model, request);
            let name = object.id.display_name();
            for note in plan_notes(&name, &plan) {
                eprintln!("note: {note}");
            }
            // Only changes that are not already in place.
            let changes: Vec<fixes::Change> = plan
                .changes
                .into_iter()
                .filter(|change| {
                    let path: Vec<&str> = change.path.to_vec();
                    let current = object.node.get_path(&path);
                    !current.is_some_and(|node| match &change.value {
                        NewValue::Bool(b) => node.as_bool() == Some(*b),
                        NewValue::Text(t) => node.as_scalar() == Some(t.as_str()),
                    })
                })
                .collect();
            if changes.is_empty() {
                continue;
            }
            let patch = merge_patch(&changes);
            let vm_namespace = object.id.namespace.clone().unwrap_or_default();
            let vm_name = object.id.name.clone().unwrap_or_default();
            let before: serde_json::Value = serde_json::from_str(raw)?;
            let after = live
                .cluster
                .merge_patch(Resource::VMS, &vm_namespace, &vm_name, &patch, true)
                .await?;
            let show = |value: &serde_json::Value| serde_yaml::to_string(&value["spec"]).unwrap_or_default();
            render::diff::unified(out, &format!("{name}.spec"), &show(&before), &show(&after))?;
            changed += 1;
            if args.apply {
                live.cluster
                    .merge_patch(Resource::VMS, &vm_namespace, &vm_name, &patch, false)
                    .await?;
                writeln!(out, "patched {name} (field manager kubectl-density); restart the VM for the change to take effect")?;
            }
        }
        if changed == 0 {
            writeln!(out, "nothing to change")?;
        }
        Ok(if changed > 0 && !args.apply { exit::FINDINGS } else { exit::SUCCESS })
    })
}

pub fn run(args: &ApplyArgs, kube: &KubeArgs, out: &mut impl Write) -> Result<u8> {
    let config = config::load(None)?;
    let request = edit_request(args)?;
    if args.input.filenames.is_empty() {
        return run_live(args, kube, &config, &request, out);
    }
    if args.apply {
        bail!("--apply patches live VirtualMachines; with -f, use --write to change the files");
    }
    let model = resolve_model(&args.model, &config.model)?;
    let stdin = args.input.filenames.iter().any(|f| f == "-");
    if args.write && stdin {
        bail!("--write cannot write to standard input; use -o yaml to print the rewritten YAML");
    }
    if args.output == Some(ApplyFormat::Yaml) && !(stdin && args.input.filenames.len() == 1) {
        bail!("-o yaml prints one rewritten stream: use it with -f - alone (or --write for files)");
    }
    let format = args.output.unwrap_or(if stdin {
        ApplyFormat::Yaml
    } else {
        ApplyFormat::Diff
    });

    let sources = read_sources(&args.input.filenames, args.input.recursive)?;
    let inventory = Inventory::from_sources(&sources);

    // Plan every object, grouped by source.
    let mut changes: Vec<Vec<FieldChange>> = vec![Vec::new(); sources.len()];
    let mut notes = Vec::new();
    for (source, document, object) in inventory.workloads_with_documents() {
        let facts = inventory.facts(object);
        let plan = fixes::plan(object, &facts, &model, &request);
        let name = object.id.display_name();
        notes.extend(plan_notes(&name, &plan));
        for change in plan.changes {
            changes[source].push(FieldChange {
                document,
                object: prefix_segments(&object.prefix),
                field: change.path.iter().map(|s| s.to_string()).collect(),
                value: change.value,
            });
        }
    }

    // Files that do not parse block every write unless --continue-on-error.
    let broken: Vec<String> = inventory
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Invalid { source, error } => Some(format!(
                "{}:{}:{}: {}",
                sources[*source].name, error.pos.line, error.pos.column, error.message
            )),
            _ => None,
        })
        .collect();

    let mut rewrites = Vec::new();
    for (index, source) in sources.iter().enumerate() {
        if changes[index].is_empty() {
            continue;
        }
        let (bom, body) = split_bom(&source.text);
        let result = match edit::apply_changes(body, &changes[index]) {
            Ok((_, 0)) => continue,
            Ok((after, _)) => Ok(format!("{bom}{after}")),
            Err(error) => Err(error.to_string()),
        };
        rewrites.push(Rewrite {
            source: index,
            result,
        });
    }

    for note in &notes {
        eprintln!("note: {note}");
    }
    for item in &broken {
        eprintln!("error: {item}: invalid YAML, not rewritten");
    }
    let mut failed = false;
    for rewrite in &rewrites {
        if let Err(error) = &rewrite.result {
            eprintln!("error: {}: {error}", sources[rewrite.source].name);
            failed = true;
        }
    }

    let new_text = |index: usize| -> &str {
        rewrites
            .iter()
            .find(|r| r.source == index)
            .and_then(|r| r.result.as_deref().ok())
            .unwrap_or(&sources[index].text)
    };
    let changed = rewrites.iter().any(|r| r.result.is_ok());

    if format == ApplyFormat::Yaml {
        out.write_all(new_text(0).as_bytes())?;
        return Ok(if failed || !broken.is_empty() {
            exit::FINDINGS
        } else {
            exit::SUCCESS
        });
    }

    if args.write {
        if !broken.is_empty() && !args.continue_on_error {
            bail!(
                "not writing anything: {} file(s) do not parse (fix them, or pass --continue-on-error to write the others)",
                broken.len()
            );
        }
        let mut written = 0;
        for rewrite in &rewrites {
            let Ok(after) = &rewrite.result else { continue };
            let source = &sources[rewrite.source];
            write_atomically(
                Path::new(&source.name),
                source.text.as_bytes(),
                after.as_bytes(),
            )?;
            written += 1;
            writeln!(out, "wrote {}", source.name)?;
        }
        if written == 0 {
            writeln!(out, "nothing to change")?;
        }
        return Ok(if failed {
            exit::FINDINGS
        } else {
            exit::SUCCESS
        });
    }

    // Preview: the diff per file, then the density effect per object.
    for rewrite in &rewrites {
        if let Ok(after) = &rewrite.result {
            let source = &sources[rewrite.source];
            render::diff::unified(out, &source.name, &source.text, after)?;
        }
    }
    if changed {
        let new_sources: Vec<Source> = sources
            .iter()
            .enumerate()
            .map(|(index, source)| Source::from_text(source.name.clone(), new_text(index)))
            .collect();
        let after_inventory = Inventory::from_sources(&new_sources);
        let before: Vec<_> = inventory.workloads().collect();
        let after: Vec<_> = after_inventory.workloads().collect();
        let mut effects = Vec::new();
        for ((source, old), (_, new)) in before.iter().zip(&after) {
            if new_text(*source) == sources[*source].text {
                continue;
            }
            let old_pod = render_pod(&inventory.facts(old), &model);
            let new_pod = render_pod(&after_inventory.facts(new), &model);
            let (was, now) = (
                old_pod.scheduler_request_bytes,
                new_pod.scheduler_request_bytes,
            );
            if was == now && old_pod.qos.class == new_pod.qos.class {
                continue;
            }
            let delta = now - was;
            effects.push(format!(
                "  {}: scheduler request {} → {} per VMI ({}{}), QoS {} → {}",
                old.id.display_name(),
                format_bytes(was),
                format_bytes(now),
                if delta < 0 { "−" } else { "+" },
                format_bytes(delta.abs()),
                old_pod.qos.class,
                new_pod.qos.class
            ));
        }
        if !effects.is_empty() {
            writeln!(out)?;
            writeln!(out, "density effect (KubeVirt {}):", model.version)?;
            for effect in effects {
                writeln!(out, "{effect}")?;
            }
        }
    }
    Ok(if changed || failed || !broken.is_empty() {
        exit::FINDINGS
    } else {
        exit::SUCCESS
    })
}
