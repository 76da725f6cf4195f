//! The virt-launcher memory overhead, term by term, as KubeVirt's `GetMemoryOverhead`
//! computes it for each modelled version (SPEC §5.1).
//!
//! Sources: `pkg/hypervisor/kvm/hypervisorbackend.go` (main, v1.8+),
//! `pkg/virt-controller/services/renderresources.go` and `template.go` (before). Integer
//! arithmetic in bytes throughout; the only float step is the overhead ratio, done as KubeVirt
//! does it (float64 multiply, truncation toward zero).

use serde::Serialize;

use super::KubeVirtVersion;
use super::facts::VmiFacts;
use super::model::{Arch, ClusterModel};

const MI: i64 = 1024 * 1024;
const GI: i64 = 1024 * MI;

/// One named contribution to the overhead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub name: &'static str,
    pub bytes: i64,
}

/// The overhead and its terms, in the order KubeVirt adds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overhead {
    pub bytes: i64,
    pub terms: Vec<Term>,
}

/// Integer division rounding up, as resource.Quantity's ScaledValue does for non-negative
/// values.
pub(crate) fn ceil_div(value: i64, divisor: i64) -> i64 {
    let quotient = value / divisor;
    if value % divisor > 0 {
        quotient + 1
    } else {
        quotient
    }
}

/// The graphics device's share of the overhead: 16Mi before v1.6, 32Mi since.
pub fn graphics_bytes(version: KubeVirtVersion) -> i64 {
    if version >= KubeVirtVersion::V1_6 {
        32 * MI
    } else {
        16 * MI
    }
}

/// virt-launcher-monitor, virt-launcher, virtlogd, virtqemud, qemu and the IOThread, per
/// version.
fn fixed_terms(version: KubeVirtVersion) -> [(&'static str, i64); 6] {
    let (virtlogd, virtqemud, qemu) = match version {
        v if v <= KubeVirtVersion::V1_4 => (20, 35, 30),
        KubeVirtVersion::Main => (25, 40, 50),
        _ => (25, 40, 30),
    };
    [
        ("virt-launcher-monitor", 25 * MI),
        ("virt-launcher", 100 * MI),
        ("virtlogd", virtlogd * MI),
        ("virtqemud", virtqemud * MI),
        ("qemu", qemu * MI),
        ("iothread", 8 * MI),
    ]
}

/// Computes the overhead of a VMI spec (facts as written; the webhook defaults that matter
/// are applied here).
pub fn memory_overhead(facts: &VmiFacts, model: &ClusterModel) -> Overhead {
    let version = model.version;
    let mut terms: Vec<Term> = Vec::new();
    let add = |terms: &mut Vec<Term>, name: &'static str, bytes: i64| {
        if bytes != 0 {
            terms.push(Term { name, bytes });
        }
    };

    let requests = facts.defaulted_requests_memory(model).unwrap_or(0);
    // ceil(R/1000)*1000/512, as resource.Quantity's ScaledValue(Kilo) rounds up.
    let page_tables = ceil_div(requests.max(0), 1000).saturating_mul(1000) / 512;
    add(&mut terms, "page-tables", page_tables);
    for (name, bytes) in fixed_terms(version) {
        add(&mut terms, name, bytes);
    }
    let vcpus = i64::try_from(facts.vcpus()).unwrap_or(i64::MAX);
    add(&mut terms, "vcpus", vcpus.saturating_mul(8 * MI));
    if facts.autoattach_graphics != Some(false) {
        add(&mut terms, "graphics", graphics_bytes(version));
    }
    if facts.arch(model) == Arch::Arm64 {
        add(&mut terms, "arm64-uefi", 128 * MI);
    }
    if facts.vfio {
        add(&mut terms, "vfio", GI);
    }
    if facts.downward_metrics {
        add(&mut terms, "downward-metrics", MI);
    }
    let exec_probes = i64::from(facts.exec_liveness_probe) + i64::from(facts.exec_readiness_probe);
    if exec_probes > 0 {
        add(&mut terms, "exec-probes", exec_probes * 10 * MI + 100 * MI);
    }
    if facts.sev {
        add(&mut terms, "sev", 256 * MI);
    }
    if facts.snp && version >= KubeVirtVersion::V1_7 {
        add(&mut terms, "snp", 256 * MI);
    }
    let tpm = match facts.tpm {
        Some(enabled) => version < KubeVirtVersion::V1_6 || enabled,
        None => false,
    };
    if tpm {
        add(&mut terms, "tpm", 53 * MI);
    }
    if version <= KubeVirtVersion::V1_2 {
        add(
            &mut terms,
            "passt",
            i64::from(facts.passt_interfaces_without_ports) * 800 * MI,
        );
    }
    let guaranteed_term = if facts.meant_guaranteed() {
        100 * MI
    } else {
        0
    };
    if version >= KubeVirtVersion::V1_6 {
        add(&mut terms, "guaranteed", guaranteed_term);
    }
    if version >= KubeVirtVersion::V1_8 {
        add(
            &mut terms,
            "reserved-overhead",
            facts.reserved_overhead.unwrap_or(0),
        );
    }
    let before_ratio: i64 = terms.iter().map(|t| t.bytes).sum();
    if let Some(ratio) = model.overhead_ratio_value() {
        // O + 1000 * int64(float64(ceil(O/1000)) * (ratio - 1))
        let kilo = ceil_div(before_ratio, 1000) as f64;
        let extra = ((kilo * (ratio - 1.0)) as i64).saturating_mul(1000);
        add(&mut terms, "overhead-ratio", extra);
    }
    if (KubeVirtVersion::V1_1..=KubeVirtVersion::V1_5).contains(&version) {
        add(&mut terms, "guaranteed", guaranteed_term);
    }
    if version >= KubeVirtVersion::V1_8 {
        add(
            &mut terms,
            "passt-binding",
            i64::from(facts.passt_binding_interfaces) * 250 * MI,
        );
    }
    let bytes = terms
        .iter()
        .fold(0i64, |sum, t| sum.saturating_add(t.bytes));
    Overhead { bytes, terms }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(version: KubeVirtVersion) -> ClusterModel {
        ClusterModel {
            version,
            ..ClusterModel::default()
        }
    }

    #[test]
    fn reference_case_from_the_spec_is_290mi_on_main() {
        let facts = VmiFacts {
            requests_memory: Some(GI),
            ..VmiFacts::default()
        };
        assert_eq!(
            memory_overhead(&facts, &model(KubeVirtVersion::Main)).bytes,
            290 * MI
        );
    }

    #[test]
    fn graphics_term_follows_the_version() {
        let on = VmiFacts {
            requests_memory: Some(GI),
            ..VmiFacts::default()
        };
        let off = VmiFacts {
            autoattach_graphics: Some(false),
            ..on.clone()
        };
        for (version, want) in [
            (KubeVirtVersion::V1_5, 16 * MI),
            (KubeVirtVersion::V1_9, 32 * MI),
        ] {
            let m = model(version);
            assert_eq!(
                memory_overhead(&on, &m).bytes - memory_overhead(&off, &m).bytes,
                want
            );
        }
    }

    #[test]
    fn the_ratio_scales_everything_before_it() {
        let facts = VmiFacts {
            requests_memory: Some(GI),
            ..VmiFacts::default()
        };
        let plain = memory_overhead(&facts, &model(KubeVirtVersion::V1_9)).bytes;
        let ratio = ClusterModel {
            overhead_ratio: Some("2".into()),
            ..model(KubeVirtVersion::V1_9)
        };
        assert_eq!(
            memory_overhead(&facts, &ratio).bytes,
            plain + ceil_div(plain, 1000) * 1000
        );
    }
}
