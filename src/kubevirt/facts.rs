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
    /// Requests/limits CPU as written (quantities).
    pub requests_cpu: Option<Quantity>,
    pub limits_cpu: Option<Quantity>,
    /// `memory.hugepages.pageSize` as written, and its bytes.
    pub hugepages: Option<(String, i64)>,
    pub overcommit_guest_overhead: bool,
    /// `devices.autoattachGraphicsDevice` (or the preference's preferred value).
    pub autoattach_graphics: Option<bool>,
    /// `domain.cpu` is present (Go: `Domain.CPU != nil`).
    pub cpu_present: bool,
    /// Topology as written (0 when unset).
    pub sockets: u32,
    pub cores: u32,
    pub threads: u32,
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
    /// `domain.ioThreadsPolicy`.
    pub io_threads_policy: Option<String>,
    /// `devices.autoattachSerialConsole`, `devices.logSerialConsole`.
    pub autoattach_serial_console: Option<bool>,
    pub log_serial_console: Option<bool>,
    /// Names of containerDisk volumes (each gets launcher containers), plus one for a
    /// kernel-boot container.
    pub container_disks: Vec<String>,
    /// Names of virtiofs filesystems.
    pub virtiofs: Vec<String>,
    /// Hook sidecars from the `hooks.kubevirt.io/hookSidecars` annotation.
    pub hook_sidecars: usize,
    /// The `alpha.kubevirt.io/EmulatorThreadCompleteToEvenParity` annotation is present.
    pub emulator_thread_even_parity: bool,
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

fn topology(node: Option<&Node>) -> u32 {
    node.and_then(Node::as_i64)
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(0)
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
            requests_cpu: quantity(at(&["resources", "requests", "cpu"])),
            limits_cpu: quantity(at(&["resources", "limits", "cpu"])),
            hugepages: at(&["memory", "hugepages", "pageSize"]).and_then(|n| {
                let text = n.as_scalar()?;
                Some((text.to_string(), Quantity::parse(text).ok()?.value()?))
            }),
            overcommit_guest_overhead: flag(at(&["resources", "overcommitGuestOverhead"])),
            autoattach_graphics: at(&["devices", "autoattachGraphicsDevice"])
                .and_then(Node::as_bool),
            cpu_present: at(&["cpu"]).is_some_and(|cpu| !cpu.is_null()),
            sockets: topology(at(&["cpu", "sockets"])),
            cores: topology(at(&["cpu", "cores"])),
            threads: topology(at(&["cpu", "threads"])),
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
            io_threads_policy: at(&["ioThreadsPolicy"])
                .and_then(Node::as_str)
                .map(str::to_string),
            autoattach_serial_console: at(&["devices", "autoattachSerialConsole"])
                .and_then(Node::as_bool),
            log_serial_console: at(&["devices", "logSerialConsole"]).and_then(Node::as_bool),
            container_disks: spec
                .get("volumes")
                .and_then(Node::items)
                .unwrap_or_default()
                .iter()
                .filter(|v| v.get("containerDisk").is_some())
                .filter_map(|v| v.get("name").and_then(Node::as_str))
                .map(str::to_string)
                .chain(
                    at(&["firmware", "kernelBoot", "container"]).map(|_| "kernel-boot".to_string()),
                )
                .collect(),
            virtiofs: devices
                .and_then(|d| d.get("filesystems"))
                .and_then(Node::items)
                .unwrap_or_default()
                .iter()
                .filter(|f| f.get("virtiofs").is_some())
                .filter_map(|f| f.get("name").and_then(Node::as_str))
                .map(str::to_string)
                .collect(),
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

    /// Reads what the VMI's annotations change: hook sidecars and the emulator-thread parity
    /// annotation.
    pub fn with_annotations(mut self, annotations: Option<&Node>) -> VmiFacts {
        let Some(annotations) = annotations else {
            return self;
        };
        self.emulator_thread_even_parity = annotations
            .get("alpha.kubevirt.io/EmulatorThreadCompleteToEvenParity")
            .is_some();
        if let Some(hooks) = annotations
            .get("hooks.kubevirt.io/hookSidecars")
            .and_then(Node::as_scalar)
        {
            // A JSON list of sidecars; count its entries (an unparsable value counts as one,
            // which is what a pod with a broken annotation would try to run).
            self.hook_sidecars = match crate::manifest::yaml::parse_stream(hooks).first() {
                Some(crate::manifest::yaml::Document::Parsed(Some(node))) => {
                    node.items().map_or(1, <[Node]>::len)
                }
                _ => 1,
            };
        }
        self
    }

    /// What an instancetype contributes (`pkg/instancetype/apply`): vCPUs as sockets, guest
    /// memory, dedicated CPUs, and `overcommitPercent` → requests.memory in float32.
    fn apply_instancetype(&mut self, spec: &Node) {
        self.instancetype_resolved = true;
        if let Some(guest) = count(spec.get_path(&["cpu", "guest"])) {
            // The default preferred topology (preferSockets) puts every vCPU in a socket.
            self.cpu_present = true;
            self.sockets = guest;
            self.cores = 1;
            self.threads = 1;
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

    /// KubeVirt's `WantsToHaveQOSGuaranteed` on this spec: memory requests == limits (from
    /// v1.7 also limits without requests) and CPU requests non-zero and == limits.
    pub fn wants_guaranteed(&self, version: KubeVirtVersion) -> bool {
        let request = self.requests_memory.unwrap_or(0);
        let limit = self.limits_memory.unwrap_or(0);
        let memory = (request != 0 && request == limit)
            || (version >= KubeVirtVersion::V1_7 && request == 0 && limit != 0);
        let zero = Quantity::from_bytes(0, crate::quantity::Format::DecimalSI);
        let cpu_request = self.requests_cpu.clone().unwrap_or_else(|| zero.clone());
        let cpu_limit = self.limits_cpu.clone().unwrap_or(zero);
        memory && !cpu_request.is_zero() && cpu_request == cpu_limit
    }

    /// `IsCPUDedicated() || WantsToHaveQOSGuaranteed()`: the launcher is meant to be
    /// Guaranteed ("Guaranteed mode" for the support containers too).
    pub fn meant_guaranteed(&self, version: KubeVirtVersion) -> bool {
        self.dedicated_cpu || self.wants_guaranteed(version)
    }

    /// `GetNumberOfVCPUs`: the product of the non-zero topology counts (0 when none is set).
    pub fn topology_vcpus(&self) -> u64 {
        let counts = [self.sockets, self.cores, self.threads];
        if counts.iter().all(|c| *c == 0) {
            return 0;
        }
        counts
            .iter()
            .filter(|c| **c != 0)
            .map(|c| u64::from(*c))
            .product()
    }

    /// vCPUs as `GetMemoryOverhead` counts them: the topology when `domain.cpu` is set, else
    /// `limits.cpu` rounded up, else `requests.cpu` rounded up; at least 1.
    pub fn overhead_vcpus(&self) -> u64 {
        let vcpus = if self.cpu_present {
            self.topology_vcpus()
        } else {
            let cpu = self.limits_cpu.as_ref().or(self.requests_cpu.as_ref());
            cpu.and_then(Quantity::value)
                .and_then(|v| u64::try_from(v).ok())
                .unwrap_or(0)
        };
        vcpus.max(1)
    }

    /// The guest memory the VMI will get: `memory.guest`, else requests.memory, else
    /// limits.memory, else the hugepage size (webhook defaulting).
    pub fn effective_guest(&self) -> Option<i64> {
        self.guest_memory
            .or(self.requests_memory.filter(|r| *r != 0))
            .or(self.limits_memory.filter(|l| *l != 0))
            .or(self.hugepages.as_ref().map(|(_, bytes)| *bytes))
    }

    /// Guest memory larger than the memory request (both written).
    pub fn guest_overcommitted(&self) -> bool {
        matches!(
            (self.guest_memory, self.requests_memory),
            (Some(guest), Some(request)) if guest > request
        )
    }

    /// Overcommitted in either way: the overhead is not requested, or the guest gets more
    /// than is requested. Such a VMI can use more than its pod requests.
    pub fn overcommitted(&self) -> bool {
        self.overcommit_guest_overhead || self.guest_overcommitted()
    }

    /// Whether the spec gives the VMI any memory at all (else admission rejects it).
    pub fn has_memory(&self) -> bool {
        self.requests_memory.is_some()
            || self.limits_memory.is_some()
            || self.guest_memory.is_some()
            || self.hugepages.is_some()
    }
}
