//! CLI tests: the real binary over fixture files, with snapshot assertions of exit code,
//! stdout and stderr together.

mod support;

use std::path::Path;

use kubectl_density::rules::{RULES, Scope};
use support::{Run, density, fixtures};

fn lint_json(args: &[&str]) -> serde_json::Value {
    let mut full = vec!["lint", "-o", "json", "--fail-on", "never"];
    full.extend_from_slice(args);
    let run = density(&full).run();
    assert_eq!(run.code, 0, "{run}");
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run}"))
}

fn finding_codes(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_rule_has_a_triggering_fixture_with_a_snapshot() {
    for rule in RULES.iter().filter(|rule| rule.scope == Scope::Object) {
        let file = format!("rules/{}-trigger.yaml", rule.code);
        assert!(
            fixtures().join(&file).is_file(),
            "{} has no trigger fixture",
            rule.code
        );
        let codes = finding_codes(&lint_json(&["-f", &file]));
        assert!(
            codes.iter().any(|c| c == rule.code),
            "{file} does not trigger {}: {codes:?}",
            rule.code
        );
        let run = density(&["lint", "-f", &file]).run();
        insta::assert_snapshot!(format!("rule_{}", rule.code), run.to_string());
    }
}

#[test]
fn near_miss_fixtures_do_not_trigger_their_rule() {
    let mut checked = 0;
    for rule in RULES {
        let file = format!("rules/{}-ok.yaml", rule.code);
        if !fixtures().join(&file).is_file() {
            continue;
        }
        checked += 1;
        let codes = finding_codes(&lint_json(&["-f", &file]));
        assert!(
            !codes.iter().any(|c| c == rule.code),
            "{file} triggers {}: {codes:?}",
            rule.code
        );
        // A near miss must still be a valid object: no validity error of any kind.
        let report = lint_json(&["-f", &file]);
        assert_eq!(
            report["summary"]["bySeverity"]["error"], 0,
            "{file}: {report}"
        );
    }
    assert!(checked >= 12, "only {checked} near-miss fixtures");
}

#[test]
fn a_tuned_manifest_is_clean_and_exits_zero() {
    let run = density(&["lint", "-f", "rules/clean.yaml"]).run();
    assert_eq!(run.code, 0, "{run}");
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn lint_text_output_of_the_examples() {
    let run = density(&["lint", "-R", "-f", "../../examples"]).run();
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn the_seed_guide_mistakes_are_found_at_their_lines() {
    let report = lint_json(&["-R", "-f", "../../examples/seed-guide"]);
    let found: Vec<(String, String, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = f["location"]["file"].as_str().unwrap();
            let name = Path::new(file).file_name().unwrap().to_str().unwrap();
            (
                name.to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["location"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    for expected in [
        ("misindented.yaml", "DEN000", 32),
        ("no-graphics.yaml", "DEN014", 27),
        ("no-graphics.yaml", "DEN005", 37),
        ("overcommit-guest-overhead.yaml", "DEN014", 20),
    ] {
        let expected = (expected.0.to_string(), expected.1.to_string(), expected.2);
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }
    let typo = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "DEN005")
        .unwrap();
    assert!(
        typo["help"]
            .as_str()
            .unwrap()
            .contains("did you mean `autoattachGraphicsDevice`"),
        "{typo}"
    );
}

#[test]
fn misindentation_gets_a_hint() {
    let run = density(&["lint", "-f", "rules/DEN000-trigger.yaml"]).run();
    assert!(
        run.stdout
            .contains("`overcommitGuestOverhead: true` on line 8 already has a value"),
        "{run}"
    );
}

#[test]
fn json_output_snapshot() {
    let run = density(&["lint", "-o", "json", "-f", "rules/DEN006-trigger.yaml"]).run();
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn sarif_output_snapshot_with_exact_regions() {
    let run = density(&["lint", "-o", "sarif", "-f", "rules/DEN005-trigger.yaml"]).run();
    assert_eq!(run.code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    assert_eq!(
        run0["tool"]["driver"]["rules"].as_array().unwrap().len(),
        RULES.len()
    );
    let typo = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "DEN005")
        .unwrap();
    let region = &typo["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 8);
    assert_eq!(region["startColumn"], 7);
    assert_eq!(region["endColumn"], 7 + "autottachGraphicsDevice".len());
    // The tool version changes with releases; keep the snapshot stable.
    let stable = run.stdout.replace(env!("CARGO_PKG_VERSION"), "VERSION");
    insta::assert_snapshot!(stable);
}

#[test]
fn fail_on_sets_the_exit_code() {
    // DEN003 is info only.
    let file = "rules/DEN003-trigger.yaml";
    for (fail_on, code) in [("info", 1), ("warning", 0), ("error", 0), ("never", 0)] {
        let run = density(&["lint", "-f", file, "--fail-on", fail_on]).run();
        assert_eq!(run.code, code, "--fail-on {fail_on}: {run}");
    }
    // DEN014 error for v1alpha2.
    let run = density(&[
        "lint",
        "-f",
        "rules/DEN014-trigger.yaml",
        "--fail-on",
        "error",
    ])
    .run();
    assert_eq!(run.code, 1, "{run}");
}

#[test]
fn select_and_ignore_take_codes_and_names() {
    let file = "rules/DEN006-trigger.yaml";
    let only = finding_codes(&lint_json(&["-f", file, "--select", "misplaced-field"]));
    assert!(
        !only.is_empty() && only.iter().all(|c| c == "DEN006"),
        "{only:?}"
    );
    let without = finding_codes(&lint_json(&["-f", file, "--ignore", "DEN006,den003"]));
    assert!(
        !without.iter().any(|c| c == "DEN006" || c == "DEN003"),
        "{without:?}"
    );
    let run = density(&["lint", "-f", file, "--select", "DEN999"]).run();
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn ignore_annotations_suppress_unless_disabled() {
    let file = "inputs/mixed.yaml";
    let codes = finding_codes(&lint_json(&["-f", file]));
    assert!(
        !codes.iter().any(|c| c == "DEN001" || c == "DEN002"),
        "{codes:?}"
    );
    let strict = finding_codes(&lint_json(&["-f", file, "--no-ignore-annotations"]));
    assert!(strict.iter().any(|c| c == "DEN001"), "{strict:?}");
    assert!(strict.iter().any(|c| c == "DEN002"), "{strict:?}");
}

#[test]
fn skipped_kinds_and_empty_documents_are_counted() {
    let report = lint_json(&["-f", "inputs/mixed.yaml"]);
    assert_eq!(report["summary"]["objects"], 1);
    assert_eq!(report["summary"]["skipped"], 2);
}

#[test]
fn lists_are_expanded_recursively() {
    let report = lint_json(&["-f", "inputs/list.yaml"]);
    assert_eq!(report["summary"]["objects"], 2, "{report}");
    assert_eq!(report["summary"]["skipped"], 1, "{report}");
    let paths: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"items[1].spec.domain.devices.autoattachGraphicsDevice"),
        "{paths:?}"
    );
    assert!(
        paths.contains(
            &"items[2].items[0].spec.template.spec.domain.devices.autoattachGraphicsDevice"
        ),
        "{paths:?}"
    );
}

#[test]
fn directories_recurse_only_with_dash_r() {
    let flat = lint_json(&["-f", "inputs/tree"]);
    assert_eq!(flat["summary"]["objects"], 1);
    let deep = lint_json(&["-R", "-f", "inputs/tree"]);
    assert_eq!(deep["summary"]["objects"], 2);
}

#[test]
fn stdin_is_read_with_dash() {
    let text = std::fs::read_to_string(fixtures().join("rules/DEN002-trigger.yaml")).unwrap();
    let run = density(&["lint", "-f", "-"]).stdin(&text).run();
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn crlf_bom_and_json_inputs_are_located_like_any_other() {
    for file in ["inputs/crlf.yaml", "inputs/bom.yaml"] {
        let report = lint_json(&["-f", file, "--select", "DEN001"]);
        let finding = &report["findings"][0];
        assert_eq!(finding["location"]["line"], 7, "{file}: {report}");
        assert_eq!(finding["location"]["column"], 5, "{file}: {report}");
    }
    let report = lint_json(&["-f", "inputs/vm.json", "--select", "DEN002,DEN012"]);
    let lines: Vec<u64> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [9], "{report}");
    assert_eq!(report["findings"][0]["object"]["namespace"], "ns");
}

#[test]
fn a_missing_path_is_exit_2_with_a_clear_message() {
    let run = density(&["lint", "-f", "does/not/exist.yaml"]).run();
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn invalid_yaml_is_a_finding_and_other_files_go_on() {
    let run = density(&[
        "lint",
        "-f",
        "rules/DEN000-trigger.yaml",
        "-f",
        "rules/DEN016-trigger.yaml",
        "--fail-on",
        "never",
    ])
    .run();
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("DEN000"), "{run}");
    assert!(run.stdout.contains("DEN016"), "{run}");
}

#[test]
fn no_input_is_a_usage_error() {
    let run = density(&["lint"])
        .env("KUBECONFIG", "/nonexistent/kubeconfig")
        .run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("pass -f PATH"), "{run}");
}

#[test]
fn nothing_panics_on_hostile_inputs() {
    let dir = fixtures().join("bad");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let relative = format!("bad/{}", path.file_name().unwrap().to_str().unwrap());
        let run: Run = density(&["lint", "-f", &relative]).run();
        assert!(
            run.code == 0 || run.code == 1,
            "{relative}: unexpected exit {}: {run}",
            run.code
        );
        assert!(!run.stderr.contains("panicked"), "{relative}: {run}");
        count += 1;
    }
    assert!(count >= 25, "only {count} hostile inputs");
    // And all of them at once, through a directory.
    let run = density(&["lint", "-f", "bad", "-o", "sarif"]).run();
    assert_eq!(run.code, 1, "{run}");
}

#[test]
fn config_file_sets_severities_fail_on_and_model() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".kubectl-density.yaml"),
        "failOn: error\nrules:\n  DEN003: off\n  graphics-device-attached: error\nmodel:\n  kubevirtVersion: v1.5\n",
    )
    .unwrap();
    std::fs::copy(
        fixtures().join("rules/DEN001-trigger.yaml"),
        dir.path().join("vm.yaml"),
    )
    .unwrap();
    let run = density(&["lint", "-f", "vm.yaml", "-o", "json"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 1, "{run}");
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let finding = &report["findings"][0];
    assert_eq!(finding["rule"], "DEN001");
    assert_eq!(finding["severity"], "error");
    // v1.5 from the config: the graphics device costs 16Mi there.
    assert_eq!(finding["savingsBytes"], 16 * 1024 * 1024);
    assert_eq!(report["findings"].as_array().unwrap().len(), 1);
    // Flags win over the config file.
    let run = density(&[
        "lint",
        "-f",
        "vm.yaml",
        "--fail-on",
        "never",
        "--kubevirt-version",
        "v1.9",
        "-o",
        "json",
    ])
    .current_dir(dir.path())
    .run();
    assert_eq!(run.code, 0, "{run}");
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["findings"][0]["savingsBytes"], 32 * 1024 * 1024);
}

#[test]
fn a_broken_config_file_is_located() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.yaml"), "rules:\n  DEN001: sometimes\n").unwrap();
    let run = density(&["lint", "-f", "-", "--config", "c.yaml"])
        .current_dir(dir.path())
        .stdin("")
        .run();
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn the_model_version_changes_severities() {
    // guest > limit: rejected (error) on v1.2, accepted (warning) on v1.9 by default, and an
    // error again on v1.9 with the Stage rollout strategy.
    let file = "rules/DEN004-trigger.yaml";
    for (flags, severity) in [
        (vec!["--kubevirt-version", "v1.2"], "error"),
        (vec![], "warning"),
        (vec!["--rollout-strategy", "Stage"], "error"),
        (
            vec![
                "--kubevirt-version",
                "1.5",
                "--rollout-strategy",
                "LiveUpdate",
            ],
            "warning",
        ),
        (
            vec![
                "--kubevirt-version",
                "v1.4",
                "--rollout-strategy",
                "LiveUpdate",
            ],
            "error",
        ),
    ] {
        let mut args = vec!["-f", file, "--select", "DEN004"];
        args.extend(flags.iter().copied());
        let report = lint_json(&args);
        assert_eq!(report["findings"][0]["severity"], severity, "{flags:?}");
    }
}

#[test]
fn help_speaks_as_kubectl_density() {
    let run = density(&["lint", "--help"]).run();
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Usage: kubectl density lint"), "{run}");
    let run = density(&["--help"]).run();
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn flag_values_are_validated_before_anything_runs() {
    let run = density(&["plan", "-f", "x.yaml", "--node-memory", "lots"]).run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("invalid value 'lots'"), "{run}");
    let run = density(&["eviction", "--concurrency", "0"]).run();
    assert_eq!(run.code, 2);
    let run = density(&["lint", "-f", "x.yaml", "--fail-on", "sometimes"]).run();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("possible values: error, warning, info, never"),
        "{run}"
    );
}

#[test]
fn rules_lists_and_documents() {
    let run = density(&["rules"]).run();
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("rules_list", run.to_string());
    let run = density(&["rules", "guest-overhead-requested", "--color", "never"]).run();
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("rules_den002", run.to_string());
    let run = density(&["rules", "DEN404"]).run();
    assert_eq!(run.code, 2);
}

#[test]
fn colour_is_off_in_pipes_and_on_when_forced() {
    let plain = density(&["lint", "-f", "rules/DEN001-trigger.yaml"]).run();
    assert!(!plain.stdout.contains('\u{1b}'), "{plain}");
    let forced = density(&[
        "lint",
        "-f",
        "rules/DEN001-trigger.yaml",
        "--color",
        "always",
    ])
    .run();
    assert!(forced.stdout.contains("\u{1b}["), "{forced}");
}
