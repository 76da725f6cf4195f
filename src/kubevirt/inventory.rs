//! The KubeVirt objects of a set of sources, with instancetype and preference references
//! resolved against the instancetypes and preferences found in the same input.
//!
//! Shared by every command that reads manifests (lint, explain, plan, apply-overcommit).
//! Pure: sources come in already read.

use super::facts::VmiFacts;
use super::{KubeVirtObject, ObjectKind};
use crate::manifest::yaml::{Node, Span, SyntaxError, Value};
use crate::manifest::{DocumentContent, Source, document_content};

/// One thing found in the input, in document order.
#[derive(Debug)]
pub enum Item<'a> {
    /// A KubeVirt object (workload, instancetype or preference).
    Object {
        source: usize,
        /// Index of the document in its source.
        document: usize,
        object: KubeVirtObject<'a>,
    },
    /// A document that could not be parsed.
    Invalid {
        source: usize,
        error: &'a SyntaxError,
    },
    /// A document whose root is not a mapping.
    NotAnObject { source: usize, node: &'a Node },
}

/// Everything read from the sources.
#[derive(Debug, Default)]
pub struct Inventory<'a> {
    pub items: Vec<Item<'a>>,
    /// Documents and List items of other kinds (ConfigMaps, Deployments, the KubeVirt CR…).
    pub skipped: usize,
    catalog: Vec<(ObjectKind, Option<&'a str>, &'a str, &'a Node)>,
}

/// What a VM's references resolve to.
#[derive(Debug, Clone, Copy, Default)]
pub struct References<'a> {
    /// The VM names an instancetype (`spec.instancetype`).
    pub uses_instancetype: bool,
    /// The instancetype's `spec`, when it was found in the input.
    pub instancetype: Option<&'a Node>,
    /// The preference's `spec`, when it was found in the input.
    pub preference: Option<&'a Node>,
}

/// An empty mapping, standing in for a missing VMI spec.
pub fn empty_spec() -> &'static Node {
    static EMPTY: std::sync::OnceLock<Node> = std::sync::OnceLock::new();
    EMPTY.get_or_init(|| Node {
        value: Value::Map(Vec::new()),
        span: Span::default(),
    })
}

impl<'a> Inventory<'a> {
    /// Reads every document of every source.
    pub fn from_sources(sources: &'a [Source]) -> Inventory<'a> {
        Self::with_references(sources, &[])
    }

    /// Reads `sources`, and takes instancetypes and preferences from `references` too (live
    /// mode: the cluster's instancetypes resolve every page of VMs) without listing them.
    pub fn with_references(sources: &'a [Source], references: &'a [Source]) -> Inventory<'a> {
        let mut inventory = Inventory::default();
        for text in references {
            for document in &text.documents {
                if let DocumentContent::Objects(found) = document_content(document) {
                    for (prefix, node) in found {
                        if let Some(object) = KubeVirtObject::new(node, prefix) {
                            inventory.remember(&object);
                        }
                    }
                }
            }
        }
        for (source, text) in sources.iter().enumerate() {
            for (document_index, document) in text.documents.iter().enumerate() {
                match document_content(document) {
                    DocumentContent::Invalid(error) => {
                        inventory.items.push(Item::Invalid { source, error });
                    }
                    DocumentContent::NotAnObject(node) => {
                        inventory.items.push(Item::NotAnObject { source, node });
                    }
                    DocumentContent::Empty => {}
                    DocumentContent::Objects(found) => {
                        for (prefix, node) in found {
                            match KubeVirtObject::new(node, prefix) {
                                Some(object)
                                    if object.kind.is_workload()
                                        || object.kind.is_instancetype()
                                        || object.kind.is_preference() =>
                                {
                                    inventory.remember(&object);
                                    inventory.items.push(Item::Object {
                                        source,
                                        document: document_index,
                                        object,
                                    });
                                }
                                _ => inventory.skipped += 1,
                            }
                        }
                    }
                }
            }
        }
        inventory
    }

    fn remember(&mut self, object: &KubeVirtObject<'a>) {
        if !object.kind.is_instancetype() && !object.kind.is_preference() {
            return;
        }
        let (Some(spec), Some(name)) = (
            object.node.get("spec"),
            object
                .node
                .get_path(&["metadata", "name"])
                .and_then(Node::as_str),
        ) else {
            return;
        };
        let namespace = object
            .node
            .get_path(&["metadata", "namespace"])
            .and_then(Node::as_str);
        self.catalog.push((object.kind, namespace, name, spec));
    }

    /// The workloads (VMs, VMIs, replica sets, pools), in document order.
    pub fn workloads(&self) -> impl Iterator<Item = (usize, &KubeVirtObject<'a>)> {
        self.workloads_with_documents()
            .map(|(source, _, object)| (source, object))
    }

    /// The workloads with their source and document indexes, in document order.
    pub fn workloads_with_documents(
        &self,
    ) -> impl Iterator<Item = (usize, usize, &KubeVirtObject<'a>)> {
        self.items.iter().filter_map(|item| match item {
            Item::Object {
                source,
                document,
                object,
            } if object.kind.is_workload() => Some((*source, *document, object)),
            _ => None,
        })
    }

    fn lookup(
        &self,
        reference: &Node,
        namespaced: ObjectKind,
        cluster: ObjectKind,
        namespace: Option<&str>,
    ) -> Option<&'a Node> {
        let name = reference.get("name")?.as_str()?;
        let kind = match reference.get("kind").and_then(Node::as_str) {
            Some(kind) if kind.eq_ignore_ascii_case(namespaced.as_str()) => namespaced,
            _ => cluster,
        };
        self.catalog
            .iter()
            .find(|(k, ns, n, _)| {
                *k == kind
                    && *n == name
                    && (kind == cluster || ns.is_none() || namespace.is_none() || *ns == namespace)
            })
            .map(|(.., spec)| *spec)
    }

    /// Resolves a VM's `spec.instancetype` and `spec.preference` (a VM without a namespace
    /// matches namespaced instancetypes of any namespace).
    pub fn references(&self, object: &KubeVirtObject<'a>) -> References<'a> {
        let Some(vm_spec) = object.vm_spec() else {
            return References::default();
        };
        let namespace = object.id.namespace.as_deref();
        let instancetype = vm_spec.get("instancetype");
        References {
            uses_instancetype: instancetype.is_some(),
            instancetype: instancetype.and_then(|r| {
                self.lookup(
                    r,
                    ObjectKind::VirtualMachineInstancetype,
                    ObjectKind::VirtualMachineClusterInstancetype,
                    namespace,
                )
            }),
            preference: vm_spec.get("preference").and_then(|r| {
                self.lookup(
                    r,
                    ObjectKind::VirtualMachinePreference,
                    ObjectKind::VirtualMachineClusterPreference,
                    namespace,
                )
            }),
        }
    }

    /// The facts of a workload's VMI spec as written, references applied.
    pub fn facts(&self, object: &KubeVirtObject<'a>) -> VmiFacts {
        let references = self.references(object);
        let spec: &Node = match object.vmi_spec() {
            Some(spec) => spec,
            None => empty_spec(),
        };
        let mut facts = VmiFacts::read(spec, references.instancetype, references.preference)
            .with_annotations(object.vmi_annotations());
        facts.uses_instancetype = references.uses_instancetype;
        facts
    }
}
