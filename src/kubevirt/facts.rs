//! The facts of one VMI spec that the overhead model and the rules need, read once.
//!
//! Built from the positioned tree, resolving a VM's instancetype and preference when they
//! were found in the same input, then defaulted the way KubeVirt's mutating webhook does
//! (SPEC §5.2 step 0). Invalid values read as absent here; DEN007 reports them.

use super::KubeVirtVersion;
use super::model::{Arch, ClusterModel};
use crate::manifest::yaml::Node;
use crate::quantity::Quantity;

/// The memory- and CPU-relevant content of a VMI spec.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VmiFacts {
    pub requests_memory: Option<i64>,
    pub limits_memory: Option<i64>,
    pub guest_memory: Option<i64>,
    pub max_guest_memory: Option<i64>,
    /// Requests/limits CPU in millicores.
    pub requests_cpu_milli: Option<i64>,
    pub limits_cpu_milli: Option<i64>,
    /// `memory.hugepages.pageSize` as written, and its bytes.
    pub hugepages: Option<(String, i64)>,
    pub overcommit_guest_overhead: bool,
    /// `devices.autoattachGraphicsDevice` (or the preference's preferred value).
    pub autoattach_graphics: Option<bool>,
    pub sockets: Option<u32>,
    pub cores: Option<u32>,
    pub threads: Option<u32>,
    pub dedicated_cpu: bool,
    pub isolate_emulator_thread: bool,
    pub architecture: Option<String>,
    /// Any hostDevices, gpus or SR-IOV interface: the VFIO term.
    pub vfio: bool,
    pub downward_metrics: bool,
    pub exec_liveness_probe: bool,
    pub exec_readiness_probe: bool,
    pub sev: bool,
    pub snp: bool,
    /// `devices.tpm` present, and whether `enabled` is not false.
    pub tpm: Option<bool>,
    /// Interfaces with `passt: {}` and no `ports` (the v1.0–v1.2 800Mi term).
    pub passt_interfaces_without_ports: u32,
    /// Interfaces with `passtBinding` (v1.8+ 250Mi term).
    pub passt_binding_interfaces: u32,
    /// Network binding plugin names used by interfaces (`binding.name`).
    pub binding_plugins: Vec<String>,
    pub reserved_overhead: Option<i64>,
    pub supplemental_io_threads: Option<u32>,
    /// The VM uses an instancetype (`spec.instancetype`).
    pub uses_instancetype: bool,
    /// The instancetype was resolved from the input.
    pub instancetype_resolved: bool,
    /// An instancetype's `memory.overcommitPercent`.
    pub instancetype_overcommit_percent: Option<u32>,
}

fn memory(node: Option<&Node>) -> Option<i64> {
    quantity(node)?.value()
}

fn quantity(node: Option<&Node>) -> Option<Quantity> {
    let text = node?.as_scalar()?;
    let quantity = Quantity::parse(text).ok()?;
    (!quantity.is_negative()).then_some(quantity)
}

fn count(node: Option<&Node>) -> Option<u32> {
    node?
        .as_i64()
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| *n > 0)
}

fn flag(node: Option<&Node>) -> bool {
    node.and_then(Node::as_bool).unwrap_or(false)
}

impl VmiFacts {
    /// Reads the facts of a VMI spec; `instancetype` and `preference` are the specs of the
    /// resolved references (`spec` of the instancetype/preference objects), if any.
    pub fn read(spec: &Node, instancetype: Option<&Node>, preference: Option<&Node>) -> VmiFacts {
        let domain = spec.get("domain");
        let at = |path: &[&str]| domain.and_then(|d| d.get_path(path));
        let devices = at(&["devices"]);
        let interfaces = devices
            .and_then(|d| d.get("interfaces"))
            .and_then(Node::items)
            .unwrap_or_default();
        let non_empty_list = |key: &str| {
            devices
                .and_then(|d| d.get(key))
                .and_then(Node::items)
                .is_some_and(|i| !i.is_empty())
        };
        let probe_is_exec = |key: &str| spec.get(key).and_then(|p| p.get("exec")).is_some();
        let mut facts = VmiFacts {
            requests_memory: memory(at(&["resources", "requests", "memory"])),
            limits_memory: memory(at(&["resources", "limits", "memory"])),
            guest_memory: memory(at(&["memory", "guest"])),
            max_guest_memory: memory(at(&["memory", "maxGuest"])),
            requests_cpu_milli: quantity(at(&["resources", "requests", "cpu"]))
                .and_then(|q| q.milli_value()),
            limits_cpu_milli: quantity(at(&["resources", "limits", "cpu"]))
                .and_then(|q| q.milli_value()),
            hugepages: at(&["memory", "hugepages", "pageSize"]).and_then(|n| {
                let text = n.as_scalar()?;
                Some((text.to_string(), Quantity::parse(text).ok()?.value()?))
            }),
            overcommit_guest_overhead: flag(at(&["resources", "overcommitGuestOverhead"])),
            autoattach_graphics: at(&["devices", "autoattachGraphicsDevice"])
                .and_then(Node::as_bool),
            sockets: count(at(&["cpu", "sockets"])),
            cores: count(at(&["cpu", "cores"])),
            threads: count(at(&["cpu", "threads"])),
            dedicated_cpu: flag(at(&["cpu", "dedicatedCpuPlacement"])),
            isolate_emulator_thread: flag(at(&["cpu", "isolateEmulatorThread"])),
            architecture: spec
                .get("architecture")
                .and_then(Node::as_str)
                .map(str::to_string),
            vfio: non_empty_list("hostDevices")
                || non_empty_list("gpus")
                || interfaces.iter().any(|i| i.get("sriov").is_some()),
            downward_metrics: spec
                .get("volumes")
                .and_then(Node::items)
                .unwrap_or_default()
                .iter()
                .any(|v| v.get("downwardMetrics").is_some()),
            exec_liveness_probe: probe_is_exec("livenessProbe"),
            exec_readiness_probe: probe_is_exec("readinessProbe"),
            sev: at(&["launchSecurity", "sev"]).is_some(),
            snp: at(&["launchSecurity", "snp"]).is_some(),
            tpm: devices
                .and_then(|d| d.get("tpm"))
                .map(|tpm| tpm.get("enabled").and_then(Node::as_bool) != Some(false)),
            passt_interfaces_without_ports: interfaces
                .iter()
                .filter(|i| {
                    i.get("passt").is_some()
                        && i.get("ports")
                            .and_then(Node::items)
                            .is_none_or(|p| p.is_empty())
                })
                .count() as u32,
            passt_binding_interfaces: interfaces
                .iter()
                .filter(|i| i.get("passtBinding").is_some())
                .count() as u32,
            binding_plugins: interfaces
                .iter()
                .filter_map(|i| i.get_path(&["binding", "name"]).and_then(Node::as_str))
                .map(str::to_string)
                .collect(),
            reserved_overhead: memory(at(&["memory", "reservedOverhead", "addedOverhead"])),
            supplemental_io_threads: count(at(&["ioThreads", "supplementalPoolThreadCount"])),
            ..VmiFacts::default()
        };
        if let Some(instancetype) = instancetype {
            facts.apply_instancetype(instancetype);
        }
        if let Some(preference) = preference
            && facts.autoattach_graphics.is_none()
        {
            facts.autoattach_graphics = preference
                .get_path(&["devices", "preferredAutoattachGraphicsDevice"])
                .and_then(Node::as_bool);
        }
        facts
    }

    /// What an instancetype contributes (`pkg/instancetype/apply`): vCPUs as sockets, guest
    /// memory, dedicated CPUs, and `overcommitPercent` → requests.memory in float32.
    fn apply_instancetype(&mut self, spec: &Node) {
        self.instancetype_resolved = true;
        if let Some(guest) = count(spec.get_path(&["cpu", "guest"])) {
            self.sockets = Some(guest);
            self.cores = Some(1);
            self.threads = Some(1);
        }
        if flag(spec.get_path(&["cpu", "dedicatedCPUPlacement"])) {
            self.dedicated_cpu = true;
        }
        if flag(spec.get_path(&["cpu", "isolateEmulatorThread"])) {
            self.isolate_emulator_thread = true;
        }
        if let Some(guest) = memory(spec.get_path(&["memory", "guest"])) {
            self.guest_memory = Some(guest);
            let percent = spec
                .get_path(&["memory", "overcommitPercent"])
                .and_then(Node::as_i64)
                .and_then(|p| u32::try_from(p).ok())
                .filter(|p| *p > 0);
            if let Some(percent) = percent {
                self.instancetype_overcommit_percent = Some(percent);
                // KubeVirt computes this in float32: int64(float32(guest) * (1 - float32(p)/100)).
                let request = (guest as f32) * (1.0 - (percent as f32) / 100.0);
                self.requests_memory = Some(request as i64);
            }
        }
        if let Some((size, bytes)) = spec
            .get_path(&["memory", "hugepages", "pageSize"])
            .and_then(|n| n.as_scalar())
            .and_then(|t| Some((t.to_string(), Quantity::parse(t).ok()?.value()?)))
        {
            self.hugepages = Some((size, bytes));
        }
        if let Some(max) = memory(spec.get_path(&["memory", "maxGuest"])) {
            self.max_guest_memory = Some(max);
        }
    }

    /// The architecture the model uses: `--arch`, else `spec.architecture` (v1.2+; v1.0–v1.1
    /// take the cluster's), else the cluster's.
    pub fn arch(&self, model: &ClusterModel) -> Arch {
        if let Some(arch) = model.arch {
            return arch;
        }
        if model.version >= KubeVirtVersion::V1_2
            && let Some(arch) = self.architecture.as_deref().and_then(|a| a.parse().ok())
        {
            return arch;
        }
        model.cluster_arch
    }

    /// Whether the VMI asks for Guaranteed QoS without dedicated CPUs: memory requests ==
    /// limits (or limits only) and CPU requests non-zero and == limits (request defaulted from
    /// the limit when only the limit is set).
    pub fn wants_guaranteed(&self) -> bool {
        let memory = match (self.requests_memory, self.limits_memory) {
            (Some(request), Some(limit)) => request == limit,
            (None, Some(_)) => true,
            _ => false,
        };
        let cpu_request = self.requests_cpu_milli.or(self.limits_cpu_milli);
        let cpu =
            matches!((cpu_request, self.limits_cpu_milli), (Some(r), Some(l)) if r != 0 && r == l);
        memory && cpu
    }

    /// Dedicated CPUs or wants Guaranteed: the launcher is meant to be Guaranteed.
    pub fn meant_guaranteed(&self) -> bool {
        self.dedicated_cpu || self.wants_guaranteed()
    }

    /// vCPUs after the webhook's topology defaulting (maxSockets not counted).
    pub fn vcpus(&self) -> u64 {
        if self.sockets.is_none() && self.cores.is_none() && self.threads.is_none() {
            let milli = self.limits_cpu_milli.or(self.requests_cpu_milli);
            return match milli {
                Some(milli) if milli > 0 => {
                    u64::try_from(super::overhead::ceil_div(milli, 1000)).unwrap_or(1)
                }
                _ => 1,
            };
        }
        [self.sockets, self.cores, self.threads]
            .iter()
            .map(|n| u64::from(n.unwrap_or(1)))
            .product()
    }

    /// The guest memory the VMI will get: `memory.guest`, else requests.memory, else
    /// limits.memory, else the hugepage size (webhook defaulting).
    pub fn effective_guest(&self) -> Option<i64> {
        self.guest_memory
            .or(self.requests_memory)
            .or(self.limits_memory)
            .or(self.hugepages.as_ref().map(|(_, bytes)| *bytes))
    }

    /// requests.memory after the webhook: up to v1.6 it filled an absent request from
    /// limits.memory, else guest × 100 / memoryOvercommit, else the hugepage size; from v1.7
    /// it no longer does.
    pub fn defaulted_requests_memory(&self, model: &ClusterModel) -> Option<i64> {
        if self.requests_memory.is_some() || model.version >= KubeVirtVersion::V1_7 {
            return self.requests_memory;
        }
        if let Some(limit) = self.limits_memory {
            return Some(limit);
        }
        if let Some(guest) = self.guest_memory {
            let percent = i64::from(model.memory_overcommit.max(1));
            return Some(guest.saturating_mul(100) / percent);
        }
        self.hugepages.as_ref().map(|(_, bytes)| *bytes)
    }

    /// Whether the spec gives the VMI any memory at all (else admission rejects it).
    pub fn has_memory(&self) -> bool {
        self.requests_memory.is_some()
            || self.limits_memory.is_some()
            || self.guest_memory.is_some()
            || self.hugepages.is_some()
    }
}
