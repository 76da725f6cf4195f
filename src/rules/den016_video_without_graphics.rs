//! DEN016 video-without-graphics: a video device configured with graphics turned off.

use super::{Check, Context, Report, Rule, RuleDoc, Scope};
use crate::diagnostic::Severity;
use crate::kubevirt::KubeVirtVersion;

pub static RULE: Rule = Rule {
    code: "DEN016",
    name: "video-without-graphics",
    severity: Severity::Error,
    fixable: false,
    scope: Scope::Object,
    doc: RuleDoc {
        summary: "`devices.video` (KubeVirt v1.6+) is set while `autoattachGraphicsDevice` is \
                  false.",
        why: "A video device needs the graphics device; KubeVirt rejects the combination.",
        example: "devices:\n  autoattachGraphicsDevice: false\n  video:\n    type: virtio\n",
        fix: "Remove `devices.video`, or drop `autoattachGraphicsDevice: false` if the VM needs a \
              display.",
        memory: "Keeping graphics off saves 32Mi per VMI; remove the video device to keep it.",
    },
    check: Check::Object(check),
};

fn check<'a>(ctx: &Context<'a>, out: &mut Vec<Report<'a>>) {
    if ctx.model.version < KubeVirtVersion::V1_6 {
        return;
    }
    let graphics_off = ctx
        .object
        .get(&["domain", "devices", "autoattachGraphicsDevice"])
        .and_then(|n| n.as_bool())
        == Some(false);
    let path = ["domain", "devices", "video"];
    let lookup = ctx.object.lookup(&path);
    let Some(entry) = lookup.entry else { return };
    if !graphics_off || entry.value.is_null() {
        return;
    }
    out.push(Report::new(
        &entry.key,
        ctx.object.vmi_path(&path),
        "devices.video is set while autoattachGraphicsDevice is false: KubeVirt rejects it".into(),
        "remove devices.video, or remove autoattachGraphicsDevice: false".into(),
    ));
}
