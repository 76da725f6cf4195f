//! The test API-server emulator as a process, for the benchmarks (`bench/run.py`): serves a
//! generated cluster on 127.0.0.1 until standard input closes or the time limit passes.
//!
//! `cargo run --release --example emulator-server -- --vmis 20000 --namespaces 20 --nodes 500
//!  --configz-latency-ms 50 --kubeconfig /tmp/bench/kubeconfig --seconds 600`
//!
//! Prints `ready` once the kubeconfig is written. Loopback only; bounded in time.

#[path = "../tests/support"]
mod support {
    pub mod emulator;
}

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::json;
use support::emulator::*;

fn main() {
    let mut vmis = 0usize;
    let mut namespaces = 10usize;
    let mut nodes = 3usize;
    let mut latency = 0u64;
    let mut kubeconfig = PathBuf::from("kubeconfig");
    let mut seconds = 600u64;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--vmis" => vmis = value.parse().expect("--vmis N"),
            "--namespaces" => namespaces = value.parse::<usize>().expect("--namespaces N").max(1),
            "--nodes" => nodes = value.parse().expect("--nodes N"),
            "--configz-latency-ms" => latency = value.parse().expect("--configz-latency-ms N"),
            "--kubeconfig" => kubeconfig = PathBuf::from(value),
            "--seconds" => seconds = value.parse().expect("--seconds N"),
            other => panic!("unknown flag {other}"),
        }
    }
    let mut state = ClusterState::new();
    state.kubevirt = Some(kubevirt_cr("v1.9.0", json!({})));
    for index in 0..nodes {
        let name = format!("node-{index:04}");
        state
            .nodes
            .push(node(&name, "256Gi", "250Gi", "v1.33.2", &[]));
        state.configz.insert(name, configz(default_kubeletconfig()));
    }
    for index in 0..vmis {
        let namespace = format!("tenant-{:02}", index % namespaces);
        let memory = ["1Gi", "2Gi", "4Gi", "8Gi"][index % 4];
        state.vmis.push(vmi(
            &namespace,
            &format!("vmi-{index:05}"),
            json!({
                "domain": {
                    "cpu": {"cores": 1 + index % 4},
                    "devices": {"disks": [{"name": "rootdisk", "disk": {"bus": "virtio"}}]},
                    "resources": {"requests": {"memory": memory}},
                },
                "volumes": [{"name": "rootdisk", "containerDisk": {"image": "quay.io/containerdisks/fedora:41"}}],
            }),
        ));
    }
    let server = Emulator::start(state);
    if latency > 0 {
        server.set_fault(Fault::delay("/api/v1/nodes/*/proxy/configz", latency));
    }
    server.kubeconfig(kubeconfig.parent().unwrap_or(std::path::Path::new(".")));
    let written = kubeconfig
        .parent()
        .unwrap_or(std::path::Path::new("."))
        .join("kubeconfig");
    if written != kubeconfig {
        std::fs::rename(&written, &kubeconfig).expect("kubeconfig written");
    }
    println!("ready");
    std::io::stdout().flush().ok();
    // Stop when the driver closes our stdin, or at the time limit.
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (done, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        for _ in stdin.lock().lines() {}
        let _ = done.send(());
    });
    let _ = wait.recv_timeout(deadline.saturating_duration_since(Instant::now()));
    server.stop();
}
