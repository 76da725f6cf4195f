//! `kubectl density apply-overcommit`: golden rewrites (`tests/fixtures/apply/*/`: `input.yaml`,
//! `args`, `expected.yaml`), convergence (apply, re-lint, re-apply: no diff), refusals, stdin,
//! and safety of `--write`.
//! Regenerate the goldens with `UPDATE_GOLDEN=1 cargo test --test apply` and review the diff.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use support::{density, fixtures};

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(fixtures().join("apply"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("input.yaml").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn args_of(case: &Path) -> Vec<String> {
    fs::read_to_string(case.join("args"))
        .unwrap()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn lint_codes(dir: &Path) -> Vec<String> {
    let run = density(&[
        "lint",
        "-f",
        "input.yaml",
        "-o",
        "json",
        "--fail-on",
        "never",
    ])
    .current_dir(dir)
    .run();
    assert_eq!(run.code, 0, "{run}");
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn golden_rewrites_converge() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let cases = cases();
    assert!(cases.len() >= 12, "only {} golden cases", cases.len());
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let dir = tempfile::tempdir().unwrap();
        fs::copy(case.join("input.yaml"), dir.path().join("input.yaml")).unwrap();
        let args = args_of(&case);
        let mut write = vec!["apply-overcommit", "-f", "input.yaml", "--write"];
        write.extend(args.iter().map(String::as_str));
        let run = density(&write).current_dir(dir.path()).run();
        assert_eq!(run.code, 0, "{name}: {run}");
        let output = fs::read(dir.path().join("input.yaml")).unwrap();
        let expected_path = case.join("expected.yaml");
        if update {
            fs::write(&expected_path, &output).unwrap();
        }
        let expected = fs::read(&expected_path).unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&output),
            String::from_utf8_lossy(&expected),
            "{name}: rewrite differs from expected.yaml"
        );
        // Every line of the input is still there, in order: edits only add or replace lines
        // that hold the edited keys.
        let input = fs::read_to_string(case.join("input.yaml")).unwrap();
        let after = String::from_utf8_lossy(&output).into_owned();
        let removed: Vec<&str> = input
            .lines()
            .filter(|line| !after.lines().any(|l| l == *line))
            .collect();
        for line in &removed {
            assert!(
                [
                    "overcommitGuestOverhead",
                    "guest:",
                    "devices:",
                    "resources:",
                    "domain:",
                    "memory:",
                    "\"devices\"",
                    "\"resources\""
                ]
                .iter()
                .any(|key| line.contains(key)),
                "{name}: unrelated line changed: {line:?}"
            );
        }
        // Convergence: a second run has nothing to do.
        let mut preview = vec!["apply-overcommit", "-f", "input.yaml"];
        preview.extend(args.iter().map(String::as_str));
        let again = density(&preview).current_dir(dir.path()).run();
        assert_eq!(
            again.code, 0,
            "{name}: second run still has a diff: {again}"
        );
        assert!(!again.stdout.contains("+++"), "{name}: {again}");
        // And lint no longer reports what was fixed (where the edit was not refused).
        let codes = lint_codes(dir.path());
        if name != "refusals" {
            if args.iter().any(|a| a == "--overhead") {
                assert!(!codes.contains(&"DEN002".to_string()), "{name}: {codes:?}");
            }
            if args.iter().any(|a| a == "--no-graphics") {
                assert!(!codes.contains(&"DEN001".to_string()), "{name}: {codes:?}");
            }
            if args.iter().any(|a| a == "--ratio") {
                assert!(!codes.contains(&"DEN003".to_string()), "{name}: {codes:?}");
            }
        }
    }
}

#[test]
fn preview_shows_a_unified_diff_and_the_density_effect() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        fixtures().join("apply/block-two-space/input.yaml"),
        dir.path().join("vm.yaml"),
    )
    .unwrap();
    let run = density(&[
        "apply-overcommit",
        "-f",
        "vm.yaml",
        "--no-graphics",
        "--overhead",
    ])
    .current_dir(dir.path())
    .run();
    assert_eq!(run.code, 1, "a diff exists: {run}");
    assert!(
        run.stdout.starts_with("--- a/vm.yaml\n+++ b/vm.yaml\n@@ "),
        "{run}"
    );
    insta::assert_snapshot!(run.to_string());
    // Nothing was written.
    assert_eq!(
        fs::read(dir.path().join("vm.yaml")).unwrap(),
        fs::read(fixtures().join("apply/block-two-space/input.yaml")).unwrap()
    );
}

#[test]
fn refusals_are_notes_that_name_the_object_and_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        fixtures().join("apply/refusals/input.yaml"),
        dir.path().join("vms.yaml"),
    )
    .unwrap();
    let run = density(&[
        "apply-overcommit",
        "-f",
        "vms.yaml",
        "--overhead",
        "--ratio",
        "2",
    ])
    .current_dir(dir.path())
    .run();
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr.contains(
            "VirtualMachineInstance/dedicated: not changing overcommitGuestOverhead: dedicated CPUs"
        ),
        "{run}"
    );
    assert!(run.stderr.contains("VirtualMachineInstance/limited: not changing guest memory: guest memory 4Gi would exceed limits.memory 3Gi"), "{run}");
    assert!(
        run.stderr
            .contains("VirtualMachine/sized: not changing guest memory: uses an instancetype"),
        "{run}"
    );
    assert!(
        run.stderr.contains("spec.memory.overcommitPercent"),
        "{run}"
    );
    insta::assert_snapshot!(run.to_string());
    // --force applies what is only a risk, never what KubeVirt rejects.
    let forced = density(&[
        "apply-overcommit",
        "-f",
        "vms.yaml",
        "--ratio",
        "2",
        "--force",
    ])
    .current_dir(dir.path())
    .run();
    assert!(forced.stdout.contains("+      guest: 4Gi"), "{forced}");
    assert!(
        forced
            .stderr
            .contains("--force: guest memory changed although"),
        "{forced}"
    );
    assert!(
        forced
            .stderr
            .contains("dedicated CPUs need memory requests equal to limits"),
        "{forced}"
    );
    // A Guaranteed VMI (requests == limits) is only a risk: refused, then forced.
    let guaranteed = "apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata:\n  name: g\nspec:\n  domain:\n    resources:\n      requests: {cpu: '1', memory: 1Gi}\n      limits: {cpu: '1', memory: 1Gi}\n";
    let run = density(&["apply-overcommit", "-f", "-", "-o", "diff"])
        .stdin(guaranteed)
        .run();
    assert!(
        run.stderr
            .contains("silently drop from Guaranteed to Burstable"),
        "{run}"
    );
    assert!(!run.stdout.contains("+"), "{run}");
    let run = density(&["apply-overcommit", "-f", "-", "-o", "diff", "--force"])
        .stdin(guaranteed)
        .run();
    assert!(
        run.stdout.contains("+      overcommitGuestOverhead: true"),
        "{run}"
    );
}

#[test]
fn stdin_prints_the_rewritten_stream_or_the_diff() {
    let text = fs::read_to_string(fixtures().join("apply/multi-document/input.yaml")).unwrap();
    let run = density(&["apply-overcommit", "-f", "-"]).stdin(&text).run();
    assert_eq!(run.code, 0, "{run}");
    let expected =
        fs::read_to_string(fixtures().join("apply/multi-document/expected.yaml")).unwrap();
    assert_eq!(run.stdout, expected);
    let run = density(&["apply-overcommit", "-f", "-", "-o", "diff"])
        .stdin(&text)
        .run();
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stdout.starts_with("--- a/<stdin>\n+++ b/<stdin>\n"),
        "{run}"
    );
    let run = density(&["apply-overcommit", "-f", "-", "--write"])
        .stdin(&text)
        .run();
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn nothing_is_written_when_a_file_does_not_parse() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        fixtures().join("rules/DEN002-trigger.yaml"),
        dir.path().join("good.yaml"),
    )
    .unwrap();
    fs::copy(
        fixtures().join("rules/DEN000-trigger.yaml"),
        dir.path().join("bad.yaml"),
    )
    .unwrap();
    let before = fs::read(dir.path().join("good.yaml")).unwrap();
    let run = density(&["apply-overcommit", "-f", ".", "--write"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("bad.yaml:9:17"), "{run}");
    assert_eq!(fs::read(dir.path().join("good.yaml")).unwrap(), before);
    let run = density(&[
        "apply-overcommit",
        "-f",
        ".",
        "--write",
        "--continue-on-error",
    ])
    .current_dir(dir.path())
    .run();
    assert_eq!(run.code, 0, "{run}");
    assert_ne!(fs::read(dir.path().join("good.yaml")).unwrap(), before);
}

#[test]
fn write_keeps_the_file_mode_and_leaves_no_temporary_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("vm.yaml");
    fs::copy(fixtures().join("rules/DEN002-trigger.yaml"), &file).unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
    let run = density(&["apply-overcommit", "-f", "vm.yaml", "--write"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn bad_flags_are_usage_errors() {
    for args in [
        vec![
            "apply-overcommit",
            "-f",
            "rules/clean.yaml",
            "--ratio",
            "0.5",
        ],
        vec![
            "apply-overcommit",
            "-f",
            "rules/clean.yaml",
            "--guest-memory",
            "lots",
        ],
        vec!["apply-overcommit", "-f", "rules/clean.yaml", "-o", "yaml"],
    ] {
        let run = density(&args).run();
        assert_eq!(run.code, 2, "{args:?}: {run}");
    }
}
