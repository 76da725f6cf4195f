//! DEN001 graphics-device-attached: the VMI keeps its default VNC graphics device.

use super::{Check, Context, Report, Rule, RuleDoc, Scope, bytes};
use crate::diagnostic::Severity;
use crate::kubevirt::overhead::memory_overhead;

pub static RULE: Rule = Rule {
    code: "DEN001",
    name: "graphics-device-attached",
    severity: Severity::Warning,
    fixable: true,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "`spec.domain.devices.autoattachGraphicsDevice` is unset or true, so every VMI \
                  gets a graphics device and VNC.",
        why: "KubeVirt adds a fixed amount to the virt-launcher pod's memory overhead for the \
              graphics device: 16Mi before v1.6, 32Mi since. Headless servers never use it, \
              and the memory is requested (and used) by every replica.",
        example: "spec:\n  domain:\n    devices:          # autoattachGraphicsDevice not set: defaults to true\n      disks: [...]\n",
        fix: "Set `spec.domain.devices.autoattachGraphicsDevice: false` \
              (`kubectl density apply-overcommit --no-graphics`). This disables VNC; the \
              serial console keeps working.",
        memory: "The graphics term of the overhead: 32Mi per VMI on KubeVirt v1.6 and later \
                 (16Mi before), more when an overhead ratio is configured.",
    },
    check: Check::Object(check),
};

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    if ctx.facts.autoattach_graphics == Some(false) {
        return;
    }
    let path = ["domain", "devices", "autoattachGraphicsDevice"];
    let lookup = ctx.object.lookup(&path);
    let without = crate::kubevirt::facts::VmiFacts {
        autoattach_graphics: Some(false),
        ..ctx.facts.clone()
    };
    let savings =
        memory_overhead(ctx.facts, ctx.model).bytes - memory_overhead(&without, ctx.model).bytes;
    let message = if lookup.entry.is_some() {
        format!(
            "the graphics device is attached: the launcher needs {} more per VMI",
            bytes(savings)
        )
    } else {
        format!(
            "autoattachGraphicsDevice is not set, so a graphics device is attached: the launcher needs {} more per VMI",
            bytes(savings)
        )
    };
    out.push(
        Report::new(
            lookup.anchor,
            ctx.object.vmi_path(&path),
            message,
            format!(
                "set {}: false to save {} per VMI (disables VNC; the serial console stays)",
                ctx.object.vmi_path(&path),
                bytes(savings)
            ),
        )
        .savings(savings),
    );
}
