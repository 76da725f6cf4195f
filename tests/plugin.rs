//! kubectl-density as users install it: found by the real `kubectl` as a plugin (help, usage
//! and errors say `kubectl density`), completed by kubectl through `kubectl_complete-density`,
//! and packed for krew by `krew/package.sh` into an archive and a manifest that pass krew's
//! own validation rules (`validate-krew-manifest`: krew's `internal/index/validation` plus the
//! platform and install checks).
//!
//! These tests need `kubectl` (1.26 or newer) on the PATH and fail without it; `tar` and
//! `sha256sum` (or `shasum`) for the krew checks.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_yaml::Value;
use support::Run;

const BINARY: &str = env!("CARGO_BIN_EXE_kubectl-density");
const VERSION: &str = env!("CARGO_PKG_VERSION");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(command: &mut Command) -> Run {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

// ---------------------------------------------------------------------------------------
// kubectl plugin discovery and completion

/// The directory of the real `kubectl` on the PATH.
fn kubectl_dir() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .find(|dir| dir.join("kubectl").is_file())
        .unwrap_or_else(|| {
            panic!(
                "kubectl is not on the PATH: the plugin tests run the real kubectl (1.26 or newer) \
                 to check plugin discovery and completion; install it (CI: .ci/run does)"
            )
        })
}

/// A PATH with only the plugin (the built binary as `kubectl-density`, and the committed
/// completion helper) and kubectl.
struct PluginPath {
    dir: tempfile::TempDir,
    path: String,
}

impl PluginPath {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        symlink(BINARY, dir.path().join("kubectl-density")).unwrap();
        fs::copy(
            root().join("completions/kubectl_complete-density"),
            dir.path().join("kubectl_complete-density"),
        )
        .unwrap();
        let path = format!(
            "{}:{}:/usr/bin:/bin",
            dir.path().display(),
            kubectl_dir().display()
        );
        PluginPath { dir, path }
    }

    fn kubectl(&self, args: &[&str]) -> Run {
        run(Command::new("kubectl")
            .args(args)
            .env("PATH", &self.path)
            .env("KUBECONFIG", self.dir.path().join("no-kubeconfig"))
            .env_remove("NO_COLOR")
            .env("TERM", "dumb")
            .env("RUST_BACKTRACE", "0")
            .current_dir(self.dir.path()))
    }

    /// `kubectl __complete density WORDS…`: the candidate values and the directive.
    fn complete(&self, words: &[&str]) -> (Vec<String>, u32) {
        let mut args = vec!["__complete", "density"];
        args.extend_from_slice(words);
        let run = self.kubectl(&args);
        assert_eq!(run.code, 0, "{run}");
        let mut lines: Vec<&str> = run.stdout.lines().collect();
        let directive = lines
            .pop()
            .and_then(|line| line.strip_prefix(':'))
            .and_then(|bits| bits.parse().ok())
            .unwrap_or_else(|| panic!("no :<directive> line: {run}"));
        let values = lines
            .iter()
            .map(|line| line.split('\t').next().unwrap().to_string())
            .collect();
        (values, directive)
    }
}

#[test]
fn kubectl_finds_the_plugin_and_its_help_says_kubectl_density() {
    let plugin = PluginPath::new();
    let run = plugin.kubectl(&["density", "--help"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stdout
            .contains("Usage: kubectl density [OPTIONS] <COMMAND>"),
        "{run}"
    );
    assert!(!run.stdout.contains("kubectl-density"), "{run}");

    let run = plugin.kubectl(&["density", "lint", "--help"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stdout.contains("Usage: kubectl density lint [OPTIONS]"),
        "{run}"
    );

    let run = plugin.kubectl(&["density", "help", "explain"]);
    assert!(
        run.stdout.contains("Usage: kubectl density explain"),
        "{run}"
    );

    let run = plugin.kubectl(&["density", "--version"]);
    assert_eq!(run.stdout, format!("kubectl density {VERSION}\n"), "{run}");

    // Usage errors: exit 2, the usage line names the plugin as kubectl's user types it.
    let run = plugin.kubectl(&["density", "lint", "--no-such-flag"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("Usage: kubectl density lint"), "{run}");
    let run = plugin.kubectl(&["density", "frobnicate"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("Usage: kubectl density"), "{run}");
}

#[test]
fn kubectl_plugin_list_shows_it_without_warnings() {
    let plugin = PluginPath::new();
    let run = plugin.kubectl(&["plugin", "list"]);
    assert_eq!(run.code, 0, "{run}");
    let listed = plugin.dir.path().join("kubectl-density");
    assert!(run.stdout.contains(&listed.display().to_string()), "{run}");
    assert!(!run.stdout.contains("kubectl_complete"), "{run}");
    assert!(!run.stderr.contains("warning"), "{run}");
}

#[test]
fn kubectl_completes_subcommands_through_the_helper() {
    let plugin = PluginPath::new();
    let (subcommands, directive) = plugin.complete(&[""]);
    assert_eq!(directive, 4, "{subcommands:?}");
    for name in [
        "lint",
        "apply-overcommit",
        "explain",
        "eviction",
        "plan",
        "rules",
        "completion",
    ] {
        assert!(
            subcommands.iter().any(|s| s == name),
            "{name}: {subcommands:?}"
        );
    }
    assert_eq!(plugin.complete(&["ap"]).0, ["apply-overcommit"]);
    let (flags, _) = plugin.complete(&["lint", "--"]);
    for flag in [
        "--filename",
        "--fail-on",
        "--output",
        "--kubevirt-version",
        "--context",
    ] {
        assert!(flags.iter().any(|f| f == flag), "{flag}: {flags:?}");
    }
}

#[test]
fn kubectl_completes_flag_values_through_the_helper() {
    let plugin = PluginPath::new();
    assert_eq!(
        plugin.complete(&["lint", "--fail-on", ""]),
        (
            vec![
                "error".to_string(),
                "warning".to_string(),
                "info".to_string(),
                "never".to_string()
            ],
            4
        )
    );
    let (versions, directive) = plugin.complete(&["explain", "--kubevirt-version", ""]);
    assert_eq!(directive, 4);
    let want: Vec<String> = (0..=9)
        .map(|minor| format!("v1.{minor}"))
        .chain(["main".to_string()])
        .collect();
    assert_eq!(versions, want);
    assert_eq!(
        plugin.complete(&["lint", "-o", ""]).0,
        ["text", "json", "sarif"]
    );
    assert_eq!(
        plugin.complete(&["eviction", "--output", ""]).0,
        ["table", "wide", "yaml", "json"]
    );
    assert_eq!(plugin.complete(&["--color", "a"]).0, ["auto", "always"]);
    assert_eq!(
        plugin.complete(&["plan", "--arch", ""]).0,
        ["amd64", "arm64", "s390x"]
    );
    assert_eq!(plugin.complete(&["lint", "--fail-on=w"]).0, ["warning"]);
    // Files: manifests by extension, kubeconfig any file.
    assert_eq!(
        plugin.complete(&["lint", "-f", ""]),
        (
            vec!["yaml".to_string(), "yml".to_string(), "json".to_string()],
            8
        )
    );
    assert_eq!(plugin.complete(&["lint", "--kubeconfig", ""]), (vec![], 0));
}

#[test]
fn kubectl_completes_contexts_from_the_kubeconfig() {
    let plugin = PluginPath::new();
    let kubeconfig = plugin.dir.path().join("config");
    fs::write(
        &kubeconfig,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: lab\n  cluster: {server: https://lab:6443}\n\
         users:\n- name: me\n  user: {token: t}\ncontexts:\n- name: lab-admin\n  context: {cluster: lab, user: me}\n",
    )
    .unwrap();
    let run = run(Command::new("kubectl")
        .args(["__complete", "density", "lint", "--context", ""])
        .env("PATH", &plugin.path)
        .env("KUBECONFIG", &kubeconfig));
    assert!(
        run.stdout.starts_with("lab-admin\tcluster lab\n:4\n"),
        "{run}"
    );
}

/// bash-completion's helpers that kubectl's bash script calls, reduced to what a single
/// completion needs (the package is not installed on every machine).
const BASH_COMPLETION_SHIMS: &str = r#"
_get_comp_words_by_ref() { cur="${COMP_WORDS[COMP_CWORD]}"; prev="${COMP_WORDS[COMP_CWORD-1]}"; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; }
compopt() { :; }
_filedir() { :; }
"#;

#[test]
fn kubectl_bash_completion_completes_kubectl_density() {
    let plugin = PluginPath::new();
    let script = format!(
        r#"{BASH_COMPLETION_SHIMS}
source <(kubectl completion bash) || exit 3
COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${{#COMP_LINE}}
__start_kubectl kubectl "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#
    );
    let complete = |words: &[&str]| {
        let run = run(Command::new("bash")
            .arg("-c")
            .arg(&script)
            .arg("bash")
            .args(words)
            .env("PATH", &plugin.path)
            .env("KUBECONFIG", plugin.dir.path().join("no-kubeconfig")));
        assert_eq!(run.code, 0, "{run}");
        run.stdout.lines().map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(complete(&["kubectl", "dens"]), ["density"]);
    assert_eq!(complete(&["kubectl", "density", "expl"]), ["explain"]);
    assert_eq!(
        complete(&["kubectl", "density", "lint", "--fail-on", ""]),
        ["error", "warning", "info", "never"]
    );
    assert_eq!(
        complete(&[
            "kubectl",
            "density",
            "explain",
            "--kubevirt-version",
            "v1.9"
        ]),
        ["v1.9"]
    );
}

// ---------------------------------------------------------------------------------------
// krew: the package script and krew's manifest rules

/// krew's supported platforms (`validate-krew-manifest`'s `allPlatforms`).
const KREW_PLATFORMS: [(&str, &str); 11] = [
    ("windows", "386"),
    ("windows", "amd64"),
    ("windows", "arm64"),
    ("linux", "386"),
    ("linux", "amd64"),
    ("linux", "arm"),
    ("linux", "arm64"),
    ("linux", "ppc64le"),
    ("darwin", "386"),
    ("darwin", "amd64"),
    ("darwin", "arm64"),
];

/// File names krew accepts as the license (`validate-krew-manifest`'s `licenseFiles`).
const LICENSE_FILES: [&str; 8] = [
    "license",
    "license.txt",
    "license.md",
    "licenses",
    "licenses.txt",
    "licenses.md",
    "copying",
    "copying.txt",
];

/// `k8s.io/apimachinery/pkg/util/version.ParseSemantic` behind krew's `semver.Parse`, which
/// also requires the leading `v`.
fn krew_semver(text: &str) -> Result<(), String> {
    let rest = text
        .strip_prefix('v')
        .ok_or_else(|| format!("version string {text:?} not starting with 'v'"))?;
    let rest = rest.trim_start();
    // ^v?([0-9]+(?:\.[0-9]+)*)(.*)$
    let rest = rest.strip_prefix('v').unwrap_or(rest);
    let mut end = 0;
    let bytes = rest.as_bytes();
    while end < bytes.len() {
        let digits = bytes[end..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 {
            break;
        }
        end += digits;
        if end + 1 < bytes.len() && bytes[end] == b'.' && bytes[end + 1].is_ascii_digit() {
            end += 1;
        } else {
            break;
        }
    }
    let (numbers, extra) = rest.split_at(end);
    if numbers.is_empty() {
        return Err(format!("could not parse {text:?} as version"));
    }
    let components: Vec<&str> = numbers.split('.').collect();
    if components.len() != 3 {
        return Err(format!("illegal version string {text:?}"));
    }
    for component in &components {
        if component.len() > 1 && component.starts_with('0') {
            return Err(format!(
                "illegal zero-prefixed version component {component:?}"
            ));
        }
        component
            .parse::<u64>()
            .map_err(|e| format!("{component:?}: {e}"))?;
    }
    // ^(?:-(ids))?(?:\+(ids))?\s*$ with ids = [0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*
    let extra = extra.trim_end();
    let identifiers = |part: &str| {
        part.split('.')
            .all(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    };
    let (pre, build) = match extra.split_once('+') {
        Some((pre, build)) => (pre, Some(build)),
        None => (extra, None),
    };
    if let Some(build) = build
        && !identifiers(build)
    {
        return Err(format!("illegal build metadata in {text:?}"));
    }
    if !pre.is_empty() {
        let pre = pre
            .strip_prefix('-')
            .ok_or_else(|| format!("illegal version string {text:?}"))?;
        if !identifiers(pre) {
            return Err(format!("illegal pre-release in {text:?}"));
        }
        for id in pre.split('.') {
            if id.bytes().all(|b| b.is_ascii_digit()) && id.len() > 1 && id.starts_with('0') {
                return Err(format!("illegal zero-prefixed pre-release {id:?}"));
            }
        }
    }
    Ok(())
}

fn string<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// Whether a krew platform selector (matchLabels and matchExpressions, ANDed) selects
/// `os`/`arch`.
fn selects(selector: &Value, os: &str, arch: &str) -> bool {
    let label = |key: &str| match key {
        "os" => Some(os),
        "arch" => Some(arch),
        _ => None,
    };
    let labels_match = selector
        .get("matchLabels")
        .and_then(Value::as_mapping)
        .is_none_or(|labels| {
            labels
                .iter()
                .all(|(key, value)| label(key.as_str().unwrap_or_default()) == value.as_str())
        });
    let expressions_match = selector
        .get("matchExpressions")
        .and_then(Value::as_sequence)
        .is_none_or(|expressions| {
            expressions.iter().all(|expression| {
                let value = label(string(expression, "key"));
                let values: Vec<&str> = expression
                    .get("values")
                    .and_then(Value::as_sequence)
                    .map(|values| values.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                match string(expression, "operator") {
                    "In" => value.is_some_and(|v| values.contains(&v)),
                    "NotIn" => value.is_none_or(|v| !values.contains(&v)),
                    "Exists" => value.is_some(),
                    "DoesNotExist" => value.is_none(),
                    _ => false,
                }
            })
        });
    labels_match && expressions_match
}

/// krew's structural validation (`ValidatePlugin`) and `validate-krew-manifest`'s platform
/// checks, plus the krew-index conventions this project keeps (short description ≤ 50
/// characters, https homepage). Returns the platforms' `(os, arch)` pairs.
fn validate_manifest(file: &Path, manifest: &Value) -> Result<Vec<(String, String)>, String> {
    let file_name = file.file_name().unwrap().to_str().unwrap();
    let name = file_name
        .strip_suffix(".yaml")
        .ok_or_else(|| format!("expected manifest extension \".yaml\": {file_name}"))?;
    if string(manifest, "apiVersion") != "krew.googlecontainertools.github.com/v1alpha2" {
        return Err(format!("apiVersion {:?}", string(manifest, "apiVersion")));
    }
    if string(manifest, "kind") != "Plugin" {
        return Err(format!("kind {:?}", string(manifest, "kind")));
    }
    let windows_forbidden = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
        "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];
    let safe = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        && !windows_forbidden
            .iter()
            .any(|forbidden| forbidden.eq_ignore_ascii_case(name));
    if !safe {
        return Err(format!("the plugin name {name:?} is not allowed"));
    }
    let metadata_name = manifest
        .get("metadata")
        .map(|m| string(m, "name"))
        .unwrap_or_default();
    if metadata_name != name {
        return Err(format!(
            "plugin should be named {name:?}, not {metadata_name:?}"
        ));
    }
    let spec = manifest.get("spec").ok_or("no spec")?;
    let known = [
        "version",
        "shortDescription",
        "description",
        "caveats",
        "homepage",
        "platforms",
    ];
    for key in spec.as_mapping().ok_or("spec is not a mapping")?.keys() {
        let key = key.as_str().unwrap_or_default();
        if !known.contains(&key) {
            return Err(format!("unknown spec field {key:?} (krew ignores it)"));
        }
    }
    let short = string(spec, "shortDescription");
    if short.is_empty() {
        return Err("should have a short description".into());
    }
    if short.contains(['\r', '\n']) {
        return Err("should not have line breaks in short description".into());
    }
    if short.chars().count() > 50 {
        return Err(format!("short description over 50 characters: {short:?}"));
    }
    if !string(spec, "homepage").starts_with("https://") {
        return Err("homepage should be an https URL".into());
    }
    let platforms = spec
        .get("platforms")
        .and_then(Value::as_sequence)
        .filter(|platforms| !platforms.is_empty())
        .ok_or("should have a platform specified")?;
    let version = string(spec, "version");
    if version.is_empty() {
        return Err("should have a version specified".into());
    }
    krew_semver(version).map_err(|e| format!("failed to parse plugin version: {e}"))?;

    let mut selected = Vec::new();
    for (index, platform) in platforms.iter().enumerate() {
        let fail = |why: String| format!("platform {index} is badly constructed: {why}");
        for key in platform
            .as_mapping()
            .ok_or_else(|| fail("not a mapping".into()))?
            .keys()
        {
            let key = key.as_str().unwrap_or_default();
            if !["uri", "sha256", "selector", "files", "bin"].contains(&key) {
                return Err(fail(format!("unknown field {key:?}")));
            }
        }
        if string(platform, "uri").is_empty() {
            return Err(fail("`uri` has to be set".into()));
        }
        let sha = string(platform, "sha256");
        if sha.len() != 64 || !sha.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(fail(format!("`sha256` value {sha:?} is not valid")));
        }
        if string(platform, "bin").is_empty() {
            return Err(fail("`bin` has to be set".into()));
        }
        if let Some(files) = platform.get("files") {
            let files = files
                .as_sequence()
                .ok_or_else(|| fail("`files` is not a list".into()))?;
            if files.is_empty() {
                return Err(fail("`files` has to be unspecified or non-empty".into()));
            }
            for operation in files {
                if string(operation, "from").is_empty() || string(operation, "to").is_empty() {
                    return Err(fail("`from` and `to` have to be set".into()));
                }
            }
        }
        let selector = platform
            .get("selector")
            .ok_or_else(|| fail("nil selector is not supported".into()))?;
        let labels = selector.get("matchLabels");
        let expressions = selector.get("matchExpressions");
        if labels.is_none()
            && expressions
                .and_then(Value::as_sequence)
                .is_none_or(Vec::is_empty)
        {
            return Err(fail("empty selector is not supported".into()));
        }
        let mut keys: Vec<&str> = labels
            .and_then(Value::as_mapping)
            .map(|labels| labels.keys().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        keys.extend(
            expressions
                .and_then(Value::as_sequence)
                .map(|e| e.iter().map(|e| string(e, "key")).collect::<Vec<_>>())
                .unwrap_or_default(),
        );
        if let Some(key) = keys.iter().find(|key| !["os", "arch"].contains(key)) {
            return Err(fail(format!("selector key {key:?} not supported")));
        }
        if labels.is_some_and(|l| l.as_mapping().is_none_or(|m| m.is_empty())) {
            return Err(fail("`matchLabels` specified but empty".into()));
        }
        if expressions.is_some_and(|e| e.as_sequence().is_none_or(Vec::is_empty)) {
            return Err(fail("`matchExpressions` specified but empty".into()));
        }
        let matched = KREW_PLATFORMS
            .iter()
            .find(|(os, arch)| selects(selector, os, arch))
            .ok_or_else(|| {
                format!("spec.platform[{index}]'s selector matches no supported platform")
            })?;
        selected.push((matched.0.to_string(), matched.1.to_string()));
    }
    for (os, arch) in KREW_PLATFORMS {
        let matching: Vec<usize> = platforms
            .iter()
            .enumerate()
            .filter(|(_, p)| p.get("selector").is_some_and(|s| selects(s, os, arch)))
            .map(|(index, _)| index)
            .collect();
        if matching.len() > 1 {
            return Err(format!(
                "multiple spec.platforms (at indexes {matching:?}) have overlapping selectors that select {os}/{arch}"
            ));
        }
    }
    Ok(selected)
}

fn sha256(file: &Path) -> String {
    let run = run(Command::new("sha256sum").arg(file));
    assert_eq!(run.code, 0, "{run}");
    run.stdout.split_whitespace().next().unwrap().to_string()
}

/// Installs one platform as krew does, from the local archive: check the sha256, unpack, apply
/// the file operations (default: everything to the root), then the `bin` must be inside the
/// installation, executable, and a license file must have been installed.
fn install_platform(platform: &Value, archives: &Path, install: &Path) -> Result<PathBuf, String> {
    let uri = string(platform, "uri");
    let archive = archives.join(uri.rsplit('/').next().unwrap());
    if !archive.is_file() {
        return Err(format!("no archive {} for {uri}", archive.display()));
    }
    let sum = sha256(&archive);
    if sum != string(platform, "sha256") {
        return Err(format!(
            "sha256 of {} is {sum}, the manifest says {}",
            archive.display(),
            string(platform, "sha256")
        ));
    }
    let unpacked = install.with_extension("unpacked");
    fs::create_dir_all(&unpacked).unwrap();
    fs::create_dir_all(install).unwrap();
    let untar = run(Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .arg("-C")
        .arg(&unpacked));
    if untar.code != 0 {
        return Err(format!("{untar}"));
    }
    let default = vec![Value::Null];
    let operations = platform
        .get("files")
        .and_then(Value::as_sequence)
        .unwrap_or(&default);
    for operation in operations {
        let (from, to) = if operation.is_null() {
            ("*", ".")
        } else {
            (string(operation, "from"), string(operation, "to"))
        };
        let sources: Vec<PathBuf> = if from == "*" {
            fs::read_dir(&unpacked)
                .unwrap()
                .map(|entry| entry.unwrap().path())
                .collect()
        } else {
            vec![unpacked.join(from)]
        };
        for source in sources {
            if !source.exists() {
                return Err(format!("files: {from:?} is not in the archive"));
            }
            let target = install.join(to).join(source.file_name().unwrap());
            fs::rename(&source, &target).unwrap();
        }
    }
    let bin = string(platform, "bin");
    if Path::new(bin).is_absolute() || bin.split('/').any(|part| part == "..") {
        return Err(format!("bin {bin:?} is outside the installation"));
    }
    let binary = install.join(bin);
    let mode = fs::metadata(&binary)
        .map_err(|e| format!("bin {bin:?} is not installed: {e}"))?
        .permissions()
        .mode();
    if mode & 0o111 == 0 {
        return Err(format!("bin {bin:?} is not executable"));
    }
    let installed: BTreeSet<String> = fs::read_dir(install)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().to_lowercase())
        .collect();
    if !installed
        .iter()
        .any(|f| LICENSE_FILES.contains(&f.as_str()))
    {
        return Err(format!(
            "no LICENSE (or alike) file installed among {installed:?}"
        ));
    }
    Ok(binary)
}

fn package(args: &[&str], binary: Option<&Path>) -> Run {
    let mut command = Command::new("bash");
    command.arg(root().join("krew/package.sh")).args(args);
    match binary {
        Some(binary) => command.env("DENSITY_BINARY", binary),
        None => command.env_remove("DENSITY_BINARY"),
    };
    run(command.env_remove("TARGET"))
}

fn read_manifest(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()))
}

fn host_platform() -> (&'static str, &'static str) {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        other => other,
    };
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    };
    (os, arch)
}

/// Everything `package.sh OUTDIR` promises about OUTDIR, checked as krew would.
fn check_package(out: &Path) {
    let (os, arch) = host_platform();
    let archive_name = format!("kubectl-density_v{VERSION}_{os}_{arch}.tar.gz");
    let archive = out.join(&archive_name);
    assert!(archive.is_file(), "no {archive_name} in {}", out.display());

    // The archive: the binary and LICENSE at its root, nothing else.
    let list = run(Command::new("tar").arg("-tzf").arg(&archive));
    assert_eq!(list.code, 0, "{list}");
    let mut entries: Vec<&str> = list.stdout.lines().collect();
    entries.sort();
    assert_eq!(entries, ["LICENSE", "kubectl-density"]);
    let sums = fs::read_to_string(out.join(format!("{archive_name}.sha256"))).unwrap();
    assert_eq!(sums, format!("{}  {archive_name}\n", sha256(&archive)));

    // The manifest.
    let file = out.join("density.yaml");
    let manifest = read_manifest(&file);
    let platforms =
        validate_manifest(&file, &manifest).unwrap_or_else(|e| panic!("{e}\n{manifest:?}"));
    assert_eq!(platforms, [(os.to_string(), arch.to_string())]);
    let spec = &manifest["spec"];
    assert_eq!(string(spec, "version"), format!("v{VERSION}"));
    assert_eq!(string(spec, "homepage"), env!("CARGO_PKG_HOMEPAGE"));
    assert!(!string(spec, "description").is_empty());
    assert!(
        string(spec, "caveats").contains("nodes/proxy"),
        "caveats must name the nodes/proxy permission"
    );
    let platform = &spec["platforms"][0];
    assert_eq!(
        string(platform, "uri"),
        format!(
            "{}/releases/download/v{VERSION}/{archive_name}",
            env!("CARGO_PKG_REPOSITORY")
        )
    );
    assert_eq!(string(platform, "sha256"), sha256(&archive));
    assert_eq!(string(platform, "bin"), "kubectl-density");

    // Installed as krew installs it, the plugin runs.
    let install = out.join("install");
    let binary = install_platform(platform, out, &install).unwrap_or_else(|e| panic!("{e}"));
    let version = run(Command::new(&binary).arg("--version"));
    assert_eq!(
        version.stdout,
        format!("kubectl density {VERSION}\n"),
        "{version}"
    );
}

#[test]
fn krew_package_makes_an_archive_and_a_manifest_krew_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    let run = package(&[out.to_str().unwrap()], Some(Path::new(BINARY)));
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.contains("wrote "), "{run}");
    check_package(&out);
}

/// The release build itself (LTO: a few minutes the first time, cached after).
#[test]
fn krew_package_builds_the_release_binary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    let run = package(&[out.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{run}");
    check_package(&out);
}

#[test]
fn krew_package_refuses_a_binary_of_another_version() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("kubectl-density");
    fs::write(&fake, "#!/bin/sh\necho 'kubectl density 0.0.0-old'\n").unwrap();
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
    let out = dir.path().join("dist");
    let run = package(&[out.to_str().unwrap()], Some(&fake));
    assert_ne!(run.code, 0, "{run}");
    assert!(run.stderr.contains("not version"), "{run}");
    assert!(!out.join("density.yaml").exists());
}

/// A stand-in release archive for `os`/`arch` (a script as the binary).
fn fake_archive(out: &Path, os: &str, arch: &str) {
    let stage = out.join(format!("stage-{os}-{arch}"));
    fs::create_dir_all(&stage).unwrap();
    let binary = stage.join("kubectl-density");
    fs::write(
        &binary,
        format!("#!/bin/sh\necho 'kubectl density {VERSION}'\n"),
    )
    .unwrap();
    fs::set_permissions(&binary, fs::Permissions::from_mode(0o755)).unwrap();
    fs::copy(root().join("LICENSE"), stage.join("LICENSE")).unwrap();
    let archive = out.join(format!("kubectl-density_v{VERSION}_{os}_{arch}.tar.gz"));
    let tar = run(Command::new("tar")
        .arg("-C")
        .arg(&stage)
        .arg("-czf")
        .arg(&archive)
        .args(["kubectl-density", "LICENSE"]));
    assert_eq!(tar.code, 0, "{tar}");
    fs::remove_dir_all(&stage).unwrap();
}

#[test]
fn the_manifest_covers_every_release_archive_in_outdir() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    fs::create_dir_all(&out).unwrap();

    // No archive at all: an error, not an empty manifest.
    let run = package(&["--manifest-only", out.to_str().unwrap()], None);
    assert_ne!(run.code, 0, "{run}");
    assert!(run.stderr.contains("no archive"), "{run}");

    let release = [
        ("linux", "amd64"),
        ("linux", "arm64"),
        ("darwin", "amd64"),
        ("darwin", "arm64"),
    ];
    for (os, arch) in release {
        fake_archive(&out, os, arch);
    }
    let run = package(&["--manifest-only", out.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{run}");
    let file = out.join("density.yaml");
    let manifest = read_manifest(&file);
    let platforms = validate_manifest(&file, &manifest).unwrap_or_else(|e| panic!("{e}"));
    let want: Vec<(String, String)> = release
        .iter()
        .map(|(os, arch)| (os.to_string(), arch.to_string()))
        .collect();
    assert_eq!(platforms, want);
    for (index, platform) in manifest["spec"]["platforms"]
        .as_sequence()
        .unwrap()
        .iter()
        .enumerate()
    {
        let install = out.join(format!("install-{index}"));
        install_platform(platform, &out, &install)
            .unwrap_or_else(|e| panic!("platform {index}: {e}"));
    }
}

/// The template as krew-release-bot renders it (`{{ .TagName }}`, `addURIAndSha` with its
/// hard-coded four-space indentation of `sha256:`) is a valid manifest for all the released
/// platforms, and says the same as what `package.sh` renders.
#[test]
fn the_release_bot_template_renders_to_a_valid_manifest() {
    let template = fs::read_to_string(root().join("krew/density.yaml")).unwrap();
    let tag = format!("v{VERSION}");
    let mut rendered = String::new();
    for line in template.lines() {
        let line = line.replace("{{ .TagName }}", &tag);
        let trimmed = line.trim_start();
        if let Some(call) = trimmed.strip_prefix("{{addURIAndSha \"") {
            assert!(
                line.starts_with("    {{"),
                "addURIAndSha must be indented by 4: {line}"
            );
            let (url, rest) = call.split_once('"').unwrap();
            assert_eq!(rest.trim(), ".TagName }}", "{line}");
            rendered.push_str(&format!("    uri: {url}\n    sha256: {}\n", "0".repeat(64)));
        } else {
            assert!(
                !line.contains("{{"),
                "a template expression the bot does not know: {line}"
            );
            rendered.push_str(&line);
            rendered.push('\n');
        }
    }
    let manifest: Value =
        serde_yaml::from_str(&rendered).unwrap_or_else(|e| panic!("{e}\n{rendered}"));
    let platforms =
        validate_manifest(Path::new("density.yaml"), &manifest).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(platforms.len(), 4, "{platforms:?}");
    for (platform, (os, arch)) in manifest["spec"]["platforms"]
        .as_sequence()
        .unwrap()
        .iter()
        .zip(&platforms)
    {
        assert_eq!(
            string(platform, "uri"),
            format!(
                "{}/releases/download/{tag}/kubectl-density_{tag}_{os}_{arch}.tar.gz",
                env!("CARGO_PKG_REPOSITORY")
            )
        );
    }
}

#[test]
fn the_manifest_validation_rejects_what_krew_rejects() {
    let good = format!(
        "apiVersion: krew.googlecontainertools.github.com/v1alpha2
kind: Plugin
metadata: {{name: density}}
spec:
  version: v1.2.3
  homepage: https://example.org
  shortDescription: short
  platforms:
  - selector: {{matchLabels: {{os: linux, arch: amd64}}}}
    uri: https://example.org/a.tar.gz
    sha256: {}
    bin: kubectl-density
",
        "a".repeat(64)
    );
    let check = |text: &str| {
        let manifest: Value = serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        validate_manifest(Path::new("density.yaml"), &manifest)
    };
    assert_eq!(
        check(&good),
        Ok(vec![("linux".to_string(), "amd64".to_string())])
    );
    for (bad, why) in [
        (good.replace("v1.2.3", "1.2.3"), "not starting with 'v'"),
        (good.replace("v1.2.3", "v1.2"), "illegal version"),
        (good.replace("v1.2.3", "v01.2.3"), "zero-prefixed"),
        (good.replace("v1.2.3", "v1.2.3-rc.01"), "zero-prefixed"),
        (good.replace(&"a".repeat(64), &"A".repeat(64)), "sha256"),
        (good.replace("os: linux", "distro: linux"), "not supported"),
        (good.replace("name: density", "name: other"), "should be named"),
        (good.replace("short\n", "\"\"\n"), "short description"),
        (good.replace("os: linux", "os: plan9"), "matches no supported platform"),
        (
            good.replace(
                "    bin: kubectl-density\n",
                &format!(
                    "    bin: kubectl-density\n  - selector: {{matchExpressions: [{{key: os, operator: In, values: [linux]}}]}}\n    uri: https://x/b.tar.gz\n    sha256: {}\n    bin: b\n",
                    "b".repeat(64)
                ),
            ),
            "overlapping",
        ),
    ] {
        let error = check(&bad).expect_err(why);
        assert!(error.contains(why), "{why}: {error}");
    }
    assert!(krew_semver("v1.2.3-alpha.1+build.5").is_ok());
}
