//! The only code that talks to the API server: a client built from kubectl's flags and the
//! kubeconfig, paged lists that hold one page in memory, single GETs, the kubelet's configz
//! through the API server proxy, and PATCH with server-side dry-run.
//!
//! Errors carry the HTTP status, what was being done, and for 401/403 the credential or RBAC
//! permission that is missing. Only idempotent reads are retried (429 and 5xx, with backoff).
//! Nothing here knows about lint rules or the KubeVirt model: callers get JSON text.

use std::time::Duration;

use http::Request;
use kube::config::{KubeConfigOptions, Kubeconfig};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::cli::KubeArgs;

/// Objects asked for per page (`limit`).
pub const PAGE_SIZE: usize = 500;
/// How many times an idempotent read is tried on 429/5xx.
const ATTEMPTS: u32 = 4;

/// Why talking to the cluster failed.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    /// The kubeconfig could not be read or does not name a usable context.
    #[error("cannot use the kubeconfig: {message} (check --kubeconfig, $KUBECONFIG and --context)")]
    Config {
        /// What kube reported.
        message: String,
    },
    /// `--request-timeout` does not parse.
    #[error(
        "invalid --request-timeout '{value}': use a duration such as 30s, 2m or 0 (no timeout)"
    )]
    Timeout {
        /// The value given.
        value: String,
    },
    /// The server could not be reached at all (DNS, connection refused, TLS).
    #[error("cannot reach the API server at {url} while trying to {action}: {message}")]
    Unreachable {
        url: String,
        action: String,
        message: String,
    },
    /// The request took longer than `--request-timeout`.
    #[error("timed out after {seconds}s while trying to {action} (raise --request-timeout)")]
    TimedOut { action: String, seconds: u64 },
    /// The server answered with an error status.
    #[error("{action}: {status} {reason}: {message}{}", hint.as_deref().map(|h| format!(" ({h})")).unwrap_or_default())]
    Api {
        /// What was being done, e.g. `list virtualmachineinstances in namespace prod`.
        action: String,
        /// The HTTP status.
        status: u16,
        /// The Status reason (`Forbidden`, `NotFound`, …).
        reason: String,
        /// The server's message.
        message: String,
        /// What to do about it (the missing RBAC permission for 403).
        hint: Option<String>,
    },
    /// The answer was not the JSON expected.
    #[error("unexpected answer while trying to {action}: {message}")]
    Decode { action: String, message: String },
}

impl ClusterError {
    /// The HTTP status, for errors the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClusterError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether the cluster as a whole is unusable (exit 2), not just one object or node.
    pub fn is_fatal(&self) -> bool {
        matches!(
            self,
            ClusterError::Config { .. }
                | ClusterError::Timeout { .. }
                | ClusterError::Unreachable { .. }
        ) || self.status() == Some(401)
    }
}

/// A resource the tool reads, with the RBAC words for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resource {
    /// `""` for the core group.
    pub group: &'static str,
    pub version: &'static str,
    pub plural: &'static str,
    pub namespaced: bool,
}

impl Resource {
    pub const NODES: Resource = Resource::core("nodes", false);
    pub const PODS: Resource = Resource::core("pods", true);
    pub const NAMESPACES: Resource = Resource::core("namespaces", false);
    pub const RESOURCE_QUOTAS: Resource = Resource::core("resourcequotas", true);
    pub const VMS: Resource = Resource::kubevirt("virtualmachines");
    pub const VMIS: Resource = Resource::kubevirt("virtualmachineinstances");
    pub const KUBEVIRTS: Resource = Resource::kubevirt("kubevirts");
    pub const INSTANCETYPES: Resource = Resource::instancetype("virtualmachineinstancetypes", true);
    pub const CLUSTER_INSTANCETYPES: Resource =
        Resource::instancetype("virtualmachineclusterinstancetypes", false);
    pub const PREFERENCES: Resource = Resource::instancetype("virtualmachinepreferences", true);
    pub const CLUSTER_PREFERENCES: Resource =
        Resource::instancetype("virtualmachineclusterpreferences", false);

    const fn core(plural: &'static str, namespaced: bool) -> Resource {
        Resource {
            group: "",
            version: "v1",
            plural,
            namespaced,
        }
    }

    const fn kubevirt(plural: &'static str) -> Resource {
        Resource {
            group: "kubevirt.io",
            version: "v1",
            plural,
            namespaced: true,
        }
    }

    const fn instancetype(plural: &'static str, namespaced: bool) -> Resource {
        Resource {
            group: "instancetype.kubevirt.io",
            version: "v1beta1",
            plural,
            namespaced,
        }
    }

    /// The collection path, in one namespace or across all.
    pub fn path(&self, namespace: Option<&str>) -> String {
        let base = if self.group.is_empty() {
            format!("/api/{}", self.version)
        } else {
            format!("/apis/{}/{}", self.group, self.version)
        };
        match namespace.filter(|_| self.namespaced) {
            Some(namespace) => format!("{base}/namespaces/{namespace}/{}", self.plural),
            None => format!("{base}/{}", self.plural),
        }
    }

    /// `plural.group` as RBAC names it.
    pub fn rbac_name(&self) -> String {
        if self.group.is_empty() {
            self.plural.to_string()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }
}

/// Parses kubectl's `--request-timeout`: a Go duration (`30s`, `1m30s`) or bare seconds; `0`
/// means no timeout.
pub fn parse_request_timeout(text: &str) -> Result<Option<Duration>, ClusterError> {
    let invalid = || ClusterError::Timeout {
        value: text.to_string(),
    };
    let trimmed = text.trim();
    let nanos = match trimmed.parse::<u64>() {
        Ok(seconds) => i128::from(seconds) * 1_000_000_000,
        Err(_) => i128::from(
            crate::kubelet::duration::GoDuration::parse(trimmed)
                .map_err(|_| invalid())?
                .0,
        ),
    };
    if nanos < 0 {
        return Err(invalid());
    }
    if nanos == 0 {
        return Ok(None);
    }
    Ok(Some(Duration::from_nanos(
        u64::try_from(nanos).map_err(|_| invalid())?,
    )))
}

/// One page of a list: the raw items and the continue token.
#[derive(Debug, Deserialize)]
pub struct Page {
    #[serde(default)]
    pub items: Vec<Box<RawValue>>,
    #[serde(default)]
    metadata: ListMeta,
}

#[derive(Debug, Default, Deserialize)]
struct ListMeta {
    #[serde(rename = "continue", default)]
    continue_token: Option<String>,
}

/// A connected client.
#[derive(Clone)]
pub struct Cluster {
    client: kube::Client,
    url: String,
    /// The namespace of the context (or `default`).
    pub default_namespace: String,
    timeout: Option<Duration>,
}

impl std::fmt::Debug for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print credentials: only where the cluster is.
        f.debug_struct("Cluster")
            .field("url", &self.url)
            .field("default_namespace", &self.default_namespace)
            .finish()
    }
}

/// A current-thread runtime for the synchronous command glue.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

fn kube_message(error: &impl std::fmt::Display) -> String {
    error.to_string()
}

/// The permission a 403 is missing, in `kubectl auth can-i` words.
fn rbac_hint(verb: &str, resource: &str, namespace: Option<&str>) -> String {
    match namespace {
        Some(namespace) => format!(
            "needs RBAC permission to {verb} {resource} in namespace {namespace}: kubectl auth can-i {verb} {resource} -n {namespace}"
        ),
        None => format!(
            "needs RBAC permission to {verb} {resource} at the cluster scope: kubectl auth can-i {verb} {resource}"
        ),
    }
}

impl Cluster {
    /// Builds a client from kubectl's flags: `--kubeconfig` (else `$KUBECONFIG`, else
    /// `~/.kube/config`), `--context`, `--cluster`, `--user`, `--request-timeout`.
    pub async fn connect(args: &KubeArgs) -> Result<Cluster, ClusterError> {
        // One TLS backend for the process: ring (no C toolchain, no OpenSSL). Installing it
        // twice is harmless; the error only says one is already installed.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let config_error = |message: String| ClusterError::Config { message };
        let kubeconfig = match &args.kubeconfig {
            Some(path) => Kubeconfig::read_from(path),
            None => Kubeconfig::read(),
        }
        .map_err(|e| config_error(kube_message(&e)))?;
        let options = KubeConfigOptions {
            context: args.context.clone(),
            cluster: args.cluster.clone(),
            user: args.user.clone(),
        };
        let mut config = kube::Config::from_custom_kubeconfig(kubeconfig, &options)
            .await
            .map_err(|e| config_error(kube_message(&e)))?;
        // kube retries 429/503/504 on every request, up to 15 times with delays growing to
        // minutes: a CLI must not hang on one unreachable kubelet, and writes must never be
        // retried. `get_text` retries idempotent reads itself, briefly.
        config.default_retry = false;
        let timeout = match &args.request_timeout {
            Some(text) => parse_request_timeout(text)?,
            None => None,
        };
        if let Some(timeout) = timeout {
            config.connect_timeout = Some(timeout);
            config.read_timeout = Some(timeout);
            config.write_timeout = Some(timeout);
        }
        let url = config.cluster_url.to_string();
        let default_namespace = config.default_namespace.clone();
        let client = kube::Client::try_from(config).map_err(|e| ClusterError::Unreachable {
            url: url.clone(),
            action: "set up the client".into(),
            message: kube_message(&e),
        })?;
        Ok(Cluster {
            client,
            url,
            default_namespace,
            timeout,
        })
    }

    /// The namespace to use: `-n`, else the context's; `None` with `-A`.
    pub fn namespace<'a>(&'a self, args: &'a KubeArgs) -> Option<&'a str> {
        if args.all_namespaces {
            None
        } else {
            Some(args.namespace.as_deref().unwrap_or(&self.default_namespace))
        }
    }

    fn classify(
        &self,
        error: kube::Error,
        action: &str,
        hint: impl FnOnce(u16) -> Option<String>,
    ) -> ClusterError {
        match error {
            kube::Error::Api(status) => {
                let code = status.code;
                let reason = if status.reason.is_empty() {
                    http::StatusCode::from_u16(code)
                        .ok()
                        .and_then(|s| s.canonical_reason())
                        .unwrap_or("Error")
                        .to_string()
                } else {
                    status.reason.clone()
                };
                let hint = match code {
                    401 => Some(
                        "the server rejected the credentials: the token may have expired; log in again or check the kubeconfig user"
                            .to_string(),
                    ),
                    _ => hint(code),
                };
                ClusterError::Api {
                    action: action.to_string(),
                    status: code,
                    reason,
                    message: status.message.clone(),
                    hint,
                }
            }
            kube::Error::SerdeError(error) => ClusterError::Decode {
                action: action.to_string(),
                message: error.to_string(),
            },
            other => ClusterError::Unreachable {
                url: self.url.clone(),
                action: action.to_string(),
                message: error_chain(&other),
            },
        }
    }

    /// GETs `path` as text, retrying 429/5xx with backoff.
    async fn get_text(
        &self,
        path: &str,
        action: &str,
        hint: impl Fn(u16) -> Option<String>,
    ) -> Result<String, ClusterError> {
        let mut delay = Duration::from_millis(200);
        let mut attempt = 1;
        loop {
            let request = Request::get(path)
                .header("Accept", "application/json")
                .body(Vec::new())
                .map_err(|e| ClusterError::Decode {
                    action: action.to_string(),
                    message: e.to_string(),
                })?;
            let call = self.client.request_text(request);
            let result = match self.timeout {
                Some(timeout) => match tokio::time::timeout(timeout, call).await {
                    Ok(result) => result,
                    Err(_) => {
                        return Err(ClusterError::TimedOut {
                            action: action.to_string(),
                            seconds: timeout.as_secs().max(1),
                        });
                    }
                },
                None => call.await,
            };
            match result {
                Ok(text) => return Ok(text),
                Err(error) => {
                    let error = self.classify(error, action, &hint);
                    let retryable = matches!(error.status(), Some(429 | 500 | 502 | 503 | 504));
                    if !retryable || attempt >= ATTEMPTS {
                        return Err(error);
                    }
                    tokio::time::sleep(delay).await;
                    delay *= 2;
                    attempt += 1;
                }
            }
        }
    }

    /// GETs one object or document as JSON.
    pub async fn get_json(
        &self,
        path: &str,
        action: &str,
    ) -> Result<serde_json::Value, ClusterError> {
        let text = self.get_text(path, action, |_| None).await?;
        serde_json::from_str(&text).map_err(|e| ClusterError::Decode {
            action: action.to_string(),
            message: e.to_string(),
        })
    }

    /// GETs one named object of a resource.
    pub async fn get(
        &self,
        resource: Resource,
        namespace: Option<&str>,
        name: &str,
    ) -> Result<serde_json::Value, ClusterError> {
        let path = format!("{}/{name}", resource.path(namespace));
        let action = format!(
            "get {} {name}{}",
            resource.rbac_name(),
            namespace
                .map(|n| format!(" in namespace {n}"))
                .unwrap_or_default()
        );
        let text = self
            .get_text(&path, &action, |code| {
                (code == 403).then(|| rbac_hint("get", &resource.rbac_name(), namespace))
            })
            .await?;
        serde_json::from_str(&text).map_err(|e| ClusterError::Decode {
            action,
            message: e.to_string(),
        })
    }

    /// Lists a resource page by page (`limit` + `continue`), handing each page's raw items to
    /// `each` so that only one page is held in memory.
    pub async fn list_each(
        &self,
        resource: Resource,
        namespace: Option<&str>,
        selector: Option<&str>,
        field_selector: Option<&str>,
        mut each: impl FnMut(Vec<Box<RawValue>>),
    ) -> Result<(), ClusterError> {
        let action = format!(
            "list {}{}",
            resource.rbac_name(),
            match namespace.filter(|_| resource.namespaced) {
                Some(namespace) => format!(" in namespace {namespace}"),
                None if resource.namespaced => " in all namespaces".to_string(),
                None => String::new(),
            }
        );
        let mut token: Option<String> = None;
        loop {
            let mut query = vec![format!("limit={PAGE_SIZE}")];
            if let Some(selector) = selector {
                query.push(format!("labelSelector={}", encode(selector)));
            }
            if let Some(fields) = field_selector {
                query.push(format!("fieldSelector={}", encode(fields)));
            }
            if let Some(token) = &token {
                query.push(format!("continue={}", encode(token)));
            }
            let path = format!("{}?{}", resource.path(namespace), query.join("&"));
            let text = self
                .get_text(&path, &action, |code| {
                    (code == 403).then(|| {
                        rbac_hint(
                            "list",
                            &resource.rbac_name(),
                            namespace.filter(|_| resource.namespaced),
                        )
                    })
                })
                .await?;
            let page: Page = serde_json::from_str(&text).map_err(|e| ClusterError::Decode {
                action: action.clone(),
                message: e.to_string(),
            })?;
            drop(text);
            token = page.metadata.continue_token.filter(|t| !t.is_empty());
            each(page.items);
            if token.is_none() {
                return Ok(());
            }
        }
    }

    /// Lists a small resource completely (instancetypes, quotas, the KubeVirt CR).
    pub async fn list_all(
        &self,
        resource: Resource,
        namespace: Option<&str>,
        selector: Option<&str>,
    ) -> Result<Vec<Box<RawValue>>, ClusterError> {
        let mut all = Vec::new();
        self.list_each(resource, namespace, selector, None, |items| {
            all.extend(items)
        })
        .await?;
        Ok(all)
    }

    /// The kubelet's effective configuration, through the API server's node proxy.
    pub async fn configz(&self, node: &str) -> Result<String, ClusterError> {
        let path = format!("/api/v1/nodes/{node}/proxy/configz");
        self.get_text(
            &path,
            &format!("read the kubelet configuration of node {node}"),
            |code| (code == 403).then(|| rbac_hint("get", "nodes/proxy", None)),
        )
        .await
    }

    /// PATCHes an object with a JSON merge patch, as field manager `kubectl-density`;
    /// `dry_run` asks the server to validate without storing. Not retried.
    pub async fn merge_patch(
        &self,
        resource: Resource,
        namespace: &str,
        name: &str,
        patch: &serde_json::Value,
        dry_run: bool,
    ) -> Result<serde_json::Value, ClusterError> {
        let mut path = format!(
            "{}/{name}?fieldManager=kubectl-density",
            resource.path(Some(namespace))
        );
        if dry_run {
            path.push_str("&dryRun=All");
        }
        let action = format!(
            "patch {} {name} in namespace {namespace}{}",
            resource.rbac_name(),
            if dry_run {
                " (server-side dry run)"
            } else {
                ""
            }
        );
        let request = Request::patch(&path)
            .header("Content-Type", "application/merge-patch+json")
            .header("Accept", "application/json")
            .body(serde_json::to_vec(patch).unwrap_or_default())
            .map_err(|e| ClusterError::Decode {
                action: action.clone(),
                message: e.to_string(),
            })?;
        let text = self.client.request_text(request).await.map_err(|e| {
            self.classify(e, &action, |code| {
                (code == 403).then(|| rbac_hint("patch", &resource.rbac_name(), Some(namespace)))
            })
        })?;
        serde_json::from_str(&text).map_err(|e| ClusterError::Decode {
            action,
            message: e.to_string(),
        })
    }
}

/// Percent-encodes a query value.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// An error and its causes on one line.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_timeouts_parse_like_kubectl() {
        assert_eq!(parse_request_timeout("0").unwrap(), None);
        assert_eq!(
            parse_request_timeout("30s").unwrap(),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_request_timeout("1m30s").unwrap(),
            Some(Duration::from_secs(90))
        );
        assert_eq!(
            parse_request_timeout("5").unwrap(),
            Some(Duration::from_secs(5))
        );
        assert!(parse_request_timeout("soon").is_err());
        assert!(parse_request_timeout("-1s").is_err());
    }

    #[test]
    fn paths_and_rbac_names() {
        assert_eq!(
            Resource::VMIS.path(Some("prod")),
            "/apis/kubevirt.io/v1/namespaces/prod/virtualmachineinstances"
        );
        assert_eq!(
            Resource::VMIS.path(None),
            "/apis/kubevirt.io/v1/virtualmachineinstances"
        );
        assert_eq!(Resource::NODES.path(Some("ignored")), "/api/v1/nodes");
        assert_eq!(Resource::VMS.rbac_name(), "virtualmachines.kubevirt.io");
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(encode("app=web,tier!=db"), "app%3Dweb%2Ctier%21%3Ddb");
    }
}
