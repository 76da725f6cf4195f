//! One walk of an object against KubeVirt's type graph, shared by DEN000 (wrong types),
//! DEN005 (unknown keys) and DEN006 (keys at the wrong level).
//!
//! The walk runs once per object; each rule picks the issues of its kind.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::kubevirt::schema::{self, FieldType, TypeDef};
use crate::kubevirt::{KubeVirtObject, KubeVirtVersion, ObjectKind};
use crate::manifest::yaml::{Entry, Node};

/// Booleans the tool reads: a non-boolean there is a type error, not a silent `false`.
const BOOLEAN_FIELDS: [&str; 8] = [
    "overcommitGuestOverhead",
    "autoattachGraphicsDevice",
    "autoattachSerialConsole",
    "logSerialConsole",
    "dedicatedCpuPlacement",
    "isolateEmulatorThread",
    "autoattachMemBalloon",
    "running",
];

/// What is wrong with a key or value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueKind {
    /// The key exists nowhere near here; `suggestion` is the closest key of this mapping,
    /// `since` the version range where the key does exist (it is newer or older than the
    /// model).
    Unknown {
        suggestion: Option<&'static str>,
        exists_in: Option<(KubeVirtVersion, Option<KubeVirtVersion>)>,
    },
    /// The key is a real field, but of another mapping: `expected_path` is where it belongs.
    Misplaced { expected_path: String },
    /// The value has the wrong shape.
    WrongType { expected: &'static str },
}

/// One problem found by the walk.
#[derive(Debug, Clone)]
pub struct SchemaIssue<'a> {
    pub kind: IssueKind,
    /// The key node (for unknown/misplaced keys) or the value node (wrong types).
    pub key: &'a Node,
    pub value: &'a Node,
    /// JSON path of the key.
    pub path: String,
    /// JSON path of the mapping that holds the key.
    pub parent_path: String,
}

impl SchemaIssue<'_> {
    /// The key's name as written.
    pub fn key_name(&self) -> &str {
        self.key.as_scalar().unwrap_or("?")
    }
}

/// The root type of a kind's `spec`.
fn spec_type(kind: ObjectKind) -> Option<&'static TypeDef> {
    Some(match kind {
        ObjectKind::VirtualMachineInstance => &schema::VIRTUAL_MACHINE_INSTANCE_SPEC,
        ObjectKind::VirtualMachine => &schema::VIRTUAL_MACHINE_SPEC,
        ObjectKind::VirtualMachineInstanceReplicaSet => {
            &schema::VIRTUAL_MACHINE_INSTANCE_REPLICA_SET_SPEC
        }
        ObjectKind::VirtualMachinePool => &schema::VIRTUAL_MACHINE_POOL_SPEC,
        ObjectKind::VirtualMachineInstancetype | ObjectKind::VirtualMachineClusterInstancetype => {
            &schema::VIRTUAL_MACHINE_INSTANCETYPE_SPEC
        }
        ObjectKind::VirtualMachinePreference | ObjectKind::VirtualMachineClusterPreference => {
            &schema::VIRTUAL_MACHINE_PREFERENCE_SPEC
        }
        ObjectKind::KubeVirt => return None,
    })
}

/// Walks the object's `spec` and returns every issue, in document order.
pub fn walk<'a>(object: &KubeVirtObject<'a>, version: KubeVirtVersion) -> Vec<SchemaIssue<'a>> {
    let mut issues = Vec::new();
    let (Some(root), Some(entry)) = (spec_type(object.kind), object.node.entry("spec")) else {
        return issues;
    };
    let walker = Walker {
        version,
        root,
        root_path: object.object_path(&["spec"]),
    };
    walker.value(
        &entry.key,
        &entry.value,
        FieldType::Object(root),
        &walker.root_path,
        &mut issues,
    );
    issues
}

struct Walker {
    version: KubeVirtVersion,
    root: &'static TypeDef,
    root_path: String,
}

impl Walker {
    fn value<'a>(
        &self,
        key: &'a Node,
        value: &'a Node,
        ty: FieldType,
        path: &str,
        out: &mut Vec<SchemaIssue<'a>>,
    ) {
        if value.is_null() {
            return;
        }
        let wrong = |expected| SchemaIssue {
            kind: IssueKind::WrongType { expected },
            key,
            value,
            path: path.to_string(),
            parent_path: parent(path).to_string(),
        };
        match ty {
            FieldType::Object(def) => match value.entries() {
                Some(entries) => self.mapping(def, entries, path, out),
                None => out.push(wrong("a mapping")),
            },
            FieldType::ListOf(def) => match value.items() {
                Some(items) => {
                    for (index, item) in items.iter().enumerate() {
                        let item_path = format!("{path}[{index}]");
                        match item.entries() {
                            Some(entries) => self.mapping(def, entries, &item_path, out),
                            None if item.is_null() => {}
                            None => out.push(SchemaIssue {
                                kind: IssueKind::WrongType {
                                    expected: "a mapping",
                                },
                                key: item,
                                value: item,
                                path: item_path,
                                parent_path: path.to_string(),
                            }),
                        }
                    }
                }
                None => out.push(wrong("a list")),
            },
            FieldType::MapOf(def) => match value.entries() {
                Some(entries) => {
                    for entry in entries {
                        let name = entry.key.as_scalar().unwrap_or_default();
                        let entry_path = format!("{path}.{name}");
                        self.value(
                            &entry.key,
                            &entry.value,
                            FieldType::Object(def),
                            &entry_path,
                            out,
                        );
                    }
                }
                None => out.push(wrong("a mapping")),
            },
            FieldType::Scalar => {
                if value.scalar_kind().is_none() {
                    out.push(wrong("a scalar value"));
                } else if key
                    .as_scalar()
                    .is_some_and(|name| BOOLEAN_FIELDS.contains(&name))
                    && value.as_bool().is_none()
                {
                    out.push(wrong("a boolean (true or false)"));
                }
            }
            FieldType::Opaque => {}
        }
    }

    fn mapping<'a>(
        &self,
        def: &'static TypeDef,
        entries: &'a [Entry],
        path: &str,
        out: &mut Vec<SchemaIssue<'a>>,
    ) {
        for entry in entries {
            let Some(name) = entry.key.as_scalar() else {
                continue;
            };
            let key_path = format!("{path}.{name}");
            match def.field(name, self.version) {
                Some(field) => {
                    if is_resource_list(def, name) {
                        self.resource_list(entry, &key_path, out);
                    } else {
                        self.value(&entry.key, &entry.value, field.ty, &key_path, out);
                    }
                }
                None => out.push(self.unknown(def, entry, path, key_path)),
            }
        }
    }

    /// `requests`/`limits` are maps of resource names: any name is allowed, but a KubeVirt
    /// field name there (`overcommitGuestOverhead` under `requests`) is misplaced.
    fn resource_list<'a>(&self, entry: &'a Entry, path: &str, out: &mut Vec<SchemaIssue<'a>>) {
        let Some(entries) = entry.value.entries() else {
            if !entry.value.is_null() {
                out.push(SchemaIssue {
                    kind: IssueKind::WrongType {
                        expected: "a mapping of resource names to quantities",
                    },
                    key: &entry.key,
                    value: &entry.value,
                    path: path.to_string(),
                    parent_path: parent(path).to_string(),
                });
            }
            return;
        };
        for inner in entries {
            let name = inner.key.as_scalar().unwrap_or_default();
            if is_resource_name(name) {
                continue;
            }
            // Kubernetes accepts only standard resource names or domain-qualified extended
            // ones here: anything else is a misplaced field or an unknown name.
            let kind = match self.best_path(name, path) {
                Some(expected_path) => IssueKind::Misplaced { expected_path },
                None => IssueKind::Unknown {
                    suggestion: closest_resource(name),
                    exists_in: None,
                },
            };
            out.push(SchemaIssue {
                kind,
                key: &inner.key,
                value: &inner.value,
                path: format!("{path}.{name}"),
                parent_path: path.to_string(),
            });
        }
    }

    fn unknown<'a>(
        &self,
        def: &'static TypeDef,
        entry: &'a Entry,
        parent_path: &str,
        key_path: String,
    ) -> SchemaIssue<'a> {
        let name = entry.key.as_scalar().unwrap_or_default();
        let kind = if let Some(field) = def.field_any_version(name) {
            IssueKind::Unknown {
                suggestion: None,
                exists_in: Some((field.since, field.until)),
            }
        } else if let Some(expected_path) = self.best_path(name, parent_path) {
            IssueKind::Misplaced { expected_path }
        } else if let Some(suggestion) = closest(def, name, self.version) {
            IssueKind::Unknown {
                suggestion: Some(suggestion),
                exists_in: None,
            }
        } else {
            IssueKind::Unknown {
                suggestion: None,
                exists_in: None,
            }
        };
        SchemaIssue {
            kind,
            key: &entry.key,
            value: &entry.value,
            path: key_path,
            parent_path: parent_path.to_string(),
        }
    }

    /// Where a key that is not a field here does exist, relative to the same root: the path
    /// sharing the longest prefix with `here`, then the shortest. Only paths that share at
    /// least the first level below the root are offered (a `name` key is everywhere).
    fn best_path(&self, name: &str, here: &str) -> Option<String> {
        let candidates = field_paths(self.root).get(name)?;
        let relative_here = here
            .strip_prefix(&self.root_path)
            .unwrap_or(here)
            .trim_start_matches('.');
        let here_parts: Vec<&str> = relative_here.split('.').filter(|p| !p.is_empty()).collect();
        let shared = |candidate: &str| {
            candidate
                .split('.')
                .zip(here_parts.iter())
                .take_while(|(a, b)| strip_index(a) == strip_index(b))
                .count()
        };
        let best = candidates
            .iter()
            .filter(|candidate| candidate.matches('.').count() <= here_parts.len() + 2)
            .max_by(|a, b| shared(a).cmp(&shared(b)).then(b.len().cmp(&a.len())))?;
        let common = shared(best);
        // Very common keys (name, type, model...) would be "misplaced" everywhere; only
        // offer a place in the same neighbourhood.
        if common == 0 && !here_parts.is_empty() && candidates.len() > 2 {
            return None;
        }
        Some(format!("{}.{best}", self.root_path))
    }
}

/// Standard container resource names, and extended (domain-qualified) ones.
fn is_resource_name(name: &str) -> bool {
    matches!(
        name,
        "cpu" | "memory" | "ephemeral-storage" | "storage" | "pods"
    ) || name.starts_with("hugepages-")
        || name.contains('/')
}

fn closest_resource(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    ["cpu", "memory", "ephemeral-storage"]
        .into_iter()
        .find(|candidate| strsim::damerau_levenshtein(&lower, candidate) <= 2)
}

fn strip_index(part: &str) -> &str {
    part.split('[').next().unwrap_or(part)
}

fn parent(path: &str) -> &str {
    path.rsplit_once('.').map_or("", |(head, _)| head)
}

fn is_resource_list(def: &TypeDef, name: &str) -> bool {
    (name == "requests" || name == "limits")
        && def.field_any_version("overcommitGuestOverhead").is_some()
}

/// The closest field name of `def` in `version`, if close enough to be a typo.
fn closest(def: &'static TypeDef, name: &str, version: KubeVirtVersion) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    def.fields
        .iter()
        .filter(|field| field.exists_in(version))
        .map(|field| {
            let distance = strsim::damerau_levenshtein(&lower, &field.name.to_ascii_lowercase());
            (distance, field.name)
        })
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 4).clamp(1, 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Field name → every path where a field of that name exists.
type FieldIndex = HashMap<&'static str, Vec<String>>;

/// Every path (relative to `root`, lists as `[]`) at which each field name exists in any
/// version, computed once per root type.
fn field_paths(root: &'static TypeDef) -> &'static FieldIndex {
    static CACHE: OnceLock<HashMap<&'static str, FieldIndex>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| {
        [
            &schema::VIRTUAL_MACHINE_INSTANCE_SPEC,
            &schema::VIRTUAL_MACHINE_SPEC,
            &schema::VIRTUAL_MACHINE_INSTANCE_REPLICA_SET_SPEC,
            &schema::VIRTUAL_MACHINE_POOL_SPEC,
            &schema::VIRTUAL_MACHINE_INSTANCETYPE_SPEC,
            &schema::VIRTUAL_MACHINE_PREFERENCE_SPEC,
        ]
        .into_iter()
        .map(|def| (def.name, index(def)))
        .collect()
    });
    &cache[root.name]
}

fn index(root: &'static TypeDef) -> HashMap<&'static str, Vec<String>> {
    const MAX_DEPTH: usize = 8;
    let mut paths: HashMap<&'static str, Vec<String>> = HashMap::new();
    let mut queue: Vec<(&'static TypeDef, String, Vec<&'static str>)> =
        vec![(root, String::new(), vec![root.name])];
    while let Some((def, prefix, seen)) = queue.pop() {
        for field in def.fields {
            let path = if prefix.is_empty() {
                field.name.to_string()
            } else {
                format!("{prefix}.{}", field.name)
            };
            let entry = paths.entry(field.name).or_default();
            if !entry.contains(&path) {
                entry.push(path.clone());
            }
            let (child, suffix) = match field.ty {
                FieldType::Object(child) => (child, ""),
                FieldType::ListOf(child) => (child, "[]"),
                FieldType::MapOf(child) => (child, ".*"),
                _ => continue,
            };
            if seen.len() < MAX_DEPTH && !seen.contains(&child.name) {
                let mut seen = seen.clone();
                seen.push(child.name);
                queue.push((child, format!("{path}{suffix}"), seen));
            }
        }
    }
    paths
}
