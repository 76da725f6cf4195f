//! KubeVirt's own example manifests (`../shared/corpus/kubevirt-examples`): lint reports a
//! validity error exactly where KubeVirt's admission rejects an object
//! (`tests/corpus/expectations.json`, decided from KubeVirt's source), and nowhere else.

mod support;

use std::collections::BTreeSet;

use support::{density, shared};

const VALIDITY_RULES: [&str; 12] = [
    "DEN000", "DEN004", "DEN005", "DEN006", "DEN007", "DEN008", "DEN009", "DEN010", "DEN011",
    "DEN013", "DEN014", "DEN016",
];

fn corpus_dir() -> String {
    shared()
        .join("corpus/kubevirt-examples")
        .display()
        .to_string()
}

fn expectations() -> serde_json::Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/expectations.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn lint_corpus(extra: &[&str]) -> serde_json::Value {
    let dir = corpus_dir();
    let mut args = vec!["lint", "-f", &dir, "-o", "json", "--fail-on", "never"];
    args.extend_from_slice(extra);
    let run = density(&args).run();
    assert_eq!(run.code, 0, "{run}");
    serde_json::from_str(&run.stdout).unwrap()
}

/// `(file name, code, line)` of every validity error.
fn errors(report: &serde_json::Value) -> BTreeSet<(String, String, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["severity"] == "error" && VALIDITY_RULES.contains(&f["rule"].as_str().unwrap())
        })
        .map(|f| {
            let file = f["location"]["file"].as_str().unwrap();
            let name = file.rsplit('/').next().unwrap().to_string();
            (
                name,
                f["rule"].as_str().unwrap().to_string(),
                f["location"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn validity_errors_match_kubevirt_admission_exactly() {
    let expected_doc = expectations();
    let mut expected = BTreeSet::new();
    for (file, entry) in expected_doc["files"].as_object().unwrap() {
        for object in entry["objects"].as_array().unwrap() {
            for error in object["errors"].as_array().unwrap() {
                expected.insert((
                    file.clone(),
                    error["code"].as_str().unwrap().to_string(),
                    error["line"].as_u64().unwrap(),
                ));
            }
        }
    }
    assert!(
        !expected.is_empty(),
        "the expectations name no rejected object"
    );
    let report = lint_corpus(&[]);
    assert_eq!(errors(&report), expected);
}

#[test]
fn every_object_is_recognised_and_the_rest_skipped() {
    let expected = &expectations()["summaryWholeDirectory"];
    let report = lint_corpus(&[]);
    assert_eq!(
        report["summary"]["objects"], expected["objects"],
        "{expected}"
    );
    assert_eq!(
        report["summary"]["skipped"], expected["skipped"],
        "{expected}"
    );
}

#[test]
fn density_recommendations_are_reported_on_the_corpus() {
    let report = lint_corpus(&[]);
    let count = |code: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == code)
            .count()
    };
    // Every workload keeps its graphics device; all but the dedicated-CPU VMI request the
    // overhead (vmi-fedora-isolated is meant to be Guaranteed).
    assert_eq!(count("DEN001"), 36);
    assert_eq!(count("DEN002"), 35);
    assert_eq!(count("DEN012"), 0);
}

#[test]
fn newest_versions_know_every_field_of_the_corpus() {
    for version in ["v1.9", "main"] {
        let report = lint_corpus(&["--kubevirt-version", version, "--select", "DEN005,DEN006"]);
        assert_eq!(report["findings"], serde_json::json!([]), "{version}");
    }
    // Older releases lack fields the corpus uses: the DRA GPU fields are new in v1.6.
    let report = lint_corpus(&["--kubevirt-version", "v1.5", "--select", "DEN005"]);
    let files: BTreeSet<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["location"]["file"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
        })
        .collect();
    assert!(files.contains("vmi-dra-pgpu.yaml"), "{files:?}");
}

#[test]
fn every_output_format_handles_every_corpus_file() {
    for format in ["text", "json", "sarif"] {
        let dir = corpus_dir();
        let run = density(&["lint", "-f", &dir, "-o", format]).run();
        assert_eq!(run.code, 1, "{format}: {run}");
        assert!(run.stderr.is_empty(), "{format}: {run}");
    }
}
