//! KubeVirt's API type graph: the JSON keys of every type reachable from the VMI, VM,
//! VMI replica set, VM pool, instancetype and preference specs, with the KubeVirt versions in
//! which each key exists.
//!
//! GENERATED FILE, DO NOT EDIT. Generated from KubeVirt's Go API types
//! (`staging/src/kubevirt.io/api/{core/v1,instancetype/*,pool/*}`) by
//! `python3 tools/gen-kubevirt-schema.py <kubevirt git dir> -o src/kubevirt/schema.rs`
//! from these revisions of github.com/kubevirt/kubevirt:
//!
//!   v1.0  v1.0.0      579bb66545630d93b29d0399219aaa51c3f0a00b
//!   v1.1  v1.1.0      e8e638edc22587ec7be2cc3d983b61763e33f973
//!   v1.2  v1.2.0      f26e45d99ac35743fc33d6a121b629e9a9af6b63
//!   v1.3  v1.3.0      6a4481910c353dc43be36fd1c9a4444ad701d0b7
//!   v1.4  v1.4.0      9b9b3d4e7b681af96ca1b6b6a5cea75e2f05ce5b
//!   v1.5  v1.5.0      522b44c0ce8d1909618324cb083d69e5c7a0a234
//!   v1.6  v1.6.0      d53baa7f84687d156bd8a3a80d7ea2fbd8e0a993
//!   v1.7  v1.7.0      50b9b4d0cf1caaf56147411a1e6765134e0e82b9
//!   v1.8  v1.8.0      85b6a25964132b0d578184598fb3c00d00d71f61
//!   v1.9  v1.9.0      79d34c1762169e5b0370ec491cef5ca12e6b504c
//!   main  main        d923fdb815cd2016ddaebdaaa51db04133576d72
//!
//! 162 types, 519 field entries.
//!
//! Owns the key sets that `unknown-field` (DEN005) and `misplaced-field` (DEN006) check
//! against. Knows nothing about what the fields mean. Types from outside KubeVirt (core/v1
//! Affinity, Probe handlers, ObjectMeta, ResourceList, CDI's DataVolumeSpec, ...) are
//! [`FieldType::Opaque`] and never checked; `resource.Quantity`, `metav1.Duration`,
//! `intstr.IntOrString` and similar are [`FieldType::Scalar`]. Embedded structs are flattened
//! as encoding/json does, including embedded k8s types (e.g. `configMap.name` from
//! `LocalObjectReference`). API groups with several served versions (instancetype
//! v1alpha1/v1alpha2/v1beta1, pool v1alpha1/v1beta1) are merged: a key exists in a KubeVirt
//! version if any API version of the group has it there. A key whose type changed, or that
//! disappeared and came back, has one [`Field`] entry per unbroken run of versions.
//!
//! Pure data: no I/O.

use crate::kubevirt::KubeVirtVersion;
use crate::kubevirt::KubeVirtVersion as V;

/// What the value of a field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// A scalar (string, number, bool, Quantity, enum string...).
    Scalar,
    /// An object with a known KubeVirt type.
    Object(&'static TypeDef),
    /// A list whose items are objects of a known KubeVirt type.
    ListOf(&'static TypeDef),
    /// A map from arbitrary keys to values of a known type (e.g. `map[string]X`).
    MapOf(&'static TypeDef),
    /// Anything not modelled: types from other API groups (core/v1 Affinity, Probe, ObjectMeta,
    /// ResourceList, ...), lists of scalars, maps of scalars, RawExtension. Never checked.
    Opaque,
}

impl FieldType {
    /// The KubeVirt type of the value (or of its items), if it is modelled.
    #[must_use]
    pub fn type_def(self) -> Option<&'static TypeDef> {
        match self {
            Self::Object(t) | Self::ListOf(t) | Self::MapOf(t) => Some(t),
            Self::Scalar | Self::Opaque => None,
        }
    }
}

/// One JSON key of a type, for an unbroken range of versions.
#[derive(Debug)]
pub struct Field {
    /// The JSON name, as written in manifests.
    pub name: &'static str,
    /// What its value is.
    pub ty: FieldType,
    /// First modelled version that has it.
    pub since: KubeVirtVersion,
    /// Last modelled version that has it; `None`: still in `main`.
    pub until: Option<KubeVirtVersion>,
}

impl Field {
    /// Whether the key exists in version `v`.
    #[must_use]
    pub fn exists_in(&self, v: KubeVirtVersion) -> bool {
        self.since <= v && self.until.is_none_or(|until| v <= until)
    }
}

/// A KubeVirt API type: the union of its keys over every modelled version.
pub struct TypeDef {
    /// Go type name, e.g. `DomainSpec` (qualified by API group where two groups share a name).
    pub name: &'static str,
    /// Its keys, in declaration order; a key can appear more than once (disjoint ranges).
    pub fields: &'static [Field],
}

impl TypeDef {
    /// The key `name` as it exists in version `version`.
    #[must_use]
    pub fn field(&self, name: &str, version: KubeVirtVersion) -> Option<&'static Field> {
        self.fields
            .iter()
            .find(|f| f.name == name && f.exists_in(version))
    }

    /// The key `name` in any modelled version (the newest entry when there are several).
    #[must_use]
    pub fn field_any_version(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().rev().find(|f| f.name == name)
    }

    /// The versions in which the key `name` exists, over all its entries: `(since, until)`,
    /// `until` `None` when it is still in `main`. A key has several entries only when its type
    /// changed (e.g. `resourceClaims`: Opaque v1.6–v1.8, a KubeVirt type from v1.9), and the
    /// runs touch, so this is the whole range. Use it to say "exists from v1.6" rather than
    /// the range of [`TypeDef::field_any_version`]'s entry.
    #[must_use]
    pub fn version_range(&self, name: &str) -> Option<(KubeVirtVersion, Option<KubeVirtVersion>)> {
        let mut entries = self.fields.iter().filter(|f| f.name == name);
        let first = entries.next()?;
        Some(
            entries.fold((first.since, first.until), |(since, until), f| {
                let until = match (until, f.until) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
                (since.min(f.since), until)
            }),
        )
    }

    /// The keys that exist in `version` (candidates for "did you mean").
    pub fn fields_in(&self, version: KubeVirtVersion) -> impl Iterator<Item = &'static Field> {
        self.fields.iter().filter(move |f| f.exists_in(version))
    }
}

/// The type named `name` (as in [`TypeDef::name`]).
#[must_use]
pub fn type_named(name: &str) -> Option<&'static TypeDef> {
    ALL_TYPES.iter().copied().find(|t| t.name == name)
}

// Types are compared by identity: there is one static per type.
impl PartialEq for TypeDef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for TypeDef {}

// Not derived: types are recursive, so print the name and the key count only.
impl std::fmt::Debug for TypeDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TypeDef")
            .field("name", &self.name)
            .field("fields", &self.fields.len())
            .finish()
    }
}

/// `spec` of a VirtualMachineInstance (kubevirt.io/v1, also v1alpha3).
///
/// Go type `VirtualMachineInstanceSpec` (core; v1.0 and later).
pub static VIRTUAL_MACHINE_INSTANCE_SPEC: TypeDef = TypeDef {
    name: "VirtualMachineInstanceSpec",
    fields: &[
        Field {
            name: "priorityClassName",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "domain",
            ty: FieldType::Object(&DOMAIN_SPEC),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "nodeSelector",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "affinity",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "schedulerName",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "serviceAccountName",
            ty: FieldType::Scalar,
            since: V::V1_9,
            until: None,
        },
        Field {
            name: "tolerations",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "topologySpreadConstraints",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "evictionStrategy",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "startStrategy",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "terminationGracePeriodSeconds",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "volumes",
            ty: FieldType::ListOf(&VOLUME),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "livenessProbe",
            ty: FieldType::Object(&PROBE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "readinessProbe",
            ty: FieldType::Object(&PROBE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "hostname",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "subdomain",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "networks",
            ty: FieldType::ListOf(&NETWORK),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "dnsPolicy",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "dnsConfig",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "accessCredentials",
            ty: FieldType::ListOf(&ACCESS_CREDENTIAL),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "architecture",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "resourceClaims",
            ty: FieldType::Opaque,
            since: V::V1_6,
            until: Some(V::V1_8),
        },
        Field {
            name: "resourceClaims",
            ty: FieldType::ListOf(&VIRTUAL_MACHINE_INSTANCE_RESOURCE_CLAIM),
            since: V::V1_9,
            until: None,
        },
        Field {
            name: "utilityVolumes",
            ty: FieldType::ListOf(&UTILITY_VOLUME),
            since: V::V1_8,
            until: None,
        },
    ],
};

/// `spec` of a VirtualMachine (kubevirt.io/v1); `template` is a VirtualMachineInstanceTemplateSpec
/// (`metadata` Opaque, `spec` the VMI spec).
///
/// Go type `VirtualMachineSpec` (core; v1.0 and later).
pub static VIRTUAL_MACHINE_SPEC: TypeDef = TypeDef {
    name: "VirtualMachineSpec",
    fields: &[
        Field {
            name: "running",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "runStrategy",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "instancetype",
            ty: FieldType::Object(&INSTANCETYPE_MATCHER),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preference",
            ty: FieldType::Object(&PREFERENCE_MATCHER),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "template",
            ty: FieldType::Object(&VIRTUAL_MACHINE_INSTANCE_TEMPLATE_SPEC),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "dataVolumeTemplates",
            ty: FieldType::ListOf(&DATA_VOLUME_TEMPLATE_SPEC),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "updateVolumesStrategy",
            ty: FieldType::Scalar,
            since: V::V1_3,
            until: None,
        },
        Field {
            name: "liveUpdateFeatures",
            ty: FieldType::Object(&LIVE_UPDATE_FEATURES),
            since: V::V1_0,
            until: Some(V::V1_1),
        },
    ],
};

/// `spec` of a VirtualMachineInstanceReplicaSet (kubevirt.io/v1).
///
/// Go type `VirtualMachineInstanceReplicaSetSpec` (core; v1.0 and later).
pub static VIRTUAL_MACHINE_INSTANCE_REPLICA_SET_SPEC: TypeDef = TypeDef {
    name: "VirtualMachineInstanceReplicaSetSpec",
    fields: &[
        Field {
            name: "replicas",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "selector",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "template",
            ty: FieldType::Object(&VIRTUAL_MACHINE_INSTANCE_TEMPLATE_SPEC),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "paused",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `spec` of a VirtualMachinePool: the union of pool.kubevirt.io v1alpha1 and v1beta1 (v1beta1 from
/// v1.7); a field exists in a version if either API version has it there.
///
/// Go type `VirtualMachinePoolSpec` (pool; v1.0 and later).
pub static VIRTUAL_MACHINE_POOL_SPEC: TypeDef = TypeDef {
    name: "VirtualMachinePoolSpec",
    fields: &[
        Field {
            name: "replicas",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "selector",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "virtualMachineTemplate",
            ty: FieldType::Object(&VIRTUAL_MACHINE_TEMPLATE_SPEC),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "paused",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "nameGeneration",
            ty: FieldType::Object(&VIRTUAL_MACHINE_POOL_NAME_GENERATION),
            since: V::V1_5,
            until: None,
        },
        Field {
            name: "maxUnavailable",
            ty: FieldType::Scalar,
            since: V::V1_6,
            until: None,
        },
        Field {
            name: "scaleInStrategy",
            ty: FieldType::Object(&VIRTUAL_MACHINE_POOL_SCALE_IN_STRATEGY),
            since: V::V1_6,
            until: None,
        },
        Field {
            name: "updateStrategy",
            ty: FieldType::Object(&VIRTUAL_MACHINE_POOL_UPDATE_STRATEGY),
            since: V::V1_7,
            until: None,
        },
        Field {
            name: "autohealing",
            ty: FieldType::Object(&VIRTUAL_MACHINE_POOL_AUTOHEALING_STRATEGY),
            since: V::V1_7,
            until: None,
        },
    ],
};

/// `spec` of a VirtualMachine(Cluster)Instancetype: the union of instancetype.kubevirt.io v1beta1
/// and the older v1alpha1/v1alpha2 (served up to v1.6).
///
/// Go type `VirtualMachineInstancetypeSpec` (instancetype; v1.0 and later).
pub static VIRTUAL_MACHINE_INSTANCETYPE_SPEC: TypeDef = TypeDef {
    name: "VirtualMachineInstancetypeSpec",
    fields: &[
        Field {
            name: "nodeSelector",
            ty: FieldType::Opaque,
            since: V::V1_1,
            until: None,
        },
        Field {
            name: "schedulerName",
            ty: FieldType::Scalar,
            since: V::V1_1,
            until: None,
        },
        Field {
            name: "cpu",
            ty: FieldType::Object(&CPU_INSTANCETYPE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "memory",
            ty: FieldType::Object(&MEMORY_INSTANCETYPE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "gpus",
            ty: FieldType::ListOf(&GPU),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "hostDevices",
            ty: FieldType::ListOf(&HOST_DEVICE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "ioThreadsPolicy",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "ioThreads",
            ty: FieldType::Object(&DISK_IO_THREADS),
            since: V::V1_7,
            until: None,
        },
        Field {
            name: "launchSecurity",
            ty: FieldType::Object(&LAUNCH_SECURITY),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "annotations",
            ty: FieldType::Opaque,
            since: V::V1_1,
            until: None,
        },
    ],
};

/// `spec` of a VirtualMachine(Cluster)Preference: the union of instancetype.kubevirt.io v1beta1 and
/// the older v1alpha1/v1alpha2 (served up to v1.6).
///
/// Go type `VirtualMachinePreferenceSpec` (instancetype; v1.0 and later).
pub static VIRTUAL_MACHINE_PREFERENCE_SPEC: TypeDef = TypeDef {
    name: "VirtualMachinePreferenceSpec",
    fields: &[
        Field {
            name: "clock",
            ty: FieldType::Object(&CLOCK_PREFERENCES),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "cpu",
            ty: FieldType::Object(&CPU_PREFERENCES),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "devices",
            ty: FieldType::Object(&DEVICE_PREFERENCES),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "features",
            ty: FieldType::Object(&FEATURE_PREFERENCES),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "firmware",
            ty: FieldType::Object(&FIRMWARE_PREFERENCES),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "machine",
            ty: FieldType::Object(&MACHINE_PREFERENCES),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "volumes",
            ty: FieldType::Object(&VOLUME_PREFERENCES),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredSubdomain",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredTerminationGracePeriodSeconds",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "requirements",
            ty: FieldType::Object(&PREFERENCE_REQUIREMENTS),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "annotations",
            ty: FieldType::Opaque,
            since: V::V1_1,
            until: None,
        },
        Field {
            name: "preferSpreadSocketToCoreRatio",
            ty: FieldType::Scalar,
            since: V::V1_1,
            until: None,
        },
        Field {
            name: "preferredArchitecture",
            ty: FieldType::Scalar,
            since: V::V1_7,
            until: None,
        },
        Field {
            name: "preferredLaunchSecurity",
            ty: FieldType::Object(&LAUNCH_SECURITY),
            since: V::V1_9,
            until: None,
        },
    ],
};

/// `DomainSpec` (core; v1.0 and later).
pub static DOMAIN_SPEC: TypeDef = TypeDef {
    name: "DomainSpec",
    fields: &[
        Field {
            name: "resources",
            ty: FieldType::Object(&RESOURCE_REQUIREMENTS),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "cpu",
            ty: FieldType::Object(&CPU),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "memory",
            ty: FieldType::Object(&MEMORY),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "machine",
            ty: FieldType::Object(&MACHINE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "firmware",
            ty: FieldType::Object(&FIRMWARE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "clock",
            ty: FieldType::Object(&CLOCK),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "features",
            ty: FieldType::Object(&FEATURES),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "devices",
            ty: FieldType::Object(&DEVICES),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "ioThreadsPolicy",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "ioThreads",
            ty: FieldType::Object(&DISK_IO_THREADS),
            since: V::V1_5,
            until: None,
        },
        Field {
            name: "chassis",
            ty: FieldType::Object(&CHASSIS),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "launchSecurity",
            ty: FieldType::Object(&LAUNCH_SECURITY),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "rebootPolicy",
            ty: FieldType::Scalar,
            since: V::V1_8,
            until: None,
        },
    ],
};

/// `Volume` (core; v1.0 and later).
pub static VOLUME: TypeDef = TypeDef {
    name: "Volume",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "hostDisk",
            ty: FieldType::Object(&HOST_DISK),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "persistentVolumeClaim",
            ty: FieldType::Object(&PERSISTENT_VOLUME_CLAIM_VOLUME_SOURCE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "cloudInitNoCloud",
            ty: FieldType::Object(&CLOUD_INIT_NO_CLOUD_SOURCE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "cloudInitConfigDrive",
            ty: FieldType::Object(&CLOUD_INIT_CONFIG_DRIVE_SOURCE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "sysprep",
            ty: FieldType::Object(&SYSPREP_SOURCE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "containerDisk",
            ty: FieldType::Object(&CONTAINER_DISK_SOURCE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "ephemeral",
            ty: FieldType::Object(&EPHEMERAL_VOLUME_SOURCE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "emptyDisk",
            ty: FieldType::Object(&EMPTY_DISK_SOURCE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "dataVolume",
            ty: FieldType::Object(&DATA_VOLUME_SOURCE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "configMap",
            ty: FieldType::Object(&CONFIG_MAP_VOLUME_SOURCE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "secret",
            ty: FieldType::Object(&SECRET_VOLUME_SOURCE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "downwardAPI",
            ty: FieldType::Object(&DOWNWARD_API_VOLUME_SOURCE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "serviceAccount",
            ty: FieldType::Object(&SERVICE_ACCOUNT_VOLUME_SOURCE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "downwardMetrics",
            ty: FieldType::Object(&DOWNWARD_METRICS_VOLUME_SOURCE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "memoryDump",
            ty: FieldType::Object(&MEMORY_DUMP_VOLUME_SOURCE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "containerPath",
            ty: FieldType::Object(&CONTAINER_PATH_VOLUME_SOURCE),
            since: V::V1_8,
            until: None,
        },
    ],
};

/// `Probe` (core; v1.0 and later).
pub static PROBE: TypeDef = TypeDef {
    name: "Probe",
    fields: &[
        Field {
            name: "exec",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "guestAgentPing",
            ty: FieldType::Object(&GUEST_AGENT_PING),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "httpGet",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "tcpSocket",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "initialDelaySeconds",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "timeoutSeconds",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "periodSeconds",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "successThreshold",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "failureThreshold",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `Network` (core; v1.0 and later).
pub static NETWORK: TypeDef = TypeDef {
    name: "Network",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "pod",
            ty: FieldType::Object(&POD_NETWORK),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "multus",
            ty: FieldType::Object(&MULTUS_NETWORK),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "resourceClaim",
            ty: FieldType::Object(&CLAIM_REQUEST),
            since: V::V1_9,
            until: None,
        },
    ],
};

/// `AccessCredential` (core; v1.0 and later).
pub static ACCESS_CREDENTIAL: TypeDef = TypeDef {
    name: "AccessCredential",
    fields: &[
        Field {
            name: "sshPublicKey",
            ty: FieldType::Object(&SSH_PUBLIC_KEY_ACCESS_CREDENTIAL),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "userPassword",
            ty: FieldType::Object(&USER_PASSWORD_ACCESS_CREDENTIAL),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `VirtualMachineInstanceResourceClaim` (core; v1.9 and later).
pub static VIRTUAL_MACHINE_INSTANCE_RESOURCE_CLAIM: TypeDef = TypeDef {
    name: "VirtualMachineInstanceResourceClaim",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_9,
            until: None,
        },
        Field {
            name: "resourceClaimName",
            ty: FieldType::Scalar,
            since: V::V1_9,
            until: None,
        },
        Field {
            name: "resourceClaimTemplateName",
            ty: FieldType::Scalar,
            since: V::V1_9,
            until: None,
        },
    ],
};

/// `UtilityVolume` (core; v1.8 and later).
pub static UTILITY_VOLUME: TypeDef = TypeDef {
    name: "UtilityVolume",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_8,
            until: None,
        },
        Field {
            name: "claimName",
            ty: FieldType::Scalar,
            since: V::V1_8,
            until: None,
        },
        Field {
            name: "readOnly",
            ty: FieldType::Scalar,
            since: V::V1_8,
            until: None,
        },
        Field {
            name: "type",
            ty: FieldType::Scalar,
            since: V::V1_8,
            until: None,
        },
    ],
};

/// `InstancetypeMatcher` (core; v1.0 and later).
pub static INSTANCETYPE_MATCHER: TypeDef = TypeDef {
    name: "InstancetypeMatcher",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "kind",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "revisionName",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "inferFromVolume",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "inferFromVolumeFailurePolicy",
            ty: FieldType::Scalar,
            since: V::V1_1,
            until: None,
        },
    ],
};

/// `PreferenceMatcher` (core; v1.0 and later).
pub static PREFERENCE_MATCHER: TypeDef = TypeDef {
    name: "PreferenceMatcher",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "kind",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "revisionName",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "inferFromVolume",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "inferFromVolumeFailurePolicy",
            ty: FieldType::Scalar,
            since: V::V1_1,
            until: None,
        },
    ],
};

/// `VirtualMachineInstanceTemplateSpec` (core; v1.0 and later).
pub static VIRTUAL_MACHINE_INSTANCE_TEMPLATE_SPEC: TypeDef = TypeDef {
    name: "VirtualMachineInstanceTemplateSpec",
    fields: &[
        Field {
            name: "metadata",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "spec",
            ty: FieldType::Object(&VIRTUAL_MACHINE_INSTANCE_SPEC),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `DataVolumeTemplateSpec` (core; v1.0 and later).
pub static DATA_VOLUME_TEMPLATE_SPEC: TypeDef = TypeDef {
    name: "DataVolumeTemplateSpec",
    fields: &[
        Field {
            name: "kind",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "apiVersion",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "metadata",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "spec",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "status",
            ty: FieldType::Object(&DATA_VOLUME_TEMPLATE_DUMMY_STATUS),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `VirtualMachineTemplateSpec` (pool; v1.0 and later).
pub static VIRTUAL_MACHINE_TEMPLATE_SPEC: TypeDef = TypeDef {
    name: "VirtualMachineTemplateSpec",
    fields: &[
        Field {
            name: "metadata",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "spec",
            ty: FieldType::Object(&VIRTUAL_MACHINE_SPEC),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `VirtualMachinePoolNameGeneration` (pool; v1.5 and later).
pub static VIRTUAL_MACHINE_POOL_NAME_GENERATION: TypeDef = TypeDef {
    name: "VirtualMachinePoolNameGeneration",
    fields: &[
        Field {
            name: "appendIndexToConfigMapRefs",
            ty: FieldType::Scalar,
            since: V::V1_5,
            until: None,
        },
        Field {
            name: "appendIndexToSecretRefs",
            ty: FieldType::Scalar,
            since: V::V1_5,
            until: None,
        },
    ],
};

/// `VirtualMachinePoolScaleInStrategy` (pool; v1.6 and later).
pub static VIRTUAL_MACHINE_POOL_SCALE_IN_STRATEGY: TypeDef = TypeDef {
    name: "VirtualMachinePoolScaleInStrategy",
    fields: &[
        Field {
            name: "unmanaged",
            ty: FieldType::Object(&VIRTUAL_MACHINE_POOL_UNMANAGED_STRATEGY),
            since: V::V1_7,
            until: None,
        },
        Field {
            name: "opportunistic",
            ty: FieldType::Object(&VIRTUAL_MACHINE_POOL_OPPORTUNISTIC_SCALE_IN_STRATEGY),
            since: V::V1_7,
            until: None,
        },
        Field {
            name: "proactive",
            ty: FieldType::Object(&VIRTUAL_MACHINE_POOL_PROACTIVE_SCALE_IN_STRATEGY),
            since: V::V1_6,
            until: None,
        },
    ],
};

/// `VirtualMachinePoolUpdateStrategy` (pool; v1.7 and later).
pub static VIRTUAL_MACHINE_POOL_UPDATE_STRATEGY: TypeDef = TypeDef {
    name: "VirtualMachinePoolUpdateStrategy",
    fields: &[
        Field {
            name: "unmanaged",
            ty: FieldType::Object(&VIRTUAL_MACHINE_POOL_UNMANAGED_STRATEGY),
            since: V::V1_7,
            until: None,
        },
        Field {
            name: "opportunistic",
            ty: FieldType::Object(&VIRTUAL_MACHINE_OPPORTUNISTIC_UPDATE_STRATEGY),
            since: V::V1_7,
            until: None,
        },
        Field {
            name: "proactive",
            ty: FieldType::Object(&VIRTUAL_MACHINE_POOL_PROACTIVE_UPDATE_STRATEGY),
            since: V::V1_7,
            until: None,
        },
    ],
};

/// `VirtualMachinePoolAutohealingStrategy` (pool; v1.7 and later).
pub static VIRTUAL_MACHINE_POOL_AUTOHEALING_STRATEGY: TypeDef = TypeDef {
    name: "VirtualMachinePoolAutohealingStrategy",
    fields: &[
        Field {
            name: "startUpFailureThreshold",
            ty: FieldType::Scalar,
            since: V::V1_7,
            until: None,
        },
        Field {
            name: "minFailingToStartDuration",
            ty: FieldType::Scalar,
            since: V::V1_7,
            until: None,
        },
    ],
};

/// `CPUInstancetype` (instancetype; v1.0 and later).
pub static CPU_INSTANCETYPE: TypeDef = TypeDef {
    name: "CPUInstancetype",
    fields: &[
        Field {
            name: "guest",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "model",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "dedicatedCPUPlacement",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "numa",
            ty: FieldType::Object(&NUMA),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "isolateEmulatorThread",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "realtime",
            ty: FieldType::Object(&REALTIME),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "maxSockets",
            ty: FieldType::Scalar,
            since: V::V1_3,
            until: None,
        },
    ],
};

/// `MemoryInstancetype` (instancetype; v1.0 and later).
pub static MEMORY_INSTANCETYPE: TypeDef = TypeDef {
    name: "MemoryInstancetype",
    fields: &[
        Field {
            name: "guest",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "hugepages",
            ty: FieldType::Object(&HUGEPAGES),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "overcommitPercent",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "maxGuest",
            ty: FieldType::Scalar,
            since: V::V1_3,
            until: None,
        },
    ],
};

/// `GPU` (core; v1.0 and later).
pub static GPU: TypeDef = TypeDef {
    name: "GPU",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "deviceName",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "claimName",
            ty: FieldType::Scalar,
            since: V::V1_6,
            until: None,
        },
        Field {
            name: "requestName",
            ty: FieldType::Scalar,
            since: V::V1_6,
            until: None,
        },
        Field {
            name: "virtualGPUOptions",
            ty: FieldType::Object(&VGPU_OPTIONS),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "tag",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `HostDevice` (core; v1.0 and later).
pub static HOST_DEVICE: TypeDef = TypeDef {
    name: "HostDevice",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "deviceName",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "claimName",
            ty: FieldType::Scalar,
            since: V::V1_6,
            until: None,
        },
        Field {
            name: "requestName",
            ty: FieldType::Scalar,
            since: V::V1_6,
            until: None,
        },
        Field {
            name: "tag",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `DiskIOThreads` (core; v1.5 and later).
pub static DISK_IO_THREADS: TypeDef = TypeDef {
    name: "DiskIOThreads",
    fields: &[Field {
        name: "supplementalPoolThreadCount",
        ty: FieldType::Scalar,
        since: V::V1_5,
        until: None,
    }],
};

/// `LaunchSecurity` (core; v1.0 and later).
pub static LAUNCH_SECURITY: TypeDef = TypeDef {
    name: "LaunchSecurity",
    fields: &[
        Field {
            name: "sev",
            ty: FieldType::Object(&SEV),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "snp",
            ty: FieldType::Object(&SEVSNP),
            since: V::V1_7,
            until: None,
        },
        Field {
            name: "tdx",
            ty: FieldType::Object(&TDX),
            since: V::V1_7,
            until: None,
        },
    ],
};

/// `ClockPreferences` (instancetype; v1.0 and later).
pub static CLOCK_PREFERENCES: TypeDef = TypeDef {
    name: "ClockPreferences",
    fields: &[
        Field {
            name: "preferredClockOffset",
            ty: FieldType::Object(&CLOCK_OFFSET),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredTimer",
            ty: FieldType::Object(&TIMER),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `CPUPreferences` (instancetype; v1.0 and later).
pub static CPU_PREFERENCES: TypeDef = TypeDef {
    name: "CPUPreferences",
    fields: &[
        Field {
            name: "preferredCPUTopology",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "spreadOptions",
            ty: FieldType::Object(&SPREAD_OPTIONS),
            since: V::V1_3,
            until: None,
        },
        Field {
            name: "preferredCPUFeatures",
            ty: FieldType::ListOf(&CPU_FEATURE),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `DevicePreferences` (instancetype; v1.0 and later).
pub static DEVICE_PREFERENCES: TypeDef = TypeDef {
    name: "DevicePreferences",
    fields: &[
        Field {
            name: "preferredAutoattachGraphicsDevice",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredAutoattachMemBalloon",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredAutoattachPodInterface",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredAutoattachSerialConsole",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredAutoattachInputDevice",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredDisableHotplug",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredVirtualGPUOptions",
            ty: FieldType::Object(&VGPU_OPTIONS),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredSoundModel",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredUseVirtioTransitional",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredInputBus",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredInputType",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredDiskBus",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredLunBus",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredCdromBus",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredDiskDedicatedIoThread",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredDiskCache",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredDiskIO",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredDiskBlockSize",
            ty: FieldType::Object(&BLOCK_SIZE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredInterfaceModel",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredRng",
            ty: FieldType::Object(&RNG),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredBlockMultiQueue",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredNetworkInterfaceMultiQueue",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredTPM",
            ty: FieldType::Object(&TPM_DEVICE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredInterfaceMasquerade",
            ty: FieldType::Object(&INTERFACE_MASQUERADE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredPanicDeviceModel",
            ty: FieldType::Scalar,
            since: V::V1_6,
            until: None,
        },
        Field {
            name: "preferredVideoType",
            ty: FieldType::Scalar,
            since: V::V1_9,
            until: None,
        },
    ],
};

/// `FeaturePreferences` (instancetype; v1.0 and later).
pub static FEATURE_PREFERENCES: TypeDef = TypeDef {
    name: "FeaturePreferences",
    fields: &[
        Field {
            name: "preferredAcpi",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredApic",
            ty: FieldType::Object(&FEATURE_APIC),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredHyperv",
            ty: FieldType::Object(&FEATURE_HYPERV),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredKvm",
            ty: FieldType::Object(&FEATURE_KVM),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredPvspinlock",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredSmm",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `FirmwarePreferences` (instancetype; v1.0 and later).
pub static FIRMWARE_PREFERENCES: TypeDef = TypeDef {
    name: "FirmwarePreferences",
    fields: &[
        Field {
            name: "preferredUseBios",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredUseBiosSerial",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredUseEfi",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredUseSecureBoot",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "preferredEfi",
            ty: FieldType::Object(&EFI),
            since: V::V1_4,
            until: None,
        },
    ],
};

/// `MachinePreferences` (instancetype; v1.0 and later).
pub static MACHINE_PREFERENCES: TypeDef = TypeDef {
    name: "MachinePreferences",
    fields: &[Field {
        name: "preferredMachineType",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `VolumePreferences` (instancetype; v1.0 and later).
pub static VOLUME_PREFERENCES: TypeDef = TypeDef {
    name: "VolumePreferences",
    fields: &[Field {
        name: "preferredStorageClassName",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `PreferenceRequirements` (instancetype; v1.0 and later).
pub static PREFERENCE_REQUIREMENTS: TypeDef = TypeDef {
    name: "PreferenceRequirements",
    fields: &[
        Field {
            name: "cpu",
            ty: FieldType::Object(&CPU_PREFERENCE_REQUIREMENT),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "memory",
            ty: FieldType::Object(&MEMORY_PREFERENCE_REQUIREMENT),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "architecture",
            ty: FieldType::Scalar,
            since: V::V1_7,
            until: None,
        },
    ],
};

/// `ResourceRequirements` (core; v1.0 and later).
pub static RESOURCE_REQUIREMENTS: TypeDef = TypeDef {
    name: "ResourceRequirements",
    fields: &[
        Field {
            name: "requests",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "limits",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "overcommitGuestOverhead",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `CPU` (core; v1.0 and later).
pub static CPU: TypeDef = TypeDef {
    name: "CPU",
    fields: &[
        Field {
            name: "cores",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "sockets",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "maxSockets",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "threads",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "model",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "features",
            ty: FieldType::ListOf(&CPU_FEATURE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "dedicatedCpuPlacement",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "numa",
            ty: FieldType::Object(&NUMA),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "isolateEmulatorThread",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "realtime",
            ty: FieldType::Object(&REALTIME),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `Memory` (core; v1.0 and later).
pub static MEMORY: TypeDef = TypeDef {
    name: "Memory",
    fields: &[
        Field {
            name: "hugepages",
            ty: FieldType::Object(&HUGEPAGES),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "guest",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "maxGuest",
            ty: FieldType::Scalar,
            since: V::V1_1,
            until: None,
        },
        Field {
            name: "reservedOverhead",
            ty: FieldType::Object(&RESERVED_OVERHEAD),
            since: V::V1_8,
            until: None,
        },
    ],
};

/// `Machine` (core; v1.0 and later).
pub static MACHINE: TypeDef = TypeDef {
    name: "Machine",
    fields: &[Field {
        name: "type",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `Firmware` (core; v1.0 and later).
pub static FIRMWARE: TypeDef = TypeDef {
    name: "Firmware",
    fields: &[
        Field {
            name: "uuid",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "bootloader",
            ty: FieldType::Object(&BOOTLOADER),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "serial",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "kernelBoot",
            ty: FieldType::Object(&KERNEL_BOOT),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "acpi",
            ty: FieldType::Object(&ACPI),
            since: V::V1_2,
            until: None,
        },
    ],
};

/// `Clock` (core; v1.0 and later).
pub static CLOCK: TypeDef = TypeDef {
    name: "Clock",
    fields: &[
        Field {
            name: "utc",
            ty: FieldType::Object(&CLOCK_OFFSET_UTC),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "timezone",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "timer",
            ty: FieldType::Object(&TIMER),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `Features` (core; v1.0 and later).
pub static FEATURES: TypeDef = TypeDef {
    name: "Features",
    fields: &[
        Field {
            name: "acpi",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "apic",
            ty: FieldType::Object(&FEATURE_APIC),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "hypervPassthrough",
            ty: FieldType::Object(&HYPER_V_PASSTHROUGH),
            since: V::V1_3,
            until: None,
        },
        Field {
            name: "hyperv",
            ty: FieldType::Object(&FEATURE_HYPERV),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "smm",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "kvm",
            ty: FieldType::Object(&FEATURE_KVM),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "pvspinlock",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `Devices` (core; v1.0 and later).
pub static DEVICES: TypeDef = TypeDef {
    name: "Devices",
    fields: &[
        Field {
            name: "useVirtioTransitional",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "disableHotplug",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "disks",
            ty: FieldType::ListOf(&DISK),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "watchdog",
            ty: FieldType::Object(&WATCHDOG),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "interfaces",
            ty: FieldType::ListOf(&INTERFACE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "inputs",
            ty: FieldType::ListOf(&INPUT),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "autoattachPodInterface",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "autoattachGraphicsDevice",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "autoattachSerialConsole",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "logSerialConsole",
            ty: FieldType::Scalar,
            since: V::V1_1,
            until: None,
        },
        Field {
            name: "autoattachMemBalloon",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "autoattachInputDevice",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "autoattachVSOCK",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "rng",
            ty: FieldType::Object(&RNG),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "blockMultiQueue",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "networkInterfaceMultiqueue",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "gpus",
            ty: FieldType::ListOf(&GPU),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "downwardMetrics",
            ty: FieldType::Object(&DOWNWARD_METRICS),
            since: V::V1_1,
            until: None,
        },
        Field {
            name: "panicDevices",
            ty: FieldType::ListOf(&PANIC_DEVICE),
            since: V::V1_6,
            until: None,
        },
        Field {
            name: "filesystems",
            ty: FieldType::ListOf(&FILESYSTEM),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "hostDevices",
            ty: FieldType::ListOf(&HOST_DEVICE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "clientPassthrough",
            ty: FieldType::Object(&CLIENT_PASSTHROUGH_DEVICES),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "sound",
            ty: FieldType::Object(&SOUND_DEVICE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "tpm",
            ty: FieldType::Object(&TPM_DEVICE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "video",
            ty: FieldType::Object(&VIDEO_DEVICE),
            since: V::V1_6,
            until: None,
        },
    ],
};

/// `Chassis` (core; v1.0 and later).
pub static CHASSIS: TypeDef = TypeDef {
    name: "Chassis",
    fields: &[
        Field {
            name: "manufacturer",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "version",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "serial",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "asset",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "sku",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `HostDisk` (core; v1.0 and later).
pub static HOST_DISK: TypeDef = TypeDef {
    name: "HostDisk",
    fields: &[
        Field {
            name: "path",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "type",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "capacity",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "shared",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `PersistentVolumeClaimVolumeSource` (core; v1.0 and later).
pub static PERSISTENT_VOLUME_CLAIM_VOLUME_SOURCE: TypeDef = TypeDef {
    name: "PersistentVolumeClaimVolumeSource",
    fields: &[
        Field {
            name: "claimName",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "readOnly",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "hotpluggable",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `CloudInitNoCloudSource` (core; v1.0 and later).
pub static CLOUD_INIT_NO_CLOUD_SOURCE: TypeDef = TypeDef {
    name: "CloudInitNoCloudSource",
    fields: &[
        Field {
            name: "secretRef",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "userDataBase64",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "userData",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "networkDataSecretRef",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "networkDataBase64",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "networkData",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `CloudInitConfigDriveSource` (core; v1.0 and later).
pub static CLOUD_INIT_CONFIG_DRIVE_SOURCE: TypeDef = TypeDef {
    name: "CloudInitConfigDriveSource",
    fields: &[
        Field {
            name: "secretRef",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "userDataBase64",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "userData",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "networkDataSecretRef",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "networkDataBase64",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "networkData",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `SysprepSource` (core; v1.0 and later).
pub static SYSPREP_SOURCE: TypeDef = TypeDef {
    name: "SysprepSource",
    fields: &[
        Field {
            name: "secret",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "configMap",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `ContainerDiskSource` (core; v1.0 and later).
pub static CONTAINER_DISK_SOURCE: TypeDef = TypeDef {
    name: "ContainerDiskSource",
    fields: &[
        Field {
            name: "image",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "imagePullSecret",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "path",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "imagePullPolicy",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `EphemeralVolumeSource` (core; v1.0 and later).
pub static EPHEMERAL_VOLUME_SOURCE: TypeDef = TypeDef {
    name: "EphemeralVolumeSource",
    fields: &[Field {
        name: "persistentVolumeClaim",
        ty: FieldType::Opaque,
        since: V::V1_0,
        until: None,
    }],
};

/// `EmptyDiskSource` (core; v1.0 and later).
pub static EMPTY_DISK_SOURCE: TypeDef = TypeDef {
    name: "EmptyDiskSource",
    fields: &[Field {
        name: "capacity",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `DataVolumeSource` (core; v1.0 and later).
pub static DATA_VOLUME_SOURCE: TypeDef = TypeDef {
    name: "DataVolumeSource",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "hotpluggable",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `ConfigMapVolumeSource` (core; v1.0 and later).
pub static CONFIG_MAP_VOLUME_SOURCE: TypeDef = TypeDef {
    name: "ConfigMapVolumeSource",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "optional",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "volumeLabel",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `SecretVolumeSource` (core; v1.0 and later).
pub static SECRET_VOLUME_SOURCE: TypeDef = TypeDef {
    name: "SecretVolumeSource",
    fields: &[
        Field {
            name: "secretName",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "optional",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "volumeLabel",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `DownwardAPIVolumeSource` (core; v1.0 and later).
pub static DOWNWARD_API_VOLUME_SOURCE: TypeDef = TypeDef {
    name: "DownwardAPIVolumeSource",
    fields: &[
        Field {
            name: "fields",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "volumeLabel",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `ServiceAccountVolumeSource` (core; v1.0 and later).
pub static SERVICE_ACCOUNT_VOLUME_SOURCE: TypeDef = TypeDef {
    name: "ServiceAccountVolumeSource",
    fields: &[Field {
        name: "serviceAccountName",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `DownwardMetricsVolumeSource` (core; v1.0 and later).
pub static DOWNWARD_METRICS_VOLUME_SOURCE: TypeDef = TypeDef {
    name: "DownwardMetricsVolumeSource",
    fields: &[],
};

/// `MemoryDumpVolumeSource` (core; v1.0 and later).
pub static MEMORY_DUMP_VOLUME_SOURCE: TypeDef = TypeDef {
    name: "MemoryDumpVolumeSource",
    fields: &[
        Field {
            name: "claimName",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "readOnly",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "hotpluggable",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `ContainerPathVolumeSource` (core; v1.8 and later).
pub static CONTAINER_PATH_VOLUME_SOURCE: TypeDef = TypeDef {
    name: "ContainerPathVolumeSource",
    fields: &[
        Field {
            name: "path",
            ty: FieldType::Scalar,
            since: V::V1_8,
            until: None,
        },
        Field {
            name: "readOnly",
            ty: FieldType::Scalar,
            since: V::V1_8,
            until: None,
        },
    ],
};

/// `GuestAgentPing` (core; v1.0 and later).
pub static GUEST_AGENT_PING: TypeDef = TypeDef {
    name: "GuestAgentPing",
    fields: &[],
};

/// `PodNetwork` (core; v1.0 and later).
pub static POD_NETWORK: TypeDef = TypeDef {
    name: "PodNetwork",
    fields: &[
        Field {
            name: "vmNetworkCIDR",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "vmIPv6NetworkCIDR",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `MultusNetwork` (core; v1.0 and later).
pub static MULTUS_NETWORK: TypeDef = TypeDef {
    name: "MultusNetwork",
    fields: &[
        Field {
            name: "networkName",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "default",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `ClaimRequest` (core; v1.9 and later).
pub static CLAIM_REQUEST: TypeDef = TypeDef {
    name: "ClaimRequest",
    fields: &[
        Field {
            name: "claimName",
            ty: FieldType::Scalar,
            since: V::V1_9,
            until: None,
        },
        Field {
            name: "requestName",
            ty: FieldType::Scalar,
            since: V::V1_9,
            until: None,
        },
    ],
};

/// `SSHPublicKeyAccessCredential` (core; v1.0 and later).
pub static SSH_PUBLIC_KEY_ACCESS_CREDENTIAL: TypeDef = TypeDef {
    name: "SSHPublicKeyAccessCredential",
    fields: &[
        Field {
            name: "source",
            ty: FieldType::Object(&SSH_PUBLIC_KEY_ACCESS_CREDENTIAL_SOURCE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "propagationMethod",
            ty: FieldType::Object(&SSH_PUBLIC_KEY_ACCESS_CREDENTIAL_PROPAGATION_METHOD),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `UserPasswordAccessCredential` (core; v1.0 and later).
pub static USER_PASSWORD_ACCESS_CREDENTIAL: TypeDef = TypeDef {
    name: "UserPasswordAccessCredential",
    fields: &[
        Field {
            name: "source",
            ty: FieldType::Object(&USER_PASSWORD_ACCESS_CREDENTIAL_SOURCE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "propagationMethod",
            ty: FieldType::Object(&USER_PASSWORD_ACCESS_CREDENTIAL_PROPAGATION_METHOD),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `DataVolumeTemplateDummyStatus` (core; v1.0 and later).
pub static DATA_VOLUME_TEMPLATE_DUMMY_STATUS: TypeDef = TypeDef {
    name: "DataVolumeTemplateDummyStatus",
    fields: &[],
};

/// `VirtualMachinePoolUnmanagedStrategy` (pool; v1.7 and later).
pub static VIRTUAL_MACHINE_POOL_UNMANAGED_STRATEGY: TypeDef = TypeDef {
    name: "VirtualMachinePoolUnmanagedStrategy",
    fields: &[],
};

/// `VirtualMachinePoolOpportunisticScaleInStrategy` (pool; v1.7 and later).
pub static VIRTUAL_MACHINE_POOL_OPPORTUNISTIC_SCALE_IN_STRATEGY: TypeDef = TypeDef {
    name: "VirtualMachinePoolOpportunisticScaleInStrategy",
    fields: &[Field {
        name: "statePreservation",
        ty: FieldType::Scalar,
        since: V::V1_7,
        until: None,
    }],
};

/// `VirtualMachinePoolProactiveScaleInStrategy` (pool; v1.6 and later).
pub static VIRTUAL_MACHINE_POOL_PROACTIVE_SCALE_IN_STRATEGY: TypeDef = TypeDef {
    name: "VirtualMachinePoolProactiveScaleInStrategy",
    fields: &[
        Field {
            name: "selectionPolicy",
            ty: FieldType::Object(&VIRTUAL_MACHINE_POOL_SELECTION_POLICY),
            since: V::V1_6,
            until: None,
        },
        Field {
            name: "statePreservation",
            ty: FieldType::Scalar,
            since: V::V1_7,
            until: None,
        },
    ],
};

/// `VirtualMachineOpportunisticUpdateStrategy` (pool; v1.7 and later).
pub static VIRTUAL_MACHINE_OPPORTUNISTIC_UPDATE_STRATEGY: TypeDef = TypeDef {
    name: "VirtualMachineOpportunisticUpdateStrategy",
    fields: &[],
};

/// `VirtualMachinePoolProactiveUpdateStrategy` (pool; v1.7 and later).
pub static VIRTUAL_MACHINE_POOL_PROACTIVE_UPDATE_STRATEGY: TypeDef = TypeDef {
    name: "VirtualMachinePoolProactiveUpdateStrategy",
    fields: &[Field {
        name: "selectionPolicy",
        ty: FieldType::Object(&VIRTUAL_MACHINE_POOL_SELECTION_POLICY),
        since: V::V1_7,
        until: None,
    }],
};

/// `NUMA` (core; v1.0 and later).
pub static NUMA: TypeDef = TypeDef {
    name: "NUMA",
    fields: &[Field {
        name: "guestMappingPassthrough",
        ty: FieldType::Object(&NUMA_GUEST_MAPPING_PASSTHROUGH),
        since: V::V1_0,
        until: None,
    }],
};

/// `Realtime` (core; v1.0 and later).
pub static REALTIME: TypeDef = TypeDef {
    name: "Realtime",
    fields: &[Field {
        name: "mask",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `Hugepages` (core; v1.0 and later).
pub static HUGEPAGES: TypeDef = TypeDef {
    name: "Hugepages",
    fields: &[Field {
        name: "pageSize",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `VGPUOptions` (core; v1.0 and later).
pub static VGPU_OPTIONS: TypeDef = TypeDef {
    name: "VGPUOptions",
    fields: &[Field {
        name: "display",
        ty: FieldType::Object(&VGPU_DISPLAY_OPTIONS),
        since: V::V1_0,
        until: None,
    }],
};

/// `SEV` (core; v1.0 and later).
pub static SEV: TypeDef = TypeDef {
    name: "SEV",
    fields: &[
        Field {
            name: "policy",
            ty: FieldType::Object(&SEV_POLICY),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "attestation",
            ty: FieldType::Object(&SEV_ATTESTATION),
            since: V::V1_1,
            until: None,
        },
        Field {
            name: "session",
            ty: FieldType::Scalar,
            since: V::V1_1,
            until: None,
        },
        Field {
            name: "dhCert",
            ty: FieldType::Scalar,
            since: V::V1_1,
            until: None,
        },
    ],
};

/// `SEVSNP` (core; v1.7 and later).
pub static SEVSNP: TypeDef = TypeDef {
    name: "SEVSNP",
    fields: &[],
};

/// `TDX` (core; v1.7 and later).
pub static TDX: TypeDef = TypeDef {
    name: "TDX",
    fields: &[],
};

/// `ClockOffset` (core; v1.0 and later).
pub static CLOCK_OFFSET: TypeDef = TypeDef {
    name: "ClockOffset",
    fields: &[
        Field {
            name: "utc",
            ty: FieldType::Object(&CLOCK_OFFSET_UTC),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "timezone",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `Timer` (core; v1.0 and later).
pub static TIMER: TypeDef = TypeDef {
    name: "Timer",
    fields: &[
        Field {
            name: "hpet",
            ty: FieldType::Object(&HPET_TIMER),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "kvm",
            ty: FieldType::Object(&KVM_TIMER),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "pit",
            ty: FieldType::Object(&PIT_TIMER),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "rtc",
            ty: FieldType::Object(&RTC_TIMER),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "hyperv",
            ty: FieldType::Object(&HYPERV_TIMER),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `SpreadOptions` (instancetype; v1.3 and later).
pub static SPREAD_OPTIONS: TypeDef = TypeDef {
    name: "SpreadOptions",
    fields: &[
        Field {
            name: "across",
            ty: FieldType::Scalar,
            since: V::V1_3,
            until: None,
        },
        Field {
            name: "ratio",
            ty: FieldType::Scalar,
            since: V::V1_3,
            until: None,
        },
    ],
};

/// `CPUFeature` (core; v1.0 and later).
pub static CPU_FEATURE: TypeDef = TypeDef {
    name: "CPUFeature",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "policy",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `BlockSize` (core; v1.0 and later).
pub static BLOCK_SIZE: TypeDef = TypeDef {
    name: "BlockSize",
    fields: &[
        Field {
            name: "custom",
            ty: FieldType::Object(&CUSTOM_BLOCK_SIZE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "matchVolume",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `Rng` (core; v1.0 and later).
pub static RNG: TypeDef = TypeDef {
    name: "Rng",
    fields: &[],
};

/// `TPMDevice` (core; v1.0 and later).
pub static TPM_DEVICE: TypeDef = TypeDef {
    name: "TPMDevice",
    fields: &[
        Field {
            name: "enabled",
            ty: FieldType::Scalar,
            since: V::V1_6,
            until: None,
        },
        Field {
            name: "persistent",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `InterfaceMasquerade` (core; v1.0 and later).
pub static INTERFACE_MASQUERADE: TypeDef = TypeDef {
    name: "InterfaceMasquerade",
    fields: &[],
};

/// `FeatureState` (core; v1.0 and later).
pub static FEATURE_STATE: TypeDef = TypeDef {
    name: "FeatureState",
    fields: &[Field {
        name: "enabled",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `FeatureAPIC` (core; v1.0 and later).
pub static FEATURE_APIC: TypeDef = TypeDef {
    name: "FeatureAPIC",
    fields: &[
        Field {
            name: "enabled",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "endOfInterrupt",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `FeatureHyperv` (core; v1.0 and later).
pub static FEATURE_HYPERV: TypeDef = TypeDef {
    name: "FeatureHyperv",
    fields: &[
        Field {
            name: "relaxed",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "vapic",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "spinlocks",
            ty: FieldType::Object(&FEATURE_SPINLOCKS),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "vpindex",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "runtime",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "synic",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "synictimer",
            ty: FieldType::Object(&SY_NIC_TIMER),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "reset",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "vendorid",
            ty: FieldType::Object(&FEATURE_VENDOR_ID),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "frequencies",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "reenlightenment",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "tlbflush",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: Some(V::V1_7),
        },
        Field {
            name: "tlbflush",
            ty: FieldType::Object(&TLB_FLUSH),
            since: V::V1_8,
            until: None,
        },
        Field {
            name: "ipi",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "evmcs",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `FeatureKVM` (core; v1.0 and later).
pub static FEATURE_KVM: TypeDef = TypeDef {
    name: "FeatureKVM",
    fields: &[Field {
        name: "hidden",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `EFI` (core; v1.0 and later).
pub static EFI: TypeDef = TypeDef {
    name: "EFI",
    fields: &[
        Field {
            name: "secureBoot",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "persistent",
            ty: FieldType::Scalar,
            since: V::V1_1,
            until: None,
        },
    ],
};

/// `CPUPreferenceRequirement` (instancetype; v1.0 and later).
pub static CPU_PREFERENCE_REQUIREMENT: TypeDef = TypeDef {
    name: "CPUPreferenceRequirement",
    fields: &[Field {
        name: "guest",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `MemoryPreferenceRequirement` (instancetype; v1.0 and later).
pub static MEMORY_PREFERENCE_REQUIREMENT: TypeDef = TypeDef {
    name: "MemoryPreferenceRequirement",
    fields: &[Field {
        name: "guest",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `ReservedOverhead` (core; v1.8 and later).
pub static RESERVED_OVERHEAD: TypeDef = TypeDef {
    name: "ReservedOverhead",
    fields: &[
        Field {
            name: "addedOverhead",
            ty: FieldType::Scalar,
            since: V::V1_8,
            until: None,
        },
        Field {
            name: "memLock",
            ty: FieldType::Scalar,
            since: V::V1_8,
            until: None,
        },
    ],
};

/// `Bootloader` (core; v1.0 and later).
pub static BOOTLOADER: TypeDef = TypeDef {
    name: "Bootloader",
    fields: &[
        Field {
            name: "bios",
            ty: FieldType::Object(&BIOS),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "efi",
            ty: FieldType::Object(&EFI),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `KernelBoot` (core; v1.0 and later).
pub static KERNEL_BOOT: TypeDef = TypeDef {
    name: "KernelBoot",
    fields: &[
        Field {
            name: "kernelArgs",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "container",
            ty: FieldType::Object(&KERNEL_BOOT_CONTAINER),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `ACPI` (core; v1.2 and later).
pub static ACPI: TypeDef = TypeDef {
    name: "ACPI",
    fields: &[
        Field {
            name: "slicNameRef",
            ty: FieldType::Scalar,
            since: V::V1_2,
            until: None,
        },
        Field {
            name: "msdmNameRef",
            ty: FieldType::Scalar,
            since: V::V1_6,
            until: None,
        },
    ],
};

/// `ClockOffsetUTC` (core; v1.0 and later).
pub static CLOCK_OFFSET_UTC: TypeDef = TypeDef {
    name: "ClockOffsetUTC",
    fields: &[Field {
        name: "offsetSeconds",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `HyperVPassthrough` (core; v1.3 and later).
pub static HYPER_V_PASSTHROUGH: TypeDef = TypeDef {
    name: "HyperVPassthrough",
    fields: &[Field {
        name: "enabled",
        ty: FieldType::Scalar,
        since: V::V1_3,
        until: None,
    }],
};

/// `Disk` (core; v1.0 and later).
pub static DISK: TypeDef = TypeDef {
    name: "Disk",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "disk",
            ty: FieldType::Object(&DISK_TARGET),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "lun",
            ty: FieldType::Object(&LUN_TARGET),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "cdrom",
            ty: FieldType::Object(&CD_ROM_TARGET),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "bootOrder",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "serial",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "dedicatedIOThread",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "cache",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "io",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "tag",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "blockSize",
            ty: FieldType::Object(&BLOCK_SIZE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "shareable",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "errorPolicy",
            ty: FieldType::Scalar,
            since: V::V1_1,
            until: None,
        },
        Field {
            name: "changedBlockTracking",
            ty: FieldType::Scalar,
            since: V::V1_7,
            until: None,
        },
    ],
};

/// `Watchdog` (core; v1.0 and later).
pub static WATCHDOG: TypeDef = TypeDef {
    name: "Watchdog",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "i6300esb",
            ty: FieldType::Object(&I6300_ESB_WATCHDOG),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "diag288",
            ty: FieldType::Object(&DIAG288_WATCHDOG),
            since: V::V1_6,
            until: None,
        },
    ],
};

/// `Interface` (core; v1.0 and later).
pub static INTERFACE: TypeDef = TypeDef {
    name: "Interface",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "model",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "bridge",
            ty: FieldType::Object(&INTERFACE_BRIDGE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "slirp",
            ty: FieldType::Object(&INTERFACE_SLIRP),
            since: V::V1_0,
            until: Some(V::V1_2),
        },
        Field {
            name: "slirp",
            ty: FieldType::Object(&DEPRECATED_INTERFACE_SLIRP),
            since: V::V1_3,
            until: None,
        },
        Field {
            name: "masquerade",
            ty: FieldType::Object(&INTERFACE_MASQUERADE),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "sriov",
            ty: FieldType::Object(&INTERFACE_SRIOV),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "macvtap",
            ty: FieldType::Object(&INTERFACE_MACVTAP),
            since: V::V1_0,
            until: Some(V::V1_2),
        },
        Field {
            name: "macvtap",
            ty: FieldType::Object(&DEPRECATED_INTERFACE_MACVTAP),
            since: V::V1_3,
            until: None,
        },
        Field {
            name: "passt",
            ty: FieldType::Object(&INTERFACE_PASST),
            since: V::V1_0,
            until: Some(V::V1_2),
        },
        Field {
            name: "passt",
            ty: FieldType::Object(&DEPRECATED_INTERFACE_PASST),
            since: V::V1_3,
            until: None,
        },
        Field {
            name: "passtBinding",
            ty: FieldType::Object(&INTERFACE_PASST_BINDING),
            since: V::V1_8,
            until: None,
        },
        Field {
            name: "binding",
            ty: FieldType::Object(&PLUGIN_BINDING),
            since: V::V1_1,
            until: None,
        },
        Field {
            name: "ports",
            ty: FieldType::ListOf(&PORT),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "portRanges",
            ty: FieldType::ListOf(&PORT_RANGE),
            since: V::V1_9,
            until: None,
        },
        Field {
            name: "macAddress",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "bootOrder",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "pciAddress",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "dhcpOptions",
            ty: FieldType::Object(&DHCP_OPTIONS),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "tag",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "acpiIndex",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "state",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `Input` (core; v1.0 and later).
pub static INPUT: TypeDef = TypeDef {
    name: "Input",
    fields: &[
        Field {
            name: "bus",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "type",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `DownwardMetrics` (core; v1.1 and later).
pub static DOWNWARD_METRICS: TypeDef = TypeDef {
    name: "DownwardMetrics",
    fields: &[],
};

/// `PanicDevice` (core; v1.6 and later).
pub static PANIC_DEVICE: TypeDef = TypeDef {
    name: "PanicDevice",
    fields: &[Field {
        name: "model",
        ty: FieldType::Scalar,
        since: V::V1_6,
        until: None,
    }],
};

/// `Filesystem` (core; v1.0 and later).
pub static FILESYSTEM: TypeDef = TypeDef {
    name: "Filesystem",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "virtiofs",
            ty: FieldType::Object(&FILESYSTEM_VIRTIOFS),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `ClientPassthroughDevices` (core; v1.0 and later).
pub static CLIENT_PASSTHROUGH_DEVICES: TypeDef = TypeDef {
    name: "ClientPassthroughDevices",
    fields: &[],
};

/// `SoundDevice` (core; v1.0 and later).
pub static SOUND_DEVICE: TypeDef = TypeDef {
    name: "SoundDevice",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "model",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `VideoDevice` (core; v1.6 and later).
pub static VIDEO_DEVICE: TypeDef = TypeDef {
    name: "VideoDevice",
    fields: &[Field {
        name: "type",
        ty: FieldType::Scalar,
        since: V::V1_6,
        until: None,
    }],
};

/// `SSHPublicKeyAccessCredentialSource` (core; v1.0 and later).
pub static SSH_PUBLIC_KEY_ACCESS_CREDENTIAL_SOURCE: TypeDef = TypeDef {
    name: "SSHPublicKeyAccessCredentialSource",
    fields: &[Field {
        name: "secret",
        ty: FieldType::Object(&ACCESS_CREDENTIAL_SECRET_SOURCE),
        since: V::V1_0,
        until: None,
    }],
};

/// `SSHPublicKeyAccessCredentialPropagationMethod` (core; v1.0 and later).
pub static SSH_PUBLIC_KEY_ACCESS_CREDENTIAL_PROPAGATION_METHOD: TypeDef = TypeDef {
    name: "SSHPublicKeyAccessCredentialPropagationMethod",
    fields: &[
        Field {
            name: "configDrive",
            ty: FieldType::Object(&CONFIG_DRIVE_SSH_PUBLIC_KEY_ACCESS_CREDENTIAL_PROPAGATION),
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "noCloud",
            ty: FieldType::Object(&NO_CLOUD_SSH_PUBLIC_KEY_ACCESS_CREDENTIAL_PROPAGATION),
            since: V::V1_1,
            until: None,
        },
        Field {
            name: "qemuGuestAgent",
            ty: FieldType::Object(&QEMU_GUEST_AGENT_SSH_PUBLIC_KEY_ACCESS_CREDENTIAL_PROPAGATION),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `UserPasswordAccessCredentialSource` (core; v1.0 and later).
pub static USER_PASSWORD_ACCESS_CREDENTIAL_SOURCE: TypeDef = TypeDef {
    name: "UserPasswordAccessCredentialSource",
    fields: &[Field {
        name: "secret",
        ty: FieldType::Object(&ACCESS_CREDENTIAL_SECRET_SOURCE),
        since: V::V1_0,
        until: None,
    }],
};

/// `UserPasswordAccessCredentialPropagationMethod` (core; v1.0 and later).
pub static USER_PASSWORD_ACCESS_CREDENTIAL_PROPAGATION_METHOD: TypeDef = TypeDef {
    name: "UserPasswordAccessCredentialPropagationMethod",
    fields: &[Field {
        name: "qemuGuestAgent",
        ty: FieldType::Object(&QEMU_GUEST_AGENT_USER_PASSWORD_ACCESS_CREDENTIAL_PROPAGATION),
        since: V::V1_0,
        until: None,
    }],
};

/// `VirtualMachinePoolSelectionPolicy` (pool; v1.6 and later).
pub static VIRTUAL_MACHINE_POOL_SELECTION_POLICY: TypeDef = TypeDef {
    name: "VirtualMachinePoolSelectionPolicy",
    fields: &[
        Field {
            name: "sortPolicy",
            ty: FieldType::Scalar,
            since: V::V1_7,
            until: None,
        },
        Field {
            name: "selectors",
            ty: FieldType::Object(&VIRTUAL_MACHINE_POOL_SELECTORS),
            since: V::V1_7,
            until: None,
        },
        Field {
            name: "basePolicy",
            ty: FieldType::Scalar,
            since: V::V1_6,
            until: Some(V::V1_6),
        },
    ],
};

/// `NUMAGuestMappingPassthrough` (core; v1.0 and later).
pub static NUMA_GUEST_MAPPING_PASSTHROUGH: TypeDef = TypeDef {
    name: "NUMAGuestMappingPassthrough",
    fields: &[],
};

/// `VGPUDisplayOptions` (core; v1.0 and later).
pub static VGPU_DISPLAY_OPTIONS: TypeDef = TypeDef {
    name: "VGPUDisplayOptions",
    fields: &[
        Field {
            name: "enabled",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "ramFB",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `SEVPolicy` (core; v1.0 and later).
pub static SEV_POLICY: TypeDef = TypeDef {
    name: "SEVPolicy",
    fields: &[Field {
        name: "encryptedState",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `SEVAttestation` (core; v1.1 and later).
pub static SEV_ATTESTATION: TypeDef = TypeDef {
    name: "SEVAttestation",
    fields: &[],
};

/// `HPETTimer` (core; v1.0 and later).
pub static HPET_TIMER: TypeDef = TypeDef {
    name: "HPETTimer",
    fields: &[
        Field {
            name: "tickPolicy",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "present",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `KVMTimer` (core; v1.0 and later).
pub static KVM_TIMER: TypeDef = TypeDef {
    name: "KVMTimer",
    fields: &[Field {
        name: "present",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `PITTimer` (core; v1.0 and later).
pub static PIT_TIMER: TypeDef = TypeDef {
    name: "PITTimer",
    fields: &[
        Field {
            name: "tickPolicy",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "present",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `RTCTimer` (core; v1.0 and later).
pub static RTC_TIMER: TypeDef = TypeDef {
    name: "RTCTimer",
    fields: &[
        Field {
            name: "tickPolicy",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "present",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "track",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `HypervTimer` (core; v1.0 and later).
pub static HYPERV_TIMER: TypeDef = TypeDef {
    name: "HypervTimer",
    fields: &[Field {
        name: "present",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `CustomBlockSize` (core; v1.0 and later).
pub static CUSTOM_BLOCK_SIZE: TypeDef = TypeDef {
    name: "CustomBlockSize",
    fields: &[
        Field {
            name: "logical",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "physical",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "discardGranularity",
            ty: FieldType::Scalar,
            since: V::V1_7,
            until: None,
        },
    ],
};

/// `FeatureSpinlocks` (core; v1.0 and later).
pub static FEATURE_SPINLOCKS: TypeDef = TypeDef {
    name: "FeatureSpinlocks",
    fields: &[
        Field {
            name: "enabled",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "spinlocks",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `SyNICTimer` (core; v1.0 and later).
pub static SY_NIC_TIMER: TypeDef = TypeDef {
    name: "SyNICTimer",
    fields: &[
        Field {
            name: "enabled",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "direct",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `FeatureVendorID` (core; v1.0 and later).
pub static FEATURE_VENDOR_ID: TypeDef = TypeDef {
    name: "FeatureVendorID",
    fields: &[
        Field {
            name: "enabled",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "vendorid",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `TLBFlush` (core; v1.8 and later).
pub static TLB_FLUSH: TypeDef = TypeDef {
    name: "TLBFlush",
    fields: &[
        Field {
            name: "enabled",
            ty: FieldType::Scalar,
            since: V::V1_8,
            until: None,
        },
        Field {
            name: "direct",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_8,
            until: None,
        },
        Field {
            name: "extended",
            ty: FieldType::Object(&FEATURE_STATE),
            since: V::V1_8,
            until: None,
        },
    ],
};

/// `BIOS` (core; v1.0 and later).
pub static BIOS: TypeDef = TypeDef {
    name: "BIOS",
    fields: &[Field {
        name: "useSerial",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `KernelBootContainer` (core; v1.0 and later).
pub static KERNEL_BOOT_CONTAINER: TypeDef = TypeDef {
    name: "KernelBootContainer",
    fields: &[
        Field {
            name: "image",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "imagePullSecret",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "imagePullPolicy",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "kernelPath",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "initrdPath",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `DiskTarget` (core; v1.0 and later).
pub static DISK_TARGET: TypeDef = TypeDef {
    name: "DiskTarget",
    fields: &[
        Field {
            name: "bus",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "readonly",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "pciAddress",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `LunTarget` (core; v1.0 and later).
pub static LUN_TARGET: TypeDef = TypeDef {
    name: "LunTarget",
    fields: &[
        Field {
            name: "bus",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "readonly",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "reservation",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `CDRomTarget` (core; v1.0 and later).
pub static CD_ROM_TARGET: TypeDef = TypeDef {
    name: "CDRomTarget",
    fields: &[
        Field {
            name: "bus",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "readonly",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "tray",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `I6300ESBWatchdog` (core; v1.0 and later).
pub static I6300_ESB_WATCHDOG: TypeDef = TypeDef {
    name: "I6300ESBWatchdog",
    fields: &[Field {
        name: "action",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `Diag288Watchdog` (core; v1.6 and later).
pub static DIAG288_WATCHDOG: TypeDef = TypeDef {
    name: "Diag288Watchdog",
    fields: &[Field {
        name: "action",
        ty: FieldType::Scalar,
        since: V::V1_6,
        until: None,
    }],
};

/// `InterfaceBridge` (core; v1.0 and later).
pub static INTERFACE_BRIDGE: TypeDef = TypeDef {
    name: "InterfaceBridge",
    fields: &[],
};

/// `DeprecatedInterfaceSlirp` (core; v1.3 and later).
pub static DEPRECATED_INTERFACE_SLIRP: TypeDef = TypeDef {
    name: "DeprecatedInterfaceSlirp",
    fields: &[],
};

/// `InterfaceSRIOV` (core; v1.0 and later).
pub static INTERFACE_SRIOV: TypeDef = TypeDef {
    name: "InterfaceSRIOV",
    fields: &[],
};

/// `DeprecatedInterfaceMacvtap` (core; v1.3 and later).
pub static DEPRECATED_INTERFACE_MACVTAP: TypeDef = TypeDef {
    name: "DeprecatedInterfaceMacvtap",
    fields: &[],
};

/// `DeprecatedInterfacePasst` (core; v1.3 and later).
pub static DEPRECATED_INTERFACE_PASST: TypeDef = TypeDef {
    name: "DeprecatedInterfacePasst",
    fields: &[],
};

/// `InterfacePasstBinding` (core; v1.8 and later).
pub static INTERFACE_PASST_BINDING: TypeDef = TypeDef {
    name: "InterfacePasstBinding",
    fields: &[],
};

/// `PluginBinding` (core; v1.1 and later).
pub static PLUGIN_BINDING: TypeDef = TypeDef {
    name: "PluginBinding",
    fields: &[Field {
        name: "name",
        ty: FieldType::Scalar,
        since: V::V1_1,
        until: None,
    }],
};

/// `Port` (core; v1.0 and later).
pub static PORT: TypeDef = TypeDef {
    name: "Port",
    fields: &[
        Field {
            name: "name",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "protocol",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "port",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `PortRange` (core; v1.9 and later).
pub static PORT_RANGE: TypeDef = TypeDef {
    name: "PortRange",
    fields: &[
        Field {
            name: "protocol",
            ty: FieldType::Scalar,
            since: V::V1_9,
            until: None,
        },
        Field {
            name: "start",
            ty: FieldType::Scalar,
            since: V::V1_9,
            until: None,
        },
        Field {
            name: "end",
            ty: FieldType::Scalar,
            since: V::V1_9,
            until: None,
        },
    ],
};

/// `DHCPOptions` (core; v1.0 and later).
pub static DHCP_OPTIONS: TypeDef = TypeDef {
    name: "DHCPOptions",
    fields: &[
        Field {
            name: "bootFileName",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "tftpServerName",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "ntpServers",
            ty: FieldType::Opaque,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "privateOptions",
            ty: FieldType::ListOf(&DHCP_PRIVATE_OPTIONS),
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `FilesystemVirtiofs` (core; v1.0 and later).
pub static FILESYSTEM_VIRTIOFS: TypeDef = TypeDef {
    name: "FilesystemVirtiofs",
    fields: &[],
};

/// `AccessCredentialSecretSource` (core; v1.0 and later).
pub static ACCESS_CREDENTIAL_SECRET_SOURCE: TypeDef = TypeDef {
    name: "AccessCredentialSecretSource",
    fields: &[Field {
        name: "secretName",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: None,
    }],
};

/// `ConfigDriveSSHPublicKeyAccessCredentialPropagation` (core; v1.0 and later).
pub static CONFIG_DRIVE_SSH_PUBLIC_KEY_ACCESS_CREDENTIAL_PROPAGATION: TypeDef = TypeDef {
    name: "ConfigDriveSSHPublicKeyAccessCredentialPropagation",
    fields: &[],
};

/// `NoCloudSSHPublicKeyAccessCredentialPropagation` (core; v1.1 and later).
pub static NO_CLOUD_SSH_PUBLIC_KEY_ACCESS_CREDENTIAL_PROPAGATION: TypeDef = TypeDef {
    name: "NoCloudSSHPublicKeyAccessCredentialPropagation",
    fields: &[],
};

/// `QemuGuestAgentSSHPublicKeyAccessCredentialPropagation` (core; v1.0 and later).
pub static QEMU_GUEST_AGENT_SSH_PUBLIC_KEY_ACCESS_CREDENTIAL_PROPAGATION: TypeDef = TypeDef {
    name: "QemuGuestAgentSSHPublicKeyAccessCredentialPropagation",
    fields: &[Field {
        name: "users",
        ty: FieldType::Opaque,
        since: V::V1_0,
        until: None,
    }],
};

/// `QemuGuestAgentUserPasswordAccessCredentialPropagation` (core; v1.0 and later).
pub static QEMU_GUEST_AGENT_USER_PASSWORD_ACCESS_CREDENTIAL_PROPAGATION: TypeDef = TypeDef {
    name: "QemuGuestAgentUserPasswordAccessCredentialPropagation",
    fields: &[],
};

/// `VirtualMachinePoolSelectors` (pool; v1.7 and later).
pub static VIRTUAL_MACHINE_POOL_SELECTORS: TypeDef = TypeDef {
    name: "VirtualMachinePoolSelectors",
    fields: &[
        Field {
            name: "labelSelector",
            ty: FieldType::Opaque,
            since: V::V1_7,
            until: None,
        },
        Field {
            name: "nodeSelectorRequirementMatcher",
            ty: FieldType::Opaque,
            since: V::V1_7,
            until: None,
        },
    ],
};

/// `DHCPPrivateOptions` (core; v1.0 and later).
pub static DHCP_PRIVATE_OPTIONS: TypeDef = TypeDef {
    name: "DHCPPrivateOptions",
    fields: &[
        Field {
            name: "option",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
        Field {
            name: "value",
            ty: FieldType::Scalar,
            since: V::V1_0,
            until: None,
        },
    ],
};

/// `InterfaceSlirp` (core; v1.0 to v1.2).
pub static INTERFACE_SLIRP: TypeDef = TypeDef {
    name: "InterfaceSlirp",
    fields: &[],
};

/// `InterfaceMacvtap` (core; v1.0 to v1.2).
pub static INTERFACE_MACVTAP: TypeDef = TypeDef {
    name: "InterfaceMacvtap",
    fields: &[],
};

/// `InterfacePasst` (core; v1.0 to v1.2).
pub static INTERFACE_PASST: TypeDef = TypeDef {
    name: "InterfacePasst",
    fields: &[],
};

/// `LiveUpdateFeatures` (core; v1.0 to v1.1).
pub static LIVE_UPDATE_FEATURES: TypeDef = TypeDef {
    name: "LiveUpdateFeatures",
    fields: &[
        Field {
            name: "cpu",
            ty: FieldType::Object(&LIVE_UPDATE_CPU),
            since: V::V1_0,
            until: Some(V::V1_1),
        },
        Field {
            name: "affinity",
            ty: FieldType::Object(&LIVE_UPDATE_AFFINITY),
            since: V::V1_1,
            until: Some(V::V1_1),
        },
        Field {
            name: "memory",
            ty: FieldType::Object(&LIVE_UPDATE_MEMORY),
            since: V::V1_1,
            until: Some(V::V1_1),
        },
    ],
};

/// `LiveUpdateCPU` (core; v1.0 to v1.1).
pub static LIVE_UPDATE_CPU: TypeDef = TypeDef {
    name: "LiveUpdateCPU",
    fields: &[Field {
        name: "maxSockets",
        ty: FieldType::Scalar,
        since: V::V1_0,
        until: Some(V::V1_1),
    }],
};

/// `LiveUpdateAffinity` (core; v1.1 to v1.1).
pub static LIVE_UPDATE_AFFINITY: TypeDef = TypeDef {
    name: "LiveUpdateAffinity",
    fields: &[],
};

/// `LiveUpdateMemory` (core; v1.1 to v1.1).
pub static LIVE_UPDATE_MEMORY: TypeDef = TypeDef {
    name: "LiveUpdateMemory",
    fields: &[Field {
        name: "maxGuest",
        ty: FieldType::Scalar,
        since: V::V1_1,
        until: Some(V::V1_1),
    }],
};

/// Every emitted type, roots first, then breadth-first from them.
pub static ALL_TYPES: &[&TypeDef] = &[
    &VIRTUAL_MACHINE_INSTANCE_SPEC,
    &VIRTUAL_MACHINE_SPEC,
    &VIRTUAL_MACHINE_INSTANCE_REPLICA_SET_SPEC,
    &VIRTUAL_MACHINE_POOL_SPEC,
    &VIRTUAL_MACHINE_INSTANCETYPE_SPEC,
    &VIRTUAL_MACHINE_PREFERENCE_SPEC,
    &DOMAIN_SPEC,
    &VOLUME,
    &PROBE,
    &NETWORK,
    &ACCESS_CREDENTIAL,
    &VIRTUAL_MACHINE_INSTANCE_RESOURCE_CLAIM,
    &UTILITY_VOLUME,
    &INSTANCETYPE_MATCHER,
    &PREFERENCE_MATCHER,
    &VIRTUAL_MACHINE_INSTANCE_TEMPLATE_SPEC,
    &DATA_VOLUME_TEMPLATE_SPEC,
    &VIRTUAL_MACHINE_TEMPLATE_SPEC,
    &VIRTUAL_MACHINE_POOL_NAME_GENERATION,
    &VIRTUAL_MACHINE_POOL_SCALE_IN_STRATEGY,
    &VIRTUAL_MACHINE_POOL_UPDATE_STRATEGY,
    &VIRTUAL_MACHINE_POOL_AUTOHEALING_STRATEGY,
    &CPU_INSTANCETYPE,
    &MEMORY_INSTANCETYPE,
    &GPU,
    &HOST_DEVICE,
    &DISK_IO_THREADS,
    &LAUNCH_SECURITY,
    &CLOCK_PREFERENCES,
    &CPU_PREFERENCES,
    &DEVICE_PREFERENCES,
    &FEATURE_PREFERENCES,
    &FIRMWARE_PREFERENCES,
    &MACHINE_PREFERENCES,
    &VOLUME_PREFERENCES,
    &PREFERENCE_REQUIREMENTS,
    &RESOURCE_REQUIREMENTS,
    &CPU,
    &MEMORY,
    &MACHINE,
    &FIRMWARE,
    &CLOCK,
    &FEATURES,
    &DEVICES,
    &CHASSIS,
    &HOST_DISK,
    &PERSISTENT_VOLUME_CLAIM_VOLUME_SOURCE,
    &CLOUD_INIT_NO_CLOUD_SOURCE,
    &CLOUD_INIT_CONFIG_DRIVE_SOURCE,
    &SYSPREP_SOURCE,
    &CONTAINER_DISK_SOURCE,
    &EPHEMERAL_VOLUME_SOURCE,
    &EMPTY_DISK_SOURCE,
    &DATA_VOLUME_SOURCE,
    &CONFIG_MAP_VOLUME_SOURCE,
    &SECRET_VOLUME_SOURCE,
    &DOWNWARD_API_VOLUME_SOURCE,
    &SERVICE_ACCOUNT_VOLUME_SOURCE,
    &DOWNWARD_METRICS_VOLUME_SOURCE,
    &MEMORY_DUMP_VOLUME_SOURCE,
    &CONTAINER_PATH_VOLUME_SOURCE,
    &GUEST_AGENT_PING,
    &POD_NETWORK,
    &MULTUS_NETWORK,
    &CLAIM_REQUEST,
    &SSH_PUBLIC_KEY_ACCESS_CREDENTIAL,
    &USER_PASSWORD_ACCESS_CREDENTIAL,
    &DATA_VOLUME_TEMPLATE_DUMMY_STATUS,
    &VIRTUAL_MACHINE_POOL_UNMANAGED_STRATEGY,
    &VIRTUAL_MACHINE_POOL_OPPORTUNISTIC_SCALE_IN_STRATEGY,
    &VIRTUAL_MACHINE_POOL_PROACTIVE_SCALE_IN_STRATEGY,
    &VIRTUAL_MACHINE_OPPORTUNISTIC_UPDATE_STRATEGY,
    &VIRTUAL_MACHINE_POOL_PROACTIVE_UPDATE_STRATEGY,
    &NUMA,
    &REALTIME,
    &HUGEPAGES,
    &VGPU_OPTIONS,
    &SEV,
    &SEVSNP,
    &TDX,
    &CLOCK_OFFSET,
    &TIMER,
    &SPREAD_OPTIONS,
    &CPU_FEATURE,
    &BLOCK_SIZE,
    &RNG,
    &TPM_DEVICE,
    &INTERFACE_MASQUERADE,
    &FEATURE_STATE,
    &FEATURE_APIC,
    &FEATURE_HYPERV,
    &FEATURE_KVM,
    &EFI,
    &CPU_PREFERENCE_REQUIREMENT,
    &MEMORY_PREFERENCE_REQUIREMENT,
    &RESERVED_OVERHEAD,
    &BOOTLOADER,
    &KERNEL_BOOT,
    &ACPI,
    &CLOCK_OFFSET_UTC,
    &HYPER_V_PASSTHROUGH,
    &DISK,
    &WATCHDOG,
    &INTERFACE,
    &INPUT,
    &DOWNWARD_METRICS,
    &PANIC_DEVICE,
    &FILESYSTEM,
    &CLIENT_PASSTHROUGH_DEVICES,
    &SOUND_DEVICE,
    &VIDEO_DEVICE,
    &SSH_PUBLIC_KEY_ACCESS_CREDENTIAL_SOURCE,
    &SSH_PUBLIC_KEY_ACCESS_CREDENTIAL_PROPAGATION_METHOD,
    &USER_PASSWORD_ACCESS_CREDENTIAL_SOURCE,
    &USER_PASSWORD_ACCESS_CREDENTIAL_PROPAGATION_METHOD,
    &VIRTUAL_MACHINE_POOL_SELECTION_POLICY,
    &NUMA_GUEST_MAPPING_PASSTHROUGH,
    &VGPU_DISPLAY_OPTIONS,
    &SEV_POLICY,
    &SEV_ATTESTATION,
    &HPET_TIMER,
    &KVM_TIMER,
    &PIT_TIMER,
    &RTC_TIMER,
    &HYPERV_TIMER,
    &CUSTOM_BLOCK_SIZE,
    &FEATURE_SPINLOCKS,
    &SY_NIC_TIMER,
    &FEATURE_VENDOR_ID,
    &TLB_FLUSH,
    &BIOS,
    &KERNEL_BOOT_CONTAINER,
    &DISK_TARGET,
    &LUN_TARGET,
    &CD_ROM_TARGET,
    &I6300_ESB_WATCHDOG,
    &DIAG288_WATCHDOG,
    &INTERFACE_BRIDGE,
    &DEPRECATED_INTERFACE_SLIRP,
    &INTERFACE_SRIOV,
    &DEPRECATED_INTERFACE_MACVTAP,
    &DEPRECATED_INTERFACE_PASST,
    &INTERFACE_PASST_BINDING,
    &PLUGIN_BINDING,
    &PORT,
    &PORT_RANGE,
    &DHCP_OPTIONS,
    &FILESYSTEM_VIRTIOFS,
    &ACCESS_CREDENTIAL_SECRET_SOURCE,
    &CONFIG_DRIVE_SSH_PUBLIC_KEY_ACCESS_CREDENTIAL_PROPAGATION,
    &NO_CLOUD_SSH_PUBLIC_KEY_ACCESS_CREDENTIAL_PROPAGATION,
    &QEMU_GUEST_AGENT_SSH_PUBLIC_KEY_ACCESS_CREDENTIAL_PROPAGATION,
    &QEMU_GUEST_AGENT_USER_PASSWORD_ACCESS_CREDENTIAL_PROPAGATION,
    &VIRTUAL_MACHINE_POOL_SELECTORS,
    &DHCP_PRIVATE_OPTIONS,
    &INTERFACE_SLIRP,
    &INTERFACE_MACVTAP,
    &INTERFACE_PASST,
    &LIVE_UPDATE_FEATURES,
    &LIVE_UPDATE_CPU,
    &LIVE_UPDATE_AFFINITY,
    &LIVE_UPDATE_MEMORY,
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows a dotted path of object keys from `root`, each present in `v`.
    fn path(root: &'static TypeDef, dotted: &str, v: KubeVirtVersion) -> Option<&'static Field> {
        let mut ty = root;
        let mut field = None;
        for key in dotted.split('.') {
            let f = ty.field(key, v)?;
            field = Some(f);
            if let Some(next) = f.ty.type_def() {
                ty = next;
            }
        }
        field
    }

    fn vmi(dotted: &str, v: KubeVirtVersion) -> Option<&'static Field> {
        path(&VIRTUAL_MACHINE_INSTANCE_SPEC, dotted, v)
    }

    fn first_version(dotted: &str) -> Option<KubeVirtVersion> {
        KubeVirtVersion::ALL
            .into_iter()
            .find(|v| vmi(dotted, *v).is_some())
    }

    #[test]
    fn density_keys_exist_in_every_version() {
        for v in KubeVirtVersion::ALL {
            for key in [
                "domain.devices.autoattachGraphicsDevice",
                "domain.devices.autoattachMemBalloon",
                "domain.resources.overcommitGuestOverhead",
                "domain.resources.requests",
                "domain.resources.limits",
                "domain.memory.guest",
                "domain.memory.hugepages.pageSize",
                "domain.cpu.dedicatedCpuPlacement",
                "domain.launchSecurity.sev",
                "domain.ioThreadsPolicy",
                "domain.devices.tpm",
            ] {
                assert!(vmi(key, v).is_some(), "{key} in {v}");
            }
        }
    }

    #[test]
    fn version_boundaries() {
        // Verified against schema.go at the v1.N.0 tags: Memory.ReservedOverhead was added in
        // v1.8, Devices.Video in v1.6, LaunchSecurity.SNP in v1.7, Memory.MaxGuest in v1.1,
        // TPMDevice.Enabled in v1.6, DomainSpec.IOThreads in v1.5, Interface.PasstBinding in
        // v1.8; VirtualMachineSpec.liveUpdateFeatures existed only in v1.0 and v1.1.
        assert_eq!(
            first_version("domain.memory.reservedOverhead.addedOverhead"),
            Some(KubeVirtVersion::V1_8)
        );
        assert_eq!(
            first_version("domain.devices.video"),
            Some(KubeVirtVersion::V1_6)
        );
        assert_eq!(
            first_version("domain.devices.video.type"),
            Some(KubeVirtVersion::V1_6)
        );
        assert_eq!(
            first_version("domain.launchSecurity.snp"),
            Some(KubeVirtVersion::V1_7)
        );
        assert_eq!(
            first_version("domain.memory.maxGuest"),
            Some(KubeVirtVersion::V1_1)
        );
        assert_eq!(
            first_version("domain.devices.tpm.enabled"),
            Some(KubeVirtVersion::V1_6)
        );
        assert_eq!(
            first_version("domain.ioThreads.supplementalPoolThreadCount"),
            Some(KubeVirtVersion::V1_5)
        );
        assert_eq!(
            first_version("domain.devices.interfaces.passtBinding"),
            Some(KubeVirtVersion::V1_8)
        );
        let live_update = VIRTUAL_MACHINE_SPEC
            .field_any_version("liveUpdateFeatures")
            .unwrap();
        assert_eq!(live_update.since, KubeVirtVersion::V1_0);
        assert_eq!(live_update.until, Some(KubeVirtVersion::V1_1));
        assert!(!live_update.exists_in(KubeVirtVersion::V1_2));
        // Present in the type but never in an older version.
        assert!(vmi("domain.memory.reservedOverhead", KubeVirtVersion::V1_7).is_none());
        assert!(vmi("domain.memory.reservedOverhead", KubeVirtVersion::Main).is_some());
    }

    #[test]
    fn version_range_spans_type_changes() {
        let claims = VIRTUAL_MACHINE_INSTANCE_SPEC.version_range("resourceClaims");
        assert_eq!(claims, Some((KubeVirtVersion::V1_6, None)));
        assert_eq!(
            VIRTUAL_MACHINE_SPEC.version_range("liveUpdateFeatures"),
            Some((KubeVirtVersion::V1_0, Some(KubeVirtVersion::V1_1)))
        );
        assert_eq!(DOMAIN_SPEC.version_range("overcommitGuestOverhead"), None);
        // The runs of one key touch: no version is skipped between its first and last.
        for ty in ALL_TYPES {
            for f in ty.fields {
                let (since, until) = ty.version_range(f.name).unwrap();
                for v in KubeVirtVersion::ALL {
                    let inside = since <= v && until.is_none_or(|u| v <= u);
                    assert_eq!(
                        inside,
                        ty.field(f.name, v).is_some(),
                        "{}.{} {v}",
                        ty.name,
                        f.name
                    );
                }
            }
        }
    }

    #[test]
    fn field_types() {
        let v = KubeVirtVersion::LATEST_RELEASE;
        let domain = vmi("domain", v).unwrap();
        assert_eq!(domain.ty, FieldType::Object(&DOMAIN_SPEC));
        assert_eq!(
            vmi("domain.resources.requests", v).unwrap().ty,
            FieldType::Opaque
        );
        assert_eq!(vmi("domain.memory.guest", v).unwrap().ty, FieldType::Scalar);
        assert_eq!(
            vmi("domain.devices.interfaces", v).unwrap().ty,
            FieldType::ListOf(&INTERFACE)
        );
        assert_eq!(vmi("affinity", v).unwrap().ty, FieldType::Opaque);
        assert_eq!(
            vmi("livenessProbe", v).unwrap().ty,
            FieldType::Object(&PROBE)
        );
        // Embedded types are flattened: Disk embeds DiskDevice, Volume embeds VolumeSource,
        // ConfigMapVolumeSource embeds core/v1 LocalObjectReference.
        assert!(DISK.field("disk", v).is_some());
        assert!(VOLUME.field("containerDisk", v).is_some());
        assert!(CONFIG_MAP_VOLUME_SOURCE.field("name", v).is_some());
    }

    #[test]
    fn misplaced_and_misspelled_keys_are_unknown() {
        for v in KubeVirtVersion::ALL {
            assert!(DOMAIN_SPEC.field("overcommitGuestOverhead", v).is_none());
            assert!(RESOURCE_REQUIREMENTS.field("guest", v).is_none());
            assert!(MEMORY.field("overcommitGuestOverhead", v).is_none());
        }
        assert!(
            DOMAIN_SPEC
                .field_any_version("overcommitGuestOverhead")
                .is_none()
        );
        for ty in ALL_TYPES {
            assert!(
                ty.field_any_version("autottachGraphicsDevice").is_none(),
                "{}",
                ty.name
            );
        }
    }

    #[test]
    fn vm_template_leads_to_the_vmi_spec() {
        let v = KubeVirtVersion::LATEST_RELEASE;
        let template = VIRTUAL_MACHINE_SPEC.field("template", v).unwrap();
        let template = template.ty.type_def().unwrap();
        assert_eq!(template.field("metadata", v).unwrap().ty, FieldType::Opaque);
        assert_eq!(
            template.field("spec", v).unwrap().ty,
            FieldType::Object(&VIRTUAL_MACHINE_INSTANCE_SPEC)
        );
        for key in ["running", "runStrategy", "instancetype", "preference"] {
            assert!(VIRTUAL_MACHINE_SPEC.field(key, v).is_some(), "{key}");
        }
        let pool = VIRTUAL_MACHINE_POOL_SPEC
            .field("virtualMachineTemplate", v)
            .unwrap();
        let pool_template = pool.ty.type_def().unwrap();
        assert_eq!(
            pool_template.field("spec", v).unwrap().ty,
            FieldType::Object(&VIRTUAL_MACHINE_SPEC)
        );
        let replica_template = VIRTUAL_MACHINE_INSTANCE_REPLICA_SET_SPEC
            .field("template", v)
            .unwrap();
        assert_eq!(replica_template.ty, template_type());
    }

    fn template_type() -> FieldType {
        VIRTUAL_MACHINE_SPEC
            .field("template", KubeVirtVersion::LATEST_RELEASE)
            .unwrap()
            .ty
    }

    #[test]
    fn instancetype_and_preference_keys() {
        let v = KubeVirtVersion::LATEST_RELEASE;
        let memory = VIRTUAL_MACHINE_INSTANCETYPE_SPEC
            .field("memory", v)
            .unwrap();
        let memory = memory.ty.type_def().unwrap();
        for key in ["guest", "hugepages", "overcommitPercent", "maxGuest"] {
            assert!(memory.field(key, v).is_some(), "{key}");
        }
        let devices = VIRTUAL_MACHINE_PREFERENCE_SPEC.field("devices", v).unwrap();
        let devices = devices.ty.type_def().unwrap();
        assert!(
            devices
                .field("preferredAutoattachGraphicsDevice", v)
                .is_some()
        );
    }

    #[test]
    fn every_version_range_is_ordered_and_names_are_unique() {
        for ty in ALL_TYPES {
            for f in ty.fields {
                assert!(
                    f.until.is_none_or(|u| f.since <= u),
                    "{}.{}",
                    ty.name,
                    f.name
                );
                let overlapping = ty
                    .fields
                    .iter()
                    .filter(|g| g.name == f.name)
                    .filter(|g| {
                        KubeVirtVersion::ALL
                            .iter()
                            .any(|v| f.exists_in(*v) && g.exists_in(*v))
                    })
                    .count();
                assert_eq!(overlapping, 1, "{}.{}", ty.name, f.name);
            }
            assert!(
                ALL_TYPES.iter().filter(|t| t.name == ty.name).count() == 1,
                "{}",
                ty.name
            );
            assert_eq!(type_named(ty.name), Some(*ty));
        }
    }
}
