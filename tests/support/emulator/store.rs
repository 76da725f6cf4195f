//! The object store: one ordered map per resource, keyed like etcd (`namespace/name`, or `name`
//! for cluster-scoped resources) so list order and continue tokens behave as on a real API
//! server. Each object is kept parsed (for selectors, patches, tables) and pre-serialized (so a
//! page of a 20,000-item list is assembled by copying bytes, not by re-encoding the world).

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;

use serde_json::{Value, json};

use super::registry::{self, Resource};
use super::select::{FieldSelector, LabelSelector};
use super::util;

/// One stored object.
pub struct Entry {
    pub obj: Value,
    pub json: Vec<u8>,
}

impl Entry {
    fn new(obj: Value) -> Entry {
        let json = serde_json::to_vec(&obj).unwrap_or_default();
        Entry { obj, json }
    }
}

/// All objects, the resource version counter, and the node configz documents.
pub struct Store {
    /// The last resource version handed out (etcd's revision).
    pub rv: u64,
    /// Continue tokens minted before this revision are expired (410 Gone).
    pub compacted: u64,
    objects: HashMap<&'static str, BTreeMap<String, Entry>>,
    pub configz: HashMap<String, Value>,
}

/// What a list request asked for.
pub struct ListQuery<'a> {
    pub namespace: Option<&'a str>,
    pub labels: LabelSelector,
    pub fields: FieldSelector,
    pub limit: Option<usize>,
    pub continue_token: Option<&'a str>,
}

/// One page of a list.
pub struct Page<'a> {
    pub items: Vec<&'a Entry>,
    pub resource_version: u64,
    pub continue_token: Option<String>,
    pub remaining: Option<usize>,
}

/// Why a list failed.
pub enum ListError {
    /// Malformed continue token (400).
    BadContinue(String),
    /// Continue token from before a compaction (410).
    Expired,
}

fn key_of(resource: &Resource, obj: &Value) -> String {
    let name = obj
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    match obj.pointer("/metadata/namespace").and_then(Value::as_str) {
        Some(ns) if resource.namespaced => format!("{ns}/{name}"),
        _ => name.to_string(),
    }
}

/// The storage key of `name` in `namespace`.
pub fn key(resource: &Resource, namespace: Option<&str>, name: &str) -> String {
    match namespace {
        Some(ns) if resource.namespaced => format!("{ns}/{name}"),
        _ => name.to_string(),
    }
}

impl Store {
    pub fn new() -> Store {
        Store {
            rv: 1000,
            compacted: 0,
            objects: HashMap::new(),
            configz: HashMap::new(),
        }
    }

    fn map(&self, resource: &Resource) -> Option<&BTreeMap<String, Entry>> {
        self.objects.get(resource.plural)
    }

    /// Stores (creates or replaces) an object, filling server-set metadata: `resourceVersion`
    /// (always bumped), and `uid`, `creationTimestamp`, `generation` when absent. Returns the
    /// stored object.
    pub fn put(&mut self, resource: &'static Resource, obj: Value) -> Value {
        let key = self.insert(resource, obj);
        self.objects[resource.plural][&key].obj.clone()
    }

    /// Like [`Store::put`], returning only the storage key (no copy of the object).
    pub fn insert(&mut self, resource: &'static Resource, mut obj: Value) -> String {
        self.rv += 1;
        let rv = self.rv;
        if !obj.is_object() {
            obj = json!({});
        }
        obj["apiVersion"] = json!(resource.api_version());
        obj["kind"] = json!(resource.kind);
        if !obj.get("metadata").is_some_and(Value::is_object) {
            obj["metadata"] = json!({});
        }
        let key = key_of(resource, &obj);
        let meta = &mut obj["metadata"];
        meta["resourceVersion"] = json!(rv.to_string());
        if meta.get("uid").is_none() {
            meta["uid"] = json!(util::stable_uid(&format!(
                "{}/{}",
                resource.qualified(),
                key
            )));
        }
        if meta.get("creationTimestamp").is_none_or(Value::is_null) {
            meta["creationTimestamp"] = json!(util::rfc3339(util::unix_now()));
        }
        if resource.crd && meta.get("generation").is_none() {
            meta["generation"] = json!(1);
        }
        self.objects
            .entry(resource.plural)
            .or_default()
            .insert(key.clone(), Entry::new(obj));
        key
    }

    /// Removes an object; `true` if it existed.
    pub fn remove(
        &mut self,
        resource: &'static Resource,
        namespace: Option<&str>,
        name: &str,
    ) -> bool {
        let k = key(resource, namespace, name);
        let removed = self
            .objects
            .get_mut(resource.plural)
            .and_then(|m| m.remove(&k))
            .is_some();
        if removed {
            self.rv += 1;
        }
        removed
    }

    /// One object by name.
    pub fn get(&self, resource: &Resource, namespace: Option<&str>, name: &str) -> Option<&Entry> {
        self.map(resource)?.get(&key(resource, namespace, name))
    }

    /// Whether a namespace object exists.
    pub fn namespace_exists(&self, name: &str) -> bool {
        registry::find("", "v1", "namespaces").is_some_and(|r| self.get(r, None, name).is_some())
    }

    /// How many objects a resource holds.
    pub fn count(&self, resource: &Resource) -> usize {
        self.map(resource).map_or(0, BTreeMap::len)
    }

    /// Lists one page, following the API server's paging contract: items in key order, at most
    /// `limit` of them (capped by `cap`), `continue` set while matching items remain, and
    /// `remainingItemCount` when no selector is in use.
    pub fn list<'a>(
        &'a self,
        resource: &Resource,
        q: &ListQuery<'_>,
        cap: Option<usize>,
    ) -> Result<Page<'a>, ListError> {
        static EMPTY: BTreeMap<String, Entry> = BTreeMap::new();
        let map = self.map(resource).unwrap_or(&EMPTY);
        let prefix = match q.namespace {
            Some(ns) if resource.namespaced => format!("{ns}/"),
            _ => String::new(),
        };
        let mut start = prefix.clone();
        if let Some(token) = q.continue_token {
            let (rv, key) = decode_continue(token).map_err(ListError::BadContinue)?;
            if rv < self.compacted {
                return Err(ListError::Expired);
            }
            if !key.starts_with(&prefix) {
                return Err(ListError::BadContinue(
                    "continue key is not in the requested scope".into(),
                ));
            }
            start = key;
        }
        let limit = match (q.limit, cap) {
            (Some(l), Some(c)) if l > 0 => Some(l.min(c)),
            (Some(l), None) if l > 0 => Some(l),
            (_, c) => c,
        };
        let selecting = !q.labels.is_empty() || !q.fields.is_empty();
        let matches = |e: &Entry| {
            q.labels
                .matches(e.obj.pointer("/metadata/labels").and_then(Value::as_object))
                && q.fields.matches(&e.obj)
        };
        let mut iter = map
            .range::<String, _>((Bound::Included(&start), Bound::Unbounded))
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter(|(_, e)| !selecting || matches(e));
        let mut items = Vec::new();
        let mut last_key = None;
        for (k, e) in iter.by_ref() {
            if limit.is_some_and(|l| items.len() >= l) {
                // One more matching item exists: the list continues after the last one returned.
                let continue_token =
                    last_key.map(|lk: &String| encode_continue(self.rv, &format!("{lk}\u{0}")));
                let _ = k;
                let remaining = if selecting {
                    None
                } else {
                    Some(1 + iter.count())
                };
                return Ok(Page {
                    items,
                    resource_version: self.rv,
                    continue_token,
                    remaining,
                });
            }
            last_key = Some(k);
            items.push(e);
        }
        Ok(Page {
            items,
            resource_version: self.rv,
            continue_token: None,
            remaining: None,
        })
    }
}

/// A continue token shaped like the API server's: base64url(JSON{v, rv, start}).
pub fn encode_continue(rv: u64, start: &str) -> String {
    let body = json!({"v": "meta.k8s.io/v1", "rv": rv, "start": start});
    util::b64url_encode(body.to_string().as_bytes())
}

fn decode_continue(token: &str) -> Result<(u64, String), String> {
    let bytes = util::b64_decode(token).ok_or("illegal base64 data")?;
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    if v["v"] != "meta.k8s.io/v1" {
        return Err("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)".into());
    }
    let rv = v["rv"]
        .as_u64()
        .ok_or("continue key is not valid: missing resource version")?;
    let start = v["start"]
        .as_str()
        .ok_or("continue key is not valid: missing start")?;
    Ok((rv, start.to_string()))
}
