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

/// How the overhead ratio string parses, the way Go's `strconv.ParseFloat` would see it.
fn parse_ratio(text: &str) -> Option<f64> {
    // Go accepts no surrounding spaces; Rust's parser is as strict. NaN and infinities are
    // treated as invalid (Go's behaviour there is platform-defined).
    text.parse::<f64>().ok().filter(|r| r.is_finite())
}

/// Computes the overhead of a VMI spec as KubeVirt's renderer sees it. In a cluster that is
/// the spec after the mutating webhook (`webhook::apply`); KubeVirt's unit tests call it on
/// raw specs, which is why the defaults are not applied here.
pub fn memory_overhead(facts: &VmiFacts, model: &ClusterModel) -> Overhead {
    let version = model.version;
    let mut terms: Vec<Term> = Vec::new();
    let add = |terms: &mut Vec<Term>, name: &'static str, bytes: i64| {
        if bytes != 0 {
            terms.push(Term { name, bytes });
        }
    };

    let requests = facts.requests_memory.unwrap_or(0).max(0);
    // ceil(R/1000)*1000/512, as resource.Quantity's ScaledValue(Kilo) rounds up.
    let page_tables = ceil_div(requests, 1000).saturating_mul(1000) / 512;
    add(&mut terms, "page-tables", page_tables);
    for (name, bytes) in fixed_terms(version) {
        add(&mut terms, name, bytes);
    }
    let vcpus = i64::try_from(facts.overhead_vcpus()).unwrap_or(i64::MAX);
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
    if facts.exec_liveness_probe {
        add(&mut terms, "liveness-probe", 10 * MI);
    }
    if facts.exec_readiness_probe {
        add(&mut terms, "readiness-probe", 10 * MI);
    }
    if facts.exec_liveness_probe || facts.exec_readiness_probe {
        add(&mut terms, "virt-probe", 100 * MI);
    }
    let sev = facts.sev || (version >= KubeVirtVersion::V1_7 && facts.snp);
    if sev {
        add(&mut terms, "sev", 256 * MI);
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
    let guaranteed = facts.meant_guaranteed(version);
    if version >= KubeVirtVersion::V1_6 && guaranteed {
        add(&mut terms, "guaranteed", 100 * MI);
    }
    if version >= KubeVirtVersion::V1_8 {
        add(
            &mut terms,
            "reserved-overhead",
            facts.reserved_overhead.unwrap_or(0),
        );
    }
    // The ratio step: an unparsable ratio returns early (v1.0 also fails on ""), which in
    // v1.1–v1.5 also skips the Guaranteed term that follows it.
    let ratio_text = model
        .overhead_ratio
        .as_deref()
        .filter(|r| version == KubeVirtVersion::V1_0 || !r.is_empty());
    let ratio_failed = match ratio_text {
        None => false,
        Some(text) => match parse_ratio(text) {
            None => true,
            Some(ratio) => {
                let before = terms
                    .iter()
                    .fold(0i64, |sum, t| sum.saturating_add(t.bytes));
                // O + 1000 * int64(float64(ceil(O/1000)) * (ratio - 1))
                let extra = ((ceil_div(before, 1000) as f64) * (ratio - 1.0)) as i64;
                add(&mut terms, "overhead-ratio", extra.saturating_mul(1000));
                false
            }
        },
    };
    if (KubeVirtVersion::V1_1..=KubeVirtVersion::V1_5).contains(&version)
        && guaranteed
        && !ratio_failed
    {
        add(&mut terms, "guaranteed", 100 * MI);
    }
    // Added by the template, after GetMemoryOverhead: never scaled.
    if version >= KubeVirtVersion::V1_3 {
        let mut plugins: Vec<&String> = facts.binding_plugins.iter().collect();
        plugins.sort();
        plugins.dedup();
        let bindings = plugins
            .iter()
            .filter_map(|name| model.network_binding_overheads.get(name.as_str()))
            .fold(0i64, |sum, bytes| sum.saturating_add(*bytes));
        add(&mut terms, "network-binding-plugins", bindings);
    }
    if version >= KubeVirtVersion::V1_8 && facts.passt_binding_interfaces > 0 {
        add(&mut terms, "passt-binding", 250 * MI);
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
