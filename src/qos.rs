//! Kubernetes' pod-level resource rules that decide how a pod is treated on a node: the QoS
//! class (`ComputePodQOS`), the pod's effective requests (`PodRequests`), the OOM score the
//! kubelet gives each container, the swap a container gets under `LimitedSwap`, and the order in
//! which the kubelet evicts pods under memory pressure (SPEC §5.2 steps 8–9, §5.3).
//!
//! This module is pure: it does no I/O and knows nothing about KubeVirt. Callers describe a pod
//! with [`PodSpecView`] (containers, pod-level resources, overhead) and get Kubernetes' answer.
//!
//! # Sources
//!
//! Checked against Kubernetes as of `kubernetes-1.37.0-beta.0` / master (July 2026), the newest
//! release being `kubernetes-1.36.3`:
//!
//! * QoS: `pkg/apis/core/v1/helper/qos/qos.go` and kubectl's `pkg/util/qos/qos.go`
//!   (`ComputePodQOS`, `requirementsQOS`, `resourceQOS`; the summation rule up to 1.36);
//! * requests: `staging/src/k8s.io/component-helpers/resource/helpers.go` (`PodRequests`,
//!   `AggregateContainerRequests`, `IsPodLevelResourcesSet`, `IsPodLevelRequestsSet`) and
//!   `pkg/api/v1/resource/helpers.go` (`GetResourceRequestQuantity`, used by eviction);
//! * defaulting: `pkg/apis/core/v1/defaults.go` (`SetDefaults_Pod`);
//! * OOM score: `pkg/kubelet/qos/policy.go` (`GetContainerOOMScoreAdjust`,
//!   `minRegularContainerMemory`, `remainingPodMemReqPerContainer`);
//! * swap: `pkg/kubelet/kuberuntime/kuberuntime_container_linux.go`
//!   (`GetContainerSwapBehavior`, `calcSwapForBurstablePods`) and
//!   `pkg/kubelet/util/swap/limit_calculator.go`;
//! * eviction: `pkg/kubelet/eviction/helpers.go` (`rankMemoryPressure`).
//!
//! # Arithmetic
//!
//! Quantities are exact ([`Quantity`]). Byte counts are `i64` like Go's `Value()` (rounded up);
//! intermediate products are computed in `i128` so that no input can overflow or panic, where Go
//! would silently wrap on absurd (petabyte-scale) inputs.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::quantity::{Format, Quantity};

/// Resource name → quantity, as in a container's `resources.requests` (Go's `v1.ResourceList`).
pub type ResourceList = BTreeMap<String, Quantity>;

/// The `cpu` resource name.
pub const CPU: &str = "cpu";
/// The `memory` resource name.
pub const MEMORY: &str = "memory";
/// Prefix of the hugepages resource names (`hugepages-2Mi`, `hugepages-1Gi`).
pub const HUGEPAGES_PREFIX: &str = "hugepages-";

/// The only resources that count for QoS (`supportedQoSComputeResources` in qos.go).
const QOS_RESOURCES: [&str; 2] = [CPU, MEMORY];

/// oom_score_adj of Guaranteed and node-critical containers (`guaranteedOOMScoreAdj`).
pub const GUARANTEED_OOM_SCORE_ADJ: i64 = -997;
/// oom_score_adj of BestEffort containers (`besteffortOOMScoreAdj`).
pub const BEST_EFFORT_OOM_SCORE_ADJ: i64 = 1000;
/// Lowest oom_score_adj a Burstable container gets: `1000 + guaranteedOOMScoreAdj`.
pub const BURSTABLE_MIN_OOM_SCORE_ADJ: i64 = 1000 + GUARANTEED_OOM_SCORE_ADJ;
/// Highest oom_score_adj a Burstable container gets: one below BestEffort.
pub const BURSTABLE_MAX_OOM_SCORE_ADJ: i64 = BEST_EFFORT_OOM_SCORE_ADJ - 1;

/// A pod's quality-of-service class (`v1.PodQOSClass`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum QosClass {
    /// Every container (or the pod-level resources) has cpu and memory requests equal to
    /// non-zero limits.
    Guaranteed,
    /// Neither Guaranteed nor BestEffort.
    Burstable,
    /// No container (or the pod-level resources) sets any cpu or memory request or limit.
    BestEffort,
}

impl QosClass {
    /// The name Kubernetes uses (`"Guaranteed"`, `"Burstable"`, `"BestEffort"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            QosClass::Guaranteed => "Guaranteed",
            QosClass::Burstable => "Burstable",
            QosClass::BestEffort => "BestEffort",
        }
    }

    /// Parses the name Kubernetes uses, as found in `status.qosClass`.
    pub fn from_name(name: &str) -> Option<QosClass> {
        match name {
            "Guaranteed" => Some(QosClass::Guaranteed),
            "Burstable" => Some(QosClass::Burstable),
            "BestEffort" => Some(QosClass::BestEffort),
            _ => None,
        }
    }
}

impl fmt::Display for QosClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a container sits in the pod spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContainerKind {
    /// An entry of `spec.containers`.
    Regular,
    /// An entry of `spec.initContainers` that runs to completion before the regular containers.
    Init,
    /// init container with restartPolicy: Always
    ///
    /// A "sidecar": it keeps running next to the regular containers, so its requests add to
    /// theirs.
    Sidecar,
}

/// One container's name, kind and resources.
#[derive(Debug, Clone, PartialEq)]
pub struct Container {
    /// `name`.
    pub name: String,
    /// Regular, init or sidecar.
    pub kind: ContainerKind,
    /// `resources.requests`.
    pub requests: ResourceList,
    /// `resources.limits`.
    pub limits: ResourceList,
}

impl Container {
    /// A container without requests or limits.
    pub fn new(name: impl Into<String>, kind: ContainerKind) -> Container {
        Container {
            name: name.into(),
            kind,
            requests: ResourceList::new(),
            limits: ResourceList::new(),
        }
    }

    /// The memory request in bytes (0 if unset), rounded up like Go's `Value()` and saturated
    /// to `i64`.
    pub fn memory_request_bytes(&self) -> i64 {
        quantity_bytes(self.requests.get(MEMORY))
    }
}

/// Pod-level `spec.resources` (PodLevelResources, beta and on by default from 1.34).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PodResources {
    /// `spec.resources.requests`.
    pub requests: ResourceList,
    /// `spec.resources.limits`.
    pub limits: ResourceList,
}

/// The parts of a pod spec that the functions of this module read.
#[derive(Debug, Clone, Copy)]
pub struct PodSpecView<'a> {
    /// All containers, in pod order: init containers and sidecars in declaration order, then
    /// the regular containers. (Only the relative order of init containers and sidecars matters
    /// for [`pod_requests`]; regular containers may come anywhere.)
    pub containers: &'a [Container],
    /// `spec.resources`: `None` when absent, `Some` (possibly empty) when present.
    pub pod_resources: Option<&'a PodResources>,
    /// Whether the PodLevelResources feature gate is on (kubectl has no gate: pass `true`).
    pub pod_level_resources_gate: bool,
    /// `spec.overhead` (set from the RuntimeClass by admission).
    pub overhead: Option<&'a ResourceList>,
}

impl PodSpecView<'_> {
    fn regular_containers(&self) -> impl Iterator<Item = &Container> {
        self.containers
            .iter()
            .filter(|c| c.kind == ContainerKind::Regular)
    }

    fn init_containers(&self) -> impl Iterator<Item = &Container> {
        self.containers
            .iter()
            .filter(|c| c.kind != ContainerKind::Regular)
    }

    /// The pod-level resources, if the gate lets them count and `IsPodLevelResourcesSet` holds.
    fn effective_pod_resources(&self) -> Option<&PodResources> {
        self.pod_resources
            .filter(|_| self.pod_level_resources_gate && is_pod_level_resources_set(self))
    }
}

/// A QoS class and, in words, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QosDecision {
    /// The class.
    pub class: QosClass,
    /// Why, e.g. "container compute has memory request 1Gi below its limit 2Gi".
    pub reason: String,
}

impl QosDecision {
    fn new(class: QosClass, reason: impl Into<String>) -> QosDecision {
        QosDecision {
            class,
            reason: reason.into(),
        }
    }
}

/// Which version of `ComputePodQOS` to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum QosRule {
    /// Kubernetes 1.37 (first in `kubernetes-1.37.0-beta.0`): each container (or the pod-level
    /// resources) gets a class of its own, and pod-level resources decide only when
    /// `IsPodLevelResourcesSet` (a supported resource in `spec.resources`).
    #[default]
    Current,
    /// Kubernetes 1.36 and earlier (pod-level resources from 1.32): requests and limits are
    /// summed over all containers, and a present `spec.resources` decides even when it is
    /// empty — which makes such a pod BestEffort. For validated pods this is the only case in
    /// which the two rules differ.
    Summation,
}

/// Does what the API server's defaulting (`SetDefaults_Pod`) does to resources: in every
/// container, init container and sidecar, each resource with a limit but no request gets a
/// request equal to the limit (cpu, memory and any other resource).
///
/// Pod-level defaulting (`defaultPodRequests`, which fills `spec.resources.requests` from limits
/// and aggregated container requests) is not modelled: the pods this crate describes do not use
/// pod-level resources.
pub fn apply_defaulting(containers: &mut [Container]) {
    for container in containers {
        for (name, limit) in &container.limits {
            container
                .requests
                .entry(name.clone())
                .or_insert_with(|| limit.clone());
        }
    }
}

/// The pod's QoS class under the current rule ([`QosRule::Current`]), with the reason.
///
/// This is `ComputePodQOS`; apply [`apply_defaulting`] first when the containers come from a
/// manifest rather than from the API server.
pub fn pod_qos(pod: &PodSpecView<'_>) -> QosDecision {
    pod_qos_with_rule(pod, QosRule::Current)
}

/// The pod's QoS class under `rule`, with the reason (`ComputePodQOS` of that version).
pub fn pod_qos_with_rule(pod: &PodSpecView<'_>, rule: QosRule) -> QosDecision {
    match rule {
        QosRule::Current => current_pod_qos(pod),
        QosRule::Summation => summation_pod_qos(pod),
    }
}

/// `GetPodQOS`: the class recorded in `status.qosClass` if there is one (the API server sets it
/// once, at creation), else [`pod_qos_with_rule`].
pub fn get_pod_qos(
    status_qos_class: Option<QosClass>,
    pod: &PodSpecView<'_>,
    rule: QosRule,
) -> QosDecision {
    match status_qos_class {
        Some(class) => QosDecision::new(class, format!("status.qosClass is {class}")),
        None => pod_qos_with_rule(pod, rule),
    }
}

/// `IsPodLevelResourcesSet`: `spec.resources` names a supported pod-level resource (cpu, memory
/// or hugepages-*) in its requests or its limits. Ignores the feature gate.
pub fn is_pod_level_resources_set(pod: &PodSpecView<'_>) -> bool {
    pod.pod_resources.is_some_and(|resources| {
        resources
            .requests
            .keys()
            .chain(resources.limits.keys())
            .any(|name| is_supported_pod_level_resource(name))
    })
}

/// `IsPodLevelRequestsSet`: `spec.resources.requests` names a supported pod-level resource.
/// Ignores the feature gate.
pub fn is_pod_level_requests_set(pod: &PodSpecView<'_>) -> bool {
    pod.pod_resources.is_some_and(|resources| {
        resources
            .requests
            .keys()
            .any(|name| is_supported_pod_level_resource(name))
    })
}

/// `IsSupportedPodLevelResource`: cpu, memory and (from 1.34) hugepages-*.
fn is_supported_pod_level_resource(name: &str) -> bool {
    name == CPU || name == MEMORY || name.starts_with(HUGEPAGES_PREFIX)
}

// ---------------------------------------------------------------------------------------------
// QoS, current rule
// ---------------------------------------------------------------------------------------------

/// The class of one set of requirements plus a clause naming its subject, e.g.
/// "container compute has memory request 1Gi below its limit 2Gi".
struct Verdict {
    class: QosClass,
    clause: String,
}

/// kubectl `ComputePodQOS` at kubernetes-1.37.0-beta.0 (the same rule as
/// pkg/apis/core/v1/helper/qos): pod-level resources decide when they are set, else every
/// container gets a class of its own and the pod is that class if they all agree, Burstable
/// otherwise.
fn current_pod_qos(pod: &PodSpecView<'_>) -> QosDecision {
    if let Some(resources) = pod.effective_pod_resources() {
        let verdict = requirements_qos("spec.resources", &resources.requests, &resources.limits);
        return QosDecision::new(
            verdict.class,
            format!("{} (pod-level resources decide)", verdict.clause),
        );
    }

    // ComputePodQOS walks init containers, then regular ones; ephemeral containers cannot set
    // resources and are not part of the view.
    let ordered = pod.init_containers().chain(pod.regular_containers());
    let mut first: Option<Verdict> = None;
    for container in ordered {
        let verdict = requirements_qos(&subject(container), &container.requests, &container.limits);
        if verdict.class == QosClass::Burstable {
            // Any Burstable container makes the pod Burstable.
            return QosDecision::new(QosClass::Burstable, verdict.clause);
        }
        match &first {
            None => first = Some(verdict),
            Some(earlier) if earlier.class != verdict.class => {
                // One Guaranteed and one BestEffort container: Burstable.
                return QosDecision::new(
                    QosClass::Burstable,
                    format!("{}, but {}", earlier.clause, verdict.clause),
                );
            }
            Some(_) => {}
        }
    }
    match first.map(|verdict| verdict.class) {
        Some(QosClass::Guaranteed) => QosDecision::new(
            QosClass::Guaranteed,
            "every container has cpu and memory requests equal to limits",
        ),
        Some(_) => QosDecision::new(
            QosClass::BestEffort,
            "no container has cpu or memory requests or limits",
        ),
        // "This can only happen if there aren't any containers (not possible in production)."
        None => QosDecision::new(QosClass::BestEffort, "the pod has no containers"),
    }
}

/// `requirementsQOS`: BestEffort without any request or limit; else cpu and memory each get a
/// shape (`resourceQOS`) and the requirements are that shape if both agree, Burstable if not.
fn requirements_qos(subject: &str, requests: &ResourceList, limits: &ResourceList) -> Verdict {
    if requests.is_empty() && limits.is_empty() {
        return Verdict {
            class: QosClass::BestEffort,
            clause: format!("{subject} has no cpu or memory requests or limits"),
        };
    }
    let cpu = resource_shape(subject, CPU, requests, limits);
    let memory = resource_shape(subject, MEMORY, requests, limits);
    match (cpu, memory) {
        (Shape::Differs(clause), _) | (_, Shape::Differs(clause)) => Verdict {
            class: QosClass::Burstable,
            clause,
        },
        (Shape::Zero, Shape::Zero) => Verdict {
            class: QosClass::BestEffort,
            clause: format!("{subject} has no cpu or memory requests or limits"),
        },
        (Shape::Equal(_), Shape::Equal(_)) => Verdict {
            class: QosClass::Guaranteed,
            clause: format!("{subject} has cpu and memory requests equal to limits"),
        },
        (Shape::Equal(value), Shape::Zero) => Verdict {
            class: QosClass::Burstable,
            clause: format!(
                "{subject} has cpu request equal to its limit {value} but no memory request or limit"
            ),
        },
        (Shape::Zero, Shape::Equal(value)) => Verdict {
            class: QosClass::Burstable,
            clause: format!(
                "{subject} has memory request equal to its limit {value} but no cpu request or limit"
            ),
        },
    }
}

/// `resourceQOS`: the "shape" of one resource in a set of requirements.
enum Shape {
    /// Request and limit both zero or absent (BestEffort-shaped).
    Zero,
    /// Request equal to limit and non-zero (Guaranteed-shaped); the value.
    Equal(Quantity),
    /// Request different from limit (Burstable); a clause saying how.
    Differs(String),
}

fn resource_shape(
    subject: &str,
    resource: &str,
    requests: &ResourceList,
    limits: &ResourceList,
) -> Shape {
    // Go reads `resources.Requests[res]`: a missing entry is the zero quantity.
    let zero = zero_quantity();
    let request = requests.get(resource);
    let limit = limits.get(resource);
    let request_value = request.unwrap_or(&zero);
    let limit_value = limit.unwrap_or(&zero);
    if request_value == limit_value {
        return if request_value.is_zero() {
            Shape::Zero
        } else {
            Shape::Equal(request_value.clone())
        };
    }
    let clause = if request_value.is_zero() {
        let no_request = if request.is_some() {
            format!("a zero {resource} request")
        } else {
            format!("no {resource} request")
        };
        format!("{subject} has {resource} limit {limit_value} but {no_request}")
    } else if limit_value.is_zero() {
        let no_limit = if limit.is_some() {
            format!("a zero {resource} limit")
        } else {
            format!("no {resource} limit")
        };
        format!("{subject} has {resource} request {request_value} but {no_limit}")
    } else if request_value < limit_value {
        format!("{subject} has {resource} request {request_value} below its limit {limit_value}")
    } else {
        format!("{subject} has {resource} request {request_value} above its limit {limit_value}")
    };
    Shape::Differs(clause)
}

/// How a reason names a container.
fn subject(container: &Container) -> String {
    match container.kind {
        ContainerKind::Regular => format!("container {}", container.name),
        ContainerKind::Init => format!("init container {}", container.name),
        ContainerKind::Sidecar => format!("sidecar container {}", container.name),
    }
}

// ---------------------------------------------------------------------------------------------
// QoS, summation rule (1.36 and earlier)
// ---------------------------------------------------------------------------------------------

/// `ComputePodQOS` up to 1.36: positive cpu/memory requests and limits are summed (over the
/// pod-level resources when the gate is on and `spec.resources` is present, else over all
/// containers); Guaranteed needs positive cpu and memory limits on every container (or in
/// `spec.resources.limits`) and summed requests equal to summed limits.
fn summation_pod_qos(pod: &PodSpecView<'_>) -> QosDecision {
    let mut requests = ResourceList::new();
    let mut limits = ResourceList::new();
    // The first reason the pod cannot be Guaranteed because a limit is missing.
    let mut missing_limit: Option<String> = None;
    let pod_level = pod.pod_resources.filter(|_| pod.pod_level_resources_gate);
    let scope = if let Some(resources) = pod_level {
        // Up to 1.36 the branch is taken on `spec.resources != nil`, even when it is empty.
        sum_positive_qos_resources(&mut requests, &resources.requests);
        if !resources.limits.is_empty() {
            sum_positive_qos_resources(&mut limits, &resources.limits);
            missing_limit = missing_positive_limit("spec.resources", &resources.limits);
        }
        "spec.resources"
    } else {
        // Go appends Containers, then InitContainers; the order only picks which container
        // the reason names.
        let ordered = pod.regular_containers().chain(pod.init_containers());
        for container in ordered {
            sum_positive_qos_resources(&mut requests, &container.requests);
            sum_positive_qos_resources(&mut limits, &container.limits);
            if missing_limit.is_none() {
                missing_limit = missing_positive_limit(&subject(container), &container.limits);
            }
        }
        "over all containers"
    };

    if requests.is_empty() && limits.is_empty() {
        let reason = if pod_level.is_some() {
            "spec.resources sets no cpu or memory requests or limits (the 1.36 rule lets a \
             present spec.resources decide even when it is empty)"
                .to_string()
        } else if pod.containers.is_empty() {
            "the pod has no containers".to_string()
        } else {
            "no container has cpu or memory requests or limits".to_string()
        };
        return QosDecision::new(QosClass::BestEffort, reason);
    }
    if let Some(reason) = missing_limit {
        return QosDecision::new(QosClass::Burstable, reason);
    }
    for (name, request) in &requests {
        match limits.get(name) {
            None => {
                return QosDecision::new(
                    QosClass::Burstable,
                    format!(
                        "{name} requests sum to {request} but no {name} limit is set ({scope})"
                    ),
                );
            }
            Some(limit) if limit != request => {
                return QosDecision::new(
                    QosClass::Burstable,
                    format!(
                        "{name} requests sum to {request} but {name} limits to {limit} ({scope})"
                    ),
                );
            }
            Some(_) => {}
        }
    }
    if let Some((name, limit)) = limits
        .iter()
        .find(|(name, _)| !requests.contains_key(*name))
    {
        return QosDecision::new(
            QosClass::Burstable,
            format!("{name} limits sum to {limit} but no {name} request is set ({scope})"),
        );
    }
    let reason = if pod_level.is_some() {
        "spec.resources has cpu and memory requests equal to limits (pod-level resources decide)"
    } else {
        "every container has cpu and memory limits and the summed requests equal the summed limits"
    };
    QosDecision::new(QosClass::Guaranteed, reason)
}

/// `processResourceList`: adds the strictly positive cpu and memory quantities of `list`.
fn sum_positive_qos_resources(sums: &mut ResourceList, list: &ResourceList) {
    for resource in QOS_RESOURCES {
        if let Some(quantity) = list.get(resource).filter(|q| is_positive(q)) {
            add_to(sums, resource, quantity);
        }
    }
}

/// `getQOSResources(...).HasAll(memory, cpu)` failing: the first of cpu, memory without a
/// positive limit, as a clause.
fn missing_positive_limit(subject: &str, limits: &ResourceList) -> Option<String> {
    QOS_RESOURCES
        .iter()
        .find(|resource| !limits.get(**resource).is_some_and(is_positive))
        .map(|resource| format!("{subject} has no {resource} limit"))
}

// ---------------------------------------------------------------------------------------------
// Pod requests
// ---------------------------------------------------------------------------------------------

/// The pod's effective requests per resource name, as the scheduler and the kubelet's admission
/// see them: `PodRequests` with default options.
///
/// * `AggregateContainerRequests`: max(Σ regular + Σ sidecars, max over init containers of
///   (that init container + the sidecars declared before it)), per resource;
/// * with the gate on and `IsPodLevelRequestsSet`, each supported resource (cpu, memory,
///   hugepages-*) of `spec.resources.requests` replaces the aggregate;
/// * plus `spec.overhead`, for every resource it names.
pub fn pod_requests(pod: &PodSpecView<'_>) -> ResourceList {
    let mut requests = aggregate_container_requests(pod);
    if pod.pod_level_resources_gate && is_pod_level_requests_set(pod) {
        apply_pod_level_requests(&mut requests, pod);
    }
    if let Some(overhead) = pod.overhead {
        add_all(&mut requests, overhead);
    }
    requests
}

/// The request the eviction manager compares a pod's usage with:
/// `GetResourceRequestQuantity(pod, resource)` (pkg/api/v1/resource/helpers.go).
///
/// It differs from [`pod_requests`] in two ways: when pod-level resources are set (requests or
/// limits) container requests are skipped entirely, and the pod overhead is added only when the
/// request without it is non-zero. (Go applies pod-level requests even with the gate off; the
/// API server drops them in that case, so here the gate governs both.)
pub fn eviction_request(pod: &PodSpecView<'_>, resource: &str) -> Quantity {
    let pod_level = pod.pod_level_resources_gate && is_pod_level_resources_set(pod);
    let mut requests = if pod_level {
        ResourceList::new()
    } else {
        aggregate_container_requests(pod)
    };
    if pod.pod_level_resources_gate && is_pod_level_requests_set(pod) {
        apply_pod_level_requests(&mut requests, pod);
    }
    let mut request = requests.remove(resource).unwrap_or_else(zero_quantity);
    if !request.is_zero()
        && let Some(overhead) = pod.overhead.and_then(|o| o.get(resource))
    {
        request = add(&request, overhead);
    }
    request
}

/// [`eviction_request`] of memory, in bytes.
pub fn eviction_memory_request_bytes(pod: &PodSpecView<'_>) -> i64 {
    quantity_bytes(Some(&eviction_request(pod, MEMORY)))
}

/// `AggregateContainerRequests` for the spec (no resize status, no DRA claims).
fn aggregate_container_requests(pod: &PodSpecView<'_>) -> ResourceList {
    let mut requests = ResourceList::new();
    for container in pod.regular_containers() {
        add_all(&mut requests, &container.requests);
    }
    // "InitContainerUse(i) = sum(Resources of restartable init containers with index < i) +
    // Resources of i-th init container" (KEP-753); sidecars also run for the pod's lifetime, so
    // they add to the regular containers.
    let mut sidecars = ResourceList::new();
    let mut init_peak = ResourceList::new();
    for container in pod.init_containers() {
        let in_use = if container.kind == ContainerKind::Sidecar {
            add_all(&mut requests, &container.requests);
            add_all(&mut sidecars, &container.requests);
            sidecars.clone()
        } else {
            let mut in_use = container.requests.clone();
            add_all(&mut in_use, &sidecars);
            in_use
        };
        max_all(&mut init_peak, &in_use);
    }
    max_all(&mut requests, &init_peak);
    requests
}

/// The supported entries of `spec.resources.requests` replace the aggregate (PodRequests).
fn apply_pod_level_requests(requests: &mut ResourceList, pod: &PodSpecView<'_>) {
    if let Some(resources) = pod.pod_resources {
        for (name, quantity) in &resources.requests {
            if is_supported_pod_level_resource(name) {
                requests.insert(name.clone(), quantity.clone());
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// OOM score
// ---------------------------------------------------------------------------------------------

/// The oom_score_adj the kubelet gives a container (`GetContainerOOMScoreAdjust` without the
/// sidecar and pod-level refinements, which need the whole pod: see [`pod_oom_scores`]).
///
/// Node-critical pods (`system-node-critical`) and Guaranteed pods get -997, BestEffort pods
/// 1000, and Burstable containers `1000 - (1000 × request) / capacity` in integer division,
/// raised to 3 (so they stay above any Guaranteed container) and, at 1000, lowered to 999 (so
/// they stay below BestEffort). A non-positive capacity (a Go division by zero) is treated as a
/// zero request.
pub fn oom_score_adj(
    qos: QosClass,
    container_memory_request: i64,
    memory_capacity: i64,
    node_critical: bool,
) -> i64 {
    if node_critical {
        return GUARANTEED_OOM_SCORE_ADJ;
    }
    match qos {
        QosClass::Guaranteed => GUARANTEED_OOM_SCORE_ADJ,
        QosClass::BestEffort => BEST_EFFORT_OOM_SCORE_ADJ,
        QosClass::Burstable => clamp_burstable(linear_oom_score_adj(
            i128::from(container_memory_request),
            memory_capacity,
        )),
    }
}

/// The oom_score_adj of every container of the pod, in [`PodSpecView::containers`] order
/// (`GetContainerOOMScoreAdjust` per container, default gates of 1.37).
///
/// For Burstable pods this adds to [`oom_score_adj`]:
/// * pod-level memory requests (gate on and `IsPodLevelRequestsSet`): the pod's memory request
///   not claimed by the containers' aggregate is shared equally among all containers
///   (`remainingPodMemReqPerContainer`) and added to each container's request;
/// * sidecars: a sidecar's score is capped at the score of the regular container with the
///   smallest memory request (`minRegularContainerMemory`), so that a sidecar is never killed
///   before the containers it serves. Init containers that are not sidecars get the plain
///   formula.
///
/// Not modelled: DRA memory claims and the alpha `KubeletOOMScoreAdjTieBreak` gate (master, off
/// by default), which nudges scores by request size and limit.
pub fn pod_oom_scores(
    pod: &PodSpecView<'_>,
    qos: QosClass,
    memory_capacity: i64,
    node_critical: bool,
) -> Vec<(String, i64)> {
    if node_critical || qos != QosClass::Burstable {
        let score = oom_score_adj(qos, 0, memory_capacity, node_critical);
        return pod
            .containers
            .iter()
            .map(|c| (c.name.clone(), score))
            .collect();
    }
    let share = if pod.pod_level_resources_gate && is_pod_level_requests_set(pod) {
        remaining_pod_memory_request_per_container(pod)
    } else {
        0
    };
    // Go indexes Containers[0] here and would panic on a pod without regular containers, which
    // validation rules out; without one there is simply no cap.
    let min_regular = pod
        .regular_containers()
        .map(Container::memory_request_bytes)
        .min();
    pod.containers
        .iter()
        .map(|container| {
            let request = i128::from(container.memory_request_bytes()) + share;
            let mut score = linear_oom_score_adj(request, memory_capacity);
            if container.kind == ContainerKind::Sidecar
                && let Some(min_regular) = min_regular
            {
                let cap = linear_oom_score_adj(i128::from(min_regular) + share, memory_capacity);
                score = score.min(cap);
            }
            (container.name.clone(), clamp_burstable(score))
        })
        .collect()
}

/// `1000 - (1000 × request) / capacity`, before clamping; Go's int64 division truncates toward
/// zero, as Rust's does.
fn linear_oom_score_adj(memory_request: i128, memory_capacity: i64) -> i128 {
    if memory_capacity <= 0 {
        return 1000;
    }
    1000 - (1000 * memory_request) / i128::from(memory_capacity)
}

/// The Burstable bounds of `GetContainerOOMScoreAdjust`: below 3 becomes 3, exactly 1000
/// becomes 999. (Values above 1000 need a negative request, which validation rejects; they are
/// passed through as Go does.)
fn clamp_burstable(score: i128) -> i64 {
    let score = if score < i128::from(BURSTABLE_MIN_OOM_SCORE_ADJ) {
        i128::from(BURSTABLE_MIN_OOM_SCORE_ADJ)
    } else if score == i128::from(BEST_EFFORT_OOM_SCORE_ADJ) {
        i128::from(BURSTABLE_MAX_OOM_SCORE_ADJ)
    } else {
        score
    };
    i64::try_from(score).unwrap_or(i64::MAX)
}

/// `remainingPodMemReqPerContainer`: (pod memory request − aggregated container memory
/// requests) / number of containers (regular, init and sidecar), or 0 without a pod-level
/// memory request.
fn remaining_pod_memory_request_per_container(pod: &PodSpecView<'_>) -> i128 {
    let Some(pod_request) = pod
        .pod_resources
        .and_then(|r| r.requests.get(MEMORY))
        .filter(|q| !q.is_zero())
    else {
        return 0;
    };
    let containers = i128::try_from(pod.containers.len()).unwrap_or(i128::MAX);
    if containers == 0 {
        return 0;
    }
    let aggregate = aggregate_container_requests(pod);
    let remaining = i128::from(quantity_bytes(Some(pod_request)))
        - i128::from(quantity_bytes(aggregate.get(MEMORY)));
    remaining / containers
}

// ---------------------------------------------------------------------------------------------
// Swap
// ---------------------------------------------------------------------------------------------

/// The swap limit (`memory.swap.max`, bytes) the kubelet gives a container under
/// `memorySwap.swapBehavior: LimitedSwap`, or `None` when the container gets no swap.
///
/// The caller checks the node side: LimitedSwap configured, NodeSwap on (GA in 1.34), cgroup v2
/// and a swap controller (on cgroup v1 or NoSwap nothing swaps). Here, following
/// `GetContainerSwapBehavior` and `calcSwapForBurstablePods`:
/// * the pod must be Burstable and not critical — `critical` is `IsCriticalPod` (static or
///   mirror pods, or priority ≥ 2000000000: both `system-cluster-critical` and
///   `system-node-critical`), not only node-critical;
/// * the container must set a memory request or limit, and not request == limit (a missing
///   value counts as zero, so a limit without a request is eligible, with a zero request);
/// * limit = int64(float64(request) / float64(memTotal) × float64(swapTotal)), truncated;
///   a request above `mem_total`, or a non-positive `mem_total`, gets no swap.
///
/// A node without swap (`swap_total` 0) yields `Some(0)`; a negative one `None`.
pub fn limited_swap_bytes(
    qos: QosClass,
    container: &Container,
    mem_total: i64,
    swap_total: i64,
    critical: bool,
) -> Option<i64> {
    if critical || qos != QosClass::Burstable {
        return None;
    }
    let zero = zero_quantity();
    let request = container.requests.get(MEMORY).unwrap_or(&zero);
    let limit = container.limits.get(MEMORY).unwrap_or(&zero);
    let does_not_request_memory = request.is_zero() && limit.is_zero();
    if does_not_request_memory || request == limit {
        return None;
    }
    let request = quantity_bytes(Some(request));
    if mem_total <= 0 || swap_total < 0 || request > mem_total {
        // calcSwapForBurstablePods returns an error and the kubelet configures no swap.
        return None;
    }
    // Float arithmetic on purpose: this is what the kubelet computes. `as` truncates toward
    // zero like Go's int64(float64) and saturates instead of being implementation-defined.
    let proportion = request as f64 / mem_total as f64;
    Some((proportion * swap_total as f64) as i64)
}

// ---------------------------------------------------------------------------------------------
// Eviction under memory pressure
// ---------------------------------------------------------------------------------------------

/// A pod as the eviction manager ranks it under memory pressure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvictionCandidate {
    /// The pod's name.
    pub name: String,
    /// Working-set memory of the pod, bytes.
    pub usage_bytes: i64,
    /// The pod's memory request as eviction sees it ([`eviction_memory_request_bytes`]).
    pub request_bytes: i64,
    /// `spec.priority` (0 without a priority class).
    pub priority: i32,
}

impl EvictionCandidate {
    /// `exceedMemoryRequests`: usage strictly above the request.
    pub fn exceeds_request(&self) -> bool {
        self.usage_bytes > self.request_bytes
    }

    /// Usage above the request (negative when below).
    fn usage_above_request(&self) -> i128 {
        i128::from(self.usage_bytes) - i128::from(self.request_bytes)
    }
}

/// Sorts `pods` into the order the kubelet evicts them under memory pressure
/// (`rankMemoryPressure`): pods whose usage exceeds their request first, then lower priority
/// first, then larger usage − request first. QoS is not consulted.
///
/// Go's `sort.Sort` is not stable, so the kubelet's order among full ties is unspecified; here
/// ties keep their input order.
pub fn rank_memory_pressure(pods: &mut [EvictionCandidate]) {
    pods.sort_by(compare_for_memory_pressure);
}

fn compare_for_memory_pressure(a: &EvictionCandidate, b: &EvictionCandidate) -> Ordering {
    // cmpBool puts true first; priority ascending; memory: p2Memory.Cmp(p1Memory).
    b.exceeds_request()
        .cmp(&a.exceeds_request())
        .then(a.priority.cmp(&b.priority))
        .then(b.usage_above_request().cmp(&a.usage_above_request()))
}

/// A short sentence on where a pod stands in the memory-pressure eviction order, for explain
/// output, e.g. "Burstable, using more than requested: evicted first under memory pressure".
///
/// `usage_bytes` is the pod's working set if known; `request_bytes` its eviction request
/// ([`eviction_memory_request_bytes`]).
pub fn memory_pressure_group(
    qos: QosClass,
    usage_bytes: Option<i64>,
    request_bytes: i64,
) -> String {
    let over = usage_bytes.map(|usage| usage > request_bytes);
    if request_bytes <= 0 && over != Some(false) {
        return format!(
            "{qos}, no memory request: any usage exceeds it, so evicted first under memory \
             pressure (lowest priority, then largest usage first)"
        );
    }
    match (qos, over) {
        (_, Some(true)) => format!(
            "{qos}, using more than requested: evicted first under memory pressure (lowest \
             priority, then largest usage above request first)"
        ),
        (QosClass::Guaranteed, _) => format!(
            "{qos}, memory limit equals the request: usage cannot exceed the request, so evicted \
             only after every pod that does (lowest priority first)"
        ),
        (_, Some(false)) => format!(
            "{qos}, within its request: evicted only after every pod using more than its request \
             (lowest priority first)"
        ),
        (_, None) => format!(
            "{qos}: evicted first under memory pressure once its usage exceeds its request, \
             otherwise only after the pods that do"
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// ResourceList arithmetic
// ---------------------------------------------------------------------------------------------

fn zero_quantity() -> Quantity {
    Quantity::from_bytes(0, Format::DecimalSI)
}

fn is_positive(quantity: &Quantity) -> bool {
    !quantity.is_zero() && !quantity.is_negative()
}

/// `Value()` in bytes, rounded up; 0 when absent; saturated when outside `i64`.
fn quantity_bytes(quantity: Option<&Quantity>) -> i64 {
    match quantity {
        None => 0,
        Some(q) => q
            .value()
            .unwrap_or(if q.is_negative() { i64::MIN } else { i64::MAX }),
    }
}

/// `a + b`. A sum that needs more than 38 significant digits (no manifest comes near) keeps
/// the operand of larger magnitude instead of panicking.
fn add(a: &Quantity, b: &Quantity) -> Quantity {
    a.checked_add(b).unwrap_or_else(|| {
        let magnitude = |q: &Quantity| if q.is_negative() { q.neg() } else { q.clone() };
        if magnitude(a) >= magnitude(b) {
            a.clone()
        } else {
            b.clone()
        }
    })
}

fn add_to(list: &mut ResourceList, name: &str, quantity: &Quantity) {
    match list.get_mut(name) {
        Some(sum) => *sum = add(sum, quantity),
        None => {
            list.insert(name.to_string(), quantity.clone());
        }
    }
}

/// `addResourceList`.
fn add_all(list: &mut ResourceList, other: &ResourceList) {
    for (name, quantity) in other {
        add_to(list, name, quantity);
    }
}

/// `maxResourceList`: each entry of `other` replaces a smaller or missing one in `list`.
fn max_all(list: &mut ResourceList, other: &ResourceList) {
    for (name, quantity) in other {
        match list.get_mut(name) {
            Some(current) if *current >= *quantity => {}
            Some(current) => *current = quantity.clone(),
            None => {
                list.insert(name.clone(), quantity.clone());
            }
        }
    }
}

/// The memory a pod (its JSON as the API server returns it) requests, as the scheduler
/// counts it: [`pod_requests`] over its init, sidecar and regular containers and its overhead,
/// after API defaulting.
pub fn pod_memory_request_json(pod: &serde_json::Value) -> i64 {
    let list = |value: &serde_json::Value| -> ResourceList {
        value
            .as_object()
            .map(|map| {
                map.iter()
                    .filter_map(|(k, v)| Some((k.clone(), Quantity::parse(v.as_str()?).ok()?)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let container = |c: &serde_json::Value, kind: ContainerKind| Container {
        name: c["name"].as_str().unwrap_or_default().to_string(),
        kind,
        requests: list(&c["resources"]["requests"]),
        limits: list(&c["resources"]["limits"]),
    };
    let mut containers: Vec<Container> = pod["spec"]["initContainers"]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|c| {
            let kind = if c["restartPolicy"] == "Always" {
                ContainerKind::Sidecar
            } else {
                ContainerKind::Init
            };
            container(c, kind)
        })
        .collect();
    containers.extend(
        pod["spec"]["containers"]
            .as_array()
            .unwrap_or(&Vec::new())
            .iter()
            .map(|c| container(c, ContainerKind::Regular)),
    );
    apply_defaulting(&mut containers);
    let overhead = list(&pod["spec"]["overhead"]);
    let view = PodSpecView {
        containers: &containers,
        pod_resources: None,
        pod_level_resources_gate: false,
        overhead: (!overhead.is_empty()).then_some(&overhead),
    };
    pod_requests(&view)
        .get(MEMORY)
        .and_then(Quantity::value)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn q(text: &str) -> Quantity {
        Quantity::parse(text).unwrap()
    }

    fn list(entries: &[(&str, &str)]) -> ResourceList {
        entries
            .iter()
            .map(|(name, value)| (name.to_string(), q(value)))
            .collect()
    }

    fn container(
        name: &str,
        kind: ContainerKind,
        requests: &[(&str, &str)],
        limits: &[(&str, &str)],
    ) -> Container {
        Container {
            name: name.to_string(),
            kind,
            requests: list(requests),
            limits: list(limits),
        }
    }

    fn view<'a>(containers: &'a [Container]) -> PodSpecView<'a> {
        PodSpecView {
            containers,
            pod_resources: None,
            pod_level_resources_gate: true,
            overhead: None,
        }
    }

    // -----------------------------------------------------------------------------------------
    // QoS vectors (../shared/testdata/qos-vectors.json)
    // -----------------------------------------------------------------------------------------

    fn json_list(value: Option<&Value>) -> ResourceList {
        let mut out = ResourceList::new();
        if let Some(Value::Object(map)) = value {
            for (name, text) in map {
                let text = text.as_str().expect("quantity as a string");
                out.insert(name.clone(), q(text));
            }
        }
        out
    }

    fn json_container(value: &Value, init: bool) -> Container {
        let kind = match (init, value.get("restartPolicy").and_then(Value::as_str)) {
            (false, _) => ContainerKind::Regular,
            (true, Some("Always")) => ContainerKind::Sidecar,
            (true, _) => ContainerKind::Init,
        };
        Container {
            name: value["name"].as_str().expect("container name").to_string(),
            kind,
            requests: json_list(value.get("requests")),
            limits: json_list(value.get("limits")),
        }
    }

    fn class(value: &Value) -> QosClass {
        QosClass::from_name(value.as_str().expect("class name")).expect("known class name")
    }

    #[test]
    fn qos_vectors() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/testdata/qos-vectors.json"
        );
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("the QoS vectors must be present at {path}: {e}"));
        let rows: Vec<Value> = serde_json::from_str(&text).expect("vectors are a JSON array");
        assert!(!rows.is_empty(), "no QoS vectors in {path}");

        let mut failures = Vec::new();
        let (mut current_ok, mut summation_ok) = (0, 0);
        for row in &rows {
            let id = row["id"].as_str().expect("id");
            let mut containers: Vec<Container> = row["init_containers"]
                .as_array()
                .expect("init_containers")
                .iter()
                .map(|c| json_container(c, true))
                .collect();
            containers.extend(
                row["containers"]
                    .as_array()
                    .expect("containers")
                    .iter()
                    .map(|c| json_container(c, false)),
            );
            if row["apply_api_defaulting"]
                .as_bool()
                .expect("apply_api_defaulting")
            {
                apply_defaulting(&mut containers);
            }
            let pod_resources = match &row["pod_resources"] {
                Value::Null => None,
                value => Some(PodResources {
                    requests: json_list(value.get("requests")),
                    limits: json_list(value.get("limits")),
                }),
            };
            // null: kubectl's helper, which has no gate; treat as on.
            let gate = row["pod_level_resources_gate"].as_bool().unwrap_or(true);
            let status = match &row["status_qos_class"] {
                Value::Null => None,
                value => Some(class(value)),
            };
            let pod = PodSpecView {
                containers: &containers,
                pod_resources: pod_resources.as_ref(),
                pod_level_resources_gate: gate,
                overhead: None,
            };
            for (rule, column, ok) in [
                (QosRule::Current, "expected", &mut current_ok),
                (
                    QosRule::Summation,
                    "expected_1_32_to_1_36",
                    &mut summation_ok,
                ),
            ] {
                let want = class(&row[column]);
                let got = get_pod_qos(status, &pod, rule);
                assert!(!got.reason.is_empty(), "{id}: empty reason");
                if got.class == want {
                    *ok += 1;
                } else {
                    failures.push(format!(
                        "{id} [{column}]: want {want}, got {} ({})",
                        got.class, got.reason
                    ));
                }
            }
        }
        println!(
            "qos vectors: expected {current_ok}/{n}, expected_1_32_to_1_36 {summation_ok}/{n}",
            n = rows.len()
        );
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn qos_reasons_name_the_container() {
        let containers = [container(
            "compute",
            ContainerKind::Regular,
            &[("cpu", "1"), ("memory", "1Gi")],
            &[("cpu", "1"), ("memory", "2Gi")],
        )];
        let decision = pod_qos(&view(&containers));
        assert_eq!(decision.class, QosClass::Burstable);
        assert_eq!(
            decision.reason,
            "container compute has memory request 1Gi below its limit 2Gi"
        );

        let containers = [
            container(
                "compute",
                ContainerKind::Regular,
                &[("cpu", "1"), ("memory", "1Gi")],
                &[("cpu", "1"), ("memory", "1Gi")],
            ),
            container("log", ContainerKind::Sidecar, &[], &[]),
        ];
        let decision = pod_qos(&view(&containers));
        assert_eq!(decision.class, QosClass::Burstable);
        assert_eq!(
            decision.reason,
            "sidecar container log has no cpu or memory requests or limits, but container \
             compute has cpu and memory requests equal to limits"
        );

        let guaranteed = [containers[0].clone()];
        assert_eq!(
            pod_qos(&view(&guaranteed)).reason,
            "every container has cpu and memory requests equal to limits"
        );
        let best_effort = [containers[1].clone()];
        assert_eq!(
            pod_qos(&view(&best_effort)).reason,
            "no container has cpu or memory requests or limits"
        );
        assert_eq!(pod_qos(&view(&[])).class, QosClass::BestEffort);
        assert_eq!(
            pod_qos_with_rule(&view(&[]), QosRule::Summation).class,
            QosClass::BestEffort
        );
    }

    #[test]
    fn qos_with_pod_level_resources_gate_off_ignores_them() {
        let containers = [container(
            "c",
            ContainerKind::Regular,
            &[("cpu", "1"), ("memory", "1Gi")],
            &[("cpu", "1"), ("memory", "1Gi")],
        )];
        let resources = PodResources::default();
        let mut pod = view(&containers);
        pod.pod_resources = Some(&resources);
        pod.pod_level_resources_gate = false;
        for rule in [QosRule::Current, QosRule::Summation] {
            assert_eq!(pod_qos_with_rule(&pod, rule).class, QosClass::Guaranteed);
        }
        pod.pod_level_resources_gate = true;
        assert_eq!(pod_qos(&pod).class, QosClass::Guaranteed);
        assert_eq!(
            pod_qos_with_rule(&pod, QosRule::Summation).class,
            QosClass::BestEffort
        );
    }

    #[test]
    fn defaulting_copies_limits_without_requests() {
        let mut containers = [container(
            "c",
            ContainerKind::Init,
            &[("cpu", "500m")],
            &[
                ("cpu", "1"),
                ("memory", "1Gi"),
                ("devices.kubevirt.io/kvm", "1"),
            ],
        )];
        apply_defaulting(&mut containers);
        assert_eq!(
            containers[0].requests,
            list(&[
                ("cpu", "500m"),
                ("memory", "1Gi"),
                ("devices.kubevirt.io/kvm", "1")
            ])
        );
    }

    // -----------------------------------------------------------------------------------------
    // PodRequests: staging/src/k8s.io/component-helpers/resource/helpers_test.go
    // -----------------------------------------------------------------------------------------

    fn cpu_only(name: &str, kind: ContainerKind, cpu: &str) -> Container {
        container(name, kind, &[("cpu", cpu)], &[])
    }

    #[test]
    fn pod_requests_init_and_regular() {
        use ContainerKind::{Init, Regular};
        // TestPodResourceRequests "nil options, larger init container".
        let pod = [cpu_only("i", Init, "4"), cpu_only("c", Regular, "1")];
        assert_eq!(pod_requests(&view(&pod)), list(&[("cpu", "4")]));
        // "nil options, larger containers".
        let pod = [
            cpu_only("i", Init, "2"),
            cpu_only("c1", Regular, "2"),
            cpu_only("c2", Regular, "3"),
        ];
        assert_eq!(pod_requests(&view(&pod)), list(&[("cpu", "5")]));
        // TestPodRequestsAndLimitsWithoutOverhead "two container with overhead, massive init":
        // requests 40/120 (the largest init container wins).
        let pod = [
            container("small-init", Init, &[("cpu", "1"), ("memory", "5")], &[]),
            container("big-init", Init, &[("cpu", "40"), ("memory", "120")], &[]),
            container("foobar", Regular, &[("cpu", "1"), ("memory", "5")], &[]),
            container("foobar2", Regular, &[("cpu", "4"), ("memory", "12")], &[]),
        ];
        assert_eq!(
            pod_requests(&view(&pod)),
            list(&[("cpu", "40"), ("memory", "120")])
        );
    }

    #[test]
    fn pod_requests_sidecars() {
        use ContainerKind::{Init, Regular, Sidecar};
        // TestPodResourceRequests "restartable init container": restartable init + regular.
        let pod = [
            cpu_only("restartable-init-1", Sidecar, "1"),
            cpu_only("container-1", Regular, "1"),
        ];
        assert_eq!(pod_requests(&view(&pod)), list(&[("cpu", "2")]));
        // "multiple restartable init containers": max(5, (3+2+1) + 1) = 7.
        let pod = [
            cpu_only("init-1", Init, "5"),
            cpu_only("restartable-init-1", Sidecar, "1"),
            cpu_only("restartable-init-2", Sidecar, "2"),
            cpu_only("restartable-init-3", Sidecar, "3"),
            cpu_only("container-1", Regular, "1"),
        ];
        assert_eq!(pod_requests(&view(&pod)), list(&[("cpu", "7")]));
        // "multiple restartable and regular init containers": init-2 needs 5 + (1+2) = 8; the
        // restartable init container started after it does not count.
        let pod = [
            cpu_only("init-1", Init, "5"),
            cpu_only("restartable-init-1", Sidecar, "1"),
            cpu_only("restartable-init-2", Sidecar, "2"),
            cpu_only("init-2", Init, "5"),
            cpu_only("restartable-init-3", Sidecar, "3"),
            cpu_only("container-1", Regular, "1"),
        ];
        assert_eq!(pod_requests(&view(&pod)), list(&[("cpu", "8")]));
        // "restartable-init, init and regular": max(10 + 200, 10 + 100) = 210.
        let pod = [
            cpu_only("restartable-init-1", Sidecar, "10"),
            cpu_only("init-1", Init, "200"),
            cpu_only("container-1", Regular, "100"),
        ];
        assert_eq!(pod_requests(&view(&pod)), list(&[("cpu", "210")]));
        // TestPodLevelResourceRequests "container-level resources, init and sidecar container
        // set": max(3Mi + 5Mi, 5Mi + 6Mi) = 11Mi, max(2m + 4m, 4m + 8m) = 12m.
        let pod = [
            container("s", Sidecar, &[("memory", "5Mi"), ("cpu", "4m")], &[]),
            container("i", Init, &[("memory", "6Mi"), ("cpu", "8m")], &[]),
            container("c", Regular, &[("memory", "3Mi"), ("cpu", "2m")], &[]),
        ];
        assert_eq!(
            pod_requests(&view(&pod)),
            list(&[("memory", "11Mi"), ("cpu", "12m")])
        );
        // "container-level resources and sidecar container set": 3Mi + 5Mi, 2m + 4m.
        let pod = [pod[0].clone(), pod[2].clone()];
        assert_eq!(
            pod_requests(&view(&pod)),
            list(&[("memory", "8Mi"), ("cpu", "6m")])
        );
    }

    #[test]
    fn pod_requests_overhead() {
        use ContainerKind::{Init, Regular};
        // TestPodResourceRequests "pod overhead included": cpu max(2, 2+3) + 1, memory 0 + 1Gi.
        let pod = [
            container("i", Init, &[("cpu", "2")], &[("cpu", "2")]),
            cpu_only("c1", Regular, "2"),
            cpu_only("c2", Regular, "3"),
        ];
        let overhead = list(&[("cpu", "1"), ("memory", "1Gi")]);
        let mut spec = view(&pod);
        spec.overhead = Some(&overhead);
        assert_eq!(
            pod_requests(&spec),
            list(&[("cpu", "6"), ("memory", "1Gi")])
        );
        // TestPodRequestsAndLimits "req-and-overhead": 1 + 5 cpu, 10 + 5 memory.
        let pod = [container(
            "foo",
            Regular,
            &[("cpu", "1"), ("memory", "10")],
            &[],
        )];
        let overhead = list(&[("cpu", "5"), ("memory", "5")]);
        let mut spec = view(&pod);
        spec.overhead = Some(&overhead);
        assert_eq!(pod_requests(&spec), list(&[("cpu", "6"), ("memory", "15")]));
        // "just-overhead".
        let pod = [container("foo", Regular, &[], &[])];
        spec.containers = &pod;
        assert_eq!(pod_requests(&spec), list(&[("cpu", "5"), ("memory", "5")]));
    }

    #[test]
    fn pod_requests_pod_level() {
        use ContainerKind::{Init, Regular, Sidecar};
        let with = |containers: &[Container], resources: &PodResources, gate: bool| {
            pod_requests(&PodSpecView {
                containers,
                pod_resources: Some(resources),
                pod_level_resources_gate: gate,
                overhead: None,
            })
        };
        let memory_2mi = PodResources {
            requests: list(&[("memory", "2Mi")]),
            limits: ResourceList::new(),
        };
        // TestPodLevelResourceRequests "pod level memory resource with SkipPodLevelResources
        // true" (the gate off) and "... false".
        assert_eq!(with(&[], &memory_2mi, false), ResourceList::new());
        assert_eq!(with(&[], &memory_2mi, true), list(&[("memory", "2Mi")]));
        // "pod level memory and container level cpu resources".
        let cpu_2m = [cpu_only("c", Regular, "2m")];
        assert_eq!(
            with(&cpu_2m, &memory_2mi, true),
            list(&[("memory", "2Mi"), ("cpu", "2m")])
        );
        // "pod level unsupported resources set at pod-level": storage is not a pod-level
        // resource, so the pod-level requests are not set at all.
        let storage = PodResources {
            requests: list(&[("storage", "2Mi")]),
            limits: ResourceList::new(),
        };
        let memory_3mi = [container("c", Regular, &[("memory", "3Mi")], &[])];
        assert_eq!(
            with(&memory_3mi, &storage, true),
            list(&[("memory", "3Mi")])
        );
        // "pod level unsupported resources set at both pod-level and container-level".
        let storage_3mi = [container("c", Regular, &[("storage", "3Mi")], &[])];
        assert_eq!(
            with(&storage_3mi, &storage, true),
            list(&[("storage", "3Mi")])
        );
        // "pod-level resources, container-level resources, init and sidecar container set".
        let pod = [
            container("s", Sidecar, &[("memory", "5Mi"), ("cpu", "4m")], &[]),
            container("i", Init, &[("memory", "6Mi"), ("cpu", "8m")], &[]),
            container("c", Regular, &[("memory", "3Mi"), ("cpu", "2m")], &[]),
        ];
        let resources = PodResources {
            requests: list(&[("memory", "15Mi"), ("cpu", "18m")]),
            limits: ResourceList::new(),
        };
        assert_eq!(
            with(&pod, &resources, true),
            list(&[("memory", "15Mi"), ("cpu", "18m")])
        );
        // "pod-level resources, container-level resources, hugepage request/limit multiple page
        // sizes between pod-level and container-level".
        let resources = PodResources {
            requests: list(&[("cpu", "1"), ("hugepages-2Mi", "10Mi")]),
            limits: list(&[("hugepages-2Mi", "10Mi")]),
        };
        let pod = [container(
            "c",
            Regular,
            &[("memory", "4Mi"), ("hugepages-1Gi", "1Gi")],
            &[("hugepages-1Gi", "1Gi")],
        )];
        assert_eq!(
            with(&pod, &resources, true),
            list(&[
                ("cpu", "1"),
                ("memory", "4Mi"),
                ("hugepages-2Mi", "10Mi"),
                ("hugepages-1Gi", "1Gi")
            ])
        );
    }

    #[test]
    fn eviction_request_adds_overhead_only_to_a_non_zero_request() {
        use ContainerKind::Regular;
        let overhead = list(&[("memory", "100Mi")]);
        let pod = [container("c", Regular, &[("cpu", "1")], &[])];
        let mut spec = view(&pod);
        spec.overhead = Some(&overhead);
        assert_eq!(eviction_memory_request_bytes(&spec), 0);
        assert_eq!(pod_requests(&spec)[MEMORY], q("100Mi"));
        let pod = [container("c", Regular, &[("memory", "1Gi")], &[])];
        spec.containers = &pod;
        assert_eq!(eviction_memory_request_bytes(&spec), 1124 * 1024 * 1024);
        // Pod-level limits alone make container requests not count.
        let resources = PodResources {
            requests: ResourceList::new(),
            limits: list(&[("memory", "2Gi")]),
        };
        spec.pod_resources = Some(&resources);
        spec.overhead = None;
        assert_eq!(eviction_memory_request_bytes(&spec), 0);
    }

    // -----------------------------------------------------------------------------------------
    // OOM score: pkg/kubelet/qos/policy_test.go TestGetContainerOOMScoreAdjust
    // -----------------------------------------------------------------------------------------

    const STANDARD_MEMORY: i64 = 8_000_000_000;

    /// Resource entries of a test container.
    type Entries = &'static [(&'static str, &'static str)];

    #[test]
    fn oom_score_adj_single_container_cases() {
        // (name, requests, limits, capacity, node critical, expected)
        let cases: &[(&str, Entries, Entries, i64, bool, i64)] = &[
            (
                "cpu-limit",
                &[],
                &[("cpu", "10")],
                4_000_000_000,
                false,
                999,
            ),
            (
                "memory-limit-cpu-request",
                &[("cpu", "0")],
                &[("memory", "10G")],
                8_000_000_000,
                false,
                999,
            ),
            (
                "zero-memory-limit",
                &[],
                &[("memory", "0")],
                7_230_457_451,
                false,
                1000,
            ),
            ("no-request-limit", &[], &[], 4_000_000_000, false, 1000),
            (
                "equal-request-limit-cpu-memory",
                &[("memory", "10G"), ("cpu", "5m")],
                &[("cpu", "5m"), ("memory", "10G")],
                123_456_789,
                false,
                -997,
            ),
            // 495..=505 upstream; exactly 500.
            (
                "cpu-unlimited-memory-limited-with-requests",
                &[("memory", "4000000000"), ("cpu", "5m")],
                &[("memory", "10G")],
                STANDARD_MEMORY,
                false,
                500,
            ),
            (
                "request-no-limit",
                &[("memory", "7999999999"), ("cpu", "5m")],
                &[],
                STANDARD_MEMORY,
                false,
                3,
            ),
            // system-cluster-critical is not node-critical: BestEffort.
            ("cluster-critical", &[], &[], 4_000_000_000, false, 1000),
            ("node-critical", &[], &[], 4_000_000_000, true, -997),
            // 875..=880 upstream; exactly 875.
            (
                "burstable-unique-container",
                &[("memory", "1000000000")],
                &[("memory", "1000001000")],
                STANDARD_MEMORY,
                false,
                875,
            ),
        ];
        for &(name, requests, limits, capacity, critical, want) in cases {
            let containers = [container(name, ContainerKind::Regular, requests, limits)];
            let pod = view(&containers);
            let qos = pod_qos(&pod).class;
            let scalar = oom_score_adj(
                qos,
                containers[0].memory_request_bytes(),
                capacity,
                critical,
            );
            assert_eq!(scalar, want, "{name} (oom_score_adj)");
            assert_eq!(
                pod_oom_scores(&pod, qos, capacity, critical),
                vec![(name.to_string(), want)],
                "{name} (pod_oom_scores)"
            );
        }
    }

    #[test]
    fn oom_score_adj_sidecars() {
        use ContainerKind::{Init, Regular, Sidecar};
        let eighth = ("memory", "1000000000");
        let limit = ("memory", "1000001000");
        let init = container("init-container", Init, &[eighth], &[limit]);
        let main = container("main-1", Regular, &[eighth], &[limit]);
        let scores = |containers: &[Container]| {
            let pod = view(containers);
            pod_oom_scores(&pod, pod_qos(&pod).class, STANDARD_MEMORY, false)
        };
        let named = |entries: &[(&str, i64)]| -> Vec<(String, i64)> {
            entries.iter().map(|(n, s)| (n.to_string(), *s)).collect()
        };
        // "burstable-mixed-unique-main-container-pod".
        assert_eq!(
            scores(&[init.clone(), main.clone()]),
            named(&[("init-container", 875), ("main-1", 875)])
        );
        // "burstable-mixed-multi-container-small-sidecar-pod": the sidecar's 950 is capped at
        // the regular container's 875.
        let small = container(
            "sidecar-small-container",
            Sidecar,
            &[("memory", "400000000")],
            &[limit],
        );
        assert_eq!(
            scores(&[init.clone(), small, main.clone()]),
            named(&[
                ("init-container", 875),
                ("sidecar-small-container", 875),
                ("main-1", 875)
            ])
        );
        // "burstable-mixed-multi-container-sample-request-pod".
        let same = container("sidecar-container", Sidecar, &[eighth], &[limit]);
        assert_eq!(
            scores(&[init.clone(), same, main.clone()]),
            named(&[
                ("init-container", 875),
                ("sidecar-container", 875),
                ("main-1", 875)
            ])
        );
        // "burstable-mixed-multi-container-big-sidecar-container-pod": 500 is below the cap.
        let big = container(
            "sidecar-big-container",
            Sidecar,
            &[("memory", "4000000000")],
            &[limit],
        );
        assert_eq!(
            scores(&[init, big, main]),
            named(&[
                ("init-container", 875),
                ("sidecar-big-container", 500),
                ("main-1", 875)
            ])
        );
    }

    #[test]
    fn oom_score_adj_pod_level_resources() {
        use ContainerKind::{Regular, Sidecar};
        const CAPACITY: i64 = 4_000_000_000;
        let pod_request = "2000000000";
        let pod_limit = "2000001000";
        let score = |containers: &[Container], resources: &PodResources| {
            let pod = PodSpecView {
                containers,
                pod_resources: Some(resources),
                pod_level_resources_gate: true,
                overhead: None,
            };
            pod_oom_scores(&pod, pod_qos(&pod).class, CAPACITY, false)
                .into_iter()
                .map(|(_, s)| s)
                .collect::<Vec<_>>()
        };
        let resources = |memory_limit: &str| PodResources {
            requests: list(&[("cpu", "5m"), ("memory", pod_request)]),
            limits: list(&[("cpu", "5m"), ("memory", memory_limit)]),
        };
        let guaranteed = resources(pod_request);
        let burstable = resources(pod_limit);
        let empty = |name: &str| container(name, Regular, &[], &[]);
        let eighth = [("cpu", "5m"), ("memory", "1000000000")];
        let eighth_g = container("g", Regular, &eighth, &eighth);
        // "guaranteed-pod-resources-no-container-resources" and "...-unequal-container-requests".
        assert_eq!(score(&[empty("a"), empty("b")], &guaranteed), [-997, -997]);
        let burstable_c = container(
            "burstable-container",
            Regular,
            &[("cpu", "3m"), ("memory", "1000000000")],
            &[("cpu", "5m"), ("memory", "1000001000")],
        );
        assert_eq!(
            score(
                &[burstable_c.clone(), empty("best-effort-container")],
                &guaranteed
            ),
            [-997, -997]
        );
        // "burstable-pod-resources-no-container-resources": 2e9 shared by 2 → 750 each.
        assert_eq!(score(&[empty("a"), empty("b")], &burstable), [750, 750]);
        // "burstable-pod-resources-equal-container-requests": nothing left to share.
        assert_eq!(
            score(&[eighth_g.clone(), eighth_g.clone()], &burstable),
            [750, 750]
        );
        // "burstable-pod-resources-unequal-container-requests": 1e9 left, 5e8 each.
        let burstable_c2 = container(
            "burstable-container",
            Regular,
            &[("cpu", "3m"), ("memory", "1000000000")],
            &[("cpu", "5m"), ("memory", "1000000000")],
        );
        assert_eq!(
            score(&[burstable_c2, empty("best-effort-container")], &burstable),
            [625, 875]
        );
        // "burstable-pod-resources-no-container-resources-with-sidecar".
        let empty_sidecar = container("no-request-limit-sidecar", Sidecar, &[], &[]);
        assert_eq!(
            score(&[empty_sidecar, empty("no-request-limit")], &burstable),
            [750, 750]
        );
        // "burstable-pod-resources-equal-container-requests-with-sidecar".
        let sidecar = container(
            "burstable-sidecar",
            Sidecar,
            &eighth,
            &[("cpu", "5m"), ("memory", "1000001000")],
        );
        let regular = container(
            "burstable-container",
            Regular,
            &eighth,
            &[("cpu", "5m"), ("memory", "1000001000")],
        );
        assert_eq!(score(&[sidecar, regular], &burstable), [750, 750]);
        // "burstable-pod-resources-unequal-container-requests-with-sidecar": (2e9 − 1.7e9)/3
        // = 1e8 each; the sidecar's 925 is capped at the smaller regular container's 850.
        let with_limit = |name: &str, kind: ContainerKind, memory: &str| {
            container(
                name,
                kind,
                &[("cpu", "5m"), ("memory", memory)],
                &[("cpu", "5m"), ("memory", pod_limit)],
            )
        };
        assert_eq!(
            score(
                &[
                    with_limit("burstable-sidecar", Sidecar, "200000000"),
                    with_limit("burstable-container-1", Regular, "1000000000"),
                    with_limit("burstable-container-2", Regular, "500000000"),
                ],
                &burstable
            ),
            [850, 725, 850]
        );
    }

    #[test]
    fn oom_score_adj_never_panics() {
        for qos in [
            QosClass::Guaranteed,
            QosClass::Burstable,
            QosClass::BestEffort,
        ] {
            for request in [i64::MIN, -1, 0, 1, i64::MAX] {
                for capacity in [i64::MIN, -1, 0, 1, i64::MAX] {
                    let score = oom_score_adj(qos, request, capacity, false);
                    if qos == QosClass::Burstable && request >= 0 {
                        assert!((3..=999).contains(&score), "{request}/{capacity}: {score}");
                    }
                }
            }
        }
        // A sidecar-only pod has no regular container to cap against.
        let pod = [container(
            "s",
            ContainerKind::Sidecar,
            &[("memory", "1Gi")],
            &[],
        )];
        assert_eq!(
            pod_oom_scores(&view(&pod), QosClass::Burstable, 0, false),
            vec![("s".to_string(), 999)]
        );
    }

    // -----------------------------------------------------------------------------------------
    // Swap: pkg/kubelet/util/swap/limit_calculator_test.go (node 512Gi memory, 8Gi swap)
    // -----------------------------------------------------------------------------------------

    #[test]
    fn limited_swap() {
        const GB: i64 = 1024 * 1024 * 1024;
        let (mem, swap) = (512 * GB, 8 * GB);
        let memory = |request: Option<&str>, limit: Option<&str>| {
            let mut c = Container::new("c", ContainerKind::Regular);
            if let Some(r) = request {
                c.requests.insert(MEMORY.into(), q(r));
            }
            if let Some(l) = limit {
                c.limits.insert(MEMORY.into(), q(l));
            }
            c
        };
        let burstable = QosClass::Burstable;
        // "container with no request, expected not to be eligible for swap".
        assert_eq!(
            limited_swap_bytes(burstable, &memory(None, None), mem, swap, false),
            None
        );
        // "container with memory request equal to limit".
        let equal = memory(Some("1234"), Some("1234"));
        assert_eq!(
            limited_swap_bytes(burstable, &equal, mem, swap, false),
            None
        );
        // "a container with no memory limit, expected to be eligible for swap": 1234 × 8/512.
        let eligible = memory(Some("1234"), None);
        assert_eq!(
            limited_swap_bytes(burstable, &eligible, mem, swap, false),
            Some(19)
        );
        // "best-effort QoS pod", "guaranteed QoS pod", "critical pod".
        assert_eq!(
            limited_swap_bytes(QosClass::BestEffort, &eligible, mem, swap, false),
            None
        );
        assert_eq!(
            limited_swap_bytes(QosClass::Guaranteed, &eligible, mem, swap, false),
            None
        );
        assert_eq!(
            limited_swap_bytes(burstable, &eligible, mem, swap, true),
            None
        );
        // "container eligible for swap, ensure correct calculation": 5Gi / 512Gi × 8Gi = 80Mi.
        let five = memory(Some("5Gi"), None);
        assert_eq!(
            limited_swap_bytes(burstable, &five, mem, swap, false),
            Some(80 * 1024 * 1024)
        );
        // "expect zero limit on nodes with no swap".
        assert_eq!(
            limited_swap_bytes(burstable, &memory(Some("123"), None), mem, 0, false),
            Some(0)
        );
        // A request above MemTotal: calcSwapForBurstablePods errors, no swap.
        let huge = memory(Some("513Gi"), Some("1Ti"));
        assert_eq!(limited_swap_bytes(burstable, &huge, mem, swap, false), None);
        assert_eq!(limited_swap_bytes(burstable, &five, 0, swap, false), None);
        // Float arithmetic, truncated: 1Gi of 3Gi × 1Gi.
        let third = memory(Some("1Gi"), Some("2Gi"));
        assert_eq!(
            limited_swap_bytes(burstable, &third, 3 * GB, GB, false),
            Some((GB as f64 / (3 * GB) as f64 * GB as f64) as i64)
        );
    }

    // -----------------------------------------------------------------------------------------
    // Eviction ranking: pkg/kubelet/eviction/helpers.go rankMemoryPressure
    // -----------------------------------------------------------------------------------------

    fn candidate(name: &str, usage: i64, request: i64, priority: i32) -> EvictionCandidate {
        EvictionCandidate {
            name: name.to_string(),
            usage_bytes: usage,
            request_bytes: request,
            priority,
        }
    }

    fn names(pods: &[EvictionCandidate]) -> Vec<&str> {
        pods.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn rank_memory_pressure_orders_like_the_kubelet() {
        // Modelled on eviction/helpers_test.go TestOrderedByExceedsRequestMemory,
        // TestOrderedByPriority and TestOrderedbyMemory.
        let mut pods = vec![
            candidate("within-low-priority", 100, 200, -10),
            candidate("over-high-priority", 300, 200, 1000),
            candidate("over-low-priority-small", 201, 200, 0),
            candidate("over-low-priority-big", 900, 200, 0),
            candidate("best-effort", 1, 0, 0),
            candidate("exactly-at-request", 200, 200, -100),
            candidate("within-high-priority", 0, 200, 10),
        ];
        rank_memory_pressure(&mut pods);
        assert_eq!(
            names(&pods),
            [
                "over-low-priority-big",
                "over-low-priority-small",
                "best-effort",
                "over-high-priority",
                "exactly-at-request",
                "within-low-priority",
                "within-high-priority",
            ]
        );
        // Within the same group and priority: largest usage above request first, even below.
        let mut pods = vec![
            candidate("far-below", 0, 1000, 0),
            candidate("just-below", 900, 1000, 0),
        ];
        rank_memory_pressure(&mut pods);
        assert_eq!(names(&pods), ["just-below", "far-below"]);
        // Extremes do not overflow.
        let mut pods = vec![
            candidate("a", i64::MIN, i64::MAX, i32::MIN),
            candidate("b", i64::MAX, i64::MIN, i32::MAX),
        ];
        rank_memory_pressure(&mut pods);
        assert_eq!(names(&pods), ["b", "a"]);
    }

    #[test]
    fn memory_pressure_group_sentences() {
        assert_eq!(
            memory_pressure_group(QosClass::Burstable, Some(2), 1),
            "Burstable, using more than requested: evicted first under memory pressure (lowest \
             priority, then largest usage above request first)"
        );
        assert!(memory_pressure_group(QosClass::BestEffort, None, 0).contains("no memory request"));
        assert!(memory_pressure_group(QosClass::Guaranteed, None, 10).contains("cannot exceed"));
        assert!(memory_pressure_group(QosClass::Burstable, Some(1), 1).contains("within"));
        assert!(memory_pressure_group(QosClass::Burstable, None, 1).contains("once its usage"));
    }
}
