//! The supported KubeVirt kinds and a read-only view of "the VMI spec" inside each.
//!
//! A `VirtualMachine` keeps its VMI spec at `spec.template.spec`, a pool two levels deeper;
//! rules and the overhead model only ever see [`KubeVirtObject::vmi_spec`] and look fields up
//! relative to it, with JSON paths that name the real place in the object.

use crate::diagnostic::ObjectId;
use crate::manifest::yaml::{Entry, Node};

/// A kind the tool understands (SPEC §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObjectKind {
    VirtualMachineInstance,
    VirtualMachine,
    VirtualMachineInstanceReplicaSet,
    VirtualMachinePool,
    VirtualMachineInstancetype,
    VirtualMachineClusterInstancetype,
    VirtualMachinePreference,
    VirtualMachineClusterPreference,
    KubeVirt,
}

impl ObjectKind {
    /// Recognises an object by its `apiVersion` group and `kind`. Any version of the group is
    /// accepted here; DEN014 judges the version.
    pub fn classify(api_version: &str, kind: &str) -> Option<ObjectKind> {
        let group = api_version.split_once('/').map_or("", |(group, _)| group);
        let kind = match (group, kind) {
            ("kubevirt.io", "VirtualMachineInstance") => Self::VirtualMachineInstance,
            ("kubevirt.io", "VirtualMachine") => Self::VirtualMachine,
            ("kubevirt.io", "VirtualMachineInstanceReplicaSet") => {
                Self::VirtualMachineInstanceReplicaSet
            }
            ("kubevirt.io", "KubeVirt") => Self::KubeVirt,
            ("pool.kubevirt.io", "VirtualMachinePool") => Self::VirtualMachinePool,
            ("instancetype.kubevirt.io", "VirtualMachineInstancetype") => {
                Self::VirtualMachineInstancetype
            }
            ("instancetype.kubevirt.io", "VirtualMachineClusterInstancetype") => {
                Self::VirtualMachineClusterInstancetype
            }
            ("instancetype.kubevirt.io", "VirtualMachinePreference") => {
                Self::VirtualMachinePreference
            }
            ("instancetype.kubevirt.io", "VirtualMachineClusterPreference") => {
                Self::VirtualMachineClusterPreference
            }
            _ => return None,
        };
        Some(kind)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::VirtualMachineInstance => "VirtualMachineInstance",
            Self::VirtualMachine => "VirtualMachine",
            Self::VirtualMachineInstanceReplicaSet => "VirtualMachineInstanceReplicaSet",
            Self::VirtualMachinePool => "VirtualMachinePool",
            Self::VirtualMachineInstancetype => "VirtualMachineInstancetype",
            Self::VirtualMachineClusterInstancetype => "VirtualMachineClusterInstancetype",
            Self::VirtualMachinePreference => "VirtualMachinePreference",
            Self::VirtualMachineClusterPreference => "VirtualMachineClusterPreference",
            Self::KubeVirt => "KubeVirt",
        }
    }

    /// Where the VMI spec sits, for kinds that carry one.
    pub fn vmi_spec_path(self) -> Option<&'static [&'static str]> {
        match self {
            Self::VirtualMachineInstance => Some(&["spec"]),
            Self::VirtualMachine | Self::VirtualMachineInstanceReplicaSet => {
                Some(&["spec", "template", "spec"])
            }
            Self::VirtualMachinePool => {
                Some(&["spec", "virtualMachineTemplate", "spec", "template", "spec"])
            }
            _ => None,
        }
    }

    /// Where the template's metadata (for ignore annotations) sits.
    pub fn template_metadata_path(self) -> Option<&'static [&'static str]> {
        match self {
            Self::VirtualMachine | Self::VirtualMachineInstanceReplicaSet => {
                Some(&["spec", "template", "metadata"])
            }
            Self::VirtualMachinePool => Some(&[
                "spec",
                "virtualMachineTemplate",
                "spec",
                "template",
                "metadata",
            ]),
            _ => None,
        }
    }

    /// Kinds that carry a VMI spec (the lintable workloads).
    pub fn is_workload(self) -> bool {
        self.vmi_spec_path().is_some()
    }

    /// Instancetypes and preferences: resolve references, not linted as workloads.
    pub fn is_instancetype(self) -> bool {
        matches!(
            self,
            Self::VirtualMachineInstancetype | Self::VirtualMachineClusterInstancetype
        )
    }

    pub fn is_preference(self) -> bool {
        matches!(
            self,
            Self::VirtualMachinePreference | Self::VirtualMachineClusterPreference
        )
    }
}

/// The result of looking a field up: the entry if present, else the nearest existing
/// ancestor's key (where a finding about the missing field points).
#[derive(Debug, Clone, Copy)]
pub struct Lookup<'a> {
    /// The entry of the field itself, when present.
    pub entry: Option<&'a Entry>,
    /// The key node of the deepest entry that exists along the path (the field's own key
    /// when present), or the object's root node when not even the first key exists.
    pub anchor: &'a Node,
}

impl<'a> Lookup<'a> {
    /// The field's value, when present.
    pub fn value(&self) -> Option<&'a Node> {
        self.entry.map(|entry| &entry.value)
    }
}

/// A KubeVirt object found in the input, with paths into it.
#[derive(Debug, Clone)]
pub struct KubeVirtObject<'a> {
    pub kind: ObjectKind,
    pub id: ObjectId,
    /// The object's mapping.
    pub node: &'a Node,
    /// JSON path of the object inside its document (`""`, or `items[3].` in a List).
    pub prefix: String,
}

impl<'a> KubeVirtObject<'a> {
    /// Recognises a KubeVirt object; `None` for other kinds (they are skipped).
    pub fn new(node: &'a Node, prefix: String) -> Option<KubeVirtObject<'a>> {
        let api_version = node.get("apiVersion")?.as_str()?;
        let kind_name = node.get("kind")?.as_str()?;
        let kind = ObjectKind::classify(api_version, kind_name)?;
        let metadata = node.get("metadata");
        let text = |key: &str| {
            metadata
                .and_then(|m| m.get(key))
                .and_then(Node::as_str)
                .map(str::to_string)
        };
        Some(KubeVirtObject {
            kind,
            id: ObjectId {
                kind: kind_name.to_string(),
                api_version: api_version.to_string(),
                namespace: text("namespace"),
                name: text("name").or_else(|| text("generateName").map(|g| format!("{g}*"))),
            },
            node,
            prefix,
        })
    }

    /// The VMI spec mapping, when the object has one and it is a mapping.
    pub fn vmi_spec(&self) -> Option<&'a Node> {
        let spec = self.node.get_path(self.kind.vmi_spec_path()?)?;
        spec.entries().map(|_| spec)
    }

    /// The JSON path of the VMI spec, with a trailing dot (`spec.template.spec.`).
    pub fn vmi_spec_prefix(&self) -> String {
        let mut path = self.prefix.clone();
        for key in self.kind.vmi_spec_path().unwrap_or_default() {
            path.push_str(key);
            path.push('.');
        }
        path
    }

    /// The JSON path of a field given relative to the VMI spec.
    pub fn vmi_path(&self, relative: &[&str]) -> String {
        let mut path = self.vmi_spec_prefix();
        path.push_str(&relative.join("."));
        path.trim_end_matches('.').to_string()
    }

    /// The JSON path of a field given relative to the object.
    pub fn object_path(&self, relative: &[&str]) -> String {
        format!("{}{}", self.prefix, relative.join("."))
    }

    /// Looks a field up relative to the object's root.
    pub fn lookup_object(&self, relative: &[&str]) -> Lookup<'a> {
        let mut anchor = self.node;
        let mut current = self.node;
        let mut entry = None;
        for key in relative {
            match current.entry(key) {
                Some(found) => {
                    anchor = &found.key;
                    current = &found.value;
                    entry = Some(found);
                }
                None => {
                    return Lookup {
                        entry: None,
                        anchor,
                    };
                }
            }
        }
        Lookup { entry, anchor }
    }

    /// Looks a field up relative to the VMI spec.
    pub fn lookup(&self, relative: &[&str]) -> Lookup<'a> {
        let mut path: Vec<&str> = self.kind.vmi_spec_path().unwrap_or_default().to_vec();
        path.extend_from_slice(relative);
        self.lookup_object(&path)
    }

    /// A field's value relative to the VMI spec.
    pub fn get(&self, relative: &[&str]) -> Option<&'a Node> {
        self.vmi_spec()?.get_path(relative)
    }

    /// The VM-level spec (`spec`) of a VirtualMachine.
    pub fn vm_spec(&self) -> Option<&'a Node> {
        match self.kind {
            ObjectKind::VirtualMachine => self.node.get("spec"),
            ObjectKind::VirtualMachinePool => {
                self.node
                    .get_path(&["spec", "virtualMachineTemplate", "spec"])
            }
            _ => None,
        }
    }

    /// The annotations that may carry `kubectl-density/ignore`: the object's own, and for
    /// templates also the template's.
    pub fn annotation(&self, name: &str) -> Vec<&'a Node> {
        let mut found = Vec::new();
        if let Some(value) = self.node.get_path(&["metadata", "annotations", name]) {
            found.push(value);
        }
        if let Some(path) = self.kind.template_metadata_path()
            && let Some(value) = self
                .node
                .get_path(path)
                .and_then(|meta| meta.get_path(&["annotations", name]))
        {
            found.push(value);
        }
        found
    }

    /// The annotations the VMI will carry (VMI metadata, or the template's).
    pub fn vmi_annotations(&self) -> Option<&'a Node> {
        let metadata = match self.kind.template_metadata_path() {
            Some(path) => self.node.get_path(path),
            None => self.node.get("metadata"),
        };
        metadata?.get("annotations")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::yaml::{Document, parse_stream};

    fn root(text: &str) -> Node {
        match parse_stream(text).remove(0) {
            Document::Parsed(Some(node)) => node,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn vm_paths_point_into_the_template() {
        let node = root(
            "apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata: {name: a, namespace: ns}\nspec:\n  template:\n    spec:\n      domain:\n        devices: {}\n",
        );
        let object = KubeVirtObject::new(&node, String::new()).unwrap();
        assert_eq!(object.kind, ObjectKind::VirtualMachine);
        assert_eq!(object.id.display_name(), "ns/VirtualMachine/a");
        assert_eq!(
            object.vmi_path(&["domain", "devices", "autoattachGraphicsDevice"]),
            "spec.template.spec.domain.devices.autoattachGraphicsDevice"
        );
        let lookup = object.lookup(&["domain", "devices", "autoattachGraphicsDevice"]);
        assert!(lookup.entry.is_none());
        assert_eq!(lookup.anchor.as_scalar(), Some("devices"));
        assert_eq!(lookup.anchor.span.start.line, 8);
    }

    #[test]
    fn other_kinds_and_groups_are_not_kubevirt_objects() {
        for text in [
            "apiVersion: v1\nkind: ConfigMap\n",
            "apiVersion: example.com/v1\nkind: VirtualMachine\n",
            "kind: VirtualMachine\n",
        ] {
            assert!(
                KubeVirtObject::new(&root(text), String::new()).is_none(),
                "{text}"
            );
        }
    }
}
