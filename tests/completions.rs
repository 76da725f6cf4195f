//! Shell completion: the committed scripts in `completions/` are exactly what `kubectl density
//! completion SHELL` prints and complete in their shells, and the binary answers kubectl's
//! plugin-completion protocol — as `__complete`, as `kubectl_complete-density`, and through
//! the helper script that `completion kubectl-plugin` installs.
//!
//! `UPDATE_COMPLETIONS=1 cargo test --test completions` rewrites stale scripts. The zsh and
//! fish checks run where those shells are installed (bash is always there).

mod support;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;

use kubectl_density::rules::RULES;
use support::{Run, density};

const BINARY: &str = env!("CARGO_BIN_EXE_kubectl-density");

const SCRIPTS: [(&str, &str); 3] = [
    ("bash", "kubectl-density.bash"),
    ("zsh", "_kubectl-density"),
    ("fish", "kubectl-density.fish"),
];

fn completions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("completions")
}

fn run(command: &mut Command) -> Run {
    let output = command.output().expect("command runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The candidate values of a cobra `__complete` answer, and its directive.
fn cobra(run: &Run) -> (Vec<String>, u32) {
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

fn complete(words: &[&str]) -> (Vec<String>, u32) {
    let mut args = vec!["__complete"];
    args.extend_from_slice(words);
    cobra(&density(&args).run())
}

fn is_installed(shell: &str) -> bool {
    Command::new(shell)
        .arg("-c")
        .arg("exit 0")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn committed_scripts_are_what_completion_prints() {
    let update = std::env::var_os("UPDATE_COMPLETIONS").is_some();
    let mut stale = Vec::new();
    for (shell, file) in SCRIPTS {
        let run = density(&["completion", shell]).run();
        assert_eq!(run.code, 0, "{run}");
        assert!(run.stderr.is_empty(), "{run}");
        assert!(run.stdout.contains("kubectl-density"), "{run}");
        let path = completions_dir().join(file);
        if fs::read_to_string(&path).ok().as_deref() != Some(run.stdout.as_str()) {
            if update {
                fs::write(&path, &run.stdout).unwrap();
            } else {
                stale.push(file);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "completions/{{{}}} differ from `kubectl density completion SHELL` (the CLI changed): \
         regenerate them with UPDATE_COMPLETIONS=1 cargo test --test completions",
        stale.join(",")
    );
}

/// Runs the committed bash script's completion function for `words` (the last is the word
/// being completed).
fn bash_complete(words: &[&str]) -> Vec<String> {
    let script = completions_dir().join("kubectl-density.bash");
    let run = run(Command::new("bash")
        .arg("-c")
        .arg(
            r#"source "$0" || exit 3
               COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
               complete -p kubectl-density >/dev/null || exit 4
               fn=$(complete -p kubectl-density | sed -n 's/.*-F \([^ ]*\).*/\1/p')
               "$fn" kubectl-density "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
               printf '%s\n' "${COMPREPLY[@]}""#,
        )
        .arg(&script)
        .args(words));
    assert_eq!(run.code, 0, "{run}");
    run.stdout.lines().map(str::to_string).collect()
}

#[test]
fn the_bash_script_completes_subcommands_flags_and_values() {
    assert!(bash_complete(&["kubectl-density", ""]).contains(&"lint".to_string()));
    assert_eq!(bash_complete(&["kubectl-density", "ex"]), ["explain"]);
    assert_eq!(
        bash_complete(&["kubectl-density", "lint", "--fail-on", ""]),
        ["error", "warning", "info", "never"]
    );
    assert_eq!(
        bash_complete(&["kubectl-density", "apply-overcommit", "--no-g"]),
        ["--no-graphics"]
    );
    assert_eq!(
        bash_complete(&["kubectl-density", "explain", "--kubevirt-version", "v1.9"]),
        ["v1.9"]
    );
    assert_eq!(
        bash_complete(&["kubectl-density", "eviction", "-o", ""]),
        ["table", "wide", "yaml", "json"]
    );
    assert_eq!(
        bash_complete(&["kubectl-density", "plan", "--arch", "a"]),
        ["amd64", "arm64"]
    );
}

/// Captures what zsh offers for `line` with the committed `_kubectl-density` on `fpath`: a
/// pseudo-terminal runs an interactive zsh, `compadd` is wrapped to print the matches.
const ZSH_CAPTURE: &str = r#"
zmodload zsh/zpty || exit 3
zpty z zsh -f -i
zpty -w z "PROMPT=''; RPROMPT=''"
zpty -w z "fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z "compadd () { local -a hits; builtin compadd -O hits \"\$@\"; local h; for h in \$hits; do print -r -- \"<HIT>\$h\"; done; builtin compadd \"\$@\" }"
zpty -w z "print -r -- '<READY>'"
local line
while zpty -r z line; do [[ $line == *'<READY>'* && $line != *print* ]] && break; done
zpty -w -n z "$2"$'\t'
while zpty -r -t z line 2>/dev/null || { sleep 0.5; zpty -r -t z line 2>/dev/null }; do
  [[ $line == *'<HIT>'* ]] && print -r -- "${${line##*<HIT>}%%$'\r'*}"
done
zpty -d z
"#;

fn zsh_complete(line: &str) -> Vec<String> {
    let run = run(Command::new("zsh")
        .arg("-f")
        .arg("-c")
        .arg(ZSH_CAPTURE)
        .arg("capture")
        .arg(completions_dir())
        .arg(line));
    assert_eq!(run.code, 0, "{run}");
    let mut values: Vec<String> = Vec::new();
    for value in run.stdout.lines() {
        if !values.iter().any(|v| v == value) {
            values.push(value.to_string());
        }
    }
    values
}

#[test]
fn the_zsh_script_completes_subcommands_flags_and_values() {
    if !is_installed("zsh") {
        eprintln!("zsh is not installed: skipping the zsh completion check");
        return;
    }
    let check = Command::new("zsh")
        .arg("-n")
        .arg(completions_dir().join("_kubectl-density"))
        .status()
        .unwrap();
    assert!(check.success());
    assert!(zsh_complete("kubectl-density ").contains(&"apply-overcommit".to_string()));
    let mut fail_on = zsh_complete("kubectl-density lint --fail-on ");
    fail_on.sort();
    assert_eq!(fail_on, ["error", "info", "never", "warning"]);
    let versions = zsh_complete("kubectl-density explain --kubevirt-version ");
    assert_eq!(versions.len(), 11, "{versions:?}");
    assert!(versions.contains(&"main".to_string()));
    assert_eq!(
        zsh_complete("kubectl-density apply-overcommit --no-g"),
        ["--no-graphics"]
    );
}

fn fish_complete(line: &str) -> Vec<String> {
    let script = completions_dir().join("kubectl-density.fish");
    let run = run(Command::new("fish")
        .arg("--no-config")
        .arg("-c")
        .arg("source $argv[1]; and complete --do-complete=$argv[2]")
        .arg(&script)
        .arg(line));
    assert_eq!(run.code, 0, "{run}");
    run.stdout
        .lines()
        .map(|line| line.split('\t').next().unwrap().to_string())
        .collect()
}

#[test]
fn the_fish_script_completes_subcommands_flags_and_values() {
    if !is_installed("fish") {
        eprintln!("fish is not installed: skipping the fish completion check");
        return;
    }
    assert!(fish_complete("kubectl-density ").contains(&"lint".to_string()));
    let mut fail_on = fish_complete("kubectl-density lint --fail-on ");
    fail_on.sort();
    assert_eq!(fail_on, ["error", "info", "never", "warning"]);
    assert!(
        fish_complete("kubectl-density explain --kubevirt-version ").contains(&"v1.0".to_string())
    );
    assert_eq!(
        fish_complete("kubectl-density completion k"),
        ["kubectl-plugin"]
    );
}

#[test]
fn the_protocol_offers_subcommands_flags_and_values() {
    let (subcommands, directive) = complete(&[""]);
    assert_eq!(directive, 4, "no file completion for subcommands");
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
    let (flags, _) = complete(&["lint", "--f"]);
    assert_eq!(flags, ["--filename", "--fail-on"]);
    assert_eq!(
        complete(&["lint", "--fail-on", ""]),
        (
            vec![
                "error".into(),
                "warning".into(),
                "info".into(),
                "never".into()
            ],
            4
        )
    );
    assert_eq!(complete(&["lint", "--fail-on=n"]).0, ["never"]);
    assert_eq!(complete(&["lint", "-o", ""]).0, ["text", "json", "sarif"]);
    assert_eq!(complete(&["explain", "-o", ""]).0, ["text", "json", "yaml"]);
    assert_eq!(complete(&["--color", ""]).0, ["auto", "always", "never"]);
    assert_eq!(
        complete(&["plan", "--arch", ""]).0,
        ["amd64", "arm64", "s390x"]
    );
    let (versions, _) = complete(&["explain", "--kubevirt-version", ""]);
    let want: Vec<String> = (0..=9)
        .map(|minor| format!("v1.{minor}"))
        .chain(["main".to_string()])
        .collect();
    assert_eq!(versions, want);
    let den01: Vec<&str> = RULES
        .iter()
        .map(|rule| rule.code)
        .filter(|code| code.starts_with("DEN01"))
        .collect();
    assert_eq!(complete(&["rules", "DEN01"]).0, den01);
    // Files: manifests filtered by extension (directive 8), kubeconfig any file (0).
    assert_eq!(
        complete(&["lint", "-f", ""]),
        (vec!["yaml".into(), "yml".into(), "json".into()], 8)
    );
    assert_eq!(complete(&["--kubeconfig", ""]), (vec![], 0));
    // Names of live objects: nothing to offer, and not files either.
    assert_eq!(complete(&["explain", ""]), (vec![], 4));
}

#[test]
fn descriptions_follow_a_tab_unless_asked_not_to() {
    let run = density(&["__complete", "completion", ""]).run();
    assert!(
        run.stdout.contains(
            "kubectl-plugin\tInstall `kubectl_complete-density` next to the plugin binary"
        ),
        "{run}"
    );
    let run = density(&["__completeNoDesc", "completion", ""]).run();
    assert_eq!(run.stdout, "bash\nzsh\nfish\nkubectl-plugin\n:4\n");
}

#[test]
fn contexts_clusters_and_users_come_from_the_kubeconfig_without_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = dir.path().join("config");
    fs::write(
        &kubeconfig,
        "apiVersion: v1\nkind: Config\ncurrent-context: prod\n\
         clusters:\n- name: prod-cluster\n  cluster: {server: https://prod.example:6443}\n\
         - name: lab-cluster\n  cluster: {server: https://lab.example:6443}\n\
         users:\n- name: admin\n  user: {token: s3cr3t-token}\n\
         contexts:\n- name: prod\n  context: {cluster: prod-cluster, user: admin, namespace: vms}\n\
         - name: lab\n  context: {cluster: lab-cluster, user: admin}\n",
    )
    .unwrap();
    let path = kubeconfig.to_str().unwrap();
    let home = dir.path().to_str().unwrap();
    let run = density(&["__complete", "lint", "--context", ""])
        .env("KUBECONFIG", path)
        .env("HOME", home)
        .run();
    assert_eq!(cobra(&run), (vec!["prod".into(), "lab".into()], 4));
    assert!(
        run.stdout
            .contains("prod\t(current) cluster prod-cluster, namespace vms"),
        "{run}"
    );
    let run = density(&["__complete", "--kubeconfig", path, "--cluster", "l"])
        .env("HOME", home)
        .run();
    assert_eq!(cobra(&run).0, ["lab-cluster"]);
    let run = density(&["__complete", "--user", ""])
        .env("KUBECONFIG", path)
        .env("HOME", home)
        .run();
    assert_eq!(cobra(&run).0, ["admin"]);
    assert!(!run.stdout.contains("s3cr3t"), "{run}");
    // No kubeconfig: nothing, quietly.
    let run = density(&["__complete", "--context", ""])
        .env("HOME", home)
        .run();
    assert_eq!(run.stdout, ":4\n", "{run}");
    assert!(run.stderr.is_empty(), "{run}");
}

#[test]
fn the_binary_answers_as_kubectl_complete_density() {
    let dir = tempfile::tempdir().unwrap();
    let helper = dir.path().join("kubectl_complete-density");
    symlink(BINARY, &helper).unwrap();
    let answer = run(Command::new(&helper).args(["lint", "--fail-on", "e"]));
    assert_eq!(answer.stdout, "error\n:4\n", "{answer}");
}

/// A directory with `kubectl-density` (a link to the built binary).
fn plugin_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    symlink(BINARY, dir.path().join("kubectl-density")).unwrap();
    dir
}

#[test]
fn the_helper_script_runs_the_binary_beside_it_or_on_the_path() {
    let committed = completions_dir().join("kubectl_complete-density");
    let mode = fs::metadata(&committed).unwrap().permissions().mode();
    assert_eq!(
        mode & 0o111,
        0o111,
        "completions/kubectl_complete-density is not executable"
    );
    let want = density(&["__complete", "explain", "--kubevirt-version", "v1.1"]).run();

    // Beside the binary (how `completion kubectl-plugin` installs it).
    let beside = plugin_dir();
    let helper = beside.path().join("kubectl_complete-density");
    fs::copy(&committed, &helper).unwrap();
    let answer = run(Command::new(&helper)
        .args(["explain", "--kubevirt-version", "v1.1"])
        .env("PATH", "/usr/bin:/bin"));
    assert_eq!(answer.stdout, want.stdout, "{answer}");

    // Elsewhere: the kubectl-density on the PATH.
    let elsewhere = tempfile::tempdir().unwrap();
    let helper = elsewhere.path().join("kubectl_complete-density");
    fs::copy(&committed, &helper).unwrap();
    let path = format!("{}:/usr/bin:/bin", beside.path().display());
    let answer = run(Command::new(&helper)
        .args(["explain", "--kubevirt-version", "v1.1"])
        .env("PATH", path));
    assert_eq!(answer.stdout, want.stdout, "{answer}");
}

#[test]
fn completion_kubectl_plugin_installs_the_helper_next_to_the_binary() {
    let dir = plugin_dir();
    let binary = dir.path().join("kubectl-density");
    let helper = dir.path().join("kubectl_complete-density");
    let path = format!("{}:/usr/bin:/bin", dir.path().display());

    // Run by path, as kubectl runs plugins.
    let first = run(Command::new(&binary)
        .args(["completion", "kubectl-plugin"])
        .env("PATH", &path));
    assert_eq!(first.code, 0, "{first}");
    assert!(
        first
            .stdout
            .starts_with(&format!("installed {}\n", helper.display())),
        "{first}"
    );
    assert!(!first.stdout.contains("not on the PATH"), "{first}");
    let installed = fs::read(&helper).unwrap();
    assert_eq!(
        installed,
        fs::read(completions_dir().join("kubectl_complete-density")).unwrap()
    );
    assert_eq!(
        fs::metadata(&helper).unwrap().permissions().mode() & 0o777,
        0o755
    );

    // Again, by name through the PATH, over a stale helper: replaced, same place.
    fs::write(&helper, "#!/bin/sh\necho stale\n").unwrap();
    let again = run(Command::new("kubectl-density")
        .args(["completion", "kubectl-plugin"])
        .env("PATH", &path)
        .current_dir(std::env::temp_dir()));
    assert_eq!(again.code, 0, "{again}");
    assert_eq!(fs::read(&helper).unwrap(), installed);
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");

    // The installed helper answers.
    let answer = run(Command::new(&helper)
        .args(["completion", ""])
        .env("PATH", &path));
    assert_eq!(cobra(&answer).0, ["bash", "zsh", "fish", "kubectl-plugin"]);

    // A directory that is not on the PATH is installed into, with a note.
    let note = run(Command::new(&binary)
        .args(["completion", "kubectl-plugin"])
        .env("PATH", "/usr/bin:/bin"));
    assert_eq!(note.code, 0, "{note}");
    assert!(note.stdout.contains("is not on the PATH"), "{note}");
}
