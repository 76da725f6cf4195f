//! Which fields `apply-overcommit` sets on one object, or why it refuses (SPEC §3.2).
//!
//! Pure: decides from the object's facts and the model; the text edits themselves are
//! `manifest::edit`'s business.

use super::facts::VmiFacts;
use super::model::ClusterModel;
use super::{KubeVirtObject, KubeVirtVersion};
use crate::manifest::edit::NewValue;
use crate::quantity::{Format, Quantity, format_bytes};

const MI: i64 = 1024 * 1024;

/// The edits asked for on the command line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditRequest {
    /// `--overhead` (the default when nothing else is asked).
    pub overhead: bool,
    /// `--no-graphics`.
    pub no_graphics: bool,
    /// `--ratio R` (R > 1).
    pub ratio: Option<f64>,
    /// `--guest-memory Q`, in bytes, and as written.
    pub guest_memory: Option<(i64, String)>,
    /// `--force`: apply edits that are only risky.
    pub force: bool,
}

/// One field to set, relative to the object's root.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub path: Vec<&'static str>,
    pub value: NewValue,
}

/// Why an edit is not made on an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What was not done.
    pub edit: &'static str,
    pub reason: String,
    /// Whether `--force` would apply it (only a risk, not a rejection).
    pub forceable: bool,
}

/// What to do to one object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ObjectPlan {
    pub changes: Vec<Change>,
    pub refusals: Vec<Refusal>,
    /// Risky edits applied because of `--force`.
    pub forced: Vec<String>,
}

/// Whole Mi, rounded down (how ratio results are written).
pub fn floor_mi(bytes: i64) -> i64 {
    bytes / MI * MI
}

/// A byte count as a quantity people write (`1536Mi`, `3Gi`).
pub fn quantity_text(bytes: i64) -> String {
    Quantity::from_bytes(bytes, Format::BinarySI).canonical()
}

/// Plans the edits for one workload.
pub fn plan(
    object: &KubeVirtObject<'_>,
    facts: &VmiFacts,
    model: &ClusterModel,
    request: &EditRequest,
) -> ObjectPlan {
    let mut plan = ObjectPlan::default();
    let Some(spec_path) = object.kind.vmi_spec_path() else {
        return plan;
    };
    let at = |relative: &[&'static str]| -> Vec<&'static str> {
        spec_path
            .iter()
            .copied()
            .chain(relative.iter().copied())
            .collect()
    };
    let version = model.version;
    let refuse = |plan: &mut ObjectPlan, edit: &'static str, reason: String, forceable: bool| {
        if forceable && request.force {
            plan.forced
                .push(format!("{edit} changed although {reason}"));
            false
        } else {
            plan.refusals.push(Refusal {
                edit,
                reason,
                forceable,
            });
            true
        }
    };

    if request.overhead {
        let edit = "overcommitGuestOverhead";
        let blocked = if facts.hugepages.is_some() {
            refuse(
                &mut plan,
                edit,
                "hugepages-backed: KubeVirt ignores overcommitGuestOverhead for it".into(),
                false,
            )
        } else if facts.dedicated_cpu {
            refuse(
                &mut plan,
                edit,
                "dedicated CPUs: KubeVirt fails the VMI with FailedGuaranteeResources".into(),
                false,
            )
        } else if facts.wants_guaranteed(version) {
            refuse(
                &mut plan,
                edit,
                "requests equal limits: the QoS class would silently drop from Guaranteed to Burstable".into(),
                true,
            )
        } else {
            false
        };
        if !blocked {
            plan.changes.push(Change {
                path: at(&["domain", "resources", "overcommitGuestOverhead"]),
                value: NewValue::Bool(true),
            });
        }
    }

    if request.no_graphics {
        let video = object
            .get(&["domain", "devices", "video"])
            .is_some_and(|v| !v.is_null());
        if video && version >= KubeVirtVersion::V1_6 {
            refuse(
                &mut plan,
                "autoattachGraphicsDevice",
                "devices.video is set: KubeVirt rejects a video device without graphics (remove devices.video first)".into(),
                false,
            );
        } else {
            plan.changes.push(Change {
                path: at(&["domain", "devices", "autoattachGraphicsDevice"]),
                value: NewValue::Bool(false),
            });
        }
    }

    let guest_edit = request.ratio.is_some() || request.guest_memory.is_some();
    if guest_edit {
        let edit = "guest memory";
        if facts.uses_instancetype {
            refuse(
                &mut plan,
                edit,
                "uses an instancetype: KubeVirt rejects memory fields in the template; set spec.memory.overcommitPercent in the instancetype instead".into(),
                false,
            );
            return plan;
        }
        if facts.dedicated_cpu {
            refuse(
                &mut plan,
                edit,
                "dedicated CPUs need memory requests equal to limits".into(),
                false,
            );
            return plan;
        }
        if facts.hugepages.is_some()
            && refuse(
                &mut plan,
                edit,
                "hugepages cannot be overcommitted: the guest gets fewer hugepages than it believes it has".into(),
                true,
            )
        {
            return plan;
        }
        let guest_path = at(&["domain", "memory", "guest"]);
        let request_path = at(&["domain", "resources", "requests", "memory"]);
        let mut new_guest = None;
        if let Some((_, text)) = &request.guest_memory {
            new_guest = request.guest_memory.as_ref().map(|(bytes, _)| *bytes);
            plan.changes.push(Change {
                path: guest_path.clone(),
                value: NewValue::Text(text.clone()),
            });
        } else if let Some(ratio) = request.ratio {
            match (facts.requests_memory.filter(|r| *r > 0), facts.guest_memory) {
                // Already consistent (guest set, request = guest ÷ R): nothing to do, so a
                // second run converges.
                (Some(request_bytes), Some(guest))
                    if floor_mi((guest as f64 / ratio) as i64) == request_bytes =>
                {
                    new_guest = Some(guest);
                }
                (Some(request_bytes), _) => {
                    let guest = floor_mi((request_bytes as f64 * ratio) as i64);
                    new_guest = Some(guest);
                    plan.changes.push(Change {
                        path: guest_path.clone(),
                        value: NewValue::Text(quantity_text(guest)),
                    });
                }
                (None, Some(guest)) => {
                    let request_bytes = floor_mi((guest as f64 / ratio) as i64);
                    new_guest = Some(guest);
                    plan.changes.push(Change {
                        path: request_path.clone(),
                        value: NewValue::Text(quantity_text(request_bytes)),
                    });
                }
                (None, None) => {
                    refuse(
                        &mut plan,
                        edit,
                        "no requests.memory or memory.guest to overcommit".into(),
                        false,
                    );
                }
            }
        }
        if let (Some(guest), Some(limit)) = (new_guest, facts.limits_memory)
            && guest > limit
        {
            let rejected = super::model::guest_above_limit_rejected(model);
            let reason = format!(
                "guest memory {} would exceed limits.memory {}{}",
                format_bytes(guest),
                format_bytes(limit),
                if rejected {
                    format!(": KubeVirt {version} rejects it")
                } else {
                    ": the guest is OOM-killed when it uses its memory".to_string()
                }
            );
            if refuse(&mut plan, edit, reason, !rejected) {
                plan.changes
                    .retain(|c| c.path != guest_path && c.path != request_path);
            }
        }
    }
    plan
}
