//! Allocatable memory, term by term, as the kubelet computes the Node's `status.allocatable`.
//!
//! The kubelet (`GetNodeAllocatableReservation` in pkg/kubelet/cm/container_manager_linux.go,
//! then the `MachineInfo` setter in pkg/kubelet/nodestatus/setters.go) does:
//!
//! 1. reservation = `systemReserved.memory` + `kubeReserved.memory` + the hard
//!    `memory.available` threshold (`hardEvictionReservation`: a quantity as is, a percentage
//!    as `int64(float64(capacity) * float64(float32 percentage))`, truncated), summed exactly;
//! 2. allocatable = capacity − reservation, raised to 0 if negative;
//! 3. for every `hugepages-<size>` capacity: allocatable −= it, raised to 0 if negative.
//!
//! The hard thresholds come from `ParseThresholdConfig([], evictionHard, nil, nil, nil)`, so soft
//! thresholds never reserve anything, and the reserved maps are read like the kubelet's
//! `parseResourceList` (only cpu, memory, ephemeral-storage and pid; no negative quantities),
//! whose errors stop the kubelet.

use serde::Serialize;

use super::config::KubeletConfig;
use super::thresholds::{Signal, ThresholdError};
use crate::quantity::{Format, Quantity, QuantityError};

/// The allocatable-memory arithmetic, every term in bytes (the `memory` object of the
/// `eviction` command's JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AllocatableMemory {
    /// The node's memory capacity (`MemTotal`).
    pub capacity_bytes: i64,
    /// `systemReserved.memory` (0 when unset).
    pub system_reserved_bytes: i64,
    /// `kubeReserved.memory` (0 when unset).
    pub kube_reserved_bytes: i64,
    /// The hard `memory.available` threshold resolved against capacity (0 when there is none).
    pub hard_eviction_bytes: i64,
    /// All hugepages capacity (pre-allocated, so not available to pods as regular memory).
    pub hugepages_bytes: i64,
    /// What the scheduler can hand out: capacity minus the above, not below 0.
    pub allocatable_bytes: i64,
}

/// Why allocatable memory cannot be computed. Each one also stops the kubelet.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AllocatableError {
    /// `evictionHard` does not parse.
    #[error("{}: {source}", .source.path())]
    Threshold {
        /// The parse error.
        #[from]
        source: ThresholdError,
    },
    /// A reserved quantity does not parse (`parseResourceList`).
    #[error(
        "{field}.{resource}: failed to parse quantity {value:?} for {resource:?} resource: {source}"
    )]
    Quantity {
        /// `systemReserved` or `kubeReserved`.
        field: &'static str,
        /// The resource name.
        resource: String,
        /// The value as written.
        value: String,
        /// Why it does not parse.
        #[source]
        source: QuantityError,
    },
    /// A negative reserved quantity.
    #[error("{field}.{resource}: resource quantity for {resource:?} cannot be negative: {value}")]
    Negative {
        /// `systemReserved` or `kubeReserved`.
        field: &'static str,
        /// The resource name.
        resource: String,
        /// The value as written.
        value: String,
    },
    /// A reserved resource other than cpu, memory, ephemeral-storage and pid.
    #[error("{field}.{resource}: cannot reserve {resource:?} resource")]
    UnknownResource {
        /// `systemReserved` or `kubeReserved`.
        field: &'static str,
        /// The resource name.
        resource: String,
    },
    /// A term that has no `i64` byte value (absurdly large quantities, or a `nan%` threshold).
    #[error("{0} has no byte value")]
    OutOfRange(String),
}

impl AllocatableError {
    /// The configuration path of the offending entry (`systemReserved.memory`,
    /// `evictionHard.memory.available`), when there is one.
    pub fn path(&self) -> Option<String> {
        match self {
            AllocatableError::Threshold { source } => Some(source.path()),
            AllocatableError::Quantity {
                field, resource, ..
            }
            | AllocatableError::Negative {
                field, resource, ..
            }
            | AllocatableError::UnknownResource { field, resource } => {
                Some(format!("{field}.{resource}"))
            }
            AllocatableError::OutOfRange(what) => what.contains('.').then(|| what.clone()),
        }
    }
}

/// The memory `systemReserved` and `kubeReserved` reserve, in bytes, after checking both maps
/// as the kubelet's `parseResourceList` does (its errors stop the kubelet). Needs no capacity.
pub fn reserved_memory_bytes(config: &KubeletConfig) -> Result<(i64, i64), AllocatableError> {
    let bytes = |quantity: Quantity, what: &str| {
        quantity
            .value()
            .ok_or_else(|| AllocatableError::OutOfRange(what.to_string()))
    };
    let system = reserved_memory(config.system_reserved.as_ref(), "systemReserved")?;
    let kube = reserved_memory(config.kube_reserved.as_ref(), "kubeReserved")?;
    Ok((
        bytes(system, "systemReserved.memory")?,
        bytes(kube, "kubeReserved.memory")?,
    ))
}

/// Resources `parseResourceList` accepts in `systemReserved` / `kubeReserved`.
const RESERVABLE: [&str; 4] = ["cpu", "memory", "ephemeral-storage", "pid"];

/// Computes allocatable memory for a node of `capacity_bytes` memory with `hugepages_bytes` of
/// hugepages (the sum of all `hugepages-*` capacities), under `config`.
pub fn allocatable_memory(
    config: &KubeletConfig,
    capacity_bytes: i64,
    hugepages_bytes: i64,
) -> Result<AllocatableMemory, AllocatableError> {
    let system = reserved_memory(config.system_reserved.as_ref(), "systemReserved")?;
    let kube = reserved_memory(config.kube_reserved.as_ref(), "kubeReserved")?;
    let capacity = Quantity::from_bytes(capacity_bytes, Format::BinarySI);
    // A map cannot hold two memory.available entries, so there is at most one.
    let hard = config
        .hard_thresholds()?
        .into_iter()
        .find(|threshold| threshold.signal == Signal::MemoryAvailable)
        .map(|threshold| {
            threshold
                .value
                .resolve(capacity_bytes)
                .ok_or_else(|| AllocatableError::OutOfRange("evictionHard.memory.available".into()))
        })
        .transpose()?
        .unwrap_or(0);
    let hard_quantity = Quantity::from_bytes(hard, Format::BinarySI);

    // Exact quantity arithmetic, as the kubelet's resource.Quantity does it.
    let zero = Quantity::from_bytes(0, Format::DecimalSI);
    let overflow = || AllocatableError::OutOfRange("allocatable memory".into());
    let reservation = [&system, &kube, &hard_quantity]
        .into_iter()
        .try_fold(zero.clone(), |sum, term| sum.checked_add(term))
        .ok_or_else(overflow)?;
    let mut allocatable = capacity.checked_sub(&reservation).ok_or_else(overflow)?;
    if allocatable.is_negative() {
        allocatable = zero.clone();
    }
    let hugepages = Quantity::from_bytes(hugepages_bytes, Format::BinarySI);
    allocatable = allocatable.checked_sub(&hugepages).ok_or_else(overflow)?;
    if allocatable.is_negative() {
        allocatable = zero;
    }

    let bytes = |quantity: &Quantity, what: &str| {
        quantity
            .value()
            .ok_or_else(|| AllocatableError::OutOfRange(what.to_string()))
    };
    Ok(AllocatableMemory {
        capacity_bytes,
        system_reserved_bytes: bytes(&system, "systemReserved.memory")?,
        kube_reserved_bytes: bytes(&kube, "kubeReserved.memory")?,
        hard_eviction_bytes: hard,
        hugepages_bytes,
        allocatable_bytes: bytes(&allocatable, "allocatable memory")?,
    })
}

/// The memory entry of a reserved map, validating every entry like `parseResourceList`.
fn reserved_memory(
    map: Option<&std::collections::BTreeMap<String, String>>,
    field: &'static str,
) -> Result<Quantity, AllocatableError> {
    let mut memory = Quantity::from_bytes(0, Format::DecimalSI);
    for (resource, value) in map.into_iter().flatten() {
        if !RESERVABLE.contains(&resource.as_str()) {
            return Err(AllocatableError::UnknownResource {
                field,
                resource: resource.clone(),
            });
        }
        let quantity = Quantity::parse(value).map_err(|source| AllocatableError::Quantity {
            field,
            resource: resource.clone(),
            value: value.clone(),
            source,
        })?;
        if quantity.is_negative() {
            return Err(AllocatableError::Negative {
                field,
                resource: resource.clone(),
                value: value.clone(),
            });
        }
        if resource == "memory" {
            memory = quantity;
        }
    }
    Ok(memory)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubelet::config::KubeletConfig;

    const GI: i64 = 1 << 30;
    const MI: i64 = 1 << 20;

    fn file(body: &str) -> KubeletConfig {
        let text = format!(
            "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n{body}"
        );
        KubeletConfig::from_file(&text, None).unwrap()
    }

    #[test]
    fn defaults_reserve_only_the_hard_threshold() {
        let memory = allocatable_memory(&file(""), 16 * GI, 0).unwrap();
        assert_eq!(
            memory,
            AllocatableMemory {
                capacity_bytes: 16 * GI,
                system_reserved_bytes: 0,
                kube_reserved_bytes: 0,
                hard_eviction_bytes: 100 * MI,
                hugepages_bytes: 0,
                allocatable_bytes: 16 * GI - 100 * MI,
            }
        );
        let json = serde_json::to_value(memory).unwrap();
        assert_eq!(json["allocatableBytes"], 16 * GI - 100 * MI);
        assert_eq!(json["hardEvictionBytes"], 100 * MI);
    }

    #[test]
    fn every_term_is_subtracted() {
        let config = file(
            "systemReserved:\n  memory: 1Gi\n  cpu: 500m\nkubeReserved:\n  memory: 512Mi\nevictionHard:\n  memory.available: 10%\n",
        );
        let capacity = 64 * GI + 12_345;
        let memory = allocatable_memory(&config, capacity, 8 * GI).unwrap();
        // int64(float64(capacity) * float64(float32(0.1))).
        let hard = (capacity as f64 * f64::from(0.1f32)) as i64;
        assert_eq!(memory.hard_eviction_bytes, hard);
        assert_eq!(memory.system_reserved_bytes, GI);
        assert_eq!(memory.kube_reserved_bytes, 512 * MI);
        assert_eq!(
            memory.allocatable_bytes,
            capacity - GI - 512 * MI - hard - 8 * GI
        );
    }

    #[test]
    fn never_below_zero_and_soft_thresholds_reserve_nothing() {
        let config = file(
            "systemReserved:\n  memory: 3Gi\nevictionSoft:\n  memory.available: 1Gi\nevictionSoftGracePeriod:\n  memory.available: 1m\n",
        );
        let memory = allocatable_memory(&config, 2 * GI, 0).unwrap();
        assert_eq!(memory.allocatable_bytes, 0);
        assert_eq!(memory.hard_eviction_bytes, 100 * MI);
        let memory = allocatable_memory(&file(""), 2 * GI, 4 * GI).unwrap();
        assert_eq!(memory.allocatable_bytes, 0);
        // No hard memory threshold at all.
        let memory = allocatable_memory(&file("evictionHard: {}\n"), 2 * GI, 0).unwrap();
        assert_eq!(memory.allocatable_bytes, 2 * GI);
    }

    #[test]
    fn reservations_without_capacity() {
        let config = file("systemReserved:\n  memory: 1Gi\nkubeReserved:\n  cpu: 100m\n");
        assert_eq!(reserved_memory_bytes(&config).unwrap(), (GI, 0));
        let error = reserved_memory_bytes(&file("kubeReserved:\n  memory: \"-1\"\n")).unwrap_err();
        assert_eq!(error.path().as_deref(), Some("kubeReserved.memory"));
        let error = allocatable_memory(&file("evictionHard:\n  memory.available: \"0\"\n"), GI, 0)
            .unwrap_err();
        assert_eq!(
            error.path().as_deref(),
            Some("evictionHard.memory.available")
        );
    }

    #[test]
    fn invalid_reservations_are_errors() {
        let error =
            allocatable_memory(&file("systemReserved:\n  memory: -1Gi\n"), GI, 0).unwrap_err();
        assert_eq!(
            error.to_string(),
            "systemReserved.memory: resource quantity for \"memory\" cannot be negative: -1Gi"
        );
        let error = allocatable_memory(&file("kubeReserved:\n  gpu: \"1\"\n"), GI, 0).unwrap_err();
        assert!(matches!(error, AllocatableError::UnknownResource { .. }));
        let error =
            allocatable_memory(&file("kubeReserved:\n  memory: lots\n"), GI, 0).unwrap_err();
        assert!(matches!(error, AllocatableError::Quantity { .. }));
        let error = allocatable_memory(&file("evictionHard:\n  memory.available: \"0\"\n"), GI, 0)
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "evictionHard.memory.available: eviction threshold memory.available must be positive: 0"
        );
        let error = allocatable_memory(&file("evictionHard:\n  memory.available: nan%\n"), GI, 0)
            .unwrap_err();
        assert!(matches!(error, AllocatableError::OutOfRange(_)));
    }
}
