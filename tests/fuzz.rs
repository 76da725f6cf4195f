//! Bounded fuzzing that runs in every test run (proptest): hostile bytes and mutated
//! manifests through parsing + lint + explain + the rewrite, and random quantity strings.
//! Nothing may panic; a rewrite must re-parse to exactly the intended change and converge.
//!
//! Longer campaigns: `FUZZ_CASES=200000 cargo test --release --test fuzz` (see BENCHMARKS.md
//! for the campaigns run). Every input that ever failed is kept under
//! `tests/fixtures/bad/` as a regression fixture.

use kubectl_density::kubevirt::ClusterModel;
use kubectl_density::kubevirt::explain::explain;
use kubectl_density::kubevirt::fixes::{EditRequest, plan};
use kubectl_density::kubevirt::inventory::Inventory;
use kubectl_density::manifest::Source;
use kubectl_density::manifest::edit::{self, FieldChange};
use kubectl_density::quantity::Quantity;
use kubectl_density::rules::engine::{LintSettings, lint_sources};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

/// Seeds: every fixture manifest of the repository.
fn seeds() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut out = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(root)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path)
                && text.len() < 50_000
            {
                out.push(text);
            }
        }
    }
    out.sort();
    out
}

/// A mutation of a seed: splice, delete, duplicate or replace a slice with YAML-ish noise.
fn mutate(seed: &str, at: usize, len: usize, noise: &str, op: u8) -> String {
    let bytes = seed.as_bytes();
    let at = at % (bytes.len() + 1);
    let end = (at + len).min(bytes.len());
    let mut out = Vec::with_capacity(bytes.len() + noise.len());
    match op % 4 {
        0 => {
            out.extend_from_slice(&bytes[..at]);
            out.extend_from_slice(noise.as_bytes());
            out.extend_from_slice(&bytes[at..]);
        }
        1 => {
            out.extend_from_slice(&bytes[..at]);
            out.extend_from_slice(&bytes[end..]);
        }
        2 => {
            out.extend_from_slice(&bytes[..end]);
            out.extend_from_slice(&bytes[at..end]);
            out.extend_from_slice(&bytes[end..]);
        }
        _ => {
            out.extend_from_slice(&bytes[..at]);
            out.extend_from_slice(noise.as_bytes());
            out.extend_from_slice(&bytes[end..]);
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn noise() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(": ".to_string()),
        Just("\n  ".to_string()),
        Just("- ".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("<<: ".to_string()),
        Just("---\n".to_string()),
        Just("\t".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("#".to_string()),
        Just("? ".to_string()),
        Just("!!str ".to_string()),
        Just("|\n".to_string()),
        Just("memory: ".to_string()),
        Just("overcommitGuestOverhead: true\n".to_string()),
        Just("~".to_string()),
        Just("\u{feff}".to_string()),
        Just("\r\n".to_string()),
        "[ -~]{0,12}",
        "\\PC{0,6}",
    ]
}

/// Everything a manifest goes through; must never panic.
fn exercise(text: &str) {
    let sources = vec![Source::from_text("fuzz.yaml", text)];
    let model = ClusterModel::default();
    let report = lint_sources(&sources, &LintSettings::default());
    let _ = kubectl_density::render::text::lint(&mut std::io::sink(), &report, &sources);
    let inventory = Inventory::from_sources(&sources);
    let request = EditRequest {
        overhead: true,
        no_graphics: true,
        ratio: Some(1.5),
        guest_memory: None,
        force: true,
    };
    let mut changes = Vec::new();
    for (_, document, object) in inventory.workloads_with_documents() {
        let facts = inventory.facts(object);
        let _ = explain(object.id.clone(), &facts, &model, Default::default());
        if !object.prefix.is_empty() {
            continue;
        }
        for change in plan(object, &facts, &model, &request).changes {
            changes.push(FieldChange {
                document,
                object: Vec::new(),
                field: change.path.iter().map(|s| s.to_string()).collect(),
                value: change.value,
            });
        }
    }
    // The rewrite either succeeds, re-parsing to exactly the intended change (checked inside
    // apply_changes), and converges — or refuses with an error. It never panics.
    if let Ok((once, _)) = edit::apply_changes(text, &changes) {
        let again = vec![Source::from_text("fuzz.yaml", once.as_str())];
        let inventory = Inventory::from_sources(&again);
        let mut second = Vec::new();
        for (_, document, object) in inventory.workloads_with_documents() {
            if !object.prefix.is_empty() {
                continue;
            }
            let facts = inventory.facts(object);
            for change in plan(object, &facts, &model, &request).changes {
                second.push(FieldChange {
                    document,
                    object: Vec::new(),
                    field: change.path.iter().map(|s| s.to_string()).collect(),
                    value: change.value,
                });
            }
        }
        if let Ok((twice, _)) = edit::apply_changes(&once, &second) {
            assert_eq!(once, twice, "the rewrite does not converge:\n{text}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_manifests_never_panic(
        seed_index in any::<usize>(),
        at in any::<usize>(),
        len in 0usize..40,
        noise in noise(),
        op in any::<u8>(),
        rounds in 1usize..4,
    ) {
        let seeds = seeds();
        let mut text = seeds[seed_index % seeds.len()].clone();
        for round in 0..rounds {
            text = mutate(&text, at.wrapping_mul(round + 1), len, &noise, op.wrapping_add(round as u8));
        }
        exercise(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let source = Source::from_bytes("bytes.yaml", bytes);
        let report = lint_sources(std::slice::from_ref(&source), &LintSettings::default());
        prop_assert!(report.objects <= 1000);
    }

    #[test]
    fn quantities_never_panic_and_round_trip(text in "[-+]?[0-9.]{0,12}([eE][-+]?[0-9]{0,4})?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?") {
        if let Ok(quantity) = Quantity::parse(&text) {
            let canonical = quantity.canonical();
            let again = Quantity::parse(&canonical).expect("canonical form parses");
            prop_assert_eq!(again, quantity);
        }
    }

    #[test]
    fn any_string_is_a_quantity_or_an_error(text in "\\PC{0,20}") {
        let _ = Quantity::parse(&text);
    }
}
