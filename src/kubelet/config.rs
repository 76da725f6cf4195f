//! The subset of the kubelet configuration that decides eviction, reservations and swap, read
//! from configz output or from a `KubeletConfiguration` file, with the kubelet's own defaulting
//! for files.
//!
//! Sources differ in what they mean:
//!
//! * **configz** (`GET /api/v1/nodes/{node}/proxy/configz` → `{"kubeletconfig": {…}}`) is the
//!   running kubelet's effective configuration, already defaulted. It is taken as is: a missing
//!   map means "not set" (Go omits empty maps), a missing `evictionMaxPodGracePeriod` means 0.
//!   `kind`/`apiVersion` appear only from kubelet 1.36.
//! * **a config file** (`kubelet.config.k8s.io/v1beta1`) gets what the kubelet does to it at
//!   start-up: `SetDefaults_KubeletConfiguration` (pkg/kubelet/apis/config/v1beta1/defaults.go)
//!   and, in `loadConfigFile` (cmd/kubelet/app/server.go), the `evictionHard` defaults when the
//!   field is absent, or merged into a partial map when `mergeDefaultEvictionSettings: true`
//!   (kubelet 1.33+). Command-line flags and `--config-dir` drop-ins, which the kubelet applies
//!   afterwards, are not modelled.
//!
//! Values are kept as the kubelet holds them (strings in the maps); typing and validation are
//! the kubelet's: a value of the wrong JSON type is an error here because it stops the kubelet,
//! while unknown keys are ignored (the kubelet only warns about them).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use super::duration::{DurationError, GoDuration};
use super::thresholds::{Threshold, ThresholdError, ThresholdInput, parse_threshold_config};
use crate::manifest::yaml::{Document, Node, Pos, ScalarKind, describe, parse_stream};
use crate::quantity::{Format, Quantity};

/// The newest kubelet minor version modelled (Kubernetes 1.37, the newest release checked);
/// the default when the kubelet version is unknown.
pub const NEWEST_KUBELET_MINOR: u32 = 37;

/// The only `apiVersion` a kubelet config file can have.
pub const KUBELET_CONFIG_API_VERSION: &str = "kubelet.config.k8s.io/v1beta1";

/// The `kind` of a kubelet config file.
pub const KUBELET_CONFIG_KIND: &str = "KubeletConfiguration";

/// The first kubelet minor version with `imagefs.inodesFree` among the `evictionHard` defaults
/// (kubernetes#121834).
pub const IMAGEFS_INODES_DEFAULT_SINCE: u32 = 30;

/// The first kubelet minor version that knows `mergeDefaultEvictionSettings`
/// (kubernetes#127577); older kubelets ignore the field.
pub const MERGE_DEFAULT_EVICTION_SETTINGS_SINCE: u32 = 33;

/// `evictionPressureTransitionPeriod`'s default.
pub const DEFAULT_EVICTION_PRESSURE_TRANSITION_PERIOD: GoDuration = GoDuration::from_secs(300);

/// The Linux `evictionHard` defaults (`DefaultEvictionHard`, pkg/kubelet/eviction/
/// defaults_linux.go) for a kubelet minor version: `memory.available<100Mi`,
/// `nodefs.available<10%`, `nodefs.inodesFree<5%`, `imagefs.available<15%`, and from 1.30
/// `imagefs.inodesFree<5%`.
pub fn default_eviction_hard(kubelet_minor: u32) -> BTreeMap<String, String> {
    let mut defaults: BTreeMap<String, String> = [
        ("memory.available", "100Mi"),
        ("nodefs.available", "10%"),
        ("nodefs.inodesFree", "5%"),
        ("imagefs.available", "15%"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    if kubelet_minor >= IMAGEFS_INODES_DEFAULT_SINCE {
        defaults.insert("imagefs.inodesFree".into(), "5%".into());
    }
    defaults
}

/// Where a configuration came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A running kubelet's configz endpoint: effective, shown as is.
    Configz,
    /// A `KubeletConfiguration` file: defaulted as the kubelet would.
    File,
}

/// The kubelet settings that matter for VM density, as the kubelet reports them.
///
/// Serializes with the configuration's own field names (the `eviction` command's JSON);
/// `evictionMaxPodGracePeriod` and `swapBehavior` are written as effective values.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KubeletConfig {
    /// Where this configuration was read from.
    pub source: Source,
    /// `kind`, when present (configz shows it from kubelet 1.36).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// `apiVersion`, when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// `evictionHard`: signal → threshold (`100Mi`, `10%`); `None` when absent.
    pub eviction_hard: Option<BTreeMap<String, String>>,
    /// `evictionSoft`: signal → threshold.
    pub eviction_soft: Option<BTreeMap<String, String>>,
    /// `evictionSoftGracePeriod`: signal → Go duration.
    pub eviction_soft_grace_period: Option<BTreeMap<String, String>>,
    /// `evictionMinimumReclaim`: signal → quantity or percentage.
    pub eviction_minimum_reclaim: Option<BTreeMap<String, String>>,
    /// Seconds; `None` when not written (the kubelet's value is then 0).
    #[serde(serialize_with = "serialize_max_pod_grace")]
    pub eviction_max_pod_grace_period: Option<i32>,
    /// `evictionPressureTransitionPeriod` (defaulted to 5m0s in files).
    pub eviction_pressure_transition_period: Option<GoDuration>,
    /// `mergeDefaultEvictionSettings`; `None` when absent (always, before kubelet 1.33).
    pub merge_default_eviction_settings: Option<bool>,
    /// `systemReserved`: resource → quantity.
    pub system_reserved: Option<BTreeMap<String, String>>,
    /// `kubeReserved`: resource → quantity.
    pub kube_reserved: Option<BTreeMap<String, String>>,
    /// `enforceNodeAllocatable` (defaulted to `[pods]` in files).
    pub enforce_node_allocatable: Option<Vec<String>>,
    /// `failSwapOn` (defaulted to true in files).
    pub fail_swap_on: Option<bool>,
    /// `memorySwap.swapBehavior` as written; the kubelet reads `""` as `NoSwap`.
    #[serde(rename = "swapBehavior", serialize_with = "serialize_swap_behavior")]
    pub swap_behavior: Option<String>,
    /// The kubelet minor version a file was defaulted for (`None` for configz).
    #[serde(skip)]
    pub defaulted_for_minor: Option<u32>,
    /// Paths filled in by defaulting (`evictionHard`, `evictionHard.imagefs.inodesFree`,
    /// `failSwapOn`, …), for "(default)" markers.
    #[serde(skip)]
    pub defaulted: BTreeSet<String>,
    /// Where each key was written (`evictionSoft`, `evictionSoft.memory.available`), 1-based.
    #[serde(skip)]
    pub positions: BTreeMap<String, Pos>,
    /// Where the configuration itself is: a file's `kind` key (or its first key), configz
    /// output's `kubeletconfig` key. Findings about keys that are not written point here.
    #[serde(skip)]
    pub document: Option<Pos>,
}

fn serialize_max_pod_grace<S: serde::Serializer>(
    value: &Option<i32>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_i32(value.unwrap_or(0))
}

fn serialize_swap_behavior<S: serde::Serializer>(
    value: &Option<String>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(effective_swap_behavior(value.as_deref()))
}

/// `NoSwap` for an unset or empty `swapBehavior` (the kubelet's reading since 1.30).
fn effective_swap_behavior(raw: Option<&str>) -> &str {
    match raw {
        None | Some("") => "NoSwap",
        Some(other) => other,
    }
}

/// Why a configuration could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The configuration path of the offending field (empty for the document itself).
    pub path: String,
    /// Where, 1-based, when known.
    pub pos: Option<Pos>,
    /// What is wrong.
    pub kind: ConfigErrorKind,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{}: {}", self.path, self.kind)
        }
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ConfigErrorKind::Duration(error) => Some(error),
            _ => None,
        }
    }
}

/// The reasons a configuration cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigErrorKind {
    /// The YAML/JSON text does not parse (or breaks a structural rule such as duplicate keys).
    #[error("{0}")]
    Syntax(String),
    /// No document in the text.
    #[error("the input is empty")]
    Empty,
    /// A value of the wrong JSON type; the kubelet fails to decode it.
    #[error("expected {expected}, found {found}")]
    WrongType {
        /// What the kubelet's Go type needs ("a string", "a mapping", …).
        expected: &'static str,
        /// What the text has.
        found: &'static str,
    },
    /// configz output without its `kubeletconfig` object.
    #[error("not configz output: no `kubeletconfig` object at the top level")]
    NotConfigz,
    /// A config file without `kind`; the kubelet refuses it.
    #[error("`kind` is missing; a kubelet config file needs `kind: KubeletConfiguration`")]
    MissingKind,
    /// A config file of another kind.
    #[error("kind {0:?} is not a kubelet configuration (expected \"KubeletConfiguration\")")]
    WrongKind(String),
    /// A config file without `apiVersion`.
    #[error(
        "`apiVersion` is missing; a kubelet config file needs `apiVersion: kubelet.config.k8s.io/v1beta1`"
    )]
    MissingApiVersion,
    /// A config file of another version.
    #[error("apiVersion {0:?} is not supported (expected \"kubelet.config.k8s.io/v1beta1\")")]
    WrongApiVersion(String),
    /// A duration the kubelet cannot parse.
    #[error("{0}")]
    Duration(DurationError),
    /// An integer outside `int32`.
    #[error("{0} does not fit a 32-bit integer")]
    IntRange(String),
}

impl ConfigError {
    fn at(path: &str, node: &Node, kind: ConfigErrorKind) -> ConfigError {
        ConfigError {
            path: path.to_string(),
            pos: Some(node.span.start),
            kind,
        }
    }

    fn wrong_type(path: &str, node: &Node, expected: &'static str) -> ConfigError {
        ConfigError::at(
            path,
            node,
            ConfigErrorKind::WrongType {
                expected,
                found: describe(node),
            },
        )
    }
}

impl KubeletConfig {
    /// Reads configz output (`{"kubeletconfig": {…}}`), taken as the kubelet's effective
    /// configuration with no defaulting.
    pub fn from_configz(text: &str) -> Result<KubeletConfig, ConfigError> {
        configz_from_root(&first_document(text)?)
    }

    /// Reads a `KubeletConfiguration` file and applies the defaulting the kubelet of minor
    /// version `kubelet_minor` (default: [`NEWEST_KUBELET_MINOR`]) applies at start-up.
    pub fn from_file(text: &str, kubelet_minor: Option<u32>) -> Result<KubeletConfig, ConfigError> {
        file_from_root(&first_document(text)?, kubelet_minor)
    }

    /// Reads either form: configz output when the top level has `kubeletconfig`, else a
    /// config file (defaulted for `kubelet_minor`).
    pub fn parse(text: &str, kubelet_minor: Option<u32>) -> Result<KubeletConfig, ConfigError> {
        let root = first_document(text)?;
        if root.get("kubeletconfig").is_some() {
            configz_from_root(&root)
        } else {
            file_from_root(&root, kubelet_minor)
        }
    }

    /// The kubelet's defaulting of a config file (see the module documentation).
    fn apply_file_defaults(&mut self, minor: u32) {
        self.defaulted_for_minor = Some(minor);
        let merge_known = minor >= MERGE_DEFAULT_EVICTION_SETTINGS_SINCE;
        // SetDefaults_KubeletConfiguration.
        if self
            .eviction_pressure_transition_period
            .is_none_or(GoDuration::is_zero)
        {
            // An explicit "0s" is the zero value too, so it is defaulted as well.
            self.eviction_pressure_transition_period =
                Some(DEFAULT_EVICTION_PRESSURE_TRANSITION_PERIOD);
            self.defaulted
                .insert("evictionPressureTransitionPeriod".into());
        }
        if merge_known && self.merge_default_eviction_settings.is_none() {
            self.merge_default_eviction_settings = Some(false);
            self.defaulted.insert("mergeDefaultEvictionSettings".into());
        }
        if self.fail_swap_on.is_none() {
            self.fail_swap_on = Some(true);
            self.defaulted.insert("failSwapOn".into());
        }
        if self.enforce_node_allocatable.is_none() {
            self.enforce_node_allocatable = Some(vec!["pods".into()]);
            self.defaulted.insert("enforceNodeAllocatable".into());
        }
        // loadConfigFile: only a nil map gets the defaults; `evictionHard: {}` stays empty.
        let defaults = default_eviction_hard(minor);
        match &mut self.eviction_hard {
            None => {
                self.eviction_hard = Some(defaults);
                self.defaulted.insert("evictionHard".into());
            }
            Some(map) if merge_known && self.merge_default_eviction_settings == Some(true) => {
                for (key, value) in defaults {
                    if let std::collections::btree_map::Entry::Vacant(slot) = map.entry(key) {
                        self.defaulted
                            .insert(format!("evictionHard.{}", slot.key()));
                        slot.insert(value);
                    }
                }
            }
            Some(_) => {}
        }
    }

    /// The effective `enforceNodeAllocatable` (`[pods]` when absent).
    pub fn effective_enforce_node_allocatable(&self) -> Vec<String> {
        self.enforce_node_allocatable
            .clone()
            .unwrap_or_else(|| vec!["pods".into()])
    }

    /// The effective `evictionMaxPodGracePeriod` in seconds (0 when absent).
    pub fn max_pod_grace_period_seconds(&self) -> i32 {
        self.eviction_max_pod_grace_period.unwrap_or(0)
    }

    /// The effective swap behaviour: `NoSwap` when unset or empty.
    pub fn effective_swap_behavior(&self) -> &str {
        effective_swap_behavior(self.swap_behavior.as_deref())
    }

    /// The effective `failSwapOn` (the default is true).
    pub fn effective_fail_swap_on(&self) -> bool {
        self.fail_swap_on.unwrap_or(true)
    }

    /// Whether pods can use swap: `LimitedSwap` with `failSwapOn: false` (with `failSwapOn`
    /// true the kubelet does not run on a node that has swap).
    pub fn swap_enabled_for_pods(&self) -> bool {
        self.effective_swap_behavior() == "LimitedSwap" && !self.effective_fail_swap_on()
    }

    /// All thresholds, exactly as the eviction manager gets them (`ParseThresholdConfig` with
    /// `enforceNodeAllocatable`).
    pub fn thresholds(&self) -> Result<Vec<Threshold>, ThresholdError> {
        let allocatable = self.effective_enforce_node_allocatable();
        parse_threshold_config(ThresholdInput {
            allocatable_config: &allocatable,
            eviction_hard: self.eviction_hard.as_ref(),
            eviction_soft: self.eviction_soft.as_ref(),
            eviction_soft_grace_period: self.eviction_soft_grace_period.as_ref(),
            eviction_minimum_reclaim: self.eviction_minimum_reclaim.as_ref(),
        })
    }

    /// The hard thresholds the container manager reserves for (`ParseThresholdConfig([],
    /// evictionHard, nil, nil, nil)` in cmd/kubelet/app/server.go): no allocatable copies.
    pub fn hard_thresholds(&self) -> Result<Vec<Threshold>, ThresholdError> {
        parse_threshold_config(ThresholdInput {
            eviction_hard: self.eviction_hard.as_ref(),
            ..ThresholdInput::default()
        })
    }

    /// Seconds a pod gets to stop when the kubelet evicts it: 1 for a hard threshold
    /// (`immediateEvictionGracePeriodSeconds`); for a soft one
    /// `min(evictionMaxPodGracePeriod, terminationGracePeriodSeconds)`, and never below 1 (the
    /// pod workers raise anything lower to 1). This is current kubelets' behaviour (kubernetes
    /// #124063, 1.31 era); older kubelets gave the pod its full terminationGracePeriodSeconds
    /// when the override was 0. A negative `evictionMaxPodGracePeriod` does not "defer to the
    /// pod" as its flag help claims (kubernetes#118172): it yields 1s.
    pub fn eviction_grace_seconds(
        &self,
        soft: bool,
        pod_termination_grace_seconds: Option<i64>,
    ) -> i64 {
        if !soft {
            return 1;
        }
        let max = i64::from(self.max_pod_grace_period_seconds());
        let grace = match pod_termination_grace_seconds {
            Some(pod) => max.min(pod),
            None => max,
        };
        grace.max(1)
    }

    /// Where `path` (or its nearest written ancestor) is in the source text.
    pub fn position(&self, path: &str) -> Option<Pos> {
        let mut path = path;
        loop {
            if let Some(pos) = self.positions.get(path) {
                return Some(*pos);
            }
            // Map keys contain dots (`memory.available`), so try every shorter prefix.
            path = &path[..path.rfind('.')?];
        }
    }

    /// Whether `path` was filled in by defaulting rather than written.
    pub fn is_defaulted(&self, path: &str) -> bool {
        self.defaulted.contains(path)
            || path
                .split_once('.')
                .is_some_and(|(field, _)| self.defaulted.contains(field))
    }

    /// Every setting as `path → normalised value` (quantities canonical, durations in Go form,
    /// effective values for unset scalars), for comparing nodes.
    pub fn flatten(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        // Same value, same text: `104857600` and `100Mi` both become `100Mi`.
        let quantity = |v: &str| {
            if v.ends_with('%') {
                return v.to_string();
            }
            match Quantity::parse(v) {
                Ok(q) => match q.value().map(|n| Quantity::from_bytes(n, Format::BinarySI)) {
                    Some(whole) if whole == q => whole.canonical(),
                    _ => q.canonical(),
                },
                Err(_) => v.to_string(),
            }
        };
        let duration =
            |v: &str| GoDuration::parse(v).map_or_else(|_| v.to_string(), |d| d.to_string());
        let maps: [FlatField<'_>; 6] = [
            ("evictionHard", &self.eviction_hard, &quantity),
            ("evictionSoft", &self.eviction_soft, &quantity),
            (
                "evictionSoftGracePeriod",
                &self.eviction_soft_grace_period,
                &duration,
            ),
            (
                "evictionMinimumReclaim",
                &self.eviction_minimum_reclaim,
                &quantity,
            ),
            ("systemReserved", &self.system_reserved, &quantity),
            ("kubeReserved", &self.kube_reserved, &quantity),
        ];
        for (field, map, normalise) in maps {
            for (key, value) in map.iter().flatten() {
                out.insert(format!("{field}.{key}"), normalise(value));
            }
        }
        out.insert(
            "evictionMaxPodGracePeriod".into(),
            self.max_pod_grace_period_seconds().to_string(),
        );
        out.insert(
            "evictionPressureTransitionPeriod".into(),
            self.eviction_pressure_transition_period
                .unwrap_or(DEFAULT_EVICTION_PRESSURE_TRANSITION_PERIOD)
                .to_string(),
        );
        out.insert(
            "mergeDefaultEvictionSettings".into(),
            self.merge_default_eviction_settings
                .unwrap_or(false)
                .to_string(),
        );
        out.insert(
            "enforceNodeAllocatable".into(),
            self.effective_enforce_node_allocatable().join(","),
        );
        out.insert(
            "failSwapOn".into(),
            self.effective_fail_swap_on().to_string(),
        );
        out.insert(
            "memorySwap.swapBehavior".into(),
            self.effective_swap_behavior().to_string(),
        );
        out
    }
}

fn configz_from_root(root: &Node) -> Result<KubeletConfig, ConfigError> {
    let inner = root
        .get("kubeletconfig")
        .filter(|node| node.entries().is_some())
        .ok_or(ConfigError {
            path: String::new(),
            pos: Some(root.span.start),
            kind: ConfigErrorKind::NotConfigz,
        })?;
    let mut config = read_config(inner, Source::Configz)?;
    config.document = root
        .entry("kubeletconfig")
        .map(|entry| entry.key.span.start);
    Ok(config)
}

fn file_from_root(root: &Node, kubelet_minor: Option<u32>) -> Result<KubeletConfig, ConfigError> {
    let mut config = read_config(root, Source::File)?;
    check_type_meta(root, &config)?;
    config.document = Some(
        root.entry("kind")
            .map_or(root.span.start, |entry| entry.key.span.start),
    );
    config.apply_file_defaults(kubelet_minor.unwrap_or(NEWEST_KUBELET_MINOR));
    Ok(config)
}

/// The minor version in a kubelet version string such as `v1.34.2` or `v1.33.1+k3s1`
/// (`status.nodeInfo.kubeletVersion`).
pub fn kubelet_minor_from_version(version: &str) -> Option<u32> {
    let rest = version.trim().strip_prefix('v').unwrap_or(version.trim());
    let (major, rest) = rest.split_once('.')?;
    if major != "1" {
        return None;
    }
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// A map field, its value and how [`KubeletConfig::flatten`] normalises its entries.
type FlatField<'a> = (
    &'static str,
    &'a Option<BTreeMap<String, String>>,
    &'a dyn Fn(&str) -> String,
);

/// The root of the first document, which must be a mapping.
fn first_document(text: &str) -> Result<Node, ConfigError> {
    let syntax = |message: String, pos: Pos| ConfigError {
        path: String::new(),
        pos: Some(pos),
        kind: ConfigErrorKind::Syntax(message),
    };
    // The kubelet reads one document; later ones are ignored, as sigs.k8s.io/yaml does.
    for document in parse_stream(text) {
        match document {
            Document::Invalid(error) => return Err(syntax(error.message, error.pos)),
            Document::Parsed(None) => continue,
            Document::Parsed(Some(root)) => {
                if root.entries().is_none() {
                    return Err(ConfigError::wrong_type("", &root, "a mapping"));
                }
                return Ok(root);
            }
        }
    }
    Err(ConfigError {
        path: String::new(),
        pos: None,
        kind: ConfigErrorKind::Empty,
    })
}

/// A config file must say what it is, or the kubelet's decoder refuses it.
fn check_type_meta(root: &Node, config: &KubeletConfig) -> Result<(), ConfigError> {
    let at_root = |path: &str, kind| ConfigError {
        path: path.to_string(),
        pos: root
            .entry(path)
            .map(|e| e.key.span.start)
            .or(Some(root.span.start)),
        kind,
    };
    match config.kind.as_deref() {
        None => return Err(at_root("kind", ConfigErrorKind::MissingKind)),
        Some(KUBELET_CONFIG_KIND) => {}
        Some(other) => return Err(at_root("kind", ConfigErrorKind::WrongKind(other.into()))),
    }
    match config.api_version.as_deref() {
        None => Err(at_root("apiVersion", ConfigErrorKind::MissingApiVersion)),
        Some(KUBELET_CONFIG_API_VERSION) => Ok(()),
        Some(other) => Err(at_root(
            "apiVersion",
            ConfigErrorKind::WrongApiVersion(other.into()),
        )),
    }
}

/// Reads the fields of a `KubeletConfiguration` mapping. Keys match case-sensitively, as in
/// the kubelet's decoder; unknown keys are skipped.
fn read_config(root: &Node, source: Source) -> Result<KubeletConfig, ConfigError> {
    let mut config = KubeletConfig {
        source,
        kind: None,
        api_version: None,
        eviction_hard: None,
        eviction_soft: None,
        eviction_soft_grace_period: None,
        eviction_minimum_reclaim: None,
        eviction_max_pod_grace_period: None,
        eviction_pressure_transition_period: None,
        merge_default_eviction_settings: None,
        system_reserved: None,
        kube_reserved: None,
        enforce_node_allocatable: None,
        fail_swap_on: None,
        swap_behavior: None,
        defaulted_for_minor: None,
        defaulted: BTreeSet::new(),
        positions: BTreeMap::new(),
        document: None,
    };
    for entry in root.entries().unwrap_or_default() {
        let Some(key) = entry.key.as_scalar() else {
            continue;
        };
        let value = &entry.value;
        let positions = &mut config.positions;
        let known = match key {
            "kind" => {
                config.kind = read_string(value, key)?;
                true
            }
            "apiVersion" => {
                config.api_version = read_string(value, key)?;
                true
            }
            "evictionHard" => {
                config.eviction_hard = read_string_map(value, key, positions)?;
                true
            }
            "evictionSoft" => {
                config.eviction_soft = read_string_map(value, key, positions)?;
                true
            }
            "evictionSoftGracePeriod" => {
                config.eviction_soft_grace_period = read_string_map(value, key, positions)?;
                true
            }
            "evictionMinimumReclaim" => {
                config.eviction_minimum_reclaim = read_string_map(value, key, positions)?;
                true
            }
            "evictionMaxPodGracePeriod" => {
                config.eviction_max_pod_grace_period = read_i32(value, key)?;
                true
            }
            "evictionPressureTransitionPeriod" => {
                config.eviction_pressure_transition_period = read_duration(value, key)?;
                true
            }
            "mergeDefaultEvictionSettings" => {
                config.merge_default_eviction_settings = read_bool(value, key)?;
                true
            }
            "systemReserved" => {
                config.system_reserved = read_string_map(value, key, positions)?;
                true
            }
            "kubeReserved" => {
                config.kube_reserved = read_string_map(value, key, positions)?;
                true
            }
            "enforceNodeAllocatable" => {
                config.enforce_node_allocatable = read_string_list(value, key)?;
                true
            }
            "failSwapOn" => {
                config.fail_swap_on = read_bool(value, key)?;
                true
            }
            "memorySwap" => {
                if let Some(behavior) = value.entry("swapBehavior") {
                    positions.insert("memorySwap.swapBehavior".into(), behavior.key.span.start);
                    config.swap_behavior = read_string(&behavior.value, "memorySwap.swapBehavior")?;
                } else if !value.is_null() && value.entries().is_none() {
                    return Err(ConfigError::wrong_type(key, value, "a mapping"));
                }
                true
            }
            _ => false,
        };
        if known {
            config
                .positions
                .insert(key.to_string(), entry.key.span.start);
        }
    }
    Ok(config)
}

/// A JSON string; `null` is unset.
fn read_string(node: &Node, path: &str) -> Result<Option<String>, ConfigError> {
    if node.is_null() {
        return Ok(None);
    }
    node.as_str()
        .map(|text| Some(text.to_string()))
        .ok_or_else(|| ConfigError::wrong_type(path, node, "a string"))
}

/// A JSON boolean (YAML 1.1 spellings included, as the kubelet's YAML reader resolves them).
fn read_bool(node: &Node, path: &str) -> Result<Option<bool>, ConfigError> {
    if node.is_null() {
        return Ok(None);
    }
    node.as_bool()
        .map(Some)
        .ok_or_else(|| ConfigError::wrong_type(path, node, "a boolean"))
}

/// An `int32`. YAML integers resolve with Go's base prefixes (`0x`, `0b`, a leading `0` for
/// octal); a YAML float with an integral value is accepted because YAML-to-JSON conversion
/// prints it as an integer.
fn read_i32(node: &Node, path: &str) -> Result<Option<i32>, ConfigError> {
    if node.is_null() {
        return Ok(None);
    }
    let text = node.as_scalar().unwrap_or_default();
    let value: Option<i128> = match node.scalar_kind() {
        Some(ScalarKind::Int) => parse_go_int(text),
        Some(ScalarKind::Float) => text
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite() && f.fract() == 0.0 && f.abs() < 1e21)
            .map(|f| f as i128),
        _ => None,
    };
    let value = value.ok_or_else(|| ConfigError::wrong_type(path, node, "an integer"))?;
    i32::try_from(value)
        .map(Some)
        .map_err(|_| ConfigError::at(path, node, ConfigErrorKind::IntRange(text.to_string())))
}

/// `strconv.ParseInt(text, 0, 64)` after removing `_`, as go-yaml resolves plain integers.
fn parse_go_int(text: &str) -> Option<i128> {
    let text = text.replace('_', "");
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text.as_str()),
    };
    let lower = digits.to_ascii_lowercase();
    let magnitude = if let Some(hex) = lower.strip_prefix("0x") {
        i128::from_str_radix(hex, 16).ok()?
    } else if let Some(bin) = lower.strip_prefix("0b") {
        i128::from_str_radix(bin, 2).ok()?
    } else if let Some(oct) = lower.strip_prefix("0o") {
        i128::from_str_radix(oct, 8).ok()?
    } else if lower.len() > 1 && lower.starts_with('0') {
        i128::from_str_radix(&lower[1..], 8).ok()?
    } else {
        lower.parse::<i128>().ok()?
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// A `metav1.Duration`: a Go duration string. `null` is taken as unset.
fn read_duration(node: &Node, path: &str) -> Result<Option<GoDuration>, ConfigError> {
    let Some(text) = read_string(node, path)? else {
        return Ok(None);
    };
    GoDuration::parse(&text)
        .map(Some)
        .map_err(|error| ConfigError::at(path, node, ConfigErrorKind::Duration(error)))
}

/// A `map[string]string`. A `null` value inside becomes `""`, as Go's decoder leaves it.
fn read_string_map(
    node: &Node,
    path: &str,
    positions: &mut BTreeMap<String, Pos>,
) -> Result<Option<BTreeMap<String, String>>, ConfigError> {
    if node.is_null() {
        return Ok(None);
    }
    let entries = node
        .entries()
        .ok_or_else(|| ConfigError::wrong_type(path, node, "a mapping"))?;
    let mut map = BTreeMap::new();
    for entry in entries {
        let key = entry
            .key
            .as_scalar()
            .ok_or_else(|| ConfigError::wrong_type(path, &entry.key, "a string key"))?;
        let entry_path = format!("{path}.{key}");
        let value = if entry.value.is_null() {
            String::new()
        } else {
            entry
                .value
                .as_str()
                .ok_or_else(|| ConfigError::wrong_type(&entry_path, &entry.value, "a string"))?
                .to_string()
        };
        positions.insert(entry_path, entry.key.span.start);
        map.insert(key.to_string(), value);
    }
    Ok(Some(map))
}

/// A `[]string`.
fn read_string_list(node: &Node, path: &str) -> Result<Option<Vec<String>>, ConfigError> {
    if node.is_null() {
        return Ok(None);
    }
    let items = node
        .items()
        .ok_or_else(|| ConfigError::wrong_type(path, node, "a sequence"))?;
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            if item.is_null() {
                return Ok(String::new());
            }
            item.as_str().map(str::to_string).ok_or_else(|| {
                ConfigError::wrong_type(&format!("{path}[{index}]"), item, "a string")
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARTIAL: &str = "\
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
evictionHard:
  memory.available: 500Mi
evictionSoft:
  memory.available: 1Gi
evictionSoftGracePeriod:
  memory.available: 1m30s
evictionMaxPodGracePeriod: 120
systemReserved:
  memory: 1Gi
someUnknownField: [1, 2]
";

    fn keys(map: &Option<BTreeMap<String, String>>) -> Vec<&str> {
        map.iter().flatten().map(|(k, _)| k.as_str()).collect()
    }

    #[test]
    fn partial_eviction_hard_stays_partial_without_merge() {
        let config = KubeletConfig::from_file(PARTIAL, None).unwrap();
        assert_eq!(config.source, Source::File);
        assert_eq!(keys(&config.eviction_hard), ["memory.available"]);
        assert_eq!(config.merge_default_eviction_settings, Some(false));
        assert!(config.is_defaulted("mergeDefaultEvictionSettings"));
        assert!(!config.is_defaulted("evictionHard.memory.available"));
        // Other defaults.
        assert_eq!(
            config.eviction_pressure_transition_period,
            Some(GoDuration::from_secs(300))
        );
        assert_eq!(config.fail_swap_on, Some(true));
        assert_eq!(
            config.enforce_node_allocatable,
            Some(vec!["pods".to_string()])
        );
        assert_eq!(config.effective_swap_behavior(), "NoSwap");
        assert_eq!(config.max_pod_grace_period_seconds(), 120);
        // Positions point at the keys (1-based).
        let pos = config.position("evictionSoft.memory.available").unwrap();
        assert_eq!((pos.line, pos.column), (6, 3));
        let pos = config.position("evictionHard.nodefs.available").unwrap();
        assert_eq!((pos.line, pos.column), (3, 1));
    }

    #[test]
    fn partial_eviction_hard_is_merged_with_merge_default_eviction_settings() {
        let text = format!("{PARTIAL}mergeDefaultEvictionSettings: true\n");
        let config = KubeletConfig::from_file(&text, None).unwrap();
        let hard = config.eviction_hard.as_ref().unwrap();
        assert_eq!(hard["memory.available"], "500Mi", "the written value wins");
        assert_eq!(hard["nodefs.available"], "10%");
        assert_eq!(hard["nodefs.inodesFree"], "5%");
        assert_eq!(hard["imagefs.available"], "15%");
        assert_eq!(hard["imagefs.inodesFree"], "5%");
        assert!(config.is_defaulted("evictionHard.imagefs.inodesFree"));
        assert!(!config.is_defaulted("evictionHard.memory.available"));

        // Kubelets before 1.33 do not know the field: the map stays partial.
        let old = KubeletConfig::from_file(&text, Some(32)).unwrap();
        assert_eq!(keys(&old.eviction_hard), ["memory.available"]);
        // Before 1.30 the defaults have four keys.
        let merged_29 = KubeletConfig::from_file(
            "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n",
            Some(29),
        )
        .unwrap();
        assert_eq!(merged_29.eviction_hard.as_ref().unwrap().len(), 4);
    }

    #[test]
    fn absent_eviction_hard_gets_the_defaults_but_an_empty_map_does_not() {
        let absent = KubeletConfig::from_file(
            "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nevictionHard: null\n",
            None,
        )
        .unwrap();
        assert_eq!(absent.eviction_hard, Some(default_eviction_hard(37)));
        assert!(absent.is_defaulted("evictionHard.memory.available"));

        let empty = KubeletConfig::from_file(
            "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nevictionHard: {}\n",
            None,
        )
        .unwrap();
        assert_eq!(empty.eviction_hard, Some(BTreeMap::new()));

        // A zero transition period is the zero value: defaulted.
        let zero = KubeletConfig::from_file(
            "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nevictionPressureTransitionPeriod: 0s\n",
            None,
        )
        .unwrap();
        assert_eq!(
            zero.eviction_pressure_transition_period,
            Some(GoDuration::from_secs(300))
        );
        // enforceNodeAllocatable: [] is not nil: kept empty.
        let none = KubeletConfig::from_file(
            "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nenforceNodeAllocatable: []\n",
            None,
        )
        .unwrap();
        assert_eq!(none.enforce_node_allocatable, Some(vec![]));
    }

    const CONFIGZ: &str = r#"{"kubeletconfig":{"enableServer":true,"staticPodPath":"/etc/kubernetes/manifests","syncFrequency":"1m0s","evictionHard":{"imagefs.available":"15%","memory.available":"100Mi","nodefs.available":"10%","nodefs.inodesFree":"5%"},"evictionPressureTransitionPeriod":"5m0s","mergeDefaultEvictionSettings":false,"enforceNodeAllocatable":["pods"],"failSwapOn":true,"memorySwap":{},"systemReserved":{"cpu":"500m","memory":"1Gi"},"kind":"KubeletConfiguration","apiVersion":"kubelet.config.k8s.io/v1beta1"}}"#;

    #[test]
    fn configz_is_taken_as_is() {
        let config = KubeletConfig::from_configz(CONFIGZ).unwrap();
        assert_eq!(config.source, Source::Configz);
        // No defaulting: four keys stay four, nothing is added.
        assert_eq!(config.eviction_hard.as_ref().unwrap().len(), 4);
        assert_eq!(config.eviction_soft, None);
        assert_eq!(config.kube_reserved, None);
        assert_eq!(config.eviction_max_pod_grace_period, None);
        assert_eq!(config.max_pod_grace_period_seconds(), 0);
        assert_eq!(config.kind.as_deref(), Some("KubeletConfiguration"));
        assert_eq!(config.swap_behavior, None);
        assert!(config.defaulted.is_empty());
        assert_eq!(
            config.system_reserved.as_ref().unwrap()["memory"],
            "1Gi".to_string()
        );
        // The same text through the auto-detecting entry point.
        assert_eq!(KubeletConfig::parse(CONFIGZ, None).unwrap(), config);
        let json = serde_json::to_value(&config).unwrap();
        assert_eq!(json["source"], "configz");
        assert_eq!(json["evictionMaxPodGracePeriod"], 0);
        assert_eq!(json["swapBehavior"], "NoSwap");
        assert_eq!(json["evictionPressureTransitionPeriod"], "5m0s");
        assert_eq!(json["evictionHard"]["memory.available"], "100Mi");
        assert!(json["evictionSoft"].is_null());
    }

    #[test]
    fn errors_are_located() {
        let text = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nevictionHard:\n  memory.available: 1\n";
        let error = KubeletConfig::from_file(text, None).unwrap_err();
        assert_eq!(error.path, "evictionHard.memory.available");
        assert_eq!(error.pos.map(|p| (p.line, p.column)), Some((4, 21)));
        assert_eq!(
            error.to_string(),
            "evictionHard.memory.available: expected a string, found a number"
        );

        let text = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nevictionPressureTransitionPeriod: 5\n";
        let error = KubeletConfig::from_file(text, None).unwrap_err();
        assert_eq!(error.path, "evictionPressureTransitionPeriod");

        let text = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nevictionPressureTransitionPeriod: 5x\n";
        let error = KubeletConfig::from_file(text, None).unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"evictionPressureTransitionPeriod: time: unknown unit "x" in duration "5x""#
        );

        let error = KubeletConfig::from_file("kind: Pod\napiVersion: v1\n", None).unwrap_err();
        assert_eq!(error.kind, ConfigErrorKind::WrongKind("Pod".into()));
        let error = KubeletConfig::from_file("evictionSoft: {}\n", None).unwrap_err();
        assert_eq!(error.kind, ConfigErrorKind::MissingKind);
        let error = KubeletConfig::from_file("", None).unwrap_err();
        assert_eq!(error.kind, ConfigErrorKind::Empty);
        let error = KubeletConfig::from_file("- a\n", None).unwrap_err();
        assert!(matches!(error.kind, ConfigErrorKind::WrongType { .. }));
        let error = KubeletConfig::from_configz("{\"kubeletconfig\": 3}").unwrap_err();
        assert_eq!(error.kind, ConfigErrorKind::NotConfigz);
        let error = KubeletConfig::from_file("a: [", None).unwrap_err();
        assert!(matches!(error.kind, ConfigErrorKind::Syntax(_)));
        let text = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nevictionMaxPodGracePeriod: 3000000000\n";
        let error = KubeletConfig::from_file(text, None).unwrap_err();
        assert_eq!(error.kind, ConfigErrorKind::IntRange("3000000000".into()));
    }

    #[test]
    fn kubelet_versions() {
        assert_eq!(kubelet_minor_from_version("v1.34.2"), Some(34));
        assert_eq!(kubelet_minor_from_version("v1.33.1+k3s1"), Some(33));
        assert_eq!(kubelet_minor_from_version("1.30"), Some(30));
        assert_eq!(kubelet_minor_from_version("v2.0.0"), None);
        assert_eq!(kubelet_minor_from_version("garbage"), None);
    }

    #[test]
    fn scalars_resolve_like_the_kubelets_yaml_reader() {
        let text = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nfailSwapOn: no\nevictionMaxPodGracePeriod: 0x3c\nmemorySwap:\n  swapBehavior: LimitedSwap\nevictionSoft:\n  memory.available: ~\n";
        let config = KubeletConfig::from_file(text, None).unwrap();
        assert_eq!(config.fail_swap_on, Some(false));
        assert_eq!(config.eviction_max_pod_grace_period, Some(60));
        assert!(config.swap_enabled_for_pods());
        assert_eq!(
            config.eviction_soft.as_ref().unwrap()["memory.available"],
            ""
        );
        assert_eq!(parse_go_int("010"), Some(8));
        assert_eq!(parse_go_int("-1_000"), Some(-1000));
        let floaty = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nevictionMaxPodGracePeriod: 60.0\n";
        assert_eq!(
            KubeletConfig::from_file(floaty, None)
                .unwrap()
                .eviction_max_pod_grace_period,
            Some(60)
        );
        let quoted = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nfailSwapOn: \"false\"\n";
        assert!(KubeletConfig::from_file(quoted, None).is_err());
    }

    #[test]
    fn eviction_grace_follows_the_kubelet() {
        let mut config = KubeletConfig::from_configz(CONFIGZ).unwrap();
        assert_eq!(config.eviction_grace_seconds(false, Some(45)), 1);
        assert_eq!(
            config.eviction_grace_seconds(true, Some(45)),
            1,
            "max 0 → 1s"
        );
        config.eviction_max_pod_grace_period = Some(120);
        assert_eq!(config.eviction_grace_seconds(true, Some(45)), 45);
        assert_eq!(config.eviction_grace_seconds(true, Some(300)), 120);
        config.eviction_max_pod_grace_period = Some(-1);
        assert_eq!(config.eviction_grace_seconds(true, Some(300)), 1);
    }

    #[test]
    fn thresholds_include_allocatable_copies() {
        let config = KubeletConfig::from_file(PARTIAL, None).unwrap();
        let thresholds = config.thresholds().unwrap();
        let names: Vec<(&str, bool)> = thresholds
            .iter()
            .map(|t| (t.signal.as_str(), t.is_hard()))
            .collect();
        assert_eq!(
            names,
            [
                ("memory.available", true),
                ("memory.available", false),
                ("allocatableMemory.available", true)
            ]
        );
        assert_eq!(config.hard_thresholds().unwrap().len(), 1);
    }

    #[test]
    fn flatten_normalises_values() {
        let config = KubeletConfig::from_file(PARTIAL, None).unwrap();
        let flat = config.flatten();
        assert_eq!(flat["evictionHard.memory.available"], "500Mi");
        assert_eq!(flat["evictionSoftGracePeriod.memory.available"], "1m30s");
        assert_eq!(flat["failSwapOn"], "true");
        assert_eq!(flat["memorySwap.swapBehavior"], "NoSwap");
        assert_eq!(flat["evictionPressureTransitionPeriod"], "5m0s");
    }
}
