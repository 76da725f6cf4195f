//! kubectl-density: lint, rewrite and explain KubeVirt VM manifests for density.
//!
//! The crate is split into a pure core (quantity, kubevirt model, qos, kubelet, rules)
//! that never does I/O, the edges that read manifests or talk to a cluster
//! (`manifest::read`, `cluster`), renderers that write to any `impl Write`, and the
//! command glue in `commands`.

pub mod cli;
pub mod cluster;
pub mod commands;
pub mod complete;
pub mod config;
pub mod diagnostic;
pub mod kubelet;
pub mod kubevirt;
pub mod manifest;
pub mod qos;
pub mod quantity;
pub mod render;
pub mod rules;
