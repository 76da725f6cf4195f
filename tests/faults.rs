//! Fault tests: a full disk during `--write`, a closed pipe, and an interrupted cluster
//! connection. Nothing is lost or half-written; every failure is reported, never a panic.

mod support;

use std::fs;
use std::process::{Command, Stdio};

use support::{density, fixtures};

/// Runs the binary under bash with extra shell set-up (ulimit, traps) before `exec`.
fn under_bash(setup: &str, args: &[&str], dir: &std::path::Path) -> std::process::Output {
    let binary = env!("CARGO_BIN_EXE_kubectl-density");
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    Command::new("bash")
        .arg("-c")
        .arg(format!("{setup}; exec '{binary}' {}", quoted.join(" ")))
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("bash runs")
}

#[test]
fn a_full_disk_during_write_leaves_the_original_intact() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("vm.yaml");
    // Big enough that the rewrite cannot fit under the file-size limit below.
    let mut text = fs::read_to_string(fixtures().join("rules/DEN002-trigger.yaml")).unwrap();
    text.push_str(&format!("# {}\n", "x".repeat(8192)));
    fs::write(&file, &text).unwrap();
    // `ulimit -f 4` caps files at 4 KiB, as a full disk would stop the write; SIGXFSZ is
    // ignored so the write fails with an error instead of killing the process.
    let output = under_bash(
        "ulimit -f 4; trap '' XFSZ",
        &["apply-overcommit", "-f", "vm.yaml", "--write"],
        dir.path(),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write vm.yaml"), "{stderr}");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        text,
        "the original is intact"
    );
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["vm.yaml"], "no temporary file is left behind");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let binary = env!("CARGO_BIN_EXE_kubectl-density");
    let corpus = support::shared().join("corpus/kubevirt-examples");
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{binary}' lint -f '{}' --fail-on never | head -1",
            corpus.display()
        ))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 1);
}

#[test]
fn an_interrupted_connection_is_reported_not_hung() {
    use support::emulator::*;
    let mut state = ClusterState::new();
    state.vmis.push(vmi(
        "ns1",
        "a",
        serde_json::json!({"domain": {"resources": {"requests": {"memory": "1Gi"}}}}),
    ));
    let emulator = Emulator::start(state);
    emulator.set_fault(Fault::close("/apis/kubevirt.io/v1/virtualmachineinstances"));
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = emulator.kubeconfig(dir.path());
    let started = std::time::Instant::now();
    let run = density(&[
        "lint",
        "-A",
        "--kind",
        "vmi",
        "--kubeconfig",
        kubeconfig.to_str().unwrap(),
    ])
    .run();
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr.contains("cannot reach the API server") || run.stderr.contains("connection"),
        "{run}"
    );
    assert!(started.elapsed().as_secs() < 20, "it did not hang");
}
