//! The cluster-side knobs the numbers depend on: KubeVirt version, architecture, and the
//! KubeVirt CR's `spec.configuration` values (SPEC §3.3, §5.4).
//!
//! Plain data with defaults; filled from flags, a `--kubevirt-config` file, the config file,
//! or (live) the cluster's KubeVirt CR — never read here.

use std::fmt;
use std::str::FromStr;

use super::KubeVirtVersion;

/// A CPU architecture KubeVirt runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arch {
    Amd64,
    Arm64,
    S390x,
}

impl Arch {
    pub fn as_str(self) -> &'static str {
        match self {
            Arch::Amd64 => "amd64",
            Arch::Arm64 => "arm64",
            Arch::S390x => "s390x",
        }
    }
}

impl fmt::Display for Arch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Arch {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "amd64" | "x86_64" => Ok(Arch::Amd64),
            "arm64" | "aarch64" => Ok(Arch::Arm64),
            "s390x" => Ok(Arch::S390x),
            other => Err(format!(
                "unknown architecture '{other}': expected amd64, arm64 or s390x"
            )),
        }
    }
}

/// `spec.configuration.vmRolloutStrategy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RolloutStrategy {
    LiveUpdate,
    Stage,
}

impl FromStr for RolloutStrategy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "LiveUpdate" => Ok(RolloutStrategy::LiveUpdate),
            "Stage" => Ok(RolloutStrategy::Stage),
            other => Err(format!(
                "unknown rollout strategy '{other}': expected LiveUpdate or Stage"
            )),
        }
    }
}

/// Everything outside the VM manifest that decides its numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterModel {
    pub version: KubeVirtVersion,
    /// `--arch`: overrides `spec.architecture` when given.
    pub arch: Option<Arch>,
    /// The cluster's default architecture (used when the VMI does not say, and always by
    /// v1.0–v1.1).
    pub cluster_arch: Arch,
    /// `developerConfiguration.memoryOvercommit`, percent.
    pub memory_overcommit: u32,
    /// `developerConfiguration.cpuAllocationRatio`.
    pub cpu_allocation_ratio: u32,
    /// `vmRolloutStrategy`; `None` = the version's default.
    pub rollout_strategy: Option<RolloutStrategy>,
    /// `additionalGuestMemoryOverheadRatio`, as written (a string float in the CR).
    pub overhead_ratio: Option<String>,
    /// `--auto-limits-ratio`: a namespace whose ResourceQuota sets `limits.memory`, with this
    /// ratio label value. `None` = no quota, no automatic limits.
    pub auto_limits_ratio: Option<String>,
    /// `developerConfiguration.featureGates`.
    pub feature_gates: Vec<String>,
    /// Gates explicitly disabled (`developerConfiguration.disabledFeatureGates`).
    pub disabled_feature_gates: Vec<String>,
    /// The CR's `cpuRequest` (webhook default for VMIs without a CPU request).
    pub cpu_request: Option<crate::quantity::Quantity>,
    /// `network.binding.<name>.computeResourceOverhead.requests.memory`, per plugin.
    pub network_binding_overheads: std::collections::BTreeMap<String, i64>,
    /// `virtualMachineOptions.disableSerialConsoleLog` is set.
    pub disable_serial_console_log: bool,
    /// The VMI's namespace has a ResourceQuota with `limits.memory` (auto memory limits).
    pub memory_limit_quota: bool,
    /// The VMI's namespace has a ResourceQuota with `limits.cpu`.
    pub cpu_limit_quota: bool,
    /// The namespace matches the CR's `autoCPULimitNamespaceLabelSelector`.
    pub auto_cpu_limit_namespace: bool,
    /// `supportContainerResources`, by container type.
    pub support_container_resources:
        std::collections::BTreeMap<String, super::launcher::SupportResources>,
    /// Node memory, for OOM score and fit numbers.
    pub node_memory: Option<i64>,
}

impl Default for ClusterModel {
    fn default() -> Self {
        ClusterModel {
            version: KubeVirtVersion::LATEST_RELEASE,
            arch: None,
            cluster_arch: Arch::Amd64,
            memory_overcommit: 100,
            cpu_allocation_ratio: 10,
            rollout_strategy: None,
            overhead_ratio: None,
            auto_limits_ratio: None,
            feature_gates: Vec::new(),
            disabled_feature_gates: Vec::new(),
            cpu_request: None,
            network_binding_overheads: std::collections::BTreeMap::new(),
            disable_serial_console_log: false,
            memory_limit_quota: false,
            cpu_limit_quota: false,
            auto_cpu_limit_namespace: false,
            support_container_resources: std::collections::BTreeMap::new(),
            node_memory: None,
        }
    }
}

impl ClusterModel {
    /// The rollout strategy in effect: the configured one, else the version's default
    /// (LiveUpdate since v1.6, Stage before).
    pub fn effective_rollout_strategy(&self) -> RolloutStrategy {
        self.rollout_strategy
            .unwrap_or(if self.version >= KubeVirtVersion::V1_6 {
                RolloutStrategy::LiveUpdate
            } else {
                RolloutStrategy::Stage
            })
    }

    pub fn has_gate(&self, gate: &str) -> bool {
        self.feature_gates.iter().any(|g| g == gate)
    }

    /// Whether the `ImageVolume` gate is on: opt-in up to v1.8, on by default (Beta) from
    /// v1.9 unless disabled.
    pub fn image_volume(&self) -> bool {
        if self
            .disabled_feature_gates
            .iter()
            .any(|g| g == "ImageVolume")
        {
            return false;
        }
        self.version >= super::KubeVirtVersion::V1_9 || self.has_gate("ImageVolume")
    }

    /// Whether auto memory limits apply for a VMI without `limits.memory`: a namespace quota
    /// with `limits.memory`, and (v1.1–v1.4) the `AutoResourceLimitsGate` gate; never in v1.0.
    pub fn auto_memory_limits(&self) -> bool {
        use super::KubeVirtVersion as V;
        match self.version {
            V::V1_0 => false,
            V::V1_1 | V::V1_2 | V::V1_3 | V::V1_4 => {
                self.memory_limit_quota && self.has_gate("AutoResourceLimitsGate")
            }
            _ => self.memory_limit_quota,
        }
    }

    /// The auto memory limit ratio: the namespace label if it parses as a float ≥ 1, else 2.
    pub fn auto_limits_ratio_value(&self) -> f64 {
        self.auto_limits_ratio
            .as_deref()
            .and_then(|r| r.parse::<f64>().ok())
            .filter(|r| *r >= 1.0)
            .unwrap_or(2.0)
    }

    /// The overhead ratio as KubeVirt parses it (float64; unparsable is ignored).
    pub fn overhead_ratio_value(&self) -> Option<f64> {
        self.overhead_ratio
            .as_deref()
            .and_then(|r| r.trim().parse::<f64>().ok())
            .filter(|r| r.is_finite())
    }
}

/// Whether KubeVirt's admission rejects `memory.guest` above `limits.memory` under this model:
/// always up to v1.2; v1.3–v1.5 unless the rollout strategy is explicitly LiveUpdate (v1.3–v1.4
/// also need the `VMLiveUpdateFeatures` gate); from v1.6 only with the Stage strategy.
pub fn guest_above_limit_rejected(model: &ClusterModel) -> bool {
    use super::KubeVirtVersion as V;
    let version = model.version;
    if version <= V::V1_2 {
        return true;
    }
    if version <= V::V1_5 {
        let live_update = model.rollout_strategy == Some(RolloutStrategy::LiveUpdate)
            && (version == V::V1_5 || model.has_gate("VMLiveUpdateFeatures"));
        return !live_update;
    }
    model.effective_rollout_strategy() == RolloutStrategy::Stage
}
