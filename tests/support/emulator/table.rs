//! Server-side printing: `meta.k8s.io/v1` `Table` rows and cells, as `kubectl get` asks for
//! them, with the column logic of Kubernetes' printers (core kinds) and the CRD table convertor
//! (KubeVirt kinds).

use serde_json::{Value, json};

use super::registry::{Cell, Column, Resource};
use super::util;

/// The column definitions of a Table for this resource.
pub fn column_definitions(resource: &Resource) -> Value {
    resource
        .columns
        .iter()
        .map(|c: &Column| {
            let description = match c.cell {
                Cell::Name => "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names".to_string(),
                Cell::Age => "CreationTimestamp is a timestamp representing the server time when this object was created.".to_string(),
                _ => format!("{} of the {}", c.name, resource.singular),
            };
            json!({
                "name": c.name,
                "type": if resource.crd || c.kind != "date" { c.kind } else { "string" },
                "format": c.format,
                "description": description,
                "priority": c.priority,
            })
        })
        .collect()
}

/// One row: cells plus the object as the client asked (`includeObject`).
pub fn row(resource: &Resource, obj: &Value, include: &str, now: i64) -> Value {
    let cells: Vec<Value> = resource
        .columns
        .iter()
        .map(|c| cell(c.cell, obj, now))
        .collect();
    let mut row = json!({"cells": cells});
    match include {
        "None" => {}
        "Object" => row["object"] = obj.clone(),
        _ => {
            row["object"] = json!({
                "kind": "PartialObjectMetadata",
                "apiVersion": "meta.k8s.io/v1",
                "metadata": obj.get("metadata").cloned().unwrap_or_else(|| json!({})),
            })
        }
    }
    row
}

fn age(obj: &Value, now: i64) -> Value {
    match obj
        .pointer("/metadata/creationTimestamp")
        .and_then(Value::as_str)
        .and_then(util::parse_rfc3339)
    {
        Some(t) => json!(util::human_duration(now - t)),
        None => json!("<unknown>"),
    }
}

fn str_at<'a>(obj: &'a Value, pointer: &str) -> Option<&'a str> {
    obj.pointer(pointer).and_then(Value::as_str)
}

fn cell(cell: Cell, obj: &Value, now: i64) -> Value {
    match cell {
        Cell::Name => json!(str_at(obj, "/metadata/name").unwrap_or_default()),
        Cell::Age => age(obj, now),
        Cell::Path(path, kind) => {
            let found = jsonpath(obj, path);
            match (found, kind) {
                (Some(Value::String(s)), "date") => match util::parse_rfc3339(s) {
                    Some(t) => json!(util::human_duration(now - t)),
                    None => json!("<invalid>"),
                },
                (Some(v), _) => v.clone(),
                (None, _) => Value::Null,
            }
        }
        Cell::NodeStatus => {
            let ready = obj
                .pointer("/status/conditions")
                .and_then(Value::as_array)
                .and_then(|cs| cs.iter().find(|c| c["type"] == "Ready"))
                .and_then(|c| c["status"].as_str());
            let mut status = match ready {
                Some("True") => "Ready".to_string(),
                Some("False") => "NotReady".to_string(),
                _ => "Unknown".to_string(),
            };
            if obj.pointer("/spec/unschedulable") == Some(&Value::Bool(true)) {
                status.push_str(",SchedulingDisabled");
            }
            json!(status)
        }
        Cell::NodeRoles => {
            let mut roles: Vec<String> = obj
                .pointer("/metadata/labels")
                .and_then(Value::as_object)
                .map(|m| {
                    m.iter()
                        .filter_map(|(k, v)| {
                            if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
                                (!role.is_empty()).then(|| role.to_string())
                            } else if k == "kubernetes.io/role" {
                                v.as_str().map(str::to_string)
                            } else {
                                None
                            }
                        })
                        .collect()
                })
                .unwrap_or_default();
            roles.sort();
            json!(if roles.is_empty() {
                "<none>".to_string()
            } else {
                roles.join(",")
            })
        }
        Cell::NodeVersion => {
            json!(str_at(obj, "/status/nodeInfo/kubeletVersion").unwrap_or_default())
        }
        Cell::NodeAddress(kind) => {
            let addr = obj
                .pointer("/status/addresses")
                .and_then(Value::as_array)
                .and_then(|a| a.iter().find(|x| x["type"] == kind))
                .and_then(|x| x["address"].as_str());
            json!(addr.unwrap_or("<none>"))
        }
        Cell::NodeInfo(field) => json!(
            obj.pointer(&format!("/status/nodeInfo/{field}"))
                .and_then(Value::as_str)
                .unwrap_or("<unknown>")
        ),
        Cell::PodReady => {
            let total = obj
                .pointer("/spec/containers")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let ready = obj
                .pointer("/status/containerStatuses")
                .and_then(Value::as_array)
                .map_or(0, |s| s.iter().filter(|c| c["ready"] == true).count());
            json!(format!("{ready}/{total}"))
        }
        Cell::PodStatus => {
            let reason = str_at(obj, "/status/reason")
                .or_else(|| str_at(obj, "/status/phase"))
                .unwrap_or("Unknown");
            let waiting = obj
                .pointer("/status/containerStatuses")
                .and_then(Value::as_array)
                .and_then(|s| {
                    s.iter()
                        .find_map(|c| c.pointer("/state/waiting/reason").and_then(Value::as_str))
                });
            if obj.pointer("/metadata/deletionTimestamp").is_some() {
                json!("Terminating")
            } else {
                json!(waiting.unwrap_or(reason))
            }
        }
        Cell::PodRestarts => {
            let n: i64 = obj
                .pointer("/status/containerStatuses")
                .and_then(Value::as_array)
                .map_or(0, |s| {
                    s.iter().filter_map(|c| c["restartCount"].as_i64()).sum()
                });
            json!(n.to_string())
        }
        Cell::PodIp => json!(str_at(obj, "/status/podIP").unwrap_or("<none>")),
        Cell::PodNode => json!(str_at(obj, "/spec/nodeName").unwrap_or("<none>")),
        Cell::NamespaceStatus => json!(str_at(obj, "/status/phase").unwrap_or("Active")),
        Cell::QuotaRequest | Cell::QuotaLimit => {
            let want_limits = matches!(cell, Cell::QuotaLimit);
            let hard = obj
                .pointer("/status/hard")
                .or_else(|| obj.pointer("/spec/hard"))
                .and_then(Value::as_object);
            let used = obj.pointer("/status/used").and_then(Value::as_object);
            let mut parts: Vec<String> = hard
                .map(|h| {
                    h.iter()
                        .filter(|(k, _)| k.starts_with("limits.") == want_limits)
                        .map(|(k, v)| {
                            let u = used
                                .and_then(|u| u.get(k))
                                .and_then(Value::as_str)
                                .unwrap_or("0");
                            format!("{k}: {u}/{}", v.as_str().unwrap_or_default())
                        })
                        .collect()
                })
                .unwrap_or_default();
            parts.sort();
            json!(parts.join(", "))
        }
    }
}

/// Evaluates the restricted JSONPath forms used by KubeVirt's printer columns: `.a.b`,
/// `.a[0].b`, `.a[?(@.k=='v')].b`. `None` when nothing is found or the path is unsupported.
pub fn jsonpath<'a>(obj: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = obj;
    let mut rest = path.strip_prefix('.')?;
    while !rest.is_empty() {
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        let (field, tail) = rest.split_at(end);
        if !field.is_empty() {
            cur = cur.get(field)?;
        }
        rest = tail;
        if let Some(after) = rest.strip_prefix('[') {
            let close = after.find(']')?;
            let inner = &after[..close];
            let items = cur.as_array()?;
            cur = if let Some(filter) = inner.strip_prefix("?(@.").and_then(|f| f.strip_suffix(')'))
            {
                let (key, value) = filter.split_once("==")?;
                let value = value.trim_matches(['\'', '"']);
                items
                    .iter()
                    .find(|item| item.get(key).and_then(Value::as_str) == Some(value))?
            } else {
                items.get(inner.parse::<usize>().ok()?)?
            };
            rest = &after[close + 1..];
        }
        rest = rest.strip_prefix('.').unwrap_or(rest);
    }
    Some(cur)
}
