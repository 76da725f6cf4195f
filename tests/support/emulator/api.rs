//! The Kubernetes API surface: discovery, lists with paging and selectors, single objects,
//! Table output, PATCH with dry-run, node proxy `configz`, and `Status` errors shaped as the
//! API server writes them.

use std::sync::{Mutex, MutexGuard};

use serde_json::{Value, json};

use super::Settings;
use super::http::{Request, Response};
use super::patch;
use super::registry::{self, Resource};
use super::select::{FieldSelector, LabelSelector};
use super::store::{ListError, ListQuery, Store};
use super::table;
use super::util;

/// What the handlers may touch.
pub struct Ctx<'a> {
    pub store: &'a Mutex<Store>,
    pub settings: &'a Settings,
    /// `127.0.0.1:PORT`.
    pub addr: &'a str,
}

impl Ctx<'_> {
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Decoded query parameters; the last occurrence of a name wins.
pub struct Params<'a>(pub &'a [(String, String)]);

impl Params<'_> {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

// --- Status errors ------------------------------------------------------------------------

/// The conventional `reason` for an HTTP status.
pub fn reason_for(code: u16) -> &'static str {
    match code {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        409 => "Conflict",
        410 => "Expired",
        413 => "RequestEntityTooLarge",
        415 => "UnsupportedMediaType",
        422 => "Invalid",
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "Unknown",
    }
}

/// A `metav1.Status` failure response.
pub fn status(code: u16, reason: &str, message: &str, details: Option<Value>) -> Response {
    let mut body = json!({
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": message,
        "reason": reason,
        "code": code,
    });
    if let Some(d) = details {
        body["details"] = d;
    }
    Response::new(code, "application/json", body.to_string().into_bytes())
}

fn err(code: u16, message: &str) -> Response {
    status(code, reason_for(code), message, None)
}

fn not_found(resource: &Resource, name: &str) -> Response {
    let mut details = json!({"name": name, "kind": resource.plural});
    if !resource.group.is_empty() {
        details["group"] = json!(resource.group);
    }
    status(
        404,
        "NotFound",
        &format!("{} \"{name}\" not found", resource.qualified()),
        Some(details),
    )
}

fn no_route() -> Response {
    status(
        404,
        "NotFound",
        "the server could not find the requested resource",
        Some(json!({})),
    )
}

fn method_not_allowed() -> Response {
    status(
        405,
        "MethodNotAllowed",
        "the server does not allow this method on the requested resource",
        Some(json!({})),
    )
}

fn json_response(value: &Value) -> Response {
    Response::new(200, "application/json", value.to_string().into_bytes())
}

// --- Content negotiation -----------------------------------------------------------------

/// The representation chosen from `Accept`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Repr {
    Json,
    Table(&'static str),
    Meta(&'static str),
    Discovery(&'static str),
}

impl Repr {
    fn content_type(self) -> String {
        match self {
            Repr::Json => "application/json".into(),
            Repr::Table(v) => format!("application/json;as=Table;v={v};g=meta.k8s.io"),
            Repr::Meta(v) => {
                format!("application/json;as=PartialObjectMetadataList;v={v};g=meta.k8s.io")
            }
            Repr::Discovery(v) => {
                format!("application/json;g=apidiscovery.k8s.io;v={v};as=APIGroupDiscoveryList")
            }
        }
    }
}

/// Picks the first acceptable media range, in the client's order (kubectl lists its preference
/// first and does not use q-values). `None` means 406.
fn negotiate(accept: Option<&str>, resource_endpoint: bool, discovery: bool) -> Option<Repr> {
    let accept = accept.unwrap_or("").trim();
    if accept.is_empty() {
        return Some(Repr::Json);
    }
    for range in accept.split(',') {
        let mut parts = range.split(';').map(str::trim);
        let media = parts.next().unwrap_or_default().to_ascii_lowercase();
        let params: Vec<(String, String)> = parts
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| {
                (
                    k.trim().to_ascii_lowercase(),
                    v.trim().trim_matches('"').to_string(),
                )
            })
            .collect();
        let param = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        if !matches!(media.as_str(), "application/json" | "*/*" | "application/*") {
            continue;
        }
        match (param("as"), param("g"), param("v")) {
            (None, _, _) => return Some(Repr::Json),
            (Some("Table"), Some("meta.k8s.io"), Some(v)) if resource_endpoint => match v {
                "v1" => return Some(Repr::Table("v1")),
                "v1beta1" => return Some(Repr::Table("v1beta1")),
                _ => {}
            },
            (
                Some("PartialObjectMetadataList" | "PartialObjectMetadata"),
                Some("meta.k8s.io"),
                Some(v),
            ) if resource_endpoint => match v {
                "v1" => return Some(Repr::Meta("v1")),
                "v1beta1" => return Some(Repr::Meta("v1beta1")),
                _ => {}
            },
            (Some("APIGroupDiscoveryList"), Some("apidiscovery.k8s.io"), Some(v)) if discovery => {
                match v {
                    "v2" => return Some(Repr::Discovery("v2")),
                    "v2beta1" => return Some(Repr::Discovery("v2beta1")),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    None
}

fn not_acceptable() -> Response {
    status(
        406,
        "NotAcceptable",
        "the server was unable to respond with a content type that the client supports",
        Some(json!({})),
    )
}

// --- Routing -----------------------------------------------------------------------------

/// Handles one authenticated request.
pub fn handle(ctx: &Ctx<'_>, req: &Request) -> Response {
    let params = match util::parse_query(&req.query) {
        Ok(p) => p,
        Err(e) => return err(400, &e),
    };
    let mut segs = Vec::new();
    for raw in req.path.split('/').filter(|s| !s.is_empty()) {
        match util::percent_decode(raw, false) {
            Some(s) if !s.contains('/') => segs.push(s),
            _ => return err(400, &format!("invalid path segment {raw:?}")),
        }
    }
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    let get_only = |f: &dyn Fn() -> Response| {
        if req.method == "GET" {
            f()
        } else {
            method_not_allowed()
        }
    };
    let accept = req.header("accept");
    match segs.as_slice() {
        [] => get_only(&|| {
            json_response(
                &json!({"paths": ["/api", "/api/v1", "/apis", "/healthz", "/livez", "/readyz", "/version"]}),
            )
        }),
        ["version"] => get_only(&|| json_response(&version(&ctx.settings.kubernetes_version))),
        ["healthz" | "livez" | "readyz"] => {
            get_only(&|| Response::new(200, "text/plain; charset=utf-8", b"ok".to_vec()))
        }
        ["api"] => get_only(&|| discovery_root(ctx, accept, true)),
        ["apis"] => get_only(&|| discovery_root(ctx, accept, false)),
        ["api", "v1"] => get_only(&|| json_response(&registry::resource_list("", "v1"))),
        ["apis", g] => {
            get_only(&|| registry::group(g).map_or_else(no_route, |v| json_response(&v)))
        }
        ["apis", g, v] if registry::serves(g, v) => {
            get_only(&|| json_response(&registry::resource_list(g, v)))
        }
        ["api", "v1", rest @ ..] => resource_route(ctx, req, &params, "", "v1", rest),
        ["apis", g, v, rest @ ..] => resource_route(ctx, req, &params, g, v, rest),
        _ => no_route(),
    }
}

fn version(git_version: &str) -> Value {
    let digits = git_version.trim_start_matches('v');
    let mut parts = digits.split('.');
    let major = parts.next().unwrap_or("1");
    let minor = parts.next().unwrap_or("33");
    json!({
        "major": major,
        "minor": minor,
        "emulationMajor": major,
        "emulationMinor": minor,
        "minCompatibilityMajor": major,
        "minCompatibilityMinor": minor,
        "gitVersion": git_version,
        "gitCommit": "0000000000000000000000000000000000000000",
        "gitTreeState": "clean",
        "buildDate": "2026-01-01T00:00:00Z",
        "goVersion": "go1.24.4",
        "compiler": "gc",
        "platform": "linux/amd64",
    })
}

fn discovery_root(ctx: &Ctx<'_>, accept: Option<&str>, core: bool) -> Response {
    match negotiate(accept, false, ctx.settings.aggregated_discovery) {
        None => not_acceptable(),
        Some(repr @ Repr::Discovery(v)) => {
            let body = registry::aggregated(core, &format!("apidiscovery.k8s.io/{v}"));
            Response::new(200, &repr.content_type(), body.to_string().into_bytes())
        }
        Some(_) if core => json_response(&json!({
            "kind": "APIVersions",
            "versions": ["v1"],
            "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": ctx.addr}],
        })),
        Some(_) => json_response(&registry::group_list()),
    }
}

/// The target of a resource path.
enum Target<'a> {
    Collection {
        namespace: Option<&'a str>,
    },
    Object {
        namespace: Option<&'a str>,
        name: &'a str,
        sub: &'a [&'a str],
    },
}

fn resource_route(
    ctx: &Ctx<'_>,
    req: &Request,
    params: &[(String, String)],
    group: &str,
    version: &str,
    rest: &[&str],
) -> Response {
    // Core namespace subresources (`namespaces/{ns}/status`) look like namespaced collections.
    let (resource, target) = match rest {
        ["namespaces", ns, sub @ ("status" | "finalize")] if group.is_empty() => (
            registry::find("", "v1", "namespaces"),
            Target::Object {
                namespace: None,
                name: ns,
                sub: std::slice::from_ref(sub),
            },
        ),
        ["namespaces", ns, plural, tail @ ..] => {
            let r = registry::find(group, version, plural).filter(|r| r.namespaced);
            match tail {
                [] => (
                    r,
                    Target::Collection {
                        namespace: Some(*ns),
                    },
                ),
                [name, sub @ ..] => (
                    r,
                    Target::Object {
                        namespace: Some(*ns),
                        name,
                        sub,
                    },
                ),
            }
        }
        [plural] => (
            registry::find(group, version, plural),
            Target::Collection { namespace: None },
        ),
        [plural, name, sub @ ..] => (
            registry::find(group, version, plural).filter(|r| !r.namespaced),
            Target::Object {
                namespace: None,
                name,
                sub,
            },
        ),
        [] => (None, Target::Collection { namespace: None }),
    };
    let Some(resource) = resource else {
        return no_route();
    };
    let param = Params(params);
    match target {
        Target::Collection { namespace } => match req.method.as_str() {
            "GET" => list(ctx, req, resource, namespace, &param),
            "POST" => create(ctx, req, resource, namespace, &param),
            _ => method_not_allowed(),
        },
        Target::Object {
            namespace,
            name,
            sub,
        } => match sub {
            [] => object(ctx, req, resource, namespace, name, false, &param),
            ["status"] if resource.subresources.iter().any(|(s, _, _)| *s == "status") => {
                object(ctx, req, resource, namespace, name, true, &param)
            }
            ["proxy", tail @ ..] if resource.plural == "nodes" => node_proxy(ctx, req, name, tail),
            _ => no_route(),
        },
    }
}

// --- Lists -------------------------------------------------------------------------------

fn list(
    ctx: &Ctx<'_>,
    req: &Request,
    resource: &'static Resource,
    namespace: Option<&str>,
    param: &Params<'_>,
) -> Response {
    if matches!(param.get("watch"), Some("true" | "1")) {
        return status(
            405,
            "MethodNotAllowed",
            "watch is not supported by the test emulator",
            Some(json!({"kind": resource.plural})),
        );
    }
    let Some(repr) = negotiate(req.header("accept"), true, false) else {
        return not_acceptable();
    };
    let labels = match LabelSelector::parse(param.get("labelSelector").unwrap_or("")) {
        Ok(s) => s,
        Err(e) => return err(400, &e),
    };
    let fields = match FieldSelector::parse(
        param.get("fieldSelector").unwrap_or(""),
        &resource.field_labels(),
    ) {
        Ok(s) => s,
        Err(e) => return err(400, &e),
    };
    let limit = match param.get("limit").filter(|l| !l.is_empty()) {
        None => None,
        Some(l) => match l.parse::<i64>() {
            Ok(n) if n >= 0 => Some(n as usize),
            _ => {
                return err(
                    400,
                    &format!("limit: Invalid value: {l:?}: must be a non-negative integer"),
                );
            }
        },
    };
    let q = ListQuery {
        namespace,
        labels,
        fields,
        limit,
        continue_token: param.get("continue").filter(|c| !c.is_empty()),
    };
    let store = ctx.store();
    let page = match store.list(resource, &q, ctx.settings.page_size_cap.map(|c| c.max(1))) {
        Ok(p) => p,
        Err(ListError::BadContinue(e)) => return err(400, &format!("invalid continue token: {e}")),
        Err(ListError::Expired) => {
            return status(
                410,
                "Expired",
                "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.",
                None,
            );
        }
    };
    let mut meta = json!({"resourceVersion": page.resource_version.to_string()});
    if let Some(c) = &page.continue_token {
        meta["continue"] = json!(c);
    }
    if let Some(r) = page.remaining {
        meta["remainingItemCount"] = json!(r);
    }
    match repr {
        Repr::Json | Repr::Discovery(_) => {
            let mut body = Vec::with_capacity(
                page.items.iter().map(|e| e.json.len() + 1).sum::<usize>() + 256,
            );
            body.extend_from_slice(
                format!(
                    "{{\"kind\":\"{}List\",\"apiVersion\":\"{}\",\"metadata\":{},\"items\":[",
                    resource.kind,
                    resource.api_version(),
                    meta
                )
                .as_bytes(),
            );
            for (i, e) in page.items.iter().enumerate() {
                if i > 0 {
                    body.push(b',');
                }
                body.extend_from_slice(&e.json);
            }
            body.extend_from_slice(b"]}");
            Response::new(200, "application/json", body)
        }
        Repr::Table(v) => {
            let now = util::unix_now();
            let include = param.get("includeObject").unwrap_or("Metadata");
            let rows: Vec<Value> = page
                .items
                .iter()
                .map(|e| table::row(resource, &e.obj, include, now))
                .collect();
            let body = json!({
                "kind": "Table",
                "apiVersion": format!("meta.k8s.io/{v}"),
                "metadata": meta,
                "columnDefinitions": table::column_definitions(resource),
                "rows": rows,
            });
            Response::new(200, &repr.content_type(), body.to_string().into_bytes())
        }
        Repr::Meta(v) => {
            let items: Vec<Value> = page
                .items
                .iter()
                .map(|e| {
                    json!({"kind": "PartialObjectMetadata", "apiVersion": format!("meta.k8s.io/{v}"), "metadata": e.obj["metadata"]})
                })
                .collect();
            let body = json!({"kind": "PartialObjectMetadataList", "apiVersion": format!("meta.k8s.io/{v}"), "metadata": meta, "items": items});
            Response::new(200, &repr.content_type(), body.to_string().into_bytes())
        }
    }
}

// --- Single objects ----------------------------------------------------------------------

fn render_object(
    resource: &Resource,
    obj: &Value,
    raw: &[u8],
    repr: Repr,
    include: &str,
) -> Response {
    match repr {
        Repr::Json | Repr::Discovery(_) => Response::new(200, "application/json", raw.to_vec()),
        Repr::Table(v) => {
            let body = json!({
                "kind": "Table",
                "apiVersion": format!("meta.k8s.io/{v}"),
                "metadata": {"resourceVersion": obj.pointer("/metadata/resourceVersion")},
                "columnDefinitions": table::column_definitions(resource),
                "rows": [table::row(resource, obj, include, util::unix_now())],
            });
            Response::new(200, &repr.content_type(), body.to_string().into_bytes())
        }
        Repr::Meta(v) => {
            let body = json!({"kind": "PartialObjectMetadata", "apiVersion": format!("meta.k8s.io/{v}"), "metadata": obj["metadata"]});
            Response::new(
                200,
                &format!("application/json;as=PartialObjectMetadata;v={v};g=meta.k8s.io"),
                body.to_string().into_bytes(),
            )
        }
    }
}

fn object(
    ctx: &Ctx<'_>,
    req: &Request,
    resource: &'static Resource,
    namespace: Option<&str>,
    name: &str,
    status_sub: bool,
    param: &Params<'_>,
) -> Response {
    match req.method.as_str() {
        "GET" => {
            let Some(repr) = negotiate(req.header("accept"), true, false) else {
                return not_acceptable();
            };
            let store = ctx.store();
            match store.get(resource, namespace, name) {
                Some(e) => render_object(
                    resource,
                    &e.obj,
                    &e.json,
                    repr,
                    param.get("includeObject").unwrap_or("Metadata"),
                ),
                None => not_found(resource, name),
            }
        }
        "PATCH" => patch_object(ctx, req, resource, namespace, name, status_sub, param),
        "PUT" => replace(ctx, req, resource, namespace, name, status_sub, param),
        "DELETE" if !status_sub => {
            if dry_run(param).is_err() {
                return invalid_dry_run(param);
            }
            let mut store = ctx.store();
            let Some(existing) = store.get(resource, namespace, name).map(|e| e.obj.clone()) else {
                return not_found(resource, name);
            };
            if dry_run(param) != Ok(true) {
                store.remove(resource, namespace, name);
            }
            json_response(&existing)
        }
        _ => method_not_allowed(),
    }
}

fn dry_run(param: &Params<'_>) -> Result<bool, ()> {
    match param.get("dryRun") {
        None | Some("") => Ok(false),
        Some("All") => Ok(true),
        Some(_) => Err(()),
    }
}

/// A 422 `Invalid` status as `apierrors.NewInvalid` builds it: `{Kind}[.{group}] "{name}" is
/// invalid: {field}: {detail}`, with one cause.
fn invalid(
    group: &str,
    kind: &str,
    name: &str,
    field: &str,
    cause: &str,
    detail: &str,
) -> Response {
    let qualified = if group.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}.{group}")
    };
    let mut details = json!({
        "name": name,
        "kind": kind,
        "causes": [{"reason": cause, "message": detail, "field": field}],
    });
    if !group.is_empty() {
        details["group"] = json!(group);
    }
    status(
        422,
        "Invalid",
        &format!("{qualified} \"{name}\" is invalid: {field}: {detail}"),
        Some(details),
    )
}

fn invalid_dry_run(param: &Params<'_>) -> Response {
    invalid(
        "meta.k8s.io",
        "PatchOptions",
        "",
        "dryRun",
        "FieldValueNotSupported",
        &format!(
            "Unsupported value: [\"{}\"]: supported values: \"All\"",
            param.get("dryRun").unwrap_or_default()
        ),
    )
}

/// What the API server answers when a patch cannot be applied (e.g. a failed JSON-patch
/// `test`): `NewGenericServerResponse(422, ...)` with the patch library's message as the cause.
fn unprocessable_patch(detail: &str) -> Response {
    status(
        422,
        "Invalid",
        "the server rejected our request due to an error in our request",
        Some(json!({"causes": [{"reason": "UnexpectedServerResponse", "message": detail}]})),
    )
}

fn body_json(req: &Request) -> Result<Value, Response> {
    serde_json::from_slice(&req.body)
        .map_err(|e| err(400, &format!("error decoding request body: {e}")))
}

fn conflict(resource: &Resource, name: &str) -> Response {
    let mut details = json!({"name": name, "kind": resource.plural});
    if !resource.group.is_empty() {
        details["group"] = json!(resource.group);
    }
    status(
        409,
        "Conflict",
        &format!(
            "Operation cannot be fulfilled on {} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            resource.qualified()
        ),
        Some(details),
    )
}

/// Keeps what a client may not change through this endpoint, checks the optimistic-concurrency
/// precondition, and bumps `generation` when the spec changed. `Err` is the response to send.
fn reconcile(
    resource: &Resource,
    name: &str,
    old: &Value,
    mut new: Value,
    status_sub: bool,
) -> Result<Value, Response> {
    if !new.is_object() || !new.get("metadata").is_some_and(Value::is_object) {
        return Err(unprocessable_patch(
            "the patched object must be a JSON object with metadata",
        ));
    }
    let old_rv = old.pointer("/metadata/resourceVersion").cloned();
    let new_rv = new.pointer("/metadata/resourceVersion").cloned();
    if new_rv.is_some() && new_rv != old_rv {
        return Err(conflict(resource, name));
    }
    for key in [
        "name",
        "namespace",
        "uid",
        "creationTimestamp",
        "resourceVersion",
        "generation",
    ] {
        match old["metadata"].get(key) {
            Some(v) => new["metadata"][key] = v.clone(),
            None => {
                if let Some(m) = new["metadata"].as_object_mut() {
                    m.remove(key);
                }
            }
        }
    }
    new["apiVersion"] = json!(resource.api_version());
    new["kind"] = json!(resource.kind);
    let has_status_sub = resource.subresources.iter().any(|(s, _, _)| *s == "status");
    if has_status_sub {
        if status_sub {
            // Only status changes through /status.
            let status = new.get("status").cloned();
            new = old.clone();
            match status {
                Some(s) => new["status"] = s,
                None => {
                    if let Some(m) = new.as_object_mut() {
                        m.remove("status");
                    }
                }
            }
        } else {
            match old.get("status") {
                Some(s) => new["status"] = s.clone(),
                None => {
                    if let Some(m) = new.as_object_mut() {
                        m.remove("status");
                    }
                }
            }
        }
    }
    if resource.crd && old.get("spec") != new.get("spec") {
        let generation = old
            .pointer("/metadata/generation")
            .and_then(Value::as_i64)
            .unwrap_or(1);
        new["metadata"]["generation"] = json!(generation + 1);
    }
    Ok(new)
}

fn patch_object(
    ctx: &Ctx<'_>,
    req: &Request,
    resource: &'static Resource,
    namespace: Option<&str>,
    name: &str,
    status_sub: bool,
    param: &Params<'_>,
) -> Response {
    let Ok(dry) = dry_run(param) else {
        return invalid_dry_run(param);
    };
    if param.get("fieldManager").is_some_and(|m| m.len() > 128) {
        return invalid(
            "meta.k8s.io",
            "PatchOptions",
            "",
            "fieldManager",
            "FieldValueTooLong",
            "Too long: may not be more than 128 bytes",
        );
    }
    let content_type = req
        .header("content-type")
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let accepted = "accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";
    let smp = "application/strategic-merge-patch+json";
    let kind = match content_type.as_str() {
        "application/merge-patch+json" => "merge",
        "application/json-patch+json" => "json",
        "application/apply-patch+yaml" => "apply",
        t if t == smp && !resource.crd => "merge",
        _ => {
            let accepted = if resource.crd {
                accepted.to_string()
            } else {
                format!("{accepted}, {smp}")
            };
            return status(
                415,
                "UnsupportedMediaType",
                &format!("the body of the request was in an unknown format - {accepted}"),
                None,
            );
        }
    };
    let patch_doc: Value = if kind == "apply" {
        if param.get("fieldManager").is_none_or(str::is_empty) {
            return invalid(
                "meta.k8s.io",
                "PatchOptions",
                "",
                "fieldManager",
                "FieldValueRequired",
                "Required value: is required for apply patch",
            );
        }
        let text = String::from_utf8_lossy(&req.body);
        match serde_yaml::from_str::<Value>(&text) {
            Ok(v) => v,
            Err(e) => return err(400, &format!("error decoding YAML: {e}")),
        }
    } else {
        match body_json(req) {
            Ok(v) => v,
            Err(r) => return r,
        }
    };
    let mut store = ctx.store();
    let old = match store.get(resource, namespace, name) {
        Some(e) => e.obj.clone(),
        None if kind == "apply" && !status_sub => {
            // Server-side apply creates.
            if resource.namespaced && namespace.is_some_and(|ns| !store.namespace_exists(ns)) {
                return namespace_not_found(namespace.unwrap_or_default());
            }
            let mut obj = patch_doc.clone();
            if !obj.is_object() {
                return unprocessable_patch("an apply patch must be an object");
            }
            if !obj.get("metadata").is_some_and(Value::is_object) {
                obj["metadata"] = json!({});
            }
            obj["metadata"]["name"] = json!(name);
            if let Some(ns) = namespace {
                obj["metadata"]["namespace"] = json!(ns);
            }
            if dry {
                obj["apiVersion"] = json!(resource.api_version());
                obj["kind"] = json!(resource.kind);
                return Response::new(201, "application/json", obj.to_string().into_bytes());
            }
            let stored = store.put(resource, obj);
            return Response::new(201, "application/json", stored.to_string().into_bytes());
        }
        None => return not_found(resource, name),
    };
    let mut patched = old.clone();
    match kind {
        "json" => {
            if let Err(e) = patch::json_patch(&mut patched, &patch_doc) {
                return unprocessable_patch(&e);
            }
        }
        _ => {
            if !patch_doc.is_object() {
                return err(
                    400,
                    "error decoding patch: a merge patch must be a JSON object",
                );
            }
            patch::merge_patch(&mut patched, &patch_doc);
        }
    }
    let patched = match reconcile(resource, name, &old, patched, status_sub) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if dry {
        return json_response(&patched);
    }
    let stored = store.put(resource, patched);
    json_response(&stored)
}

fn replace(
    ctx: &Ctx<'_>,
    req: &Request,
    resource: &'static Resource,
    namespace: Option<&str>,
    name: &str,
    status_sub: bool,
    param: &Params<'_>,
) -> Response {
    let Ok(dry) = dry_run(param) else {
        return invalid_dry_run(param);
    };
    let new = match body_json(req) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if new
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .is_some_and(|n| n != name)
    {
        return err(
            400,
            &format!(
                "the name of the object ({}) does not match the name on the URL ({name})",
                new["metadata"]["name"].as_str().unwrap_or_default()
            ),
        );
    }
    let mut store = ctx.store();
    let Some(old) = store.get(resource, namespace, name).map(|e| e.obj.clone()) else {
        return not_found(resource, name);
    };
    let new = match reconcile(resource, name, &old, new, status_sub) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if dry {
        return json_response(&new);
    }
    let stored = store.put(resource, new);
    json_response(&stored)
}

fn namespace_not_found(ns: &str) -> Response {
    status(
        404,
        "NotFound",
        &format!("namespaces \"{ns}\" not found"),
        Some(json!({"name": ns, "kind": "namespaces"})),
    )
}

fn create(
    ctx: &Ctx<'_>,
    req: &Request,
    resource: &'static Resource,
    namespace: Option<&str>,
    param: &Params<'_>,
) -> Response {
    let Ok(dry) = dry_run(param) else {
        return invalid_dry_run(param);
    };
    let mut obj = match body_json(req) {
        Ok(v) if v.is_object() => v,
        Ok(_) => return err(400, "the request body must be a JSON object"),
        Err(r) => return r,
    };
    let Some(name) = obj
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return invalid(
            resource.group,
            resource.kind,
            "",
            "metadata.name",
            "FieldValueRequired",
            "Required value: name or generateName is required",
        );
    };
    if resource.namespaced {
        let Some(ns) = namespace else {
            return method_not_allowed();
        };
        obj["metadata"]["namespace"] = json!(ns);
    }
    let mut store = ctx.store();
    if let Some(ns) = namespace.filter(|_| resource.namespaced)
        && !store.namespace_exists(ns)
    {
        return namespace_not_found(ns);
    }
    if store.get(resource, namespace, &name).is_some() {
        let mut details = json!({"name": name, "kind": resource.plural});
        if !resource.group.is_empty() {
            details["group"] = json!(resource.group);
        }
        return status(
            409,
            "AlreadyExists",
            &format!("{} \"{name}\" already exists", resource.qualified()),
            Some(details),
        );
    }
    if let Some(m) = obj["metadata"].as_object_mut() {
        m.remove("resourceVersion");
    }
    if dry {
        obj["apiVersion"] = json!(resource.api_version());
        obj["kind"] = json!(resource.kind);
        return Response::new(201, "application/json", obj.to_string().into_bytes());
    }
    let stored = store.put(resource, obj);
    Response::new(201, "application/json", stored.to_string().into_bytes())
}

// --- Node proxy --------------------------------------------------------------------------

fn node_proxy(ctx: &Ctx<'_>, req: &Request, node: &str, tail: &[&str]) -> Response {
    let store = ctx.store();
    let nodes = registry::find("", "v1", "nodes").expect("nodes registered");
    let Some(entry) = store.get(nodes, None, node) else {
        return not_found(nodes, node);
    };
    let ip = entry
        .obj
        .pointer("/status/addresses")
        .and_then(Value::as_array)
        .and_then(|a| a.iter().find(|x| x["type"] == "InternalIP"))
        .and_then(|x| x["address"].as_str())
        .unwrap_or(node)
        .to_string();
    let Some(configz) = store.configz.get(node) else {
        // The kubelet is not reachable: the API server's proxy transport reports a 503.
        return status(
            503,
            "ServiceUnavailable",
            &format!(
                "error trying to reach service: dial tcp {ip}:10250: connect: connection refused"
            ),
            None,
        );
    };
    match (req.method.as_str(), tail) {
        ("GET", ["configz"]) => json_response(configz),
        ("GET", ["healthz"]) => Response::new(200, "text/plain; charset=utf-8", b"ok".to_vec()),
        ("GET", _) => Response::new(
            404,
            "text/plain; charset=utf-8",
            b"404 page not found\n".to_vec(),
        ),
        _ => Response::new(
            405,
            "text/plain; charset=utf-8",
            b"405 method not allowed\n".to_vec(),
        ),
    }
}
