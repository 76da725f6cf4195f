//! KubeVirt's mutating-webhook defaults that change memory and CPU numbers (SPEC §5.2 step 0),
//! per version (`pkg/defaults/defaults.go`, `pkg/virt-api/webhooks/defaults.go` before v1.4).
//!
//! A real cluster renders the launcher from the defaulted VMI, so `explain`, `plan` and the
//! lint savings apply these first. Pure: facts in, facts out.

use super::KubeVirtVersion;
use super::facts::VmiFacts;
use super::model::ClusterModel;
use crate::quantity::Quantity;

/// The default `cpuRequest` of the KubeVirt CR; only a different value changes anything.
const DEFAULT_CPU_REQUEST_MILLI: i64 = 100;

/// Scales a memory size by the cluster's memoryOvercommit as KubeVirt does:
/// `oc == 100 ? m : m.Value() * 100 / oc` (int64 division).
pub fn scale_by_overcommit(bytes: i64, memory_overcommit: u32) -> i64 {
    if memory_overcommit == 100 || memory_overcommit == 0 {
        return bytes;
    }
    bytes.saturating_mul(100) / i64::from(memory_overcommit)
}

/// Applies the webhook defaults to a VMI spec's facts.
pub fn apply(facts: &VmiFacts, model: &ClusterModel) -> VmiFacts {
    let version = model.version;
    let mut out = facts.clone();
    if out.architecture.is_none() {
        out.architecture = Some(model.cluster_arch.as_str().to_string());
    }
    // setDefaultResourceRequests: cpu request from a non-zero limit (all versions).
    let cpu_request_zero = out.requests_cpu.as_ref().is_none_or(Quantity::is_zero);
    if cpu_request_zero && let Some(limit) = out.limits_cpu.as_ref().filter(|l| !l.is_zero()) {
        out.requests_cpu = Some(limit.clone());
    }
    // Up to v1.6 the webhook also fills requests.memory: limit, else guest, else the
    // hugepage size, scaled by memoryOvercommit (v1.7 moved this into the renderer).
    if version <= KubeVirtVersion::V1_6 && out.requests_memory.unwrap_or(0) == 0 {
        if let Some(limit) = out.limits_memory.filter(|l| *l != 0) {
            out.requests_memory = Some(limit);
        } else if let Some(size) = out
            .guest_memory
            .or(out.hugepages.as_ref().map(|(_, bytes)| *bytes))
        {
            out.requests_memory = Some(scale_by_overcommit(size, model.memory_overcommit));
        }
    }
    // The CR's cpuRequest, when it is not the default, for VMIs without a CPU request.
    if let Some(cpu_request) = &model.cpu_request
        && cpu_request.milli_value() != Some(DEFAULT_CPU_REQUEST_MILLI)
        && out.requests_cpu.is_none()
        && !out.dedicated_cpu
    {
        out.requests_cpu = Some(cpu_request.clone());
    }
    // setGuestMemory (v1.3+): from the request, else the limit, else the hugepage size.
    if version >= KubeVirtVersion::V1_3 && out.guest_memory.is_none() {
        out.guest_memory = out
            .requests_memory
            .filter(|r| *r != 0)
            .or(out.limits_memory.filter(|l| *l != 0))
            .or(out.hugepages.as_ref().map(|(_, bytes)| *bytes));
    }
    // SetDefaultGuestCPUTopology: sockets from the CPU limit, else the request, else 1.
    if out.sockets == 0 && out.cores == 0 && out.threads == 0 {
        let from = |q: &Option<Quantity>| {
            q.as_ref()
                .and_then(Quantity::value)
                .map(|v| u32::try_from(v.max(0)).unwrap_or(u32::MAX))
        };
        out.sockets = from(&out.limits_cpu)
            .or_else(|| from(&out.requests_cpu))
            .unwrap_or(1);
        out.cores = 1;
        out.threads = 1;
        out.cpu_present = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guest_only_vmis_get_a_scaled_request_up_to_v1_6_only() {
        let facts = VmiFacts {
            guest_memory: Some(2 << 30),
            ..VmiFacts::default()
        };
        let model = |version| ClusterModel {
            version,
            memory_overcommit: 150,
            ..ClusterModel::default()
        };
        let old = apply(&facts, &model(KubeVirtVersion::V1_5));
        assert_eq!(old.requests_memory, Some(1_431_655_765));
        let new = apply(&facts, &model(KubeVirtVersion::V1_7));
        assert_eq!(new.requests_memory, None);
        assert_eq!((new.sockets, new.cores, new.threads), (1, 1, 1));
    }

    #[test]
    fn topology_comes_from_the_cpu_limit_rounded_up() {
        let facts = VmiFacts {
            limits_cpu: Some(Quantity::parse("2500m").unwrap()),
            ..VmiFacts::default()
        };
        let out = apply(&facts, &ClusterModel::default());
        assert_eq!(out.sockets, 3);
        assert_eq!(out.requests_cpu, Some(Quantity::parse("2500m").unwrap()));
    }
}
