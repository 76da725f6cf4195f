//! Completion from the clap definition, in cobra's `__complete` protocol.
//!
//! kubectl (1.26+) completes a plugin by running `kubectl_complete-<plugin> ARGS…` from the
//! PATH, where ARGS are the words after `kubectl density` and the last one is the word being
//! completed (possibly empty). It expects cobra's answer: one candidate per line
//! (`value<TAB>description`), then `:<directive>`. The binary answers when it runs as
//! `kubectl_complete-density`, or as `kubectl-density __complete ARGS…` (what the helper script
//! `completions/kubectl_complete-density` runs).
//!
//! Everything comes from [`crate::cli::Cli`]: subcommands and their `about`, flags and their
//! help, values from each flag's value parser (`ValueEnum`s, `--arch`, `--kubevirt-version`),
//! and file completion from the value hints. Three kinds of values are not in the definition:
//! rule codes and names (`--select`, `--ignore`, `rules RULE`, from [`crate::rules::RULES`]),
//! and kubeconfig contexts, clusters and users (`--context`, `--cluster`, `--user`), read by
//! [`kubeconfig_names`] — the only I/O here, passed in so [`complete`] stays pure.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Arg, ArgAction, Command, ValueHint};

use crate::rules::RULES;

/// Cobra's `ShellCompDirective` bits: what the shell does besides offering the candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Directive(pub u32);

impl Directive {
    /// Offer the candidates; with none, fall back to file completion.
    pub const DEFAULT: Directive = Directive(0);
    /// Something went wrong: complete nothing.
    pub const ERROR: Directive = Directive(1);
    /// Do not add a space after the completion.
    pub const NO_SPACE: Directive = Directive(2);
    /// Never fall back to file completion.
    pub const NO_FILE_COMP: Directive = Directive(4);
    /// The candidates are file extensions: complete files with those (and directories).
    pub const FILTER_FILE_EXT: Directive = Directive(8);
    /// Complete directories only.
    pub const FILTER_DIRS: Directive = Directive(16);
    /// Keep the candidates' order.
    pub const KEEP_ORDER: Directive = Directive(32);
}

impl std::ops::BitOr for Directive {
    type Output = Directive;

    fn bitor(self, other: Directive) -> Directive {
        Directive(self.0 | other.0)
    }
}

/// One completion candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub value: String,
    /// One line; empty when there is none.
    pub description: String,
}

impl Candidate {
    fn new(value: impl Into<String>, description: impl Into<String>) -> Self {
        Candidate {
            value: value.into(),
            description: one_line(&description.into()),
        }
    }
}

/// The answer to one completion request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completions {
    pub candidates: Vec<Candidate>,
    pub directive: Directive,
}

impl Completions {
    fn none() -> Self {
        Completions {
            candidates: Vec::new(),
            directive: Directive::NO_FILE_COMP,
        }
    }

    /// Writes cobra's `__complete` output: `value<TAB>description` lines, then `:<directive>`.
    pub fn write_cobra(&self, out: &mut impl Write, descriptions: bool) -> io::Result<()> {
        for candidate in &self.candidates {
            if descriptions && !candidate.description.is_empty() {
                writeln!(out, "{}\t{}", candidate.value, candidate.description)?;
            } else {
                writeln!(out, "{}", candidate.value)?;
            }
        }
        writeln!(out, ":{}", self.directive.0)
    }
}

/// Which kubeconfig names a flag takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KubeconfigList {
    Contexts,
    Clusters,
    Users,
}

/// Where completion may look outside the command definition.
pub trait Sources {
    /// The names in the kubeconfig (`--kubeconfig` as given on the line, if any).
    fn kubeconfig_names(&self, list: KubeconfigList, kubeconfig: Option<&str>) -> Vec<Candidate>;
}

/// The real sources: the kubeconfig files.
pub struct System;

impl Sources for System {
    fn kubeconfig_names(&self, list: KubeconfigList, kubeconfig: Option<&str>) -> Vec<Candidate> {
        kubeconfig_names(list, kubeconfig)
    }
}

/// Completes the last of `words` (the words after the program name; the last one is the word
/// being completed, empty at a fresh position) against `command`.
pub fn complete(mut command: Command, words: &[String], sources: &dyn Sources) -> Completions {
    command.build();
    let (to_complete, before) = match words.split_last() {
        Some((last, before)) => (last.as_str(), before),
        None => ("", &[][..]),
    };

    let mut current = &command;
    let mut pending: Option<&Arg> = None;
    let mut positionals = 0usize;
    let mut after_double_dash = false;
    let mut seen: Vec<&str> = Vec::new();
    let mut kubeconfig: Option<String> = None;

    for word in before {
        if let Some(arg) = pending.take() {
            if arg.get_id() == "kubeconfig" {
                kubeconfig = Some(word.clone());
            }
            continue;
        }
        if after_double_dash {
            positionals += 1;
            continue;
        }
        if word == "--" {
            after_double_dash = true;
            continue;
        }
        if let Some(flag) = word.strip_prefix("--") {
            let (name, value) = match flag.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (flag, None),
            };
            if let Some(arg) = find_long(current, name) {
                seen.push(arg.get_id().as_str());
                match value {
                    None if takes_value(arg) => pending = Some(arg),
                    Some(value) if arg.get_id() == "kubeconfig" => {
                        kubeconfig = Some(value.to_string());
                    }
                    _ => {}
                }
            }
            continue;
        }
        if let Some(cluster) = word.strip_prefix('-').filter(|rest| !rest.is_empty()) {
            // `-A`, `-Rf FILE`, `-ojson`, `-o=json`.
            for (at, short) in cluster.char_indices() {
                let Some(arg) = find_short(current, short) else {
                    break;
                };
                seen.push(arg.get_id().as_str());
                if takes_value(arg) {
                    if cluster[at + short.len_utf8()..].is_empty() {
                        pending = Some(arg);
                    }
                    break;
                }
            }
            continue;
        }
        if positionals == 0
            && let Some(sub) = current.find_subcommand(word)
        {
            current = sub;
            continue;
        }
        positionals += 1;
    }

    let context = Context {
        command: current,
        sources,
        kubeconfig: kubeconfig.as_deref(),
    };
    if let Some(arg) = pending {
        return context.values(arg, to_complete);
    }
    if !after_double_dash && to_complete.starts_with('-') {
        if let Some((name, value)) = to_complete
            .strip_prefix("--")
            .and_then(|flag| flag.split_once('='))
        {
            // `--flag=partial`: the shells keep the `--flag=` part themselves.
            return match find_long(current, name) {
                Some(arg) if takes_value(arg) => context.values(arg, value),
                _ => Completions::none(),
            };
        }
        return flags(current, to_complete, &seen);
    }
    if positionals == 0 && current.has_subcommands() {
        return subcommands(current, to_complete);
    }
    match positional(current, positionals) {
        Some(arg) => context.values(arg, to_complete),
        None => Completions::none(),
    }
}

/// What value completion needs besides the argument.
struct Context<'a> {
    command: &'a Command,
    sources: &'a dyn Sources,
    kubeconfig: Option<&'a str>,
}

impl Context<'_> {
    /// The values of `arg` that start with `partial`.
    fn values(&self, arg: &Arg, partial: &str) -> Completions {
        // `--select DEN001,DEN0` completes the part after the last delimiter.
        let (head, partial) = match arg.get_value_delimiter() {
            Some(delimiter) => match partial.rfind(delimiter) {
                Some(at) => partial.split_at(at + delimiter.len_utf8()),
                None => ("", partial),
            },
            None => ("", partial),
        };
        let candidates = match self.value_candidates(arg, partial) {
            Some(candidates) => candidates,
            None => return file_completion(arg),
        };
        Completions {
            candidates: candidates
                .into_iter()
                .filter(|candidate| candidate.value.starts_with(partial))
                .map(|candidate| Candidate {
                    value: format!("{head}{}", candidate.value),
                    ..candidate
                })
                .collect(),
            directive: Directive::NO_FILE_COMP,
        }
    }

    /// The values `arg` can take, when they can be listed.
    fn value_candidates(&self, arg: &Arg, partial: &str) -> Option<Vec<Candidate>> {
        let id = arg.get_id().as_str();
        let kubeconfig_list = match id {
            "context" => Some(KubeconfigList::Contexts),
            "cluster" => Some(KubeconfigList::Clusters),
            "user" => Some(KubeconfigList::Users),
            _ => None,
        };
        if let Some(list) = kubeconfig_list {
            return Some(self.sources.kubeconfig_names(list, self.kubeconfig));
        }
        let takes_rules = matches!(id, "select" | "ignore")
            || (id == "rule" && self.command.get_name() == "rules");
        if takes_rules {
            return Some(rule_candidates(partial));
        }
        let values: Vec<Candidate> = arg
            .get_possible_values()
            .iter()
            .filter(|value| !value.is_hide_set())
            .map(|value| {
                let help = value.get_help().map(|h| h.to_string()).unwrap_or_default();
                Candidate::new(value.get_name(), help)
            })
            .collect();
        (!values.is_empty()).then_some(values)
    }
}

/// Rule codes (with the name as description); names too once the user types something that
/// is not a code.
fn rule_candidates(partial: &str) -> Vec<Candidate> {
    let mut candidates: Vec<Candidate> = RULES
        .iter()
        .map(|rule| Candidate::new(rule.code, rule.name))
        .collect();
    if !partial.is_empty() {
        candidates.extend(
            RULES
                .iter()
                .map(|rule| Candidate::new(rule.name, rule.code)),
        );
    }
    candidates
}

/// Completion for a value that cannot be listed: files where the value hint says so.
fn file_completion(arg: &Arg) -> Completions {
    let directive = match arg.get_value_hint() {
        // Kubeconfig files rarely have an extension (~/.kube/config).
        ValueHint::FilePath | ValueHint::AnyPath if arg.get_id() == "kubeconfig" => {
            Directive::DEFAULT
        }
        // Manifests, config files, configz dumps: YAML or JSON (and directories).
        ValueHint::FilePath | ValueHint::AnyPath => {
            return Completions {
                candidates: ["yaml", "yml", "json"]
                    .into_iter()
                    .map(|ext| Candidate::new(ext, ""))
                    .collect(),
                directive: Directive::FILTER_FILE_EXT,
            };
        }
        ValueHint::DirPath => Directive::FILTER_DIRS,
        _ => Directive::NO_FILE_COMP,
    };
    Completions {
        candidates: Vec::new(),
        directive,
    }
}

/// The flags of `command` that start with `partial` (`-` or `--…`), as cobra lists them:
/// `--long` and `-s`, minus those already given that cannot be repeated.
fn flags(command: &Command, partial: &str, seen: &[&str]) -> Completions {
    let mut candidates = Vec::new();
    for arg in command.get_arguments() {
        if arg.is_positional() || arg.is_hide_set() {
            continue;
        }
        let repeatable = matches!(arg.get_action(), ArgAction::Append | ArgAction::Count);
        if !repeatable && seen.contains(&arg.get_id().as_str()) {
            continue;
        }
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        if let Some(long) = arg.get_long() {
            let flag = format!("--{long}");
            if flag.starts_with(partial) {
                candidates.push(Candidate::new(flag, help.clone()));
            }
        }
        if let Some(short) = arg.get_short() {
            let flag = format!("-{short}");
            if flag.starts_with(partial) {
                candidates.push(Candidate::new(flag, help));
            }
        }
    }
    Completions {
        candidates,
        directive: Directive::NO_FILE_COMP,
    }
}

/// The visible subcommands of `command` that start with `partial`.
fn subcommands(command: &Command, partial: &str) -> Completions {
    Completions {
        candidates: command
            .get_subcommands()
            .filter(|sub| !sub.is_hide_set() && sub.get_name().starts_with(partial))
            .map(|sub| {
                let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
                Candidate::new(sub.get_name(), about)
            })
            .collect(),
        directive: Directive::NO_FILE_COMP,
    }
}

/// The positional argument that takes the word after `consumed` positional words.
fn positional(command: &Command, consumed: usize) -> Option<&Arg> {
    let mut positionals: Vec<&Arg> = command.get_positionals().collect();
    positionals.sort_by_key(|arg| arg.get_index());
    positionals.get(consumed).copied().or_else(|| {
        positionals
            .last()
            .copied()
            .filter(|arg| arg.get_num_args().is_some_and(|n| n.max_values() > 1))
    })
}

fn find_long<'a>(command: &'a Command, name: &str) -> Option<&'a Arg> {
    command.get_arguments().find(|arg| {
        arg.get_long_and_visible_aliases()
            .is_some_and(|names| names.contains(&name))
    })
}

fn find_short(command: &Command, short: char) -> Option<&Arg> {
    command.get_arguments().find(|arg| {
        arg.get_short_and_visible_aliases()
            .is_some_and(|shorts| shorts.contains(&short))
    })
}

fn takes_value(arg: &Arg) -> bool {
    arg.get_action().takes_values()
}

/// The first line of a help text, without tabs (they separate value and description).
fn one_line(text: &str) -> String {
    text.lines()
        .next()
        .unwrap_or_default()
        .replace('\t', " ")
        .trim()
        .to_string()
}

/// Context, cluster or user names from the kubeconfig: `--kubeconfig` if given, else
/// `$KUBECONFIG` (merged), else `~/.kube/config`. Names only, never credentials; nothing when
/// the file is missing or unreadable.
pub fn kubeconfig_names(list: KubeconfigList, path: Option<&str>) -> Vec<Candidate> {
    use kube::config::Kubeconfig;

    let config = match path {
        Some(path) => Kubeconfig::read_from(expand_home(path)),
        None => Kubeconfig::read(),
    };
    let Ok(config) = config else {
        return Vec::new();
    };
    match list {
        KubeconfigList::Contexts => config
            .contexts
            .iter()
            .map(|named| {
                let mut about = named
                    .context
                    .as_ref()
                    .map(|context| {
                        let mut about = format!("cluster {}", context.cluster);
                        if let Some(namespace) = &context.namespace {
                            about.push_str(&format!(", namespace {namespace}"));
                        }
                        about
                    })
                    .unwrap_or_default();
                if config.current_context.as_deref() == Some(named.name.as_str()) {
                    about = format!("(current) {about}");
                }
                Candidate::new(&named.name, about)
            })
            .collect(),
        KubeconfigList::Clusters => config
            .clusters
            .iter()
            .map(|named| {
                let server = named
                    .cluster
                    .as_ref()
                    .and_then(|cluster| cluster.server.clone())
                    .unwrap_or_default();
                Candidate::new(&named.name, server)
            })
            .collect(),
        KubeconfigList::Users => config
            .auth_infos
            .iter()
            .map(|named| Candidate::new(&named.name, ""))
            .collect(),
    }
}

/// `~/x` as the shell would expand it (the word arrives as typed).
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::CommandFactory;

    struct NoKubeconfig;

    impl Sources for NoKubeconfig {
        fn kubeconfig_names(&self, list: KubeconfigList, path: Option<&str>) -> Vec<Candidate> {
            vec![Candidate::new(
                format!("{list:?}"),
                path.unwrap_or("default").to_string(),
            )]
        }
    }

    fn run(words: &[&str]) -> Completions {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        complete(Cli::command(), &words, &NoKubeconfig)
    }

    fn values(words: &[&str]) -> Vec<String> {
        run(words)
            .candidates
            .into_iter()
            .map(|candidate| candidate.value)
            .collect()
    }

    #[test]
    fn subcommands_at_the_start() {
        let completions = run(&[""]);
        assert_eq!(completions.directive, Directive::NO_FILE_COMP);
        let names = values(&[""]);
        for name in [
            "lint",
            "apply-overcommit",
            "explain",
            "eviction",
            "plan",
            "rules",
            "completion",
            "help",
        ] {
            assert!(names.contains(&name.to_string()), "{name}: {names:?}");
        }
        assert_eq!(values(&["ex"]), ["explain"]);
        assert_eq!(values(&["--context", "x", "-n", "ns", "li"]), ["lint"]);
        assert_eq!(values(&["help", "ev"]), ["eviction"]);
        assert!(run(&[]).candidates.len() >= 7);
    }

    #[test]
    fn flags_with_their_help() {
        let completions = run(&["lint", "--fail"]);
        assert_eq!(completions.candidates.len(), 1);
        assert_eq!(completions.candidates[0].value, "--fail-on");
        assert!(!completions.candidates[0].description.is_empty());
        let lint = values(&["lint", "-"]);
        for flag in [
            "-f",
            "--filename",
            "-o",
            "--kubevirt-version",
            "--context",
            "-n",
            "-h",
        ] {
            assert!(lint.contains(&flag.to_string()), "{flag}: {lint:?}");
        }
        // Globals after the subcommand, and not the subcommand's own flags elsewhere.
        assert!(!values(&["rules", "--"]).contains(&"--fail-on".to_string()));
        assert!(values(&["rules", "--"]).contains(&"--kubeconfig".to_string()));
        // Given once, not offered again; repeatable flags are.
        let again = values(&["lint", "--fail-on", "error", "-f", "a.yaml", "--"]);
        assert!(!again.contains(&"--fail-on".to_string()));
        assert!(again.contains(&"--filename".to_string()));
    }

    #[test]
    fn values_from_the_definition() {
        assert_eq!(
            values(&["lint", "--fail-on", ""]),
            ["error", "warning", "info", "never"]
        );
        assert_eq!(values(&["lint", "--fail-on", "w"]), ["warning"]);
        assert_eq!(values(&["lint", "--fail-on=w"]), ["warning"]);
        assert_eq!(values(&["lint", "-o", ""]), ["text", "json", "sarif"]);
        assert_eq!(
            values(&["eviction", "-o", ""]),
            ["table", "wide", "yaml", "json"]
        );
        assert_eq!(values(&["--color", ""]), ["auto", "always", "never"]);
        assert_eq!(values(&["plan", "--arch", ""]), ["amd64", "arm64", "s390x"]);
        let versions = values(&["explain", "--kubevirt-version", ""]);
        assert_eq!(versions.first().map(String::as_str), Some("v1.0"));
        assert_eq!(versions.len(), 11);
        assert!(versions.contains(&"v1.9".to_string()) && versions.contains(&"main".to_string()));
        assert_eq!(
            values(&["completion", ""]),
            ["bash", "zsh", "fish", "kubectl-plugin"]
        );
        // A value already attached: the next word is a fresh position.
        assert_eq!(
            values(&["lint", "-ojson", "--fail-on=error", "--fail"]),
            Vec::<String>::new()
        );
    }

    #[test]
    fn files_where_files_go() {
        let manifests = run(&["lint", "-f", ""]);
        assert_eq!(manifests.directive, Directive::FILTER_FILE_EXT);
        assert_eq!(values(&["lint", "-f", ""]), ["yaml", "yml", "json"]);
        assert_eq!(
            run(&["explain", "--kubevirt-config", ""]).directive,
            Directive::FILTER_FILE_EXT
        );
        assert_eq!(
            run(&["lint", "--config", ""]).directive,
            Directive::FILTER_FILE_EXT
        );
        assert_eq!(
            run(&["eviction", "-f", ""]).directive,
            Directive::FILTER_FILE_EXT
        );
        let kubeconfig = run(&["lint", "--kubeconfig", ""]);
        assert_eq!(kubeconfig.directive, Directive::DEFAULT);
        assert!(kubeconfig.candidates.is_empty());
        // Live object names and quantities: nothing to offer, and not files.
        assert_eq!(run(&["lint", ""]), Completions::none());
        assert_eq!(run(&["plan", "--node-memory", ""]), Completions::none());
    }

    #[test]
    fn rules_and_kubeconfig_names() {
        let codes = values(&["lint", "--select", ""]);
        assert_eq!(codes.len(), RULES.len());
        assert!(codes.contains(&"DEN001".to_string()));
        assert_eq!(
            values(&["lint", "--ignore", "graphics"]),
            ["graphics-device-attached"]
        );
        let den00 = RULES.iter().filter(|r| r.code.starts_with("DEN00")).count();
        let listed = values(&["lint", "--select", "DEN001,DEN00"]);
        assert_eq!(listed.len(), den00);
        assert!(
            listed.iter().all(|v| v.starts_with("DEN001,DEN00")),
            "{listed:?}"
        );
        assert!(values(&["rules", ""]).contains(&"DEN002".to_string()));
        let contexts = run(&["--kubeconfig", "k.yaml", "lint", "--context", ""]);
        assert_eq!(contexts.candidates[0].value, "Contexts");
        assert_eq!(contexts.candidates[0].description, "k.yaml");
        assert_eq!(values(&["lint", "--user", ""]), ["Users"]);
    }

    #[test]
    fn cobra_output() {
        let mut out = Vec::new();
        run(&["lint", "--fail-on", "e"])
            .write_cobra(&mut out, true)
            .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "error\n:4\n");
        let mut out = Vec::new();
        run(&["completion", "k"])
            .write_cobra(&mut out, true)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("kubectl-plugin\tInstall"), "{text}");
        let mut out = Vec::new();
        run(&["completion", "k"])
            .write_cobra(&mut out, false)
            .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "kubectl-plugin\n:4\n");
    }
}
