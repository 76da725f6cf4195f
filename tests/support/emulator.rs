//! An in-process Kubernetes API-server emulator for the integration tests.
//!
//! # What it owns
//!
//! A real HTTPS endpoint on `127.0.0.1` (a random free port) that speaks enough of the
//! Kubernetes API for `kubectl` and `kube-rs` to work against it unchanged:
//!
//! - TLS with a certificate authority generated at start ([`Emulator::ca_pem`]) and a server
//!   certificate for `127.0.0.1`/`localhost` signed by it; [`Emulator::kubeconfig`] writes a
//!   kubeconfig with `certificate-authority-data`, so clients verify the chain for real.
//! - Bearer-token authentication on every path (401 `Status` otherwise); the token can be
//!   rotated or revoked mid-test ([`Emulator::set_token`]).
//! - Discovery: `/version`, `/api`, `/apis` (legacy `APIVersions`/`APIGroupList`, or aggregated
//!   `apidiscovery.k8s.io/v2` when the client asks for it, as kubectl 1.32 does first),
//!   `/api/v1` and `/apis/{group}/{version}` resource lists with verbs, scope, short names,
//!   categories and subresources (see `registry`).
//! - Nodes, Namespaces, Pods, ResourceQuotas, the KubeVirt CR, VirtualMachines,
//!   VirtualMachineInstances, instancetypes and preferences, VirtualMachinePools: list (per
//!   namespace or across all), get, create, replace, patch, delete; `limit`/`continue` paging
//!   with opaque tokens, `metadata.resourceVersion`, `remainingItemCount`; label selectors (all
//!   operators) and field selectors; JSON, `meta.k8s.io/v1` `Table` (what `kubectl get` prints)
//!   and `PartialObjectMetadataList` representations.
//! - `PATCH` with merge patch, JSON patch, strategic merge (core kinds only, as on a real
//!   server) and server-side apply (approximated as a merge), `?dryRun=All` (nothing stored),
//!   `fieldManager`; `resourceVersion` bumps on every write, `generation` on spec changes.
//! - `GET /api/v1/nodes/{node}/proxy/configz` from [`ClusterState::configz`]; a node without a
//!   configz document answers like an unreachable kubelet (503 "error trying to reach service").
//! - Faults ([`Fault`]): a `Status` error (403, 404, 409, 410, 429 with `Retry-After`, 500, 503,
//!   ...), a delay, or a dropped connection, for any path pattern, optionally limited in count.
//! - A request log ([`Emulator::requests`]) for assertions (paging used, dry-run sent first,
//!   `fieldManager`, keep-alive).
//!
//! It serves HTTP/1.1 only (ALPN `http/1.1`; clients offering h2 fall back) on a background
//! thread with its own single-threaded tokio runtime, so synchronous tests can run the CLI as
//! a subprocess against it.
//!
//! # What it must not do
//!
//! It is test-only code. It listens on the loopback address `127.0.0.1` and nowhere else, never
//! opens an outgoing connection (node addresses in the objects are data only; the kubelet
//! "proxy" is answered from memory), and never reads the user's kubeconfig or credentials. The
//! server never panics on client input: malformed requests, queries, selectors, tokens or
//! patches get a `400`-class `Status`; every size, count and wait is bounded (request head
//! 64 KiB, body 16 MiB, 1024 concurrent connections, a request log of 200,000 entries, delays
//! at most 10 minutes). Watches are not supported (405). It does not implement RBAC; use a
//! [`Fault`] to make something forbidden.

#![allow(dead_code)]

mod api;
mod http;
mod objects;
mod patch;
mod registry;
mod select;
mod store;
mod table;
mod tls;
mod util;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, oneshot};

#[allow(unused_imports)] // Not every test crate that includes `support` builds objects.
pub use objects::*;

/// Most requests kept in the log; older ones are dropped (and counted).
pub const MAX_LOGGED_REQUESTS: usize = 200_000;
/// Most connections served at once; more are accepted and closed at once.
pub const MAX_CONNECTIONS: usize = 1024;
/// The longest delay a [`Fault`] may impose.
pub const MAX_DELAY: Duration = Duration::from_secs(600);
/// Most request-body bytes kept per logged request.
const MAX_LOGGED_BODY: usize = 64 * 1024;

/// Everything the emulated cluster contains at start.
///
/// Objects are plain JSON (see the builders: [`node`], [`vmi`], [`vm`], [`launcher_pod`],
/// [`kubevirt_cr`], ...). Each is routed to its resource by `apiVersion` and `kind`, so any
/// field may hold any served kind; the fields only make intent readable. Namespaces that
/// namespaced objects live in are created when missing, as are `default` and `kube-system`.
#[derive(Debug, Clone)]
pub struct ClusterState {
    pub nodes: Vec<Value>,
    pub namespaces: Vec<Value>,
    pub pods: Vec<Value>,
    pub resource_quotas: Vec<Value>,
    pub vms: Vec<Value>,
    pub vmis: Vec<Value>,
    /// The KubeVirt CR (`kubevirt.io/v1` `KubeVirt`), if KubeVirt is "installed".
    pub kubevirt: Option<Value>,
    pub instancetypes: Vec<Value>,
    pub cluster_instancetypes: Vec<Value>,
    pub preferences: Vec<Value>,
    pub cluster_preferences: Vec<Value>,
    /// Anything else that is served (VirtualMachinePools, migrations, replica sets, ...).
    pub other: Vec<Value>,
    /// Node name → the configz document (`{"kubeletconfig": {...}}`, see [`configz`]). A node
    /// missing here answers configz like an unreachable kubelet (503).
    pub configz: HashMap<String, Value>,
    /// The most items the server returns per page whatever `limit` asks (a real server may
    /// return fewer than asked); `None` = honour `limit` exactly.
    pub page_size_cap: Option<usize>,
    /// Serve aggregated discovery (`apidiscovery.k8s.io/v2`) when asked; `false` makes clients
    /// fall back to the legacy per-group documents, like an older API server.
    pub aggregated_discovery: bool,
    /// `gitVersion` reported by `/version`.
    pub kubernetes_version: String,
}

impl Default for ClusterState {
    fn default() -> ClusterState {
        ClusterState {
            nodes: Vec::new(),
            namespaces: Vec::new(),
            pods: Vec::new(),
            resource_quotas: Vec::new(),
            vms: Vec::new(),
            vmis: Vec::new(),
            kubevirt: None,
            instancetypes: Vec::new(),
            cluster_instancetypes: Vec::new(),
            preferences: Vec::new(),
            cluster_preferences: Vec::new(),
            other: Vec::new(),
            configz: HashMap::new(),
            page_size_cap: None,
            aggregated_discovery: true,
            kubernetes_version: "v1.33.2".into(),
        }
    }
}

impl ClusterState {
    /// An empty cluster (no nodes, no KubeVirt).
    pub fn new() -> ClusterState {
        ClusterState::default()
    }
}

/// Server settings fixed at start.
#[derive(Debug, Clone)]
pub struct Settings {
    pub page_size_cap: Option<usize>,
    pub aggregated_discovery: bool,
    pub kubernetes_version: String,
}

/// What a [`Fault`] does to a matching request.
#[derive(Debug, Clone, PartialEq)]
pub enum FaultAction {
    /// Answer with a `metav1.Status` of this code, reason and message (plus optional
    /// `details`), and a `Retry-After` header when set.
    Status {
        code: u16,
        reason: String,
        message: String,
        retry_after: Option<u64>,
        details: Option<Value>,
    },
    /// Wait this long before handling the request normally (or before another fault).
    Delay(Duration),
    /// Drop the connection without answering (reset), as a crashed server or proxy would.
    Close,
}

/// A fault injected into matching requests; build with the constructors, refine with
/// [`Fault::method`], [`Fault::query_contains`], [`Fault::times`] / [`Fault::once`].
///
/// `path` is matched segment-wise as a prefix: `/api/v1/nodes/n1` matches that node and
/// everything under it (`.../proxy/configz`) but not `n10`; `*` matches any one segment, so
/// `/api/v1/nodes/*/proxy/configz` matches every node's configz. Faults apply after the
/// request is logged; delays first (all matching delays add up), then authentication, then the
/// first matching `Status`/`Close` fault in insertion order.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    pub path: String,
    pub method: Option<String>,
    pub query_contains: Option<String>,
    pub action: FaultAction,
    /// How many more requests it applies to; `None` = unlimited.
    pub times: Option<usize>,
}

impl Fault {
    fn new(path: &str, action: FaultAction) -> Fault {
        Fault {
            path: path.into(),
            method: None,
            query_contains: None,
            action,
            times: None,
        }
    }

    /// A `Status` error with an explicit reason and message.
    pub fn status(path: &str, code: u16, reason: &str, message: &str) -> Fault {
        Fault::new(
            path,
            FaultAction::Status {
                code,
                reason: reason.into(),
                message: message.into(),
                retry_after: None,
                details: None,
            },
        )
    }

    /// 403 Forbidden with the API server's RBAC message shape:
    /// `{resource} "{name}" is forbidden: User "{user}" cannot {verb} resource "{resource}" in
    /// API group "{group}" at the cluster scope` (or `in the namespace "{ns}"`). `resource` may be
    /// `plural/subresource` (e.g. `nodes/proxy`); `name` may be empty for lists.
    pub fn forbidden(
        path: &str,
        user: &str,
        verb: &str,
        resource: &str,
        group: &str,
        namespace: Option<&str>,
        name: &str,
    ) -> Fault {
        let plural = resource.split('/').next().unwrap_or(resource);
        let qualified = if group.is_empty() {
            plural.to_string()
        } else {
            format!("{plural}.{group}")
        };
        let subject = if name.is_empty() {
            qualified.clone()
        } else {
            format!("{qualified} \"{name}\"")
        };
        let scope = match namespace {
            Some(ns) => format!("in the namespace \"{ns}\""),
            None => "at the cluster scope".into(),
        };
        let message = format!(
            "{subject} is forbidden: User \"{user}\" cannot {verb} resource \"{resource}\" in API group \"{group}\" {scope}"
        );
        let mut details = json!({"kind": plural});
        if !name.is_empty() {
            details["name"] = json!(name);
        }
        if !group.is_empty() {
            details["group"] = json!(group);
        }
        Fault::new(
            path,
            FaultAction::Status {
                code: 403,
                reason: "Forbidden".into(),
                message,
                retry_after: None,
                details: Some(details),
            },
        )
    }

    /// 403 on one node's proxy (`get nodes/proxy` denied), on every proxy path of that node.
    pub fn forbidden_node_proxy(node: &str, user: &str) -> Fault {
        Fault::forbidden(
            &format!("/api/v1/nodes/{node}/proxy"),
            user,
            "get",
            "nodes/proxy",
            "",
            None,
            node,
        )
    }

    /// 404 NotFound with this message.
    pub fn not_found(path: &str, message: &str) -> Fault {
        Fault::status(path, 404, "NotFound", message)
    }

    /// 429 TooManyRequests with `Retry-After: {retry_after}` (seconds), as API Priority and
    /// Fairness answers; unlimited unless narrowed with [`Fault::once`]/[`Fault::times`].
    pub fn too_many_requests(path: &str, retry_after: u64) -> Fault {
        Fault::new(
            path,
            FaultAction::Status {
                code: 429,
                reason: "TooManyRequests".into(),
                message: "Too many requests, please try again later.".into(),
                retry_after: Some(retry_after),
                details: Some(json!({"retryAfterSeconds": retry_after})),
            },
        )
    }

    /// A single 429 with `Retry-After`, then normal service.
    pub fn once_429(path: &str, retry_after: u64) -> Fault {
        Fault::too_many_requests(path, retry_after).once()
    }

    /// 500 InternalError: `Internal error occurred: {message}`.
    pub fn internal_error(path: &str, message: &str) -> Fault {
        let mut f = Fault::status(
            path,
            500,
            "InternalError",
            &format!("Internal error occurred: {message}"),
        );
        if let FaultAction::Status { details, .. } = &mut f.action {
            *details = Some(json!({"causes": [{"message": message}]}));
        }
        f
    }

    /// 503 ServiceUnavailable with this message.
    pub fn unavailable(path: &str, message: &str) -> Fault {
        Fault::status(path, 503, "ServiceUnavailable", message)
    }

    /// Delay matching requests by `millis` milliseconds (capped at [`MAX_DELAY`]).
    pub fn delay(path: &str, millis: u64) -> Fault {
        Fault::new(
            path,
            FaultAction::Delay(Duration::from_millis(millis).min(MAX_DELAY)),
        )
    }

    /// Drop the connection of matching requests without an answer.
    pub fn close(path: &str) -> Fault {
        Fault::new(path, FaultAction::Close)
    }

    /// Only for this HTTP method.
    pub fn method(mut self, method: &str) -> Fault {
        self.method = Some(method.to_ascii_uppercase());
        self
    }

    /// Only when the raw query string contains this text (e.g. `"continue="`, `"dryRun=All"`).
    pub fn query_contains(mut self, text: &str) -> Fault {
        self.query_contains = Some(text.into());
        self
    }

    /// Only for the next `n` matching requests.
    pub fn times(mut self, n: usize) -> Fault {
        self.times = Some(n);
        self
    }

    /// Only for the next matching request.
    pub fn once(self) -> Fault {
        self.times(1)
    }

    fn matches(&self, method: &str, path: &str, query: &str) -> bool {
        if self.times == Some(0) {
            return false;
        }
        if self.method.as_deref().is_some_and(|m| m != method) {
            return false;
        }
        if self
            .query_contains
            .as_deref()
            .is_some_and(|q| !query.contains(q))
        {
            return false;
        }
        let want: Vec<&str> = self.path.split('/').filter(|s| !s.is_empty()).collect();
        let have: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        want.len() <= have.len() && want.iter().zip(&have).all(|(w, h)| *w == "*" || w == h)
    }
}

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct RequestRecord {
    /// Arrival order, from 0.
    pub seq: u64,
    /// The connection it came on (same number = kept alive / reused).
    pub connection: u64,
    pub method: String,
    /// The path, percent-encoded as sent.
    pub path: String,
    /// The raw query string (without `?`).
    pub query: String,
    /// The decoded query parameters, in order.
    pub params: Vec<(String, String)>,
    /// All headers, names lower-cased, with the `authorization` value redacted to its scheme.
    pub headers: Vec<(String, String)>,
    /// Whether the request carried the current bearer token.
    pub authorized: bool,
    /// The body as text (lossy UTF-8), at most 64 KiB.
    pub body: String,
    /// The status answered; 0 while in flight, or when the connection was dropped (a
    /// `Close` fault or a client that went away).
    pub status: u16,
    /// When it arrived, relative to the emulator's start.
    pub at: Duration,
    /// From arrival until the answer was ready (including injected delays); `None` while in
    /// flight.
    pub handled_in: Option<Duration>,
}

impl RequestRecord {
    /// The last value of query parameter `name`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// `METHOD path?query`, handy in assertion messages.
    pub fn line(&self) -> String {
        if self.query.is_empty() {
            format!("{} {}", self.method, self.path)
        } else {
            format!("{} {}?{}", self.method, self.path, self.query)
        }
    }
}

struct RequestLog {
    first_seq: u64,
    entries: VecDeque<RequestRecord>,
    dropped: u64,
}

/// State shared between the test thread and the server thread.
struct Shared {
    store: Mutex<store::Store>,
    faults: Mutex<Vec<Fault>>,
    log: Mutex<RequestLog>,
    token: Mutex<String>,
    settings: Settings,
    addr: String,
    next_seq: AtomicU64,
    next_conn: AtomicU64,
    started: Instant,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    fn record(&self, req: &http::Request, connection: u64, authorized: bool) -> u64 {
        let seq = self.next_seq.fetch_add(1, Ordering::SeqCst);
        let headers = req
            .headers
            .iter()
            .map(|(n, v)| {
                if n == "authorization" {
                    let scheme = v.split_whitespace().next().unwrap_or_default();
                    (n.clone(), format!("{scheme} <redacted>"))
                } else {
                    (n.clone(), v.clone())
                }
            })
            .collect();
        let body_len = req.body.len().min(MAX_LOGGED_BODY);
        let record = RequestRecord {
            seq,
            connection,
            method: req.method.clone(),
            path: req.path.clone(),
            query: req.query.clone(),
            params: util::parse_query(&req.query).unwrap_or_default(),
            headers,
            authorized,
            body: String::from_utf8_lossy(&req.body[..body_len]).into_owned(),
            status: 0,
            at: self.started.elapsed(),
            handled_in: None,
        };
        let mut log = lock(&self.log);
        if log.entries.is_empty() {
            log.first_seq = seq;
        }
        log.entries.push_back(record);
        while log.entries.len() > MAX_LOGGED_REQUESTS {
            log.entries.pop_front();
            log.first_seq += 1;
            log.dropped += 1;
        }
        seq
    }

    fn finish(&self, seq: u64, status: u16) {
        let now = self.started.elapsed();
        let mut log = lock(&self.log);
        let first = log.first_seq;
        let idx = seq.checked_sub(first).map(|i| i as usize);
        let record = match idx.filter(|i| log.entries.get(*i).is_some_and(|r| r.seq == seq)) {
            Some(i) => log.entries.get_mut(i),
            None => log.entries.iter_mut().find(|r| r.seq == seq),
        };
        if let Some(r) = record {
            r.status = status;
            r.handled_in = Some(now.saturating_sub(r.at));
        }
    }

    /// The total delay and the first terminal action for a request; consumes `times`.
    fn faults_for(&self, req: &http::Request) -> (Duration, Option<FaultAction>) {
        let mut faults = lock(&self.faults);
        let mut delay = Duration::ZERO;
        let mut terminal = None;
        for f in faults.iter_mut() {
            if !f.matches(&req.method, &req.path, &req.query) {
                continue;
            }
            match &f.action {
                FaultAction::Delay(d) => delay += *d,
                _ if terminal.is_some() => continue,
                action => terminal = Some(action.clone()),
            }
            if let Some(n) = f.times.as_mut() {
                *n = n.saturating_sub(1);
            }
        }
        (delay.min(MAX_DELAY), terminal)
    }

    fn authorized(&self, req: &http::Request) -> bool {
        let token = lock(&self.token);
        req.header("authorization").is_some_and(|h| {
            let mut parts = h.splitn(2, ' ');
            let scheme = parts.next().unwrap_or_default();
            let value = parts.next().unwrap_or_default().trim();
            scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() && value == token.as_str()
        })
    }
}

/// A running emulator. Dropping it stops the server.
pub struct Emulator {
    /// `https://127.0.0.1:PORT`.
    pub url: String,
    /// The bearer token clients must send (at start; see [`Emulator::set_token`]).
    pub token: String,
    /// The CA certificate (PEM) that signed the server certificate.
    pub ca_pem: String,
    /// The listening address.
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Emulator {
    /// Binds `127.0.0.1:0` and serves `state` over HTTPS on a background thread. Panics (in the
    /// test, not the server) if the state holds an object of a kind that is not served.
    pub fn start(state: ClusterState) -> Emulator {
        let settings = Settings {
            page_size_cap: state.page_size_cap,
            aggregated_discovery: state.aggregated_discovery,
            kubernetes_version: state.kubernetes_version.clone(),
        };
        let store = load(state);
        let pki = tls::generate();
        let tls_config = tls::server_config(&pki);
        let std_listener = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("bind 127.0.0.1:0");
        std_listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let addr = std_listener.local_addr().expect("local address");
        let token = format!("emulator-{}", util::hex(&util::random_bytes::<16>()));
        let shared = Arc::new(Shared {
            store: Mutex::new(store),
            faults: Mutex::new(Vec::new()),
            log: Mutex::new(RequestLog {
                first_seq: 0,
                entries: VecDeque::new(),
                dropped: 0,
            }),
            token: Mutex::new(token.clone()),
            settings,
            addr: addr.to_string(),
            next_seq: AtomicU64::new(0),
            next_conn: AtomicU64::new(0),
            started: Instant::now(),
        });
        let (tx, rx) = oneshot::channel();
        let server_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name(format!("api-emulator-{}", addr.port()))
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("tokio runtime for the emulator");
                runtime.block_on(async move {
                    let listener = TcpListener::from_std(std_listener).expect("tokio listener");
                    tokio::select! {
                        _ = serve(listener, tls_config, server_shared) => {}
                        _ = rx => {}
                    }
                });
                // Dropping the runtime cancels every connection task.
            })
            .expect("spawn the emulator thread");
        Emulator {
            url: format!("https://{addr}"),
            token,
            ca_pem: pki.ca_pem,
            addr,
            shared,
            shutdown: Some(tx),
            thread: Some(thread),
        }
    }

    /// The CA certificate, DER (e.g. for a rustls `RootCertStore`).
    pub fn ca_der(&self) -> Vec<u8> {
        let body: String = self
            .ca_pem
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        util::b64_decode(&body).expect("the CA PEM is valid base64")
    }

    /// Writes `dir/kubeconfig` (cluster `emulator` with `certificate-authority-data` and this
    /// server, user `emulator` with the current token, context `emulator` with namespace
    /// `default`, current) and returns its path.
    pub fn kubeconfig(&self, dir: &Path) -> PathBuf {
        let token = lock(&self.shared.token).clone();
        let path = dir.join("kubeconfig");
        self.write_kubeconfig(&path, Some(&token));
        path
    }

    /// Writes a kubeconfig like [`Emulator::kubeconfig`] to `path`, with `token` as the user's
    /// token (`None`: a user without credentials).
    pub fn write_kubeconfig(&self, path: &Path, token: Option<&str>) {
        let user_block = match token {
            Some(t) => format!("  user:\n    token: {t}\n"),
            None => "  user: {}\n".to_string(),
        };
        let text = format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: emulator\n  cluster:\n    server: {url}\n    certificate-authority-data: {ca}\nusers:\n- name: emulator\n{user_block}contexts:\n- name: emulator\n  context:\n    cluster: emulator\n    user: emulator\n    namespace: default\ncurrent-context: emulator\npreferences: {{}}\n",
            url = self.url,
            ca = util::b64_encode(self.ca_pem.as_bytes()),
        );
        std::fs::write(path, text).expect("write kubeconfig");
    }

    /// Every logged request, in arrival order (at most [`MAX_LOGGED_REQUESTS`] of the latest).
    pub fn requests(&self) -> Vec<RequestRecord> {
        lock(&self.shared.log).entries.iter().cloned().collect()
    }

    /// Logged requests whose path starts with `prefix` (plain string prefix).
    pub fn requests_to(&self, prefix: &str) -> Vec<RequestRecord> {
        lock(&self.shared.log)
            .entries
            .iter()
            .filter(|r| r.path.starts_with(prefix))
            .cloned()
            .collect()
    }

    /// Forgets the logged requests.
    pub fn clear_requests(&self) {
        let mut log = lock(&self.shared.log);
        log.entries.clear();
        log.dropped = 0;
    }

    /// Adds a fault (after those already set).
    pub fn set_fault(&self, fault: Fault) {
        lock(&self.shared.faults).push(fault);
    }

    /// Removes every fault.
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// Replaces the accepted bearer token; clients holding the old one get 401 from now on
    /// (an expired or rotated token).
    pub fn set_token(&self, token: &str) {
        *lock(&self.shared.token) = token.into();
    }

    /// Accept no token at all: every request gets 401.
    pub fn revoke_token(&self) {
        lock(&self.shared.token).clear();
    }

    /// The currently accepted token (empty when revoked).
    pub fn current_token(&self) -> String {
        lock(&self.shared.token).clone()
    }

    /// Sets or removes a node's configz document.
    pub fn set_configz(&self, node: &str, configz: Option<Value>) {
        let mut store = lock(&self.shared.store);
        match configz {
            Some(c) => store.configz.insert(node.into(), c),
            None => store.configz.remove(node),
        };
    }

    /// Creates or replaces an object (routed by `apiVersion`/`kind`); returns it as stored.
    /// Panics if the kind is not served.
    pub fn upsert(&self, obj: Value) -> Value {
        let resource = resource_of(&obj);
        lock(&self.shared.store).put(resource, obj)
    }

    /// Deletes an object; `true` if it existed. `plural` as in the URL (`virtualmachines`).
    pub fn delete(&self, group: &str, plural: &str, namespace: Option<&str>, name: &str) -> bool {
        let resource = registry::RESOURCES
            .iter()
            .find(|r| r.group == group && r.plural == plural)
            .unwrap_or_else(|| panic!("the emulator does not serve {plural}.{group}"));
        lock(&self.shared.store).remove(resource, namespace, name)
    }

    /// The stored object, if any (e.g. to check that a dry-run patch changed nothing).
    pub fn get(
        &self,
        group: &str,
        plural: &str,
        namespace: Option<&str>,
        name: &str,
    ) -> Option<Value> {
        let resource = registry::RESOURCES
            .iter()
            .find(|r| r.group == group && r.plural == plural)?;
        lock(&self.shared.store)
            .get(resource, namespace, name)
            .map(|e| e.obj.clone())
    }

    /// How many objects of `plural` in `group` are stored.
    pub fn count(&self, group: &str, plural: &str) -> usize {
        registry::RESOURCES
            .iter()
            .find(|r| r.group == group && r.plural == plural)
            .map_or(0, |r| lock(&self.shared.store).count(r))
    }

    /// Expires every continue token handed out so far (their next use gets 410 Expired), as an
    /// etcd compaction does.
    pub fn expire_continue_tokens(&self) {
        let mut store = lock(&self.shared.store);
        store.rv += 1;
        store.compacted = store.rv;
    }

    /// Stops the server and waits for its thread. Also done on drop. Connections in flight are
    /// cut; afterwards the port refuses connections.
    pub fn stop(mut self) {
        self.shutdown_now();
    }

    fn shutdown_now(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.shutdown_now();
    }
}

fn resource_of(obj: &Value) -> &'static registry::Resource {
    let api_version = obj["apiVersion"].as_str().unwrap_or_default();
    let kind = obj["kind"].as_str().unwrap_or_default();
    registry::by_kind(api_version, kind)
        .unwrap_or_else(|| panic!("the emulator does not serve {kind} in {api_version}"))
}

/// Builds the store from the initial state.
fn load(state: ClusterState) -> store::Store {
    let mut store = store::Store::new();
    let all = state
        .namespaces
        .into_iter()
        .chain(state.nodes)
        .chain(state.pods)
        .chain(state.resource_quotas)
        .chain(state.kubevirt)
        .chain(state.vms)
        .chain(state.vmis)
        .chain(state.instancetypes)
        .chain(state.cluster_instancetypes)
        .chain(state.preferences)
        .chain(state.cluster_preferences)
        .chain(state.other);
    let namespaces = registry::find("", "v1", "namespaces").expect("namespaces registered");
    let mut wanted_namespaces = vec!["default".to_string(), "kube-system".to_string()];
    for obj in all {
        let resource = resource_of(&obj);
        if resource.namespaced {
            let ns = obj
                .pointer("/metadata/namespace")
                .and_then(Value::as_str)
                .unwrap_or_else(|| {
                    panic!(
                        "namespaced {} without metadata.namespace: {obj}",
                        resource.kind
                    )
                });
            wanted_namespaces.push(ns.to_string());
        }
        store.insert(resource, obj);
    }
    for ns in wanted_namespaces {
        if store.get(namespaces, None, &ns).is_none() {
            store.put(namespaces, objects::namespace(&ns));
        }
    }
    store.configz = state.configz;
    store
}

/// Accepts connections until cancelled.
async fn serve(listener: TcpListener, tls_config: Arc<rustls::ServerConfig>, shared: Arc<Shared>) {
    let acceptor = tokio_rustls::TlsAcceptor::from(tls_config);
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok((tcp, _peer)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
            drop(tcp);
            continue;
        };
        let _ = tcp.set_nodelay(true);
        let acceptor = acceptor.clone();
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let _permit = permit;
            let conn_id = shared.next_conn.fetch_add(1, Ordering::SeqCst);
            let Ok(Ok(stream)) =
                tokio::time::timeout(Duration::from_secs(10), acceptor.accept(tcp)).await
            else {
                return;
            };
            serve_connection(stream, conn_id, &shared).await;
        });
    }
}

/// Serves the requests of one connection, in order.
async fn serve_connection(
    stream: tokio_rustls::server::TlsStream<tokio::net::TcpStream>,
    conn_id: u64,
    shared: &Shared,
) {
    let mut conn = http::Conn::new(stream);
    loop {
        let req = match conn.read_request().await {
            Ok(r) => r,
            Err(http::ReadError::Closed | http::ReadError::Io(_)) => return,
            Err(http::ReadError::Bad(code, message)) => {
                let resp = api::status(code, api::reason_for(code), &message, None);
                let _ = conn.write_response(&resp, true).await;
                conn.shutdown().await;
                return;
            }
        };
        let authorized = shared.authorized(&req);
        let seq = shared.record(&req, conn_id, authorized);
        let (delay, action) = shared.faults_for(&req);
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        let resp = if !authorized {
            api::status(401, "Unauthorized", "Unauthorized", None)
        } else {
            match action {
                Some(FaultAction::Close) => {
                    shared.finish(seq, 0);
                    return; // dropped without close_notify: the client sees a reset / EOF
                }
                Some(FaultAction::Status {
                    code,
                    reason,
                    message,
                    retry_after,
                    details,
                }) => {
                    let resp = api::status(code, &reason, &message, details);
                    match retry_after {
                        Some(secs) => resp.with_header("Retry-After", secs.to_string()),
                        None => resp,
                    }
                }
                Some(FaultAction::Delay(_)) | None => {
                    let ctx = api::Ctx {
                        store: &shared.store,
                        settings: &shared.settings,
                        addr: &shared.addr,
                    };
                    api::handle(&ctx, &req)
                }
            }
        };
        let resp = resp
            .with_header(
                "Audit-Id",
                util::stable_uid(&format!("audit/{seq}/{}", shared.addr)),
            )
            .with_header("Cache-Control", "no-cache, private");
        shared.finish(seq, resp.status);
        // A client that stops reading is dropped after the idle timeout.
        let written =
            tokio::time::timeout(http::IDLE_TIMEOUT, conn.write_response(&resp, req.close)).await;
        if !matches!(written, Ok(Ok(()))) {
            return;
        }
        if req.close {
            conn.shutdown().await;
            return;
        }
    }
}
