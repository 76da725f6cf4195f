//! The kubelet side of VM density: the configuration subset that decides eviction,
//! reservations and swap; eviction threshold parsing exactly as the kubelet does it; the
//! allocatable-memory arithmetic; what the node rules DEN101–DEN107 share (the rules
//! themselves are files in `src/rules/`); and the `eviction` command's report model.
//!
//! Pure: callers pass configz JSON or config file text in, and get data back. Checked against
//! Kubernetes 1.37 (the newest release; sources read from the development branch after it):
//! `pkg/kubelet/eviction/helpers.go` (`ParseThresholdConfig`), `pkg/kubelet/eviction/api/types.go`
//! (`GetThresholdQuantity`), `pkg/kubelet/eviction/defaults_linux.go`,
//! `pkg/kubelet/apis/config/v1beta1/defaults.go`, `cmd/kubelet/app/server.go`
//! (`loadConfigFile`, `parseResourceList`), `pkg/kubelet/cm/container_manager_linux.go`
//! (`hardEvictionReservation`), `pkg/kubelet/nodestatus/setters.go` (allocatable and hugepages),
//! `pkg/kubelet/eviction/eviction_manager.go` and `pkg/kubelet/pod_workers.go` (grace periods).

// Every public item here is part of the API the commands and the rule registry build on.
#![warn(missing_docs)]

pub mod allocatable;
pub mod config;
pub mod duration;
pub mod majority;
pub mod report;
pub mod rules;
pub mod thresholds;

pub use allocatable::{
    AllocatableError, AllocatableMemory, allocatable_memory, reserved_memory_bytes,
};
pub use config::{
    ConfigError, ConfigErrorKind, KubeletConfig, NEWEST_KUBELET_MINOR, Source,
    default_eviction_hard, kubelet_minor_from_version,
};
pub use duration::{DurationError, GoDuration};
pub use majority::{Deviation, differs_from_majority};
pub use rules::{NodeFacts, NodeFinding, node_findings, node_findings_with, node_rules};
pub use thresholds::{
    Operator, Signal, Threshold, ThresholdError, ThresholdErrorKind, ThresholdField,
    ThresholdInput, ThresholdValue, parse_threshold_config,
};
