//! The virt-launcher pod as KubeVirt renders it: the compute container's requests and limits
//! (`pkg/virt-controller/services/renderresources.go`, `template.go`) and the support
//! containers that affect the pod's QoS class, per version (SPEC §5.2, docs/model-notes.md).
//!
//! Pure: takes the VMI facts as the renderer sees them (after the webhook in a real cluster)
//! and the cluster model; returns numbers. QoS itself is Kubernetes' business (`crate::qos`).

use serde::Serialize;

use super::KubeVirtVersion;
use super::facts::VmiFacts;
use super::model::ClusterModel;
use super::overhead::{Overhead, memory_overhead};
use super::webhook::scale_by_overcommit;
use crate::quantity::{Format, Quantity};

/// cpu, memory and hugepages of one side (requests or limits) of the compute container.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Resources {
    /// Bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<i64>,
    /// A canonical quantity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu: Option<Quantity>,
    /// `hugepages-<pageSize as written>` and its bytes.
    #[serde(skip)]
    pub hugepages: Option<(String, i64)>,
}

impl Resources {
    /// `self` overlaid by `other` (the renderer's "vm* wins over calculated*").
    fn overlaid_by(&self, other: &Resources) -> Resources {
        Resources {
            memory: other.memory.or(self.memory),
            cpu: other.cpu.clone().or_else(|| self.cpu.clone()),
            hugepages: other.hugepages.clone().or_else(|| self.hugepages.clone()),
        }
    }
}

/// Where a number of the compute container came from, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub field: String,
    pub reason: String,
}

/// The compute container's resources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compute {
    pub requests: Resources,
    pub limits: Resources,
    /// How each number arose.
    pub origins: Vec<Origin>,
}

fn cpu(value: i64) -> Quantity {
    Quantity::from_milli(value.saturating_mul(1000), Format::DecimalSI)
}

fn cpu_value(quantity: &Option<Quantity>) -> i64 {
    quantity.as_ref().and_then(Quantity::value).unwrap_or(0)
}

/// `float64(n)/float64(ratio)` printed with Go's `%g` (or `%gm` of ×1000 below 1) and parsed
/// as a quantity, exactly as `WithoutDedicatedCPU` builds the CPU request.
pub fn cpu_request_for(vcpus: u64, ratio: u32) -> Option<Quantity> {
    if vcpus == 0 || ratio == 0 {
        return None;
    }
    let value = vcpus as f64 / f64::from(ratio);
    // Rust prints the shortest round-trip form like Go's %g for every magnitude reachable
    // here (Go switches to exponents only below 1e-4 or from 1e21).
    let text = if value < 1.0 {
        format!("{}m", value * 1000.0)
    } else {
        format!("{value}")
    };
    Quantity::parse(&text).ok()
}

/// Renders the compute container for facts as the renderer sees them.
pub fn render_compute(facts: &VmiFacts, model: &ClusterModel, overhead: i64) -> Compute {
    let version = model.version;
    let mut origins = Vec::new();
    let mut note = |field: &str, reason: String| {
        origins.push(Origin {
            field: field.to_string(),
            reason,
        })
    };
    let mut vm_requests = Resources {
        memory: facts.requests_memory,
        cpu: facts.requests_cpu.clone(),
        hugepages: None,
    };
    let mut vm_limits = Resources {
        memory: facts.limits_memory,
        cpu: facts.limits_cpu.clone(),
        hugepages: None,
    };
    let mut calculated_requests = Resources::default();
    let mut calculated_limits = Resources::default();
    if vm_requests.memory.is_some() {
        note(
            "requests.memory",
            "the VMI's resources.requests.memory".into(),
        );
    }

    // 1. WithMemoryRequests (v1.7+; the webhook did this before): a limit is taken as is, a
    // guest or hugepage size is scaled by memoryOvercommit.
    if version >= KubeVirtVersion::V1_7 && facts.requests_memory.unwrap_or(0) == 0 {
        if let Some(limit) = facts.limits_memory.filter(|l| *l != 0) {
            vm_requests.memory = Some(limit);
            note(
                "requests.memory",
                "no memory request: the limit is used".into(),
            );
        } else if let Some(size) = facts
            .guest_memory
            .or(facts.hugepages.as_ref().map(|(_, bytes)| *bytes))
        {
            vm_requests.memory = Some(scale_by_overcommit(size, model.memory_overcommit));
            note(
                "requests.memory",
                if model.memory_overcommit == 100 {
                    "no memory request: the guest memory is requested".into()
                } else {
                    format!(
                        "no memory request: guest memory × 100 / memoryOvercommit ({}%)",
                        model.memory_overcommit
                    )
                },
            );
        }
    }

    // 2. CPU.
    let supplemental = if version >= KubeVirtVersion::V1_6 {
        i64::from(facts.supplemental_io_threads.unwrap_or(0))
    } else {
        0
    };
    if facts.dedicated_cpu {
        let vcpus = i64::try_from(facts.topology_vcpus()).unwrap_or(i64::MAX);
        if vcpus != 0 {
            let n = vcpus.saturating_add(supplemental);
            if version >= KubeVirtVersion::V1_6 {
                vm_limits.cpu = Some(cpu(n));
                vm_requests.cpu = Some(cpu(n));
                note(
                    "cpu",
                    format!(
                        "dedicated CPUs: request = limit = {n} (vCPUs + supplemental I/O threads)"
                    ),
                );
            } else {
                calculated_limits.cpu = Some(cpu(n));
                note("limits.cpu", format!("dedicated CPUs: limit = {n} vCPUs"));
            }
        } else {
            // No topology: copy whichever of request/limit exists to the other.
            match (&vm_requests.cpu, &vm_limits.cpu) {
                (None, Some(limit)) => vm_requests.cpu = Some(limit.clone()),
                (Some(request), None) => vm_limits.cpu = Some(request.clone()),
                _ => {}
            }
            if supplemental > 0 {
                for side in [&mut vm_requests.cpu, &mut vm_limits.cpu] {
                    if let Some(value) = side.as_ref() {
                        *side = value.checked_add(&cpu(supplemental));
                    }
                }
            }
        }
        if facts.isolate_emulator_thread {
            let base = if version >= KubeVirtVersion::V1_6 {
                cpu_value(&vm_limits.cpu)
            } else {
                cpu_value(&calculated_limits.cpu)
            };
            let parity_applies = match version {
                KubeVirtVersion::V1_0 | KubeVirtVersion::V1_1 => false,
                KubeVirtVersion::V1_2 | KubeVirtVersion::V1_3 | KubeVirtVersion::V1_4 => {
                    base % 2 == 0
                }
                _ => base.saturating_add(supplemental) % 2 == 0,
            };
            let extra = if facts.emulator_thread_even_parity && parity_applies {
                2
            } else {
                1
            };
            vm_limits.cpu = Some(cpu(base.saturating_add(extra)));
            if let Some(request) = vm_requests.cpu.as_ref() {
                vm_requests.cpu = request.checked_add(&cpu(extra));
            }
            note(
                "cpu",
                format!("isolateEmulatorThread: +{extra} CPU for the emulator thread"),
            );
        }
        if version >= KubeVirtVersion::V1_6 {
            if let Some(memory) = vm_requests.memory {
                vm_limits.memory = Some(memory);
                note(
                    "limits.memory",
                    "dedicated CPUs: memory limit = memory request".into(),
                );
            }
        } else {
            vm_limits.memory = Some(vm_requests.memory.unwrap_or(0));
            note(
                "limits.memory",
                "dedicated CPUs: memory limit = memory request".into(),
            );
        }
    } else {
        let vcpus = if facts.cpu_present {
            facts.topology_vcpus()
        } else {
            1
        };
        let n = vcpus.saturating_add(u64::try_from(supplemental).unwrap_or(0));
        if let Some(request) = cpu_request_for(n, model.cpu_allocation_ratio) {
            if vm_requests.cpu.is_none() {
                note(
                    "requests.cpu",
                    format!(
                        "{n} vCPU{} ÷ cpuAllocationRatio {} = {}",
                        if n == 1 { "" } else { "s" },
                        model.cpu_allocation_ratio,
                        request
                    ),
                );
            }
            calculated_requests.cpu = Some(request);
        }
        let quota = match version {
            KubeVirtVersion::V1_0 => false,
            KubeVirtVersion::V1_1
            | KubeVirtVersion::V1_2
            | KubeVirtVersion::V1_3
            | KubeVirtVersion::V1_4 => {
                model.cpu_limit_quota && model.has_gate("AutoResourceLimitsGate")
            }
            _ => model.cpu_limit_quota,
        };
        if (model.auto_cpu_limit_namespace || quota) && facts.limits_cpu.is_none() {
            calculated_limits.cpu = Some(cpu(i64::try_from(n).unwrap_or(i64::MAX)));
            note("limits.cpu", format!("automatic CPU limit = {n}"));
        }
    }

    // 3. Memory: hugepages, or the overhead.
    if let Some((page_size, _)) = &facts.hugepages {
        let request = vm_requests.memory.unwrap_or(0);
        let guest = facts.guest_memory;
        let pages = match guest {
            Some(guest) if request > guest => guest,
            _ => request,
        };
        let key = format!("hugepages-{page_size}");
        vm_requests.hugepages = Some((key.clone(), pages));
        vm_limits.hugepages = Some((key.clone(), pages));
        let rest = |total: i64| total.saturating_sub(guest.unwrap_or(total)).max(0);
        vm_requests.memory = Some(rest(request).saturating_add(overhead));
        if let Some(limit) = vm_limits.memory {
            vm_limits.memory = Some(rest(limit).saturating_add(overhead));
        }
        note(
            "memory",
            format!(
                "hugepages: {key} backs the guest; the memory request is the overhead (overcommitGuestOverhead is ignored)"
            ),
        );
    } else {
        if facts.overcommit_guest_overhead {
            note(
                "requests.memory",
                "overcommitGuestOverhead: the overhead is not requested".into(),
            );
        } else {
            vm_requests.memory = Some(vm_requests.memory.unwrap_or(0).saturating_add(overhead));
            note("requests.memory", "+ the launcher overhead".into());
        }
        if let Some(limit) = vm_limits.memory {
            vm_limits.memory = Some(limit.saturating_add(overhead));
            note("limits.memory", "+ the launcher overhead (always)".into());
        }
    }

    // 4. Automatic memory limits from a namespace quota.
    if model.auto_memory_limits() && facts.limits_memory.is_none() {
        let ratio = model.auto_limits_ratio_value();
        let limit = (vm_requests.memory.unwrap_or(0) as f64 * ratio) as i64;
        calculated_limits.memory = Some(limit);
        if vm_limits.memory.is_none() {
            note(
                "limits.memory",
                format!(
                    "automatic memory limit: request × {ratio} (namespace quota sets limits.memory)"
                ),
            );
        }
    }

    // 6. v1.5.0's WithIOThreads: supplemental I/O threads on the CPU limit.
    if version == KubeVirtVersion::V1_5
        && facts.io_threads_policy.as_deref() == Some("supplementalPool")
        && let Some(count) = facts.supplemental_io_threads
    {
        let base = vm_limits.cpu.clone().unwrap_or_else(|| cpu(0));
        vm_limits.cpu = base.checked_add(&cpu(i64::from(count)));
    }

    Compute {
        requests: calculated_requests.overlaid_by(&vm_requests),
        limits: calculated_limits.overlaid_by(&vm_limits),
        origins,
    }
}

/// A KubeVirt CR `supportContainerResources` entry: the requests and limits it sets for one
/// type of support container (`guest-console-log`, `container-disk`, `virtiofs`, `sidecar`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SupportResources {
    pub cpu_request_milli: Option<i64>,
    pub cpu_limit_milli: Option<i64>,
    pub memory_request: Option<i64>,
    pub memory_limit: Option<i64>,
}

/// How a support container runs in the pod (it decides how its requests add up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Regular,
    Init,
    /// An init container with `restartPolicy: Always`.
    Sidecar,
}

impl Role {
    /// How people name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Regular => "container",
            Role::Init => "init container",
            Role::Sidecar => "sidecar",
        }
    }
}

/// A launcher container other than `compute`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupportContainer {
    pub name: String,
    pub role: Role,
    /// What it is for.
    pub purpose: &'static str,
    pub requests: Resources,
    pub limits: Resources,
}

fn milli(value: i64) -> Quantity {
    Quantity::from_milli(value, Format::DecimalSI)
}

/// Builds a support container; in Guaranteed mode the requests are raised to the limits.
#[allow(clippy::too_many_arguments)]
fn support(
    name: String,
    role: Role,
    purpose: &'static str,
    (cpu_request, cpu_limit): (i64, i64),
    (memory_request, memory_limit): (i64, i64),
    guaranteed: bool,
    overrides: Option<&SupportResources>,
) -> SupportContainer {
    // The KubeVirt CR's supportContainerResources replace the defaults they name, before
    // Guaranteed mode raises the requests to the limits.
    let pick = |value: Option<i64>, default: i64| value.unwrap_or(default);
    let cpu_request = pick(overrides.and_then(|o| o.cpu_request_milli), cpu_request);
    let cpu_limit = pick(overrides.and_then(|o| o.cpu_limit_milli), cpu_limit);
    let memory_request = pick(overrides.and_then(|o| o.memory_request), memory_request);
    let memory_limit = pick(overrides.and_then(|o| o.memory_limit), memory_limit);
    let (cpu_request, memory_request) = if guaranteed {
        (cpu_limit, memory_limit)
    } else {
        (cpu_request, memory_request)
    };
    SupportContainer {
        name,
        role,
        purpose,
        requests: Resources {
            memory: Some(memory_request),
            cpu: Some(milli(cpu_request)),
            hugepages: None,
        },
        limits: Resources {
            memory: Some(memory_limit),
            cpu: Some(milli(cpu_limit)),
            hugepages: None,
        },
    }
}

/// The support containers of the launcher pod with their default resources (SPEC §5.2
/// step 7, docs/model-notes.md §5). In "Guaranteed mode" (dedicated CPUs or wants
/// Guaranteed) their requests equal their limits.
pub fn support_containers(facts: &VmiFacts, model: &ClusterModel) -> Vec<SupportContainer> {
    let version = model.version;
    let guaranteed = facts.meant_guaranteed(version);
    let mut containers = Vec::new();
    let console_log = match (facts.autoattach_serial_console, facts.log_serial_console) {
        (Some(false), _) => false,
        (_, Some(log)) => log,
        _ => !model.disable_serial_console_log,
    };
    if version >= KubeVirtVersion::V1_1 && console_log {
        let role = if version >= KubeVirtVersion::V1_6 {
            Role::Sidecar
        } else {
            Role::Regular
        };
        containers.push(support(
            "guest-console-log".into(),
            role,
            "streams the serial console to the pod log",
            (5, 15),
            (35_000_000, 60_000_000),
            guaranteed,
            model.support_container_resources.get("guest-console-log"),
        ));
    }
    if !facts.container_disks.is_empty() {
        if model.image_volume() {
            for disk in &facts.container_disks {
                containers.push(support(
                    format!("volume{disk}"),
                    Role::Init,
                    "container disk (image volume)",
                    (1, 10),
                    (1_000_000, 40_000_000),
                    guaranteed,
                    model.support_container_resources.get("container-disk"),
                ));
            }
        } else {
            // The binary copy is 10m/40M on both sides in Guaranteed mode (not its 100m limit).
            let binary = if guaranteed {
                ((10, 10), (40_000_000, 40_000_000))
            } else {
                ((10, 100), (1_000_000, 40_000_000))
            };
            containers.push(support(
                "container-disk-binary".into(),
                Role::Init,
                "copies the container-disk helper binary",
                binary.0,
                binary.1,
                false,
                None,
            ));
            for disk in &facts.container_disks {
                containers.push(support(
                    format!("volume{disk}-init"),
                    Role::Init,
                    "container disk",
                    (1, 10),
                    (1_000_000, 40_000_000),
                    guaranteed,
                    model.support_container_resources.get("container-disk"),
                ));
                containers.push(support(
                    format!("volume{disk}"),
                    Role::Regular,
                    "container disk",
                    (1, 10),
                    (1_000_000, 40_000_000),
                    guaranteed,
                    model.support_container_resources.get("container-disk"),
                ));
            }
        }
    }
    for filesystem in &facts.virtiofs {
        // v1.0 ignores Guaranteed mode for virtiofs: such a pod is never Guaranteed there.
        containers.push(support(
            format!("virtiofs-{filesystem}"),
            Role::Regular,
            "virtiofs daemon",
            (10, 100),
            (1_000_000, 80_000_000),
            guaranteed && version >= KubeVirtVersion::V1_1,
            model.support_container_resources.get("virtiofs"),
        ));
    }
    for index in 0..facts.hook_sidecars {
        let name = format!("hook-sidecar-{index}");
        if guaranteed {
            containers.push(support(
                name,
                Role::Regular,
                "hook sidecar",
                (200, 200),
                (64_000_000, 64_000_000),
                true,
                model.support_container_resources.get("sidecar"),
            ));
        } else {
            // Outside Guaranteed mode a hook sidecar gets only the requests the CR configures.
            let configured = model.support_container_resources.get("sidecar");
            containers.push(SupportContainer {
                name,
                role: Role::Regular,
                purpose: "hook sidecar (no resources unless configured in the KubeVirt CR)",
                requests: Resources {
                    memory: configured.and_then(|c| c.memory_request),
                    cpu: configured.and_then(|c| c.cpu_request_milli).map(milli),
                    hugepages: None,
                },
                limits: Resources::default(),
            });
        }
    }
    containers
}

/// The overhead and the compute container for facts as the renderer sees them.
pub fn render(facts: &VmiFacts, model: &ClusterModel) -> (Overhead, Compute) {
    let overhead = memory_overhead(facts, model);
    let compute = render_compute(facts, model, overhead.bytes);
    (overhead, compute)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_requests_use_go_percent_g_and_round_up_to_nano() {
        assert_eq!(cpu_request_for(1, 10).unwrap().canonical(), "100m");
        assert_eq!(cpu_request_for(16, 10).unwrap().canonical(), "1600m");
        assert_eq!(cpu_request_for(1, 3).unwrap().canonical(), "333333334n");
        assert_eq!(cpu_request_for(20, 10).unwrap().canonical(), "2");
        assert!(cpu_request_for(0, 10).is_none());
    }
}
